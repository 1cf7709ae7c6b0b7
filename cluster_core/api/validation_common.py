"""Helpers shared by the validation modules: Go value rendering, small field checks.

Upstream (``k8s.io/apimachinery/pkg/util/validation/field/errors.go`` of v1.33) renders a bad
value with ``%q`` for strings, ``%v`` for numbers and ``%#v`` for everything else, after
dereferencing pointers (a nil pointer becomes the *string* ``"null"``, so it prints quoted).
``errors.FieldError`` covers strings, numbers and ``map[string]string``; the Go struct renderings
(``v1.LabelSelector{...}``, ``map[string]string(nil)``) are built here and carried by
:class:`GoValueError`, whose value is already the literal text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster_core.api.errors import INVALID, FieldError, go_quote

NEGATIVE_MSG = "must be greater than or equal to 0"  # apimachineryvalidation.IsNegativeErrorMsg
IMMUTABLE_MSG = "field is immutable"  # apimachineryvalidation.FieldImmutableErrorMsg


@dataclass
class GoValueError(FieldError):
    """A FieldError whose ``value`` is Go's rendering of the bad value, printed as is."""

    def body(self) -> str:
        s = f"{self.type}: {self.value}"
        if self.detail:
            s += f": {self.detail}"
        return s


def go_invalid(path: str, literal: str, detail: str) -> GoValueError:
    return GoValueError(path, INVALID, literal, detail)


# ------------------------------------------------------------------ Go %#v renderings
def go_map(d: Any) -> str:
    """``%#v`` of a map[string]string: ``map[string]string(nil)`` or sorted ``{"k":"v", ...}``."""
    if d is None:
        return "map[string]string(nil)"
    inner = ", ".join(f"{go_quote(str(k))}:{go_quote(str(v))}" for k, v in sorted(d.items()))
    return "map[string]string{" + inner + "}"


def go_strings(values: Any) -> str:
    if values is None:
        return "[]string(nil)"
    return "[]string{" + ", ".join(go_quote(str(v)) for v in values) + "}"


def go_label_selector(sel: dict | None) -> str:
    """``%#v`` of a dereferenced ``*metav1.LabelSelector`` (nil renders as the quoted ``"null"``)."""
    if sel is None:
        return '"null"'
    exprs = sel.get("matchExpressions")
    if exprs is None:
        rendered = "[]v1.LabelSelectorRequirement(nil)"
    else:
        items = ", ".join(
            f"v1.LabelSelectorRequirement{{Key:{go_quote(str(e.get('key', '')))}, "
            f"Operator:{go_quote(str(e.get('operator', '')))}, Values:{go_strings(e.get('values'))}}}"
            for e in exprs
        )
        rendered = "[]v1.LabelSelectorRequirement{" + items + "}"
    return f"v1.LabelSelector{{MatchLabels:{go_map(sel.get('matchLabels'))}, MatchExpressions:{rendered}}}"


def go_scalar_ptr(value: Any) -> str:
    """A dereferenced ``*int32``/``*string``/``*bool`` as field/errors.go prints it."""
    if value is None:
        return '"null"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return go_quote(value)
    return str(value)


# ------------------------------------------------------------------ small checks
def nonnegative(value: Any, path: str) -> list[FieldError]:
    """ValidateNonnegativeField."""
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        return [FieldError(path, INVALID, value, NEGATIVE_MSG)]
    return []


def dedupe(errs: list[FieldError]) -> list[FieldError]:
    """Drop repeated causes as ``ErrorList.ToAggregate`` and kubectl's statusCausesToAggrError do.

    Several strategies run create validation and update validation back to back, so the same
    error can be produced twice; neither the server message nor kubectl shows it twice.
    """
    seen: set[str] = set()
    out: list[FieldError] = []
    for e in errs:
        s = str(e)
        if s not in seen:
            seen.add(s)
            out.append(e)
    return out


