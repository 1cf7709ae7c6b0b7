"""``kubectl cordon``, ``uncordon``, ``drain`` and ``taint``: what they print (kubectl v1.33's words,
checked against the real client), what they change on the node, and what the scheduler does then."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS

UNSCHEDULABLE = "node.kubernetes.io/unschedulable"


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    for name in ("nginx-rs", "nginx-manual"):
        pg.write_file(f"{name}.yaml", MANIFESTS[name])
    return pg


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def _node(pg: Playground, name: str) -> dict:
    return pg.cluster.get("Node", None, name)


def _nodes_of_pods(pg: Playground) -> set[str]:
    return {p["spec"].get("nodeName") for p in pg.cluster.list("Pod", "default")}


def test_cordon_and_uncordon(pg):
    """cordon sets spec.unschedulable and the lifecycle controller's taint; uncordon removes both."""
    assert run(pg, "kubectl cordon kubesphere02") == ("node/kubesphere02 cordoned\n", "", 0)
    node = _node(pg, "kubesphere02")
    assert node["spec"]["unschedulable"] is True
    assert node["spec"]["taints"] == [{"effect": "NoSchedule", "key": UNSCHEDULABLE,
                                       "timeAdded": "2026-01-01T00:00:00Z"}]
    assert run(pg, "kubectl cordon kubesphere02") == ("node/kubesphere02 already cordoned\n", "", 0)
    assert "kubesphere02   Ready,SchedulingDisabled   <none>" in run(pg, "kubectl get nodes")[0]
    assert run(pg, "kubectl uncordon kubesphere02") == ("node/kubesphere02 uncordoned\n", "", 0)
    assert "unschedulable" not in _node(pg, "kubesphere02")["spec"]
    assert "taints" not in _node(pg, "kubesphere02")["spec"]
    assert run(pg, "kubectl uncordon kubesphere02") == ("node/kubesphere02 already uncordoned\n", "", 0)


def test_cordoned_node_gets_no_new_pods(pg):
    """With kubesphere02 cordoned, a ReplicaSet's pods all go to kubesphere03."""
    run(pg, "kubectl cordon kubesphere02")
    run(pg, "kubectl create -f nginx-rs.yaml")
    pg.advance(10)
    assert _nodes_of_pods(pg) == {"kubesphere03"}


def test_cordon_dry_run_and_selector(pg):
    """--dry-run=client changes nothing; -l cordons the nodes the selector matches."""
    assert run(pg, "kubectl cordon kubesphere02 --dry-run=client") == (
        "node/kubesphere02 cordoned (dry run)\n", "", 0)
    assert "unschedulable" not in _node(pg, "kubesphere02")["spec"]
    assert run(pg, "kubectl cordon -l kubernetes.io/hostname=kubesphere03") == ("node/kubesphere03 cordoned\n", "", 0)


@pytest.mark.parametrize(("line", "err"), [
    ("kubectl cordon", "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"),
    ("kubectl uncordon", "error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n"),
    ("kubectl cordon a -l x=y",
     "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n"),
    ("kubectl cordon nope", 'Error from server (NotFound): nodes "nope" not found\n'),
    ("kubectl uncordon --dry-run=bogus x",
     'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n'),
    ("kubectl cordon x -o name", "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl cordon --help' for usage.\n"),
    ("kubectl drain", "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n"),
    ("kubectl drain x --pod-selector='a in'", "error: --pod-selector=<pod_selector> must be a valid label selector\n"),
])
def test_cordon_errors(pg, line, err):
    """Wrong invocations give the real client's words."""
    assert run(pg, line) == ("", err, 1)


def test_drain_refuses_daemonset_pods_without_the_flag(pg):
    """A node with DaemonSet pods: drain cordons, then refuses, naming the pods, and exits 1."""
    out, err, code = run(pg, "kubectl drain kubesphere02")
    assert (out, code) == ("node/kubesphere02 cordoned\n", 1)
    lines = err.splitlines()
    assert lines[0].startswith('error: unable to drain node "kubesphere02" due to error: cannot delete '
                               "DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/")
    assert lines[0].endswith(", continuing command...")
    assert lines[1:3] == ["There are pending nodes to be drained:", " kubesphere02"]
    assert lines[3].startswith("error: cannot delete DaemonSet-managed Pods")


def test_drain_evicts_and_the_replicaset_moves_its_pods(pg):
    """drain --ignore-daemonsets --force: unmanaged pods too are evicted; the ReplicaSet recreates elsewhere."""
    run(pg, "kubectl create -f nginx-rs.yaml")
    run(pg, "kubectl create -f nginx-manual.yaml")
    pg.advance(20)
    on02 = sorted(p["metadata"]["name"] for p in pg.cluster.list("Pod", "default")
                  if p["spec"].get("nodeName") == "kubesphere02")
    assert on02
    out, err, code = run(pg, "kubectl drain kubesphere02 --ignore-daemonsets --force")
    assert code == 0
    assert out == ("node/kubesphere02 cordoned\n" + "".join(f"evicting pod default/{n}\n" for n in on02)
                   + "".join(f"pod/{n} evicted\n" for n in on02) + "node/kubesphere02 drained\n")
    assert err.startswith("Warning: ignoring DaemonSet-managed Pods: kube-system/")
    pg.advance(20)
    assert "kubesphere02" not in _nodes_of_pods(pg)
    assert len(pg.cluster.list("Pod", "default", "app=nginx")) == 3


