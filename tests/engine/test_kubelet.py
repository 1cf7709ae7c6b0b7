"""The kubelet: pod lifecycles over simulated time, with the statuses and events a v1.33 node reports."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from cluster_core.sim import network
from cluster_core.sim.kubelet import LogError, go_duration, pull_took
from cluster_core.sim.topology import Topology

NOW = datetime(2026, 1, 1, tzinfo=UTC)
T0 = NOW.timestamp()
NOT_FOUND = ('rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": '
             'failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found')


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=NOW)


def pod(name: str, image: str = "nginx:1.9.1", command: list[str] | None = None, env: list | None = None,
        **spec: object) -> dict:
    c: dict = {"name": name, "image": image}
    if command:
        c["command"] = command
    if env:
        c["env"] = env
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": {"containers": [c], **spec}}


def get(pg: Playground, name: str) -> dict:
    return pg.cluster.get("Pod", "default", name)


def cstatus(pg: Playground, name: str) -> dict:
    return get(pg, name)["status"]["containerStatuses"][0]


def state(pg: Playground, name: str) -> tuple[str, str | None, int]:
    """(phase, waiting/terminated reason or "running", restartCount): what kubectl get pods condenses."""
    p = get(pg, name)
    cs = (p["status"].get("containerStatuses") or [{}])[0]
    st = cs.get("state") or {}
    if "running" in st:
        why = "running"
    elif "waiting" in st:
        why = st["waiting"]["reason"]
    elif "terminated" in st:
        why = st["terminated"]["reason"]
    else:
        why = None
    return p["status"]["phase"], why, cs.get("restartCount", 0)


def events(pg: Playground, name: str) -> list[tuple[str, str, str]]:
    evs = [e for e in pg.cluster.list("Event", "default") if e["involvedObject"]["name"] == name]
    evs.sort(key=lambda e: int(e["metadata"]["resourceVersion"]))
    return [(e["type"], e["reason"], e["message"]) for e in evs]


def kubelet(pg: Playground):  # noqa: ANN201 - the component
    return pg.sim.component("kubelet")


def at(seconds: float) -> str:
    return datetime.fromtimestamp(T0 + seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- the happy path
def test_nginx_goes_pending_container_creating_running(pg: Playground) -> None:
    """kubectl run nginx-manual --image=nginx:1.9.1: Pending, then ContainerCreating with an IP, then Running."""
    pg.cluster.create(pod("nginx-manual"))
    p = get(pg, "nginx-manual")
    assert p["status"]["phase"] == "Pending" and "containerStatuses" not in p["status"]
    pg.advance(1)
    assert state(pg, "nginx-manual") == ("Pending", "ContainerCreating", 0)
    assert get(pg, "nginx-manual")["status"]["podIP"] == "10.244.1.2"
    pg.advance(10)
    assert state(pg, "nginx-manual") == ("Running", "running", 0)
    ev = events(pg, "nginx-manual")
    assert [e[1] for e in ev] == ["Scheduled", "Pulling", "Pulled", "Created", "Started"]
    assert ev[1] == ("Normal", "Pulling", 'Pulling image "nginx:1.9.1"')
    assert ev[2][2].startswith('Successfully pulled image "nginx:1.9.1" in ')
    assert ev[2][2].endswith(" including waiting). Image size: 42564785 bytes.")
    assert ev[3:] == [("Normal", "Created", "Created container: nginx-manual"),
                      ("Normal", "Started", "Started container nginx-manual")]


def test_running_pod_status_shape(pg: Playground) -> None:
    """The status a running pod reports: conditions in order, IPs, a containerd container and image ID."""
    pg.cluster.create(pod("nginx"))
    pg.advance(15)
    st = get(pg, "nginx")["status"]
    started = cstatus(pg, "nginx")["state"]["running"]["startedAt"]
    assert [(c["type"], c["status"]) for c in st["conditions"]] == [
        ("PodReadyToStartContainers", "True"), ("Initialized", "True"), ("Ready", "True"),
        ("ContainersReady", "True"), ("PodScheduled", "True")]
    assert st["conditions"][0]["lastTransitionTime"] == at(1)
    assert st["conditions"][2]["lastTransitionTime"] == started
    assert (st["hostIP"], st["hostIPs"], st["podIP"], st["podIPs"]) == (
        "192.168.0.12", [{"ip": "192.168.0.12"}], "10.244.1.2", [{"ip": "10.244.1.2"}])
    assert st["startTime"] == at(0) and st["qosClass"] == "BestEffort"
    cs = cstatus(pg, "nginx")
    assert cs["image"] == "docker.io/library/nginx:1.9.1"
    assert cs["imageID"].startswith("docker.io/library/nginx@sha256:") and len(cs["imageID"]) == 95
    assert cs["containerID"].startswith("containerd://") and len(cs["containerID"]) == 13 + 64
    assert (cs["ready"], cs["started"], cs["restartCount"], cs["lastState"]) == (True, True, 0, {})


def test_container_creating_conditions_say_which_containers_are_not_ready(pg: Playground) -> None:
    """While the image pulls: Ready False, ContainersNotReady, containers with unready status: [nginx]."""
    pg.cluster.create(pod("nginx"))
    pg.advance(2)
    conds = {c["type"]: c for c in get(pg, "nginx")["status"]["conditions"]}
    assert conds["Ready"] == {"lastProbeTime": None, "lastTransitionTime": at(1),
                              "message": "containers with unready status: [nginx]", "reason": "ContainersNotReady",
                              "status": "False", "type": "Ready"}
    assert cstatus(pg, "nginx") == {"image": "nginx:1.9.1", "imageID": "", "lastState": {}, "name": "nginx",
                                    "ready": False, "restartCount": 0, "started": False,
                                    "state": {"waiting": {"reason": "ContainerCreating"}},
                                    "volumeMounts": cstatus(pg, "nginx")["volumeMounts"]}


def test_second_pod_on_the_node_finds_the_image_present(pg: Playground) -> None:
    """The image is cached on the node after the first pull: "already present on machine"."""
    pg.cluster.create(pod("one"))
    pg.advance(15)
    pg.cluster.create(pod("two", nodeName="kubesphere02"))
    pg.advance(2)
    assert state(pg, "two") == ("Running", "running", 0)
    assert [e[2] for e in events(pg, "two")] == [
        'Container image "nginx:1.9.1" already present on machine', "Created container: two",
        "Started container two"]
    node = pg.cluster.get("Node", None, "kubesphere02")
    assert any("docker.io/library/nginx:1.9.1" in i["names"] for i in node["status"]["images"])


def test_pods_pulling_one_image_together_share_the_pull(pg: Playground) -> None:
    """Two pods on one node asking for one image at once: one pull, both start at the same second."""
    pg.cluster.create(pod("a", nodeName="kubesphere03"))
    pg.cluster.create(pod("b", nodeName="kubesphere03"))
    pg.advance(15)
    assert cstatus(pg, "a")["state"] == cstatus(pg, "b")["state"]
    assert [e[1] for e in events(pg, "b")] == ["Pulling", "Pulled", "Created", "Started"]


def test_always_pull_policy_pulls_every_time(pg: Playground) -> None:
    """nginx (no tag, so imagePullPolicy Always): even a cached image is pulled again, quickly."""
    pg.cluster.create(pod("first", image="nginx", nodeName="kubesphere02"))
    pg.advance(15)
    pg.cluster.create(pod("again", image="nginx", nodeName="kubesphere02"))
    pg.advance(3)
    reasons = [e[1] for e in events(pg, "again")]
    assert reasons == ["Pulling", "Pulled", "Created", "Started"]
    assert "ms (" in events(pg, "again")[1][2]
    assert cstatus(pg, "again")["image"] == "docker.io/library/nginx:latest"


# ---------------------------------------------------------------- image problems
def test_unknown_tag_errimagepull_then_imagepullbackoff(pg: Playground) -> None:
    """nginx:nope: ErrImagePull with containerd's NotFound text, then ImagePullBackOff, with kubelet events."""
    pg.cluster.create(pod("bad", image="nginx:nope"))
    pg.advance(3)
    assert state(pg, "bad") == ("Pending", "ErrImagePull", 0)
    assert cstatus(pg, "bad")["state"]["waiting"]["message"] == NOT_FOUND
    pg.advance(25)
    assert state(pg, "bad") == ("Pending", "ImagePullBackOff", 0)
    assert cstatus(pg, "bad")["state"]["waiting"]["message"] == (
        'Back-off pulling image "nginx:nope": ErrImagePull: ' + NOT_FOUND)
    seen = events(pg, "bad")
    assert ("Warning", "Failed", f'Failed to pull image "nginx:nope": {NOT_FOUND}') in seen
    assert ("Warning", "Failed", "Error: ErrImagePull") in seen
    assert ("Normal", "BackOff", 'Back-off pulling image "nginx:nope"') in seen
    assert ("Warning", "Failed", "Error: ImagePullBackOff") in seen


