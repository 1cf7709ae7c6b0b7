"""``kubectl apply``: create, ``unchanged``, ``configured`` with a three-way merge, the last-applied
annotation as kubectl writes it, immutable fields, and the patches the real kubectl 1.33 computes."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from cluster_core.kubectl.printers.gofmt import to_json as go_json
from cluster_core.kubectl.verbs.patch import strategic_merge, three_way_patch
from cluster_core.kubectl.verbs.replace import last_applied
from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
POD = MANIFESTS["nginx-manual"]


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("nginx-manual.yaml", POD)
    return pg


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def test_apply_creates_then_is_unchanged(pg):
    """First apply creates the pod; applying the same file again changes nothing."""
    assert run(pg, "kubectl apply -f nginx-manual.yaml") == ("pod/nginx-manual created\n", "", 0)
    pg.advance(30)
    rv = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["resourceVersion"]
    assert run(pg, "kubectl apply -f nginx-manual.yaml") == ("pod/nginx-manual unchanged\n", "", 0)
    assert pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["resourceVersion"] == rv


def test_last_applied_annotation_is_kubectls(pg):
    """The annotation is the manifest's compact sorted JSON with the namespace and ``annotations: {}``."""
    run(pg, "kubectl apply -f nginx-manual.yaml")
    ann = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["annotations"][LAST_APPLIED]
    assert ann == ('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx-manual",'
                   '"namespace":"default"},"spec":{"containers":[{"image":"nginx:1.9.1","name":"nginx","ports":'
                   '[{"containerPort":80,"protocol":"TCP"}]}]}}\n')


def test_changed_image_is_configured_and_removed_labels_go(pg):
    """Editing the image configures the pod; a label dropped from the file is dropped from the pod."""
    pg.write_file("nginx-manual.yaml", POD.replace("  name: nginx-manual\n",
                                                   "  name: nginx-manual\n  labels:\n    a: b\n    c: d\n"))
    run(pg, "kubectl apply -f nginx-manual.yaml")
    run(pg, "kubectl label pod nginx-manual by-hand=yes")
    pg.write_file("nginx-manual.yaml", POD.replace("nginx:1.9.1", "nginx:1.25")
                  .replace("  name: nginx-manual\n", "  name: nginx-manual\n  labels:\n    a: b\n"))
    assert run(pg, "kubectl apply -f nginx-manual.yaml") == ("pod/nginx-manual configured\n", "", 0)
    pod = pg.cluster.get("Pod", "default", "nginx-manual")
    assert pod["spec"]["containers"][0]["image"] == "nginx:1.25"
    assert pod["metadata"]["labels"] == {"a": "b", "by-hand": "yes"}


def test_immutable_change_is_the_servers_invalid_error(pg):
    """A new container port cannot be applied to a pod: the server's Forbidden, printed with its diff."""
    run(pg, "kubectl apply -f nginx-manual.yaml")
    pg.write_file("nginx-manual.yaml", POD.replace("containerPort: 80", "containerPort: 8080"))
    out, err, code = run(pg, "kubectl apply -f nginx-manual.yaml")
    assert (out, code) == ("", 1)
    assert err.startswith('The Pod "nginx-manual" is invalid: spec: Forbidden: pod updates may not change fields '
                          "other than `spec.containers[*].image`,")
    assert "- \t\t\t\t\tContainerPort: 80,\n+ \t\t\t\t\tContainerPort: 8080,\n" in err


def test_force_recreates_on_an_immutable_change(pg):
    """apply --force deletes the pod, waits until it is gone, creates it again: ``configured``."""
    run(pg, "kubectl apply -f nginx-manual.yaml")
    pg.advance(30)
    uid = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["uid"]
    pg.write_file("nginx-manual.yaml", POD.replace("containerPort: 80", "containerPort: 8080"))
    assert run(pg, "kubectl apply --force -f nginx-manual.yaml") == ("pod/nginx-manual configured\n", "", 0)
    pod = pg.cluster.get("Pod", "default", "nginx-manual")
    assert pod["metadata"]["uid"] != uid
    assert pod["spec"]["containers"][0]["ports"][0]["containerPort"] == 8080


def test_apply_to_a_pod_created_without_the_annotation_warns(pg):
    """``create`` without --save-config, then apply: kubectl's warning, and the annotation is added."""
    run(pg, "kubectl create -f nginx-manual.yaml")
    assert run(pg, "kubectl apply -f nginx-manual.yaml") == (
        "pod/nginx-manual configured\n",
        "Warning: resource pods/nginx-manual is missing the kubectl.kubernetes.io/last-applied-configuration "
        "annotation which is required by kubectl apply. kubectl apply should only be used on resources created "
        "declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be "
        "patched automatically.\n", 0)
    assert LAST_APPLIED in pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["annotations"]
    assert run(pg, "kubectl apply -f nginx-manual.yaml") == ("pod/nginx-manual unchanged\n", "", 0)


