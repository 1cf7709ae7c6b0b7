"""``kubectl create -f FILE``, ``kubectl create namespace NAME`` and ``create deployment`` (its own module).

``create -f`` follows kubectl 1.33's RunCreate over the resource builder: files that do not exist
are reported before anything happens; each object is created in file order and printed as it is
(``pod/x created``, or ``-o``: one printer for all, so YAML documents get ``---`` between them);
errors are collected: the server's (``error when creating "x.yaml": ...``) and a namespace that
does not match ``-n`` in order, then what the builder met while reading (parse errors, objects
without kind, kinds the server does not have). Nothing created and nothing wrong: ``no objects
passed to create``. The other ``create`` subcommands are listed as kubectl lists them; this
playground does not simulate what they make.
"""

from __future__ import annotations

import json
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.kubectl.command import Command, CommandError, CommandErrors, UsageError
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import dry_run_mode, suffix, visit_files, with_source
from cluster_core.kubectl.output import ObjectPrinter, check_print_format, print_result_line, typed_order
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.verbs import create_deployment
from cluster_core.kubectl.verbs.replace import create_checked, set_last_applied, validation_directive

VALIDATE_HELP = ('Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to '
                 "validate the input and fail the request if invalid. It will perform server side validation if "
                 "ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable "
                 'client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking '
                 "the request if server-side field validation is enabled on the API server, and behave as "
                 '"ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently '
                 "dropping any unknown or duplicate fields.")
SAVE_CONFIG_HELP = ("If true, the configuration of current object will be saved in its annotation. Otherwise, the "
                    "annotation will be unchanged. This flag is useful when you want to perform kubectl apply on "
                    "this object in the future.")
DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be sent, '
                "without sending it. If server strategy, submit server-side request without persisting the "
                "resource.")

COMMON_OUTPUT_FLAGS = [
    *print_flags(),
    Flag("dry-run", STRING, "none", no_opt="unchanged", help=DRY_RUN_HELP),
    Flag("field-manager", STRING, "kubectl-create", help="Name of the manager used to track field ownership."),
    Flag("save-config", BOOL, False, help=SAVE_CONFIG_HELP),
    Flag("validate", STRING, "strict", no_opt="strict", help=VALIDATE_HELP),
]

FILE_FLAGS = [
    Flag("edit", BOOL, False, help="Edit the API resource before creating"),
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files to use to create the resource"),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
         "with -f or -R."),
    Flag("raw", STRING, "", help="Raw URI to POST to the server.  Uses the transport specified by the kubeconfig "
         "file."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
         "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the "
         "specified label constraints."),
    Flag("windows-line-endings", BOOL, False, help="Only relevant if --edit=true. Defaults to the line ending "
         "native to your platform."),
]


def validate_flag(value: str) -> bool:
    """``--validate``: whether kubectl checks kind and apiVersion itself before sending."""
    return validation_directive(value) != "Ignore"


def run(ctx: Any, opts: Any) -> int:
    if opts.args:
        raise UsageError("Unexpected args: [" + " ".join(opts.args) + "]")
    mode = dry_run_mode(opts["dry-run"], ctx)
    directive = validation_directive(opts["validate"])
    output = opts["output"]
    check_print_format(output)
    if opts["raw"]:
        raise CommandError("--raw is not available in this playground")
    if opts["edit"]:
        raise CommandError("--edit is not available in this playground; create the file, edit it, then create -f")
    if opts["kustomize"]:
        raise CommandError("kustomize is not available in this playground")
    if not opts["filename"]:
        raise CommandError("must specify one of -f and -k")
    visit = visit_files(ctx, opts["filename"], opts["recursive"], validate=directive != "Ignore")
    printer = ObjectPrinter(ctx, output)
    errors: list[Exception] = []
    count = 0
    for t in visit.items:
        if isinstance(t, CommandError):
            errors.append(t)
            continue
        obj = dict(t.obj)
        if t.rt.namespaced:
            obj["metadata"] = {**(obj.get("metadata") or {}), "namespace": t.namespace}
        if opts["save-config"]:
            set_last_applied(obj)
        try:
            if mode != "client":
                obj = create_checked(ctx.pg, obj, directive, ctx.write_err, dry_run=(mode == "server"))
        except ApiError as e:
            errors.append(with_source(e, "creating", t.manifest.source))
            continue
        count += 1
        if output:
            printer.print(obj)
        else:
            print_result_line(ctx, obj, "created" + suffix(mode))
    trailing = visit.trailing_error()
    if trailing is not None:
        errors.append(trailing)
    if errors:
        raise CommandErrors(errors)
    if count == 0:
        raise CommandError("no objects passed to create")
    return 0


