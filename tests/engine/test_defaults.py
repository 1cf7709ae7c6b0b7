"""Server-side defaults: what ``kubectl get -o yaml`` shows after a create on a real v1.33 cluster."""

from __future__ import annotations

import random

import pytest
import yaml

from cluster_core.api import defaults
from tests.engine.tutorial_manifests import load

UID = "3f1e0c2a-5b7d-4e9f-8a6c-1d2e3f4a5b6c"
SA_VOLUME = """
name: kube-api-access-{suffix}
projected:
  defaultMode: 420
  sources:
  - serviceAccountToken: {{expirationSeconds: 3607, path: token}}
  - configMap:
      items: [{{key: ca.crt, path: ca.crt}}]
      name: kube-root-ca.crt
  - downwardAPI:
      items:
      - fieldRef: {{apiVersion: v1, fieldPath: metadata.namespace}}
        path: namespace
"""
TOLERATIONS = """
- {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 300}
- {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists, tolerationSeconds: 300}
"""
TEMPLATE_POD_SPEC = {
    "dnsPolicy": "ClusterFirst",
    "restartPolicy": "Always",
    "schedulerName": "default-scheduler",
    "securityContext": {},
    "terminationGracePeriodSeconds": 30,
}


def defaulted(name: str, seed: int = 7, **kw: object) -> dict:
    obj = load(name)
    defaults.apply_defaults(obj, rng=random.Random(seed), uid=UID, **kw)  # type: ignore[arg-type]
    return obj


def suffix_for(seed: int) -> str:
    """The five characters a fresh Random(seed) draws first from Kubernetes' suffix alphabet."""
    rng = random.Random(seed)
    return "".join(rng.choice("bcdfghjklmnpqrstvwxz2456789") for _ in range(5))


def test_nginx_manual_pod_gets_every_server_default() -> None:
    """The tutorial's first pod, defaulted as the tutorial's `kubectl get pod -o yaml` shows it."""
    pod = defaulted("nginx-manual")
    name = "kube-api-access-" + suffix_for(7)
    assert pod == {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "nginx-manual", "namespace": "default", "uid": UID},
        "spec": {
            "containers": [{
                "image": "nginx:1.9.1",
                "imagePullPolicy": "IfNotPresent",
                "name": "nginx",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                                  "name": name, "readOnly": True}],
            }],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": True,
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": "default",
            "serviceAccountName": "default",
            "terminationGracePeriodSeconds": 30,
            "tolerations": yaml.safe_load(TOLERATIONS),
            "volumes": [yaml.safe_load(SA_VOLUME.format(suffix=suffix_for(7)))],
        },
    }


def test_volume_suffix_is_deterministic_for_a_seed() -> None:
    """Same seed, same kube-api-access name; the suffix uses only the vowel-free alphabet."""
    a = defaulted("nginx-manual", seed=3)["spec"]["volumes"][0]["name"]
    b = defaulted("nginx-manual", seed=3)["spec"]["volumes"][0]["name"]
    assert a == b == "kube-api-access-" + suffix_for(3)
    assert set(a.removeprefix("kube-api-access-")) <= set("bcdfghjklmnpqrstvwxz2456789")


def test_labels_and_node_selector_are_kept() -> None:
    """nginx-manual-v2 keeps its labels; nginx-gpu keeps its nodeSelector."""
    assert defaulted("nginx-manual-v2")["metadata"]["labels"] == {"creation_method": "manual", "rel": "beta"}
    assert defaulted("nginx-gpu")["spec"]["nodeSelector"] == {"gpu": "true"}