def test_image_pull_back_off_doubles(pg: Playground) -> None:
    """Pulls of a missing image are retried 10 s, 20 s, 40 s ... apart (flowcontrol back-off)."""
    pg.cluster.create(pod("bad", image="nginx:nope"))
    pg.advance(300)
    pulling = next(e for e in pg.cluster.list("Event", "default")
                   if e["involvedObject"]["name"] == "bad" and e["reason"] == "Pulling")
    assert pulling["count"] == 5  # t = 1, 12, 33, 74, 155; the next at 317


def test_nonexistent_repository_is_an_authorization_failure(pg: Playground) -> None:
    """An unknown Docker Hub repository: "pull access denied" as containerd reports it."""
    pg.cluster.create(pod("typo", image="nginxx"))
    pg.advance(3)
    assert cstatus(pg, "typo")["state"]["waiting"]["message"] == (
        'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": '
        'failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not '
        "exist or may require authorization: server message: insufficient_scope: authorization failed")


def test_invalid_image_name(pg: Playground) -> None:
    """An upper-case repository: InvalidImageName with the reference parser's complaint."""
    pg.cluster.create(pod("upper", image="Nginx"))
    pg.advance(2)
    assert cstatus(pg, "upper")["state"]["waiting"] == {
        "message": 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference '
                   "format: repository name (library/Nginx) must be lowercase", "reason": "InvalidImageName"}


