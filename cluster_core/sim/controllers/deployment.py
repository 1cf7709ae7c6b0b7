"""The Deployment controller: one ReplicaSet per pod template, rolled from old to new.

Shaped like upstream ``pkg/controller/deployment`` (v1.33): ``syncDeployment`` claims the
Deployment's ReplicaSets, then either scales them (a change of ``spec.replicas`` alone:
``isScalingEvent`` -> ``sync`` -> ``scale``, proportionally during a rollout) or rolls out
(``rolloutRolling``: ``reconcileNewReplicaSet`` then ``reconcileOldReplicaSets`` within maxSurge and
maxUnavailable; ``rolloutRecreate``: old to zero, wait for their pods, then the new one), and
writes status with the Available and Progressing conditions (``syncRolloutStatus``). The pods
themselves are the ReplicaSet controller's business: this controller only writes ReplicaSets.

The new ReplicaSet is named ``<deployment>-<pod-template-hash>``; the hash has upstream's shape
(FNV-32a, decimal, ``SafeEncodeString``) over canonical JSON rather than Go's spew dump, so its
value differs from a real cluster's (``common.template_hash``).

Cheap at scale: ReplicaSets are indexed by their controlling Deployment's uid; the Deployment is
marked dirty when one of its ReplicaSets changes (their status carries the pod counts).
"""

from __future__ import annotations

import copy
import functools
import math
from typing import Any

from cluster_core import timeutil
from cluster_core.api import errors
from cluster_core.sim.controllers import common
from cluster_core.sim.engine import Controller, Simulation

COMPONENT = "deployment-controller"
RESYNC = "deployment.resync"
HASH_LABEL = "pod-template-hash"
REVISION = "deployment.kubernetes.io/revision"
REVISION_HISTORY = "deployment.kubernetes.io/revision-history"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
SKIP_COPY = (LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED, MAX_REPLICAS, "deprecated.deployment.rollback.to")
MAX_INT32 = 2**31 - 1

# Condition reasons (pkg/controller/deployment/util).
NEW_RS_CREATED = "NewReplicaSetCreated"
FOUND_NEW_RS = "FoundNewReplicaSet"
RS_UPDATED = "ReplicaSetUpdated"
NEW_RS_AVAILABLE = "NewReplicaSetAvailable"
TIMED_OUT = "ProgressDeadlineExceeded"
MIN_AVAILABLE = "MinimumReplicasAvailable"
MIN_UNAVAILABLE = "MinimumReplicasUnavailable"


