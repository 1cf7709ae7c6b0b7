"""Declarative step checks: read from a lesson file, evaluated against a playground and a history.

Seven kinds, each a mapping whose first key names it (see ``docs/authoring-lessons.md``):

=========  ==========================================  =====================================
key        what it looks at                            expectations
=========  ==========================================  =====================================
kubectl    a read-only kubectl query's output          equals, contains, matches, gt/gte/lt/lte
exists     ``kind/name`` (+ ``namespace``)              --
absent     ``kind/name`` (+ ``namespace``)              --
count      objects of a kind: ``namespace`` (``*``:    equals, gt, gte, lt, lte (numbers)
           all), ``selector``, ``field_selector``,
           ``phase``, ``node``
labels     ``kind/name``'s labels (nodes too)          include (null: must not have), equals
ran        the student's history: a regex              times (at least; default 1)
file       a file in the home directory                contains, matches, manifest
=========  ==========================================  =====================================

Objects being deleted (with a ``deletionTimestamp``, "Terminating") count as gone for ``exists``,
``absent``, ``count`` and ``labels``: the student did delete them. Every check may carry
``message`` (a string, or ``{en: ..., zh-Hans: ...}``) replacing the generated one.

kubectl queries run through ``cluster_core.kubectl.main.run`` on a context of their own: no shell,
no history, no files (so the student's kubeconfig namespace does not apply: the namespace is
``default`` unless the query says ``-n``). Only read-only verbs without watch/follow are allowed,
so a query cannot change the student's cluster.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from playground.lessons.model import LANGS, CheckResult, Text, blank
from playground.lessons.yamlsource import LMap, plain

READ_ONLY_VERBS = frozenset({"get", "describe", "explain", "logs", "api-resources", "api-versions", "version",
                             "cluster-info", "events"})
FORBIDDEN_FLAGS = frozenset({"-w", "--watch", "--watch-only", "-f", "--follow", "--filename", "-k",
                             "--kustomize", "--raw"})
TEXT_OPS = ("equals", "contains", "matches")
NUM_OPS = ("gt", "gte", "lt", "lte")
ALL_NAMESPACES = "*"


class CheckError(ValueError):
    """A malformed check, with the line it is on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _t(en: str, zh: str) -> Text:
    return {"en": en, "zh-Hans": zh}


def _zh(*parts: str) -> str:
    """Join Chinese text with a space only where Chinese meets Latin letters, digits or code."""
    out = ""
    for p in parts:
        if not p:
            continue
        if out and (_latin(out[-1]) or _latin(p[0])) and not (out[-1] in "(,。:、 " or p[0] in "(),。:、 "):
            out += " "
        out += p
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "`_-.\"'")


# ------------------------------------------------------------------------------------------ env
@dataclass
class Env:
    """What checks look at: the playground and the student's terminal inputs (read-only)."""

    pg: Any
    history: list[str]
    _queries: dict[tuple[str, ...], tuple[int, str, str]] = field(default_factory=dict)

    def kubectl(self, argv: list[str]) -> tuple[int, str, str]:
        """Run a read-only query once per evaluation: (exit code, stdout, stderr)."""
        key = tuple(argv)
        if key not in self._queries:
            self._queries[key] = run_query(self.pg, argv)
        return self._queries[key]


class _NoFiles:
    """kubectl's file view for checks: empty, so the default kubeconfig (namespace default) applies."""

    def read_text(self, path: str) -> str:
        raise OSError("No such file or directory")

    def write_text(self, path: str, text: str) -> None:
        raise OSError("Read-only file system")

    def is_dir(self, path: str) -> bool:
        return False

    def exists(self, path: str) -> bool:
        return False

    def listdir(self, path: str) -> list[str]:
        return []


def _context_class() -> type:
    """kubectl's context with the kubeadm default kubeconfig, without parsing YAML on every query."""
    global _CONTEXT
    if _CONTEXT is None:
        import copy

        from cluster_core.kubectl.context import DEFAULT_KUBECONFIG, KubectlContext

        class CheckContext(KubectlContext):
            def kubeconfig(self) -> dict[str, Any]:
                return copy.deepcopy(DEFAULT_KUBECONFIG)

            def context_namespace(self) -> str:
                return ""

        _CONTEXT = CheckContext
    return _CONTEXT


