"""kubectl logs against the simulated cluster: snapshots, errors in kubectl v1.33's words, and -f.

Client-side texts (usage errors, ``Defaulted container``, ``Found N pods``) follow kubectl's
``pkg/cmd/logs`` and ``polymorphichelpers/logsforobject.go``; ``is waiting to start`` and
``previous terminated container ... not found`` are the kubelet's, returned as BadRequest.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

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

TWO = """apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: side
    image: busybox
    command: ["sh", "-c", "echo side up; sleep 3600"]
"""

NGINX_RS = """apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.9.1
"""

BATCH_JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: batch-job
spec:
  template:
    metadata:
      labels:
        app: batch-job
    spec:
      restartPolicy: OnFailure
      containers:
        - name: main
          image: luksa/batch-job
"""


def _new() -> Playground:
    return Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))


def _started(pg: Playground, pod: str, container: str | None = None) -> datetime:
    """When a container started (its status), so expected log times follow the simulated pull."""
    for cs in pg.cluster.get("Pod", "default", pod)["status"]["containerStatuses"]:
        if container in (None, cs["name"]):
            return datetime.fromisoformat(cs["state"]["running"]["startedAt"].replace("Z", "+00:00"))
    raise AssertionError(container)


@pytest.fixture
def pg() -> Playground:
    pg = _new()
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    assert pg.execute("kubectl create -f nginx-manual.yaml").exit_code == 0
    return pg


def test_container_creating_is_a_bad_request(pg: Playground) -> None:
    """Right after create the container is waiting: the kubelet's reason, exit 1."""
    r = pg.execute("kubectl logs nginx-manual")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == ('Error from server (BadRequest): container "nginx" in pod "nginx-manual" is waiting to '
                        "start: ContainerCreating\n")


def test_old_nginx_logs_nothing_until_it_serves_a_request(pg: Playground) -> None:
    """nginx 1.9.1 writes no startup lines; a request to the pod IP adds its access-log line."""
    pg.advance(30)
    r = pg.execute("kubectl logs nginx-manual")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    ip = pg.cluster.get("Pod", "default", "nginx-manual")["status"]["podIP"]
    assert pg.execute(f"curl -s {ip} >/dev/null").exit_code == 0
    r = pg.execute("kubectl logs nginx-manual")
    assert r.stdout == ('10.244.0.0 - - [01/Jan/2026:00:00:30 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/7.88.1" '
                        '"-"\n')


def test_tail_timestamps_and_since(pg: Playground) -> None:
    """--tail keeps the last lines, --timestamps prefixes RFC3339Nano, --since cuts by age."""
    assert pg.execute("kubectl run web --image=nginx:1.27").exit_code == 0
    pg.advance(20)
    r = pg.execute("kubectl logs web --tail=2 --timestamps")
    t = _started(pg, "web")
    assert r.stdout == (f"{t:%Y-%m-%dT%H:%M:%S}.060000000Z {t:%Y/%m/%d %H:%M:%S} [notice] 1#1: start worker process 29\n"
                        f"{t:%Y-%m-%dT%H:%M:%S}.060000000Z {t:%Y/%m/%d %H:%M:%S} [notice] 1#1: start worker process 30\n")
    assert pg.execute("kubectl logs web --since=5s").stdout == ""
    assert pg.execute("kubectl logs web --since=1m | wc -l").stdout == "17\n"
    assert pg.execute("kubectl logs web --tail=0").stdout == ""
    assert pg.execute("kubectl logs web --limit-bytes=10").stdout == "/docker-en"


def test_previous_without_a_restart(pg: Playground) -> None:
    """-p on a container that never restarted: the kubelet's not-found message."""
    pg.advance(30)
    r = pg.execute("kubectl logs -p nginx-manual")
    assert r.exit_code == 1
    assert r.stderr == ('Error from server (BadRequest): previous terminated container "nginx" in pod '
                        '"nginx-manual" not found\n')


def test_previous_of_a_crashing_container() -> None:
    """mysql without a password crashes; -p shows the last instance's complaint."""
    pg = _new()
    pg.execute("kubectl run mysql --image=mysql:5.7")
    pg.advance(60)
    r = pg.execute("kubectl logs mysql -p | tail -2")
    assert r.stdout == "    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n"


def test_image_pull_back_off() -> None:
    """A pod that cannot pull its image has no logs yet."""
    pg = _new()
    pg.execute("kubectl run bad --image=nginx:9.9.9")
    pg.advance(60)
    r = pg.execute("kubectl logs bad")
    assert r.stderr == ('Error from server (BadRequest): container "bad" in pod "bad" is waiting to start: trying '
                        "and failing to pull image\n")


