"""``kubectl create -f FILE`` and ``kubectl create namespace NAME``."""

from __future__ import annotations

from cluster_core.api.errors import ApiError
from cluster_core.kubectl import manifests
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import dry_run_mode, map_manifest, source_error, suffix
from cluster_core.kubectl.output import print_objects, print_result_line
from cluster_core.kubectl.verbs.replace import set_last_applied

COMMON_OUTPUT_FLAGS = [
    Flag("output", STRING, "", "o", "Output format. One of: (json, yaml, name, go-template, go-template-file, "
         "template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    Flag("dry-run", STRING, "none", no_opt="unchanged", help='Must be "none", "server", or "client". If client '
         "strategy, only print the object that would be sent, without sending it. If server strategy, submit "
         "server-side request without persisting the resource."),
    Flag("show-managed-fields", BOOL, False, help="If true, keep the managedFields when printing objects in JSON "
         "or YAML format."),
    Flag("template", STRING, "", help="Template string or path to template file to use when -o=go-template, "
         "-o=go-template-file."),
    Flag("allow-missing-template-keys", BOOL, True, help="If true, ignore any errors in templates when a field "
         "or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    Flag("field-manager", STRING, "kubectl-create", help="Name of the manager used to track field ownership."),
    Flag("validate", STRING, "strict", no_opt="strict", help="Must be one of: strict (or true), warn, ignore (or "
         "false)."),
]

FILE_FLAGS = [
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files to use to create the resource"),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when "
         "you want to manage related manifests organized within the same directory."),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
         "with -f or -R."),
]


def validate_flag(value: str) -> bool:
    if value in ("strict", "true", "warn"):
        return True
    if value in ("ignore", "false"):
        return False
    raise CommandError(f'invalid - validate option "{value}"; must be one of: strict (or true), warn, ignore '
                       "(or false)")


def run(ctx, opts) -> int:
    if not opts["filename"]:
        if opts.args:
            raise UsageError("Unexpected args: [" + " ".join(opts.args) + "]")
        raise CommandError("must specify one of -f and -k")
    mode = dry_run_mode(opts["dry-run"], ctx)
    validate = validate_flag(opts["validate"])
    items = manifests.load(ctx, opts["filename"], opts["recursive"])
    failed = False
    created = []
    for m in items:
        try:
            target = map_manifest(ctx, m, validate)
            if opts["save-config"]:
                if target.rt.namespaced:
                    m.obj.setdefault("metadata", {}).setdefault("namespace", target.namespace)
                set_last_applied(m.obj)
            if mode == "client":
                obj = dict(m.obj)
                if target.rt.namespaced:
                    obj.setdefault("metadata", {}).setdefault("namespace", target.namespace)
                created.append(obj)
            else:
                obj = ctx.pg.cluster.create(m.obj, namespace=target.namespace or None, dry_run=(mode == "server"))
                created.append(obj)
            if not opts["output"]:
                print_result_line(ctx, obj, "created" + suffix(mode))
        except ApiError as e:
            failed = True
            ctx.write_err(source_error(e, "creating", m.source))
        except CommandError as e:
            failed = True
            ctx.write_err(f"error: {e}\n")
    if opts["output"] and created:
        print_objects(ctx, created, opts["output"], single=len(created) == 1)
    return 1 if failed else 0


def run_namespace(ctx, opts) -> int:
    if len(opts.args) != 1:
        raise UsageError("exactly one NAME is required, got " + str(len(opts.args)))
    mode = dry_run_mode(opts["dry-run"], ctx)
    obj = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"creationTimestamp": None, "name": opts.args[0]},
           "spec": {}, "status": {}}
    if mode != "client":
        obj = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": opts.args[0]}}
        obj = ctx.pg.cluster.create(obj, dry_run=(mode == "server"))
    if opts["output"]:
        print_objects(ctx, [obj], opts["output"], single=True)
    else:
        print_result_line(ctx, obj, "created" + suffix(mode))
    return 0


NAMESPACE = Command(
    "namespace", "Create a namespace with the specified name",
    "kubectl create namespace NAME [--dry-run=server|client|none] [options]", run_namespace,
    flags=COMMON_OUTPUT_FLAGS + [Flag("save-config", BOOL, False, help="If true, the configuration of current "
                                      "object will be saved in its annotation.")],
    aliases=("ns",), long="Create a namespace with the specified name.",
    examples="# Create a new namespace named my-namespace\nkubectl create namespace my-namespace")

COMMAND = Command(
    "create", "Create a resource from a file or from stdin", "kubectl create -f FILENAME [options]", run,
    flags=FILE_FLAGS + COMMON_OUTPUT_FLAGS + [
        Flag("save-config", BOOL, False, help="If true, the configuration of current object will be saved in its "
             "annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform "
             "kubectl apply on this object in the future."),
        Flag("edit", BOOL, False, help="Edit the API resource before creating"),
        Flag("raw", STRING, "", help="Raw URI to POST to the server.  Uses the transport specified by the "
             "kubeconfig file."),
        Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
             "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
             "specified label constraints."),
        Flag("windows-line-endings", BOOL, False, help="Only relevant if --edit=true. Defaults to the line ending "
             "native to your platform.")],
    long="Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.",
    examples="# Create a pod using the data in pod.json\nkubectl create -f ./pod.json\n\n"
             "# Create a pod based on the JSON passed into stdin\ncat pod.json | kubectl create -f -\n\n"
             "# Edit the data in registry.yaml in JSON then create the resource using the edited data\n"
             "kubectl create -f registry.yaml --edit -o json",
    group="Basic Commands (Beginner)",
    subcommands={"namespace": NAMESPACE, "ns": NAMESPACE})
