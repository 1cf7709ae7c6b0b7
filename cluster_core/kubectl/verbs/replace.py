"""``kubectl replace -f FILE`` (a PUT of the whole object) and ``replace --force`` (delete, wait, create).

A PUT goes through the server's update validation, so changing a pod's ports is refused with the
real ``Forbidden: pod updates may not change fields other than ...``; that is why the tutorial uses
``replace --force``, which prints ``pod "x" deleted``, waits until the old pod is really gone (its
grace period) and then ``pod/x replaced``. The wait is a long-running command
(:class:`RecreateAfterDeletion`) driven by the shell like ``kubectl delete``'s.

Also here, shared with ``apply``: the last-applied annotation as kubectl writes it and the
``--validate`` flag's field-validation directive.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.objects import map_manifest, require_name, source_error
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.printers.gofmt import to_json as go_json
from cluster_core.kubectl.waiting import StepRunner, gone
from cluster_core.shell.jobs import register_long_running

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
FORCE_REPLACE_TIMEOUT = 300.0  # replace --force polls for the old object this long when --timeout is 0
TIMED_OUT = "error: timed out waiting for the condition\n"


# ---------------------------------------------------------------- shared with apply
def last_applied(obj: dict[str, Any]) -> str:
    """GetModifiedConfiguration(annotate=false) of an unstructured object: its compact JSON without the
    annotation (keys sorted, ``"annotations":{}`` kept, HTML characters escaped) plus the newline
    json.Encoder adds."""
    meta = dict(obj.get("metadata") or {})
    ann = {k: v for k, v in (meta.get("annotations") or {}).items() if k != LAST_APPLIED}
    meta["annotations"] = ann
    return go_json({**obj, "metadata": meta}) + "\n"


def set_last_applied(obj: dict[str, Any]) -> None:
    """CreateApplyAnnotation: store ``last_applied(obj)`` in the object's annotations."""
    text = last_applied(obj)
    meta = obj.setdefault("metadata", {})
    meta["annotations"] = {**(meta.get("annotations") or {}), LAST_APPLIED: text}


def validation_directive(value: str) -> str:
    """``--validate`` as the fieldValidation the server gets: Strict, Warn or Ignore."""
    if value in ("strict", "true"):
        return "Strict"
    if value == "warn":
        return "Warn"
    if value in ("ignore", "false"):
        return "Ignore"
    raise CommandError(f'invalid - validate option "{value}"; must be one of: strict (or true), warn, ignore '
                       "(or false)")


def info_string(rt: Any, namespace: str, name: str) -> str:
    """resource.Info.String(): the mapping and the object, as kubectl's long error messages quote it."""
    return (f'Resource: "{rt.group}/{rt.version}, Resource={rt.plural}", GroupVersionKind: "{rt.group}/'
            f'{rt.version}, Kind={rt.kind}"\nName: "{name}", Namespace: "{namespace}"')


def with_namespace(obj: dict[str, Any], rt: Any, namespace: str) -> dict[str, Any]:
    """The builder's DefaultNamespace: a namespaced object read from a file gets the namespace set."""
    obj = copy_obj(obj)
    if rt.namespaced:
        obj.setdefault("metadata", {})["namespace"] = namespace
    return obj


def create_checked(host: Any, obj: dict[str, Any], directive: str, write_err: Any,
                   dry_run: bool = False) -> dict[str, Any]:
    """POST with fieldValidation: unknown fields fail (Strict), warn (Warn) or are dropped (Ignore)."""
    from cluster_core.kubectl.verbs.patch import warn_or_strip_unknown

    obj = copy_obj(obj)
    warn_or_strip_unknown(obj, directive, write_err)
    return host.cluster.create(obj, dry_run=dry_run)


def cascade_policy(value: str) -> str:
    """``--cascade`` as a propagation policy, with kubectl's error for anything else."""
    policies = {"background": "Background", "true": "Background", "foreground": "Foreground",
                "orphan": "Orphan", "false": "Orphan"}
    if value not in policies:
        raise CommandError(f'invalid cascade value ({value}). Must be "background", "foreground", or "orphan"')
    return policies[value]


