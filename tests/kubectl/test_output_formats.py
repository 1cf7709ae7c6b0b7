"""-o yaml, -o json, -o custom-columns and --sort-by, compared with real kubectl v1.33 output."""

from __future__ import annotations

import pytest

from cluster_core.kubectl.printers import (
    PrinterError,
    as_list,
    custom_columns,
    name_line,
    relaxed_jsonpath,
    sort_objects,
    to_json,
    to_yaml,
    yaml_documents,
)
from cluster_core.kubectl.printers.custom_columns import natural_less


def nginx_manual() -> dict:
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {
            "name": "nginx-manual", "namespace": "default", "uid": "8f0d3c1e-1111-4a2b-9c3d-000000000001",
            "resourceVersion": "1042", "creationTimestamp": "2026-01-01T00:00:05Z",
            "labels": {"rel": "beta", "creation_method": "manual", "app.kubernetes.io/name": "web",
                       "tier9": "a", "tier10": "b"},
            "annotations": {
                "kubernetes.io/limit-ranger": "LimitRanger plugin set: cpu, memory request for container nginx; "
                                              "cpu, memory limit for container nginx",
                "cni.projectcalico.org/podIP": "10.20.177.117/32"}},
        "spec": {"containers": [{"name": "nginx", "image": "nginx:1.9.1",
                                 "ports": [{"containerPort": 80, "protocol": "TCP"}], "resources": {},
                                 "command": ["sh", "-c", "echo 'hello <world>' && sleep 3600\n"]}],
                 "nodeSelector": {"gpu": "true"}, "restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
                 "tolerations": []},
        "status": {"phase": "Running", "podIP": "10.20.177.117",
                   "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": None}]},
    }


def test_yaml_of_a_pod_matches_kubectl():
    """Sorted keys (go-yaml order: tier9 before tier10), quoted timestamps and "true", folded
    single-quoted annotation, `|` block, `{}` and `[]`, indentless lists."""
    assert to_yaml(nginx_manual()) == """\
apiVersion: v1
kind: Pod
metadata:
  annotations:
    cni.projectcalico.org/podIP: 10.20.177.117/32
    kubernetes.io/limit-ranger: 'LimitRanger plugin set: cpu, memory request for container
      nginx; cpu, memory limit for container nginx'
  creationTimestamp: "2026-01-01T00:00:05Z"
  labels:
    app.kubernetes.io/name: web
    creation_method: manual
    rel: beta
    tier9: a
    tier10: b
  name: nginx-manual
  namespace: default
  resourceVersion: "1042"
  uid: 8f0d3c1e-1111-4a2b-9c3d-000000000001
spec:
  containers:
  - command:
    - sh
    - -c
    - |
      echo 'hello <world>' && sleep 3600
    image: nginx:1.9.1
    name: nginx
    ports:
    - containerPort: 80
      protocol: TCP
    resources: {}
  nodeSelector:
    gpu: "true"
  restartPolicy: Always
  terminationGracePeriodSeconds: 30
  tolerations: []
status:
  conditions:
  - lastProbeTime: null
    status: "True"
    type: Ready
  phase: Running
  podIP: 10.20.177.117
"""


def test_json_of_a_pod_matches_kubectl():
    """4-space indent, keys sorted byte-wise (tier10 before tier9), <, > and & escaped, null kept."""
    assert to_json(nginx_manual()) == r"""{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "annotations": {
            "cni.projectcalico.org/podIP": "10.20.177.117/32",
            "kubernetes.io/limit-ranger": "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx"
        },
        "creationTimestamp": "2026-01-01T00:00:05Z",
        "labels": {
            "app.kubernetes.io/name": "web",
            "creation_method": "manual",
            "rel": "beta",
            "tier10": "b",
            "tier9": "a"
        },
        "name": "nginx-manual",
        "namespace": "default",
        "resourceVersion": "1042",
        "uid": "8f0d3c1e-1111-4a2b-9c3d-000000000001"
    },
    "spec": {
        "containers": [
            {
                "command": [
                    "sh",
                    "-c",
                    "echo 'hello \u003cworld\u003e' \u0026\u0026 sleep 3600\n"
                ],
                "image": "nginx:1.9.1",
                "name": "nginx",
                "ports": [
                    {
                        "containerPort": 80,
                        "protocol": "TCP"
                    }
                ],
                "resources": {}
            }
        ],
        "nodeSelector": {
            "gpu": "true"
        },
        "restartPolicy": "Always",
        "terminationGracePeriodSeconds": 30,
        "tolerations": []
    },
    "status": {
        "conditions": [
            {
                "lastProbeTime": null,
                "status": "True",
                "type": "Ready"
            }
        ],
        "phase": "Running",
        "podIP": "10.20.177.117"
    }
}
"""


