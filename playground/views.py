"""Pages: home (lessons and progress), a lesson (text, terminal, live cluster view), the sandbox, hints.

Thin function views: find what the page shows through the services, ``render`` last. An htmx
request (not a boosted navigation) gets the part of the page it asks for: the lesson list on
home, the step list on a lesson page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import clusterview, lesson_text, lessonapi
from .models import SANDBOX
from .services import ensure_cluster, progress
from .services.owners import request_owner
from .services.store import read


@dataclass
class LessonCard:
    slug: str
    order: int
    title: str
    summary: str
    steps: int
    passed: int


@dataclass
class StepView:
    id: str
    title: str
    html: str
    passed: bool
    hints: int
    exercise: bool = False


def ui_strings() -> dict[str, str]:
    """Texts the terminal script shows, in the page's language (``#ui-strings``, a JSON script)."""
    return {
        "connecting": _("Connecting to your cluster…"),
        "reconnecting": _("Connection lost, reconnecting…"),
        "too_many_terminals": _("Too many playground pages are open: close one, then reload this page."),
        "saved_file": _("Saved %(path)s in your home directory."),
        "undone": _("Undone: %(line)s"),
        "undone_file": _("Undone: the last saved file."),
        "nothing_to_undo": _("Nothing to undo."),
        "reset": _("A fresh cluster for this lesson."),
        "paused": _("The clock is paused."),
        "resumed": _("The clock is running."),
        "advanced": _("%(seconds)s seconds passed."),
        "editor_unavailable": _("The editor is not available yet."),
        "new_tab": _("New terminal tab"),
        "terminal_tab": _("Terminal %(n)s"),
        "tabs": _("Terminal tabs"),
        "terminal_help": _("Type shell commands and press Enter. Tab completes; Shift+Tab, or Escape then Tab, "
                           "leaves the terminal."),
    }


def _partial(request: HttpRequest, template: str, part: str) -> str:
    htmx = getattr(request, "htmx", None)
    return f"{template}#{part}" if htmx and not htmx.boosted else template


def _step_ids(lesson: Any) -> list[str]:
    steps = list(lesson.steps) + ([lesson.exercise] if getattr(lesson, "exercise", None) else [])
    return [str(s.id) for s in steps]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    owner = request_owner(request)
    done = progress.progress_by_lesson(owner)
    cards = []
    for lesson in lessonapi.load_lessons():
        ids = _step_ids(lesson)
        cards.append(LessonCard(lesson.slug, lesson.order, lessonapi.text(lesson.title),
                                lessonapi.text(getattr(lesson, "summary", "")), len(ids),
                                len(done.get(lesson.slug, set()) & set(ids))))
    return render(request, _partial(request, "home.html", "lesson-list"), {"lessons": cards})


def _steps(lesson: Any, passed: set[str]) -> list[StepView]:
    lang = lessonapi.lesson_lang()
    views = []
    exercise = getattr(lesson, "exercise", None)
    for step in list(lesson.steps) + ([exercise] if exercise else []):
        html = lesson_text.render(lessonapi.text(step.text, lang))
        views.append(StepView(str(step.id), lessonapi.text(step.title, lang), html, str(step.id) in passed,
                              len(lessonapi.texts(getattr(step, "hints", None), lang)), step is exercise))
    return views


def _neighbours(slug: str) -> tuple[Any, Any]:
    lessons = lessonapi.load_lessons()
    slugs = [lesson.slug for lesson in lessons]
    if slug not in slugs:
        return None, None
    i = slugs.index(slug)
    return (lessons[i - 1] if i > 0 else None), (lessons[i + 1] if i + 1 < len(lessons) else None)


def _workbench(request: HttpRequest, slug: str, lesson: Any) -> HttpResponse:
    cluster_pk = ensure_cluster(request_owner(request), slug)
    passed = progress.passed_steps(cluster_pk) if lesson is not None else set()
    view = read(cluster_pk, lambda loaded: clusterview.build(loaded.pg))
    prev_lesson, next_lesson = _neighbours(slug) if lesson is not None else (None, None)
    context = {
        "slug": slug, "lesson": lesson, "sandbox": lesson is None,
        "title": lessonapi.text(lesson.title) if lesson is not None else None,
        "summary": lessonapi.text(getattr(lesson, "summary", "")) if lesson is not None else "",
        "steps": _steps(lesson, passed) if lesson is not None else [],
        "ws_terminal": f"/ws/terminal/{slug}/", "ws_cluster": f"/ws/cluster/{slug}/",
        "prev_lesson": prev_lesson, "next_lesson": next_lesson, "ui_strings": ui_strings(),
        **view,
    }
    return render(request, _partial(request, "lesson.html", "steps"), context)


@require_GET
def lesson_page(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = lessonapi.get_lesson(slug)
    if lesson is None:
        raise Http404("no such lesson")
    return _workbench(request, slug, lesson)


@require_GET
def sandbox(request: HttpRequest) -> HttpResponse:
    return _workbench(request, SANDBOX, None)


@require_GET
def hints(request: HttpRequest, slug: str, step_id: str) -> HttpResponse:
    """The first ``n`` hints of a step, once the student has tried something (htmx fragment)."""
    lesson = lessonapi.get_lesson(slug)
    exercise = getattr(lesson, "exercise", None) if lesson is not None else None
    steps = (list(lesson.steps) + ([exercise] if exercise else [])) if lesson is not None else []
    step = next((s for s in steps if str(s.id) == step_id), None)
    if step is None:
        raise Http404("no such step")
    cluster_pk = ensure_cluster(request_owner(request), slug)
    all_hints = lessonapi.texts(getattr(step, "hints", None))
    try:
        shown = max(1, min(int(request.GET.get("n", "1")), len(all_hints)))
    except ValueError:
        shown = 1
    available = progress.attempted(cluster_pk) or step_id in progress.passed_steps(cluster_pk)
    return render(request, "_hints.html", {
        "slug": slug, "step_id": step_id, "available": available, "hints": all_hints[:shown],
        "more": shown < len(all_hints), "next_n": shown + 1,
    })
