"""``kubectl apply -f FILE``: client-side apply, as kubectl v1.33 does it by default.

For each object in the files: create it when missing (``created``, with the last-applied annotation);
otherwise compute the three-way strategic merge patch from the last applied manifest (the
annotation), the new manifest and the live object. ``{}`` prints ``unchanged`` and writes nothing;
anything else is patched (``configured``): fields the manifest no longer has are removed, fields
others changed are put back, server defaults stay. A live object without the annotation gets
kubectl's warning and the annotation. Immutable fields fail with the server's own Invalid error
(``The Pod "x" is invalid: spec: Forbidden: ...``), unless ``--force`` deletes and recreates.

``apply view-last-applied`` and ``apply set-last-applied`` read and write the annotation.
"""

from __future__ import annotations

import json
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.objects import map_manifest, source_error
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.printers.gofmt import to_json as go_json
from cluster_core.kubectl.verbs import patch as patching
from cluster_core.kubectl.verbs.replace import (
    FORCE_REPLACE_TIMEOUT,
    LAST_APPLIED,
    RecreateAfterDeletion,
    cascade_policy,
    create_checked,
    info_string,
    last_applied,
    print_result,
    validation_directive,
    with_namespace,
)

WARNING_NO_LAST_APPLIED = (
    "Warning: resource {name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is "
    "required by kubectl apply. kubectl apply should only be used on resources created declaratively by either "
    "kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n")
WARNING_DELETING = "Warning: Detected changes to resource {name} which is currently being deleted.\n"


class _Outcome:
    """One object's result: the object to print and the word (created, configured, unchanged)."""

    def __init__(self, obj: dict[str, Any], word: str) -> None:
        self.obj = obj
        self.word = word


def _modified(obj: dict[str, Any]) -> dict[str, Any]:
    """GetModifiedConfiguration(annotate=true): the manifest carrying its own last-applied annotation."""
    out = copy_obj(obj)
    meta = out.setdefault("metadata", {})
    text = last_applied(out)
    meta["annotations"] = {**{k: v for k, v in (meta.get("annotations") or {}).items() if k != LAST_APPLIED},
                           LAST_APPLIED: text}
    return out


def _original(live: dict[str, Any]) -> dict[str, Any] | None:
    text = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _apply_one(ctx: Any, m: Any, opts: Any, mode: str, directive: str, force_queue: list[Any]) -> _Outcome | None:
    t = map_manifest(ctx, m, directive != "Ignore")
    obj = with_namespace(m.obj, t.rt, t.namespace)
    if not t.name:
        generate = str((obj.get("metadata") or {}).get("generateName") or "")
        if generate:
            raise CommandError(f"from {generate}: cannot use generate name with apply")
        raise CommandError(f"error when retrieving current configuration of:\n{info_string(t.rt, t.namespace, '')}"
                           f'\nfrom server for: "{m.source}": resource name may not be empty')
    modified = _modified(obj)
    live = ctx.server.get(t.rt.kind, t.namespace or None, t.name)
    if live is None:
        if mode == "client":
            return _Outcome(modified, "created")
        try:
            created = create_checked(ctx.pg, modified, directive, ctx.write_err, dry_run=mode == "server")
        except ApiError as e:
            raise _SourceError(source_error(e, "creating", m.source)) from None
        return _Outcome(created, "created")
    if mode == "client":
        return _Outcome(live, "configured")
    if LAST_APPLIED not in ((live.get("metadata") or {}).get("annotations") or {}):
        ctx.write_err(WARNING_NO_LAST_APPLIED.format(name=f"{t.rt.qualified_plural}/{t.name}"))
    try:
        patch = patching.three_way_patch(_original(live), modified, live, t.rt.kind)
    except patching.PatchError as e:
        raise CommandError(f"error when creating patch with:\noriginal:\n{json.dumps(_original(live))}\n"
                           f"modified:\n{go_json(modified)}\ncurrent:\n{go_json(live)}\nfor: \"{m.source}\": "
                           f"{e}") from None
    if not patch:
        _warn_if_deleting(ctx, live)
        return _Outcome(live, "unchanged")
    try:
        patched = patching.strategic_merge(live, patch, t.rt.kind)
        result = patching.server_patch(ctx, live, patched, dry_run=mode == "server", directive=directive)
    except patching.PatchError as e:
        raise _SourceError(_patch_error(ApiError(e.reason, 500, str(e)), patch, t, m.source)) from None
    except ApiError as e:
        if opts["force"] and e.reason in ("Invalid", "Conflict") and mode == "none":
            force_queue.append((t, modified))
            return None
        raise _SourceError(_patch_error(e, patch, t, m.source)) from None
    _warn_if_deleting(ctx, result)
    return _Outcome(result, "configured")


