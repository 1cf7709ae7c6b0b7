"""Deployment, ReplicaSet and DaemonSet validation: ``pkg/apis/apps/validation/validation.go`` (v1.33) plus the
selector immutability their registry strategies add on update (``pkg/registry/apps/*/strategy.go``).

The strategies run the create validation and the update validation back to back, so an update
error list is ``ValidateX(new) + ValidateXUpdate(new, old) + selector immutability``, with the
repeats dropped as kubectl drops them.
"""

from __future__ import annotations

import re
from typing import Any

from cluster_core.api import selectors
from cluster_core.api.errors import (
    UNSUPPORTED,
    FieldError,
    forbidden,
    go_quote,
    invalid_value,
    not_supported,
    required,
)
from cluster_core.api.validation_common import (
    IMMUTABLE_MSG,
    GoValueError,
    as_dict,
    go_invalid,
    go_label_selector,
    nonnegative,
    validate_object_meta,
    validate_object_meta_update,
)
from cluster_core.api.validation_godiff import _same
from cluster_core.api.validation_pod import template_labels_value, validate_pod_template

MISMATCH = "`selector` does not match template `labels`"
_PERCENT_RE = re.compile(r"[0-9]+%")
_PERCENT_MSG = ("a valid percent string must be a numeric string followed by an ending '%' "
                "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")


def _as_selector(sel: Any) -> selectors.Selector | None:
    """LabelSelectorAsSelector; None stands for its error."""
    try:
        return selectors.from_label_selector(sel)
    except selectors.SelectorError:
        return None


def _empty_selector(sel: Any) -> bool:
    return isinstance(sel, dict) and not sel.get("matchLabels") and not sel.get("matchExpressions")


def selector_immutable(new: dict, old: dict) -> list[FieldError]:
    """ValidateImmutableField(spec.selector): apps/v1 and batch/v1 never let it change."""
    sel, old_sel = as_dict(new.get("spec")).get("selector"), as_dict(old.get("spec")).get("selector")
    if _same(sel, old_sel):
        return []
    return [go_invalid("spec.selector", go_label_selector(sel), IMMUTABLE_MSG)]


# ------------------------------------------------------------------ ReplicaSet
def validate_replica_set(rs: dict) -> list[FieldError]:
    """ValidateReplicaSet."""
    errs = validate_object_meta(as_dict(rs.get("metadata")), "ReplicaSet", True)
    return errs + _replica_set_spec(as_dict(rs.get("spec")))


def validate_replica_set_update(new: dict, old: dict) -> list[FieldError]:
    errs = validate_replica_set(new)
    errs += validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))
    errs += _replica_set_spec(as_dict(new.get("spec")))
    return errs + selector_immutable(new, old)


def _replica_set_spec(spec: dict) -> list[FieldError]:
    """ValidateReplicaSetSpec: a missing selector also fails the template match (nil selects nothing)."""
    errs = nonnegative(spec.get("replicas"), "spec.replicas")
    errs += nonnegative(spec.get("minReadySeconds"), "spec.minReadySeconds")
    sel = spec.get("selector")
    if sel is None:
        errs.append(required("spec.selector"))
    else:
        errs += selectors.validate_label_selector(sel, "spec.selector")
        if _empty_selector(sel):
            errs.append(go_invalid("spec.selector", go_label_selector(sel), "empty selector is invalid for deployment"))
    selector = _as_selector(sel)
    if selector is None:
        errs.append(go_invalid("spec.selector", go_label_selector(sel), "invalid label selector"))
        return errs
    template = as_dict(spec.get("template"))
    if not selector.empty and not selector.matches(as_dict(template.get("metadata")).get("labels")):
        errs.append(go_invalid("spec.template.metadata.labels", template_labels_value(template), MISMATCH))
    errs += validate_pod_template(template, "spec.template")
    errs += _always_restart(template, "ReplicaSet")
    return errs


def _always_restart(template: dict, kind: str) -> list[FieldError]:
    tspec = as_dict(template.get("spec"))
    errs: list[FieldError] = []
    if tspec.get("restartPolicy") != "Always":
        errs.append(not_supported("spec.template.spec.restartPolicy", str(tspec.get("restartPolicy") or ""), ["Always"]))
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(forbidden("spec.template.spec.activeDeadlineSeconds", f"activeDeadlineSeconds in {kind} is not Supported"))
    return errs


