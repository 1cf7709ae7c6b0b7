"""Lesson files from a directory, re-read when they change, so an edit shows without a restart.

Each file is parsed once per modification (``st_mtime_ns`` and size). A file that stops parsing
keeps serving its last good version, so a half-saved edit never makes a lesson vanish from the
site; ``load_problems`` says what is wrong meanwhile. A removed file's lesson goes away.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from playground.lessons.model import Lesson, Problem
from playground.lessons.parse import parse_lesson_file

LESSONS_DIR_ENV = "PLAYGROUND_LESSONS_DIR"
PATTERNS = ("*.yaml", "*.yml")


def default_directory() -> Path:
    """``$PLAYGROUND_LESSONS_DIR``, else ``lessons/`` at the top of the repository."""
    env = os.environ.get(LESSONS_DIR_ENV)
    return Path(env) if env else Path(__file__).resolve().parents[2] / "lessons"


@dataclass
class _Entry:
    stamp: tuple[int, int]
    lesson: Lesson | None
    problems: list[Problem] = field(default_factory=list)


_cache: dict[Path, _Entry] = {}
_lock = threading.Lock()


def lesson_files(directory: str | Path | None = None) -> list[Path]:
    d = Path(directory) if directory is not None else default_directory()
    if not d.is_dir():
        return []
    return sorted({p.resolve() for pat in PATTERNS for p in d.glob(pat) if p.is_file()})


def _entry(path: Path) -> _Entry:
    try:
        st = path.stat()
    except OSError as e:
        return _Entry((0, 0), None, [Problem(str(path), 0, f"cannot read: {e}")])
    stamp = (st.st_mtime_ns, st.st_size)
    with _lock:
        cached = _cache.get(path)
    if cached is not None and cached.stamp == stamp:
        return cached
    lesson, problems = parse_lesson_file(path)
    if lesson is None and cached is not None and cached.lesson is not None:
        lesson = cached.lesson  # keep serving the last good version
    entry = _Entry(stamp, lesson, problems)
    with _lock:
        _cache[path] = entry
    return entry


def _scan(directory: str | Path | None) -> tuple[list[Lesson], list[Problem]]:
    lessons: list[Lesson] = []
    problems: list[Problem] = []
    for path in lesson_files(directory):
        e = _entry(path)
        problems.extend(e.problems)
        if e.lesson is not None:
            lessons.append(e.lesson)
    lessons.sort(key=lambda les: (les.order, les.slug))
    seen: dict[str, Lesson] = {}
    unique = []
    for les in lessons:
        if les.slug in seen:
            problems.append(Problem(les.source, 0, f"slug {les.slug!r} is also used by {seen[les.slug].source}; "
                                    "this file is ignored"))
            continue
        seen[les.slug] = les
        unique.append(les)
    return unique, problems


def load_lessons(directory: str | Path | None = None) -> list[Lesson]:
    """Every lesson in ``directory`` (default: :func:`default_directory`), ordered by ``order``."""
    return _scan(directory)[0]


def load_problems(directory: str | Path | None = None) -> list[Problem]:
    """What is wrong with the files in ``directory`` right now (structure only; see ``validate``)."""
    return _scan(directory)[1]


def get_lesson(slug: str, directory: str | Path | None = None) -> Lesson | None:
    """The lesson with this slug, re-read if its file changed; None if there is none."""
    return next((les for les in load_lessons(directory) if les.slug == slug), None)
