"""kubectl commands that wait on the cluster: ``delete`` (until the objects are gone) and friends.

They follow the shell's long-running protocol (``cluster_core/shell/jobs.py``): everything needed
to go on is JSON-safe state, and ``poll`` is called whenever simulated time has passed. On a
manual clock the terminal drives them by advancing the clock to the next scheduled change, so
``kubectl delete pod x`` returns once the pod's grace period is over, as it does on a real cluster.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.shell.jobs import LongRunning, register_long_running

# kubectl delete with no --timeout waits "a week" in practice; a playground gives up sooner.
DEFAULT_DELETE_TIMEOUT = 3600.0


def _gone(host: Any, kind: str, ns: str, name: str, uid: str) -> bool:
    obj = host.server.ref(kind, ns or None, name)
    return obj is None or (uid != "" and obj["metadata"].get("uid") != uid)


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
        left = [list(t) for t in targets if not _gone(host, *t)]
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
        self.targets = [t for t in self.targets if not _gone(host, *t)]
        if not self.targets:
            return self.code
        if host.clock.now >= self.deadline:
            kind, _, name, _ = self.targets[0]
            rt = resources.for_kind(kind)
            ctx.write_err(f"error: timed out waiting for the condition on {rt.plural}/{name}\n")
            return 1
        return None

    def wake_at(self, ctx: Any) -> float | None:
        nxt = ctx.host.clock.peek()
        return min(nxt, self.deadline) if nxt is not None else self.deadline
