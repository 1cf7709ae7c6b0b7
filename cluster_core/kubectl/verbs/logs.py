"""``kubectl logs``: a container's log as the kubelet serves it, ``-f`` to follow, and the pod pickers
that ``exec`` and ``port-forward`` share.

Ported from kubectl v1.33 ``pkg/cmd/logs/logs.go`` and ``polymorphichelpers/logsforobject.go``:
a pod with several containers and no ``-c`` uses its first container and says so on stderr
(``Defaulted container "a" out of: a, b``); ``rs/x``, ``job/x`` and friends pick one pod of the
controller (podutils ``ByLogging``, Go's unstable sort), ``-l`` takes every matching pod with a
default ``--tail`` of 10. Why no lines can be served (``is waiting to start: ContainerCreating``)
is the kubelet's word, which the API server returns as BadRequest.

``-f`` is a :class:`~cluster_core.shell.jobs.LongRunning`: each poll prints the lines the
simulation added since, and it ends when the container stops (or the pod goes), as the real
stream reaches EOF. On a manual clock it asks to be woken at the next line or cluster change, up
to ``FOLLOW_HORIZON`` seconds after it started, so ``Playground.execute`` returns.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from cluster_core import timeutil
from cluster_core.api import errors, resources, selectors
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, Flag
from cluster_core.kubectl.printers import gosort
from cluster_core.shell.jobs import LongRunning, register_long_running

USAGE = "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]"
USAGE_ERR = f"expected '{USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command"
SELECTOR_TAIL = 10
FOLLOW_HORIZON = 60.0  # manual clock: how long a follow lets simulated time run before it stops

# Go's type names, for ``cannot get the logs from *v1.Node: ...``.
_GO_TYPES = {"Pod": "*v1.Pod", "Node": "*v1.Node", "Namespace": "*v1.Namespace", "Event": "*v1.Event",
             "Deployment": "*v1.Deployment", "ReplicaSet": "*v1.ReplicaSet", "DaemonSet": "*v1.DaemonSet", "Job": "*v1.Job"}


# ---------------------------------------------------------------- picking pods (shared with exec/port-forward)
def lookup_object(ctx: Any, arg: str, logs: bool = False) -> dict:
    """``POD`` or ``TYPE/NAME`` as the resource builder resolves it (``ResourceNames("pods", arg)``).

    ``logs`` reads the object through ``Infos()``, whose NotFound kubectl words differently
    (checked against kubectl 1.33: ``error: error from server (NotFound): pods "x" not found in
    namespace "default"``, even for cluster-scoped types).
    """
    if "/" in arg:
        type_part, _, name = arg.partition("/")
        if not type_part or not name or "/" in name:
            raise CommandError("arguments in resource/name form must have a single resource and name")
        rt = resources.resolve(type_part)
        if rt is None:
            raise CommandError(f'the server doesn\'t have a resource type "{type_part}"')
    else:
        rt, name = resources.for_kind("Pod"), arg
    obj = ctx.server.get(rt.kind, ctx.namespace if rt.namespaced else None, name)
    if obj is None:
        if logs:
            raise CommandError(f'error from server (NotFound): {rt.qualified_plural} "{name}" not found in '
                               f'namespace "{ctx.namespace}"')
        raise errors.not_found(rt.qualified_plural, name)
    return obj


def _ready_since(pod: dict) -> float | None:
    for c in (pod.get("status") or {}).get("conditions") or ():
        if c.get("type") == "Ready" and c.get("status") == "True":
            return timeutil.parse(c.get("lastTransitionTime")) or 0.0
    return None


def _restarts(pod: dict) -> int:
    return max((cs.get("restartCount", 0) for cs in (pod.get("status") or {}).get("containerStatuses") or ()),
               default=0)


def _created(pod: dict) -> float:
    return timeutil.parse(pod["metadata"].get("creationTimestamp")) or 0.0


def _after_or_zero(t1: float, t2: float) -> bool:
    if not t1 or not t2:
        return not t1
    return t1 > t2


def by_logging_less(a: dict, b: dict) -> bool:
    """podutils.ByLogging: the pod whose logs are most interesting first."""
    na, nb = a["spec"].get("nodeName", ""), b["spec"].get("nodeName", "")
    if na != nb and (not na or not nb):
        return bool(na)
    rank = {"Running": 0, "Unknown": 1, "Pending": 2}
    pa, pb = rank.get((a.get("status") or {}).get("phase", ""), 0), rank.get((b.get("status") or {}).get("phase", ""), 0)
    if pa != pb:
        return pa < pb
    ra, rb = _ready_since(a), _ready_since(b)
    if (ra is not None) != (rb is not None):
        return ra is not None
    if ra is not None and rb is not None and ra != rb:
        return _after_or_zero(rb, ra)
    if _restarts(a) != _restarts(b):
        return _restarts(a) > _restarts(b)
    if _created(a) != _created(b):
        return _after_or_zero(_created(b), _created(a))
    return False


def _active_less(a: dict, b: dict) -> bool:
    """controller.ActivePods: the pod a controller would delete first is the smallest."""
    na, nb = a["spec"].get("nodeName", ""), b["spec"].get("nodeName", "")
    if na != nb and (not na or not nb):
        return not na
    rank = {"Pending": 0, "Unknown": 1, "Running": 2}
    pa, pb = rank.get((a.get("status") or {}).get("phase", ""), 0), rank.get((b.get("status") or {}).get("phase", ""), 0)
    if pa != pb:
        return pa < pb
    ra, rb = _ready_since(a), _ready_since(b)
    if (ra is not None) != (rb is not None):
        return ra is None
    if ra is not None and rb is not None and ra != rb:
        return _after_or_zero(ra, rb)
    if _restarts(a) != _restarts(b):
        return _restarts(a) > _restarts(b)
    if _created(a) != _created(b):
        return _after_or_zero(_created(a), _created(b))
    return False


def attachable_less(a: dict, b: dict) -> bool:
    """``sort.Reverse(ActivePods)``: what exec, attach and port-forward pick from a controller."""
    return _active_less(b, a)


def pods_of(ctx: Any, obj: dict, what: str) -> list[dict]:
    """The pods a controller's selector matches (SelectorsForObject); ``what`` names the caller's
    error (``cannot get the logs from`` / ``cannot attach to``)."""
    kind = obj.get("kind", "")
    sel_obj = (obj.get("spec") or {}).get("selector")
    if kind in ("Pod", "Node", "Namespace", "Event") or not isinstance(sel_obj, dict):
        go = _GO_TYPES.get(kind, f"*v1.{kind}")
        raise CommandError(f"{what} {go}: selector for {go} not implemented")
    try:
        sel = selectors.from_label_selector(sel_obj)
    except selectors.SelectorError as e:
        raise CommandError(f"{what} {_GO_TYPES.get(kind, kind)}: {e}") from None
    ns = obj["metadata"].get("namespace", "")
    return [p for p in ctx.server.list("Pod", ns) if sel.matches(p["metadata"].get("labels") or {})]


def first_pod(ctx: Any, obj: dict, less: Any, what: str) -> tuple[dict, int]:
    """polymorphichelpers.GetFirstPod: the best pod by ``less`` and how many matched."""
    if obj.get("kind") == "Pod":
        return obj, 1
    pods = pods_of(ctx, obj, what)
    if not pods:
        # The real client watches for a pod until --pod-running-timeout; nothing will come here.
        raise CommandError("timed out waiting for the condition")
    gosort.sort(pods, less)
    return pods[0], len(pods)


def all_container_names(pod: dict) -> str:
    spec = pod.get("spec") or {}
    names = [c["name"] for key in ("initContainers", "containers", "ephemeralContainers")
             for c in spec.get(key) or ()]
    return ", ".join(names)


def find_container(pod: dict, name: str) -> dict | None:
    spec = pod.get("spec") or {}
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for c in spec.get(key) or ():
            if c.get("name") == name:
                return c
    return None


def default_container(pod: dict, write_err: Any, quiet: bool = False) -> str:
    """The container kubectl uses when none is named: the default-container annotation, else the
    first one, saying so on stderr when there was a choice."""
    spec = pod.get("spec") or {}
    wanted = ((pod["metadata"].get("annotations") or {}).get("kubectl.kubernetes.io/default-container") or "")
    if wanted and find_container(pod, wanted) is not None:
        return wanted
    first = spec["containers"][0]["name"]
    if not quiet and (len(spec["containers"]) > 1 or spec.get("initContainers") or spec.get("ephemeralContainers")):
        write_err(f'Defaulted container "{first}" out of: {all_container_names(pod)}\n')
    return first


def kubelet_of(ctx_or_host: Any) -> Any:
    sim = ctx_or_host.pg.sim if hasattr(ctx_or_host, "pg") else ctx_or_host.sim
    return sim.component("kubelet")


# ---------------------------------------------------------------- formatting
def stamp(t: float) -> str:
    """The kubelet's RFC3339NanoFixed: ``2026-01-01T00:00:30.060000000Z`` (to the microsecond here,
    so float noise in simulated times does not show)."""
    micros = int(Decimal(repr(t)).quantize(Decimal("0.000001")) * 1_000_000)
    whole, frac = divmod(micros, 1_000_000)
    return timeutil.rfc3339(whole)[:-1] + f".{frac:06d}000Z"


def render(lines: list[tuple[float, str]], timestamps: bool, prefix: str) -> str:
    return "".join(f"{prefix}{stamp(t) + ' ' if timestamps else ''}{text}\n" for t, text in lines)


def parse_rfc3339(text: str) -> float:
    """metav1's ParseRFC3339 with Go's error words for the common mistakes."""
    value = timeutil.parse(text) if "T" in text else None
    if value is None:
        head = text[:4]
        raise CommandError(f'parsing time "{text}" as "2006-01-02T15:04:05Z07:00": cannot parse "{text}" as '
                           f'"2006"' if not head.isdigit() else
                           f'parsing time "{text}" as "2006-01-02T15:04:05Z07:00": cannot parse "{text[4:]}" '
                           'as "-"')
    return value


# ---------------------------------------------------------------- one stream
class Stream:
    """One (pod, container) whose log is printed: where the last print stopped, and whether it follows."""

    def __init__(self, ns: str, pod: str, uid: str, container: str, cid: str, prefix: str,
                 last_t: float | None = None, n_at: int = 0, previous: bool = False) -> None:
        self.ns, self.pod, self.uid, self.container, self.cid = ns, pod, uid, container, cid
        self.prefix, self.last_t, self.n_at, self.previous = prefix, last_t, n_at, previous

    def to_state(self) -> list[Any]:
        return [self.ns, self.pod, self.uid, self.container, self.cid, self.prefix, self.last_t, self.n_at,
                self.previous]

    @classmethod
    def from_state(cls, s: list[Any]) -> Stream:
        return cls(*s)

    def unseen(self, lines: list[tuple[float, str]]) -> list[tuple[float, str]]:
        """The lines after the last one printed (lines at the same instant are counted)."""
        if self.last_t is None:
            return list(lines)
        out, same = [], 0
        for t, text in lines:
            if t < self.last_t:
                continue
            if t == self.last_t:
                same += 1
                if same <= self.n_at:
                    continue
            out.append((t, text))
        return out

    def mark(self, lines: list[tuple[float, str]]) -> None:
        """Remember that every line of ``lines`` up to its last one has been printed."""
        if lines:
            self.last_t = lines[-1][0]
            self.n_at = sum(1 for t, _ in lines if t == self.last_t)

    def fetch(self, host: Any) -> tuple[list[tuple[float, str]], bool]:
        """(all lines of the followed container instance, whether it has ended)."""
        from cluster_core.sim.kubelet import LogError

        pod = host.server.ref("Pod", self.ns, self.pod)
        if pod is None or pod["metadata"].get("uid") != self.uid:
            return [], True
        cs = _status(pod, self.container) or {}
        kubelet = kubelet_of(host)
        try:
            if cs.get("containerID") == self.cid:
                ended = "running" not in (cs.get("state") or {})
                return kubelet.logs(pod, self.container), ended
            last = (cs.get("lastState") or {}).get("terminated") or {}
            if last.get("containerID") == self.cid:
                return kubelet.logs(pod, self.container, previous=True), True
        except (LogError, KeyError):
            pass
        return [], True


def _status(pod: dict, container: str) -> dict | None:
    status = pod.get("status") or {}
    for key in ("containerStatuses", "initContainerStatuses"):
        for cs in status.get(key) or ():
            if cs.get("name") == container:
                return cs
    return None


def next_line_at(host: Any, s: Stream, after: float, until: float) -> float | None:
    """When the followed container will next log, if before ``until``.

    An adapter over the kubelet's internals (its per-pod records and ``_run_for``): the kubelet's
    public ``logs`` only tells what has been logged so far. The look ahead runs on a fresh copy of
    the container's program: driving the kubelet's own copy into the future would let an endless
    loop skip ahead and lose the lines in between.
    """
    try:
        kubelet = kubelet_of(host)
        pod = host.server.ref("Pod", s.ns, s.pod)
        pr = kubelet.pods.get(s.uid)
        if pod is None or pr is None:
            return None
        cr = pr["c"].get(s.container) or pr.get("ic", {}).get(s.container)
        inst = (cr or {}).get("cur")
        if inst is None or "containerd://" + inst["id"] != s.cid or inst.get("start") is None:
            return None
        c_spec = find_container(pod, s.container)
        best = None
        for t, _ in inst.get("extra") or ():
            if after < t <= until and (best is None or t < best):
                best = t
        saved = kubelet._runs.pop(inst["id"], None)
        try:
            probe = kubelet._run_for(pod, pr, c_spec, inst)
        finally:
            kubelet._runs.pop(inst["id"], None)
            if saved is not None:
                kubelet._runs[inst["id"]] = saved
        for t, _ in probe.output(until - inst["start"]):
            at = inst["start"] + t
            if at > after:
                best = at if best is None else min(best, at)
                break
        return best
    except Exception:  # noqa: BLE001 - a hint only; without it the follow wakes on cluster changes
        return None


@register_long_running
class FollowLogs(LongRunning):
    """``kubectl logs -f``: prints new lines as the containers write them; ends when they all stop."""

    kind = "kubectl.logs-follow"

    def __init__(self, streams: list[Stream], timestamps: bool, start: float, limit: int) -> None:
        self.streams = streams
        self.timestamps = timestamps
        self.start = start
        self.limit = limit  # bytes left under --limit-bytes (-1: no limit)

    def to_state(self) -> dict[str, Any]:
        return {"streams": [s.to_state() for s in self.streams], "ts": self.timestamps, "start": self.start,
                "limit": self.limit}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> FollowLogs:
        return cls([Stream.from_state(s) for s in state["streams"]], bool(state["ts"]), float(state["start"]),
                   int(state["limit"]))

    def _emit(self, ctx: Any, s: Stream, new: list[tuple[float, str]]) -> bool:
        """Print ``new`` (within --limit-bytes); False once the limit is used up."""
        text = render(new, self.timestamps, s.prefix)
        if self.limit >= 0:
            text = text[: self.limit]
            self.limit -= len(text)
        ctx.write(text)
        return self.limit != 0

    def poll(self, ctx: Any) -> int | None:
        left = []
        for s in self.streams:
            lines, ended = s.fetch(ctx.host)
            new = s.unseen(lines)
            s.mark(lines if new else [])
            if new and not self._emit(ctx, s, new):
                return 0
            if not ended:
                left.append(s)
        self.streams = left
        return None if left else 0

    def wake_at(self, ctx: Any) -> float | None:
        host = ctx.host
        now = host.clock.now
        horizon = self.start + FOLLOW_HORIZON
        best = host.clock.peek()
        for s in self.streams:
            lines, ended = s.fetch(host)
            if s.unseen(lines) or ended:
                return now
            nxt = next_line_at(host, s, now, horizon if host.clock.manual else now + FOLLOW_HORIZON)
            if nxt is not None and (best is None or nxt < best):
                best = nxt
        if host.clock.manual:
            return None if best is None or best > horizon else max(best, now)
        # A wall clock: look again a minute on even when nothing is due (the peek looks no further).
        return max(min(best, now + FOLLOW_HORIZON) if best is not None else now + FOLLOW_HORIZON, now)


# ---------------------------------------------------------------- the command
def _options(opts: Any) -> dict[str, Any]:
    args = opts.args
    selector = opts["selector"]
    container = opts["container"]
    if len(args) == 0:
        if not selector:
            raise UsageError(USAGE_ERR)
    elif len(args) == 1:
        if selector:
            raise UsageError("only a selector (-l) or a POD name is allowed")
    elif len(args) == 2:
        container = args[1]
    else:
        raise UsageError(USAGE_ERR)
    tail = opts["tail"]
    if selector and tail == -1 and not opts.was_set("tail"):
        tail = SELECTOR_TAIL
    since_time = parse_rfc3339(opts["since-time"]) if opts["since-time"] else None
    return {"container": container, "tail": tail, "since_time": since_time}


def _round_seconds(d: float) -> int:
    """Go's Duration.Round(time.Second): halves away from zero."""
    return int(math.floor(abs(d) + 0.5)) * (1 if d >= 0 else -1)


