"""The Deployment controller through the API and the clock: its ReplicaSet, scaling, rolling updates."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cluster_core.api.errors import ApiError
from cluster_core.playground import Playground
from cluster_core.sim.controllers import deployment as dc

NOW = datetime(2026, 1, 1, tzinfo=UTC)
HASH_ALPHABET = set("bcdfghjklmnpqrstvwxz2456789")


def web(replicas: int = 3, image: str = "nginx", **spec: object) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "nginx", "image": image}]}}, **spec}}


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def rss(pg: Playground) -> dict[str, dict]:
    return {rs["metadata"]["name"]: rs for rs in pg.cluster.list("ReplicaSet", "default")}


def live_pods(pg: Playground) -> list[dict]:
    return [p for p in pg.cluster.list("Pod", "default", selector="app=web")
            if not p["metadata"].get("deletionTimestamp")]


def set_image(pg: Playground, image: str) -> None:
    d = pg.cluster.get("Deployment", "default", "web")
    d["spec"]["template"]["spec"]["containers"][0]["image"] = image
    pg.cluster.update(d)


def set_replicas(pg: Playground, n: int) -> None:
    d = pg.cluster.get("Deployment", "default", "web")
    d["spec"]["replicas"] = n
    pg.cluster.update(d)


def scaling_events(pg: Playground) -> list[str]:
    events = sorted(pg.cluster.list("Event", "default"), key=lambda e: int(e["metadata"]["resourceVersion"]))
    return [e["message"] for e in events
            if e["involvedObject"]["kind"] == "Deployment" and e["reason"] == "ScalingReplicaSet"]


def test_server_defaults(pg):
    """Strategy RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, replicas 1."""
    d = web()
    del d["spec"]["replicas"]
    created = pg.cluster.create(d)
    spec = created["spec"]
    assert spec["replicas"] == 1
    assert spec["strategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}}
    assert (spec["revisionHistoryLimit"], spec["progressDeadlineSeconds"]) == (10, 600)
    assert spec["template"]["spec"]["restartPolicy"] == "Always"
    assert spec["template"]["spec"]["containers"][0]["imagePullPolicy"] == "Always"
    assert created["metadata"]["generation"] == 1


def test_selector_must_match_template(pg):
    """The ReplicaSet's messages: selector vs template labels, empty selector, strategy fenceposts."""
    d = web()
    d["spec"]["template"]["metadata"]["labels"] = {"app": "other"}
    with pytest.raises(ApiError) as e:
        pg.cluster.create(d)
    assert e.value.message == ('Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: '
                               'map[string]string{"app":"other"}: `selector` does not match template `labels`')
    d = web(strategy={"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}})
    with pytest.raises(ApiError) as e:
        pg.cluster.create(d)
    assert e.value.message == ('Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid '
                               'value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` '
                               'is 0')


def test_new_replicaset_and_pods(pg):
    """One ReplicaSet <name>-<hash> with the hash label, owner reference and annotations; 3 pods Running."""
    pg.cluster.create(web())
    (name, rs), = rss(pg).items()
    hash_ = rs["metadata"]["labels"]["pod-template-hash"]
    assert name == f"web-{hash_}"
    assert 8 <= len(hash_) <= 10 and set(hash_) <= HASH_ALPHABET
    assert rs["spec"]["selector"] == {"matchLabels": {"app": "web", "pod-template-hash": hash_}}
    assert rs["spec"]["template"]["metadata"]["labels"] == {"app": "web", "pod-template-hash": hash_}
    ref = rs["metadata"]["ownerReferences"][0]
    assert (ref["kind"], ref["name"], ref["controller"], ref["blockOwnerDeletion"]) == ("Deployment", "web", True, True)
    assert rs["metadata"]["annotations"] == {"deployment.kubernetes.io/desired-replicas": "3",
                                             "deployment.kubernetes.io/max-replicas": "4",
                                             "deployment.kubernetes.io/revision": "1"}
    pg.advance(30)
    pods = live_pods(pg)
    assert len(pods) == 3 and all(p["metadata"]["name"].startswith(name + "-") for p in pods)
    assert {p["status"]["phase"] for p in pods} == {"Running"}
    d = pg.cluster.get("Deployment", "default", "web")
    assert d["metadata"]["annotations"] == {"deployment.kubernetes.io/revision": "1"}
    status = {k: v for k, v in d["status"].items() if k != "conditions"}
    assert status == {"availableReplicas": 3, "observedGeneration": 1, "readyReplicas": 3, "replicas": 3,
                      "updatedReplicas": 3}
    assert [(c["type"], c["status"], c["reason"], c["message"]) for c in d["status"]["conditions"]] == [
        ("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
        ("Progressing", "True", "NewReplicaSetAvailable", f'ReplicaSet "{name}" has successfully progressed.')]
    assert scaling_events(pg) == [f"Scaled up replica set {name} from 0 to 3"]


def test_hash_is_stable(pg):
    """The same template gives the same ReplicaSet name in another cluster."""
    pg.cluster.create(web())
    other = Playground.new(seed=7, now=NOW)
    other.cluster.create(web())
    assert list(rss(pg)) == list(rss(other))


def test_status_while_pods_start(pg):
    """Before the pods are ready: unavailable counted, Available False, Progressing ReplicaSetUpdated."""
    pg.cluster.create(web())
    d = pg.cluster.get("Deployment", "default", "web")
    assert d["status"]["unavailableReplicas"] == 3
    assert [(c["type"], c["status"], c["reason"]) for c in d["status"]["conditions"]] == [
        ("Available", "False", "MinimumReplicasUnavailable"), ("Progressing", "True", "ReplicaSetUpdated")]


def test_scale_up_and_down(pg):
    """A replicas change scales the one ReplicaSet and records each step."""
    pg.cluster.create(web())
    pg.advance(30)
    name = next(iter(rss(pg)))
    set_replicas(pg, 5)
    pg.advance(30)
    assert rss(pg)[name]["spec"]["replicas"] == 5 and len(live_pods(pg)) == 5
    set_replicas(pg, 1)
    pg.advance(40)
    assert rss(pg)[name]["spec"]["replicas"] == 1 and len(live_pods(pg)) == 1
    assert rss(pg)[name]["metadata"]["annotations"]["deployment.kubernetes.io/desired-replicas"] == "1"
    assert scaling_events(pg) == [f"Scaled up replica set {name} from 0 to 3",
                                  f"Scaled up replica set {name} from 3 to 5",
                                  f"Scaled down replica set {name} from 5 to 1"]


def test_rolling_update_within_surge_and_unavailable(pg):
    """A new image: a second ReplicaSet takes over within maxSurge 1 and maxUnavailable 1 (4 replicas)."""
    pg.cluster.create(web(4))
    pg.advance(30)
    old = next(iter(rss(pg)))
    set_image(pg, "nginx:1.27")
    assert pg.cluster.get("Deployment", "default", "web")["metadata"]["generation"] == 2
    for _ in range(40):
        sets = rss(pg)
        total = sum(rs["spec"]["replicas"] for rs in sets.values())
        available = sum(rs["status"].get("availableReplicas", 0) for rs in sets.values())
        assert total <= 5 and available >= 3
        pg.advance(1)
    sets = rss(pg)
    (new,) = [n for n in sets if n != old]
    assert (sets[old]["spec"]["replicas"], sets[new]["spec"]["replicas"]) == (0, 4)
    assert sets[new]["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2"
    assert sets[old]["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "1"
    d = pg.cluster.get("Deployment", "default", "web")
    assert d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2"
    assert d["status"]["updatedReplicas"] == 4 and d["status"]["availableReplicas"] == 4
    assert {p["spec"]["containers"][0]["image"] for p in live_pods(pg)} == {"nginx:1.27"}
    assert scaling_events(pg) == [f"Scaled up replica set {old} from 0 to 4",
                                  f"Scaled up replica set {new} from 0 to 1",
                                  f"Scaled down replica set {old} from 4 to 3",
                                  f"Scaled up replica set {new} from 1 to 2",
                                  f"Scaled down replica set {old} from 3 to 2",
                                  f"Scaled up replica set {new} from 2 to 3",
                                  f"Scaled down replica set {old} from 2 to 1",
                                  f"Scaled up replica set {new} from 3 to 4",
                                  f"Scaled down replica set {old} from 1 to 0"]


def test_back_to_an_old_template_reuses_its_replicaset(pg):
    """Going back to the first image scales the first ReplicaSet up again as revision 3."""
    pg.cluster.create(web())
    pg.advance(30)
    first = next(iter(rss(pg)))
    set_image(pg, "nginx:1.27")
    pg.advance(60)
    set_image(pg, "nginx")
    pg.advance(60)
    sets = rss(pg)
    assert len(sets) == 2 and sets[first]["spec"]["replicas"] == 3
    assert sets[first]["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "3"
    assert sets[first]["metadata"]["annotations"]["deployment.kubernetes.io/revision-history"] == "1"


def test_recreate_strategy(pg):
    """Recreate: the old pods go first, then the new ReplicaSet is created."""
    pg.cluster.create(web(2, strategy={"type": "Recreate"}))
    pg.advance(30)
    old = next(iter(rss(pg)))
    set_image(pg, "nginx:1.27")
    assert list(rss(pg)) == [old] and rss(pg)[old]["spec"]["replicas"] == 0
    pg.advance(60)
    sets = rss(pg)
    assert len(sets) == 2 and [rs["spec"]["replicas"] for rs in sets.values()].count(2) == 1
    assert len(live_pods(pg)) == 2


def test_delete_cascades(pg):
    """Deleting the Deployment removes its ReplicaSet and pods (garbage collector)."""
    pg.cluster.create(web())
    pg.advance(30)
    pg.cluster.delete("Deployment", "default", "web")
    pg.advance(60)
    assert rss(pg) == {} and pg.cluster.list("Pod", "default", selector="app=web") == []


def test_saved_mid_rollout_resumes_the_same(pg):
    """A cluster saved in the middle of a rollout finishes exactly as the one that was not saved."""
    pg.cluster.create(web(4))
    pg.advance(30)
    set_image(pg, "nginx:1.27")
    pg.advance(3)
    copy = Playground.from_state(json.loads(json.dumps(pg.to_state())))
    pg.advance(60)
    copy.advance(60)
    assert pg.cluster.list("ReplicaSet", "default") == copy.cluster.list("ReplicaSet", "default")
    assert pg.cluster.list("Deployment", "default") == copy.cluster.list("Deployment", "default")


@pytest.mark.parametrize(("replicas", "surge", "unavailable", "expected"), [
    (3, "25%", "25%", (1, 0)), (4, "25%", "25%", (1, 1)), (10, "25%", "25%", (3, 2)),
    (1, "25%", "25%", (1, 0)), (5, 0, 0, (0, 1)), (2, "50%", "0%", (1, 0))])
def test_fenceposts(replicas, surge, unavailable, expected):
    """ResolveFenceposts: surge rounds up, unavailable rounds down, never both zero."""
    d = web(replicas, strategy={"type": "RollingUpdate",
                                "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable}})
    assert dc.fenceposts(d) == expected


def test_proportional_scaling_mid_rollout(pg):
    """Scaling during a stuck rollout spreads the new replicas over both ReplicaSets (getProportion)."""
    pg.cluster.create(web(10))
    pg.advance(30)
    old = next(iter(rss(pg)))
    set_image(pg, "nginx:nope")
    pg.advance(5)
    (new,) = [n for n in rss(pg) if n != old]
    assert (rss(pg)[old]["spec"]["replicas"], rss(pg)[new]["spec"]["replicas"]) == (8, 5)
    set_replicas(pg, 20)
    assert (rss(pg)[old]["spec"]["replicas"], rss(pg)[new]["spec"]["replicas"]) == (15, 10)
    assert scaling_events(pg)[-2:] == [f"Scaled up replica set {old} from 8 to 15",
                                       f"Scaled up replica set {new} from 5 to 10"]
    assert rss(pg)[new]["metadata"]["annotations"]["deployment.kubernetes.io/max-replicas"] == "25"
