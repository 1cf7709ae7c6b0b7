"""kubectl describe for the tutorial's objects: whole outputs, exactly as kubectl v1.33 prints them.

Every expected text below was worked out from upstream ``pkg/describe/describe.go`` and then
confirmed byte for byte against the real ``kubectl`` 1.33 binary, which was pointed at a fake API
server serving the same objects (``describe_fixtures.py``) with times near the real clock.
"""

from __future__ import annotations

import random
import time

import describe_fixtures as F
import pytest

from cluster_core.api.quantity import parse
from cluster_core.kubectl.describe import DescribeContext, describe
from cluster_core.kubectl.printers.gosort import sort as go_sort
from cluster_core.timeutil import rfc3339

T0 = F.T0


def run(kind: str, obj: dict, now: float, **kw: object) -> str:
    return describe(kind, obj, DescribeContext(now=now, **kw))  # type: ignore[arg-type]


# --- the tutorial's objects ---------------------------------------------------------------------


def test_pod_nginx_manual_running() -> None:
    """Step 1.2: a Running pod on kubesphere02, its service-account volume and its five events."""
    out = run("Pod", F.nginx_manual(), T0 + 80, events=F.nginx_manual_events())
    assert out == F.text("""\
Name:             nginx-manual
Namespace:        default
Priority:         0
Service Account:  default
Node:             kubesphere02/192.168.0.12
Start Time:       Thu, 01 Jan 2026 00:00:05 +0000
Labels:           <none>
Annotations:      <none>
Status:           Running
IP:               10.244.1.3
IPs:
  IP:  10.244.1.3
Containers:
  nginx:
    Container ID:   containerd://8c2b0e4c7f3d4e1a9b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a
    Image:          nginx:1.9.1
    Image ID:       docker.io/library/nginx@sha256:2f68b99bc0d6d25d0c56876b924ec20418544ff28e1fb89a4c27679a40da811b
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 00:00:20 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-4x9tq (ro)
""" + F.READY_CONDITIONS + """\
Volumes:
  kube-api-access-4x9tq:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  76s   default-scheduler  Successfully assigned default/nginx-manual to kubesphere02
  Normal  Pulling    75s   kubelet            Pulling image "nginx:1.9.1"
  Normal  Pulled     61s   kubelet            Successfully pulled image "nginx:1.9.1" in 14.2s (14.2s including waiting). Image size: 44349012 bytes.
  Normal  Created    61s   kubelet            Created container: nginx
  Normal  Started    60s   kubelet            Started container nginx
""")


def test_replicaset_head_matches_the_tutorial() -> None:
    """Step 1.7: ``kubectl describe rs`` starts as the tutorial shows it. Only the Image line is one
    space wider than in the tutorial (kubectl 1.16): v1.33's template ends with ``  Node-Selectors:``,
    the widest label of that aligned block."""
    rs = F.nginx_rs()
    rs["metadata"]["namespace"] = "user-test"
    pods = F.nginx_rs_pods()
    for p in pods:
        p["metadata"]["namespace"] = "user-test"
    out = run("ReplicaSet", rs, T0 + 113, pods=pods)
    assert out.split("\n")[:12] == [
        "Name:         nginx",
        "Namespace:    user-test",
        "Selector:     app=nginx",
        "Labels:       <none>",
        "Annotations:  <none>",
        "Replicas:     3 current / 3 desired",
        "Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed",
        "Pod Template:",
        "  Labels:  app=nginx",
        "  Containers:",
        "   nginx:",
        "    Image:         nginx:1.9.1",  # the tutorial: "    Image:        nginx:1.9.1"
    ]


def test_replicaset_nginx_counts_only_its_own_pods() -> None:
    """Pods Status counts the RS's pods (a matching pod another owner controls is left out)."""
    out = run("ReplicaSet", F.nginx_rs(), T0 + 113, events=F.nginx_rs_events(), pods=F.nginx_rs_pods())
    assert out == F.text("""\
Name:         nginx
Namespace:    default
Selector:     app=nginx
Labels:       <none>
Annotations:  <none>
Replicas:     3 current / 3 desired
Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed
""" + F.NGINX_RS_POD_TEMPLATE + """\
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  112s  replicaset-controller  Created pod: nginx-8nw85
  Normal  SuccessfulCreate  112s  replicaset-controller  Created pod: nginx-chsv4
  Normal  SuccessfulCreate  112s  replicaset-controller  Created pod: nginx-jg9ll
""")


