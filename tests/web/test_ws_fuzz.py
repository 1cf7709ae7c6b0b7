"""Fuzzing the websocket protocol with hypothesis through Channels' WebsocketCommunicator.

Malformed JSON, JSON that is not an object, unknown types, fields of the wrong type or size (tab as
a string, a negative cursor, huge numbers, NUL and lone surrogates), huge and deeply nested frames
and binary frames: each gets exactly one ``error`` and the socket carries on. Arbitrary objects of
the known types get an answer or an error, never a crash. The cluster socket ignores what it cannot
use and keeps pushing. One socket lives through all the examples of a test (a fresh event loop per
test, driven by hand, since hypothesis calls a plain function). ``PLAYGROUND_FUZZ_EXAMPLES=2000``
runs a deeper search than the 60 examples per test CI uses.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground.consumers import limits
from playground.consumers.validate import FIELDS, MAX_FRAME, MAX_LINE
from tests.web.wsclient import Socket, is_type, new_session

pytestmark = pytest.mark.django_db(transaction=True)
T = TypeVar("T")
FUZZ = settings(max_examples=int(os.environ.get("PLAYGROUND_FUZZ_EXAMPLES", "60")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
Frame = tuple[str, Any]  # ("text", str) or ("bytes", bytes)
SENTINEL = {"type": "complete", "tab": 0, "line": "kubect", "cursor": 6}

# ----------------------------------------------------------------------------- strategies
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
WITH_TAB = ["run", "interrupt", "complete", "save", "cancel", "write_file"]


def _text(value: Any) -> Frame:
    return ("text", json.dumps(value))


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


bad_tab = st.one_of(st.text(max_size=5), st.floats(), st.integers(max_value=-1), st.integers(min_value=8),
                    st.booleans(), st.none(), st.lists(st.integers(), max_size=2), st.just(10**30))
not_a_string = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.lists(st.text(max_size=3), max_size=2))
unsafe_text = st.tuples(st.text(max_size=10), st.sampled_from(["\x00", "\ud800", "\udfff"]), st.text(max_size=10)
                        ).map("".join)
bad_messages = st.one_of(
    # malformed JSON, and JSON cut short
    st.text(max_size=60).filter(lambda t: not _is_json(t)).map(lambda t: ("text", t)),
    st.dictionaries(st.text(max_size=5), values, min_size=1, max_size=3).map(lambda d: ("text", json.dumps(d)[:-1])),
    # JSON that is not an object
    values.filter(lambda v: not isinstance(v, dict)).map(_text),
    # unknown or missing types
    st.fixed_dictionaries({"type": st.one_of(st.text(max_size=12).filter(lambda t: t not in FIELDS), scalars,
                                             st.lists(st.sampled_from(sorted(FIELDS)), max_size=2))},
                          optional={"tab": values, "line": values}).map(_text),
    # known types, wrong fields
    st.builds(lambda t, tab: {"type": t, "tab": tab, "line": "ls", "path": "a.txt", "content": "x"},
              st.sampled_from(WITH_TAB), bad_tab).map(_text),
    st.builds(lambda line: {"type": "run", "tab": 0, "line": line}, st.one_of(not_a_string, unsafe_text)).map(_text),
    st.builds(lambda c: {"type": "complete", "tab": 0, "line": "kubectl get", "cursor": c},
              st.one_of(st.integers(max_value=-1), st.integers(min_value=12), st.floats(), st.text(max_size=3),
                        st.none())).map(_text),
    st.builds(lambda s: {"type": "advance", "seconds": s},
              st.one_of(st.floats(max_value=0), st.floats(min_value=86400.5), st.just(float("nan")),
                        st.just(float("inf")), st.text(max_size=3), st.booleans(), st.none())).map(_text),
    st.builds(lambda p: {"type": "write_file", "tab": 0, "path": p, "content": "x"},
              st.one_of(st.sampled_from(["", "..", "../x", "a/../../b", "/etc/passwd", " x", "a b", "a" * 201]),
                        not_a_string)).map(_text),
    st.builds(lambda c: {"type": "save", "tab": 0, "content": c}, st.one_of(not_a_string, unsafe_text)).map(_text),
    # numbers too big for Python's int() and frames nested too deep for its json module
    st.integers(min_value=4301, max_value=6000).map(lambda n: ("text", '{"type": "run", "tab": ' + "9" * n + "}")),
    st.integers(min_value=2000, max_value=200_000).map(lambda n: ("text", "[" * n + "]" * n)),
    # a line or a frame just over its limit
    st.integers(min_value=MAX_LINE + 1, max_value=MAX_LINE + 64).map(
        lambda n: _text({"type": "run", "tab": 0, "line": "a" * n})),
    st.integers(min_value=MAX_FRAME + 1, max_value=MAX_FRAME + 4096).map(lambda n: ("text", " " * n)),
    # binary frames
    st.binary(max_size=64).map(lambda b: ("bytes", b)),
)
# Objects of the known types with arbitrary fields: valid or not, each gets an answer.
any_message = st.builds(lambda t, extra: {**extra, "type": t}, st.sampled_from(sorted(FIELDS)),
                        st.dictionaries(st.sampled_from(["tab", "line", "cursor", "seconds", "path", "content",
                                                         "HEADERS", "x"]), values, max_size=4))


# ----------------------------------------------------------------------------- driving a socket by hand
class Driver:
    """One event loop and one socket for all the examples of a test."""

    def __init__(self, path: str, session_key: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.path = path
        self.key = session_key
        self.socket = Socket(path, session_key)
        assert self.do(self.socket.connect())[0]

    def do(self, coro: Awaitable[T]) -> T:
        return self.loop.run_until_complete(coro)

    async def send(self, frame: Frame) -> None:
        kind, payload = frame  # sent raw: the communicator's send_to refuses empty frames
        await self.socket.comm.send_input({"type": "websocket.receive", kind: payload})

    def alive(self) -> bool:
        """The consumer has not crashed (a crash would end its task)."""
        return not self.socket.comm.future.done()

    def close(self) -> None:
        self.do(self.socket.close())
        self.loop.close()


@pytest.fixture
def unlimited(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fuzz sends hundreds of messages a second: lift the per-session command rate."""
    monkeypatch.setattr(limits, "BURST", 1e9)
    monkeypatch.setattr(limits, "RATE", 1e9)


