"""``kubectl`` itself: global flags, verb dispatch, help, and errors printed as kubectl prints them.

The root command behaves as kubectl 1.33's cobra root does: the command word is found the way
``cobra.Command.Find`` finds it (flags before it are skipped, an unknown ``--flag`` is taken to
swallow the next word), an unknown word gets cobra's suggestions ("Did you mean this?"), flags in
front of an unknown word get kubectl's plugin error, and ``kubectl help [command]`` works.
Commands real kubectl has but this playground does not simulate are listed in the help as the
real one lists them, and say so when run.
"""

from __future__ import annotations

import importlib
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.kubectl import flags as fl
from cluster_core.kubectl.command import Command, CommandError, CommandErrors, UsageError, flag_usages
from cluster_core.kubectl.context import KubectlContext

VERB_MODULES = (
    "get", "describe", "create", "apply", "delete", "replace", "run", "label", "annotate", "scale",
    "wait", "logs", "port_forward", "exec", "explain", "cluster_info", "version", "api_resources",
    "config", "edit", "events", "cordon", "taint", "patch", "rollout", "expose", "set",
)

# kubectl 1.33's root commands in the order cobra holds them (the order of its suggestions), with
# the short descriptions its help shows. ``options`` and ``alpha`` are not in the help listing.
ROOT_COMMANDS: tuple[tuple[str, str], ...] = (
    ("create", "Create a resource from a file or from stdin"),
    ("expose", "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes "
               "service"),
    ("run", "Run a particular image on the cluster"),
    ("set", "Set specific features on objects"),
    ("explain", "Get documentation for a resource"),
    ("get", "Display one or many resources"),
    ("edit", "Edit a resource on the server"),
    ("delete", "Delete resources by file names, stdin, resources and names, or by resources and label selector"),
    ("rollout", "Manage the rollout of a resource"),
    ("scale", "Set a new size for a deployment, replica set, or replication controller"),
    ("autoscale", "Auto-scale a deployment, replica set, stateful set, or replication controller"),
    ("certificate", "Modify certificate resources"),
    ("cluster-info", "Display cluster information"),
    ("top", "Display resource (CPU/memory) usage"),
    ("cordon", "Mark node as unschedulable"),
    ("uncordon", "Mark node as schedulable"),
    ("drain", "Drain node in preparation for maintenance"),
    ("taint", "Update the taints on one or more nodes"),
    ("describe", "Show details of a specific resource or group of resources"),
    ("logs", "Print the logs for a container in a pod"),
    ("attach", "Attach to a running container"),
    ("exec", "Execute a command in a container"),
    ("port-forward", "Forward one or more local ports to a pod"),
    ("proxy", "Run a proxy to the Kubernetes API server"),
    ("cp", "Copy files and directories to and from containers"),
    ("auth", "Inspect authorization"),
    ("debug", "Create debugging sessions for troubleshooting workloads and nodes"),
    ("events", "List events"),
    ("diff", "Diff the live version against a would-be applied version"),
    ("apply", "Apply a configuration to a resource by file name or stdin"),
    ("patch", "Update fields of a resource"),
    ("replace", "Replace a resource by file name or stdin"),
    ("wait", "Experimental: Wait for a specific condition on one or many resources"),
    ("kustomize", "Build a kustomization target from a directory or URL"),
    ("label", "Update the labels on a resource"),
    ("annotate", "Update the annotations on a resource"),
    ("completion", "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)"),
    ("config", "Modify kubeconfig files"),
    ("plugin", "Provides utilities for interacting with plugins"),
    ("version", "Print the client and server version information"),
    ("api-versions", 'Print the supported API versions on the server, in the form of "group/version"'),
    ("api-resources", "Print the supported API resources on the server"),
    ("options", "Print the list of flags inherited by all commands"),
)
_SHORT = dict(ROOT_COMMANDS)

GROUPS = (
    ("Basic Commands (Beginner)", ("create", "expose", "run", "set")),
    ("Basic Commands (Intermediate)", ("explain", "get", "edit", "delete")),
    ("Deploy Commands", ("rollout", "scale", "autoscale")),
    ("Cluster Management Commands", ("certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint")),
    ("Troubleshooting and Debugging Commands", ("describe", "logs", "attach", "exec", "port-forward", "proxy",
                                                "cp", "auth", "debug", "events")),
    ("Advanced Commands", ("diff", "apply", "patch", "replace", "wait", "kustomize")),
    ("Settings Commands", ("label", "annotate", "completion")),
    ("Subcommands provided by plugins", ()),
    ("Other Commands", ("api-resources", "api-versions", "config", "plugin", "version")),
)