def _validate(opts: Any, o: dict[str, Any]) -> None:
    if opts["since-time"] and opts["since"] != 0:
        raise CommandError("at most one of `sinceTime` or `sinceSeconds` may be specified")
    if opts["all-containers"] and o["container"]:
        raise CommandError(f"--all-containers=true should not be specified with container name {o['container']}")
    if opts.was_set("container") and len(opts.args) == 2:
        raise CommandError("only one of -c or an inline [CONTAINER] arg is allowed")
    if opts["limit-bytes"] < 0:
        raise CommandError("--limit-bytes must be greater than 0")
    if _round_seconds(opts["since"]) < 0:
        raise CommandError("--since must be greater than 0")
    if o["tail"] < -1:
        raise CommandError("--tail must be greater than or equal to -1")


def _pods(ctx: Any, opts: Any) -> tuple[list[dict], bool]:
    """The pods named (Complete's resource builder): (pods, whether they came from a controller)."""
    if opts["selector"]:
        try:
            pods = ctx.server.list("Pod", ctx.namespace, opts["selector"])
        except errors.ApiError as e:
            raise errors.bad_request(f'Unable to find "/v1, Resource=pods" that match label selector '
                                     f'"{opts["selector"]}", field selector "": {e.message}') from None
        if not pods:
            ctx.write_err(f"No resources found in {ctx.namespace} namespace.\n")
        return pods, False
    obj = lookup_object(ctx, opts.args[0], logs=True)
    if obj.get("kind") == "Pod":
        return [obj], False
    return [obj], True


