"""A lesson's cluster, how time passes in it, and the verdicts on its steps.

``new_playground`` backdates: the cluster is built ``setup.age`` seconds (default 5 minutes)
before ``now`` on a manual clock, the setup objects are created then, and the clock is advanced
to ``now``, so pre-created pods are Running and show ``AGE 5m``, as if the student had done the
earlier lesson a few minutes ago. With ``now=None`` the same happens up to the real time and the
clock is then switched to follow the wall clock, so the playground is indistinguishable from one
made with ``Playground.new(now=None)`` (no fast-forward offset). The returned playground's ``now``
is always the requested time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cluster_core import Playground
from cluster_core.api.errors import ApiError
from cluster_core.sim.topology import Topology
from playground.lessons.checks import Env
from playground.lessons.model import LANGS, Lesson, Step, StepResult, blank

SETTLE_SECONDS = 900.0  # the most simulated time ``settle`` lets pass


class SetupError(Exception):
    """A setup object the API server refused (with the line of its manifest in the lesson file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _wall_now() -> datetime:
    """The real time, read once per new playground (the engine itself never reads it)."""
    return datetime.now(UTC)


def new_playground(lesson: Lesson, seed: int = 0, now: datetime | None = None) -> Playground:
    """A playground with the lesson's setup, settled; manual clock when ``now`` is given."""
    target = now if now is not None else _wall_now()
    start = target - timedelta(seconds=lesson.setup.age)
    topology = Topology.from_dict({"nodes": lesson.setup.nodes}) if lesson.setup.nodes else None
    pg = Playground.new(seed=seed, now=start, topology=topology)
    for obj, line in zip(lesson.setup.objects, lesson.setup.object_lines, strict=True):
        try:
            pg.cluster.create(_copy(obj))
        except ApiError as e:
            raise SetupError(line, _api_message(e)) from None
    for name, text in lesson.setup.files.items():
        pg.write_file(name, text)
    pg.advance_to(target)
    if now is None:
        pg.clock.manual = False  # from here on the clock follows the wall, as Playground.new(now=None)
    return pg


def settle(pg: Playground, max_seconds: float = SETTLE_SECONDS) -> float:
    """On a manual clock, let time pass until nothing more is scheduled (or ``max_seconds``).

    What a student does while reading the next paragraph: pulls finish, pods start, Jobs run to
    completion. Returns the simulated seconds that passed.
    """
    start = pg.clock.now
    limit = start + max_seconds
    while True:
        nxt = pg.next_change_at()
        if nxt is None or nxt.timestamp() > limit:
            break
        pg.advance_to(nxt)
        if pg.clock.now < nxt.timestamp():  # defensive: the clock must move, or stop
            break
    return pg.clock.now - start


def evaluate_step(step: Step, pg: Playground, history: list[str], env: Env | None = None) -> StepResult:
    """One step's verdict: every check evaluated (all missing things listed, in order)."""
    env = env or Env(pg, list(history))
    results = [c.evaluate(env) for c in step.checks]
    failed = [r for r in results if not r.passed]
    if not failed:
        return StepResult(step.id, True, blank(), results)
    message = {lang: "\n".join(r.message[lang] for r in failed) for lang in LANGS}
    return StepResult(step.id, False, message, results)


def evaluate(lesson: Lesson, pg: Playground, history: list[str]) -> list[StepResult]:
    """Every step's verdict, then the exercise's (id ``exercise``), against the cluster as it is now.

    Read-only: checks query the cluster through kubectl without a shell, and never advance the
    clock (a caller on a wall clock has already caught up by running the student's command).
    """
    env = Env(pg, list(history or []))
    return [evaluate_step(step, pg, history, env) for step in lesson.all_steps]


def _copy(obj: Any) -> Any:
    import copy

    return copy.deepcopy(obj)


def _api_message(e: ApiError) -> str:
    from cluster_core.kubectl.main import render_api_error

    return render_api_error(e).strip()
