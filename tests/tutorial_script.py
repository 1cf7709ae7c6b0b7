"""The tutorial's manifests and its command sequence, in order, as a student types them.

Shared by the golden tutorial test (tests/kubectl/test_tutorial.py) and the benchmark
(bench/kubectl_bench.py). The tutorial works in namespace ``user-test`` through an alias.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cluster_core import Playground

NOW = datetime(2026, 1, 1, tzinfo=UTC)

NGINX_MANUAL = """apiVersion: v1
kind: Pod
metadata:
  name: nginx-manual
spec:
  containers:
    - image: nginx:1.9.1
      name: nginx
      ports:
        - containerPort: 80
          protocol: TCP
"""

NGINX_WITH_LABELS = """apiVersion: v1
kind: Pod
metadata:
  name: nginx-manual-v2
  labels:
    creation_method: manual
    rel: beta
spec:
  containers:
    - image: nginx:1.9.1
      name: nginx
      ports:
        - containerPort: 80
          protocol: TCP
"""

NGINX_GPU = """apiVersion: v1
kind: Pod
metadata:
  name: nginx-gpu
spec:
  nodeSelector:
    gpu: "true"
  containers:
    - image: nginx:1.9.1
      name: nginx
      ports:
        - containerPort: 80
          protocol: TCP
"""

TEST1_NAMESPACE = """apiVersion: v1
kind: Namespace
metadata:
  name: test1-namespace
"""

NGINX_REPLICASET = """apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.9.1
"""

MYSQL_DS = """apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: mysql-ds
spec:
  selector:
    matchLabels:
      app: mysql
  template:
    metadata:
      labels:
        app: mysql
    spec:
      containers:
        - name: mysql
          image: mysql:5.7
          env:
            - name: MYSQL_ROOT_PASSWORD
              value: "Az123456_"
"""

TOMCAT_SSD = """apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: tomcat-ssd
spec:
  selector:
    matchLabels:
      app: tomcat
  template:
    metadata:
      labels:
        app: tomcat
    spec:
      nodeSelector:
        disk1: ssd1
      containers:
        - name: tomcat
          image: kubeguide/tomcat-app:v1
"""

SLEEP_JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: batch-job
spec:
  template:
    metadata:
      labels:
        app: batch-job
    spec:
      restartPolicy: OnFailure
      containers:
        - name: main
          image: luksa/batch-job
"""


def heredoc(name: str, text: str) -> str:
    """How a student writes a manifest in the terminal."""
    return f"cat <<EOF > {name}\n{text}EOF"


