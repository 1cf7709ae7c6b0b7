"""``kubectl describe job``: upstream ``describeJob``."""

from __future__ import annotations

from typing import Any

from cluster_core import timeutil
from cluster_core.api.selectors import SelectorError, from_label_selector
from cluster_core.kubectl.describe.common import (
    DescribeContext,
    Writer,
    annotations_multiline,
    controller_of,
    describe_events,
    human_duration,
    labels_multiline,
    meta,
    rfc1123z,
)
from cluster_core.kubectl.describe.podspec import describe_pod_template


def describe_job(job: dict[str, Any], ctx: DescribeContext) -> str:
    md, spec, status = meta(job), job.get("spec") or {}, job.get("status") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    try:
        w.write(0, f"Selector:\t{from_label_selector(spec.get('selector'))}\n")
    except SelectorError as err:
        w.write(0, f"Selector:\tFailed to get selector: {err}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    if controlled_by := controller_of(job):
        w.write(0, f"Controlled By:\t{controlled_by}\n")
    _spec_lines(w, spec)
    start, done = status.get("startTime"), status.get("completionTime")
    if start:
        w.write(0, f"Start Time:\t{rfc1123z(start)}\n")
    if done:
        w.write(0, f"Completed At:\t{rfc1123z(done)}\n")
    t0, t1 = timeutil.parse(start), timeutil.parse(done)
    if t0 is not None and t1 is not None:
        w.write(0, f"Duration:\t{human_duration(t1 - t0)}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(0, f"Active Deadline Seconds:\t{spec['activeDeadlineSeconds']}s\n")
    active, succeeded, failed = status.get("active", 0), status.get("succeeded", 0), status.get("failed", 0)
    if status.get("ready") is None:
        w.write(0, f"Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")
    else:
        w.write(0, f"Pods Statuses:\t{active} Active ({status['ready']} Ready) / {succeeded} Succeeded / "
                   f"{failed} Failed\n")
    if spec.get("completionMode") == "Indexed":
        w.write(0, f"Completed Indexes:\t{_cap_indexes(status.get('completedIndexes', ''), 50)}\n")
    describe_pod_template(w, spec.get("template"))
    if ctx.show_events:
        describe_events(w, ctx.events, ctx.now)
    return w.text()


def _spec_lines(w: Writer, spec: dict[str, Any]) -> None:
    if spec.get("parallelism") is not None:
        w.write(0, f"Parallelism:\t{spec['parallelism']}\n")
    completions = spec.get("completions")
    w.write(0, f"Completions:\t{completions if completions is not None else '<unset>'}\n")
    if spec.get("completionMode") is not None:
        w.write(0, f"Completion Mode:\t{spec['completionMode']}\n")
    if spec.get("suspend") is not None:
        w.write(0, f"Suspend:\t{'true' if spec['suspend'] else 'false'}\n")
    if spec.get("backoffLimit") is not None:
        w.write(0, f"Backoff Limit:\t{spec['backoffLimit']}\n")
    if spec.get("ttlSecondsAfterFinished") is not None:
        w.write(0, f"TTL Seconds After Finished:\t{spec['ttlSecondsAfterFinished']}\n")


def _cap_indexes(indexes: str, soft_limit: int) -> str:
    """capIndexesListOrNone: the completed indexes, cut after the first comma past 50 characters."""
    if not indexes:
        return "<none>"
    ix = indexes.find(",", soft_limit)
    return indexes if ix < 0 else indexes[:ix + 1] + "..."
