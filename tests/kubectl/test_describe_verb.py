"""``kubectl describe`` on the command line: which objects, how several are separated, the name
prefix fallback, what each describer is given (events, pods, the node's lease) and kubectl v1.33's
messages and exit codes. The describers' own layout is tested in ``test_describe.py``."""

from __future__ import annotations

from datetime import UTC, datetime

import describe_fixtures as F
import pytest

from cluster_core.kubectl.verbs.describe import camelcase_split, smart_label
from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS


def playground() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    for name in ("nginx-manual", "nginx-rs", "nginx-gpu", "batch-job"):
        pg.write_file(f"{name}.yaml", MANIFESTS[name])
    return pg


@pytest.fixture
def pg() -> Playground:
    """Step 1.2 of the tutorial: nginx-manual created and running for 80 seconds."""
    pg = playground()
    assert pg.execute("kubectl create -f nginx-manual.yaml").exit_code == 0
    pg.advance(80)
    return pg


NGINX_MANUAL = """\
Name:             nginx-manual
Namespace:        default
Priority:         0
Service Account:  default
Node:             kubesphere02/192.168.0.12
Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
Labels:           <none>
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:  10.244.1.2
Containers:
  nginx:
    Container ID:   containerd://0fa34266ccfdba9bba26d85135e8579a7aaf0e891fb797fab7d6467b2f5a522a
    Image:          nginx:1.9.1
    Image ID:       docker.io/library/nginx@sha256:732bb58a16db6db7d508131652f0209dd7e0ff3158f58a89c35a448be24c241b
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 00:00:05 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-f2jz9 (ro)
""" + F.READY_CONDITIONS + """\
Volumes:
  kube-api-access-f2jz9:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
"""

NGINX_MANUAL_EVENTS = """\
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  80s   default-scheduler  Successfully assigned default/nginx-manual to kubesphere02
  Normal  Pulling    79s   kubelet            Pulling image "nginx:1.9.1"
  Normal  Pulled     75s   kubelet            Successfully pulled image "nginx:1.9.1" in 3.108s (3.108s including waiting). Image size: 42564785 bytes.
  Normal  Created    75s   kubelet            Created container: nginx
  Normal  Started    75s   kubelet            Started container nginx
"""


def test_describe_pod_by_name_with_its_events(pg):
    """``kubectl describe pod nginx-manual``: the pod and the five events about it, exit 0."""
    r = pg.execute("kubectl describe pod nginx-manual")
    assert (r.stdout, r.stderr, r.exit_code) == (F.text(NGINX_MANUAL + NGINX_MANUAL_EVENTS), "", 0)


@pytest.mark.parametrize("line", ["kubectl describe pods/nginx-manual", "kubectl describe po nginx-manual",
                                  "kubectl describe Pod nginx-manual", "kubectl describe -f nginx-manual.yaml"])
def test_other_ways_to_name_the_pod(pg, line):
    """TYPE/NAME, short names, the kind, and -f all find the same pod."""
    assert pg.execute(line).stdout == F.text(NGINX_MANUAL + NGINX_MANUAL_EVENTS)


def test_show_events_false_leaves_the_events_section_out(pg):
    """--show-events=false: no ``Events:`` block at all (upstream passes no event list)."""
    r = pg.execute("kubectl describe pod nginx-manual --show-events=false")
    assert r.stdout == F.text(NGINX_MANUAL)


def test_describe_rs_counts_its_pods_and_lists_its_events(pg):
    """The tutorial's ReplicaSet right after creation: 3 pods waiting, three SuccessfulCreate events."""
    pg.execute("kubectl create -f nginx-rs.yaml")
    r = pg.execute("kubectl describe rs")
    assert (r.stdout, r.exit_code) == ("""\
Name:         nginx
Namespace:    default
Selector:     app=nginx
Labels:       <none>
Annotations:  <none>
Replicas:     3 current / 3 desired
Pods Status:  0 Running / 3 Waiting / 0 Succeeded / 0 Failed
""" + F.NGINX_RS_POD_TEMPLATE + """\
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  0s    replicaset-controller  Created pod: nginx-2mprh
  Normal  SuccessfulCreate  0s    replicaset-controller  Created pod: nginx-t9xh5
  Normal  SuccessfulCreate  0s    replicaset-controller  Created pod: nginx-zs4hb
""", 0)
    pg.advance(30)
    assert "Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n" in pg.execute("kubectl describe rs").stdout


def _names(pg: Playground) -> list[str]:
    return pg.execute("kubectl get pods -o name").stdout.replace("pod/", "").split()


