"""Semantic validation a real v1.33 API server runs after defaulting: ``validate_create`` and
``validate_update`` return the ``FieldError`` causes of an Invalid (422) error, in upstream order.

Per kind (each module cites its upstream file):

- Pod: ``validation_pod`` (ValidatePodCreate, ValidatePodUpdate with its go-cmp diff)
- Deployment, ReplicaSet, DaemonSet: ``validation_apps`` (plus the strategies' selector immutability)
- Job: ``validation_batch``
- Service: ``validation_service``
- Namespace, Node, Event: here, from ``pkg/apis/core/validation/validation.go`` and ``events.go``

Both functions expect the object to have been through ``defaults.apply_defaults`` (as the server
does: decode, default, admit, validate). Repeated causes are dropped, as both the apiserver's
aggregate message and kubectl's cause list drop them.
"""

from __future__ import annotations

from collections.abc import Callable

from cluster_core.api import names
from cluster_core.api.errors import DUPLICATE, FieldError, go_quote, invalid_value, not_supported, required
from cluster_core.api.quantity import parse_quantity
from cluster_core.api.validation_apps import (
    validate_daemon_set,
    validate_daemon_set_update,
    validate_deployment,
    validate_deployment_update,
    validate_replica_set,
    validate_replica_set_update,
)
from cluster_core.api.validation_batch import validate_job, validate_job_update
from cluster_core.api.validation_common import (
    GoValueError,
    as_dict,
    as_list,
    dedupe,
    kube_finalizer_name,
    validate_object_meta,
    validate_object_meta_update,
)
from cluster_core.api.validation_pod import validate_pod_create, validate_pod_update
from cluster_core.api.validation_service import validate_service, validate_service_update

_TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]


def validate_create(obj: dict) -> list[FieldError]:
    """The causes a create of ``obj`` is refused with; [] when it is valid."""
    fn = _CREATE.get(str(obj.get("kind") or ""))
    return dedupe(fn(obj)) if fn else []


def validate_update(old: dict, new: dict) -> list[FieldError]:
    """The causes replacing ``old`` with ``new`` is refused with; [] when the update is allowed."""
    fn = _UPDATE.get(str(new.get("kind") or ""))
    return dedupe(fn(new, old)) if fn else []


# ------------------------------------------------------------------ Namespace
def validate_namespace(ns: dict) -> list[FieldError]:
    """ValidateNamespace: a DNS-1123 label name; ``spec.finalizers`` entries (path not indexed)."""
    errs = validate_object_meta(as_dict(ns.get("metadata")), "Namespace", False)
    for f in as_list(as_dict(ns.get("spec")).get("finalizers")):
        f = str(f)
        errs += [invalid_value("spec.finalizers", f, m) for m in names.is_qualified_name(f)]
        errs += kube_finalizer_name(f, "spec.finalizers")
    return errs


def validate_namespace_update(new: dict, old: dict) -> list[FieldError]:
    return validate_namespace(new) + validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))


# ------------------------------------------------------------------ Node
def validate_node(node: dict) -> list[FieldError]:
    """ValidateNode. Taint errors really are reported under ``metadata.taints`` upstream."""
    errs = validate_object_meta(as_dict(node.get("metadata")), "Node", False)
    errs += _taints(as_list(as_dict(node.get("spec")).get("taints")), "metadata.taints")
    status = as_dict(node.get("status"))
    for section in ("capacity", "allocatable"):
        for name, raw in sorted(as_dict(status.get(section)).items()):
            q = parse_quantity(raw)
            if q is not None and q.value < 0:
                errs.append(invalid_value(f"status.{section}.{name}", str(q), "must be greater than or equal to 0"))
    return errs


