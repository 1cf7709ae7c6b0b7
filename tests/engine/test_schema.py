"""Strict decoding and the explain model, built from the v1.33 schemas of kubernetes-validate.

Expected decoding texts follow sigs.k8s.io/json (strict errors), Go's encoding/json
UnmarshalTypeError and apiserver ``transformDecodeError``; keys are visited sorted, as in the JSON
kubectl sends.
"""

from __future__ import annotations

import time

import pytest

from cluster_core.api import schema


def pod(spec: dict | None = None, **top) -> dict:
    body = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}}
    body["spec"] = spec if spec is not None else {"containers": [{"name": "c", "image": "nginx"}]}
    body.update(top)
    return body


def container(**fields) -> dict:
    return {"containers": [{"name": "c", "image": "nginx", **fields}]}


TYPICAL_POD = pod({
    "restartPolicy": "Always",
    "nodeSelector": {"disktype": "ssd"},
    "containers": [{
        "name": "web", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent",
        "command": ["sh", "-c"], "args": ["nginx -g 'daemon off;'"],
        "env": [{"name": "MODE", "value": "prod"}],
        "ports": [{"containerPort": 80, "protocol": "TCP"}],
        "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": 0.25}},
        "livenessProbe": {"httpGet": {"path": "/", "port": "http"}, "periodSeconds": 5},
        "readinessProbe": {"tcpSocket": {"port": 80}},
    }],
}, metadata={"name": "web", "labels": {"app": "web"}, "creationTimestamp": None})


def test_valid_pod_decodes_cleanly():
    """A well-formed Pod with quantities, int-or-string ports and a null timestamp has no problems."""
    assert schema.decode(TYPICAL_POD, "Pod", "v1") == []


def test_unknown_fields_are_all_reported_with_paths_in_key_order():
    """Every unknown field, with upstream's path (indexes for list items), in sorted key order."""
    body = pod({"foo": 1, "containers": [{"name": "c", "imagee": "nginx"}]}, zzz=1)
    body["metadata"]["bar"] = "x"
    assert schema.decode(body, "Pod", "v1") == [
        'unknown field "metadata.bar"',
        'unknown field "spec.containers[0].imagee"',
        'unknown field "spec.foo"',
        'unknown field "zzz"',
    ]


def test_strict_error_message_is_the_servers():
    """The BadRequest message wraps the strict errors as transformDecodeError does."""
    problems = schema.decode(pod({"containers": [{"name": "c", "image": "x"}], "foo": 1}), "Pod", "v1")
    assert schema.is_strict(problems)
    assert schema.decode_error_message("Pod", "v1", problems) == (
        'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"'
    )


def test_field_names_are_case_sensitive():
    """``Image`` is not ``image``: the server decodes case-sensitively."""
    assert schema.decode(pod(container(Image="x")), "Pod", "v1") == ['unknown field "spec.containers[0].Image"']


def test_type_error_names_struct_field_path_and_go_type():
    """A string where a list belongs: Go's UnmarshalTypeError with the struct and the dotted path."""
    problems = schema.decode(pod({"containers": "nginx"}), "Pod", "v1")
    assert problems == [
        "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container"
    ]
    assert not schema.is_strict(problems)
    assert schema.decode_error_message("Pod", "v1", problems) == (
        'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct '
        "field PodSpec.spec.containers of type []v1.Container"
    )


@pytest.mark.parametrize("spec, expected", [
    (container(args=["sleep", 10]),
     "json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string"),
    (container(ports=[{"containerPort": "80"}]),
     "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort "
     "of type int32"),
    (container(env=[{"name": "N", "value": 5}]),
     "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string"),
    (container(ports=80),
     "json: cannot unmarshal number into Go struct field Container.spec.containers.ports of type "
     "[]v1.ContainerPort"),
    (container(command="sleep 10"),
     "json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string"),
    ({**container(), "activeDeadlineSeconds": 1.5},
     "json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64"),
    ({**container(), "restartPolicy": 1},
     "json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy"),
    (container(resources={"limits": "1"}),
     "json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits "
     "of type v1.ResourceList"),
    ([], "json: cannot unmarshal array into Go struct field Pod.spec of type v1.PodSpec"),
])
def test_type_errors(spec, expected):
    """encoding/json's wording: the value kind (with the digits for a bad integer) and the Go type."""
    assert schema.decode(pod(spec), "Pod", "v1") == [expected]


def test_map_values_are_typed():
    """A label value must be a string; the map key is not part of the Go field path."""
    body = pod()
    body["metadata"]["labels"] = {"app": "web", "tier": 5}
    assert schema.decode(body, "Pod", "v1") == [
        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"
    ]


