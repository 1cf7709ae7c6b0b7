"""kubectl rollout history, undo, restart, pause and resume of a Deployment, as kubectl 1.33 prints them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

NOW = datetime(2026, 1, 1, tzinfo=UTC)
HASH1 = "6dc5cd68db"  # web's template with image nginx, in this cluster
HASH2 = "99c749dc6"  # and with nginx:1.27

TEMPLATE2 = (f"Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash={HASH2}\n  Containers:\n   nginx:\n"
             "    Image:\tnginx:1.27\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n"
             "    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n")


@pytest.fixture
def pg() -> Playground:
    p = Playground.new(seed=0, now=NOW)
    p.execute("kubectl create deployment web --image=nginx --replicas=3")
    p.advance(60)
    return p


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def _rs(pg: Playground) -> dict[str, tuple[str, int]]:
    """ReplicaSet name -> (revision, replicas)."""
    return {rs["metadata"]["name"]: (rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"],
                                     rs["spec"]["replicas"]) for rs in pg.cluster.list("ReplicaSet", "default")}


def _rolled(pg: Playground) -> Playground:
    run(pg, "kubectl set image deployment/web nginx=nginx:1.27")
    pg.advance(120)
    return pg


def test_history_after_set_image_shows_two_revisions(pg):
    """The table lists revisions 1 and 2 with <none> for the change cause, and the trailing blank line."""
    assert run(pg, "kubectl rollout history deployment/web") == (
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n", "", 0)
    _rolled(pg)
    assert run(pg, "kubectl rollout history deployment/web") == (
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n", "", 0)
    assert _rs(pg) == {f"web-{HASH1}": ("1", 0), f"web-{HASH2}": ("2", 3)}


def test_history_revision_prints_the_template(pg):
    """--revision=N prints that ReplicaSet's pod template (raw tabs), an unknown one is an error."""
    _rolled(pg)
    assert run(pg, "kubectl rollout history deploy/web --revision=2") == (
        f"deployment.apps/web with revision #2\n{TEMPLATE2}\n", "", 0)
    assert run(pg, "kubectl rollout history deploy/web --revision=7") == (
        "", "error: unable to find the specified revision\n", 1)
    assert run(pg, "kubectl rollout history deploy/web -o name") == (
        f"replicaset.apps/web-{HASH1}\nreplicaset.apps/web-{HASH2}\n", "", 0)


