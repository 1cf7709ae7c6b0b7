"""``-o custom-columns=HEADER:path,...`` and ``--sort-by=path`` as kubectl implements them
(kubectl ``pkg/cmd/get/customcolumn.go`` and ``sorter.go``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from cluster_core.api.quantity import parse_quantity

from . import gosort, tabwriter
from .gofmt import quote, sharp_v, sprint
from .jsonpath import JSONPathError, find_results, parse

_MISSING_VALUE = object()
_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$", re.S)


class PrinterError(Exception):
    """A custom-columns or sort-by failure: kubectl prints ``error: <message>``.

    ``output`` is what kubectl had already written to stdout (custom-columns prints its header
    before it parses the column paths, and rows before a failing one). ``fatal`` marks the
    unsortable-type error kubectl reports through klog (``F<date> <time> <pid> sorter.go:329] ``
    before the message, exit code 1) instead of ``error: ``."""

    def __init__(self, message: str, output: str = "", *, fatal: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.output = output
        self.fatal = fatal


def relaxed_jsonpath(expr: str) -> str:
    """``RelaxedJSONPathExpression``: ``metadata.name``, ``.metadata.name``, ``{metadata.name}``
    and ``{.metadata.name}`` all become ``{.metadata.name}``."""
    if not expr:
        return expr
    m = _RELAXED.match(expr)
    if m is None:
        raise PrinterError("unexpected path string, expected a 'name1.name2' or '.name1.name2' "
                           "or '{name1.name2}' or '{.name1.name2}'")
    return "{." + (m.group(1) or m.group(2)) + "}"


def parse_spec(spec: str) -> list[tuple[str, str]]:
    """(header, jsonpath template) per column of a ``custom-columns=`` spec."""
    if not spec:
        raise PrinterError("custom-columns format specified but no custom columns given")
    columns = []
    for part in spec.split(","):
        header, sep, path = part.partition(":")
        if not sep:
            raise PrinterError(f"unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>")
        columns.append((header, relaxed_jsonpath(path)))
    return columns


def _escape(text: str) -> str:
    return text.replace("\x1b", "^[").replace("\r", "\\r")


def custom_columns(spec: str, objects: Sequence[dict[str, Any]], *, no_headers: bool = False) -> str:
    """The table ``-o custom-columns=<spec>`` prints for ``objects`` (a list result or one object).

    Missing values print ``<none>``, several values are joined with commas, maps and lists in
    Go's ``fmt`` form (``map[a:b]``). Raises PrinterError, with the output written so far."""
    columns = parse_spec(spec)
    lines: list[str] = [] if no_headers else ["\t".join(h for h, _ in columns)]

    def flushed() -> str:
        return tabwriter.table("".join(line + "\n" for line in lines))

    for _, template in columns:
        try:
            parse(template)
        except JSONPathError as e:
            raise PrinterError(e.message.split(", ", 1)[1], flushed()) from None
    for obj in objects:
        cells = []
        for _, template in columns:
            try:
                groups = find_results(template, obj)
            except JSONPathError as e:
                raise PrinterError(e.message, flushed()) from None
            values = [_escape(sprint(v)) for group in groups for v in group]
            if not groups or not groups[0]:
                values.insert(0, "<none>")
            cells.append(",".join(values))
        lines.append("\t".join(cells))
    return flushed()


# --- --sort-by ---

def _quantity(s: str) -> Fraction | None:
    """``resource.ParseQuantity``'s value, or None when ``s`` is not a quantity (it trims nothing)."""
    q = parse_quantity(s) if s == s.strip() else None
    return None if q is None else q.value


def natural_less(a: str, b: str) -> bool:
    """``sortorder.NaturalLess``: digit runs compare as numbers, digits before other characters."""
    i = j = 0
    while i < len(a) and j < len(b):
        ca, cb = a[i], b[j]
        da, db = ca.isdigit() and ca.isascii(), cb.isdigit() and cb.isascii()
        if da != db:
            return da
        if not da:
            if ca != cb:
                return ca.encode() < cb.encode()
            i += 1
            j += 1
            continue
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        nz_a, nz_b = i, j
        while i < len(a) and a[i].isdigit() and a[i].isascii():
            i += 1
        while j < len(b) and b[j].isdigit() and b[j].isascii():
            j += 1
        if (i - nz_a) != (j - nz_b):
            return (i - nz_a) < (j - nz_b)
        if a[nz_a:i] != b[nz_b:j]:
            return a[nz_a:i] < b[nz_b:j]
        if nz_a != nz_b:
            return nz_a < nz_b
    return len(a) < len(b)