class DeploymentController(Controller):
    """Keys: ``("deploy", ns, name)`` converge one Deployment."""

    name = "deployment"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        self._owned: dict[str, dict[tuple[str, str], None]] = {}  # deployment uid -> its ReplicaSets
        self._owner_of: dict[tuple[str, str], str] = {}  # ReplicaSet -> deployment uid
        self._d_key: dict[str, tuple[str, str]] = {}  # deployment uid -> (ns, name)
        self._timers = common.Timers(sim, RESYNC)

    # ---------------------------------------------------------------- indexes
    def start(self) -> None:
        self._owned.clear()
        self._owner_of.clear()
        self._d_key.clear()
        for d in self.server.iter("Deployment"):
            meta = d["metadata"]
            self._d_key[meta["uid"]] = (meta["namespace"], meta["name"])
            if self.sim.resync:
                self.mark(("deploy", meta["namespace"], meta["name"]))
        for rs in self.server.iter("ReplicaSet"):
            self._index_rs(rs, deleted=False)

    def _index_rs(self, rs: dict, deleted: bool) -> tuple[str | None, str | None]:
        key = common.pod_key(rs)
        old = self._owner_of.get(key)
        new = None if deleted else common.controller_uid(rs, "Deployment")
        if old != new:
            if old is not None:
                self._owned.get(old, {}).pop(key, None)
                if not self._owned.get(old, True):
                    del self._owned[old]
                self._owner_of.pop(key, None)
            if new is not None:
                self._owned.setdefault(new, {})[key] = None
                self._owner_of[key] = new
        return old, new

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Deployment":
            meta = obj["metadata"]
            if event == "DELETED":
                self._d_key.pop(meta["uid"], None)
                return
            self._d_key[meta["uid"]] = (meta["namespace"], meta["name"])
            self.mark(("deploy", meta["namespace"], meta["name"]))
        elif kind == "ReplicaSet":
            before, after = self._index_rs(obj, event == "DELETED")
            for uid in (before, after):
                key = self._d_key.get(uid) if uid is not None else None
                if key is not None:
                    self.mark(("deploy", *key))
            labels_changed = event == "ADDED" or (old or {}).get("metadata", {}).get("labels") != obj[
                "metadata"].get("labels")
            if after is None and labels_changed and event != "DELETED" and common.controller_ref(obj) is None:
                ns = obj["metadata"]["namespace"]
                for d_ns, d_name in list(self._d_key.values()):
                    if d_ns == ns:
                        self.mark(("deploy", d_ns, d_name))
        elif kind == "Pod" and event == "DELETED":
            # rolloutRecreate waits for the old pods to be gone
            ref = common.controller_ref(obj)
            if ref is None or ref.get("kind") != "ReplicaSet":
                return
            owner = self._owner_of.get((obj["metadata"]["namespace"], ref.get("name", "")))
            key = self._d_key.get(owner) if owner is not None else None
            if key is not None:
                self.mark(("deploy", *key))

    def handlers(self) -> dict[str, Any]:
        return {RESYNC: self._resync}

    def _resync(self, ns: str, name: str) -> None:
        self._timers.fired(ns, name)
        self.mark(("deploy", ns, name))

    def sync(self, key: Any) -> None:
        if key[0] == "deploy":
            self._sync(key[1], key[2])

    # ---------------------------------------------------------------- syncDeployment
    def _sync(self, ns: str, name: str) -> None:
        d = self.server.ref("Deployment", ns, name)
        if d is None:
            return
        spec = d["spec"]
        sel = spec.get("selector")
        if not (sel or {}).get("matchLabels") and not (sel or {}).get("matchExpressions"):
            return  # the API server refuses an empty selector; nothing to do for a broken object
        rs_list = self._claim(d)
        if d["metadata"].get("deletionTimestamp"):
            new_rs, old_rss = self._new_and_old(d, rs_list, create=False)
            self._sync_status(d, new_rs, old_rss)
            return
        if spec.get("paused") or self._is_scaling_event(d, rs_list):
            self._sync_scale(d, rs_list)
        elif (spec.get("strategy") or {}).get("type") == "Recreate":
            self._rollout_recreate(d, rs_list)
        else:
            self._rollout_rolling(d, rs_list)

    def _claim(self, d: dict) -> list[dict]:
        """ClaimReplicaSets: the ReplicaSets it controls, plus matching orphans adopted; owned ones
        whose labels no longer match are released."""
        ns, uid = d["metadata"]["namespace"], d["metadata"]["uid"]
        selector = common.label_selector(d["spec"].get("selector"))
        out = []
        for rs_ns, rs_name in list(self._owned.get(uid, ())):
            rs = self.server.ref("ReplicaSet", rs_ns, rs_name)
            if rs is None:
                continue
            if selector.matches(rs["metadata"].get("labels")):
                out.append(rs)
            elif not d["metadata"].get("deletionTimestamp"):
                rs["metadata"]["ownerReferences"] = [
                    r for r in rs["metadata"].get("ownerReferences") or () if r.get("uid") != uid]
                if not rs["metadata"]["ownerReferences"]:
                    del rs["metadata"]["ownerReferences"]
                self.server.replace_internal(rs)
        if not d["metadata"].get("deletionTimestamp"):
            for rs in list(self.server.iter("ReplicaSet", ns)):
                if (common.controller_ref(rs) is None and not rs["metadata"].get("deletionTimestamp")
                        and selector.matches(rs["metadata"].get("labels"))):
                    rs["metadata"].setdefault("ownerReferences", []).append(common.owner_reference(d))
                    self.server.replace_internal(rs)
                    out.append(rs)
        return sorted(out, key=lambda r: (common.creation_time(r), r["metadata"]["name"]))

    # ---------------------------------------------------------------- new and old ReplicaSets
    def _find_new(self, d: dict, rs_list: list[dict]) -> dict | None:
        """FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, hash aside."""
        template = d["spec"].get("template") or {}
        for rs in rs_list:  # already sorted by creation
            if equal_ignore_hash(rs["spec"].get("template") or {}, template):
                return rs
        return None

    def _new_and_old(self, d: dict, rs_list: list[dict], create: bool) -> tuple[dict | None, list[dict]]:
        """getAllReplicaSetsAndSyncRevision."""
        rs_list = [self._fresh(rs) for rs in rs_list]
        existing = self._find_new(d, rs_list)
        old_rss = [rs for rs in rs_list if rs is not existing]
        new_revision = str(max((revision(rs) for rs in old_rss), default=0) + 1)
        if existing is not None:
            return self._sync_existing_new(d, existing, new_revision), old_rss
        if not create:
            return None, old_rss
        return self._create_new(d, old_rss, new_revision), old_rss

    def _sync_existing_new(self, d: dict, rs: dict, new_revision: str) -> dict:
        rs_copy = copy.deepcopy(rs)
        changed = set_new_rs_annotations(d, rs_copy, new_revision, exists=True)
        min_ready = int(d["spec"].get("minReadySeconds") or 0)
        if changed or int(rs_copy["spec"].get("minReadySeconds") or 0) != min_ready:
            if min_ready:
                rs_copy["spec"]["minReadySeconds"] = min_ready
            else:
                rs_copy["spec"].pop("minReadySeconds", None)
            try:
                self.server.update(rs_copy)
            except errors.ApiError:
                return rs  # upstream requeues on a failed update; the next sync tries again
            return self._fresh(rs)
        status = copy.deepcopy(d.get("status") or {})
        revision_changed = set_revision(d, rs_copy["metadata"].get("annotations", {}).get(REVISION, ""))
        needs_update = revision_changed
        if has_progress_deadline(d) and condition(status, "Progressing") is None:
            set_condition(status, new_condition("Progressing", "True", FOUND_NEW_RS,
                                                f'Found new replica set "{rs["metadata"]["name"]}"', self._now()))
            needs_update = True
        if needs_update:
            self._write_status(d, status, force=revision_changed)
        return rs

    def _create_new(self, d: dict, old_rss: list[dict], new_revision: str) -> dict | None:
        meta, spec = d["metadata"], d["spec"]
        status = dict(d.get("status") or {})
        template = copy.deepcopy(spec.get("template") or {})
        hash_ = common.template_hash(spec.get("template") or {}, status.get("collisionCount"))
        tmeta = template.setdefault("metadata", {})
        tmeta["labels"] = {**(tmeta.get("labels") or {}), HASH_LABEL: hash_}
        selector = copy.deepcopy(spec.get("selector") or {})
        selector["matchLabels"] = {**(selector.get("matchLabels") or {}), HASH_LABEL: hash_}
        rs_spec: dict[str, Any] = {"replicas": 0}
        if spec.get("minReadySeconds"):
            rs_spec["minReadySeconds"] = spec["minReadySeconds"]
        rs_spec["selector"] = selector
        rs_spec["template"] = template
        rs: dict[str, Any] = {
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": {"name": f"{meta['name']}-{hash_}", "namespace": meta["namespace"],
                         "labels": dict(tmeta["labels"]), "ownerReferences": [common.owner_reference(d)]},
            "spec": rs_spec}
        replicas = new_rs_replicas(d, [*old_rss, rs], rs)
        rs_spec["replicas"] = replicas
        set_new_rs_annotations(d, rs, new_revision, exists=False)
        try:
            created = self.server.create(rs, internal=True)
        except errors.ApiError as e:
            if e.reason == "AlreadyExists":
                # a different object holds the name: bump collisionCount and try again (hash changes)
                status = copy.deepcopy(d.get("status") or {})
                status["collisionCount"] = int(status.get("collisionCount") or 0) + 1
                self._write_status(d, status)
                self.mark(("deploy", meta["namespace"], meta["name"]))
                return None
            common.record(self.server, d, "Warning", "FailedCreate", e.message, COMPONENT)
            return None
        if replicas > 0:
            common.record(self.server, d, "Normal", "ScalingReplicaSet",
                          f"Scaled up replica set {created['metadata']['name']} from 0 to {replicas}", COMPONENT)
        status = copy.deepcopy(d.get("status") or {})
        revision_changed = set_revision(d, new_revision)
        if has_progress_deadline(d):
            set_condition(status, new_condition("Progressing", "True", NEW_RS_CREATED,
                                                f'Created new replica set "{created["metadata"]["name"]}"',
                                                self._now()))
        self._write_status(d, status, force=revision_changed)
        return self.server.ref("ReplicaSet", meta["namespace"], created["metadata"]["name"])

    # ---------------------------------------------------------------- scaling
    def _is_scaling_event(self, d: dict, rs_list: list[dict]) -> bool:
        new_rs, old_rss = self._new_and_old(d, rs_list, create=False)
        for rs in active([*old_rss, new_rs]):
            desired = int_annotation(rs, DESIRED)
            if desired is not None and desired != replicas_of(d):
                return True
        return False

    def _sync_scale(self, d: dict, rs_list: list[dict]) -> None:
        """sync: scale, clean up old ReplicaSets, write status (no Progressing update)."""
        new_rs, old_rss = self._new_and_old(d, rs_list, create=False)
        self._scale(d, new_rs, old_rss)
        self._cleanup(d, old_rss)
        self._sync_status(d, new_rs, old_rss)

    def _scale(self, d: dict, new_rs: dict | None, old_rss: list[dict]) -> None:
        target = find_active_or_latest(new_rs, old_rss)
        if target is not None:
            if spec_replicas(target) != replicas_of(d):
                self._scale_rs(target, replicas_of(d), d)
            return
        if is_saturated(d, new_rs):
            for rs in active(old_rss):
                self._scale_rs(rs, 0, d)
            return
        if not is_rolling(d):
            return
        all_rss = active([new_rs, *old_rss])
        all_replicas = sum(spec_replicas(rs) for rs in all_rss)
        allowed = replicas_of(d) + (max_surge(d) if replicas_of(d) > 0 else 0)
        to_add = allowed - all_replicas
        if to_add > 0:
            all_rss.sort(key=functools.cmp_to_key(_by_size_newer))
        elif to_add < 0:
            all_rss.sort(key=functools.cmp_to_key(_by_size_older))
        added = 0
        sizes: dict[str, int] = {}
        for rs in all_rss:
            if to_add != 0:
                proportion = get_proportion(rs, d, to_add, added)
                sizes[rs["metadata"]["name"]] = spec_replicas(rs) + proportion
                added += proportion
            else:
                sizes[rs["metadata"]["name"]] = spec_replicas(rs)
        for i, rs in enumerate(all_rss):
            rs_name = rs["metadata"]["name"]
            if i == 0 and to_add != 0:
                sizes[rs_name] = max(0, sizes[rs_name] + to_add - added)
            self._scale_rs(rs, sizes[rs_name], d)

    def _scale_rs(self, rs: dict, new_scale: int, d: dict) -> bool:
        """scaleReplicaSetAndRecordEvent / scaleReplicaSet: size and replica annotations, one event."""
        rs = self._fresh(rs)
        old_scale = spec_replicas(rs)
        rs_copy = copy.deepcopy(rs)
        annotations_changed = set_replicas_annotations(rs_copy, replicas_of(d), replicas_of(d) + max_surge(d))
        if old_scale == new_scale and not annotations_changed:
            return False
        rs_copy["spec"]["replicas"] = new_scale
        try:
            self.server.update(rs_copy)
        except errors.ApiError as e:
            common.record(self.server, d, "Warning", "FailedScaling", e.message, COMPONENT)
            return False
        if old_scale != new_scale:
            op = "up" if old_scale < new_scale else "down"
            common.record(self.server, d, "Normal", "ScalingReplicaSet",
                          f"Scaled {op} replica set {rs['metadata']['name']} from {old_scale} to {new_scale}",
                          COMPONENT)
            return True
        return False

    # ---------------------------------------------------------------- rollouts
    def _rollout_rolling(self, d: dict, rs_list: list[dict]) -> None:
        new_rs, old_rss = self._new_and_old(d, rs_list, create=True)
        if new_rs is None:
            return
        all_rss = [*old_rss, new_rs]
        if self._reconcile_new(d, all_rss, new_rs):
            self._sync_rollout_status(d, new_rs, old_rss)
            return
        if self._reconcile_old(d, all_rss, active(old_rss), new_rs):
            self._sync_rollout_status(d, new_rs, old_rss)
            return
        if deployment_complete(d, d.get("status") or {}):
            self._cleanup(d, old_rss)
        self._sync_rollout_status(d, new_rs, old_rss)

    def _reconcile_new(self, d: dict, all_rss: list[dict], new_rs: dict) -> bool:
        want = replicas_of(d)
        if spec_replicas(new_rs) == want:
            return False
        if spec_replicas(new_rs) > want:
            return self._scale_rs(new_rs, want, d)
        return self._scale_rs(new_rs, new_rs_replicas(d, all_rss, new_rs), d)

    def _reconcile_old(self, d: dict, all_rss: list[dict], old_rss: list[dict], new_rs: dict) -> bool:
        if sum(spec_replicas(rs) for rs in old_rss) == 0:
            return False
        all_pods = sum(spec_replicas(rs) for rs in all_rss)
        min_available = replicas_of(d) - max_unavailable(d)
        new_unavailable = spec_replicas(new_rs) - available_of(new_rs)
        max_scaled_down = all_pods - min_available - new_unavailable
        if max_scaled_down <= 0:
            return False
        old_rss = sorted(old_rss, key=_by_creation)
        cleaned = 0
        for rs in old_rss:  # cleanupUnhealthyReplicas
            if cleaned >= max_scaled_down:
                break
            if spec_replicas(rs) == 0:
                continue
            unhealthy = spec_replicas(rs) - available_of(rs)
            if unhealthy <= 0:
                continue
            down = min(max_scaled_down - cleaned, unhealthy)
            self._scale_rs(rs, spec_replicas(rs) - down, d)
            cleaned += down
        old_rss = [self._fresh(rs) for rs in old_rss]
        scaled = 0
        available = sum(available_of(rs) for rs in all_rss)  # scaleDownOldReplicaSetsForRollingUpdate
        if available > min_available:
            total = available - min_available
            for rs in old_rss:
                if scaled >= total:
                    break
                if spec_replicas(rs) == 0:
                    continue
                down = min(spec_replicas(rs), total - scaled)
                self._scale_rs(rs, spec_replicas(rs) - down, d)
                scaled += down
        return cleaned + scaled > 0

    def _rollout_recreate(self, d: dict, rs_list: list[dict]) -> None:
        new_rs, old_rss = self._new_and_old(d, rs_list, create=False)
        scaled = False
        for rs in active(old_rss):
            scaled = self._scale_rs(rs, 0, d) or scaled
        if scaled:
            self._sync_rollout_status(d, new_rs, old_rss)
            return
        if self._old_pods_running(d, new_rs, old_rss):
            self._sync_rollout_status(d, new_rs, old_rss)
            return
        if new_rs is None:
            new_rs, old_rss = self._new_and_old(d, rs_list, create=True)
            if new_rs is None:
                return
        if spec_replicas(new_rs) != replicas_of(d):
            self._scale_rs(new_rs, replicas_of(d), d)
        if deployment_complete(d, d.get("status") or {}):
            self._cleanup(d, old_rss)
        self._sync_rollout_status(d, new_rs, old_rss)

    def _old_pods_running(self, d: dict, new_rs: dict | None, old_rss: list[dict]) -> bool:
        if sum(int((rs.get("status") or {}).get("replicas") or 0) for rs in old_rss):
            return True
        uids = {rs["metadata"]["uid"] for rs in old_rss}
        for pod in self.server.iter("Pod", d["metadata"]["namespace"]):
            if common.controller_uid(pod, "ReplicaSet") in uids and not common.is_terminal(pod):
                return True
        return False

    def _cleanup(self, d: dict, old_rss: list[dict]) -> None:
        """cleanupDeployment: delete the oldest revisions beyond revisionHistoryLimit (empty ones only)."""
        limit = d["spec"].get("revisionHistoryLimit")
        if limit is None:
            return
        alive = [rs for rs in old_rss if not rs["metadata"].get("deletionTimestamp")]
        diff = len(alive) - int(limit)
        if diff <= 0:
            return
        alive.sort(key=lambda r: (revision(r), common.creation_time(r), r["metadata"]["name"]))
        for rs in alive[:diff]:
            st = rs.get("status") or {}
            if (st.get("replicas") or spec_replicas(rs)
                    or int(rs["metadata"].get("generation") or 0) > int(st.get("observedGeneration") or 0)):
                continue
            try:
                self.server.delete("ReplicaSet", rs["metadata"]["namespace"], rs["metadata"]["name"])
            except errors.ApiError:
                pass

    def _fresh(self, obj: dict) -> dict:
        """The stored object now (an update through the API replaces the dict)."""
        return self.server.ref(obj["kind"], obj["metadata"]["namespace"], obj["metadata"]["name"]) or obj

    # ---------------------------------------------------------------- status
    def _now(self) -> str:
        return common.now_str(self.server)

    def _calculate_status(self, d: dict, new_rs: dict | None, old_rss: list[dict]) -> dict[str, Any]:
        """calculateStatus: counts summed over the ReplicaSets, and the Available condition."""
        all_rss = [rs for rs in (*old_rss, new_rs) if rs is not None]
        available = sum(available_of(rs) for rs in all_rss)
        total = sum(int((rs.get("status") or {}).get("replicas") or 0) for rs in all_rss)
        old = d.get("status") or {}
        status: dict[str, Any] = {
            "observedGeneration": d["metadata"].get("generation"),
            "replicas": total,
            "updatedReplicas": int((new_rs.get("status") or {}).get("replicas") or 0) if new_rs else 0,
            "readyReplicas": sum(int((rs.get("status") or {}).get("readyReplicas") or 0) for rs in all_rss),
            "availableReplicas": available,
            "unavailableReplicas": max(0, sum(spec_replicas(rs) for rs in all_rss) - available),
            "collisionCount": old.get("collisionCount"),
            "conditions": copy.deepcopy(old.get("conditions") or []),
        }
        if available >= replicas_of(d) - max_unavailable(d):
            cond = new_condition("Available", "True", MIN_AVAILABLE, "Deployment has minimum availability.",
                                 self._now())
        else:
            cond = new_condition("Available", "False", MIN_UNAVAILABLE,
                                 "Deployment does not have minimum availability.", self._now())
        set_condition(status, cond)
        return status

    def _sync_status(self, d: dict, new_rs: dict | None, old_rss: list[dict]) -> None:
        self._write_status(d, self._calculate_status(d, new_rs, old_rss))

    def _sync_rollout_status(self, d: dict, new_rs: dict | None, old_rss: list[dict]) -> None:
        """syncRolloutStatus: Progressing from the new counts, a timer for the progress deadline."""
        status = self._calculate_status(d, new_rs, old_rss)
        if not has_progress_deadline(d):
            remove_condition(status, "Progressing")
        current = condition(status, "Progressing")
        complete = (status["replicas"] == status["updatedReplicas"] and current is not None
                    and current.get("reason") == NEW_RS_AVAILABLE)
        now = self._now()
        if has_progress_deadline(d) and not complete:
            rs_name = new_rs["metadata"]["name"] if new_rs is not None else None
            if deployment_complete(d, status):
                msg = (f'ReplicaSet "{rs_name}" has successfully progressed.' if rs_name
                       else "Deployment has successfully progressed.")
                set_condition(status, new_condition("Progressing", "True", NEW_RS_AVAILABLE, msg, now))
            elif deployment_progressing(d, status):
                msg = (f'ReplicaSet "{rs_name}" is progressing.' if rs_name
                       else f'Deployment "{d["metadata"]["name"]}" is progressing.')
                cond = new_condition("Progressing", "True", RS_UPDATED, msg, now)
                if current is not None:
                    if current.get("status") == "True":
                        cond["lastTransitionTime"] = current.get("lastTransitionTime")
                    remove_condition(status, "Progressing")
                set_condition(status, cond)
            elif self._timed_out(d, status):
                msg = (f'ReplicaSet "{rs_name}" has timed out progressing.' if rs_name
                       else f'Deployment "{d["metadata"]["name"]}" has timed out progressing.')
                set_condition(status, new_condition("Progressing", "False", TIMED_OUT, msg, now))
        self._write_status(d, status)
        self._requeue_stuck(d, status)

    def _timed_out(self, d: dict, status: dict) -> bool:
        cond = condition(status, "Progressing")
        if cond is None or cond.get("reason") == NEW_RS_AVAILABLE:
            return False
        if cond.get("reason") == TIMED_OUT:
            return True
        since = timeutil.parse(cond.get("lastUpdateTime"))
        return since is not None and since + int(d["spec"]["progressDeadlineSeconds"]) < self.server.clock.now

    def _requeue_stuck(self, d: dict, status: dict) -> None:
        """requeueStuckDeployment: look again one second after the progress deadline passes."""
        cond = condition(status, "Progressing")
        if not has_progress_deadline(d) or cond is None or cond.get("reason") in (TIMED_OUT, NEW_RS_AVAILABLE):
            return
        if deployment_complete(d, status):
            return
        since = timeutil.parse(cond.get("lastUpdateTime"))
        if since is None:
            return
        at = math.floor(since + int(d["spec"]["progressDeadlineSeconds"])) + 1
        self._timers.at(max(at, math.floor(self.server.clock.now) + 1), d["metadata"]["namespace"],
                        d["metadata"]["name"])

    def _write_status(self, d: dict, status: dict[str, Any], force: bool = False) -> None:
        """UpdateStatus if the status (zero counts and empty lists dropped, as omitempty does) or
        ``force`` (the revision annotation, which a status update may change) says so."""
        out = common.sorted_status({k: v for k, v in status.items() if v not in (None, 0, [])})
        if d.get("status") != out or force:
            d["status"] = out
            self.server.update_status(d)


