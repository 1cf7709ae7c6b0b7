"""Tutorial-shaped objects as a v1.33 API server returns them, for the describe tests.

Every builder takes ``t0`` (float seconds) so the same objects can be served, with times near the
real clock, to a real ``kubectl`` 1.33 for cross-checking the expected strings."""

from __future__ import annotations

from typing import Any

from cluster_core.timeutil import rfc3339

T0 = 1767225600.0  # 2026-01-01T00:00:00Z, a Thursday

NOT_READY_TOLERATIONS = [
    {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
    {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300},
]


def kube_api_access(name: str) -> dict[str, Any]:
    """The projected service-account volume the ServiceAccount admission plugin adds to every pod."""
    return {"name": name, "projected": {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
        {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                    "path": "namespace"}]}}]}}


def container(name: str, image: str, volume: str | None = None, **extra: Any) -> dict[str, Any]:
    c: dict[str, Any] = {"image": image, "imagePullPolicy": "IfNotPresent", "name": name, "resources": {},
                         "terminationMessagePath": "/dev/termination-log",
                         "terminationMessagePolicy": "File"}
    if volume:
        c["volumeMounts"] = [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": volume,
                              "readOnly": True}]
    c.update(extra)
    return c


def event(t0: float, obj: dict[str, Any], n: int, type_: str, reason: str, message: str, component: str,
          first: float, last: float | None = None, count: int = 1, host: str | None = None) -> dict[str, Any]:
    md = obj["metadata"]
    source = {"component": component} | ({"host": host} if host else {})
    return {"apiVersion": "v1", "kind": "Event", "type": type_, "reason": reason, "message": message,
            "metadata": {"name": f"{md['name']}.{int(t0 + first) * 1000 + n:x}",
                         "namespace": md.get("namespace", "default"), "uid": f"ev-{md['name']}-{n}"},
            "involvedObject": {"apiVersion": obj["apiVersion"], "kind": obj["kind"], "name": md["name"],
                               "namespace": md.get("namespace", ""), "uid": md["uid"]},
            "source": source, "count": count, "firstTimestamp": rfc3339(t0 + first),
            "lastTimestamp": rfc3339(t0 + (last if last is not None else first)),
            "reportingComponent": component, "reportingInstance": host or ""}


def nginx_manual(t0: float = T0) -> dict[str, Any]:
    """``kubectl create -f nginx-manual.yaml``, running on kubesphere02."""
    vol = "kube-api-access-4x9tq"
    return {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "nginx-manual", "namespace": "default", "uid": "6f0c1c1e-1111-4a4a-9b9b-000000000001",
                     "resourceVersion": "1201", "creationTimestamp": rfc3339(t0 + 4)},
        "spec": {"containers": [container("nginx", "nginx:1.9.1", vol,
                                          ports=[{"containerPort": 80, "protocol": "TCP"}])],
                 "dnsPolicy": "ClusterFirst", "enableServiceLinks": True, "nodeName": "kubesphere02",
                 "preemptionPolicy": "PreemptLowerPriority", "priority": 0, "restartPolicy": "Always",
                 "schedulerName": "default-scheduler", "securityContext": {}, "serviceAccount": "default",
                 "serviceAccountName": "default", "terminationGracePeriodSeconds": 30,
                 "tolerations": NOT_READY_TOLERATIONS, "volumes": [kube_api_access(vol)]},
        "status": {
            "conditions": [
                {"lastProbeTime": None, "lastTransitionTime": rfc3339(t0 + 20), "status": "True",
                 "type": "PodReadyToStartContainers"},
                {"lastProbeTime": None, "lastTransitionTime": rfc3339(t0 + 5), "status": "True", "type": "Initialized"},
                {"lastProbeTime": None, "lastTransitionTime": rfc3339(t0 + 20), "status": "True", "type": "Ready"},
                {"lastProbeTime": None, "lastTransitionTime": rfc3339(t0 + 20), "status": "True",
                 "type": "ContainersReady"},
                {"lastProbeTime": None, "lastTransitionTime": rfc3339(t0 + 4), "status": "True", "type": "PodScheduled"}],
            "containerStatuses": [{
                "containerID": "containerd://8c2b0e4c7f3d4e1a9b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
                "image": "docker.io/library/nginx:1.9.1",
                "imageID": "docker.io/library/nginx@sha256:2f68b99bc0d6d25d0c56876b924ec20418544ff28e1fb89a4c27679a40da811b",
                "lastState": {}, "name": "nginx", "ready": True, "restartCount": 0, "started": True,
                "state": {"running": {"startedAt": rfc3339(t0 + 20)}}}],
            "hostIP": "192.168.0.12", "hostIPs": [{"ip": "192.168.0.12"}], "phase": "Running",
            "podIP": "10.244.1.3", "podIPs": [{"ip": "10.244.1.3"}], "qosClass": "BestEffort",
            "startTime": rfc3339(t0 + 5)},
    }


