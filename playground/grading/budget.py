"""What one grade may cost, counted in deterministic units so the report never depends on the machine.

A wall-clock timeout would make the same transcript pass on a fast machine and fail on a slow
one, so the grader counts *work* instead, from things that are the same on every run:

=====================================  ==========  ===========================================
what                                   units       why (at most about a microsecond of CPU each)
=====================================  ==========  ===========================================
each terminal input                    2,000       parsing, running, the settle loop
each write to the API server           80          every controller, kubelet and event write
each create or update request          1,000       validation, even when refused (a controller
                                                   retrying against the pod cap)
each kubectl call                      500         plus 1 per character it prints (describe,
                                                   ``-o yaml`` of many pods cost what they print)
each poll of a running command         200         watches and waits driven by the clock
each step evaluated                    300         checks run kubectl queries
=====================================  ==========  ===========================================

Once ``max_work`` units are spent, kubectl refuses to run, the clock stops moving and the
grader runs no further input; the steps are then judged on the cluster as it is, and the report
says where grading stopped. Separately, simulated *waiting* (``sleep``, ``kubectl wait``,
``delete`` waiting for a pod to go, watches) is capped at ``max_wait_seconds`` for the whole
transcript; longer sleeps return early. The lesson cluster is also given lower object caps than
the engine's defaults (``max_pods`` ...), which bounds what one kubectl call or one simulated
second can cost.

The budget hooks into the playground in three places, all on this one instance: its ``advance``
(which the shell's ``sleep`` calls on a manual clock), its ``kubectl`` program, and its API
server's ``create`` and ``update`` (a refused request writes nothing, yet costs its validation).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cluster_core import Playground

WORK_INPUT = 2_000
WORK_WRITE = 80
WORK_REQUEST = 1_000
WORK_KUBECTL = 500
WORK_POLL = 200
WORK_STEP = 300


@dataclass(frozen=True)
class GradingLimits:
    """The bounds of one grade (the defaults are documented in ``docs/grading.md``)."""

    settle_seconds: float = 900.0  # simulated time the cluster gets after each input, at most
    max_wait_seconds: float = 24 * 3600.0  # sleeps and waits, in all
    max_work: int = 16_000_000  # work units (see the module docstring): under 10 s of CPU as measured
    max_pods: int = 100
    max_objects: int = 1_000
    max_events: int = 2_000
    max_replicas: int = 100


class Budget:
    """The work and waiting spent so far on one playground, and the hooks that spend them."""

    def __init__(self, pg: Playground, limits: GradingLimits) -> None:
        self.pg = pg
        self.limits = limits
        self.work = 0
        self.waited = 0.0
        self.wait_cut = False
        self._rv = pg.server.resource_version

    @property
    def exhausted(self) -> bool:
        return self.work > self.limits.max_work

    @property
    def wait_left(self) -> float:
        return max(0.0, self.limits.max_wait_seconds - self.waited)

    def install(self) -> None:
        """Lower the cluster's object caps and route ``sleep`` and ``kubectl`` through this budget."""
        pg, lim = self.pg, self.limits
        caps = pg.server.limits
        pg.server.limits = dataclasses.replace(
            caps, max_pods=min(caps.max_pods, lim.max_pods), max_objects=min(caps.max_objects, lim.max_objects),
            max_events=min(caps.max_events, lim.max_events), max_replicas=min(caps.max_replicas, lim.max_replicas))
        setattr(pg, "advance", self.wait)  # noqa: B010 - the shell's sleep calls pg.advance
        for name in ("create", "update"):
            setattr(pg.server, name, _charged(getattr(pg.server, name), self))
        shell = pg.shell.shell
        kubectl = shell.commands["kubectl"]
        shell.register("kubectl", _counted(kubectl.handler, self), dirs=kubectl.dirs, streams=kubectl.streams)

    # ------------------------------------------------------------------ work
    def charge(self, units: int) -> None:
        self.work += units

    def charge_writes(self) -> None:
        rv = self.pg.server.resource_version
        self.work += WORK_WRITE * max(0, rv - self._rv)
        self._rv = rv

    # ------------------------------------------------------------------ time
    def wait(self, seconds: float) -> None:
        """Let simulated time pass for a sleep or a running command, within what is left to wait."""
        try:
            seconds = max(0.0, float(seconds))
        except (TypeError, ValueError):
            return
        allowed = min(seconds, self.wait_left)
        if allowed < seconds:
            self.wait_cut = True
        if allowed <= 0.0:
            return
        start = self.pg.clock.now
        self._run_until(start + allowed, stop_when_idle=False)
        self.waited += self.pg.clock.now - start

    def settle(self) -> float:
        """After an input: run what is scheduled within ``settle_seconds``; the clock stops at the
        last change (an idle cluster does not age). Returns the simulated seconds that passed."""
        start = self.pg.clock.now
        self._run_until(start + self.limits.settle_seconds, stop_when_idle=True)
        return self.pg.clock.now - start

    def _run_until(self, target: float, *, stop_when_idle: bool) -> None:
        """Advance one instant with work at a time, so the budget is checked between instants."""
        pg = self.pg
        clock = pg.clock
        while not self.exhausted:
            nxt = clock.peek()
            if nxt is None or nxt > target:
                if not stop_when_idle and target > clock.now:
                    pg.sim.advance_to(target)
                break
            pg.sim.advance_to(nxt)
            self.charge_writes()
        pg.server.expire_events()
        self.charge_writes()


def _charged(method: Any, budget: Budget) -> Any:
    """An API server request that costs ``WORK_REQUEST`` whether or not it is admitted."""

    def request(*args: Any, **kwargs: Any) -> Any:
        budget.charge(WORK_REQUEST)
        return method(*args, **kwargs)

    return request


def _counted(handler: Any, budget: Budget) -> Any:
    """``kubectl`` that costs what it prints, and refuses to run once the budget is spent."""

    def kubectl(ctx: Any) -> Any:
        if budget.exhausted:
            ctx.write_err("kubectl: not run: the grader's work budget is used up\n")
            return 1
        budget.charge(WORK_KUBECTL)
        write, write_err = ctx.write, ctx.write_err

        def counted_write(text: str) -> None:
            budget.charge(len(text))
            write(text)

        def counted_write_err(text: str) -> None:
            budget.charge(len(text))
            write_err(text)

        ctx.write, ctx.write_err = counted_write, counted_write_err
        try:
            return handler(ctx)
        finally:
            budget.charge_writes()

    return kubectl
