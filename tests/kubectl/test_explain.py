"""``kubectl explain`` as kubectl v1.33 prints it with its default plaintext (OpenAPI v3) template.

The expected texts are what the real kubectl 1.33.1 binary printed when pointed at a server
serving these same kubernetes-validate schemas as its OpenAPI v3 document.
"""

from __future__ import annotations

import time

import pytest

from cluster_core.kubectl import explain as ex

POD_HEAD = (
    "KIND:       Pod\n"
    "VERSION:    v1\n"
    "\n"
    "DESCRIPTION:\n"
    "    Pod is a collection of containers that can run on a host. This resource is\n"
    "    created by clients and scheduled onto hosts.\n"
    "    \n"
    "FIELDS:\n"
    "  apiVersion\t<string>\n"
    "    APIVersion defines the versioned schema of this representation of an object.\n"
    "    Servers should convert recognized schemas to the latest internal value, and\n"
    "    may reject unrecognized values. More info:\n"
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources\n"
    "\n"
    "  kind\t<string>\n"
    "    Kind is a string value representing the REST resource this object\n"
    "    represents. Servers may infer this from the endpoint the client submits\n"
    "    requests to. Cannot be updated. In CamelCase. More info:\n"
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds\n"
    "\n"
    "  metadata\t<ObjectMeta>\n"
    "    Standard object's metadata. More info:\n"
)

POD_TAIL = (
    "  status\t<PodStatus>\n"
    "    Most recently observed status of the pod. This data may not be up to date.\n"
    "    Populated by the system. Read-only. More info:\n"
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n"
    "\n"
    "\n"
)

POD_SPEC_HEAD = (
    "KIND:       Pod\n"
    "VERSION:    v1\n"
    "\n"
    "FIELD: spec <PodSpec>\n"
    "\n"
    "\n"
    "DESCRIPTION:\n"
    "    Specification of the desired behavior of the pod. More info:\n"
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n"
    "    PodSpec is a description of a pod.\n"
    "    \n"
    "FIELDS:\n"
    "  activeDeadlineSeconds\t<integer>\n"
    "    Optional duration in seconds the pod may be active on the node relative to\n"
    "    StartTime before the system will actively try to mark it failed and kill\n"
    "    associated containers. Value must be a positive integer.\n"
    "\n"
    "  affinity\t<Affinity>\n"
    "    If specified, the pod's scheduling constraints\n"
    "\n"
    "  automountServiceAccountToken\t<boolean>\n"
    "    AutomountServiceAccountToken indicates whether a service account token\n"
    "    should be automatically mounted.\n"
    "\n"
    "  containers\t<[]Container> -required-\n"
)

CONTAINER_NAME = (
    "KIND:       Pod\n"
    "VERSION:    v1\n"
    "\n"
    "FIELD: name <string>\n"
    "\n"
    "\n"
    "DESCRIPTION:\n"
    "    Name of the container specified as a DNS_LABEL. Each container in a pod must\n"
    "    have a unique name (DNS_LABEL). Cannot be updated.\n"
    "    \n"
    "\n"
)

CREATION_TIMESTAMP = (
    "KIND:       Pod\n"
    "VERSION:    v1\n"
    "\n"
    "FIELD: creationTimestamp <string>\n"
    "\n"
    "\n"
    "DESCRIPTION:\n"
    "    CreationTimestamp is a timestamp representing the server time when this\n"
    "    object was created. It is not guaranteed to be set in happens-before order\n"
    "    across separate operations. Clients may not set this value. It is\n"
    "    represented in RFC3339 form and is in UTC.\n"
    "    \n"
    "    Populated by the system. Read-only. Null for lists. More info:\n"
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata\n"
    "    Time is a wrapper around time.Time which supports correct marshaling to YAML\n"
    "    and JSON.  Wrappers are provided for many of the factory methods that the\n"
    "    time package offers.\n"
    "    \n"
    "\n"
)

