"""kubectl's printers as pure functions: objects plus ``now`` in, the exact text kubectl prints out.

Tables (``print_table``), ``-o name`` (``name_line``), ``-o json|yaml`` (``to_json``, ``to_yaml``),
``-o jsonpath`` (``jsonpath``), ``-o custom-columns`` (``custom_columns``) and ``--sort-by``
(``sort_objects``); ``human_duration`` for ages and the Go tabwriter for tables and describe."""

from __future__ import annotations

from .custom_columns import PrinterError, custom_columns, relaxed_jsonpath, sort_objects
from .duration import human_duration, since
from .formats import as_list, to_json, to_yaml, yaml_documents
from .jsonpath import JSONPathError, jsonpath
from .tables import format_label_selector, format_labels, job_status, name_line, print_table, print_tables
from .tabwriter import describe as describe_tabwrite
from .tabwriter import table as table_tabwrite
from .tabwriter import tabwrite

__all__ = [
    "JSONPathError", "PrinterError", "as_list", "custom_columns", "describe_tabwrite",
    "format_label_selector", "format_labels", "human_duration", "job_status", "jsonpath", "name_line",
    "print_table", "print_tables", "relaxed_jsonpath", "since", "sort_objects", "table_tabwrite", "tabwrite", "to_json",
    "to_yaml", "yaml_documents",
]
