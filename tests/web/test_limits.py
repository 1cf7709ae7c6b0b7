"""Limits, each with a clear message, and a refused command changes nothing (cluster, files, history).

Line and frame size, the session's command rate, open sockets per session, files per home and file
size (the shell's), objects and replicas per cluster (the engine's ``Limits``), and YAML alias
bombs or deeply nested manifests, all through the terminal websocket.
"""

from __future__ import annotations

import json

import pytest
from asgiref.sync import sync_to_async

from cluster_core.api.server import Limits
from playground.consumers import limits
from playground.consumers.limits import SessionGuard, TokenBucket
from playground.consumers.validate import MAX_FRAME, MAX_LINE
from playground.models import Cluster, Command, Snapshot
from playground.services import store
from tests.web.wsclient import Socket, is_type

ws = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

REPLICASET = """apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: big
spec:
  replicas: {n}
  selector:
    matchLabels: {{app: big}}
  template:
    metadata:
      labels: {{app: big}}
    spec:
      containers:
      - name: c
        image: nginx
"""
# Each level holds nine of the one before: 9**7 (4.8 million) strings once expanded.
ALIAS_BOMB = "".join(
    [f"{a}: &{a} [{', '.join(['x'] * 9 if a == 'a' else [f'*{p}'] * 9)}]\n"
     for p, a in zip(" abcdef", "abcdefg", strict=True)])
DEEP = "a: " + "[" * 150 + "]" * 150 + "\n"


async def open_terminal(socket, **kw) -> Socket:
    s = socket("/ws/terminal/sandbox/", **kw)
    assert (await s.connect())[0]
    await s.until(is_type("ready"))
    return s


@sync_to_async
def saved() -> tuple[int, list[str], int]:
    """The sandbox cluster's saved version, its command history and how many undo snapshots it has."""
    cluster = Cluster.objects.get()
    lines = list(Command.objects.filter(cluster=cluster).values_list("line", flat=True))
    return cluster.version, lines, Snapshot.objects.filter(cluster=cluster).count()


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Stop the consumers' clock (the rate limiter's time); move it with ``frozen[0] += s``."""
    now = [1000.0]
    monkeypatch.setattr(limits, "clock", lambda: now[0])
    return now


# ----------------------------------------------------------------------------- token bucket
def test_token_bucket_allows_a_burst_then_the_rate():
    """40 at once, then none; 20 a second come back, never more than the burst."""
    bucket = TokenBucket.full(0.0, rate=20, burst=40)
    assert [bucket.take(0.0) for _ in range(41)] == [True] * 40 + [False]
    assert bucket.take(0.04) is False  # 0.8 of a token
    assert bucket.take(0.05) is True
    assert [bucket.take(100.0) for _ in range(41)] == [True] * 40 + [False]


def test_token_bucket_ignores_a_clock_going_backwards():
    """A stamp in the past refills nothing (and takes nothing extra)."""
    bucket = TokenBucket.full(10.0, rate=20, burst=1)
    assert bucket.take(10.0) is True
    assert bucket.take(5.0) is False
    assert bucket.take(10.05) is True


def test_guard_counts_sockets_per_owner_and_kind():
    """Eight terminals and eight cluster views per owner; closing one frees its place."""
    guard = SessionGuard()
    assert [guard.open_socket("s:a", "terminal") for _ in range(9)] == [True] * 8 + [False]
    assert guard.open_socket("s:a", "cluster") is True
    assert guard.open_socket("s:b", "terminal") is True
    guard.close_socket("s:a", "terminal")
    assert guard.open_count("s:a", "terminal") == 7
    assert guard.open_socket("s:a", "terminal") is True


def test_guard_forgets_the_least_recent_buckets(monkeypatch):
    """Buckets are bounded: the oldest owner's is dropped (and starts full if it comes back)."""
    monkeypatch.setattr(limits, "MAX_TRACKED", 2)
    guard = SessionGuard()
    for owner in ("s:a", "s:b", "s:c"):
        guard.allow_command(owner, 0.0)
    assert list(guard.buckets) == ["s:b", "s:c"]