# ---------------------------------------------------------------- deployment util
def replicas_of(d: dict) -> int:
    return int(d["spec"].get("replicas", 1) or 0)


def spec_replicas(rs: dict | None) -> int:
    return int((rs or {}).get("spec", {}).get("replicas", 1) or 0)


def available_of(rs: dict | None) -> int:
    return int(((rs or {}).get("status") or {}).get("availableReplicas") or 0)


def active(rss: list[dict | None]) -> list[dict]:
    """FilterActiveReplicaSets: the ones with replicas to run."""
    return [rs for rs in rss if rs is not None and spec_replicas(rs) > 0]


def revision(rs: dict) -> int:
    try:
        return int((rs["metadata"].get("annotations") or {}).get(REVISION, ""))
    except ValueError:
        return 0


def int_annotation(rs: dict, key: str) -> int | None:
    raw = (rs["metadata"].get("annotations") or {}).get(key)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def is_rolling(d: dict) -> bool:
    return (d["spec"].get("strategy") or {}).get("type", "RollingUpdate") == "RollingUpdate"


def scaled_value(value: Any, total: int, round_up: bool) -> int:
    """intstr.GetScaledValueFromIntOrPercent."""
    if isinstance(value, str) and value.endswith("%"):
        try:
            percent = int(value[:-1])
        except ValueError:
            return 0
        return math.ceil(percent * total / 100) if round_up else (percent * total) // 100
    return int(value or 0)


