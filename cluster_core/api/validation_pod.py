"""Pod and PodSpec validation: ValidatePodCreate, ValidatePodSpec, ValidatePodTemplateSpec, ValidatePodUpdate.

Ported from ``pkg/apis/core/validation/validation.go`` (v1.33) for the fields a student can get
wrong; checks run in upstream's order so a manifest with several mistakes lists them as a real
server does. Go walks maps in random order; here map keys are visited sorted.
"""

from __future__ import annotations

import re

from cluster_core.api import names
from cluster_core.api.errors import DUPLICATE, FieldError, forbidden, invalid_value
from cluster_core.api.errors import not_supported as _not_supported
from cluster_core.api.errors import required as _required
from cluster_core.api.validation_common import (
    as_dict,
    as_list,
    go_invalid,
    go_map,
    go_scalar_ptr,
    key_path,
    validate_object_meta,
    validate_object_meta_update,
)
from cluster_core.api.validation_containers import (
    MAX_INT32,
    enum,
    validate_containers,
    validate_init_containers,
)
from cluster_core.api.validation_godiff import _same, pod_spec_diff

UPDATABLE_POD_SPEC_FIELDS = ",".join([
    "`spec.containers[*].image`",
    "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
])
RESTART_POLICIES = ["Always", "OnFailure", "Never"]
_DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
_TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
_VOLUME_SOURCES = (
    "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs",
    "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte",
    "downwardAPI", "fc", "flexVolume", "configMap", "azureFile", "vsphereVolume",
    "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected", "scaleIO", "csi",
    "ephemeral", "image",
)
_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"


def _range(lo: int, hi: int) -> str:
    return f"must be between {lo} and {hi}, inclusive"


