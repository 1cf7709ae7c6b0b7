"""Deployments through kubectl: create deployment, get, describe, scale, a rollout by apply, delete, get all."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

NOW = datetime(2026, 1, 1, tzinfo=UTC)
HASH = "6dc5cd68db"  # the pod-template-hash of web's template (image nginx, no port) in this cluster

# kubectl.1.33 create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml (the real client)
GENERATED = """apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
"""

MANIFEST = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: IMAGE
"""


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def test_generator_matches_the_real_client(pg):
    """--dry-run=client -o yaml prints what kubectl 1.33 prints, and creates nothing."""
    assert run(pg, "kubectl create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml") == (
        GENERATED, "", 0)
    assert run(pg, "kubectl create deploy web --image=nginx --dry-run=client") == (
        "deployment.apps/web created (dry run)\n", "", 0)
    assert pg.cluster.list("Deployment", "default") == []


def test_generator_port_command_and_names(pg):
    """--port on the first container, the command after --, image names made DNS-safe."""
    out, err, code = run(pg, "kubectl create deployment web --image=busybox:1.36 --port=8080 --dry-run=client "
                             "-o yaml -- sleep 3600")
    assert (err, code) == ("", 0)
    assert ("      containers:\n"
            "      - command:\n"
            "        - sleep\n"
            '        - "3600"\n'
            "        image: busybox:1.36\n"
            "        name: busybox\n"
            "        ports:\n"
            "        - containerPort: 8080\n"
            "        resources: {}\n") in out


def test_generator_errors(pg):
    """Missing --image, the wrong number of names, several images with a command."""
    assert run(pg, "kubectl create deployment web") == ("", 'error: required flag(s) "image" not set\n', 1)
    assert run(pg, "kubectl create deployment --image=nginx") == (
        "", "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
        1)
    assert run(pg, "kubectl create deployment web --image=a --image=b -- date") == (
        "", "error: cannot specify multiple --image options and command\n", 1)
    run(pg, "kubectl create deployment web --image=nginx")
    assert run(pg, "kubectl create deployment web --image=nginx") == (
        "", 'error: failed to create deployment: deployments.apps "web" already exists\n', 1)


def test_create_then_running(pg):
    """create deployment: the ReplicaSet and three pods share the hash and are Running after 30 s."""
    assert run(pg, "kubectl create deployment web --image=nginx --replicas=3") == (
        "deployment.apps/web created\n", "", 0)
    assert run(pg, "kubectl get deploy") == (
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "web    0/3     3            0           0s\n", "", 0)
    pg.advance(30)
    assert run(pg, "kubectl get deploy,rs,pods") == (
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "deployment.apps/web   3/3     3            3           30s\n"
        "\n"
        "NAME                             DESIRED   CURRENT   READY   AGE\n"
        f"replicaset.apps/web-{HASH}   3         3         3       30s\n"
        "\n"
        "NAME                       READY   STATUS    RESTARTS   AGE\n"
        f"pod/web-{HASH}-4bwrz   1/1     Running   0          30s\n"
        f"pod/web-{HASH}-dp9fc   1/1     Running   0          30s\n"
        f"pod/web-{HASH}-sczf5   1/1     Running   0          30s\n", "", 0)
    assert run(pg, "kubectl get deploy -o wide") == (
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES   SELECTOR\n"
        "web    3/3     3            3           30s   nginx        nginx    app=web\n", "", 0)


def test_describe(pg):
    """describe deployment in kubectl's layout, with the new ReplicaSet and the scaling event."""
    run(pg, "kubectl create deployment web --image=nginx --replicas=3")
    pg.advance(30)
    assert run(pg, "kubectl describe deployment web") == (
        "Name:                   web\n"
        "Namespace:              default\n"
        "CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000\n"
        "Labels:                 app=web\n"
        "Annotations:            deployment.kubernetes.io/revision: 1\n"
        "Selector:               app=web\n"
        "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n"
        "StrategyType:           RollingUpdate\n"
        "MinReadySeconds:        0\n"
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge\n"
        "Pod Template:\n"
        "  Labels:  app=web\n"
        "  Containers:\n"
        "   nginx:\n"
        "    Image:         nginx\n"
        "    Port:          <none>\n"
        "    Host Port:     <none>\n"
        "    Environment:   <none>\n"
        "    Mounts:        <none>\n"
        "  Volumes:         <none>\n"
        "  Node-Selectors:  <none>\n"
        "  Tolerations:     <none>\n"
        "Conditions:\n"
        "  Type           Status  Reason\n"
        "  ----           ------  ------\n"
        "  Available      True    MinimumReplicasAvailable\n"
        "  Progressing    True    NewReplicaSetAvailable\n"
        "OldReplicaSets:  <none>\n"
        f"NewReplicaSet:   web-{HASH} (3/3 replicas created)\n"
        "Events:\n"
        "  Type    Reason             Age   From                   Message\n"
        "  ----    ------             ----  ----                   -------\n"
        f"  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set web-{HASH} from 0 to 3\n",
        "", 0)


