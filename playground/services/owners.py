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


# --- Signing in: the anonymous session's clusters follow the student ------------------------------
#
# The rule, lesson by lesson: when a browser signs in, each cluster its anonymous session owns
# (``s:<key>``) becomes the user's (``u:<id>``), with its command history, undo snapshots, step
# progress and seed, so the page, the dashboard and the transcript carry on where the student was.
# If the user already has a cluster for that lesson (from another browser), the user's stays and
# the anonymous one is left as it was, unmerged: two histories cannot be merged into one that the
# grader would replay to the same score. Every way of signing in (the site's page, sign-up, the
# admin's) goes through ``django.contrib.auth.login``, whose ``user_logged_in`` signal runs
# :func:`carry_over_on_login`; the session key is cycled by then, so the old one is read from the
# request's cookie.


def adopt_anonymous_clusters(anonymous_owner: str | None, user: Any) -> list[str]:
    """Give ``user`` the clusters of ``anonymous_owner`` (``s:<key>``) for lessons it has none of.

    Returns the lessons carried over, sorted. Nothing happens for an owner that is not an anonymous
    session's or a user that is not signed in.
    """
    from django.db import IntegrityError, transaction

    from ..models import Cluster

    new_owner = owner_key(user, None)
    if not anonymous_owner or not anonymous_owner.startswith("s:") or new_owner is None:
        return []
    taken = set(Cluster.objects.filter(owner=new_owner).values_list("lesson", flat=True))
    moved = []
    for pk, lesson in Cluster.objects.filter(owner=anonymous_owner).values_list("pk", "lesson"):
        if lesson in taken:
            continue
        try:  # another tab of the user may create that lesson's cluster meanwhile: then it stays
            with transaction.atomic():
                if Cluster.objects.filter(pk=pk, owner=anonymous_owner).update(owner=new_owner):
                    moved.append(lesson)
        except IntegrityError:
            continue
    return sorted(moved)


def carry_over_on_login(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    """``user_logged_in`` receiver: adopt the clusters of the session the browser had before."""
    from django.conf import settings

    cookies = getattr(request, "COOKIES", None) or {}
    old_key = cookies.get(settings.SESSION_COOKIE_NAME)
    if old_key:
        adopt_anonymous_clusters(f"s:{old_key}", user)


def _connect() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(carry_over_on_login, dispatch_uid="playground.carry_over_on_login")


_connect()
