"""``kubectl edit``: the object's YAML under kubectl's comment header in the editor pane, applied as a
strategic merge patch on save; invalid changes reopen the editor with the error block, as
``pkg/cmd/util/editor/editoptions.go`` does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS

HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
          "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
          "# reopened with the relevant failures.\n#\n")
FORBIDDEN = ("# pods \"nginx-manual\" was not valid:\n"
             "# * spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
             "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to "
             "existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
             "previously negative)\n#   core.PodSpec{\n")


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("nginx-manual.yaml", MANIFESTS["nginx-manual"])
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(30)
    return pg


def image(pg: Playground, name: str = "nginx-manual") -> str:
    return pg.cluster.get("Pod", "default", name)["spec"]["containers"][0]["image"]


def temp_files(pg: Playground) -> list[str]:
    return [f for f in pg.list_files("/tmp") if f.startswith("kubectl-edit-")]


def open_editor(pg: Playground, line: str = "kubectl edit pod/nginx-manual") -> str:
    r = pg.start(line)
    assert (r.output, r.running) == ("", True)
    return pg.editor(0)["content"]


def test_the_editor_shows_the_header_and_the_object_as_yaml(pg):
    """The buffer is kubectl's header and then exactly `get -o yaml`, in a /tmp/kubectl-edit-*.yaml file."""
    content = open_editor(pg)
    assert content == HEADER + pg.execute("kubectl get pod nginx-manual -o yaml", tab=1).stdout
    view = pg.editor(0)
    assert view["mode"] == "kubectl-edit"
    assert view["path"].startswith("/tmp/kubectl-edit-") and view["path"].endswith(".yaml")
    assert len(view["path"]) == len("/tmp/kubectl-edit-xxxxx.yaml")
    assert pg.read_file(view["path"]) == content


def test_changing_the_image_edits_the_pod(pg):
    """A new image is one of the few pod changes allowed: `pod/nginx-manual edited`, the temp file removed."""
    content = open_editor(pg, "kubectl edit pod nginx-manual")
    r = pg.editor_save(0, content.replace("image: nginx:1.9.1", "image: nginx:1.25"))
    assert (r.stdout, r.stderr, r.exit_code, r.running) == ("pod/nginx-manual edited\n", "", 0, False)
    assert image(pg) == "nginx:1.25"
    assert temp_files(pg) == []
    assert pg.editor(0) is None


def test_cancel_makes_no_changes(pg):
    """Closing the editor unchanged: kubectl's message on stderr, status 0, nothing sent."""
    open_editor(pg)
    r = pg.editor_cancel(0)
    assert (r.stdout, r.stderr, r.exit_code, r.running) == ("", "Edit cancelled, no changes made.\n", 0, False)
    assert temp_files(pg) == []


def test_comments_and_key_order_are_no_change(pg):
    """The comparison is on the data without comments (yaml.ToJSON): reordering keys changes nothing."""
    content = open_editor(pg)
    reordered = content.replace("apiVersion: v1\nkind: Pod\n", "kind: Pod\napiVersion: v1\n# my note\n")
    assert pg.editor_save(0, reordered).stderr == "Edit cancelled, no changes made.\n"


def test_an_empty_file_cancels(pg):
    """Only comments left: kubectl's `saved file was empty`."""
    open_editor(pg)
    r = pg.editor_save(0, "# nothing\n\n")
    assert (r.stderr, r.exit_code, r.running) == ("Edit cancelled, saved file was empty.\n", 0, False)


