"""The lesson engine (``playground.lessons``) as the site uses it, and the language of its texts.

The site works with the sandbox alone while the lesson package is missing (it is written in
parallel): every function here then behaves as if there were no lessons. Lesson texts are dicts
keyed by ``"en"`` / ``"zh-Hans"``; Django's language codes are ``en`` / ``zh-hans``.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from django.utils import translation

LESSON_LANGS = {"en": "en", "zh-hans": "zh-Hans"}


def _engine() -> ModuleType | None:
    try:
        return importlib.import_module("playground.lessons")
    except ModuleNotFoundError as e:
        if e.name in ("playground.lessons",):
            return None
        raise


def load_lessons() -> list[Any]:
    engine = _engine()
    return list(engine.load_lessons()) if engine else []


def get_lesson(slug: str) -> Any | None:
    engine = _engine()
    return engine.get_lesson(slug) if engine else None


def new_playground(lesson: Any, seed: int) -> Any:
    engine = _engine()
    assert engine is not None, "a lesson without the lesson engine"
    return engine.new_playground(lesson, seed=seed)


def evaluate(lesson: Any, pg: Any, history: list[str]) -> list[Any]:
    engine = _engine()
    return list(engine.evaluate(lesson, pg, history)) if engine else []


def lesson_lang(django_lang: str | None = None) -> str:
    """The lesson-text key for a Django language code (default: the active language)."""
    code = (django_lang or translation.get_language() or "en").lower()
    return LESSON_LANGS.get(code, LESSON_LANGS.get(code.split("-")[0], "en"))


def text(value: Any, lang: str | None = None) -> str:
    """A text in the lesson language: a plain string, or a dict falling back to English."""
    if value is None:
        return ""
    if isinstance(value, dict):
        key = lang or lesson_lang()
        return str(value.get(key) or value.get("en") or next(iter(value.values()), ""))
    return str(value)


def texts(value: Any, lang: str | None = None) -> list[str]:
    """A list of texts in the lesson language (hints): a list, or a dict of lists."""
    if value is None:
        return []
    if isinstance(value, dict):
        key = lang or lesson_lang()
        return [str(v) for v in (value.get(key) or value.get("en") or [])]
    return [str(v) for v in value]