def _type_name(v: Any) -> str:
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, list):
        return "[]interface {}"
    if isinstance(v, bool):
        return "bool"
    return type(v).__name__


def _is_less(a: Any, b: Any) -> bool:
    """kubectl's ``isLess`` for two values of an unstructured object (interface kind)."""
    if a is None and b is None:
        return False
    if a is None:
        return True
    if b is None:
        return False
    if isinstance(a, bool) or isinstance(a, (dict, list)):
        raise PrinterError(f"unsortable type: {_type_name(a)}")
    if isinstance(a, int) and isinstance(b, int) and not isinstance(b, bool):
        return a < b
    if isinstance(a, float) and isinstance(b, float):
        return a < b
    if isinstance(a, str) and isinstance(b, str):
        qa, qb = _quantity(a), _quantity(b)
        if qa is not None and qb is not None:
            return qa < qb
        return natural_less(a, b)
    raise PrinterError("unsortable interface: interface")


def sort_objects(objects: Sequence[dict[str, Any]], sort_by: str, *, table: bool = False) -> list[dict[str, Any]]:
    """``--sort-by=<path>``: numbers numerically, strings naturally (or as quantities), objects
    without the field first. ``table=True`` is the default (table) output, which skips the
    checks for fewer than two rows. Raises PrinterError with kubectl's message."""
    objs = list(objects)
    if table and len(objs) <= 1:
        return objs
    if not objs:
        return objs
    try:
        field = relaxed_jsonpath(sort_by)
    except PrinterError:
        if not table:
            raise
        field = sort_by
    try:
        parse(field)
    except JSONPathError as e:
        message = e.message.split(", ", 1)[1]
        raise PrinterError(f"sorting error: {message}" if table else message) from None
    keyed: list[tuple[Any, str | None, dict]] = []  # (value or missing, error, object)
    for obj in objs:
        try:
            groups = find_results(field, obj)
        except JSONPathError as e:
            keyed.append((_MISSING_VALUE, e.message, obj))
            continue
        keyed.append((groups[0][0] if groups and groups[0] else _MISSING_VALUE, None, obj))
    if table:
        for _, err, _ in keyed:
            if err is not None:
                raise PrinterError(f"Failed to get values for [][]reflect.Value(nil) using {field} "
                                   f"(&errors.errorString{{s:{quote(err)}}})")
        found = any(v is not _MISSING_VALUE for v, _, _ in keyed)
    else:
        found = False
        for value, err, _ in keyed:  # kubectl stops looking at the first object that has the field
            if err is not None:
                raise PrinterError(err)
            if value is not _MISSING_VALUE:
                found = True
                break
    if not found:
        raise PrinterError(f"couldn't find any field with path {quote(field)} in the list of objects")

    def less(x: tuple[Any, str | None, dict], y: tuple[Any, str | None, dict]) -> bool:
        if x[1] is not None:
            raise PrinterError(f"Failed to get i values for &unstructured.Unstructured{{Object:{sharp_v(x[2])}}} "
                               f"using {field} (&errors.errorString{{s:{quote(x[1])}}})", fatal=True)
        if y[1] is not None:
            raise PrinterError(f"Failed to get j values for &unstructured.Unstructured{{Object:{sharp_v(y[2])}}} "
                               f"using {field} ({y[1]})", fatal=True)
        if x[0] is _MISSING_VALUE:
            return True
        if y[0] is _MISSING_VALUE:
            return False
        try:
            return _is_less(x[0], y[0])
        except PrinterError as e:
            holder = "[][][]reflect.Value" if table else "*unstructured.Unstructured"
            raise PrinterError(f"Field {field} in {holder} is an unsortable type: interface, "
                               f"err: {e.message}", fatal=True) from None

    gosort.sort(keyed, less)
    return [obj for _, _, obj in keyed]

