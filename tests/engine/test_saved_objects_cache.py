"""``to_state`` writes the stored objects out again only after a change (the web saves after every
command). The cached text must always equal what a fresh write would give: no part of the engine
may change a stored object without bumping ``resourceVersion``."""

from __future__ import annotations

from cluster_core import Playground
from cluster_core.api.server import dumps
from tests.tutorial_script import NOW, STEPS


def fresh_objects_json(pg: Playground) -> str:
    server = pg.server
    return dumps([o for kind, bucket in server._objects.items() if kind != "Event" for o in bucket.values()])


def test_the_saved_objects_match_a_fresh_write_through_the_whole_tutorial():
    pg = Playground.new(seed=5, now=NOW)
    for line, wait in STEPS:
        pg.execute(line)
        assert pg.to_state()["server"]["objects"] == fresh_objects_json(pg), line
        for _ in range(3):  # the kubelet and controllers act as time passes
            pg.advance(max(wait, 1) / 3)
            assert pg.to_state()["server"]["objects"] == fresh_objects_json(pg), f"after {line}"


def test_a_read_only_command_reuses_the_text_and_a_change_replaces_it():
    pg = Playground.new(seed=5, now=NOW)
    pg.execute("kubectl run web --image=nginx")
    pg.advance(30)
    first = pg.to_state()["server"]["objects"]
    pg.execute("kubectl get pods")
    assert pg.to_state()["server"]["objects"] is first
    pg.execute("kubectl label pod web tier=front")
    assert '"tier":"front"' in pg.to_state()["server"]["objects"]


def test_a_loaded_cluster_starts_from_the_text_it_was_loaded_from():
    pg = Playground.new(seed=5, now=NOW)
    pg.execute("kubectl run web --image=nginx")
    state = pg.to_state()
    again = Playground.from_state(state)
    assert again.to_state()["server"]["objects"] == state["server"]["objects"] == fresh_objects_json(again)
