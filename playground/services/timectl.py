"""Simulated time as the student controls it (pause, resume, fast-forward) and as the server waits for it.

The server never polls on a fixed interval: after each call it asks when the next thing is due
(the next queued cluster event, or the moment a running command said it would have news) and
sleeps until then, or until a message arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cluster_core import Playground

from .store import Loaded, Tx, mutate, read

ADVANCE_CHOICES = (30, 300)
MAX_ADVANCE = 86400.0
MIN_SLEEP = 0.02  # wake a hair after the due time, so the event is due when we look


@dataclass
class ClockState:
    paused: bool
    now: str  # simulated time, RFC 3339
    wait: float | None  # seconds until the next change, None: nothing due (or paused)


def seconds_until_next_change(pg: Playground) -> float | None:
    """Real seconds until something is due (cluster event or a running command's wake-up)."""
    if pg.paused:
        return None
    due = [t for t in (_ts(pg.next_change_at()), pg.shell.wake_at()) if t is not None]
    if not due:
        return None
    return max(0.0, min(due) - pg.clock.now) + MIN_SLEEP


def _ts(when: datetime | None) -> float | None:
    return when.timestamp() if when is not None else None


def clock_state(pg: Playground) -> ClockState:
    now = datetime.fromtimestamp(pg.clock.now, UTC).isoformat().replace("+00:00", "Z")
    return ClockState(pg.paused, now, seconds_until_next_change(pg))


def current(cluster_pk: int) -> ClockState:
    """Catch up with the wall clock (without saving: the saved state gives the same after catch-up)."""
    return read(cluster_pk, lambda loaded: clock_state(loaded.pg))


def _change(cluster_pk: int, action: str, *args: float) -> ClockState:
    def apply(loaded: Loaded, tx: Tx) -> ClockState:
        getattr(loaded.pg, action)(*args)
        return clock_state(loaded.pg)

    return mutate(cluster_pk, apply)


def pause(cluster_pk: int) -> ClockState:
    return _change(cluster_pk, "pause")


def resume(cluster_pk: int) -> ClockState:
    return _change(cluster_pk, "resume")


def advance(cluster_pk: int, seconds: float) -> ClockState:
    """Fast-forward: ``seconds`` of simulated time pass at once (works while paused too)."""
    return _change(cluster_pk, "advance", max(0.0, min(float(seconds), MAX_ADVANCE)))
