"""What a lesson is once its file is read: plain dataclasses the web app, grader and tools share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playground.lessons.checks import Check

LANGS = ("en", "zh-Hans")
EXERCISE_ID = "exercise"
DEFAULT_SETUP_AGE = 300.0

Text = dict[str, str]  # language -> text


@dataclass
class Problem:
    """Something wrong in a lesson file, where it is, and what to do (``file:line: where: message``)."""

    file: str
    line: int
    message: str
    where: str = ""

    def __str__(self) -> str:
        loc = f"{self.file}:{self.line}" if self.line else self.file
        return f"{loc}: {self.where}: {self.message}" if self.where else f"{loc}: {self.message}"


@dataclass
class Setup:
    """What the student's cluster starts with: nodes, objects (created ``age`` seconds ago), files."""

    nodes: list[dict[str, Any]] = field(default_factory=list)  # empty: the default three nodes
    objects: list[dict[str, Any]] = field(default_factory=list)
    object_lines: list[int] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    age: float = DEFAULT_SETUP_AGE


@dataclass
class Step:
    """One step: what to read, the commands it teaches, how to check it, hints and a solution."""

    id: str
    title: Text
    text: Text
    commands: list[str]
    checks: list[Check]
    hints: dict[str, list[str]]
    solution: list[str]
    line: int = 0

    @property
    def is_exercise(self) -> bool:
        return self.id == EXERCISE_ID


@dataclass
class Lesson:
    """One lesson file, parsed. ``steps`` excludes the exercise; ``all_steps`` includes it."""

    slug: str
    order: int
    title: Text
    summary: Text
    setup: Setup
    steps: list[Step]
    exercise: Step | None
    source: str

    @property
    def all_steps(self) -> list[Step]:
        return self.steps + ([self.exercise] if self.exercise else [])

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.all_steps if s.id == step_id), None)


@dataclass
class CheckResult:
    """One check's verdict; ``message`` says what is missing (empty strings when it passed)."""

    passed: bool
    message: Text
    check: Check | None = None


@dataclass
class StepResult:
    """A step's verdict: passed when every check passed; ``message`` lists what is still missing."""

    step_id: str
    passed: bool
    message: Text
    checks: list[CheckResult] = field(default_factory=list)


def blank() -> Text:
    return {lang: "" for lang in LANGS}
