"""Tokens of the shell language: words (as parts to expand later), operators, newlines, here-documents.

A word is kept as a list of *parts* so that expansion can happen when the command runs (variables
change between lines) and still know what was quoted:

    ["u", text]                 unquoted literal: may be globbed
    ["q", text]                 quoted literal (quotes, backslash, $'...'): taken as is
    ["v", name, quoted]         $NAME, $?, $$, $!, $#, $0..$9, $@, $*, $-
    ["d", name, op, arg, quoted]  ${NAME}, ${#NAME}, ${NAME:-arg} and -, :+, +, :=, =  (arg: parts)
    ["t", user]                 a tilde prefix: ~ or ~user
    ["c", program, quoted]      command substitution, $(...) or `...` (the program's text)
    ["bad", text]               ${...} bash cannot parse: "bad substitution" when expanded

Here-document bodies are read when the lexer passes the newline that ends the line holding the
``<<`` operator, as bash does; the parser registers each one right after reading its delimiter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

Parts = list[list[Any]]

OPERATORS = ("&&", "||", ";;", "&>>", "&>", ">>", "<<<", "<<-", "<<", ">&", "<&", ">|", "<>", "|&",
             "|", "&", ";", "<", ">", "(", ")")
METACHARS = " \t\n|&;<>()"
SPECIAL_PARAMS = "?$!#@*-0123456789"
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
IO_NUMBER_RE = re.compile(r"[0-9]+(?=[<>])")
PARAM_OPS = (":-", ":+", ":=", ":?", "-", "+", "=", "?")
UNSUPPORTED = "is not supported in this playground shell"
MAX_NESTING = 32


class ShellSyntaxError(Exception):
    """A line bash would refuse. ``message`` is bash's text after ``bash: ``; ``pos`` is where (offset).

    ``incomplete`` marks input that merely stops too early (open quote, trailing ``|``): an
    interactive terminal would ask for more with its ``> `` prompt instead.
    """

    def __init__(self, message: str, pos: int, *, incomplete: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.incomplete = incomplete


@dataclass
class Token:
    """``kind`` is "word", "op", "newline" or "eof"; ``end`` is the offset just past the token."""

    kind: str
    text: str
    pos: int
    end: int
    parts: Parts = field(default_factory=list)
    fd: int | None = None
    aliases: frozenset[str] = frozenset()

    def is_op(self, *texts: str) -> bool:
        return self.kind == "op" and self.text in texts

    def literal(self) -> str | None:
        """The word's text when it is one unquoted literal (alias names, reserved words), else None."""
        if self.kind == "word" and len(self.parts) == 1 and self.parts[0][0] == "u":
            return str(self.parts[0][1])
        return None


def unsupported(what: str, pos: int) -> ShellSyntaxError:
    return ShellSyntaxError(f"{what} {UNSUPPORTED}", pos)