@pytest.mark.parametrize(("line", "stderr"), [
    ("kubectl logs", "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a "
                     "required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"),
    ("kubectl logs a b c", "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME "
                           "is a required argument for the logs command\nSee 'kubectl logs -h' for help and "
                           "examples\n"),
    ("kubectl logs -l app=x nginx-manual", "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl "
                                           "logs -h' for help and examples\n"),
    ("kubectl logs --tail=x nginx-manual", 'error: invalid argument "x" for "--tail" flag: strconv.ParseInt: '
                                           "parsing \"x\": invalid syntax\nSee 'kubectl logs --help' for usage.\n"),
    ("kubectl logs nginx-manual --since=1", 'error: invalid argument "1" for "--since" flag: time: missing unit in '
                                            "duration \"1\"\nSee 'kubectl logs --help' for usage.\n"),
    ("kubectl logs nginx-manual --since=-1s", "error: --since must be greater than 0\n"),
    ("kubectl logs nginx-manual --tail=-2", "error: --tail must be greater than or equal to -1\n"),
    ("kubectl logs nginx-manual --limit-bytes=-1", "error: --limit-bytes must be greater than 0\n"),
    ("kubectl logs nginx-manual --since=1h --since-time=2026-01-01T00:00:00Z",
     "error: at most one of `sinceTime` or `sinceSeconds` may be specified\n"),
    ("kubectl logs nosuch", 'error: error from server (NotFound): pods "nosuch" not found in namespace "default"\n'),
    ("kubectl logs rs/nosuch", 'error: error from server (NotFound): replicasets.apps "nosuch" not found in namespace '
                               '"default"\n'),
    ("kubectl logs node/nosuch", 'error: error from server (NotFound): nodes "nosuch" not found in namespace '
                                 '"default"\n'),
    ("kubectl logs deploy/web", 'error: error from server (NotFound): deployments.apps "web" not found in namespace '
                                '"default"\n'),
    ("kubectl logs node/kubesphere01", "error: cannot get the logs from *v1.Node: selector for *v1.Node not "
                                       "implemented\n"),
    ("kubectl logs nginx-manual -c nope", "error: container nope is not valid for pod nginx-manual\n"),
])
def test_errors(pg: Playground, line: str, stderr: str) -> None:
    """Wrong invocations fail with kubectl's words and exit 1."""
    pg.advance(30)
    r = pg.execute(line)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_multi_container_defaults_to_the_first() -> None:
    """Without -c kubectl v1.33 takes the first container and says so on stderr."""
    pg = _new()
    pg.write_file("two.yaml", TWO)
    pg.execute("kubectl create -f two.yaml")
    pg.advance(30)
    r = pg.execute("kubectl logs two --tail=1")
    t = _started(pg, "two", "web")
    assert r.stdout == f"{t:%Y/%m/%d %H:%M:%S} [notice] 1#1: start worker process 30\n"
    assert r.stderr == 'Defaulted container "web" out of: web, side\n'
    assert pg.execute("kubectl logs two -c side").stdout == "side up\n"
    assert pg.execute("kubectl logs two side").stdout == "side up\n"
    r = pg.execute("kubectl logs two side -c web")
    assert r.stderr == "error: only one of -c or an inline [CONTAINER] arg is allowed\n"
    r = pg.execute("kubectl logs two --all-containers --prefix --tail=1")
    assert r.stdout == (f"[pod/two/web] {t:%Y/%m/%d %H:%M:%S} [notice] 1#1: start worker process 30\n"
                        "[pod/two/side] side up\n")
    assert pg.execute("kubectl logs two -c nope").stderr == "error: container nope is not valid for pod two\n"


def test_replicaset_picks_one_pod() -> None:
    """rs/NAME reads one of its pods and names it on stderr; -l reads them all with --prefix."""
    pg = _new()
    pg.write_file("rs.yaml", NGINX_RS)
    pg.execute("kubectl create -f rs.yaml")
    pg.advance(30)
    names = pg.execute("kubectl get pods -o name").stdout.split()
    r = pg.execute("kubectl logs rs/nginx")
    assert (r.exit_code, r.stdout) == (0, "")
    assert re.fullmatch(r"Found 3 pods, using pod/nginx-[a-z0-9]{5}\n", r.stderr)
    assert r.stderr.split("/")[1].strip() in [n.split("/")[1] for n in names]
    r = pg.execute("kubectl logs -l app=nothing")
    assert (r.exit_code, r.stderr) == (0, "No resources found in default namespace.\n")


