"""``kubectl wait``: conditions, jsonpath, delete and create, one shared deadline, kubectl v1.33's
messages, and the long-running protocol (the terminal advances a manual clock to ``wake_at``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cluster_core.kubectl.verbs.wait import condition_met, jsonpath_met, split_jsonpath_input
from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    for name in ("nginx-manual", "nginx-rs", "nginx-gpu", "batch-job"):
        pg.write_file(f"{name}.yaml", MANIFESTS[name])
    return pg


def run(pg: Playground, line: str) -> tuple[str, str, int, float]:
    """stdout, stderr, exit code and how much simulated time the command let pass."""
    t0 = pg.clock.now
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code, pg.clock.now - t0


def test_ready_right_after_create(pg):
    """Step 1.2: the pod becomes Ready within seconds; wait returns then, not at the timeout."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    out, err, code, waited = run(pg, "kubectl wait --for=condition=Ready pod/nginx-manual --timeout=60s")
    assert (out, err, code) == ("pod/nginx-manual condition met\n", "", 0)
    assert 0 < waited <= 10


def test_already_met_returns_at_once(pg):
    """A condition that already holds is reported without any time passing (case-insensitive names)."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(30)
    assert run(pg, "kubectl wait --for=condition=ready pod/nginx-manual") == (
        "pod/nginx-manual condition met\n", "", 0, 0)
    assert run(pg, "kubectl wait --for=condition=Ready=false pod/nginx-manual --timeout=0")[1:3] == (
        "error: condition not met for pods/nginx-manual\n", 1)


def test_timeout_is_reported_at_the_deadline(pg):
    """An unschedulable pod never gets Ready: the error comes exactly when --timeout runs out."""
    pg.execute("kubectl create -f nginx-gpu.yaml")
    assert run(pg, "kubectl wait --for=condition=Ready pod/nginx-gpu --timeout=10s") == (
        "", "error: timed out waiting for the condition on pods/nginx-gpu\n", 1, 10)
    assert run(pg, "kubectl wait --for=condition=Ready pod/nginx-gpu")[2:] == (1, 30)


def test_selector_waits_for_each_in_name_order(pg):
    """``-l app=nginx``: the ReplicaSet's three pods, one line each as they get there."""
    pg.execute("kubectl create -f nginx-rs.yaml")
    names = pg.execute("kubectl get pods -o name").stdout.split()
    out, err, code, waited = run(pg, "kubectl wait --for=condition=Ready pods -l app=nginx")
    assert (out, err, code) == ("".join(f"{n} condition met\n" for n in names), "", 0)
    assert 0 < waited < 30


def test_one_deadline_for_all_and_errors_without_prefix(pg):
    """--all: after one resource times out the shared deadline has passed, so the rest time out too;
    several errors print one per line without ``error: `` (kubectl's MultipleErrors)."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(30)
    pg.execute("kubectl create -f nginx-gpu.yaml")
    assert run(pg, "kubectl wait --for=condition=Ready pods --all --timeout=5s") == (
        "", "timed out waiting for the condition on pods/nginx-gpu\n"
            "timed out waiting for the condition on pods/nginx-manual\n", 1, 5)


def test_job_complete(pg):
    """The tutorial's batch-job: ``job.batch/batch-job condition met`` once the Job completes."""
    pg.execute("kubectl create -f batch-job.yaml")
    out, err, code, waited = run(pg, "kubectl wait --for=condition=Complete job/batch-job --timeout=300s")
    assert (out, err, code) == ("job.batch/batch-job condition met\n", "", 0)
    assert 30 < waited < 300


def test_jsonpath(pg):
    """--for=jsonpath: the value compared as text, or any value when none is given."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    out, err, code, waited = run(pg, "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/nginx-manual")
    assert (out, code) == ("pod/nginx-manual condition met\n", 0) and 0 < waited <= 10
    assert run(pg, "kubectl wait --for=jsonpath=.status.podIP pod/nginx-manual")[:3] == (
        "pod/nginx-manual condition met\n", "", 0)
    assert run(pg, """kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' """
                   "pod/nginx-manual")[:3] == ("pod/nginx-manual condition met\n", "", 0)
    assert run(pg, "kubectl wait --for=jsonpath='{.status.containerStatuses[0].ready}'=true pod/nginx-manual"
               )[:3] == ("pod/nginx-manual condition met\n", "", 0)


