"""``kubectl patch``, and the patch machinery apply and run share: JSON merge patch (RFC 7386), JSON
patch (RFC 6902) and strategic merge patch with the merge keys of the kinds this cluster serves.

Strategic merge is apimachinery's ``strategicpatch`` reduced to what our kinds need: maps merge,
``null`` deletes, lists with a merge key (containers by ``name``, ports by ``containerPort``, env by
``name``...) merge element by element, other lists are replaced whole; the directives ``$patch``
(``replace``/``delete``), ``$setElementOrder/<list>``, ``$deleteFromPrimitiveList/<list>`` and
``$retainKeys`` are honoured. ``three_way_patch`` is ``CreateThreeWayMergePatch`` as ``kubectl
apply`` computes it: changes from live to the manifest, plus deletions of what the last applied
manifest had and this one has not.

The server's answers keep its words: Go's JSON syntax errors (``invalid character 'b' looking for
beginning of object key string``), ``The request is invalid`` for a JSON patch that does not apply,
``patched (no change)`` when nothing changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from cluster_core.api import resources
from cluster_core.api.errors import ApiError
from cluster_core.api.server import copy_obj
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.objects import map_manifest
from cluster_core.kubectl.print_flags import print_flags

PATCH_TYPES = ("json", "merge", "strategic")


class PatchError(Exception):
    """A patch that cannot be applied; ``reason`` is what the server answers (BadRequest, Invalid, "")."""

    def __init__(self, message: str, reason: str = "BadRequest") -> None:
        super().__init__(message)
        self.reason = reason


# ---------------------------------------------------------------- Go's encoding/json syntax errors
def _char(c: str) -> str:
    """encoding/json quoteChar: ``'x'``, with ``\\'`` and ``\\"`` escaped, control bytes in Go %q form."""
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    return "'" + json.dumps(c)[1:-1] + "'" if c < " " else f"'{c}'"


