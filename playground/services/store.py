"""Loading and saving a student's Playground, with optimistic locking and a per-process cache.

The database is the truth: every change is a *mutation* that takes the cluster, lets simulated
time catch up with the wall clock, applies a function, and saves with
``UPDATE ... WHERE id = pk AND version = v``. If another tab or worker saved in between, nothing
is written and the mutation runs again on the fresh state (no lost updates). Database records that
belong to the change (the command line, an undo snapshot) are written in the same transaction,
only when the version check succeeds.

The cache keeps the last Playground built per cluster with the version and JSON it came from, so
the common case (one student, one worker) skips ``from_state`` and the JSON parse. A cached
Playground may have caught up with the wall clock since it was saved; that is the same cluster
the saved state would give after ``catch_up``, so it stays valid until the version moves. A
mutation starts from the cached Playground without asking the version first: the version check
of its own save tells whether it was current, and if not it runs again on the saved state.

The state is saved in two parts (``CORE_KEYS``): the API objects, the simulation and the random
generator (``ClusterCore``), about 100 KB for a sandbox, change only when the cluster does; the
clock and the shell sessions (``Cluster.state``), a few KB, change with almost every command. A
save writes the core part only when it differs from what is saved, so ``kubectl get pods``
costs a small write.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from cluster_core import Playground

from .. import lessonapi
from ..models import SANDBOX, Cluster, ClusterCore
from .owners import seed_for

T = TypeVar("T")
# More than the clusters one worker has in use at once: a class of 500 on one worker thrashed a
# cache of 256 (every call rebuilt its Playground from JSON: 40% of the worker's time). A cached
# sandbox with a few pods costs about 0.4 MB plus its saved JSON (docs/performance.md).
CACHE_SIZE = 1024
MAX_ATTEMPTS = 8


class Conflict(Exception):
    """The cluster changed under a mutation more often than it was willing to retry."""


# The parts of Playground.to_state() saved in ``ClusterCore.state``; the others go in ``Cluster.state``.
CORE_KEYS = ("rng", "server", "sim")


@dataclass
class Loaded:
    """A Playground with the saved state and version it was built from.

    ``light`` is the JSON text in ``Cluster.state``; ``core`` the parts in ``ClusterCore``, kept
    as data (not text) so a save can tell whether they changed without writing them out again.
    """

    pk: int
    lesson: str
    version: int
    light: str
    core: dict[str, Any]
    pg: Playground

    @property
    def saved(self) -> str:
        """The whole saved state as one JSON text (what an undo snapshot keeps)."""
        return whole(self.light, dumps(self.core))


@dataclass
class Tx:
    """What a mutation wants written beside the new state, in the same transaction."""

    actions: list[Callable[[], None]] = field(default_factory=list)

    def on_save(self, action: Callable[[], None]) -> None:
        self.actions.append(action)


_cache: OrderedDict[int, Loaded] = OrderedDict()
_lock = threading.RLock()


def dumps(state: dict[str, Any]) -> str:
    """Compact JSON text; orjson writes the same text as ``json.dumps`` here, three times faster."""
    try:
        return orjson.dumps(state).decode()
    except TypeError:  # integers beyond 64 bits, non-string keys
        return json.dumps(state, separators=(",", ":"), ensure_ascii=False)


def split(state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """``Playground.to_state()`` as the ``Cluster.state`` JSON text and the core parts (``CORE_KEYS``)."""
    core = {k: state[k] for k in CORE_KEYS if k in state}
    light = {k: v for k, v in state.items() if k not in core}
    return dumps(light), core


def whole(light: str, core: str) -> str:
    """The two saved parts as one JSON object text, without parsing either (both are objects)."""
    if core.strip() in ("", "{}"):
        return light
    return light.rstrip()[:-1] + "," + core.lstrip()[1:]


def saved_state(light: str, core: str) -> dict[str, Any]:
    """The ``Playground.to_state()`` dict the two saved parts hold."""
    state = orjson.loads(light)
    state.update(orjson.loads(core))
    return state


def saved_row(pk: int) -> dict[str, Any]:
    """The cluster's state as the database holds it now (both parts; the cache is not asked)."""
    light, core = Cluster.objects.values_list("state", "core__state").get(pk=pk)
    return saved_state(light, core or "{}")


def fresh_playground(lesson_slug: str, seed: int) -> Playground:
    """A new cluster for a lesson (its setup applied) or an empty sandbox, on the wall clock.

    Its simulated clock runs a fixed fraction of a second (``phase``) ahead of the wall clock.
    The kubelet and the controllers act on whole simulated seconds; without a phase every
    student's cluster would have its changes due at the same wall instant, and a class's view
    pushes would all land on the server in the same few milliseconds of each second, delaying
    the commands typed just then (docs/performance.md). Nobody can see a shift under a second.
    """
    pg: Playground | None = None
    if lesson_slug != SANDBOX:
        lesson = lessonapi.get_lesson(lesson_slug)
        if lesson is not None:
            pg = lessonapi.new_playground(lesson, seed)
    if pg is None:
        pg = Playground.new(seed=seed)
    pg.advance(phase(seed))
    return pg


def phase(seed: int) -> float:
    """A cluster's fraction of a second ahead of the wall clock, in [0, 1), fixed by its seed (a reset keeps it)."""
    return (seed * 2654435761 % 2**32) / 2**32  # Knuth's multiplicative hash: neighbouring seeds spread too


