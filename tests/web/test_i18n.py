"""The Simplified Chinese catalogue: complete, and the committed .mo says what the .po says."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (no plurals or contexts: the catalogue uses none)."""
    entries: dict[str, str] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block + "\n", re.M)
        if m:
            msgid = "".join(ast.literal_eval(s) for s in re.findall(r'".*"', m.group(1)))
            entries[msgid] = "".join(ast.literal_eval(s) for s in re.findall(r'".*"', m.group(2)))
    return entries


def test_every_message_is_translated():
    """No empty msgstr in the zh_Hans catalogue, and no fuzzy entries."""
    po = read_po(LOCALE / "django.po")
    assert len(po) > 50
    assert [k for k, v in po.items() if k and not v] == []
    assert "#, fuzzy" not in (LOCALE / "django.po").read_text(encoding="utf-8")


def test_compiled_catalogue_matches_the_po_file():
    """The committed django.mo was compiled from the current django.po."""
    po = read_po(LOCALE / "django.po")
    with open(LOCALE / "django.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)
    assert {k: mo.gettext(k) for k in po if k} == {k: v for k, v in po.items() if k}
