"""A worker killed with SIGKILL mid-session loses no acknowledged command: a command whose ``done``
reached the browser was saved (state and history in one transaction) before ``done`` was sent."""

from __future__ import annotations

import pytest

from bench.liveserver import Socket, command_lines, is_type, is_view, pods_in_view

pytestmark = pytest.mark.asyncio

TERMINAL = "/ws/terminal/sandbox/"
VIEW = "/ws/cluster/sandbox/"


async def test_sigkill_loses_no_acknowledged_command(site, session):
    """Three acknowledged commands and a file on a; a fourth in flight when a is SIGKILLed. On b the
    three are there (pods, file, both histories), the fourth is all there or not at all; the
    session carries on on b, and on a restarted a."""
    term = await Socket.open(site.a, TERMINAL, session)
    view = await Socket.open(site.a, VIEW, session)
    await term.until(is_type("ready"))
    acknowledged = ["kubectl run d1 --image=nginx", "kubectl label pod d1 tier=web",
                    "echo 'kept' > notes.txt"]
    for line in acknowledged:
        _, done = await term.run(line)
        assert done["exit_code"] == 0, site.logs()
    await view.until(lambda html: "d1" in pods_in_view(html))  # the page is live when a dies
    in_flight = "kubectl run d4 --image=nginx"
    await term.send(type="run", tab=0, line=in_flight)
    site.a.kill()  # no `done` awaited: the command may or may not have been saved

    term_b = await Socket.open(site.b, TERMINAL, session)  # the page reconnects, to the other worker
    ready = (await term_b.until(is_type("ready"))).pop().data
    history = command_lines(site.database_url, session)
    assert history[:3] == acknowledged
    assert history[3:] in ([], [in_flight])
    assert ready["tabs"]["0"]["history"] == history  # the shell state and the rows were saved together
    pods, _ = await term_b.run("kubectl get pods -o name")
    assert pods in ("pod/d1\n", "pod/d1\npod/d4\n") and ("pod/d4" in pods) == (in_flight in history)
    labelled, _ = await term_b.run("kubectl get pods -l tier=web -o name")
    assert labelled == "pod/d1\n"
    out, _ = await term_b.run("cat notes.txt")
    assert out == "kept\n"

    out, done = await term_b.run("kubectl run d5 --image=nginx")  # and carries on
    assert (out, done["exit_code"]) == ("pod/d5 created\n", 0)

    site.a.start()  # a restarted worker (a new port) serves the same cluster
    view_a = await Socket.open(site.a, VIEW, session)
    first = (await view_a.until(is_view))[-1].data
    assert {"d1", "d5"} <= set(pods_in_view(first)), site.logs()
    term_a = await Socket.open(site.a, TERMINAL, session)
    await term_a.until(is_type("ready"))
    out, _ = await term_a.run("kubectl get pod d5 -o name")
    assert out == "pod/d5\n"
    assert command_lines(site.database_url, session)[-2:] == ["kubectl run d5 --image=nginx",
                                                              "kubectl get pod d5 -o name"]
    for sock in (term_b, view_a, term_a):
        await sock.close()