# cobra's SuggestFor: words that suggest a command whatever their distance.
SUGGEST_FOR = {"get": ("list", "ps"), "wait": ("list", "ps"), "delete": ("rm",)}

_COMMANDS: dict[str, Command] | None = None


def commands() -> dict[str, Command]:
    """Every verb this kubectl knows, by name and alias (modules that are missing are skipped)."""
    global _COMMANDS
    if _COMMANDS is None:
        table: dict[str, Command] = {}
        for mod in VERB_MODULES:
            try:
                module = importlib.import_module(f"cluster_core.kubectl.verbs.{mod}")
            except ModuleNotFoundError as e:
                if e.name and e.name.startswith("cluster_core.kubectl.verbs."):
                    continue
                raise
            for cmd in getattr(module, "COMMANDS", [getattr(module, "COMMAND", None)]):
                if cmd is None:
                    continue
                table[cmd.name] = cmd
                for a in cmd.aliases:
                    table.setdefault(a, cmd)
        table["options"] = OPTIONS
        _COMMANDS = table
    return _COMMANDS


def _usage_body() -> str:
    """The root command's usage: the command groups, then how to get more help."""
    out = []
    for title, names in GROUPS:
        out.append(f"{title}:\n")
        out.extend(f"  {n.ljust(16)}{_SHORT[n]}\n" for n in names)
        out.append("\n")
    out.append("Usage:\n  kubectl [flags] [options]\n\n"
               'Use "kubectl <command> --help" for more information about a given command.\n'
               'Use "kubectl options" for a list of global command-line options (applies to all commands).\n')
    return "".join(out)


def root_help() -> str:
    """``kubectl`` / ``kubectl --help``: kubectl 1.33's command list, word for word."""
    return ("kubectl controls the Kubernetes cluster manager.\n\n"
            " Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n" + _usage_body())


def options_text() -> str:
    """``kubectl options``: the flags every command inherits."""
    return "The following options can be passed to any command:\n\n" + flag_usages(fl.GLOBAL_FLAGS)


def _run_options(ctx: KubectlContext, opts: fl.Parsed) -> int:
    ctx.write(options_text())
    return 0


OPTIONS = Command("options", _SHORT["options"], "kubectl options [flags] [options]", _run_options,
                  long="Print the list of flags inherited by all commands")


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def suggest(word: str) -> list[str]:
    """cobra's SuggestionsFor: distance at most 2 (case-insensitive), a prefix, or a SuggestFor word,
    in the order the commands were added to the root."""
    low = word.lower()
    out = []
    for name, _ in ROOT_COMMANDS:
        if _levenshtein(low, name) <= 2 or name.startswith(low):
            out.append(name)
        out.extend(name for s in SUGGEST_FOR.get(name, ()) if s == low)
    return out


def unknown_command(word: str) -> str:
    msg = f'error: unknown command "{word}" for "kubectl"\n'
    sugg = suggest(word)
    if sugg:
        msg += "\nDid you mean this?\n" + "".join(f"\t{s}\n" for s in sugg)
    return msg


def render_api_error(e: ApiError) -> str:
    """kubectl's checkErr: Invalid errors list their causes; others are ``Error from server (Reason)``."""
    if e.reason == "Invalid" and not e.causes:
        return "The request is invalid\n" if not e.kind else f'The {e.kind} "{e.name}" is invalid\n'
    if not e.reason:
        return f"Error from server: {e.message}\n"
    if e.reason == "Invalid" and e.causes:
        if len(e.causes) == 1:
            return f'The {e.kind} "{e.name}" is invalid: {e.causes[0]}\n'
        lines = "".join(f"* {c}\n" for c in e.causes)
        return f'The {e.kind} "{e.name}" is invalid: \n{lines}'
    return f"Error from server ({e.reason}): {e.message}\n"


def _flat_messages(errors: list[Any]) -> list[str]:
    out: list[str] = []
    for e in errors:
        if isinstance(e, CommandErrors):
            out.extend(_flat_messages(e.errors))
        elif str(e) not in out:
            out.append(str(e))
    return out


