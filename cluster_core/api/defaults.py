"""What a real v1.33 API server fills in before it validates and stores an object.

Three upstream sources mutate a create, in this order, and this module reproduces all three so
``kubectl get -o yaml`` shows the same fields a real cluster does:

1. Scheme defaulting at decode time: ``pkg/apis/core/v1/defaults.go`` (SetDefaults_PodSpec,
   SetDefaults_Pod, SetDefaults_Container, ...), ``pkg/apis/apps/v1/defaults.go`` and
   ``pkg/apis/batch/v1/defaults.go``. It runs on every decode, create and update alike.
2. The default mutating admission plugins (``plugin/pkg/admission``): ServiceAccount (create only),
   Priority and DefaultTolerationSeconds (create and update).
3. The registry strategies' PrepareForCreate: the Job selector generation
   (``pkg/registry/batch/job/strategy.go`` generateSelector), the Namespace ``kubernetes``
   finalizer and the DaemonSet ``deprecated.daemonset.template.generation`` annotation. Status
   initialisation stays with the server (``server._initial_status``).

Pass ``create=False`` on update: only step 1, Priority and DefaultTolerationSeconds apply then,
which is why ``kubectl replace`` of a pod manifest without the service-account volume is refused.
"""

from __future__ import annotations

import random
import re
from typing import Any

from cluster_core.api.quantity import canonical, parse_quantity, round_up_milli

SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"  # apimachinery util/rand
SA_VOLUME_PREFIX = "kube-api-access-"
SA_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
DEFAULT_TOLERATION_SECONDS = 300
NOT_READY_TAINT = "node.kubernetes.io/not-ready"
UNREACHABLE_TAINT = "node.kubernetes.io/unreachable"
MAX_INT32 = 2**31 - 1

LEGACY_CONTROLLER_UID = "controller-uid"
LEGACY_JOB_NAME = "job-name"
CONTROLLER_UID = "batch.kubernetes.io/controller-uid"
JOB_NAME = "batch.kubernetes.io/job-name"
DS_TEMPLATE_GENERATION = "deprecated.daemonset.template.generation"


def apply_defaults(obj: dict, *, rng: random.Random | None = None, uid: str | None = None,
                   create: bool = True) -> None:
    """Fill in server defaults in place. ``rng`` names the service-account volume of a Pod;
    ``uid`` is the new object's uid, needed for a Job's generated selector."""
    if create and uid:  # FillObjectMetaSystemFields runs before admission and PrepareForCreate
        _child(obj, "metadata").setdefault("uid", uid)
    fn = _BY_KIND.get(obj.get("kind", ""))
    if fn is not None:
        fn(obj, rng, uid, create)


