"""The ASGI application Daphne serves: Django for HTTP, Channels for the two websockets.

Websockets must come from a page of one of ``ALLOWED_HOSTS`` (Origin check) and carry the
session cookie (``AuthMiddlewareStack`` puts the session and user in the scope).
"""

from __future__ import annotations

import logging
import os
import threading

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
django_asgi_app = get_asgi_application()  # sets Django up before the consumers import models

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from . import gcpolicy  # noqa: E402
from .routing import websocket_urlpatterns  # noqa: E402


def _warm_up() -> None:
    """Import and exercise the engine once, so the first student's page and command are not slow."""
    from cluster_core import Playground
    from playground import lesson_text, lessonapi

    try:
        Playground.new(seed=0).execute("kubectl get pods")
        for lesson in lessonapi.load_lessons()[:1]:
            lessonapi.new_playground(lesson, 0)
            lesson_text.render(lessonapi.text(lesson.steps[0].text, "en") if lesson.steps else "")
    except Exception:  # noqa: BLE001 - only a speed-up: the real request will report the problem
        logging.getLogger("playground").exception("warm-up failed")


# A worker keeps hundreds of students' Playgrounds in memory: see gcpolicy for why and how the
# garbage collector is kept from pausing it.
gcpolicy.install()

if os.environ.get("PLAYGROUND_WARM_UP", "1") == "1":
    threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()

application = ProtocolTypeRouter({
    "http": django_asgi_app,
    "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
})
