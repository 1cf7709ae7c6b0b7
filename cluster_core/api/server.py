"""The API server: the object store and the create/get/list/update/delete paths a real one takes.

A write goes decode (strict schema) -> defaults -> validation -> admission (namespace exists and
is not terminating, per-cluster quotas) -> store, then notifies the simulation so controllers
react. Stored objects are owned by the server; the public ``get``/``list`` hand out copies, while
the engine's own code reads live objects through ``ref``/``iter`` and writes through
``update_status``/``replace_internal``.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from cluster_core import timeutil
from cluster_core.api import errors, resources
from cluster_core.api.resources import ResourceType

SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
MAX_MANIFEST_BYTES = 1024 * 1024
EVENT_TTL_SECONDS = 3600.0

Observer = Callable[[str, str, dict, "dict | None"], None]


def copy_obj(obj: Any) -> Any:
    """A deep copy of JSON data; an orjson round trip is many times faster than copy.deepcopy."""
    try:
        return orjson.loads(orjson.dumps(obj))
    except TypeError:  # integers beyond 64 bits, which orjson refuses
        return json.loads(json.dumps(obj))


def dumps(obj: Any) -> str:
    """Compact JSON text of engine data (fast path through orjson)."""
    try:
        return orjson.dumps(obj).decode()
    except TypeError:
        return json.dumps(obj, separators=(",", ":"))


def random_suffix(rng: random.Random, n: int = 5) -> str:
    """apimachinery's rand.String: Kubernetes' vowel-free suffix alphabet."""
    return "".join(rng.choice(SUFFIX_ALPHABET) for _ in range(n))


@dataclass
class Limits:
    """Per-cluster caps so nothing a student types can eat the machine."""

    max_pods: int = 2000
    max_objects: int = 5000  # everything but pods and events
    max_events: int = 5000
    max_replicas: int = 2000
    max_manifest_bytes: int = MAX_MANIFEST_BYTES

    def to_state(self) -> dict[str, int]:
        return dict(self.__dict__)


class _Store(dict):
    """Objects by kind. Events load lazily from saved state: most requests never read them, and
    they are half of a busy cluster's saved size."""

    def __init__(self) -> None:
        super().__init__()
        self.pending_events: bytes | str | None = None

    def __missing__(self, kind: str) -> dict:
        if kind != "Event" or self.pending_events is None:
            raise KeyError(kind)
        events = {(e["metadata"].get("namespace", ""), e["metadata"]["name"]): e
                  for e in orjson.loads(self.pending_events)}
        self.pending_events = None
        self["Event"] = events
        return events


