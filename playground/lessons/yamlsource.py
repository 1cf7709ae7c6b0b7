"""YAML that remembers where things are: mappings and lists carry the line of each entry.

Instructors edit lesson files by hand, so every error must point at a line. ``yaml.compose`` has
the marks; this loader keeps them on the constructed values (``LMap.lines[key]``,
``LList.lines[i]``, 1-based) instead of throwing them away, and refuses duplicate keys, which
PyYAML would silently let the last one win.
"""

from __future__ import annotations

from typing import Any

import yaml


class SourceError(Exception):
    """A YAML syntax error or duplicate key, with the 1-based line it is on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class LMap(dict):
    """A mapping with its own line, each key's line, each value's line and scalar style."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}
        self.lines: dict[Any, int] = {}
        self.styles: dict[Any, str | None] = {}

    def line_of(self, key: Any) -> int:
        """The line of ``key``'s value, or of the mapping itself when the key is missing."""
        return self.lines.get(key, self.line)

    def text_line(self, key: Any) -> int:
        """The line a text value's first character is on (block scalars start below their ``|``)."""
        line = self.line_of(key)
        return line + 1 if self.styles.get(key) in ("|", ">") else line


class LList(list):
    """A list with its own line and each item's line."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []
        self.styles: list[str | None] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line

    def text_line(self, index: int) -> int:
        line = self.line_of(index)
        style = self.styles[index] if 0 <= index < len(self.styles) else None
        return line + 1 if style in ("|", ">") else line


class _Loader(yaml.SafeLoader):
    pass


def _style(node: yaml.Node) -> str | None:
    return getattr(node, "style", None) if isinstance(node, yaml.ScalarNode) else None


def _map(loader: _Loader, node: yaml.MappingNode) -> LMap:
    loader.flatten_mapping(node)
    out = LMap()
    out.line = node.start_mark.line + 1
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise SourceError(knode.start_mark.line + 1, "a key must be a plain value")
        if key in out:
            raise SourceError(knode.start_mark.line + 1,
                              f"duplicate key {key!r} (first on line {out.key_lines[key]})")
        out[key] = loader.construct_object(vnode, deep=True)
        out.key_lines[key] = knode.start_mark.line + 1
        out.lines[key] = vnode.start_mark.line + 1
        out.styles[key] = _style(vnode)
    return out


def _seq(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList()
    out.line = node.start_mark.line + 1
    for item in node.value:
        out.append(loader.construct_object(item, deep=True))
        out.lines.append(item.start_mark.line + 1)
        out.styles.append(_style(item))
    return out


_Loader.add_constructor("tag:yaml.org,2002:map", _map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _seq)


def load(text: str) -> Any:
    """Parse one YAML document keeping lines; raises :class:`SourceError`."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except SourceError:
        raise
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise SourceError(line, " ".join(str(x) for x in (e.context, e.problem) if x)) from None
    except yaml.YAMLError as e:
        raise SourceError(1, str(e)) from None


def plain(value: Any) -> Any:
    """The same data as plain dicts and lists (for the API server and JSON)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
