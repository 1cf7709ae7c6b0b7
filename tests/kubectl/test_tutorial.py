"""The tutorial, command by command, against what it shows (on a v1.33 cluster).

Differences from the tutorial's printed output are only those a newer Kubernetes really has
(a Job STATUS column, the control-plane role, v1.33 explain layout) and the simulated names,
IPs and times. The session is the tutorial author's: namespace user-test through an alias.
"""

from __future__ import annotations

import functools
import re

import pytest

from tests.tutorial_script import run_tutorial


@functools.cache
def session() -> list[tuple[str, object]]:
    return run_tutorial()


def results(line: str) -> list:
    """Every result of an input, in order (some inputs, like ``kubectl get pods``, come back often)."""
    return [r for inp, r in session() if inp == line]


def only(line: str):
    (r,) = results(line)
    return r


def test_every_step_succeeds() -> None:
    """No tutorial command fails (the author's `grep` finds its lines, deletes find their objects)."""
    failed = [(line, r.exit_code, r.output) for line, r in session() if r.exit_code != 0]
    assert failed == []


def test_create_pod_and_list_it() -> None:
    """1.2: create from the manifest, then the pod is Running after 25 s."""
    first = results("kubectl create -f nginx-manual.yaml")[0]
    assert first.stdout == "pod/nginx-manual created\n"
    assert results("kubectl get pods")[0].stdout == (
        "NAME           READY   STATUS    RESTARTS   AGE\n"
        "nginx-manual   1/1     Running   0          25s\n")


def test_explain_uses_the_v1_33_layout() -> None:
    """1.2: `kubectl explain pods` prints KIND/VERSION and the fields, in today's format."""
    out = only("kubectl explain pods").stdout
    assert out.startswith("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n")
    assert "FIELDS:\n  apiVersion\t<string>\n" in out
    spec = only("kubectl explain pod.spec").stdout
    assert "FIELD: spec <PodSpec>\n" in spec
    assert "  containers\t<[]Container> -required-\n" in spec


def test_yaml_and_json_show_the_four_parts_and_status() -> None:
    """1.2: -o yaml / -o json show apiVersion, kind, metadata, spec and the server-written status."""
    y = only("kubectl get pod nginx-manual -o yaml").stdout
    assert y.startswith("apiVersion: v1\nkind: Pod\nmetadata:\n")
    for part in ("\nspec:\n", "\nstatus:\n", "  phase: Running\n", "  - image: nginx:1.9.1\n",
                 "  restartPolicy: Always\n", "  dnsPolicy: ClusterFirst\n", "  namespace: user-test\n"):
        assert part in y
    j = only("kubectl get pod nginx-manual -o json").stdout
    assert j.startswith('{\n    "apiVersion": "v1",\n    "kind": "Pod",\n')


def test_logs_and_port_forward_with_curl() -> None:
    """1.2: logs work with and without -c; port-forward in the background serves curl."""
    assert only("kubectl logs nginx-manual").exit_code == 0
    assert only("kubectl logs nginx-manual -c nginx").exit_code == 0
    pf = only("kubectl port-forward nginx-manual 8080:80 &")
    assert "Forwarding from 127.0.0.1:8080 -> 80" in pf.output
    page = only("curl http://127.0.0.1:8080").stdout
    # The port-forward runs in the background of the same terminal, so its note comes first.
    assert page.startswith("Handling connection for 8080\n")
    page = page.removeprefix("Handling connection for 8080\n")
    assert page.startswith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n")
    assert page.endswith("<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n")


def test_labels_section() -> None:
    """1.3: --show-labels, -L columns, adding a label, overwriting one."""
    assert only("kubectl get pod --show-labels").stdout == (
        "NAME              READY   STATUS    RESTARTS   AGE   LABELS\n"
        "nginx-manual      1/1     Running   0          36s   <none>\n"
        "nginx-manual-v2   1/1     Running   0          10s   creation_method=manual,rel=beta\n")
    assert only("kubectl label pod nginx-manual creation_method=manual").stdout == "pod/nginx-manual labeled\n"
    assert only("kubectl label pod nginx-manual-v2 rel=stable --overwrite").stdout == "pod/nginx-manual-v2 labeled\n"
    before, after = results("kubectl get pod -L creation_method,rel")
    assert before.stdout.splitlines()[0] == (
        "NAME              READY   STATUS    RESTARTS   AGE   CREATION_METHOD   REL")
    assert after.stdout == (
        "NAME              READY   STATUS    RESTARTS   AGE   CREATION_METHOD   REL\n"
        "nginx-manual      1/1     Running   0          36s   manual            \n"
        "nginx-manual-v2   1/1     Running   0          10s   manual            stable\n")


@pytest.mark.parametrize("selector,names", [
    ("-l creation_method=manual", ["nginx-manual", "nginx-manual-v2"]),
    ("-l rel", ["nginx-manual-v2"]),
    ("-l '!rel'", ["nginx-manual"]),
    ("-l 'creation_method!=manual'", []),
    ("-l 'rel in (beta,stable)'", ["nginx-manual-v2"]),
    ("-l 'rel notin (beta,stable)'", ["nginx-manual"]),
    ("-l creation_method=manual,rel=stable", ["nginx-manual-v2"]),
])
def test_label_selectors(selector: str, names: list[str]) -> None:
    """1.4: every selector form of the tutorial picks the pods the tutorial says."""
    r = only(f"kubectl get pod {selector}")
    listed = [ln.split()[0] for ln in r.stdout.splitlines()[1:]]
    assert listed == names
    if not names:
        assert r.stderr == "No resources found in user-test namespace.\n"


