"""kubectl expose: selectors, ports and labels taken from a pod, ReplicaSet or Service as kubectl
v1.33's expose.go takes them, its errors word for word, dry runs and the printers."""

from __future__ import annotations

import pytest

from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run

RS_TWO_PORTS = """\
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  labels:
    tier: front
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
        - containerPort: 443
"""


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_expose_pod_then_describe_shows_its_endpoint(pg: Playground) -> None:
    """A labelled pod's Service selects its labels, takes its port and lists it as an endpoint once it runs."""
    run(pg, "kubectl run web --image=nginx --port=80")
    assert run(pg, "kubectl expose pod web") == ("service/web exposed\n", "", 0)
    out, _, _ = run(pg, "kubectl get svc web -o 'jsonpath={.metadata.labels} {.spec.selector} {.spec.ports}'")
    assert out == '{"run":"web"} {"run":"web"} [{"port":80,"protocol":"TCP","targetPort":80}]'
    pg.advance(30)
    assert run(pg, "kubectl get pod web -o jsonpath={.status.phase}")[0] == "Running"
    ip = run(pg, "kubectl get pod web -o jsonpath={.status.podIP}")[0]
    assert f"Endpoints:                {ip}:80\n" in run(pg, "kubectl describe svc web")[0]


def test_expose_rs_with_two_container_ports_names_them(pg: Playground) -> None:
    """Every container port is reused, named port-1 and port-2; the RS's labels label the Service."""
    pg.write_file("web-rs.yaml", RS_TWO_PORTS)
    run(pg, "kubectl create -f web-rs.yaml")
    assert run(pg, "kubectl expose rs/web") == ("service/web exposed\n", "", 0)
    out, _, _ = run(pg, "kubectl get svc web -o 'jsonpath={.metadata.labels} {.spec.selector} {.spec.ports}'")
    assert out == ('{"tier":"front"} {"app":"web"} [{"name":"port-1","port":80,"protocol":"TCP","targetPort":80},'
                   '{"name":"port-2","port":443,"protocol":"TCP","targetPort":443}]')


def test_pod_without_labels_cannot_be_exposed(pg: Playground) -> None:
    """The selector comes from the pod's labels; nginx-manual has none."""
    assert run(pg, "kubectl expose pod nginx-manual --port=80") == (
        "", "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and "
            "cannot be exposed\n", 1)


def test_no_port_anywhere(pg: Playground) -> None:
    """The nginx ReplicaSet's containers declare no port and --port is not given."""
    assert run(pg, "kubectl expose rs nginx") == ("", "error: couldn't find port via --port flag or introspection\n", 1)
    assert run(pg, "kubectl get svc nginx")[1] == 'Error from server (NotFound): services "nginx" not found\n'


def test_kinds_that_cannot_be_exposed(pg: Playground) -> None:
    """CanBeExposed names the GroupKind; a type the server lacks fails before that."""
    assert run(pg, "kubectl expose ds mysql-ds --port=3306") == ("", "error: cannot expose a DaemonSet.apps\n", 1)
    assert run(pg, "kubectl expose rc nginx --port=80") == (
        "", 'error: the server doesn\'t have a resource type "rc"\n', 1)


def test_node_port_type_gets_a_node_port(pg: Playground) -> None:
    """--type=NodePort: the server allocates a node port in 30000-32767."""
    assert run(pg, "kubectl expose rs nginx --port=80 --target-port=8080 --type=NodePort --name=np") == (
        "service/np exposed\n", "", 0)
    port = pg.cluster.get("Service", "default", "np")["spec"]["ports"][0]
    assert (port["targetPort"], port["protocol"]) == (8080, "TCP")
    assert 30000 <= port["nodePort"] <= 32767


def test_dry_run_client_prints_the_typed_service(pg: Playground) -> None:
    """Nothing is created; the YAML is the typed Service (creationTimestamp null, empty loadBalancer)."""
    assert run(pg, "kubectl expose rs nginx --port=80 --dry-run=client -o yaml") == (
        "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: nginx\nspec:\n  ports:\n"
        "  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: nginx\nstatus:\n"
        "  loadBalancer: {}\n", "", 0)
    assert run(pg, "kubectl expose rs nginx --port=80 --dry-run=client") == (
        "service/nginx exposed (dry run)\n", "", 0)
    assert run(pg, "kubectl expose rs nginx --port=80 --dry-run=server") == (
        "service/nginx exposed (server dry run)\n", "", 0)
    assert run(pg, "kubectl get svc nginx")[1] == 'Error from server (NotFound): services "nginx" not found\n'


def test_second_expose_is_already_exists(pg: Playground) -> None:
    """The server refuses a second Service of the same name, in kubectl's words."""
    assert run(pg, "kubectl expose rs nginx --port=80 -o name") == ("service/nginx\n", "", 0)
    assert run(pg, "kubectl expose rs nginx --port=80") == (
        "", 'Error from server (AlreadyExists): services "nginx" already exists\n', 1)


def test_help_starts_as_the_real_one(pg: Playground) -> None:
    """expose --help: kubectl 1.33's first lines and usage line."""
    out, err, code = run(pg, "kubectl expose --help")
    assert (err, code) == ("", 0)
    assert out.splitlines()[:3] == [
        "Expose a resource as a new Kubernetes service.", "",
        " Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector "
        "for that resource as the selector for a new service on the specified port. A deployment or replica set "
        "will be exposed as a service only if its selector is convertible to a selector that service supports, "
        "i.e. when the selector contains only the matchLabels component. Note that if no port is specified via "
        "--port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no "
        "labels are specified, the new service will re-use the labels from the resource it exposes."]
    assert out.endswith(
        "Usage:\n  kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] "
        "[--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] "
        "[options]\n\n"
        'Use "kubectl options" for a list of global command-line options (applies to all commands).\n')
