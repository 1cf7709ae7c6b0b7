"""Resource quantities as describe prints them: apimachinery ``resource.Quantity``'s canonical form.

kubectl never echoes the string a user wrote: it parses ``"1024Mi"`` and prints ``String()``,
which is ``1Gi``. The rules ported here (``CanonicalizeBytes``): zero is ``0``; a decimal value
prints as the smallest integer mantissa with an exponent that is a multiple of 3 (``1.5`` ->
``1500m``, ``2.5k`` -> ``2500``); a binary value prints with the largest ``Ki``/``Mi``/... suffix that
leaves an integer, or as a decimal when it is not a whole number or is below 1024. Sums keep the
format of the first operand, as ``Quantity.Add`` does. Values are exact fractions, rounded up to
nano units on parsing like the real parser.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

DECIMAL_SI = "DecimalSI"
BINARY_SI = "BinarySI"
DECIMAL_EXPONENT = "DecimalExponent"

_DEC_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_DEC_BY_EXP = {v: k for k, v in _DEC_SUFFIXES.items()}
_BIN_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_BIN_BY_EXP = {v: k for k, v in _BIN_SUFFIXES.items()}
_RE = re.compile(r"^([+-]?)(\d*)(?:\.(\d*))?(.*)$")
_NANO = Fraction(1, 10**9)


class Quantity:
    """An exact value plus the format it prints in (``DecimalSI``, ``BinarySI`` or ``DecimalExponent``)."""

    __slots__ = ("value", "format")

    def __init__(self, value: Fraction | int = 0, fmt: str = DECIMAL_SI) -> None:
        self.value = Fraction(value)
        self.format = fmt

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(self.value + other.value, self.format)

    def __str__(self) -> str:
        return _canonical(self.value, self.format)

    def __repr__(self) -> str:
        return f"Quantity({str(self)!r})"

    def milli_value(self) -> int:
        """MilliValue: thousandths, rounded up."""
        return math.ceil(self.value * 1000)

    def int_value(self) -> int:
        """Value: whole units, rounded up."""
        return math.ceil(self.value)


ZERO = Quantity()


def parse(text: object) -> Quantity:
    """ParseQuantity for a string (or a JSON number); an unparsable value counts as zero."""
    s = str(text).strip()
    m = _RE.match(s)
    if not m or (not m.group(2) and not m.group(3)):
        return Quantity()
    sign, whole, frac, suffix = m.groups()
    frac = frac or ""
    base = Fraction(int((whole or "0") + frac), 10 ** len(frac))
    if suffix in _BIN_SUFFIXES:
        value, fmt = base * 2 ** _BIN_SUFFIXES[suffix], BINARY_SI
    elif suffix in _DEC_SUFFIXES:
        value, fmt = base * Fraction(10) ** _DEC_SUFFIXES[suffix], DECIMAL_SI
    elif suffix[:1] in ("e", "E") and re.fullmatch(r"[+-]?\d+", suffix[1:]):
        value, fmt = base * Fraction(10) ** int(suffix[1:]), DECIMAL_EXPONENT
    else:
        return Quantity()
    if value.denominator > 10**9:  # the real parser keeps nano precision, rounding up
        value = math.ceil(value / _NANO) * _NANO
    return Quantity(-value if sign == "-" else value, fmt)


def _canonical(value: Fraction, fmt: str) -> str:
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    v = abs(value)
    if fmt == BINARY_SI and v >= 1024 and v.denominator == 1:
        n, exp = v.numerator, 0
        while n % 1024 == 0 and exp < 60:
            n, exp = n // 1024, exp + 10
        return f"{sign}{n}{_BIN_BY_EXP.get(exp, '')}"
    if fmt == BINARY_SI:
        fmt = DECIMAL_SI
    mantissa, exp = _decimal(v)
    if fmt == DECIMAL_EXPONENT:
        return f"{sign}{mantissa}" + (f"e{exp}" if exp else "")
    return f"{sign}{mantissa}{_DEC_BY_EXP.get(exp, '')}"


def _decimal(v: Fraction) -> tuple[int, int]:
    """An integer mantissa and an exponent that is a multiple of 3, without trailing zero digits."""
    exp = 0
    while v.denominator != 1:
        v *= 10
        exp -= 1
    n = v.numerator
    while n % 10 == 0:
        n //= 10
        exp += 1
    shift = exp % 3  # Python's modulo is non-negative: lower the exponent to a multiple of 3
    return n * 10**shift, exp - shift


def resource_list(obj: dict[str, object] | None) -> dict[str, Quantity]:
    """A ResourceList (``{"cpu": "100m"}``) parsed into quantities."""
    return {name: parse(v) for name, v in (obj or {}).items()}


def add_into(target: dict[str, Quantity], new: dict[str, Quantity]) -> None:
    """addResourceList: sum per resource name, the first value seen fixing the format."""
    for name, q in new.items():
        target[name] = target[name] + q if name in target else Quantity(q.value, q.format)


def max_into(target: dict[str, Quantity], new: dict[str, Quantity]) -> None:
    """maxResourceList: keep the larger value per resource name."""
    for name, q in new.items():
        if name not in target or q.value > target[name].value:
            target[name] = Quantity(q.value, q.format)
