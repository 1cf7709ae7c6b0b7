"""Real Daphne workers on loopback, for the scale tests (``tests/scale``) and the web benchmarks.

Channels' ``WebsocketCommunicator`` runs the consumer in the test's own process; what several
workers do together (a command on one, the push on another, a worker killed with SIGKILL) needs
real processes. This module starts them on free loopback ports (Daphne binds port 0 and logs the
port it got, so two runs never race for a port), on a throw-away database (a fresh PostgreSQL
database or a temporary SQLite file) and a Redis database number nobody else uses, and talks to
them the way a browser does: one HTTP request for the session cookie, then websockets with that
cookie and an allowed ``Origin``.

Nothing here leaves the machine: every address is 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import getpass
import http.client
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import redis
from psycopg import sql
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PG_ADMIN = os.environ.get("PLAYGROUND_PG_ADMIN", f"postgresql://{getpass.getuser()}@{HOST}:5432/postgres")
REDIS_BASE = os.environ.get("PLAYGROUND_REDIS", f"redis://{HOST}:6379")
_LISTENING = re.compile(r"Listening on TCP address [\d.]+:(\d+)")
_ACCESS = re.compile(r'^[\d.]+:\d+ - - \[.*?\] "(WS|GET|POST|HEAD)')


# ---------------------------------------------------------------------------- databases
@contextlib.contextmanager
def fresh_postgres(prefix: str = "playground_test") -> Iterator[str]:
    """A new, empty PostgreSQL database for one run; its ``DATABASE_URL``. Dropped afterwards."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextlib.contextmanager
def fresh_sqlite() -> Iterator[str]:
    """A temporary SQLite file (the embedded default's engine); its ``DATABASE_URL``."""
    with tempfile.TemporaryDirectory(prefix="playground-bench-") as tmp:
        yield f"sqlite:///{tmp}/db.sqlite3"


@contextlib.contextmanager
def free_redis_db() -> Iterator[str]:
    """A ``REDIS_URL`` on an empty Redis database number (1-15), flushed afterwards.

    Database 0 is left to whatever else uses this Redis; an empty number is taken so that two
    runs at once (a developer and CI) do not read each other's channel-layer messages.
    """
    numbers = list(range(1, 16))
    random.SystemRandom().shuffle(numbers)
    for n in numbers:
        client = redis.Redis.from_url(f"{REDIS_BASE}/{n}")
        if client.dbsize() == 0:
            client.set("playground:taken", "1", ex=3600)  # claim it before anyone else looks
            try:
                yield f"{REDIS_BASE}/{n}"
            finally:
                client.flushdb()
                client.close()
            return
        client.close()
    raise RuntimeError("no empty Redis database among 1-15")


def migrate(database_url: str) -> None:
    """Create the tables (``manage.py migrate``) in ``database_url``.

    On PostgreSQL the migration's own connection commits without waiting for the WAL flush (about
    a hundred DDL commits; a crash of the database server would lose an unfinished migration, not
    data). The workers keep the default, fully durable commits.
    """
    if database_url.startswith("postgres"):
        database_url += ("&" if "?" in database_url else "?") + "options=-c%20synchronous_commit%3Doff"
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                   env=worker_env(database_url), check=True)


