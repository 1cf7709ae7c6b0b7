"""The image catalog: references, what exists, pull errors, and what each image's containers do."""

from __future__ import annotations

import pytest

from cluster_core.sim import images
from cluster_core.sim.images import Context, InvalidReference, lookup, parse_reference, pull_failure, start

T0 = 1767225600.0  # 2026-01-01T00:00:00Z


def ctx(**kw: object) -> Context:
    base: dict = {"start": T0, "pod_name": "demo", "pod_ip": "10.244.1.5", "seed": "seed", "cpus": 2}
    base.update(kw)
    return Context(**base)


def run(image: str, command: list[str] | None = None, args: list[str] | None = None, **kw: object) -> images.Run:
    spec = lookup(image)
    assert spec is not None
    c: dict = {"name": "c", "image": image}
    if command:
        c["command"] = command
    if args:
        c["args"] = args
    return start(spec, c, ctx(**kw))


def sh(script: str, until: float = 100.0) -> tuple[list[str], float | None, int]:
    r = run("busybox:1.36", ["sh", "-c", script])
    return [t for _, t in r.output(until)], r.exit_after, r.exit_code


# ---------------------------------------------------------------- references
@pytest.mark.parametrize(("image", "name"), [
    ("nginx", "docker.io/library/nginx:latest"),
    ("nginx:1.9.1", "docker.io/library/nginx:1.9.1"),
    ("docker.io/library/nginx:1.27", "docker.io/library/nginx:1.27"),
    ("library/nginx", "docker.io/library/nginx:latest"),
    ("luksa/batch-job", "docker.io/luksa/batch-job:latest"),
    ("registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"),
    ("localhost:5000/app", "localhost:5000/app:latest"),
    ("index.docker.io/library/busybox:1.36", "docker.io/library/busybox:1.36"),
])
def test_references_normalise_as_containerd_reports_them(image: str, name: str) -> None:
    """Short names get docker.io/library/ and :latest, as the container status image shows."""
    assert parse_reference(image).name == name


@pytest.mark.parametrize(("image", "error"), [
    ("Nginx", "invalid reference format: repository name (library/Nginx) must be lowercase"),
    ("nginx:", "invalid reference format"),
    ("nginx::1", "invalid reference format"),
    ("-nginx", "invalid reference format"),
    ("nginx@sha256:abc", "invalid reference format"),
])
def test_invalid_references(image: str, error: str) -> None:
    """Strings that are not references fail with distribution/reference's words."""
    with pytest.raises(InvalidReference) as e:
        parse_reference(image)
    assert str(e.value) == error


def test_lookup_known_and_unknown_tags() -> None:
    """Known repositories accept their real tags; aliases share the digest of what they point to."""
    assert lookup("nginx:nope") is None
    assert lookup("nginxx") is None
    latest, pinned = lookup("nginx"), lookup("nginx:1.29.1")
    assert latest is not None and pinned is not None
    assert latest.digest == pinned.digest and latest.name != pinned.name
    assert lookup("nginx:1.27-alpine") is not None and lookup("mysql:5.7") is not None
    assert lookup(f"nginx@{pinned.digest}") is not None
    assert lookup("nginx@sha256:" + "0" * 64) is None


def test_image_id_matches_the_node_image_list_rule() -> None:
    """imageID is <repository>@sha256:<digest>, digest derived from repository and version."""
    spec = lookup("registry.k8s.io/pause:3.10")
    assert spec is not None
    assert spec.image_id == "registry.k8s.io/pause@" + images.digest_of("registry.k8s.io/pause", "3.10")


def test_pull_failures_read_like_containerd() -> None:
    """Unknown tag: NotFound; unknown Docker Hub repo: access denied; unknown registry: DNS failure."""
    assert pull_failure("nginx:nope") == (
        'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to '
        'resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found')
    assert pull_failure("no-such-thing:1").startswith(
        'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/no-such-thing:1": '
        'failed to resolve reference "docker.io/library/no-such-thing:1": pull access denied')
    assert pull_failure("myregistry.local/app:1").endswith(
        'failed to do request: Head "https://myregistry.local/v2/app/manifests/1": dial tcp: lookup '
        "myregistry.local on 127.0.0.53:53: no such host")


@pytest.mark.parametrize(("image", "policy"), [("nginx", "Always"), ("nginx:latest", "Always"),
                                               ("nginx:1.27", "IfNotPresent"), ("Nope", "IfNotPresent")])
def test_default_pull_policy(image: str, policy: str) -> None:
    """imagePullPolicy defaults to Always for :latest or no tag."""
    assert images.default_pull_policy(image) == policy


