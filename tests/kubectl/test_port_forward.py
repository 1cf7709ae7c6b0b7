"""kubectl port-forward: the tutorial's ``port-forward nginx-manual 8080:80 &`` then ``curl``, across
tabs, and kubectl v1.33 / client-go's messages for ports that cannot be forwarded."""

from __future__ import annotations

import re
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
FORWARDING = "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n"
IN_USE = ("Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create "
          "listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: "
          "Error listen tcp6 [::1]:8080: bind: address already in use]\n"
          "error: unable to listen on any of the requested ports: [{8080 80}]\n")


def _new() -> Playground:
    return Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture
def pg() -> Playground:
    pg = _new()
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    assert pg.execute("kubectl create -f nginx-manual.yaml").exit_code == 0
    pg.advance(30)
    return pg


def test_tutorial_background_forward_and_curl(pg: Playground) -> None:
    """``port-forward ... &``, then curl: the page, ``Handling connection``, and nginx logs 127.0.0.1."""
    r = pg.execute("kubectl port-forward nginx-manual 8080:80 &")
    assert (r.stdout, r.stderr) == (FORWARDING, "[1] 12345\n")
    r = pg.execute("curl http://127.0.0.1:8080")
    assert r.exit_code == 0
    assert r.stdout.startswith("Handling connection for 8080\n<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to "
                               "nginx!</title>\n")
    assert r.stdout.endswith("<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n")
    r = pg.execute("kubectl logs nginx-manual")
    assert r.stdout == ('127.0.0.1 - - [01/Jan/2026:00:00:30 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/7.88.1" '
                        '"-"\n')
    assert pg.execute("jobs").stdout == "[1]+  Running                 kubectl port-forward nginx-manual 8080:80 &\n"


def test_forward_in_one_tab_curl_in_another(pg: Playground) -> None:
    """The forwarder prints ``Handling connection`` in its own tab when polled; Ctrl-C ends it with 0."""
    r = pg.start("kubectl port-forward nginx-manual 8080:80", tab=0)
    assert (r.running, r.stdout) == (True, FORWARDING)
    r = pg.execute("curl -s http://127.0.0.1:8080 | head -4", tab=1)
    assert r.stdout == "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n"
    assert pg.shell.wake_at() == pg.clock.now
    r = pg.poll(0)
    assert (r.running, r.stdout) == (True, "Handling connection for 8080\n")
    assert pg.shell.wake_at() is None
    r = pg.interrupt(0)
    assert (r.running, r.exit_code) == (False, 0)
    r = pg.execute("curl localhost:8080", tab=1)
    assert (r.exit_code, r.stderr) == (7, "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't "
                                          "connect to server\n")


def test_foreground_forward_is_stopped_by_execute(pg: Playground) -> None:
    """On a manual clock a foreground forward has nothing to wait for: execute stops it (exit 0)."""
    r = pg.execute("kubectl port-forward pod/nginx-manual 8080:80")
    assert (r.exit_code, r.stdout) == (0, FORWARDING)
    assert pg.execute("kubectl port-forward nginx-manual 8080:80 &").stdout == FORWARDING


def test_port_already_in_use(pg: Playground) -> None:
    """A second forward of the same port fails on both addresses."""
    pg.execute("kubectl port-forward nginx-manual 8080:80 &")
    r = pg.execute("kubectl port-forward nginx-manual 8080:80")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", IN_USE)


def test_kill_releases_the_port(pg: Playground) -> None:
    """``kill %1`` ends the forwarder and frees its port."""
    pg.execute("kubectl port-forward nginx-manual 8080:80 &")
    pg.execute("kill %1")
    assert pg.execute("jobs").stdout == "[1]+  Terminated              kubectl port-forward nginx-manual 8080:80\n"
    assert pg.execute("curl -s localhost:8080").exit_code == 7
    assert pg.execute("kubectl port-forward nginx-manual 8080:80 &").stdout == FORWARDING


def test_random_local_port(pg: Playground) -> None:
    """``:80`` picks an ephemeral port (from the cluster's seeded random source) that curl can use."""
    r = pg.execute("kubectl port-forward nginx-manual :80 &")
    m = re.fullmatch(r"Forwarding from 127\.0\.0\.1:(\d+) -> 80\nForwarding from \[::1\]:(\d+) -> 80\n", r.stdout)
    assert m and m.group(1) == m.group(2) and 32768 <= int(m.group(1)) <= 60999
    assert pg.execute(f"curl -s -o /dev/null -w '%{{http_code}}' localhost:{m.group(1)}").stdout == \
        f"Handling connection for {m.group(1)}\n200"


def test_same_port_and_named_port(pg: Playground) -> None:
    """``8080`` alone forwards 8080 -> 8080; a port name must exist in the pod."""
    assert pg.execute("kubectl port-forward nginx-manual 8081 &").stdout == (
        "Forwarding from 127.0.0.1:8081 -> 8081\nForwarding from [::1]:8081 -> 8081\n")
    r = pg.execute("kubectl port-forward nginx-manual 8080:http")
    assert r.stderr == "error: Pod 'nginx-manual' does not have a named port 'http'\n"


def test_nothing_listening_in_the_pod(pg: Playground) -> None:
    """8080:81: curl gets an empty reply; the forwarder logs the kubelet's error and exits 1."""
    pg.execute("kubectl port-forward nginx-manual 8080:81 &")
    r = pg.execute("curl -s localhost:8080")
    assert (r.exit_code, r.stdout) == (52, "Handling connection for 8080\n")
    lines = r.stderr.splitlines()
    assert re.fullmatch(r'E0101 00:00:30\.000000   12345 portforward\.go:424\] "Unhandled Error" err="an error '
                        r"occurred forwarding 8080 -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed "
                        r'to execute portforward in network namespace \\"/var/run/netns/cni-[0-9a-f-]{36}\\": '
                        r'failed to connect to localhost:81 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 '
                        r"127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: "
                        r'connection refused "', lines[0])
    assert lines[1:] == ["error: lost connection to pod"]
    assert pg.execute("jobs").stdout == "[1]+  Exit 1                  kubectl port-forward nginx-manual 8080:81\n"


