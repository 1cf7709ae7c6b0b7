"""The public Playground API: construction, time, files, state round trip and determinism."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster_core import Playground
from cluster_core.api.errors import ApiError
from cluster_core.sim.topology import Topology
from tests.tutorial_script import NGINX_MANUAL, NGINX_REPLICASET, NOW, SLEEP_JOB


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def pod(name: str, image: str = "nginx:1.9.1", labels: dict | None = None) -> dict:
    meta: dict = {"name": name}
    if labels:
        meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"containers": [{"name": "c", "image": image}]}}


def test_default_topology_is_the_tutorials(pg: Playground) -> None:
    """Three nodes named as in the tutorial, the first a tainted control plane, and the usual namespaces."""
    nodes = pg.cluster.list("Node")
    assert [n["metadata"]["name"] for n in nodes] == ["kubesphere01", "kubesphere02", "kubesphere03"]
    assert nodes[0]["spec"]["taints"] == [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]
    assert "taints" not in nodes[1]["spec"]
    names = [ns["metadata"]["name"] for ns in pg.cluster.list("Namespace")]
    assert names == ["default", "kube-node-lease", "kube-public", "kube-system"]
    system = {p["metadata"]["name"].rsplit("-", 1)[0] for p in pg.cluster.list("Pod", "kube-system")}
    assert {"etcd", "kube-apiserver", "kube-scheduler", "kube-controller-manager", "kube-proxy",
            "calico-node", "coredns-674b8bbfcf"} <= system


def test_system_objects_pass_the_servers_own_validation(pg: Playground) -> None:
    """The topology is created without validation for speed; it must still be what validation accepts."""
    from cluster_core.api import validation

    for kind in ("Namespace", "Node", "Pod", "ReplicaSet", "DaemonSet"):
        for obj in pg.server.iter(kind):
            assert validation.validate_create(obj) == [], (kind, obj["metadata"]["name"])


def test_manual_clock_moves_only_when_told(pg: Playground) -> None:
    """With ``now`` given the clock is manual: ``advance`` moves it, nothing else does."""
    assert pg.now == NOW
    pg.execute("kubectl get pods")
    assert pg.now == NOW
    pg.advance(30)
    assert pg.now == NOW + timedelta(seconds=30)


def test_pod_lifecycle_through_the_public_api(pg: Playground) -> None:
    """A created pod is Pending, then Running after its image is pulled; next_change_at says when to look."""
    pg.cluster.create(pod("web"))
    assert pg.cluster.get("Pod", "default", "web")["status"]["phase"] == "Pending"
    assert pg.next_change_at() is not None and pg.next_change_at() > NOW
    pg.advance(30)
    status = pg.cluster.get("Pod", "default", "web")["status"]
    assert status["phase"] == "Running"
    assert status["podIP"].startswith("10.244.")


def test_next_change_at_is_none_when_nothing_is_scheduled(pg: Playground) -> None:
    """A settled cluster has nothing queued: a server can sleep until a command arrives."""
    assert pg.next_change_at() is None


def test_cluster_reads_are_copies(pg: Playground) -> None:
    """Changing what ``get`` returned does not change the cluster."""
    node = pg.cluster.get("Node", None, "kubesphere02")
    node["metadata"]["labels"]["gpu"] = "true"
    assert "gpu" not in pg.cluster.get("Node", None, "kubesphere02")["metadata"]["labels"]


def test_invalid_create_changes_nothing(pg: Playground) -> None:
    """An invalid object is refused with the server's message and leaves no trace."""
    before = pg.to_state()
    with pytest.raises(ApiError) as e:
        pg.cluster.create(pod("Nginx_Pod"))
    assert e.value.reason == "Invalid"
    assert 'metadata.name: Invalid value: "Nginx_Pod"' in e.value.message
    assert pg.to_state()["server"]["objects"] == before["server"]["objects"]


def test_files_in_the_home_directory(pg: Playground) -> None:
    """write_file/read_file/list_files work on the student's home, which the shell sees too."""
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    pg.write_file("manifests/rs.yaml", NGINX_REPLICASET)
    assert pg.read_file("nginx-manual.yaml") == NGINX_MANUAL
    assert pg.list_files() == ["manifests", "nginx-manual.yaml"]
    assert pg.execute("cat manifests/rs.yaml").stdout == NGINX_REPLICASET
    with pytest.raises(FileNotFoundError):
        pg.read_file("nope.yaml")


def test_execute_returns_stdout_stderr_and_exit_code(pg: Playground) -> None:
    """One terminal line in, kubectl's streams and exit code out."""
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    r = pg.execute("kubectl create -f nginx-manual.yaml")
    assert (r.stdout, r.stderr, r.exit_code) == ("pod/nginx-manual created\n", "", 0)
    r = pg.execute("kubectl create -f nginx-manual.yaml")
    assert r.exit_code == 1
    assert r.stderr == ('Error from server (AlreadyExists): error when creating "nginx-manual.yaml": '
                        'pods "nginx-manual" already exists\n')
    assert pg.execute("foo").stderr == "bash: foo: command not found\n"
    assert pg.execute("foo").exit_code == 127


