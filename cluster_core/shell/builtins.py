"""bash's own builtins: they change the shell itself (directory, variables, aliases, jobs).

Messages are bash 5's (``bash: cd: nope: No such file or directory``). ``exit`` ends nothing in
this playground: it sets ``$?`` and skips the rest of the input, as the shell would have gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .executor import Executor
from .jobcontrol import fg, jobs, kill
from .lexer import NAME_RE
from .parser import CLOSERS, OPENERS
from .streams import CommandContext
from .vfs import normalize

Builtin = Callable[[CommandContext], Any]
KEYWORDS = OPENERS | CLOSERS | {"!", "in"}


def _err(ctx: CommandContext, text: str, code: int = 1) -> int:
    ctx.write_err(f"bash: {text}\n")
    return code


def _valid_name(name: str) -> bool:
    return bool(NAME_RE.fullmatch(name))


def _executor(ctx: CommandContext) -> Executor:
    return ctx.extra["executor"]


def colon(ctx: CommandContext) -> int:
    """``:`` does nothing, successfully (``: > file`` empties a file)."""
    return 0


# -- directories -------------------------------------------------------------------------------
def cd(ctx: CommandContext) -> int:
    args = [a for a in ctx.argv[1:] if a not in ("-L", "-P")]
    if args[:1] == ["--"]:
        args = args[1:]
    s = ctx.session
    if len(args) > 1:
        return _err(ctx, "cd: too many arguments")
    show = False
    if not args:
        target = s.vars.get("HOME")
        if target is None:
            return _err(ctx, "cd: HOME not set")
    elif args[0] == "-":
        target = s.vars.get("OLDPWD")
        if target is None:
            return _err(ctx, "cd: OLDPWD not set")
        show = True
    else:
        target = args[0]
    if target == "":
        return 0
    path = normalize(target, s.cwd)
    if not ctx.fs.is_dir(path):
        why = "Not a directory" if ctx.fs.is_file(path) else "No such file or directory"
        return _err(ctx, f"cd: {target}: {why}")
    s.set_var("OLDPWD", s.cwd, export=True)
    s.cwd = path
    s.set_var("PWD", path)
    if show:
        ctx.write(path + "\n")
    return 0


def pwd(ctx: CommandContext) -> int:
    ctx.write(ctx.cwd + "\n")
    return 0


# -- output ------------------------------------------------------------------------------------
ECHO_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                "v": "\v", "\\": "\\"}


def echo(ctx: CommandContext) -> int:
    args = ctx.argv[1:]
    newline, escapes = True, False
    while args and re.fullmatch(r"-[neE]+", args[0]):
        for c in args[0][1:]:
            newline = newline and c != "n"
            escapes = True if c == "e" else False if c == "E" else escapes
        args = args[1:]
    text = " ".join(args)
    if escapes:
        text, stop = _echo_escapes(text)
        newline = newline and not stop
    ctx.write(text + ("\n" if newline else ""))
    return 0


def _echo_escapes(text: str) -> tuple[str, bool]:
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\" or i + 1 >= len(text):
            out.append(c)
            i += 1
            continue
        e = text[i + 1]
        i += 2
        if e == "c":
            return "".join(out), True
        if e in ECHO_ESCAPES:
            out.append(ECHO_ESCAPES[e])
        elif e == "0":
            m = re.compile(r"[0-7]{0,3}").match(text, i)
            assert m is not None
            out.append(chr(int(m.group() or "0", 8)))
            i = m.end()
        elif e == "x" and (m := re.compile(r"[0-9A-Fa-f]{1,2}").match(text, i)):
            out.append(chr(int(m.group(), 16)))
            i = m.end()
        else:
            out.append("\\" + e)
    return "".join(out), False


# -- variables and aliases ---------------------------------------------------------------------
def _dq(value: str) -> str:
    return '"' + re.sub(r'(["\\$`])', r"\\\1", value) + '"'


def _sq(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def export(ctx: CommandContext) -> int:
    s = ctx.session
    args = ctx.argv[1:]
    remove = False
    while args and args[0].startswith("-") and args[0] != "-":
        if args[0] == "--":
            args = args[1:]
            break
        if set(args[0][1:]) - set("npf"):
            bad = next(c for c in args[0][1:] if c not in "npf")
            ctx.write_err(f"bash: export: -{bad}: invalid option\n"
                          "export: usage: export [-fn] [name[=value] ...] or export -p\n")
            return 2
        remove = remove or "n" in args[0]
        args = args[1:]
    if not args:
        for name in s.exported:
            ctx.write(f"declare -x {name}={_dq(s.vars[name])}\n" if name in s.vars else f"declare -x {name}\n")
        return 0
    status = 0
    for arg in args:
        name, eq, value = arg.partition("=")
        if not _valid_name(name):
            status = _err(ctx, f"export: `{arg}': not a valid identifier")
            continue
        if remove:
            s.unexport(name)
            if eq:
                s.set_var(name, value)
        elif eq:
            s.set_var(name, value, export=True)
        else:
            s.export(name)
    return status


def unset(ctx: CommandContext) -> int:
    status = 0
    for name in ctx.argv[1:]:
        if name in ("-v", "-f", "--"):
            continue
        if not _valid_name(name):
            status = _err(ctx, f"unset: `{name}': not a valid identifier")
            continue
        ctx.session.unset(name)
    return status


def alias(ctx: CommandContext) -> int:
    aliases = ctx.session.aliases
    args = [a for a in ctx.argv[1:] if a != "--"]
    if not args or args == ["-p"]:
        for name in sorted(aliases):
            ctx.write(f"alias {name}={_sq(aliases[name])}\n")
        return 0
    status = 0
    for arg in args:
        name, eq, value = arg.partition("=")
        if eq:
            if not name or re.search(r"[\s/$`='\"\\|&;()<>]", name):
                status = _err(ctx, f"alias: `{name}': invalid alias name")
            elif name not in aliases and len(aliases) >= 200:
                status = _err(ctx, "alias: too many aliases (at most 200)")
            else:
                aliases[name] = value
        elif name in aliases:
            ctx.write(f"alias {name}={_sq(aliases[name])}\n")
        else:
            status = _err(ctx, f"alias: {name}: not found")
    return status


def unalias(ctx: CommandContext) -> int:
    args = ctx.argv[1:]
    if not args:
        ctx.write_err("unalias: usage: unalias [-a] name [name ...]\n")
        return 2
    if "-a" in args:
        ctx.session.aliases.clear()
        return 0
    status = 0
    for name in args:
        if ctx.session.aliases.pop(name, None) is None:
            status = _err(ctx, f"unalias: {name}: not found")
    return status


# -- history, help, status ---------------------------------------------------------------------
HISTORY_USAGE = ("history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or "
                 "history -ps arg [arg...]\n")


def history(ctx: CommandContext) -> int:
    s = ctx.session
    args = ctx.argv[1:]
    if args[:1] == ["-c"]:
        s.history_base += len(s.history)
        s.history.clear()
        return 0
    entries = list(enumerate(s.history, start=s.history_base))
    if args and args[0].startswith("-") and len(args[0]) > 1:
        ctx.write_err(f"bash: history: {args[0][:2]}: invalid option\n{HISTORY_USAGE}")
        return 2
    if args:
        if not args[0].isdigit():
            return _err(ctx, f"history: {args[0]}: numeric argument required")
        entries = entries[-int(args[0]):] if int(args[0]) else []
    ctx.write("".join(f"{n:5d}  {line}\n" for n, line in entries))
    return 0


HELP = """\
This is the playground's bash: a simulated shell over your home directory (/home/student).

