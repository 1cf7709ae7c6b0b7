"""kubectl get, compared with kubectl 1.33 byte for byte: every expected string here is what the real
binary printed against a fake API server serving this same playground (tables built by our printers,
so the comparison is of kubectl's client side: which requests, which printer, which errors, in
which order). Also the shared playground the other kubectl fidelity tests start from."""

from __future__ import annotations

import functools
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cluster_core.playground import Playground

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from tutorial_manifests import MANIFESTS  # noqa: E402

NOW = datetime(2026, 1, 1, tzinfo=UTC)
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
FILES = {
    "dir/a.yaml": POD.format("a"),
    "dir/b.json": '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"}, "spec": {"containers": '
                  '[{"name": "c", "image": "nginx"}]}}',
    "dir/c.txt": "not a manifest",
    "dir/sub/d.yaml": POD.format("d"),
    "multi.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: m1\n---\n" + POD.format("m2") + "---\n",
    "pod.json": '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "pj"},\n  "spec": {"containers": '
                '[{"name": "c", "image": "nginx"}]}\n}\n',
    "bad1.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: {}\n",
    "bad2.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n\tcontainers: []\n",
    "bad3.yaml": "apiVersion: v1\nkind: Pod\nmetadata: [a\n",
    "unknown.yaml": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 1\n",
    "nsmismatch.yaml": POD.format("p").replace("name: p\n", "name: p\n  namespace: default\n"),
    "nm-default.yaml": POD.format("nginx-manual").replace("name: nginx-manual\n",
                                                          "name: nginx-manual\n  namespace: default\n"),
    "unknownfield.yaml": POD.format("uf").replace("spec:\n", "spec:\n  foo: 1\n"),
    "invalid.yaml": POD.format("Bad_Name"),
    "nokind.yaml": "apiVersion: v1\nmetadata:\n  name: nk\n",
    "empty.yaml": "",
    "dir2/x.yml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n",
    "notyaml.txt": "hello: [\n",
}


@functools.cache
def _base_state() -> str:
    pg = Playground.new(seed=0, now=NOW)
    for name, text in MANIFESTS.items():
        pg.write_file(f"{name}.yaml", text)
    for path, text in FILES.items():
        pg.write_file(path, text)
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(50)
    for name in ("nginx-rs", "nginx-gpu", "batch-job", "mysql-ds"):
        pg.execute(f"kubectl create -f {name}.yaml")
    pg.advance(400)
    return json.dumps(pg.to_state())


def fresh() -> Playground:
    """The tutorial's objects 7m30s after the first pod: a ReplicaSet, a DaemonSet, a finished Job."""
    return Playground.from_state(json.loads(_base_state()))


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_pods_table(pg: Playground) -> None:
    """The default table of the tutorial's pods (server-side columns, ages from creationTimestamp)."""
    assert run(pg, "kubectl get pods") == (
        ("NAME              READY   STATUS      RESTARTS   AGE\n"
         "batch-job-5mq6r   0/1     Completed   0          6m40s\n"
         "mysql-ds-q5xr7    1/1     Running     0          6m40s\n"
         "mysql-ds-wz7bc    1/1     Running     0          6m40s\n"
         "nginx-2mprh       1/1     Running     0          6m40s\n"
         "nginx-gpu         0/1     Pending     0          6m40s\n"
         "nginx-manual      1/1     Running     0          7m30s\n"
         "nginx-t9xh5       1/1     Running     0          6m40s\n"
         "nginx-zs4hb       1/1     Running     0          6m40s\n"),
        "",
        0)


def test_every_kind_wide(pg: Playground) -> None:
    """-o wide for every kind the playground serves adds the priority-1 columns."""
    assert run(pg, "kubectl get pods -o wide") == (
        ("NAME              READY   STATUS      RESTARTS   AGE     IP           NODE           NOMINATED NODE   READINESS GATES\n"
         "batch-job-5mq6r   0/1     Completed   0          6m40s   10.244.1.4   kubesphere02   <none>           <none>\n"
         "mysql-ds-q5xr7    1/1     Running     0          6m40s   10.244.1.5   kubesphere02   <none>           <none>\n"
         "mysql-ds-wz7bc    1/1     Running     0          6m40s   10.244.2.4   kubesphere03   <none>           <none>\n"
         "nginx-2mprh       1/1     Running     0          6m40s   10.244.2.2   kubesphere03   <none>           <none>\n"
         "nginx-gpu         0/1     Pending     0          6m40s   <none>       <none>         <none>           <none>\n"
         "nginx-manual      1/1     Running     0          7m30s   10.244.1.2   kubesphere02   <none>           <none>\n"
         "nginx-t9xh5       1/1     Running     0          6m40s   10.244.1.3   kubesphere02   <none>           <none>\n"
         "nginx-zs4hb       1/1     Running     0          6m40s   10.244.2.3   kubesphere03   <none>           <none>\n"),
        "",
        0)
    assert run(pg, "kubectl get rs -o wide") == (
        ("NAME    DESIRED   CURRENT   READY   AGE     CONTAINERS   IMAGES        SELECTOR\n"
         "nginx   3         3         3       6m40s   nginx        nginx:1.9.1   app=nginx\n"),
        "",
        0)
    assert run(pg, "kubectl get ds -o wide") == (
        ("NAME       DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE     CONTAINERS   IMAGES      SELECTOR\n"
         "mysql-ds   2         2         2       2            2           <none>          6m40s   mysql        mysql:5.7   app=mysql\n"),
        "",
        0)
    assert run(pg, "kubectl get jobs -o wide") == (
        ("NAME        STATUS     COMPLETIONS   DURATION   AGE     CONTAINERS   IMAGES            SELECTOR\n"
         "batch-job   Complete   1/1           37s        6m40s   main         luksa/batch-job   batch.kubernetes.io/controller-uid=21e15094-9efe-4464-9a90-f534a23d4c9d\n"),
        "",
        0)
    assert run(pg, "kubectl get nodes -o wide") == (
        ("NAME           STATUS   ROLES           AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME\n"
         "kubesphere01   Ready    control-plane   66d   v1.33.4   192.168.0.11   <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-31-amd64   containerd://1.7.27\n"
         "kubesphere02   Ready    <none>          66d   v1.33.4   192.168.0.12   <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-31-amd64   containerd://1.7.27\n"
         "kubesphere03   Ready    <none>          66d   v1.33.4   192.168.0.13   <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-31-amd64   containerd://1.7.27\n"),
        "",
        0)
    assert run(pg, "kubectl get ns -o wide") == (
        ("NAME              STATUS   AGE\n"
         "default           Active   66d\n"
         "kube-node-lease   Active   66d\n"
         "kube-public       Active   66d\n"
         "kube-system       Active   66d\n"),
        "",
        0)


