"""How a worker collects garbage while it holds hundreds of students' clusters.

A cached Playground is about a thousand dicts and lists, so a worker serving a class of 500 holds
half a million long-lived containers. CPython's full collection walks all of them: at 500
sessions it paused the worker for 0.5-0.7 s, several times while a class started (each time the
heap had grown by a quarter), and every command typed meanwhile waited (docs/performance.md).

So the worker keeps the collector's work small:

- young collections stay small (``THRESHOLDS``): a few milliseconds each;
- every ``FREEZE_SECONDS`` what has survived so far is frozen (``gc.freeze``): moved out of the
  collector's sight, so full collections only walk what is newer;
- a Playground the worker drops is closed (``Playground.close``, from ``services.store``), which
  breaks its cycles, so reference counting frees it even when frozen;
- everything is unfrozen and collected once (one pause of the old length) to free the cyclic
  garbage that was frozen while still in use, such as the sockets of a class that has left:
  when the worker has been quiet for ``IDLE_SECONDS`` after some work, and in any case every
  ``PLAYGROUND_GC_RECLAIM_SECONDS`` (default an hour). During a class such a collection found
  nothing to free (docs/performance.md), so the pause is kept out of the class.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time

THRESHOLDS = (5_000, 10, 10)
FREEZE_SECONDS = 2.0
IDLE_SECONDS = 30.0
DEFAULT_RECLAIM_SECONDS = 3600.0

log = logging.getLogger("playground.gc")
_started = threading.Event()
_last_busy = 0.0  # time.monotonic() of the last student message (busy())


def reclaim_seconds(env: dict[str, str] | None = None) -> float:
    """``PLAYGROUND_GC_RECLAIM_SECONDS`` (at least ``FREEZE_SECONDS``), else an hour."""
    raw = (env if env is not None else os.environ).get("PLAYGROUND_GC_RECLAIM_SECONDS", "")
    try:
        value = float(raw) if raw.strip() else DEFAULT_RECLAIM_SECONDS
    except ValueError:
        value = DEFAULT_RECLAIM_SECONDS
    return max(FREEZE_SECONDS, value)


def freeze() -> None:
    """Move every object that is tracked now out of the collector's sight."""
    gc.freeze()


def reclaim() -> tuple[int, float]:
    """Unfreeze and collect everything once, then freeze the survivors: (objects freed, seconds taken)."""
    started = time.perf_counter()
    gc.unfreeze()
    freed = gc.collect()
    gc.freeze()
    return freed, time.perf_counter() - started


def busy() -> None:
    """A student's message arrived (the consumers call this): the worker is not idle."""
    global _last_busy
    _last_busy = time.monotonic()


def due(now: float, last_reclaim: float, last_busy: float, reclaim_every: float) -> bool:
    """Whether to collect everything now: quiet for ``IDLE_SECONDS`` after work since the last
    collection, or ``reclaim_every`` seconds since it."""
    quiet_after_work = last_busy > last_reclaim and now - last_busy >= IDLE_SECONDS
    return quiet_after_work or now - last_reclaim >= reclaim_every


def _run(reclaim_every: float) -> None:
    last_reclaim = time.monotonic()
    while True:
        time.sleep(FREEZE_SECONDS)
        now = time.monotonic()
        if due(now, last_reclaim, _last_busy, reclaim_every):
            freed, took = reclaim()
            log.info("full garbage collection: %d objects freed in %.0f ms", freed, took * 1000)
            last_reclaim = time.monotonic()
        else:
            freeze()


def install(env: dict[str, str] | None = None) -> None:
    """Set the thresholds, freeze what start-up made, and start the freezing thread (once per process).

    ``PLAYGROUND_GC_FREEZE=0`` leaves the collector as CPython sets it (the test process does).
    """
    if (env if env is not None else os.environ).get("PLAYGROUND_GC_FREEZE", "1") == "0":
        return
    gc.set_threshold(*THRESHOLDS)
    gc.freeze()
    if not _started.is_set():
        _started.set()
        threading.Thread(target=_run, args=(reclaim_seconds(env),), name="gc-freezer", daemon=True).start()
