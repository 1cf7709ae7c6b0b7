"""``lessons test``: on a fresh cluster, each step's checks fail before its solution and pass after.

A check that already passes before its step's solution ran would turn green for nothing, so it
is reported; a check still failing after the solution means the solution or the check is broken.
Solutions run in one terminal tab on a manual clock, each input followed by ``settle`` (the
cluster gets up to 15 simulated minutes to finish what it was doing) and two more seconds (the
student typing the next command: a container that has just started is not listening yet in the
very instant it starts), and feed the history that
``ran`` checks read. An input must exit 0, or 130 (a watch the terminal stopped as if by Ctrl-C
once nothing more was going to happen). The exercise is tested last, on the same cluster.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from playground.lessons.checks import Env
from playground.lessons.model import Lesson, Step
from playground.lessons.runtime import SetupError, new_playground, settle

TEST_NOW = datetime(2026, 1, 1, tzinfo=UTC)
TYPING_SECONDS = 2.0  # between inputs, as a student takes to type: a server that just started is listening
INTERRUPTED = 130  # a command that died of the terminal's Ctrl-C (SIGINT): fine


@dataclass
class StepReport:
    step_id: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class LessonReport:
    slug: str
    source: str
    steps: list[StepReport] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.error and all(s.ok for s in self.steps)


def run_lesson_test(lesson: Lesson, seed: int = 0) -> LessonReport:
    """Run every step's solution in order and judge its checks before and after."""
    report = LessonReport(lesson.slug, lesson.source)
    t0 = time.perf_counter()
    try:
        pg = new_playground(lesson, seed=seed, now=TEST_NOW)
    except SetupError as e:
        report.error = f"{lesson.source}:{e.line}: setup: {e.message}"
        return report
    history: list[str] = []
    for step in lesson.all_steps:
        report.steps.append(_test_step(step, pg, history))
    report.seconds = time.perf_counter() - t0
    return report




def _test_step(step: Step, pg, history: list[str]) -> StepReport:
    rep = StepReport(step.id)
    env = Env(pg, list(history))
    for i, chk in enumerate(step.checks):
        if chk.evaluate(env).passed:
            rep.problems.append(f"check {i + 1} ({chk.describe()}) already passes before the solution ran")
    for n, line in enumerate(step.solution, 1):
        result = pg.execute(line)
        history.append(line)
        # A watch or foreground port-forward that the terminal stopped with Ctrl-C is fine, whatever
        # code it exits with (kubectl get -w catches SIGINT and exits 1).
        stopped = result.output.rstrip("\n").endswith("^C")
        if result.exit_code not in (0, INTERRUPTED) and not stopped:
            first = line.splitlines()[0]
            said = " ".join((result.stderr or result.output).split())[:200]
            rep.problems.append(f"solution input {n} `{first}` failed (exit {result.exit_code}): {said}")
        settle(pg)
        pg.advance(TYPING_SECONDS)
    env = Env(pg, list(history))
    for i, chk in enumerate(step.checks):
        res = chk.evaluate(env)
        if not res.passed:
            rep.problems.append(f"check {i + 1} ({chk.describe()}) fails after the solution: {res.message['en']}")
    return rep