async def _replies_until_sentinel(s: Socket) -> list[Any]:
    """Everything the server sent in answer, up to the sentinel's completions (which are checked)."""
    await s.send(**SENTINEL)
    got = await s.until(lambda m: m == {"type": "completions", "tab": 0, "items": ["kubectl"]}, timeout=10)
    return got[:-1]


async def _still_works(s: Socket) -> None:
    output, done = await s.run("echo still here", tab=7, timeout=10)
    assert (output, done["exit_code"]) == ("still here\n", 0)


def test_bad_frames_get_exactly_one_error_each(session_key, unlimited):
    """Every malformed, mistyped, oversize or binary frame gets one error (a short English sentence) and
    nothing else; the same socket and a fresh one still run commands afterwards."""
    d = Driver("/ws/terminal/sandbox/", session_key)
    d.do(d.socket.until(is_type("ready")))

    @FUZZ
    @given(frame=bad_messages)
    def check(frame: Frame) -> None:
        d.do(d.send(frame))
        replies = d.do(_replies_until_sentinel(d.socket))
        assert len(replies) == 1 and replies[0]["type"] == "error", (frame[1][:200], replies)
        message = replies[0]["message"]
        assert isinstance(message, str) and 0 < len(message) <= 300
        assert d.alive()

    check()
    d.do(_still_works(d.socket))
    d.close()
    fresh = Driver("/ws/terminal/sandbox/", session_key)
    fresh.do(fresh.socket.until(is_type("ready")))
    fresh.do(_still_works(fresh.socket))
    fresh.close()


