"""kubectl get -w, compared with kubectl 1.33 byte for byte (the real binary watched a fake API server that
advanced this playground's clock from one scheduled change to the next for a minute, then got Ctrl-C;
the playground does the same on its manual clock). After Ctrl-C kubectl exits 1 by itself."""

from __future__ import annotations

import pytest

from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_watch_a_new_pod(pg: Playground) -> None:
    """-w: the list, then a row per change until Ctrl-C (kubectl exits 1 then)."""
    pg.execute('kubectl delete pod nginx-manual --wait=false')
    assert run(pg, "kubectl get pods -w") == (
        ("NAME              READY   STATUS        RESTARTS   AGE\n"
         "batch-job-5mq6r   0/1     Completed     0          6m40s\n"
         "mysql-ds-q5xr7    1/1     Running       0          6m40s\n"
         "mysql-ds-wz7bc    1/1     Running       0          6m40s\n"
         "nginx-2mprh       1/1     Running       0          6m40s\n"
         "nginx-gpu         0/1     Pending       0          6m40s\n"
         "nginx-manual      1/1     Terminating   0          7m30s\n"
         "nginx-t9xh5       1/1     Running       0          6m40s\n"
         "nginx-zs4hb       1/1     Running       0          6m40s\n"
         "nginx-manual      0/1     Completed     0          7m31s\n"),
        "",
        1)


def test_watch_only(pg: Playground) -> None:
    """--watch-only: no list; the header comes with the first change."""
    pg.execute('kubectl create -f nginx-manual-v2.yaml')
    assert run(pg, "kubectl get pods -w --watch-only") == (
        ("NAME              READY   STATUS    RESTARTS   AGE\n"
         "nginx-manual-v2   1/1     Running   0          1s\n"),
        "",
        1)


def test_output_watch_events(pg: Playground) -> None:
    """--output-watch-events: an EVENT column, its cells padded to eight characters."""
    pg.execute('kubectl create -f nginx-manual-v2.yaml')
    assert run(pg, "kubectl get pods -w --output-watch-events") == (
        ("EVENT      NAME              READY   STATUS      RESTARTS   AGE\n"
         "ADDED      batch-job-5mq6r   0/1     Completed   0          6m40s\n"
         "ADDED      mysql-ds-q5xr7    1/1     Running     0          6m40s\n"
         "ADDED      mysql-ds-wz7bc    1/1     Running     0          6m40s\n"
         "ADDED      nginx-2mprh       1/1     Running     0          6m40s\n"
         "ADDED      nginx-gpu         0/1     Pending     0          6m40s\n"
         "ADDED      nginx-manual      1/1     Running     0          7m30s\n"
         "ADDED      nginx-manual-v2   0/1     Pending     0          0s\n"
         "ADDED      nginx-t9xh5       1/1     Running     0          6m40s\n"
         "ADDED      nginx-zs4hb       1/1     Running     0          6m40s\n"
         "MODIFIED   nginx-manual-v2   1/1     Running     0          1s\n"),
        "",
        1)


def test_watch_one_object(pg: Playground) -> None:
    """One named object: its row, then its changes."""
    pg.execute('kubectl create -f nginx-manual-v2.yaml')
    assert run(pg, "kubectl get pod nginx-manual-v2 -w") == (
        ("NAME              READY   STATUS    RESTARTS   AGE\n"
         "nginx-manual-v2   0/1     Pending   0          0s\n"
         "nginx-manual-v2   1/1     Running   0          1s\n"),
        "",
        1)


def test_watch_wide_and_labels(pg: Playground) -> None:
    """-o wide, --show-labels, -L and -A keep their columns in watch rows."""
    pg.execute('kubectl create -f nginx-manual-v2.yaml')
    assert run(pg, "kubectl get pods -w -o wide -l creation_method=manual") == (
        ("NAME              READY   STATUS    RESTARTS   AGE   IP       NODE           NOMINATED NODE   READINESS GATES\n"
         "nginx-manual-v2   0/1     Pending   0          0s    <none>   kubesphere02   <none>           <none>\n"
         "nginx-manual-v2   1/1     Running   0          1s    10.244.1.6   kubesphere02   <none>           <none>\n"),
        "",
        1)
    assert run(pg, "kubectl get pods -w -A --show-labels -L rel -l rel") == (
        ("NAMESPACE   NAME              READY   STATUS    RESTARTS   AGE   REL    LABELS\n"
         "default     nginx-manual-v2   1/1     Running   0          1s    beta   creation_method=manual,rel=beta\n"),
        "",
        1)


