"""One scalar of ``-o yaml`` as PyYAML's emitter writes it (``yaml/emitter.py``, itself a port of the
libyaml emitter go-yaml v2 uses): the style decision (``analyze_scalar``, ``choose_scalar_style``)
and the writers (``write_plain``, ``write_single_quoted``, ``write_double_quoted``,
``write_literal``) with ``allow_unicode=True``, width 80 and indent 2.

The emitter's state (column, ``whitespace``, ``indention``) is kept only for the length of one
scalar: ``goyaml`` lays out the block structure itself and tells the writer where the scalar
starts (its column and the indent of its continuation lines). The code follows emitter.py line
by line so that the two can be compared; it is only reached for the rare scalar whose text
depends on its column (a long line that may fold, a ``|`` block) and once per distinct string
to compute the column-free text that ``goyaml`` caches.

Where PyYAML's emitter and go-yaml v2's disagree, this follows PyYAML on purpose (the output
must stay byte for byte what ``goyaml_reference`` writes). Seen with ``kubectl annotate --local
-f - k=v -o yaml``, kubectl differs on: long double-quoted text (go-yaml folds only at a space
and drops it, no backslash continuation), characters beyond U+FFFF and U+0085 (go-yaml escapes
them in double quotes), ``? key`` (go-yaml: only multi-line keys, a CR counting as a break,
or keys over 128 UTF-8 bytes; ``""`` stays a simple key), no ``...`` after a final ``|+``
block, and no indent before a closing quote after U+2028/U+2029.
"""

from __future__ import annotations

from typing import NamedTuple

WIDTH = 80
INDENT = 2
_BREAKS = "\n\x85\u2028\u2029"
_SPACE_OR_BREAK = "\0 \t\r\n\x85\u2028\u2029"
_SPACE_BREAKS = " " + _BREAKS
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\x09": "t", "\x0A": "n", "\x0B": "v", "\x0C": "f",
    "\x0D": "r", "\x1B": "e", '"': '"', "\\": "\\", "\x85": "N", "\xA0": "_", "\u2028": "L",
    "\u2029": "P",
}


class Analysis(NamedTuple):
    """What ``analyze_scalar`` finds out about a text (only the fields the block emitter reads)."""

    empty: bool
    multiline: bool
    allow_block_plain: bool
    allow_single_quoted: bool
    allow_block: bool


def analyze(scalar: str) -> Analysis:
    """``Emitter.analyze_scalar`` with ``allow_unicode=True``."""
    if not scalar:
        return Analysis(True, False, True, True, False)
    block_indicators = line_breaks = special_characters = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = False
    if scalar.startswith("---") or scalar.startswith("..."):
        block_indicators = True
    preceded_by_whitespace = True
    n = len(scalar)
    followed_by_whitespace = n == 1 or scalar[1] in _SPACE_OR_BREAK
    previous_space = previous_break = False
    for index, ch in enumerate(scalar):
        if index == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                block_indicators = True
            if ch in "?:" and followed_by_whitespace:
                block_indicators = True
            if ch == "-" and followed_by_whitespace:
                block_indicators = True
        else:
            if ch == ":" and followed_by_whitespace:
                block_indicators = True
            if ch == "#" and preceded_by_whitespace:
                block_indicators = True
        if ch in _BREAKS:
            line_breaks = True
        if not (ch == "\n" or "\x20" <= ch <= "\x7E"):
            if not ((ch == "\x85" or "\xA0" <= ch <= "\uD7FF" or "\uE000" <= ch <= "\uFFFD"
                     or "\U00010000" <= ch < "\U0010ffff") and ch != "\uFEFF"):
                special_characters = True
        if ch == " ":
            if index == 0:
                leading_space = True
            if index == n - 1:
                trailing_space = True
            if previous_break:
                break_space = True
            previous_space, previous_break = True, False
        elif ch in _BREAKS:
            if index == 0:
                leading_break = True
            if index == n - 1:
                trailing_break = True
            if previous_space:
                space_break = True
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_whitespace = ch in _SPACE_OR_BREAK
        followed_by_whitespace = index + 2 >= n or scalar[index + 2] in _SPACE_OR_BREAK
    allow_block_plain = allow_single_quoted = allow_block = True
    if leading_space or leading_break or trailing_space or trailing_break:
        allow_block_plain = False
    if trailing_space:
        allow_block = False
    if break_space:
        allow_block_plain = allow_single_quoted = False
    if space_break or special_characters:
        allow_block_plain = allow_single_quoted = allow_block = False
    if line_breaks or block_indicators:
        allow_block_plain = False
    return Analysis(False, line_breaks, allow_block_plain, allow_single_quoted, allow_block)


def choose_style(analysis: Analysis, requested: str | None) -> str:
    """``Emitter.choose_scalar_style`` in block context: ``""`` plain, ``'``, ``"`` or ``|``.

    ``requested`` is the representer's style (``|`` for text with a newline, ``"`` when go-yaml
    would read the text as another type, None otherwise). Simple keys are never empty or
    multi-line (``check_simple_key``), so the answer does not depend on the key context.
    """
    if requested == '"':
        return '"'
    if not requested and analysis.allow_block_plain:
        return ""
    if requested == "|" and analysis.allow_block:
        return "|"
    if (not requested or requested == "'") and analysis.allow_single_quoted:
        return "'"
    return '"'


def block_hints(text: str) -> str:
    """``Emitter.determine_block_hints``: indentation indicator and chomping of a ``|`` block."""
    hints = ""
    if text:
        if text[0] in _SPACE_BREAKS:
            hints += str(INDENT)
        if text[-1] not in _BREAKS:
            hints += "-"
        elif len(text) == 1 or text[-2] in _BREAKS:
            hints += "+"
    return hints


