"""The site's URLs plus the grading API, as ``urls.py`` will include it."""

from __future__ import annotations

from django.urls import include, path

from playground.urls import urlpatterns as site

urlpatterns = [*site, path("api/", include("playground.grading_api"))]
