"""Deleting a namespace: its pods go first, then everything else, then the namespace itself."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=NOW)
    pg.cluster.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo"}})
    pg.cluster.create({
        "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web", "namespace": "demo"},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}})
    pg.cluster.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "solo", "namespace": "demo"},
                       "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}})
    pg.advance(60)
    return pg


def conditions(pg: Playground) -> dict[str, tuple[str, str, str]]:
    ns = pg.cluster.get("Namespace", None, "demo")
    return {c["type"]: (c["status"], c["reason"], c["message"]) for c in ns["status"]["conditions"]}


def test_delete_namespace_terminates_pods_then_goes(pg: Playground) -> None:
    """kubectl delete ns demo: Terminating while its pods shut down, then gone with everything in it."""
    pg.cluster.delete("Namespace", None, "demo")
    ns = pg.cluster.get("Namespace", None, "demo")
    assert ns["status"]["phase"] == "Terminating"
    demo_pods = pg.cluster.list("Pod", "demo")
    assert len(demo_pods) == 3
    assert all(p["metadata"].get("deletionTimestamp") for p in demo_pods)
    assert pg.cluster.list("ReplicaSet", "demo") != []  # pods first (OrderedNamespaceDeletion)
    pg.advance(60)
    assert pg.cluster.get("Namespace", None, "demo") is None
    assert pg.cluster.list("Pod", "demo") == []
    assert pg.cluster.list("ReplicaSet", "demo") == []
    assert pg.cluster.list("Event", "demo") == []


def test_terminating_namespace_reports_what_remains(pg: Playground) -> None:
    """status.conditions while waiting: the upstream reasons and messages."""
    pg.cluster.delete("Namespace", None, "demo")
    assert conditions(pg) == {
        "NamespaceDeletionDiscoveryFailure": ("False", "ResourcesDiscovered",
                                              "All resources successfully discovered"),
        "NamespaceDeletionGroupVersionParsingFailure": ("False", "ParsedGroupVersions",
                                                        "All legacy kube types successfully parsed"),
        "NamespaceDeletionContentFailure": ("False", "ContentDeleted",
                                            "All content successfully deleted, may be waiting on finalization"),
        "NamespaceContentRemaining": ("True", "SomeResourcesRemain",
                                      "Some resources are remaining: pods. has 3 resource instances"),
        "NamespaceFinalizersRemaining": ("False", "ContentHasNoFinalizers",
                                         "All content-preserving finalizers finished"),
    }


def test_other_namespaces_are_untouched(pg: Playground) -> None:
    """Only the deleted namespace is emptied."""
    pg.cluster.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "keep"},
                       "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}})
    pg.cluster.delete("Namespace", None, "demo")
    pg.advance(60)
    keep = pg.cluster.get("Pod", "default", "keep")
    assert keep is not None and not keep["metadata"].get("deletionTimestamp")
    assert len(pg.cluster.list("Pod", "kube-system")) > 0


def test_empty_namespace_goes_at_once() -> None:
    """A namespace with nothing in it is removed as soon as it is deleted."""
    pg = Playground.new(seed=0, now=NOW)
    pg.cluster.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "empty"}})
    pg.cluster.delete("Namespace", None, "empty")
    assert pg.cluster.get("Namespace", None, "empty") is None