# ---------------------------------------------------------------- delete, wait, create
@register_long_running
class RecreateAfterDeletion(StepRunner):
    """Waits until deleted objects are gone, then creates their replacements and prints each."""

    kind = "kubectl.recreate"

    @classmethod
    def start(cls, ctx: Any, waiting: list[list[str]], creates: list[dict[str, Any]], timeout: float,
              code: int) -> Any:
        """An exit code when nothing needs waiting for, else the runner (``creates``: obj, word, output)."""
        return cls.begin(ctx, {"waiting": waiting, "creates": creates, "deadline": ctx.now + timeout, "code": code})

    def step(self, host: Any, out: Any) -> int | None:
        self.s["waiting"] = [t for t in self.s["waiting"] if not gone(host, *t)]
        if self.s["waiting"]:
            if host.clock.now >= self.s["deadline"]:
                out.write_err(TIMED_OUT)
                return 1
            return None
        code = self.s["code"]
        for item in self.s["creates"]:
            try:
                obj = create_checked(host, item["obj"], item.get("directive", "Strict"), out.write_err)
            except ApiError as e:
                out.write_err(render_api_error(e))
                code = 1
                continue
            print_result(out, obj, item["word"], item.get("output", ""))
        return code


def print_result(out: Any, obj: dict[str, Any], word: str, output: str) -> None:
    """The printer kubectl's PrintFlags picks: ``kind/name word``, ``-o name``, or a format."""
    rt = resources.BY_KIND[obj["kind"]]
    if not output:
        out.write(f"{rt.qualified_kind}/{obj['metadata']['name']} {word}\n")
    elif output == "name":
        out.write(f"{rt.qualified_kind}/{obj['metadata']['name']}\n")
    else:
        from cluster_core.kubectl.output import render

        out.write(render([obj], output, single=True))


# ---------------------------------------------------------------- the verb
def _prepare(obj: dict[str, Any], save_config: bool) -> dict[str, Any]:
    """CreateOrUpdateAnnotation: --save-config writes the annotation; one already there is refreshed."""
    if save_config or LAST_APPLIED in ((obj.get("metadata") or {}).get("annotations") or {}):
        set_last_applied(obj)
    return obj


def run(ctx: Any, opts: Any) -> Any:
    from cluster_core.kubectl.verbs.run import check_output_format, dry_run_strategy, suffix

    directive = validation_directive(opts["validate"])
    mode = dry_run_strategy(ctx, opts["dry-run"])
    check_output_format(opts["output"])
    grace = opts["grace-period"]
    if grace == 0:
        grace = 1  # kubectl turns --grace-period=0 into 1 and waits for the deletion
    if not opts["filename"]:
        raise CommandError("must specify one of -f and -k")
    if grace >= 0 and not opts["force"]:
        raise CommandError("--grace-period must have --force specified")
    if opts["timeout"] and not opts["force"]:
        raise CommandError("--timeout must have --force specified")
    items = manifests.load(ctx, opts["filename"], opts["recursive"])
    if opts["force"]:
        return _force(ctx, opts, items, grace, directive)
    failed = False
    for m in items:
        try:
            t = require_name(map_manifest(ctx, m, directive != "Ignore"))
            obj = _prepare(with_namespace(m.obj, t.rt, t.namespace), opts["save-config"])
            if mode == "client":
                print_result(ctx, obj, "replaced (dry run)", opts["output"])
                continue
            from cluster_core.kubectl.verbs.patch import warn_or_strip_unknown

            warn_or_strip_unknown(obj, directive, ctx.write_err)
            obj = ctx.pg.cluster.update(obj, dry_run=mode == "server")
            print_result(ctx, obj, "replaced" + suffix(mode), opts["output"])
        except ApiError as e:
            failed = True
            ctx.write_err(source_error(e, "replacing", m.source))
        except CommandError as e:
            failed = True
            ctx.write_err(f"error: {e}\n")
    return 1 if failed else 0


