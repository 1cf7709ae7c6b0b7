"""Capacity figures from issue 7: a class of students at once on one worker, then on two.

Each simulated student opens the sandbox page (the session cookie), then its two sockets (the
terminal and the live cluster view), and creates ``--commands`` pods with ``kubectl run``, one
after another, with a think time between them (uniform between half and one and a half times
``--think`` seconds; the first command after a random part of one think time, so the class does
not type in step). Everything stays on loopback; every loop is bounded and the run stops by itself.

Figures:

- **round trip**: ``run`` sent -> its ``done`` received, the student's wait for the prompt;
- **view after a command**: ``run`` sent -> the cluster-view push that shows the new pod;
- **push delay**: a simulated change (the pod turning ContainerCreating a second after it was
  created, in simulated time, which follows the wall clock) -> the push that shows it. When the
  change was due is worked out after the run from the saved states (the state each command saved
  is kept as the next command's undo snapshot): the engine replays that state to the pod's first
  change. The server wakes 20 ms after a due time by design (``timectl.MIN_SLEEP``);
- **memory per session**: the workers' resident memory (RSS) after the run minus before any
  session, divided by the sessions;
- the workers' CPU use during the run, and the load average, since the client runs on the same
  two cores.

Scenarios: one worker on the embedded default (SQLite, in-memory channel layer); two workers on a
fresh PostgreSQL database and Redis, the students spread over them (each student's two sockets on
one worker, as a load balancer hashing on the session cookie places them), or with ``--crossed``
each student's view on the other worker than its terminal, so every command's push crosses Redis
and both workers keep a copy of the cluster.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import psycopg

from bench.liveserver import (
    Socket,
    Worker,
    free_redis_db,
    fresh_postgres,
    fresh_sqlite,
    is_type,
    is_view,
    migrate,
    new_session,
    pods_in_view,
    worker_env,
)
from bench.timing import row
from bench.ws_roundtrip import pct
from cluster_core import Playground
from cluster_core.kubectl.printers.pod_status import pod_cells

SETTLE = 12.0  # seconds after the last command for the last pods' pushes (Running after ~7 s)
COMMAND_TIMEOUT = 60.0


@dataclass
class Command:
    pod: str
    sent: float  # time.time()
    done: float | None = None
    error: str = ""


@dataclass
class Student:
    index: int
    session: str
    term: Socket | None = None
    view: Socket | None = None
    commands: list[Command] = field(default_factory=list)
    pushes: list[tuple[float, dict[str, str]]] = field(default_factory=list)  # (arrival, pod -> status)


@dataclass
class Result:
    label: str
    sessions: int
    workers: int
    seconds: float
    round_trips: list[float]
    view_after: list[float]
    push_delays: list[float]
    missed_changes: int
    errors: list[str]
    rss_base_kib: int
    rss_connected_kib: int
    rss_after_kib: int
    cpu_share: float
    client_share: float
    load: tuple[float, float, float]
    records: list[dict[str, Any]] = field(default_factory=list)  # one per command, times from time.time()

    @property
    def commands(self) -> int:
        return len(self.round_trips)


# ---------------------------------------------------------------------------- one student
async def command(student: Student, pod: str) -> None:
    """``kubectl run`` one pod and wait for its ``done`` (or an error)."""
    assert student.term is not None
    cmd = Command(pod, time.time())
    student.commands.append(cmd)
    await student.term.send(type="run", tab=0, line=f"kubectl run {pod} --image=nginx")
    deadline = time.monotonic() + COMMAND_TIMEOUT
    while time.monotonic() < deadline:
        m = await student.term.ws.recv()
        data = json.loads(m)
        if data.get("type") == "done":
            cmd.done = time.time()
            if data.get("exit_code") != 0:
                cmd.error = f"exit code {data.get('exit_code')}"
            return
        if data.get("type") == "error":
            cmd.error = data.get("message", "error")
            return
    cmd.error = "timeout"


async def read_view(student: Student) -> None:
    """Record when each push arrived and the pods' statuses it showed, until the socket closes."""
    assert student.view is not None
    with contextlib.suppress(Exception):
        async for text in student.view.ws:
            if is_view(text):
                student.pushes.append((time.time(), pods_in_view(text)))


async def lesson(student: Student, rng: random.Random, commands: int, think: float) -> None:
    await asyncio.sleep(rng.uniform(0, think))
    for k in range(commands):
        await command(student, f"p{k}")
        if k + 1 < commands:
            await asyncio.sleep(rng.uniform(think / 2, think * 3 / 2))


