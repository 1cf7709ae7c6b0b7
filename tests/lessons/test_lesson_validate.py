"""`lessons validate`: problems in a lesson file are reported with the file and line they are on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from playground.lessons.cli import main
from playground.lessons.validate import validate_file
from tests.lessons.helpers import MINIMAL

C = "            - name: c\n              image: nginx:1.9.1\n"
META = "          name: tiny\n        spec:"

CASES = [
    ("yaml-syntax", MINIMAL.replace("slug: tiny", "slug: [tiny"),
     ["{f}:2: YAML: while parsing a flow sequence expected ',' or ']', but got ':'"]),
    ("manifest-invalid", MINIMAL.replace(C, C.replace("name: c", "name: C_bad")),
     ['{f}:18: steps[0] (make-pod).text: file tiny.yaml: The Pod "tiny" is invalid: spec.containers[0].name: '
      'Invalid value: "C_bad": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '
      "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
      "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]),
    ("manifest-unknown-field", MINIMAL.replace("image: nginx", "imagex: nginx"),
     ['{f}:18: steps[0] (make-pod).text: file tiny.yaml: Error from server (BadRequest): Pod in version "v1" '
      'cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagex"']),
    ("manifest-yaml", MINIMAL.replace(META, META.replace("        spec:", "         spec:")),
     ["{f}:22: steps[0] (make-pod).text: file tiny.yaml: YAML: while parsing a block mapping expected "
      "<block end>, but found '<block mapping start>'"]),
    ("setup-object", MINIMAL.replace("setup:\n  files:", "setup:\n  objects:\n    - apiVersion: v1\n      kind: Pod\n"
                                     "      metadata: {name: bad}\n      spec: {containers: []}\n  files:"),
     ['{f}:7: setup.objects: The Pod "bad" is invalid: spec.containers: Required value']),
    ("query-flag", MINIMAL.replace("      - exists: pod/tiny", "      - kubectl: get pods --bogus\n        contains: x"),
     ["{f}:50: steps[0] (make-pod).checks[0]: the query fails: error: unknown flag: --bogus "
      "See 'kubectl get --help' for usage."]),
    ("query-jsonpath", MINIMAL.replace("      - exists: pod/tiny",
                                       "      - kubectl: get pod tiny -o jsonpath={.status\n        contains: x"),
     ["{f}:50: steps[0] (make-pod).checks[0]: the query fails: error: error parsing jsonpath {.status, "
      "unclosed action"]),
    ("save-unknown-file", MINIMAL.replace("      - save: tiny.yaml", "      - save: other.yaml"),
     ["{f}:52: steps[0] (make-pod).solution[0]: no '# file: other.yaml' block in this step's text or an "
      "earlier step's"]),
    ("translation-commands", MINIMAL.replace("        保存:\n", "        保存:\n\n        ```sh\n        kubectl get pods\n"
                                             "        ```\n"),
     ["{f}:32: steps[0] (make-pod).text.zh-Hans: the command 'kubectl get pods' is not in the en text"]),
    ("translation-file", MINIMAL.replace(C, C.replace("name: c", "name: d"), 1),
     ["{f}:32: steps[0] (make-pod).text.zh-Hans: the file block 'tiny.yaml' differs from the en text"]),
    ("no-checks", MINIMAL.replace("    checks:\n      - exists: pod/tiny\n", ""),
     ["{f}:10: steps[0] (make-pod).checks: every step needs at least one check"]),
    ("unknown-key", MINIMAL.replace("    solution:\n      - save", "    solutions: []\n    solution:\n      - save"),
     ["{f}:51: steps[0] (make-pod): unknown key 'solutions' (allowed: id, title, text, commands, checks, hints, "
      "solution)"]),
    ("node-label-bool", MINIMAL.replace("setup:\n", "setup:\n  nodes:\n    - {name: cp, control_plane: true}\n"
                                        "    - {name: w1, labels: {gpu: true}}\n"),
     ['{f}:8: setup.nodes[1]: labels map keys to strings; quote values such as "true"']),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_problem_points_at_file_and_line(name, text, expected, tmp_path):
    """Each kind of mistake is reported as file:line: where: what."""
    f = tmp_path / f"{name}.yaml"
    f.write_text(text, encoding="utf-8")
    assert [str(p) for p in validate_file(f)] == [e.replace("{f}", str(f)) for e in expected]


def test_a_valid_file_has_no_problems(tmp_path):
    """The minimal example lesson validates cleanly."""
    f = tmp_path / "tiny.yaml"
    f.write_text(MINIMAL, encoding="utf-8")
    assert validate_file(f) == []


def test_cli_validate_all_nine_lessons():
    """`lessons validate` with no files checks every lesson of the repository and exits 0."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate"], out, err) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 10 and all(line.endswith(": ok") for line in lines[:9])
    assert lines[-1] == "9 files, 0 problems"
    assert err.getvalue() == ""


def test_cli_validate_reports_and_fails(tmp_path):
    """`lessons validate FILE` prints each problem and exits 1; a missing file exits 2."""
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad.write_text(MINIMAL.replace("order: 5", "order: x"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(good), str(bad)], out, err) == 1
    assert out.getvalue() == (f"{good}: ok\n{bad}:2: order: required: a whole number (lessons are listed by it)\n"
                              "2 files, 1 problem\n")
    assert main(["validate", str(tmp_path / "none.yaml")], out, err) == 2
    assert err.getvalue() == f"lessons: no such file: {tmp_path / 'none.yaml'}\n"


def test_cli_usage_errors():
    """An unknown action exits 2 with a message."""
    err = io.StringIO()
    assert main(["frobnicate"], io.StringIO(), err) == 2
    assert err.getvalue().startswith("lessons: argument action: invalid choice: 'frobnicate'")


def test_repository_lessons_directory_exists():
    """The lessons live at the top of the repository, one YAML file per slug."""
    names = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "lessons").glob("*.yaml"))
    assert names == ["daemonsets.yaml", "delete-and-update.yaml", "jobs.yaml", "label-selectors.yaml", "labels.yaml",
                     "namespaces.yaml", "node-selectors.yaml", "pods.yaml", "replicasets.yaml"]


def test_an_exercise_does_not_give_the_commands(tmp_path):
    """An exercise whose text has an sh block is refused: it states a goal, not the commands."""
    f = tmp_path / "tiny.yaml"
    f.write_text(MINIMAL.replace("  text: {en: Delete it., zh-Hans: 删除它。}",
                                 "  text:\n    en: |\n      ```sh\n      kubectl delete pod tiny\n      ```\n"
                                 "    zh-Hans: |\n      ```sh\n      kubectl delete pod tiny\n      ```\n"),
                 encoding="utf-8")
    assert [str(p) for p in validate_file(f)] == [
        f"{f}:57: exercise.text: an exercise states a goal: leave the commands out (no sh blocks); hints may "
        "point to them"]
