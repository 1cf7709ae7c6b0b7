"""Commands that keep running: foreground polling, Ctrl-C, background jobs, fg, kill, pipes behind them."""

from __future__ import annotations

import json

from cluster_core.shell import Shell

from .conftest import Term, fake_kubectl

PF = "kubectl port-forward nginx-manual 8080:80"


def test_background_port_forward_prints_job_and_pid(term):
    """`cmd &` prints [job] pid on stderr; the command's own output follows."""
    res = term(PF + " &")
    assert res.stderr == "[1] 12345\n"
    assert res.stdout == "Forwarding from 127.0.0.1:8080 -> 80\n"
    assert (res.exit_code, res.running) == (0, False)
    assert term.out("echo $!") == "12345\n"
    assert term.out("jobs") == "[1]+  Running                 kubectl port-forward nginx-manual 8080:80 &\n"


def test_jobs_lists_running_jobs_like_bash(term):
    """The status column is padded to 24 as bash's jobs.c does; + marks the current job."""
    term(PF + " &")
    term("sleep 100 &")
    assert term.out("jobs") == (
        "[1]-  Running                 kubectl port-forward nginx-manual 8080:80 &\n"
        "[2]+  Running                 sleep 100 &\n")
    assert term.out("jobs -l") == (
        "[1]- 12345 Running                 kubectl port-forward nginx-manual 8080:80 &\n"
        "[2]+ 12346 Running                 sleep 100 &\n")
    assert term.out("jobs -p") == "12345\n12346\n"


def test_kill_ends_a_job_and_the_next_prompt_reports_it(term, host):
    """kill %1 prints nothing; the Terminated line comes before the prompt after the next command."""
    term(PF + " &")
    res = term("kill %1")
    assert (res.output, res.exit_code) == ("", 0)
    assert host.killed == [("8080:80", 15)]
    assert term.out("echo next") == "next\n[1]+  Terminated              kubectl port-forward nginx-manual 8080:80\n"
    assert term.out("jobs") == ""


def test_kill_signals_and_errors(term, host):
    """kill -9 shows Killed; unknown jobs, pids and signals get bash's words."""
    term(PF + " &")
    term("kill -9 12345")
    assert term("").stderr == "[1]+  Killed                  kubectl port-forward nginx-manual 8080:80\n"
    assert term("kill %1").stderr == "bash: kill: %1: no such job\n"
    assert term("kill 4242").stderr == "bash: kill: (4242) - No such process\n"
    assert term("kill abc").stderr == "bash: kill: abc: arguments must be process or job IDs\n"
    assert term("kill -FOO 1").stderr == "bash: kill: FOO: invalid signal specification\n"
    res = term("kill")
    assert (res.stderr, res.exit_code) == (
        "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n", 2)


def test_a_job_that_ends_is_reported_once(term):
    """Done appears at a later prompt, then the job is gone."""
    term("sleep 5 &")
    assert term.poll(advance=10).output == ""
    assert term.out("true") == "[1]+  Done                    sleep 5\n"
    assert term.out("true") == ""


def test_exit_status_of_a_job_shows_as_exit_n(term):
    """A job ending non-zero is reported as `Exit N`."""
    term("kubectl fail &")
    assert term("true").stderr == "[1]+  Exit 1                  kubectl fail\n"


def test_foreground_command_keeps_the_tab_running_until_it_ends(term):
    """A long-running command's output arrives through poll; the rest of the line runs afterwards."""
    res = term("kubectl get pods -w --stop; echo after")
    assert res.running
    assert res.output == ("NAME           READY   STATUS    RESTARTS   AGE\n"
                          "nginx-manual   0/1     Pending   0          0s\n")
    assert term.poll().output == "nginx-manual   0/1     ContainerCreating   0          1s\n"
    assert term.poll().output == "other          1/1     Running             0          2s\n"
    res = term.poll()
    assert res.output == "nginx-manual   1/1     Running             0          3s\nafter\n"
    assert (res.running, res.exit_code) == (False, 0)


