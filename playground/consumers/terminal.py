"""``ws/terminal/<slug>/``: the browser terminal's JSON protocol (see ``docs/websocket-protocol.md``).

The consumer only translates: each client message becomes one service call, each result one or
more server messages. A timer task sleeps until the cluster's next change or a running command's
own wake-up (never on a fixed interval), or until something wakes it (a change made through
another socket or worker), then streams what running commands printed and re-checks the steps.

Bad input (malformed JSON, unknown types, oversize frames, wrong field types) gets an
``error`` message; the socket stays open and usable. So does a message over the session's
command rate (``limits``): it is dropped before it reaches the cluster or the history. A session
may hold ``limits.MAX_SOCKETS["terminal"]`` of these sockets per worker; one more is told why and
closed with ``limits.CLOSE_TOO_MANY``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from channels.db import database_sync_to_async as db
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .. import gcpolicy
from ..services import history, progress, terminal, timectl
from ..services.terminal import EditorUnavailable, FileRefused, TabResult
from . import limits
from .common import Client, identify, stop_requested
from .validate import MAX_FRAME, BadMessage, parse

log = logging.getLogger("playground.terminal")
UNKNOWN = object()  # the timer must ask the cluster how long to sleep


class TerminalConsumer(AsyncJsonWebsocketConsumer):
    """One browser page's terminal tabs over one cluster."""

    client: Client
    timer: asyncio.Task[None] | None = None
    counted = False  # this socket holds one of its session's places (limits.guard)

    @classmethod
    async def encode_json(cls, content: dict[str, Any]) -> str:
        return json.dumps(content, ensure_ascii=False)

    async def connect(self) -> None:
        found = await identify(self.scope)
        if isinstance(found, int):
            await self.close(code=found)
            return
        self.client = found
        if not limits.guard.open_socket(found.owner, "terminal"):
            await self.refuse_extra_socket()
            return
        self.counted = True
        self.lock = asyncio.Lock()
        self.wake = asyncio.Event()
        self.full_tick = False
        self.known_wait: Any = UNKNOWN
        self.tabs: set[int] = set()  # tabs whose running command this socket streams
        self.last_steps: list[dict[str, Any]] | None = None
        await self.accept()
        await self.channel_layer.group_add(self.client.group, self.channel_name)
        async with self.lock:
            await self.send_ready()
            await self.send_steps()
        self.timer = asyncio.create_task(self.tick_loop())

    async def refuse_extra_socket(self) -> None:
        """One terminal too many for this session: say so in the page's terminal, then close."""
        n = limits.MAX_SOCKETS["terminal"]
        await self.accept()
        await self.error(limits.TOO_MANY_TERMINALS.format(n=n))
        await self.close(code=limits.CLOSE_TOO_MANY, reason=f"at most {n} terminals per session")

    async def disconnect(self, code: int) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if getattr(self, "counted", False):
            self.counted = False
            limits.guard.close_socket(self.client.owner, "terminal")
            await self.channel_layer.group_discard(self.client.group, self.channel_name)

    # ----------------------------------------------------------------- receiving
    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Check the frame, then the session's rate, then act; every refusal is one ``error``."""
        gcpolicy.busy()
        message: dict[str, Any] | None = None
        if text_data is None or len(text_data) > MAX_FRAME:
            problem: str | None = f"send JSON text frames of at most {MAX_FRAME} bytes"
        else:
            try:
                message, problem = parse(text_data), None
            except BadMessage as e:
                problem = str(e)
        if not limits.guard.allow_command(self.client.owner, limits.clock()):
            await self.error(limits.SLOW_DOWN, tab=message.get("tab") if message else None)
            return
        if message is None:
            await self.error(problem or "malformed JSON")
            return
        async with self.lock:
            try:
                await getattr(self, "on_" + message["type"])(message)
            except EditorUnavailable:
                await self.error("the editor is not available yet", tab=message.get("tab"))
            except FileRefused as e:
                await self.error(str(e), tab=message.get("tab"))
            except Exception:  # noqa: BLE001 - one bad call must not close the student's terminal
                log.exception("terminal message %s failed", message["type"])
                await self.error("internal error: that could not be done", tab=message.get("tab"))
                self.poke(full=False)

    async def error(self, text: str, tab: int | None = None) -> None:
        payload: dict[str, Any] = {"type": "error", "message": text}
        if tab is not None:
            payload["tab"] = tab
        await self.send_json(payload)

    # ----------------------------------------------------------------- handlers
    async def on_run(self, m: dict[str, Any]) -> None:
        await self.answer(await db(terminal.run)(self.client.cluster_pk, m["tab"], m["line"]))

    async def on_interrupt(self, m: dict[str, Any]) -> None:
        await self.answer(await db(terminal.interrupt)(self.client.cluster_pk, m["tab"]))

    async def on_complete(self, m: dict[str, Any]) -> None:
        items = await db(terminal.complete)(self.client.cluster_pk, m["tab"], m["line"], m["cursor"])
        await self.send_json({"type": "completions", "tab": m["tab"], "items": items})

    async def on_save(self, m: dict[str, Any]) -> None:
        await self.answer(await db(terminal.editor_save)(self.client.cluster_pk, m["tab"], m["content"], m["path"]))

    async def on_cancel(self, m: dict[str, Any]) -> None:
        await self.answer(await db(terminal.editor_cancel)(self.client.cluster_pk, m["tab"]))

    async def on_write_file(self, m: dict[str, Any]) -> None:
        changed = await db(terminal.write_file)(self.client.cluster_pk, m["path"], m["content"])
        await self.send_json({"type": "file_saved", "tab": m["tab"], "path": m["path"]})
        await self.after(changed)

    async def on_advance(self, m: dict[str, Any]) -> None:
        await self.send_clock(await db(timectl.advance)(self.client.cluster_pk, m["seconds"]), m["seconds"])

    async def on_pause(self, m: dict[str, Any]) -> None:
        await self.send_clock(await db(timectl.pause)(self.client.cluster_pk))

    async def on_resume(self, m: dict[str, Any]) -> None:
        await self.send_clock(await db(timectl.resume)(self.client.cluster_pk))

    async def on_undo(self, m: dict[str, Any]) -> None:
        done = await db(history.undo)(self.client.cluster_pk)
        prompts = {str(t): p for t, p in (done.prompts or {}).items()}
        if done.ok:
            self.tabs.clear()  # a command running in a tab was undone with the rest
        await self.send_json({"type": "undo", "ok": done.ok, "line": done.line, "prompts": prompts})
        await self.after(done.ok)

    async def on_reset(self, m: dict[str, Any]) -> None:
        prompt = await db(history.reset)(self.client.cluster_pk)
        self.tabs.clear()
        await self.send_json({"type": "reset", "prompt": prompt})
        await self.after(True)

    # ----------------------------------------------------------------- sending
    async def send_ready(self) -> None:
        tabs = await db(terminal.tabs_status)(self.client.cluster_pk)
        clock = await db(timectl.current)(self.client.cluster_pk)
        self.tabs |= {t for t, s in tabs.items() if s["running"]}
        await self.send_json({"type": "ready", "lesson": self.client.slug, "paused": clock.paused,
                              "now": clock.now, "tabs": {str(t): s for t, s in tabs.items()}})

    async def answer(self, r: TabResult) -> None:
        """Send a terminal call's result, then let the others know and re-arm the timer."""
        await self.after(await self.send_result(r), r.wait)

    async def send_result(self, r: TabResult) -> bool:
        """Output, an editor if one opened, then ``done`` once the command has finished; True if it changed things."""
        if r.output:
            await self.send_json({"type": "output", "tab": r.tab, "data": r.output})
        if r.edit is not None:
            await self.send_json({"type": "edit", "tab": r.tab, **r.edit})
        if r.running:
            self.tabs.add(r.tab)
        else:
            self.tabs.discard(r.tab)
            await self.send_json({"type": "done", "tab": r.tab, "exit_code": r.exit_code, "prompt": r.prompt})
        return r.changed

    async def send_clock(self, clock: timectl.ClockState, advanced: float | None = None) -> None:
        await self.send_json({"type": "clock", "paused": clock.paused, "now": clock.now, "advanced": advanced})
        await self.after(True)
        if advanced:
            self.poke(full=True)  # a running watch has news from the skipped time

    async def send_steps(self) -> None:
        """Push step results when they differ from the last ones sent (lessons only)."""
        if self.client.lesson is None:
            return
        results = await db(progress.evaluate_steps)(self.client.cluster_pk, self.client.lesson,
                                                    self.client.lesson_lang)
        if results != self.last_steps:
            self.last_steps = results
            await self.send_json({"type": "steps", "results": results})

    async def after(self, changed: bool, wait: Any = UNKNOWN) -> None:
        """After a call: if the cluster changed, tell every view of it (other tabs and workers); re-check
        steps; re-arm the timer (the next change may be due sooner now)."""
        if changed:
            await self.broadcast()
        await self.send_steps()
        # another tab's watch may have something to print about this change
        self.poke(full=changed and bool(self.tabs), wait=wait)

    # ----------------------------------------------------------------- time passing
    def poke(self, full: bool, wait: Any = UNKNOWN) -> None:
        """Wake the timer: ``full`` to poll and re-check now, else only to re-arm it (with ``wait`` if known)."""
        self.full_tick = self.full_tick or full
        self.known_wait = wait
        self.wake.set()

    async def cluster_updated(self, event: dict[str, Any]) -> None:
        if event.get("origin") != self.channel_name:
            self.poke(full=True)

    async def tick_loop(self) -> None:
        """Sleep until something is due (or a poke), then stream running commands and re-check steps."""
        full = False
        while True:
            self.wake.clear()
            try:
                async with self.lock:
                    wait, self.known_wait = self.known_wait, UNKNOWN
                    if full:
                        await self.tick()
                    if self.client.lesson is None and not self.tabs:
                        wait = None  # a sandbox with nothing running has nothing to do until poked
                    elif full or wait is UNKNOWN:
                        wait = (await db(timectl.current)(self.client.cluster_pk)).wait
            except Exception:  # noqa: BLE001 - keep the timer alive; try again shortly
                log.exception("terminal tick failed")
                wait = 1.0
            if stop_requested():
                return
            try:
                async with asyncio.timeout(wait):
                    await self.wake.wait()
                full, self.full_tick = self.full_tick, False
            except TimeoutError:
                full = True

    async def tick(self) -> None:
        changed = False
        for tab in sorted(self.tabs):
            changed = await self.send_result(await db(terminal.poll)(self.client.cluster_pk, tab)) or changed
        if changed:  # `sleep 5; kubectl run ...`: the views must show what the command did
            await self.broadcast()
        await self.send_steps()

    async def broadcast(self) -> None:
        await self.channel_layer.group_send(self.client.group, {"type": "cluster.updated", "origin": self.channel_name})
