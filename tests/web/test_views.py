"""Pages: home, lesson, sandbox, hints, 404, htmx partials, the language switch, server time."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from playground.models import Cluster, StepProgress
from playground.services import terminal

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client()


def owner_of(client: Client) -> str:
    return "s:" + client.cookies["sessionid"].value


def test_home_lists_lessons_in_order_with_progress_and_the_sandbox(client, fake_lessons):
    """Home shows each lesson with the session's progress, then the sandbox card."""
    client.get("/lessons/first/")
    pk = Cluster.objects.get(owner=owner_of(client), lesson="first").pk
    StepProgress.objects.create(cluster_id=pk, step_id="make-pod", passed_at="2026-01-01T00:00:00Z")
    html = client.get("/").content.decode()
    assert re.findall(r'data-lesson="([\w-]+)"', html) == ["first", "second", "sandbox"]
    assert '<li class="card lesson-card" data-lesson="first" data-steps="3" data-passed="1">' in html
    assert "1 of 3 steps done" in html


def test_first_visit_starts_a_session(client, fake_lessons):
    """An anonymous visitor gets a session cookie at once (the websockets need it)."""
    response = client.get("/")
    assert response.status_code == 200
    assert client.cookies["sessionid"].value


def test_home_htmx_request_gets_the_lesson_list_only(client, fake_lessons):
    """An htmx request for home gets the lesson-list partial, not the whole page."""
    html = client.get("/", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<section id="lesson-list"')
    assert "<html" not in html


def test_lesson_page_has_the_dom_contract(client, fake_lessons):
    """The lesson page carries what the terminal script and htmx rely on."""
    response = client.get("/lessons/first/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div id="terminal" data-ws="/ws/terminal/first/" data-tabs="1"' in html
    assert '<div class="cluster-panel" hx-ext="ws" ws-connect="/ws/cluster/first/">' in html
    assert '<div id="cluster-view" data-namespace="" data-paused="false">' in html
    assert re.findall(r'<li data-step-id="([\w-]+)" data-passed="(\w+)"', html) == [
        ("make-pod", "false"), ("look", "false"), ("exercise", "false")]
    assert 'data-save-file data-filename="web.yaml"' in html
    assert 'data-command="kubectl create -f web.yaml"' in html
    assert 'data-command="kubectl get pods"' in html
    assert "<script>alert" not in html
    for action in ("reset", "undo", "pause", "resume"):
        assert f'data-action="{action}"' in html
    assert 'data-action="advance" data-seconds="30"' in html
    assert 'data-action="advance" data-seconds="300"' in html
    assert '<div id="editor" hidden' in html and 'data-editor="save"' in html and 'data-editor="cancel"' in html
    assert '<script id="ui-strings" type="application/json">' in html
    assert '<a rel="next" href="/lessons/second/">' in html


def test_lesson_page_shows_passed_steps(client, fake_lessons):
    """A recorded pass shows as data-passed="true" on the next render."""
    client.get("/lessons/first/")
    pk = Cluster.objects.get(owner=owner_of(client), lesson="first").pk
    StepProgress.objects.create(cluster_id=pk, step_id="look", passed_at="2026-01-01T00:00:00Z")
    html = client.get("/lessons/first/").content.decode()
    assert '<li data-step-id="look" data-passed="true">' in html


def test_lesson_htmx_request_gets_the_step_list(client, fake_lessons):
    """htmx asks the lesson URL for the step list (hx-trigger="steps-changed from:body")."""
    html = client.get("/lessons/first/", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<nav id="steps-nav"')
    assert 'id="terminal"' not in html


def test_the_page_shows_the_students_cluster(client, fake_lessons):
    """The first render already has the cluster view, with pods the student created."""
    client.get("/sandbox/")
    pk = Cluster.objects.get(owner=owner_of(client), lesson="sandbox").pk
    terminal.run(pk, 0, "kubectl run web --image=nginx")
    html = client.get("/sandbox/").content.decode()
    assert re.search(r'<li class="pod status-pending" data-pod="web" data-namespace="default" data-phase="Pending"'
                     r' data-status="Pending" title="run=web" tabindex="0">', html)


def test_sandbox_page(client, fake_lessons):
    """The sandbox has the terminal and cluster view but no steps."""
    html = client.get("/sandbox/").content.decode()
    assert '<div id="terminal" data-ws="/ws/terminal/sandbox/" data-tabs="1"' in html
    assert 'id="steps"' not in html


def test_unknown_lesson_is_404(client, fake_lessons):
    """A slug that is not a lesson is a 404 page."""
    response = client.get("/lessons/nope/")
    assert response.status_code == 404
    assert "There is no such page here." in response.content.decode()


def test_hints_open_after_a_first_attempt(client, fake_lessons):
    """Before any command the hint asks for an attempt; afterwards it gives hints one at a time."""
    client.get("/lessons/first/")
    html = client.get("/lessons/first/hints/make-pod/", HTTP_HX_REQUEST="true").content.decode()
    assert "Give the step a try first" in html
    pk = Cluster.objects.get(owner=owner_of(client), lesson="first").pk
    terminal.run(pk, 0, "kubectl get pods")
    html = client.get("/lessons/first/hints/make-pod/").content.decode()
    assert re.findall(r"<li>(.*?)</li>", html) == ["Use kubectl create."]
    assert 'hx-get="/lessons/first/hints/make-pod/?n=2"' in html
    html = client.get("/lessons/first/hints/make-pod/?n=2").content.decode()
    assert re.findall(r"<li>(.*?)</li>", html) == ["Use kubectl create.", "Use -f web.yaml."]
    assert "Another hint" not in html
    assert client.get("/lessons/first/hints/nope/").status_code == 404


def test_language_switch_to_simplified_chinese(client, fake_lessons):
    """set_language switches the UI and the lesson texts to Simplified Chinese."""
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/lessons/first/"})
    assert response.status_code == 302 and response["Location"] == "/lessons/first/"
    html = client.get("/lessons/first/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<h1 id=\"lesson-title\">第一步</h1>" in html
    assert "重置" in html  # Reset
    html = client.get("/").content.decode()
    assert "沙盒" in html  # Sandbox


def test_real_lessons_render(client):
    """The real lesson files render (the first one by order), as the home page links them."""
    from playground.lessons import load_lessons

    first = load_lessons()[0]
    response = client.get(f"/lessons/{first.slug}/")
    assert response.status_code == 200
    assert f'data-ws="/ws/terminal/{first.slug}/"' in response.content.decode()


def test_lesson_page_server_time_under_100_ms(client, fake_lessons):
    """A lesson page (warm) renders in well under 100 ms of server time."""
    client.get("/lessons/first/")
    best = min(_timed(client, "/lessons/first/") for _ in range(5))
    assert best < 0.1


def _timed(client: Client, url: str) -> float:
    t = time.perf_counter()
    assert client.get(url).status_code == 200
    return time.perf_counter() - t
