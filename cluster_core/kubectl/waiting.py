"""kubectl commands that wait on the cluster: ``delete`` (until the objects are gone) and friends.

They follow the shell's long-running protocol (``cluster_core/shell/jobs.py``): everything needed
to go on is JSON-safe state, and ``poll`` is called whenever simulated time has passed. On a
manual clock the terminal drives them by advancing the clock to the next scheduled change, so
``kubectl delete pod x`` returns once the pod's grace period is over, as it does on a real cluster.

:class:`StepRunner` is the shape most of them share (``replace --force``, ``scale --timeout``,
``drain``, ``run --attach``): one state dict with a deadline, and a ``step`` that does what can be
done now, run once at the start and again on every poll.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.shell.jobs import LongRunning, register_long_running

# kubectl delete with no --timeout waits "a week" in practice; a playground gives up sooner.
DEFAULT_DELETE_TIMEOUT = 3600.0


def gone(host: Any, kind: str, ns: str, name: str, uid: str) -> bool:
    """The object is deleted, or the name now belongs to a new object (another uid)."""
    obj = host.server.ref(kind, ns or None, name)
    return obj is None or (uid != "" and obj["metadata"].get("uid") != uid)


def wake_by(ctx: Any, deadline: float) -> float:
    """``wake_at`` of a command that waits for the cluster's next change, or gives up at ``deadline``."""
    nxt = ctx.host.clock.peek()
    return min(nxt, deadline) if nxt is not None else deadline


class StepRunner(LongRunning):
    """A waiting command whose JSON-safe state is one dict ``s`` holding its ``deadline``.

    Subclasses write ``step(host, out)``: do what the cluster allows now, then return an exit code
    when finished or None to be polled again (``host`` is the Playground, ``out`` takes ``write``
    and ``write_err``).
    """

    def __init__(self, state: dict[str, Any]) -> None:
        self.s = state

    @classmethod
    def begin(cls, ctx: Any, state: dict[str, Any]) -> Any:
        """Run the first step at once: an exit code when that finishes it, else the runner."""
        runner = cls(state)
        done = runner.step(ctx.pg, ctx)
        return runner if done is None else done

    def to_state(self) -> dict[str, Any]:
        return self.s

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Any:
        return cls(state)

    def poll(self, ctx: Any) -> int | None:
        return self.step(getattr(ctx.host, "pg", ctx.host), ctx)

    def wake_at(self, ctx: Any) -> float | None:
        return wake_by(ctx, self.s["deadline"])

    def step(self, host: Any, out: Any) -> int | None:
        raise NotImplementedError


@register_long_running
class WaitForDeletion(LongRunning):
    """Waits until every deleted object is gone; prints kubectl's timeout error if it takes too long."""

    kind = "kubectl.wait-deletion"

    def __init__(self, targets: list[list[str]], deadline: float, code: int) -> None:
        self.targets = targets
        self.deadline = deadline
        self.code = code

    @classmethod
    def start(cls, ctx: Any, targets: list[tuple[str, str, str, str]], timeout: float | None,
              code: int) -> Any:
        """An exit code when everything is gone already, else the runner that waits."""
        host = ctx.pg
        left = [list(t) for t in targets if not gone(host, *t)]
        if not left:
            return code
        return cls(left, ctx.now + (timeout or DEFAULT_DELETE_TIMEOUT), code)

    def to_state(self) -> dict[str, Any]:
        return {"targets": self.targets, "deadline": self.deadline, "code": self.code}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> WaitForDeletion:
        return cls([list(t) for t in state["targets"]], float(state["deadline"]), int(state["code"]))

    def poll(self, ctx: Any) -> int | None:
        host = ctx.host
        self.targets = [t for t in self.targets if not gone(host, *t)]
        if not self.targets:
            return self.code
        if host.clock.now >= self.deadline:
            kind, _, name, _ = self.targets[0]
            rt = resources.for_kind(kind)
            ctx.write_err(f"error: timed out waiting for the condition on {rt.plural}/{name}\n")
            return 1
        return None

    def wake_at(self, ctx: Any) -> float | None:
        return wake_by(ctx, self.deadline)
