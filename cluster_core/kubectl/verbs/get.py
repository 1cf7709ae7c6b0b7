"""``kubectl get``: tables per kind, ``-o`` formats, selectors, ``-A``, ``--sort-by`` and ``-w``.

Follows kubectl 1.33's get.go: the builder fetches "infos" in request order (a list per type, or
one per named object), errors for missing names are collected and printed after the output; the
table printers print per info with kubectl's header, blank-line and kind-prefix rules, and the
other formats print one object or a List (printGeneric)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.api.resources import ResourceType
from cluster_core.kubectl import printers, resource_args
from cluster_core.kubectl.command import Command, CommandError, CommandErrors
from cluster_core.kubectl.flags import BOOL, INT, STRING, STRING_ARRAY, STRING_SLICE, Flag
from cluster_core.kubectl.main import error_message, render_api_error
from cluster_core.kubectl.objects import NamespaceMismatch, require_name, visit_files
from cluster_core.kubectl.output import check_format, klog_line, print_objects, resolve_file_format
from cluster_core.kubectl.print_flags import PRINT_FORMATS, print_flags
from cluster_core.kubectl.printers import tables, tabwriter

NO_TYPE = ('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of '
           "supported resources.\n\n")
REQUIRED = ("error: Required resource not specified.\n"
            'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain '
            "pods).\nSee 'kubectl get -h' for help and examples\n")
WATCH_SORT_WARNING = "warning: --watch requested, --sort-by will be ignored for watch events received\n"


def no_resources(ns: str | None, namespaced: bool) -> str:
    """kubectl's message on stderr for an empty result."""
    if ns is None or not namespaced:
        return "No resources found\n"
    return f"No resources found in {ns} namespace.\n"


@dataclass
class Info:
    """One thing the resource builder fetched: a list (every object of a type that matched) or one
    named object. kubectl prints each as a table of its own, sharing the printer (one header,
    aligned columns) with the infos of the same type just before it."""

    rt: ResourceType
    objs: list[dict[str, Any]]
    named: bool = False


def collect(ctx: Any, opts: Any) -> tuple[list[Info], list[Exception], bool]:
    """The builder's infos in request order, the errors met on the way, and singleItemImplied.

    Errors that stop everything (unknown type, bad argument shapes) are raised; a missing named
    object is collected (``Error from server (NotFound)``) and the rest goes on."""
    all_ns = opts["all-namespaces"]
    selector, field_sel = opts["selector"] or None, opts["field-selector"] or None
    errors: list[Exception] = []
    infos: list[Info] = []
    if opts["filename"]:
        visit = visit_files(ctx, opts["filename"], opts["recursive"])
        single = len(opts["filename"]) == 1 and opts["filename"][0] != "-" and \
            not ctx.files.is_dir(opts["filename"][0])
        for item in visit.items:
            t = item.target if isinstance(item, NamespaceMismatch) else item
            if isinstance(t, CommandError):
                errors.append(t)
                continue
            require_name(t)
            obj = ctx.server.ref(t.rt.kind, t.namespace or None, t.name)
            if obj is None:
                errors.append(ApiError("NotFound", 404, f'{t.rt.qualified_plural} "{t.name}" not found'))
            elif isinstance(item, NamespaceMismatch):
                raise CommandError(str(item))  # found first, then refused: kubectl's order
            else:
                infos.append(Info(t.rt, [obj], named=True))
        trailing = visit.trailing_error()
        if trailing is not None:
            errors.append(trailing)
        return infos, errors, single
    sels = resource_args.parse(opts.args)
    named = any(s.names for s in sels)
    if named and (selector or field_sel):
        raise CommandError("name cannot be provided when a selector is specified")
    if named and all_ns:
        raise CommandError("a resource cannot be retrieved by name across all namespaces")
    pairs = resource_args.named_pairs(opts.args)
    if pairs is not None:
        for rt, name in pairs:
            obj = ctx.server.ref(rt.kind, ctx.namespace if rt.namespaced else None, name)
            if obj is None:
                errors.append(ApiError("NotFound", 404, f'{rt.qualified_plural} "{name}" not found'))
            else:
                infos.append(Info(rt, [obj], named=True))
        return infos, errors, len(pairs) == 1
    for s in sels:
        ns = None if (all_ns or not s.rt.namespaced) else ctx.namespace
        infos.append(Info(s.rt, resource_args.list_objects(ctx, s.rt, ns, selector, field_sel)))
    return infos, errors, False