def nginx_manual_events(t0: float = T0) -> list[dict[str, Any]]:
    pod = nginx_manual(t0)
    kl = {"component": "kubelet", "host": "kubesphere02"}
    return [
        event(t0, pod, 1, "Normal", "Scheduled", "Successfully assigned default/nginx-manual to kubesphere02",
              "default-scheduler", 4),
        event(t0, pod, 2, "Normal", "Pulling", 'Pulling image "nginx:1.9.1"', first=5, **kl),
        event(t0, pod, 3, "Normal", "Pulled", 'Successfully pulled image "nginx:1.9.1" in 14.2s (14.2s including '
              'waiting). Image size: 44349012 bytes.', first=19, **kl),
        event(t0, pod, 4, "Normal", "Created", "Created container: nginx", first=19, **kl),
        event(t0, pod, 5, "Normal", "Started", "Started container nginx", first=20, **kl),
    ]


def nginx_rs(t0: float = T0) -> dict[str, Any]:
    """The tutorial's nginx ReplicaSet (3 replicas of nginx:1.9.1, selector app=nginx)."""
    return {
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": "nginx", "namespace": "default", "uid": "a1b2c3d4-2222-4b4b-8c8c-000000000002",
                     "generation": 1, "resourceVersion": "1300", "creationTimestamp": rfc3339(t0)},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}},
                 "template": {"metadata": {"labels": {"app": "nginx"}},
                              "spec": {"containers": [container("nginx", "nginx:1.9.1")],
                                       "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
                                       "schedulerName": "default-scheduler", "securityContext": {},
                                       "terminationGracePeriodSeconds": 30}}},
        "status": {"availableReplicas": 3, "fullyLabeledReplicas": 3, "observedGeneration": 1,
                   "readyReplicas": 3, "replicas": 3},
    }


def owned_pod(t0: float, owner: dict[str, Any], name: str, node: str, phase: str, labels: dict[str, str],
              ip: str, requests: dict[str, str] | None = None, namespace: str | None = None) -> dict[str, Any]:
    """A pod a controller created, as much of it as counting and node listings look at."""
    ns = namespace or owner["metadata"].get("namespace", "default")
    res = {"requests": requests} if requests else {}
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "uid": f"uid-{name}", "labels": labels,
                         "creationTimestamp": rfc3339(t0),
                         "ownerReferences": [{"apiVersion": owner["apiVersion"], "kind": owner["kind"],
                                              "name": owner["metadata"]["name"], "uid": owner["metadata"]["uid"],
                                              "controller": True, "blockOwnerDeletion": True}]},
            "spec": {"containers": [container("c", "nginx:1.9.1", resources=res)], "nodeName": node},
            "status": {"phase": phase, "podIP": ip, "podIPs": [{"ip": ip}]}}


def nginx_rs_pods(t0: float = T0) -> list[dict[str, Any]]:
    rs = nginx_rs(t0)
    pods = [owned_pod(t0 + 1, rs, f"nginx-{s}", n, "Running", {"app": "nginx"}, f"10.244.{i}.{5 + i}")
            for i, (s, n) in enumerate((("8nw85", "kubesphere02"), ("chsv4", "kubesphere03"),
                                        ("jg9ll", "kubesphere02")), start=1)]
    stray = owned_pod(t0 + 1, {**rs, "metadata": {**rs["metadata"], "uid": "someone-else"}}, "nginx-other",
                      "kubesphere03", "Pending", {"app": "nginx"}, "")
    return pods + [stray]


def nginx_rs_events(t0: float = T0) -> list[dict[str, Any]]:
    rs = nginx_rs(t0)
    return [event(t0, rs, i, "Normal", "SuccessfulCreate", f"Created pod: nginx-{s}", "replicaset-controller", 1)
            for i, s in enumerate(("8nw85", "chsv4", "jg9ll"), start=1)]