def test_never_pull_policy_without_the_image(pg: Playground) -> None:
    """imagePullPolicy Never and the image not on the node: ErrImageNeverPull."""
    p = pod("never", image="redis:7")
    p["spec"]["containers"][0]["imagePullPolicy"] = "Never"
    pg.cluster.create(p)
    pg.advance(2)
    assert cstatus(pg, "never")["state"]["waiting"] == {
        "message": 'Container image "redis:7" is not present with pull policy of Never', "reason": "ErrImageNeverPull"}


# ---------------------------------------------------------------- crashes and restarts
def test_mysql_without_password_crash_loops_with_back_off(pg: Playground) -> None:
    """mysql:5.7 without MYSQL_ROOT_PASSWORD exits 1; restarts come 10 s, 20 s, 40 s apart: CrashLoopBackOff."""
    pg.cluster.create(pod("mysql", image="mysql:5.7"))
    restarts_seen: dict[int, float] = {}
    for t in range(1, 200):
        pg.advance(1)
        n = cstatus(pg, "mysql")["restartCount"] if get(pg, "mysql")["status"].get("containerStatuses") else 0
        restarts_seen.setdefault(n, t)
    gaps = [restarts_seen[n + 1] - restarts_seen[n] for n in (1, 2, 3)]
    assert gaps == [12, 22, 42]  # back-off 10/20/40 s after an exit 1 s after each start, synced every 10 s
    first_start = next(e for e in pg.cluster.list("Event", "default") if e["reason"] == "Started")["firstTimestamp"]
    assert at(restarts_seen[1]) == at(int((datetime.strptime(first_start, "%Y-%m-%dT%H:%M:%SZ")
                                           .replace(tzinfo=UTC).timestamp()) - T0) + 2)  # the first restart is at once
    assert state(pg, "mysql") == ("Running", "CrashLoopBackOff", 5)
    cs = cstatus(pg, "mysql")
    uid = get(pg, "mysql")["metadata"]["uid"]
    assert cs["state"]["waiting"]["message"] == (
        f"back-off 2m40s restarting failed container=mysql pod=mysql_default({uid})")
    assert cs["lastState"]["terminated"]["exitCode"] == 1 and cs["lastState"]["terminated"]["reason"] == "Error"
    assert ("Warning", "BackOff", f"Back-off restarting failed container mysql in pod mysql_default({uid})") in events(
        pg, "mysql")


