"""Reading manifests for ``-f``: files, directories, ``-`` (stdin), multi-document YAML, JSON, Lists.

A file is read the way apimachinery's ``YAMLOrJSONDecoder`` reads it: a stream starting with ``{``
is a stream of JSON values (Go's ``encoding/json`` error words, ``json: offset 6: invalid character
'1' after object key``); anything else is split into YAML documents at ``---`` lines and each
document is converted on its own, so go-yaml's line numbers count from the document's first line
(and follow go-yaml's own rule: 0-based for parser errors, 1-based for scanner errors, left out on
the first line). A broken document ends its file; the documents before it still count.

YAML alias bombs and over-large or over-deep documents are refused before anything is expanded,
so a manifest cannot make the engine eat the machine.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from cluster_core.kubectl.command import CommandError, CommandErrors
from cluster_core.kubectl.context import KubectlContext

MAX_BYTES = 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 100
EXTENSIONS = (".json", ".yaml", ".yml")
STOP_VALIDATE = "if you choose to ignore these errors, turn validation off with --validate=false"


@dataclass
class Manifest:
    source: str  # the file name as the student typed it ("STDIN" for -f -)
    obj: dict[str, Any]


@dataclass
class FileDocs:
    """One file's documents, in order, up to the error that stopped reading it (if any)."""

    source: str
    docs: list[Any] = field(default_factory=list)
    error: str | None = None  # "error parsing x.yaml: ..." without kubectl's "error: "


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


# ---------------------------------------------------------------- YAML
# PyYAML's (context, problem) -> go-yaml's problem. PyYAML is a port of the same libyaml, so the
# marks agree; only the words differ.
_GO_YAML_WORDS: tuple[tuple[str, str, str], ...] = (
    ("", "mapping values are not allowed here", "mapping values are not allowed in this context"),
    ("while parsing a block collection", "expected <block end>", "did not find expected '-' indicator"),
    ("while parsing a block mapping", "expected <block end>", "did not find expected key"),
    ("", "expected ',' or ']'", "did not find expected ',' or ']'"),
    ("", "expected ',' or '}'", "did not find expected ',' or '}'"),
    ("", "expected the node content", "did not find expected node content"),
    ("", "expected '<document start>'", "did not find expected <document start>"),
    ("", "found character", "found character that cannot start any token"),
    ("", "could not find expected ':'", "could not find expected ':'"),
    ("", "found unexpected end of stream", "found unexpected end of stream"),
    ("", "found unknown escape character", "found unknown escape character"),
)


def _go_yaml_problem(e: yaml.MarkedYAMLError, text: str) -> str:
    context, problem = str(e.context or ""), str(e.problem or "")
    mark = e.problem_mark
    if problem.startswith("found character '\\t'") and mark is not None and _tab_in_plain_scalar(text, mark.line):
        return "found a tab character that violates indentation"
    for ctx_words, py, go in _GO_YAML_WORDS:
        if problem.startswith(py) and context.startswith(ctx_words):
            return go
    return problem


def _tab_in_plain_scalar(text: str, line: int) -> bool:
    """go-yaml says "found a tab character that violates indentation" when the tab starts a line that
    continues a plain scalar (``a: b`` then a tab); after ``key:`` it cannot start any token."""
    lines = text.split("\n")
    prev = next((ln.rstrip() for ln in reversed(lines[:line]) if ln.strip() and not ln.lstrip().startswith("#")),
                "")
    return bool(prev) and not prev.endswith((":", "-", "[", "{", ","))


def _yaml_error(e: yaml.YAMLError, text: str) -> str:
    """go-yaml's ``yaml: line N: <problem>`` for a document's error (see the module docstring)."""
    if isinstance(e, yaml.composer.ComposerError) and "found undefined alias" in str(e.problem or ""):
        name = str(e.problem).rsplit(" ", 1)[-1]
        return f"yaml: unknown anchor {name} referenced"
    if not isinstance(e, yaml.MarkedYAMLError):
        return f"yaml: {e}"
    problem = _go_yaml_problem(e, text)
    line = 0
    if e.problem_mark is not None and e.problem_mark.line != 0:
        line = e.problem_mark.line + (1 if isinstance(e, yaml.scanner.ScannerError) else 0)
    elif e.context_mark is not None and e.context_mark.line != 0:
        line = e.context_mark.line
    return f"yaml: line {line}: {problem}" if line else f"yaml: {problem}"


