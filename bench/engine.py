"""Engine figures from issue 2: Playground.new, to_state/from_state of 100 pods, big ReplicaSets."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bench.timing import cpu_seconds, median_ms, row
from cluster_core import Playground
from cluster_core.sim.topology import Topology

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _rs(name: str, replicas: int) -> dict:
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": name},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [{"name": "nginx", "image": "nginx:1.9.1"}]}}}}


def hundred_pods() -> Playground:
    pg = Playground.new(seed=0, now=NOW, topology=Topology.large(2))
    pg.cluster.create(_rs("web", 100))
    pg.advance(60)
    return pg


def replicaset_cost(replicas: int) -> tuple[float, int]:
    workers = max(2, replicas // 250 + 1)
    pg = Playground.new(seed=0, now=NOW, topology=Topology.large(workers, pods_per_node=300))
    pg.server.limits.max_pods = max(pg.server.limits.max_pods, replicas + 100)
    pg.server.limits.max_replicas = max(pg.server.limits.max_replicas, replicas)
    pg.server.limits.max_events = max(pg.server.limits.max_events, replicas * 8)

    def go() -> None:
        pg.cluster.create(_rs("big", replicas))
        pg.advance(60)

    cpu = cpu_seconds(go)
    running = sum(1 for p in pg.server.iter("Pod", "default") if p["status"].get("phase") == "Running")
    return cpu, running


def main() -> None:
    print("== engine")
    row("Playground.new() median", median_ms(lambda: Playground.new(seed=0, now=NOW), repeat=30), "ms", "< 5 ms")
    pg = hundred_pods()
    state = pg.to_state()
    row("to_state() 100-pod cluster median", median_ms(pg.to_state), "ms", "< 5 ms")
    row("from_state() 100-pod cluster median", median_ms(lambda: Playground.from_state(state)), "ms", "< 5 ms")
    row("state size of the 100-pod cluster (JSON)", len(json.dumps(state)) / 1024, "KiB")
    for n in (100, 1000, 5000):
        cpu, running = replicaset_cost(n)
        row(f"ReplicaSet of {n} replicas to Running, advance(60): CPU", cpu, "s",
            f"({running}/{n} Running){' target < 1 s' if n == 1000 else ''}")
