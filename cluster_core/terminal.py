"""The student's terminal: the bash-like shell with kubectl, curl and sleep plugged in.

The shell (``cluster_core/shell``) knows nothing of clusters; this module gives it the programs
that reach the cluster and decides how time passes while a command runs:

- on a **manual clock** (grading, tests) ``run_to_end`` drives a running command by advancing the
  simulated clock to the moment it said it would have news (``wake_at``), so ``sleep 30``,
  ``kubectl delete`` and ``kubectl wait`` finish at once in real time; a command with no news to
  wait for (a watch on a settled cluster, a foreground ``port-forward``) is then stopped as if the
  student pressed Ctrl-C;
- on a **wall clock** (the web site) the caller streams: ``start``, then ``poll`` when time has
  passed (``Playground.next_change_at`` says when), and ``interrupt`` on Ctrl-C.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cluster_core.editor import PROGRAMS as EDITORS
from cluster_core.editor import editor_program
from cluster_core.shell.jobs import LongRunning, Sleep
from cluster_core.shell.shell import Shell
from cluster_core.shell.streams import CommandContext, ExecResult
from cluster_core.shell.vfs import HOME, VfsError, normalize

if TYPE_CHECKING:
    from cluster_core.playground import Playground

MAX_DRIVE_SECONDS = 7 * 86400.0  # the most simulated time one input may let pass
MAX_DRIVE_STEPS = 100_000


class Host:
    """What shell programs see of the playground: the cluster, the clock, ``now()`` and ``sleep``."""

    def __init__(self, pg: Playground) -> None:
        self.pg = pg
        self.server = pg.server
        self.sim = pg.sim
        self.clock = pg.clock

    def now(self) -> float:
        return self.clock.now

    def sleep(self, seconds: float) -> int | LongRunning:
        if self.clock.manual:
            self.pg.advance(seconds)
            return 0
        return Sleep(self.clock.now + seconds)


class KubectlFiles:
    """kubectl's view of the virtual file system: paths relative to the command's directory, ``~``."""

    def __init__(self, ctx: CommandContext) -> None:
        self._fs = ctx.fs
        self._cwd = ctx.cwd

    def _abs(self, path: str) -> str:
        if path == "~" or path.startswith("~/"):
            path = HOME + path[1:]
        return normalize(path, self._cwd)

    def read_text(self, path: str) -> str:
        try:
            return self._fs.read(self._abs(path))
        except VfsError as e:
            raise OSError(e.strerror) from None

    def write_text(self, path: str, text: str) -> None:
        p = self._abs(path)
        parent = p.rsplit("/", 1)[0] or "/"
        if not self._fs.is_dir(parent):
            self._fs.mkdir(parent, parents=True)
        self._fs.write(p, text)

    def is_dir(self, path: str) -> bool:
        return self._fs.is_dir(self._abs(path))

    def exists(self, path: str) -> bool:
        return self._fs.exists(self._abs(path))

    def listdir(self, path: str) -> list[str]:
        return self._fs.listdir(self._abs(path))


def _kubectl(ctx: CommandContext) -> int | LongRunning:
    from cluster_core.kubectl.context import KubectlContext
    from cluster_core.kubectl.main import run

    host: Host = ctx.host
    kctx = KubectlContext(host.pg, KubectlFiles(ctx), stdin=ctx.stdin)
    kctx.write = ctx.write  # type: ignore[method-assign]
    kctx.write_err = ctx.write_err  # type: ignore[method-assign]
    try:
        result = run(kctx, ctx.argv[1:])
    except Exception as e:  # noqa: BLE001 - a bug must not take the terminal down; say what failed
        ctx.write_err(f"error: {type(e).__name__}: {e}\n")
        return 1
    return result


def _curl(ctx: CommandContext) -> int | LongRunning:
    from cluster_core.kubectl.curl import curl

    return curl(ctx)


def _complete_kubectl(req: Any) -> list[str] | None:
    from cluster_core.kubectl.completion import complete

    return complete(req)


@dataclass
class _Collected:
    output: list[str]
    stdout: list[str]
    stderr: list[str]

    def add(self, r: ExecResult) -> None:
        self.output.append(r.output)
        self.stdout.append(r.stdout)
        self.stderr.append(r.stderr)

    def result(self, r: ExecResult) -> ExecResult:
        return ExecResult("".join(self.output), "".join(self.stdout), "".join(self.stderr), r.exit_code,
                          r.running, r.error_at)


class Terminal:
    """Terminal tabs over one home directory, for one playground."""

    def __init__(self, pg: Playground, state: dict[str, Any] | None = None) -> None:
        self.pg = pg
        self.host = Host(pg)
        self.shell = Shell.from_state(state) if state else Shell()
        self.shell.register("kubectl", _kubectl)
        self.shell.register("curl", _curl)
        for name in EDITORS:
            self.shell.register(name, editor_program)
        self.shell.register_completer("kubectl", _complete_kubectl)
        self.fs = HomeFiles(self.shell)

    def to_state(self) -> dict[str, Any]:
        return self.shell.to_state()

    # ------------------------------------------------------------ streaming (web)
    def start(self, tab: int, text: str) -> ExecResult:
        return self.shell.execute(tab, text, self.host)

    def poll(self, tab: int) -> ExecResult:
        return self.shell.poll(tab, self.host)

    def interrupt(self, tab: int) -> ExecResult:
        return self.shell.interrupt(tab, self.host)

    def complete(self, tab: int, line: str, cursor: int) -> list[str]:
        return self.shell.complete(tab, line, cursor, self.host)

    def wake_at(self) -> float | None:
        """When a running command (in any tab or job) expects news, in simulated seconds."""
        return self.shell.next_wake_at(self.host)

    def foreground_runner(self, tab: int) -> dict[str, Any] | None:
        """The saved runner (``{"kind", "state"}``) of the tab's running foreground command, or None.

        The dict is the live one the tab keeps: what a caller writes into its ``state`` is what the
        runner's next ``poll`` sees (the editor's handoff, ``cluster_core.editor``).
        """
        session = self.shell.sessions.get(tab)
        if session is None or session.fg is None:
            return None
        job = session.fg["job"]
        stage = job.get("stage")
        if job.get("state") != "running" or not stage:
            return None
        runner = stage.get("runner")
        return runner if isinstance(runner, dict) else None

    # ------------------------------------------------------------ run to the end (manual clock)
    def run_to_end(self, tab: int, text: str) -> ExecResult:
        """Run an input to completion; see the module docstring for how time passes meanwhile."""
        acc = _Collected([], [], [])
        r = self.shell.execute(tab, text, self.host)
        acc.add(r)
        start = self.pg.clock.now
        steps = 0
        while r.running:
            steps += 1
            wake = self.shell.next_wake_at(self.host)
            if (wake is None or not self.pg.clock.manual or wake - start > MAX_DRIVE_SECONDS
                    or steps > MAX_DRIVE_STEPS):
                r = self.shell.interrupt(tab, self.host)
                acc.add(r)
                continue
            if wake > self.pg.clock.now:
                self.pg.sim.advance_to(wake)
            r = self.shell.poll(tab, self.host)
            acc.add(r)
        return acc.result(r)


class HomeFiles:
    """``Playground.write_file/read_file/list_files``: paths relative to the home directory."""

    def __init__(self, shell: Shell) -> None:
        self._shell = shell

    def _abs(self, path: str) -> str:
        if path == "~" or path.startswith("~/"):
            path = HOME + path[1:]
        return normalize(path, HOME)

    def write_file(self, path: str, text: str) -> None:
        p = self._abs(path)
        parent = p.rsplit("/", 1)[0] or "/"
        fs = self._shell.fs
        if not fs.is_dir(parent):
            fs.mkdir(parent, parents=True)
        fs.write(p, text)

    def read_file(self, path: str) -> str:
        try:
            return self._shell.fs.read(self._abs(path))
        except VfsError as e:
            raise FileNotFoundError(f"{path}: {e.strerror}") from None

    def list_files(self, path: str = ".") -> list[str]:
        """The entries as ``ls`` shows them: hidden ones (``.kube``) left out."""
        return sorted(n for n in self._shell.fs.listdir(self._abs(path)) if not n.startswith("."))
