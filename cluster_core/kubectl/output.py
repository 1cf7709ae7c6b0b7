"""``-o`` for every verb: yaml, json, name, jsonpath, custom-columns; one object alone, several as a List.

The printers themselves are pure functions in ``printers/``; this module picks one from the flag and
reports an unknown format with kubectl's message.
"""

from __future__ import annotations

import json
from typing import Any

from cluster_core.api import resources
from cluster_core.kubectl.command import CommandError

ALLOWED = ("custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
           "jsonpath-file,name,template,templatefile,wide,yaml")


class PartialOutput(CommandError):
    """A printer failed after kubectl had already written part of its output to stdout."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


def as_list(objs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"apiVersion": "v1", "items": objs, "kind": "List", "metadata": {"resourceVersion": ""}}


def split_format(output: str) -> tuple[str, str]:
    """``jsonpath={.a}`` -> (``jsonpath``, ``{.a}``); ``yaml`` -> (``yaml``, ``""``)."""
    name, _, arg = output.partition("=")
    return name, arg


def check_format(output: str, *, table_ok: bool = False) -> None:
    name, arg = split_format(output)
    known = {"yaml", "json", "name", "jsonpath", "jsonpath-as-json", "jsonpath-file", "custom-columns",
             "custom-columns-file"}
    if table_ok:
        known.add("wide")
    if name in known:
        if name in ("jsonpath", "jsonpath-as-json", "jsonpath-file", "custom-columns", "custom-columns-file") \
                and not arg:
            if name == "custom-columns":
                raise CommandError("custom-columns format specified but no custom columns given")
            raise CommandError("template format specified but no template given")
        return
    if name in ("go-template", "go-template-file", "template", "templatefile"):
        raise CommandError(f"the {name} output format is not available in this playground; "
                           "use -o jsonpath=... instead")
    raise CommandError(f'unable to match a printer suitable for the output format "{output}", allowed formats '
                       f"are: {ALLOWED}")


PRINT_FORMATS = ("go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
                 "templatefile,yaml")


def check_print_format(output: str) -> None:
    """PrintFlags.ToPrinter for the verbs that print objects (create, delete, label...): no tables."""
    if not output:
        return
    name = split_format(output)[0]
    if name not in PRINT_FORMATS.split(","):
        raise CommandError(f'unable to match a printer suitable for the output format "{output}", allowed formats '
                           f"are: {PRINT_FORMATS}")
    check_format(output)


# ObjectMeta's fields in the order Go's struct has them: a typed object's JSON follows it.
_META_ORDER = ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
               "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
               "ownerReferences", "finalizers", "managedFields")


def typed_order(obj: dict[str, Any]) -> dict[str, Any]:
    """A copy with the key order Go's typed struct gives ``-o json`` (kind, apiVersion, metadata in
    ObjectMeta's order, spec, status), for what kubectl prints from a typed client."""
    meta = {"creationTimestamp": None, **(obj.get("metadata") or {})}  # a zero metav1.Time marshals as null
    ordered_meta = {k: meta[k] for k in _META_ORDER if k in meta}
    ordered_meta.update({k: v for k, v in meta.items() if k not in ordered_meta})
    out: dict[str, Any] = {k: obj[k] for k in ("kind", "apiVersion") if k in obj}
    out["metadata"] = ordered_meta
    out.update({k: v for k, v in obj.items() if k not in out})
    for part in ("spec", "status"):  # struct values: never omitted
        out.setdefault(part, {})
    return out


