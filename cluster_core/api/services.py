"""What the Service REST storage does besides defaulting: IP families, cluster IPs and node ports.

Upstream (``pkg/registry/core/service/storage/alloc.go`` and ``rest.go``, v1.33) runs this in the
store's BeginCreate/BeginUpdate hooks, before the strategy validates, so validation already sees the
allocated ``clusterIP``/``clusterIPs``, ``ipFamilies`` and ``ipFamilyPolicy``. This cluster is a
kubeadm single-stack IPv4 cluster: service CIDR ``10.96.0.0/12`` (``10.96.0.1`` is the
``kubernetes`` Service, ``10.96.0.10`` kube-dns) and node ports ``30000-32767``.

Nothing is kept besides the stored Services themselves: an IP or port is in use exactly when a
stored Service holds it, so a dry run or a refused create leaks nothing. Choices come from the
cluster's seeded rng, so the same commands give the same IPs.
"""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Iterable

from cluster_core.api.errors import FieldError, invalid_value
from cluster_core.api.validation_common import go_invalid, go_strings

SERVICE_CIDR = ipaddress.ip_network("10.96.0.0/12")
NODE_PORT_RANGE = (30000, 32767)
# The allocator keeps the bottom of the range (min(max(16, size/16), 256) addresses) for static
# IPs such as 10.96.0.10 and prefers the rest for dynamic ones (KEP-3070).
_STATIC_BAND = 256


def _needs_cluster_ip(spec: dict) -> bool:
    return spec.get("type") != "ExternalName"


def _is_headless(spec: dict) -> bool:
    return spec.get("clusterIP") == "None"


def _normalize_cluster_ips(spec: dict, old_spec: dict | None) -> None:
    """The strategy's normalizeClusterIPs: ``clusterIP`` and ``clusterIPs[0]`` agree."""
    ip, ips = spec.get("clusterIP") or "", list(spec.get("clusterIPs") or [])
    if old_spec is not None and ip and ip != old_spec.get("clusterIP") and ips == list(
            old_spec.get("clusterIPs") or []) and ips:
        ips[0] = ip  # only clusterIP was edited: it becomes the primary of clusterIPs
        spec["clusterIPs"] = ips
    elif ip and not ips:
        spec["clusterIPs"] = [ip]
    elif ips and not ip:
        spec["clusterIP"] = ips[0]


def _patch_allocated(spec: dict, old_spec: dict) -> None:
    """patchAllocatedValues: an update that leaves them out keeps the allocated IPs and node ports
    (what ``kubectl apply`` of the original manifest relies on)."""
    if _needs_cluster_ip(old_spec) and _needs_cluster_ip(spec):
        if not spec.get("clusterIP") and old_spec.get("clusterIP"):
            spec["clusterIP"] = old_spec["clusterIP"]
        if not spec.get("clusterIPs") and old_spec.get("clusterIPs"):
            spec["clusterIPs"] = list(old_spec["clusterIPs"])
    if spec.get("type") in ("NodePort", "LoadBalancer"):
        old_ports = {(p.get("port"), p.get("protocol")): p.get("nodePort")
                     for p in old_spec.get("ports") or [] if isinstance(p, dict)}
        for p in spec.get("ports") or []:
            if isinstance(p, dict) and not p.get("nodePort"):
                prior = old_ports.get((p.get("port"), p.get("protocol")))
                if prior:
                    p["nodePort"] = prior


def _init_ip_families(spec: dict) -> list[FieldError]:
    """initIPFamilyFields for a single-stack IPv4 cluster."""
    if not _needs_cluster_ip(spec):
        return []
    errs: list[FieldError] = []
    families = spec.get("ipFamilies")
    for i, fam in enumerate(families or []):
        if fam == "IPv6":
            errs.append(invalid_value(f"spec.ipFamilies[{i}]", fam, "not configured on this cluster"))
    policy = spec.get("ipFamilyPolicy")
    if _is_headless(spec) and not spec.get("selector"):
        policy = policy or "RequireDualStack"
    elif policy == "RequireDualStack":
        errs.append(invalid_value("spec.ipFamilyPolicy", policy,
                                  "this cluster is not configured for dual-stack services"))
    spec["ipFamilyPolicy"] = policy or "SingleStack"
    if not families:
        spec["ipFamilies"] = ["IPv4"]
    return errs


