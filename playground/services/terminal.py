"""Terminal input: run a line, poll a running command, Ctrl-C, completion, files, the editor.

Each call is one mutation (saved before the caller answers the browser). The command line goes
into the history the lesson checks read; the state before a command that changed the cluster or
the files becomes an undo snapshot. A command that keeps running (``sleep 5; kubectl run ...``)
gets a *pending* snapshot that is kept only if it changes something before it ends.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone

from cluster_core import Playground
from cluster_core.shell import VfsError

from ..models import UNDO_DEPTH, Command, Snapshot
from .store import Loaded, Tx, dumps, mutate, read, whole
from .timectl import seconds_until_next_change


class FileRefused(Exception):
    """The home directory refused a saved file (``x.yaml: No space left on device``, ``File too large``)."""


class EditorUnavailable(Exception):
    """The engine has no editor yet (``Playground.editor_save`` / ``editor_cancel`` missing)."""


@dataclass
class TabResult:
    """What one terminal call produced for one tab, as the consumer sends it."""

    tab: int
    output: str
    running: bool
    exit_code: int
    prompt: str
    changed: bool  # the cluster or the files changed: other views must refresh
    wait: float | None  # seconds until the next change is due (None: nothing due, or paused)
    edit: dict[str, Any] | None = None


def fingerprint(pg: Playground) -> tuple[Any, ...]:
    """What a command can change that undo must restore: the API objects and the home directory."""
    return (pg.server.resource_version, pg.shell.shell.fs.to_state())


def prompt(pg: Playground, tab: int) -> str:
    return pg.shell.shell.prompt(tab)


def busy_tabs(pg: Playground) -> list[int]:
    """Tabs with a foreground command or a background job still running."""
    return sorted(tab for tab, s in pg.shell.shell.sessions.items()
                  if s.fg is not None or any(j.get("state") == "running" for j in s.jobs))


def editor_view(pg: Playground, tab: int) -> dict[str, Any] | None:
    """The editor pane the tab's command waits in (``vi FILE``, ``kubectl edit``), if the engine has one.

    ``{"path", "content", "mode", "program", "message", "needs_name"}`` (``Playground.editor``).
    """
    editor = getattr(pg, "editor", None)
    view = editor(tab) if callable(editor) else None
    return dict(view) if isinstance(view, dict) else None


def _result(pg: Playground, tab: int, r: Any, changed: bool, before: dict[str, Any] | None = None,
            always_edit: bool = False) -> TabResult:
    """The call's result; ``edit`` when an editor is open and new (or changed, or ``always_edit``)."""
    view = editor_view(pg, tab)
    edit = view if view is not None and (always_edit or view != before) else None
    return TabResult(tab, r.output, bool(r.running), int(r.exit_code), prompt(pg, tab), changed,
                     seconds_until_next_change(pg), edit)


_ADD_COMMAND_SQL = (f"INSERT INTO {Command._meta.db_table} (cluster_id, tab, line, exit_code, started, finished, undone)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id")


def add_command(cluster_pk: int, tab: int, line: str, exit_code: int | None, finished: bool) -> int:
    """A history row for a typed line (the id): plain SQL, as every command writes one (see ``store``)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_ADD_COMMAND_SQL, [cluster_pk, tab, line, exit_code, now, now if finished else None, False])
        return int(cursor.fetchone()[0])


def _open_command(cluster_pk: int, tab: int) -> Command | None:
    return Command.objects.filter(cluster_id=cluster_pk, tab=tab, finished__isnull=True).last()


def _finish(cluster_pk: int, tab: int, exit_code: int) -> None:
    cmd = _open_command(cluster_pk, tab)
    if cmd is not None:
        Command.objects.filter(pk=cmd.pk).update(exit_code=exit_code, finished=timezone.now())
        Snapshot.objects.filter(cluster_id=cluster_pk, command=cmd, pending=True).delete()


def _trim_snapshots(cluster_pk: int) -> None:
    keep = list(Snapshot.objects.filter(cluster_id=cluster_pk, pending=False)
                .order_by("-id").values_list("id", flat=True)[:UNDO_DEPTH])
    if len(keep) == UNDO_DEPTH:
        Snapshot.objects.filter(cluster_id=cluster_pk, pending=False, id__lt=keep[-1]).delete()


def run(cluster_pk: int, tab: int, line: str) -> TabResult:
    """Start a terminal input in a tab; saved with its history entry and undo snapshot."""
    def apply(loaded: Loaded, tx: Tx) -> TabResult:
        pg, light, core = loaded.pg, loaded.light, loaded.core  # the state before, written out only if kept
        mark = fingerprint(pg)
        r = pg.start(line, tab)
        changed = fingerprint(pg) != mark

        def record() -> None:
            cmd_id = add_command(loaded.pk, tab, line, None if r.running else r.exit_code, finished=not r.running)
            if changed or r.running:
                Snapshot.objects.create(cluster_id=loaded.pk, command_id=cmd_id, state=whole(light, dumps(core)),
                                        pending=not changed)
                _trim_snapshots(loaded.pk)

        tx.on_save(record)
        return _result(pg, tab, r, changed, always_edit=True)

    return mutate(cluster_pk, apply)


def _continue(cluster_pk: int, tab: int, action: str, *args: Any, always_edit: bool = False) -> TabResult:
    """Poll or interrupt a tab's command (or an editor call), closing its history entry when it ends.

    An editor still open afterwards is sent again only if it changed (a poll must not reset what
    the student is typing in the pane), or always after a save or cancel (the pane stays open).
    """
    def apply(loaded: Loaded, tx: Tx) -> TabResult:
        pg = loaded.pg
        mark = fingerprint(pg)
        was_running = pg.shell.shell.running(tab)
        before = editor_view(pg, tab)
        r = getattr(pg, action)(*args)
        changed = fingerprint(pg) != mark

        saved_file = _saved_file(pg, action, args, before)

        def record() -> None:
            if saved_file is not None:
                # The grader replays typed inputs: an editor save goes into the history as the
                # here-document that writes the same file, so a downloaded transcript scores the same.
                Command.objects.create(cluster_id=loaded.pk, tab=tab, line=heredoc_input(*saved_file),
                                       exit_code=0, finished=timezone.now())
            if changed:
                cmd = _open_command(loaded.pk, tab)
                if cmd is not None:
                    Snapshot.objects.filter(cluster_id=loaded.pk, command=cmd, pending=True).update(pending=False)
                    _trim_snapshots(loaded.pk)
            if was_running and not r.running:
                _finish(loaded.pk, tab, r.exit_code)

        tx.on_save(record)
        return _result(pg, tab, r, changed, before, always_edit)

    return mutate(cluster_pk, apply)


def heredoc_input(path: str, content: str) -> str:
    """``cat <<'EOF' > path`` with ``content``: the terminal input that writes the same file."""
    lines = content.split("\n")
    delimiter = "EOF"
    n = 0
    while delimiter in lines:
        n += 1
        delimiter = f"EOF{n}"
    body = content if content.endswith("\n") or not content else content + "\n"
    return f"cat <<'{delimiter}' > {shlex.quote(path)}\n{body}{delimiter}"


def _saved_file(pg: Playground, action: str, args: tuple[Any, ...], before: dict[str, Any] | None
                ) -> tuple[str, str] | None:
    """(path, content) when this call saved a file editor's buffer to disk, else None."""
    if action != "editor_save" or not before or before.get("mode") != "file":
        return None
    content = args[1]
    path = args[2] if len(args) > 2 and args[2] else before.get("path")
    if not path:
        return None
    try:
        return (path, content) if pg.read_file(path) == content else None
    except (FileNotFoundError, OSError):
        return None