def split_yaml(text: str) -> list[str]:
    """apimachinery's YAMLReader: documents end at a line starting with ``---`` followed by nothing
    but blanks or a comment; empty documents are dropped."""
    docs: list[str] = []
    buf: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("---"):
            rest = line[3:].strip()
            if not rest or rest.startswith("#"):
                if "".join(buf):
                    docs.append("".join(buf))
                buf = []
                continue
        buf.append(line)
    if "".join(buf):
        docs.append("".join(buf))
    return docs


def _yaml_document(chunk: str) -> Any:
    """One document as go-yaml + sigs.k8s.io/yaml read it (the first YAML document of the chunk)."""
    try:
        doc = next(iter(yaml.load_all(chunk, Loader=_Loader)), None)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as e:
        raise CommandError("error converting YAML to JSON: " + _yaml_error(e, chunk)) from None
    except RecursionError:
        raise CommandError("yaml: exceeded max depth of 100") from None
    except (ValueError, TypeError) as e:  # a tag that cannot hold its value (``!!int x``)
        raise CommandError(f"error converting YAML to JSON: yaml: {e}") from None
    try:
        return json.loads(json.dumps(doc, default=str))  # dates and other YAML types become strings
    except (ValueError, RecursionError):
        raise CommandError("error converting YAML to JSON: yaml: unsupported value") from None


# ---------------------------------------------------------------- JSON (Go's encoding/json stream)
_WS = " \t\r\n"


def _quote_char(c: str) -> str:
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    return "'" + json.dumps(c)[1:-1] + "'"


class _GoJSONError(Exception):
    pass


def _go_json_value(text: str, i: int) -> int:
    """Scan one JSON value from ``text[i]`` as Go's scanner does; returns the index after it.
    Raises _GoJSONError with Go's words (``unexpected EOF`` or ``json: offset N: ...``)."""
    def err(j: int, context: str) -> _GoJSONError:
        return _GoJSONError(f"json: offset {j + 1}: invalid character {_quote_char(text[j])} {context}")

    def ws(j: int) -> int:
        while j < len(text) and text[j] in _WS:
            j += 1
        return j

    def need(j: int) -> None:
        if j >= len(text):
            raise _GoJSONError("unexpected EOF")

    def value(j: int, context: str) -> int:
        j = ws(j)
        need(j)
        c = text[j]
        if c == "{":
            j = ws(j + 1)
            need(j)
            if text[j] == "}":
                return j + 1
            while True:
                need(j)
                if text[j] != '"':
                    raise err(j, "looking for beginning of object key string")
                j = ws(string(j))
                need(j)
                if text[j] != ":":
                    raise err(j, "after object key")
                j = ws(value(j + 1, "looking for beginning of value"))
                need(j)
                if text[j] == "}":
                    return j + 1
                if text[j] != ",":
                    raise err(j, "after object key:value pair")
                j = ws(j + 1)
        if c == "[":
            j = ws(j + 1)
            need(j)
            if text[j] == "]":
                return j + 1
            while True:
                j = ws(value(j, "looking for beginning of value"))
                need(j)
                if text[j] == "]":
                    return j + 1
                if text[j] != ",":
                    raise err(j, "after array element")
                j += 1
        if c == '"':
            return string(j)
        for word in ("true", "false", "null"):
            if c == word[0]:
                for k, expect in enumerate(word[1:], 1):
                    need(j + k)
                    if text[j + k] != expect:
                        raise err(j + k, f"in literal {word} (expecting '{expect}')")
                return j + len(word)
        if c == "-" or c.isdigit():
            return number(j)
        raise err(j, context)

    def string(j: int) -> int:
        j += 1
        while True:
            need(j)
            c = text[j]
            if c == '"':
                return j + 1
            if c == "\\":
                need(j + 1)
                e = text[j + 1]
                if e == "u":
                    for k in range(2, 6):
                        need(j + k)
                        if text[j + k] not in "0123456789abcdefABCDEF":
                            raise err(j + k, "in \\u hexadecimal character escape")
                    j += 6
                    continue
                if e not in '"\\/bfnrt':
                    raise err(j + 1, "in string escape code")
                j += 2
                continue
            if ord(c) < 0x20:
                raise err(j, "in string literal")
            j += 1

    def number(j: int) -> int:
        if text[j] == "-":
            j += 1
            need(j)
            if not text[j].isdigit():
                raise err(j, "in numeric literal")
        if text[j] == "0":
            j += 1
        else:
            while j < len(text) and text[j].isdigit():
                j += 1
        if j < len(text) and text[j] == ".":
            j += 1
            need(j)
            if not text[j].isdigit():
                raise err(j, "after decimal point in numeric literal")
            while j < len(text) and text[j].isdigit():
                j += 1
        if j < len(text) and text[j] in "eE":
            j += 1
            need(j)
            if text[j] in "+-":
                j += 1
                need(j)
            if not text[j].isdigit():
                raise err(j, "in exponent of numeric literal")
            while j < len(text) and text[j].isdigit():
                j += 1
        return j

    return value(i, "looking for beginning of value")


