"""``python manage.py grade``: grade a student's transcript, or a folder of them, for a lesson.

    python manage.py grade LESSON TRANSCRIPT [--json] [--seed N] [--lang en|zh-Hans] [--verbose]
    python manage.py grade --batch DIR --csv OUT LESSON

The work is done by :func:`playground.grading.cli.main`, which needs no Django; this command
declares the same arguments (for ``manage.py help grade``) and forwards them and the exit
status: 0 all passed, 1 some failed, 2 bad input. See ``docs/grading.md``.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from playground.grading import cli


class Command(BaseCommand):
    help = ("Grade a student's transcript for a lesson on a fresh simulated cluster (a table, or "
            "--json), or every transcript in a folder into a CSV (--batch DIR --csv OUT).")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("lesson", metavar="LESSON", help="the lesson's slug (pods, labels, ...)")
        parser.add_argument("transcript", metavar="TRANSCRIPT", nargs="?",
                            help="the transcript file ('-': standard input)")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument("--seed", type=int, default=0, help="the cluster's random seed (default 0)")
        parser.add_argument("--lang", choices=cli.LANGS, default="en", help="language of titles and messages")
        parser.add_argument("--verbose", action="store_true", help="print each input and its output on stderr")
        parser.add_argument("--batch", metavar="DIR", help="grade every transcript in DIR")
        parser.add_argument("--csv", metavar="OUT", help="with --batch: the CSV file to write")
        parser.add_argument("--cpu-limit", type=float, default=cli.DEFAULT_CPU_LIMIT, metavar="SECONDS",
                            help="stop a grade after this much CPU (0: no limit)")

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [options["lesson"]]
        if options.get("transcript"):
            argv.append(options["transcript"])
        for flag in ("json", "verbose"):
            if options.get(flag):
                argv.append(f"--{flag}")
        argv += ["--seed", str(options["seed"]), "--lang", options["lang"],
                 "--cpu-limit", str(options["cpu_limit"])]
        for flag in ("batch", "csv"):
            if options.get(flag):
                argv += [f"--{flag}", options[flag]]
        rc = cli.main(argv, stdout=_Stream(self.stdout), stderr=_Stream(self.stderr), prog="manage.py grade")
        if rc:
            sys.exit(rc)


class _Stream:
    """Django's OutputWrapper adds a newline to each write; the grader writes whole lines (and
    ``\\r`` progress redraws) itself."""

    def __init__(self, wrapper: Any) -> None:
        self._w = wrapper

    def write(self, text: str) -> None:
        self._w.write(text, ending="")

    def flush(self) -> None:
        self._w.flush()

    def isatty(self) -> bool:
        return bool(self._w.isatty())
