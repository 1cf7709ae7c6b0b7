"""Signing in, out and up: CSRF-protected forms, safe redirects, and clusters that follow a signed-in student."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from playground.models import Cluster, Command, StepProgress
from playground.services import ensure_cluster, terminal
from playground.services.owners import adopt_anonymous_clusters

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-passphrase"


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """Hash test passwords cheaply (the real hasher takes a third of a second per user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice() -> User:
    return User.objects.create_user("alice", password=PASSWORD)


def session_owner(client: Client) -> str:
    return "s:" + client.cookies["sessionid"].value


def csrf_from(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def sign_in(client: Client, username: str = "alice", password: str = PASSWORD, next_url: str = "") -> object:
    """Sign in through the page, with the form's CSRF token, as a browser does."""
    token = csrf_from(client.get("/accounts/login/").content.decode())
    return client.post("/accounts/login/", {"username": username, "password": password,
                                            "csrfmiddlewaretoken": token, "next": next_url})


def anonymous_with_progress(fake_lessons, lesson: str = "first") -> tuple[Client, int]:
    """A browser that opened a lesson, ran a command and passed a step without signing in."""
    client = Client(enforce_csrf_checks=True)
    client.get(f"/lessons/{lesson}/")
    pk = Cluster.objects.get(owner=session_owner(client), lesson=lesson).pk
    terminal.run(pk, 0, "kubectl run web --image=nginx")
    StepProgress.objects.create(cluster_id=pk, step_id="make-pod", passed_at="2026-01-01T00:00:00Z")
    return client, pk


def test_sign_in_page_is_a_csrf_protected_form(alice):
    """The form carries a CSRF token; a post without it is refused with 403."""
    client = Client(enforce_csrf_checks=True)
    html = client.get("/accounts/login/?next=/lessons/first/").content.decode()
    assert '<form method="post" action="/accounts/login/" class="card account-form">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="next" value="/lessons/first/">' in html
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 403
    assert "_auth_user_id" not in client.session


def test_sign_in_goes_back_where_the_student_was_but_never_off_site(alice, fake_lessons):
    """``next`` on this site is followed; another site's URL sends the student home instead."""
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, next_url="/lessons/first/")
    assert (response.status_code, response["Location"]) == (302, "/lessons/first/")
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, next_url="https://evil.example/")
    assert (response.status_code, response["Location"]) == (302, "/")


def test_wrong_password_shows_the_form_again(alice):
    """A wrong password stays on the page with Django's message, nobody signed in."""
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, password="wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_in_carries_the_anonymous_clusters_over(alice, fake_lessons):
    """The browser's cluster, its history and progress become alice's; the page shows them as hers."""
    client, pk = anonymous_with_progress(fake_lessons)
    sign_in(client)
    cluster = Cluster.objects.get(pk=pk)
    assert cluster.owner == f"u:{alice.pk}"
    assert list(Command.objects.filter(cluster_id=pk).values_list("line", flat=True)) == [
        "kubectl run web --image=nginx"]
    assert '<li data-step-id="make-pod" data-passed="true">' in client.get("/lessons/first/").content.decode()
    assert Cluster.objects.filter(owner=f"u:{alice.pk}").count() == 1


def test_progress_follows_the_student_to_another_browser(alice, fake_lessons):
    """Signed in on a second browser, alice sees the same cluster and the step she passed."""
    first, pk = anonymous_with_progress(fake_lessons)
    sign_in(first)
    other = Client(enforce_csrf_checks=True)
    sign_in(other)
    assert '<li data-step-id="make-pod" data-passed="true">' in other.get("/lessons/first/").content.decode()
    assert 'data-lesson="first" data-steps="3" data-passed="1"' in other.get("/").content.decode()
    assert Cluster.objects.filter(lesson="first").count() == 1