def test_mysql_logs_show_the_entrypoint_complaint(pg: Playground) -> None:
    """kubectl logs mysql (and --previous): the docker-entrypoint's error about the missing password."""
    pg.cluster.create(pod("mysql", image="mysql:5.7"))
    pg.advance(40)
    p = get(pg, "mysql")
    lines = [text for _, text in kubelet(pg).logs(p, "mysql")]
    assert [ln[26:] for ln in lines[:4]] == [
        "[Note] [Entrypoint]: Entrypoint script for MySQL Server 5.7.44-1.el7 started.",
        "[Note] [Entrypoint]: Switching to dedicated user 'mysql'",
        "[Note] [Entrypoint]: Entrypoint script for MySQL Server 5.7.44-1.el7 started.",
        "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"]
    assert lines[0][19:26] == "+00:00 " and lines[0].startswith("2026-01-01 00:00:")
    assert lines[4:] == ["    You need to specify one of the following as an environment variable:",
                         "    - MYSQL_ROOT_PASSWORD", "    - MYSQL_ALLOW_EMPTY_PASSWORD",
                         "    - MYSQL_RANDOM_ROOT_PASSWORD"]
    # In CrashLoopBackOff both show the container that exited last (validateContainerLogStatus).
    assert state(pg, "mysql")[1] == "CrashLoopBackOff"
    assert kubelet(pg).logs(p, "mysql", previous=True) == kubelet(pg).logs(p, "mysql")


def test_mysql_with_password_runs_and_listens(pg: Playground) -> None:
    """MYSQL_ROOT_PASSWORD set: mysqld initialises and reports ready for connections on 3306."""
    pg.cluster.create(pod("db", image="mysql:5.7", env=[{"name": "MYSQL_ROOT_PASSWORD", "value": "secret"}]))
    pg.advance(60)
    assert state(pg, "db") == ("Running", "running", 0)
    lines = [t for _, t in kubelet(pg).logs(get(pg, "db"), "db")]
    assert lines[-1] == ("Version: '5.7.44'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  "
                         "MySQL Community Server (GPL)")
    ip = get(pg, "db")["status"]["podIP"]
    assert network.http_get(pg.sim, ip, 3306) == (0, {"X-Curl-Error": "(1) Received HTTP/0.9 when not allowed"}, "")


def test_busybox_sleep_with_never_completes(pg: Playground) -> None:
    """busybox sleep 5, restartPolicy Never: Running, then Succeeded with a Completed container."""
    pg.cluster.create(pod("sleeper", image="busybox:1.36", command=["sleep", "5"], restartPolicy="Never"))
    pg.advance(5)
    assert state(pg, "sleeper") == ("Running", "running", 0)
    pg.advance(5)
    assert state(pg, "sleeper") == ("Succeeded", "Completed", 0)
    st = get(pg, "sleeper")["status"]
    term = st["containerStatuses"][0]["state"]["terminated"]
    assert term["exitCode"] == 0
    started = datetime.strptime(term["startedAt"], "%Y-%m-%dT%H:%M:%SZ")
    finished = datetime.strptime(term["finishedAt"], "%Y-%m-%dT%H:%M:%SZ")
    assert (finished - started).total_seconds() == 5
    conds = {c["type"]: (c["status"], c.get("reason")) for c in st["conditions"]}
    assert conds == {"PodReadyToStartContainers": ("False", None), "Initialized": ("True", "PodCompleted"),
                     "Ready": ("False", "PodCompleted"), "ContainersReady": ("False", "PodCompleted"),
                     "PodScheduled": ("True", None)}


