"""The tutorial's manifests by name (the texts live in ``tests/tutorial_script.py``), plus the
variants engine and kubectl tests need."""

from __future__ import annotations

import yaml

from tests.tutorial_script import (
    MYSQL_DS,
    NGINX_GPU,
    NGINX_MANUAL,
    NGINX_REPLICASET,
    NGINX_WITH_LABELS,
    SLEEP_JOB,
    TEST1_NAMESPACE,
    TOMCAT_SSD,
)

# The ReplicaSet with a matchExpressions selector instead of matchLabels.
NGINX_REPLICASET_EXPRESSIONS = NGINX_REPLICASET.replace(
    "    matchLabels:\n      app: nginx\n",
    "    matchExpressions:\n      - key: app\n        operator: In\n        values:\n          - nginx\n")

MANIFESTS = {
    "nginx-manual": NGINX_MANUAL,
    "nginx-manual-v2": NGINX_WITH_LABELS,
    "nginx-gpu": NGINX_GPU,
    "test1-namespace": TEST1_NAMESPACE,
    "nginx-rs": NGINX_REPLICASET,
    "nginx-rs-expressions": NGINX_REPLICASET_EXPRESSIONS,
    "mysql-ds": MYSQL_DS,
    "tomcat-ssd": TOMCAT_SSD,
    "batch-job": SLEEP_JOB,
}


def load(name: str, namespace: str | None = "default") -> dict:
    """A fresh copy of a tutorial manifest, with the namespace the server would have filled in."""
    obj = yaml.safe_load(MANIFESTS[name])
    if namespace and obj["kind"] != "Namespace":
        obj["metadata"]["namespace"] = namespace
    return obj