@pytest.mark.parametrize("expr, stderr", [
    ("{.status}", "error: jsonpath leads to a nested object or list which is not supported\n"),
    ("{.status.conditions[*].type}", "error: given jsonpath expression matches more than one value\n"),
    ("{.status.conditions[*].type}{.status.phase}", None),
])
def test_jsonpath_errors_stop_the_wait(pg, expr, stderr):
    """A value kubectl cannot compare ends the wait at once with its error."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(30)
    out, err, code, waited = run(pg, f"kubectl wait --for=jsonpath='{expr}'=x pod/nginx-manual")
    if stderr is None:  # two expressions are rejected by the relaxed-path check before anything runs
        stderr = ("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
                  "'{.name1.name2}'\n")
    assert (out, err, code, waited) == ("", stderr, 1, 0)


def test_delete(pg):
    """--for=delete: ``condition met`` when the pod is gone; a pod that is not there is no error."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(30)
    pg.execute("kubectl delete pod nginx-manual --wait=false")
    out, err, code, waited = run(pg, "kubectl wait --for=delete pod/nginx-manual --timeout=60s")
    assert (out, err, code) == ("pod/nginx-manual condition met\n", "", 0)
    assert 0 < waited <= 30
    assert run(pg, "kubectl wait --for=delete pod/nginx-manual") == ("", "", 0, 0)


def test_delete_timeout_and_zero(pg):
    """A pod nobody deletes: the timeout error, or ``condition not met`` with --timeout=0."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    assert run(pg, "kubectl wait --for=delete pod/nginx-manual --timeout=3s") == (
        "", "error: timed out waiting for the condition on pods/nginx-manual\n", 1, 3)
    assert run(pg, "kubectl wait --for=delete pod/nginx-manual --timeout=0") == (
        "", "error: condition not met for pods/nginx-manual\n", 1, 0)


def test_delete_after_the_deadline_fails_in_the_client(pg):
    """--for=delete on several pods: once the shared deadline has passed, IsDeleted's GET runs on an
    expired context and client-go's rate limiter refuses it (what kubectl 1.33 prints)."""
    pg.execute("kubectl create -f nginx-rs.yaml")
    names = pg.execute("kubectl get pods -o name").stdout.split()
    assert run(pg, "kubectl wait --for=delete pods -l app=nginx --timeout=1s") == (
        "", f"timed out waiting for the condition on pods/{names[0].removeprefix('pod/')}\n"
            "client rate limiter Wait returned an error: context deadline exceeded\n"
            "client rate limiter Wait returned an error: context deadline exceeded\n", 1, 1)


def test_create_polls_until_it_exists(pg):
    """--for=create: a background job creates the pod 4 s later; the wait ends on that poll."""
    out, err, code, waited = run(pg, "sleep 4 && kubectl create -f nginx-gpu.yaml & "
                                     "kubectl wait --for=create pod/nginx-gpu --timeout=30s")
    assert out.endswith("pod/nginx-gpu created\npod/nginx-gpu condition met\n")
    assert (err, code, waited) == ("[1] 12345\n", 0, 4)  # bash reports the background job on stderr
    pg.execute("wait")  # collect the background job
    assert run(pg, "kubectl wait --for=create pod/nginx-manual --timeout=2s") == (
        "", "error: timed out waiting for the condition\n", 1, 2)


def test_create_with_two_missing_fails_at_once(pg):
    """Upstream polls only while the finder's error is a single NotFound; two at once end the wait."""
    assert run(pg, "kubectl wait --for=create pod/a pod/b") == (
        "", 'Error from server (NotFound): pods "a" not found\nError from server (NotFound): pods "b" not found\n',
        1, 0)


@pytest.mark.parametrize("line, stderr", [
    ("kubectl wait pod/x", 'error: unrecognized condition: ""\n'),
    ("kubectl wait --for=condition pod/x", 'error: unrecognized condition: "condition"\n'),
    ("kubectl wait --for=jsonpath pod/x", 'error: unrecognized condition: "jsonpath"\n'),
    ("kubectl wait --for=jsonpath={.a}=1=2 pod/x", "error: jsonpath wait format must be "
     "--for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n"),
    ("kubectl wait --for=jsonpath={.a}= pod/x", "error: jsonpath wait has to have a value after equal sign, like "
     "--for=jsonpath='{.status.readyReplicas}'=3\n"),
    ("kubectl wait --for='jsonpath={.a}=\"\"' pod/x", "error: jsonpath wait has to have a value after equal sign, "
     "like --for=jsonpath='{.status.readyReplicas}'=3\n"),
    ("kubectl wait --for=jsonpath= pod/x", "error: jsonpath expression cannot be empty\n"),
    ("kubectl wait --for='jsonpath={.a[}=1' pod/x", "error: unterminated array\n"),
    ("""kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Failed"||@.type=="Complete")].status}=True' """
     "pod/x", "error: unrecognized character in action: U+007C '|'\n"),
    ("kubectl wait --for=condition=Ready -o foo pod/x", 'error: unable to match a printer suitable for the output '
     'format "foo", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,'
     "name,template,templatefile,yaml\n"),
    ("kubectl wait --for=condition=Ready --timeout=abc pod/x", 'error: invalid argument "abc" for "--timeout" flag: '
     "time: invalid duration \"abc\"\nSee 'kubectl wait --help' for usage.\n"),
    ("kubectl wait --for=condition=Ready", "error: You must provide one or more resources by argument or filename.\n"
     "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
     "   '<resource> <name>'\n   '<resource>'\n"),
    ("kubectl wait --for=condition=Ready pods", "error: resource(s) were provided, but no name was specified\n"),
    ("kubectl wait --for=condition=Ready pods -l app=none", "error: no matching resources found\n"),
    ("kubectl wait --for=condition=Ready pod/zz", 'Error from server (NotFound): pods "zz" not found\n'),
    ("kubectl wait --for=condition=Ready pod/zz -l a=b", "error: name cannot be provided when a selector is "
     "specified\n"),
    ("kubectl wait --for=condition=Ready pod/zz -A", "error: a resource cannot be retrieved by name across all "
     "namespaces\n"),
    ("kubectl wait --for=condition=Ready foo/zz", 'error: the server doesn\'t have a resource type "foo"\n'),
    ("kubectl wait --for=condition=Ready pods -l 'a b'", 'Error from server (BadRequest): Unable to find "/v1, '
     'Resource=pods" that match label selector "a b", field selector "": unable to parse requirement: found \'b\', '
     "expected: in, notin, =, ==, !=, gt, lt\n"),
    ("kubectl wait --for=condition=Ready --local pod/zz", "error: you must specify resources by --filename when "
     "--local is set.\n"),
])
def test_messages(pg, line, stderr):
    """kubectl's words and exit code 1, checked in its order (printer, condition, resources)."""
    assert run(pg, line) == ("", stderr, 1, 0)


