"""``kubectl label`` and ``kubectl annotate``: add (``k=v``), overwrite (``--overwrite``), remove (``k-``).

Values are checked on the client as kubectl does (``invalid label value``); keys are checked by the
server's validation of the updated object.
"""

from __future__ import annotations

from cluster_core.api import names
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.objects import dry_run_mode, map_manifest, require_name, suffix
from cluster_core.kubectl.output import print_objects


def _split_args(args: list[str], what: str) -> tuple[list[str], dict[str, str], list[str]]:
    """Resource arguments, then ``k=v`` pairs and ``k-`` removals (kubectl's parseLabels)."""
    resources: list[str] = []
    pairs: dict[str, str] = {}
    removes: list[str] = []
    for a in args:
        if "=" in a:
            k, _, v = a.partition("=")
            if what == "label":
                errs = names.is_valid_label_value(v)
                if errs or not k:
                    detail = "; ".join(errs) if errs else "invalid label spec"
                    raise CommandError(f'invalid label value: "{a}": {detail}')
            if k in pairs:
                raise CommandError(f"can not both modify and remove the following {what}(s) in the same "
                                   f"command: {k}")
            pairs[k] = v
        elif a.endswith("-") and len(a) > 1 and resources:
            removes.append(a[:-1])
        else:
            resources.append(a)
    both = [k for k in removes if k in pairs]
    if both:
        raise CommandError(f"can not both modify and remove the following {what}(s) in the same command: "
                           + ", ".join(both))
    return resources, pairs, removes


def _make_run(what: str):
    field = "labels" if what == "label" else "annotations"
    done_word = "labeled" if what == "label" else "annotated"

    def run(ctx, opts) -> int:
        res_args, pairs, removes = _split_args(opts.args, what)
        if opts["list"] and what == "label":
            return _list(ctx, opts, res_args)
        if not pairs and not removes:
            raise UsageError(f"at least one {what} update is required")
        mode = dry_run_mode(opts["dry-run"], ctx)
        objs = _resolve(ctx, opts, res_args, what)
        failed = False
        printed = []
        for obj in objs:
            meta = obj["metadata"]
            current = dict(meta.get(field) or {})
            if not opts["overwrite"]:
                for k, v in pairs.items():
                    if k in current and current[k] != v:
                        raise CommandError(f"'{k}' already has a value ({current[k]}), and --overwrite is false")
            new = dict(current)
            new.update(pairs)
            for k in removes:
                if k not in new:
                    ctx.write_err(f'{what} "{k}" not found.\n')
                new.pop(k, None)
            word = done_word
            if what == "label":
                if new == current:
                    word = "not labeled"
                elif removes and not pairs:
                    word = "unlabeled"
            updated = copy_obj(obj)
            if new:
                updated["metadata"][field] = new
            else:
                updated["metadata"].pop(field, None)
            if opts["resource-version"]:
                updated["metadata"]["resourceVersion"] = opts["resource-version"]
            else:
                updated["metadata"].pop("resourceVersion", None)
            try:
                if new != current and mode != "client":
                    updated = ctx.pg.cluster.update(updated, dry_run=mode == "server")
            except ApiError as e:
                failed = True
                ctx.write_err(render_api_error(e))
                continue
            from cluster_core.api import resources

            rt = resources.for_kind(obj["kind"])
            if opts["output"]:
                printed.append(updated)
            else:
                ctx.write(f"{rt.qualified_kind}/{meta['name']} {word}{suffix(mode)}\n")
        if printed:
            print_objects(ctx, printed, opts["output"], single=len(printed) == 1)
        return 1 if failed else 0

    return run


