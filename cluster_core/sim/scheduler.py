"""The default scheduler: binds pending pods to nodes, or says why it cannot.

One scheduling pass per settle takes every pod waiting in the active queue, oldest first, and runs
the default profile's filters in upstream order (NodeUnschedulable, TaintToleration, NodeAffinity,
NodeResourcesFit); the first filter a node fails gives its reason, as the framework stops at the
first failure. Feasible nodes are scored like LeastAllocated with the scheduler's non-zero request
defaults (100m CPU, 200Mi memory), so identical pods spread evenly; ties go to the node whose name
sorts first, which keeps a cluster the same for a seed.

A pod that fits nowhere stays Pending with ``PodScheduled=False/Unschedulable`` and a
``FailedScheduling`` event whose text is ``FitError.Error()`` plus the default preemption plugin's
post-filter message. It waits in the unschedulable queue until a node changes in a way that could
help (labels, taints, capacity, readiness), a pod frees resources, or five minutes pass
(``podMaxInUnschedulablePodsDuration``), with the per-pod back-off of 1 s doubling to 10 s.

State (JSON-safe, in ``sim.state["scheduler"]``): the queue of pods to try, and per unschedulable
pod its attempt count and last attempt time.
"""

from __future__ import annotations

from typing import Any

from cluster_core import timeutil
from cluster_core.api import quantity as resource_quantity
from cluster_core.sim.engine import Controller, Simulation
from cluster_core.sim.placement import node_affinity_matches, tolerates, untolerated_taint

SCHEDULER_NAME = "default-scheduler"
SOURCE = {"component": SCHEDULER_NAME}

REASON_SCHEDULED = "Scheduled"
REASON_FAILED = "FailedScheduling"
MSG_SCHEDULED = "Successfully assigned {ns}/{name} to {node}"
NO_NODES = "0/{n} nodes are available"
ERR_UNSCHEDULABLE = "node(s) were unschedulable"
ERR_TAINT = "node(s) had untolerated taint {{{key}: {value}}}"
ERR_AFFINITY = "node(s) didn't match Pod's node affinity/selector"
ERR_NODE_NAME = "node(s) didn't match the requested node name"
ERR_TOO_MANY_PODS = "Too many pods"
ERR_INSUFFICIENT = "Insufficient {resource}"
PREEMPTION_NOT_HELPFUL = "Preemption is not helpful for scheduling"
PREEMPTION_NO_VICTIMS = "No preemption victims found for incoming pod"

INITIAL_BACKOFF = 1.0
MAX_BACKOFF = 10.0
UNSCHEDULABLE_FLUSH = 300.0  # podMaxInUnschedulablePodsDuration
FLUSH_PERIOD = 30.0          # flushUnschedulablePodsLeftover runs every 30 s

DEFAULT_MILLI_CPU = 100      # schedutil.DefaultMilliCPURequest
DEFAULT_MEMORY = 200 * 1024 * 1024

NOT_READY_TAINT = {"key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"}
UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable"

def quantity(value: Any) -> float:
    """A resource quantity as a number (``"100m"`` is 0.1, ``"1Gi"`` is 1073741824); 0 if unparsable."""
    return float(resource_quantity.parse(value).value)


def pod_requests(pod: dict) -> tuple[int, int, int, int]:
    """(milli-CPU, memory bytes) requested, and the same with the scheduler's non-zero defaults.

    Like ``resourcehelper.PodRequests``: the sum over containers, or the largest init container
    when that is bigger.
    """
    spec = pod.get("spec") or {}

    def one(c: dict) -> tuple[int, int, int, int]:
        req = (c.get("resources") or {}).get("requests") or {}
        cpu = int(round(quantity(req["cpu"]) * 1000)) if "cpu" in req else None
        mem = int(quantity(req["memory"])) if "memory" in req else None
        return (cpu or 0, mem or 0, DEFAULT_MILLI_CPU if cpu is None else cpu,
                DEFAULT_MEMORY if mem is None else mem)

    total = [0, 0, 0, 0]
    for c in spec.get("containers") or ():
        for i, v in enumerate(one(c)):
            total[i] += v
    for c in spec.get("initContainers") or ():
        for i, v in enumerate(one(c)):
            total[i] = max(total[i], v)
    return total[0], total[1], total[2], total[3]


# ---------------------------------------------------------------- node matching
def node_taints(node: dict) -> list[dict]:
    """The node's taints, plus ``not-ready`` when its Ready condition is not True (the node lifecycle
    controller adds that taint to such nodes)."""
    taints = list((node.get("spec") or {}).get("taints") or [])
    ready = next((c for c in (node.get("status") or {}).get("conditions") or () if c.get("type") == "Ready"), None)
    if ready is not None and ready.get("status") != "True" and not any(
            t.get("key") == NOT_READY_TAINT["key"] for t in taints):
        taints.append(dict(NOT_READY_TAINT))
    return taints


