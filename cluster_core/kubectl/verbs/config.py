"""``kubectl config``: view, current-context, get-contexts, get-clusters, get-users, set-context,
use-context, rename-context, delete-context/-cluster/-user.

The kubeconfig lives in the student's ``~/.kube/config``, so ``set-context --current
--namespace=user-test`` changes the namespace every later command uses, as on a real machine.
As clientcmd does, named entries are kept sorted by name and the file is written the way kubectl
writes it (go-yaml, sorted keys, ``contexts: null`` when there are none); ``view -o json`` follows
the v1 Config struct's field order. Errors use kubectl 1.33's words; a wrong number of arguments
prints the subcommand's help and then ``error: Unexpected args: [...]``.
"""

from __future__ import annotations

import copy
from typing import Any

from cluster_core.kubectl.command import Command, CommandError, CommandErrors, UsageError
from cluster_core.kubectl.context import KUBECONFIG_PATH
from cluster_core.kubectl.flags import BOOL, HOME_DIR, STRING, Flag
from cluster_core.kubectl.output import _go_json_ordered, check_format, print_objects, split_format
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.printers import to_yaml
from cluster_core.kubectl.printers.tabwriter import table

CONFIG_FILE = f"{HOME_DIR}/{KUBECONFIG_PATH}"
_SECTIONS = (("clusters", "cluster"), ("users", "user"), ("contexts", "context"))
# The v1 Config struct's field order (view -o json) and its named entries' inner orders.
_ORDER = {"cluster": ("server", "tls-server-name", "insecure-skip-tls-verify", "certificate-authority",
                      "certificate-authority-data", "proxy-url", "disable-compression", "extensions"),
          "user": ("client-certificate", "client-certificate-data", "client-key", "client-key-data", "token",
                   "tokenFile", "as", "as-uid", "as-groups", "as-user-extra", "username", "password",
                   "auth-provider", "exec", "extensions"),
          "context": ("cluster", "user", "namespace", "extensions")}
_REDACT = {"certificate-authority-data": "DATA+OMITTED", "client-certificate-data": "DATA+OMITTED",
           "client-key-data": "DATA+OMITTED", "token": "REDACTED", "password": "REDACTED"}


class HelpError(CommandError):
    """clientcmd's helpErrorf: the subcommand's help on stdout, then the error."""


def _normalized(cfg: dict[str, Any]) -> dict[str, Any]:
    """The kubeconfig as clientcmd holds it: each named section a list sorted by name (or null)."""
    out = copy.deepcopy(cfg)
    for section, _ in _SECTIONS:
        entries = [e for e in out.get(section) or [] if isinstance(e, dict)]
        out[section] = sorted(entries, key=lambda e: str(e.get("name", ""))) or None
    out.setdefault("apiVersion", "v1")
    out.setdefault("kind", "Config")
    out.setdefault("preferences", {})
    out["current-context"] = str(out.get("current-context") or "")
    return out


def _entries(cfg: dict[str, Any], section: str) -> list[dict[str, Any]]:
    return list(cfg.get(section) or [])


def _find(cfg: dict[str, Any], section: str, name: str) -> dict[str, Any] | None:
    return next((e for e in _entries(cfg, section) if e.get("name") == name), None)


def _save(ctx: Any, cfg: dict[str, Any]) -> None:
    ctx.files.write_text("~/" + KUBECONFIG_PATH, to_yaml(_normalized(cfg)))


def _ordered(cfg: dict[str, Any]) -> dict[str, Any]:
    """The v1 Config in Go's struct order: kind, apiVersion, preferences, clusters, users, contexts."""
    out: dict[str, Any] = {"kind": cfg.get("kind", "Config"), "apiVersion": cfg.get("apiVersion", "v1"),
                           "preferences": cfg.get("preferences") or {}}
    for section, inner in (("clusters", "cluster"), ("users", "user"), ("contexts", "context")):
        items = []
        for e in _entries(cfg, section):
            body = e.get(inner) or {}
            ordered = {k: body[k] for k in _ORDER[inner] if k in body}
            ordered.update({k: v for k, v in body.items() if k not in ordered})
            items.append({"name": e.get("name", ""), inner: ordered})
        out[section] = items
    out["current-context"] = cfg.get("current-context", "")
    return out


def _minify(cfg: dict[str, Any]) -> dict[str, Any]:
    current = cfg.get("current-context")
    if not current:
        raise CommandError("current-context must exist in order to minify")
    ctx_entry = _find(cfg, "contexts", current)
    if ctx_entry is None:
        raise CommandError(f"cannot locate context {current}")
    inner = ctx_entry.get("context") or {}
    out = dict(cfg, contexts=[ctx_entry], clusters=[], users=[])
    if inner.get("cluster"):
        cluster = _find(cfg, "clusters", inner["cluster"])
        if cluster is None:
            raise CommandError(f"cannot locate cluster {inner['cluster']}")
        out["clusters"] = [cluster]
    if inner.get("user"):
        user = _find(cfg, "users", inner["user"])
        if user is None:
            raise CommandError(f"cannot locate user {inner['user']}")
        out["users"] = [user]
    return out


