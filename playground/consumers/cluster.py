"""``ws/cluster/<slug>/``: the live cluster view, pushed as HTML for htmx's ws extension.

On connect and whenever the cluster changes the consumer renders ``#cluster-view`` (and
``#cluster-filter`` when the namespaces change) as out-of-band fragments. Changes arrive as
``cluster.updated`` on the cluster's group (a command in any tab, on any worker) or are due in
simulated time: a timer sleeps until ``next_change_at()``, never on a fixed interval. A view
whose data has not changed is neither rendered nor sent again. A session may hold ``limits.MAX_SOCKETS["cluster"]`` of these sockets
per worker; one more is closed with ``limits.CLOSE_TOO_MANY``.

The client may send the namespace filter, as htmx's ``ws-send`` does:
``{"namespace": "default", "HEADERS": {...}}`` (``""``: all but the system namespaces, ``"*"``: all).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Any

import orjson
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async as db
from channels.generic.websocket import AsyncWebsocketConsumer

from .. import clusterview
from . import limits
from .common import Client, identify, stop_requested

log = logging.getLogger("playground.cluster")
MAX_FRAME = 4096


def fingerprint(ctx: dict[str, Any]) -> bytes:
    """A few KB that say whether the view's data changed: far cheaper than rendering it to find out."""
    try:
        return orjson.dumps(ctx)
    except TypeError:  # something orjson cannot write (a lazy translation): repr is exact enough
        return repr(ctx).encode()


def render(fn: Any) -> Any:
    """Run template rendering in the thread pool, not on the single thread that serves the database."""
    return sync_to_async(fn, thread_sensitive=False)
_NAMESPACE = re.compile(r"^(\*|[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?$")


class ClusterViewConsumer(AsyncWebsocketConsumer):
    """Pushes one cluster's view to one page."""

    client: Client
    timer: asyncio.Task[None] | None = None
    counted = False  # this socket holds one of its session's places (limits.guard)

    async def connect(self) -> None:
        found = await identify(self.scope)
        if isinstance(found, int):
            await self.close(code=found)
            return
        self.client = found
        if not limits.guard.open_socket(found.owner, "cluster"):
            n = limits.MAX_SOCKETS["cluster"]
            await self.accept()  # a close before accepting is a bare HTTP 403: the reason would be lost
            await self.close(code=limits.CLOSE_TOO_MANY, reason=f"at most {n} cluster views per session")
            return
        self.counted = True
        self.ns_filter = ""
        self.last_view: bytes | None = None
        self.last_namespaces: list[str] | None = None
        self.wake = asyncio.Event()
        await self.accept()
        await self.channel_layer.group_add(self.client.group, self.channel_name)
        self.timer = asyncio.create_task(self.push_loop())

    async def disconnect(self, code: int) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if getattr(self, "counted", False):
            self.counted = False
            limits.guard.close_socket(self.client.owner, "cluster")
            await self.channel_layer.group_discard(self.client.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """The namespace filter; anything else is ignored (htmx has nowhere to show an error)."""
        if text_data is None or len(text_data) > MAX_FRAME:
            return
        try:
            message = json.loads(text_data)
        except (ValueError, RecursionError):  # "[[[[..." a few thousand deep fits in a frame
            return
        namespace = message.get("namespace") if isinstance(message, dict) else None
        if isinstance(namespace, str) and _NAMESPACE.match(namespace):
            self.ns_filter = namespace  # the select already shows it: only the view is re-sent
            self.wake.set()

    async def cluster_updated(self, event: dict[str, Any]) -> None:
        self.wake.set()

    async def push_loop(self) -> None:
        """Push now, then sleep until the next simulated change or a wake-up, and push again."""
        while True:
            self.wake.clear()
            try:
                wait = await self.push()
            except Exception:  # noqa: BLE001 - keep the view alive; try again shortly
                log.exception("cluster view push failed")
                wait = 1.0
            if stop_requested():
                return
            try:
                async with asyncio.timeout(wait):
                    await self.wake.wait()
            except TimeoutError:
                pass

    async def push(self) -> float | None:
        """Send what changed since the last push; the templates are rendered only then, off the database thread."""
        ctx, wait = await db(clusterview.view_data)(self.client.cluster_pk, self.ns_filter)
        key = fingerprint(ctx)
        view = key != self.last_view
        filt = ctx["namespaces"] != self.last_namespaces
        if view or filt:
            parts = await render(self._render)(ctx, view, filt)
            self.last_view, self.last_namespaces = key, ctx["namespaces"]
            await self.send(text_data="\n".join(parts))
        return wait

    def _render(self, ctx: dict[str, Any], view: bool, filt: bool) -> list[str]:
        language = self.client.language
        return ([clusterview.render_view(ctx, language)] if view else []) + (
            [clusterview.render_filter(ctx, language)] if filt else [])