def mysql_ds(t0: float = T0) -> dict[str, Any]:
    """The tutorial's mysql-ds DaemonSet, with its MYSQL_ROOT_PASSWORD environment variable."""
    return {
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "mysql-ds", "namespace": "default", "uid": "d5d5d5d5-3333-4c4c-9d9d-000000000003",
                     "generation": 1, "creationTimestamp": rfc3339(t0),
                     "annotations": {"deprecated.daemonset.template.generation": "1"}},
        "spec": {"revisionHistoryLimit": 10, "selector": {"matchLabels": {"app": "mysql"}},
                 "template": {"metadata": {"labels": {"app": "mysql"}},
                              "spec": {"containers": [container("mysql", "mysql:5.7", env=[
                                  {"name": "MYSQL_ROOT_PASSWORD", "value": "Az123456_"}])],
                                  "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
                                  "schedulerName": "default-scheduler", "securityContext": {},
                                  "terminationGracePeriodSeconds": 30}},
                 "updateStrategy": {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}},
        "status": {"currentNumberScheduled": 2, "desiredNumberScheduled": 2, "numberAvailable": 2,
                   "numberMisscheduled": 0, "numberReady": 2, "observedGeneration": 1, "updatedNumberScheduled": 2},
    }


def mysql_ds_pods(t0: float = T0) -> list[dict[str, Any]]:
    ds = mysql_ds(t0)
    return [owned_pod(t0 + 1, ds, "mysql-ds-4stkh", "kubesphere03", "Running", {"app": "mysql"}, "10.244.2.9"),
            owned_pod(t0 + 1, ds, "mysql-ds-jt4f2", "kubesphere02", "Pending", {"app": "mysql"}, "")]


def mysql_ds_events(t0: float = T0) -> list[dict[str, Any]]:
    ds = mysql_ds(t0)
    return [event(t0, ds, 1, "Normal", "SuccessfulCreate", "Created pod: mysql-ds-4stkh", "daemonset-controller", 1),
            event(t0, ds, 2, "Normal", "SuccessfulCreate", "Created pod: mysql-ds-jt4f2", "daemonset-controller", 1)]


JOB_UID = "0f5e2a9c-4444-4d4d-8e8e-000000000004"


def batch_job(t0: float = T0) -> dict[str, Any]:
    """The tutorial's batch-job after it completed (luksa/batch-job sleeps about 20 seconds)."""
    labels = {"batch.kubernetes.io/controller-uid": JOB_UID, "batch.kubernetes.io/job-name": "batch-job",
              "controller-uid": JOB_UID, "job-name": "batch-job"}
    return {
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "batch-job", "namespace": "default", "uid": JOB_UID, "generation": 1,
                     "creationTimestamp": rfc3339(t0), "labels": labels},
        "spec": {"backoffLimit": 6, "completionMode": "NonIndexed", "completions": 1, "manualSelector": False,
                 "parallelism": 1, "podReplacementPolicy": "TerminatingOrFailed",
                 "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": JOB_UID}}, "suspend": False,
                 "template": {"metadata": {"labels": labels},
                              "spec": {"containers": [container("main", "luksa/batch-job",
                                                                imagePullPolicy="Always")],
                                       "dnsPolicy": "ClusterFirst", "restartPolicy": "OnFailure",
                                       "schedulerName": "default-scheduler", "securityContext": {},
                                       "terminationGracePeriodSeconds": 30}}},
        "status": {"completionTime": rfc3339(t0 + 37), "ready": 0, "startTime": rfc3339(t0), "succeeded": 1,
                   "terminating": 0, "uncountedTerminatedPods": {},
                   "conditions": [
                       {"lastProbeTime": rfc3339(t0 + 37), "lastTransitionTime": rfc3339(t0 + 37),
                        "message": "Reached expected number of succeeded pods", "reason": "CompletionsReached",
                        "status": "True", "type": "SuccessCriteriaMet"},
                       {"lastProbeTime": rfc3339(t0 + 37), "lastTransitionTime": rfc3339(t0 + 37),
                        "message": "Reached expected number of succeeded pods", "reason": "CompletionsReached",
                        "status": "True", "type": "Complete"}]},
    }


def batch_job_events(t0: float = T0) -> list[dict[str, Any]]:
    job = batch_job(t0)
    return [event(t0, job, 1, "Normal", "SuccessfulCreate", "Created pod: batch-job-fw78q", "job-controller", 0),
            event(t0, job, 2, "Normal", "Completed", "Job completed", "job-controller", 37)]