def test_ctrl_c_stops_a_watch(term):
    """^C is the terminal's echo; bash adds a newline; $? is 130 and the rest of the line is dropped."""
    assert term("kubectl get pods -w; echo never").running
    res = term.interrupt()
    assert (res.output, res.stdout, res.stderr) == ("^C\n", "\n", "")
    assert (res.exit_code, res.running) == (130, False)
    assert term.out("echo $?") == "130\n"


def test_ctrl_c_on_a_program_that_catches_it(term, host):
    """port-forward exits 0 on SIGINT: no extra newline, and && goes on."""
    assert term(PF + " && echo stopped").running
    res = term.interrupt()
    assert (res.output, res.exit_code) == ("^Cstopped\n", 0)


def test_ctrl_c_at_an_idle_prompt(term):
    """Nothing runs: bash shows ^C, a new line, and $? becomes 130."""
    res = term.interrupt()
    assert (res.output, res.exit_code) == ("^C\n", 130)


def test_sleep_waits_for_host_time(term):
    """The default sleep ends when host.now() passes its deadline."""
    res = term("sleep 5 && echo slept")
    assert res.running
    assert term.poll(advance=3).running
    res = term.poll(advance=3)
    assert (res.output, res.running) == ("slept\n", False)
    assert term.shell.next_wake_at(term.host) is None


def test_sleep_uses_the_host_sleep_when_there_is_one(shell):
    """A manual-clock host advances at once and sleep returns."""

    class ManualHost:
        def __init__(self) -> None:
            self.slept: list[float] = []

        def sleep(self, seconds: float) -> None:
            self.slept.append(seconds)

    h = ManualHost()
    res = shell.execute(0, "sleep 1m 30 && echo done", h)
    assert (res.output, res.running, h.slept) == ("done\n", False, [90.0])
    assert shell.execute(0, "sleep x", h).stderr == \
        "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n"


def test_next_wake_at_reports_the_earliest_deadline(term, host):
    """The caller can sleep until a running command has news."""
    term("sleep 30 &")
    term("sleep 10 &")
    assert term.shell.next_wake_at(host) == host.t + 10


def test_fg_brings_a_job_back_and_ctrl_c_ends_it(term):
    """fg prints the command and waits for it; Ctrl-C then ends it."""
    term("sleep 100 &")
    res = term("fg")
    assert (res.output, res.running) == ("sleep 100\n", True)
    assert term("jobs").running  # typed ahead: runs once the foreground ends
    res = term.interrupt()
    assert (res.output, res.exit_code, res.running) == ("^C\n", 130, False)
    assert term.out("jobs") == ""


def test_fg_then_the_rest_of_the_line(term):
    """fg && echo: the line goes on with the job's status."""
    term("sleep 5 &")
    assert term("fg %1 && echo back").running
    res = term.poll(advance=6)
    assert (res.output, res.running) == ("back\n", False)
    assert term("fg").stderr == "bash: fg: current: no such job\n"
    assert term("fg %3").stderr == "bash: fg: %3: no such job\n"


def test_background_output_arrives_when_polled(term):
    """A background watch writes to the same tab, between prompts, as a real terminal shows it."""
    res = term("kubectl get pods -w &")
    assert res.output == ("[1] 12345\nNAME           READY   STATUS    RESTARTS   AGE\n"
                          "nginx-manual   0/1     Pending   0          0s\n")
    assert term.poll().output == "nginx-manual   0/1     ContainerCreating   0          1s\n"
    assert term.out("echo typed") == "typed\n"


def test_a_program_that_needs_the_terminal_stops_in_the_background(term):
    """background_ok=False: the job is Stopped until fg."""
    term("kubectl edit pod x &")
    assert term.out("jobs") == "[1]+  Stopped                 kubectl edit pod x\n"
    assert term.poll().output == ""
    assert term.out("fg") == "kubectl edit pod x\n"
    res = term.poll()
    assert (res.output, res.running) == ("saved\n", False)