def _sort_error(e: Exception) -> Exception:
    """A sort failure as kubectl reports it: klog's fatal line for an unsortable type, else an error."""
    if isinstance(e, printers.PrinterError) and e.fatal:
        return Fatal(e.message)
    return CommandError(getattr(e, "message", str(e)))


class Fatal(CommandError):
    """klog.Exitf in kubectl's sorter: ``F<mmdd> <time> <pid> sorter.go:NNN] <msg>``, exit 1."""


def _table_of_tables(infos: list[Info], ctx: Any) -> dict[str, Any]:
    """What kubectl's RuntimeSorter sees when it sorts several tables: the Table objects themselves."""
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": str(ctx.server.resource_version)}}


def _sort_infos(ctx: Any, infos: list[Info], sort_by: str) -> list[Info]:
    """RuntimeSorter over the fetched tables (with two or more it sorts the Table objects, which
    have little to sort by), then SortingPrinter inside each table; a table whose rows cannot be
    sorted prints nothing, as kubectl ignores that printer error."""
    if len(infos) > 1:
        table = _table_of_tables(infos, ctx)
        try:
            printers.sort_objects([table] * len(infos), sort_by)
        except printers.PrinterError as e:
            raise _sort_error(e) from None
    out = []
    for info in infos:
        try:
            out.append(Info(info.rt, printers.sort_objects(info.objs, sort_by, table=True), info.named))
        except printers.PrinterError as e:
            if e.fatal:
                raise Fatal(e.message) from None
    return out


_CLIENT_COLUMNS = [("Name", 0, True), ("Age", 0, False)]


def _columns(kind: str, opts: Any) -> list[tuple[str, int, bool]]:
    """The server's column definitions, or with --server-print=false kubectl's own default: NAME, AGE."""
    return tables.COLUMNS[kind] if opts["server-print"] else _CLIENT_COLUMNS


def _cells(kind: str, obj: dict, now: float, opts: Any) -> list[Any]:
    if opts["server-print"]:
        return tables.row_cells(kind, obj, now, opts["output"] == "wide")
    meta = obj.get("metadata") or {}
    return [meta.get("name", ""), printers.since(meta.get("creationTimestamp"), now)]


def _rows(info: Info, now: float, opts: Any, with_kind: bool) -> list[list[str]]:
    """The cells kubectl's table printer makes of one info (no header)."""
    kind = info.rt.kind
    columns = _columns(kind, opts)
    wide = opts["output"] == "wide"
    visible = [i for i, (_, prio, _) in enumerate(columns) if wide or prio == 0]
    name_i = next((i for i, c in enumerate(columns) if c[2]), -1)
    with_ns = opts["all-namespaces"] and info.rt.namespaced
    rows = []
    for obj in info.objs:
        cells = _cells(kind, obj, now, opts)
        if with_kind and name_i >= 0:
            cells[name_i] = f"{info.rt.qualified_kind}/{cells[name_i]}"
        row = [tables._cell_text(cells[i]) for i in visible]
        meta = obj.get("metadata") or {}
        labels = meta.get("labels") or {}
        row += [tables._cell_text(labels.get(k, "")) for k in opts["label-columns"]]
        if opts["show-labels"]:
            row.append(tables._cell_text(tables.format_labels(labels)))
        if with_ns:
            row.insert(0, tables._cell_text(meta.get("namespace", "")))
        rows.append(row)
    return rows


