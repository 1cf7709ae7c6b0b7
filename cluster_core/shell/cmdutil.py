"""What the small commands share: GNU-style option parsing, reading files, quoting names in messages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .streams import CommandContext
from .vfs import VfsError

SAFE_NAME = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


class UsageError(Exception):
    """Bad options: the message is printed as GNU tools print it, then exit status ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def getopt(prog: str, argv: list[str], flags: str, with_arg: str = "",
           long: dict[str, str] | None = None, *, permute: bool = True) -> tuple[dict[str, str], list[str]]:
    """GNU getopt: ``-rf``, ``-n5``, ``-n 5``, ``--``, options after operands (``ls dir -l``).

    Returns ({option letter: value or ""}, operands); repeated options keep the last value, and
    ``-e``-like options that may repeat are joined with newlines. ``long`` maps ``--name`` to a
    letter (``--name=value`` works for letters in ``with_arg``).
    """
    opts: dict[str, str] = {}
    operands: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            operands.extend(argv[i:])
            break
        if arg.startswith("--") and long is not None:
            name, _, value = arg[2:].partition("=")
            letter = long.get(name)
            if letter is None:
                raise UsageError(f"{prog}: unrecognized option '{arg}'\n"
                                 f"Try '{prog} --help' for more information.\n")
            if letter in with_arg and not value:
                if i >= len(argv):
                    raise UsageError(f"{prog}: option '--{name}' requires an argument\n"
                                     f"Try '{prog} --help' for more information.\n")
                value, i = argv[i], i + 1
            _store(opts, letter, value)
            continue
        if arg.startswith("-") and len(arg) > 1:
            j = 1
            while j < len(arg):
                c = arg[j]
                j += 1
                if c in with_arg:
                    value = arg[j:]
                    if not value:
                        if i >= len(argv):
                            raise UsageError(f"{prog}: option requires an argument -- '{c}'\n"
                                             f"Try '{prog} --help' for more information.\n")
                        value, i = argv[i], i + 1
                    _store(opts, c, value)
                    break
                if c not in flags:
                    raise UsageError(f"{prog}: invalid option -- '{c}'\n"
                                     f"Try '{prog} --help' for more information.\n")
                opts[c] = ""
            continue
        operands.append(arg)
        if not permute:
            operands.extend(argv[i:])
            break
    return opts, operands


def _store(opts: dict[str, str], letter: str, value: str) -> None:
    if letter in ("e", "v", "u") and letter in opts:
        opts[letter] += "\n" + value
    else:
        opts[letter] = value


def quote(name: str) -> str:
    """``'name'`` as coreutils' quoteaf prints file names: always quoted, shell-escaped."""
    return "'" + name.replace("'", "'\\''") + "'"


def quote_if_needed(name: str) -> str:
    """The name bare when it is plain, quoted otherwise (quotef: ``cat: nope: No such file ...``)."""
    return name if SAFE_NAME.fullmatch(name) else quote(name)


def read_inputs(ctx: CommandContext, files: list[str], prog: str) -> Iterator[tuple[str, str | None]]:
    """(name, text) for each operand (stdin for none or ``-``); text None after printing the error."""
    for name in files or ["-"]:
        if name == "-":
            yield name, ctx.stdin
            continue
        try:
            yield name, ctx.fs.read(ctx.resolve(name))
        except VfsError as err:
            ctx.write_err(f"{prog}: {quote_if_needed(name)}: {err.strerror}\n")
            yield name, None


def lines_of(text: str) -> list[str]:
    """Lines without their newlines; a last line without one still counts."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def join_lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def usage_error(ctx: CommandContext, err: UsageError) -> int:
    ctx.write_err(str(err))
    return err.code
