"""Fenced code blocks in step text: manifests to save as files, and commands to run.

The conventions the lesson page relies on (documented in ``docs/authoring-lessons.md``):

- a ``yaml`` block whose first line is ``# file: NAME`` is a file the student saves as NAME (the
  page's "save" button writes the block *without* that first line);
- an ``sh`` block (``bash`` and ``shell`` are read the same way) holds commands, one per line,
  each a "run" button; lines starting with ``#`` are comments;
- any other block (a ``yaml`` snippet without a file line, ``text`` output) is just shown.

A plain comment line keeps this working with any Markdown renderer, which an info string such as
``yaml title=x`` would not (Python-Markdown's fenced_code does not accept it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FILE_MARKER = re.compile(r"^#\s*file:\s*(\S+)\s*$")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)([^`]*)$")
COMMAND_LANGS = ("sh", "bash", "shell")  # as the lesson page treats them; write `sh`


@dataclass
class Block:
    """One fenced block: its language, body, and what the page makes of it."""

    lang: str
    text: str  # the body, without the ``# file:`` line; ends with a newline
    line: int  # 0-based line of the opening fence within the Markdown text
    file: str | None = None
    commands: list[str] = field(default_factory=list)
    closed: bool = True

    @property
    def body_line(self) -> int:
        """0-based line of the first body line (after the fence, and after the file line)."""
        return self.line + (2 if self.file else 1)


def extract_blocks(markdown: str) -> list[Block]:
    """Every fenced block of ``markdown`` in order (an unclosed block runs to the end, as in CommonMark)."""
    lines = markdown.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = len(m.group(1)), m.group(2), m.group(3).lower()
        start, body = i, []
        i += 1
        closed = False
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                closed = True
                i += 1
                break
            line = lines[i]
            body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
            i += 1
        blocks.append(_block(lang, body, start, closed))
    return blocks


def _block(lang: str, body: list[str], start: int, closed: bool) -> Block:
    file = None
    if lang in ("yaml", "yml") and body:
        fm = FILE_MARKER.match(body[0].strip())
        if fm:
            file = fm.group(1)
            body = body[1:]
    text = "\n".join(body) + "\n" if body else ""
    commands = []
    if lang in COMMAND_LANGS:
        commands = [ln.strip() for ln in body if ln.strip() and not ln.strip().startswith("#")]
    return Block(lang, text, start, file, commands, closed)


def files_in(markdown: str) -> dict[str, Block]:
    """The file blocks of a text by name (the first one wins; validation reports repeats)."""
    out: dict[str, Block] = {}
    for b in extract_blocks(markdown):
        if b.file and b.file not in out:
            out[b.file] = b
    return out


def commands_in(markdown: str) -> list[str]:
    """The command lines of every ``sh`` block, in order."""
    return [c for b in extract_blocks(markdown) for c in b.commands]