def test_a_cluster_the_user_already_has_wins(alice, fake_lessons):
    """Per lesson: the user's own cluster stays; the anonymous one for that lesson is left, the others move."""
    mine = ensure_cluster(f"u:{alice.pk}", "first")
    client, anon_first = anonymous_with_progress(fake_lessons)
    client.get("/lessons/second/")
    anon_owner = session_owner(client)
    anon_second = Cluster.objects.get(owner=anon_owner, lesson="second").pk
    sign_in(client)
    owners = dict(Cluster.objects.values_list("pk", "owner"))
    assert owners == {mine: f"u:{alice.pk}", anon_first: anon_owner, anon_second: f"u:{alice.pk}"}
    assert not StepProgress.objects.filter(cluster_id=mine).exists()


def test_adopt_only_moves_anonymous_clusters_to_signed_in_users(alice):
    """A user owner is never taken from, and an anonymous user takes nothing."""
    theirs = ensure_cluster("u:999", "sandbox")
    assert adopt_anonymous_clusters("u:999", alice) == []
    assert adopt_anonymous_clusters("s:none", alice) == []
    ensure_cluster("s:abc", "sandbox")

    class Anonymous:
        is_authenticated = False

    assert adopt_anonymous_clusters("s:abc", Anonymous()) == []
    assert adopt_anonymous_clusters("s:abc", alice) == ["sandbox"]
    assert Cluster.objects.get(pk=theirs).owner == "u:999"


def test_sign_out_is_a_post_with_csrf(alice):
    """GET does not sign out (405); the header's form posts with its token and ends the session."""
    client = Client(enforce_csrf_checks=True)
    sign_in(client)
    assert client.get("/accounts/logout/").status_code == 405
    html = client.get("/").content.decode()
    assert "Signed in as alice" in html
    form = re.search(r'<form action="/accounts/logout/" method="post">(.*?)</form>', html).group(1)
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": csrf_from(form)})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "_auth_user_id" not in client.session
    assert '<a href="/accounts/login/?next=/">Sign in</a>' in client.get("/").content.decode()


def test_sign_up_creates_the_user_signs_in_and_carries_clusters(fake_lessons):
    """A new account is signed in at once and gets the browser's clusters."""
    client, pk = anonymous_with_progress(fake_lessons)
    token = csrf_from(client.get("/accounts/signup/").content.decode())
    response = client.post("/accounts/signup/", {"username": "bob", "password1": PASSWORD, "password2": PASSWORD,
                                                 "csrfmiddlewaretoken": token, "next": "/lessons/first/"})
    assert (response.status_code, response["Location"]) == (302, "/lessons/first/")
    bob = User.objects.get(username="bob")
    assert Cluster.objects.get(pk=pk).owner == f"u:{bob.pk}"
    assert "Signed in as bob" in client.get("/").content.decode()


def test_sign_up_refuses_a_weak_password_and_can_be_closed(settings):
    """Django's password validators apply; with PLAYGROUND_SIGNUP = False the page is gone."""
    client = Client()
    response = client.post("/accounts/signup/", {"username": "bob", "password1": "123", "password2": "123"})
    assert response.status_code == 200
    assert "This password is too short." in response.content.decode()
    assert not User.objects.filter(username="bob").exists()
    settings.PLAYGROUND_SIGNUP = False
    assert client.get("/accounts/signup/").status_code == 404
    assert "Sign up" not in client.get("/accounts/login/").content.decode()


def test_header_links_for_students_and_staff(alice):
    """Everyone gets sign in or out; only staff see the Dashboard link."""
    client = Client()
    assert 'data-nav="dashboard"' not in client.get("/").content.decode()
    client.force_login(alice)
    html = client.get("/").content.decode()
    assert 'data-signed-in="true"' in html and 'data-nav="dashboard"' not in html
    alice.is_staff = True
    alice.save()
    assert '<a href="/dashboard/" data-nav="dashboard">Dashboard</a>' in client.get("/").content.decode()


def test_account_pages_in_chinese():
    """The sign-in page and the header link are translated."""
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = client.get("/accounts/login/").content.decode()
    assert "<h1>登录</h1>" in html
    assert "还没有账号?" in html
