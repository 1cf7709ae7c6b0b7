"""``kubectl rollout``: ``status`` of a Deployment or DaemonSet; ``history``, ``undo``, ``restart``,
``pause`` and ``resume`` of a Deployment (``restart`` of a DaemonSet too).

``history`` and ``undo`` follow polymorphichelpers' history.go and rollback.go: a Deployment's
revisions are its ReplicaSets' ``deployment.kubernetes.io/revision`` annotations; ``--revision=N``
prints that ReplicaSet's template as printTemplate does (DescribePodTemplate with no tabwriter, so
the tabs are raw); undo copies the old template back without its pod-template-hash label, with the
ReplicaSet's annotations, and the controller then adopts that ReplicaSet as the next revision.
``restart`` sets ``kubectl.kubernetes.io/restartedAt`` on the template to the simulated now;
``pause``/``resume`` set ``spec.paused``, which the controller already honours. DaemonSet history
lives in ControllerRevisions, which this cluster does not keep: history/undo of one say so.

``rollout status`` follows kubectl 1.33's RunStatus: exactly one object (``rollout status is only
supported on individual resources...`` otherwise), a status viewer for its kind (``no status
viewer has been implemented for ReplicaSet.apps``), then a watch printing the viewer's line for
the object as first seen and again whenever it is modified, until the viewer says done. As
``kubectl get -w`` here, changes to the object at one simulated instant count once, in their final
state. ``--watch=false`` prints once; ``--timeout`` ends the watch with ``timed out waiting for the
condition``; Ctrl-C exits 1 (kubectl's interrupt handler). On a manual clock the terminal advances
time to each next change, for at most an hour of simulated time.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import map_manifest
from cluster_core.shell.jobs import LongRunning, register_long_running

HORIZON_SECONDS = 3600.0
REVISION = "deployment.kubernetes.io/revision"
COLLECTION = ("rollout status is only supported on individual resources and resource collections are not "
              "supported yet")


# ---------------------------------------------------------------- status viewers (polymorphichelpers)
def deployment_status(d: dict[str, Any], revision: int) -> tuple[str, bool]:
    """DeploymentStatusViewer.Status: (line, done); CommandError for a timed-out or other revision."""
    meta, spec, status = d["metadata"], d.get("spec") or {}, d.get("status") or {}
    name = meta["name"]
    if revision > 0:
        try:
            current = int((meta.get("annotations") or {}).get(REVISION, "0"))
        except ValueError:
            current = 0
        if current != revision:
            raise CommandError(f"desired revision ({revision}) is different from the running revision ({current})")
    if int(meta.get("generation") or 0) <= int(status.get("observedGeneration") or 0):
        for c in status.get("conditions") or ():
            if c.get("type") == "Progressing" and c.get("reason") == "ProgressDeadlineExceeded":
                raise CommandError(f'deployment "{name}" exceeded its progress deadline')
        replicas = spec.get("replicas")
        updated = int(status.get("updatedReplicas") or 0)
        if replicas is not None and updated < int(replicas):
            return (f'Waiting for deployment "{name}" rollout to finish: {updated} out of {replicas} new replicas '
                    "have been updated...\n"), False
        total = int(status.get("replicas") or 0)
        if total > updated:
            return (f'Waiting for deployment "{name}" rollout to finish: {total - updated} old replicas are '
                    "pending termination...\n"), False
        available = int(status.get("availableReplicas") or 0)
        if available < updated:
            return (f'Waiting for deployment "{name}" rollout to finish: {available} of {updated} updated replicas '
                    "are available...\n"), False
        return f'deployment "{name}" successfully rolled out\n', True
    return "Waiting for deployment spec update to be observed...\n", False


def daemonset_status(ds: dict[str, Any], revision: int) -> tuple[str, bool]:
    """DaemonSetStatusViewer.Status (the revision is ignored: DaemonSets have no history here)."""
    meta, spec, status = ds["metadata"], ds.get("spec") or {}, ds.get("status") or {}
    name = meta["name"]
    if (spec.get("updateStrategy") or {}).get("type") != "RollingUpdate":
        raise CommandError("rollout status is only available for RollingUpdate strategy type")
    if int(meta.get("generation") or 0) <= int(status.get("observedGeneration") or 0):
        desired = int(status.get("desiredNumberScheduled") or 0)
        updated = int(status.get("updatedNumberScheduled") or 0)
        if updated < desired:
            return (f'Waiting for daemon set "{name}" rollout to finish: {updated} out of {desired} new pods have '
                    "been updated...\n"), False
        available = int(status.get("numberAvailable") or 0)
        if available < desired:
            return (f'Waiting for daemon set "{name}" rollout to finish: {available} of {desired} updated pods are '
                    "available...\n"), False
        return f'daemon set "{name}" successfully rolled out\n', True
    return "Waiting for daemon set spec update to be observed...\n", False


VIEWERS = {"Deployment": deployment_status, "DaemonSet": daemonset_status}


def _group_kind(kind: str) -> str:
    rt = resources.for_kind(kind)
    return f"{kind}.{rt.group}" if rt.group else kind


def _find(ctx: Any, opts: Any) -> list[dict[str, Any]]:
    """The builder: -f files or TYPE NAME / TYPE/NAME / TYPE -l, each read from the server."""
    found: list[dict[str, Any]] = []
    if opts["filename"]:
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = map_manifest(ctx, m)
            live = ctx.server.get(t.rt.kind, t.namespace or None, t.name)
            if live is None:
                raise ApiError("NotFound", 404, f'{t.rt.qualified_plural} "{t.name}" not found')
            found.append(live)
        return found
    if not opts.args:
        raise CommandError("required resource not specified")
    for s in resource_args.parse(opts.args):
        ns = ctx.namespace if s.rt.namespaced else None
        if s.names:
            for n in s.names:
                live = ctx.server.get(s.rt.kind, ns, n)
                if live is None:
                    raise ApiError("NotFound", 404, f'{s.rt.qualified_plural} "{n}" not found')
                found.append(live)
        else:
            found.extend(ctx.server.list(s.rt.kind, ns, opts["selector"] or None))
    return found


def run_status(ctx: Any, opts: Any) -> Any:
    if opts["kustomize"]:
        raise CommandError("kustomize is not available in this playground")
    infos = _find(ctx, opts)
    if len(infos) != 1:
        raise CommandError(COLLECTION)
    obj = infos[0]
    viewer = VIEWERS.get(obj["kind"])
    if viewer is None:
        raise CommandError(f"no status viewer has been implemented for {_group_kind(obj['kind'])}")
    return RolloutStatus.start(ctx, obj, opts["revision"], opts["watch"], opts["timeout"])


@register_long_running
class RolloutStatus(LongRunning):
    """One ``rollout status`` watch: the object, the revision pinned, the last change seen, the deadline."""

    kind = "kubectl.rollout-status"

    def __init__(self, state: dict[str, Any]) -> None:
        self.s = state

    @classmethod
    def start(cls, ctx: Any, obj: dict[str, Any], revision: int, watch: bool, timeout: float) -> Any:
        meta = obj["metadata"]
        state = {"kind": obj["kind"], "ns": meta.get("namespace", ""), "name": meta["name"], "uid": meta["uid"],
                 "revision": revision, "rv": ctx.server.resource_version,
                 "timeout": ctx.now + timeout if timeout > 0 else None, "until": ctx.now + HORIZON_SECONDS}
        runner = cls(state)
        done = runner._show(ctx, obj)
        if done is not None:
            return done
        if not watch:
            return 0
        return runner

    def to_state(self) -> dict[str, Any]:
        return self.s

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> RolloutStatus:
        return cls(state)

    def interrupt(self, ctx: Any) -> int:
        return 1  # kubectl's interrupt handler exits 1 after Ctrl-C

    def _show(self, out: Any, obj: dict[str, Any]) -> int | None:
        try:
            line, done = VIEWERS[self.s["kind"]](obj, self.s["revision"])
        except CommandError as e:
            out.write_err(f"error: {e}\n")
            return 1
        out.write(line)
        return 0 if done else None

    def poll(self, ctx: Any) -> int | None:
        server = ctx.host.server
        ns, name = self.s["ns"] or None, self.s["name"]
        changed = any(rv > self.s["rv"] and kind == self.s["kind"] and obj["metadata"]["name"] == name
                      and obj["metadata"].get("namespace", "") == self.s["ns"]
                      for rv, _, kind, obj in server.changes)
        self.s["rv"] = server.resource_version
        live = server.ref(self.s["kind"], ns, name)
        if live is None or live["metadata"].get("uid") != self.s["uid"]:
            ctx.write_err("error: object has been deleted\n")
            return 1
        if changed:
            done = self._show(ctx, live)
            if done is not None:
                return done
        if self.s["timeout"] is not None and ctx.host.clock.now >= self.s["timeout"]:
            ctx.write_err("error: timed out waiting for the condition\n")
            return 1
        return None

    def wake_at(self, ctx: Any) -> float | None:
        nxt = ctx.host.clock.peek()
        limit = self.s["timeout"] if self.s["timeout"] is not None else self.s["until"]
        if self.s["timeout"] is not None and (nxt is None or nxt > limit):
            return limit
        if nxt is None or nxt > limit:
            return None
        return nxt


STATUS = Command(
    "status", "Show the status of the rollout", "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
    run_status,
    flags=[Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource "
                "to get from a server."),
           Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used "
                "together with -f or -R."),
           Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful "
                "when you want to manage related manifests organized within the same directory."),
           Flag("revision", INT, 0, help="Pin to a specific revision for showing its status. Defaults to 0 (last "
                "revision)."),
           Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
                "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of "
                "the specified label constraints."),
           Flag("timeout", DURATION, 0.0, help="The length of time to wait before ending watch, zero means never. "
                "Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."),
           Flag("watch", BOOL, True, "w", "Watch the status of the rollout until it's done.")],
    long="Show the status of the rollout.\n\n"
         " By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't "
         "want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts "
         "in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a "
         "specific revision and abort if it is rolled over by another revision, use --revision=N where N is the "
         "revision you need to watch for.",
    examples="# Watch the rollout status of a deployment\nkubectl rollout status deployment/nginx")


# ---------------------------------------------------------------- history, undo, restart, pause, resume
HASH_LABEL = "pod-template-hash"
CHANGE_CAUSE = "kubernetes.io/change-cause"
RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"
# rollback.go's annotationsToSkip: kept from the Deployment, never copied back from the ReplicaSet.
SKIP_ANNOTATIONS = ("kubectl.kubernetes.io/last-applied-configuration", REVISION,
                    "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                    "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to")
DS_HISTORY = "kubectl rollout {verb} of a DaemonSet is not available in this playground (no ControllerRevisions)"


class _RawWriter:
    """describe's PrefixWriter into a plain buffer: printTemplate never runs a tabwriter, so the
    tabs stay as they are (kubectl's ``rollout history --revision`` shows them raw)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, level: int, text: str) -> None:
        if "\x1b" in text or "\r" in text:
            text = text.replace("\x1b", "^[").replace("\r", "\\r")
        self.parts.append("  " * level + text if level else text)

    def line(self, text: str) -> None:
        self.write(0, text + "\n")

    def flush(self) -> None:
        pass


def print_template(template: dict[str, Any]) -> str:
    """history.go's printTemplate: DescribePodTemplate into a buffer, tabs untouched."""
    from cluster_core.kubectl.describe.podspec import describe_pod_template

    w = _RawWriter()
    describe_pod_template(w, template)  # type: ignore[arg-type]
    return "".join(w.parts)


def _revision(rs: dict[str, Any]) -> int | None:
    try:
        return int((rs["metadata"].get("annotations") or {}).get(REVISION, ""))
    except ValueError:
        return None


def replica_sets(ctx: Any, d: dict[str, Any]) -> list[dict[str, Any]]:
    """GetAllReplicaSets: the ReplicaSets this Deployment controls, oldest first."""
    uid = d["metadata"].get("uid")
    out = []
    for rs in ctx.server.list("ReplicaSet", d["metadata"]["namespace"]):
        owners = rs["metadata"].get("ownerReferences") or []
        if any(o.get("uid") == uid and o.get("controller") for o in owners):
            out.append(rs)
    return out


def _no_viewer(what: str, obj: dict[str, Any]) -> CommandError:
    return CommandError(f'no {what} has been implemented for "{_group_kind(obj["kind"])}"')


def _history(ctx: Any, d: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """revision -> ReplicaSet (GetHistory)."""
    out: dict[int, dict[str, Any]] = {}
    for rs in replica_sets(ctx, d):
        v = _revision(rs)
        if v is not None:
            out[v] = rs
    return out


def view_history(ctx: Any, d: dict[str, Any], revision: int) -> str:
    """DeploymentHistoryViewer.ViewHistory: the REVISION/CHANGE-CAUSE table, or one revision's template."""
    from cluster_core.kubectl.describe.common import Writer

    info: dict[int, dict[str, Any]] = {}
    for v, rs in _history(ctx, d).items():
        template = copy_obj((rs.get("spec") or {}).get("template") or {})
        cause = (rs["metadata"].get("annotations") or {}).get(CHANGE_CAUSE, "")
        annotations = template.setdefault("metadata", {}).setdefault("annotations", {})
        if cause:
            annotations[CHANGE_CAUSE] = cause
        info[v] = template
    if not info:
        return "No rollout history found."
    if revision > 0:
        if revision not in info:
            raise CommandError("unable to find the specified revision")
        return print_template(info[revision])
    w = Writer()
    w.write(0, "REVISION\tCHANGE-CAUSE\n")
    for v in sorted(info):
        cause = info[v]["metadata"]["annotations"].get(CHANGE_CAUSE) or "<none>"
        w.write(0, f"{v}\t{cause}\n")
    return w.text()


def _name_line(obj: dict[str, Any], operation: str) -> str:
    return f"{resources.for_kind(obj['kind']).qualified_kind}/{obj['metadata']['name']} {operation}\n"


def _printed(ctx: Any, printer: Any, obj: dict[str, Any], operation: str, output: str) -> None:
    if output:
        printer.print(obj)
    else:
        ctx.write(_name_line(obj, operation))


def run_history(ctx: Any, opts: Any) -> int:
    from cluster_core.kubectl.output import ObjectPrinter, check_print_format

    if not opts.args and not opts["filename"] and not opts["kustomize"]:
        raise CommandError("required resource not specified")
    if opts["revision"] < 0:
        raise CommandError(f"revision must be a positive integer: {opts['revision']}")
    check_print_format(opts["output"])
    if opts["kustomize"]:
        raise CommandError("kustomize is not available in this playground")
    printer = ObjectPrinter(ctx, opts["output"])
    for obj in _find(ctx, opts):
        if obj["kind"] == "DaemonSet":
            raise CommandError(DS_HISTORY.format(verb="history"))
        if obj["kind"] != "Deployment":
            raise _no_viewer("history viewer", obj)
        if opts["output"]:
            history = _history(ctx, obj)
            if opts["revision"] > 0:
                if opts["revision"] not in history:
                    raise CommandError("unable to find the specified revision")
                printer.print(history[opts["revision"]])
            else:
                for v in sorted(history):
                    printer.print(history[v])
            continue
        text = view_history(ctx, obj, opts["revision"])
        with_revision = f"with revision #{opts['revision']}" if opts["revision"] > 0 else ""
        ctx.write(_name_line(obj, f"{with_revision}\n{text}"))
    return 0


def rollback(ctx: Any, d: dict[str, Any], to_revision: int, mode: str) -> str:
    """DeploymentRollbacker.Rollback: the old ReplicaSet's template (hash label dropped) and its
    annotations back into the Deployment; the result kubectl prints after the name."""
    from cluster_core.sim.controllers.deployment import equal_ignore_hash

    if to_revision < 0:
        raise CommandError(f"unable to find specified revision {to_revision} in history")
    name = d["metadata"]["name"]
    latest: tuple[int, dict[str, Any] | None] = (-1, None)
    previous: tuple[int, dict[str, Any] | None] = (-1, None)
    target = None
    for rs in replica_sets(ctx, d):
        v = _revision(rs)
        if v is None:
            continue
        if to_revision == 0:
            if latest[0] < v:
                previous, latest = latest, (v, rs)
            elif previous[0] < v:
                previous = (v, rs)
        elif v == to_revision:
            target = rs
            break
    if to_revision > 0 and target is None:
        raise CommandError(f"unable to find specified revision {to_revision} in history")
    if to_revision == 0:
        target = previous[1]
        if target is None:
            raise CommandError(f'no rollout history found for deployment "{name}"')
    assert target is not None
    template = copy_obj(target["spec"]["template"])
    if mode == "client":
        return print_template(template)
    spec = d.get("spec") or {}
    if spec.get("paused"):
        raise CommandError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume "
                           f"deployment/{name}' and try again")
    if equal_ignore_hash(template, spec.get("template") or {}):
        return f"skipped rollback (current template already matches revision {to_revision})"
    labels = (template.get("metadata") or {}).get("labels")
    if labels:
        labels.pop(HASH_LABEL, None)
    current = d["metadata"].get("annotations") or {}
    annotations = {k: current[k] for k in SKIP_ANNOTATIONS if k in current}
    annotations.update({k: v for k, v in (target["metadata"].get("annotations") or {}).items()
                        if k not in SKIP_ANNOTATIONS})
    updated = copy_obj(d)
    updated["spec"]["template"] = template
    updated["metadata"]["annotations"] = annotations
    if not annotations:
        updated["metadata"].pop("annotations")
    updated["metadata"].pop("resourceVersion", None)
    try:
        ctx.pg.cluster.update(updated, dry_run=mode == "server")
    except ApiError as e:
        raise CommandError(f"failed restoring revision {to_revision}: {e}") from None
    return "rolled back"


def run_undo(ctx: Any, opts: Any) -> int:
    from cluster_core.kubectl.objects import dry_run_mode, suffix
    from cluster_core.kubectl.output import ObjectPrinter, check_print_format

    mode = dry_run_mode(opts["dry-run"], ctx)
    check_print_format(opts["output"])
    if not opts.args and not opts["filename"] and not opts["kustomize"]:
        raise CommandError("required resource not specified")
    if opts["kustomize"]:
        raise CommandError("kustomize is not available in this playground")
    printer = ObjectPrinter(ctx, opts["output"])
    for obj in _find(ctx, opts):
        if obj["kind"] == "DaemonSet":
            raise CommandError(DS_HISTORY.format(verb="undo"))
        if obj["kind"] != "Deployment":
            raise _no_viewer("rollbacker", obj)
        result = rollback(ctx, obj, opts["to-revision"], mode)
        _printed(ctx, printer, obj, result + suffix(mode), opts["output"])
    return 0


def _restart(ctx: Any, obj: dict[str, Any]) -> dict[str, Any]:
    """objectRestarter: a restartedAt annotation on the template (not for a paused Deployment)."""
    if obj["kind"] not in ("Deployment", "DaemonSet"):
        raise CommandError("restarting is not supported")
    if obj["kind"] == "Deployment" and (obj.get("spec") or {}).get("paused"):
        raise CommandError("can't restart paused deployment (run rollout resume first)")
    from cluster_core.timeutil import rfc3339

    meta = obj["spec"].setdefault("template", {}).setdefault("metadata", {})
    meta.setdefault("annotations", {})[RESTARTED_AT] = rfc3339(ctx.now)
    return obj


def _pause(paused: bool) -> Any:
    def change(ctx: Any, obj: dict[str, Any]) -> dict[str, Any]:
        """objectPauser / objectResumer: spec.paused, Deployments only."""
        if obj["kind"] != "Deployment":
            raise CommandError("pausing is not supported" if paused else "resuming is not supported")
        if bool((obj.get("spec") or {}).get("paused")) == paused:
            raise CommandError("is already paused" if paused else "is not paused")
        if paused:
            obj["spec"]["paused"] = True
        else:
            obj["spec"].pop("paused", None)
        return obj
    return change


def _patching(change: Any, word: str) -> Any:
    """restart/pause/resume: CalculatePatches with the change, errors collected per object."""
    def run_it(ctx: Any, opts: Any) -> int:
        from cluster_core.kubectl.command import CommandErrors
        from cluster_core.kubectl.output import ObjectPrinter, check_print_format

        check_print_format(opts["output"])
        if not opts.args and not opts["filename"] and not opts["kustomize"]:
            raise CommandError("required resource not specified")
        if opts["kustomize"]:
            raise CommandError("kustomize is not available in this playground")
        printer = ObjectPrinter(ctx, opts["output"])
        errors: list[Exception] = []
        for live in _find(ctx, opts):
            rt = resources.for_kind(live["kind"])
            try:
                obj = change(ctx, copy_obj(live))
            except CommandError as e:
                errors.append(CommandError(f'error: {rt.qualified_plural} "{live["metadata"]["name"]}" {e}'))
                continue
            obj["metadata"].pop("resourceVersion", None)
            try:
                result = ctx.pg.cluster.update(obj)
            except ApiError as e:
                errors.append(CommandError(f"failed to patch: {e}"))
                continue
            _printed(ctx, printer, result, word, opts["output"])
        if errors:
            raise CommandErrors(errors)
        return 0
    return run_it


def _print_flags() -> list[Flag]:
    from cluster_core.kubectl.print_flags import print_flags

    return print_flags()


_FILE_FLAGS = [
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource to get "
         "from a server."),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together with "
         "-f or -R."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
         "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
         "specified label constraints."),
]
_DRY_RUN = Flag("dry-run", STRING, "none", no_opt="unchanged", help='Must be "none", "server", or "client". If '
                "client strategy, only print the object that would be sent, without sending it. If server "
                "strategy, submit server-side request without persisting the resource.")