def aggregate_message(errors: list[Any]) -> str:
    """utilerrors' Aggregate.Error(): nested aggregates flattened, repeats dropped, ``[a, b]``."""
    msgs = _flat_messages(errors)
    return msgs[0] if len(msgs) == 1 else "[" + ", ".join(msgs) + "]"


def error_message(e: Exception | str) -> str:
    """One error as a line of kubectl's MultipleErrors (no ``error: `` prefix, API errors with theirs)."""
    if isinstance(e, ApiError):
        return f"Error from server ({e.reason}): {e.message}" if e.reason else f"Error from server: {e.message}"
    if isinstance(e, CommandErrors):
        return aggregate_message(e.errors)
    return str(e)


def render_errors(errors: list[Any]) -> str:
    """kubectl's checkErr for what a command collected: one error as kubectl prints a lone error
    (``error: ...``, ``Error from server (...)``, ``The Pod "x" is invalid: ...``); several, one
    message per line with no ``error: `` prefix."""
    if not errors:
        return ""
    if len(errors) == 1:
        e = errors[0]
        if isinstance(e, CommandErrors):
            return render_errors(e.errors)
        if isinstance(e, ApiError):
            return render_api_error(e)
        text = str(e)
        return (text if text.startswith("error: ") else f"error: {text}") + ("" if text.endswith("\n") else "\n")
    return "".join(error_message(e).rstrip("\n") + "\n" for e in errors)


# ---------------------------------------------------------------- finding the command
def _skip_flag(argv: list[str], i: int, flags: list[fl.Flag]) -> int:
    """cobra's stripFlags: how many words the flag at ``argv[i]`` takes (an unknown ``--x`` or ``-x``
    without ``=`` is taken to have a value)."""
    a = argv[i]
    by_name = {f.name: f for f in flags}
    by_short = {f.short: f for f in flags if f.short}
    if a.startswith("--") and "=" not in a:
        f = by_name.get(a[2:])
        return 1 if f is not None and (f.type == fl.BOOL or f.no_opt is not None) else 2
    if not a.startswith("--") and "=" not in a and len(a) == 2:
        f = by_short.get(a[1])
        return 1 if f is not None and (f.type == fl.BOOL or f.no_opt is not None) else 2
    return 1


def _find(argv: list[str]) -> int | None:
    """Index of the command word, as cobra finds it at the root; None when there is none. cobra
    adds -h/--help only after this search, so here they count as unknown flags taking a value
    (``kubectl -h get`` prints the root help)."""
    flags = fl.GLOBAL_FLAGS
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            return None
        if a.startswith("-") and len(a) > 1:
            i += _skip_flag(argv, i, flags)
            continue
        return i
    return None


def _parse_root(ctx: KubectlContext, argv: list[str]) -> int:
    try:
        fl.parse(argv, fl.GLOBAL_FLAGS + [fl.HELP_FLAG])
    except fl.FlagError as e:
        ctx.write_err(f"error: {e}\nSee 'kubectl --help' for usage.\n")
        return 1
    ctx.write(root_help())
    return 0


def _help_command(ctx: KubectlContext, args: list[str]) -> int:
    """``kubectl help [command...]``."""
    try:
        parsed = fl.parse(args, fl.GLOBAL_FLAGS + [fl.HELP_FLAG])
    except fl.FlagError as e:
        ctx.write_err(f"error: {e}\nSee 'kubectl help --help' for usage.\n")
        return 1
    if parsed.get("help"):
        ctx.write("Help provides help for any command in the application.\n"
                  "Simply type kubectl help [path to command] for full details.\n\n"
                  "Usage:\n  kubectl help [command] [flags] [options]\n\n"
                  'Use "kubectl options" for a list of global command-line options (applies to all commands).\n')
        return 0
    words = parsed.args
    if not words:
        ctx.write(root_help())
        return 0
    cmd = commands().get(words[0])
    path = words[0]
    if cmd is not None:
        for w in words[1:]:
            sub = cmd.subcommands.get(w)
            if sub is None:
                break
            cmd, path = sub, f"{path} {w}"
    if cmd is None:
        topic = " ".join(f"`{w}`" for w in words)
        ctx.write_err(f"Unknown help topic [{topic}]\n\n\n" + _usage_body())
        return 0
    if cmd is not OPTIONS:
        ctx.write(cmd.help_text(path))
    return 0