def test_daemonset_mysql_ds() -> None:
    """Step 1.8: the DaemonSet's untabbed ``Number of Nodes`` lines and its env var in the template."""
    out = run("DaemonSet", F.mysql_ds(), T0 + 73, events=F.mysql_ds_events(), pods=F.mysql_ds_pods())
    assert out == F.text("""\
Name:           mysql-ds
Namespace:      default
Selector:       app=mysql
Node-Selector:  <none>
Labels:         <none>
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 2
Current Number of Nodes Scheduled: 2
Number of Nodes Scheduled with Up-to-date Pods: 2
Number of Nodes Scheduled with Available Pods: 2
Number of Nodes Misscheduled: 0
Pods Status:  1 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=mysql
  Containers:
   mysql:
    Image:      mysql:5.7
    Port:       <none>
    Host Port:  <none>
    Environment:
      MYSQL_ROOT_PASSWORD:  Az123456_
    Mounts:                 <none>
  Volumes:                  <none>
  Node-Selectors:           <none>
  Tolerations:              <none>
Events:
  Type    Reason            Age   From                  Message
  ----    ------            ----  ----                  -------
  Normal  SuccessfulCreate  72s   daemonset-controller  Created pod: mysql-ds-4stkh
  Normal  SuccessfulCreate  72s   daemonset-controller  Created pod: mysql-ds-jt4f2
""")


def test_daemonset_tomcat_ssd_node_selector() -> None:
    """Step 1.8: tomcat-ssd's Node-Selector line and template Node-Selectors, before any status."""
    out = run("DaemonSet", F.tomcat_ds(), T0 + 43)
    assert out == F.text("""\
Name:           tomcat-ssd
Namespace:      default
Selector:       app=tomcat
Node-Selector:  disk1=ssd1
Labels:         app=tomcat
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 0
Current Number of Nodes Scheduled: 0
Number of Nodes Scheduled with Up-to-date Pods: 0
Number of Nodes Scheduled with Available Pods: 0
Number of Nodes Misscheduled: 0
Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=tomcat
  Containers:
   tomcat:
    Image:         kubeguide/tomcat-app:v1
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  disk1=ssd1
  Tolerations:     <none>
Events:            <none>
""")


def test_job_batch_job_completed() -> None:
    """Step 1.9: a completed Job: times, Duration, Pods Statuses with Ready, its labels."""
    out = run("Job", F.batch_job(), T0 + 124, events=F.batch_job_events())
    assert out == F.text("""\
Name:             batch-job
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
Labels:           batch.kubernetes.io/controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
                  batch.kubernetes.io/job-name=batch-job
                  controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
                  job-name=batch-job
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    6
Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
Completed At:     Thu, 01 Jan 2026 00:00:37 +0000
Duration:         37s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
""" + F.BATCH_JOB_POD_TEMPLATE + """\
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  2m4s  job-controller  Created pod: batch-job-fw78q
  Normal  Completed         87s   job-controller  Job completed
""")


def test_node_kubesphere02() -> None:
    """A worker node: lease, conditions, capacity, and only its unfinished pods with their share."""
    out = run("Node", F.kubesphere02(), T0 + 80, pods=F.kubesphere02_pods(), lease=F.kubesphere02_lease())
    assert out == F.text("""\
Name:               kubesphere02
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=kubesphere02
                    kubernetes.io/os=linux
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 27 Oct 2025 00:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  kubesphere02
  AcquireTime:     <unset>
  RenewTime:       Wed, 31 Dec 2025 23:59:57 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  192.168.0.12
  Hostname:    kubesphere02
Capacity:
  cpu:                2
  ephemeral-storage:  51099000Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3900436Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  47093746742
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3900436Ki
  pods:               110
""" + F.KUBESPHERE_SYSTEM_INFO + """\
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (3 in total)
  Namespace                   Name                 CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                 ------------  ----------  ---------------  -------------  ---
  default                     nginx-manual         0 (0%)        0 (0%)      0 (0%)           0 (0%)         76s
  kube-system                 calico-node-5rpwf    250m (12%)    0 (0%)      0 (0%)           0 (0%)         66d
  kube-system                 kube-proxy-frjw4     100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     66d
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                350m (17%)  0 (0%)
  memory             70Mi (1%)   170Mi (4%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
""")