def _targets(ctx: Any, opts: Any, o: dict[str, Any], pods: list[dict], controller: bool) -> list[tuple[dict, str]]:
    """LogsForObject: (pod, container) pairs to read, in the order they are printed."""
    all_pods = opts["all-pods"]
    if controller:
        found = pods_of(ctx, pods[0], "cannot get the logs from")
        if not found:
            raise CommandError("timed out waiting for the condition")
        gosort.sort(found, by_logging_less)
        if not all_pods and len(found) > 1:
            ctx.write_err(f"Found {len(found)} pods, using pod/{found[0]['metadata']['name']}\n")
        pods = found if all_pods else found[:1]
    out: list[tuple[dict, str]] = []
    for pod in pods:
        spec = pod.get("spec") or {}
        if opts["all-containers"]:
            out += [(pod, c["name"]) for key in ("initContainers", "containers", "ephemeralContainers")
                    for c in spec.get(key) or ()]
            continue
        name = o["container"] or default_container(pod, ctx.write_err, quiet=all_pods)
        if find_container(pod, name) is None:
            raise CommandError(f"container {name} is not valid for pod {pod['metadata']['name']}")
        out.append((pod, name))
    return out


def _select(lines: list[tuple[float, str]], tail: int, since: float | None) -> list[tuple[float, str]]:
    """The kubelet's order: the last ``tail`` lines of the file, then those not before ``since``."""
    if tail >= 0:
        lines = lines[len(lines) - tail:] if tail else []
    if since is not None:
        lines = [ln for ln in lines if ln[0] >= since]
    return lines


