"""The parts of a pod spec that Pod describe and every controller's ``Pod Template:`` share:
container blocks, volumes, topology spread constraints, the pod template, QoS class and the
pod's summed requests and limits (upstream ``describeContainers``, ``describeVolumes``,
``DescribePodTemplate``, ``qos.GetPodQOS``, ``resourcehelper.PodRequestsAndLimits``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from cluster_core.api import quantity
from cluster_core.api.selectors import SelectorError, from_label_selector
from cluster_core.kubectl.describe.common import (
    Writer,
    annotations_multiline,
    labels_multiline,
    rfc1123z,
    tolerations_multiline,
)

Resolver = Callable[[Mapping[str, Any]], str]


# --- containers ------------------------------------------------------------------------------


def describe_containers(w: Writer, label: str, containers: list[dict[str, Any]],
                        statuses: list[dict[str, Any]] | None, resolve: Resolver | None,
                        space: str = "") -> None:
    """describeContainers: a ``name:`` block per container; status lines only when a status exists
    (a pod), never in a template."""
    by_name = {s.get("name"): s for s in statuses or []}
    w.write(0, f"{space}{label}:{'' if containers else ' <none>'}\n")
    for c in containers:
        status = by_name.get(c.get("name"))
        _basic_info(w, c, status, space)
        _command(w, c)
        if status is not None:
            _describe_state(w, "State", status.get("state") or {})
            last = status.get("lastState") or {}
            if last.get("terminated"):
                _describe_state(w, "Last State", last)
            w.write(2, f"Ready:\t{'True' if status.get('ready') else 'False'}\n")
            w.write(2, f"Restart Count:\t{status.get('restartCount', 0)}\n")
        describe_resources(w, c.get("resources") or {}, 2)
        _probes(w, c)
        if c.get("envFrom"):
            _env_from(w, c)
        _env(w, c, resolve)
        _mounts(w, c)


def _basic_info(w: Writer, c: Mapping[str, Any], status: Mapping[str, Any] | None, space: str) -> None:
    w.write(1, f"{' ' if space else ''}{c.get('name', '')}:\n")
    if status is not None:
        w.write(2, f"Container ID:\t{status.get('containerID', '')}\n")
    w.write(2, f"Image:\t{c.get('image', '')}\n")
    if status is not None:
        w.write(2, f"Image ID:\t{status.get('imageID', '')}\n")
    ports = c.get("ports") or []
    port = ", ".join(f"{p.get('containerPort', 0)}/{p.get('protocol', '')}" for p in ports)
    host = ", ".join(f"{p.get('hostPort', 0)}/{p.get('protocol', '')}" for p in ports)
    w.write(2, f"Ports:\t{port}\n" if "," in port else f"Port:\t{port or '<none>'}\n")
    w.write(2, f"Host Ports:\t{host}\n" if "," in host else f"Host Port:\t{host or '<none>'}\n")
    seccomp = (c.get("securityContext") or {}).get("seccompProfile")
    if seccomp:
        w.write(2, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
        if seccomp.get("type") == "Localhost":
            w.write(3, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")


def _command(w: Writer, c: Mapping[str, Any]) -> None:
    for title, key in (("Command", "command"), ("Args", "args")):
        if c.get(key):
            w.write(2, f"{title}:\n")
            for item in c[key]:
                for s in item.split("\n"):
                    w.write(3, f"{s}\n")


def _describe_state(w: Writer, name: str, state: Mapping[str, Any]) -> None:
    """describeStatus: Running + Started; Waiting + Reason; Terminated + Reason, Exit Code, times."""
    if state.get("running") is not None:
        w.write(2, f"{name}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z(state['running'].get('startedAt'))}\n")
    elif state.get("waiting") is not None:
        w.write(2, f"{name}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(3, f"Reason:\t{state['waiting']['reason']}\n")
    elif state.get("terminated") is not None:
        t = state["terminated"]
        w.write(2, f"{name}:\tTerminated\n")
        if t.get("reason"):
            w.write(3, f"Reason:\t{t['reason']}\n")
        if t.get("message"):
            w.write(3, f"Message:\t{t['message']}\n")
        w.write(3, f"Exit Code:\t{t.get('exitCode', 0)}\n")
        if (t.get("signal") or 0) > 0:
            w.write(3, f"Signal:\t{t['signal']}\n")
        w.write(3, f"Started:\t{rfc1123z(t.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{rfc1123z(t.get('finishedAt'))}\n")
    else:
        w.write(2, f"{name}:\tWaiting\n")


def describe_resources(w: Writer, resources: Mapping[str, Any], level: int) -> None:
    """describeResources: ``Limits:`` and ``Requests:`` with one sorted ``name:  quantity`` each."""
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        values = resources.get(key) or {}
        if values:
            w.write(level, f"{title}:\n")
        for name in sorted(values):
            w.write(level + 1, f"{name}:\t{quantity.parse(values[name])}\n")


def _probes(w: Writer, c: Mapping[str, Any]) -> None:
    for title, key in (("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"),
                       ("Startup", "startupProbe")):
        if c.get(key) is not None:
            w.write(2, f"{title}:\t{describe_probe(c[key])}\n")


def describe_probe(p: Mapping[str, Any]) -> str:
    """DescribeProbe: ``http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3``."""
    attrs = (f"delay={p.get('initialDelaySeconds', 0)}s timeout={p.get('timeoutSeconds', 0)}s "
             f"period={p.get('periodSeconds', 0)}s #success={p.get('successThreshold', 0)} "
             f"#failure={p.get('failureThreshold', 0)}")
    if p.get("exec") is not None:
        return f"exec [{' '.join(p['exec'].get('command') or [])}] {attrs}"
    if p.get("httpGet") is not None:
        h = p["httpGet"]
        port, host = str(h.get("port", "")), h.get("host", "")
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{host}:{port}" if port else host
        path = h.get("path", "")
        if path and not path.startswith("/") and netloc:
            path = "/" + path
        scheme = str(h.get("scheme", "")).lower()
        url = (f"{scheme}:" if scheme else "") + (f"//{netloc}" if netloc or scheme else "") + path
        return f"http-get {url} {attrs}"
    if p.get("tcpSocket") is not None:
        t = p["tcpSocket"]
        return f"tcp-socket {t.get('host', '')}:{t.get('port', '')} {attrs}"
    if p.get("grpc") is not None:
        g = p["grpc"]
        return f"grpc <pod>:{g.get('port', 0)} {g.get('service') or ''} {attrs}"
    return f"unknown {attrs}"


def _env_from(w: Writer, c: Mapping[str, Any]) -> None:
    w.write(2, "Environment Variables from:\n")
    for e in c.get("envFrom") or []:
        kind, ref = ("ConfigMap", e["configMapRef"]) if e.get("configMapRef") else \
            ("Secret", e.get("secretRef") or {}) if e.get("secretRef") else ("", {})
        optional = "true" if ref.get("optional") else "false"
        prefix = e.get("prefix", "")
        source = f"{kind} with prefix '{prefix}'" if prefix else kind
        w.write(3, f"{ref.get('name', '')}\t{source}\tOptional: {optional}\n")


def _env(w: Writer, c: Mapping[str, Any], resolve: Resolver | None) -> None:
    env = c.get("env") or []
    w.write(2, f"Environment:{'' if env else chr(9) + '<none>'}\n")
    for e in env:
        name, source = e.get("name", ""), e.get("valueFrom")
        if source is None:
            for i, s in enumerate(str(e.get("value", "")).split("\n")):
                w.write(3, f"{name}:\t{s}\n" if i == 0 else f"\t{s}\n")
        elif source.get("fieldRef") is not None:
            ref = source["fieldRef"]
            value = resolve(e) if resolve else ""
            w.write(3, f"{name}:\t{value} ({ref.get('apiVersion', '')}:{ref.get('fieldPath', '')})\n")
        elif source.get("resourceFieldRef") is not None:
            ref = source["resourceFieldRef"]
            resource = ref.get("resource", "")
            value = _container_resource(ref, c)
            if value == "0" and resource in ("limits.cpu", "limits.memory"):
                value = "node allocatable"
            w.write(3, f"{name}:\t{value} ({resource})\n")
        elif source.get("secretKeyRef") is not None:
            ref = source["secretKeyRef"]
            w.write(3, f"{name}:\t<set to the key '{ref.get('key', '')}' in secret '{ref.get('name', '')}'>"
                       f"\tOptional: {'true' if ref.get('optional') else 'false'}\n")
        elif source.get("configMapKeyRef") is not None:
            ref = source["configMapKeyRef"]
            w.write(3, f"{name}:\t<set to the key '{ref.get('key', '')}' of config map "
                       f"'{ref.get('name', '')}'>\tOptional: {'true' if ref.get('optional') else 'false'}\n")


def _container_resource(ref: Mapping[str, Any], c: Mapping[str, Any]) -> str:
    """ExtractContainerResourceValue: the limit or request divided by the divisor, rounded up."""
    resource = ref.get("resource", "")
    kind, _, name = resource.partition(".")
    if kind not in ("limits", "requests") or not name:
        return ""
    divisor = quantity.parse(ref.get("divisor", "1"))
    if divisor.value == 0:
        divisor = quantity.parse("1")
    value = quantity.parse(((c.get("resources") or {}).get(kind) or {}).get(name, "0"))
    if name == "cpu":
        return str(math.ceil(value.milli_value() / divisor.milli_value()))
    return str(math.ceil(value.int_value() / divisor.int_value()))


def _mounts(w: Writer, c: Mapping[str, Any]) -> None:
    mounts = sorted(c.get("volumeMounts") or [], key=lambda m: m.get("mountPath", ""))
    none = "" if mounts else "\t<none>"
    w.write(2, f"Mounts:{none}\n")
    for m in mounts:
        flags = ["ro" if m.get("readOnly") else "rw"]
        if m.get("subPath"):
            flags.append(f'path="{m["subPath"]}"')
        w.write(3, f"{m.get('mountPath', '')} from {m.get('name', '')} ({','.join(flags)})\n")
    devices = sorted(c.get("volumeDevices") or [], key=lambda d: d.get("devicePath", ""))
    if devices:
        w.write(2, f"Devices:{none}\n")
        for d in devices:
            w.write(3, f"{d.get('devicePath', '')} from {d.get('name', '')}\n")


def pod_field_resolver(pod: Mapping[str, Any]) -> Resolver:
    """EnvValueRetriever: an env var's ``fieldRef`` value for this pod. kubectl converts the path
    with client-go's scheme, which only knows ``metadata.name`` and ``metadata.namespace``; any
    other path (``status.podIP``, labels) prints empty, as the real describe does."""
    md = pod.get("metadata") or {}

    def resolve(e: Mapping[str, Any]) -> str:
        path = ((e.get("valueFrom") or {}).get("fieldRef") or {}).get("fieldPath", "")
        if path in ("metadata.name", "metadata.namespace"):
            return str(md.get(path.split(".")[1]) or "")
        return ""

    return resolve


# --- volumes ---------------------------------------------------------------------------------


def _bool(v: Any) -> str:
    return "true" if v else "false"


def describe_volumes(w: Writer, volumes: list[dict[str, Any]], space: str = "") -> None:
    """describeVolumes: a ``name:`` block per volume with its source's ``Type:`` and fields."""
    if not volumes:
        w.write(0, f"{space}Volumes:\t<none>\n")
        return
    w.write(0, f"{space}Volumes:\n")
    for v in volumes:
        w.write(1, f"{' ' if space else ''}{v.get('name', '')}:\n")
        for key, printer in _VOLUME_PRINTERS:
            if v.get(key) is not None:
                printer(w, v[key])
                break
        else:
            w.write(1, "<unknown>\n")


