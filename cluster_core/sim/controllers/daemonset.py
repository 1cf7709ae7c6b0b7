"""The DaemonSet controller: one pod on every node the pod template fits.

Shaped like upstream ``pkg/controller/daemon``: for each node decide ``shouldRun`` (nodeSelector,
required node affinity, NoSchedule/NoExecute taints against the pod's tolerations plus the ones
every daemon pod gets) and ``shouldContinueRunning`` (only NoExecute taints evict), create the
missing pods (pinned to their node by ``matchFields metadata.name In [node]`` node affinity, as
the real controller does, so the scheduler binds them), delete pods on nodes that no longer
qualify, failed pods and duplicates, roll out a new template with ``maxUnavailable``, then write
status.
"""

from __future__ import annotations

import json
import math
from typing import Any

from cluster_core.sim import placement
from cluster_core.sim.controllers import common
from cluster_core.sim.engine import Controller, Simulation

COMPONENT = "daemonset-controller"
HASH_LABEL = "controller-revision-hash"
GENERATION_LABEL = "pod-template-generation"
GENERATION_ANNOTATION = "deprecated.daemonset.template.generation"
RESYNC = "daemonset.resync"

# util.AddOrUpdateDaemonPodTolerations, in upstream's order.
DAEMON_TOLERATIONS: tuple[dict[str, str], ...] = (
    {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists"},
    {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/disk-pressure", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/memory-pressure", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/pid-pressure", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable", "operator": "Exists"},
)
NETWORK_TOLERATION = {"effect": "NoSchedule", "key": "node.kubernetes.io/network-unavailable",
                      "operator": "Exists"}


def daemon_tolerations(pod_spec: dict) -> list[dict]:
    """The pod's tolerations with the daemon ones added (AddOrUpdateTolerationInPodSpec: an
    identical toleration already present is not repeated)."""
    out = [dict(t) for t in pod_spec.get("tolerations") or ()]
    extra = list(DAEMON_TOLERATIONS)
    if pod_spec.get("hostNetwork"):
        extra.append(NETWORK_TOLERATION)
    for t in extra:
        if not any(_same_toleration(t, have) for have in out):
            out.append(dict(t))
    return out


def _same_toleration(a: dict, b: dict) -> bool:
    return all((a.get(k) or "") == (b.get(k) or "") for k in ("key", "operator", "value", "effect")) \
        and a.get("tolerationSeconds") == b.get("tolerationSeconds")


def template_generation(ds: dict) -> int:
    """The template generation for the ``pod-template-generation`` label.

    Upstream reads the ``deprecated.daemonset.template.generation`` annotation, which the API
    server bumps when the template changes. A replace can drop the annotation and a server that
    does not bump it would make old pods look current, so the object's generation (bumped on every
    spec change) is the floor; updated pods are still recognised by their revision hash.
    """
    generation = int(ds["metadata"].get("generation") or 1)
    raw = (ds["metadata"].get("annotations") or {}).get(GENERATION_ANNOTATION)
    try:
        return max(generation, int(raw)) if raw is not None else generation
    except ValueError:
        return generation


def should_run(pod_spec: dict, node: dict) -> tuple[bool, bool]:
    """NodeShouldRunDaemonPod: (shouldRun, shouldContinueRunning) for a daemon pod on ``node``."""
    if pod_spec.get("nodeName") and pod_spec["nodeName"] != node["metadata"]["name"]:
        return False, False
    if not placement.node_affinity_matches(pod_spec, node):
        return False, False
    taints = node["spec"].get("taints") or []
    tolerations = pod_spec.get("tolerations") or []
    if placement.untolerated_taint(taints, tolerations, ("NoSchedule", "NoExecute")) is None:
        return True, True
    return False, placement.untolerated_taint(taints, tolerations, ("NoExecute",)) is None


def target_node(pod: dict) -> str | None:
    """util.GetTargetNodeName: spec.nodeName, else the node its matchFields affinity pins it to."""
    if pod["spec"].get("nodeName"):
        return pod["spec"]["nodeName"]
    required = ((((pod["spec"].get("affinity") or {}).get("nodeAffinity") or {})
                 .get("requiredDuringSchedulingIgnoredDuringExecution")) or {})
    for term in required.get("nodeSelectorTerms") or ():
        for req in term.get("matchFields") or ():
            if req.get("key") == "metadata.name" and req.get("operator") == "In" and len(req.get("values") or []) == 1:
                return req["values"][0]
    return None


def pin_to_node(spec: dict, node: str) -> None:
    """util.ReplaceDaemonSetPodNodeNameNodeAffinity: required terms become one matchFields term."""
    term = {"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]}
    affinity = spec.setdefault("affinity", {})
    na = affinity.setdefault("nodeAffinity", {})
    na["requiredDuringSchedulingIgnoredDuringExecution"] = {"nodeSelectorTerms": [term]}


class DaemonSetController(Controller):
    """Keys: ``("ds", ns, name)``."""

    name = "daemonset"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        self.pods = common.OwnedPods("DaemonSet")
        self._ds_key: dict[str, tuple[str, str]] = {}
        self._node_sig: dict[str, str] = {}
        self._claimed: dict[str, None] = {}
        self._timers = common.Timers(sim, RESYNC)

    def start(self) -> None:
        self.pods.clear()
        self._ds_key.clear()
        self._node_sig.clear()
        self._claimed.clear()
        for node in self.server.iter("Node"):
            self._node_sig[node["metadata"]["name"]] = _node_signature(node)
        for pod in self.server.iter("Pod"):
            self.pods.update(pod)
        for ds in self.server.iter("DaemonSet"):
            meta = ds["metadata"]
            self._ds_key[meta["uid"]] = (meta["namespace"], meta["name"])
            if self.sim.resync:
                self.mark(("ds", meta["namespace"], meta["name"]))

    def handlers(self) -> dict[str, Any]:
        return {RESYNC: self._resync}

    def _resync(self, ns: str, name: str) -> None:
        self._timers.fired(ns, name)
        self.mark(("ds", ns, name))

    def _mark_all(self) -> None:
        for ns, name in self._ds_key.values():
            self.mark(("ds", ns, name))

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Pod":
            old_uid, uid = self.pods.update(obj, event == "DELETED")
            for u in (old_uid, uid):
                key = self._ds_key.get(u) if u is not None else None
                if key is not None:
                    self.mark(("ds", *key))
            if (uid is None and event != "DELETED" and self._ds_key and common.is_active(obj)
                    and common.controller_ref(obj) is None):
                self.mark(("pod", *common.pod_key(obj)))
        elif kind == "DaemonSet":
            meta = obj["metadata"]
            if event == "DELETED":
                self._ds_key.pop(meta["uid"], None)
                return
            self._ds_key[meta["uid"]] = (meta["namespace"], meta["name"])
            self.mark(("ds", meta["namespace"], meta["name"]))
        elif kind == "Node":
            name = obj["metadata"]["name"]
            if event == "DELETED":
                self._node_sig.pop(name, None)
                self._mark_all()
                return
            sig = _node_signature(obj)
            if self._node_sig.get(name) != sig:
                self._node_sig[name] = sig
                self._mark_all()

    # ---------------------------------------------------------------- sync
    def sync(self, key: Any) -> None:
        if key[0] == "pod":
            self._adopt_orphan(key[1], key[2])
            return
        ds = self.server.ref("DaemonSet", key[1], key[2])
        if ds is None:
            return
        uid = ds["metadata"]["uid"]
        deleting = bool(ds["metadata"].get("deletionTimestamp"))
        self._claim(ds, deleting)
        nodes = sorted(self.server.iter("Node"), key=lambda n: n["metadata"]["name"])
        spec = self._pod_spec(ds)
        hash_ = common.template_hash(ds["spec"].get("template") or {},
                                     (ds.get("status") or {}).get("collisionCount"))
        generation = template_generation(ds)
        if not deleting:
            self._manage(ds, nodes, spec, hash_, generation)
        self._write_status(ds, uid, nodes, spec, hash_, generation)

    def _pod_spec(self, ds: dict) -> dict:
        spec = dict((ds["spec"].get("template") or {}).get("spec") or {})
        spec["tolerations"] = daemon_tolerations(spec)
        return spec

    def _claim(self, ds: dict, deleting: bool) -> None:
        """Adopt matching orphans and release pods whose labels stopped matching (ClaimPods)."""
        meta = ds["metadata"]
        sel = common.label_selector(ds["spec"].get("selector"))
        uid = meta["uid"]
        for pod in self.pods.pods(self.server, uid):
            if common.is_active(pod) and not deleting and not sel.matches(pod["metadata"].get("labels")):
                pod["metadata"]["ownerReferences"] = [
                    r for r in pod["metadata"].get("ownerReferences") or () if r.get("uid") != uid]
                if not pod["metadata"]["ownerReferences"]:
                    del pod["metadata"]["ownerReferences"]
                self.server.replace_internal(pod)
        if deleting or uid in self._claimed:
            return
        self._claimed[uid] = None  # a new DaemonSet scans its namespace once; later orphans come by event
        for pod in list(self.server.iter("Pod", meta["namespace"])):
            if (common.controller_ref(pod) is None and common.is_active(pod)
                    and sel.matches(pod["metadata"].get("labels"))):
                pod["metadata"].setdefault("ownerReferences", []).append(common.owner_reference(ds))
                self.server.replace_internal(pod)

    def _adopt_orphan(self, ns: str, name: str) -> None:
        pod = self.server.ref("Pod", ns, name)
        if pod is None or not common.is_active(pod) or common.controller_ref(pod) is not None:
            return
        for dns, dname in sorted(self._ds_key.values()):
            ds = self.server.ref("DaemonSet", dns, dname)
            if (dns == ns and ds is not None and not ds["metadata"].get("deletionTimestamp")
                    and common.label_selector(ds["spec"].get("selector")).matches(pod["metadata"].get("labels"))):
                pod["metadata"].setdefault("ownerReferences", []).append(common.owner_reference(ds))
                self.server.replace_internal(pod)
                return

    def _by_node(self, uid: str) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for pod in self.pods.pods(self.server, uid):
            if pod["metadata"].get("deletionTimestamp") and common.is_terminal(pod):
                continue
            node = target_node(pod)
            if node is not None:
                out.setdefault(node, []).append(pod)
        for pods in out.values():
            pods.sort(key=lambda p: (common.creation_time(p), p["metadata"]["name"]))
        return out

    def _manage(self, ds: dict, nodes: list[dict], spec: dict, hash_: str, generation: int) -> None:
        uid = ds["metadata"]["uid"]
        by_node = self._by_node(uid)
        to_create: list[str] = []
        to_delete: list[dict] = []
        for node in nodes:
            name = node["metadata"]["name"]
            run, keep = should_run(spec, node)
            pods = by_node.get(name, [])
            if run and not pods:
                to_create.append(name)
            elif keep:
                running = []
                for pod in pods:
                    if pod["metadata"].get("deletionTimestamp"):
                        continue
                    if common.is_terminal(pod):
                        to_delete.append(pod)  # failed (or finished) daemon pods are replaced
                    else:
                        running.append(pod)
                to_delete.extend(running[1:])  # duplicates: keep the oldest
            elif pods:
                to_delete.extend(p for p in pods if not p["metadata"].get("deletionTimestamp"))
        known = {n["metadata"]["name"] for n in nodes}
        for name in sorted(by_node):
            if name not in known:
                to_delete.extend(p for p in by_node[name] if not p["metadata"].get("deletionTimestamp"))
        to_delete.extend(self._rolling_update(ds, nodes, spec, by_node, hash_, generation, to_delete))
        template = dict(ds["spec"].get("template") or {})
        tmeta = dict(template.get("metadata") or {})
        tmeta["labels"] = {**(tmeta.get("labels") or {}), GENERATION_LABEL: str(generation), HASH_LABEL: hash_}
        template["metadata"] = tmeta
        for node in to_create:
            pod_spec = json.loads(json.dumps(spec))
            pin_to_node(pod_spec, node)
            pod = common.pod_from_template(ds, {"metadata": tmeta, "spec": pod_spec},
                                           f"{ds['metadata']['name']}-")
            _, err = common.create_pod(self.server, ds, pod, COMPONENT)
            if err is not None:
                break
        for pod in to_delete:
            common.delete_pod(self.server, ds, pod, COMPONENT)

    def _rolling_update(self, ds: dict, nodes: list[dict], spec: dict, by_node: dict[str, list[dict]],
                        hash_: str, generation: int, already: list[dict]) -> list[dict]:
        """RollingUpdate with maxSurge 0: replace old pods, at most maxUnavailable nodes at a time."""
        strategy = ds["spec"].get("updateStrategy") or {"type": "RollingUpdate"}
        if strategy.get("type", "RollingUpdate") != "RollingUpdate":
            return []
        gone = {common.pod_key(p) for p in already}
        min_ready = int(ds["spec"].get("minReadySeconds") or 0)
        now = self.server.clock.now
        desired = 0
        unavailable = 0
        old_available: list[dict] = []
        out: list[dict] = []
        for node in nodes:
            run, _ = should_run(spec, node)
            if not run:
                continue
            desired += 1
            pods = [p for p in by_node.get(node["metadata"]["name"], [])
                    if not p["metadata"].get("deletionTimestamp") and not common.is_terminal(p)
                    and common.pod_key(p) not in gone]
            if not pods:
                unavailable += 1
                continue
            pod = pods[0]
            if _is_updated(pod, hash_, generation):
                if not common.is_available(pod, min_ready, now):
                    unavailable += 1
                continue
            if common.is_available(pod, min_ready, now):
                old_available.append(pod)
            else:
                unavailable += 1
                out.append(pod)  # an old pod that is not available anyway goes at once
        max_unavailable = _scaled((strategy.get("rollingUpdate") or {}).get("maxUnavailable", 1), desired)
        budget = max(0, max_unavailable - unavailable)
        out.extend(old_available[:budget])
        return out

    def _write_status(self, ds: dict, uid: str, nodes: list[dict], spec: dict, hash_: str,
                      generation: int) -> None:
        by_node = self._by_node(uid)
        min_ready = int(ds["spec"].get("minReadySeconds") or 0)
        now = self.server.clock.now
        desired = current = misscheduled = ready = available = updated = 0
        soonest = None
        for node in nodes:
            name = node["metadata"]["name"]
            run, _ = should_run(spec, node)
            pods = by_node.get(name, [])
            if run:
                desired += 1
                if pods:
                    current += 1
                    pod = pods[0]
                    if common.is_ready(pod):
                        ready += 1
                        if common.is_available(pod, min_ready, now):
                            available += 1
                        else:
                            at = common.available_at(pod, min_ready)
                            if at is not None and (soonest is None or at < soonest):
                                soonest = at
                    if _is_updated(pod, hash_, generation):
                        updated += 1
            elif pods:
                misscheduled += 1
        status: dict[str, Any] = {"currentNumberScheduled": current, "desiredNumberScheduled": desired,
                                  "numberMisscheduled": misscheduled, "numberReady": ready}
        if available:
            status["numberAvailable"] = available
        if desired - available > 0:
            status["numberUnavailable"] = desired - available
        if updated:
            status["updatedNumberScheduled"] = updated
        if ds["metadata"].get("generation"):
            status["observedGeneration"] = ds["metadata"]["generation"]
        old = ds.get("status") or {}
        for keep in ("collisionCount", "conditions"):
            if keep in old:
                status[keep] = old[keep]
        common.write_status(self.server, ds, common.sorted_status(status))
        if soonest is not None:
            self._timers.at(math.floor(soonest) + 1, ds["metadata"]["namespace"], ds["metadata"]["name"])


def _is_updated(pod: dict, hash_: str, generation: int) -> bool:
    """util.IsPodUpdated: the revision hash or the template generation label matches."""
    labels = pod["metadata"].get("labels") or {}
    return labels.get(HASH_LABEL) == hash_ or labels.get(GENERATION_LABEL) == str(generation)


def _scaled(value: Any, total: int) -> int:
    """intstr.GetScaledValueFromIntOrPercent, rounding up."""
    if isinstance(value, str) and value.endswith("%"):
        try:
            return math.ceil(int(value[:-1]) * total / 100)
        except ValueError:
            return 1
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


def _node_signature(node: dict) -> str:
    """What a DaemonSet's placement depends on: labels, taints, name (status heartbeats are ignored)."""
    return json.dumps([node["metadata"].get("labels"), (node.get("spec") or {}).get("taints"),
                       (node.get("spec") or {}).get("unschedulable")], sort_keys=True)