def test_list_yaml_and_json():
    """Several objects print as a v1 List with an empty resourceVersion."""
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}
    assert to_yaml(as_list([pod])) == """\
apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: a
kind: List
metadata:
  resourceVersion: ""
"""
    assert to_json(as_list([])) == """\
{
    "apiVersion": "v1",
    "items": [],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
"""


def test_yaml_documents_are_separated_like_create_dry_run():
    """`kubectl create -f multi.yaml --dry-run=client -o yaml` puts `---` between objects."""
    objs = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}},
            {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}}]
    assert yaml_documents(objs) == """\
apiVersion: v1
kind: Pod
metadata:
  name: a
---
apiVersion: batch/v1
kind: Job
metadata:
  name: j
"""
    assert [name_line(o) for o in objs] == ["pod/a", "job.batch/j"]


# Each row was printed by kubectl v1.33 for an annotation with that value.
YAML_SCALARS = [
    ("true", 'v: "true"'), ("yes", 'v: "yes"'), ("Off", 'v: "Off"'), ("Y", 'v: "Y"'), ("~", 'v: "~"'),
    ("null", 'v: "null"'), ("", 'v: ""'), ("123", 'v: "123"'), ("0", 'v: "0"'), ("-1", 'v: "-1"'),
    ("+1", 'v: "+1"'), ("08", 'v: "08"'), ("0x1F", 'v: "0x1F"'), ("0o17", 'v: "0o17"'), ("1_000", 'v: "1_000"'),
    ("1e3", 'v: "1e3"'), ("12e3", 'v: "12e3"'), ("1.0e+3", 'v: "1.0e+3"'), (".5", 'v: ".5"'), ("1.", 'v: "1."'),
    ("10:30", 'v: "10:30"'), ("2026-01-01", 'v: "2026-01-01"'), ("2026-1-2", 'v: "2026-1-2"'),
    ("2026-01-01T00:00:05.5+01:00", 'v: "2026-01-01T00:00:05.5+01:00"'),
    ("99999999999999999999999", 'v: "99999999999999999999999"'),
    ("1.5e", "v: 1.5e"), ("=", "v: ="), ("<<", "v: <<"), ("a:b", "v: a:b"), ("x,y", "v: x,y"),
    ("<none> & stuff", "v: <none> & stuff"), ("ünï", "v: ünï"), ("10.20.177.117/32", "v: 10.20.177.117/32"),
    ("-", "v: '-'"), ("- x", "v: '- x'"), ("x:", "v: 'x:'"), ("a: b", "v: 'a: b'"), ("x #y", "v: 'x #y'"),
    ("#c", "v: '#c'"), ("@x", "v: '@x'"), ("%x", "v: '%x'"), ("*x", "v: '*x'"), ("!x", "v: '!x'"),
    ("&x", "v: '&x'"), ("`x", "v: '`x'"), ("[x]", "v: '[x]'"), ("{x}", "v: '{x}'"), (" lead", "v: ' lead'"),
    ("trail ", "v: 'trail '"), ("'q'", "v: '''q'''"), ('"dq"', "v: '\"dq\"'"), ("tab\there", 'v: "tab\\there"'),
    ("bell\a", 'v: "bell\\a"'), ("trail \nx", 'v: "trail \\nx"'),
]


@pytest.mark.parametrize(("value", "line"), YAML_SCALARS)
def test_yaml_string_quoting_matches_go_yaml(value, line):
    """Double quotes when go-yaml would read the text back as a non-string, single quotes when a
    plain scalar is impossible, plain otherwise."""
    assert to_yaml({"v": value}) == line + "\n"


def test_yaml_block_scalars_and_keys():
    """`|`, `|-`, `|+` and `|2-` blocks; keys that read as booleans (`n`, `y`) are quoted too."""
    doc = {"multi": "line1\nline2\n", "multi2": "line1\nline2", "multi3": "  indented\nx", "multi5": "a\n\n",
           "n": "x", "y": 1}
    assert to_yaml(doc) == """\
multi: |
  line1
  line2
multi2: |-
  line1
  line2
multi3: |2-
    indented
  x
multi5: |+
  a

"n": x
"y": 1
"""