def run(ctx: KubectlContext, argv: list[str]) -> Any:
    """Run ``kubectl ARGV``; returns an exit code, or a long-running command for the shell to drive."""
    i = _find(argv)
    if i is None:
        return _parse_root(ctx, argv)
    verb, args = argv[i], argv[:i] + argv[i + 1:]
    if verb == "help":
        return _help_command(ctx, args)
    cmd = commands().get(verb)
    if cmd is None:
        if i > 0:
            ctx.write_err(f"Error: flags cannot be placed before plugin name: {argv[0]}\n")
            return 1
        if verb in _SHORT:
            ctx.write_err(f"error: kubectl {verb} is not available in this playground\n")
            return 1
        ctx.write_err(unknown_command(verb))
        return 1
    return run_command(ctx, cmd, args, cmd.name)


def _first_word(args: list[str], flags: list[fl.Flag]) -> int | None:
    """Index of the first positional argument, skipping flags and the values they take."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return None
        if a.startswith("-") and len(a) > 1:
            i += _skip_flag(args, i, flags)
            continue
        return i
    return None


def _client_config_problem(ctx: KubectlContext, parsed: fl.Parsed) -> str:
    """What building the REST client would refuse (ToRESTConfig), before the command runs."""
    timeout = str(parsed.get("request-timeout") or "0")
    if not timeout.isdigit():
        try:
            fl.parse_duration(timeout)
        except ValueError:
            return ("Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a "
                    "corresponding time unit (e.g. 1s | 2m | 3h)")
    if (parsed.get("as-group") or parsed.get("as-uid")) and not parsed.get("as"):
        cfg = ctx.kubeconfig()
        current = cfg.get("current-context")
        user = next((str((c.get("context") or {}).get("user") or "") for c in cfg.get("contexts") or []
                     if isinstance(c, dict) and c.get("name") == current), "")
        return f"requesting uid, groups or user-extra for {user} without impersonating a user"
    return ""


def command_flags(cmd: Command) -> list[fl.Flag]:
    """A command's flags, then the inherited ones it does not define itself (a local flag shadows the
    global one of the same name, shorthand and all: ``config set-context -n`` is unknown), then -h."""
    names = {f.name for f in cmd.flags}
    return cmd.flags + [g for g in fl.GLOBAL_FLAGS if g.name not in names] + [fl.HELP_FLAG]


def run_command(ctx: KubectlContext, cmd: Command, args: list[str], path: str) -> Any:
    """Parse flags, then help or run; errors are printed as kubectl's checkErr prints them."""
    if cmd.subcommands:
        i = _first_word(args, command_flags(cmd))
        if i is not None and args[i] in cmd.subcommands:
            return run_command(ctx, cmd.subcommands[args[i]], args[:i] + args[i + 1:], f"{path} {args[i]}")
    if not cmd.available:
        before_dash = args[: args.index("--")] if "--" in args else args
        if "-h" in before_dash or "--help" in before_dash:
            ctx.write(cmd.help_text(path))
            return 0
        ctx.write_err(f"error: kubectl {path} is not available in this playground\n")
        return 1
    try:
        parsed = fl.parse(args, command_flags(cmd))
    except fl.FlagError as e:
        if cmd is OPTIONS:
            ctx.write_err(f"error: {e}\nRun 'kubectl options' without flags.\n")
        else:
            ctx.write_err(f"error: {e}\nSee 'kubectl {path} --help' for usage.\n")
        return 1
    if parsed.get("help"):
        if cmd is not OPTIONS:
            ctx.write(cmd.help_text(path))
        return 0
    ctx.namespace_flag = parsed.get("namespace") or ""
    if not path.startswith("config") and cmd is not OPTIONS and not (path == "version" and parsed.get("client")):
        problem = _client_config_problem(ctx, parsed)
        if problem:
            ctx.write_err(f"error: {problem}\n")
            return 1
    try:
        return cmd.run(ctx, parsed)
    except UsageError as e:
        ctx.write_err(f"error: {e}\nSee 'kubectl {path} -h' for help and examples\n")
        return 1
    except CommandErrors as e:
        ctx.write_err(render_errors(e.errors))
        return 1
    except CommandError as e:
        text = str(e)
        ctx.write_err(text if text.startswith(("error:", "Error")) and text.endswith("\n") else f"error: {text}\n")
        return 1
    except ApiError as e:
        ctx.write_err(render_api_error(e))
        return 1
