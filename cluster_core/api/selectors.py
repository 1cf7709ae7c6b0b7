"""Label selectors (``kubectl -l``), LabelSelector objects and field selectors, as the server has them.

The label grammar is a faithful port of apimachinery v0.33 ``pkg/labels/selector.go``: the same
lexer (greedy special symbols, ``in``/``notin`` as identifiers in value position, a NUL byte read
as end of string), the same recursive-descent parser with its exact error strings, and
``NewRequirement``'s validation, whose field paths start from a nil ``*field.Path`` (hence the real
``<nil>: Invalid value: ...`` for a bad key). Requirements are stable-sorted by key and print back
as upstream's ``String()`` does.

Grammar (selector.go's own)::

    <selector-syntax>         ::= <requirement> | <requirement> "," <selector-syntax>
    <requirement>             ::= [!] KEY [ <set-based-restriction> | <exact-match-restriction> ]
    <set-based-restriction>   ::= "" | <inclusion-exclusion> <value-set>
    <inclusion-exclusion>     ::= "in" | "notin"
    <value-set>               ::= "(" <values> ")"
    <values>                  ::= VALUE | VALUE "," <values>
    <exact-match-restriction> ::= ["="|"=="|"!="|">"|"<"] VALUE

Each ``Requirement`` compiles its ``matches`` once (a frozenset or a single value, the integer
bound for ``gt``/``lt``), so matching a listing costs one dict lookup per requirement per object.

Field selectors port ``pkg/fields/selector.go`` (``=``, ``==``, ``!=``, backslash escapes) plus the
per-kind field label conversion funcs of kubernetes ``pkg/apis/*/v1/conversion.go`` and the
registries' ``ToSelectableFields``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from enum import IntEnum
from functools import lru_cache
from typing import Any

from cluster_core.api.errors import FieldError, forbidden, invalid_value, required
from cluster_core.api.names import (
    is_qualified_name,
    is_valid_label_value,
    validate_label_name,
    validate_labels,
)


class SelectorError(ValueError):
    """A selector the server rejects; ``str()`` is upstream's exact error text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# selection.Operator spellings (pkg/selection/operator.go).
DOES_NOT_EXIST = "!"
EQUALS = "="
DOUBLE_EQUALS = "=="
IN = "in"
NOT_EQUALS = "!="
NOT_IN = "notin"
EXISTS = "exists"
GREATER_THAN = "gt"
LESS_THAN = "lt"

BINARY_OPERATORS = (IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN)
UNARY_OPERATORS = (EXISTS, DOES_NOT_EXIST)
VALID_REQUIREMENT_OPERATORS = BINARY_OPERATORS + UNARY_OPERATORS

# metav1.LabelSelectorOperator -> selection.Operator (LabelSelectorAsSelector).
LABEL_SELECTOR_OPERATORS = {"In": IN, "NotIn": NOT_IN, "Exists": EXISTS, "DoesNotExist": DOES_NOT_EXIST}

_MISSING = object()
_INT64_RE = re.compile(r"[+-]?[0-9]+")
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


# --- Go rendering helpers ------------------------------------------------------------------------


def go_quote(s: str) -> str:
    """strconv.Quote (Go's ``%q``): ``\\x01``-style escapes for control bytes, printable runes kept."""
    out = ['"']
    for ch in s:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        elif ch in _GO_ESCAPES:
            out.append(_GO_ESCAPES[ch])
        else:
            code = ord(ch)
            if code < 0x80:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_GO_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def _go_string_slice(values: list[str] | None) -> str:
    """``%#v`` of a []string, as field errors render it in v1.33 (``[]string(nil)`` for nil)."""
    if values is None:
        return "[]string(nil)"
    return "[]string{" + ", ".join(go_quote(v) for v in values) + "}"


def _invalid(path: str, rendered_value: str, detail: str) -> str:
    return f"{path}: Invalid value: {rendered_value}: {detail}"


def _aggregate(messages: list[str]) -> str:
    """utilerrors.Aggregate.Error(): one message as is, several deduplicated inside ``[...]``."""
    unique = list(dict.fromkeys(messages))
    if len(unique) == 1:
        return unique[0]
    return "[" + ", ".join(unique) + "]"


