"""History expansion, as an interactive bash does it to each line before parsing: ``!!``, ``!n``, ``!-n``,
``!string``, ``!?string?``, and the word designators ``!$``, ``!^``, ``!*``, ``:n``, ``:n-m``, ``:$``.

Single quotes and a backslash protect a ``!``, as do a following blank, ``=``, ``(``, a closing
double quote, and ``$!``/``${!``. The tutorial's ``kubectl get pod -l '!rel'`` quotes it for this
reason: unquoted, bash answers ``bash: !rel: event not found``. When a line changed, bash shows
it (on stderr) before running it.
"""

from __future__ import annotations

import re

EVENT_END = " \t\n;&|<>()\"'`:"


class HistoryError(Exception):
    """The expansion failed; the message follows ``bash: ``."""


def expand_history(line: str, history: list[str], base: int) -> tuple[str, bool]:
    """The line with its history references replaced, and whether anything was replaced."""
    out: list[str] = []
    single = double = changed = False
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and not single and i + 1 < len(line):
            out.append(line[i:i + 2])
            i += 2
            continue
        if c == "'" and not double:
            single = not single
        elif c == '"' and not single:
            double = not double
        elif c == "!" and not single and not _inhibited(line, i, double):
            text, i = _reference(line, i, history, base)
            out.append(text)
            changed = True
            continue
        out.append(c)
        i += 1
    return "".join(out), changed


def _inhibited(line: str, i: int, double: bool) -> bool:
    nxt = line[i + 1] if i + 1 < len(line) else ""
    if nxt in ("", " ", "\t", "\n", "=", "(") or (double and nxt == '"'):
        return True
    return line[max(0, i - 1):i] == "$" or line[max(0, i - 2):i] == "${"


def _reference(line: str, i: int, history: list[str], base: int) -> tuple[str, int]:
    """Expand the reference starting at ``line[i] == '!'``: (text, index after it)."""
    j = i + 1
    nxt = line[j]
    event: str | None
    if nxt == "!":
        event, j = (history[-1] if history else None), j + 1
    elif nxt in "$^*:":
        event = history[-1] if history else None
    elif m := re.compile(r"-?\d+").match(line, j):
        n = int(m.group())
        index = n - base if n >= 0 else len(history) + n
        event = history[index] if 0 <= index < len(history) else None
        j = m.end()
    elif nxt == "?":
        end = line.find("?", j + 1)
        stop = len(line) if end < 0 else end
        needle = line[j + 1:stop].split("\n")[0]
        event = next((h for h in reversed(history) if needle in h), None)
        j = stop + 1 if end >= 0 else j + 1 + len(needle)
    else:
        k = j
        while k < len(line) and line[k] not in EVENT_END:
            k += 1
        prefix = line[j:k]
        event = next((h for h in reversed(history) if h.startswith(prefix)), None)
        j = k
    if event is None:
        raise HistoryError(f"{line[i:j]}: event not found")
    return _designator(line, j, event)


def _designator(line: str, j: int, event: str) -> tuple[str, int]:
    words = _words(event)
    if j < len(line) and line[j] in "$^*":
        spec, j = line[j], j + 1
    elif line.startswith(":", j) and (m := re.compile(r":(\d+-\d+|\d+-|\d+|[$^*])").match(line, j)):
        spec, j = m.group(1), m.end()
    else:
        return event, j
    last = len(words) - 1
    if spec == "*":
        return " ".join(words[1:]), j
    if spec in ("$", "^"):
        n = last if spec == "$" else 1
        lo, hi = n, n
    elif "-" in spec:
        a, b = spec.split("-")
        lo, hi = int(a), int(b) if b else last - 1
    else:
        lo = hi = int(spec)
    if lo > hi or hi > last or lo < 0:
        raise HistoryError(f":{spec}: bad word specifier" if spec not in "$^" else f"{spec}: bad word specifier")
    return " ".join(words[lo:hi + 1]), j


def _words(line: str) -> list[str]:
    """A history line's words as readline splits them: blanks separate, quotes hold together."""
    return re.findall(r"""(?:[^\s'"\\]|\\.|'[^']*'|"(?:[^"\\]|\\.)*")+""", line)
