"""What the workload controllers share: pod predicates, owner references, an index of pods by
controller, node affinity and taint checks, and deduplicated timed resyncs.

These mirror small helpers of upstream ``pkg/controller`` (``controller_utils.go``,
``IsPodActive``, ``podutil.IsPodReady``), ``component-helpers/scheduling/corev1`` (node affinity,
tolerations) and ``pkg/controller/daemon/util``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cluster_core import timeutil
from cluster_core.api import errors

if TYPE_CHECKING:
    from cluster_core.api.server import ApiServer
    from cluster_core.sim.engine import Simulation

PodKey = tuple[str, str]

SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"


# ---------------------------------------------------------------- pods
def pod_key(obj: dict) -> PodKey:
    meta = obj["metadata"]
    return meta.get("namespace") or "", meta["name"]


def is_terminal(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed")


def is_active(pod: dict) -> bool:
    """controller.IsPodActive: not Succeeded, not Failed, not being deleted."""
    return not is_terminal(pod) and not pod["metadata"].get("deletionTimestamp")


def is_terminating(pod: dict) -> bool:
    """Being deleted but not finished yet (the Job controller's ``terminating``)."""
    return bool(pod["metadata"].get("deletionTimestamp")) and not is_terminal(pod)


def ready_condition(pod: dict) -> dict | None:
    for c in (pod.get("status") or {}).get("conditions") or ():
        if c.get("type") == "Ready":
            return c
    return None


def is_ready(pod: dict) -> bool:
    c = ready_condition(pod)
    return c is not None and c.get("status") == "True"


def ready_since(pod: dict) -> float | None:
    """When the pod last became Ready (its Ready condition's lastTransitionTime), or None."""
    c = ready_condition(pod)
    if c is None or c.get("status") != "True":
        return None
    return timeutil.parse(c.get("lastTransitionTime"))


def is_available(pod: dict, min_ready_seconds: int, now: float) -> bool:
    """podutil.IsPodAvailable: ready, and ready for longer than minReadySeconds."""
    if not is_ready(pod):
        return False
    if not min_ready_seconds:
        return True
    since = ready_since(pod)
    return since is not None and since + min_ready_seconds < now


def available_at(pod: dict, min_ready_seconds: int) -> float | None:
    """When a ready pod will count as available (None if it is not ready)."""
    since = ready_since(pod)
    return None if since is None else since + min_ready_seconds


def restart_count(pod: dict) -> int:
    st = pod.get("status") or {}
    return sum(int(c.get("restartCount") or 0)
               for c in (st.get("initContainerStatuses") or []) + (st.get("containerStatuses") or []))


def max_restarts(pod: dict) -> int:
    return max((int(c.get("restartCount") or 0) for c in (pod.get("status") or {}).get("containerStatuses") or ()),
               default=0)


# ---------------------------------------------------------------- owner references
def controller_ref(obj: dict) -> dict | None:
    """metav1.GetControllerOf: the ownerReference with ``controller: true``."""
    for ref in obj["metadata"].get("ownerReferences") or ():
        if ref.get("controller"):
            return ref
    return None


def controller_uid(obj: dict, kind: str) -> str | None:
    ref = controller_ref(obj)
    if ref is not None and ref.get("kind") == kind:
        return ref.get("uid")
    return None


def owner_reference(owner: dict) -> dict[str, Any]:
    """metav1.NewControllerRef: how controllers mark what they own (blocks foreground deletion)."""
    meta = owner["metadata"]
    return {"apiVersion": owner["apiVersion"], "blockOwnerDeletion": True, "controller": True,
            "kind": owner["kind"], "name": meta["name"], "uid": meta["uid"]}


class OwnedPods:
    """Pods indexed by the uid of their controller of one kind, kept current from watch events.

    Lets a controller find its pods without listing every pod in the cluster.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.by_uid: dict[str, dict[PodKey, None]] = {}
        self.owner_of: dict[PodKey, str] = {}

    def clear(self) -> None:
        self.by_uid.clear()
        self.owner_of.clear()

    def update(self, pod: dict, deleted: bool = False) -> tuple[str | None, str | None]:
        """Record the pod's current controller; returns (previous uid, current uid)."""
        key = pod_key(pod)
        old = self.owner_of.get(key)
        new = None if deleted else controller_uid(pod, self.kind)
        if old != new:
            if old is not None:
                keys = self.by_uid.get(old)
                if keys is not None:
                    keys.pop(key, None)
                    if not keys:
                        del self.by_uid[old]
            if new is not None:
                self.by_uid.setdefault(new, {})[key] = None
                self.owner_of[key] = new
            else:
                self.owner_of.pop(key, None)
        return old, new

    def keys(self, uid: str) -> list[PodKey]:
        return list(self.by_uid.get(uid, ()))

    def pods(self, server: ApiServer, uid: str) -> list[dict]:
        """The live pods controlled by ``uid`` (do not mutate without writing back)."""
        out = []
        for ns, name in self.by_uid.get(uid, ()):
            pod = server.ref("Pod", ns, name)
            if pod is not None:
                out.append(pod)
        return out


# ---------------------------------------------------------------- selectors
_SELECTOR_CACHE: dict[str, Any] = {}


def label_selector(sel: dict | None) -> Any:
    """The parsed spec.selector (cached: parsing is pure); a selector that cannot parse matches nothing."""
    from cluster_core.api import selectors

    key = json.dumps(sel, sort_keys=True)
    cached = _SELECTOR_CACHE.get(key)
    if cached is None:
        if len(_SELECTOR_CACHE) > 2000:
            _SELECTOR_CACHE.clear()
        try:
            cached = selectors.from_label_selector(sel)
        except (selectors.SelectorError, TypeError, AttributeError):
            cached = selectors.Selector.nothing()
        _SELECTOR_CACHE[key] = cached
    return cached


def template_labels_match(template_labels: dict | None, labels: dict | None) -> bool:
    """The ReplicaSet's fullyLabeledReplicas test: every template label present with its value."""
    labels = labels or {}
    return all(labels.get(k) == v for k, v in (template_labels or {}).items())


# ---------------------------------------------------------------- pods from templates
def pod_from_template(owner: dict, template: dict, generate_name: str,
                      extra_labels: dict[str, str] | None = None) -> dict[str, Any]:
    """controller.GetPodFromTemplate: labels, annotations, finalizers and spec from the template,
    a controller ownerReference, and ``generateName``."""
    tmeta = template.get("metadata") or {}
    meta: dict[str, Any] = {"generateName": generate_name, "namespace": owner["metadata"]["namespace"]}
    labels = dict(tmeta.get("labels") or {})
    if extra_labels:
        labels.update(extra_labels)
    if labels:
        meta["labels"] = labels
    if tmeta.get("annotations"):
        meta["annotations"] = dict(tmeta["annotations"])
    if tmeta.get("finalizers"):
        meta["finalizers"] = list(tmeta["finalizers"])
    meta["ownerReferences"] = [owner_reference(owner)]
    spec = json.loads(json.dumps(template.get("spec") or {}))
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}


