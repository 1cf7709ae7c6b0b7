"""Websocket consumers: the terminal's JSON protocol and the cluster view's HTML pushes."""

from __future__ import annotations

from .cluster import ClusterViewConsumer
from .terminal import TerminalConsumer

__all__ = ["ClusterViewConsumer", "TerminalConsumer"]
