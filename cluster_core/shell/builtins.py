"""bash's own builtins: they change the shell itself (directory, variables, aliases, jobs).

Messages are bash 5's (``bash: cd: nope: No such file or directory``). ``exit`` ends nothing in
this playground: it sets ``$?`` and skips the rest of the input, as the shell would have gone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .executor import Adopt, Executor
from .jobs import OTHER_SIGNALS, SIGNALS, SIGTERM, job_line, markers
from .lexer import NAME_RE, UNSUPPORTED
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
  alias cd echo exit export false fg help history jobs kill pwd test [ true type unalias unset
Commands:
  {commands}

Syntax: 'quotes', "double quotes" with $VAR, ${{VAR}}, ~, A=b cmd, ; && || | & (background),
redirections > >> < 2> 2>&1 &> and here-documents (<<EOF). Ctrl-C stops a running command.
Not available: if/for/while, functions, subshells ( ), $(...) and backquotes.
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


# -- jobs --------------------------------------------------------------------------------------
def find_job(jobs: list[dict[str, Any]], spec: str) -> dict[str, Any] | str:
    """The job a ``%`` spec names, or bash's complaint (``no such job``, ``ambiguous job spec``)."""
    marks = markers(jobs)
    body = spec[1:] if spec.startswith("%") else spec
    if body in ("", "%", "+"):
        found = [j for j in jobs if marks[j["num"]] == "+"]
    elif body == "-":
        found = [j for j in jobs if marks[j["num"]] == "-"] or [j for j in jobs if marks[j["num"]] == "+"]
    elif body.isdigit():
        found = [j for j in jobs if j["num"] == int(body)]
    elif body.startswith("?"):
        found = [j for j in jobs if body[1:] in j["text"]]
    else:
        found = [j for j in jobs if j["text"].startswith(body)]
    if len(found) > 1:
        return f"{spec}: ambiguous job spec"
    return found[0] if found else f"{spec}: no such job"


def jobs(ctx: CommandContext) -> int:
    ex = _executor(ctx)
    s = ex.session
    args = ctx.argv[1:]
    flags = "".join(a[1:] for a in args if a.startswith("-") and len(a) > 1)
    if set(flags) - set("lprs"):
        bad = next(c for c in flags if c not in "lprs")
        ctx.write_err(f"bash: jobs: -{bad}: invalid option\n"
                      "jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n")
        return 2
    selected = s.jobs
    specs = [a for a in args if not a.startswith("-") or a == "-"]
    if specs:
        selected = []
        for spec in specs:
            found = find_job(s.jobs, spec)
            if isinstance(found, str):
                return _err(ctx, f"jobs: {found}")
            selected.append(found)
    marks = markers(s.jobs)
    for job in selected:
        if ("r" in flags and job["state"] != "running") or ("s" in flags and job["state"] != "stopped"):
            continue
        ctx.write(f"{job['pid']}\n" if "p" in flags else job_line(job, marks[job["num"]], s.cwd, long="l" in flags))
        job["notified"] = job["notified"] or job["state"] != "running"
    s.jobs = [j for j in s.jobs if not (j["state"] == "done" and j["notified"])]
    return 0


def fg(ctx: CommandContext) -> int | Adopt:
    ex = _executor(ctx)
    if ctx.session is not ex.session or ctx.extra.get("in_pipe"):
        return _err(ctx, "fg: no job control")
    spec = ctx.argv[1] if len(ctx.argv) > 1 else "%+"
    found = find_job(ex.session.jobs, spec)
    if isinstance(found, str):
        return _err(ctx, "fg: " + ("current: no such job" if len(ctx.argv) == 1 else found))
    if found["state"] == "done":
        return _err(ctx, "fg: job has terminated")
    ctx.write(found["text"] + "\n")
    return Adopt(found)


KILL_USAGE = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n"


def _signal(spec: str) -> int | None:
    name = spec.upper().removeprefix("SIG")
    if spec.isdigit():
        n = int(spec)
        return n if n in SIGNALS or n in OTHER_SIGNALS or n == 0 else None
    for n, (short, _) in SIGNALS.items():
        if short == name:
            return n
    return next((n for n, short in OTHER_SIGNALS.items() if short == name), None)


def kill(ctx: CommandContext) -> int:
    ex = _executor(ctx)
    args = ctx.argv[1:]
    sig = SIGTERM
    if not args:
        ctx.write_err(KILL_USAGE)
        return 2
    if args[0] in ("-s", "-n"):
        if len(args) < 2:
            return _err(ctx, f"kill: {args[0]}: option requires an argument", 2)
        spec, args = args[1], args[2:]
    elif args[0].startswith("-") and args[0] not in ("-", "--") and not args[0][1:].startswith("%"):
        spec, args = args[0][1:], args[1:]
    else:
        spec = "TERM"
    if args[:1] == ["--"]:
        args = args[1:]
    if spec == "l" or spec == "L":
        return _err(ctx, f"kill: -l {UNSUPPORTED}", 2)
    found_sig = _signal(spec)
    if found_sig is None:
        return _err(ctx, f"kill: {spec}: invalid signal specification")
    sig = found_sig
    if sig in OTHER_SIGNALS:
        return _err(ctx, f"kill: sending SIG{OTHER_SIGNALS[sig]} {UNSUPPORTED}")
    if not args:
        ctx.write_err(KILL_USAGE)
        return 2
    status = 0
    for target in args:
        owner, job = _kill_target(ctx, ex, target)
        if isinstance(job, str):
            status = _err(ctx, f"kill: {job}")
        elif job is not None and sig != 0:
            ex.kill(job, sig, owner)
    return status


def _kill_target(ctx: CommandContext, ex: Executor, target: str) -> tuple[Any, dict[str, Any] | str | None]:
    if target.startswith("%"):
        return ex.session, find_job(ex.session.jobs, target)
    if not re.fullmatch(r"-?\d+", target):
        return None, f"{target}: arguments must be process or job IDs"
    pid = int(target)
    for session in ctx.shell.sessions.values():
        if session.pid == pid:
            return session, None  # an interactive bash ignores SIGTERM
        candidates = list(session.jobs) + ([session.fg["job"]] if session.fg else [])
        for job in candidates:
            if job["pid"] == pid and job["state"] != "done":
                return session, job
    return None, f"({pid}) - No such process"


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
    if not args:
        return False
    if args[0] == "!" and len(args) > 1:
        return not _test(ctx, args[1:])
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


BUILTINS: dict[str, Builtin] = {
    "cd": cd, "pwd": pwd, "echo": echo, "export": export, "unset": unset, "alias": alias, "unalias": unalias,
    "history": history, "help": help_, "true": true, "false": false, "exit": exit_, "type": type_,
    "jobs": jobs, "fg": fg, "kill": kill, "test": test, "[": test,
}
