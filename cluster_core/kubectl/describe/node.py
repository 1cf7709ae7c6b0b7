"""``kubectl describe node``: upstream ``describeNode`` with its Lease, Conditions table, System
Info, ``Non-terminated Pods`` table and ``Allocated resources`` summary."""

from __future__ import annotations

from typing import Any

from cluster_core.api import quantity
from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    describe_events,
    labels_multiline,
    meta,
    rfc1123z,
    since,
    taints_multiline,
)
from cluster_core.kubectl.describe.podspec import pod_requests_and_limits

ROLE_PREFIX = "node-role.kubernetes.io/"
ROLE_LABEL = "kubernetes.io/role"
_SYSTEM_INFO = (("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"),
                ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"),
                ("Operating System", "operatingSystem"), ("Architecture", "architecture"),
                ("Container Runtime Version", "containerRuntimeVersion"),
                ("Kubelet Version", "kubeletVersion"), ("Kube-Proxy Version", "kubeProxyVersion"))
_STANDARD = ("cpu", "memory", "ephemeral-storage")
_GO_INT64_MIN = -(2**63)  # what Go's int64(+Inf or NaN) gives on amd64


def node_roles(node: dict[str, Any]) -> list[str]:
    """findNodeRoles: ``node-role.kubernetes.io/<role>`` keys and ``kubernetes.io/role`` values, sorted."""
    roles = set()
    for k, v in (meta(node).get("labels") or {}).items():
        if k.startswith(ROLE_PREFIX) and k[len(ROLE_PREFIX):]:
            roles.add(k[len(ROLE_PREFIX):])
        elif k == ROLE_LABEL and v:
            roles.add(v)
    return sorted(roles)


def describe_node(node: dict[str, Any], ctx: DescribeContext) -> str:
    md, spec, status = meta(node), node.get("spec") or {}, node.get("status") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Roles:\t{','.join(node_roles(node)) or '<none>'}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    taints_multiline(w, "Taints", spec.get("taints"))
    w.write(0, f"Unschedulable:\t{'true' if spec.get('unschedulable') else 'false'}\n")
    _lease(w, md.get("name", ""), ctx.lease)
    conditions = status.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')} \t{rfc1123z(c.get('lastHeartbeatTime'))} \t"
                       f"{rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t{c.get('message', '')}\n")
    w.write(0, "Addresses:\n")
    for a in status.get("addresses") or []:
        w.write(1, f"{a.get('type', '')}:\t{a.get('address', '')}\n")
    for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
        if status.get(key):
            w.write(0, f"{title}:\n")
            for name in sorted(status[key]):
                w.write(0, f"  {name}:\t{quantity.parse(status[key][name])}\n")
    info = status.get("nodeInfo") or {}
    w.write(0, "System Info:\n")
    for title, key in _SYSTEM_INFO:
        w.write(0, f"  {title}:\t{info.get(key, '')}\n")
    if spec.get("podCIDR"):
        w.write(0, f"PodCIDR:\t{spec['podCIDR']}\n")
    if spec.get("podCIDRs"):
        w.write(0, f"PodCIDRs:\t{','.join(spec['podCIDRs'])}\n")
    if spec.get("providerID"):
        w.write(0, f"ProviderID:\t{spec['providerID']}\n")
    _node_resources(w, node, ctx)
    if ctx.show_events:
        describe_events(w, ctx.events, ctx.now)
    return w.text()


def _lease(w: Writer, name: str, lease: dict[str, Any] | None) -> None:
    """describeNodeLease, or the line upstream prints when the Get of the node's Lease fails."""
    if lease is None:
        w.write(0, f'Lease:\tFailed to get lease: leases.coordination.k8s.io "{name}" not found\n')
        return
    spec = lease.get("spec") or {}
    w.write(0, "Lease:\n")
    w.write(1, f"HolderIdentity:\t{spec['holderIdentity'] if spec.get('holderIdentity') is not None else '<unset>'}\n")
    w.write(1, f"AcquireTime:\t{rfc1123z(spec['acquireTime']) if spec.get('acquireTime') else '<unset>'}\n")
    w.write(1, f"RenewTime:\t{rfc1123z(spec['renewTime']) if spec.get('renewTime') else '<unset>'}\n")


def _percent(part: int, whole: int, guard: bool) -> int:
    """``int64(float64(part) / float64(whole) * 100)``; the per-pod rows do not guard against 0."""
    if whole == 0:
        return 0 if guard else _GO_INT64_MIN
    return int(part / whole * 100)


def _node_resources(w: Writer, node: dict[str, Any], ctx: DescribeContext) -> None:
    """describeNodeResource over the pods bound to the node that have not finished."""
    name = meta(node).get("name")
    pods = sorted((p for p in ctx.pods if (p.get("spec") or {}).get("nodeName") == name
                   and (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")),
                  key=lambda p: (meta(p).get("namespace", ""), meta(p).get("name", "")))
    status = node.get("status") or {}
    alloc = quantity.resource_list(status.get("allocatable") or status.get("capacity"))
    cpu = alloc.get("cpu", quantity.ZERO).milli_value()
    mem = alloc.get("memory", quantity.ZERO).int_value()
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    reqs: dict[str, quantity.Quantity] = {}
    limits: dict[str, quantity.Quantity] = {}
    for pod in pods:
        req, lim = pod_requests_and_limits(pod)
        quantity.add_into(reqs, req)
        quantity.add_into(limits, lim)
        cells = [_cell(req, "cpu", cpu, milli=True, guard=False), _cell(lim, "cpu", cpu, milli=True, guard=False),
                 _cell(req, "memory", mem, milli=False, guard=False),
                 _cell(lim, "memory", mem, milli=False, guard=False)]
        w.write(1, f"{meta(pod).get('namespace', '')}\t{meta(pod).get('name', '')}\t\t{chr(9).join(cells)}\t"
                   f"{since(meta(pod).get('creationTimestamp'), ctx.now)}\n")
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    storage = alloc.get("ephemeral-storage", quantity.ZERO).int_value()
    for res, whole, milli in (("cpu", cpu, True), ("memory", mem, False), ("ephemeral-storage", storage, False)):
        w.write(1, f"{res}\t{_cell(reqs, res, whole, milli=milli, guard=True)}\t"
                   f"{_cell(limits, res, whole, milli=milli, guard=True)}\n")
    huge = sorted(r for r in alloc if r.startswith("hugepages-"))
    extended = sorted(r for r in alloc if not r.startswith("hugepages-") and r not in _STANDARD and r != "pods")
    for res in huge:
        whole = alloc[res].int_value()
        w.write(1, f"{res}\t{_cell(reqs, res, whole, milli=False, guard=True)}\t"
                   f"{_cell(limits, res, whole, milli=False, guard=True)}\n")
    for res in extended:
        w.write(1, f"{res}\t{reqs.get(res, quantity.ZERO)}\t{limits.get(res, quantity.ZERO)}\n")


def _cell(values: dict[str, quantity.Quantity], res: str, whole: int, *, milli: bool, guard: bool) -> str:
    q = values.get(res, quantity.ZERO)
    part = q.milli_value() if milli else q.int_value()
    return f"{q} ({_percent(part, whole, guard)}%)"
