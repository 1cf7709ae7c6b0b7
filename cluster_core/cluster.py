"""``Playground.cluster``: the API server as lesson setup, checks and tests use it.

Every write lets the control plane settle at once (controllers react within the same instant),
so ``pg.cluster.create(rs)`` is followed by the ReplicaSet's pods, as on a real cluster a moment
later. Reads hand out copies: callers may change what they get without touching the cluster.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.api.server import ApiServer
from cluster_core.sim.engine import Simulation


def _kind(kind: str) -> str:
    rt = resources.BY_KIND.get(kind) or resources.resolve(kind)
    if rt is None:
        raise ValueError(f"unknown kind {kind!r}")
    return rt.kind


class Cluster:
    """get / list / create / update / delete, with the API server's validation, defaults and admission."""

    def __init__(self, server: ApiServer, sim: Simulation) -> None:
        self._server = server
        self._sim = sim

    def get(self, kind: str, namespace: str | None, name: str) -> dict[str, Any] | None:
        """The object as a Kubernetes-shaped dict, or None."""
        return self._server.get(_kind(kind), namespace, name)

    def list(self, kind: str, namespace: str | None = None, selector: str | None = None,
             field_selector: str | None = None) -> list[dict[str, Any]]:
        """Objects of ``kind`` (all namespaces when ``namespace`` is None) matching the selectors."""
        return self._server.list(_kind(kind), namespace, selector, field_selector)

    def create(self, obj: dict[str, Any], namespace: str | None = None, dry_run: bool = False) -> dict[str, Any]:
        """Create as ``POST`` would; raises ``ApiError`` with the server's reason and message."""
        out = self._server.create(obj, namespace=namespace, dry_run=dry_run)
        self._sim.settle()
        return out

    def update(self, obj: dict[str, Any], namespace: str | None = None, dry_run: bool = False) -> dict[str, Any]:
        """Replace as ``PUT`` would (immutable fields enforced)."""
        out = self._server.update(obj, namespace=namespace, dry_run=dry_run)
        self._sim.settle()
        return out

    def delete(self, kind: str, namespace: str | None, name: str, *, grace_period: int | None = None,
               propagation: str = "Background", dry_run: bool = False) -> dict[str, Any]:
        """Delete as ``DELETE`` would: pods terminate gracefully, owners cascade by propagation policy."""
        out = self._server.delete(_kind(kind), namespace, name, grace_period=grace_period,
                                  propagation=propagation, dry_run=dry_run)
        self._sim.settle()
        return out

    @property
    def server(self) -> ApiServer:
        """The API server itself, for engine code that needs live objects."""
        return self._server