def test_type_error_wins_over_unknown_fields():
    """A type error fails decoding outright, so the strict errors are not reported."""
    body = pod({"activeDeadlineSeconds": "5", "containers": [{"name": "c", "imagee": "x"}]})
    assert schema.decode(body, "Pod", "v1") == [
        "json: cannot unmarshal string into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64"
    ]


@pytest.mark.parametrize("port", [80, "http", 8080.0, None])
def test_int_or_string_accepts_numbers_and_names(port):
    """IntOrString takes an int32 or a string (and null)."""
    spec = container(livenessProbe={"httpGet": {"port": port}})
    assert schema.decode(pod(spec), "Pod", "v1") == []


@pytest.mark.parametrize("port, value", [(True, "bool"), (1.5, "number 1.5"), ({"a": 1}, "object")])
def test_int_or_string_rejects_other_values(port, value):
    """IntOrString's UnmarshalJSON decodes non-strings into an int32."""
    spec = container(livenessProbe={"httpGet": {"port": port}})
    assert schema.decode(pod(spec), "Pod", "v1") == [
        f"json: cannot unmarshal {value} into Go struct field "
        "HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32"
    ]


@pytest.mark.parametrize("cpu", ["100m", "1", 1, 0.5, "1.5", "2e3", "0", None])
def test_quantities_that_parse(cpu):
    """Quantities come as strings or JSON numbers (``cpu: 100m`` or ``cpu: 1``)."""
    assert schema.decode(pod(container(resources={"limits": {"cpu": cpu, "memory": "64Mi"}})), "Pod", "v1") == []


@pytest.mark.parametrize("memory, error", [
    ("1GB", schema.QUANTITY_FORMAT_WRONG),
    ("100 m", schema.QUANTITY_FORMAT_WRONG),
    ("lots", schema.QUANTITY_FORMAT_WRONG),
    (True, schema.QUANTITY_FORMAT_WRONG),
    ("1K", "unable to parse quantity's suffix"),
    ("5mi", "unable to parse quantity's suffix"),
])
def test_bad_quantities_use_parse_quantity_errors(memory, error):
    """resource.Quantity's UnmarshalJSON returns ParseQuantity's own error, with no field path."""
    problems = schema.decode(pod(container(resources={"requests": {"memory": memory}})), "Pod", "v1")
    assert problems == [error]
    assert schema.decode_error_message("Pod", "v1", problems) == (
        f'Pod in version "v1" cannot be handled as a Pod: {error}'
    )


def test_quantity_error_wins_over_an_earlier_type_error():
    """An UnmarshalJSON error stops decoding and replaces a type error saved before it."""
    spec = {"activeDeadlineSeconds": "x", "containers": [{"name": "c", "resources": {"limits": {"cpu": "1K"}}}]}
    assert schema.decode(pod(spec), "Pod", "v1") == ["unable to parse quantity's suffix"]


def test_nulls_are_accepted_everywhere():
    """JSON null leaves any Go value at its zero value: never a decoding error."""
    body = pod({"containers": [{"name": "c", "image": None, "ports": None}], "affinity": None,
                "activeDeadlineSeconds": None})
    body["metadata"].update(labels=None, creationTimestamp=None)
    assert schema.decode(body, "Pod", "v1") == []


def test_missing_required_fields_are_not_a_decoding_problem():
    """``spec.containers: Required value`` comes from validation, not from the decoder."""
    assert schema.decode({"apiVersion": "v1", "kind": "Pod", "metadata": {}, "spec": {}}, "Pod", "v1") == []


@pytest.mark.parametrize("stamp, error", [
    ("2024-05-01T10:00:00Z", None),
    ("2024-05-01T10:00:00.123+02:00", None),
    ("yesterday", 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'),
    ("2024-05-01", 'parsing time "2024-05-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'),
    ("2024-13-01T00:00:00Z", 'parsing time "2024-13-01T00:00:00Z": month out of range'),
    ("2023-02-29T00:00:00Z", 'parsing time "2023-02-29T00:00:00Z": day out of range'),
])
def test_timestamps_parse_as_rfc3339(stamp, error):
    """metav1.Time uses time.Parse(RFC3339); its errors are Go's ParseError texts."""
    body = pod()
    body["metadata"]["creationTimestamp"] = stamp
    assert schema.decode(body, "Pod", "v1") == ([error] if error else [])


def test_replicaset_template_paths():
    """Paths run through the pod template; the kind's own version appears in the message."""
    rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "rs1"},
          "spec": {"replicaz": 3, "selector": {"matchLabels": {"app": "a"}},
                   "template": {"metadata": {"labels": {"app": "a"}},
                                "spec": {"containers": [{"name": "c", "image": "x", "imagePullpolicy": "x"}]}}}}
    problems = schema.decode(rs, "ReplicaSet", "apps/v1")
    assert schema.decode_error_message("ReplicaSet", "apps/v1", problems) == (
        'ReplicaSet in version "v1" cannot be handled as a ReplicaSet: strict decoding error: '
        'unknown field "spec.replicaz", unknown field "spec.template.spec.containers[0].imagePullpolicy"'
    )


