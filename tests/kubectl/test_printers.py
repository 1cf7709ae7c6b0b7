"""kubectl get tables, ages and the tabwriter, against upstream vectors and real kubectl v1.33 output."""

from __future__ import annotations

import time

import pytest

from cluster_core import timeutil
from cluster_core.kubectl.printers import (
    describe_tabwrite,
    human_duration,
    name_line,
    print_table,
    print_tables,
    table_tabwrite,
)
from cluster_core.kubectl.printers.tables import ROWS, format_label_selector

NOW = timeutil.parse("2026-01-01T00:00:00Z")
S, M, H, D = 1, 60, 3600, 86400
Y = 365 * D
MS = 0.001


def ago(seconds: float) -> str:
    return timeutil.rfc3339(NOW - seconds)


# --- HumanDuration: apimachinery TestHumanDuration + TestHumanDurationBoundaries (47 cases) ---

HUMAN_DURATION = [
    (1 * S, "1s"), (70 * S, "70s"), (190 * S, "3m10s"), (70 * M, "70m"), (47 * H, "47h"),
    (49 * H, "2d1h"), ((8 * 24 + 2) * H, "8d"), (367 * D, "367d"), ((365 * 2 * 24 + 25) * H, "2y1d"),
    ((365 * 8 * 24 + 2) * H, "8y"),
    (-2 * S, "<invalid>"), (-2 * S + 1e-9, "0s"), (0, "0s"), (1 * S - MS, "0s"), (2 * M - MS, "119s"),
    (2 * M, "2m"), (2 * M + S, "2m1s"), (10 * M - MS, "9m59s"), (10 * M, "10m"), (10 * M + S, "10m"),
    (3 * H - MS, "179m"), (3 * H, "3h"), (3 * H + M, "3h1m"), (8 * H - MS, "7h59m"), (8 * H, "8h"),
    (8 * H + 59 * M, "8h"), (2 * D - MS, "47h"), (2 * D, "2d"), (2 * D + H, "2d1h"), (8 * D - MS, "7d23h"),
    (8 * D, "8d"), (8 * D + 23 * H, "8d"), (2 * Y - MS, "729d"), (2 * Y, "2y"), (2 * Y + 23 * H, "2y"),
    (2 * Y + 23 * H + 59 * M, "2y"), (2 * Y + 24 * H - MS, "2y"), (2 * Y + 24 * H, "2y1d"), (3 * Y, "3y"),
    (4 * Y, "4y"), (5 * Y, "5y"), (6 * Y, "6y"), (7 * Y, "7y"), (8 * Y - MS, "7y364d"), (8 * Y, "8y"),
    (8 * Y + 364 * D, "8y"), (9 * Y, "9y"),
]


@pytest.mark.parametrize(("seconds", "want"), HUMAN_DURATION)
def test_human_duration(seconds, want):
    """HumanDuration matches every upstream vector, boundaries included."""
    assert human_duration(seconds) == want


def test_human_duration_has_47_upstream_vectors():
    """All 47 upstream cases are ported."""
    assert len(HUMAN_DURATION) == 47


# --- tabwriter ---

def test_table_tabwriter_pads_columns_but_not_the_last_cell():
    """minwidth 6, padding 3; the last cell of a line is not padded."""
    assert table_tabwrite("A\tBB\tC\nlonger\tx\tyy\n") == "A        BB    C\nlonger   x     yy\n"


def test_table_tabwriter_keeps_padding_before_an_empty_last_cell():
    """A column followed by an empty last cell keeps its padding (kubectl -L with a missing label)."""
    out = table_tabwrite("NAME\tREL\tX\nab\tbeta\t\n")
    assert out == "NAME   REL    X\nab     beta   \n"


def test_tabwriter_line_without_tabs_ends_the_alignment_block():
    """A line without a tab flushes: the lines after it are aligned on their own."""
    text = "a\tb\nlonger-name\tc\nSection:\nx\ty\n"
    assert describe_tabwrite(text) == "a            b\nlonger-name  c\nSection:\nx  y\n"


def test_tabwriter_cells_of_short_lines_end_the_column_block():
    """A column's width covers only consecutive lines that have that column (last cells excluded)."""
    assert describe_tabwrite("a\tb\tc\nlong\tx\n") == "a     b  c\nlong  x\n"
    text = "Name:\tnginx\n  Image:\tnginx:1.9.1\n"
    assert describe_tabwrite(text) == "Name:     nginx\n  Image:  nginx:1.9.1\n"


def test_tabwriter_unterminated_last_line_has_no_newline():
    """Text after the last newline is flushed without a newline."""
    assert table_tabwrite("a\tb\nccc") == "a     b\nccc"


# --- Pod rows: upstream TestPrintPod ---