def test_show_labels_and_label_columns(pg: Playground) -> None:
    """--show-labels appends LABELS; -L adds one column per key (comma lists and repeats)."""
    assert run(pg, "kubectl get pods --show-labels") == (
        ("NAME              READY   STATUS      RESTARTS   AGE     LABELS\n"
         "batch-job-5mq6r   0/1     Completed   0          6m40s   app=batch-job,batch.kubernetes.io/controller-uid=21e15094-9efe-4464-9a90-f534a23d4c9d,batch.kubernetes.io/job-name=batch-job,controller-uid=21e15094-9efe-4464-9a90-f534a23d4c9d,job-name=batch-job\n"
         "mysql-ds-q5xr7    1/1     Running     0          6m40s   app=mysql,controller-revision-hash=76969cd457,pod-template-generation=1\n"
         "mysql-ds-wz7bc    1/1     Running     0          6m40s   app=mysql,controller-revision-hash=76969cd457,pod-template-generation=1\n"
         "nginx-2mprh       1/1     Running     0          6m40s   app=nginx\n"
         "nginx-gpu         0/1     Pending     0          6m40s   <none>\n"
         "nginx-manual      1/1     Running     0          7m30s   <none>\n"
         "nginx-t9xh5       1/1     Running     0          6m40s   app=nginx\n"
         "nginx-zs4hb       1/1     Running     0          6m40s   app=nginx\n"),
        "",
        0)
    assert run(pg, "kubectl get pods -L app,foo -L bar") == (
        ("NAME              READY   STATUS      RESTARTS   AGE     APP         FOO   BAR\n"
         "batch-job-5mq6r   0/1     Completed   0          6m40s   batch-job         \n"
         "mysql-ds-q5xr7    1/1     Running     0          6m40s   mysql             \n"
         "mysql-ds-wz7bc    1/1     Running     0          6m40s   mysql             \n"
         "nginx-2mprh       1/1     Running     0          6m40s   nginx             \n"
         "nginx-gpu         0/1     Pending     0          6m40s                     \n"
         "nginx-manual      1/1     Running     0          7m30s                     \n"
         "nginx-t9xh5       1/1     Running     0          6m40s   nginx             \n"
         "nginx-zs4hb       1/1     Running     0          6m40s   nginx             \n"),
        "",
        0)
    assert run(pg, "kubectl get nodes --show-labels") == (
        ("NAME           STATUS   ROLES           AGE   VERSION   LABELS\n"
         "kubesphere01   Ready    control-plane   66d   v1.33.4   beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,kubernetes.io/arch=amd64,kubernetes.io/hostname=kubesphere01,kubernetes.io/os=linux,node-role.kubernetes.io/control-plane=,node.kubernetes.io/exclude-from-external-load-balancers=\n"
         "kubesphere02   Ready    <none>          66d   v1.33.4   beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,kubernetes.io/arch=amd64,kubernetes.io/hostname=kubesphere02,kubernetes.io/os=linux\n"
         "kubesphere03   Ready    <none>          66d   v1.33.4   beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,kubernetes.io/arch=amd64,kubernetes.io/hostname=kubesphere03,kubernetes.io/os=linux\n"),
        "",
        0)