def test_arbitrary_messages_of_known_types_never_crash_the_consumer(session_key, unlimited):
    """Known types with any fields: an answer or an error, the consumer never dies, and the socket still works."""
    d = Driver("/ws/terminal/sandbox/", session_key)
    d.do(d.socket.until(is_type("ready")))

    @FUZZ
    @given(messages=st.lists(any_message, min_size=1, max_size=4))
    def check(messages: list[dict[str, Any]]) -> None:
        for m in messages:
            d.do(d.send(_text(m)))
        replies = d.do(_replies_until_sentinel(d.socket))
        assert all(isinstance(r, dict) and isinstance(r.get("type"), str) for r in replies)
        assert not any(r["type"] == "error" and r["message"].startswith("internal error") for r in replies), replies
        assert d.alive()

    check()
    d.do(d.socket.send(type="interrupt", tab=7))  # whatever the fuzz left running there
    d.do(d.socket.until(lambda m: is_type("done")(m) and m["tab"] == 7, timeout=10))
    d.do(_still_works(d.socket))
    d.close()


def test_cluster_socket_ignores_junk_and_keeps_pushing(session_key, unlimited):
    """The cluster view's socket drops frames it cannot use (without answering), then still follows the filter."""
    d = Driver("/ws/cluster/sandbox/", session_key)
    first = d.do(d.socket.receive())
    assert first.startswith('<div id="cluster-view"')
    junk = st.one_of(bad_messages, values.map(lambda v: _text({"namespace": v})),
                     st.text(max_size=80).map(lambda t: _text({"namespace": t, "HEADERS": {}})))

    @FUZZ
    @given(frames=st.lists(junk, min_size=1, max_size=3))
    def check(frames: list[Frame]) -> None:
        for frame in frames:
            d.do(d.send(frame))
        d.do(asyncio.sleep(0))
        assert d.alive()

    check()
    d.do(d.socket.send(namespace="kube-system"))
    pushed = d.do(d.socket.until(lambda h: isinstance(h, str) and 'data-namespace="kube-system"' in h, timeout=10))
    assert 'data-pod="coredns-' in pushed[-1]
    d.close()


def test_fuzzed_socket_leaves_the_session_usable_from_a_new_page(session_key, unlimited):
    """After a burst of junk on one page the next page of the same session connects normally."""
    d = Driver("/ws/terminal/sandbox/", session_key)
    d.do(d.socket.until(is_type("ready")))
    for frame in [("text", "{"), ("bytes", b"\xff"), ("text", "[]"), ("text", '{"type": "run", "tab": "x"}')]:
        d.do(d.send(frame))
    d.close()  # disconnect with answers still queued
    other = Driver("/ws/terminal/sandbox/", session_key)
    ready = other.do(other.socket.until(is_type("ready")))[-1]
    assert ready["tabs"]["0"]["running"] is False
    other.do(_still_works(other.socket))
    other.close()
    stranger = Driver("/ws/terminal/sandbox/", new_session())
    stranger.do(stranger.socket.until(is_type("ready")))
    stranger.close()



async def _cancel_everything_else(timeout: float) -> list[str]:
    """Cancel every other task, as asyncio.run does at the end; the names of those still running after ``timeout``."""
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for t in others:
        t.cancel()
    await asyncio.wait(others, timeout=timeout)
    return [t.get_coro().__qualname__ for t in others if not t.done()]


@pytest.mark.parametrize("interrupted", [True, False])
def test_tasks_of_an_open_socket_end_when_cancelled(session_key, interrupted):
    """A worker shutting down (or a test ending) cancels every task; the socket's timer ends too, also
    right after a command finished and woke it (the timer used to sleep on in that case)."""
    d = Driver("/ws/terminal/sandbox/", session_key)
    d.do(d.socket.until(is_type("ready")))
    d.do(d.socket.run("kubectl run web --image=nginx"))
    d.do(d.socket.send(type="run", tab=0, line="kubectl get pods -w"))
    d.do(d.socket.until(is_type("output")))
    if interrupted:
        d.do(d.socket.send(type="interrupt", tab=0))
        d.do(d.socket.until(is_type("done")))
    assert d.do(_cancel_everything_else(3.0)) == []
    d.loop.close()
