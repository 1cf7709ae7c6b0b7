"""``kubectl label`` and ``kubectl annotate``: add (``k=v``), overwrite (``--overwrite``), remove (``k-``).

As kubectl 1.33's label.go and annotate.go: the arguments split into resources, then changes
(``GetResourcesAndPairs``); label values are checked on the client (``invalid label value``), keys
by the server's validation of the updated object. Every object is visited in turn and each
failure collected (one per object), so ``label pods --all env=x`` reports every pod that already
has another ``env``. The message after each object compares its JSON before and after, as kubectl
does: ``labeled``, ``unlabeled`` (smaller, without --overwrite) or ``not labeled``; ``label "x" not
found.`` goes to stdout, before it.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import names
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import resource_args
from cluster_core.kubectl.command import Command, CommandError, CommandErrors
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import NamespaceMismatch, dry_run_mode, require_name, suffix, visit_files
from cluster_core.kubectl.output import ObjectPrinter, check_print_format
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.printers.gofmt import to_json


def split_args(args: list[str], what: str) -> tuple[list[str], list[str]]:
    """cmdutil.GetResourcesAndPairs: resources first, then ``k=v`` / ``k-`` changes."""
    resources: list[str] = []
    pairs: list[str] = []
    for a in args:
        change = ("=" in a and not a.startswith("=")) or (a.endswith("-") and a != "-")
        if change:
            pairs.append(a)
        elif pairs:
            raise CommandError(f"all resources must be specified before {what} changes: {a}")
        else:
            resources.append(a)
    return resources, pairs


def parse_labels(specs: list[str]) -> tuple[dict[str, str], list[str]]:
    """label.go's parseLabels: values checked here, keys left to the server."""
    new: dict[str, str] = {}
    remove: list[str] = []
    for spec in specs:
        if "=" in spec:
            parts = spec.split("=")
            if len(parts) != 2:
                raise CommandError(f"invalid label spec: {spec}")
            errs = names.is_valid_label_value(parts[1])
            if errs:
                raise CommandError(f'invalid label value: "{spec}": ' + ";".join(errs))
            new[parts[0]] = parts[1]
        elif spec.endswith("-"):
            remove.append(spec[:-1])
        else:
            raise CommandError(f"unknown label spec: {spec}")
    if any(k in new for k in remove):
        raise CommandError("can not both modify and remove a label in the same command")
    return new, remove


def parse_annotations(specs: list[str]) -> tuple[dict[str, str], list[str]]:
    """cmdutil.ParsePairs for annotations (values may hold ``=``)."""
    new: dict[str, str] = {}
    remove: list[str] = []
    invalid: list[str] = []
    for spec in specs:
        if "=" in spec and not spec.startswith("="):
            k, _, v = spec.partition("=")
            new[k] = v
        elif spec.endswith("-") and spec != "-":
            remove.append(spec[:-1])
        else:
            invalid.append(spec)
    if invalid:
        raise CommandError("invalid annotation format: " + ", ".join(invalid))
    return new, remove


def _no_overwrites(what: str, current: dict[str, str], new: dict[str, str]) -> list[str]:
    """The keys ``--overwrite`` would have to allow, in kubectl's words."""
    clashes = [(k, current[k]) for k in sorted(new) if k in current and current[k] != new[k]]
    if what == "label":
        return [f"'{k}' already has a value ({v}), and --overwrite is false" for k, v in clashes]
    if clashes:
        return ["--overwrite is false but found the following declared annotation(s): "
                + "; ".join(f"'{k}' already has a value ({v})" for k, v in clashes)]
    return []


def _apply(obj: dict[str, Any], field: str, new: dict[str, str], remove: list[str], resource_version: str) -> None:
    """labelFunc / updateAnnotations on the object (an empty map stays as ``{}``, as unstructured's setter does)."""
    meta = obj.setdefault("metadata", {})
    current = dict(meta.get(field) or {})
    current.update(new)
    for k in remove:
        current.pop(k, None)
    meta[field] = current
    if resource_version:
        meta["resourceVersion"] = resource_version


def _change_message(old: str, new: str, overwrite: bool) -> str:
    """label.go's updateDataChangeMsg: compares the JSON kubectl would send."""
    if old == new:
        return "not labeled"
    if not overwrite and len(new) < len(old):
        return "unlabeled"
    return "labeled"


