"""``kubectl run``: the pod kubectl builds from flags, its checks in v1.33's order and words (compared
with the real kubectl 1.33 client), ``--dry-run=client`` output byte for byte, and ``-i``/``--rm``."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


@pytest.fixture
def pg() -> Playground:
    return Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


def test_run_creates_a_pod_labelled_run_name(pg):
    """``kubectl run nginx --image=nginx``: one pod, label run=nginx, container named like the pod."""
    assert run(pg, "kubectl run nginx --image=nginx") == ("pod/nginx created\n", "", 0)
    pod = pg.cluster.get("Pod", "default", "nginx")
    assert pod["metadata"]["labels"] == {"run": "nginx"}
    c = pod["spec"]["containers"][0]
    assert (c["name"], c["image"], pod["spec"]["restartPolicy"], pod["spec"]["dnsPolicy"]) == (
        "nginx", "nginx", "Always", "ClusterFirst")
    pg.advance(30)
    assert pg.cluster.get("Pod", "default", "nginx")["status"]["phase"] == "Running"


def test_dry_run_client_yaml_is_byte_for_byte_kubectls(pg):
    """The exact YAML kubectl 1.33 prints for ``run nginx --image=nginx --dry-run=client -o yaml``."""
    assert run(pg, "kubectl run nginx --image=nginx --dry-run=client -o yaml") == ("""\
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
""", "", 0)
    assert pg.cluster.get("Pod", "default", "nginx") is None


def test_dry_run_with_every_pod_flag(pg):
    """--port, --env, --labels, --restart and --command with arguments after ``--``, as the real client."""
    out, err, code = run(pg, "kubectl run nginx --image=nginx --port=80 --env=A=b --env=C=d "
                             "--labels=app=web,tier=fe --restart=Never --command --dry-run=client -o yaml "
                             "-- sh -c 'echo hi'")
    assert (err, code) == ("", 0)
    assert out == """\
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    app: web
    tier: fe
  name: nginx
spec:
  containers:
  - command:
    - sh
    - -c
    - echo hi
    env:
    - name: A
      value: b
    - name: C
      value: d
    image: nginx
    name: nginx
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
"""


def test_dry_run_json_keeps_the_typed_field_order(pg):
    """-o json of the generated pod is in corev1.Pod's field order (kind first), not sorted."""
    out, _, _ = run(pg, "kubectl run nginx --image=nginx --dry-run=client -o json")
    assert out == """\
{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "nginx",
        "creationTimestamp": null,
        "labels": {
            "run": "nginx"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "nginx",
                "image": "nginx",
                "resources": {}
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
"""


def test_args_after_dash_dash_are_args_unless_command(pg):
    """Without --command the words after ``--`` become the container's args."""
    run(pg, "kubectl run bb --image=busybox -- sleep 3600")
    c = pg.cluster.get("Pod", "default", "bb")["spec"]["containers"][0]
    assert c["args"] == ["sleep", "3600"] and "command" not in c


def test_dry_run_messages_and_namespace(pg):
    """-n puts the namespace in a client dry run; the line says ``(dry run)``/``(server dry run)``."""
    assert run(pg, "kubectl run x --image=nginx --dry-run=client") == ("pod/x created (dry run)\n", "", 0)
    assert run(pg, "kubectl run x --image=nginx --dry-run=server") == ("pod/x created (server dry run)\n", "", 0)
    out, _, _ = run(pg, "kubectl run x --image=nginx --dry-run=client -n kube-system -o yaml")
    assert "  name: x\n  namespace: kube-system\n" in out
    assert pg.cluster.get("Pod", "default", "x") is None


def test_namespace_flag_creates_there(pg):
    """-n kube-system creates the pod in that namespace."""
    assert run(pg, "kubectl run x --image=nginx -n kube-system") == ("pod/x created\n", "", 0)
    assert pg.cluster.get("Pod", "kube-system", "x") is not None


def test_already_exists(pg):
    """A second run of the same name is the server's AlreadyExists, without a file name."""
    run(pg, "kubectl run nginx --image=nginx")
    assert run(pg, "kubectl run nginx --image=nginx") == (
        "", 'Error from server (AlreadyExists): pods "nginx" already exists\n', 1)


def test_invalid_name_is_the_servers_invalid_error(pg):
    """An upper-case name passes kubectl and is refused by the server's validation."""
    out, err, code = run(pg, "kubectl run Bad_Name --image=nginx")
    assert (out, code) == ("", 1)
    assert err.startswith('The Pod "Bad_Name" is invalid: \n* metadata.name: Invalid value: "Bad_Name": '
                          "a lowercase RFC 1123 subdomain must consist of")


