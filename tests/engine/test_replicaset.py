"""The ReplicaSet controller, driven as the tutorial drives it: through the API and the clock."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from cluster_core.sim.controllers.replicaset import pods_to_delete
from cluster_core.sim.topology import Topology

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SUFFIX = "[bcdfghjklmnpqrstvwxz2456789]{5}"


def nginx_rs(replicas: int = 3, name: str = "nginx", selector: dict | None = None,
             labels: dict | None = None) -> dict:
    labels = labels or {"app": name}
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": name},
            "spec": {"replicas": replicas, "selector": selector or {"matchLabels": dict(labels)},
                     "template": {"metadata": {"labels": dict(labels)},
                                  "spec": {"containers": [{"name": "nginx", "image": "nginx:1.9.1"}]}}}}


def bare_pod(name: str, labels: dict) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels},
            "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def pods(pg: Playground, selector: str = "app=nginx") -> list[dict]:
    return pg.cluster.list("Pod", "default", selector=selector)


def names(pg: Playground, selector: str = "app=nginx") -> list[str]:
    return [p["metadata"]["name"] for p in pods(pg, selector)]


def live(pg: Playground, selector: str = "app=nginx") -> list[dict]:
    return [p for p in pods(pg, selector) if not p["metadata"].get("deletionTimestamp")]


def scale(pg: Playground, name: str, replicas: int) -> None:
    rs = pg.cluster.get("ReplicaSet", "default", name)
    rs["spec"]["replicas"] = replicas
    pg.cluster.update(rs)


def events(pg: Playground, name: str) -> list[tuple[str, str, str]]:
    return [(e["reason"], e["message"], e["source"]["component"])
            for e in pg.cluster.list("Event", "default")
            if e["involvedObject"]["name"] == name and e["involvedObject"]["kind"] == "ReplicaSet"]


def test_three_replicas_create_named_owned_pods_that_run(pg: Playground) -> None:
    """kubectl create -f nginx-rs.yaml: three nginx-xxxxx pods owned by the ReplicaSet, all Running."""
    rs = pg.cluster.create(nginx_rs())
    found = pods(pg)
    assert len(found) == 3
    for p in found:
        assert re.fullmatch(f"nginx-{SUFFIX}", p["metadata"]["name"])
        assert p["metadata"]["generateName"] == "nginx-"
        assert p["metadata"]["labels"] == {"app": "nginx"}
        assert p["metadata"]["ownerReferences"] == [
            {"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "ReplicaSet",
             "name": "nginx", "uid": rs["metadata"]["uid"]}]
    pg.advance(60)
    assert [p["status"]["phase"] for p in pods(pg)] == ["Running"] * 3
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["status"] == {
        "availableReplicas": 3, "fullyLabeledReplicas": 3, "observedGeneration": 1, "readyReplicas": 3,
        "replicas": 3}


def test_successful_create_events_name_each_pod(pg: Playground) -> None:
    """kubectl describe rs nginx: one SuccessfulCreate per pod from replicaset-controller."""
    pg.cluster.create(nginx_rs())
    assert sorted(events(pg, "nginx")) == sorted(
        ("SuccessfulCreate", f"Created pod: {n}", "replicaset-controller") for n in names(pg))


def test_status_counts_replicas_before_they_are_ready(pg: Playground) -> None:
    """Right after creation the pods exist but none is ready yet (READY 0 in kubectl get rs)."""
    pg.cluster.create(nginx_rs())
    status = pg.cluster.get("ReplicaSet", "default", "nginx")["status"]
    assert status == {"fullyLabeledReplicas": 3, "observedGeneration": 1, "replicas": 3}


def test_deleted_pod_is_replaced(pg: Playground) -> None:
    """kubectl delete pod nginx-xxxxx: a new pod with a new name takes its place."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    victim = names(pg)[0]
    pg.cluster.delete("Pod", "default", victim)
    assert len(live(pg)) == 3
    assert victim not in [p["metadata"]["name"] for p in live(pg)]
    pg.advance(60)
    assert victim not in names(pg)
    assert [p["status"]["phase"] for p in pods(pg)] == ["Running"] * 3