_FIELD_MANAGER = Flag("field-manager", STRING, "kubectl-rollout", help="Name of the manager used to track field "
                      "ownership.")

HISTORY = Command(
    "history", "View rollout history", "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
    run_history,
    flags=[*_print_flags(), *_FILE_FLAGS,
           Flag("revision", INT, 0, help="See the details, including podTemplate of the revision specified")],
    long="View previous rollout revisions and configurations.",
    examples="# View the rollout history of a deployment\nkubectl rollout history deployment/abc\n\n"
             "# View the details of daemonset revision 3\nkubectl rollout history daemonset/abc --revision=3")

UNDO = Command(
    "undo", "Undo a previous rollout", "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]", run_undo,
    flags=[*_print_flags(), _DRY_RUN, *_FILE_FLAGS,
           Flag("to-revision", INT, 0, help="The revision to rollback to. Default to 0 (last revision).")],
    long="Roll back to a previous rollout.",
    examples="# Roll back to the previous deployment\nkubectl rollout undo deployment/abc\n\n"
             "# Roll back to daemonset revision 3\nkubectl rollout undo daemonset/abc --to-revision=3\n\n"
             "# Roll back to the previous deployment with dry-run\n"
             "kubectl rollout undo --dry-run=server deployment/abc")

RESTART = Command(
    "restart", "Restart a resource", "kubectl rollout restart RESOURCE [options]", _patching(_restart, "restarted"),
    flags=[*_print_flags(), _FIELD_MANAGER, *_FILE_FLAGS],
    long="Restart a resource.\n\n        Resource rollout will be restarted.",
    examples="# Restart all deployments in the test-namespace namespace\n"
             "kubectl rollout restart deployment -n test-namespace\n\n"
             "# Restart a deployment\nkubectl rollout restart deployment/nginx\n\n"
             "# Restart a daemon set\nkubectl rollout restart daemonset/abc\n\n"
             "# Restart deployments with the app=nginx label\n"
             "kubectl rollout restart deployment --selector=app=nginx")

