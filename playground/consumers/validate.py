"""Checking the terminal socket's client messages before anything acts on them.

Every message is a JSON object with a known ``type`` and fields of the right type and size; what
is optional gets its default (``tab`` 0, ``cursor`` at the end of the line). A
:class:`BadMessage` carries the words the client is shown in an ``error`` message.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_FRAME = 512 * 1024  # a frame: enough for a pasted manifest or an edited file
MAX_LINE = 16 * 1024  # one terminal input (here-documents included)
MAX_CONTENT = 256 * 1024  # a file saved from the editor or a lesson's manifest
MAX_TABS = 8
MAX_ADVANCE = 86400
_PATH = re.compile(r"^[A-Za-z0-9._~-][A-Za-z0-9._/-]{0,199}$")


class BadMessage(ValueError):
    """A client message the server will not act on; ``str()`` is the reason."""


def _int(m: dict[str, Any], key: str, default: int | None, lo: int, hi: int) -> int:
    value = m.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadMessage(f"{key!r} must be an integer")
    if not lo <= value <= hi:
        raise BadMessage(f"{key!r} must be between {lo} and {hi}")
    return value


def _str(m: dict[str, Any], key: str, limit: int) -> str:
    value = m.get(key)
    if not isinstance(value, str):
        raise BadMessage(f"{key!r} must be a string")
    if len(value) > limit:
        raise BadMessage(f"{key!r} is too long (at most {limit} characters)")
    if not _is_text(value):
        raise BadMessage(f"{key!r} must be text (no NUL characters or unpaired surrogates)")
    return value


def _is_text(value: str) -> bool:
    """Storable and sendable text: PostgreSQL refuses NUL in a text column, and an unpaired
    surrogate (``"\\ud800"`` in JSON) cannot be encoded as UTF-8 to be sent back."""
    if "\x00" in value:
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _tab(m: dict[str, Any]) -> dict[str, Any]:
    return {"tab": _int(m, "tab", 0, 0, MAX_TABS - 1)}


def _run(m: dict[str, Any]) -> dict[str, Any]:
    return {**_tab(m), "line": _str(m, "line", MAX_LINE)}


def _complete(m: dict[str, Any]) -> dict[str, Any]:
    line = _str(m, "line", MAX_LINE)
    return {**_tab(m), "line": line, "cursor": _int(m, "cursor", len(line), 0, len(line))}


def _advance(m: dict[str, Any]) -> dict[str, Any]:
    seconds = m.get("seconds", 30)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 < seconds <= MAX_ADVANCE:
        raise BadMessage(f"'seconds' must be a number above 0 and at most {MAX_ADVANCE}")
    return {"seconds": float(seconds)}


def _save(m: dict[str, Any]) -> dict[str, Any]:
    out = {**_tab(m), "content": _str(m, "content", MAX_CONTENT), "path": None}
    if m.get("path") is not None:
        out["path"] = _str(m, "path", 200)
    return out


def _write_file(m: dict[str, Any]) -> dict[str, Any]:
    path = _str(m, "path", 200)
    if not _PATH.match(path) or ".." in path.split("/"):
        raise BadMessage("'path' must be a relative file name in the home directory")
    return {**_tab(m), "path": path, "content": _str(m, "content", MAX_CONTENT)}


def _nothing(m: dict[str, Any]) -> dict[str, Any]:
    return {}


FIELDS = {
    "run": _run, "interrupt": _tab, "complete": _complete, "advance": _advance, "pause": _nothing,
    "resume": _nothing, "undo": _nothing, "reset": _nothing, "save": _save, "cancel": _tab,
    "write_file": _write_file,
}


def parse(text: str) -> dict[str, Any]:
    """The checked message (``type`` plus its fields), or :class:`BadMessage`."""
    try:
        m = json.loads(text)
    except (ValueError, RecursionError):
        raise BadMessage("malformed JSON") from None
    if not isinstance(m, dict):
        raise BadMessage("a message must be a JSON object")
    kind = m.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise BadMessage(f"unknown message type {kind!r}"[:200])
    return {"type": kind, **FIELDS[kind](m)}
