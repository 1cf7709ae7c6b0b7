"""``kubectl get`` tables: the server's column definitions and row cells per kind (printers.go,
v1.33) and cli-runtime's table printer (header, ``-o wide`` priority filter, ``-A`` NAMESPACE,
``-L`` label columns, ``--show-labels``, kind-prefixed names), through kubectl's tabwriter."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from cluster_core.api.resources import BY_KIND

from . import tabwriter
from .duration import human_duration, parse_time, since
from .pod_status import pod_cells

Cells = list[Any]

# (header, priority, is the name column); priority 1 columns show only with -o wide.
_Column = tuple[str, int, bool]
_TEMPLATE_WIDE: list[_Column] = [("Containers", 1, False), ("Images", 1, False), ("Selector", 1, False)]

COLUMNS: dict[str, list[_Column]] = {
    "Pod": [("Name", 0, True), ("Ready", 0, False), ("Status", 0, False), ("Restarts", 0, False),
            ("Age", 0, False), ("IP", 1, False), ("Node", 1, False), ("Nominated Node", 1, False),
            ("Readiness Gates", 1, False)],
    "Deployment": [("Name", 0, True), ("Ready", 0, False), ("Up-to-date", 0, False), ("Available", 0, False),
                   ("Age", 0, False), *_TEMPLATE_WIDE],
    "ReplicaSet": [("Name", 0, True), ("Desired", 0, False), ("Current", 0, False), ("Ready", 0, False),
                   ("Age", 0, False), *_TEMPLATE_WIDE],
    "DaemonSet": [("Name", 0, True), ("Desired", 0, False), ("Current", 0, False), ("Ready", 0, False),
                  ("Up-to-date", 0, False), ("Available", 0, False), ("Node Selector", 0, False),
                  ("Age", 0, False), *_TEMPLATE_WIDE],
    "Job": [("Name", 0, True), ("Status", 0, False), ("Completions", 0, False), ("Duration", 0, False),
            ("Age", 0, False), *_TEMPLATE_WIDE],
    "Namespace": [("Name", 0, True), ("Status", 0, False), ("Age", 0, False)],
    "Service": [("Name", 0, True), ("Type", 0, False), ("Cluster-IP", 0, False), ("External-IP", 0, False),
                ("Port(s)", 0, False), ("Age", 0, False), ("Selector", 1, False)],
    "Node": [("Name", 0, True), ("Status", 0, False), ("Roles", 0, False), ("Age", 0, False),
             ("Version", 0, False), ("Internal-IP", 1, False), ("External-IP", 1, False),
             ("OS-Image", 1, False), ("Kernel-Version", 1, False), ("Container-Runtime", 1, False)],
    "Event": [("Last Seen", 0, False), ("Type", 0, False), ("Reason", 0, False), ("Object", 0, False),
              ("Subobject", 1, False), ("Source", 1, False), ("Message", 0, False),
              ("First Seen", 1, False), ("Count", 1, False), ("Name", 1, True)],
}


def format_labels(labels: Mapping[str, str] | None) -> str:
    """``labels.FormatLabels``: sorted ``k=v`` joined by commas, ``<none>`` when empty."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items()))


def format_label_selector(selector: Mapping[str, Any] | None) -> str:
    """``metav1.FormatLabelSelector``: requirements sorted by key, ``<none>`` for nil or empty.

    (A private copy: the printers only need the string form, not selector matching.)"""
    reqs: list[tuple[str, str]] = []
    for k, v in ((selector or {}).get("matchLabels") or {}).items():
        reqs.append((k, f"{k}={v}"))
    for expr in (selector or {}).get("matchExpressions") or []:
        key, op = expr.get("key", ""), expr.get("operator", "")
        values = ",".join(sorted(expr.get("values") or []))
        text = {"In": f"{key} in ({values})", "NotIn": f"{key} notin ({values})",
                "Exists": key, "DoesNotExist": f"!{key}"}.get(op)
        if text is None:
            return "<error>"
        reqs.append((key, text))
    reqs.sort(key=lambda r: r[0])
    return ",".join(text for _, text in reqs) or "<none>"


def _containers(obj: dict) -> tuple[str, str]:
    containers = ((((obj.get("spec") or {}).get("template") or {}).get("spec") or {})
                  .get("containers") or [])
    return (",".join(c.get("name", "") for c in containers), ",".join(c.get("image", "") for c in containers))