def test_script_exit_code_fails_the_pod(pg: Playground) -> None:
    """sh -c "echo a; sleep 5; exit 3" with Never: Failed, Error, exit code 3, and the echo in the logs."""
    pg.cluster.create(pod("script", image="busybox:1.36", command=["sh", "-c", "echo a; sleep 5; exit 3"],
                          restartPolicy="Never"))
    pg.advance(15)
    assert state(pg, "script") == ("Failed", "Error", 0)
    assert cstatus(pg, "script")["state"]["terminated"]["exitCode"] == 3
    assert [t for _, t in kubelet(pg).logs(get(pg, "script"), "script")] == ["a"]


def test_false_with_on_failure_restarts(pg: Playground) -> None:
    """busybox false, restartPolicy OnFailure: restarted in place, then CrashLoopBackOff; phase Running."""
    pg.cluster.create(pod("f", image="busybox:1.36", command=["false"], restartPolicy="OnFailure"))
    pg.advance(30)
    phase, reason, restarts = state(pg, "f")
    assert (phase, reason) == ("Running", "CrashLoopBackOff") and restarts >= 2


def test_alpine_without_a_command_completes_and_restarts(pg: Playground) -> None:
    """alpine with no command: sh has no stdin and exits 0 -- Completed, then CrashLoopBackOff (Always)."""
    pg.cluster.create(pod("alpine", image="alpine:3.20"))
    pg.advance(60)
    cs = cstatus(pg, "alpine")
    assert cs["lastState"]["terminated"]["reason"] == "Completed"
    assert state(pg, "alpine")[1] in ("CrashLoopBackOff", "Completed")


def test_missing_executable_is_a_start_error(pg: Playground) -> None:
    """command: [curl] in busybox: runc cannot exec it -- StartError 128 and a Failed event."""
    pg.cluster.create(pod("nocurl", image="busybox:1.36", command=["curl", "-s", "x"], restartPolicy="Never"))
    pg.advance(10)
    term = cstatus(pg, "nocurl")["state"]["terminated"]
    msg = ("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
           'failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown')
    assert (term["exitCode"], term["reason"], term["message"], term["startedAt"]) == (
        128, "StartError", msg, "1970-01-01T00:00:00Z")
    assert ("Warning", "Failed", f"Error: {msg}") in events(pg, "nocurl")
    assert get(pg, "nocurl")["status"]["phase"] == "Failed"


def test_batch_job_image_runs_about_twenty_seconds(pg: Playground) -> None:
    """luksa/batch-job: ~15 s pull, 20 s of work, the image's own (misspelt) log lines."""
    pg.cluster.create(pod("batch", image="luksa/batch-job", restartPolicy="OnFailure"))
    pg.advance(60)
    assert state(pg, "batch") == ("Succeeded", "Completed", 0)
    lines = [t for _, t in kubelet(pg).logs(get(pg, "batch"), "batch")]
    assert lines[0].endswith(" Batch job starting") and lines[1].endswith(" Finished succesfully")
    assert lines[0].startswith("Thu Jan  1 00:00:")


# ---------------------------------------------------------------- termination
def test_delete_nginx_is_terminating_then_gone(pg: Playground) -> None:
    """kubectl delete pod nginx: Killing event, Terminating for a moment, then gone, IP released."""
    pg.cluster.create(pod("nginx"))
    pg.advance(15)
    pg.cluster.delete("Pod", "default", "nginx")
    p = get(pg, "nginx")
    assert p["metadata"]["deletionTimestamp"] == at(45) and p["metadata"]["deletionGracePeriodSeconds"] == 30
    assert events(pg, "nginx")[-1] == ("Normal", "Killing", "Stopping container nginx")
    pg.advance(1)
    assert get(pg, "nginx") is None
    pg.cluster.create(pod("next"))
    pg.advance(2)
    assert get(pg, "next")["status"]["podIP"] == "10.244.1.3"  # host-local: the next address, not a reused one


