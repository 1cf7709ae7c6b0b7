"""POSIX regular expressions (grep's basic and extended, sed's, awk's) translated to Python's ``re``.

In a basic expression (BRE) ``\\( \\) \\{ \\} \\| \\+ \\?`` are the operators and the bare
characters are literal; an extended one (ERE) is the other way round. Bracket expressions keep
backslashes literal and know ``[:alpha:]``-style classes. GNU's messages come out for the
usual mistakes (``grep: Unmatched [, [^, [:, [., or [=``).
"""

from __future__ import annotations

import re
from typing import Any

import regex as regex_mod

CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": " \\t\\n\\r\\f\\v", "blank": " \\t", "xdigit": "0-9A-Fa-f", "cntrl": "\\x00-\\x1f\\x7f",
    "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"), "print": "\\x20-\\x7e", "graph": "\\x21-\\x7e",
}
BRE_OPERATORS = {"(": "(", ")": ")", "{": "{", "}": "}", "|": "|", "+": "+", "?": "?"}
ESCAPES = {"w": "\\w", "W": "\\W", "s": "\\s", "S": "\\S", "b": "\\b", "B": "\\B", "<": "\\b(?=\\w)",
           ">": "\\b(?<=\\w)", "`": "\\A", "'": "\\Z"}


class RegexError(Exception):
    """A pattern GNU would reject; the message is GNU's."""


def translate(pattern: str, *, extended: bool) -> str:
    out: list[str] = []
    i = 0
    depth = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                raise RegexError("Trailing backslash")
            e = pattern[i + 1]
            i += 2
            if not extended and e in BRE_OPERATORS:
                depth += {"(": 1, ")": -1}.get(e, 0)
                if depth < 0:
                    raise RegexError("Unmatched ) or \\)")
                out.append(BRE_OPERATORS[e])
            elif e in ESCAPES:
                out.append(ESCAPES[e])
            elif e.isdigit() and e != "0":
                out.append("\\" + e)
            else:
                out.append(re.escape(e))
            continue
        if c == "[":
            if i == len(pattern) - 1:
                raise RegexError("Invalid regular expression")
            end, text = _bracket(pattern, i)
            out.append(text)
            i = end
            continue
        if extended and c == ")" and depth == 0:
            out.append("\\)")  # GNU takes an unmatched ) literally in an ERE
        elif extended and c in "()":
            depth += 1 if c == "(" else -1
            out.append(c)
        elif c == "*" and out and out[-1] in ("*", "+", "?"):
            pass  # a** is a*
        elif c == "*" and (not out or out[-1] in ("(", "|", "^")):
            out.append("\\*")
        elif c in "+?{|" and extended and (not out or out[-1] in ("(", "|")):
            out.append(re.escape(c)) if c != "|" else out.append(c)
        elif c in "(){}|+?" and not extended:
            out.append(re.escape(c))
        elif c == "^" and not extended and out and out[-1] not in ("(", "|"):
            out.append("\\^")
        elif c == "$" and not extended and i + 1 < len(pattern) and not pattern.startswith("\\)", i + 1) \
                and not pattern.startswith("\\|", i + 1):
            out.append("\\$")
        else:
            out.append(c)
        i += 1
    if depth > 0:
        raise RegexError("Unmatched ( or \\(")
    return "".join(out)


def _bracket(pattern: str, i: int) -> tuple[int, str]:
    """A bracket expression starting at ``pattern[i] == '['``: (index after it, Python text)."""
    j = i + 1
    out = ["["]
    if j < len(pattern) and pattern[j] == "^":
        out.append("^")
        j += 1
    first = True
    while j < len(pattern):
        c = pattern[j]
        if c == "]" and not first:
            out.append("]")
            return j + 1, "".join(out)
        first = False
        if pattern.startswith("[:", j):
            end = pattern.find(":]", j + 2)
            name = pattern[j + 2:end] if end >= 0 else ""
            if name not in CLASSES:
                raise RegexError("Invalid character class name" if end >= 0 else
                                 "Unmatched [, [^, [:, [., or [=")
            out.append(CLASSES[name])
            j = end + 2
            continue
        out.append("\\" + c if c in "\\[]^" else c)
        j += 1
    raise RegexError("Unmatched [, [^, [:, [., or [=")


# Python's backtracking engine can take forever on patterns like (a*)*b; a student's grep must
# not hang a server. Matching goes through the ``regex`` module, whose calls take a time limit.
MATCH_TIMEOUT_SECONDS = 0.5


class RegexTooComplex(Exception):
    """A match that ran past its time limit; ``shell_message`` is what the program prints."""

    shell_message = "regular expression too complex for this playground (it took too long to match)"


class GuardedPattern:
    """A compiled pattern whose every match call is bounded in time."""

    def __init__(self, pattern: Any) -> None:
        self._p = pattern
        self.pattern = pattern.pattern

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        try:
            result = getattr(self._p, name)(*args, timeout=MATCH_TIMEOUT_SECONDS, **kwargs)
            return list(result) if name == "finditer" else result
        except TimeoutError:
            raise RegexTooComplex(RegexTooComplex.shell_message) from None

    def search(self, *a: Any, **k: Any) -> Any:
        return self._call("search", *a, **k)

    def match(self, *a: Any, **k: Any) -> Any:
        return self._call("match", *a, **k)

    def fullmatch(self, *a: Any, **k: Any) -> Any:
        return self._call("fullmatch", *a, **k)

    def sub(self, *a: Any, **k: Any) -> Any:
        return self._call("sub", *a, **k)

    def subn(self, *a: Any, **k: Any) -> Any:
        return self._call("subn", *a, **k)

    def finditer(self, *a: Any, **k: Any) -> Any:
        return iter(self._call("finditer", *a, **k))

    def findall(self, *a: Any, **k: Any) -> Any:
        return self._call("findall", *a, **k)

    def split(self, *a: Any, **k: Any) -> Any:
        return self._call("split", *a, **k)


def guarded_compile(body: str, ignore_case: bool = False) -> GuardedPattern:
    """Compile ``body`` (Python ``re`` syntax) for bounded matching; raises ``re.error`` when invalid."""
    re.compile(body)  # the same syntax errors, and messages, as before
    return GuardedPattern(regex_mod.compile(body, regex_mod.IGNORECASE if ignore_case else 0))


def compile_pattern(pattern: str, *, extended: bool, fixed: bool = False, ignore_case: bool = False,
                    word: bool = False, line: bool = False) -> re.Pattern[str]:
    """Compile one grep-style pattern; newlines in it separate alternatives, as in grep."""
    alternatives = pattern.split("\n")
    parts = [re.escape(p) if fixed else translate(p, extended=extended) for p in alternatives]
    body = "|".join(f"(?:{p})" for p in parts)
    if word:
        body = f"(?<!\\w)(?:{body})(?!\\w)"
    if line:
        body = f"^(?:{body})$"
    try:
        return guarded_compile(body, ignore_case)  # type: ignore[return-value]
    except re.error as err:
        if "nothing to repeat" in str(err) or "multiple repeat" in str(err):
            raise RegexError("Invalid preceding regular expression") from None
        if "missing )" in str(err):
            raise RegexError("Unmatched ( or \\(") from None
        raise RegexError("Invalid regular expression") from None
