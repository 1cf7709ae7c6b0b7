"""The DaemonSet controller on the tutorial's three nodes (kubesphere01 is the tainted control plane)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from cluster_core.sim.controllers.common import template_hash
from cluster_core.sim.controllers.daemonset import should_run

NOW = datetime(2026, 1, 1, tzinfo=UTC)
WORKERS = ["kubesphere02", "kubesphere03"]
DS_TOLERATIONS = [
    {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists"},
    {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/disk-pressure", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/memory-pressure", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/pid-pressure", "operator": "Exists"},
    {"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable", "operator": "Exists"},
]


def daemonset(name: str, app: str, image: str, node_selector: dict | None = None,
              tolerations: list | None = None, env: list | None = None) -> dict:
    container: dict = {"name": app, "image": image}
    if env:
        container["env"] = env
    spec: dict = {"containers": [container]}
    if node_selector:
        spec["nodeSelector"] = node_selector
    if tolerations:
        spec["tolerations"] = tolerations
    return {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": name},
            "spec": {"selector": {"matchLabels": {"app": app}},
                     "template": {"metadata": {"labels": {"app": app}}, "spec": spec}}}


def mysql_ds() -> dict:
    """The tutorial's mysql-ds.yaml."""
    return daemonset("mysql-ds", "mysql", "mysql:5.7", env=[{"name": "MYSQL_ROOT_PASSWORD", "value": "Az123456_"}])


def tomcat_ssd() -> dict:
    """The tutorial's tomcat-ssd.yaml."""
    return daemonset("tomcat-ssd", "tomcat", "kubeguide/tomcat-app:v1", node_selector={"disk1": "ssd1"})


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def pods(pg: Playground, app: str) -> list[dict]:
    return pg.cluster.list("Pod", "default", selector=f"app={app}")


def nodes_of(pg: Playground, app: str) -> list[str]:
    return sorted(p["spec"].get("nodeName", "") for p in pods(pg, app))


def label_node(pg: Playground, node: str, key: str, value: str) -> None:
    obj = pg.cluster.get("Node", None, node)
    obj["metadata"]["labels"][key] = value
    pg.cluster.update(obj)


def test_mysql_ds_runs_on_the_two_workers_only(pg: Playground) -> None:
    """kubectl create -f mysql-ds.yaml: one pod per worker, none on the tainted control plane."""
    pg.cluster.create(mysql_ds())
    assert len(pods(pg, "mysql")) == 2
    pg.advance(90)
    assert nodes_of(pg, "mysql") == WORKERS
    assert pg.cluster.get("DaemonSet", "default", "mysql-ds")["status"] == {
        "currentNumberScheduled": 2, "desiredNumberScheduled": 2, "numberAvailable": 2,
        "numberMisscheduled": 0, "numberReady": 2, "observedGeneration": 1, "updatedNumberScheduled": 2}


def test_daemon_pods_look_like_the_real_controllers(pg: Playground) -> None:
    """Pod names, labels, the pinning node affinity and the automatic tolerations."""
    ds = pg.cluster.create(mysql_ds())
    ds_hash = template_hash(pg.cluster.get("DaemonSet", "default", "mysql-ds")["spec"]["template"])
    targets = []
    for p in pods(pg, "mysql"):
        assert re.fullmatch(r"mysql-ds-[bcdfghjklmnpqrstvwxz2456789]{5}", p["metadata"]["name"])
        assert p["metadata"]["labels"] == {"app": "mysql", "controller-revision-hash": ds_hash,
                                           "pod-template-generation": "1"}
        assert p["metadata"]["ownerReferences"] == [
            {"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "DaemonSet",
             "name": "mysql-ds", "uid": ds["metadata"]["uid"]}]
        assert p["spec"]["tolerations"] == DS_TOLERATIONS
        terms = p["spec"]["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        assert len(terms["nodeSelectorTerms"]) == 1
        (field,) = terms["nodeSelectorTerms"][0]["matchFields"]
        assert field["key"] == "metadata.name" and field["operator"] == "In"
        targets += field["values"]
    assert sorted(targets) == WORKERS
    assert re.fullmatch(r"[4-9bcdf]{1,10}", ds_hash)


def test_events_from_daemonset_controller(pg: Playground) -> None:
    """kubectl describe ds: SuccessfulCreate per pod, from daemonset-controller."""
    pg.cluster.create(mysql_ds())
    got = sorted((e["reason"], e["message"], e["source"]["component"])
                 for e in pg.cluster.list("Event", "default") if e["involvedObject"]["kind"] == "DaemonSet")
    assert got == sorted(("SuccessfulCreate", f"Created pod: {p['metadata']['name']}", "daemonset-controller")
                         for p in pods(pg, "mysql"))


def test_tolerating_the_control_plane_taint_runs_everywhere(pg: Playground) -> None:
    """A DaemonSet that tolerates node-role.kubernetes.io/control-plane also runs on kubesphere01."""
    tol = [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}]
    pg.cluster.create(daemonset("agent", "agent", "nginx", tolerations=tol))
    pg.advance(60)
    assert nodes_of(pg, "agent") == ["kubesphere01", *WORKERS]
    assert pods(pg, "agent")[0]["spec"]["tolerations"] == tol + DS_TOLERATIONS


