"""``kubectl wait --for=condition=...|jsonpath=...|delete|create``: block until the cluster gets there.

A port of upstream ``pkg/cmd/wait`` (v1.33). The resources are visited one after the other and all
share one deadline (``--timeout``, 30 s by default; 0 checks once, a negative value means a week).
Each one that gets there prints ``pod/x condition met`` at that moment; failures are collected and
printed at the end, a single one as ``error: ...``, several one per line without the prefix, as
kubectl's ``CheckErr`` does. ``--for=create`` first polls every half second until every resource
named exists.

It is a long-running command (``cluster_core/shell/jobs.py``): ``run`` settles what it can at once
and otherwise returns a :class:`Waiting` whose JSON-safe state says which resource it is on; the
terminal polls it whenever simulated time passes and wakes it at the next scheduled change or at
the deadline.
"""

from __future__ import annotations

import math
from typing import Any

from cluster_core.api import resources
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, DURATION, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import map_manifest
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.printers.custom_columns import PrinterError, relaxed_jsonpath
from cluster_core.kubectl.printers.gofmt import sprint
from cluster_core.kubectl.printers.jsonpath import JSONPathError, find_results, parse
from cluster_core.kubectl.verbs.delete import NO_RESOURCES
from cluster_core.kubectl.verbs.describe import BY_NAME_ALL_NAMESPACES, NAME_AND_SELECTOR, list_objects
from cluster_core.kubectl.verbs.events import check_output
from cluster_core.shell.jobs import LongRunning, register_long_running

WEEK = 168 * 3600.0
CREATE_POLL_SECONDS = 0.5
INTERRUPTED = 1  # kubectl's interrupt handler (no final func) exits 1 when Ctrl-C arrives while it waits
TIMED_OUT = "timed out waiting for the condition"
NO_MATCH = "no matching resources found"
RATE_LIMITER = "client rate limiter Wait returned an error: context deadline exceeded"
NO_NAME = "resource(s) were provided, but no name was specified"
LOCAL_ERROR = "error: you must specify resources by --filename when --local is set.\n"
JSONPATH_FORMAT = ("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
                   "--for=jsonpath='{.status.readyReplicas}'")
JSONPATH_VALUE = "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3"


class ConditionError(Exception):
    """A condition that cannot be evaluated on an object (kubectl stops waiting on it)."""


# --- --for ----------------------------------------------------------------------------------------


def split_jsonpath_input(text: str) -> list[str]:
    """splitJSONPathInput: split on single ``=``, keeping ``==`` (filters) inside the expression."""
    out, cur, i = [], [], 0
    while i < len(text):
        if text[i] == "=":
            if i < len(text) - 1 and text[i + 1] == "=":
                cur.append("==")
                i += 2
                continue
            out.append("".join(cur))
            cur = []
        else:
            cur.append(text[i])
        i += 1
    out.append("".join(cur))
    return out


def parse_for(value: str) -> dict[str, Any]:
    """conditionFuncFor: what to wait for, as JSON-safe data; raises with kubectl's words."""
    low = value.lower()
    if low == "delete":
        return {"mode": "delete"}
    if low == "create":
        return {"mode": "create"}
    if value.startswith("condition="):
        name, eq, status = value[len("condition="):].partition("=")
        return {"mode": "condition", "name": name, "status": status if eq else "true"}
    if value.startswith("jsonpath="):
        parts = split_jsonpath_input(value[len("jsonpath="):])
        if not 1 <= len(parts) <= 2:
            raise CommandError(JSONPATH_FORMAT)
        try:
            expr = relaxed_jsonpath(parts[0])
        except PrinterError as e:
            raise CommandError(e.message) from None
        want = ""
        if len(parts) == 2:
            want = parts[1].strip("'\"")
            if not want:
                raise CommandError(JSONPATH_VALUE)
        if not expr:
            raise CommandError("jsonpath expression cannot be empty")
        try:
            parse(expr)
        except JSONPathError as e:
            prefix = f"error parsing jsonpath {expr}, "
            raise CommandError(e.message.removeprefix(prefix)) from None
        return {"mode": "jsonpath", "expr": expr, "value": want}
    raise CommandError(f'unrecognized condition: "{value}"')


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def condition_met(obj: dict[str, Any], name: str, status: str) -> bool:
    """ConditionalWait.checkCondition: the first condition of that type (any case) decides, unless
    it describes an older generation of the object."""
    conditions = (obj.get("status") or {}).get("conditions")
    if not isinstance(conditions, list):
        return False
    for c in conditions:
        if not isinstance(c, dict) or not isinstance(c.get("type"), str) or c["type"].lower() != name.lower():
            continue
        if not isinstance(c.get("status"), str):
            continue
        generation = _int((obj.get("metadata") or {}).get("generation"))
        if generation is not None:
            observed = _int(c.get("observedGeneration"))
            if observed is None:
                observed = _int((obj.get("status") or {}).get("observedGeneration"))
            if observed is not None and observed < generation:
                return False
        return c["status"].lower() == status.lower()
    return False