def kubesphere02(t0: float = T0) -> dict[str, Any]:
    """The worker node of the tutorial, 66 days old, as ``sim/topology.py`` builds it."""
    born = rfc3339(t0 - 66 * 86400)
    conds = [("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
             ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
             ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
             ("Ready", "True", "KubeletReady", "kubelet is posting ready status")]
    return {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "kubesphere02", "uid": "n0de0002-5555-4e4e-8f8f-000000000005", "creationTimestamp": born,
                     "labels": {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
                                "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": "kubesphere02",
                                "kubernetes.io/os": "linux"},
                     "annotations": {"kubeadm.alpha.kubernetes.io/cri-socket":
                                     "unix:///var/run/containerd/containerd.sock",
                                     "node.alpha.kubernetes.io/ttl": "0",
                                     "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"]},
        "status": {
            "addresses": [{"address": "192.168.0.12", "type": "InternalIP"},
                          {"address": "kubesphere02", "type": "Hostname"}],
            "allocatable": {"cpu": "2", "ephemeral-storage": "47093746742", "hugepages-1Gi": "0",
                            "hugepages-2Mi": "0", "memory": "3900436Ki", "pods": "110"},
            "capacity": {"cpu": "2", "ephemeral-storage": "51099000Ki", "hugepages-1Gi": "0",
                         "hugepages-2Mi": "0", "memory": "3900436Ki", "pods": "110"},
            "conditions": [{"lastHeartbeatTime": rfc3339(t0 - 40), "lastTransitionTime": born, "message": m,
                            "reason": r, "status": s, "type": ty} for ty, s, r, m in conds],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {"architecture": "amd64", "bootID": "3b0d7a52-6b7c-4f0e-9d7a-2c1f5e8b9a10",
                         "containerRuntimeVersion": "containerd://1.7.27", "kernelVersion": "6.1.0-31-amd64",
                         "kubeProxyVersion": "v1.33.4", "kubeletVersion": "v1.33.4",
                         "machineID": "9f1c2e3d4b5a69788796a5b4c3d2e1f0", "operatingSystem": "linux",
                         "osImage": "Debian GNU/Linux 12 (bookworm)",
                         "systemUUID": "e4d3c2b1-a098-7654-3210-fedcba987654"}},
    }


def kubesphere02_lease(t0: float = T0) -> dict[str, Any]:
    return {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": {"name": "kubesphere02", "namespace": "kube-node-lease", "uid": "lease-2"},
            "spec": {"holderIdentity": "kubesphere02", "leaseDurationSeconds": 40,
                     "renewTime": rfc3339(t0 - 3)[:-1] + ".123456Z"}}


def kubesphere02_pods(t0: float = T0) -> list[dict[str, Any]]:
    """What runs on kubesphere02: calico-node and kube-proxy from kube-system, nginx-manual, a
    finished pod (not listed) and a pod on another node (not listed)."""
    node = kubesphere02(t0)
    calico = owned_pod(t0 - 66 * 86400, {"apiVersion": "apps/v1", "kind": "DaemonSet",
                                         "metadata": {"name": "calico-node", "uid": "ds-calico"}},
                       "calico-node-5rpwf", "kubesphere02", "Running", {"k8s-app": "calico-node"}, "192.168.0.12",
                       requests={"cpu": "250m"}, namespace="kube-system")
    proxy = owned_pod(t0 - 66 * 86400, {"apiVersion": "apps/v1", "kind": "DaemonSet",
                                        "metadata": {"name": "kube-proxy", "uid": "ds-proxy"}},
                      "kube-proxy-frjw4", "kubesphere02", "Running", {"k8s-app": "kube-proxy"}, "192.168.0.12",
                      namespace="kube-system")
    proxy["spec"]["containers"][0]["resources"] = {"limits": {"memory": "170Mi"},
                                                   "requests": {"cpu": "100m", "memory": "70Mi"}}
    done = owned_pod(t0, {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "batch-job", "uid": JOB_UID}},
                     "batch-job-fw78q", "kubesphere02", "Succeeded", {}, "10.244.1.4")
    other = owned_pod(t0, {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "x", "uid": "x"}},
                      "elsewhere", "kubesphere03", "Running", {}, "10.244.2.4")
    del node
    return [proxy, calico, nginx_manual(t0), done, other]


def default_namespace(t0: float = T0) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "default", "uid": "ns-default", "creationTimestamp": rfc3339(t0 - 66 * 86400),
                         "labels": {"kubernetes.io/metadata.name": "default"}},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}


# --- edge cases (each checked against a real kubectl 1.33 over a fake API server) -------------


def pending_pod(t0: float = T0) -> dict[str, Any]:
    """An unschedulable pod: no node, no IPs, only a PodScheduled=False condition."""
    p = nginx_manual(t0)
    p["metadata"]["name"] = "nginx-gpu"
    p["spec"]["nodeSelector"] = {"gpu": "true"}
    del p["spec"]["nodeName"]
    p["status"] = {"phase": "Pending", "qosClass": "BestEffort", "conditions": [
        {"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "lastProbeTime": None,
         "lastTransitionTime": rfc3339(t0 + 4)}]}
    return p