def test_change_cause_annotation_shows_in_history(pg):
    """The kubernetes.io/change-cause annotation, copied to the new ReplicaSet, is the CHANGE-CAUSE."""
    run(pg, "kubectl annotate deploy/web kubernetes.io/change-cause='image 1.27'")
    _rolled(pg)
    assert run(pg, "kubectl rollout history deployment/web") == (
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         image 1.27\n2         image 1.27\n\n", "", 0)


def test_undo_brings_back_the_first_template_as_revision_3(pg):
    """Undo copies revision 1's template back; its ReplicaSet scales up again and becomes revision 3."""
    _rolled(pg)
    assert run(pg, "kubectl rollout undo deployment/web") == ("deployment.apps/web rolled back\n", "", 0)
    d = pg.cluster.get("Deployment", "default", "web")
    assert d["spec"]["template"]["metadata"]["labels"] == {"app": "web"}
    assert d["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx"
    pg.advance(120)
    assert _rs(pg) == {f"web-{HASH1}": ("3", 3), f"web-{HASH2}": ("2", 0)}
    assert run(pg, "kubectl rollout history deployment/web") == (
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n", "", 0)


def test_undo_to_revision(pg):
    """--to-revision picks that revision; the current one is skipped; an unknown one is an error."""
    _rolled(pg)
    assert run(pg, "kubectl rollout undo deployment/web --to-revision=2") == (
        "deployment.apps/web skipped rollback (current template already matches revision 2)\n", "", 0)
    assert run(pg, "kubectl rollout undo deployment/web --to-revision=9") == (
        "", "error: unable to find specified revision 9 in history\n", 1)
    assert run(pg, "kubectl rollout undo deployment/web --to-revision=1") == (
        "deployment.apps/web rolled back\n", "", 0)
    pg.advance(120)
    assert _rs(pg) == {f"web-{HASH1}": ("3", 3), f"web-{HASH2}": ("2", 0)}


def test_undo_without_history_and_client_dry_run(pg):
    """One revision only: no history to go back to; a client dry run prints the template it would restore."""
    assert run(pg, "kubectl rollout undo deployment/web") == (
        "", 'error: no rollout history found for deployment "web"\n', 1)
    _rolled(pg)
    out = run(pg, "kubectl rollout undo deployment/web --dry-run=client")
    assert out == (f"deployment.apps/web Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash={HASH1}\n"
                   "  Containers:\n   nginx:\n    Image:\tnginx\n    Port:\t<none>\n    Host Port:\t<none>\n"
                   "    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n"
                   "  Tolerations:\t<none>\n (dry run)\n", "", 0)
    assert pg.cluster.get("Deployment", "default", "web")["metadata"]["generation"] == 2


def test_restart_adds_restarted_at_and_rolls(pg):
    """restartedAt is the simulated now in RFC 3339; a new ReplicaSet takes over as revision 2."""
    pg.advance(40)
    assert run(pg, "kubectl rollout restart deployment/web") == ("deployment.apps/web restarted\n", "", 0)
    d = pg.cluster.get("Deployment", "default", "web")
    assert d["spec"]["template"]["metadata"]["annotations"] == {
        "kubectl.kubernetes.io/restartedAt": "2026-01-01T00:01:40Z"}
    pg.advance(120)
    revisions = sorted(_rs(pg).values())
    assert revisions == [("1", 0), ("2", 3)]


def test_pause_holds_a_rollout_until_resume(pg):
    """A paused Deployment takes a new image without rolling; restart and undo refuse; resume rolls it out."""
    assert run(pg, "kubectl rollout pause deployment/web") == ("deployment.apps/web paused\n", "", 0)
    assert run(pg, "kubectl rollout pause deployment/web") == (
        "", 'error: deployments.apps "web" is already paused\n', 1)
    run(pg, "kubectl set image deployment/web nginx=nginx:1.27")
    pg.advance(60)
    assert _rs(pg) == {f"web-{HASH1}": ("1", 3)}
    assert run(pg, "kubectl rollout restart deployment/web") == (
        "", 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n', 1)
    assert run(pg, "kubectl rollout resume deployment/web") == ("deployment.apps/web resumed\n", "", 0)
    assert run(pg, "kubectl rollout resume deployment/web") == (
        "", 'error: deployments.apps "web" is not paused\n', 1)
    pg.advance(120)
    assert _rs(pg) == {f"web-{HASH1}": ("1", 0), f"web-{HASH2}": ("2", 3)}


def test_kinds_without_history(pg):
    """A ReplicaSet has no history viewer, rollbacker or restarter, as in kubectl."""
    rs = f"rs/web-{HASH1}"
    assert run(pg, f"kubectl rollout history {rs}") == (
        "", 'error: no history viewer has been implemented for "ReplicaSet.apps"\n', 1)
    assert run(pg, f"kubectl rollout undo {rs}") == (
        "", 'error: no rollbacker has been implemented for "ReplicaSet.apps"\n', 1)
    assert run(pg, f"kubectl rollout restart {rs}") == (
        "", f'error: replicasets.apps "web-{HASH1}" restarting is not supported\n', 1)
    assert run(pg, "kubectl rollout history") == ("", "error: required resource not specified\n", 1)


def test_help_matches_the_real_client(pg):
    """The subcommands' help starts as kubectl 1.33's (the whole text is checked by hand)."""
    assert run(pg, "kubectl rollout history --help")[0].startswith(
        "View previous rollout revisions and configurations.\n\nExamples:\n"
        "  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc\n")
    assert run(pg, "kubectl rollout undo --help")[0].startswith(
        "Roll back to a previous rollout.\n\nExamples:\n  # Roll back to the previous deployment\n")
    assert run(pg, "kubectl rollout restart --help")[0].startswith(
        "Restart a resource.\n\n        Resource rollout will be restarted.\n\nExamples:\n")
    assert run(pg, "kubectl rollout pause --help")[0].startswith(
        "Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use "
        '"kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.\n')
