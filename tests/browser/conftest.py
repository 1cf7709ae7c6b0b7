"""Real-browser tests: Debian's Chromium driven by Playwright, against a real Daphne.

- ``browser``: one Chromium for the whole run, launched from ``/usr/bin/chromium`` (Playwright's own
  browser download cannot work here). A missing Chromium fails the tests, never skips them:
  ``.ci/run`` installs it.
- ``server``: Daphne on a free loopback port with a temporary SQLite database, migrations applied
  (started before Chromium, so both boot at once).
- ``page``: a fresh browser context and page per test (a fresh session, so a fresh cluster);
  console messages go to the test log, an uncaught page error fails the test.
- ``harness``: the terminal scripts on a small page whose websocket Playwright answers itself
  (:class:`FakeServer`), for keyboard behaviour that needs exact control of the server's replies
  (a fresh page per test in one shared context: no cookies matter there).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    WebSocketRoute,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SERVER_START_TIMEOUT = 30.0
log = logging.getLogger("browser")
log.setLevel(logging.INFO)  # console messages and Daphne's lines reach the captured test log


# ------------------------------------------------------------------------------------ Daphne
# One interpreter migrates the temporary database, then runs Daphne's command line in-process
# (one Django start-up instead of two). Port 0: the OS picks a free port, Daphne logs it.
RUNNER = """
import sys
import django
from django.core.management import call_command
django.setup()
call_command("migrate", interactive=False, verbosity=0)
from daphne.cli import CommandLineInterface
CommandLineInterface().run(sys.argv[1:])
"""


class Server:
    """A running Daphne: ``url`` is its base URL, ``log`` what it printed so far."""

    def __init__(self, tmp: Path) -> None:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="playground.settings",
                   DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}", ALLOWED_HOSTS="127.0.0.1,localhost",
                   DEBUG="0", PYTHONUNBUFFERED="1")
        env.pop("REDIS_URL", None)
        self.tmp = tmp
        self.log: list[str] = []
        self.url = ""
        self._port: list[int] = []
        self._found = threading.Event()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", RUNNER, "-e", "tcp:port=0:interface=127.0.0.1", "playground.asgi:application"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line.rstrip("\n"))
            m = re.search(r"Listening on TCP address 127\.0\.0\.1:(\d+)", line)
            if m and not self._port:
                self._port.append(int(m.group(1)))
                self._found.set()
        self._found.set()  # the process ended

    def wait_ready(self) -> None:
        self._found.wait(SERVER_START_TIMEOUT)
        if not self._port:
            self.stop()
            pytest.fail("Daphne did not start:\n" + "\n".join(self.log), pytrace=False)
        self.url = f"http://127.0.0.1:{self._port[0]}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="package")
def _daphne() -> Iterator[Server]:
    """Daphne starting (not yet waited for), so Chromium can start meanwhile."""
    tmp = Path(tempfile.mkdtemp(prefix="playground-browser-"))
    srv = Server(tmp)
    yield srv
    srv.stop()
    if any("Traceback" in line for line in srv.log):
        log.warning("daphne log:\n%s", "\n".join(srv.log[-200:]))
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(autouse=True)
def _daphne_log(_daphne: Server) -> Iterator[None]:
    """What Daphne printed during the test, in the test's log (shown when it fails)."""
    start = len(_daphne.log)
    yield
    for line in _daphne.log[start:]:
        log.info("daphne: %s", line)


@pytest.fixture(scope="package")
def server(_daphne: Server) -> Server:
    """Daphne on a free loopback port with a temporary, migrated SQLite database."""
    if not _daphne.url:
        _daphne.wait_ready()
    return _daphne


# ------------------------------------------------------------------------------------ browser
@pytest.fixture(scope="package")
def playwright_() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="package")
def browser(playwright_: Playwright, _daphne: Server) -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)", pytrace=False)
    b = playwright_.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


class PageErrors:
    """Uncaught errors of the page, checked when the test ends."""

    def __init__(self) -> None:
        self.errors: list[str] = []


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    p = context.new_page()
    errors = _watch(p)
    yield p
    context.close()
    if errors.errors:
        pytest.fail("page errors:\n" + "\n".join(errors.errors), pytrace=False)


def _watch(p: Page) -> PageErrors:
    errors = PageErrors()

    def on_console(msg: ConsoleMessage) -> None:
        log.info("console.%s: %s", msg.type, msg.text)

    def on_error(exc: Exception) -> None:
        log.error("page error: %s", exc)
        errors.errors.append(str(exc))

    p.on("console", on_console)
    p.on("pageerror", on_error)
    return errors


# ------------------------------------------------------------------------------------ harness
# The lesson page's markup (templates/lesson.html, lesson_text.py) reduced to what the scripts use;
# xterm.js comes in as ES modules here (the real page loads the UMD builds).
HARNESS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>terminal harness</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/app.css">
<link rel="stylesheet" href="/static/vendor/xterm/css/xterm.css">
</head><body><main id="main"><div class="workbench-layout">
<section class="lesson-pane">
  <div class="codeblock codeblock-command"><pre><code>kubectl get pods <button type="button" class="run-button"
    data-command="kubectl get pods" aria-label="Run: kubectl get pods">Run</button></code></pre></div>
  <div class="codeblock codeblock-manifest"><div class="codeblock-file">web.yaml</div><pre><code>apiVersion: v1
kind: Pod
metadata:
  name: web
</code></pre><button type="button" class="save-button" data-save-file data-filename="web.yaml">Save web.yaml</button></div>
  <div class="codeblock codeblock-manifest"><pre><code>EOF
