"""-o jsonpath: client-go's jsonpath as kubectl v1.33 runs it (outputs and errors checked with the real binary)."""

from __future__ import annotations

import pytest

from cluster_core.kubectl.printers import JSONPathError, as_list, jsonpath


def pods() -> list[dict]:
    return [
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "b-pod", "namespace": "default", "creationTimestamp": "2026-01-01T00:00:05Z",
                      "labels": {"app": "nginx", "app.kubernetes.io/name": "web", "tier": "x"}},
         "spec": {"containers": [{"name": "nginx", "image": "nginx:1.9.1", "ports": [{"containerPort": 80}]},
                                 {"name": "side", "image": "busybox", "command": ["sh", "-c", "x <y> & z"]}]},
         "status": {"phase": "Running", "podIP": "10.0.0.5", "n": None, "f": 1.5, "big": 100000000, "fl": 1e21,
                    "t": True, "e": [], "m": {},
                    "conditions": [{"type": "Ready", "status": "True"}, {"type": "PodScheduled", "status": "True"}]}},
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "a-pod", "namespace": "default", "creationTimestamp": "2026-01-01T00:00:09Z",
                      "labels": {"app": "db"}},
         "spec": {"containers": [{"name": "db", "image": "mysql:5.7"}]},
         "status": {"phase": "Pending", "restarts": 10, "f": 2.5}},
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "c-pod", "namespace": "default", "creationTimestamp": "2026-01-01T00:00:07Z"},
         "spec": {"containers": []}, "status": {"phase": "Succeeded", "restarts": 3}},
    ]


OUTPUTS = [
    ("{.items[*].metadata.name}", "b-pod a-pod c-pod"),
    ("{.items[0].metadata.labels}", '{"app":"nginx","app.kubernetes.io/name":"web","tier":"x"}'),
    ('{range .items[*]}{.metadata.name}{"\\n"}{end}', "b-pod\na-pod\nc-pod\n"),
    ('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}',
     "b-pod\tRunning\na-pod\tPending\nc-pod\tSucceeded\n"),
    ("{range .items[*]}[{range .spec.containers[*]}{.name},{end}]{end}", "[nginx,side,][db,][]"),
    ('{.items[?(@.status.phase=="Running")].metadata.name}', "b-pod"),
    ('{.items[?(@.status.phase!="Running")].metadata.name}', "a-pod c-pod"),
    ("{.items[?(@.status.restarts>5)].metadata.name}", "a-pod"),
    ("{.items[?(@.status.restarts<=3)].metadata.name}", "c-pod"),
    ("{.items[?(@.status.restarts)].metadata.name}", "a-pod c-pod"),
    ("{.items[?(@.status.f>2.0)].metadata.name}", "a-pod"),
    ("{.items[?(@.status.t==true)].metadata.name}", "b-pod"),
    ('{.items[*].status.conditions[?(@.type=="Ready")].status}', "True"),
    ("{.items[0].status.conditions[?(@.type=='Ready')].status}", "True"),
    ('{.items[?(@.metadata.name=="a-pod")].status.restarts}', "10"),
    ("{..image}", "nginx:1.9.1 busybox mysql:5.7"),
    ("{.items[0].metadata..name}", "b-pod"),
    ("{.items[-1:].metadata.name}", "c-pod"),
    ("{.items[1:].metadata.name}", "a-pod c-pod"),
    ("{.items[0:2].metadata.name}", "b-pod a-pod"),
    ("{.items[::2].metadata.name}", "b-pod c-pod"),
    ("{.items[1:1].metadata.name}", ""),
    ("{.items[0,2].metadata.name}", "b-pod c-pod"),
    ("{.items[*].metadata.labels['app\\.kubernetes\\.io/name']}", "web"),
    ("{.items[*].metadata.labels.app\\.kubernetes\\.io/name}", "web"),
    ("{.items[*]['metadata.name']}", "b-pod a-pod c-pod"),
    ("{.items[0].metadata['name']}", "b-pod"),
    ("{.items[0].status.n}", "null"),
    ("{.items[0].status.f} {.items[0].status.big} {.items[0].status.fl} {.items[0].status.t}",
     "1.5 100000000 1e+21 true"),
    ("{.items[0].status.e}{.items[0].status.m}", "[]{}"),
    ("{.items[0].spec.containers[1].command}", '["sh","-c","x \\u003cy\\u003e \\u0026 z"]'),
    ("{.items[0].spec.containers[1].command[*]}", "sh -c x <y> & z"),
    ("{.items[0].spec.containers[0].ports[0].containerPort}", "80"),
    ("{.kind}", "List"), ("{$.kind}", "List"), ("{@.kind}", "List"), ("{ .kind }", "List"),
    ("{.kind}{.apiVersion}", "Listv1"), ("text {.kind} more", "text List more"), ("hello", "hello"),
    ("{.nothing}", ""), ("{.items[0].metadata.name.x}", ""), ("{.items.x}", ""), ("{.}", ""),
    ("{range .items[*]}{.metadata.name}", "b-poda-podc-pod"),
    ("{range .items[*]}{.metadata.name}{end}{.kind}", "b-poda-podc-podList"),
    ('{range .items[?(@.status.phase=="Nope")]}{.metadata.name}{end}done', "done"),
    ('{"literal"}', "literal"), ("{'single'}", "single"), ("{range}", ""),
    ("{3}", "3"), ("{-3}", "-3"), ("{1.5}", "1.5"), ("{true}", "true"),
]


