"""``kubectl replace``: a PUT of the whole object (immutable fields refused by the server), and
``replace --force``: delete, wait until the old object is gone, create (the tutorial's way)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from tests.engine.tutorial_manifests import MANIFESTS

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
POD = MANIFESTS["nginx-manual"]


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("nginx-manual.yaml", POD)
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(30)
    return pg


def run(pg: Playground, line: str) -> tuple[str, str, int, float]:
    """stdout, stderr, exit code, and how much simulated time the command let pass."""
    t0 = pg.clock.now
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code, pg.clock.now - t0


def _full_manifest(pg: Playground, image: str) -> None:
    """``kubectl get -o yaml > full.yaml`` and a new image: the complete spec replace needs."""
    pg.execute("kubectl get pod nginx-manual -o yaml > full.yaml")
    pg.write_file("full.yaml", pg.read_file("full.yaml").replace("image: nginx:1.9.1", f"image: {image}"))


def test_replace_with_a_new_image(pg):
    """The complete object with a new image (one of the few pod fields a PUT may change): ``replaced``."""
    _full_manifest(pg, "nginx:1.25")
    assert run(pg, "kubectl replace -f full.yaml") == ("pod/nginx-manual replaced\n", "", 0, 0)
    assert pg.cluster.get("Pod", "default", "nginx-manual")["spec"]["containers"][0]["image"] == "nginx:1.25"


def test_replace_with_the_bare_manifest_is_forbidden(pg):
    """The manifest alone lacks what the server filled in (nodeName...): a PUT of it changes the spec."""
    pg.write_file("nginx-manual.yaml", POD.replace("nginx:1.9.1", "nginx:1.25"))
    out, err, code, _ = run(pg, "kubectl replace -f nginx-manual.yaml")
    assert (out, code) == ("", 1)
    assert '- \tNodeName:                     "kubesphere02",\n+ \tNodeName:                     "",\n' in err


def test_replace_with_new_ports_is_forbidden(pg):
    """Changing the ports of a pod by PUT: the server's Forbidden with the spec diff."""
    pg.write_file("nginx-manual.yaml", POD.replace("containerPort: 80", "containerPort: 8080"))
    out, err, code, _ = run(pg, "kubectl replace -f nginx-manual.yaml")
    assert (out, code) == ("", 1)
    assert err.startswith('The Pod "nginx-manual" is invalid: spec: Forbidden: pod updates may not change fields '
                          "other than `spec.containers[*].image`,")


def test_force_deletes_waits_and_creates(pg):
    """Step 1.6: ``replace --force`` prints the deletion, waits for the pod to go, then ``replaced``."""
    uid = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["uid"]
    pg.write_file("nginx-manual.yaml", POD.replace("containerPort: 80", "containerPort: 8080"))
    out, err, code, waited = run(pg, "kubectl replace --force -f nginx-manual.yaml")
    assert (out, err, code) == ('pod "nginx-manual" deleted\npod/nginx-manual replaced\n', "", 0)
    assert waited > 0
    pod = pg.cluster.get("Pod", "default", "nginx-manual")
    assert pod["metadata"]["uid"] != uid
    assert pod["spec"]["containers"][0]["ports"] == [{"containerPort": 8080, "protocol": "TCP"}]


def test_force_of_a_missing_object_only_creates(pg):
    """Nothing to delete (NotFound is ignored): only the ``replaced`` line."""
    pg.write_file("other.yaml", POD.replace("name: nginx-manual", "name: other"))
    assert run(pg, "kubectl replace --force -f other.yaml") == ("pod/other replaced\n", "", 0, 0)


def test_force_with_grace_period_zero_waits_like_one(pg):
    """--grace-period=0 is turned into 1 by replace, so the old pod is still waited for."""
    out, _, code, waited = run(pg, "kubectl replace --force --grace-period=0 -f nginx-manual.yaml")
    assert (out, code) == ('pod "nginx-manual" deleted\npod/nginx-manual replaced\n', 0)
    assert 0 < waited <= 2


def test_replace_of_a_missing_object(pg):
    """Without --force a missing object is NotFound, with the file name as kubectl adds it."""
    pg.write_file("other.yaml", POD.replace("name: nginx-manual", "name: other"))
    assert run(pg, "kubectl replace -f other.yaml") == (
        "", 'Error from server (NotFound): error when replacing "other.yaml": pods "other" not found\n', 1, 0)


def test_stale_resource_version_conflicts(pg):
    """A manifest carrying an old resourceVersion is refused with the server's Conflict."""
    pg.write_file("stale.yaml", POD.replace("  name: nginx-manual\n", '  name: nginx-manual\n  resourceVersion: "1"\n'))
    _, err, code, _ = run(pg, "kubectl replace -f stale.yaml")
    assert code == 1
    assert err == ('Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled '
                   'on pods "nginx-manual": the object has been modified; please apply your changes to the latest '
                   "version and try again\n")


def test_save_config_and_a_present_annotation_are_refreshed(pg):
    """--save-config writes the last-applied annotation; one already in the file is rewritten to match."""
    _full_manifest(pg, "nginx:1.25")
    assert run(pg, "kubectl replace --save-config -f full.yaml")[:3] == ("pod/nginx-manual replaced\n", "", 0)
    ann = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["annotations"][LAST_APPLIED]
    assert ann.startswith('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"creationTimestamp":')
    pg.execute("kubectl get pod nginx-manual -o yaml > again.yaml")
    pg.write_file("again.yaml", pg.read_file("again.yaml").replace("image: nginx:1.25", "image: nginx:1.26"))
    run(pg, "kubectl replace -f again.yaml")
    ann = pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["annotations"][LAST_APPLIED]
    assert '"image":"nginx:1.26"' in ann and '"image":"nginx:1.25"' not in ann


def test_dry_run_client(pg):
    """--dry-run=client prints the line and changes nothing."""
    _full_manifest(pg, "nginx:1.25")
    assert run(pg, "kubectl replace -f full.yaml --dry-run=client") == (
        "pod/nginx-manual replaced (dry run)\n", "", 0, 0)
    assert pg.cluster.get("Pod", "default", "nginx-manual")["spec"]["containers"][0]["image"] == "nginx:1.9.1"


@pytest.mark.parametrize(("line", "err"), [
    ("kubectl replace", "error: must specify one of -f and -k\n"),
    ("kubectl replace --grace-period=3", "error: must specify one of -f and -k\n"),
    ("kubectl replace --grace-period=3 -f nginx-manual.yaml", "error: --grace-period must have --force specified\n"),
    ("kubectl replace --timeout=3s -f nginx-manual.yaml", "error: --timeout must have --force specified\n"),
    ("kubectl replace -f nginx-manual.yaml --validate=bogus",
     'error: invalid - validate option "bogus"; must be one of: strict (or true), warn, ignore (or false)\n'),
])
def test_flag_errors(pg, line, err):
    """Wrong invocations give the real client's words (checked against kubectl 1.33)."""
    assert run(pg, line) == ("", err, 1, 0)


def test_help_layout(pg):
    """``replace --help`` keeps the indented ``$ kubectl get TYPE NAME -o yaml`` line of the long text."""
    out, _, _, _ = run(pg, "kubectl replace --help")
    assert out.startswith("Replace a resource by file name or stdin.\n\n JSON and YAML formats are accepted. If "
                          "replacing an existing resource, the complete resource spec must be provided. This can be "
                          "obtained by\n\n        $ kubectl get TYPE NAME -o yaml\n\nExamples:\n")