_CONTEXT: type | None = None


def run_query(pg: Any, argv: list[str]) -> tuple[int, str, str]:
    """``kubectl ARGV`` against ``pg`` without a shell: (exit code, stdout, stderr)."""
    from cluster_core.kubectl.main import run

    ctx = _context_class()(pg, _NoFiles())
    try:
        rc = run(ctx, list(argv))
    except Exception as e:  # noqa: BLE001 - a kubectl bug must not break the lesson page
        return 1, "", f"error: {type(e).__name__}: {e}\n"
    if not isinstance(rc, int):  # a long-running command: never expected, as watches are refused
        return 1, "".join(ctx.out), "error: the query did not finish\n"
    return rc, "".join(ctx.out), "".join(ctx.err)


# ------------------------------------------------------------------------------------ the base
@dataclass
class Check:
    """One declarative check. Subclasses parse their keys and evaluate against an :class:`Env`."""

    line: int
    message: Text | None = None
    expect: list[tuple[str, Any]] = field(default_factory=list)

    TYPE: ClassVar[str] = ""
    KEYS: ClassVar[tuple[str, ...]] = ()
    OPS: ClassVar[tuple[str, ...]] = ()
    NEEDS_OP: ClassVar[bool] = False

    def describe(self) -> str:
        """One line naming the check (for reports)."""
        return f"{self.TYPE}: {self.target()}"

    def target(self) -> str:
        return ""

    def evaluate(self, env: Env) -> CheckResult:
        passed, msg = self.run(env)
        if passed:
            return CheckResult(True, blank(), self)
        return CheckResult(False, dict(self.message) if self.message else msg, self)

    def run(self, env: Env) -> tuple[bool, Text]:
        raise NotImplementedError

    def parse(self, m: LMap) -> None:
        """Read the type-specific keys (``m`` holds the whole check mapping)."""


def _ref(value: Any, line: int) -> tuple[Any, str]:
    """``pod/nginx-manual`` -> (ResourceType, name)."""
    from cluster_core.api import resources

    if not isinstance(value, str) or "/" not in value:
        raise CheckError(line, f"expected KIND/NAME such as pod/nginx-manual, got {value!r}")
    kind, _, name = value.partition("/")
    rt = resources.resolve(kind)
    if rt is None:
        raise CheckError(line, f"unknown kind {kind!r} (known: {', '.join(r.plural for r in resources.RESOURCES)})")
    if not name or "/" in name:
        raise CheckError(line, f"expected KIND/NAME such as pod/nginx-manual, got {value!r}")
    return rt, name


def _kind(value: Any, line: int) -> Any:
    from cluster_core.api import resources

    rt = resources.resolve(value) if isinstance(value, str) else None
    if rt is None:
        raise CheckError(line, f"unknown kind {value!r} (known: {', '.join(r.plural for r in resources.RESOURCES)})")
    return rt


def _str(m: LMap, key: str, required: bool = False) -> str | None:
    v = m.get(key)
    if v is None:
        if required:
            raise CheckError(m.line, f"{key!r} is required")
        return None
    if not isinstance(v, str) or not v:
        raise CheckError(m.line_of(key), f"{key!r} must be a non-empty string")
    return v


def _namespace_of(m: LMap, rt: Any) -> str | None:
    ns = _str(m, "namespace")
    if not rt.namespaced:
        if ns is not None:
            raise CheckError(m.line_of("namespace"), f"{rt.kind} objects have no namespace")
        return None
    return ns or "default"


def _live(obj: dict | None) -> dict | None:
    """None for a missing object or one being deleted."""
    if obj is None or obj.get("metadata", {}).get("deletionTimestamp"):
        return None
    return obj


def _where(rt: Any, ns: str | None) -> Text:
    if not rt.namespaced or ns is None:
        return _t("", "")
    if ns == ALL_NAMESPACES:
        return _t(" in any namespace", "(任意命名空间)")
    return _t(f" in namespace {ns}", f"(命名空间 {ns})")