def jsonpath_met(obj: dict[str, Any], expr: str, value: str) -> bool:
    """JSONPathWait.checkCondition: exactly one value, compared as ``%v`` text (any value if none given)."""
    try:
        results = find_results(expr, obj)
    except JSONPathError as e:
        raise ConditionError(getattr(e, "message", str(e))) from None
    if not results or not results[0]:
        return False
    if len(results) > 1:
        raise ConditionError("given jsonpath expression matches more than one list")
    if len(results[0]) > 1:
        raise ConditionError("given jsonpath expression matches more than one value")
    if not value:
        return True
    found = results[0][0]
    if isinstance(found, (dict, list)):
        raise ConditionError("jsonpath leads to a nested object or list which is not supported")
    return sprint(found).strip() == value.strip()


def met(cond: dict[str, Any], obj: dict[str, Any]) -> bool:
    if cond["mode"] == "condition":
        return condition_met(obj, cond["name"], cond["status"])
    return jsonpath_met(obj, cond["expr"], cond["value"])


# --- which resources ----------------------------------------------------------------------------


def _targets(ctx: Any, opts: Any) -> dict[str, Any]:
    """The builder: names to GET when visited, or selections to list when the visit starts."""
    if opts["local"] and opts.args:
        raise CommandError(LOCAL_ERROR)
    if opts["filename"]:
        if opts.args:
            raise CommandError("when paths, URLs, or stdin is provided as input, you may not specify resource "
                               "arguments as well")
        named = []
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = map_manifest(ctx, m)
            named.append([t.rt.kind, t.namespace, t.name])
        return {"names": named, "lists": []}
    if not opts.args:
        raise CommandError(NO_RESOURCES)
    sels = resource_args.parse(opts.args)
    selector, field = opts["selector"], opts["field-selector"]
    if any(s.names for s in sels):
        if selector or field:
            raise CommandError(NAME_AND_SELECTOR)
        if opts["all-namespaces"]:
            raise CommandError(BY_NAME_ALL_NAMESPACES)
        return {"names": [[s.rt.kind, ctx.namespace if s.rt.namespaced else "", n] for s in sels for n in s.names],
                "lists": []}
    if not (selector or field or opts["all"]):
        raise CommandError(NO_NAME)
    ns = "" if opts["all-namespaces"] else ctx.namespace
    return {"names": [], "lists": [[s.rt.kind, ns if s.rt.namespaced else "", selector, field] for s in sels]}


def _expand(server: Any, targets: dict[str, Any]) -> list[list[Any]]:
    """What the visitor walks: [kind, ns, name, listed]; ``listed`` is the object as the list call
    returned it (None for a name, which is fetched when its turn comes)."""
    out: list[list[Any]] = [[k, ns, n, None] for k, ns, n in targets["names"]]
    for kind, ns, selector, field in targets["lists"]:
        for o in list_objects(server, resources.for_kind(kind), ns or None, selector or None, field or None):
            out.append([kind, o["metadata"].get("namespace", ""), o["metadata"]["name"], copy_obj(o)])
    return out


def _not_found(kind: str, name: str) -> str:
    return f'Error from server (NotFound): {resources.for_kind(kind).qualified_plural} "{name}" not found'


def _object_name(kind: str, name: str) -> str:
    """Info.ObjectName() and the timeout suffix: the plural resource, without its group."""
    return f"{resources.for_kind(kind).plural}/{name}"


# --- the runner ---------------------------------------------------------------------------------


