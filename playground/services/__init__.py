"""The one place consumers and views go through to reach a student's cluster.

- ``store``: load / mutate / save with optimistic locking (``ensure_cluster``, ``mutate``, ``read``)
- ``terminal``: ``run``, ``poll``, ``interrupt``, ``complete``, ``write_file``, the editor
- ``history``: ``undo``, ``reset``
- ``timectl``: ``pause``, ``resume``, ``advance``, ``current``, ``seconds_until_next_change``
- ``progress``: ``evaluate_steps``, ``progress_by_lesson``, ``attempted``
- ``owners``: who owns a cluster (session or user) and its seed
"""

from __future__ import annotations

from . import history, owners, progress, store, terminal, timectl
from .store import Conflict, ensure_cluster

__all__ = ["Conflict", "ensure_cluster", "history", "owners", "progress", "store", "terminal", "timectl"]
