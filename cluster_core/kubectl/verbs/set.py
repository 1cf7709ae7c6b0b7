"""``kubectl set``: ``set image`` is simulated; env, resources, selector, serviceaccount and subject are
listed as kubectl 1.33 lists them and say they are not available.

``set image`` follows kubectl 1.33's set_image.go: the arguments split into resources, then
``CONTAINER=IMAGE`` pairs (``GetResourcesAndPairs``/``ParsePairs``); the builder finds every object
first (a missing one fails the whole command before anything changes); then each object's pod spec
(a Pod's own, or the template of a Deployment, ReplicaSet, DaemonSet or Job) gets the new images in
its init containers and containers (``*`` means all of them). A container that is not there is an
``error: unable to find container named "x"``, collected and printed at the end; an object whose
images did not change is skipped silently (an empty patch is never sent, so nothing is printed),
and the others are written through the API server, so a Deployment's new template bumps its
generation and the controller rolls out a new ReplicaSet.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError, CommandErrors, UsageError
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import dry_run_mode, map_manifest, suffix
from cluster_core.kubectl.output import ObjectPrinter, check_print_format
from cluster_core.kubectl.print_flags import print_flags

TEMPLATED = ("Deployment", "ReplicaSet", "DaemonSet", "Job", "StatefulSet", "ReplicationController")


def pod_spec_of(obj: dict[str, Any]) -> dict[str, Any] | None:
    """UpdatePodSpecForObject's reach: a Pod's spec or a workload's template spec (None: neither)."""
    kind = obj.get("kind")
    if kind == "Pod":
        return obj.setdefault("spec", {})
    if kind in TEMPLATED:
        return obj.setdefault("spec", {}).setdefault("template", {}).setdefault("spec", {})
    return None


def split_images(args: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """getResourcesAndImages: resources, then ``name=image`` pairs (``name-`` is an invalid pair)."""
    from cluster_core.kubectl.verbs.label import split_args

    found, pair_args = split_args(args, "image")
    invalid = [a for a in pair_args if not ("=" in a and not a.startswith("="))]
    if invalid:
        raise CommandError("invalid image format: " + ", ".join(invalid))
    images: dict[str, str] = {}
    for a in pair_args:
        k, _, v = a.partition("=")
        images[k] = v  # a later pair for the same container wins, as in ParsePairs' map
    return found, list(images.items())


def set_images(spec: dict[str, Any], images: list[tuple[str, str]]) -> list[str]:
    """setImage over init containers and containers; the names no container has."""
    missing: list[str] = []
    for name, image in images:
        found = False
        for key in ("initContainers", "containers"):
            for c in spec.get(key) or []:
                if c.get("name") == name or name == "*":
                    c["image"] = image
                    found = True
        if not found:
            missing.append(name)
    return missing


def _infos(ctx: Any, opts: Any, names: list[str]) -> list[dict[str, Any]]:
    """The builder with Latest(): every object from the server, or the first error."""
    from cluster_core.kubectl.verbs.delete import NO_RESOURCES

    found: list[dict[str, Any]] = []
    if opts["filename"]:
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = map_manifest(ctx, m)
            live = ctx.server.get(t.rt.kind, t.namespace or None, t.name)
            if live is None:
                raise ApiError("NotFound", 404, f'{t.rt.qualified_plural} "{t.name}" not found')
            found.append(live)
    if not names:
        if not opts["filename"]:
            raise CommandError(NO_RESOURCES)
        return found
    sels = resource_args.parse(names)
    has_names = any(s.names for s in sels)
    if has_names and opts["selector"]:
        raise CommandError("name cannot be provided when a selector is specified")
    if not has_names and not (opts["selector"] or opts["all"]):
        raise CommandError("resource(s) were provided, but no name was specified")
    for s in sels:
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


def run_image(ctx: Any, opts: Any) -> int:
    if opts["kustomize"]:
        raise CommandError("kustomize is not available in this playground")
    mode = dry_run_mode(opts["dry-run"], ctx)
    check_print_format(opts["output"])
    names, images = split_images(opts.args)
    if opts["local"]:
        if names:
            raise CommandError("error: you must specify resources by --filename when --local is set.\n"
                               "Example resource specifications include:\n   '-f rsrc.yaml'\n"
                               "   '--filename=rsrc.json'\n")
        raise CommandError("--local is not available in this playground")
    infos = _infos(ctx, opts, names)
    problems: list[Exception] = []
    if opts["all"] and opts["selector"]:
        problems.append(CommandError("cannot set --all and --selector at the same time"))
    if not names and not opts["filename"]:
        problems.append(CommandError("one or more resources must be specified as <resource> <name> or "
                                     "<resource>/<name>"))
    if not images:
        problems.append(CommandError("at least one image update is required"))
    elif len(images) > 1 and any(n == "*" for n, _ in images):
        problems.append(CommandError("all containers are already specified by *, but saw more than one "
                                     "container_name=container_image pairs"))
    if problems:
        raise CommandErrors(problems)
    errors: list[Exception] = []
    changed: list[dict[str, Any]] = []
    for live in infos:  # CalculatePatches first: every object's change and its errors
        obj = copy_obj(live)
        spec = pod_spec_of(obj)
        rt = resources.for_kind(obj["kind"])
        if spec is None:
            errors.append(CommandError(f"error: {rt.qualified_plural}/{obj['metadata']['name']} the object is not "
                                       f"a pod or does not have a pod template: *v1.{obj['kind']}\n"))
            continue
        errors.extend(CommandError(f'error: unable to find container named "{n}"') for n in set_images(spec, images))
        if obj != live:
            changed.append(obj)
    printer = ObjectPrinter(ctx, opts["output"])
    for obj in changed:
        if mode == "client":
            _print(ctx, printer, obj, opts["output"], mode)
            continue
        sent = copy_obj(obj)
        sent["metadata"].pop("resourceVersion", None)
        try:
            result = ctx.pg.cluster.update(sent, dry_run=mode == "server")
        except ApiError as e:
            errors.append(CommandError(f"failed to patch image update to pod template: {e}"))
            continue
        _print(ctx, printer, result, opts["output"], mode)
    if errors:
        raise CommandErrors(errors)
    return 0


def _print(ctx: Any, printer: ObjectPrinter, obj: dict[str, Any], output: str, mode: str) -> None:
    if output:
        printer.print(obj)
        return
    rt = resources.for_kind(obj["kind"])
    ctx.write(f"{rt.qualified_kind}/{obj['metadata']['name']} image updated{suffix(mode)}\n")


_DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be '
                 "sent, without sending it. If server strategy, submit server-side request without persisting the "
                 "resource.")