def test_node_selector_schedules_on_the_labelled_node() -> None:
    """1.4: label kubesphere02 gpu=true; nginx-gpu lands there."""
    assert results("kubectl get nodes")[0].stdout == (
        "NAME           STATUS   ROLES           AGE   VERSION\n"
        "kubesphere01   Ready    control-plane   66d   v1.33.4\n"
        "kubesphere02   Ready    <none>          66d   v1.33.4\n"
        "kubesphere03   Ready    <none>          66d   v1.33.4\n")
    assert only("kubectl label node kubesphere02 gpu=true").stdout == "node/kubesphere02 labeled\n"
    assert only("kubectl get nodes -l gpu=true").stdout.splitlines()[1].startswith("kubesphere02   Ready")
    wide = results("kubectl get pods -o wide")[0].stdout.splitlines()
    assert wide[0] == ("NAME              READY   STATUS    RESTARTS   AGE   IP           NODE           "
                       "NOMINATED NODE   READINESS GATES")
    gpu = next(ln for ln in wide if ln.startswith("nginx-gpu "))
    assert "   kubesphere02   <none>           <none>" in gpu and "Running" in gpu


def test_namespaces_section() -> None:
    """1.5: namespaces listed, kube-system pods, two ways to create, same name in two namespaces."""
    ns = only("kubectl get namespaces").stdout
    assert [ln.split()[0] for ln in ns.splitlines()[1:]] == [
        "default", "kube-node-lease", "kube-public", "kube-system", "user-test"]
    system = only("/usr/bin/kubectl get pod -n kube-system").stdout
    assert "etcd-kubesphere01                          1/1     Running   0          66d\n" in system
    assert only("kubectl create -f test1-namespace.yaml").stdout == "namespace/test1-namespace created\n"
    assert only("kubectl create namespace test2-namespace").stdout == "namespace/test2-namespace created\n"
    assert only("/usr/bin/kubectl create -f nginx-manual.yaml -n test1-namespace").stdout == (
        "pod/nginx-manual created\n")
    grep = only("/usr/bin/kubectl get pods --all-namespaces |grep nginx-manual").stdout.splitlines()
    assert [(ln.split()[0], ln.split()[1]) for ln in grep] == [
        ("test1-namespace", "nginx-manual"), ("user-test", "nginx-manual"), ("user-test", "nginx-manual-v2")]


def test_delete_section() -> None:
    """1.6: delete by name, by selector, a whole namespace; replace --force."""
    assert only("kubectl delete pod nginx-manual").stdout == 'pod "nginx-manual" deleted\n'
    assert only("kubectl delete pod -l creation_method=manual").stdout == 'pod "nginx-manual-v2" deleted\n'
    assert only("/usr/bin/kubectl delete ns test1-namespace").stdout == 'namespace "test1-namespace" deleted\n'
    assert only("kubectl replace -f nginx-manual.yaml --force").stdout == (
        'pod "nginx-manual" deleted\npod/nginx-manual replaced\n')


def test_replicaset_section() -> None:
    """1.7: three nginx-xxxxx pods Running, the rs 3/3/3, describe, delete with its pods."""
    pods = results("kubectl get pods")[1].stdout.splitlines()
    assert pods[0] == "NAME          READY   STATUS    RESTARTS   AGE"
    assert len(pods) == 4
    for ln in pods[1:]:
        name, ready, status, restarts, age = ln.split()
        assert name.startswith("nginx-") and len(name) == 11
        assert (ready, status, restarts, age) == ("1/1", "Running", "0", "105s")
    assert only("kubectl get rs").stdout == ("NAME    DESIRED   CURRENT   READY   AGE\n"
                                             "nginx   3         3         3       113s\n")
    describe = only("kubectl describe rs").stdout
    assert describe.startswith("Name:         nginx\nNamespace:    user-test\nSelector:     app=nginx\n"
                               "Labels:       <none>\nAnnotations:  <none>\nReplicas:     3 current / 3 desired\n"
                               "Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n")
    assert only("kubectl delete rs nginx").stdout == 'replicaset.apps "nginx" deleted\n'


def test_daemonset_section() -> None:
    """1.8: mysql-ds on the two workers only; tomcat-ssd follows the disk1=ssd1 label."""
    assert only("kubectl create -f mysql-ds.yaml").stdout == "daemonset.apps/mysql-ds created\n"
    first, second, third = results("kubectl get pods -o wide")[1:]
    nodes = sorted(ln.split()[6] for ln in first.stdout.splitlines()[1:])
    assert nodes == ["kubesphere02", "kubesphere03"]
    tomcat = [ln for ln in second.stdout.splitlines() if ln.startswith("tomcat-ssd-")]
    assert len(tomcat) == 1 and tomcat[0].split()[6] == "kubesphere02"
    assert not any(ln.startswith("tomcat-ssd-") for ln in third.stdout.splitlines())


def test_job_section() -> None:
    """1.9: batch-job goes ContainerCreating -> Running -> Completed; COMPLETIONS 1/1 in about 37 s."""
    first_jobs, last_jobs = results("kubectl get jobs")
    assert first_jobs.stdout == ("NAME        STATUS    COMPLETIONS   DURATION   AGE\n"
                                 "batch-job   Running   0/1           6s         6s\n")
    statuses = [next(ln for ln in r.stdout.splitlines() if ln.startswith("batch-job-")).split()[2]
                for r in results("kubectl get pods")[-4:]]
    assert statuses[0] == "ContainerCreating"
    assert "Running" in statuses
    assert statuses[-1] == "Completed"
    head, row = last_jobs.stdout.splitlines()
    assert head == "NAME        STATUS     COMPLETIONS   DURATION   AGE"
    assert re.fullmatch(r"batch-job   Complete   1/1           3\ds        2m8s", row), row