def _script(pg: Playground) -> None:
    pg.write_file("rs.yaml", NGINX_REPLICASET)
    pg.write_file("job.yaml", SLEEP_JOB)
    pg.execute("kubectl create -f rs.yaml")
    pg.advance(7)
    pg.execute("kubectl create -f job.yaml")
    pg.advance(3)


def test_state_round_trip_gives_an_identical_playground(pg: Playground) -> None:
    """from_state(to_state()) is identical now and behaves identically from then on."""
    _script(pg)
    state = pg.to_state()
    json.dumps(state)  # JSON-safe
    copy = Playground.from_state(json.loads(json.dumps(state)))
    assert copy.to_state() == state
    for p in (pg, copy):
        p.execute("kubectl delete pod -l app=nginx --wait=false")
        p.advance(60)
    assert copy.to_state() == pg.to_state()
    assert copy.execute("kubectl get pods,jobs").stdout == pg.execute("kubectl get pods,jobs").stdout


def test_same_seed_same_cluster() -> None:
    """Names, IPs and timings depend only on the seed and the calls: grading is reproducible."""
    a, b = Playground.new(seed=7, now=NOW), Playground.new(seed=7, now=NOW)
    _script(a)
    _script(b)
    assert a.to_state() == b.to_state()
    c = Playground.new(seed=8, now=NOW)
    _script(c)
    names = {p["metadata"]["name"] for p in a.cluster.list("Pod", "default")}
    assert names != {p["metadata"]["name"] for p in c.cluster.list("Pod", "default")}


def test_generated_names_use_kubernetes_suffix_alphabet(pg: Playground) -> None:
    """ReplicaSet pods are named <rs>-<5 chars of bcdfghjklmnpqrstvwxz2456789>."""
    _script(pg)
    for p in pg.cluster.list("Pod", "default", selector="app=nginx"):
        prefix, suffix = p["metadata"]["name"].rsplit("-", 1)
        assert prefix == "nginx" and len(suffix) == 5
        assert set(suffix) <= set("bcdfghjklmnpqrstvwxz2456789")


def test_from_state_refuses_garbage() -> None:
    """A state of another version or shape is refused with a clear error, not a crash later."""
    with pytest.raises(ValueError):
        Playground.from_state({"version": 999})
    with pytest.raises(ValueError):
        Playground.from_state("nope")  # type: ignore[arg-type]


def test_big_topology_for_many_pods() -> None:
    """A playground may be created with more and larger nodes than the default."""
    pg = Playground.new(seed=0, now=NOW, topology=Topology.large(4, pods_per_node=250))
    assert len(pg.cluster.list("Node")) == 5
    assert pg.cluster.get("Node", None, "kubesphere02")["status"]["allocatable"]["pods"] == "250"


def test_wall_clock_playground_follows_real_time() -> None:
    """Without ``now`` the clock follows the wall: catch_up brings simulated time to the present."""
    pg = Playground.new(seed=0)
    assert not pg.manual_clock
    assert abs((pg.now - datetime.now(UTC)).total_seconds()) < 5
    pg.pause()
    frozen = pg.now
    pg.catch_up()
    assert pg.now == frozen and pg.paused
    pg.resume()
    pg.advance(300)  # fast-forward five minutes
    assert (pg.now - datetime.now(UTC)).total_seconds() > 290


OPS = st.lists(st.one_of(
    st.tuples(st.just("create"), st.sampled_from(["a", "b", "c"]), st.sampled_from(["nginx", "busybox", "nope:1"])),
    st.tuples(st.just("delete"), st.sampled_from(["a", "b", "c"]), st.just("")),
    st.tuples(st.just("advance"), st.sampled_from(["1", "5", "30"]), st.just("")),
    st.tuples(st.just("rs"), st.sampled_from(["0", "2", "4"]), st.just("")),
), max_size=8)


def _apply(pg: Playground, ops: list[tuple[str, str, str]]) -> None:
    for op, a, b in ops:
        if op == "create":
            try:
                pg.cluster.create(pod(a, b, {"app": "nginx"}))
            except ApiError:
                pass
        elif op == "delete":
            try:
                pg.cluster.delete("Pod", "default", a)
            except ApiError:
                pass
        elif op == "advance":
            pg.advance(float(a))
        elif pg.cluster.get("ReplicaSet", "default", "nginx") is None:
            rs = yaml.safe_load(NGINX_REPLICASET)
            rs["spec"]["replicas"] = int(a)
            pg.cluster.create(rs)
        else:
            rs = pg.cluster.get("ReplicaSet", "default", "nginx")
            rs["spec"]["replicas"] = int(a)
            pg.cluster.update(rs)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=OPS, after=OPS)
def test_round_trip_at_any_point_behaves_the_same(before, after) -> None:
    """Saving and loading at any point does not change what happens next."""
    a = Playground.new(seed=3, now=NOW)
    _apply(a, before)
    b = Playground.from_state(a.to_state())
    _apply(a, after)
    _apply(b, after)
    assert a.to_state() == b.to_state()
