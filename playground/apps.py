"""The playground app: clusters per session, progress, consumers."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class PlaygroundConfig(AppConfig):
    name = "playground"
    verbose_name = "Kubernetes playground"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import request_finished

        request_finished.connect(close_request_connections, dispatch_uid="playground.close_request_connections")


def close_request_connections(**kwargs: Any) -> None:
    """Close the page request's database connections when it ends.

    Under ASGI each page request runs its synchronous code on a thread of its own (Django's
    ``ThreadSensitiveContext``), so a connection kept open for reuse (``CONN_MAX_AGE``) is never
    reused: it stays open until that dead thread's objects are garbage collected, and a class opening
    its pages at once exhausted PostgreSQL's ``max_connections``. The websocket consumers' one
    database thread sends no such signal and keeps its connection. A connection inside a transaction
    (a test's) is left alone.
    """
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close()
