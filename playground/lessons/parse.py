"""A lesson file (YAML, Markdown in block scalars) into a :class:`Lesson`, or problems with lines.

Structure only: no playground is built here, so loading stays cheap enough to re-read a file on
every request after an instructor saves it. ``validate`` adds what needs a cluster (manifests
against the API server, kubectl queries that do not parse).
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from playground.lessons.blocks import Block, commands_in, extract_blocks
from playground.lessons.checks import CheckError, parse_check
from playground.lessons.model import DEFAULT_SETUP_AGE, EXERCISE_ID, LANGS, Lesson, Problem, Setup, Step, Text
from playground.lessons.yamlsource import LList, LMap, SourceError, load, plain

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
LESSON_KEYS = ("slug", "order", "title", "summary", "setup", "steps", "exercise")
STEP_KEYS = ("id", "title", "text", "commands", "checks", "hints", "solution")
SETUP_KEYS = ("nodes", "objects", "files", "age")
MAX_SETUP_AGE = 86400.0


def _node_keys() -> tuple[str, ...]:
    from cluster_core.sim.topology import NodeSpec

    return tuple(f.name for f in fields(NodeSpec))


class _Reader:
    """Collects problems while reading one file."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(self.source, line, message, where))

    def unknown_keys(self, m: LMap, allowed: tuple[str, ...], where: str) -> None:
        for k in m:
            if k not in allowed:
                self.problem(m.key_lines.get(k, m.line), where,
                             f"unknown key {k!r} (allowed: {', '.join(allowed)})")

    def text(self, m: LMap, key: str, where: str, required: bool = True) -> Text:
        """A ``{en: ..., zh-Hans: ...}`` mapping with both languages."""
        v = m.get(key)
        if v is None:
            if required:
                self.problem(m.line, where, f"{key!r} is required: {{en: ..., zh-Hans: ...}}")
            return {lang: "" for lang in LANGS}
        if not isinstance(v, LMap):
            self.problem(m.line_of(key), f"{where}.{key}", "expected a mapping {en: ..., zh-Hans: ...}")
            return {lang: "" for lang in LANGS}
        out: Text = {}
        for lang in LANGS:
            s = v.get(lang)
            if not isinstance(s, str) or not s.strip():
                self.problem(v.line_of(lang), f"{where}.{key}", f"{lang!r} text is missing or empty")
                s = ""
            out[lang] = s
        for k in v:
            if k not in LANGS:
                self.problem(v.key_lines.get(k, v.line), f"{where}.{key}",
                             f"unknown language {k!r} (languages: {', '.join(LANGS)})")
        return out


def parse_lesson_text(text: str, source: str) -> tuple[Lesson | None, list[Problem]]:
    """Parse a lesson file's text; the lesson is None when there are problems."""
    r = _Reader(source)
    try:
        data = load(text)
    except SourceError as e:
        r.problem(e.line, "", f"YAML: {e.message}")
        return None, r.problems
    if not isinstance(data, LMap):
        r.problem(1, "", "a lesson file is a YAML mapping with slug, order, title, summary, setup, steps, exercise")
        return None, r.problems
    r.unknown_keys(data, LESSON_KEYS, "lesson")
    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        r.problem(data.line_of("slug"), "slug", "required: lowercase letters, digits and dashes, e.g. node-selectors")
        slug = ""
    order = data.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        r.problem(data.line_of("order"), "order", "required: a whole number (lessons are listed by it)")
        order = 0
    title = r.text(data, "title", "lesson")
    summary = r.text(data, "summary", "lesson")
    setup = _setup(r, data)
    steps = _steps(r, data)
    exercise = None
    if "exercise" in data:
        exercise = _step(r, data["exercise"], data.line_of("exercise"), "exercise", steps, exercise=True)
    else:
        r.problem(data.line, "lesson", "'exercise' is required: a goal stated without the commands, with checks")
    if r.problems:
        return None, r.problems
    return Lesson(slug, order, title, summary, setup, steps, exercise, source), []


def parse_lesson_file(path: str | Path) -> tuple[Lesson | None, list[Problem]]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(str(p), 0, f"cannot read: {e}")]
    return parse_lesson_text(text, str(p))


