"""Redirections: ``<``, ``>``, ``>>``, ``2>``, ``2>&1``, ``&>``, ``<<<`` and here-documents, applied left to
right to a command's three streams as bash applies them to file descriptors.

Targets are the JSON dicts of :mod:`.streams`; input becomes text. ``opened`` lists files a
running pipeline has already truncated, so a filter run again on each new line appends.
"""

from __future__ import annotations

from typing import Any

from .expand import Expander
from .streams import TTY_ERR
from .vfs import DEV_NULL, VfsError, VirtualFS, normalize

NULL = {"k": "null"}


class RedirectError(Exception):
    """A redirection that cannot be set up; the command does not run (status 1)."""


def apply_redirections(redirs: list[dict[str, Any]], exp: Expander, fs: VirtualFS, cwd: str, now: float, stdin: str,
                       out: dict[str, Any], opened: list[str] | None) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Apply redirections left to right, as bash does (``> f 2>&1`` differs from ``2>&1 > f``)."""
    fds: dict[int, dict[str, Any]] = {0: {"k": "text", "text": stdin}, 1: out, 2: TTY_ERR}
    for r in redirs:
        op, fd = r["op"], r["fd"]
        if op in ("<<", "<<-"):
            fds[0 if fd is None else fd] = {"k": "text", "text": exp.string(r["body"])}
            continue
        raw = r["target"]["raw"]
        if op == "<<<":
            fds[0 if fd is None else fd] = {"k": "text", "text": exp.string(r["target"]["parts"]) + "\n"}
            continue
        words = exp.fields(r["target"]["parts"])
        if len(words) != 1:
            raise RedirectError(f"{raw}: ambiguous redirect")
        target = words[0]
        if op in (">&", "<&") and (target.isdigit() or target == "-"):
            dest = (1 if op == ">&" else 0) if fd is None else fd
            if target == "-":
                fds[dest] = NULL
            elif int(target) not in fds:
                raise RedirectError(f"{target}: Bad file descriptor")
            else:
                fds[dest] = fds[int(target)]
            continue
        if op == "<&":
            raise RedirectError(f"{raw}: ambiguous redirect")
        path = normalize(target, cwd)
        if op in ("<", "<>"):
            try:
                fds[0 if fd is None else fd] = {"k": "text", "text": fs.read(path)}
            except VfsError as err:
                raise RedirectError(f"{target}: {err.strerror}") from None
            continue
        dest_t = NULL if path == DEV_NULL else {"k": "file", "path": path}
        if path != DEV_NULL:
            truncate = op in (">", ">|", "&>", ">&") and (opened is None or path not in opened)
            try:
                fs.write(path, "", append=not truncate, now=now)
            except VfsError as err:
                raise RedirectError(f"{target}: {err.strerror}") from None
            if opened is not None and path not in opened:
                opened.append(path)
        if op in ("&>", "&>>") or (op == ">&" and fd is None):
            fds[1] = fds[2] = dest_t
        else:
            fds[1 if fd is None else fd] = dest_t
    src = fds[0]
    text = src["text"] if src["k"] == "text" else ""
    return text, _output(fds[1]), _output(fds[2])


def _output(target: dict[str, Any]) -> dict[str, Any]:
    return NULL if target["k"] == "text" else target
