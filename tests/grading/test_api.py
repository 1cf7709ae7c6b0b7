"""`POST /api/grade/`: the same JSON as the command line, only for staff (session or token), size-
and rate-limited, and a JSON 400 (never a 500) for a bad request."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from playground.grading import grade
from playground.grading_api import token_for, user_for_token
from tests.grading.helpers import solution_transcript

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.grading.api_urls")]

URL = "/api/grade/"


@pytest.fixture(autouse=True)
def _api_settings(settings: Any) -> None:
    """Grade in process (no fork) unless a test says otherwise; a clean rate-limit count; a fast
    password hasher (the default one takes a second per user on a busy machine)."""
    settings.GRADING_API_CPU_LIMIT = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()


@pytest.fixture
def staff() -> Any:
    return get_user_model().objects.create_user("teacher", password="s3cret-pass", is_staff=True)


@pytest.fixture
def student() -> Any:
    return get_user_model().objects.create_user("student", password="s3cret-pass")


def post(client: Client, body: Any, token: str | None = None, raw: bytes | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **headers)


def error_of(response: Any) -> str:
    assert response["Content-Type"] == "application/json"
    return response.json()["error"]


def test_token_gets_the_same_bytes_as_the_command_line(staff: Any) -> None:
    """A staff token: 200 and exactly `grade --json`'s bytes."""
    text = solution_transcript("labels", omit="exercise")
    r = post(Client(), {"lesson": "labels", "transcript": text}, token_for(staff))
    assert r.status_code == 200 and r["Content-Type"] == "application/json; charset=utf-8"
    assert r.content == grade("labels", text).to_json().encode()


def test_seed_and_language(staff: Any) -> None:
    """`seed` and `lang` are passed to the grader."""
    r = post(Client(), {"lesson": "labels", "transcript": "", "seed": 7, "lang": "zh-Hans"}, token_for(staff))
    assert r.status_code == 200
    assert r.content == grade("labels", "", seed=7, lang="zh-Hans").to_json().encode()


def test_the_default_cpu_guard_gives_the_same_bytes(staff: Any, settings: Any) -> None:
    """Graded in a forked, CPU-limited child: the same answer."""
    settings.GRADING_API_CPU_LIMIT = 20.0
    text = solution_transcript("labels")
    r = post(Client(), {"lesson": "labels", "transcript": text}, token_for(staff))
    assert r.status_code == 200 and r.content == grade("labels", text).to_json().encode()


def test_signed_in_staff_with_csrf_token(staff: Any) -> None:
    """A staff browser session works with Django's CSRF token, and is refused without it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    r = post(client, {"lesson": "labels", "transcript": ""})
    assert r.status_code == 403 and error_of(r).startswith("CSRF check failed")
    client.get("/")  # the page sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    r = client.post(URL, data=json.dumps({"lesson": "labels", "transcript": ""}),
                    content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 200 and r.json()["max_score"] == 5


def test_no_credentials_401_and_not_staff_403(student: Any) -> None:
    """Anonymous: 401 with a Bearer challenge; a signed-in student or their token: 403."""
    r = post(Client(), {"lesson": "labels", "transcript": ""})
    assert r.status_code == 401 and r["WWW-Authenticate"] == 'Bearer realm="grading"'
    assert error_of(r).startswith("authentication required")
    client = Client()
    client.force_login(student)
    assert post(client, {"lesson": "labels", "transcript": ""}).status_code == 403
    r = post(Client(), {"lesson": "labels", "transcript": ""}, token_for(student))
    assert r.status_code == 403 and error_of(r) == "only staff may use the grading API"


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ", "Basic dGVhY2hlcjpz", "Bearer 1.x:abc"])
def test_bad_tokens_are_401(staff: Any, header: str) -> None:
    """A forged, empty or other-scheme credential authenticates no one, even with a staff session."""
    client = Client()
    client.force_login(staff)
    r = client.post(URL, data="{}", content_type="application/json", HTTP_AUTHORIZATION=header)
    assert r.status_code == 401


def test_token_is_revoked_by_a_new_password_or_losing_staff(staff: Any) -> None:
    """Changing the password, or no longer being staff, makes the old token worthless."""
    token = token_for(staff)
    assert user_for_token(token) == staff
    staff.set_password("another-pass-1")
    staff.save()
    assert user_for_token(token) is None
    token = token_for(staff)
    staff.is_staff = False
    staff.save()
    assert user_for_token(token) is None


def test_get_is_405(staff: Any) -> None:
    """Only POST."""
    r = Client().get(URL, HTTP_AUTHORIZATION=f"Bearer {token_for(staff)}")
    assert r.status_code == 405 and r["Allow"] == "POST" and error_of(r) == "use POST with a JSON body"


@pytest.mark.parametrize(("body", "error"), [
    (b"not json", 'the body must be a JSON object: {"lesson": ..., "transcript": ...}'),
    (b"\xff\xfe", 'the body must be a JSON object: {"lesson": ..., "transcript": ...}'),
    (b"[1, 2]", 'the body must be a JSON object: {"lesson": ..., "transcript": ...}'),
    (b'{"lesson": "labels"}', "'transcript' must be a string"),
    (b'{"lesson": 5, "transcript": ""}', "'lesson' must be a string"),
    (b'{"lesson": "labels", "transcript": "", "seed": -1}', "'seed' must be a whole number from 0 to 2**63-1"),
    (b'{"lesson": "labels", "transcript": "", "seed": true}', "'seed' must be a whole number from 0 to 2**63-1"),
    (b'{"lesson": "labels", "transcript": "", "lang": "fr"}', "'lang' must be 'en' or 'zh-Hans'"),
    (b'{"lesson": "labels", "transcript": "", "x": 1}',
     "unknown field 'x' (the fields are lesson, transcript, seed, lang)"),
    (b'{"lesson": "nope", "transcript": ""}', "unknown lesson 'nope' (the lessons are: daemonsets, "
     "delete-and-update, jobs, label-selectors, labels, namespaces, node-selectors, pods, replicasets)"),
    (json.dumps({"lesson": "labels", "transcript": "x" * 300_000}).encode(),
     "transcript too large: 300000 bytes (at most 262144, 256 KiB)"),
    (json.dumps({"lesson": "labels", "transcript": "\n" * 300_000}).encode(),
     "request too large: at most 540672 bytes"),
])
def test_bad_requests_are_400_with_a_json_error(staff: Any, body: bytes, error: str) -> None:
    """Whatever the client sends wrong: 400 and what is wrong, never a 500."""
    r = post(Client(), None, token_for(staff), raw=body)
    assert r.status_code == 400 and error_of(r) == error


def test_rate_limit_per_user(staff: Any, settings: Any) -> None:
    """Over the per-minute allowance: 429 with Retry-After."""
    settings.GRADING_API_RATE_PER_MINUTE = 2
    token = token_for(staff)
    codes = [post(Client(), {"lesson": "labels", "transcript": ""}, token).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    r = post(Client(), {"lesson": "labels", "transcript": ""}, token)
    assert r["Retry-After"] == "60" and error_of(r) == "too many requests: at most 2 a minute"


def test_grading_token_command(staff: Any, student: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """`manage.py grading_token` prints a staff user's token; refuses others."""
    call_command("grading_token", "teacher")
    assert capsys.readouterr().out.strip() == token_for(staff)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="student is not an active staff user"):
        call_command("grading_token", "student")
    with pytest.raises(CommandError, match="no user 'ghost'"):
        call_command("grading_token", "ghost")
