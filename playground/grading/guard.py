"""A last-resort CPU limit around one grade: a forked child with ``RLIMIT_CPU``.

The work budget (``budget.py``) bounds everything the grader can count between commands. It
cannot stop a single command that never returns: a regular expression that backtracks
exponentially in ``grep -E '(a*)*b'`` runs inside Python's ``re`` and holds the process. So the
command line grades each transcript in a child process that the kernel stops after
``seconds`` of CPU. Honest transcripts finish far below it and never see it; when it fires the
transcript is reported as not gradable (exit status 2), which is the one result that depends on
the machine, and a command that runs away like this is a playground bug worth reporting.
"""

from __future__ import annotations

import math
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from playground.grading.transcript import GradingError

T = TypeVar("T")


class CpuLimitExceeded(GradingError):
    """The grade used more CPU than the guard allows and was stopped."""


def call_with_cpu_limit(fn: Callable[[], T], seconds: float, wall_seconds: float | None = None) -> T:
    """``fn()`` in a forked child limited to ``seconds`` of CPU (0: no limit, run here).

    The result (or the exception) comes back pickled through a pipe; the child never returns
    into the caller's code, and never writes to the caller's streams. A child that neither
    finishes nor uses CPU (blocked) is killed after ``wall_seconds`` (default: 4x ``seconds``,
    at least 30 s), so a caller such as a web worker is never held forever.
    """
    if seconds <= 0 or not hasattr(os, "fork"):
        return fn()
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        _child(fn, seconds, write_fd)
    os.close(write_fd)
    wall = wall_seconds if wall_seconds is not None else max(30.0, 4 * seconds)
    data, finished = _read_all(read_fd, time.monotonic() + wall)
    if not finished:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if not finished:
        raise CpuLimitExceeded(f"grading was stopped after {wall:g} s: a command in the transcript did "
                               "not finish (please report it as a playground bug)")
    if not data:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
            raise CpuLimitExceeded(f"grading was stopped after {seconds:g} s of CPU: a command in the "
                                   "transcript did not finish (please report it as a playground bug)")
        raise GradingError(f"grading failed: the grading process ended without a result (status {status})")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise value
    return value


def _read_all(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child writes until it closes the pipe, or what came before ``deadline``."""
    chunks: list[bytes] = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return b"".join(chunks), False
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks), True
            chunks.append(chunk)
    finally:
        os.close(fd)


def _child(fn: Callable[[], object], seconds: float, write_fd: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        limit = max(1, math.ceil(seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))
        try:
            payload = pickle.dumps(("ok", fn()))
        except BaseException as e:  # noqa: BLE001 - the parent re-raises it
            try:
                payload = pickle.dumps(("error", e))
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                payload = pickle.dumps(("error", RuntimeError(f"{type(e).__name__}: {e}")))
        with os.fdopen(write_fd, "wb") as f:
            f.write(payload)
    finally:
        os._exit(0)
