"""The ReplicaSet controller: keep ``spec.replicas`` active pods matching the selector.

Shaped like upstream ``pkg/controller/replicaset``: fetch the ReplicaSet (gone: return), claim
its pods (adopt matching orphans, release pods whose labels no longer match), create or delete to
converge (the pods ``getPodsToDelete`` ranks first go first), then write status.

Cheap at scale: pods are indexed by their controller's uid and each ReplicaSet's counts (active,
ready, fully labeled) are kept current from watch events, so a pod turning Ready costs O(1) and a
sync lists its pods only when it has to pick which ones to delete.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from cluster_core import timeutil
from cluster_core.sim.controllers import common
from cluster_core.sim.engine import Controller, Simulation

COMPONENT = "replicaset-controller"
BURST_REPLICAS = 500  # upstream --concurrent... burstReplicas: creations or deletions per sync
DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"
PHASE_ORDINAL = {"Pending": 0, "Unknown": 1, "Running": 2}
RESYNC = "replicaset.resync"

# A pod's contribution to its ReplicaSet's status: (uid, active, ready, fully labeled).
Entry = tuple[str, bool, bool, bool]


# Back-off after a refused pod create (quota, terminating namespace): the controller's work queue
# retries with exponential delays rather than at once.
FIRST_CREATE_BACKOFF = 5.0
MAX_CREATE_BACKOFF = 300.0


class ReplicaSetController(Controller):
    """Keys: ``("rs", ns, name)`` converge one ReplicaSet; ``("pod", ns, name)`` adopt or release one pod."""

    name = "replicaset"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        self.pods = common.OwnedPods("ReplicaSet")
        self._rs_key: dict[str, tuple[str, str]] = {}  # uid -> (ns, name)
        self._rs_by_ns: dict[str, dict[str, None]] = {}
        self._entries: dict[common.PodKey, Entry] = {}
        self._counts: dict[str, list[int]] = {}  # uid -> [active, ready, fully labeled]
        self._generation: dict[str, Any] = {}  # uid -> generation the entries were computed for
        self._claimed: dict[str, None] = {}  # uids whose namespace was scanned for orphans
        self._info: dict[str, tuple[Any, Any, dict]] = {}  # uid -> (generation, selector, template labels)
        self._timers = common.Timers(sim, RESYNC)

    # ---------------------------------------------------------------- indexes
    def start(self) -> None:
        self.pods.clear()
        self._rs_key.clear()
        self._rs_by_ns.clear()
        self._entries.clear()
        self._counts.clear()
        self._generation.clear()
        self._claimed.clear()
        self._info.clear()
        for rs in self.server.iter("ReplicaSet"):
            self._track_rs(rs)
        for pod in self.server.iter("Pod"):
            self._observe_pod("ADDED", pod, mark=False)
        for rs in self.server.iter("ReplicaSet") if self.sim.resync else ():
            self.mark(("rs", rs["metadata"]["namespace"], rs["metadata"]["name"]))

    def _track_rs(self, rs: dict) -> None:
        meta = rs["metadata"]
        self._rs_key[meta["uid"]] = (meta["namespace"], meta["name"])
        self._rs_by_ns.setdefault(meta["namespace"], {})[meta["name"]] = None

    def _rs(self, uid: str) -> dict | None:
        key = self._rs_key.get(uid)
        if key is None:
            return None
        rs = self.server.ref("ReplicaSet", *key)
        if rs is None or rs["metadata"]["uid"] != uid:
            return None
        return rs

    def _selector_and_labels(self, rs: dict) -> tuple[Any, dict]:
        """The parsed selector and template labels of a ReplicaSet, cached per generation."""
        uid = rs["metadata"]["uid"]
        gen = rs["metadata"].get("generation")
        info = self._info.get(uid)
        if info is None or info[0] != gen:
            labels = ((rs["spec"].get("template") or {}).get("metadata") or {}).get("labels") or {}
            info = (gen, common.label_selector(rs["spec"].get("selector")), labels)
            self._info[uid] = info
        return info[1], info[2]

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Pod":
            self._observe_pod(event, obj)
        elif kind == "ReplicaSet":
            meta = obj["metadata"]
            if event == "DELETED":
                self._rs_key.pop(meta["uid"], None)
                self._info.pop(meta["uid"], None)
                self._counts.pop(meta["uid"], None)
                names = self._rs_by_ns.get(meta["namespace"])
                if names is not None:
                    names.pop(meta["name"], None)
                return
            self._track_rs(obj)
            self.mark(("rs", meta["namespace"], meta["name"]))

    def _entry(self, pod: dict, uid: str) -> Entry:
        rs = self._rs(uid)
        labeled = rs is not None and common.template_labels_match(
            self._selector_and_labels(rs)[1], pod["metadata"].get("labels"))
        active = common.is_active(pod)
        return uid, active, active and common.is_ready(pod), active and labeled

    def _set_entry(self, key: common.PodKey, new: Entry | None) -> bool:
        old = self._entries.get(key)
        if old == new:
            return False
        if old is not None:
            c = self._counts.get(old[0])
            if c is not None:
                c[0] -= old[1]
                c[1] -= old[2]
                c[2] -= old[3]
        if new is None:
            self._entries.pop(key, None)
        else:
            self._entries[key] = new
            c = self._counts.setdefault(new[0], [0, 0, 0])
            c[0] += new[1]
            c[1] += new[2]
            c[2] += new[3]
        return True

    def _observe_pod(self, event: str, pod: dict, mark: bool = True) -> None:
        deleted = event == "DELETED"
        key = common.pod_key(pod)
        old_uid, uid = self.pods.update(pod, deleted)
        changed = self._set_entry(key, None if uid is None else self._entry(pod, uid))
        if not mark:
            return
        if changed or old_uid != uid:
            for u in (old_uid, uid):
                rs_key = self._rs_key.get(u) if u is not None else None
                if rs_key is not None:
                    self.mark(("rs", *rs_key))
        if deleted or not common.is_active(pod):
            return
        if uid is not None:
            rs = self._rs(uid)
            if rs is not None and not self._selector_and_labels(rs)[0].matches(pod["metadata"].get("labels")):
                self.mark(("pod", *key))
        elif common.controller_ref(pod) is None and self._rs_by_ns.get(key[0]):
            self.mark(("pod", *key))

    # ---------------------------------------------------------------- sync
    def handlers(self) -> dict[str, Any]:
        return {RESYNC: self._resync}

    def _resync(self, ns: str, name: str) -> None:
        self._timers.fired(ns, name)
        self.mark(("rs", ns, name))

    def sync(self, key: Any) -> None:
        if key[0] == "rs":
            self._sync_rs(key[1], key[2])
        elif key[0] == "pod":
            self._claim_pod(key[1], key[2])

    def _sync_rs(self, ns: str, name: str) -> None:
        rs = self.server.ref("ReplicaSet", ns, name)
        if rs is None:
            return
        uid = rs["metadata"]["uid"]
        if uid not in self._claimed:
            self._claimed[uid] = None
            self._adopt_orphans(rs)
        generation = rs["metadata"].get("generation")
        if self._generation.get(uid) != generation:
            self._generation[uid] = generation
            for pod in self.pods.pods(self.server, uid):
                self._set_entry(common.pod_key(pod), self._entry(pod, uid))
        failure = None
        if not rs["metadata"].get("deletionTimestamp"):
            failure = self._manage_replicas(rs)
        self._write_status(rs, failure)

    def _manage_replicas(self, rs: dict) -> str | None:
        """Create or delete pods toward spec.replicas; returns a create error message, if any."""
        uid = rs["metadata"]["uid"]
        desired = int(rs["spec"].get("replicas", 1))
        active = self._counts.get(uid, [0, 0, 0])[0]
        diff = active - desired
        if diff < 0:
            n = min(-diff, BURST_REPLICAS)
            name = rs["metadata"]["name"]
            template = rs["spec"].get("template") or {}
            backoff = common.controller_state(self.sim).setdefault("rs_backoff", {})
            held = backoff.get(uid)
            now = self.server.clock.now
            if held is not None and now < held["until"]:
                return held["msg"]  # a refused create waits out its back-off, as the work queue's rate limit does
            for _ in range(n):
                pod = common.pod_from_template(rs, template, f"{name}-")
                _, err = common.create_pod(self.server, rs, pod, COMPONENT)
                if err is not None:
                    delay = min(2 * held["delay"], MAX_CREATE_BACKOFF) if held else FIRST_CREATE_BACKOFF
                    backoff[uid] = {"until": now + delay, "delay": delay, "msg": err}
                    self._timers.at(now + delay, rs["metadata"]["namespace"], name)
                    return err
            backoff.pop(uid, None)
            if -diff > n:
                self.mark(("rs", rs["metadata"]["namespace"], name))
        elif diff > 0:
            n = min(diff, BURST_REPLICAS)
            pods = [p for p in self.pods.pods(self.server, uid) if common.is_active(p)]
            for pod in pods_to_delete(pods, n, self.server.clock.now):
                common.delete_pod(self.server, rs, pod, COMPONENT)
            if diff > n:
                self.mark(("rs", rs["metadata"]["namespace"], rs["metadata"]["name"]))
        return None

    def _write_status(self, rs: dict, failure: str | None) -> None:
        uid = rs["metadata"]["uid"]
        active, ready, labeled = self._counts.get(uid, [0, 0, 0])
        min_ready = int(rs["spec"].get("minReadySeconds") or 0)
        available = ready
        if min_ready and ready:
            available = self._available(rs, min_ready)
        old = rs.get("status") or {}
        status: dict[str, Any] = {"replicas": active}
        if labeled:
            status["fullyLabeledReplicas"] = labeled
        if ready:
            status["readyReplicas"] = ready
        if available:
            status["availableReplicas"] = available
        if rs["metadata"].get("generation"):
            status["observedGeneration"] = rs["metadata"]["generation"]
        conditions = [c for c in old.get("conditions") or () if c.get("type") != "ReplicaFailure"]
        if failure is not None:
            prev = next((c for c in old.get("conditions") or () if c.get("type") == "ReplicaFailure"), None)
            cond = {"lastTransitionTime": common.now_str(self.server), "message": failure,
                    "reason": "FailedCreate", "status": "True", "type": "ReplicaFailure"}
            if prev is not None and prev.get("status") == "True":
                cond["lastTransitionTime"] = prev.get("lastTransitionTime")
            conditions.append(cond)
        if conditions:
            status["conditions"] = conditions
        common.write_status(self.server, rs, common.sorted_status(status))

    def _available(self, rs: dict, min_ready: int) -> int:
        """Pods ready for longer than minReadySeconds; queues a resync for the next one to qualify."""
        now = self.server.clock.now
        count = 0
        soonest = None
        for pod in self.pods.pods(self.server, rs["metadata"]["uid"]):
            if not common.is_active(pod) or not common.is_ready(pod):
                continue
            if common.is_available(pod, min_ready, now):
                count += 1
            else:
                at = common.available_at(pod, min_ready)
                if at is not None and (soonest is None or at < soonest):
                    soonest = at
        if soonest is not None:
            self._timers.at(math.floor(soonest) + 1, rs["metadata"]["namespace"], rs["metadata"]["name"])
        return count

    # ---------------------------------------------------------------- adoption and release
    def _matching_rs(self, pod: dict) -> dict | None:
        """The ReplicaSet that adopts an orphan: the oldest live one whose selector matches."""
        ns = pod["metadata"]["namespace"]
        found = []
        for name in self._rs_by_ns.get(ns, ()):
            rs = self.server.ref("ReplicaSet", ns, name)
            if rs is None or rs["metadata"].get("deletionTimestamp"):
                continue
            sel = common.label_selector(rs["spec"].get("selector"))
            if sel.matches(pod["metadata"].get("labels")):
                found.append(rs)
        if not found:
            return None
        return min(found, key=lambda r: (common.creation_time(r), r["metadata"]["name"]))

    def _claim_pod(self, ns: str, name: str) -> None:
        pod = self.server.ref("Pod", ns, name)
        if pod is None or not common.is_active(pod):
            return
        ref = common.controller_ref(pod)
        if ref is None:
            rs = self._matching_rs(pod)
            if rs is not None:
                self._adopt(rs, pod)
            return
        if ref.get("kind") != "ReplicaSet":
            return
        rs = self._rs(ref.get("uid", ""))
        if rs is None or rs["metadata"].get("deletionTimestamp"):
            return
        if not common.label_selector(rs["spec"].get("selector")).matches(pod["metadata"].get("labels")):
            uid = rs["metadata"]["uid"]
            pod["metadata"]["ownerReferences"] = [
                r for r in pod["metadata"].get("ownerReferences") or () if r.get("uid") != uid]
            if not pod["metadata"]["ownerReferences"]:
                del pod["metadata"]["ownerReferences"]
            self.server.replace_internal(pod)

    def _adopt(self, rs: dict, pod: dict) -> None:
        pod["metadata"].setdefault("ownerReferences", []).append(common.owner_reference(rs))
        self.server.replace_internal(pod)

    def _adopt_orphans(self, rs: dict) -> None:
        """A new ReplicaSet claims the matching orphans already in its namespace (once)."""
        ns = rs["metadata"]["namespace"]
        sel = common.label_selector(rs["spec"].get("selector"))
        if rs["metadata"].get("deletionTimestamp"):
            return
        for pod in list(self.server.iter("Pod", ns)):
            if (common.controller_ref(pod) is None and common.is_active(pod)
                    and sel.matches(pod["metadata"].get("labels"))
                    and self._matching_rs(pod) is rs):
                self._adopt(rs, pod)


# ---------------------------------------------------------------- which pods go first
def pods_to_delete(pods: list[dict], n: int, now: float) -> list[dict]:
    """getPodsToDelete: rank active pods as ActivePodsWithRanks.Less and take the first ``n``."""
    if n >= len(pods):
        return list(pods)
    on_node: dict[str, int] = {}
    for p in pods:
        node = p["spec"].get("nodeName") or ""
        on_node[node] = on_node.get(node, 0) + 1
    ranked = [(p, on_node[p["spec"].get("nodeName") or ""]) for p in pods]

    def cmp(a: tuple[dict, int], b: tuple[dict, int]) -> int:
        if _less(a, b, now):
            return -1
        if _less(b, a, now):
            return 1
        return 0

    ranked.sort(key=functools.cmp_to_key(cmp))
    return [p for p, _ in ranked[:n]]


def _deletion_cost(pod: dict) -> int:
    raw = (pod["metadata"].get("annotations") or {}).get(DELETION_COST)
    try:
        return int(raw) if raw is not None else 0
    except ValueError:
        return 0


def _log_rank(t: float, now: float) -> int:
    d = (now - t) * 1e9  # Go durations are nanoseconds
    return int(math.log2(d)) if d > 0 else -1


def _less(a: tuple[dict, int], b: tuple[dict, int], now: float) -> bool:
    """ActivePodsWithRanks.Less (LogarithmicScaleDown and PodDeletionCost on, as in v1.33)."""
    pi, ri = a
    pj, rj = b
    ni, nj = pi["spec"].get("nodeName") or "", pj["spec"].get("nodeName") or ""
    if ni != nj and (not ni or not nj):
        return not ni  # 1. unassigned < assigned
    phi = PHASE_ORDINAL.get((pi.get("status") or {}).get("phase"), 0)
    phj = PHASE_ORDINAL.get((pj.get("status") or {}).get("phase"), 0)
    if phi != phj:
        return phi < phj  # 2. Pending < Unknown < Running
    rdi, rdj = common.is_ready(pi), common.is_ready(pj)
    if rdi != rdj:
        return not rdi  # 3. not ready < ready
    ci, cj = _deletion_cost(pi), _deletion_cost(pj)
    if ci != cj:
        return ci < cj  # 4. lower pod-deletion-cost first
    if ri != rj:
        return ri > rj  # 5. doubled up < not doubled up
    if rdi and rdj:  # 6. ready for less time first
        ti, tj = common.ready_since(pi), common.ready_since(pj)
        if ti != tj:
            if ti is None or tj is None:
                return ti is None
            diff = _log_rank(ti, now) - _log_rank(tj, now)
            if diff == 0:
                return pi["metadata"].get("uid", "") < pj["metadata"].get("uid", "")
            return diff < 0
    mi, mj = common.max_restarts(pi), common.max_restarts(pj)
    if mi != mj:
        return mi > mj  # 7. more restarts first
    ti, tj = (timeutil.parse(pi["metadata"].get("creationTimestamp")),
              timeutil.parse(pj["metadata"].get("creationTimestamp")))
    if ti != tj:  # 8. newer first
        if ti is None or tj is None:
            return ti is None
        diff = _log_rank(ti, now) - _log_rank(tj, now)
        if diff == 0:
            return pi["metadata"].get("uid", "") < pj["metadata"].get("uid", "")
        return diff < 0
    return False
