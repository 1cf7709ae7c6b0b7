"""Shared by the grading tests: transcripts built from the real lessons' reference solutions, and a
tiny fake lesson (the lesson engine's interface, checks as plain functions) for exact behaviour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cluster_core import Playground
from playground.grading import grade_transcript, parse_transcript
from playground.grading.report import Report
from playground.lessons import get_lesson, load_lessons

SLUGS = ["pods", "labels", "label-selectors", "node-selectors", "namespaces", "delete-and-update",
         "replicasets", "daemonsets", "jobs"]


def solution_transcript(slug: str, *, omit: str | None = None) -> str:
    """Every step's reference solution in order (the exercise last), without step ``omit``."""
    lesson = get_lesson(slug)
    assert lesson is not None, slug
    lines = [line for s in lesson.all_steps if s.id != omit for line in s.solution]
    return "\n".join(lines) + "\n"


def all_slugs() -> list[str]:
    return sorted(ls.slug for ls in load_lessons())


# ---------------------------------------------------------------------------- the fake lesson
@dataclass
class FakeStep:
    id: str
    title: dict[str, str]
    check: Callable[[Any, list[str]], bool]
    solution: list[str] = field(default_factory=list)


class FakeLesson:
    """Not a dataclass on purpose: the grader must narrow any lesson object to its pending steps."""

    def __init__(self, slug: str, steps: list[FakeStep], exercise: FakeStep | None) -> None:
        self.slug = slug
        self.title = {"en": "Fake", "zh-Hans": "假的"}
        self.steps = steps
        self.exercise = exercise


@dataclass
class FakeResult:
    step_id: str
    passed: bool
    message: dict[str, str]


class FakeEngine:
    """``new_playground`` and ``evaluate`` for :class:`FakeLesson`; counts the steps it evaluates."""

    def __init__(self) -> None:
        self.evaluated: list[str] = []
        self.pg: Playground | None = None

    def new_playground(self, lesson: Any, seed: int = 0, now: Any = None) -> Playground:
        self.pg = Playground.new(seed=seed, now=now)
        return self.pg

    def evaluate(self, lesson: Any, pg: Any, history: list[str]) -> list[FakeResult]:
        steps = list(lesson.steps) + ([lesson.exercise] if lesson.exercise else [])
        self.evaluated += [s.id for s in steps]
        return [FakeResult(s.id, s.check(pg, history), {"en": f"{s.id} is missing", "zh-Hans": f"缺少 {s.id}"})
                for s in steps]


def pod_exists(name: str) -> Callable[[Any, list[str]], bool]:
    def check(pg: Any, history: list[str]) -> bool:
        pod = pg.server.get("Pod", "default", name)
        return pod is not None and not pod["metadata"].get("deletionTimestamp")
    return check


def pod_running(name: str) -> Callable[[Any, list[str]], bool]:
    def check(pg: Any, history: list[str]) -> bool:
        pod = pg.server.get("Pod", "default", name)
        return pod is not None and pod.get("status", {}).get("phase") == "Running"
    return check


def ran(word: str) -> Callable[[Any, list[str]], bool]:
    return lambda pg, history: any(word in h for h in history)


def fake_lesson() -> FakeLesson:
    """Three steps and an exercise: create pod a, see it Running, run `kubectl get pods`; pod b."""
    steps = [FakeStep("create-a", {"en": "Create pod a", "zh-Hans": "创建 Pod a"}, pod_exists("a")),
             FakeStep("a-running", {"en": "Pod a runs"}, pod_running("a")),
             FakeStep("list", {"en": "List the pods"}, ran("kubectl get pods"))]
    return FakeLesson("fake", steps, FakeStep("exercise", {"en": "Exercise: pod b"}, pod_exists("b")))


def grade_fake(text: str, engine: FakeEngine | None = None, **kw: Any) -> Report:
    engine = engine or FakeEngine()
    return grade_transcript(fake_lesson(), parse_transcript(text), evaluate=engine.evaluate,
                            new_playground=engine.new_playground, **kw)
