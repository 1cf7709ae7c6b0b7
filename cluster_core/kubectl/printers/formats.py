"""``-o json`` and ``-o yaml`` as kubectl prints unstructured objects, and the ``List`` kubectl
wraps several objects in (``kubectl get pods -o yaml``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import goyaml
from .gofmt import to_json as _to_json


def as_list(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The ``v1 List`` kubectl prints for a list result, whatever the kinds inside."""
    return {"apiVersion": "v1", "items": list(items), "kind": "List", "metadata": {"resourceVersion": ""}}


def to_json(obj: Any) -> str:
    """``-o json``: 4-space indent, keys sorted, Go's HTML escaping, a final newline."""
    return _to_json(obj, "    ") + "\n"


def to_yaml(obj: Any) -> str:
    """``-o yaml``: go-yaml v2 layout (sorted keys, indentless lists, 80-column folding)."""
    return goyaml.dump(obj)


def yaml_documents(objs: Iterable[Any]) -> str:
    """One YAML printer used for several objects (``create -f multi.yaml -o yaml``): ``---`` between."""
    return "---\n".join(to_yaml(o) for o in objs)
