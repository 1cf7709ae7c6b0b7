"""A small GNU sed: ``s/re/replacement/[gNip]``, ``d`` and ``p``, each with an optional address
(a line number, ``$`` or ``/re/``), separated by ``;`` or newlines; ``-n``, ``-E``/``-r``, ``-e``, ``-i``.

Anything else gets GNU's own complaint (``unknown command``), so a student sees sed's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .cmdutil import UsageError, getopt, lines_of, quote_if_needed, usage_error
from .regex import RegexError, guarded_compile, translate
from .streams import CommandContext
from .vfs import VfsError

SED_USAGE = """\
Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the `l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
"""


class SedError(Exception):
    pass


def _fail(pos: int, what: str) -> SedError:
    return SedError(f"-e expression #1, char {pos}: {what}")


def parse_script(script: str, extended: bool) -> list[dict[str, Any]]:
    cmds: list[dict[str, Any]] = []
    i = 0
    while i < len(script):
        c = script[i]
        if c in " \t\n;":
            i += 1
            continue
        addr: Any = None
        if c.isdigit():
            m = re.compile(r"\d+").match(script, i)
            assert m is not None
            addr, i = int(m.group()), m.end()
        elif c == "$":
            addr, i = "$", i + 1
        elif c == "/":
            end = _delimited(script, i + 1, "/")
            if end < 0:
                raise _fail(len(script), "unterminated address regex")
            addr, i = _compile(script[i + 1:end], extended, i), end + 1
        while i < len(script) and script[i] in " \t":
            i += 1
        if i >= len(script):
            raise _fail(i, "missing command")
        op = script[i]
        if op in "dp":
            cmds.append({"addr": addr, "op": op})
            i += 1
        elif op == "s":
            cmd, i = _parse_s(script, i, extended)
            cmds.append({"addr": addr, **cmd})
        else:
            raise _fail(i + 1, f"unknown command: `{op}'")
    return cmds


def _delimited(script: str, i: int, delim: str) -> int:
    while i < len(script):
        if script[i] == "\\":
            i += 2
            continue
        if script[i] == delim:
            return i
        i += 1
    return -1


def _parse_s(script: str, i: int, extended: bool) -> tuple[dict[str, Any], int]:
    if i + 1 >= len(script):
        raise _fail(i + 1, "unterminated `s' command")
    delim = script[i + 1]
    mid = _delimited(script, i + 2, delim)
    end = _delimited(script, mid + 1, delim) if mid >= 0 else -1
    if end < 0:
        raise _fail(len(script), "unterminated `s' command")
    pattern = script[i + 2:mid].replace("\\" + delim, delim) if delim != "\\" else script[i + 2:mid]
    replacement = script[mid + 1:end]
    j = end + 1
    m = re.compile(r"[gpiI0-9]*").match(script, j)
    assert m is not None
    flags = m.group()
    j = m.end()
    if j < len(script) and script[j] not in " \t\n;}":
        raise _fail(j + 1, "unknown option to `s'")
    count = int("".join(ch for ch in flags if ch.isdigit()) or "0")
    rx = _compile(pattern, extended, i, ignore_case="i" in flags or "I" in flags)
    return {"op": "s", "rx": rx, "rep": _replacement(replacement, delim), "global": "g" in flags,
            "nth": count or 1, "print": "p" in flags}, j


def _compile(pattern: str, extended: bool, pos: int, ignore_case: bool = False) -> re.Pattern[str]:
    try:
        return guarded_compile(translate(pattern, extended=extended), ignore_case)
    except (RegexError, re.error) as err:
        raise _fail(pos + 1, str(err) if isinstance(err, RegexError) else "Invalid regular expression") from None


def _replacement(text: str, delim: str) -> Callable[[re.Match[str]], str]:
    pieces: list[Any] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            e = text[i + 1]
            i += 2
            if e.isdigit():
                pieces.append(int(e))
            else:
                pieces.append({"n": "\n", "t": "\t"}.get(e, e))
            continue
        pieces.append(0 if c == "&" else c)
        i += 1

    def render(m: re.Match[str]) -> str:
        out = []
        for p in pieces:
            if isinstance(p, int):
                out.append((m.group(p) or "") if p <= (m.re.groups or 0) else "")
            else:
                out.append(p)
        return "".join(out)
    return render


def run_script(cmds: list[dict[str, Any]], text: str, quiet: bool) -> str:
    lines = lines_of(text)
    out: list[str] = []
    for n, line in enumerate(lines, 1):
        deleted = False
        for cmd in cmds:
            addr = cmd["addr"]
            if addr is not None and not (addr == n if isinstance(addr, int) else
                                         n == len(lines) if addr == "$" else addr.search(line)):
                continue
            if cmd["op"] == "d":
                deleted = True
                break
            if cmd["op"] == "p":
                out.append(line + "\n")
                continue
            line, changed = _substitute(cmd, line)
            if changed and cmd["print"]:
                out.append(line + "\n")
        if not deleted and not quiet:
            out.append(line + "\n")
    return "".join(out)


def _substitute(cmd: dict[str, Any], line: str) -> tuple[str, bool]:
    seen = 0
    changed = False

    def repl(m: re.Match[str]) -> str:
        nonlocal seen, changed
        seen += 1
        if seen == cmd["nth"] or (cmd["global"] and seen >= cmd["nth"]):
            changed = True
            return str(cmd["rep"](m))
        return m.group()
    return cmd["rx"].sub(repl, line), changed


def sed(ctx: CommandContext) -> int:
    try:
        opts, args = getopt("sed", ctx.argv[1:], "nErsi", "e", {"quiet": "n", "silent": "n",
                                                             "regexp-extended": "E", "in-place": "i",
                                                             "expression": "e"})
    except UsageError as err:
        return usage_error(ctx, err)
    if "e" in opts:
        script = opts["e"]
    elif args:
        script, args = args[0], args[1:]
    else:
        ctx.write_err(SED_USAGE)
        return 1
    try:
        cmds = parse_script(script, "E" in opts or "r" in opts)
    except SedError as err:
        ctx.write_err(f"sed: {err}\n")
        return 1
    quiet = "n" in opts
    if "i" in opts:
        if not args:
            ctx.write_err("sed: no input files\n")
            return 1
        status = 0
        for name in args:
            path = ctx.resolve(name)
            try:
                ctx.fs.write(path, run_script(cmds, ctx.fs.read(path), quiet), now=ctx.now)
            except VfsError as err:
                ctx.write_err(f"sed: can't read {quote_if_needed(name)}: {err.strerror}\n")
                status = 2
        return status
    status = 0
    for name in args or ["-"]:
        try:
            text = ctx.stdin if name == "-" else ctx.fs.read(ctx.resolve(name))
        except VfsError as err:
            ctx.write_err(f"sed: can't read {quote_if_needed(name)}: {err.strerror}\n")
            status = 2
            continue
        ctx.write(run_script(cmds, text, quiet))
    return status


def streams(argv: list[str]) -> bool:
    try:
        opts, args = getopt("sed", argv[1:], "nErsi", "e")
    except UsageError:
        return False
    script = opts.get("e", args[0] if args else "")
    return "i" not in opts and len(args) == (0 if "e" in opts else 1) and "$" not in script
