"""Admin pages for looking at a student's cluster, history and progress (the state JSON stays read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
    list_display = ("owner", "student", "lesson", "version", "created", "updated", "session")
    list_filter = ("lesson",)
    search_fields = ("owner", "lesson")
    readonly_fields = ("owner", "lesson", "seed", "version", "state", "created", "updated")
    inlines = [ProgressInline, CommandInline]

    @admin.display(description=_("student"))
    def student(self, obj: Cluster) -> str:
        """The user's name for ``u:<id>``; an anonymous session as the dashboard names it (never its key)."""
        from .dashboard import student_names

        return student_names({obj.owner})[obj.owner][0]

    @admin.display(description=_("session"))
    def session(self, obj: Cluster) -> str:
        """A link to the dashboard's read-only view of this session (history and cluster)."""
        from .dashboard import session_ref

        return format_html('<a href="{}">{}</a>', reverse("dashboard-session", args=[session_ref(obj.pk)]), _("view"))


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
