"""``kubectl explain`` on the command line: arguments and flags as kubectl v1.33 parses them, the
default plaintext renderer (tested in ``test_explain.py``) wired in, and the older
``--output=plaintext-openapiv2`` printer ported from ``pkg/explain``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.kubectl.explain import explain
from cluster_core.kubectl.verbs.explain import Formatter, type_name, wrap_string
from cluster_core.kubectl.verbs.explain import definition_model as model
from cluster_core.playground import Playground

V2 = "--output=plaintext-openapiv2"


@pytest.fixture(scope="module")
def pg() -> Playground:
    return Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))


def run(pg: Playground, line: str) -> tuple[str, str, int]:
    r = pg.execute(line)
    return r.stdout, r.stderr, r.exit_code


@pytest.mark.parametrize("line, arg, kw", [
    ("kubectl explain pods", "pods", {}),
    ("kubectl explain pod.spec", "pod.spec", {}),
    ("kubectl explain pods.spec.containers", "pods.spec.containers", {}),
    ("kubectl explain rs --recursive", "rs", {"recursive": True}),
    ("kubectl explain rs.spec --api-version=apps/v1", "rs.spec", {"api_version": "apps/v1"}),
    ("kubectl explain pods --output=plaintext", "pods", {}),
    ("kubectl explain pods.spec.foo", "pods.spec.foo", {}),
    ("kubectl explain pods --api-version=v2", "pods", {"api_version": "v2"}),
])
def test_plaintext_is_the_renderer(pg, line, arg, kw):
    """The verb prints exactly what the v1.33 plaintext renderer returns, exit code included."""
    assert run(pg, line) == explain(arg, **kw)


def test_pods_head(pg):
    """Step 1 of the tutorial: ``kubectl explain pods`` starts with the kind and its description."""
    out, err, code = run(pg, "kubectl explain pods")
    assert out.startswith("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers "
                          "that can run on a host. This resource is\n    created by clients and scheduled onto "
                          "hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n")
    assert (err, code) == ("", 0)


@pytest.mark.parametrize("line, stderr", [
    ("kubectl explain", 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a '
                        "complete list of supported resources.\n"),
    ("kubectl explain pods rs", "error: We accept only this format: explain RESOURCE\n"),
    ("kubectl explain pods -o yaml", "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl explain --help' for "
                                     "usage.\n"),
    ("kubectl explain pods --output=yaml", "error: unrecognized format: yaml\n"),
    ("kubectl explain pods.nothing --output=yaml", "error: unrecognized format: yaml\n"),
    ("kubectl explain pods --api-version=apps/v1 --output=yaml", "error: unrecognized format: yaml\n"),
    ("kubectl explain foo --output=yaml", 'the server doesn\'t have a resource type "foo"\n'),
    ("kubectl explain pods --api-version=v2 --output=yaml", 'error: couldn\'t find resource for "/v2, '
                                                            'Resource=pods"\n'),
    ("kubectl explain pods --recursive=yes", 'error: invalid argument "yes" for "--recursive" flag: '
     "strconv.ParseBool: parsing \"yes\": invalid syntax\nSee 'kubectl explain --help' for usage.\n"),
])
def test_messages(pg, line, stderr):
    """Argument and flag errors; an unknown --output only once the resource and its document exist."""
    assert run(pg, line) == ("", stderr, 1)


def test_help_usage_line(pg):
    """The usage line shows ``-o|--output`` although the flag has no shorthand (as upstream's does)."""
    out = run(pg, "kubectl explain --help")[0]
    assert "Usage:\n  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] " \
           "[-o|--output=plaintext|plaintext-openapiv2] [options]\n" in out
    assert "    --output='plaintext':\n\tFormat in which to render the schema (plaintext, plaintext-openapiv2)\n" in out


# --- plaintext-openapiv2 ----------------------------------------------------------------------------


POD_V2_HEAD = """\
KIND:     Pod
VERSION:  v1

DESCRIPTION:
     Pod is a collection of containers that can run on a host. This resource is
     created by clients and scheduled onto hosts.

FIELDS:
   apiVersion\t<string>
     APIVersion defines the versioned schema of this representation of an
     object. Servers should convert recognized schemas to the latest internal
     value, and may reject unrecognized values. More info:
     https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

   kind\t<string>
"""

POD_V2_TAIL = """\
   spec\t<Object>
     Specification of the desired behavior of the pod. More info:
     https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status

   status\t<Object>
     Most recently observed status of the pod. This data may not be up to date.
     Populated by the system. Read-only. More info:
     https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status

"""


def test_v2_pods(pg):
    """The old layout: ``KIND:     Pod``, fields indented 3 with ``<Object>`` types, descriptions 5."""
    out, err, code = run(pg, f"kubectl explain pods {V2}")
    assert out.startswith(POD_V2_HEAD) and out.endswith(POD_V2_TAIL)
    assert (err, code) == ("", 0)


def test_v2_array_of_structs(pg):
    """``RESOURCE: containers <[]Object>``: the field's description, a blank line, the type's."""
    out = run(pg, f"kubectl explain pods.spec.containers {V2}")[0]
    assert out.startswith("""\
KIND:     Pod
VERSION:  v1

RESOURCE: containers <[]Object>

DESCRIPTION:
     List of containers belonging to the pod. Containers cannot currently be
     added or removed. There must be at least one container in a Pod. Cannot be
     updated.

     A single application container that you want to run within a pod.

FIELDS:
   args\t<[]string>
""")
    assert "\n   name\t<string> -required-\n     Name of the container specified as a DNS_LABEL. Each container in " \
           "a pod\n     must have a unique name (DNS_LABEL). Cannot be updated.\n\n" in out


@pytest.mark.parametrize("arg, expected", [
    ("pods.spec.containers.name", """\
KIND:     Pod
VERSION:  v1

FIELD:    name <string>

DESCRIPTION:
     Name of the container specified as a DNS_LABEL. Each container in a pod
     must have a unique name (DNS_LABEL). Cannot be updated.
"""),
    ("rs.spec.replicas", """\
KIND:     ReplicaSet
VERSION:  apps/v1

FIELD:    replicas <integer>

DESCRIPTION:
     Replicas is the number of desired pods. This is a pointer to distinguish
     between explicit zero and unspecified. Defaults to 1. More info:
     https://kubernetes.io/docs/concepts/workloads/controllers/replicaset
"""),
    ("pods.metadata.labels", """\
KIND:     Pod
VERSION:  v1

FIELD:    labels <map[string]string>

DESCRIPTION:
     Map of string keys and values that can be used to organize and categorize
     (scope and select) objects. May match selectors of replication controllers
     and services. More info:
     https://kubernetes.io/docs/concepts/overview/working-with-objects/labels
"""),
    ("pods.spec.containers.livenessProbe.httpGet.port", """\
KIND:     Pod
VERSION:  v1

FIELD:    port <string>

DESCRIPTION:
     Name or number of the port to access on the container. Number must be in
     the range 1 to 65535. Name must be an IANA_SVC_NAME.
"""),
])
def test_v2_leaf_fields(pg, arg, expected):
    """A primitive (through references, arrays and maps) prints ``FIELD:    name <type>``; IntOrString is a string."""
    assert run(pg, f"kubectl explain {arg} {V2}") == (expected, "", 0)


def test_v2_recursive(pg):
    """--recursive: names and types only, 3 more spaces per level; FieldsV1 is a map of anything."""
    out = run(pg, f"kubectl explain pods --recursive {V2}")[0]
    assert out.startswith(POD_V2_HEAD.split("   apiVersion")[0] + """\
   apiVersion\t<string>
   kind\t<string>
   metadata\t<Object>
      annotations\t<map[string]string>
      creationTimestamp\t<string>
""")
    assert "         fieldsType\t<string>\n         fieldsV1\t<map[string]>\n         manager\t<string>\n" in out
    assert out.endswith("      resourceClaimStatuses\t<[]Object>\n         name\t<string>\n"
                        "         resourceClaimName\t<string>\n      startTime\t<string>\n")
    top = [ln for ln in out.split("\n") if ln.startswith("   ") and not ln.startswith("    ")]
    assert top == ["   apiVersion\t<string>", "   kind\t<string>", "   metadata\t<Object>", "   spec\t<Object>",
                   "   status\t<Object>"]


@pytest.mark.parametrize("line, stderr", [
    (f"kubectl explain pods.spec.foo {V2}", 'error: field "foo" does not exist\n'),
    (f"kubectl explain pods --api-version=apps/v1 {V2}", 'error: couldn\'t find resource for "apps/v1, Kind=Pod"\n'),
    (f"kubectl explain foo {V2}", 'the server doesn\'t have a resource type "foo"\n'),
])
def test_v2_errors(pg, line, stderr):
    """The v2 printer looks the field up before printing: nothing on stdout."""
    assert run(pg, line) == ("", stderr, 1)


def test_type_names():
    """GetTypeName over the v2 model: structs are Object, maps and arrays spell their element."""
    spec = model("io.k8s.api.core.v1.PodSpec")
    assert [type_name(spec.fields[f]) for f in ("containers", "nodeSelector", "overhead", "affinity",
                                                 "activeDeadlineSeconds", "hostNetwork")] == [
        "[]Object", "map[string]string", "map[string]string", "Object", "integer", "boolean"]


def test_formatter_wrapped_write():
    """Upstream's TestFormatterWrappedWrite: wrapping, long words, paragraphs, lists and code blocks."""
    out: list[str] = []
    f = Formatter(out, wrap=50)
    lorem = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Morbi at turpis faucibus, gravida dolor ut, "
             "fringilla velit.")
    f.write_wrapped(lorem)
    f.indent(10).write_wrapped(lorem)
    f.indent(20).write_wrapped("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ThisIsAVeryLongWordThat"
                               "Doesn'tFitOnALineOnItsOwn. Morbi at turpis faucibus, gravida dolor ut, fringilla "
                               "velit.")
    f.indent(4).write_wrapped("\nThis is an\nintroductory paragraph\nthat should end\nup on a continuous line.\n\n"
                              "Example:\nExample text on its own line\n\nList:\n1.  Item with\n wrapping text\n"
                              "11.  Another\n item with wrapping text\n* Bullet item\n with wrapping text\n- Dash item\n"
                              " with wrapping text\n\nbase64(\n    code goes here\n    and here\n)")
    assert "".join(out) == """\
Lorem ipsum dolor sit amet, consectetur adipiscing
elit. Morbi at turpis faucibus, gravida dolor ut,
fringilla velit.
          Lorem ipsum dolor sit amet, consectetur
          adipiscing elit. Morbi at turpis
          faucibus, gravida dolor ut, fringilla
          velit.
                    Lorem ipsum dolor sit amet,
                    consectetur adipiscing elit.
                    ThisIsAVeryLongWordThatDoesn'tFitOnALineOnItsOwn.
                    Morbi at turpis faucibus,
                    gravida dolor ut, fringilla
                    velit.
    This is an introductory paragraph that should
    end up on a continuous line.

    Example:
    Example text on its own line

    List:
    1. Item with wrapping text
    11. Another item with wrapping text
    * Bullet item with wrapping text
    - Dash item with wrapping text

    base64(
        code goes here
        and here
    )
"""


def test_wrap_counts_bytes():
    """line.Len is ``len(string)``: bytes, so multi-byte words wrap earlier than their letters suggest."""
    assert wrap_string("ééééé aaaa", 12) == ["ééééé", "aaaa"]
    assert wrap_string("eeeee aaaa", 12) == ["eeeee aaaa"]
