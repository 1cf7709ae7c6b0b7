"""``-o yaml`` exactly as kubectl writes it: sigs.k8s.io/yaml turns the object's JSON into YAML with
go-yaml v2 (line width 80, indentless lists, ``|``/``|-`` blocks, single quotes when plain is
impossible). What kubectl's go-yaml decides differently from a stock YAML library is decided here:

- keys are sorted the go-yaml way (digit runs compare as numbers, non-letters before letters);
- a string is double-quoted when go-yaml would read it back as something else (``"true"``,
  ``"123"``, ``""``, ``"2026-01-01T00:00:05Z"``, ``"1e3"``, ``"y"``, ``"10:30"``);
- numbers are written as Go writes them (``2`` for 2.0, ``1e+21``).

The text is written directly from the JSON-like data (dict with string keys, list, str, int,
float, bool, None), because PyYAML's representer, serializer and emitter spend about 5 µs per
node (half a second for ``kubectl get pods -o yaml`` on 100 pods). The block layout is simple
enough to write here; each scalar's text is what PyYAML's emitter would write (``goyaml_scalar``
ports it), computed once per distinct string and reused while it cannot depend on the column
(nothing to fold at 80 columns, no ``|`` block). ``goyaml_reference`` keeps the PyYAML path as the
oracle the tests compare with, byte for byte.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from . import goyaml_scalar as _sc
from .gofmt import format_float_g

_MAP_WORDS = frozenset(
    "y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF "
    "~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF".split())
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_GO_FLOAT = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_TIMESTAMPS = (
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$"),
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$"),
    re.compile(r"^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$"),
)
_INT_BASES = (("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2))


def _go_parse_int(s: str) -> bool:
    """Whether ``strconv.ParseInt(s, 0, 64)`` or ``ParseUint`` accepts ``s``."""
    body = s[1:] if s[:1] in "+-" else s
    base = 10
    for prefix, b in _INT_BASES:
        if body.startswith(prefix):
            body, base = body[2:], b
            break
    else:
        if len(body) > 1 and body[0] == "0":
            body, base = body[1:], 8
    if not body:
        return False
    try:
        v = int(body, base)
    except ValueError:
        return False
    if s[:1] == "-":
        return v <= 2**63
    return v < 2**64


@functools.lru_cache(maxsize=8192)
def resolves_to_non_string(s: str) -> bool:
    """go-yaml v2 ``resolve("", s)`` gives a tag other than ``!!str``, or ``s`` is a base-60 float."""
    if s == "":
        return True
    c = s[0]
    if c in "yYnNtTfFoO~":
        return s in _MAP_WORDS
    if c == ".":
        return s in _MAP_WORDS or bool(_GO_FLOAT.match(s))
    if c in "+-" or c.isdigit():
        if s in _MAP_WORDS or any(p.match(s) for p in _TIMESTAMPS):
            return True
        plain = s.replace("_", "")
        if _go_parse_int(plain) or _FLOAT.match(plain):
            return True
        return ":" in s and bool(_BASE60.match(s))
    return False


def _int64(n: int) -> int:
    return (n + 2**63) % 2**64 - 2**63


def _key_less(a: str, b: str) -> bool:
    """go-yaml v2 ``keyList.Less`` for two string keys."""
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            continue
        al, bl = ca.isalpha(), cb.isalpha()  # unicode.IsLetter
        if al and bl:
            return ca < cb
        if al or bl:
            return bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdecimal():  # unicode.IsDigit is the Nd category
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdecimal():
            an = _int64(an * 10 + ord(a[ai]) - 48)  # Go: an*10 + int64(r-'0'), wrapping
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdecimal():
            bn = _int64(bn * 10 + ord(b[bi]) - 48)
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
    return len(a) < len(b)


def sorted_keys(keys: list[str]) -> list[str]:
    """Keys in go-yaml's order (a stable insertion sort on ``_key_less``; keys are distinct)."""
    return list(_sorted_keys(tuple(keys)))


