"""The instructor's view of a class: students x lessons, one student's session, a CSV of it all.

Staff only (``is_staff``): a visitor who is not signed in is sent to sign in, a signed-in student
gets 403. Everything here reads; nothing saves a cluster.

- ``/dashboard/``: one row per student (a user, or an anonymous browser session), one cell per
  lesson: steps passed of the lesson's steps, time spent, last activity, a link to the session.
- ``/dashboard/session/<ref>/``: that session's command history (time, tab, input, exit code,
  undone) and the cluster as it is now (the live view's markup, rendered once, no websocket).
  ``ref`` is the cluster's id with an HMAC of it (:func:`session_ref`): staff-only anyway, but no
  URL of the site takes a bare id anyone could count through.
- ``/dashboard/export.csv``: one row per student x lesson they opened.

**Time spent** is from the first command to the last (undone ones included: the student was
working); a reset clears the history, so it counts from the reset. **Last activity** is the
last command, or the cluster's creation when there is none. Anonymous students are shown as
``anonymous-`` and a hash of their session key: the key itself is a credential and never shown.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import wraps
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import clusterview, lessonapi, transcripts
from .models import SANDBOX, Cluster, Command, StepProgress
from .services.store import read

STUDENTS_PER_PAGE = 50
MAX_HISTORY = 1000  # commands shown in a drill-down (the newest)
CSV_INJECTION = ("=", "+", "-", "@", "\t", "\r")


def session_ref(cluster_pk: int) -> str:
    """``<id>-<16 hex digits of an HMAC of it>``: what the drill-down URLs take instead of an id."""
    return f"{cluster_pk}-{_mac(cluster_pk)}"


def _mac(cluster_pk: int) -> str:
    return salted_hmac("playground.dashboard.session", str(cluster_pk)).hexdigest()[:16]


def _cluster(ref: str) -> Cluster:
    """The cluster a :func:`session_ref` names, or 404 (a wrong MAC is the same as no such cluster)."""
    pk_text, _sep, mac = ref.partition("-")
    if not pk_text.isdigit() or not constant_time_compare(mac, _mac(int(pk_text))):
        raise Http404("no such session")
    try:
        return Cluster.objects.get(pk=int(pk_text))
    except Cluster.DoesNotExist:
        raise Http404("no such session") from None


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign in first (redirect with ``?next=``); signed in but not staff: 403."""
    @wraps(view)
    def check(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "login")
        if not (user.is_active and user.is_staff):
            raise PermissionDenied("staff only")
        return view(request, *args, **kwargs)
    return check


@dataclass
class Cell:
    """One student's work on one lesson."""

    cluster_pk: int
    lesson: str
    passed: int
    total: int
    commands: int
    first: datetime | None
    last: datetime

    @property
    def ref(self) -> str:
        return session_ref(self.cluster_pk)

    @property
    def seconds(self) -> int:
        return int((self.last - self.first).total_seconds()) if self.first else 0

    @property
    def time_spent(self) -> str:
        return duration(self.seconds)


@dataclass
class Student:
    owner: str
    name: str
    signed_in: bool
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def last(self) -> datetime | None:
        return max((c.last for c in self.cells.values()), default=None)


def duration(seconds: int) -> str:
    """``0:04:05``: hours, minutes, seconds (the same in every language)."""
    h, rest = divmod(max(0, seconds), 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}"


def anonymous_name(owner: str) -> str:
    """A stable name for an anonymous session that does not reveal its key."""
    return "anonymous-" + hashlib.sha256(owner.encode()).hexdigest()[:10]


def student_names(owners: set[str]) -> dict[str, tuple[str, bool]]:
    """owner -> (what to show, signed in)."""
    ids = {int(o[2:]) for o in owners if o.startswith("u:") and o[2:].isdigit()}
    users = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))
    out = {}
    for o in owners:
        if o.startswith("u:") and o[2:].isdigit():
            out[o] = (users.get(int(o[2:]), f"user {o[2:]}"), True)
        else:
            out[o] = (anonymous_name(o), False)
    return out


def _lesson_steps() -> dict[str, list[str]]:
    """lesson slug -> its step ids (the exercise last), in the lessons' order."""
    return {lesson.slug: [str(s.id) for s in list(lesson.steps) + ([lesson.exercise] if lesson.exercise else [])]
            for lesson in lessonapi.load_lessons()}