# ---------------------------------------------------------------------------- the class
@dataclass
class Servers:
    workers: list[Worker]
    database_url: str


@contextlib.contextmanager
def servers(workers: int, postgres: bool, reclaim: float | None = None) -> Iterator[Servers]:
    """``reclaim``: the workers' full garbage collection period (gcpolicy), when not their default."""
    extra = {"PLAYGROUND_GC_RECLAIM_SECONDS": str(reclaim)} if reclaim else {}
    with contextlib.ExitStack() as stack:
        if postgres:
            env = worker_env(stack.enter_context(fresh_postgres("playground_bench")),
                             stack.enter_context(free_redis_db()), **extra)
        else:
            env = worker_env(stack.enter_context(fresh_sqlite()), **extra)
        migrate(env["DATABASE_URL"])
        started = [Worker(env, f"w{i}").launch() for i in range(workers)]
        for w in started:
            stack.callback(w.stop)
        for w in started:
            w.wait_ready()
        try:
            yield Servers(started, env["DATABASE_URL"])
        finally:
            for w in started:
                problems = [line for line in w.log if "Traceback" in line or "ERROR" in line]
                if problems:
                    print(f"--- {w.name} logged {len(problems)} errors; its log:\n"
                          f"{w.log_tail(60, access=False)}", file=sys.stderr)


def _open_pages(srv: Servers, sessions: int) -> list[str]:
    """Each student opens the sandbox page on its terminal's worker: the session cookie."""
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda i: new_session(srv.workers[i % len(srv.workers)].port), range(sessions)))


async def _connect(srv: Servers, students: list[Student], crossed: bool, concurrency: int = 16) -> None:
    """Each student's terminal on worker ``index % n``; its view on the same worker, or with ``crossed``
    on the next one (a load balancer that does not keep a page's sockets together)."""
    gate = asyncio.Semaphore(concurrency)
    n = len(srv.workers)
    shift = 1 if crossed else 0

    async def one(s: Student) -> None:
        async with gate:
            s.term = await Socket.open(srv.workers[s.index % n], "/ws/terminal/sandbox/", s.session, timeout=60)
            await s.term.until(is_type("ready"), timeout=60)
            s.view = await Socket.open(srv.workers[(s.index + shift) % n], "/ws/cluster/sandbox/", s.session,
                                       timeout=60)
            first = await s.view.receive(timeout=60)
            s.pushes.append((first.at, pods_in_view(first.data)))

    await asyncio.gather(*(one(s) for s in students))


async def _warm_up(srv: Servers) -> None:
    """One command and one push on each worker, so the baseline memory has the code loaded."""
    for w in srv.workers:
        key = new_session(w.port)
        term = await Socket.open(w, "/ws/terminal/sandbox/", key)
        view = await Socket.open(w, "/ws/cluster/sandbox/", key)
        await term.until(is_type("ready"))
        await term.run("kubectl run warm --image=nginx")
        await view.until(lambda html: "warm" in pods_in_view(html))
        await term.close()
        await view.close()


def _rss(srv: Servers) -> int:
    return sum(w.rss_kib() for w in srv.workers)


def run_class(sessions: int, workers: int, postgres: bool, commands: int, think: float,
              seed: int = 7, profile: str = "", crossed: bool = False, reclaim: float | None = None) -> Result:
    label = f"{workers} worker{'s' if workers > 1 else ''}, " + (
        "PostgreSQL + Redis" if postgres else "SQLite + in-memory layer") + (
        ", terminal and view on different workers" if crossed and workers > 1 else "") + (
        f", a full garbage collection every {reclaim:g} s" if reclaim else "")
    rng = random.Random(seed)
    with servers(workers, postgres, reclaim) as srv:
        asyncio.run(_warm_up(srv))
        time.sleep(1.0)
        rss_base = _rss(srv)
        students = [Student(i, key) for i, key in enumerate(_open_pages(srv, sessions))]

        async def go() -> tuple[int, float, float]:
            await _connect(srv, students, crossed)
            rss_connected = _rss(srv)
            readers = [asyncio.create_task(read_view(s)) for s in students]
            profilers = [_py_spy(profile, w) for w in srv.workers] if profile else []
            cpu0, t0, own0 = sum(w.cpu_seconds() for w in srv.workers), time.monotonic(), time.process_time()
            await asyncio.gather(*(lesson(s, random.Random(rng.random()), commands, think) for s in students))
            await asyncio.sleep(SETTLE)
            elapsed = time.monotonic() - t0
            for p in profilers:
                p.send_signal(signal.SIGINT)
                p.wait(30)
            cpu = sum(w.cpu_seconds() for w in srv.workers) - cpu0
            own = time.process_time() - own0
            for s in students:
                for sock in (s.term, s.view):
                    if sock is not None:
                        await sock.close()
            for r in readers:
                r.cancel()
            return rss_connected, cpu / elapsed, own / elapsed, elapsed

        load = os.getloadavg()
        rss_connected, cpu_share, client_share, elapsed = asyncio.run(go())
        rss_after = _rss(srv)
        due = due_times(srv.database_url, students)
    return _summarise(label, sessions, workers, elapsed, students, due, rss_base, rss_connected, rss_after,
                      cpu_share, client_share, load)