def test_all_namespaces(pg: Playground) -> None:
    """-A adds NAMESPACE for namespaced kinds only."""
    assert run(pg, "kubectl get pods -A -o wide") == (
        ("NAMESPACE     NAME                                       READY   STATUS      RESTARTS   AGE     IP             NODE           NOMINATED NODE   READINESS GATES\n"
         "default       batch-job-5mq6r                            0/1     Completed   0          6m40s   10.244.1.4     kubesphere02   <none>           <none>\n"
         "default       mysql-ds-q5xr7                             1/1     Running     0          6m40s   10.244.1.5     kubesphere02   <none>           <none>\n"
         "default       mysql-ds-wz7bc                             1/1     Running     0          6m40s   10.244.2.4     kubesphere03   <none>           <none>\n"
         "default       nginx-2mprh                                1/1     Running     0          6m40s   10.244.2.2     kubesphere03   <none>           <none>\n"
         "default       nginx-gpu                                  0/1     Pending     0          6m40s   <none>         <none>         <none>           <none>\n"
         "default       nginx-manual                               1/1     Running     0          7m30s   10.244.1.2     kubesphere02   <none>           <none>\n"
         "default       nginx-t9xh5                                1/1     Running     0          6m40s   10.244.1.3     kubesphere02   <none>           <none>\n"
         "default       nginx-zs4hb                                1/1     Running     0          6m40s   10.244.2.3     kubesphere03   <none>           <none>\n"
         "kube-system   calico-kube-controllers-7498b9bb4c-r9cf8   1/1     Running     0          66d     10.244.0.4     kubesphere01   <none>           <none>\n"
         "kube-system   calico-node-4ltdd                          1/1     Running     0          66d     192.168.0.12   kubesphere02   <none>           <none>\n"
         "kube-system   calico-node-9w4q9                          1/1     Running     0          66d     192.168.0.13   kubesphere03   <none>           <none>\n"
         "kube-system   calico-node-dz8qn                          1/1     Running     0          66d     192.168.0.11   kubesphere01   <none>           <none>\n"
         "kube-system   coredns-674b8bbfcf-ftx2n                   1/1     Running     0          66d     10.244.0.3     kubesphere01   <none>           <none>\n"
         "kube-system   coredns-674b8bbfcf-lst42                   1/1     Running     0          66d     10.244.0.2     kubesphere01   <none>           <none>\n"
         "kube-system   etcd-kubesphere01                          1/1     Running     0          66d     192.168.0.11   kubesphere01   <none>           <none>\n"
         "kube-system   kube-apiserver-kubesphere01                1/1     Running     0          66d     192.168.0.11   kubesphere01   <none>           <none>\n"
         "kube-system   kube-controller-manager-kubesphere01       1/1     Running     0          66d     192.168.0.11   kubesphere01   <none>           <none>\n"
         "kube-system   kube-proxy-842bz                           1/1     Running     0          66d     192.168.0.11   kubesphere01   <none>           <none>\n"
         "kube-system   kube-proxy-jxkk8                           1/1     Running     0          66d     192.168.0.12   kubesphere02   <none>           <none>\n"
         "kube-system   kube-proxy-tfmwm                           1/1     Running     0          66d     192.168.0.13   kubesphere03   <none>           <none>\n"
         "kube-system   kube-scheduler-kubesphere01                1/1     Running     0          66d     192.168.0.11   kubesphere01   <none>           <none>\n"),
        "",
        0)
    assert run(pg, "kubectl get nodes -A") == (
        ("NAME           STATUS   ROLES           AGE   VERSION\n"
         "kubesphere01   Ready    control-plane   66d   v1.33.4\n"
         "kubesphere02   Ready    <none>          66d   v1.33.4\n"
         "kubesphere03   Ready    <none>          66d   v1.33.4\n"),
        "",
        0)


def test_show_kind_and_no_headers(pg: Playground) -> None:
    """--show-kind prefixes names; --no-headers drops the header (and the blank line between tables)."""
    assert run(pg, "kubectl get rs --show-kind -A") == (
        ("NAMESPACE     NAME                                                 DESIRED   CURRENT   READY   AGE\n"
         "default       replicaset.apps/nginx                                3         3         3       6m40s\n"
         "kube-system   replicaset.apps/calico-kube-controllers-7498b9bb4c   1         1         1       66d\n"
         "kube-system   replicaset.apps/coredns-674b8bbfcf                   2         2         2       66d\n"),
        "",
        0)
    assert run(pg, "kubectl get pods -o wide --no-headers") == (
        ("batch-job-5mq6r   0/1   Completed   0     6m40s   10.244.1.4   kubesphere02   <none>   <none>\n"
         "mysql-ds-q5xr7    1/1   Running     0     6m40s   10.244.1.5   kubesphere02   <none>   <none>\n"
         "mysql-ds-wz7bc    1/1   Running     0     6m40s   10.244.2.4   kubesphere03   <none>   <none>\n"
         "nginx-2mprh       1/1   Running     0     6m40s   10.244.2.2   kubesphere03   <none>   <none>\n"
         "nginx-gpu         0/1   Pending     0     6m40s   <none>       <none>         <none>   <none>\n"
         "nginx-manual      1/1   Running     0     7m30s   10.244.1.2   kubesphere02   <none>   <none>\n"
         "nginx-t9xh5       1/1   Running     0     6m40s   10.244.1.3   kubesphere02   <none>   <none>\n"
         "nginx-zs4hb       1/1   Running     0     6m40s   10.244.2.3   kubesphere03   <none>   <none>\n"),
        "",
        0)
    assert run(pg, "kubectl get pods,rs --no-headers") == (
        ("pod/batch-job-5mq6r   0/1   Completed   0     6m40s\n"
         "pod/mysql-ds-q5xr7    1/1   Running     0     6m40s\n"
         "pod/mysql-ds-wz7bc    1/1   Running     0     6m40s\n"
         "pod/nginx-2mprh       1/1   Running     0     6m40s\n"
         "pod/nginx-gpu         0/1   Pending     0     6m40s\n"
         "pod/nginx-manual      1/1   Running     0     7m30s\n"
         "pod/nginx-t9xh5       1/1   Running     0     6m40s\n"
         "pod/nginx-zs4hb       1/1   Running     0     6m40s\n"
         "replicaset.apps/nginx   3     3     3     6m40s\n"),
        "",
        0)


