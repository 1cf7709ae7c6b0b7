"""The staff dashboard: who may see it, the class table, one session read-only, the CSV export, the admin."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client

from playground.dashboard import anonymous_name, duration, session_ref
from playground.models import Cluster, Command, StepProgress
from playground.services import ensure_cluster, terminal

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STAFF_URLS = ["/dashboard/", "/dashboard/export.csv", "/dashboard/session/{ref}/",
              "/dashboard/session/{ref}/transcript.txt"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """Hash test passwords cheaply (the real hasher takes a third of a second per user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def teacher() -> Client:
    user = User.objects.create_user("teacher", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice() -> User:
    return User.objects.create_user("alice", password="x")


def timed(pk: int, line: str, minutes: float, exit_code: int = 0) -> None:
    """A command the student ran ``minutes`` after T0 (the time is set after the fact)."""
    terminal.run(pk, 0, line)
    cmd = Command.objects.filter(cluster_id=pk).last()
    Command.objects.filter(pk=cmd.pk).update(started=T0 + timedelta(minutes=minutes), exit_code=exit_code)


def passed(pk: int, *steps: str) -> None:
    for step in steps:
        StepProgress.objects.create(cluster_id=pk, step_id=step, passed_at=T0)


@pytest.fixture
def klass(alice, fake_lessons) -> dict[str, int]:
    """alice (signed in) did lesson first for 25 minutes, 2 steps; an anonymous student ran one command."""
    a = ensure_cluster(f"u:{alice.pk}", "first")
    timed(a, "kubectl run web --image=nginx", 0)
    timed(a, "kubectl get pods", 25, exit_code=0)
    passed(a, "make-pod", "look")
    anon = ensure_cluster("s:secretsessionkey", "first")
    timed(anon, "kubectl get nodez", 70, exit_code=1)
    box = ensure_cluster(f"u:{alice.pk}", "sandbox")
    timed(box, "kubectl get ns", 5)
    return {"alice": a, "anon": anon, "sandbox": box}


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(url, klass):
    """Not signed in: a redirect to the sign-in page that comes back here."""
    path = url.format(ref=session_ref(klass["alice"]))
    response = Client().get(path)
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={path}")


@pytest.mark.parametrize("url", STAFF_URLS)
def test_students_are_refused(url, klass, alice):
    """Signed in without staff status: 403, even for their own cluster."""
    client = Client()
    client.force_login(alice)
    assert client.get(url.format(ref=session_ref(klass["alice"]))).status_code == 403


def test_class_table(teacher, klass):
    """One row per student, most recently active first; lesson cells with steps, time spent, last activity."""
    html = teacher.get("/dashboard/").content.decode()
    assert re.findall(r'<tr data-student="([\w-]+)" data-signed-in="(\w+)">', html) == [
        (anonymous_name("s:secretsessionkey"), "false"), ("alice", "true")]
    assert (f'<td data-lesson="first" data-passed="2" data-total="3" data-seconds="1500">\n'
            f'          <a href="/dashboard/session/{session_ref(klass["alice"])}/">2/3 steps</a><br>\n'
            f'          <span title="Time spent">0:25:00</span> · '
            f'<time datetime="2026-03-02T09:25:00+00:00">2026-03-02 09:25</time>') in html
    assert f'<a href="/dashboard/session/{session_ref(klass["sandbox"])}/">Commands: 1</a>' in html
    assert '<th scope="col" data-lesson="second">Second</th>' in html
    assert "secretsessionkey" not in html


def test_anonymous_names_hide_the_session_key():
    """The name is a short hash, stable, and not the key."""
    assert anonymous_name("s:k") == "anonymous-" + hashlib.sha256(b"s:k").hexdigest()[:10]
    assert duration(0) == "0:00:00" and duration(3725) == "1:02:05"


def test_session_drill_down_is_read_only(teacher, klass):
    """History with time, input and exit code; steps; the cluster's pods; the cluster is not saved."""
    pk = klass["alice"]
    before = Cluster.objects.values_list("version", "state").get(pk=pk)
    html = teacher.get(f"/dashboard/session/{session_ref(pk)}/").content.decode()
    assert "<h1>alice · First steps</h1>" in html
    assert '<time datetime="2026-03-02T09:25:00+00:00">2026-03-02 09:25:00</time>' in html
    assert "<td><pre>kubectl run web --image=nginx</pre></td>\n        <td>0</td>" in html
    assert re.findall(r'<li data-step-id="([\w-]+)" data-passed="(\w+)">', html) == [
        ("make-pod", "true"), ("look", "true"), ("exercise", "false")]
    assert re.search(r'<li class="pod status-\w+" data-pod="web" data-namespace="default"', html)
    assert 'id="cluster-view"' in html and "ws-connect" not in html
    assert f'href="/dashboard/session/{session_ref(pk)}/transcript.txt"' in html
    assert Cluster.objects.values_list("version", "state").get(pk=pk) == before


def test_session_shows_failures_and_undone_commands(teacher, klass):
    """A failing command shows its exit code; an undone one is marked."""
    Command.objects.filter(cluster_id=klass["anon"]).update(undone=True)
    html = teacher.get(f"/dashboard/session/{session_ref(klass['anon'])}/").content.decode()
    assert '<tr data-command="' in html and 'data-undone="true"' in html
    assert "<td><pre>kubectl get nodez</pre> <em>undone</em></td>\n        <td>1</td>" in html


def test_session_urls_take_a_signed_reference_not_an_id(teacher, klass):
    """A bare id, a reference with a wrong MAC and one of a deleted cluster are all 404, never a 500."""
    pk = klass["alice"]
    ref = session_ref(pk)
    assert re.fullmatch(rf"{pk}-[0-9a-f]{{16}}", ref)
    assert teacher.get(f"/dashboard/session/{ref}/").status_code == 200
    for bad in (str(pk), f"{pk}-0000000000000000", f"{pk + 1}-{ref.split('-')[1]}", "x-y", "-"):
        assert teacher.get(f"/dashboard/session/{bad}/").status_code == 404, bad
        assert teacher.get(f"/dashboard/session/{bad}/transcript.txt").status_code == 404, bad
    Cluster.objects.filter(pk=pk).delete()
    assert teacher.get(f"/dashboard/session/{ref}/").status_code == 404


def test_csv_export(teacher, klass):
    """A header row, then one row per student x lesson opened (the sandbox is not a lesson)."""
    response = teacher.get("/dashboard/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="class-progress.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    anon = anonymous_name("s:secretsessionkey")
    assert rows == [
        ["student", "signed_in", "lesson", "steps_passed", "max_steps", "time_spent_seconds", "first_command",
         "last_activity"],
        ["alice", "true", "first", "2", "3", "1500", "2026-03-02T09:00:00Z", "2026-03-02T09:25:00Z"],
        [anon, "false", "first", "0", "3", "0", "2026-03-02T10:10:00Z", "2026-03-02T10:10:00Z"],
    ]


def test_csv_cells_never_start_a_formula(teacher, fake_lessons):
    """A username like ``+cmd`` or ``@SUM`` is written with a leading apostrophe."""
    for name in ("+cmd", "@SUM", "-x", "=1+1"):
        user = User.objects.create_user(name, password="x")
        ensure_cluster(f"u:{user.pk}", "first")
    rows = list(csv.reader(io.StringIO(teacher.get("/dashboard/export.csv").content.decode())))
    assert sorted(r[0] for r in rows[1:]) == ["'+cmd", "'-x", "'=1+1", "'@SUM"]


def test_staff_downloads_a_students_transcript(teacher, klass):
    """The drill-down's transcript is the student's, named after them."""
    response = teacher.get(f"/dashboard/session/{session_ref(klass['alice'])}/transcript.txt")
    assert response["Content-Disposition"] == 'attachment; filename="alice-first-transcript.txt"'
    seed = Cluster.objects.get(pk=klass["alice"]).seed
    assert response.content.decode().splitlines() == [
        "# lesson: first", f"# seed: {seed}",
        "# Kubernetes playground transcript: the inputs typed in this lesson, oldest first.",
        "# Grade it with: python manage.py grade first transcript.txt",
        "kubectl run web --image=nginx", "kubectl get pods"]


def test_pages_of_students(teacher, fake_lessons, monkeypatch):
    """Many students are paged; the pager links pages."""
    monkeypatch.setattr("playground.dashboard.STUDENTS_PER_PAGE", 2)
    for i in range(5):
        Cluster.objects.create(owner=f"s:k{i}", lesson="first", seed=1, state="{}")
    html = teacher.get("/dashboard/?page=2").content.decode()
    assert len(re.findall(r"<tr data-student=", html)) == 2
    assert "Page 2 of 3" in html and '<a rel="next" href="?page=3">' in html


def test_dashboard_in_chinese(teacher, klass):
    """Headings and counts are translated."""
    html = teacher.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<h1>仪表盘</h1>" in html and "2/3 步" in html and "导出 CSV" in html


def test_admin_lists_runtime_records_and_users(klass):
    """The admin shows clusters with the student's name and a link to the drill-down; users are there too."""
    User.objects.create_superuser("root", password="x")
    client = Client()
    client.force_login(User.objects.get(username="root"))
    html = client.get("/admin/playground/cluster/").content.decode()
    assert "<td class=\"field-student\">alice</td>" in html
    assert f'<a href="/dashboard/session/{session_ref(klass["alice"])}/">view</a>' in html
    for url in ("/admin/auth/user/", "/admin/playground/command/", "/admin/playground/stepprogress/",
                "/admin/playground/snapshot/", f"/admin/playground/cluster/{klass['alice']}/change/"):
        assert client.get(url).status_code == 200, url
