"""``lessons validate``: structure, every manifest against the API server, every check well-formed.

Structure comes from :mod:`parse`. Then a scratch playground with the lesson's setup is built
(which validates the setup objects for real), and every ``# file:`` manifest in the step texts
is created on it with ``dry_run=True``: the server's strict decoding, defaults and validation
speak, with their own words, at the manifest's line in the lesson file. kubectl queries in
checks are run once on the scratch cluster: a client-side error (unknown flag, bad JSONPath,
unknown resource type) or a rejected selector is reported; "not found" is expected there.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from cluster_core.api.errors import ApiError
from playground.lessons.blocks import extract_blocks
from playground.lessons.checks import KubectlCheck, run_query
from playground.lessons.model import Lesson, Problem
from playground.lessons.parse import parse_lesson_file
from playground.lessons.runtime import SetupError, _api_message, new_playground
from playground.lessons.yamlsource import LList, LMap, SourceError, load

VALIDATE_NOW = datetime(2026, 1, 1, tzinfo=UTC)


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem in one lesson file (an empty list when it is fine)."""
    lesson, problems = parse_lesson_file(path)
    if lesson is None:
        return problems
    try:
        pg = new_playground(lesson, seed=0, now=VALIDATE_NOW)
    except SetupError as e:
        return [Problem(lesson.source, e.line, e.message, "setup.objects")]
    raw = load(Path(path).read_text(encoding="utf-8"))
    out: list[Problem] = []
    out += _manifests(lesson, raw, pg)
    out += _queries(lesson, pg)
    return out


def _step_maps(raw: LMap) -> list[tuple[str, LMap]]:
    steps = raw.get("steps")
    out = []
    if isinstance(steps, LList):
        for i, s in enumerate(steps):
            if isinstance(s, LMap):
                out.append((f"steps[{i}] ({s.get('id')})", s))
    if isinstance(raw.get("exercise"), LMap):
        out.append(("exercise", raw["exercise"]))
    return out


def _manifests(lesson: Lesson, raw: LMap, pg: Any) -> list[Problem]:
    out = []
    for where, step in _step_maps(raw):
        texts = step.get("text")
        if not isinstance(texts, LMap) or not isinstance(texts.get("en"), str):
            continue
        base = texts.text_line("en")
        for b in extract_blocks(texts["en"]):
            if not b.file:
                continue
            first = base + b.body_line
            for line, msg in _check_manifest(b.text, pg):
                out.append(Problem(lesson.source, first + line, msg, f"{where}.text: file {b.file}"))
    return out


def _check_manifest(text: str, pg: Any) -> list[tuple[int, str]]:
    """(line offset in the block, message) for each problem of a manifest block."""
    try:
        docs = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        return [(mark.line if mark else 0, f"YAML: {' '.join(str(x) for x in (e.context, e.problem) if x)}")]
    out = []
    for node in docs:
        if node is None:
            continue
        offset = node.start_mark.line
        obj = yaml.safe_load(yaml.serialize(node))
        if not isinstance(obj, dict) or "apiVersion" not in obj or "kind" not in obj:
            out.append((offset, "a file block must be a Kubernetes manifest with apiVersion and kind"))
            continue
        msg = _dry_run(pg, obj)
        if msg:
            out.append((offset, msg))
    return out


def _dry_run(pg: Any, obj: dict) -> str | None:
    ns = (obj.get("metadata") or {}).get("namespace") if isinstance(obj.get("metadata"), dict) else None
    for _ in range(2):
        try:
            pg.cluster.create(copy.deepcopy(obj), dry_run=True)
            return None
        except ApiError as e:
            if e.reason == "AlreadyExists":
                return None
            if e.reason == "NotFound" and ns and e.message.startswith("namespaces "):
                pg.cluster.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}})
                continue
            return _api_message(e)
    return None


def _jsonpath_error(argv: list[str]) -> str | None:
    """The parse error of a query's ``-o jsonpath=...`` template, checked on its own."""
    from cluster_core.kubectl.printers.jsonpath_parse import JSONPathError, parse

    for i, a in enumerate(argv):
        value = None
        for prefix in ("-ojsonpath=", "--output=jsonpath=", "-o=jsonpath="):
            if a.startswith(prefix):
                value = a[len(prefix):]
        if a in ("-o", "--output") and i + 1 < len(argv) and argv[i + 1].startswith("jsonpath="):
            value = argv[i + 1][len("jsonpath="):]
        if value is not None:
            try:
                parse(value)
            except JSONPathError as e:
                return e.message
    return None


def _queries(lesson: Lesson, pg: Any) -> list[Problem]:
    out = []
    for n, step in enumerate(lesson.all_steps):
        for i, chk in enumerate(step.checks):
            if not isinstance(chk, KubectlCheck):
                continue
            rc, _, err = run_query(pg, chk.argv)
            template_error = _jsonpath_error(chk.argv)
            if template_error:  # kubectl reports a missing object first; the template is wrong regardless
                rc, err = 1, f"error: {template_error}"
            if rc != 0 and (err.startswith("error:") or "(BadRequest)" in err):
                where = f"exercise.checks[{i}]" if step.is_exercise else f"steps[{n}] ({step.id}).checks[{i}]"
                out.append(Problem(lesson.source, chk.line, "the query fails: " + " ".join(err.split()), where))
    return out


def source_error(path: str | Path) -> Problem | None:
    """A YAML syntax problem, for callers that only need to know whether the file parses."""
    try:
        load(Path(path).read_text(encoding="utf-8"))
    except SourceError as e:
        return Problem(str(path), e.line, e.message)
    return None