def poll(cluster_pk: int, tab: int) -> TabResult:
    """New output of a running command after time has passed (or the cluster changed)."""
    return _continue(cluster_pk, tab, "poll", tab)


def interrupt(cluster_pk: int, tab: int) -> TabResult:
    """Ctrl-C in a tab."""
    return _continue(cluster_pk, tab, "interrupt", tab)


def editor_save(cluster_pk: int, tab: int, content: str, path: str | None = None) -> TabResult:
    """Save the editor pane (``vi FILE``, ``kubectl edit``); ``path`` names a buffer that has no file yet."""
    _require_editor("editor_save")
    args = (tab, content, path) if path else (tab, content)
    return _continue(cluster_pk, tab, "editor_save", *args, always_edit=True)


def editor_cancel(cluster_pk: int, tab: int) -> TabResult:
    """Close the pane without saving (``:q!``; ``kubectl edit``: ``Edit cancelled, no changes made.``)."""
    _require_editor("editor_cancel")
    return _continue(cluster_pk, tab, "editor_cancel", tab, always_edit=True)


def _require_editor(name: str) -> None:
    if not callable(getattr(Playground, name, None)):
        raise EditorUnavailable(name)


def complete(cluster_pk: int, tab: int, line: str, cursor: int) -> list[str]:
    """Tab-completion candidates (read only: nothing is saved)."""
    return read(cluster_pk, lambda loaded: loaded.pg.complete(line, cursor, tab))


def write_file(cluster_pk: int, path: str, content: str) -> bool:
    """Save a lesson's manifest into the home directory ("Save as file"); undoable like a command.

    :class:`FileRefused` when the home directory is full (500 files and directories) or the file too large.
    """
    def apply(loaded: Loaded, tx: Tx) -> bool:
        mark = fingerprint(loaded.pg)
        try:
            loaded.pg.write_file(path, content)
        except VfsError as e:  # nothing was written: the mutation is dropped
            raise FileRefused(f"{path}: {e.strerror}") from None
        changed = fingerprint(loaded.pg) != mark
        if changed:
            before = loaded.saved

            def record() -> None:
                # In the history as the here-document a student would type: transcripts replay it.
                cmd = Command.objects.create(cluster_id=loaded.pk, tab=0, line=heredoc_input(path, content),
                                             exit_code=0, finished=timezone.now())
                Snapshot.objects.create(cluster_id=loaded.pk, command=cmd, state=before)
                _trim_snapshots(loaded.pk)

            tx.on_save(record)
        return changed

    return mutate(cluster_pk, apply)


def tabs_status(cluster_pk: int) -> dict[int, dict[str, Any]]:
    """Each open tab's prompt, whether a command runs there, and its recent shell history."""
    def status(loaded: Loaded) -> dict[int, dict[str, Any]]:
        shell = loaded.pg.shell.shell
        tabs = sorted(set(shell.sessions) | {0})
        # "running" means a foreground command holds the prompt; background jobs do not.
        return {t: {"prompt": shell.prompt(t), "running": shell.running(t),
                    "history": list(shell.sessions[t].history[-200:]) if t in shell.sessions else [],
                    "edit": editor_view(loaded.pg, t)}
                for t in tabs}

    return read(cluster_pk, status)
