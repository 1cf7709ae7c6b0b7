"""Lessons: the tutorial as steps with live checks, read from YAML files instructors edit.

Pure Python (no Django), so the web app, the grader and ``cluster_core`` tests share it::

    from playground.lessons import load_lessons, get_lesson, new_playground, evaluate

    lesson = get_lesson("pods")
    pg = new_playground(lesson, seed=0)          # wall clock; pass now=... for a manual one
    pg.execute("kubectl create -f nginx-manual.yaml")
    for r in evaluate(lesson, pg, history=["kubectl create -f nginx-manual.yaml"]):
        print(r.step_id, r.passed, r.message["en"])

The file format is documented in ``docs/authoring-lessons.md``.
"""

from __future__ import annotations

from playground.lessons.blocks import Block, extract_blocks
from playground.lessons.loader import default_directory, get_lesson, load_lessons, load_problems
from playground.lessons.model import (
    EXERCISE_ID,
    LANGS,
    CheckResult,
    Lesson,
    Problem,
    Setup,
    Step,
    StepResult,
)
from playground.lessons.parse import parse_lesson_file, parse_lesson_text
from playground.lessons.runtime import SetupError, evaluate, evaluate_step, new_playground, settle


def validate_file(path: str) -> list[Problem]:
    """Every problem of one lesson file, with lines (builds a scratch cluster: for tools and previews)."""
    from playground.lessons.validate import validate_file as _validate

    return _validate(path)


__all__ = [
    "EXERCISE_ID", "LANGS", "Block", "CheckResult", "Lesson", "Problem", "Setup", "SetupError", "Step",
    "StepResult", "default_directory", "evaluate", "evaluate_step", "extract_blocks", "get_lesson",
    "load_lessons", "load_problems", "new_playground", "parse_lesson_file", "parse_lesson_text", "settle",
    "validate_file",
]