def test_sleep_ignores_sigterm_and_takes_the_grace_period(pg: Playground) -> None:
    """busybox sleep as PID 1 ignores SIGTERM: the pod stays Terminating for the whole grace period."""
    pg.cluster.create(pod("sleepy", image="busybox:1.36", command=["sleep", "3600"]))
    pg.advance(10)
    pg.cluster.delete("Pod", "default", "sleepy", grace_period=10)
    pg.advance(9)
    assert get(pg, "sleepy") is not None and state(pg, "sleepy")[1] == "running"
    pg.advance(2)
    assert get(pg, "sleepy") is None


def test_delete_while_creating_still_terminates_briefly(pg: Playground) -> None:
    """A pod deleted while its image pulls is Terminating until the sandbox is gone."""
    pg.cluster.create(pod("quick", image="mysql:5.7"))
    pg.advance(3)
    pg.cluster.delete("Pod", "default", "quick")
    assert get(pg, "quick")["metadata"].get("deletionTimestamp")
    pg.advance(1)
    assert get(pg, "quick") is None


# ---------------------------------------------------------------- logs and HTTP
def test_nginx_serves_http_and_logs_access(pg: Playground) -> None:
    """curl <pod IP>: nginx's welcome page, and an access-log line in kubectl logs."""
    pg.cluster.create(pod("web", image="nginx:1.27"))
    pg.advance(15)
    ip = get(pg, "web")["status"]["podIP"]
    status, headers, body = network.http_get(pg.sim, ip, 80, "/", "10.244.1.1", "curl/7.88.1")
    assert status == 200 and headers["Server"] == "nginx/1.27.5" and "<title>Welcome to nginx!</title>" in body
    assert headers["Content-Length"] == "615" == str(len(body))
    assert network.http_get(pg.sim, ip, 81, "/") is None
    logs = [t for _, t in kubelet(pg).logs(get(pg, "web"), "web")]
    assert logs[0] == "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"
    assert "/docker-entrypoint.sh: Configuration complete; ready for start up" in logs
    assert logs[-1] == '10.244.1.1 - - [01/Jan/2026:00:00:15 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"'


def test_old_nginx_logs_nothing_at_start(pg: Playground) -> None:
    """nginx:1.9.1 predates the entrypoint scripts: empty logs until a request comes in (612-byte page)."""
    pg.cluster.create(pod("old"))
    pg.advance(15)
    assert kubelet(pg).logs(get(pg, "old"), "old") == []
    status, _, body = network.http_get(pg.sim, get(pg, "old")["status"]["podIP"], 80, "/", "10.244.1.1")
    assert (status, len(body)) == (200, 612)


def test_log_errors_use_the_kubelet_words(pg: Playground) -> None:
    """No logs yet, no previous container: the messages kubectl shows after "Error from server (BadRequest):"."""
    pg.cluster.create(pod("slow", image="mysql:5.7"))
    pg.advance(2)
    with pytest.raises(LogError, match='^container "slow" in pod "slow" is waiting to start: ContainerCreating$'):
        kubelet(pg).logs(get(pg, "slow"), "slow")
    with pytest.raises(LogError, match="^container nope is not valid for pod slow$"):
        kubelet(pg).logs(get(pg, "slow"), "nope")
    pg.cluster.create(pod("web"))
    pg.advance(60)
    with pytest.raises(LogError, match='^previous terminated container "web" in pod "web" not found$'):
        kubelet(pg).logs(get(pg, "web"), "web", previous=True)


def test_counter_logs_after_a_day_are_fast_and_exact(pg: Playground) -> None:
    """The logging docs' counter pod after a day: the last lines are the right ones (endless loops skip ahead)."""
    script = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'
    pg.cluster.create(pod("counter", image="busybox:1.36", command=["/bin/sh", "-c", script]))
    pg.advance(86400)
    lines = kubelet(pg).logs(get(pg, "counter"), "counter")
    assert len(lines) == 2000
    start = cstatus(pg, "counter")["state"]["running"]["startedAt"]
    n = 86400 - int(datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp() - T0)
    assert lines[-1][1] == f"{n}: Fri Jan  2 00:00:00 UTC 2026"


