"""Fixtures for the lesson tests: a crafted cluster to check against, and lesson-file helpers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core import Playground
from playground.lessons import settle
from playground.lessons.checks import Check, Env, parse_check
from playground.lessons.yamlsource import load

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def pod(name: str, labels: dict | None = None, namespace: str = "default", image: str = "nginx:1.9.1",
        node_selector: dict | None = None) -> dict:
    meta: dict = {"name": name, "namespace": namespace}
    if labels:
        meta["labels"] = labels
    spec: dict = {"containers": [{"name": "nginx", "image": image}]}
    if node_selector:
        spec["nodeSelector"] = node_selector
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}


@pytest.fixture(scope="module")
def crafted() -> Playground:
    """nginx-manual Running (creation_method=manual), nginx-v2 Running (rel=beta) in shop,
    nginx-stuck Pending (no node has disk=ssd), kubesphere02 labelled gpu=true, a file."""
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


def check(text: str) -> Check:
    """A check from the YAML a lesson file would hold."""
    m = load(text)
    return parse_check(m, m.line)


def verdict(text: str, pg: Playground, history: list[str] | None = None) -> tuple[bool, str, str]:
    r = check(text).evaluate(Env(pg, history or []))
    return r.passed, r.message["en"], r.message["zh-Hans"]
