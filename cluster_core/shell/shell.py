"""The :class:`Shell`: tabs over one virtual file system, the command registry, and the calls the
Playground makes (execute, poll, interrupt, complete, to_state/from_state)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import awk as awk_mod
from . import grep as grep_mod
from . import sed as sed_mod
from .builtins import BUILTINS, KEYWORDS
from .complete import REDIRECTS, Completer, CompletionRequest, command_words, complete_path, split_line
from .executor import Executor
from .expand import Expander, ExpansionError
from .fileutils import COMMANDS as FILE_COMMANDS
from .fileutils import STREAMING as FILE_STREAMING
from .jobs import LongRunning, host_now, load_runner
from .parser import needs_more as _needs_more
from .session import HOSTNAME, Session
from .streams import CommandContext, ExecResult, Terminal
from .textutils import COMMANDS as TEXT_COMMANDS
from .textutils import STREAMING as TEXT_STREAMING
from .vfs import VirtualFS, normalize, tilde

Handler = Callable[[CommandContext], "int | LongRunning"]
COREUTILS_DIRS = ("/usr/bin", "/bin")
REGISTERED_DIRS = ("/usr/local/bin", "/usr/bin", "/bin")
FIRST_PID = 12345


@dataclass
class Command:
    """A program on the fake disk: its handler, the directories it is found in, and whether it is
    a line filter that may process a running command's output line by line (``streams(argv)``)."""

    handler: Handler
    dirs: tuple[str, ...]
    streams: Callable[[list[str]], bool] | None = None