def ensure_cluster(owner: str, lesson_slug: str) -> int:
    """The id of the owner's cluster for this lesson, creating it on first use."""
    found = Cluster.objects.filter(owner=owner, lesson=lesson_slug).values_list("pk", flat=True).first()
    if found is not None:
        return found
    seed = seed_for(owner, lesson_slug)
    pg = fresh_playground(lesson_slug, seed)
    light, core = split(pg.to_state())
    try:
        with transaction.atomic():
            row = Cluster.objects.create(owner=owner, lesson=lesson_slug, seed=seed, state=light)
            ClusterCore.objects.create(cluster=row, state=dumps(core))
    except IntegrityError:  # another tab created it first
        return Cluster.objects.values_list("pk", flat=True).get(owner=owner, lesson=lesson_slug)
    _remember(Loaded(row.pk, lesson_slug, row.version, light, core, pg))
    return row.pk


def _remember(loaded: Loaded) -> None:
    old = _cache.get(loaded.pk)
    if old is not None and old.pg is not loaded.pg:
        discard(old.pg)
    _cache[loaded.pk] = loaded
    _cache.move_to_end(loaded.pk)
    while len(_cache) > CACHE_SIZE:
        discard(_cache.popitem(last=False)[1].pg)


def _drop(pk: int) -> None:
    """Leave the cached Playground behind (it may be stale or half-changed)."""
    old = _cache.pop(pk, None)
    if old is not None:
        discard(old.pg)


def discard(pg: Playground) -> None:
    """A Playground this worker no longer uses: closed, so it is freed at once even if the garbage
    collector no longer looks at it (``gcpolicy`` freezes long-lived objects)."""
    pg.close()


def forget(pk: int) -> None:
    with _lock:
        _drop(pk)


def load(pk: int) -> Loaded:
    """The cluster as saved now (from the cache when its version is still current)."""
    with _lock:
        version = _version(pk)
        cached = _cache.get(pk)
        if cached is not None and cached.version == version:
            _cache.move_to_end(pk)
            return cached
        lesson, version, light, core = Cluster.objects.values_list(
            "lesson", "version", "state", "core__state").get(pk=pk)
        state = saved_state(light, core or "{}")
        parts = {k: state[k] for k in CORE_KEYS if k in state}
        loaded = Loaded(pk, lesson, version, light, parts, Playground.from_state(state))
        _remember(loaded)
        return loaded


def _version(pk: int) -> int:
    """The saved version, asked on every call: one plain query (the ORM's own costs several times more)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [pk])
        row = cursor.fetchone()
    if row is None:
        raise Cluster.DoesNotExist(f"no cluster {pk}")
    return int(row[0])


_VERSION_SQL = f"SELECT version FROM {Cluster._meta.db_table} WHERE id = %s"
_SAVE_SQL = f"UPDATE {Cluster._meta.db_table} SET state = %s, version = %s, updated = %s WHERE id = %s AND version = %s"


def _write_state(pk: int, version: int, light: str) -> bool:
    """``Cluster.state`` and the next version, if the row is still at ``version``.

    The one write of every command, so it is plain SQL: the ORM's ``update()`` cost several times
    the statement itself on this path (docs/performance.md).
    """
    updated = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_SAVE_SQL, [light, version + 1, updated, pk, version])
        return cursor.rowcount == 1


def read(pk: int, fn: Callable[[Loaded], T]) -> T:
    """Run ``fn`` on the current cluster without saving (it must not change what is saved)."""
    with _lock:
        loaded = load(pk)
        loaded.pg.catch_up()
        return fn(loaded)


def mutate(pk: int, fn: Callable[[Loaded, Tx], T]) -> T:
    """Apply ``fn`` to the current cluster and save it, retrying on a concurrent save.

    The first attempt takes the cached Playground as it is; the save's version check finds out if
    another worker or tab moved on meanwhile (the attempt is then dropped and run again).
    """
    with _lock:
        for attempt in range(MAX_ATTEMPTS):
            cached = _cache.get(pk) if attempt == 0 else None
            loaded = cached if cached is not None else load(pk)
            tx = Tx()
            try:
                loaded.pg.catch_up()
                result = fn(loaded, tx)
                if save(loaded, loaded.pg, tx):
                    return result
            except BaseException:
                _drop(pk)  # the cached Playground may be half-changed
                raise
            _drop(pk)
        raise Conflict(f"cluster {pk} kept changing; gave up after {MAX_ATTEMPTS} attempts")


def save(loaded: Loaded, pg: Playground, tx: Tx | None = None) -> bool:
    """Write ``pg`` over the version ``loaded`` came from; False if someone saved first.

    The core part is written only when it changed (``loaded.core`` is what the row holds).
    """
    light, core = split(pg.to_state())
    with transaction.atomic():
        if not _write_state(loaded.pk, loaded.version, light):
            return False
        if core != loaded.core:
            text = dumps(core)
            if not ClusterCore.objects.filter(cluster_id=loaded.pk).update(state=text):
                ClusterCore.objects.create(cluster_id=loaded.pk, state=text)
        for action in tx.actions if tx else ():
            action()
    _remember(Loaded(loaded.pk, loaded.lesson, loaded.version + 1, light, core, pg))
    return True
