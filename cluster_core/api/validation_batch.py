"""Job validation: ``pkg/apis/batch/validation/validation.go`` (v1.33) and the Job strategy's update rules.

A Job's selector is normally generated (``defaults.job_selector_defaults``); validation then
checks the generated labels are still on the template and that the selector is the generated
one. With ``manualSelector: true`` the user's selector only has to match the template.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import names, selectors
from cluster_core.api.errors import FieldError, invalid_value, not_supported, required
from cluster_core.api.validation_apps import MISMATCH, selector_immutable
from cluster_core.api.validation_common import (
    IMMUTABLE_MSG,
    as_dict,
    go_invalid,
    go_label_selector,
    go_map,
    go_scalar_ptr,
    key_path,
    nonnegative,
    validate_object_meta,
    validate_object_meta_update,
)
from cluster_core.api.validation_godiff import _same
from cluster_core.api.validation_pod import template_labels_value, validate_pod_template

LEGACY_CONTROLLER_UID = "controller-uid"
LEGACY_JOB_NAME = "job-name"
CONTROLLER_UID = "batch.kubernetes.io/controller-uid"
JOB_NAME = "batch.kubernetes.io/job-name"
MAX_PARALLELISM_INDEXED = 100000


def validate_job(job: dict, *, require_prefixed_labels: bool = True) -> list[FieldError]:
    """ValidateJob: metadata, the generated selector, the spec, the indexed pod hostname limit."""
    meta = as_dict(job.get("metadata"))
    spec = as_dict(job.get("spec"))
    errs = validate_object_meta(meta, "Job", True)
    errs += _generated_selector(job, require_prefixed_labels)
    errs += _job_spec(spec)
    completions = spec.get("completions")
    if spec.get("completionMode") == "Indexed" and isinstance(completions, int) and completions > 0:
        hostname = f"{meta.get('name') or ''}-{completions - 1}"
        if names.is_dns1123_label(hostname):
            errs.append(invalid_value("metadata.name", str(meta.get("name") or ""),
                                   f"will not able to create pod with invalid DNS label: {hostname}"))
    return errs


def validate_job_update(new: dict, old: dict) -> list[FieldError]:
    """The Job strategy's ValidateUpdate: ValidateJob(new) + ValidateJobUpdate(new, old)."""
    old_labels = as_dict(as_dict(as_dict(old.get("spec")).get("template")).get("metadata")).get("labels") or {}
    prefixed = JOB_NAME in old_labels and CONTROLLER_UID in old_labels
    errs = validate_job(new, require_prefixed_labels=prefixed)
    errs += validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))
    spec, old_spec = as_dict(new.get("spec")), as_dict(old.get("spec"))
    errs += _job_spec(spec)
    if not _same(spec.get("completions"), old_spec.get("completions")):
        errs.append(go_invalid("spec.completions", go_scalar_ptr(spec.get("completions")), IMMUTABLE_MSG))
    errs += selector_immutable(new, old)
    errs += _template_immutable(spec, old_spec, as_dict(old.get("status")))
    for key in ("completionMode", "backoffLimitPerIndex", "managedBy"):
        if not _same(spec.get(key), old_spec.get(key)):
            errs.append(go_invalid(f"spec.{key}", go_scalar_ptr(spec.get(key)), IMMUTABLE_MSG))
    return errs


def _template_immutable(spec: dict, old_spec: dict, old_status: dict) -> list[FieldError]:
    """validatePodTemplateUpdate: immutable, except scheduling directives of a never-started suspended job.

    The bad value upstream is ``%#v`` of the whole internal PodTemplateSpec (thousands of
    characters); it is abbreviated here to its two top-level fields.
    """
    template, old_template = as_dict(spec.get("template")), as_dict(old_spec.get("template"))
    if old_spec.get("suspend") and not old_status.get("startTime"):
        template, old_template = _without_scheduling(template), _without_scheduling(old_template)
    if _same(template, old_template):
        return []
    return [go_invalid("spec.template", "core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}",
                       IMMUTABLE_MSG)]


def _without_scheduling(template: dict) -> dict:
    meta = {k: v for k, v in as_dict(template.get("metadata")).items() if k not in ("labels", "annotations")}
    tspec = {k: v for k, v in as_dict(template.get("spec")).items()
             if k not in ("nodeSelector", "tolerations", "schedulingGates")}
    affinity = {k: v for k, v in as_dict(tspec.get("affinity")).items() if k != "nodeAffinity"}
    tspec["affinity"] = affinity or None
    return {**template, "metadata": meta, "spec": tspec}