def run(ctx: Any, opts: Any) -> Any:
    from cluster_core.sim.kubelet import LogError

    o = _options(opts)
    pods, controller = _pods(ctx, opts)
    _validate(opts, o)
    targets = _targets(ctx, opts, o, pods, controller)
    since = o["since_time"]
    if opts["since"]:
        since = ctx.now - _round_seconds(opts["since"])
    prefix_all = opts["prefix"] or opts["all-pods"]
    follow = opts["follow"]
    if follow and len(targets) > opts["max-log-requests"]:
        raise CommandError(f"you are attempting to follow {len(targets)} log streams, but maximum allowed "
                           f"concurrency is {opts['max-log-requests']}, use --max-log-requests to increase the "
                           "limit")
    kubelet = kubelet_of(ctx)
    limit = opts["limit-bytes"] or -1
    streams: list[Stream] = []
    for pod, container in targets:
        prefix = f"[pod/{pod['metadata']['name']}/{container}] " if prefix_all else ""
        try:
            lines = kubelet.logs(pod, container, previous=opts["previous"])
        except LogError as e:
            if opts["ignore-errors"] and len(targets) > 1:
                ctx.write(f"error: {e}\n")
                continue
            raise errors.bad_request(str(e)) from None
        shown = _select(lines, o["tail"], since)
        text = render(shown, opts["timestamps"], prefix)
        if limit >= 0:
            text = text[:limit]
            limit -= len(text)
        ctx.write(text)
        cs = _status(pod, container) or {}
        if follow and not opts["previous"] and "running" in (cs.get("state") or {}) and limit != 0:
            s = Stream(pod["metadata"].get("namespace", ""), pod["metadata"]["name"], pod["metadata"]["uid"],
                       container, cs.get("containerID", ""), prefix)
            s.mark(lines)
            streams.append(s)
    if streams:
        return FollowLogs(streams, opts["timestamps"], ctx.now, limit)
    return 0