def _child(path: str | None, name: str) -> str:
    return name if path is None else f"{path}.{name}"


def parse_int64(s: str) -> int | None:
    """strconv.ParseInt(s, 10, 64): optional sign, ASCII digits only, int64 range; else None."""
    if not _INT64_RE.fullmatch(s):
        return None
    n = int(s)
    return n if _INT64_MIN <= n <= _INT64_MAX else None


# --- Requirement ---------------------------------------------------------------------------------


def _compile(key: str, op: str, values: tuple[str, ...]) -> Callable[[Mapping[str, str]], bool]:
    """One predicate per requirement, precomputed so a listing pays only a dict lookup."""
    if op in (IN, EQUALS, DOUBLE_EQUALS):
        if len(values) == 1:
            (only,) = values
            return lambda ls: ls.get(key, _MISSING) == only
        members = frozenset(values)
        return lambda ls: ls.get(key, _MISSING) in members
    if op in (NOT_IN, NOT_EQUALS):
        if len(values) == 1:
            (only,) = values
            return lambda ls: ls.get(key, _MISSING) != only
        members = frozenset(values)
        return lambda ls: ls.get(key, _MISSING) not in members
    if op == EXISTS:
        return lambda ls: key in ls
    if op == DOES_NOT_EXIST:
        return lambda ls: key not in ls
    if op in (GREATER_THAN, LESS_THAN):
        bound = parse_int64(values[0]) if len(values) == 1 else None
        if bound is None:
            return lambda ls: False
        greater = op == GREATER_THAN

        def compare(ls: Mapping[str, str]) -> bool:
            raw = ls.get(key)
            if raw is None:
                return False
            n = parse_int64(raw)
            if n is None:
                return False
            return n > bound if greater else n < bound

        return compare
    return lambda ls: False


class Requirement:
    """A key, a selection operator and the values, with Requirement.Matches precompiled."""

    __slots__ = ("key", "operator", "values", "_match")

    def __init__(self, key: str, operator: str, values: Iterable[str] = ()) -> None:
        self.key = key
        self.operator = operator
        self.values: tuple[str, ...] = tuple(values)
        self._match = _compile(key, operator, self.values)

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        """Requirement.Matches: ``notin``/``!=``/``!`` hold for objects without the key."""
        return self._match(labels or {})

    def __str__(self) -> str:
        op = self.operator
        if op == DOES_NOT_EXIST:
            return "!" + self.key
        if op == EXISTS:
            return self.key
        values = self.values[0] if len(self.values) == 1 else ",".join(sorted(self.values))
        if op in (IN, NOT_IN):
            return f"{self.key} {op} ({values})"
        symbol = {GREATER_THAN: ">", LESS_THAN: "<"}.get(op, op)
        return f"{self.key}{symbol}{values}"

    def __repr__(self) -> str:
        return f"Requirement({self.key!r}, {self.operator!r}, {list(self.values)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Requirement):
            return NotImplemented
        return (self.key, self.operator, self.values) == (other.key, other.operator, other.values)

    def __hash__(self) -> int:
        return hash((self.key, self.operator, self.values))