def _targets(ctx: Any, opts: Any, resources: list[str]) -> tuple[list[dict | Exception], bool]:
    """The objects to change, fetched (Latest), in order, with errors in their place; and
    singleItemImplied."""
    if opts["filename"]:
        visit = visit_files(ctx, opts["filename"], opts["recursive"])
        out: list[dict | Exception] = []
        for item in visit.items:
            t = item.target if isinstance(item, NamespaceMismatch) else item
            if isinstance(t, CommandError):
                out.append(t)
                continue
            require_name(t)
            live = ctx.server.ref(t.rt.kind, t.namespace or None, t.name)
            if live is None:
                out.append(ApiError("NotFound", 404, f'{t.rt.qualified_plural} "{t.name}" not found'))
            else:  # fetched first (Latest), then the namespace is checked
                out.append(item if isinstance(item, NamespaceMismatch) else copy_obj(live))
        trailing = visit.trailing_error()
        if trailing is not None:
            out.append(trailing)
        single = len(opts["filename"]) == 1 and opts["filename"][0] != "-" and not ctx.files.is_dir(
            opts["filename"][0])
        return out, single
    sels = resource_args.parse(resources)
    selector, field_sel = opts["selector"] or None, opts["field-selector"] or None
    has_names = any(s.names for s in sels)
    if has_names and (selector or field_sel or opts["all"]):
        raise CommandError("name cannot be provided when a selector is specified")
    if not has_names and not (selector or opts["all"] or field_sel):
        raise CommandError("resource(s) were provided, but no name was specified")
    pairs = resource_args.named_pairs(resources)
    if pairs is not None:
        out = []
        for rt, n in pairs:
            live = ctx.server.ref(rt.kind, ctx.namespace if rt.namespaced else None, n)
            out.append(copy_obj(live) if live is not None else
                       ApiError("NotFound", 404, f'{rt.qualified_plural} "{n}" not found'))
        return out, len(pairs) == 1
    out = []
    for s in sels:
        ns = None if (opts["all-namespaces"] or not s.rt.namespaced) else ctx.namespace
        out.extend(copy_obj(o) for o in resource_args.list_objects(ctx, s.rt, ns, selector, field_sel))
    return out, False


def _make_run(what: str) -> Any:
    field = "labels" if what == "label" else "annotations"
    noun = "label" if what == "label" else "annotation"

    def run(ctx: Any, opts: Any) -> int:
        resources, pair_args = split_args(opts.args, what)
        new, remove = parse_labels(pair_args) if what == "label" else parse_annotations(pair_args)
        output = opts["output"]
        if opts["list"] and output:
            raise CommandError("--list and --output may not be specified together")
        mode = dry_run_mode(opts["dry-run"], ctx)
        check_print_format(output)
        if opts["all"] and opts["selector"]:
            raise CommandError("cannot set --all and --selector at the same time")
        if opts["all"] and opts["field-selector"]:
            raise CommandError("cannot set --all and --field-selector at the same time")
        if opts["local"]:
            if mode == "server":
                raise CommandError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
            if resources:
                raise CommandError("can only use local files by -f pod.yaml or --filename=pod.json when --local=true "
                                   "is set")
            if not opts["filename"]:
                raise CommandError("one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json")
            raise CommandError("--local is not available in this playground")
        if not resources and not opts["filename"] and not opts["kustomize"]:
            raise CommandError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        if not new and not remove and not opts["list"]:
            raise CommandError(f"at least one {noun} update is required")
        if what == "annotate":
            both = [k for k in remove if k in new]
            if both:
                raise CommandError("can not both modify and remove the following annotation(s) in the same "
                                   "command: " + ", ".join(both))
        if opts["kustomize"]:
            raise CommandError("kustomize is not available in this playground")
        targets, single = _targets(ctx, opts, resources)
        if not single and opts["resource-version"]:
            raise CommandError("--resource-version may only be used with a single resource")
        printer = ObjectPrinter(ctx, output)
        errors: list[Exception] = []
        for obj in targets:
            if isinstance(obj, Exception):
                errors.append(obj)
                continue
            try:
                _visit(ctx, opts, obj, what, field, new, remove, mode, single, printer)
            except (CommandError, ApiError) as e:
                errors.append(e)
        if errors:
            raise CommandErrors(errors)
        return 0

    return run


def _visit(ctx: Any, opts: Any, obj: dict, what: str, field: str, new: dict[str, str], remove: list[str],
           mode: str, single: bool, printer: ObjectPrinter) -> None:
    """One object: check, change, send, then list or print it."""
    from cluster_core.api import resources

    meta = obj["metadata"]
    rt = resources.for_kind(obj["kind"])
    if opts["resource-version"]:
        meta["resourceVersion"] = ""
    current = dict(meta.get(field) or {})
    old_json = to_json(obj)
    if what == "label" and mode != "client" and not opts["list"]:
        for k in remove:
            if k not in current:
                ctx.write(f'label "{k}" not found.\n')
    if not opts["overwrite"]:
        clashes = _no_overwrites(what, current, new)
        if clashes:
            raise CommandErrors([CommandError(c) for c in clashes])
    _apply(obj, field, new, remove, opts["resource-version"])
    message = _change_message(old_json, to_json(obj), opts["overwrite"]) if what == "label" else "annotated"
    result = obj
    if mode != "client" and not opts["list"]:
        sent = copy_obj(obj)
        if not opts["resource-version"]:
            sent["metadata"].pop("resourceVersion", None)
        if not sent["metadata"][field]:
            sent["metadata"].pop(field)
        result = ctx.pg.cluster.update(sent, dry_run=mode == "server")
    if opts["list"]:
        values = (result.get("metadata") or {}).get(field) or {}
        indent = ""
        if not single:
            indent = " "
            ctx.write(f"Listing {field} for {rt.kind}.{rt.group}/{meta['name']}:\n")
        ctx.write("".join(f"{indent}{k}={v}\n" for k, v in sorted(values.items())))
        return
    if opts["output"]:
        printer.print(result)
    else:
        ctx.write(f"{rt.qualified_kind}/{meta['name']} {message}{suffix(mode)}\n")


