"""``kubectl events``: the namespace's events oldest first, ``--for TYPE/NAME``, ``--types``, ``-A``, ``-w``.

A port of upstream ``pkg/cmd/events``: the list is sorted by Go's (unstable) ``sort.Sort`` on each
event's last-seen time, so events of the same second keep the order the algorithm leaves them in;
the table is ``LAST SEEN TYPE REASON OBJECT MESSAGE`` with the object as ``Kind/name``
(``Pod/nginx-manual``, not lower-cased as in ``kubectl get events``). ``-o`` prints the typed
``EventList`` as the real client does (JSON in Go struct order, YAML sorted). ``-w`` first prints
the events that exist (the watch's initial ADDED, in the store's order), then each new or
repeated one as it is recorded.
"""

from __future__ import annotations

import json
from typing import Any

from cluster_core import timeutil
from cluster_core.api import resources
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, INT, STRING, STRING_SLICE, Flag
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.printers import gosort
from cluster_core.kubectl.printers.duration import since
from cluster_core.kubectl.printers.jsonpath import JSONPathError
from cluster_core.kubectl.printers.jsonpath import jsonpath as run_jsonpath
from cluster_core.kubectl.printers.tables import name_line
from cluster_core.kubectl.printers.tabwriter import table
from cluster_core.kubectl.watch import format_rows
from cluster_core.shell.jobs import LongRunning, register_long_running

ALLOWED = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
TEMPLATES = ("go-template", "go-template-file", "template", "templatefile")
WATCH_HORIZON_SECONDS = 60.0
_NEVER = float("-inf")

# Go struct field order of the typed objects the real client marshals for -o json.
_ORDER = {
    "list": ("kind", "apiVersion", "metadata", "items"),
    "event": ("kind", "apiVersion", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp",
              "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent",
              "reportingInstance"),
    "meta": ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
             "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
             "ownerReferences", "finalizers", "managedFields"),
    "ref": ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"),
    "source": ("component", "host"),
}


# --- options ------------------------------------------------------------------------------------


class NoMatch(Exception):
    """The RESTMapper's NoResourceMatchError, which kubectl prints without ``error: ``."""


def check_output(output: str) -> None:
    """The printers ``kubectl events -o`` knows, with its own list in the error."""
    name, _, arg = output.partition("=")
    if name in ("json", "yaml", "name"):
        return
    if name in ("jsonpath", "jsonpath-as-json", "jsonpath-file"):
        if not arg:
            raise CommandError("template format specified but no template given")
        if name == "jsonpath-file":
            raise CommandError("the jsonpath-file output format is not available in this playground; "
                               "use -o jsonpath=... instead")
        return
    if name in TEMPLATES:
        raise CommandError(f"the {name} output format is not available in this playground; "
                           "use -o jsonpath=... instead")
    raise CommandError(f'unable to match a printer suitable for the output format "{output}", allowed formats '
                       f"are: {ALLOWED}")


def decode_for(value: str) -> tuple[str, str, str]:
    """decodeResourceTypeName: ``pod/x`` -> (kind, apiVersion, name), with upstream's errors."""
    if "/" not in value:
        raise CommandError("--for must be in resource/name form")
    parts = value.split("/")
    if len(parts) != 2:
        raise CommandError("arguments in resource/name form may not have more than one slash")
    name = parts[0].lower()
    rt = resources.resolve(name)
    if rt is None:
        resource, _, group = name.partition(".")
        raise NoMatch(f'the server doesn\'t have a resource type "{resource}"'
                      + (f' in group "{group}"' if group else "") + "\n")
    return rt.kind, rt.api_version, parts[1]


def _types(values: list[str]) -> list[str]:
    """--types: validated (Normal or Warning, any case), deduplicated and sorted as a Go set."""
    for v in values:
        if v.lower() not in ("normal", "warning"):
            raise CommandError("valid --types are Normal or Warning")
    return sorted(set(values))


# --- selecting and ordering ------------------------------------------------------------------


def _type_ok(types: list[str], type_: str) -> bool:
    return not types or any(t.lower() == (type_ or "").lower() for t in types)


def _for_ok(target: list[str] | None, ev: dict[str, Any]) -> bool:
    """The field selector involvedObject.kind, .apiVersion and .name."""
    if not target:
        return True
    io = ev.get("involvedObject") or {}
    return [io.get("kind", ""), io.get("apiVersion", ""), io.get("name", "")] == target


