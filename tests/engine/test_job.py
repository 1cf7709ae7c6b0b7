"""The Job controller: the tutorial's batch-job, completions and parallelism, and the failure limits."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from cluster_core import timeutil
from cluster_core.playground import Playground
from cluster_core.sim.controllers.job import format_indexes, parse_indexes

NOW = datetime(2026, 1, 1, tzinfo=UTC)
TRACKING = "batch.kubernetes.io/job-tracking"
DONE = "Reached expected number of succeeded pods"


def job(name: str = "batch-job", restart: str = "OnFailure", command: list[str] | None = None,
        image: str = "luksa/batch-job", **spec: object) -> dict:
    container: dict = {"name": "main", "image": image}
    if command:
        container["command"] = command
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name},
            "spec": {**spec, "template": {"metadata": {"labels": {"app": name}},
                                          "spec": {"restartPolicy": restart, "containers": [container]}}}}


FAIL = ["sh", "-c", "echo failing; exit 1"]


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def status(pg: Playground, name: str = "batch-job") -> dict:
    return pg.cluster.get("Job", "default", name)["status"]


def pods(pg: Playground, name: str = "batch-job") -> list[dict]:
    return pg.cluster.list("Pod", "default", selector=f"job-name={name}")


def active_count(pg: Playground, name: str) -> int:
    return sum(1 for p in pods(pg, name)
               if p["status"]["phase"] in ("Pending", "Running") and not p["metadata"].get("deletionTimestamp"))


def conditions(pg: Playground, name: str) -> list[tuple[str, str, str, str]]:
    return [(c["type"], c["status"], c["reason"], c["message"]) for c in status(pg, name).get("conditions", [])]


def job_events(pg: Playground, name: str) -> list[tuple[str, str, str, str]]:
    evs = [e for e in pg.cluster.list("Event", "default")
           if e["involvedObject"]["kind"] == "Job" and e["involvedObject"]["name"] == name]
    evs.sort(key=lambda e: (e["firstTimestamp"], e["metadata"]["creationTimestamp"]))
    return [(e["type"], e["reason"], e["message"], e["source"]["component"]) for e in evs]


def run_until(pg: Playground, done, limit: float = 600, step: float = 1) -> float:
    """Advance in small steps until ``done()``; returns the simulated seconds it took."""
    spent = 0.0
    while not done() and spent < limit:
        pg.advance(step)
        spent += step
    assert done(), f"not done after {limit}s"
    return spent


def test_batch_job_pod_is_labelled_and_tracked(pg: Playground) -> None:
    """kubectl create -f batch-job.yaml: one pod batch-job-xxxxx with the job labels and the tracking finalizer."""
    created = pg.cluster.create(job())
    uid = created["metadata"]["uid"]
    (pod,) = pods(pg)
    assert re.fullmatch(r"batch-job-[bcdfghjklmnpqrstvwxz2456789]{5}", pod["metadata"]["name"])
    assert pod["metadata"]["labels"] == {
        "app": "batch-job", "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "batch-job",
        "controller-uid": uid, "job-name": "batch-job"}
    assert pod["metadata"]["finalizers"] == [TRACKING]
    assert pod["metadata"]["ownerReferences"] == [
        {"apiVersion": "batch/v1", "blockOwnerDeletion": True, "controller": True, "kind": "Job",
         "name": "batch-job", "uid": uid}]
    assert status(pg) == {"active": 1, "ready": 0, "startTime": "2026-01-01T00:00:00Z", "terminating": 0,
                          "uncountedTerminatedPods": {}}


def test_batch_job_completes_in_about_half_a_minute(pg: Playground) -> None:
    """kubectl get jobs: 0/1 while the pod works, then 1/1 with Complete after roughly 20-45 s."""
    pg.cluster.create(job())
    pg.advance(10)
    assert status(pg).get("succeeded") is None
    took = run_until(pg, lambda: status(pg).get("succeeded") == 1, limit=120)
    assert 20 <= took <= 45
    st = status(pg)
    assert "active" not in st and st["ready"] == 0 and st["terminating"] == 0
    assert st["uncountedTerminatedPods"] == {}
    t = st["completionTime"]
    assert st["conditions"] == [
        {"lastProbeTime": t, "lastTransitionTime": t, "message": DONE, "reason": "CompletionsReached",
         "status": "True", "type": "SuccessCriteriaMet"},
        {"lastProbeTime": t, "lastTransitionTime": t, "message": DONE, "reason": "CompletionsReached",
         "status": "True", "type": "Complete"}]
    (pod,) = pods(pg)
    assert pod["status"]["phase"] == "Succeeded"
    assert "finalizers" not in pod["metadata"]  # counted, so let go
    assert job_events(pg, "batch-job") == [
        ("Normal", "SuccessfulCreate", f"Created pod: {pod['metadata']['name']}", "job-controller"),
        ("Normal", "Completed", "Job completed", "job-controller")]


def test_completions_run_one_at_a_time(pg: Playground) -> None:
    """completions: 10 (parallelism 1): the pods run one after another."""
    pg.cluster.create(job("multi-completion", completions=10))
    peak = 0
    for _ in range(600):
        peak = max(peak, active_count(pg, "multi-completion"))
        if status(pg, "multi-completion").get("succeeded") == 10:
            break
        pg.advance(2)
    assert peak == 1
    assert len(pods(pg, "multi-completion")) == 10
    assert conditions(pg, "multi-completion")[-1] == ("Complete", "True", "CompletionsReached", DONE)


def test_parallelism_runs_three_at_a_time(pg: Playground) -> None:
    """completions: 10, parallelism: 3: three pods at once, never more, and done sooner."""
    pg.cluster.create(job("multi-completion-parallel", completions=10, parallelism=3))
    assert active_count(pg, "multi-completion-parallel") == 3
    peak = 0
    for _ in range(600):
        peak = max(peak, active_count(pg, "multi-completion-parallel"))
        if status(pg, "multi-completion-parallel").get("succeeded") == 10:
            break
        pg.advance(2)
    assert peak == 3
    assert len(pods(pg, "multi-completion-parallel")) == 10
    st = status(pg, "multi-completion-parallel")
    duration = timeutil.parse(st["completionTime"]) - timeutil.parse(st["startTime"])
    assert duration < 10 * 20


def test_backoff_limit_with_never_keeps_failed_pods(pg: Playground) -> None:
    """restartPolicy Never, backoffLimit 2: three failed pods, then Failed with BackoffLimitExceeded."""
    pg.cluster.create(job("fail", restart="Never", command=FAIL, image="busybox", backoffLimit=2))
    run_until(pg, lambda: any(c[0] == "Failed" for c in conditions(pg, "fail")), limit=600)
    failed = pods(pg, "fail")
    assert [p["status"]["phase"] for p in failed] == ["Failed"] * 3
    st = status(pg, "fail")
    assert st["failed"] == 3 and "completionTime" not in st
    assert conditions(pg, "fail") == [
        ("FailureTarget", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
        ("Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit")]
    assert job_events(pg, "fail")[-1] == ("Warning", "BackoffLimitExceeded",
                                          "Job has reached the specified backoff limit", "job-controller")


def test_failed_pods_are_replaced_after_a_growing_backoff(pg: Playground) -> None:
    """The pod failure back-off: the second pod starts >= 10 s after the first fails, the third >= 20 s."""
    pg.cluster.create(job("fail", restart="Never", command=FAIL, image="busybox", backoffLimit=2))
    run_until(pg, lambda: any(c[0] == "Failed" for c in conditions(pg, "fail")), limit=600)
    ps = sorted(pods(pg, "fail"), key=lambda p: p["metadata"]["creationTimestamp"])
    finished = [timeutil.parse(p["status"]["containerStatuses"][0]["state"]["terminated"]["finishedAt"])
                for p in ps]
    created = [timeutil.parse(p["metadata"]["creationTimestamp"]) for p in ps]
    assert created[1] - finished[0] >= 10
    assert created[2] - finished[1] >= 20


def test_on_failure_restarts_count_toward_the_backoff_limit(pg: Playground) -> None:
    """restartPolicy OnFailure: the kubelet restarts in place; at backoffLimit restarts the job gives up
    and deletes the pod."""
    pg.cluster.create(job("fail-onfailure", restart="OnFailure", command=FAIL, image="busybox", backoffLimit=2))
    run_until(pg, lambda: any(c[0] == "Failed" for c in conditions(pg, "fail-onfailure")), limit=900)
    assert conditions(pg, "fail-onfailure")[-1][:3] == ("Failed", "True", "BackoffLimitExceeded")
    assert status(pg, "fail-onfailure")["failed"] == 1
    reasons = [e[1] for e in job_events(pg, "fail-onfailure")]
    assert reasons == ["SuccessfulCreate", "SuccessfulDelete", "BackoffLimitExceeded"]
    pg.advance(60)
    assert pods(pg, "fail-onfailure") == []


def test_active_deadline_stops_the_job(pg: Playground) -> None:
    """activeDeadlineSeconds: 10: the running pod is deleted and the job fails with DeadlineExceeded."""
    pg.cluster.create(job("deadline", command=["sleep", "3600"], image="busybox", activeDeadlineSeconds=10))
    pg.advance(9)
    assert status(pg, "deadline")["active"] == 1
    pg.advance(1)
    assert conditions(pg, "deadline")[0] == (
        "FailureTarget", "True", "DeadlineExceeded", "Job was active longer than specified deadline")
    assert all(p["metadata"].get("deletionTimestamp") for p in pods(pg, "deadline"))
    run_until(pg, lambda: any(c[0] == "Failed" for c in conditions(pg, "deadline")), limit=60)
    st = status(pg, "deadline")
    assert st["failed"] == 1 and "active" not in st
    assert job_events(pg, "deadline")[-1][:3] == (
        "Warning", "DeadlineExceeded", "Job was active longer than specified deadline")


def test_deleted_running_pod_counts_failed_and_is_replaced_after_backoff(pg: Playground) -> None:
    """Deleting a running job pod: it counts as failed at once; the replacement waits out the 10 s back-off."""
    pg.cluster.create(job("sleeper", command=["sleep", "3600"], image="busybox"))
    pg.advance(30)
    (first,) = pods(pg, "sleeper")
    pg.cluster.delete("Pod", "default", first["metadata"]["name"])
    st = status(pg, "sleeper")
    assert st["failed"] == 1 and "active" not in st and st["terminating"] == 1
    pg.advance(9)
    assert len(pods(pg, "sleeper")) == 1
    pg.advance(1)
    assert status(pg, "sleeper")["active"] == 1
    assert len(pods(pg, "sleeper")) == 2


def test_delete_job_removes_pods(pg: Playground) -> None:
    """kubectl delete job batch-job: its pods go too (finalizers released, garbage collected)."""
    pg.cluster.create(job())
    pg.advance(5)
    pg.cluster.delete("Job", "default", "batch-job")
    pg.advance(60)
    assert pods(pg) == []


def test_ttl_after_finished_deletes_the_job(pg: Playground) -> None:
    """ttlSecondsAfterFinished: 30: the finished job and its pod disappear 30 s after completion."""
    pg.cluster.create(job(ttlSecondsAfterFinished=30))
    run_until(pg, lambda: status(pg).get("succeeded") == 1, limit=120)
    pg.advance(29)
    assert pg.cluster.get("Job", "default", "batch-job") is not None
    pg.advance(5)
    assert pg.cluster.get("Job", "default", "batch-job") is None
    assert pods(pg) == []


def test_indexed_completion_names_and_indexes(pg: Playground) -> None:
    """completionMode Indexed: pods <job>-<index>-xxxxx carry their index; completedIndexes fills up."""
    pg.cluster.create(job("idx", command=["sleep", "5"], image="busybox", completions=3, parallelism=3,
                          completionMode="Indexed"))
    indexes = sorted(p["metadata"]["labels"]["batch.kubernetes.io/job-completion-index"] for p in pods(pg, "idx"))
    assert indexes == ["0", "1", "2"]
    for p in pods(pg, "idx"):
        i = p["metadata"]["labels"]["batch.kubernetes.io/job-completion-index"]
        assert re.fullmatch(rf"idx-{i}-[a-z0-9]{{5}}", p["metadata"]["name"])
        assert p["spec"]["hostname"] == f"idx-{i}"
    run_until(pg, lambda: status(pg, "idx").get("succeeded") == 3, limit=120)
    assert status(pg, "idx")["completedIndexes"] == "0-2"


def test_saved_mid_backoff_the_job_ends_the_same(pg: Playground) -> None:
    """to_state/from_state between failures: the reloaded playground is identical and fails alike."""
    pg.cluster.create(job("fail", restart="Never", command=FAIL, image="busybox", backoffLimit=3))
    pg.cluster.create(job("deadline", command=["sleep", "300"], image="busybox", activeDeadlineSeconds=70))
    pg.advance(45)
    saved = json.loads(json.dumps(pg.to_state()))
    again = Playground.from_state(saved)
    assert json.dumps(again.to_state(), sort_keys=True) == json.dumps(saved, sort_keys=True)
    for p in (pg, again):
        p.advance(400)
    assert json.dumps(pg.to_state()["server"], sort_keys=True) == json.dumps(again.to_state()["server"],
                                                                             sort_keys=True)
    assert status(again, "fail")["failed"] == 4
    assert conditions(again, "deadline")[-1][:3] == ("Failed", "True", "DeadlineExceeded")


def test_index_interval_format() -> None:
    """Completed indexes print as upstream's ordered intervals."""
    assert format_indexes([0, 1, 2, 4, 6, 7]) == "0-2,4,6,7"
    assert parse_indexes("0-2,4,6,7") == [0, 1, 2, 4, 6, 7]
    assert format_indexes([]) == ""
