"""``kubectl expose (-f FILE | TYPE NAME)``: a new Service selecting the pods of a pod, Deployment, ReplicaSet or Service.

Follows kubectl v1.33's expose.go: the builder finds the object (from the server for ``TYPE NAME``,
as written in the file for ``-f``), ``CanBeExposed`` refuses other kinds (``cannot expose a
DaemonSet.apps``), then the selector, ports, protocols and labels are taken from the object unless
flags give them (polymorphichelpers' MapBasedSelectorForObject, PortsForObject,
MultiProtocolsForObject), and ``createService`` builds the typed Service field by field, so
``--dry-run=client -o yaml|json`` prints what the real client prints.

As upstream, the options are filled in while visiting and kept for the next object: with several
objects the second one reuses the first one's selector and ports (expose.go mutates its options).
ReplicationControllers are not served by this cluster, so naming them fails with the server's
"doesn't have a resource type" error before anything is exposed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.api.resources import ResourceType
from cluster_core.kubectl import manifests, resource_args
from cluster_core.kubectl.command import Command, CommandError, CommandErrors
from cluster_core.kubectl.flags import BOOL, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import map_manifest
from cluster_core.kubectl.output import print_objects
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.verbs.run import (
    GO_HTML_ESCAPES,
    LAST_APPLIED,
    check_output_format,
    create_body,
    dry_run_strategy,
    go_atoi,
    suffix,
)

EXPOSABLE = ("Pod", "Service", "ReplicaSet", "ReplicationController", "Deployment")
DNS1035_LABEL_MAX = 63
NO_RESOURCES = ("You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n   '<resource>'")

# corev1 field order, for the typed Service kubectl prints with --dry-run=client -o json.
_META_ORDER = ("name", "namespace", "creationTimestamp", "labels", "annotations")
_SPEC_ORDER = ("ports", "selector", "clusterIP", "type", "externalIPs", "sessionAffinity", "loadBalancerIP")
_PORT_ORDER = ("name", "protocol", "port", "targetPort")


# ---------------------------------------------------------------- introspection (polymorphichelpers)
def _go_match_expressions(exprs: list[dict[str, Any]]) -> str:
    """``%+v`` of []metav1.LabelSelectorRequirement: ``[{Key:k Operator:In Values:[a b]}]``."""
    items = [f"{{Key:{e.get('key', '')} Operator:{e.get('operator', '')} Values:[{' '.join(e.get('values') or [])}]}}"
             for e in exprs]
    return "[" + " ".join(items) + "]"


def selector_for(obj: dict[str, Any]) -> dict[str, str]:
    """MapBasedSelectorForObject: the pod's labels, a Deployment's or ReplicaSet's matchLabels, the Service's selector."""
    kind = obj.get("kind")
    if kind == "Pod":
        labels = (obj.get("metadata") or {}).get("labels") or {}
        if not labels:
            raise CommandError("the pod has no labels and cannot be exposed")
        return dict(labels)
    if kind == "Service":
        selector = (obj.get("spec") or {}).get("selector")
        if selector is None:
            raise CommandError("the service has no pod selector set")
        return dict(selector)
    if kind in ("ReplicaSet", "Deployment"):
        sel = (obj.get("spec") or {}).get("selector") or {}
        if not sel.get("matchLabels"):
            raise CommandError(f"invalid {kind.lower()}: no selectors, therefore cannot be exposed")
        if sel.get("matchExpressions"):
            raise CommandError(f'couldn\'t convert expressions - "{_go_match_expressions(sel["matchExpressions"])}" '
                               "to map-based selector format")
        return dict(sel["matchLabels"])
    raise CommandError(f"cannot extract pod selector from {kind}")


def _pod_spec(obj: dict[str, Any]) -> dict[str, Any]:
    spec = obj.get("spec") or {}
    return spec if obj.get("kind") == "Pod" else ((spec.get("template") or {}).get("spec") or {})


def ports_for(obj: dict[str, Any]) -> list[tuple[str, str]]:
    """PortsForObject and MultiProtocolsForObject at once: (port, protocol) in the object's order."""
    if obj.get("kind") == "Service":
        return [(str(p.get("port")), p.get("protocol") or "TCP") for p in (obj.get("spec") or {}).get("ports") or []]
    return [(str(p.get("containerPort")), p.get("protocol") or "TCP")
            for c in _pod_spec(obj).get("containers") or [] for p in c.get("ports") or []]


def parse_labels(spec: str) -> dict[str, str]:
    """expose.go's parseLabels: ``k=v,k2=v2``, nothing else (no set-based requirements)."""
    labels: dict[str, str] = {}
    for item in spec.split(","):
        parts = item.split("=")
        if len(parts) != 2:
            raise CommandError(f"unexpected label spec: {item}")
        if not parts[0]:
            raise CommandError("unexpected empty label key")
        labels[parts[0]] = parts[1]
    return labels