def test_several_types(pg: Playground) -> None:
    """pods,rs: one table per type, kind-prefixed names, a blank line between."""
    assert run(pg, "kubectl get pods,rs") == (
        ("NAME                  READY   STATUS      RESTARTS   AGE\n"
         "pod/batch-job-5mq6r   0/1     Completed   0          6m40s\n"
         "pod/mysql-ds-q5xr7    1/1     Running     0          6m40s\n"
         "pod/mysql-ds-wz7bc    1/1     Running     0          6m40s\n"
         "pod/nginx-2mprh       1/1     Running     0          6m40s\n"
         "pod/nginx-gpu         0/1     Pending     0          6m40s\n"
         "pod/nginx-manual      1/1     Running     0          7m30s\n"
         "pod/nginx-t9xh5       1/1     Running     0          6m40s\n"
         "pod/nginx-zs4hb       1/1     Running     0          6m40s\n"
         "\n"
         "NAME                    DESIRED   CURRENT   READY   AGE\n"
         "replicaset.apps/nginx   3         3         3       6m40s\n"),
        "",
        0)
    assert run(pg, "kubectl get rs,pods -L app") == (
        ("NAME                    DESIRED   CURRENT   READY   AGE     APP\n"
         "replicaset.apps/nginx   3         3         3       6m40s   \n"
         "\n"
         "NAME                  READY   STATUS      RESTARTS   AGE     APP\n"
         "pod/batch-job-5mq6r   0/1     Completed   0          6m40s   batch-job\n"
         "pod/mysql-ds-q5xr7    1/1     Running     0          6m40s   mysql\n"
         "pod/mysql-ds-wz7bc    1/1     Running     0          6m40s   mysql\n"
         "pod/nginx-2mprh       1/1     Running     0          6m40s   nginx\n"
         "pod/nginx-gpu         0/1     Pending     0          6m40s   \n"
         "pod/nginx-manual      1/1     Running     0          7m30s   \n"
         "pod/nginx-t9xh5       1/1     Running     0          6m40s   nginx\n"
         "pod/nginx-zs4hb       1/1     Running     0          6m40s   nginx\n"),
        "",
        0)


def test_kind_prefix_counts_requested_types(pg: Playground) -> None:
    """get jobs,rs in a namespace without jobs still prefixes the ReplicaSets' names."""
    assert run(pg, "kubectl get jobs,rs -n kube-system") == (
        ("NAME                                                 DESIRED   CURRENT   READY   AGE\n"
         "replicaset.apps/calico-kube-controllers-7498b9bb4c   1         1         1       66d\n"
         "replicaset.apps/coredns-674b8bbfcf                   2         2         2       66d\n"),
        "",
        0)