# ---------------------------------------------------------------------------------------- setup
def _setup(r: _Reader, data: LMap) -> Setup:
    s = data.get("setup")
    if s is None:
        return Setup()
    if not isinstance(s, LMap):
        r.problem(data.line_of("setup"), "setup", "expected a mapping with nodes, objects, files, age")
        return Setup()
    r.unknown_keys(s, SETUP_KEYS, "setup")
    setup = Setup()
    nodes = s.get("nodes")
    if nodes is not None:
        if not isinstance(nodes, LList) or not nodes:
            r.problem(s.line_of("nodes"), "setup.nodes", "expected a list of nodes ({name: ..., labels: ...})")
        else:
            setup.nodes = _nodes(r, nodes)
    objs = s.get("objects")
    if objs is not None:
        if not isinstance(objs, LList):
            r.problem(s.line_of("objects"), "setup.objects", "expected a list of manifests")
        else:
            for i, o in enumerate(objs):
                where = f"setup.objects[{i}]"
                if not isinstance(o, LMap) or not all(k in o for k in ("apiVersion", "kind", "metadata")):
                    r.problem(objs.line_of(i), where, "expected a manifest with apiVersion, kind and metadata")
                    continue
                setup.objects.append(plain(o))
                setup.object_lines.append(objs.line_of(i))
    files = s.get("files")
    if files is not None:
        if not isinstance(files, LMap):
            r.problem(s.line_of("files"), "setup.files", "expected a mapping of file name to text")
        else:
            for name, body in files.items():
                if not isinstance(name, str) or not isinstance(body, str) or name.startswith("/") or ".." in name:
                    r.problem(files.line_of(name), "setup.files",
                              f"{name!r}: a file name relative to the home directory, and its text")
                else:
                    setup.files[name] = body
    age = s.get("age", DEFAULT_SETUP_AGE)
    if isinstance(age, bool) or not isinstance(age, (int, float)) or not 0 <= age <= MAX_SETUP_AGE:
        r.problem(s.line_of("age"), "setup.age", f"seconds between 0 and {int(MAX_SETUP_AGE)}")
    else:
        setup.age = float(age)
    return setup


def _nodes(r: _Reader, nodes: LList) -> list[dict[str, Any]]:
    allowed = _node_keys()
    out, names = [], set()
    for i, n in enumerate(nodes):
        where = f"setup.nodes[{i}]"
        if not isinstance(n, LMap) or not isinstance(n.get("name"), str):
            r.problem(nodes.line_of(i), where, "a node needs a name")
            continue
        r.unknown_keys(n, allowed, where)
        if n["name"] in names:
            r.problem(n.line_of("name"), where, f"node {n['name']!r} is listed twice")
        names.add(n["name"])
        labels = n.get("labels", {})
        if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
            r.problem(n.line_of("labels"), where, 'labels map keys to strings; quote values such as "true"')
        taints = n.get("taints")
        if taints is not None and (not isinstance(taints, list) or not all(
                isinstance(t, dict) and "key" in t and "effect" in t for t in taints)):
            r.problem(n.line_of("taints"), where, "taints are a list of {key, value?, effect}")
        out.append(plain(n))
    if out and not any(n.get("control_plane") for n in out):
        r.problem(nodes.line, "setup.nodes", "one node must be the control plane (control_plane: true)")
    return out


# ---------------------------------------------------------------------------------------- steps
def _steps(r: _Reader, data: LMap) -> list[Step]:
    raw = data.get("steps")
    if not isinstance(raw, LList) or not raw:
        r.problem(data.line_of("steps"), "steps", "required: a list of steps")
        return []
    steps: list[Step] = []
    seen: dict[str, int] = {}
    for i, m in enumerate(raw):
        step = _step(r, m, raw.line_of(i), f"steps[{i}]", steps)
        if step is None:
            continue
        if step.id in seen:
            r.problem(step.line, f"steps[{i}]", f"step id {step.id!r} is used twice (first on line {seen[step.id]})")
        seen[step.id] = step.line
        steps.append(step)
    return steps


def _step(r: _Reader, m: Any, line: int, where: str, earlier: list[Step], exercise: bool = False) -> Step | None:
    if not isinstance(m, LMap):
        r.problem(line, where, "a step is a mapping with id, title, text, checks, hints, solution")
        return None
    sid = m.get("id", EXERCISE_ID if exercise else None)
    if exercise and sid != EXERCISE_ID:
        r.problem(m.line_of("id"), where, f"the exercise's id is {EXERCISE_ID!r} (or leave it out)")
    elif not exercise and (not isinstance(sid, str) or not ID_RE.match(sid) or sid == EXERCISE_ID):
        r.problem(m.line_of("id"), where, "'id' is required: lowercase letters, digits and dashes "
                  f"(not {EXERCISE_ID!r}), unique in the lesson")
        sid = sid if isinstance(sid, str) else f"#{len(earlier) + 1}"
    if isinstance(sid, str) and not exercise:
        where = f"{where} ({sid})"
    r.unknown_keys(m, STEP_KEYS, where)
    title = r.text(m, "title", where)
    text = r.text(m, "text", where)
    _same_blocks(r, m, text, where)
    commands = _commands(r, m, text, where)
    if exercise and commands:
        r.problem(m.line_of("text"), f"{where}.text", "an exercise states a goal: leave the commands out "
                  "(no sh blocks); hints may point to them")
    checks = _checks(r, m, where)
    hints = _hints(r, m, where)
    solution = _solution(r, m, text, earlier, where)
    return Step(str(sid), title, text, commands, checks, hints, solution, line)