def _shown(text: str) -> Text:
    one = " ".join(text.split())
    if not one:
        return _t("nothing", "空")
    if len(one) > 70:
        one = one[:67] + "..."
    return _t(f"`{one}`", f"`{one}`")


def _num(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).strip())
    except ValueError:
        return None


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _compare(op: str, actual: float, expected: float) -> bool:
    return {"equals": actual == expected, "gt": actual > expected, "gte": actual >= expected,
            "lt": actual < expected, "lte": actual <= expected}[op]


def _parse_expect(chk: Check, m: LMap) -> None:
    for op in chk.OPS:
        if op not in m:
            continue
        v = m[op]
        line = m.line_of(op)
        if op == "matches":
            if not isinstance(v, str):
                raise CheckError(line, "'matches' takes a regular expression (a string)")
            try:
                re.compile(v)
            except re.error as e:
                raise CheckError(line, f"bad regular expression {v!r}: {e}") from None
        elif op in NUM_OPS or (op == "equals" and chk.TYPE == "count"):
            if _num(v) is None or isinstance(v, str):
                raise CheckError(line, f"{op!r} takes a number, got {v!r}")
        elif isinstance(v, (dict, list, bool)) or v is None:
            raise CheckError(line, f"{op!r} takes a value such as Running or 3 (quote \"true\"), got {v!r}")
        chk.expect.append((op, v))
    if chk.NEEDS_OP and not chk.expect:
        raise CheckError(m.line, f"a {chk.TYPE} check needs an expected result: one of {', '.join(chk.OPS)}")


# ------------------------------------------------------------------------------------ kubectl
_EXPECT_EN = {"equals": "`{v}`", "contains": "output containing `{v}`", "matches": "output matching `{v}`",
              "gt": "a number greater than {v}", "gte": "a number of at least {v}",
              "lt": "a number less than {v}", "lte": "a number of at most {v}"}
_EXPECT_ZH = {"equals": "`{v}`", "contains": "包含 `{v}` 的内容", "matches": "匹配 `{v}` 的内容",
              "gt": "大于 {v} 的数", "gte": "不小于 {v} 的数", "lt": "小于 {v} 的数", "lte": "不大于 {v} 的数"}


@dataclass
class KubectlCheck(Check):
    """A kubectl query (read-only verbs only) and what its output must be."""

    argv: list[str] = field(default_factory=list)
    query: str = ""  # as the instructor wrote it, for messages

    TYPE: ClassVar[str] = "kubectl"
    KEYS: ClassVar[tuple[str, ...]] = TEXT_OPS + NUM_OPS
    OPS: ClassVar[tuple[str, ...]] = TEXT_OPS + NUM_OPS
    NEEDS_OP: ClassVar[bool] = True

    def target(self) -> str:
        return "kubectl " + self.query

    def parse(self, m: LMap) -> None:
        q = m["kubectl"]
        line = m.line_of("kubectl")
        if not isinstance(q, str) or not q.strip():
            raise CheckError(line, "'kubectl' takes a query such as: get pod nginx-manual -o jsonpath={.status.phase}")
        try:
            argv = shlex.split(q)
        except ValueError as e:
            raise CheckError(line, f"cannot split the query into words: {e}") from None
        if argv and argv[0] in ("kubectl", "/usr/bin/kubectl"):
            argv = argv[1:]
        if not argv or argv[0] not in READ_ONLY_VERBS:
            raise CheckError(line, "a kubectl check must start with a read-only verb ("
                             + ", ".join(sorted(READ_ONLY_VERBS)) + f"), got {q!r}")
        for a in argv[1:]:
            if a.split("=", 1)[0] in FORBIDDEN_FLAGS:
                raise CheckError(line, f"{a.split('=', 1)[0]} is not allowed in a check (it would watch, "
                                 "follow or read the student's files)")
        if any(c in argv for c in ("|", ">", ";", "&&", "||")):
            raise CheckError(line, "a kubectl check is one kubectl command: no pipes or redirections")
        self.argv = argv
        words = q.strip().split(None, 1)
        self.query = words[1] if words[0] in ("kubectl", "/usr/bin/kubectl") else q.strip()
        _parse_expect(self, m)

    def run(self, env: Env) -> tuple[bool, Text]:
        rc, out, err = env.kubectl(self.argv)
        cmd = self.target()
        if rc != 0:
            reason = " ".join(err.split()) or f"exit status {rc}"
            return False, _t(f"`{cmd}` fails: {reason}", f"`{cmd}` 执行失败:{reason}")
        for op, v in self.expect:
            if not self._holds(op, v, out):
                shown = _shown(out)
                return False, _t(f"`{cmd}` prints {shown['en']}; expected {_EXPECT_EN[op].format(v=_fmt(v))}.",
                                 _zh(f"`{cmd}`", "的输出是", shown["zh-Hans"], ",应为",
                                     _EXPECT_ZH[op].format(v=_fmt(v)), "。"))
        return True, blank()

    @staticmethod
    def _holds(op: str, v: Any, out: str) -> bool:
        if op == "equals":
            return out.strip() == _fmt(v).strip()
        if op == "contains":
            return str(v) in out
        if op == "matches":
            return re.search(str(v), out, re.MULTILINE) is not None
        n = _num(out)
        return n is not None and _compare(op, n, float(_num(v)))  # type: ignore[arg-type]


