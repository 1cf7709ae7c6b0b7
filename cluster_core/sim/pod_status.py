"""The pod status a v1.33 kubelet reports, computed from the kubelet's runtime state.

Pure functions, mirroring ``kubelet_pods.go`` (``convertToAPIContainerStatuses``, ``getPhase``) and
``status/generate.go`` (the Initialized, Ready, ContainersReady and PodReadyToStartContainers
conditions). The runtime state is the kubelet's JSON-safe record per container:

* ``view``: ``waiting``, ``running`` or ``terminated`` -- what the status shows;
* ``reason`` / ``msg``: the waiting reason and message (ContainerCreating, ErrImagePull, ...);
* ``cur``: the current (or last started) container instance, ``last``: the one before it.

An instance is ``{"id", "image", "imageID", "start", "end", "code", "reason", "msg"}`` with
times as float seconds (``start`` None for a container that never started).
"""

from __future__ import annotations

from typing import Any

from cluster_core import timeutil

EPOCH = "1970-01-01T00:00:00Z"
CONDITION_ORDER = ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")

_stamp_cache: dict[int, str] = {}


def stamp(t: float | None) -> str:
    """RFC 3339 whole seconds, cached: a thousand pods started together share one string."""
    if t is None:
        return EPOCH
    key = int(t)
    s = _stamp_cache.get(key)
    if s is None:
        if len(_stamp_cache) > 10000:
            _stamp_cache.clear()
        s = _stamp_cache[key] = timeutil.rfc3339(key)
    return s


def terminated(inst: dict) -> dict[str, Any]:
    """A ``state.terminated`` / ``lastState.terminated`` block."""
    out: dict[str, Any] = {"containerID": "containerd://" + inst["id"], "exitCode": inst["code"],
                           "finishedAt": stamp(inst["end"])}
    if inst.get("msg"):
        out["message"] = inst["msg"]
    out["reason"] = inst.get("reason") or ("Completed" if inst["code"] == 0 else "Error")
    out["startedAt"] = stamp(inst["start"]) if inst.get("start") is not None else EPOCH
    return out


def container_status(spec: dict, cr: dict | None, default_reason: str, now: float,
                     mounts: list[dict] | None = None, init: bool = False) -> dict[str, Any]:
    """One entry of ``containerStatuses`` (fields in the order the API server serialises them).

    A regular init container is ready only once it has completed; a running one is not.
    """
    cr = cr or {}
    cur = cr.get("cur")
    view = cr.get("view", "waiting")
    st: dict[str, Any] = {}
    if cur is not None:
        st["containerID"] = "containerd://" + cur["id"]
        st["image"] = cur["image"]
        st["imageID"] = cur["imageID"]
    else:
        st["image"] = spec.get("image", "")
        st["imageID"] = ""
    last: dict[str, Any] = {}
    ready = started = False
    if view == "running" and cur is not None:
        state: dict[str, Any] = {"running": {"startedAt": stamp(cur["start"])}}
        started = True
        ready = not cur.get("never_ready") and (cur.get("ready_at") is None or cur["ready_at"] <= now) and (
            not init or spec.get("restartPolicy") == "Always")
        if cr.get("last") is not None:
            last = {"terminated": terminated(cr["last"])}
    elif view == "terminated" and cur is not None:
        state = {"terminated": terminated(cur)}
        ready = bool(cr.get("init_done"))
        if cr.get("last") is not None:
            last = {"terminated": terminated(cr["last"])}
    else:
        waiting: dict[str, Any] = {}
        if cr.get("msg"):
            waiting["message"] = cr["msg"]
        waiting["reason"] = cr.get("reason") or default_reason
        state = {"waiting": waiting}
        if cur is not None and cur.get("end") is not None:
            last = {"terminated": terminated(cur)}
    st["lastState"] = last
    st["name"] = spec["name"]
    st["ready"] = ready
    st["restartCount"] = cr.get("restarts", 0)
    st["started"] = started
    st["state"] = state
    if mounts:
        st["volumeMounts"] = mounts
    return st


def volume_mounts(spec: dict) -> list[dict]:
    """``containerStatuses[].volumeMounts`` as v1.33 reports them (with recursiveReadOnly)."""
    out = []
    for m in spec.get("volumeMounts") or ():
        entry = {"mountPath": m.get("mountPath", ""), "name": m.get("name", "")}
        if m.get("readOnly"):
            entry["readOnly"] = True
            entry["recursiveReadOnly"] = "Disabled"
        out.append(entry)
    return out


