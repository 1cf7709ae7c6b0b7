"""The ``cmp.Diff(oldPod.Spec, mungedPodSpec)`` block of a refused pod update, in go-cmp's shape.

ValidatePodUpdate (``pkg/apis/core/validation/validation.go``, v1.33) appends
``"\\n" + cmp.Diff(old, new)`` to its Forbidden message. go-cmp's reporter
(``github.com/google/go-cmp/cmp/report_*.go``) prints ``  core.PodSpec{`` and then one line per
field: a two-character marker, tabs for depth, ``Field: value,`` (see the tests for examples).

Reproduced here: the two-character markers (``"  "``, ``"- "``, ``"+ "``) and tab indentation, Go
field names in the internal type's field order, two identical records of context around each
difference with the rest coalesced into ``... // N identical fields|elements|entries``, key
alignment of consecutive one-line records, compact one-line values with zero fields elided, and
the trailing newline. Not reproduced: go-cmp's edit-script alignment of slices of different
lengths (common prefix, then removals and insertions), forced multi-line rendering of long
removed/inserted values, exact Go types of pointers and quantities (``&`` is added only for the
fields listed in ``_POINTERS``), and go-cmp's deliberate random switch to U+00A0 spaces.
"""

from __future__ import annotations

from typing import Any

from cluster_core.api.errors import go_quote

_CONTEXT = 2

