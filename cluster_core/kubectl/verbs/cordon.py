"""``kubectl cordon``, ``uncordon`` and ``drain``: a node taken out of scheduling, and emptied.

Cordon sets ``spec.unschedulable``; the node lifecycle controller of a real cluster then adds the
``node.kubernetes.io/unschedulable:NoSchedule`` taint (with ``timeAdded``), which we write in the
same update. Uncordon removes both. Drain cordons, checks the node's pods with kubectl's filters
(DaemonSet-managed, unmanaged, emptyDir, mirror pods), evicts the others, waits until each is gone
(``pod/x evicted``) and prints ``node/x drained``; the wait is a long-running command.
"""

from __future__ import annotations

from typing import Any

from cluster_core import timeutil
from cluster_core.api import selectors
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.waiting import StepRunner, gone
from cluster_core.shell.jobs import register_long_running

UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable"
MIRROR_ANNOTATIONS = ("kubernetes.io/config.mirror", "kubernetes.io/config.source")
DRAIN_TIMEOUT = 3600.0  # --timeout=0 waits forever on a real cluster; a playground gives up after an hour

DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods"
LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)"
LOCAL_STORAGE_WARNING = "deleting Pods with local storage"
UNMANAGED_FATAL = "Pods declare no controller (use --force to override)"
UNMANAGED_WARNING = "deleting Pods that declare no controller"


def _suffix(mode: str) -> str:
    return {"client": " (dry run)", "server": " (server dry run)"}.get(mode, "")


def _check_args(opts: Any, verb: str) -> None:
    if not opts.args and not opts.was_set("selector"):
        raise UsageError(f"USAGE: {verb} NODE [flags]")
    if opts.args and opts["selector"]:
        raise UsageError("cannot specify both a node name and a --selector option")


def _nodes(ctx: Any, opts: Any) -> list[dict[str, Any]]:
    """The nodes named on the command line, or those the selector matches (kubectl's Complete)."""
    if opts.args:
        out = []
        for name in opts.args:
            node = ctx.server.get("Node", None, name)
            if node is None:
                raise ApiError("NotFound", 404, f'nodes "{name}" not found')
            out.append(node)
        return out
    try:
        return ctx.server.list("Node", None, opts["selector"] or None)
    except ApiError as e:
        raise ApiError(e.reason, e.code, f'Unable to find "/v1, Resource=nodes" that match label selector '
                                         f'"{opts["selector"]}", field selector "": {e.message}') from None


def set_unschedulable(node: dict[str, Any], desired: bool, now: float) -> dict[str, Any]:
    """The node after (un)cordoning, with the lifecycle controller's taint added or removed."""
    node = copy_obj(node)
    spec = node.setdefault("spec", {})
    taints = [t for t in spec.get("taints") or [] if t.get("key") != UNSCHEDULABLE_TAINT]
    if desired:
        spec["unschedulable"] = True
        taints.append({"effect": "NoSchedule", "key": UNSCHEDULABLE_TAINT, "timeAdded": timeutil.rfc3339(now)})
    else:
        spec.pop("unschedulable", None)
    if taints:
        spec["taints"] = taints
    else:
        spec.pop("taints", None)
    node["metadata"].pop("resourceVersion", None)
    return node


def cordon_nodes(ctx: Any, nodes: list[dict[str, Any]], desired: bool, mode: str) -> None:
    """RunCordonOrUncordon: one line per node; errors are printed and the others go on."""
    verb = "cordon" if desired else "uncordon"
    for node in nodes:
        name = node["metadata"]["name"]
        if bool((node.get("spec") or {}).get("unschedulable")) == desired:
            word = "already cordoned" if desired else "already uncordoned"
            ctx.write(f"node/{name} {word}{_suffix(mode)}\n")
            continue
        if mode != "client":
            try:
                ctx.pg.cluster.update(set_unschedulable(node, desired, ctx.now), dry_run=mode == "server")
            except ApiError as e:
                ctx.write_err(f'error: unable to {verb} node "{name}": {e.message}\n')
                continue
        ctx.write(f"node/{name} {'cordoned' if desired else 'uncordoned'}{_suffix(mode)}\n")


def _make_run(desired: bool) -> Any:
    def run(ctx: Any, opts: Any) -> int:
        from cluster_core.kubectl.verbs.run import dry_run_strategy

        _check_args(opts, "cordon" if desired else "uncordon")
        mode = dry_run_strategy(ctx, opts["dry-run"])
        cordon_nodes(ctx, _nodes(ctx, opts), desired, mode)
        return 0

    return run


