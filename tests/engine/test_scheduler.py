"""The default scheduler: binding, FailedScheduling with v1.33's words, retries when nodes change."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from cluster_core.sim.placement import node_affinity_matches, tolerates
from cluster_core.sim.scheduler import fit_error, quantity
from cluster_core.sim.topology import NodeSpec, Topology

NOW = datetime(2026, 1, 1, tzinfo=UTC)
GPU_MESSAGE = ("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
               "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: "
               "3 Preemption is not helpful for scheduling.")


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def pod(name: str, image: str = "nginx:1.9.1", **spec: object) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
            "spec": {"containers": [{"name": name, "image": image}], **spec}}


def events(pg: Playground, name: str, reason: str | None = None) -> list[tuple[str, str, str, int]]:
    evs = [e for e in pg.cluster.list("Event", "default") if e["involvedObject"]["name"] == name
           and (reason is None or e["reason"] == reason)]
    evs.sort(key=lambda e: int(e["metadata"]["resourceVersion"]))
    return [(e["type"], e["reason"], e["message"], e["count"]) for e in evs]


def scheduled_condition(pg: Playground, name: str) -> dict:
    p = pg.cluster.get("Pod", "default", name)
    return next(c for c in p["status"]["conditions"] if c["type"] == "PodScheduled")


def test_pod_is_bound_to_a_worker_with_a_scheduled_event(pg: Playground) -> None:
    """kubectl run nginx-manual: bound at once, PodScheduled True, event from default-scheduler."""
    pg.cluster.create(pod("nginx-manual"))
    p = pg.cluster.get("Pod", "default", "nginx-manual")
    assert p["spec"]["nodeName"] == "kubesphere02"
    assert scheduled_condition(pg, "nginx-manual") == {
        "lastProbeTime": None, "lastTransitionTime": "2026-01-01T00:00:00Z", "status": "True", "type": "PodScheduled"}
    (ev,) = [e for e in pg.cluster.list("Event", "default") if e["reason"] == "Scheduled"]
    assert ev["message"] == "Successfully assigned default/nginx-manual to kubesphere02"
    assert ev["source"] == {"component": "default-scheduler"}
    assert ev["type"] == "Normal"


def test_pods_spread_over_the_workers_never_the_control_plane(pg: Playground) -> None:
    """Six pods: three on each worker; the control-plane taint keeps them off kubesphere01."""
    for i in range(6):
        pg.cluster.create(pod(f"web-{i}"))
    nodes = [p["spec"]["nodeName"] for p in pg.cluster.list("Pod", "default")]
    assert sorted(nodes) == ["kubesphere02"] * 3 + ["kubesphere03"] * 3


def test_toleration_lets_a_pod_onto_the_control_plane() -> None:
    """A pod tolerating the control-plane taint and selecting the node lands there."""
    pg = Playground.new(seed=0, now=NOW)
    pg.cluster.create(pod("cp", nodeSelector={"node-role.kubernetes.io/control-plane": ""},
                          tolerations=[{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists",
                                        "effect": "NoSchedule"}]))
    assert pg.cluster.get("Pod", "default", "cp")["spec"]["nodeName"] == "kubesphere01"


def test_node_selector_without_a_match_stays_pending_with_the_exact_message(pg: Playground) -> None:
    """nodeSelector gpu=true before any node has the label: Pending, Unschedulable, FailedScheduling."""
    pg.cluster.create(pod("gpu", nodeSelector={"gpu": "true"}))
    pg.advance(5)
    p = pg.cluster.get("Pod", "default", "gpu")
    assert "nodeName" not in p["spec"]
    assert p["status"]["phase"] == "Pending"
    assert scheduled_condition(pg, "gpu") == {
        "lastProbeTime": None, "lastTransitionTime": "2026-01-01T00:00:00Z", "message": GPU_MESSAGE,
        "reason": "Unschedulable", "status": "False", "type": "PodScheduled"}
    assert events(pg, "gpu") == [("Warning", "FailedScheduling", GPU_MESSAGE, 1)]


def test_labelling_a_node_schedules_the_waiting_pod(pg: Playground) -> None:
    """kubectl label node kubesphere03 gpu=true: the pending pod is bound to it within the instant."""
    pg.cluster.create(pod("gpu", nodeSelector={"gpu": "true"}))
    pg.advance(20)
    node = pg.cluster.get("Node", None, "kubesphere03")
    node["metadata"]["labels"]["gpu"] = "true"
    pg.cluster.update(node)
    p = pg.cluster.get("Pod", "default", "gpu")
    assert p["spec"]["nodeName"] == "kubesphere03"
    assert events(pg, "gpu", "Scheduled") == [
        ("Normal", "Scheduled", "Successfully assigned default/gpu to kubesphere03", 1)]
    cond = scheduled_condition(pg, "gpu")
    assert (cond["status"], cond["lastTransitionTime"]) == ("True", "2026-01-01T00:00:20Z")


def test_unrelated_node_changes_do_not_retry(pg: Playground) -> None:
    """A node's image list changing (a pull finishing) is no reason to try an unschedulable pod again."""
    pg.cluster.create(pod("gpu", nodeSelector={"gpu": "true"}))
    pg.cluster.create(pod("web", image="busybox:1.36"))
    pg.advance(60)
    assert events(pg, "gpu", "FailedScheduling")[0][3] == 1