@register_long_running
class Waiting(LongRunning):
    """One ``kubectl wait`` in progress: the resources left, the one it is on, what went wrong."""

    kind = "kubectl.wait"

    def __init__(self, state: dict[str, Any]) -> None:
        self.s = state

    def to_state(self) -> dict[str, Any]:
        return self.s

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Waiting:
        return cls(state)

    # ------------------------------------------------------------ printing
    def _print(self, write: Any, obj: dict[str, Any]) -> None:
        from cluster_core.kubectl.output import render
        from cluster_core.kubectl.printers.tables import name_line

        output = self.s["output"]
        self.s["printed"] += 1
        if not output:
            write(name_line(obj, "condition met") + "\n")
            return
        try:
            text = render([obj], output, single=True)
        except CommandError:  # upstream ignores what PrintObj returns
            return
        write(("---\n" if output == "yaml" and self.s["printed"] > 1 else "") + text)

    def _finish(self, write_err: Any) -> int:
        errors = self.s["errors"]
        if not errors:
            if self.s["visited"] == 0 and self.s["cond"]["mode"] != "delete":
                write_err(f"error: {NO_MATCH}\n")
                return 1
            return 0
        if len(errors) == 1:
            e = errors[0]
            write_err((e if e.startswith(("Error from server", "error: ")) else f"error: {e}") + "\n")
        else:
            write_err("".join(e + "\n" for e in errors))
        return 1

    # ------------------------------------------------------------ stepping
    def step(self, server: Any, now: float, write: Any, write_err: Any) -> int | None:
        """Go as far as the cluster allows at ``now``; an exit code once everything is visited."""
        s = self.s
        if s["phase"] == "create":
            done = self._create_poll(server, now)
            if done is None:
                return None
            if done is False:
                return self._finish(write_err)
            s["phase"] = "visit"
            s["pending"] = _expand(server, s["targets"])
        if s["phase"] == "visit" and s["pending"] is None:
            s["pending"] = _expand(server, s["targets"])
        while True:
            if s["current"] is not None:
                if not self._wait_current(server, now, write):
                    return None
            if not s["pending"]:
                return self._finish(write_err)
            self._visit(server, now, write, *s["pending"].pop(0))

    def _expired(self, now: float) -> bool:
        return self.s["deadline"] is not None and now >= self.s["deadline"]

    def _create_poll(self, server: Any, now: float) -> bool | None:
        """One poll of ``--for=create``: True when all are there, None to keep polling, False on error."""
        s = self.s
        found, errors = 0, []
        for kind, ns, name in s["targets"]["names"]:
            if server.ref(kind, ns or None, name) is None:
                errors.append(_not_found(kind, name))
            else:
                found += 1
        for kind, ns, selector, field in s["targets"]["lists"]:
            found += len(list_objects(server, resources.for_kind(kind), ns or None, selector or None, field or None))
        if len(errors) > 1:
            s["errors"] = errors
            return False
        if not errors and found:
            return True
        if s["timeout_zero"] or self._expired(now):
            s["errors"] = [TIMED_OUT]
            return False
        return None

    def _visit(self, server: Any, now: float, write: Any, kind: str, ns: str, name: str,
               listed: dict[str, Any] | None) -> None:
        """The visitor function for one resource: GET it, then check it or start waiting on it.

        A name that is gone is an error (ignored for ``delete``); a listed object that is gone by
        its turn has been deleted (``delete``) or fails the waiter's precondition (NotFound)."""
        s, mode = self.s, self.s["cond"]["mode"]
        obj = server.ref(kind, ns or None, name)
        if mode == "delete" and (obj is not None or listed is not None) and self._expired(now):
            # IsDeleted's own GET runs on the expired context: the client's rate limiter refuses it.
            s["visited"] += 1
            s["errors"].append(RATE_LIMITER)
            return
        if obj is None:
            if listed is None and mode == "delete":
                return
            if listed is not None and mode in ("delete", "create"):
                s["visited"] += 1
                self._print(write, listed)
                return
            s["errors"].append(_not_found(kind, name))
            return
        s["visited"] += 1
        if mode == "create":
            self._print(write, listed or obj)
            return
        if s["timeout_zero"]:
            try:
                if mode != "delete" and met(s["cond"], obj):
                    self._print(write, obj)
                    return
            except ConditionError as e:
                s["errors"].append(str(e))
                return
            s["errors"].append(f"condition not met for {_object_name(kind, name)}")
            return
        if self._expired(now):
            s["errors"].append(f"{TIMED_OUT} on {_object_name(kind, name)}")
            return
        s["current"] = {"kind": kind, "ns": ns, "name": name, "uid": obj["metadata"].get("uid", ""),
                        "obj": copy_obj(obj)}

    def _wait_current(self, server: Any, now: float, write: Any) -> bool:
        """Has the resource being waited on got there (or failed)? False while still waiting."""
        s, cur = self.s, self.s["current"]
        obj = server.ref(cur["kind"], cur["ns"] or None, cur["name"])
        if s["cond"]["mode"] == "delete":
            if obj is None or obj["metadata"].get("uid", "") != cur["uid"]:
                self._print(write, cur["obj"])
                s["current"] = None
                return True
        elif obj is not None:
            try:
                if met(s["cond"], obj):
                    self._print(write, obj)
                    s["current"] = None
                    return True
            except ConditionError as e:
                s["errors"].append(str(e))
                s["current"] = None
                return True
        if self._expired(now):
            s["errors"].append(f"{TIMED_OUT} on {_object_name(cur['kind'], cur['name'])}")
            s["current"] = None
            return True
        return False

    # ------------------------------------------------------------ the shell's protocol
    def poll(self, ctx: Any) -> int | None:
        host = ctx.host
        return self.step(host.server, host.clock.now, ctx.write, ctx.write_err)

    def interrupt(self, ctx: Any) -> int:
        """Ctrl-C: while a resource is watched kubectl's interrupt handler exits 1; the create
        poll runs outside it, so there the signal kills the process (130)."""
        return 130 if self.s["phase"] == "create" else INTERRUPTED

    def wake_at(self, ctx: Any) -> float | None:
        s = self.s
        nxt = ctx.host.clock.peek()
        deadline = s["deadline"]
        if nxt is None or (deadline is not None and nxt > deadline):
            nxt = deadline
        if nxt is not None and s["phase"] == "create":
            ticks = math.ceil(max(0.0, nxt - s["start"]) / CREATE_POLL_SECONDS - 1e-9)
            nxt = s["start"] + ticks * CREATE_POLL_SECONDS
            if deadline is not None:
                nxt = min(nxt, deadline)
        return nxt


