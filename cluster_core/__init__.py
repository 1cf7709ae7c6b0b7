"""A simulated Kubernetes v1.33 cluster in pure Python, behind one public API: :class:`Playground`."""

from cluster_core.playground import Playground

__all__ = ["Playground"]