def test_job_and_daemonset_type_errors():
    """Named Go types appear in batch and apps types too."""
    job = {"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": "3", "template": {"spec": {}}}}
    assert schema.decode(job, "Job", "batch/v1") == [
        "json: cannot unmarshal string into Go struct field JobSpec.spec.completions of type int32"
    ]
    ds = {"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"updateStrategy": {"type": 1}}}
    assert schema.decode(ds, "DaemonSet", "apps/v1") == [
        "json: cannot unmarshal number into Go struct field DaemonSetUpdateStrategy.spec.updateStrategy.type "
        "of type v1.DaemonSetUpdateStrategyType"
    ]


def test_decoding_a_typical_pod_is_fast():
    """Well under a millisecond per Pod once the schemas are loaded."""
    schema.decode(TYPICAL_POD, "Pod", "v1")
    n = 200
    start = time.perf_counter()
    for _ in range(n):
        schema.decode(TYPICAL_POD, "Pod", "v1")
    assert (time.perf_counter() - start) / n < 0.001


def test_unknown_kind_is_a_key_error():
    """Only kinds the schemas define can be decoded."""
    with pytest.raises(KeyError):
        schema.decode({}, "Widget", "v1")


# --- the explain model ---------------------------------------------------------------------


def test_resolve_field_through_an_array():
    """``spec.containers`` is a required list of Container; its fields are sorted as explain sorts."""
    info = schema.resolve_field("Pod", ["spec", "containers"])
    assert (info.name, info.type, info.required) == ("containers", "<[]Container>", True)
    assert info.description.startswith("List of containers belonging to the pod.")
    assert info.full_description.endswith("\nA single application container that you want to run within a pod.")
    names = [c.name for c in info.children]
    assert names[:4] == ["args", "command", "env", "envFrom"]
    assert names == sorted(names)
    name = next(c for c in info.children if c.name == "name")
    assert (name.type, name.required) == ("<string>", True)


@pytest.mark.parametrize("kind, path, type_", [
    ("Pod", [], "<Pod>"),
    ("Pod", ["metadata"], "<ObjectMeta>"),
    ("Pod", ["spec"], "<PodSpec>"),
    ("Pod", ["metadata", "labels"], "<map[string]string>"),
    ("Pod", ["metadata", "creationTimestamp"], "<string>"),
    ("Pod", ["metadata", "managedFields", "fieldsV1"], "<FieldsV1>"),
    ("Pod", ["spec", "containers", "ports", "containerPort"], "<integer>"),
    ("Pod", ["spec", "containers", "livenessProbe", "httpGet", "port"], "<IntOrString>"),
    ("Pod", ["spec", "containers", "resources", "limits"], "<map[string]Quantity>"),
    ("Pod", ["spec", "hostNetwork"], "<boolean>"),
    ("Pod", ["spec", "containers", "args"], "<[]string>"),
    ("ReplicaSet", ["spec", "selector"], "<LabelSelector>"),
    ("DaemonSet", ["spec", "updateStrategy", "rollingUpdate", "maxSurge"], "<IntOrString>"),
    ("Node", ["status", "capacity"], "<map[string]Quantity>"),
])
def test_type_names_as_explain_prints_them(kind, path, type_):
    """typeGuess: refs to objects by name, primitives (Time is a string) by their OpenAPI type."""
    assert schema.resolve_field(kind, path).type == type_


def test_api_version_and_kind_have_no_enum():
    """The JSON-schema generator's enums on apiVersion/kind are not part of the served schema."""
    assert schema.resolve_field("Pod", ["apiVersion"]).enum == ()
    assert schema.resolve_field("Pod", ["kind"]).type == "<string>"


def test_missing_field_error():
    """A path that leads nowhere names its last element, as kubectl's template does."""
    with pytest.raises(schema.FieldNotFoundError) as err:
        schema.resolve_field("Pod", ["spec", "foo", "bar"])
    assert str(err.value) == 'field "bar" does not exist'
