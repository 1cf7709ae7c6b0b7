"""``kubectl describe service``: upstream ``describeService`` (v1.33), with the Endpoints line made
from the EndpointSlices the cluster would hold for the Service.

This cluster stores no EndpointSlice objects, so ``endpoint_slices`` derives them the way the
EndpointSlice controller does (``pkg/controller/endpointslice``: pods matching the selector that are
not terminal and have an IP, ready when the pod is Ready and not terminating, one slice per distinct
set of resolved target ports), and the API server's own slice for ``default/kubernetes`` (its
address and port 6443). ``formatEndpointSlices`` then prints them exactly as kubectl does.
"""

from __future__ import annotations

from typing import Any

from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    describe_events,
    format_labels,
    labels_multiline,
    meta,
)

MAX_SHOWN = 3


def _pod_ready(pod: dict[str, Any]) -> bool:
    for c in (pod.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c.get("status") == "True"
    return False


def _find_port(pod: dict[str, Any], sp: dict[str, Any]) -> int | None:
    """podutil.FindPort: a number as is; a name looked up among the containers' ports (same protocol)."""
    target = sp.get("targetPort")
    if isinstance(target, int):
        return target
    for c in (pod.get("spec") or {}).get("containers") or []:
        for p in c.get("ports") or []:
            if p.get("name") == target and (p.get("protocol") or "TCP") == sp.get("protocol"):
                return p.get("containerPort")
    return None


def endpoint_slices(svc: dict[str, Any], pods: list[dict[str, Any]],
                    apiserver_ips: list[str]) -> list[dict[str, Any]]:
    """The EndpointSlices of ``svc`` (simplified: ports and endpoints with their ready condition)."""
    md, spec = meta(svc), svc.get("spec") or {}
    ports = spec.get("ports") or []
    if md.get("namespace") == "default" and md.get("name") == "kubernetes":
        slice_ports = [{"name": p.get("name", ""), "port": p.get("targetPort"), "protocol": p.get("protocol")}
                       for p in ports]
        return [{"ports": slice_ports, "endpoints": [{"address": ip, "ready": True} for ip in apiserver_ips]}]
    selector = spec.get("selector")
    if not selector:
        return []  # no managed slices: whoever made the Service keeps its endpoints
    publish_not_ready = bool(spec.get("publishNotReadyAddresses"))
    slices: dict[tuple, dict[str, Any]] = {}
    for pod in sorted(pods, key=lambda p: meta(p).get("name", "")):
        pmd, status = meta(pod), pod.get("status") or {}
        labels = pmd.get("labels") or {}
        if pmd.get("namespace") != md.get("namespace") or any(labels.get(k) != v for k, v in selector.items()):
            continue
        if status.get("phase") in ("Succeeded", "Failed") or not status.get("podIP"):
            continue
        resolved = []
        for sp in ports:
            num = _find_port(pod, sp)
            if num is not None:
                resolved.append((sp.get("name", ""), num, sp.get("protocol")))
        key = tuple(resolved)
        ready = publish_not_ready or (_pod_ready(pod) and not pmd.get("deletionTimestamp"))
        entry = slices.setdefault(key, {"ports": [{"name": n, "port": p, "protocol": pr} for n, p, pr in key],
                                        "endpoints": []})
        entry["endpoints"].append({"address": status["podIP"], "ready": ready})
    if not slices:  # the controller keeps one empty slice for a Service with a selector
        return [{"ports": [], "endpoints": []}]
    return list(slices.values())


def format_endpoint_slices(slices: list[dict[str, Any]], port_name: str | None) -> str:
    """formatEndpointSlices: ready ``ip:port`` for the named port, three at most, then ``+ N more...``."""
    if not slices:
        return "<none>"
    shown: list[str] = []
    more, count = False, 0
    for s in slices:
        if not s["ports"]:
            for ep in s["endpoints"]:
                if len(shown) == MAX_SHOWN:
                    more = True
                if not ep["ready"]:
                    continue
                if not more:
                    shown.append(ep["address"])
                count += 1
            continue
        for port in s["ports"]:
            if port_name is not None and port["name"] != port_name:
                continue
            for ep in s["endpoints"]:
                if len(shown) == MAX_SHOWN:
                    more = True
                if not ep["ready"]:
                    continue
                if not more:
                    addr = ep["address"]
                    shown.append(f"[{addr}]:{port['port']}" if ":" in addr else f"{addr}:{port['port']}")
                count += 1
    text = ",".join(shown)
    return f"{text} + {count - MAX_SHOWN} more..." if more else text


def describe_service(svc: dict[str, Any], ctx: DescribeContext) -> str:
    md, spec, status = meta(svc), svc.get("spec") or {}, svc.get("status") or {}
    slices = endpoint_slices(svc, ctx.pods, ctx.apiserver_ips)
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    w.write(0, f"Selector:\t{format_labels(spec.get('selector'))}\n")
    w.write(0, f"Type:\t{spec.get('type', '')}\n")
    if spec.get("ipFamilyPolicy"):
        w.write(0, f"IP Family Policy:\t{spec['ipFamilyPolicy']}\n")
    w.write(0, f"IP Families:\t{','.join(spec.get('ipFamilies') or []) or '<none>'}\n")
    w.write(0, f"IP:\t{spec.get('clusterIP', '')}\n")
    w.write(0, f"IPs:\t{','.join(spec.get('clusterIPs') or []) or '<none>'}\n")
    if spec.get("externalIPs"):
        w.write(0, f"External IPs:\t{','.join(spec['externalIPs'])}\n")
    if spec.get("loadBalancerIP"):
        w.write(0, f"Desired LoadBalancer IP:\t{spec['loadBalancerIP']}\n")
    if spec.get("externalName"):
        w.write(0, f"External Name:\t{spec['externalName']}\n")
    ingress = (status.get("loadBalancer") or {}).get("ingress") or []
    if ingress:
        w.write(0, "LoadBalancer Ingress:\t" + ", ".join(
            (i["ip"] + (f" ({i['ipMode']})" if i.get("ipMode") else "")) if i.get("ip") else i.get("hostname", "")
            for i in ingress) + "\n")
    for sp in spec.get("ports") or []:
        name = sp.get("name") or "<unset>"
        protocol = sp.get("protocol", "")
        w.write(0, f"Port:\t{name}\t{sp.get('port', 0)}/{protocol}\n")
        w.write(0, f"TargetPort:\t{sp.get('targetPort', 0)}/{protocol}\n")
        if sp.get("nodePort"):
            w.write(0, f"NodePort:\t{name}\t{sp['nodePort']}/{protocol}\n")
        w.write(0, f"Endpoints:\t{format_endpoint_slices(slices, sp.get('name') or '')}\n")
    w.write(0, f"Session Affinity:\t{spec.get('sessionAffinity', '')}\n")
    if spec.get("externalTrafficPolicy"):
        w.write(0, f"External Traffic Policy:\t{spec['externalTrafficPolicy']}\n")
    if spec.get("internalTrafficPolicy") is not None:
        w.write(0, f"Internal Traffic Policy:\t{spec['internalTrafficPolicy']}\n")
    if spec.get("healthCheckNodePort"):
        w.write(0, f"HealthCheck NodePort:\t{spec['healthCheckNodePort']}\n")
    if spec.get("loadBalancerSourceRanges"):
        w.write(0, f"LoadBalancer Source Ranges:\t{','.join(spec['loadBalancerSourceRanges'])}\n")
    if spec.get("trafficDistribution"):
        w.write(0, f"Traffic Distribution:\t{spec['trafficDistribution']}\n")
    if ctx.show_events:
        describe_events(w, ctx.events, ctx.now)
    return w.text()