def test_a_forbidden_change_reopens_the_editor_with_the_error(pg):
    """New ports: `error: pods "x" is invalid`, then the editor again with the causes as comments."""
    content = open_editor(pg)
    first = pg.editor(0)["path"]
    r = pg.editor_save(0, content.replace("containerPort: 80", "containerPort: 8080"))
    assert (r.stdout, r.stderr, r.running) == ("", 'error: pods "nginx-manual" is invalid\n', True)
    view = pg.editor(0)
    assert view["path"] != first
    assert view["content"].startswith(HEADER + FORBIDDEN)
    assert "# - \t\t\t\t\tContainerPort: 80,\n# + \t\t\t\t\tContainerPort: 8080,\n" in view["content"]
    assert "\n#   }\n\n#\napiVersion: v1\nkind: Pod\n" in view["content"]  # the server's message ends in \n
    assert "    - containerPort: 8080\n" in view["content"]
    assert pg.cluster.get("Pod", "default", "nginx-manual")["spec"]["containers"][0]["ports"][0]["containerPort"] == 80


def test_cancel_after_an_error_keeps_a_copy(pg):
    """Unchanged after the error: the copy's path, then kubectl's error, status 1; both files stay."""
    content = open_editor(pg)
    pg.editor_save(0, content.replace("containerPort: 80", "containerPort: 8080"))
    second = pg.editor(0)["path"]
    r = pg.editor_cancel(0)
    assert (r.stderr, r.exit_code, r.running) == (
        f'A copy of your changes has been stored to "{second}"\n'
        "error: Edit cancelled, no valid changes were saved.\n", 1, False)
    assert pg.read_file(second).startswith(HEADER + FORBIDDEN)  # still there for the student to look at
    assert len(temp_files(pg)) == 2


def test_fixing_the_change_after_an_error_applies_it(pg):
    """The reopened file, ports put back and the image changed: edited, and every temp file gone."""
    content = open_editor(pg)
    pg.editor_save(0, content.replace("containerPort: 80", "containerPort: 8080"))
    again = pg.editor(0)["content"]
    fixed = again.replace("containerPort: 8080", "containerPort: 80").replace("nginx:1.9.1", "nginx:1.25")
    r = pg.editor_save(0, fixed)
    assert (r.stdout, r.exit_code, r.running) == ("pod/nginx-manual edited\n", 0, False)
    assert image(pg) == "nginx:1.25"
    assert temp_files(pg) == []


def test_a_syntax_error_reopens_the_editor(pg):
    """YAML that does not parse: no output, the editor again with the parser's words at the top."""
    content = open_editor(pg)
    r = pg.editor_save(0, content.replace("kind: Pod\n", "kind: Pod\n  oops: [\n"))
    assert (r.output, r.running) == ("", True)
    assert pg.editor(0)["content"].startswith(
        HEADER + "# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: "
        "yaml: line 7: mapping values are not allowed in this context\n#\napiVersion: v1\nkind: Pod\n  oops: [\n")


def test_changing_the_name_is_refused(pg):
    """apiVersion, kind and name must stay: kubectl's error after the path of the saved copy."""
    content = open_editor(pg)
    path = pg.editor(0)["path"]
    r = pg.editor_save(0, content.replace("name: nginx-manual\n  namespace", "name: other\n  namespace"))
    assert (r.stderr, r.exit_code, r.running) == (
        f'A copy of your changes has been stored to "{path}"\n'
        "error: At least one of apiVersion, kind and name was changed\n", 1, False)


def test_changing_the_namespace_is_refused(pg):
    """RequireNamespace: the object's namespace must be the command's."""
    content = open_editor(pg)
    r = pg.editor_save(0, content.replace("namespace: default", "namespace: kube-system"))
    assert r.stderr.endswith(
        'error: the namespace from the provided object "kube-system" does not match the namespace "default". '
        "You must pass '--namespace=kube-system' to perform this operation.\n")
    assert r.exit_code == 1


def test_an_unknown_field_is_invalid_under_strict_validation(pg):
    """fieldValidation=Strict: the PATCH is Invalid, the cause quoting the patch as Go prints a map."""
    content = open_editor(pg)
    r = pg.editor_save(0, content.replace("  dnsPolicy:", "  foo: 1\n  dnsPolicy:"))
    assert (r.stderr, r.running) == ('error: pods "nginx-manual" is invalid\n', True)
    assert pg.editor(0)["content"].startswith(
        HEADER + '# pods "nginx-manual" was not valid:\n'
        '# * patch: Invalid value: "map[spec:map[foo:1]]": strict decoding error: unknown field "spec.foo"\n#\n')