def key_path(path: str, key: str) -> str:
    """field.Path.Key: ``path[key]``, the key unquoted."""
    return f"{path}[{key}]"


def as_dict(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def as_list(v: Any) -> list:
    return v if isinstance(v, list) else []


# ------------------------------------------------------------------ object meta
_STANDARD_FINALIZERS = frozenset({"kubernetes", "orphan", "foregroundDeletion"})


def validate_object_meta(meta: dict, kind: str, namespaced: bool) -> list[FieldError]:
    """ValidateObjectMeta (apimachinery api/validation/objectmeta.go) plus core's finalizer rule.

    The server has already generated a name from generateName, so both are checked here.
    """
    from cluster_core.api import names

    errs = names.validate_generate_name(str(meta.get("generateName") or ""), kind)
    errs += names.validate_object_name(str(meta.get("name") or ""), kind)
    ns = meta.get("namespace")
    if namespaced:
        if not ns:
            errs.append(FieldError("metadata.namespace", "Required value"))
        else:
            errs += [FieldError("metadata.namespace", INVALID, ns, m) for m in names.is_dns1123_label(str(ns))]
    elif ns:
        errs.append(FieldError("metadata.namespace", "Forbidden", detail="not allowed on this type"))
    errs += nonnegative(meta.get("generation"), "metadata.generation")
    errs += names.validate_labels(as_dict(meta.get("labels")), "metadata.labels")
    errs += names.validate_annotations(as_dict(meta.get("annotations")), "metadata.annotations")
    errs += _owner_references(as_list(meta.get("ownerReferences")))
    finalizers = [str(f) for f in as_list(meta.get("finalizers"))]
    for f in finalizers:
        errs += [FieldError("metadata.finalizers", INVALID, f, m) for m in names.is_qualified_name(f)]
    if "orphan" in finalizers and "foregroundDeletion" in finalizers:
        errs.append(go_invalid("metadata.finalizers", go_strings(finalizers),
                               "finalizer orphan and foregroundDeletion cannot be both set"))
    for i, f in enumerate(finalizers):
        errs += kube_finalizer_name(f, f"metadata.finalizers[{i}]")
    return errs


def kube_finalizer_name(name: str, path: str) -> list[FieldError]:
    """validateKubeFinalizerName: an unqualified finalizer must be one of the standard ones."""
    if "/" not in name and name not in _STANDARD_FINALIZERS:
        return [FieldError(path, INVALID, name, "name is neither a standard finalizer name nor is it fully qualified")]
    return []


def _owner_references(refs: list) -> list[FieldError]:
    errs: list[FieldError] = []
    path = "metadata.ownerReferences"
    for ref in refs:
        ref = as_dict(ref)
        api_version = str(ref.get("apiVersion") or "")
        if not api_version.rpartition("/")[2]:
            errs.append(FieldError(f"{path}.apiVersion", INVALID, api_version, "version must not be empty"))
        for key in ("kind", "name", "uid"):
            if not ref.get(key):
                errs.append(FieldError(f"{path}.{key}", INVALID, str(ref.get(key) or ""), "must not be empty"))
    return errs


def validate_object_meta_update(new: dict, old: dict) -> list[FieldError]:
    """ValidateObjectMetaAccessorUpdate: identity fields are immutable; labels etc. revalidated.

    resourceVersion and generation are the store's business here (it fills the first and
    bumps the second), so their checks are left out.
    """
    from cluster_core.api import names

    errs: list[FieldError] = []
    for key in ("name", "namespace", "uid"):
        a, b = str(new.get(key) or ""), str(old.get(key) or "")
        if a != b:
            errs.append(FieldError(f"metadata.{key}", INVALID, a, IMMUTABLE_MSG))
    errs += names.validate_labels(as_dict(new.get("labels")), "metadata.labels")
    errs += names.validate_annotations(as_dict(new.get("annotations")), "metadata.annotations")
    errs += _owner_references(as_list(new.get("ownerReferences")))
    return errs