odd
</code></pre><button type="button" class="save-button" data-save-file data-filename="my file.txt">Save my file</button></div>
  <nav id="steps-nav"><ol id="steps">
    <li data-step-id="s1" data-passed="false"><a href="#s1">one</a><span class="step-message"></span></li>
    <li data-step-id="s2" data-passed="false"><a href="#s2">two</a><span class="step-message"></span></li>
  </ol></nav>
</section>
<section class="work-pane">
  <div id="controls" role="toolbar" data-paused="false">
    <button type="button" data-action="reset">Reset</button>
    <button type="button" data-action="undo">Undo</button>
    <button type="button" data-action="pause">Pause</button>
    <button type="button" data-action="resume" hidden>Resume</button>
    <button type="button" data-action="advance" data-seconds="30">+30 s</button>
    <button type="button" data-action="advance" data-seconds="300">+5 min</button>
    <span id="clock-status" role="status" aria-live="polite"></span>
  </div>
  <div id="terminal" data-ws="/ws/terminal/sandbox/" data-tabs="1" role="region" aria-label="Terminal"></div>
  <div id="editor" hidden role="dialog" aria-labelledby="editor-title">
    <h2 id="editor-title">Editing <span id="editor-path"></span></h2>
    <textarea id="editor-content" spellcheck="false" aria-labelledby="editor-title"></textarea>
    <div class="editor-buttons"><button type="button" data-editor="save">Save</button>
    <button type="button" data-editor="cancel">Cancel</button></div>
  </div>
</section></div></main>
<script id="ui-strings" type="application/json">{"saved_file": "Saved %(path)s in your home directory.",
 "undone": "Undone: %(line)s", "reset": "A fresh cluster for this lesson.", "advanced": "%(seconds)s seconds passed."}</script>
<script type="module" src="/static/js/playground.js"></script>
</body></html>"""

class FakeServer:
    """Answers the terminal socket the way the back end does, from scripted replies.

    ``received`` lists the client's messages; ``on_run(line, tab)`` returns the messages to send
    (default: echo the line as output; then ``done`` unless they hold one or an ``error``); ``words`` are the completion candidates
    (those starting with the word before the cursor are sent). ``hold`` makes runs of those lines
    stay running until ``interrupt``.
    """

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.ws: WebSocketRoute | None = None
        self.prompt = "student@playground:~$ "
        self.words: list[str] = []
        self.hold: set[str] = set()
        self.running: dict[int, str] = {}
        self.on_run: Callable[[str, int], list[dict[str, Any]]] | None = None

    def attach(self, ws: WebSocketRoute) -> None:
        self.ws = ws
        ws.on_message(self._message)
        self.send({"type": "ready", "lesson": "sandbox", "paused": False, "now": 0,
                   "tabs": {"0": {"prompt": self.prompt, "running": False, "history": []}}})

    def send(self, msg: dict[str, Any]) -> None:
        assert self.ws is not None
        self.ws.send(json.dumps(msg))

    def _message(self, raw: str | bytes) -> None:
        msg = json.loads(raw)
        self.received.append(msg)
        kind, tab = msg["type"], msg.get("tab", 0)
        if kind == "run":
            line = msg["line"]
            if line in self.hold:
                self.running[tab] = line
                self.send({"type": "output", "tab": tab, "data": f"running {line}\n"})
                return
            replies = self.on_run(line, tab) if self.on_run else [
                {"type": "output", "tab": tab, "data": f"ran<{line}>\n"}]
            for r in replies:
                self.send(r)
            if not any(r["type"] in ("done", "error") for r in replies):  # as the consumer does
                self.send({"type": "done", "tab": tab, "exit_code": 0, "prompt": self.prompt})
        elif kind == "interrupt":
            self.running.pop(tab, None)
            self.send({"type": "output", "tab": tab, "data": "^C\n"})
            self.send({"type": "done", "tab": tab, "exit_code": 130, "prompt": self.prompt})
        elif kind == "complete":
            word = msg["line"][:msg["cursor"]].split(" ")[-1]
            self.send({"type": "completions", "tab": tab, "items": [w for w in self.words if w.startswith(word)]})
        elif kind == "write_file":
            self.send({"type": "file_saved", "tab": tab, "path": msg["path"]})
        elif kind == "save" or kind == "cancel":
            self.send({"type": "output", "tab": tab, "data": {"save": "saved\n", "cancel": "cancelled\n"}[kind]})
            self.send({"type": "done", "tab": tab, "exit_code": 0, "prompt": self.prompt})

    def runs(self) -> list[str]:
        return [m["line"] for m in self.received if m["type"] == "run"]


class Harness:
    def __init__(self, page: Page, fake: FakeServer) -> None:
        self.page = page
        self.fake = fake


@pytest.fixture(scope="package")
def harness_context(browser: Browser) -> Iterator[BrowserContext]:
    """One context for the harness pages: they keep no cookies, and share the static files' cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def harness(harness_context: BrowserContext, server: Server) -> Iterator[Harness]:
    """A fresh harness page on the real server's origin (its static files come from Daphne), with
    the terminal socket answered by a :class:`FakeServer` instead of the back end."""
    p = harness_context.new_page()
    errors = _watch(p)
    fake = FakeServer()
    url = f"{server.url}/__harness__/"
    p.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=HARNESS_HTML))
    p.route_web_socket(re.compile(r".*/ws/terminal/.*"), fake.attach)
    p.goto(url)
    yield Harness(p, fake)
    p.close()
    if errors.errors:
        pytest.fail("page errors:\n" + "\n".join(errors.errors), pytrace=False)


def wait_until(page: Page, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let Playwright dispatch (the fake server's handlers run then) until ``predicate`` holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