def validate_node_update(new: dict, old: dict) -> list[FieldError]:
    errs = validate_node(new)
    errs += validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))
    spec, old_spec = as_dict(new.get("spec")), as_dict(old.get("spec"))
    if old_spec.get("podCIDRs") and list(old_spec["podCIDRs"]) != list(spec.get("podCIDRs") or []):
        errs.append(FieldError("spec.podCIDRs", "Forbidden", detail='node updates may not change podCIDR except from "" to valid'))
    if old_spec.get("providerID") and old_spec.get("providerID") != spec.get("providerID"):
        errs.append(FieldError("spec.providerID", "Forbidden",
                               detail='node updates may not change providerID except from "" to valid'))
    return errs


def _taints(taints: list, path: str) -> list[FieldError]:
    """validateNodeTaints: key, value, effect (required), unique per key and effect."""
    errs: list[FieldError] = []
    seen: set[tuple[str, str]] = set()
    for i, t in enumerate(taints):
        t = as_dict(t)
        base = f"{path}[{i}]"
        key, value, effect = str(t.get("key") or ""), str(t.get("value") or ""), str(t.get("effect") or "")
        errs += names.validate_label_name(key, f"{base}.key")
        msgs = names.is_valid_label_value(value)
        if msgs:
            errs.append(invalid_value(f"{base}.value", value, ";".join(msgs)))
        if not effect:
            errs.append(required(f"{base}.effect"))
        elif effect not in _TAINT_EFFECTS:
            errs.append(not_supported(f"{base}.effect", effect, _TAINT_EFFECTS))
        if (effect, key) in seen:
            rendered = (f"core.Taint{{Key:{go_quote(key)}, Value:{go_quote(value)}, "
                        f"Effect:{go_quote(effect)}, TimeAdded:(*v1.Time)(nil)}}")
            errs.append(GoValueError(base, DUPLICATE, rendered, "taints must be unique by key and effect pair"))
            continue
        seen.add((effect, key))
    return errs


# ------------------------------------------------------------------ Event
def validate_event(event: dict) -> list[FieldError]:
    """legacyValidateEvent, all a core/v1 Event create or update gets (``events.go``)."""
    errs: list[FieldError] = []
    ns = str(as_dict(event.get("metadata")).get("namespace") or "")
    involved_ns = str(as_dict(event.get("involvedObject")).get("namespace") or "")
    mismatch = invalid_value("involvedObject.namespace", involved_ns, "does not match event.namespace")
    if not event.get("eventTime"):
        if (not involved_ns and ns not in ("", "default")) or (involved_ns and ns != involved_ns):
            errs.append(mismatch)
    else:
        if not involved_ns and ns not in ("default", "kube-system"):
            errs.append(mismatch)
        controller = str(event.get("reportingComponent") or event.get("reportingController") or "")
        if not controller:
            errs.append(required("reportingController"))
        errs += [invalid_value("reportingController", controller, m) for m in names.is_qualified_name(controller)]
        for key, limit in (("reportingInstance", 128), ("action", 128), ("reason", 128)):
            text = str(event.get(key) or "")
            if not text:
                errs.append(required(key))
            if len(text) > limit:
                errs.append(invalid_value(key, "", f"can have at most {limit} characters"))
        if len(str(event.get("message") or "")) > 1024:
            errs.append(invalid_value("message", "", "can have at most 1024 characters"))
    errs += [invalid_value("namespace", ns, m) for m in names.is_dns1123_subdomain(ns)]
    return errs


_CREATE: dict[str, Callable[[dict], list[FieldError]]] = {
    "Pod": validate_pod_create,
    "Deployment": validate_deployment,
    "ReplicaSet": validate_replica_set,
    "DaemonSet": validate_daemon_set,
    "Job": validate_job,
    "Service": validate_service,
    "Namespace": validate_namespace,
    "Node": validate_node,
    "Event": validate_event,
}
_UPDATE: dict[str, Callable[[dict, dict], list[FieldError]]] = {
    "Pod": validate_pod_update,
    "Deployment": validate_deployment_update,
    "ReplicaSet": validate_replica_set_update,
    "DaemonSet": validate_daemon_set_update,
    "Job": validate_job_update,
    "Service": validate_service_update,
    "Namespace": validate_namespace_update,
    "Node": validate_node_update,
    "Event": lambda new, old: validate_event(new),
}
