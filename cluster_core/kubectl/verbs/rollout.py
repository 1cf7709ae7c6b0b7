"""``kubectl rollout``: ``status`` of a Deployment or DaemonSet; the other subcommands are listed only.

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


def _unavailable(name: str) -> Any:
    def run_it(ctx: Any, opts: Any) -> int:
        raise CommandError(f"kubectl rollout {name} is not available in this playground")
    return run_it


_OTHERS = (
    ("history", "View rollout history", "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
     "View previous rollout revisions and configurations."),
    ("pause", "Mark the provided resource as paused", "kubectl rollout pause RESOURCE [options]",
     "Mark the provided resource as paused."),
    ("restart", "Restart a resource", "kubectl rollout restart RESOURCE [options]", "Restart a resource."),
    ("resume", "Resume a paused resource", "kubectl rollout resume RESOURCE [options]", "Resume a paused resource."),
    ("undo", "Undo a previous rollout", "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]",
     "Roll back to a previous rollout."),
)

SUBCOMMANDS: dict[str, Command] = {"status": STATUS}
for _name, _short, _usage, _long in _OTHERS:
    SUBCOMMANDS[_name] = Command(_name, _short, _usage, _unavailable(_name),
                                 long=f"{_long}\n\n This playground does not simulate it.", available=False)


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