PAUSE = Command(
    "pause", "Mark the provided resource as paused", "kubectl rollout pause RESOURCE [options]",
    _patching(_pause(True), "paused"), flags=[*_print_flags(), _FIELD_MANAGER, *_FILE_FLAGS],
    long="Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use "
         '"kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.',
    examples="# Mark the nginx deployment as paused\n# Any current state of the deployment will continue its "
             "function; new updates\n# to the deployment will not have an effect as long as the deployment is "
             "paused\nkubectl rollout pause deployment/nginx")

RESUME = Command(
    "resume", "Resume a paused resource", "kubectl rollout resume RESOURCE [options]",
    _patching(_pause(False), "resumed"), flags=[*_print_flags(), _FIELD_MANAGER, *_FILE_FLAGS],
    long="Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a "
         "resource, we allow it to be reconciled again. Currently only deployments support being resumed.",
    examples="# Resume an already paused deployment\nkubectl rollout resume deployment/nginx")

SUBCOMMANDS: dict[str, Command] = {"history": HISTORY, "pause": PAUSE, "restart": RESTART, "resume": RESUME,
                                   "status": STATUS, "undo": UNDO}


def _root(ctx: Any, opts: Any) -> int:
    if opts.args:
        raise UsageError(f'unknown command "{opts.args[0]}"')
    ctx.write(COMMAND.help_text("rollout"))
    return 1


COMMAND = Command(
    "rollout", "Manage the rollout of a resource", "kubectl rollout SUBCOMMAND [options]", _root,
    long="Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n"
         "  *  deployments\n  *  daemonsets\n  *  statefulsets",
    examples="# Rollback to the previous deployment\nkubectl rollout undo deployment/abc\n\n"
             "# Check the rollout status of a daemonset\nkubectl rollout status daemonset/foo\n\n"
             "# Restart a deployment\nkubectl rollout restart deployment/abc\n\n"
             "# Restart deployments with the 'app=nginx' label\n"
             "kubectl rollout restart deployment --selector=app=nginx",
    group="Deploy Commands", subcommands=SUBCOMMANDS)
