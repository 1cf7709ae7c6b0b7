"""``kubectl explain``: a port of kubectl v1.33's default ``plaintext`` (OpenAPI v3) template.

Upstream renders ``pkg/explain/v2/templates/plaintext.tmpl`` with the helpers of
``pkg/explain/v2/funcs.go`` (``wrap`` is mitchellh/go-wordwrap v1.0.1, which keeps the
description's own line breaks in v1.33). Each template is one function below, in the template's
order, so the layout (TAB after the name, `` -required-``, the blank lines, the ENUM slot, the
line of four spaces before ``FIELDS:``) comes out as upstream's does. The argument is parsed as
``pkg/explain/explain.go`` does: as a JSONPath, the resource from its first node, the fields from
what follows the ``<resource>.<group>`` prefix.

The caller parses flags; ``explain`` only renders and returns ``(stdout, stderr, exit_code)``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cluster_core.api import resources, schema

NO_RESOURCE = (
    'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a '
    "complete list of supported resources.\n"
)
# The group/versions this cluster serves an OpenAPI v3 document for (``/openapi/v3`` paths).
_SERVED = {"api/v1", "apis/apps/v1", "apis/batch/v1"}

# unicode.IsSpace: what go-wordwrap breaks on (U+00A0 excepted by wrap itself).
_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    chr(c) for c in range(0x2000, 0x200B)))


class ExplainError(Exception):
    """A failure kubectl prints on stderr (the text is exactly what it prints)."""


# ---------------------------------------------------------------------------------------------
# funcs.go


@lru_cache(maxsize=4096)
def wrap(s: str, lim: int) -> str:
    """go-wordwrap v1.0.1 ``WrapString``: break at spaces so lines stay within ``lim`` runes."""
    buf: list[str] = []
    word: list[str] = []
    space: list[str] = []
    current = 0
    for ch in s:
        if ch == "\n":
            if not word:
                if current + len(space) > lim:
                    current = 0
                else:
                    buf.extend(space)
                space = []
            else:
                buf.extend(space)
                buf.extend(word)
                space, word = [], []
            buf.append(ch)
            current = 0
        elif ch in _GO_SPACE and ch != "\xa0":
            if not space or word:
                current += len(space) + len(word)
                buf.extend(space)
                buf.extend(word)
                space, word = [], []
            space.append(ch)
        else:
            word.append(ch)
            if current + len(space) + len(word) > lim and len(word) < lim:
                buf.append("\n")
                current = 0
                space = []
    if not word:
        if current + len(space) <= lim:
            buf.extend(space)
    else:
        buf.extend(space)
        buf.extend(word)
    return "".join(buf)


def indent(amount: int, text: str) -> str:
    pad = " " * amount
    return pad + text.replace("\n", "\n" + pad)


# ---------------------------------------------------------------------------------------------
# plaintext.tmpl


def _extract_enum(field_schema: dict[str, Any], long_view: bool, limit: int, indent_amount: int = 0) -> str:
    """``extractEnum``: ``ENUM:`` and one value a line (FIELD view), or ``enum: a, b, ....``."""
    values = field_schema.get("enum")
    if not values:
        return ""
    out = "ENUM:" if long_view else "\n" + " " * indent_amount + "enum: "
    for i, value in enumerate(values):
        if limit > -1 and i >= limit:
            out += ", ...."
            break
        if i > 0 and not long_view:
            out += ", "
        elif long_view:
            out += "\n    "
        out += '""' if value == "" else _go_text(value)
    return out


def _go_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _field_detail(name: str, parent: dict[str, Any], short: bool, level: int) -> str:
    """``fieldDetail``: ``name<TAB><type>[ -required-]`` and, unless short, the wrapped description."""
    amount = level * 2
    prop = parent["properties"][name]
    out = indent(amount, name) + "\t<" + schema.type_guess(prop) + ">"
    if name in (parent.get("required") or ()):
        out += " -required-"
    out += _extract_enum(prop, False, 4, amount) + "\n"
    if not short:
        text = prop.get("description") or "<no description>"
        out += indent(amount + 2, wrap(text, 78 - amount)) + "\n\n"
    return out


def _field_list(node: dict[str, Any], level: int, recursive: bool,
                history: frozenset[str] = frozenset()) -> str:
    """``fieldList``: every field, each followed by its own fields when recursive."""
    parts = []
    for name, parent, prop, seen in schema.field_entries(node, history):
        parts.append(_field_detail(name, parent, recursive, level))
        if recursive:
            parts.append(_field_list(prop, level + 1, recursive, seen))
    return "".join(parts)


def _describe(node: dict[str, Any], recursive: bool) -> str:
    """The empty-path branch of ``output``: DESCRIPTION, then FIELDS when there are any."""
    target = schema.resolve_ref(node.get("$ref")) or node
    text = schema.description_text(target) or "<empty>"
    out = "DESCRIPTION:\n" + indent(4, wrap(text, 76)) + "\n"
    fields = _field_list(target, 1, recursive)
    if fields:
        out += "FIELDS:\n" + fields
    return out


def _output(root: dict[str, Any], path: list[str], recursive: bool) -> str:
    """``output``: follow the path; the last step prints ``FIELD: name <type>`` and the ENUM slot."""
    found = schema.walk_path(root, path)
    if found is None:
        return ""
    name, _, target = found
    out = ""
    if name is not None:
        out = f"FIELD: {name} <{schema.type_guess(target)}>\n" + _extract_enum(target, True, -1) + "\n\n"
    return out + _describe(target, recursive)


# ---------------------------------------------------------------------------------------------
# Resolving the argument (pkg/explain/explain.go)


def _jsonpath_nodes(text: str) -> list[tuple[str, str]]:
    """client-go's JSONPath parser on ``{.<text>}``, reduced to what explain looks at.

    Returns ``(type, value)`` pairs; ``type`` is ``field`` for a field node and something else for
    anything a field path cannot hold (``recursive`` for ``..``, ``array``, ``number``...).
    """
    src = "{." + text.removesuffix(".") + "}"
    nodes: list[tuple[str, str]] = []
    pos = 1
    while not src.startswith("}", pos):
        if src.startswith("[?(", pos):
            pos = _jsonpath_filter(src, pos, nodes)
            continue
        if src.startswith("..", pos):
            if nodes and nodes[-1][0] == "recursive":
                raise ExplainError("error: invalid multiple recursive descent")
            nodes.append(("recursive", ""))
            pos += 2
            if pos < len(src) and (src[pos].isalnum() or src[pos] == "_"):
                pos = _jsonpath_field(src, pos, nodes)
            continue
        if pos >= len(src) or src[pos] in "\r\n":
            raise ExplainError("error: unclosed action")
        ch = src[pos]
        if ch in " @$":
            pos += 1
        elif ch == ".":
            pos = _jsonpath_field(src, pos + 1, nodes)
        elif ch == "[":
            pos = _jsonpath_array(src, pos, nodes)
        elif ch in "\"'":
            end = src.find(ch, pos + 1)
            if end < 0:
                raise ExplainError("error: unterminated quoted string")
            nodes.append(("text", src[pos + 1:end]))
            pos = end + 1
        elif ch in "+-" or ch.isdigit():
            end = pos + 1
            while end < len(src) and (src[end] == "." or src[end].isdigit()):
                end += 1
            nodes.append(("number", src[pos:end]))
            pos = end
        elif ch.isalnum() or ch == "_":
            end = pos
            while end < len(src) and not _jsonpath_terminator(src[end]):
                end += 1
            nodes.append(("identifier", src[pos:end]))
            pos = end
        else:
            raise ExplainError(f"error: unrecognized character in action: U+{ord(ch):04X} '{ch}'")
    if pos + 1 < len(src):
        raise ExplainError("error: must pass in 1 jsonpath string")
    return nodes


def _jsonpath_array(src: str, pos: int, nodes: list[tuple[str, str]]) -> int:
    """``[...]``: a quoted key is a field (``pods['spec']``), an index or slice is not."""
    end = src.find("]", pos)
    if end < 0 or "\n" in src[pos:end]:
        raise ExplainError("error: unterminated array")
    inner = src[pos + 1:end]
    key = re.fullmatch(r"'([^']*)'", inner)
    if "," in inner:
        nodes.append(("union", inner))
    elif key:
        nodes.extend(_jsonpath_nodes(key.group(1)))
    elif inner == "*" or re.fullmatch(r"(-?\d*)(:-?\d*)?(:-?\d*)?", inner):
        nodes.append(("array", inner))
    else:
        raise ExplainError(f"error: invalid array index {inner}")
    return end + 1


def _jsonpath_filter(src: str, pos: int, nodes: list[tuple[str, str]]) -> int:
    end = src.find(")", pos + 3)
    if end < 0:
        raise ExplainError("error: unterminated filter")
    if src[end + 1:end + 2] != "]":
        raise ExplainError("error: unclosed array expect ]")
    nodes.append(("filter", src[pos + 3:end]))
    return end + 2


def _jsonpath_field(src: str, pos: int, nodes: list[tuple[str, str]]) -> int:
    start = pos
    while pos < len(src):
        if src[pos] == "\\":
            pos += 2
            continue
        if _jsonpath_terminator(src[pos]):
            break
        pos += 1
    value = src[start:pos]
    nodes.append(("wildcard", value) if value == "*" else ("field", value.replace("\\", "")))
    return pos


def _jsonpath_terminator(ch: str) -> bool:
    return ch in " \t\r\n.,[]$@{}"


def _fields_of(nodes: list[tuple[str, str]], message: str) -> list[str]:
    out = []
    for kind, value in nodes:
        if kind != "field":
            raise ExplainError(message)
        out.append(value)
    return out


def _resolve(arg: str, api_version: str | None) -> tuple[resources.ResourceType, str, str, list[str]]:
    """(resource type, group, version, field path) for the TYPE argument, as kubectl resolves it."""
    nodes = _jsonpath_nodes(arg)
    if not nodes or nodes[0][0] != "field":
        raise ExplainError("error: invalid jsonpath syntax, first node must be field node")
    name = nodes[0][1]
    rt = resources.resolve(name) if name else None
    if rt is None:
        raise ExplainError(f'the server doesn\'t have a resource type "{name}"')
    if api_version:
        fields = _fields_of(nodes[1:], "error: invalid jsonpath syntax, all nodes must be field nodes")
        group, version = _parse_group_version(api_version)
        return rt, group, version, fields
    prefix = rt.qualified_plural
    if arg.startswith(prefix):
        suffix = arg[len(prefix):]
        fields = []
        if suffix:
            fields = _fields_of(_jsonpath_nodes(suffix)[1:], "error: invalid jsonpath syntax, first node must be field node")
        return rt, rt.group, rt.version, fields
    fields = _fields_of(nodes[1:], "error: invalid jsonpath syntax, first node must be field node")
    return rt, rt.group, rt.version, fields


def _parse_group_version(gv: str) -> tuple[str, str]:
    """apimachinery's ParseGroupVersion."""
    if gv in ("", "/"):
        return "", ""
    if gv.count("/") == 0:
        return "", gv
    if gv.count("/") == 1:
        group, version = gv.split("/")
        return group, version
    raise ExplainError(f"error: unexpected GroupVersion string: {gv}")


