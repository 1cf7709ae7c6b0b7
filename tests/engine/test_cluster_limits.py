"""Per-cluster caps: refused with a clear message, and the cluster is left as it was."""

from __future__ import annotations

from cluster_core import Playground
from cluster_core.api.server import Limits
from tests.tutorial_script import NGINX_REPLICASET, NOW


def test_scaling_past_the_replica_cap_is_refused() -> None:
    """`kubectl scale` cannot lift a ReplicaSet past the cap that `create` enforces."""
    pg = Playground.new(seed=0, now=NOW, limits=Limits(max_replicas=50))
    pg.write_file("rs.yaml", NGINX_REPLICASET)
    pg.execute("kubectl create -f rs.yaml")
    r = pg.execute("kubectl scale rs nginx --replicas=51")
    assert r.exit_code == 1
    assert r.stderr == ('Error from server (Forbidden): replicasets.apps "nginx" is forbidden: this playground '
                        "allows at most 50 replicas\n")
    assert pg.cluster.get("ReplicaSet", "default", "nginx")["spec"]["replicas"] == 3
    assert pg.execute("kubectl scale rs nginx --replicas=50").stdout == "replicaset.apps/nginx scaled\n"


def test_pod_cap_refuses_the_next_pod() -> None:
    """Past the pod cap a create is Forbidden with the playground's message."""
    pg = Playground.new(seed=0, now=NOW, limits=Limits(max_pods=14))  # 13 system pods
    assert pg.execute("kubectl run a --image=nginx").exit_code == 0
    r = pg.execute("kubectl run b --image=nginx")
    assert r.exit_code == 1
    assert r.stderr == 'Error from server (Forbidden): pods "b" is forbidden: this playground allows at most 14 pods\n'
