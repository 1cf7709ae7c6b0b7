"""`lessons test` over the nine lessons, what it catches, and the playgrounds lessons run on."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from playground.lessons import evaluate, get_lesson, load_lessons, new_playground, settle
from playground.lessons.cli import main
from playground.lessons.runner import TEST_NOW, run_lesson_test
from tests.lessons.helpers import MINIMAL


def test_every_lesson_passes_lessons_test():
    """For all nine lessons: each step's checks fail before its solution and pass after; exit 0."""
    out = io.StringIO()
    rc = main(["test"], out, io.StringIO())
    report = out.getvalue()
    assert "FAIL" not in report and "ERROR" not in report, report
    assert rc == 0
    assert report.splitlines()[-1].startswith("9 lessons, 46 steps: 46 passed, 0 failed (")


def test_lessons_test_catches_vacuous_checks_and_broken_solutions(tmp_path):
    """A check already true before the solution, a failing solution input and a check still false after."""
    text = (MINIMAL.replace("      - exists: pod/tiny", "      - exists: pod/tiny\n      - exists: namespace/default")
            .replace("    - kubectl delete pod tiny", "    - kubectl delete pod tinyy"))
    (tmp_path / "tiny.yaml").write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert main(["--dir", str(tmp_path), "test", "tiny"], out, io.StringIO()) == 1
    lines = out.getvalue().splitlines()
    assert lines[1:] == [
        "  FAIL  make-pod",
        "        check 2 (exists: namespace/default) already passes before the solution ran",
        "  FAIL  exercise",
        '        solution input 1 `kubectl delete pod tinyy` failed (exit 1): Error from server (NotFound): '
        'pods "tinyy" not found',
        "        check 1 (absent: pod/tiny) fails after the solution: Pod tiny in namespace default still exists.",
        lines[-1],
    ]
    assert lines[-1].startswith("1 lesson, 2 steps: 0 passed, 2 failed (")


def test_lessons_test_unknown_slug(tmp_path):
    """An unknown slug is a usage error (exit 2)."""
    (tmp_path / "tiny.yaml").write_text(MINIMAL, encoding="utf-8")
    err = io.StringIO()
    assert main(["--dir", str(tmp_path), "test", "nope"], io.StringIO(), err) == 2
    assert err.getvalue() == "lessons: unknown lesson 'nope' (known: tiny)\n"


def test_new_playground_on_a_manual_clock():
    """The setup is built in the past and settled: pre-created pods Running, 5m old, files in place."""
    les = get_lesson("labels")
    pg = new_playground(les, seed=3, now=TEST_NOW)
    assert pg.now == TEST_NOW and pg.manual_clock
    assert pg.execute("kubectl get pods").stdout == (
        "NAME           READY   STATUS    RESTARTS   AGE\n"
        "nginx-manual   1/1     Running   0          5m\n")
    assert pg.read_file("nginx-manual.yaml") == les.setup.files["nginx-manual.yaml"]
    assert pg.next_change_at() is None


def test_new_playground_on_the_wall_clock():
    """Without `now` the playground follows the wall clock from the real time, with no offset."""
    les = get_lesson("node-selectors")
    before = datetime.now(UTC)
    pg = new_playground(les, seed=0)
    assert not pg.manual_clock and not pg.paused
    assert before <= pg.now <= datetime.now(UTC)
    assert pg.to_state()["wall"] == {"offset": 0.0, "paused_at": None}
    assert pg.execute("kubectl get pods --no-headers").stdout.count("Running") == 2


def test_setup_nodes_labels_and_taints():
    """A lesson's nodes come with their labels; the control plane keeps its taint."""
    pg = new_playground(get_lesson("namespaces"), now=TEST_NOW)
    assert pg.execute("kubectl get nodes -l gpu=true -o name").stdout == "node/kubesphere02\n"
    assert pg.cluster.get("Node", None, "kubesphere01")["spec"]["taints"] == [
        {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]


def test_evaluate_follows_the_student():
    """evaluate returns every step and the exercise; steps turn green as the solutions run."""
    les = get_lesson("labels")
    pg = new_playground(les, now=TEST_NOW)
    history: list[str] = []
    results = evaluate(les, pg, history)
    assert [r.step_id for r in results] == ["create-with-labels", "show-labels", "add-label", "change-label",
                                            "exercise"]
    assert not any(r.passed for r in results)
    assert results[2].message == {"en": "Pod nginx-manual should have the label creation_method=manual "
                                        "(it has no label creation_method).",
                                  "zh-Hans": "Pod nginx-manual 应带有标签 creation_method=manual"
                                             "(当前没有标签 creation_method)。"}
    for line in les.step("add-label").solution:
        pg.execute(line)
        history.append(line)
    assert [r.passed for r in evaluate(les, pg, history)] == [False, False, True, False, False]
    assert evaluate(les, pg, history)[2].message == {"en": "", "zh-Hans": ""}


def test_evaluate_reads_only():
    """Evaluating every lesson's checks leaves the cluster, clock, files and shell exactly as they were."""
    for les in load_lessons():
        pg = new_playground(les, now=TEST_NOW)
        for step in les.steps[:2]:
            for line in step.solution:
                pg.execute(line)
            settle(pg)
        before = json.dumps(pg.to_state(), sort_keys=True)
        evaluate(les, pg, ["kubectl get pods"])
        assert json.dumps(pg.to_state(), sort_keys=True) == before, les.slug


def test_reports_are_deterministic():
    """The same lesson and seed give the same step reports."""
    les = get_lesson("replicasets")
    assert run_lesson_test(les, seed=7).steps == run_lesson_test(les, seed=7).steps
