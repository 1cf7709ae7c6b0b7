"""``kubectl get -w``: the initial table, then one row per change as the cluster moves.

kubectl's table writer remembers column widths across flushes (liggitt/tabwriter's
RememberWidths), so rows printed later line up with the header until a wider cell pushes its
column out, which is how ``ContainerCreating`` shifts the rows after it on a real terminal.

On a manual clock the terminal advances time to ``wake_at`` (the next scheduled change) for a
minute of simulated time after the watch starts, then stops it as Ctrl-C would.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources, selectors
from cluster_core.kubectl.printers import tables
from cluster_core.shell.jobs import LongRunning, register_long_running

WATCH_HORIZON_SECONDS = 60.0
MIN_WIDTH, PADDING = 6, 3


def _cells(kind: str, obj: dict, now: float, opts: dict[str, Any]) -> list[str]:
    columns = tables.COLUMNS[kind]
    raw = tables.ROWS[kind](obj, now)
    visible = [i for i, (_, prio, _) in enumerate(columns) if opts["wide"] or prio == 0]
    if opts["show_kind"]:
        name_i = next((i for i, c in enumerate(columns) if c[2]), -1)
        if name_i >= 0:
            raw[name_i] = resources.for_kind(kind).qualified_kind + "/" + str(raw[name_i])
    row = [tables._cell_text(raw[i]) for i in visible]
    meta = obj.get("metadata") or {}
    labels = meta.get("labels") or {}
    row += [tables._cell_text(labels.get(k, "")) for k in opts["label_columns"]]
    if opts["show_labels"]:
        row.append(tables.format_labels(labels))
    if opts["all_namespaces"] and resources.for_kind(kind).namespaced:
        row.insert(0, meta.get("namespace", ""))
    return row


def _header(kind: str, opts: dict[str, Any]) -> list[str]:
    columns = tables.COLUMNS[kind]
    head = [c[0].upper() for c in columns if opts["wide"] or c[1] == 0]
    head += [tables.label_column_header(k) for k in opts["label_columns"]]
    if opts["show_labels"]:
        head.append("LABELS")
    if opts["all_namespaces"] and resources.for_kind(kind).namespaced:
        head.insert(0, "NAMESPACE")
    return head


def format_rows(rows: list[list[str]], widths: list[int]) -> tuple[str, list[int]]:
    """Left-justify rows with remembered column widths; returns the text and the widths now."""
    n = max((len(r) for r in rows), default=0)
    widths = list(widths) + [0] * max(0, n - 1 - len(widths))
    for r in rows:
        for j, c in enumerate(r[:-1]):
            widths[j] = max(widths[j], MIN_WIDTH, len(c) + PADDING)
    out = ["".join(c.ljust(widths[j]) for j, c in enumerate(r[:-1])) + (r[-1] if r else "") + "\n" for r in rows]
    return "".join(out), widths


@register_long_running
class GetWatch(LongRunning):
    """The state of one ``kubectl get -w``: what it watches, how it prints, where it has got to."""

    kind = "kubectl.get-watch"

    def __init__(self, state: dict[str, Any]) -> None:
        self.s = state

    @classmethod
    def start(cls, ctx: Any, opts: Any, groups: list[tuple[str, list[dict]]]) -> GetWatch:
        kinds = [k for k, _ in groups]
        names: dict[str, list[str]] = {}
        from cluster_core.kubectl import resource_args

        for sel in resource_args.parse(opts.args) if opts.args else []:
            if sel.names:
                names[sel.rt.kind] = list(sel.names)
        fmt = {"wide": opts["output"] == "wide", "show_labels": bool(opts["show-labels"]),
               "label_columns": list(opts["label-columns"]), "all_namespaces": bool(opts["all-namespaces"]),
               "show_kind": bool(opts["show-kind"]) or len(kinds) > 1, "no_headers": bool(opts["no-headers"]),
               "events": bool(opts["output-watch-events"]), "output": opts["output"]}
        state = {"kinds": kinds, "names": names, "ns": None if opts["all-namespaces"] else ctx.namespace,
                 "selector": opts["selector"], "field": opts["field-selector"], "fmt": fmt,
                 "rv": ctx.server.resource_version, "widths": [], "header": False,
                 "until": ctx.now + WATCH_HORIZON_SECONDS}
        w = cls(state)
        if not opts["watch-only"]:
            for kind, objs in groups:
                w._print(ctx.write, [(kind, "ADDED", o) for o in objs], ctx.now)
        return w

    def to_state(self) -> dict[str, Any]:
        return self.s

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> GetWatch:
        return cls(state)

    def _print(self, write: Any, items: list[tuple[str, str, dict]], now: float) -> None:
        fmt = self.s["fmt"]
        output = fmt["output"]
        if output not in ("", "wide"):
            from cluster_core.kubectl.output import render

            for _, _, obj in items:
                write(render([obj], output, single=True, now=now))
            return
        rows: list[list[str]] = []
        if items and not self.s["header"] and not fmt["no_headers"]:
            head = _header(items[0][0], fmt)
            rows.append((["EVENT"] if fmt["events"] else []) + head)
            self.s["header"] = True
        for kind, event, obj in items:
            rows.append(([event] if fmt["events"] else []) + _cells(kind, obj, now, fmt))
        if rows:
            text, self.s["widths"] = format_rows(rows, self.s["widths"])
            write(text)

    def _matches(self, kind: str, obj: dict) -> bool:
        if kind not in self.s["kinds"]:
            return False
        meta = obj.get("metadata") or {}
        if self.s["ns"] is not None and resources.for_kind(kind).namespaced and meta.get("namespace") != self.s["ns"]:
            return False
        names = self.s["names"].get(kind)
        if names and meta.get("name") not in names:
            return False
        try:
            if self.s["selector"] and not selectors.parse(self.s["selector"]).matches(meta.get("labels")):
                return False
            if self.s["field"] and not selectors.parse_field_selector(self.s["field"], kind).matches(obj, kind):
                return False
        except selectors.SelectorError:
            return False
        return True

    def poll(self, ctx: Any) -> int | None:
        server = ctx.host.server
        last: dict[tuple[str, str, str], tuple[str, str, dict]] = {}
        for rv, event, kind, obj in server.changes:
            if rv <= self.s["rv"] or not self._matches(kind, obj):
                continue
            meta = obj["metadata"]
            key = (kind, meta.get("namespace", ""), meta["name"])
            last.pop(key, None)
            last[key] = (kind, event, obj)
        self.s["rv"] = server.resource_version
        if last:
            self._print(ctx.write, list(last.values()), ctx.host.clock.now)
        return None

    def wake_at(self, ctx: Any) -> float | None:
        nxt = ctx.host.clock.peek()
        if nxt is None or nxt > self.s["until"]:
            return None
        return nxt
