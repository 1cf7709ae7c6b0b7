"""``-o jsonpath`` as kubectl runs it: a port of client-go ``util/jsonpath`` (parser and
evaluator, v1.33) over unstructured data, with kubectl's error texts.

Grammar (inside ``{...}``; text outside braces is printed as is)::

    action  := ( field | '..' | '[' index ']' | '[?(' filter ')]' | quoted | number | ident | '@' | '$' )*
    field   := '.' name | '.*'            name ends at space . , [ ] $ @ { } (``\\.`` escapes a dot)
    index   := '*' | slice | 'key' | a,b  slice is start:end:step, negatives count from the end
    filter  := left op right | path       op is one of < > == != <= >= (a lone path tests existence)
    ident   := range | end | true | false
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .gofmt import format_float_g, quote, sharp_v
from .gofmt import to_json as go_json


class JSONPathError(Exception):
    """A template that does not parse or execute; ``str()`` is kubectl's message after ``error: ``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _ParseError(Exception):
    pass


class _ExecError(Exception):
    pass


# --- nodes ---

@dataclass(eq=False)
class ListNode:
    nodes: list[Any] = field(default_factory=list)


@dataclass(eq=False)
class TextNode:
    text: str


@dataclass(eq=False)
class FieldNode:
    name: str


@dataclass(eq=False)
class IdentifierNode:
    name: str


@dataclass(eq=False)
class ArrayNode:
    params: list[list[Any]]  # [value, known, derived] x 3


@dataclass(eq=False)
class FilterNode:
    left: ListNode
    right: ListNode
    op: str


@dataclass(eq=False)
class ValueNode:
    value: Any  # int, float or bool


@dataclass(eq=False)
class WildcardNode:
    pass


@dataclass(eq=False)
class RecursiveNode:
    pass


@dataclass(eq=False)
class UnionNode:
    nodes: list[ListNode]


# --- parser ---

_DICT_KEY = re.compile(r"^'([^']*)'$")
_SLICE = re.compile(r"^(-?\d*)(:-?\d*)?(:-?\d*)?$")
_FILTER = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$", re.S)
_TERMINATORS = frozenset(" \t\r\n.,[]$@{}")


def _go_atoi(s: str) -> int | None:
    if re.fullmatch(r"[+-]?\d+", s):
        v = int(s)
        if -(2**63) <= v < 2**63:
            return v
    return None


def _unquote(s: str) -> str:
    """``UnquoteExtend``: Go's ``strconv.Unquote`` that also accepts single-quoted strings."""
    if len(s) < 2 or s[0] != s[-1] or s[0] not in "\"'":
        raise ValueError("invalid syntax")
    q, body = s[0], s[1:-1]
    if "\\" not in body and q not in body:
        return body
    out, i = [], 0
    simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
    while i < len(body):
        c = body[i]
        if c == q:
            raise ValueError("invalid syntax")
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(body):
            raise ValueError("invalid syntax")
        e = body[i + 1]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e == q:
            out.append(q)
            i += 2
        elif e in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[e]
            digits = body[i + 2:i + 2 + n]
            if len(digits) != n or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise ValueError("invalid syntax")
            out.append(chr(int(digits, 16)))
            i += 2 + n
        elif e in "01234567":
            digits = body[i + 1:i + 4]
            if len(digits) != 3 or not all(d in "01234567" for d in digits) or int(digits, 8) > 255:
                raise ValueError("invalid syntax")
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            raise ValueError("invalid syntax")
    return "".join(out)