# ------------------------------------------------------------------------------- exists, absent
@dataclass
class ExistsCheck(Check):
    """An object exists (and is not being deleted)."""

    rt: Any = None
    name: str = ""
    namespace: str | None = None

    TYPE: ClassVar[str] = "exists"
    KEYS: ClassVar[tuple[str, ...]] = ("namespace",)

    def target(self) -> str:
        ns = f" -n {self.namespace}" if self.namespace and self.namespace != "default" else ""
        return f"{self.rt.singular}/{self.name}{ns}"

    def parse(self, m: LMap) -> None:
        self.rt, self.name = _ref(m[self.TYPE], m.line_of(self.TYPE))
        self.namespace = _namespace_of(m, self.rt)

    def _get(self, env: Env) -> dict | None:
        return _live(env.pg.cluster.get(self.rt.kind, self.namespace, self.name))

    def run(self, env: Env) -> tuple[bool, Text]:
        if self._get(env) is not None:
            return True, blank()
        w = _where(self.rt, self.namespace)
        return False, _t(f"There is no {self.rt.kind} named {self.name}{w['en']} yet.",
                         f"还没有名为 {self.name} 的 {self.rt.kind}{w['zh-Hans']}。")


@dataclass
class AbsentCheck(ExistsCheck):
    """An object is gone (or being deleted)."""

    TYPE: ClassVar[str] = "absent"

    def run(self, env: Env) -> tuple[bool, Text]:
        if self._get(env) is None:
            return True, blank()
        w = _where(self.rt, self.namespace)
        return False, _t(f"{self.rt.kind} {self.name}{w['en']} still exists.",
                         _zh(f"{self.rt.kind} {self.name}", w["zh-Hans"], "仍然存在。"))


# ---------------------------------------------------------------------------------------- count
_QTY_EN = {"equals": "exactly {v}", "gt": "more than {v}", "gte": "at least {v}", "lt": "fewer than {v}",
           "lte": "at most {v}"}
_QTY_ZH = {"equals": "恰好 {v} 个", "gt": "多于 {v} 个", "gte": "至少 {v} 个", "lt": "少于 {v} 个",
           "lte": "至多 {v} 个"}


