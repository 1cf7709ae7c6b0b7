"""The v1.33 OpenAPI schemas (from the kubernetes-validate package): strict decoding and the explain model.

Two consumers, one source of truth:

* ``decode`` answers what a real API server's *decoder* says about a POSTed manifest. The server
  unmarshals JSON into Go structs with ``sigs.k8s.io/json`` (case-sensitive, unknown fields
  collected as strict errors, type mismatches as ``encoding/json`` UnmarshalTypeErrors) and
  ``handlers/rest.go transformDecodeError`` wraps the result as ``Pod in version "v1" cannot be
  handled as a Pod: ...``. Missing required fields are *not* a decoding problem (semantic
  validation reports them), so ``required`` is ignored here.
* the explain model: the definitions reshaped the way the server's OpenAPI v3 document shows them
  (a ``$ref`` with a description becomes ``allOf: [{$ref}]``, IntOrString and Quantity have no
  ``type``), so ``kubectl/explain.py`` can port kubectl's plaintext template literally.

The JSON is loaded once per process, lazily; compiled decoders and reshaped schemas are cached.
"""

from __future__ import annotations

import base64
import binascii
import importlib.util
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "v1.33.0"
REF_PREFIX = "#/components/schemas/"

_INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
_QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
_TIMES = ("io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime")
_ANY_JSON = (  # types with their own UnmarshalJSON that accept any JSON value
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
    "io.k8s.apimachinery.pkg.runtime.RawExtension",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON",
)


# ---------------------------------------------------------------------------------------------
# Loading


def _schema_dir() -> Path:
    """The package's v1.33 strict directory, found through the import system (no hard-coded venv path)."""
    spec = importlib.util.find_spec("kubernetes_validate")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the kubernetes-validate package is not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    return base / "kubernetes-json-schema" / f"{SCHEMA_VERSION}-local-strict"


@cache
def definitions() -> dict[str, dict[str, Any]]:
    """All v1.33 definitions by OpenAPI name (``io.k8s.api.core.v1.PodSpec``), as the package ships them."""
    with open(_schema_dir() / "_definitions.json", encoding="utf-8") as f:
        return json.load(f)["$defs"]


@cache
def _gvk_index() -> dict[tuple[str, str, str], str]:
    index: dict[tuple[str, str, str], str] = {}
    for name, d in definitions().items():
        for gvk in d.get("x-kubernetes-group-version-kind", ()):
            index.setdefault((gvk["group"], gvk["version"], gvk["kind"]), name)
    return index


def _split_api_version(api_version: str) -> tuple[str, str]:
    group, _, version = api_version.rpartition("/")
    return group, version


def definition_name(kind: str, api_version: str) -> str:
    """The OpenAPI name of a kind (``Pod``, ``v1`` -> ``io.k8s.api.core.v1.Pod``); KeyError if unknown."""
    group, version = _split_api_version(api_version)
    try:
        return _gvk_index()[(group, version, kind)]
    except KeyError:
        raise KeyError(f"no schema for kind {kind!r} in version {api_version!r}") from None


# ---------------------------------------------------------------------------------------------
# The OpenAPI v3 shape (what kubectl explain reads)