def test_job_logs_its_pod() -> None:
    """job/NAME reads the job's pod: luksa/batch-job's two lines."""
    pg = _new()
    pg.write_file("job.yaml", BATCH_JOB)
    pg.execute("kubectl create -f job.yaml")
    pg.advance(60)
    r = pg.execute("kubectl logs job/batch-job")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(" Batch job starting") and lines[1].endswith(" Finished succesfully")


def test_follow_ends_with_the_container() -> None:
    """-f prints lines as they come and returns 0 when the container exits."""
    pg = _new()
    pg.execute("kubectl run once --image=busybox -- sh -c 'echo a; sleep 3; echo b; sleep 3; echo c'")
    pg.advance(5)
    t = _started(pg, "once").timestamp()
    r = pg.execute("kubectl logs -f once --timestamps")

    def at(s: float) -> str:
        return datetime.fromtimestamp(t + s, UTC).strftime("%Y-%m-%dT%H:%M:%S.000000000Z")

    assert (r.exit_code, r.stdout) == (0, f"{at(0)} a\n{at(3)} b\n{at(6)} c\n")
    assert pg.now.timestamp() == t + 6


def test_follow_a_loop_stops_after_a_minute_on_a_manual_clock() -> None:
    """A counter never ends: -f follows it for a simulated minute, then execute stops it like Ctrl-C."""
    pg = _new()
    pg.execute("kubectl run counter --image=busybox -- sh -c 'i=0; while true; do echo $i; i=$((i+1)); sleep 1; "
               "done'")
    pg.advance(10)
    first = int(pg.execute("kubectl logs counter --tail=1").stdout)
    r = pg.execute("kubectl logs -f counter --tail=1")
    assert r.exit_code == 130
    assert r.stdout == "".join(f"{i}\n" for i in range(first, first + 61)) + "\n"
    assert pg.now == datetime(2026, 1, 1, 0, 1, 10, tzinfo=UTC)


def test_follow_streams_new_requests_between_polls(pg: Playground) -> None:
    """A follow started in one tab shows the access line of a curl run in another tab."""
    pg.advance(30)
    r = pg.start("kubectl logs -f nginx-manual", tab=0)
    assert r.running and r.stdout == ""
    assert pg.shell.wake_at() is None
    ip = pg.cluster.get("Pod", "default", "nginx-manual")["status"]["podIP"]
    pg.execute(f"curl -s {ip}/index.html -o /dev/null", tab=1)
    assert pg.shell.wake_at() == pg.clock.now
    r = pg.poll(0)
    assert r.stdout == ('10.244.0.0 - - [01/Jan/2026:00:00:30 +0000] "GET /index.html HTTP/1.1" 200 612 "-" '
                        '"curl/7.88.1" "-"\n')
    assert pg.interrupt(0).exit_code == 130


def test_follow_state_survives_a_save() -> None:
    """The follow's position is JSON state: after a reload only new lines are printed."""
    pg = _new()
    pg.execute("kubectl run counter --image=busybox -- sh -c 'i=0; while true; do echo $i; i=$((i+1)); sleep 1; "
               "done'")
    pg.advance(10)
    r = pg.start("kubectl logs -f counter --tail=1")
    first = int(r.stdout)
    pg2 = Playground.from_state(pg.to_state())
    pg2.advance(2)
    assert pg2.poll(0).stdout == f"{first + 1}\n{first + 2}\n"


def test_help_matches_kubectl() -> None:
    """--help has kubectl's layout: usage line and options."""
    out = _new().execute("kubectl logs --help").stdout
    assert out.startswith("Print the logs for a container in a pod or specified resource. If the pod has only one "
                          "container, the container name is optional.\n\nExamples:\n")
    assert "    --tail=-1:\n\tLines of recent log file to display." in out
    assert out.endswith("Usage:\n  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]\n\n"
                        'Use "kubectl options" for a list of global command-line options (applies to all '
                        "commands).\n")


def test_looking_ahead_does_not_lose_lines() -> None:
    """Asking when a fast logger writes next must not make the simulation skip lines it has yet to show."""
    pg = _new()
    pg.execute("kubectl run fast --image=busybox -- sh -c 'i=0; while true; do echo $i; i=$((i+1)); sleep 0.01; "
               "done'")
    pg.advance(10)
    first = int(pg.start("kubectl logs -f fast --tail=1").stdout)
    assert pg.shell.wake_at() is not None
    pg.advance(0.055)
    assert pg.poll(0).stdout == "".join(f"{i}\n" for i in range(first + 1, first + 6))
