"""Bad input never raises, limits hold, and random text cannot take the shell down."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster_core.shell import Shell

from .conftest import Host, fake_kubectl

SHELL_ALPHABET = st.sampled_from(list("ab$'\"\\|&;<>(){}[]*?~#=!- \t\n`%+:/.0123456789") +
                                 ["EOF", "<<", "&&", "||", "2>&1", "${", "$(", "ls", "cat", "echo", "kubectl",
                                  "sleep 1", "fg", "kill %1", "alias a=b", "cd ..", "jobs", "export X"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(SHELL_ALPHABET, max_size=12).map("".join), min_size=1, max_size=4))
def test_random_input_never_raises_and_state_stays_json(lines):
    """Whatever is typed, execute/poll/interrupt return results and the state serialises."""
    shell = Shell()
    shell.register("kubectl", fake_kubectl)
    host = Host()
    for line in lines:
        for result in (shell.execute(0, line, host), shell.poll(0, host)):
            assert isinstance(result.output, str)
            assert "internal error" not in result.output, (line, result.output)
    shell.interrupt(0, host)
    shell.complete(0, lines[-1])
    json.dumps(shell.to_state())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_unicode_never_raises(text):
    """Any characters at all, including control characters and lone surrogates' neighbours."""
    shell = Shell()
    result = shell.execute(0, text)
    assert "internal error" not in result.output
    json.dumps(shell.to_state())


def test_output_of_one_command_is_capped_at_one_mebibyte(term):
    """More is cut, with a note on stderr."""
    term.shell.fs.write_file("big.txt", "x" * (1024 * 1024))
    res = term("cat big.txt big.txt")
    assert len(res.stdout) == 1024 * 1024
    assert res.stderr == "bash: cat: output truncated after 1 MiB\n"


def test_pipeline_length_is_limited(term):
    """33 commands in one pipeline is too many."""
    res = term("echo x" + " | cat" * 32)
    assert res.stderr == "bash: pipeline too long (at most 32 commands)\n"


def test_alias_expansion_is_bounded(term):
    """An alias that keeps growing is stopped with a message."""
    names = [f"a{i}" for i in range(250)]
    for a, b in zip(names, names[1:], strict=False):
        term.shell.session(0).aliases[a] = b
    res = term("a0")
    assert res.stderr == "bash: a200: alias expansion too deep (more than 200 expansions)\n"


def test_a_failing_command_handler_reports_instead_of_raising(shell, host):
    """A bug in a registered program becomes an error line and status 1."""
    shell.register("broken", lambda ctx: {}["x"])
    res = shell.execute(0, "broken; echo still here", host)
    assert res.output == "broken: internal error: KeyError: 'x'\nstill here\n"


def test_an_unregistered_long_running_kind_is_refused(shell, host):
    """A LongRunning whose class was not registered cannot be saved, so it is not started."""
    from cluster_core.shell import LongRunning

    class Unsaved(LongRunning):
        kind = "test.unsaved"

        def poll(self, ctx):
            return 0

    shell.register("unsaved", lambda ctx: Unsaved())
    res = shell.execute(0, "unsaved", host)
    assert (res.stderr, res.exit_code, res.running) == (
        "bash: unsaved: cannot keep running: Unsaved is not registered\n", 1, False)


def test_a_saved_job_of_an_unknown_kind_ends_cleanly(shell, host):
    """State from a build that knew a kind this one does not: the command ends with a message."""
    shell.execute(0, "kubectl get pods -w", host)
    shell.sessions[0].fg["job"]["stage"]["runner"]["kind"] = "gone.kind"
    res = shell.poll(0, host)
    assert (res.stderr, res.exit_code, res.running) == (
        "bash: kubectl: cannot go on: its state was not understood\n", 1, False)


def test_carriage_returns_are_newlines_as_the_tty_makes_them(term):
    """A terminal's Enter sends CR; the line discipline turns it into NL (ICRNL), pasted CRLF too."""
    assert term.out("echo a\r\necho b\r") == "a\nb\n"
    assert term.out("cat <<EOF\r\nx\r\nEOF\r\n") == "x\n"


def test_variables_history_and_files_have_total_limits(term):
    """State is stored per session: variables, history and files cannot grow without end."""
    big = "x" * 60_000
    for i in range(18):
        res = term(f"V{i}={big}")
    assert res.stderr == "bash: V17: variables would hold more than 1048576 characters\n"
    session = term.shell.session(0)
    assert sum(len(h) for h in session.history) <= 256 * 1024
    assert session.history_base > 1
    fs = term.shell.fs
    for i in range(16):
        fs.write_file(f"f{i}", "y" * (1024 * 1024))
    assert term("echo more > more.txt").stderr == "bash: echo: write error: No space left on device\n"
    assert term("cat f0 > copy.txt").stderr == "cat: write error: No space left on device\n"
