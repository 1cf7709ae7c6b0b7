"""The kube-controller-manager of the simulated cluster: one reconcile loop per controller.

``register_all(sim)`` adds them to a :class:`~cluster_core.sim.engine.Simulation`; the Playground
calls it after the scheduler and the kubelet.
"""

from __future__ import annotations

from cluster_core.sim.controllers.daemonset import DaemonSetController
from cluster_core.sim.controllers.deployment import DeploymentController
from cluster_core.sim.controllers.gc import GarbageCollector
from cluster_core.sim.controllers.job import JobController
from cluster_core.sim.controllers.namespace import NamespaceController
from cluster_core.sim.controllers.replicaset import ReplicaSetController
from cluster_core.sim.engine import Simulation

__all__ = ["DaemonSetController", "DeploymentController", "GarbageCollector", "JobController", "NamespaceController",
           "ReplicaSetController", "register_all"]


def register_all(sim: Simulation) -> None:
    """Workload controllers first (the Deployment controller writes ReplicaSets, the others create pods), then the garbage collector and the namespace
    controller (they delete what is left over)."""
    for cls in (DeploymentController, ReplicaSetController, DaemonSetController, JobController, GarbageCollector,
                NamespaceController):
        sim.register(cls(sim))