FLAGS = [
    Flag("all-containers", BOOL, False, help="Get all containers' logs in the pod(s)."),
    Flag("all-pods", BOOL, False, help="Get logs from all pod(s). Sets prefix to true."),
    Flag("container", STRING, "", "c", "Print the logs of this container"),
    Flag("follow", BOOL, False, "f", "Specify if the logs should be streamed."),
    Flag("ignore-errors", BOOL, False, help="If watching / following pod logs, allow for any errors that occur to "
         "be non-fatal"),
    Flag("insecure-skip-tls-verify-backend", BOOL, False, help="Skip verifying the identity of the kubelet that "
         "logs are requested from.  In theory, an attacker could provide invalid log content back. You might want "
         "to use this if your kubelet serving certificates have expired."),
    Flag("limit-bytes", INT, 0, help="Maximum bytes of logs to return. Defaults to no limit."),
    Flag("max-log-requests", INT, 5, help="Specify maximum number of concurrent logs to follow when using by a "
         "selector. Defaults to 5."),
    Flag("pod-running-timeout", DURATION, 20, help="The length of time (like 5s, 2m, or 3h, higher than zero) to "
         "wait until at least one pod is running"),
    Flag("prefix", BOOL, False, help="Prefix each log line with the log source (pod name and container name)"),
    Flag("previous", BOOL, False, "p", "If true, print the logs for the previous instance of the container in a "
         "pod if it exists."),
    Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
         "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
         "specified label constraints."),
    Flag("since", DURATION, 0, help="Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults "
         "to all logs. Only one of since-time / since may be used."),
    Flag("since-time", STRING, "", help="Only return logs after a specific date (RFC3339). Defaults to all logs. "
         "Only one of since-time / since may be used."),
    Flag("tail", INT, -1, help="Lines of recent log file to display. Defaults to -1 with no selector, showing all "
         "log lines otherwise 10, if a selector is provided."),
    Flag("timestamps", BOOL, False, help="Include timestamps on each line in the log output"),
]

