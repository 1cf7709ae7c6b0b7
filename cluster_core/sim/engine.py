"""The simulation loop: timed events in order, then controllers settle, like a real control plane.

Components (scheduler, kubelet, controllers) subclass :class:`Controller`. They *observe* every
write the API server makes and mark keys dirty; when the simulation *settles* (after each API
call and after each instant's batch of timed events) each dirty controller reconciles. Timed work
goes on the clock's queue as ``(action, args)`` so the queue serialises; ``handlers()`` maps the
action names a component schedules to its methods.

Determinism: dirty keys are kept in dicts (insertion order), never sets of strings, whose order
changes between processes with hash randomisation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster_core.api.server import ApiServer
from cluster_core.sim.clock import Clock

MAX_SETTLE_ROUNDS = 100


class Controller:
    """One reconcile loop: observe writes, mark keys dirty, ``sync`` each dirty key when settling."""

    name = "controller"

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.server = sim.server
        self._dirty: dict[Any, None] = {}

    def start(self) -> None:
        """Called once when a cluster is built or loaded from saved state, before anything else:
        build any in-memory index from the store (``server.iter``) and mark what needs a sync.
        Indexes are never saved; they are rebuilt here from the objects."""

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        """Called for every ADDED / MODIFIED / DELETED write; mark what needs a sync."""

    def mark(self, key: Any) -> None:
        self._dirty[key] = None

    def is_dirty(self) -> bool:
        return bool(self._dirty)

    def reconcile(self) -> None:
        keys, self._dirty = self._dirty, {}
        for key in keys:
            self.sync(key)

    def sync(self, key: Any) -> None:
        """Converge one key (idempotent: a second call with nothing changed does nothing)."""

    def handlers(self) -> dict[str, Callable[..., None]]:
        """Timed actions this component schedules, by name."""
        return {}


class Simulation:
    """Owns the components and runs time forward for one cluster."""

    def __init__(self, server: ApiServer, clock: Clock, state: dict[str, Any] | None = None) -> None:
        self.server = server
        self.clock = clock
        # JSON-safe per-component state (IP allocators, logs, back-off timers), saved with the cluster.
        self.state: dict[str, Any] = state if state is not None else {}
        self.controllers: list[Controller] = []
        self.resync = True  # read by controllers' start(): re-check everything, or only index
        self._handlers: dict[str, Callable[..., None]] = {}
        server.subscribe(self._on_change)

    def register(self, controller: Controller) -> None:
        self.controllers.append(controller)
        self._handlers.update(controller.handlers())

    def start(self, resync: bool = True) -> None:
        """Let every component build its indexes from the store (after building or loading a cluster).

        ``resync`` also has every controller re-check all its objects; a state saved at rest (every
        save settles first) does not need it, which keeps loading a saved cluster cheap.
        """
        self.resync = resync
        for c in self.controllers:
            c.start()
        self.resync = True
        self.settle()

    def component(self, name: str) -> Controller:
        for c in self.controllers:
            if c.name == name:
                return c
        raise KeyError(name)

    def schedule(self, delay: float, action: str, *args: Any) -> None:
        """Run ``action(*args)`` ``delay`` simulated seconds from now."""
        self.clock.schedule(self.clock.now + delay, action, *args)

    def _on_change(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        for c in self.controllers:
            c.observe(kind, event, obj, old)

    def settle(self) -> None:
        """Let every dirty controller reconcile until nothing is left to do (bounded)."""
        for _ in range(MAX_SETTLE_ROUNDS):
            busy = False
            for c in self.controllers:
                if c.is_dirty():
                    busy = True
                    c.reconcile()
            if not busy:
                return

    def advance_to(self, t: float) -> None:
        """Run every event due up to ``t`` in time order, settling after each instant."""
        clock = self.clock
        self.settle()
        while True:
            ev = clock.pop_due(t)
            if ev is None:
                break
            at, _, action, args = ev
            if at > clock.now:
                clock.now = at
            handler = self._handlers.get(action)
            if handler is not None:
                handler(*args)
            nxt = clock.peek()
            if nxt is None or nxt > clock.now:
                self.settle()
        if t > clock.now:
            clock.now = t
        self.settle()
