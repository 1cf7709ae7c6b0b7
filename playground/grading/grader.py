"""Grade a transcript: run it on a fresh lesson cluster with a manual clock, judge every step.

How a transcript runs (``docs/grading.md`` says the same for instructors):

1. A fresh cluster for the lesson: ``new_playground(lesson, seed, now=GRADING_NOW)``, the lesson's
   setup applied, the clock manual; lower object caps and the work budget installed (``budget``).
2. Each input in order, in one terminal tab, as typed. A command that keeps running (``get -w``,
   ``logs -f``, ``wait``) is driven by moving the clock to the moment it expects news, and stopped
   as if by Ctrl-C once nothing more is going to happen. ``sleep N`` moves the clock N seconds.
3. After each input the cluster settles: simulated time runs from one scheduled change to the
   next, up to ``settle_seconds`` (15 minutes, what ``lessons test`` gives the reference
   solutions), and stops early at the last change when the cluster goes idle.
4. Then every step not yet passed is evaluated (``evaluate`` with the inputs run so far as the
   history). A step passes once its checks pass after some input, and stays passed, as on the
   lesson page: a later step that deletes what an earlier one created takes nothing away.

Score = steps passed (the exercise counts as one step), max_score = the lesson's steps plus its
exercise. The result depends only on the lesson, the transcript and the seed. The seed is the
caller's, else the transcript's ``# seed:`` header (a transcript downloaded from the site), else 0.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from playground.grading.budget import WORK_INPUT, WORK_POLL, WORK_STEP, Budget, GradingLimits
from playground.grading.report import Ran, Report, StepOutcome
from playground.grading.transcript import GradingError, Transcript, parse_transcript

GRADING_NOW = datetime(2026, 1, 1, tzinfo=UTC)  # the same instant ``lessons test`` uses
DEFAULT_LANG = "en"
MAX_INTERRUPTS = 3


class UnknownLesson(GradingError):
    """No lesson has this slug."""


def grade(lesson_slug: str, transcript_text: str, *, seed: int | None = None, lang: str = DEFAULT_LANG,
          limits: GradingLimits | None = None, keep_output: bool = False) -> Report:
    """Grade ``transcript_text`` for the lesson ``lesson_slug``; raises :class:`GradingError` on bad input.

    ``seed=None``: the transcript header's ``# seed:``, else 0."""
    lesson = find_lesson(lesson_slug)
    transcript = parse_transcript(transcript_text)
    return grade_transcript(lesson, transcript, seed=seed, lang=lang, limits=limits, keep_output=keep_output)


def find_lesson(slug: str) -> Any:
    """The lesson, or :class:`UnknownLesson` naming the ones there are."""
    from playground.lessons import get_lesson, load_lessons

    lesson = get_lesson(slug) if isinstance(slug, str) and slug else None
    if lesson is None:
        known = ", ".join(sorted(ls.slug for ls in load_lessons()))
        raise UnknownLesson(f"unknown lesson {slug!r} (the lessons are: {known or 'none'})")
    return lesson


def grade_transcript(lesson: Any, transcript: Transcript, *, seed: int | None = None, lang: str = DEFAULT_LANG,
                     limits: GradingLimits | None = None, keep_output: bool = False,
                     evaluate: Callable[..., list[Any]] | None = None,
                     new_playground: Callable[..., Any] | None = None) -> Report:
    """Grade a parsed transcript for a lesson object (``evaluate``/``new_playground``: the lesson
    engine's, unless a test passes its own). ``seed=None``: the header's, else 0; a header naming
    another lesson is a :class:`GradingError`."""
    if transcript.lesson is not None and transcript.lesson != lesson.slug:
        raise GradingError(f"the transcript is for lesson {transcript.lesson!r} (its header says "
                           f"'# lesson: {transcript.lesson}'), not {lesson.slug!r}")
    if seed is None:
        seed = transcript.seed if transcript.seed is not None else 0
    if evaluate is None or new_playground is None:
        from playground import lessons

        evaluate = evaluate or lessons.evaluate
        new_playground = new_playground or lessons.new_playground
    limits = limits or GradingLimits()
    pg = _fresh(lesson, seed, new_playground)
    start = pg.clock.now
    budget = Budget(pg, limits)
    budget.install()
    judge = _Judge(lesson, evaluate, budget)
    notes = list(transcript.notes)
    history: list[str] = []
    ran: list[Ran] = []
    cut_at: Any = None  # the first input whose sleep or wait was cut short
    for k, inp in enumerate(transcript.inputs, 1):
        budget.charge(WORK_INPUT)
        exit_code, output = run_input(pg, budget, inp.text)
        history.append(inp.text)
        if budget.wait_cut and cut_at is None:
            cut_at = (k, inp.line)
        if keep_output:
            ran.append(Ran(inp.line, inp.text, exit_code, output))
        budget.settle()
        judge(pg, history)
        if budget.exhausted:
            left = len(transcript.inputs) - k
            notes.append(f"grading stopped during input {k} (line {inp.line}): the work budget of "
                         f"{limits.max_work} units was used up; {left} later input{'' if left == 1 else 's'} "
                         "not run")
            break
    if not history:
        judge(pg, history)
    if cut_at is not None:
        notes.append(f"sleeps and waits may take {_hours(limits.max_wait_seconds)} of simulated time in "
                     f"all: from input {cut_at[0]} (line {cut_at[1]}) on they were cut short")
    return Report(lesson.slug, _text(lesson.title, lang), judge.outcomes(lang), tuple(notes),
                  len(history), len(transcript.inputs), pg.clock.now - start, tuple(ran))


