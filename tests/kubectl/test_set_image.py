"""kubectl set image: Deployments roll out a new ReplicaSet, Pods change in place, errors as kubectl 1.33's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def _images(pg: Playground) -> list[tuple[str, str, int]]:
    return [(rs["metadata"]["name"], rs["spec"]["template"]["spec"]["containers"][0]["image"], rs["spec"]["replicas"])
            for rs in pg.cluster.list("ReplicaSet", "default")]


def test_set_image_on_a_deployment_rolls_out_a_second_replicaset(pg):
    """The new image bumps the generation; the controller scales a new ReplicaSet up and the old one down."""
    run(pg, "kubectl create deployment web --image=nginx --replicas=3")
    pg.advance(60)
    assert run(pg, "kubectl set image deployment/web nginx=nginx:1.27") == (
        "deployment.apps/web image updated\n", "", 0)
    assert pg.cluster.get("Deployment", "default", "web")["metadata"]["generation"] == 2
    pg.advance(120)
    assert sorted((image, replicas) for _, image, replicas in _images(pg)) == [("nginx", 0), ("nginx:1.27", 3)]


def test_same_image_changes_nothing_and_prints_nothing(pg):
    """An empty patch is never sent, so kubectl prints no line and the generation stays."""
    run(pg, "kubectl create deployment web --image=nginx")
    assert run(pg, "kubectl set image deploy/web nginx=nginx") == ("", "", 0)
    assert pg.cluster.get("Deployment", "default", "web")["metadata"]["generation"] == 1


def test_unknown_container_errors(pg):
    """Each missing container name is its own error line; nothing is written."""
    run(pg, "kubectl create deployment web --image=nginx")
    assert run(pg, "kubectl set image deployment/web x=nginx:1.27") == (
        "", 'error: unable to find container named "x"\n', 1)
    assert run(pg, "kubectl set image deployment/web x=a y=b") == (
        "", 'error: unable to find container named "x"\nerror: unable to find container named "y"\n', 1)
    assert pg.cluster.get("Deployment", "default", "web")["metadata"]["generation"] == 1


def test_set_image_on_a_pod_changes_only_the_image(pg):
    """A Pod's image is mutable: the pod is updated in place, through the server's pod update validation."""
    run(pg, "kubectl run p --image=nginx")
    assert run(pg, "kubectl set image pod/p p=nginx:1.27") == ("pod/p image updated\n", "", 0)
    assert run(pg, "kubectl get pod p -o jsonpath={.spec.containers[0].image}") == ("nginx:1.27", "", 0)


def test_wildcard_dry_run_and_output(pg):
    """``*=IMAGE`` sets every container; client dry run prints without writing; -o name prints the name."""
    run(pg, "kubectl create deployment web --image=nginx")
    assert run(pg, "kubectl set image deploy --all '*=busybox' --dry-run=client") == (
        "deployment.apps/web image updated (dry run)\n", "", 0)
    assert pg.cluster.get("Deployment", "default", "web")["spec"]["template"]["spec"]["containers"][0]["image"] == (
        "nginx")
    assert run(pg, "kubectl set image deploy -l app=web '*=busybox' -o name") == ("deployment.apps/web\n", "", 0)
    assert pg.cluster.get("Deployment", "default", "web")["spec"]["template"]["spec"]["containers"][0]["image"] == (
        "busybox")


def test_argument_errors(pg):
    """No resource, no image, a kind without a pod template, a missing object, pairs before resources."""
    run(pg, "kubectl create deployment web --image=nginx")
    assert run(pg, "kubectl set image deployment/web") == ("", "error: at least one image update is required\n", 1)
    assert run(pg, "kubectl set image deploy/web '*=a' nginx=b") == (
        "", "error: all containers are already specified by *, but saw more than one "
            "container_name=container_image pairs\n", 1)
    assert run(pg, "kubectl set image svc/kubernetes a=b") == (
        "", "error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n", 1)
    assert run(pg, "kubectl set image deploy/nope a=b") == (
        "", 'Error from server (NotFound): deployments.apps "nope" not found\n', 1)
    assert run(pg, "kubectl set image deploy/web a=b c") == (
        "", "error: all resources must be specified before image changes: c\n", 1)
    assert run(pg, "kubectl set image deploy/web a=b --local") == (
        "", "error: you must specify resources by --filename when --local is set.\nExample resource specifications "
            "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n", 1)
    assert run(pg, "kubectl set env deploy/web A=1") == (
        "", "error: kubectl set env is not available in this playground\n", 1)


def test_help_matches_the_real_client(pg):
    """``set --help`` and ``set image --help`` start as kubectl 1.33's do (the whole text is checked by hand)."""
    out = run(pg, "kubectl set image --help")[0]
    assert out.startswith("Update existing container image(s) of resources.\n\n Possible resources include (case "
                          "insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), "
                          "daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)\n\nExamples:\n")
    assert "\nUsage:\n  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... " \
           "CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]\n\n" in out
    assert run(pg, "kubectl set --help")[0].startswith(
        "Configure application resources.\n\n These commands help you make changes to existing application "
        "resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n"
        "  image            Update the image of a pod template\n")