class _Scanner:
    """Just enough of encoding/json's scanner to name the first syntax error as Go does."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0

    def fail(self, what: str) -> None:
        if self.i >= len(self.s):
            raise PatchError("unexpected end of JSON input")
        raise PatchError(f"invalid character {_char(self.s[self.i])} {what}")

    def ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
            self.i += 1

    def value(self) -> None:
        self.ws()
        if self.i >= len(self.s):
            self.fail("")
        c = self.s[self.i]
        if c == "{":
            self.obj()
        elif c == "[":
            self.arr()
        elif c == '"':
            self.string()
        elif c in "-0123456789":
            self.number()
        elif c in "tfn":
            self.literal({"t": "true", "f": "false", "n": "null"}[c])
        else:
            self.fail("looking for beginning of value")

    def obj(self) -> None:
        self.i += 1
        self.ws()
        if self.i < len(self.s) and self.s[self.i] == "}":
            self.i += 1
            return
        while True:
            self.ws()
            if self.i >= len(self.s) or self.s[self.i] != '"':
                self.fail("looking for beginning of object key string")
            self.string()
            self.ws()
            if self.i >= len(self.s) or self.s[self.i] != ":":
                self.fail("after object key")
            self.i += 1
            self.value()
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                continue
            if self.i < len(self.s) and self.s[self.i] == "}":
                self.i += 1
                return
            self.fail("after object key:value pair")

    def arr(self) -> None:
        self.i += 1
        self.ws()
        if self.i < len(self.s) and self.s[self.i] == "]":
            self.i += 1
            return
        while True:
            self.value()
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
                continue
            if self.i < len(self.s) and self.s[self.i] == "]":
                self.i += 1
                return
            self.fail("after array element")

    def string(self) -> None:
        self.i += 1
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == '"':
                self.i += 1
                return
            if c == "\\":
                self.i += 1
                if self.i < len(self.s) and self.s[self.i] not in '"\\/bfnrtu':
                    self.fail("in string escape code")
            elif c < " ":
                self.fail("in string literal")
            self.i += 1
        self.fail("")

    def number(self) -> None:
        if self.s[self.i] == "-":
            self.i += 1
            if self.i >= len(self.s) or not self.s[self.i].isdigit():
                self.fail("in numeric literal")
        while self.i < len(self.s) and (self.s[self.i].isdigit() or self.s[self.i] in ".eE+-"):
            self.i += 1

    def literal(self, word: str) -> None:
        for expected in word:
            if self.i >= len(self.s):
                self.fail("")
            if self.s[self.i] != expected:
                self.fail(f"in literal {word} (expecting {_char(expected)})")
            self.i += 1


def go_json_loads(text: str) -> Any:
    """Parse JSON as Go's encoding/json would, raising PatchError with Go's message on bad syntax."""
    sc = _Scanner(text)
    sc.value()
    sc.ws()
    if sc.i < len(text):
        sc.fail("after top-level value")
    return json.loads(text)


def _go_kind(value: Any) -> str:
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    return "object"


def _go_value(value: Any) -> str:
    """Go's %v of decoded JSON (``map[a:1 b:[x y]]``), as strategicpatch errors print it."""
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_go_value(v)}" for k, v in sorted(value.items())) + "]"
    if isinstance(value, list):
        return "[" + " ".join(_go_value(v) for v in value) + "]"
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ---------------------------------------------------------------- JSON merge patch (RFC 7386)
def json_merge(doc: Any, patch: Any) -> Any:
    """RFC 7386: objects merge recursively, ``null`` removes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy_obj(patch)
    out = copy_obj(doc) if isinstance(doc, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = json_merge(out.get(key), value)
    return out


# ---------------------------------------------------------------- JSON patch (RFC 6902)
def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f'doc is missing path: "{path}"')
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _container(doc: Any, parts: list[str], op: str, path: str) -> Any:
    node = doc
    for p in parts:
        if isinstance(node, dict) and p in node:
            node = node[p]
        elif isinstance(node, list) and p.isdigit() and int(p) < len(node):
            node = node[int(p)]
        else:
            raise PatchError(f"{op} operation does not apply: doc is missing path: {path}: missing value")
    return node


def json_patch(doc: Any, ops: Any) -> Any:
    """RFC 6902 as evanphx/json-patch applies it; errors name the failing operation."""
    if not isinstance(ops, list):
        raise PatchError(f"json: cannot unmarshal {_go_kind(ops)} into Go value of type jsonpatch.Patch")
    doc = copy_obj(doc)
    for op in ops:
        if not isinstance(op, dict):
            raise PatchError(f"json: cannot unmarshal {_go_kind(op)} into Go value of type jsonpatch.Operation")
        kind = op.get("op")
        path = op.get("path", "")
        if kind in ("add", "replace", "remove", "test"):
            doc = _apply_op(doc, str(kind), str(path), op)
        elif kind in ("move", "copy"):
            src_parts = _pointer(str(op.get("from", "")))
            value = copy_obj(_get(doc, src_parts, kind, str(op.get("from", ""))))
            if kind == "move":
                doc = _apply_op(doc, "remove", str(op.get("from", "")), {})
            doc = _apply_op(doc, "add", str(path), {"value": value})
        else:
            raise PatchError(f"Unexpected kind: {kind if kind is not None else 'unknown'}")
    return doc


def _get(doc: Any, parts: list[str], op: str, path: str) -> Any:
    if not parts:
        return doc
    parent = _container(doc, parts[:-1], op, path)
    last = parts[-1]
    if isinstance(parent, dict) and last in parent:
        return parent[last]
    if isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        return parent[int(last)]
    raise PatchError(f"{op} operation does not apply: doc is missing key: {path}: missing value")


def _apply_op(doc: Any, kind: str, path: str, op: dict[str, Any]) -> Any:
    parts = _pointer(path)
    if not parts:
        if kind in ("add", "replace"):
            return copy_obj(op.get("value"))
        raise PatchError(f"{kind} operation does not apply: doc is missing path: {path}")
    parent = _container(doc, parts[:-1], kind, path)
    last = parts[-1]
    if kind == "test":
        if json.dumps(_get(doc, parts, kind, path), sort_keys=True) != json.dumps(op.get("value"), sort_keys=True):
            raise PatchError(f"testing value {path} failed: test failed")
        return doc
    if isinstance(parent, dict):
        if kind == "remove" and last not in parent:
            raise PatchError(f"{kind} operation does not apply: doc is missing key: {path}: missing value")
        if kind == "remove":
            del parent[last]
        else:
            parent[last] = copy_obj(op.get("value"))
        return doc
    if isinstance(parent, list):
        if kind == "add" and last == "-":
            parent.append(copy_obj(op.get("value")))
            return doc
        if not last.isdigit() or int(last) > len(parent) or (kind != "add" and int(last) >= len(parent)):
            raise PatchError(f"{kind} operation does not apply: doc is missing key: {path}: missing value")
        idx = int(last)
        if kind == "add":
            parent.insert(idx, copy_obj(op.get("value")))
        elif kind == "remove":
            del parent[idx]
        else:
            parent[idx] = copy_obj(op.get("value"))
        return doc
    raise PatchError(f"{kind} operation does not apply: doc is missing path: {path}: missing value")


# ---------------------------------------------------------------- strategic merge patch
@dataclass(frozen=True)
class ListMeta:
    """How strategic merge treats one list field: merged by ``key``, or a set of scalars."""

    key: str = ""
    elem: str = ""  # the element's type name in _TYPES, when it has mergeable fields of its own
    primitive: bool = False
    retain: bool = False


_WORKLOAD = {"metadata": "ObjectMeta", "spec": "WorkloadSpec"}
_TYPES: dict[str, dict[str, Any]] = {
    "Pod": {"metadata": "ObjectMeta", "spec": "PodSpec"},
    "Deployment": _WORKLOAD, "ReplicaSet": _WORKLOAD, "DaemonSet": _WORKLOAD, "Job": _WORKLOAD,
    "Node": {"metadata": "ObjectMeta", "spec": "NodeSpec"},
    "Namespace": {"metadata": "ObjectMeta"},
    "Event": {"metadata": "ObjectMeta"},
    "Service": {"metadata": "ObjectMeta", "spec": "ServiceSpec"},
    "ServiceSpec": {"ports": ListMeta("port")},
    "WorkloadSpec": {"template": "PodTemplateSpec"},
    "PodTemplateSpec": {"metadata": "ObjectMeta", "spec": "PodSpec"},
    "ObjectMeta": {"ownerReferences": ListMeta("uid"), "finalizers": ListMeta(primitive=True)},
    "PodSpec": {
        "containers": ListMeta("name", "Container"), "initContainers": ListMeta("name", "Container"),
        "ephemeralContainers": ListMeta("name", "Container"), "volumes": ListMeta("name", retain=True),
        "imagePullSecrets": ListMeta("name"), "hostAliases": ListMeta("ip"),
        "topologySpreadConstraints": ListMeta("topologyKey"), "schedulingGates": ListMeta("name"),
        "resourceClaims": ListMeta("name", retain=True),
    },
    "Container": {"ports": ListMeta("containerPort"), "env": ListMeta("name"),
                  "volumeMounts": ListMeta("mountPath"), "volumeDevices": ListMeta("devicePath")},
    "NodeSpec": {"podCIDRs": ListMeta(primitive=True)},
}
_MISSING = object()
_DELETE = object()


def _field(type_name: str, key: str) -> Any:
    return _TYPES.get(type_name, {}).get(key, "")


def _same(a: Any, b: Any) -> bool:
    """JSON equality (``1`` is not ``true``, key order does not matter)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _strip(value: Any, type_name: str = "") -> Any:
    """A patch value applied to nothing: its directives removed, keyed lists merged into []."""
    if isinstance(value, dict):
        out = _merge_map({}, value, type_name)
        return {} if out is _DELETE else out
    return copy_obj(value)


