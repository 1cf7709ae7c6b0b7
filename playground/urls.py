"""Page URLs. The websocket routes are in ``routing.py``."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from . import accounts, dashboard, transcripts, views

urlpatterns = [
    path("", views.home, name="home"),
    path("sandbox/", views.sandbox, name="sandbox"),
    path("lessons/<slug:slug>/", views.lesson_page, name="lesson"),
    path("lessons/<slug:slug>/hints/<str:step_id>/", views.hints, name="hints"),
    path("lessons/<slug:slug>/transcript.txt", transcripts.download, name="transcript"),
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", accounts.SignOutView.as_view(), name="logout"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("dashboard/", dashboard.index, name="dashboard"),
    path("dashboard/export.csv", dashboard.export_csv, name="dashboard-csv"),
    path("dashboard/session/<slug:slug>/", dashboard.session, name="dashboard-session"),
    path("dashboard/session/<slug:slug>/transcript.txt", dashboard.session_transcript, name="dashboard-transcript"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("playground.grading_api")),
]
