"""`python manage.py lessons ...` forwards to the plain-Python CLI and keeps its exit status."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.lessons.helpers import MINIMAL


def test_manage_lessons_validate(tmp_path):
    """`lessons validate FILE` through Django prints one line per file and the summary."""
    f = tmp_path / "tiny.yaml"
    f.write_text(MINIMAL, encoding="utf-8")
    out = io.StringIO()
    call_command("lessons", "validate", str(f), stdout=out)
    assert out.getvalue() == f"{f}: ok\n1 file, 0 problems\n"


def test_manage_lessons_load_prints_a_summary():
    """`lessons load` validates everything and lists the lessons in order (there are no rows to store)."""
    out = io.StringIO()
    call_command("lessons", "load", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "  1  pods               6 steps + 1 exercise  Pods"
    assert lines[8] == "  9  jobs               3 steps + 1 exercise  Jobs"
    assert lines[-1].startswith("9 lessons loaded from ") and lines[-1].endswith(", 0 problems")


def test_manage_lessons_exit_status(tmp_path):
    """A failing test run exits 1; the output still names what failed."""
    (tmp_path / "tiny.yaml").write_text(MINIMAL.replace("kubectl delete pod tiny", "kubectl delete pod other"),
                                        encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(SystemExit) as e:
        call_command("lessons", "test", "tiny", dir=str(tmp_path), stdout=out, stderr=io.StringIO())
    assert e.value.code == 1
    assert "  FAIL  exercise\n" in out.getvalue()
