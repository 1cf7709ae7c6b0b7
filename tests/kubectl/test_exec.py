"""kubectl exec: commands in the tutorial's nginx container and in busybox, kubectl v1.33's errors,
runc's exec error, exit codes, and the explanation when an interactive shell is asked for."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from cluster_core.sim.images import NGINX_INDEX_OLD

NGINX_MANUAL = """apiVersion: v1
kind: Pod
metadata:
  name: nginx-manual
spec:
  containers:
    - image: nginx:1.9.1
      name: nginx
      ports:
        - containerPort: 80
          protocol: TCP
"""
OCI = (r'error: Internal error occurred: error executing command in container: failed to exec in container: '
       r'failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container '
       r"process: exec: WHAT: unknown\n")


def _oci(what: str) -> str:
    """runc's exec error as a pattern (the exec id is random)."""
    return OCI.replace("WHAT", what)


def _new() -> Playground:
    return Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture
def pg() -> Playground:
    pg = _new()
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    assert pg.execute("kubectl create -f nginx-manual.yaml").exit_code == 0
    pg.advance(30)
    return pg


def test_hostname_and_hostname_file(pg: Playground) -> None:
    """The container's hostname is the pod's name."""
    assert pg.execute("kubectl exec nginx-manual -- hostname").stdout == "nginx-manual\n"
    assert pg.execute("kubectl exec nginx-manual -- cat /etc/hostname").stdout == "nginx-manual\n"


def test_env(pg: Playground) -> None:
    """The image's ENV (NGINX_VERSION), the kubelet's service variables, HOME last."""
    r = pg.execute("kubectl exec nginx-manual -- env")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[:3] == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                         "HOSTNAME=nginx-manual", "NGINX_VERSION=1.9.1-1~jessie"]
    assert "KUBERNETES_SERVICE_HOST=10.96.0.1" in r.stdout.splitlines()
    assert "KUBERNETES_PORT=tcp://10.96.0.1:443" in r.stdout.splitlines()
    assert r.stdout.endswith("HOME=/root\n")


def test_spec_env_is_visible() -> None:
    """Variables from the pod spec reach the command."""
    pg = _new()
    pg.execute("kubectl run web --image=nginx:1.27 --env=GREETING=hello")
    pg.advance(30)
    assert pg.execute("kubectl exec web -- printenv GREETING").stdout == "hello\n"
    assert pg.execute("kubectl exec web -- sh -c 'echo $GREETING $HOSTNAME'").stdout == "hello web\n"


def test_ls_and_cat(pg: Playground) -> None:
    """ls prints one name a line without a TTY; nginx's page is where the image keeps it."""
    assert pg.execute("kubectl exec nginx-manual -- ls /").stdout == (
        "bin\nboot\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n")
    assert pg.execute("kubectl exec nginx-manual -- ls /usr/share/nginx/html").stdout == "50x.html\nindex.html\n"
    r = pg.execute("kubectl exec nginx-manual -- cat /usr/share/nginx/html/index.html")
    assert (r.exit_code, r.stdout) == (0, NGINX_INDEX_OLD)


def test_tty_ls_in_columns(pg: Playground) -> None:
    """-it: GNU ls lays names out in columns and the terminal line ends are CRLF."""
    r = pg.execute("kubectl exec -it nginx-manual -- ls /")
    assert r.stdout == ("bin   dev  home  lib64  mnt  proc  run   srv  tmp  var\r\n"
                        "boot  etc  lib   media  opt  root  sbin  sys  usr\r\n")


def test_exit_codes_propagate(pg: Playground) -> None:
    """A failing command: its stderr, then kubectl's line, and its exit code."""
    r = pg.execute("kubectl exec nginx-manual -- ls /nope")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n"
    r = pg.execute("kubectl exec nginx-manual -- sh -c 'echo out; echo err >&2; exit 3'")
    assert (r.exit_code, r.stdout, r.stderr) == (3, "out\n", "err\ncommand terminated with exit code 3\n")
    r = pg.execute("kubectl exec nginx-manual -- sh -c 'nosuch'")
    assert (r.exit_code, r.stderr) == (127, "sh: 1: nosuch: not found\ncommand terminated with exit code 127\n")


