"""``kubectl describe pod``: upstream ``describePod``, field for field and in the same order."""

from __future__ import annotations

from typing import Any

from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    controller_of,
    describe_events,
    labels_multiline,
    meta,
    rfc1123z,
    since,
    tolerations_multiline,
)
from cluster_core.kubectl.describe.podspec import (
    describe_containers,
    describe_resources,
    describe_topology_spread,
    describe_volumes,
    pod_field_resolver,
    qos_class,
)


def describe_pod(pod: dict[str, Any], ctx: DescribeContext) -> str:
    md, spec, status = meta(pod), pod.get("spec") or {}, pod.get("status") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    if spec.get("priority") is not None:
        w.write(0, f"Priority:\t{spec['priority']}\n")
    if spec.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    if spec.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
    if spec.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{spec['serviceAccountName']}\n")
    node = spec.get("nodeName")
    w.write(0, f"Node:\t{node}/{status.get('hostIP', '')}\n" if node else "Node:\t<none>\n")
    if status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(status['startTime'])}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    _status(w, md, status, ctx.now)
    seccomp = (spec.get("securityContext") or {}).get("seccompProfile")
    if seccomp:
        w.write(0, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
        if seccomp.get("type") == "Localhost":
            w.write(0, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")
    w.write(0, f"IP:\t{status.get('podIP', '')}\n")
    _pod_ips(w, status)
    if controlled_by := controller_of(pod):
        w.write(0, f"Controlled By:\t{controlled_by}\n")
    if status.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{status['nominatedNodeName']}\n")
    if spec.get("resources") is not None:
        w.write(0, "Resources:\n")
        describe_resources(w, spec["resources"], 1)
    resolve = pod_field_resolver(pod)
    if spec.get("initContainers"):
        describe_containers(w, "Init Containers", spec["initContainers"],
                            status.get("initContainerStatuses"), resolve)
    describe_containers(w, "Containers", spec.get("containers") or [], status.get("containerStatuses"), resolve)
    if spec.get("ephemeralContainers"):
        describe_containers(w, "Ephemeral Containers", spec["ephemeralContainers"],
                            status.get("ephemeralContainerStatuses"), resolve)
    _conditions(w, spec, status)
    describe_volumes(w, spec.get("volumes") or [])
    w.write(0, f"QoS Class:\t{qos_class(pod)}\n")
    labels_multiline(w, "Node-Selectors", spec.get("nodeSelector"))
    tolerations_multiline(w, "Tolerations", spec.get("tolerations"))
    describe_topology_spread(w, spec.get("topologySpreadConstraints"))
    if ctx.show_events:
        describe_events(w, ctx.events, ctx.now)
    return w.text()


def _status(w: Writer, md: dict[str, Any], status: dict[str, Any], now: float) -> None:
    """``Terminating (lasts X)`` while a deleted pod has not finished. X is the time since
    ``deletionTimestamp``, which the server sets grace-period seconds ahead, so during the grace
    period a real kubectl prints ``<invalid>`` (more than a second ahead) or ``0s``."""
    phase = status.get("phase", "")
    if md.get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
        w.write(0, f"Status:\tTerminating (lasts {since(md['deletionTimestamp'], now)})\n")
        w.write(0, f"Termination Grace Period:\t{md.get('deletionGracePeriodSeconds', 0)}s\n")
    else:
        w.write(0, f"Status:\t{phase}\n")
    if status.get("reason"):
        w.write(0, f"Reason:\t{status['reason']}\n")
    if status.get("message"):
        w.write(0, f"Message:\t{status['message']}\n")


def _pod_ips(w: Writer, status: dict[str, Any]) -> None:
    ips = status.get("podIPs") or []
    if not ips:
        w.write(0, "IPs:\t<none>\n")
        return
    w.write(0, "IPs:\n")
    for ip in ips:
        w.write(1, f"IP:\t{ip.get('ip', '')}\n")


def _conditions(w: Writer, spec: dict[str, Any], status: dict[str, Any]) -> None:
    conditions = status.get("conditions") or []
    if spec.get("readinessGates"):
        w.write(0, "Readiness Gates:\n  Type\tStatus\n")
        for gate in spec["readinessGates"]:
            found = next((c.get("status", "") for c in conditions
                          if c.get("type") == gate.get("conditionType")), "<none>")
            w.write(1, f"{gate.get('conditionType', '')} \t{found} \n")
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for c in conditions:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')} \n")
