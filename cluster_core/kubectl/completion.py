"""Tab completion for ``kubectl`` in the student's terminal, modelled on kubectl's cobra completions.

``complete(req)`` gets the words before the cursor (``req.words[0]`` is ``kubectl``) and the word
being typed, and returns the candidates (the shell keeps those that start with the typed word and
sorts them), or None to let the shell complete file names (after ``-f``, for ``apply``).

- after ``kubectl``: the verbs; after ``config``/``create``/...: their subcommands;
- after ``get``/``describe``/``delete``/``label``/...: resource types (plural, singular, short
  names), then the names of that type in the namespace (``-n`` respected), or ``TYPE/NAME``;
- ``logs``/``exec``/``attach``/``port-forward``: pods (and ``TYPE/NAME``), then for logs the
  pod's containers and for port-forward its ports; ``-c``: the pod's containers;
- ``-``/``--``: the verb's flags and the global ones; ``-n``: namespaces; ``-o``: output formats;
  ``--context``: kubeconfig contexts; ``-f``: files.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api import resources
from cluster_core.kubectl import flags as fl

OUTPUT_FORMATS = ("json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile",
                  "jsonpath", "jsonpath-as-json", "jsonpath-file", "custom-columns", "custom-columns-file", "wide")
RESOURCE_VERBS = {"get", "describe", "delete", "label", "annotate", "edit", "patch", "scale", "wait", "explain",
                  "events", "rollout", "taint", "expose", "set"}
POD_VERBS = {"logs", "exec", "attach", "port-forward", "cp"}
NODE_VERBS = {"cordon", "uncordon", "drain"}
TYPES_ONLY = {"explain"}


class _CwdFs:
    """What ``terminal.KubectlFiles`` needs of a command context: the file system and directory."""

    def __init__(self, fs: Any, cwd: str) -> None:
        self.fs = fs
        self.cwd = cwd


def _kubectl_ctx(req: Any) -> Any:
    from cluster_core.kubectl.context import KubectlContext
    from cluster_core.terminal import KubectlFiles

    return KubectlContext(req.host.pg, KubectlFiles(_CwdFs(req.fs, req.cwd)))  # type: ignore[arg-type]


class _Line:
    """What the words before the cursor say: the command, its arguments, flags given, a flag waiting
    for its value."""

    def __init__(self, words: list[str]) -> None:
        from cluster_core.kubectl.main import commands

        self.cmd: Any = None
        self.path: list[str] = []
        self.args: list[str] = []
        self.after_dash = False
        self.namespace = ""
        self.all_namespaces = False
        self.container = ""
        self.pending: fl.Flag | None = None
        table = commands()
        for w in words:
            if self.pending is not None:
                self._value(self.pending, w)
                self.pending = None
                continue
            if self.after_dash:
                self.args.append(w)
                continue
            if w == "--":
                self.after_dash = True
                continue
            if w.startswith("--") and len(w) > 2:
                name, eq, value = w[2:].partition("=")
                f = self._flag_long(name)
                if f is not None and eq:
                    self._value(f, value)
                elif f is not None and f.type != fl.BOOL and f.no_opt is None:
                    self.pending = f
                elif f is not None and f.name == "all-namespaces":
                    self.all_namespaces = True
                continue
            if w.startswith("-") and len(w) > 1:
                letters = w[1:]
                for i, c in enumerate(letters):
                    f = self._flag_short(c)
                    if f is None:
                        break
                    if f.type == fl.BOOL or f.no_opt is not None:
                        if f.name == "all-namespaces":
                            self.all_namespaces = True
                        continue
                    rest = letters[i + 1:].lstrip("=")
                    if rest:
                        self._value(f, rest)
                    else:
                        self.pending = f
                    break
                continue
            if self.cmd is None:
                self.cmd = table.get(w)
                self.path = [w]
                if self.cmd is None:
                    self.path = []
                    self.args.append(w)
                continue
            if self.cmd.subcommands and not self.args and w in self.cmd.subcommands:
                self.cmd = self.cmd.subcommands[w]
                self.path.append(w)
                continue
            self.args.append(w)

    def flags(self) -> list[fl.Flag]:
        return (list(self.cmd.flags) if self.cmd is not None else []) + list(fl.GLOBAL_FLAGS)

    def _flag_long(self, name: str) -> fl.Flag | None:
        return next((f for f in self.flags() if f.name == name), None)

    def _flag_short(self, c: str) -> fl.Flag | None:
        return next((f for f in self.flags() if f.short == c), None)

    def _value(self, f: fl.Flag, value: str) -> None:
        if f.name == "namespace":
            self.namespace = value
        elif f.name == "container":
            self.container = value

    @property
    def verb(self) -> str:
        return self.path[0] if self.path else ""


def complete(req: Any) -> list[str] | None:
    """Candidates for the word at the cursor of a ``kubectl`` command line."""
    line = _Line(list(req.words[1:]))
    current = req.current
    if line.pending is not None:
        return _flag_value(req, line, line.pending, current, "")
    if current.startswith("--") and "=" in current:
        name, _, _value = current[2:].partition("=")
        f = line._flag_long(name)
        if f is None:
            return []
        return _flag_value(req, line, f, current, f"--{name}=")
    if current.startswith("-") and not line.after_dash:
        return _flag_names(line)
    if line.cmd is None:
        return _verbs() if not line.args else []
    if line.cmd.subcommands and not line.args and len(line.path) == 1:
        subs = [n for n, c in line.cmd.subcommands.items() if c.name == n]
        if subs:
            return subs + (_positional(req, line, current) if line.verb in RESOURCE_VERBS else [])
    return _positional(req, line, current)


def _verbs() -> list[str]:
    from cluster_core.kubectl.main import commands

    return sorted({c.name for c in commands().values()})


def _flag_names(line: _Line) -> list[str]:
    out = []
    for f in line.flags():
        out.append(f"--{f.name}")
        if f.short:
            out.append(f"-{f.short}")
    return out


def _flag_value(req: Any, line: _Line, f: fl.Flag, current: str, prefix: str) -> list[str] | None:
    if f.name == "filename" or f.name in ("kubeconfig", "cache-dir", "certificate-authority", "client-certificate",
                                          "client-key", "profile-output"):
        if prefix:
            return []
        return None
    values: list[str] = []
    if f.name == "namespace":
        values = _names(req, "Namespace", None)
    elif f.name == "output":
        values = list(OUTPUT_FORMATS)
    elif f.name in ("context", "cluster", "user"):
        values = _kubeconfig_names(req, f.name)
    elif f.name == "container":
        pod = _pod_arg(req, line)
        values = _containers(pod) if pod else []
    elif f.name == "cascade":
        values = ["background", "foreground", "orphan"]
    elif f.name == "dry-run":
        values = ["none", "server", "client"]
    return [prefix + v for v in values]


def _namespace(req: Any, line: _Line) -> str:
    if line.namespace:
        return line.namespace
    try:
        return _kubectl_ctx(req).namespace
    except Exception:  # noqa: BLE001 - completion never fails
        return "default"


def _names(req: Any, kind: str, ns: str | None) -> list[str]:
    rt = resources.for_kind(kind)
    return [o["metadata"]["name"] for o in req.host.pg.server.select(kind, ns if rt.namespaced else None)]


def _kubeconfig_names(req: Any, what: str) -> list[str]:
    try:
        cfg = _kubectl_ctx(req).kubeconfig()
    except Exception:  # noqa: BLE001
        return []
    key = {"context": "contexts", "cluster": "clusters", "user": "users"}[what]
    return [str(e.get("name")) for e in cfg.get(key) or [] if isinstance(e, dict) and e.get("name")]


def _type_names() -> list[str]:
    out: list[str] = []
    for r in resources.RESOURCES:
        out += [r.plural, r.singular, *r.short_names]
    return out


def _objects(req: Any, line: _Line, type_word: str) -> tuple[str, list[str]]:
    """(kind, names) of a type argument in the line's namespace; ("", []) for an unknown type."""
    rt = resources.resolve(type_word.split(",")[0])
    if rt is None:
        return "", []
    ns = None if line.all_namespaces else _namespace(req, line)
    return rt.kind, _names(req, rt.kind, ns)