@pytest.mark.parametrize(("template", "want"), OUTPUTS)
def test_jsonpath_output(template, want):
    """Results of one expression are joined by spaces; maps and lists print as compact JSON."""
    assert jsonpath(template, as_list(pods())) == want


def test_jsonpath_of_one_item_prints_json():
    """`{.items[0]}` prints the whole object as Go's compact JSON (sorted keys, escaped <>&)."""
    pod = {"kind": "Pod", "metadata": {"name": "x", "labels": {"b": "1", "a": "<2>"}}, "spec": {"n": 1.0}}
    assert jsonpath("{.items[0]}", as_list([pod])) == (
        '{"kind":"Pod","metadata":{"labels":{"a":"\\u003c2\\u003e","b":"1"},"name":"x"},"spec":{"n":1}}')


def test_jsonpath_on_a_single_object():
    """`kubectl get pod x -o jsonpath=...` queries the object itself."""
    assert jsonpath("{.metadata.name} {.status.podIP}", pods()[0]) == "b-pod 10.0.0.5"


PARSE_ERRORS = [
    ("{.foo", "unclosed action"),
    ("{.items[x]}", "invalid array index x"),
    ("{.items[1.5]}", "invalid array index 1.5"),
    ("{%}", "unrecognized character in action: U+0025 '%'"),
    ("{.items[0].metadata.name,}", "unrecognized character in action: U+002C ','"),
    ('{"unterminated}', "unterminated quoted string"),
    ("{.items[0]....name}", "invalid multiple recursive descent"),
    ("{.items[?(@.x]}", "unterminated filter"),
    ('{.items[?(@.status.phase=="Running"]}', "unterminated filter"),
]


@pytest.mark.parametrize(("template", "reason"), PARSE_ERRORS)
def test_jsonpath_parse_errors(template, reason):
    """kubectl says `error: error parsing jsonpath <template>, <reason>`."""
    with pytest.raises(JSONPathError) as e:
        jsonpath(template, as_list(pods()))
    assert e.value.message == f"error parsing jsonpath {template}, {reason}"


EXEC_ERRORS = [
    ("{.items[5]}", "array index out of bounds: index 5, length 3"),
    ("{.items[-5]}", "array index out of bounds: index -2, length 3"),
    ("{.items[2:1].metadata.name}", "starting index 2 is greater than ending index 1"),
    ("{.items[0:3:0].metadata.name}", "step must be > 0"),
    ("{.items[0].metadata[0]}", "map[string]interface {} is not array or slice"),
    ("{.items[*].metadata.name[0]}", "string is not array or slice"),
    ("{.items[?(@.status.f==1)].metadata.name}", "incompatible types for comparison"),
    ("{.items[?(@.status.t<true)].metadata.name}", "invalid type for comparison"),
    ("{end}", "not in range, nothing to end"),
    ("{.items[0].metadata.name}{end}", "not in range, nothing to end"),
    ("{foo}", "unrecognized identifier foo"),
]


@pytest.mark.parametrize(("template", "reason"), EXEC_ERRORS)
def test_jsonpath_execution_errors(template, reason):
    """Execution errors name the template and the reason."""
    with pytest.raises(JSONPathError) as e:
        jsonpath(template, as_list(pods()))
    assert e.value.message.startswith(
        f'error executing jsonpath "{template}": Error executing template: {reason}. '
        "Printing more information for debugging the template:\n")


def test_jsonpath_execution_error_dumps_the_object_like_kubectl():
    """The whole message, with Go's %#v dump of what the engine was given (kubectl adds `error: `
    before it and one more newline after it)."""
    data = as_list([{"kind": "Pod", "metadata": {"name": "x"}, "spec": {"n": None, "f": 1.5, "l": ["a", 1]}}])
    with pytest.raises(JSONPathError) as e:
        jsonpath('{range .items[*]}{.metadata.name}{"\\n"}{end}{.items[3]}', data)
    assert e.value.message == (
        'error executing jsonpath "{range .items[*]}{.metadata.name}{\\"\\\\n\\"}{end}{.items[3]}": '
        "Error executing template: array index out of bounds: index 3, length 1. "
        "Printing more information for debugging the template:\n"
        "\ttemplate was:\n"
        '\t\t{range .items[*]}{.metadata.name}{"\\n"}{end}{.items[3]}\n'
        "\tobject given to jsonpath engine was:\n"
        '\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{map[string]interface {}{'
        '"kind":"Pod", "metadata":map[string]interface {}{"name":"x"}, "spec":map[string]interface {}{'
        '"f":1.5, "l":[]interface {}{"a", 1}, "n":interface {}(nil)}}}, "kind":"List", '
        '"metadata":map[string]interface {}{"resourceVersion":""}}\n\n')


def test_missing_keys_error_when_not_allowed():
    """--allow-missing-template-keys=false makes a missing field an error."""
    with pytest.raises(JSONPathError) as e:
        jsonpath("{.nothing}", pods()[0], allow_missing_keys=False)
    assert "Error executing template: nothing is not found." in e.value.message
