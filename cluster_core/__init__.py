"""A simulated Kubernetes v1.33 cluster in pure Python, behind one public API: :class:`Playground`."""