def test_dry_run_client_does_not_write(pg):
    """--dry-run=client: ``created (dry run)`` for a new object, ``configured (dry run)`` for an existing one."""
    assert run(pg, "kubectl apply -f nginx-manual.yaml --dry-run=client") == (
        "pod/nginx-manual created (dry run)\n", "", 0)
    assert pg.cluster.get("Pod", "default", "nginx-manual") is None
    run(pg, "kubectl apply -f nginx-manual.yaml")
    assert run(pg, "kubectl apply -f nginx-manual.yaml --dry-run=client") == (
        "pod/nginx-manual configured (dry run)\n", "", 0)
    assert run(pg, "kubectl apply -f nginx-manual.yaml --dry-run=server") == (
        "pod/nginx-manual unchanged (server dry run)\n", "", 0)


def test_several_objects_and_output_name(pg):
    """A directory applies each file in name order; -o name prints kind/name only."""
    pg.write_file("dir/a.yaml", POD)
    pg.write_file("dir/b.yaml", MANIFESTS["nginx-rs"])
    assert run(pg, "kubectl apply -f dir/ -o name") == ("pod/nginx-manual\nreplicaset.apps/nginx\n", "", 0)
    assert run(pg, "kubectl apply -f dir/") == (
        "pod/nginx-manual unchanged\nreplicaset.apps/nginx unchanged\n", "", 0)


def test_unknown_field_is_a_strict_decoding_error(pg):
    """--validate=strict (the default): the server refuses an unknown field, quoting the file."""
    pg.write_file("bad.yaml", POD.replace("      name: nginx\n", "      name: nginx\n      imagee: x\n"))
    assert run(pg, "kubectl apply -f bad.yaml") == (
        "", 'Error from server (BadRequest): error when creating "bad.yaml": Pod in version "v1" cannot be handled '
            'as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n', 1)
    out, err, code = run(pg, "kubectl apply -f bad.yaml --validate=false")
    assert (out, err, code) == ("pod/nginx-manual created\n", "", 0)


@pytest.mark.parametrize(("line", "err"), [
    ("kubectl apply", "error: must specify one of -f and -k\n"),
    ("kubectl apply x -f nginx-manual.yaml",
     "error: Unexpected args: [x]\nSee 'kubectl apply -h' for help and examples\n"),
    ("kubectl apply -f nope.yaml", 'error: the path "nope.yaml" does not exist\n'),
    ("kubectl apply -f nginx-manual.yaml --server-side --dry-run=client",
     "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n"),
    ("kubectl apply -f nginx-manual.yaml --force-conflicts", "error: --force-conflicts only works with --server-side\n"),
    ("kubectl apply -f nginx-manual.yaml --dry-run=server --force",
     "error: --dry-run=server cannot be used with --force\n"),
    ("kubectl apply -f nginx-manual.yaml --validate=bogus",
     'error: invalid - validate option "bogus"; must be one of: strict (or true), warn, ignore (or false)\n'),
    ("kubectl apply -f nginx-manual.yaml --all -l a=b", "error: cannot set --all and --selector at the same time\n"),
])
def test_flag_errors(pg, line, err):
    """Wrong invocations give the real client's words (checked against kubectl 1.33)."""
    assert run(pg, line) == ("", err, 1)


def test_generate_name_and_missing_name(pg):
    """apply needs a name: generateName and nameless manifests are refused as kubectl does."""
    pg.write_file("gen.yaml", POD.replace("  name: nginx-manual\n", "  generateName: foo-\n"))
    assert run(pg, "kubectl apply -f gen.yaml") == ("", "error: from foo-: cannot use generate name with apply\n", 1)
    pg.write_file("noname.yaml", POD.replace("  name: nginx-manual\n", "  labels: {a: b}\n"))
    assert run(pg, "kubectl apply -f noname.yaml") == (
        "", 'error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", '
            'GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "default"\nfrom server for: "noname.yaml": '
            "resource name may not be empty\n", 1)


def test_view_last_applied(pg):
    """apply view-last-applied prints the annotation as YAML, or indented JSON with -o json."""
    run(pg, "kubectl apply -f nginx-manual.yaml")
    out, _, _ = run(pg, "kubectl apply view-last-applied pod/nginx-manual")
    assert out.startswith("apiVersion: v1\nkind: Pod\nmetadata:\n  annotations: {}\n  name: nginx-manual\n")
    out, _, _ = run(pg, "kubectl apply view-last-applied pod/nginx-manual -o json")
    assert out.startswith('{\n  "apiVersion": "v1",\n  "kind": "Pod",\n') and out.endswith("}\n")


