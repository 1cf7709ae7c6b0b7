"""A student's grep/sed/awk cannot hang the server with a catastrophic regular expression."""

from __future__ import annotations

import time

import pytest

from cluster_core import Playground
from cluster_core.shell import regex
from tests.tutorial_script import NOW

EVIL = [("(a*)*b", "a" * 40 + "!"), ("(a|aa)*c", "a" * 60), ("(x+x+)+y", "x" * 50), ("(.*a){20}", "a" * 19 + "!")]


@pytest.mark.parametrize("pattern,text", EVIL)
def test_pathological_patterns_answer_quickly(pattern: str, text: str) -> None:
    """Each grep ends within a couple of seconds: no match, or a clear 'too complex' message."""
    pg = Playground.new(seed=0, now=NOW)
    start = time.monotonic()
    r = pg.execute(f"echo {text} | grep -E '{pattern}'")
    assert time.monotonic() - start < 5
    assert r.exit_code in (1, 2)
    assert r.stderr in ("", "grep: regular expression too complex for this playground (it took too long to match)\n")


def test_timeout_is_reported_not_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    """When a match runs out of time the program says so and exits 2."""
    monkeypatch.setattr(regex, "MATCH_TIMEOUT_SECONDS", 1e-9)
    pg = Playground.new(seed=0, now=NOW)
    r = pg.execute("echo " + "a" * 5000 + " | grep -E '(a|b)*c'")
    assert r.exit_code == 2
    assert "too complex" in r.stderr
