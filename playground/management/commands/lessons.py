"""``python manage.py lessons validate|test|load``: the lesson tools, as a Django management command.

The work is done by :func:`playground.lessons.cli.main`, which needs no Django; this command only
forwards its arguments and exit status. ``load`` validates every lesson file and prints a summary:
lessons are read from their files at request time (re-read when they change), so there are no
database rows to load.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from playground.lessons import cli


class Command(BaseCommand):
    help = ("Check lesson files (validate [FILE...]), rehearse their solutions on fresh clusters "
            "(test [SLUG...]), or validate them all and print a summary (load).")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["validate", "test", "load"])
        parser.add_argument("targets", nargs="*", help="lesson files for validate, slugs for test")
        parser.add_argument("--dir", help="lesson directory (default: $PLAYGROUND_LESSONS_DIR or lessons/)")
        parser.add_argument("--seed", type=int, default=0, help="test: the clusters' random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [] if not options.get("dir") else ["--dir", options["dir"]]
        argv.append(options["action"])
        argv += options["targets"]
        if options["action"] == "test":
            argv += ["--seed", str(options["seed"])]
            if options["verbosity"] >= 2:
                argv.append("--verbose")
        rc = cli.main(argv, out=_Lines(self.stdout), err=_Lines(self.stderr))
        if rc:
            sys.exit(rc)


class _Lines:
    """Django's OutputWrapper adds a newline to each write; the CLI writes whole lines already."""

    def __init__(self, wrapper: Any) -> None:
        self._w = wrapper

    def write(self, text: str) -> None:
        self._w.write(text, ending="")