def _normalize(node: Any) -> Any:
    if isinstance(node, list):
        return [_normalize(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref":
            out[key] = REF_PREFIX + value.rsplit("/", 1)[-1]
        elif key == "type" and isinstance(value, list):
            out[key] = next((t for t in value if t != "null"), "object")
        elif key == "additionalProperties" and value is False:
            continue  # the "strict" flavour's marker; the served document has none
        elif key == "properties":
            out[key] = {name: _v3_property(name, sub) for name, sub in value.items()}
        else:
            out[key] = _normalize(value)
    return out


def _v3_property(name: str, node: dict[str, Any]) -> dict[str, Any]:
    prop = _normalize(node)
    if name in ("apiVersion", "kind"):
        prop.pop("enum", None)  # added by the JSON-schema generator, absent from the served schema
    if "$ref" in prop and len(prop) > 1:
        ref = prop.pop("$ref")
        prop = {"allOf": [{"$ref": ref}], **prop}
    return prop


@cache
def v3_schema(name: str) -> dict[str, Any] | None:
    """One definition reshaped as the v1.33 server's OpenAPI v3 document serves it (cached)."""
    raw = definitions().get(name)
    if raw is None:
        return None
    if name == _INT_OR_STRING:
        return {"format": "int-or-string", "oneOf": [{"type": "integer"}, {"type": "string"}]}
    return _normalize(raw)


def resolve_ref(ref: Any) -> dict[str, Any] | None:
    """kubectl's ``resolveRef``: a local ``#/components/schemas/X`` reference, or None."""
    if not isinstance(ref, str) or not ref.startswith(REF_PREFIX):
        return None
    return v3_schema(ref[len(REF_PREFIX):])


def kind_schema(kind: str, api_version: str) -> dict[str, Any]:
    schema = v3_schema(definition_name(kind, api_version))
    assert schema is not None
    return schema


def _is_map(value: Any) -> bool:
    """Go template truthiness of a non-bool ``additionalProperties``."""
    return isinstance(value, dict) and bool(value)


def type_guess(schema: dict[str, Any]) -> str:
    """The ``typeGuess`` template: ``string``, ``[]Container``, ``map[string]string``, ``IntOrString``..."""
    if schema.get("items"):
        return "[]" + type_guess(schema["items"])
    if _is_map(schema.get("additionalProperties")):
        return "map[string]" + type_guess(schema["additionalProperties"])
    all_of = schema.get("allOf")
    if all_of and not schema.get("properties") and len(all_of) == 1:
        return type_guess(all_of[0])
    ref = schema.get("$ref")
    if ref:
        target = resolve_ref(ref)
        if not target or not target.get("type") or target.get("type") == "object":
            return ref.rsplit("/", 1)[-1].rsplit(".", 1)[-1] or "Object"
        return str(target["type"])
    kind = schema.get("type")
    return "Object" if not kind or kind == "object" else str(kind)


def description_text(schema: dict[str, Any]) -> str:
    """The ``description`` template: a schema's description, then those of its allOf/items/map values."""
    target = resolve_ref(schema.get("$ref")) or schema
    if not target:
        return ""
    out = target["description"] + "\n" if target.get("description") else ""
    for sub in target.get("allOf") or ():
        out += description_text(sub)
    if target.get("items"):
        out += description_text(target["items"])
    if _is_map(target.get("additionalProperties")):
        out += description_text(target["additionalProperties"])
    return out


def field_entries(schema: dict[str, Any], history: frozenset[str] = frozenset()):
    """The fields the ``fieldList`` template lists for a schema, in its order.

    Yields ``(name, parent, property_schema, history)``: properties sorted as Go ranges over a map,
    then those reached through allOf, items and map values. ``history`` holds the ``$ref``s
    already followed, which is how the template stops on recursive types.
    """
    ref = schema.get("$ref") or ""
    if ref and ref in history:
        return
    history = history | {ref}
    resolved = resolve_ref(ref) or schema
    props = resolved.get("properties") or {}
    for name in sorted(props):
        yield name, resolved, props[name], history
    for sub in resolved.get("allOf") or ():
        yield from field_entries(sub, history)
    if resolved.get("items"):
        yield from field_entries(resolved["items"], history)
    if _is_map(resolved.get("additionalProperties")):
        yield from field_entries(resolved["additionalProperties"], history)


def walk_path(schema: dict[str, Any], path: list[str], history: frozenset[str] = frozenset()):
    """Follow a field path as the ``output`` template does; None when it leads nowhere.

    Returns ``(name, parent, field_schema)`` for the last step (``name`` None for an empty path).
    """
    if not path:
        return None, None, schema
    ref = schema.get("$ref") or ""
    if ref and ref in history:
        return None
    next_history = history | {ref}
    resolved = resolve_ref(ref) or schema
    props = resolved.get("properties") or {}
    sub = props.get(path[0])
    if sub:
        if len(path) == 1:
            return path[0], resolved, sub
        return walk_path(sub, path[1:])
    if resolved.get("items"):
        return walk_path(resolved["items"], path, next_history)
    if _is_map(resolved.get("additionalProperties")):
        return walk_path(resolved["additionalProperties"], path, next_history)
    for alt in resolved.get("allOf") or ():
        found = walk_path(alt, path, next_history)
        if found is not None:
            return found
    return None


class FieldNotFoundError(KeyError):
    """A field path that leads nowhere; the message names the path's last element as kubectl does."""

    def __init__(self, field_name: str):
        super().__init__(field_name)
        self.field = field_name

    def __str__(self) -> str:
        return f'field "{self.field}" does not exist'


@dataclass
class FieldInfo:
    """One node of a kind's schema as ``kubectl explain`` shows it.

    ``type`` is printed form (``<[]Container>``); ``description`` is the field's own text (the
    FIELDS list), ``full_description`` adds the referenced type's (the DESCRIPTION block).
    """

    name: str
    type: str
    description: str
    full_description: str
    required: bool
    enum: tuple[Any, ...]
    schema: dict[str, Any] = field(repr=False)

    @property
    def children(self) -> list[FieldInfo]:
        out = []
        for name, parent, prop, _ in field_entries(self.schema):
            out.append(_field_info(name, parent, prop))
        return out


def _field_info(name: str, parent: dict[str, Any] | None, prop: dict[str, Any]) -> FieldInfo:
    required = bool(parent) and name in (parent.get("required") or ())
    return FieldInfo(
        name=name,
        type=f"<{type_guess(prop)}>",
        description=prop.get("description") or "",
        full_description=description_text(prop).removesuffix("\n"),
        required=required,
        enum=tuple(prop.get("enum") or ()),
        schema=prop,
    )


def resolve_field(kind: str, path: list[str], api_version: str | None = None) -> FieldInfo:
    """The explain model of ``kind`` (``Pod``) at ``path`` (``["spec", "containers"]``).

    Walks ``$ref``s, arrays and maps; raises FieldNotFoundError when the path leads nowhere.
    """
    if api_version is None:
        matches = [gvk for gvk in _gvk_index() if gvk[2] == kind]
        if not matches:
            raise KeyError(f"no schema for kind {kind!r}")
        group, version, _ = sorted(matches, key=lambda g: (g[0] != "", g))[0]
        api_version = f"{group}/{version}" if group else version
    root = kind_schema(kind, api_version)
    found = walk_path(root, list(path))
    if found is None:
        raise FieldNotFoundError(path[-1])
    name, parent, prop = found
    if name is None:
        return FieldInfo(kind, f"<{kind}>", root.get("description") or "",
                         description_text(root).removesuffix("\n"), False, (), root)
    return _field_info(name, parent, prop)


# ---------------------------------------------------------------------------------------------
# Strict decoding (what the API server's JSON decoder reports)

# Go named types the OpenAPI schema does not record: (struct, json field) -> Go type of the value.
# "[]T" names the element type of a slice. Only the fields a manifest for our kinds is likely to get
# wrong; everything else falls back to the underlying type (string, int32, ...).
_GO_NAMED = {
    ("PodSpec", "restartPolicy"): "v1.RestartPolicy",
    ("PodSpec", "dnsPolicy"): "v1.DNSPolicy",
    ("PodSpec", "preemptionPolicy"): "v1.PreemptionPolicy",
    ("PodSpec", "overhead"): "v1.ResourceList",
    ("Container", "imagePullPolicy"): "v1.PullPolicy",
    ("Container", "terminationMessagePolicy"): "v1.TerminationMessagePolicy",
    ("Container", "restartPolicy"): "v1.ContainerRestartPolicy",
    ("EphemeralContainer", "imagePullPolicy"): "v1.PullPolicy",
    ("ResourceRequirements", "limits"): "v1.ResourceList",
    ("ResourceRequirements", "requests"): "v1.ResourceList",
    ("ContainerPort", "protocol"): "v1.Protocol",
    ("HTTPGetAction", "scheme"): "v1.URIScheme",
    ("Toleration", "operator"): "v1.TolerationOperator",
    ("Toleration", "effect"): "v1.TaintEffect",
    ("Taint", "effect"): "v1.TaintEffect",
    ("NodeSelectorRequirement", "operator"): "v1.NodeSelectorOperator",
    ("LabelSelectorRequirement", "operator"): "v1.LabelSelectorOperator",
    ("Capabilities", "add"): "[]v1.Capability",
    ("Capabilities", "drop"): "[]v1.Capability",
    ("VolumeMount", "mountPropagation"): "v1.MountPropagationMode",
    ("EmptyDirVolumeSource", "medium"): "v1.StorageMedium",
    ("HostPathVolumeSource", "type"): "v1.HostPathType",
    ("NamespaceSpec", "finalizers"): "[]v1.FinalizerName",
    ("NamespaceStatus", "phase"): "v1.NamespacePhase",
    ("NodeStatus", "capacity"): "v1.ResourceList",
    ("NodeStatus", "allocatable"): "v1.ResourceList",
    ("PodStatus", "phase"): "v1.PodPhase",
    ("PodCondition", "type"): "v1.PodConditionType",
    ("PodCondition", "status"): "v1.ConditionStatus",
    ("DaemonSetUpdateStrategy", "type"): "v1.DaemonSetUpdateStrategyType",
    ("JobSpec", "completionMode"): "v1.CompletionMode",
    ("JobSpec", "podReplacementPolicy"): "v1.PodReplacementPolicy",
}

_INT_BITS = {"int32": 32, "int64": 64}


class _Abort(Exception):
    """An error returned (not saved) by a type's own UnmarshalJSON: decoding stops there."""


class _Decoding:
    """The decoder's state: the first saved type error, strict errors (deduplicated, at most 100)."""

    def __init__(self) -> None:
        self.type_error: str | None = None
        self.strict: list[str] = []

    def unknown(self, path: str) -> None:
        msg = f"unknown field {_go_quote(path)}"
        if len(self.strict) < 100 and msg not in self.strict:
            self.strict.append(msg)

    def mismatch(self, value: str, go_type: str, ctx: tuple[str, tuple[str, ...]]) -> None:
        if self.type_error is None:
            self.type_error = _type_error(value, go_type, ctx)


def _type_error(value: str, go_type: str, ctx: tuple[str, tuple[str, ...]]) -> str:
    """Go's UnmarshalTypeError text; Field is the dotted stack of struct field names (no indexes)."""
    struct, stack = ctx
    if struct or stack:
        return f"json: cannot unmarshal {value} into Go struct field {struct}.{'.'.join(stack)} of type {go_type}"
    return f"json: cannot unmarshal {value} into Go value of type {go_type}"


def _go_quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string"


def _number_text(value: int | float) -> str:
    """How the number reaches the server: kubectl's JSON encoding (``3.0`` -> ``3``, ``1e21`` -> ``1e+21``)."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mant, exp = text.split("e")
        sign = "-" if exp.startswith("-") else "+"
        text = f"{mant}e{sign}{exp.lstrip('+-').lstrip('0') or '0'}"
    return text


def _raw_json(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_text(value)
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Node:
    go_type = "interface {}"

    def check(self, value: Any, path: str, ctx: tuple[str, tuple[str, ...]], st: _Decoding) -> None:
        raise NotImplementedError


class _Any(_Node):
    def check(self, value, path, ctx, st):
        return None


class _Scalar(_Node):
    """string, bool, intN, float64: encoding/json's literalStore rules."""

    def __init__(self, kind: str, go_type: str, bits: int = 64):
        self.kind, self.go_type, self.bits = kind, go_type, bits

    def check(self, value, path, ctx, st):
        if value is None:
            return
        found = _json_kind(value)
        if self.kind == "string" and found == "string":
            return
        if self.kind == "bool" and found == "bool":
            return
        if found == "number" and self.kind == "float":
            return
        if found == "number" and self.kind == "int":
            text = _number_text(value)
            if re.fullmatch(r"-?\d+", text) and -(2 ** (self.bits - 1)) <= int(text) < 2 ** (self.bits - 1):
                return
            found = "number " + text
        st.mismatch(found, self.go_type, ctx)


class _Bytes(_Node):
    go_type = "[]uint8"

    def check(self, value, path, ctx, st):
        if value is None or isinstance(value, list):
            return
        if isinstance(value, str):
            try:
                base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                if st.type_error is None:
                    st.type_error = f"illegal base64 data at input byte {_base64_bad_byte(value)}"
            return
        st.mismatch(_json_kind(value), self.go_type, ctx)


def _base64_bad_byte(s: str) -> int:
    alphabet = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    for i, ch in enumerate(s):
        if ch not in alphabet and ch != "=":
            return i
    return len(s) - len(s) % 4 if len(s) % 4 else max(len(s) - 1, 0)


class _Slice(_Node):
    def __init__(self, elem: _Node):
        self.elem = elem
        self.go_type = "[]" + elem.go_type

    def check(self, value, path, ctx, st):
        if value is None:
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                self.elem.check(item, f"{path}[{i}]", ctx, st)
            return
        st.mismatch(_json_kind(value), self.go_type, ctx)


class _Map(_Node):
    def __init__(self, elem: _Node, go_type: str | None = None):
        self.elem = elem
        self.go_type = go_type or "map[string]" + elem.go_type

    def check(self, value, path, ctx, st):
        if value is None:
            return
        if isinstance(value, dict):
            for key in sorted(value):
                self.elem.check(value[key], _join(path, key), ctx, st)
            return
        st.mismatch(_json_kind(value), self.go_type, ctx)


class _Struct(_Node):
    """A Go struct: fields by exact JSON name; others are strict "unknown field" errors."""

    def __init__(self, def_name: str):
        self.def_name = def_name
        pkg, _, self.name = def_name.rpartition(".")
        self.go_type = f"{pkg.rpartition('.')[2]}.{self.name}"
        self._fields: dict[str, _Node] | None = None

    @property
    def fields(self) -> dict[str, _Node]:
        if self._fields is None:
            schema = v3_schema(self.def_name) or {}
            self._fields = {
                name: _compile(prop, _GO_NAMED.get((self.name, name)))
                for name, prop in (schema.get("properties") or {}).items()
            }
        return self._fields

    def check(self, value, path, ctx, st):
        if value is None:
            return
        if not isinstance(value, dict):
            st.mismatch(_json_kind(value), self.go_type, ctx)
            return
        fields = self.fields
        for key in sorted(value):
            node = fields.get(key)
            if node is None:
                st.unknown(_join(path, key))
            else:
                node.check(value[key], _join(path, key), (self.name, ctx[1] + (key,)), st)


class _IntOrString(_Node):
    go_type = "intstr.IntOrString"

    def check(self, value, path, ctx, st):
        if value is None or isinstance(value, str):
            return
        found = _json_kind(value)
        if found == "number":
            text = _number_text(value)
            if re.fullmatch(r"-?\d+", text) and -(2**31) <= int(text) < 2**31:
                return
            found = "number " + text
        raise _Abort(_type_error(found, "int32", ctx))


class _QuantityNode(_Node):
    go_type = "resource.Quantity"

    def check(self, value, path, ctx, st):
        if value is None:
            return
        text = value if isinstance(value, str) else _raw_json(value)
        problem = quantity_error(text.strip(" \t\n\v\f\r"))
        if problem:
            raise _Abort(problem)


class _TimeNode(_Node):
    go_type = "v1.Time"

    def check(self, value, path, ctx, st):
        if value is None:
            return
        if not isinstance(value, str):
            raise _Abort(_type_error(_json_kind(value), "string", ctx))
        problem = rfc3339_error(value)
        if problem:
            raise _Abort(problem)


def _scalar(schema: dict[str, Any], named: str | None) -> _Node:
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "string":
        return _Bytes() if fmt == "byte" else _Scalar("string", named or "string")
    if kind == "integer":
        return _Scalar("int", named or (fmt if fmt in _INT_BITS else "int"), _INT_BITS.get(fmt, 64))
    if kind == "number":
        return _Scalar("float", named or "float64")
    if kind == "boolean":
        return _Scalar("bool", named or "bool")
    return _Any()


@cache
def _def_node(name: str) -> _Node:
    if name == _INT_OR_STRING:
        return _IntOrString()
    if name == _QUANTITY:
        return _QuantityNode()
    if name in _TIMES:
        node = _TimeNode()
        node.go_type = "v1." + name.rsplit(".", 1)[1]
        return node
    schema = v3_schema(name) or {}
    if name in _ANY_JSON or not schema:
        return _Any()
    if schema.get("properties"):
        return _Struct(name)
    return _compile(schema, None)


def _compile(schema: dict[str, Any], named: str | None) -> _Node:
    """A decoder node for one (v3-shaped) schema; ``named`` is the Go named type, if we know it."""
    if "$ref" in schema:
        return _def_node(schema["$ref"][len(REF_PREFIX):])
    all_of = schema.get("allOf")
    if all_of and len(all_of) == 1 and not schema.get("properties"):
        return _compile(all_of[0], named)
    if schema.get("items"):
        elem_named = named[2:] if named and named.startswith("[]") else None
        return _Slice(_compile(schema["items"], elem_named))
    if _is_map(schema.get("additionalProperties")):
        return _Map(_compile(schema["additionalProperties"], None), named)
    return _scalar(schema, named)


def decode(obj: dict, kind: str, api_version: str) -> list[str]:
    """What strict decoding of ``obj`` into ``kind`` reports; [] when the server would decode it.

    Either one error (the first type mismatch, or a type's own parse error such as a bad quantity),
    which makes the request fail whatever the field validation, or the strict errors
    (``unknown field "spec.containers[0].imagee"``), all of them, in the order of the JSON kubectl
    sends (object keys sorted). Use ``is_strict`` to tell them apart.
    """
    root = _def_node(definition_name(kind, api_version))
    st = _Decoding()
    try:
        root.check(obj, "", ("", ()), st)
    except _Abort as e:
        return [str(e)]
    if st.type_error is not None:
        return [st.type_error]
    return st.strict


def is_strict(problems: list[str]) -> bool:
    """True when every problem is a strict-decoding one (unknown/duplicate field).

    Only those depend on fieldValidation: Strict fails the request, Warn returns them as warnings,
    Ignore drops them.
    """
    return bool(problems) and all(p.startswith(("unknown field ", "duplicate field ")) for p in problems)


def decode_error_message(kind: str, api_version: str, problems: list[str]) -> str:
    """The server's BadRequest message: ``Pod in version "v1" cannot be handled as a Pod: <err>``."""
    if is_strict(problems):
        err = "strict decoding error: " + ", ".join(problems)
    else:
        err = problems[0]
    version = _split_api_version(api_version)[1]
    return f"{kind} in version {_go_quote(version)} cannot be handled as a {kind}: {err}"


# ---------------------------------------------------------------------------------------------
# resource.ParseQuantity and time.Parse(RFC3339) errors, as the types' UnmarshalJSON return them

QUANTITY_FORMAT_WRONG = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
QUANTITY_SUFFIX = "unable to parse quantity's suffix"
_QUANTITY_SUFFIXES = {"", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}
_QUANTITY_SHAPE = re.compile(r"([+-]?)(0*)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*)([-+]?\d*)")


def quantity_error(s: str) -> str | None:
    """The error ``resource.ParseQuantity`` returns for ``s``, or None when it parses."""
    if not s:
        return QUANTITY_FORMAT_WRONG
    if s == "0":
        return None
    m = _QUANTITY_SHAPE.match(s)
    assert m is not None  # every part is optional
    if m.end() != len(s):
        return QUANTITY_FORMAT_WRONG
    suffix = m.group(5) + m.group(6)
    if suffix not in _QUANTITY_SUFFIXES and not re.fullmatch(r"[eE][-+]?\d+", suffix):
        return QUANTITY_SUFFIX
    return None  # upstream reads a missing number as 0 ("m", "." and "+" parse)


_RFC3339 = "2006-01-02T15:04:05Z07:00"


def _parse_error(value: str, layout_elem: str, value_elem: str, message: str = "") -> str:
    if message:
        return f"parsing time {_go_quote(value)}{message}"
    return (f"parsing time {_go_quote(value)} as {_go_quote(_RFC3339)}: cannot parse "
            f"{_go_quote(value_elem)} as {_go_quote(layout_elem)}")


def _getnum(s: str, fixed: bool) -> tuple[int | None, str]:
    if not s[:1].isdigit():
        return None, s
    if not s[1:2].isdigit():
        return (None, s) if fixed else (int(s[0]), s[1:])
    return int(s[:2]), s[2:]


def rfc3339_error(value: str) -> str | None:
    """Go's ``time.Parse(time.RFC3339, value)`` error text, or None when it parses (metav1.Time)."""
    rest = value
    if len(rest) < 4 or not rest[:4].isdigit():
        return _parse_error(value, "2006", rest)
    year, rest = int(rest[:4]), rest[4:]
    parts: dict[str, int] = {}
    for sep, elem, key, fixed, limit in (("-", "01", "month", True, 13), ("-", "02", "day", True, None),
                                         ("T", "15", "hour", False, 24), (":", "04", "minute", True, 60),
                                         (":", "05", "second", True, 60)):
        if not rest.startswith(sep):
            return _parse_error(value, sep, rest)
        rest = rest[1:]
        num, after = _getnum(rest, fixed)
        if num is None:
            return _parse_error(value, elem, rest)
        if (key == "month" and not 1 <= num < 13) or (limit and key != "month" and num >= limit):
            return _parse_error(value, "", "", f": {key} out of range")
        parts[key], rest = num, after
    if len(rest) >= 2 and rest[0] in ".," and rest[1].isdigit():
        n = 2
        while n < len(rest) and rest[n].isdigit():
            n += 1
        rest = rest[n:]
    if rest.startswith("Z"):
        rest = rest[1:]
    elif len(rest) < 6 or rest[3] != ":" or rest[0] not in "+-" or not (rest[1:3] + rest[4:6]).isdigit():
        return _parse_error(value, "Z07:00", rest)
    else:
        rest = rest[6:]
    if rest:
        return _parse_error(value, "", rest, f": extra text: {_go_quote(rest)}")
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][parts["month"] - 1]
    if not 1 <= parts["day"] <= days:
        return _parse_error(value, "", "", ": day out of range")
    return None
