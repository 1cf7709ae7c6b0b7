"""The template grammar of client-go ``util/jsonpath`` (v1.33): node types and the parser, with
the parser's exact error texts. Evaluation lives in ``jsonpath``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


class JSONPathError(Exception):
    """A template that does not parse or execute; ``str()`` is kubectl's message after ``error: ``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _ParseError(Exception):
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


