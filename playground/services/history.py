"""Undo (back to the state before the last command that changed something) and reset (a fresh cluster).

Undo keeps the current clock settings (fast-forwards and pause): simulated time never runs
backwards for the student; the restored cluster simply catches up with the present, as if the
undone command had never been typed. Undone lines leave the history the lesson checks read.
Recorded step progress survives both: a passed step stays passed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from cluster_core import Playground

from ..models import Cluster, Command, Snapshot
from .store import Loaded, Tx, discard, fresh_playground, mutate


@dataclass
class Undone:
    """What an undo did: the line it took back (None for a saved file), or nothing to undo."""

    ok: bool
    line: str | None = None
    prompts: dict[int, str] | None = None


def _replace(loaded: Loaded, pg: Playground) -> None:
    """Make the mutation save ``pg`` instead of the loaded Playground (which is not used again)."""
    old, loaded.pg = loaded.pg, pg
    discard(old)


def undo(cluster_pk: int) -> Undone:
    """Restore the snapshot taken before the last changing command; drop it and what came after."""
    def apply(loaded: Loaded, tx: Tx) -> Undone:
        snap = Snapshot.objects.filter(cluster_id=loaded.pk, pending=False).order_by("-id").first()
        if snap is None:
            return Undone(False)
        state = json.loads(snap.state)
        state["wall"] = loaded.pg.to_state()["wall"]
        pg = Playground.from_state(state)
        pg.catch_up()
        _replace(loaded, pg)
        line = Command.objects.filter(pk=snap.command_id).values_list("line", flat=True).first()

        def record() -> None:
            after = Q(id__gte=snap.command_id) if snap.command_id else Q(started__gt=snap.created)
            Command.objects.filter(Q(cluster_id=loaded.pk) & after).update(undone=True)
            Command.objects.filter(cluster_id=loaded.pk, finished__isnull=True).update(
                exit_code=130, finished=timezone.now())
            Snapshot.objects.filter(cluster_id=loaded.pk, id__gte=snap.id).delete()
            Snapshot.objects.filter(cluster_id=loaded.pk, pending=True).delete()

        tx.on_save(record)
        shell = pg.shell.shell
        return Undone(True, line, {t: shell.prompt(t) for t in sorted(set(shell.sessions) | {0})})

    return mutate(cluster_pk, apply)


def reset(cluster_pk: int) -> str:
    """A fresh cluster for the lesson (its setup again, same seed); history and undo start over."""
    def apply(loaded: Loaded, tx: Tx) -> str:
        seed = Cluster.objects.values_list("seed", flat=True).get(pk=loaded.pk)
        pg = fresh_playground(loaded.lesson, seed)
        _replace(loaded, pg)

        def record() -> None:
            Snapshot.objects.filter(cluster_id=loaded.pk).delete()
            Command.objects.filter(cluster_id=loaded.pk).delete()

        tx.on_save(record)
        return pg.shell.shell.prompt(0)

    return mutate(cluster_pk, apply)
