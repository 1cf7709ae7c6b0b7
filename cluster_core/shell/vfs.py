"""The student's files: a tiny in-memory tree with the student's home at ``/home/student``.

Why not a dict of paths and nothing else: commands need directories, ``..``, "Is a directory" and
"No space left on device" with the kernel's wording, and the Playground needs a JSON state. Only
the home directory and ``/tmp`` are writable; the system directories (``/``, ``/usr/bin``, ...)
exist, are empty and read-only, so ``cd /`` and ``ls /usr`` behave and ``rm -r /`` cannot.
``/dev/null`` reads empty and swallows writes.

Limits (the state is stored per session): a file holds at most 1 MiB (UTF-8 bytes; more is
``File too large``); the writable tree at most 500 entries, files and directories together, and
16 Mi characters in all (more is ``No space left on device``). Times are passed in (``now``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

HOME = "/home/student"
MAX_FILE_BYTES = 1024 * 1024
MAX_ENTRIES = 500
MAX_TOTAL_CHARS = 16 * 1024 * 1024
DEV_NULL = "/dev/null"
WRITABLE_ROOTS = (HOME, "/tmp")
SYSTEM_DIRS = frozenset({
    "/", "/bin", "/dev", "/etc", "/home", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin",
    "/usr/sbin", "/sbin", "/var", "/root", "/opt",
})

STRERROR = {
    "ENOENT": "No such file or directory",
    "EISDIR": "Is a directory",
    "ENOTDIR": "Not a directory",
    "EEXIST": "File exists",
    "EACCES": "Permission denied",
    "ENOSPC": "No space left on device",
    "EFBIG": "File too large",
    "ENOTEMPTY": "Directory not empty",
    "EINVAL": "Invalid argument",
}


class VfsError(Exception):
    """A failed file operation, named by its errno (``ENOENT``); ``strerror`` is the C library's text."""

    def __init__(self, code: str, path: str = "") -> None:
        super().__init__(f"{path}: {STRERROR[code]}" if path else STRERROR[code])
        self.code = code
        self.path = path

    @property
    def strerror(self) -> str:
        return STRERROR[self.code]


@dataclass(frozen=True)
class Stat:
    """What ``ls -l`` needs: kind ("file", "dir" or "dev"), size in bytes, mtime and link count."""

    kind: str
    size: int
    mtime: float
    nlink: int


def normalize(path: str, cwd: str = HOME) -> str:
    """An absolute, ``.``/``..``-free path; ``..`` at the root stays at the root, as in the kernel."""
    if not path.startswith("/"):
        path = posixpath.join(cwd, path)
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
        else:
            out.append(part)
    return "/" + "/".join(out)


def tilde(path: str) -> str:
    """``/home/student/x`` as ``~/x``: the way bash's prompt and job list show directories."""
    if path == HOME:
        return "~"
    if path.startswith(HOME + "/"):
        return "~" + path[len(HOME):]
    return path


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