# (input, seconds to let pass afterwards). Section numbers are the tutorial's.
STEPS: list[tuple[str, float]] = [
    # set-up the tutorial's author had: a namespace and an alias
    ("kubectl create namespace user-test", 0),
    ("alias kubectl='kubectl --namespace=user-test'", 0),
    # 1.2 Pods
    (heredoc("nginx-manual.yaml", NGINX_MANUAL), 0),
    ("kubectl explain pods", 0),
    ("kubectl explain pod.spec", 0),
    ("kubectl create -f nginx-manual.yaml", 25),
    ("kubectl get pods", 0),
    ("kubectl get pod nginx-manual -o yaml", 0),
    ("kubectl get pod nginx-manual -o json", 0),
    ("kubectl logs nginx-manual", 0),
    ("kubectl logs nginx-manual -c nginx", 0),
    ("kubectl port-forward nginx-manual 8080:80 &", 1),
    ("curl http://127.0.0.1:8080", 0),
    ("kill %1", 0),
    # 1.3 Labels
    (heredoc("nginx-manual-with-labels.yaml", NGINX_WITH_LABELS), 0),
    ("kubectl create -f nginx-manual-with-labels.yaml", 10),
    ("kubectl get pod --show-labels", 0),
    ("kubectl get pod -L creation_method,rel", 0),
    ("kubectl label pod nginx-manual creation_method=manual", 0),
    ("kubectl label pod nginx-manual-v2 rel=stable --overwrite", 0),
    ("kubectl get pod -L creation_method,rel", 0),
    # 1.4 Label selectors
    ("kubectl get pod -l creation_method=manual", 0),
    ("kubectl get pod -l rel", 0),
    ("kubectl get pod -l '!rel'", 0),
    ("kubectl get pod -l 'creation_method!=manual'", 0),
    ("kubectl get pod -l 'rel in (beta,stable)'", 0),
    ("kubectl get pod -l 'rel notin (beta,stable)'", 0),
    ("kubectl get pod -l creation_method=manual,rel=stable", 0),
    # 1.4 Scheduling with nodeSelector
    ("kubectl get nodes", 0),
    ("kubectl label node kubesphere02 gpu=true", 0),
    ("kubectl get nodes -l gpu=true", 0),
    (heredoc("nginx-gpu.yaml", NGINX_GPU), 0),
    ("kubectl create -f nginx-gpu.yaml", 48),
    ("kubectl get pods -o wide", 0),
    # 1.5 Namespaces
    ("kubectl get namespaces", 0),
    ("/usr/bin/kubectl get pod -n kube-system", 0),
    (heredoc("test1-namespace.yaml", TEST1_NAMESPACE), 0),
    ("kubectl create -f test1-namespace.yaml", 0),
    ("kubectl create namespace test2-namespace", 0),
    ("/usr/bin/kubectl create -f nginx-manual.yaml -n test1-namespace", 30),
    ("/usr/bin/kubectl get pods --all-namespaces |grep nginx-manual", 0),
    # 1.6 Delete and update
    ("kubectl delete pod nginx-manual", 0),
    ("kubectl delete pod -l creation_method=manual", 0),
    ("/usr/bin/kubectl delete ns test1-namespace", 0),
    ("kubectl create -f nginx-manual.yaml", 20),
    ("sed -i 's/nginx:1.9.1/nginx:1.27/' nginx-manual.yaml", 0),
    ("kubectl replace -f nginx-manual.yaml --force", 20),
    ("kubectl delete pod nginx-manual nginx-gpu", 0),
    # 1.7 ReplicaSets
    (heredoc("nginx-replicaset.yaml", NGINX_REPLICASET), 0),
    ("kubectl create -f nginx-replicaset.yaml", 105),
    ("kubectl get pods", 8),
    ("kubectl get rs", 0),
    ("kubectl describe rs", 0),
    ("kubectl delete rs nginx", 0),
    # 1.8 DaemonSets
    (heredoc("mysql-ds.yaml", MYSQL_DS), 0),
    ("kubectl create -f mysql-ds.yaml", 73),
    ("kubectl get nodes", 0),
    ("kubectl get pods -o wide", 0),
    ("kubectl label node kubesphere02 disk1=ssd1", 0),
    (heredoc("tomcat-ssd.yaml", TOMCAT_SSD), 0),
    ("kubectl create -f tomcat-ssd.yaml", 43),
    ("kubectl get pods -o wide", 0),
    ("kubectl label node kubesphere02 disk1=hdd --overwrite", 10),
    ("kubectl get pods -o wide", 0),
    # 1.9 Jobs
    (heredoc("sleep.yaml", SLEEP_JOB), 0),
    ("kubectl create -f sleep.yaml", 6),
    ("kubectl get jobs", 0),
    ("kubectl get pods", 11),
    ("kubectl get pods", 11),
    ("kubectl get pods", 20),
    ("kubectl get pods", 80),
    ("kubectl get jobs", 0),
]


def run_tutorial(seed: int = 0) -> list[tuple[str, object]]:
    """Every step in order on a fresh playground; returns (input, result) pairs."""
    pg = Playground.new(seed=seed, now=NOW)
    out = []
    for line, wait in STEPS:
        out.append((line, pg.execute(line)))
        if wait:
            pg.advance(wait)
    return out
