"""Two workers behave as one site: a change made through one is pushed by the other (over Redis)
and read by the other (from PostgreSQL, never from a stale per-process cache)."""

from __future__ import annotations

import asyncio

import pytest

from bench.liveserver import Socket, is_type, is_view, pods_in_view

pytestmark = pytest.mark.asyncio

TERMINAL = "/ws/terminal/sandbox/"
VIEW = "/ws/cluster/sandbox/"
IDLE = 6.5  # seconds: longer than channels-redis' 5 s blocking pop (BZPOPMIN)


def shows(pod: str):
    return lambda html: pod in pods_in_view(html)


async def open_terminal(worker, session: str) -> Socket:
    term = await Socket.open(worker, TERMINAL, session)
    await term.until(is_type("ready"))
    return term


async def open_view(worker, session: str) -> Socket:
    """A cluster view socket, after its first push (so later pushes are news)."""
    view = await Socket.open(worker, VIEW, session)
    await view.until(is_view)
    return view


async def test_terminal_on_a_view_on_b(site, session):
    """A pod created through worker a's terminal socket shows up in worker b's cluster-view push."""
    term = await open_terminal(site.a, session)
    view = await open_view(site.b, session)
    assert "web" not in pods_in_view(view.seen[-1].data)
    out, done = await term.run("kubectl run web --image=nginx")
    assert (out, done["exit_code"]) == ("pod/web created\n", 0)
    pushed = (await view.until(shows("web"), timeout=5))[-1]
    assert pods_in_view(pushed.data)["web"] in ("Pending", "ContainerCreating"), site.logs()
    await term.close()
    await view.close()


async def test_two_tabs_on_two_workers(site, session):
    """Each page tab (terminal + view) on its own worker: a command typed in one tab shows up in the
    other tab's view and in the other tab's `kubectl get pods`, both ways."""
    tab1_term, tab1_view = await open_terminal(site.a, session), await open_view(site.a, session)
    tab2_term, tab2_view = await open_terminal(site.b, session), await open_view(site.b, session)

    out, _ = await tab1_term.run("kubectl run from-a --image=nginx")
    assert out == "pod/from-a created\n"
    await tab2_view.until(shows("from-a"), timeout=5)
    listed, _ = await tab2_term.run("kubectl get pods -o name")
    assert listed == "pod/from-a\n"

    out, _ = await tab2_term.run("kubectl run from-b --image=busybox -- sleep 3600")
    assert out == "pod/from-b created\n"
    await tab1_view.until(shows("from-b"), timeout=5)
    listed, _ = await tab1_term.run("kubectl get pods -o name")
    assert listed == "pod/from-a\npod/from-b\n"

    out, _ = await tab2_term.run("kubectl delete pod from-a --wait=false")
    assert out == 'pod "from-a" deleted\n'
    await tab1_view.until(lambda html: pods_in_view(html).get("from-a") in (None, "Terminating"), timeout=5)
    for sock in (tab1_term, tab1_view, tab2_term, tab2_view):
        await sock.close()


async def test_files_follow_the_session_across_workers(site, session):
    """The home directory is part of the cluster: a file written on a is read on b."""
    term_a = await open_terminal(site.a, session)
    await term_a.send(type="write_file", tab=0, path="pod.yaml", content="kind: Pod\n")
    await term_a.until(is_type("file_saved"))
    term_b = await open_terminal(site.b, session)
    out, done = await term_b.run("cat pod.yaml")
    assert (out, done["exit_code"]) == ("kind: Pod\n", 0)
    await term_a.close()
    await term_b.close()


async def test_idle_sockets_survive_and_still_get_pushes(site, session):
    """Sockets left idle longer than the channel layer's 5 s blocking read stay open (redis-py 8
    reads with a 5 s timeout unless told otherwise) and still get the next cross-worker push."""
    view = await open_view(site.b, session)
    term = await open_terminal(site.a, session)
    await asyncio.sleep(IDLE)
    out, done = await term.run("kubectl run after-idle --image=nginx")
    assert (out, done["exit_code"]) == ("pod/after-idle created\n", 0), site.logs()
    await view.until(shows("after-idle"), timeout=5)
    assert "Timeout reading from" not in site.logs()
    await term.close()
    await view.close()
