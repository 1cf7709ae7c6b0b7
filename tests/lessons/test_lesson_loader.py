"""Loading lesson files: the public interface, ordering, re-reading on change, broken edits."""

from __future__ import annotations

import os
from pathlib import Path

from playground.lessons import EXERCISE_ID, get_lesson, load_lessons, load_problems, parse_lesson_text
from tests.lessons.helpers import MINIMAL

SLUGS = ["pods", "labels", "label-selectors", "node-selectors", "namespaces", "delete-and-update",
         "replicasets", "daemonsets", "jobs"]


def test_the_nine_lessons_in_order():
    """The repository's lessons load without problems, ordered by `order`, with the fixed slugs."""
    lessons = load_lessons()
    assert [les.slug for les in lessons] == SLUGS
    assert [les.order for les in lessons] == list(range(1, 10))
    assert load_problems() == []


def test_every_lesson_is_bilingual_and_ends_with_an_exercise():
    """Titles, summaries, step titles and texts exist in en and zh-Hans; every step has checks and a solution."""
    for les in load_lessons():
        for text in (les.title, les.summary):
            assert set(text) == {"en", "zh-Hans"} and all(text.values())
        assert les.exercise is not None and les.exercise.id == EXERCISE_ID
        for step in les.all_steps:
            assert all(step.title.values()) and all(step.text.values())
            assert step.checks and step.solution
            assert set(step.hints) == {"en", "zh-Hans"}


def test_lesson_interface():
    """The attributes the web app and grader use: slug, title, steps with commands, checks, solution."""
    les = get_lesson("pods")
    assert les.title == {"en": "Pods", "zh-Hans": "Pod"}
    assert les.source.endswith("lessons/pods.yaml")
    assert [s.id for s in les.steps] == ["write-manifest", "explain", "create", "full-definition", "logs",
                                         "port-forward"]
    create = les.step("create")
    assert create.commands == ["kubectl create -f nginx-manual.yaml", "kubectl get pods"]
    assert create.title["zh-Hans"] == "创建 Pod"
    assert create.hints["en"][0].startswith("`kubectl create -f` takes the file name")
    assert les.steps[0].solution[0] == (
        "cat <<'EOF' > nginx-manual.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-manual\nspec:\n"
        "  containers:\n    - image: nginx:1.9.1\n      name: nginx\n      ports:\n        - containerPort: 80\n"
        "          protocol: TCP\nEOF")
    assert les.step(EXERCISE_ID) is les.exercise
    assert get_lesson("no-such-lesson") is None


def test_setup_of_a_later_lesson():
    """A later lesson's setup holds what earlier lessons left: nodes with labels, objects, files."""
    les = get_lesson("delete-and-update")
    assert les.setup.nodes[1] == {"name": "kubesphere02", "labels": {"gpu": "true"}}
    assert [(o["kind"], o["metadata"]["name"]) for o in les.setup.objects][-1] == ("Pod", "nginx-manual")
    assert sorted(les.setup.files) == ["nginx-gpu.yaml", "nginx-manual.yaml", "test1-namespace.yaml"]
    assert les.setup.age == 300.0


def _write(path: Path, text: str, bump: int = 0) -> None:
    path.write_text(text, encoding="utf-8")
    if bump:
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + bump * 1_000_000_000))


def test_an_edited_file_is_read_again(tmp_path):
    """After an instructor saves a change, the next load shows it; unchanged files are not re-parsed."""
    f = tmp_path / "tiny.yaml"
    _write(f, MINIMAL)
    first = load_lessons(tmp_path)[0]
    assert first.title["en"] == "Tiny"
    assert load_lessons(tmp_path)[0] is first
    _write(f, MINIMAL.replace("en: Tiny,", "en: Tinier,"), bump=5)
    assert load_lessons(tmp_path)[0].title["en"] == "Tinier"


def test_a_broken_edit_keeps_the_last_good_version(tmp_path):
    """A half-saved file keeps serving its last good lesson, and load_problems says what is wrong."""
    f = tmp_path / "tiny.yaml"
    _write(f, MINIMAL)
    assert load_lessons(tmp_path)[0].slug == "tiny"
    _write(f, MINIMAL.replace("      - exists: pod/tiny", "      - exist: pod/tiny"), bump=5)
    assert [les.slug for les in load_lessons(tmp_path)] == ["tiny"]
    assert [str(p) for p in load_problems(tmp_path)] == [
        f"{f}:50: steps[0] (make-pod).checks[0]: a check needs one of: kubectl, exists, absent, count, labels, "
        "ran, file (unknown key 'exist')"]
    f.unlink()
    assert load_lessons(tmp_path) == []


def test_a_duplicate_slug_is_ignored_and_reported(tmp_path):
    """Two files with one slug: the first by order wins, the other is reported."""
    _write(tmp_path / "a.yaml", MINIMAL)
    _write(tmp_path / "b.yaml", MINIMAL.replace("order: 5", "order: 6"))
    assert [les.source for les in load_lessons(tmp_path)] == [str(tmp_path / "a.yaml")]
    assert [str(p) for p in load_problems(tmp_path)] == [
        f"{tmp_path / 'b.yaml'}: slug 'tiny' is also used by {tmp_path / 'a.yaml'}; this file is ignored"]


def test_the_directory_comes_from_the_environment(tmp_path, monkeypatch):
    """PLAYGROUND_LESSONS_DIR points the default loader elsewhere."""
    _write(tmp_path / "tiny.yaml", MINIMAL)
    monkeypatch.setenv("PLAYGROUND_LESSONS_DIR", str(tmp_path))
    assert [les.slug for les in load_lessons()] == ["tiny"]
    assert get_lesson("pods") is None


def test_parse_reports_every_problem_with_its_line():
    """Structure problems are all reported at once, each with its line."""
    text = MINIMAL.replace("order: 5", "order: five").replace("    title: {en: Make a pod, zh-Hans: 创建 Pod}",
                                                              "    title: {en: Make a pod}")
    lesson, problems = parse_lesson_text(text, "x.yaml")
    assert lesson is None
    assert [str(p) for p in problems] == [
        "x.yaml:2: order: required: a whole number (lessons are listed by it)",
        "x.yaml:11: steps[0] (make-pod).title: 'zh-Hans' text is missing or empty",
    ]
