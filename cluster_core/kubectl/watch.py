"""``kubectl get -w``: the initial table, then one row per change as the cluster moves.

As kubectl 1.33's get.go watch does: one resource type only; the current list (or the one named
object) is printed first unless ``--watch-only``; then each change, through the same printer: the
header once (the first time rows are printed), ``--output-watch-events`` adds an EVENT column whose
cells are padded to eight characters (``ADDED   ``, ``MODIFIED``, ``DELETED ``), ``-o yaml`` puts
``---`` between documents. kubectl's table writer remembers column widths across flushes
(liggitt/tabwriter's RememberWidths), so rows printed later line up with the header until a wider
cell pushes its column out, which is how ``ContainerCreating`` shifts the rows after it.

Changes to one object at one simulated instant are shown once, in their final state (a real
kubelet writes a status change in one update). Ctrl-C ends kubectl with exit code 1: its interrupt
handler exits by itself rather than dying of the signal (so bash adds no newline after ``^C``). On
a manual clock the terminal advances time
to ``wake_at`` (the next scheduled change) for a minute of simulated time after the watch starts,
then stops it as Ctrl-C would.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources, selectors
from cluster_core.kubectl.command import CommandError
from cluster_core.kubectl.printers import tables
from cluster_core.shell.jobs import LongRunning, register_long_running

WATCH_HORIZON_SECONDS = 60.0
MIN_WIDTH, PADDING = 6, 3
EVENT_CELLS = {"ADDED": "ADDED   ", "MODIFIED": "MODIFIED", "DELETED": "DELETED ", "ERROR": "ERROR   "}


def _cells(kind: str, obj: dict, now: float, opts: dict[str, Any]) -> list[str]:
    columns = tables.COLUMNS[kind]
    raw = tables.row_cells(kind, obj, now, opts["wide"])
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


def _check_single_type(opts: Any) -> None:
    """The builder's SingleResourceType()."""
    from cluster_core.kubectl import resource_args

    if not opts.args:
        return
    sels = resource_args.parse(opts.args)
    if len({s.rt.kind for s in sels}) > 1:
        raise CommandError("you may only specify a single resource type")



@register_long_running
class GetWatch(LongRunning):
    """The state of one ``kubectl get -w``: what it watches, how it prints, where it has got to."""

    kind = "kubectl.get-watch"

    def __init__(self, state: dict[str, Any]) -> None:
        self.s = state

    @classmethod
    def start(cls, ctx: Any, opts: Any) -> GetWatch:
        from cluster_core.kubectl.verbs.get import collect

        _check_single_type(opts)
        infos, errors, single = collect(ctx, opts)
        if errors:
            raise errors[0]
        kinds = sorted({i.rt.kind for i in infos})
        names: dict[str, list[str]] = {}
        for info in infos:
            if info.named:
                names.setdefault(info.rt.kind, []).extend(o["metadata"]["name"] for o in info.objs)
        fmt = {"wide": opts["output"] == "wide", "show_labels": bool(opts["show-labels"]),
               "label_columns": list(opts["label-columns"]), "all_namespaces": bool(opts["all-namespaces"]),
               "show_kind": bool(opts["show-kind"]), "no_headers": bool(opts["no-headers"]),
               "events": bool(opts["output-watch-events"]), "output": opts["output"]}
        state = {"kinds": kinds, "names": names, "ns": None if opts["all-namespaces"] else ctx.namespace,
                 "selector": opts["selector"], "field": opts["field-selector"], "fmt": fmt,
                 "rv": ctx.server.resource_version, "widths": [], "header": False, "printed": 0,
                 "until": ctx.now + WATCH_HORIZON_SECONDS}
        w = cls(state)
        if not opts["watch-only"]:
            w._print(ctx.write, [(i.rt.kind, "ADDED", o) for i in infos for o in i.objs], ctx.now)
        if sum(1 for i in infos if i.named) > 1:  # r.Watch() refuses after the first listing
            raise CommandError("you may only watch a single resource or type of resource at a time")
        return w

    def to_state(self) -> dict[str, Any]:
        return self.s

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> GetWatch:
        return cls(state)

    def interrupt(self, ctx: Any) -> int:
        return 1  # kubectl's interrupt handler exits 1 after Ctrl-C

    def _print(self, write: Any, items: list[tuple[str, str, dict]], now: float) -> None:
        fmt = self.s["fmt"]
        output = fmt["output"]
        if output not in ("", "wide"):
            self._print_objects(write, items, now)
            return
        rows: list[list[str]] = []
        if items and not self.s["header"] and not fmt["no_headers"]:
            head = _header(items[0][0], fmt)
            rows.append((["EVENT"] if fmt["events"] else []) + head)
        if items:
            self.s["header"] = True
        for kind, event, obj in items:
            rows.append(([EVENT_CELLS.get(event, event)] if fmt["events"] else []) + _cells(kind, obj, now, fmt))
        if rows:
            text, self.s["widths"] = format_rows(rows, self.s["widths"])
            write(text)

    def _print_objects(self, write: Any, items: list[tuple[str, str, dict]], now: float) -> None:
        """-o yaml|json|name|jsonpath: each object (or watch event) by itself, one printer for all."""
        from cluster_core.kubectl import printers
        from cluster_core.kubectl.output import render, split_format

        output = self.s["fmt"]["output"]
        name = split_format(output)[0]
        from cluster_core.kubectl.printers.gofmt import to_json

        events = self.s["fmt"]["events"]
        for _, event, obj in items:
            data = {"object": obj, "type": event} if events else obj
            self.s["printed"] = self.s.get("printed", 0) + 1
            if name == "yaml":
                write(("---\n" if self.s["printed"] > 1 else "") + printers.to_yaml(data))
            elif name == "json" and events:  # a WatchEvent is marshalled compact, type first
                write('{"type":' + to_json(event) + ',"object":' + to_json(obj) + "}\n")
            else:
                write(render([obj], output, single=True, now=now))

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
            earlier = last.pop(key, None)
            if earlier is not None and earlier[1] == "ADDED" and event != "DELETED":
                event = "ADDED"  # created at this instant: one ADDED row in its latest state
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