def new_requirement(
    key: str, operator: str, values: list[str] | None, path: str | None = None
) -> Requirement:
    """labels.NewRequirement: validates and raises SelectorError with the aggregated field errors.

    ``values=None`` stands for a nil slice, which field errors render as ``[]string(nil)``.
    """
    errs: list[str] = []
    key_msgs = is_qualified_name(key)
    if key_msgs:
        errs.append(_invalid(_child(path, "key"), go_quote(key), "; ".join(key_msgs)))
    vals = values or []
    values_path = _child(path, "values")
    if operator in (IN, NOT_IN):
        if not vals:
            errs.append(
                _invalid(
                    values_path,
                    _go_string_slice(values),
                    "for 'in', 'notin' operators, values set can't be empty",
                )
            )
    elif operator in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS):
        if len(vals) != 1:
            errs.append(
                _invalid(
                    values_path,
                    _go_string_slice(values),
                    "exact-match compatibility requires one single value",
                )
            )
    elif operator in (EXISTS, DOES_NOT_EXIST):
        if vals:
            errs.append(
                _invalid(
                    values_path,
                    _go_string_slice(values),
                    "values set must be empty for exists and does not exist",
                )
            )
    elif operator in (GREATER_THAN, LESS_THAN):
        if len(vals) != 1:
            errs.append(
                _invalid(
                    values_path,
                    _go_string_slice(values),
                    "for 'Gt', 'Lt' operators, exactly one value is required",
                )
            )
        for i, v in enumerate(vals):
            if parse_int64(v) is None:
                errs.append(
                    _invalid(
                        f"{values_path}[{i}]",
                        go_quote(v),
                        "for 'Gt', 'Lt' operators, the value must be an integer",
                    )
                )
    else:
        supported = ", ".join(go_quote(o) for o in VALID_REQUIREMENT_OPERATORS)
        errs.append(
            f"{_child(path, 'operator')}: Unsupported value: {go_quote(operator)}: supported values: {supported}"
        )
    for i, v in enumerate(vals):
        msgs = is_valid_label_value(v)
        if msgs:
            errs.append(_invalid(f"{values_path}[{i}][{key}]", go_quote(v), "; ".join(msgs)))
    if errs:
        raise SelectorError(_aggregate(errs))
    return Requirement(key, operator, vals)


# --- Selector ------------------------------------------------------------------------------------


class Selector:
    """The AND of its requirements (sorted by key); the empty selector matches everything.

    ``Selector.nothing()`` (what a nil LabelSelector converts to) matches nothing.
    """

    __slots__ = ("requirements", "_nothing", "_preds")

    def __init__(self, requirements: Iterable[Requirement] = (), *, nothing: bool = False) -> None:
        self.requirements: tuple[Requirement, ...] = tuple(requirements)
        self._nothing = nothing
        self._preds = tuple(r._match for r in self.requirements)

    @staticmethod
    def everything() -> Selector:
        return EVERYTHING

    @staticmethod
    def nothing() -> Selector:
        return NOTHING

    @property
    def empty(self) -> bool:
        """Selector.Empty: true when it does not restrict anything (Nothing is not empty)."""
        return not self._nothing and not self.requirements

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        if self._nothing:
            return False
        ls = labels or {}
        for pred in self._preds:
            if not pred(ls):
                return False
        return True

    def add(self, *requirements: Requirement) -> Selector:
        """Selector.Add: a new selector with the requirements merged and stable-sorted by key."""
        merged = sorted(self.requirements + requirements, key=lambda r: r.key)
        return Selector(merged)

    def requires_exact_match(self, label: str) -> str | None:
        """RequiresExactMatch: the single value ``label`` must have (=, == or a one-value in), else None."""
        for r in self.requirements:
            if r.key == label:
                if r.operator in (EQUALS, DOUBLE_EQUALS, IN) and len(r.values) == 1:
                    return r.values[0]
                return None
        return None

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)

    def __repr__(self) -> str:
        if self._nothing:
            return "Selector.nothing()"
        return f"Selector({list(self.requirements)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Selector):
            return NotImplemented
        return (self._nothing, self.requirements) == (other._nothing, other.requirements)

    def __hash__(self) -> int:
        return hash((self._nothing, self.requirements))


EVERYTHING = Selector()
NOTHING = Selector(nothing=True)


def selector_from_set(labels: Mapping[str, str] | None) -> Selector:
    """SelectorFromValidatedSet: ``k=v`` for every pair, no validation (nil or empty: everything)."""
    if not labels:
        return EVERYTHING
    return Selector(Requirement(k, EQUALS, (labels[k],)) for k in sorted(labels))


# --- Lexer ---------------------------------------------------------------------------------------


class Token(IntEnum):
    """selector.go's token kinds, in upstream order (ERROR is the zero value)."""

    ERROR = 0
    END_OF_STRING = 1
    CLOSED_PAR = 2
    COMMA = 3
    DOES_NOT_EXIST = 4
    DOUBLE_EQUALS = 5
    EQUALS = 6
    GREATER_THAN = 7
    IDENTIFIER = 8
    IN = 9
    LESS_THAN = 10
    NOT_EQUALS = 11
    NOT_IN = 12
    OPEN_PAR = 13