def _force(ctx: Any, opts: Any, items: list[Any], grace: int, directive: str) -> Any:
    """forceReplace: delete every object (missing ones are fine), wait until gone, create from the files."""
    cascade = cascade_policy(opts["cascade"])
    targets = []
    for m in items:
        t = map_manifest(ctx, m, directive != "Ignore")
        targets.append((m, t))
    waiting: list[list[str]] = []
    failed = False
    for _m, t in targets:
        try:
            old = ctx.pg.cluster.delete(t.rt.kind, t.namespace or None, t.name,
                                        grace_period=None if grace < 0 else grace, propagation=cascade)
        except ApiError as e:
            if e.reason != "NotFound":
                failed = True
                ctx.write_err(render_api_error(e))
            continue
        if opts["output"] == "name":
            ctx.write(f"{t.rt.qualified_kind}/{t.name}\n")
        else:
            ctx.write(f'{t.rt.qualified_kind} "{t.name}" deleted\n')
        waiting.append([t.rt.kind, t.namespace, t.name, old["metadata"].get("uid", "")])
    if failed:
        return 1
    creates = [{"obj": _prepare(with_namespace(m.obj, t.rt, t.namespace), opts["save-config"]),
                "word": "replaced", "output": opts["output"], "directive": directive} for m, t in targets]
    if not creates:
        raise CommandError("no objects passed to replace")
    timeout = opts["timeout"] if opts["timeout"] > 0 else FORCE_REPLACE_TIMEOUT
    return RecreateAfterDeletion.start(ctx, waiting, creates, timeout, 0)


FLAGS = [
    *print_flags(),
    Flag("cascade", STRING, "background", "", 'Must be "background", "orphan", or "foreground". Selects the '
         "deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults "
         "to background.", no_opt="background"),
    Flag("dry-run", STRING, "none", "", 'Must be "none", "server", or "client". If client strategy, only print the '
         "object that would be sent, without sending it. If server strategy, submit server-side request without "
         "persisting the resource.", no_opt="unchanged"),
    Flag("field-manager", STRING, "kubectl-replace", "", "Name of the manager used to track field ownership."),
    Flag("filename", STRING_ARRAY, [], "f", "The files that contain the configurations to replace."),
    Flag("force", BOOL, False, "", "If true, immediately remove resources from API and bypass graceful deletion. "
         "Note that immediate deletion of some resources may result in inconsistency or data loss and requires "
         "confirmation."),
    Flag("grace-period", INT, -1, "", "Period of time in seconds given to the resource to terminate gracefully. "
         "Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force "
         "deletion)."),
    Flag("kustomize", STRING, "", "k", "Process a kustomization directory. This flag can't be used together with "
         "-f or -R."),
    Flag("raw", STRING, "", "", "Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig "
         "file."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("save-config", BOOL, False, "", "If true, the configuration of current object will be saved in its "
         "annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform "
         "kubectl apply on this object in the future."),
    Flag("subresource", STRING, "", "", "If specified, replace will operate on the subresource of the requested "
         "object."),
    Flag("timeout", DURATION, 0.0, "", "The length of time to wait before giving up on a delete, zero means "
         "determine a timeout from the size of the object"),
    Flag("validate", STRING, "strict", "", 'Must be one of: strict (or true), warn, ignore (or false). "true" or '
         '"strict" will use a schema to validate the input and fail the request if invalid. It will perform server '
         "side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less "
         'reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without '
         "blocking the request if server-side field validation is enabled on the API server, and behave as "
         '"ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any '
         "unknown or duplicate fields.", no_opt="strict"),
    Flag("wait", BOOL, False, "", "If true, wait for resources to be gone before returning. This waits for "
         "finalizers."),
]

COMMAND = Command(
    "replace", "Replace a resource by file name or stdin", "kubectl replace -f FILENAME [options]", run,
    flags=FLAGS,
    long="Replace a resource by file name or stdin.\n\n"
         " JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must "
         "be provided. This can be obtained by\n\n"
         "        $ kubectl get TYPE NAME -o yaml",
    examples="# Replace a pod using the data in pod.json\nkubectl replace -f ./pod.json\n\n"
             "# Replace a pod based on the JSON passed into stdin\ncat pod.json | kubectl replace -f -\n\n"
             "# Update a single-container pod's image version (tag) to v4\n"
             "kubectl get pod mypod -o yaml | sed 's/\\(image: myimage\\):.*$/\\1:v4/' | kubectl replace -f -\n\n"
             "# Force replace, delete and then re-create the resource\nkubectl replace --force -f ./pod.json",
    group="Advanced Commands")