# ------------------------------------------------------------------ Deployment
def validate_deployment(d: dict) -> list[FieldError]:
    """ValidateDeployment."""
    errs = validate_object_meta(as_dict(d.get("metadata")), "Deployment", True)
    return errs + _deployment_spec(as_dict(d.get("spec")))


def validate_deployment_update(new: dict, old: dict) -> list[FieldError]:
    errs = validate_deployment(new)
    errs += validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))
    errs += _deployment_spec(as_dict(new.get("spec")))
    return errs + selector_immutable(new, old)


def _deployment_spec(spec: dict) -> list[FieldError]:
    """ValidateDeploymentSpec: the ReplicaSet's selector and template checks (ValidatePodTemplateSpecForReplicaSet,
    whose messages say "ReplicaSet"), then strategy, minReadySeconds, history limit and progress deadline."""
    errs = nonnegative(spec.get("replicas"), "spec.replicas")
    sel = spec.get("selector")
    if sel is None:
        errs.append(required("spec.selector"))
    else:
        errs += selectors.validate_label_selector(sel, "spec.selector")
        if _empty_selector(sel):
            errs.append(go_invalid("spec.selector", go_label_selector(sel), "empty selector is invalid for deployment"))
    selector = _as_selector(sel)
    if selector is None:
        errs.append(go_invalid("spec.selector", go_label_selector(sel), "invalid label selector"))
    else:
        template = as_dict(spec.get("template"))
        if not selector.empty and not selector.matches(as_dict(template.get("metadata")).get("labels")):
            errs.append(go_invalid("spec.template.metadata.labels", template_labels_value(template), MISMATCH))
        errs += validate_pod_template(template, "spec.template")
        errs += _always_restart(template, "ReplicaSet")
    errs += _deployment_strategy(as_dict(spec.get("strategy")), "spec.strategy")
    errs += nonnegative(spec.get("minReadySeconds"), "spec.minReadySeconds")
    errs += nonnegative(spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit")
    deadline = spec.get("progressDeadlineSeconds")
    if isinstance(deadline, int):
        errs += nonnegative(deadline, "spec.progressDeadlineSeconds")
        if deadline <= int(spec.get("minReadySeconds") or 0):
            errs.append(invalid_value("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"))
    return errs


def _deployment_strategy(strategy: dict, path: str) -> list[FieldError]:
    """ValidateDeploymentStrategy and ValidateRollingUpdateDeployment."""
    kind = strategy.get("type")
    ru = strategy.get("rollingUpdate")
    if kind == "Recreate":
        if ru is not None:
            return [forbidden(f"{path}.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")]
        return []
    if kind == "RollingUpdate":
        if not isinstance(ru, dict):
            return [required(f"{path}.rollingUpdate", "this should be defaulted and never be nil")]
        errs: list[FieldError] = []
        for key in ("maxUnavailable", "maxSurge"):
            v = ru.get(key)
            if isinstance(v, str) and not _PERCENT_RE.fullmatch(v):
                errs.append(go_invalid(f"{path}.rollingUpdate.{key}", _int_or_string(v), _PERCENT_MSG))
            elif not isinstance(v, str):
                errs += nonnegative(v, f"{path}.rollingUpdate.{key}")
        if _int_or_percent(ru.get("maxUnavailable"))[0] == 0 and _int_or_percent(ru.get("maxSurge"))[0] == 0:
            errs.append(go_invalid(f"{path}.rollingUpdate.maxUnavailable", _int_or_string(ru.get("maxUnavailable")),
                                   "may not be 0 when `maxSurge` is 0"))
        value, percent = _int_or_percent(ru.get("maxUnavailable"))
        if percent and value > 100:
            errs.append(go_invalid(f"{path}.rollingUpdate.maxUnavailable", _int_or_string(ru.get("maxUnavailable")),
                                   "must not be greater than 100%"))
        return errs
    rendered = ("(*apps.RollingUpdateDeployment)(nil)" if ru is None else
                f"&apps.RollingUpdateDeployment{{MaxUnavailable:{_int_or_string(as_dict(ru).get('maxUnavailable'))}, "
                f"MaxSurge:{_int_or_string(as_dict(ru).get('maxSurge'))}}}")
    value_text = f"apps.DeploymentStrategy{{Type:{go_quote(str(kind or ''))}, RollingUpdate:{rendered}}}"
    return [GoValueError(path, UNSUPPORTED, value_text, 'supported values: "Recreate", "RollingUpdate"')]


# ------------------------------------------------------------------ DaemonSet
def validate_daemon_set(ds: dict) -> list[FieldError]:
    """ValidateDaemonSet."""
    errs = validate_object_meta(as_dict(ds.get("metadata")), "DaemonSet", True)
    return errs + _daemon_set_spec(as_dict(ds.get("spec")))


def validate_daemon_set_update(new: dict, old: dict) -> list[FieldError]:
    errs = validate_daemon_set(new)
    errs += validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))
    errs += _daemon_set_spec(as_dict(new.get("spec")))
    return errs + selector_immutable(new, old)


