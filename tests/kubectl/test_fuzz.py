"""Nothing typed can break the terminal: random lines and random manifests get an error and an exit code.

Every failure must be kubectl's or bash's own words, never a Python exception leaking out
(``internal error``, ``Traceback``, ``Error:`` from a bug), and a command that fails must not
change the cluster.
"""

from __future__ import annotations

import functools
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cluster_core import Playground
from tests.tutorial_script import NGINX_MANUAL, NGINX_REPLICASET, NOW

VERBS = ["get", "describe", "create", "apply", "delete", "replace", "run", "label", "annotate", "scale",
         "wait", "logs", "exec", "explain", "config", "version", "api-resources", "cluster-info", "edit",
         "port-forward", "events", "foo", ""]
WORDS = ["pods", "pod", "po", "rs", "replicaset", "ds", "jobs", "ns", "nodes", "no", "ev", "all", "pods,rs",
         "pod/nginx-manual", "nginx-manual", "kubesphere02", "default", "kube-system", "x", "-", "--", "a=b",
         "a-", "rel=stable", "'!rel'", "'rel in (a,b)'", "--overwrite", "-l", "app=nginx", "-n", "-A", "-o",
         "yaml", "json", "wide", "name", "jsonpath={.items[*].metadata.name}", "jsonpath={.a", "-f",
         "nginx-manual.yaml", "rs.yaml", "bad.yaml", "--all", "--force", "--grace-period=0", "--replicas=3",
         "--replicas=x", "--image=nginx", "--for=condition=Ready", "--timeout=1s", "-w", "--watch=x",
         "--show-labels", "-L", "rel", "--sort-by=.metadata.name", "--sort-by={.x", "-c", "nginx", "--tail=2",
         "8080:80", ":80", "--", "hostname", "-h", "--help", "--dry-run=client", "--dry-run=foo", "set-context",
         "--current", "--namespace=user-test", "view", "pod.spec", "pods.spec.containers", "--recursive",
         "\"unclosed", "$HOME", "`x`", "&&", "||", "|", ";", ">", "out.txt", "<", "<<EOF"]
SHELL = ["ls", "cat", "echo", "grep", "wc -l", "head -1", "awk '{print $1}'", "sort", "cd /", "rm -rf ~",
         "export A=1", "alias k=kubectl", "sleep 1", "curl http://127.0.0.1:8080", "jobs", "kill %1", "fg",
         "history", "sed -i s/a/b/ x"]

LINES = st.one_of(
    st.builds(lambda v, ws: " ".join(["kubectl", v, *ws]), st.sampled_from(VERBS),
              st.lists(st.sampled_from(WORDS), max_size=6)),
    st.builds(lambda a, ws: " ".join([a, *ws]), st.sampled_from(SHELL), st.lists(st.sampled_from(WORDS), max_size=3)),
    st.text(max_size=60),
)

BAD_TEXT = ["internal error", "Traceback", "Error: ", "object has no attribute", "NoneType", "KeyError",
            "TypeError", "IndexError", "ValueError"]


def _playground() -> Playground:
    pg = Playground.new(seed=0, now=NOW)
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    pg.write_file("rs.yaml", NGINX_REPLICASET)
    pg.write_file("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n name: x\n  foo: 1\n")
    pg.execute("kubectl create -f nginx-manual.yaml")
    pg.advance(20)
    return pg


@functools.cache
def _base_state() -> str:
    return json.dumps(_playground().to_state())


def _fresh() -> Playground:
    return Playground.from_state(json.loads(_base_state()))


# kubectl's own words that happen to contain "Error: " (cobra's plugin-name error).
KUBECTL_TEXTS = ("Error: flags cannot be placed before plugin name",)


def _check(result) -> None:
    assert isinstance(result.exit_code, int)
    assert isinstance(result.output, str)
    output = result.output
    for text in KUBECTL_TEXTS:
        output = output.replace(text, "")
    for bad in BAD_TEXT:
        assert bad not in output, result.output


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINES, min_size=1, max_size=3))
def test_random_lines_never_break_the_terminal(lines: list[str]) -> None:
    """Any input: an answer and an exit code, never an exception."""
    pg = _fresh()
    for line in lines:
        _check(pg.execute(line))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.builds(lambda v, ws: " ".join(["kubectl", v, *ws]),
                      st.sampled_from(["get", "describe", "logs", "explain", "version", "api-resources"]),
                      st.lists(st.sampled_from(WORDS), max_size=5)))
def test_read_only_verbs_change_nothing(line: str) -> None:
    """Reading the cluster, with any flags, leaves every object as it was."""
    pg = _fresh()
    if "-w" in line.split() or "--watch" in line:
        return  # a watch lets simulated time pass on a manual clock
    before = pg.to_state()["server"]["objects"]
    _check(pg.execute(line))
    assert pg.to_state()["server"]["objects"] == before


JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=False),
              st.text(max_size=12)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["apiVersion", "kind", "metadata", "name", "spec",
                                                                "containers", "image", "labels", "replicas",
                                                                "selector", "matchLabels", "template", "x"]),
                                               children, max_size=5)),
    max_leaves=25)

MANIFESTS = st.one_of(
    st.builds(lambda d: yaml.safe_dump(d), JSONISH),
    st.builds(lambda d: yaml.safe_dump({"apiVersion": "v1", "kind": "Pod", **(d if isinstance(d, dict) else {})}),
              JSONISH),
    st.builds(lambda spec: yaml.safe_dump({"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                           "metadata": {"name": "r"}, "spec": spec}), JSONISH),
    st.text(max_size=200),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MANIFESTS, verb=st.sampled_from(["create", "apply", "replace", "delete"]))
def test_random_manifests_get_an_error_or_work(text: str, verb: str) -> None:
    """Random YAML: kubectl's error and a non-zero exit, or a valid object created; never a crash."""
    pg = _fresh()
    pg.write_file("fuzz.yaml", text)
    before = pg.to_state()["server"]["objects"]
    r = pg.execute(f"kubectl {verb} -f fuzz.yaml")
    _check(r)
    if r.exit_code != 0 and verb in ("create", "replace") and r.stdout == "":
        assert pg.to_state()["server"]["objects"] == before


def test_yaml_alias_bomb_is_refused() -> None:
    """A billion-laughs manifest is refused before it is expanded."""
    pg = Playground.new(seed=0, now=NOW)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    pg.write_file("bomb.yaml", bomb)
    r = pg.execute("kubectl create -f bomb.yaml")
    assert r.exit_code == 1
    assert "excessive aliasing" in r.stderr


def test_manifest_over_one_mebibyte_is_refused() -> None:
    """Manifests are capped at 1 MiB with a clear message."""
    pg = Playground.new(seed=0, now=NOW)
    big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: " + "a" * (1024 * 1024) + "\n"
    pg.write_file("big.yaml", big[: 1024 * 1024 - 1])
    r = pg.execute("kubectl create -f big.yaml")
    assert r.exit_code != 0