def run_input(pg: Any, budget: Budget, text: str) -> tuple[int, str]:
    """Run one input to its end (``Terminal.run_to_end``, within the budget): (exit status, output)."""
    r = pg.start(text)
    out = [r.output]
    interrupts = 0
    while r.running:
        budget.charge(WORK_POLL)
        wake = pg.shell.wake_at()
        now = pg.clock.now
        too_long = wake is not None and wake - now > budget.wait_left
        if wake is None or too_long or budget.exhausted:
            budget.wait_cut = budget.wait_cut or too_long
            interrupts += 1
            if interrupts > MAX_INTERRUPTS:
                break
            r = pg.interrupt()
        else:
            if wake > now:
                budget.wait(wake - now)
            r = pg.poll()
        out.append(r.output)
    return r.exit_code, "".join(out)


class _Judge:
    """Evaluates the steps not passed yet after each input; a passed step stays passed."""

    def __init__(self, lesson: Any, evaluate: Callable[..., list[Any]], budget: Budget) -> None:
        self.lesson = lesson
        self.evaluate = evaluate
        self.budget = budget
        self.steps: list[Any] = list(lesson.steps) + ([lesson.exercise] if lesson.exercise else [])
        self.results: dict[str, Any] = {}
        self.passed: set[str] = set()

    def __call__(self, pg: Any, history: list[str]) -> None:
        pending = [s for s in self.steps if s.id not in self.passed]
        if not pending:
            return
        self.budget.charge(WORK_STEP * len(pending))
        view = _only(self.lesson, {s.id for s in pending})
        for r in self.evaluate(view, pg, list(history)):
            sid = str(r.step_id)
            self.results[sid] = r
            if r.passed:
                self.passed.add(sid)

    def outcomes(self, lang: str) -> tuple[StepOutcome, ...]:
        out = []
        for s in self.steps:
            r = self.results.get(s.id)
            passed = s.id in self.passed
            message = "" if passed else _text(r.message, lang) if r is not None else "not checked"
            out.append(StepOutcome(str(s.id), _text(s.title, lang), passed, message))
        return tuple(out)


def _only(lesson: Any, ids: set[str]) -> Any:
    """The lesson with only the steps in ``ids`` (and its exercise if that is one of them)."""
    steps = [s for s in lesson.steps if s.id in ids]
    exercise = lesson.exercise if lesson.exercise is not None and lesson.exercise.id in ids else None
    if dataclasses.is_dataclass(lesson):
        return dataclasses.replace(lesson, steps=steps, exercise=exercise)
    view = copy.copy(lesson)
    view.steps, view.exercise = steps, exercise
    return view


def _fresh(lesson: Any, seed: int, new_playground: Callable[..., Any]) -> Any:
    from playground.lessons import SetupError

    try:
        return new_playground(lesson, seed=seed, now=GRADING_NOW)
    except SetupError as e:  # a lesson whose setup fails cannot grade anything
        raise GradingError(f"lesson {lesson.slug!r} cannot be set up (line {e.line} of "
                           f"{lesson.source}): {e.message}") from None


def _text(value: Any, lang: str) -> str:
    """A lesson text in ``lang``, falling back to English, then to any language."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get(DEFAULT_LANG) or next(iter(value.values()), ""))
    return str(value)


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:g} h"