class _Parser:
    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.root = ListNode()

    def parse(self) -> ListNode:
        self._parse_text(self.root)
        return self.root

    def _consume(self) -> str:
        value = self.input[self.start:self.pos]
        self.start = self.pos
        return value

    def _next(self) -> str:
        if self.pos >= len(self.input):
            self._width = 0
            return ""
        self._width = 1
        self.pos += 1
        return self.input[self.pos - 1]

    def _backup(self) -> None:
        self.pos -= self._width

    def _peek(self) -> str:
        r = self._next()
        self._backup()
        return r

    def _parse_text(self, cur: ListNode) -> None:
        while True:
            i = self.input.find("{", self.pos)
            if i < 0:
                self.pos = len(self.input)
                break
            self.pos = i
            if self.pos > self.start:
                cur.nodes.append(TextNode(self._consume()))
            self.pos += 1
            self._consume()
            node = ListNode()
            cur.nodes.append(node)
            self._parse_inside(node)
            return
        if self.pos > self.start:
            cur.nodes.append(TextNode(self._consume()))

    def _parse_inside(self, cur: ListNode) -> None:
        while True:
            rest = self.input[self.pos:]
            if rest.startswith("}"):
                self.pos += 1
                self._consume()
                self._parse_text(self.root)
                return
            if rest.startswith("[?("):
                self._parse_filter(cur)
                continue
            if rest.startswith(".."):
                if cur.nodes and isinstance(cur.nodes[-1], RecursiveNode):
                    raise _ParseError("invalid multiple recursive descent")
                self.pos += 2
                self._consume()
                cur.nodes.append(RecursiveNode())
                if _is_alnum(self._peek()):
                    self._parse_field(cur)
                continue
            r = self._next()
            if r == "" or r in "\r\n":
                raise _ParseError("unclosed action")
            if r == " " or r in "@$":
                self._consume()
            elif r == "[":
                self._parse_array(cur)
            elif r in "\"'":
                self._parse_quote(cur, r)
            elif r == ".":
                self._parse_field(cur)
            elif r in "+-" or r.isdigit():
                self._backup()
                self._parse_number(cur)
            elif _is_alnum(r):
                self._backup()
                self._parse_identifier(cur)
            else:
                raise _ParseError(f"unrecognized character in action: {go_rune(r)}")

    def _parse_identifier(self, cur: ListNode) -> None:
        while True:
            r = self._next()
            if r == "" or r in _TERMINATORS:
                self._backup()
                break
        value = self._consume()
        cur.nodes.append(ValueNode(value == "true") if value in ("true", "false") else IdentifierNode(value))

    def _parse_number(self, cur: ListNode) -> None:
        if self._peek() in ("+", "-"):
            self._next()
        while True:
            r = self._next()
            if r != "." and not r.isdigit():
                self._backup()
                break
        value = self._consume()
        i = _go_atoi(value)
        if i is not None:
            cur.nodes.append(ValueNode(i))
            return
        if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value):
            cur.nodes.append(ValueNode(float(value)))
            return
        raise _ParseError(f"cannot parse number {value}")

    def _parse_array(self, cur: ListNode) -> None:
        while True:
            r = self._next()
            if r in ("", "\n"):
                raise _ParseError("unterminated array")
            if r == "]":
                break
        text = self._consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:
            cur.nodes.append(UnionNode([_parse_action(f"[{p.strip(' ')}]") for p in parts]))
            return
        m = _DICT_KEY.match(text)
        if m:
            cur.nodes.extend(_parse_action("." + m.group(1)).nodes)
            return
        m = _SLICE.match(text)
        if m is None:
            raise _ParseError(f"invalid array index {text}")
        params: list[list[Any]] = []
        for i, raw in enumerate(m.groups()):
            raw = raw or ""
            if raw:
                if i > 0:
                    raw = raw[1:]
                if i > 0 and raw == "":
                    params.append([0, False, False])
                else:
                    v = _go_atoi(raw)
                    if v is None:
                        raise _ParseError(f"array index {raw} is not a number")
                    params.append([v, True, False])
            elif i == 1:
                params.append([params[0][0] + 1, True, True])
            else:
                params.append([0, False, False])
        cur.nodes.append(ArrayNode(params))

    def _parse_filter(self, cur: ListNode) -> None:
        self.pos += 3
        self._consume()
        begin = end = False
        pair = ""
        while True:
            r = self._next()
            if r in ("", "\n"):
                raise _ParseError("unterminated filter")
            if r in "\"'":
                if not begin:
                    begin, pair = True, r
                    continue
                if self.input[self.pos - 2] != "\\" and r == pair:
                    end = True
            elif r == ")" and begin == end:
                break
        if self._next() != "]":
            raise _ParseError("unclosed array expect ]")
        text = self._consume()[:-2]
        m = _FILTER.match(text)
        if m is None:
            cur.nodes.append(FilterNode(_parse_action(text), ListNode(), "exists"))
        else:
            cur.nodes.append(FilterNode(_parse_action(m.group(1)), _parse_action(m.group(3)), m.group(2)))

    def _parse_quote(self, cur: ListNode, end: str) -> None:
        while True:
            r = self._next()
            if r in ("", "\n"):
                raise _ParseError("unterminated quoted string")
            if r == end and self.input[self.pos - 2] != "\\":
                break
        value = self._consume()
        try:
            cur.nodes.append(TextNode(_unquote(value)))
        except ValueError as e:
            raise _ParseError(f"unquote string {value} error {e}") from None

    def _parse_field(self, cur: ListNode) -> None:
        self._consume()
        while True:
            r = self._next()
            if r == "\\":
                self._next()
            elif r == "" or r in _TERMINATORS:
                self._backup()
                break
        value = self._consume()
        cur.nodes.append(WildcardNode() if value == "*" else FieldNode(value.replace("\\", "")))


