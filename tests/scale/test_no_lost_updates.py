"""Two commands for one cluster arriving at once on two workers are applied one after the other:
the version check (``UPDATE ... WHERE version = v``) makes the later save retry on the fresh state."""

from __future__ import annotations

import asyncio

import pytest

from bench.liveserver import Socket, command_lines, is_type

pytestmark = pytest.mark.asyncio

TERMINAL = "/ws/terminal/sandbox/"
ROUNDS = 8


async def test_simultaneous_commands_on_two_workers_both_land(site, session):
    """Eight rounds of two `kubectl run`s sent at the same moment through a and b: every pod exists
    afterwards, and the database history and the shell history hold every line, in one order."""
    term_a = await Socket.open(site.a, TERMINAL, session)
    term_b = await Socket.open(site.b, TERMINAL, session)
    await term_a.until(is_type("ready"))
    await term_b.until(is_type("ready"))
    lines = []
    for i in range(ROUNDS):
        line_a, line_b = f"kubectl run a{i} --image=nginx", f"kubectl run b{i} --image=nginx"
        lines += [line_a, line_b]
        (out_a, done_a), (out_b, done_b) = await asyncio.gather(term_a.run(line_a), term_b.run(line_b))
        assert (out_a, done_a["exit_code"]) == (f"pod/a{i} created\n", 0), site.logs()
        assert (out_b, done_b["exit_code"]) == (f"pod/b{i} created\n", 0), site.logs()

    listed, _ = await term_b.run("kubectl get pods -o name")
    expected = sorted(f"pod/{p}{i}" for p in "ab" for i in range(ROUNDS))
    assert listed.splitlines() == expected

    history = command_lines(site.database_url, session)
    assert sorted(history[:-1]) == sorted(lines)  # the last row is the `get pods` just run
    assert history[-1] == "kubectl get pods -o name"

    term_c = await Socket.open(site.a, TERMINAL, session)  # a reload: the shell history of tab 0
    ready = (await term_c.until(is_type("ready")))[-1].data
    assert ready["tabs"]["0"]["history"] == history  # one order: the order they were applied in
    for sock in (term_a, term_b, term_c):
        await sock.close()
