"""Websocket routes: ``ws/terminal/<slug>/`` and ``ws/cluster/<slug>/`` (slug: a lesson or ``sandbox``)."""

from __future__ import annotations

from django.urls import path

from .consumers import ClusterViewConsumer, TerminalConsumer

websocket_urlpatterns = [
    path("ws/terminal/<slug:slug>/", TerminalConsumer.as_asgi()),
    path("ws/cluster/<slug:slug>/", ClusterViewConsumer.as_asgi()),
]