def create_pod(server: ApiServer, owner: dict, pod: dict, component: str) -> tuple[str | None, str | None]:
    """Create a controller's pod and record SuccessfulCreate (or FailedCreate); returns (name, error)."""
    try:
        created = server.create(pod, internal=True)
    except errors.ApiError as e:
        record(server, owner, "Warning", "FailedCreate", f"Error creating: {e.message}", component)
        return None, e.message
    name = created["metadata"]["name"]
    record(server, owner, "Normal", "SuccessfulCreate", f"Created pod: {name}", component)
    return name, None


def delete_pod(server: ApiServer, owner: dict, pod: dict, component: str) -> bool:
    """Delete a pod as a controller does (its grace period applies) and record SuccessfulDelete."""
    meta = pod["metadata"]
    try:
        server.delete("Pod", meta["namespace"], meta["name"])
    except errors.ApiError as e:
        record(server, owner, "Warning", "FailedDelete", f"Error deleting: {e.message}", component)
        return False
    record(server, owner, "Normal", "SuccessfulDelete", f"Deleted pod: {meta['name']}", component)
    return True


def record(server: ApiServer, obj: dict, type_: str, reason: str, message: str, component: str) -> None:
    server.record_event(obj, type_, reason, message, {"component": component})


def remove_finalizer(server: ApiServer, obj: dict, finalizer: str) -> None:
    """Drop one finalizer and write the object. A deleted pod held only by finalizers that is
    finished (or never reached a node, so no kubelet will end it) is then removed, as the API
    server does once the list is empty."""
    meta = obj["metadata"]
    fins = [f for f in meta.get("finalizers") or () if f != finalizer]
    if fins:
        meta["finalizers"] = fins
    else:
        meta.pop("finalizers", None)
    server.replace_internal(obj)
    if (obj["kind"] == "Pod" and not fins and meta.get("deletionTimestamp")
            and (is_terminal(obj) or not obj["spec"].get("nodeName"))
            and server.ref("Pod", meta.get("namespace"), meta["name"]) is obj):
        server.remove("Pod", meta.get("namespace"), meta["name"])


