"""``kubectl describe daemonset``: upstream ``describeDaemonSet``. Its ``Number of Nodes ...``
lines have no tab, so they stand outside the aligned blocks, as in the real output."""

from __future__ import annotations

from typing import Any

from cluster_core.api.selectors import from_label_selector
from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    describe_events,
    format_labels,
    labels_multiline,
    meta,
    pod_status_counts,
)
from cluster_core.kubectl.describe.podspec import describe_pod_template


def describe_daemonset(ds: dict[str, Any], ctx: DescribeContext) -> str:
    md, spec, status = meta(ds), ds.get("spec") or {}, ds.get("status") or {}
    selector = from_label_selector(spec.get("selector"))
    template = spec.get("template") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    w.write(0, f"Selector:\t{selector}\n")
    w.write(0, f"Node-Selector:\t{format_labels((template.get('spec') or {}).get('nodeSelector'))}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    w.write(0, f"Desired Number of Nodes Scheduled: {status.get('desiredNumberScheduled', 0)}\n")
    w.write(0, f"Current Number of Nodes Scheduled: {status.get('currentNumberScheduled', 0)}\n")
    w.write(0, f"Number of Nodes Scheduled with Up-to-date Pods: {status.get('updatedNumberScheduled', 0)}\n")
    w.write(0, f"Number of Nodes Scheduled with Available Pods: {status.get('numberAvailable', 0)}\n")
    w.write(0, f"Number of Nodes Misscheduled: {status.get('numberMisscheduled', 0)}\n")
    running, waiting, succeeded, failed = pod_status_counts(ds, selector, ctx.pods)
    w.write(0, f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n")
    describe_pod_template(w, spec.get("template"))
    if ctx.show_events:
        describe_events(w, ctx.events, ctx.now)
    return w.text()