STRING_TO_TOKEN = {
    ")": Token.CLOSED_PAR,
    ",": Token.COMMA,
    "!": Token.DOES_NOT_EXIST,
    "==": Token.DOUBLE_EQUALS,
    "=": Token.EQUALS,
    ">": Token.GREATER_THAN,
    "in": Token.IN,
    "<": Token.LESS_THAN,
    "!=": Token.NOT_EQUALS,
    "notin": Token.NOT_IN,
    "(": Token.OPEN_PAR,
}

_WHITESPACE = frozenset(" \t\r\n")
_SPECIAL = frozenset("=!(),><")
_NUL = "\0"


class Lexer:
    """selector.go's Lexer; ``read`` yields NUL at the end, and a real NUL byte acts the same way."""

    def __init__(self, s: str) -> None:
        self.s = s
        self.pos = 0

    def read(self) -> str:
        if self.pos < len(self.s):
            ch = self.s[self.pos]
            self.pos += 1
            return ch
        return _NUL

    def unread(self) -> None:
        self.pos -= 1

    def scan_id_or_keyword(self) -> tuple[Token, str]:
        buffer = []
        while True:
            ch = self.read()
            if ch == _NUL:
                break
            if ch in _SPECIAL or ch in _WHITESPACE:
                self.unread()
                break
            buffer.append(ch)
        s = "".join(buffer)
        return STRING_TO_TOKEN.get(s, Token.IDENTIFIER), s

    def scan_special_symbol(self) -> tuple[Token, str]:
        last: tuple[Token, str] = (Token.ERROR, "")
        buffer = ""
        while True:
            ch = self.read()
            if ch == _NUL:
                break
            if ch in _SPECIAL:
                buffer += ch
                token = STRING_TO_TOKEN.get(buffer)
                if token is not None:
                    last = (token, buffer)
                elif last[0] != Token.ERROR:
                    self.unread()
                    break
            else:
                self.unread()
                break
        if last[0] == Token.ERROR:
            return Token.ERROR, f"error expected: keyword found '{buffer}'"
        return last

    def lex(self) -> tuple[Token, str]:
        ch = self.read()
        while ch in _WHITESPACE:
            ch = self.read()
        if ch == _NUL:
            return Token.END_OF_STRING, ""
        self.unread()
        if ch in _SPECIAL:
            return self.scan_special_symbol()
        return self.scan_id_or_keyword()


def lex_all(s: str) -> list[tuple[Token, str]]:
    """Parser.scan: every token up to and including the first END_OF_STRING."""
    lexer = Lexer(s)
    items = []
    while True:
        item = lexer.lex()
        items.append(item)
        if item[0] == Token.END_OF_STRING:
            return items


# --- Parser --------------------------------------------------------------------------------------

_KEY_AND_OPERATOR, _VALUES = 0, 1
_TOKEN_TO_OPERATOR = {
    Token.IN: IN,
    Token.EQUALS: EQUALS,
    Token.DOUBLE_EQUALS: DOUBLE_EQUALS,
    Token.GREATER_THAN: GREATER_THAN,
    Token.LESS_THAN: LESS_THAN,
    Token.NOT_IN: NOT_IN,
    Token.NOT_EQUALS: NOT_EQUALS,
}


