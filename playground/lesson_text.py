"""Lesson Markdown to safe HTML, with "Run" buttons on commands and "Save" buttons on manifests.

The author's Markdown is rendered, then sanitized with nh3 (no raw HTML, scripts or event
attributes get through), and only then are our own buttons added to the code blocks, so the
buttons are the only ``data-command`` / ``data-save-file`` attributes on the page. The block
conventions are the lesson engine's (``playground/lessons/blocks.py``):

- an ``sh`` (or ``bash`` / ``shell``) block holds commands, one per line, each with its own
  ``<button data-command="...">``; ``#`` lines are comments. A block that continues lines with
  ``\\`` or holds a here-document gets one button for the whole block. A ``console`` block's
  commands are its ``$ `` lines (output lines get no button);
- a ``yaml`` block whose first line is ``# file: NAME`` is a file to save: the marker line is
  dropped from what is shown, so the ``<code>`` beside ``<button data-save-file
  data-filename="NAME">`` holds exactly the file's content. Other ``yaml`` blocks are just shown.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from django.utils import translation
from django.utils.translation import gettext as _

COMMAND_LANGS = {"sh", "bash", "shell"}
YAML_LANGS = {"yaml", "yml"}
_BLOCK = re.compile(r'<pre><code class="language-([\w-]+)">(.*?)</code></pre>', re.S)
_FILE_MARKER = re.compile(r"^#\s*file:\s*(\S+)\s*$")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9._-][A-Za-z0-9._/-]{0,199}$")
_ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES, "code": {"class"}, "th": {"align"}, "td": {"align"}}


def console_commands(text: str) -> list[str]:
    """The commands of a console transcript: ``$ `` lines without the prompt, with continuations."""
    out: list[str] = []
    continuing = False
    for line in text.splitlines():
        if continuing:
            out[-1] += "\n" + line
        elif line.startswith("$ "):
            out.append(line[2:])
        else:
            continue
        continuing = line.endswith("\\")
    return [c for c in out if c.strip()]


def _whole_block(text: str) -> bool:
    return "<<" in text or any(line.rstrip().endswith("\\") for line in text.splitlines())


def _run_button(command: str, label: str | None = None) -> str:
    title = html.escape(_("Type this into the terminal"))
    aria = html.escape(_("Run: %(command)s") % {"command": command})
    text = html.escape(label or _("Run"))
    return (f'<button type="button" class="run-button" data-command="{html.escape(command)}" title="{title}"'
            f' aria-label="{aria}">{text}</button>')


def _command_lines(lang: str, body: str) -> str:
    """An sh block with a Run button after each command line (or one for a multi-line command)."""
    text = html.unescape(body).rstrip("\n")
    if _whole_block(text):
        inner = body + _run_button(text)
    else:
        rows = []
        for line, shown in zip(text.split("\n"), body.rstrip("\n").split("\n"), strict=True):
            command = line.strip()
            rows.append(shown + (" " + _run_button(command) if command and not command.startswith("#") else ""))
        inner = "\n".join(rows)
    return f'<div class="codeblock codeblock-command"><pre><code class="language-{lang}">{inner}</code></pre></div>'


def _console(body: str) -> str:
    commands = console_commands(html.unescape(body))
    buttons = "".join(_run_button(c, _("Run: %(command)s") % {"command": c.splitlines()[0]}) for c in commands)
    return (f'<div class="codeblock codeblock-command"><pre><code class="language-console">{body}</code></pre>'
            + (f'<div class="codeblock-buttons">{buttons}</div>' if buttons else "") + "</div>")


def _manifest(lang: str, body: str) -> str | None:
    first, _sep, rest = body.partition("\n")
    m = _FILE_MARKER.match(html.unescape(first).strip())
    if not m or not _SAFE_NAME.match(m.group(1)) or ".." in m.group(1).split("/"):
        return None
    name = html.escape(m.group(1))
    label = html.escape(_("Save as %(name)s") % {"name": m.group(1)})
    title = html.escape(_("Save this manifest in your home directory"))
    return (f'<div class="codeblock codeblock-manifest"><div class="codeblock-file">{name}</div>'
            f'<pre><code class="language-{lang}">{rest}</code></pre>'
            f'<button type="button" class="save-button" data-save-file data-filename="{name}" title="{title}">'
            f'{label}</button></div>')


def render(text: str) -> str:
    """Sanitized HTML for one step's Markdown, with Run / Save buttons added to its code blocks."""
    return _render(text or "", translation.get_language() or "en")


@lru_cache(maxsize=2048)
def _render(text: str, _language: str) -> str:
    raw = markdown.markdown(text, extensions=["fenced_code", "tables", "sane_lists"])
    safe = nh3.clean(raw, attributes=_ATTRIBUTES)

    def add_buttons(m: re.Match[str]) -> str:
        lang, body = m.group(1).lower(), m.group(2)
        if lang in COMMAND_LANGS:
            return _command_lines(lang, body)
        if lang == "console":
            return _console(body)
        if lang in YAML_LANGS:
            return _manifest(lang, body) or m.group(0)
        return m.group(0)

    return _BLOCK.sub(add_buttons, safe)