def _header(info: Info, opts: Any) -> list[str]:
    columns = _columns(info.rt.kind, opts)
    wide = opts["output"] == "wide"
    head = [c[0].upper() for c in columns if wide or c[1] == 0]
    head += [tables.label_column_header(k) for k in opts["label-columns"]]
    if opts["show-labels"]:
        head.append("LABELS")
    if opts["all-namespaces"] and info.rt.namespaced:
        head.insert(0, "NAMESPACE")
    return head


def print_human(ctx: Any, infos: list[Info], opts: Any) -> str:
    """get.go's Run for the table printers: a new printer (and a blank line, if anything was
    written) whenever the type changes; consecutive infos of one type share header and widths."""
    with_kind = opts["show-kind"] or len({i.rt.kind for i in infos}) > 1
    out: list[str] = []
    written = False
    i = 0
    while i < len(infos):
        j = i
        while j < len(infos) and infos[j].rt is infos[i].rt:
            j += 1
        rows: list[list[str]] = []
        for info in infos[i:j]:
            body = _rows(info, ctx.now, opts, with_kind)
            if body and not rows and not opts["no-headers"]:
                rows.append(_header(info, opts))
            rows.extend(body)
        text = tabwriter.table_rows(rows)
        if text:
            if written and i > 0 and not opts["no-headers"]:
                out.append("\n")
            out.append(text)
            written = True
        i = j
    return "".join(out)


def print_generic(ctx: Any, infos: list[Info], single: bool, opts: Any) -> None:
    """get.go's printGeneric (-o yaml|json|name|jsonpath|custom-columns): one object when one was
    asked for by name, otherwise a List of everything; no "No resources found"."""
    objs = [o for info in infos for o in info.objs]
    output = opts["output"]
    if opts["sort-by"] and not (single and len(objs) == 1):
        try:
            objs = printers.sort_objects(objs, opts["sort-by"])
        except printers.PrinterError as e:
            raise _sort_error(e) from None
    output = resolve_file_format(ctx, output)
    check_format(output, table_ok=True)
    print_objects(ctx, objs, output, single=single and len(objs) == 1, no_headers=opts["no-headers"])


def run(ctx: Any, opts: Any) -> Any:
    if opts["template"] and not opts["output"]:
        opts.values["output"] = "go-template"  # a template alone means -o go-template
    output = opts["output"]
    watch = opts["watch"] or opts["watch-only"]
    if opts["raw"]:
        if opts.args:
            raise CommandError("arguments may not be passed when --raw is specified")
        raise CommandError("--raw is not available in this playground")
    if watch and opts["sort-by"]:
        ctx.write_err(WATCH_SORT_WARNING)
    if not watch and not opts.args and not opts["filename"] and not opts["kustomize"]:
        ctx.write_err(NO_TYPE + REQUIRED)
        return 1
    if opts["show-labels"] and output not in ("", "wide"):
        raise CommandError(f"--show-labels option cannot be used with {output} printer")
    if opts["output-watch-events"] and not watch:
        raise CommandError("--output-watch-events option can only be used with --watch or --watch-only")
    if opts["kustomize"]:
        raise CommandError("kustomize is not available in this playground")
    if watch:
        from cluster_core.kubectl.watch import GetWatch

        return GetWatch.start(ctx, opts)
    try:
        return _run_get(ctx, opts)
    except Fatal as e:
        where = "sorter.go:375" if "[][][]reflect.Value" in str(e) else "sorter.go:329"
        ctx.write_err(klog_line(ctx.now, "F", where, str(e)))
        return 1