# ---------------------------------------------------------------- the scheduler
class _NodeInfo:
    __slots__ = ("name", "node", "taints", "labels", "unschedulable", "alloc_cpu", "alloc_mem", "alloc_pods",
                 "cpu", "mem", "nz_cpu", "nz_mem", "pods")

    def __init__(self, node: dict) -> None:
        self.name = node["metadata"]["name"]
        self.node = node
        self.taints = node_taints(node)
        self.labels = node["metadata"].get("labels") or {}
        self.unschedulable = bool((node.get("spec") or {}).get("unschedulable"))
        alloc = (node.get("status") or {}).get("allocatable") or {}
        self.alloc_cpu = int(round(quantity(alloc.get("cpu", 0)) * 1000))
        self.alloc_mem = int(quantity(alloc.get("memory", 0)))
        self.alloc_pods = int(quantity(alloc.get("pods", 110)))
        self.cpu = self.mem = self.nz_cpu = self.nz_mem = self.pods = 0

    def add(self, req: tuple[int, int, int, int]) -> None:
        self.cpu += req[0]
        self.mem += req[1]
        self.nz_cpu += req[2]
        self.nz_mem += req[3]
        self.pods += 1


def _node_relevant(node: dict | None) -> tuple:
    """What about a node can make an unschedulable pod fit (the plugins' queueing hints)."""
    if node is None:
        return ()
    status = node.get("status") or {}
    ready = next((c.get("status") for c in status.get("conditions") or () if c.get("type") == "Ready"), None)
    spec = node.get("spec") or {}
    return (str(sorted((node["metadata"].get("labels") or {}).items())), str(spec.get("taints")),
            bool(spec.get("unschedulable")), str(status.get("allocatable")), ready)


