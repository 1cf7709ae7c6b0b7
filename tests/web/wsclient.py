"""A websocket test client for the playground's sockets (send JSON, wait for a matching message)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from channels.testing import WebsocketCommunicator
from django.contrib.sessions.backends.db import SessionStore

ORIGIN = b"http://127.0.0.1:8000"


def new_session() -> str:
    """A saved anonymous session's key, as a page view would leave in the browser's cookie."""
    s = SessionStore()
    s.create()
    return s.session_key


async def anew_session() -> str:
    """:func:`new_session` from an async test."""
    from asgiref.sync import sync_to_async

    return await sync_to_async(new_session)()


def headers(session_key: str | None, origin: bytes = ORIGIN, cookies: str = "") -> list[tuple[bytes, bytes]]:
    out = [(b"origin", origin), (b"host", b"127.0.0.1:8000")]
    jar = "; ".join(c for c in (f"sessionid={session_key}" if session_key else "", cookies) if c)
    if jar:
        out.append((b"cookie", jar.encode()))
    return out


def is_type(kind: str) -> Callable[[Any], bool]:
    return lambda m: isinstance(m, dict) and m.get("type") == kind


class Socket:
    """A websocket client: send JSON, collect messages until one matches."""

    def __init__(self, path: str, session_key: str | None, origin: bytes = ORIGIN, cookies: str = "") -> None:
        from playground.asgi import application

        self.comm = WebsocketCommunicator(application, path, headers=headers(session_key, origin, cookies))
        self.seen: list[Any] = []

    async def connect(self, timeout: float = 5) -> tuple[bool, Any]:
        """The handshake (a first visit builds the cluster: allow for a busy machine)."""
        return await self.comm.connect(timeout)

    async def send(self, **message: Any) -> None:
        await self.comm.send_json_to(message)

    async def send_text(self, text: str) -> None:
        await self.comm.send_to(text_data=text)

    async def receive(self, timeout: float = 5) -> Any:
        text = await self.comm.receive_from(timeout)
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        self.seen.append(value)
        return value

    async def until(self, pred: Callable[[Any], bool], timeout: float = 5) -> list[Any]:
        """Every message up to and including the first one ``pred`` accepts."""
        deadline = time.monotonic() + timeout
        got = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no matching message within {timeout}s; got {got!r}"[:3000])
            try:
                m = await self.receive(left)
            except TimeoutError:
                raise AssertionError(f"no matching message within {timeout}s; got {got!r}"[:3000]) from None
            got.append(m)
            if pred(m):
                return got

    async def run(self, line: str, tab: int = 0, timeout: float = 5) -> tuple[str, dict[str, Any]]:
        """Run a line to its end: the output streamed for it and its ``done`` message."""
        await self.send(type="run", tab=tab, line=line)
        got = await self.until(lambda m: isinstance(m, dict) and m.get("type") == "done" and m["tab"] == tab,
                               timeout)
        output = "".join(m["data"] for m in got if isinstance(m, dict) and m.get("type") == "output"
                         and m["tab"] == tab)
        return output, got[-1]

    async def close(self) -> None:
        await self.comm.disconnect()