def event_time(ev: dict[str, Any]) -> float:
    """eventTime(): series.lastObservedTime, else lastTimestamp, else eventTime (Go's zero time first)."""
    series = ev.get("series")
    if series:
        t = timeutil.parse(series.get("lastObservedTime"))
    elif ev.get("lastTimestamp"):
        t = timeutil.parse(ev.get("lastTimestamp"))
    else:
        t = timeutil.parse(ev.get("eventTime"))
    return t if t is not None else _NEVER


def sort_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``sort.Sort(SortableEvents(...))``: Go's pdqsort, so ties come out as upstream's do."""
    out = list(events)
    gosort.sort(out, lambda a, b: event_time(a) < event_time(b))
    return out


# --- printing -----------------------------------------------------------------------------------


def interval(ev: dict[str, Any], now: float) -> str:
    """getInterval: ``5s``, or ``5s (x3 over 2m)`` for a repeated event."""
    first = since(ev.get("eventTime"), now) if ev.get("eventTime") else since(ev.get("firstTimestamp"), now)
    series = ev.get("series")
    if series:
        return f"{since(series.get('lastObservedTime'), now)} (x{series.get('count', 0)} over {first})"
    if (ev.get("count") or 0) > 1:
        return f"{since(ev.get('lastTimestamp'), now)} (x{ev['count']} over {first})"
    return first


def _escape(s: str) -> str:
    """printers.EscapeTerminal."""
    return s.replace("\x1b", "^[").replace("\r", "\\r")


def header(all_namespaces: bool) -> str:
    return ("NAMESPACE\t" if all_namespaces else "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n"


def row(ev: dict[str, Any], now: float, all_namespaces: bool) -> str:
    """One line of the EventPrinter (tab-separated, before the tabwriter)."""
    io = ev.get("involvedObject") or {}
    ns = f"{(ev.get('metadata') or {}).get('namespace', '')}\t" if all_namespaces else ""
    return (f"{ns}{interval(ev, now)}\t{_escape(ev.get('type') or '')}\t{_escape(ev.get('reason') or '')}\t"
            f"{_escape(io.get('kind') or '')}/{_escape(io.get('name') or '')}\t"
            f"{_escape((ev.get('message') or '').strip())}\n")


def _ordered(value: Any, order: str | None) -> Any:
    if not isinstance(value, dict) or order is None:
        return value
    keys = _ORDER[order]
    out = {k: value[k] for k in keys if k in value}
    out.update({k: v for k, v in value.items() if k not in out})
    sub = {"metadata": "meta", "involvedObject": "ref", "source": "source", "related": "ref"}
    if order == "list":
        return {k: ([_ordered(i, "event") for i in v] if k == "items" else v) for k, v in out.items()}
    return {k: _ordered(v, sub.get(k)) if order == "event" else v for k, v in out.items()}


def typed_json(obj: dict[str, Any], order: str) -> str:
    """json.MarshalIndent of the typed object: struct field order, Go's HTML-safe escaping."""
    text = json.dumps(_ordered(obj, order), indent=4, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text + "\n"


def event_list(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"apiVersion": "v1", "items": events, "kind": "EventList", "metadata": {}}


def render(obj: dict[str, Any], output: str, count: int = 1) -> str:
    """``-o`` output of an EventList (or of one Event when watching; ``count`` is the how-many-th)."""
    from cluster_core.kubectl.printers import to_yaml

    name, _, arg = output.partition("=")
    is_list = obj.get("kind") == "EventList"
    if name == "json":
        return typed_json(obj, "list" if is_list else "event")
    if name == "yaml":
        return ("---\n" if count > 1 else "") + to_yaml(obj)
    if name == "name":
        # The NamePrinter refuses typed lists ("list types are not supported by name printing") and
        # the events command ignores the printer's error: nothing is printed for the list.
        return "" if is_list else name_line(obj) + "\n"
    try:
        return run_jsonpath(arg, obj)
    except JSONPathError as e:
        raise CommandError(getattr(e, "message", str(e))) from None


# --- the command -------------------------------------------------------------------------------


def _options(ctx: Any, opts: Any) -> dict[str, Any]:
    target = list(decode_for(opts["for"])) if opts["for"] else None
    types = sorted(set(opts["types"])) if opts["types"] else []
    if opts["output"]:
        check_output(opts["output"])
    _types(types)
    return {"ns": None if opts["all-namespaces"] else ctx.namespace, "all": bool(opts["all-namespaces"]),
            "for": target, "types": types, "output": opts["output"], "no_headers": bool(opts["no-headers"])}


def select(server: Any, o: dict[str, Any]) -> list[dict[str, Any]]:
    """The events the list call returns (server order) that pass --for and --types."""
    return [ev for ev in server.select("Event", o["ns"]) if _for_ok(o["for"], ev) and _type_ok(o["types"], ev.get("type"))]


def run(ctx: Any, opts: Any) -> Any:
    try:
        o = _options(ctx, opts)
    except NoMatch as e:
        ctx.write_err(str(e))
        return 1
    if opts["watch"]:
        return EventsWatch.start(ctx, o)
    events = select(ctx.server, o)
    if not events:
        ctx.write_err("No events found.\n" if o["all"] else f"No events found in {ctx.namespace} namespace.\n")
        return 0
    events = sort_events(events)
    if o["output"]:
        ctx.write(render(event_list(events), o["output"]))
        return 0
    text = "" if o["no_headers"] else header(o["all"])
    text += "".join(row(ev, ctx.now, o["all"]) for ev in events)
    ctx.write(table(text))
    return 0


@register_long_running
class EventsWatch(LongRunning):
    """``kubectl events -w``: what it prints next, and the widths its tabwriter remembers."""

    kind = "kubectl.events-watch"

    def __init__(self, state: dict[str, Any]) -> None:
        self.s = state

    @classmethod
    def start(cls, ctx: Any, o: dict[str, Any]) -> EventsWatch:
        w = cls({"o": o, "rv": ctx.server.resource_version, "widths": [], "printed": 0,
                 "until": ctx.now + WATCH_HORIZON_SECONDS})
        for ev in select(ctx.server, o):
            w._print(ctx.write, ev, ctx.now)
        return w

    def to_state(self) -> dict[str, Any]:
        return self.s

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> EventsWatch:
        return cls(state)

    def _print(self, write: Any, ev: dict[str, Any], now: float) -> None:
        """PrintObj then Flush: the header goes out with the first event."""
        o = self.s["o"]
        self.s["printed"] += 1
        if o["output"]:
            write(render(ev, o["output"], self.s["printed"]))
            return
        lines = [] if o["no_headers"] or self.s["printed"] > 1 else [header(o["all"])]
        lines.append(row(ev, now, o["all"]))
        rows = [ln.rstrip("\n").split("\t") for ln in lines]
        text, self.s["widths"] = format_rows(rows, self.s["widths"])
        write(text)

    def poll(self, ctx: Any) -> int | None:
        server = ctx.host.server
        o = self.s["o"]
        fresh = [ev for ev in server.iter("Event", o["ns"])
                 if int((ev.get("metadata") or {}).get("resourceVersion") or 0) > self.s["rv"]
                 and _for_ok(o["for"], ev) and _type_ok(o["types"], ev.get("type"))]
        fresh.sort(key=lambda ev: int(ev["metadata"]["resourceVersion"]))
        self.s["rv"] = server.resource_version
        for ev in fresh:
            self._print(ctx.write, ev, ctx.host.clock.now)
        return None

    def interrupt(self, ctx: Any) -> int:
        """Ctrl-C: kubectl's interrupt handler cancels the watch and exits 1."""
        return 1

    def wake_at(self, ctx: Any) -> float | None:
        nxt = ctx.host.clock.peek()
        if nxt is None or nxt > self.s["until"]:
            return None
        return nxt


COMMAND = Command(
    "events", "List events",
    "kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|"
    "jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]", run,
    flags=[
        Flag("all-namespaces", BOOL, False, "A", "If present, list the requested object(s) across all namespaces. "
             "Namespace in current context is ignored even if specified with --namespace."),
        *print_flags(),
        Flag("chunk-size", INT, 500, help="Return large lists in chunks rather than all at once. Pass 0 to disable. "
             "This flag is beta and may change in the future."),
        Flag("for", STRING, "", help="Filter events to only those pertaining to the specified resource."),
        Flag("no-headers", BOOL, False, help="When using the default output format, don't print headers."),
        Flag("types", STRING_SLICE, [], help="Output only events of given types."),
        Flag("watch", BOOL, False, "w", "After listing the requested events, watch for more events."),
    ],
    long="Display events.\n\n Prints a table of the most important information about events. You can request "
         "events for a namespace, for all namespace, or filtered to only those pertaining to a specified "
         "resource.",
    examples="# List recent events in the default namespace\nkubectl events\n\n"
             "# List recent events in all namespaces\nkubectl events --all-namespaces\n\n"
             "# List recent events for the specified pod, then wait for more events and list them as they arrive\n"
             "kubectl events --for pod/web-pod-13je7 --watch\n\n"
             "# List recent events in YAML format\nkubectl events -oyaml\n\n"
             "# List recent only events of type 'Warning' or 'Normal'\nkubectl events --types=Warning,Normal",
    group="Troubleshooting and Debugging Commands")