IMAGE = Command(
    "image", "Update the image of a pod template",
    "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... "
    "CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]", run_image,
    flags=[
        Flag("all", BOOL, False, help="Select all resources, in the namespace of the specified resource types"),
        *print_flags(),
        Flag("dry-run", STRING, "none", no_opt="unchanged", help=_DRY_RUN_HELP),
        Flag("field-manager", STRING, "kubectl-set", help="Name of the manager used to track field ownership."),
        Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource to "
             "get from a server."),
        Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
             "with -f or -R."),
        Flag("local", BOOL, False, help="If true, set image will NOT contact api-server but run locally."),
        Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when "
             "you want to manage related manifests organized within the same directory."),
        Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
             "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
             "specified label constraints."),
    ],
    long="Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n"
         "        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), "
         "cronjob (cj), replicaset (rs)",
    examples="# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to "
             "'busybox'\nkubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n\n"
             "# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n"
             "kubectl set image deployments,rc nginx=nginx:1.9.1 --all\n\n"
             "# Update image of all containers of daemonset abc to 'nginx:1.9.1'\n"
             "kubectl set image daemonset abc *=nginx:1.9.1\n\n"
             "# Print result (in yaml format) of updating nginx container image from local file, without hitting "
             "the server\nkubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml")


def _unavailable(name: str) -> Any:
    def run_it(ctx: Any, opts: Any) -> int:
        raise CommandError(f"kubectl set {name} is not available in this playground")
    return run_it


_OTHERS = (
    ("env", "Update environment variables on a pod template",
     "kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]",
     "Update environment variables on a pod template.", ()),
    ("resources", "Update resource requests/limits on objects with pod templates",
     "kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
     "Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.", ()),
    ("selector", "Set the selector on a resource",
     "kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]",
     "Set the selector on a resource.", ()),
    ("serviceaccount", "Update the service account of a resource",
     "kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]",
     "Update the service account of pod template resources.", ("sa",)),
    ("subject", "Update the user, group, or service account in a role binding or cluster role binding",
     "kubectl set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] "
     "[--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
     "Update the user, group, or service account in a role binding or cluster role binding.", ()),
)

SUBCOMMANDS: dict[str, Command] = {"image": IMAGE}
for _name, _short, _usage, _long, _aliases in _OTHERS:
    SUBCOMMANDS[_name] = Command(_name, _short, _usage, _unavailable(_name), aliases=_aliases,
                                 long=f"{_long}\n\n This playground does not simulate it.", available=False)
    for _alias in _aliases:
        SUBCOMMANDS[_alias] = SUBCOMMANDS[_name]


def _root(ctx: Any, opts: Any) -> int:
    """DefaultSubCommandRun: no arguments allowed; the help, on stderr, and exit 1."""
    if opts.args:
        raise UsageError(f'unknown command "{opts.args[0]}"')
    ctx.write_err(COMMAND.help_text("set"))
    return 1


COMMAND = Command(
    "set", "Set specific features on objects", "kubectl set SUBCOMMAND [options]", _root,
    long="Configure application resources.\n\n These commands help you make changes to existing application "
         "resources.",
    group="Basic Commands (Beginner)", subcommands=SUBCOMMANDS)