def _generated_selector(job: dict, require_prefixed: bool) -> list[FieldError]:
    """validateGeneratedSelector: the template carries the job's name and uid labels, and the
    selector is the generated ``controller-uid`` one."""
    spec = as_dict(job.get("spec"))
    if spec.get("manualSelector") or spec.get("selector") is None:
        return []
    meta = as_dict(job.get("metadata"))
    uid, name = str(meta.get("uid") or ""), str(meta.get("name") or "")
    errs: list[FieldError] = []
    if not uid:
        errs.append(required("metadata.uid"))
    labels = as_dict(spec.get("template")).get("metadata", {}) or {}
    labels = as_dict(labels).get("labels")
    expected = [(LEGACY_CONTROLLER_UID, uid), (LEGACY_JOB_NAME, name)]
    if require_prefixed:
        expected += [(CONTROLLER_UID, uid), (JOB_NAME, name)]
    for key, want in expected:
        errs += _has_label(labels, key, want)
    selector = _as_selector(spec.get("selector"))
    if selector is not None and not selector.matches(dict(expected)):
        errs.append(go_invalid("spec.selector", go_label_selector(spec.get("selector")), "`selector` not auto-generated"))
    return errs


def _has_label(labels: Any, key: str, want: str) -> list[FieldError]:
    """ValidateHasLabel."""
    path = key_path("spec.template.metadata.labels", key)
    labels = labels if isinstance(labels, dict) else None
    if labels is None or key not in labels:
        return [required(path, f"must be '{want}'")]
    if labels[key] != want:
        return [go_invalid(path, go_map(labels), f"must be '{want}'")]
    return []


def _as_selector(sel: Any) -> selectors.Selector | None:
    try:
        return selectors.from_label_selector(sel)
    except selectors.SelectorError:
        return None


def _job_spec(spec: dict) -> list[FieldError]:
    """ValidateJobSpec: validateJobSpec, then the selector and the template match."""
    errs = _job_spec_fields(spec)
    sel = spec.get("selector")
    if sel is None:
        errs.append(required("spec.selector"))
    else:
        errs += selectors.validate_label_selector(sel, "spec.selector")
    selector = _as_selector(sel)
    template = as_dict(spec.get("template"))
    if selector is not None and not selector.matches(as_dict(template.get("metadata")).get("labels")):
        errs.append(go_invalid("spec.template.metadata.labels", template_labels_value(template), MISMATCH))
    return errs


def _job_spec_fields(spec: dict) -> list[FieldError]:
    errs: list[FieldError] = []
    for key in ("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
                "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes"):
        errs += nonnegative(spec.get(key), f"spec.{key}")
    if spec.get("maxFailedIndexes") is not None and spec.get("backoffLimitPerIndex") is None:
        errs.append(required("spec.backoffLimitPerIndex", "when maxFailedIndexes is specified"))
    mode = spec.get("completionMode")
    if mode is not None:
        if mode not in ("NonIndexed", "Indexed"):
            errs.append(not_supported("spec.completionMode", mode, ["NonIndexed", "Indexed"]))
        if mode == "Indexed":
            if spec.get("completions") is None:
                errs.append(required("spec.completions", "when completion mode is Indexed"))
            par = spec.get("parallelism")
            if isinstance(par, int) and par > MAX_PARALLELISM_INDEXED:
                errs.append(invalid_value("spec.parallelism", par,
                                       f"must be less than or equal to {MAX_PARALLELISM_INDEXED} when completion mode is Indexed"))
    if mode in (None, "NonIndexed"):
        for key in ("backoffLimitPerIndex", "maxFailedIndexes"):
            if spec.get(key) is not None:
                errs.append(invalid_value(f"spec.{key}", spec[key], "requires indexed completion mode"))
    prp = spec.get("podReplacementPolicy")
    if prp is not None:
        allowed = ["Failed"] if spec.get("podFailurePolicy") is not None else ["Failed", "TerminatingOrFailed"]
        if prp not in allowed:
            errs.append(not_supported("spec.podReplacementPolicy", prp, allowed))
    template = as_dict(spec.get("template"))
    errs += validate_pod_template(template, "spec.template")
    rp = as_dict(template.get("spec")).get("restartPolicy")
    if rp in ("Always", "", None):
        errs.append(required("spec.template.spec.restartPolicy", 'valid values: "OnFailure", "Never"'))
    elif rp not in ("OnFailure", "Never"):
        errs.append(not_supported("spec.template.spec.restartPolicy", rp, ["OnFailure", "Never"]))
    elif spec.get("podFailurePolicy") is not None and rp != "Never":
        errs.append(invalid_value("spec.template.spec.restartPolicy", rp,
                               'only "Never" is supported when podFailurePolicy is specified'))
    return errs