def test_get_all_order(pg: Playground) -> None:
    """all = pods, services, daemonsets, deployments, replicasets, jobs in discovery order (none of these has a Deployment)."""
    assert run(pg, "kubectl get all") == (
        ("NAME                  READY   STATUS      RESTARTS   AGE\n"
         "pod/batch-job-5mq6r   0/1     Completed   0          6m40s\n"
         "pod/mysql-ds-q5xr7    1/1     Running     0          6m40s\n"
         "pod/mysql-ds-wz7bc    1/1     Running     0          6m40s\n"
         "pod/nginx-2mprh       1/1     Running     0          6m40s\n"
         "pod/nginx-gpu         0/1     Pending     0          6m40s\n"
         "pod/nginx-manual      1/1     Running     0          7m30s\n"
         "pod/nginx-t9xh5       1/1     Running     0          6m40s\n"
         "pod/nginx-zs4hb       1/1     Running     0          6m40s\n"
         "\n"
         "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
         "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   66d\n"
         "\n"
         "NAME                      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n"
         "daemonset.apps/mysql-ds   2         2         2       2            2           <none>          6m40s\n"
         "\n"
         "NAME                    DESIRED   CURRENT   READY   AGE\n"
         "replicaset.apps/nginx   3         3         3       6m40s\n"
         "\n"
         "NAME                  STATUS     COMPLETIONS   DURATION   AGE\n"
         "job.batch/batch-job   Complete   1/1           37s        6m40s\n"),
        "",
        0)
    assert run(pg, "kubectl get all -A --no-headers") == (
        ("default       pod/batch-job-5mq6r                            0/1   Completed   0     6m40s\n"
         "default       pod/mysql-ds-q5xr7                             1/1   Running     0     6m40s\n"
         "default       pod/mysql-ds-wz7bc                             1/1   Running     0     6m40s\n"
         "default       pod/nginx-2mprh                                1/1   Running     0     6m40s\n"
         "default       pod/nginx-gpu                                  0/1   Pending     0     6m40s\n"
         "default       pod/nginx-manual                               1/1   Running     0     7m30s\n"
         "default       pod/nginx-t9xh5                                1/1   Running     0     6m40s\n"
         "default       pod/nginx-zs4hb                                1/1   Running     0     6m40s\n"
         "kube-system   pod/calico-kube-controllers-7498b9bb4c-r9cf8   1/1   Running     0     66d\n"
         "kube-system   pod/calico-node-4ltdd                          1/1   Running     0     66d\n"
         "kube-system   pod/calico-node-9w4q9                          1/1   Running     0     66d\n"
         "kube-system   pod/calico-node-dz8qn                          1/1   Running     0     66d\n"
         "kube-system   pod/coredns-674b8bbfcf-ftx2n                   1/1   Running     0     66d\n"
         "kube-system   pod/coredns-674b8bbfcf-lst42                   1/1   Running     0     66d\n"
         "kube-system   pod/etcd-kubesphere01                          1/1   Running     0     66d\n"
         "kube-system   pod/kube-apiserver-kubesphere01                1/1   Running     0     66d\n"
         "kube-system   pod/kube-controller-manager-kubesphere01       1/1   Running     0     66d\n"
         "kube-system   pod/kube-proxy-842bz                           1/1   Running     0     66d\n"
         "kube-system   pod/kube-proxy-jxkk8                           1/1   Running     0     66d\n"
         "kube-system   pod/kube-proxy-tfmwm                           1/1   Running     0     66d\n"
         "kube-system   pod/kube-scheduler-kubesphere01                1/1   Running     0     66d\n"
         "default       service/kubernetes   ClusterIP   10.96.0.1    <none>   443/TCP                  66d\n"
         "kube-system   service/kube-dns     ClusterIP   10.96.0.10   <none>   53/UDP,53/TCP,9153/TCP   66d\n"
         "default       daemonset.apps/mysql-ds      2     2     2     2     2     <none>   6m40s\n"
         "kube-system   daemonset.apps/calico-node   3     3     3     3     3     <none>   66d\n"
         "kube-system   daemonset.apps/kube-proxy    3     3     3     3     3     <none>   66d\n"
         "default       replicaset.apps/nginx                                3     3     3     6m40s\n"
         "kube-system   replicaset.apps/calico-kube-controllers-7498b9bb4c   1     1     1     66d\n"
         "kube-system   replicaset.apps/coredns-674b8bbfcf                   2     2     2     66d\n"
         "default   job.batch/batch-job   Complete   1/1   37s   6m40s\n"),
        "",
        0)
    assert run(pg, "kubectl get all -o name") == (
        ("pod/batch-job-5mq6r\n"
         "pod/mysql-ds-q5xr7\n"
         "pod/mysql-ds-wz7bc\n"
         "pod/nginx-2mprh\n"
         "pod/nginx-gpu\n"
         "pod/nginx-manual\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"
         "service/kubernetes\n"
         "daemonset.apps/mysql-ds\n"
         "replicaset.apps/nginx\n"
         "job.batch/batch-job\n"),
        "",
        0)


def test_names_with_one_missing(pg: Playground) -> None:
    """Named objects print in order; the missing one is reported on stderr afterwards, exit 1."""
    assert run(pg, "kubectl get pod nginx-manual missing nginx-gpu") == (
        ("NAME           READY   STATUS    RESTARTS   AGE\n"
         "nginx-manual   1/1     Running   0          7m30s\n"
         "nginx-gpu      0/1     Pending   0          6m40s\n"),
        'Error from server (NotFound): pods "missing" not found\n',
        1)
    assert run(pg, "kubectl get pod missing other") == (
        "",
        ('Error from server (NotFound): pods "missing" not found\n'
         'Error from server (NotFound): pods "other" not found\n'),
        1)
    assert run(pg, "kubectl get pod missing") == ("", 'Error from server (NotFound): pods "missing" not found\n', 1)


def test_type_slash_name_tables(pg: Playground) -> None:
    """pod/a rs/b pod/c: a new table (and header) each time the type changes."""
    assert run(pg, "kubectl get pod/nginx-manual rs/nginx pod/nginx-gpu") == (
        ("NAME               READY   STATUS    RESTARTS   AGE\n"
         "pod/nginx-manual   1/1     Running   0          7m30s\n"
         "\n"
         "NAME                    DESIRED   CURRENT   READY   AGE\n"
         "replicaset.apps/nginx   3         3         3       6m40s\n"
         "\n"
         "NAME            READY   STATUS    RESTARTS   AGE\n"
         "pod/nginx-gpu   0/1     Pending   0          6m40s\n"),
        "",
        0)


def test_empty_results(pg: Playground) -> None:
    """No resources found: with the namespace for namespaced types, without for -A, cluster-scoped or mixed."""
    assert run(pg, "kubectl get pods -l app=none") == ("", "No resources found in default namespace.\n", 0)
    assert run(pg, "kubectl get pods -n nothere") == ("", "No resources found in nothere namespace.\n", 0)
    assert run(pg, "kubectl get pods -A -l app=none") == ("", "No resources found\n", 0)
    assert run(pg, "kubectl get nodes -l foo=bar") == ("", "No resources found\n", 0)
    assert run(pg, "kubectl get pods,nodes -l app=none") == ("", "No resources found\n", 0)
    assert run(pg, "kubectl get pods -l app=none --ignore-not-found") == ("", "", 0)
    assert run(pg, "kubectl get pods -l app=none -o name") == ("", "", 0)
    assert run(pg, "kubectl get pods -l app=none -o custom-columns=N:.metadata.name") == ("N\n", "", 0)
    assert run(pg, "kubectl get pods -l app=none -o json") == (
        ("{\n"
         '    "apiVersion": "v1",\n'
         '    "items": [],\n'
         '    "kind": "List",\n'
         '    "metadata": {\n'
         '        "resourceVersion": ""\n'
         "    }\n"
         "}\n"),
        "",
        0)