def test_unknown_program_is_runcs_error(pg: Playground) -> None:
    """A program the image lacks (nginx 1.9.1 has no curl) is an Internal error; kubectl exits 1."""
    r = pg.execute("kubectl exec nginx-manual -- curl localhost")
    assert r.exit_code == 1
    assert re.fullmatch(_oci(r'"curl": executable file not found in \$PATH'), r.stderr)
    r = pg.execute("kubectl exec nginx-manual -- /usr/bin/nope")
    assert re.fullmatch(_oci(r'"/usr/bin/nope": stat /usr/bin/nope: no such file or directory'),
                        r.stderr)


@pytest.mark.parametrize("shell", ["sh", "bash", "bash -il", "/bin/sh"])
def test_no_interactive_shell(pg: Playground, shell: str) -> None:
    """An interactive shell cannot be had here: say so and exit 1."""
    r = pg.execute(f"kubectl exec -it nginx-manual -- {shell}")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == ("The playground cannot open an interactive shell inside a container.\n"
                        "Run one command at a time instead, for example:\n  kubectl exec nginx-manual -- ls /\n"
                        "  kubectl exec nginx-manual -- sh -c 'echo $HOSTNAME; cat /etc/hostname'\n")


def test_script_on_stdin(pg: Playground) -> None:
    """``-i`` with piped input runs it in the shell (no TTY: kubectl says it cannot use one)."""
    r = pg.execute("echo 'hostname; echo done' | kubectl exec -it nginx-manual -- sh")
    assert (r.exit_code, r.stdout) == (0, "nginx-manual\ndone\n")
    assert r.stderr == "Unable to use a TTY - input is not a terminal or the right kind of file\n"


@pytest.mark.parametrize(("line", "stderr"), [
    ("kubectl exec nginx-manual date", "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
                                       "[COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n"),
    ("kubectl exec", "error: pod, type/name or --filename must be specified\n"),
    ("kubectl exec -- date", "error: pod, type/name or --filename must be specified\n"),
    ("kubectl exec nginx-manual", "error: you must specify at least one command for the container\n"),
    ("kubectl exec nginx-manual --", "error: you must specify at least one command for the container\n"),
    ("kubectl exec nosuch -- date", 'Error from server (NotFound): pods "nosuch" not found\n'),
    ("kubectl exec -c nope nginx-manual -- date", "Error from server (BadRequest): container nope is not valid for "
                                                  "pod nginx-manual\n"),
    ("kubectl exec nginx-manual -c", "error: flag needs an argument: 'c' in -c\nSee 'kubectl exec --help' for "
                                     "usage.\n"),
])
def test_errors(pg: Playground, line: str, stderr: str) -> None:
    """Wrong invocations, in kubectl v1.33's words."""
    r = pg.execute(line)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_container_not_started_yet() -> None:
    """Exec into a container that is still being created: the kubelet cannot find it."""
    pg = _new()
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    pg.execute("kubectl create -f nginx-manual.yaml")
    r = pg.execute("kubectl exec nginx-manual -- hostname")
    assert (r.exit_code, r.stderr) == (1, 'error: unable to upgrade connection: container not found ("nginx")\n')


def test_completed_pod() -> None:
    """A pod that has finished cannot be exec'ed into."""
    pg = _new()
    pg.execute("kubectl run done --image=busybox --restart=Never -- true")
    pg.advance(30)
    r = pg.execute("kubectl exec done -- true")
    assert r.stderr == "error: cannot exec into a container in a completed pod; current phase is Succeeded\n"