def _run_get(ctx: Any, opts: Any) -> int:
    output = opts["output"]
    if opts["subresource"] and not resource_args.named_pairs(opts.args or []) and not opts["filename"]:
        raise CommandError("subresource cannot be used when bulk resources are specified")
    infos, errors, single = collect(ctx, opts)
    if opts["ignore-not-found"]:
        errors = [e for e in errors if not (isinstance(e, ApiError) and e.reason == "NotFound")]
    if output and output != "wide":
        if single and errors:
            raise CommandErrors(errors)
        if any(info.objs for info in infos) or not opts["ignore-not-found"]:
            print_generic(ctx, infos, single, opts)
        if errors:
            raise CommandErrors(errors)
        return 0
    if opts["sort-by"]:
        infos = _sort_infos(ctx, infos, opts["sort-by"])
    text = print_human(ctx, infos, opts)
    ctx.write(text)
    if not text and not opts["ignore-not-found"] and not errors:
        namespaced = not opts["all-namespaces"] and all(i.rt.namespaced for i in infos)
        ctx.write_err(no_resources(ctx.namespace, namespaced))
    if errors:
        # The table path returns the builder's errors as an aggregate inside an aggregate, so even
        # one prints as a line of MultipleErrors, without "error: ".
        ctx.write_err("".join(error_message(e).rstrip("\n") + "\n" for e in errors))
        return 1
    return 0


# get_flags.go adds the table printers' formats and links the format docs after the list.
_OUTPUT_NOTE = ("See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template "
                "[http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template "
                "[https://kubernetes.io/docs/reference/kubectl/jsonpath/].")

FLAGS = [
    Flag("all-namespaces", BOOL, False, "A", "If present, list the requested object(s) across all namespaces. "
         "Namespace in current context is ignored even if specified with --namespace."),
    *print_flags(PRINT_FORMATS + ("custom-columns", "custom-columns-file", "wide"), note=_OUTPUT_NOTE),
    Flag("chunk-size", INT, 500, help="Return large lists in chunks rather than all at once. Pass 0 to disable. "
         "This flag is beta and may change in the future."),
    Flag("field-selector", STRING, "", help="Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. "
         "--field-selector key1=value1,key2=value2). The server only supports a limited number of field queries "
         "per type."),
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource to get "
         "from a server."),
    Flag("ignore-not-found", BOOL, False, help="If the requested object does not exist the command will return exit "
         "code 0."),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
         "with -f or -R."),
    Flag("label-columns", STRING_SLICE, [], "L", "Accepts a comma separated list of labels that are going to be "
         "presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L "
         "label2..."),
    Flag("no-headers", BOOL, False, help="When using the default or custom-column output format, don't print "
         "headers (default print headers)."),
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
    Flag("sort-by", STRING, "", help="If non-empty, sort list types using this field specification.  The field "
         "specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API "
         "resource specified by this JSONPath expression must be an integer or a string."),
    Flag("subresource", STRING, "", help="If specified, gets the subresource of the requested object."),
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
    examples="""# List all pods in ps output format
kubectl get pods

# List all pods in ps output format with more information (such as node name)
kubectl get pods -o wide

# List a single replication controller with specified NAME in ps output format
kubectl get replicationcontroller web

# List deployments in JSON output format, in the "v1" version of the "apps" API group
kubectl get deployments.v1.apps -o json

# List a single pod in JSON output format
kubectl get -o json pod web-pod-13je7

# List a pod identified by type and name specified in "pod.yaml" in JSON output format
kubectl get -f pod.yaml -o json

# List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
kubectl get -k dir/

# Return only the phase value of the specified pod
kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

# List resource information in custom columns
kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

# List all replication controllers and services together in ps output format
kubectl get rc,services

# List one or more resources by their type and names
kubectl get rc/web service/frontend pods/web-pod-13je7

# List the 'status' subresource for a single pod
kubectl get pod web-pod-13je7 --subresource status

# List all deployments in namespace 'backend'
kubectl get deployments.apps --namespace backend

# List all pods existing in all namespaces
kubectl get pods --all-namespaces""",
    group="Basic Commands (Intermediate)")

__all__ = ["COMMAND", "render_api_error"]