def test_bad_label_selectors(pg: Playground) -> None:
    """The server's parse errors come back wrapped by EnhanceListError."""
    assert run(pg, "kubectl get pods -l 'app in (a'") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (a", field selector "": unable to parse requirement: found \'\', expected: \',\' or \')\'\n'),
        1)
    assert run(pg, "kubectl get pods -l app:monolith") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app:monolith", field selector "": unable to parse requirement: <nil>: Invalid value: "app:monolith": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')\n'),
        1)
    assert run(pg, "kubectl get pods -l 'x=a||y=b'") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "x=a||y=b", field selector "": unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')\n'),
        1)


def test_field_selectors(pg: Playground) -> None:
    """Field selectors the server supports, and its errors for the ones it does not."""
    assert run(pg, "kubectl get pods --field-selector status.phase=Running -o name") == (
        ("pod/mysql-ds-q5xr7\n"
         "pod/mysql-ds-wz7bc\n"
         "pod/nginx-2mprh\n"
         "pod/nginx-manual\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get pods --field-selector metadata.name=nginx-manual,status.phase!=Pending -o name") == (
        "pod/nginx-manual\n",
        "",
        0)
    assert run(pg, "kubectl get pods --field-selector foo=bar") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n'),
        1)
    assert run(pg, "kubectl get pods --field-selector status.phase") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "status.phase": invalid selector: \'status.phase\'; can\'t understand \'status.phase\'\n'),
        1)


def test_name_and_selector(pg: Playground) -> None:
    """A name with a selector, or a name across all namespaces, is refused before any request."""
    assert run(pg, "kubectl get pod nginx-manual -l app=x") == (
        "",
        "error: name cannot be provided when a selector is specified\n",
        1)
    assert run(pg, "kubectl get pods nginx-manual -A") == (
        "",
        "error: a resource cannot be retrieved by name across all namespaces\n",
        1)


