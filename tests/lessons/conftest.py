"""Fixtures for the lesson tests: a crafted cluster to check against."""

from __future__ import annotations

import pytest

from cluster_core import Playground
from playground.lessons import settle
from tests.lessons.helpers import NOW, pod


@pytest.fixture(scope="module")
def crafted() -> Playground:
    """nginx-manual Running (creation_method=manual), nginx-v2 Running (rel=beta) in shop,
    nginx-stuck Pending (no node has disk=ssd), kubesphere02 labelled gpu=true, two files."""
    pg = Playground.new(seed=1, now=NOW)
    pg.cluster.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}})
    pg.cluster.create(pod("nginx-manual", {"creation_method": "manual"}))
    pg.cluster.create(pod("nginx-v2", {"creation_method": "manual", "rel": "beta"}, namespace="shop"))
    pg.cluster.create(pod("nginx-stuck", node_selector={"disk": "ssd"}))
    node = pg.cluster.get("Node", None, "kubesphere02")
    node["metadata"]["labels"]["gpu"] = "true"
    pg.cluster.update(node)
    pg.write_file("nginx-manual.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-manual\n")
    pg.write_file("broken.yaml", "kind: Pod\n  name: : x\n")
    settle(pg)
    return pg