def cs(ready=False, restarts=0, state=None, last_finished=None, name=None, started=None):
    status = {"ready": ready, "restartCount": restarts, "state": state or {}}
    if last_finished is not None:
        status["lastState"] = {"terminated": {"finishedAt": ago(last_finished)}}
    if name is not None:
        status["name"] = name
    if started is not None:
        status["started"] = started
    return status


RUNNING = {"running": {}}


def waiting(reason=""):
    return {"waiting": {"reason": reason} if reason else {}}


def terminated(reason="", exit_code=0, signal=0):
    t = {"exitCode": exit_code}
    if reason:
        t["reason"] = reason
    if signal:
        t["signal"] = signal
    return {"terminated": t}


def pod(name, containers=1, phase="podPhase", statuses=(), init=0, init_statuses=None, reason=None,
        conditions=None, deleted=False, init_containers=None):
    p = {"metadata": {"name": name},
         "spec": {"containers": [{"name": f"c{i}"} for i in range(containers)]},
         "status": {"phase": phase, "containerStatuses": list(statuses)}}
    if init_containers is not None:
        p["spec"]["initContainers"] = init_containers
    elif init:
        p["spec"]["initContainers"] = [{"name": f"i{i}"} for i in range(init)]
    if init_statuses is not None:
        p["status"]["initContainerStatuses"] = init_statuses
    if reason:
        p["status"]["reason"] = reason
    if conditions:
        p["status"]["conditions"] = conditions
    if deleted:
        p["metadata"]["deletionTimestamp"] = ago(10)
    return p


READY_TRUE = [{"type": "Ready", "status": "True"}]
SIDECARS = [{"name": "restartable-init-1", "restartPolicy": "Always"},
            {"name": "restartable-init-2", "restartPolicy": "Always"}]

