"""``-o jsonpath`` as kubectl runs it: a port of client-go ``util/jsonpath`` (parser and
evaluator, v1.33) over unstructured data, with kubectl's error texts.

Grammar (inside ``{...}``; text outside braces is printed as is)::

    action  := ( field | '..' | '[' index ']' | '[?(' filter ')]' | quoted | number | ident | '@' | '$' )*
    field   := '.' name | '.*'            name ends at space . , [ ] $ @ { } (``\\.`` escapes a dot)
    index   := '*' | slice | 'key' | a,b  slice is start:end:step, negatives count from the end
    filter  := left op right | path       op is one of < > == != <= >= (a lone path tests existence)
    ident   := range | end | true | false
"""

from __future__ import annotations

from typing import Any

from .gofmt import format_float_g, quote, sharp_v, sprint
from .gofmt import to_json as go_json
from .jsonpath_parse import (
    ArrayNode,
    FieldNode,
    FilterNode,
    IdentifierNode,
    JSONPathError,
    ListNode,
    RecursiveNode,
    TextNode,
    UnionNode,
    ValueNode,
    WildcardNode,
    parse,
)

__all__ = ["JSONPathError", "find_results", "jsonpath", "parse"]


class _ExecError(Exception):
    pass


# --- evaluation ---

_MISSING = object()


def _go_type(v: Any) -> str:
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    return "interface {}"


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    raise _ExecError("invalid type for comparison")


def _equal(a: Any, b: Any) -> bool:
    if _kind(a) != _kind(b):
        raise _ExecError("incompatible types for comparison")
    return a == b