def test_pull_times_follow_the_catalog() -> None:
    """nginx pulls in a few seconds, the batch-job image in about 15, mysql in about 20."""
    assert lookup("nginx").pull_seconds == (3.0, 6.0)  # type: ignore[union-attr]
    assert lookup("luksa/batch-job").pull_seconds == (14.0, 16.0)  # type: ignore[union-attr]
    assert lookup("mysql:5.7").pull_seconds == (18.0, 24.0)  # type: ignore[union-attr]


# ---------------------------------------------------------------- programs
def test_nginx_serves_forever_and_answers_http() -> None:
    """nginx: no exit, port 80, the welcome page and a combined-format access-log line."""
    r = run("nginx:1.27")
    assert r.exit_after is None and r.ports == (80,)
    assert r.http is not None
    status, headers, body, log = r.http("GET", "/", "10.244.1.1", "curl/7.88.1", T0 + 62, 1)
    assert (status, headers["Content-Length"]) == (200, "615")
    assert log == ['10.244.1.1 - - [01/Jan/2026:00:01:02 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/7.88.1" "-"'
                   .replace("612", "615")]
    status, _, body, log = r.http("GET", "/missing", "10.244.1.1", "curl/7.88.1", T0 + 62, 2)
    assert status == 404 and "<center>nginx/1.27.5</center>" in body and len(log) == 2


def test_nginx_start_lines_depend_on_the_version() -> None:
    """1.9.1 prints nothing at start; 1.27 prints the entrypoint lines and one worker per CPU."""
    assert run("nginx:1.9.1").output(10) == []
    lines = [t for _, t in run("nginx:1.27", cpus=2).output(10)]
    assert lines[:2] == ["/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform "
                         "configuration", "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/"]
    assert lines[8] == "/docker-entrypoint.sh: Configuration complete; ready for start up"
    assert lines[9:] == ['2026/01/01 00:00:00 [notice] 1#1: using the "epoll" event method',
                         "2026/01/01 00:00:00 [notice] 1#1: nginx/1.27.5",
                         "2026/01/01 00:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ",
                         "2026/01/01 00:00:00 [notice] 1#1: OS: Linux 6.1.0-31-amd64",
                         "2026/01/01 00:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
                         "2026/01/01 00:00:00 [notice] 1#1: start worker processes",
                         "2026/01/01 00:00:00 [notice] 1#1: start worker process 29",
                         "2026/01/01 00:00:00 [notice] 1#1: start worker process 30"]


def test_nginx_with_a_shell_command_runs_the_command() -> None:
    """command overrides the entrypoint: nginx's image runs ``sh -c`` like any Debian image."""
    r = run("nginx:1.27", ["sh", "-c", "echo hi; exit 4"])
    assert ([t for _, t in r.output(5)], r.exit_code) == (["hi"], 4)


def test_mysql_without_a_password_exits_one() -> None:
    """mysql:5.7 without a password option: the entrypoint's complaint, exit 1 after a second."""
    r = run("mysql:5.7")
    assert (r.exit_after, r.exit_code) == (1.0, 1)
    lines = [t for _, t in r.output(5)]
    assert lines[3] == ("2026-01-01 00:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password "
                        "option is not specified")
    assert lines[4:] == ["    You need to specify one of the following as an environment variable:",
                         "    - MYSQL_ROOT_PASSWORD", "    - MYSQL_ALLOW_EMPTY_PASSWORD",
                         "    - MYSQL_RANDOM_ROOT_PASSWORD"]


def test_mysql_with_a_password_serves_3306_after_initialising() -> None:
    """MYSQL_ROOT_PASSWORD: runs, logs its init and ``ready for connections``, listens on 3306."""
    r = run("mysql:5.7", env={"MYSQL_ROOT_PASSWORD": "pw", "MYSQL_DATABASE": "shop"})
    assert r.exit_after is None and 3306 in r.ports and r.ready_after > 10
    text = "\n".join(t for _, t in r.output(60))
    assert "[Note] [Entrypoint]: Creating database shop" in text
    assert "0 [Note] mysqld: ready for connections." in text


def test_batch_job_prints_its_two_lines() -> None:
    """luksa/batch-job: start line, ~20 s of work, the misspelt success line, exit 0."""
    r = run("luksa/batch-job")
    assert (r.exit_after, r.exit_code) == (20.0, 0)
    assert r.output(100) == [(0.0, "Thu Jan  1 00:00:00 UTC 2026 Batch job starting"),
                             (20.0, "Thu Jan  1 00:00:20 UTC 2026 Finished succesfully")]