def test_a_streaming_filter_sees_lines_as_they_come(term):
    """`kubectl get -w | grep nginx` shows matching lines at once, like grep on a terminal."""
    res = term("kubectl get pods -w | grep nginx")
    assert (res.output, res.running) == ("nginx-manual   0/1     Pending   0          0s\n", True)
    assert term.poll().output == "nginx-manual   0/1     ContainerCreating   0          1s\n"
    assert term.poll().output == ""
    assert term.poll().output == "nginx-manual   1/1     Running             0          3s\n"
    res = term.interrupt()
    assert (res.output, res.exit_code) == ("^C\n", 130)


def test_a_filter_that_needs_the_end_waits_for_it(term):
    """wc -l counts once the watch ends."""
    assert term("kubectl get pods -w --stop | wc -l").output == ""
    assert term.poll().output == ""
    assert term.poll().output == ""
    res = term.poll()
    assert (res.output, res.exit_code, res.running) == ("5\n", 0, False)


def test_a_running_command_writes_into_a_redirected_file(term):
    """kubectl logs -f > file &: the file grows with each poll."""
    term("kubectl get pods -w > watch.txt &")
    term.poll()
    assert term.shell.fs.read_file("watch.txt").count("\n") == 3


def test_the_state_of_a_running_pipeline_survives_json(shell, host):
    """Save while a watch runs, rebuild, and the next poll goes on."""
    t = Term(shell, host)
    t("kubectl get pods -w | grep nginx")
    t("sleep 9 &")
    state = json.loads(json.dumps(shell.to_state()))
    again = Shell.from_state(state)
    again.register("kubectl", fake_kubectl)
    t2 = Term(again, host)
    assert t2.poll().output == "nginx-manual   0/1     ContainerCreating   0          1s\n"
    assert t2.out("jobs") == ""  # typed ahead
    assert again.to_state()["sessions"]["0"]["typeahead"] == ["sleep 9 &", "jobs"]


def test_typed_ahead_lines_run_after_the_foreground_command(term):
    """Input during a running command waits, as a terminal's typeahead does; Ctrl-C discards it."""
    term("sleep 5")
    assert term("echo queued").output == ""
    res = term.poll(advance=6)
    assert (res.output, res.running) == ("queued\n", False)
    term("sleep 5")
    term("echo dropped")
    assert term.interrupt().output == "^C\n"
    assert term.poll(advance=6).output == ""


def test_kill_from_another_tab_by_pid(shell, host):
    """A job is a process: another tab can kill it by pid; its tab says so when polled."""
    a, b = Term(shell, host, 0), Term(shell, host, 1)
    assert a("kubectl get pods -w").running  # pid 12345
    assert b.out("kill 12345") == ""
    res = a.poll()
    assert (res.stderr, res.exit_code, res.running) == ("Terminated\n", 143, False)


def test_too_many_jobs_is_refused(term):
    """16 jobs per tab at most."""
    for _ in range(16):
        term("sleep 100 &")
    res = term("sleep 100 &")
    assert res.stderr == "bash: too many jobs in this terminal (at most 16); end some with kill\n"


def test_jobs_show_their_directory_when_it_differs(term):
    """bash adds (wd: ...) when a job started elsewhere."""
    term("mkdir d && cd d")
    term("sleep 100 &")
    term("cd ..")
    assert term.out("jobs") == "[1]+  Running                 sleep 100 &  (wd: ~/d)\n"


def test_a_stop_notice_starts_on_a_new_line(term):
    """bash prints a newline before reporting a stopped job."""
    term("kubectl edit pod x &")
    assert term("true").stderr == "\n[1]+  Stopped                 kubectl edit pod x\n"
    assert term("true").stderr == ""


def test_the_foreground_runner_state_is_reachable_and_live(term):
    """A caller can read and change the running command's saved state between polls."""
    assert term.shell.foreground_runner(0) is None
    term("kubectl get pods -w")
    runner = term.shell.foreground_runner(0)
    assert runner is not None and runner["kind"] == "test.watch"
    runner["state"]["lines"] = ["changed"]
    assert term.poll().output == "changed\n"