PRINT_POD = [
    (pod("test1", 2, statuses=[cs(True, 3, RUNNING), cs(restarts=3)]), ["test1", "1/2", "podPhase", "6"]),
    (pod("test2", 2, statuses=[cs(True, 3, RUNNING), cs(restarts=3, state=waiting("ContainerWaitingReason"))]),
     ["test2", "1/2", "ContainerWaitingReason", "6"]),
    (pod("test3", 2, statuses=[cs(restarts=3, state=waiting("ContainerWaitingReason")),
                               cs(restarts=3, state=terminated("ContainerTerminatedReason"))]),
     ["test3", "0/2", "ContainerWaitingReason", "6"]),
    (pod("test4", 2, statuses=[cs(True, 3, RUNNING), cs(True, 3)]), ["test4", "1/2", "podPhase", "6"]),
    (pod("test5", 2, reason="podReason", statuses=[cs(True, 3, RUNNING), cs(True, 3)]),
     ["test5", "1/2", "podReason", "6"]),
    (pod("test6", 2, phase="Running", statuses=[cs(True, 3, terminated("Completed")), cs(True, 3, RUNNING)]),
     ["test6", "1/2", "NotReady", "6"]),
    (pod("test6", 2, phase="Running", conditions=READY_TRUE,
         statuses=[cs(True, 3, terminated("Completed")), cs(True, 3, RUNNING)]),
     ["test6", "1/2", "Running", "6"]),
    (pod("test7", init=1, init_statuses=[cs(False, 3, RUNNING, last_finished=10)], statuses=[cs(state=waiting())]),
     ["test7", "0/1", "Init:0/1", "3 (10s ago)"]),
    (pod("test8", init=2, init_statuses=[cs(False, 3, RUNNING, last_finished=10), cs(state=waiting())],
         statuses=[cs(state=waiting())]),
     ["test8", "0/1", "Init:0/2", "3 (10s ago)"]),
    (pod("test9", init=2, init_statuses=[cs(state=terminated()), cs(False, 3, RUNNING, last_finished=10)],
         statuses=[cs(state=waiting())]),
     ["test9", "0/1", "Init:1/2", "3 (10s ago)"]),
    (pod("test10", init=2, init_statuses=[cs(False, 2, terminated(), last_finished=120),
                                          cs(False, 3, RUNNING, last_finished=10)],
         statuses=[cs(state=waiting())]),
     ["test10", "0/1", "Init:1/2", "5 (10s ago)"]),
    (pod("test11", phase="Running", init=1, init_statuses=[cs(False, 2, terminated(), last_finished=120)],
         statuses=[cs(False, 4, RUNNING, last_finished=20)]),
     ["test11", "0/1", "Running", "4 (20s ago)"]),
    (pod("test12", phase="Running", statuses=[cs(True, 3, RUNNING, last_finished=5 * D)]),
     ["test12", "1/1", "Running", "3 (5d ago)"]),
    (pod("test13", 2, phase="Running", statuses=[cs(True, 0, RUNNING), cs(True, 3, RUNNING, last_finished=10 * D)]),
     ["test13", "2/2", "Running", "3 (10d ago)"]),
    (pod("test14", 2, phase="Running", statuses=[cs(True, 6, RUNNING, last_finished=5 * D),
                                                 cs(True, 3, RUNNING, last_finished=20 * D)]),
     ["test14", "2/2", "Running", "9 (5d ago)"]),
    (pod("test15", 2, conditions=[{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]),
     ["test15", "0/2", "SchedulingGated", "0"]),
    (pod("test16", phase="Succeeded", statuses=[cs(state=terminated("Completed"))]),
     ["test16", "0/1", "Completed", "0"]),
    (pod("test17", phase="Failed", statuses=[cs(state=terminated("Error", 1))]), ["test17", "0/1", "Error", "0"]),
    (pod("test18", phase="Succeeded", deleted=True, statuses=[cs(state=terminated("Completed"))]),
     ["test18", "0/1", "Completed", "0"]),
    (pod("test19", phase="Running", deleted=True, statuses=[cs(state=RUNNING)]),
     ["test19", "0/1", "Terminating", "0"]),
    (pod("test20", phase="Pending", deleted=True), ["test20", "0/1", "Terminating", "0"]),
    # TestPrintPodWithRestartableInitContainer
    (pod("test1", phase="Pending", init_containers=SIDECARS, conditions=[{"type": "Initialized", "status": "False"}],
         init_statuses=[cs(False, 3, RUNNING, 10, "restartable-init-1", False),
                        cs(False, 0, waiting(), None, "restartable-init-2", False)],
         statuses=[cs(state=waiting())]),
     ["test1", "0/3", "Init:0/2", "3 (10s ago)"]),
    (pod("test1", phase="Pending", init_containers=SIDECARS, conditions=[{"type": "Initialized", "status": "False"}],
         init_statuses=[cs(False, 3, RUNNING, 10, "restartable-init-1", True),
                        cs(False, 0, RUNNING, None, "restartable-init-2", False)],
         statuses=[cs(state=waiting())]),
     ["test1", "0/3", "Init:1/2", "3 (10s ago)"]),
    (pod("test2", phase="Running", init_containers=SIDECARS, conditions=[{"type": "Initialized", "status": "True"}],
         init_statuses=[cs(False, 3, RUNNING, 10, "restartable-init-1", True),
                        cs(False, 0, RUNNING, None, "restartable-init-2", True)],
         statuses=[cs(True, 4, RUNNING, last_finished=20)]),
     ["test2", "1/3", "Running", "7 (10s ago)"]),
    (pod("test3", phase="Succeeded", init_containers=SIDECARS, conditions=[{"type": "Initialized", "status": "True"}],
         init_statuses=[cs(False, 3, terminated("Error", 137), 10, "restartable-init-1", False),
                        cs(False, 0, terminated("Error", 137), None, "restartable-init-2", False)],
         statuses=[cs(False, 4, terminated("Completed"), last_finished=20)]),
     ["test3", "0/3", "Completed", "7 (10s ago)"]),
    (pod("test4", phase="Running",
         init_containers=[{"name": "init1"}, {"name": "sidecar1", "restartPolicy": "Always"}],
         init_statuses=[{"name": "initinvalid"}, {"name": "init1"}, {"name": "sidecar1"}],
         statuses=[{"name": "containerinvalid"}, {"name": "container1"}]),
     ["test4", "0/2", "Init:0/2", "0"]),
]


@pytest.mark.parametrize(("obj", "want"), PRINT_POD)
def test_print_pod(obj, want):
    """READY, STATUS and RESTARTS as upstream TestPrintPod computes them; AGE is <unknown>."""
    assert ROWS["Pod"](obj, NOW)[:5] == [*want, "<unknown>"]


def test_print_pod_wide():
    """TestPrintPodwide: IP, NODE, NOMINATED NODE and READINESS GATES (true gates / all gates)."""
    p = pod("test1", 2, statuses=[cs(True, 3, RUNNING), cs(restarts=3)],
            conditions=[{"type": "condition1", "status": "False"}, {"type": "condition2", "status": "True"}])
    p["spec"].update(nodeName="test1", readinessGates=[{"conditionType": f"condition{i}"} for i in (1, 2, 3)])
    p["status"].update(podIPs=[{"ip": "1.1.1.1"}, {"ip": "2001:db8::"}], nominatedNodeName="node1")
    assert ROWS["Pod"](p, NOW)[5:] == ["1.1.1.1", "test1", "node1", "1/3"]
    bare = pod("test2", 2, statuses=[cs(True, 3, RUNNING), cs(restarts=3, state=waiting("ContainerWaitingReason"))])
    assert ROWS["Pod"](bare, NOW)[2:] == ["ContainerWaitingReason", "6", "<unknown>", "<none>", "<none>",
                                          "<none>", "<none>"]


@pytest.mark.parametrize(("state", "want"), [
    (terminated("", 3), "ExitCode:3"), (terminated("", 0, 9), "Signal:9"), (waiting("CrashLoopBackOff"), "CrashLoopBackOff"),
    (waiting("ImagePullBackOff"), "ImagePullBackOff"), (waiting("ErrImagePull"), "ErrImagePull"),
    (waiting("ContainerCreating"), "ContainerCreating"), (terminated("OOMKilled", 137), "OOMKilled"),
])
def test_pod_status_from_container_state(state, want):
    """A container's waiting or terminated reason (or exit code / signal) becomes STATUS."""
    assert ROWS["Pod"](pod("p", phase="Running", statuses=[cs(state=state)]), NOW)[2] == want


@pytest.mark.parametrize(("state", "want"), [
    (terminated("", 2), "Init:ExitCode:2"), (terminated("", 1, 15), "Init:Signal:15"),
    (terminated("Error", 1), "Init:Error"), (waiting("CrashLoopBackOff"), "Init:CrashLoopBackOff"),
    (waiting("PodInitializing"), "Init:0/1"),
])
def test_pod_status_from_init_container_state(state, want):
    """A failing or waiting init container gives Init:<reason>, Init:ExitCode:N or Init:i/N."""
    obj = pod("p", phase="Pending", init=1, init_statuses=[cs(state=state)], statuses=[cs(state=waiting("PodInitializing"))])
    assert ROWS["Pod"](obj, NOW)[2] == want


def test_pod_deleted_from_a_lost_node_is_unknown():
    """deletionTimestamp with reason NodeLost prints Unknown."""
    assert ROWS["Pod"](pod("p", phase="Running", reason="NodeLost", deleted=True), NOW)[2] == "Unknown"


# --- other kinds: upstream TestPrintJob, TestPrintNode*, TestPrintEvent, TestPrintNamespace, ... ---

TEMPLATE = {"spec": {"containers": [{"name": "fake-job-container1", "image": "fake-job-image1"},
                                    {"name": "fake-job-container2", "image": "fake-job-image2"}]}}


def job(name, created=-1.9, completions=None, status=None, **meta):
    spec = {"template": TEMPLATE, "selector": {"matchLabels": {"job-label": "job-label-value"}}}
    if completions is not None:
        spec["completions"] = completions
    return {"metadata": {"name": name, "creationTimestamp": ago(created), **meta}, "spec": spec,
            "status": status or {}}


def cond(type_):
    return {"conditions": [{"type": type_, "status": "True"}]}


@pytest.mark.parametrize(("obj", "want"), [
    (job("job1", completions=2, status={"succeeded": 1}), ["job1", "Running", "1/2", "", "0s"]),
    (job("job2", created=3652 * D), ["job2", "Running", "0/1", "", "10y"]),
    (job("job3", created=10 * Y, status={"startTime": ago(-M), "completionTime": ago(-31 * M)}),
     ["job3", "Running", "0/1", "30m", "10y"]),
    (job("job4", created=10 * Y, status={"startTime": ago(20 * M)}), ["job4", "Running", "0/1", "20m", "10y"]),
    (job("job5", status=cond("Complete")), ["job5", "Complete", "0/1", "", "0s"]),
    (job("job6", status=cond("Failed")), ["job6", "Failed", "0/1", "", "0s"]),
    (job("job7", status=cond("Suspended")), ["job7", "Suspended", "0/1", "", "0s"]),
    (job("job8", status=cond("FailureTarget")), ["job8", "FailureTarget", "0/1", "", "0s"]),
    (job("job9", deletionTimestamp=ago(-1.9)), ["job9", "Terminating", "0/1", "", "0s"]),
])
def test_print_job(obj, want):
    """TestPrintJob (v1.30+ STATUS column); a creation time 1.9s in the future ages as 0s."""
    assert ROWS["Job"](obj, NOW)[:5] == want


def test_print_job_wide_and_parallelism():
    """Wide adds CONTAINERS, IMAGES, SELECTOR; no completions with parallelism 3 is `0/1 of 3`."""
    wide = ROWS["Job"](job("job1", completions=2, status={"succeeded": 1}), NOW)
    assert wide[5:] == ["fake-job-container1,fake-job-container2", "fake-job-image1,fake-job-image2",
                        "job-label=job-label-value"]
    par = job("p")
    par["spec"]["parallelism"] = 3
    assert ROWS["Job"](par, NOW)[2] == "0/1 of 3"


def test_print_daemonset():
    """TestPrintDaemonSet: counts from status, NODE SELECTOR <none>, wide template cells."""
    ds = {"metadata": {"name": "test1", "creationTimestamp": ago(-1.9)},
          "spec": {"template": TEMPLATE, "selector": {"matchLabels": {"foo": "bar"}}},
          "status": {"currentNumberScheduled": 2, "desiredNumberScheduled": 3, "numberReady": 1,
                     "updatedNumberScheduled": 2, "numberAvailable": 0}}
    assert ROWS["DaemonSet"](ds, NOW) == ["test1", 3, 2, 1, 2, 0, "<none>", "0s", "fake-job-container1,fake-job-container2",
                                          "fake-job-image1,fake-job-image2", "foo=bar"]


def node(name, ready=None, unschedulable=False, labels=None, addresses=None, info=None):
    n = {"metadata": {"name": name, "labels": labels or {}}, "spec": {"unschedulable": unschedulable},
         "status": {"conditions": [] if ready is None else [{"type": "Ready", "status": ready}],
                    "addresses": addresses or [], "nodeInfo": info or {}}}
    return n


@pytest.mark.parametrize(("obj", "status"), [
    (node("foo1", "True"), "Ready"), (node("foo2", "True", True), "Ready,SchedulingDisabled"),
    (node("foo4", "False"), "NotReady"), (node("foo5", "False", True), "NotReady,SchedulingDisabled"),
    (node("foo6"), "Unknown"), (node("foo8", None, True), "Unknown,SchedulingDisabled"),
])
def test_print_node_status(obj, status):
    """TestPrintNodeStatus: the Ready condition, Unknown without it, SchedulingDisabled appended."""
    assert ROWS["Node"](obj, NOW)[:5] == [obj["metadata"]["name"], status, "<none>", "<unknown>", ""]


def test_print_node_roles():
    """TestPrintNodeRole: node-role.kubernetes.io/* keys and kubernetes.io/role values, sorted."""
    labels = {"node-role.kubernetes.io/master": "", "node-role.kubernetes.io/control-plane": "",
              "node-role.kubernetes.io/proxy": "", "kubernetes.io/role": "node"}
    assert ROWS["Node"](node("foo10", labels=labels), NOW)[2] == "control-plane,master,node,proxy"
    assert ROWS["Node"](node("foo11", labels={"kubernetes.io/role": "node"}), NOW)[2] == "node"


def test_print_node_wide():
    """TestPrintNodeExternalIP/InternalIP/OSImage: first address of each type, <unknown> info."""
    addresses = [{"type": "ExternalIP", "address": "2.2.2.2"}, {"type": "InternalIP", "address": "3.3.3.3"},
                 {"type": "ExternalIP", "address": "4.4.4.4"}]
    assert ROWS["Node"](node("foo3", addresses=addresses), NOW)[5:] == [
        "3.3.3.3", "2.2.2.2", "<unknown>", "<unknown>", "<unknown>"]
    assert ROWS["Node"](node("foo1", info={"osImage": "fake-os-image"}), NOW)[5:] == [
        "<none>", "<none>", "fake-os-image", "<unknown>", "<unknown>"]


def event(**fields):
    e = {"metadata": {"name": fields.pop("name", "event1")}, "type": "Warning", "reason": "Event Reason",
         "message": "Message Data", "source": {"component": "kubelet", "host": "Node1"},
         "involvedObject": {"kind": "Deployment", "name": "Deployment Name", "fieldPath": "spec.containers{foo}"}}
    e.update(fields)
    return e


@pytest.mark.parametrize(("obj", "want"), [
    (event(firstTimestamp=ago(3 * D), lastTimestamp=ago(2 * D), count=6), ["2d", "3d", 6]),
    (event(eventTime=timeutil.rfc3339_micro(NOW - 3 * D), lastTimestamp=ago(3 * D), count=1), ["3d", "3d", 1]),
    (event(eventTime=timeutil.rfc3339_micro(NOW - 3 * D), firstTimestamp=ago(3 * D), count=1), ["3d", "3d", 1]),
    (event(eventTime=timeutil.rfc3339_micro(NOW - 3 * D), count=1), ["3d", "3d", 1]),
    (event(eventTime=timeutil.rfc3339_micro(NOW - 3 * D),
           series={"count": 2, "lastObservedTime": timeutil.rfc3339_micro(NOW - 2 * D)}), ["2d", "3d", 2]),
    (event(eventTime=timeutil.rfc3339_micro(NOW - 3 * D)), ["3d", "3d", 1]),
    (event(), ["<unknown>", "<unknown>", 1]),
])
def test_print_event_times_and_count(obj, want):
    """TestPrintEvent: LAST SEEN falls back to FIRST SEEN, FIRST SEEN to eventTime; a series wins."""
    cells = ROWS["Event"](obj, NOW)
    assert [cells[0], cells[7], cells[8]] == want
    assert cells[1:7] == ["Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                          "kubelet, Node1", "Message Data"]


def test_print_event_source_falls_back_to_reporting_controller():
    """An empty source uses reportingController and reportingInstance."""
    e = event(source={}, reportingController="kubelet", reportingInstance="test")
    assert ROWS["Event"](e, NOW)[5] == "kubelet, test"


def test_print_namespace():
    """TestPrintNamespace: phase and age, empty phase and <unknown> age when unset."""
    assert ROWS["Namespace"]({"metadata": {"name": "namespace1", "creationTimestamp": ago(-1.9)},
                              "status": {"phase": "FooStatus"}}, NOW) == ["namespace1", "FooStatus", "0s"]
    assert ROWS["Namespace"]({"metadata": {"name": "namespace2"}}, NOW) == ["namespace2", "", "<unknown>"]


def test_format_label_selector():
    """matchLabels and matchExpressions sorted by key; <none> for nil or empty."""
    sel = {"matchLabels": {"z": "1"}, "matchExpressions": [
        {"key": "b", "operator": "In", "values": ["y", "x"]}, {"key": "a", "operator": "Exists"},
        {"key": "c", "operator": "DoesNotExist"}, {"key": "d", "operator": "NotIn", "values": ["v"]}]}
    assert format_label_selector(sel) == "a,b in (x,y),!c,d notin (v),z=1"
    assert format_label_selector(None) == "<none>"
    assert format_label_selector({}) == "<none>"


# --- whole tables: the tutorial's outputs (adjusted for v1.33) and real kubectl v1.33 output ---

def running_pod(name, age, labels=None, ip="", node="", namespace="default", restarts=0):
    return {"metadata": {"name": name, "namespace": namespace, "creationTimestamp": ago(age), "labels": labels or {}},
            "spec": {"containers": [{"name": "nginx"}], "nodeName": node},
            "status": {"phase": "Running", "podIP": ip,
                       "containerStatuses": [cs(True, restarts, RUNNING)]}}


def test_tutorial_get_pods():
    """`kubectl get pods` right after creating nginx-manual."""
    assert print_table("Pod", [running_pod("nginx-manual", 25)], NOW) == """\
NAME           READY   STATUS    RESTARTS   AGE
nginx-manual   1/1     Running   0          25s
"""


def test_tutorial_get_pods_show_labels():
    """`kubectl get pod --show-labels`: <none> or sorted k=v pairs."""
    pods = [running_pod("nginx-manual", 142 * M),
            running_pod("nginx-manual-v2", 10, {"rel": "beta", "creation_method": "manual"})]
    assert print_table("Pod", pods, NOW, show_labels=True) == """\
NAME              READY   STATUS    RESTARTS   AGE    LABELS
nginx-manual      1/1     Running   0          142m   <none>
nginx-manual-v2   1/1     Running   0          10s    creation_method=manual,rel=beta
"""


def test_tutorial_get_pods_label_columns_keeps_padding_of_a_missing_last_label():
    """`kubectl get pod -L creation_method,rel`: a missing label is an empty cell, still padded."""
    pods = [running_pod("nginx-manual", 85, {"creation_method": "manual"}),
            running_pod("nginx-manual-v2", 5 * M + 26, {"creation_method": "manual", "rel": "stable"})]
    assert print_table("Pod", pods, NOW, label_columns=["creation_method", "rel"]) == (
        "NAME              READY   STATUS    RESTARTS   AGE     CREATION_METHOD   REL\n"
        "nginx-manual      1/1     Running   0          85s     manual            \n"
        "nginx-manual-v2   1/1     Running   0          5m26s   manual            stable\n")


def test_label_column_header_is_the_last_path_segment():
    """-L app.kubernetes.io/name heads its column NAME."""
    out = print_table("Pod", [running_pod("web", 5, {"app.kubernetes.io/name": "web"})], NOW,
                      label_columns=["app.kubernetes.io/name"])
    assert out.splitlines()[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "NAME"]


def test_tutorial_get_nodes_v133():
    """`kubectl get nodes`: ROLES control-plane or <none>, VERSION from nodeInfo."""
    info = {"kubeletVersion": "v1.33.1"}
    nodes = [node("kubesphere01", "True", labels={"node-role.kubernetes.io/control-plane": ""}, info=info),
             node("kubesphere02", "True", info=info), node("kubesphere03", "True", info=info)]
    for n in nodes:
        n["metadata"]["creationTimestamp"] = ago(66 * D)
    assert print_table("Node", nodes, NOW) == """\
NAME           STATUS   ROLES           AGE   VERSION
kubesphere01   Ready    control-plane   66d   v1.33.1
kubesphere02   Ready    <none>          66d   v1.33.1
kubesphere03   Ready    <none>          66d   v1.33.1
"""


def test_tutorial_get_pods_wide():
    """`kubectl get pods -o wide` after scheduling on labelled nodes."""
    pods = [running_pod("mysql-ds-4stkh", 8 * M + 10, ip="10.20.177.125", node="kubesphere03"),
            running_pod("mysql-ds-jt4f2", 8 * M + 10, ip="10.20.138.44", node="kubesphere02"),
            running_pod("tomcat-ssd-vv7g6", 43, ip="10.20.138.45", node="kubesphere02")]
    assert print_table("Pod", pods, NOW, wide=True) == """\
NAME               READY   STATUS    RESTARTS   AGE     IP              NODE           NOMINATED NODE   READINESS GATES
mysql-ds-4stkh     1/1     Running   0          8m10s   10.20.177.125   kubesphere03   <none>           <none>
mysql-ds-jt4f2     1/1     Running   0          8m10s   10.20.138.44    kubesphere02   <none>           <none>
tomcat-ssd-vv7g6   1/1     Running   0          43s     10.20.138.45    kubesphere02   <none>           <none>
"""


def batch_job(age, succeeded=0, start=None, done=None):
    status = {"succeeded": succeeded}
    if start is not None:
        status["startTime"] = ago(start)
    if done is not None:
        status["completionTime"] = ago(done)
        status["conditions"] = [{"type": "Complete", "status": "True"}]
    return {"metadata": {"name": "batch-job", "namespace": "default", "creationTimestamp": ago(age)},
            "spec": {"completions": 1, "parallelism": 1, "template": TEMPLATE}, "status": status}


def test_tutorial_get_jobs_v133():
    """`kubectl get jobs` while running and once complete, with the v1.30+ STATUS column."""
    assert print_table("Job", [batch_job(6, start=6)], NOW) == """\
NAME        STATUS    COMPLETIONS   DURATION   AGE
batch-job   Running   0/1           6s         6s
"""
    assert print_table("Job", [batch_job(124, 1, start=124, done=87)], NOW) == """\
NAME        STATUS     COMPLETIONS   DURATION   AGE
batch-job   Complete   1/1           37s        2m4s
"""


def test_tutorial_get_pods_container_creating_and_completed():
    """A pulling pod is 0/1 ContainerCreating; a finished job pod is 0/1 Completed."""
    creating = pod("batch-job-fw78q", phase="Pending", statuses=[cs(state=waiting("ContainerCreating"))])
    creating["metadata"]["creationTimestamp"] = ago(10)
    done = pod("batch-job-fw78q", phase="Succeeded", statuses=[cs(state=terminated("Completed"))])
    done["metadata"]["creationTimestamp"] = ago(42)
    assert print_table("Pod", [creating], NOW) == """\
NAME              READY   STATUS              RESTARTS   AGE
batch-job-fw78q   0/1     ContainerCreating   0          10s
"""
    assert print_table("Pod", [done], NOW) == """\
NAME              READY   STATUS      RESTARTS   AGE
batch-job-fw78q   0/1     Completed   0          42s
"""


def test_get_rs_and_namespaces():
    """`kubectl get rs` and `kubectl get namespaces`."""
    rs = {"metadata": {"name": "nginx", "creationTimestamp": ago(113)}, "spec": {"replicas": 3},
          "status": {"replicas": 3, "readyReplicas": 3}}
    assert print_table("ReplicaSet", [rs], NOW) == """\
NAME    DESIRED   CURRENT   READY   AGE
nginx   3         3         3       113s
"""
    nss = [{"metadata": {"name": n, "creationTimestamp": ago(66 * D)}, "status": {"phase": "Active"}}
           for n in ("default", "kube-node-lease", "kube-public", "kube-system")]
    assert print_table("Namespace", nss, NOW) == """\
NAME              STATUS   AGE
default           Active   66d
kube-node-lease   Active   66d
kube-public       Active   66d
kube-system       Active   66d
"""


def test_all_namespaces_show_kind_and_restarts_ago():
    """-A adds NAMESPACE; show_kind prefixes pod/; restarts show `4 (20s ago)` (real kubectl layout)."""
    p = running_pod("x", 10, namespace="kube-system")
    p["status"]["containerStatuses"] = [cs(True, 4, RUNNING, last_finished=20)]
    assert print_table("Pod", [running_pod("nginx", 142 * M), p], NOW, all_namespaces=True, show_kind=True) == """\
NAMESPACE     NAME        READY   STATUS    RESTARTS      AGE
default       pod/nginx   1/1     Running   0             142m
kube-system   pod/x       1/1     Running   4 (20s ago)   10s
"""


def test_cluster_scoped_kinds_get_no_namespace_column():
    """`kubectl get nodes -A` has no NAMESPACE column; show_kind gives node/<name>; no headers."""
    n = node("kubesphere01", "True", info={"kubeletVersion": "v1.33.1"})
    n["metadata"]["creationTimestamp"] = ago(66 * D)
    assert print_table("Node", [n], NOW, all_namespaces=True, show_kind=True, no_headers=True) == (
        "node/kubesphere01   Ready   <none>   66d   v1.33.1\n")


def test_replicaset_kind_prefix_and_wide():
    """show_kind uses the group: replicaset.apps/nginx; wide adds template cells."""
    rs = {"metadata": {"name": "nginx", "creationTimestamp": ago(113)},
          "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}},
                   "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.9.1"}]}}},
          "status": {"replicas": 3, "readyReplicas": 3}}
    assert print_table("ReplicaSet", [rs], NOW, wide=True, show_kind=True) == """\
NAME                    DESIRED   CURRENT   READY   AGE    CONTAINERS   IMAGES        SELECTOR
replicaset.apps/nginx   3         3         3       113s   nginx        nginx:1.9.1   app=nginx
"""


