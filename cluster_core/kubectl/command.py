"""The shape every kubectl verb shares: flags, help text as data, and a run function.

Like kubectl's own commands: each verb module builds one :class:`Command` with its flags, short
and long help and examples; ``run(ctx, parsed)`` completes and validates its options, then acts
and prints. Help is rendered here in kubectl's layout so every verb's ``-h`` looks alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING_ARRAY, STRING_SLICE, Flag

if TYPE_CHECKING:
    from cluster_core.kubectl.context import KubectlContext
    from cluster_core.kubectl.flags import Parsed

RunFn = Callable[["KubectlContext", "Parsed"], Any]


class UsageError(Exception):
    """A wrong invocation: printed as ``error: <msg>`` plus ``See 'kubectl VERB -h' for help and examples``."""


class CommandError(Exception):
    """A failure kubectl reports as ``error: <msg>`` (exit 1)."""


class CommandErrors(CommandError):
    """Several failures at once (kubectl's aggregate): one alone prints as ``error: <msg>``,
    several as one message per line without the prefix. Items are CommandErrors or ApiErrors."""

    def __init__(self, errors: list[Exception]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)


@dataclass
class Command:
    name: str
    short: str
    usage: str
    run: RunFn
    flags: list[Flag] = field(default_factory=list)
    long: str = ""
    examples: str = ""
    aliases: tuple[str, ...] = ()
    group: str = "Other Commands"
    subcommands: dict[str, Command] = field(default_factory=dict)
    available: bool = True  # False: listed as kubectl lists it, but not simulated (any arguments accepted)

    def help_text(self, path: str = "") -> str:
        """``kubectl VERB --help`` in kubectl's layout: long text, examples, options, usage."""
        out = [(self.long or self.short).rstrip("\n") + "\n"]
        if self.aliases:
            out.append("\nAliases:\n" + ", ".join((self.name,) + self.aliases) + "\n")
        if self.examples:
            out.append("\nExamples:\n" + _indent_examples(self.examples) + "\n")
        if self.subcommands:
            out.append("\nAvailable Commands:\n")
            subs = {n: c for n, c in self.subcommands.items() if c.name == n}  # aliases are not listed
            width = max(11, *(len(n) for n in subs)) + 3  # cobra pads names to at least 11
            for n, sub in sorted(subs.items()):
                out.append(f"  {n.ljust(width)}{sub.short}\n")
        if self.flags:
            out.append("\nOptions:\n")
            out.append(flag_usages(self.flags).rstrip("\n") + "\n")
        out.append(f"\nUsage:\n  {self.usage}\n\n")
        if self.subcommands:
            full = f"kubectl {path or self.name}"
            out.append(f'Use "{full} <command> --help" for more information about a given command.\n')
        out.append('Use "kubectl options" for a list of global command-line options (applies to all commands).\n')
        return "".join(out)


def flag_usages(flags: list[Flag]) -> str:
    """pflag's FlagUsages as kubectl prints them: sorted by name, each followed by a blank line."""
    out = []
    for f in sorted(flags, key=lambda f: f.name):
        name = f"-{f.short}, --{f.name}" if f.short else f"--{f.name}"
        out.append(f"    {name}={_default(f)}:\n\t{f.help}\n\n")
    return "".join(out)


def _default(f: Flag) -> str:
    if f.shown is not None:
        return f.shown
    if f.type == BOOL:
        return "true" if f.default else "false"
    if f.type in (STRING_ARRAY, STRING_SLICE):
        return "[" + ",".join(f.default or []) + "]"
    if f.type == INT:
        return str(f.default if f.default is not None else 0)
    if f.type == DURATION:
        return _go_duration(f.default or 0)
    return "'" + str(f.default if f.default is not None else "") + "'"


def _go_duration(seconds: float) -> str:
    if seconds == 0:
        return "0s"
    s = int(seconds)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return (f"{h}h" if h else "") + (f"{m}m" if h or m else "") + f"{sec}s"


def _indent_examples(text: str) -> str:
    lines = text.strip("\n").splitlines()
    return "\n".join(("  " + ln.strip()) if ln.strip() else "  " for ln in lines)


def json_dumps(obj: Any) -> str:
    """kubectl's JSON printer: 4-space indent, no HTML escaping, a final newline."""
    return json.dumps(obj, indent=4, ensure_ascii=False) + "\n"
