"""The Job controller: run pods until ``completions`` succeed, within backoff and deadline limits.

Follows upstream ``pkg/controller/job`` (v1.33, JobPodReplacementPolicy and JobSuccessPolicy on):

- pods carry the ``batch.kubernetes.io/job-tracking`` finalizer; a finished pod is counted in
  ``status.succeeded``/``failed`` and its finalizer removed in one step (upstream passes through
  ``uncountedTerminatedPods``, which is therefore always ``{}`` here);
- a deleted pod that has not succeeded counts as failed and is replaced at once
  (podReplacementPolicy TerminatingOrFailed); failed pods are replaced after the pod-failure
  back-off (10 s doubling, at most 10 min);
- failure (``failed > backoffLimit``, OnFailure restarts reaching backoffLimit, or
  ``activeDeadlineSeconds``) first adds ``FailureTarget`` and deletes active pods; ``Failed`` follows
  when none are terminating. Success adds ``SuccessCriteriaMet`` and then ``Complete`` with
  ``completionTime``; events ``Completed``/``Job completed`` or the failure reason.
- ``ttlSecondsAfterFinished`` (the TTL-after-finished controller) deletes a finished Job in the
  foreground.
"""

from __future__ import annotations

import math
from typing import Any

from cluster_core import timeutil
from cluster_core.sim.controllers import common
from cluster_core.sim.engine import Controller, Simulation

COMPONENT = "job-controller"
TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking"
INDEX_LABEL = "batch.kubernetes.io/job-completion-index"
INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index"
DEFAULT_BACKOFF = 10.0
MAX_BACKOFF = 600.0
MAX_CREATE_DELETE_PER_SYNC = 500
RESYNC = "job.resync"

BACKOFF_EXCEEDED = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
DEADLINE_EXCEEDED = ("DeadlineExceeded", "Job was active longer than specified deadline")
COMPLETIONS_REACHED = ("CompletionsReached", "Reached expected number of succeeded pods")


def _cond(conditions: list[dict], type_: str) -> dict | None:
    for c in conditions:
        if c.get("type") == type_ and c.get("status") == "True":
            return c
    return None


def is_finished(job: dict) -> bool:
    conds = (job.get("status") or {}).get("conditions") or []
    return _cond(conds, "Complete") is not None or _cond(conds, "Failed") is not None


def _new_condition(type_: str, status: str, reason: str, message: str, now: str) -> dict[str, Any]:
    return {"lastProbeTime": now, "lastTransitionTime": now, "message": message, "reason": reason,
            "status": status, "type": type_}


def _ensure_condition(conditions: list[dict], type_: str, status: str, reason: str, message: str,
                      now: str) -> bool:
    """ensureJobConditionStatus: update in place or append (never append a False one)."""
    for c in conditions:
        if c.get("type") == type_:
            if c.get("status") == status and c.get("reason") == reason and c.get("message") == message:
                return False
            if c.get("status") != status:
                c["lastTransitionTime"] = now
            c.update({"status": status, "reason": reason, "message": message, "lastProbeTime": now})
            return True
    if status == "True":
        conditions.append(_new_condition(type_, status, reason, message, now))
        return True
    return False


def _finished_time(pod: dict, now: float) -> float:
    """getFinishedTime: when every container has terminated, the latest finishedAt; else when the
    pod stopped being Ready; else when it was deleted (deletionTimestamp minus the grace period)."""
    st = pod.get("status") or {}
    latest = None
    statuses = st.get("containerStatuses") or []
    for c in statuses:
        t = timeutil.parse(((c.get("state") or {}).get("terminated") or {}).get("finishedAt"))
        if t is None:
            latest = None
            break
        latest = t if latest is None else max(latest, t)
    if latest is not None:
        return latest
    for c in st.get("conditions") or ():
        if c.get("type") == "Ready" and c.get("status") == "False":
            t = timeutil.parse(c.get("lastTransitionTime"))
            if t is not None:
                return t
    deleted = timeutil.parse(pod["metadata"].get("deletionTimestamp"))
    if deleted is not None:
        return deleted - int(pod["metadata"].get("deletionGracePeriodSeconds") or 0)
    return now


def _index(pod: dict) -> int | None:
    raw = (pod["metadata"].get("annotations") or {}).get(INDEX_ANNOTATION)
    if raw is None:
        raw = (pod["metadata"].get("labels") or {}).get(INDEX_LABEL)
    try:
        return int(raw) if raw is not None else None
    except ValueError:
        return None