# ----------------------------------------------------------------------------- command rate
async def answers(s: Socket, kind: str, n: int) -> None:
    """Wait until ``n`` messages of ``kind`` have arrived."""
    await s.until(lambda _m: sum(1 for m in s.seen if is_type(kind)(m)) >= n)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_too_many_commands_are_refused_and_change_nothing(socket, frozen):
    """With the clock stopped, the 41st message gets "Too many commands: slow down" (with its tab, so
    the tab gets its prompt back); nothing reaches the cluster; a moment later commands run again."""
    s = await open_terminal(socket)
    for _i in range(38):
        await s.send(type="complete", tab=0, line="kub", cursor=3)
    await answers(s, "completions", 38)
    assert (await s.run("kubectl run first --image=nginx"))[0] == "pod/first created\n"  # the 39th
    assert (await s.run("touch tab1-file", tab=1))[1]["exit_code"] == 0  # the 40th
    before = await saved()
    await s.send(type="run", tab=0, line="kubectl run second --image=nginx")
    assert (await s.until(is_type("error")))[-1] == {"type": "error", "message": "Too many commands: slow down",
                                                     "tab": 0}
    await s.send_text("not even json")
    assert (await s.until(is_type("error")))[-1] == {"type": "error", "message": "Too many commands: slow down"}
    assert await saved() == before
    frozen[0] += 0.1  # two tokens back (20 a second)
    assert (await s.run("kubectl get pods -o name"))[0] == "pod/first\n"
    assert (await saved())[1] == ["kubectl run first --image=nginx", "touch tab1-file", "kubectl get pods -o name"]
    await s.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_rate_is_per_session_not_per_socket(socket, frozen):
    """A second page of the same session shares the budget; another session has its own."""
    from tests.web.wsclient import anew_session

    a = await open_terminal(socket)
    b = await open_terminal(socket)
    for _i in range(40):
        await a.send(type="complete", tab=0, line="ls", cursor=2)
    await answers(a, "completions", 40)
    await b.send(type="run", tab=0, line="true")
    assert (await b.until(is_type("error")))[-1]["message"] == "Too many commands: slow down"
    other = await open_terminal(socket, key=await anew_session())
    assert (await other.run("true"))[1]["exit_code"] == 0
    for s in (a, b, other):
        await s.close()


# ----------------------------------------------------------------------------- open sockets
async def _refused(s: Socket) -> dict:
    """The close message after an accepted-then-refused handshake."""
    return await s.comm.receive_output(5)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_ninth_terminal_is_told_why_and_closed(socket, session_key):
    """Eight terminal sockets per session; the ninth gets an error in its terminal, then close code 4429.
    Closing one makes room again."""
    open_ = [await open_terminal(socket) for _ in range(8)]
    extra = socket("/ws/terminal/sandbox/")
    assert (await extra.connect())[0]
    assert await extra.receive() == {"type": "error", "message": (
        "Too many terminals open for this session (at most 8): close another page of the playground, "
        "then reload this one")}
    assert await _refused(extra) == {"type": "websocket.close", "code": 4429,
                                     "reason": "at most 8 terminals per session"}
    await open_[0].close()
    again = await open_terminal(socket)
    assert (await again.run("echo ok"))[0] == "ok\n"
    for s in [*open_[1:], again]:
        await s.close()
    assert limits.guard.open_count("s:" + session_key, "terminal") == 0  # every place given back


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_ninth_cluster_view_is_closed(socket):
    """Eight cluster-view sockets per session; the ninth is closed with 4429 and a reason."""
    views = []
    for _ in range(8):
        v = socket("/ws/cluster/sandbox/")
        assert (await v.connect())[0]
        await v.receive()
        views.append(v)
    extra = socket("/ws/cluster/sandbox/")
    assert (await extra.connect())[0]
    assert await _refused(extra) == {"type": "websocket.close", "code": 4429,
                                     "reason": "at most 8 cluster views per session"}
    for v in views:
        await v.close()


# ----------------------------------------------------------------------------- sizes
@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_line_length_limit(socket):
    """A run line of 16 KiB is taken; one character more is refused and leaves no trace."""
    s = await open_terminal(socket)
    word = "x" * (MAX_LINE - len("echo "))
    output, done = await s.run("echo " + word)
    assert (output, done["exit_code"]) == (word + "\n", 0)
    before = await saved()
    await s.send(type="run", tab=0, line="touch f; echo " + word)
    assert (await s.until(is_type("error")))[-1] == {
        "type": "error", "message": "'line' is too long (at most 16384 characters)"}
    assert await saved() == before
    assert (await s.run("ls"))[0] == ""
    await s.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_frame_size_limit(socket):
    """A frame over 512 KiB is refused as a whole, even a well-formed one."""
    s = await open_terminal(socket)
    frame = json.dumps({"type": "write_file", "tab": 0, "path": "big.txt", "content": "y" * MAX_FRAME})
    before = await saved()
    await s.send_text(frame)
    assert (await s.until(is_type("error")))[-1] == {
        "type": "error", "message": "send JSON text frames of at most 524288 bytes"}
    assert await saved() == before
    await s.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_files_per_home_directory(socket):
    """The home holds 500 files and directories (~/.kube/config among them): the shell says "No space
    left on device", and so does "Save as file", which then saves nothing (no undo step either)."""
    s = await open_terminal(socket)
    output, done = await s.run("touch " + " ".join(f"f{i}" for i in range(520)) + " 2>&1 | tail -1; ls | wc -l")
    assert output == "touch: cannot touch 'f519': No space left on device\n498\n"
    output, done = await s.run("echo hi > more.txt")
    assert (output, done["exit_code"]) == ("bash: more.txt: No space left on device\n", 1)
    before = await saved()
    await s.send(type="write_file", tab=0, path="web.yaml", content="kind: Pod\n")
    assert (await s.until(is_type("error")))[-1] == {
        "type": "error", "message": "web.yaml: No space left on device", "tab": 0}
    assert await saved() == before
    await s.send(type="write_file", tab=0, path="dir/web.yaml", content="kind: Pod\n")
    assert (await s.until(is_type("error")))[-1]["message"] == "dir/web.yaml: No space left on device"
    assert (await s.run("ls -d dir web.yaml 2>&1"))[0] == (
        "ls: cannot access 'dir': No such file or directory\nls: cannot access 'web.yaml': No such file or directory\n")
    await s.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_file_size_limit(socket):
    """A file stops at 1 MiB: output past it is cut with a note, and appending says "File too large"."""
    s = await open_terminal(socket)
    await s.run("echo " + "x" * 16000 + " > a")
    output, _ = await s.run("cat a a a a a a a a > b; cat b b b b b b b b b > c; wc -c c")
    assert output == "bash: cat: output truncated after 1 MiB\n1048576 c\n"
    output, _ = await s.run("echo more >> c; wc -c c")
    assert output == "bash: echo: write error: File too large\n1048576 c\n"
    await s.close()


