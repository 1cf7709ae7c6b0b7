"""Services in the API server: defaults, allocation, validation, the default topology's Services."""

from __future__ import annotations

import ipaddress
import random

import pytest

from cluster_core import Playground
from cluster_core.api import errors, services


def svc(name: str = "web", **spec: object) -> dict:
    body = {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}
    body.update(spec)
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": body}


def create_error(pg: Playground, obj: dict) -> str:
    with pytest.raises(errors.ApiError) as e:
        pg.cluster.create(obj)
    return e.value.message


def test_default_topology_has_kubernetes_and_kube_dns() -> None:
    """A new cluster has default/kubernetes at 10.96.0.1 and kube-system/kube-dns at 10.96.0.10."""
    pg = Playground.new()
    k = pg.cluster.get("Service", "default", "kubernetes")
    assert k["metadata"]["labels"] == {"component": "apiserver", "provider": "kubernetes"}
    assert k["spec"] == {
        "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "internalTrafficPolicy": "Cluster",
        "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
        "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}],
        "sessionAffinity": "None", "type": "ClusterIP"}
    assert k["status"] == {"loadBalancer": {}}
    dns = pg.cluster.get("Service", "kube-system", "kube-dns")
    assert dns["spec"]["clusterIP"] == "10.96.0.10"
    assert [(p["name"], p["port"], p["protocol"]) for p in dns["spec"]["ports"]] == [
        ("dns", 53, "UDP"), ("dns-tcp", 53, "TCP"), ("metrics", 9153, "TCP")]


def test_create_applies_server_defaults() -> None:
    """type, sessionAffinity, protocol, targetPort, traffic policy, IP families and a cluster IP are filled in."""
    pg = Playground.new()
    created = pg.cluster.create(svc(ports=[{"port": 80}]))
    spec = created["spec"]
    ip = spec["clusterIP"]
    assert spec == {"clusterIP": ip, "clusterIPs": [ip], "internalTrafficPolicy": "Cluster",
                    "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                    "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
                    "selector": {"app": "web"}, "sessionAffinity": "None", "type": "ClusterIP"}
    assert ipaddress.ip_address(ip) in services.SERVICE_CIDR
    assert ip not in ("10.96.0.1", "10.96.0.10")


def test_cluster_ip_is_deterministic_for_a_seed() -> None:
    """The same seed and commands give the same cluster IP."""
    a, b = Playground.new(), Playground.new()
    assert a.cluster.create(svc())["spec"]["clusterIP"] == b.cluster.create(svc())["spec"]["clusterIP"]


def test_allocation_never_reuses_an_ip_in_use() -> None:
    """The allocator skips IPs a stored Service holds."""
    used = {f"10.96.1.{i}" for i in range(256)}
    spec: dict = {"type": "ClusterIP", "ports": [{"port": 80}]}
    rng = random.Random(1)
    stored = [{"metadata": {"namespace": "x", "name": f"s{i}"}, "spec": {"clusterIPs": [ip]}}
              for i, ip in enumerate(sorted(used))]
    assert services.allocate({"metadata": {"namespace": "default", "name": "n"}, "spec": spec}, stored, rng) == []
    assert spec["clusterIP"] not in used and spec["clusterIPs"] == [spec["clusterIP"]]


def test_node_port_service_gets_a_node_port_and_external_policy() -> None:
    """type NodePort: a port in 30000-32767 and externalTrafficPolicy Cluster."""
    pg = Playground.new()
    spec = pg.cluster.create(svc(type="NodePort"))["spec"]
    assert 30000 <= spec["ports"][0]["nodePort"] <= 32767
    assert spec["externalTrafficPolicy"] == "Cluster"


def test_missing_ports_is_required() -> None:
    """No ports: spec.ports: Required value."""
    pg = Playground.new()
    body = svc()
    del body["spec"]["ports"]
    assert create_error(pg, body) == 'Service "web" is invalid: spec.ports: Required value'


def test_bad_ports_type_and_duplicates() -> None:
    """Port numbers, protocols, duplicate names and an unknown type, in upstream's order and words."""
    pg = Playground.new()
    body = svc(type="Foo", ports=[{"name": "http", "port": 70000, "targetPort": 80},
                                  {"name": "http", "port": 81, "protocol": "XYZ", "targetPort": "a--b"}])
    assert create_error(pg, body) == (
        'Service "web" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, '
        'inclusive, spec.ports[1].name: Duplicate value: "http", spec.ports[1].protocol: Unsupported value: '
        '"XYZ": supported values: "SCTP", "TCP", "UDP", spec.ports[1].targetPort: Invalid value: "a--b": '
        'must not contain consecutive hyphens, spec.type: Unsupported value: "Foo": supported values: '
        '"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]')


def test_two_ports_need_names_and_distinct_numbers() -> None:
    """With two ports each needs a name; the same port and protocol twice is a duplicate."""
    pg = Playground.new()
    body = svc(ports=[{"port": 80}, {"name": "b", "port": 80}])
    assert create_error(pg, body) == (
        'Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1]: Duplicate value: '
        'core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, '
        'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}]')


def test_name_must_be_a_dns1035_label() -> None:
    """Service names start with a letter (DNS-1035)."""
    pg = Playground.new()
    assert create_error(pg, svc("1web")) == (
        'Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of '
        "lower case alphanumeric characters or '-', start with an alphabetic character, and end with an "
        "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
        "'[a-z]([-a-z0-9]*[a-z0-9])?')")


def test_cluster_ip_taken_or_out_of_range() -> None:
    """A requested cluster IP must be free and inside 10.96.0.0/12."""
    pg = Playground.new()
    assert create_error(pg, svc(clusterIP="10.96.0.1")) == (
        'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate '
        "IP 10.96.0.1: provided IP is already allocated")
    assert create_error(pg, svc(clusterIP="192.168.1.1")) == (
        'Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.1.1"}: failed to allocate '
        "IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is "
        "10.96.0.0/12")
    assert pg.cluster.create(svc(clusterIP="10.96.0.20"))["spec"]["clusterIPs"] == ["10.96.0.20"]


def test_cluster_ip_is_immutable_and_kept_on_update() -> None:
    """An update without clusterIP keeps the allocated one; changing it is refused."""
    pg = Playground.new()
    ip = pg.cluster.create(svc())["spec"]["clusterIP"]
    updated = pg.cluster.update(svc(ports=[{"port": 81}]))
    assert updated["spec"]["clusterIPs"] == [ip]
    with pytest.raises(errors.ApiError) as e:
        pg.cluster.update(svc(clusterIP="10.96.0.20"))
    assert e.value.message == (
        'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.20"}: '
        "may not change once set")


def test_headless_service_needs_no_ports() -> None:
    """clusterIP None: no IP allocated, ports optional."""
    pg = Playground.new()
    body = svc(clusterIP="None")
    del body["spec"]["ports"]
    spec = pg.cluster.create(body)["spec"]
    assert (spec["clusterIPs"], spec["ipFamilyPolicy"], spec["ipFamilies"]) == (["None"], "SingleStack", ["IPv4"])