class _Parser:
    """selector.go's Parser; in the Values context ``in``/``notin`` are plain identifiers."""

    def __init__(self, s: str) -> None:
        self.items = lex_all(s)
        self.position = 0

    def lookahead(self, context: int) -> tuple[Token, str]:
        tok, lit = self.items[min(self.position, len(self.items) - 1)]
        if context == _VALUES and tok in (Token.IN, Token.NOT_IN):
            tok = Token.IDENTIFIER
        return tok, lit

    def consume(self, context: int) -> tuple[Token, str]:
        item = self.lookahead(context)
        self.position += 1
        return item

    def parse(self) -> list[Requirement]:
        requirements: list[Requirement] = []
        while True:
            tok, lit = self.lookahead(_VALUES)
            if tok in (Token.IDENTIFIER, Token.DOES_NOT_EXIST):
                try:
                    requirements.append(self.parse_requirement())
                except SelectorError as err:
                    raise SelectorError(f"unable to parse requirement: {err.message}") from None
                t, lit = self.consume(_VALUES)
                if t == Token.END_OF_STRING:
                    return requirements
                if t == Token.COMMA:
                    t2, lit2 = self.lookahead(_VALUES)
                    if t2 not in (Token.IDENTIFIER, Token.DOES_NOT_EXIST):
                        raise SelectorError(f"found '{lit2}', expected: identifier after ','")
                else:
                    raise SelectorError(f"found '{lit}', expected: ',' or 'end of string'")
            elif tok == Token.END_OF_STRING:
                return requirements
            else:
                raise SelectorError(f"found '{lit}', expected: !, identifier, or 'end of string'")

    def parse_requirement(self) -> Requirement:
        key, operator = self.parse_key_and_infer_operator()
        if operator in (EXISTS, DOES_NOT_EXIST):
            return new_requirement(key, operator, [])
        operator = self.parse_operator()
        if operator in (IN, NOT_IN):
            values = self.parse_values()
        else:
            values = self.parse_exact_value()
        return new_requirement(key, operator, sorted(values))

    def parse_key_and_infer_operator(self) -> tuple[str, str]:
        operator = ""
        tok, literal = self.consume(_VALUES)
        if tok == Token.DOES_NOT_EXIST:
            operator = DOES_NOT_EXIST
            tok, literal = self.consume(_VALUES)
        if tok != Token.IDENTIFIER:
            raise SelectorError(f"found '{literal}', expected: identifier")
        msgs = is_qualified_name(literal)
        if msgs:
            # The parser's field.Path is nil, and (*Path)(nil).String() is "<nil>".
            raise SelectorError(_invalid("<nil>", go_quote(literal), "; ".join(msgs)))
        t, _ = self.lookahead(_VALUES)
        if t in (Token.END_OF_STRING, Token.COMMA) and operator != DOES_NOT_EXIST:
            operator = EXISTS
        return literal, operator

    def parse_operator(self) -> str:
        tok, lit = self.consume(_KEY_AND_OPERATOR)
        op = _TOKEN_TO_OPERATOR.get(tok)
        if op is None:
            raise SelectorError(f"found '{lit}', expected: {', '.join(BINARY_OPERATORS)}")
        return op

    def parse_values(self) -> set[str]:
        tok, lit = self.consume(_VALUES)
        if tok != Token.OPEN_PAR:
            raise SelectorError(f"found '{lit}' expected: '('")
        tok, lit = self.lookahead(_VALUES)
        if tok in (Token.IDENTIFIER, Token.COMMA):
            values = self.parse_identifiers_list()
            if self.consume(_VALUES)[0] != Token.CLOSED_PAR:
                raise SelectorError(f"found '{lit}', expected: ')'")
            return values
        if tok == Token.CLOSED_PAR:
            self.consume(_VALUES)
            return {""}
        raise SelectorError(f"found '{lit}', expected: ',', ')' or identifier")

    def parse_identifiers_list(self) -> set[str]:
        values: set[str] = set()
        while True:
            tok, lit = self.consume(_VALUES)
            if tok == Token.IDENTIFIER:
                values.add(lit)
                tok2, lit2 = self.lookahead(_VALUES)
                if tok2 == Token.COMMA:
                    continue
                if tok2 == Token.CLOSED_PAR:
                    return values
                raise SelectorError(f"found '{lit2}', expected: ',' or ')'")
            if tok == Token.COMMA:
                if not values:
                    values.add("")  # "(,"
                tok2, _ = self.lookahead(_VALUES)
                if tok2 == Token.CLOSED_PAR:
                    values.add("")  # ",)"
                    return values
                if tok2 == Token.COMMA:
                    self.consume(_VALUES)
                    values.add("")  # ",,"
            else:
                raise SelectorError(f"found '{lit}', expected: ',', or identifier")

    def parse_exact_value(self) -> set[str]:
        tok, _ = self.lookahead(_VALUES)
        if tok in (Token.END_OF_STRING, Token.COMMA):
            return {""}
        tok, lit = self.consume(_VALUES)
        if tok == Token.IDENTIFIER:
            return {lit}
        raise SelectorError(f"found '{lit}', expected: identifier")


