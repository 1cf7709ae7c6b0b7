"""The garbage collector: dependents follow their owners' deletion, as ownerReferences say.

Upstream ``pkg/controller/garbagecollector`` keeps a graph of owners and dependents by uid. Here:

- **background**: when an owner is gone (no object with that kind, name and uid), a dependent
  whose owners are all gone is deleted (``attemptToDeleteItem``); owner references to missing
  owners next to a live one are removed instead;
- **foreground**: an owner being deleted with the ``foregroundDeletion`` finalizer has its
  dependents deleted; once none with ``blockOwnerDeletion`` is left in the store, the finalizer
  is removed and the owner goes;
- **orphan**: an owner being deleted with the ``orphan`` finalizer has its references removed
  from every dependent, then the finalizer is removed.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import errors, resources
from cluster_core.sim.engine import Controller, Simulation

FOREGROUND = "foregroundDeletion"
ORPHAN = "orphan"

ObjKey = tuple[str, str, str]  # kind, namespace ("" if cluster-scoped), name


def _key(kind: str, obj: dict) -> ObjKey:
    meta = obj["metadata"]
    return kind, meta.get("namespace") or "", meta["name"]


def owner_key(ref: dict, dependent_ns: str) -> ObjKey | None:
    """Where an ownerReference points (owners share the dependent's namespace unless cluster-scoped)."""
    rt = resources.BY_KIND.get(ref.get("kind", ""))
    if rt is None:
        return None
    return rt.kind, dependent_ns if rt.namespaced else "", ref.get("name", "")


class GarbageCollector(Controller):
    """Keys: ``("dep", kind, ns, name)``, ``("deps", owner uid)``, ``("owner", kind, ns, name)``."""

    name = "garbagecollector"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        self._dependents: dict[str, dict[ObjKey, None]] = {}  # owner uid -> dependents
        self._owners: dict[ObjKey, tuple[str, ...]] = {}  # dependent -> owner uids

    def start(self) -> None:
        self._dependents.clear()
        self._owners.clear()
        for rt in resources.RESOURCES:
            if rt.kind == "Event":
                continue
            for obj in self.server.iter(rt.kind):
                key = _key(rt.kind, obj)
                if self._index(key, obj) and self.sim.resync:
                    self.mark(("dep", *key))
                if self._is_deleting_owner(obj):
                    self.mark(("owner", *key))

    def _index(self, key: ObjKey, obj: dict | None) -> bool:
        """Record the object's owner uids; True when they changed to a non-empty list."""
        uids = () if obj is None else tuple(r.get("uid", "") for r in obj["metadata"].get("ownerReferences") or ())
        old = self._owners.get(key, ())
        if uids == old:
            return False
        for u in old:
            deps = self._dependents.get(u)
            if deps is not None:
                deps.pop(key, None)
                if not deps:
                    del self._dependents[u]
        for u in uids:
            self._dependents.setdefault(u, {})[key] = None
        if uids:
            self._owners[key] = uids
        else:
            self._owners.pop(key, None)
        return bool(uids)

    @staticmethod
    def _is_deleting_owner(obj: dict) -> bool:
        meta = obj["metadata"]
        fins = meta.get("finalizers") or ()
        return bool(meta.get("deletionTimestamp")) and (FOREGROUND in fins or ORPHAN in fins)

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Event":
            return
        key = _key(kind, obj)
        meta = obj["metadata"]
        if event == "DELETED":
            self._index(key, None)
            uid = meta.get("uid")
            if uid in self._dependents:
                self.mark(("deps", uid))
            for ref in meta.get("ownerReferences") or ():
                okey = owner_key(ref, key[1])
                if okey is not None:
                    self.mark(("owner", *okey))
            return
        if self._index(key, obj):
            self.mark(("dep", *key))
        if self._is_deleting_owner(obj):
            self.mark(("owner", *key))

    # ---------------------------------------------------------------- sync
    def sync(self, key: Any) -> None:
        if key[0] == "dep":
            self._attempt_to_delete((key[1], key[2], key[3]))
        elif key[0] == "deps":
            for dep in list(self._dependents.get(key[1], ())):
                self._attempt_to_delete(dep)
        elif key[0] == "owner":
            self._process_owner((key[1], key[2], key[3]))

    def _classify(self, obj: dict, ns: str) -> tuple[list[dict], list[dict], list[dict]]:
        """classifyReferences: (solid, dangling, waitingForDependentsDeletion) owner references."""
        solid, dangling, waiting = [], [], []
        for ref in obj["metadata"].get("ownerReferences") or ():
            okey = owner_key(ref, ns)
            if okey is None:
                solid.append(ref)  # an owner kind this cluster does not serve: leave it alone
                continue
            owner = self.server.ref(*okey)
            if owner is None or owner["metadata"].get("uid") != ref.get("uid"):
                dangling.append(ref)
            elif (owner["metadata"].get("deletionTimestamp")
                  and FOREGROUND in (owner["metadata"].get("finalizers") or ())):
                waiting.append(ref)
            else:
                solid.append(ref)
        return solid, dangling, waiting

    def _attempt_to_delete(self, key: ObjKey) -> None:
        """attemptToDeleteItem: delete a dependent whose owners are gone or deleting in the foreground."""
        kind, ns, name = key
        obj = self.server.ref(kind, ns or None, name)
        if obj is None or obj["metadata"].get("deletionTimestamp"):
            return
        if not obj["metadata"].get("ownerReferences"):
            return
        solid, dangling, waiting = self._classify(obj, ns)
        if solid:
            if dangling or waiting:
                drop = {r.get("uid") for r in dangling + waiting}
                obj["metadata"]["ownerReferences"] = [r for r in obj["metadata"]["ownerReferences"]
                                                      if r.get("uid") not in drop]
                self.server.replace_internal(obj)
            return
        uid = obj["metadata"].get("uid")
        fins = obj["metadata"].get("finalizers") or ()
        if waiting and self._dependents.get(uid):
            policy = "Foreground"
        elif ORPHAN in fins:
            policy = "Orphan"
        elif FOREGROUND in fins:
            policy = "Foreground"
        else:
            policy = "Background"
        try:
            self.server.delete(kind, ns or None, name, propagation=policy)
        except errors.ApiError:
            pass

    def _process_owner(self, key: ObjKey) -> None:
        kind, ns, name = key
        obj = self.server.ref(kind, ns or None, name)
        if obj is None or not self._is_deleting_owner(obj):
            return
        uid = obj["metadata"]["uid"]
        fins = obj["metadata"].get("finalizers") or ()
        if ORPHAN in fins:
            self._orphan_dependents(uid)
            self._remove_finalizer(obj, ORPHAN)
            return
        for dep in list(self._dependents.get(uid, ())):
            self._attempt_to_delete(dep)
        if not self._blocking(uid):
            self._remove_finalizer(obj, FOREGROUND)

    def _orphan_dependents(self, uid: str) -> None:
        for dep in list(self._dependents.get(uid, ())):
            obj = self.server.ref(dep[0], dep[1] or None, dep[2])
            if obj is None:
                continue
            refs = [r for r in obj["metadata"].get("ownerReferences") or () if r.get("uid") != uid]
            if refs:
                obj["metadata"]["ownerReferences"] = refs
            else:
                obj["metadata"].pop("ownerReferences", None)
            self.server.replace_internal(obj)

    def _blocking(self, uid: str) -> bool:
        """Dependents still in the store whose reference to ``uid`` has blockOwnerDeletion."""
        for dep in self._dependents.get(uid, ()):
            obj = self.server.ref(dep[0], dep[1] or None, dep[2])
            if obj is None:
                continue
            for ref in obj["metadata"].get("ownerReferences") or ():
                if ref.get("uid") == uid and ref.get("blockOwnerDeletion"):
                    return True
        return False

    def _remove_finalizer(self, obj: dict, finalizer: str) -> None:
        meta = obj["metadata"]
        fins = [f for f in meta.get("finalizers") or () if f != finalizer]
        if fins:
            meta["finalizers"] = fins
        else:
            meta.pop("finalizers", None)
        self.server.replace_internal(obj)
