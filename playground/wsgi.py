"""WSGI entry point (pages only, no websockets): the site is meant to run under Daphne (``asgi.py``)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")
application = get_wsgi_application()
