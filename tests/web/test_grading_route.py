"""The grading API is reachable at /api/grade/ on the real site, and refuses anonymous callers."""

from __future__ import annotations

import json

import pytest


@pytest.mark.django_db
def test_api_grade_is_routed_and_needs_credentials(client) -> None:
    """POST /api/grade/ without credentials: 401 with a JSON error, never a 500."""
    r = client.post("/api/grade/", data=json.dumps({"lesson": "pods", "transcript": "kubectl get pods\n"}),
                    content_type="application/json")
    assert r.status_code == 401
    assert "authentication required" in r.json()["error"]