def test_scale_up_and_down(pg):
    """scale deployment: the ReplicaSet follows, and the events say so."""
    run(pg, "kubectl create deployment web --image=nginx --replicas=3")
    pg.advance(30)
    assert run(pg, "kubectl scale deployment web --replicas=5") == ("deployment.apps/web scaled\n", "", 0)
    pg.advance(30)
    assert run(pg, "kubectl get deploy web --no-headers") == ("web   5/5   5     5     60s\n", "", 0)
    assert run(pg, "kubectl scale deploy/web --replicas=2") == ("deployment.apps/web scaled\n", "", 0)
    pg.advance(40)
    assert run(pg, "kubectl get rs") == (
        "NAME             DESIRED   CURRENT   READY   AGE\n"
        f"web-{HASH}   2         2         2       100s\n", "", 0)
    out = run(pg, "kubectl describe deploy web")[0]
    assert out.endswith(
        f"  Normal  ScalingReplicaSet  100s  deployment-controller  Scaled up replica set web-{HASH} from 0 to 3\n"
        f"  Normal  ScalingReplicaSet  70s   deployment-controller  Scaled up replica set web-{HASH} from 3 to 5\n"
        f"  Normal  ScalingReplicaSet  40s   deployment-controller  Scaled down replica set web-{HASH} from 5 to 2\n")
    assert "Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n" in out


def test_image_change_rolls_out(pg):
    """apply with a new image: a second ReplicaSet scales up (surge 1, unavailable 0), the first to 0, revision 2."""
    pg.write_file("web.yaml", MANIFEST.replace("IMAGE", "nginx:1.26"))
    assert run(pg, "kubectl apply -f web.yaml") == ("deployment.apps/web created\n", "", 0)
    pg.advance(30)
    first = pg.cluster.list("ReplicaSet", "default")[0]["metadata"]["name"]
    pg.write_file("web.yaml", MANIFEST.replace("IMAGE", "nginx:1.27"))
    assert run(pg, "kubectl apply -f web.yaml") == ("deployment.apps/web configured\n", "", 0)
    second = [rs["metadata"]["name"] for rs in pg.cluster.list("ReplicaSet", "default")
              if rs["metadata"]["name"] != first][0]
    out = run(pg, "kubectl describe deploy web")[0]
    assert "Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable\n" in out
    assert f"OldReplicaSets:  {first} (3/3 replicas created)\nNewReplicaSet:   {second} (1/1 replicas created)\n" in out
    pg.advance(60)
    rows = sorted(run(pg, "kubectl get rs --no-headers")[0].splitlines())
    assert [r.split()[:4] for r in rows] == sorted([[first, "0", "0", "0"], [second, "3", "3", "3"]])
    out = run(pg, "kubectl describe deploy web")[0]
    assert "Annotations:            deployment.kubernetes.io/revision: 2\n" in out
    assert f"OldReplicaSets:  <none>\nNewReplicaSet:   {second} (3/3 replicas created)\n" in out
    assert "    Image:         nginx:1.27\n" in out
    assert run(pg, "kubectl get rs " + second + " -o jsonpath={.metadata.annotations}") == (
        '{"deployment.kubernetes.io/desired-replicas":"3","deployment.kubernetes.io/max-replicas":"4",'
        '"deployment.kubernetes.io/revision":"2"}', "", 0)


def test_delete_cascades(pg):
    """delete deployment: its ReplicaSet and pods go too."""
    run(pg, "kubectl create deployment web --image=nginx --replicas=2")
    pg.advance(30)
    assert run(pg, "kubectl delete deployment web") == ('deployment.apps "web" deleted\n', "", 0)
    pg.advance(60)
    assert run(pg, "kubectl get deploy,rs,pods") == ("", "No resources found in default namespace.\n", 0)


def test_get_all_order(pg):
    """get all: deployments between services and replicasets, as discovery orders the apps group."""
    run(pg, "kubectl create deployment web --image=nginx --replicas=1")
    pg.advance(30)
    out = run(pg, "kubectl get all")[0]
    assert out == (
        "NAME                       READY   STATUS    RESTARTS   AGE\n"
        f"pod/web-{HASH}-dp9fc   1/1     Running   0          30s\n"
        "\n"
        "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
        "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   66d\n"
        "\n"
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "deployment.apps/web   1/1     1            1           30s\n"
        "\n"
        "NAME                             DESIRED   CURRENT   READY   AGE\n"
        f"replicaset.apps/web-{HASH}   1         1         1       30s\n")


def test_api_resources_row(pg):
    """api-resources lists deployments with its short name in the apps group."""
    assert run(pg, "kubectl api-resources --api-group=apps") == (
        "NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
        "daemonsets    ds           apps/v1      true         DaemonSet\n"
        "deployments   deploy       apps/v1      true         Deployment\n"
        "replicasets   rs           apps/v1      true         ReplicaSet\n", "", 0)