def copy_status(obj: dict) -> dict[str, Any]:
    return json.loads(json.dumps(obj.get("status") or {}))


def write_status(server: ApiServer, obj: dict, status: dict) -> bool:
    """Write ``status`` if it differs from the stored one (so a second sync writes nothing)."""
    if obj.get("status") == status:
        return False
    obj["status"] = status
    server.update_status(obj)
    return True


def sorted_status(status: dict[str, Any]) -> dict[str, Any]:
    """Status keys in the alphabetical order the API server's JSON has (Go struct order differs
    only cosmetically; printers sort anyway)."""
    return {k: status[k] for k in sorted(status)}


def now_str(server: ApiServer) -> str:
    return timeutil.rfc3339(server.clock.now)


def creation_time(obj: dict) -> float:
    return timeutil.parse(obj["metadata"].get("creationTimestamp")) or 0.0


# ---------------------------------------------------------------- hashing
def fnv32a(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def safe_encode(s: str) -> str:
    """rand.SafeEncodeString: each character mapped into the vowel-free alphabet."""
    return "".join(SAFE_ALPHABET[ord(c) % len(SAFE_ALPHABET)] for c in s)


def template_hash(template: dict, collision_count: int | None = None) -> str:
    """controller.ComputeHash's shape: fnv32a of the template, decimal, safe-encoded (``5d8c6f8b7b``).

    Upstream hashes Go's spew dump of the struct; this hashes canonical JSON, so values differ
    from a real cluster's but are stable and look alike.
    """
    data = json.dumps(template, sort_keys=True, separators=(",", ":"))
    if collision_count:
        data += str(collision_count)
    return safe_encode(str(fnv32a(data.encode())))


# ---------------------------------------------------------------- timed resyncs
def controller_state(sim: Simulation) -> dict[str, Any]:
    """The controllers' JSON-safe corner of the simulation state (saved with the cluster)."""
    return sim.state.setdefault("controllers", {})


class Timers:
    """Timed resyncs on the clock queue, at most one pending per key and instant.

    Pending times live in ``sim.state["controllers"]["timers"]`` so a saved and reloaded cluster
    does not queue duplicates.
    """

    def __init__(self, sim: Simulation, action: str) -> None:
        self.sim = sim
        self.action = action

    def _pending(self) -> dict[str, float]:
        return controller_state(self.sim).setdefault("timers", {}).setdefault(self.action, {})

    def at(self, when: float, *args: str) -> None:
        """Resync ``args`` at ``when`` unless a resync at or before then is already queued."""
        now = self.sim.clock.now
        pending = self._pending()
        k = "/".join(args)
        cur = pending.get(k)
        if cur is not None and now <= cur <= when:
            return
        pending[k] = when
        self.sim.schedule(max(0.0, when - now), self.action, *args)

    def fired(self, *args: str) -> None:
        pending = self._pending()
        k = "/".join(args)
        cur = pending.get(k)
        if cur is not None and cur <= self.sim.clock.now:
            del pending[k]