def _template_wide(obj: dict) -> Cells:
    names, images = _containers(obj)
    return [names, images, format_label_selector((obj.get("spec") or {}).get("selector"))]


def _name_age(obj: dict, now: float) -> tuple[str, str]:
    meta = obj.get("metadata") or {}
    return meta.get("name") or "", since(meta.get("creationTimestamp"), now)


def _replicaset(obj: dict, now: float) -> Cells:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    name, age = _name_age(obj, now)
    return [name, spec.get("replicas", 1), status.get("replicas", 0), status.get("readyReplicas", 0), age,
            *_template_wide(obj)]


def _deployment(obj: dict, now: float) -> Cells:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    name, age = _name_age(obj, now)
    ready = f"{status.get('readyReplicas', 0)}/{spec.get('replicas', 1)}"
    return [name, ready, status.get("updatedReplicas", 0), status.get("availableReplicas", 0), age,
            *_template_wide(obj)]


def _daemonset(obj: dict, now: float) -> Cells:
    status = obj.get("status") or {}
    name, age = _name_age(obj, now)
    node_selector = ((((obj.get("spec") or {}).get("template") or {}).get("spec") or {})
                     .get("nodeSelector"))
    return [name, status.get("desiredNumberScheduled", 0), status.get("currentNumberScheduled", 0),
            status.get("numberReady", 0), status.get("updatedNumberScheduled", 0),
            status.get("numberAvailable", 0), format_labels(node_selector), age, *_template_wide(obj)]


def _job_condition(conditions: list[dict], type_: str) -> bool:
    for c in conditions:
        if c.get("type") == type_:
            return c.get("status") == "True"
    return False


def job_status(job: dict) -> str:
    """The STATUS column added in v1.30 (PR #123226), checked in upstream's order."""
    conditions = (job.get("status") or {}).get("conditions") or []
    if _job_condition(conditions, "Complete"):
        return "Complete"
    if _job_condition(conditions, "Failed"):
        return "Failed"
    if (job.get("metadata") or {}).get("deletionTimestamp"):
        return "Terminating"
    if _job_condition(conditions, "Suspended"):
        return "Suspended"
    if _job_condition(conditions, "FailureTarget"):
        return "FailureTarget"
    return "Running"


def _job(obj: dict, now: float) -> Cells:
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    succeeded = status.get("succeeded", 0)
    if spec.get("completions") is not None:
        completions = f"{succeeded}/{spec['completions']}"
    elif (spec.get("parallelism") or 0) > 1:
        completions = f"{succeeded}/1 of {spec['parallelism']}"
    else:
        completions = f"{succeeded}/1"
    start = parse_time(status["startTime"]) if status.get("startTime") else None
    end = parse_time(status["completionTime"]) if status.get("completionTime") else None
    duration = "" if start is None else human_duration((now if end is None else end) - start)
    name, age = _name_age(obj, now)
    return [name, job_status(obj), completions, duration, age, *_template_wide(obj)]


def _load_balancer_ips(status: dict, wide: bool) -> str:
    """loadBalancerStatusStringer: ingress IPs or hostnames; cut at 16 characters unless wide."""
    ingress = ((status.get("loadBalancer") or {}).get("ingress")) or []
    text = ",".join(i.get("ip") or i.get("hostname") or "" for i in ingress)
    if not wide and len(text) > 16:
        text = text[:13] + "..."
    return text


def _service_external_ip(obj: dict, wide: bool) -> str:
    """getServiceExternalIP of printers.go."""
    spec = obj.get("spec") or {}
    external = spec.get("externalIPs") or []
    kind = spec.get("type")
    if kind in ("ClusterIP", "NodePort"):
        return ",".join(external) if external else "<none>"
    if kind == "LoadBalancer":
        lb = _load_balancer_ips(obj.get("status") or {}, wide)
        if external:
            return ",".join(([*lb.split(",")] if lb else []) + list(external))
        return lb or "<pending>"
    if kind == "ExternalName":
        return spec.get("externalName") or ""
    return "<unknown>"


def service_ports(ports: list[dict]) -> str:
    """makePortString: ``80/TCP``, ``80:30080/TCP`` with a node port, comma separated."""
    pieces = []
    for p in ports:
        if p.get("nodePort"):
            pieces.append(f"{p.get('port', 0)}:{p['nodePort']}/{p.get('protocol', '')}")
        else:
            pieces.append(f"{p.get('port', 0)}/{p.get('protocol', '')}")
    return ",".join(pieces)


