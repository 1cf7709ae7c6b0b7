"""The embedded default's in-memory channel layer: the expiry sweep runs at most once a second."""

from __future__ import annotations

import asyncio

import pytest

from playground import layers
from playground.layers import InMemoryChannelLayer

pytestmark = pytest.mark.asyncio


async def test_expired_messages_are_swept_at_most_once_a_second(monkeypatch):
    """A message past its expiry is dropped by the next sweep; within the interval nothing is walked."""
    layer = InMemoryChannelLayer(expiry=0.01)
    await layer.send("old.one", {"type": "x"})
    await asyncio.sleep(0.03)
    await layer.group_send("nobody", {"type": "x"})  # the first call sweeps
    assert "old.one" not in layer.channels
    await layer.send("old.two", {"type": "x"})
    await asyncio.sleep(0.03)
    await layer.group_send("nobody", {"type": "x"})  # within the second: no sweep
    assert "old.two" in layer.channels
    monkeypatch.setattr(layers, "SWEEP_INTERVAL", 0.0)
    await layer.group_send("nobody", {"type": "x"})
    assert "old.two" not in layer.channels


async def test_group_send_still_delivers():
    """Members of a group get a group message, as with Channels' own layer."""
    layer = InMemoryChannelLayer()
    a, b = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("cluster.1", a)
    await layer.group_add("cluster.1", b)
    await layer.group_send("cluster.1", {"type": "cluster.updated"})
    assert await layer.receive(a) == {"type": "cluster.updated"}
    assert await layer.receive(b) == {"type": "cluster.updated"}
