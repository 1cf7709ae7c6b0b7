"""Tab completion: command names at the start of a command, file names elsewhere, and per-command
completers (kubectl adds its verbs, types and object names through ``Shell.register_completer``).

Candidates are whole words that would replace the word under the cursor (quotes removed);
directories end with ``/``. A completer gets a :class:`CompletionRequest` and returns candidates,
or None to fall back to file names.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .vfs import HOME, VirtualFS, normalize

if TYPE_CHECKING:
    from .session import Session

REDIRECTS = frozenset({"<", ">", ">>", "2>", "2>>", "&>", "&>>", "<<<"})


@dataclass
class CompletionRequest:
    """``words``: the command's words before the cursor's word (``words[0]`` is the command, aliases
    expanded); ``current``: the partial word being completed."""

    words: list[str]
    current: str
    line: str
    cursor: int
    cwd: str
    fs: VirtualFS
    session: Session
    host: Any


Completer = Callable[[CompletionRequest], "list[str] | None"]


def split_line(before: str) -> tuple[list[str], str]:
    """The words of the command the cursor is in, and the unfinished word at the cursor."""
    words: list[str] = []
    cur: list[str] = []
    quote: str | None = None
    in_word = False
    i = 0
    while i < len(before):
        c = before[i]
        if quote:
            if c == quote:
                quote = None
            elif c == "\\" and quote == '"' and i + 1 < len(before):
                i += 1
                cur.append(before[i])
            else:
                cur.append(c)
        elif c in "'\"":
            quote, in_word = c, True
        elif c == "\\" and i + 1 < len(before):
            i += 1
            cur.append(before[i])
            in_word = True
        elif c in " \t\n":
            if in_word:
                words.append("".join(cur))
            cur, in_word = [], False
        elif c in "|;&()":
            words, cur, in_word = [], [], False
        elif c in "<>":
            if in_word and not "".join(cur).isdigit():
                words.append("".join(cur))
                cur = []
            op = "".join(cur) + c
            while i + 1 < len(before) and before[i + 1] in "<>&":
                i += 1
                op += before[i]
            words.append(op)
            cur, in_word = [], False
        else:
            cur.append(c)
            in_word = True
        i += 1
    return words, "".join(cur)


def complete_path(current: str, cwd: str, fs: VirtualFS, home: str = HOME) -> list[str]:
    typed_dir, _, base = current.rpartition("/")
    if "/" not in current:
        typed_dir = ""
    real_dir = typed_dir
    if real_dir == "~" or real_dir.startswith("~/"):
        real_dir = home + real_dir[1:]
    directory = normalize(real_dir or ("/" if current.startswith("/") else "."), cwd)
    if not fs.is_dir(directory):
        return []
    prefix = typed_dir + "/" if "/" in current else ""
    out = []
    for name in fs.listdir(directory):
        if name.startswith(base) and (base.startswith(".") or not name.startswith(".")):
            full = posixpath.join(directory, name)
            out.append(prefix + name + ("/" if fs.is_dir(full) else ""))
    return out


def command_words(words: list[str], session: Session) -> list[str]:
    """Drop leading ``A=b`` assignments and expand an alias on the command word."""
    while words and re.fullmatch(r"[A-Za-z_]\w*=.*", words[0]):
        words = words[1:]
    if words and words[0] in session.aliases:
        words = session.aliases[words[0]].split() + words[1:]
    return words
