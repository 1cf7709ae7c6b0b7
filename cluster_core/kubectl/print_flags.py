"""The printer flags kubectl adds to every verb that prints objects, defined once.

Real kubectl builds them in one place, genericclioptions ``PrintFlags.AddFlags``:
``--allow-missing-template-keys`` and ``--template`` (template printers), ``--show-managed-fields``
(JSON/YAML printers) and ``-o/--output``, whose help lists the formats that verb's printers allow.
So the verbs here share one definition too, and a verb says only what differs: the formats
(``get`` adds its table formats), a note after the list (``get`` links the format docs) and the
default (``config view`` prints YAML, ``cluster-info dump`` JSON).
"""

from __future__ import annotations

from cluster_core.kubectl.flags import BOOL, STRING, Flag

# genericclioptions' AllowedFormats: JSON/YAML, name, then the template printers, in its order.
PRINT_FORMATS: tuple[str, ...] = ("json", "yaml", "name", "go-template", "go-template-file", "template",
                                  "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file")

ALLOW_MISSING_TEMPLATE_KEYS = Flag(
    "allow-missing-template-keys", BOOL, True, help="If true, ignore any errors in templates when a field or "
    "map key is missing in the template. Only applies to golang and jsonpath output formats.")
SHOW_MANAGED_FIELDS = Flag(
    "show-managed-fields", BOOL, False, help="If true, keep the managedFields when printing objects in JSON "
    "or YAML format.")
TEMPLATE = Flag(
    "template", STRING, "", help="Template string or path to template file to use when -o=go-template, "
    "-o=go-template-file. The template format is golang templates "
    "[http://golang.org/pkg/text/template/#pkg-overview].")


def output_flag(formats: tuple[str, ...] = PRINT_FORMATS, note: str = "", default: str = "") -> Flag:
    """``-o/--output`` as PrintFlags words it, ``Output format. One of: (<formats>).``, then any note."""
    text = f"Output format. One of: ({', '.join(formats)})."
    return Flag("output", STRING, default, "o", f"{text} {note}" if note else text)


def print_flags(formats: tuple[str, ...] = PRINT_FORMATS, note: str = "", default: str = "") -> list[Flag]:
    """The whole PrintFlags block (four flags, in help order) for a verb's flag list."""
    return [ALLOW_MISSING_TEMPLATE_KEYS, output_flag(formats, note, default), SHOW_MANAGED_FIELDS, TEMPLATE]