def _json_stream(text: str) -> tuple[list[Any], str | None]:
    """The JSON values of a stream, and Go's error for the first one that is broken."""
    docs: list[Any] = []
    i = 0
    while True:
        while i < len(text) and text[i] in _WS:
            i += 1
        if i >= len(text):
            return docs, None
        try:
            end = _go_json_value(text, i)
        except _GoJSONError as e:
            return docs, str(e)
        except RecursionError:
            return docs, "yaml: exceeded max depth of 100"
        try:
            docs.append(json.loads(text[i:end]))
        except (ValueError, RecursionError) as e:
            return docs, str(e)
        i = end


# ---------------------------------------------------------------- files
def decode_stream(text: str, source: str) -> FileDocs:
    """Every document of one file, as the builder's StreamVisitor decodes them (``null`` ones dropped)."""
    out = FileDocs(source)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        out.error = f"error reading {source}: the file is larger than 1 MiB"
        return out
    if text.lstrip(_WS).startswith("{"):
        docs, problem = _json_stream(text)
        if problem and not docs:
            # kubectl 1.33 reads a first JSON value that Go rejects as YAML when YAML can read it
            # (``{"a": 1,}``, ``{"a": tru}``); otherwise the JSON error stands.
            fallback = _yaml_stream(text, source)
            if fallback.error is None:
                return fallback
        out.docs = [d for d in docs if d is not None]
        if problem:
            out.error = f"error parsing {source}: {problem}"
        return out
    return _yaml_stream(text, source)


def _yaml_stream(text: str, source: str) -> FileDocs:
    out = FileDocs(source)
    for chunk in split_yaml(text):
        try:
            doc = _yaml_document(chunk)
        except CommandError as e:
            msg = str(e)
            out.error = msg if msg.startswith("yaml: exceeded") or "excessive aliasing" in msg \
                else f"error parsing {source}: {msg}"
            return out
        if doc is not None:
            out.docs.append(doc)
    return out


