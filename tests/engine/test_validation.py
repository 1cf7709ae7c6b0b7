"""Semantic validation: exact upstream v1.33 field errors for create and update, per kind."""

from __future__ import annotations

import copy
import json
import random
import time
from collections.abc import Callable

import pytest

from cluster_core.api import defaults, errors, validation
from tests.engine.tutorial_manifests import MANIFESTS, load

UID = "3f1e0c2a-5b7d-4e9f-8a6c-1d2e3f4a5b6c"
SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation "
    "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
    "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
    "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)
MISMATCH = "`selector` does not match template `labels`"
UPDATABLE = (
    "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to "
    "existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
    "previously negative)"
)

Tweak = Callable[[dict], None]


def created(name: str, tweak: Tweak | None = None) -> dict:
    obj = load(name)
    if tweak:
        tweak(obj)
    defaults.apply_defaults(obj, rng=random.Random(1), uid=UID)
    return obj


def create_errors(name: str, tweak: Tweak | None = None) -> list[str]:
    return [str(e) for e in validation.validate_create(created(name, tweak))]


def update_errors(old: dict, new: dict) -> list[str]:
    return [str(e) for e in validation.validate_update(old, new)]


def container(o: dict, i: int = 0) -> dict:
    spec = o["spec"]["template"]["spec"] if "template" in o["spec"] else o["spec"]
    return spec["containers"][i]


def setter(path: str, value: object) -> Tweak:
    """A tweak that sets a dotted path (``spec.containers.0.image``) in the manifest."""
    def tweak(o: dict) -> None:
        *parents, last = path.split(".")
        node: object = o
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node.setdefault(p, {})  # type: ignore[index,union-attr]
        if value is DELETE:
            del node[last]  # type: ignore[index]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value  # type: ignore[index]
    return tweak


DELETE = object()


# ------------------------------------------------------------------ the tutorial
@pytest.mark.parametrize("name", sorted(MANIFESTS))
def test_tutorial_manifests_are_valid(name: str) -> None:
    """Every manifest of the tutorial creates cleanly once defaulted."""
    assert create_errors(name) == []