def _flags(what: str) -> list[Flag]:
    noun = "label" if what == "label" else "annotation"
    return [
        Flag("all", BOOL, False, help="Select all resources, in the namespace of the specified resource types"
             + ("" if what == "label" else ".")),
        Flag("all-namespaces", BOOL, False, "A", "If true, check the specified action in all namespaces."),
        *print_flags(),
        Flag("dry-run", STRING, "none", no_opt="unchanged", help='Must be "none", "server", or "client". If client '
             "strategy, only print the object that would be sent, without sending it. If server strategy, submit "
             "server-side request without persisting the resource."),
        Flag("field-manager", STRING, f"kubectl-{what}", help="Name of the manager used to track field "
             "ownership."),
        Flag("field-selector", STRING, "", help="Selector (field query) to filter on, supports '=', '==', and "
             "'!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of "
             "field queries per type."),
        Flag("filename", STRING_ARRAY, [], "f", f"Filename, directory, or URL to files identifying the resource to "
             f"update the {noun}{'s' if what == 'label' else ''}"),
        Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
             "with -f or -R."),
        Flag("list", BOOL, False, help=f"If true, display the {noun}s for a given resource."),
        Flag("local", BOOL, False, help=f"If true, {noun} will NOT contact api-server but run locally."),
        Flag("overwrite", BOOL, False, help=f"If true, allow {noun}s to be overwritten, otherwise reject {noun} "
             f"updates that overwrite existing {noun}s."),
        Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when "
             "you want to manage related manifests organized within the same directory."),
        Flag("resource-version", STRING, "", help=f"If non-empty, the {noun}{'s' if what == 'label' else ''} update "
             "will only succeed if this is the current resource-version for the object. Only valid when "
             "specifying a single resource."),
        Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
             "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
             "specified label constraints."),
    ]


COMMAND_LABEL = Command(
    "label", "Update the labels on a resource",
    "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] "
    "[options]", _make_run("label"), flags=_flags("label"),
    long="Update the labels on a resource.\n\n"
         "  *  A label key and value must begin with a letter or number, and may contain letters, numbers, "
         "hyphens, dots, and underscores, up to 63 characters each.\n"
         "  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like "
         "example.com/my-app.\n"
         "  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite "
         "a label will result in an error.\n"
         "  *  If --resource-version is specified, then updates will use this resource version, otherwise the "
         "existing resource-version will be used.",
    examples="""# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update all pods in the namespace
kubectl label pods --all status=unhealthy

# Update a pod identified by the type and name in "pod.json"
kubectl label -f pod.json status=unhealthy

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl label pods foo status=unhealthy --resource-version=1

# Update pod 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
kubectl label pods foo bar-""",
    group="Settings Commands")

COMMAND_ANNOTATE = Command(
    "annotate", "Update the annotations on a resource",
    "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N "
    "[--resource-version=version] [options]", _make_run("annotate"), flags=_flags("annotate"),
    long="Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store "
         "additional data with the object as annotations. Annotations are key/value pairs that can be larger than "
         "labels and include arbitrary string values such as structured JSON. Tools and system extensions may use "
         "annotations to store their own data.\n\n Attempting to set an annotation that already exists will fail "
         "unless --overwrite is set. If --resource-version is specified and does not match the current resource "
         "version on the server the command will fail.\n\n"
         'Use "kubectl api-resources" for a complete list of supported resources.',
    examples="""# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
# If the same annotation is set multiple times, only the last value will be applied
kubectl annotate pods foo description='my frontend'

# Update a pod identified by type and name in "pod.json"
kubectl annotate -f pod.json description='my frontend'

# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
kubectl annotate --overwrite pods foo description='my frontend running nginx'

# Update all pods in the namespace
kubectl annotate pods --all description='my frontend running nginx'

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl annotate pods foo description='my frontend running nginx' --resource-version=1

# Update pod 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
kubectl annotate pods foo description-""",
    group="Settings Commands")

COMMANDS = [COMMAND_LABEL, COMMAND_ANNOTATE]
