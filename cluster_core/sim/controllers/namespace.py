"""The namespace controller: empty a Terminating namespace, then let it go.

Upstream ``pkg/controller/namespace/deletion`` with OrderedNamespaceDeletion (on by default in
v1.33): pods are deleted first (each with its own grace period); once none is left, everything
else in the namespace is deleted; when nothing is left, ``kubernetes`` is removed from
``spec.finalizers`` and the API server drops the namespace. While it waits, ``status.conditions``
say what remains, with the upstream reasons and messages.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.sim.controllers import common
from cluster_core.sim.engine import Controller, Simulation

FINALIZER = "kubernetes"

# status_condition_utils.go: the condition types this controller maintains, in order, with the
# reason and message of their "all is well" (False) variant.
OK_CONDITIONS: tuple[tuple[str, str, str], ...] = (
    ("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
    ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions",
     "All legacy kube types successfully parsed"),
    ("NamespaceDeletionContentFailure", "ContentDeleted",
     "All content successfully deleted, may be waiting on finalization"),
    ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
    ("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
)

ObjKey = tuple[str, str, str]  # kind, namespace, name


def _namespaced_kinds() -> list[str]:
    return [r.kind for r in resources.RESOURCES if r.namespaced and r.kind != "Event"]


class NamespaceController(Controller):
    """Keys: namespace names."""

    name = "namespace"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        # What each namespace holds (events excluded: the server drops those without telling).
        self._names: dict[str, dict[str, dict[str, None]]] = {}
        self._finalizers: dict[ObjKey, tuple[str, ...]] = {}
        self._fin_counts: dict[str, dict[tuple[str, str], int]] = {}  # ns -> (kind, finalizer) -> n

    def start(self) -> None:
        self._names.clear()
        self._finalizers.clear()
        self._fin_counts.clear()
        for kind in _namespaced_kinds():
            for obj in self.server.iter(kind):
                self._index(kind, "ADDED", obj)
        for ns in self.server.iter("Namespace"):
            if ns["metadata"].get("deletionTimestamp"):
                self.mark(ns["metadata"]["name"])

    def _index(self, kind: str, event: str, obj: dict) -> bool:
        """Keep the per-namespace index current; True when what the namespace holds changed."""
        meta = obj["metadata"]
        ns = meta.get("namespace") or ""
        key = (kind, ns, meta["name"])
        names = self._names.setdefault(ns, {}).setdefault(kind, {})
        changed = False
        if event == "DELETED":
            changed = meta["name"] in names
            names.pop(meta["name"], None)
            fins: tuple[str, ...] = ()
        else:
            if meta["name"] not in names:
                names[meta["name"]] = None
                changed = True
            fins = tuple(meta.get("finalizers") or ())
        old = self._finalizers.get(key, ())
        if fins != old:
            counts = self._fin_counts.setdefault(ns, {})
            for f in old:
                counts[(kind, f)] -= 1
                if not counts[(kind, f)]:
                    del counts[(kind, f)]
            for f in fins:
                counts[(kind, f)] = counts.get((kind, f), 0) + 1
            if fins:
                self._finalizers[key] = fins
            else:
                self._finalizers.pop(key, None)
            changed = True
        return changed

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Namespace":
            if event != "DELETED" and obj["metadata"].get("deletionTimestamp"):
                self.mark(obj["metadata"]["name"])
            return
        if kind == "Event" or not resources.for_kind(kind).namespaced:
            return
        if self._index(kind, event, obj):
            ns = obj["metadata"].get("namespace") or ""
            nso = self.server.ref("Namespace", None, ns)
            if nso is not None and nso["metadata"].get("deletionTimestamp"):
                self.mark(ns)

    # ---------------------------------------------------------------- sync
    def sync(self, key: Any) -> None:
        nso = self.server.ref("Namespace", None, key)
        if nso is None or not nso["metadata"].get("deletionTimestamp"):
            return
        if FINALIZER not in ((nso.get("spec") or {}).get("finalizers") or ()):
            return
        held = self._names.get(key, {})
        for name in list(held.get("Pod", ())):
            self._delete("Pod", key, name)
        kinds = ["Pod"]
        if not held.get("Pod"):  # ordered deletion: the rest only once the pods are gone
            kinds = _namespaced_kinds()
            for kind in kinds:
                if kind != "Pod":
                    for name in list(held.get(kind, ())):
                        self._delete(kind, key, name)
            for ev in list(self.server.iter("Event", key)):
                self.server.remove("Event", key, ev["metadata"]["name"])
        remaining = {kind: len(held[kind]) for kind in kinds if held.get(kind)}
        fins: dict[str, int] = {}
        for (kind, f), n in self._fin_counts.get(key, {}).items():
            if kind in kinds:
                fins[f] = fins.get(f, 0) + n
        conditions = self._conditions(nso, remaining, fins)
        status = dict(nso.get("status") or {})
        status["conditions"] = conditions
        if remaining:
            common.write_status(self.server, nso, status)
            return
        nso["status"] = status
        nso["spec"]["finalizers"] = [f for f in nso["spec"]["finalizers"] if f != FINALIZER]
        self.server.replace_internal(nso)

    def _delete(self, kind: str, ns: str, name: str) -> None:
        obj = self.server.ref(kind, ns, name)
        if obj is None or obj["metadata"].get("deletionTimestamp"):
            return
        from cluster_core.api import errors

        try:
            self.server.delete(kind, ns, name)
        except errors.ApiError:
            pass

    def _conditions(self, nso: dict, remaining: dict[str, int], fins: dict[str, int]) -> list[dict]:
        """namespaceConditionUpdater.Update: each maintained type, failing or "ok"."""
        now = common.now_str(self.server)
        new: dict[str, tuple[str, str, str]] = {}
        if remaining:
            parts = sorted(f"{rt.plural}.{rt.group} has {n} resource instances"
                           for rt, n in ((resources.for_kind(k), n) for k, n in remaining.items()))
            new["NamespaceContentRemaining"] = ("True", "SomeResourcesRemain",
                                                "Some resources are remaining: " + ", ".join(parts))
        if fins:
            parts = sorted(f"{f} in {n} resource instances" for f, n in fins.items() if n)
            if parts:
                new["NamespaceFinalizersRemaining"] = (
                    "True", "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + ", ".join(parts))
        old = {c.get("type"): c for c in (nso.get("status") or {}).get("conditions") or ()}
        out = []
        for type_, ok_reason, ok_message in OK_CONDITIONS:
            status, reason, message = new.get(type_, ("False", ok_reason, ok_message))
            prev = old.get(type_)
            since = now
            if prev is not None and prev.get("status") == status:
                since = prev.get("lastTransitionTime") or now
            out.append({"lastTransitionTime": since, "message": message, "reason": reason,
                        "status": status, "type": type_})
        extra = [c for t, c in old.items() if t not in {t for t, _, _ in OK_CONDITIONS}]
        return out + extra