def worker_env(database_url: str, redis_url: str = "", **extra: str) -> dict[str, str]:
    """The environment of a production-like worker: no DEBUG, a real secret, the given services."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "PLAYGROUND_GC_"))}
    env.update({"DJANGO_SETTINGS_MODULE": "playground.settings", "DATABASE_URL": database_url,
                "REDIS_URL": redis_url, "DEBUG": "0", "SECRET_KEY": "scale-test-" + "k" * 40,
                "ALLOWED_HOSTS": f"{HOST},localhost", "PYTHONUNBUFFERED": "1", "LOG_LEVEL": "WARNING"})
    env.update(extra)
    return env


# ---------------------------------------------------------------------------- workers
@dataclass
class Worker:
    """One Daphne process serving ``app`` on a free loopback port."""

    env: dict[str, str]
    name: str = "worker"
    app: str = "playground.asgi:application"
    proc: subprocess.Popen[str] | None = None
    port: int = 0
    log: list[str] = field(default_factory=list)
    _listening: threading.Event = field(default_factory=threading.Event, repr=False)

    def start(self, timeout: float = 60.0) -> Worker:
        """Start the process and wait until it listens (the application is imported by then)."""
        return self.launch().wait_ready(timeout)

    def launch(self) -> Worker:
        """Start the process without waiting (so several workers, or a migration, boot at once)."""
        self.log = []
        self.port = 0
        self._listening = threading.Event()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", HOST, "-p", "0", self.app], cwd=ROOT, env=self.env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._pump, args=(self.proc, self._listening), daemon=True,
                         name=f"{self.name}-log").start()
        return self

    def _pump(self, proc: subprocess.Popen[str], listening: threading.Event) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.log.append(line.rstrip("\n"))
            m = _LISTENING.search(line)
            if m and not listening.is_set():
                self.port = int(m.group(1))
                listening.set()

    def wait_ready(self, timeout: float = 60.0) -> Worker:
        """Wait until Daphne logs the port it listens on."""
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while not self._listening.wait(0.05):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not start:\n" + self.log_tail())
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flushing, as when the machine's OOM killer or a crash takes it."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.kill()

    def rss_kib(self) -> int:
        """Resident memory of the process (``VmRSS``), KiB."""
        text = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", text, re.M).group(1))  # type: ignore[union-attr]

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def log_tail(self, lines: int = 40, access: bool = True) -> str:
        """The last ``lines`` lines the process printed (without Daphne's access lines unless ``access``)."""
        kept = self.log if access else [line for line in self.log if not _ACCESS.search(line)]
        return "\n".join(kept[-lines:])

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return f"ws://{HOST}:{self.port}{path}"


# ---------------------------------------------------------------------------- HTTP
@dataclass
class Page:
    status: int
    body: str
    cookies: dict[str, str]
    seconds: float  # request sent -> whole response read


def get(port: int, path: str, session: str | None = None, timeout: float = 30.0) -> Page:
    """``GET path`` as a browser would (with the session cookie, if any)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    headers = {"Host": f"{HOST}:{port}", "Accept-Language": "en"}
    if session:
        headers["Cookie"] = f"sessionid={session}"
    try:
        t0 = time.perf_counter()
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        body = resp.read().decode()
        seconds = time.perf_counter() - t0
    finally:
        conn.close()
    cookies = {}
    for name, value in resp.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]
    return Page(resp.status, body, cookies, seconds)


def new_session(port: int, path: str = "/sandbox/") -> str:
    """Open a page on the worker and return the session key its response set (kept in the database)."""
    page = get(port, path)
    if page.status != 200 or "sessionid" not in page.cookies:
        raise RuntimeError(f"GET {path} gave {page.status} without a session cookie")
    return page.cookies["sessionid"]


# ---------------------------------------------------------------------------- websockets
@dataclass
class Message:
    at: float  # time.time() when it arrived
    data: Any  # a dict for JSON, else the text (the cluster view's HTML)


class Socket:
    """A websocket to one worker with a session cookie: send JSON, wait for a matching message."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.seen: list[Message] = []

    @classmethod
    async def open(cls, worker: Worker, path: str, session: str, timeout: float = 10.0) -> Socket:
        ws = await connect(worker.url(path), origin=worker.origin,  # type: ignore[arg-type]
                           additional_headers={"Cookie": f"sessionid={session}"},
                           open_timeout=timeout, max_size=2**22, compression=None, ping_interval=None)
        return cls(ws)

    async def send(self, **message: Any) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self, timeout: float = 10.0) -> Message:
        import asyncio

        text = await asyncio.wait_for(self.ws.recv(), timeout)
        at = time.time()
        try:
            data: Any = json.loads(text)
        except ValueError:
            data = text
        m = Message(at, data)
        self.seen.append(m)
        return m

    async def until(self, pred: Callable[[Any], bool], timeout: float = 10.0) -> list[Message]:
        """Every message up to and including the first whose data ``pred`` accepts."""
        deadline = time.monotonic() + timeout
        got: list[Message] = []
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise TimeoutError
                m = await self.receive(left)
            except TimeoutError:
                raise AssertionError(f"no matching message within {timeout}s; got "
                                     f"{[g.data for g in got]!r}"[:3000]) from None
            got.append(m)
            if pred(m.data):
                return got

    async def run(self, line: str, tab: int = 0, timeout: float = 10.0) -> tuple[str, dict[str, Any]]:
        """Run a line to its ``done``: the output streamed for it and the ``done`` message."""
        await self.send(type="run", tab=tab, line=line)
        got = await self.until(lambda d: is_type("done")(d) and d["tab"] == tab, timeout)
        out = "".join(m.data["data"] for m in got if is_type("output")(m.data) and m.data["tab"] == tab)
        return out, got[-1].data

    async def close(self) -> None:
        await self.ws.close()


def is_type(kind: str) -> Callable[[Any], bool]:
    return lambda d: isinstance(d, dict) and d.get("type") == kind


_POD_CARD = re.compile(r'<li class="pod [^"]*" data-pod="([^"]+)" data-namespace="([^"]*)" '
                       r'data-phase="([^"]*)" data-status="([^"]*)"')


def pods_in_view(html: Any) -> dict[str, str]:
    """``{pod name: data-status}`` of the pod cards in a cluster-view push ({} for anything else)."""
    if not isinstance(html, str) or 'id="cluster-view"' not in html:
        return {}
    return {m.group(1): m.group(4) for m in _POD_CARD.finditer(html)}


def is_view(html: Any) -> bool:
    return isinstance(html, str) and 'id="cluster-view"' in html


# ---------------------------------------------------------------------------- the database, read directly
def command_lines(database_url: str, session: str, lesson: str = "sandbox") -> list[str]:
    """The command history rows of a session's cluster, oldest first (what lesson checks read)."""
    with psycopg.connect(_libpq(database_url)) as conn:
        rows = conn.execute(
            "SELECT c.line FROM playground_command c JOIN playground_cluster k ON k.id = c.cluster_id "
            "WHERE k.owner = %s AND k.lesson = %s ORDER BY c.id", (f"s:{session}", lesson)).fetchall()
    return [r[0] for r in rows]


def _libpq(database_url: str) -> str:
    return database_url.replace("postgres://", "postgresql://", 1)
