"""vi, vim, nano and edit in the student's terminal: the browser's editor pane over a file, driven
through the Playground (``start`` -> ``editor`` -> ``editor_save``/``editor_cancel``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core import Playground

MANIFEST = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-manual\n"


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("nginx-manual.yaml", MANIFEST)
    return pg


def test_vi_opens_the_file_and_saving_writes_it(pg):
    """`vi FILE`: the pane shows the file; Save writes it and the editor quits without a word."""
    r = pg.start("vi nginx-manual.yaml")
    assert (r.output, r.running) == ("", True)
    assert pg.editor(0) == {"path": "/home/student/nginx-manual.yaml", "content": MANIFEST, "mode": "file",
                            "program": "vi", "message": '"nginx-manual.yaml" 4L, 56B', "needs_name": False}
    r = pg.editor_save(0, MANIFEST + "  labels:\n    app: web\n")
    assert (r.output, r.exit_code, r.running) == ("", 0, False)
    assert pg.read_file("nginx-manual.yaml") == MANIFEST + "  labels:\n    app: web\n"
    assert pg.editor(0) is None


def test_cancel_leaves_the_file_alone(pg):
    """Cancel is `:q!`: nothing written, status 0."""
    pg.start("vim nginx-manual.yaml")
    r = pg.editor_cancel(0)
    assert (r.output, r.exit_code, r.running) == ("", 0, False)
    assert pg.read_file("nginx-manual.yaml") == MANIFEST


def test_a_new_file_is_created_only_on_save(pg):
    """nano on a missing file: "New File", and no file until it is saved."""
    pg.start("nano notes.txt")
    assert pg.editor(0)["message"] == "New File"
    assert "notes.txt" not in pg.list_files()
    pg.editor_save(0, "remember\n")
    assert pg.read_file("notes.txt") == "remember\n"


def test_vim_names_a_new_file(pg):
    """vim's status line for a file that does not exist yet."""
    pg.start("mkdir -p dir && cd dir && vim pod.yaml")
    assert (pg.editor(0)["path"], pg.editor(0)["message"]) == ("/home/student/dir/pod.yaml", '"pod.yaml" [New]')


def test_a_buffer_without_a_name_needs_one_to_be_saved(pg):
    """`vi` alone: saving without a name is vim's E32 and the editor stays; a name then writes the file."""
    pg.start("vi")
    assert pg.editor(0)["needs_name"] is True
    r = pg.editor_save(0, "draft\n")
    assert (r.output, r.running) == ("", True)
    assert (pg.editor(0)["message"], pg.editor(0)["content"]) == ("E32: No file name", "draft\n")
    r = pg.editor_save(0, "draft\n", path="draft.txt")
    assert (r.exit_code, r.running) == (0, False)
    assert pg.read_file("draft.txt") == "draft\n"


def test_a_directory_is_refused(pg):
    """`vi DIR`: the editor's own words."""
    r = pg.execute("mkdir manifests; vi manifests")
    assert (r.stderr, r.exit_code) == ('"manifests" is a directory\n', 1)


def test_edit_without_a_file_is_a_usage_error(pg):
    """`edit` needs a file name."""
    r = pg.execute("edit")
    assert (r.stderr, r.exit_code) == ("Usage: edit FILE\n", 1)


def test_a_write_that_fails_keeps_the_editor_open(pg):
    """Outside the home directory the write fails (E212) and the text is kept in the pane."""
    pg.start("vi /etc/motd")
    r = pg.editor_save(0, "hello\n")
    assert r.running
    assert pg.editor(0)["message"] == "\"/etc/motd\" E212: Can't open file for writing"
    assert pg.editor(0)["content"] == "hello\n"
    assert pg.editor_cancel(0).running is False


def test_nano_reports_a_failed_write_in_its_words(pg):
    """nano: `Error writing NAME: <strerror>`."""
    pg.start("nano missing/dir/x.txt")
    pg.editor_save(0, "x")
    assert pg.editor(0)["message"] == "Error writing missing/dir/x.txt: No such file or directory"


def test_an_editor_started_in_the_background_stops(pg):
    """`vi x &`: bash's Stopped job, no pane until `fg`."""
    r = pg.start("vi nginx-manual.yaml &")
    assert r.running is False and r.output.startswith("[1] ")
    assert pg.editor(0) is None
    assert pg.start("true").stderr == "\n[1]+  Stopped                 vi nginx-manual.yaml\n"
    r = pg.start("fg")
    assert (r.output, r.running) == ("vi nginx-manual.yaml\n", True)
    assert pg.editor(0)["content"] == MANIFEST
    assert pg.editor_save(0, "kind: Pod\n").running is False
    assert pg.read_file("nginx-manual.yaml") == "kind: Pod\n"


def test_the_editor_survives_save_and_load(pg):
    """The pane is in the tab's saved state: a reloaded playground saves to the same file."""
    pg.start("vi nginx-manual.yaml")
    pg2 = Playground.from_state(pg.to_state())
    assert pg2.editor(0)["content"] == MANIFEST
    r = pg2.editor_save(0, "changed\n")
    assert (r.exit_code, r.running) == (0, False)
    assert pg2.read_file("nginx-manual.yaml") == "changed\n"


def test_the_rest_of_the_line_runs_after_the_editor(pg):
    """`vi x && echo done`: the list goes on once the editor quits."""
    pg.start("vi nginx-manual.yaml && echo done")
    r = pg.editor_save(0, MANIFEST)
    assert (r.output, r.exit_code, r.running) == ("done\n", 0, False)


def test_vim_dash_edits_standard_input(pg):
    """`... | vim -`: the buffer is what came down the pipe, without a file name."""
    pg.start("cat nginx-manual.yaml | vim -")
    view = pg.editor(0)
    assert (view["content"], view["needs_name"], view["message"]) == (MANIFEST, True, "Vim: Reading from stdin...")


def test_a_transcript_closes_the_editor(pg):
    """`execute` cannot wait for a person: the editor is closed unsaved, as by Ctrl-C, and the line goes on."""
    r = pg.execute("vi nginx-manual.yaml; echo after")
    assert (r.output, r.exit_code) == ("^Cafter\n", 0)
    assert pg.read_file("nginx-manual.yaml") == MANIFEST


def test_other_tabs_have_no_editor(pg):
    """The pane belongs to the tab whose foreground command is the editor."""
    pg.start("vi nginx-manual.yaml", tab=0)
    assert pg.editor(1) is None
    pg.start("sleep 100", tab=1)
    assert pg.editor(1) is None


def test_saving_with_no_editor_is_a_poll(pg):
    """editor_save after the editor has gone only reports what the tab has."""
    r = pg.editor_save(0, "ignored")
    assert (r.output, r.running) == ("", False)
    assert "ignored" not in pg.list_files()


def test_saving_under_a_directory_name_is_refused(pg):
    """An unnamed buffer saved as an existing directory: vim's message with the full path."""
    pg.execute("mkdir manifests")
    pg.start("vi")
    assert pg.editor_save(0, "x\n", path="manifests").running
    assert pg.editor(0)["message"] == '"/home/student/manifests" is a directory'