def test_drain_unmanaged_pod_needs_force(pg):
    """A bare pod on the node stops the drain unless --force is given."""
    run(pg, "kubectl create -f nginx-manual.yaml")
    pg.advance(10)
    node = pg.cluster.get("Pod", "default", "nginx-manual")["spec"]["nodeName"]
    _, err, code = run(pg, f"kubectl drain {node} --ignore-daemonsets")
    assert code == 1
    assert (f'error: unable to drain node "{node}" due to error: cannot delete Pods declare no controller (use '
            "--force to override): default/nginx-manual, continuing command...\n") in err


def test_taint_add_modify_remove(pg):
    """tainted, modified (--overwrite), untainted; the node's taint list as kubectl builds it."""
    assert run(pg, "kubectl taint nodes kubesphere02 gpu=true:NoSchedule") == ("node/kubesphere02 tainted\n", "", 0)
    assert _node(pg, "kubesphere02")["spec"]["taints"] == [{"effect": "NoSchedule", "key": "gpu", "value": "true"}]
    assert run(pg, "kubectl taint nodes kubesphere02 gpu=false:NoSchedule") == (
        "", "error: node kubesphere02 already has gpu taint(s) with same effect(s) and --overwrite is false\n", 1)
    assert run(pg, "kubectl taint nodes kubesphere02 gpu=false:NoSchedule --overwrite") == (
        "node/kubesphere02 modified\n", "", 0)
    assert run(pg, "kubectl taint nodes kubesphere02 gpu:NoSchedule-") == ("node/kubesphere02 untainted\n", "", 0)
    assert "taints" not in _node(pg, "kubesphere02")["spec"]
    assert run(pg, "kubectl taint nodes kubesphere02 gpu-") == ("", 'error: taint "gpu" not found\n', 1)


def test_tainted_node_repels_pods(pg):
    """A NoSchedule taint on kubesphere02 sends a ReplicaSet's pods to kubesphere03."""
    run(pg, "kubectl taint nodes kubesphere02 dedicated=db:NoSchedule")
    run(pg, "kubectl create -f nginx-rs.yaml")
    pg.advance(10)
    assert _nodes_of_pods(pg) == {"kubesphere03"}


def test_taint_all_and_control_plane(pg):
    """--all taints every node; the control-plane taint can be removed by key and effect."""
    assert run(pg, "kubectl taint nodes --all x=y:PreferNoSchedule") == (
        "node/kubesphere01 tainted\nnode/kubesphere02 tainted\nnode/kubesphere03 tainted\n", "", 0)
    assert run(pg, "kubectl taint nodes kubesphere01 node-role.kubernetes.io/control-plane:NoSchedule-") == (
        "node/kubesphere01 untainted\n", "", 0)
    assert _node(pg, "kubesphere01")["spec"]["taints"] == [{"effect": "PreferNoSchedule", "key": "x", "value": "y"}]


@pytest.mark.parametrize(("line", "err"), [
    ("kubectl taint nodes n1", "error: at least one taint update is required\n"),
    ("kubectl taint node n1 a=b:Bad",
     "error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"),
    ("kubectl taint node n1 a=b=c:NoSchedule",
     "error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubectl taint -h' for help and examples\n"),
    ("kubectl taint node n1 a=b:NoSchedule a=c:NoSchedule",
     "error: duplicated taints with the same key and effect: {a c NoSchedule <nil>}\n"
     "See 'kubectl taint -h' for help and examples\n"),
    ("kubectl taint node n1 a=b:NoSchedule a-",
     "error: can not both modify and remove the following taint(s) in the same command: a=\n"),
    ("kubectl taint node n1 a=b:NoSchedule x", "error: all resources must be specified before taint changes: x\n"),
    ("kubectl taint pods n1 a=b:NoSchedule", "error: invalid resource type pods, only node types are supported\n"),
    ("kubectl taint a=b:NoSchedule", "error: one or more resources must be specified as <resource> <name>\n"),
    ("kubectl taint node a=b:NoSchedule",
     "error: at least one resource name must be specified since 'all' parameter is not set\n"),
    ("kubectl taint node --all -l x=y a=b:NoSchedule",
     "error: setting 'all' parameter with a non empty selector is prohibited\n"),
    ("kubectl taint node nope a=b:NoSchedule", 'Error from server (NotFound): nodes "nope" not found\n'),
    ("kubectl taint bogus n1 a=b:NoSchedule", 'the server doesn\'t have a resource type "bogus"\n'),
])
def test_taint_errors(pg, line, err):
    """Wrong invocations give the real client's words (checked against kubectl 1.33)."""
    assert run(pg, line) == ("", err, 1)