class Scheduler(Controller):
    """``default-scheduler``: filters, scores and binds; FailedScheduling with upstream's words."""

    name = "scheduler"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        st = sim.state.setdefault("scheduler", {})
        # uid -> [namespace, name]: pods to try at the next pass (the active queue).
        self.queue: dict[str, list[str]] = st.setdefault("queue", {})
        # uid -> {"ns", "name", "attempts", "last", "resources"}: pods that did not fit.
        self.unschedulable: dict[str, dict[str, Any]] = st.setdefault("unschedulable", {})
        st.setdefault("flush_at", None)
        self.state = st

    def start(self) -> None:
        for pod in self.server.iter("Pod"):
            if self._wants_scheduling(pod) and pod["metadata"]["uid"] not in self.unschedulable:
                self.queue[pod["metadata"]["uid"]] = [pod["metadata"]["namespace"], pod["metadata"]["name"]]
        if self.queue:
            self.mark("pass")

    def handlers(self) -> dict[str, Any]:
        return {"scheduler.flush": self._flush, "scheduler.retry": self._retry}

    @staticmethod
    def _wants_scheduling(pod: dict) -> bool:
        spec = pod.get("spec") or {}
        return (not spec.get("nodeName") and not pod["metadata"].get("deletionTimestamp")
                and (spec.get("schedulerName") or SCHEDULER_NAME) == SCHEDULER_NAME
                and (pod.get("status") or {}).get("phase", "Pending") == "Pending"
                and not spec.get("schedulingGates"))

    # -------------------------------------------------------- watching
    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Pod":
            uid = obj["metadata"].get("uid", "")
            if event == "DELETED":
                self.queue.pop(uid, None)
                self.unschedulable.pop(uid, None)
                if (obj.get("spec") or {}).get("nodeName"):
                    self._resources_freed()
                return
            if self._wants_scheduling(obj):
                if uid not in self.unschedulable and uid not in self.queue:
                    self.queue[uid] = [obj["metadata"]["namespace"], obj["metadata"]["name"]]
                    self.mark("pass")
            else:
                self.queue.pop(uid, None)
                if self.unschedulable.pop(uid, None) is not None:
                    pass
                was_active = old is not None and (old.get("status") or {}).get("phase") not in ("Succeeded", "Failed")
                if (obj.get("spec") or {}).get("nodeName") and was_active and \
                        (obj.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
                    self._resources_freed()
        elif kind == "Node":
            if event == "DELETED" or _node_relevant(obj) != _node_relevant(old):
                self._move_all(lambda entry: True)

    def _resources_freed(self) -> None:
        self._move_all(lambda entry: entry.get("resources", False))

    def _move_all(self, which: Any) -> None:
        """Move unschedulable pods back to the active queue, once their back-off has passed."""
        now = self.sim.clock.now
        later: float | None = None
        for uid, entry in list(self.unschedulable.items()):
            if not which(entry):
                continue
            ready_at = entry["last"] + self._backoff(entry["attempts"])
            if ready_at <= now:
                self.unschedulable.pop(uid)
                self.queue[uid] = [entry["ns"], entry["name"]]
                self.mark("pass")
            else:
                entry["wake"] = True
                later = ready_at if later is None else min(later, ready_at)
        if later is not None:
            self.sim.schedule(later - now, "scheduler.retry")

    @staticmethod
    def _backoff(attempts: int) -> float:
        return min(MAX_BACKOFF, INITIAL_BACKOFF * 2 ** max(0, attempts - 1))

    def _retry(self) -> None:
        self._move_all(lambda entry: entry.get("wake", False))

    def _flush(self) -> None:
        """flushUnschedulablePodsLeftover: pods unschedulable for five minutes get another try."""
        now = self.sim.clock.now
        self.state["flush_at"] = None
        self._move_all(lambda entry: now - entry["last"] >= UNSCHEDULABLE_FLUSH)
        self._arm_flush()

    def _arm_flush(self) -> None:
        if not self.unschedulable or self.state.get("flush_at") is not None:
            return
        now = self.sim.clock.now
        due = min(e["last"] for e in self.unschedulable.values()) + UNSCHEDULABLE_FLUSH
        # The flush loop ticks every 30 s; a pod becomes due at the first tick after five minutes.
        at = max(now, due)
        at = at + (-at) % FLUSH_PERIOD
        self.state["flush_at"] = at
        self.sim.schedule(at - now, "scheduler.flush")

    # -------------------------------------------------------- one pass
    def sync(self, key: Any) -> None:
        if not self.queue:
            return
        pods = []
        for uid, (ns, name) in list(self.queue.items()):
            pod = self.server.ref("Pod", ns, name)
            if pod is None or pod["metadata"].get("uid") != uid or not self._wants_scheduling(pod):
                self.queue.pop(uid, None)
                continue
            pods.append(pod)
        self.queue.clear()
        if not pods:
            return
        pods.sort(key=lambda p: -int((p.get("spec") or {}).get("priority") or 0))  # stable: FIFO within a priority
        infos = self._snapshot()
        static_cache: dict[str, list[str | None]] = {}
        for pod in pods:
            self._schedule_one(pod, infos, static_cache)
        self._arm_flush()

    def _snapshot(self) -> list[_NodeInfo]:
        infos = {n["metadata"]["name"]: _NodeInfo(n) for n in self.server.iter("Node")}
        for pod in self.server.iter("Pod"):
            node = (pod.get("spec") or {}).get("nodeName")
            if node and node in infos and (pod.get("status") or {}).get("phase") not in ("Succeeded", "Failed"):
                infos[node].add(pod_requests(pod))
        return sorted(infos.values(), key=lambda i: i.name)

    def _static_reasons(self, spec: dict, infos: list[_NodeInfo]) -> list[str | None]:
        """Per node, the first failing filter that does not depend on other pods (or None)."""
        tolerations = spec.get("tolerations") or []
        wanted_node = spec.get("nodeName")
        out: list[str | None] = []
        for info in infos:
            if info.unschedulable and not any(
                    tolerates(t, {"key": UNSCHEDULABLE_TAINT, "effect": "NoSchedule"}) for t in tolerations):
                out.append(ERR_UNSCHEDULABLE)
                continue
            if wanted_node and wanted_node != info.name:
                out.append(ERR_NODE_NAME)
                continue
            taint = untolerated_taint(info.taints, tolerations, ("NoSchedule", "NoExecute"))
            if taint is not None:
                out.append(ERR_TAINT.format(key=taint.get("key", ""), value=taint.get("value", "")))
                continue
            if not node_affinity_matches(spec, info.node):
                out.append(ERR_AFFINITY)
                continue
            out.append(None)
        return out

    def _schedule_one(self, pod: dict, infos: list[_NodeInfo], cache: dict[str, list[str | None]]) -> None:
        spec = pod.get("spec") or {}
        sig = repr((spec.get("nodeSelector"), spec.get("affinity"), spec.get("tolerations")))
        static = cache.get(sig)
        if static is None:
            static = cache[sig] = self._static_reasons(spec, infos)
        req = pod_requests(pod)
        best: _NodeInfo | None = None
        best_score = -1.0
        reasons: list[list[str]] = []
        for info, reason in zip(infos, static, strict=True):
            if reason is not None:
                reasons.append([reason])
                continue
            fit = []
            if info.pods + 1 > info.alloc_pods:
                fit.append(ERR_TOO_MANY_PODS)
            if req[0] and info.cpu + req[0] > info.alloc_cpu:
                fit.append(ERR_INSUFFICIENT.format(resource="cpu"))
            if req[1] and info.mem + req[1] > info.alloc_mem:
                fit.append(ERR_INSUFFICIENT.format(resource="memory"))
            if fit:
                reasons.append(fit)
                continue
            reasons.append([])
            score = self._score(info, req, spec)
            if score > best_score:
                best, best_score = info, score
        if best is not None:
            best.add(req)
            self._bind(pod, best.name)
            return
        self._fail(pod, infos, reasons)

    @staticmethod
    def _score(info: _NodeInfo, req: tuple[int, int, int, int], spec: dict) -> float:
        """LeastAllocated over non-zero requests, plus TaintToleration's PreferNoSchedule preference."""
        cpu = (info.alloc_cpu - info.nz_cpu - req[2]) / info.alloc_cpu if info.alloc_cpu else 0.0
        mem = (info.alloc_mem - info.nz_mem - req[3]) / info.alloc_mem if info.alloc_mem else 0.0
        score = (max(cpu, 0.0) + max(mem, 0.0)) * 50.0
        prefer = [t for t in info.taints if t.get("effect") == "PreferNoSchedule"]
        if prefer:
            tolerations = spec.get("tolerations") or []
            score -= 10.0 * sum(1 for t in prefer if not any(tolerates(x, t) for x in tolerations))
        return score - info.pods * 1e-6

    # -------------------------------------------------------- writes
    def _bind(self, pod: dict, node: str) -> None:
        meta = pod["metadata"]
        self.unschedulable.pop(meta["uid"], None)
        pod["spec"]["nodeName"] = node
        status = pod.setdefault("status", {})
        _set_condition(status, {"lastProbeTime": None, "lastTransitionTime": timeutil.rfc3339(self.sim.clock.now),
                                "status": "True", "type": "PodScheduled"})
        self.server.replace_internal(pod)
        self.server.record_event(pod, "Normal", REASON_SCHEDULED,
                                 MSG_SCHEDULED.format(ns=meta["namespace"], name=meta["name"], node=node), SOURCE)

    def _fail(self, pod: dict, infos: list[_NodeInfo], reasons: list[list[str]]) -> None:
        message = fit_error(len(infos), reasons)
        meta = pod["metadata"]
        now = self.sim.clock.now
        entry = self.unschedulable.get(meta["uid"])
        attempts = (entry["attempts"] if entry else 0) + 1
        self.unschedulable[meta["uid"]] = {
            "ns": meta["namespace"], "name": meta["name"], "attempts": attempts, "last": now,
            "resources": any(r.startswith(("Insufficient", ERR_TOO_MANY_PODS)) for rs in reasons for r in rs)}
        status = pod.setdefault("status", {})
        cond = {"lastProbeTime": None, "lastTransitionTime": timeutil.rfc3339(now), "message": message,
                "reason": "Unschedulable", "status": "False", "type": "PodScheduled"}
        if _set_condition(status, cond):
            self.server.update_status(pod)
        self.server.record_event(pod, "Warning", REASON_FAILED, message, SOURCE)


def fit_error(num_nodes: int, reasons: list[list[str]]) -> str:
    """``FitError.Error()`` with the default preemption plugin's post-filter message (v1.33).

    Each node contributes its filter reasons to a histogram printed as ``"<count> <reason>"``,
    sorted as strings. Preemption cannot help on nodes whose reason is unresolvable (taints,
    affinity, unschedulable); on nodes short of resources it finds no victims, since every pod
    here has the same priority.
    """
    hist: dict[str, int] = {}
    pre: dict[str, int] = {}
    for rs in reasons:
        for r in rs:
            hist[r] = hist.get(r, 0) + 1
        if rs:
            resolvable = all(r.startswith("Insufficient") or r == ERR_TOO_MANY_PODS for r in rs)
            key = PREEMPTION_NO_VICTIMS if resolvable else PREEMPTION_NOT_HELPFUL
            pre[key] = pre.get(key, 0) + 1
    msg = NO_NODES.format(n=num_nodes) + ":"
    parts = sorted(f"{v} {k}" for k, v in hist.items())
    if parts:
        msg += " " + ", ".join(parts) + "."
    if num_nodes == 0:
        return "no nodes available to schedule pods"
    pre_parts = sorted(f"{v} {k}" for k, v in pre.items())
    msg += f" preemption: {NO_NODES.format(n=num_nodes)}: " + ", ".join(pre_parts) + "."
    return msg


def _set_condition(status: dict, cond: dict) -> bool:
    """Put ``cond`` in ``status.conditions`` keeping lastTransitionTime when the status did not change;
    True when anything changed."""
    conds = status.setdefault("conditions", [])
    for i, old in enumerate(conds):
        if old.get("type") == cond["type"]:
            if old.get("status") == cond["status"]:
                cond = {**cond, "lastTransitionTime": old.get("lastTransitionTime")}
            if old == cond:
                return False
            conds[i] = cond
            return True
    conds.append(cond)
    return True
