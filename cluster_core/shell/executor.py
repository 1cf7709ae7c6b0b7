"""Running parsed lines: lists, pipelines, redirections, and jobs that outlive one call.

No process is ever started: a pipeline runs its commands one after another, each reading the
previous one's output as its stdin. A command may leave a :class:`~.jobs.LongRunning` behind;
then the line it belongs to becomes a *job* that the next ``poll`` continues. A job is a dict::

    {"num": 1, "pid": 12345, "text": "kubectl port-forward nginx 8080:80", "wd": "/home/student",
     "state": "running" | "stopped" | "done", "status": 0, "signal": None, "notified": False,
     "seq": 3,                                   # recency, for the + and - of ``jobs``
     "conts": [{"node": and_or, "index": 0, "sub": bool}],   # where to go on; innermost last
     "stage": {"runner": {"kind", "state"}, "argv", "env", "cwd", "out", "err", "name",
               "down": [command], "stream": bool, "buf": str, "neg": bool, "opened": [path]}}

``down`` are the commands after the running one in its pipeline (``kubectl logs -f x | grep y``):
when they are all line filters (``stream``) each complete line is passed through them as it
comes, otherwise they run on everything once the running command ends. ``sub`` marks a
background job's list, which runs in a copy of the session as bash's subshell would.

A tab's foreground job waits in ``session.fg`` with what is left of the input after it:
``{"job": job, "rest": [and_or], "text": input, "pos": offset}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .expand import Expander, ExpansionError
from .history import HistoryError, expand_history
from .jobs import (
    SIGINT,
    SIGNALS,
    SIGTERM,
    LongRunning,
    host_now,
    is_registered,
    job_line,
    load_runner,
    markers,
    save_runner,
)
from .lexer import NAME_RE, ShellSyntaxError
from .parser import Parser, render_and_or
from .redirect import RedirectError, apply_redirections
from .session import Session
from .streams import ECHO, TTY_OUT, CaptureTerminal, CommandContext, Terminal, Writer
from .vfs import tilde

if TYPE_CHECKING:
    from .shell import Shell

MAX_INPUT = 64 * 1024
MAX_PIPELINE = 32
MAX_JOBS = 16
MAX_TYPEAHEAD = 32
MAX_SUBSTITUTION_DEPTH = 8
MAX_BUFFER = 1024 * 1024
DECLARATION_BUILTINS = frozenset({"export", "alias", "declare", "typeset", "local", "readonly"})


class Started:
    """A command returned a LongRunning: ``stage`` is its saved state."""

    def __init__(self, stage: dict[str, Any]) -> None:
        self.stage = stage


class Adopt:
    """What ``fg`` returns: the running line takes over this background job."""

    def __init__(self, job: dict[str, Any]) -> None:
        self.job = job


class Executor:
    """Runs input for one tab during one call (execute, poll or interrupt) and collects its output."""

    def __init__(self, shell: Shell, tab: int, host: Any, term: Terminal | None = None, *,
                 session: Session | None = None, depth: int = 0) -> None:
        self.shell = shell
        self.tab = tab
        self.host = host
        self.session: Session = session or shell.session(tab)
        self.interactive = session is None  # a $(...) neither keeps history nor reports jobs
        self.depth = depth
        self.subst_status: int | None = None
        self.fs = shell.fs
        self.term = term or Terminal()
        self.now = host_now(host) or 0.0
        self.exit_requested = False
        self.error_at: int | None = None
        # bash reports a job's end at the prompt after the one where it ended (it is still running
        # when bash gets back to its prompt): only jobs that ended before this call are reported.
        self.reportable = {j["pid"] for j in self.session.jobs if j["state"] != "running"}

    # -- entry points ------------------------------------------------------------------------
    def execute(self, text: str) -> None:
        s = self.session
        if s.fg is not None:
            if len(s.typeahead) < MAX_TYPEAHEAD:
                s.typeahead.append(text)
            return
        self.run_input(text)
        self.drain_typeahead()

    def poll(self) -> None:
        s = self.session
        for job in list(s.jobs):
            if job["state"] == "running" and job["stage"]:
                self.poll_job(job)
        if s.fg is not None:
            job = s.fg["job"]
            if job["state"] == "running" and job["stage"]:
                self.poll_job(job)
            if job["state"] != "running":
                self.finish_foreground()

    def interrupt(self) -> None:
        """Ctrl-C: the tty echoes ``^C``; the foreground job gets SIGINT."""
        s = self.session
        self.term.write(ECHO, "^C")
        if s.fg is None:
            self.term.write(1, "\n")
            s.last_status = 130
            return
        job = s.fg["job"]
        s.typeahead.clear()
        code = 128 + SIGINT
        stage = job["stage"]
        if stage:
            code = self.signal_stage(job, stage, SIGINT, self.term)
            if stage["down"]:
                code = 128 + SIGINT  # the rest of the pipeline got the signal too
        if code == 128 + SIGINT:
            self.term.write(1, "\n")
            self.end_job(job, status=code)
            s.fg = None
            s.last_status = code
            self.notify()
            return
        self.finish_stage(job, code)
        if job["state"] != "running":
            self.finish_foreground()

    # -- reading input -----------------------------------------------------------------------
    def run_input(self, text: str) -> None:
        if len(text) > MAX_INPUT:
            self.term.write(2, f"bash: input too long ({len(text)} characters; at most {MAX_INPUT})\n")
            self.session.last_status = 2
            return
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # the tty's ICRNL: Enter is a newline
        if "!" in text and self.interactive:
            try:
                text, changed = expand_history(text, self.session.history, self.session.history_base)
            except HistoryError as err:
                self.term.write(2, f"bash: {err}\n")
                return
            if changed:
                self.term.write(2, text.rstrip("\n") + "\n")
            if len(text) > MAX_INPUT:
                self.term.write(2, f"bash: input too long ({len(text)} characters; at most {MAX_INPUT})\n")
                return
        if not text.endswith("\n"):
            text += "\n"
        if self.run_text(text, 0) and self.interactive:
            self.notify()

    def run_text(self, text: str, pos: int) -> bool:
        """Parse and run unit after unit; False when a foreground job is left running."""
        parser = Parser(text, pos, self.session.aliases)
        while not self.exit_requested:
            start = parser.pos
            try:
                unit = parser.parse_unit()
            except ShellSyntaxError as err:
                self.remember(text[start:parser.pos])
                self.term.write(2, f"bash: {err.message}\n")
                self.error_at = err.pos if self.error_at is None else self.error_at
                self.session.last_status = 2
                continue
            if unit is None:
                break
            self.remember(text[start:unit.end])
            for warning in unit.warnings:
                self.term.write(2, f"bash: {warning}\n")
            if not self.run_items(unit.items, text, parser.pos):
                return False
        return True

    def remember(self, line: str) -> None:
        if self.interactive:
            self.session.remember(line.lstrip("\n"))

    def run_items(self, items: list[dict[str, Any]], text: str, pos: int) -> bool:
        for i, item in enumerate(items):
            if self.exit_requested:
                return True
            if item["bg"]:
                self.start_background(item)
                continue
            job = self.new_job(item, sub=False)
            self.advance(job, self.session.last_status)
            if job["state"] == "running":
                job["pid"] = self.shell.new_pid()  # a process another tab can kill
                self.session.fg = {"job": job, "rest": items[i + 1:], "text": text, "pos": pos}
                return False
        return True

    def drain_typeahead(self) -> None:
        s = self.session
        while s.fg is None and s.typeahead and not self.exit_requested:
            self.run_input(s.typeahead.pop(0))

    # -- jobs --------------------------------------------------------------------------------
    def new_job(self, node: dict[str, Any], *, sub: bool) -> dict[str, Any]:
        return {"num": 0, "pid": 0, "text": render_and_or(node), "wd": self.session.cwd, "state": "running",
                "status": 0, "signal": None, "notified": False, "seq": 0, "stage": None,
                "conts": [{"node": node, "index": -1, "sub": sub}]}

    def start_background(self, item: dict[str, Any]) -> None:
        s = self.session
        if len(s.jobs) >= MAX_JOBS:
            self.term.write(2, f"bash: too many jobs in this terminal (at most {MAX_JOBS}); "
                               "end some with kill\n")
            s.last_status = 1
            return
        job = self.new_job(item, sub=True)
        job["num"] = max((j["num"] for j in s.jobs), default=0) + 1
        job["pid"] = self.shell.new_pid()
        s.job_seq += 1
        job["seq"] = s.job_seq
        s.jobs.append(job)
        self.term.write(2, f"[{job['num']}] {job['pid']}\n")
        s.last_bg_pid = job["pid"]
        self.advance(job, s.last_status)
        s.last_status = 0

    def advance(self, job: dict[str, Any], status: int) -> None:
        """Go on with the job's lists after a pipeline ended with ``status``, until one runs long."""
        while job["conts"]:
            cont = job["conts"][-1]
            node = cont["node"]
            while cont["index"] + 1 < len(node["pipes"]):
                cont["index"] += 1
                i = cont["index"]
                if i > 0 and (node["ops"][i - 1] == "&&") != (status == 0):
                    continue
                result = self.run_pipeline(node["pipes"][i], job, cont, status)
                if result is None:
                    return
                status = result
                if self.exit_requested and not cont["sub"]:
                    job["conts"] = []
                    break
            if job["conts"] and job["conts"][-1] is cont:
                job["conts"].pop()
        job["state"], job["status"] = "done", status

    def end_job(self, job: dict[str, Any], *, status: int, signal: int | None = None) -> None:
        job.update(stage=None, conts=[], state="done", status=status, signal=signal)
        if job in self.session.jobs:
            self.session.jobs.remove(job)

    def finish_foreground(self) -> None:
        """The foreground job ended: report a deadly signal, then go on with the rest of the input."""
        s = self.session
        fg, s.fg = s.fg, None
        assert fg is not None
        job = fg["job"]
        if job in s.jobs:
            s.jobs.remove(job)
        if job["signal"] and job["signal"] != SIGINT:
            self.term.write(2, SIGNALS.get(job["signal"], ("", f"Signal {job['signal']}"))[1] + "\n")
        s.last_status = job["status"]
        if self.run_items(fg["rest"], fg["text"], fg["pos"]) and not self.exit_requested:
            if not self.run_text(fg["text"], fg["pos"]):
                return
        if s.fg is None:
            self.notify()
            self.drain_typeahead()

    def notify(self) -> None:
        """Before the prompt: report background jobs that ended or stopped, then forget ended ones."""
        s = self.session
        marks = markers(s.jobs)
        for job in s.jobs:
            if job["state"] != "running" and not job["notified"] and job["pid"] in self.reportable:
                if job["state"] == "stopped":
                    self.term.write(2, "\n")  # as bash's notify_of_job_status starts a stop notice
                self.term.write(2, job_line(job, marks[job["num"]], s.cwd))
                if job["wd"] != s.cwd:
                    self.term.write(2, f"(wd now: {tilde(s.cwd)})\n")
                job["notified"] = True
        s.jobs = [j for j in s.jobs if not (j["state"] == "done" and j["notified"])]

    # -- pipelines ---------------------------------------------------------------------------
    def run_pipeline(self, pipe: dict[str, Any], job: dict[str, Any], cont: dict[str, Any],
                     status: int) -> int | None:
        if len(pipe["cmds"]) > MAX_PIPELINE:
            self.term.write(2, f"bash: pipeline too long (at most {MAX_PIPELINE} commands)\n")
            return 1
        sess = self.cont_session(cont, status)
        return self.run_stages(pipe["cmds"], "", job, sess, neg=pipe["neg"], in_pipe=len(pipe["cmds"]) > 1,
                               opened=None)

    def cont_session(self, cont: dict[str, Any] | None, status: int) -> Session:
        if cont is None or not cont["sub"]:
            return self.session
        sub = self.session.subshell()
        sub.last_status = status
        return sub

    def run_stages(self, cmds: list[dict[str, Any]], stdin: str, job: dict[str, Any], sess: Session, *,
                   neg: bool, in_pipe: bool, opened: list[str] | None, set_status: bool = True) -> int | None:
        """Run ``cmds`` as a pipeline fed with ``stdin``; None when one of them goes on running."""
        status = 0
        for idx, cmd in enumerate(cmds):
            last = idx == len(cmds) - 1
            stage_sess = sess.subshell() if in_pipe else sess
            res = self.run_command(cmd, stdin, TTY_OUT if last else {"k": "pipe"}, stage_sess, job,
                                   in_pipe=in_pipe, opened=opened)
            if isinstance(res, Started):
                stage = res.stage
                down = cmds[idx + 1:]
                stage.update(down=down, neg=neg, opened=opened if opened is not None else [],
                             stream=bool(down) and all(self.shell.streams(c, sess) for c in down))
                job["stage"] = stage
                if not stage.pop("background_ok", True) and job in self.session.jobs:
                    job["state"] = "stopped"  # it wants the terminal: bash's SIGTTIN stop
                elif stage["stream"]:
                    self.flush_stream(job, stage, final=False)
                return None
            if isinstance(res, Adopt):
                return self.adopt(job, res.job)
            status, stdin = res
        if neg:
            status = 0 if status else 1
        if sess is self.session and set_status:
            sess.last_status = status
        return status

    def adopt(self, job: dict[str, Any], other: dict[str, Any]) -> int | None:
        """``fg``: this job continues as ``other`` and then with its own list."""
        self.session.jobs.remove(other)
        job["conts"].extend(other["conts"])
        job["stage"] = other["stage"]
        job["text"], job["pid"] = other["text"], other["pid"]
        if job["stage"] is None:
            return other["status"]
        return None

    # -- polling a running command -----------------------------------------------------------
    def stage_ctx(self, job: dict[str, Any], stage: dict[str, Any], term: Terminal) -> CommandContext:
        pipe: list[str] = []
        out = Writer(stage["out"], term, self.fs, stage["name"], self.now, pipe)
        err = Writer(stage["err"], term, self.fs, stage["name"], self.now, pipe)
        return CommandContext(argv=list(stage["argv"]), stdin="", env=dict(stage["env"]), fs=self.fs,
                              cwd=stage["cwd"], session=self.session, host=self.host, out=out, err=err,
                              tab=self.tab, shell=self.shell, now=self.now,
                              extra={"executor": self, "job": job})

    def poll_job(self, job: dict[str, Any]) -> None:
        stage = job["stage"]
        try:
            runner = load_runner(stage["runner"])
        except Exception:  # noqa: BLE001 - an unknown kind or a bad state ends the command
            self.term.write(2, f"bash: {stage['name']}: cannot go on: its state was not understood\n")
            self.finish_stage(job, 1)
            return
        ctx = self.stage_ctx(job, stage, self.term)
        try:
            code = runner.poll(ctx)
            stage["runner"] = save_runner(runner)
        except Exception as exc:  # noqa: BLE001 - a failing command must not take the shell down
            ctx.write_err(f"{stage['name']}: internal error: {type(exc).__name__}: {exc}\n")
            code = 1
        self.collect(stage, ctx.out)
        if code is None:
            if stage["down"] and stage["stream"]:
                self.flush_stream(job, stage, final=False)
            return
        self.finish_stage(job, _exit_code(code))

    def collect(self, stage: dict[str, Any], out: Writer) -> None:
        if out.pipe:
            stage["buf"] = (stage["buf"] + "".join(out.pipe))[-MAX_BUFFER:]

    def finish_stage(self, job: dict[str, Any], code: int) -> None:
        stage, job["stage"] = job["stage"], None
        cont = job["conts"][-1] if job["conts"] else None
        sess = self.cont_session(cont, code)
        if stage["down"]:
            if stage["stream"]:
                status: int | None = self.flush_stream(job, stage, final=True)
            else:
                status = self.run_stages(stage["down"], stage["buf"], job, sess, neg=stage["neg"],
                                         in_pipe=True, opened=stage["opened"])
            if status is None:
                return
        else:
            status = (0 if code else 1) if stage["neg"] else code
            if sess is self.session:
                sess.last_status = status
        self.advance(job, status)

    def flush_stream(self, job: dict[str, Any], stage: dict[str, Any], *, final: bool) -> int:
        """Pass the complete lines gathered so far (everything when ``final``) through the filters."""
        buf = stage["buf"]
        cut = len(buf) if final else buf.rfind("\n") + 1
        chunk, stage["buf"] = buf[:cut], buf[cut:]
        if chunk or (final and not stage.get("ran")):
            cont = job["conts"][-1] if job["conts"] else None
            sess = self.cont_session(cont, 0)
            saved = job["stage"]
            status = self.run_stages(stage["down"], chunk, job, sess, neg=False, in_pipe=True,
                                     opened=stage["opened"], set_status=False)
            job["stage"] = saved
            status = 1 if status is None else status
            stage["status"] = 0 if stage.get("status") == 0 else status
            stage["ran"] = True
        status = stage.get("status", 0)
        if stage["neg"] and final:
            status = 0 if status else 1
        if final and self.cont_session(job["conts"][-1] if job["conts"] else None, 0) is self.session:
            self.session.last_status = status
        return status

    def signal_stage(self, job: dict[str, Any], stage: dict[str, Any], sig: int, term: Terminal) -> int:
        """Deliver a signal to a running command; its exit status (128+sig when it died of it)."""
        try:
            runner = load_runner(stage["runner"])
        except Exception:  # noqa: BLE001
            return 128 + sig
        ctx = self.stage_ctx(job, stage, term)
        code = 128 + sig
        try:
            if sig == SIGINT:
                code = _exit_code(runner.interrupt(ctx))
            else:
                runner.terminate(ctx, sig)
            stage["runner"] = save_runner(runner)
        except Exception as exc:  # noqa: BLE001
            ctx.write_err(f"{stage['name']}: internal error: {type(exc).__name__}: {exc}\n")
        self.collect(stage, ctx.out)
        return code

    def kill(self, job: dict[str, Any], sig: int, owner: Session) -> None:
        """``kill``: the job's running command gets ``sig``; the job's list ends there."""
        if job["state"] == "done":
            return
        stage = job["stage"]
        code = 128 + sig
        if stage:
            code = self.signal_stage(job, stage, sig, self.term if owner is self.session else Terminal())
        if sig == SIGINT and code != 128 + SIGINT and stage and not stage["down"]:
            job.update(state="done", status=code, stage=None, conts=[])
            return
        job.update(state="done", status=128 + sig, signal=sig, stage=None, conts=[])

    # -- one simple command ------------------------------------------------------------------
    def run_command(self, cmd: dict[str, Any], stdin: str, out_target: dict[str, Any], sess: Session,
                    job: dict[str, Any], *, in_pipe: bool, opened: list[str] | None
                    ) -> tuple[int, str] | Started | Adopt:
        exp = Expander(sess.lookup, self.fs, sess.cwd, assign=lambda n, v: sess.set_var(n, v),
                       substitute=lambda program: self.substitute(program, sess))
        self.subst_status = None
        try:
            argv = self.expand_words(cmd["words"], exp)
            assigns = [(a["name"], exp.string(a["value"]["parts"])) for a in cmd["assigns"]]
            stdin, out_t, err_t = apply_redirections(cmd["redirs"], exp, self.fs, sess.cwd, self.now, stdin,
                                                     out_target, opened)
        except (ExpansionError, RedirectError, ValueError) as err:
            self.term.write(2, f"bash: {err}\n")
            return 1, ""
        if not argv:
            try:
                for name, value in assigns:
                    sess.set_var(name, value)
            except ValueError as err:
                self.term.write(2, f"bash: {err}\n")
                return 1, ""
            return self.subst_status or 0, ""
        handler, problem = self.shell.lookup_command(argv[0], sess, remember=True)
        if handler is None:
            code, message = problem
            Writer(err_t, self.term, self.fs, "bash", self.now, []).write(f"bash: {message}\n")
            return code, ""
        env = sess.environ()
        env.update(assigns)
        prog = argv[0]
        pipe: list[str] = []
        label = f"bash: {prog}" if self.shell.is_builtin(prog) else prog  # for write errors
        out = Writer(out_t, self.term, self.fs, label, self.now, pipe)
        err = Writer(err_t, self.term, self.fs, label, self.now, pipe)
        ctx = CommandContext(argv=argv, stdin=stdin, env=env, fs=self.fs, cwd=sess.cwd, session=sess,
                             host=self.host, out=out, err=err, tab=self.tab, shell=self.shell, now=self.now,
                             extra={"executor": self, "job": job, "in_pipe": in_pipe})
        try:
            result = handler(ctx)
        except Exception as exc:  # noqa: BLE001 - a failing command must not take the shell down
            message = getattr(exc, "shell_message", None)
            err.write(f"{prog}: {message}\n" if message else f"{prog}: internal error: {type(exc).__name__}: {exc}\n")
            result = 2 if message else 1
        if isinstance(result, Adopt):
            return result
        if isinstance(result, LongRunning):
            if not is_registered(result):
                err.write(f"bash: {prog}: cannot keep running: {type(result).__name__} is not registered\n")
                return 1, "".join(pipe)
            stage = {"runner": save_runner(result), "argv": argv, "env": env, "cwd": sess.cwd, "out": out_t,
                     "err": err_t, "name": prog, "buf": "".join(pipe), "background_ok": result.background_ok}
            return Started(stage)
        code = _exit_code(result)
        if code == 0 and (out.write_error or err.write_error):
            code = 1  # `echo x >> full-file`: bash reports the write error and echo returns 1
        return code, "".join(pipe)

    def substitute(self, program: str, sess: Session) -> str:
        """``$(program)``: run it in a copy of the session and return its output, trailing newlines cut."""
        if self.depth >= MAX_SUBSTITUTION_DEPTH:
            raise ExpansionError(f"command substitution nested too deeply (more than {MAX_SUBSTITUTION_DEPTH})")
        capture = CaptureTerminal(self.term)
        sub = Executor(self.shell, self.tab, self.host, capture, session=sess.subshell(), depth=self.depth + 1)
        sub.run_text(program + "\n", 0)
        if sub.session.fg is not None:
            job = sub.session.fg["job"]
            if job["stage"]:
                sub.signal_stage(job, job["stage"], SIGTERM, capture)
            self.term.write(2, f"bash: $({program.strip()}): cannot wait here for a command that keeps "
                               "running; it was stopped\n")
            sub.session.last_status = 128 + SIGTERM
        self.subst_status = sub.session.last_status
        return capture.text().rstrip("\n")

    def expand_words(self, words: list[dict[str, Any]], exp: Expander) -> list[str]:
        if not words:
            return []
        argv = exp.fields(words[0]["parts"])
        decl = bool(argv) and argv[0] in DECLARATION_BUILTINS
        for word in words[1:]:
            if decl and _assignment_like(word["parts"]):
                argv.append(exp.string(word["parts"]))
            else:
                argv.extend(exp.fields(word["parts"]))
        return argv


def _exit_code(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value & 255
    return 0 if value is None else 1


def _assignment_like(parts: list[list[Any]]) -> bool:
    if not parts or parts[0][0] != "u":
        return False
    m = NAME_RE.match(parts[0][1])
    return bool(m) and parts[0][1][m.end():m.end() + 1] == "="

