"""A student's transcript: what they typed, split into terminal inputs the way bash would read it.

The format is plain UTF-8 text, one terminal line per line::

    # comments and blank lines between inputs are skipped
    cat <<EOF > nginx-manual.yaml       <- a here-document is one input, up to its delimiter
    apiVersion: v1
    ...
    EOF
    kubectl create -f nginx-manual.yaml
    sleep 30                             <- simulated time; the shell does it

A transcript the site hands out (``playground/transcripts.py``) starts with a header of comment
lines, ``# lesson: pods`` and ``# seed: 123``: the lesson it was typed in and the seed of that
cluster. They are read only from the comment lines before the first input; the grader replays
on that seed unless told another, and refuses the transcript for another lesson.

An input ends where bash would stop showing its ``> `` continuation prompt
(the shell's ``needs_more``): a here-document's delimiter line, a closing quote, the line after a
trailing ``|`` or ``\\``. Inside an input, ``#`` lines and blank lines belong to the input (a
comment line in a here-document is YAML's, not ours).

Nothing here trusts the text: its size, line count and number of inputs are capped before any
work is done (:class:`TranscriptError`, the grader's exit status 2), terminal control sequences
and control characters are removed and the removal is noted, and the work spent finding where
inputs end is bounded (an open quote re-parsed on every following line would be quadratic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cluster_core.shell.lexer import ShellSyntaxError
from cluster_core.shell.parser import Parser

MAX_BYTES = 256 * 1024
MAX_LINES = 10_000
MAX_INPUTS = 2_000
MAX_INPUT_CHARS = 64 * 1024  # the shell's own cap on one input (``executor.MAX_INPUT``)
MAX_SCAN_CHARS = 1_000_000  # characters re-parsed to find where inputs end, in all

# ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), ESC + one character (the rest).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# C0 controls but tab and newline, DEL, and the C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WANTED = re.compile(r"\(wanted `(.*)'\)$")
_HEADER = re.compile(r"#\s*(lesson|seed)\s*:\s*(.*?)\s*$")
MAX_SEED = 2**63 - 1


class GradingError(Exception):
    """Input the grader refuses (unknown lesson, unreadable or oversized transcript): exit status 2."""


class TranscriptError(GradingError):
    """A transcript the grader refuses to run (too big, not UTF-8 text); the message says why."""


@dataclass(frozen=True)
class Input:
    """One terminal input and the transcript line it starts on (1-based)."""

    text: str
    line: int


@dataclass(frozen=True)
class Transcript:
    """The inputs to run, in order, and what was changed in the text to get them."""

    inputs: tuple[Input, ...]
    notes: tuple[str, ...] = ()
    lesson: str | None = None  # from a ``# lesson: SLUG`` header line
    seed: int | None = None  # from a ``# seed: N`` header line

    @property
    def lines(self) -> list[str]:
        """The inputs' texts: the command history the lesson checks read."""
        return [i.text for i in self.inputs]


def read_transcript(path: str | Path) -> Transcript:
    """Read and parse a transcript file (``-`` is not handled here); never reads more than the cap."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise TranscriptError(f"cannot read transcript {path}: it is a directory") from None
    except OSError as e:
        raise TranscriptError(f"cannot read transcript {path}: {e.strerror or e}") from None
    return parse_transcript(decode(data))


def decode(data: bytes) -> str:
    """UTF-8 text (a byte order mark is dropped), or a :class:`TranscriptError` saying where it is not."""
    if len(data) > MAX_BYTES:
        raise TranscriptError(f"transcript too large: more than {MAX_BYTES} bytes "
                              f"({MAX_BYTES // 1024} KiB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise TranscriptError(f"transcript is not UTF-8 text: byte 0x{data[e.start]:02x} on line {line}") from None
    return text.removeprefix("\ufeff")


def parse_transcript(text: str) -> Transcript:
    """Split a transcript's text into inputs (see the module docstring); raises :class:`TranscriptError`."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise TranscriptError(f"transcript too large: {size} bytes (at most {MAX_BYTES}, "
                              f"{MAX_BYTES // 1024} KiB)")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) > MAX_LINES:
        raise TranscriptError(f"transcript too long: {len(lines)} lines (at most {MAX_LINES})")
    lines, notes = _clean(lines)
    header = read_header(lines)
    inputs, more_notes = _split(lines)
    if len(inputs) > MAX_INPUTS:
        raise TranscriptError(f"transcript too long: {len(inputs)} inputs (at most {MAX_INPUTS})")
    return Transcript(tuple(inputs), tuple(notes + more_notes), header.get("lesson"), header.get("seed"))