HTTPGET_RECURSIVE = (
    "KIND:       Pod\n"
    "VERSION:    v1\n"
    "\n"
    "FIELD: httpGet <HTTPGetAction>\n"
    "\n"
    "\n"
    "DESCRIPTION:\n"
    "    HTTPGet specifies an HTTP GET request to perform.\n"
    "    HTTPGetAction describes an action based on HTTP Get requests.\n"
    "    \n"
    "FIELDS:\n"
    "  host\t<string>\n"
    "  httpHeaders\t<[]HTTPHeader>\n"
    "    name\t<string> -required-\n"
    "    value\t<string> -required-\n"
    "  path\t<string>\n"
    "  port\t<IntOrString> -required-\n"
    "  scheme\t<string>\n"
    "\n"
)

RS_REPLICAS = (
    "GROUP:      apps\n"
    "KIND:       ReplicaSet\n"
    "VERSION:    v1\n"
    "\n"
    "FIELD: replicas <integer>\n"
    "\n"
    "\n"
    "DESCRIPTION:\n"
    "    Replicas is the number of desired pods. This is a pointer to distinguish\n"
    "    between explicit zero and unspecified. Defaults to 1. More info:\n"
    "    https://kubernetes.io/docs/concepts/workloads/controllers/replicaset\n"
    "    \n"
    "\n"
)


@pytest.mark.parametrize("arg", ["pods", "pod", "po", "Pod", "pods."])
def test_explain_pods_head_and_tail(arg):
    """Resource level: DESCRIPTION, the line of four spaces, then each field with its wrapped text."""
    out, err, code = ex.explain(arg, [])
    assert (err, code) == ("", 0)
    assert out.startswith(POD_HEAD)
    assert out.endswith(POD_TAIL)


@pytest.mark.parametrize("arg, path", [("pod.spec", []), ("pods", ["spec"]), ("PODS.spec", [])])
def test_explain_pod_spec_head(arg, path):
    """A field: FIELD line, two blank lines (the empty ENUM slot), both descriptions, -required-."""
    out, err, code = ex.explain(arg, path)
    assert (err, code) == ("", 0)
    assert out.startswith(POD_SPEC_HEAD)


def test_explain_leaf_field():
    """A leaf has a DESCRIPTION and no FIELDS."""
    assert ex.explain("pods.spec.containers.name", []) == (CONTAINER_NAME, "", 0)
    assert ex.explain("pods", ["spec", "containers", "name"]) == (CONTAINER_NAME, "", 0)


def test_description_keeps_line_breaks_and_wraps_at_76():
    """v1.33 keeps a description's own newlines (blank line included) and wraps each line at 76."""
    assert ex.explain("pods.metadata.creationTimestamp", []) == (CREATION_TIMESTAMP, "", 0)


def test_group_line_only_for_named_groups():
    """``GROUP:`` appears for apps, batch...; resources resolve by short name."""
    assert ex.explain("rs.spec.replicas", []) == (RS_REPLICAS, "", 0)
    assert ex.explain("replicasets.apps.spec.replicas", []) == (RS_REPLICAS, "", 0)
    out, _, _ = ex.explain("jobs", [])
    assert out.startswith("GROUP:      batch\nKIND:       Job\nVERSION:    v1\n\nDESCRIPTION:\n")


def test_recursive_lists_fields_without_descriptions():
    """--recursive: one line per field, nested fields indented two more spaces."""
    assert ex.explain("pods.spec.containers.livenessProbe.httpGet", [], recursive=True) == (HTTPGET_RECURSIVE, "", 0)


def test_recursive_pods_size():
    """The whole Pod tree, as kubectl prints it (1300 lines for the v1.33 schema)."""
    out, _, _ = ex.explain("pods", [], recursive=True)
    assert len(out.splitlines()) == 1300
    assert "\n  spec\t<PodSpec>\n    activeDeadlineSeconds\t<integer>\n" in out


