"""``kubectl explain TYPE[.field...] [--recursive] [--api-version=G/V] [--output=plaintext|plaintext-openapiv2]``.

The default rendering is ``cluster_core/kubectl/explain.py`` (the v1.33 plaintext template); this
verb parses the command line as upstream's ``pkg/cmd/explain`` does: exactly one argument,
``--output`` with no ``-o`` shorthand (the usage line shows one, the flag has none), and an unknown
format reported only once the resource and its OpenAPI document have been found (the template is
chosen last).

``--output=plaintext-openapiv2`` is the pre-1.27 printer, still in v1.33 (``pkg/explain``): the
schema as kube-openapi's proto model of the OpenAPI v2 document (Kind, Array, Map, Primitive,
Reference, Arbitrary), ``KIND:     Pod``, fields indented 3, descriptions 5 wrapped at 80 by its own
``wrapString``, ``<Object>`` for structs. It is ported below from the same v1.33 definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cluster_core.api import schema
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.explain import NO_RESOURCE, ExplainError, _resolve, explain
from cluster_core.kubectl.flags import BOOL, STRING, Flag

PLAINTEXT, PLAINTEXT_V2 = "plaintext", "plaintext-openapiv2"
# Errors raised while the template renders: an unknown template name is reported before them.
_IN_TEMPLATE = ('error: field "', "error: GVR (")


def run(ctx: Any, opts: Any) -> int:
    if not opts.args:
        ctx.write_err(NO_RESOURCE)
        return 1
    if len(opts.args) > 1:
        raise CommandError("We accept only this format: explain RESOURCE")
    fmt = opts["output"]
    api_version = opts["api-version"] or None
    if fmt == PLAINTEXT_V2:
        out, err, code = explain_v2(opts.args[0], recursive=opts["recursive"], api_version=api_version)
    else:
        out, err, code = explain(opts.args[0], recursive=opts["recursive"], api_version=api_version)
        if fmt != PLAINTEXT and (code == 0 or err.startswith(_IN_TEMPLATE)):
            out, err, code = "", f"error: unrecognized format: {fmt}\n", 1
    ctx.write(out)
    ctx.write_err(err)
    return code


# --- plaintext-openapiv2 -------------------------------------------------------------------------
# kube-openapi's proto model, built from the v1.33 definitions (the JSON-schema flavour kubernetes-
# validate ships: nullable types as ["string", "null"], IntOrString and Quantity as oneOf).

WRAP = 80
FIELD_INDENT, DESCRIPTION_INDENT, INDENT_DESC, INDENT_PER_LEVEL = 3, 5, 2, 3


@dataclass
class Model:
    """A proto.Schema: ``kind`` is Kind, Array, Map, Primitive, Reference or Arbitrary."""

    kind: str
    description: str = ""
    type: str = ""  # Primitive: string, integer, number, boolean
    fields: dict[str, Any] = field(default_factory=dict)  # Kind: name -> Model
    required: tuple[str, ...] = ()
    sub: Any = None  # Array, Map: the element Model; Reference: the definition's name

    def resolved(self) -> Model:
        return definition_model(self.sub)


_MODELS: dict[str, Model] = {}


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("type")
    return [x for x in (t if isinstance(t, list) else [t] if t else []) if x != "null"]


def parse_model(node: dict[str, Any]) -> Model:
    """``Definitions.ParseSchema``: $ref, then by type (object with properties is a Kind, without a Map)."""
    desc = node.get("description", "")
    if "$ref" in node:
        return Model("Reference", desc, sub=node["$ref"].rsplit("/", 1)[-1])
    if "oneOf" in node:  # IntOrString and Quantity: a string in the v2 document
        return Model("Primitive", desc, type="string")
    types = _types(node)
    if not types:
        if "properties" in node:
            return _kind(node, desc)
        return Model("Arbitrary", desc)
    if types[0] == "object":
        if "properties" in node:
            return _kind(node, desc)
        extra = node.get("additionalProperties")
        # parseMap: with no value schema the element is an Arbitrary carrying the map's own description
        return Model("Map", desc, sub=parse_model(extra) if isinstance(extra, dict) else Model("Arbitrary", desc))
    if types[0] == "array":
        return Model("Array", desc, sub=parse_model(node.get("items") or {}))
    return Model("Primitive", desc, type=types[0])


def _kind(node: dict[str, Any], desc: str) -> Model:
    props = node.get("properties") or {}
    return Model("Kind", desc, fields={k: parse_model(v) for k, v in props.items()},
                 required=tuple(node.get("required") or ()))


def definition_model(name: str) -> Model:
    if name not in _MODELS:
        _MODELS[name] = parse_model(schema.definitions()[name])
    return _MODELS[name]


def type_name(m: Model) -> str:
    """GetTypeName: ``Object`` for a Kind, ``[]X``, ``map[string]X``, the primitive's type; an
    Arbitrary has no name (typeName does not visit it)."""
    if m.kind == "Reference":
        return type_name(m.resolved())
    if m.kind == "Array":
        return "[]" + type_name(m.sub)
    if m.kind == "Map":
        return "map[string]" + type_name(m.sub)
    if m.kind == "Kind":
        return "Object"
    return m.type


def lookup(m: Model, path: list[str]) -> Model:
    """fieldLookup: walk the path through references, arrays and maps; a primitive ends the walk."""
    while path:
        if m.kind == "Primitive":
            return m
        if m.kind == "Kind":
            if path[0] not in m.fields:
                raise ExplainError(f'error: field "{path[0]}" does not exist')
            m, path = m.fields[path[0]], path[1:]
        elif m.kind == "Reference":
            m = m.resolved()
        elif m.kind in ("Array", "Map"):
            m = m.sub
        else:
            return m
    return m


_BULLET = re.compile(r"^(\d+\.?|-|\*)\s")


def _should_start_new_line(last_word: str, text: str) -> bool:
    if last_word.endswith(":") or text.startswith("    "):
        return True
    text = text.strip()
    return not text or bool(_BULLET.match(text))


def wrap_string(text: str, wrap: int) -> list[str]:
    """pkg/explain formatter.go ``wrapString``: words joined up to ``wrap`` bytes, keeping code
    blocks, blank lines, lines after a colon and list items on lines of their own."""
    wrapped: list[str] = []
    words: list[str] = []
    last_word = ""

    def flush() -> None:
        nonlocal words, last_word
        if words:
            last_word = ""
            wrapped.append(" ".join(words))
            words = []

    for line in text.split("\n"):
        if line.startswith("    "):
            flush()
            wrapped.append(line)
            continue
        if wrapped and not line.strip():
            flush()
            wrapped.append("")
            continue
        if _should_start_new_line(last_word, line):
            flush()
        for word in line.split():
            last_word = word
            if words and len(" ".join([*words, word]).encode()) > wrap:
                flush()
            words.append(word)
    flush()
    return wrapped


class Formatter:
    """pkg/explain ``Formatter``: indented lines, empty lines unindented, wrapped text."""

    def __init__(self, out: list[str], indent: int = 0, wrap: int = WRAP) -> None:
        self.out, self.indent_level, self.wrap = out, indent, wrap

    def indent(self, n: int) -> Formatter:
        return Formatter(self.out, self.indent_level + n, self.wrap)

    def write(self, text: str) -> None:
        self.out.append(" " * self.indent_level + text + "\n" if text else "\n")

    def write_wrapped(self, text: str) -> None:
        for line in wrap_string(text, self.wrap - self.indent_level):
            self.write(line)


def _print_fields(w: Formatter, m: Model, recursive: bool, seen: frozenset[str] = frozenset()) -> None:
    """regularFieldsPrinter / recursiveFieldsPrinter (references already being printed are skipped)."""
    if m.kind == "Reference":
        if recursive and m.sub in seen:
            return
        _print_fields(w, m.resolved(), recursive, seen | {m.sub})
    elif m.kind in ("Array", "Map"):
        _print_fields(w, m.sub, recursive, seen)
    elif m.kind == "Kind":
        for key in sorted(m.fields):
            v = m.fields[key]
            if recursive:
                w.write(f"{key}\t<{type_name(v)}>")
                _print_fields(w.indent(INDENT_PER_LEVEL), v, recursive, seen)
                continue
            required = " -required-" if key in m.required else ""
            w.write(f"{key}\t<{type_name(v)}>{required}")
            w.indent(INDENT_DESC).write_wrapped(v.description)
            w.write("")


def print_model(name: str, m: Model, kind: str, group_version: str, recursive: bool) -> str:
    """modelPrinter: descriptions gathered through references, arrays and maps, then the header,
    ``RESOURCE:`` (a struct) or ``FIELD:`` (a primitive), ``DESCRIPTION:`` and the fields."""
    out: list[str] = []
    w = Formatter(out)
    descriptions: list[str] = []
    type_ = ""
    while m.kind in ("Reference", "Array", "Map"):
        descriptions.append(m.description)
        if m.kind != "Reference" and not type_:
            type_ = type_name(m)
        m = m.resolved() if m.kind == "Reference" else m.sub
    w.write(f"KIND:     {kind}")
    w.write(f"VERSION:  {group_version}\n")
    if m.kind == "Kind":
        if name:
            w.write(f"RESOURCE: {name} <{type_ or type_name(m)}>\n")
    elif m.kind == "Primitive":
        w.write(f"FIELD:    {name} <{type_ or type_name(m)}>\n")
    w.write("DESCRIPTION:")
    texts = [*descriptions, m.description]
    for i, desc in enumerate(texts):
        if not desc:
            continue
        if i:
            w.write("")
        w.indent(DESCRIPTION_INDENT).write_wrapped(desc)
    if not any(texts):
        w.indent(DESCRIPTION_INDENT).write_wrapped("<empty>")
    if m.kind == "Kind":
        w.write("\nFIELDS:")
        _print_fields(w.indent(FIELD_INDENT), m, recursive)
    return "".join(out)


def explain_v2(arg: str, *, recursive: bool = False, api_version: str | None = None) -> tuple[str, str, int]:
    """``kubectl explain ARG --output=plaintext-openapiv2``: (stdout, stderr, exit code)."""
    try:
        rt, group, version, fields = _resolve(arg, api_version)
        gv = f"{group}/{version}" if group else version
        try:
            root = definition_model(schema.definition_name(rt.kind, gv))
        except KeyError:
            raise ExplainError(f'error: couldn\'t find resource for "{group}/{version}, Kind={rt.kind}"') from None
        target = lookup(root, list(fields))
    except ExplainError as e:
        return "", f"{e}\n", 1
    return print_model(fields[-1] if fields else "", target, rt.kind, gv, recursive), "", 0


COMMAND = Command(
    "explain", "Get documentation for a resource",
    "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] "
    "[-o|--output=plaintext|plaintext-openapiv2] [options]", run,
    flags=[
        Flag("api-version", STRING, "", help="Get different explanations for particular API version (API "
             "group/version)"),
        Flag("output", STRING, PLAINTEXT, help="Format in which to render the schema (plaintext, "
             "plaintext-openapiv2)"),
        Flag("recursive", BOOL, False, help="Print the fields of fields (Currently only 1 level deep)"),
    ],
    long="Describe fields and structure of various resources.\n\n"
         " This command describes the fields associated with each supported API resource. Fields are identified "
         "via a simple JSONPath identifier:\n\n"
         "        <type>.<fieldName>[.<fieldName>]\n        \n"
         " Information about each field is retrieved from the server in OpenAPI format.\n\n"
         'Use "kubectl api-resources" for a complete list of supported resources.',
    examples="# Get the documentation of the resource and its fields\nkubectl explain pods\n\n"
             "# Get all the fields in the resource\nkubectl explain pods --recursive\n\n"
             "# Get the explanation for deployment in supported api versions\n"
             "kubectl explain deployments --api-version=apps/v1\n\n"
             "# Get the documentation of a specific field of a resource\nkubectl explain pods.spec.containers\n\n"
             "# Get the documentation of resources in different format\n"
             "kubectl explain deployment --output=plaintext-openapiv2",
    group="Basic Commands (Intermediate)")