@pytest.mark.parametrize(("image", "policy"), [
    ("nginx", "Always"),
    ("nginx:latest", "Always"),
    ("docker.io/library/nginx", "Always"),
    ("localhost:5000/tools", "Always"),
    ("nginx:1.9.1", "IfNotPresent"),
    ("kubeguide/tomcat-app:v1", "IfNotPresent"),
    ("registry.k8s.io/pause:3.10", "IfNotPresent"),
    ("nginx@sha256:" + "a" * 64, "IfNotPresent"),
    ("nginx:1.25@sha256:" + "a" * 64, "IfNotPresent"),
    ("Nginx", "IfNotPresent"),
    ("nginx:", "IfNotPresent"),
    ("", "IfNotPresent"),
])
def test_image_pull_policy_follows_the_tag(image: str, policy: str) -> None:
    """`:latest` or no tag pulls Always; a tag, a digest or an unparsable reference IfNotPresent."""
    pod = {"kind": "Pod", "spec": {"containers": [{"name": "c", "image": image}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    assert pod["spec"]["containers"][0]["imagePullPolicy"] == policy


def test_explicit_pull_policy_is_kept() -> None:
    """A pull policy the manifest sets is never overwritten."""
    pod = {"kind": "Pod", "spec": {"containers": [{"name": "c", "image": "nginx", "imagePullPolicy": "Never"}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    assert pod["spec"]["containers"][0]["imagePullPolicy"] == "Never"


def test_namespace_gets_name_label_and_kubernetes_finalizer() -> None:
    """test1-namespace: the kubernetes.io/metadata.name label and spec.finalizers [kubernetes]."""
    ns = defaulted("test1-namespace")
    assert ns["metadata"]["labels"] == {"kubernetes.io/metadata.name": "test1-namespace"}
    assert ns["spec"] == {"finalizers": ["kubernetes"]}


def test_namespace_finalizer_is_create_only_but_label_is_every_decode() -> None:
    """On update the label is re-applied but a removed finalizer is not put back."""
    ns = {"kind": "Namespace", "metadata": {"name": "x", "labels": {}}, "spec": {"finalizers": []}}
    defaults.apply_defaults(ns, create=False)
    assert ns["metadata"]["labels"] == {"kubernetes.io/metadata.name": "x"}
    assert ns["spec"]["finalizers"] == []


def test_replica_set_defaults_template_not_pod_only_fields() -> None:
    """nginx ReplicaSet: template gets PodSpec defaults but no SA volume, priority or tolerations."""
    rs = defaulted("nginx-rs")
    assert rs["spec"]["replicas"] == 3
    assert rs["spec"]["template"] == {
        "metadata": {"creationTimestamp": None, "labels": {"app": "nginx"}},
        "spec": {
            "containers": [{
                "image": "nginx:1.9.1",
                "imagePullPolicy": "IfNotPresent",
                "name": "nginx",
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
            }],
            **TEMPLATE_POD_SPEC,
        },
    }


def test_replica_set_replicas_default_to_one() -> None:
    """SetDefaults_ReplicaSet: replicas 1 when absent."""
    rs = load("nginx-rs")
    del rs["spec"]["replicas"]
    defaults.apply_defaults(rs, rng=random.Random(1), uid=UID)
    assert rs["spec"]["replicas"] == 1


def test_daemon_set_defaults() -> None:
    """mysql-ds: rolling update 1/0, revisionHistoryLimit 10, the template-generation annotation."""
    ds = defaulted("mysql-ds")
    assert ds["metadata"]["annotations"] == {"deprecated.daemonset.template.generation": "1"}
    assert ds["spec"]["updateStrategy"] == {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1},
                                            "type": "RollingUpdate"}
    assert ds["spec"]["revisionHistoryLimit"] == 10
    assert ds["spec"]["template"]["spec"]["containers"][0]["env"] == [
        {"name": "MYSQL_ROOT_PASSWORD", "value": "Az123456_"}]


def test_daemon_set_on_delete_gets_no_rolling_update() -> None:
    """An OnDelete strategy stays without rollingUpdate parameters."""
    ds = load("tomcat-ssd")
    ds["spec"]["updateStrategy"] = {"type": "OnDelete"}
    defaults.apply_defaults(ds, rng=random.Random(1), uid=UID)
    assert ds["spec"]["updateStrategy"] == {"type": "OnDelete"}


def test_batch_job_defaults_and_generated_selector() -> None:
    """batch-job: counts, policies, the controller-uid selector and the four template labels."""
    job = defaulted("batch-job")
    assert job["metadata"]["labels"] == {"app": "batch-job"}
    spec = job["spec"]
    assert {k: spec[k] for k in ("backoffLimit", "completionMode", "completions", "parallelism",
                                 "podReplacementPolicy", "suspend")} == {
        "backoffLimit": 6, "completionMode": "NonIndexed", "completions": 1, "parallelism": 1,
        "podReplacementPolicy": "TerminatingOrFailed", "suspend": False}
    assert "manualSelector" not in spec
    assert spec["selector"] == {"matchLabels": {"batch.kubernetes.io/controller-uid": UID}}
    assert spec["template"]["metadata"] == {"creationTimestamp": None, "labels": {
        "app": "batch-job",
        "batch.kubernetes.io/controller-uid": UID,
        "batch.kubernetes.io/job-name": "batch-job",
        "controller-uid": UID,
        "job-name": "batch-job",
    }}
    assert spec["template"]["spec"]["restartPolicy"] == "OnFailure"


def test_job_without_labels_shows_the_generated_ones() -> None:
    """Like `kubectl create job`: a GET re-defaults, so the Job carries its template's labels."""
    job = {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi", "namespace": "default"},
           "spec": {"template": {"spec": {"restartPolicy": "Never",
                                          "containers": [{"name": "pi", "image": "perl"}]}}}}
    defaults.apply_defaults(job, rng=random.Random(1), uid=UID)
    assert job["metadata"]["labels"] == {
        "batch.kubernetes.io/controller-uid": UID, "batch.kubernetes.io/job-name": "pi",
        "controller-uid": UID, "job-name": "pi"}


@pytest.mark.parametrize(("given", "expected"), [
    ({}, {"completions": 1, "parallelism": 1}),
    ({"completions": 10}, {"completions": 10, "parallelism": 1}),
    ({"completions": 10, "parallelism": 3}, {"completions": 10, "parallelism": 3}),
    ({"parallelism": 3}, {"parallelism": 3}),
])
def test_job_completions_and_parallelism(given: dict, expected: dict) -> None:
    """Both unset: both 1; parallelism alone leaves completions unset (the work-queue pattern)."""
    job = load("batch-job")
    job["spec"].update(given)
    defaults.apply_defaults(job, rng=random.Random(1), uid=UID)
    assert {k: job["spec"][k] for k in ("completions", "parallelism") if k in job["spec"]} == expected


def test_job_manual_selector_is_not_generated() -> None:
    """manualSelector: true leaves the selector and template labels as written."""
    job = load("batch-job")
    job["spec"]["manualSelector"] = True
    job["spec"]["selector"] = {"matchLabels": {"app": "batch-job"}}
    defaults.apply_defaults(job, rng=random.Random(1), uid=UID)
    assert job["spec"]["selector"] == {"matchLabels": {"app": "batch-job"}}
    assert job["spec"]["template"]["metadata"]["labels"] == {"app": "batch-job"}


def test_job_selector_is_not_generated_on_update() -> None:
    """PrepareForUpdate does not generate selectors: a replaced Job keeps what the manifest says."""
    job = load("batch-job")
    defaults.apply_defaults(job, rng=random.Random(1), uid=UID, create=False)
    assert "selector" not in job["spec"]


def test_limits_become_requests_on_pods_only() -> None:
    """SetDefaults_Pod copies limits to missing requests; a template keeps requests empty."""
    pod = {"kind": "Pod", "spec": {"containers": [{"name": "c", "image": "nginx", "resources": {
        "limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m"}}}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    assert pod["spec"]["containers"][0]["resources"] == {
        "limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m", "memory": "128Mi"}}
    rs = load("nginx-rs")
    rs["spec"]["template"]["spec"]["containers"][0]["resources"] = {"limits": {"cpu": "1"}}
    defaults.apply_defaults(rs, rng=random.Random(1), uid=UID)
    assert rs["spec"]["template"]["spec"]["containers"][0]["resources"] == {"limits": {"cpu": "1"}}


@pytest.mark.parametrize(("given", "shown"), [
    ("0.5", "500m"), (0.5, "500m"), (1, "1"), ("1000m", "1"), ("1500m", "1500m"), ("1000", "1k"),
    ("1024Mi", "1Gi"), ("1.5Gi", "1536Mi"), ("0.5Gi", "512Mi"), ("128Mi", "128Mi"), ("1e3", "1e3"),
    ("1G", "1G"), ("0.0001", "1m"), ("100M", "100M"), ("0", "0"),
])
def test_quantities_are_stored_canonically(given: object, shown: str) -> None:
    """Quantities print in canonical form, rounded up to milli precision (SetDefaults_ResourceList)."""
    pod = {"kind": "Pod", "spec": {"containers": [{"name": "c", "image": "nginx",
                                                   "resources": {"requests": {"cpu": given}}}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    assert pod["spec"]["containers"][0]["resources"]["requests"]["cpu"] == shown


def test_update_defaults_skip_service_account_admission() -> None:
    """create=False (a PUT): no service account or token volume, still priority and tolerations."""
    pod = defaulted("nginx-manual", create=False)
    spec = pod["spec"]
    assert "serviceAccountName" not in spec and "volumes" not in spec
    assert "volumeMounts" not in spec["containers"][0]
    assert spec["priority"] == 0 and len(spec["tolerations"]) == 2
    assert "uid" not in pod["metadata"]


def test_existing_mount_at_token_path_blocks_the_volume() -> None:
    """A container that already mounts something at the token path gets no token volume."""
    pod = {"kind": "Pod", "spec": {
        "volumes": [{"name": "mine", "emptyDir": {}}],
        "containers": [{"name": "c", "image": "nginx", "volumeMounts": [
            {"name": "mine", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    assert [v["name"] for v in pod["spec"]["volumes"]] == ["mine"]


def test_automount_false_skips_the_token() -> None:
    """automountServiceAccountToken: false still sets the account but mounts nothing."""
    pod = {"kind": "Pod", "spec": {"automountServiceAccountToken": False,
                                   "containers": [{"name": "c", "image": "nginx"}]}}
    defaults.apply_defaults(pod)
    assert pod["spec"]["serviceAccountName"] == "default"
    assert "volumes" not in pod["spec"]


def test_token_volume_needs_an_rng() -> None:
    """Naming the token volume draws from the cluster's rng; without one it refuses."""
    with pytest.raises(ValueError):
        defaults.apply_defaults({"kind": "Pod", "spec": {"containers": [{"name": "c", "image": "x"}]}})


@pytest.mark.parametrize("toleration", [
    {"operator": "Exists"},
    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"},
])
def test_default_tolerations_only_when_not_already_tolerated(toleration: dict) -> None:
    """DefaultTolerationSeconds adds only the not-ready/unreachable tolerations not yet covered."""
    pod = {"kind": "Pod", "spec": {"tolerations": [toleration], "containers": [{"name": "c", "image": "x"}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    keys = [t.get("key") for t in pod["spec"]["tolerations"]]
    if "key" in toleration:
        assert keys == ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
    else:
        assert keys == [None]


def test_probe_and_host_network_defaults() -> None:
    """Probe timings and HTTP scheme/path; hostNetwork copies containerPort to hostPort."""
    pod = {"kind": "Pod", "spec": {"hostNetwork": True, "containers": [{
        "name": "c", "image": "nginx", "ports": [{"containerPort": 8080}],
        "livenessProbe": {"httpGet": {"port": 8080}}}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    c = pod["spec"]["containers"][0]
    assert c["ports"] == [{"containerPort": 8080, "hostPort": 8080, "protocol": "TCP"}]
    assert c["livenessProbe"] == {"failureThreshold": 3, "periodSeconds": 10, "successThreshold": 1,
                                  "timeoutSeconds": 1, "httpGet": {"path": "/", "port": 8080, "scheme": "HTTP"}}


def test_user_volumes_get_modes_and_empty_dir() -> None:
    """configMap/secret volumes get defaultMode 420; a volume with no source becomes an emptyDir."""
    pod = {"kind": "Pod", "spec": {"containers": [{"name": "c", "image": "x"}], "volumes": [
        {"name": "a", "configMap": {"name": "cm"}}, {"name": "b", "secret": {"secretName": "s"}}, {"name": "c"}]}}
    defaults.apply_defaults(pod, rng=random.Random(1))
    assert pod["spec"]["volumes"][:3] == [
        {"name": "a", "configMap": {"name": "cm", "defaultMode": 420}},
        {"name": "b", "secret": {"secretName": "s", "defaultMode": 420}},
        {"name": "c", "emptyDir": {}}]
