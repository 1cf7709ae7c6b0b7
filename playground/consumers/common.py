"""What both websockets share: who is asking (session or user), which lesson, which language.

The URL names only the lesson; the cluster is found from the session cookie (or the logged-in
user), so a socket can reach only its owner's clusters. A session key that the database does not
know (forged, expired) is refused, as is an unknown lesson.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from .. import lessonapi
from ..models import SANDBOX
from ..services import ensure_cluster
from ..services.owners import owner_key

CLOSE_NO_SESSION = 4401
CLOSE_NOT_FOUND = 4404


@dataclass
class Client:
    """The socket's owner, lesson and cluster."""

    owner: str
    slug: str
    lesson: Any  # a Lesson, or None for the sandbox
    cluster_pk: int
    language: str  # Django code: "en" / "zh-hans"

    @property
    def group(self) -> str:
        return cluster_group(self.cluster_pk)

    @property
    def lesson_lang(self) -> str:
        return lessonapi.lesson_lang(self.language)


def cluster_group(cluster_pk: int) -> str:
    """The channel-layer group of everything showing one cluster (all tabs, all workers)."""
    return f"cluster.{cluster_pk}"


def stop_requested() -> bool:
    """Whether the running task (a consumer's timer) was cancelled, even if the CancelledError was lost.

    A socket's timer is cancelled when the socket closes (or the worker stops). Some awaits lose
    the cancellation: Python 3.11's ``asyncio.wait_for`` returns the result when the awaited thing
    finished at the moment of the cancel (a wake-up racing the close). Seen here: a timer left
    sleeping for ever after its socket was gone. The loops check this before sleeping again.
    """
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def _session_known(session: Any) -> bool:
    key = getattr(session, "session_key", None)
    return bool(key) and SessionStore().exists(key)


@database_sync_to_async
def identify(scope: dict[str, Any]) -> Client | int:
    """The socket's :class:`Client`, or the close code to refuse it with."""
    session = scope.get("session")
    user = scope.get("user")
    if not (user is not None and getattr(user, "is_authenticated", False)) and not _session_known(session):
        return CLOSE_NO_SESSION
    owner = owner_key(user, session)
    if owner is None:
        return CLOSE_NO_SESSION
    slug = scope["url_route"]["kwargs"]["slug"]
    lesson = None
    if slug != SANDBOX:
        lesson = lessonapi.get_lesson(slug)
        if lesson is None:
            return CLOSE_NOT_FOUND
    return Client(owner, slug, lesson, ensure_cluster(owner, slug), scope_language(scope))


def scope_language(scope: dict[str, Any]) -> str:
    """The page's language: ``?lang=``, else the language cookie, else Accept-Language, else English."""
    query = parse_qs((scope.get("query_string") or b"").decode("latin-1"))
    candidates = list(query.get("lang", []))
    cookies = scope.get("cookies")
    if cookies is None:
        cookies = _cookies(scope)
    if cookies.get(settings.LANGUAGE_COOKIE_NAME):
        candidates.append(cookies[settings.LANGUAGE_COOKIE_NAME])
    for name, value in scope.get("headers") or []:
        if name == b"accept-language":
            candidates.extend(code for code, _ in parse_accept_lang_header(value.decode("latin-1")))
    for code in candidates:
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def _cookies(scope: dict[str, Any]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers") or []:
        if name == b"cookie":
            jar.load(value.decode("latin-1"))
    return {k: m.value for k, m in jar.items()}
