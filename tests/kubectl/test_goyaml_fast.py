"""The direct ``-o yaml`` writer (``goyaml.dump``) against the PyYAML path it replaced
(``goyaml_reference.dump``, checked against kubectl 1.33): byte for byte, on random JSON-like
documents full of strings that are hard to write, on every tricky string at every depth, and on a
real 100-pod cluster."""

from __future__ import annotations

import functools
import itertools
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster_core.kubectl.printers import goyaml, goyaml_reference
from cluster_core.kubectl.printers.formats import as_list

TRICKY = [
    "", " ", "  ", "a", "-", "--", "---", "--- x", "...", "... x", "?", "? x", "?x", ":", ": x", "x:", "x: y",
    "x:y", "a #b", "a#b", "#a", "*a", "&a", "!x", "%x", "@x", "`x", "|", ">", "'", "''", '"', "'a'", '"a"',
    "a'b", 'a"b', "a\\b", ",", "a,b", "[a]", "{a}", "a[0]", "~", "null", "Null", "true", "True", "yes", "no",
    "on", "off", "y", "n", "1", "-1", "+1", "1.5", "1e3", "1E3", "0x1F", "0o17", "0b101", "017", "08", "1_000",
    "1:30", "1:60", ".5", ".inf", "-.inf", ".nan", "2026-01-01", "2026-01-01T00:00:05Z", "2026-1-1 1:2:3",
    "1.2.3", "v1", " a", "a ", " a ", "a  b", "a \n", "a\nb", "a\n", "a\n\n", "\n", "\na", " \na", "a\n b",
    "a \nb", "a\n\nb", "\n\n", "a\tb", "\t", "a\rb", "a\r\nb", "\x00", "\x07", "\x1b", "\x7f", "\x85", "a\x85b",
    "\xa0", "a\u2028b", "a\u2029", "\u2028", "\ufeff", "\ud7ff", "\ue000", "\ufffd", "\ud800", "é", "日本語",
    "😀", "a😀 b", "\U0010ffff", "a\n😀\n", "a\n\x00", "a\n\x85", "a\n\u2028", "a\u2028\n", "a\n\t",
    "line one\nline two\n", "trailing space \nx", "tab\tthen\nnewline",
]


def _sentence(width: int, word: int) -> str:
    return " ".join(["w" * (1 + (i * 7) % word) for i in range(width)])


LONG = [
    "x" * 79, "x" * 80, "x" * 81, "x" * 122, "x" * 123, "x" * 200, _sentence(12, 9), _sentence(25, 11),
    _sentence(40, 5), "a " * 60, "a  " * 40, " " + _sentence(20, 9), _sentence(20, 9) + " ",
    "'" + _sentence(20, 9), _sentence(20, 9) + "\n" + _sentence(20, 9), "it's " * 20, '"q" ' * 25,
    "é " * 50, "a\tb " * 30, "\x00 " * 40, "x" * 70 + " " + "y" * 20, "true " * 20,
    "2026-01-01T00:00:05Z " * 5, _sentence(20, 9) + "\n\n", "k" * 122 + "\n",
]


def _same(doc: object) -> None:
    assert goyaml.dump(doc) == goyaml_reference.dump(doc)


@pytest.mark.parametrize("s", TRICKY + LONG)
def test_each_tricky_string_in_every_place(s: str) -> None:
    """A tricky string as a value, list item, key and document, at depths that move it past column 80."""
    _same(s)
    _same([s, [s], {s: s}])
    for depth, key in itertools.product(range(0, 12, 3), ("k", "a" * 30, "a" * 60)):
        doc: object = {key: s, "l": [s, {s: [s]}], "m": {s: {"x": s}}}
        for level in range(depth):
            doc = {key: doc} if level % 3 else [doc, s]
        _same(doc)