@lru_cache(maxsize=512)
def parse(selector: str) -> Selector:
    """labels.Parse: the ``-l`` string to a Selector, or SelectorError with upstream's message."""
    requirements = _Parser(selector).parse()
    return Selector(sorted(requirements, key=lambda r: r.key))


# --- LabelSelector objects (metav1) --------------------------------------------------------------


def from_label_selector(obj: Mapping[str, Any] | None) -> Selector:
    """metav1.LabelSelectorAsSelector: nil matches nothing, ``{}`` matches everything.

    Raises SelectorError for an unknown operator or a requirement NewRequirement rejects.
    Go walks matchLabels in random order; sorted keys make the first error deterministic.
    """
    if obj is None:
        return NOTHING
    match_labels = obj.get("matchLabels") or {}
    expressions = obj.get("matchExpressions") or []
    if not match_labels and not expressions:
        return EVERYTHING
    requirements = [new_requirement(k, EQUALS, [match_labels[k]]) for k in sorted(match_labels)]
    for expr in expressions:
        op = LABEL_SELECTOR_OPERATORS.get(expr.get("operator", ""))
        if op is None:
            raise SelectorError(
                f"{go_quote(str(expr.get('operator', '')))} is not a valid label selector operator"
            )
        values = list(expr.get("values") or []) or None  # append([]string(nil), ...) stays nil
        requirements.append(new_requirement(expr.get("key", ""), op, values))
    return EVERYTHING.add(*requirements)


def format_label_selector(obj: Mapping[str, Any] | None) -> str:
    """metav1.FormatLabelSelector: kubectl's SELECTOR column; ``<none>`` when empty, ``<error>`` if invalid."""
    try:
        text = str(from_label_selector(obj))
    except SelectorError:
        return "<error>"
    return text or "<none>"


def validate_label_selector(
    obj: Mapping[str, Any] | None, path: str, *, allow_invalid_label_value: bool = False
) -> list[FieldError]:
    """ValidateLabelSelector (meta/v1/validation): matchLabels, then each expression's operator, key, values."""
    if obj is None:
        return []
    errs = validate_labels(obj.get("matchLabels") or {}, f"{path}.matchLabels")
    for i, expr in enumerate(obj.get("matchExpressions") or []):
        base = f"{path}.matchExpressions[{i}]"
        op = expr.get("operator", "")
        values = list(expr.get("values") or [])
        if op in ("In", "NotIn"):
            if not values:
                errs.append(
                    required(f"{base}.values", "must be specified when `operator` is 'In' or 'NotIn'")
                )
        elif op in ("Exists", "DoesNotExist"):
            if values:
                errs.append(
                    forbidden(
                        f"{base}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
                    )
                )
        else:
            errs.append(invalid_value(f"{base}.operator", op, "not a valid selector operator"))
        errs.extend(validate_label_name(expr.get("key", ""), f"{base}.key"))
        if not allow_invalid_label_value:
            for j, value in enumerate(values):
                errs.extend(
                    invalid_value(f"{base}.values[{j}]", value, m) for m in is_valid_label_value(value)
                )
    return errs


# --- Field selectors -----------------------------------------------------------------------------


def _get(obj: Mapping[str, Any], *path: str) -> Any:
    cur: Any = obj
    for part in path:
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


def _text(*path: str) -> Callable[[Mapping[str, Any]], str]:
    if len(path) == 2:  # the common case (metadata.name, status.phase), without the generic walk
        outer, inner = path

        def get2(obj: Mapping[str, Any]) -> str:
            cur = obj.get(outer)
            v = cur.get(inner) if isinstance(cur, dict) else None
            return "" if v is None else str(v)

        return get2

    def get(obj: Mapping[str, Any]) -> str:
        v = _get(obj, *path)
        return "" if v is None else str(v)

    return get


