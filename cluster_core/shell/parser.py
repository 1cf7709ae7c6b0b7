"""Parse shell input into plain-dict syntax trees, one line (a *unit*) at a time, as bash reads it.

Grammar (a flat subset of bash: no compound commands, functions or subshells)::

    input     := unit*
    unit      := NEWLINE | and_or ((';' | '&') and_or)* [';' | '&'] (NEWLINE | EOF)
    and_or    := pipeline (('&&' | '||') NEWLINE* pipeline)*
    pipeline  := ['!'] command (('|' | '|&') NEWLINE* command)*
    command   := (ASSIGNMENT | redirect)* [WORD (WORD | redirect)*]     -- at least one of them
    redirect  := [IO_NUMBER] ('>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<<') WORD
               | [IO_NUMBER] ('<<' | '<<-') WORD       -- body: the lines after this one, up to WORD

Aliases are expanded while parsing, on the first word of each command when it is one unquoted
literal (``\\kubectl`` and ``/usr/bin/kubectl`` are not), and on the next word too when the alias
value ends in a blank. A word never expands an alias it came from, so ``alias ls='ls -l'`` ends.
Because a unit is parsed only when the previous one has run, ``alias k=kubectl`` applies from the
next line on, as in bash.

Trees are JSON-safe dicts so a half-run command line can be saved with the session::

    word     {"raw": str, "parts": [...]}                 (parts: see lexer)
    redirect {"fd": int | None, "op": str, "target": word | None, "body": parts}   (body: here-docs)
    command  {"assigns": [{"name": str, "value": word}], "words": [word], "redirs": [redirect]}
    pipeline {"cmds": [command], "neg": bool}
    and_or   {"pipes": [pipeline], "ops": ["&&" | "||"], "bg": bool}

Errors are :class:`ShellSyntaxError` with bash's message and the offset where parsing stopped.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .lexer import NAME_RE, Lexer, ShellSyntaxError, Token, unsupported

REDIRECT_OPS = frozenset({">", ">>", ">|", "<", "<>", ">&", "<&", "&>", "&>>", "<<", "<<-", "<<<"})
OPENERS = frozenset({"if", "while", "until", "for", "case", "select", "function", "{", "[[", "time",
                     "coproc"})
CLOSERS = frozenset({"then", "else", "elif", "fi", "do", "done", "esac", "}", "]]"})
MAX_ALIAS_EXPANSIONS = 200


@dataclass
class Unit:
    """One parsed line: its and_or items, where it sits in the input, here-document warnings."""

    items: list[dict[str, Any]]
    start: int
    end: int
    warnings: list[str] = field(default_factory=list)


class Parser:
    """Pulls units out of ``text`` from ``pos`` on, expanding ``aliases`` (name -> value)."""

    def __init__(self, text: str, pos: int = 0, aliases: dict[str, str] | None = None) -> None:
        self.text = text
        self.lexer = Lexer(text, pos)
        self.aliases = aliases if aliases is not None else {}
        self.queue: deque[Token] = deque()
        self.expansions = 0
        self.alias_next = False

    @property
    def pos(self) -> int:
        return self.lexer.pos

    def peek(self) -> Token:
        if not self.queue:
            self.queue.append(self.lexer.next())
        return self.queue[0]

    def advance(self) -> Token:
        tok = self.peek()
        self.queue.popleft()
        return tok

    # -- units -------------------------------------------------------------------------------
    def parse_unit(self) -> Unit | None:
        """The next line's items, or None at the end. On a syntax error the rest of the line is
        skipped (as bash discards it) and the error is raised with ``resume`` set on the parser."""
        self.lexer.warnings = []
        start = self.lexer.pos
        try:
            tok = self.peek()
            if tok.kind == "eof":
                return None
            start = tok.pos if tok.kind != "newline" else start
            items: list[dict[str, Any]] = []
            while tok.kind != "newline" and tok.kind != "eof":
                item = self.and_or()
                tok = self.peek()
                if tok.is_op(";", "&"):
                    item["bg"] = tok.text == "&"
                    self.advance()
                    tok = self.peek()
                elif tok.kind not in ("newline", "eof"):
                    raise self.unexpected(tok)
                items.append(item)
            self.advance()
        except ShellSyntaxError as err:
            self._recover(err)
            raise
        return Unit(items, start, self.lexer.pos, self.lexer.warnings)

    def _recover(self, err: ShellSyntaxError) -> None:
        """Skip the rest of the offending line (all input when it was cut short)."""
        self.queue.clear()
        if err.incomplete:
            self.lexer.pos = len(self.text)
            self.lexer.heredocs = []
            return
        if self.text[err.pos:err.pos + 1] == "\n" and self.lexer.pos > err.pos:
            return  # the error was the newline itself: the line is already behind us
        end = self.text.find("\n", max(self.lexer.pos, err.pos))
        self.lexer.pos = len(self.text) if end < 0 else end
        self.lexer.next()

    def unexpected(self, tok: Token) -> ShellSyntaxError:
        if tok.kind == "eof":
            return ShellSyntaxError("syntax error: unexpected end of file", tok.pos, incomplete=True)
        shown = "newline" if tok.kind == "newline" else tok.text
        return ShellSyntaxError(f"syntax error near unexpected token `{shown}'", tok.pos)

    # -- grammar -----------------------------------------------------------------------------
    def and_or(self) -> dict[str, Any]:
        pipes = [self.pipeline()]
        ops: list[str] = []
        while self.peek().is_op("&&", "||"):
            ops.append(self.advance().text)
            self._linebreak()
            pipes.append(self.pipeline())
        return {"pipes": pipes, "ops": ops, "bg": False}

    def pipeline(self) -> dict[str, Any]:
        neg = False
        if self.peek().literal() == "!":
            self.advance()
            neg = True
        cmds = [self.command()]
        while self.peek().is_op("|", "|&"):
            if self.advance().text == "|&":
                cmds[-1]["redirs"].append({"fd": 2, "op": ">&", "target": {"raw": "1", "parts": [["u", "1"]]},
                                           "body": []})
            self._linebreak()
            cmds.append(self.command())
        return {"cmds": cmds, "neg": neg}

    def command(self) -> dict[str, Any]:
        assigns: list[dict[str, Any]] = []
        words: list[dict[str, Any]] = []
        redirs: list[dict[str, Any]] = []
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in REDIRECT_OPS:
                redirs.append(self.redirect())
                continue
            if tok.kind == "op" and tok.text == "(":
                if len(words) == 1 and not assigns:
                    raise unsupported("function definition", tok.pos)
                if not words and not assigns and not redirs:
                    raise unsupported("subshell ( ... )", tok.pos)
                raise self.unexpected(tok)
            if tok.kind != "word":
                break
            if not words:
                assign = _assignment(tok)
                if assign is not None:
                    assigns.append(assign)
                    self.advance()
                    continue
                if self._expand_alias(tok):
                    continue
                lit = tok.literal()
                if lit in OPENERS:
                    raise unsupported(f"`{lit}'", tok.pos)
                if lit in CLOSERS:
                    raise self.unexpected(Token("op", lit, tok.pos, tok.end))
            elif self.alias_next:
                self.alias_next = False
                if self._expand_alias(tok):
                    continue
            words.append({"raw": tok.text, "parts": tok.parts})
            self.advance()
        if not (assigns or words or redirs):
            raise self.unexpected(self.peek())
        return {"assigns": assigns, "words": words, "redirs": redirs}

    def redirect(self) -> dict[str, Any]:
        op = self.advance()
        target = self.advance()
        if target.kind != "word":
            raise self.unexpected(target)
        redirect: dict[str, Any] = {"fd": op.fd, "op": op.text, "target": None, "body": []}
        if op.text in ("<<", "<<-"):
            delim, quoted = unquote_delimiter(target.text)
            self.lexer.add_heredoc(redirect, delim, strip=op.text == "<<-", quoted=quoted)
            redirect["delim"] = target.text
        else:
            redirect["target"] = {"raw": target.text, "parts": target.parts}
        return redirect

    def _linebreak(self) -> None:
        while self.peek().kind == "newline":
            self.advance()
        if self.peek().kind == "eof":
            raise self.unexpected(self.peek())

    def _expand_alias(self, tok: Token) -> bool:
        name = tok.literal()
        if name is None or name not in self.aliases or name in tok.aliases:
            return False
        self.expansions += 1
        if self.expansions > MAX_ALIAS_EXPANSIONS:
            raise ShellSyntaxError(f"{name}: alias expansion too deep (more than "
                                   f"{MAX_ALIAS_EXPANSIONS} expansions)", tok.pos)
        self.advance()
        value = self.aliases[name]
        sub = Lexer(value)
        expanded: list[Token] = []
        while (t := sub.next()).kind != "eof":
            t.pos, t.end, t.aliases = tok.pos, tok.end, tok.aliases | {name}
            expanded.append(t)
        self.queue.extendleft(reversed(expanded))
        self.alias_next = value.endswith((" ", "\t"))
        return True


def _assignment(tok: Token) -> dict[str, Any] | None:
    """``NAME=value`` before the command name: the ``NAME=`` must be an unquoted literal."""
    if not tok.parts or tok.parts[0][0] != "u":
        return None
    first = tok.parts[0][1]
    m = NAME_RE.match(first)
    if not m or first[m.end():m.end() + 1] != "=":
        return None
    rest = first[m.end() + 1:]
    parts = ([["u", rest]] if rest else []) + tok.parts[1:]
    raw = tok.text[tok.text.index("=") + 1:]
    return {"name": m.group(), "value": {"raw": raw, "parts": parts}}


def unquote_delimiter(raw: str) -> tuple[str, bool]:
    """A here-document delimiter without its quotes, and whether any quoting was there."""
    out: list[str] = []
    quoted = False
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            out.append(raw[i + 1])
            quoted, i = True, i + 2
        elif c in "'\"":
            end = raw.find(c, i + 1)
            end = len(raw) if end < 0 else end
            out.append(raw[i + 1:end])
            quoted, i = True, end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out), quoted


def parse_all(text: str, aliases: dict[str, str] | None = None) -> list[Unit]:
    """Every unit of ``text`` (raises on the first syntax error); tests and ``needs_more`` use it."""
    parser = Parser(text, 0, aliases)
    units: list[Unit] = []
    while (unit := parser.parse_unit()) is not None:
        units.append(unit)
    return units


def needs_more(text: str) -> bool:
    """True when bash would show its ``> `` prompt: open quote, trailing ``|``/``&&``/``\\``,
    or a here-document whose delimiter has not come yet."""
    parser = Parser(text)
    try:
        while (unit := parser.parse_unit()) is not None:
            if any("delimited by end-of-file" in w for w in unit.warnings):
                return True
    except ShellSyntaxError as err:
        return err.incomplete
    return False


# -- printing back (job lists show commands the way bash prints its parse tree) -----------------
def render_command(cmd: dict[str, Any]) -> str:
    out = [f"{a['name']}={a['value']['raw']}" for a in cmd["assigns"]]
    out += [w["raw"] for w in cmd["words"]]
    for r in cmd["redirs"]:
        fd = "" if r["fd"] is None else str(r["fd"])
        if r["op"] in ("<<", "<<-"):
            out.append(f"{fd}{r['op']}{r.get('delim', '')}")
        elif r["op"] in (">&", "<&"):
            out.append(f"{fd}{r['op']}{r['target']['raw']}")
        else:
            out.append(f"{fd}{r['op']} {r['target']['raw']}")
    return " ".join(out)


def render_pipeline(pipe: dict[str, Any]) -> str:
    text = " | ".join(render_command(c) for c in pipe["cmds"])
    return "! " + text if pipe["neg"] else text


def render_and_or(node: dict[str, Any]) -> str:
    parts = [render_pipeline(node["pipes"][0])]
    for op, pipe in zip(node["ops"], node["pipes"][1:], strict=False):
        parts.append(f" {op} {render_pipeline(pipe)}")
    return "".join(parts)