def test_yaml_numbers_and_nesting():
    """Whole floats print as ints, others as Go does; nested lists stay indentless."""
    doc = {"big": 1234567.0, "f": 1.5, "fl": 1e21, "g": 2.0, "neg": -3, "t": True, "n": None,
           "nested": [[1, 2], {"a": [{}]}]}
    assert to_yaml(doc) == """\
big: 1234567
f: 1.5
fl: 1e+21
g: 2
"n": null
neg: -3
nested:
- - 1
  - 2
- a:
  - {}
t: true
"""


def test_yaml_key_order_is_go_yamls():
    """Digit runs compare as numbers and non-letters sort before letters (kubectl -o yaml labels)."""
    keys = ["z/1", "item10", "a01", "app", "_x", "creationTimestamp", "A", "a00b", "creation_method",
            "item9", "a1b", "z-1", "a0b", "a1", "z.1"]
    assert [line.split(":")[0] for line in to_yaml(dict.fromkeys(keys, "v")).splitlines()] == [
        "_x", "A", "a00b", "a0b", "a1", "a1b", "a01", "app", "creation_method", "creationTimestamp",
        "item9", "item10", "z-1", "z.1", "z/1"]


def test_long_plain_list_item_folds_at_80_columns():
    """Long plain scalars wrap at a space past column 80, like go-yaml."""
    doc = {"command": ["sh", "-c", "echo this is a very long command line that goes on and on and on past "
                                    "eighty columns of text for sure"]}
    assert to_yaml(doc) == """\
command:
- sh
- -c
- echo this is a very long command line that goes on and on and on past eighty columns
  of text for sure
"""


def test_json_numbers_and_escapes():
    """Go's encoding: whole floats without a dot, exponents from 1e21, U+2028 escaped."""
    assert to_json({"a": 2.0, "b": 1e21, "c": 1e20, "d": 0.0000001, "e": "x\u2028y"}) == r"""{
    "a": 2,
    "b": 1e+21,
    "c": 100000000000000000000,
    "d": 1e-7,
    "e": "x\u2028y"
}
"""


# --- custom-columns and --sort-by ---

def pods() -> list[dict]:
    return [
        {"kind": "Pod", "metadata": {"name": "b-pod", "creationTimestamp": "2026-01-01T00:00:05Z",
                                     "labels": {"app": "nginx", "app.kubernetes.io/name": "web"}},
         "spec": {"containers": [{"name": "nginx", "image": "nginx:1.9.1"}, {"name": "side", "image": "busybox"}]},
         "status": {"phase": "Running", "n": None, "f": 1.5, "t": True}},
        {"kind": "Pod", "metadata": {"name": "a-pod", "creationTimestamp": "2026-01-01T00:00:09Z",
                                     "labels": {"app": "db"}},
         "spec": {"containers": [{"name": "db", "image": "mysql:5.7"}]},
         "status": {"phase": "Pending", "restarts": 10}},
    ]


def test_custom_columns():
    """Several values joined with commas, maps in Go's fmt form."""
    spec = "NAME:.metadata.name,PHASE:.status.phase,IMAGES:.spec.containers[*].image,LBL:.metadata.labels"
    assert custom_columns(spec, pods()) == """\
NAME    PHASE     IMAGES                LBL
b-pod   Running   nginx:1.9.1,busybox   map[app:nginx app.kubernetes.io/name:web]
a-pod   Pending   mysql:5.7             map[app:db]
"""


def test_custom_columns_missing_null_and_relaxed_paths():
    """Missing fields print <none>, null prints <nil>; `{.x}`, `.x` and `x` all work."""
    spec = "name:metadata.name,P:{.status.phase},N:.status.n,F:.status.f,T:.status.t,R:.status.restarts"
    assert custom_columns(spec, pods()) == """\
name    P         N        F        T        R
b-pod   Running   <nil>    1.5      true     <none>
a-pod   Pending   <none>   <none>   <none>   10
"""
    assert custom_columns("NAME:.metadata.name", pods(), no_headers=True) == "b-pod\na-pod\n"


