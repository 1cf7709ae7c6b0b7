"""``kubectl`` itself: global flags, verb dispatch, help, and errors printed as kubectl prints them."""

from __future__ import annotations

import importlib
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.kubectl import flags as fl
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.context import KubectlContext

VERB_MODULES = (
    "get", "describe", "create", "apply", "delete", "replace", "run", "label", "annotate", "scale",
    "wait", "logs", "port_forward", "exec", "explain", "cluster_info", "version", "api_resources",
    "config", "edit", "events", "cordon", "taint", "patch", "rollout", "options",
)

GROUPS = (
    ("Basic Commands (Beginner)", ("create", "expose", "run", "set")),
    ("Basic Commands (Intermediate)", ("explain", "get", "edit", "delete")),
    ("Deploy Commands", ("rollout", "scale", "autoscale")),
    ("Cluster Management Commands", ("certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint")),
    ("Troubleshooting and Debugging Commands", ("describe", "logs", "attach", "exec", "port-forward", "proxy",
                                                "cp", "auth", "debug", "events")),
    ("Advanced Commands", ("diff", "apply", "patch", "replace", "wait", "kustomize")),
    ("Settings Commands", ("label", "annotate", "completion")),
    ("Other Commands", ("api-resources", "api-versions", "config", "plugin", "version")),
)

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
        _COMMANDS = table
    return _COMMANDS


def root_help() -> str:
    cmds = commands()
    out = ["kubectl controls the Kubernetes cluster manager.\n\n",
           " Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n"]
    for title, names in GROUPS:
        present = [n for n in names if n in cmds and cmds[n].name == n]
        if not present:
            continue
        out.append(f"{title}:\n")
        for n in present:
            out.append(f"  {n.ljust(16)}{cmds[n].short}\n")
        out.append("\n")
    out.append("Usage:\n  kubectl [flags] [options]\n\n"
               'Use "kubectl <command> --help" for more information about a given command.\n'
               'Use "kubectl options" for a list of global command-line options (applies to all commands).\n')
    return "".join(out)


def _split_globals(argv: list[str]) -> tuple[list[str], int]:
    """Global flags may come before the verb (``kubectl --namespace=user-test get pods``)."""
    takes_value = {f"--{f.name}" for f in fl.GLOBAL_FLAGS if f.type != fl.BOOL}
    takes_value |= {f"-{f.short}" for f in fl.GLOBAL_FLAGS if f.short and f.type != fl.BOOL}
    i = 0
    while i < len(argv) and argv[i].startswith("-") and argv[i] not in ("-h", "--help"):
        if argv[i] in takes_value:
            i += 1
        i += 1
    return argv[:i], i


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _suggest(word: str) -> list[str]:
    """Cobra's suggestions: distance at most 2, or a prefix."""
    names = sorted({c.name for c in commands().values()})
    return [n for n in names if _levenshtein(word.lower(), n.lower()) <= 2 or n.startswith(word.lower())]


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


def run(ctx: KubectlContext, argv: list[str]) -> Any:
    """Run ``kubectl ARGV``; returns an exit code, or a long-running command for the shell to drive."""
    head, i = _split_globals(argv)
    rest = argv[i:]
    if not rest or rest[0] in ("-h", "--help"):
        if head and not rest:
            try:
                fl.parse(head, fl.GLOBAL_FLAGS)
            except fl.FlagError as e:
                ctx.write_err(f"error: {e}\nSee 'kubectl --help' for usage.\n")
                return 1
        ctx.write(root_help())
        return 0
    verb, args = rest[0], head + rest[1:]
    cmd = commands().get(verb)
    if cmd is None:
        msg = f'error: unknown command "{verb}" for "kubectl"'
        sugg = _suggest(verb)
        if sugg:
            msg += "\n\nDid you mean this?\n" + "".join(f"\t{s}\n" for s in sugg)
        else:
            msg += "\n"
        ctx.write_err(msg if msg.endswith("\n") else msg + "\n")
        return 1
    return run_command(ctx, cmd, args, cmd.name)


def _first_word(args: list[str], flags: list[fl.Flag]) -> int | None:
    """Index of the first positional argument, skipping flags and the values they take."""
    takes_value = {f"--{f.name}" for f in flags if f.type != fl.BOOL and f.no_opt is None}
    takes_value |= {f"-{f.short}" for f in flags if f.short and f.type != fl.BOOL and f.no_opt is None}
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return None
        if a.startswith("-") and len(a) > 1:
            i += 2 if a in takes_value else 1
            continue
        return i
    return None


def run_command(ctx: KubectlContext, cmd: Command, args: list[str], path: str) -> Any:
    if cmd.subcommands:
        i = _first_word(args, cmd.flags + fl.GLOBAL_FLAGS)
        if i is not None and args[i] in cmd.subcommands:
            return run_command(ctx, cmd.subcommands[args[i]], args[:i] + args[i + 1:], f"{path} {args[i]}")
    if "-h" in args or "--help" in args:
        before_dash = args[: args.index("--")] if "--" in args else args
        if "-h" in before_dash or "--help" in before_dash:
            ctx.write(cmd.help_text(path))
            return 0
    try:
        parsed = fl.parse(args, cmd.flags + fl.GLOBAL_FLAGS)
    except fl.FlagError as e:
        ctx.write_err(f"error: {e}\nSee 'kubectl {path} --help' for usage.\n")
        return 1
    ctx.namespace_flag = parsed.get("namespace") or ""
    try:
        return cmd.run(ctx, parsed)
    except UsageError as e:
        ctx.write_err(f"error: {e}\nSee 'kubectl {path} -h' for help and examples\n")
        return 1
    except CommandError as e:
        text = str(e)
        ctx.write_err(text if text.startswith(("error:", "Error")) and text.endswith("\n") else f"error: {text}\n")
        return 1
    except ApiError as e:
        ctx.write_err(render_api_error(e))
        return 1
