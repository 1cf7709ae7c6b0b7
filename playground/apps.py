"""The playground app: clusters per session, progress, consumers."""

from __future__ import annotations

from django.apps import AppConfig


class PlaygroundConfig(AppConfig):
    name = "playground"
    verbose_name = "Kubernetes playground"
    default_auto_field = "django.db.models.BigAutoField"