# ---------------------------------------------------------------- drain
def _controller(pod: dict[str, Any]) -> dict[str, Any] | None:
    for ref in pod["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            return ref
    return None


def pods_for_deletion(ctx: Any, node: str, opts: Any) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """GetPodsForDeletion: the pods to evict, the warnings, and the errors (kubectl's filters, in order)."""
    pods = ctx.server.list("Pod", None, opts["pod-selector"] or None)
    pods = [p for p in pods if (p.get("spec") or {}).get("nodeName") == node]
    delete: list[dict[str, Any]] = []
    warnings: dict[str, list[str]] = {}
    errors: dict[str, list[str]] = {}
    for pod in pods:
        ident = f"{pod['metadata'].get('namespace', '')}/{pod['metadata']['name']}"
        annotations = pod["metadata"].get("annotations") or {}
        ref = _controller(pod)
        finished = (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed")
        if ref is not None and ref.get("kind") == "DaemonSet":
            if opts["ignore-daemonsets"]:
                warnings.setdefault(DAEMONSET_WARNING, []).append(ident)
            else:
                errors.setdefault(DAEMONSET_FATAL, []).append(ident)
            continue
        if any(a in annotations for a in MIRROR_ANNOTATIONS):
            continue
        if not finished and any("emptyDir" in v for v in (pod.get("spec") or {}).get("volumes") or []):
            if not opts["delete-emptydir-data"]:
                errors.setdefault(LOCAL_STORAGE_FATAL, []).append(ident)
                continue
            warnings.setdefault(LOCAL_STORAGE_WARNING, []).append(ident)
        if ref is None and not finished:
            if not opts["force"]:
                errors.setdefault(UNMANAGED_FATAL, []).append(ident)
                continue
            warnings.setdefault(UNMANAGED_WARNING, []).append(ident)
        delete.append(pod)
    warning_text = [f"{msg}: {', '.join(names)}" for msg, names in warnings.items()]
    error_text = [f"cannot delete {msg}: {', '.join(names)}" for msg, names in errors.items()]
    return delete, warning_text, error_text


def _aggregate(errors: list[str]) -> str:
    return errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"


def run_drain(ctx: Any, opts: Any) -> Any:
    from cluster_core.kubectl.verbs.run import dry_run_strategy

    _check_args(opts, "drain")
    mode = dry_run_strategy(ctx, opts["dry-run"])
    if opts["pod-selector"]:
        try:
            selectors.parse(opts["pod-selector"])
        except selectors.SelectorError:
            raise CommandError("--pod-selector=<pod_selector> must be a valid label selector") from None
    nodes = _nodes(ctx, opts)
    cordon_nodes(ctx, nodes, True, mode)
    plan: list[dict[str, Any]] = []
    fatal: list[str] = []
    for node in nodes:
        name = node["metadata"]["name"]
        pods, warnings, errors = pods_for_deletion(ctx, name, opts)
        if errors:
            _drain_failed(ctx, name, _aggregate(errors), fatal, [name])
            continue
        if warnings:
            ctx.write_err(f"Warning: {'; '.join(warnings)}\n")
        if mode == "client":
            for pod in pods:
                ctx.write(f"evicting pod {pod['metadata']['namespace']}/{pod['metadata']['name']} (dry run)\n")
            ctx.write(f"node/{name} drained (dry run)\n")
            continue
        evicted = []
        for pod in pods:
            meta = pod["metadata"]
            ctx.write(f"evicting pod {meta['namespace']}/{meta['name']}{_suffix(mode)}\n")
            try:
                ctx.pg.cluster.delete("Pod", meta["namespace"], meta["name"],
                                      grace_period=None if opts["grace-period"] < 0 else opts["grace-period"],
                                      dry_run=mode == "server")
            except ApiError as e:
                if e.reason != "NotFound":
                    ctx.write_err(render_api_error(e))
                continue
            evicted.append([meta["namespace"], meta["name"], meta.get("uid", "")])
        plan.append({"node": name, "pods": evicted if mode == "none" else [], "printed": [],
                     "dry": mode == "server", "evicted_dry": evicted if mode == "server" else []})
    code = 1 if fatal else 0
    if fatal and not plan:
        ctx.write_err(f"error: {fatal[-1]}\n")
        return 1
    timeout = opts["timeout"] if opts["timeout"] > 0 else DRAIN_TIMEOUT
    return DrainWait.start(ctx, plan, timeout, opts["timeout"], code, fatal[-1] if fatal else "")


def _drain_failed(ctx: Any, name: str, err: str, fatal: list[str], remaining: list[str]) -> None:
    ctx.write_err(f'error: unable to drain node "{name}" due to error: {err}, continuing command...\n')
    fatal.append(err)
    ctx.write_err("There are pending nodes to be drained:\n" + "".join(f" {n}\n" for n in remaining))


@register_long_running
class DrainWait(StepRunner):
    """Waits until each evicted pod is gone (``pod/x evicted``), then ``node/x drained``, node by node."""

    kind = "kubectl.drain-wait"

    @classmethod
    def start(cls, ctx: Any, plan: list[dict[str, Any]], timeout: float, asked: float, code: int,
              fatal: str) -> Any:
        return cls.begin(ctx, {"plan": plan, "deadline": ctx.now + timeout, "asked": asked, "code": code,
                               "fatal": fatal})

    def step(self, host: Any, out: Any) -> int | None:
        while self.s["plan"]:
            item = self.s["plan"][0]
            suffix = " (server dry run)" if item["dry"] else ""
            for _ns, name, _uid in item.get("evicted_dry", []):
                out.write(f"pod/{name} evicted{suffix}\n")
            item["evicted_dry"] = []
            left = []
            for ns, name, uid in item["pods"]:
                if gone(host, "Pod", ns, name, uid):
                    out.write(f"pod/{name} evicted\n")
                else:
                    left.append([ns, name, uid])
            item["pods"] = left
            if left:
                if host.clock.now >= self.s["deadline"]:
                    self._timed_out(out, item["node"])
                    return 1
                return None
            out.write(f"node/{item['node']} drained{suffix}\n")
            self.s["plan"].pop(0)
        if self.s["fatal"]:
            out.write_err(f"error: {self.s['fatal']}\n")
        return self.s["code"]

    def _timed_out(self, out: Any, node: str) -> None:
        asked = self.s["asked"] or DRAIN_TIMEOUT
        err = f"drain did not complete within {_go_duration(asked)}"
        out.write_err(f'error: unable to drain node "{node}" due to error: {err}, continuing command...\n'
                      f"There are pending nodes to be drained:\n {node}\nerror: {err}\n")


def _go_duration(seconds: float) -> str:
    s = int(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return (f"{h}h" if h else "") + (f"{m}m" if h or m else "") + f"{sec}s"


_DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be '
                 "sent, without sending it. If server strategy, submit server-side request without persisting the "
                 "resource.")
_SELECTOR_HELP = ("Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l "
                  "key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified "
                  "label constraints.")
_CORDON_FLAGS = [Flag("dry-run", STRING, "none", "", _DRY_RUN_HELP, no_opt="unchanged"),
                 Flag("selector", STRING, "", "l", _SELECTOR_HELP)]

CORDON = Command(
    "cordon", "Mark node as unschedulable", "kubectl cordon NODE [options]", _make_run(True),
    flags=_CORDON_FLAGS, long="Mark node as unschedulable.",
    examples='# Mark node "foo" as unschedulable\nkubectl cordon foo', group="Cluster Management Commands")

UNCORDON = Command(
    "uncordon", "Mark node as schedulable", "kubectl uncordon NODE [options]", _make_run(False),
    flags=_CORDON_FLAGS, long="Mark node as schedulable.",
    examples='# Mark node "foo" as schedulable\nkubectl uncordon foo', group="Cluster Management Commands")

DRAIN = Command(
    "drain", "Drain node in preparation for maintenance", "kubectl drain NODE [options]", run_drain,
    flags=[
        Flag("chunk-size", INT, 500, "", "Return large lists in chunks rather than all at once. Pass 0 to disable. "
             "This flag is beta and may change in the future."),
        Flag("delete-emptydir-data", BOOL, False, "", "Continue even if there are pods using emptyDir (local data "
             "that will be deleted when the node is drained)."),
        Flag("disable-eviction", BOOL, False, "", "Force drain to use delete, even if eviction is supported. This "
             "will bypass checking PodDisruptionBudgets, use with caution."),
        Flag("dry-run", STRING, "none", "", _DRY_RUN_HELP, no_opt="unchanged"),
        Flag("force", BOOL, False, "", "Continue even if there are pods that do not declare a controller."),
        Flag("grace-period", INT, -1, "", "Period of time in seconds given to each pod to terminate gracefully. If "
             "negative, the default value specified in the pod will be used."),
        Flag("ignore-daemonsets", BOOL, False, "", "Ignore DaemonSet-managed pods."),
        Flag("pod-selector", STRING, "", "", "Label selector to filter pods on the node"),
        Flag("selector", STRING, "", "l", _SELECTOR_HELP),
        Flag("skip-wait-for-delete-timeout", INT, 0, "", "If pod DeletionTimestamp older than N seconds, skip "
             "waiting for the pod.  Seconds must be greater than 0 to skip."),
        Flag("timeout", DURATION, 0.0, "", "The length of time to wait before giving up, zero means infinite"),
    ],
    long="Drain node in preparation for maintenance.\n\n The given node will be marked unschedulable to prevent new "
         "pods from arriving. 'drain' evicts the pods if the API server supports "
         "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction "
         "https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to "
         "delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted "
         "through the API server).  If there are daemon set-managed pods, drain will not proceed without "
         "--ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods "
         "would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If "
         "there are any pods that are neither mirror pods nor managed by a replication controller, replica set, "
         "daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force "
         "will also allow deletion to proceed if the managing resource of one or more pods is missing.\n\n 'drain' "
         "waits for graceful termination. You should not operate on the machine until the command completes.\n\n "
         "When you are ready to put the node back into service, use kubectl uncordon, which will make the node "
         "schedulable again.\n\nhttps://kubernetes.io/images/docs/kubectl_drain.svg "
         "Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg",
    examples='# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, '
             "daemon set, or stateful set on it\nkubectl drain foo --force\n\n"
             "# As above, but abort if there are pods not managed by a replication controller, replica set, job, "
             "daemon set, or stateful set, and use a grace period of 15 minutes\nkubectl drain foo "
             "--grace-period=900",
    group="Cluster Management Commands")

COMMANDS = [CORDON, UNCORDON, DRAIN]
