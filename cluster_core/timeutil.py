"""Timestamps as the API server writes them. Times inside the engine are float seconds since the epoch;
objects carry RFC 3339 strings, like a real server's JSON."""

from __future__ import annotations

from datetime import UTC, datetime


def rfc3339(t: float) -> str:
    """``2026-01-01T00:00:05Z``: metav1.Time, whole seconds, as in creationTimestamp."""
    return datetime.fromtimestamp(int(t), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc3339_micro(t: float) -> str:
    """``2026-01-01T00:00:05.123456Z``: metav1.MicroTime, as in an Event's eventTime."""
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(s: str | None) -> float | None:
    """Seconds since the epoch for an RFC 3339 string (with or without fraction), or None."""
    if not s:
        return None
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(s).timestamp()
    except ValueError:
        return None


def to_datetime(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)
