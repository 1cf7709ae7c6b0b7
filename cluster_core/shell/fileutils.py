"""GNU coreutils' file commands over the virtual home: ls, cat, rm, cp, mv, mkdir, touch; env, which,
sleep and clear.

Messages follow coreutils 9 in the C locale (``rm: cannot remove 'x': No such file or directory``).
``ls`` writes one name per line when its output is not the terminal (a pipe, a file), as GNU ls
does, and columns otherwise, filled down then across to ``$COLUMNS`` (80 by default) with spaces
(GNU pads with tabs where it can; a terminal shows the same). ``ls -l`` shows owner ``student``,
UTC times, and GNU's "total" in 1K blocks of a 4K-block file system.
"""

from __future__ import annotations

import math
import posixpath
import re
from datetime import UTC, datetime
from typing import Any

from .cmdutil import UsageError, getopt, quote, quote_if_needed, read_inputs, usage_error
from .jobs import LongRunning, Sleep, host_now
from .streams import CommandContext
from .vfs import HOME, VfsError

SIX_MONTHS = 365.2425 * 24 * 3600 / 2
CLEAR = "\x1b[H\x1b[2J\x1b[3J"


# -- ls ----------------------------------------------------------------------------------------
def ls(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("ls", ctx.argv[1:], "laA1dhrtFR", long={"all": "a", "almost-all": "A",
                                                                      "recursive": "R"})
    except UsageError as err:
        err.code = 2
        return usage_error(ctx, err)
    status = 0
    files: list[str] = []
    dirs: list[str] = []
    for name in names or ["."]:
        path = ctx.resolve(name)
        if not ctx.fs.exists(path):
            ctx.write_err(f"ls: cannot access {quote(name)}: No such file or directory\n")
            status = 2
        elif ctx.fs.is_dir(path) and "d" not in opts:
            dirs.append(name)
        else:
            files.append(name)
    blocks: list[str] = []
    if files:
        entries = [(n, ctx.resolve(n)) for n in files]
        blocks.append(_listing(ctx, opts, _sorted(ctx, opts, entries), total=False))
    todo = _sorted_names(ctx, opts, dirs)
    while todo:
        name = todo.pop(0)
        path = ctx.resolve(name)
        shown = ctx.fs.listdir(path)
        if "a" in opts:
            shown = [".", "..", *shown]
        elif "A" not in opts:
            shown = [n for n in shown if not n.startswith(".")]
        entries = _sorted(ctx, opts, [(n, posixpath.normpath(posixpath.join(path, n))) for n in shown])
        body = _listing(ctx, opts, entries, total=True)
        header = f"{name}:\n" if len(names) > 1 or files or status or "R" in opts else ""
        blocks.append(header + body)
        if "R" in opts:
            below = [posixpath.join(name, n) for n, p in entries if n not in (".", "..") and ctx.fs.is_dir(p)]
            todo[:0] = below
    ctx.write("\n".join(blocks))
    return status


def _sorted_names(ctx: CommandContext, opts: dict[str, str], names: list[str]) -> list[str]:
    return [n for n, _ in _sorted(ctx, opts, [(n, ctx.resolve(n)) for n in names])]


def _sorted(ctx: CommandContext, opts: dict[str, str], entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    entries = sorted(entries, key=lambda e: e[0].encode())
    if "t" in opts:
        entries.sort(key=lambda e: -ctx.fs.stat(e[1]).mtime)
    if "r" in opts:
        entries.reverse()
    return entries


def _display(ctx: CommandContext, names: list[str], opts: dict[str, str]) -> list[str]:
    """Names as GNU ls shows them on a terminal: odd ones quoted, the others shifted to line up."""
    shown = [n + _classify(ctx, n, opts) for n in names]
    if not ctx.isatty():
        return shown
    quoted = [quote_if_needed(n) if n not in (".", "..") else n for n in names]
    if any(q != n for q, n in zip(quoted, names, strict=True)):
        quoted = [q if q != n else " " + q for q, n in zip(quoted, names, strict=True)]
    return [q + s[len(n):] for q, s, n in zip(quoted, shown, names, strict=True)]


def _classify(ctx: CommandContext, name: str, opts: dict[str, str]) -> str:
    return "/" if "F" in opts and ctx.fs.is_dir(ctx.resolve(name)) else ""


def _listing(ctx: CommandContext, opts: dict[str, str], entries: list[tuple[str, str]], *, total: bool) -> str:
    if not entries:
        return "total 0\n" if "l" in opts and total else ""
    names = _display(ctx, [n for n, _ in entries], opts)
    if "l" in opts:
        return _long(ctx, opts, entries, names, total)
    if "1" in opts or not ctx.isatty():
        return "".join(n + "\n" for n in names)
    try:
        width = int(ctx.env.get("COLUMNS", "80"))
    except ValueError:
        width = 80
    return columns(names, width)


def columns(names: list[str], width: int = 80) -> str:
    """GNU ls -C: the most columns whose line stays shorter than ``width``, filled top to bottom."""
    n = len(names)
    rows, widths = n, [max(len(x) for x in names)]
    for cols in range(min(n, max(1, width // 3)), 1, -1):
        r = math.ceil(n / cols)
        used = math.ceil(n / r)
        w = [max(len(x) for x in names[c * r:(c + 1) * r]) + (2 if c < used - 1 else 0) for c in range(used)]
        if sum(w) < width:
            rows, widths = r, w
            break
    lines = []
    for r in range(rows):
        cells = [names[c * rows + r] for c in range(len(widths)) if c * rows + r < n]
        lines.append("".join(cell.ljust(widths[c]) if c < len(cells) - 1 else cell
                             for c, cell in enumerate(cells)) + "\n")
    return "".join(lines)


def _long(ctx: CommandContext, opts: dict[str, str], entries: list[tuple[str, str]], names: list[str],
          total: bool) -> str:
    now = ctx.now
    rows = []
    blocks = 0
    for (_, path), shown in zip(entries, names, strict=True):
        st = ctx.fs.stat(path)
        mine = path == HOME or path.startswith(HOME + "/") or path.startswith("/tmp/")
        owner = "student" if mine else "root"
        mode = {"dir": "drwxr-xr-x", "dev": "crw-rw-rw-"}.get(st.kind, "-rw-r--r--")
        size = _human(st.size) if "h" in opts else str(st.size)
        blocks += 4 if st.kind == "dir" else math.ceil(st.size / 4096) * 4
        when = datetime.fromtimestamp(st.mtime, UTC)
        recent = now - SIX_MONTHS < st.mtime <= now + 60
        stamp = f"{when:%b} {when.day:2d} " + (f"{when:%H:%M}" if recent else f" {when.year}")
        rows.append((mode, str(st.nlink), owner, owner, size, stamp, shown))
    w = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"{m} {nl.rjust(w[1])} {o.ljust(w[2])} {g.ljust(w[3])} {s.rjust(w[4])} {t} {n}\n"
             for m, nl, o, g, s, t, n in rows]
    head = f"total {_human(blocks * 1024) if 'h' in opts else blocks}\n" if total else ""
    return head + "".join(lines)


def _human(size: int) -> str:
    """``ls -h``: 1023, 1.0K, 4.0K, 12K, 1.5M; GNU rounds up."""
    if size < 1024:
        return str(size)
    value, idx = size / 1024, 0
    while value >= 1024 and idx < 3:
        value, idx = value / 1024, idx + 1
    unit = "KMGT"[idx]
    tenths = math.ceil(value * 10) / 10
    if tenths < 10:
        return f"{tenths:.1f}{unit}"
    return f"{math.ceil(value)}{unit}"


# -- cat -----------------------------------------------------------------------------------------
def cat(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("cat", ctx.argv[1:], "nA")
    except UsageError as err:
        return usage_error(ctx, err)
    status = 0
    number = 0
    for _, text in read_inputs(ctx, names, "cat"):
        if text is None:
            status = 1
            continue
        if "n" in opts:
            out = []
            for line in text.splitlines(keepends=True):
                number += 1
                out.append(f"{number:6d}\t{line}")
            text = "".join(out)
        ctx.write(text)
    return status


# -- rm, mkdir, touch ----------------------------------------------------------------------------
def rm(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("rm", ctx.argv[1:], "rRfvid", long={"recursive": "r", "force": "f", "verbose": "v"})
    except UsageError as err:
        return usage_error(ctx, err)
    if not names:
        if "f" in opts:
            return 0
        ctx.write_err("rm: missing operand\nTry 'rm --help' for more information.\n")
        return 1
    recursive = "r" in opts or "R" in opts
    status = 0
    for name in names:
        path = ctx.resolve(name)
        if recursive and path == "/":
            ctx.write_err("rm: it is dangerous to operate recursively on '/'\n"
                          "rm: use --no-preserve-root to override this failsafe\n")
            status = 1
            continue
        if posixpath.basename(name.rstrip("/")) in (".", ".."):
            ctx.write_err(f"rm: refusing to remove '.' or '..' directory: skipping {quote(name)}\n")
            status = 1
            continue
        if not ctx.fs.exists(path):
            if "f" not in opts:
                ctx.write_err(f"rm: cannot remove {quote(name)}: No such file or directory\n")
                status = 1
            continue
        if ctx.fs.is_dir(path) and not recursive:
            ctx.write_err(f"rm: cannot remove {quote(name)}: Is a directory\n")
            status = 1
            continue
        status = max(status, _remove(ctx, name, path, "v" in opts))
    return status


def _remove(ctx: CommandContext, name: str, path: str, verbose: bool) -> int:
    status = 0
    if ctx.fs.is_dir(path):
        for child in reversed(ctx.fs.walk(path)):
            shown = name.rstrip("/") + child[len(path):]
            status = max(status, _remove_one(ctx, shown, child, verbose))
    return max(status, _remove_one(ctx, name, path, verbose))


def _remove_one(ctx: CommandContext, name: str, path: str, verbose: bool) -> int:
    is_dir = ctx.fs.is_dir(path)
    try:
        ctx.fs.rmdir(path, ctx.now) if is_dir else ctx.fs.remove(path, ctx.now)
    except VfsError as err:
        ctx.write_err(f"rm: cannot remove {quote(name)}: {err.strerror}\n")
        return 1
    if verbose:
        ctx.write(f"removed {'directory ' if is_dir else ''}{quote(name)}\n")
    return 0


def mkdir(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("mkdir", ctx.argv[1:], "pv", long={"parents": "p", "verbose": "v"})
    except UsageError as err:
        return usage_error(ctx, err)
    if not names:
        ctx.write_err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n")
        return 1
    status = 0
    for name in names:
        path = ctx.resolve(name)
        try:
            existed = ctx.fs.exists(path)
            ctx.fs.mkdir(path, parents="p" in opts, now=ctx.now)
            if "v" in opts and not existed:
                ctx.write(f"mkdir: created directory {quote(name)}\n")
        except VfsError as err:
            ctx.write_err(f"mkdir: cannot create directory {quote(name)}: {err.strerror}\n")
            status = 1
    return status


def touch(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("touch", ctx.argv[1:], "ac")
    except UsageError as err:
        return usage_error(ctx, err)
    if not names:
        ctx.write_err("touch: missing file operand\nTry 'touch --help' for more information.\n")
        return 1
    status = 0
    for name in names:
        path = ctx.resolve(name)
        if "c" in opts and not ctx.fs.exists(path):
            continue
        try:
            ctx.fs.touch(path, now=ctx.now)
        except VfsError as err:
            ctx.write_err(f"touch: cannot touch {quote(name)}: {err.strerror}\n")
            status = 1
    return status


# -- cp, mv --------------------------------------------------------------------------------------
def _operands(ctx: CommandContext, prog: str, names: list[str]) -> tuple[list[str], str] | None:
    if not names:
        ctx.write_err(f"{prog}: missing file operand\nTry '{prog} --help' for more information.\n")
        return None
    if len(names) == 1:
        ctx.write_err(f"{prog}: missing destination file operand after {quote(names[0])}\n"
                      f"Try '{prog} --help' for more information.\n")
        return None
    dest = names[-1]
    if len(names) > 2 and not ctx.fs.is_dir(ctx.resolve(dest)):
        why = "Not a directory" if ctx.fs.exists(ctx.resolve(dest)) else "No such file or directory"
        ctx.write_err(f"{prog}: target {quote(dest)}: {why}\n")
        return None
    return names[:-1], dest


def cp(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("cp", ctx.argv[1:], "rRafv", long={"recursive": "r"})
    except UsageError as err:
        return usage_error(ctx, err)
    ops = _operands(ctx, "cp", names)
    if ops is None:
        return 1
    recursive = bool({"r", "R", "a"} & set(opts))
    status = 0
    for src in ops[0]:
        spath = ctx.resolve(src)
        dpath = ctx.resolve(ops[1])
        if ctx.fs.is_dir(dpath):
            dpath = posixpath.join(dpath, posixpath.basename(spath))
        if not ctx.fs.exists(spath):
            ctx.write_err(f"cp: cannot stat {quote(src)}: No such file or directory\n")
            status = 1
        elif ctx.fs.is_dir(spath) and not recursive:
            ctx.write_err(f"cp: -r not specified; omitting directory {quote(src)}\n")
            status = 1
        elif spath == dpath:
            ctx.write_err(f"cp: {quote(src)} and {quote(ops[1])} are the same file\n")
            status = 1
        elif ctx.fs.is_dir(spath) and dpath.startswith(spath + "/"):
            ctx.write_err(f"cp: cannot copy a directory, {quote(src)}, into itself, {quote(ops[1])}\n")
            status = 1
        else:
            status = max(status, _copy(ctx, spath, dpath, ops[1]))
    return status


def _copy(ctx: CommandContext, spath: str, dpath: str, shown: str) -> int:
    try:
        if not ctx.fs.is_dir(spath):
            if ctx.fs.is_dir(dpath):
                ctx.write_err(f"cp: cannot overwrite directory {quote(shown)} with non-directory\n")
                return 1
            ctx.fs.write(dpath, ctx.fs.read(spath), now=ctx.now)
            return 0
        ctx.fs.mkdir(dpath, parents=False, now=ctx.now) if not ctx.fs.is_dir(dpath) else None
        for child in ctx.fs.walk(spath):
            target = dpath + child[len(spath):]
            if ctx.fs.is_dir(child):
                ctx.fs.mkdir(target, parents=True, now=ctx.now)
            else:
                ctx.fs.write(target, ctx.fs.read(child), now=ctx.now)
    except VfsError as err:
        what = "directory" if ctx.fs.is_dir(spath) else "regular file"
        ctx.write_err(f"cp: cannot create {what} {quote(shown)}: {err.strerror}\n")
        return 1
    return 0


def mv(ctx: CommandContext) -> int:
    try:
        _, names = getopt("mv", ctx.argv[1:], "fivn")
    except UsageError as err:
        return usage_error(ctx, err)
    ops = _operands(ctx, "mv", names)
    if ops is None:
        return 1
    status = 0
    for src in ops[0]:
        spath, dpath = ctx.resolve(src), ctx.resolve(ops[1])
        if ctx.fs.is_dir(dpath):
            dpath = posixpath.join(dpath, posixpath.basename(spath))
        if not ctx.fs.exists(spath):
            ctx.write_err(f"mv: cannot stat {quote(src)}: No such file or directory\n")
            status = 1
            continue
        if spath == dpath:
            ctx.write_err(f"mv: {quote(src)} and {quote(ops[1])} are the same file\n")
            status = 1
            continue
        if ctx.fs.is_dir(spath) and dpath.startswith(spath + "/"):
            ctx.write_err(f"mv: cannot move {quote(src)} to a subdirectory of itself, {quote(ops[1])}\n")
            status = 1
            continue
        if ctx.fs.is_dir(spath) and ctx.fs.is_file(dpath):
            ctx.write_err(f"mv: cannot overwrite non-directory {quote(ops[1])} with directory {quote(src)}\n")
            status = 1
            continue
        try:
            ctx.fs.rename(spath, dpath, now=ctx.now)
        except VfsError as err:
            ctx.write_err(f"mv: cannot move {quote(src)} to {quote(_shown_dest(ops[1], dpath, ctx))}: "
                          f"{err.strerror}\n")
            status = 1
    return status


def _shown_dest(dest: str, dpath: str, ctx: CommandContext) -> str:
    return dest if ctx.resolve(dest) == dpath else posixpath.join(dest, posixpath.basename(dpath))


# -- env, which, sleep, clear --------------------------------------------------------------------
def env(ctx: CommandContext) -> int | LongRunning:
    try:
        opts, args = getopt("env", ctx.argv[1:], "i", "u", {"ignore-environment": "i", "unset": "u"},
                            permute=False)
    except UsageError as err:
        err.code = 125
        return usage_error(ctx, err)
    environ = {} if "i" in opts else dict(ctx.env)
    for name in opts.get("u", "").split("\n") if "u" in opts else []:
        environ.pop(name, None)
    while args and "=" in args[0] and not args[0].startswith("="):
        name, _, value = args.pop(0).partition("=")
        environ[name] = value
    if not args:
        ctx.write("".join(f"{k}={v}\n" for k, v in sorted(environ.items())))
        return 0
    handler = ctx.shell.program(args[0], ctx.session, environ.get("PATH", ""))
    if handler is None:
        ctx.write_err(f"env: {quote(args[0])}: No such file or directory\n")
        return 127
    ctx.argv, ctx.env = args, environ
    result: int | LongRunning = handler(ctx)
    return result


def which(ctx: CommandContext) -> int:
    args = ctx.argv[1:]
    every = "-a" in args
    status = 0
    for name in (a for a in args if a != "-a"):
        found = ctx.shell.which(name, ctx.session)
        if "/" in name and ctx.shell.program(name, ctx.session) is not None:
            found = [name]
        if not found:
            status = 1
            continue
        ctx.write("".join(p + "\n" for p in (found if every else found[:1])))
    return status


SLEEP_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def sleep(ctx: CommandContext) -> int | LongRunning:
    """GNU sleep. The host sleeps when it can (``host.sleep(seconds)``: a manual clock advances and
    returns None or a code, a wall clock may return a LongRunning); otherwise the command waits
    until ``host.now()`` reaches the deadline, or ends at once when the host has no time at all."""
    args = ctx.argv[1:]
    if not args:
        ctx.write_err("sleep: missing operand\nTry 'sleep --help' for more information.\n")
        return 1
    seconds = 0.0
    for arg in args:
        m = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)([smhd]?)", arg)
        if not m:
            ctx.write_err(f"sleep: invalid time interval {quote(arg)}\nTry 'sleep --help' for more information.\n")
            return 1
        seconds += float(m.group(1)) * SLEEP_UNITS[m.group(2)]
    host_sleep = getattr(ctx.host, "sleep", None)
    if callable(host_sleep):
        result: Any = host_sleep(seconds)
        return result if isinstance(result, (int, LongRunning)) else 0
    now = host_now(ctx.host)
    if now is None or seconds <= 0:
        return 0
    return Sleep(now + seconds)


def clear(ctx: CommandContext) -> int:
    ctx.write(CLEAR)
    return 0


COMMANDS = {"ls": ls, "cat": cat, "rm": rm, "mkdir": mkdir, "touch": touch, "cp": cp, "mv": mv, "env": env,
            "which": which, "sleep": sleep, "clear": clear}
STREAMING = {"cat": lambda argv: all(a == "-" for a in argv[1:])}
__all__ = ["COMMANDS", "STREAMING", "columns", "quote_if_needed"]