def _shorten(cfg: dict[str, Any]) -> None:
    """ShortenConfig: certificate data and secrets are not shown without --raw."""
    for section, inner in (("clusters", "cluster"), ("users", "user")):
        for e in _entries(cfg, section):
            body = e.get(inner) or {}
            for k, shown in _REDACT.items():
                if body.get(k):
                    body[k] = shown


def view(ctx: Any, opts: Any) -> int:
    if opts.args:
        raise UsageError(f"unexpected arguments: [{' '.join(opts.args)}]")
    output = opts["output"]
    check_format(output)
    cfg = _normalized(ctx.kubeconfig())
    if opts["minify"]:
        cfg = _minify(cfg)
    if not opts["flatten"] and not opts["raw"]:
        _shorten(cfg)
    name = split_format(output)[0]
    if name == "json":
        ctx.write(_go_json_ordered(_ordered(cfg)))
    elif name == "yaml":
        ctx.write(to_yaml(cfg))
    elif name == "name":
        ctx.write("config/<unknown>\n")
    else:
        print_objects(ctx, [_ordered(cfg)], output, single=True)
    return 0


def current_context(ctx: Any, opts: Any) -> int:
    current = ctx.kubeconfig().get("current-context")
    if not current:
        raise CommandError("current-context is not set")
    ctx.write(f"{current}\n")
    return 0


def get_contexts(ctx: Any, opts: Any) -> int:
    output = opts["output"]
    if output not in ("", "name"):
        raise CommandError(f"--output {output} is not available in kubectl config get-contexts; resetting to "
                           "default output format")
    cfg = _normalized(ctx.kubeconfig())
    current = cfg.get("current-context")
    names = [str(c.get("name")) for c in _entries(cfg, "contexts")]
    errors: list[Exception] = []
    if opts.args:
        wanted = []
        for n in opts.args:
            if n in names:
                wanted.append(n)
            else:
                errors.append(CommandError(f"context {n} not found"))
        names = wanted
    names.sort()
    if output == "name":
        ctx.write("".join(f"{n}\n" for n in names))
    else:
        rows = [] if opts["no-headers"] else ["CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE"]
        for n in names:
            inner = (_find(cfg, "contexts", n) or {}).get("context") or {}
            mark = "*" if n == current else ""
            rows.append(f"{mark}\t{n}\t{inner.get('cluster', '')}\t{inner.get('user', '')}\t"
                        f"{inner.get('namespace', '')}")
        if rows:
            ctx.write(table("\n".join(rows) + "\n"))
    if errors:
        raise CommandErrors(errors)
    return 0


def _get_names(section: str) -> Any:
    def run_it(ctx: Any, opts: Any) -> int:
        cfg = _normalized(ctx.kubeconfig())
        ctx.write("NAME\n" + "".join(f"{e.get('name')}\n" for e in _entries(cfg, section)))
        return 0
    return run_it


def set_context(ctx: Any, opts: Any) -> int:
    cfg = _normalized(ctx.kubeconfig())
    if len(opts.args) > 1:
        raise HelpError(f"Unexpected args: [{' '.join(opts.args)}]")
    if opts["current"] and opts.args:
        raise CommandError("you cannot specify both a context name and --current")
    if opts["current"]:
        name = cfg.get("current-context")
        if not name:
            raise CommandError("no current context is set")
    elif opts.args and opts.args[0]:
        name = opts.args[0]
    else:
        raise CommandError("you must specify a non-empty context name or --current")
    contexts = _entries(cfg, "contexts")
    entry = _find(cfg, "contexts", name)
    existed = entry is not None
    if entry is None:
        entry = {"name": name, "context": {}}
        contexts.append(entry)
    inner = dict(entry.get("context") or {})
    for flag in ("cluster", "user", "namespace"):
        if opts.was_set(flag):
            if opts[flag]:
                inner[flag] = opts[flag]
            else:
                inner.pop(flag, None)
    entry["context"] = inner
    cfg["contexts"] = contexts
    _save(ctx, cfg)
    ctx.write(f'Context "{name}" {"modified" if existed else "created"}.\n')
    return 0


