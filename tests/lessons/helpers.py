"""Helpers for the lesson tests: crafted pods, and checks written as a lesson file would hold them."""

from __future__ import annotations

from datetime import UTC, datetime

from cluster_core import Playground
from playground.lessons.checks import Check, Env, parse_check
from playground.lessons.yamlsource import load

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def pod(name: str, labels: dict | None = None, namespace: str = "default", image: str = "nginx:1.9.1",
        node_selector: dict | None = None) -> dict:
    meta: dict = {"name": name, "namespace": namespace}
    if labels:
        meta["labels"] = labels
    spec: dict = {"containers": [{"name": "nginx", "image": image}]}
    if node_selector:
        spec["nodeSelector"] = node_selector
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}


def check(text: str) -> Check:
    """A check from the YAML a lesson file would hold."""
    m = load(text)
    return parse_check(m, m.line)


def verdict(text: str, pg: Playground, history: list[str] | None = None) -> tuple[bool, str, str]:
    r = check(text).evaluate(Env(pg, history or []))
    return r.passed, r.message["en"], r.message["zh-Hans"]


MINIMAL = '''slug: tiny
order: 5
title: {en: Tiny, zh-Hans: 小}
summary: {en: A tiny lesson., zh-Hans: 一个小课。}
setup:
  files:
    notes.txt: |
      hello
steps:
  - id: make-pod
    title: {en: Make a pod, zh-Hans: 创建 Pod}
    text:
      en: |
        Save it:

        ```yaml
        # file: tiny.yaml
        apiVersion: v1
        kind: Pod
        metadata:
          name: tiny
        spec:
          containers:
            - name: c
              image: nginx:1.9.1
        ```

        ```sh
        kubectl create -f tiny.yaml
        ```
      zh-Hans: |
        保存:

        ```yaml
        # file: tiny.yaml
        apiVersion: v1
        kind: Pod
        metadata:
          name: tiny
        spec:
          containers:
            - name: c
              image: nginx:1.9.1
        ```

        ```sh
        kubectl create -f tiny.yaml
        ```
    checks:
      - exists: pod/tiny
    solution:
      - save: tiny.yaml
      - kubectl create -f tiny.yaml
exercise:
  title: {en: Exercise, zh-Hans: 练习}
  text: {en: Delete it., zh-Hans: 删除它。}
  checks:
    - absent: pod/tiny
  solution:
    - kubectl delete pod tiny
'''
