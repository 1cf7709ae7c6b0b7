"""Loading and saving a student's Playground, with optimistic locking and a per-process cache.

The database is the truth: every change is a *mutation* that loads the cluster, lets simulated
time catch up with the wall clock, applies a function, and saves with
``UPDATE ... WHERE id = pk AND version = v``. If another tab or worker saved in between, nothing
is written and the mutation runs again on the fresh state (no lost updates). Database records that
belong to the change (the command line, an undo snapshot) are written in the same transaction,
only when the version check succeeds.

The cache keeps the last Playground built per cluster with the version and JSON it came from, so
the common case (one student, one worker) skips ``from_state`` and the JSON parse. A cached
Playground may have caught up with the wall clock since it was saved; that is the same cluster
the saved state would give after ``catch_up``, so it stays valid until the version moves.
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
from ..models import SANDBOX, Cluster
from .owners import seed_for

T = TypeVar("T")
# More than the clusters one worker has in use at once: a class of 500 on one worker thrashed a
# cache of 256 (every call rebuilt its Playground from JSON: 40% of the worker's time). A cached
# sandbox with a few pods costs about 0.4 MB plus its saved JSON (docs/performance.md).
CACHE_SIZE = 1024
MAX_ATTEMPTS = 8


class Conflict(Exception):
    """The cluster changed under a mutation more often than it was willing to retry."""


@dataclass
class Loaded:
    """A Playground with the saved JSON and version it was built from."""

    pk: int
    lesson: str
    version: int
    saved: str
    pg: Playground


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


def fresh_playground(lesson_slug: str, seed: int) -> Playground:
    """A new cluster for a lesson (its setup applied) or an empty sandbox, on the wall clock."""
    if lesson_slug != SANDBOX:
        lesson = lessonapi.get_lesson(lesson_slug)
        if lesson is not None:
            return lessonapi.new_playground(lesson, seed)
    return Playground.new(seed=seed)


def ensure_cluster(owner: str, lesson_slug: str) -> int:
    """The id of the owner's cluster for this lesson, creating it on first use."""
    found = Cluster.objects.filter(owner=owner, lesson=lesson_slug).values_list("pk", flat=True).first()
    if found is not None:
        return found
    seed = seed_for(owner, lesson_slug)
    pg = fresh_playground(lesson_slug, seed)
    saved = dumps(pg.to_state())
    try:
        with transaction.atomic():
            row = Cluster.objects.create(owner=owner, lesson=lesson_slug, seed=seed, state=saved)
    except IntegrityError:  # another tab created it first
        return Cluster.objects.values_list("pk", flat=True).get(owner=owner, lesson=lesson_slug)
    _remember(Loaded(row.pk, lesson_slug, row.version, saved, pg))
    return row.pk


def _remember(loaded: Loaded) -> None:
    _cache[loaded.pk] = loaded
    _cache.move_to_end(loaded.pk)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)


def forget(pk: int) -> None:
    with _lock:
        _cache.pop(pk, None)


def load(pk: int) -> Loaded:
    """The cluster as saved now (from the cache when its version is still current)."""
    with _lock:
        version = _version(pk)
        cached = _cache.get(pk)
        if cached is not None and cached.version == version:
            _cache.move_to_end(pk)
            return cached
        lesson, version, saved = Cluster.objects.values_list("lesson", "version", "state").get(pk=pk)
        loaded = Loaded(pk, lesson, version, saved, Playground.from_state(json.loads(saved)))
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


def read(pk: int, fn: Callable[[Loaded], T]) -> T:
    """Run ``fn`` on the current cluster without saving (it must not change what is saved)."""
    with _lock:
        loaded = load(pk)
        loaded.pg.catch_up()
        return fn(loaded)


def mutate(pk: int, fn: Callable[[Loaded, Tx], T]) -> T:
    """Apply ``fn`` to the current cluster and save it, retrying on a concurrent save."""
    with _lock:
        for _ in range(MAX_ATTEMPTS):
            loaded = load(pk)
            tx = Tx()
            try:
                loaded.pg.catch_up()
                result = fn(loaded, tx)
                if save(loaded, loaded.pg, tx):
                    return result
            except BaseException:
                _cache.pop(pk, None)  # the cached Playground may be half-changed
                raise
            _cache.pop(pk, None)
        raise Conflict(f"cluster {pk} kept changing; gave up after {MAX_ATTEMPTS} attempts")


def save(loaded: Loaded, pg: Playground, tx: Tx | None = None) -> bool:
    """Write ``pg`` over the version ``loaded`` came from; False if someone saved first."""
    saved = dumps(pg.to_state())
    with transaction.atomic():
        n = Cluster.objects.filter(pk=loaded.pk, version=loaded.version).update(
            state=saved, version=loaded.version + 1, updated=timezone.now())
        if n != 1:
            return False
        for action in tx.actions if tx else ():
            action()
    _remember(Loaded(loaded.pk, loaded.lesson, loaded.version + 1, saved, pg))
    return True
