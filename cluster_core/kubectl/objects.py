"""What the file-driven verbs (create, apply, replace, delete -f) share: mapping a manifest to its
resource type and namespace, and reporting each object's error the way kubectl does while going on
with the rest."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.resources import ResourceType
from cluster_core.kubectl import manifests
from cluster_core.kubectl.command import CommandError, CommandErrors
from cluster_core.kubectl.context import KubectlContext
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.manifests import STOP_VALIDATE, Manifest, check_type_meta


@dataclass
class Target:
    manifest: Manifest
    rt: ResourceType
    namespace: str  # "" for cluster-scoped kinds
    name: str

    @property
    def obj(self) -> dict[str, Any]:
        return self.manifest.obj

    @property
    def ref(self) -> str:
        """``pod/nginx-manual``: how kubectl names the object in its success lines."""
        return f"{self.rt.qualified_kind}/{self.name}"


def map_manifest(ctx: KubectlContext, m: Manifest, validate: bool = True) -> Target:
    """Resolve kind and namespace as kubectl's builder does, with its errors."""
    check_type_meta(m, validate)
    t = _mapping(m)
    _check_namespace(ctx, t)
    return t


def _mapping(m: Manifest) -> Target:
    """infoForData: decode the object and find its resource type (the namespace is set later)."""
    obj = m.obj
    if "metadata" in obj and not isinstance(obj["metadata"], dict):
        raise CommandError(f'unable to decode "{m.source}": json: cannot unmarshal '
                           f'{_json_type(obj["metadata"])} into Go struct field {obj.get("kind")}.metadata of type '
                           "v1.ObjectMeta")
    meta = obj.get("metadata") or {}
    name = str(meta.get("name") or "")
    rt = resources.for_api_version_kind(str(obj.get("apiVersion")), str(obj.get("kind")))
    if rt is None:
        raise CommandError(
            f'resource mapping not found for name: "{name}" namespace: "{meta.get("namespace", "")}" from '
            f'"{m.source}": no matches for kind "{obj.get("kind")}" in version "{obj.get("apiVersion")}"\n'
            "ensure CRDs are installed first")
    return Target(m, rt, str(meta.get("namespace") or "") if rt.namespaced else "", name)


def _check_namespace(ctx: KubectlContext, t: Target) -> None:
    """The builder's RequireNamespace/SetNamespace: an object's own namespace must match ``-n``; one
    without a namespace gets the current one."""
    if not t.rt.namespaced:
        return
    obj_ns = t.namespace
    if obj_ns and ctx.namespace_explicit and obj_ns != ctx.namespace:
        raise CommandError(
            f'the namespace from the provided object "{obj_ns}" does not match the namespace '
            f'"{ctx.namespace}". You must pass \'--namespace={obj_ns}\' to perform this operation.')
    t.namespace = obj_ns or ctx.namespace


class NamespaceMismatch(CommandError):
    """An object whose own namespace is not the one ``-n`` gave; keeps the object's target."""

    def __init__(self, message: str, target: Target) -> None:
        super().__init__(message)
        self.target = target


@dataclass
class Visit:
    """What the resource builder hands a file-driven verb (create, delete -f, label -f, get -f).

    ``items`` are in file order: a Target, or in its place the error kubectl reports at that point
    (a namespace that does not match ``-n``). ``trailing`` are the errors the builder collects
    while reading and reports after everything else (a file that does not parse, an object without
    kind, a kind the server does not have); a file stops at its first parse or validation error.
    """

    items: list[Target | CommandError] = field(default_factory=list)
    trailing: list[Exception] = field(default_factory=list)

    def trailing_error(self) -> Exception | None:
        """The trailing errors as ContinueOnErrorVisitor adds them: one, or their aggregate."""
        if not self.trailing:
            return None
        return self.trailing[0] if len(self.trailing) == 1 else CommandErrors(self.trailing)


def _validate_doc(doc: Any, source: str) -> str | None:
    """kubectl's client-side check before sending (the server validates the rest)."""
    if not isinstance(doc, dict):
        return f'error validating "{source}": error validating data: invalid object to validate; {STOP_VALIDATE}'
    missing = [f"{f} not set" for f in ("apiVersion", "kind") if doc.get(f) is None]
    if missing:
        what = missing[0] if len(missing) == 1 else "[" + ", ".join(missing) + "]"
        return f'error validating "{source}": error validating data: {what}; {STOP_VALIDATE}'
    return None


def visit_files(ctx: KubectlContext, filenames: list[str], recursive: bool = False, *,
                validate: bool = True) -> Visit:
    """Read ``-f`` files as the builder visits them; missing paths raise CommandErrors at once."""
    out = Visit()
    for fd in manifests.read_files(ctx, filenames, recursive):
        stopped = False
        for doc in fd.docs:
            problem = _validate_doc(doc, fd.source) if validate else None
            if problem:
                out.trailing.append(CommandError(problem))
                stopped = True
                break
            if not isinstance(doc, dict):
                out.trailing.append(CommandError(f'unable to decode "{fd.source}": json: cannot unmarshal '
                                                 f"{_json_type(doc)} into Go value of type unstructured.detector"))
                continue
            if doc.get("metadata", 0) is None:
                doc["metadata"] = {}
            for obj in manifests.expand_list(doc):
                m = Manifest(fd.source, obj)
                try:
                    if not obj.get("kind"):
                        check_type_meta(m, validate=False)
                    t = _mapping(m)
                except CommandError as e:
                    out.trailing.append(e)
                    continue
                try:
                    _check_namespace(ctx, t)
                except CommandError as e:
                    out.items.append(NamespaceMismatch(str(e), t))
                    continue
                out.items.append(t)
        if fd.error and not stopped:
            out.trailing.append(CommandError(fd.error))
    return out


def _json_type(v: Any) -> str:
    """Go's name for a JSON value's type in ``cannot unmarshal X into ...``."""
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    return "array" if isinstance(v, list) else "object"


def require_name(t: Target) -> Target:
    """Verbs that act on an existing object need its name (cli-runtime's builder)."""
    if not t.name:
        raise CommandError("resource name may not be empty")
    return t


def source_error(e: ApiError, action: str, source: str) -> str:
    """kubectl's AddSourceToErr: ``Error from server (AlreadyExists): error when creating "x.yaml": ...``."""
    if e.reason == "Invalid" and e.causes:
        return render_api_error(e)
    return f'Error from server ({e.reason}): error when {action} "{source}": {e.message}\n'


def with_source(e: ApiError, action: str, source: str) -> ApiError:
    """AddSourceToErr as an error: the same status with ``error when <action> "<source>": `` in front
    of its message (an Invalid one alone still prints its causes, as checkErr does)."""
    if not source:
        return e
    return ApiError(e.reason, e.code, f'error when {action} "{source}": {e.message}', e.kind, e.name,
                    list(e.causes))


def dry_run_mode(value: str, ctx: Any = None) -> str:
    """``--dry-run`` accepts none, client, server (and bare ``--dry-run`` meaning client, with kubectl's
    deprecation warning when a context is given to write it to)."""
    if value == "unchanged" and ctx is not None:
        from cluster_core.kubectl.verbs.run import dry_run_strategy

        return dry_run_strategy(ctx, value)
    if value in ("", "none", "false"):
        return "none"
    if value in ("client", "true", "unchanged"):
        return "client"
    if value == "server":
        return "server"
    raise CommandError(f'Invalid dry-run value ({value}). Must be "none", "server", or "client".')


def suffix(mode: str) -> str:
    return {"client": " (dry run)", "server": " (server dry run)"}.get(mode, "")