def test_env_and_downward_api_reach_the_container(pg: Playground) -> None:
    """env values, $(VAR) expansion in args, and fieldRef to the pod name and IP."""
    env = [{"name": "GREETING", "value": "hello"},
           {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
           {"name": "IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}}]
    p = pod("envy", image="busybox:1.36", command=["sh", "-c", 'echo "$GREETING from $POD at $IP"; echo $(GREETING)'],
            env=env, restartPolicy="Never")
    pg.cluster.create(p)
    pg.advance(10)
    assert [t for _, t in kubelet(pg).logs(get(pg, "envy"), "envy")] == [
        "hello from envy at 10.244.1.2", "hello"]


def test_missing_configmap_is_a_config_error(pg: Playground) -> None:
    """env from a ConfigMap that does not exist: CreateContainerConfigError."""
    env = [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "x"}}}]
    pg.cluster.create(pod("cfg", image="busybox:1.36", command=["sleep", "60"], env=env))
    pg.advance(5)
    assert cstatus(pg, "cfg")["state"]["waiting"] == {"message": 'configmap "settings" not found',
                                                      "reason": "CreateContainerConfigError"}


def test_init_container_runs_first(pg: Playground) -> None:
    """An init container that sleeps 3 s: Init:0/1 (PodInitializing), then the app container runs."""
    p = pod("app", image="busybox:1.36", command=["sleep", "3600"])
    p["spec"]["initContainers"] = [{"name": "wait", "image": "busybox:1.36", "command": ["sleep", "3"]}]
    pg.cluster.create(p)
    pg.advance(4)
    st = get(pg, "app")["status"]
    assert st["phase"] == "Pending"
    assert st["containerStatuses"][0]["state"] == {"waiting": {"reason": "PodInitializing"}}
    init_cond = next(c for c in st["conditions"] if c["type"] == "Initialized")
    assert (init_cond["status"], init_cond["message"]) == ("False", "containers with incomplete status: [wait]")
    pg.advance(6)
    st = get(pg, "app")["status"]
    assert st["phase"] == "Running"
    assert st["initContainerStatuses"][0]["state"]["terminated"]["reason"] == "Completed"
    assert st["initContainerStatuses"][0]["ready"] is True


def test_exec_runs_commands_in_the_container(pg: Playground) -> None:
    """kubectl exec: shell commands see the pod's hostname and env; missing tools are runc exec errors."""
    pg.cluster.create(pod("web", image="nginx:1.27"))
    pg.advance(10)
    k = kubelet(pg)
    assert k.exec(get(pg, "web"), None, ["sh", "-c", "echo $HOSTNAME; exit 3"]) == (3, ["web"])
    assert k.exec(get(pg, "web"), "web", ["printenv", "KUBERNETES_SERVICE_HOST"]) == (0, ["10.96.0.1"])
    assert k.exec(get(pg, "web"), None, ["curl", "localhost"]) == (127, [
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not '
        "found in $PATH: unknown"])
    pg.cluster.create(pod("later", image="mysql:5.7"))
    with pytest.raises(LogError, match=r'^unable to upgrade connection: container not found \("later"\)$'):
        k.exec(get(pg, "later"), None, ["ls"])


