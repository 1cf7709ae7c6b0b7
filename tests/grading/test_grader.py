"""Grading transcripts: reference solutions give full score, a missing step loses that step, the
report is the same bytes every time, and its JSON has exactly the agreed shape."""

from __future__ import annotations

import json

import pytest

from playground.grading import GradingError, UnknownLesson, grade
from playground.grading.report import Report, StepOutcome, duration
from tests.grading.helpers import SLUGS, FakeEngine, all_slugs, grade_fake, solution_transcript

# A step per lesson whose omission fails that step alone (no later solution makes up for it).
ISOLATED = {"pods": "explain", "labels": "show-labels", "label-selectors": "equality",
            "node-selectors": "nginx-gpu", "namespaces": "create-command", "delete-and-update": "replace",
            "replicasets": "describe", "daemonsets": "relabel", "jobs": "completions"}


def test_the_nine_lessons_are_there() -> None:
    """The grader is tested against the nine lessons of the tutorial."""
    assert all_slugs() == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_solutions_give_full_score(slug: str) -> None:
    """Every step's solution, in order, passes every step and the exercise."""
    report = grade(slug, solution_transcript(slug))
    assert [s.id for s in report.steps if not s.passed] == []
    assert report.score == report.max_score and report.passed
    assert report.notes == ()


@pytest.mark.parametrize("slug", SLUGS)
def test_missing_exercise_loses_exactly_the_exercise(slug: str) -> None:
    """Without the exercise's commands, only the exercise fails, with a message saying why."""
    report = grade(slug, solution_transcript(slug, omit="exercise"))
    failed = [s for s in report.steps if not s.passed]
    assert [s.id for s in failed] == ["exercise"]
    assert report.score == report.max_score - 1 and not report.passed
    assert failed[0].message != ""


@pytest.mark.parametrize("slug", SLUGS)
def test_missing_step_loses_exactly_that_step(slug: str) -> None:
    """Leaving out one step's solution fails that step and no other."""
    step = ISOLATED[slug]
    report = grade(slug, solution_transcript(slug, omit=step))
    assert [s.id for s in report.steps if not s.passed] == [step]
    assert report.score == report.max_score - 1


def test_missing_first_step_fails_at_least_that_step() -> None:
    """Steps that build on a missing one may fail too, but the missing one always does."""
    report = grade("pods", solution_transcript("pods", omit="write-manifest"))
    failed = [s.id for s in report.steps if not s.passed]
    assert failed[0] == "write-manifest"


def test_empty_transcript_scores_zero() -> None:
    """Nothing typed: every step is evaluated once and fails."""
    report = grade("labels", "# nothing yet\n\n")
    assert report.score == 0 and report.max_score == 5 and report.inputs_total == 0
    assert all(s.message for s in report.steps)


@pytest.mark.parametrize("slug", ["pods", "jobs"])
def test_grading_twice_gives_the_same_bytes(slug: str) -> None:
    """Same lesson, transcript and seed: byte-identical JSON and table."""
    text = solution_transcript(slug, omit="exercise") + "sleep 120\nkubectl get pods -w\n"
    a, b = grade(slug, text), grade(slug, text)
    assert a.to_json().encode() == b.to_json().encode()
    assert a.to_table() == b.to_table()


def test_json_has_exactly_the_agreed_keys_in_order() -> None:
    """``lesson, score, max_score, passed, steps[id, title, passed, message]`` and nothing else."""
    report = grade("labels", solution_transcript("labels", omit="change-label"))
    data = json.loads(report.to_json())
    assert list(data) == ["lesson", "score", "max_score", "passed", "steps"]
    assert (data["lesson"], data["score"], data["max_score"], data["passed"]) == ("labels", 4, 5, False)
    for step in data["steps"]:
        assert list(step) == ["id", "title", "passed", "message"]
        assert [type(v) for v in step.values()] == [str, str, bool, str]
    assert [s["id"] for s in data["steps"]] == ["create-with-labels", "show-labels", "add-label",
                                                "change-label", "exercise"]
    assert report.to_json().endswith("}\n")


def test_json_keeps_chinese_as_is() -> None:
    """``ensure_ascii=False``: titles in zh-Hans stay readable in the JSON."""
    report = grade("labels", "", lang="zh-Hans")
    text = report.to_json()
    assert "\\u" not in text
    assert json.loads(text)["steps"][0]["title"] == report.steps[0].title
    assert any("\u4e00" <= ch <= "\u9fff" for ch in report.steps[0].title)


def test_unknown_lesson_names_the_lessons() -> None:
    """A slug that is not a lesson is bad input, and the message lists the real ones."""
    with pytest.raises(UnknownLesson) as e:
        grade("pod", "kubectl get pods\n")
    assert str(e.value) == ("unknown lesson 'pod' (the lessons are: daemonsets, delete-and-update, jobs, "
                            "label-selectors, labels, namespaces, node-selectors, pods, replicasets)")
    assert isinstance(e.value, GradingError)


# ---------------------------------------------------------------------------- the fake lesson
def test_a_step_once_passed_stays_passed() -> None:
    """Pod a created then deleted: the step that asked for it stays passed, as on the lesson page."""
    report = grade_fake("kubectl run a --image=nginx\nkubectl delete pod a\nkubectl get pods\n")
    assert [(s.id, s.passed) for s in report.steps] == [
        ("create-a", True), ("a-running", True), ("list", True), ("exercise", False)]
    assert report.steps[3].message == "exercise is missing"


def test_cluster_settles_between_inputs() -> None:
    """`run` then nothing else: the pod is Running when the steps are judged (image pulled, started)."""
    report = grade_fake("kubectl run a --image=nginx\n")
    assert [s.passed for s in report.steps] == [True, True, False, False]


def test_passed_steps_are_not_evaluated_again() -> None:
    """After each input only the steps not yet passed are evaluated."""
    engine = FakeEngine()
    grade_fake("kubectl run a --image=nginx\nkubectl get pods\nkubectl get nodes\n", engine)
    assert engine.evaluated == ["create-a", "a-running", "list", "exercise",  # after input 1
                                "list", "exercise",  # after input 2
                                "exercise"]  # after input 3


def test_fake_lesson_table_exact() -> None:
    """The readable table: one row per step, the score, what ran, wide characters aligned."""
    report = grade_fake("kubectl run a --image=nginx\n", lang="zh-Hans")
    assert report.to_table() == (
        "Lesson: fake (假的)\n"
        "\n"
        "#  Step       Title            Result  What is missing\n"
        "-  ---------  ---------------  ------  ---------------\n"
        "1  create-a   创建 Pod a       passed\n"
        "2  a-running  Pod a runs       passed\n"
        "3  list       List the pods    FAILED  缺少 list\n"
        "4  exercise   Exercise: pod b  FAILED  缺少 exercise\n"
        "\n"
        "Score: 2/4 (not passed)\n"
        "Ran 1 of 1 inputs; 5s of simulated time passed.\n")


def test_multiline_messages_are_indented_under_their_column() -> None:
    """A message of several lines continues under the message column."""
    report = Report("x", "X", (StepOutcome("a", "A", False, "first\nsecond"),))
    assert report.to_table().splitlines()[4:6] == ["1  a     A      FAILED  first",
                                                   "                        second"]


def test_duration_words() -> None:
    """Simulated time in the table: the units that are not zero."""
    assert [duration(s) for s in (0, 42, 3600, 3725, 90000)] == ["0s", "42s", "1h", "1h 2m 5s", "1d 1h"]