def _service(obj: dict, now: float, wide: bool = True) -> Cells:
    spec = obj.get("spec") or {}
    name, age = _name_age(obj, now)
    ips = spec.get("clusterIPs") or []
    return [name, spec.get("type", ""), ips[0] if ips else "<none>", _service_external_ip(obj, wide),
            service_ports(spec.get("ports") or []) or "<none>", age, format_labels(spec.get("selector"))]


def _service_narrow(obj: dict, now: float) -> Cells:
    return _service(obj, now, wide=False)


def _namespace(obj: dict, now: float) -> Cells:
    name, age = _name_age(obj, now)
    return [name, (obj.get("status") or {}).get("phase", ""), age]


def _node_roles(labels: Mapping[str, str]) -> str:
    roles = set()
    for k, v in labels.items():
        if k.startswith("node-role.kubernetes.io/"):
            role = k[len("node-role.kubernetes.io/"):]
            if role:
                roles.add(role)
        elif k == "kubernetes.io/role" and v:
            roles.add(v)
    return ",".join(sorted(roles)) or "<none>"


def _node_address(status: dict, type_: str) -> str:
    for a in status.get("addresses") or []:
        if a.get("type") == type_:
            return a.get("address", "")
    return "<none>"


def _node(obj: dict, now: float) -> Cells:
    status = obj.get("status") or {}
    by_type = {c.get("type"): c for c in status.get("conditions") or []}
    ready = by_type.get("Ready")
    state = ["Unknown"] if ready is None else ["Ready" if ready.get("status") == "True" else "NotReady"]
    if (obj.get("spec") or {}).get("unschedulable"):
        state.append("SchedulingDisabled")
    info = status.get("nodeInfo") or {}
    name, age = _name_age(obj, now)
    return [name, ",".join(state), _node_roles((obj.get("metadata") or {}).get("labels") or {}), age,
            info.get("kubeletVersion", ""), _node_address(status, "InternalIP"),
            _node_address(status, "ExternalIP"), info.get("osImage") or "<unknown>",
            info.get("kernelVersion") or "<unknown>", info.get("containerRuntimeVersion") or "<unknown>"]


def _event(obj: dict, now: float) -> Cells:
    first = since(obj.get("firstTimestamp"), now)
    if not obj.get("firstTimestamp"):
        first = since(obj.get("eventTime"), now)
    last = since(obj.get("lastTimestamp"), now) if obj.get("lastTimestamp") else first
    count = obj.get("count") or 0
    series = obj.get("series")
    if series is not None:
        last = since(series.get("lastObservedTime"), now)
        count = series.get("count") or 0
    elif count == 0:
        count = 1  # singleton events of the events.k8s.io API have no count
    involved = obj.get("involvedObject") or {}
    kind = (involved.get("kind") or "").lower()
    target = f"{kind}/{involved['name']}" if involved.get("name") else kind
    source = obj.get("source") or {}
    component = source.get("component") or obj.get("reportingController") or ""
    host = source.get("host") or obj.get("reportingInstance") or ""
    return [last, obj.get("type", ""), obj.get("reason", ""), target, involved.get("fieldPath", ""),
            f"{component}, {host}" if host else component, (obj.get("message") or "").strip(),
            first, count, (obj.get("metadata") or {}).get("name", "")]


ROWS: dict[str, Callable[[dict, float], Cells]] = {
    "Pod": pod_cells, "Deployment": _deployment, "ReplicaSet": _replicaset, "DaemonSet": _daemonset, "Job": _job,
    "Namespace": _namespace, "Node": _node, "Event": _event, "Service": _service_narrow,
}
# Kinds whose cells depend on -o wide beyond the extra columns (a load balancer's long address).
WIDE_ROWS: dict[str, Callable[[dict, float], Cells]] = {"Service": _service}


def row_cells(kind: str, obj: dict, now: float, wide: bool = False) -> Cells:
    """The cells of one object's row, as the server computes them for this output."""
    fn = WIDE_ROWS.get(kind) if wide else None
    return (fn or ROWS[kind])(obj, now)


