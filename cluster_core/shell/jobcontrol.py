"""bash's job control builtins: ``jobs``, ``fg`` and ``kill`` (by job spec or by process id, in any tab)."""

from __future__ import annotations

import re
from typing import Any

from .executor import Adopt, Executor
from .jobs import OTHER_SIGNALS, SIGNALS, SIGTERM, job_line, markers
from .lexer import UNSUPPORTED
from .streams import CommandContext


def _err(ctx: CommandContext, text: str, code: int = 1) -> int:
    ctx.write_err(f"bash: {text}\n")
    return code


def _executor(ctx: CommandContext) -> Executor:
    return ctx.extra["executor"]


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
