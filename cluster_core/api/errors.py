"""Errors shaped like the API server's: a reason, an HTTP code and apimachinery's exact message.

Only kubectl adds the ``Error from server (Reason): `` prefix; these messages are the server's
own words (``pods "x" not found``), so each layer can render them as the real one does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

REQUIRED = "Required value"
INVALID = "Invalid value"
UNSUPPORTED = "Unsupported value"
FORBIDDEN = "Forbidden"
TOO_LONG = "Too long"
NOT_FOUND = "Not found"
DUPLICATE = "Duplicate value"
TOO_MANY = "Too many"
INTERNAL = "Internal error"

_NO_VALUE_TYPES = {REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL}
_UNSET = object()


def go_quote(s: str) -> str:
    """Go's %q for a string: JSON escaping is the same for the characters names and labels hold."""
    return json.dumps(s, ensure_ascii=False)


def go_value(value: Any) -> str:
    """Render a bad value as field/errors.go does with %q, %v or %#v (v1.33, before JSON rendering)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        inner = ", ".join(f"{go_quote(k)}:{go_quote(v)}" for k, v in sorted(value.items()))
        return "map[string]string{" + inner + "}"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "[]string{" + ", ".join(go_quote(v) for v in value) + "}"
    return json.dumps(value, sort_keys=True)


@dataclass
class FieldError:
    """One cause of an Invalid error: ``<path>: <Type>[: <value>][: <detail>]`` as field/errors.go prints."""

    path: str
    type: str
    value: Any = _UNSET
    detail: str = ""

    def body(self) -> str:
        if self.type in _NO_VALUE_TYPES or self.value is _UNSET:
            s = self.type
        else:
            s = f"{self.type}: {go_value(self.value)}"
        if self.detail:
            s += f": {self.detail}"
        return s

    def __str__(self) -> str:
        return f"{self.path}: {self.body()}"


def required(path: str, detail: str = "") -> FieldError:
    return FieldError(path, REQUIRED, detail=detail)


def invalid_value(path: str, value: Any, detail: str = "") -> FieldError:
    return FieldError(path, INVALID, value, detail)


def not_supported(path: str, value: Any, supported: list[str]) -> FieldError:
    detail = "supported values: " + ", ".join(go_quote(v) for v in supported)
    return FieldError(path, UNSUPPORTED, value, detail)


def forbidden(path: str, detail: str) -> FieldError:
    return FieldError(path, FORBIDDEN, detail=detail)


@dataclass
class ApiError(Exception):
    """A failed API call: reason (NotFound, AlreadyExists, Invalid, BadRequest, ...), code and message.

    For Invalid errors ``kind``, ``name`` and ``causes`` keep the details kubectl renders as
    ``The Pod "x" is invalid: ...``.
    """

    reason: str
    code: int
    message: str
    kind: str = ""
    name: str = ""
    causes: list[FieldError] = field(default_factory=list)

    def __post_init__(self) -> None:
        Exception.__init__(self, self.message)

    def __str__(self) -> str:
        return self.message


def not_found(resource: str, name: str) -> ApiError:
    """``pods "x" not found``; resource is the plural with its group (``replicasets.apps``)."""
    return ApiError("NotFound", 404, f'{resource} "{name}" not found')


def already_exists(resource: str, name: str) -> ApiError:
    return ApiError("AlreadyExists", 409, f'{resource} "{name}" already exists')


def bad_request(message: str) -> ApiError:
    return ApiError("BadRequest", 400, message)


def conflict(resource: str, name: str, detail: str) -> ApiError:
    return ApiError("Conflict", 409, f'Operation cannot be fulfilled on {resource} "{name}": {detail}')


def forbidden_error(message: str) -> ApiError:
    return ApiError("Forbidden", 403, message)


def invalid(kind: str, name: str, causes: list[FieldError]) -> ApiError:
    """The server's Invalid status: message ``Pod "x" is invalid: [a, b]`` with causes kept for kubectl."""
    if len(causes) == 1:
        text = str(causes[0])
    else:
        text = "[" + ", ".join(str(c) for c in causes) + "]"
    return ApiError("Invalid", 422, f'{kind} "{name}" is invalid: {text}', kind=kind, name=name, causes=causes)


def too_many_objects(message: str) -> ApiError:
    """The playground's own quota, phrased like a ResourceQuota refusal."""
    return ApiError("Forbidden", 403, message)
