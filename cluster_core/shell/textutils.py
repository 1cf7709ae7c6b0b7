"""Filters: head, tail, wc, sort, uniq, cut, tr, tee, base64 (GNU behaviour, C locale).

``STREAMING`` says which invocations only ever look at one line at a time: behind a command that
keeps running (``kubectl get pods -w | cut -c1-20``) those get each line as it arrives, as on a
real terminal, while the others (``sort``, ``wc``) wait for the end.
"""

from __future__ import annotations

import base64 as b64
import binascii
import re
from collections.abc import Callable

from .cmdutil import (
    UsageError,
    getopt,
    join_lines,
    lines_of,
    quote,
    quote_if_needed,
    read_inputs,
    usage_error,
)
from .streams import CommandContext
from .vfs import VfsError


# -- head, tail --------------------------------------------------------------------------------
def _count_arg(argv: list[str]) -> list[str]:
    """``head -5`` means ``head -n 5`` (but ``-n -5`` keeps its argument)."""
    out: list[str] = []
    for a in argv:
        takes_value = bool(out) and out[-1] in ("-n", "-c")
        out.append(f"-n{a[1:]}" if re.fullmatch(r"-\d+", a) and not takes_value else a)
    return out


def head(ctx: CommandContext) -> int:
    return _head_tail(ctx, "head")


def tail(ctx: CommandContext) -> int:
    return _head_tail(ctx, "tail")


def _head_tail(ctx: CommandContext, prog: str) -> int:
    try:
        opts, names = getopt(prog, _count_arg(ctx.argv[1:]), "fqvF", "nc", {"lines": "n", "bytes": "c",
                                                                          "follow": "f", "quiet": "q"})
    except UsageError as err:
        return usage_error(ctx, err)
    if "f" in opts or "F" in opts:
        ctx.write_err(f"{prog}: -f (follow) is not supported in this playground shell\n")
        return 1
    unit = "c" if "c" in opts else "n"
    spec = opts.get(unit, "10")
    m = re.fullmatch(r"([+-]?)(\d+)", spec)
    if not m:
        what = "bytes" if unit == "c" else "lines"
        ctx.write_err(f"{prog}: invalid number of {what}: {quote(spec)}\n")
        return 1
    sign, count = m.group(1), int(m.group(2))
    status = 0
    multi = len(names) > 1 and "q" not in opts or "v" in opts
    first = True
    for name, text in _inputs(ctx, names, prog):
        if text is None:
            status = 1
            continue
        if multi:
            ctx.write(("" if first else "\n") + f"==> {'standard input' if name == '-' else name} <==\n")
        first = False
        items: list[str] = list(text) if unit == "c" else text.splitlines(keepends=True)
        if prog == "head":
            picked = items[:-count] if sign == "-" else items[:count]
        else:
            picked = items[count - 1:] if sign == "+" else (items[-count:] if count else [])
        ctx.write("".join(picked))
    return status


def _inputs(ctx: CommandContext, names: list[str], prog: str):  # noqa: ANN202
    for name in names or ["-"]:
        if name == "-":
            yield name, ctx.stdin
            continue
        try:
            yield name, ctx.fs.read(ctx.resolve(name))
        except VfsError as err:
            if err.code == "EISDIR":
                ctx.write_err(f"{prog}: error reading {quote(name)}: Is a directory\n")
            else:
                ctx.write_err(f"{prog}: cannot open {quote(name)} for reading: {err.strerror}\n")
            yield name, None


