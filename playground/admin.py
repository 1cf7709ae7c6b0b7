"""Admin pages for looking at a student's cluster, history and progress (the state JSON stays read-only)."""

from __future__ import annotations

from django.contrib import admin

from .models import Cluster, Command, Snapshot, StepProgress


class CommandInline(admin.TabularInline):
    model = Command
    extra = 0
    fields = ("tab", "line", "exit_code", "started", "finished", "undone")
    readonly_fields = fields


class ProgressInline(admin.TabularInline):
    model = StepProgress
    extra = 0
    readonly_fields = ("step_id", "passed_at")


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("owner", "lesson", "version", "created", "updated")
    list_filter = ("lesson",)
    search_fields = ("owner", "lesson")
    readonly_fields = ("owner", "lesson", "seed", "version", "state", "created", "updated")
    inlines = [ProgressInline, CommandInline]


@admin.register(Command)
class CommandAdmin(admin.ModelAdmin):
    list_display = ("cluster", "tab", "line", "exit_code", "started", "undone")
    list_filter = ("undone",)
    search_fields = ("line",)
    raw_id_fields = ("cluster",)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("cluster", "command", "created")
    raw_id_fields = ("cluster", "command")
    readonly_fields = ("state",)


@admin.register(StepProgress)
class StepProgressAdmin(admin.ModelAdmin):
    list_display = ("cluster", "step_id", "passed_at")
    raw_id_fields = ("cluster",)
