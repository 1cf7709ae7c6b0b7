"""The terminal websocket (ws/terminal/<slug>/) through Channels' WebsocketCommunicator."""

from __future__ import annotations

import json

import pytest

from cluster_core import Playground
from tests.web.wsclient import Socket, anew_session, is_type

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

PROMPT = "student@playground:~$ "


async def open_terminal(socket, slug: str = "sandbox", **kw) -> Socket:
    s = socket(f"/ws/terminal/{slug}/", **kw)
    connected, _ = await s.connect()
    assert connected
    await s.until(is_type("ready"))
    return s


async def test_ready_message_gives_prompt_and_clock(socket):
    """On connect the server says which tabs exist, their prompt, and whether the clock is paused."""
    s = socket("/ws/terminal/sandbox/")
    assert (await s.connect())[0]
    ready = await s.receive()
    assert ready["type"] == "ready"
    assert ready["lesson"] == "sandbox"
    assert ready["paused"] is False
    assert ready["tabs"]["0"] == {"prompt": PROMPT, "running": False, "history": [], "edit": None}
    await s.close()


async def test_run_get_pods_streams_output_and_done(socket):
    """`kubectl get pods` on a fresh sandbox prints kubectl's message and finishes with exit code 0."""
    s = await open_terminal(socket)
    output, done = await s.run("kubectl get pods")
    assert output == "No resources found in default namespace.\n"
    assert done == {"type": "done", "tab": 0, "exit_code": 0, "prompt": PROMPT}
    await s.close()


async def test_failed_command_reports_its_exit_code(socket):
    """A command that fails sends its error text and a non-zero exit code."""
    s = await open_terminal(socket)
    output, done = await s.run("kubectl get pod nope")
    assert output == 'Error from server (NotFound): pods "nope" not found\n'
    assert done["exit_code"] == 1
    await s.close()


async def test_interrupt_stops_a_watch(socket):
    """`kubectl get pods -w` keeps running (no done) until the client sends interrupt (Ctrl-C)."""
    s = await open_terminal(socket)
    await s.run("kubectl run nginx --image=nginx")
    await s.send(type="run", tab=0, line="kubectl get pods -w")
    first = await s.until(is_type("output"))
    assert first[-1]["data"].startswith("NAME    READY   STATUS    RESTARTS   AGE\nnginx   0/1     Pending")
    assert not any(is_type("done")(m) for m in first)
    await s.send(type="interrupt", tab=0)
    got = await s.until(is_type("done"))
    assert "".join(m["data"] for m in got if is_type("output")(m)).endswith("^C")  # kubectl exits by itself: no newline
    assert got[-1] == {"type": "done", "tab": 0, "exit_code": 1, "prompt": PROMPT}
    await s.close()


async def test_watch_streams_changes_as_time_passes(socket):
    """A running watch prints new rows when the cluster changes, without any client message."""
    s = await open_terminal(socket)
    await s.run("kubectl run nginx --image=nginx")
    await s.send(type="run", tab=0, line="kubectl get pods -w")
    await s.until(is_type("output"))
    got = await s.until(lambda m: is_type("output")(m) and "ContainerCreating" in m["data"], timeout=4)
    assert not any(is_type("done")(m) for m in got)
    await s.send(type="interrupt", tab=0)
    await s.until(is_type("done"))
    await s.close()


async def test_completion(socket):
    """`complete` answers with the shell's candidates for the word before the cursor."""
    s = await open_terminal(socket)
    await s.send(type="complete", tab=0, line="kub", cursor=3)
    got = await s.until(is_type("completions"))
    assert got[-1] == {"type": "completions", "tab": 0, "items": ["kubectl"]}
    await s.close()


@pytest.mark.parametrize(("frame", "message"), [
    ("{not json", "malformed JSON"),
    ("[1, 2]", "a message must be a JSON object"),
    ('{"type": "dance"}', "unknown message type 'dance'"),
    ('{"line": "ls"}', "unknown message type None"),
    ('{"type": "run", "tab": "0", "line": "ls"}', "'tab' must be an integer"),
    ('{"type": "run", "tab": 99, "line": "ls"}', "'tab' must be between 0 and 7"),
    ('{"type": "run", "tab": 0}', "'line' must be a string"),
    (json.dumps({"type": "run", "tab": 0, "line": "x" * 20000}), "'line' is too long (at most 16384 characters)"),
    ('{"type": "complete", "tab": 0, "line": "ls", "cursor": 5}', "'cursor' must be between 0 and 2"),
    ('{"type": "advance", "seconds": -3}', "'seconds' must be a number above 0 and at most 86400"),
    ('{"type": "write_file", "path": "../etc/passwd", "content": ""}',
     "'path' must be a relative file name in the home directory"),
    ("x" * (600 * 1024), "send JSON text frames of at most 524288 bytes"),
])
async def test_bad_messages_get_an_error_and_the_socket_stays_usable(socket, frame, message):
    """Malformed or invalid messages are answered with an error; the next command still runs."""
    s = await open_terminal(socket)
    await s.send_text(frame)
    got = await s.until(is_type("error"))
    assert got[-1] == {"type": "error", "message": message}
    output, done = await s.run("echo still here")
    assert (output, done["exit_code"]) == ("still here\n", 0)
    await s.close()


