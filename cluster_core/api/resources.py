"""The resource types this cluster serves, with the names kubectl resolves (plural, singular, short)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourceType:
    kind: str
    plural: str
    singular: str
    short_names: tuple[str, ...]
    group: str  # "" for the core group
    version: str
    namespaced: bool
    verbs: tuple[str, ...] = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
    categories: tuple[str, ...] = ()

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def qualified_plural(self) -> str:
        """``pods`` or ``replicasets.apps``: how the server names the resource in error messages."""
        return f"{self.plural}.{self.group}" if self.group else self.plural

    @property
    def qualified_kind(self) -> str:
        """``pod`` or ``replicaset.apps``: the prefix of kubectl's ``<type>/<name> created`` lines."""
        return f"{self.kind.lower()}.{self.group}" if self.group else self.kind.lower()


RESOURCES: tuple[ResourceType, ...] = (
    ResourceType("Namespace", "namespaces", "namespace", ("ns",), "", "v1", False,
                 ("create", "delete", "get", "list", "patch", "update", "watch")),
    ResourceType("Node", "nodes", "node", ("no",), "", "v1", False),
    ResourceType("Pod", "pods", "pod", ("po",), "", "v1", True, categories=("all",)),
    ResourceType("Event", "events", "event", ("ev",), "", "v1", True),
    ResourceType("Service", "services", "service", ("svc",), "", "v1", True, categories=("all",)),
    ResourceType("Deployment", "deployments", "deployment", ("deploy",), "apps", "v1", True, categories=("all",)),
    ResourceType("ReplicaSet", "replicasets", "replicaset", ("rs",), "apps", "v1", True, categories=("all",)),
    ResourceType("DaemonSet", "daemonsets", "daemonset", ("ds",), "apps", "v1", True, categories=("all",)),
    ResourceType("Job", "jobs", "job", (), "batch", "v1", True, categories=("all",)),
)

BY_KIND: dict[str, ResourceType] = {r.kind: r for r in RESOURCES}


def _index() -> dict[str, ResourceType]:
    names: dict[str, ResourceType] = {}
    for r in RESOURCES:
        for n in (r.plural, r.singular, r.kind.lower(), *r.short_names,
                  f"{r.plural}.{r.group}" if r.group else r.plural,
                  f"{r.singular}.{r.group}" if r.group else r.singular,
                  f"{r.plural}.{r.version}.{r.group}" if r.group else r.plural):
            names.setdefault(n, r)
    return names


_BY_NAME = _index()


def resolve(name: str) -> ResourceType | None:
    """The resource a kubectl argument names (``po``, ``pods``, ``Pod``, ``rs.apps``), or None."""
    return _BY_NAME.get(name) or _BY_NAME.get(name.lower())


def for_kind(kind: str) -> ResourceType:
    return BY_KIND[kind]


def for_api_version_kind(api_version: str, kind: str) -> ResourceType | None:
    """The type a manifest's apiVersion/kind pair names, or None when the server has no such type."""
    r = BY_KIND.get(kind)
    if r is None or r.api_version != api_version:
        return None
    return r