def test_node_without_a_known_lease() -> None:
    """Without a Lease, the line kubectl prints when the Get of kube-node-lease/<node> fails."""
    out = run("Node", F.kubesphere02(), T0 + 80, pods=F.kubesphere02_pods())
    lines = out.split("\n")
    assert lines[12:14] == [
        "Unschedulable:      false",
        'Lease:              Failed to get lease: leases.coordination.k8s.io "kubesphere02" not found',
    ]
    assert lines[14] == "Conditions:"


def test_namespace_default() -> None:
    """Step 1.5: a namespace, with the quota and limit-range lines of a server that has none."""
    out = run("Namespace", F.default_namespace(), T0 + 80)
    assert out == F.text(F.DEFAULT_NAMESPACE)


# --- pods in other states ------------------------------------------------------------------------


def test_pending_pod_with_repeated_failed_scheduling() -> None:
    """nginx-gpu before any node has gpu=true: Node <none>, empty IP, a counted event."""
    out = run("Pod", F.pending_pod(), T0 + 80, events=F.pending_events())
    assert out == F.text("""\
Name:             nginx-gpu
Namespace:        default
Priority:         0
Service Account:  default
Node:             <none>
Labels:           <none>
Annotations:      <none>
Status:           Pending
IP:               |
IPs:              <none>
Containers:
  nginx:
    Image:        nginx:1.9.1
    Port:         80/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-4x9tq (ro)
Conditions:
  Type           Status
  PodScheduled   False |
Volumes:
  kube-api-access-4x9tq:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              gpu=true
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason            Age                From               Message
  ----     ------            ----               ----               -------
  Warning  FailedScheduling  10s (x6 over 76s)  default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
""")


def test_pod_while_its_container_is_created() -> None:
    """Bound but not started: ``Node: kubesphere02/<hostIP>``, State Waiting with its reason."""
    out = run("Pod", F.creating_pod(), T0 + 10)
    assert out == F.text("""\
Name:             nginx-creating
Namespace:        default
Priority:         0
Service Account:  default
Node:             kubesphere02/192.168.0.12
Start Time:       Thu, 01 Jan 2026 00:00:05 +0000
Labels:           <none>
Annotations:      <none>
Status:           Pending
IP:               |
IPs:              <none>
Containers:
  nginx:
    Container ID:   |
    Image:          nginx:1.9.1
    Image ID:       |
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Waiting
      Reason:       ContainerCreating
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-4x9tq (ro)
Volumes:
  kube-api-access-4x9tq:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:                      <none>
""")


@pytest.mark.parametrize(("deleted_at", "lasts"), [(90, "<invalid>"), (81, "0s"), (20, "60s")])
def test_terminating_pod_status(deleted_at: float, lasts: str) -> None:
    """``Terminating (lasts X)`` counts from deletionTimestamp, which is set a grace period ahead,
    so during the grace period kubectl prints ``<invalid>`` (or ``0s`` in the last second)."""
    out = run("Pod", F.terminating_pod(T0, deleted_at), T0 + 80)
    lines = out.split("\n")
    assert lines[8:10] == [f"Status:                    Terminating (lasts {lasts})",
                           "Termination Grace Period:  30s"]


def test_finished_pod_with_deletion_timestamp_shows_its_phase() -> None:
    """A Succeeded pod being deleted is not ``Terminating``."""
    pod = F.terminating_pod(T0, 90)
    pod["status"]["phase"] = "Succeeded"
    assert "Status:           Succeeded\n" in run("Pod", pod, T0 + 80)


