"""``kubectl get``: tables per kind, ``-o`` formats, selectors, ``-A``, ``--sort-by`` and ``-w``."""

from __future__ import annotations

from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.kubectl import manifests, printers, resource_args
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, INT, STRING, STRING_ARRAY, STRING_SLICE, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.objects import map_manifest, require_name
from cluster_core.kubectl.output import check_format, print_objects

NO_TYPE = ('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of '
           "supported resources.\n\n")
REQUIRED = ("error: Required resource not specified.\n"
            'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain '
            "pods).\nSee 'kubectl get -h' for help and examples\n")


def no_resources(ns: str | None, namespaced: bool) -> str:
    """kubectl's message on stderr for an empty result."""
    if ns is None or not namespaced:
        return "No resources found\n"
    return f"No resources found in {ns} namespace.\n"


def collect(ctx, opts) -> tuple[list[tuple[str, list[dict]]], list[str], bool, bool]:
    """The objects asked for, grouped by kind in the order asked: (groups, errors, named, namespaced)."""
    all_ns = opts["all-namespaces"]
    selector, field_sel = opts["selector"] or None, opts["field-selector"] or None
    errors: list[str] = []
    groups: list[tuple[str, list[dict]]] = []
    if opts["filename"]:
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = require_name(map_manifest(ctx, m))
            obj = ctx.server.ref(t.rt.kind, t.namespace or None, t.name)
            if obj is None:
                errors.append(f'Error from server (NotFound): {t.rt.qualified_plural} "{t.name}" not found\n')
            else:
                groups.append((t.rt.kind, [obj]))
        return groups, errors, True, True
    sels = resource_args.parse(opts.args)
    named = any(s.names for s in sels)
    if named and selector:
        raise CommandError("name cannot be provided when a selector is specified")
    namespaced = any(s.rt.namespaced for s in sels)
    for s in sels:
        ns = None if (all_ns or not s.rt.namespaced) else ctx.namespace
        if s.names:
            found = []
            for n in s.names:
                obj = ctx.server.ref(s.rt.kind, None if not s.rt.namespaced else ctx.namespace, n)
                if obj is None:
                    if not opts["ignore-not-found"]:
                        errors.append(f'Error from server (NotFound): {s.rt.qualified_plural} "{n}" not found\n')
                else:
                    found.append(obj)
            groups.append((s.rt.kind, found))
        else:
            groups.append((s.rt.kind, ctx.server.select(s.rt.kind, ns, selector, field_sel)))
    return groups, errors, named, namespaced


def run(ctx, opts) -> Any:
    if not opts.args and not opts["filename"]:
        ctx.write_err(NO_TYPE + REQUIRED)
        return 1
    output = opts["output"]
    if output:
        check_format(output, table_ok=True)
    try:
        groups, errors, named, namespaced = collect(ctx, opts)
    except ApiError as e:
        if e.reason == "BadRequest" and opts["selector"]:
            kinds = resource_args.parse(opts.args)
            rt = kinds[0].rt if kinds else None
            res = f"{rt.group + '/' if rt and rt.group else '/'}{rt.version if rt else 'v1'}, Resource={rt.plural if rt else ''}"
            msg = (f'Unable to find "{res}" that match label selector "{opts["selector"]}", field selector '
                   f'"{opts["field-selector"]}": {e.message}')
            ctx.write_err(f"Error from server (BadRequest): {msg}\n")
            return 1
        raise
    if opts["sort-by"]:
        groups = [(k, printers.sort_objects(objs, opts["sort-by"], table=not output or output == "wide"))
                  for k, objs in groups]
    objs = [o for _, objs in groups for o in objs]
    if opts["watch"] or opts["watch-only"]:
        from cluster_core.kubectl.watch import GetWatch

        return GetWatch.start(ctx, opts, groups)
    code = 1 if errors else 0
    if output and output != "wide":
        if objs or named:
            single = named and len(objs) == 1 and len(groups) == 1 and not errors and len(opts.args) <= 2 \
                and "," not in (opts.args[0] if opts.args else "")
            if objs or output.startswith(("yaml", "json")):
                print_objects(ctx, objs, output, single=single, no_headers=opts["no-headers"])
        if not objs and not named:
            if output.startswith(("yaml", "json")) and not output.startswith("jsonpath"):
                print_objects(ctx, [], output, single=False)
            else:
                ctx.write_err(no_resources(None if opts["all-namespaces"] else ctx.namespace, namespaced))
        for e in errors:
            ctx.write_err(e)
        return code
    text = printers.print_tables(groups, ctx.now, wide=output == "wide", show_labels=opts["show-labels"],
                                 label_columns=opts["label-columns"], all_namespaces=opts["all-namespaces"],
                                 no_headers=opts["no-headers"], show_kind=opts["show-kind"] or
                                 (len(opts.args) > 0 and opts.args[0] == "all"))
    ctx.write(text)
    if not objs and not errors:
        ctx.write_err(no_resources(None if opts["all-namespaces"] else ctx.namespace, namespaced))
    for e in errors:
        ctx.write_err(e)
    return code


