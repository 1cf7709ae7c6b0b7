"""Resource quantities: apimachinery's ``resource.Quantity`` (``100m``, ``1Gi``, ``0.5``, ``12e-3``).

One parser and one printer for every reader, so the API server, the scheduler, describe and
``--sort-by`` never disagree about a value: the server validates quantities, rounds requests and
limits up to milli precision and stores the canonical string; the scheduler turns them into
milli-CPU and bytes; describe sums and prints them; ``--sort-by`` compares them.

The grammar and the canonical form follow ``k8s.io/apimachinery/pkg/api/resource/quantity.go``.
Values are exact fractions, rounded up (away from zero) to nano units on parsing as the real
parser does. ``String()`` (``CanonicalizeBytes``): zero is ``0``; a decimal value prints as the
smallest integer mantissa with an exponent that is a multiple of 3 (``1.5`` -> ``1500m``, ``2.5k``
-> ``2500``); a binary value prints with the largest ``Ki``/``Mi``/... suffix that leaves an integer,
or as a decimal when it is not a whole number or is below 1024. Sums keep the format of the first
operand, as ``Quantity.Add`` does.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

DECIMAL_SI = "DecimalSI"
BINARY_SI = "BinarySI"
DECIMAL_EXPONENT = "DecimalExponent"

_QUANTITY_RE = re.compile(r"([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)")
_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_DECIMAL_SUFFIX = {v: k for k, v in _DECIMAL.items()}
_BINARY_SUFFIX = {v: k for k, v in _BINARY.items()}
_NANO = Fraction(1, 10**9)
_MILLI = Fraction(1, 1000)


@dataclass(frozen=True, repr=False)
class Quantity:
    """An exact value plus the format it prints in (``DecimalSI``, ``BinarySI`` or ``DecimalExponent``)."""

    value: Fraction = Fraction(0)
    format: str = DECIMAL_SI

    def __post_init__(self) -> None:
        if not isinstance(self.value, Fraction):
            object.__setattr__(self, "value", Fraction(self.value))

    def __str__(self) -> str:
        return canonical(self)

    def __repr__(self) -> str:
        return f"Quantity({str(self)!r})"

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(self.value + other.value, self.format)

    def milli_value(self) -> int:
        """MilliValue: thousandths, rounded up."""
        return math.ceil(self.value * 1000)

    def int_value(self) -> int:
        """Value: whole units, rounded up."""
        return math.ceil(self.value)


ZERO = Quantity()


def parse_quantity(raw: Any) -> Quantity | None:
    """ParseQuantity for a JSON string or number (surrounding white space trimmed, as
    ``UnmarshalJSON`` does); None when it is not a quantity at all.

    The schema layer reports unparsable strings with upstream's words, so callers only need the
    value. A number-less string such as ``m`` or ``.`` gives None here, although upstream reads it
    as 0 (:func:`parse` does).
    """
    if isinstance(raw, bool) or raw is None:
        return None
    s = str(raw).strip() if not isinstance(raw, float) else repr(raw)
    m = _QUANTITY_RE.fullmatch(s)
    if not m:
        return None
    num, suffix = m.groups()
    try:
        value = Fraction(num)
    except (ValueError, ZeroDivisionError):
        return None
    if suffix in _BINARY:
        fmt, value = BINARY_SI, value * (2 ** _BINARY[suffix])
    elif suffix in _DECIMAL:
        fmt, value = DECIMAL_SI, value * Fraction(10) ** _DECIMAL[suffix]
    elif suffix[:1] in ("e", "E"):
        try:
            exp = int(suffix[1:])
        except ValueError:
            return None
        fmt, value = DECIMAL_EXPONENT, value * Fraction(10) ** exp
    else:
        return None
    return Quantity(_round_up(value, _NANO), fmt)


def parse(raw: Any) -> Quantity:
    """Like :func:`parse_quantity`, but anything that is not a quantity counts as zero (how kubectl's
    printers treat a value the server would not have stored)."""
    q = parse_quantity(raw)
    return ZERO if q is None else q


def _round_up(value: Fraction, unit: Fraction) -> Fraction:
    q = value / unit
    if q.denominator == 1:
        return value
    n = -((-q.numerator) // q.denominator) if q > 0 else q.numerator // q.denominator
    return n * unit


def round_up_milli(q: Quantity) -> Quantity:
    """SetDefaults_ResourceList: requests and limits are rounded up to milli precision."""
    return Quantity(_round_up(q.value, _MILLI), q.format)


def canonical(q: Quantity) -> str:
    """Quantity.String(): CanonicalizeBytes (e.g. ``0.5`` -> ``500m``, ``1024Mi`` -> ``1Gi``)."""
    v = q.value
    if v == 0:
        return "0"
    fmt = q.format
    if fmt == BINARY_SI and (-1024 < v < 1024 or v.denominator != 1):
        fmt = DECIMAL_SI
    if fmt == BINARY_SI:
        n, exp = int(v), 0
        while n % 1024 == 0 and exp < 60:
            n //= 1024
            exp += 10
        return f"{n}{_BINARY_SUFFIX.get(exp, '')}"
    # base 10: strip factors of ten, then make the exponent a multiple of three
    exp = 0
    while v.denominator != 1:
        v *= 10
        exp -= 1
    n = int(v)
    while n != 0 and n % 10 == 0:
        n //= 10
        exp += 1
    r = exp % 3
    if r:
        n *= 10**r
        exp -= r
    if fmt == DECIMAL_EXPONENT:
        return f"{n}e{exp}" if exp else str(n)
    if exp > 18:
        return f"{n * 10 ** (exp - 18)}E"
    return f"{n}{_DECIMAL_SUFFIX[exp]}"


# ---------------------------------------------------------------- resource lists (kubectl's resourcehelper)
def resource_list(obj: dict[str, object] | None) -> dict[str, Quantity]:
    """A ResourceList (``{"cpu": "100m"}``) parsed into quantities (zero for a value that is not one)."""
    return {name: parse(v) for name, v in (obj or {}).items()}


def add_into(target: dict[str, Quantity], new: dict[str, Quantity]) -> None:
    """addResourceList: sum per resource name, the first value seen fixing the format."""
    for name, q in new.items():
        target[name] = target[name] + q if name in target else q


def max_into(target: dict[str, Quantity], new: dict[str, Quantity]) -> None:
    """maxResourceList: keep the larger value per resource name."""
    for name, q in new.items():
        if name not in target or q.value > target[name].value:
            target[name] = q