def _host_path(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, f"Type:\tHostPath (bare host directory volume)\n    Path:\t{s.get('path', '')}\n"
               f"    HostPathType:\t{s.get('type') if s.get('type') is not None else '<none>'}\n")


def _empty_dir(w: Writer, s: Mapping[str, Any]) -> None:
    limit = quantity.parse(s["sizeLimit"]) if s.get("sizeLimit") is not None else None
    size = str(limit) if limit is not None and limit.value > 0 else "<unset>"
    w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
               f"    Medium:\t{s.get('medium', '')}\n    SizeLimit:\t{size}\n")


def _git_repo(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n"
               f"    Repository:\t{s.get('repository', '')}\n    Revision:\t{s.get('revision', '')}\n")


def _secret(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tSecret (a volume populated by a Secret)\n"
               f"    SecretName:\t{s.get('secretName', '')}\n    Optional:\t{_bool(s.get('optional'))}\n")


def _config_map(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
               f"    Name:\t{s.get('name', '')}\n    Optional:\t{_bool(s.get('optional'))}\n")


def _nfs(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n"
               f"    Server:\t{s.get('server', '')}\n    Path:\t{s.get('path', '')}\n"
               f"    ReadOnly:\t{_bool(s.get('readOnly'))}\n")


def _pvc(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
               f"    ClaimName:\t{s.get('claimName', '')}\n    ReadOnly:\t{_bool(s.get('readOnly'))}\n")