# ------------------------------------------------------------------ entry points
def validate_pod_create(pod: dict) -> list[FieldError]:
    """ValidatePodCreate: metadata and spec, then the create-only rules."""
    errs = _pod_metadata_and_spec(pod)
    spec = as_dict(pod.get("spec"))
    if as_list(spec.get("ephemeralContainers")):
        errs.append(forbidden("spec.ephemeralContainers", "cannot be set on create"))
    if spec.get("nodeName") and as_list(spec.get("schedulingGates")):
        errs.append(forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"))
    return errs


def _pod_metadata_and_spec(pod: dict) -> list[FieldError]:
    """validatePodMetadataAndSpec."""
    meta = as_dict(pod.get("metadata"))
    spec = as_dict(pod.get("spec"))
    errs = validate_object_meta(meta, "Pod", True)
    errs += _pod_annotations(as_dict(meta.get("annotations")), "metadata.annotations")
    errs += validate_pod_spec(spec, "spec", is_pod=True)
    for key in ("containers", "initContainers"):
        for i, c in enumerate(as_list(spec.get(key))):
            image = str(as_dict(c).get("image") or "")
            if image != image.strip():
                errs.append(invalid_value(f"spec.{key}[{i}].image", image, "must not have leading or trailing whitespace"))
    return errs


def _pod_annotations(annotations: dict, path: str) -> list[FieldError]:
    """ValidatePodSpecificAnnotations: the deletion cost must be a 32-bit integer."""
    if _DELETION_COST in annotations:
        v = str(annotations[_DELETION_COST])
        try:
            ok = re.fullmatch(r"[+-]?[0-9]+", v) is not None and -(2**31) <= int(v) < 2**31
        except ValueError:
            ok = False
        if not ok:
            return [invalid_value(key_path(path, _DELETION_COST), v, "must be a 32bit integer")]
    return []


def validate_pod_template(template: dict, path: str) -> list[FieldError]:
    """ValidatePodTemplateSpec (labels land on ``<path>.labels``: upstream skips ``metadata``)."""
    meta = as_dict(template.get("metadata"))
    errs = names.validate_labels(as_dict(meta.get("labels")), f"{path}.labels")
    errs += names.validate_annotations(as_dict(meta.get("annotations")), f"{path}.annotations")
    errs += _pod_annotations(as_dict(meta.get("annotations")), f"{path}.annotations")
    spec = as_dict(template.get("spec"))
    errs += validate_pod_spec(spec, f"{path}.spec", is_pod=False)
    if as_list(spec.get("ephemeralContainers")):
        errs.append(forbidden(f"{path}.spec.ephemeralContainers", "ephemeral containers not allowed in pod template"))
    return errs


# ------------------------------------------------------------------ PodSpec
def validate_pod_spec(spec: dict, path: str, *, is_pod: bool) -> list[FieldError]:
    """ValidatePodSpec, in upstream order."""
    errs: list[FieldError] = []
    if spec.get("terminationGracePeriodSeconds") is None:
        errs.append(_required(f"{path}.terminationGracePeriodSeconds"))
    volumes, verrs = _volumes(as_list(spec.get("volumes")), f"{path}.volumes")
    errs += verrs
    errs += validate_containers(spec, volumes, f"{path}.containers")
    errs += validate_init_containers(spec, volumes, f"{path}.initContainers")
    if spec.get("hostNetwork"):
        for i, c in enumerate(as_list(spec.get("containers"))):
            for j, p in enumerate(as_list(as_dict(c).get("ports"))):
                hp, cp = as_dict(p).get("hostPort") or 0, as_dict(p).get("containerPort") or 0
                if (is_pod or hp != 0) and hp != cp:
                    errs.append(invalid_value(f"{path}.containers[{i}].ports[{j}].hostPort", hp,
                                              "must match `containerPort` when `hostNetwork` is true"))
    errs += enum(spec.get("restartPolicy"), RESTART_POLICIES, f"{path}.restartPolicy")
    errs += enum(spec.get("dnsPolicy"), _DNS_POLICIES, f"{path}.dnsPolicy")
    errs += names.validate_labels(as_dict(spec.get("nodeSelector")), f"{path}.nodeSelector")
    errs += _pod_security_context(as_dict(spec.get("securityContext")), f"{path}.securityContext")
    for key, rule in (("serviceAccountName", names.is_dns1123_subdomain), ("nodeName", names.is_dns1123_subdomain)):
        if spec.get(key):
            errs += [invalid_value(f"{path}.{key}", spec[key], m) for m in rule(str(spec[key]))]
    ads = spec.get("activeDeadlineSeconds")
    if isinstance(ads, int) and not 1 <= ads <= MAX_INT32:
        errs.append(invalid_value(f"{path}.activeDeadlineSeconds", ads, _range(1, MAX_INT32)))
    for key in ("hostname", "subdomain"):
        if spec.get(key):
            errs += [invalid_value(f"{path}.{key}", spec[key], m) for m in names.is_dns1123_label(str(spec[key]))]
    errs += validate_tolerations(as_list(spec.get("tolerations")), f"{path}.tolerations")
    if spec.get("priorityClassName"):
        pcn = str(spec["priorityClassName"])
        errs += [invalid_value(f"{path}.priorityClassName", pcn, m) for m in names.is_dns1123_subdomain(pcn)]
    if spec.get("preemptionPolicy") is not None:
        errs += enum(spec["preemptionPolicy"], ["PreemptLowerPriority", "Never"], f"{path}.preemptionPolicy")
    return errs


def _pod_security_context(sc: dict, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for key in ("fsGroup", "runAsUser", "runAsGroup"):
        v = sc.get(key)
        if isinstance(v, int) and not 0 <= v <= MAX_INT32:
            errs.append(invalid_value(f"{path}.{key}", v, _range(0, MAX_INT32)))
    return errs


# ------------------------------------------------------------------ volumes
def _volumes(volumes: list, path: str) -> tuple[set[str], list[FieldError]]:
    """ValidateVolumes: returns the names of the volumes that validated (mounts may use only those)."""
    valid: set[str] = set()
    seen: set[str] = set()
    errs: list[FieldError] = []
    for i, vol in enumerate(volumes):
        vol = as_dict(vol)
        base = f"{path}[{i}]"
        name = str(vol.get("name") or "")
        el = _volume_source(vol, base)
        if not name:
            el.append(_required(f"{base}.name"))
        else:
            el += [invalid_value(f"{base}.name", name, m) for m in names.is_dns1123_label(name)]
        if name in seen:
            el.append(FieldError(f"{base}.name", DUPLICATE, name))
        if el:
            errs += el
        else:
            valid.add(name)
        seen.add(name)
    return valid, errs


def _volume_source(vol: dict, base: str) -> list[FieldError]:
    errs: list[FieldError] = []
    count = 0
    for key in _VOLUME_SOURCES:
        if vol.get(key) is None:
            continue
        if count:
            errs.append(forbidden(f"{base}.{key}", "may not specify more than 1 volume type"))
            continue
        count += 1
        src = as_dict(vol[key])
        need = {"hostPath": "path", "secret": "secretName", "configMap": "name",
                "persistentVolumeClaim": "claimName", "nfs": "server"}.get(key)
        if need and not src.get(need):
            errs.append(_required(f"{base}.{key}.{need}"))
    if count == 0:
        errs.append(_required(base, "must specify a volume type"))
    return errs


# ------------------------------------------------------------------ tolerations
def validate_tolerations(tolerations: list, path: str) -> list[FieldError]:
    """ValidateTolerations."""
    errs: list[FieldError] = []
    for i, t in enumerate(tolerations):
        t = as_dict(t)
        base = f"{path}[{i}]"
        key, op, value, effect = (str(t.get("key") or ""), str(t.get("operator") or ""),
                                  str(t.get("value") or ""), str(t.get("effect") or ""))
        if key:
            errs += names.validate_label_name(key, f"{base}.key")
        if not key and op != "Exists":
            errs.append(invalid_value(f"{base}.operator", op,
                                      "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
        if t.get("tolerationSeconds") is not None and effect != "NoExecute":
            errs.append(invalid_value(f"{base}.effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        if op in ("Equal", ""):
            msgs = names.is_valid_label_value(value)
            if msgs:
                errs.append(invalid_value(f"{base}.operator", value, ";".join(msgs)))
        elif op == "Exists":
            if value:
                errs.append(invalid_value(f"{base}.operator", value, "value must be empty when `operator` is 'Exists'"))
        else:
            errs.append(_not_supported(f"{base}.operator", op, ["Equal", "Exists"]))
        if effect and effect not in _TAINT_EFFECTS:
            errs.append(_not_supported(f"{base}.effect", effect, _TAINT_EFFECTS))
    return errs


# ------------------------------------------------------------------ update
def validate_pod_update(new: dict, old: dict) -> list[FieldError]:
    """ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and a negative
    terminationGracePeriodSeconds set to 1 may change; anything else is one Forbidden with a diff."""
    errs = validate_object_meta_update(as_dict(new.get("metadata")), as_dict(old.get("metadata")))
    errs += _pod_metadata_and_spec(new)
    spec, old_spec = as_dict(new.get("spec")), as_dict(old.get("spec"))
    for key in ("containers", "initContainers"):
        cur, prev = as_list(spec.get(key)), as_list(old_spec.get(key))
        if len(cur) != len(prev):
            errs.append(forbidden(f"spec.{key}", "pod updates may not add or remove containers"))
            return errs
        for i, c in enumerate(cur):
            image = str(as_dict(c).get("image") or "")
            if not image:
                errs.append(_required(f"spec.{key}[{i}].image"))
            if image != image.strip():
                errs.append(invalid_value(f"spec.{key}[{i}].image", image, "must not have leading or trailing whitespace"))
    new_ads, old_ads = spec.get("activeDeadlineSeconds"), old_spec.get("activeDeadlineSeconds")
    if isinstance(new_ads, int):
        if not 0 <= new_ads <= MAX_INT32:
            errs.append(invalid_value("spec.activeDeadlineSeconds", new_ads, _range(0, MAX_INT32)))
            return errs
        if isinstance(old_ads, int) and old_ads < new_ads:
            errs.append(invalid_value("spec.activeDeadlineSeconds", new_ads, "must be less than or equal to previous value"))
            return errs
    elif old_ads is not None:
        errs.append(go_invalid("spec.activeDeadlineSeconds", go_scalar_ptr(None),
                               "must not update from a positive integer to nil value"))
    errs += _only_added_tolerations(as_list(spec.get("tolerations")), as_list(old_spec.get("tolerations")))
    if _same(spec, old_spec):
        return errs
    munged = _munge(spec, old_spec)
    if not _same(munged, old_spec):
        errs.append(forbidden("spec", f"pod updates may not change fields other than {UPDATABLE_POD_SPEC_FIELDS}\n"
                                      + pod_spec_diff(old_spec, munged)))
    return errs


def _only_added_tolerations(new: list, old: list) -> list[FieldError]:
    for t in old:
        t = as_dict(t)
        if not any(_same({**t, "tolerationSeconds": as_dict(n).get("tolerationSeconds")}, n) for n in new):
            return [forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds")]
    return validate_tolerations(new, "spec.tolerations")


def _munge(spec: dict, old: dict) -> dict:
    """The new spec with the updatable fields put back to their old values."""
    munged = dict(spec)
    for key in ("containers", "initContainers"):
        if key in spec:
            prev = as_list(old.get(key))
            munged[key] = [{**as_dict(c), "image": as_dict(prev[i]).get("image")} for i, c in enumerate(as_list(spec[key]))]
    for key in ("activeDeadlineSeconds", "schedulingGates", "tolerations"):
        munged.pop(key, None)
        if key in old:
            munged[key] = old[key]
    old_tgps, tgps = old.get("terminationGracePeriodSeconds"), munged.get("terminationGracePeriodSeconds")
    if isinstance(old_tgps, int) and old_tgps < 0 and tgps == 1:
        munged["terminationGracePeriodSeconds"] = old_tgps
    return munged


def template_labels_value(template: dict) -> str:
    """The template's labels as the ``selector does not match`` error prints them."""
    return go_map(as_dict(template.get("metadata")).get("labels"))

