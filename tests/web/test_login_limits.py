"""Sign-in lockout (django-axes): 5 wrong passwords for one username from one address pause that pair for 15 minutes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import AsyncClient, Client

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-enough-passphrase"
LOCKED = "After 5 wrong passwords, signing in as alice from this address is paused."


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """Hash test passwords cheaply (the real hasher takes a third of a second per user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice() -> User:
    return User.objects.create_user("alice", password=PASSWORD)


@pytest.fixture
def bob() -> User:
    return User.objects.create_user("bob", password=PASSWORD)


def sign_in(client: Client, username: str = "alice", password: str = PASSWORD, **extra: str) -> object:
    """Sign in through the page, with the form's CSRF token, as a browser does."""
    html = client.get("/accounts/login/", **extra).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return client.post("/accounts/login/", {"username": username, "password": password,
                                            "csrfmiddlewaretoken": token}, **extra)


def fail(client: Client, times: int, username: str = "alice", **extra: str) -> list[int]:
    """``times`` wrong passwords; the status codes they got."""
    return [sign_in(client, username, "wrong", **extra).status_code for _ in range(times)]


def age_attempts(minutes: float) -> None:
    """Move every recorded failure ``minutes`` into the past, as if that time had gone by."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save()


def test_the_fifth_wrong_password_pauses_even_the_right_one(alice):
    """Four wrong passwords show the form again; the fifth and then the right password get the 429 page."""
    client = Client(enforce_csrf_checks=True)
    assert fail(client, 4) == [200, 200, 200, 200]
    assert fail(client, 1) == [429]
    response = sign_in(client)
    html = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Too many sign-in attempts</h1>" in html
    assert LOCKED in html
    assert "Try again in 15 minutes." in html
    assert '<header class="site-header">' in html and 'data-locked-out="true"' in html
    assert 840 < int(response["Retry-After"]) <= 900
    assert "no-cache" in response["Cache-Control"]
    assert "_auth_user_id" not in client.session


def test_the_failures_are_stored_without_the_password(alice):
    """One database row per username and address counts the failures; the password is masked."""
    fail(Client(), 3)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == ("alice", "127.0.0.1", 3)
    assert "wrong" not in attempt.post_data


def test_another_user_from_the_same_address_still_signs_in(alice, bob):
    """Alice paused on a shared classroom address does not stop bob there."""
    client = Client(enforce_csrf_checks=True)
    fail(client, 5)
    assert sign_in(client).status_code == 429
    response = sign_in(Client(enforce_csrf_checks=True), "bob")
    assert (response.status_code, response["Location"]) == (302, "/")


def test_the_same_user_from_another_address_still_signs_in(alice):
    """Alice paused from one address can still sign in from another one."""
    fail(Client(), 5)
    response = sign_in(Client(REMOTE_ADDR="198.51.100.7"))
    assert (response.status_code, response["Location"]) == (302, "/")


def test_a_forwarded_for_header_does_not_change_the_address(alice):
    """Axes counts REMOTE_ADDR (set by Daphne's --proxy-headers), not a header the browser can write."""
    client = Client()
    statuses = [sign_in(client, "alice", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
                for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert sign_in(client, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_the_right_password_before_the_limit_resets_the_count(alice):
    """Four wrong, then right: the count starts again, so four more wrong passwords still do not pause."""
    client = Client(enforce_csrf_checks=True)
    assert fail(client, 4) == [200] * 4
    assert sign_in(client).status_code == 302
    assert not AccessAttempt.objects.exists()
    client = Client(enforce_csrf_checks=True)
    assert fail(client, 4) == [200] * 4
    assert sign_in(client).status_code == 302


def test_the_pause_ends_after_the_cool_off(alice):
    """Fourteen minutes on the page says a minute is left; after fifteen the right password signs in."""
    client = Client(enforce_csrf_checks=True)
    fail(client, 5)
    age_attempts(14)
    response = sign_in(client)
    assert response.status_code == 429
    assert "Try again in a minute." in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60
    age_attempts(1.1)
    response = sign_in(client)
    assert (response.status_code, response["Location"]) == (302, "/")
    assert int(client.session["_auth_user_id"]) == alice.pk


def test_tries_during_the_pause_do_not_extend_it(alice):
    """A locked-out try is not counted: the pause still ends 15 minutes after the fifth failure."""
    client = Client(enforce_csrf_checks=True)
    fail(client, 5)
    age_attempts(10)
    assert fail(client, 3) == [429, 429, 429]
    assert AccessAttempt.objects.get().failures_since_start == 5
    age_attempts(5.1)
    assert sign_in(client).status_code == 302


def test_lockout_page_in_chinese(alice):
    """The lockout page is translated."""
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    fail(client, 5)
    html = sign_in(client).content.decode()
    assert "<h1>登录尝试次数过多</h1>" in html
    assert "密码错误 5 次后,从这个网络地址以 alice 登录已被暂停。" in html
    assert "请 15 分钟后再试。" in html


def test_lockout_page_through_the_asgi_handler(alice):
    """Under Daphne (ASGI) axes' async middleware path gives the same page, username and all."""
    client = AsyncClient()
    post = async_to_sync(client.post)
    for _ in range(5):
        post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