def expand_list(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A ``kind: List`` (or ``*List`` with items) stands for its items, as FlattenListVisitor reads it."""
    if doc.get("kind") == "List" or (isinstance(doc.get("kind"), str) and str(doc["kind"]).endswith("List")
                                     and isinstance(doc.get("items"), list)):
        return [i for i in doc.get("items") or [] if isinstance(i, dict)]
    return [doc]


def parse_documents(text: str, source: str) -> list[dict[str, Any]]:
    """The objects in a YAML or JSON stream (empty documents skipped, ``kind: List`` expanded);
    raises CommandError for the first problem."""
    fd = decode_stream(text, source)
    out: list[dict[str, Any]] = []
    for d in fd.docs:
        if not isinstance(d, dict):
            raise CommandError(f'error validating "{source}": error validating data: invalid object to validate; '
                               f"{STOP_VALIDATE}")
        if d.get("metadata", 0) is None:
            d["metadata"] = {}  # ``metadata:`` with nothing after it, as Go's decoder reads it
        out.extend(expand_list(d))
    if fd.error:
        raise CommandError(fd.error)
    return out


def check_type_meta(m: Manifest, validate: bool = True) -> None:
    """The client-side check every kubectl does before sending: apiVersion and kind must be set."""
    missing = [f for f in ("apiVersion", "kind") if not m.obj.get(f)]
    if not missing:
        return
    if validate:
        what = ", ".join(f"{f} not set" for f in missing)
        if len(missing) > 1:
            what = "[" + what + "]"
        raise CommandError(f'error validating "{m.source}": error validating data: {what}; {STOP_VALIDATE}')
    compact = json.dumps(m.obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    raise CommandError(f"unable to decode \"{m.source}\": Object 'Kind' is missing in '{compact}'")


def read_files(ctx: KubectlContext, filenames: list[str], recursive: bool = False) -> list[FileDocs]:
    """Every ``-f`` argument's files in order, each with its documents (directories: their .yaml,
    .yml and .json files sorted by name). Paths that do not exist are all reported at once, before
    anything is read, as the builder does."""
    names: list[str] = []
    missing: list[Exception] = []
    for n in filenames:
        if n == "-" or n.startswith(("http://", "https://")) or ctx.files.exists(n):
            names.append(n)
            continue
        matches = glob(ctx, n) if any(c in n for c in "*?[") else []
        if matches:
            names.extend(matches)
        else:
            missing.append(CommandError(f'the path "{n}" does not exist'))
    if missing:
        raise CommandErrors(missing)
    out: list[FileDocs] = []
    for name in names:
        if name == "-":
            out.append(decode_stream(ctx.stdin, "STDIN"))
            continue
        if name.startswith(("http://", "https://")):
            raise CommandError(f'unable to read URL "{name}", server reported 404 Not Found, status code=404')
        for path in _expand(ctx, name, recursive):
            try:
                text = ctx.files.read_text(path)
            except (OSError, ValueError) as e:
                out.append(FileDocs(path, error=f"error reading {path}: {e}"))
                continue
            out.append(decode_stream(text, path))
    return out


def glob(ctx: KubectlContext, pattern: str) -> list[str]:
    """Go's filepath.Glob over the student's files (kubectl expands ``-f '*.json'`` itself), sorted."""
    parts = pattern.split("/")
    bases = ["/"] if pattern.startswith("/") else [""]
    if pattern.startswith("/"):
        parts = parts[1:]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        found: list[str] = []
        for base in bases:
            joined = base + part if base in ("", "/") else f"{base}/{part}"
            if not any(c in part for c in "*?["):
                if ctx.files.exists(joined or "."):
                    found.append(joined)
                continue
            directory = base.rstrip("/") or ("/" if base == "/" else ".")
            if not ctx.files.is_dir(directory):
                continue
            for entry in sorted(ctx.files.listdir(directory)):
                if fnmatch.fnmatchcase(entry, part) and (last or ctx.files.is_dir(
                        entry if base == "" else (base + entry if base == "/" else f"{base}/{entry}"))):
                    found.append(entry if base == "" else (base + entry if base == "/" else f"{base}/{entry}"))
        bases = found
    return bases


def load(ctx: KubectlContext, filenames: list[str], recursive: bool = False) -> list[Manifest]:
    """Read every ``-f`` argument in order; raises CommandError at the first problem."""
    out: list[Manifest] = []
    for fd in read_files(ctx, filenames, recursive):
        for d in fd.docs:
            if not isinstance(d, dict):
                raise CommandError(f'error validating "{fd.source}": error validating data: invalid object to '
                                   f"validate; {STOP_VALIDATE}")
            if d.get("metadata", 0) is None:
                d["metadata"] = {}
            out.extend(Manifest(fd.source, o) for o in expand_list(d))
        if fd.error:
            raise CommandError(fd.error)
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

