"""The garbage collector: background, foreground and orphan propagation, and dangling owner references."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def rs(name: str = "nginx", replicas: int = 2) -> dict:
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": name},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}}


def pod(name: str, owners: list[dict] | None = None) -> dict:
    meta: dict = {"name": name, "labels": {"app": "loose"}}
    if owners:
        meta["ownerReferences"] = owners
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}


def ref(obj: dict, controller: bool = False, block: bool = False) -> dict:
    out = {"apiVersion": obj["apiVersion"], "kind": obj["kind"], "name": obj["metadata"]["name"],
           "uid": obj["metadata"]["uid"]}
    if controller:
        out["controller"] = True
    if block:
        out["blockOwnerDeletion"] = True
    return out


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=NOW)
    pg.cluster.create(rs())
    pg.advance(60)
    return pg


def pods(pg: Playground, app: str = "nginx") -> list[dict]:
    return pg.cluster.list("Pod", "default", selector=f"app={app}")


def test_background_deletes_dependents_after_the_owner(pg: Playground) -> None:
    """Background: the owner goes at once, then its pods are deleted."""
    pg.cluster.delete("ReplicaSet", "default", "nginx")
    assert pg.cluster.get("ReplicaSet", "default", "nginx") is None
    assert all(p["metadata"].get("deletionTimestamp") for p in pods(pg))
    pg.advance(60)
    assert pods(pg) == []


def test_foreground_waits_for_dependents(pg: Playground) -> None:
    """Foreground: the owner stays (foregroundDeletion finalizer) until its blocking pods are gone."""
    pg.cluster.delete("ReplicaSet", "default", "nginx", propagation="Foreground")
    owner = pg.cluster.get("ReplicaSet", "default", "nginx")
    assert owner["metadata"]["finalizers"] == ["foregroundDeletion"]
    assert owner["metadata"].get("deletionTimestamp")
    assert all(p["metadata"].get("deletionTimestamp") for p in pods(pg))
    assert len(pods(pg)) == 2  # the controller does not replace pods of an owner being deleted
    pg.advance(60)
    assert pods(pg) == []
    assert pg.cluster.get("ReplicaSet", "default", "nginx") is None


def test_orphan_keeps_dependents_without_the_reference(pg: Playground) -> None:
    """Orphan: references to the owner are removed from its pods, then the owner goes."""
    pg.cluster.delete("ReplicaSet", "default", "nginx", propagation="Orphan")
    assert pg.cluster.get("ReplicaSet", "default", "nginx") is None
    pg.advance(60)
    left = pods(pg)
    assert len(left) == 2
    assert all("ownerReferences" not in p["metadata"] for p in left)
    assert all(not p["metadata"].get("deletionTimestamp") for p in left)


def test_dangling_reference_is_collected() -> None:
    """An object whose only owner does not exist (wrong uid) is deleted."""
    pg = Playground.new(seed=0, now=NOW)
    ghost = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
             "metadata": {"name": "ghost", "uid": "00000000-0000-4000-8000-000000000000"}}
    pg.cluster.create(pod("stray", [ref(ghost)]))
    stray = pg.cluster.get("Pod", "default", "stray")
    assert stray is None or stray["metadata"].get("deletionTimestamp")


def test_one_live_owner_keeps_the_dependent(pg: Playground) -> None:
    """Two owners, one deleted: the dependent stays and loses only the dead reference."""
    keeper = pg.cluster.create(rs("keeper", replicas=0))
    doomed = pg.cluster.create(rs("doomed", replicas=0))
    pg.cluster.create(pod("shared", [ref(keeper), ref(doomed)]))
    pg.cluster.delete("ReplicaSet", "default", "doomed")
    shared = pg.cluster.get("Pod", "default", "shared")
    assert not shared["metadata"].get("deletionTimestamp")
    assert [r["name"] for r in shared["metadata"]["ownerReferences"]] == ["keeper"]


def test_foreground_ignores_non_blocking_dependents_for_the_wait() -> None:
    """A dependent without blockOwnerDeletion is deleted but does not hold the owner back."""
    pg = Playground.new(seed=0, now=NOW)
    owner = pg.cluster.create(rs("owner", replicas=0))
    pg.cluster.create(pod("loose", [ref(owner)]))
    pg.advance(30)
    pg.cluster.delete("ReplicaSet", "default", "owner", propagation="Foreground")
    assert pg.cluster.get("ReplicaSet", "default", "owner") is None
    loose = pg.cluster.get("Pod", "default", "loose")
    assert loose is None or loose["metadata"].get("deletionTimestamp")