class Lexer:
    """Reads tokens from ``text`` starting at ``pos``; collects here-document warnings on the way."""

    def __init__(self, text: str, pos: int = 0, depth: int = 0) -> None:
        if depth > MAX_NESTING:
            raise ShellSyntaxError(f"expansions nested too deeply (more than {MAX_NESTING} levels)", pos)
        self.depth = depth
        self.text = text
        self.pos = pos
        self.line = text.count("\n", 0, pos) + 1
        self.heredocs: list[dict[str, Any]] = []
        self.warnings: list[str] = []

    # -- tokens ------------------------------------------------------------------------------
    def next(self) -> Token:
        self._skip_blanks()
        text, start = self.text, self.pos
        if start >= len(text):
            self._eof_heredocs()
            return Token("eof", "", start, start)
        c = text[start]
        if c == "\n":
            self.pos += 1
            self.line += 1
            self._read_heredocs()
            return Token("newline", "\n", start, start + 1)
        m = IO_NUMBER_RE.match(text, start)
        if m:
            self.pos = m.end()
            op = self._operator()
            return Token("op", op, start, self.pos, fd=int(m.group()) if len(m.group()) < 6 else 99999)
        if c in METACHARS:
            op = self._operator()
            return Token("op", op, start, self.pos)
        parts = self.word_parts()
        return Token("word", text[start:self.pos], start, self.pos, parts)

    def _skip_blanks(self) -> None:
        text = self.text
        while self.pos < len(text):
            c = text[self.pos]
            if c in " \t":
                self.pos += 1
            elif text.startswith("\\\n", self.pos):
                self.pos += 2
                self.line += 1
            elif c == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return

    def _operator(self) -> str:
        for op in OPERATORS:
            if self.text.startswith(op, self.pos):
                self.pos += len(op)
                return op
        raise AssertionError("not an operator")  # pragma: no cover - callers check METACHARS

    # -- words -------------------------------------------------------------------------------
    def word_parts(self, *, whole: bool = False) -> Parts:
        """Parts of the word at ``pos``; with ``whole`` the rest of the text is one word (``${x:-a b}``)."""
        text, start = self.text, self.pos
        parts: Parts = []
        while self.pos < len(text):
            c = text[self.pos]
            if not whole and c in METACHARS:
                break
            if c == "\\":
                if text.startswith("\\\n", self.pos):
                    self.pos += 2
                    self.line += 1
                    continue
                self.pos += 1
                if self.pos < len(text):
                    _lit(parts, text[self.pos], "q")
                    self.pos += 1
                else:
                    raise ShellSyntaxError("unexpected end of file after backslash", self.pos,
                                           incomplete=True)
            elif c == "'":
                end = text.find("'", self.pos + 1)
                if end < 0:
                    raise ShellSyntaxError("unexpected EOF while looking for matching `''", self.pos,
                                           incomplete=True)
                _lit(parts, text[self.pos + 1:end], "q")
                self.line += text.count("\n", self.pos, end)
                self.pos = end + 1
            elif c == '"':
                self.pos += 1
                parts.extend(self.dquote_parts('"'))
            elif c == "$":
                self._dollar(parts, quoted=False)
            elif c == "`":
                parts.append(["c", self._backquoted(in_dquote=False), False])
            elif c == "~" and self.pos == start or c == "~" and _is_assignment_prefix(parts):
                self._tilde(parts, whole)
            else:
                _lit(parts, c, "u")
                self.pos += 1
        return parts

    def dquote_parts(self, stop: str | None) -> Parts:
        """Inside double quotes (or a here-document body when ``stop`` is None): only ``$`` and ``\\``."""
        text = self.text
        parts: Parts = []
        _lit(parts, "", "q")
        while True:
            if self.pos >= len(text):
                if stop is None:
                    return parts
                raise ShellSyntaxError(f"unexpected EOF while looking for matching `{stop}'", self.pos,
                                       incomplete=True)
            c = text[self.pos]
            if c == stop:
                self.pos += 1
                return parts
            if c == "\\" and self.pos + 1 < len(text) and text[self.pos + 1] in "$`\"\\\n":
                nxt = text[self.pos + 1]
                if nxt == '"' and stop is None:
                    _lit(parts, "\\", "q")
                    self.pos += 1
                    continue
                if nxt != "\n":
                    _lit(parts, nxt, "q")
                self.pos += 2
            elif c == "$":
                self._dollar(parts, quoted=True)
            elif c == "`":
                parts.append(["c", self._backquoted(in_dquote=stop == '"'), True])
            else:
                if c == "\n":
                    self.line += 1
                _lit(parts, c, "q")
                self.pos += 1

    def _tilde(self, parts: Parts, whole: bool) -> None:
        m = re.compile(r"~[A-Za-z0-9_.+-]*").match(self.text, self.pos)
        assert m is not None
        end = m.end()
        follow = self.text[end] if end < len(self.text) else ""
        if follow and follow != "/" and (whole or follow not in METACHARS) and follow != ":":
            _lit(parts, "~", "u")
            self.pos += 1
            return
        parts.append(["t", m.group()[1:]])
        self.pos = end

    def _dollar(self, parts: Parts, *, quoted: bool) -> None:
        text, start = self.text, self.pos
        nxt = text[start + 1] if start + 1 < len(text) else ""
        if nxt == "{":
            end = _matching_brace(text, start + 2)
            if end < 0:
                raise ShellSyntaxError("unexpected EOF while looking for matching `}'", start,
                                       incomplete=True)
            parts.append(_brace_part(text[start + 2:end], text[start:end + 1], quoted, self.depth))
            self.pos = end + 1
        elif nxt == "(":
            if text.startswith("((", start + 1):
                raise unsupported("arithmetic expansion $((...))", start)
            end = self._matching_paren(start + 2)
            parts.append(["c", text[start + 2:end], quoted])
            self.line += text.count("\n", start, end)
            self.pos = end + 1
        elif nxt == "'" and not quoted:
            self.pos = start + 2
            _lit(parts, self._ansi_c(), "q")
        elif nxt == '"' and not quoted:
            self.pos = start + 2
            parts.extend(self.dquote_parts('"'))
        elif nxt and nxt in SPECIAL_PARAMS:
            parts.append(["v", nxt, quoted])
            self.pos = start + 2
        else:
            m = NAME_RE.match(text, start + 1)
            if m:
                parts.append(["v", m.group(), quoted])
                self.pos = m.end()
            else:
                _lit(parts, "$", "q" if quoted else "u")
                self.pos = start + 1

    def _matching_paren(self, i: int) -> int:
        """Offset of the ``)`` that closes a ``$(`` whose program starts at ``i``."""
        sub = Lexer(self.text, i, self.depth + 1)
        depth = 0
        while True:
            tok = sub.next()
            if tok.kind == "eof":
                raise ShellSyntaxError("unexpected EOF while looking for matching `)'", tok.pos, incomplete=True)
            if tok.is_op("("):
                depth += 1
            elif tok.is_op(")"):
                if depth == 0:
                    return tok.pos
                depth -= 1

    def _backquoted(self, *, in_dquote: bool) -> str:
        """The program between backquotes, its backslashes before a backslash, backquote or dollar
        removed, as bash does."""
        text, i = self.text, self.pos + 1
        out: list[str] = []
        while i < len(text):
            c = text[i]
            if c == "\\" and i + 1 < len(text) and text[i + 1] in ("$`\\" + ('"' if in_dquote else "")):
                out.append(text[i + 1])
                i += 2
                continue
            if c == "`":
                self.line += text.count("\n", self.pos, i)
                self.pos = i + 1
                return "".join(out)
            out.append(c)
            i += 1
        raise ShellSyntaxError("unexpected EOF while looking for matching ``'", self.pos, incomplete=True)

    def _ansi_c(self) -> str:
        """The body of ``$'...'`` with its C escapes, ``pos`` just after the opening quote."""
        text, out = self.text, []
        simple = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b",
                  "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}
        while self.pos < len(text):
            c = text[self.pos]
            if c == "'":
                self.pos += 1
                return "".join(out)
            if c == "\\" and self.pos + 1 < len(text):
                e = text[self.pos + 1]
                self.pos += 2
                if e in simple:
                    out.append(simple[e])
                elif e == "x":
                    m = re.compile(r"[0-9A-Fa-f]{1,2}").match(text, self.pos)
                    out.append(chr(int(m.group(), 16)) if m else "\\x")
                    self.pos = m.end() if m else self.pos
                elif e in "01234567":
                    m = re.compile(r"[0-7]{1,3}").match(text, self.pos - 1)
                    assert m is not None
                    out.append(chr(int(m.group(), 8)))
                    self.pos = m.end()
                else:
                    out.append("\\" + e)
                continue
            out.append(c)
            self.pos += 1
        raise ShellSyntaxError("unexpected EOF while looking for matching `''", self.pos, incomplete=True)

    # -- here-documents ----------------------------------------------------------------------
    def add_heredoc(self, redirect: dict[str, Any], delimiter: str, *, strip: bool, quoted: bool) -> None:
        """Remember a ``<<`` whose body starts after the next newline; ``redirect`` gets ``body``."""
        self.heredocs.append({"r": redirect, "delim": delimiter, "strip": strip, "quoted": quoted,
                              "line": self.line})
        redirect["body"] = [["q", ""]]

    def _read_heredocs(self) -> None:
        pending, self.heredocs = self.heredocs, []
        text = self.text
        for doc in pending:
            lines: list[str] = []
            while True:
                if self.pos >= len(text):
                    self.warnings.append(
                        f"warning: here-document at line {doc['line']} delimited by end-of-file "
                        f"(wanted `{doc['delim']}')")
                    break
                end = text.find("\n", self.pos)
                end = len(text) if end < 0 else end
                line = text[self.pos:end]
                self.pos = min(end + 1, len(text))
                self.line += 1
                if doc["strip"]:
                    line = line.lstrip("\t")
                if line == doc["delim"]:
                    break
                lines.append(line + "\n")
            body = "".join(lines)
            doc["r"]["body"] = [["q", body]] if doc["quoted"] else Lexer(body, 0, self.depth + 1).dquote_parts(None)

    def _eof_heredocs(self) -> None:
        for doc in self.heredocs:
            self.warnings.append(f"warning: here-document at line {doc['line']} delimited by "
                                 f"end-of-file (wanted `{doc['delim']}')")
        self.heredocs = []