@dataclass
class CountCheck(Check):
    """How many objects of a kind match a namespace, label/field selectors, a pod phase, a node."""

    rt: Any = None
    namespace: str | None = None
    selector: str | None = None
    field_selector: str | None = None
    phase: str | None = None
    node: str | None = None

    TYPE: ClassVar[str] = "count"
    KEYS: ClassVar[tuple[str, ...]] = ("namespace", "selector", "field_selector", "phase", "node",
                                       "equals") + NUM_OPS
    OPS: ClassVar[tuple[str, ...]] = ("equals",) + NUM_OPS
    NEEDS_OP: ClassVar[bool] = True

    def target(self) -> str:
        parts = [self.rt.plural]
        for k in ("namespace", "selector", "field_selector", "phase", "node"):
            if getattr(self, k):
                parts.append(f"{k}={getattr(self, k)}")
        return " ".join(parts)

    def parse(self, m: LMap) -> None:
        from cluster_core.api import selectors

        self.rt = _kind(m["count"], m.line_of("count"))
        self.namespace = _namespace_of(m, self.rt)
        self.selector = _str(m, "selector")
        self.field_selector = _str(m, "field_selector")
        self.phase = _str(m, "phase")
        self.node = _str(m, "node")
        if self.selector:
            try:
                selectors.parse(self.selector)
            except selectors.SelectorError as e:
                raise CheckError(m.line_of("selector"), f"bad label selector: {e}") from None
        if self.field_selector:
            try:
                selectors.parse_field_selector(self.field_selector, self.rt.kind)
            except selectors.SelectorError as e:
                raise CheckError(m.line_of("field_selector"), f"bad field selector: {e}") from None
        if (self.phase or self.node) and self.rt.kind != "Pod":
            raise CheckError(m.line, "'phase' and 'node' apply to pods only")
        _parse_expect(self, m)

    def matching(self, env: Env) -> list[dict]:
        ns = None if self.namespace == ALL_NAMESPACES else self.namespace
        objs = env.pg.cluster.list(self.rt.kind, ns, self.selector or None, self.field_selector or None)
        out = []
        for o in objs:
            if _live(o) is None:
                continue
            if self.phase and (o.get("status") or {}).get("phase") != self.phase:
                continue
            if self.node and (o.get("spec") or {}).get("nodeName") != self.node:
                continue
            out.append(o)
        return out

    def run(self, env: Env) -> tuple[bool, Text]:
        n = len(self.matching(env))
        for op, v in self.expect:
            if not _compare(op, float(n), float(_num(v))):  # type: ignore[arg-type]
                return False, self._message(op, v, n)
        return True, blank()

    def _message(self, op: str, v: Any, n: int) -> Text:
        noun = self.rt.kind if _fmt(v) == "1" and op == "equals" else self.rt.plural
        en, zh = [], []
        if self.selector:
            en.append(f"labelled {self.selector}")
            zh.append(f"标签匹配 {self.selector}")
        if self.field_selector:
            en.append(f"with fields {self.field_selector}")
            zh.append(f"字段匹配 {self.field_selector}")
        if self.phase:
            en.append(f"in phase {self.phase}")
            zh.append(f"处于 {self.phase} 状态")
        if self.node:
            en.append(f"on node {self.node}")
            zh.append(f"运行在节点 {self.node} 上")
        w = _where(self.rt, self.namespace)
        qty_en, qty_zh = _QTY_EN[op].format(v=_fmt(v)), _QTY_ZH[op].format(v=_fmt(v))
        what_en = " ".join([noun] + en)
        what_zh = _zh("、".join(zh), "的" if zh else "", self.rt.kind)
        return _t(f"Expected {qty_en} {what_en}{w['en']}; found {n}.",
                  _zh(what_zh, w["zh-Hans"], "应有", qty_zh, ",目前有", str(n), "个。"))


