"""Fixtures for shell tests: a manual clock as the host, a fake kubectl that echoes its argv and has
long-running verbs, and a ``term`` helper that types lines into a tab."""

from __future__ import annotations

from typing import Any

import pytest

from cluster_core.shell import CommandContext, LongRunning, Shell, register_long_running
from cluster_core.shell.streams import ExecResult


class Host:
    """What the Playground passes: here only a manual clock."""

    def __init__(self, t: float = 1_764_244_800.0) -> None:  # 2025-11-27T12:00:00Z
        self.t = t

    def now(self) -> float:
        return self.t


@register_long_running
class Watch(LongRunning):
    """Prints one queued line per poll; ends (status 0) when ``finish`` and no lines are left."""

    kind = "test.watch"

    def __init__(self, lines: list[str], finish: bool) -> None:
        self.lines = lines
        self.finish = finish

    def to_state(self) -> dict[str, Any]:
        return {"lines": self.lines, "finish": self.finish}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LongRunning:
        return cls(list(state["lines"]), bool(state["finish"]))

    def poll(self, ctx: CommandContext) -> int | None:
        if self.lines:
            ctx.write(self.lines.pop(0) + "\n")
        return 0 if self.finish and not self.lines else None


@register_long_running
class PortForward(LongRunning):
    """Like kubectl port-forward: forever; catches SIGINT and exits 0; records a kill on the host."""

    kind = "test.port-forward"

    def poll(self, ctx: CommandContext) -> int | None:
        return None

    def interrupt(self, ctx: CommandContext) -> int:
        return 0

    def terminate(self, ctx: CommandContext, signal: int) -> None:
        getattr(ctx.host, "killed", []).append((ctx.argv[-1], signal))


@register_long_running
class Editor(LongRunning):
    """Needs the terminal: stops when started in the background."""

    kind = "test.editor"
    background_ok = False

    def poll(self, ctx: CommandContext) -> int | None:
        ctx.write("saved\n")
        return 0


def fake_kubectl(ctx: CommandContext) -> int | LongRunning:
    args = [a for a in ctx.argv[1:] if not a.startswith("--namespace")]
    if args[:1] == ["port-forward"]:
        ctx.write(f"Forwarding from 127.0.0.1:{args[-1].split(':')[0]} -> {args[-1].split(':')[-1]}\n")
        return PortForward()
    if args[:1] == ["get"] and "-w" in args:
        ctx.write("NAME           READY   STATUS    RESTARTS   AGE\n")
        ctx.write("nginx-manual   0/1     Pending   0          0s\n")
        return Watch(["nginx-manual   0/1     ContainerCreating   0          1s",
                      "other          1/1     Running             0          2s",
                      "nginx-manual   1/1     Running             0          3s"], finish="--stop" in args)
    if args[:1] == ["edit"]:
        return Editor()
    if args[:1] == ["fail"]:
        ctx.write_err('Error from server (NotFound): pods "x" not found\n')
        return 1
    ctx.write("kubectl " + " ".join(ctx.argv[1:]) + "\n")
    return 0


class Term:
    """A tab of the shell, typed into like a terminal."""

    def __init__(self, shell: Shell, host: Host, tab: int = 0) -> None:
        self.shell = shell
        self.host = host
        self.tab = tab

    def __call__(self, text: str) -> ExecResult:
        return self.shell.execute(self.tab, text, self.host)

    def out(self, text: str) -> str:
        return self(text).output

    def poll(self, advance: float = 0.0) -> ExecResult:
        self.host.t += advance
        return self.shell.poll(self.tab, self.host)

    def interrupt(self) -> ExecResult:
        return self.shell.interrupt(self.tab, self.host)


@pytest.fixture
def host() -> Host:
    h = Host()
    h.killed = []  # type: ignore[attr-defined]
    return h


@pytest.fixture
def shell() -> Shell:
    sh = Shell()
    sh.register("kubectl", fake_kubectl)
    return sh


@pytest.fixture
def term(shell: Shell, host: Host) -> Term:
    return Term(shell, host)