def _slash_forms(req: Any, line: _Line, current: str) -> list[str]:
    type_word, _, _partial = current.partition("/")
    _kind, names = _objects(req, line, type_word)
    return [f"{type_word}/{n}" for n in names]


def _pod_arg(req: Any, line: _Line) -> dict | None:
    """The pod the line names (``POD`` or ``pod/POD``) for logs/exec/port-forward."""
    if not line.args:
        return None
    arg = line.args[0]
    type_word, slash, name = arg.partition("/")
    if slash:
        rt = resources.resolve(type_word)
        if rt is None or rt.kind != "Pod":
            return None
    else:
        name = arg
    return req.host.pg.server.get("Pod", _namespace(req, line), name)


def _containers(pod: dict) -> list[str]:
    spec = pod.get("spec") or {}
    return [c["name"] for key in ("initContainers", "containers") for c in spec.get(key) or ()]


def _positional(req: Any, line: _Line, current: str) -> list[str] | None:
    verb = line.verb
    args = line.args
    if verb in RESOURCE_VERBS:
        if verb in TYPES_ONLY:
            return _type_names() if not args else []
        if "/" in current:
            return _slash_forms(req, line, current)
        if not args:
            return _type_names()
        if "/" in args[0]:
            return []
        kind, names = _objects(req, line, args[0])
        return [n for n in names if n not in args[1:]] if kind else []
    if verb in POD_VERBS:
        if line.after_dash:
            return []
        if not args:
            if "/" in current:
                return _slash_forms(req, line, current)
            return _names(req, "Pod", _namespace(req, line))
        pod = _pod_arg(req, line)
        if pod is None:
            return []
        if verb == "logs" and len(args) == 1:
            return _containers(pod)
        if verb == "port-forward":
            return [str(p["containerPort"]) for c in (pod.get("spec") or {}).get("containers") or ()
                    for p in c.get("ports") or () if "containerPort" in p]
        return []
    if verb in NODE_VERBS:
        return _names(req, "Node", None)
    if line.path[:2] in (["config", "use-context"], ["config", "delete-context"], ["config", "rename-context"]) \
            or line.path[:2] == ["config", "use"]:
        return _kubeconfig_names(req, "context") if not args else []
    if verb in ("apply", "replace", "create"):
        return None
    return []
