"""``kubectl edit``: the object's YAML in the editor pane, applied as a patch when saved.

kubectl's ``EditOptions.Run`` (``pkg/cmd/util/editor/editoptions.go``) is a loop around the editor;
here each turn of the loop is one save or cancel from the browser (:func:`after_editing`, called
by :class:`cluster_core.editor.EditorSession`), and everything kubectl keeps between turns lives in
the runner's JSON state. Each turn, as upstream:

- the editor's text is compared with what was first shown, comments stripped (``yaml.ToJSON``, or
  the lines without ``#`` when it does not parse): unchanged is ``Edit cancelled, no changes
  made.``; after an error, unchanged since the last try is ``error: Edit cancelled, no valid
  changes were saved.`` with ``A copy of your changes has been stored to "/tmp/kubectl-edit-...``;
- a file that does not parse reopens with ``# The edited file had a syntax error: ...`` on top;
- otherwise each object is matched to the original by UID and a strategic merge patch of the two
  is sent; apiVersion, kind and name may not change. A server answer of Invalid (a forbidden pod
  change) prints ``error: pods "x" is invalid`` and reopens the editor with the causes in the
  comment block; NotFound and other errors end the command, pointing at the saved temp file;
  success prints ``pod/x edited`` (or the object with ``-o yaml|json``).

The temporary file is written to ``/tmp/kubectl-edit-XXXXX.yaml`` in the student's file system
(five random letters, as ``tempFile`` makes them) and removed when kubectl would remove it.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from cluster_core.api import resources
from cluster_core.api.errors import ApiError, invalid_value
from cluster_core.api.resources import ResourceType
from cluster_core.editor import EditorSession
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.objects import map_manifest, require_name
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.printers import to_json, to_yaml
from cluster_core.kubectl.printers.gofmt import quote, sharp_v, sprint
from cluster_core.kubectl.printers.gofmt import to_json as go_json
from cluster_core.kubectl.verbs.delete import NO_RESOURCES
from cluster_core.kubectl.verbs.replace import print_result, set_last_applied, validation_directive
from cluster_core.shell.vfs import VfsError

HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
          "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
          "# reopened with the relevant failures.\n#\n")
TEMP_DIR = "/tmp"
TEMP_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
SOURCE = "edited-file"  # the name kubectl's builder gives the edited stream
NO_OBJECTS = "edit cancelled, no objects found"
NO_CHANGES = "Edit cancelled, no changes made.\n"
EMPTY_FILE = "Edit cancelled, saved file was empty.\n"
NO_VALID_CHANGES = "Edit cancelled, no valid changes were saved."
NAME_CHANGED = "At least one of apiVersion, kind and name was changed"


# ---------------------------------------------------------------- comments (cmdutil helpers, editoptions.go)
def manual_strip(text: str) -> str:
    """cmdutil.ManualStrip: drop the lines that are comments (``#!`` lines stay)."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        trimmed = line.strip()
        if trimmed.startswith("#") and not trimmed.startswith("#!"):
            continue
        out.append(line + ("\n" if i < len(lines) - 1 else ""))
    return "".join(out)


def strip_comments(text: str) -> str:
    """cmdutil.StripComments: the first document as JSON (JSON input as is), else :func:`manual_strip`."""
    if text.lstrip().startswith("{"):
        return text
    try:
        docs = yaml.load_all(text, Loader=manifests._Loader)  # noqa: S506 - a SafeLoader that refuses bombs
        first = next(iter(docs), None)
        return json.dumps(first, sort_keys=True, separators=(",", ":"), default=str)
    except (yaml.YAMLError, CommandError, ValueError, RecursionError):
        return manual_strip(text)


def has_lines(text: str) -> bool:
    """hasLines: some line is neither blank nor a comment."""
    return any(line.strip() and not line.strip().startswith("#") for line in text.split("\n"))


def hash_on_line_break(s: str) -> str:
    """hashOnLineBreak: a multi-line message stays a comment (``\\n`` -> ``\\n# `` unless a ``#`` follows)."""
    out: list[str] = []
    for i, ch in enumerate(s):
        if ch == "\n" and i + 1 < len(s) and s[i + 1] != "#":
            out.append("\n# ")
        else:
            out.append(ch)
    return "".join(out)


def header(reasons: list[dict[str, Any]]) -> str:
    """editHeader.writeTo: the fixed lines, then each reason the file was reopened for."""
    out = [HEADER]
    for r in reasons:
        out.append(f"# {hash_on_line_break(r['head'])}{':' if r['other'] else ''}\n")
        out.extend(f"# * {hash_on_line_break(o)}\n" for o in r["other"])
        out.append("#\n")
    return "".join(out)


# ---------------------------------------------------------------- temp files
def _temp_name(rng: Any, ext: str, exists: Any) -> str:
    """tempFile: ``/tmp/kubectl-edit-`` plus five random letters or digits, one that is not taken."""
    for _ in range(10000):
        path = f"{TEMP_DIR}/kubectl-edit-" + "".join(TEMP_LETTERS[rng.randrange(len(TEMP_LETTERS))]
                                                     for _ in range(5)) + ext
        if not exists(path):
            return path
    return path


def _open_error(path: str, err: VfsError) -> str:
    """Go's *PathError text for a temp file that could not be written."""
    return f"open {path}: {err.strerror.lower()}"


# ---------------------------------------------------------------- opening (Complete, Validate, first turn)
def _fetch(ctx: Any, opts: Any) -> list[dict[str, Any]]:
    """The objects to edit, latest from the server, as the builder resolves the arguments."""
    targets: list[tuple[ResourceType, str, str]] = []
    listed: list[dict[str, Any]] = []
    if opts["filename"]:
        if opts.args:
            raise CommandError("when paths, URLs, or stdin is provided as input, you may not specify resource "
                               "arguments as well")
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = require_name(map_manifest(ctx, m))
            targets.append((t.rt, t.namespace, t.name))
    elif not opts.args:
        raise CommandError(NO_RESOURCES)
    objs: list[dict[str, Any]] = []
    errors: list[str] = []
    for s in resource_args.parse(opts.args) if not opts["filename"] else []:
        ns = ctx.namespace if s.rt.namespaced else ""
        if s.names:
            targets.extend((s.rt, ns, n) for n in s.names)
        else:
            listed.extend(ctx.server.list(s.rt.kind, ns or None))
    for rt, ns, name in targets:
        obj = ctx.server.get(rt.kind, ns or None, name)
        if obj is None:
            errors.append(render_api_error(ApiError("NotFound", 404, f'{rt.qualified_plural} "{name}" not found')))
        else:
            objs.append(obj)
    if errors:
        raise CommandError("".join(errors))
    objs.extend(listed)
    for o in objs:
        (o.get("metadata") or {}).pop("managedFields", None)
    return objs


def run(ctx: Any, opts: Any) -> Any:
    """Fetch the objects, write the temp file, and open the editor (an :class:`EditorSession`)."""
    directive = validation_directive(opts["validate"])
    sub = opts["subresource"]
    if sub and sub != "status":
        raise CommandError(f'invalid subresource value: "{sub}". Must be one of [status]')
    if sub:
        raise CommandError("--subresource=status is not available in this playground")
    if opts["kustomize"]:
        raise CommandError("-k (kustomize) is not available in this playground")
    objs = _fetch(ctx, opts)
    if not objs:
        raise CommandError(NO_OBJECTS)
    output = opts["output"]
    if output not in ("", "yaml", "json"):
        raise CommandError(f'unable to match a printer suitable for the output format "{output}", allowed formats '
                           "are: json,yaml")
    fmt = "json" if output == "json" else "yaml"
    data = objs[0] if len(objs) == 1 else {"apiVersion": "v1", "items": objs, "kind": "List", "metadata": {}}
    buf = HEADER + to_yaml(data) if fmt == "yaml" else to_json(data)
    path = _temp_name(ctx.server.rng, "." + fmt, ctx.files.exists)
    try:
        ctx.files.write_text(path, buf)
    except VfsError as err:
        raise CommandError(_open_error(path, err)) from None
    edit = {"namespace": ctx.namespace, "format": fmt, "output": output, "directive": directive,
            "output_patch": bool(opts["output-patch"]), "save_config": bool(opts["save-config"]),
            "originals": objs, "original": buf, "edited": "", "contains_error": False, "reasons": [],
            "previous_file": ""}
    return EditorSession({"mode": "kubectl-edit", "program": "kubectl", "name": path, "path": path,
                          "content": buf, "message": "", "reply": None, "edit": edit})


# ---------------------------------------------------------------- one turn of the loop
class _Turn:
    """What one editor exit works with: the shell's context (output, files, cluster) and the state."""

    def __init__(self, ctx: Any, state: dict[str, Any]) -> None:
        self.ctx = ctx
        self.st = state
        self.e = state["edit"]
        self.file = state["path"]
        self.fs = ctx.fs

    def remove(self, path: str) -> None:
        try:
            self.fs.remove(path, now=self.ctx.now)
        except VfsError:
            pass

    def fail(self, message: str, file: str) -> int:
        """preservedFile + CheckErr: say where the changes are (if the file is there), then the error."""
        if file and self.fs.is_file(file):
            self.ctx.write_err(f"A copy of your changes has been stored to {quote(file)}\n")
        self.ctx.write_err(f"error: {message}\n")
        return 1

    def kubectl(self) -> Any:
        from cluster_core.kubectl.context import KubectlContext
        from cluster_core.terminal import KubectlFiles

        pg = getattr(self.ctx.host, "pg", self.ctx.host)
        kctx = KubectlContext(pg, KubectlFiles(self.ctx), namespace_flag=self.e["namespace"])
        kctx.write = self.ctx.write  # type: ignore[method-assign]
        kctx.write_err = self.ctx.write_err  # type: ignore[method-assign]
        return kctx

    def reopen(self, text: str, file: str) -> int | None:
        """Go round the loop: the edited text (comments dropped) under a header with the reasons."""
        e = self.e
        e["edited"] = text
        e["previous_file"] = file
        buf = (header(e["reasons"]) if e["format"] == "yaml" else "") + manual_strip(text)
        path = _temp_name(self.kubectl().server.rng, "." + e["format"], self.fs.exists)
        try:
            self.fs.write(path, buf, now=self.ctx.now)
        except VfsError as err:
            return self.fail(_open_error(path, err), file)
        self.st.update(path=path, name=path, content=buf)
        return None


def after_editing(ctx: Any, state: dict[str, Any], reply: dict[str, Any]) -> int | None:
    """The editor was closed (``save`` or ``cancel``): act as kubectl does; None when it reopens."""
    turn = _Turn(ctx, state)
    e, file = turn.e, turn.file
    if reply.get("action") == "save":
        text = str(reply.get("content", ""))
        try:
            turn.fs.write(file, text, now=ctx.now)
        except VfsError:
            pass
    else:
        text = turn.fs.read(file) if turn.fs.is_file(file) else state["content"]
    if e["contains_error"] and strip_comments(e["edited"]) == strip_comments(text):
        return turn.fail(NO_VALID_CHANGES, file)
    if e["previous_file"]:
        turn.remove(e["previous_file"])
        e["previous_file"] = ""
    if strip_comments(e["original"]) == strip_comments(text):
        turn.remove(file)
        ctx.write_err(NO_CHANGES)
        return 0
    if not has_lines(text):
        turn.remove(file)
        ctx.write_err(EMPTY_FILE)
        return 0
    try:
        updated = parse_edited(text)
    except CommandError as err:
        e["contains_error"] = True
        e["reasons"] = [{"head": f"The edited file had a syntax error: {err}", "other": []}]
        return turn.reopen(text, file)
    e["contains_error"] = False
    for obj, rt in updated:
        meta = obj.setdefault("metadata", {})
        if rt.namespaced:
            ns = str(meta.get("namespace") or "")
            if not ns:
                meta["namespace"] = e["namespace"]
            elif ns != e["namespace"]:
                return turn.fail(f'the namespace from the provided object "{ns}" does not match the namespace '
                                 f'"{e["namespace"]}". You must pass \'--namespace={ns}\' to perform this '
                                 "operation.", file)
        if e["save_config"]:
            set_last_applied(obj)
    results: dict[str, Any] = {"edit": 0, "retryable": 0, "notfound": 0, "reasons": []}
    code = _patch_all(turn, updated, results)
    if code is not None:
        return code
    if results["retryable"]:
        ctx.write_err(f"You can run `kubectl replace -f {file}` to try this update again.\n")
        return 1
    if results["notfound"]:
        ctx.write_err(f"The edits you made on deleted resources have been saved to {quote(file)}\n")
        return 1
    if not results["edit"]:
        turn.remove(file)
        return 0
    e["contains_error"] = True
    e["reasons"] = results["reasons"]
    return turn.reopen(text, file)


def parse_edited(text: str) -> list[tuple[dict[str, Any], ResourceType]]:
    """The builder over the edited stream: documents (Lists flattened), each mapped to its resource type."""
    out = []
    for obj in manifests.parse_documents(text, SOURCE):
        manifests.check_type_meta(manifests.Manifest(SOURCE, obj), validate=False)
        meta = obj.get("metadata")
        if meta is not None and not isinstance(meta, dict):
            raise CommandError(f'unable to decode "{SOURCE}": json: cannot unmarshal {type(meta).__name__} into Go '
                               f'struct field {obj.get("kind")}.metadata of type v1.ObjectMeta')
        rt = resources.for_api_version_kind(str(obj.get("apiVersion")), str(obj.get("kind")))
        if rt is None:
            meta = meta or {}
            raise CommandError(
                f'resource mapping not found for name: "{meta.get("name", "")}" namespace: '
                f'"{meta.get("namespace", "")}" from "{SOURCE}": no matches for kind "{obj.get("kind")}" in version '
                f'"{obj.get("apiVersion")}"\nensure CRDs are installed first')
        out.append((obj, rt))
    return out


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _patch_all(turn: _Turn, updated: list[tuple[dict[str, Any], ResourceType]], results: dict[str, Any]) -> int | None:
    """visitToPatch: one strategic merge patch per changed object; an exit code when the visit fails."""
    from cluster_core.kubectl.verbs.patch import PatchError, patched_object, server_patch, three_way_patch

    e = turn.e
    kctx = turn.kubectl()
    for obj, rt in updated:
        meta = obj["metadata"]
        uid = str(meta.get("uid") or "")
        original = next((o for o in e["originals"] if str(o["metadata"].get("uid") or "") == uid), None)
        if original is None:
            return turn.fail(f"no original object found for &unstructured.Unstructured{{Object:{sharp_v(obj)}}}",
                             turn.file)
        if _same(original, obj):
            print_result(kctx, obj, "skipped", e["output"])
            continue
        try:
            patch = three_way_patch(original, obj, original, rt.kind)  # CreateTwoWayMergePatch
        except PatchError as err:
            return turn.fail(str(err), turn.file)
        if {"apiVersion", "kind", "managedFields"} & set(patch) or \
                (isinstance(patch.get("metadata"), dict) and "name" in patch["metadata"]):
            return turn.fail(NAME_CHANGED, turn.file)
        if e["output_patch"]:
            turn.ctx.write(f"Patch: {go_json(patch)}\n")
        name = str(meta.get("name") or "")
        try:
            live = kctx.server.get(rt.kind, meta.get("namespace") if rt.namespaced else None, name)
            if live is None:
                raise ApiError("NotFound", 404, f'{rt.qualified_plural} "{name}" not found')
            patched = patched_object(live, "strategic", json.dumps(patch))
            if e["directive"] == "Strict":
                _refuse_unknown_fields(patched, patch, rt)
            result = server_patch(kctx, live, patched, directive=e["directive"])
        except ApiError as err:
            turn.ctx.write_err(_add_error(results, err, rt, name) + "\n")
            continue
        print_result(kctx, result, "edited", e["output"])
    return None


def _refuse_unknown_fields(patched: dict[str, Any], patch: dict[str, Any], rt: ResourceType) -> None:
    """applyPatchToObject with fieldValidation=Strict: unknown fields make the PATCH Invalid, the cause
    naming the patch as Go prints a map (``patch: Invalid value: "map[spec:map[foo:1]]": strict ...``)."""
    from cluster_core.api import schema

    problems = schema.decode(patched, rt.kind, rt.api_version)
    if not schema.is_strict(problems):
        return  # nothing unknown, or a type error the server reports itself
    cause = invalid_value("patch", sprint(patch), "strict decoding error: " + ", ".join(problems))
    raise ApiError("Invalid", 422, f' "" is invalid: {cause}', causes=[cause])


def _add_error(results: dict[str, Any], err: ApiError, rt: ResourceType, name: str) -> str:
    """editResults.addError: Invalid reopens the editor with the causes; the others end the edit."""
    res = rt.qualified_plural
    if err.reason == "Invalid":
        results["edit"] += 1
        results["reasons"].append({"head": f"{res} {quote(name)} was not valid",
                                   "other": [f"{c.path}: {c.body()}" for c in err.causes]})
        return f"error: {res} {quote(name)} is invalid"
    if err.reason == "NotFound":
        results["notfound"] += 1
        return f"error: {res} {quote(name)} could not be found on the server"
    results["retryable"] += 1
    return f"error: {res} {quote(name)} could not be patched: {err.message}"


# ---------------------------------------------------------------- the command
FLAGS = [
    *print_flags(),
    Flag("field-manager", STRING, "kubectl-edit", "", "Name of the manager used to track field ownership."),
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files to use to edit the resource"),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together with "
         "-f or -R."),
    Flag("output-patch", BOOL, False, "", "Output the patch if the resource is edited."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("save-config", BOOL, False, "", "If true, the configuration of current object will be saved in its "
         "annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform "
         "kubectl apply on this object in the future."),
    Flag("subresource", STRING, "", "", "If specified, edit will operate on the subresource of the requested "
         "object."),
    Flag("validate", STRING, "strict", "", 'Must be one of: strict (or true), warn, ignore (or false). "true" or '
         '"strict" will use a schema to validate the input and fail the request if invalid. It will perform server '
         "side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less "
         'reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without '
         "blocking the request if server-side field validation is enabled on the API server, and behave as "
         '"ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any '
         "unknown or duplicate fields.", no_opt="strict"),
    Flag("windows-line-endings", BOOL, False, "", "Defaults to the line ending native to your platform."),
]

COMMAND = Command(
    "edit", "Edit a resource on the server", "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]", run,
    flags=FLAGS,
    long="Edit a resource from the default editor.\n\n"
         " The edit command allows you to directly edit any API resource you can retrieve via the command-line "
         "tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back "
         "to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to "
         "use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the "
         "default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.\n\n"
         " You can edit multiple objects, although changes are applied one at a time. The command accepts file "
         "names as well as command-line arguments, although the files you point to must be previously saved "
         "versions of resources.\n\n"
         " Editing is done with the API version used to fetch the resource. To edit using a specific API version, "
         "fully-qualify the resource, version, and group.\n\n"
         ' The default format is YAML. To edit in JSON, specify "-o json".\n\n'
         " The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for "
         "your operating system will be used.\n\n"
         " In the event an error occurs while updating, a temporary file will be created on disk that contains your "
         "unapplied changes. The most common error when updating a resource is another editor changing the "
         "resource on the server. When this occurs, you will have to apply your changes to the newer version of "
         "the resource, or update your temporary saved copy to include the latest resource version.",
    examples="# Edit the service named 'registry'\nkubectl edit svc/registry\n\n"
             "# Use an alternative editor\nKUBE_EDITOR=\"nano\" kubectl edit svc/registry\n\n"
             "# Edit the job 'myjob' in JSON using the v1 API format\nkubectl edit job.v1.batch/myjob -o json\n\n"
             "# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation\n"
             "kubectl edit deployment/mydeployment -o yaml --save-config\n\n"
             "# Edit the 'status' subresource for the 'mydeployment' deployment\n"
             "kubectl edit deployment mydeployment --subresource='status'",
    group="Basic Commands (Intermediate)")
