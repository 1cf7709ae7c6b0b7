"""The simulated clock and its deterministic event queue.

Like SimPy's ``Environment``: events are ``(time, seq, action, args)`` on a heap, so events due at
the same instant run in the order they were scheduled. ``action`` names a handler and ``args`` is
JSON-safe, so the whole queue serialises with the cluster. Nothing else in the engine reads the
system clock: a wall clock only tells ``Playground`` how far to advance.
"""

from __future__ import annotations

import heapq
import time
from typing import Any

QueuedEvent = tuple[float, int, str, list[Any]]


class Clock:
    """Simulated time in float seconds since the epoch, manual or following the wall clock."""

    def __init__(self, now: float, manual: bool = True) -> None:
        self.now = now
        self.manual = manual
        self._queue: list[QueuedEvent] = []
        self._seq = 0

    def wall_now(self) -> float:
        """The real time, for a playground whose clock follows the wall (the only place it is read)."""
        return time.time()

    def schedule(self, at: float, action: str, *args: Any) -> None:
        """Queue ``action(*args)`` to run at simulated time ``at`` (never earlier than now)."""
        self._seq += 1
        heapq.heappush(self._queue, (max(at, self.now), self._seq, action, list(args)))

    def peek(self) -> float | None:
        """When the next queued event is due, or None."""
        return self._queue[0][0] if self._queue else None

    def pop_due(self, until: float) -> QueuedEvent | None:
        if self._queue and self._queue[0][0] <= until:
            return heapq.heappop(self._queue)
        return None

    def pending(self) -> int:
        return len(self._queue)

    def to_state(self) -> dict[str, Any]:
        return {"now": self.now, "manual": self.manual, "seq": self._seq,
                "queue": [list(e) for e in self._queue]}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Clock:
        c = cls(state["now"], state["manual"])
        c._seq = state["seq"]
        c._queue = [(e[0], e[1], e[2], list(e[3])) for e in state["queue"]]
        heapq.heapify(c._queue)
        return c
