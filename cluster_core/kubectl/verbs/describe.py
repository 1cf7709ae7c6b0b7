"""``kubectl describe``: by name, by type, by ``-l``, by name prefix, or from ``-f`` files.

Like upstream's ``pkg/cmd/describe``, each object found is handed to its kind's describer with
what that describer would fetch alongside it (the events about it, the pods it counts, a node's
lease); several descriptions are separated by ``\\n\\n``. A single ``TYPE NAME`` that does not
exist falls back to every object whose name starts with NAME (``DescribeMatchingResources``), each
followed by a blank line. Kinds without a describer of their own (Event) get upstream's generic
one, which prints the object's fields as labelled lines.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from cluster_core import timeutil
from cluster_core.api.errors import ApiError
from cluster_core.api.resources import ResourceType
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.describe import DESCRIBERS, DescribeContext, describe
from cluster_core.kubectl.describe.common import (
    Writer,
    annotations_multiline,
    describe_events,
    labels_multiline,
)
from cluster_core.kubectl.flags import BOOL, INT, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import map_manifest
from cluster_core.kubectl.printers.gofmt import sprint

NO_TYPE = ('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list '
           "of supported resources.")
BY_NAME_ALL_NAMESPACES = "a resource cannot be retrieved by name across all namespaces"
NAME_AND_SELECTOR = "name cannot be provided when a selector is specified"
# The kubelet renews its node's Lease every 10 s (a quarter of the 40 s lease duration).
LEASE_RENEW_SECONDS = 10.0

Found = tuple[ResourceType, dict[str, Any]]


def _not_found(rt: ResourceType, name: str) -> str:
    return f'Error from server (NotFound): {rt.qualified_plural} "{name}" not found\n'


def list_objects(server: Any, rt: ResourceType, ns: str | None, selector: str | None = None,
                 field_selector: str | None = None) -> list[dict[str, Any]]:
    """The builder's list call; a selector the server rejects comes back as kubectl's
    ``EnhanceListError`` words (``Unable to find "/v1, Resource=pods" that match ...``)."""
    try:
        return server.select(rt.kind, ns, selector, field_selector)
    except ApiError as e:
        if e.reason != "BadRequest":
            raise
        subject = f"{rt.group}/{rt.version}, Resource={rt.plural}"
        raise CommandError(f'Error from server (BadRequest): Unable to find "{subject}" that match label selector '
                           f'"{selector or ""}", field selector "{field_selector or ""}": {e.message}\n') from None


# --- what a describer is given ------------------------------------------------------------------


def _search_events(server: Any, kind: str, ns: str, name: str, uid: str) -> list[dict[str, Any]]:
    """client-go's ``Events.Search``: events whose involvedObject has this kind, name, namespace
    and uid, in the server's list order; a cluster-scoped object's events are listed everywhere."""
    out = []
    for ev in server.select("Event", ns or None):
        io = ev.get("involvedObject") or {}
        if (io.get("name") == name and (io.get("namespace") or "") == ns and io.get("kind") == kind
                and (not uid or io.get("uid") == uid)):
            out.append(ev)
    return out


def events_about(server: Any, obj: dict[str, Any]) -> list[dict[str, Any]]:
    """The events a describer shows; for a Node, those under its uid and then those under its
    name (the kubelet reports with the node's name as uid)."""
    md = obj.get("metadata") or {}
    kind, ns, name = obj.get("kind", ""), md.get("namespace") or "", md.get("name", "")
    events = _search_events(server, kind, ns, name, md.get("uid") or "")
    if kind == "Node":
        events += _search_events(server, kind, ns, name, name)
    return events


def node_lease(node: dict[str, Any], now: float) -> dict[str, Any] | None:
    """The node's ``kube-node-lease`` Lease as its kubelet keeps it: held by the node, renewed
    every 10 s while the node is Ready (the last renewal is its last heartbeat otherwise)."""
    md = node.get("metadata") or {}
    created = timeutil.parse(md.get("creationTimestamp"))
    if created is None:
        return None
    ready = next((c for c in (node.get("status") or {}).get("conditions") or [] if c.get("type") == "Ready"), {})
    if ready.get("status") == "True":
        renew = created + ((now - created) // LEASE_RENEW_SECONDS) * LEASE_RENEW_SECONDS
    else:
        renew = timeutil.parse(ready.get("lastHeartbeatTime")) or created
    return {"spec": {"holderIdentity": md.get("name", ""), "leaseDurationSeconds": 40,
                     "renewTime": timeutil.rfc3339_micro(renew)}}


def _control_plane_ips(server: Any) -> list[str]:
    """The kube-apiserver addresses: each control-plane node's InternalIP (kubeadm advertises it)."""
    ips = []
    for node in server.iter("Node"):
        if "node-role.kubernetes.io/control-plane" in (node["metadata"].get("labels") or {}):
            ips += [a["address"] for a in (node.get("status") or {}).get("addresses") or []
                    if a.get("type") == "InternalIP"]
    return ips


def describe_one(ctx: Any, rt: ResourceType, obj: dict[str, Any], show_events: bool) -> str:
    """The text ``kubectl describe`` prints for one object."""
    server, now = ctx.server, ctx.now
    if rt.kind not in DESCRIBERS:
        return describe_generic(obj, events_about(server, obj) if show_events else None, now)
    ns = (obj.get("metadata") or {}).get("namespace") or None
    pods: list[dict[str, Any]] = []
    apiserver_ips: list[str] = []
    if rt.kind in ("ReplicaSet", "DaemonSet", "Job", "Service"):
        pods = server.select("Pod", ns)
    elif rt.kind == "Node":
        pods = server.select("Pod")
    if rt.kind == "Service":
        apiserver_ips = _control_plane_ips(server)
    replica_sets = server.select("ReplicaSet", ns) if rt.kind == "Deployment" else []
    lease = node_lease(obj, now) if rt.kind == "Node" else None
    dctx = DescribeContext(now=now, events=events_about(server, obj) if show_events else [], pods=pods,
                           show_events=show_events, lease=lease, apiserver_ips=apiserver_ips,
                           replica_sets=replica_sets)
    return describe(rt.kind, obj, dctx)


# --- the generic describer (describe.go genericDescriber) ---------------------------------------

_ACRONYMS = ("API", "URL", "UID", "OSB", "GUID")
_GENERIC_SKIP = (".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
                 ".metadata.annotations")


def _char_class(ch: str) -> int:
    cat = unicodedata.category(ch)
    if cat == "Ll":
        return 1
    if cat == "Lu":
        return 2
    if cat == "Nd":
        return 3
    return 4


def camelcase_split(src: str) -> list[str]:
    """fatih/camelcase ``Split``: runs of one character class, ``PDFLoader`` -> ``PDF Loader``."""
    runs: list[list[str]] = []
    last = 0
    for ch in src:
        cls = _char_class(ch)
        if cls == last:
            runs[-1].append(ch)
        else:
            runs.append([ch])
        last = cls
    for i in range(len(runs) - 1):
        if runs[i] and runs[i + 1] and runs[i][0].isupper() and runs[i + 1][0].islower():
            runs[i + 1].insert(0, runs[i].pop())
    return ["".join(r) for r in runs if r]


def _go_title(s: str) -> str:
    """``strings.Title``: upper-case the first letter of each word."""
    out, prev_letter = [], False
    for ch in s:
        out.append(ch.upper() if not prev_letter and ch.isalpha() else ch)
        prev_letter = ch.isalpha() or ch.isdigit() or ch == "_" or unicodedata.category(ch).startswith("M")
    return "".join(out)


def smart_label(field: str) -> str:
    """smartLabelFor: ``involvedObject`` -> ``Involved Object``, ``apiVersion`` -> ``API Version``."""
    if any(not ch.isalpha() and ch != "-" for ch in field):
        return field
    parts = []
    for part in camelcase_split(field):
        if part == "_":
            continue
        parts.append(part.upper() if part.upper() in _ACRONYMS else _go_title(part))
    return " ".join(parts)


def _unstructured(w: Writer, level: int, content: dict[str, Any], prefix: str) -> None:
    """printUnstructuredContent: fields sorted, maps and lists nested one level deeper."""
    for field in sorted(content):
        value = content[field]
        expr = f"{prefix}.{field}"
        if expr in _GENERIC_SKIP:
            continue
        if isinstance(value, dict):
            w.write(level, f"{smart_label(field)}:\n")
            _unstructured(w, level + 1, value, expr)
        elif isinstance(value, list):
            w.write(level, f"{smart_label(field)}:\n")
            for child in value:
                if isinstance(child, dict):
                    _unstructured(w, level + 1, child, expr)
                else:
                    w.write(level + 1, f"{sprint(child)}\n")
        else:
            w.write(level, f"{smart_label(field)}:\t{sprint(value)}\n")


def describe_generic(obj: dict[str, Any], events: list[dict[str, Any]] | None, now: float) -> str:
    """genericDescriber: name, namespace, labels, annotations, then every other field."""
    md = obj.get("metadata") or {}
    w = Writer()
    w.write(0, f"Name:\t{md.get('name', '')}\n")
    w.write(0, f"Namespace:\t{md.get('namespace', '')}\n")
    labels_multiline(w, "Labels", md.get("labels"))
    annotations_multiline(w, "Annotations", md.get("annotations"))
    _unstructured(w, 0, obj, "")
    if events is not None:
        describe_events(w, events, now)
    return w.text()


# --- which objects ---------------------------------------------------------------------------


def _from_files(ctx: Any, opts: Any) -> tuple[list[Found], list[str]]:
    found: list[Found] = []
    errors: list[str] = []
    for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
        t = map_manifest(ctx, m)
        obj = ctx.server.ref(t.rt.kind, t.namespace or None, t.name)
        if obj is None:
            errors.append(_not_found(t.rt, t.name))
        else:
            found.append((t.rt, obj))
    return found, errors


def collect(ctx: Any, opts: Any) -> tuple[list[Found], list[str], bool]:
    """(objects in kubectl's order, error lines, whether the prefix fallback applies)."""
    if opts["filename"]:
        if opts.args:
            raise CommandError("Unexpected args: [" + " ".join(opts.args) + "]")
        found, errors = _from_files(ctx, opts)
        return found, errors, False
    sels = resource_args.parse(opts.args)
    selector = opts["selector"] or None
    named = any(s.names for s in sels)
    if named and selector:
        raise CommandError(NAME_AND_SELECTOR)
    if named and opts["all-namespaces"]:
        raise CommandError(BY_NAME_ALL_NAMESPACES)
    found, errors = [], []
    for s in sels:
        ns = ctx.namespace if s.rt.namespaced else None
        if s.names:
            for n in s.names:
                obj = ctx.server.ref(s.rt.kind, ns, n)
                if obj is None:
                    errors.append(_not_found(s.rt, n))
                else:
                    found.append((s.rt, obj))
        else:
            scope = None if opts["all-namespaces"] else ns
            found.extend((s.rt, o) for o in list_objects(ctx.server, s.rt, scope, selector))
    prefix = len(errors) == 1 and len(opts.args) == 2 and len(sels) == 1
    return found, errors, prefix


def _describe_matching(ctx: Any, opts: Any, error: str) -> int:
    """DescribeMatchingResources: every object of the type whose name starts with the argument."""
    rt = resource_args.resolve_type(opts.args[0])
    prefix = opts.args[1]
    ns = ctx.namespace if rt.namespaced else None
    matches = [o for o in ctx.server.select(rt.kind, ns) if o["metadata"]["name"].startswith(prefix)]
    if not matches:
        ctx.write_err(error)
        return 1
    for obj in matches:
        ctx.write(describe_one(ctx, rt, obj, opts["show-events"]) + "\n")
    return 0


def run(ctx: Any, opts: Any) -> int:
    if not opts.args and not opts["filename"]:
        raise CommandError(NO_TYPE)
    found, errors, prefix = collect(ctx, opts)
    if prefix:
        return _describe_matching(ctx, opts, errors[0])
    texts = [describe_one(ctx, rt, obj, opts["show-events"]) for rt, obj in found]
    if texts:
        ctx.write("\n\n".join(texts))
    if not found and not errors:
        if opts["all-namespaces"]:
            ctx.write_err("No resources found\n")
        else:
            ctx.write_err(f"No resources found in {ctx.namespace} namespace.\n")
    for e in errors:
        ctx.write_err(e)
    return 1 if errors else 0


COMMAND = Command(
    "describe", "Show details of a specific resource or group of resources",
    "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]", run,
    flags=[
        Flag("all-namespaces", BOOL, False, "A", "If present, list the requested object(s) across all namespaces. "
             "Namespace in current context is ignored even if specified with --namespace."),
        Flag("chunk-size", INT, 500, help="Return large lists in chunks rather than all at once. Pass 0 to disable. "
             "This flag is beta and may change in the future."),
        Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files containing the resource to "
             "describe"),
        Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together "
             "with -f or -R."),
        Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when "
             "you want to manage related manifests organized within the same directory."),
        Flag("selector", STRING, "", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', "
             "'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of "
             "the specified label constraints."),
        Flag("show-events", BOOL, True, help="If true, display events related to the described object."),
    ],
    long="Show details of a specific resource or group of resources.\n\n"
         " Print a detailed description of the selected resources, including related resources such as events or "
         "controllers. You may select a single object by name, all objects of that type, provide a name prefix, "
         "or label selector. For example:\n\n"
         "        $ kubectl describe TYPE NAME_PREFIX\n        \n"
         " will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will "
         "output details for every resource that has a name prefixed with NAME_PREFIX.\n\n"
         'Use "kubectl api-resources" for a complete list of supported resources.',
    examples="# Describe a node\nkubectl describe nodes kubernetes-node-emt8.c.myproject.internal\n\n"
             "# Describe a pod\nkubectl describe pods/nginx\n\n"
             '# Describe a pod identified by type and name in "pod.json"\nkubectl describe -f pod.json\n\n'
             "# Describe all pods\nkubectl describe pods\n\n"
             "# Describe pods by label name=myLabel\nkubectl describe pods -l name=myLabel\n\n"
             "# Describe all pods managed by the 'frontend' replication controller\n"
             "# (rc-created pods get the name of the rc as a prefix in the pod name)\n"
             "kubectl describe pods frontend",
    group="Troubleshooting and Debugging Commands")