def pending_events(t0: float = T0) -> list[dict[str, Any]]:
    msg = ("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
           "2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: "
           "3 Preemption is not helpful for scheduling.  ")
    return [event(t0, pending_pod(t0), 1, "Warning", "FailedScheduling", msg, "default-scheduler", 4, 70, count=6)]


def creating_pod(t0: float = T0) -> dict[str, Any]:
    """Bound to kubesphere02 but still pulling: a Waiting container, no pod IP yet."""
    p = nginx_manual(t0)
    p["metadata"]["name"] = "nginx-creating"
    p["status"] = {"phase": "Pending", "hostIP": "192.168.0.12", "startTime": rfc3339(t0 + 5), "qosClass": "BestEffort",
                   "containerStatuses": [{"name": "nginx", "image": "nginx:1.9.1", "imageID": "", "ready": False,
                                          "restartCount": 0, "started": False, "lastState": {},
                                          "state": {"waiting": {"reason": "ContainerCreating"}}}]}
    return p


def terminating_pod(t0: float = T0, deleted_at: float = 90) -> dict[str, Any]:
    """``kubectl delete pod nginx-manual``: deletionTimestamp is the delete time plus the grace period."""
    p = nginx_manual(t0)
    p["metadata"]["deletionTimestamp"] = rfc3339(t0 + deleted_at)
    p["metadata"]["deletionGracePeriodSeconds"] = 30
    return p


