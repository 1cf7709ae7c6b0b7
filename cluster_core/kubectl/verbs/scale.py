"""``kubectl scale --replicas=N TYPE NAME``: a new size through the object's scale subresource.

Only Deployments and ReplicaSets have a scale subresource among our kinds; for the others (pods, DaemonSets, Jobs)
the server answers ``the server could not find the requested resource``, as a real one does.
``--current-replicas`` and ``--resource-version`` are checked first (``Expected replicas to be 3,
was 2``); ``--timeout`` waits until the ReplicaSet reports the new size before printing.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.objects import map_manifest
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.verbs.replace import print_result
from cluster_core.kubectl.waiting import StepRunner
from cluster_core.shell.jobs import register_long_running

SCALABLE = ("Deployment", "ReplicaSet")
NO_SCALE = "the server could not find the requested resource"


def _infos(ctx: Any, opts: Any) -> tuple[list[dict[str, Any]], str]:
    """The builder's result: live objects, and the first lookup error (NotFound) as kubectl words it."""
    from cluster_core.kubectl.verbs.delete import NO_RESOURCES

    found: list[dict[str, Any]] = []
    error = ""
    if opts["filename"]:
        if opts.args:
            raise CommandError("Unexpected args: [" + " ".join(opts.args) + "]")
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = map_manifest(ctx, m)
            live = ctx.server.get(t.rt.kind, t.namespace or None, t.name)
            if live is None:
                error = error or f'{t.rt.qualified_plural} "{t.name}" not found'
            else:
                found.append(live)
        return found, error
    if not opts.args:
        raise CommandError(NO_RESOURCES)
    sels = resource_args.parse(opts.args)
    has_names = any(s.names for s in sels)
    if has_names and (opts["selector"] or opts["all"]):
        raise CommandError("name cannot be provided when a selector is specified")
    if not has_names and not (opts["selector"] or opts["all"]):
        raise CommandError("resource(s) were provided, but no name was specified")
    for s in sels:
        ns = ctx.namespace if s.rt.namespaced else None
        if s.names:
            for n in s.names:
                live = ctx.server.get(s.rt.kind, ns, n)
                if live is None:
                    error = error or f'{s.rt.qualified_plural} "{n}" not found'
                else:
                    found.append(live)
        else:
            try:
                found.extend(ctx.server.list(s.rt.kind, ns, opts["selector"] or None))
            except ApiError as e:
                raise CommandError(render_api_error(e).rstrip("\n")) from None
    return found, error


def _scale(ctx: Any, live: dict[str, Any], replicas: int, current: int, version: str, dry_run: bool) -> dict[str, Any]:
    """The scale subresource: preconditions, then the new spec.replicas (a no-op write changes nothing)."""
    if live["kind"] not in SCALABLE:
        raise ApiError("NotFound", 404, NO_SCALE)
    size = int((live.get("spec") or {}).get("replicas", 1))
    if current != -1 and size != current:
        raise CommandError(f"Expected replicas to be {current}, was {size}")
    rv = live["metadata"].get("resourceVersion", "")
    if version and rv != version:
        raise CommandError(f"Expected resource version to be {version}, was {rv}")
    if size == replicas:
        return live
    updated = copy_obj(live)
    updated["spec"]["replicas"] = replicas
    updated["metadata"].pop("resourceVersion", None)
    return ctx.pg.cluster.update(updated, dry_run=dry_run)


