"""Container validation: validateContainers, validateInitContainers and validateContainerCommon
with ports, env, volume mounts, resources and probes (``pkg/apis/core/validation/validation.go``, v1.33)."""

from __future__ import annotations

import re
from typing import Any

from cluster_core.api import names
from cluster_core.api.errors import DUPLICATE, NOT_FOUND, FieldError, forbidden, invalid_value
from cluster_core.api.errors import not_supported as _not_supported
from cluster_core.api.errors import required as _required
from cluster_core.api.quantity import parse_quantity
from cluster_core.api.validation_common import as_dict, as_list, key_path, nonnegative

MAX_INT32 = 2**31 - 1
PORT_RANGE_MSG = "must be between 1 and 65535, inclusive"
_PULL_POLICIES = ["Always", "IfNotPresent", "Never"]
_PROTOCOLS = ["SCTP", "TCP", "UDP"]  # sets.List: sorted
_TERMINATION_POLICIES = ["File", "FallbackToLogsOnError"]
_ENV_FIELD_PATHS = sorted(["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
                           "spec.serviceAccountName", "status.hostIP", "status.hostIPs",
                           "status.podIP", "status.podIPs"])
_STANDARD_CONTAINER_RESOURCES = frozenset({"cpu", "memory", "ephemeral-storage"})
_STANDARD_RESOURCES = _STANDARD_CONTAINER_RESOURCES | frozenset({
    "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
    "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas",
    "secrets", "configmaps", "persistentvolumeclaims", "requests.storage", "storage",
    "services.nodeports", "services.loadbalancers"})
