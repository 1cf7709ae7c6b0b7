"""The in-memory channel layer of the embedded default (one process), with a cheaper expiry sweep.

Channels' ``InMemoryChannelLayer`` walks every channel and every group looking for expired
messages on each ``receive`` and ``group_send``: with a class of 500 on one worker (1000 sockets,
so 1000 channels) that walk was a third of the event loop's time. Here it runs at most once a
second; messages still expire after ``expiry`` (60 s) and group memberships after
``group_expiry``, give or take that second.
"""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer as _Stock

SWEEP_INTERVAL = 1.0  # seconds


class InMemoryChannelLayer(_Stock):
    """Channels' in-memory layer, sweeping for expired messages at most every ``SWEEP_INTERVAL``."""

    _last_sweep = float("-inf")

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._last_sweep < SWEEP_INTERVAL:
            return
        self._last_sweep = now
        super()._clean_expired()