def test_expose_deployment(pg):
    """expose deployment: a Service selecting the Deployment's matchLabels, port from the container."""
    run(pg, "kubectl create deployment web --image=nginx --port=80")
    assert run(pg, "kubectl expose deployment web") == ("service/web exposed\n", "", 0)
    svc = pg.cluster.get("Service", "default", "web")
    assert (svc["spec"]["selector"], svc["spec"]["ports"][0]["port"]) == ({"app": "web"}, 80)


def test_rollout_status_waits_until_rolled_out(pg):
    """rollout status: a line per change of the Deployment until kubectl's success line, exit 0."""
    run(pg, "kubectl create deployment web --image=nginx --replicas=3")
    assert run(pg, "kubectl rollout status deployment/web") == (
        'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n'
        'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n'
        'deployment "web" successfully rolled out\n', "", 0)
    assert run(pg, "kubectl rollout status deploy web --watch=false") == (
        'deployment "web" successfully rolled out\n', "", 0)


def test_rollout_status_during_an_update(pg):
    """During an image change the first line counts the updated replicas."""
    pg.write_file("web.yaml", MANIFEST.replace("IMAGE", "nginx:1.26"))
    run(pg, "kubectl apply -f web.yaml")
    pg.advance(30)
    pg.write_file("web.yaml", MANIFEST.replace("IMAGE", "nginx:1.27"))
    run(pg, "kubectl apply -f web.yaml")
    out, err, code = run(pg, "kubectl rollout status deployment/web")
    assert out.startswith('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been '
                          "updated...\n")
    assert out.endswith('deployment "web" successfully rolled out\n') and (err, code) == ("", 0)


def test_rollout_status_errors(pg):
    """No resource, a missing one, a kind without a viewer, a timeout, a stuck rollout, undo without history."""
    assert run(pg, "kubectl rollout status") == ("", "error: required resource not specified\n", 1)
    assert run(pg, "kubectl rollout status deploy/x") == (
        "", 'Error from server (NotFound): deployments.apps "x" not found\n', 1)
    assert run(pg, "kubectl rollout status rs/coredns-674b8bbfcf -n kube-system") == (
        "", "error: no status viewer has been implemented for ReplicaSet.apps\n", 1)
    run(pg, "kubectl create deployment web --image=nginx:nope")
    assert run(pg, "kubectl rollout status deployment/web --timeout=20s") == (
        'Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...\n',
        "error: timed out waiting for the condition\n", 1)
    assert run(pg, "kubectl rollout status deployment/web") == (
        'Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...\n',
        'error: deployment "web" exceeded its progress deadline\n', 1)
    cond = pg.cluster.get("Deployment", "default", "web")["status"]["conditions"][-1]
    assert (cond["type"], cond["status"], cond["reason"], cond["message"]) == (
        "Progressing", "False", "ProgressDeadlineExceeded",
        f'ReplicaSet "{pg.cluster.list("ReplicaSet", "default")[0]["metadata"]["name"]}" has timed out progressing.')
    assert run(pg, "kubectl rollout undo deployment/web") == (
        "", 'error: no rollout history found for deployment "web"\n', 1)


def test_patch_image_merges_containers_by_name(pg):
    """A strategic merge patch of the image keeps the container's port and starts a rollout."""
    run(pg, "kubectl create deployment web --image=nginx --port=80")
    pg.advance(30)
    patch = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'
    assert run(pg, f"kubectl patch deployment web -p '{patch}'") == ("deployment.apps/web patched\n", "", 0)
    container = pg.cluster.get("Deployment", "default", "web")["spec"]["template"]["spec"]["containers"][0]
    assert (container["image"], container["ports"]) == ("nginx:1.27", [{"containerPort": 80, "protocol": "TCP"}])
    pg.advance(60)
    assert sorted(rs["spec"]["replicas"] for rs in pg.cluster.list("ReplicaSet", "default")) == [0, 1]


def test_edit_image_rolls_out(pg):
    """kubectl edit deployment: a new image in the editor is saved as `edited` and rolled out as revision 2."""
    run(pg, "kubectl create deployment web --image=nginx --replicas=2")
    pg.advance(30)
    r = pg.start("kubectl edit deployment web")
    assert (r.output, r.running) == ("", True)
    content = pg.editor(0)["content"]
    r = pg.editor_save(0, content.replace("- image: nginx\n", "- image: nginx:1.27\n"))
    assert (r.stdout, r.stderr, r.exit_code) == ("deployment.apps/web edited\n", "", 0)
    pg.advance(60)
    d = pg.cluster.get("Deployment", "default", "web")
    assert d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2"
    assert d["status"]["updatedReplicas"] == 2 and d["status"]["availableReplicas"] == 2
