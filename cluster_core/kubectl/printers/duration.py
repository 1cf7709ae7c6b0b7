"""Ages as kubectl prints them: apimachinery's ``duration.HumanDuration`` and the printers'
``translateTimestampSince``. Time is passed in (``now``); nothing here reads a clock."""

from __future__ import annotations

from functools import lru_cache

from cluster_core import timeutil

_NS = 1_000_000_000
_MINUTE = 60 * _NS
_HOUR = 60 * _MINUTE


def human_duration(seconds: float) -> str:
    """``HumanDuration``: about 2-3 significant figures (``70s``, ``3m10s``, ``2d1h``, ``7y364d``).

    Go works on integer nanoseconds and truncates toward zero; so do we, so that the boundaries
    (``2m - 1ms`` is ``119s``, ``-2s`` is ``<invalid>``) match upstream exactly."""
    d = round(seconds * _NS)
    s = d // _NS if d >= 0 else -((-d) // _NS)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    minutes = d // _MINUTE
    if minutes < 10:
        sec = (d // _NS) % 60
        return f"{minutes}m" if sec == 0 else f"{minutes}m{sec}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = d // _HOUR
    if hours < 8:
        m = minutes % 60
        return f"{hours}h" if m == 0 else f"{hours}h{m}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        h = hours % 24
        return f"{hours // 24}d" if h == 0 else f"{hours // 24}d{h}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        dy = (hours // 24) % 365
        return f"{hours // 24 // 365}y" if dy == 0 else f"{hours // 24 // 365}y{dy}d"
    return f"{hours // 24 // 365}y"


def since(timestamp: str | None, now: float) -> str:
    """``translateTimestampSince``: the age of an RFC 3339 timestamp, ``<unknown>`` when unset."""
    if not timestamp:
        return "<unknown>"
    t = parse_time(timestamp)
    if t is None:
        return "<unknown>"
    return human_duration(now - t)


@lru_cache(maxsize=8192)
def parse_time(timestamp: str) -> float | None:
    """``timeutil.parse`` memoised: tables re-print the same timestamps on every refresh."""
    return timeutil.parse(timestamp)
