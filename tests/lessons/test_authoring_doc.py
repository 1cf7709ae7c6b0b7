"""The complete example in docs/authoring-lessons.md is a valid lesson that passes `lessons test`."""

from __future__ import annotations

import re
from pathlib import Path

from playground.lessons import parse_lesson_file
from playground.lessons.checks import parse_check
from playground.lessons.runner import run_lesson_test
from playground.lessons.validate import validate_file
from playground.lessons.yamlsource import load

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring-lessons.md"


def _yaml_blocks() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.S | re.M)


def test_the_complete_example_validates_and_passes(tmp_path):
    """The example lesson has no problems, and each of its steps fails before and passes after its solution."""
    example = _yaml_blocks()[0]
    assert example.startswith("# A lesson about one pod")
    f = tmp_path / "hello-web.yaml"
    f.write_text(example, encoding="utf-8")
    assert validate_file(f) == []
    lesson, _ = parse_lesson_file(f)
    report = run_lesson_test(lesson)
    assert [(s.step_id, s.problems) for s in report.steps] == [("create", []), ("label", []), ("exercise", [])]


def test_the_check_examples_parse():
    """Every check shown in the reference part of the guide is well-formed."""
    shown = [b for b in _yaml_blocks()[1:] if b.lstrip().startswith("- ")]
    assert len(shown) == 6
    for block in shown:
        items = load(block)
        for i, item in enumerate(items):
            parse_check(item, items.line_of(i))