def test_watch_other_formats(pg: Playground) -> None:
    """-o name prints names; -o yaml separates documents with ---; events as compact JSON."""
    pg.execute('kubectl create -f nginx-manual-v2.yaml')
    assert run(pg, "kubectl get pods -w -o name") == (
        ("pod/batch-job-5mq6r\n"
         "pod/mysql-ds-q5xr7\n"
         "pod/mysql-ds-wz7bc\n"
         "pod/nginx-2mprh\n"
         "pod/nginx-gpu\n"
         "pod/nginx-manual\n"
         "pod/nginx-manual-v2\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"
         "pod/nginx-manual-v2\n"),
        "",
        1)
    assert run(pg, "kubectl get pods -w -o yaml --watch-only") == ("", "", 1)
    assert run(pg, "kubectl get pods -w -o json --output-watch-events -l app=nginx") == (
        ('{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2026-01-01T00:00:50Z","generateName":"nginx-","labels":{"app":"nginx"},"name":"nginx-2mprh","namespace":"default","ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet","name":"nginx","uid":"126cbc8f-3888-4479-91eb-cd49428a1c22"}],"resourceVersion":"1089","uid":"0a14b90a-7795-4986-80ee-526e0fa07a3f"},"spec":{"containers":[{"image":"nginx:1.9.1","imagePullPolicy":"IfNotPresent","name":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-zf5qj","readOnly":true}]}],"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"nodeName":"kubesphere03","preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"serviceAccount":"default","serviceAccountName":"default","terminationGracePeriodSeconds":30,"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}],"volumes":[{"name":"kube-api-access-zf5qj","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"path":"namespace"}]}}]}}]},"status":{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"PodReadyToStartContainers"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"Initialized"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:56Z","status":"True","type":"Ready"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:56Z","status":"True","type":"ContainersReady"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:50Z","status":"True","type":"PodScheduled"}],"containerStatuses":[{"containerID":"containerd://0a68e88e0ad4041504c14982d9ead9264745dd9e27896389df3277fd1d77ce40","image":"docker.io/library/nginx:1.9.1","imageID":"docker.io/library/nginx@sha256:732bb58a16db6db7d508131652f0209dd7e0ff3158f58a89c35a448be24c241b","lastState":{},"name":"nginx","ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2026-01-01T00:00:56Z"}},"volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-zf5qj","readOnly":true,"recursiveReadOnly":"Disabled"}]}],"hostIP":"192.168.0.13","hostIPs":[{"ip":"192.168.0.13"}],"phase":"Running","podIP":"10.244.2.2","podIPs":[{"ip":"10.244.2.2"}],"qosClass":"BestEffort","startTime":"2026-01-01T00:00:50Z"}}}\n'
         '{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2026-01-01T00:00:50Z","generateName":"nginx-","labels":{"app":"nginx"},"name":"nginx-t9xh5","namespace":"default","ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet","name":"nginx","uid":"126cbc8f-3888-4479-91eb-cd49428a1c22"}],"resourceVersion":"1075","uid":"c470f0e7-f76f-4fb8-b412-fc12ac322c12"},"spec":{"containers":[{"image":"nginx:1.9.1","imagePullPolicy":"IfNotPresent","name":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-c84hh","readOnly":true}]}],"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"nodeName":"kubesphere02","preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"serviceAccount":"default","serviceAccountName":"default","terminationGracePeriodSeconds":30,"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}],"volumes":[{"name":"kube-api-access-c84hh","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"path":"namespace"}]}}]}}]},"status":{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"PodReadyToStartContainers"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"Initialized"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"Ready"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"ContainersReady"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:50Z","status":"True","type":"PodScheduled"}],"containerStatuses":[{"containerID":"containerd://190865159cb017c18741ae91acfebb4bd29e8693faf1501b009a815bc1378be5","image":"docker.io/library/nginx:1.9.1","imageID":"docker.io/library/nginx@sha256:732bb58a16db6db7d508131652f0209dd7e0ff3158f58a89c35a448be24c241b","lastState":{},"name":"nginx","ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2026-01-01T00:00:51Z"}},"volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-c84hh","readOnly":true,"recursiveReadOnly":"Disabled"}]}],"hostIP":"192.168.0.12","hostIPs":[{"ip":"192.168.0.12"}],"phase":"Running","podIP":"10.244.1.3","podIPs":[{"ip":"10.244.1.3"}],"qosClass":"BestEffort","startTime":"2026-01-01T00:00:50Z"}}}\n'
         '{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"2026-01-01T00:00:50Z","generateName":"nginx-","labels":{"app":"nginx"},"name":"nginx-zs4hb","namespace":"default","ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"ReplicaSet","name":"nginx","uid":"126cbc8f-3888-4479-91eb-cd49428a1c22"}],"resourceVersion":"1093","uid":"e66cd36e-68ef-4f5f-ae68-690a78bc7175"},"spec":{"containers":[{"image":"nginx:1.9.1","imagePullPolicy":"IfNotPresent","name":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-xvm2p","readOnly":true}]}],"dnsPolicy":"ClusterFirst","enableServiceLinks":true,"nodeName":"kubesphere03","preemptionPolicy":"PreemptLowerPriority","priority":0,"restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"serviceAccount":"default","serviceAccountName":"default","terminationGracePeriodSeconds":30,"tolerations":[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}],"volumes":[{"name":"kube-api-access-xvm2p","projected":{"defaultMode":420,"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"items":[{"key":"ca.crt","path":"ca.crt"}],"name":"kube-root-ca.crt"}},{"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"path":"namespace"}]}}]}}]},"status":{"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"PodReadyToStartContainers"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:51Z","status":"True","type":"Initialized"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:56Z","status":"True","type":"Ready"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:56Z","status":"True","type":"ContainersReady"},{"lastProbeTime":null,"lastTransitionTime":"2026-01-01T00:00:50Z","status":"True","type":"PodScheduled"}],"containerStatuses":[{"containerID":"containerd://b65d12267e969cf3a7c5cb879b8b71a1b38a05fbf61164cebfc74ca9d8ab0b30","image":"docker.io/library/nginx:1.9.1","imageID":"docker.io/library/nginx@sha256:732bb58a16db6db7d508131652f0209dd7e0ff3158f58a89c35a448be24c241b","lastState":{},"name":"nginx","ready":true,"restartCount":0,"started":true,"state":{"running":{"startedAt":"2026-01-01T00:00:56Z"}},"volumeMounts":[{"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","name":"kube-api-access-xvm2p","readOnly":true,"recursiveReadOnly":"Disabled"}]}],"hostIP":"192.168.0.13","hostIPs":[{"ip":"192.168.0.13"}],"phase":"Running","podIP":"10.244.2.3","podIPs":[{"ip":"10.244.2.3"}],"qosClass":"BestEffort","startTime":"2026-01-01T00:00:50Z"}}}\n'),
        "",
        1)


def test_watch_errors(pg: Playground) -> None:
    """One type only; several names are refused after the first listing; sort-by warns."""
    assert run(pg, "kubectl get pods,rs -w") == ("", "error: you may only specify a single resource type\n", 1)
    assert run(pg, "kubectl get pod nginx-manual nginx-gpu -w") == (
        ("NAME           READY   STATUS    RESTARTS   AGE\n"
         "nginx-manual   1/1     Running   0          7m30s\n"
         "nginx-gpu      0/1     Pending   0          6m40s\n"),
        ("error: you may only watch a single resource or type of resource at a time\n"),
        1)
    assert run(pg, "kubectl get pods -w --sort-by=.metadata.name --no-headers --watch-only") == (
        "",
        ("warning: --watch requested, --sort-by will be ignored for watch events received\n"),
        1)
    assert run(pg, "kubectl get pod missing -w") == ("", 'Error from server (NotFound): pods "missing" not found\n', 1)