_POD_SPEC_FIELDS = (
    "volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
    "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
    "serviceAccountName", "automountServiceAccountToken", "nodeName", "securityContext",
    "imagePullSecrets", "hostname", "subdomain", "setHostnameAsFQDN", "affinity", "schedulerName",
    "tolerations", "hostAliases", "priorityClassName", "priority", "preemptionPolicy", "dnsConfig",
    "readinessGates", "runtimeClassName", "overhead", "enableServiceLinks",
    "topologySpreadConstraints", "os", "schedulingGates", "resourceClaims", "resources",
)
_CONTAINER_FIELDS = (
    "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
    "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe",
    "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
    "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
)
# internal core.PodSecurityContext holds what v1 keeps at the top of the PodSpec
_HOISTED = ("hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "hostUsers")
_GO_NAMES = {"dnsPolicy": "DNSPolicy", "dnsConfig": "DNSConfig", "os": "OS", "tty": "TTY",
             "hostPID": "HostPID", "hostIPC": "HostIPC", "setHostnameAsFQDN": "SetHostnameAsFQDN",
             "apiVersion": "APIVersion", "hostIP": "HostIP", "fsGroup": "FSGroup", "uid": "UID",
             "fsGroupChangePolicy": "FSGroupChangePolicy", "seLinuxOptions": "SELinuxOptions"}
# Field order of the small structs go-cmp prints inline (Go declaration order, not alphabetical).
_INLINE_ORDER = {k: i for i, k in enumerate((
    "name", "key", "operator", "value", "effect", "tolerationSeconds", "audience", "expirationSeconds",
    "path", "fieldRef", "resourceFieldRef", "mode", "apiVersion", "fieldPath", "hostPort",
    "containerPort", "protocol", "hostIP", "readOnly", "recursiveReadOnly", "mountPath", "subPath",
    "mountPropagation", "subPathExpr", "valueFrom", "sources", "items", "defaultMode", "optional"))}
_VOLUME_SOURCE_KEYS = frozenset({
    "emptyDir", "hostPath", "secret", "configMap", "persistentVolumeClaim", "projected", "downwardAPI",
    "nfs", "csi", "ephemeral", "image", "iscsi", "gitRepo"})
# structs that embed LocalObjectReference, which go-cmp prints as a nested field
_EMBED_LOCAL_REF = frozenset({"configMap", "secret", "configMapRef", "secretRef", "configMapKeyRef", "secretKeyRef"})
_POINTERS = {"terminationGracePeriodSeconds", "activeDeadlineSeconds", "automountServiceAccountToken",
             "securityContext", "affinity", "priority", "preemptionPolicy", "dnsConfig",
             "runtimeClassName", "enableServiceLinks", "os", "setHostnameAsFQDN", "livenessProbe",
             "readinessProbe", "startupProbe", "lifecycle", "tolerationSeconds", "defaultMode",
             "projected", "configMap", "secret", "downwardAPI", "emptyDir", "hostPath",
             "persistentVolumeClaim", "serviceAccountToken", "fieldRef", "valueFrom"}
_TYPES = {"containers": "[]core.Container", "initContainers": "[]core.Container",
          "volumes": "[]core.Volume", "tolerations": "[]core.Toleration",
          "nodeSelector": "map[string]string", "securityContext": "&core.PodSecurityContext",
          "resources": "core.ResourceRequirements", "limits": "core.ResourceList",
          "requests": "core.ResourceList", "ports": "[]core.ContainerPort", "env": "[]core.EnvVar",
          "volumeMounts": "[]core.VolumeMount", "command": "[]string", "args": "[]string"}
_STRINGS = {"restartPolicy", "dnsPolicy", "serviceAccountName", "nodeName", "hostname", "subdomain",
            "schedulerName", "priorityClassName", "name", "image", "workingDir",
            "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy"}


def pod_spec_diff(old: dict, new: dict) -> str:
    """cmp.Diff of two v1 PodSpec dicts as the internal ``core.PodSpec`` would print."""
    lines = ["  core.PodSpec{"]
    lines += _struct(_internal(old), _internal(new), 1, _POD_SPEC_FIELDS)
    lines.append("  }")
    return "\n".join(lines) + "\n"


def _internal(spec: dict) -> dict:
    """v1 -> internal: drop the serviceAccount alias, hoist host* fields into securityContext."""
    out = {k: v for k, v in spec.items() if k != "serviceAccount" and k not in _HOISTED}
    hoisted = {k: spec[k] for k in _HOISTED if spec.get(k)}
    if hoisted:
        out["securityContext"] = {**hoisted, **(spec.get("securityContext") or {})}
    return out


def _zero(v: Any) -> bool:
    return v is None or v == "" or v == [] or v == {}


def _same(a: Any, b: Any) -> bool:
    """apiequality.Semantic.DeepEqual on JSON: nil and empty slices/maps compare equal."""
    if _zero(a) and _zero(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return all(_same(a.get(k), b.get(k)) for k in set(a) | set(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _go_name(key: str) -> str:
    return _GO_NAMES.get(key) or key[:1].upper() + key[1:]


# ------------------------------------------------------------------ records
# A record is (mark, key, text) for a one-line value, (mark, key, lines) for an expanded block,
# or ("...", count, noun) for a coalesced run of identical records.
def _struct(old: dict, new: dict, depth: int, order: tuple[str, ...] = ()) -> list[str]:
    """A struct's fields: every field of a known type (Go has no absent fields), else the set ones."""
    extra = sorted(k for k in set(old) | set(new) if k not in order and not (_zero(old.get(k)) and _zero(new.get(k))))
    recs = [_field(k, old.get(k), new.get(k), depth) for k in (*order, *extra)]
    return _render(recs, depth, "field")


def _field(key: str, a: Any, b: Any, depth: int) -> list:
    label = _go_name(key)
    if _same(a, b):
        return [("  ", label, _value(key, a))]
    if isinstance(a, dict) and isinstance(b, dict):
        if key in ("limits", "requests"):
            inner = _map(a, b, depth + 1, quantity=True)
        elif key in ("nodeSelector", "labels", "annotations"):
            inner = _map(a, b, depth + 1)
        else:
            inner = _struct(a, b, depth + 1)
        head = _TYPES.get(key) or ("&{" if key in _POINTERS else "{")
        head = head if head.endswith("{") else head + "{"
        return [("  ", label, [head, *inner, "}"])]
    if isinstance(a, list) and isinstance(b, list) and a and b:
        return [("  ", label, [_TYPES.get(key, "") + "{", *_list(key, a, b, depth + 1), "}"])]
    return [("- ", label, _value(key, a)), ("+ ", label, _value(key, b))]


def _list(key: str, a: list, b: list, depth: int) -> list[str]:
    recs: list = []
    for i in range(max(len(a), len(b))):
        if i >= len(a):
            recs.append(("+ ", "", _value(key, b[i], elem=True)))
        elif i >= len(b):
            recs.append(("- ", "", _value(key, a[i], elem=True)))
        elif _same(a[i], b[i]):
            recs.append(("  ", "", _value(key, a[i], elem=True)))
        elif isinstance(a[i], dict) and isinstance(b[i], dict):
            order = _CONTAINER_FIELDS if key in ("containers", "initContainers") else ()
            recs.append(("  ", "", ["{", *_struct(a[i], b[i], depth + 1, order), "}"]))
        else:
            recs += [("- ", "", _value(key, a[i], elem=True)), ("+ ", "", _value(key, b[i], elem=True))]
    return _render([[r] for r in recs], depth, "element")


def _map(a: dict, b: dict, depth: int, quantity: bool = False) -> list[str]:
    recs = []
    for k in sorted(set(a) | set(b)):
        label = ("s" if quantity else "") + go_quote(k)
        if k in a and k in b and _same(a[k], b[k]):
            recs.append([("  ", label, _quantity(a[k], True) if quantity else go_quote(str(a[k])))])
            continue
        pair = []
        if k in a:
            pair.append(("- ", label, _quantity(a[k], False) if quantity else go_quote(str(a[k]))))
        if k in b:
            pair.append(("+ ", label, _quantity(b[k], False) if quantity else go_quote(str(b[k]))))
        recs.append(pair)
    return _render(recs, depth, "entry")


def _quantity(raw: Any, elide: bool) -> str:
    from cluster_core.api.quantity import parse_quantity

    q = parse_quantity(raw)
    fmt = q.format if q else "DecimalSI"
    if elide:
        inner = "{...}"
    else:
        value, scale = (q.value, 0) if q else (0, 0)
        while value.denominator != 1 if q else False:
            value, scale = value * 10, scale - 1
        inner = f"resource.int64Amount{{value: {int(value)}" + (f", scale: {scale}" if scale else "") + "}"
    return f"{{i: {inner}, s: {go_quote(str(raw))}, Format: {go_quote(fmt)}}}"


def _render(groups: list[list], depth: int, noun: str) -> list[str]:
    """Coalesce identical runs (two records of context each side) and print the records."""
    flat: list = []
    n = len(groups)
    i = 0
    while i < n:
        if _changed(groups[i]):
            flat += groups[i]
            i += 1
            continue
        j = i
        while j < n and not _changed(groups[j]):
            j += 1
        run = groups[i:j]
        lo = min(_CONTEXT, len(run)) if i > 0 else 0
        hi = min(_CONTEXT, len(run) - lo) if j < n else 0
        if len(run) - lo - hi == 1:
            hi += 1
        for g in run[:lo]:
            flat += g
        if len(run) - lo - hi > 0:
            flat.append(("...", len(run) - lo - hi, noun))
        for g in run[len(run) - hi:]:
            flat += g
        i = j
    return _lines(flat, depth)


def _changed(group: list) -> bool:
    return len(group) != 1 or group[0][0] != "  " or isinstance(group[0][2], list)


def _lines(recs: list, depth: int) -> list[str]:
    tabs = "\t" * depth
    widths = _align(recs)
    out: list[str] = []
    for rec, width in zip(recs, widths, strict=True):
        if rec[0] == "...":
            plural = noun_plural(rec[2]) if rec[1] > 1 else rec[2]
            out.append(f"  {tabs}... // {rec[1]} identical {plural}")
            continue
        mark, key, value = rec
        head = f"{key}: " + " " * width if key else ""
        if isinstance(value, list):
            out.append(f"{mark}{tabs}{head}{value[0]}")
            out += value[1:-1]
            out.append(f"{mark}{tabs}{value[-1]},")
        else:
            out.append(f"{mark}{tabs}{head}{value},")
    return out


def noun_plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _align(recs: list) -> list[int]:
    """textList.alignLens: pad the keys of consecutive keyed one-line records to one column."""
    widths = [0] * len(recs)
    start = 0
    for i in range(len(recs) + 1):
        breaks = i == len(recs) or recs[i][0] == "..." or not recs[i][1] or isinstance(recs[i][2], list)
        if breaks:
            run = recs[start:i]
            if run:
                longest = max(len(r[1]) for r in run)
                for k, r in enumerate(run):
                    widths[start + k] = longest - len(r[1])
            start = i + 1
    return widths


# ------------------------------------------------------------------ one-line values
def _value(key: str, v: Any, elem: bool = False) -> str:
    if v is None or v == [] or v == {}:
        if key in _STRINGS and not elem and v is None:
            return '""'
        return "nil"
    text = _compact(v, key if not elem else _ELEMENT_OF.get(key, ""))
    if key in _POINTERS and not elem:
        return "&" + text
    return text


def _compact(v: Any, key: str = "") -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return go_quote(v)
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        return "{" + ", ".join(_compact(x, _ELEMENT_OF.get(key, "")) for x in v) + "}"
    if isinstance(v, dict):
        if key in ("nodeSelector", "labels", "annotations", "limits", "requests"):
            return "{" + ", ".join(f"{go_quote(k)}: {_compact(x)}" for k, x in sorted(v.items())) + "}"
        return "{" + ", ".join(_struct_fields(v, key)) + "}"
    return "nil"


_ELEMENT_OF = {"volumes": "volume"}


def _struct_fields(v: dict, key: str) -> list[str]:
    """Non-zero fields in Go order, with the embedded structs v1 JSON flattens put back."""
    parts = []
    if key == "volume":  # core.Volume embeds VolumeSource
        source = {k: x for k, x in v.items() if k in _VOLUME_SOURCE_KEYS}
        rest = {k: x for k, x in v.items() if k not in _VOLUME_SOURCE_KEYS}
        parts = _struct_fields(rest, "")
        if source:
            parts.append("VolumeSource: {" + ", ".join(_struct_fields(source, "")) + "}")
        return parts
    if key in _EMBED_LOCAL_REF and "name" in v:
        parts.append("LocalObjectReference: {Name: " + go_quote(str(v["name"])) + "}")
        v = {k: x for k, x in v.items() if k != "name"}
    for k in sorted(v, key=lambda k: (_INLINE_ORDER.get(k, len(_INLINE_ORDER)), k)):
        if _zero(v[k]):
            continue
        parts.append(f"{_go_name(k)}: {'&' if k in _POINTERS else ''}{_compact(v[k], k)}")
    return parts