def test_node_selector_follows_node_labels(pg: Playground) -> None:
    """tomcat-ssd runs only where disk1=ssd1; relabelling the node to hdd removes the pod."""
    label_node(pg, "kubesphere02", "disk1", "ssd1")  # kubectl label node kubesphere02 disk1=ssd1
    pg.cluster.create(tomcat_ssd())
    pg.advance(90)
    assert nodes_of(pg, "tomcat") == ["kubesphere02"]
    assert pg.cluster.get("DaemonSet", "default", "tomcat-ssd")["status"]["numberReady"] == 1
    label_node(pg, "kubesphere02", "disk1", "hdd")  # kubectl label node kubesphere02 disk1=hdd --overwrite
    (leaving,) = pods(pg, "tomcat")
    assert leaving["metadata"].get("deletionTimestamp")
    status = pg.cluster.get("DaemonSet", "default", "tomcat-ssd")["status"]
    assert status["desiredNumberScheduled"] == 0 and status["numberMisscheduled"] == 1
    pg.advance(60)
    assert pods(pg, "tomcat") == []
    assert pg.cluster.get("DaemonSet", "default", "tomcat-ssd")["status"] == {
        "currentNumberScheduled": 0, "desiredNumberScheduled": 0, "numberMisscheduled": 0, "numberReady": 0,
        "observedGeneration": 1}


def test_no_matching_node_no_pods(pg: Playground) -> None:
    """Before any node carries disk1=ssd1, tomcat-ssd wants no pods; labelling a node starts one."""
    pg.cluster.create(tomcat_ssd())
    assert pods(pg, "tomcat") == []
    assert pg.cluster.get("DaemonSet", "default", "tomcat-ssd")["status"] == {
        "currentNumberScheduled": 0, "desiredNumberScheduled": 0, "numberMisscheduled": 0, "numberReady": 0,
        "observedGeneration": 1}
    label_node(pg, "kubesphere03", "disk1", "ssd1")
    assert len(pods(pg, "tomcat")) == 1


def test_new_node_gets_a_pod(pg: Playground) -> None:
    """Adding a worker adds a daemon pod on it."""
    pg.cluster.create(mysql_ds())
    node = pg.cluster.get("Node", None, "kubesphere03")
    node["metadata"] = {"name": "kubesphere04", "labels": {**node["metadata"]["labels"],
                                                           "kubernetes.io/hostname": "kubesphere04"}}
    pg.cluster.create(node)
    pg.advance(90)
    assert nodes_of(pg, "mysql") == [*WORKERS, "kubesphere04"]


def test_deleted_daemon_pod_comes_back(pg: Playground) -> None:
    """kubectl delete pod mysql-ds-xxxxx: once it is gone the controller creates a new one there."""
    pg.cluster.create(mysql_ds())
    pg.advance(90)
    victim = pods(pg, "mysql")[0]
    pg.cluster.delete("Pod", "default", victim["metadata"]["name"])
    pg.advance(90)
    names = [p["metadata"]["name"] for p in pods(pg, "mysql")]
    assert victim["metadata"]["name"] not in names
    assert nodes_of(pg, "mysql") == WORKERS


def test_template_change_rolls_one_node_at_a_time(pg: Playground) -> None:
    """RollingUpdate with maxUnavailable 1: a new image replaces the pods one node at a time."""
    pg.cluster.create(mysql_ds())
    pg.advance(90)
    ds = pg.cluster.get("DaemonSet", "default", "mysql-ds")
    ds["spec"]["template"]["spec"]["containers"][0]["image"] = "mysql:8.0"
    pg.cluster.update(ds)
    deleting = [p for p in pods(pg, "mysql") if p["metadata"].get("deletionTimestamp")]
    assert len(deleting) == 1
    pg.advance(300)
    images = [p["spec"]["containers"][0]["image"] for p in pods(pg, "mysql")]
    assert images == ["mysql:8.0", "mysql:8.0"]
    status = pg.cluster.get("DaemonSet", "default", "mysql-ds")["status"]
    assert status["updatedNumberScheduled"] == 2 and status["observedGeneration"] == 2


def test_delete_ds_deletes_its_pods(pg: Playground) -> None:
    """kubectl delete ds mysql-ds: the garbage collector removes its pods."""
    pg.cluster.create(mysql_ds())
    pg.advance(90)
    pg.cluster.delete("DaemonSet", "default", "mysql-ds")
    pg.advance(90)
    assert pods(pg, "mysql") == []


def test_should_run_checks_selector_affinity_and_taints() -> None:
    """NodeShouldRunDaemonPod: NoSchedule stops new pods, only NoExecute evicts running ones."""
    node = {"metadata": {"name": "n1", "labels": {"disk": "ssd"}}, "spec": {}}
    assert should_run({"nodeSelector": {"disk": "ssd"}}, node) == (True, True)
    assert should_run({"nodeSelector": {"disk": "hdd"}}, node) == (False, False)
    affinity = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": "disk", "operator": "NotIn", "values": ["ssd"]}]}]}}}
    assert should_run({"affinity": affinity}, node) == (False, False)
    node["spec"]["taints"] = [{"key": "k", "effect": "NoSchedule"}]
    assert should_run({}, node) == (False, True)
    node["spec"]["taints"] = [{"key": "k", "effect": "NoExecute"}]
    assert should_run({}, node) == (False, False)
    assert should_run({"tolerations": [{"operator": "Exists"}]}, node) == (True, True)
