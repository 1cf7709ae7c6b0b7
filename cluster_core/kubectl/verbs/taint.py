"""``kubectl taint nodes NAME key=value:Effect`` (add), ``key:Effect-`` / ``key-`` (remove).

Arguments are split and checked as kubectl's ``taint.go`` and ``utils.go`` do: resources first,
then taint changes; each taint parsed with the same words (``invalid taint spec``, ``invalid taint
effect``), duplicates and add-and-remove conflicts refused. The line printed says what happened:
``tainted`` (added), ``untainted`` (only removed), ``modified`` (both, or ``--overwrite``).
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import names
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import resource_args
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, STRING, Flag
from cluster_core.kubectl.print_flags import print_flags

EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def taint_string(t: dict[str, str]) -> str:
    """corev1.Taint.ToString: ``key=value:effect``, parts left out when empty."""
    text = t["key"]
    if t.get("value"):
        text += "=" + t["value"]
    if t.get("effect"):
        text += ":" + t["effect"]
    return text


def parse_taint(spec: str) -> dict[str, str]:
    """parseTaint: ``<key>=<value>:<effect>``, ``<key>:<effect>`` or ``<key>``."""
    parts = spec.split(":")
    value = effect = ""
    if len(parts) == 1:
        key = parts[0]
    elif len(parts) == 2:
        effect = parts[1]
        if effect not in EFFECTS:
            raise UsageError(f"invalid taint effect: {effect}, unsupported taint effect")
        kv = parts[0].split("=")
        if len(kv) > 2:
            raise UsageError(f"invalid taint spec: {spec}")
        key = kv[0]
        if len(kv) == 2:
            value = kv[1]
            errs = names.is_valid_label_value(value)
            if errs:
                raise UsageError(f"invalid taint spec: {spec}, {'; '.join(errs)}")
    else:
        raise UsageError(f"invalid taint spec: {spec}")
    errs = names.is_qualified_name(key)
    if errs:
        raise UsageError(f"invalid taint spec: {spec}, {'; '.join(errs)}")
    return {"key": key, "value": value, "effect": effect}


def parse_taints(specs: list[str]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """parseTaints: the taints to add (each with an effect, unique by key and effect) and to remove."""
    add: list[dict[str, str]] = []
    remove: list[dict[str, str]] = []
    for spec in specs:
        if spec.endswith("-"):
            t = parse_taint(spec[:-1])
            remove.append({"key": t["key"], "value": "", "effect": t["effect"]})
            continue
        t = parse_taint(spec)
        if not t["effect"]:
            raise UsageError(f"invalid taint spec: {spec}")
        if any(a["key"] == t["key"] and a["effect"] == t["effect"] for a in add):
            raise UsageError(f"duplicated taints with the same key and effect: {{{t['key']} {t['value']} "
                             f"{t['effect']} <nil>}}")
        add.append(t)
    return add, remove


def _as_api(t: dict[str, str]) -> dict[str, Any]:
    out = {"effect": t["effect"], "key": t["key"]}
    if t.get("value"):
        out["value"] = t["value"]
    return out


def reorganize(node: dict[str, Any], overwrite: bool, add: list[dict[str, str]],
               remove: list[dict[str, str]]) -> tuple[str, list[dict[str, Any]]]:
    """reorganizeTaints: the new taint list (new ones first) and ``tainted``/``untainted``/``modified``."""
    old = list((node.get("spec") or {}).get("taints") or [])
    new: list[dict[str, Any]] = [_as_api(t) for t in add]
    for o in old:
        if not any(n["key"] == o.get("key") and n["effect"] == o.get("effect") for n in new):
            new.append(o)
    added = len(old) != len(new)
    errors: list[str] = []
    deleted = False
    for r in remove:
        before = len(new)
        if r["effect"]:
            new = [t for t in new if not (t.get("key") == r["key"] and t.get("effect") == r["effect"])]
        else:
            new = [t for t in new if t.get("key") != r["key"]]
        deleted = len(new) != before
        if not deleted:
            errors.append(f'taint "{taint_string(r)}" not found')
    if errors:
        raise CommandError(errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]")
    if (added and deleted) or overwrite:
        return "modified", new
    return ("tainted" if added else "untainted"), new


def _split_args(args: list[str]) -> tuple[list[str], list[str]]:
    resources: list[str] = []
    taints: list[str] = []
    for a in args:
        is_taint = "=" in a or ":" in a or a.endswith("-")
        if is_taint:
            taints.append(a)
        elif taints:
            raise CommandError(f"all resources must be specified before taint changes: {a}")
        else:
            resources.append(a)
    return resources, taints


def run(ctx: Any, opts: Any) -> int:
    from cluster_core.kubectl.verbs.run import check_output_format, dry_run_strategy

    mode = dry_run_strategy(ctx, opts["dry-run"])
    res, taint_args = _split_args(opts.args)
    if not res:
        raise CommandError("one or more resources must be specified as <resource> <name>")
    if not taint_args:
        raise CommandError("at least one taint update is required")
    add, remove = parse_taints(taint_args)
    try:
        rt = resource_args.resolve_type(res[0].lower())
    except CommandError as e:  # a NoResourceMatchError: kubectl prints it without "error: "
        ctx.write_err(f"{e}\n")
        return 1
    if rt.kind != "Node":
        raise CommandError(f"invalid resource type {res[0].lower()}, only node types are supported")
    conflicts = [f"{r['key']}={r['effect']}" for a in add for r in remove
                 if a["key"] == r["key"] and (not r["effect"] or a["effect"] == r["effect"])]
    if conflicts:
        raise CommandError("can not both modify and remove the following taint(s) in the same command: "
                           + ", ".join(conflicts))
    if opts["all"] and opts["selector"]:
        raise CommandError("setting 'all' parameter with a non empty selector is prohibited")
    if not opts["all"] and not opts["selector"] and len(res) < 2:
        raise CommandError("at least one resource name must be specified since 'all' parameter is not set")
    check_output_format(opts["output"])
    if opts["all"] or opts["selector"]:
        nodes = ctx.server.list("Node", None, opts["selector"] or None)
    else:
        nodes = []
        for name in res[1:]:
            node = ctx.server.get("Node", None, name)
            if node is None:
                raise ApiError("NotFound", 404, f'nodes "{name}" not found')
            nodes.append(node)
    for node in nodes:
        name = node["metadata"]["name"]
        if not opts["overwrite"]:
            exists = [a["key"] for a in add for o in (node.get("spec") or {}).get("taints") or []
                      if a["key"] == o.get("key") and a["effect"] == o.get("effect")]
            if exists:
                raise CommandError(f"node {name} already has {','.join(exists)} taint(s) with same effect(s) and "
                                   "--overwrite is false")
        word, taints = reorganize(node, opts["overwrite"], add, remove)
        updated = copy_obj(node)
        if taints:
            updated["spec"]["taints"] = taints
        else:
            updated.setdefault("spec", {}).pop("taints", None)
        if mode != "client":
            updated["metadata"].pop("resourceVersion", None)
            updated = ctx.pg.cluster.update(updated, dry_run=mode == "server")
        _print(ctx, updated, word, opts["output"])
    return 0


def _print(ctx: Any, node: dict[str, Any], word: str, output: str) -> None:
    if not output:
        ctx.write(f"node/{node['metadata']['name']} {word}\n")
    elif output == "name":
        ctx.write(f"node/{node['metadata']['name']}\n")
    else:
        from cluster_core.kubectl.output import print_objects

        print_objects(ctx, [node], output, single=True)


FLAGS = [
    Flag("all", BOOL, False, "", "Select all nodes in the cluster"),
    *print_flags(),
    Flag("dry-run", STRING, "none", "", 'Must be "none", "server", or "client". If client strategy, only print the '
         "object that would be sent, without sending it. If server strategy, submit server-side request without "
         "persisting the resource.", no_opt="unchanged"),
    Flag("field-manager", STRING, "kubectl-taint", "", "Name of the manager used to track field ownership."),
    Flag("overwrite", BOOL, False, "", "If true, allow taints to be overwritten, otherwise reject taint updates "
         "that overwrite existing taints."),
    Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
         "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
         "specified label constraints."),
    Flag("validate", STRING, "strict", "", 'Must be one of: strict (or true), warn, ignore (or false). "true" or '
         '"strict" will use a schema to validate the input and fail the request if invalid. It will perform server '
         "side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less "
         'reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without '
         "blocking the request if server-side field validation is enabled on the API server, and behave as "
         '"ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any '
         "unknown or duplicate fields.", no_opt="strict"),
]

COMMAND = Command(
    "taint", "Update the taints on one or more nodes",
    "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]", run,
    flags=FLAGS,
    long="Update the taints on one or more nodes.\n\n"
         "  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as "
         "key=value:effect.\n"
         "  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and "
         "underscores, up to 253 characters.\n"
         "  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like "
         "example.com/my-app.\n"
         "  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, "
         "numbers, hyphens, dots, and underscores, up to 63 characters.\n"
         "  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n"
         "  *  Currently taint can only apply to node.",
    examples="# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect "
             "'NoSchedule'\n# If a taint with that key and effect already exists, its value is replaced as "
             "specified\nkubectl taint nodes foo dedicated=special-user:NoSchedule\n\n"
             "# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists\n"
             "kubectl taint nodes foo dedicated:NoSchedule-\n\n"
             "# Remove from node 'foo' all the taints with key 'dedicated'\nkubectl taint nodes foo dedicated-\n\n"
             "# Add a taint with key 'dedicated' on nodes having label myLabel=X\n"
             "kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule\n\n"
             "# Add to node 'foo' a taint with key 'bar' and no value\nkubectl taint nodes foo bar:NoSchedule",
    group="Cluster Management Commands")