_PORT_NAME_CHARS = re.compile(r"[-a-z0-9]+")
_PORT_NAME_LETTER = re.compile(r"[a-z]")
_CONFIG_KEY_RE = re.compile(r"[-._a-zA-Z0-9]+")
_CONFIG_KEY_MSG = names.regex_error("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                                    "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name")


def _dup(path: str, value: Any) -> FieldError:
    return FieldError(path, DUPLICATE, value)


def _range(lo: int, hi: int) -> str:
    return f"must be between {lo} and {hi}, inclusive"


def enum(value: Any, allowed: list[str], path: str) -> list[FieldError]:
    """The validateRestartPolicy pattern: empty is Required, anything else unknown NotSupported."""
    if value in allowed:
        return []
    if not value:
        return [_required(path)]
    return [_not_supported(path, value, allowed)]


# ------------------------------------------------------------------ containers
def validate_containers(spec: dict, volumes: set[str], path: str) -> list[FieldError]:
    """validateContainers: at least one; common checks; unique names; probes; host ports."""
    containers = as_list(spec.get("containers"))
    if not containers:
        return [_required(path)]
    errs: list[FieldError] = []
    seen: set[str] = set()
    for i, c in enumerate(containers):
        c = as_dict(c)
        base = f"{path}[{i}]"
        errs += _container_common(c, volumes, base, spec.get("restartPolicy"))
        name = str(c.get("name") or "")
        if name in seen:
            errs.append(_dup(f"{base}.name", name))
        seen.add(name)
        errs += _lifecycle(as_dict(c.get("lifecycle")), f"{base}.lifecycle") if c.get("lifecycle") else []
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            if isinstance(c.get(probe), dict):
                errs += _probe(c[probe], f"{base}.{probe}", probe)
        if c.get("restartPolicy") is not None:
            errs.append(forbidden(f"{base}.restartPolicy", "may not be set for non-init containers"))
    errs += _host_port_conflicts(containers, path)
    return errs


def validate_init_containers(spec: dict, volumes: set[str], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    seen = {str(as_dict(c).get("name") or "") for c in as_list(spec.get("containers"))}
    for i, c in enumerate(as_list(spec.get("initContainers"))):
        c = as_dict(c)
        base = f"{path}[{i}]"
        errs += _container_common(c, volumes, base, spec.get("restartPolicy"))
        sidecar = c.get("restartPolicy") == "Always"
        if c.get("restartPolicy") is not None and not sidecar:
            errs.append(_not_supported(f"{base}.restartPolicy", c["restartPolicy"], ["Always"]))
        name = str(c.get("name") or "")
        if name in seen:
            errs.append(_dup(f"{base}.name", name))
        elif name:
            seen.add(name)
        errs += _host_port_conflicts([c], path)
        for key in ("lifecycle", "livenessProbe", "readinessProbe", "startupProbe"):
            if c.get(key) is None:
                continue
            if not sidecar:
                errs.append(forbidden(f"{base}.{key}", "may not be set for init containers without restartPolicy=Always"))
            elif key == "lifecycle":
                errs += _lifecycle(as_dict(c[key]), f"{base}.lifecycle")
            else:
                errs += _probe(as_dict(c[key]), f"{base}.{key}", key)
    return errs


def _container_common(c: dict, volumes: set[str], base: str, restart_policy: Any) -> list[FieldError]:
    """validateContainerCommon."""
    errs: list[FieldError] = []
    name = str(c.get("name") or "")
    if not name:
        errs.append(_required(f"{base}.name"))
    else:
        errs += [invalid_value(f"{base}.name", name, m) for m in names.is_dns1123_label(name)]
    if not c.get("image"):
        errs.append(_required(f"{base}.image"))
    errs += enum(c.get("terminationMessagePolicy"), _TERMINATION_POLICIES, f"{base}.terminationMessagePolicy")
    errs += _ports(as_list(c.get("ports")), f"{base}.ports")
    errs += _env(as_list(c.get("env")), f"{base}.env")
    errs += _env_from(as_list(c.get("envFrom")), f"{base}.envFrom")
    errs += _volume_mounts(as_list(c.get("volumeMounts")), volumes, f"{base}.volumeMounts")
    errs += enum(c.get("imagePullPolicy"), _PULL_POLICIES, f"{base}.imagePullPolicy")
    errs += _resources(as_dict(c.get("resources")), f"{base}.resources")
    sc = as_dict(c.get("securityContext"))
    for key in ("runAsUser", "runAsGroup"):
        v = sc.get(key)
        if isinstance(v, int) and not 0 <= v <= MAX_INT32:
            errs.append(invalid_value(f"{base}.securityContext.{key}", v, _range(0, MAX_INT32)))
    return errs


def is_valid_port_name(port: str) -> list[str]:
    """validation.IsValidPortName (IANA_SVC_NAME)."""
    msgs = []
    if len(port) > 15:
        msgs.append(names.max_len_error(15))
    if not _PORT_NAME_CHARS.fullmatch(port):
        msgs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not _PORT_NAME_LETTER.search(port):
        msgs.append("must contain at least one letter (a-z)")
    if "--" in port:
        msgs.append("must not contain consecutive hyphens")
    if port and (port[0] == "-" or port[-1] == "-"):
        msgs.append("must not begin or end with a hyphen")
    return msgs


def _ports(ports: list, path: str) -> list[FieldError]:
    """validateContainerPorts."""
    errs: list[FieldError] = []
    seen: set[str] = set()
    for i, p in enumerate(ports):
        p = as_dict(p)
        base = f"{path}[{i}]"
        name = str(p.get("name") or "")
        if name:
            msgs = is_valid_port_name(name)
            if msgs:
                errs += [invalid_value(f"{base}.name", name, m) for m in msgs]
            elif name in seen:
                errs.append(_dup(f"{base}.name", name))
            else:
                seen.add(name)
        cp = p.get("containerPort") or 0
        if cp == 0:
            errs.append(_required(f"{base}.containerPort"))
        elif not 1 <= cp <= 65535:
            errs.append(invalid_value(f"{base}.containerPort", cp, PORT_RANGE_MSG))
        hp = p.get("hostPort") or 0
        if hp != 0 and not 1 <= hp <= 65535:
            errs.append(invalid_value(f"{base}.hostPort", hp, PORT_RANGE_MSG))
        errs += enum(p.get("protocol"), _PROTOCOLS, f"{base}.protocol")
    return errs


def _host_port_conflicts(containers: list, path: str) -> list[FieldError]:
    """AccumulateUniqueHostPorts: ``protocol/hostIP/port`` may appear once."""
    errs: list[FieldError] = []
    seen: set[str] = set()
    for i, c in enumerate(containers):
        for j, p in enumerate(as_list(as_dict(c).get("ports"))):
            p = as_dict(p)
            if not p.get("hostPort"):
                continue
            key = f"{p.get('protocol') or ''}/{p.get('hostIP') or ''}/{p['hostPort']}"
            if key in seen:
                errs.append(_dup(f"{path}[{i}].ports[{j}].hostPort", key))
            seen.add(key)
    return errs


def _env(env: list, path: str) -> list[FieldError]:
    """ValidateEnv with v1.33's RelaxedEnvironmentVariableValidation (beta, on by default)."""
    errs: list[FieldError] = []
    for i, ev in enumerate(env):
        ev = as_dict(ev)
        base = f"{path}[{i}]"
        name = str(ev.get("name") or "")
        if not name:
            errs.append(_required(f"{base}.name"))
        elif any(not (" " <= ch <= "~") or ch == "=" for ch in name):
            errs.append(invalid_value(f"{base}.name", name, "a valid environment variable name must consist only of printable ASCII characters other than '='"))
        if ev.get("valueFrom") is not None:
            errs += _env_value_from(as_dict(ev["valueFrom"]), bool(ev.get("value")), f"{base}.valueFrom")
    return errs


def _env_value_from(vf: dict, has_value: bool, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    count = 0
    if vf.get("fieldRef") is not None:
        count += 1
        ref = as_dict(vf["fieldRef"])
        if not ref.get("apiVersion"):
            errs.append(_required(f"{path}.fieldRef.apiVersion"))
        elif not ref.get("fieldPath"):
            errs.append(_required(f"{path}.fieldRef.fieldPath"))
        else:
            fp = str(ref["fieldPath"])
            if not re.fullmatch(r"metadata\.(labels|annotations)\['[^']*'\]", fp) and fp not in _ENV_FIELD_PATHS:
                errs.append(_not_supported(f"{path}.fieldRef.fieldPath", fp, _ENV_FIELD_PATHS))
    if vf.get("resourceFieldRef") is not None:
        count += 1
    for key, name_key in (("configMapKeyRef", "name"), ("secretKeyRef", "name")):
        if vf.get(key) is None:
            continue
        count += 1
        ref = as_dict(vf[key])
        name = str(ref.get(name_key) or "")
        errs += [invalid_value(f"{path}.{key}.name", name, m) for m in names.is_dns1123_subdomain(name)]
        errs += _config_key(str(ref.get("key") or ""), f"{path}.{key}.key")
    if count == 0:
        errs.append(invalid_value(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
    elif has_value:
        errs.append(invalid_value(path, "", "may not be specified when `value` is not empty"))
    elif count > 1:
        errs.append(invalid_value(path, "", "may not have more than one field specified at a time"))
    return errs


def _config_key(key: str, path: str) -> list[FieldError]:
    """IsConfigMapKey."""
    if not key:
        return [_required(path)]
    msgs = [names.max_len_error(253)] if len(key) > 253 else []
    if not _CONFIG_KEY_RE.fullmatch(key):
        msgs.append(_CONFIG_KEY_MSG)
    if key == ".":
        msgs.append("must not be '.'")
    elif key == "..":
        msgs.append("must not be '..'")
    elif key.startswith(".."):
        msgs.append("must not start with '..'")
    return [invalid_value(path, key, m) for m in msgs]


def _env_from(env_from: list, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, ef in enumerate(env_from):
        ef = as_dict(ef)
        count = 0
        for key in ("configMapRef", "secretRef"):
            if ef.get(key) is None:
                continue
            count += 1
            name = str(as_dict(ef[key]).get("name") or "")
            if not name:
                errs.append(_required(f"{path}[{i}].{key}.name"))
            else:
                errs += [invalid_value(f"{path}[{i}].{key}.name", name, m) for m in names.is_dns1123_subdomain(name)]
        if count == 0:
            errs.append(invalid_value(path, "", "must specify one of: `configMapRef` or `secretRef`"))
        elif count > 1:
            errs.append(invalid_value(path, "", "may not have more than one field specified at a time"))
    return errs


def _volume_mounts(mounts: list, volumes: set[str], path: str) -> list[FieldError]:
    """ValidateVolumeMounts: the volume must exist and validate; mount paths are unique."""
    errs: list[FieldError] = []
    seen: set[str] = set()
    for i, m in enumerate(mounts):
        m = as_dict(m)
        base = f"{path}[{i}]"
        name = str(m.get("name") or "")
        mount_path = str(m.get("mountPath") or "")
        if not name:
            errs.append(_required(f"{base}.name"))
        if name not in volumes:
            errs.append(FieldError(f"{base}.name", NOT_FOUND, name))
        if not mount_path:
            errs.append(_required(f"{base}.mountPath"))
        if mount_path in seen:
            errs.append(invalid_value(f"{base}.mountPath", mount_path, "must be unique"))
        seen.add(mount_path)
    return errs


# ------------------------------------------------------------------ resources
def _resources(res: dict, path: str) -> list[FieldError]:
    """ValidateContainerResourceRequirements: names, non-negative quantities, requests <= limits."""
    errs: list[FieldError] = []
    limits, requests = as_dict(res.get("limits")), as_dict(res.get("requests"))
    for kind, rl in (("limits", limits), ("requests", requests)):
        for name in sorted(rl):
            p = key_path(f"{path}.{kind}", name)
            errs += _resource_name(name, p)
            q = parse_quantity(rl[name])
            if q is not None and q.value < 0:
                errs.append(invalid_value(p, str(q), "must be greater than or equal to 0"))
            if kind == "limits" or q is None:
                continue
            limit = parse_quantity(limits[name]) if name in limits else None
            if limit is not None:
                if q.value != limit.value and not _overcommit_allowed(name):
                    errs.append(invalid_value(f"{path}.requests", str(q), f"must be equal to {name} limit of {limit}"))
                elif q.value > limit.value:
                    errs.append(invalid_value(f"{path}.requests", str(q), f"must be less than or equal to {name} limit of {limit}"))
            elif name not in limits and not _overcommit_allowed(name):
                errs.append(_required(f"{path}.limits", "Limit must be set for non overcommitable resources"))
    return errs


def _native(name: str) -> bool:
    return "/" not in name or "kubernetes.io/" in name


def _overcommit_allowed(name: str) -> bool:
    return _native(name) and not name.startswith("hugepages-")


def _resource_name(name: str, path: str) -> list[FieldError]:
    """validateContainerResourceName."""
    msgs = names.is_qualified_name(name)
    if msgs:
        return [invalid_value(path, name, m) for m in msgs]
    errs: list[FieldError] = []
    if "/" not in name:
        if name not in _STANDARD_RESOURCES and not name.startswith("hugepages-"):
            errs.append(invalid_value(path, name, "must be a standard resource type or fully qualified"))
        if name not in _STANDARD_CONTAINER_RESOURCES and not name.startswith("hugepages-"):
            errs.append(invalid_value(path, name, "must be a standard resource for containers"))
    elif not _native(name) and (name.startswith("requests.") or names.is_qualified_name("requests." + name)):
        errs.append(invalid_value(path, name, "doesn't follow extended resource name standard"))
    return errs


# ------------------------------------------------------------------ probes and handlers
def _probe(p: dict, path: str, kind: str) -> list[FieldError]:
    errs = _handler(p, path, ("exec", "httpGet", "tcpSocket", "grpc"))
    for key in ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"):
        errs += nonnegative(p.get(key), f"{path}.{key}")
    tgps = p.get("terminationGracePeriodSeconds")
    if isinstance(tgps, int) and tgps <= 0:
        errs.append(invalid_value(f"{path}.terminationGracePeriodSeconds", tgps, "must be greater than 0"))
    if kind in ("livenessProbe", "startupProbe") and p.get("successThreshold", 1) != 1:
        errs.append(invalid_value(f"{path}.successThreshold", p.get("successThreshold"), "must be 1"))
    if kind == "readinessProbe" and tgps is not None:
        errs.append(invalid_value(f"{path}.terminationGracePeriodSeconds", tgps, "must not be set for readinessProbes"))
    return errs


def _lifecycle(lc: dict, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for hook in ("postStart", "preStop"):
        if lc.get(hook) is not None:
            errs += _handler(as_dict(lc[hook]), f"{path}.{hook}", ("exec", "httpGet", "tcpSocket", "sleep"))
    return errs


def _handler(h: dict, path: str, kinds: tuple[str, ...]) -> list[FieldError]:
    errs: list[FieldError] = []
    count = 0
    for key in kinds:
        if h.get(key) is None:
            continue
        if count:
            errs.append(forbidden(f"{path}.{key}", "may not specify more than 1 handler type"))
            continue
        count += 1
        action = as_dict(h[key])
        if key == "exec" and not as_list(action.get("command")):
            errs.append(_required(f"{path}.exec.command"))
        if key in ("httpGet", "tcpSocket", "grpc"):
            errs += _port_num_or_name(action.get("port"), f"{path}.{key}.port")
    if count == 0:
        errs.append(_required(path, "must specify a handler type"))
    return errs


def _port_num_or_name(port: Any, path: str) -> list[FieldError]:
    if isinstance(port, int):
        return [] if 1 <= port <= 65535 else [invalid_value(path, port, PORT_RANGE_MSG)]
    return [invalid_value(path, str(port or ""), m) for m in is_valid_port_name(str(port or ""))]