@functools.lru_cache(maxsize=4096)
def _sorted_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    # Objects repeat the same key sets over and over (every container status, every condition).
    return tuple(sorted(keys, key=functools.cmp_to_key(
        lambda x, y: -1 if _key_less(x, y) else (1 if _key_less(y, x) else 0))))




# ---- the writer -------------------------------------------------------------------------------
#
# Layout (PyYAML's block emitter with indent 2, as go-yaml writes it): a mapping at indent I puts
# each key on its own line at column I; a value that is a scalar or an empty collection follows
# ``key:`` after one space; a mapping value starts on the next line at I+2; a list value starts
# on the next line at I itself (the indentless ``- item``). A list item that is a collection
# starts on the ``-`` line (``- key: v``, ``- - x``) and continues at the dash's column + 2.
# Every writer below leaves the output at the end of its last line: whoever writes next starts
# with the line break. A ``|`` block is the one scalar that ends with a line break of its own;
# it is written without it (or, when it ends in a break other than ``\n``, with a ``_GLUE``
# that swallows the next line break) and the whole text is fixed up once at the end.

_FREE = 1 << 60  # "no column makes this text fold"
_GLUE = "\0"  # never written otherwise: NUL is always escaped in double quotes
_MAX_CACHE = 50_000
_SIMPLE = re.compile(r"[A-Za-z0-9_/](?:[A-Za-z0-9_./@=+:-]*[A-Za-z0-9_./@=+-])?")


class _Marker(str):
    """An empty string told apart by identity: a ``|+`` block (or a plain root scalar) written last
    leaves the document open, and PyYAML then ends the stream with ``...``."""


_OPEN_END = _Marker("")


class _Pads(dict):
    """``"\\n" + " " * indent``, computed once per indent."""

    def __missing__(self, indent: int) -> str:
        self[indent] = pad = "\n" + " " * indent
        return pad


_NL = _Pads()


class _Entry:
    """A scalar's style and, when it may be reused, its text after a ``:`` or ``-`` (leading space
    included); ``limit`` is the last starting column at which that text cannot fold."""

    __slots__ = ("text", "limit", "style")

    def __init__(self, text: str | None, limit: int, style: str) -> None:
        self.text, self.limit, self.style = text, limit, style


_STR_ENTRIES: dict[str, _Entry] = {}
_NUM_ENTRIES: dict[str, _Entry] = {}
_UNKNOWN = object()
_KEYS: dict[str, str | None] = {}
_LAYOUTS: dict[tuple[tuple[str, ...], int], tuple[tuple[str, str, int], ...] | None] = {}


def _requested_style(s: str) -> str | None:
    """The style ``goyaml_reference``'s string representer asks for."""
    if "\n" in s:
        return "|"
    return '"' if resolves_to_non_string(s) else None


def _remember(cache: dict, key: Any, value: Any) -> Any:
    if len(cache) >= _MAX_CACHE:  # a long-running server sees endless uids: start over
        cache.clear()
    cache[key] = value
    return value


def _make_entry(s: str, requested: str | None) -> _Entry:
    if requested is None and _SIMPLE.fullmatch(s):
        return _Entry(" " + s, _FREE, "")
    analysis = _sc.analyze(s)
    style = _sc.choose_style(analysis, requested)
    if style == "|" or analysis.multiline:  # lines are indented: the text depends on the indent
        return _Entry(None, -1, style)
    text = _sc.render(s, style, column=0, indent=_sc.INDENT, split=False)
    may_fold = " " in s or (style == '"' and len(text) != len(s) + 3)  # a space, or an escape
    return _Entry(text, _sc.WIDTH - len(text) if may_fold else _FREE, style)


def _str_entry(s: str) -> _Entry:
    e = _STR_ENTRIES.get(s)
    return e if e is not None else _remember(_STR_ENTRIES, s, _make_entry(s, _requested_style(s)))


