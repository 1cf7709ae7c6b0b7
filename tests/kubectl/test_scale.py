"""``kubectl scale``: ReplicaSets through their scale subresource, preconditions, kinds that cannot be
scaled, and the builder's errors in kubectl v1.33's words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    for name in ("nginx-rs", "nginx-manual", "mysql-ds"):
        pg.write_file(f"{name}.yaml", MANIFESTS[name])
        pg.execute(f"kubectl create -f {name}.yaml")
    pg.advance(30)
    return pg


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def _running(pg: Playground) -> list[str]:
    return [p["metadata"]["name"] for p in pg.cluster.list("Pod", "default", "app=nginx")
            if p["status"].get("phase") == "Running" and not p["metadata"].get("deletionTimestamp")]


def test_scale_up_to_five(pg):
    """Step 2: ``scale rs nginx --replicas=5``: two more pods, all Running after 30 seconds."""
    assert run(pg, "kubectl scale rs nginx --replicas=5") == ("replicaset.apps/nginx scaled\n", "", 0)
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["spec"]["replicas"] == 5
    pg.advance(30)
    assert len(_running(pg)) == 5


def test_scale_down(pg):
    """Scaling to 1 leaves one pod once the others have terminated."""
    assert run(pg, "kubectl scale --replicas=1 rs/nginx") == ("replicaset.apps/nginx scaled\n", "", 0)
    pg.advance(60)
    assert len(pg.cluster.list("Pod", "default", "app=nginx")) == 1


def test_current_replicas_precondition(pg):
    """--current-replicas must match the present size, else nothing changes."""
    assert run(pg, "kubectl scale rs nginx --replicas=2 --current-replicas=5") == (
        "", "error: Expected replicas to be 5, was 3\n", 1)
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["spec"]["replicas"] == 3
    assert run(pg, "kubectl scale rs nginx --replicas=2 --current-replicas=3") == (
        "replicaset.apps/nginx scaled\n", "", 0)


def test_resource_version_precondition(pg):
    """--resource-version must be the object's current one."""
    rv = pg.cluster.get("ReplicaSet", "default", "nginx")["metadata"]["resourceVersion"]
    assert run(pg, "kubectl scale rs nginx --replicas=4 --resource-version=1") == (
        "", f"error: Expected resource version to be 1, was {rv}\n", 1)


def test_kinds_without_a_scale_subresource(pg):
    """Pods and DaemonSets have no /scale: the server answers NotFound for the subresource."""
    for line in ("kubectl scale pod nginx-manual --replicas=2", "kubectl scale ds mysql-ds --replicas=2"):
        assert run(pg, line) == ("", "Error from server (NotFound): the server could not find the requested "
                                     "resource\n", 1)


def test_missing_objects(pg):
    """No object found is ``no objects passed to scale`` with the lookup error; others still scale."""
    assert run(pg, "kubectl scale rs nope --replicas=2") == (
        "", 'error: no objects passed to scale replicasets.apps "nope" not found\n', 1)
    assert run(pg, "kubectl scale rs nope nginx --replicas=4") == (
        "replicaset.apps/nginx scaled\n", 'Error from server (NotFound): replicasets.apps "nope" not found\n', 1)


def test_selector_and_all(pg):
    """--all scales every ReplicaSet of the namespace; -l selects on the ReplicaSet's own labels."""
    assert run(pg, "kubectl scale rs --all --replicas=2") == ("replicaset.apps/nginx scaled\n", "", 0)
    assert run(pg, "kubectl scale rs -l app=nginx --replicas=2") == ("", "error: no objects passed to scale\n", 1)


def test_dry_run_and_output_name(pg):
    """--dry-run=client changes nothing; -o name prints kind/name."""
    assert run(pg, "kubectl scale rs nginx --replicas=7 --dry-run=client") == (
        "replicaset.apps/nginx scaled (dry run)\n", "", 0)
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["spec"]["replicas"] == 3
    assert run(pg, "kubectl scale rs nginx --replicas=4 -o name") == ("replicaset.apps/nginx\n", "", 0)


def test_timeout_waits_for_the_new_size(pg):
    """--timeout: the line comes once the ReplicaSet reports the new number of replicas."""
    t0 = pg.clock.now
    assert run(pg, "kubectl scale rs nginx --replicas=6 --timeout=1m") == ("replicaset.apps/nginx scaled\n", "", 0)
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["status"]["replicas"] == 6
    assert pg.clock.now - t0 < 60


@pytest.mark.parametrize(("line", "err"), [
    ("kubectl scale rs nginx", 'error: required flag(s) "replicas" not set\n'),
    ("kubectl scale rs nginx --replicas=-1",
     "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"),
    ("kubectl scale rs nginx --replicas=1 --current-replicas=-2",
     "error: The --current-replicas must specify an integer of -1 or greater\n"),
    ("kubectl scale --replicas=1", "error: You must provide one or more resources by argument or filename.\n"
     "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
     "   '<resource> <name>'\n   '<resource>'\n"),
    ("kubectl scale rs --replicas=1", "error: resource(s) were provided, but no name was specified\n"),
    ("kubectl scale rs nope --replicas=1 -l a=b", "error: name cannot be provided when a selector is specified\n"),
    ("kubectl scale rs/nginx rs/nginx --replicas=2 --resource-version=3",
     "error: cannot use --resource-version with multiple resources\n"),
])
def test_flag_errors(pg, line, err):
    """Wrong invocations give the real client's words (checked against kubectl 1.33)."""
    assert run(pg, line) == ("", err, 1)
