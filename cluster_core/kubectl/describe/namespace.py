"""``kubectl describe namespace``: upstream ``describeNamespace``. The playground has no
ResourceQuota or LimitRange objects, so it always says so, as a real server with none does."""

from __future__ import annotations

from typing import Any

from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    labels_multiline,
    meta,
    rfc1123z,
)


def describe_namespace(ns: dict[str, Any], ctx: DescribeContext) -> str:
    md, status = meta(ns), ns.get("status") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    w.write(0, f"Status:\t{status.get('phase', '')}\n")
    conditions = status.get("conditions") or []
    if conditions:
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(1, f"{c.get('type', '')}\t{c.get('status', '')}\t{rfc1123z(c.get('lastTransitionTime'))}\t"
                       f"{c.get('reason', '')}\t{c.get('message', '')}\n")
    w.write(0, "\n")
    w.write(0, "No resource quota.\n")
    w.write(0, "\n")
    w.write(0, "No LimitRange resource.\n")
    return w.text()