def _boolean(*path: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda obj: "true" if _get(obj, *path) else "false"


def _integer(*path: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda obj: str(int(_get(obj, *path) or 0))


def _pod_ip(obj: Mapping[str, Any]) -> str:
    """PodToSelectableFields reads PodIPs[0]; v1 podIP is authoritative when both are set."""
    ip = _get(obj, "status", "podIP")
    if ip:
        return str(ip)
    ips = _get(obj, "status", "podIPs") or []
    return str(ips[0].get("ip", "")) if ips and isinstance(ips[0], Mapping) else ""


def _event_source(obj: Mapping[str, Any]) -> str:
    return _text("source", "component")(obj) or _text("reportingComponent")(obj)


_META_GETTERS = {
    "metadata.name": _text("metadata", "name"),
    "metadata.namespace": _text("metadata", "namespace"),
}


class _KindFields:
    """One kind's field label conversion (accepted labels, aliases, error) and its selectable fields."""

    def __init__(
        self,
        accepted: Iterable[str],
        getters: Mapping[str, Callable[[Mapping[str, Any]], str]],
        reject: Callable[[str], str] = lambda label: f"field label not supported: {label}",
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self.accepted = frozenset(accepted)
        self.getters = {**_META_GETTERS, **getters}
        self.reject = reject
        self.aliases = dict(aliases or {})

    def convert(self, label: str) -> str:
        if label in self.aliases:
            return self.aliases[label]
        if label in self.accepted:
            return label
        raise SelectorError(self.reject(label))


_DEFAULT_KIND_FIELDS = _KindFields(
    ("metadata.name", "metadata.namespace"),
    {},
    reject=lambda label: (
        f'{go_quote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"'
    ),
)

_EVENT_TEXT_FIELDS = (
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "type",
)

KIND_FIELDS: dict[str, _KindFields] = {
    "Pod": _KindFields(
        (
            "metadata.name",
            "metadata.namespace",
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
        ),
        {
            "spec.nodeName": _text("spec", "nodeName"),
            "spec.restartPolicy": _text("spec", "restartPolicy"),
            "spec.schedulerName": _text("spec", "schedulerName"),
            "spec.serviceAccountName": _text("spec", "serviceAccountName"),
            "spec.hostNetwork": _boolean("spec", "hostNetwork"),
            "status.phase": _text("status", "phase"),
            "status.podIP": _pod_ip,
            "status.nominatedNodeName": _text("status", "nominatedNodeName"),
        },
        aliases={"spec.host": "spec.nodeName"},
    ),
    "Node": _KindFields(
        ("metadata.name", "spec.unschedulable"), {"spec.unschedulable": _boolean("spec", "unschedulable")}
    ),
    "Namespace": _KindFields(("status.phase", "metadata.name"), {"status.phase": _text("status", "phase")}),
    "ReplicationController": _KindFields(
        ("metadata.name", "metadata.namespace", "status.replicas"),
        {"status.replicas": _integer("status", "replicas")},
    ),
    "Event": _KindFields(
        (*_EVENT_TEXT_FIELDS, "source", "metadata.namespace", "metadata.name"),
        {**{f: _text(*f.split(".")) for f in _EVENT_TEXT_FIELDS}, "source": _event_source},
    ),
    "Secret": _KindFields(("type", "metadata.namespace", "metadata.name"), {"type": _text("type")}),
    "Service": _KindFields(
        ("metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"),
        {"spec.clusterIP": _text("spec", "clusterIP"), "spec.type": _text("spec", "type")},
    ),
    "Job": _KindFields(
        ("metadata.name", "metadata.namespace", "status.successful"),
        {"status.successful": _integer("status", "succeeded")},
        reject=lambda label: f"field label {go_quote(label)} not supported for batchv1.Job",
    ),
}


def kind_fields(kind: str) -> _KindFields:
    """The conversion func registered for a kind; kinds without one (apps/v1) get the metadata-only default."""
    return KIND_FIELDS.get(kind, _DEFAULT_KIND_FIELDS)


def _empty_field(obj: Mapping[str, Any]) -> str:
    return ""


def _escape_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")


def _unescape_value(value: str) -> str:
    """fields.UnescapeValue, with its two error texts (the rune is printed as its code point)."""
    if not any(c in value for c in "\\,="):
        return value
    out = []
    in_slash = False
    for c in value:
        if in_slash:
            if c in "\\,=":
                out.append(c)
            else:
                raise SelectorError(f"invalid field selector: invalid escape sequence: \\{c}")
            in_slash = False
        elif c == "\\":
            in_slash = True
        elif c in ",=":
            raise SelectorError(f"invalid field selector: unescaped character in value: {ord(c)}")
        else:
            out.append(c)
    if in_slash:
        raise SelectorError("invalid field selector: invalid escape sequence: \\")
    return "".join(out)


def _split_terms(selector: str) -> list[str]:
    """fields.splitTerms: commas split, backslash-escaped commas do not (escapes kept)."""
    if not selector:
        return []
    terms = []
    start = 0
    in_slash = False
    for i, c in enumerate(selector):
        if in_slash:
            in_slash = False
        elif c == "\\":
            in_slash = True
        elif c == ",":
            terms.append(selector[start:i])
            start = i + 1
    terms.append(selector[start:])
    return terms


def _split_term(term: str) -> tuple[str, str, str] | None:
    """fields.splitTerm: the first position where ``!=``, ``==`` or ``=`` starts."""
    for i in range(len(term)):
        for op in ("!=", "==", "="):
            if term.startswith(op, i):
                return term[:i], op, term[i + len(op) :]
    return None


class FieldSelector:
    """A parsed ``--field-selector``: the AND of ``field=value`` / ``field!=value`` terms."""

    __slots__ = ("terms", "_compiled")

    def __init__(self, terms: Iterable[tuple[str, str, str]] = ()) -> None:
        self.terms: tuple[tuple[str, str, str], ...] = tuple(terms)
        self._compiled: dict[str, tuple[tuple[Callable[[Mapping[str, Any]], str], bool, str], ...]] = {}

    @property
    def empty(self) -> bool:
        return not self.terms

    def for_kind(self, kind: str) -> FieldSelector:
        """Selector.Transform through the kind's conversion func, as the server does before listing.

        Raises SelectorError with the server's words (``field label not supported: foo``).
        """
        fields = kind_fields(kind)
        return FieldSelector((fields.convert(f), op, v) for f, op, v in self.terms)

    def _compile(self, kind: str) -> tuple[tuple[Callable[[Mapping[str, Any]], str], bool, str], ...]:
        fields = kind_fields(kind)
        compiled = []
        for field, op, value in self.terms:
            getter = fields.getters.get(fields.convert(field), _empty_field)
            compiled.append((getter, op == "=", value))
        return tuple(compiled)

    def matches(self, obj: Mapping[str, Any], kind: str | None = None) -> bool:
        """Match one object; the kind (default ``obj["kind"]``) decides which fields exist.

        A label the kind's conversion func rejects raises SelectorError (the server's 400); an
        accepted field the kind never sets (``status.podIPs``) reads as ``""``, like fields.Set.Get.
        """
        kind = kind if kind is not None else str(obj.get("kind", ""))
        compiled = self._compiled.get(kind)
        if compiled is None:
            compiled = self._compiled[kind] = self._compile(kind)
        for getter, equal, value in compiled:
            if (getter(obj) == value) != equal:
                return False
        return True

    def __str__(self) -> str:
        return ",".join(f"{f}{'=' if op == '=' else '!='}{_escape_value(v)}" for f, op, v in self.terms)

    def __repr__(self) -> str:
        return f"FieldSelector({list(self.terms)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FieldSelector):
            return NotImplemented
        return self.terms == other.terms

    def __hash__(self) -> int:
        return hash(self.terms)


def parse_field_selector(selector: str, kind: str | None = None) -> FieldSelector:
    """fields.ParseSelector (terms sorted, ``==`` kept as ``=``); with ``kind`` also converted for it."""
    terms = []
    for part in sorted(_split_terms(selector)):
        if not part:
            continue
        split = _split_term(part)
        if split is None:
            raise SelectorError(f"invalid selector: '{selector}'; can't understand '{part}'")
        lhs, op, rhs = split
        terms.append((lhs, "!=" if op == "!=" else "=", _unescape_value(rhs)))
    parsed = FieldSelector(terms)
    return parsed.for_kind(kind) if kind is not None else parsed