def test_an_unknown_field_is_a_warning_with_validate_warn(pg):
    """--validate=warn: the server's warning, the field dropped, the rest applied."""
    content = open_editor(pg, "kubectl edit pod nginx-manual --validate=warn")
    r = pg.editor_save(0, content.replace("  dnsPolicy:", "  foo: 1\n  dnsPolicy:").replace("1.9.1", "1.25"))
    assert (r.stdout, r.stderr, r.exit_code) == ("pod/nginx-manual edited\n", 'Warning: unknown field "spec.foo"\n', 0)


def test_output_patch_and_save_config(pg):
    """--output-patch prints what is sent; --save-config adds the last-applied annotation to it."""
    content = open_editor(pg, "kubectl edit pod nginx-manual --output-patch")
    r = pg.editor_save(0, content.replace("  name: nginx-manual\n", "  labels:\n    app: web\n  name: nginx-manual\n"))
    assert r.stdout == 'Patch: {"metadata":{"labels":{"app":"web"}}}\npod/nginx-manual edited\n'
    content = open_editor(pg, "kubectl edit pod nginx-manual --save-config")
    pg.editor_save(0, content.replace("app: web", "app: api"))
    annotations = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["annotations"]
    assert '"app":"api"' in annotations["kubectl.kubernetes.io/last-applied-configuration"]


def test_o_yaml_prints_the_edited_object(pg):
    """-o yaml sets both the editor's format and the printer of the result."""
    content = open_editor(pg, "kubectl edit pod nginx-manual -o yaml")
    r = pg.editor_save(0, content.replace("nginx:1.9.1", "nginx:1.25"))
    assert r.stdout == pg.execute("kubectl get pod nginx-manual -o yaml", tab=1).stdout


def test_o_json_edits_json_without_a_header(pg):
    """-o json: the buffer is the JSON printer's output; no comment header (it would not be JSON)."""
    content = open_editor(pg, "kubectl edit pod nginx-manual -o json")
    assert content == pg.execute("kubectl get pod nginx-manual -o json", tab=1).stdout
    assert pg.editor(0)["path"].endswith(".json")
    r = pg.editor_save(0, content.replace('"image": "nginx:1.9.1"', '"image": "nginx:1.25"'))
    assert (r.exit_code, image(pg)) == (0, "nginx:1.25")


def test_several_objects_are_edited_as_a_list(pg):
    """`kubectl edit pods`: one List, each item patched and reported in order."""
    pg.execute("kubectl run web --image=nginx:1.9.1")
    content = open_editor(pg, "kubectl edit pods")
    assert content.startswith(HEADER + "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n")
    assert content.endswith("kind: List\nmetadata: {}\n")
    r = pg.editor_save(0, content.replace("image: nginx:1.9.1", "image: nginx:1.25"))
    assert r.stdout == "pod/nginx-manual edited\npod/web edited\n"
    assert (image(pg), image(pg, "web")) == ("nginx:1.25", "nginx:1.25")


def test_an_unchanged_item_of_a_list_is_skipped(pg):
    """Data that differs only in form from the original prints `skipped`."""
    pg.execute("kubectl run web --image=nginx:1.9.1")
    content = open_editor(pg, "kubectl edit pods")
    changed = content.replace("image: nginx:1.9.1\n      imagePullPolicy: IfNotPresent\n      name: nginx\n",
                              "image: nginx:1.25\n      imagePullPolicy: IfNotPresent\n      name: nginx\n")
    changed = changed.replace("  labels:\n      run: web\n", "  labels: {run: web}\n")
    assert changed.count("{run: web}") == 1
    assert pg.editor_save(0, changed).stdout == "pod/nginx-manual edited\npod/web skipped\n"


