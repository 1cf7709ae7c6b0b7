"""``kubectl describe`` as pure functions: an object, what kubectl would fetch alongside it
(events, pods, the node's lease) and ``now`` in, upstream's exact text out.

``describe(kind, obj, ctx)`` picks the describer for the kind; each lives in its own module,
ported from kubectl's ``pkg/describe/describe.go`` (v1.33)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster_core.kubectl.describe.common import DescribeContext
from cluster_core.kubectl.describe.daemonset import describe_daemonset
from cluster_core.kubectl.describe.deployment import describe_deployment
from cluster_core.kubectl.describe.job import describe_job
from cluster_core.kubectl.describe.namespace import describe_namespace
from cluster_core.kubectl.describe.node import describe_node
from cluster_core.kubectl.describe.pod import describe_pod
from cluster_core.kubectl.describe.replicaset import describe_replicaset
from cluster_core.kubectl.describe.service import describe_service

__all__ = ["DESCRIBERS", "DescribeContext", "describe"]

DESCRIBERS: dict[str, Callable[[dict[str, Any], DescribeContext], str]] = {
    "Pod": describe_pod,
    "Deployment": describe_deployment,
    "ReplicaSet": describe_replicaset,
    "DaemonSet": describe_daemonset,
    "Job": describe_job,
    "Node": describe_node,
    "Namespace": describe_namespace,
    "Service": describe_service,
}


def describe(kind: str, obj: dict[str, Any], ctx: DescribeContext) -> str:
    """The ``kubectl describe`` text for one object of ``kind``; KeyError for a kind without a describer."""
    return DESCRIBERS[kind](obj, ctx)