def _num_entry(text: str) -> _Entry:
    e = _NUM_ENTRIES.get(text)
    return e if e is not None else _remember(_NUM_ENTRIES, text, _make_entry(text, None))


def _float_text(f: float) -> str:
    if math.isnan(f):
        return ".nan"
    if math.isinf(f):
        return ".inf" if f > 0 else "-.inf"
    if f == int(f) and abs(f) < 1e21 and -(2**63) <= int(f) < 2**64:
        return str(int(f))  # JSON writes it without a dot: go-yaml reads an int
    return format_float_g(f)


def _scalar_entry(v: Any) -> tuple[str, _Entry]:
    """The text of a scalar value and its entry; anything not JSON-like is refused."""
    t = type(v)
    if t is str:
        return v, _str_entry(v)
    if t is bool:
        text = "true" if v else "false"
    elif t is int:
        text = str(v)
    elif t is float:
        text = _float_text(v)
    elif v is None:
        text = "null"
    else:
        raise TypeError(f"goyaml: cannot represent a {t.__name__} ({v!r:.80})")
    return text, _num_entry(text)


def _write_scalar(out: list[str], text: str, e: _Entry, column: int, indent: int,
                  *, root: bool = False) -> None:
    """A scalar starting at ``column`` (continuation lines at ``indent``), reused when possible."""
    if column <= e.limit and not root:
        out.append(e.text)
        return
    s = _sc.render(text, e.style, column=column, indent=indent, whitespace=root)
    if e.style == "|":
        s = s[:-1] if s.endswith("\n") else s + _GLUE
        out.append(s)
        if _sc.block_hints(text).endswith("+"):
            out.append(_OPEN_END)
        return
    out.append(s)
    if root and e.style == "":
        out.append(_OPEN_END)


