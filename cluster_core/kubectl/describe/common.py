"""What every describer shares: upstream's PrefixWriter over a tabwriter, times, labels and
annotations blocks, taints and tolerations, and the Events table.

kubectl's describers write ``"Label:\\t" + value`` lines through a PrefixWriter (two spaces per
nesting level) into a Go tabwriter (minwidth 0, tabwidth 8, padding 2, spaces). The alignment
everyone recognises comes from the tabwriter's column blocks, so the text is built exactly as
upstream writes it, tabs included, and aligned at the end (``Writer.text``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cluster_core import timeutil
from cluster_core.api.selectors import Selector
from cluster_core.kubectl.printers import duration, gosort
from cluster_core.kubectl.printers.tabwriter import describe as _tabwrite

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
MAX_ANNOTATION_LEN = 140
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZERO_TIME = "Mon, 01 Jan 0001 00:00:00 +0000"


@dataclass
class DescribeContext:
    """What a describer may print besides the object itself; the caller fetches it.

    ``events`` are the core/v1 Events about the object, in the server's list order (by name), as
    upstream finds them by the object's reference: name, namespace and uid (for a Node, those with
    its uid followed by those whose uid is the node's name). ``pods`` are the pods a controller or
    node describer counts or lists (any superset: each describer filters). ``lease`` is the node's
    ``kube-node-lease`` Lease, if one is known. ``apiserver_ips`` are the addresses behind the
    ``kubernetes`` Service (the control plane's). ``replica_sets`` are the ReplicaSets in a
    Deployment's namespace (the describer keeps the ones it controls).
    """

    now: float
    events: list[dict[str, Any]] = field(default_factory=list)
    pods: list[dict[str, Any]] = field(default_factory=list)
    show_events: bool = True
    lease: dict[str, Any] | None = None
    apiserver_ips: list[str] = field(default_factory=list)
    replica_sets: list[dict[str, Any]] = field(default_factory=list)


class Writer:
    """PrefixWriter: ``write(level, text)`` indents by two spaces per level; ``flush`` ends the
    tabwriter's column blocks there, as ``DescribeEvents`` does before its table."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._done: list[str] = []

    def write(self, level: int, text: str) -> None:
        if "\x1b" in text or "\r" in text:  # printers.WriteEscaped
            text = text.replace("\x1b", "^[").replace("\r", "\\r")
        self._parts.append("  " * level + text if level else text)

    def line(self, text: str) -> None:
        """WriteLine: the text and a newline, no indentation."""
        self.write(0, text + "\n")

    def flush(self) -> None:
        self._done.append(_tabwrite("".join(self._parts)))
        self._parts = []

    def text(self) -> str:
        self.flush()
        return "".join(self._done)


# --- times -----------------------------------------------------------------------------------


def rfc1123z(ts: str | None) -> str:
    """``Time.Format(time.RFC1123Z)`` in UTC; an unset time prints as Go's zero time."""
    t = timeutil.parse(ts)
    if t is None:
        return _ZERO_TIME
    tm = time.gmtime(int(t // 1))
    return (f"{_DAYS[tm.tm_wday]}, {tm.tm_mday:02d} {_MONTHS[tm.tm_mon - 1]} {tm.tm_year} "
            f"{tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d} +0000")


def since(ts: str | None, now: float) -> str:
    """translateTimestampSince: ``12s``, ``3m10s``; ``<unknown>`` when unset."""
    return duration.since(ts, now)


def human_duration(seconds: float) -> str:
    return duration.human_duration(seconds)


# --- metadata --------------------------------------------------------------------------------


def meta(obj: Mapping[str, Any]) -> dict[str, Any]:
    return obj.get("metadata") or {}


def controller_of(obj: Mapping[str, Any]) -> str:
    """printController: ``ReplicaSet/nginx`` for the owner reference marked controller, else ``""``."""
    for ref in meta(obj).get("ownerReferences") or []:
        if ref.get("controller"):
            return f"{ref.get('kind', '')}/{ref.get('name', '')}"
    return ""


def format_labels(labels: Mapping[str, str] | None) -> str:
    """labels.FormatLabels: ``a=1,b=2`` sorted by key, ``<none>`` when empty."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


def labels_multiline(w: Writer, title: str, labels: Mapping[str, str] | None,
                     initial_indent: str = "", inner_indent: str = "\t") -> None:
    """printLabelsMultilineWithIndent: one ``key=value`` per line, continuation lines aligned."""
    w.write(0, f"{initial_indent}{title}:{inner_indent}")
    if not labels:
        w.line("<none>")
        return
    for i, key in enumerate(sorted(labels)):
        if i:
            w.write(0, initial_indent + inner_indent)
        w.write(0, f"{key}={labels[key]}\n")


def annotations_multiline(w: Writer, title: str, annotations: Mapping[str, str] | None) -> None:
    """printAnnotationsMultiline: ``key: value``; long or multi-line values go on their own
    indented lines, cut at 140 bytes; last-applied-configuration is never shown."""
    w.write(0, f"{title}:\t")
    keys = sorted(k for k in (annotations or {}) if k != LAST_APPLIED)
    if not keys:
        w.line("<none>")
        return
    assert annotations is not None
    for i, key in enumerate(keys):
        if i:
            w.write(0, "\t")
        value = annotations[key].removesuffix("\n")
        if len(value.encode()) + len(key.encode()) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(0, f"{key}:\n")
            for s in value.split("\n"):
                w.write(0, f"\t  {_shorten(s, MAX_ANNOTATION_LEN - 2)}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def _shorten(s: str, limit: int) -> str:
    b = s.encode()
    if len(b) > limit:
        return b[:limit].decode(errors="ignore") + "..."
    return s


def taints_multiline(w: Writer, title: str, taints: Iterable[Mapping[str, Any]] | None) -> None:
    """printTaintsMultilineWithIndent: ``key=value:Effect`` sorted by effect then key."""
    w.write(0, f"{title}:\t")
    items = sorted(taints or [], key=lambda t: f"{t.get('effect', '')},{t.get('key', '')}")
    if not items:
        w.line("<none>")
        return
    for i, t in enumerate(items):
        if i:
            w.write(0, "\t")
        value = f"={t['value']}" if t.get("value") else ""
        w.write(0, f"{t.get('key', '')}{value}:{t.get('effect', '')}\n")


def tolerations_multiline(w: Writer, title: str, tolerations: Iterable[Mapping[str, Any]] | None) -> None:
    """printTolerationsMultilineWithIndent: ``key=value:Effect op=Exists for 300s``, sorted by key."""
    w.write(0, f"{title}:\t")
    items = sorted(tolerations or [], key=lambda t: t.get("key", ""))
    if not items:
        w.line("<none>")
        return
    for i, t in enumerate(items):
        if i:
            w.write(0, "\t")
        key, value, effect = t.get("key", ""), t.get("value", ""), t.get("effect", "")
        text = key + (f"={value}" if value else "") + (f":{effect}" if effect else "")
        if t.get("operator") == "Exists" and not value:
            text += " op=Exists" if key or effect else "op=Exists"
        if t.get("tolerationSeconds") is not None:
            text += f" for {t['tolerationSeconds']}s"
        w.write(0, text + "\n")


# --- events ----------------------------------------------------------------------------------


def _last_seen(e: Mapping[str, Any]) -> float:
    """kubectl 1.33's SortableEvents key: lastTimestamp only; an event without one (an
    events.k8s.io event with just eventTime) counts as Go's zero time and sorts first."""
    t = timeutil.parse(e.get("lastTimestamp"))
    return t if t is not None else float("-inf")


def describe_events(w: Writer, events: list[dict[str, Any]], now: float) -> None:
    """DescribeEvents: ``Events:  <none>``, or a Type/Reason/Age/From/Message table, oldest first.

    ``events`` must come in the server's list order (by name): Go's unstable ``sort.Sort`` decides
    the order of equal timestamps from it. Age is the time since the first occurrence, or
    ``2m3s (x4 over 5m)`` (since the last, count, since the first) for a repeated event."""
    if not events:
        w.write(0, "Events:\t<none>\n")
        return
    w.flush()
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    ordered = list(events)
    gosort.sort(ordered, lambda a, b: _last_seen(a) < _last_seen(b))
    for e in ordered:
        first = since(e["eventTime"], now) if e.get("eventTime") else since(e.get("firstTimestamp"), now)
        series = e.get("series")
        count = e.get("count") or 0
        if series:
            age = f"{since(series.get('lastObservedTime'), now)} (x{series.get('count', 0)} over {first})"
        elif count > 1:
            age = f"{since(e.get('lastTimestamp'), now)} (x{count} over {first})"
        else:
            age = first
        source = (e.get("source") or {}).get("component") or e.get("reportingComponent", "")
        w.write(1, f"{e.get('type', '')}\t{e.get('reason', '')}\t{age}\t{source}\t"
                   f"{(e.get('message') or '').strip()}\n")


# --- controllers -----------------------------------------------------------------------------


def pod_status_counts(owner: Mapping[str, Any], selector: Selector,
                      pods: Iterable[Mapping[str, Any]]) -> tuple[int, int, int, int]:
    """getPodStatusForController: Running / Pending (Waiting) / Succeeded / Failed among the pods
    the selector matches in the owner's namespace whose controller is this very owner."""
    ns, uid = meta(owner).get("namespace"), meta(owner).get("uid")
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    for pod in pods:
        pm = meta(pod)
        if pm.get("namespace") != ns or not selector.matches(pm.get("labels")):
            continue
        ref = next((r for r in pm.get("ownerReferences") or [] if r.get("controller")), None)
        if ref is None or ref.get("uid") != uid:
            continue
        phase = (pod.get("status") or {}).get("phase")
        if phase in counts:
            counts[phase] += 1
    return counts["Running"], counts["Pending"], counts["Succeeded"], counts["Failed"]
