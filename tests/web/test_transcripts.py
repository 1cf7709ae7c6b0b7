"""Transcripts: built from a session's command history, downloaded by the student, graded to the page's score;
the grader honours the ``# lesson:`` / ``# seed:`` header."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from playground import lessonapi, transcripts
from playground.grading import GradingError, TranscriptError, grade, grade_transcript, parse_transcript
from playground.grading.cli import main as grade_main
from playground.models import Cluster, Command
from playground.services import ensure_cluster, progress, terminal, timectl
from playground.services.owners import seed_for

SETTLE_SECONDS = 900.0  # what the grader lets the cluster settle after each input
TYPING_SECONDS = 2.0


# --- building the text ---------------------------------------------------------------------------

def test_header_then_each_input_as_typed():
    """The header names the lesson and seed; inputs follow in order, a here-document over its lines."""
    text = transcripts.render("pods", 42, ["kubectl get pods", "cat <<'EOF' > a.yaml\nkind: Pod\n\nEOF", "  ", ""])
    assert text == ("# lesson: pods\n# seed: 42\n"
                    "# Kubernetes playground transcript: the inputs typed in this lesson, oldest first.\n"
                    "# Grade it with: python manage.py grade pods transcript.txt\n"
                    "kubectl get pods\ncat <<'EOF' > a.yaml\nkind: Pod\n\nEOF\n")
    t = parse_transcript(text)
    assert (t.lesson, t.seed, t.lines) == ("pods", 42, ["kubectl get pods", "cat <<'EOF' > a.yaml\nkind: Pod\n\nEOF"])


def test_inputs_ended_with_ctrl_d_are_written_as_the_page_ran_them():
    """An open here-document gets its delimiter (bash ran it); an open quote or pipe ran nothing: a comment."""
    text = transcripts.render("pods", 1, ["cat <<EOF > f\nbody", 'echo "abc', "kubectl get pods |", "echo done"])
    assert text.split("\n")[4:] == ["cat <<EOF > f", "body", "EOF",
                                    "# not run on the page (an unfinished input, ended with Ctrl-D):",
                                    '#   echo "abc',
                                    "# not run on the page (an unfinished input, ended with Ctrl-D):",
                                    "#   kubectl get pods |", "echo done", ""]
    assert parse_transcript(text).lines == ["cat <<EOF > f\nbody\nEOF", "echo done"]


def test_several_complete_inputs_and_continuations_split_back_the_same():
    """Quotes over lines, trailing pipes and backslashes, tabs: the grader reads back exactly what was typed."""
    typed = ['echo "one\ntwo"', "kubectl get pods |\n  grep web", "kubectl get \\\n  nodes",
             "cat <<-X > b\n\tbody\n\tX", "printf 'a\\tb'", "# a comment typed at the prompt"]
    assert parse_transcript(transcripts.render("pods", 0, typed)).lines == typed[:-1]


def test_filename_is_safe_for_a_header():
    """Names end up in Content-Disposition: only letters, digits, dash and underscore."""
    assert transcripts.filename("pods") == "pods-transcript.txt"
    assert transcripts.filename("pods", 'bob "x"/..') == "bob_x_-pods-transcript.txt"


# --- the grader reads the header -----------------------------------------------------------------

class _Recorder:
    """A one-step fake lesson whose playground factory records the seed it was given."""

    def __init__(self) -> None:
        from types import SimpleNamespace

        from cluster_core import Playground

        self.seeds: list[int] = []
        self.lesson = SimpleNamespace(slug="fake", title={"en": "Fake"}, steps=[], exercise=None, source="fake")
        self.Playground = Playground

    def new_playground(self, lesson: Any, seed: int = 0, now: Any = None) -> Any:
        self.seeds.append(seed)
        return self.Playground.new(seed=seed, now=now)

    def grade(self, text: str, **kw: Any) -> Any:
        return grade_transcript(self.lesson, parse_transcript(text), evaluate=lambda *a: [],
                                new_playground=self.new_playground, **kw)


def test_header_seed_is_used_unless_the_caller_gives_one():
    """``seed=None`` takes the header's seed (0 without one); an explicit seed wins over the header."""
    rec = _Recorder()
    rec.grade("# lesson: fake\n# seed: 987654321\nkubectl get pods\n")
    rec.grade("# seed: 5\nkubectl get pods\n", seed=7)
    rec.grade("kubectl get pods\n")
    rec.grade("kubectl get pods\n# seed: 5\n")  # after the first input: an ordinary comment
    assert rec.seeds == [987654321, 7, 0, 0]


