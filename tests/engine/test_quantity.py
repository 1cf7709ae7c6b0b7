"""The one resource.Quantity module every reader shares (server, scheduler, describe, --sort-by)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cluster_core.api.quantity import ZERO, Quantity, parse, parse_quantity, round_up_milli
from cluster_core.kubectl.printers.custom_columns import sort_objects
from cluster_core.sim.scheduler import quantity


@pytest.mark.parametrize(("text", "shown"), [
    ("0.0009765625", "976563n"), ("4.7791181193Ki", "4893816954164n"), ("1000E", "1000E"), ("1E", "1E"),
])
def test_values_round_up_to_nano_units_and_print_with_a_suffix(text: str, shown: str) -> None:
    """ParseQuantity keeps nano precision, rounding up, so the canonical form always has a suffix."""
    assert str(parse(text)) == shown


def test_exa_suffixes_are_numbers_for_the_scheduler() -> None:
    """``E`` and ``Ei`` are suffixes (exa, exbi), not a missing exponent."""
    assert quantity("1E") == 1e18
    assert quantity("2Ei") == 2.0 * 2**60


def test_what_is_not_a_quantity() -> None:
    """None for the server's readers; zero for the printers; ``m`` has no number."""
    for raw in ("", "m", ".", "1.5.5", "5e", "1 Gi", "٣", None, True):
        assert parse_quantity(raw) is None
        assert parse(raw) == ZERO


def test_json_numbers_and_milli_rounding() -> None:
    """A JSON number parses like its text; defaulting rounds up to milli precision."""
    assert parse_quantity(0.5) == Quantity(Fraction(1, 2), "DecimalSI")
    assert str(round_up_milli(parse("1001u"))) == "2m"
    assert parse("1500m").milli_value() == 1500 and parse("1.2").int_value() == 2


def test_sort_by_compares_quantities_without_trimming() -> None:
    """--sort-by compares quantity strings by value (1E is huge); `` 1`` is not a quantity there."""
    items = [{"metadata": {"name": n}, "v": v} for n, v in (("a", "1E"), ("b", "2"), ("c", "500m"))]
    assert [o["metadata"]["name"] for o in sort_objects(items, ".v")] == ["c", "b", "a"]
    spaced = [{"metadata": {"name": n}, "v": v} for n, v in (("a", " 1"), ("b", "2"))]
    assert [o["metadata"]["name"] for o in sort_objects(spaced, ".v")] == ["b", "a"]  # natural order