def read_header(lines: list[str]) -> dict[str, Any]:
    """``lesson`` and ``seed`` from the comment lines before the first input (the first of each wins).

    A ``# seed:`` that is not a whole number from 0 to 2**63-1 is a :class:`TranscriptError`:
    grading on another seed than the one the student had would quietly change the names they typed.
    """
    found: dict[str, Any] = {}
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.fullmatch(stripped)
        if m is None or m.group(1) in found:
            continue
        key, value = m.groups()
        if key == "seed":
            if not re.fullmatch(r"[0-9]{1,19}", value) or int(value) > MAX_SEED:
                raise TranscriptError(f"transcript header, line {n}: the seed {value!r} is not a whole "
                                      "number from 0 to 2**63-1")
            found[key] = int(value)
        elif value:
            found[key] = value
    return found


def _clean(lines: list[str]) -> tuple[list[str], list[str]]:
    """Remove escape sequences and control characters, noting how many and on which lines."""
    out: list[str] = []
    removed = 0
    where: list[int] = []
    for n, line in enumerate(lines, 1):
        clean = _CONTROLS.sub("", _ESCAPES.sub("", line))
        if clean != line:
            removed += len(line) - len(clean)
            where.append(n)
        out.append(clean)
    if not removed:
        return out, []
    shown = ", ".join(str(n) for n in where[:5]) + (", ..." if len(where) > 5 else "")
    plural = "s" if len(where) > 1 else ""
    return out, [f"removed {removed} control character{'s' if removed > 1 else ''} "
                 f"(terminal escapes and the like) on line{plural} {shown}"]


def _split(lines: list[str]) -> tuple[list[Input], list[str]]:
    """Group lines into inputs; see :class:`_Splitter`."""
    return _Splitter().split(lines)


class _Splitter:
    """Finds where each input ends with ``Shell.needs_more``, re-parsing as little as it can.

    While a here-document is open only a line equal to its delimiter can end it, so only such a
    line triggers a re-parse; any other continuation (open quote, trailing ``|``) re-parses on
    every line, within ``MAX_SCAN_CHARS`` for the whole transcript.
    """

    def __init__(self) -> None:
        self.scanned = 0
        self.notes: list[str] = []

    def split(self, lines: list[str]) -> tuple[list[Input], list[str]]:
        inputs: list[Input] = []
        buf: list[str] = []
        size = 0
        start = 0
        wanted: list[str] | None = None  # the open here-documents' delimiters, when that is why
        for n, line in enumerate(lines, 1):
            if not buf:
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                start = n
            buf.append(line)
            size += len(line) + 1
            if size > MAX_INPUT_CHARS:
                self.notes.append(f"the input starting on line {start} is longer than {MAX_INPUT_CHARS} "
                                  f"characters and still unfinished on line {n}: it ends there")
            elif wanted and line.lstrip("\t") not in wanted:
                continue
            else:
                more, wanted = self._scan("\n".join(buf))
                if more:
                    continue
            inputs.append(Input("\n".join(buf), start))
            buf, size, wanted = [], 0, None
        if buf:
            inputs.append(Input("\n".join(buf), start))
            self.notes.append(f"the input starting on line {start} is unfinished at the end of the "
                              "transcript (an open quote or here-document): it was run as it is")
        return inputs, self.notes

    def _scan(self, text: str) -> tuple[bool, list[str] | None]:
        """``Shell.needs_more``, and the open here-documents' delimiters when that is all that is open."""
        self.scanned += len(text)
        if self.scanned > MAX_SCAN_CHARS:
            raise TranscriptError("transcript too complex: its unfinished quotes or continuation lines "
                                  f"would need more than {MAX_SCAN_CHARS} characters re-read to find "
                                  "where its inputs end")
        parser = Parser(text)
        wanted: list[str] = []
        try:
            while (unit := parser.parse_unit()) is not None:
                for warning in unit.warnings:
                    if "delimited by end-of-file" in warning:
                        m = _WANTED.search(warning)
                        wanted.append(m.group(1) if m else "")
        except ShellSyntaxError as err:
            return err.incomplete, None
        if not wanted:
            return False, None
        return True, None if "" in wanted else wanted
