"""The worker's garbage-collection policy (playground.gcpolicy) and the store's part in it: every
Playground the worker drops is closed, so freezing long-lived objects leaks nothing."""

from __future__ import annotations

import gc

import pytest

from playground import gcpolicy
from playground.services import history, store, terminal


@pytest.fixture
def collector_restored():
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()


def test_reclaim_frees_cyclic_garbage_that_was_frozen(collector_restored):
    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    gcpolicy.freeze()
    del a, b  # a cycle, now garbage, out of the collector's sight
    assert gc.get_freeze_count() > 0
    freed, took = gcpolicy.reclaim()
    assert freed >= 2 and took >= 0
    assert gc.get_freeze_count() > 0  # the survivors are frozen again


def test_install_sets_small_young_generations_and_starts_one_freezer(collector_restored, monkeypatch):
    started = []

    class FakeThread:
        def __init__(self, target, args, name, daemon):
            started.append((name, args, daemon))

        def start(self):
            pass

    monkeypatch.setattr(gcpolicy.threading, "Thread", FakeThread)
    monkeypatch.setattr(gcpolicy, "_started", gcpolicy.threading.Event())
    gc.set_threshold(700, 10, 10)
    gcpolicy.install({"PLAYGROUND_GC_FREEZE": "0"})
    assert gc.get_threshold() == (700, 10, 10) and started == []
    gcpolicy.install({"PLAYGROUND_GC_RECLAIM_SECONDS": "120"})
    gcpolicy.install({})
    assert gc.get_threshold() == gcpolicy.THRESHOLDS
    assert started == [("gc-freezer", (120.0,), True)]


@pytest.mark.parametrize(("value", "seconds"), [("", 3600.0), ("60", 60.0), ("0.1", gcpolicy.FREEZE_SECONDS),
                                                ("soon", 3600.0)])
def test_reclaim_period_from_the_environment(value, seconds):
    assert gcpolicy.reclaim_seconds({"PLAYGROUND_GC_RECLAIM_SECONDS": value}) == seconds


def test_a_full_collection_waits_for_a_quiet_worker_or_the_period():
    idle, period = gcpolicy.IDLE_SECONDS, 3600.0
    # a class is working: no full collection, however long since the last one (up to the period)
    assert not gcpolicy.due(now=1000.0, last_reclaim=0.0, last_busy=999.0, reclaim_every=period)
    # the class has left: quiet for IDLE_SECONDS after work
    assert gcpolicy.due(now=1000.0 + idle, last_reclaim=0.0, last_busy=1000.0, reclaim_every=period)
    # quiet, but nothing happened since the last collection: nothing to do
    assert not gcpolicy.due(now=2000.0, last_reclaim=1500.0, last_busy=1000.0, reclaim_every=period)
    # busy all along: the period forces one
    assert gcpolicy.due(now=5000.0, last_reclaim=1000.0, last_busy=4999.0, reclaim_every=period)


@pytest.mark.django_db
def test_the_store_closes_every_playground_it_drops(monkeypatch):
    """Replaced on undo and reset, dropped after a failed command, evicted from the cache: closed."""
    closed: list[object] = []
    monkeypatch.setattr(store, "discard", lambda pg: closed.append(pg))
    monkeypatch.setattr(history, "discard", lambda pg: closed.append(pg))
    pk = store.ensure_cluster("s:gc-owner", "sandbox")
    terminal.run(pk, 0, "kubectl run web --image=nginx")
    first = store._cache[pk].pg
    history.undo(pk)
    assert closed == [first]
    second = store._cache[pk].pg
    history.reset(pk)
    assert closed[-1] is second

    def broken(loaded, tx):
        raise RuntimeError("a bug in a service")

    third = store._cache[pk].pg
    with pytest.raises(RuntimeError):
        store.mutate(pk, broken)
    assert closed[-1] is third and pk not in store._cache

    monkeypatch.setattr(store, "CACHE_SIZE", 1)
    evicted = store.load(pk).pg
    other = store.ensure_cluster("s:gc-owner-2", "sandbox")
    assert closed[-1] is evicted
    assert pk not in store._cache and other in store._cache