FLAGS = [
    Flag("all-namespaces", BOOL, False, "A", "If present, list the requested object(s) across all namespaces. "
         "Namespace in current context is ignored even if specified with --namespace."),
    Flag("allow-missing-template-keys", BOOL, True, help="If true, ignore any errors in templates when a field or "
         "map key is missing in the template. Only applies to golang and jsonpath output formats."),
    Flag("chunk-size", INT, 500, help="Return large lists in chunks rather than all at once. Pass 0 to disable. "
         "This flag is beta and may change in the future."),
    Flag("field-selector", STRING, "", help="Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. "
         "--field-selector key1=value1,key2=value2). The server only supports a limited number of field queries "
         "per type."),
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource to get "
         "from a server."),
    Flag("ignore-not-found", BOOL, False, help="If set to true, suppresses NotFound error for specific objects that "
         "do not exist. Using this flag with commands that query for collections of resources has no effect when "
         "no resources are found."),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
         "with -f or -R."),
    Flag("label-columns", STRING_SLICE, [], "L", "Accepts a comma separated list of labels that are going to be "
         "presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L "
         "label2..."),
    Flag("no-headers", BOOL, False, help="When using the default or custom-column output format, don't print "
         "headers (default print headers)."),
    Flag("output", STRING, "", "o", "Output format. One of: (json, yaml, name, go-template, go-template-file, "
         "template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, "
         "wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template "
         "[http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template "
         "[https://kubernetes.io/docs/reference/kubectl/jsonpath/]."),
    Flag("output-watch-events", BOOL, False, help="Output watch event objects when --watch or --watch-only is used. "
         "Existing objects are output as initial ADDED events."),
    Flag("raw", STRING, "", help="Raw URI to request from the server.  Uses the transport specified by the "
         "kubeconfig file."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
         "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
         "specified label constraints."),
    Flag("server-print", BOOL, True, help="If true, have the server return the appropriate table output. Supports "
         "extension APIs and CRDs."),
    Flag("show-kind", BOOL, False, help="If present, list the resource type for the requested object(s)."),
    Flag("show-labels", BOOL, False, help="When printing, show all labels as the last column (default hide labels "
         "column)"),
    Flag("show-managed-fields", BOOL, False, help="If true, keep the managedFields when printing objects in JSON or "
         "YAML format."),
    Flag("sort-by", STRING, "", help="If non-empty, sort list types using this field specification.  The field "
         "specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API "
         "resource specified by this JSONPath expression must be an integer or a string."),
    Flag("subresource", STRING, "", help="If specified, gets the subresource of the requested object."),
    Flag("template", STRING, "", help="Template string or path to template file to use when -o=go-template, "
         "-o=go-template-file. The template format is golang templates "
         "[http://golang.org/pkg/text/template/#pkg-overview]."),
    Flag("watch", BOOL, False, "w", "After listing/getting the requested object, watch for changes."),
    Flag("watch-only", BOOL, False, help="Watch for changes to the requested object(s), without listing/getting "
         "first."),
]

COMMAND = Command(
    "get", "Display one or many resources",
    "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|"
    "jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l "
    "label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]", run, flags=FLAGS,
    long="Display one or many resources.\n\n Prints a table of the most important information about the specified "
         "resources. You can filter the list using a label selector and the --selector flag. If the desired "
         "resource type is namespaced you will only see results in the current namespace if you don't specify any "
         "namespace.\n\n By specifying the output as 'template' and providing a Go template as the value of the "
         "--template flag, you can filter the attributes of the fetched resources.\n\n"
         "Use \"kubectl api-resources\" for a complete list of supported resources.",
    examples="# List all pods in ps output format\nkubectl get pods\n\n"
             "# List all pods in ps output format with more information (such as node name)\nkubectl get pods -o "
             "wide\n\n# List all pods in ps output format with labels\nkubectl get pods --show-labels\n\n"
             "# List a single pod in JSON output format\nkubectl get -o json pod web-pod-13je7\n\n"
             "# List all replica sets in the current namespace\nkubectl get rs\n\n"
             "# List pods with the label app=nginx\nkubectl get pods -l app=nginx\n\n"
             "# Return only the phase value of the specified pod\nkubectl get -o jsonpath='{.status.phase}' pod "
             "web-pod-13je7\n\n# List resource information in custom columns\nkubectl get pod test-pod -o "
             "custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image\n\n"
             "# List all pods in all namespaces\nkubectl get pods -A\n\n"
             "# List one or more resources by their type and names\nkubectl get rc/web service/frontend pods/web-pod-"
             "13je7",
    group="Basic Commands (Intermediate)")

__all__ = ["COMMAND", "render_api_error"]