def test_header_lesson_must_match():
    """A transcript whose header names another lesson is refused with a clear message."""
    with pytest.raises(GradingError, match=r"^the transcript is for lesson 'pods' \(its header says "
                                           r"'# lesson: pods'\), not 'fake'$"):
        _Recorder().grade("# lesson: pods\nkubectl get pods\n")


@pytest.mark.parametrize("value", ["abc", "-1", "9223372036854775808", "1e5"])
def test_a_bad_header_seed_is_refused(value):
    """A seed that is not a whole number from 0 to 2**63-1 is a bad transcript (exit 2), not seed 0."""
    with pytest.raises(TranscriptError, match=rf"^transcript header, line 2: the seed '{value}' is not a whole"):
        parse_transcript(f"# lesson: pods\n# seed: {value}\nkubectl get pods\n")


def test_cli_without_seed_replays_on_the_header_seed(tmp_path: Path):
    """`grade LESSON FILE` with no --seed creates the same pod names as --seed N (and not seed 0's)."""
    body = ("cat <<EOF > rs.yaml\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n"
            "  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
            "      labels: {app: web}\n    spec:\n      containers: [{name: nginx, image: nginx}]\nEOF\n"
            "kubectl create -f rs.yaml\nkubectl get pods -o name\n")
    (tmp_path / "h.txt").write_text("# lesson: pods\n# seed: 424242\n" + body)
    (tmp_path / "p.txt").write_text(body)

    def replay(*argv: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        grade_main(["pods", *argv, "--json", "--verbose", "--cpu-limit", "0"], stdout=out, stderr=err)
        return re.sub(r"\[line \d+: ", "[", err.getvalue())  # the header shifts the line numbers

    with_header = replay(str(tmp_path / "h.txt"))
    assert with_header == replay(str(tmp_path / "p.txt"), "--seed", "424242")
    assert with_header != replay(str(tmp_path / "p.txt"))
    assert re.search(r"^pod/web-[a-z0-9]{5}\npod/web-[a-z0-9]{5}\n\[exit 0\]$", with_header, re.M)


def test_cli_refuses_another_lessons_transcript(tmp_path: Path):
    """Exit 2 and one line on stderr when the header names another lesson."""
    (tmp_path / "t.txt").write_text("# lesson: labels\nkubectl get pods\n")
    err = io.StringIO()
    assert grade_main(["pods", str(tmp_path / "t.txt")], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue() == ("grade: the transcript is for lesson 'labels' (its header says "
                              "'# lesson: labels'), not 'pods'\n")


# --- a session through the terminal service, downloaded, graded -----------------------------------

def _settle(pk: int) -> None:
    """Let simulated time run from change to change, at most the grader's 15 minutes, then typing time."""
    spent = 0.0
    while (wait := timectl.current(pk).wait) is not None and spent + wait <= SETTLE_SECONDS:
        timectl.advance(pk, wait)
        spent += wait
    timectl.advance(pk, TYPING_SECONDS)


def _type(pk: int, line: str) -> None:
    """One input as the terminal sends it; a command that keeps running is driven, then Ctrl-C'd."""
    r = terminal.run(pk, 0, line)
    for _ in range(50):
        if not r.running:
            break
        if r.wait is None or r.wait > SETTLE_SECONDS:
            r = terminal.interrupt(pk, 0)
        else:
            timectl.advance(pk, r.wait)
            r = terminal.poll(pk, 0)
    assert not r.running, line


def _session(owner: str, slug: str, skip: set[str] = frozenset()) -> tuple[int, int]:
    """Play the lesson's reference solutions (but the skipped steps') as a student; (cluster id, steps passed)."""
    lesson = lessonapi.get_lesson(slug)
    pk = ensure_cluster(owner, slug)
    for step in lesson.all_steps:
        if step.id in skip:
            continue
        for line in step.solution:
            _type(pk, line)
            _settle(pk)
            progress.evaluate_steps(pk, lesson, "en")  # what the consumer does after each command
    return pk, len(progress.passed_steps(pk))


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "skip"), [("pods", set()), ("pods", {"explain"}), ("replicasets", {"describe"})])
def test_downloaded_transcript_grades_to_the_steps_the_page_showed(slug, skip):
    """A session of reference solutions (all, or all but one step): the download's score is the page's count."""
    client = Client()
    client.get(f"/lessons/{slug}/")
    owner = "s:" + client.cookies["sessionid"].value
    pk, shown = _session(owner, slug, skip)
    lesson = lessonapi.get_lesson(slug)
    assert shown == len(lesson.all_steps) - len(skip)
    response = client.get(f"/lessons/{slug}/transcript.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{slug}-transcript.txt"'
    text = response.content.decode()
    assert text.startswith(f"# lesson: {slug}\n# seed: {Cluster.objects.get(pk=pk).seed}\n")
    report = grade(slug, text)
    assert (report.score, report.max_score) == (shown, len(lesson.all_steps))
    assert {s.id for s in report.steps if not s.passed} == skip


@pytest.mark.django_db
def test_undone_commands_are_left_out_and_other_owners_never_seen(fake_lessons):
    """The download has this browser's inputs, not undone ones, and nothing of another session's."""
    client = Client()
    client.get("/lessons/first/")
    pk = Cluster.objects.get(owner="s:" + client.cookies["sessionid"].value).pk
    terminal.run(pk, 0, "kubectl run web --image=nginx")
    terminal.run(pk, 0, "kubectl run oops --image=nginx")
    Command.objects.filter(cluster_id=pk, line__contains="oops").update(undone=True)
    other = ensure_cluster("s:someone-else", "first")
    terminal.run(other, 0, "kubectl run secret --image=nginx")
    text = client.get("/lessons/first/transcript.txt").content.decode()
    assert text.splitlines()[4:] == ["kubectl run web --image=nginx"]


@pytest.mark.django_db
def test_download_before_any_cluster_and_for_unknown_lessons(fake_lessons):
    """No cluster yet: the header of the cluster the student would get; an unknown lesson is 404."""
    client = Client()
    client.get("/")
    owner = "s:" + client.cookies["sessionid"].value
    text = client.get("/lessons/first/transcript.txt").content.decode()
    assert text.splitlines()[:2] == ["# lesson: first", f"# seed: {seed_for(owner, 'first')}"]
    assert len(text.splitlines()) == 4
    assert not Cluster.objects.exists()
    assert client.get("/lessons/nope/transcript.txt").status_code == 404
    assert client.post("/lessons/first/transcript.txt").status_code in (403, 405)


def test_transcript_json_report_of_a_download_is_deterministic():
    """Grading the same downloaded text twice gives the same bytes (the header changes nothing there)."""
    text = transcripts.render("labels", 99, ["kubectl get pods"])
    assert grade("labels", text).to_json() == grade("labels", text).to_json()
    assert json.loads(grade("labels", text).to_json())["lesson"] == "labels"


@pytest.mark.django_db
def test_saved_files_and_editor_saves_replay_in_the_transcript() -> None:
    """"Save as file" and an editor save are in the transcript as here-documents: grading sees the files."""
    from playground.services import store, terminal
    from playground.services.terminal import heredoc_input

    assert heredoc_input("x y.yaml", "a\nEOF\n") == "cat <<'EOF1' > 'x y.yaml'\na\nEOF\nEOF1"
    pk = store.ensure_cluster("session:editor-test", "sandbox")
    terminal.write_file(pk, "a.yaml", "kind: Pod\n")
    terminal.run(pk, 0, "vi b.yaml")
    terminal.editor_save(pk, 0, "b: 1\n")
    from playground.models import Command

    lines = list(Command.objects.filter(cluster_id=pk).order_by("id").values_list("line", flat=True))
    assert lines == ["cat <<'EOF' > a.yaml\nkind: Pod\nEOF", "vi b.yaml", "cat <<'EOF' > /home/student/b.yaml\nb: 1\nEOF"]