# ------------------------------------------------------------------ Pod
def _pod(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    spec = _child(obj, "spec")
    default_pod_spec(spec)
    for c in _containers(spec):
        _requests_from_limits(c)
        if spec.get("hostNetwork"):
            for p in c.get("ports") or []:
                if isinstance(p, dict) and not p.get("hostPort"):
                    p["hostPort"] = p.get("containerPort")
    spec.setdefault("enableServiceLinks", True)
    if create:
        _service_account_admission(obj, spec, rng)
    # Priority admission: on create the default priority; on update the old values, which for a
    # cluster without PriorityClasses are these same ones.
    spec.setdefault("priority", 0)
    spec.setdefault("preemptionPolicy", "PreemptLowerPriority")
    _default_toleration_seconds(spec)


def default_pod_spec(spec: dict) -> None:
    """SetDefaults_PodSpec plus the defaults of everything a PodSpec contains."""
    if not spec.get("dnsPolicy"):
        spec["dnsPolicy"] = "ClusterFirst"
    if not spec.get("restartPolicy"):
        spec["restartPolicy"] = "Always"
    if spec.get("securityContext") is None:
        spec["securityContext"] = {}
    if spec.get("terminationGracePeriodSeconds") is None:
        spec["terminationGracePeriodSeconds"] = 30
    if not spec.get("schedulerName"):
        spec["schedulerName"] = "default-scheduler"
    # v1 conversion: serviceAccount is a deprecated alias that always mirrors serviceAccountName
    if not spec.get("serviceAccountName") and spec.get("serviceAccount"):
        spec["serviceAccountName"] = spec["serviceAccount"]
    if spec.get("serviceAccountName"):
        spec["serviceAccount"] = spec["serviceAccountName"]
    for c in _containers(spec):
        _container(c)
    for v in spec.get("volumes") or []:
        if isinstance(v, dict):
            _volume(v)


def _containers(spec: dict) -> list[dict]:
    out = [c for c in spec.get("initContainers") or [] if isinstance(c, dict)]
    out += [c for c in spec.get("containers") or [] if isinstance(c, dict)]
    return out


def _container(c: dict) -> None:
    if not c.get("imagePullPolicy"):
        c["imagePullPolicy"] = "Always" if image_tag(str(c.get("image") or "")) == "latest" else "IfNotPresent"
    if not c.get("terminationMessagePath"):
        c["terminationMessagePath"] = "/dev/termination-log"
    if not c.get("terminationMessagePolicy"):
        c["terminationMessagePolicy"] = "File"
    res = c.get("resources")
    if not isinstance(res, dict):
        res = c["resources"] = {}
    for key in ("limits", "requests"):
        if isinstance(res.get(key), dict):
            _resource_list(res[key])
    for p in c.get("ports") or []:
        if isinstance(p, dict) and not p.get("protocol"):
            p["protocol"] = "TCP"
    for e in c.get("env") or []:
        ref = (e.get("valueFrom") or {}).get("fieldRef") if isinstance(e, dict) else None
        if isinstance(ref, dict) and not ref.get("apiVersion"):
            ref["apiVersion"] = "v1"
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        if isinstance(c.get(probe), dict):
            _probe(c[probe])
    for hook in ((c.get("lifecycle") or {}).values() if isinstance(c.get("lifecycle"), dict) else ()):
        if isinstance(hook, dict) and isinstance(hook.get("httpGet"), dict):
            _http_get(hook["httpGet"])


def _resource_list(rl: dict) -> None:
    """SetDefaults_ResourceList rounds up to milli precision; quantities print canonically."""
    for k, raw in list(rl.items()):
        q = parse_quantity(raw)
        if q is not None:
            rl[k] = canonical(round_up_milli(q))


def _probe(p: dict) -> None:
    for key, value in (("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1),
                       ("failureThreshold", 3)):
        if not p.get(key):
            p[key] = value
    if isinstance(p.get("httpGet"), dict):
        _http_get(p["httpGet"])


def _http_get(h: dict) -> None:
    if not h.get("path"):
        h["path"] = "/"
    if not h.get("scheme"):
        h["scheme"] = "HTTP"


def _volume(v: dict) -> None:
    """SetDefaults_Volume and the per-source defaults (file modes 0644 = 420)."""
    if not any(k != "name" for k in v):
        v["emptyDir"] = {}
    for key in ("secret", "configMap", "downwardAPI", "projected"):
        src = v.get(key)
        if isinstance(src, dict) and src.get("defaultMode") is None:
            src["defaultMode"] = 420
    for fref in _downward_items(v):
        if not fref.get("apiVersion"):
            fref["apiVersion"] = "v1"
    if isinstance(v.get("hostPath"), dict) and v["hostPath"].get("type") is None:
        v["hostPath"]["type"] = ""
    for src in (v.get("projected") or {}).get("sources") or []:
        tok = src.get("serviceAccountToken") if isinstance(src, dict) else None
        if isinstance(tok, dict) and tok.get("expirationSeconds") is None:
            tok["expirationSeconds"] = 3600


def _downward_items(v: dict) -> list[dict]:
    items = list((v.get("downwardAPI") or {}).get("items") or [])
    for src in (v.get("projected") or {}).get("sources") or []:
        if isinstance(src, dict):
            items += (src.get("downwardAPI") or {}).get("items") or []
    return [i["fieldRef"] for i in items if isinstance(i, dict) and isinstance(i.get("fieldRef"), dict)]


def _requests_from_limits(c: dict) -> None:
    """SetDefaults_Pod: a limit without a request becomes the request (pods only, not templates)."""
    res = c.get("resources") or {}
    limits = res.get("limits")
    if not isinstance(limits, dict) or not limits:
        return
    requests = res.setdefault("requests", {})
    if isinstance(requests, dict):
        for k, v in limits.items():
            requests.setdefault(k, v)


def image_tag(image: str) -> str:
    """The tag parsers.ParseImageName finds: ``latest`` when there is neither tag nor digest,
    ``""`` when only a digest is given or the reference does not parse (distribution/reference)."""
    name, at, digest = image.partition("@")
    if at and not _DIGEST_RE.fullmatch(digest):
        return ""
    slash = name.rfind("/")
    colon = name.rfind(":")
    tag = ""
    if colon > slash:
        name, tag = name[:colon], name[colon + 1:]
        if not _TAG_RE.fullmatch(tag):
            return ""
    domain, sep, rest = name.partition("/")
    if sep and _is_domain(domain):
        if not _DOMAIN_RE.fullmatch(domain):
            return ""
        name = rest
    if not _REPO_RE.fullmatch(name):
        return ""
    if tag:
        return tag
    return "" if at else "latest"


_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*"
_REPO_RE = re.compile(_PATH_COMPONENT + r"(?:/" + _PATH_COMPONENT + r")*")
_TAG_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
_DIGEST_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}")
_DOMAIN_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?")


def _is_domain(part: str) -> bool:
    """splitDockerDomain: the first component is a registry when it looks like a host."""
    return "." in part or ":" in part or part == "localhost" or part != part.lower()


def _service_account_admission(obj: dict, spec: dict, rng: random.Random | None) -> None:
    """plugin/pkg/admission/serviceaccount: default SA and the projected kube-api-access volume."""
    annotations = (obj.get("metadata") or {}).get("annotations") or {}
    if "kubernetes.io/config.mirror" in annotations:
        return
    if not spec.get("serviceAccountName"):
        spec["serviceAccountName"] = spec["serviceAccount"] = "default"
    if spec.get("automountServiceAccountToken") is False:
        return
    volumes = spec.get("volumes")
    volumes = volumes if isinstance(volumes, list) else []
    existing = next((v["name"] for v in volumes if isinstance(v, dict)
                     and str(v.get("name", "")).startswith(SA_VOLUME_PREFIX)), None)
    name = existing
    needs_volume = False
    for c in _containers(spec):
        mounts = c.get("volumeMounts")
        if not isinstance(mounts, list):
            mounts = []
        if any(isinstance(m, dict) and m.get("mountPath") == SA_MOUNT_PATH for m in mounts):
            continue
        if name is None:
            if rng is None:
                raise ValueError("apply_defaults needs rng to name a pod's service-account volume")
            name = SA_VOLUME_PREFIX + "".join(rng.choice(SUFFIX_ALPHABET) for _ in range(5))
        mounts.append({"mountPath": SA_MOUNT_PATH, "name": name, "readOnly": True})
        c["volumeMounts"] = mounts
        needs_volume = True
    if needs_volume and existing is None:
        volumes.append(_token_volume(str(name)))
        spec["volumes"] = volumes


def _token_volume(name: str) -> dict:
    """TokenVolumeSource(): token (3607 s), the cluster CA and the namespace, mode 0644."""
    return {
        "name": name,
        "projected": {
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                            "path": "namespace"}]}},
            ],
        },
    }


