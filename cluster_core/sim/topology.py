"""The cluster a playground starts with: the tutorial's three nodes and a kubeadm-style control plane.

``kubesphere01`` is the control plane (NoSchedule taint), ``kubesphere02`` and ``kubesphere03`` are
workers, as in the tutorial. The cluster is 66 days old, as the tutorial's ``kubectl get nodes``
shows; kube-system holds what a kubeadm cluster with Calico runs. A lesson or a benchmark may pass
its own node list (``Topology``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from cluster_core import timeutil
from cluster_core.api.server import ApiServer, random_suffix

K8S_VERSION = "v1.33.4"
CLUSTER_AGE_SECONDS = 66 * 86400
CONTROL_PLANE_TAINT = {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}
TOLERATE_ALL = [{"operator": "Exists"}]

SYSTEM_IMAGES = {
    "pause": ("registry.k8s.io/pause:3.10", 320368),
    "etcd": ("registry.k8s.io/etcd:3.5.21-0", 58938593),
    "kube-apiserver": (f"registry.k8s.io/kube-apiserver:{K8S_VERSION}", 30071307),
    "kube-controller-manager": (f"registry.k8s.io/kube-controller-manager:{K8S_VERSION}", 26018804),
    "kube-scheduler": (f"registry.k8s.io/kube-scheduler:{K8S_VERSION}", 20153893),
    "kube-proxy": (f"registry.k8s.io/kube-proxy:{K8S_VERSION}", 31891762),
    "coredns": ("registry.k8s.io/coredns/coredns:v1.12.0", 20939036),
    "calico-node": ("docker.io/calico/node:v3.29.3", 144937616),
    "calico-kube-controllers": ("docker.io/calico/kube-controllers:v3.29.3", 35180484),
}


# The Service the API server keeps for itself, and kubeadm's CoreDNS addon Service (its names are
# kube-dns's, for compatibility). Both take the fixed addresses kubeadm derives from 10.96.0.0/12,
# and fixed uids: they were added after lessons were written against the seeded names, which a
# draw from the rng here would shift.
KUBERNETES_SERVICE = {
    "apiVersion": "v1", "kind": "Service",
    "metadata": {"name": "kubernetes", "namespace": "default",
                 "labels": {"component": "apiserver", "provider": "kubernetes"}},
    "spec": {"clusterIP": "10.96.0.1",
             "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}]},
}
KUBE_DNS_SERVICE = {
    "apiVersion": "v1", "kind": "Service",
    "metadata": {"name": "kube-dns", "namespace": "kube-system",
                 "labels": {"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true",
                            "kubernetes.io/name": "CoreDNS"},
                 "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"}},
    "spec": {"clusterIP": "10.96.0.10", "selector": {"k8s-app": "kube-dns"},
             "ports": [{"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                       {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                       {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}]},
}


@dataclass
class NodeSpec:
    """One node of a topology: its name, role, labels, taints and size."""

    name: str
    control_plane: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    taints: list[dict[str, Any]] | None = None  # None: the control-plane taint on a control plane
    cpu: str = "2"
    memory: str = "3900436Ki"
    pods: int = 110
    ready: bool = True


@dataclass
class Topology:
    """The nodes a playground starts with, and whether to run the kube-system workloads."""

    nodes: list[NodeSpec]
    system_pods: bool = True

    @classmethod
    def default(cls) -> Topology:
        return cls([NodeSpec("kubesphere01", control_plane=True), NodeSpec("kubesphere02"),
                    NodeSpec("kubesphere03")])

    @classmethod
    def large(cls, workers: int, pods_per_node: int = 110, cpu: str = "64",
              memory: str = "263921620Ki") -> Topology:
        """A control plane plus ``workers`` big workers, for lessons or benchmarks with many pods."""
        nodes = [NodeSpec("kubesphere01", control_plane=True)]
        nodes += [NodeSpec(f"kubesphere{i + 2:02d}", cpu=cpu, memory=memory, pods=pods_per_node)
                  for i in range(workers)]
        return cls(nodes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Topology:
        """A topology from a lesson file: ``{"nodes": [{"name": ..., "labels": ..., ...}]}``."""
        nodes = [NodeSpec(**n) for n in data.get("nodes", [])] or cls.default().nodes
        return cls(nodes, bool(data.get("system_pods", True)))


def _hex(seed: str, n: int = 64) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def image_id(image: str) -> str:
    """A stable digest reference for an image, as a node reports it."""
    repo = image.rsplit(":", 1)[0] if ":" in image.rsplit("/", 1)[-1] else image
    return f"{repo}@sha256:{_hex(image)}"


def build(server: ApiServer, topology: Topology) -> None:
    """Create namespaces, nodes and kube-system workloads, as they stand after 66 days of running."""
    now = server.clock.now
    born = now - CLUSTER_AGE_SECONDS
    server.clock.now = born
    try:
        for ns in ("default", "kube-node-lease", "kube-public", "kube-system"):
            server.create({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}, internal=True, trusted=True)
        for i, spec in enumerate(topology.nodes):
            server.create(_node(spec, i, topology), internal=True, trusted=True)
        server.create(_copy(KUBERNETES_SERVICE), internal=True, trusted=True, uid=_uuidish("svc/kubernetes"))
        if topology.system_pods:
            _system_workloads(server, topology, born)
    finally:
        server.clock.now = now


def _node(spec: NodeSpec, index: int, topology: Topology) -> dict[str, Any]:
    labels = {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
              "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": spec.name, "kubernetes.io/os": "linux"}
    if spec.control_plane:
        labels["node-role.kubernetes.io/control-plane"] = ""
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
    labels.update(spec.labels)
    taints = spec.taints if spec.taints is not None else ([dict(CONTROL_PLANE_TAINT)] if spec.control_plane else [])
    cidr = f"10.244.{index}.0/24"
    node: dict[str, Any] = {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": spec.name, "labels": labels, "annotations": {
            "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": {"podCIDR": cidr, "podCIDRs": [cidr]},
    }
    if taints:
        node["spec"]["taints"] = taints
    images = ["pause", "kube-proxy", "calico-node"]
    if spec.control_plane:
        images += ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "coredns",
                   "calico-kube-controllers"]
    node["status"] = {
        "addresses": [{"address": f"192.168.0.{11 + index}", "type": "InternalIP"},
                      {"address": spec.name, "type": "Hostname"}],
        "allocatable": {"cpu": spec.cpu, "ephemeral-storage": "47093746742", "hugepages-1Gi": "0",
                        "hugepages-2Mi": "0", "memory": spec.memory, "pods": str(spec.pods)},
        "capacity": {"cpu": spec.cpu, "ephemeral-storage": "51099000Ki", "hugepages-1Gi": "0",
                     "hugepages-2Mi": "0", "memory": spec.memory, "pods": str(spec.pods)},
        "conditions": _node_conditions(spec.ready),
        "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
        "images": [{"names": [image_id(SYSTEM_IMAGES[i][0]), SYSTEM_IMAGES[i][0]],
                    "sizeBytes": SYSTEM_IMAGES[i][1]} for i in images],
        "nodeInfo": {"architecture": "amd64", "bootID": _uuidish("boot" + spec.name),
                     "containerRuntimeVersion": "containerd://1.7.27", "kernelVersion": "6.1.0-31-amd64",
                     "kubeProxyVersion": K8S_VERSION, "kubeletVersion": K8S_VERSION,
                     "machineID": _hex("machine" + spec.name, 32), "operatingSystem": "linux",
                     "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": _uuidish("sys" + spec.name)},
    }
    return node


def _uuidish(seed: str) -> str:
    h = _hex(seed, 32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _node_conditions(ready: bool) -> list[dict[str, str]]:
    t = "2026-01-01T00:00:00Z"  # replaced by the creation time below
    rows = [("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True" if ready else "False", "KubeletReady" if ready else "KubeletNotReady",
             "kubelet is posting ready status" if ready else "container runtime network not ready")]
    return [{"lastHeartbeatTime": t, "lastTransitionTime": t, "message": m, "reason": r, "status": s, "type": ty}
            for ty, s, r, m in rows]


def _system_workloads(server: ApiServer, topology: Topology, born: float) -> None:
    control = next((n for n in topology.nodes if n.control_plane), topology.nodes[0])
    for comp in ("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"):
        _static_pod(server, comp, control.name)
    for ds in ("kube-proxy", "calico-node"):
        _daemonset(server, ds, topology)
    _replicaset(server, "coredns", "674b8bbfcf", 2, control.name, {"k8s-app": "kube-dns"})
    _replicaset(server, "calico-kube-controllers", "7498b9bb4c", 1, control.name,
                {"k8s-app": "calico-kube-controllers"})
    server.create(_copy(KUBE_DNS_SERVICE), internal=True, trusted=True, uid=_uuidish("svc/kube-dns"))
    _settle_status(server, born)


def _container(comp: str) -> dict[str, Any]:
    return {"name": comp, "image": SYSTEM_IMAGES[comp][0]}


def _static_pod(server: ApiServer, comp: str, node: str) -> None:
    node_obj = server.ref("Node", None, node)
    assert node_obj is not None
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": f"{comp}-{node}", "namespace": "kube-system",
                        "labels": {"component": comp, "tier": "control-plane"},
                        "annotations": {"kubernetes.io/config.source": "file"},
                        "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": node,
                                             "uid": node_obj["metadata"]["uid"], "controller": True}]},
           "spec": {"containers": [_container(comp)], "hostNetwork": True, "nodeName": node,
                    "priorityClassName": "system-node-critical", "priority": 2000001000,
                    "tolerations": [{"effect": "NoExecute", "operator": "Exists"}]}}
    server.create(pod, internal=True, trusted=True)


def _template(comp: str, labels: dict[str, str], host_network: bool) -> dict[str, Any]:
    spec: dict[str, Any] = {"containers": [_container(comp)], "priorityClassName": "system-node-critical",
                            "tolerations": TOLERATE_ALL if host_network else [
                                {"key": "CriticalAddonsOnly", "operator": "Exists"},
                                {"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]}
    if host_network:
        spec["hostNetwork"] = True
    return {"metadata": {"labels": dict(labels)}, "spec": spec}


def _daemonset(server: ApiServer, comp: str, topology: Topology) -> None:
    labels = {"k8s-app": comp}
    ds = server.create({"apiVersion": "apps/v1", "kind": "DaemonSet",
                        "metadata": {"name": comp, "namespace": "kube-system", "labels": dict(labels)},
                        "spec": {"selector": {"matchLabels": dict(labels)},
                                 "template": _template(comp, labels, True)}}, internal=True, trusted=True)
    from cluster_core.sim.controllers.common import template_hash

    revision = template_hash(ds["spec"]["template"])
    for node in topology.nodes:
        _owned_pod(server, ds, f"{comp}-{random_suffix(server.rng)}", node.name, labels,
                   {"controller-revision-hash": revision, "pod-template-generation": "1"})


def _replicaset(server: ApiServer, name: str, hash_: str, replicas: int, node: str,
                labels: dict[str, str]) -> None:
    labels = {**labels, "pod-template-hash": hash_}
    rs = server.create({"apiVersion": "apps/v1", "kind": "ReplicaSet",
                        "metadata": {"name": f"{name}-{hash_}", "namespace": "kube-system",
                                     "labels": dict(labels)},
                        "spec": {"replicas": replicas, "selector": {"matchLabels": dict(labels)},
                                 "template": _template(name, labels, False)}}, internal=True, trusted=True)
    for _ in range(replicas):
        _owned_pod(server, rs, f"{name}-{hash_}-{random_suffix(server.rng)}", node, labels, {})


def _owned_pod(server: ApiServer, owner: dict, name: str, node: str, labels: dict[str, str],
               extra_labels: dict[str, str]) -> None:
    tmpl = owner["spec"]["template"]
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": name, "namespace": "kube-system", "labels": {**labels, **extra_labels},
                        "ownerReferences": [{"apiVersion": "apps/v1", "kind": owner["kind"],
                                             "name": owner["metadata"]["name"],
                                             "uid": owner["metadata"]["uid"], "controller": True,
                                             "blockOwnerDeletion": True}]},
           "spec": {**_copy(tmpl["spec"]), "nodeName": node}}
    server.create(pod, internal=True, trusted=True)


def _copy(x: Any) -> Any:
    from cluster_core.api.server import copy_obj

    return copy_obj(x)


def _settle_status(server: ApiServer, born: float) -> None:
    """Write the status a healthy 66-day-old cluster shows: every system pod Running and Ready."""
    start = timeutil.rfc3339(born + 30)
    per_node_ip: dict[str, int] = {}
    for pod in server.iter("Pod", "kube-system"):
        node = server.ref("Node", None, pod["spec"]["nodeName"])
        assert node is not None
        host_ip = node["status"]["addresses"][0]["address"]
        if pod["spec"].get("hostNetwork"):
            ip = host_ip
        else:
            n = per_node_ip.get(node["metadata"]["name"], 1) + 1
            per_node_ip[node["metadata"]["name"]] = n
            ip = node["spec"]["podCIDR"].rsplit(".", 1)[0] + f".{n}"
        statuses = []
        for c in pod["spec"]["containers"]:
            statuses.append({"containerID": "containerd://" + _hex(pod["metadata"]["name"] + c["name"]),
                             "image": c["image"], "imageID": image_id(c["image"]), "lastState": {},
                             "name": c["name"], "ready": True, "restartCount": 0, "started": True,
                             "state": {"running": {"startedAt": start}}})
        pod["status"] = {
            "conditions": [{"lastProbeTime": None, "lastTransitionTime": start, "status": "True", "type": t}
                           for t in ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                                     "PodScheduled")],
            "containerStatuses": statuses, "hostIP": host_ip, "hostIPs": [{"ip": host_ip}],
            "phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}], "qosClass": pod["status"]["qosClass"],
            "startTime": start}
    for kind in ("ReplicaSet", "DaemonSet"):
        for owner in server.iter(kind, "kube-system"):
            uid = owner["metadata"]["uid"]
            n = sum(1 for p in server.iter("Pod", "kube-system")
                    if any(r["uid"] == uid for r in p["metadata"].get("ownerReferences", [])))
            if kind == "ReplicaSet":
                owner["status"] = {"availableReplicas": n, "fullyLabeledReplicas": n, "observedGeneration": 1,
                                   "readyReplicas": n, "replicas": n}
            else:
                owner["status"] = {"currentNumberScheduled": n, "desiredNumberScheduled": n,
                                   "numberAvailable": n, "numberMisscheduled": 0, "numberReady": n,
                                   "observedGeneration": 1, "updatedNumberScheduled": n}
    born_ts = timeutil.rfc3339(born)
    for node in server.iter("Node"):
        for cond in node["status"]["conditions"]:
            cond["lastHeartbeatTime"] = cond["lastTransitionTime"] = born_ts
