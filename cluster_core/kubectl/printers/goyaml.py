"""``-o yaml`` exactly as kubectl writes it: sigs.k8s.io/yaml turns the object's JSON into YAML with
go-yaml v2. PyYAML's emitter is a port of the same libyaml emitter (line width 80, indentless
lists, ``|``/``|-`` blocks, single quotes when plain is impossible); what differs is decided here:

- keys are sorted the go-yaml way (digit runs compare as numbers, non-letters before letters);
- a string is double-quoted when go-yaml would read it back as something else (``"true"``,
  ``"123"``, ``""``, ``"2026-01-01T00:00:05Z"``, ``"1e3"``, ``"y"``, ``"10:30"``);
- numbers are written as Go writes them (``2`` for 2.0, ``1e+21``).
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import yaml

from .gofmt import format_float_g

_STR = "tag:yaml.org,2002:str"

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


def _key_less(a: str, b: str) -> bool:
    """go-yaml v2 ``keyList.Less`` for two string keys."""
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return ca < cb
        if al or bl:
            return bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdigit():
            an = an * 10 + int(a[ai])
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdigit():
            bn = bn * 10 + int(b[bi])
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


class _Dumper(yaml.SafeDumper):
    """A dumper whose resolver knows no implicit types: every scalar is written with the style
    chosen here, and plain text is never re-interpreted by PyYAML's own (YAML 1.1) rules."""

    yaml_implicit_resolvers: dict = {}


def _scalar(dumper: yaml.SafeDumper, text: str, style: str | None = None) -> yaml.ScalarNode:
    return yaml.ScalarNode(_STR, text, style=style)


def _represent_str(dumper: yaml.SafeDumper, s: str) -> yaml.ScalarNode:
    if "\n" in s:
        return _scalar(dumper, s, "|")
    if resolves_to_non_string(s):
        return _scalar(dumper, s, '"')
    return _scalar(dumper, s)


def _represent_float(dumper: yaml.SafeDumper, f: float) -> yaml.ScalarNode:
    if math.isnan(f):
        return _scalar(dumper, ".nan")
    if math.isinf(f):
        return _scalar(dumper, ".inf" if f > 0 else "-.inf")
    if f == int(f) and abs(f) < 1e21 and -(2**63) <= int(f) < 2**64:
        return _scalar(dumper, str(int(f)))  # JSON writes it without a dot: go-yaml reads an int
    return _scalar(dumper, format_float_g(f))


def _represent_dict(dumper: yaml.SafeDumper, d: dict) -> yaml.MappingNode:
    keys = sorted_keys(list(d))
    pairs = [(dumper.represent_data(k), dumper.represent_data(d[k])) for k in keys]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.SequenceNode:
    return yaml.SequenceNode("tag:yaml.org,2002:seq", [dumper.represent_data(x) for x in items],
                             flow_style=False)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(bool, lambda d, v: _scalar(d, "true" if v else "false"))
_Dumper.add_representer(int, lambda d, v: _scalar(d, str(v)))
_Dumper.add_representer(float, _represent_float)
_Dumper.add_representer(type(None), lambda d, v: _scalar(d, "null"))
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(tuple, _represent_list)


def dump(obj: Any) -> str:
    """``yaml.Marshal`` as kubectl calls it: the whole document, ending in a newline."""
    return yaml.dump(obj, Dumper=_Dumper, default_flow_style=False, allow_unicode=True,
                     width=80, indent=2, sort_keys=False)