def class_table(owners: list[str] | None = None) -> tuple[list[Student], dict[str, list[str]]]:
    """Every student with a cluster (or those in ``owners``), most recently active first, and the lessons."""
    steps = _lesson_steps()
    clusters = Cluster.objects.all()
    if owners is not None:
        clusters = clusters.filter(owner__in=owners)
    rows = list(clusters.values_list("pk", "owner", "lesson", "created"))
    pks = [r[0] for r in rows]
    activity = {a["cluster_id"]: a for a in Command.objects.filter(cluster_id__in=pks).values("cluster_id")
                .annotate(n=Count("id"), first=Min("started"), last=Max("started"))}
    passed: dict[int, set[str]] = defaultdict(set)
    for pk, step_id in StepProgress.objects.filter(cluster_id__in=pks).values_list("cluster_id", "step_id"):
        passed[pk].add(step_id)
    names = student_names({r[1] for r in rows})
    students: dict[str, Student] = {}
    for pk, owner, lesson, created in rows:
        if lesson != SANDBOX and lesson not in steps:
            continue  # a lesson since removed
        name, signed_in = names[owner]
        student = students.setdefault(owner, Student(owner, name, signed_in))
        a = activity.get(pk)
        ids = steps.get(lesson, [])
        student.cells[lesson] = Cell(pk, lesson, len(passed[pk] & set(ids)), len(ids), a["n"] if a else 0,
                                     a["first"] if a else None, a["last"] if a else created)
    ordered = sorted(students.values(), key=lambda s: (-(s.last.timestamp() if s.last else 0), s.name, s.owner))
    return ordered, steps


@require_GET
@never_cache
@staff_required
def index(request: HttpRequest) -> HttpResponse:
    """``/dashboard/``: the class at a glance."""
    students, steps = class_table()
    page = Paginator(students, STUDENTS_PER_PAGE).get_page(request.GET.get("page"))
    lessons = [(slug, lessonapi.text(lesson.title)) for slug in steps
               if (lesson := lessonapi.get_lesson(slug)) is not None]
    rows = [(s, [s.cells.get(slug) for slug, _title in lessons], s.cells.get(SANDBOX)) for s in page]
    return render(request, "dashboard/index.html", {
        "page": page, "rows": rows, "lessons": lessons, "students": len(students)})


@require_GET
@never_cache
@staff_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """``/dashboard/export.csv``: student, signed_in, lesson, steps_passed, max_steps, time spent, activity."""
    students, steps = class_table()
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["student", "signed_in", "lesson", "steps_passed", "max_steps", "time_spent_seconds",
                  "first_command", "last_activity"])
    for student in sorted(students, key=lambda s: (s.name, s.owner)):
        for slug in steps:
            cell = student.cells.get(slug)
            if cell is None:
                continue
            out.writerow([_csv_safe(student.name), "true" if student.signed_in else "false", slug, cell.passed,
                          cell.total, cell.seconds, _iso(cell.first), _iso(cell.last)])
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="class-progress.csv"'
    return response


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (a username may start with ``+``, ``-`` or ``@``)."""
    return "'" + value if value.startswith(CSV_INJECTION) else value


def _iso(when: datetime | None) -> str:
    return when.isoformat().replace("+00:00", "Z") if when else ""


@require_GET
@never_cache
@staff_required
def session(request: HttpRequest, slug: str) -> HttpResponse:
    """``/dashboard/session/<ref>/``: one student's session on one lesson, read-only."""
    cluster = _cluster(slug)
    pk = cluster.pk
    name, signed_in = student_names({cluster.owner})[cluster.owner]
    lesson = lessonapi.get_lesson(cluster.lesson) if cluster.lesson != SANDBOX else None
    passed = set(StepProgress.objects.filter(cluster_id=pk).values_list("step_id", flat=True))
    step_rows = []
    if lesson is not None:
        for step in list(lesson.steps) + ([lesson.exercise] if lesson.exercise else []):
            step_rows.append({"id": str(step.id), "title": lessonapi.text(step.title),
                              "passed": str(step.id) in passed})
    total = Command.objects.filter(cluster_id=pk).count()
    commands = list(Command.objects.filter(cluster_id=pk).order_by("-id")[:MAX_HISTORY])[::-1]
    view = read(pk, lambda loaded: clusterview.build(loaded.pg, clusterview.ALL))
    return render(request, "dashboard/session.html", {
        "cluster": cluster, "ref": session_ref(pk), "student": name, "signed_in": signed_in,
        "title": lessonapi.text(lesson.title) if lesson is not None else _("Sandbox"),
        "steps": step_rows, "passed": sum(1 for s in step_rows if s["passed"]),
        "commands": commands, "hidden": total - len(commands), **view})


@require_GET
@never_cache
@staff_required
def session_transcript(request: HttpRequest, slug: str) -> HttpResponse:
    """``/dashboard/session/<ref>/transcript.txt``: that session's transcript, for the grader."""
    cluster = _cluster(slug)
    name, _signed_in = student_names({cluster.owner})[cluster.owner]
    return transcripts.attachment(transcripts.for_cluster(cluster.pk), transcripts.filename(cluster.lesson, name))
