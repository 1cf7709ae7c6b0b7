"""Service validation: ``ValidateService`` and ``ValidateServiceUpdate`` of
``pkg/apis/core/validation/validation.go`` (v1.33), the checks a student's manifest can trip.

Covered: the name (DNS-1035 label), ports (required, names, numbers, protocols, target ports,
duplicates), the type and session affinity enums, the selector labels, node ports only on
NodePort/LoadBalancer, ExternalName's name, and on update the immutable cluster IPs. Left out:
load-balancer source ranges, external IPs, IP family consistency on dual-stack clusters (this one
is single-stack; ``services.py`` refuses IPv6 while allocating).
"""

from __future__ import annotations

from cluster_core.api import names
from cluster_core.api.errors import (
    DUPLICATE,
    FieldError,
    forbidden,
    go_quote,
    invalid_value,
    not_supported,
    required,
)
from cluster_core.api.validation_common import (
    GoValueError,
    as_dict,
    as_list,
    go_invalid,
    go_strings,
    validate_object_meta,
    validate_object_meta_update,
)
from cluster_core.api.validation_containers import PORT_RANGE_MSG, is_valid_port_name

_PROTOCOLS = ["SCTP", "TCP", "UDP"]
_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
_AFFINITIES = ["ClientIP", "None"]
KUBELET_PORT = 10250


def _service_port(p: dict, require_name: bool, seen_names: set[str], path: str) -> list[FieldError]:
    """validateServicePort."""
    errs: list[FieldError] = []
    name = str(p.get("name") or "")
    if require_name and not name:
        errs.append(required(f"{path}.name"))
    elif name:
        errs += [invalid_value(f"{path}.name", name, m) for m in names.is_dns1123_label(name)]
        if name in seen_names:
            errs.append(FieldError(f"{path}.name", DUPLICATE, name))
        else:
            seen_names.add(name)
    port = p.get("port")
    if not isinstance(port, int) or not 1 <= port <= 65535:
        errs.append(invalid_value(f"{path}.port", port if isinstance(port, int) else 0, PORT_RANGE_MSG))
    protocol = p.get("protocol")
    if not protocol:
        errs.append(required(f"{path}.protocol"))
    elif protocol not in _PROTOCOLS:
        errs.append(not_supported(f"{path}.protocol", protocol, _PROTOCOLS))
    target = p.get("targetPort")
    if isinstance(target, int):
        if not 1 <= target <= 65535:
            errs.append(invalid_value(f"{path}.targetPort", target, PORT_RANGE_MSG))
    else:
        target = str(target or "")
        errs += [invalid_value(f"{path}.targetPort", target, m) for m in is_valid_port_name(target)]
    return errs


def _port_key(p: dict) -> str:
    """``%#v`` of the ``core.ServicePort{Protocol, Port}`` key a duplicate is reported with."""
    return (f'core.ServicePort{{Name:"", Protocol:{go_quote(str(p.get("protocol") or ""))}, '
            f'AppProtocol:(*string)(nil), Port:{p.get("port") or 0}, '
            'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}')


def validate_service(svc: dict) -> list[FieldError]:
    """ValidateService, in upstream's order."""
    errs = validate_object_meta(as_dict(svc.get("metadata")), "Service", True)
    spec = as_dict(svc.get("spec"))
    ports = [as_dict(p) for p in as_list(spec.get("ports"))]
    kind = spec.get("type") or ""
    headless = spec.get("clusterIP") == "None"
    if not ports and not headless and kind != "ExternalName":
        errs.append(required("spec.ports"))
    if kind == "LoadBalancer":
        for i, p in enumerate(ports):
            if p.get("port") == KUBELET_PORT:
                errs.append(invalid_value(f"spec.ports[{i}]", KUBELET_PORT,
                                          f"may not expose port {KUBELET_PORT} externally since it is used by kubelet"))
    elif kind == "ExternalName":
        if spec.get("clusterIPs"):
            errs.append(forbidden("spec.clusterIPs", "may not be set for `type` ExternalName"))
        cname = str(spec.get("externalName") or "").removesuffix(".")
        if cname:
            errs += [invalid_value("spec.externalName", cname, m) for m in names.is_dns1123_subdomain(cname)]
        else:
            errs.append(required("spec.externalName"))
    seen: set[str] = set()
    for i, p in enumerate(ports):
        errs += _service_port(p, len(ports) > 1, seen, f"spec.ports[{i}]")
    errs += names.validate_labels(as_dict(spec.get("selector")), "spec.selector")
    affinity = spec.get("sessionAffinity") or ""
    if not affinity:
        errs.append(required("spec.sessionAffinity"))
    elif affinity not in _AFFINITIES:
        errs.append(not_supported("spec.sessionAffinity", affinity, _AFFINITIES))
    if not kind:
        errs.append(required("spec.type"))
    elif kind not in _TYPES:
        errs.append(not_supported("spec.type", kind, _TYPES))
    if kind == "ClusterIP":
        for i, p in enumerate(ports):
            if p.get("nodePort"):
                errs.append(forbidden(f"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'"))
    node_ports: set[tuple] = set()
    for i, p in enumerate(ports):
        if not p.get("nodePort"):
            continue
        key = (p.get("protocol"), p.get("nodePort"))
        if key in node_ports:
            errs.append(FieldError(f"spec.ports[{i}].nodePort", DUPLICATE, p.get("nodePort")))
        node_ports.add(key)
    keys: set[tuple] = set()
    for i, p in enumerate(ports):
        key = (p.get("protocol"), p.get("port"))
        if key in keys:
            errs.append(GoValueError(f"spec.ports[{i}]", DUPLICATE, _port_key(p)))
        keys.add(key)
    return errs


def validate_service_update(new: dict, old: dict) -> list[FieldError]:
    """ValidateServiceUpdate: metadata rules, the immutable cluster IPs, then ValidateService."""
    errs = validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))
    spec, old_spec = as_dict(new.get("spec")), as_dict(old.get("spec"))
    if "ExternalName" not in (spec.get("type"), old_spec.get("type")) and not (
            old_spec.get("clusterIP") == "None" and spec.get("clusterIP") == "None"):
        old_ips, new_ips = list(old_spec.get("clusterIPs") or []), list(spec.get("clusterIPs") or [])
        if len(old_ips) == len(new_ips):
            for i, ip in enumerate(old_ips):
                if ip != new_ips[i]:
                    errs.append(go_invalid(f"spec.clusterIPs[{i}]", go_strings(new_ips), "may not change once set"))
        elif not new_ips:
            errs.append(go_invalid("spec.clusterIPs[0]", go_strings(new_ips), "primary clusterIP can not be unset"))
    return errs + validate_service(new)
