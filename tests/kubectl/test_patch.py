"""``kubectl patch``: strategic merge (containers merged by name), JSON merge and JSON patch, the
server's answers (``patched``, ``(no change)``, its errors), and the patch functions themselves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.kubectl.verbs.patch import (
    PatchError,
    go_json_loads,
    json_merge,
    json_patch,
    strategic_merge,
)
from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("nginx-manual.yaml", MANIFESTS["nginx-manual"])
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(30)
    return pg


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def _pod(pg: Playground) -> dict:
    return pg.cluster.get("Pod", "default", "nginx-manual")


def test_strategic_label_patch_then_no_change(pg):
    """A label patch is ``patched``; the same patch again is ``patched (no change)``."""
    line = """kubectl patch pod nginx-manual -p '{"metadata":{"labels":{"a":"b"}}}'"""
    assert run(pg, line) == ("pod/nginx-manual patched\n", "", 0)
    assert _pod(pg)["metadata"]["labels"] == {"a": "b"}
    rv = _pod(pg)["metadata"]["resourceVersion"]
    assert run(pg, line) == ("pod/nginx-manual patched (no change)\n", "", 0)
    assert _pod(pg)["metadata"]["resourceVersion"] == rv


def test_merge_patch_null_removes(pg):
    """--type=merge with null deletes the key."""
    run(pg, """kubectl patch pod nginx-manual -p '{"metadata":{"labels":{"a":"b","c":"d"}}}'""")
    assert run(pg, """kubectl patch pod nginx-manual --type=merge -p '{"metadata":{"labels":{"a":null}}}'""") == (
        "pod/nginx-manual patched\n", "", 0)
    assert _pod(pg)["metadata"]["labels"] == {"c": "d"}


def test_containers_merge_by_name(pg):
    """Strategic merge finds the container by name: the image changes, its ports stay."""
    assert run(pg, """kubectl patch pod nginx-manual -p """
                   """'{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}'""") == (
        "pod/nginx-manual patched\n", "", 0)
    c = _pod(pg)["spec"]["containers"][0]
    assert (c["image"], c["ports"]) == ("nginx:1.25", [{"containerPort": 80, "protocol": "TCP"}])


def test_yaml_patch_and_output_name(pg):
    """A YAML patch is converted by kubectl; -o name prints kind/name."""
    assert run(pg, "kubectl patch pod nginx-manual -p $'metadata:\\n  labels:\\n    y: z' -o name") == (
        "pod/nginx-manual\n", "", 0)
    assert _pod(pg)["metadata"]["labels"] == {"y": "z"}


def test_json_patch(pg):
    """--type=json replaces by position; a patch that does not apply is ``The request is invalid``."""
    assert run(pg, """kubectl patch pod nginx-manual --type=json -p """
                   """'[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:1.26"}]'""") == (
        "pod/nginx-manual patched\n", "", 0)
    assert _pod(pg)["spec"]["containers"][0]["image"] == "nginx:1.26"
    assert run(pg, """kubectl patch pod nginx-manual --type=json -p '[{"op":"remove","path":"/spec/bogus"}]'""") == (
        "", "The request is invalid\n", 1)


def test_immutable_field_is_the_servers_invalid_error(pg):
    """Patching a pod's ports goes through update validation: Forbidden."""
    _, err, code = run(pg, """kubectl patch pod nginx-manual -p """
                           """'{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":81}]}]}}'""")
    assert code == 1
    assert err.startswith('The Pod "nginx-manual" is invalid: spec: Forbidden: pod updates may not change fields')


@pytest.mark.parametrize(("patch", "err"), [
    ("'{spec:1}'", "Error from server (BadRequest): invalid character 's' looking for beginning of object key "
                   "string\n"),
    ("'{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}'",
     "Error from server: map: map[image:x] does not contain declared merge key: name\n"),
    ("'[]'", "Error from server (BadRequest): json: cannot unmarshal array into Go value of type "
             "map[string]interface {}\n"),
    ("'{\"spec\":{\"activeDeadlineSeconds\":\"x\"}}'",
     'Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal '
     "string into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64\n"),
])
def test_server_errors(pg, patch, err):
    """Bad patch bodies are refused by the server in its own words."""
    assert run(pg, f"kubectl patch pod nginx-manual -p {patch}") == ("", err, 1)


def test_unknown_field_is_a_warning(pg):
    """kubectl patch sends no field validation: the server's default warns and drops the field."""
    assert run(pg, """kubectl patch pod nginx-manual -p '{"spec":{"foo":1}}'""") == (
        "pod/nginx-manual patched (no change)\n", 'Warning: unknown field "spec.foo"\n', 0)


def test_nodes_can_be_patched(pg):
    """The example of ``patch --help``: a node made unschedulable."""
    assert run(pg, """kubectl patch node kubesphere02 -p '{"spec":{"unschedulable":true}}'""") == (
        "node/kubesphere02 patched\n", "", 0)
    assert pg.cluster.get("Node", None, "kubesphere02")["spec"]["unschedulable"] is True