def test_failed_pod_is_replaced_and_kept(pg: Playground) -> None:
    """A pod that ends Failed (evicted, say) no longer counts: the ReplicaSet starts another one."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    server = pg.cluster.server
    victim = server.ref("Pod", "default", names(pg)[0])
    victim["status"]["phase"] = "Failed"
    server.update_status(victim)
    pg.sim.settle()
    assert len(pods(pg)) == 4
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["status"]["replicas"] == 3


def test_scale_up_to_five_and_down_to_one(pg: Playground) -> None:
    """kubectl scale rs nginx --replicas=5, then --replicas=1."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    scale(pg, "nginx", 5)
    assert len(pods(pg)) == 5
    pg.advance(60)
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["status"]["readyReplicas"] == 5
    scale(pg, "nginx", 1)
    assert len(live(pg)) == 1
    deleted = [p["metadata"]["name"] for p in pods(pg) if p["metadata"].get("deletionTimestamp")]
    assert len(deleted) == 4
    assert sorted(m for r, m, _ in events(pg, "nginx") if r == "SuccessfulDelete") == sorted(
        f"Deleted pod: {n}" for n in deleted)
    pg.advance(60)
    assert len(pods(pg)) == 1
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["status"] == {
        "availableReplicas": 1, "fullyLabeledReplicas": 1, "observedGeneration": 3, "readyReplicas": 1,
        "replicas": 1}


def test_scale_down_removes_pods_that_are_not_running_yet(pg: Playground) -> None:
    """getPodsToDelete ranks unscheduled/pending pods first: scaling 3 -> 5 -> 3 at once drops the new two."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    old = set(names(pg))
    scale(pg, "nginx", 5)
    scale(pg, "nginx", 3)
    assert {p["metadata"]["name"] for p in live(pg)} == old


def test_match_expressions_selector(pg: Playground) -> None:
    """The tutorial's matchExpressions selector (app In [nginx]) selects the pods it creates."""
    selector = {"matchExpressions": [{"key": "app", "operator": "In", "values": ["nginx"]}]}
    pg.cluster.create(nginx_rs(selector=selector))
    pg.advance(60)
    assert len(pods(pg)) == 3
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["status"]["readyReplicas"] == 3


def test_match_expressions_exists_and_not_in(pg: Playground) -> None:
    """Exists and NotIn: a pod lacking the label or carrying an excluded value is not counted."""
    selector = {"matchExpressions": [{"key": "app", "operator": "Exists"},
                                     {"key": "env", "operator": "NotIn", "values": ["prod"]}]}
    pg.cluster.create(bare_pod("prod-pod", {"app": "kubia", "env": "prod"}))
    pg.cluster.create(nginx_rs(name="kubia", selector=selector, labels={"app": "kubia", "env": "dev"}))
    assert len(pods(pg, "app=kubia,env=dev")) == 3
    assert "ownerReferences" not in pg.cluster.get("Pod", "default", "prod-pod")["metadata"]


def test_adopts_an_orphan_created_before_it(pg: Playground) -> None:
    """A bare pod with matching labels is adopted: the ReplicaSet creates only the missing two."""
    pg.cluster.create(bare_pod("nginx-manual", {"app": "nginx"}))
    rs = pg.cluster.create(nginx_rs())
    assert len(pods(pg)) == 3
    manual = pg.cluster.get("Pod", "default", "nginx-manual")
    assert manual["metadata"]["ownerReferences"][0]["uid"] == rs["metadata"]["uid"]


def test_extra_matching_pod_is_adopted_then_scaled_away(pg: Playground) -> None:
    """Creating a fourth matching pod: it is adopted, and the ReplicaSet deletes the surplus one."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    pg.cluster.create(bare_pod("intruder", {"app": "nginx"}))
    assert len(live(pg)) == 3
    intruder = pg.cluster.get("Pod", "default", "intruder")
    assert intruder["metadata"]["ownerReferences"][0]["name"] == "nginx"
    assert intruder["metadata"].get("deletionTimestamp")  # the newest, not-ready pod goes first


def test_relabelled_pod_is_released_and_replaced(pg: Playground) -> None:
    """kubectl label pod nginx-xxxxx app=debug --overwrite: the pod leaves the set; a new one is made."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    pod = pods(pg)[0]
    pod["metadata"]["labels"]["app"] = "debug"
    pg.cluster.update(pod)
    released = pg.cluster.get("Pod", "default", pod["metadata"]["name"])
    assert "ownerReferences" not in released["metadata"]
    assert len(pods(pg)) == 3


