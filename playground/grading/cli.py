"""``grade``: the command line of the grader (``python manage.py grade`` calls :func:`main`).

    grade LESSON TRANSCRIPT [--json] [--seed N] [--lang en|zh-Hans] [--verbose]
    grade --batch DIR --csv OUT LESSON

Exit status (:class:`ExitStatus`): 0 every step passed (every transcript, in batch mode), 1 some
step failed (or a transcript of the batch could not be graded), 2 bad input: unknown lesson,
unreadable, oversized or non-UTF-8 transcript, bad arguments, an unreadable folder.
"""

from __future__ import annotations

import argparse
import enum
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from playground.grading.batch import grade_folder, to_csv
from playground.grading.grader import DEFAULT_LANG, find_lesson, grade_transcript
from playground.grading.guard import call_with_cpu_limit
from playground.grading.report import Report
from playground.grading.transcript import MAX_BYTES, GradingError, decode, parse_transcript, read_transcript

DEFAULT_CPU_LIMIT = 60.0
LANGS = ("en", "zh-Hans")


class ExitStatus(enum.IntEnum):
    OK = 0
    FAILED = 1
    BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so ``main`` returns its status."""

    out: TextIO | None = None

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Usage(f"{self.format_usage()}{self.prog}: error: {message}\n")

    def print_help(self, file: TextIO | None = None) -> None:
        super().print_help(file or self.out)


class _Usage(Exception):
    pass


def build_parser(prog: str = "grade") -> _Parser:
    p = _Parser(prog=prog, description="Grade a student's transcript for a lesson: run it on a fresh "
                "simulated cluster and check every step. See docs/grading.md.")
    p.add_argument("lesson", metavar="LESSON", help="the lesson's slug (pods, labels, ...)")
    p.add_argument("transcript", metavar="TRANSCRIPT", nargs="?",
                   help="the transcript file, one terminal input per line ('-': standard input)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--seed", type=int, default=None,
                   help="the cluster's random seed (default: the transcript's '# seed:' header, else 0)")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG, help="language of titles and messages")
    p.add_argument("--verbose", action="store_true",
                   help="print each input and its output on stderr as it ran")
    p.add_argument("--batch", metavar="DIR", help="grade every transcript in DIR (one file per student)")
    p.add_argument("--csv", metavar="OUT", help="with --batch: write the scores to this CSV file")
    p.add_argument("--cpu-limit", type=float, default=DEFAULT_CPU_LIMIT, metavar="SECONDS",
                   help=f"stop a grade after this much CPU (default {DEFAULT_CPU_LIMIT:g}; 0: no limit)")
    return p


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None, stdin: TextIO | None = None, prog: str = "grade") -> int:
    """Run the command; returns the exit status (never raises SystemExit)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser(prog)
    parser.out = out
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        _check(parser, args)
    except _Usage as e:
        err.write(str(e))
        return ExitStatus.BAD_INPUT
    except SystemExit as e:  # --help
        return int(e.code or 0)
    try:
        if args.batch:
            return _batch(args, err)
        return _single(args, out, err, stdin or sys.stdin)
    except GradingError as e:
        err.write(f"{prog}: {e}\n")
        return ExitStatus.BAD_INPUT


def _check(parser: _Parser, args: argparse.Namespace) -> None:
    if args.batch:
        if not args.csv:
            parser.error("--batch needs --csv OUT")
        if args.transcript:
            parser.error("--batch grades a folder: give no TRANSCRIPT")
    elif not args.transcript:
        parser.error("the TRANSCRIPT to grade is missing (or use --batch DIR --csv OUT)")
    elif args.csv:
        parser.error("--csv goes with --batch")
    if args.cpu_limit < 0:
        parser.error("--cpu-limit must be 0 or more")


def _single(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    lesson = find_lesson(args.lesson)
    if args.transcript == "-":
        transcript = parse_transcript(decode(_read_stdin(stdin)))
    else:
        transcript = read_transcript(args.transcript)

    def run() -> Report:
        return grade_transcript(lesson, transcript, seed=args.seed, lang=args.lang, keep_output=args.verbose)

    report = call_with_cpu_limit(run, args.cpu_limit)
    if args.verbose:
        for r in report.ran:
            err.write(f"$ {r.text}\n{r.output}")
            if r.output and not r.output.endswith("\n"):
                err.write("\n")
            err.write(f"[line {r.line}: exit {r.exit_code}]\n")
    if args.json:
        out.write(report.to_json())
        for note in report.notes:
            err.write(f"note: {note}\n")
    else:
        out.write(report.to_table())
    return ExitStatus.OK if report.passed else ExitStatus.FAILED


def _read_stdin(stdin: TextIO) -> bytes:
    buf = getattr(stdin, "buffer", None)
    if buf is not None:
        return buf.read(MAX_BYTES + 1)
    return stdin.read(MAX_BYTES + 1).encode("utf-8", "surrogateescape")


def _batch(args: argparse.Namespace, err: TextIO) -> int:
    lesson = find_lesson(args.lesson)
    step_ids = [s.id for s in lesson.steps] + ([lesson.exercise.id] if lesson.exercise else [])
    out_path = Path(args.csv)
    if out_path.is_dir():
        raise GradingError(f"cannot write {args.csv}: it is a folder")

    def grade_one(text: str) -> Report:
        transcript = parse_transcript(text)
        return call_with_cpu_limit(
            lambda: grade_transcript(lesson, transcript, seed=args.seed, lang=args.lang), args.cpu_limit)

    result = grade_folder(args.batch, grade_one, step_ids, progress=err)
    try:
        out_path.write_text(to_csv(result), encoding="utf-8")
    except OSError as e:
        raise GradingError(f"cannot write {args.csv}: {e.strerror or e}") from None
    ok, failed, errors = result.counts()
    err.write(f"graded {len(result.rows)} transcript{'' if len(result.rows) == 1 else 's'} for {lesson.slug}: "
              f"{ok} passed, {failed} not passed, {errors} not gradable; scores in {args.csv}\n")
    return ExitStatus.OK if result.all_passed else ExitStatus.FAILED


if __name__ == "__main__":
    sys.exit(main())