def test_filename_names_the_objects(pg):
    """-f: the objects the manifests name, fetched from the server when their turn comes."""
    assert run(pg, "kubectl wait --for=condition=Ready -f nginx-manual.yaml") == (
        "", 'Error from server (NotFound): pods "nginx-manual" not found\n', 1, 0)
    pg.execute("kubectl create -f nginx-manual.yaml")
    assert run(pg, "kubectl wait --for=condition=Ready -f nginx-manual.yaml")[:3] == (
        "pod/nginx-manual condition met\n", "", 0)


def test_output_formats(pg):
    """-o name prints ``pod/x``; -o jsonpath the value from the object that met the condition."""
    pg.execute("kubectl create -f nginx-manual.yaml")
    assert run(pg, "kubectl wait --for=condition=Ready pod/nginx-manual -o name")[:3] == ("pod/nginx-manual\n", "", 0)
    assert run(pg, "kubectl wait --for=condition=Ready pod/nginx-manual -o jsonpath='{.status.podIP}'")[:3] == (
        "10.244.1.2", "", 0)


def test_state_round_trip_mid_wait(pg):
    """The waiting command survives to_state/from_state and times out in the restored playground."""
    pg.execute("kubectl create -f nginx-gpu.yaml")
    assert pg.start("kubectl wait --for=condition=Ready pod/nginx-gpu --timeout=20s").running
    pg2 = Playground.from_state(json.loads(json.dumps(pg.to_state())))
    pg2.advance(10)
    assert pg2.poll().running
    pg2.advance(10)
    r = pg2.poll()
    assert (r.running, r.stderr, r.exit_code) == (False, "error: timed out waiting for the condition on "
                                                         "pods/nginx-gpu\n", 1)


def test_ctrl_c(pg):
    """Ctrl-C while watching a resource: kubectl's interrupt handler exits 1; while polling for
    --for=create no handler is installed and SIGINT ends the process (130)."""
    pg.execute("kubectl create -f nginx-gpu.yaml")
    pg.start("kubectl wait --for=condition=Ready pod/nginx-gpu")
    assert pg.interrupt().exit_code == 1
    pg.start("kubectl wait --for=create pod/nobody")
    assert pg.interrupt().exit_code == 130


# --- the checks themselves ------------------------------------------------------------------------


def test_split_jsonpath_input():
    """splitJSONPathInput: ``==`` stays inside the expression, single ``=`` splits (upstream's doc example)."""
    assert split_jsonpath_input("a.b.c====d.e.f===g.h.i===") == ["a.b.c====d.e.f==", "g.h.i==", ""]


def test_condition_of_an_older_generation_does_not_count():
    """observedGeneration below metadata.generation: not met yet, whatever the status says."""
    obj = {"metadata": {"generation": 2}, "status": {"observedGeneration": 1,
                                                     "conditions": [{"type": "Available", "status": "True"}]}}
    assert not condition_met(obj, "available", "true")
    obj["status"]["observedGeneration"] = 2
    assert condition_met(obj, "available", "TRUE")


def test_first_condition_of_the_type_decides():
    """The first matching condition type is the answer, even if a later duplicate would match."""
    obj = {"status": {"conditions": [{"type": "Ready", "status": "False"}, {"type": "Ready", "status": "True"}]}}
    assert not condition_met(obj, "Ready", "true")


def test_jsonpath_missing_value_is_not_met_and_numbers_compare_as_text():
    """No result: keep waiting; ints and bools compare as Go's %v text, spaces trimmed."""
    obj = {"status": {"readyReplicas": 3, "ok": True}}
    assert not jsonpath_met(obj, "{.status.replicas}", "3")
    assert jsonpath_met(obj, "{.status.readyReplicas}", " 3 ")
    assert jsonpath_met(obj, "{.status.ok}", "true")