def test_several_objects_are_separated_by_two_newlines(pg):
    """``describe pods``: each description, then ``\\n\\n`` before the next (no trailing separator)."""
    pg.execute("kubectl create -f nginx-rs.yaml")
    pg.advance(30)
    names = _names(pg)
    assert len(names) == 4
    single = [pg.execute(f"kubectl describe pod {n}").stdout for n in names]
    r = pg.execute("kubectl describe pods")
    assert (r.stdout, r.stderr, r.exit_code) == ("\n\n".join(single), "", 0)


def test_label_selector(pg):
    """-l picks the ReplicaSet's three pods, in name order."""
    pg.execute("kubectl create -f nginx-rs.yaml")
    names = [n for n in _names(pg) if n != "nginx-manual"]
    single = [pg.execute(f"kubectl describe pod {n}").stdout for n in names]
    assert pg.execute("kubectl describe pods -l app=nginx").stdout == "\n\n".join(single)


def test_name_prefix_describes_every_match_each_followed_by_a_blank_line(pg):
    """``describe pods nginx``: no pod is called nginx, so every pod whose name starts with it."""
    pg.execute("kubectl create -f nginx-rs.yaml")
    names = _names(pg)
    single = [pg.execute(f"kubectl describe pod {n}").stdout for n in names]
    r = pg.execute("kubectl describe pods nginx")
    assert (r.stdout, r.stderr, r.exit_code) == ("".join(s + "\n" for s in single), "", 0)
    r = pg.execute("kubectl describe pods nginx-m")
    assert r.stdout == F.text(NGINX_MANUAL + NGINX_MANUAL_EVENTS) + "\n"


def test_exact_name_wins_over_prefix(pg):
    """An exact match is described alone, without the prefix fallback's blank line."""
    pg.execute("kubectl create -f nginx-rs.yaml")
    assert pg.execute("kubectl describe pods nginx-manual").stdout == F.text(NGINX_MANUAL + NGINX_MANUAL_EVENTS)


@pytest.mark.parametrize("line, stdout_empty, stderr", [
    ("kubectl describe pods zz", True, 'Error from server (NotFound): pods "zz" not found\n'),
    ("kubectl describe pod/nginx", True, 'Error from server (NotFound): pods "nginx" not found\n'),
    ("kubectl describe rs nginx", True, 'Error from server (NotFound): replicasets.apps "nginx" not found\n'),
    ("kubectl describe pods nginx-manual zz", False, 'Error from server (NotFound): pods "zz" not found\n'),
    ("kubectl describe pods zz yy", True, 'Error from server (NotFound): pods "zz" not found\n'
                                          'Error from server (NotFound): pods "yy" not found\n'),
])
def test_not_found(pg, line, stdout_empty, stderr):
    """NotFound is reported after whatever was found; TYPE/NAME and several names get no prefix fallback."""
    r = pg.execute(line)
    assert (r.stdout == "", r.stderr, r.exit_code) == (stdout_empty, stderr, 1)


@pytest.mark.parametrize("line, stderr, code", [
    ("kubectl describe", 'error: You must specify the type of resource to describe. Use "kubectl api-resources" '
                         "for a complete list of supported resources.\n", 1),
    ("kubectl describe foo", 'error: the server doesn\'t have a resource type "foo"\n', 1),
    ("kubectl describe pods -l app=none", "No resources found in default namespace.\n", 0),
    ("kubectl describe pods -l app=none -A", "No resources found\n", 0),
    ("kubectl describe pods -n test1", "No resources found in test1 namespace.\n", 0),
    ("kubectl describe pod nginx-manual -A",
     "error: a resource cannot be retrieved by name across all namespaces\n", 1),
    ("kubectl describe pod nginx-manual -l app=nginx", "error: name cannot be provided when a selector is specified\n",
     1),
    ("kubectl describe rs -l 'a b'", 'Error from server (BadRequest): Unable to find "apps/v1, Resource=replicasets" '
     'that match label selector "a b", field selector "": unable to parse requirement: found \'b\', expected: in, '
     "notin, =, ==, !=, gt, lt\n", 1),
    ("kubectl describe --show-events=maybe pods", 'error: invalid argument "maybe" for "--show-events" flag: '
     'strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl describe --help\' for usage.\n', 1),
])
def test_messages(pg, line, stderr, code):
    """kubectl's texts for a missing type, an unknown type, nothing found and wrong combinations."""
    r = pg.execute(line)
    assert (r.stdout, r.stderr, r.exit_code) == ("", stderr, code)


