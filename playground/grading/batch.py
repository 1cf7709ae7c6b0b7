"""Grade a folder of transcripts (one file per student) into a CSV of scores.

Every regular file directly in the folder whose name does not start with ``.`` is a transcript;
the student is the file name without its extension. Files are graded in name order and the CSV
lists them in that order, one row each::

    student,file,score,max_score,passed,<step id>...,notes,error
    alice,alice.txt,7,7,true,1,1,1,1,1,1,1,,
    bob,bob.txt,,,false,,,,,,,,,transcript too large: ...

``notes`` holds what the grader cut short for that transcript (``; ``-separated).

A transcript the grader refuses (too large, not UTF-8) gets a row with its error and no score;
the rest of the class is still graded. Progress goes to stderr as a plain-text bar, redrawn in
place on a terminal and one line per transcript otherwise (a log file stays readable).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from playground.grading.report import Report
from playground.grading.transcript import MAX_BYTES, GradingError, decode

MAX_FILES = 5_000
BAR_WIDTH = 30


@dataclass
class Row:
    """One student's line of the CSV: a report, or the reason there is none."""

    student: str
    file: str
    report: Report | None = None
    error: str = ""


@dataclass
class BatchResult:
    rows: list[Row] = field(default_factory=list)
    step_ids: list[str] = field(default_factory=list)

    @property
    def all_passed(self) -> bool:
        return all(r.report is not None and r.report.passed for r in self.rows)

    def counts(self) -> tuple[int, int, int]:
        """(passed, not passed, not gradable)."""
        ok = sum(1 for r in self.rows if r.report is not None and r.report.passed)
        errors = sum(1 for r in self.rows if r.report is None)
        return ok, len(self.rows) - ok - errors, errors


def transcript_files(folder: str | Path) -> list[Path]:
    """The transcripts in ``folder``, by name; :class:`GradingError` when it cannot be listed."""
    path = Path(folder)
    try:
        entries = sorted(path.iterdir(), key=lambda p: p.name)
    except NotADirectoryError:
        raise GradingError(f"not a folder: {folder}") from None
    except OSError as e:
        raise GradingError(f"cannot read folder {folder}: {e.strerror or e}") from None
    files = [p for p in entries if not p.name.startswith(".") and p.is_file()]
    if len(files) > MAX_FILES:
        raise GradingError(f"too many transcripts in {folder}: {len(files)} (at most {MAX_FILES})")
    return files


def grade_folder(folder: str | Path, grade_one: Callable[[str], Report], step_ids: list[str],
                 progress: TextIO | None = None) -> BatchResult:
    """Grade every transcript in ``folder`` with ``grade_one(text)``; ``step_ids`` are the CSV's columns."""
    files = transcript_files(folder)
    result = BatchResult(step_ids=list(step_ids))
    bar = ProgressBar(len(files), progress) if progress is not None else None
    if bar:
        bar.update(0, "")
    for n, path in enumerate(files, 1):
        row = Row(path.stem or path.name, path.name)
        try:
            row.report = grade_one(_text_of(path))
        except GradingError as e:
            row.error = str(e)
        result.rows.append(row)
        if bar:
            bar.update(n, path.name)
    if bar:
        bar.finish()
    return result


def _text_of(path: Path) -> str:
    """The file's text, checked for size and UTF-8 before grading (never reads past the cap)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise GradingError(f"cannot read transcript {path.name}: {e.strerror or e}") from None
    return decode(data)


def to_csv(result: BatchResult) -> str:
    """The CSV text (``\\n`` line ends, ``true``/``false``, 1/0 per step)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["student", "file", "score", "max_score", "passed", *result.step_ids, "notes", "error"])
    for row in result.rows:
        w.writerow(_cells(row, result.step_ids))
    return buf.getvalue()


def _cells(row: Row, step_ids: list[str]) -> list[Any]:
    r = row.report
    if r is None:
        return [row.student, row.file, "", "", "false", *([""] * len(step_ids)), "", row.error]
    passed = {s.id: s.passed for s in r.steps}
    steps = [("1" if passed[i] else "0") if i in passed else "" for i in step_ids]
    return [row.student, row.file, r.score, r.max_score, "true" if r.passed else "false", *steps,
            "; ".join(r.notes), ""]


class ProgressBar:
    """``[#########.....................] 9/30 alice.txt`` on stderr: redrawn on a terminal, else lines."""

    def __init__(self, total: int, stream: TextIO, width: int = BAR_WIDTH) -> None:
        self.total = total
        self.stream = stream
        self.width = width
        isatty = getattr(stream, "isatty", None)
        self.tty = bool(isatty()) if callable(isatty) else False
        self._shown = 0

    def update(self, done: int, label: str) -> None:
        filled = self.width * done // self.total if self.total else self.width
        text = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total}"
        text = f"{text} {label}" if label else text
        if self.tty:
            self.stream.write("\r" + text + " " * max(0, self._shown - len(text)))
            self._shown = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