class ApiServer:
    """The store plus the API server's request paths; deterministic for a given rng."""

    def __init__(self, clock: Any, rng: random.Random, limits: Limits | None = None) -> None:
        self.clock = clock
        self.rng = rng
        self.limits = limits or Limits()
        self._objects: _Store = _Store()
        for r in resources.RESOURCES:
            self._objects[r.kind] = {}
        self.resource_version = 1000
        self._observers: list[Observer] = []
        # A bounded log of changes for watches (kubectl get -w); not part of the saved state.
        self.changes: list[tuple[int, str, str, dict]] = []
        self._events_by_key: dict | None = None
        self._event_seq = 0
        self._saved_objects: tuple[int, str] | None = None  # (resource_version, JSON text): _objects_json
        self._oldest_event: float | None = None  # a lower bound on the oldest event's lastTimestamp

    # ---------------------------------------------------------------- observers
    def subscribe(self, observer: Observer) -> None:
        self._observers.append(observer)

    def _notify(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind != "Event":
            self.changes.append((self.resource_version, event, kind, obj))
            if len(self.changes) > 4000:
                del self.changes[:1000]
        for ob in self._observers:
            ob(kind, event, obj, old)

    def _next_rv(self) -> str:
        self.resource_version += 1
        return str(self.resource_version)

    def new_uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # ---------------------------------------------------------------- reads
    def ref(self, kind: str, namespace: str | None, name: str) -> dict | None:
        """The live stored object (do not mutate), or None."""
        return self._objects[kind].get((namespace or "", name))

    def iter(self, kind: str, namespace: str | None = None) -> Iterator[dict]:
        """Live stored objects of a kind, optionally in one namespace (do not mutate)."""
        objs = self._objects[kind]
        if namespace is None:
            return iter(list(objs.values()))
        return iter([o for (ns, _), o in objs.items() if ns == namespace])

    def count(self, kind: str) -> int:
        return len(self._objects[kind])

    def get(self, kind: str, namespace: str | None, name: str) -> dict | None:
        obj = self.ref(kind, namespace, name)
        return copy_obj(obj) if obj is not None else None

    def list(self, kind: str, namespace: str | None = None, selector: str | None = None,
             field_selector: str | None = None) -> list[dict]:
        """Copies of the objects of ``kind``, filtered by label and field selectors, sorted ns/name."""
        return [copy_obj(o) for o in self.select(kind, namespace, selector, field_selector)]

    def select(self, kind: str, namespace: str | None = None, selector: str | None = None,
               field_selector: str | None = None) -> list[dict]:
        """Live objects matching the selectors, sorted by namespace then name.

        Raises ApiError(BadRequest) for a selector the server cannot parse, with its own words.
        """
        from cluster_core.api import selectors

        rt = resources.for_kind(kind)
        objs = self._objects[kind]
        if namespace is not None and rt.namespaced:
            items = [o for (ns, _), o in objs.items() if ns == namespace]
        else:
            items = list(objs.values())
        if selector:
            try:
                sel = selectors.parse(selector)
            except selectors.SelectorError as e:
                raise errors.bad_request(str(e)) from None
            items = [o for o in items if sel.matches(o["metadata"].get("labels"))]
        if field_selector:
            try:
                fsel = selectors.parse_field_selector(field_selector, kind)
                items = [o for o in items if fsel.matches(o, kind)]
            except selectors.SelectorError as e:
                raise errors.bad_request(str(e)) from None
        items.sort(key=lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"]))
        return items

    # ---------------------------------------------------------------- create
    def create(self, obj: dict, *, namespace: str | None = None, dry_run: bool = False,
               internal: bool = False, trusted: bool = False, uid: str | None = None) -> dict:
        """Create an object as POST would; returns a copy of what was stored.

        ``internal`` is for controllers creating from an already validated template: it skips the
        strict decoding step, which a typed Go client does not go through either. ``trusted`` also
        skips semantic validation, for the engine's own built-in objects (the default topology),
        whose validity a test checks once instead of every ``Playground.new``. A fixed ``uid`` (built-in
        objects only) leaves the seeded rng untouched, so adding one shifts no later name or uid.
        """
        rt, obj = self._admit_shape(obj, internal)
        meta = obj.setdefault("metadata", {})
        if not isinstance(meta, dict):
            raise errors.bad_request(f"{rt.kind} in version \"{rt.version}\" cannot be handled as a {rt.kind}")
        if rt.namespaced:
            ns = meta.get("namespace") or namespace or "default"
            meta["namespace"] = ns
        else:
            meta.pop("namespace", None)
            ns = ""
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = self._generate_name(rt, ns, str(meta["generateName"]))
        uid = uid or self.new_uid()
        from cluster_core.api import defaults, validation

        defaults.apply_defaults(obj, rng=self.rng, uid=uid)
        causes = self._allocate(rt.kind, obj, None)
        if not causes and not trusted:
            causes = validation.validate_create(obj)
        name = str(meta.get("name") or "")
        if causes:
            raise errors.invalid(rt.kind, name, causes)
        if rt.namespaced:
            self._check_namespace(ns)
        if (ns, name) in self._objects[rt.kind]:
            raise errors.already_exists(rt.qualified_plural, name)
        self._check_quota(rt, obj)
        if dry_run:
            return copy_obj(obj)
        meta["uid"] = uid
        meta["creationTimestamp"] = timeutil.rfc3339(self.clock.now)
        meta["resourceVersion"] = self._next_rv()
        if rt.kind in ("Deployment", "ReplicaSet", "DaemonSet", "Job"):
            meta["generation"] = 1
        _initial_status(rt.kind, obj)
        self._objects[rt.kind][(ns, name)] = obj
        self._notify(rt.kind, "ADDED", obj, None)
        return copy_obj(obj)

    def _allocate(self, kind: str, obj: dict, old: dict | None) -> list:
        """The Service storage's BeginCreate/BeginUpdate: cluster IPs and node ports (``services.py``)."""
        if kind != "Service":
            return []
        from cluster_core.api import services

        return services.allocate(obj, self._objects["Service"].values(), self.rng, old)

    def _admit_shape(self, obj: Any, internal: bool) -> tuple[ResourceType, dict]:
        if not isinstance(obj, dict):
            raise errors.bad_request("the body of the request was in an unknown format")
        api_version, kind = obj.get("apiVersion"), obj.get("kind")
        if not kind or not isinstance(kind, str):
            raise errors.bad_request("Object 'Kind' is missing in the request body")
        rt = resources.for_api_version_kind(str(api_version or ""), kind)
        if rt is None:
            raise errors.ApiError("NotFound", 404, f'no matches for kind "{kind}" in version "{api_version}"')
        if not internal:
            if len(json.dumps(obj)) > self.limits.max_manifest_bytes:
                raise errors.ApiError("RequestEntityTooLarge", 413, "Request entity too large: limit is 1048576")
            from cluster_core.api import schema

            problems = schema.decode(obj, rt.kind, rt.api_version)
            if problems:
                raise errors.bad_request(schema.decode_error_message(rt.kind, rt.api_version, problems))
            obj = copy_obj(obj)
        return rt, obj

    def _generate_name(self, rt: ResourceType, ns: str, base: str) -> str:
        base = base[:58]
        for _ in range(8):
            name = base + random_suffix(self.rng)
            if (ns, name) not in self._objects[rt.kind]:
                return name
        return base + random_suffix(self.rng)

    def _check_namespace(self, ns: str) -> None:
        nso = self.ref("Namespace", None, ns)
        if nso is None:
            raise errors.not_found("namespaces", ns)
        if nso["metadata"].get("deletionTimestamp"):
            raise errors.forbidden_error(
                f"unable to create new content in namespace {ns} because it is being terminated")

    def _check_quota(self, rt: ResourceType, obj: dict) -> None:
        lim = self.limits
        if rt.kind == "Pod" and self.count("Pod") >= lim.max_pods:
            raise errors.too_many_objects(
                f"pods \"{obj['metadata'].get('name')}\" is forbidden: this playground allows at most "
                f"{lim.max_pods} pods")
        if rt.kind == "Event":
            if self.count("Event") >= lim.max_events:
                self._drop_oldest_events()
            return
        if rt.kind not in ("Pod", "Event"):
            total = sum(self.count(k) for k in self._objects if k not in ("Pod", "Event"))
            if total >= lim.max_objects:
                raise errors.too_many_objects(
                    f"{rt.qualified_plural} \"{obj['metadata'].get('name')}\" is forbidden: this playground "
                    f"allows at most {lim.max_objects} objects")
        self._check_replicas(rt, obj)

    def _check_replicas(self, rt: ResourceType, obj: dict) -> None:
        """The replica cap holds on create and on every update (``kubectl scale`` too)."""
        lim = self.limits
        replicas = (obj.get("spec") or {}).get("replicas")
        if rt.kind in ("ReplicaSet", "Deployment") and isinstance(replicas, int) and replicas > lim.max_replicas:
            raise errors.too_many_objects(
                f"{rt.qualified_plural} \"{obj['metadata'].get('name')}\" is forbidden: this playground allows "
                f"at most {lim.max_replicas} replicas")

    def _drop_oldest_events(self) -> None:
        events = self._objects["Event"]
        for key in list(events)[: max(1, len(events) // 10)]:
            del events[key]

    # ---------------------------------------------------------------- update
    def update(self, obj: dict, *, namespace: str | None = None, dry_run: bool = False) -> dict:
        """Replace an object's spec and metadata as PUT would (status is kept); returns a copy."""
        rt, obj = self._admit_shape(obj, internal=False)
        meta = obj.setdefault("metadata", {})
        ns = (meta.get("namespace") or namespace or "default") if rt.namespaced else ""
        name = str(meta.get("name") or "")
        old = self.ref(rt.kind, ns, name)
        if old is None:
            raise errors.not_found(rt.qualified_plural, name)
        rv = meta.get("resourceVersion")
        if rv and str(rv) != old["metadata"]["resourceVersion"]:
            raise errors.conflict(rt.qualified_plural, name,
                                  "the object has been modified; please apply your changes to the latest "
                                  "version and try again")
        if rt.namespaced:
            meta["namespace"] = ns
        from cluster_core.api import defaults, validation

        defaults.apply_defaults(obj, rng=self.rng, uid=old["metadata"]["uid"], create=False)
        for key in ("uid", "creationTimestamp", "generation", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "ownerReferences"):
            if key in old["metadata"] and key not in meta:
                meta[key] = old["metadata"][key]
        causes = self._allocate(rt.kind, obj, old) or validation.validate_update(old, obj)
        if causes:
            raise errors.invalid(rt.kind, name, causes)
        self._check_replicas(rt, obj)
        if "status" in old:
            obj["status"] = copy_obj(old["status"])
        if dry_run:
            return copy_obj(obj)
        if rt.kind in ("ReplicaSet", "DaemonSet", "Job") and obj.get("spec") != old.get("spec"):
            meta["generation"] = int(old["metadata"].get("generation", 1)) + 1
        elif rt.kind == "Deployment" and (obj.get("spec") != old.get("spec") or meta.get("annotations")
                                          != old["metadata"].get("annotations")):
            # the Deployment strategy bumps on annotation changes too: they are copied to its ReplicaSets
            meta["generation"] = int(old["metadata"].get("generation", 1)) + 1
        return self._store(rt.kind, obj, old)

    def replace_internal(self, obj: dict) -> dict:
        """Store a changed live object written by the engine itself (labels, spec.nodeName, finalizers)."""
        meta = obj["metadata"]
        old = self.ref(obj["kind"], meta.get("namespace"), meta["name"])
        return self._store(obj["kind"], obj, old)

    def update_status(self, obj: dict) -> dict:
        """Write a live object whose status the engine changed; bumps resourceVersion and notifies."""
        return self.replace_internal(obj)

    def _store(self, kind: str, obj: dict, old: dict | None) -> dict:
        meta = obj["metadata"]
        meta["resourceVersion"] = self._next_rv()
        key = (meta.get("namespace", ""), meta["name"])
        if (meta.get("deletionTimestamp") and not meta.get("finalizers")
                and not (kind == "Namespace" and (obj.get("spec") or {}).get("finalizers"))
                and kind != "Pod"):
            self._objects[kind].pop(key, None)
            self._notify(kind, "DELETED", obj, old)
            return obj
        self._objects[kind][key] = obj
        self._notify(kind, "MODIFIED", obj, old)
        return obj

    # ---------------------------------------------------------------- delete
    def delete(self, kind: str, namespace: str | None, name: str, *, grace_period: int | None = None,
               propagation: str = "Background", dry_run: bool = False) -> dict:
        """Delete as the API server does: pods get a grace period, finalizers hold objects back.

        Returns a copy of the object as it was at the time of the call.
        """
        rt = resources.for_kind(kind)
        ns = (namespace or "default") if rt.namespaced else ""
        obj = self.ref(kind, ns, name)
        if obj is None:
            raise errors.not_found(rt.qualified_plural, name)
        result = copy_obj(obj)
        if dry_run:
            return result
        meta = obj["metadata"]
        if kind == "Pod":
            self._delete_pod(obj, grace_period)
            return result
        if meta.get("deletionTimestamp"):
            return result
        if propagation == "Foreground":
            meta.setdefault("finalizers", []).append("foregroundDeletion")
        elif propagation == "Orphan":
            meta.setdefault("finalizers", []).append("orphan")
        if kind == "Namespace":
            meta["deletionTimestamp"] = timeutil.rfc3339(self.clock.now)
            obj["status"]["phase"] = "Terminating"
            self._store(kind, obj, result)
            return result
        if meta.get("finalizers"):
            meta["deletionTimestamp"] = timeutil.rfc3339(self.clock.now)
            meta["deletionGracePeriodSeconds"] = 0
            self._store(kind, obj, result)
            return result
        self.remove(kind, ns, name)
        return result

    def _delete_pod(self, pod: dict, grace_period: int | None) -> None:
        meta = pod["metadata"]
        spec_grace = int(pod["spec"].get("terminationGracePeriodSeconds", 30))
        grace = spec_grace if grace_period is None or grace_period < 0 else grace_period
        if meta.get("deletionTimestamp"):
            # A second delete may only shorten the grace period (grace 0 removes at once).
            if grace == 0:
                self.remove("Pod", meta["namespace"], meta["name"])
            return
        if grace == 0 or not pod["spec"].get("nodeName") or pod.get("status", {}).get("phase") in (
                "Succeeded", "Failed"):
            if not meta.get("finalizers"):
                self.remove("Pod", meta["namespace"], meta["name"])
                return
        meta["deletionTimestamp"] = timeutil.rfc3339(self.clock.now + grace)
        meta["deletionGracePeriodSeconds"] = grace
        self._store("Pod", pod, None)

    def remove(self, kind: str, namespace: str | None, name: str) -> dict | None:
        """Remove an object from the store now (the end of a graceful delete, or GC)."""
        obj = self._objects[kind].pop((namespace or "", name), None)
        if obj is not None:
            self.resource_version += 1
            self._notify(kind, "DELETED", obj, obj)
        return obj

    # ---------------------------------------------------------------- events
    def record_event(self, obj: dict, type_: str, reason: str, message: str, source: dict,
                     field_path: str = "") -> None:
        """Record a core/v1 Event about ``obj``, counting repeats of the same reason and message."""
        meta = obj["metadata"]
        ns = meta.get("namespace") or "default"
        now = timeutil.rfc3339(self.clock.now)
        key = (meta.get("uid"), reason, message)
        existing = self._event_index().get(key)
        if existing is not None:
            existing["count"] = existing.get("count", 1) + 1
            existing["lastTimestamp"] = now
            existing["metadata"]["resourceVersion"] = self._next_rv()
            return
        ref = {"apiVersion": obj["apiVersion"], "kind": obj["kind"], "name": meta["name"],
               "namespace": ns if meta.get("namespace") else "", "uid": meta.get("uid"),
               "resourceVersion": meta.get("resourceVersion")}
        if not meta.get("namespace"):
            ref.pop("namespace")
        if field_path:
            ref["fieldPath"] = field_path
        # Real events are named after the creation time in nanoseconds, which keeps them in order.
        self._event_seq = (self._event_seq + 1) % 1000
        name = f"{meta['name']}.{int(self.clock.now * 1e9) + self._event_seq:x}"[:253]
        ev = {"apiVersion": "v1", "kind": "Event",
              "metadata": {"name": name, "namespace": ns, "uid": self.new_uid(),
                           "resourceVersion": self._next_rv(), "creationTimestamp": now},
              "involvedObject": ref, "reason": reason, "message": message, "source": source,
              "firstTimestamp": now, "lastTimestamp": now, "count": 1, "type": type_,
              "eventTime": None, "reportingComponent": source.get("component", ""),
              "reportingInstance": source.get("host", "")}
        if self.count("Event") >= self.limits.max_events:
            self._drop_oldest_events()
        self._objects["Event"][(ns, name)] = ev
        self._events_by_key[key] = ev
        if self._oldest_event is None:
            self._oldest_event = self.clock.now
        self._notify("Event", "ADDED", ev, None)

    def _event_index(self) -> dict:
        idx = self._events_by_key
        if idx is None:
            idx = {}
            for ev in self._objects["Event"].values():
                io = ev["involvedObject"]
                idx[(io.get("uid"), ev["reason"], ev["message"])] = ev
            self._events_by_key = idx
        return idx

    def expire_events(self) -> None:
        """Events live an hour (the API server's default --event-ttl)."""
        cutoff = self.clock.now - EVENT_TTL_SECONDS
        if self._oldest_event is None or self._oldest_event >= cutoff:
            return  # nothing can have expired: no need to read (or load) the events
        events = self._objects["Event"]
        times = {k: timeutil.parse(ev["lastTimestamp"]) or 0.0 for k, ev in events.items()}
        for k, t in times.items():
            if t < cutoff:
                ev = events.pop(k)
                io = ev["involvedObject"]
                self._event_index().pop((io.get("uid"), ev["reason"], ev["message"]), None)
        left = [t for t in times.values() if t >= cutoff]
        self._oldest_event = min(left) if left else None

    def events_for(self, uid: str) -> list[dict]:
        return [ev for ev in self._objects["Event"].values() if ev["involvedObject"].get("uid") == uid]

    # ---------------------------------------------------------------- state
    def to_state(self) -> dict[str, Any]:
        pending = self._objects.pending_events
        events = pending if pending is not None else dumps(list(self._objects["Event"].values()))
        return {"resourceVersion": self.resource_version, "limits": self.limits.to_state(),
                "eventSeq": self._event_seq, "oldestEvent": self._oldest_event, "objects": self._objects_json(),
                "events": events.decode() if isinstance(events, bytes) else events}

    def _objects_json(self) -> str:
        """The stored objects (events aside) as JSON text, written again only after a change.

        Every write to the store bumps ``resource_version``, so the text made at one version stays
        true until the next: the web saves the state after every command, and most commands only read.
        """
        cached = self._saved_objects
        if cached is not None and cached[0] == self.resource_version:
            return cached[1]
        text = dumps([o for kind, bucket in self._objects.items() if kind != "Event" for o in bucket.values()])
        self._saved_objects = (self.resource_version, text)
        return text

    def load_state(self, state: dict[str, Any]) -> None:
        self.resource_version = state["resourceVersion"]
        self.limits = Limits(**state["limits"])
        self._event_seq = int(state.get("eventSeq", 0))
        self._oldest_event = state.get("oldestEvent")
        for obj in orjson.loads(state["objects"]):
            meta = obj["metadata"]
            self._objects[obj["kind"]][(meta.get("namespace", ""), meta["name"])] = obj
        self._saved_objects = (self.resource_version, state["objects"]) if isinstance(state["objects"], str) else None
        if "Event" in self._objects and not self._objects["Event"]:
            del self._objects["Event"]
            self._objects.pending_events = state.get("events") or "[]"
        self._events_by_key = None


def _initial_status(kind: str, obj: dict) -> None:
    if kind == "Pod":
        obj["status"] = {"phase": "Pending", "qosClass": _qos_class(obj)}
    elif kind == "Namespace":
        obj["status"] = {"phase": "Active"}
    elif kind == "ReplicaSet":
        obj["status"] = {"replicas": 0}
    elif kind == "DaemonSet":
        obj["status"] = {"currentNumberScheduled": 0, "desiredNumberScheduled": 0,
                         "numberMisscheduled": 0, "numberReady": 0}
    elif kind in ("Job", "Deployment"):
        obj["status"] = {}
    elif kind == "Service":
        obj["status"] = {"loadBalancer": {}}
    elif kind == "Node":
        obj.setdefault("status", {})


def _qos_class(pod: dict) -> str:
    """Guaranteed when every container's limits equal its requests for cpu and memory, BestEffort when
    no container has any, Burstable otherwise (pkg/apis/core/helper/qos)."""
    containers = pod.get("spec", {}).get("containers") or []
    any_set = False
    guaranteed = True
    for c in containers:
        res = c.get("resources") or {}
        req, lim = res.get("requests") or {}, res.get("limits") or {}
        if req or lim:
            any_set = True
        for r in ("cpu", "memory"):
            if r not in lim or (r in req and str(req[r]) != str(lim[r])):
                guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"
