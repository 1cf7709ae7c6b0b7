"""The Pod row of ``kubectl get pods``: READY, STATUS and RESTARTS as ``printPod`` computes them
(kubernetes ``pkg/printers/internalversion/printers.go``, v1.33), plus the ``-o wide`` cells."""

from __future__ import annotations

from typing import Any

from .duration import human_duration, parse_time, since

_NODE_LOST = "NodeLost"  # node.NodeUnreachablePodReason
_SCHEDULING_GATED = "SchedulingGated"


def _is_sidecar(container: dict | None) -> bool:
    """An init container with ``restartPolicy: Always`` (a sidecar) keeps running."""
    return bool(container) and container.get("restartPolicy") == "Always"


def _finished_at(status: dict) -> float | None:
    last = status.get("lastState")
    terminated = last.get("terminated") if last else None
    if not terminated or not terminated.get("finishedAt"):
        return None
    return parse_time(terminated["finishedAt"])


def _later(current: float | None, t: float | None) -> float | None:
    if t is None:
        return current
    return t if current is None or current < t else current


def _condition_true(conditions: list[dict], type_: str, *, first_only: bool = False) -> bool:
    for c in conditions:
        if c.get("type") == type_:
            if c.get("status") == "True":
                return True
            if first_only:
                return False
    return False


def _init_reason(i: int, cs: dict, init_specs: dict, total_init: int) -> tuple[str | None, bool]:
    """The STATUS an init container status gives, or None to skip it; and its readiness."""
    state = cs.get("state") or {}
    terminated, waiting = state.get("terminated"), state.get("waiting")
    if terminated is not None and terminated.get("exitCode", 0) == 0:
        return None, False
    if _is_sidecar(init_specs.get(cs.get("name"))) and cs.get("started"):
        return None, bool(cs.get("ready"))
    if terminated is not None:
        if terminated.get("reason"):
            return "Init:" + terminated["reason"], False
        if terminated.get("signal"):
            return f"Init:Signal:{terminated['signal']}", False
        return f"Init:ExitCode:{terminated.get('exitCode', 0)}", False
    if waiting is not None and waiting.get("reason") and waiting["reason"] != "PodInitializing":
        return "Init:" + waiting["reason"], False
    return f"Init:{i}/{total_init}", False


def pod_cells(pod: dict[str, Any], now: float) -> list[str]:
    """NAME READY STATUS RESTARTS AGE IP NODE NOMINATED-NODE READINESS-GATES (wide cells included)."""
    meta, spec, status = pod.get("metadata") or {}, pod.get("spec") or {}, pod.get("status") or {}
    conditions = status.get("conditions") or []
    phase = status.get("phase") or ""
    reason = status.get("reason") or phase
    for c in conditions:
        if c.get("type") == "PodScheduled" and c.get("reason") == _SCHEDULING_GATED:
            reason = _SCHEDULING_GATED

    init_specs = {c.get("name"): c for c in spec.get("initContainers") or []}
    total = len(spec.get("containers") or []) + sum(1 for c in init_specs.values() if _is_sidecar(c))
    ready = restarts = sidecar_restarts = 0
    last_restart = last_sidecar_restart = None

    initializing = False
    for i, cs in enumerate(status.get("initContainerStatuses") or []):
        count = cs.get("restartCount") or 0
        restarts += count
        finished = _finished_at(cs)
        last_restart = _later(last_restart, finished)
        if _is_sidecar(init_specs.get(cs.get("name"))):
            sidecar_restarts += count
            last_sidecar_restart = _later(last_sidecar_restart, finished)
        init_reason, is_ready = _init_reason(i, cs, init_specs, len(spec.get("initContainers") or []))
        if init_reason is None:
            ready += is_ready
            continue
        reason, initializing = init_reason, True
        break

    if not initializing or _condition_true(conditions, "Initialized", first_only=True):
        restarts, last_restart = sidecar_restarts, last_sidecar_restart
        has_running = False
        for cs in reversed(status.get("containerStatuses") or []):
            restarts += cs.get("restartCount") or 0
            last_restart = _later(last_restart, _finished_at(cs))
            state = cs.get("state") or {}
            waiting, terminated = state.get("waiting"), state.get("terminated")
            if waiting is not None and waiting.get("reason"):
                reason = waiting["reason"]
            elif terminated is not None and terminated.get("reason"):
                reason = terminated["reason"]
            elif terminated is not None:
                if terminated.get("signal"):
                    reason = f"Signal:{terminated['signal']}"
                else:
                    reason = f"ExitCode:{terminated.get('exitCode', 0)}"
            elif cs.get("ready") and state.get("running") is not None:
                has_running = True
                ready += 1
        if reason == "Completed" and has_running:
            reason = "Running" if _condition_true(conditions, "Ready") else "NotReady"

    if meta.get("deletionTimestamp"):
        if status.get("reason") == _NODE_LOST:
            reason = "Unknown"
        elif phase not in ("Succeeded", "Failed"):
            reason = "Terminating"

    restarts_cell = str(restarts)
    if restarts and last_restart is not None:
        restarts_cell = f"{restarts} ({human_duration(now - last_restart)} ago)"

    pod_ips = status.get("podIPs") or []
    # The v1 -> internal conversion the server prints from fills podIPs from podIP.
    ip = (pod_ips[0].get("ip") if pod_ips else status.get("podIP")) or ""
    gates = spec.get("readinessGates") or []
    gates_cell = "<none>"
    if gates:
        true_count = 0
        for gate in gates:
            for c in conditions:
                if c.get("type") == gate.get("conditionType"):
                    true_count += c.get("status") == "True"
                    break
        gates_cell = f"{true_count}/{len(gates)}"
    return [
        meta.get("name") or "", f"{ready}/{total}", reason, restarts_cell,
        since(meta.get("creationTimestamp"), now),
        ip or "<none>", spec.get("nodeName") or "<none>", status.get("nominatedNodeName") or "<none>",
        gates_cell,
    ]
