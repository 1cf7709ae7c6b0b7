"""How Go prints the values of an unstructured object (``map[string]interface{}`` from JSON):
``fmt.Sprint`` (``%v``), ``%#v``, ``strconv.Quote`` and ``encoding/json``. kubectl's jsonpath,
custom-columns and ``-o json`` output is made of these, so they are ported rather than
approximated with Python's ``str``/``repr``/``json``."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

_HTML_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _digits(f: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of abs(f) and Go's decimal point position ``dp``."""
    _sign, digits, exp = Decimal(repr(abs(f))).as_tuple()
    raw = "".join(map(str, digits))
    dp = len(raw) + int(exp)
    ds = raw.lstrip("0")
    dp -= len(raw) - len(ds)
    return ds.rstrip("0") or "0", dp


def _e_form(ds: str, dp: int) -> str:
    e = dp - 1
    mant = ds[0] + ("." + ds[1:] if len(ds) > 1 else "")
    return f"{mant}e{'-' if e < 0 else '+'}{abs(e):02d}"


def _f_form(ds: str, dp: int) -> str:
    if dp <= 0:
        return "0." + "0" * (-dp) + ds
    if dp >= len(ds):
        return ds + "0" * (dp - len(ds))
    return ds[:dp] + "." + ds[dp:]


def format_float_g(f: float) -> str:
    """``strconv.FormatFloat(f, 'g', -1, 64)``, also ``fmt``'s ``%v``: ``1.5``, ``1e+06``, ``123456``."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if f == 0:
        return "-0" if math.copysign(1, f) < 0 else "0"
    ds, dp = _digits(f)
    sign = "-" if f < 0 else ""
    exp = dp - 1
    if exp < -4 or exp >= 6:  # shortest formatting decides with precision 6
        return sign + _e_form(ds, dp)
    return sign + _f_form(ds, dp)


def format_float_json(f: float) -> str:
    """``encoding/json``'s float64: plain digits, exponent only below 1e-6 or from 1e21 on."""
    if f == int(f) and abs(f) < 1e21:
        return str(int(f))
    ds, dp = _digits(f)
    sign = "-" if f < 0 else ""
    a = abs(f)
    if a < 1e-6 or a >= 1e21:
        s = _e_form(ds, dp)
        if s[-4:-1] == "e-0":  # Go cleans e-07 up to e-7
            s = s[:-2] + s[-1]
        return sign + s
    return sign + _f_form(ds, dp)


def _json_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False).translate(_HTML_ESCAPES)


def to_json(v: Any, indent: str | None = None, _level: int = 0) -> str:
    """``json.Marshal`` (``indent=None``) or ``json.MarshalIndent(v, "", indent)`` of unstructured
    data: keys sorted, ``<``, ``>``, ``&`` escaped as Go does, whole floats without ``.0``."""
    if isinstance(v, str):
        return _json_str(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return format_float_json(v)
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = sorted(v.items())
        if indent is None:
            return "{" + ",".join(f"{_json_str(k)}:{to_json(x)}" for k, x in items) + "}"
        inner = "\n" + indent * (_level + 1)
        body = ("," + inner).join(f"{_json_str(k)}: {to_json(x, indent, _level + 1)}" for k, x in items)
        return "{" + inner + body + "\n" + indent * _level + "}"
    if isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        if indent is None:
            return "[" + ",".join(to_json(x) for x in v) + "]"
        inner = "\n" + indent * (_level + 1)
        body = ("," + inner).join(to_json(x, indent, _level + 1) for x in v)
        return "[" + inner + body + "\n" + indent * _level + "]"
    raise TypeError(f"cannot encode {type(v).__name__} as JSON")


def sprint(v: Any) -> str:
    """``fmt.Sprint(v)``: ``map[a:1 b:[x y]]``, ``<nil>``, ``1e+06``."""
    if isinstance(v, str):
        return v
    if v is None:
        return "<nil>"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return format_float_g(v)
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{sprint(x)}" for k, x in sorted(v.items())) + "]"
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(sprint(x) for x in v) + "]"
    return str(v)


def quote(s: str) -> str:
    """``strconv.Quote``: Go escapes, printable non-ASCII kept as is."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        elif ch in _C_ESCAPES:
            out.append(_C_ESCAPES[ch])
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def sharp_v(v: Any, *, top: bool = True) -> str:
    """``fmt.Sprintf("%#v", v)`` for unstructured data, as kubectl dumps it in jsonpath errors."""
    if isinstance(v, dict):
        body = ", ".join(f"{quote(k)}:{sharp_v(x, top=False)}" for k, x in sorted(v.items()))
        return "map[string]interface {}{" + body + "}"
    if isinstance(v, (list, tuple)):
        return "[]interface {}{" + ", ".join(sharp_v(x, top=False) for x in v) + "}"
    if v is None:
        return "interface {}(nil)"
    if isinstance(v, str):
        return quote(v)
    return sprint(v)
