"""``Playground``: one student's simulated cluster, home directory and terminal tabs.

The one public API of the engine: the web app, lesson checks, the grader and the tests all go
through it. Deterministic for a given seed and sequence of calls; ``to_state()`` is JSON-safe and
``from_state()`` gives back an identical playground.

The clock is manual when ``now`` is given (time moves only by ``advance`` or ``sleep``), otherwise
it follows the wall clock, plus whatever the student fast-forwarded, minus what they paused.
"""

from __future__ import annotations

import contextlib
import gc
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import orjson

from cluster_core.api.server import ApiServer, Limits, copy_obj, dumps
from cluster_core.cluster import Cluster
from cluster_core.sim.clock import Clock
from cluster_core.sim.engine import Simulation
from cluster_core.sim.topology import Topology, build

STATE_VERSION = 1
MAX_ADVANCE_SECONDS = 30 * 86400.0


def _components(sim: Simulation) -> None:
    from cluster_core.sim import kubelet, scheduler
    from cluster_core.sim.controllers import register_all

    sim.register(scheduler.Scheduler(sim))
    sim.register(kubelet.Kubelet(sim))
    register_all(sim)


class Playground:
    """A simulated Kubernetes v1.33 cluster with a bash-like shell and kubectl."""

    def __init__(self, server: ApiServer, clock: Clock, sim: Simulation, seed: int,
                 shell_state: dict[str, Any] | None = None, wall: dict[str, Any] | None = None) -> None:
        self.server = server
        self.clock = clock
        self.sim = sim
        self.seed = seed
        self.cluster = Cluster(server, sim)
        self._wall = wall or {"offset": 0.0, "paused_at": None}
        from cluster_core.terminal import Terminal

        self.shell = Terminal(self, shell_state)

    # ---------------------------------------------------------------- construction
    @classmethod
    def new(cls, seed: int = 0, now: datetime | None = None, topology: Topology | dict | None = None,
            limits: Limits | None = None) -> Playground:
        """A fresh cluster with the default topology (or the given one); manual clock when ``now`` is given."""
        rng = random.Random(seed)
        if now is None:
            clock = Clock(0.0, manual=False)
            clock.now = clock.wall_now()
        else:
            clock = Clock(now.timestamp(), manual=True)
        server = ApiServer(clock, rng, limits)
        if isinstance(topology, dict):
            topology = Topology.from_dict(topology)
        build(server, topology or Topology.default())
        sim = Simulation(server, clock)
        _components(sim)
        sim.start()
        pg = cls(server, clock, sim, seed)
        from cluster_core.kubectl.context import DEFAULT_KUBECONFIG_TEXT, KUBECONFIG_PATH

        pg.write_file(KUBECONFIG_PATH, DEFAULT_KUBECONFIG_TEXT)  # kubeadm's admin.conf, as on the tutorial's machine
        return pg

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Playground:
        """Rebuild a playground saved by :meth:`to_state`."""
        # Parsing a saved cluster creates tens of thousands of containers at once; the cyclic garbage
        # collector would scan them several times over for nothing (none of them is garbage yet).
        with _no_gc():
            return cls._from_state(state)

    @classmethod
    def _from_state(cls, state: dict[str, Any]) -> Playground:
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
            raise ValueError("not a playground state of this version")
        rng = random.Random()
        rng.setstate(_rng_state_from_json(state["rng"]))
        clock = Clock.from_state(state["clock"])
        server = ApiServer(clock, rng)
        server.load_state(state["server"])
        sim = Simulation(server, clock, orjson.loads(state["sim"]))
        _components(sim)
        sim.start(resync=False)
        shell_state = copy_obj(state["shell"])
        return cls(server, clock, sim, state["seed"], shell_state, dict(state["wall"]))

    def to_state(self) -> dict[str, Any]:
        """A JSON-safe snapshot: objects, queued events, component state, files, shell sessions."""
        self.sim.settle()
        return {"version": STATE_VERSION, "seed": self.seed,
                "rng": _rng_state_to_json(self.server.rng.getstate()),
                "clock": self.clock.to_state(), "server": self.server.to_state(),
                "sim": dumps(self.sim.state), "shell": self.shell.to_state(),
                "wall": dict(self._wall)}

    # ---------------------------------------------------------------- time
    @property
    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock.now, UTC)

    @property
    def manual_clock(self) -> bool:
        return self.clock.manual

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of simulated time pass: scheduler, kubelet and controllers act in time order."""
        seconds = max(0.0, min(float(seconds), MAX_ADVANCE_SECONDS))
        if not self.clock.manual:
            self._wall["offset"] += seconds
        self.sim.advance_to(self.clock.now + seconds)
        self.server.expire_events()

    def advance_to(self, when: datetime) -> None:
        """Advance to ``when`` (nothing happens if it is in the simulated past)."""
        target = when.timestamp()
        nxt = self.clock.peek()
        if nxt is not None and target < nxt <= target + 1e-6:
            target = nxt  # a datetime holds microseconds: next_change_at() may round an event time down
        if target > self.clock.now:
            self.advance(target - self.clock.now)

    def next_change_at(self) -> datetime | None:
        """When the next scheduled change is due, so a server can sleep until then."""
        t = self.clock.peek()
        return datetime.fromtimestamp(t, UTC) if t is not None else None

    def catch_up(self) -> None:
        """On a wall clock, bring simulated time up to the real time (plus fast-forwards, minus pauses)."""
        if self.clock.manual or self._wall["paused_at"] is not None:
            return
        target = self.clock.wall_now() + self._wall["offset"]
        if target > self.clock.now:
            self.sim.advance_to(min(target, self.clock.now + MAX_ADVANCE_SECONDS))
            self.server.expire_events()

    def pause(self) -> None:
        """Stop the simulated clock (wall-clock playgrounds); a manual clock is always paused."""
        if not self.clock.manual and self._wall["paused_at"] is None:
            self.catch_up()
            self._wall["paused_at"] = self.clock.wall_now()

    def resume(self) -> None:
        if not self.clock.manual and self._wall["paused_at"] is not None:
            self._wall["offset"] -= self.clock.wall_now() - self._wall["paused_at"]
            self._wall["paused_at"] = None

    @property
    def paused(self) -> bool:
        return self.clock.manual or self._wall["paused_at"] is not None

    def sleep(self, seconds: float) -> None:
        """The shell's ``sleep`` on a manual clock: simulated time passes at once."""
        self.advance(seconds)

    # ---------------------------------------------------------------- shell
    def execute(self, line: str, tab: int = 0) -> Any:
        """Run one terminal input (may hold here-documents) in tab ``tab``; returns stdout, stderr, exit_code.

        A long-running command (``get -w``, ``logs -f``, foreground ``port-forward``) runs until the
        cluster has settled and is then stopped, as if the student pressed Ctrl-C; callers that
        stream use :meth:`start`, :meth:`poll` and :meth:`interrupt` instead.
        """
        self.catch_up()
        return self.shell.run_to_end(tab, line)

    def start(self, line: str, tab: int = 0) -> Any:
        """Start a terminal input; the result says whether a foreground command is still running."""
        self.catch_up()
        return self.shell.start(tab, line)

    def poll(self, tab: int = 0) -> Any:
        """New output of the tab's running command after time has passed."""
        self.catch_up()
        return self.shell.poll(tab)

    def interrupt(self, tab: int = 0) -> Any:
        """Ctrl-C in a tab."""
        return self.shell.interrupt(tab)

    def complete(self, line: str, cursor: int | None = None, tab: int = 0) -> list[str]:
        """Tab-completion candidates for the browser terminal."""
        return self.shell.complete(tab, line, len(line) if cursor is None else cursor)

    # ---------------------------------------------------------------- the editor pane
    def editor(self, tab: int = 0) -> dict[str, Any] | None:
        """The editor the tab's foreground command waits in (``vi FILE``, ``kubectl edit``), or None.

        ``{"path", "content", "mode", "program", "message", "needs_name"}``: ``mode`` is ``"file"``
        or ``"kubectl-edit"``; ``path`` is absolute (``""`` and ``needs_name`` for ``vi`` without a
        file); ``message`` is the editor's status line (``"x" [New]``, ``E32: No file name``).
        """
        from cluster_core.editor import view

        return view(self.shell.foreground_runner(tab))

    def editor_save(self, tab: int, content: str, path: str | None = None) -> Any:
        """Save the pane: the waiting editor gets ``content`` (and a file name for an unnamed buffer),
        then the tab is polled, so its output comes back (``pod/x edited``, or the reopened editor:
        ``editor(tab)`` shows it). Without a waiting editor this is a plain :meth:`poll`."""
        from cluster_core.editor import hand_over

        hand_over(self.shell.foreground_runner(tab), "save", content, path)
        return self.poll(tab)

    def editor_cancel(self, tab: int) -> Any:
        """Close the pane without saving (``:q!``); ``kubectl edit`` says ``Edit cancelled, no changes made.``"""
        from cluster_core.editor import hand_over

        hand_over(self.shell.foreground_runner(tab), "cancel")
        return self.poll(tab)

    # ---------------------------------------------------------------- files
    def write_file(self, path: str, text: str) -> None:
        """Write a file in the student's home directory (relative paths are under ~)."""
        self.shell.fs.write_file(path, text)

    def read_file(self, path: str) -> str:
        return self.shell.fs.read_file(path)

    def list_files(self, path: str = ".") -> list[str]:
        return self.shell.fs.list_files(path)

    # ---------------------------------------------------------------- end of life
    def close(self) -> None:
        """Break the playground's internal reference cycles; it must not be used afterwards.

        The server, the simulation, its components and the terminal refer to each other, so a
        dropped playground waits for the cyclic garbage collector. A server that keeps hundreds of
        playgrounds freezes them out of the collector's sight (``gc.freeze``) to avoid long pauses,
        and closes each one it drops so that reference counting frees it at once.
        """
        _break_cycles(self)


def _break_cycles(root: object) -> None:
    """Clear the attributes of every engine object reachable from ``root`` (the JSON data is left
    alone: it holds no cycles, and reference counting frees it once nothing points at it)."""
    seen: set[int] = set()
    stack: list[Any] = [root]
    engine_objects: list[Any] = []
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None), type)):
            continue
        seen.add(id(obj))
        if isinstance(obj, dict):
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif hasattr(obj, "__self__") and hasattr(obj, "__func__"):  # a bound method
            stack.append(obj.__self__)
        elif callable(obj) and getattr(obj, "__closure__", None):
            stack.extend(cell.cell_contents for cell in obj.__closure__ if _cell_full(cell))
        elif type(obj).__module__.startswith("cluster_core") and hasattr(obj, "__dict__"):
            engine_objects.append(obj)
            stack.extend(vars(obj).values())
    for obj in engine_objects:
        vars(obj).clear()


def _cell_full(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rng_state_to_json(state: tuple) -> list[Any]:
    version, internal, gauss = state
    return [version, list(internal), gauss]


def _rng_state_from_json(data: list[Any]) -> tuple:
    return (data[0], tuple(data[1]), data[2])