def phase(pod_spec: dict, init_statuses: list[dict], statuses: list[dict], terminal: bool) -> str:
    """kubelet ``getPhase``: Pending until every container started, Running while any runs, then
    Succeeded/Failed by the restart policy."""
    policy = pod_spec.get("restartPolicy") or "Always"
    inits = pod_spec.get("initContainers") or []
    pending_init = False
    for c, s in zip(inits, init_statuses, strict=False):
        if c.get("restartPolicy") == "Always":
            if not s.get("started"):
                pending_init = True
            continue
        term = s["state"].get("terminated")
        if term is not None and term.get("exitCode") == 0:
            continue
        if term is not None and policy == "Never":
            return "Failed"
        last = (s.get("lastState") or {}).get("terminated")
        if "waiting" in s["state"] and last is not None and policy == "Never" and last.get("exitCode") != 0:
            return "Failed"
        pending_init = True
    unknown = running = waiting = stopped = succeeded = 0
    for s in statuses:
        state = s["state"]
        if "running" in state:
            running += 1
        elif "terminated" in state:
            stopped += 1
            if state["terminated"].get("exitCode") == 0:
                succeeded += 1
        elif "waiting" in state:
            if (s.get("lastState") or {}).get("terminated") is not None:
                stopped += 1
            else:
                waiting += 1
        else:
            unknown += 1
    if pending_init and not running and not stopped:
        return "Pending"
    if waiting > 0:
        return "Pending"
    if running > 0 and unknown == 0:
        return "Running"
    if running == 0 and stopped > 0 and unknown == 0:
        if terminal:
            return "Succeeded" if stopped == succeeded else "Failed"
        if policy == "Always":
            return "Running"
        if stopped == succeeded:
            return "Succeeded"
        if policy == "Never":
            return "Failed"
        return "Running"
    return "Pending"


def conditions(pod_spec: dict, init_statuses: list[dict], statuses: list[dict], phase_: str,
               sandbox_ready: bool) -> dict[str, dict[str, Any]]:
    """The kubelet-owned conditions by type: status, reason, message (no times yet)."""
    out: dict[str, dict[str, Any]] = {
        "PodReadyToStartContainers": {"status": "True" if sandbox_ready else "False"}}
    inits = pod_spec.get("initContainers") or []
    incomplete = []
    for c, s in zip(inits, init_statuses, strict=False):
        done = s.get("started") if c.get("restartPolicy") == "Always" else s.get("ready")
        if not done:
            incomplete.append(c["name"])
    any_started = any(s.get("started") or "terminated" in s["state"] or
                      (s.get("lastState") or {}).get("terminated") for s in statuses)
    if phase_ == "Succeeded":
        out["Initialized"] = {"status": "True", "reason": "PodCompleted"}
    elif incomplete and not any_started:
        out["Initialized"] = {"status": "False", "reason": "ContainersNotInitialized",
                              "message": f"containers with incomplete status: [{' '.join(incomplete)}]"}
    else:
        out["Initialized"] = {"status": "True"}
    if phase_ in ("Succeeded", "Failed"):
        reason = "PodCompleted" if phase_ == "Succeeded" else "PodFailed"
        ready = {"status": "False", "reason": reason}
    else:
        unready = [c["name"] for c, s in zip(inits, init_statuses, strict=False)
                   if c.get("restartPolicy") == "Always" and not s.get("ready")]
        unready += [s["name"] for s in statuses if not s.get("ready")]
        if unready:
            ready = {"status": "False", "reason": "ContainersNotReady",
                     "message": f"containers with unready status: [{' '.join(unready)}]"}
        else:
            ready = {"status": "True"}
    out["Ready"] = dict(ready)
    out["ContainersReady"] = dict(ready)
    return out


def merge_conditions(old: list[dict] | None, new: dict[str, dict[str, Any]], now: float) -> list[dict]:
    """Conditions in the kubelet's order, keeping lastTransitionTime when a status did not change and
    keeping conditions the kubelet does not own (PodScheduled, readiness gates)."""
    old_by_type = {c.get("type"): c for c in old or ()}
    out = []
    for ctype in CONDITION_ORDER:
        if ctype in new:
            c = new[ctype]
            prev = old_by_type.get(ctype)
            ltt = prev.get("lastTransitionTime") if prev is not None and prev.get("status") == c["status"] else None
            entry: dict[str, Any] = {"lastProbeTime": None, "lastTransitionTime": ltt or stamp(now)}
            if c.get("message"):
                entry["message"] = c["message"]
            if c.get("reason"):
                entry["reason"] = c["reason"]
            entry["status"] = c["status"]
            entry["type"] = ctype
            out.append(entry)
        elif ctype in old_by_type:
            out.append(old_by_type[ctype])
    out += [c for t, c in old_by_type.items() if t not in CONDITION_ORDER]
    return out