def test_events_table_cuts_multiline_messages():
    """`kubectl get events`: OBJECT is kind/name; a message is cut at its first newline with `...`."""
    e = {"metadata": {"name": "nginx.1", "namespace": "default"}, "involvedObject": {"kind": "Pod", "name": "nginx"},
         "type": "Normal", "reason": "Pulled", "message": "Container image \"nginx\" already present\non machine",
         "lastTimestamp": ago(2 * M), "firstTimestamp": ago(10 * M), "count": 3,
         "source": {"component": "kubelet", "host": "node1"}}
    assert print_table("Event", [e], NOW) == """\
LAST SEEN   TYPE     REASON   OBJECT      MESSAGE
2m          Normal   Pulled   pod/nginx   Container image "nginx" already present...
"""
    assert print_table("Event", [e], NOW, wide=True) == (
        "LAST SEEN   TYPE     REASON   OBJECT      SUBOBJECT   SOURCE           MESSAGE"
        "                                      FIRST SEEN   COUNT   NAME\n"
        "2m          Normal   Pulled   pod/nginx               kubelet, node1   Container image \"nginx\" "
        "already present...   10m          3       nginx.1\n")


def test_daemonset_and_job_tables():
    """DaemonSet NODE SELECTOR and a terminating Job with no start time (real kubectl layout)."""
    ds = {"metadata": {"name": "mysql-ds", "creationTimestamp": ago(73)},
          "spec": {"template": {"spec": {"nodeSelector": {"disk1": "ssd1", "a": "b"}}}},
          "status": {"desiredNumberScheduled": 2, "currentNumberScheduled": 2, "numberReady": 1,
                     "updatedNumberScheduled": 2, "numberAvailable": 1}}
    assert print_table("DaemonSet", [ds], NOW) == """\
NAME       DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR    AGE
mysql-ds   2         2         1       2            1           a=b,disk1=ssd1   73s
"""
    gone = job("gone", created=60 * M, completions=10, deletionTimestamp=ago(60))
    assert print_table("Job", [gone], NOW) == """\
NAME   STATUS        COMPLETIONS   DURATION   AGE
gone   Terminating   0/10                     60m
"""


