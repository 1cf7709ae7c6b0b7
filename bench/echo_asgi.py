"""The site's ASGI application plus ``ws/echo/``: the baseline of the websocket round-trip benchmark.

Only the benchmark serves this module (``daphne bench.echo_asgi:application``); the site itself
has no echo route. Everything else is the real application: the same Daphne, the same Origin
check and session middleware, the same terminal and cluster sockets, so an echo and a
``kubectl get pods`` measured in the same run differ only by what the terminal consumer does.
"""

from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from playground.asgi import django_asgi_app  # sets Django up first
from playground.routing import websocket_urlpatterns


class EchoConsumer(AsyncWebsocketConsumer):
    """Sends every text frame straight back: Daphne, Channels and the socket, nothing else."""

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        await self.send(text_data=text_data, bytes_data=bytes_data)


application = ProtocolTypeRouter({
    "http": django_asgi_app,
    "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(
        [path("ws/echo/", EchoConsumer.as_asgi()), *websocket_urlpatterns]))),
})
