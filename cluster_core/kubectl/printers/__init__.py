"""kubectl's printers as pure functions: objects plus ``now`` in, the exact text kubectl prints out.

Tables (``print_table``), ``-o name`` (``name_line``), ``-o json|yaml`` (``to_json``, ``to_yaml``),
``-o jsonpath`` (``jsonpath``), ``-o custom-columns`` (``custom_columns``) and ``--sort-by``
(``sort_objects``); ``human_duration`` for ages and the Go tabwriter for tables and describe."""

from __future__ import annotations

from .duration import human_duration, since
from .tables import format_label_selector, format_labels, job_status, name_line, print_table
from .tabwriter import describe as describe_tabwrite
from .tabwriter import table as table_tabwrite
from .tabwriter import tabwrite

__all__ = [
    "describe_tabwrite", "format_label_selector", "format_labels", "human_duration", "job_status",
    "name_line", "print_table", "since", "table_tabwrite", "tabwrite",
]