def test_several_kinds_like_get_pods_rs():
    """`kubectl get pods,rs,jobs`: kind prefixes, a blank line between tables, nothing for no jobs."""
    rs = {"metadata": {"name": "nginx", "creationTimestamp": ago(113)}, "spec": {"replicas": 3},
          "status": {"replicas": 3, "readyReplicas": 3}}
    pods = [running_pod("nginx-manual", 142 * M)]
    assert print_tables([("Pod", pods), ("ReplicaSet", [rs]), ("Job", [])], NOW) == """\
NAME               READY   STATUS    RESTARTS   AGE
pod/nginx-manual   1/1     Running   0          142m

NAME                    DESIRED   CURRENT   READY   AGE
replicaset.apps/nginx   3         3         3       113s
"""
    assert print_tables([("Pod", pods), ("ReplicaSet", [rs])], NOW, no_headers=True) == (
        "pod/nginx-manual   1/1   Running   0     142m\n"
        "replicaset.apps/nginx   3     3     3     113s\n")
    assert print_tables([("Job", []), ("ReplicaSet", [rs])], NOW) == """\
NAME    DESIRED   CURRENT   READY   AGE
nginx   3         3         3       113s
"""


def test_empty_list_prints_nothing():
    """No rows, no header."""
    assert print_table("Pod", [], NOW) == ""