def test_readiness_probe_delays_ready(pg: Playground) -> None:
    """readinessProbe httpGet / with initialDelaySeconds 5: Running at once, Ready 5 s later."""
    p = pod("web", image="nginx:1.27")
    p["spec"]["containers"][0]["readinessProbe"] = {"httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 5}
    pg.cluster.create(p)
    pg.advance(10)
    started = cstatus(pg, "web")["state"]["running"]["startedAt"]
    offset = int(datetime.strptime(started, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp() - T0)
    assert cstatus(pg, "web")["ready"] is (10 >= offset + 5)
    pg.advance(10)
    assert cstatus(pg, "web")["ready"] is True
    ready = next(c for c in get(pg, "web")["status"]["conditions"] if c["type"] == "Ready")
    assert ready["lastTransitionTime"] == at(offset + 5)


def test_failing_probes_report_unhealthy_and_restart(pg: Playground) -> None:
    """Readiness on a closed port never passes; liveness on a 404 path restarts the container."""
    p = pod("web", image="nginx:1.27")
    p["spec"]["containers"][0]["readinessProbe"] = {"tcpSocket": {"port": 81}, "periodSeconds": 5}
    pg.cluster.create(p)
    q = pod("live", image="nginx:1.27")
    q["spec"]["containers"][0]["livenessProbe"] = {"httpGet": {"path": "/healthz", "port": 80}, "periodSeconds": 5}
    pg.cluster.create(q)
    pg.advance(40)
    assert cstatus(pg, "web")["ready"] is False and state(pg, "web") == ("Running", "running", 0)
    ip = get(pg, "web")["status"]["podIP"]
    assert ("Warning", "Unhealthy", f"Readiness probe failed: dial tcp {ip}:81: connect: connection refused") in events(
        pg, "web")
    live = events(pg, "live")
    assert ("Warning", "Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 404") in live
    assert ("Normal", "Killing", "Container live failed liveness probe, will be restarted") in live
    assert cstatus(pg, "live")["restartCount"] >= 1
    assert cstatus(pg, "live")["lastState"]["terminated"]["reason"] == "Completed"  # nginx exits 0 on SIGQUIT


def test_system_pods_stay_running(pg: Playground) -> None:
    """The kube-system pods the cluster starts with are left as they are, and serve logs."""
    before = pg.cluster.list("Pod", "kube-system")
    pg.advance(120)
    assert pg.cluster.list("Pod", "kube-system") == before
    proxy = next(p for p in before if p["metadata"]["name"].startswith("kube-proxy"))
    assert kubelet(pg).logs(proxy, "kube-proxy")[0][1].endswith('"Using iptables proxy"')


def test_state_round_trips() -> None:
    """A playground saved mid-pull and loaded again finishes the same way as one left running."""
    a = Playground.new(seed=3, now=NOW)
    a.cluster.create(pod("nginx", image="mysql:5.7"))
    a.advance(5)
    b = Playground.from_state(json.loads(json.dumps(a.to_state())))
    a.advance(60)
    b.advance(60)
    assert a.cluster.get("Pod", "default", "nginx") == b.cluster.get("Pod", "default", "nginx")
    assert kubelet(a).logs(get(a, "nginx"), "nginx") == kubelet(b).logs(get(b, "nginx"), "nginx")


def test_thousand_replicas_run_within_a_minute() -> None:
    """A ReplicaSet of 1,000 on a big cluster: every pod Running after 60 s (timing checked in the bench)."""
    pg = Playground.new(seed=0, now=NOW, topology=Topology.large(10))
    pg.cluster.create({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "web"},
                       "spec": {"replicas": 1000, "selector": {"matchLabels": {"app": "web"}},
                                "template": {"metadata": {"labels": {"app": "web"}},
                                             "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}})
    pg.advance(60)
    pods = pg.cluster.list("Pod", "default")
    assert len(pods) == 1000 and {p["status"]["phase"] for p in pods} == {"Running"}
    assert len({p["status"]["podIP"] for p in pods}) == 1000


@pytest.mark.parametrize(("seconds", "text"), [(10, "10s"), (80, "1m20s"), (300, "5m0s"), (3.512, "3.512s")])
def test_go_duration(seconds: float, text: str) -> None:
    """Back-off and pull times print as Go's time.Duration does."""
    assert go_duration(seconds) == text


def test_pull_took_truncates_to_milliseconds() -> None:
    """The Pulled event's duration: ms under a second, seconds with up to three decimals above."""
    assert (pull_took(0.4567), pull_took(3.5129), pull_took(12.0)) == ("456ms", "3.512s", "12s")