@pytest.mark.parametrize(("line", "err"), [
    ("kubectl run nginx", 'error: required flag(s) "image" not set\n'),
    ("kubectl run --image=nginx", "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n"),
    ("kubectl run nginx --image=", "error: --image is required\n"),
    ("kubectl run nginx --image=NGINX", 'error: Invalid image name "NGINX": invalid reference format\n'),
    ("kubectl run nginx --image=nginx --restart=no",
     "error: invalid restart policy: no\nSee 'kubectl run -h' for help and examples\n"),
    ("kubectl run nginx --image=nginx --image-pull-policy=x",
     "error: invalid image pull policy: x\nSee 'kubectl run -h' for help and examples\n"),
    ("kubectl run nginx --image=nginx --port=abc", 'error: strconv.Atoi: parsing "abc": invalid syntax\n'),
    ("kubectl run nginx --image=nginx -t",
     "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n"),
    ("kubectl run nginx --image=nginx --rm",
     "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"),
    ("kubectl run nginx --image=nginx --env=FOO", "error: invalid env: FOO\n"),
    ("kubectl run nginx --image=nginx --labels=a", "error: unexpected label spec: a\n"),
    ("kubectl run nginx --image=nginx --annotations=a", "error: invalid annotations format: a\n"),
    ("kubectl run x --image=nginx --labels=a --env=b", "error: invalid env: b\n"),
    ("kubectl run x --image=nginx --pod-running-timeout=0s",
     "error: --pod-running-timeout must be higher than zero\nSee 'kubectl run -h' for help and examples\n"),
    ("kubectl run x --image=nginx -i --dry-run=client",
     "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or "
     "--tty)\nSee 'kubectl run -h' for help and examples\n"),
    ("kubectl run x --image=nginx --dry-run=bogus",
     'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n'),
    ("kubectl run x --image=nginx --overrides=bad --dry-run=client", "error: Invalid JSON Patch\n"),
])
def test_flag_errors(pg, line, err):
    """Each wrong invocation gives the real client's message (checked against kubectl 1.33)."""
    assert run(pg, line) == ("", err, 1)


def test_save_config_stores_the_typed_objects_json(pg):
    """--save-config: the annotation is the pod's own JSON in struct order, without a namespace."""
    run(pg, "kubectl run sc --image=nginx --save-config")
    ann = pg.cluster.get("Pod", "default", "sc")["metadata"]["annotations"][LAST_APPLIED]
    assert ann == ('{"kind":"Pod","apiVersion":"v1","metadata":{"name":"sc","creationTimestamp":null,"labels":'
                   '{"run":"sc"}},"spec":{"containers":[{"name":"sc","image":"nginx","resources":{}}],'
                   '"restartPolicy":"Always","dnsPolicy":"ClusterFirst"},"status":{}}\n')


def test_overrides_merge_into_the_pod(pg):
    """--overrides is a JSON merge patch on the generated pod."""
    out, _, _ = run(pg, """kubectl run x --image=nginx --overrides='{"spec":{"nodeName":"kubesphere03"}}' """
                        "--dry-run=client -o json")
    assert json.loads(out)["spec"]["nodeName"] == "kubesphere03"


def test_rm_it_shows_the_output_and_deletes_the_pod(pg):
    """run -it --rm --restart=Never: the command's output, then ``pod "x" deleted``; the pod is gone."""
    out, err, code = run(pg, "kubectl run -it --rm bb --image=busybox --restart=Never -- echo hello")
    assert (out, code) == ('hello\npod "bb" deleted\n', 0)
    assert err in ("", "If you don't see a command prompt, try pressing enter.\n")
    assert pg.cluster.get("Pod", "default", "bb") is None


def test_attached_never_returns_the_containers_exit_code(pg):
    """--restart=Never with -i: kubectl exits with the container's code and says how it terminated."""
    out, err, code = run(pg, """kubectl run -i bb --image=busybox --restart=Never -- sh -c 'echo hi; exit 3'""")
    assert (out, code) == ("hi\n", 3)
    assert err.endswith("pod default/bb terminated (Error)\n")


def test_interactive_shell_cannot_be_attached(pg):
    """-it with a bare shell would wait for keystrokes: kubectl says it cannot send them, and --rm cleans up."""
    out, err, code = run(pg, "kubectl run -it --rm shell --image=busybox -- sh")
    assert (out, code) == ('pod "shell" deleted\n', 1)
    assert err.startswith("If you don't see a command prompt, try pressing enter.\n"
                          "error: this playground cannot send what you type to a container")


def test_help_layout(pg):
    """``run --help`` starts with the long text and ends with the usage line and the options hint."""
    out, _, code = run(pg, "kubectl run --help")
    assert code == 0
    assert out.startswith("Create and run a particular image in a pod.\n\nExamples:\n  # Start a nginx pod\n")
    assert out.endswith('Usage:\n  kubectl run NAME --image=image [--env="key=value"] [--port=port] '
                        "[--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] "
                        '[options]\n\nUse "kubectl options" for a list of global command-line options (applies '
                        "to all commands).\n")
    assert "    --pod-running-timeout=1m0s:\n\tThe length of time (like 5s, 2m, or 3h, higher than zero)" in out