def test_pod_not_running() -> None:
    """A pod that is still being created cannot be forwarded to."""
    pg = _new()
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    pg.execute("kubectl create -f nginx-manual.yaml")
    r = pg.execute("kubectl port-forward nginx-manual 8080:80")
    assert (r.exit_code, r.stderr) == (1, "error: unable to forward port because pod is not running. Current "
                                          "status=Pending\n")


def test_deleting_the_pod_ends_the_forward(pg: Playground) -> None:
    """When the pod goes away the forwarder loses its connection."""
    pg.start("kubectl port-forward nginx-manual 8080:80", tab=0)
    pg.execute("kubectl delete pod nginx-manual", tab=1)
    r = pg.poll(0)
    assert (r.running, r.exit_code, r.stderr) == (False, 1, "error: lost connection to pod\n")


def test_address_all_interfaces(pg: Playground) -> None:
    """``--address 0.0.0.0`` listens on IPv4 only; the node's own address reaches it."""
    r = pg.execute("kubectl port-forward --address 0.0.0.0 nginx-manual 8080:80 &")
    assert r.stdout == "Forwarding from 0.0.0.0:8080 -> 80\n"
    node_ip = pg.execute("kubectl get node kubesphere01 -o jsonpath='{.status.addresses[0].address}'").stdout
    r = pg.execute(f"curl -s {node_ip}:8080 | head -1")
    assert r.stdout == "Handling connection for 8080\n<!DOCTYPE html>\n"


@pytest.mark.parametrize(("line", "stderr"), [
    ("kubectl port-forward", "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl "
                             "port-forward -h' for help and examples\n"),
    ("kubectl port-forward nginx-manual", "error: TYPE/NAME and list of ports are required for port-forward\nSee "
                                          "'kubectl port-forward -h' for help and examples\n"),
    ("kubectl port-forward nosuch 80", 'Error from server (NotFound): pods "nosuch" not found\n'),
    ("kubectl port-forward nginx-manual 70000", "error: error parsing local port '70000': strconv.ParseUint: "
                                                'parsing "70000": value out of range\n'),
    ("kubectl port-forward nginx-manual 8080:0", "error: remote port must be > 0\n"),
    ("kubectl port-forward nginx-manual 8080:", "error: Pod 'nginx-manual' does not have a named port ''\n"),
    ("kubectl port-forward --address foo nginx-manual 8080:80", "error: foo is not a valid IP\n"),
    ("kubectl port-forward nginx-manual 80", "Unable to listen on port 80: Listeners failed to create with the "
     "following errors: [unable to create listener: Error listen tcp4 127.0.0.1:80: bind: permission denied unable "
     "to create listener: Error listen tcp6 [::1]:80: bind: permission denied]\nerror: unable to listen on any of "
     "the requested ports: [{80 80}]\n"),
    ("kubectl port-forward nginx-manual 6443:80", "Unable to listen on port 6443: Listeners failed to create with "
     "the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:6443: bind: address already in "
     "use unable to create listener: Error listen tcp6 [::1]:6443: bind: address already in use]\nerror: unable to "
     "listen on any of the requested ports: [{6443 80}]\n"),
    ("kubectl port-forward --address 10.1.2.3 nginx-manual 8080:80", "Unable to listen on port 8080: Listeners "
     "failed to create with the following errors: [unable to create listener: Error listen tcp4 10.1.2.3:8080: "
     "bind: cannot assign requested address]\nerror: unable to listen on any of the requested ports: [{8080 80}]\n"),
])
def test_errors(pg: Playground, line: str, stderr: str) -> None:
    """Ports and addresses that cannot be forwarded, in kubectl's and client-go's words."""
    r = pg.execute(line)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_forward_survives_a_save(pg: Playground) -> None:
    """The registration is JSON state: after a reload the forwarded port still answers."""
    pg.execute("kubectl port-forward nginx-manual 8080:80 &")
    pg2 = Playground.from_state(pg.to_state())
    r = pg2.execute("curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080")
    assert r.stdout == "Handling connection for 8080\n200\n"


def test_help_matches_kubectl() -> None:
    """--help: kubectl's long text and usage."""
    out = _new().execute("kubectl port-forward -h").stdout
    assert out.startswith("Forward one or more local ports to a pod.\n\n Use resource type/name such as "
                          "deployment/mydeployment to select a pod.")
    assert "    --address=[localhost]:\n" in out and "    --pod-running-timeout=1m0s:\n" in out


def test_registrations_are_keyed_by_local_port(pg: Playground) -> None:
    """``pg.sim.state["port_forwards"]`` maps each forwarded local port to its listeners, until released."""
    pg.execute("kubectl port-forward nginx-manual 8080:80 &")
    uid = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["uid"]
    assert pg.sim.state["port_forwards"] == {"8080": [
        {"id": "pf-1", "ns": "default", "pod": "nginx-manual", "uid": uid, "remote": 80, "address": "127.0.0.1"},
        {"id": "pf-1", "ns": "default", "pod": "nginx-manual", "uid": uid, "remote": 80, "address": "::1"}]}
    pg.execute("kill %1")
    assert pg.sim.state["port_forwards"] == {}
