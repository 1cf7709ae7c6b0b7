"""Per-session guards for the websockets: a command rate (token bucket) and how many sockets are open.

Both are kept in this worker's memory, keyed by the socket's owner (``s:<session>`` or
``u:<user>``): they protect one process from one runaway page or script, which is what they are
for. With several workers behind a load balancer a session may get up to the limit on each
worker; nothing is shared, so a crashed worker leaves no stale counts behind.

Time is passed in (``now``, seconds from a monotonic clock) so the buckets are testable; the
consumers pass :func:`clock`.
"""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Literal

RATE = 20.0  # commands per second, refilled continuously
BURST = 40.0  # a paste of many lines, a fast typist with Tab completion
MAX_SOCKETS: dict[str, int] = {"terminal": 8, "cluster": 8}
MAX_TRACKED = 10_000  # buckets kept (least recently used dropped; a new bucket starts full)

CLOSE_TOO_MANY = 4429
SLOW_DOWN = "Too many commands: slow down"
TOO_MANY_TERMINALS = ("Too many terminals open for this session (at most {n}): "
                      "close another page of the playground, then reload this one")

Kind = Literal["terminal", "cluster"]


def clock() -> float:
    """The consumers' time source (a function, so a test can stop time)."""
    return time.monotonic()


@dataclass
class TokenBucket:
    """``rate`` tokens a second up to ``burst``; each command takes one."""

    rate: float
    burst: float
    tokens: float
    stamp: float

    @classmethod
    def full(cls, now: float, rate: float = RATE, burst: float = BURST) -> TokenBucket:
        return cls(rate, burst, burst, now)

    def take(self, now: float) -> bool:
        """Spend one token if there is one; False means the command is refused (nothing else changes)."""
        elapsed = max(0.0, now - self.stamp)
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
        self.stamp = max(self.stamp, now)
        if self.tokens < 1.0:
            return False
        self.tokens -= 1.0
        return True


class SessionGuard:
    """This worker's buckets and open-socket counts, by owner."""

    def __init__(self) -> None:
        self.buckets: OrderedDict[str, TokenBucket] = OrderedDict()
        self.sockets: Counter[tuple[str, str]] = Counter()

    def allow_command(self, owner: str, now: float) -> bool:
        """Whether the owner may send another command now (the module's ``RATE`` and ``BURST``)."""
        bucket = self.buckets.get(owner)
        if bucket is None:
            bucket = self.buckets[owner] = TokenBucket.full(now, RATE, BURST)
        else:
            bucket.rate, bucket.burst = RATE, BURST
            self.buckets.move_to_end(owner)
        while len(self.buckets) > MAX_TRACKED:
            self.buckets.popitem(last=False)
        return bucket.take(now)

    def open_socket(self, owner: str, kind: Kind) -> bool:
        """Count a new socket of ``kind`` for the owner; False (and nothing counted) when at the limit."""
        if self.sockets[(owner, kind)] >= MAX_SOCKETS[kind]:
            return False
        self.sockets[(owner, kind)] += 1
        return True

    def close_socket(self, owner: str, kind: Kind) -> None:
        key = (owner, kind)
        self.sockets[key] -= 1
        if self.sockets[key] <= 0:
            del self.sockets[key]

    def open_count(self, owner: str, kind: Kind) -> int:
        return self.sockets[(owner, kind)]


guard = SessionGuard()