# -- wc ----------------------------------------------------------------------------------------
def wc(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("wc", ctx.argv[1:], "lwcmL", long={"lines": "l", "words": "w", "bytes": "c",
                                                                "chars": "m"})
    except UsageError as err:
        return usage_error(ctx, err)
    wanted = [k for k in "lwmc" if k in opts] or ["l", "w", "c"]
    rows: list[tuple[list[int], str | None]] = []
    status = 0
    sizes: list[int] = []
    regular = True
    for name, text in read_inputs(ctx, names, "wc"):
        if text is None:
            status = 1
            continue
        data = text.encode("utf-8", "surrogatepass")
        counts = {"l": text.count("\n"), "w": len(text.split()), "c": len(data), "m": len(text)}
        rows.append(([counts[k] for k in wanted], None if name == "-" and not names else name))
        sizes.append(len(data))
        regular = regular and name != "-"
    if len(rows) > 1:
        rows.append(([sum(r[0][i] for r in rows) for i in range(len(wanted))], "total"))
    if len(wanted) == 1 and len(names) <= 1:
        width = 1
    else:
        width = max(len(str(sum(sizes))), 1 if regular else 7)
    for counts, label in rows:
        line = " ".join(str(c).rjust(width) for c in counts)
        ctx.write(line + (f" {label}" if label else "") + "\n")
    return status


# -- sort, uniq --------------------------------------------------------------------------------
def sort(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("sort", ctx.argv[1:], "rnufbh", "kt", {"reverse": "r", "numeric-sort": "n",
                                                                    "unique": "u", "key": "k",
                                                                    "field-separator": "t"})
    except UsageError as err:
        err.code = 2
        return usage_error(ctx, err)
    sep = opts.get("t")
    if sep is not None and len(sep) != 1:
        ctx.write_err("sort: multi-character tab " + quote(sep) + "\n")
        return 2
    key = _sort_key(opts, sep)
    if key is None:
        ctx.write_err(f"sort: invalid number at field start: invalid count at start of {quote(opts['k'])}\n")
        return 2
    lines: list[str] = []
    for name in names or ["-"]:
        try:
            lines.extend(lines_of(ctx.stdin if name == "-" else ctx.fs.read(ctx.resolve(name))))
        except VfsError as err:
            ctx.write_err(f"sort: cannot read: {quote_if_needed(name)}: {err.strerror}\n")
            return 2
    reverse = "r" in opts
    lines.sort(key=lambda line: line.encode(), reverse=reverse)  # last resort: the whole line
    lines.sort(key=key, reverse=reverse)
    if "u" in opts:
        unique: list[str] = []
        for line in lines:
            if not unique or key(unique[-1]) != key(line):
                unique.append(line)
        lines = unique
    ctx.write(join_lines(lines))
    return 0


def _sort_key(opts: dict[str, str], sep: str | None) -> Callable[[str], object] | None:
    numeric, fold = "n" in opts or "h" in opts, "f" in opts
    start, end = 1, None
    if "k" in opts:
        m = re.fullmatch(r"(\d+)(?:\.\d+)?([a-z]*)(?:,(\d+)(?:\.\d+)?([a-z]*))?", opts["k"])
        if not m or int(m.group(1)) == 0:
            return None
        start, end = int(m.group(1)), int(m.group(3)) if m.group(3) else None
        numeric = numeric or "n" in (m.group(2) or "") + (m.group(4) or "")

    def fields(line: str) -> str:
        if "k" not in opts:
            return line
        parts = line.split(sep) if sep is not None else re.findall(r"\s*\S+", line)
        chosen = parts[start - 1:end]
        return (sep or "").join(chosen)

    def key(line: str) -> object:
        text = fields(line)
        if numeric:
            m = re.match(r"\s*(-?(?:\d+\.?\d*|\.\d+))", text)
            return float(m.group(1)) if m else 0.0
        return (text.upper() if fold else text).encode()

    return key


def uniq(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("uniq", ctx.argv[1:], "cdui", long={"count": "c"})
    except UsageError as err:
        return usage_error(ctx, err)
    status = 0
    out: list[str] = []
    for _, text in read_inputs(ctx, names[:1], "uniq"):
        if text is None:
            return 1
        groups: list[list[str]] = []
        for line in lines_of(text):
            same = groups and (groups[-1][0].lower() == line.lower() if "i" in opts else groups[-1][0] == line)
            groups[-1].append(line) if same else groups.append([line])
        for g in groups:
            if ("d" in opts and len(g) < 2) or ("u" in opts and len(g) > 1):
                continue
            out.append(f"{len(g):7d} {g[0]}\n" if "c" in opts else g[0] + "\n")
    ctx.write("".join(out))
    return status


# -- cut, tr -----------------------------------------------------------------------------------
def _ranges(spec: str) -> list[tuple[int, int]] | str:
    out = []
    for piece in spec.split(","):
        m = re.fullmatch(r"(\d*)(-?)(\d*)", piece)
        if not m or not (m.group(1) or m.group(3)):
            return "invalid field range"
        lo = int(m.group(1)) if m.group(1) else 1
        hi = int(m.group(3)) if m.group(3) else (lo if not m.group(2) else 1 << 30)
        if lo == 0 or hi == 0:
            return "fields are numbered from 1"
        if hi < lo:
            return "invalid decreasing range"
        out.append((lo, hi))
    return out


def cut(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("cut", ctx.argv[1:], "s", "dfcb", {"delimiter": "d", "fields": "f",
                                                                "characters": "c", "bytes": "b"})
    except UsageError as err:
        return usage_error(ctx, err)
    mode = next((k for k in "fcb" if k in opts), None)
    if mode is None:
        ctx.write_err("cut: you must specify a list of bytes, characters, or fields\n"
                      "Try 'cut --help' for more information.\n")
        return 1
    if "d" in opts and mode != "f":
        ctx.write_err("cut: an input delimiter may be specified only when operating on fields\n"
                      "Try 'cut --help' for more information.\n")
        return 1
    delim = opts.get("d", "\t")
    if len(delim) != 1:
        ctx.write_err("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n")
        return 1
    ranges = _ranges(opts[mode])
    if isinstance(ranges, str):
        ctx.write_err(f"cut: {ranges}\nTry 'cut --help' for more information.\n")
        return 1

    def keep(i: int) -> bool:
        return any(lo <= i <= hi for lo, hi in ranges)

    status = 0
    out: list[str] = []
    for _, text in read_inputs(ctx, names, "cut"):
        if text is None:
            status = 1
            continue
        for line in lines_of(text):
            if mode != "f":
                out.append("".join(c for i, c in enumerate(line, 1) if keep(i)) + "\n")
            elif delim not in line:
                if "s" not in opts:
                    out.append(line + "\n")
            else:
                out.append(delim.join(f for i, f in enumerate(line.split(delim), 1) if keep(i)) + "\n")
    ctx.write("".join(out))
    return status


TR_CLASSES = {"lower": "abcdefghijklmnopqrstuvwxyz", "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "digit": "0123456789",
              "space": " \t\n\r\f\v", "blank": " \t", "punct": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}
TR_CLASSES["alpha"] = TR_CLASSES["lower"] + TR_CLASSES["upper"]
TR_CLASSES["alnum"] = TR_CLASSES["alpha"] + TR_CLASSES["digit"]


def _tr_set(spec: str) -> str:
    out: list[str] = []
    i = 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "f": "\f", "v": "\v"}
    while i < len(spec):
        m = re.compile(r"\[:(\w+):\]").match(spec, i)
        if m and m.group(1) in TR_CLASSES:
            out.append(TR_CLASSES[m.group(1)])
            i = m.end()
            continue
        c = spec[i]
        if c == "\\" and i + 1 < len(spec):
            c = escapes.get(spec[i + 1], spec[i + 1])
            i += 1
        if i + 2 < len(spec) and spec[i + 1] == "-":
            lo, hi = ord(c), ord(spec[i + 2])
            if hi >= lo:
                out.append("".join(chr(x) for x in range(lo, hi + 1)))
                i += 3
                continue
        out.append(c)
        i += 1
    return "".join(out)


def tr(ctx: CommandContext) -> int:
    try:
        opts, sets = getopt("tr", ctx.argv[1:], "dsc")
    except UsageError as err:
        return usage_error(ctx, err)
    need = 1 if "d" in opts and "s" not in opts else 2 if "s" not in opts else 1
    if not sets:
        ctx.write_err("tr: missing operand\nTry 'tr --help' for more information.\n")
        return 1
    if len(sets) < need:
        ctx.write_err(f"tr: missing operand after {quote(sets[0])}\n"
                      "Two strings must be given when translating.\nTry 'tr --help' for more information.\n")
        return 1
    set1 = _tr_set(sets[0])
    set2 = _tr_set(sets[1]) if len(sets) > 1 else ""
    text = ctx.stdin
    if "d" in opts:
        text = "".join(c for c in text if c not in set1)
        squeeze = set2
    else:
        if set2:
            padded = set2 + set2[-1] * max(0, len(set1) - len(set2))
            table = {ord(a): b for a, b in zip(set1, padded, strict=False)}
            text = text.translate(table)
        squeeze = set2 or set1
    if "s" in opts:
        text = re.sub("([" + re.escape(squeeze) + "])\\1+", r"\1", text) if squeeze else text
    ctx.write(text)
    return 0


# -- tee, base64 -------------------------------------------------------------------------------
def tee(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("tee", ctx.argv[1:], "a", long={"append": "a"})
    except UsageError as err:
        return usage_error(ctx, err)
    status = 0
    ctx.write(ctx.stdin)
    for name in names:
        try:
            ctx.fs.write(ctx.resolve(name), ctx.stdin, append="a" in opts, now=ctx.now)
        except VfsError as err:
            ctx.write_err(f"tee: {quote_if_needed(name)}: {err.strerror}\n")
            status = 1
    return status


def base64(ctx: CommandContext) -> int:
    try:
        opts, names = getopt("base64", ctx.argv[1:], "di", "w", {"decode": "d", "wrap": "w",
                                                                "ignore-garbage": "i"})
    except UsageError as err:
        return usage_error(ctx, err)
    for _, text in read_inputs(ctx, names[:1], "base64"):
        if text is None:
            return 1
        if "d" in opts:
            try:
                data = b64.b64decode("".join(text.split()), validate=True)
            except (binascii.Error, ValueError):
                ctx.write_err("base64: invalid input\n")
                return 1
            ctx.write(data.decode("utf-8", "replace"))
            return 0
        encoded = b64.b64encode(text.encode("utf-8", "surrogatepass")).decode()
        spec = opts.get("w", "76")
        if not spec.isdigit():
            ctx.write_err(f"base64: invalid wrap size: {quote(spec)}\n")
            return 1
        width = int(spec)
        if width == 0:
            ctx.write(encoded)
        else:
            ctx.write("".join(encoded[i:i + width] + "\n" for i in range(0, len(encoded), width)))
    return 0


def _no_files(flags: str, with_arg: str, operands: int) -> Callable[[list[str]], bool]:
    def check(argv: list[str]) -> bool:
        try:
            _, args = getopt(argv[0], argv[1:], flags, with_arg)
        except UsageError:
            return False
        return len(args) <= operands
    return check


COMMANDS = {"head": head, "tail": tail, "wc": wc, "sort": sort, "uniq": uniq, "cut": cut, "tr": tr,
            "tee": tee, "base64": base64}
STREAMING: dict[str, Callable[[list[str]], bool]] = {"cut": _no_files("s", "dfcb", 0),
                                                     "tr": _no_files("dsc", "", 2)}
