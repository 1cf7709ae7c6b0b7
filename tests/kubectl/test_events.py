"""``kubectl events`` (v1.33): the table sorted by last-seen time, ``--for``, ``--types``, ``-A``,
``-o`` printing the typed EventList, ``-w``, and the command's exact messages."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cluster_core import timeutil
from cluster_core.kubectl.verbs.events import event_time, interval, sort_events
from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS

T0 = datetime(2026, 1, 1, tzinfo=UTC).timestamp()


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    for name in ("nginx-manual", "nginx-rs", "nginx-gpu"):
        pg.write_file(f"{name}.yaml", MANIFESTS[name])
    return pg


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


NGINX_MANUAL_ROWS = """\
80s         Normal   Scheduled   Pod/nginx-manual   Successfully assigned default/nginx-manual to kubesphere02
79s         Normal   Pulling     Pod/nginx-manual   Pulling image "nginx:1.9.1"
75s         Normal   Pulled      Pod/nginx-manual   Successfully pulled image "nginx:1.9.1" in 3.108s (3.108s including waiting). Image size: 42564785 bytes.
75s         Normal   Created     Pod/nginx-manual   Created container: nginx
75s         Normal   Started     Pod/nginx-manual   Started container nginx
"""


def test_no_events(pg):
    """Nothing recorded yet: kubectl's message on stderr, exit 0."""
    assert run(pg, "kubectl events") == ("", "No events found in default namespace.\n", 0)
    assert run(pg, "kubectl events -A") == ("", "No events found.\n", 0)
    assert run(pg, "kubectl events -n kube-system") == ("", "No events found in kube-system namespace.\n", 0)


def test_table_after_step_1_2(pg):
    """The pod's five events, oldest first, OBJECT as ``Kind/name`` (not lower-cased)."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(80)
    assert run(pg, "kubectl events") == (
        "LAST SEEN   TYPE     REASON      OBJECT             MESSAGE\n" + NGINX_MANUAL_ROWS, "", 0)
    assert run(pg, "kubectl events --no-headers")[0] == NGINX_MANUAL_ROWS.replace("80s         ", "80s   ").replace(
        "79s         ", "79s   ").replace("75s         ", "75s   ")


def test_for_types_and_all_namespaces(pg):
    """--for keeps one object's events; --types=warning (any case) the warnings; -A adds NAMESPACE."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(50)
    pg.execute("kubectl create -f nginx-gpu.yaml")
    pg.execute("kubectl create -f nginx-rs.yaml")
    pg.advance(30)
    assert run(pg, "kubectl events --for pod/nginx-manual")[0] == (
        "LAST SEEN   TYPE     REASON      OBJECT             MESSAGE\n" + NGINX_MANUAL_ROWS)
    warning = ("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
               "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 "
               "Preemption is not helpful for scheduling.")
    assert run(pg, "kubectl events --types=warning") == (
        "LAST SEEN   TYPE      REASON             OBJECT          MESSAGE\n"
        f"30s         Warning   FailedScheduling   Pod/nginx-gpu   {warning}\n", "", 0)
    assert run(pg, "kubectl events -A --types=Warning,warning")[0] == (
        "NAMESPACE   LAST SEEN   TYPE      REASON             OBJECT          MESSAGE\n"
        f"default     30s         Warning   FailedScheduling   Pod/nginx-gpu   {warning}\n")
    rows = run(pg, "kubectl events --for=ReplicaSet/nginx")[0].split("\n")[1:-1]
    pods = pg.execute("kubectl get pods -l app=nginx -o name").stdout.replace("pod/", "").split()
    assert sorted(rows) == [f"30s         Normal   SuccessfulCreate   ReplicaSet/nginx   Created pod: {n}"
                            for n in pods]
    assert run(pg, "kubectl events --for pod/nobody") == ("", "No events found in default namespace.\n", 0)