STRINGS = st.one_of(
    st.sampled_from(TRICKY + LONG),
    st.text(st.sampled_from(list("ab :#-?'\"\n\r\t\\,[]{}&*!|>%@`~.01eE+x_/é\xa0\x85\u2028\ufeff\x00😀")),
            max_size=12),
    st.builds(lambda ws, sep: sep.join(ws),
              st.lists(st.text(st.sampled_from("abcdefghij'\"#:-é"), min_size=1, max_size=25), max_size=12),
              st.sampled_from([" ", "  ", "\n", " \n", "\n\n", ": ", " #"])),
    st.text(max_size=20),
)
KEYS = st.one_of(st.sampled_from(["a", "b", "name", "a1", "a10", "a2", "B", "_x", "1", "-"]), STRINGS)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(), st.sampled_from([0.5, -0.0, 1e21, 1e20, 1e-7, 123456789.0, 2.0**64]), STRINGS,
)
DOCS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=30,
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_random_documents_match_the_reference(doc: object) -> None:
    """Random JSON-like documents (nested lists and maps, awkward strings) come out byte for byte the same."""
    _same(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STRINGS, st.integers(min_value=0, max_value=20), st.integers(min_value=1, max_value=70))
def test_strings_near_the_fold_column_match_the_reference(s: str, depth: int, key_len: int) -> None:
    """A string whose line reaches column 80 folds where PyYAML's emitter folds it."""
    doc: object = {"k" * key_len: s + " " + s, "items": [s * 3]}
    for _ in range(depth):
        doc = {"n": doc}
    _same(doc)
    _same(as_list([doc, [doc]]))


def test_non_string_scalars_and_roots() -> None:
    """Numbers, booleans, null, empty collections and tuples, at the root and inside."""
    for doc in (None, True, 0, -5, 2**64, 1.5, float("nan"), float("-inf"), 1e21, {}, [], (), (1, "a"),
                {"a": ()}, {"a": [[], {}, [[1]], ({"b": 1},)]}, [[["x"]]], {1: "int key"}):
        _same(doc)


def test_documents_ending_open_get_the_end_marker() -> None:
    """A plain scalar document, or a ``|+`` block written last, ends with ``...`` like PyYAML writes it."""
    assert goyaml.dump("x") == "x\n...\n"
    assert goyaml.dump({"a": "b\n\n"}) == "a: |+\n  b\n\n...\n"
    assert goyaml.dump({"a": "b\n\n", "c": 1}) == "a: |+\n  b\n\nc: 1\n"
    assert goyaml.dump({"a": "b\n\u2028"}) == "a: |+\n  b\n\u2028...\n"


def test_keys_that_cannot_be_simple_use_the_question_mark() -> None:
    """Empty, multi-line and 123-character keys are written as ``? key`` then ``: value``."""
    assert goyaml.dump({"": 1, "a\nb": {"c": [1]}, "k" * 123: "v"}) == (
        '? ""\n: 1\n'
        "? |-\n  a\n  b\n: c:\n  - 1\n"
        "? " + "k" * 123 + "\n: v\n")
    assert goyaml.dump({"k" * 122: "v"}) == "k" * 122 + ": v\n"


def test_refuses_what_json_cannot_hold() -> None:
    """Objects that are not JSON-like raise TypeError instead of being written some other way."""
    for bad in ({"a": object()}, [b"x"], {"a": {1, 2}}):
        with pytest.raises(TypeError):
            goyaml.dump(bad)


def test_caches_start_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the cache limit the caches are emptied and the output stays the same."""
    monkeypatch.setattr(goyaml, "_MAX_CACHE", 5)
    doc = {f"key{i}": [f"value {i} " * i, f"u{i}", {f"x{i}": i}] for i in range(30)}
    _same(doc)
    assert len(goyaml._STR_ENTRIES) <= 5 and len(goyaml._KEYS) <= 5 and len(goyaml._LAYOUTS) <= 5


@functools.cache
def _hundred_pods_list() -> dict:
    from bench.engine import hundred_pods

    pods = [p for p in hundred_pods().server.iter("Pod", "default")]
    return as_list(pods)


def test_real_hundred_pod_cluster_matches_the_reference() -> None:
    """``kubectl get pods -o yaml`` on a simulated 100-pod cluster is the same text as before."""
    doc = _hundred_pods_list()
    assert len(doc["items"]) == 100
    _same(doc)


def test_hundred_pods_take_a_few_milliseconds() -> None:
    """The 100-pod List is written well within the 20 ms budget (CPU time, best of a few runs)."""
    doc = _hundred_pods_list()
    goyaml.dump(doc)
    best = min(_cpu(lambda: goyaml.dump(doc)) for _ in range(7))
    assert best < 0.015, f"{best * 1000:.1f} ms"


def _cpu(fn: Callable[[], object]) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t