def _is_alnum(r: str) -> bool:
    return r == "_" or (r != "" and (r.isalpha() or r.isdigit()))


def go_rune(r: str) -> str:
    """Go's ``%#U``: ``U+0025 '%'``, without the quoted rune when it is not printable."""
    code = f"U+{ord(r):04X}"
    return f"{code} '{r}'" if r.isprintable() else code


def _parse_action(text: str) -> ListNode:
    root = _Parser("{" + text + "}").parse()
    return root.nodes[0]


def parse(template: str) -> ListNode:
    """The template's node tree; raises JSONPathError with kubectl's parse message."""
    try:
        return _Parser(template).parse()
    except _ParseError as e:
        raise JSONPathError(f"error parsing jsonpath {template}, {e}") from None


# --- evaluation ---

_MISSING = object()


def _go_type(v: Any) -> str:
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    return "interface {}"


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    raise _ExecError("invalid type for comparison")


def _equal(a: Any, b: Any) -> bool:
    if _kind(a) != _kind(b):
        raise _ExecError("incompatible types for comparison")
    return a == b


def _less(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        raise _ExecError("incompatible types for comparison")
    if ka == "bool":
        raise _ExecError("invalid type for comparison")
    return a < b


_OPS = {
    "<": _less, ">": lambda a, b: not (_less(a, b) or _equal(a, b)), "==": _equal,
    "!=": lambda a, b: not _equal(a, b), "<=": lambda a, b: _less(a, b) or _equal(a, b),
    ">=": lambda a, b: not _less(a, b),
}


def _children(v: Any) -> list[Any]:
    if isinstance(v, dict):
        return [v[k] for k in sorted(v)]
    if isinstance(v, list):
        return list(v)
    if isinstance(v, str):
        return list(v.encode())
    return []


class _Evaluator:
    def __init__(self, root: ListNode, allow_missing_keys: bool) -> None:
        self.nodes = root.nodes
        self.allow_missing = allow_missing_keys
        self.begin_range = self.in_range = self.end_range = 0
        self.last_end_node: Any = None

    def find_results(self, data: Any, nodes: list[Any]) -> list[list[Any]]:
        cur = [data]
        full: list[list[Any]] = []
        i = 0
        while i < len(nodes):
            results = self.walk(cur, nodes[i])
            if 0 < self.end_range <= self.in_range:
                self.end_range -= 1
                self.last_end_node = nodes[i]
                break
            if self.begin_range > 0:
                self.begin_range -= 1
                self.in_range += 1
                if results:
                    for value in results:
                        full.extend(self.find_results(value, nodes[i + 1:]))
                else:
                    self.find_results(None, nodes[i + 1:])
                self.in_range -= 1
                for k in range(i + 1, len(nodes)):
                    if nodes[k] is self.last_end_node:
                        i = k
                        break
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def walk(self, values: list[Any], node: Any) -> list[Any]:
        if isinstance(node, ListNode):
            for n in node.nodes:
                values = self.walk(values, n)
            return values
        if isinstance(node, TextNode):
            return [node.text]
        if isinstance(node, FieldNode):
            return self._field(values, node.name)
        if isinstance(node, ArrayNode):
            return self._array(values, node)
        if isinstance(node, FilterNode):
            return self._filter(values, node)
        if isinstance(node, ValueNode):
            return [node.value for _ in values]
        if isinstance(node, WildcardNode):
            return [c for v in values if v is not None for c in _children(v)]
        if isinstance(node, RecursiveNode):
            return self._recursive(values)
        if isinstance(node, UnionNode):
            out: list[Any] = []
            for ln in node.nodes:
                out.extend(self.walk(values, ln))
            return out
        if isinstance(node, IdentifierNode):
            if node.name == "range":
                self.begin_range += 1
                return values
            if node.name == "end":
                if self.in_range > 0:
                    self.end_range += 1
                    return []
                raise _ExecError("not in range, nothing to end")
            raise _ExecError(f"unrecognized identifier {node.name}")
        raise _ExecError(f"unexpected Node {node}")

    def _field(self, values: list[Any], name: str) -> list[Any]:
        if not values:
            return []
        out = [v[name] for v in values if isinstance(v, dict) and name in v]
        if not out and not self.allow_missing:
            raise _ExecError(f"{name} is not found")
        return out

    def _array(self, values: list[Any], node: ArrayNode) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if value is None:
                continue
            if not isinstance(value, list):
                raise _ExecError(f"{_go_type(value)} is not array or slice")
            n = len(value)
            (start, start_known, _), (end, end_known, end_derived), (step, step_known, _) = node.params
            if not start_known:
                start = 0
            if start < 0:
                start += n
            if not end_known:
                end = n
            if end < 0 or (end == 0 and end_derived):
                end += n
            if end == start:
                return out
            if start >= n or start < 0:
                raise _ExecError(f"array index out of bounds: index {start}, length {n}")
            if end > n or end < 0:
                raise _ExecError(f"array index out of bounds: index {end - 1}, length {n}")
            if start > end:
                raise _ExecError(f"starting index {start} is greater than ending index {end}")
            if step_known and step <= 0:
                raise _ExecError("step must be > 0")
            out.extend(value[start:end:step if step_known else 1])
        return out

    def _filter(self, values: list[Any], node: FilterNode) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if not isinstance(value, list):
                from .gofmt import sprint
                raise _ExecError(f"{sprint(value)} is not array or slice and cannot be filtered")
            for item in value:
                try:
                    lefts = self.walk([item], node.left)
                except _ExecError:
                    if node.op == "exists":
                        continue
                    raise
                if node.op == "exists":
                    if lefts:
                        out.append(item)
                    continue
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise _ExecError("can only compare one element at a time")
                rights = self.walk([item], node.right)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise _ExecError("can only compare one element at a time")
                op = _OPS.get(node.op)
                if op is None:
                    raise _ExecError(f"unrecognized filter operator {node.op}")
                if op(lefts[0], rights[0]):
                    out.append(item)
        return out

    def _recursive(self, values: list[Any]) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if value is None:
                continue
            children = _children(value)
            if children:
                out.append(value)
                out.extend(self._recursive(children))
        return out


def _text(v: Any) -> str:
    if isinstance(v, (dict, list)) or v is None:
        return go_json(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return format_float_g(v)
    return str(v)


def find_results(template: str, data: Any, *, allow_missing_keys: bool = True) -> list[list[Any]]:
    """The raw result groups of a template (custom-columns and --sort-by use these)."""
    root = parse(template)
    try:
        return _Evaluator(root, allow_missing_keys).find_results(data, root.nodes)
    except _ExecError as e:
        raise JSONPathError(str(e)) from None


def jsonpath(template: str, data: Any, *, allow_missing_keys: bool = True) -> str:
    """``kubectl get -o jsonpath=<template>`` of ``data`` (an object, or ``as_list(...)``).

    Results of one expression are joined with spaces; maps and lists print as compact JSON.
    Errors carry kubectl's full message, including its dump of the object given to the engine."""
    root = parse(template)
    try:
        groups = _Evaluator(root, allow_missing_keys).find_results(data, root.nodes)
    except _ExecError as e:
        raise JSONPathError(
            f"error executing jsonpath {quote(template)}: Error executing template: {e}. "
            "Printing more information for debugging the template:\n"
            f"\ttemplate was:\n\t\t{template}\n"
            f"\tobject given to jsonpath engine was:\n\t\t{sharp_v(data)}\n\n") from None
    return "".join(" ".join(_text(v) for v in group) for group in groups)