EXAMPLES = """# Return snapshot logs from pod nginx with only one container
kubectl logs nginx

# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
kubectl logs nginx --prefix

# Return snapshot logs from pod nginx, limiting output to 500 bytes
kubectl logs nginx --limit-bytes=500

# Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
kubectl logs nginx --pod-running-timeout=20s

# Return snapshot logs from pod nginx with multi containers
kubectl logs nginx --all-containers=true

# Return snapshot logs from all pods in the deployment nginx
kubectl logs deployment/nginx --all-pods=true

# Return snapshot logs from all containers in pods defined by label app=nginx
kubectl logs -l app=nginx --all-containers=true

# Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
kubectl logs -l app=nginx --max-log-requests=10

# Return snapshot of previous terminated ruby container logs from pod web-1
kubectl logs -p -c ruby web-1

# Begin streaming the logs from pod nginx, continuing even if errors occur
kubectl logs nginx -f --ignore-errors=true

# Begin streaming the logs of the ruby container in pod web-1
kubectl logs -f -c ruby web-1

# Begin streaming the logs from all containers in pods defined by label app=nginx
kubectl logs -f -l app=nginx --all-containers=true

# Display only the most recent 20 lines of output in pod nginx
kubectl logs --tail=20 nginx

# Show all logs from pod nginx written in the last hour
kubectl logs --since=1h nginx

# Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true

# Show logs from a kubelet with an expired serving certificate
kubectl logs --insecure-skip-tls-verify-backend nginx

# Return snapshot logs from first container of a job named hello
kubectl logs job/hello

# Return snapshot logs from container nginx-1 of a deployment named nginx
kubectl logs deployment/nginx -c nginx-1"""

COMMAND = Command(
    "logs", "Print the logs for a container in a pod", f"kubectl {USAGE} [options]", run, flags=FLAGS,
    long="Print the logs for a container in a pod or specified resource. If the pod has only one container, the "
         "container name is optional.",
    examples=EXAMPLES, group="Troubleshooting and Debugging Commands")