def _py_spy(out_prefix: str, worker: Worker) -> subprocess.Popen[bytes]:
    """Sample the worker's stacks (all threads) with py-spy, if installed, into ``<prefix>-<name>.txt``
    (collapsed stacks: one line per stack with its sample count; see ``bench.stacks``)."""
    return subprocess.Popen(["py-spy", "record", "-p", str(worker.pid), "-r", "100", "--format", "raw", "--threads", "--idle",
                             "-o", f"{out_prefix}-{worker.name}.txt", "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ---------------------------------------------------------------------------- after the run
def _query(database_url: str, text: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    if database_url.startswith("sqlite:///"):
        with contextlib.closing(sqlite3.connect(database_url[len("sqlite:///"):])) as conn:
            return conn.execute(text.replace("%s", "?"), params).fetchall()
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute(text, params).fetchall()


def due_times(database_url: str, students: list[Student]) -> dict[tuple[int, str], tuple[float, str]]:
    """(student, pod) -> (when the pod's first change after its creation was due, the new status)."""
    out: dict[tuple[int, str], tuple[float, str]] = {}
    for s in students:
        rows = _query(database_url, "SELECT c.id, c.state, k.state FROM playground_cluster c JOIN "
                      "playground_clustercore k ON k.cluster_id = c.id WHERE c.owner = %s AND c.lesson = %s",
                      (f"s:{s.session}", "sandbox"))
        if not rows:
            continue
        pk, light, core = rows[0]
        current = json.dumps({**json.loads(light), **json.loads(core)})  # the two saved parts as one state
        before_line = dict(_query(database_url, "SELECT c.line, s.state FROM playground_snapshot s JOIN "
                                  "playground_command c ON c.id = s.command_id WHERE s.cluster_id = %s",
                                  (pk,)))
        pods = [c.pod for c in s.commands]
        for k, pod in enumerate(pods):
            # the state saved by command k is the undo snapshot taken before command k + 1
            state = before_line.get(f"kubectl run {pods[k + 1]} --image=nginx") if k + 1 < len(pods) else current
            if state is not None:
                change = first_change(state, pod)
                if change is not None:
                    out[(s.index, pod)] = change
    return out


def first_change(state_json: str, pod: str) -> tuple[float, str] | None:
    """Replay a saved state event by event until ``pod``'s STATUS changes: (wall time due, new status)."""
    state = json.loads(state_json)
    offset = state["wall"]["offset"]
    pg = Playground.from_state(state)

    def status() -> str | None:
        obj = pg.server.get("Pod", "default", pod)
        return pod_cells(obj, pg.clock.now)[2] if obj is not None else None

    before = status()
    for _ in range(100):
        due = pg.clock.peek()
        if due is None:
            return None
        pg.advance(due - pg.clock.now)
        now = status()
        if now != before:
            return due - offset, str(now)
    return None


def _summarise(label: str, sessions: int, workers: int, elapsed: float, students: list[Student],
               due: dict[tuple[int, str], tuple[float, str]], rss_base: int, rss_connected: int,
               rss_after: int, cpu_share: float, client_share: float, load: tuple[float, float, float]) -> Result:
    round_trips, view_after, push_delays, errors = [], [], [], []
    records: list[dict[str, Any]] = []
    missed = 0
    for s in students:
        for c in s.commands:
            record: dict[str, Any] = {"student": s.index, "pod": c.pod, "sent": c.sent, "done": c.done,
                                      "error": c.error}
            records.append(record)
            if c.error or c.done is None:
                errors.append(f"student {s.index} {c.pod}: {c.error or 'no done'}")
                continue
            round_trips.append((c.done - c.sent) * 1000)
            shown = next((t for t, pods in s.pushes if t >= c.sent and c.pod in pods), None)
            record["shown"] = shown
            if shown is not None:
                view_after.append((shown - c.sent) * 1000)
            change = due.get((s.index, c.pod))
            if change is None:
                missed += 1
                continue
            when, new_status = change
            pushed = next((t for t, pods in s.pushes if pods.get(c.pod) == new_status), None)
            record.update(due=when, pushed=pushed)
            if pushed is None:
                missed += 1
            else:
                push_delays.append((pushed - when) * 1000)
    return Result(label, sessions, workers, elapsed, round_trips, view_after, push_delays, missed, errors,
                  rss_base, rss_connected, rss_after, cpu_share, client_share, load, records)


def report(r: Result) -> None:
    print(f"== capacity: {r.sessions} sessions, {r.label}")
    row("commands completed", r.commands, "", f"in {r.seconds:.0f} s ({r.commands / r.seconds:.1f}/s)")
    if r.round_trips:
        row("command round trip p50", pct(r.round_trips, 50), "ms")
        row("command round trip p99", pct(r.round_trips, 99), "ms", "target < 100 ms")
    if r.view_after:
        row("command sent -> view shows the pod, p50", pct(r.view_after, 50), "ms")
        row("command sent -> view shows the pod, p99", pct(r.view_after, 99), "ms")
    if r.push_delays:
        row("simulated change -> push received, p50", pct(r.push_delays, 50), "ms", "(20 ms by design)")
        row("simulated change -> push received, p99", pct(r.push_delays, 99), "ms",
            f"({len(r.push_delays)} changes, {r.missed_changes} not seen)")
    row("worker RSS before sessions", r.rss_base_kib / 1024, "MiB")
    row("worker RSS with the sessions connected", r.rss_connected_kib / 1024, "MiB")
    row("worker RSS after the run", r.rss_after_kib / 1024, "MiB")
    row("memory per session (RSS after - before) / sessions", (r.rss_after_kib - r.rss_base_kib) / r.sessions,
        "KiB", "target < 1024 KiB")
    row("workers' CPU during the run (one core = 100)", r.cpu_share * 100, "%")
    if r.commands:
        row("workers' CPU per command (all its pushes included)", r.cpu_share * r.seconds / r.commands * 1000, "ms")
    row("the benchmark client's CPU during the run", r.client_share * 100, "%")
    row("load average when the run started (1 min)", r.load[0], "")
    if r.errors:
        print(f"   {len(r.errors)} commands failed, e.g. {r.errors[:3]}")


def main(argv: list[str] | None = None) -> list[Result]:
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--commands", type=int, default=5, help="pods each student creates")
    parser.add_argument("--think", type=float, default=10.0, help="mean seconds between a student's commands")
    parser.add_argument("--scenario", choices=["one", "two", "both"], default="both",
                        help="one: 1 worker, SQLite; two: 2 workers, PostgreSQL + Redis")
    parser.add_argument("--crossed", action="store_true",
                        help="two workers: each student's view on the other worker than its terminal")
    parser.add_argument("--dump", metavar="FILE", default="", help="write every command's times as JSON")
    parser.add_argument("--reclaim", type=float, default=None, metavar="SECONDS",
                        help="the workers' longest full garbage collection period (default: theirs, an hour), "
                             "to see its pause inside a run")
    parser.add_argument("--profile", metavar="PREFIX", default="",
                        help="sample the workers with py-spy (must be on PATH) into PREFIX-w0.txt ...")
    args = parser.parse_args(argv)
    results = []
    if args.scenario in ("one", "both"):
        results.append(run_class(args.sessions, 1, False, args.commands, args.think, profile=args.profile,
                                 reclaim=args.reclaim))
        report(results[-1])
    if args.scenario in ("two", "both"):
        results.append(run_class(args.sessions, 2, True, args.commands, args.think,
                                 profile=args.profile and args.profile + "-two", crossed=args.crossed,
                                 reclaim=args.reclaim))
        report(results[-1])
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump([{"label": r.label, "records": r.records} for r in results], f)
    return results


if __name__ == "__main__":
    main()