def test_output_name_yaml_json(pg: Playground) -> None:
    """-o name lists kinds/names; one named object is printed alone, several as a List."""
    assert run(pg, "kubectl get pods -o name") == (
        ("pod/batch-job-5mq6r\n"
         "pod/mysql-ds-q5xr7\n"
         "pod/mysql-ds-wz7bc\n"
         "pod/nginx-2mprh\n"
         "pod/nginx-gpu\n"
         "pod/nginx-manual\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get pods,rs -o name") == (
        ("pod/batch-job-5mq6r\n"
         "pod/mysql-ds-q5xr7\n"
         "pod/mysql-ds-wz7bc\n"
         "pod/nginx-2mprh\n"
         "pod/nginx-gpu\n"
         "pod/nginx-manual\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"
         "replicaset.apps/nginx\n"),
        "",
        0)
    assert run(pg, "kubectl get pod nginx-manual -o name") == ("pod/nginx-manual\n", "", 0)
    assert run(pg, "kubectl get pod missing nginx-manual -o name") == (
        "pod/nginx-manual\n",
        'Error from server (NotFound): pods "missing" not found\n',
        1)
    assert run(pg, "kubectl get pod missing -o name") == (
        "",
        'Error from server (NotFound): pods "missing" not found\n',
        1)


def test_jsonpath_and_custom_columns(pg: Playground) -> None:
    """jsonpath over the List or the one object; custom-columns with a header."""
    assert run(pg, "kubectl get pods -o jsonpath='{.items[*].metadata.name}'") == (
        ("batch-job-5mq6r mysql-ds-q5xr7 mysql-ds-wz7bc nginx-2mprh nginx-gpu nginx-manual nginx-t9xh5 nginx-zs4hb"),
        "",
        0)
    assert run(pg, "kubectl get pod nginx-manual -o jsonpath='{.metadata.name}'") == ("nginx-manual", "", 0)
    assert run(pg, "kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName") == (
        ("NAME              NODE\n"
         "batch-job-5mq6r   kubesphere02\n"
         "mysql-ds-q5xr7    kubesphere02\n"
         "mysql-ds-wz7bc    kubesphere03\n"
         "nginx-2mprh       kubesphere03\n"
         "nginx-gpu         <none>\n"
         "nginx-manual      kubesphere02\n"
         "nginx-t9xh5       kubesphere02\n"
         "nginx-zs4hb       kubesphere03\n"),
        "",
        0)
    assert run(pg, "kubectl get pods -o jsonpath") == (
        "",
        "error: template format specified but no template given\n",
        1)
    assert run(pg, "kubectl get pods -o custom-columns") == (
        "",
        "error: custom-columns format specified but no custom columns given\n",
        1)


def test_output_format_errors(pg: Playground) -> None:
    """An unknown -o comes after resolving the type and after a missing named object."""
    assert run(pg, "kubectl get pods -o bogus") == (
        "",
        ('error: unable to match a printer suitable for the output format "bogus", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'),
        1)
    assert run(pg, "kubectl get foo -o bogus") == ("", 'error: the server doesn\'t have a resource type "foo"\n', 1)
    assert run(pg, "kubectl get pod missing -o bogus") == (
        "",
        'Error from server (NotFound): pods "missing" not found\n',
        1)
    assert run(pg, "kubectl get pods --show-labels -o yaml") == (
        "",
        "error: --show-labels option cannot be used with yaml printer\n",
        1)


def test_sort_by(pg: Playground) -> None:
    """--sort-by sorts rows (naturally for strings); quirks kept: an unknown field in a table prints nothing."""
    assert run(pg, "kubectl get pods --sort-by=.spec.nodeName") == (
        ("NAME              READY   STATUS      RESTARTS   AGE\n"
         "nginx-gpu         0/1     Pending     0          6m40s\n"
         "batch-job-5mq6r   0/1     Completed   0          6m40s\n"
         "mysql-ds-q5xr7    1/1     Running     0          6m40s\n"
         "nginx-manual      1/1     Running     0          7m30s\n"
         "nginx-t9xh5       1/1     Running     0          6m40s\n"
         "mysql-ds-wz7bc    1/1     Running     0          6m40s\n"
         "nginx-2mprh       1/1     Running     0          6m40s\n"
         "nginx-zs4hb       1/1     Running     0          6m40s\n"),
        "",
        0)
    assert run(pg, "kubectl get pods --sort-by=.metadata.labels.app -o name") == (
        ("pod/nginx-manual\n"
         "pod/nginx-gpu\n"
         "pod/batch-job-5mq6r\n"
         "pod/mysql-ds-q5xr7\n"
         "pod/mysql-ds-wz7bc\n"
         "pod/nginx-2mprh\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get pods --sort-by=.spec.foo") == ("", "No resources found in default namespace.\n", 0)
    assert run(pg, "kubectl get pods --sort-by=.spec.foo -o name") == (
        "",
        ('error: couldn\'t find any field with path "{.spec.foo}" in the list of objects\n'),
        1)
    assert run(pg, "kubectl get pods,rs --sort-by=.metadata.name") == (
        "",
        ('error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n'),
        1)
    assert run(pg, "kubectl get pods,rs --sort-by=.metadata.name -o name") == (
        ("pod/batch-job-5mq6r\n"
         "pod/mysql-ds-q5xr7\n"
         "pod/mysql-ds-wz7bc\n"
         "replicaset.apps/nginx\n"
         "pod/nginx-2mprh\n"
         "pod/nginx-gpu\n"
         "pod/nginx-manual\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get pods nginx-manual nginx-gpu --sort-by=.metadata.name") == (
        "",
        ('error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n'),
        1)


def test_sort_by_unsortable_type(pg: Playground) -> None:
    """A list or map field ends kubectl through klog.Exitf."""
    assert run(pg, "kubectl get pods --sort-by=.spec.containers") == (
        "",
        ("F0101 00:07:30.000000   12345 sorter.go:375] Field {.spec.containers} in [][][]reflect.Value is an unsortable type: interface, err: unsortable type: []interface {}\n"),
        1)
    assert run(pg, "kubectl get pods --sort-by=.metadata.labels -o name") == (
        "",
        ("F0101 00:07:30.000000   12345 sorter.go:329] Field {.metadata.labels} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: map[string]interface {}\n"),
        1)


def test_usage_errors(pg: Playground) -> None:
    """No type, unknown type, a resource/name mix, and an empty name."""
    assert run(pg, "kubectl get") == (
        "",
        ('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n'
         "\n"
         "error: Required resource not specified.\n"
         'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n'
         "See 'kubectl get -h' for help and examples\n"),
        1)
    assert run(pg, "kubectl get foo") == ("", 'error: the server doesn\'t have a resource type "foo"\n', 1)
    assert run(pg, "kubectl get pods,foo") == ("", 'error: the server doesn\'t have a resource type "foo"\n', 1)
    assert run(pg, "kubectl get pods pod/nginx-manual") == (
        "",
        ("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"),
        1)
    assert run(pg, "kubectl get pod/") == (
        "",
        ("error: arguments in resource/name form must have a single resource and name\n"),
        1)
    assert run(pg, "kubectl get pods --output-watch-events") == (
        "",
        ("error: --output-watch-events option can only be used with --watch or --watch-only\n"),
        1)


def test_from_files(pg: Playground) -> None:
    """-f: objects named by manifests; parse errors and unknown kinds print without error: in the table path."""
    assert run(pg, "kubectl get -f nginx-manual.yaml -f nginx-rs.yaml") == (
        ("NAME               READY   STATUS    RESTARTS   AGE\n"
         "pod/nginx-manual   1/1     Running   0          7m30s\n"
         "\n"
         "NAME                    DESIRED   CURRENT   READY   AGE\n"
         "replicaset.apps/nginx   3         3         3       6m40s\n"),
        "",
        0)
    assert run(pg, "kubectl get -f nginx-manual.yaml -o name") == ("pod/nginx-manual\n", "", 0)
    assert run(pg, "kubectl get -f bad1.yaml") == (
        "",
        ("error parsing bad1.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n"),
        1)
    assert run(pg, "kubectl get -f bad1.yaml -o name") == (
        "",
        ("error: error parsing bad1.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n"),
        1)
    assert run(pg, "kubectl get -f unknown.yaml") == (
        "",
        ('resource mapping not found for name: "web" namespace: "" from "unknown.yaml": no matches for kind "StatefulSet" in version "apps/v1"\n'
         "ensure CRDs are installed first\n"),
        1)
    assert run(pg, "kubectl get -f nginx-manual.yaml -f missing.yaml") == (
        "",
        'error: the path "missing.yaml" does not exist\n',
        1)
    assert run(pg, "kubectl get -f nm-default.yaml -n kube-system") == (
        "",
        ('error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass \'--namespace=default\' to perform this operation.\n'),
        1)


def test_type_names(pg: Playground) -> None:
    """Types by plural, singular, kind, short name, with version and group; errors name the part before the dot."""
    assert run(pg, "kubectl get Pod -o name -l app=nginx") == (
        ("pod/nginx-2mprh\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get replicasets.v1.apps -o name") == ("replicaset.apps/nginx\n", "", 0)
    assert run(pg, "kubectl get pods.v1. -o name -l app=nginx") == (
        ("pod/nginx-2mprh\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get sts.apps") == ("", 'error: the server doesn\'t have a resource type "sts"\n', 1)
    assert run(pg, "kubectl get pods.v1") == ("", 'error: the server doesn\'t have a resource type "pods"\n', 1)
    assert run(pg, "kubectl get svc -o name") == ("service/kubernetes\n", "", 0)
    assert run(pg, "kubectl get statefulsets") == ("", 'error: the server doesn\'t have a resource type "statefulsets"\n', 1)


def test_jsonpath_as_json(pg: Playground) -> None:
    """jsonpath-as-json prints each expression's results as an indented JSON array."""
    assert run(pg, "kubectl get pods -o jsonpath-as-json='{.items[0].metadata.name}'") == (
        ("[\n"
         '    "batch-job-5mq6r"\n'
         "]\n"),
        "",
        0)
    assert run(pg, "kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}{.kind}'") == (
        ("[\n"
         '    "batch-job-5mq6r",\n'
         '    "mysql-ds-q5xr7",\n'
         '    "mysql-ds-wz7bc",\n'
         '    "nginx-2mprh",\n'
         '    "nginx-gpu",\n'
         '    "nginx-manual",\n'
         '    "nginx-t9xh5",\n'
         '    "nginx-zs4hb"\n'
         "]\n"
         "[\n"
         '    "List"\n'
         "]\n"),
        "",
        0)
    assert run(pg, "kubectl get pod nginx-manual -o jsonpath-as-json='{.metadata.labels}'") == ("[]\n", "", 0)


def test_template_files(pg: Playground) -> None:
    """-o jsonpath-file and custom-columns-file read the student's file; a missing one is kubectl's open error."""
    pg.write_file('cc.txt', 'NAME          RV\nmetadata.name metadata.resourceVersion\n')
    pg.write_file('jp.txt', '{.kind}\n')
    assert run(pg, "kubectl get pods -o custom-columns-file=cc.txt -l app=nginx") == (
        ("NAME          RV\n"
         "nginx-2mprh   1089\n"
         "nginx-t9xh5   1075\n"
         "nginx-zs4hb   1093\n"),
        "",
        0)
    assert run(pg, "kubectl get pods -o jsonpath-file=jp.txt") == ("List\n", "", 0)
    assert run(pg, "kubectl get pod nginx-manual -o jsonpath-file=jp.txt") == ("Pod\n", "", 0)
    assert run(pg, "kubectl get pods -o custom-columns-file=x.txt") == (
        "",
        ("error: error reading template x.txt, open x.txt: no such file or directory\n"),
        1)
    assert run(pg, "kubectl get pods -o jsonpath-file=x.txt") == (
        "",
        ("error: error reading --template x.txt, open x.txt: no such file or directory\n"),
        1)
    assert run(pg, "kubectl get pods -o jsonpath-file") == (
        "",
        "error: template format specified but no template given\n",
        1)


def test_subresource(pg: Playground) -> None:
    """--subresource needs named objects."""
    assert run(pg, "kubectl get pods --subresource status") == (
        "",
        "error: subresource cannot be used when bulk resources are specified\n",
        1)
    assert run(pg, "kubectl get pod nginx-manual --subresource status") == (
        ("NAME           READY   STATUS    RESTARTS   AGE\n"
         "nginx-manual   1/1     Running   0          7m30s\n"),
        "",
        0)


def test_client_side_printing(pg: Playground) -> None:
    """--server-print=false: kubectl's own default columns, NAME and AGE (ages from the simulated clock; the
    real binary measures them against the wall clock, which is the only difference it showed)."""
    assert run(pg, "kubectl get pods --server-print=false -A --show-labels -l app=nginx") == (
        "NAMESPACE   NAME          AGE     LABELS\n"
        "default     nginx-2mprh   6m40s   app=nginx\n"
        "default     nginx-t9xh5   6m40s   app=nginx\n"
        "default     nginx-zs4hb   6m40s   app=nginx\n", "", 0)


def test_go_templates_are_not_simulated(pg: Playground) -> None:
    """go-template output (also implied by --template alone) is not available here; kubectl 1.33 would print "List"."""
    assert run(pg, "kubectl get pods --template='{{.kind}}'") == (
        "", "error: the go-template output format is not available in this playground; use -o jsonpath=... "
            "instead\n", 1)