@pytest.mark.parametrize("arg, path, stdout, stderr", [
    ("foo", [], "", 'the server doesn\'t have a resource type "foo"\n'),
    ("Foo.bar", [], "", 'the server doesn\'t have a resource type "Foo"\n'),
    ("pods.foo", [], "KIND:       Pod\nVERSION:    v1\n\n", 'error: field "foo" does not exist\n'),
    ("pods", ["spec", "foo", "bar"], "KIND:       Pod\nVERSION:    v1\n\n", 'error: field "bar" does not exist\n'),
    ("rs.apps", [], "GROUP:      apps\nKIND:       ReplicaSet\nVERSION:    v1\n\n",
     'error: field "apps" does not exist\n'),
    ("pods.spec.containers.resources.limits.cpu", [], "KIND:       Pod\nVERSION:    v1\n\n",
     'error: field "cpu" does not exist\n'),
    ("", [], "", 'error: You must specify the type of resource to explain. Use "kubectl api-resources" '
                 "for a complete list of supported resources.\n"),
    ("po..spec", [], "", "error: invalid jsonpath syntax, first node must be field node\n"),
    ("pods.spec.containers[0]", [], "", "error: invalid jsonpath syntax, first node must be field node\n"),
])
def test_errors(arg, path, stdout, stderr):
    """kubectl's texts and exit code 1; a missing field still prints the header on stdout."""
    assert ex.explain(arg, path) == (stdout, stderr, 1)


@pytest.mark.parametrize("arg, api_version, stderr", [
    ("pods", "apps/v1", "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n"),
    ("rs", "v1", "error: GVR (/v1, Resource=replicasets) not found in OpenAPI schema\n"),
    ("pods", "v2", 'error: couldn\'t find resource for "/v2, Resource=pods"\n'),
    ("pods", "foo/bar/baz", "error: unexpected GroupVersion string: foo/bar/baz\n"),
])
def test_api_version_errors(arg, api_version, stderr):
    """--api-version picks the OpenAPI document; a resource it does not hold is an error."""
    assert ex.explain(arg, [], api_version=api_version) == ("", stderr, 1)


def test_api_version_that_matches():
    """The matching --api-version gives the same output as none."""
    assert ex.explain("rs.spec.replicas", [], api_version="apps/v1") == (RS_REPLICAS, "", 0)


def test_quoted_key_is_a_field():
    """JSONPath's ``['key']`` form names a field too."""
    assert ex.explain("pods.spec['containers'].name", []) == (CONTAINER_NAME, "", 0)


@pytest.mark.parametrize("text, width, expected", [
    ("aaa bbb ccc", 7, "aaa bbb\nccc"),
    ("one two\n\nthree", 80, "one two\n\nthree"),
    ("see https://example.com/a/very/long/url ok", 10, "see\nhttps://example.com/a/very/long/url\nok"),
    ("two  spaces kept", 80, "two  spaces kept"),
    ("trailing   ", 9, "trailing"),
    ("ab  ", 9, "ab  "),
])
def test_wrap_is_go_wordwrap(text, width, expected):
    """go-wordwrap: break at spaces, keep newlines, never split a long word, drop spaces past the end."""
    assert ex.wrap(text, width) == expected


def test_enum_slots():
    """extractEnum: ``ENUM:`` with one value a line for a FIELD, at most four inline in a list."""
    field = {"type": "string", "enum": ["", "Always", "Never", "OnFailure", "Sometimes"]}
    assert ex._extract_enum(field, True, -1) == 'ENUM:\n    ""\n    Always\n    Never\n    OnFailure\n    Sometimes'
    assert ex._extract_enum(field, False, 4, 2) == '\n  enum: "", Always, Never, OnFailure, ....'
    assert ex._extract_enum({"type": "string"}, True, -1) == ""


def test_explain_pods_is_fast_after_the_first_call():
    """Under 20 ms once warm (it is well under 1 ms)."""
    ex.explain("pods", [])
    start = time.perf_counter()
    for _ in range(10):
        ex.explain("pods", [])
        ex.explain("pod.spec", [])
    assert (time.perf_counter() - start) / 10 < 0.020