class _SourceError(Exception):
    """An error already rendered the way kubectl prints it for this object."""


def _patch_error(e: ApiError, patch: dict[str, Any], t: Any, source: str) -> str:
    """AddSourceToErr("applying patch:\\n<patch>\\nto:\\n<info>\\nfor:", ...): Invalid errors print their causes."""
    if e.reason == "Invalid" and e.causes:
        return render_api_error(e)
    text = (f"error when applying patch:\n{go_json(patch)}\nto:\n{info_string(t.rt, t.namespace, t.name)}\n"
            f'for: "{t.manifest.source}": {e.message}')
    if not e.reason:
        return f"Error from server: {text}\n"
    return f"Error from server ({e.reason}): {text}\n"


def _warn_if_deleting(ctx: Any, obj: dict[str, Any]) -> None:
    if (obj.get("metadata") or {}).get("deletionTimestamp"):
        ctx.write_err(WARNING_DELETING.format(name=obj["metadata"]["name"]))


def run(ctx: Any, opts: Any) -> Any:
    from cluster_core.kubectl.verbs.run import check_output_format, dry_run_strategy, suffix

    mode = dry_run_strategy(ctx, opts["dry-run"])
    if opts["force-conflicts"] and not opts["server-side"]:
        raise CommandError("--force-conflicts only works with --server-side")
    if mode == "client" and opts["server-side"]:
        raise CommandError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server "
                           "instead?)")
    cascade_policy(opts["cascade"])
    if not opts["filename"]:
        raise CommandError("must specify one of -f and -k")
    if opts["server-side"] and opts["force"]:
        raise CommandError("--force cannot be used with --server-side")
    if mode == "server" and opts["force"]:
        raise CommandError("--dry-run=server cannot be used with --force")
    directive = validation_directive(opts["validate"])
    check_output_format(opts["output"])
    if opts.args:
        raise UsageError("Unexpected args: [" + " ".join(opts.args) + "]")
    if opts["all"] and opts["selector"]:
        raise CommandError("cannot set --all and --selector at the same time")
    if opts["prune"] and not opts["all"] and not opts["selector"]:
        raise CommandError("all resources selected for prune without explicitly passing --all. To prune all "
                           "resources, pass the --all flag. If you did not mean to prune all resources, specify a "
                           "label selector")
    if opts["server-side"] or opts["prune"]:
        raise CommandError("this playground's kubectl supports client-side apply only (no --server-side, no "
                           "--prune)")
    items = manifests.load(ctx, opts["filename"], opts["recursive"])
    if opts["selector"]:
        items = _select(items, opts["selector"])
    if not items:
        raise CommandError("no objects passed to apply")
    failed = False
    outcomes: list[_Outcome] = []
    force_queue: list[Any] = []
    for m in items:
        try:
            outcome = _apply_one(ctx, m, opts, mode, directive, force_queue)
        except _SourceError as e:
            failed = True
            ctx.write_err(str(e))
            continue
        except ApiError as e:
            failed = True
            ctx.write_err(render_api_error(e))
            continue
        except CommandError as e:
            failed = True
            text = str(e)
            ctx.write_err(text if text.startswith("error:") else f"error: {text}\n")
            continue
        if outcome is None:
            continue
        outcomes.append(outcome)
        if not opts["output"] or opts["output"] == "name":
            print_result(ctx, outcome.obj, outcome.word + suffix(mode), opts["output"])
    if outcomes and opts["output"] and opts["output"] != "name":
        from cluster_core.kubectl.output import print_objects

        print_objects(ctx, [o.obj for o in outcomes], opts["output"], single=len(outcomes) == 1)
    code = 1 if failed else 0
    if force_queue:
        return _force_recreate(ctx, opts, force_queue, directive, code)
    return code


def _select(items: list[Any], selector: str) -> list[Any]:
    """``-l``: only the objects in the files whose labels match."""
    from cluster_core.api import selectors

    try:
        sel = selectors.parse(selector)
    except selectors.SelectorError as e:
        raise CommandError(str(e)) from None
    return [m for m in items if sel.matches(((m.obj.get("metadata") or {}).get("labels")) or {})]


