"""``kubectl config``: view, current-context, get-contexts, set-context, use-context.

The kubeconfig lives in the student's ``~/.kube/config``, so ``set-context --current
--namespace=user-test`` changes the namespace every later command uses, as on a real machine.
"""

from __future__ import annotations

import yaml

from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, STRING, Flag
from cluster_core.kubectl.printers.tabwriter import table


def _redact(cfg: dict) -> dict:
    out = yaml.safe_load(yaml.safe_dump(cfg))
    for section, key in (("clusters", "cluster"), ("users", "user")):
        for entry in out.get(section) or []:
            inner = entry.get(key) or {}
            for k in list(inner):
                if k.endswith("-data"):
                    inner[k] = "DATA+OMITTED" if k != "client-key-data" else "DATA+OMITTED"
    return out


def _dump(cfg: dict) -> str:
    return yaml.safe_dump(cfg, default_flow_style=False, sort_keys=True)


def view(ctx, opts) -> int:
    cfg = ctx.kubeconfig()
    if opts["minify"]:
        current = cfg.get("current-context")
        ctxs = [c for c in cfg.get("contexts") or [] if c.get("name") == current]
        cluster = ctxs[0]["context"].get("cluster") if ctxs else None
        user = ctxs[0]["context"].get("user") if ctxs else None
        cfg["contexts"] = ctxs
        cfg["clusters"] = [c for c in cfg.get("clusters") or [] if c.get("name") == cluster]
        cfg["users"] = [u for u in cfg.get("users") or [] if u.get("name") == user]
    if not opts["raw"]:
        cfg = _redact(cfg)
    if opts["output"] == "json":
        import json

        ctx.write(json.dumps(cfg, indent=4) + "\n")
    else:
        ctx.write(_dump(cfg))
    return 0


def current_context(ctx, opts) -> int:
    current = ctx.kubeconfig().get("current-context")
    if not current:
        raise CommandError("current-context is not set")
    ctx.write(f"{current}\n")
    return 0


def get_contexts(ctx, opts) -> int:
    cfg = ctx.kubeconfig()
    current = cfg.get("current-context")
    contexts = cfg.get("contexts") or []
    if opts["output"] == "name":
        ctx.write("".join(f"{c.get('name')}\n" for c in contexts))
        return 0
    rows = [] if opts["no-headers"] else ["CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE"]
    for c in contexts:
        inner = c.get("context") or {}
        mark = "*" if c.get("name") == current else ""
        rows.append(f"{mark}\t{c.get('name')}\t{inner.get('cluster', '')}\t{inner.get('user', '')}\t"
                    f"{inner.get('namespace', '')}")
    ctx.write(table("\n".join(rows) + "\n"))
    return 0


def set_context(ctx, opts) -> int:
    cfg = ctx.kubeconfig()
    if opts["current"]:
        if opts.args:
            raise UsageError("you cannot specify a context name and --current")
        name = cfg.get("current-context")
        if not name:
            raise CommandError("no current context is set")
    elif len(opts.args) == 1:
        name = opts.args[0]
    else:
        raise UsageError("unexpected args: " + str(opts.args) if opts.args else "you must specify a non-empty "
                         "context name or --current")
    contexts = cfg.setdefault("contexts", []) or []
    cfg["contexts"] = contexts
    entry = next((c for c in contexts if c.get("name") == name), None)
    existed = entry is not None
    if entry is None:
        entry = {"name": name, "context": {}}
        contexts.append(entry)
    inner = entry.setdefault("context", {}) or {}
    entry["context"] = inner
    for flag in ("cluster", "user", "namespace"):
        if opts.was_set(flag):
            value = opts[flag]
            if value:
                inner[flag] = value
            else:
                inner.pop(flag, None)
    ctx.save_kubeconfig(cfg)
    ctx.write(f'Context "{name}" {"modified" if existed else "created"}.\n')
    return 0


def use_context(ctx, opts) -> int:
    if len(opts.args) != 1:
        raise UsageError("Unexpected args: " + str(opts.args)) if opts.args else UsageError(
            "empty context names are not allowed")
    cfg = ctx.kubeconfig()
    name = opts.args[0]
    if not any(c.get("name") == name for c in cfg.get("contexts") or []):
        raise CommandError(f'no context exists with the name: "{name}"')
    cfg["current-context"] = name
    ctx.save_kubeconfig(cfg)
    ctx.write(f'Switched to context "{name}".\n')
    return 0


def _config_root(ctx, opts) -> int:
    ctx.write(COMMAND.help_text("config"))
    return 0


_SUBS = {
    "view": Command("view", "Display merged kubeconfig settings or a specified kubeconfig file",
                    "kubectl config view [flags] [options]", view,
                    flags=[Flag("minify", BOOL, False, help="Remove all information not used by current-context "
                                "from the output"),
                           Flag("raw", BOOL, False, help="Display raw byte data and sensitive data"),
                           Flag("flatten", BOOL, False, help="Flatten the resulting kubeconfig file into "
                                "self-contained output"),
                           Flag("output", STRING, "yaml", "o", "Output format. One of: (json, yaml).")],
                    long="Display merged kubeconfig settings or a specified kubeconfig file.",
                    examples="# Show merged kubeconfig settings\nkubectl config view"),
    "current-context": Command("current-context", "Display the current-context",
                               "kubectl config current-context [options]", current_context,
                               long="Display the current-context.",
                               examples="# Display the current-context\nkubectl config current-context"),
    "get-contexts": Command("get-contexts", "Describe one or many contexts",
                            "kubectl config get-contexts [(-o|--output=)name)] [options]", get_contexts,
                            flags=[Flag("no-headers", BOOL, False, help="When using the default or custom-column "
                                        "output format, don't print headers (default print headers)."),
                                   Flag("output", STRING, "", "o", "Output format. One of: (name).")],
                            long="Display one or many contexts from the kubeconfig file.",
                            examples="# List all the contexts in your kubeconfig file\nkubectl config get-contexts"),
    "set-context": Command("set-context", "Set a context entry in kubeconfig",
                           "kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] "
                           "[--user=user_nickname] [--namespace=namespace] [options]", set_context,
                           flags=[Flag("current", BOOL, False, help="Modify the current context"),
                                  Flag("cluster", STRING, "", help="cluster for the context entry in kubeconfig"),
                                  Flag("user", STRING, "", help="user for the context entry in kubeconfig")],
                           long="Set a context entry in kubeconfig.\n\n Specifying a name that already exists will "
                                "merge new fields on top of existing values for those fields.",
                           examples="# Set the namespace of the current context\n"
                                    "kubectl config set-context --current --namespace=user-test"),
    "use-context": Command("use-context", "Set the current-context in a kubeconfig file",
                           "kubectl config use-context CONTEXT_NAME [options]", use_context,
                           aliases=("use",), long="Set the current-context in a kubeconfig file.",
                           examples="# Use the context for the minikube cluster\nkubectl config use-context minikube"),
}

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
    subcommands=_SUBS, group="Other Commands")