Shell builtins:
  : alias cd echo exit export false fg help history jobs kill printf pwd test [ true type unalias unset
Commands:
  {commands}

Syntax: 'quotes', "double quotes" with $VAR, ${{VAR}}, ~, A=b cmd, ; && || | & (background),
redirections > >> < 2> 2>&1 &> and here-documents (<<EOF). Ctrl-C stops a running command.
Not available: if/for/while, functions, subshells ( ) and $((arithmetic)).
"""


def help_(ctx: CommandContext) -> int:
    names = sorted(ctx.shell.commands)
    ctx.write(HELP.format(commands=" ".join(names)))
    return 0


def true(ctx: CommandContext) -> int:
    return 0


def false(ctx: CommandContext) -> int:
    return 1


def exit_(ctx: CommandContext) -> int:
    args = ctx.argv[1:]
    code = ctx.session.last_status
    if args:
        if not re.fullmatch(r"[+-]?\d+", args[0]):
            _err(ctx, f"exit: {args[0]}: numeric argument required")
            code = 2
        elif len(args) > 1:
            return _err(ctx, "exit: too many arguments")
        else:
            code = int(args[0]) & 255
    ex = _executor(ctx)
    if ctx.session is ex.session:
        ex.exit_requested = True
    return code


def type_(ctx: CommandContext) -> int:
    args = ctx.argv[1:]
    terse = "-t" in args
    status = 0
    for name in (a for a in args if not a.startswith("-")):
        found = _describe(ctx, name)
        if found is None:
            status = 1
            if not terse:
                _err(ctx, f"type: {name}: not found")
            continue
        kind, text = found
        ctx.write((kind if terse else text) + "\n")
    return status


def _describe(ctx: CommandContext, name: str) -> tuple[str, str] | None:
    s = ctx.session
    if name in s.aliases:
        return "alias", f"{name} is aliased to `{s.aliases[name]}'"
    if name in KEYWORDS:
        return "keyword", f"{name} is a shell keyword"
    if name in BUILTINS:
        return "builtin", f"{name} is a shell builtin"
    handler, _ = ctx.shell.lookup_command(name, s)
    if handler is None:
        return None
    if name in s.hashed:
        return "file", f"{name} is hashed ({s.hashed[name]})"
    path = name if "/" in name else ctx.shell.which(name, s)[0]
    return "file", f"{name} is {path}"


# -- test / [ ----------------------------------------------------------------------------------
class _TestError(Exception):
    pass


def test(ctx: CommandContext) -> int:
    args = ctx.argv[1:]
    name = "test"
    if ctx.argv[0] == "[":
        name = "["
        if not args or args[-1] != "]":
            return _err(ctx, "[: missing `]'", 2)
        args = args[:-1]
    try:
        return 0 if _test(ctx, args) else 1
    except _TestError as err:
        return _err(ctx, f"{name}: {err}", 2)


def _test(ctx: CommandContext, args: list[str]) -> bool:
    negate = False
    while len(args) >= 4 and args[0] == "!":
        negate, args = not negate, args[1:]
    if len(args) == 3 and args[0] == "!" and args[1] not in BINARY_TESTS:
        negate, args = not negate, args[1:]
    if len(args) == 2 and args[0] == "!":
        negate, args = not negate, args[1:]
    return _test_plain(ctx, args) != negate


BINARY_TESTS = frozenset({"=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"})


def _test_plain(ctx: CommandContext, args: list[str]) -> bool:
    if not args:
        return False
    if len(args) == 1:
        return args[0] != ""
    if len(args) == 2:
        op, value = args
        path = ctx.resolve(value) if value else ""
        unary = {"-z": lambda: value == "", "-n": lambda: value != "",
                 "-e": lambda: bool(value) and ctx.fs.exists(path), "-f": lambda: bool(value) and ctx.fs.is_file(path),
                 "-d": lambda: bool(value) and ctx.fs.is_dir(path),
                 "-s": lambda: bool(value) and ctx.fs.is_file(path) and ctx.fs.stat(path).size > 0,
                 "-r": lambda: bool(value) and ctx.fs.exists(path), "-w": lambda: bool(value) and ctx.fs.exists(path),
                 "-x": lambda: bool(value) and ctx.fs.is_dir(path)}
        if op not in unary:
            raise _TestError(f"{op}: unary operator expected")
        return unary[op]()
    if len(args) == 3:
        left, op, right = args
        if op in ("=", "=="):
            return left == right
        if op == "!=":
            return left != right
        ints = {"-eq": int.__eq__, "-ne": int.__ne__, "-lt": int.__lt__, "-le": int.__le__, "-gt": int.__gt__,
                "-ge": int.__ge__}
        if op in ints:
            return bool(ints[op](_int(left), _int(right)))
        raise _TestError(f"{op}: binary operator expected")
    raise _TestError("too many arguments")


def _int(value: str) -> int:
    if not re.fullmatch(r"\s*[+-]?\d+\s*", value):
        raise _TestError(f"{value}: integer expression expected")
    return int(value)


# -- printf ----------------------------------------------------------------------------------
PRINTF_SPEC = re.compile(r"%([-+ #0]*)(\d*)(?:\.(\d*))?([diouxXeEfgGcsbq%])")
SHELL_SAFE = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


def printf(ctx: CommandContext) -> int:
    """bash's printf: the format is used again while arguments remain; bad numbers count as 0."""
    args = ctx.argv[1:]
    target = None
    if args[:1] == ["-v"] and len(args) > 1:
        target, args = args[1], args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        ctx.write_err("printf: usage: printf [-v var] format [arguments]\n")
        return 2
    fmt, rest = args[0], args[1:]
    out: list[str] = []
    status = 0
    while True:
        used = len(rest)
        stop, status = _printf_once(ctx, fmt, rest, out, status)
        if stop or not rest or len(rest) == used:
            break
    text = "".join(out)
    if target is not None:
        if not _valid_name(target):
            return _err(ctx, f"printf: `{target}': not a valid identifier")
        ctx.session.set_var(target, text)
    else:
        ctx.write(text)
    return status


def _printf_once(ctx: CommandContext, fmt: str, rest: list[str], out: list[str], status: int) -> tuple[bool, int]:
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "\\":
            text, i = _printf_escape(fmt, i)
            out.append(text)
            continue
        if c != "%":
            out.append(c)
            i += 1
            continue
        m = PRINTF_SPEC.match(fmt, i)
        if not m:
            bad = fmt[i + 1:i + 2] or "%"
            _err(ctx, f"printf: `{bad}': invalid format character")
            return True, 1
        i = m.end()
        flags, width, precision, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        arg = rest.pop(0) if rest else ""
        spec = "%" + flags + width + (f".{precision}" if precision is not None else "")
        if conv in "diouxX":
            value, ok = _printf_number(arg, int)
            out.append((spec + ("d" if conv in "iu" else conv)) % value)
        elif conv in "eEfgG":
            fvalue, ok = _printf_number(arg, float)
            out.append((spec + conv) % fvalue)
        else:
            ok = True
            if conv == "b":
                arg = _echo_escapes(arg)[0]
            elif conv == "q":
                arg = arg if SHELL_SAFE.fullmatch(arg) else ("''" if not arg else re.sub(r"([^A-Za-z0-9_@%+=:,./-])",
                                                                                       r"\\\1", arg))
            elif conv == "c":
                arg = arg[:1]
            out.append((spec + "s") % arg)
        if not ok:
            _err(ctx, f"printf: {arg}: invalid number")
            status = 1
    return False, status


def _printf_number(arg: str, kind: type) -> tuple[Any, bool]:
    if arg[:1] in ("'", '"') and len(arg) > 1:
        return kind(ord(arg[1])), True
    pattern = r"\s*[+-]?\d+" if kind is int else r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"
    m = re.match(pattern, arg)
    if not arg:
        return kind(0), True
    if not m:
        return kind(0), False
    return kind(m.group()), m.end() == len(arg)


def _printf_escape(fmt: str, i: int) -> tuple[str, int]:
    """One backslash escape of a printf format: (text, next index)."""
    if i + 1 >= len(fmt):
        return "\\", i + 1
    e = fmt[i + 1]
    if e in ECHO_ESCAPES or e in "\"'":
        return ECHO_ESCAPES.get(e, e), i + 2
    m = re.compile(r"[0-7]{1,3}").match(fmt, i + 1)
    if m:
        return chr(int(m.group(), 8)), m.end()
    m = re.compile(r"x([0-9A-Fa-f]{1,2})").match(fmt, i + 1)
    if m:
        return chr(int(m.group(1), 16)), m.end()
    return "\\" + e, i + 2


BUILTINS: dict[str, Builtin] = {
    "cd": cd, "pwd": pwd, "echo": echo, "export": export, "unset": unset, "alias": alias, "unalias": unalias,
    "history": history, "help": help_, "true": true, "false": false, "exit": exit_, "type": type_,
    "jobs": jobs, "fg": fg, "kill": kill, "test": test, "[": test, ":": colon, "printf": printf,
}