def strategic_merge(doc: dict[str, Any], patch: Any, kind: str) -> dict[str, Any]:
    """Apply a strategic merge patch to ``doc`` (an object of ``kind``); raises PatchError."""
    if not isinstance(patch, dict):
        raise PatchError(f"json: cannot unmarshal {_go_kind(patch)} into Go value of type map[string]interface {{}}")
    out = _merge_map(copy_obj(doc), patch, kind)
    return {} if out is _DELETE else out


def _merge_map(original: dict[str, Any], patch: dict[str, Any], type_name: str) -> Any:
    patch = dict(patch)
    directive = patch.pop("$patch", None)
    if directive == "replace":
        return _strip(patch, type_name)
    if directive == "delete":
        return _DELETE
    if directive is not None:
        raise PatchError(f"Unknown patch type: {directive} in map: {_go_value(patch)}")
    out = dict(original)
    retain = patch.pop("$retainKeys", None)
    if isinstance(retain, list):
        out = {k: v for k, v in out.items() if k in retain}
    orders: dict[str, Any] = {}
    for key in list(patch):
        if key.startswith("$setElementOrder/"):
            orders[key.split("/", 1)[1]] = patch.pop(key)
        elif key.startswith("$deleteFromPrimitiveList/"):
            name, gone = key.split("/", 1)[1], patch.pop(key)
            if isinstance(out.get(name), list) and isinstance(gone, list):
                out[name] = [v for v in out[name] if not any(_same(v, g) for g in gone)]
    for key, value in patch.items():
        meta = _field(type_name, key)
        current = out.get(key, _MISSING)
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(current, dict):
            merged = _merge_map(current, value, meta if isinstance(meta, str) else "")
            if merged is _DELETE:
                out.pop(key, None)
            else:
                out[key] = merged
        elif isinstance(value, list) and isinstance(meta, ListMeta):
            order = orders.pop(key, None)
            out[key] = _merge_list(current if isinstance(current, list) else [], value, meta,
                                   order if isinstance(order, list) else None)
        elif isinstance(value, dict):
            merged = _merge_map({}, value, meta if isinstance(meta, str) else "")
            if merged is not _DELETE:
                out[key] = merged
        else:
            out[key] = copy_obj(value)
    for key, order in orders.items():
        meta = _field(type_name, key)
        if isinstance(out.get(key), list) and isinstance(order, list) and isinstance(meta, ListMeta):
            out[key] = _merge_list(out[key], [], meta, order)
    return out