def _make_labels(labels: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in labels.items())


def _target_port(text: str) -> int | str:
    """intstr.Parse: a number when strconv.Atoi takes it, else a port name."""
    if re.fullmatch(r"[+-]?[0-9]+", text) and -(2**63) <= int(text) < 2**63:
        return int(text)
    return text


# ---------------------------------------------------------------- the Service (createService)
def build_service(o: dict[str, Any]) -> dict[str, Any]:
    """createService: the typed Service from the completed options, keys in corev1 field order."""
    if not o["selector"]:
        raise CommandError("selector must be specified")
    selector = parse_labels(o["selector"])
    labels = parse_labels(o["labels"]) if o["labels"] else None
    name = o["name"] or o["default-name"]
    if not name:
        raise CommandError("name must be specified")
    protocols: dict[str, list[str]] = {}
    for port, proto in o["protocols"]:
        protocols.setdefault(port, []).append(proto)
    port_string = o["ports"] or o["port"]
    ports: list[dict[str, Any]] = []
    if port_string:
        items = port_string.split(",")
        for i, item in enumerate(items):
            number = go_atoi(item)
            port_name = f"port-{i + 1}" if len(items) > 1 else ""
            protocol = o["protocol"]
            if not protocol:
                protocol = "TCP"
                found = protocols.get(item)
                if found and len(found) == 1:
                    protocol = found[0]
                elif found:
                    for p in found:
                        ports.append({"name": f"port-{i + 1}-{p.lower()}", "protocol": p, "port": number})
                    continue
            entry: dict[str, Any] = {"name": port_name} if port_name else {}
            ports.append({**entry, "protocol": protocol, "port": number})
    for p in ports:
        p["targetPort"] = _target_port(o["target-port"]) if o["target-port"] else p["port"]
    meta: dict[str, Any] = {"name": name, "creationTimestamp": None}
    if labels:
        meta["labels"] = dict(sorted(labels.items()))
    spec: dict[str, Any] = {}
    if ports:
        spec["ports"] = ports
    spec["selector"] = dict(sorted(selector.items()))
    if o["cluster-ip"]:
        spec["clusterIP"] = o["cluster-ip"]
    if o["type"]:
        spec["type"] = o["type"]
    if o["external-ip"]:
        spec["externalIPs"] = [o["external-ip"]]
    if o["session-affinity"]:
        if o["session-affinity"] not in ("None", "ClientIP"):
            raise CommandError(f"unknown session affinity: {o['session-affinity']}")
        spec["sessionAffinity"] = o["session-affinity"]
    if o["type"] == "LoadBalancer" and o["load-balancer-ip"]:
        spec["loadBalancerIP"] = o["load-balancer-ip"]
    spec = {k: spec[k] for k in _SPEC_ORDER if k in spec}
    return {"kind": "Service", "apiVersion": "v1", "metadata": meta, "spec": spec, "status": {"loadBalancer": {}}}


