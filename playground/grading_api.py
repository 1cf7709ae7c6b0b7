"""``POST /api/grade/``: the grader over HTTP, for staff and their scripts.

Request: a JSON object ``{"lesson": slug, "transcript": text}``, optionally ``"seed"`` (int) and
``"lang"`` (``en``/``zh-Hans``). Response: 200 with exactly the JSON of ``grade --json`` (the same
bytes), or an error as ``{"error": "..."}``: 400 for a bad request (not JSON, a missing or wrong
field, an unknown lesson, a transcript the grader refuses), 401 without credentials, 403 for a
user who is not staff or a browser request without its CSRF token, 405 for another method, 429
over the rate limit. Never a 500 for anything the client sends.

Who may call it: a signed-in staff user (the browser session, with Django's CSRF token), or a
script with ``Authorization: Bearer <token>``, where the token is a staff user's own
(``python manage.py grading_token USERNAME``). Tokens are signed with the site's secret key and
bound to the user's password and staff status: changing either revokes them, no table needed.

Bounds: the body is read up to ``GRADING_API_MAX_BODY`` bytes, each user may grade
``GRADING_API_RATE_PER_MINUTE`` transcripts a minute (Django's cache; per process with the
default in-memory cache), and each grade gets a smaller work budget than the command line and
runs in a child process with a CPU limit (``playground.grading.guard``).

Wiring: ``path("api/", include("playground.grading_api"))`` in the site's ``urls.py``.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import path
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.csrf import csrf_exempt

from playground.grading import GradingError, GradingLimits, grade_transcript, parse_transcript
from playground.grading.grader import find_lesson
from playground.grading.guard import call_with_cpu_limit
from playground.grading.transcript import MAX_BYTES

TOKEN_SALT = "playground.grading.api"
FIELDS = {"lesson", "transcript", "seed", "lang"}
LANGS = ("en", "zh-Hans")
DEFAULTS = {
    "GRADING_API_MAX_BODY": 2 * MAX_BYTES + 16 * 1024,  # JSON escaping may double the transcript
    "GRADING_API_RATE_PER_MINUTE": 30,
    "GRADING_API_CPU_LIMIT": 20.0,
    "GRADING_API_MAX_WORK": 8_000_000,
}


class BadRequest(Exception):
    """A request the API answers with 400 and this message."""


def _setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


# ---------------------------------------------------------------------------- tokens
def token_for(user: Any) -> str:
    """The user's API token: their id and a fingerprint of their password and staff status, signed."""
    return signing.Signer(salt=TOKEN_SALT).sign(f"{user.pk}.{_fingerprint(user)}")


def user_for_token(token: str) -> Any | None:
    """The active user a token belongs to, or None (bad signature, changed password, gone)."""
    try:
        value = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    pk, _, fingerprint = value.partition(".")
    if not pk.isdigit():
        return None
    user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    if user is None or not constant_time_compare(fingerprint, _fingerprint(user)):
        return None
    return user


def _fingerprint(user: Any) -> str:
    return salted_hmac(TOKEN_SALT, f"{user.pk}|{user.password}|{user.is_staff}").hexdigest()[:24]


# ---------------------------------------------------------------------------- the view
def _error(status: int, message: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _authenticate(request: HttpRequest) -> tuple[Any | None, bool]:
    """(user, by token). A malformed or unknown bearer token authenticates no one."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None, True
        return user_for_token(token.strip()), True
    user = getattr(request, "user", None)
    return (user if user is not None and user.is_authenticated else None), False


def _csrf_failure(request: HttpRequest) -> bool:
    """Django's CSRF check for a session-authenticated (browser) request, as the middleware does it."""
    return CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, None, (), {}) is not None


def _rate_limited(user: Any) -> bool:
    key = f"grading-api:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > int(_setting("GRADING_API_RATE_PER_MINUTE"))


def _payload(request: HttpRequest) -> dict[str, Any]:
    limit = int(_setting("GRADING_API_MAX_BODY"))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise BadRequest(f"request too large: at most {limit} bytes")
    body = request.read(limit + 1)
    if len(body) > limit:
        raise BadRequest(f"request too large: at most {limit} bytes")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("the body must be a JSON object: {\"lesson\": ..., \"transcript\": ...}") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object: {\"lesson\": ..., \"transcript\": ...}")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise BadRequest(f"unknown field {unknown[0]!r} (the fields are lesson, transcript, seed, lang)")
    for name in ("lesson", "transcript"):
        if not isinstance(data.get(name), str):
            raise BadRequest(f"{name!r} must be a string")
    seed = data.get("seed")  # None: the transcript's "# seed: N" header, else 0 (as the command line)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63):
        raise BadRequest("'seed' must be a whole number from 0 to 2**63-1")
    if data.get("lang", "en") not in LANGS:
        raise BadRequest("'lang' must be 'en' or 'zh-Hans'")
    return {"lesson": data["lesson"], "transcript": data["transcript"], "seed": seed,
            "lang": data.get("lang", "en")}


@csrf_exempt  # checked below for session requests; a bearer token is not sent by browsers on their own
def grade_view(request: HttpRequest) -> HttpResponse:
    """Grade a transcript; see the module docstring for the request, responses and limits."""
    if request.method != "POST":
        return _error(405, "use POST with a JSON body", Allow="POST")
    user, by_token = _authenticate(request)
    if user is None:
        return _error(401, "authentication required: sign in as staff or send 'Authorization: Bearer <token>'",
                      WWW_Authenticate='Bearer realm="grading"')
    if not user.is_staff:
        return _error(403, "only staff may use the grading API")
    if not by_token and _csrf_failure(request):
        return _error(403, "CSRF check failed: send the csrftoken cookie's value as X-CSRFToken")
    if _rate_limited(user):
        return _error(429, f"too many requests: at most {_setting('GRADING_API_RATE_PER_MINUTE')} a minute",
                      Retry_After="60")
    try:
        data = _payload(request)
        lesson = find_lesson(data["lesson"])
        transcript = parse_transcript(data["transcript"])
        limits = GradingLimits(max_work=int(_setting("GRADING_API_MAX_WORK")))
        report = call_with_cpu_limit(
            lambda: grade_transcript(lesson, transcript, seed=data["seed"], lang=data["lang"], limits=limits),
            float(_setting("GRADING_API_CPU_LIMIT")))
    except (BadRequest, GradingError) as e:
        return _error(400, str(e))
    return HttpResponse(report.to_json(), content_type="application/json; charset=utf-8")


urlpatterns = [path("grade/", grade_view, name="api-grade")]
