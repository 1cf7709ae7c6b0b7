"""Each new cluster's simulated clock runs a fixed fraction of a second ahead of the wall clock,
so that a class's clusters do not all have their changes due at the same instant of each second."""

from __future__ import annotations

import time

import pytest

from playground.services import store
from playground.services.timectl import seconds_until_next_change


@pytest.mark.parametrize("slug", ["sandbox", "pods"])
def test_clusters_made_at_once_have_their_changes_due_at_different_instants(slug):
    due = []
    for seed in range(40):
        pg = store.fresh_playground(slug, seed)
        pg.execute("kubectl run web --image=nginx")
        due.append((time.time() + seconds_until_next_change(pg)) % 1.0)  # the wall instant, within its second
    tenths = {int(d * 10) for d in due}
    assert len(tenths) >= 8, sorted(due)


def test_the_phase_is_under_a_second_and_fixed_by_the_seed():
    assert all(0 <= store.phase(seed) < 1 for seed in range(2000))
    assert store.phase(12345) == store.phase(12345)
    pg = store.fresh_playground("sandbox", 12345)
    ahead = pg.clock.now - time.time()
    assert store.phase(12345) - 0.05 <= ahead <= store.phase(12345) + 0.05
