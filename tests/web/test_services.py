"""Services: saving with a version check, undo snapshots, reset, time controls, history."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster_core import Playground
from playground.models import UNDO_DEPTH, Cluster, ClusterCore, Command, Snapshot, StepProgress
from playground.services import history, store, terminal, timectl

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk() -> int:
    return store.ensure_cluster("s:test-owner", "sandbox")


def pods(pk: int) -> list[str]:
    return store.read(pk, lambda loaded: [p["metadata"]["name"] for p in loaded.pg.cluster.list("Pod", "default")])


def core_text(pk: int) -> str:
    return ClusterCore.objects.values_list("state", flat=True).get(cluster_id=pk)


def overwrite(pk: int, pg: Playground, version: int) -> None:
    """Save ``pg`` as another worker would, bypassing this worker's cache."""
    light, core = store.split(pg.to_state())
    Cluster.objects.filter(pk=pk).update(state=light, version=version)
    ClusterCore.objects.filter(cluster_id=pk).update(state=store.dumps(core))


def test_ensure_cluster_is_idempotent_per_owner_and_lesson(pk):
    """The same owner and lesson get the same cluster; another owner gets another one."""
    assert store.ensure_cluster("s:test-owner", "sandbox") == pk
    assert store.ensure_cluster("s:someone-else", "sandbox") != pk


def test_every_command_is_saved_with_a_new_version(pk):
    """A command bumps the version and the saved state has its effect (read back cold)."""
    v0 = Cluster.objects.get(pk=pk).version
    r = terminal.run(pk, 0, "kubectl run nginx --image=nginx")
    assert (r.output, r.exit_code, r.running, r.changed) == ("pod/nginx created\n", 0, False, True)
    assert Cluster.objects.get(pk=pk).version == v0 + 1
    assert Playground.from_state(store.saved_row(pk)).cluster.get("Pod", "default", "nginx") is not None


def test_no_lost_update_when_another_worker_saves_first(pk):
    """If another worker saves between our load and our save, ours is retried on top of theirs."""
    other = Playground.from_state(store.saved_row(pk))
    other.execute("kubectl run theirs --image=nginx")
    calls = []

    def ours(loaded: store.Loaded, tx: store.Tx) -> None:
        calls.append(loaded.version)
        if len(calls) == 1:  # the other worker commits while we are working
            overwrite(pk, other, loaded.version + 1)
        loaded.pg.execute("kubectl run ours --image=nginx")

    store.mutate(pk, ours)
    assert len(calls) == 2 and calls[1] == calls[0] + 1
    store._cache.clear()
    assert sorted(pods(pk)) == ["ours", "theirs"]


def test_a_stale_cache_is_caught_by_the_save_and_the_command_runs_again(pk):
    """Another worker saved after our cache was filled: our first try is refused by the version
    check, and the command runs again on their state (its output is the second run's)."""
    terminal.run(pk, 0, "true")  # fills the cache
    row = Cluster.objects.get(pk=pk)
    other = Playground.from_state(store.saved_row(pk))
    other.execute("kubectl run theirs --image=nginx")
    overwrite(pk, other, row.version + 1)
    r = terminal.run(pk, 0, "kubectl get pods -o name")
    assert r.output == "pod/theirs\n"
    assert Cluster.objects.get(pk=pk).version == row.version + 2