# ------------------------------------------------------------------ Pod create
POD_ROWS = [
    ("no name", setter("metadata.name", DELETE),
     ["metadata.name: Required value: name or generateName is required"]),
    ("bad name", setter("metadata.name", "Nginx_Pod"), [f'metadata.name: Invalid value: "Nginx_Pod": {SUBDOMAIN_MSG}']),
    ("bad namespace", setter("metadata.namespace", "Default"),
     [f'metadata.namespace: Invalid value: "Default": {LABEL_MSG}']),
    ("bad label value", setter("metadata.labels", {"rel": "beta!"}), [f'metadata.labels: Invalid value: "beta!": {VALUE_MSG}']),
    ("no containers", setter("spec.containers", []), ["spec.containers: Required value"]),
    ("container name", setter("spec.containers.0.name", "Nginx"),
     [f'spec.containers[0].name: Invalid value: "Nginx": {LABEL_MSG}']),
    ("no image", setter("spec.containers.0.image", DELETE), ["spec.containers[0].image: Required value"]),
    ("image whitespace", setter("spec.containers.0.image", "nginx "),
     ['spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace']),
    ("duplicate container", lambda o: o["spec"]["containers"].append({"name": "nginx", "image": "busybox"}),
     ['spec.containers[1].name: Duplicate value: "nginx"']),
    ("port too big", setter("spec.containers.0.ports.0.containerPort", 70000),
     ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"]),
    ("port missing", setter("spec.containers.0.ports.0.containerPort", DELETE),
     ["spec.containers[0].ports[0].containerPort: Required value"]),
    ("host port", setter("spec.containers.0.ports.0.hostPort", -1),
     ["spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive"]),
    ("protocol", setter("spec.containers.0.ports.0.protocol", "HTTP"),
     ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']),
    ("port name", setter("spec.containers.0.ports.0.name", "HTTP"), [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)']),
    ("env name", setter("spec.containers.0.env", [{"name": "A=B", "value": "1"}]),
     ['spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'']),
    ("env no name", setter("spec.containers.0.env", [{"value": "1"}]), ["spec.containers[0].env[0].name: Required value"]),
    ("env valueFrom", setter("spec.containers.0.env", [{"name": "A", "valueFrom": {}}]),
     ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`']),
    ("pull policy", setter("spec.containers.0.imagePullPolicy", "Sometimes"),
     ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']),
    ("restart policy", setter("spec.restartPolicy", "Sometimes"),
     ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']),
    ("dns policy", setter("spec.dnsPolicy", "ClusterFirstt"),
     ['spec.dnsPolicy: Unsupported value: "ClusterFirstt": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']),
    ("node selector", setter("spec.nodeSelector", {"gpu": "true!"}), [f'spec.nodeSelector: Invalid value: "true!": {VALUE_MSG}']),
    ("requests over limits", setter("spec.containers.0.resources", {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}}),
     ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']),
    ("negative request", setter("spec.containers.0.resources", {"requests": {"memory": "-64Mi"}}),
     ['spec.containers[0].resources.requests[memory]: Invalid value: "-64Mi": must be greater than or equal to 0']),
    ("unknown resource", setter("spec.containers.0.resources", {"requests": {"cpus": "1"}}), [
        'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers']),
    ("gpu without limit", setter("spec.containers.0.resources", {"requests": {"nvidia.com/gpu": "1"}}),
     ["spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources"]),
    ("missing volume", setter("spec.containers.0.volumeMounts", [{"name": "data", "mountPath": "/data"}]),
     ['spec.containers[0].volumeMounts[0].name: Not found: "data"']),
    ("toleration operator", setter("spec.tolerations", [{"key": "gpu", "operator": "Equals", "value": "x"}]),
     ['spec.tolerations[0].operator: Unsupported value: "Equals": supported values: "Equal", "Exists"']),
    ("toleration exists value", setter("spec.tolerations", [{"key": "gpu", "operator": "Exists", "value": "x"}]),
     ['spec.tolerations[0].operator: Invalid value: "x": value must be empty when `operator` is \'Exists\'']),
    ("toleration seconds", setter("spec.tolerations", [{"key": "gpu", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 5}]),
     ['spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set']),
    ("volume without source", setter("spec.volumes", [{"name": "data", "emptyDir": None, "configMap": {}}]),
     ["spec.volumes[0].configMap.name: Required value"]),
    ("liveness threshold", setter("spec.containers.0.livenessProbe", {"tcpSocket": {"port": 80}, "successThreshold": 2}),
     ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"]),
    ("probe without handler", setter("spec.containers.0.readinessProbe", {"periodSeconds": 5}),
     ["spec.containers[0].readinessProbe: Required value: must specify a handler type"]),
    ("deadline", setter("spec.activeDeadlineSeconds", 0),
     ["spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"]),
    ("ephemeral", setter("spec.ephemeralContainers", [{"name": "debug", "image": "busybox"}]),
     ["spec.ephemeralContainers: Forbidden: cannot be set on create"]),
]


@pytest.mark.parametrize(("case", "tweak", "expected"), POD_ROWS, ids=[r[0] for r in POD_ROWS])
def test_pod_create_errors(case: str, tweak: Tweak, expected: list[str]) -> None:
    """One mistake in nginx-manual, the exact field errors a v1.33 server returns."""
    assert create_errors("nginx-manual", tweak) == expected


def test_several_pod_mistakes_in_upstream_order_and_kubectl_message() -> None:
    """Metadata, then containers in order, then pod-level fields; the server's aggregate message."""
    def tweak(o: dict) -> None:
        o["metadata"]["name"] = "Nginx_Pod"
        o["spec"]["restartPolicy"] = "Sometimes"
        o["spec"]["containers"][0]["image"] = ""
        o["spec"]["containers"].append({"name": "nginx", "image": "busybox"})
    causes = validation.validate_create(created("nginx-manual", tweak))
    assert [str(c) for c in causes] == [
        f'metadata.name: Invalid value: "Nginx_Pod": {SUBDOMAIN_MSG}',
        "spec.containers[0].image: Required value",
        'spec.containers[1].name: Duplicate value: "nginx"',
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]
    assert errors.invalid("Pod", "Nginx_Pod", causes).message.startswith(
        'Pod "Nginx_Pod" is invalid: [metadata.name: Invalid value: "Nginx_Pod": a lowercase RFC 1123')


# ------------------------------------------------------------------ ReplicaSet create
RS_ROWS = [
    ("selector mismatch", setter("spec.selector", {"matchLabels": {"app": "web"}}),
     [f'spec.template.metadata.labels: Invalid value: map[string]string{{"app":"nginx"}}: {MISMATCH}']),
    ("no selector", setter("spec.selector", DELETE),
     ["spec.selector: Required value",
      f'spec.template.metadata.labels: Invalid value: map[string]string{{"app":"nginx"}}: {MISMATCH}']),
    ("empty selector", setter("spec.selector", {}),
     ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
      "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"]),
    ("no template labels", setter("spec.template.metadata.labels", DELETE),
     [f"spec.template.metadata.labels: Invalid value: map[string]string(nil): {MISMATCH}"]),
    ("restart never", setter("spec.template.spec.restartPolicy", "Never"),
     ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']),
    ("negative replicas", setter("spec.replicas", -1),
     ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]),
    ("bad operator", setter("spec.selector", {"matchExpressions": [{"key": "app", "operator": "in", "values": ["nginx"]}]}),
     ['spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:'
      '[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"in", Values:[]string{"nginx"}}}}: '
      'invalid label selector']),
    ("expressions not matching", setter("spec.selector", {"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["nginx"]}]}),
     [f'spec.template.metadata.labels: Invalid value: map[string]string{{"app":"nginx"}}: {MISMATCH}']),
    ("deadline", setter("spec.template.spec.activeDeadlineSeconds", 10),
     ["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"]),
    ("template label key", setter("spec.template.metadata.labels", {"app": "nginx", "-bad": "x"}),
     ['spec.template.labels: Invalid value: "-bad": name part must consist of alphanumeric characters, '
      "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
      "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]),
    ("template container", setter("spec.template.spec.containers.0.image", DELETE),
     ["spec.template.spec.containers[0].image: Required value"]),
]


@pytest.mark.parametrize(("case", "tweak", "expected"), RS_ROWS, ids=[r[0] for r in RS_ROWS])
def test_replica_set_create_errors(case: str, tweak: Tweak, expected: list[str]) -> None:
    """One mistake in the tutorial's nginx ReplicaSet, the exact apps/v1 errors."""
    assert create_errors("nginx-rs", tweak) == expected


def test_replica_set_mismatch_renders_like_kubectl_v133() -> None:
    """facts.md section 6: the whole server message of the classic selector mistake."""
    rs = created("nginx-rs", lambda o: (o["metadata"].update(name="rs1"),
                                         o["spec"].update(selector={"matchLabels": {"app": "web"}})))
    assert errors.invalid("ReplicaSet", "rs1", validation.validate_create(rs)).message == (
        'ReplicaSet "rs1" is invalid: spec.template.metadata.labels: Invalid value: '
        'map[string]string{"app":"nginx"}: `selector` does not match template `labels`')


# ------------------------------------------------------------------ DaemonSet create
DS_ROWS = [
    ("mismatch", setter("spec.template.metadata.labels", {"app": "db"}),
     [f'spec.template.metadata.labels: Invalid value: map[string]string{{"app":"db"}}: {MISMATCH}']),
    ("no selector", setter("spec.selector", DELETE),
     [f'spec.template.metadata.labels: Invalid value: map[string]string{{"app":"mysql"}}: {MISMATCH}']),
    ("empty selector", setter("spec.selector", {}),
     ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
      "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset"]),
    ("restart on failure", setter("spec.template.spec.restartPolicy", "OnFailure"),
     ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"']),
    ("zero and zero", setter("spec.updateStrategy", {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0}}),
     ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]),
    ("surge and unavailable", setter("spec.updateStrategy", {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "50%"}}),
     ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"50%"}: '
      "may not be set when maxUnavailable is non-zero"]),
    ("strategy type", setter("spec.updateStrategy", {"type": "Rolling"}),
     ['spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Rolling", '
      'RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"']),
    ("history", setter("spec.revisionHistoryLimit", -2),
     ["spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0"]),
]


@pytest.mark.parametrize(("case", "tweak", "expected"), DS_ROWS, ids=[r[0] for r in DS_ROWS])
def test_daemon_set_create_errors(case: str, tweak: Tweak, expected: list[str]) -> None:
    """One mistake in mysql-ds, the exact apps/v1 errors (a missing selector is only a mismatch)."""
    assert create_errors("mysql-ds", tweak) == expected


# ------------------------------------------------------------------ Job create
JOB_ROWS = [
    ("no restart policy", setter("spec.template.spec.restartPolicy", DELETE),
     ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']),
    ("restart always", setter("spec.template.spec.restartPolicy", "Always"),
     ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']),
    ("restart never", setter("spec.template.spec.restartPolicy", "Never"), []),
    ("restart sometimes", setter("spec.template.spec.restartPolicy", "Sometimes"),
     ['spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"']),
    ("negative parallelism", setter("spec.parallelism", -1),
     ["spec.parallelism: Invalid value: -1: must be greater than or equal to 0"]),
    ("negative completions", setter("spec.completions", -3),
     ["spec.completions: Invalid value: -3: must be greater than or equal to 0"]),
    ("negative backoff", setter("spec.backoffLimit", -1),
     ["spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"]),
    ("manual without selector", setter("spec.manualSelector", True),
     ["spec.selector: Required value",
      f'spec.template.metadata.labels: Invalid value: map[string]string{{"app":"batch-job"}}: {MISMATCH}']),
    ("manual matching", lambda o: o["spec"].update(manualSelector=True, selector={"matchLabels": {"app": "batch-job"}}), []),
    ("manual mismatch", lambda o: o["spec"].update(manualSelector=True, selector={"matchLabels": {"app": "other"}}),
     [f'spec.template.metadata.labels: Invalid value: map[string]string{{"app":"batch-job"}}: {MISMATCH}']),
    ("conflicting job-name label", setter("spec.template.metadata.labels.job-name", "other"),
     ['spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"app":"batch-job", '
      f'"batch.kubernetes.io/controller-uid":"{UID}", "batch.kubernetes.io/job-name":"batch-job", '
      f'"controller-uid":"{UID}", "job-name":"other"}}: must be \'batch-job\'']),
    ("completion mode", setter("spec.completionMode", "Sometimes"),
     ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"']),
]


@pytest.mark.parametrize(("case", "tweak", "expected"), JOB_ROWS, ids=[r[0] for r in JOB_ROWS])
def test_job_create_errors(case: str, tweak: Tweak, expected: list[str]) -> None:
    """One mistake in batch-job, the exact batch/v1 errors."""
    assert create_errors("batch-job", tweak) == expected


def test_job_restart_policy_message_as_kubectl_shows_it() -> None:
    """facts.md section 6: the Job restartPolicy message since 1.20."""
    job = created("batch-job", setter("spec.template.spec.restartPolicy", DELETE))
    assert errors.invalid("Job", "pi", validation.validate_create(job)).message == (
        'Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"')


# ------------------------------------------------------------------ Namespace, Node, Event
@pytest.mark.parametrize(("name", "expected"), [
    ("test1-namespace", []),
    ("Test1", [f'metadata.name: Invalid value: "Test1": {LABEL_MSG}']),
    ("test.ns", ['metadata.name: Invalid value: "test.ns": must not contain dots']),
    ("a" * 64, [f'metadata.name: Invalid value: "{"a" * 64}": must be no more than 63 characters',
                f'metadata.labels: Invalid value: "{"a" * 64}": must be no more than 63 characters']),
])
def test_namespace_names_are_dns_labels(name: str, expected: list[str]) -> None:
    """Namespace names use NameIsDNSLabel: dots get their own shorter message; an over-long name
    also breaks the kubernetes.io/metadata.name label defaulting copies it into."""
    assert create_errors("test1-namespace", setter("metadata.name", name)) == expected


def test_namespace_finalizer_must_be_standard_or_qualified() -> None:
    """spec.finalizers entries: the path is not indexed upstream."""
    assert create_errors("test1-namespace", setter("spec.finalizers", ["custom"])) == [
        'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']


def node(**spec: object) -> dict:
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "worker-1"}, "spec": spec}


@pytest.mark.parametrize(("taints", "expected"), [
    ([{"key": "gpu", "value": "true", "effect": "NoSchedule"}], []),
    ([{"key": "gpu", "value": "true"}], ["metadata.taints[0].effect: Required value"]),
    ([{"key": "gpu", "effect": "NoRun"}],
     ['metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']),
    ([{"key": "gpu", "effect": "NoSchedule"}, {"key": "gpu", "value": "x", "effect": "NoSchedule"}],
     ['metadata.taints[1]: Duplicate value: core.Taint{Key:"gpu", Value:"x", Effect:"NoSchedule", '
      "TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair"]),
])
def test_node_taints(taints: list, expected: list[str]) -> None:
    """validateNodeTaints, reported under metadata.taints exactly as upstream does."""
    assert [str(e) for e in validation.validate_create(node(taints=taints))] == expected


def test_event_namespace_must_match_involved_object() -> None:
    """legacyValidateEvent: an Event lives in its involved object's namespace."""
    event = {"kind": "Event", "metadata": {"name": "x.1", "namespace": "default"},
             "involvedObject": {"kind": "Pod", "name": "x", "namespace": "other"}, "reason": "Pulled"}
    assert [str(e) for e in validation.validate_create(event)] == [
        'involvedObject.namespace: Invalid value: "other": does not match event.namespace']
    event["involvedObject"]["namespace"] = "default"
    assert validation.validate_create(event) == []


# ------------------------------------------------------------------ updates
def pod_pair(tweak: Tweak) -> tuple[dict, dict]:
    """The stored pod and a changed copy, defaulted again as a PUT body is."""
    old = created("nginx-manual")
    new = copy.deepcopy(old)
    tweak(new)
    defaults.apply_defaults(new, create=False)
    return old, new


@pytest.mark.parametrize(("case", "tweak", "expected"), [
    ("image", setter("spec.containers.0.image", "nginx:1.10"), []),
    ("labels", setter("metadata.labels", {"rel": "stable"}), []),
    ("deadline", setter("spec.activeDeadlineSeconds", 60), []),
    ("added toleration", lambda o: o["spec"]["tolerations"].append({"key": "gpu", "operator": "Exists"}), []),
    ("added container", lambda o: o["spec"]["containers"].append({"name": "side", "image": "busybox"}),
     ["spec.containers: Forbidden: pod updates may not add or remove containers"]),
    ("empty image", setter("spec.containers.0.image", ""), ["spec.containers[0].image: Required value"]),
    ("uid", setter("metadata.uid", "other"), ['metadata.uid: Invalid value: "other": field is immutable']),
])
def test_pod_update_rules(case: str, tweak: Tweak, expected: list[str]) -> None:
    """ValidatePodUpdate: what may change on a running pod."""
    assert update_errors(*pod_pair(tweak)) == expected


def test_pod_update_may_not_change_a_toleration() -> None:
    """A user's toleration can only gain a tolerationSeconds; the default ones heal themselves."""
    old = created("nginx-manual", setter("spec.tolerations", [{"key": "gpu", "operator": "Exists", "effect": "NoExecute"}]))
    new = copy.deepcopy(old)
    new["spec"]["tolerations"][0]["tolerationSeconds"] = 60
    assert update_errors(old, new) == []
    new["spec"]["tolerations"][0]["key"] = "disk"
    assert update_errors(old, new) == [
        "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"]
    healed = copy.deepcopy(old)
    healed["spec"]["tolerations"] = healed["spec"]["tolerations"][:1]
    defaults.apply_defaults(healed, create=False)
    assert update_errors(old, healed) == []


def test_pod_update_deadline_may_only_shrink() -> None:
    """activeDeadlineSeconds may be set, then lowered, never raised or removed."""
    old, new = pod_pair(setter("spec.activeDeadlineSeconds", 60))
    old["spec"]["activeDeadlineSeconds"] = 30
    assert update_errors(old, new) == [
        "spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value"]
    del new["spec"]["activeDeadlineSeconds"]
    assert update_errors(old, new) == [
        'spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value']


def test_pod_port_change_is_forbidden_with_the_cmp_diff() -> None:
    """Changing a port: upstream's first line exactly, then the go-cmp shaped diff of core.PodSpec."""
    old, new = pod_pair(setter("spec.containers.0.ports.0.containerPort", 8080))
    volume = old["spec"]["volumes"][0]["name"]
    assert update_errors(old, new) == [UPDATABLE + "\n" + "\n".join([
        "  core.PodSpec{",
        f'  \tVolumes:        {{{{Name: "{volume}", VolumeSource: {{Projected: &{{Sources: {{{{ServiceAccountToken: '
        '&{ExpirationSeconds: 3607, Path: "token"}}, {ConfigMap: &{LocalObjectReference: {Name: "kube-root-ca.crt"}, '
        'Items: {{Key: "ca.crt", Path: "ca.crt"}}}}, {DownwardAPI: &{Items: {{Path: "namespace", FieldRef: '
        '&{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}}}, DefaultMode: &420}}}},',
        "  \tInitContainers: nil,",
        "  \tContainers: []core.Container{",
        "  \t\t{",
        "  \t\t\t... // 3 identical fields",
        "  \t\t\tArgs:       nil,",
        '  \t\t\tWorkingDir: "",',
        "  \t\t\tPorts: []core.ContainerPort{",
        "  \t\t\t\t{",
        "- \t\t\t\t\tContainerPort: 80,",
        "+ \t\t\t\t\tContainerPort: 8080,",
        '  \t\t\t\t\tProtocol:      "TCP",',
        "  \t\t\t\t},",
        "  \t\t\t},",
        "  \t\t\tEnvFrom: nil,",
        "  \t\t\tEnv:     nil,",
        "  \t\t\t... // 16 identical fields",
        "  \t\t},",
        "  \t},",
        "  \tEphemeralContainers: nil,",
        '  \tRestartPolicy:       "Always",',
        "  \t... // 29 identical fields",
        "  }",
        "",
    ])]


def test_pod_replace_with_the_bare_manifest_shows_what_admission_added() -> None:
    """kubectl replace of nginx-manual.yaml: the token volume and service account differ."""
    old = created("nginx-manual")
    new = load("nginx-manual")
    defaults.apply_defaults(new, rng=random.Random(9), create=False)
    new["metadata"]["uid"] = UID
    (err,) = update_errors(old, new)
    assert err.startswith(UPDATABLE + "\n  core.PodSpec{\n- \tVolumes:        {{Name: \"kube-api-access-")
    assert '- \tServiceAccountName:           "default",\n+ \tServiceAccountName:           "",\n' in err
    assert err.endswith("  }\n")


def test_node_selector_change_diff() -> None:
    """A nodeSelector added to a running pod: one -/+ pair between aligned context fields."""
    old, new = pod_pair(setter("spec.nodeSelector", {"gpu": "true"}))
    (err,) = update_errors(old, new)
    assert err == UPDATABLE + "\n" + "\n".join([
        "  core.PodSpec{",
        "  \t... // 6 identical fields",
        "  \tActiveDeadlineSeconds:        nil,",
        '  \tDNSPolicy:                    "ClusterFirst",',
        "- \tNodeSelector:                 nil,",
        '+ \tNodeSelector:                 {"gpu": "true"},',
        '  \tServiceAccountName:           "default",',
        "  \tAutomountServiceAccountToken: nil,",
        "  \t... // 23 identical fields",
        "  }",
        "",
    ])


def rs_pair(tweak: Tweak, name: str = "nginx-rs") -> tuple[dict, dict]:
    old = created(name)
    new = copy.deepcopy(old)
    tweak(new)
    return old, new


def test_replica_set_updates() -> None:
    """Scaling and new templates are fine; the selector is immutable in apps/v1."""
    assert update_errors(*rs_pair(setter("spec.replicas", 5))) == []
    assert update_errors(*rs_pair(setter("spec.template.spec.containers.0.image", "nginx:1.10"))) == []

    def relabel(o: dict) -> None:
        o["spec"]["selector"] = {"matchLabels": {"app": "web"}}
        o["spec"]["template"]["metadata"]["labels"] = {"app": "web"}
    assert update_errors(*rs_pair(relabel)) == [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, '
        "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"]


def test_replica_set_update_reports_spec_errors_once() -> None:
    """Create and update validation both run; the repeated cause is shown once."""
    assert update_errors(*rs_pair(setter("spec.replicas", -1))) == [
        "spec.replicas: Invalid value: -1: must be greater than or equal to 0"]


def test_daemon_set_selector_is_immutable() -> None:
    """apps/v1 DaemonSet: same selector rule as the ReplicaSet."""
    def relabel(o: dict) -> None:
        o["spec"]["selector"] = {"matchLabels": {"app": "db"}}
        o["spec"]["template"]["metadata"]["labels"] = {"app": "db"}
    assert update_errors(*rs_pair(relabel, "mysql-ds")) == [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"db"}, '
        "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"]


def test_job_updates() -> None:
    """Parallelism may change; completions and the template may not."""
    assert update_errors(*rs_pair(setter("spec.parallelism", 3), "batch-job")) == []
    assert update_errors(*rs_pair(setter("spec.completions", 2), "batch-job")) == [
        "spec.completions: Invalid value: 2: field is immutable"]
    assert update_errors(*rs_pair(setter("spec.template.spec.containers.0.image", "busybox"), "batch-job")) == [
        "spec.template: Invalid value: core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}: "
        "field is immutable"]


def test_suspended_job_may_change_scheduling_directives() -> None:
    """A suspended Job that never started may get a new nodeSelector (AllowMutableSchedulingDirectives)."""
    old = created("batch-job", setter("spec.suspend", True))
    new = copy.deepcopy(old)
    new["spec"]["template"]["spec"]["nodeSelector"] = {"disk1": "ssd1"}
    assert update_errors(old, new) == []


def test_namespace_update_keeps_name() -> None:
    """Namespaces revalidate on update; labels may change."""
    old = created("test1-namespace")
    new = copy.deepcopy(old)
    new["metadata"]["labels"]["team"] = "a"
    assert update_errors(old, new) == []


# ------------------------------------------------------------------ speed
def test_defaults_and_validation_of_a_pod_are_fast() -> None:
    """Controllers create thousands of pods: defaulting plus validating one takes well under 0.2 ms.

    CPU time of the best of five batches (timeit's rule), so a busy machine does not fail it.
    """
    text = json.dumps(load("nginx-manual"))
    rng = random.Random(1)
    best = float("inf")
    for _ in range(5):
        pods = [json.loads(text) for _ in range(200)]
        start = time.process_time()
        for pod in pods:
            defaults.apply_defaults(pod, rng=rng, uid=UID)
            assert not validation.validate_create(pod)
        best = min(best, (time.process_time() - start) / len(pods))
    assert best < 0.0002, f"{best * 1e6:.0f} µs per pod"