# --------------------------------------------------------------------------------------- labels
@dataclass
class LabelsCheck(ExistsCheck):
    """An object's labels include some (``null``: must not have the key), or equal a set exactly."""

    include: dict[str, str | None] = field(default_factory=dict)
    exact: dict[str, str] | None = None

    TYPE: ClassVar[str] = "labels"
    KEYS: ClassVar[tuple[str, ...]] = ("namespace", "include", "equals")

    def parse(self, m: LMap) -> None:
        super().parse(m)
        if "include" not in m and "equals" not in m:
            raise CheckError(m.line, "a labels check needs 'include' (labels it must have) or 'equals'")
        for key in ("include", "equals"):
            if key not in m:
                continue
            v = m[key]
            if not isinstance(v, dict) or not v:
                raise CheckError(m.line_of(key), f"{key!r} takes a mapping of label keys to values")
            for k, val in v.items():
                ok = isinstance(val, str) or (val is None and key == "include")
                if not isinstance(k, str) or not ok:
                    raise CheckError(v.line_of(k) if isinstance(v, LMap) else m.line_of(key),
                                     f"label {k!r}: values are strings; quote values such as \"true\""
                                     + (" (null means: must not have it)" if key == "include" else ""))
            if key == "include":
                self.include = plain(v)
            else:
                self.exact = plain(v)

    def run(self, env: Env) -> tuple[bool, Text]:
        obj = self._get(env)
        if obj is None:
            return ExistsCheck.run(self, env)
        labels = obj["metadata"].get("labels") or {}
        who = f"{self.rt.kind} {self.name}"
        for k, v in self.include.items():
            have = labels.get(k)
            if v is None and k in labels:
                return False, _t(f"{who} should not have the label {k} (it has {k}={have}).",
                                 f"{who} 不应带有标签 {k}(当前为 {k}={have})。")
            if v is not None and have != v:
                now_en = f"it has {k}={have}" if k in labels else f"it has no label {k}"
                now_zh = f"当前为 {k}={have}" if k in labels else f"当前没有标签 {k}"
                return False, _t(f"{who} should have the label {k}={v} ({now_en}).",
                                 f"{who} 应带有标签 {k}={v}({now_zh})。")
        if self.exact is not None and labels != self.exact:
            want = ",".join(f"{k}={v}" for k, v in sorted(self.exact.items()))
            have_s = ",".join(f"{k}={v}" for k, v in sorted(labels.items())) or "none"
            return False, _t(f"{who} should have exactly the labels {want} (it has {have_s}).",
                             f"{who} 的标签应恰好为 {want}(当前为 {have_s})。")
        return True, blank()


# ------------------------------------------------------------------------------------------ ran
@dataclass
class RanCheck(Check):
    """The student ran a command matching a regular expression (``re.search`` per input, multiline)."""

    pattern: str = ""
    times: int = 1
    example: str | None = None

    TYPE: ClassVar[str] = "ran"
    KEYS: ClassVar[tuple[str, ...]] = ("times", "example")

    def target(self) -> str:
        return self.pattern

    def parse(self, m: LMap) -> None:
        p = m["ran"]
        if not isinstance(p, str) or not p:
            raise CheckError(m.line_of("ran"), "'ran' takes a regular expression such as 'kubectl\\s+explain\\s+pods?\\b'")
        try:
            re.compile(p)
        except re.error as e:
            raise CheckError(m.line_of("ran"), f"bad regular expression {p!r}: {e}") from None
        self.pattern = p
        t = m.get("times", 1)
        if not isinstance(t, int) or isinstance(t, bool) or t < 1:
            raise CheckError(m.line_of("times"), "'times' takes a whole number of at least 1")
        self.times = t
        self.example = _str(m, "example")
        if self.example and not re.search(p, self.example, re.MULTILINE):
            raise CheckError(m.line_of("example"), f"the example {self.example!r} does not match {p!r}")

    def run(self, env: Env) -> tuple[bool, Text]:
        rx = re.compile(self.pattern, re.MULTILINE)
        n = sum(1 for entry in env.history if rx.search(entry))
        if n >= self.times:
            return True, blank()
        what = f"`{self.example}`" if self.example else f"a command matching `{self.pattern}`"
        what_zh = f"`{self.example}`" if self.example else f"匹配 `{self.pattern}` 的命令"
        if self.times == 1:
            return False, _t(f"You have not run {what} yet.", _zh("你还没有运行", what_zh, "。"))
        return False, _t(f"Run {what} at least {self.times} times (so far {n}).",
                         _zh("请运行", what_zh, "至少", str(self.times), "次(目前", str(n), "次)。"))