def test_help_lists_the_subcommands_like_cobra(pg):
    """``apply --help`` lists its subcommands padded as cobra does and adds the subcommand hint."""
    out, _, _ = run(pg, "kubectl apply --help")
    assert ("Available Commands:\n  edit-last-applied   Edit latest last-applied-configuration annotations of a "
            "resource/object\n") in out
    assert out.endswith('Use "kubectl apply <command> --help" for more information about a given command.\n'
                        'Use "kubectl options" for a list of global command-line options (applies to all '
                        "commands).\n")


# ---------------------------------------------------------------- the three-way patch itself
WEB = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web", "tier": "fe"}},
       "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25", "ports": [{"containerPort": 80}],
                                "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}]}}


def _live() -> dict:
    """The pod as a server keeps it after ``apply`` of WEB in namespace a1: defaults, status, annotation."""
    live = copy.deepcopy(WEB)
    live["metadata"].update({"namespace": "a1", "uid": "u", "resourceVersion": "5",
                             "creationTimestamp": "2026-01-01T00:00:00Z"})
    live["metadata"]["annotations"] = {LAST_APPLIED: last_applied({**WEB, "metadata": {**WEB["metadata"],
                                                                                        "namespace": "a1"}})}
    c = live["spec"]["containers"][0]
    c.update({"imagePullPolicy": "IfNotPresent", "resources": {}, "terminationMessagePath": "/dev/termination-log",
              "terminationMessagePolicy": "File"})
    c["ports"][0]["protocol"] = "TCP"
    live["spec"].update({"dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "nodeName": "node1",
                         "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists",
                                          "effect": "NoExecute", "tolerationSeconds": 300}]})
    live["status"] = {"phase": "Running"}
    return live


def _modified(manifest: dict) -> dict:
    m = copy.deepcopy(manifest)
    m["metadata"]["namespace"] = "a1"
    m["metadata"]["annotations"] = {LAST_APPLIED: last_applied(m)}
    return m


def _without_annotation(patch: dict) -> str:
    patch = copy.deepcopy(patch)
    patch.get("metadata", {}).pop("annotations", None)
    if patch.get("metadata") == {}:
        del patch["metadata"]
    return go_json(patch)


def _edit(**changes) -> dict:
    m = copy.deepcopy(WEB)
    c = m["spec"]["containers"][0]
    if "image" in changes:
        c["image"] = changes["image"]
    if changes.get("drop_tier"):
        del m["metadata"]["labels"]["tier"]
    if changes.get("drop_ports"):
        del c["ports"]
    if "env" in changes:
        c["env"] = changes["env"]
    return m


@pytest.mark.parametrize(("modified", "expected"), [
    (_edit(image="nginx:1.26", drop_tier=True),
     '{"metadata":{"labels":{"tier":null}},"spec":{"$setElementOrder/containers":[{"name":"nginx"}],'
     '"containers":[{"image":"nginx:1.26","name":"nginx"}]}}'),
    (_edit(drop_ports=True, env=[{"name": "C", "value": "1"}, {"name": "B", "value": "2"}]),
     '{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"$setElementOrder/env":'
     '[{"name":"C"},{"name":"B"}],"env":[{"name":"C","value":"1"},{"$patch":"delete","name":"A"}],'
     '"name":"nginx","ports":null}]}}'),
    (_edit(env=[{"name": "B", "value": "2"}, {"name": "A", "value": "1"}]),
     '{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"$setElementOrder/env":'
     '[{"name":"B"},{"name":"A"}],"name":"nginx"}]}}'),
])
def test_three_way_patch_matches_kubectl(modified, expected):
    """The patch equals the one the real kubectl 1.33 sent for the same original, manifest and live pod."""
    live = _live()
    original = json.loads(live["metadata"]["annotations"][LAST_APPLIED])
    patch = three_way_patch(original, _modified(modified), live, "Pod")
    assert _without_annotation(patch) == expected
    assert patch["metadata"]["annotations"][LAST_APPLIED] == last_applied(_modified(modified))


def test_three_way_patch_of_the_same_manifest_is_empty():
    """Applying what was applied before, over server defaults and status, is ``{}``: unchanged."""
    live = _live()
    original = json.loads(live["metadata"]["annotations"][LAST_APPLIED])
    assert three_way_patch(original, _modified(WEB), live, "Pod") == {}


def test_three_way_patch_applied_keeps_server_fields():
    """Merging the patch into the live pod keeps defaults and reorders env as the manifest says."""
    live = _live()
    original = json.loads(live["metadata"]["annotations"][LAST_APPLIED])
    m = _edit(env=[{"name": "C", "value": "1"}, {"name": "B", "value": "2"}], drop_ports=True)
    result = strategic_merge(live, three_way_patch(original, _modified(m), live, "Pod"), "Pod")
    c = result["spec"]["containers"][0]
    assert c["env"] == [{"name": "C", "value": "1"}, {"name": "B", "value": "2"}]
    assert "ports" not in c and c["imagePullPolicy"] == "IfNotPresent"
    assert result["spec"]["nodeName"] == "node1" and result["status"] == {"phase": "Running"}