def _in_use_ips(services: Iterable[dict], key: tuple[str, str]) -> set[str]:
    used = set()
    for s in services:
        md = s.get("metadata") or {}
        if (md.get("namespace", ""), md.get("name")) == key:
            continue
        used.update((s.get("spec") or {}).get("clusterIPs") or [])
    return used


def _allocate_ip(spec: dict, used: set[str], rng: random.Random) -> list[FieldError]:
    ip = spec.get("clusterIP") or ""
    if _is_headless(spec):
        spec["clusterIPs"] = ["None"]
        return []
    if not ip:
        size = SERVICE_CIDR.num_addresses
        base = int(SERVICE_CIDR.network_address)
        while True:
            candidate = str(ipaddress.ip_address(base + rng.randrange(_STATIC_BAND, size - 1)))
            if candidate not in used:
                break
        spec["clusterIP"] = candidate
        spec["clusterIPs"] = [candidate]
        return []
    ips = go_strings(spec.get("clusterIPs") or [ip])
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        return [invalid_value("spec.clusterIPs[0]", ip,
                              "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    if addr not in SERVICE_CIDR or addr in (SERVICE_CIDR.network_address, SERVICE_CIDR.broadcast_address):
        return [go_invalid("spec.clusterIPs", ips,
                           f"failed to allocate IP {ip}: the provided IP ({ip}) is not in the valid range. "
                           f"The range of valid IPs is {SERVICE_CIDR}")]
    if ip in used:
        return [go_invalid("spec.clusterIPs", ips, f"failed to allocate IP {ip}: provided IP is already allocated")]
    return []


def _in_use_node_ports(services: Iterable[dict], key: tuple[str, str]) -> set[int]:
    used = set()
    for s in services:
        md = s.get("metadata") or {}
        if (md.get("namespace", ""), md.get("name")) == key:
            continue
        used.update(p.get("nodePort") for p in (s.get("spec") or {}).get("ports") or [] if p.get("nodePort"))
    return used


def _allocate_node_ports(spec: dict, used: set[int], rng: random.Random) -> list[FieldError]:
    if spec.get("type") not in ("NodePort", "LoadBalancer"):
        return []
    if spec.get("type") == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is False:
        return []
    errs: list[FieldError] = []
    low, high = NODE_PORT_RANGE
    for i, p in enumerate(spec.get("ports") or []):
        if not isinstance(p, dict):
            continue
        port = p.get("nodePort")
        path = f"spec.ports[{i}].nodePort"
        if port:
            if not isinstance(port, int) or not low <= port <= high:
                errs.append(invalid_value(path, port, f"provided port is not in the valid range. The range of "
                                                      f"valid ports is {low}-{high}"))
            elif port in used:
                errs.append(invalid_value(path, port, "provided port is already allocated"))
            else:
                used.add(port)
            continue
        while True:
            candidate = rng.randrange(low, high + 1)
            if candidate not in used:
                break
        p["nodePort"] = candidate
        used.add(candidate)
    return errs


def allocate(svc: dict, services: Iterable[dict], rng: random.Random, old: dict | None = None) -> list[FieldError]:
    """Fill in ``svc``'s IP families, cluster IPs and node ports as the Service REST storage does
    on create (``old`` None) or update; the causes of an Invalid error when that cannot be done.

    ``services`` are the stored Services (the one being updated is skipped by its key)."""
    spec = svc.get("spec")
    if not isinstance(spec, dict):
        return []
    md = svc.get("metadata") or {}
    key = (md.get("namespace", ""), md.get("name"))
    services = list(services)
    old_spec = (old or {}).get("spec") or {} if old is not None else None
    if old_spec is not None:
        _patch_allocated(spec, old_spec)
    if not _needs_cluster_ip(spec):
        return _allocate_node_ports(spec, _in_use_node_ports(services, key), rng)
    _normalize_cluster_ips(spec, old_spec)
    errs = _init_ip_families(spec)
    if errs:
        return errs
    had_ips = old_spec is not None and _needs_cluster_ip(old_spec) and old_spec.get("clusterIPs")
    if not had_ips:  # an update keeps its IPs; a change is refused by validation as immutable
        errs = _allocate_ip(spec, _in_use_ips(services, key), rng)
    return errs + _allocate_node_ports(spec, _in_use_node_ports(services, key), rng)