def use_context(ctx: Any, opts: Any) -> int:
    if len(opts.args) != 1:
        raise HelpError(f"Unexpected args: [{' '.join(opts.args)}]")
    cfg = _normalized(ctx.kubeconfig())
    name = opts.args[0]
    if _find(cfg, "contexts", name) is None:
        raise CommandError(f'no context exists with the name: "{name}"')
    cfg["current-context"] = name
    _save(ctx, cfg)
    ctx.write(f'Switched to context "{name}".\n')
    return 0


def rename_context(ctx: Any, opts: Any) -> int:
    if len(opts.args) != 2:
        raise HelpError(f"Unexpected args: [{' '.join(opts.args)}]")
    old, new = opts.args
    cfg = _normalized(ctx.kubeconfig())
    entry = _find(cfg, "contexts", old)
    if entry is None:
        raise CommandError(f'cannot rename the context "{old}", it\'s not in {CONFIG_FILE}')
    if _find(cfg, "contexts", new) is not None:
        raise CommandError(f'cannot rename the context "{old}", the context "{new}" already exists in {CONFIG_FILE}')
    entry["name"] = new
    if cfg.get("current-context") == old:
        cfg["current-context"] = new
    _save(ctx, cfg)
    ctx.write(f'Context "{old}" renamed to "{new}".\n')
    return 0


def _delete(section: str, noun: str) -> Any:
    def run_it(ctx: Any, opts: Any) -> int:
        if not opts.args:
            ctx.write(SUBCOMMANDS[f"delete-{noun}"].help_text(f"config delete-{noun}"))
            return 0
        name = opts.args[0]
        cfg = _normalized(ctx.kubeconfig())
        entry = _find(cfg, section, name)
        if entry is None:
            raise CommandError(f"cannot delete {noun} {name}, not in {CONFIG_FILE}")
        cfg[section] = [e for e in _entries(cfg, section) if e is not entry]
        if noun == "context" and cfg.get("current-context") == name:
            ctx.write_err('warning: this removed your active context, use "kubectl config use-context" to select '
                          "a different one\n")
        _save(ctx, cfg)
        ctx.write(f"deleted {noun} {name} from {CONFIG_FILE}\n")
        return 0
    return run_it


def _unavailable(name: str) -> Any:
    def run_it(ctx: Any, opts: Any) -> int:
        raise CommandError(f"kubectl config {name} is not available in this playground")
    return run_it


def _config_root(ctx: Any, opts: Any) -> int:
    if opts.args:
        raise UsageError(f'unknown command "{opts.args[0]}"')
    ctx.write_err(COMMAND.help_text("config"))
    return 1