@pytest.mark.parametrize(("obj", "want"), [
    ({"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "nginx-manual"}}, "pod/nginx-manual"),
    ({"kind": "ReplicaSet", "apiVersion": "apps/v1", "metadata": {"name": "nginx"}}, "replicaset.apps/nginx"),
    ({"kind": "Job", "apiVersion": "batch/v1", "metadata": {"name": "x"}}, "job.batch/x"),
    ({"kind": "Deployment", "apiVersion": "apps/v1", "metadata": {"name": "web"}}, "deployment.apps/web"),
])
def test_name_line(obj, want):
    """-o name: lower-case kind, group when not core."""
    assert name_line(obj) == want


def test_name_line_with_operation():
    """The `<type>/<name> <operation>` form used by create, label and friends."""
    assert name_line({"kind": "Job", "metadata": {"name": "pi"}}, "created") == "job.batch/pi created"


def test_printing_100_pods_is_fast():
    """A 100-pod table prints in under 2 ms (best of several runs, so a busy machine does not flake)."""
    pods = [running_pod(f"nginx-{i:03d}", i * 7, {"app": "nginx"}, ip=f"10.0.0.{i}", node="node1") for i in range(100)]
    best = float("inf")
    for _ in range(15):
        start = time.perf_counter()
        print_table("Pod", pods, NOW, wide=True)
        best = min(best, time.perf_counter() - start)
    assert best < 0.002
