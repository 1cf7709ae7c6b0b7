"""The printer flags (``--allow-missing-template-keys``, ``-o/--output``, ``--show-managed-fields``,
``--template``) that every printing verb shares: each verb's ``--help`` shows them exactly once, worded
as kubectl v1.33 words them, and every verb that has them takes them from ``print_flags``."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cluster_core.kubectl import print_flags as pf
from cluster_core.kubectl.command import Command, flag_usages
from cluster_core.kubectl.main import commands
from cluster_core.playground import Playground

ALLOW_MISSING = ("    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or "
                 "map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n")
SHOW_MANAGED = ("    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON "
                "or YAML format.\n\n")
TEMPLATE = ("    --template='':\n\tTemplate string or path to template file to use when -o=go-template, "
            "-o=go-template-file. The template format is golang templates "
            "[http://golang.org/pkg/text/template/#pkg-overview].\n\n")
FORMATS = ("json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, "
           "jsonpath-file")
OUTPUT = f"    -o, --output='':\n\tOutput format. One of: ({FORMATS}).\n\n"
OUTPUT_GET = (f"    -o, --output='':\n\tOutput format. One of: ({FORMATS}, custom-columns, custom-columns-file, "
              "wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang "
              "template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template "
              "[https://kubernetes.io/docs/reference/kubectl/jsonpath/].\n\n")

# Every command with the printer flags, and its -o entry (kubectl 1.33's help, checked by hand).
VERBS = [
    ("annotate", OUTPUT),
    ("apply", OUTPUT),
    ("apply edit-last-applied", OUTPUT),
    ("apply set-last-applied", OUTPUT),
    ("cluster-info dump", OUTPUT.replace("--output=''", "--output='json'")),
    ("config view", OUTPUT.replace("--output=''", "--output='yaml'")),
    ("create", OUTPUT),
    ("create deployment", OUTPUT),
    ("create namespace", OUTPUT),
    ("edit", OUTPUT),
    ("events", OUTPUT),
    ("expose", OUTPUT),
    ("get", OUTPUT_GET),
    ("label", OUTPUT),
    ("patch", OUTPUT),
    ("replace", OUTPUT),
    ("rollout history", OUTPUT),
    ("rollout pause", OUTPUT),
    ("rollout restart", OUTPUT),
    ("rollout resume", OUTPUT),
    ("rollout undo", OUTPUT),
    ("run", OUTPUT),
    ("scale", OUTPUT),
    ("set image", OUTPUT),
    ("taint", OUTPUT),
    ("wait", OUTPUT),
]


@pytest.fixture(scope="module")
def pg() -> Playground:
    return Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))


def _command(path: str) -> Command:
    first, *rest = path.split()
    cmd = commands()[first]
    for name in rest:
        cmd = cmd.subcommands[name]
    return cmd


def _paths_with_print_flags() -> list[str]:
    out = []

    def walk(path: str, cmd: Command) -> None:
        if any(f.name == "allow-missing-template-keys" for f in cmd.flags):
            out.append(path)
        for name, sub in cmd.subcommands.items():
            if sub.name == name:  # aliases are the same command
                walk(f"{path} {name}", sub)

    for name, cmd in commands().items():
        if cmd.name == name:
            walk(name, cmd)
    return sorted(out)


@pytest.mark.parametrize(("path", "output"), VERBS)
def test_help_shows_each_printer_flag_once(pg, path, output):
    """``kubectl VERB --help`` lists the four printer flags once each, exactly as kubectl words them."""
    r = pg.execute(f"kubectl {path} --help")
    assert r.exit_code == 0
    for entry in (ALLOW_MISSING, output, SHOW_MANAGED, TEMPLATE):
        assert r.stdout.count(entry) == 1, entry
    options = [line for line in r.stdout.splitlines() if line.startswith("    -")]
    for name in ("--allow-missing-template-keys", "--output", "--show-managed-fields", "--template"):
        assert sum(line.split("=")[0].endswith(name) for line in options) == 1, name


@pytest.mark.parametrize(("path", "output"), VERBS)
def test_verb_takes_the_shared_flags(path, output):
    """The verb's flag list holds the shared Flag objects and an -o built by ``output_flag``."""
    flags = {f.name: f for f in _command(path).flags}
    assert flags["allow-missing-template-keys"] is pf.ALLOW_MISSING_TEMPLATE_KEYS
    assert flags["show-managed-fields"] is pf.SHOW_MANAGED_FIELDS
    assert flags["template"] is pf.TEMPLATE
    assert flag_usages([flags["output"]]) == output


def test_every_verb_with_printer_flags_is_listed():
    """No command defines the printer flags without appearing in VERBS (so none escapes these checks)."""
    assert _paths_with_print_flags() == sorted(p for p, _ in VERBS)


def test_print_flags_renders_the_block():
    """``print_flags()`` renders, in pflag's sorted layout, the four entries kubectl prints."""
    assert flag_usages(pf.print_flags()) == ALLOW_MISSING + OUTPUT + SHOW_MANAGED + TEMPLATE
    assert flag_usages([pf.output_flag(default="yaml")]) == OUTPUT.replace("--output=''", "--output='yaml'")