class Shell:
    """Several terminal tabs (each a :class:`Session`) sharing one :class:`VirtualFS`."""

    def __init__(self, fs: VirtualFS | None = None) -> None:
        self.fs = fs or VirtualFS()
        self.sessions: dict[int, Session] = {}
        self.pid_counter = FIRST_PID
        self.commands: dict[str, Command] = {}
        self.completers: dict[str, Completer] = {}
        streaming = {**FILE_STREAMING, **TEXT_STREAMING, "grep": grep_mod.streams, "sed": sed_mod.streams,
                     "awk": awk_mod.streams}
        programs = {**FILE_COMMANDS, **TEXT_COMMANDS, "grep": grep_mod.grep, "sed": sed_mod.sed, "awk": awk_mod.awk}
        for name in ("echo", "true", "false", "pwd", "test", "["):
            programs[name] = BUILTINS[name]
        for name, handler in programs.items():
            self.commands[name] = Command(handler, COREUTILS_DIRS, streaming.get(name))

    # -- registry ----------------------------------------------------------------------------
    def register(self, name: str, handler: Handler, *, dirs: tuple[str, ...] = REGISTERED_DIRS,
                 streams: Callable[[list[str]], bool] | None = None) -> None:
        """Install a program (``kubectl``, ``curl``, ``sleep``): found on ``$PATH`` in ``dirs`` and by
        its full path there (``/usr/bin/kubectl``), never alias-expanded when called by path."""
        self.commands[name] = Command(handler, tuple(dirs), streams)

    def register_completer(self, name: str, fn: Completer) -> None:
        self.completers[name] = fn

    # -- tabs --------------------------------------------------------------------------------
    def session(self, tab: int) -> Session:
        """The tab's shell, opened on first use (``$$`` is 1000 + tab)."""
        if tab not in self.sessions:
            self.sessions[tab] = Session.new(pid=1000 + int(tab))
        return self.sessions[tab]

    def close_tab(self, tab: int) -> None:
        self.sessions.pop(tab, None)

    def new_pid(self) -> int:
        pid = self.pid_counter
        self.pid_counter += 1
        return pid

    def running(self, tab: int) -> bool:
        return self.session(tab).fg is not None

    def foreground_runner(self, tab: int) -> dict[str, Any] | None:
        """The saved runner (``{"kind", "state"}``) of the tab's running foreground command, or None.

        It is the live dict the tab keeps: what a caller writes into ``state`` is what the runner's
        next ``poll`` is rebuilt from (an editor pane hands its text over this way).
        """
        session = self.sessions.get(tab)
        if session is None or session.fg is None:
            return None
        job = session.fg["job"]
        stage = job.get("stage")
        if job.get("state") != "running" or not stage:
            return None
        runner = stage.get("runner")
        return runner if isinstance(runner, dict) else None

    def prompt(self, tab: int) -> str:
        """Debian's ``PS1``: ``student@playground:~/dir$ ``."""
        return f"student@{HOSTNAME}:{tilde(self.session(tab).cwd)}$ "

    # -- the calls ---------------------------------------------------------------------------
    def execute(self, tab: int, text: str, host: Any = None) -> ExecResult:
        """Run a whole input (several lines, here-documents). If a foreground command keeps running,
        ``running`` is True and later input waits behind it, as typed-ahead text does."""
        return self._call(tab, host, lambda ex: ex.execute(str(text)))

    def poll(self, tab: int, host: Any = None) -> ExecResult:
        """Let the tab's running commands write what they have now; finish what has finished."""
        return self._call(tab, host, lambda ex: ex.poll())

    def interrupt(self, tab: int, host: Any = None) -> ExecResult:
        """Ctrl-C in the tab."""
        return self._call(tab, host, lambda ex: ex.interrupt())

    def _call(self, tab: int, host: Any, action: Callable[[Executor], None]) -> ExecResult:
        ex = Executor(self, tab, host)
        try:
            action(ex)
        except Exception as exc:  # noqa: BLE001 - the student's terminal must survive a bug
            ex.term.write(2, f"bash: internal error: {type(exc).__name__}: {exc}\n")
            ex.session.fg = None
            ex.session.last_status = 1
        s = ex.session
        return ex.term.result(s.last_status, s.fg is not None, ex.error_at)

    def next_wake_at(self, host: Any = None) -> float | None:
        """The earliest time a running command said it would have news (``LongRunning.wake_at``)."""
        best: float | None = None
        for tab, s in self.sessions.items():
            jobs = list(s.jobs) + ([s.fg["job"]] if s.fg else [])
            for job in jobs:
                if job["state"] != "running" or not job["stage"]:
                    continue
                try:
                    runner = load_runner(job["stage"]["runner"])
                    ex = Executor(self, tab, host)
                    when = runner.wake_at(ex.stage_ctx(job, job["stage"], Terminal()))
                except Exception:  # noqa: BLE001
                    continue
                if when is not None and (best is None or when < best):
                    best = float(when)
        return best

    @staticmethod
    def needs_more(text: str) -> bool:
        """Whether bash would show its ``> `` continuation prompt after this input."""
        return _needs_more(text)

    # -- finding programs --------------------------------------------------------------------
    def which(self, name: str, session: Session, path: str | None = None) -> list[str]:
        """Full paths of a program along ``$PATH`` (builtins are not programs)."""
        cmd = self.commands.get(name)
        if cmd is None or "/" in name:
            return []
        dirs = (session.vars.get("PATH", "") if path is None else path).split(":")
        return [f"{d}/{name}" for d in dict.fromkeys(dirs) if d in cmd.dirs]

    def program(self, name: str, session: Session, path: str | None = None) -> Handler | None:
        """The handler a name runs as a program (``env``, full paths), or None."""
        if "/" in name:
            directory, base = posixpath.split(normalize(name, session.cwd))
            cmd = self.commands.get(base)
            return cmd.handler if cmd is not None and directory in cmd.dirs else None
        found = self.which(name, session, path)
        return self.commands[name].handler if found else None

    def lookup_command(self, name: str, session: Session, *, remember: bool = False
                       ) -> tuple[Handler | None, tuple[int, str]]:
        """What bash runs for a command word: a builtin, a program, or (status, message) why not.
        With ``remember`` a program found on ``$PATH`` is hashed, as bash does when it runs one."""
        if "/" in name:
            handler = self.program(name, session)
            if handler is not None:
                return handler, (0, "")
            path = normalize(name, session.cwd)
            if self.fs.is_dir(path):
                return None, (126, f"{name}: Is a directory")
            if self.fs.exists(path):
                return None, (126, f"{name}: Permission denied")
            return None, (127, f"{name}: No such file or directory")
        if name in BUILTINS:
            return BUILTINS[name], (0, "")
        handler = self.program(name, session)
        if handler is not None:
            if remember:
                session.hashed.setdefault(name, self.which(name, session)[0])
            return handler, (0, "")
        return None, (127, f"{name}: command not found")

    @staticmethod
    def is_builtin(name: str) -> bool:
        return name in BUILTINS

    def streams(self, cmd: dict[str, Any], session: Session) -> bool:
        """Whether a command after a running one can take its output line by line."""
        exp = Expander(session.lookup, self.fs, session.cwd)
        try:
            argv = [f for w in cmd["words"] for f in exp.fields(w["parts"])]
        except ExpansionError:
            return False
        if not argv or argv[0] in BUILTINS:
            return False
        command = self.commands.get(posixpath.basename(argv[0]))
        if command is None or command.streams is None or self.program(argv[0], session) is not command.handler:
            return False
        return command.streams(argv)

    # -- completion --------------------------------------------------------------------------
    def complete(self, tab: int, line: str, cursor: int | None = None, host: Any = None) -> list[str]:
        """Candidates for the word before ``cursor`` (default: end of line), sorted."""
        try:
            return self._complete(tab, line, len(line) if cursor is None else cursor, host)
        except Exception:  # noqa: BLE001 - completion must never break the terminal
            return []

    def _complete(self, tab: int, line: str, cursor: int, host: Any) -> list[str]:
        s = self.session(tab)
        words, current = split_line(line[:max(0, cursor)])
        words = command_words(words, s)
        if not words and "/" not in current and not current.startswith("~"):
            names = set(BUILTINS) | set(self.commands) | set(s.aliases) | (KEYWORDS - {"!"})
            return sorted(n for n in names if n.startswith(current))
        if words and words[-1] not in REDIRECTS:
            fn = self.completers.get(posixpath.basename(words[0]))
            if fn is not None:
                req = CompletionRequest(words=words, current=current, line=line, cursor=cursor, cwd=s.cwd,
                                        fs=self.fs, session=s, host=host)
                result = fn(req)
                if result is not None:
                    return sorted({str(r) for r in result if str(r).startswith(current)})
        return complete_path(current, s.cwd, self.fs)

    # -- state -------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        return {"fs": self.fs.to_state(), "next_pid": self.pid_counter,
                "sessions": {str(t): s.to_state() for t, s in sorted(self.sessions.items())}}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Shell:
        """Rebuild from ``to_state``; the Playground registers its programs again afterwards."""
        shell = cls(VirtualFS.from_state(state.get("fs", {})))
        shell.pid_counter = int(state.get("next_pid", FIRST_PID))
        shell.sessions = {int(t): Session.from_state(s) for t, s in state.get("sessions", {}).items()}
        return shell


__all__ = ["Shell", "Command", "host_now"]
