"""Tab completion of kubectl command lines through the Playground (sorted, filtered by the typed prefix)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

NGINX_MANUAL = """apiVersion: v1
kind: Pod
metadata:
  name: nginx-manual
spec:
  containers:
    - image: nginx:1.9.1
      name: nginx
      ports:
        - containerPort: 80
          protocol: TCP
"""


@pytest.fixture(scope="module")
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.execute("kubectl create namespace test1-namespace")
    pg.execute("kubectl run other -n test1-namespace --image=busybox -- sleep 3600")
    pg.advance(30)
    return pg


@pytest.mark.parametrize(("line", "expected"), [
    ("kubectl g", ["get"]),
    ("kubectl des", ["describe"]),
    ("kubectl port", ["port-forward"]),
    ("kubectl get p", ["po", "pod", "pods"]),
    ("kubectl get r", ["replicaset", "replicasets", "rs"]),
    ("kubectl get pods ", ["nginx-manual"]),
    ("kubectl get po n", ["nginx-manual"]),
    ("kubectl get pod/", ["pod/nginx-manual"]),
    ("kubectl describe pod/ng", ["pod/nginx-manual"]),
    ("kubectl delete pod nginx-manual ", []),
    ("kubectl get pods -n test1-namespace ", ["other"]),
    ("kubectl -n test1-namespace get pods ", ["other"]),
    ("kubectl get pods --namespace=test1-namespace ", ["other"]),
    ("kubectl -n kube-system get pods kube-s", ["kube-scheduler-kubesphere01"]),
    ("kubectl get pods -n ", ["default", "kube-node-lease", "kube-public", "kube-system", "test1-namespace"]),
    ("kubectl get pods -n t", ["test1-namespace"]),
    ("kubectl get pods --namespace=kube-s", ["--namespace=kube-system"]),
    ("kubectl get nodes ", ["kubesphere01", "kubesphere02", "kubesphere03"]),
    ("kubectl describe no kubesphere0", ["kubesphere01", "kubesphere02", "kubesphere03"]),
    ("kubectl get pods -o j", ["json", "jsonpath", "jsonpath-as-json", "jsonpath-file"]),
    ("kubectl get pods -o=w", []),
    ("kubectl get pods --output=y", ["--output=yaml"]),
    ("kubectl logs ", ["nginx-manual"]),
    ("kubectl logs nginx-manual ", ["nginx"]),
    ("kubectl logs nginx-manual -c ", ["nginx"]),
    ("kubectl logs --ta", ["--tail"]),
    ("kubectl logs -p", ["-p"]),
    ("kubectl exec ", ["nginx-manual"]),
    ("kubectl exec nginx-manual -- ", []),
    ("kubectl port-forward ", ["nginx-manual"]),
    ("kubectl port-forward nginx-manual ", ["80"]),
    ("kubectl port-forward pod/", ["pod/nginx-manual"]),
    ("kubectl config ", ["current-context", "delete-cluster", "delete-context", "delete-user", "get-clusters",
                         "get-contexts", "get-users", "rename-context", "set", "set-cluster", "set-context",
                         "set-credentials", "unset", "use-context", "view"]),
    ("kubectl config use-context ", ["kubernetes-admin@kubernetes"]),
    ("kubectl --context ", ["kubernetes-admin@kubernetes"]),
    ("kubectl explain r", ["replicaset", "replicasets", "rs"]),
    ("kubectl cordon kubesphere02", ["kubesphere02"]),
    ("kubectl delete --cascade=", ["--cascade=background", "--cascade=foreground", "--cascade=orphan"]),
    ("kubectl get pods --sh", ["--show-kind", "--show-labels", "--show-managed-fields"]),
])
def test_candidates(pg: Playground, line: str, expected: list[str]) -> None:
    """The candidates for the word at the end of the line."""
    assert pg.complete(line) == expected


def test_verbs_after_kubectl(pg: Playground) -> None:
    """After ``kubectl`` alone: the verbs this kubectl has, primary names only."""
    got = pg.complete("kubectl ")
    assert {"get", "describe", "logs", "exec", "port-forward", "delete", "create", "apply"} <= set(got)
    assert "po" not in got and got == sorted(got)


def test_flags_include_global_ones(pg: Playground) -> None:
    """``-`` lists the verb's flags and kubectl's global ones, long and short."""
    got = pg.complete("kubectl logs -")
    assert {"--follow", "-f", "--container", "-c", "--namespace", "-n", "--tail", "--timestamps"} <= set(got)


def test_files_after_dash_f(pg: Playground) -> None:
    """``-f`` completes file names from the current directory."""
    assert pg.complete("kubectl apply -f ng") == ["nginx-manual.yaml"]
    assert pg.complete("kubectl create -f ") == ["nginx-manual.yaml"]


def test_current_context_namespace(pg: Playground) -> None:
    """Without -n the kubeconfig's namespace counts, as for the real command."""
    pg.execute("kubectl config set-context --current --namespace=test1-namespace")
    try:
        assert pg.complete("kubectl get pods ") == ["other"]
    finally:
        pg.execute("kubectl config set-context --current --namespace=default")