def test_curl_and_wget_between_pods(pg: Playground) -> None:
    """curl in a current nginx image and busybox's wget reach another pod; nginx logs the pod's IP."""
    pg.execute("kubectl run web --image=nginx:1.27")
    pg.execute("kubectl run bb --image=busybox -- sleep 3600")
    pg.advance(30)
    ip = pg.cluster.get("Pod", "default", "nginx-manual")["status"]["podIP"]
    assert pg.execute(f"kubectl exec web -- curl -s {ip}").stdout == NGINX_INDEX_OLD
    r = pg.execute(f"kubectl exec web -- curl {ip}/x")
    assert r.stderr.startswith("  % Total    % Received % Xferd")
    assert pg.execute(f"kubectl exec bb -- wget -qO- {ip}").stdout == NGINX_INDEX_OLD
    r = pg.execute(f"kubectl exec bb -- wget -O- {ip}:81")
    assert (r.exit_code, r.stderr) == (1, f"Connecting to {ip} ({ip}:81)\nwget: can't connect to remote host ({ip}): "
                                          "Connection refused\ncommand terminated with exit code 1\n")
    web_ip = pg.cluster.get("Pod", "default", "web")["status"]["podIP"]
    log = pg.execute("kubectl logs nginx-manual").stdout.splitlines()
    assert log[0].startswith(f"{web_ip} - - [") and log[0].endswith('"GET / HTTP/1.1" 200 612 "-" "curl/7.88.1" "-"')
    assert log[-1].endswith('"GET / HTTP/1.1" 200 612 "-" "Wget" "-"')


def test_busybox_flavour() -> None:
    """busybox has no bash; its tools speak busybox; ps shows the container's main process."""
    pg = _new()
    pg.execute("kubectl run bb --image=busybox -- sleep 3600")
    pg.advance(30)
    r = pg.execute("kubectl exec bb -- bash")
    assert re.fullmatch(_oci(r'"bash": executable file not found in \$PATH'), r.stderr)
    r = pg.execute("kubectl exec bb -- cat /nope")
    assert r.stderr == "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n"
    assert pg.execute("kubectl exec bb -- ps").stdout == ("PID   USER     TIME  COMMAND\n    1 root      0:00 sleep "
                                                          "3600\n    7 root      0:00 ps\n")


def test_sleep_takes_simulated_time(pg: Playground) -> None:
    """Output comes when the command writes it; the command returns when it ends."""
    r = pg.start("kubectl exec nginx-manual -- sh -c 'echo a; sleep 5; echo b'")
    assert (r.running, r.stdout) == (True, "a\n")
    assert pg.shell.wake_at() == pg.clock.now + 5
    pg.advance(5)
    r = pg.poll(0)
    assert (r.running, r.stdout, r.exit_code) == (False, "b\n", 0)


def test_help_matches_kubectl() -> None:
    """--help: kubectl's text and usage line."""
    out = _new().execute("kubectl exec --help").stdout
    assert out.startswith("Execute a command in a container.\n\nExamples:\n  # Get output from running the 'date' "
                          "command from pod mypod, using the first container by default\n  kubectl exec mypod -- "
                          "date\n")
    assert out.endswith("Usage:\n  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] "
                        "[options]\n\nUse \"kubectl options\" for a list of global command-line options (applies "
                        "to all commands).\n")


def test_stdin_reaches_a_direct_command() -> None:
    """``-i`` passes piped input to the command."""
    pg = _new()
    pg.execute("kubectl run web --image=nginx:1.27")
    pg.advance(30)
    assert pg.execute("printf 'a\\nb\\n' | kubectl exec -i web -- wc -l").stdout == "2\n"
    assert pg.execute("echo hello | kubectl exec -i web -- cat").stdout == "hello\n"
    assert pg.execute("echo hello | kubectl exec web -- cat").stdout == ""


def test_command_dies_with_its_container() -> None:
    """Deleting the pod kills a running exec'd command: exit code 137."""
    pg = _new()
    pg.execute("kubectl run web --image=nginx:1.27")
    pg.advance(30)
    assert pg.start("kubectl exec web -- sleep 100", tab=0).running
    pg.execute("kubectl delete pod web", tab=1)
    r = pg.poll(0)
    assert (r.running, r.exit_code, r.stderr) == (False, 137, "command terminated with exit code 137\n")


def test_files_written_inside_one_command_and_unsimulated_programs() -> None:
    """A script may write and read files; a program the image has but nobody simulated says so."""
    pg = _new()
    pg.execute("kubectl run web --image=nginx:1.27")
    pg.advance(30)
    r = pg.execute("kubectl exec web -- sh -c 'echo hi > /tmp/a; cp /tmp/a /tmp/b; cat /tmp/b; nproc'")
    assert r.stdout == "hi\n2\n"
    r = pg.execute("kubectl exec web -- sed s/a/b/ /etc/hostname")
    assert (r.exit_code, r.stderr) == (1, "sed: this program is not simulated in the playground's containers\n"
                                          "command terminated with exit code 1\n")