def _merge_list(original: list[Any], patch: list[Any], meta: ListMeta, order: list[Any] | None = None) -> list[Any]:
    """mergeSlice: delete and replace directives, merge by key, then normalizeElementOrder."""
    ident = _identity(meta)
    if meta.primitive:
        merged = list(original) + [copy_obj(v) for v in patch
                                   if not any(_same(v, o) for o in original)]
        return _normalize_order(merged, order if order is not None else patch, original, ident)
    if any(isinstance(e, dict) and e.get("$patch") == "replace" for e in patch):
        return [_strip(e, meta.elem) for e in patch if not (isinstance(e, dict) and "$patch" in e)]
    merged = [copy_obj(e) for e in original]
    kept: list[Any] = []
    for element in patch:
        if not isinstance(element, dict) or meta.key not in element:
            raise PatchError(f"map: {_go_value(element)} does not contain declared merge key: {meta.key}", "")
        key = ident(element)
        idx = next((i for i, o in enumerate(merged) if ident(o) == key), None)
        if element.get("$patch") == "delete":
            merged = [o for o in merged if ident(o) != key]
            continue
        base = merged[idx] if idx is not None else {}
        if meta.retain and idx is not None:
            base = {k: v for k, v in base.items() if k in element or k == meta.key}
        result = _merge_map(base, element, meta.elem)
        if result is _DELETE:
            continue
        kept.append(element)
        if idx is None:
            merged.append(result)
        else:
            merged[idx] = result
    return _normalize_order(merged, order if order is not None else kept, original, ident)


def _identity(meta: ListMeta) -> Any:
    def ident(e: Any) -> str:
        value = e.get(meta.key) if isinstance(e, dict) and not meta.primitive else e
        return json.dumps(value, sort_keys=True)
    return ident


