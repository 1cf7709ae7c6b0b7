"""A grade: the JSON that outside checks read, and a table for people.

The JSON has exactly these keys, in this order, and nothing else (tools parse it)::

    {"lesson": slug, "score": int, "max_score": int, "passed": bool,
     "steps": [{"id": str, "title": str, "passed": bool, "message": str}]}

It is the same bytes for the same transcript on every machine: no times, no paths, no versions.
What the grader had to cut short (control characters removed, sleeps capped, the work budget)
goes in ``notes``, which the table shows and the command line prints on stderr with ``--json``.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StepOutcome:
    """One step (or the exercise): passed at some point during the transcript, or what is missing."""

    id: str
    title: str
    passed: bool
    message: str


@dataclass(frozen=True)
class Ran:
    """One input as it ran (kept for ``--verbose``): where it started, its exit status, its output."""

    line: int
    text: str
    exit_code: int
    output: str


@dataclass(frozen=True)
class Report:
    """The verdict on one transcript for one lesson."""

    lesson: str
    title: str
    steps: tuple[StepOutcome, ...]
    notes: tuple[str, ...] = ()
    inputs_run: int = 0
    inputs_total: int = 0
    simulated_seconds: float = 0.0
    ran: tuple[Ran, ...] = field(default=(), repr=False)

    @property
    def score(self) -> int:
        return sum(1 for s in self.steps if s.passed)

    @property
    def max_score(self) -> int:
        return len(self.steps)

    @property
    def passed(self) -> bool:
        return self.score == self.max_score

    def as_dict(self) -> dict[str, Any]:
        return {"lesson": self.lesson, "score": self.score, "max_score": self.max_score,
                "passed": self.passed,
                "steps": [{"id": s.id, "title": s.title, "passed": s.passed, "message": s.message}
                          for s in self.steps]}

    def to_json(self) -> str:
        """The report as JSON text (two-space indent, UTF-8 kept as is, a final newline)."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_table(self) -> str:
        return render_table(self)


def render_table(report: Report) -> str:
    """A plain-text table: one row per step, the score, what ran, and the notes."""
    head = ["#", "Step", "Title", "Result", "What is missing"]
    rows = [[str(i), s.id, s.title, "passed" if s.passed else "FAILED", s.message]
            for i, s in enumerate(report.steps, 1)]
    widths = [max([width(head[c])] + [width(r[c]) for r in rows]) for c in range(4)]
    out = [f"Lesson: {report.lesson} ({report.title})" if report.title else f"Lesson: {report.lesson}", ""]
    out.append(_row(head, widths))
    out.append(_row(["-" * w for w in widths] + ["-" * width(head[4])], widths))
    indent = " " * (sum(widths) + 2 * len(widths))
    for r in rows:
        first, *more = r[4].split("\n") if r[4] else [""]
        out.append(_row(r[:4] + [first], widths))
        out.extend((indent + m).rstrip() for m in more)
    verdict = "passed" if report.passed else "not passed"
    out += ["", f"Score: {report.score}/{report.max_score} ({verdict})",
            f"Ran {report.inputs_run} of {report.inputs_total} inputs; "
            f"{duration(report.simulated_seconds)} of simulated time passed."]
    if report.notes:
        out += ["", "Notes:"] + [f"- {n}" for n in report.notes]
    return "\n".join(out) + "\n"


def _row(cells: list[str], widths: list[int]) -> str:
    padded = [c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=False)]
    return "  ".join(padded + cells[len(widths):]).rstrip()


def width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def duration(seconds: float) -> str:
    """``1h 5m 3s``, ``42s``, ``0s``: whole seconds, the units that are not zero."""
    s = int(round(seconds))
    parts = [(s // 86400, "d"), (s % 86400 // 3600, "h"), (s % 3600 // 60, "m"), (s % 60, "s")]
    shown = [f"{n}{u}" for n, u in parts if n]
    return " ".join(shown) or "0s"