def _key_text(key: Any) -> str | None:
    """A key as written before its ``:``, or None when it must be a ``? key`` (empty, several
    lines, or 123 characters and more: PyYAML counts the ``!!str`` tag in its 128 limit)."""
    if type(key) is str:
        known = _KEYS.get(key, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # a str, or None for a ? key
        if _SIMPLE.fullmatch(key) and not resolves_to_non_string(key):
            return _remember(_KEYS, key, key if len(key) < 123 else None)
    text, e = _scalar_entry(key)
    analysis = _sc.analyze(text)
    if analysis.empty or analysis.multiline or len(text) >= 123:
        kt = None
    else:
        kt = _sc.render(text, e.style, column=0, indent=_sc.INDENT, whitespace=True, split=False)
    return _remember(_KEYS, key, kt) if type(key) is str else kt


def _layout(keys: tuple[str, ...], indent: int) -> tuple[tuple[str, str, int], ...] | None:
    """Per key in go-yaml order: the key, what precedes its value (``key:``, after a line break
    and the indent but for the first key) and the column its value starts at; None when a key
    is not a plain string key on one line."""
    if any(type(k) is not str for k in keys):
        return None
    rows = []
    for k in _sorted_keys(keys):
        kt = _key_text(k)
        if kt is None:
            return _remember(_LAYOUTS, (keys, indent), None)
        rows.append((k, (_NL[indent] if rows else "") + kt + ":", indent + len(kt) + 1))
    return _remember(_LAYOUTS, (keys, indent), tuple(rows))


def _map(d: dict, indent: int, out: list[str]) -> None:
    """A non-empty mapping at ``indent``; its first key goes where the output stands."""
    keys = tuple(d)
    rows = _LAYOUTS.get((keys, indent), False)
    if rows is False:
        rows = _layout(keys, indent)
    if rows is None:
        return _map_general(d, indent, out)
    append = out.append
    entries = _STR_ENTRIES
    inner = indent + 2
    for k, prefix, col in rows:
        v = d[k]
        t = type(v)
        if t is str:
            e = entries.get(v) or _str_entry(v)
            if col <= e.limit:
                append(prefix + e.text)
            else:
                append(prefix)
                _write_scalar(out, v, e, col, inner)
        elif t is dict:
            if v:
                append(prefix + _NL[inner])
                _map(v, inner, out)
            else:
                append(prefix + " {}")
        elif t is list:
            if v:
                append(prefix + _NL[indent])
                _seq(v, indent, out)
            else:
                append(prefix + " []")
        elif t is bool:
            append(prefix + (" true" if v else " false"))
        elif t is int:
            append(prefix + " " + str(v))
        elif v is None:
            append(prefix + " null")
        else:
            append(prefix)
            _value(v, indent, col, out)
    return None


def _seq(items: list | tuple, indent: int, out: list[str]) -> None:
    """A non-empty list whose dashes are at ``indent``; the first dash goes where the output stands."""
    append = out.append
    entries = _STR_ENTRIES
    dash, next_dash = "-", _NL[indent] + "-"
    col, inner = indent + 1, indent + 2
    for v in items:
        t = type(v)
        if t is str:
            e = entries.get(v) or _str_entry(v)
            if col <= e.limit:
                append(dash + e.text)
            else:
                append(dash)
                _write_scalar(out, v, e, col, inner)
        elif t is dict:
            if v:
                append(dash + " ")
                _map(v, inner, out)
            else:
                append(dash + " {}")
        else:
            append(dash)
            _item(v, indent, out)
        dash = next_dash


def _value(v: Any, indent: int, column: int, out: list[str]) -> None:
    """The value of a ``key:`` in a mapping at ``indent``; ``column`` is where the ``:`` ends."""
    t = type(v)
    if t is dict or t is list or t is tuple:
        if not v:
            out.append(" {}" if t is dict else " []")
        elif t is dict:
            out.append(_NL[indent + 2])
            _map(v, indent + 2, out)
        else:
            out.append(_NL[indent])
            _seq(v, indent, out)
        return
    text, e = _scalar_entry(v)
    _write_scalar(out, text, e, column, indent + 2)


def _item(v: Any, indent: int, out: list[str]) -> None:
    """What follows an indicator (``-``, ``?`` or ``:``) at ``indent``, on the same line."""
    t = type(v)
    if t is dict or t is list or t is tuple:
        if not v:
            out.append(" {}" if t is dict else " []")
            return
        out.append(" ")
        if t is dict:
            _map(v, indent + 2, out)
        else:
            _seq(v, indent + 2, out)
        return
    text, e = _scalar_entry(v)
    _write_scalar(out, text, e, indent + 1, indent + 2)


def _map_general(d: dict, indent: int, out: list[str]) -> None:
    """A mapping with a key that is not a one-line string: ``? key`` on its own, then ``: value``."""
    for i, k in enumerate(sorted_keys(list(d))):
        if i:
            out.append(_NL[indent])
        kt = _key_text(k)
        if kt is not None:
            out.append(kt + ":")
            _value(d[k], indent, indent + len(kt) + 1, out)
            continue
        text, e = _scalar_entry(k)
        out.append("?")
        _write_scalar(out, text, e, indent + 1, indent + 2)
        out.append(_NL[indent] + ":")
        _item(d[k], indent, out)


def dump(obj: Any) -> str:
    """``yaml.Marshal`` as kubectl calls it: the whole document, ending in a newline."""
    out: list[str] = []
    t = type(obj)
    if t is dict and obj:
        _map(obj, 0, out)
    elif (t is list or t is tuple) and obj:
        _seq(obj, 0, out)
    elif t is dict or t is list or t is tuple:
        out.append("{}" if t is dict else "[]")
    else:
        text, e = _scalar_entry(obj)
        _write_scalar(out, text, e, 0, _sc.INDENT, root=True)
    if out[-1] is _OPEN_END:
        out.append("\n...")
    out.append("\n")
    text = "".join(out)
    return text.replace(_GLUE + "\n", "") if _GLUE in text else text