@pytest.mark.parametrize(("spec", "message", "output"), [
    ("", "custom-columns format specified but no custom columns given", ""),
    ("NAME", "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>", ""),
    ("NAME:.metadata.name,I:.spec.containers[5].image", "array index out of bounds: index 5, length 2", "NAME   I\n"),
    ("N:.metadata.name,X:.items[", "unterminated array", "N     X\n"),
])
def test_custom_columns_errors(spec, message, output):
    """kubectl's messages; the header is already printed when a column path fails."""
    with pytest.raises(PrinterError) as e:
        custom_columns(spec, pods())
    assert (e.value.message, e.value.output) == (message, output)


def test_relaxed_jsonpath():
    """The four accepted spellings of a path become `{.metadata.name}`."""
    for expr in ("metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"):
        assert relaxed_jsonpath(expr) == "{.metadata.name}"


def names(objs: list[dict]) -> list[str]:
    return [o["metadata"]["name"] for o in objs]


def test_sort_by_strings_numbers_and_timestamps():
    """Strings sort naturally, numbers numerically; objects without the field come first."""
    assert names(sort_objects(pods(), ".metadata.name")) == ["a-pod", "b-pod"]
    assert names(sort_objects(pods(), "{.metadata.creationTimestamp}")) == ["b-pod", "a-pod"]
    assert names(sort_objects(pods(), ".status.restarts")) == ["b-pod", "a-pod"]
    items = [{"metadata": {"name": n}, "v": v} for n, v in (("x", 10), ("y", 9), ("z", 100))]
    assert names(sort_objects(items, ".v")) == ["y", "x", "z"]


def test_natural_and_quantity_order():
    """pod-10 sorts after pod-9; strings that are quantities compare by value (500m < 1)."""
    items = [{"metadata": {"name": n}} for n in ("pod-10", "pod-9", "pod-1")]
    assert names(sort_objects(items, ".metadata.name")) == ["pod-1", "pod-9", "pod-10"]
    cpu = [{"metadata": {"name": n}, "cpu": c} for n, c in (("a", "1"), ("b", "500m"), ("c", "2Gi"))]
    assert names(sort_objects(cpu, ".cpu")) == ["b", "a", "c"]
    assert natural_less("a01", "a1") is False and natural_less("a1", "a01") is True


def test_sort_by_errors():
    """kubectl's messages for a field no object has and for maps; the latter is a klog fatal."""
    with pytest.raises(PrinterError) as e:
        sort_objects(pods(), ".status.nothing")
    assert e.value.message == 'couldn\'t find any field with path "{.status.nothing}" in the list of objects'
    with pytest.raises(PrinterError) as e:
        sort_objects(pods(), ".metadata")
    assert e.value.fatal
    assert e.value.message == ("Field {.metadata} in *unstructured.Unstructured is an unsortable type: "
                               "interface, err: unsortable type: map[string]interface {}")


def test_table_sort_skips_single_rows():
    """The table printer does not sort (or check) fewer than two rows."""
    one = pods()[:1]
    assert sort_objects(one, ".status.nothing", table=True) == one
    with pytest.raises(PrinterError):
        sort_objects(one, ".status.nothing")


def test_sort_of_many_objects_follows_gos_unstable_sort():
    """With more than 12 objects Go's pdqsort decides the order of equal keys and of objects
    without the field; this order is what kubectl v1.33 printed for the same 40 pods."""
    items = [{"metadata": {"name": f"p{i:02d}"}, "status": {} if (i * 7) % 4 == 0 else {"v": (i * 7) % 4}}
             for i in range(40)]
    assert names(sort_objects(items, ".status.v")) == [
        "p12", "p08", "p28", "p32", "p20", "p04", "p16", "p36", "p24", "p00", "p35", "p11", "p31", "p07",
        "p27", "p15", "p03", "p39", "p23", "p19", "p10", "p30", "p22", "p18", "p38", "p02", "p26", "p14",
        "p34", "p06", "p29", "p09", "p21", "p33", "p13", "p05", "p25", "p37", "p17", "p01"]


def test_sort_of_few_objects_is_an_insertion_sort():
    """Up to 12 objects Go uses insertion sort: objects without the field end up reversed."""
    items = [{"metadata": {"name": n}, **({"v": v} if v else {})} for n, v in (("a", 0), ("b", 2), ("c", 0), ("d", 1))]
    assert names(sort_objects(items, ".v")) == ["c", "a", "d", "b"]
