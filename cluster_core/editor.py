"""The editors of the student's terminal: ``vi``, ``vim``, ``nano`` and ``edit`` open the browser's
editor pane over a file; ``kubectl edit`` opens the same pane over an object's YAML.

There is no screen to draw, so an editor is a long-running command (:class:`EditorSession`) that
waits for the browser. The handoff goes through the runner's own saved state, which is why it
survives ``Playground.to_state``/``from_state`` between opening and saving:

1. The command starts; its state holds the buffer: ``path``, ``content``, ``mode`` (``"file"`` or
   ``"kubectl-edit"``), the program, a status ``message`` (``"x" [New]``) and, for ``kubectl
   edit``, what kubectl keeps between editor runs (the objects as fetched, the errors so far).
2. ``Playground.editor(tab)`` reads that state from the tab's foreground command (:func:`view`).
3. ``Playground.editor_save(tab, text)`` stores ``{"action": "save", "content": text}`` under
   ``reply`` in that state (:func:`hand_over`) and polls the tab. ``poll`` finds the reply: a file
   editor writes the file and quits (``:wq``); ``kubectl edit`` applies the change and prints
   ``pod/x edited``, or prints its error and reopens the editor with the error block on top.
4. ``editor_cancel`` is quitting without saving (``:q!``). Ctrl-C does the same: a real editor
   takes the key itself, but a command here cannot refuse Ctrl-C, and a transcript
   (``Playground.execute``) stops a command that waits for nothing as if Ctrl-C was pressed.

Started with ``&`` an editor stops at once (``background_ok = False``), as bash shows it, until
``fg``. A file editor prints nothing on the terminal, as vim and nano leave none of their screen
behind; a failed write (``E212: Can't open file for writing``) keeps the pane open with the
message, as the editors do.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from cluster_core.shell.jobs import LongRunning, register_long_running
from cluster_core.shell.vfs import HOME, VfsError, normalize, utf8_len

if TYPE_CHECKING:
    from cluster_core.shell.streams import CommandContext

PROGRAMS = ("vi", "vim", "nano", "edit")
VIM_LIKE = frozenset({"vi", "vim"})
EDIT_USAGE = "Usage: edit FILE\n"  # Debian's ``edit`` is run-mailcap; this playground keeps it simple


def _resolve(name: str, cwd: str) -> str:
    if name == "~" or name.startswith("~/"):
        name = HOME + name[1:]
    return normalize(name, cwd)


def _line_count(text: str) -> int:
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


# ---------------------------------------------------------------- status messages, per editor
def opened_message(program: str, name: str, text: str | None) -> str:
    """What the editor's status line says on opening: ``"x" 3L, 45B`` or ``"x" [New]`` (vim), nano's words."""
    if program in VIM_LIKE:
        if text is None:
            return f'"{name}" [New]'
        return f'"{name}" {_line_count(text)}L, {utf8_len(text)}B'
    if text is None:
        return "New File"
    n = _line_count(text)
    return f"Read {n} line" + ("" if n == 1 else "s")


def no_name_message(program: str) -> str:
    """Saving a buffer that has no file name yet."""
    return "E32: No file name" if program in VIM_LIKE else "File Name to Write: "


def write_error_message(program: str, name: str, path: str, err: VfsError) -> str:
    """A write that failed, as the editor's status line reports it (vim names a directory by its full path)."""
    if program in VIM_LIKE:
        if err.code == "EISDIR":
            return f'"{path}" is a directory'
        if err.code in ("ENOSPC", "EFBIG"):
            return f'"{name}" E514: Write error (file system full?)'
        return f"\"{name}\" E212: Can't open file for writing"
    return f"Error writing {name}: {err.strerror}"


