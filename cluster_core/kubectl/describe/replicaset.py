"""``kubectl describe replicaset``: upstream ``describeReplicaSet``."""

from __future__ import annotations

from typing import Any

from cluster_core.api.selectors import SelectorError, format_label_selector, from_label_selector
from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    controller_of,
    describe_events,
    labels_multiline,
    meta,
    pod_status_counts,
)
from cluster_core.kubectl.describe.podspec import describe_pod_template


def describe_replicaset(rs: dict[str, Any], ctx: DescribeContext) -> str:
    md, spec, status = meta(rs), rs.get("spec") or {}, rs.get("status") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    w.write(0, f"Selector:\t{format_label_selector(spec.get('selector'))}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    if controlled_by := controller_of(rs):
        w.write(0, f"Controlled By:\t{controlled_by}\n")
    w.write(0, f"Replicas:\t{status.get('replicas', 0)} current / {spec.get('replicas', 1)} desired\n")
    w.write(0, "Pods Status:\t")
    try:
        selector = from_label_selector(spec.get("selector"))
    except SelectorError as err:  # upstream fails the whole describe; keep the object readable
        w.write(0, f"error in fetching pods: {err}\n")
    else:
        running, waiting, succeeded, failed = pod_status_counts(rs, selector, ctx.pods)
        w.write(0, f"{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n")
    describe_pod_template(w, spec.get("template"))
    conditions = status.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for c in conditions:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')}\t{c.get('reason', '')}\n")
    if ctx.show_events:
        describe_events(w, ctx.events, ctx.now)
    return w.text()
