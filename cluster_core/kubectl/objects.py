"""What the file-driven verbs (create, apply, replace, delete -f) share: mapping a manifest to its
resource type and namespace, and reporting each object's error the way kubectl does while going on
with the rest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.resources import ResourceType
from cluster_core.kubectl.command import CommandError
from cluster_core.kubectl.context import KubectlContext
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.manifests import Manifest, check_type_meta


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
    ns = ""
    if rt.namespaced:
        obj_ns = str(meta.get("namespace") or "")
        if obj_ns and ctx.namespace_explicit and obj_ns != ctx.namespace:
            raise CommandError(
                f'the namespace from the provided object "{obj_ns}" does not match the namespace '
                f'"{ctx.namespace}". You must pass \'--namespace={obj_ns}\' to perform this operation.')
        ns = obj_ns or ctx.namespace
    return Target(m, rt, ns, name)


def _json_type(v: Any) -> str:
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
