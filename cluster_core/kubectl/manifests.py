"""Reading manifests for ``-f``: files, directories, ``-`` (stdin), multi-document YAML, JSON, Lists.

Errors use kubectl's words (``the path "x" does not exist``, ``error parsing x.yaml: error converting
YAML to JSON: yaml: line 5: ...``). YAML alias bombs and over-large or over-deep documents are refused
before anything is expanded, so a manifest cannot make the engine eat the machine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from cluster_core.kubectl.command import CommandError
from cluster_core.kubectl.context import KubectlContext

MAX_BYTES = 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 100
EXTENSIONS = (".json", ".yaml", ".yml")

# PyYAML's problem texts -> go-yaml's, which kubectl prints.
_GO_YAML_WORDS = (
    ("mapping values are not allowed here", "mapping values are not allowed in this context"),
    ("expected ',' or ']'", "did not find expected ',' or ']'"),
    ("expected ',' or '}'", "did not find expected ',' or '}'"),
    ("found character '\\t' that cannot start any token", "found character that cannot start any token"),
    ("found character", "found character that cannot start any token"),
    ("could not find expected ':'", "could not find expected ':'"),
    ("expected <block end>", "did not find expected key"),
    ("found undefined alias", "unknown anchor referenced"),
    ("found unexpected end of stream", "found unexpected end of stream"),
    ("found unknown escape character", "found unknown escape character"),
)


@dataclass
class Manifest:
    source: str  # the file name as the student typed it ("STDIN" for -f -)
    obj: dict[str, Any]


class _Loader(yaml.SafeLoader):
    """A safe loader that counts what aliases would expand to and refuses bombs and deep nesting."""

    def compose_document(self) -> Any:
        node = super().compose_document()
        _check_node(node)
        return node


def _check_node(root: yaml.Node) -> None:
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise CommandError("yaml: exceeded max depth of 100")
        key = id(node)
        if key in sizes:
            return sizes[key]
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                total += size(v, depth + 1)
        if total > MAX_NODES:
            raise CommandError("yaml: document contains excessive aliasing")
        sizes[key] = total
        return total

    if root is not None:
        size(root, 0)


def _yaml_error(source: str, e: yaml.YAMLError) -> CommandError:
    mark = getattr(e, "problem_mark", None)
    problem = str(getattr(e, "problem", "") or e)
    for py, go in _GO_YAML_WORDS:
        if py in problem:
            problem = go
            break
    where = f"line {mark.line + 1}: " if mark is not None else ""
    return CommandError(f"error parsing {source}: error converting YAML to JSON: yaml: {where}{problem}")


def parse_documents(text: str, source: str) -> list[dict[str, Any]]:
    """The objects in a YAML or JSON stream (empty documents skipped, ``kind: List`` expanded)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise CommandError(f"error reading {source}: the file is larger than 1 MiB")
    stripped = text.lstrip()
    docs: list[Any]
    if stripped.startswith(("{", "[")):
        try:
            docs = [json.loads(text)]
        except (ValueError, RecursionError):
            docs = _load_yaml(text, source)
    else:
        docs = _load_yaml(text, source)
    out: list[dict[str, Any]] = []
    for d in docs:
        if d is None:
            continue
        if not isinstance(d, dict):
            raise CommandError(f'error validating "{source}": error validating data: invalid object to validate; '
                               "if you choose to ignore these errors, turn validation off with --validate=false")
        if d.get("metadata", 0) is None:
            d["metadata"] = {}  # ``metadata:`` with nothing after it, as Go's decoder reads it
        if d.get("kind") == "List" or (isinstance(d.get("kind"), str) and str(d["kind"]).endswith("List")
                                         and isinstance(d.get("items"), list)):
            out.extend(i for i in d.get("items") or [] if isinstance(i, dict))
        else:
            out.append(d)
    return out


def _load_yaml(text: str, source: str) -> list[Any]:
    try:
        docs = list(yaml.load_all(text, Loader=_Loader))  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        raise _yaml_error(source, e) from None
    except RecursionError:
        raise CommandError("yaml: exceeded max depth of 100") from None
    try:
        return json.loads(json.dumps(docs, default=str))  # dates and other YAML types become strings
    except (ValueError, RecursionError):
        raise CommandError(f"error parsing {source}: error converting YAML to JSON") from None


def check_type_meta(m: Manifest, validate: bool = True) -> None:
    """The client-side check every kubectl does before sending: apiVersion and kind must be set."""
    missing = [f for f in ("apiVersion", "kind") if not m.obj.get(f)]
    if not missing:
        return
    if validate:
        what = ", ".join(f"{f} not set" for f in missing)
        if len(missing) > 1:
            what = "[" + what + "]"
        raise CommandError(f'error validating "{m.source}": error validating data: {what}; if you choose to '
                           "ignore these errors, turn validation off with --validate=false")
    compact = json.dumps(m.obj, separators=(",", ":"), sort_keys=True)
    raise CommandError(f"unable to decode \"{m.source}\": Object 'Kind' is missing in '{compact}'")


def load(ctx: KubectlContext, filenames: list[str], recursive: bool = False) -> list[Manifest]:
    """Read every ``-f`` argument in order; a directory gives its .yaml/.yml/.json files sorted by name."""
    out: list[Manifest] = []
    for name in filenames:
        if name == "-":
            out.extend(Manifest("STDIN", o) for o in parse_documents(ctx.stdin, "STDIN"))
            continue
        if name.startswith(("http://", "https://")):
            raise CommandError(f'unable to read URL "{name}", server reported 404 Not Found, status code=404')
        if not ctx.files.exists(name):
            raise CommandError(f'the path "{name}" does not exist')
        for path in _expand(ctx, name, recursive):
            try:
                text = ctx.files.read_text(path)
            except (OSError, ValueError) as e:
                raise CommandError(f"error reading {path}: {e}") from None
            out.extend(Manifest(path, o) for o in parse_documents(text, path))
    return out


def _expand(ctx: KubectlContext, name: str, recursive: bool) -> list[str]:
    if not ctx.files.is_dir(name):
        return [name]
    paths: list[str] = []
    base = name.rstrip("/")
    for entry in sorted(ctx.files.listdir(name)):
        path = f"{base}/{entry}"
        if ctx.files.is_dir(path):
            if recursive:
                paths.extend(_expand(ctx, path, recursive))
        elif entry.endswith(EXTENSIONS):
            paths.append(path)
    return paths
