"""Commands that keep running (``kubectl get -w``, ``logs -f``, ``port-forward``, ``sleep``) and bash's job lines.

The protocol. A command handler may return a :class:`LongRunning` instead of an exit code, after
writing whatever it prints at once. The shell then keeps it in the tab (foreground) or in the job
table (``&``) and, whenever the caller says time has passed (``Shell.poll``), rebuilds it from its
state and calls ``poll(ctx)``: it writes new output through ``ctx`` and returns an exit code when
it has finished, None while it goes on. Between calls only ``to_state()`` is kept, so a runner
must hold everything it needs there (JSON-safe), and its class must be registered under its
``kind`` with :func:`register_long_running` so ``from_state`` can find it again.

- ``interrupt(ctx) -> int``: Ctrl-C. Return 130 to die of SIGINT like most programs (bash then
  prints a newline after the terminal's ``^C`` and drops the rest of the command line), or another
  code when the program catches SIGINT and exits by itself (kubectl port-forward returns 0).
- ``terminate(ctx, signal)``: ``kill``: the process dies of ``signal`` (15, 9, ...); a chance to
  release what it holds (a forwarded port). Output is possible but real programs rarely write.
- ``background_ok``: False for programs that need the terminal (an editor): started with ``&``
  they stop at once, as bash shows them (``Stopped``), until ``fg``.
- ``wake_at(ctx) -> float | None``: when the next poll could produce something (host time), so
  the caller can sleep until then; None when unknown.

``ctx`` is a :class:`~.streams.CommandContext` for the original command (argv, env, cwd, host),
with ``stdin`` empty and ``write`` going where the command's output goes (terminal, file, pipe).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .vfs import tilde

if TYPE_CHECKING:
    from .streams import CommandContext

SIGINT, SIGKILL, SIGTERM = 2, 9, 15
# Signals whose default action ends the process, with glibc's strsignal() text (Linux numbering).
SIGNALS: dict[int, tuple[str, str]] = {
    1: ("HUP", "Hangup"), 2: ("INT", "Interrupt"), 3: ("QUIT", "Quit"), 6: ("ABRT", "Aborted"),
    9: ("KILL", "Killed"), 10: ("USR1", "User defined signal 1"), 12: ("USR2", "User defined signal 2"),
    13: ("PIPE", "Broken pipe"), 14: ("ALRM", "Alarm clock"), 15: ("TERM", "Terminated"),
}
# Real signals this shell cannot act out (stopping, continuing, ignored by default).
OTHER_SIGNALS = {17: "CHLD", 18: "CONT", 19: "STOP", 20: "TSTP", 21: "TTIN", 22: "TTOU", 28: "WINCH"}
LONGEST_SIGNAL_DESC = 24  # bash's jobs.c pads the status column to this width

_REGISTRY: dict[str, type[LongRunning]] = {}


class LongRunning:
    """Base class of commands that go on after their handler returns (see the module docstring)."""

    kind: ClassVar[str] = ""
    background_ok: ClassVar[bool] = True

    def to_state(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LongRunning:
        return cls()

    def poll(self, ctx: CommandContext) -> int | None:
        raise NotImplementedError

    def interrupt(self, ctx: CommandContext) -> int:
        return 128 + SIGINT

    def terminate(self, ctx: CommandContext, signal: int) -> None:
        return None

    def wake_at(self, ctx: CommandContext) -> float | None:
        return None


def register_long_running(cls: type[LongRunning]) -> type[LongRunning]:
    """Class decorator: make ``cls`` rebuildable from saved state under ``cls.kind``."""
    if not cls.kind:
        raise ValueError(f"{cls.__name__} needs a non-empty kind")
    _REGISTRY[cls.kind] = cls
    return cls


def save_runner(runner: LongRunning) -> dict[str, Any]:
    return {"kind": runner.kind, "state": runner.to_state()}


def load_runner(data: dict[str, Any]) -> LongRunning:
    """Rebuild a runner; KeyError when its kind is not registered (the job then ends)."""
    return _REGISTRY[data["kind"]].from_state(data["state"])


def is_registered(runner: LongRunning) -> bool:
    return _REGISTRY.get(runner.kind) is type(runner)


# -- the host: the opaque object the Playground passes ------------------------------------------
def host_now(host: Any) -> float | None:
    """The host's time: ``host.now()`` or ``host.now`` if it has one (the shell never reads a clock)."""
    now = getattr(host, "now", None)
    if callable(now):
        now = now()
    return float(now) if isinstance(now, (int, float)) else None


@register_long_running
class Sleep(LongRunning):
    """The default ``sleep`` when the host cannot sleep itself: done once host time reaches ``until``."""

    kind = "shell.sleep"

    def __init__(self, until: float) -> None:
        self.until = until

    def to_state(self) -> dict[str, Any]:
        return {"until": self.until}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LongRunning:
        return cls(float(state["until"]))

    def poll(self, ctx: CommandContext) -> int | None:
        now = host_now(ctx.host)
        return 0 if now is None or now >= self.until else None

    def wake_at(self, ctx: CommandContext) -> float | None:
        return self.until


# -- job lines ----------------------------------------------------------------------------------
def status_text(job: dict[str, Any]) -> str:
    """The status column of ``jobs``: Running, Stopped, Done, ``Exit 2``, or the signal's text."""
    if job["state"] == "running":
        return "Running"
    if job["state"] == "stopped":
        return "Stopped"
    if job.get("signal"):
        return SIGNALS.get(job["signal"], ("", f"Signal {job['signal']}"))[1]
    return "Done" if job["status"] == 0 else f"Exit {job['status']}"


def job_line(job: dict[str, Any], marker: str, cwd: str, *, long: bool = False) -> str:
    """One line as bash's ``pretty_print_job`` prints it (``[1]+  Running   ...   cmd &``)."""
    head = f"[{job['num']}]{marker} " + (f"{job['pid']:5d} " if long else " ")
    status = status_text(job)
    line = head + status + " " * max(0, LONGEST_SIGNAL_DESC - len(status)) + job["text"]
    if job["state"] == "running":
        line += " &"
    if job["wd"] != cwd:
        line += f"  (wd: {tilde(job['wd'])})"
    return line + "\n"


def markers(jobs: list[dict[str, Any]]) -> dict[int, str]:
    """``+`` for the current job (the most recently started or resumed), ``-`` for the previous."""
    order = sorted(jobs, key=lambda j: j["seq"], reverse=True)
    out = {j["num"]: " " for j in jobs}
    if order:
        out[order[0]["num"]] = "+"
    if len(order) > 1:
        out[order[1]["num"]] = "-"
    return out