def test_pod_with_everything() -> None:
    """Init containers, ports, probes, env sources, resources, last state, gates, spread
    constraints, volumes of each kind, escaped annotations, and eventTime/series events."""
    out = run("Pod", F.sink_pod(), T0 + 300, events=F.sink_events())
    assert out == F.text("""\
Name:                 sink
Namespace:            default
Priority:             1000
Priority Class Name:  high
Runtime Class Name:   gvisor
Service Account:      default
Node:                 kubesphere02/192.168.0.12
Start Time:           Thu, 01 Jan 2026 00:00:05 +0000
Labels:               app=web
                      creation_method=manual
                      tier=front
Annotations:          cni.projectcalico.org/podIP: 10.20.177.117/32
                      esc: bell^[[31mred\\r
                      kubernetes.io/limit-ranger:
                        LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx and some more text to exceed the on...
                      multi:
                        line one
                        line two
Status:               Running
Reason:               SomeReason
Message:              some message
SeccompProfile:       RuntimeDefault
IP:                   10.244.1.3
IPs:
  IP:               10.244.1.3
  IP:               fd00::3
Controlled By:      ReplicaSet/web-5d4f
NominatedNodeName:  kubesphere03
Init Containers:
  init-db:
    Container ID:  containerd://111
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:abc
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      until nslookup db; do sleep 2; done
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Thu, 01 Jan 2026 00:00:06 +0000
      Finished:     Thu, 01 Jan 2026 00:00:08 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Containers:
  nginx:
    Container ID:        containerd://8c2b0e4c7f3d4e1a9b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a
    Image:               nginx:1.9.1
    Image ID:            docker.io/library/nginx@sha256:2f68b99bc0d6d25d0c56876b924ec20418544ff28e1fb89a4c27679a40da811b
    Ports:               80/TCP, 443/TCP, 53/UDP
    Host Ports:          0/TCP, 8443/TCP, 0/UDP
    SeccompProfile:      Localhost
      LocalhostProfile:  profiles/audit.json
    Command:
      nginx
    Args:
      -g
      daemon off;
      second line
    State:       Running
      Started:   Thu, 01 Jan 2026 00:00:20 +0000
    Last State:  Terminated
      Reason:    OOMKilled
      Message:   killed

      Exit Code:    137
      Signal:       9
      Started:      Thu, 01 Jan 2026 00:00:30 +0000
      Finished:     Thu, 01 Jan 2026 00:00:40 +0000
    Ready:          True
    Restart Count:  3
    Limits:
      cpu:     500m
      memory:  128Mi
    Requests:
      cpu:                250m
      ephemeral-storage:  1Gi
      memory:             64Mi
    Liveness:             http-get http://:80/healthz delay=3s timeout=1s period=10s #success=1 #failure=3
    Readiness:            exec [cat /tmp/ready] delay=0s timeout=1s period=5s #success=1 #failure=3
    Startup:              tcp-socket :http delay=0s timeout=1s period=10s #success=1 #failure=30
    Environment Variables from:
      cfg  ConfigMap                Optional: false
      sec  Secret with prefix 'S_'  Optional: true
    Environment:
      PLAIN:     a
                 b
      POD_NAME:  sink (v1:metadata.name)
      POD_IP:     (v1:status.podIP)
      APP:        (v1:metadata.labels['app'])
      CPU_LIM:   500 (limits.cpu)
      MEM_REQ:   64 (requests.memory)
      EPH_LIM:   0 (limits.ephemeral-storage)
      PASS:      <set to the key 'password' in secret 'db'>   Optional: false
      MODE:      <set to the key 'mode' of config map 'cfg'>  Optional: true
    Mounts:
      /data from data (rw)
      /etc/cfg from cfg (ro,path="app.conf")
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-4x9tq (ro)
  sidecar:
    Container ID:  |
    Image:         busybox:1.36
    Image ID:      |
    Port:          <none>
    Host Port:     <none>
    Args:
      sleep
      3600
    State:          Waiting
    Ready:          False
    Restart Count:  0
    Limits:
      cpu:     100m
      memory:  32Mi
    Requests:
      cpu:        100m
      memory:     32Mi
    Environment:  <none>
    Mounts:       <none>
Readiness Gates:
  Type                  Status
  example.com/feature   <none> |
  Ready                 True |
""" + F.READY_CONDITIONS + """\
Volumes:
  kube-api-access-4x9tq:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
  data:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     |
    SizeLimit:  <unset>
  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     Memory
    SizeLimit:  1Gi
  cfg:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      cfg
    Optional:  false
  sec:
    Type:        Secret (a volume populated by a Secret)
    SecretName:  db
    Optional:    true
  host:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  Directory
  host2:
    Type:          HostPath (bare host directory volume)
    Path:          /tmp
    HostPathType:  <none>
  claim:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  pvc1
    ReadOnly:   true
  info:
    Type:  DownwardAPI (a volume populated by information about the pod)
    Items:
      metadata.labels -> labels
      limits.cpu -> cpu
  nfs:
    Type:                     NFS (an NFS mount that lasts the lifetime of a pod)
    Server:                   10.0.0.1
    Path:                     /exports
    ReadOnly:                 false
QoS Class:                    Burstable
Node-Selectors:               disk=ssd
                              gpu=true
Tolerations:                  op=Exists
                              dedicated=gpu:NoSchedule
                              k2 op=Exists
                              node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Topology Spread Constraints:  kubernetes.io/hostname:ScheduleAnyway when max skew 2 is exceeded
                              zone:DoNotSchedule when max skew 1 is exceeded for selector app=web
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  4m58s                default-scheduler  Successfully assigned default/sink to kubesphere02
  Warning  Unhealthy  19s (x12 over 4m9s)  kubelet            Readiness probe failed
  Normal   Killing    3m20s                kubelet            Stopping container nginx
  Warning  BackOff    10s (x7 over 4m20s)  kubelet            Back-off restarting failed container nginx in pod sink_default(x)
""")


