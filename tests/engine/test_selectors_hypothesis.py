"""Property tests for the selector engine: round trips, a reference matcher, and total parsing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_core.api.selectors import (
    Selector,
    SelectorError,
    format_label_selector,
    from_label_selector,
    parse,
    parse_field_selector,
)

KEYS = ["app", "rel", "tier", "in", "notin", "example.com/team", "x"]
VALUES = ["", "a", "beta", "stable", "in", "notin", "1", "7", "42", "v1.2", "a_b-c"]
INTS = ["0", "1", "2", "7", "10", "42", "01"]

keys = st.sampled_from(KEYS)
values = st.sampled_from(VALUES)
spaces = st.sampled_from(["", " ", "  ", "\t", "\n", "\r"])


def parsable_value_list(vals: list[str]) -> bool:
    """Avoid upstream's ``,,)`` quirk: ``(a,,)`` and ``(,,)`` are rejected (tested in test_selectors.py)."""
    return vals == ["", ""] or not any(vals[i] == vals[i + 1] == "" for i in range(len(vals) - 1))


@st.composite
def requirements(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """(key, operator spelling, values) for one requirement the grammar accepts."""
    key = draw(keys)
    op = draw(st.sampled_from(["", "!", "=", "==", "!=", "in", "notin", ">", "<"]))
    if op in ("", "!"):
        return key, op, []
    if op in ("in", "notin"):
        return key, op, draw(st.lists(values, min_size=1, max_size=4).filter(parsable_value_list))
    if op in (">", "<"):
        return key, op, [draw(st.sampled_from(INTS))]
    return key, op, [draw(values)]


def render(reqs: list[tuple[str, str, list[str]]], pad: st.DrawFn) -> str:
    """Write requirements as a user might, with arbitrary whitespace between tokens."""
    parts = []
    for key, op, vals in reqs:
        if op == "":
            text = f"{pad(spaces)}{key}{pad(spaces)}"
        elif op == "!":
            text = f"{pad(spaces)}!{pad(spaces)}{key}{pad(spaces)}"
        elif op in ("in", "notin"):
            inner = ",".join(f"{pad(spaces)}{v}{pad(spaces)}" for v in vals)
            # A leading space keeps the key and the keyword apart.
            text = f"{pad(spaces)}{key} {pad(spaces)}{op} {pad(spaces)}({inner}){pad(spaces)}"
        else:
            text = f"{pad(spaces)}{key}{pad(spaces)}{op}{pad(spaces)}{vals[0]}"
            # A trailing space before a value-less operator's comma is allowed.
            text += pad(spaces) if vals[0] else ""
        parts.append(text)
    return ",".join(parts)


def reference_match(reqs: list[tuple[str, str, list[str]]], labels: dict[str, str]) -> bool:
    """The documented semantics, written as plainly as possible."""
    for key, op, vals in reqs:
        present = key in labels
        value = labels.get(key)
        if op == "":
            ok = present
        elif op == "!":
            ok = not present
        elif op in ("=", "==", "in"):
            ok = present and value in vals
        elif op in ("!=", "notin"):
            ok = not present or value not in vals
        else:
            try:
                n = (
                    int(value)
                    if present and value and value.lstrip("+-").isdigit() and value.isascii()
                    else None
                )
            except ValueError:
                n = None
            bound = int(vals[0])
            ok = n is not None and (n > bound if op == ">" else n < bound)
        if not ok:
            return False
    return True


label_sets = st.dictionaries(keys, st.sampled_from([*VALUES, "-3", "+2", "x1"]), max_size=5)


@settings(max_examples=200)
@given(st.lists(requirements(), max_size=4), st.data())
def test_round_trip(reqs: list[tuple[str, str, list[str]]], data: st.DataObject) -> None:
    """parse(str(parse(s))) equals parse(s), and printing is a fixed point."""
    text = render(reqs, data.draw)
    first = parse(text)
    again = parse(str(first))
    assert again == first
    assert str(again) == str(first)


@settings(max_examples=300)
@given(st.lists(requirements(), max_size=4), label_sets, st.data())
def test_matches_agrees_with_reference(
    reqs: list[tuple[str, str, list[str]]], labels: dict[str, str], data: st.DataObject
) -> None:
    """Selector.matches is the AND of the plain per-operator rules."""
    assert parse(render(reqs, data.draw)).matches(labels) is reference_match(reqs, labels)


SELECTOR_ALPHABET = st.sampled_from(list("=!(),<> \t\nabxyz019-_./:|~\\\"'") + ["in", "notin", "\x00", "ā"])


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=30), st.lists(SELECTOR_ALPHABET, max_size=25).map("".join)))
def test_parse_only_raises_selector_error(text: str) -> None:
    """Any input either parses or raises SelectorError, never another exception."""
    try:
        sel = parse(text)
    except SelectorError as err:
        assert str(err)
    else:
        assert isinstance(sel, Selector)
        assert parse(str(sel)) == sel


@st.composite
def label_selector_objects(draw: st.DrawFn) -> dict:
    """LabelSelector objects with the four operators (values only where allowed)."""
    exprs = []
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["In", "NotIn", "Exists", "DoesNotExist"]))
        expr = {"key": draw(keys), "operator": op}
        if op in ("In", "NotIn"):
            # Unique values: upstream prints ["", "", ""] as "(,,)", which its own parser rejects.
            expr["values"] = draw(st.lists(values, min_size=1, max_size=3, unique=True))
        exprs.append(expr)
    return {"matchLabels": draw(st.dictionaries(keys, values, max_size=3)), "matchExpressions": exprs}


@settings(max_examples=200)
@given(label_selector_objects(), label_sets)
def test_label_selector_string_selects_the_same(obj: dict, labels: dict[str, str]) -> None:
    """FormatLabelSelector's text, parsed as -l, selects exactly what the object selects."""
    sel = from_label_selector(obj)
    text = format_label_selector(obj)
    assert text == (str(sel) or "<none>")
    reparsed = parse("" if text == "<none>" else text)
    assert reparsed.matches(labels) is sel.matches(labels)


field_values = st.text(alphabet=st.sampled_from(list("ab=,\\ -.")), max_size=6)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(["metadata.name", "status.phase", "spec.nodeName"]),
                          st.sampled_from(["=", "!="]), field_values), max_size=3))  # fmt: skip
def test_field_selector_round_trip(terms: list[tuple[str, str, str]]) -> None:
    """A field selector's String() (values escaped) parses back to the same terms."""
    text = ",".join(f"{f}{op}{v.replace(chr(92), chr(92) * 2).replace(',', chr(92) + ',').replace('=', chr(92) + '=')}"
                    for f, op, v in terms)  # fmt: skip
    parsed = parse_field_selector(text)
    assert sorted(parsed.terms) == sorted(terms)
    assert parse_field_selector(str(parsed)) == parsed