def _force_recreate(ctx: Any, opts: Any, queue: list[Any], directive: str, code: int) -> Any:
    """Patcher.deleteAndCreate: an immutable change with --force deletes the object and creates it again."""
    grace = opts["grace-period"]
    waiting: list[list[str]] = []
    for t, _modified_obj in queue:
        try:
            old = ctx.pg.cluster.delete(t.rt.kind, t.namespace or None, t.name,
                                        grace_period=None if grace < 0 else grace,
                                        propagation=cascade_policy(opts["cascade"]))
            waiting.append([t.rt.kind, t.namespace, t.name, old["metadata"].get("uid", "")])
        except ApiError as e:
            if e.reason != "NotFound":
                ctx.write_err(render_api_error(e))
                code = 1
    creates = [{"obj": obj, "word": "configured", "output": opts["output"], "directive": directive}
               for _t, obj in queue]
    timeout = opts["timeout"] if opts["timeout"] > 0 else FORCE_REPLACE_TIMEOUT
    return RecreateAfterDeletion.start(ctx, waiting, creates, timeout, code)


# ---------------------------------------------------------------- view-last-applied / set-last-applied
def run_view(ctx: Any, opts: Any) -> int:
    output = opts["output"]
    for obj, source in _resolve_live(ctx, opts):
        if output not in ("yaml", "json"):
            raise UsageError(f"Unexpected -o output mode: {output}, the flag 'output' must be one of yaml|json")
        original = ((obj.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
        if original is None:
            if source:  # AddSourceToErr around a nil error, as kubectl really prints it
                raise CommandError(f"error when no last-applied-configuration annotation found on resource: "
                                   f'{obj["metadata"]["name"]}\n "{source}": <nil>')
            continue
        if output == "json":
            ctx.write(_indent_json(original))
        else:
            from cluster_core.kubectl import printers

            ctx.write(printers.to_yaml(json.loads(original)))
    return 0


def _indent_json(text: str) -> str:
    """encoding/json Indent with two spaces: key order kept, trailing newline preserved."""
    body = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    return body + text[len(text.rstrip()):]


def _resolve_live(ctx: Any, opts: Any) -> list[tuple[dict[str, Any], str]]:
    """The live objects named by -f, TYPE NAME, TYPE/NAME or TYPE -l; with the file each came from."""
    from cluster_core.kubectl.verbs.delete import NO_RESOURCES

    out: list[tuple[dict[str, Any], str]] = []
    if opts["filename"]:
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = map_manifest(ctx, m)
            live = ctx.server.get(t.rt.kind, t.namespace or None, t.name)
            if live is None:
                raise ApiError("NotFound", 404, f'{t.rt.qualified_plural} "{t.name}" not found')
            out.append((live, m.source))
        return out
    if not opts.args:
        raise CommandError(NO_RESOURCES)
    for s in resource_args.parse(opts.args):
        ns = ctx.namespace if s.rt.namespaced else None
        if s.names:
            for n in s.names:
                live = ctx.server.get(s.rt.kind, ns, n)
                if live is None:
                    raise ApiError("NotFound", 404, f'{s.rt.qualified_plural} "{n}" not found')
                out.append((live, ""))
        elif opts["selector"] or opts["all"]:
            out.extend((o, "") for o in ctx.server.list(s.rt.kind, ns, opts["selector"] or None))
        else:
            raise CommandError("resource(s) were provided, but no name was specified")
    return out


def run_set(ctx: Any, opts: Any) -> int:
    from cluster_core.kubectl.verbs.run import check_output_format, dry_run_strategy, suffix

    mode = dry_run_strategy(ctx, opts["dry-run"])
    check_output_format(opts["output"])
    if not opts["filename"]:
        raise CommandError("must specify one of -f and -k")
    failed = False
    for m in manifests.load(ctx, opts["filename"], False):
        t = map_manifest(ctx, m)
        live = ctx.server.get(t.rt.kind, t.namespace or None, t.name)
        if live is None:
            ctx.write_err(f'Error from server (NotFound): {t.rt.qualified_plural} "{t.name}" not found\n')
            failed = True
            continue
        if not opts["create-annotation"] and _original(live) is None:
            raise CommandError(f"no last-applied-configuration annotation found on resource: {t.name}, to create "
                               "the annotation, run the command with --create-annotation")
        text = last_applied(with_namespace(m.obj, t.rt, t.namespace))
        updated = copy_obj(live)
        updated["metadata"]["annotations"] = {**(updated["metadata"].get("annotations") or {}), LAST_APPLIED: text}
        if mode != "client":
            updated = patching.server_patch(ctx, live, updated, dry_run=mode == "server")
        print_result(ctx, updated, "configured" + suffix(mode), opts["output"])
    return 1 if failed else 0


def run_edit_last_applied(ctx: Any, opts: Any) -> int:
    raise CommandError("there is no editor in this playground: use 'kubectl apply view-last-applied' to see the "
                       "annotation and 'kubectl apply set-last-applied -f FILE' to change it")


_ApplyCommand = Command


_DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be '
                 "sent, without sending it. If server strategy, submit server-side request without persisting the "
                 "resource.")
_SELECTOR_HELP = ("Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l "
                  "key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified "
                  "label constraints.")
_RECURSIVE_HELP = ("Process the directory used in -f, --filename recursively. Useful when you want to manage "
                   "related manifests organized within the same directory.")
_VALIDATE_HELP = ('Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to '
                  "validate the input and fail the request if invalid. It will perform server side validation if "
                  "ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable "
                  'client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking '
                  "the request if server-side field validation is enabled on the API server, and behave as "
                  '"ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping '
                  "any unknown or duplicate fields.")
_LAST_APPLIED_FILES = "Filename, directory, or URL to files that contains the last-applied-configuration annotations"

VIEW = Command(
    "view-last-applied", "View the latest last-applied-configuration annotations of a resource/object",
    "kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]", run_view,
    flags=[
        Flag("all", BOOL, False, "", "Select all resources in the namespace of the specified resource types"),
        Flag("filename", STRING_ARRAY, [], "f", _LAST_APPLIED_FILES),
        Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
             "with -f or -R."),
        Flag("output", STRING, "yaml", "o", "Output format. Must be one of (yaml, json)"),
        Flag("recursive", BOOL, False, "R", _RECURSIVE_HELP),
        Flag("selector", STRING, "", "l", _SELECTOR_HELP),
    ],
    long="View the latest last-applied-configuration annotations by type/name or file.\n\n"
         " The default output will be printed to stdout in YAML format. You can use the -o option to change the "
         "output format.",
    examples="# View the last-applied-configuration annotations by type/name in YAML\n"
             "kubectl apply view-last-applied deployment/nginx\n\n"
             "# View the last-applied-configuration annotations by file in JSON\n"
             "kubectl apply view-last-applied -f deploy.yaml -o json")