def run_namespace(ctx: Any, opts: Any) -> int:
    if len(opts.args) != 1:
        raise UsageError("exactly one NAME is required, got " + str(len(opts.args)))
    mode = dry_run_mode(opts["dry-run"], ctx)
    check_print_format(opts["output"])
    obj: dict[str, Any] = {"kind": "Namespace", "apiVersion": "v1",
                           "metadata": {"name": opts.args[0], "creationTimestamp": None}, "spec": {}, "status": {}}
    if opts["save-config"]:
        # the typed object's compact JSON (struct order), as CreateOrUpdateAnnotation marshals it
        applied = json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n"
        obj["metadata"] = {"name": opts.args[0], "creationTimestamp": None,
                           "annotations": {"kubectl.kubernetes.io/last-applied-configuration": applied}}
    if mode != "client":
        sent = {"apiVersion": "v1", "kind": "Namespace", "metadata": {
            k: v for k, v in obj["metadata"].items() if k != "creationTimestamp"}}
        obj = typed_order(ctx.pg.cluster.create(sent, dry_run=(mode == "server")))
    if opts["output"]:
        ObjectPrinter(ctx, opts["output"], typed=True).print(obj)
    else:
        print_result_line(ctx, obj, "created" + suffix(mode))
    return 0


def _unavailable(what: str) -> Any:
    def run_it(ctx: Any, opts: Any) -> int:
        raise CommandError(f"kubectl create {what} is not available in this playground")
    return run_it


# kubectl 1.33's create subcommands: (name, short, usage, aliases).
_OTHER_SUBCOMMANDS = (
    ("clusterrole", "Create a cluster role", "kubectl create clusterrole NAME --verb=verb --resource=resource.group "
     "[--resource-name=resourcename] [--dry-run=server|client|none] [options]", ()),
    ("clusterrolebinding", "Create a cluster role binding for a particular cluster role",
     "kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] "
     "[--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]", ()),
    ("configmap", "Create a config map from a local file, directory or literal value",
     "kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] "
     "[--dry-run=server|client|none] [options]", ("cm",)),
    ("cronjob", "Create a cron job with the specified name", "kubectl create cronjob NAME --image=image "
     "--schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]", ("cj",)),
    ("deployment", "Create a deployment with the specified name",
     "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]", ("deploy",)),
    ("ingress", "Create an ingress with the specified name", "kubectl create ingress NAME --rule=host/path=service:port"
     "[,tls[=secret]]  [options]", ("ing",)),
    ("job", "Create a job with the specified name",
     "kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]", ()),
    ("poddisruptionbudget", "Create a pod disruption budget with the specified name",
     "kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] "
     "[options]", ("pdb",)),
    ("priorityclass", "Create a priority class with the specified name",
     "kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]",
     ("pc",)),
    ("quota", "Create a quota with the specified name", "kubectl create quota NAME [--hard=key1=value1,key2=value2] "
     "[--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]", ("resourcequota",)),
    ("role", "Create a role with single rule", "kubectl create role NAME --verb=verb --resource=resource.group/"
     "subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]", ()),
    ("rolebinding", "Create a role binding for a particular role or cluster role",
     "kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] "
     "[--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]", ()),
    ("secret", "Create a secret using a specified subcommand", "kubectl create secret (docker-registry | generic | "
     "tls) [options]", ()),
    ("service", "Create a service using a specified subcommand", "kubectl create service [flags] [options]", ("svc",)),
    ("serviceaccount", "Create a service account with the specified name",
     "kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]", ("sa",)),
    ("token", "Request a service account token", "kubectl create token SERVICE_ACCOUNT_NAME [options]", ()),
)

NAMESPACE = Command(
    "namespace", "Create a namespace with the specified name",
    "kubectl create namespace NAME [--dry-run=server|client|none] [options]", run_namespace,
    flags=COMMON_OUTPUT_FLAGS, aliases=("ns",), long="Create a namespace with the specified name.",
    examples="# Create a new namespace named my-namespace\nkubectl create namespace my-namespace")

DEPLOYMENT = create_deployment.command(COMMON_OUTPUT_FLAGS)

_SUBCOMMANDS: dict[str, Command] = {"namespace": NAMESPACE, "ns": NAMESPACE, "deployment": DEPLOYMENT,
                                    "deploy": DEPLOYMENT}
for _name, _short, _usage, _aliases in _OTHER_SUBCOMMANDS:
    if _name in _SUBCOMMANDS:
        continue
    _cmd = Command(_name, _short, _usage, _unavailable(_name), aliases=_aliases,
                   long=f"{_short}.\n\n This playground does not simulate it.", available=False)
    _SUBCOMMANDS[_name] = _cmd
    for _a in _aliases:
        _SUBCOMMANDS[_a] = _cmd

COMMAND = Command(
    "create", "Create a resource from a file or from stdin", "kubectl create -f FILENAME [options]", run,
    flags=FILE_FLAGS + COMMON_OUTPUT_FLAGS,
    long="Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.",
    examples="# Create a pod using the data in pod.json\nkubectl create -f ./pod.json\n\n"
             "# Create a pod based on the JSON passed into stdin\ncat pod.json | kubectl create -f -\n\n"
             "# Edit the data in registry.yaml in JSON then create the resource using the edited data\n"
             "kubectl create -f registry.yaml --edit -o json",
    group="Basic Commands (Beginner)", subcommands=_SUBCOMMANDS)