def test_show_events_false_leaves_the_section_out() -> None:
    """``--show-events=false``: no Events section at all, not even ``<none>``."""
    out = run("Pod", F.nginx_manual(), T0 + 80, events=F.nginx_manual_events(), show_events=False)
    assert out.endswith("node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n")
    assert "Events" not in out


def test_qos_class_computed_when_status_has_none() -> None:
    """Equal cpu and memory requests and limits (1 and 1000m, 1Gi and 1024Mi) are Guaranteed."""
    pod = F.nginx_manual()
    del pod["status"]["qosClass"]
    pod["spec"]["containers"][0]["resources"] = {"limits": {"cpu": "1", "memory": "1Gi"},
                                                 "requests": {"cpu": "1000m", "memory": "1024Mi"}}
    out = run("Pod", pod, T0 + 80)
    assert "QoS Class:                   Guaranteed\n" in out
    assert "    Limits:\n      cpu:     1\n      memory:  1Gi\n    Requests:\n      cpu:        1\n" in out


# --- other controllers and nodes -----------------------------------------------------------------


def test_replicaset_of_a_deployment() -> None:
    """Controlled By, a set-based selector, Conditions, and a template with more in it."""
    out = run("ReplicaSet", F.deployment_rs(), T0 + 80)
    assert out == F.text("""\
Name:           web-5d4f
Namespace:      default
Selector:       app=web,!canary,pod-template-hash=5d4f,tier in (api,front)
Labels:         app=web
                pod-template-hash=5d4f
Annotations:    deployment.kubernetes.io/desired-replicas: 3
                deployment.kubernetes.io/max-replicas: 4
                deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/web
Replicas:       2 current / 3 desired
Pods Status:    0 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:           app=web
                    pod-template-hash=5d4f
                    tier=front
  Annotations:      prometheus.io/scrape: true
  Service Account:  web-sa
  Init Containers:
   init:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      true
    Environment:  <none>
    Mounts:       <none>
  Containers:
   nginx:
    Image:        nginx:1.9.1
    Port:         80/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:
      /data from data (rw)
  Volumes:
   data:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     |
    SizeLimit:  <unset>
   cfg:
    Type:                       ConfigMap (a volume populated by a ConfigMap)
    Name:                       cfg
    Optional:                   false
  Topology Spread Constraints:  zone:DoNotSchedule when max skew 1 is exceeded
  Priority Class Name:          high
  Node-Selectors:               disk1=ssd1
  Tolerations:                  CriticalAddonsOnly op=Exists
Conditions:
  Type             Status  Reason
  ----             ------  ------
  ReplicaFailure   True    FailedCreate
Events:            <none>
""")


def test_indexed_job_running() -> None:
    """Without Completed At there is no Duration; Completed Indexes is cut after 50 characters."""
    out = run("Job", F.indexed_job(), T0 + 80)
    assert out == F.text("""\
Name:                        indexed
Namespace:                   default
Selector:                    batch.kubernetes.io/controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
Labels:                      batch.kubernetes.io/controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
                             batch.kubernetes.io/job-name=batch-job
                             controller-uid=0f5e2a9c-4444-4d4d-8e8e-000000000004
                             job-name=batch-job
Annotations:                 <none>
Controlled By:               CronJob/cj
Parallelism:                 3
Completions:                 5
Completion Mode:             Indexed
Suspend:                     false
Backoff Limit:               6
TTL Seconds After Finished:  100
Start Time:                  Thu, 01 Jan 2026 00:00:00 +0000
Active Deadline Seconds:     600s
Pods Statuses:               3 Active / 2 Succeeded / 1 Failed
Completed Indexes:           0-1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31,33,35,...
""" + F.BATCH_JOB_POD_TEMPLATE + """\
Events:            <none>
""")