SET = Command(
    "set-last-applied", "Set the last-applied-configuration annotation on a live object to match the contents of a "
    "file", "kubectl apply set-last-applied -f FILENAME [options]", run_set,
    flags=[
        *print_flags(),
        Flag("create-annotation", BOOL, False, "", "Will create 'last-applied-configuration' annotations if current "
             "objects doesn't have one"),
        Flag("dry-run", STRING, "none", "", _DRY_RUN_HELP, no_opt="unchanged"),
        Flag("filename", STRING_ARRAY, [], "f", _LAST_APPLIED_FILES),
    ],
    long="Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This "
         "results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run, "
         "without updating any other parts of the object.",
    examples="# Set the last-applied-configuration of a resource to match the contents of a file\n"
             "kubectl apply set-last-applied -f deploy.yaml\n\n"
             "# Execute set-last-applied against each configuration file in a directory\n"
             "kubectl apply set-last-applied -f path/\n\n"
             "# Set the last-applied-configuration of a resource to match the contents of a file; will create the "
             "annotation if it does not already exist\n"
             "kubectl apply set-last-applied -f deploy.yaml --create-annotation=true")

EDIT = Command(
    "edit-last-applied", "Edit latest last-applied-configuration annotations of a resource/object",
    "kubectl apply edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]", run_edit_last_applied,
    flags=[
        *print_flags(),
        Flag("field-manager", STRING, "kubectl-client-side-apply", "", "Name of the manager used to track field "
             "ownership."),
        Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files to use to edit the resource"),
        Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
             "with -f or -R."),
        Flag("recursive", BOOL, False, "R", _RECURSIVE_HELP),
        Flag("validate", STRING, "strict", "", _VALIDATE_HELP, no_opt="strict"),
        Flag("windows-line-endings", BOOL, False, "", "Defaults to the line ending native to your platform."),
    ],
    long="Edit the latest last-applied-configuration annotations of resources from the default editor.\n\n The "
         "edit-last-applied command allows you to directly edit any API resource you can retrieve via the "
         "command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, "
         "or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes "
         "are applied one at a time. The command accepts file names as well as command-line arguments, although "
         "the files you point to must be previously saved versions of resources.\n\n The default format is YAML. "
         'To edit in JSON, specify "-o json".\n\n The flag --windows-line-endings can be used to force Windows '
         "line endings, otherwise the default for your operating system will be used.\n\n In the event an error "
         "occurs while updating, a temporary file will be created on disk that contains your unapplied changes. "
         "The most common error when updating a resource is another editor changing the resource on the server. "
         "When this occurs, you will have to apply your changes to the newer version of the resource, or update "
         "your temporary saved copy to include the latest resource version.",
    examples="# Edit the last-applied-configuration annotations by type/name in YAML\n"
             "kubectl apply edit-last-applied deployment/nginx\n\n"
             "# Edit the last-applied-configuration annotations by file in JSON\n"
             "kubectl apply edit-last-applied -f deploy.yaml -o json")