def test_whole_list_is_sorted_by_last_seen(pg):
    """With many events (Go's pdqsort, not stable) the rows still go from oldest to newest."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(50)
    pg.execute("kubectl create -f nginx-rs.yaml")
    pg.advance(30)
    events = pg.server.list("Event", "default")
    assert len(events) > 12
    ordered = sort_events(events)
    times = [event_time(e) for e in ordered]
    assert times == sorted(times)
    rows = run(pg, "kubectl events")[0].split("\n")[1:-1]
    assert [r.split()[3] for r in rows] == [
        f"{e['involvedObject']['kind']}/{e['involvedObject']['name']}" for e in ordered]


def _record(pg: Playground, obj: dict, reason: str, message: str, type_: str = "Warning") -> None:
    pg.server.record_event(obj, type_, reason, message, {"component": "kubelet", "host": "kubesphere02"})


def test_repeated_events_show_count_and_span(pg):
    """A repeated event: ``<since last> (x<count> over <since first>)``, sorted by its last time."""
    pg.execute("kubectl create -f nginx-gpu.yaml")
    pod = pg.server.get("Pod", "default", "nginx-gpu")
    for _ in range(4):
        _record(pg, pod, "BackOff", "Back-off pulling image")
        pg.advance(20)
    _record(pg, pod, "Pulling", "Pulling image", "Normal")
    pg.advance(150)
    assert run(pg, "kubectl events --for pod/nginx-gpu")[0].split("\n")[2:] == [
        "2m50s (x4 over 3m50s)   Warning   BackOff            Pod/nginx-gpu   Back-off pulling image",
        "2m30s                   Normal    Pulling            Pod/nginx-gpu   Pulling image", ""]


def test_interval_prefers_series_and_event_time():
    """getInterval: an events.k8s.io series wins; eventTime is the first time when set."""
    ev = {"eventTime": timeutil.rfc3339_micro(T0), "series": {"count": 4, "lastObservedTime":
                                                              timeutil.rfc3339_micro(T0 + 50)}}
    assert interval(ev, T0 + 60) == "10s (x4 over 60s)"
    assert interval({"firstTimestamp": None}, T0) == "<unknown>"
    assert event_time({"eventTime": timeutil.rfc3339_micro(T0)}) == T0


@pytest.mark.parametrize("line, stderr", [
    ("kubectl events --types=foo", "error: valid --types are Normal or Warning\n"),
    ("kubectl events --for=pod", "error: --for must be in resource/name form\n"),
    ("kubectl events --for=a/b/c", "error: arguments in resource/name form may not have more than one slash\n"),
    ("kubectl events --for=foo/x", 'the server doesn\'t have a resource type "foo"\n'),
    ("kubectl events -o foo", 'error: unable to match a printer suitable for the output format "foo", allowed '
     "formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
     "templatefile,yaml\n"),
    ("kubectl events -o jsonpath", "error: template format specified but no template given\n"),
    ("kubectl events --watch=maybe", 'error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: '
     "parsing \"maybe\": invalid syntax\nSee 'kubectl events --help' for usage.\n"),
])
def test_messages(pg, line, stderr):
    """kubectl's texts, exit 1; an unknown --for type is the RESTMapper's error, without ``error: ``."""
    assert run(pg, line) == ("", stderr, 1)


def test_output_formats(pg):
    """-o name prints nothing; -o json is typed (Go field order), -o yaml sorted, -o jsonpath over the EventList."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(10)
    # The NamePrinter refuses the typed EventList and kubectl ignores that error: nothing, exit 0
    # (what kubectl 1.33 does).
    assert run(pg, "kubectl events -o name") == ("", "", 0)
    out = run(pg, "kubectl events -o json")[0]
    data = json.loads(out)
    assert list(data) == ["kind", "apiVersion", "metadata", "items"]
    assert (data["kind"], data["metadata"], len(data["items"])) == ("EventList", {}, 5)
    first = data["items"][0]
    assert list(first)[:6] == ["kind", "apiVersion", "metadata", "involvedObject", "reason", "message"]
    assert list(first["involvedObject"]) == ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion"]
    assert out.startswith('{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": {},\n')
    yaml_out = run(pg, "kubectl events -o yaml --for pod/nginx-manual")[0]
    assert yaml_out.startswith("apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n  eventTime: null\n")
    assert yaml_out.endswith("kind: EventList\nmetadata: {}\n")
    assert run(pg, "kubectl events -o jsonpath='{.items[*].reason}'")[0] == "Scheduled Pulling Pulled Created Started"


def test_watch_prints_existing_then_new_events(pg):
    """-w: the events there are, then each new one as the kubelet records it, the header once and the
    columns as wide as the first rows made them; the terminal stops it (Ctrl-C: exit 1)."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    r = pg.execute("kubectl events -w")
    assert (r.stdout, r.exit_code) == (
        "LAST SEEN   TYPE     REASON      OBJECT             MESSAGE\n"
        "0s          Normal   Scheduled   Pod/nginx-manual   Successfully assigned default/nginx-manual to kubesphere02\n"
        '0s          Normal   Pulling     Pod/nginx-manual   Pulling image "nginx:1.9.1"\n'
        '0s          Normal   Pulled      Pod/nginx-manual   Successfully pulled image "nginx:1.9.1" in 3.108s (3.108s '
        "including waiting). Image size: 42564785 bytes.\n"
        "0s          Normal   Created     Pod/nginx-manual   Created container: nginx\n"
        "0s          Normal   Started     Pod/nginx-manual   Started container nginx\n", 1)


def test_watch_repeats_a_repeated_event(pg):
    """A repeated event is printed again when its count goes up (a MODIFIED watch event), with the
    column widths the tabwriter remembers growing for the wider cell."""
    pg.execute("kubectl create -f nginx-gpu.yaml")
    pod = pg.server.get("Pod", "default", "nginx-gpu")
    _record(pg, pod, "BackOff", "Back-off pulling image")
    first = pg.start("kubectl events -w --for pod/nginx-gpu --types=Normal,Warning").stdout
    pg.advance(10)
    _record(pg, pod, "BackOff", "Back-off pulling image")
    _record(pg, pod, "Pulling", "Pulling image", "Normal")
    later = pg.poll().stdout
    assert pg.interrupt().exit_code == 1
    assert first.split("\n")[0] == "LAST SEEN   TYPE      REASON             OBJECT          MESSAGE"
    assert first.split("\n")[2] == "0s          Warning   BackOff            Pod/nginx-gpu   Back-off pulling image"
    assert later == ("0s (x2 over 10s)   Warning   BackOff            Pod/nginx-gpu   Back-off pulling image\n"
                     "0s                 Normal    Pulling            Pod/nginx-gpu   Pulling image\n")


def test_help_matches_kubectl():
    """``kubectl events --help``: kubectl 1.33's text (long help, examples, options, usage)."""
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    out = pg.execute("kubectl events --help").stdout
    assert out.startswith("Display events.\n\n Prints a table of the most important information about events. You "
                          "can request events for a namespace, for all namespace, or filtered to only those "
                          "pertaining to a specified resource.\n\nExamples:\n  # List recent events in the default "
                          "namespace\n  kubectl events\n  \n")
    assert "    --types=[]:\n\tOutput only events of given types.\n\n    -w, --watch=false:\n" in out
    assert out.endswith("Usage:\n  kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|"
                        "templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] "
                        "[--types=Normal,Warning] [options]\n\nUse \"kubectl options\" for a list of global "
                        "command-line options (applies to all commands).\n")