def _default_toleration_seconds(spec: dict) -> None:
    """plugin/pkg/admission/defaulttolerationseconds: tolerate not-ready/unreachable for 300 s."""
    tolerations = spec.get("tolerations")
    tolerations = tolerations if isinstance(tolerations, list) else []
    covered = {NOT_READY_TAINT: False, UNREACHABLE_TAINT: False}
    for t in tolerations:
        if not isinstance(t, dict) or t.get("effect") not in (None, "", "NoExecute"):
            continue
        for key in covered:
            if t.get("key") in (None, "", key):
                covered[key] = True
    for key, done in covered.items():
        if not done:
            tolerations.append({"effect": "NoExecute", "key": key, "operator": "Exists",
                                "tolerationSeconds": DEFAULT_TOLERATION_SECONDS})
    spec["tolerations"] = tolerations


# ------------------------------------------------------------------ templates and workloads
def _template(spec: dict) -> dict:
    """A PodTemplateSpec: PodSpec defaults; Go prints the zero creationTimestamp as null."""
    template = _child(spec, "template")
    meta = _child(template, "metadata")
    meta.setdefault("creationTimestamp", None)
    default_pod_spec(_child(template, "spec"))
    return template


def _replica_set(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    spec = _child(obj, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    _template(spec)


def _deployment(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    """SetDefaults_Deployment (apps/v1): one replica, RollingUpdate 25%/25%, 10 old ReplicaSets kept,
    a 600 s progress deadline."""
    spec = _child(obj, "spec")
    if spec.get("replicas") is None:
        spec["replicas"] = 1
    strategy = _child(spec, "strategy")
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        ru = _child(strategy, "rollingUpdate")
        if ru.get("maxUnavailable") is None:
            ru["maxUnavailable"] = "25%"
        if ru.get("maxSurge") is None:
            ru["maxSurge"] = "25%"
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    if spec.get("progressDeadlineSeconds") is None:
        spec["progressDeadlineSeconds"] = 600
    _template(spec)


def _daemon_set(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    spec = _child(obj, "spec")
    strategy = _child(spec, "updateStrategy")
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        ru = _child(strategy, "rollingUpdate")
        if ru.get("maxUnavailable") is None:
            ru["maxUnavailable"] = 1
        if ru.get("maxSurge") is None:
            ru["maxSurge"] = 0
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    _template(spec)
    if create:
        meta = _child(obj, "metadata")
        annotations = meta.get("annotations")
        if not isinstance(annotations, dict):
            annotations = meta["annotations"] = {}
        annotations.setdefault(DS_TEMPLATE_GENERATION, "1")


def _job(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    """SetDefaults_Job, then (on create) the strategy's generateSelector, then the decode-time
    defaulting again: a GET re-defaults the stored Job, so a Job created without labels of its
    own shows its template's labels, generated ones included."""
    spec = _child(obj, "spec")
    meta = _child(obj, "metadata")
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
        spec["parallelism"] = 1
    if spec.get("parallelism") is None:
        spec["parallelism"] = 1
    if spec.get("backoffLimit") is None:
        spec["backoffLimit"] = MAX_INT32 if spec.get("backoffLimitPerIndex") is not None else 6
    template = _template(spec)
    _copy_template_labels(meta, template)
    if spec.get("completionMode") is None:
        spec["completionMode"] = "NonIndexed"
    if spec.get("suspend") is None:
        spec["suspend"] = False
    pfp = spec.get("podFailurePolicy")
    for rule in (pfp.get("rules") or []) if isinstance(pfp, dict) else []:
        for pattern in (rule.get("onPodConditions") or []) if isinstance(rule, dict) else []:
            if isinstance(pattern, dict) and not pattern.get("status"):
                pattern["status"] = "True"
    if spec.get("podReplacementPolicy") is None:
        spec["podReplacementPolicy"] = "Failed" if pfp is not None else "TerminatingOrFailed"
    if create and uid and not spec.get("manualSelector"):
        job_selector_defaults(obj, uid)
        _copy_template_labels(meta, template)


def _copy_template_labels(meta: dict, template: dict) -> None:
    labels = (template.get("metadata") or {}).get("labels")
    if isinstance(labels, dict) and not meta.get("labels"):
        meta["labels"] = dict(labels)


def job_selector_defaults(obj: dict, uid: str) -> None:
    """generateSelector: label the template with the job's name and uid, select on the uid.

    Labels the user already set are kept, so a conflicting one fails validation instead.
    """
    spec = _child(obj, "spec")
    name = str((obj.get("metadata") or {}).get("name") or "")
    tmeta = _child(_child(spec, "template"), "metadata")
    labels = tmeta.get("labels")
    if not isinstance(labels, dict):
        labels = tmeta["labels"] = {}
    for key in (LEGACY_JOB_NAME, JOB_NAME):
        labels.setdefault(key, name)
    for key in (LEGACY_CONTROLLER_UID, CONTROLLER_UID):
        labels.setdefault(key, uid)
    selector = spec.get("selector")
    if not isinstance(selector, dict):
        selector = spec["selector"] = {}
    match = selector.get("matchLabels")
    if not isinstance(match, dict):
        match = selector["matchLabels"] = {}
    match.setdefault(CONTROLLER_UID, uid)


# ------------------------------------------------------------------ Service
CLIENT_IP_AFFINITY_SECONDS = 10800  # v1.DefaultClientIPServiceAffinitySeconds


def _service(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    """SetDefaults_Service. The cluster IPs, IP families and node ports are not defaults: the
    registry allocates them (``api/services.py``), as the REST storage's BeginCreate does."""
    spec = _child(obj, "spec")
    if not spec.get("sessionAffinity"):
        spec["sessionAffinity"] = "None"
    if spec["sessionAffinity"] == "None":
        spec.pop("sessionAffinityConfig", None)
    elif spec["sessionAffinity"] == "ClientIP":
        cfg = spec.get("sessionAffinityConfig")
        client = cfg.get("clientIP") if isinstance(cfg, dict) else None
        if not isinstance(client, dict) or client.get("timeoutSeconds") is None:
            spec["sessionAffinityConfig"] = {"clientIP": {"timeoutSeconds": CLIENT_IP_AFFINITY_SECONDS}}
    if not spec.get("type"):
        spec["type"] = "ClusterIP"
    for p in spec.get("ports") or []:
        if not isinstance(p, dict):
            continue
        if not p.get("protocol"):
            p["protocol"] = "TCP"
        if p.get("targetPort") in (None, 0, ""):
            p["targetPort"] = p.get("port")
    kind = spec["type"]
    externally = kind in ("LoadBalancer", "NodePort") or (kind == "ClusterIP" and spec.get("externalIPs"))
    if externally and not spec.get("externalTrafficPolicy"):
        spec["externalTrafficPolicy"] = "Cluster"
    if spec.get("internalTrafficPolicy") is None and kind in ("ClusterIP", "NodePort", "LoadBalancer"):
        spec["internalTrafficPolicy"] = "Cluster"
    if kind == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is None:
        spec["allocateLoadBalancerNodePorts"] = True


# ------------------------------------------------------------------ cluster-scoped kinds
def _namespace(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    """SetDefaults_Namespace (the name label, every decode) and PrepareForCreate's finalizer."""
    meta = _child(obj, "metadata")
    name = meta.get("name")
    if name:
        labels = meta.get("labels")
        if not isinstance(labels, dict):
            labels = meta["labels"] = {}
        labels["kubernetes.io/metadata.name"] = name
    if create:
        spec = _child(obj, "spec")
        finalizers = spec.get("finalizers")
        finalizers = finalizers if isinstance(finalizers, list) else []
        if "kubernetes" not in finalizers:
            finalizers.append("kubernetes")
        spec["finalizers"] = finalizers


def _node(obj: dict, rng: random.Random | None, uid: str | None, create: bool) -> None:
    """SetDefaults_NodeStatus: allocatable defaults to capacity."""
    status = obj.get("status")
    if isinstance(status, dict) and status.get("allocatable") is None and isinstance(status.get("capacity"), dict):
        status["allocatable"] = dict(status["capacity"])


def _child(parent: dict, key: str) -> dict:
    value = parent.get(key)
    if not isinstance(value, dict):
        value = parent[key] = {}
    return value


_BY_KIND: dict[str, Any] = {
    "Pod": _pod,
    "Deployment": _deployment,
    "ReplicaSet": _replica_set,
    "DaemonSet": _daemon_set,
    "Job": _job,
    "Service": _service,
    "Namespace": _namespace,
    "Node": _node,
}
