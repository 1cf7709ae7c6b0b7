"""kubectl with Services: get (tables, -o wide, short name, get all), create -f and apply with the
server's defaults, validation errors, describe with endpoints, delete, api-resources, explain."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

WEB = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
"""


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("web.yaml", WEB)
    return pg


def web_ip(pg: Playground) -> str:
    return pg.cluster.get("Service", "default", "web")["spec"]["clusterIP"]


def test_get_svc_shows_the_kubernetes_service(pg: Playground) -> None:
    """kubectl get svc in a new cluster: the kubernetes Service, as every kubeadm cluster has."""
    assert run(pg, "kubectl get svc") == (
        ("NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
         "kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   66d\n"),
        "",
        0)
    assert run(pg, "kubectl get services -o name") == run(pg, "kubectl get service -o name") == (
        "service/kubernetes\n", "", 0)


def test_get_svc_all_namespaces_wide(pg: Playground) -> None:
    """-A -o wide adds NAMESPACE and SELECTOR; kube-dns serves 53/UDP, 53/TCP and 9153/TCP."""
    assert run(pg, "kubectl get svc -A -o wide") == (
        ("NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE   SELECTOR\n"
         "default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  66d   <none>\n"
         "kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   66d   k8s-app=kube-dns\n"),
        "",
        0)


def test_get_all_includes_the_kubernetes_service(pg: Playground) -> None:
    """get all in an empty default namespace still lists service/kubernetes."""
    assert run(pg, "kubectl get all") == (
        ("NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
         "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   66d\n"),
        "",
        0)


def test_create_from_manifest_applies_defaults(pg: Playground) -> None:
    """create -f prints service/web created; -o yaml shows what the server filled in."""
    assert run(pg, "kubectl create -f web.yaml") == ("service/web created\n", "", 0)
    ip = web_ip(pg)
    out, err, code = run(pg, "kubectl get svc web -o yaml")
    assert (err, code) == ("", 0)
    assert out.split("spec:\n", 1)[1] == (
        f"  clusterIP: {ip}\n"
        "  clusterIPs:\n"
        f"  - {ip}\n"
        "  internalTrafficPolicy: Cluster\n"
        "  ipFamilies:\n"
        "  - IPv4\n"
        "  ipFamilyPolicy: SingleStack\n"
        "  ports:\n"
        "  - port: 80\n"
        "    protocol: TCP\n"
        "    targetPort: 8080\n"
        "  selector:\n"
        "    app: web\n"
        "  sessionAffinity: None\n"
        "  type: ClusterIP\n"
        "status:\n"
        "  loadBalancer: {}\n")
    assert run(pg, "kubectl get svc web") == (
        ("NAME   TYPE        CLUSTER-IP" + " " * (len(ip) - 10) + "   EXTERNAL-IP   PORT(S)   AGE\n"
         f"web    ClusterIP   {ip}   <none>        80/TCP    0s\n"),
        "",
        0)


def test_apply_twice_keeps_the_cluster_ip(pg: Playground) -> None:
    """apply creates, a second apply is unchanged and the allocated IP stays."""
    assert run(pg, "kubectl apply -f web.yaml") == ("service/web created\n", "", 0)
    ip = web_ip(pg)
    assert run(pg, "kubectl apply -f web.yaml") == ("service/web unchanged\n", "", 0)
    assert web_ip(pg) == ip


def test_invalid_service_is_refused(pg: Playground) -> None:
    """A Service without ports: the server's Invalid error as kubectl prints it."""
    pg.write_file("bad.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  selector:\n    app: x\n")
    assert run(pg, "kubectl create -f bad.yaml") == (
        "", 'The Service "bad" is invalid: spec.ports: Required value\n', 1)


def test_describe_service_endpoints_follow_ready_pods(pg: Playground) -> None:
    """describe svc: no endpoints before a matching pod is Ready, then its IP and the target port."""
    assert run(pg, "kubectl create -f web.yaml")[2] == 0
    ip = web_ip(pg)
    before = run(pg, "kubectl describe svc web")[0]
    assert "Endpoints:                \n" in before
    assert run(pg, "kubectl run web --image=nginx --labels=app=web")[2] == 0
    pg.advance(30)
    pod_ip = pg.cluster.get("Pod", "default", "web")["status"]["podIP"]
    assert run(pg, "kubectl describe svc web") == (
        ("Name:                     web\n"
         "Namespace:                default\n"
         "Labels:                   <none>\n"
         "Annotations:              <none>\n"
         "Selector:                 app=web\n"
         "Type:                     ClusterIP\n"
         "IP Family Policy:         SingleStack\n"
         "IP Families:              IPv4\n"
         f"IP:                       {ip}\n"
         f"IPs:                      {ip}\n"
         "Port:                     <unset>  80/TCP\n"
         "TargetPort:               8080/TCP\n"
         f"Endpoints:                {pod_ip}:8080\n"
         "Session Affinity:         None\n"
         "Internal Traffic Policy:  Cluster\n"
         "Events:                   <none>\n"),
        "",
        0)


