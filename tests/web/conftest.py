"""Fixtures for the web tests: sessions and websocket clients (see ``wsclient.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from playground.services import store
from tests.web.wsclient import ORIGIN, Socket, new_session


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts without Playgrounds cached from another test's database."""
    store._cache.clear()


@pytest.fixture
def session_key(transactional_db: Any) -> str:
    """An anonymous browser session, saved in the database as the page view would."""
    return new_session()


@pytest.fixture
def socket(session_key: str) -> Callable[..., Socket]:
    """``socket(path)``: a client on ``path`` with the test's session (or ``key=`` another)."""
    def make(path: str, key: str | None = session_key, origin: bytes = ORIGIN, cookies: str = "") -> Socket:
        return Socket(path, key, origin, cookies)
    return make


@pytest.fixture
def fake_lessons(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Replace the lesson engine with ``fakelessons`` (two lessons: ``first`` and ``second``)."""
    from playground import lessonapi
    from tests.web import fakelessons

    monkeypatch.setattr(lessonapi, "_engine", lambda: fakelessons)
    return fakelessons