def test_unschedulable_pods_are_retried_every_five_minutes(pg: Playground) -> None:
    """podMaxInUnschedulablePodsDuration: the event count goes up once per five minutes or so."""
    pg.cluster.create(pod("gpu", nodeSelector={"gpu": "true"}))
    pg.advance(299)
    assert events(pg, "gpu")[0][3] == 1
    pg.advance(31)
    assert events(pg, "gpu")[0][3] == 2


def test_cordoned_node_is_skipped_with_its_reason() -> None:
    """A worker with spec.unschedulable and a full one: each node's first failing filter is counted."""
    topo = Topology([NodeSpec("kubesphere01", control_plane=True), NodeSpec("kubesphere02"),
                     NodeSpec("kubesphere03", pods=2)], system_pods=True)
    pg = Playground.new(seed=0, now=NOW, topology=topo)
    node = pg.cluster.get("Node", None, "kubesphere02")
    node["spec"]["unschedulable"] = True
    pg.cluster.update(node)
    pg.cluster.create(pod("web"))
    msg = events(pg, "web", "FailedScheduling")[0][2]
    assert msg == ("0/3 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint "
                   "{node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes "
                   "are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for "
                   "scheduling.")


def test_insufficient_cpu_and_memory(pg: Playground) -> None:
    """Requests bigger than any worker: Insufficient cpu and Insufficient memory on both workers."""
    big = pod("big")
    big["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "3", "memory": "64Gi"}}
    pg.cluster.create(big)
    assert events(pg, "big", "FailedScheduling")[0][2] == (
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
        "2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: "
        "1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.")


def test_freed_resources_let_a_waiting_pod_in(pg: Playground) -> None:
    """Two pods asking 1.5 CPU each fill the 2-CPU workers; deleting one lets a third one schedule."""
    for name in ("a", "b", "c"):
        p = pod(name, image="busybox:1.36", restartPolicy="Never")
        p["spec"]["containers"][0].update({"command": ["sleep", "3600"], "resources": {"requests": {"cpu": "1500m"}}})
        pg.cluster.create(p)
    assert "nodeName" not in pg.cluster.get("Pod", "default", "c")["spec"]
    pg.advance(10)
    pg.cluster.delete("Pod", "default", "a", grace_period=0)
    pg.advance(2)
    assert pg.cluster.get("Pod", "default", "c")["spec"]["nodeName"] == "kubesphere02"


def test_fit_error_sorts_the_histogram_as_strings() -> None:
    """FitError.Error(): "<count> <reason>" entries sorted as strings, then the preemption summary."""
    reasons = [["node(s) didn't match Pod's node affinity/selector"]] * 10 + [["Insufficient cpu"]] * 2
    assert fit_error(12, reasons) == (
        "0/12 nodes are available: 10 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. "
        "preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, "
        "2 No preemption victims found for incoming pod.")


@pytest.mark.parametrize(("value", "number"), [("100m", 0.1), ("2", 2.0), ("1Gi", 2**30), ("7901360Ki", 7901360 * 1024),
                                               ("500M", 5e8), ("1e3", 1000.0), (3, 3.0), ("junk", 0.0)])
def test_quantity(value: object, number: float) -> None:
    """Resource quantities parse as Kubernetes reads them."""
    assert quantity(value) == pytest.approx(number)


def test_node_affinity_expressions() -> None:
    """requiredDuringScheduling terms are ORed, their expressions ANDed; In, NotIn, Exists, Gt."""
    node = {"metadata": {"name": "n1", "labels": {"disk": "ssd", "cores": "8"}}}
    term = {"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]},
                                 {"key": "cores", "operator": "Gt", "values": ["4"]}]}
    spec = {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [term]}}}}
    assert node_affinity_matches(spec, node)
    term["matchExpressions"][1]["values"] = ["8"]
    assert not node_affinity_matches(spec, node)
    spec["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"].append(
        {"matchExpressions": [{"key": "gpu", "operator": "DoesNotExist"}]})
    assert node_affinity_matches(spec, node)


def test_tolerations() -> None:
    """Exists matches any value; Equal needs the value; an empty key with Exists tolerates everything."""
    taint = {"key": "dedicated", "value": "db", "effect": "NoSchedule"}
    assert tolerates({"key": "dedicated", "operator": "Exists"}, taint)
    assert tolerates({"key": "dedicated", "value": "db", "effect": "NoSchedule"}, taint)
    assert not tolerates({"key": "dedicated", "value": "web"}, taint)
    assert not tolerates({"key": "dedicated", "operator": "Exists", "effect": "NoExecute"}, taint)
    assert tolerates({"operator": "Exists"}, taint)


def test_same_seed_same_placement() -> None:
    """Determinism: two clusters with one seed place the same pods on the same nodes."""
    def run() -> list[tuple[str, str]]:
        pg = Playground.new(seed=7, now=NOW)
        pg.cluster.create({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web"},
                           "spec": {"replicas": 5, "selector": {"matchLabels": {"app": "web"}},
                                    "template": {"metadata": {"labels": {"app": "web"}},
                                                 "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}})
        pg.advance(30)
        return [(p["metadata"]["name"], p["spec"]["nodeName"], p["status"]["podIP"])
                for p in pg.cluster.list("Pod", "default")]

    assert run() == run()