def _cell_text(cell: Any) -> str:
    """cli-runtime ``printTable``: cut a string at its first line break (adding ``...``) and
    escape terminal control characters."""
    if cell is None:
        return ""
    text = cell if isinstance(cell, str) else str(cell)
    if text.isprintable():
        return text
    for i, ch in enumerate(text):
        if ch in "\n\r\f":
            text = text[:i] + "..."
            break
    return text.replace("\x1b", "^[")


def label_column_header(key: str) -> str:
    """``-L app.kubernetes.io/name`` heads its column ``NAME``: the last path segment, upper case."""
    return key.split("/")[-1].upper()


def print_table(kind: str, objects: Sequence[dict], now: float, *, wide: bool = False,
                show_labels: bool = False, label_columns: Iterable[str] = (),
                all_namespaces: bool = False, no_headers: bool = False, show_kind: bool = False) -> str:
    """The text of ``kubectl get <kind>`` for ``objects`` (already filtered and ordered).

    An empty list prints nothing, not even the header (kubectl then says "No resources found"
    on stderr). ``all_namespaces`` adds NAMESPACE only for namespaced kinds, as ``-A`` does.
    ``show_kind`` prefixes names (``pod/x``, ``replicaset.apps/x``) as ``get all`` does."""
    if not objects:
        return ""
    columns = COLUMNS[kind]
    label_keys = list(label_columns)
    resource = BY_KIND.get(kind)
    with_namespace = all_namespaces and (resource is None or resource.namespaced)
    prefix = ""
    if show_kind:
        prefix = (resource.qualified_kind if resource else kind.lower()) + "/"
    visible = [i for i, (_, priority, _) in enumerate(columns) if wide or priority == 0]
    name_index = next((i for i, c in enumerate(columns) if c[2]), -1)

    rows: list[list[str]] = []
    if not no_headers:
        header = [columns[i][0].upper() for i in visible]
        header += [label_column_header(k) for k in label_keys]
        if show_labels:
            header.append("LABELS")
        if with_namespace:
            header.insert(0, "NAMESPACE")
        rows.append(header)
    for obj in objects:
        cells = row_cells(kind, obj, now, wide)
        if prefix and name_index >= 0:
            cells[name_index] = prefix + str(cells[name_index])
        row = [_cell_text(cells[i]) for i in visible]
        if label_keys or show_labels or with_namespace:
            meta = obj.get("metadata") or {}
            labels = meta.get("labels") or {}
            row += [_cell_text(labels.get(k, "")) for k in label_keys]
            if show_labels:
                row.append(_cell_text(format_labels(labels)))
            if with_namespace:
                row.insert(0, _cell_text(meta.get("namespace", "")))
        rows.append(row)
    return tabwriter.table_rows(rows)


def print_tables(groups: Sequence[tuple[str, Sequence[dict]]], now: float, *, wide: bool = False,
                 show_labels: bool = False, label_columns: Iterable[str] = (), all_namespaces: bool = False,
                 no_headers: bool = False, show_kind: bool = False) -> str:
    """``kubectl get pods,rs`` / ``get all``: one table per kind, in the order given.

    As kubectl does, names get their kind prefix when the *results* hold more than one kind
    (``get jobs,rs`` with no jobs prints plain rs names), empty kinds print nothing, and a blank
    line separates the tables unless headers are off."""
    shown = [(kind, objs) for kind, objs in groups if objs]
    with_kind = show_kind or len({kind for kind, _ in shown}) > 1
    tables = [print_table(kind, objs, now, wide=wide, show_labels=show_labels, label_columns=tuple(label_columns),
                          all_namespaces=all_namespaces, no_headers=no_headers, show_kind=with_kind)
              for kind, objs in shown]
    return ("" if no_headers else "\n").join(tables)


def name_line(obj: dict, operation: str = "") -> str:
    """``-o name`` (and the ``<type>/<name> <operation>`` lines): ``pod/nginx-manual``,
    ``replicaset.apps/nginx``, ``job.batch/pi created``. No trailing newline."""
    kind = obj.get("kind") or ""
    resource = BY_KIND.get(kind)
    if resource is not None:
        qualified = resource.qualified_kind
    else:
        api_version = obj.get("apiVersion") or ""
        group = api_version.rsplit("/", 1)[0] if "/" in api_version else ""
        qualified = kind.lower() + (f".{group}" if group else "")
    text = f"{qualified}/{(obj.get('metadata') or {}).get('name', '')}"
    return f"{text} {operation}" if operation else text