# ----------------------------------------------------------------------------- the engine's Limits
async def _cap(extra_pods: int, extra_objects: int) -> tuple[int, int]:
    """Leave room for a few more pods and objects in the sandbox cluster (saved with it): the new caps."""
    from cluster_core.api import resources

    def apply(loaded, tx) -> tuple[int, int]:
        srv = loaded.pg.server
        objects = sum(srv.count(r.kind) for r in resources.RESOURCES if r.kind not in ("Pod", "Event"))
        srv.limits = Limits(max_pods=srv.count("Pod") + extra_pods, max_objects=objects + extra_objects)
        return srv.limits.max_pods, srv.limits.max_objects

    return await sync_to_async(lambda: store.mutate(Cluster.objects.get().pk, apply))()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_pod_and_object_limits_reach_the_terminal(socket):
    """The cluster's caps on pods and objects answer as a Forbidden error in the terminal; nothing is created."""
    s = await open_terminal(socket)
    pods, objects = await _cap(extra_pods=2, extra_objects=1)
    for name in ("one", "two"):
        assert (await s.run(f"kubectl run {name} --image=nginx"))[0] == f"pod/{name} created\n"
    output, done = await s.run("kubectl run three --image=nginx")
    assert (output, done["exit_code"]) == (
        f'Error from server (Forbidden): pods "three" is forbidden: this playground allows at most {pods} pods\n', 1)
    assert (await s.run("kubectl create namespace team-a"))[0] == "namespace/team-a created\n"
    output, done = await s.run("kubectl create namespace team-b")
    assert (output, done["exit_code"]) == (
        f'Error from server (Forbidden): namespaces "team-b" is forbidden: this playground allows at most '
        f'{objects} objects\n', 1)
    assert (await s.run("kubectl get pods -o name; kubectl get ns team-b -o name"))[0] == (
        "pod/one\npod/two\n" 'Error from server (NotFound): namespaces "team-b" not found\n')
    await s.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_replica_limit_reaches_the_terminal(socket):
    """A ReplicaSet asking for more than 2000 replicas is refused with the playground's message."""
    s = await open_terminal(socket)
    await s.send(type="write_file", tab=0, path="rs.yaml", content=REPLICASET.format(n=5000))
    await s.until(is_type("file_saved"))
    output, done = await s.run("kubectl apply -f rs.yaml")
    assert (output, done["exit_code"]) == (
        'Error from server (Forbidden): error when creating "rs.yaml": replicasets.apps "big" is forbidden: '
        "this playground allows at most 2000 replicas\n", 1)
    assert (await s.run("kubectl get rs,pods -o name 2>/dev/null | wc -l"))[0] == "0\n"
    await s.close()


# ----------------------------------------------------------------------------- hostile YAML
@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("content", "message"), [
    (ALIAS_BOMB, "error: yaml: document contains excessive aliasing\n"),
    (DEEP, "error: yaml: exceeded max depth of 100\n"),
])
async def test_yaml_bombs_are_refused(socket, content, message):
    """An alias bomb or a 150-deep document, saved as a file or typed as a here-document, is refused
    before it is expanded; the cluster is unchanged and the socket keeps working."""
    s = await open_terminal(socket)
    await s.send(type="write_file", tab=0, path="bomb.yaml", content=content)
    await s.until(is_type("file_saved"))
    output, done = await s.run("kubectl apply -f bomb.yaml")
    assert (output, done["exit_code"]) == (message, 1)
    output, done = await s.run("kubectl create -f - <<'EOF'\n" + content + "EOF")
    assert (output, done["exit_code"]) == (message, 1)
    assert (await s.run("kubectl get pods,rs,ds,jobs -o name 2>/dev/null | wc -l"))[0] == "0\n"
    await s.close()
