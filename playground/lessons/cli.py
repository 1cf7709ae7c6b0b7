"""``lessons validate|test|load``: the instructor's tools, as a plain function the Django command calls.

Exit status: 0 when everything is fine, 1 when a lesson has problems or a test failed, 2 for a
bad invocation (unknown command, unknown slug, missing file).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from playground.lessons.loader import default_directory, lesson_files, load_lessons, load_problems
from playground.lessons.model import Problem
from playground.lessons.runner import run_lesson_test
from playground.lessons.validate import validate_file

OK, FAILED, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Usage(message)


class _Usage(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lessons", description="Check and test lesson files.")
    p.add_argument("--dir", help="lesson directory (default: $PLAYGROUND_LESSONS_DIR or lessons/)")
    sub = p.add_subparsers(dest="action", required=True)
    v = sub.add_parser("validate", help="structure, manifests and checks of lesson files")
    v.add_argument("files", nargs="*", help="lesson files (default: every file in the directory)")
    t = sub.add_parser("test", help="run each step's solution on a fresh cluster; checks fail before, pass after")
    t.add_argument("slugs", nargs="*", help="lessons to test (default: all)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("-v", "--verbose", action="store_true", help="list passing steps too")
    sub.add_parser("load", help="validate every lesson file and print a summary")
    return p


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None,
         store: Callable[[list], str] | None = None) -> int:
    """Run ``lessons ARGV``; ``store`` (from the Django command) saves loaded lessons and says what it did."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except _Usage as e:
        err.write(f"lessons: {e}\n")
        return USAGE
    directory = Path(args.dir) if args.dir else default_directory()
    if args.action == "validate":
        return _validate(args.files, directory, out, err)
    if args.action == "test":
        return _test(args.slugs, directory, args.seed, args.verbose, out, err)
    return _load(directory, out, err, store)


def _validate(files: list[str], directory: Path, out: TextIO, err: TextIO) -> int:
    paths = [Path(f) for f in files] if files else lesson_files(directory)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        err.write(f"lessons: no such file: {missing[0]}\n")
        return USAGE
    if not paths:
        err.write(f"lessons: no lesson files in {directory}\n")
        return USAGE
    problems = _validate_paths(paths, out)
    if not files:
        problems += _duplicates(directory, out)
    out.write(f"{len(paths)} file{'s' if len(paths) != 1 else ''}, "
              f"{len(problems)} problem{'s' if len(problems) != 1 else ''}\n")
    return FAILED if problems else OK


def _validate_paths(paths: list[Path], out: TextIO) -> list[Problem]:
    problems: list[Problem] = []
    for p in paths:
        found = validate_file(p)
        for pr in found:
            out.write(f"{pr}\n")
        if not found:
            out.write(f"{p}: ok\n")
        problems += found
    return problems


def _duplicates(directory: Path, out: TextIO) -> list[Problem]:
    dup = [p for p in load_problems(directory) if "is also used by" in p.message]
    for p in dup:
        out.write(f"{p}\n")
    return dup


def _test(slugs: list[str], directory: Path, seed: int, verbose: bool, out: TextIO, err: TextIO) -> int:
    lessons = load_lessons(directory)
    by_slug = {les.slug: les for les in lessons}
    unknown = [s for s in slugs if s not in by_slug]
    if unknown:
        err.write(f"lessons: unknown lesson {unknown[0]!r} (known: {', '.join(by_slug) or 'none'})\n")
        return USAGE
    chosen = [by_slug[s] for s in slugs] if slugs else lessons
    broken = [p for p in load_problems(directory) if not slugs]
    for p in broken:
        out.write(f"{p}\n")
    t0 = time.perf_counter()
    n_steps = n_failed = 0
    failed_lessons = 0
    for les in chosen:
        rep = run_lesson_test(les, seed=seed)
        out.write(f"{les.slug} ({les.source}) {rep.seconds:.2f}s\n")
        if rep.error:
            out.write(f"  ERROR {rep.error}\n")
        for s in rep.steps:
            n_steps += 1
            if s.ok:
                if verbose:
                    out.write(f"  ok    {s.step_id}\n")
                continue
            n_failed += 1
            out.write(f"  FAIL  {s.step_id}\n")
            for pr in s.problems:
                out.write(f"        {pr}\n")
        if not rep.ok:
            failed_lessons += 1
        elif not verbose:
            out.write(f"  ok    {len(rep.steps)} steps\n")
    out.write(f"{len(chosen)} lesson{'s' if len(chosen) != 1 else ''}, {n_steps} steps: "
              f"{n_steps - n_failed} passed, {n_failed} failed ({time.perf_counter() - t0:.1f}s)\n")
    return FAILED if failed_lessons or n_failed or broken else OK


def _load(directory: Path, out: TextIO, err: TextIO, store: Callable[[list], str] | None) -> int:
    paths = lesson_files(directory)
    if not paths:
        err.write(f"lessons: no lesson files in {directory}\n")
        return USAGE
    problems = [p for path in paths for p in validate_file(path)] + load_problems(directory)
    for p in problems:
        out.write(f"{p}\n")
    lessons = load_lessons(directory)
    for les in lessons:
        ex = 1 if les.exercise else 0
        out.write(f"{les.order:>3}  {les.slug:<18} {len(les.steps)} steps + {ex} exercise  {les.title['en']}\n")
    if store is not None:
        out.write(store(lessons) + "\n")
    out.write(f"{len(lessons)} lesson{'s' if len(lessons) != 1 else ''} loaded from {directory}, "
              f"{len(problems)} problem{'s' if len(problems) != 1 else ''}\n")
    return FAILED if problems else OK


if __name__ == "__main__":
    sys.exit(main())