def run(ctx: Any, opts: Any) -> Any:
    from cluster_core.kubectl.verbs.run import check_output_format, dry_run_strategy, suffix

    if not opts.was_set("replicas"):
        raise CommandError('required flag(s) "replicas" not set')
    mode = dry_run_strategy(ctx, opts["dry-run"])
    check_output_format(opts["output"])
    if opts["replicas"] < 0:
        raise CommandError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
    if opts["current-replicas"] < -1:
        raise CommandError("The --current-replicas must specify an integer of -1 or greater")
    infos, info_error = _infos(ctx, opts)
    if opts["resource-version"] and len(infos) > 1:
        raise CommandError("cannot use --resource-version with multiple resources")
    if not infos:
        raise CommandError("no objects passed to scale" + (f" {info_error}" if info_error else ""))
    waiting: list[dict[str, Any]] = []
    for live in infos:
        rt = resources.BY_KIND[live["kind"]]
        if mode == "client":
            shown = copy_obj(live)
            shown.setdefault("spec", {})["replicas"] = opts["replicas"]
            print_result(ctx, shown, "scaled" + suffix(mode), opts["output"])
            continue
        try:
            result = _scale(ctx, live, opts["replicas"], opts["current-replicas"], opts["resource-version"],
                            mode == "server")
        except ApiError as e:
            ctx.write_err(render_api_error(e))
            return 1
        shown = copy_obj(live if mode == "server" else result)
        shown.setdefault("spec", {})["replicas"] = opts["replicas"]
        item = {"kind": rt.kind, "ns": live["metadata"].get("namespace", ""), "name": live["metadata"]["name"],
                "replicas": opts["replicas"], "obj": shown, "word": "scaled" + suffix(mode)}
        if opts["timeout"] and mode == "none":
            waiting.append(item)
            continue
        print_result(ctx, shown, item["word"], opts["output"])
    if info_error:
        ctx.write_err(f"Error from server (NotFound): {info_error}\n")
    code = 1 if info_error else 0
    if waiting:
        return WaitForScale.start(ctx, waiting, opts["output"], opts["timeout"], code)
    return code


def _synced(host: Any, item: dict[str, Any]) -> bool:
    """scaleHasDesiredReplicas: the controller saw the new size and reports that many replicas."""
    obj = host.server.ref(item["kind"], item["ns"] or None, item["name"])
    if obj is None:
        return True
    status = obj.get("status") or {}
    return (int(status.get("observedGeneration", 0)) >= int(obj["metadata"].get("generation", 0))
            and int(status.get("replicas", 0)) == item["replicas"])


@register_long_running
class WaitForScale(StepRunner):
    """``scale --timeout``: print each ``scaled`` line once the object has the new size, in order."""

    kind = "kubectl.scale-wait"

    @classmethod
    def start(cls, ctx: Any, items: list[dict[str, Any]], output: str, timeout: float, code: int) -> Any:
        return cls.begin(ctx, {"items": items, "output": output, "deadline": ctx.now + timeout, "code": code})

    def step(self, host: Any, out: Any) -> int | None:
        while self.s["items"]:
            item = self.s["items"][0]
            if not _synced(host, item):
                if host.clock.now >= self.s["deadline"]:
                    out.write_err(f'error: timed out waiting for "{item["name"]}" to be synced\n')
                    return 1
                return None
            print_result(out, item["obj"], item["word"], self.s["output"])
            self.s["items"].pop(0)
        return self.s["code"]


_DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be '
                 "sent, without sending it. If server strategy, submit server-side request without persisting the "
                 "resource.")

FLAGS = [
    Flag("all", BOOL, False, "", "Select all resources in the namespace of the specified resource types"),
    *print_flags(),
    Flag("current-replicas", INT, -1, "", "Precondition for current size. Requires that the current size of the "
         "resource match this value in order to scale. -1 (default) for no condition."),
    Flag("dry-run", STRING, "none", "", _DRY_RUN_HELP, no_opt="unchanged"),
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource to set "
         "a new size"),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
         "with -f or -R."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("replicas", INT, 0, "", "The new desired number of replicas. Required."),
    Flag("resource-version", STRING, "", "", "Precondition for resource version. Requires that the current "
         "resource version match this value in order to scale."),
    Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
         "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
         "specified label constraints."),
    Flag("timeout", DURATION, 0.0, "", "The length of time to wait before giving up on a scale operation, zero "
         "means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."),
]

COMMAND = Command(
    "scale", "Set a new size for a deployment, replica set, or replication controller",
    "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE "
    "NAME) [options]", run, flags=FLAGS,
    long="Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n"
         " Scale also allows users to specify one or more preconditions for the scale action.\n\n"
         " If --current-replicas or --resource-version is specified, it is validated before the scale is "
         "attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.",
    examples="# Scale a replica set named 'foo' to 3\nkubectl scale --replicas=3 rs/foo\n\n"
             "# Scale a resource identified by type and name specified in \"foo.yaml\" to 3\n"
             "kubectl scale --replicas=3 -f foo.yaml\n\n"
             "# If the deployment named mysql's current size is 2, scale mysql to 3\n"
             "kubectl scale --current-replicas=2 --replicas=3 deployment/mysql\n\n"
             "# Scale multiple replication controllers\n"
             "kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3\n\n"
             "# Scale stateful set named 'web' to 3\nkubectl scale --replicas=3 statefulset/web",
    group="Deploy Commands")
