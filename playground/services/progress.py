"""Lesson step checks: evaluate them on the student's cluster, record the steps that pass.

``evaluate`` is read-only (checks query the cluster through kubectl without a shell and never
move the clock), so it runs on the cached Playground, caught up with the wall clock. A step once
passed stays passed (it is recorded); its live message still says what the cluster lacks now.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone

from .. import lessonapi
from ..models import Command, StepProgress
from .store import read


def history(cluster_pk: int) -> list[str]:
    """The lines the student ran on this cluster, oldest first, without the undone ones."""
    return list(Command.objects.filter(cluster_id=cluster_pk, undone=False)
                .order_by("id").values_list("line", flat=True))


def passed_steps(cluster_pk: int) -> set[str]:
    return set(StepProgress.objects.filter(cluster_id=cluster_pk).values_list("step_id", flat=True))


def evaluate_steps(cluster_pk: int, lesson: Any, lang: str) -> list[dict[str, Any]]:
    """``[{"id", "passed", "message"}]`` for every step (and the exercise); records new passes."""
    lines = history(cluster_pk)
    results = read(cluster_pk, lambda loaded: lessonapi.evaluate(lesson, loaded.pg, lines))
    recorded = passed_steps(cluster_pk)
    now = timezone.now()
    new = [StepProgress(cluster_id=cluster_pk, step_id=str(r.step_id), passed_at=now)
           for r in results if r.passed and str(r.step_id) not in recorded]
    if new:
        StepProgress.objects.bulk_create(new, ignore_conflicts=True)
        recorded |= {p.step_id for p in new}
    return [{"id": str(r.step_id), "passed": bool(r.passed) or str(r.step_id) in recorded,
             "message": lessonapi.text(r.message, lang)} for r in results]


def progress_by_lesson(owner: str) -> dict[str, set[str]]:
    """The passed step ids of each of the owner's lessons (for the home page)."""
    out: dict[str, set[str]] = defaultdict(set)
    for lesson, step_id in StepProgress.objects.filter(cluster__owner=owner).values_list(
            "cluster__lesson", "step_id"):
        out[lesson].add(step_id)
    return dict(out)


def attempted(cluster_pk: int) -> bool:
    """Whether the student has tried anything yet (hints open after a first attempt)."""
    return Command.objects.filter(cluster_id=cluster_pk, undone=False).exists()