def test_a_read_only_command_rewrites_only_the_small_part_of_the_state(pk):
    """`kubectl get pods` saves the clock and shell; the objects and simulation are left as saved."""
    terminal.run(pk, 0, "kubectl run web --image=nginx")
    before, core_before = Cluster.objects.get(pk=pk), core_text(pk)
    with CaptureQueriesContext(connection) as ctx:
        terminal.run(pk, 0, "kubectl get pods")
    writes = [q["sql"].replace('"', "").split()[:3] for q in ctx.captured_queries
              if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == [["UPDATE", "playground_cluster", "SET"], ["INSERT", "INTO", "playground_command"]]
    after = Cluster.objects.get(pk=pk)
    assert (after.version, core_text(pk)) == (before.version + 1, core_before)
    assert after.state != before.state  # the shell's history has the new line
    terminal.run(pk, 0, "kubectl delete pod web --wait=false")
    assert core_text(pk) != core_before


def test_the_two_saved_parts_make_the_whole_state_again(pk):
    """split, then whole: the same dict as to_state() (undo snapshots keep the whole text)."""
    pg = Playground.new(seed=7)
    pg.execute("kubectl run web --image=nginx")
    state = pg.to_state()
    light, parts = store.split(state)
    core = store.dumps(parts)
    assert set(json.loads(core)) == set(store.CORE_KEYS)
    assert not set(json.loads(light)) & set(store.CORE_KEYS)
    assert json.loads(store.whole(light, core)) == json.loads(store.dumps(state))
    assert store.saved_state(light, core) == json.loads(store.dumps(state))


def test_read_only_commands_take_no_undo_snapshot(pk):
    """`kubectl get pods` changes nothing, so there is nothing to undo for it."""
    terminal.run(pk, 0, "kubectl get pods")
    assert Snapshot.objects.filter(cluster_id=pk).count() == 0
    assert list(Command.objects.values_list("line", "exit_code")) == [("kubectl get pods", 0)]


def test_undo_restores_the_state_before_the_last_changing_command(pk):
    """Undo after `run a; run b; get pods` removes b (and the get), then a; then there is nothing left."""
    terminal.run(pk, 0, "kubectl run a --image=nginx")
    terminal.run(pk, 0, "kubectl run b --image=nginx")
    terminal.run(pk, 0, "kubectl get pods")
    done = history.undo(pk)
    assert (done.ok, done.line) == (True, "kubectl run b --image=nginx")
    assert pods(pk) == ["a"]
    assert list(Command.objects.filter(undone=False).values_list("line", flat=True)) == ["kubectl run a --image=nginx"]
    assert history.undo(pk).line == "kubectl run a --image=nginx"
    assert pods(pk) == []
    assert history.undo(pk).ok is False


def test_undo_never_turns_the_clock_back(pk):
    """After a fast-forward, undoing an earlier command keeps simulated time where it was."""
    terminal.run(pk, 0, "kubectl run a --image=nginx")
    after_ff = timectl.advance(pk, 300).now
    history.undo(pk)
    assert timectl.current(pk).now >= after_ff


def test_a_saved_file_can_be_undone(pk):
    """"Save as file" is undoable like a command, and in the history as the here-document it amounts to."""
    assert terminal.write_file(pk, "a.yaml", "kind: Pod\n") is True
    assert store.read(pk, lambda loaded: loaded.pg.list_files()) == ["a.yaml"]
    assert Command.objects.get().line == "cat <<'EOF' > a.yaml\nkind: Pod\nEOF"
    done = history.undo(pk)
    assert (done.ok, done.line) == (True, "cat <<'EOF' > a.yaml\nkind: Pod\nEOF")
    assert store.read(pk, lambda loaded: loaded.pg.list_files()) == []


def test_a_running_command_that_changes_later_keeps_its_snapshot(pk):
    """`sleep 1; kubectl run x` changes nothing at first (pending snapshot), then creates x: undoable."""
    r = terminal.run(pk, 0, "sleep 1; kubectl run x --image=nginx")
    assert r.running and not r.changed
    assert list(Snapshot.objects.values_list("pending", flat=True)) == [True]
    timectl.advance(pk, 2)
    r = terminal.poll(pk, 0)
    assert (r.output, r.running, r.changed) == ("pod/x created\n", False, True)
    assert list(Snapshot.objects.values_list("pending", flat=True)) == [False]
    assert Command.objects.get().exit_code == 0
    history.undo(pk)
    assert pods(pk) == []


def test_a_running_command_that_changes_nothing_leaves_no_snapshot(pk):
    """A watch interrupted with Ctrl-C drops its pending snapshot."""
    terminal.run(pk, 0, "kubectl get pods -w")
    r = terminal.interrupt(pk, 0)
    # kubectl catches SIGINT during a watch and exits 1 itself (so bash adds no newline after ^C).
    assert (r.output, r.exit_code) == ("^C", 1)
    assert Snapshot.objects.count() == 0
    assert Command.objects.get().exit_code == 1


def test_undo_keeps_only_the_last_snapshots(pk):
    """The undo stack is bounded."""
    for i in range(UNDO_DEPTH + 3):
        terminal.run(pk, 0, f"echo {i} > f{i}")
    assert Snapshot.objects.filter(cluster_id=pk).count() == UNDO_DEPTH


def test_reset_gives_a_fresh_cluster_and_keeps_progress(pk):
    """Reset empties the cluster, the history and the undo stack; passed steps stay passed."""
    terminal.run(pk, 0, "kubectl run a --image=nginx")
    StepProgress.objects.create(cluster_id=pk, step_id="s1", passed_at="2026-01-01T00:00:00Z")
    assert history.reset(pk) == "student@playground:~$ "
    assert pods(pk) == []
    assert Command.objects.count() == 0 and Snapshot.objects.count() == 0
    assert StepProgress.objects.filter(cluster_id=pk).count() == 1


def test_pause_resume_and_the_wait_for_the_next_change(pk):
    """While paused nothing is due; a new pod's first change is due within two seconds (the kubelet acts on
    whole seconds)."""
    terminal.run(pk, 0, "kubectl run a --image=nginx")
    wait = timectl.current(pk).wait
    assert wait is not None and 0 < wait <= 2.1
    paused = timectl.pause(pk)
    assert paused.paused is True and paused.wait is None
    timectl.advance(pk, 30)  # fast-forward works while paused
    assert store.read(pk, lambda loaded: loaded.pg.cluster.get("Pod", "default", "a")["status"]["phase"]) == "Running"
    assert timectl.resume(pk).paused is False


def test_completion_is_read_only(pk):
    """Completion answers from the shell and saves nothing."""
    v = Cluster.objects.get(pk=pk).version
    assert terminal.complete(pk, 0, "kub", 3) == ["kubectl"]
    assert Cluster.objects.get(pk=pk).version == v
