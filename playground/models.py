"""One simulated cluster per (owner, lesson), saved after every command, with undo snapshots,
the command history the lesson checks read, and the steps the student has passed.

An *owner* is ``"s:<session key>"`` for an anonymous browser or ``"u:<user id>"`` when logged in;
the lesson is a slug or ``"sandbox"``. Writes to ``Cluster.state`` and ``ClusterCore.state`` go through
``services.store.save`` with a version check (``UPDATE ... WHERE version = v``) so two commands
arriving at once, on two tabs or two workers, never overwrite each other.
"""

from __future__ import annotations

from django.db import models

SANDBOX = "sandbox"
UNDO_DEPTH = 20


class Cluster(models.Model):
    """A student's Playground (``Playground.to_state()``) for one lesson or the sandbox."""

    owner = models.CharField(max_length=80, db_index=True)
    lesson = models.CharField(max_length=100)
    seed = models.BigIntegerField()
    # Playground.to_state() is saved in two parts (services.store.CORE_KEYS): this row holds the
    # clock and shell, a few KB that change with every command; ClusterCore the ~100 KB of objects
    # and simulation, written only when they change (``kubectl get pods`` does not rewrite them).
    state = models.TextField(help_text="Playground.to_state() without the core parts, as JSON text (parsed only by the engine)")
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "lesson"], name="one_cluster_per_owner_lesson")]

    def __str__(self) -> str:
        return f"{self.owner} / {self.lesson} (v{self.version})"


class ClusterCore(models.Model):
    """The large part of a cluster's saved state: API objects, simulation, random generator (``CORE_KEYS``)."""

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, primary_key=True, related_name="core")
    state = models.TextField(default="{}", help_text="those parts of Playground.to_state() as JSON text")

    def __str__(self) -> str:
        return f"core of cluster {self.cluster_id}"


class Command(models.Model):
    """One line the student ran: what the checks of ``ran a command matching ...`` look at."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="commands")
    tab = models.PositiveSmallIntegerField(default=0)
    line = models.TextField()
    exit_code = models.IntegerField(null=True, blank=True)
    started = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    undone = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.line[:60]


class Snapshot(models.Model):
    """The cluster's state just before a command that changed something, for undo (last ``UNDO_DEPTH``)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="snapshots")
    command = models.ForeignKey(Command, on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    state = models.TextField()
    # Taken when a command kept running before it changed anything: kept only if it does change
    # something before it ends (``sleep 5; kubectl run ...``), dropped otherwise.
    pending = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class StepProgress(models.Model):
    """A lesson step the student has passed; it stays passed (progress is an achievement)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="progress")
    step_id = models.CharField(max_length=100)
    passed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cluster", "step_id"], name="one_pass_per_step")]
        ordering = ["passed_at"]

    def __str__(self) -> str:
        return f"{self.cluster.lesson}:{self.step_id}"