SUBCOMMANDS: dict[str, Command] = {
    "current-context": Command(
        "current-context", "Display the current-context", "kubectl config current-context [flags] [options]",
        current_context, long="Display the current-context.",
        examples="# Display the current-context\nkubectl config current-context"),
    "delete-cluster": Command(
        "delete-cluster", "Delete the specified cluster from the kubeconfig", "kubectl config delete-cluster NAME "
        "[options]", _delete("clusters", "cluster"), long="Delete the specified cluster from the kubeconfig.",
        examples="# Delete the minikube cluster\nkubectl config delete-cluster minikube"),
    "delete-context": Command(
        "delete-context", "Delete the specified context from the kubeconfig", "kubectl config delete-context NAME "
        "[options]", _delete("contexts", "context"), long="Delete the specified context from the kubeconfig.",
        examples="# Delete the context for the minikube cluster\nkubectl config delete-context minikube"),
    "delete-user": Command(
        "delete-user", "Delete the specified user from the kubeconfig", "kubectl config delete-user NAME [options]",
        _delete("users", "user"), long="Delete the specified user from the kubeconfig.",
        examples="# Delete the minikube user\nkubectl config delete-user minikube"),
    "get-clusters": Command(
        "get-clusters", "Display clusters defined in the kubeconfig", "kubectl config get-clusters [flags] [options]",
        _get_names("clusters"), long="Display clusters defined in the kubeconfig.",
        examples="# List the clusters that kubectl knows about\nkubectl config get-clusters"),
    "get-contexts": Command(
        "get-contexts", "Describe one or many contexts",
        "kubectl config get-contexts [(-o|--output=)name)] [options]", get_contexts,
        flags=[Flag("no-headers", BOOL, False, help="When using the default or custom-column output format, don't "
                    "print headers (default print headers)."),
               Flag("output", STRING, "", "o", "Output format. One of: (name).")],
        long="Display one or many contexts from the kubeconfig file.",
        examples="# List all the contexts in your kubeconfig file\nkubectl config get-contexts\n\n"
                 "# Describe one context in your kubeconfig file\nkubectl config get-contexts my-context"),
    "get-users": Command(
        "get-users", "Display users defined in the kubeconfig", "kubectl config get-users [flags] [options]",
        _get_names("users"), long="Display users defined in the kubeconfig.",
        examples="# List the users that kubectl knows about\nkubectl config get-users"),
    "rename-context": Command(
        "rename-context", "Rename a context from the kubeconfig file",
        "kubectl config rename-context CONTEXT_NAME NEW_NAME [options]", rename_context,
        long="Renames a context from the kubeconfig file.\n\n CONTEXT_NAME is the context name that you want to "
             "change.\n\n NEW_NAME is the new name you want to set.\n\n Note: If the context being renamed is the "
             "'current-context', this field will also be updated.",
        examples="# Rename the context 'old-name' to 'new-name' in your kubeconfig file\n"
                 "kubectl config rename-context old-name new-name"),
    "set": Command("set", "Set an individual value in a kubeconfig file",
                   "kubectl config set PROPERTY_NAME PROPERTY_VALUE [options]", _unavailable("set"),
                   long="Set an individual value in a kubeconfig file.", available=False),
    "set-cluster": Command("set-cluster", "Set a cluster entry in kubeconfig",
                           "kubectl config set-cluster NAME [options]", _unavailable("set-cluster"),
                           long="Set a cluster entry in kubeconfig.", available=False),
    "set-context": Command(
        "set-context", "Set a context entry in kubeconfig",
        "kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] "
        "[--namespace=namespace] [options]", set_context,
        flags=[Flag("cluster", STRING, "", help="cluster for the context entry in kubeconfig"),
               Flag("current", BOOL, False, help="Modify the current context"),
               Flag("namespace", STRING, "", help="namespace for the context entry in kubeconfig"),
               Flag("user", STRING, "", help="user for the context entry in kubeconfig")],
        long="Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on "
             "top of existing values for those fields.",
        examples="# Set the user field on the gce context entry without touching other values\n"
                 "kubectl config set-context gce --user=cluster-admin"),
    "set-credentials": Command("set-credentials", "Set a user entry in kubeconfig",
                               "kubectl config set-credentials NAME [options]", _unavailable("set-credentials"),
                               long="Set a user entry in kubeconfig.", available=False),
    "unset": Command("unset", "Unset an individual value in a kubeconfig file",
                     "kubectl config unset PROPERTY_NAME [options]", _unavailable("unset"),
                     long="Unset an individual value in a kubeconfig file.", available=False),
    "use-context": Command(
        "use-context", "Set the current-context in a kubeconfig file", "kubectl config use-context CONTEXT_NAME "
        "[options]", use_context, aliases=("use",), long="Set the current-context in a kubeconfig file.",
        examples="# Use the context for the minikube cluster\nkubectl config use-context minikube"),
    "view": Command(
        "view", "Display merged kubeconfig settings or a specified kubeconfig file",
        "kubectl config view [flags] [options]", view,
        flags=[*print_flags(default="yaml"),
               Flag("flatten", BOOL, False, help="Flatten the resulting kubeconfig file into self-contained output "
                    "(useful for creating portable kubeconfig files)"),
               Flag("merge", BOOL, True, help="Merge the full hierarchy of kubeconfig files"),
               Flag("minify", BOOL, False, help="Remove all information not used by current-context from the "
                    "output"),
               Flag("raw", BOOL, False, help="Display raw byte data and sensitive data")],
        long="Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output "
             "jsonpath={...} to extract specific values using a jsonpath expression.",
        examples="# Show merged kubeconfig settings\nkubectl config view\n\n"
                 "# Show merged kubeconfig settings, raw certificate data, and exposed secrets\n"
                 "kubectl config view --raw\n\n# Get the password for the e2e user\n"
                 "kubectl config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'"),
}
SUBCOMMANDS["use"] = SUBCOMMANDS["use-context"]


def _with_help(cmd: Command) -> Command:
    """Wrap a subcommand so a HelpError prints its help first, as clientcmd's helpErrorf does."""
    inner = cmd.run

    def run_it(ctx: Any, opts: Any) -> int:
        try:
            return inner(ctx, opts)
        except HelpError:
            ctx.write(cmd.help_text(f"config {cmd.name}"))
            raise
    cmd.run = run_it
    return cmd


for _c in {id(c): c for c in SUBCOMMANDS.values()}.values():
    _with_help(_c)

COMMAND = Command(
    "config", "Modify kubeconfig files", "kubectl config SUBCOMMAND [options]", _config_root,
    long="Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".\n\n"
         " The loading order follows these rules:\n\n"
         "  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no "
         "merging takes place.\n"
         "  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path "
         "delimiting rules for your system). These paths are merged. When a value is modified, it is modified in "
         "the file that defines the stanza. When a value is created, it is created in the first file that exists. "
         "If no files in the chain exist, then it creates the last file in the list.\n"
         "  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.",
    subcommands=SUBCOMMANDS, group="Other Commands")
