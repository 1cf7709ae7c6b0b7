"""The cluster view's data: pod cards carry kubectl's STATUS; workloads their counts; events newest first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string

from cluster_core import Playground
from playground.clusterview import build, status_class

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def cards(view: dict) -> dict[str, tuple[str, str, str]]:
    out = {}
    for node in view["nodes"]:
        for pod in node.pods:
            out[pod.name] = (node.name, pod.status, pod.css)
    for pod in view["unscheduled"]:
        out[pod.name] = ("", pod.status, pod.css)
    return out


@pytest.mark.parametrize(("status", "css"), [
    ("Pending", "pending"), ("ContainerCreating", "creating"), ("Running", "running"), ("Completed", "completed"),
    ("Error", "error"), ("CrashLoopBackOff", "crashloop"), ("ImagePullBackOff", "imagepull"),
    ("ErrImagePull", "imagepull"), ("Terminating", "terminating"), ("Init:0/1", "creating"),
    ("Init:CrashLoopBackOff", "error"), ("NodeLost", "other"),
])
def test_status_classes(status, css):
    """Each STATUS string kubectl prints maps to one card colour."""
    assert status_class(status) == css


def test_pod_goes_pending_creating_running_on_its_node():
    """A new pod's card follows `kubectl get pods`: Pending, ContainerCreating (on a worker), Running."""
    pg = Playground.new(seed=3, now=NOW)
    pg.execute("kubectl run web --image=nginx")
    assert cards(build(pg))["web"][1:] == ("Pending", "pending")
    pg.advance(1)
    node, status, _ = cards(build(pg))["web"]
    assert status == "ContainerCreating" and node in ("kubesphere02", "kubesphere03")
    pg.advance(30)
    assert cards(build(pg))["web"] == (node, "Running", "running")


def test_bad_image_shows_pull_back_off():
    """A misspelt image ends as ErrImagePull / ImagePullBackOff, as kubectl shows it."""
    pg = Playground.new(seed=3, now=NOW)
    pg.execute("kubectl run bad --image=nginxx:nope")
    pg.advance(60)
    assert cards(build(pg))["bad"][1] in ("ErrImagePull", "ImagePullBackOff")


def test_namespace_filter():
    """Default hides the system namespaces; "*" shows all; a name shows that namespace only."""
    pg = Playground.new(seed=3, now=NOW)
    pg.execute("kubectl create namespace shop; kubectl run a --image=nginx; kubectl run b -n shop --image=nginx")
    assert sorted(cards(build(pg))) == ["a", "b"]
    assert sorted(cards(build(pg, "shop"))) == ["b"]
    everything = cards(build(pg, "*"))
    assert "a" in everything and any(name.startswith("coredns-") for name in everything)
    assert build(pg)["namespaces"] == ["default", "kube-node-lease", "kube-public", "kube-system", "shop"]


JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "echo hi"]
"""


def test_job_counts_and_events():
    """A Job shows completions and state; the event feed lists the newest first."""
    pg = Playground.new(seed=3, now=NOW)
    pg.write_file("job.yaml", JOB)
    pg.execute("kubectl create -f job.yaml")
    pg.advance(120)
    view = build(pg)
    (job,) = view["jobs"]
    assert (job["name"], job["succeeded"], job["active"], job["completions"], job["state"]) == (
        "once", 1, 0, 1, "Complete")
    assert [e["reason"] for e in view["events"]] == [
        "Completed", "Started", "Created", "Pulled", "Pulling", "Scheduled", "SuccessfulCreate"]
    assert view["events"][0]["object"] == "job/once" and view["events"][0]["time"] == "00:00:04"


def test_deployment_counts_and_its_replicaset():
    """A Deployment shows ready/desired, up-to-date and available, above the ReplicaSet it made."""
    pg = Playground.new(seed=3, now=NOW)
    pg.execute("kubectl create deployment web --image=nginx --replicas=3")
    pg.advance(60)
    view = build(pg)
    (deploy,) = view["deployments"]
    assert (deploy["name"], deploy["desired"], deploy["ready"], deploy["updated"], deploy["available"],
            deploy["selector"]) == ("web", 3, 3, 3, 3, "app=web")
    (rs,) = view["replicasets"]
    assert rs["name"].startswith("web-") and (rs["desired"], rs["ready"]) == (3, 3)
    html = render_to_string("_cluster_view.html", view)
    assert '<table class="workload-table" data-kind="Deployment">' in html
    assert 'data-name="web" data-namespace="default" data-desired="3" data-ready="3"' in html