def test_dry_run_client_and_local(pg):
    """--dry-run=client patches in kubectl only; --local -f patches the file's object."""
    assert run(pg, """kubectl patch pod nginx-manual -p '{"metadata":{"labels":{"a":"b"}}}' --dry-run=client""") == (
        "pod/nginx-manual patched (dry run)\n", "", 0)
    assert "labels" not in _pod(pg)["metadata"]
    out, _, code = run(pg, """kubectl patch --local -f nginx-manual.yaml -p '{"metadata":{"labels":{"a":"b"}}}' """
                           "-o yaml")
    assert code == 0 and "  labels:\n    a: b\n  name: nginx-manual\n" in out


@pytest.mark.parametrize(("line", "err"), [
    ("kubectl patch pod nginx-manual",
     "error: must specify --patch or --patch-file containing the contents of the patch\n"),
    ("kubectl patch pod nginx-manual -p {} --patch-file=f", "error: cannot specify --patch and --patch-file together\n"),
    ("kubectl patch pod nginx-manual -p {} --type=foo",
     'error: --type must be one of [json merge strategic], not "foo"\n'),
    ("kubectl patch pod nope -p {}", 'Error from server (NotFound): pods "nope" not found\n'),
    ("kubectl patch pod -p {}", "error: resource(s) were provided, but no name was specified\n"),
    ("kubectl patch pod x --local -p {}", "error: cannot specify --local and server resources\n"),
    ("kubectl patch pod x -p 'a: [x'", "error: unable to parse \"a: [x\": yaml: line 1: did not find expected ',' "
                                       "or ']'\n"),
    ("kubectl patch pod x -p 'a: b: c'",
     'error: unable to parse "a: b: c": yaml: mapping values are not allowed in this context\n'),
])
def test_flag_errors(pg, line, err):
    """Wrong invocations give the real client's words (checked against kubectl 1.33)."""
    assert run(pg, line) == ("", err, 1)


# ---------------------------------------------------------------- the patch functions
@pytest.mark.parametrize(("text", "message"), [
    ("{bad", "invalid character 'b' looking for beginning of object key string"),
    ('{"a":1', "unexpected end of JSON input"),
    ('{"a":}', "invalid character '}' looking for beginning of value"),
    ('{"a":1} x', "invalid character 'x' after top-level value"),
    ('{"a" 1}', "invalid character '1' after object key"),
    ('[1 2]', "invalid character '2' after array element"),
    ('{"a":tru}', "invalid character '}' in literal true (expecting 'e')"),
])
def test_go_json_syntax_errors(text, message):
    """Go's encoding/json syntax errors, which the server returns for a malformed patch."""
    with pytest.raises(PatchError) as e:
        go_json_loads(text)
    assert str(e.value) == message


def test_strategic_merge_puts_new_list_items_first():
    """A new container is placed before the existing ones, as kubectl run --overrides shows."""
    pod = {"kind": "Pod", "spec": {"containers": [{"name": "x", "image": "nginx"}]}}
    out = strategic_merge(pod, {"spec": {"containers": [{"name": "y", "image": "busybox"}]}}, "Pod")
    assert [c["name"] for c in out["spec"]["containers"]] == ["y", "x"]


def test_strategic_merge_directives():
    """$patch: delete removes an element; $patch: replace replaces the list; tolerations are atomic."""
    pod = {"kind": "Pod", "spec": {"containers": [{"name": "a"}, {"name": "b"}],
                                   "tolerations": [{"key": "k1", "operator": "Exists"}]}}
    out = strategic_merge(pod, {"spec": {"containers": [{"name": "a", "$patch": "delete"}],
                                         "tolerations": [{"key": "k2", "operator": "Exists"}]}}, "Pod")
    assert out["spec"] == {"containers": [{"name": "b"}], "tolerations": [{"key": "k2", "operator": "Exists"}]}
    out = strategic_merge(pod, {"spec": {"containers": [{"$patch": "replace"}, {"name": "c"}]}}, "Pod")
    assert out["spec"]["containers"] == [{"name": "c"}]


def test_json_merge_and_json_patch():
    """RFC 7386 and RFC 6902 on plain data; a replace of a missing map key adds it (json-patch v4)."""
    assert json_merge({"a": {"b": 1, "c": 2}, "d": [1]}, {"a": {"b": None}, "d": [2]}) == {"a": {"c": 2}, "d": [2]}
    doc = {"a": [1, 2], "b": {}}
    assert json_patch(doc, [{"op": "add", "path": "/a/-", "value": 3}, {"op": "replace", "path": "/b/x",
                                                                         "value": 1}]) == {"a": [1, 2, 3], "b": {"x": 1}}
    with pytest.raises(PatchError):
        json_patch(doc, [{"op": "remove", "path": "/zz"}])