def fenceposts(d: dict) -> tuple[int, int]:
    """ResolveFenceposts: surge rounds up, unavailable rounds down; both zero means one unavailable."""
    ru = (d["spec"].get("strategy") or {}).get("rollingUpdate") or {}
    desired = replicas_of(d)
    surge = scaled_value(ru.get("maxSurge"), desired, True)
    unavailable = scaled_value(ru.get("maxUnavailable"), desired, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    return surge, unavailable


def max_surge(d: dict) -> int:
    return fenceposts(d)[0] if is_rolling(d) else 0


def max_unavailable(d: dict) -> int:
    if not is_rolling(d) or replicas_of(d) == 0:
        return 0
    return min(fenceposts(d)[1], replicas_of(d))


def new_rs_replicas(d: dict, all_rss: list[dict], new_rs: dict) -> int:
    """NewRSNewReplicas: as many as maxSurge allows, up to spec.replicas."""
    if not is_rolling(d):
        return replicas_of(d)
    current = sum(spec_replicas(rs) for rs in all_rss)
    max_total = replicas_of(d) + max_surge(d)
    if current >= max_total:
        return spec_replicas(new_rs)
    up = min(max_total - current, replicas_of(d) - spec_replicas(new_rs))
    return spec_replicas(new_rs) + up


def find_active_or_latest(new_rs: dict | None, old_rss: list[dict]) -> dict | None:
    if new_rs is None and not old_rss:
        return None
    olds = sorted(old_rss, key=_by_creation, reverse=True)
    all_active = active([*olds, new_rs])
    if not all_active:
        return new_rs if new_rs is not None else olds[0]
    if len(all_active) == 1:
        return all_active[0]
    return None


def is_saturated(d: dict, rs: dict | None) -> bool:
    if rs is None:
        return False
    return int_annotation(rs, DESIRED) == replicas_of(d) and available_of(rs) == replicas_of(d)


def get_proportion(rs: dict, d: dict, to_add: int, added: int) -> int:
    if spec_replicas(rs) == 0 or to_add == 0 or to_add == added:
        return 0
    fraction = _rs_fraction(rs, d)
    allowed = to_add - added
    return min(fraction, allowed) if to_add > 0 else max(fraction, allowed)


def _rs_fraction(rs: dict, d: dict) -> int:
    if replicas_of(d) == 0:
        return -spec_replicas(rs)
    deployment_replicas = replicas_of(d) + max_surge(d)
    annotated = int_annotation(rs, MAX_REPLICAS)
    if annotated is None:
        annotated = int((d.get("status") or {}).get("replicas") or 0)
    if annotated == 0:
        return 0
    size = spec_replicas(rs) * deployment_replicas / annotated
    return _round_half_away(size) - spec_replicas(rs)


def _round_half_away(x: float) -> int:
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def set_replicas_annotations(rs: dict, desired: int, max_replicas: int) -> bool:
    annotations = rs["metadata"].setdefault("annotations", {})
    changed = False
    for key, value in ((DESIRED, str(desired)), (MAX_REPLICAS, str(max_replicas))):
        if annotations.get(key) != value:
            annotations[key] = value
            changed = True
    return changed


def set_new_rs_annotations(d: dict, rs: dict, new_revision: str, exists: bool) -> bool:
    """SetNewReplicaSetAnnotations: the Deployment's own annotations copied, the revision raised
    (keeping the old one in revision-history), the replica annotations on a new ReplicaSet."""
    annotations = rs["metadata"].setdefault("annotations", {})
    changed = False
    for k, v in (d["metadata"].get("annotations") or {}).items():
        if k in SKIP_COPY or annotations.get(k) == v:
            continue
        annotations[k] = v
        changed = True
    old_revision = annotations.get(REVISION)
    try:
        old_int = int(old_revision) if old_revision else 0
    except ValueError:
        return False
    new_int = int(new_revision)
    if old_int < new_int:
        annotations[REVISION] = new_revision
        changed = True
        if old_revision is not None:
            history = annotations.get(REVISION_HISTORY, "")
            annotations[REVISION_HISTORY] = f"{history},{old_revision}" if history else old_revision
    if not exists and set_replicas_annotations(rs, replicas_of(d), replicas_of(d) + max_surge(d)):
        changed = True
    return changed


def set_revision(d: dict, rev: str) -> bool:
    """SetDeploymentRevision: the Deployment's revision annotation follows its new ReplicaSet's."""
    annotations = d["metadata"].get("annotations")
    if (annotations or {}).get(REVISION) == rev:
        return False
    if not isinstance(annotations, dict):
        annotations = d["metadata"]["annotations"] = {}
    annotations[REVISION] = rev
    return True


def equal_ignore_hash(t1: dict, t2: dict) -> bool:
    """EqualIgnoreHash: templates equal once the pod-template-hash label is dropped (nil = empty)."""
    def strip(t: dict) -> dict:
        t = copy.deepcopy(t)
        meta = t.get("metadata") or {}
        labels = {k: v for k, v in (meta.get("labels") or {}).items() if k != HASH_LABEL}
        meta = {k: v for k, v in meta.items() if v not in (None, {}, [])}
        if labels:
            meta["labels"] = labels
        else:
            meta.pop("labels", None)
        t["metadata"] = meta
        return t
    return strip(t1) == strip(t2)


def has_progress_deadline(d: dict) -> bool:
    deadline = d["spec"].get("progressDeadlineSeconds")
    return deadline is not None and int(deadline) != MAX_INT32


def deployment_complete(d: dict, status: dict) -> bool:
    want = replicas_of(d)
    return (int(status.get("updatedReplicas") or 0) == want and int(status.get("replicas") or 0) == want
            and int(status.get("availableReplicas") or 0) == want
            and int(status.get("observedGeneration") or 0) >= int(d["metadata"].get("generation") or 0))


def deployment_progressing(d: dict, new: dict) -> bool:
    old = d.get("status") or {}

    def n(st: dict, key: str) -> int:
        return int(st.get(key) or 0)

    return (n(new, "updatedReplicas") > n(old, "updatedReplicas")
            or n(new, "replicas") - n(new, "updatedReplicas") < n(old, "replicas") - n(old, "updatedReplicas")
            or n(new, "readyReplicas") > n(old, "readyReplicas")
            or n(new, "availableReplicas") > n(old, "availableReplicas"))


def condition(status: dict, type_: str) -> dict | None:
    for c in status.get("conditions") or ():
        if c.get("type") == type_:
            return c
    return None


def new_condition(type_: str, status: str, reason: str, message: str, now: str) -> dict[str, Any]:
    return {"lastTransitionTime": now, "lastUpdateTime": now, "message": message, "reason": reason,
            "status": status, "type": type_}


def set_condition(status: dict, cond: dict) -> None:
    """SetDeploymentCondition: unchanged status and reason keep the old one; a new one goes last."""
    current = condition(status, cond["type"])
    if current is not None and current.get("status") == cond["status"] and current.get("reason") == cond["reason"]:
        return
    if current is not None and current.get("status") == cond["status"]:
        cond["lastTransitionTime"] = current.get("lastTransitionTime")
    status["conditions"] = [c for c in status.get("conditions") or () if c.get("type") != cond["type"]] + [cond]


def remove_condition(status: dict, type_: str) -> None:
    status["conditions"] = [c for c in status.get("conditions") or () if c.get("type") != type_]


def _by_creation(rs: dict) -> tuple[float, str]:
    return common.creation_time(rs), rs["metadata"]["name"]


def _by_size_older(a: dict, b: dict) -> int:
    """ReplicaSetsBySizeOlder: bigger first, then older first."""
    if spec_replicas(a) != spec_replicas(b):
        return -1 if spec_replicas(a) > spec_replicas(b) else 1
    return -1 if _by_creation(a) < _by_creation(b) else (1 if _by_creation(a) > _by_creation(b) else 0)


def _by_size_newer(a: dict, b: dict) -> int:
    """ReplicaSetsBySizeNewer: bigger first, then newer first."""
    if spec_replicas(a) != spec_replicas(b):
        return -1 if spec_replicas(a) > spec_replicas(b) else 1
    return -1 if _by_creation(a) > _by_creation(b) else (1 if _by_creation(a) < _by_creation(b) else 0)