def _ephemeral(w: Writer, s: Mapping[str, Any]) -> None:
    # Upstream goes on with the claim template's StorageClass, Volume, Labels, Annotations,
    # Capacity, Access Modes and VolumeMode; the playground has no storage classes.
    w.write(2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and "
               "deleted with the pod)\n")


def _downward_api(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
    for item in s.get("items") or []:
        if item.get("fieldRef") is not None:
            w.write(3, f"{item['fieldRef'].get('fieldPath', '')} -> {item.get('path', '')}\n")
        if item.get("resourceFieldRef") is not None:
            w.write(3, f"{item['resourceFieldRef'].get('resource', '')} -> {item.get('path', '')}\n")


def _projected(w: Writer, s: Mapping[str, Any]) -> None:
    """printProjectedVolumeSource: the kube-api-access volume's TokenExpirationSeconds, ConfigMapName,
    Optional and DownwardAPI lines."""
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
    for source in s.get("sources") or []:
        if source.get("secret") is not None:
            sec = source["secret"]
            w.write(2, f"SecretName:\t{sec.get('name', '')}\n    Optional:\t{_bool(sec.get('optional'))}\n")
        elif source.get("downwardAPI") is not None:
            w.write(2, "DownwardAPI:\ttrue\n")
        elif source.get("configMap") is not None:
            cm = source["configMap"]
            w.write(2, f"ConfigMapName:\t{cm.get('name', '')}\n    Optional:\t{_bool(cm.get('optional'))}\n")
        elif source.get("serviceAccountToken") is not None:
            w.write(2, f"TokenExpirationSeconds:\t{source['serviceAccountToken'].get('expirationSeconds', 0)}\n")


def _csi(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n"
               f"    Driver:\t{s.get('driver', '')}\n    FSType:\t{s.get('fsType') or ''}\n"
               f"    ReadOnly:\t{_bool(s.get('readOnly'))}\n")
    attrs = s.get("volumeAttributes") or {}
    w.write(2, "VolumeAttributes:\t")
    if not attrs:
        w.line("<none>")
    for i, key in enumerate(sorted(attrs)):
        if i:
            w.write(2, "\t")
        line = f"{key}={attrs[key]}"
        w.write(2, f"{line[:MAX_LINE]}...\n" if len(line) > MAX_LINE else f"{line}\n")


MAX_LINE = 140


def _image(w: Writer, s: Mapping[str, Any]) -> None:
    w.write(2, "Type:\tImage (a container image or OCI artifact)\n"
               f"    Reference:\t{s.get('reference', '')}\n    PullPolicy:\t{s.get('pullPolicy', '')}\n")


_VOLUME_PRINTERS: list[tuple[str, Callable[[Writer, Mapping[str, Any]], None]]] = [
    ("hostPath", _host_path), ("emptyDir", _empty_dir), ("gitRepo", _git_repo), ("secret", _secret),
    ("configMap", _config_map), ("nfs", _nfs), ("persistentVolumeClaim", _pvc), ("ephemeral", _ephemeral),
    ("downwardAPI", _downward_api), ("projected", _projected), ("csi", _csi), ("image", _image),
]


# --- topology spread, template ---------------------------------------------------------------


def describe_topology_spread(w: Writer, constraints: list[dict[str, Any]] | None, space: str = "") -> None:
    """describeTopologySpreadConstraints: ``key:Effect when max skew N is exceeded [for selector S]``."""
    if not constraints:
        return
    w.write(0, f"{space}Topology Spread Constraints:\t")
    for i, t in enumerate(sorted(constraints, key=lambda t: t.get("topologyKey", ""))):
        if i:
            w.write(0, space + "\t")
        text = (f"{t.get('topologyKey', '')}:{t.get('whenUnsatisfiable', '')} when max skew "
                f"{t.get('maxSkew', 0)} is exceeded")
        if t.get("labelSelector") is not None:
            text += f" for selector {_format_selector(t['labelSelector'])}"
        w.write(0, text + "\n")


def _format_selector(sel: Mapping[str, Any] | None) -> str:
    try:
        return str(from_label_selector(sel)) or "<none>"
    except SelectorError:
        return "<error>"


def describe_pod_template(w: Writer, template: Mapping[str, Any] | None) -> None:
    """DescribePodTemplate: the ``Pod Template:`` block of ReplicaSet, DaemonSet and Job."""
    w.write(0, "Pod Template:\n")
    if template is None:
        w.write(1, "<unset>")
        return
    md, spec = template.get("metadata") or {}, template.get("spec") or {}
    labels_multiline(w, "  Labels", md.get("labels"))
    if md.get("annotations"):
        annotations_multiline(w, "  Annotations", md["annotations"])
    if spec.get("serviceAccountName"):
        w.write(1, f"Service Account:\t{spec['serviceAccountName']}\n")
    if spec.get("initContainers"):
        describe_containers(w, "Init Containers", spec["initContainers"], None, None, "  ")
    describe_containers(w, "Containers", spec.get("containers") or [], None, None, "  ")
    describe_volumes(w, spec.get("volumes") or [], "  ")
    describe_topology_spread(w, spec.get("topologySpreadConstraints"), "  ")
    if spec.get("priorityClassName"):
        w.write(1, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    labels_multiline(w, "  Node-Selectors", spec.get("nodeSelector"))
    tolerations_multiline(w, "  Tolerations", spec.get("tolerations"))


# --- QoS and resource sums -------------------------------------------------------------------


def qos_class(pod: Mapping[str, Any]) -> str:
    """qos.GetPodQOS: ``status.qosClass`` when set, else computed from cpu and memory."""
    recorded = (pod.get("status") or {}).get("qosClass")
    if recorded:
        return str(recorded)
    spec = pod.get("spec") or {}
    requests: dict[str, quantity.Quantity] = {}
    limits: dict[str, quantity.Quantity] = {}
    guaranteed = True
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        res = c.get("resources") or {}
        for target, key in ((requests, "requests"), (limits, "limits")):
            found = set()
            for name, q in quantity.resource_list(res.get(key)).items():
                if name in ("cpu", "memory") and q.value > 0:
                    found.add(name)
                    quantity.add_into(target, {name: q})
            if key == "limits" and found != {"cpu", "memory"}:
                guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    if guaranteed and all(n in limits and limits[n].value == r.value for n, r in requests.items()) \
            and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"


def pod_requests_and_limits(pod: Mapping[str, Any]) -> tuple[dict[str, quantity.Quantity],
                                                             dict[str, quantity.Quantity]]:
    """PodRequestsAndLimits: containers summed, init containers as a maximum (sidecars, with
    ``restartPolicy: Always``, add up), plus the pod overhead."""
    spec, status = pod.get("spec") or {}, pod.get("status") or {}
    allocated = {s.get("name"): quantity.resource_list(s.get("allocatedResources"))
                 for s in status.get("containerStatuses") or [] if s.get("allocatedResources")}
    overhead = quantity.resource_list(spec.get("overhead"))
    reqs: dict[str, quantity.Quantity] = {}
    limits: dict[str, quantity.Quantity] = {}
    for c in spec.get("containers") or []:
        res = c.get("resources") or {}
        creq = quantity.resource_list(res.get("requests"))
        if c.get("name") in allocated:
            quantity.max_into(creq, allocated[c.get("name")])
        quantity.add_into(reqs, creq)
        quantity.add_into(limits, quantity.resource_list(res.get("limits")))
    for total, key in ((reqs, "requests"), (limits, "limits")):
        sidecars: dict[str, quantity.Quantity] = {}
        init_max: dict[str, quantity.Quantity] = {}
        for c in spec.get("initContainers") or []:
            cres = quantity.resource_list((c.get("resources") or {}).get(key))
            if c.get("restartPolicy") == "Always":
                quantity.add_into(total, cres)
                quantity.add_into(sidecars, cres)
                cres = sidecars
            else:
                tmp: dict[str, quantity.Quantity] = {}
                quantity.add_into(tmp, cres)
                quantity.add_into(tmp, sidecars)
                cres = tmp
            quantity.max_into(init_max, cres)
        quantity.max_into(total, init_max)
    quantity.add_into(reqs, overhead)
    for name, q in overhead.items():
        if name in limits:
            limits[name] = limits[name] + q
    return reqs, limits