def _typed_order(svc: dict[str, Any]) -> dict[str, Any]:
    """Keys as corev1.Service marshals (after an override may have added or moved some)."""
    def order(d: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
        return {**{k: d[k] for k in keys if k in d}, **{k: d[k] for k in sorted(d) if k not in keys}}

    out = order(svc, ("kind", "apiVersion", "metadata", "spec", "status"))
    if isinstance(out.get("metadata"), dict):
        out["metadata"] = order(out["metadata"], _META_ORDER)
    spec = out.get("spec")
    if isinstance(spec, dict):
        spec = order(spec, _SPEC_ORDER)
        if isinstance(spec.get("ports"), list):
            spec["ports"] = [order(p, _PORT_ORDER) if isinstance(p, dict) else p for p in spec["ports"]]
        out["spec"] = spec
    return out


def _override(svc: dict[str, Any], text: str, kind: str) -> dict[str, Any]:
    """cmdutil.Overrider: merge (default), strategic or json patch of the generated Service."""
    from cluster_core.kubectl.verbs import patch as patching

    if kind not in ("json", "merge", "strategic"):
        raise CommandError(f"invalid override type: {kind}")
    try:
        doc = patching.go_json_loads(text)
        if kind == "json":
            out = patching.json_patch(svc, doc)
        elif kind == "strategic":
            out = patching.strategic_merge(svc, doc, "Service")
        else:
            out = patching.json_merge(svc, doc)
    except patching.PatchError as e:
        raise CommandError(str(e)) from None
    if not isinstance(out, dict):
        raise CommandError("the override did not produce an object")
    out.setdefault("kind", "Service")
    out.setdefault("apiVersion", "v1")
    return _typed_order(out)


def _save_config(svc: dict[str, Any]) -> None:
    """CreateOrUpdateAnnotation with --save-config: the object's own JSON as the annotation."""
    meta = svc["metadata"]
    ann = {k: v for k, v in (meta.get("annotations") or {}).items() if k != LAST_APPLIED}
    clean = {**svc, "metadata": {k: v for k, v in meta.items() if k != "annotations"}}
    if ann:
        clean["metadata"]["annotations"] = ann
    text = json.dumps(_typed_order(clean), separators=(",", ":"), ensure_ascii=False).translate(GO_HTML_ESCAPES)
    meta["annotations"] = dict(sorted({**ann, LAST_APPLIED: text + "\n"}.items()))
    svc["metadata"] = _typed_order(svc)["metadata"]


# ---------------------------------------------------------------- the builder
def _infos(ctx: Any, opts: Any) -> list[tuple[ResourceType, dict[str, Any] | None, ApiError | None]]:
    """What the builder visits: (type, object or None, the NotFound error for a missing one)."""
    if opts["filename"]:
        if opts.args:
            raise CommandError("when paths, URLs, or stdin is provided as input, you may not specify resource "
                               "arguments as well")
        out: list[tuple[ResourceType, dict[str, Any] | None, ApiError | None]] = []
        for m in manifests.load(ctx, opts["filename"], opts["recursive"]):
            t = map_manifest(ctx, m)
            obj = dict(t.obj)
            obj["metadata"] = {**(obj.get("metadata") or {}), "name": t.name}
            out.append((t.rt, obj, None))
        return out
    if not opts.args:
        raise CommandError(NO_RESOURCES)
    sels = resource_args.parse(opts.args)
    if not any(s.names for s in sels):
        raise CommandError("resource(s) were provided, but no name was specified")
    pairs = resource_args.named_pairs(opts.args) or []
    out = []
    for rt, name in pairs:
        live = ctx.server.get(rt.kind, ctx.namespace if rt.namespaced else None, name)
        err = None if live is not None else ApiError("NotFound", 404, f'{rt.qualified_plural} "{name}" not found')
        out.append((rt, live, err))
    return out


def _exposable(rt: ResourceType) -> None:
    """CanBeExposedFn: ``cannot expose a DaemonSet.apps`` (GroupKind's String)."""
    if rt.kind not in EXPOSABLE:
        raise CommandError(f"cannot expose a {rt.kind}.{rt.group}" if rt.group else f"cannot expose a {rt.kind}")


# ---------------------------------------------------------------- the command
_OPTION_FLAGS = ("selector", "port", "labels", "name", "protocol", "target-port", "type", "cluster-ip",
                 "external-ip", "session-affinity", "load-balancer-ip")


def run(ctx: Any, opts: Any) -> int:
    mode = dry_run_strategy(ctx, opts["dry-run"])
    check_output_format(opts["output"])
    o: dict[str, Any] = {k: opts[k] for k in _OPTION_FLAGS}
    o.update({"ports": "", "protocols": [], "default-name": ""})
    infos = _infos(ctx, opts)
    errors: list[Exception] = []
    for rt, obj, err in infos:
        try:
            if err is not None:
                raise err
            assert obj is not None
            _expose_one(ctx, opts, o, rt, obj, mode)
        except (CommandError, ApiError) as e:
            errors.append(e)
    if errors:
        raise CommandErrors(errors)
    return 0


def _expose_one(ctx: Any, opts: Any, o: dict[str, Any], rt: ResourceType, obj: dict[str, Any], mode: str) -> None:
    _exposable(rt)
    o["default-name"] = obj["metadata"]["name"][:DNS1035_LABEL_MAX]
    if not o["selector"]:
        try:
            o["selector"] = _make_labels(selector_for(obj))
        except CommandError as e:
            raise CommandError(f"couldn't retrieve selectors via --selector flag or introspection: {e}") from None
    found = ports_for(obj)
    if not o["port"]:
        numbers = [p for p, _ in found]
        if not numbers and o["cluster-ip"] != "None":
            raise CommandError("couldn't find port via --port flag or introspection")
        if len(numbers) == 1:
            o["port"] = numbers[0]
        elif numbers:
            o["ports"] = ",".join(numbers)
    if found:
        o["protocols"] = found
    if not o["labels"]:
        o["labels"] = _make_labels((obj.get("metadata") or {}).get("labels") or {})
    svc = build_service(o)
    if opts["overrides"]:
        svc = _override(svc, opts["overrides"], opts["override-type"].lower())
    if mode == "client":
        if ctx.namespace_explicit:
            svc["metadata"] = _typed_order({**svc, "metadata": {**svc["metadata"], "namespace": ctx.namespace}})[
                "metadata"]
        _print(ctx, svc, opts["output"], mode, typed=True)
        return
    if opts["save-config"]:
        _save_config(svc)
    created = ctx.pg.cluster.create(create_body(svc), namespace=ctx.namespace, dry_run=mode == "server")
    _print(ctx, created, opts["output"], mode, typed=False)


def _print(ctx: Any, obj: dict[str, Any], output: str, mode: str, *, typed: bool) -> None:
    if not output:
        ctx.write(f"service/{obj['metadata']['name']} exposed{suffix(mode)}\n")
    elif output == "json" and typed:
        ctx.write(json.dumps(obj, indent=4, ensure_ascii=False).translate(GO_HTML_ESCAPES) + "\n")
    else:
        print_objects(ctx, [obj], output, single=True)


FLAGS = [
    *print_flags(),
    Flag("cluster-ip", STRING, "", "", "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or "
         "set to 'None' to create a headless service."),
    Flag("dry-run", STRING, "none", "", 'Must be "none", "server", or "client". If client strategy, only print the '
         "object that would be sent, without sending it. If server strategy, submit server-side request without "
         "persisting the resource.", no_opt="unchanged"),
    Flag("external-ip", STRING, "", "", "Additional external IP address (not managed by Kubernetes) to accept for "
         "the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its "
         "generated service IP."),
    Flag("field-manager", STRING, "kubectl-expose", "", "Name of the manager used to track field ownership."),
    Flag("filename", STRING_ARRAY, [], "f", "Filename, directory, or URL to files identifying the resource to "
         "expose a service"),
    Flag("kustomize", STRING, "", "k", "Process the kustomization directory. This flag can't be used together with "
         "-f or -R."),
    Flag("labels", STRING, "", "l", "Labels to apply to the service created by this call."),
    Flag("load-balancer-ip", STRING, "", "", "IP to assign to the LoadBalancer. If empty, an ephemeral IP will be "
         "created and used (cloud-provider specific)."),
    Flag("name", STRING, "", "", "The name for the newly created object."),
    Flag("override-type", STRING, "merge", "", "The method used to override the generated object: json, merge, "
         "or strategic."),
    Flag("overrides", STRING, "", "", "An inline JSON override for the generated object. If this is non-empty, it "
         "is used to override the generated object. Requires that the object supply a valid apiVersion field."),
    Flag("port", STRING, "", "", "The port that the service should serve on. Copied from the resource being "
         "exposed, if unspecified"),
    Flag("protocol", STRING, "", "", "The network protocol for the service to be created. Default is 'TCP'."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("save-config", BOOL, False, "", "If true, the configuration of current object will be saved in its "
         "annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform "
         "kubectl apply on this object in the future."),
    Flag("selector", STRING, "", "", "A label selector to use for this service. Only equality-based selector "
         "requirements are supported. If empty (the default) infer the selector from the replication controller "
         "or replica set.)"),
    Flag("session-affinity", STRING, "", "", "If non-empty, set the session affinity for the service to this; "
         "legal values: 'None', 'ClientIP'"),
    Flag("target-port", STRING, "", "", "Name or number for the port on the container that the service should "
         "direct traffic to. Optional."),
    Flag("type", STRING, "", "", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. "
         "Default is 'ClusterIP'."),
]

COMMAND = Command(
    "expose", "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
    "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] "
    "[--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
    run, flags=FLAGS,
    long="Expose a resource as a new Kubernetes service.\n\n"
         " Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector "
         "for that resource as the selector for a new service on the specified port. A deployment or replica set "
         "will be exposed as a service only if its selector is convertible to a selector that service supports, "
         "i.e. when the selector contains only the matchLabels component. Note that if no port is specified via "
         "--port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no "
         "labels are specified, the new service will re-use the labels from the resource it exposes.\n\n"
         " Possible resources include (case insensitive):\n\n"
         " pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)",
    examples="# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on "
             "port 8000\nkubectl expose rc nginx --port=80 --target-port=8000\n\n"
             '# Create a service for a replication controller identified by type and name specified in '
             '"nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000\n'
             "kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000\n\n"
             '# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"\n'
             "kubectl expose pod valid-pod --port=444 --name=frontend\n\n"
             "# Create a second service based on the above service, exposing the container port 8443 as port 443 "
             'with the name "nginx-https"\n'
             "kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https\n\n"
             "# Create a service for a replicated streaming application on port 4100 balancing UDP traffic and "
             "named 'video-stream'.\nkubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream\n\n"
             "# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to "
             "the containers on port 8000\nkubectl expose rs nginx --port=80 --target-port=8000\n\n"
             "# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on "
             "port 8000\nkubectl expose deployment nginx --port=80 --target-port=8000",
    group="Basic Commands (Beginner)")
