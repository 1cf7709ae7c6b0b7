"""``kubectl delete``: by name, several names, ``-l``, ``--all``, ``-f``; cascading and grace periods.

Like the real one it prints ``pod "x" deleted`` as each DELETE is accepted, then waits (``--wait``,
the default) until the objects are really gone: a pod's grace period, a namespace's contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.api.resources import ResourceType
from cluster_core.kubectl import resource_args
from cluster_core.kubectl.command import Command, CommandError, CommandErrors
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import dry_run_mode, suffix, visit_files, with_source
from cluster_core.kubectl.waiting import WaitForDeletion

FORCE_WARNING = ("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                 "terminated. The resource may continue to run on the cluster indefinitely.\n")

NO_RESOURCES = ("You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n"
                "   '-f rsrc.yaml'\n"
                "   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n"
                "   '<resource>'")


def _cascade(value: str) -> str:
    mapping = {"background": "Background", "true": "Background", "foreground": "Foreground",
               "orphan": "Orphan", "false": "Orphan"}
    if value not in mapping:
        raise CommandError(f'invalid cascade value ({value}). Must be "background", "foreground", or "orphan"')
    return mapping[value]


def _grace(opts: Any) -> int:
    """Complete's grace period: --now is 1, 0 without --force is 1, --force alone is 0."""
    grace = opts["grace-period"]
    if opts["now"]:
        if grace != -1:
            raise CommandError("--now and --grace-period cannot be specified together")
        grace = 1
    if grace == 0 and not opts["force"]:
        grace = 1  # kubectl turns --grace-period=0 into 1 unless --force is given
    if opts["force"] and grace < 0:
        grace = 0
    return grace


@dataclass
class _Target:
    rt: ResourceType
    namespace: str
    name: str
    source: str = ""


def _targets(ctx: Any, opts: Any) -> tuple[list[_Target | Exception], Exception | None]:
    """What the builder visits (names are not fetched: RequireObject(false)), in order, with the
    errors it reports in their place, and the errors it reports after the rest."""
    selector, field_sel, all_ = opts["selector"], opts["field-selector"], opts["all"]
    if opts["filename"]:
        if opts.args:
            raise CommandError("Unexpected args: [" + " ".join(opts.args) + "]")
        visit = visit_files(ctx, opts["filename"], opts["recursive"])
        items: list[_Target | Exception] = []
        for t in visit.items:
            if isinstance(t, CommandError):
                items.append(t)
            elif not t.name:
                items.append(CommandError("resource name may not be empty"))
            else:
                items.append(_Target(t.rt, t.namespace, t.name, t.manifest.source))
        return items, visit.trailing_error()
    if not opts.args:
        raise CommandError(NO_RESOURCES)
    sels = resource_args.parse(opts.args)
    has_names = any(s.names for s in sels)
    if all_ and (selector or field_sel):
        raise CommandError("setting 'all' parameter but found a non empty selector. ")
    if has_names and (selector or field_sel):
        raise CommandError("name cannot be provided when a selector is specified")
    if has_names and all_:
        raise CommandError("name cannot be provided when a selector is specified")
    if not has_names and not (selector or all_ or field_sel):
        raise CommandError("resource(s) were provided, but no name was specified")
    all_ns = opts["all-namespaces"]
    pairs = resource_args.named_pairs(opts.args)
    if pairs is not None:
        return [_Target(rt, ctx.namespace if rt.namespaced else "", n) for rt, n in pairs], None
    out: list[_Target | Exception] = []
    for s in sels:
        ns = None if (all_ns or not s.rt.namespaced) else ctx.namespace
        for obj in resource_args.list_objects(ctx, s.rt, ns, selector or None, field_sel or None):
            out.append(_Target(s.rt, obj["metadata"].get("namespace", ""), obj["metadata"]["name"]))
    return out, None


def run(ctx: Any, opts: Any) -> Any:
    cascade = _cascade(opts["cascade"])
    grace = _grace(opts)
    mode = dry_run_mode(opts["dry-run"], ctx)
    ignore_not_found = opts["ignore-not-found"]
    if (opts["all"] or opts["selector"] or opts["field-selector"]) and not opts.was_set("ignore-not-found"):
        ignore_not_found = True
    if opts["raw"]:
        raise CommandError("--raw is not available in this playground")
    if opts["kustomize"]:
        raise CommandError("kustomize is not available in this playground")
    targets, trailing = _targets(ctx, opts)
    if opts["output"] and opts["output"] != "name":
        raise CommandError(f"unexpected -o output mode: {opts['output']}. We only support '-o name'")
    if grace == 0 and opts["force"]:
        ctx.write_err(FORCE_WARNING)
    elif grace > 0 and opts["force"]:
        raise CommandError("--force and --grace-period greater than 0 cannot be specified together")
    if opts["interactive"]:
        raise CommandError("--interactive is not available in this playground")
    warn_cluster_scope = ctx.namespace_explicit and not opts["all-namespaces"]
    verb = "force deleted" if grace == 0 else "deleted"
    verb += suffix(mode)
    errors: list[Exception] = []
    deleted: list[tuple[str, str, str, str]] = []
    found = 0
    for t in targets:
        if not isinstance(t, _Target):
            errors.append(t)
            continue
        found += 1
        if warn_cluster_scope and not t.rt.namespaced:
            ctx.write_err("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n")
            warn_cluster_scope = False
        if mode != "client":
            try:
                obj = ctx.pg.cluster.delete(t.rt.kind, t.namespace or None, t.name,
                                            grace_period=None if grace < 0 else grace, propagation=cascade,
                                            dry_run=mode == "server")
            except ApiError as e:
                if not (ignore_not_found and e.reason == "NotFound"):
                    errors.append(with_source(e, "deleting", t.source))
                continue
            deleted.append((t.rt.kind, obj["metadata"].get("namespace", ""), t.name, obj["metadata"].get("uid", "")))
        if opts["output"] == "name":
            ctx.write(f"{t.rt.qualified_kind}/{t.name}\n")
        else:
            ctx.write(f'{t.rt.qualified_kind} "{t.name}" {verb}\n')
    if trailing is not None:
        errors.append(trailing)
    if errors:
        raise CommandErrors(errors)
    if found == 0:
        ctx.write("No resources found\n")
        return 0
    if opts["wait"] and deleted and mode == "none":
        timeout = opts["timeout"] if opts["timeout"] > 0 else None
        return WaitForDeletion.start(ctx, deleted, timeout, 0)
    return 0


