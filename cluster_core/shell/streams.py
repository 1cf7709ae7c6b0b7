"""Where output goes: the terminal (one ordered stream), files, pipes and /dev/null; what a command gets.

A terminal records chunks in the order they were written, each tagged with its file descriptor,
so a caller gets both the combined stream a terminal shows (``output``) and the separate
``stdout``/``stderr`` (tests of kubectl check stderr alone). Text only the terminal itself shows
(the ``^C`` the tty echoes on Ctrl-C) is in ``output`` but in neither stream.

Output targets are described by small JSON dicts so a running command's redirections survive a
save: ``{"k": "tty", "fd": 1}``, ``{"k": "file", "path": "/home/student/x"}`` (appends: ``>``
truncates when the redirection is set up, as ``open(O_TRUNC)`` does), ``{"k": "null"}`` and
``{"k": "pipe"}`` (kept in memory for the next command of a pipeline).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .vfs import VfsError, VirtualFS, normalize

if TYPE_CHECKING:
    from .session import Session

MAX_COMMAND_OUTPUT = 1024 * 1024
TTY_OUT = {"k": "tty", "fd": 1}
TTY_ERR = {"k": "tty", "fd": 2}
ECHO = 0  # chunks only the terminal shows


@dataclass
class ExecResult:
    """What one call produced. ``exit_code`` is ``$?`` afterwards (while ``running``, the status
    before the command that is still running). ``error_at``: offset of a syntax error in the input."""

    output: str
    stdout: str
    stderr: str
    exit_code: int
    running: bool = False
    error_at: int | None = None


class Terminal:
    """The ordered output of one call, as (fd, text) chunks."""

    def __init__(self) -> None:
        self.chunks: list[tuple[int, str]] = []

    def write(self, fd: int, text: str) -> None:
        if text:
            self.chunks.append((fd, text))

    def result(self, exit_code: int, running: bool, error_at: int | None = None) -> ExecResult:
        return ExecResult(
            output="".join(t for _, t in self.chunks),
            stdout="".join(t for fd, t in self.chunks if fd == 1),
            stderr="".join(t for fd, t in self.chunks if fd == 2),
            exit_code=exit_code, running=running, error_at=error_at)


class CaptureTerminal(Terminal):
    """The terminal of a ``$(...)``: its standard output is kept, the rest goes to the real one."""

    def __init__(self, outer: Terminal) -> None:
        super().__init__()
        self.outer = outer
        self.captured: list[str] = []

    def write(self, fd: int, text: str) -> None:
        if fd == 1:
            self.captured.append(text)
        else:
            self.outer.write(fd, text)

    def text(self) -> str:
        return "".join(self.captured)[:MAX_COMMAND_OUTPUT]


class Writer:
    """One open output of one command: capped at 1 MiB, write errors reported once, as coreutils do."""

    def __init__(self, target: dict[str, Any], term: Terminal, fs: VirtualFS, prog: str, now: float,
                 pipe: list[str] | None = None) -> None:
        self.target = target
        self.term = term
        self.fs = fs
        self.prog = prog
        self.now = now
        self.pipe: list[str] = [] if pipe is None else pipe  # shared by stdout and stderr (2>&1 |)
        self.size = 0
        self.failed = False
        self.write_error = False  # reported a write error: the command must not exit 0 (coreutils, bash's echo)

    def write(self, text: str) -> None:
        if not isinstance(text, str) or not text or self.failed:
            return
        if self.size + len(text) > MAX_COMMAND_OUTPUT:
            text = text[:MAX_COMMAND_OUTPUT - self.size]
            self._fail(f"bash: {self.prog.removeprefix('bash: ')}: output truncated after 1 MiB\n")
        self.size += len(text)
        kind = self.target["k"]
        if kind == "tty":
            self.term.write(self.target["fd"], text)
        elif kind == "pipe":
            self.pipe.append(text)
        elif kind == "file":
            try:
                self.fs.write(self.target["path"], text, append=True, now=self.now)
            except VfsError as err:
                if err.code in ("EFBIG", "ENOSPC"):
                    self._fail(f"{self.prog}: write error: {err.strerror}\n")
                else:
                    self.failed = True  # the file went away: like writing to an unlinked file

    def _fail(self, message: str) -> None:
        self.failed = True
        self.write_error = True
        self.term.write(2, message)


@dataclass
class CommandContext:
    """Everything a command handler gets. ``host`` is the Playground's object (cluster, clock),
    passed through untouched. ``env`` holds the exported variables plus ``A=b`` prefixes."""

    argv: list[str]
    stdin: str
    env: dict[str, str]
    fs: VirtualFS
    cwd: str
    session: Session
    host: Any
    out: Writer
    err: Writer
    tab: int = 0
    shell: Any = None
    now: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The command's name as a program sees its ``argv[0]`` base name (``kubectl``)."""
        return posixpath.basename(self.argv[0]) if self.argv else ""

    def write(self, text: str) -> None:
        self.out.write(text)

    def write_err(self, text: str) -> None:
        self.err.write(text)

    def isatty(self, fd: int = 1) -> bool:
        target = (self.out if fd == 1 else self.err).target
        return target["k"] == "tty"

    def resolve(self, path: str) -> str:
        """An absolute path for an argument, relative to the command's working directory."""
        return normalize(path, self.cwd)
