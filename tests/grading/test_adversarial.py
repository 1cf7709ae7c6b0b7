"""Transcripts written to hurt the grader: each is bounded, reported, and graded the same way twice."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from playground.grading import GradingLimits, cli, grade
from playground.grading.cli import main
from playground.grading.guard import CpuLimitExceeded, call_with_cpu_limit
from tests.grading.helpers import FakeEngine, grade_fake, solution_transcript

DAY = 86400.0

RS = """cat <<'EOF' > rs.yaml
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: many
spec:
  replicas: {replicas}
  selector:
    matchLabels: {{app: many}}
  template:
    metadata:
      labels: {{app: many}}
    spec:
      containers:
      - name: c
        image: {image}
        command: ["sh", "-c", "{script}"]
EOF
kubectl create -f rs.yaml
"""

BOMB = """cat <<'EOF' > bomb.yaml
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
EOF
kubectl apply -f bomb.yaml
"""


def test_endless_sleep_is_capped_at_a_day_in_all_and_reported() -> None:
    """`sleep 99999999` takes 24 simulated hours; later sleeps return at once; a note says so."""
    report = grade_fake("sleep 99999999\nkubectl run a --image=nginx\nsleep 30\nkubectl get pods\n")
    assert report.simulated_seconds == DAY + 5  # the day, then pod a starting while the cluster settles
    assert report.notes == ("sleeps and waits may take 24 h of simulated time in all: from input 1 "
                            "(line 1) on they were cut short",)
    assert [s.passed for s in report.steps] == [True, True, True, False]


def test_sleeps_within_the_day_are_not_cut() -> None:
    """Two sleeps of 12 h fit; no note."""
    report = grade_fake("sleep 12h\nsleep 43200\n")
    assert report.simulated_seconds == DAY and report.notes == ()


def test_watch_and_follow_stop_when_nothing_more_happens() -> None:
    """`get -w`, `logs -f` and a foreground `port-forward` end (Ctrl-C) and grading goes on
    (kubectl's port-forward exits 0 on Ctrl-C)."""
    text = ("kubectl run a --image=nginx\nkubectl get pods -w\nkubectl logs -f a\n"
            "kubectl port-forward a 8080:80\nkubectl get pods\n")
    report = grade_fake(text, keep_output=True)
    # kubectl catches Ctrl-C during `get -w` and exits 1; `logs -f` dies of SIGINT (130).
    assert [(r.line, r.exit_code) for r in report.ran] == [(1, 0), (2, 1), (3, 130), (4, 0), (5, 0)]
    assert all(r.output.rstrip("\n").endswith("^C") for r in report.ran[1:4])
    assert report.score == 3


def test_thousands_of_pods_are_capped() -> None:
    """A ReplicaSet of 5,000 is refused; one of 100 stops at the grading cap of 100 pods in the cluster."""
    engine = FakeEngine()
    text = (RS.format(replicas=5000, image="nginx", script="sleep 1000000")
            + "sed -i 's/5000/100/' rs.yaml\nkubectl create -f rs.yaml\nkubectl run b --image=nginx\n")
    report = grade_fake(text, engine, keep_output=True)
    assert report.ran[1].output == ('Error from server (Forbidden): error when creating "rs.yaml": replicasets.apps '
                                    '"many" is forbidden: this playground allows at most 100 replicas\n')
    assert report.ran[4].output == ('Error from server (Forbidden): pods "b" is forbidden: this playground '
                                    'allows at most 100 pods\n')
    assert engine.pg is not None and len(engine.pg.server.list("Pod")) == 100
    assert not report.steps[3].passed


def test_yaml_bomb_is_refused_quickly() -> None:
    """A billion-laughs manifest is refused by the engine; the grade finishes at once."""
    t0 = time.process_time()
    report = grade_fake(BOMB, keep_output=True)
    assert time.process_time() - t0 < 5
    assert report.ran[-1].output == "error: yaml: document contains excessive aliasing\n"
    assert report.ran[-1].exit_code == 1


def test_control_characters_do_not_change_the_grade() -> None:
    """A transcript pasted from a terminal (colours, CRLF, a bell) grades like the clean one, with a note."""
    clean = solution_transcript("labels")
    dirty = "\r\n".join("\x1b[32m" + line + "\x07" if line.startswith("kubectl") else line
                        for line in clean.split("\n"))
    a, b = grade("labels", clean), grade("labels", dirty)
    assert b.score == a.score == a.max_score
    assert b.notes == ("removed 48 control characters (terminal escapes and the like) on lines "
                       "17, 18, 19, 20, 21, ...",)


def test_work_budget_stops_grading_deterministically() -> None:
    """A small budget: kubectl is refused once it is spent, later inputs do not run, the note says where;
    the same transcript gives the same report twice."""
    limits = GradingLimits(max_work=60_000)
    text = "kubectl run a --image=nginx\n" + "kubectl describe nodes\n" * 50 + "kubectl run b --image=nginx\n"
    first = grade_fake(text, limits=limits, keep_output=True)
    second = grade_fake(text, limits=limits)
    assert first.to_json() == second.to_json() and first.notes == second.notes
    assert first.inputs_run < first.inputs_total == 52
    assert first.notes == (f"grading stopped during input {first.inputs_run} (line {first.inputs_run}): the "
                           "work budget of 60000 units was used up; "
                           f"{52 - first.inputs_run} later inputs not run",)
    assert [s.passed for s in first.steps] == [True, True, False, False]


def test_crash_loops_for_a_day_stop_at_the_work_budget() -> None:
    """20 crash-looping pods and `sleep 1d`: the clock stops when the budget is spent, not a day later."""
    limits = GradingLimits(max_work=1_500_000)
    text = RS.format(replicas=20, image="busybox", script="exit 1") + "sleep 1d\nkubectl get pods\n"
    t0 = time.process_time()
    first = grade_fake(text, limits=limits)
    assert time.process_time() - t0 < 10
    assert 900 < first.simulated_seconds < DAY / 4
    assert first.inputs_run == 3 and first.notes[0].startswith("grading stopped during input 3 (line 20): ")
    second = grade_fake(text, limits=limits)
    assert (second.to_json(), second.simulated_seconds) == (first.to_json(), first.simulated_seconds)


def test_crash_looping_replicaset_at_the_pod_cap_is_charged() -> None:
    """A crash-looping ReplicaSet of 100 at the pod cap for a simulated day: the work it makes (restarts,
    refused creates backing off) is charged, so grading stops early and quickly."""
    limits = GradingLimits(max_work=1_500_000)
    text = RS.format(replicas=100, image="busybox", script="exit 1") + "sleep 1d\nkubectl get pods\n"
    t0 = time.process_time()
    report = grade_fake(text, limits=limits)
    assert time.process_time() - t0 < 5
    assert report.inputs_run < report.inputs_total


def _spin(*args: object, **kwargs: object) -> None:
    while True:
        pass


def test_cpu_guard_stops_a_runaway_grade() -> None:
    """A grade that never returns (as `grep -E '(a*)*b'` on a long line can, inside Python's re)
    is stopped by the kernel after its CPU allowance."""
    t0 = time.monotonic()
    with pytest.raises(CpuLimitExceeded) as e:
        call_with_cpu_limit(_spin, 1)
    assert time.monotonic() - t0 < 30
    assert str(e.value) == ("grading was stopped after 1 s of CPU: a command in the transcript did not "
                            "finish (please report it as a playground bug)")


def test_cpu_guard_stops_a_blocked_grade_by_wall_clock() -> None:
    """A child that blocks without using CPU is killed after the wall-clock limit."""
    with pytest.raises(CpuLimitExceeded) as e:
        call_with_cpu_limit(lambda: time.sleep(60), 5, wall_seconds=0.5)
    assert str(e.value).startswith("grading was stopped after 0.5 s: ")


def test_runaway_grade_exits_2_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line reports a grade stopped by the guard as bad input (status 2), on stderr."""
    monkeypatch.setattr(cli, "grade_transcript", _spin)
    path = tmp_path / "t.txt"
    path.write_text("kubectl get pods\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["labels", str(path), "--cpu-limit", "1"], stdout=out, stderr=err) == 2
    assert out.getvalue() == ""
    assert err.getvalue() == ("grade: grading was stopped after 1 s of CPU: a command in the transcript did "
                              "not finish (please report it as a playground bug)\n")