FLAGS = [
    Flag("all", BOOL, False, "", "Select all resources in the namespace of the specified resource types."),
    *print_flags(),
    Flag("cascade", STRING, "background", "", 'Must be "background", "orphan", or "foreground". Selects the '
         "deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults "
         "to background.", no_opt="background"),
    Flag("dry-run", STRING, "none", "", _DRY_RUN_HELP, no_opt="unchanged"),
    Flag("field-manager", STRING, "kubectl-client-side-apply", "", "Name of the manager used to track field "
         "ownership."),
    Flag("filename", STRING_ARRAY, [], "f", "The files that contain the configurations to apply."),
    Flag("force", BOOL, False, "", "If true, immediately remove resources from API and bypass graceful deletion. "
         "Note that immediate deletion of some resources may result in inconsistency or data loss and requires "
         "confirmation."),
    Flag("force-conflicts", BOOL, False, "", "If true, server-side apply will force the changes against "
         "conflicts."),
    Flag("grace-period", INT, -1, "", "Period of time in seconds given to the resource to terminate gracefully. "
         "Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force "
         "deletion)."),
    Flag("kustomize", STRING, "", "k", "Process a kustomization directory. This flag can't be used together with "
         "-f or -R."),
    Flag("openapi-patch", BOOL, True, "", "If true, use openapi to calculate diff when the openapi presents and the "
         "resource can be found in the openapi spec. Otherwise, fall back to use baked-in types."),
    Flag("overwrite", BOOL, True, "", "Automatically resolve conflicts between the modified and live "
         "configuration by using values from the modified configuration"),
    Flag("prune", BOOL, False, "", "Automatically delete resource objects, that do not appear in the configs and "
         "are created by either apply or create --save-config. Should be used with either -l or --all."),
    Flag("prune-allowlist", STRING_ARRAY, [], "", "Overwrite the default allowlist with <group/version/kind> for "
         "--prune"),
    Flag("recursive", BOOL, False, "R", _RECURSIVE_HELP),
    Flag("selector", STRING, "", "l", _SELECTOR_HELP),
    Flag("server-side", BOOL, False, "", "If true, apply runs in the server instead of the client."),
    Flag("subresource", STRING, "", "", "If specified, apply will operate on the subresource of the requested "
         "object.  Only allowed when using --server-side."),
    Flag("timeout", DURATION, 0.0, "", "The length of time to wait before giving up on a delete, zero means "
         "determine a timeout from the size of the object"),
    Flag("validate", STRING, "strict", "", _VALIDATE_HELP, no_opt="strict"),
    Flag("wait", BOOL, False, "", "If true, wait for resources to be gone before returning. This waits for "
         "finalizers."),
]

COMMAND = _ApplyCommand(
    "apply", "Apply a configuration to a resource by file name or stdin", "kubectl apply (-f FILENAME | -k "
    "DIRECTORY) [options]", run, flags=FLAGS,
    long="Apply a configuration to a resource by file name or stdin. The resource name must be specified. This "
         "resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially "
         "with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.\n\n Alpha "
         "Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the "
         "current state is. See https://issues.k8s.io/34274.",
    examples="# Apply the configuration in pod.json to a pod\nkubectl apply -f ./pod.json\n\n"
             "# Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n"
             "kubectl apply -k dir/\n\n"
             "# Apply the JSON passed into stdin to a pod\ncat pod.json | kubectl apply -f -\n\n"
             "# Apply the configuration from all files that end with '.json'\nkubectl apply -f '*.json'\n\n"
             "# Note: --prune is still in Alpha\n"
             "# Apply the configuration in manifest.yaml that matches label app=nginx and delete all other "
             "resources that are not in the file and match label app=nginx\n"
             "kubectl apply --prune -f manifest.yaml -l app=nginx\n\n"
             "# Apply the configuration in manifest.yaml and delete all the other config maps that are not in the "
             "file\nkubectl apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap",
    group="Advanced Commands",
    subcommands={"view-last-applied": VIEW, "set-last-applied": SET, "edit-last-applied": EDIT})