def test_control_plane_node() -> None:
    """Roles, sorted taints, a cordoned node, a pod over capacity, hugepages and an extended resource."""
    out = run("Node", F.control_plane_node(), T0 + 80, events=F.control_plane_events(),
              pods=F.control_plane_pods(), lease=F.control_plane_lease())
    assert out == F.text("""\
Name:               kubesphere01
Roles:              control-plane,master
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=kubesphere01
                    kubernetes.io/os=linux
                    kubernetes.io/role=master
                    node-role.kubernetes.io/=
                    node-role.kubernetes.io/control-plane=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Mon, 27 Oct 2025 00:00:00 +0000
Taints:             dedicated=infra:NoExecute
                    a:NoSchedule
                    node-role.kubernetes.io/control-plane:NoSchedule
Unschedulable:      true
Lease:
  HolderIdentity:  kubesphere01
  AcquireTime:     Wed, 31 Dec 2025 22:36:40 +0000
  RenewTime:       Wed, 31 Dec 2025 23:58:20 +0000
Conditions:
  Type             Status    LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------    -----------------                 ------------------                ------                       -------
  MemoryPressure   False     Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False     Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False     Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            Unknown   Wed, 31 Dec 2025 23:59:20 +0000   Mon, 27 Oct 2025 00:00:00 +0000   NodeStatusUnknown            Kubelet stopped posting node status.
Addresses:
  InternalIP:  192.168.0.11
  Hostname:    kubesphere01
Capacity:
  cpu:                2
  ephemeral-storage:  51099000Ki
  example.com/gpu:    2
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3900436Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  47093746742
  example.com/gpu:    2
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             3900436Ki
  pods:               110
""" + F.KUBESPHERE_SYSTEM_INFO + """\
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
ProviderID:                   kind://docker/kind/kubesphere01
Non-terminated Pods:          (1 in total)
  Namespace                   Name       CPU Requests  CPU Limits    Memory Requests  Memory Limits  Age
  ---------                   ----       ------------  ----------    ---------------  -------------  ---
  default                     gpu-pod    4250m (212%)  3250m (162%)  5240Mi (137%)    5240Mi (137%)  80s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests       Limits
  --------           --------       ------
  cpu                4250m (212%)   3250m (162%)
  memory             5240Mi (137%)  5240Mi (137%)
  ephemeral-storage  0 (0%)         0 (0%)
  hugepages-1Gi      0 (0%)         0 (0%)
  hugepages-2Mi      0 (0%)         0 (0%)
  example.com/gpu    1              1
Events:
  Type    Reason        Age   From             Message
  ----    ------        ----  ----             -------
  Normal  NodeNotReady  10s   node-controller  Node kubesphere01 status is now: NodeNotReady
""")


def test_terminating_namespace_conditions() -> None:
    """A namespace being deleted lists its conditions with RFC 1123 times."""
    out = run("Namespace", F.terminating_namespace(), T0 + 80)
    assert out == F.text("""\
Name:         test1-namespace
Labels:       kubernetes.io/metadata.name=test1-namespace
              team=a
Annotations:  owner: me
Status:       Terminating
Conditions:
  Type                               Status  LastTransitionTime               Reason               Message
  ----                               ------  ------------------               ------               -------
  NamespaceDeletionDiscoveryFailure  False   Thu, 01 Jan 2026 00:00:01 +0000  ResourcesDiscovered  All resources successfully discovered
  NamespaceContentRemaining          True    Thu, 01 Jan 2026 00:00:01 +0000  SomeResourcesRemain  Some resources are remaining: pods. has 1 resource instances

No resource quota.

No LimitRange resource.
""")


# --- events ordering, quantities, speed ----------------------------------------------------------


def _many_events(seed: int, n: int) -> list[dict]:
    """Events with many equal timestamps, in the server's by-name order (as given to kubectl)."""
    rng = random.Random(seed)
    pod = F.nginx_manual()
    k = rng.choice([1, 2, 3, 5, 50])
    evs = []
    for i in range(n):
        first = rng.randrange(0, 10) * 60
        e = F.event(T0, pod, i, "Normal", f"R{i}", f"msg {i}", "kubelet", first, first + rng.randrange(0, k) * 60)
        e["metadata"]["name"] = f"many{seed}.{rng.getrandbits(32):08x}"
        evs.append(e)
    return sorted(evs, key=lambda e: e["metadata"]["name"])