def test_perl_pi_job() -> None:
    """The docs' pi Job: perl -Mbignum=bpi -wle "print bpi(2000)" prints 2,000 digits of pi."""
    r = run("perl:5.34.0", ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"])
    (line,) = [t for _, t in r.output(60)]
    assert line.startswith("3.14159265358979323846264338327950288419716939937510") and len(line) == 2001
    assert line[992:1002] == "2164201989"  # digits 991-1000 of pi
    assert r.exit_code == 0 and r.exit_after is not None


def test_hello_world() -> None:
    """hello-world prints its greeting and exits 0."""
    r = run("hello-world")
    lines = [t for _, t in r.output(1)]
    assert lines[1] == "Hello from Docker!" and r.exit_code == 0


def test_redis_and_httpd_defaults() -> None:
    """redis serves 6379 (not HTTP); httpd serves "It works!" on 80."""
    redis = run("redis:7")
    assert redis.ports == (6379,) and redis.http is None and redis.raw_port == "(52) Empty reply from server"
    httpd = run("httpd")
    assert httpd.http is not None
    assert httpd.http("GET", "/", "10.244.1.1", "curl/7.88.1", T0, 1)[2] == "<html><body><h1>It works!</h1></body></html>\n"


def test_unknown_executable_is_a_start_error() -> None:
    """A command the image does not have: runc's exec error, nothing runs."""
    assert run("busybox:1.36", ["bash"]).start_error.endswith(
        'exec: "bash": executable file not found in $PATH: unknown')
    assert run("busybox:1.36", ["/app/server"]).start_error.endswith(
        'exec: "/app/server": stat /app/server: no such file or directory: unknown')
    assert run("ubuntu:22.04", ["bash", "-c", "true"]).start_error == ""


# ---------------------------------------------------------------- busybox sh
@pytest.mark.parametrize(("script", "lines", "exit_after", "code"), [
    ("echo hello", ["hello"], 0.01, 0),
    ("sleep 5", [], 5.0, 0),
    ("echo a; sleep 5; exit 3", ["a"], 5.0, 3),
    ("true", [], 0.01, 0),
    ("false", [], 0.01, 1),
    ("nosuch", ["sh: nosuch: not found"], 0.01, 127),
    ("for i in 1 2 3; do echo $i; done", ["1", "2", "3"], 0.01, 0),
    ("i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo n$i; sleep 1; done", ["n1", "n2", "n3"], 3.0, 0),
    ('if [ "a" = "b" ]; then echo same; else echo different; fi', ["different"], 0.01, 0),
    ('x="two words"; echo "$x" $x', ["two words two words"], 0.01, 0),
    ("echo ${UNSET:-fallback}", ["fallback"], 0.01, 0),
    ("echo $(echo inner) `echo back`", ["inner back"], 0.01, 0),
    ("echo one | wc -l", ["1"], 0.01, 0),
    ("false || echo recovered && echo chained", ["recovered", "chained"], 0.01, 0),
    ("echo hidden > /dev/null; echo shown", ["shown"], 0.01, 0),
    ("echo saved > /tmp/f; cat /tmp/f", ["saved"], 0.01, 0),
    ("printf '%s-%d\\n' a 5", ["a-5"], 0.01, 0),
    ("echo -n part; echo rest", ["partrest"], 0.01, 0),
    ("hostname", ["demo"], 0.01, 0),
    ("sleep 2; date", ["Thu Jan  1 00:00:02 UTC 2026"], 2.0, 0),
    ("sleep abc", ["sleep: invalid number 'abc'"], 0.01, 1),
    ("echo unterminated '", ["sh: -c: line 1: syntax error: unterminated quoted string"], 0.02, 2),
    ("exit 300", [], 0.01, 44),
])
def test_shell_scripts(script: str, lines: list[str], exit_after: float, code: int) -> None:
    """sh -c scripts: output, when they end and with which code."""
    assert sh(script) == (lines, exit_after, code)


def test_endless_loops_run_forever() -> None:
    """while true loops and sleep infinity never exit; their output keeps coming as time passes."""
    out, after, _ = sh("while true; do echo tick; sleep 10; done", until=35)
    assert (out, after) == (["tick"] * 4, None)
    assert sh("sleep infinity")[1] is None
    assert sh("tail -f /dev/null")[1] is None
    assert sh("while true; do :; done")[1] is None


def test_plain_argv_is_not_shell_expanded() -> None:
    """command: [echo, $HOME] without a shell prints the literal text (Kubernetes only expands $(VAR))."""
    r = run("busybox:1.36", ["echo", "$HOME", "a  b"])
    assert [t for _, t in r.output(1)] == ["$HOME a  b"]


def test_shell_without_stdin_exits_at_once_but_waits_with_stdin() -> None:
    """busybox with no command runs sh: no stdin means exit 0 at once; stdin: true keeps it waiting."""
    assert run("busybox:1.36").exit_after == 0.01
    assert run("busybox:1.36", stdin=True).exit_after is None


def test_env_and_printenv() -> None:
    """The container's environment is visible to the shell."""
    r = run("busybox:1.36", ["sh", "-c", "printenv GREETING; echo $GREETING"], env={"GREETING": "hi"})
    assert [t for _, t in r.output(1)] == ["hi", "hi"]