def _daemon_set_spec(spec: dict) -> list[FieldError]:
    """ValidateDaemonSetSpec: unlike a ReplicaSet, a missing selector is not Required, only unmatched."""
    sel = spec.get("selector")
    errs = selectors.validate_label_selector(sel, "spec.selector") if isinstance(sel, dict) else []
    template = as_dict(spec.get("template"))
    selector = _as_selector(sel)
    if selector is not None and not selector.matches(as_dict(template.get("metadata")).get("labels")):
        errs.append(go_invalid("spec.template.metadata.labels", template_labels_value(template), MISMATCH))
    if _empty_selector(sel):
        errs.append(go_invalid("spec.selector", go_label_selector(sel), "empty selector is invalid for daemonset"))
    errs += validate_pod_template(template, "spec.template")
    errs += _always_restart(template, "DaemonSet")
    errs += nonnegative(spec.get("minReadySeconds"), "spec.minReadySeconds")
    errs += _update_strategy(as_dict(spec.get("updateStrategy")), "spec.updateStrategy")
    errs += nonnegative(spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit")
    return errs


def _update_strategy(strategy: dict, path: str) -> list[FieldError]:
    kind = strategy.get("type")
    if kind == "OnDelete":
        return []
    if kind == "RollingUpdate":
        ru = strategy.get("rollingUpdate")
        if not isinstance(ru, dict):
            return [required(f"{path}.rollingUpdate")]
        return _rolling_update(ru, f"{path}.rollingUpdate")
    ru = strategy.get("rollingUpdate")
    rendered = ("(*apps.RollingUpdateDaemonSet)(nil)" if ru is None else
                f"(*apps.RollingUpdateDaemonSet){{MaxUnavailable:{_int_or_string(as_dict(ru).get('maxUnavailable'))}, "
                f"MaxSurge:{_int_or_string(as_dict(ru).get('maxSurge'))}}}")
    value = f"apps.DaemonSetUpdateStrategy{{Type:{go_quote(str(kind or ''))}, RollingUpdate:{rendered}}}"
    return [GoValueError(path, UNSUPPORTED, value, 'supported values: "RollingUpdate", "OnDelete"')]


def _int_or_string(v: Any) -> str:
    """%#v of an intstr.IntOrString."""
    if isinstance(v, str):
        return f"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{go_quote(v)}}}"
    return f"intstr.IntOrString{{Type:0, IntVal:{int(v or 0)}, StrVal:\"\"}}"


def _int_or_percent(v: Any) -> tuple[int, bool]:
    if isinstance(v, str):
        return (int(v[:-1]), True) if _PERCENT_RE.fullmatch(v) else (0, False)
    return int(v or 0), False


def _rolling_update(ru: dict, path: str) -> list[FieldError]:
    """ValidateRollingUpdateDaemonSet: non-negative int or percent, at most 100%, exactly one non-zero."""
    errs: list[FieldError] = []
    for key in ("maxUnavailable", "maxSurge"):
        v = ru.get(key)
        if isinstance(v, str) and not _PERCENT_RE.fullmatch(v):
            errs.append(go_invalid(f"{path}.{key}", _int_or_string(v), _PERCENT_MSG))
        elif not isinstance(v, str):
            errs += nonnegative(v, f"{path}.{key}")
    for key in ("maxUnavailable", "maxSurge"):
        value, percent = _int_or_percent(ru.get(key))
        if percent and value > 100:
            errs.append(go_invalid(f"{path}.{key}", _int_or_string(ru.get(key)), "must not be greater than 100%"))
    unavailable = _int_or_percent(ru.get("maxUnavailable"))[0] != 0
    surge = _int_or_percent(ru.get("maxSurge"))[0] != 0
    if unavailable and surge:
        errs.append(go_invalid(f"{path}.maxSurge", _int_or_string(ru.get("maxSurge")),
                               "may not be set when maxUnavailable is non-zero"))
    elif not unavailable and not surge:
        errs.append(required(f"{path}.maxUnavailable", "cannot be 0 when maxSurge is 0"))
    return errs
