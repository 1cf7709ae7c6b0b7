"""Web figures from issue 4: websocket round trips over a real Daphne on loopback, and lesson page loads.

One Daphne worker serves ``bench.echo_asgi`` (the site plus a ``ws/echo/`` route) on a temporary
database: the embedded default (SQLite, in-memory channel layer), or with ``--postgres`` a fresh
PostgreSQL database and Redis, as a deployment runs. One client, one connection per socket,
requests one after another, the three kinds interleaved so that they share the machine's load:

- ``echo``: a text frame sent back by a consumer that does nothing else (the floor: Daphne,
  Channels, loopback);
- ``echo hi``: the cheapest command through the terminal socket (parse, load the cluster, run the
  shell, save the state and the history row in one transaction, answer);
- ``kubectl get pods``: the same path plus kubectl listing five pods and printing the table.

Page loads: ``GET /lessons/<slug>/`` with the session cookie, timed from the request to the last
byte of the response (on loopback that is the server's time plus well under a millisecond).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from collections.abc import Awaitable, Callable

from bench.liveserver import (
    Socket,
    Worker,
    free_redis_db,
    fresh_postgres,
    fresh_sqlite,
    get,
    is_type,
    migrate,
    new_session,
    worker_env,
)
from bench.timing import row

PERIOD = 0.1  # seconds between the starts of two rounds: 10 commands a second per session


def pct(samples: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


async def _timed(fn: Callable[[], Awaitable[object]]) -> float:
    t0 = time.perf_counter()
    await fn()
    return (time.perf_counter() - t0) * 1000


async def round_trips(worker: Worker, rounds: int, warmup: int = 20) -> dict[str, list[float]]:
    """Round-trip times (ms) of the echo, ``echo hi`` and ``kubectl get pods``, interleaved.

    Each command kind has its own session (its own cluster) and a round starts at most every
    ``PERIOD`` seconds: the site allows a session about 20 commands a second, and a student types
    far fewer, so the benchmark stays under that limit instead of measuring its refusals.
    """
    echo = await Socket.open(worker, "/ws/echo/", new_session(worker.port))
    term = await Socket.open(worker, "/ws/terminal/sandbox/", new_session(worker.port))
    pods = await Socket.open(worker, "/ws/terminal/sandbox/", new_session(worker.port))
    await term.until(is_type("ready"))
    await pods.until(is_type("ready"))
    for i in range(5):
        await pods.run(f"kubectl run web-{i} --image=nginx")

    async def bare() -> None:
        await echo.ws.send('{"type": "echo"}')
        await echo.ws.recv()

    async def shell_echo() -> None:
        out, _ = await term.run("echo hi")
        assert out == "hi\n", out

    async def get_pods() -> None:
        out, _ = await pods.run("kubectl get pods")
        assert out.startswith("NAME"), out

    kinds = {"echo": bare, "echo hi": shell_echo, "kubectl get pods": get_pods}
    samples: dict[str, list[float]] = {k: [] for k in kinds}
    for i in range(warmup + rounds):
        started = time.perf_counter()
        for name, fn in kinds.items():
            ms = await _timed(fn)
            if i >= warmup:
                samples[name].append(ms)
        await asyncio.sleep(max(0.0, PERIOD - (time.perf_counter() - started)))
    for sock in (echo, term, pods):
        await sock.close()
    return samples


def page_loads(worker: Worker, lesson: str, loads: int) -> tuple[float, list[float]]:
    """The first load of a lesson page (creates the cluster) and ``loads`` reloads, in ms."""
    session = new_session(worker.port, "/sandbox/")
    first = get(worker.port, f"/lessons/{lesson}/", session)
    assert first.status == 200, first.status
    times = []
    for _ in range(loads):
        page = get(worker.port, f"/lessons/{lesson}/", session)
        assert page.status == 200, page.status
        times.append(page.seconds * 1000)
    return first.seconds * 1000, times


@contextlib.contextmanager
def serving(postgres: bool):
    """One worker serving ``bench.echo_asgi`` on a throw-away database (and Redis with ``postgres``)."""
    with contextlib.ExitStack() as stack:
        if postgres:
            env = worker_env(stack.enter_context(fresh_postgres("playground_bench")),
                             stack.enter_context(free_redis_db()))
        else:
            env = worker_env(stack.enter_context(fresh_sqlite()))
        migrate(env["DATABASE_URL"])
        worker = Worker(env, "bench", app="bench.echo_asgi:application").start()
        stack.callback(worker.stop)
        try:
            yield worker
        except BaseException:
            print(f"--- the worker's log:\n{worker.log_tail(60, access=False)}", file=sys.stderr)
            raise


def run(rounds: int = 200, loads: int = 100, lesson: str = "pods", postgres: bool = False) -> dict[str, float]:
    """Measure and print; returns the figures (ms) by name."""
    label = "PostgreSQL + Redis" if postgres else "SQLite, in-memory layer"
    with serving(postgres) as worker:
        samples = asyncio.run(round_trips(worker, rounds))
        first, reloads = page_loads(worker, lesson, loads)
    figures: dict[str, float] = {}
    print(f"== web: one Daphne worker on loopback ({label}), {rounds} round trips each")
    for name, ms in samples.items():
        figures[f"{name} p50"], figures[f"{name} p99"] = pct(ms, 50), pct(ms, 99)
        row(f"{name}: round trip p50", pct(ms, 50), "ms")
        row(f"{name}: round trip p99", pct(ms, 99), "ms")
    for base in ("echo", "echo hi"):
        ratio = statistics.median(samples["kubectl get pods"]) / statistics.median(samples[base])
        figures[f"ratio to {base}"] = ratio
        row(f"kubectl get pods / {base}, p50 ratio", ratio, "x", "target < 2" if base == "echo" else "")
    figures["page first"], figures["page p50"], figures["page p99"] = first, pct(reloads, 50), pct(reloads, 99)
    row(f"lesson page /lessons/{lesson}/: first load (creates the cluster)", first, "ms")
    row(f"lesson page /lessons/{lesson}/: reload p50 ({loads} loads)", pct(reloads, 50), "ms", "target < 100 ms")
    row(f"lesson page /lessons/{lesson}/: reload p99", pct(reloads, 99), "ms")
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ws_roundtrip", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--loads", type=int, default=100)
    parser.add_argument("--lesson", default="pods")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL + Redis instead of SQLite")
    args = parser.parse_args(argv)
    run(args.rounds, args.loads, args.lesson, args.postgres)


if __name__ == "__main__":
    main()