# ---------------------------------------------------------------- the runner
@register_long_running
class EditorSession(LongRunning):
    """An editor waiting for the browser; everything it knows is in ``state`` (JSON-safe)."""

    kind = "editor.session"
    background_ok = False

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state

    @classmethod
    def open_file(cls, program: str, name: str, path: str | None, content: str, message: str) -> EditorSession:
        return cls({"mode": "file", "program": program, "name": name, "path": path, "content": content,
                    "message": message, "reply": None})

    def to_state(self) -> dict[str, Any]:
        return self.state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> EditorSession:
        return cls(copy.deepcopy(state))

    def poll(self, ctx: CommandContext) -> int | None:
        reply = self.state.get("reply")
        if not isinstance(reply, dict):
            return None
        self.state["reply"] = None
        if self.state["mode"] == "kubectl-edit":
            from cluster_core.kubectl.verbs.edit import after_editing

            return after_editing(ctx, self.state, reply)
        return self._file_reply(ctx, reply)

    def interrupt(self, ctx: CommandContext) -> int:
        """Ctrl-C: the editor is closed without saving (see the module docstring)."""
        self.state["reply"] = {"action": "cancel"}
        code = self.poll(ctx)
        return 130 if code is None else code

    def _file_reply(self, ctx: CommandContext, reply: dict[str, Any]) -> int | None:
        st = self.state
        if reply.get("action") != "save":
            return 0
        text = str(reply.get("content", ""))
        st["content"] = text
        if reply.get("path"):
            st["name"] = str(reply["path"])
            st["path"] = _resolve(st["name"], ctx.cwd)
        if not st["path"]:
            st["message"] = no_name_message(st["program"])
            return None
        try:
            ctx.fs.write(st["path"], text, now=ctx.now)
        except VfsError as err:
            st["message"] = write_error_message(st["program"], st["name"], st["path"], err)
            return None
        return 0


# ---------------------------------------------------------------- what the Playground calls
def view(runner: dict[str, Any] | None) -> dict[str, Any] | None:
    """The editor pane for a tab's foreground runner (``{"kind", "state"}``), or None if it is no editor.

    ``path`` is absolute (``""`` for a buffer without a name yet: ``needs_name``), ``content`` the
    text to show, ``mode`` ``"file"`` or ``"kubectl-edit"``, ``message`` the editor's status line.
    """
    if not isinstance(runner, dict) or runner.get("kind") != EditorSession.kind:
        return None
    st = runner.get("state") or {}
    return {"path": st.get("path") or "", "content": st.get("content", ""), "mode": st.get("mode", "file"),
            "program": st.get("program", ""), "message": st.get("message", ""),
            "needs_name": not st.get("path")}


def hand_over(runner: dict[str, Any] | None, action: str, content: str = "", path: str | None = None) -> bool:
    """Leave the browser's answer (``save`` with the text, or ``cancel``) where the editor's next poll finds it."""
    if view(runner) is None:
        return False
    assert runner is not None
    reply: dict[str, Any] = {"action": action}
    if action == "save":
        reply["content"] = str(content)
        if path:
            reply["path"] = str(path)
    runner["state"]["reply"] = reply
    return True


# ---------------------------------------------------------------- the programs
def editor_program(ctx: CommandContext) -> int | LongRunning:
    """``vi``/``vim``/``nano``/``edit [OPTIONS] [FILE...]``: the first file in the pane (options ignored);
    ``-`` reads the buffer from standard input (``kubectl get pod x -o yaml | vim -``)."""
    program = ctx.name
    files: list[str] = []
    from_stdin = False
    only_files = False
    for arg in ctx.argv[1:]:
        if only_files or not arg.startswith(("-", "+")):
            files.append(arg)
        elif arg == "--":
            only_files = True
        elif arg == "-" and program != "edit":
            from_stdin = True
    if not files:
        if program == "edit" and not from_stdin:
            ctx.write_err(EDIT_USAGE)
            return 1
        if from_stdin:
            message = "Vim: Reading from stdin..." if program in VIM_LIKE else f"Read {_line_count(ctx.stdin)} lines"
            return EditorSession.open_file(program, "", None, ctx.stdin, message)
        return EditorSession.open_file(program, "", None, "", "")
    name = files[0]
    path = _resolve(name, ctx.cwd)
    if ctx.fs.is_dir(path):
        ctx.write_err(f'"{name}" is a directory\n')
        return 1
    text: str | None = None
    if ctx.fs.exists(path):
        try:
            text = ctx.fs.read(path)
        except VfsError as err:
            ctx.write_err(f'"{name}" {err.strerror}\n')
            return 1
    return EditorSession.open_file(program, name, path, text or "", opened_message(program, name, text))