def test_delete_rs_deletes_its_pods(pg: Playground) -> None:
    """kubectl delete rs nginx (background cascade): the pods terminate and are gone."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    pg.cluster.delete("ReplicaSet", "default", "nginx")
    assert pg.cluster.get("ReplicaSet", "default", "nginx") is None
    assert all(p["metadata"].get("deletionTimestamp") for p in pods(pg))
    pg.advance(60)
    assert pods(pg) == []


def test_delete_rs_with_orphan_keeps_pods(pg: Playground) -> None:
    """kubectl delete rs nginx --cascade=orphan: the pods keep running, without an owner."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    pg.cluster.delete("ReplicaSet", "default", "nginx", propagation="Orphan")
    assert pg.cluster.get("ReplicaSet", "default", "nginx") is None
    pg.advance(60)
    assert [p["status"]["phase"] for p in pods(pg)] == ["Running"] * 3
    assert all("ownerReferences" not in p["metadata"] for p in pods(pg))


def test_new_rs_adopts_orphaned_pods(pg: Playground) -> None:
    """After an orphaning delete, a new ReplicaSet with the same selector takes the pods back."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    before = names(pg)
    pg.cluster.delete("ReplicaSet", "default", "nginx", propagation="Orphan")
    rs = pg.cluster.create(nginx_rs())
    assert names(pg) == before
    assert all(p["metadata"]["ownerReferences"][0]["uid"] == rs["metadata"]["uid"] for p in pods(pg))


def test_min_ready_seconds_delays_availability(pg: Playground) -> None:
    """minReadySeconds: 30: pods count as ready at once but as available only 30 s later."""
    rs = nginx_rs()
    rs["spec"]["minReadySeconds"] = 30
    pg.cluster.create(rs)
    run_until_ready = 0
    while pg.cluster.get("ReplicaSet", "default", "nginx")["status"].get("readyReplicas") != 3:
        pg.advance(1)
        run_until_ready += 1
        assert run_until_ready < 120
    status = pg.cluster.get("ReplicaSet", "default", "nginx")["status"]
    assert "availableReplicas" not in status
    pg.advance(31)
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["status"]["availableReplicas"] == 3


def test_same_seed_same_pod_names() -> None:
    """Determinism: two playgrounds with one seed name their pods alike."""
    a, b = Playground.new(seed=7, now=NOW), Playground.new(seed=7, now=NOW)
    for pg in (a, b):
        pg.cluster.create(nginx_rs())
        pg.advance(30)
        scale(pg, "nginx", 5)
        pg.advance(30)
    assert names(a) == names(b)
    c = Playground.new(seed=8, now=NOW)
    c.cluster.create(nginx_rs())
    assert names(c) != names(a)[:3]


def test_state_round_trip_keeps_converging(pg: Playground) -> None:
    """A saved and reloaded playground rebuilds the controller indexes and carries on."""
    pg.cluster.create(nginx_rs())
    pg.advance(60)
    pg2 = Playground.from_state(pg.to_state())
    victim = names(pg2)[0]
    pg2.cluster.delete("Pod", "default", victim)
    assert len(live(pg2)) == 3
    pg2.advance(60)
    assert len(pods(pg2)) == 3


def test_pods_to_delete_ranking() -> None:
    """ActivePodsWithRanks: unscheduled, then pending, then not ready, then doubled-up, then newest."""
    def pod(name: str, node: str = "n1", phase: str = "Running", ready: bool = True, created: int = 0) -> dict:
        status: dict = {"phase": phase}
        if ready:
            status["conditions"] = [{"type": "Ready", "status": "True",
                                     "lastTransitionTime": f"2026-01-01T00:00:{created + 5:02d}Z"}]
        return {"metadata": {"name": name, "uid": name, "creationTimestamp": f"2026-01-01T00:00:{created:02d}Z"},
                "spec": {"nodeName": node} if node else {}, "status": status}

    now = NOW.timestamp() + 3600
    pods_ = [pod("old", created=0), pod("unscheduled", node="", phase="Pending", ready=False),
             pod("pending", phase="Pending", ready=False), pod("notready", ready=False),
             pod("alone", node="n2", created=1)]
    order = [p["metadata"]["name"] for p in pods_to_delete(pods_, 4, now)]
    assert order == ["unscheduled", "pending", "notready", "old"]


def test_thousand_replicas_run_within_a_second_of_cpu() -> None:
    """1,000 replicas reach Running after advance(60) for under 1 s of CPU (no O(n^2) anywhere)."""
    pg = Playground.new(seed=0, now=NOW, topology=Topology.large(10))
    start = time.process_time()
    pg.cluster.create(nginx_rs(1000, name="big"))
    pg.advance(60)
    spent = time.process_time() - start
    status = pg.cluster.get("ReplicaSet", "default", "big")["status"]
    assert status["readyReplicas"] == 1000
    assert spent < 1.0, spent