def sink_pod(t0: float = T0) -> dict[str, Any]:
    """Most of what describe can print for a pod: init containers, two containers, probes, every
    kind of env var, resources, a last state, readiness gates, spread constraints, volumes."""
    p = nginx_manual(t0)
    md, sp, st = p["metadata"], p["spec"], p["status"]
    md["name"] = "sink"
    md["labels"] = {"app": "web", "tier": "front", "creation_method": "manual"}
    md["annotations"] = {
        "kubectl.kubernetes.io/last-applied-configuration": '{"a":1}\n',
        "cni.projectcalico.org/podIP": "10.20.177.117/32",
        "kubernetes.io/limit-ranger": "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory "
                                      "limit for container nginx and some more text to exceed the one hundred forty limit",
        "multi": "line one\nline two\n", "esc": "bell\x1b[31mred\r"}
    md["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f", "uid": "x",
                              "controller": True}]
    sp.update({"priorityClassName": "high", "priority": 1000, "runtimeClassName": "gvisor",
               "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
               "nodeSelector": {"gpu": "true", "disk": "ssd"},
               "readinessGates": [{"conditionType": "example.com/feature"}, {"conditionType": "Ready"}]})
    sp["topologySpreadConstraints"] = [
        {"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
         "labelSelector": {"matchLabels": {"app": "web"}}},
        {"maxSkew": 2, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "ScheduleAnyway"}]
    sp["tolerations"] = NOT_READY_TOLERATIONS + [
        {"operator": "Exists"}, {"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"},
        {"key": "k2", "operator": "Exists"}]
    sp["initContainers"] = [container("init-db", "busybox:1.36",
                                      command=["sh", "-c", "until nslookup db; do sleep 2; done"])]
    c = sp["containers"][0]
    c["ports"] = [{"containerPort": 80, "protocol": "TCP", "name": "http"},
                  {"containerPort": 443, "hostPort": 8443, "protocol": "TCP"}, {"containerPort": 53, "protocol": "UDP"}]
    c["command"], c["args"] = ["nginx"], ["-g", "daemon off;\nsecond line"]
    c["resources"] = {"limits": {"cpu": "500m", "memory": "128Mi"},
                      "requests": {"cpu": "0.25", "memory": "64Mi", "ephemeral-storage": "1Gi"}}
    c["livenessProbe"] = {"httpGet": {"path": "/healthz", "port": 80, "scheme": "HTTP"}, "initialDelaySeconds": 3,
                          "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}
    c["readinessProbe"] = {"exec": {"command": ["cat", "/tmp/ready"]}, "timeoutSeconds": 1, "periodSeconds": 5,
                           "successThreshold": 1, "failureThreshold": 3}
    c["startupProbe"] = {"tcpSocket": {"port": "http"}, "timeoutSeconds": 1, "periodSeconds": 10,
                         "successThreshold": 1, "failureThreshold": 30}
    c["envFrom"] = [{"configMapRef": {"name": "cfg"}}, {"secretRef": {"name": "sec", "optional": True}, "prefix": "S_"}]

    def field(path: str) -> dict[str, Any]:
        return {"fieldRef": {"apiVersion": "v1", "fieldPath": path}}

    def res(resource: str, divisor: str) -> dict[str, Any]:
        return {"resourceFieldRef": {"containerName": "nginx", "resource": resource, "divisor": divisor}}

    c["env"] = [{"name": "PLAIN", "value": "a\nb"},
                {"name": "POD_NAME", "valueFrom": field("metadata.name")},
                {"name": "POD_IP", "valueFrom": field("status.podIP")},
                {"name": "APP", "valueFrom": field("metadata.labels['app']")},
                {"name": "CPU_LIM", "valueFrom": res("limits.cpu", "1m")},
                {"name": "MEM_REQ", "valueFrom": res("requests.memory", "1Mi")},
                {"name": "EPH_LIM", "valueFrom": res("limits.ephemeral-storage", "1")},
                {"name": "PASS", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
                {"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "mode", "optional": True}}}]
    c["volumeMounts"] += [{"mountPath": "/data", "name": "data"},
                          {"mountPath": "/etc/cfg", "name": "cfg", "readOnly": True, "subPath": "app.conf"}]
    c["securityContext"] = {"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/audit.json"}}
    sp["containers"].append(container("sidecar", "busybox:1.36", args=["sleep", "3600"], resources={
        "limits": {"cpu": "100m", "memory": "32Mi"}, "requests": {"cpu": "100m", "memory": "32Mi"}}))
    sp["volumes"] += [
        {"name": "data", "emptyDir": {}}, {"name": "cache", "emptyDir": {"medium": "Memory", "sizeLimit": "1024Mi"}},
        {"name": "cfg", "configMap": {"name": "cfg", "defaultMode": 420}},
        {"name": "sec", "secret": {"secretName": "db", "optional": True}},
        {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}}, {"name": "host2", "hostPath": {"path": "/tmp"}},
        {"name": "claim", "persistentVolumeClaim": {"claimName": "pvc1", "readOnly": True}},
        {"name": "info", "downwardAPI": {"items": [
            {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}},
            {"path": "cpu", "resourceFieldRef": {"containerName": "nginx", "resource": "limits.cpu"}}]}},
        {"name": "nfs", "nfs": {"server": "10.0.0.1", "path": "/exports"}}]
    del st["qosClass"]
    st.update({"reason": "SomeReason", "message": "some message", "nominatedNodeName": "kubesphere03",
               "podIPs": [{"ip": "10.244.1.3"}, {"ip": "fd00::3"}]})
    st["initContainerStatuses"] = [{
        "name": "init-db", "image": "docker.io/library/busybox:1.36", "imageID": "docker.io/library/busybox@sha256:abc",
        "containerID": "containerd://111", "ready": True, "restartCount": 0, "lastState": {},
        "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": rfc3339(t0 + 6),
                                 "finishedAt": rfc3339(t0 + 8), "containerID": "containerd://111"}}}]
    st["containerStatuses"][0]["restartCount"] = 3
    st["containerStatuses"][0]["lastState"] = {"terminated": {
        "exitCode": 137, "signal": 9, "reason": "OOMKilled", "message": "killed\n",
        "startedAt": rfc3339(t0 + 30), "finishedAt": rfc3339(t0 + 40)}}
    st["containerStatuses"].append({"name": "sidecar", "image": "docker.io/library/busybox:1.36", "imageID": "",
                                    "containerID": "", "ready": False, "restartCount": 0, "state": {}, "lastState": {}})
    return p


def sink_events(t0: float = T0) -> list[dict[str, Any]]:
    """A repeated kubelet event, one with a trailing newline, and two events.k8s.io-style ones
    (eventTime and no timestamps; one with a series), in the server's by-name order."""
    p = sink_pod(t0)
    backoff = event(t0, p, 1, "Warning", "BackOff", "Back-off restarting failed container nginx in pod sink_default(x)",
                    "kubelet", 40, 290, count=7, host="kubesphere02")
    killing = event(t0, p, 2, "Normal", "Killing", "Stopping container nginx\n", "kubelet", 100, host="kubesphere02")
    scheduled = event(t0, p, 3, "Normal", "Scheduled", "Successfully assigned default/sink to kubesphere02",
                      "default-scheduler", 0)
    unhealthy = event(t0, p, 4, "Warning", "Unhealthy", "Readiness probe failed", "kubelet", 0)
    for e in (scheduled, unhealthy):
        e.pop("firstTimestamp")
        e.pop("lastTimestamp")
        e["count"] = 0
    scheduled["source"] = {}
    scheduled["eventTime"] = rfc3339(t0 + 1)[:-1] + ".500000Z"
    unhealthy["eventTime"] = rfc3339(t0 + 50)[:-1] + ".200000Z"
    unhealthy["series"] = {"count": 12, "lastObservedTime": rfc3339(t0 + 280)[:-1] + ".700000Z"}
    return sorted([backoff, killing, scheduled, unhealthy], key=lambda e: e["metadata"]["name"])