def _normalize_order(merged: list[Any], patch_order: list[Any], server_order: list[Any], ident: Any) -> list[Any]:
    """normalizeElementOrder: patch items in the patch's order, server-only items woven in by live order."""
    wanted = [ident(p) for p in patch_order]
    live = [ident(o) for o in server_order]
    right = sorted((m for m in merged if ident(m) in wanted), key=lambda m: wanted.index(ident(m)))
    left = sorted((m for m in merged if ident(m) not in wanted),
                  key=lambda m: live.index(ident(m)) if ident(m) in live else len(live))
    out: list[Any] = []
    i = j = 0
    while i < len(left) or j < len(right):
        if i >= len(left):
            out.append(right[j])
            j += 1
        elif j >= len(right):
            out.append(left[i])
            i += 1
        else:
            li, ri = ident(left[i]), ident(right[j])
            if li in live and ri in live and live.index(li) < live.index(ri):
                out.append(left[i])
                i += 1
            else:
                out.append(right[j])
                j += 1
    return out


# ---------------------------------------------------------------- three-way patch (kubectl apply)
def three_way_patch(original: dict[str, Any] | None, modified: dict[str, Any], current: dict[str, Any],
                    kind: str) -> dict[str, Any]:
    """CreateThreeWayMergePatch(original, modified, current): what apply sends; ``{}`` means unchanged."""
    delta = _diff_maps(current, modified, kind, ignore_deletions=True, ignore_changes=False)
    deletions = _diff_maps(original or {}, modified, kind, ignore_deletions=False, ignore_changes=True)
    return _combine(deletions, delta, kind)


def _diff_maps(original: dict[str, Any], modified: dict[str, Any], type_name: str, *,
               ignore_deletions: bool, ignore_changes: bool) -> dict[str, Any]:
    patch: dict[str, Any] = {}
    for key, mv in modified.items():
        ov = original.get(key, _MISSING)
        meta = _field(type_name, key)
        if ov is _MISSING:
            if not ignore_changes:
                patch[key] = copy_obj(mv)
        elif isinstance(ov, dict) and isinstance(mv, dict):
            sub = _diff_maps(ov, mv, meta if isinstance(meta, str) else "", ignore_deletions=ignore_deletions,
                             ignore_changes=ignore_changes)
            if sub:
                patch[key] = sub
        elif isinstance(ov, list) and isinstance(mv, list) and isinstance(meta, ListMeta):
            patch.update(_diff_lists(key, ov, mv, meta, ignore_deletions, ignore_changes))
        elif not _same(ov, mv) and not ignore_changes:
            patch[key] = copy_obj(mv)
    if not ignore_deletions:
        for key in original:
            if key not in modified:
                patch[key] = None
    return patch