def _lit(parts: Parts, text: str, kind: str) -> None:
    """Append literal text, merging with a previous literal of the same kind."""
    if parts and parts[-1][0] == kind and (text or kind == "u"):
        parts[-1][1] += text
    elif text or kind == "q":
        parts.append([kind, text])


def _is_assignment_prefix(parts: Parts) -> bool:
    if len(parts) != 1 or parts[0][0] != "u":
        return False
    m = NAME_RE.match(parts[0][1])
    return bool(m) and parts[0][1] == m.group() + "="


def _matching_brace(text: str, i: int) -> int:
    """Index of the ``}`` closing a ``${``, skipping quotes and nested ``${...}``; -1 if none."""
    depth = 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "'":
            j = text.find("'", i + 1)
            if j < 0:
                return -1
            i = j + 1
            continue
        if text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _brace_part(inner: str, raw: str, quoted: bool, depth: int) -> list[Any]:
    if inner.startswith("#") and len(inner) > 1:
        name = inner[1:]
        if NAME_RE.fullmatch(name) or (len(name) == 1 and name in SPECIAL_PARAMS):
            return ["d", name, "#", [], quoted]
        return ["bad", raw]
    m = NAME_RE.match(inner)
    if m:
        name, rest = m.group(), inner[m.end():]
    elif inner[:1] and inner[0] in SPECIAL_PARAMS:
        name, rest = inner[0], inner[1:]
    else:
        return ["bad", raw]
    if not rest:
        return ["d", name, "", [], quoted]
    for op in PARAM_OPS:
        if rest.startswith(op):
            try:
                arg = Lexer(rest[len(op):], 0, depth + 1).word_parts(whole=True)
            except ShellSyntaxError as err:
                if "nested too deeply" in err.message:
                    raise
                return ["bad", raw]
            return ["d", name, op, arg, quoted]
    return ["bad", raw]
