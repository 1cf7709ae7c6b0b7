"""Which nodes a pod may run on: required node affinity (with ``nodeSelector``) and taints against
tolerations.

The scheduler (NodeAffinity and TaintToleration filters) and the DaemonSet controller
(``NodeShouldRunDaemonPod``) ask the same questions and must get the same answers, so both use
this module. It follows ``k8s.io/component-helpers/scheduling/corev1/nodeaffinity`` (terms ORed,
expressions and fields within a term ANDed, an empty term or list of terms matching nothing) and
``v1.Toleration.ToleratesTaint``.
"""

from __future__ import annotations

from collections.abc import Iterable


def _requirement_matches(req: dict, value: str | None, present: bool) -> bool:
    op = req.get("operator")
    values = req.get("values") or []
    if op == "In":
        return present and value in values
    if op == "NotIn":
        return not present or value not in values
    if op == "Exists":
        return present
    if op == "DoesNotExist":
        return not present
    if op in ("Gt", "Lt"):
        if not present or len(values) != 1:
            return False
        try:
            have, want = int(str(value)), int(values[0])
        except ValueError:
            return False
        return have > want if op == "Gt" else have < want
    return False


def _term_matches(term: dict, node: dict) -> bool:
    exprs = term.get("matchExpressions") or []
    fields = term.get("matchFields") or []
    if not exprs and not fields:
        return False  # an empty term matches no objects
    labels = node["metadata"].get("labels") or {}
    for req in exprs:
        key = req.get("key", "")
        if not _requirement_matches(req, labels.get(key), key in labels):
            return False
    for req in fields:
        if req.get("key") != "metadata.name":
            return False
        if not _requirement_matches(req, node["metadata"]["name"], True):
            return False
    return True


def node_affinity_matches(pod_spec: dict, node: dict) -> bool:
    """nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): ``nodeSelector`` AND
    requiredDuringSchedulingIgnoredDuringExecution (terms ORed, expressions ANDed)."""
    labels = node["metadata"].get("labels") or {}
    for k, v in (pod_spec.get("nodeSelector") or {}).items():
        if labels.get(k) != v:
            return False
    required = (((pod_spec.get("affinity") or {}).get("nodeAffinity") or {})
                .get("requiredDuringSchedulingIgnoredDuringExecution"))
    if required is None:
        return True
    return any(_term_matches(t, node) for t in required.get("nodeSelectorTerms") or [])


def tolerates(toleration: dict, taint: dict) -> bool:
    """v1.Toleration.ToleratesTaint (an empty operator means Equal)."""
    if toleration.get("effect") and toleration.get("effect") != taint.get("effect"):
        return False
    if toleration.get("key") and toleration.get("key") != taint.get("key"):
        return False
    op = toleration.get("operator") or "Equal"
    if op == "Exists":
        return True
    if op == "Equal":
        return (toleration.get("value") or "") == (taint.get("value") or "")
    return False


def untolerated_taint(taints: Iterable[dict], tolerations: list[dict], effects: tuple[str, ...]) -> dict | None:
    """The first taint with one of ``effects`` that no toleration tolerates
    (v1helper.FindMatchingUntoleratedTaint restricted to ``effects``)."""
    for taint in taints:
        if taint.get("effect") not in effects:
            continue
        if not any(tolerates(t, taint) for t in tolerations):
            return taint
    return None
