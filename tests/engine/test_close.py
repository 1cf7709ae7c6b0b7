"""``Playground.close`` breaks the playground's reference cycles, so reference counting alone frees
it: a server that freezes long-lived objects out of the garbage collector's sight relies on it."""

from __future__ import annotations

import gc
import weakref

import pytest

from cluster_core import Playground
from tests.tutorial_script import NOW


@pytest.fixture
def no_cyclic_gc():
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    yield
    if enabled:
        gc.enable()


def busy_playground() -> Playground:
    """Pods, a ReplicaSet, a running watch, a port-forward, a background job and an open editor."""
    pg = Playground.new(seed=3, now=NOW)
    pg.execute("kubectl run web --image=nginx")
    pg.advance(30)
    assert pg.start("kubectl get pods -w", 0).running
    assert pg.start("kubectl port-forward web 8888:80", 1).running
    pg.start("sleep 100 &", 2)
    assert pg.start("vi pod.yaml", 3).running
    pg.advance(2)
    pg.poll(0)
    pg.to_state()
    return pg


def test_without_close_a_dropped_playground_waits_for_the_cyclic_collector(no_cyclic_gc):
    pg = busy_playground()
    alive = weakref.ref(pg.server)
    del pg
    assert alive() is not None  # the cycles keep it: this is what close() is for
    gc.collect()
    assert alive() is None


def test_a_closed_playground_is_freed_by_reference_counting_alone(no_cyclic_gc):
    pg = busy_playground()
    refs = [weakref.ref(x) for x in (pg, pg.server, pg.sim, pg.shell, pg.clock)]
    pg.close()
    del pg
    assert [r() for r in refs] == [None] * len(refs)