def _resolve(ctx, opts, res_args: list[str], what: str) -> list[dict]:
    if opts["filename"]:
        out = []
        for m in manifests.load(ctx, opts["filename"], False):
            t = require_name(map_manifest(ctx, m))
            live = ctx.server.ref(t.rt.kind, t.namespace or None, t.name)
            if live is None:
                raise ApiError("NotFound", 404, f'{t.rt.qualified_plural} "{t.name}" not found')
            out.append(copy_obj(live))
        return out
    if not res_args:
        raise UsageError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
    sels = resource_args.parse(res_args)
    selector = opts["selector"]
    has_names = any(s.names for s in sels)
    if has_names and (selector or opts["all"]):
        raise CommandError("name cannot be provided when a selector is specified")
    if not has_names and not (selector or opts["all"] or opts["field-selector"]):
        raise UsageError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
    out = []
    for s in sels:
        ns = None if (opts["all-namespaces"] or not s.rt.namespaced) else ctx.namespace
        if s.names:
            for n in s.names:
                live = ctx.server.ref(s.rt.kind, ns, n)
                if live is None:
                    raise ApiError("NotFound", 404, f'{s.rt.qualified_plural} "{n}" not found')
                out.append(copy_obj(live))
        else:
            out.extend(copy_obj(o) for o in ctx.server.select(s.rt.kind, ns, selector or None,
                                                                opts["field-selector"] or None))
    return out


def _list(ctx, opts, res_args: list[str]) -> int:
    for obj in _resolve(ctx, opts, res_args, "label"):
        labels = obj["metadata"].get("labels") or {}
        ctx.write("".join(f"{k}={v}\n" for k, v in sorted(labels.items())))
    return 0


def _flags(what: str) -> list[Flag]:
    return [
        Flag("all", BOOL, False, help="Select all resources, in the namespace of the specified resource types"),
        Flag("all-namespaces", BOOL, False, "A", "If true, check the specified action in all namespaces."),
        Flag("allow-missing-template-keys", BOOL, True, help="If true, ignore any errors in templates when a field "
             "or map key is missing in the template. Only applies to golang and jsonpath output formats."),
        Flag("dry-run", STRING, "none", no_opt="unchanged", help='Must be "none", "server", or "client". If client '
             "strategy, only print the object that would be sent, without sending it. If server strategy, submit "
             "server-side request without persisting the resource."),
        Flag("field-manager", STRING, f"kubectl-{what}", help="Name of the manager used to track field "
             "ownership."),
        Flag("field-selector", STRING, "", help="Selector (field query) to filter on, supports '=', '==', and "
             "'!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of "
             "field queries per type."),
        Flag("filename", STRING_ARRAY, [], "f", f"Filename, directory, or URL to files identifying the resource to "
             f"update the {what}s"),
        Flag("list", BOOL, False, help=f"If true, display the {what}s for a given resource."),
        Flag("local", BOOL, False, help=f"If true, {what} will NOT contact api-server but run locally."),
        Flag("output", STRING, "", "o", "Output format. One of: (json, yaml, name, go-template, go-template-file, "
             "template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
        Flag("overwrite", BOOL, False, help=f"If true, allow {what}s to be overwritten, otherwise reject {what} "
             f"updates that overwrite existing {what}s."),
        Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when "
             "you want to manage related manifests organized within the same directory."),
        Flag("resource-version", STRING, "", help=f"If non-empty, the {what}s update will only succeed if this is "
             f"the current resource-version for the object. Only valid when specifying a single resource."),
        Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
             "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
             "specified label constraints."),
        Flag("show-managed-fields", BOOL, False, help="If true, keep the managedFields when printing objects in "
             "JSON or YAML format."),
        Flag("template", STRING, "", help="Template string or path to template file to use when "
             "-o=go-template, -o=go-template-file."),
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
    examples="# Update pod 'foo' with the label 'unhealthy' and the value 'true'\nkubectl label pods foo "
             "unhealthy=true\n\n# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting "
             "any existing value\nkubectl label --overwrite pods foo status=unhealthy\n\n# Update all pods in the "
             "namespace\nkubectl label pods --all status=unhealthy\n\n# Update pod 'foo' by removing a label named "
             "'bar' if it exists\n# Does not require the --overwrite flag\nkubectl label pods foo bar-",
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
         "version on the server the command will fail.",
    examples="# Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n# If the same "
             "annotation is set multiple times, only the last value will be applied\nkubectl annotate pods foo "
             "description='my frontend'\n\n# Update pod 'foo' by removing an annotation named 'description' if it "
             "exists\n# Does not require the --overwrite flag\nkubectl annotate pods foo description-",
    group="Settings Commands")

COMMANDS = [COMMAND_LABEL, COMMAND_ANNOTATE]