def run(ctx: Any, opts: Any) -> Any:
    if opts["output"]:
        check_output(opts["output"])
    cond = parse_for(opts["for"])
    timeout = opts["timeout"]
    if timeout < 0:
        timeout = WEEK
    targets = _targets(ctx, opts)
    state = {"cond": cond, "output": opts["output"], "targets": targets, "start": ctx.now,
             "deadline": ctx.now + timeout if timeout > 0 else None, "timeout_zero": timeout == 0,
             "phase": "create" if cond["mode"] == "create" else "visit", "pending": None, "current": None,
             "errors": [], "visited": 0, "printed": 0}
    waiting = Waiting(state)
    code = waiting.step(ctx.server, ctx.now, ctx.write, ctx.write_err)
    return waiting if code is None else code


COMMAND = Command(
    "wait", "Experimental: Wait for a specific condition on one or many resources",
    "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) "
    "[--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]", run,
    flags=[
        Flag("all", BOOL, False, help="Select all resources in the namespace of the specified resource types"),
        Flag("all-namespaces", BOOL, False, "A", "If present, list the requested object(s) across all namespaces. "
             "Namespace in current context is ignored even if specified with --namespace."),
        *print_flags(),
        Flag("field-selector", STRING, "", help="Selector (field query) to filter on, supports '=', '==', and "
             "'!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of "
             "field queries per type."),
        Flag("filename", STRING_ARRAY, [], "f", "identifying the resource."),
        Flag("for", STRING, "", help="The condition to wait on: [create|delete|condition=condition-name[=condition-"
             "value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. "
             "Condition values are compared after Unicode simple case folding, which is a more general form of "
             "case-insensitivity."),
        Flag("local", BOOL, False, help="If true, annotation will NOT contact api-server but run locally."),
        Flag("recursive", BOOL, True, "R", "Process the directory used in -f, --filename recursively. Useful when "
             "you want to manage related manifests organized within the same directory."),
        Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. "
             "-l key1=value1,key2=value2)"),
        Flag("timeout", DURATION, 30.0, help="The length of time to wait before giving up. Zero means check once "
             "and don't wait, negative means wait for a week."),
    ],
    long="Experimental: Wait for a specific condition on one or many resources.\n\n"
         " The command takes multiple resources and waits until the specified condition is seen in the Status "
         "field of every given resource.\n\n"
         " Alternatively, the command can wait for the given set of resources to be created or deleted by "
         'providing the "create" or "delete" keyword as the value to the --for flag.\n\n'
         " A successful message will be printed to stdout indicating when the specified condition has been met. "
         "You can use -o option to change to output destination.",
    examples='# Wait for the pod "busybox1" to contain the status condition of type "Ready"\n'
             "kubectl wait --for=condition=Ready pod/busybox1\n\n"
             "# The default value of status condition is true; you can wait for other targets after an equal "
             "delimiter (compared after Unicode simple case folding, which is a more general form of "
             "case-insensitivity)\nkubectl wait --for=condition=Ready=false pod/busybox1\n\n"
             '# Wait for the pod "busybox1" to contain the status phase to be "Running"\n'
             "kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1\n\n"
             '# Wait for pod "busybox1" to be Ready\n'
             "kubectl wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' pod/busybox1\n\n"
             '# Wait for the service "loadbalancer" to have ingress\n'
             "kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/loadbalancer\n\n"
             '# Wait for the secret "busybox1" to be created, with a timeout of 30s\n'
             "kubectl create secret generic busybox1\n"
             "kubectl wait --for=create secret/busybox1 --timeout=30s\n\n"
             '# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" '
             "command\nkubectl delete pod/busybox1\nkubectl wait --for=delete pod/busybox1 --timeout=60s",
    group="Advanced Commands")