# ---------------------------------------------------------------------------------------------


def explain(resource: str, path: list[str] | None = None, *, recursive: bool = False,
            api_version: str | None = None) -> tuple[str, str, int]:
    """``kubectl explain <resource>[.<path>...]``: (stdout, stderr, exit code).

    ``resource`` is the TYPE argument as typed (``pods``, ``po.spec``, ``replicasets.apps.spec``);
    ``path`` adds field names after it. An empty ``resource`` is ``kubectl explain`` with no
    argument.
    """
    arg = ".".join([resource, *(path or [])]) if path else resource
    if not arg:
        return "", NO_RESOURCE, 1
    try:
        rt, group, version, fields = _resolve(arg, api_version)
        gvr = f"{group}/{version}, Resource={rt.plural}"
        doc_path = f"apis/{group}/{version}" if group else f"api/{version}"
        if doc_path not in _SERVED:
            raise ExplainError(f'error: couldn\'t find resource for "{gvr}"')
        if (group, version) != (rt.group, rt.version):
            raise ExplainError(f"error: GVR ({gvr}) not found in OpenAPI schema")
    except ExplainError as e:
        return "", f"{e}\n", 1
    head = f"GROUP:      {group}\n" if group else ""
    head += f"KIND:       {rt.kind}\nVERSION:    {version}\n\n"
    body = _output(schema.kind_schema(rt.kind, rt.api_version), fields, recursive)
    if not body:
        return head, f'error: field "{fields[-1]}" does not exist\n', 1
    return head + body + "\n", "", 0