# ----------------------------------------------------------------------------------------- file
@dataclass
class FileCheck(Check):
    """A file in the home directory exists, and its text contains/matches something or is a manifest."""

    path: str = ""
    manifest: dict[str, str] | None = None

    TYPE: ClassVar[str] = "file"
    KEYS: ClassVar[tuple[str, ...]] = ("contains", "matches", "manifest")
    OPS: ClassVar[tuple[str, ...]] = ("contains", "matches")

    def target(self) -> str:
        return self.path

    def parse(self, m: LMap) -> None:
        self.path = _str(m, "file", required=True) or ""
        _parse_expect(self, m)
        if "manifest" in m:
            v = m["manifest"]
            if not isinstance(v, dict) or not v or any(k not in ("kind", "name", "namespace") for k in v) \
                    or not all(isinstance(x, str) for x in v.values()):
                raise CheckError(m.line_of("manifest"), "'manifest' takes kind, name and/or namespace, "
                                 "e.g. {kind: Pod, name: nginx-manual}")
            self.manifest = plain(v)

    def run(self, env: Env) -> tuple[bool, Text]:
        try:
            text = env.pg.read_file(self.path)
        except (FileNotFoundError, OSError):
            return False, _t(f"There is no file {self.path} in your home directory yet.",
                             f"主目录中还没有文件 {self.path}。")
        for op, v in self.expect:
            ok = str(v) in text if op == "contains" else re.search(str(v), text, re.MULTILINE) is not None
            if not ok:
                en = f"`{v}`" if op == "contains" else f"text matching `{v}`"
                zh = f"`{v}`" if op == "contains" else f"匹配 `{v}` 的内容"
                return False, _t(f"{self.path} does not contain {en} yet.", _zh(self.path, "中还没有", zh, "。"))
        if self.manifest:
            return self._manifest(text)
        return True, blank()

    def _manifest(self, text: str) -> tuple[bool, Text]:
        try:
            docs = [d for d in yaml.safe_load_all(text) if d is not None]
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            en = f" (line {mark.line + 1})" if mark else ""
            zh = f"(第 {mark.line + 1} 行)" if mark else ""
            return False, _t(f"{self.path} is not valid YAML{en}.", f"{self.path} 不是有效的 YAML{zh}。")
        want = self.manifest or {}
        for d in docs:
            if not isinstance(d, dict):
                continue
            meta = d.get("metadata") if isinstance(d.get("metadata"), dict) else {}
            got = {"kind": d.get("kind"), "name": meta.get("name"), "namespace": meta.get("namespace")}
            if all(got[k] == v for k, v in want.items()):
                return True, blank()
        kind = want.get("kind")
        en = f"a {kind}" if kind else "an object"
        zh = ""
        if "name" in want:
            en += f" named {want['name']}"
            zh += f"名为 {want['name']} 的 "
        if "namespace" in want:
            en += f" in namespace {want['namespace']}"
            zh = f"命名空间 {want['namespace']} 中" + zh
        return False, _t(f"{self.path} should describe {en}.", f"{self.path} 应描述一个{zh or ' '}{kind or '对象'}。")


CHECK_TYPES: dict[str, type[Check]] = {c.TYPE: c for c in (KubectlCheck, ExistsCheck, AbsentCheck, CountCheck,
                                                            LabelsCheck, RanCheck, FileCheck)}


def parse_check(m: Any, line: int) -> Check:
    """A check from its mapping in a lesson file; raises :class:`CheckError`."""
    if not isinstance(m, LMap):
        raise CheckError(line, "a check is a mapping such as {exists: pod/nginx-manual}")
    types = [k for k in m if k in CHECK_TYPES]
    if len(types) != 1:
        unknown = [k for k in m if k not in CHECK_TYPES and k != "message"]
        hint = f" (unknown key {unknown[0]!r})" if unknown and not types else ""
        raise CheckError(m.line, ("a check has exactly one of: " if types else "a check needs one of: ")
                         + ", ".join(CHECK_TYPES) + hint)
    cls = CHECK_TYPES[types[0]]
    for k in m:
        if k not in (cls.TYPE, "message") + cls.KEYS:
            raise CheckError(m.key_lines.get(k, m.line), f"unknown key {k!r} (a {cls.TYPE!r} check allows: "
                             f"{', '.join(('message',) + cls.KEYS)})")
    chk = cls(line=m.line, message=_message(m))
    chk.parse(m)
    return chk


def _message(m: LMap) -> Text | None:
    if "message" not in m:
        return None
    v = m["message"]
    if isinstance(v, str) and v.strip():
        return {lang: v for lang in LANGS}
    if isinstance(v, dict) and set(v) == set(LANGS) and all(isinstance(x, str) and x.strip() for x in v.values()):
        return dict(v)
    raise CheckError(m.line_of("message"), "'message' takes a string or {en: ..., zh-Hans: ...}")
