"""The live cluster view (ws/cluster/<slug>/): HTML pushes for htmx's ws extension."""

from __future__ import annotations

import re
import time

import pytest
from asgiref.sync import sync_to_async

from playground.models import Cluster
from playground.services import timectl
from tests.web.wsclient import Socket, anew_session, is_type

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def pod_card(html: str, name: str) -> dict[str, str] | None:
    """The data attributes of the pod's card in a pushed fragment, or None."""
    m = re.search(rf'<li class="pod status-(\w+)" data-pod="{re.escape(name)}"[^>]*>', html)
    if m is None:
        return None
    attrs = dict(re.findall(r'data-([\w-]+)="([^"]*)"', m.group(0)))
    return {"css": m.group(1), **attrs}


def card_is(name: str, status: str):
    return lambda html: isinstance(html, str) and (pod_card(html, name) or {}).get("status") == status


async def open_pair(socket, slug: str = "sandbox", **kw) -> tuple[Socket, Socket]:
    term = socket(f"/ws/terminal/{slug}/", **kw)
    assert (await term.connect())[0]
    await term.until(is_type("ready"))
    view = socket(f"/ws/cluster/{slug}/", **kw)
    assert (await view.connect())[0]
    return term, view


async def test_first_push_is_an_out_of_band_cluster_view(socket):
    """On connect the view arrives as #cluster-view (oob) plus the namespace filter, with the three nodes."""
    term, view = await open_pair(socket)
    html = await view.receive()
    assert html.startswith('<div id="cluster-view" hx-swap-oob="true" data-namespace="" data-paused="false">')
    assert '<div id="cluster-filter" class="cluster-filter" hx-swap-oob="true">' in html
    assert re.findall(r'data-node="([\w-]+)"', html) == ["kubesphere01", "kubesphere02", "kubesphere03"]
    assert 'data-pod="' not in html  # kube-system is hidden by default
    await term.close()
    await view.close()


async def test_created_pod_is_pushed_and_turns_running(socket):
    """A pod created in the terminal appears at once (Pending), by itself becomes ContainerCreating
    one to two seconds later (the timer sleeps until the next change; the kubelet acts on whole
    seconds), and Running after a fast-forward."""
    term, view = await open_pair(socket)
    await view.receive()
    await term.run("kubectl run nginx --image=nginx")
    pending = (await view.until(card_is("nginx", "Pending"), timeout=2))[-1]
    assert pod_card(pending, "nginx") == {"css": "pending", "pod": "nginx", "namespace": "default",
                                          "phase": "Pending", "status": "Pending"}
    due_in = await sync_to_async(lambda: timectl.current(Cluster.objects.get(lesson="sandbox").pk).wait)()
    t0 = time.monotonic()
    await view.until(card_is("nginx", "ContainerCreating"), timeout=3)
    assert due_in is not None and time.monotonic() - t0 < due_in + 1.0  # within a second of the change
    await term.send(type="advance", seconds=30)
    clock = (await term.until(is_type("clock")))[-1]
    assert clock["advanced"] == 30 and clock["paused"] is False
    running = (await view.until(card_is("nginx", "Running"), timeout=2))[-1]
    assert pod_card(running, "nginx")["phase"] == "Running"
    assert 'data-node="kubesphere0' in running
    await term.close()
    await view.close()


async def test_namespace_filter_from_htmx(socket):
    """htmx's ws-send posts {"namespace": ...}: "*" shows kube-system's pods too."""
    term, view = await open_pair(socket)
    await view.receive()
    await view.send(namespace="*", HEADERS={"HX-Request": "true"})
    html = (await view.until(lambda h: isinstance(h, str) and "calico-node" in h))[-1]
    assert 'data-namespace="*"' in html
    await view.send(namespace="kube-system")
    html = (await view.until(lambda h: isinstance(h, str) and 'data-namespace="kube-system"' in h))[-1]
    assert 'data-pod="coredns-' in html
    await term.close()
    await view.close()


async def test_workloads_and_events_are_shown(socket):
    """A ReplicaSet shows desired/current/ready counts; the event feed lists the newest events."""
    term, view = await open_pair(socket)
    await view.receive()
    manifest = """apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
"""
    await term.send(type="write_file", tab=0, path="rs.yaml", content=manifest)
    await term.until(is_type("file_saved"))
    output, done = await term.run("kubectl create -f rs.yaml")
    assert (output, done["exit_code"]) == ("replicaset.apps/web created\n", 0)
    await term.send(type="advance", seconds=30)
    html = (await view.until(lambda h: isinstance(h, str) and 'data-ready="2"' in h))[-1]
    assert re.search(r'<tr data-name="web" data-namespace="default" data-desired="2" data-current="2" data-ready="2"'
                     r' title="selector: app=web">', html)
    assert 'title="app=web" tabindex="0"' in html  # labels on hover
    assert html.count('<li class="event event-normal"') == 10  # the ten newest of twelve
    assert 'data-reason="Started"><time datetime="' in html
    await term.close()
    await view.close()


async def test_view_of_another_session_stays_empty(socket):
    """A second session's cluster view never shows the first session's pods."""
    term, _view = await open_pair(socket)
    await term.run("kubectl run mine --image=nginx")
    other = socket("/ws/cluster/sandbox/", key=await anew_session())
    assert (await other.connect())[0]
    html = await other.receive()
    assert 'data-pod="mine"' not in html
    await term.close()
    await _view.close()
    await other.close()


async def test_cluster_socket_needs_a_session(socket):
    """Without a session the cluster socket is refused too."""
    s = socket("/ws/cluster/sandbox/", key=None)
    assert await s.connect() == (False, 4401)


async def test_a_command_that_changes_the_cluster_later_updates_the_view(socket):
    """`sleep 1; kubectl run late ...` creates its pod a second later: the view shows it then."""
    term, view = await open_pair(socket)
    await view.receive()
    await term.send(type="run", tab=0, line="sleep 1; kubectl run late --image=nginx")
    got = await term.until(is_type("done"), timeout=4)
    assert "".join(m["data"] for m in got if is_type("output")(m)) == "pod/late created\n"
    await view.until(card_is("late", "Pending"), timeout=2)
    await term.close()
    await view.close()


async def test_a_change_the_view_does_not_show_sends_nothing(socket):
    """Saving a file changes the cluster's state (every view is told) but not what the view shows:
    nothing is pushed. A pod created afterwards is pushed as usual."""
    term, view = await open_pair(socket)
    await view.receive()
    await term.send(type="write_file", tab=0, path="pod.yaml", content="kind: Pod\n")
    await term.until(is_type("file_saved"))
    assert await view.comm.receive_nothing(timeout=0.5)
    await term.run("kubectl run nginx --image=nginx")
    await view.until(card_is("nginx", "Pending"), timeout=2)
    await term.close()
    await view.close()
