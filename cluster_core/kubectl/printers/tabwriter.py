"""A port of Go's ``text/tabwriter`` cell algorithm, as kubectl configures it.

kubectl never pads with tabs and never aligns right, so only the space-padding path is ported.
The rules that make kubectl's output look the way it does all come from here:

- text is split into cells at ``\\t``; the cell before a newline is the line's *last* cell, which
  belongs to no column and is never padded (so a table's last column has no trailing spaces,
  but a column followed by an empty last cell keeps its padding);
- a column's width is the widest cell in a *block* of consecutive lines that have that column,
  plus ``padding``, and at least ``minwidth``;
- a line without any tab ends the block (Go flushes there), so lines after it align anew.
"""

from __future__ import annotations

_Line = list[tuple[str, bool]]  # (text, terminated by a tab)


def _write_lines(lines: list[_Line], widths: list[int], line0: int, line1: int, last: int,
                 padchar: str, out: list[str]) -> None:
    nwidths = len(widths)
    for i in range(line0, line1):
        for j, (text, _htab) in enumerate(lines[i]):
            if text:
                out.append(text)
            if j < nwidths:
                pad = widths[j] - len(text)
                if pad > 0:
                    out.append(padchar * pad)
        if i != last:
            out.append("\n")


def _format(lines: list[_Line], widths: list[int], line0: int, line1: int, last: int,
            minwidth: int, padding: int, padchar: str, out: list[str]) -> None:
    column = len(widths)
    this = line0
    while this < line1:
        if column >= len(lines[this]) - 1:
            this += 1
            continue
        # this line has a cell in this column: print the lines before it, then size the block
        _write_lines(lines, widths, line0, this, last, padchar, out)
        line0 = this
        width = minwidth
        while this < line1:
            line = lines[this]
            if column >= len(line) - 1:
                break
            w = len(line[column][0]) + padding
            if w > width:
                width = w
            this += 1
        widths.append(width)
        _format(lines, widths, line0, this, last, minwidth, padding, padchar, out)
        widths.pop()
        line0 = this
    _write_lines(lines, widths, line0, line1, last, padchar, out)


def _flush(lines: list[_Line], minwidth: int, padding: int, padchar: str, out: list[str]) -> None:
    _format(lines, [], 0, len(lines), len(lines) - 1, minwidth, padding, padchar, out)


def _cells(raw: str) -> _Line:
    cells = raw.split("\t")
    line: _Line = [(c, True) for c in cells[:-1]]
    line.append((cells[-1], False))
    return line


def tabwrite(text: str, *, minwidth: int, tabwidth: int, padding: int, padchar: str = " ") -> str:
    """Everything written to a Go ``tabwriter.NewWriter(w, minwidth, tabwidth, padding, padchar, 0)``
    followed by ``Flush()``. ``tabwidth`` only matters when padding with tabs, which kubectl never does."""
    del tabwidth
    out: list[str] = []
    lines: list[_Line] = []
    *complete, tail = text.split("\n")
    for raw in complete:
        line = _cells(raw)
        lines.append(line)
        if len(line) == 1:
            # A line without tabs cannot influence later columns: Go flushes here.
            lines.append([])
            _flush(lines, minwidth, padding, padchar, out)
            lines = []
    # Flush(): pending text becomes the last cell of the (unterminated) current line.
    line = _cells(tail) if tail else []
    if line and line[-1][0] == "":
        line.pop()
    lines.append(line)
    _flush(lines, minwidth, padding, padchar, out)
    return "".join(out)


def table_rows(rows: list[list[str]]) -> str:
    """``table()`` of rows that all have the same number of cells (kubectl's tables): then every
    column is one block and the result is plain left-justification, computed directly."""
    if not rows:
        return ""
    n = len(rows[0])
    if any(len(r) != n or any("\t" in c or "\n" in c for c in r) for r in rows):
        return table("".join("\t".join(r) + "\n" for r in rows))
    widths = [max(6, max(len(r[j]) for r in rows) + 3) for j in range(n - 1)]
    out = []
    for r in rows:
        out.append("".join([c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)]) + r[-1] + "\n")
    return "".join(out)


def table(text: str) -> str:
    """cli-runtime's ``GetNewTabWriter``: minwidth 6, tabwidth 4, padding 3, spaces (tables,
    custom-columns)."""
    return tabwrite(text, minwidth=6, tabwidth=4, padding=3)


def describe(text: str) -> str:
    """kubectl describe's writer: minwidth 0, tabwidth 8, padding 2, spaces."""
    return tabwrite(text, minwidth=0, tabwidth=8, padding=2)
