"""One terminal tab's shell state: working directory, variables, aliases, history, ``$?`` and jobs.

Like separate bash windows, tabs share the file system but nothing else. Everything here is
JSON-safe data; jobs are dicts owned by :mod:`.executor` (see there for their shape).

The environment is Debian's for a user ``student``: ``HOME``, ``USER``, ``LOGNAME``, ``SHELL``,
``PATH``, ``PWD``, ``TERM``, ``SHLVL`` exported; ``HOSTNAME``, ``HISTSIZE`` and ``HISTCONTROL``
(``ignoreboth``, from Debian's default ``.bashrc``) as plain shell variables. ``LANG`` is unset
(the C locale), so tools quote with ASCII quotes and sort by bytes.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

import orjson

from .vfs import HOME

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
HOSTNAME = "playground"
MAX_VARS = 500
MAX_ALIASES = 200
MAX_VAR_CHARS = 1024 * 1024
HISTSIZE = 1000
MAX_HISTORY_CHARS = 256 * 1024
SHELL_FLAGS = "himBHs"


def default_vars() -> tuple[dict[str, str], list[str]]:
    env = {"HOME": HOME, "USER": "student", "LOGNAME": "student", "SHELL": "/bin/bash", "PATH": PATH,
           "PWD": HOME, "TERM": "xterm-256color", "SHLVL": "1"}
    local = {"HOSTNAME": HOSTNAME, "HISTSIZE": str(HISTSIZE), "HISTCONTROL": "ignoreboth"}
    return {**env, **local}, sorted(env)


@dataclass
class Session:
    """A tab's shell. ``pid`` is its fake process id (``$$``)."""

    pid: int
    cwd: str = HOME
    vars: dict[str, str] = field(default_factory=dict)
    exported: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    history_base: int = 1
    last_status: int = 0
    last_bg_pid: int | None = None
    jobs: list[dict[str, Any]] = field(default_factory=list)
    fg: dict[str, Any] | None = None
    typeahead: list[str] = field(default_factory=list)
    job_seq: int = 0
    hashed: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(cls, pid: int) -> Session:
        variables, exported = default_vars()
        return cls(pid=pid, vars=variables, exported=exported)

    # -- variables ---------------------------------------------------------------------------
    def lookup(self, name: str) -> str | None:
        """A parameter's value as ``$name`` sees it, special parameters included; None when unset."""
        special = {"?": str(self.last_status), "$": str(self.pid), "#": "0", "0": "bash", "-": SHELL_FLAGS,
                   "@": "", "*": "", "!": "" if self.last_bg_pid is None else str(self.last_bg_pid)}
        if name in special:
            return special[name] if name != "!" or self.last_bg_pid is not None else None
        if name.isdigit():
            return None
        return self.vars.get(name)

    def set_var(self, name: str, value: str, *, export: bool = False) -> None:
        if name not in self.vars and len(self.vars) >= MAX_VARS:
            raise ValueError(f"{name}: too many variables (at most {MAX_VARS})")
        grown = len(value) - len(self.vars.get(name, ""))
        if grown > 0 and sum(len(v) for v in self.vars.values()) + grown > MAX_VAR_CHARS:
            raise ValueError(f"{name}: variables would hold more than {MAX_VAR_CHARS} characters")
        self.vars[name] = value
        if export:
            self.export(name)

    def export(self, name: str) -> None:
        if name not in self.exported:
            self.exported.append(name)
            self.exported.sort()

    def unexport(self, name: str) -> None:
        if name in self.exported:
            self.exported.remove(name)

    def unset(self, name: str) -> None:
        self.vars.pop(name, None)
        self.unexport(name)

    def environ(self) -> dict[str, str]:
        """What a started command receives: the exported variables that have values."""
        return {n: self.vars[n] for n in self.exported if n in self.vars}

    # -- history -----------------------------------------------------------------------------
    def remember(self, line: str) -> None:
        """Add a command line to the history the way Debian's bash (``ignoreboth``) does."""
        line = line.rstrip("\n")
        if not line.strip():
            return
        control = self.vars.get("HISTCONTROL", "")
        ignore_space = any(c in control.split(":") for c in ("ignorespace", "ignoreboth"))
        ignore_dups = any(c in control.split(":") for c in ("ignoredups", "ignoreboth"))
        if ignore_space and line[0] == " ":
            return
        if ignore_dups and self.history and self.history[-1] == line:
            return
        self.history.append(line)
        try:
            size = max(0, int(self.vars.get("HISTSIZE", str(HISTSIZE))))
        except ValueError:
            size = HISTSIZE
        size = min(size, HISTSIZE)
        drop = max(0, len(self.history) - size)
        total = sum(len(h) for h in self.history[drop:])
        while total > MAX_HISTORY_CHARS and drop < len(self.history) - 1:
            total -= len(self.history[drop])
            drop += 1
        if drop:
            del self.history[:drop]
            self.history_base += drop

    # -- state -------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        return _json_copy({
            "pid": self.pid, "cwd": self.cwd, "vars": self.vars, "exported": self.exported,
            "aliases": self.aliases, "history": self.history, "history_base": self.history_base,
            "last_status": self.last_status, "last_bg_pid": self.last_bg_pid, "jobs": self.jobs,
            "fg": self.fg, "typeahead": self.typeahead, "job_seq": self.job_seq, "hashed": self.hashed,
        })

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Session:
        return cls(**copy.deepcopy(state))

    def subshell(self) -> Session:
        """A copy for a pipeline stage or a background job: changes there do not come back.
        The history is shared, not copied (``history | grep kubectl`` reads it; nothing writes it)."""
        return Session(pid=self.pid, cwd=self.cwd, vars=dict(self.vars), exported=list(self.exported),
                       aliases=dict(self.aliases), history=self.history, history_base=self.history_base,
                       last_status=self.last_status, last_bg_pid=self.last_bg_pid, hashed=dict(self.hashed))


def _json_copy(data: Any) -> Any:
    """A copy of JSON-safe data as a save and load would give it back; an orjson round trip is
    several times faster than ``copy.deepcopy`` (the state is taken after every command)."""
    try:
        return orjson.loads(orjson.dumps(data))
    except TypeError:  # integers beyond 64 bits, non-string keys
        return json.loads(json.dumps(data))