async def test_binary_frames_are_refused(socket):
    """A binary frame gets an error: the protocol is JSON text."""
    s = await open_terminal(socket)
    await s.comm.send_to(bytes_data=b"\x00\x01")
    got = await s.until(is_type("error"))
    assert got[-1]["message"] == "send JSON text frames of at most 524288 bytes"
    await s.close()


async def test_editor_messages_without_an_engine_editor(socket, monkeypatch):
    """`save`/`cancel` answer an error while the engine has no editor; the socket stays usable."""
    monkeypatch.delattr(Playground, "editor_save", raising=False)
    monkeypatch.delattr(Playground, "editor_cancel", raising=False)
    s = await open_terminal(socket)
    await s.send(type="save", tab=0, content="x")
    assert (await s.until(is_type("error")))[-1] == {"type": "error", "message": "the editor is not available yet",
                                                     "tab": 0}
    await s.send(type="cancel", tab=0)
    assert (await s.until(is_type("error")))[-1]["message"] == "the editor is not available yet"
    assert (await s.run("true"))[1]["exit_code"] == 0
    await s.close()


async def test_editor_pane_round_trip(socket):
    """`nano FILE` opens the pane (an `edit` message, no `done`); `save` writes the file and ends the command."""
    s = await open_terminal(socket)
    await s.send(type="run", tab=0, line="nano hello.txt")
    edit = (await s.until(is_type("edit")))[-1]
    assert (edit["tab"], edit["path"], edit["content"], edit["mode"]) == (0, "/home/student/hello.txt", "", "file")
    assert not any(is_type("done")(m) for m in s.seen)
    await s.send(type="save", tab=0, content="hi\n")
    assert (await s.until(is_type("done")))[-1]["exit_code"] == 0
    assert (await s.run("cat hello.txt"))[0] == "hi\n"
    await s.close()


async def test_editor_reopens_after_a_reload(socket):
    """A pane still open when the page reloads comes back in `ready`; cancel closes it."""
    s = await open_terminal(socket)
    await s.run("echo old > f.txt")
    await s.send(type="run", tab=0, line="vi f.txt")
    await s.until(is_type("edit"))
    await s.close()
    s2 = socket("/ws/terminal/sandbox/")
    assert (await s2.connect())[0]
    ready = (await s2.until(is_type("ready")))[-1]
    assert ready["tabs"]["0"]["running"] is True
    assert (ready["tabs"]["0"]["edit"]["path"], ready["tabs"]["0"]["edit"]["content"]) == ("/home/student/f.txt", "old\n")
    await s2.send(type="cancel", tab=0)
    assert (await s2.until(is_type("done")))[-1]["exit_code"] == 0
    assert (await s2.run("cat f.txt"))[0] == "old\n"
    await s2.close()


async def test_state_survives_a_new_connection(socket):
    """A new socket after the first one closes (and a cold cache: a restart) sees the same cluster."""
    from playground.services import store

    s = await open_terminal(socket)
    await s.run("kubectl run nginx --image=nginx")
    await s.run("echo hello > note.txt")
    await s.close()
    store._cache.clear()
    s2 = await open_terminal(socket)
    output, _ = await s2.run("kubectl get pods -o name; cat note.txt")
    assert output == "pod/nginx\nhello\n"
    await s2.close()


async def test_history_comes_back_in_ready(socket):
    """The shell history of a tab is in the ready message of the next connection (for the up arrow)."""
    s = await open_terminal(socket)
    await s.run("echo one")
    await s.close()
    s2 = socket("/ws/terminal/sandbox/")
    assert (await s2.connect())[0]
    ready = (await s2.until(is_type("ready")))[-1]
    assert ready["tabs"]["0"]["history"] == ["echo one"]
    await s2.close()


async def test_one_session_cannot_reach_another_sessions_cluster(socket):
    """Two sessions on the same lesson slug get two clusters: B never sees A's pod."""
    a = await open_terminal(socket)
    await a.run("kubectl run secret-pod --image=nginx")
    b = await open_terminal(socket, key=await anew_session())
    output, _ = await b.run("kubectl get pods")
    assert output == "No resources found in default namespace.\n"
    await a.close()
    await b.close()


@pytest.mark.parametrize("key", [None, "forgedsessionkeythatdoesnotexist0"])
async def test_socket_without_a_known_session_is_refused(socket, key):
    """No session cookie, or a key the database does not know: the handshake is refused."""
    s = socket("/ws/terminal/sandbox/", key=key)
    assert await s.connect() == (False, 4401)


async def test_socket_from_a_foreign_origin_is_refused(socket):
    """The Origin must be one of ALLOWED_HOSTS."""
    s = socket("/ws/terminal/sandbox/", origin=b"http://evil.example")
    connected, _ = await s.connect()
    assert not connected


async def test_unknown_lesson_is_refused(socket):
    """A slug that is neither a lesson nor the sandbox closes with 4404."""
    s = socket("/ws/terminal/no-such-lesson/")
    assert await s.connect() == (False, 4404)


async def test_two_tabs_share_files_not_shells(socket):
    """Tab 1 has its own shell (cwd) but the same home directory."""
    s = await open_terminal(socket)
    await s.run("mkdir d && cd d", tab=0)
    output, done = await s.run("pwd; ls", tab=1)
    assert output == "/home/student\nd\n"
    assert done["prompt"] == PROMPT
    _, done0 = await s.run("true", tab=0)
    assert done0["prompt"] == "student@playground:~/d$ "
    await s.close()
