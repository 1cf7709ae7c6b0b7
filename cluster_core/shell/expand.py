"""Word expansion at run time: tilde, parameters, command substitution, field splitting, pathname
expansion (globs), quote removal.

It follows bash's order on the word parts the lexer kept: quoted text is taken as is; the values
of unquoted ``$VAR`` and ``$(...)`` are split on blanks and, like unquoted literals, globbed
against the virtual file system (no match leaves the pattern, as bash does without
``nullglob``). ``$(...)`` runs through the ``substitute`` callback the executor provides.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable
from typing import Any

from .lexer import Parts
from .vfs import HOME, VirtualFS

GLOB_CHARS = re.compile(r"[*?\[]")
MAX_GLOB_RESULTS = 10_000
Lookup = Callable[[str], "str | None"]
Assign = Callable[[str, str], None]
Substitute = Callable[[str], str]


class ExpansionError(Exception):
    """An expansion bash refuses (``${a b}: bad substitution``); the text follows ``bash: ``."""


class _Fields:
    """Fields under construction: each a list of (text, quoted) segments."""

    def __init__(self) -> None:
        self.done: list[list[tuple[str, bool]]] = []
        self.cur: list[tuple[str, bool]] = []
        self.started = False

    def add(self, text: str, quoted: bool) -> None:
        self.cur.append((text, quoted))
        if quoted or text:
            self.started = True

    def add_split(self, value: str) -> None:
        """An unquoted expansion result: blanks separate fields, empty pieces vanish."""
        pieces = re.split(r"[ \t\n]+", value)
        for i, piece in enumerate(pieces):
            if i > 0:
                self.end()
            if piece:
                self.add(piece, False)

    def end(self) -> None:
        if self.started:
            self.done.append(self.cur)
        self.cur, self.started = [], False


class Expander:
    """Expands words for one command: variables from ``lookup``, files from ``fs`` at ``cwd``."""

    def __init__(self, lookup: Lookup, fs: VirtualFS, cwd: str, assign: Assign | None = None,
                 substitute: Substitute | None = None) -> None:
        self.lookup = lookup
        self.fs = fs
        self.cwd = cwd
        self.assign = assign
        self.substitute = substitute

    def fields(self, parts: Parts, *, split: bool = True, glob: bool = True) -> list[str]:
        """A word as the list of arguments it becomes (none, one or many)."""
        if not split:
            return [self.string(parts)]
        f = _Fields()
        for part in parts:
            kind = part[0]
            if kind == "u":
                f.add(part[1], False)
            elif kind == "q":
                f.add(part[1], True)
            elif kind == "t":
                f.add(self._tilde(part[1]), True)
            else:
                value = self._param(part)
                if part[-1] or kind == "bad":
                    f.add(value, True)
                else:
                    f.add_split(value)
        f.end()
        out: list[str] = []
        for segs in f.done:
            text = "".join(t for t, _ in segs)
            if glob and any(not q and GLOB_CHARS.search(t) for t, q in segs):
                pattern = "".join(t.replace("[^", "[!") if not q else _escape_glob(t) for t, q in segs)
                matches = self.glob(pattern)
                out.extend(matches if matches else [text])
            else:
                out.append(text)
        return out

    def string(self, parts: Parts) -> str:
        """A word as one string, no splitting or globbing (assignments, here-documents, ``"..."``)."""
        out: list[str] = []
        for part in parts:
            kind = part[0]
            if kind in ("u", "q"):
                out.append(part[1])
            elif kind == "t":
                out.append(self._tilde(part[1]))
            else:
                out.append(self._param(part))
        return "".join(out)

    def _tilde(self, user: str) -> str:
        if user == "":
            return self.lookup("HOME") or HOME
        if user == "student":
            return HOME
        if user == "+":
            return self.lookup("PWD") or self.cwd
        if user == "-":
            return self.lookup("OLDPWD") or "~-"
        if user == "root":
            return "/root"
        return "~" + user

    def _param(self, part: list[Any]) -> str:
        if part[0] == "bad":
            raise ExpansionError(f"{part[1]}: bad substitution")
        if part[0] == "v":
            return self.lookup(part[1]) or ""
        if part[0] == "c":
            if self.substitute is None:
                raise ExpansionError("command substitution is not available here")
            return self.substitute(part[1])
        _, name, op, arg, _quoted = part
        value = self.lookup(name)
        if op == "":
            return value or ""
        if op == "#":
            return str(len(value or ""))
        unset, null = value is None, not value
        if op in (":-", "-"):
            return self.string(arg) if (null if op == ":-" else unset) else (value or "")
        if op in (":+", "+"):
            return self.string(arg) if not (null if op == ":+" else unset) else ""
        if op in (":=", "="):
            if null if op == ":=" else unset:
                new = self.string(arg)
                if self.assign is None or not re.fullmatch(r"[A-Za-z_]\w*", name):
                    raise ExpansionError(f"${name}: cannot assign in this way")
                self.assign(name, new)
                return new
            return value or ""
        if null if op == ":?" else unset:
            message = self.string(arg) or "parameter null or not set"
            raise ExpansionError(f"{name}: {message}")
        return value or ""

    # -- pathname expansion ------------------------------------------------------------------
    def glob(self, pattern: str) -> list[str]:
        """Paths matching ``pattern`` (relative ones as typed), sorted; hidden names need a ``.``."""
        absolute = pattern.startswith("/")
        comps = [c for c in pattern.split("/") if c]
        found: list[tuple[str, str]] = [("/" if absolute else self.cwd, "/" if absolute else "")]
        for i, comp in enumerate(comps):
            last = i == len(comps) - 1
            nxt: list[tuple[str, str]] = []
            for real, shown in found:
                if not self.fs.is_dir(real):
                    continue
                if GLOB_CHARS.search(comp):
                    names = [n for n in self.fs.listdir(real)
                             if fnmatch.fnmatchcase(n, comp) and (comp.startswith(".") or not n.startswith("."))]
                else:
                    name = _unescape_glob(comp)
                    names = [name] if comp in (".", "..") or self.fs.exists(posixpath.join(real, name)) else []
                for n in names:
                    path = posixpath.normpath(posixpath.join(real, n))
                    if last or self.fs.is_dir(path):
                        nxt.append((path, shown + n if shown in ("", "/") else shown + "/" + n))
                if len(nxt) > MAX_GLOB_RESULTS:
                    break
            found = nxt
        if pattern.endswith("/"):
            return sorted(s + "/" for r, s in found if self.fs.is_dir(r))
        return sorted(s for _, s in found)


def _escape_glob(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _unescape_glob(text: str) -> str:
    return re.sub(r"\[([*?\[])\]", r"\1", text)
