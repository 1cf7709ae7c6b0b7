"""Who owns a cluster: a logged-in user or an anonymous browser session; and its seed.

A session can reach only its own clusters because nothing on the wire names a cluster: the
server finds it from the session cookie (or the user) and the lesson slug.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.sessions.backends.base import SessionBase


def owner_key(user: Any, session: SessionBase | None) -> str | None:
    """``u:<id>`` for a logged-in user, ``s:<session key>`` for a session that has one, else None."""
    if user is not None and getattr(user, "is_authenticated", False):
        return f"u:{user.pk}"
    key = session.session_key if session is not None else None
    return f"s:{key}" if key else None


def request_owner(request: Any) -> str:
    """The owner for a page request, starting an anonymous session if the browser has none."""
    owner = owner_key(getattr(request, "user", None), request.session)
    if owner is None:
        request.session.create()  # marks the session modified: the response sets the cookie
        owner = owner_key(None, request.session)
    assert owner is not None
    return owner


def seed_for(owner: str, lesson: str) -> int:
    """A seed fixed by (owner, lesson), so a reset gives the same names and the tests can predict them."""
    digest = hashlib.sha256(f"{owner}|{lesson}".encode()).hexdigest()
    return int(digest[:12], 16)