COMMAND = Command(
    "delete", "Delete resources by file names, stdin, resources and names, or by resources and label selector",
    "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]", run,
    flags=[
        Flag("all", BOOL, False, help="Delete all resources, in the namespace of the specified resource types."),
        Flag("all-namespaces", BOOL, False, "A", "If present, list the requested object(s) across all namespaces. "
             "Namespace in current context is ignored even if specified with --namespace."),
        Flag("cascade", STRING, "background", no_opt="background", help='Must be "background", "orphan", or '
             '"foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a '
             'ReplicationController). Defaults to background.'),
        Flag("dry-run", STRING, "none", no_opt="unchanged", help='Must be "none", "server", or "client". If client '
             "strategy, only print the object that would be sent, without sending it. If server strategy, submit "
             "server-side request without persisting the resource."),
        Flag("field-selector", STRING, "", help="Selector (field query) to filter on, supports '=', '==', and "
             "'!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of "
             "field queries per type."),
        Flag("filename", STRING_ARRAY, [], "f", "containing the resource to delete."),
        Flag("force", BOOL, False, help="If true, immediately remove resources from API and bypass graceful "
             "deletion. Note that immediate deletion of some resources may result in inconsistency or data loss "
             "and requires confirmation."),
        Flag("grace-period", INT, -1, help="Period of time in seconds given to the resource to terminate "
             "gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force "
             "is true (force deletion)."),
        Flag("ignore-not-found", BOOL, False, help='Treat "resource not found" as a successful delete. Defaults '
             'to "true" when --all is specified.'),
        Flag("interactive", BOOL, False, "i", "If true, delete resource only when user confirms."),
        Flag("kustomize", STRING, "", "k", "Process a kustomization directory. This flag can't be used together "
             "with -f or -R."),
        Flag("now", BOOL, False, help="If true, resources are signaled for immediate shutdown (same as "
             "--grace-period=1)."),
        Flag("output", STRING, "", "o", "Output mode. Use \"-o name\" for shorter output (resource/name)."),
        Flag("raw", STRING, "", help="Raw URI to DELETE to the server.  Uses the transport specified by the "
             "kubeconfig file."),
        Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful "
             "when you want to manage related manifests organized within the same directory."),
        Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
             "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of "
             "the specified label constraints."),
        Flag("timeout", DURATION, 0, help="The length of time to wait before giving up on a delete, zero means "
             "determine a timeout from the size of the object"),
        Flag("wait", BOOL, True, help="If true, wait for resources to be gone before returning. This waits for "
             "finalizers."),
    ],
    long="Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n"
         " JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources "
         "and names, or resources and label selector.\n\n"
         " Some resources, such as pods, support graceful deletion. These resources define a default period before "
         "they are forcibly terminated (the grace period) but you may override that value with the --grace-period "
         "flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the "
         "cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach "
         "the API server, termination may take significantly longer than the grace period. To force delete a "
         "resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. "
         "In absence of the support, the --grace-period flag is ignored.\n\n"
         " IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been "
         "terminated, which can leave those processes running until the node detects the deletion and completes "
         "graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name "
         "of the pod to identify themselves, force deleting those pods may result in multiple processes running "
         "on different machines using the same identification which may lead to data corruption or "
         "inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application "
         "can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the "
         "scheduler may place new pods on those nodes before the node has released those resources and causing "
         "those pods to be evicted immediately.\n\n"
         " Note that the delete command does NOT do resource version checks, so if someone submits an update to a "
         "resource right when you submit a delete, their update will be lost along with the rest of the "
         "resource.\n\n"
         " After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If "
         "you don't want to wait, you might want to run \"kubectl api-resources\" to refresh the discovery cache.",
    examples="# Delete a pod using the type and name specified in pod.json\nkubectl delete -f ./pod.json\n\n"
             "# Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n"
             "kubectl delete -k dir\n\n"
             "# Delete resources from all files that end with '.json'\nkubectl delete -f '*.json'\n\n"
             "# Delete a pod based on the type and name in the JSON passed into stdin\n"
             "cat pod.json | kubectl delete -f -\n\n"
             "# Delete pods and services with same names \"baz\" and \"foo\"\nkubectl delete pod,service baz foo\n\n"
             "# Delete pods and services with label name=myLabel\nkubectl delete pods,services -l name=myLabel\n\n"
             "# Delete a pod with minimal delay\nkubectl delete pod foo --now\n\n"
             "# Force delete a pod on a dead node\nkubectl delete pod foo --force\n\n"
             "# Delete all pods\nkubectl delete pods --all\n\n"
             "# Delete all pods only if the user confirms the deletion\nkubectl delete pods --all --interactive",
    group="Basic Commands (Intermediate)")