@pytest.mark.parametrize(("seed", "n", "order"), [
    (1, 14, [9, 6, 1, 7, 12, 8, 3, 10, 11, 5, 4, 13, 2, 0]),
    (5, 49, [13, 7, 31, 25, 1, 33, 4, 11, 41, 21, 15, 14, 39, 6, 18, 43, 27, 29, 45, 16, 35, 22, 5, 20, 40,
             26, 46, 38, 19, 8, 32, 37, 36, 48, 12, 42, 17, 47, 3, 34, 23, 30, 44, 10, 9, 0, 24, 28, 2]),
])
def test_events_with_equal_times_keep_kubectls_unstable_order(seed: int, n: int, order: list[int]) -> None:
    """Beyond 12 events Go's sort.Sort reorders ties; these orders are what kubectl 1.33 printed."""
    out = run("Pod", F.nginx_manual(), T0 + 900, events=_many_events(seed, n))
    reasons = [int(line.split()[1][1:]) for line in out.split("\n") if line.startswith("  Normal  R")]
    assert reasons == order
    stable = sorted(_many_events(seed, n), key=lambda e: e["lastTimestamp"])
    assert reasons != [int(e["reason"][1:]) for e in stable]  # a stable sort would not do


def test_go_sort_of_twelve_or_fewer_is_an_insertion_sort() -> None:
    """Up to 12 items ties keep their order, as an insertion sort does."""
    items = [(t, i) for i, t in enumerate([3, 1, 3, 2, 1, 3, 2, 1, 1, 2, 3, 1])]
    go_sort(items, lambda a, b: a[0] < b[0])
    assert items == sorted(items, key=lambda x: x[0])


def test_event_without_last_timestamp_sorts_first() -> None:
    """kubectl 1.33 sorts by lastTimestamp alone: an eventTime-only event counts as the zero time."""
    pod = F.nginx_manual()
    late = F.event(T0, pod, 1, "Normal", "Late", "eventTime only", "kubelet", 0)
    late.pop("firstTimestamp")
    late.pop("lastTimestamp")
    late["eventTime"] = rfc3339(T0 + 200)[:-1] + ".000000Z"
    early = F.event(T0, pod, 2, "Normal", "Early", "last seen at 100", "kubelet", 100)
    out = run("Pod", pod, T0 + 300, events=[early, late])
    assert out.endswith("Events:\n"
                        "  Type    Reason  Age    From     Message\n"
                        "  ----    ------  ----   ----     -------\n"
                        "  Normal  Late    100s   kubelet  eventTime only\n"
                        "  Normal  Early   3m20s  kubelet  last seen at 100\n")


@pytest.mark.parametrize(("text", "shown"), [
    ("100m", "100m"), ("0.25", "250m"), ("1.5", "1500m"), ("1000m", "1"), ("2.5k", "2500"), ("1e3", "1e3"),
    ("1024Mi", "1Gi"), ("1.5Gi", "1536Mi"), ("0.5Ki", "512"), ("3900436Ki", "3900436Ki"),
    ("47093746742", "47093746742"), ("128974848", "128974848"), ("129e6", "129e6"), ("129M", "129M"),
    ("0", "0"), ("0Mi", "0"), ("1n", "1n"), ("0.1n", "1n"), ("12e-3", "12e-3"), ("-100m", "-100m"),
])
def test_quantity_canonical_form(text: str, shown: str) -> None:
    """resource.Quantity's String(): what kubectl prints for a parsed quantity."""
    assert str(parse(text)) == shown


def test_quantity_sum_keeps_the_first_format() -> None:
    """Quantity.Add: 128Mi plus 100M is a binary quantity that is not a whole number of Ki."""
    assert str(parse("128Mi") + parse("100M")) == "234217728"
    assert str(parse("100M") + parse("128Mi")) == "234217728"
    assert str(parse("100m") + parse("1")) == "1100m"


def test_describe_pod_is_fast() -> None:
    """A pod's describe takes well under 5 ms (the shell runs it on every keystroke's command)."""
    pod, ctx = F.nginx_manual(), DescribeContext(now=T0 + 80, events=F.nginx_manual_events())
    describe("Pod", pod, ctx)
    best = min(_timed(lambda: describe("Pod", pod, ctx)) for _ in range(20))
    assert best < 0.005


def _timed(fn: object) -> float:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t
