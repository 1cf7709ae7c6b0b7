"""The busybox ``sh`` interpreter of shell containers (cluster_core/sim/sh.py)."""

from __future__ import annotations

from cluster_core.sim import images, sh
from cluster_core.sim.images import Context


class _Shouting(sh._Interp):
    """A subclass with its own ``echo``, as ``kubectl exec`` subclasses the interpreter."""

    def b_echo(self, args: list[str], stdin: str | None) -> int:
        self.out(" ".join(args).upper() + "\n")
        return 0


def _run(script: str) -> list[str]:
    sink: list[tuple[float, str]] = []
    gen = _Shouting(Context(start=0.0, pod_name="p"), [], "sh", sink).run(script)
    try:
        while True:
            next(gen)
    except StopIteration:
        pass
    return [line for _, line in sink]


def test_nested_shells_are_of_the_same_class() -> None:
    """``sh -c`` and ``$(...)`` inside a script run in an interpreter of the parent's class."""
    assert _run("echo a; sh -c 'echo b'; echo \"$(echo c)\"") == ["A", "B", "C"]


def test_a_shell_container_logs_over_simulated_time() -> None:
    """``sh -c`` with a loop: one line per sleep, the exit predicted from the script."""
    run = sh.shell_run(["sh", "-c", "for i in 1 2 3; do echo $i; sleep 2; done"], Context(start=0.0, pod_name="p"))
    assert [text for _, text in run.output(3.0)] == ["1", "2"]
    assert (run.exit_after, run.exit_code) == (6.0, 0)


def test_the_old_names_still_resolve_through_images() -> None:
    """``images._Interp``/``_Parser``/``_lex``/``shell_run`` are the shell module's."""
    assert images._Interp is sh._Interp and images._Parser is sh._Parser and images.shell_run is sh.shell_run