def deployment_rs(t0: float = T0) -> dict[str, Any]:
    """A ReplicaSet a Deployment owns, with a set-based selector, a failure condition and a fuller template."""
    rs = nginx_rs(t0)
    md = rs["metadata"]
    md["name"] = "web-5d4f"
    md["labels"] = {"app": "web", "pod-template-hash": "5d4f"}
    md["annotations"] = {"deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4",
                         "deployment.kubernetes.io/revision": "1"}
    md["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": "d",
                              "controller": True, "blockOwnerDeletion": True}]
    rs["spec"]["selector"] = {"matchLabels": {"app": "web", "pod-template-hash": "5d4f"}, "matchExpressions": [
        {"key": "tier", "operator": "In", "values": ["front", "api"]}, {"key": "canary", "operator": "DoesNotExist"}]}
    tpl = rs["spec"]["template"]
    tpl["metadata"] = {"labels": {"app": "web", "pod-template-hash": "5d4f", "tier": "front"},
                       "annotations": {"prometheus.io/scrape": "true"}}
    ts = tpl["spec"]
    ts.update({"serviceAccountName": "web-sa", "priorityClassName": "high", "nodeSelector": {"disk1": "ssd1"},
               "initContainers": [container("init", "busybox:1.36", command=["true"])],
               "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "cfg"}}],
               "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}],
               "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone",
                                              "whenUnsatisfiable": "DoNotSchedule"}]})
    ts["containers"][0]["ports"] = [{"containerPort": 80, "protocol": "TCP"}]
    ts["containers"][0]["volumeMounts"] = [{"mountPath": "/data", "name": "data"}]
    rs["status"] = {"replicas": 2, "conditions": [{"type": "ReplicaFailure", "status": "True",
                                                   "reason": "FailedCreate", "message": "quota"}]}
    return rs


def indexed_job(t0: float = T0) -> dict[str, Any]:
    """A running Indexed Job a CronJob owns, with a deadline, a TTL and a long completed-indexes list."""
    j = batch_job(t0)
    j["metadata"]["name"] = "indexed"
    j["metadata"]["ownerReferences"] = [{"apiVersion": "batch/v1", "kind": "CronJob", "name": "cj", "uid": "c",
                                         "controller": True}]
    j["spec"].update({"ttlSecondsAfterFinished": 100, "activeDeadlineSeconds": 600, "completionMode": "Indexed",
                      "completions": 5, "parallelism": 3})
    j["status"] = {"startTime": rfc3339(t0), "active": 3, "succeeded": 2, "failed": 1,
                   "completedIndexes": "0-1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31,33,35,37,39,41"}
    return j


def control_plane_node(t0: float = T0) -> dict[str, Any]:
    """kubesphere01: roles, taints, cordoned, an extended resource, and a Ready condition gone Unknown."""
    n = kubesphere02(t0)
    md, spec, status = n["metadata"], n["spec"], n["status"]
    md["name"] = "kubesphere01"
    md["labels"].update({"kubernetes.io/hostname": "kubesphere01", "node-role.kubernetes.io/control-plane": "",
                         "kubernetes.io/role": "master", "node-role.kubernetes.io/": ""})
    spec.update({"unschedulable": True, "providerID": "kind://docker/kind/kubesphere01", "podCIDR": "10.244.0.0/24",
                 "podCIDRs": ["10.244.0.0/24"],
                 "taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"},
                            {"key": "dedicated", "value": "infra", "effect": "NoExecute"},
                            {"key": "a", "effect": "NoSchedule", "timeAdded": rfc3339(t0)}]})
    status["addresses"] = [{"address": "192.168.0.11", "type": "InternalIP"},
                           {"address": "kubesphere01", "type": "Hostname"}]
    status["allocatable"]["example.com/gpu"] = "2"
    status["capacity"]["example.com/gpu"] = "2"
    status["conditions"][3].update({"status": "Unknown", "reason": "NodeStatusUnknown",
                                    "message": "Kubelet stopped posting node status."})
    return n