def _same_blocks(r: _Reader, m: LMap, text: Text, where: str) -> None:
    """Translations must show the same files and commands, or the buttons would differ by language."""
    if not all(text.values()):
        return
    en_blocks = extract_blocks(text["en"])
    texts = m.get("text")
    for lang in LANGS[1:]:
        line = texts.text_line(lang) if isinstance(texts, LMap) else m.line
        diff = _block_difference(en_blocks, extract_blocks(text[lang]))
        if diff:
            r.problem(line, f"{where}.text.{lang}", diff)
    seen: set[str] = set()
    for b in en_blocks:
        if b.file and b.file in seen:
            r.problem(_block_line(m, "en", b), f"{where}.text.en", f"file block {b.file!r} appears twice")
        if b.file:
            seen.add(b.file)
        if not b.closed:
            r.problem(_block_line(m, "en", b), f"{where}.text.en", "a fenced block is not closed")
        for c in b.commands:
            if c.endswith("\\") or "<<" in c:
                r.problem(_block_line(m, "en", b), f"{where}.text.en",
                          f"command {c!r}: one command per line, without here-documents or continuations")


def _block_difference(en: list[Block], other: list[Block]) -> str:
    """What differs between the file and command blocks of two translations ('' when nothing)."""
    en_files = {b.file: b.text for b in en if b.file}
    other_files = {b.file: b.text for b in other if b.file}
    for name in en_files:
        if name not in other_files:
            return f"the file block {name!r} of the en text is missing"
        if other_files[name] != en_files[name]:
            return f"the file block {name!r} differs from the en text"
    for name in other_files:
        if name not in en_files:
            return f"the file block {name!r} is not in the en text"
    en_cmds = [c for b in en for c in b.commands]
    other_cmds = [c for b in other for c in b.commands]
    for c in en_cmds:
        if c not in other_cmds:
            return f"the command {c!r} of the en text is missing"
    for c in other_cmds:
        if c not in en_cmds:
            return f"the command {c!r} is not in the en text"
    if en_cmds != other_cmds:
        return "the commands are not in the same order as in the en text"
    return ""


def _block_line(m: LMap, lang: str, b: Block) -> int:
    texts = m.get("text")
    return (texts.text_line(lang) if isinstance(texts, LMap) else m.line) + b.line


def _commands(r: _Reader, m: LMap, text: Text, where: str) -> list[str]:
    if "commands" not in m:
        return commands_in(text["en"])
    v = m["commands"]
    if not isinstance(v, list) or not all(isinstance(c, str) and c.strip() for c in v):
        r.problem(m.line_of("commands"), f"{where}.commands", "a list of command lines")
        return []
    return [c.strip() for c in v]


def _checks(r: _Reader, m: LMap, where: str) -> list:
    v = m.get("checks")
    if not isinstance(v, LList) or not v:
        r.problem(m.line_of("checks"), f"{where}.checks", "every step needs at least one check")
        return []
    out = []
    for i, c in enumerate(v):
        try:
            out.append(parse_check(c, v.line_of(i)))
        except CheckError as e:
            r.problem(e.line, f"{where}.checks[{i}]", e.message)
    return out


def _hints(r: _Reader, m: LMap, where: str) -> dict[str, list[str]]:
    v = m.get("hints")
    if v is None:
        return {lang: [] for lang in LANGS}
    if not isinstance(v, LMap) or set(v) != set(LANGS):
        r.problem(m.line_of("hints"), f"{where}.hints", "hints are {en: [...], zh-Hans: [...]}")
        return {lang: [] for lang in LANGS}
    out = {}
    for lang in LANGS:
        h = v[lang]
        if isinstance(h, str):
            h = [h]
        if not isinstance(h, list) or not all(isinstance(x, str) and x.strip() for x in h):
            r.problem(v.line_of(lang), f"{where}.hints.{lang}", "a list of hints (strings)")
            h = []
        out[lang] = list(h)
    if len(out["en"]) != len(out["zh-Hans"]):
        r.problem(m.line_of("hints"), f"{where}.hints", "en and zh-Hans should give the same number of hints")
    return out


def _solution(r: _Reader, m: LMap, text: Text, earlier: list[Step], where: str) -> list[str]:
    v = m.get("solution")
    if not isinstance(v, LList) or not v:
        r.problem(m.line_of("solution"), f"{where}.solution",
                  "required: the terminal inputs that solve the step (strings, or {save: FILE})")
        return []
    out = []
    for i, item in enumerate(v):
        if isinstance(item, str) and item.strip():
            out.append(item.rstrip("\n"))
        elif isinstance(item, LMap) and set(item) == {"save"} and isinstance(item["save"], str):
            body = _find_file(item["save"], text, earlier)
            if body is None:
                r.problem(v.line_of(i), f"{where}.solution[{i}]",
                          f"no '# file: {item['save']}' block in this step's text or an earlier step's")
            else:
                out.append(heredoc(item["save"], body))
        else:
            r.problem(v.line_of(i), f"{where}.solution[{i}]", "a terminal input (string) or {save: FILE}")
    return out


def _find_file(name: str, text: Text, earlier: list[Step]) -> str | None:
    for t in [text["en"]] + [s.text["en"] for s in reversed(earlier)]:
        for b in extract_blocks(t):
            if b.file == name:
                return b.text
    return None


def heredoc(name: str, body: str) -> str:
    """The terminal input that saves ``body`` as ``name``, as a student would type it."""
    delim = "EOF"
    while delim in body.split("\n"):
        delim += "_"
    return f"cat <<'{delim}' > {name}\n{body}{delim}"