def _go_json_ordered(obj: Any) -> str:
    """json.MarshalIndent of a typed object: struct order kept, HTML characters escaped as Go does."""
    text = json.dumps(obj, indent=4, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


class ObjectPrinter:
    """One ``-o`` printer used for several objects in turn, as kubectl's verbs print each result:
    YAML documents after the first get ``---``; JSON, names and jsonpath follow one another."""

    def __init__(self, ctx: Any, output: str, *, typed: bool = False) -> None:
        self.ctx = ctx
        self.output = output
        self.typed = typed
        self.count = 0

    def print(self, obj: dict[str, Any]) -> None:
        from cluster_core.kubectl import printers

        self.output = resolve_file_format(self.ctx, self.output)
        self.count += 1
        name = split_format(self.output)[0]
        if name == "yaml":
            self.ctx.write(("---\n" if self.count > 1 else "") + printers.to_yaml(obj))
        elif name == "json" and self.typed:
            self.ctx.write(_go_json_ordered(obj))
        else:
            print_objects(self.ctx, [obj], self.output, single=True)


def resolve_file_format(ctx: Any, output: str) -> str:
    """``-o jsonpath-file=F`` and ``-o custom-columns-file=F``: the template read from the student's file."""
    name, path = split_format(output)
    if name not in ("jsonpath-file", "custom-columns-file") or not path:
        return output
    try:
        text = ctx.files.read_text(path)
    except (OSError, ValueError, KeyError):
        what = "template" if name == "custom-columns-file" else "--template"
        raise CommandError(f"error reading {what} {path}, open {path}: no such file or directory") from None
    if name == "jsonpath-file":
        return "jsonpath=" + text
    lines = [ln for ln in text.splitlines() if ln.strip()]
    headers = lines[0].split() if lines else []
    specs = lines[1].split() if len(lines) > 1 else []
    if len(headers) != len(specs):
        raise CommandError(f"number of headers ({len(headers)}) and field specifications ({len(specs)}) don't match")
    return "custom-columns=" + ",".join(f"{h}:{p}" for h, p in zip(headers, specs, strict=True))


def render(objs: list[dict[str, Any]], output: str, *, single: bool, now: float = 0.0,
           no_headers: bool = False) -> str:
    """The text ``-o OUTPUT`` prints for these objects (``single``: one object asked for by name)."""
    from cluster_core.kubectl import printers

    check_format(output)
    name, arg = split_format(output)
    data: Any = objs[0] if single and len(objs) == 1 else as_list(objs)
    if name == "yaml":
        return printers.to_yaml(data)
    if name == "json":
        return printers.to_json(data)
    if name == "name":
        return "".join(printers.name_line(o) + "\n" for o in objs)
    if name in ("jsonpath", "jsonpath-as-json"):
        try:
            text = printers.jsonpath(arg, data)
        except printers.JSONPathError as e:
            raise PartialOutput(getattr(e, "message", str(e))) from None
        if name == "jsonpath-as-json":
            # client-go's JSONPath with JSON output: each expression's results as one indented JSON array
            from cluster_core.kubectl.printers.gofmt import to_json
            from cluster_core.kubectl.printers.jsonpath import find_results

            return "".join(to_json(list(group), "    ") + "\n" for group in find_results(arg, data))
        return text
    if name == "custom-columns":
        try:
            return printers.custom_columns(arg, objs, no_headers=no_headers)
        except (printers.PrinterError, printers.JSONPathError) as e:
            raise PartialOutput(getattr(e, "message", str(e)), getattr(e, "output", "")) from None
    raise CommandError(f'unable to match a printer suitable for the output format "{output}", allowed formats '
                       f"are: {ALLOWED}")


def print_objects(ctx: Any, objs: list[dict[str, Any]], output: str, *, single: bool,
                  no_headers: bool = False) -> None:
    """Write ``-o`` output; a printer error writes what kubectl had already printed, then fails."""
    output = resolve_file_format(ctx, output)
    try:
        ctx.write(render(objs, output, single=single, now=ctx.now, no_headers=no_headers))
    except PartialOutput as e:
        ctx.write(e.output)
        raise


def print_result_line(ctx: Any, obj: dict[str, Any], operation: str) -> None:
    """``pod/nginx-manual created``: lower-case kind, group if any, the name, what happened."""
    rt = resources.BY_KIND.get(obj.get("kind", ""))
    kind = rt.qualified_kind if rt else str(obj.get("kind", "")).lower()
    ctx.write(f"{kind}/{obj.get('metadata', {}).get('name', '')} {operation}\n")


def klog_line(now: float, level: str, where: str, msg: str, pid: int = 12345) -> str:
    """klog's header as kubectl writes it to stderr (``F0101 00:00:05.000000   12345 sorter.go:329] ...``),
    at simulated time."""
    from datetime import UTC, datetime

    t = datetime.fromtimestamp(now, UTC)
    return f"{level}{t:%m%d %H:%M:%S}.{t.microsecond:06d} {pid:7d} {where}] {msg}\n"
