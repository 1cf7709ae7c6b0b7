"""Page URLs. The websocket routes are in ``routing.py``."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sandbox/", views.sandbox, name="sandbox"),
    path("lessons/<slug:slug>/", views.lesson_page, name="lesson"),
    path("lessons/<slug:slug>/hints/<str:step_id>/", views.hints, name="hints"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("playground.grading_api")),
]
