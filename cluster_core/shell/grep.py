"""GNU grep: basic, extended (-E) and fixed (-F) patterns, -i -v -w -x -c -n -o -l -L -q -s -h -H -r,
-m and context lines (-A -B -C, groups separated by ``--``); exit 0 on a match, 1 on none, 2 on
trouble. ``streams`` says when grep only ever looks at one line at a time (not with -c, -n, -l,
-q, -m or context), so it can filter a running watch line by line.
"""

from __future__ import annotations

import re

from .cmdutil import UsageError, getopt, lines_of, read_inputs, usage_error
from .regex import RegexError, compile_pattern
from .streams import CommandContext
from .vfs import VfsError

GREP_LONG = {"ignore-case": "i", "invert-match": "v", "extended-regexp": "E", "fixed-strings": "F",
             "word-regexp": "w", "line-regexp": "x", "count": "c", "line-number": "n", "only-matching": "o",
             "files-with-matches": "l", "files-without-match": "L", "quiet": "q", "silent": "q",
             "no-messages": "s", "regexp": "e", "max-count": "m", "after-context": "A", "before-context": "B",
             "context": "C", "with-filename": "H", "no-filename": "h"}


# -- grep --------------------------------------------------------------------------------------
def grep(ctx: CommandContext) -> int:
    try:
        opts, args = getopt("grep", _context_digits(ctx.argv[1:]), "ivEFwxcnolLqsHhGr", "emABC", GREP_LONG)
    except UsageError as err:
        err.code = 2
        return usage_error(ctx, err)
    if "e" in opts:
        pattern = opts["e"]
    elif args:
        pattern, args = args[0], args[1:]
    else:
        ctx.write_err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
        return 2
    try:
        rx = compile_pattern(pattern, extended="E" in opts, fixed="F" in opts, ignore_case="i" in opts,
                             word="w" in opts, line="x" in opts)
        after = int(opts.get("A", opts.get("C", "0")))
        before = int(opts.get("B", opts.get("C", "0")))
        limit = int(opts["m"]) if "m" in opts else -1
    except RegexError as err:
        ctx.write_err(f"grep: {err}\n")
        return 2
    except ValueError:
        ctx.write_err("grep: invalid context length argument\n")
        return 2
    if "r" in opts:
        named = len(args) != 1 or ctx.fs.is_dir(ctx.resolve(args[0]))
        args = _recursive_operands(ctx, args)
    else:
        named = len(args) > 1
    named = (named or "H" in opts) and "h" not in opts
    matched = errors = False
    for name, text in read_inputs(ctx, args, "grep") if "s" not in opts else _quiet_inputs(ctx, args):
        if text is None:
            errors = True
            continue
        label = "(standard input)" if name == "-" else name
        found = _grep_text(ctx, opts, rx, text, label, named, before, after, limit)
        matched = matched or found
        if found and "q" in opts:
            return 0
    return 2 if errors and not ("q" in opts and matched) else (0 if matched else 1)


def _recursive_operands(ctx: CommandContext, names: list[str]) -> list[str]:
    """grep -r: directories stand for the files below them (``.`` when none is named)."""
    out: list[str] = []
    for name in names or ["."]:
        path = ctx.resolve(name)
        if not ctx.fs.is_dir(path):
            out.append(name)
            continue
        for below in ctx.fs.walk(path):
            if ctx.fs.is_file(below):
                rel = below[len(path.rstrip("/")) + 1:]
                out.append(rel if not names else name.rstrip("/") + "/" + rel)
    return out


def _context_digits(argv: list[str]) -> list[str]:
    """``grep -5`` means ``-C 5``."""
    return [f"-C{a[1:]}" if re.fullmatch(r"-\d+", a) else a for a in argv]


def _quiet_inputs(ctx: CommandContext, names: list[str]):  # noqa: ANN202 - a generator like read_inputs
    for name in names or ["-"]:
        try:
            yield name, ctx.stdin if name == "-" else ctx.fs.read(ctx.resolve(name))
        except VfsError:
            yield name, None


def _grep_text(ctx: CommandContext, opts: dict[str, str], rx: re.Pattern[str], text: str, label: str,
               named: bool, before: int, after: int, limit: int) -> bool:
    prefix = label if named else None
    lines = lines_of(text)
    invert = "v" in opts
    hits = [i for i, line in enumerate(lines) if bool(rx.search(line)) != invert]
    if limit >= 0:
        hits = hits[:limit]
    if "q" in opts:
        return bool(hits)
    if "l" in opts or "L" in opts:
        if bool(hits) == ("l" in opts):
            ctx.write(label + "\n")
        return bool(hits)
    if "c" in opts:
        ctx.write(f"{prefix}:{len(hits)}\n" if prefix else f"{len(hits)}\n")
        return bool(hits)
    shown: dict[int, str] = {}
    for i in hits:
        for j in range(max(0, i - before), min(len(lines), i + after + 1)):
            shown.setdefault(j, "-")
        shown[i] = ":"
    out: list[str] = []
    last = None
    for j in sorted(shown):
        if last is not None and j > last + 1 and (before or after):
            out.append("--\n")
        last = j
        head = (f"{prefix}{shown[j]}" if prefix else "") + (f"{j + 1}{shown[j]}" if "n" in opts else "")
        if "o" in opts and not invert:
            out.extend(f"{head}{m.group()}\n" for m in rx.finditer(lines[j]) if m.group())
        elif "o" not in opts:
            out.append(f"{head}{lines[j]}\n")
    ctx.write("".join(out))
    return bool(hits)


def streams(argv: list[str]) -> bool:
    try:
        opts, args = getopt("grep", argv[1:], "ivEFwxcnolLqsHhGr", "emABC", GREP_LONG)
    except UsageError:
        return False
    return not set(opts) & set("cnlLqmABCH") and len(args) == (0 if "e" in opts else 1)