class VirtualFS:
    """A directory tree held as two dicts: ``files`` (path -> [text, mtime]) and ``dirs`` (path -> mtime)."""

    def __init__(self) -> None:
        self.files: dict[str, list[Any]] = {}
        self.dirs: dict[str, float] = {HOME: 0.0}

    # -- state -------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        return {
            "files": {p: [t, m] for p, (t, m) in sorted(self.files.items())},
            "dirs": dict(sorted(self.dirs.items())),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> VirtualFS:
        fs = cls()
        fs.dirs = {str(p): float(m) for p, m in state.get("dirs", {}).items()}
        fs.dirs.setdefault(HOME, 0.0)
        fs.files = {str(p): [str(t), float(m)] for p, (t, m) in state.get("files", {}).items()}
        return fs

    # -- queries -----------------------------------------------------------------------------
    def is_dir(self, path: str) -> bool:
        return path in self.dirs or path in SYSTEM_DIRS

    def is_file(self, path: str) -> bool:
        return path in self.files or path == DEV_NULL

    def exists(self, path: str) -> bool:
        return self.is_dir(path) or self.is_file(path)

    def stat(self, path: str) -> Stat:
        if path == DEV_NULL:
            return Stat("dev", 0, 0.0, 1)
        if path in self.files:
            text, mtime = self.files[path]
            return Stat("file", utf8_len(text), mtime, 1)
        if self.is_dir(path):
            subdirs = sum(1 for name in self.listdir(path) if self.is_dir(posixpath.join(path, name)))
            return Stat("dir", 4096, self.dirs.get(path, 0.0), 2 + subdirs)
        raise VfsError("ENOENT", path)

    def listdir(self, path: str) -> list[str]:
        """Names in a directory, sorted by bytes (the C locale's order, which ``ls`` then uses)."""
        if not self.is_dir(path):
            raise VfsError("ENOTDIR" if self.is_file(path) else "ENOENT", path)
        prefix = path.rstrip("/") + "/"
        names = {p[len(prefix):] for p in (*self.files, *self.dirs, *SYSTEM_DIRS, DEV_NULL)
                 if p.startswith(prefix) and p != prefix and "/" not in p[len(prefix):]}
        return sorted(names)

    def read(self, path: str) -> str:
        if path == DEV_NULL:
            return ""
        if path in self.files:
            return self.files[path][0]
        if self.is_dir(path):
            raise VfsError("EISDIR", path)
        self._check_parent(path)
        raise VfsError("ENOENT", path)

    def total_chars(self) -> int:
        return sum(len(text) for text, _ in self.files.values())

    def walk(self, path: str) -> list[str]:
        """Every path strictly below ``path``, parents before children."""
        prefix = path.rstrip("/") + "/"
        return sorted(p for p in (*self.files, *self.dirs) if p.startswith(prefix))

    # -- changes -----------------------------------------------------------------------------
    def write(self, path: str, text: str, *, append: bool = False, now: float = 0.0) -> None:
        """Create or overwrite (or append to) a file, with the kernel's errors for each way it fails."""
        if path == DEV_NULL:
            return
        if self.is_dir(path):
            raise VfsError("EISDIR", path)
        self._check_parent(path)
        self._check_writable(path)
        old = self.files[path][0] if path in self.files else None
        if old is None:
            self._check_room(path)
        new = (old or "") + text if append else text
        if utf8_len(new) > MAX_FILE_BYTES:
            raise VfsError("EFBIG", path)
        if len(new) > len(old or "") and self.total_chars() - len(old or "") + len(new) > MAX_TOTAL_CHARS:
            raise VfsError("ENOSPC", path)
        self.files[path] = [new, now]
        if old is None:
            self._changed(path, now)

    def mkdir(self, path: str, *, parents: bool = False, now: float = 0.0) -> None:
        if self.exists(path):
            if parents and self.is_dir(path):
                return
            raise VfsError("EEXIST", path)
        parent = posixpath.dirname(path)
        if parents and not self.exists(parent):
            self.mkdir(parent, parents=True, now=now)
        self._check_parent(path)
        self._check_writable(path)
        self._check_room(path)
        self.dirs[path] = now
        self._changed(path, now)

    def touch(self, path: str, now: float = 0.0) -> None:
        if path in self.files:
            self.files[path][1] = now
        elif path in self.dirs:
            self.dirs[path] = now
        elif not self.is_dir(path) and path != DEV_NULL:
            self.write(path, "", now=now)

    def remove(self, path: str, now: float | None = None) -> None:
        """Remove a file (``unlink``): directories raise EISDIR."""
        if self.is_dir(path):
            raise VfsError("EISDIR", path)
        if path not in self.files:
            raise VfsError("EACCES" if path == DEV_NULL else "ENOENT", path)
        self._check_writable(path)
        del self.files[path]
        self._changed(path, now)

    def rmdir(self, path: str, now: float | None = None) -> None:
        if not self.is_dir(path):
            raise VfsError("ENOTDIR" if self.is_file(path) else "ENOENT", path)
        if path in SYSTEM_DIRS or path == HOME:
            raise VfsError("EACCES", path)
        if self.listdir(path):
            raise VfsError("ENOTEMPTY", path)
        del self.dirs[path]
        self._changed(path, now)

    def rename(self, src: str, dst: str, now: float = 0.0) -> None:
        """Move a file or a directory (with everything below it) to a new path."""
        if not self.exists(src):
            raise VfsError("ENOENT", src)
        self._check_writable(src)
        self._check_parent(dst)
        self._check_writable(dst)
        if src == dst:
            return
        self._changed(src, now)
        self._changed(dst, now)
        if self.is_dir(src):
            if dst.startswith(src.rstrip("/") + "/"):
                raise VfsError("EINVAL", dst)
            if self.is_file(dst):
                raise VfsError("ENOTDIR", dst)
            if self.is_dir(dst) and self.listdir(dst):
                raise VfsError("ENOTEMPTY", dst)
            moved = [src, *self.walk(src)]
            for old in moved:
                new = dst + old[len(src):]
                if old in self.dirs:
                    self.dirs[new] = self.dirs.pop(old)
                else:
                    self.files[new] = self.files.pop(old)
            return
        if self.is_dir(dst):
            raise VfsError("EISDIR", dst)
        self.files[dst] = [self.files.pop(src)[0], now]

    def _changed(self, path: str, now: float | None) -> None:
        """A directory's mtime moves when an entry is added, removed or renamed in it."""
        parent = posixpath.dirname(path)
        if now is not None and parent in self.dirs:
            self.dirs[parent] = now

    # -- checks ------------------------------------------------------------------------------
    def _check_parent(self, path: str) -> None:
        parent = posixpath.dirname(path)
        while parent != "/":
            if self.is_file(parent):
                raise VfsError("ENOTDIR", path)
            if not self.is_dir(parent):
                raise VfsError("ENOENT", path)
            parent = posixpath.dirname(parent)

    def _check_writable(self, path: str) -> None:
        if not any(path.startswith(root + "/") for root in WRITABLE_ROOTS):
            raise VfsError("EACCES", path)

    def _check_room(self, path: str) -> None:
        if len(self.files) + len(self.dirs) - 1 >= MAX_ENTRIES:
            raise VfsError("ENOSPC", path)

    # -- helpers the Playground exposes (paths relative to the home directory) ----------------
    def write_file(self, rel: str, text: str, now: float = 0.0) -> None:
        """Put a file in the home directory, creating its directories (lesson setup, uploads)."""
        path = normalize(rel, HOME)
        self.mkdir(posixpath.dirname(path), parents=True, now=now)
        self.write(path, text, now=now)

    def read_file(self, rel: str) -> str:
        return self.read(normalize(rel, HOME))

    def list_files(self, rel: str = "") -> list[str]:
        """All files below a home-relative directory, as home-relative paths, sorted."""
        base = normalize(rel, HOME)
        return [p[len(HOME) + 1:] for p in self.walk(base) if p in self.files]