def control_plane_pods(t0: float = T0) -> list[dict[str, Any]]:
    """One pod asking for more than the node has: a bigger init container, an overhead, a GPU."""
    owner = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "kubesphere01", "uid": "u"}}
    gp = owned_pod(t0, owner, "gpu-pod", "kubesphere01", "Pending", {}, "")
    gp["spec"]["containers"][0]["resources"] = {
        "limits": {"example.com/gpu": "1", "cpu": "3", "memory": "5Gi"},
        "requests": {"example.com/gpu": "1", "cpu": "3", "memory": "5Gi"}}
    gp["spec"]["initContainers"] = [container("i", "busybox", resources={"requests": {"cpu": "4"}})]
    gp["spec"]["overhead"] = {"cpu": "250m", "memory": "120Mi"}
    return [gp]


def control_plane_lease(t0: float = T0) -> dict[str, Any]:
    return {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": {"name": "kubesphere01", "namespace": "kube-node-lease"},
            "spec": {"holderIdentity": "kubesphere01", "acquireTime": rfc3339(t0 - 5000)[:-1] + ".000001Z",
                     "renewTime": rfc3339(t0 - 100)[:-1] + ".250000Z"}}


def control_plane_events(t0: float = T0) -> list[dict[str, Any]]:
    n = control_plane_node(t0)
    return [event(t0, n, 1, "Normal", "NodeNotReady", "Node kubesphere01 status is now: NodeNotReady",
                  "node-controller", 70)]


def terminating_namespace(t0: float = T0) -> dict[str, Any]:
    ns = default_namespace(t0)
    ns["metadata"].update({"name": "test1-namespace", "deletionTimestamp": rfc3339(t0), "annotations": {"owner": "me"},
                           "labels": {"kubernetes.io/metadata.name": "test1-namespace", "team": "a"}})
    ns["status"] = {"phase": "Terminating", "conditions": [
        {"type": "NamespaceDeletionDiscoveryFailure", "status": "False", "reason": "ResourcesDiscovered",
         "message": "All resources successfully discovered", "lastTransitionTime": rfc3339(t0 + 1)},
        {"type": "NamespaceContentRemaining", "status": "True", "reason": "SomeResourcesRemain",
         "message": "Some resources are remaining: pods. has 1 resource instances",
         "lastTransitionTime": rfc3339(t0 + 1)}]}
    return ns


def tomcat_ds(t0: float = T0) -> dict[str, Any]:
    """The tutorial's tomcat-ssd DaemonSet right after creation: a node selector, no status yet."""
    ds = mysql_ds(t0)
    ds["metadata"].update({"name": "tomcat-ssd", "labels": {"app": "tomcat"}})
    ds["spec"]["selector"] = {"matchLabels": {"app": "tomcat"}}
    tpl = ds["spec"]["template"]
    tpl["metadata"]["labels"] = {"app": "tomcat"}
    tpl["spec"]["nodeSelector"] = {"disk1": "ssd1"}
    tpl["spec"]["containers"] = [container("tomcat", "kubeguide/tomcat-app:v1")]
    ds["status"] = {}
    return ds


# --- expected output shared by the describe tests -----------------------------------------------
def text(s: str) -> str:
    """Expected output, with a ``|`` marking where a line ends in spaces (kubectl pads an empty
    last cell, e.g. ``Container ID:`` of a container that has not started)."""
    return "\n".join(line[:-1] if line.endswith("|") else line for line in s.split("\n"))

# ``describe namespace default`` on a server without quotas or limit ranges.
DEFAULT_NAMESPACE = """\
Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
"""

# The tutorial ReplicaSet's ``Pod Template:`` section.
NGINX_RS_POD_TEMPLATE = """\
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.9.1
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
"""

# The tutorial Job's ``Pod Template:`` section (its selector labels included).
BATCH_JOB_POD_TEMPLATE = """\
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
           batch.kubernetes.io/job-name=batch-job
           controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
           job-name=batch-job
  Containers:
   main:
    Image:         luksa/batch-job
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
"""

# A running pod's ``Conditions:``, every one True.
READY_CONDITIONS = """\
Conditions:
  Type                        Status
  PodReadyToStartContainers   True |
  Initialized                 True |
  Ready                       True |
  ContainersReady             True |
  PodScheduled                True |
"""

# The default nodes' ``System Info:`` (node-info written by the topology).
KUBESPHERE_SYSTEM_INFO = """\
System Info:
  Machine ID:                 9f1c2e3d4b5a69788796a5b4c3d2e1f0
  System UUID:                e4d3c2b1-a098-7654-3210-fedcba987654
  Boot ID:                    3b0d7a52-6b7c-4f0e-9d7a-2c1f5e8b9a10
  Kernel Version:             6.1.0-31-amd64
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.27
  Kubelet Version:            v1.33.4
  Kube-Proxy Version:         v1.33.4
"""
