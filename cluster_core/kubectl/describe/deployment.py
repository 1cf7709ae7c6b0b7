"""``kubectl describe deployment``: upstream ``DeploymentDescriber`` / ``describeDeployment``.

The ReplicaSets come from ``deploymentutil.GetAllReplicaSetsInChunks``: those in the namespace
that match the selector and are controlled by the Deployment; the new one is the oldest whose
template equals the Deployment's (the ``pod-template-hash`` label aside), the old ones listed are
those with replicas wanted (``FindOldReplicaSets``' first result).
"""

from __future__ import annotations

from typing import Any

from cluster_core.api.selectors import SelectorError, format_label_selector, from_label_selector
from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    describe_events,
    labels_multiline,
    meta,
    rfc1123z,
)
from cluster_core.kubectl.describe.podspec import describe_pod_template

HASH_LABEL = "pod-template-hash"


def _strip_hash(template: dict[str, Any]) -> dict[str, Any]:
    md = {k: v for k, v in (template.get("metadata") or {}).items() if v not in (None, {}, [])}
    labels = {k: v for k, v in (md.get("labels") or {}).items() if k != HASH_LABEL}
    if labels:
        md["labels"] = labels
    else:
        md.pop("labels", None)
    return {**template, "metadata": md}


def replica_sets_of(d: dict[str, Any], candidates: list[dict[str, Any]]) -> tuple[list[dict], dict | None]:
    """(old ReplicaSets with replicas wanted, the new ReplicaSet or None)."""
    uid = meta(d).get("uid")
    try:
        selector = from_label_selector((d.get("spec") or {}).get("selector"))
    except SelectorError:
        return [], None
    owned = [rs for rs in candidates
             if any(r.get("controller") and r.get("uid") == uid for r in meta(rs).get("ownerReferences") or ())
             and selector.matches(meta(rs).get("labels"))]
    owned.sort(key=lambda rs: (meta(rs).get("creationTimestamp") or "", meta(rs).get("name", "")))
    template = _strip_hash((d.get("spec") or {}).get("template") or {})
    new = next((rs for rs in owned if _strip_hash((rs.get("spec") or {}).get("template") or {}) == template), None)
    old = [rs for rs in owned if rs is not new and int((rs.get("spec") or {}).get("replicas", 1)) != 0]
    return old, new


def _by_labels(rss: list[dict[str, Any]]) -> str:
    """printReplicaSetsByLabels."""
    parts = [f"{meta(rs).get('name', '')} ({(rs.get('status') or {}).get('replicas', 0)}/"
             f"{(rs.get('spec') or {}).get('replicas', 1)} replicas created)" for rs in rss]
    return ", ".join(parts) or "<none>"


def _int_or_string(v: Any) -> str:
    return str(v) if v is not None else "0"


def describe_deployment(d: dict[str, Any], ctx: DescribeContext) -> str:
    md, spec, status = meta(d), d.get("spec") or {}, d.get("status") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    w.write(0, f"CreationTimestamp:\t{rfc1123z(md.get('creationTimestamp'))}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    w.write(0, f"Selector:\t{format_label_selector(spec.get('selector'))}\n")
    w.write(0, f"Replicas:\t{spec.get('replicas', 1)} desired | {status.get('updatedReplicas', 0)} updated | "
               f"{status.get('replicas', 0)} total | {status.get('availableReplicas', 0)} available | "
               f"{status.get('unavailableReplicas', 0)} unavailable\n")
    strategy = spec.get("strategy") or {}
    w.write(0, f"StrategyType:\t{strategy.get('type', '')}\n")
    w.write(0, f"MinReadySeconds:\t{spec.get('minReadySeconds', 0)}\n")
    ru = strategy.get("rollingUpdate")
    if ru is not None:
        w.write(0, f"RollingUpdateStrategy:\t{_int_or_string(ru.get('maxUnavailable'))} max unavailable, "
                   f"{_int_or_string(ru.get('maxSurge'))} max surge\n")
    describe_pod_template(w, spec.get("template"))
    conditions = status.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for c in conditions:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')}\t{c.get('reason', '')}\n")
    old, new = replica_sets_of(d, ctx.replica_sets)
    if old or new is not None:
        w.write(0, f"OldReplicaSets:\t{_by_labels(old)}\n")
        w.write(0, f"NewReplicaSet:\t{_by_labels([new] if new is not None else [])}\n")
    if ctx.show_events:
        describe_events(w, ctx.events, ctx.now)
    return w.text()
