"""Turning ``TYPE NAME...``, ``TYPE/NAME``, ``pods,rs`` and ``all`` into resource types and names,
with kubectl's errors for the wrong shapes (cli-runtime's resource builder)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.resources import ResourceType
from cluster_core.kubectl.command import CommandError

# The "all" category in discovery order (groups as the server lists them, types by name). A real
# cluster also has StatefulSets, HPAs and CronJobs in it; this one does not serve those types.
ALL_CATEGORY = ("Pod", "Service", "DaemonSet", "Deployment", "ReplicaSet", "Job")


@dataclass
class Selection:
    """One resource type and the names asked for (none: every object of the type)."""

    rt: ResourceType
    names: list[str] = field(default_factory=list)


def resolve_type(name: str) -> ResourceType:
    rt = resources.resolve(name)
    if rt is None and name.count(".") >= 2:
        # RESOURCE.VERSION.GROUP, the group empty for the core one (``pods.v1.``)
        resource, version, group = name.split(".", 2)
        candidate = resources.resolve(resource)
        if candidate is not None and candidate.version == version and candidate.group == group:
            rt = candidate
    if rt is None:  # kubectl names the resource part only (``deploy.apps`` -> "deploy")
        raise CommandError(f'the server doesn\'t have a resource type "{name.split(".")[0]}"')
    return rt


def resolve_types(spec: str) -> list[ResourceType]:
    """``pods,rs`` or ``all`` -> resource types, in the order given, without repeats."""
    out: list[ResourceType] = []
    for part in spec.split(","):
        if not part:
            continue
        if part == "all":
            types = [resources.for_kind(k) for k in ALL_CATEGORY]
        else:
            types = [resolve_type(part)]
        for t in types:
            if t not in out:
                out.append(t)
    return out


def parse(args: list[str], *, allow_empty_names: bool = True) -> list[Selection]:
    """The resource arguments of get/delete/describe/label: either TYPE[,TYPE] [NAME...] or TYPE/NAME..."""
    if not args:
        return []
    slashed = [a for a in args if "/" in a]
    if slashed:
        if len(slashed) != len(args):
            raise CommandError(
                "there is no need to specify a resource type as a separate argument when passing arguments in "
                "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get "
                "resource resource/<resource_name>'")
        out: list[Selection] = []
        for a in args:
            type_part, _, name = a.partition("/")
            if not name:
                raise CommandError("arguments in resource/name form must have a single resource and name")
            rt = resolve_type(type_part)
            for sel in out:
                if sel.rt is rt:
                    sel.names.append(name)
                    break
            else:
                out.append(Selection(rt, [name]))
        return out
    types = resolve_types(args[0])
    names = args[1:]
    if names and len(types) > 1 and args[0] != "all":
        return [Selection(t, list(names)) for t in types]
    return [Selection(t, list(names)) for t in types]


def named_pairs(args: list[str]) -> list[tuple[ResourceType, str]] | None:
    """(type, name) for each object named on the command line, in the order the builder visits them
    (``pod/a rs/b pod/c`` as given; ``pods,rs a b`` type by type), or None when no name is given."""
    sels = parse(args)
    if not any(s.names for s in sels):
        return None
    if any("/" in a for a in args):
        order: list[tuple[ResourceType, str]] = []
        for a in args:
            type_part, _, name = a.partition("/")
            order.append((resolve_type(type_part), name))
        return order
    return [(s.rt, n) for s in sels for n in s.names]


def list_objects(ctx: Any, rt: ResourceType, namespace: str | None, selector: str | None,
                 field_selector: str | None) -> list[dict]:
    """A list request as kubectl makes it; a selector the server rejects comes back with the words
    cli-runtime's EnhanceListError adds (``Unable to find "/v1, Resource=pods" that match ...``)."""
    try:
        return ctx.server.select(rt.kind, namespace, selector, field_selector)
    except ApiError as e:
        if e.reason not in ("BadRequest", "NotFound"):
            raise
        subject = f"{rt.group}/{rt.version}, Resource={rt.plural}"
        if selector or field_selector:
            msg = (f'Unable to find "{subject}" that match label selector "{selector or ""}", field selector '
                   f'"{field_selector or ""}": {e.message}')
        else:
            msg = f'Unable to list "{subject}": {e.message}'
        raise ApiError(e.reason, e.code, msg) from None