def format_indexes(indexes: list[int]) -> str:
    """orderedIntervals.String: ``1,3-5,7``."""
    out: list[str] = []
    ordered = sorted(set(indexes))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j == i:
            out.append(str(ordered[i]))
        elif j == i + 1:
            out.extend([str(ordered[i]), str(ordered[j])])
        else:
            out.append(f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ",".join(out)


def parse_indexes(text: str | None) -> list[int]:
    out: list[int] = []
    for part in (text or "").split(","):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


class JobController(Controller):
    """Keys: ``("job", ns, name)``; ``("orphans", uid)`` frees the pods of a deleted Job."""

    name = "job"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        self.pods = common.OwnedPods("Job")
        self._job_key: dict[str, tuple[str, str]] = {}
        self._timers = common.Timers(sim, RESYNC)

    def start(self) -> None:
        self.pods.clear()
        self._job_key.clear()
        for job in self.server.iter("Job"):
            meta = job["metadata"]
            self._job_key[meta["uid"]] = (meta["namespace"], meta["name"])
            if self.sim.resync:
                self.mark(("job", meta["namespace"], meta["name"]))
        for pod in self.server.iter("Pod"):
            _, uid = self.pods.update(pod)
            if uid is not None and uid not in self._job_key and self.sim.resync:
                self.mark(("orphans", uid))

    def handlers(self) -> dict[str, Any]:
        return {RESYNC: self._resync}

    def _resync(self, ns: str, name: str) -> None:
        self._timers.fired(ns, name)
        self.mark(("job", ns, name))

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Pod":
            old_uid, uid = self.pods.update(obj, event == "DELETED")
            for u in (old_uid, uid):
                if u is None:
                    continue
                key = self._job_key.get(u)
                if key is not None:
                    self.mark(("job", *key))
                elif u == uid and TRACKING_FINALIZER in (obj["metadata"].get("finalizers") or ()):
                    self.mark(("orphans", u))
        elif kind == "Job":
            meta = obj["metadata"]
            if event == "DELETED":
                self._job_key.pop(meta["uid"], None)
                self._backoffs().pop(meta["uid"], None)
                self.mark(("orphans", meta["uid"]))
                return
            self._job_key[meta["uid"]] = (meta["namespace"], meta["name"])
            if self.sim.resync:
                self.mark(("job", meta["namespace"], meta["name"]))

    def _backoffs(self) -> dict[str, list]:
        """Per-Job pod failure back-off records: uid -> [failures after last success, last failure time]."""
        return common.controller_state(self.sim).setdefault("job_backoff", {})

    # ---------------------------------------------------------------- sync
    def sync(self, key: Any) -> None:
        if key[0] == "orphans":
            if key[1] not in self._job_key:
                for pod in self.pods.pods(self.server, key[1]):
                    if TRACKING_FINALIZER in (pod["metadata"].get("finalizers") or ()):
                        common.remove_finalizer(self.server, pod, TRACKING_FINALIZER)
            return
        job = self.server.ref("Job", key[1], key[2])
        if job is None:
            return
        if is_finished(job):
            self._backoffs().pop(job["metadata"]["uid"], None)
            self._release_finalizers(job)
            self._ttl(job)
            return
        _JobSync(self, job).run()

    def _release_finalizers(self, job: dict) -> None:
        for pod in self.pods.pods(self.server, job["metadata"]["uid"]):
            if TRACKING_FINALIZER in (pod["metadata"].get("finalizers") or ()):
                common.remove_finalizer(self.server, pod, TRACKING_FINALIZER)

    def _ttl(self, job: dict) -> None:
        """The TTL-after-finished controller: delete a finished Job (foreground) after its TTL."""
        ttl = job["spec"].get("ttlSecondsAfterFinished")
        if ttl is None or job["metadata"].get("deletionTimestamp"):
            return
        status = job.get("status") or {}
        finished = timeutil.parse(status.get("completionTime"))
        if finished is None:
            cond = _cond(status.get("conditions") or [], "Failed")
            finished = timeutil.parse((cond or {}).get("lastTransitionTime"))
        if finished is None:
            return
        due = finished + int(ttl)
        meta = job["metadata"]
        if self.server.clock.now >= due:
            self.server.delete("Job", meta["namespace"], meta["name"], propagation="Foreground")
        else:
            self._timers.at(due, meta["namespace"], meta["name"])


class _JobSync:
    """One syncJob pass over a live, unfinished Job."""

    def __init__(self, ctl: JobController, job: dict) -> None:
        self.ctl = ctl
        self.server = ctl.server
        self.job = job
        self.spec = job["spec"]
        self.meta = job["metadata"]
        self.uid = self.meta["uid"]
        self.now = self.server.clock.now
        self.now_s = timeutil.rfc3339(self.now)
        self.status: dict[str, Any] = common.copy_status(job)
        self.conditions: list[dict] = self.status.setdefault("conditions", [])
        self.template = self.spec.get("template") or {}
        self.restart_policy = (self.template.get("spec") or {}).get("restartPolicy")
        self.backoff_limit = int(self.spec.get("backoffLimit", 6))
        self.parallelism = int(self.spec.get("parallelism", 1))
        completions = self.spec.get("completions")
        if completions is None and "parallelism" not in self.spec:
            completions = 1
        self.completions: int | None = None if completions is None else int(completions)
        self.indexed = self.spec.get("completionMode") == "Indexed" and self.completions is not None
        self.suspended = bool(self.spec.get("suspend"))
        self.only_failed = (self.spec.get("podReplacementPolicy") == "Failed"
                            or bool(self.spec.get("podFailurePolicy")))

    def _pod_failed(self, pod: dict) -> bool:
        """isPodFailed: Failed, or (default replacement policy) deleted before succeeding."""
        phase = (pod.get("status") or {}).get("phase")
        if phase == "Failed":
            return True
        if self.only_failed:
            return False
        return bool(pod["metadata"].get("deletionTimestamp")) and phase != "Succeeded"

    def run(self) -> None:
        pods = sorted(self.ctl.pods.pods(self.server, self.uid),
                      key=lambda p: (common.creation_time(p), p["metadata"]["name"]))
        active_pods = [p for p in pods if common.is_active(p)]
        terminating = sum(1 for p in pods if common.is_terminating(p))
        tracked = [p for p in pods if TRACKING_FINALIZER in (p["metadata"].get("finalizers") or ())]
        new_succeeded = [p for p in tracked if (p.get("status") or {}).get("phase") == "Succeeded"]
        new_failed = [p for p in tracked
                      if (p.get("status") or {}).get("phase") != "Succeeded" and self._pod_failed(p)]
        succeeded = int(self.status.get("succeeded") or 0) + len(new_succeeded)
        failed = int(self.status.get("failed") or 0) + len(new_failed)
        succeeded_indexes: list[int] = []
        if self.indexed:
            succeeded_indexes = sorted(set(parse_indexes(self.status.get("completedIndexes"))) | {
                i for p in new_succeeded if (i := _index(p)) is not None and i < (self.completions or 0)})
            succeeded = len(succeeded_indexes)
        if not self.status.get("startTime") and not self.suspended:
            self.status["startTime"] = self.now_s
        self._update_backoff(new_succeeded, new_failed)

        # What finishes the Job: an interim condition already written, or a limit reached now.
        finished: tuple[str, str, str] | None = None  # (type, reason, message)
        target = _cond(self.conditions, "SuccessCriteriaMet") or _cond(self.conditions, "FailureTarget")
        if target is not None:
            final = "Complete" if target["type"] == "SuccessCriteriaMet" else "Failed"
            finished = (final, target.get("reason", ""), target.get("message", ""))
        elif failed > self.backoff_limit or self._past_backoff_on_failure(pods):
            finished = ("FailureTarget", *BACKOFF_EXCEEDED)
        elif self._past_deadline():
            finished = ("FailureTarget", *DEADLINE_EXCEEDED)
        else:
            self._deadline_timer()

        ready = sum(1 for p in active_pods if common.is_ready(p))
        active = len(active_pods)
        if finished is not None:
            for pod in active_pods:
                if common.delete_pod(self.server, self.job, pod, COMPONENT):
                    active -= 1
                    terminating += 1
                    ready -= common.is_ready(pod)
        else:
            if not self.meta.get("deletionTimestamp"):
                active, terminating, ready = self._manage(active_pods, succeeded, succeeded_indexes,
                                                          active, terminating, ready)
            if self.completions is None:
                complete = succeeded > 0 and active == 0
            else:
                complete = succeeded >= self.completions and active == 0
            if complete:
                finished = ("SuccessCriteriaMet", *COMPLETIONS_REACHED)
            else:
                self._suspend_condition()

        # Count finished pods and let them go (finalizer removal).
        seen = {id(p) for p in new_succeeded} | {id(p) for p in new_failed}
        if finished is not None and finished[0] in ("FailureTarget", "Failed"):
            for pod in tracked:  # when the Job fails, every unfinished pod counts as failed
                if id(pod) not in seen and (pod.get("status") or {}).get("phase") != "Succeeded":
                    failed += 1
                    new_failed.append(pod)
        release = new_succeeded + new_failed
        if finished is not None or self.meta.get("deletionTimestamp"):
            release = list(tracked)
        self.status["succeeded"] = succeeded
        self.status["failed"] = failed
        if self.indexed:
            self.status["completedIndexes"] = format_indexes(succeeded_indexes)
        for pod in release:
            if TRACKING_FINALIZER in (pod["metadata"].get("finalizers") or ()):
                common.remove_finalizer(self.server, pod, TRACKING_FINALIZER)

        done_event = None
        if finished is not None:
            type_, reason, message = finished
            if type_ in ("FailureTarget", "SuccessCriteriaMet"):
                _ensure_condition(self.conditions, type_, "True", reason, message, self.now_s)
                type_ = "Failed" if type_ == "FailureTarget" else "Complete"
            if terminating == 0:
                _ensure_condition(self.conditions, type_, "True", reason, message, self.now_s)
                if type_ == "Complete":
                    self.status["completionTime"] = self.now_s
                done_event = (type_, reason, message)
        self.status["active"] = active
        self.status["ready"] = ready
        self.status["terminating"] = terminating
        self.status["uncountedTerminatedPods"] = {}
        common.write_status(self.server, self.job, self._clean(self.status))
        if done_event is not None:
            type_, reason, message = done_event
            if type_ == "Complete":
                common.record(self.server, self.job, "Normal", "Completed", "Job completed", COMPONENT)
            else:
                common.record(self.server, self.job, "Warning", reason, message, COMPONENT)
            self.ctl.mark(("job", self.meta["namespace"], self.meta["name"]))  # TTL, finalizers

    @staticmethod
    def _clean(status: dict[str, Any]) -> dict[str, Any]:
        """Drop what the API's omitempty drops (zero counters, empty lists)."""
        out = dict(status)
        for k in ("active", "succeeded", "failed"):
            if not out.get(k):
                out.pop(k, None)
        for k in ("conditions", "completedIndexes"):
            if not out.get(k):
                out.pop(k, None)
        return common.sorted_status(out)

    # ---------------------------------------------------------------- limits
    def _past_backoff_on_failure(self, pods: list[dict]) -> bool:
        """pastBackoffLimitOnFailure: container restarts of running pods count toward backoffLimit."""
        if self.restart_policy != "OnFailure":
            return False
        restarts = sum(common.restart_count(p) for p in pods
                       if (p.get("status") or {}).get("phase") in ("Running", "Pending"))
        if self.backoff_limit == 0:
            return restarts > 0
        return restarts >= self.backoff_limit

    def _past_deadline(self) -> bool:
        ads = self.spec.get("activeDeadlineSeconds")
        start = timeutil.parse(self.status.get("startTime"))
        if ads is None or start is None or self.suspended:
            return False
        return self.now - start >= int(ads)

    def _deadline_timer(self) -> None:
        ads = self.spec.get("activeDeadlineSeconds")
        start = timeutil.parse(self.status.get("startTime"))
        if ads is not None and start is not None and not self.suspended:
            self.ctl._timers.at(start + int(ads), self.meta["namespace"], self.meta["name"])

    def _update_backoff(self, new_succeeded: list[dict], new_failed: list[dict]) -> None:
        """backoffStore.newBackoffRecord: failures since the last success and when the last one was."""
        if not new_succeeded and not new_failed:
            return
        store = self.ctl._backoffs()
        rec = store.get(self.uid, [0, None])
        failed_times = sorted(_finished_time(p, self.now) for p in new_failed)
        if not new_succeeded:
            rec = [rec[0] + len(new_failed), failed_times[-1]]
        else:
            last_success = max(_finished_time(p, self.now) for p in new_succeeded)
            later = [t for t in failed_times if t > last_success]
            rec = [len(later), later[-1] if later else None]
        store[self.uid] = rec

    def _backoff_remaining(self) -> float:
        rec = self.ctl._backoffs().get(self.uid)
        if not rec or not rec[0] or rec[1] is None:
            return 0.0
        delay = DEFAULT_BACKOFF * (2 ** (rec[0] - 1))
        delay = min(delay, MAX_BACKOFF)
        elapsed = self.now - rec[1]
        return max(0.0, delay - elapsed)

    # ---------------------------------------------------------------- pods
    def _manage(self, active_pods: list[dict], succeeded: int, succeeded_indexes: list[int],
                active: int, terminating: int, ready: int) -> tuple[int, int, int]:
        """manageJob: delete extra pods, or create up to the wanted number of active pods."""
        if self.suspended:
            for pod in active_pods:
                if TRACKING_FINALIZER in (pod["metadata"].get("finalizers") or ()):
                    common.remove_finalizer(self.server, pod, TRACKING_FINALIZER)
                if common.delete_pod(self.server, self.job, pod, COMPONENT):
                    active -= 1
                    terminating += 1
                    ready -= common.is_ready(pod)
            return active, terminating, ready
        if self.completions is None:
            want = active if succeeded > 0 else self.parallelism
        else:
            want = max(0, min(self.completions - succeeded, self.parallelism))
        counted = active + (terminating if self.only_failed else 0)
        if active > want:
            for pod in _removal_order(active_pods)[: active - want]:
                if common.delete_pod(self.server, self.job, pod, COMPONENT):
                    active -= 1
                    terminating += 1
                    ready -= common.is_ready(pod)
        elif counted < want:
            remaining = self._backoff_remaining()
            if remaining > 0:
                self.ctl._timers.at(self.now + math.ceil(remaining), self.meta["namespace"], self.meta["name"])
                return active, terminating, ready
            diff = min(want - counted, MAX_CREATE_DELETE_PER_SYNC)
            indexes: list[int | None] = [None] * diff
            if self.indexed:
                taken = set(succeeded_indexes) | {i for p in active_pods if (i := _index(p)) is not None}
                free = [i for i in range(self.completions or 0) if i not in taken]
                indexes = list(free[:diff])
            for ix in indexes:
                _, err = common.create_pod(self.server, self.job, self._new_pod(ix), COMPONENT)
                if err is not None:
                    break
                active += 1
        return active, terminating, ready

    def _new_pod(self, index: int | None) -> dict[str, Any]:
        name = self.meta["name"]
        uid = self.uid
        labels = {"batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": name,
                  "controller-uid": uid, "job-name": name}
        generate = f"{name}-"
        tmeta = dict(self.template.get("metadata") or {})
        if index is not None:
            labels[INDEX_LABEL] = str(index)
            tmeta["annotations"] = {**(tmeta.get("annotations") or {}), INDEX_ANNOTATION: str(index)}
            generate = f"{name}-{index}-"
        template = {"metadata": tmeta, "spec": self.template.get("spec") or {}}
        pod = common.pod_from_template(self.job, template, generate)
        for k, v in labels.items():
            pod["metadata"].setdefault("labels", {}).setdefault(k, v)
        fins = pod["metadata"].setdefault("finalizers", [])
        if TRACKING_FINALIZER not in fins:
            fins.append(TRACKING_FINALIZER)
        if index is not None:
            spec = pod["spec"]
            spec.setdefault("hostname", f"{name}-{index}")
            env = {"name": "JOB_COMPLETION_INDEX", "valueFrom": {"fieldRef": {
                "fieldPath": f"metadata.labels['{INDEX_LABEL}']"}}}
            for c in spec.get("containers") or ():
                if not any(e.get("name") == "JOB_COMPLETION_INDEX" for e in c.get("env") or ()):
                    c.setdefault("env", []).append(dict(env))
        return pod

    def _suspend_condition(self) -> None:
        """The Suspended condition and its events; resuming restarts the activeDeadlineSeconds clock."""
        if self.suspended:
            if _ensure_condition(self.conditions, "Suspended", "True", "JobSuspended", "Job suspended",
                                 self.now_s):
                common.record(self.server, self.job, "Normal", "Suspended", "Job suspended", COMPONENT)
        elif _ensure_condition(self.conditions, "Suspended", "False", "JobResumed", "Job resumed", self.now_s):
            common.record(self.server, self.job, "Normal", "Resumed", "Job resumed", COMPONENT)
            self.status["startTime"] = self.now_s


def _removal_order(pods: list[dict]) -> list[dict]:
    """activePodsForRemoval: the pods a controller would rather lose first (unscheduled, pending,
    not ready, newest)."""
    def key(p: dict) -> tuple:
        phase = (p.get("status") or {}).get("phase")
        return (bool(p["spec"].get("nodeName")), {"Pending": 0, "Unknown": 1, "Running": 2}.get(phase, 0),
                common.is_ready(p), -common.creation_time(p), p["metadata"]["name"])
    return sorted(pods, key=key)