class Writer:
    """The emitter's writing state while one scalar is written, starting at ``column``."""

    __slots__ = ("parts", "column", "whitespace", "indention", "indent")

    def __init__(self, column: int, indent: int, whitespace: bool) -> None:
        self.parts: list[str] = []
        self.column = column
        self.indent = indent
        self.whitespace = whitespace
        self.indention = False

    def text(self) -> str:
        return "".join(self.parts)

    def write(self, data: str) -> None:
        self.column += len(data)
        self.parts.append(data)

    def indicator(self, indicator: str, need_whitespace: bool, whitespace: bool = False) -> None:
        self.write(indicator if self.whitespace or not need_whitespace else " " + indicator)
        self.whitespace = whitespace
        self.indention = False

    def write_indent(self) -> None:
        indent = self.indent
        if not self.indention or self.column > indent or (self.column == indent and not self.whitespace):
            self.line_break()
        if self.column < indent:
            self.whitespace = True
            self.parts.append(" " * (indent - self.column))
            self.column = indent

    def line_break(self, data: str = "\n") -> None:
        self.whitespace = self.indention = True
        self.column = 0
        self.parts.append(data)

    def _breaks(self, text: str) -> None:
        for br in text:
            self.line_break(br)

    def plain(self, text: str, split: bool) -> None:
        if not text:
            return
        if not self.whitespace:
            self.write(" ")
        self.whitespace = self.indention = False
        spaces = breaks = False
        start = end = 0
        n = len(text)
        while end <= n:
            ch = text[end] if end < n else None
            if spaces:
                if ch != " ":
                    if start + 1 == end and self.column > WIDTH and split:
                        self.write_indent()
                        self.whitespace = self.indention = False
                    else:
                        self.write(text[start:end])
                    start = end
            elif breaks:
                if ch is None or ch not in _BREAKS:
                    if text[start] == "\n":
                        self.line_break()
                    self._breaks(text[start:end])
                    self.write_indent()
                    self.whitespace = self.indention = False
                    start = end
            elif ch is None or ch in _SPACE_BREAKS:
                self.write(text[start:end])
                start = end
            if ch is not None:
                spaces, breaks = ch == " ", ch in _BREAKS
            end += 1

    def single_quoted(self, text: str, split: bool) -> None:
        self.indicator("'", True)
        spaces = breaks = False
        start = end = 0
        n = len(text)
        while end <= n:
            ch = text[end] if end < n else None
            if spaces:
                if ch is None or ch != " ":
                    if (start + 1 == end and self.column > WIDTH and split
                            and start != 0 and end != n):
                        self.write_indent()
                    else:
                        self.write(text[start:end])
                    start = end
            elif breaks:
                if ch is None or ch not in _BREAKS:
                    if text[start] == "\n":
                        self.line_break()
                    self._breaks(text[start:end])
                    self.write_indent()
                    start = end
            elif ch is None or ch in _SPACE_BREAKS or ch == "'":
                if start < end:
                    self.write(text[start:end])
                    start = end
            if ch == "'":
                self.write("''")
                start = end + 1
            if ch is not None:
                spaces, breaks = ch == " ", ch in _BREAKS
            end += 1
        self.indicator("'", False)

    def double_quoted(self, text: str, split: bool) -> None:
        self.indicator('"', True)
        start = end = 0
        n = len(text)
        while end <= n:
            ch = text[end] if end < n else None
            if ch is None or ch in '"\\\x85\u2028\u2029\uFEFF' or not (
                    "\x20" <= ch <= "\x7E" or "\xA0" <= ch <= "\uD7FF" or "\uE000" <= ch <= "\uFFFD"):
                if start < end:
                    self.write(text[start:end])
                    start = end
                if ch is not None:
                    if ch in _ESCAPES:
                        self.write("\\" + _ESCAPES[ch])
                    elif ch <= "\xFF":
                        self.write(f"\\x{ord(ch):02X}")
                    elif ch <= "\uFFFF":
                        self.write(f"\\u{ord(ch):04X}")
                    else:
                        self.write(f"\\U{ord(ch):08X}")
                    start = end + 1
            if (0 < end < n - 1 and (ch == " " or start >= end)
                    and self.column + (end - start) > WIDTH and split):
                data = text[start:end] + "\\"
                if start < end:
                    start = end
                self.write(data)
                self.write_indent()
                self.whitespace = self.indention = False
                if text[start] == " ":
                    self.write("\\")
            end += 1
        self.indicator('"', False)

    def literal(self, text: str) -> None:
        self.indicator("|" + block_hints(text), True)
        self.line_break()
        breaks = True
        start = end = 0
        n = len(text)
        while end <= n:
            ch = text[end] if end < n else None
            if breaks:
                if ch is None or ch not in _BREAKS:
                    self._breaks(text[start:end])
                    if ch is not None:
                        self.write_indent()
                    start = end
            elif ch is None or ch in _BREAKS:
                self.parts.append(text[start:end])  # emitter.py does not count these columns
                if ch is None:
                    self.line_break()
                start = end
            if ch is not None:
                breaks = ch in _BREAKS
            end += 1

    def scalar(self, text: str, style: str, split: bool) -> None:
        """``Emitter.process_scalar`` for a chosen style."""
        if style == '"':
            self.double_quoted(text, split)
        elif style == "'":
            self.single_quoted(text, split)
        elif style == "|":
            self.literal(text)
        else:
            self.plain(text, split)


def render(text: str, style: str, *, column: int, indent: int, whitespace: bool = False,
           split: bool = True) -> str:
    """The characters the emitter writes for ``text`` in ``style`` starting at ``column``."""
    w = Writer(column, indent, whitespace)
    w.scalar(text, style, split)
    return w.text()