def test_an_object_deleted_meanwhile(pg):
    """Deleted in another tab while being edited: not found, and where the edits were saved."""
    content = open_editor(pg)
    path = pg.editor(0)["path"]
    pg.execute("kubectl delete pod nginx-manual --grace-period=0 --force", tab=1)
    r = pg.editor_save(0, content.replace("nginx:1.9.1", "nginx:1.25"))
    assert (r.stderr, r.exit_code) == ('error: pods "nginx-manual" could not be found on the server\n'
                                       f'The edits you made on deleted resources have been saved to "{path}"\n', 1)
    assert path.rsplit("/", 1)[1] in pg.list_files("/tmp")


@pytest.mark.parametrize(("line", "stderr"), [
    ("kubectl edit", "error: You must provide one or more resources by argument or filename.\n"
                     "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                     "   '<resource> <name>'\n   '<resource>'\n"),
    ("kubectl edit pod nope", 'Error from server (NotFound): pods "nope" not found\n'),
    ("kubectl edit rs", "error: edit cancelled, no objects found\n"),
    ("kubectl edit pod nginx-manual -o name",
     'error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n'),
    ("kubectl edit pod nginx-manual --subresource=scale",
     'error: invalid subresource value: "scale". Must be one of [status]\n'),
    ("kubectl edit -f nginx-manual.yaml pod",
     "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n"),
])
def test_errors_before_the_editor_opens(pg, line, stderr):
    """Wrong arguments and missing objects: kubectl's error, no editor."""
    r = pg.start(line)
    assert (r.stderr, r.exit_code, r.running) == (stderr, 1, False)
    assert temp_files(pg) == []


def test_edit_by_file_fetches_the_live_object(pg):
    """-f names the object; the editor shows the server's version, not the file."""
    content = open_editor(pg, "kubectl edit -f nginx-manual.yaml")
    assert "nodeName: " in content and content.startswith(HEADER)


def test_the_edit_survives_save_and_load(pg):
    """Between opening and saving, and between an error and the cancel, the playground may be reloaded."""
    content = open_editor(pg)
    pg = Playground.from_state(pg.to_state())
    pg.editor_save(0, content.replace("containerPort: 80", "containerPort: 8080"))
    pg = Playground.from_state(pg.to_state())
    assert pg.editor(0)["content"].startswith(HEADER + FORBIDDEN)
    r = pg.editor_cancel(0)
    assert (r.stderr.splitlines()[-1], r.exit_code) == ("error: Edit cancelled, no valid changes were saved.", 1)
    content = open_editor(pg)
    pg = Playground.from_state(pg.to_state())
    assert pg.editor_save(0, content.replace("nginx:1.9.1", "nginx:1.25")).stdout == "pod/nginx-manual edited\n"


def test_edit_started_in_the_background_stops(pg):
    """`kubectl edit pod x &`: stopped until `fg` brings the editor up."""
    pg.start("kubectl edit pod nginx-manual &")
    assert pg.editor(0) is None
    assert pg.start("fg").running
    assert pg.editor(0)["mode"] == "kubectl-edit"
    assert pg.editor_cancel(0).stderr == "Edit cancelled, no changes made.\n"


def test_ctrl_c_closes_the_editor_unchanged(pg):
    """Ctrl-C in the tab: the editor is closed unsaved; kubectl reports no change."""
    open_editor(pg)
    r = pg.interrupt(0)
    assert (r.output, r.exit_code, r.running) == ("^CEdit cancelled, no changes made.\n", 0, False)


def test_namespace_flag(pg):
    """-n picks the namespace of the object and of the check on it."""
    content = open_editor(pg, "kubectl -n kube-system edit pod kube-proxy-" + _proxy_suffix(pg))
    assert "namespace: kube-system" in content
    assert pg.editor_cancel(0).stderr == "Edit cancelled, no changes made.\n"


def _proxy_suffix(pg: Playground) -> str:
    names = [p["metadata"]["name"] for p in pg.cluster.list("Pod", "kube-system")]
    return next(n for n in names if n.startswith("kube-proxy-"))[len("kube-proxy-"):]