def _less(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        raise _ExecError("incompatible types for comparison")
    if ka == "bool":
        raise _ExecError("invalid type for comparison")
    return a < b


_OPS = {
    "<": _less, ">": lambda a, b: not (_less(a, b) or _equal(a, b)), "==": _equal,
    "!=": lambda a, b: not _equal(a, b), "<=": lambda a, b: _less(a, b) or _equal(a, b),
    ">=": lambda a, b: not _less(a, b),
}


def _children(v: Any) -> list[Any]:
    if isinstance(v, dict):
        return [v[k] for k in sorted(v)]
    if isinstance(v, list):
        return list(v)
    if isinstance(v, str):
        return list(v.encode())
    return []


class _Evaluator:
    def __init__(self, root: ListNode, allow_missing_keys: bool) -> None:
        self.nodes = root.nodes
        self.allow_missing = allow_missing_keys
        self.begin_range = self.in_range = self.end_range = 0
        self.last_end_node: Any = None

    def find_results(self, data: Any, nodes: list[Any]) -> list[list[Any]]:
        cur = [data]
        full: list[list[Any]] = []
        i = 0
        while i < len(nodes):
            results = self.walk(cur, nodes[i])
            if 0 < self.end_range <= self.in_range:
                self.end_range -= 1
                self.last_end_node = nodes[i]
                break
            if self.begin_range > 0:
                self.begin_range -= 1
                self.in_range += 1
                if results:
                    for value in results:
                        full.extend(self.find_results(value, nodes[i + 1:]))
                else:
                    self.find_results(None, nodes[i + 1:])
                self.in_range -= 1
                for k in range(i + 1, len(nodes)):
                    if nodes[k] is self.last_end_node:
                        i = k
                        break
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def walk(self, values: list[Any], node: Any) -> list[Any]:
        if isinstance(node, ListNode):
            for n in node.nodes:
                values = self.walk(values, n)
            return values
        if isinstance(node, TextNode):
            return [node.text]
        if isinstance(node, FieldNode):
            return self._field(values, node.name)
        if isinstance(node, ArrayNode):
            return self._array(values, node)
        if isinstance(node, FilterNode):
            return self._filter(values, node)
        if isinstance(node, ValueNode):
            return [node.value for _ in values]
        if isinstance(node, WildcardNode):
            return [c for v in values if v is not None for c in _children(v)]
        if isinstance(node, RecursiveNode):
            return self._recursive(values)
        if isinstance(node, UnionNode):
            out: list[Any] = []
            for ln in node.nodes:
                out.extend(self.walk(values, ln))
            return out
        if isinstance(node, IdentifierNode):
            if node.name == "range":
                self.begin_range += 1
                return values
            if node.name == "end":
                if self.in_range > 0:
                    self.end_range += 1
                    return []
                raise _ExecError("not in range, nothing to end")
            raise _ExecError(f"unrecognized identifier {node.name}")
        raise _ExecError(f"unexpected Node {node}")

    def _field(self, values: list[Any], name: str) -> list[Any]:
        if not values:
            return []
        out = [v[name] for v in values if isinstance(v, dict) and name in v]
        if not out and not self.allow_missing:
            raise _ExecError(f"{name} is not found")
        return out

    def _array(self, values: list[Any], node: ArrayNode) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if value is None:
                continue
            if not isinstance(value, list):
                raise _ExecError(f"{_go_type(value)} is not array or slice")
            n = len(value)
            (start, start_known, _), (end, end_known, end_derived), (step, step_known, _) = node.params
            if not start_known:
                start = 0
            if start < 0:
                start += n
            if not end_known:
                end = n
            if end < 0 or (end == 0 and end_derived):
                end += n
            if end == start:
                return out
            if start >= n or start < 0:
                raise _ExecError(f"array index out of bounds: index {start}, length {n}")
            if end > n or end < 0:
                raise _ExecError(f"array index out of bounds: index {end - 1}, length {n}")
            if start > end:
                raise _ExecError(f"starting index {start} is greater than ending index {end}")
            if step_known and step <= 0:
                raise _ExecError("step must be > 0")
            out.extend(value[start:end:step if step_known else 1])
        return out

    def _filter(self, values: list[Any], node: FilterNode) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if not isinstance(value, list):
                raise _ExecError(f"{sprint(value)} is not array or slice and cannot be filtered")
            for item in value:
                try:
                    lefts = self.walk([item], node.left)
                except _ExecError:
                    if node.op == "exists":
                        continue
                    raise
                if node.op == "exists":
                    if lefts:
                        out.append(item)
                    continue
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise _ExecError("can only compare one element at a time")
                rights = self.walk([item], node.right)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise _ExecError("can only compare one element at a time")
                op = _OPS.get(node.op)
                if op is None:
                    raise _ExecError(f"unrecognized filter operator {node.op}")
                if op(lefts[0], rights[0]):
                    out.append(item)
        return out

    def _recursive(self, values: list[Any]) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if value is None:
                continue
            children = _children(value)
            if children:
                out.append(value)
                out.extend(self._recursive(children))
        return out


def _text(v: Any) -> str:
    if isinstance(v, (dict, list)) or v is None:
        return go_json(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return format_float_g(v)
    return str(v)


def find_results(template: str, data: Any, *, allow_missing_keys: bool = True) -> list[list[Any]]:
    """The raw result groups of a template (custom-columns and --sort-by use these)."""
    root = parse(template)
    try:
        return _Evaluator(root, allow_missing_keys).find_results(data, root.nodes)
    except _ExecError as e:
        raise JSONPathError(str(e)) from None


def jsonpath(template: str, data: Any, *, allow_missing_keys: bool = True) -> str:
    """``kubectl get -o jsonpath=<template>`` of ``data`` (an object, or ``as_list(...)``).

    Results of one expression are joined with spaces; maps and lists print as compact JSON.
    Errors carry kubectl's full message, including its dump of the object given to the engine."""
    root = parse(template)
    try:
        groups = _Evaluator(root, allow_missing_keys).find_results(data, root.nodes)
    except _ExecError as e:
        raise JSONPathError(
            f"error executing jsonpath {quote(template)}: Error executing template: {e}. "
            "Printing more information for debugging the template:\n"
            f"\ttemplate was:\n\t\t{template}\n"
            f"\tobject given to jsonpath engine was:\n\t\t{sharp_v(data)}\n\n") from None
    return "".join(" ".join(_text(v) for v in group) for group in groups)