def test_describe_kubernetes_service(pg: Playground) -> None:
    """The kubernetes Service's endpoint is the API server on the control plane, port 6443."""
    assert run(pg, "kubectl describe svc kubernetes") == (
        ("Name:                     kubernetes\n"
         "Namespace:                default\n"
         "Labels:                   component=apiserver\n"
         "                          provider=kubernetes\n"
         "Annotations:              <none>\n"
         "Selector:                 <none>\n"
         "Type:                     ClusterIP\n"
         "IP Family Policy:         SingleStack\n"
         "IP Families:              IPv4\n"
         "IP:                       10.96.0.1\n"
         "IPs:                      10.96.0.1\n"
         "Port:                     https  443/TCP\n"
         "TargetPort:               6443/TCP\n"
         "Endpoints:                192.168.0.11:6443\n"
         "Session Affinity:         None\n"
         "Internal Traffic Policy:  Cluster\n"
         "Events:                   <none>\n"),
        "",
        0)


def test_delete_service(pg: Playground) -> None:
    """delete svc removes it; a missing one is NotFound with the plural."""
    assert run(pg, "kubectl create -f web.yaml")[2] == 0
    assert run(pg, "kubectl delete svc web") == ('service "web" deleted\n', "", 0)
    assert run(pg, "kubectl get svc web") == ("", 'Error from server (NotFound): services "web" not found\n', 1)
    assert run(pg, "kubectl delete svc x") == ("", 'Error from server (NotFound): services "x" not found\n', 1)


def test_api_resources_lists_services(pg: Playground) -> None:
    """api-resources has the services row with short name svc."""
    out = run(pg, "kubectl api-resources --api-group=")[0]
    assert "services     svc          v1           true         Service\n" in out


def test_explain_service(pg: Playground) -> None:
    """explain svc resolves the short name to the v1 Service schema."""
    out, err, code = run(pg, "kubectl explain svc.spec.clusterIP")
    assert (err, code) == ("", 0)
    assert out.startswith("KIND:       Service\nVERSION:    v1\n\nFIELD: clusterIP <string>\n")


def test_run_expose_creates_the_service_then_prints_the_pod(pg: Playground) -> None:
    """`run --expose`: the pod, then a ClusterIP Service selecting run=<name> on the same port."""
    assert run(pg, "kubectl run nginx --image=nginx --port=80 --expose") == (
        "service/nginx created\npod/nginx created\n", "", 0)
    out, _, _ = run(pg, "kubectl get svc nginx -o 'jsonpath={.spec.selector} {.spec.ports}'")
    assert out == '{"run":"nginx"} [{"port":80,"protocol":"TCP","targetPort":80}]'
    pg.advance(30)
    describe, _, _ = run(pg, "kubectl describe svc nginx")
    ip = run(pg, "kubectl get pod nginx -o jsonpath={.status.podIP}")[0]
    assert f"Endpoints:                {ip}:80\n" in describe


def test_run_expose_dry_run_client_prints_both_objects(pg: Playground) -> None:
    """With --labels the Service selects (and carries) them; -o yaml separates the two with ---."""
    out, err, code = run(pg, "kubectl run web --image=nginx --port=8080 --labels=app=web --expose "
                             "--dry-run=client -o yaml")
    assert (err, code) == ("", 0)
    service, pod = out.split("---\n")
    assert service == (
        "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n"
        "  name: web\nspec:\n  ports:\n  - port: 8080\n    protocol: TCP\n    targetPort: 8080\n"
        "  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n")
    assert pod.startswith("apiVersion: v1\nkind: Pod\n")
    assert run(pg, "kubectl get svc web")[1] == 'Error from server (NotFound): services "web" not found\n'


def test_run_expose_when_the_service_exists_still_creates_the_pod(pg: Playground) -> None:
    """The pod is created and printed; the Service's AlreadyExists error follows, exit 1."""
    pg.execute("kubectl create -f - <<'EOF'\n" + WEB.replace("name: web", "name: nginx") + "EOF")
    assert run(pg, "kubectl run nginx --image=nginx --port=80 --expose") == (
        "pod/nginx created\n", 'Error from server (AlreadyExists): services "nginx" already exists\n', 1)


def test_run_expose_needs_a_port(pg: Playground) -> None:
    """kubectl's usage error, nothing created."""
    out, err, code = run(pg, "kubectl run nginx --image=nginx --expose")
    assert (out, err.splitlines()[0], code) == ("", "error: --port must be set when exposing a service", 1)
    assert run(pg, "kubectl get pods")[1] == "No resources found in default namespace.\n"