def test_all_namespaces_describes_the_system_pods_too(pg):
    """-A lists every namespace's pods: the kube-system ones come after default's."""
    out = pg.execute("kubectl describe pods -A").stdout
    namespaces = [ln.split()[1] for ln in out.split("\n") if ln.startswith("Namespace:")]
    assert namespaces == ["default"] + ["kube-system"] * 13


def test_describe_job_after_it_completed():
    """The tutorial's batch-job: start, completion, duration, and its two events."""
    pg = playground()
    pg.execute("kubectl create -f batch-job.yaml")
    pg.advance(120)
    out = pg.execute("kubectl describe job batch-job").stdout
    assert "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n" in out
    assert out.endswith("  Normal  Completed         83s   job-controller  Job completed\n")


def test_node_lease_and_its_events_under_both_uids(pg):
    """describe node: the kubelet's lease (renewed every 10 s) and events filed under the node's uid
    or its name, in that order."""
    node = pg.server.get("Node", None, "kubesphere02")
    pg.server.record_event(node, "Normal", "RegisteredNode", "Node kubesphere02 event: Registered Node "
                           "kubesphere02 in Controller", {"component": "node-controller"})
    by_name = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "kubesphere02", "uid": "kubesphere02"}}
    pg.advance(5)
    pg.server.record_event(by_name, "Normal", "Starting", "Starting kubelet.", {"component": "kubelet",
                                                                                 "host": "kubesphere02"})
    pg.advance(3)
    out = pg.execute("kubectl describe node kubesphere02").stdout
    assert ("Lease:\n  HolderIdentity:  kubesphere02\n  AcquireTime:     <unset>\n"
            "  RenewTime:       Thu, 01 Jan 2026 00:01:20 +0000\n") in out
    assert out.endswith(
        "Events:\n"
        "  Type    Reason          Age   From             Message\n"
        "  ----    ------          ----  ----             -------\n"
        "  Normal  RegisteredNode  8s    node-controller  Node kubesphere02 event: Registered Node kubesphere02 in "
        "Controller\n"
        "  Normal  Starting        3s    kubelet          Starting kubelet.\n")


def test_describe_namespace(pg):
    """Namespaces are cluster-scoped: found by name whatever the current namespace."""
    r = pg.execute("kubectl describe ns default -n kube-system")
    assert r.stdout == F.text(F.DEFAULT_NAMESPACE)


def test_event_gets_the_generic_describer(pg):
    """Events have no describer of their own: upstream's generic one prints every field, sorted,
    with smart labels, then (no) events about the event."""
    name = pg.execute("kubectl get events -o name").stdout.split()[0].removeprefix("event/")
    r = pg.execute(f"kubectl describe event {name}")
    ev = pg.server.get("Event", "default", name)
    io = ev["involvedObject"]
    assert r.stdout == F.text(f"""\
Name:             {name}
Namespace:        default
Labels:           <none>
Annotations:      <none>
API Version:      v1
Count:            1
Event Time:       <nil>
First Timestamp:  2026-01-01T00:00:00Z
Involved Object:
  API Version:       v1
  Kind:              Pod
  Name:              nginx-manual
  Namespace:         default
  Resource Version:  {io["resourceVersion"]}
  UID:               {io["uid"]}
Kind:                Event
Last Timestamp:      2026-01-01T00:00:00Z
Message:             Successfully assigned default/nginx-manual to kubesphere02
Metadata:
  Creation Timestamp:  2026-01-01T00:00:00Z
  Resource Version:    {ev["metadata"]["resourceVersion"]}
  UID:                 {ev["metadata"]["uid"]}
Reason:                Scheduled
Reporting Component:   default-scheduler
Reporting Instance:    |
Source:
  Component:  default-scheduler
Type:         Normal
Events:       <none>
""")


@pytest.mark.parametrize("field, label", [
    ("involvedObject", "Involved Object"), ("apiVersion", "API Version"), ("uid", "UID"),
    ("resourceVersion", "Resource Version"), ("hostIP", "Host IP"), ("podCIDRs", "Pod CID Rs"),
    ("firstTimestamp", "First Timestamp"), ("x-y", "X - Y"), ("a_b", "a_b"), ("v1", "v1"),
])
def test_smart_labels(field, label):
    """smartLabelFor: camelcase split (``PDFLoader`` style runs), acronyms upper-cased, other
    characters than letters and ``-`` leave the name as it is."""
    assert smart_label(field) == label


def test_camelcase_split_vectors():
    """fatih/camelcase's documented examples."""
    assert camelcase_split("PDFLoader") == ["PDF", "Loader"]
    assert camelcase_split("GL11Version") == ["GL", "11", "Version"]
    assert camelcase_split("BöseÜberraschung") == ["Böse", "Überraschung"]
    assert camelcase_split("") == []