def _diff_lists(name: str, original: list[Any], modified: list[Any], meta: ListMeta, ignore_deletions: bool,
                ignore_changes: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if meta.primitive:
        added = [v for v in modified if not any(_same(v, o) for o in original)]
        gone = [v for v in original if not any(_same(v, m) for m in modified)]
        if added and not ignore_changes:
            out[name] = added
        if gone and not ignore_deletions:
            out[f"$deleteFromPrimitiveList/{name}"] = gone
        if out:
            out[f"$setElementOrder/{name}"] = copy_obj(modified)
        return out
    for e in modified:
        if not isinstance(e, dict) or meta.key not in e:
            raise PatchError(f"map: {_go_value(e)} does not contain declared merge key: {meta.key}", "")
    keys_mod = [json.dumps(e[meta.key], sort_keys=True) for e in modified]
    by_key = {json.dumps(o.get(meta.key), sort_keys=True): o for o in original if isinstance(o, dict)}
    items: list[Any] = []
    for e, k in zip(modified, keys_mod, strict=True):
        o = by_key.get(k)
        if o is None:
            if not ignore_changes:
                items.append(copy_obj(e))
            continue
        sub = _diff_maps(o, e, meta.elem, ignore_deletions=ignore_deletions, ignore_changes=ignore_changes)
        if sub:
            sub[meta.key] = e[meta.key]
            items.append(sub)
    if not ignore_deletions:
        for k, o in by_key.items():
            if k not in keys_mod:
                items.append({meta.key: o.get(meta.key), "$patch": "delete"})
    common_o = [k for k in by_key if k in keys_mod]
    common_m = [k for k in keys_mod if k in by_key]
    order_changed = common_o != common_m
    if items:
        out[name] = items
    if items or (order_changed and not ignore_changes):
        out[f"$setElementOrder/{name}"] = [{meta.key: e[meta.key]} for e in modified]
    return out


def _combine(a: dict[str, Any], b: dict[str, Any], type_name: str) -> dict[str, Any]:
    """Merge the deletions patch with the changes patch (``b`` wins; keyed list items are joined)."""
    out = copy_obj(a)
    for key, value in b.items():
        meta = _field(type_name, key)
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _combine(out[key], value, meta if isinstance(meta, str) else "")
        elif isinstance(value, list) and isinstance(out.get(key), list) and isinstance(meta, ListMeta) \
                and not meta.primitive:
            ident = _identity(meta)
            mine = {ident(e): e for e in out[key] if isinstance(e, dict)}
            merged = [_combine(mine.pop(ident(e)), e, meta.elem) if ident(e) in mine else e for e in value]
            out[key] = merged + list(mine.values())
        else:
            out[key] = copy_obj(value)
    return out


# ---------------------------------------------------------------- server-side PATCH
def warn_or_strip_unknown(obj: dict[str, Any], directive: str, write_err: Any) -> None:
    """fieldValidation for a patched object: Strict fails, Warn prints ``Warning: unknown field``, Ignore drops.

    A type error fails whatever the directive, with the server's decoding message.
    """
    from cluster_core.api import schema

    rt = resources.BY_KIND[obj["kind"]]
    problems = schema.decode(obj, rt.kind, rt.api_version)
    if not problems:
        return
    if not schema.is_strict(problems) or directive == "Strict":
        raise ApiError("BadRequest", 400, schema.decode_error_message(rt.kind, rt.api_version, problems))
    for p in problems:
        if directive == "Warn":
            write_err(f"Warning: {p}\n")
        if p.startswith("unknown field "):
            _drop_path(obj, json.loads(p[len("unknown field "):]))


def _drop_path(obj: Any, path: str) -> None:
    parts: list[Any] = []
    for seg in path.split("."):
        name, _, rest = seg.partition("[")
        if name:
            parts.append(name)
        while rest:
            idx, _, rest = rest.partition("]")
            parts.append(int(idx))
            rest = rest[1:] if rest.startswith("[") else rest
    node = obj
    for p in parts[:-1]:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(node, dict) and parts:
        node.pop(parts[-1], None)


def patched_object(live: dict[str, Any], patch_type: str, patch_text: str) -> dict[str, Any]:
    """What the API server's PATCH handler makes of ``live``: parse the body, apply, keep identity."""
    try:
        body = go_json_loads(patch_text)
    except PatchError as e:
        prefix = "" if patch_type == "strategic" else "error decoding patch: "
        raise ApiError("BadRequest", 400, prefix + str(e)) from None
    try:
        if patch_type == "json":
            if not isinstance(body, list):
                raise ApiError("BadRequest", 400, f"error decoding patch: json: cannot unmarshal {_go_kind(body)} "
                               "into Go value of type []handlers.jsonPatchOp")
            try:
                out = json_patch(live, body)
            except PatchError:
                raise ApiError("Invalid", 422, "the server rejected our request due to an error in our request")\
                    from None
        elif patch_type == "merge":
            if not isinstance(body, dict):
                raise ApiError("BadRequest", 400, f"error decoding patch: json: cannot unmarshal {_go_kind(body)} "
                               "into Go value of type map[string]interface {}")
            out = json_merge(live, body)
        else:
            out = strategic_merge(live, body, live["kind"])
    except PatchError as e:
        raise ApiError(e.reason, 400 if e.reason else 500, str(e)) from None
    if not isinstance(out, dict):
        raise ApiError("BadRequest", 400, "Object 'Kind' is missing in the patched object")
    return out


def server_patch(ctx: Any, live: dict[str, Any], patched: dict[str, Any], dry_run: bool = False,
                 directive: str = "Warn") -> dict[str, Any]:
    """Store ``patched`` as the server's PATCH would (validation, immutability); unchanged means no write."""
    patched = copy_obj(patched)
    warn_or_strip_unknown(patched, directive, ctx.write_err)
    meta, live_meta = patched.setdefault("metadata", {}), live["metadata"]
    for key in ("uid", "creationTimestamp", "resourceVersion"):
        if key in live_meta:
            meta[key] = live_meta[key]
    if "status" in live:
        patched["status"] = copy_obj(live["status"])
    if _same(patched, live):
        return copy_obj(live)
    meta.pop("resourceVersion", None)
    return ctx.pg.cluster.update(patched, dry_run=dry_run)


def render_error(e: ApiError) -> str:
    """render_api_error, plus the reason-less statuses kubectl prints as ``Error from server: ...``."""
    if e.reason == "Invalid" and not e.causes:
        return "The request is invalid\n"
    if not e.reason:
        return f"Error from server: {e.message}\n"
    return render_api_error(e)


# ---------------------------------------------------------------- the verb
def _yaml_to_json(text: str) -> str:
    """apimachinery yaml.ToJSON: JSON passes through untouched, YAML is converted (or its error named)."""
    if text.lstrip(" \t\r\n").startswith(("{", "[")):
        return text
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = str(getattr(e, "problem", "") or e)
        for py, go in (("mapping values are not allowed here", "mapping values are not allowed in this context"),
                       ("expected ',' or ']'", "did not find expected ',' or ']'"),
                       ("expected ',' or '}'", "did not find expected ',' or '}'"),
                       ("could not find expected ':'", "could not find expected ':'")):
            if py in problem:
                problem = go
                break
        where = f"line {mark.line + 1}: " if mark is not None and "mapping values" not in problem else ""
        raise CommandError(f'unable to parse "{text}": yaml: {where}{problem}') from None
    return json.dumps(json.loads(json.dumps(data, default=str)), separators=(",", ":"))


def _targets(ctx: Any, opts: Any) -> list[tuple[str, str, str, dict[str, Any] | None]]:
    """(kind, namespace, name, local object) for each resource, as the builder resolves them."""
    from cluster_core.kubectl.verbs.delete import NO_RESOURCES

    if opts["filename"]:
        if opts.args:
            raise CommandError("Unexpected args: [" + " ".join(opts.args) + "]")
        out = []
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = map_manifest(ctx, m)
            out.append((t.rt.kind, t.namespace, t.name, m.obj if opts["local"] else None))
        return out
    if not opts.args:
        raise CommandError(NO_RESOURCES)
    sels = resource_args.parse(opts.args)
    if not any(s.names for s in sels):
        raise CommandError("resource(s) were provided, but no name was specified")
    return [(s.rt.kind, ctx.namespace if s.rt.namespaced else "", n, None) for s in sels for n in s.names]


def run(ctx: Any, opts: Any) -> int:
    from cluster_core.kubectl.verbs.run import check_output_format, dry_run_strategy, suffix

    mode = dry_run_strategy(ctx, opts["dry-run"])
    check_output_format(opts["output"])
    if opts["patch"] and opts["patch-file"]:
        raise CommandError("cannot specify --patch and --patch-file together")
    if not opts["patch"] and not opts["patch-file"]:
        raise CommandError("must specify --patch or --patch-file containing the contents of the patch")
    if opts["local"] and opts.args:
        raise CommandError("cannot specify --local and server resources")
    if opts["local"] and mode == "server":
        raise CommandError("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
    patch_type = opts["type"].lower()
    if opts["type"] and patch_type not in PATCH_TYPES:
        raise CommandError(f'--type must be one of [json merge strategic], not "{opts["type"]}"')
    patch_type = patch_type or "strategic"
    if opts["patch-file"]:
        try:
            raw = ctx.files.read_text(opts["patch-file"])
        except (OSError, KeyError, ValueError):
            raise CommandError(f"unable to read patch file: open {opts['patch-file']}: no such file or directory")\
                from None
    else:
        raw = opts["patch"]
    text = _yaml_to_json(raw)
    failed = False
    printed: list[dict[str, Any]] = []
    targets = _targets(ctx, opts)
    for kind, ns, name, local in targets:
        rt = resources.for_kind(kind)
        try:
            live = copy_obj(local) if local is not None else ctx.server.get(kind, ns or None, name)
            if live is None:
                raise ApiError("NotFound", 404, f'{rt.qualified_plural} "{name}" not found')
            if local is None and mode != "client":
                result = server_patch(ctx, live, patched_object(live, patch_type, text), dry_run=mode == "server")
            else:
                result = _client_patch(live, patch_type, text)
        except ApiError as e:
            failed = True
            ctx.write_err(render_error(e))
            continue
        except CommandError as e:
            failed = True
            ctx.write_err(f"error: {e}\n")
            continue
        word = "patched" if not _same(live, result) else "patched (no change)"
        if opts["output"] and opts["output"] != "name":
            printed.append(result)
        elif opts["output"] == "name":
            ctx.write(f"{rt.qualified_kind}/{name}\n")
        else:
            ctx.write(f"{rt.qualified_kind}/{name} {word}{suffix(mode)}\n")
    if printed:
        from cluster_core.kubectl.output import print_objects

        for obj in printed:
            print_objects(ctx, [obj], opts["output"], single=True)
    if not targets and not failed:
        raise CommandError("no objects passed to patch")
    return 1 if failed else 0


def _client_patch(obj: dict[str, Any], patch_type: str, text: str) -> dict[str, Any]:
    """getPatchedJSON: --local and --dry-run=client apply the patch in kubectl itself."""
    try:
        body = go_json_loads(text)
        if patch_type == "json":
            try:
                return json_patch(obj, body)
            except PatchError as e:
                msg = str(e)
                if "doc is missing key" in msg:
                    key = msg[msg.index("key:") + 5:]
                    raise CommandError(f"Object to be patched is missing field ({key})") from None
                raise
        if patch_type == "merge":
            if not isinstance(body, dict):
                raise CommandError("Invalid JSON Patch")
            return json_merge(obj, body)
        return strategic_merge(obj, body, obj.get("kind", ""))
    except PatchError as e:
        raise CommandError(str(e)) from None


FLAGS = [
    *print_flags(),
    Flag("dry-run", STRING, "none", "", 'Must be "none", "server", or "client". If client strategy, only print the '
         "object that would be sent, without sending it. If server strategy, submit server-side request without "
         "persisting the resource.", no_opt="unchanged"),
    Flag("field-manager", STRING, "kubectl-patch", "", "Name of the manager used to track field ownership."),
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource to "
         "update"),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
         "with -f or -R."),
    Flag("local", BOOL, False, "", "If true, patch will operate on the content of the file, not the server-side "
         "resource."),
    Flag("patch", STRING, "", "p", "The patch to be applied to the resource JSON file."),
    Flag("patch-file", STRING, "", "", "A file containing a patch to be applied to the resource."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("subresource", STRING, "", "", "If specified, patch will operate on the subresource of the requested "
         "object."),
    Flag("type", STRING, "strategic", "", "The type of patch being provided; one of [json merge strategic]"),
]

COMMAND = Command(
    "patch", "Update fields of a resource", "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] "
    "[options]", run, flags=FLAGS,
    long="Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\n"
         " JSON and YAML formats are accepted.\n\n"
         " Note: Strategic merge patch is not supported for custom resources.",
    examples="# Partially update a node using a strategic merge patch, specifying the patch as JSON\n"
             "kubectl patch node k8s-node-1 -p '{\"spec\":{\"unschedulable\":true}}'\n\n"
             "# Partially update a node using a strategic merge patch, specifying the patch as YAML\n"
             "kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'\n\n"
             "# Partially update a node identified by the type and name specified in \"node.json\" using strategic "
             "merge patch\nkubectl patch -f node.json -p '{\"spec\":{\"unschedulable\":true}}'\n\n"
             "# Update a container's image; spec.containers[*].name is required because it's a merge key\n"
             "kubectl patch pod valid-pod -p '{\"spec\":{\"containers\":[{\"name\":\"kubernetes-serve-hostname\","
             "\"image\":\"new image\"}]}}'\n\n"
             "# Update a container's image using a JSON patch with positional arrays\n"
             "kubectl patch pod valid-pod --type='json' -p='[{\"op\": \"replace\", \"path\": "
             "\"/spec/containers/0/image\", \"value\":\"new image\"}]'\n\n"
             "# Update a deployment's replicas through the 'scale' subresource using a merge patch\n"
             "kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p "
             "'{\"spec\":{\"replicas\":2}}'",
    group="Advanced Commands")
