"""The live cluster view's data: nodes with their pods, workloads with their counts, recent events.

A pure function of the Playground and the namespace filter, so the page render and every
websocket push show the same thing. A pod's STATUS is the string ``kubectl get pods`` prints
(``pod_cells``), so the card and the terminal never disagree. Nothing here depends on the
current second (no ages): the HTML changes only when the cluster does, so identical pushes can
be skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from cluster_core import Playground
from cluster_core.kubectl.printers.pod_status import pod_cells

from .services.store import read
from .services.timectl import seconds_until_next_change

SYSTEM_NAMESPACES = ("kube-system", "kube-public", "kube-node-lease")
ALL = "*"  # filter value: every namespace; "" (the default) hides the system namespaces
MAX_EVENTS = 10
KNOWN_STATUSES = {
    "Pending": "pending", "ContainerCreating": "creating", "PodInitializing": "creating",
    "Running": "running", "Completed": "completed", "Succeeded": "completed", "Error": "error",
    "CrashLoopBackOff": "crashloop", "ImagePullBackOff": "imagepull", "ErrImagePull": "imagepull",
    "InvalidImageName": "imagepull", "Terminating": "terminating", "OOMKilled": "error",
}


@dataclass
class PodCard:
    name: str
    namespace: str
    status: str
    css: str
    phase: str
    ready: str
    restarts: str
    labels: str
    owner: str


@dataclass
class NodeBox:
    name: str
    roles: str
    ready: str
    labels: str
    taints: str
    pods: list[PodCard] = field(default_factory=list)


def status_class(status: str) -> str:
    """A CSS class for a STATUS string: ``Init:0/1`` counts as creating, unknown ones as other."""
    if status in KNOWN_STATUSES:
        return KNOWN_STATUSES[status]
    if status.startswith("Init:"):
        return "error" if "Error" in status or "BackOff" in status else "creating"
    return "other"


def _labels(obj: dict[str, Any]) -> str:
    labels = (obj.get("metadata") or {}).get("labels") or {}
    return ", ".join(f"{k}={v}" for k, v in sorted(labels.items()))


def _selector(obj: dict[str, Any]) -> str:
    """A workload's selector as kubectl's SELECTOR column writes it (``app=web,tier in (a,b)``)."""
    sel = (obj.get("spec") or {}).get("selector") or {}
    parts = [f"{k}={v}" for k, v in sorted((sel.get("matchLabels") or {}).items())]
    for e in sel.get("matchExpressions") or []:
        op, key = e.get("operator", ""), e.get("key", "")
        values = ",".join(e.get("values") or [])
        parts.append({"In": f"{key} in ({values})", "NotIn": f"{key} notin ({values})",
                      "Exists": key, "DoesNotExist": f"!{key}"}.get(op, key))
    return ",".join(parts)


def _objects(pg: Playground, kind: str) -> list[dict[str, Any]]:
    """The stored objects of a kind, sorted by namespace and name, read in place: the view only reads
    them, and copying every pod and event for each push was most of a push's cost."""
    return pg.server.select(kind)


def _in_filter(namespace: str, ns_filter: str) -> bool:
    if ns_filter == ALL:
        return True
    if not ns_filter:
        return namespace not in SYSTEM_NAMESPACES
    return namespace == ns_filter


def _pod_card(pod: dict[str, Any], now: float) -> PodCard:
    cells = pod_cells(pod, now)
    meta = pod["metadata"]
    owners = meta.get("ownerReferences") or []
    owner = f"{owners[0].get('kind')}/{owners[0].get('name')}" if owners else ""
    return PodCard(name=meta["name"], namespace=meta.get("namespace", ""), status=cells[2],
                   css=status_class(cells[2]), phase=(pod.get("status") or {}).get("phase", ""),
                   ready=cells[1], restarts=cells[3].split(" ")[0], labels=_labels(pod), owner=owner)


def _node_box(node: dict[str, Any]) -> NodeBox:
    labels = (node.get("metadata") or {}).get("labels") or {}
    roles = sorted(k.split("/", 1)[1] for k in labels if k.startswith("node-role.kubernetes.io/"))
    conditions = (node.get("status") or {}).get("conditions") or []
    ready = next((c.get("status") for c in conditions if c.get("type") == "Ready"), "Unknown")
    taints = (node.get("spec") or {}).get("taints") or []
    return NodeBox(name=node["metadata"]["name"], roles=",".join(roles) or "<none>",
                   ready="Ready" if ready == "True" else "NotReady", labels=_labels(node),
                   taints=", ".join(f"{t.get('key')}:{t.get('effect')}" for t in taints))


def _workloads(pg: Playground, ns_filter: str) -> dict[str, list[dict[str, Any]]]:
    def rows(kind: str) -> list[dict[str, Any]]:
        return [o for o in _objects(pg, kind) if _in_filter(o["metadata"].get("namespace", ""), ns_filter)]

    out: dict[str, list[dict[str, Any]]] = {"deployments": [], "replicasets": [], "daemonsets": [], "jobs": []}
    for deploy in rows("Deployment"):
        st = deploy.get("status") or {}
        out["deployments"].append({"name": deploy["metadata"]["name"], "namespace": deploy["metadata"]["namespace"],
                                   "desired": (deploy.get("spec") or {}).get("replicas", 1),
                                   "ready": st.get("readyReplicas", 0), "updated": st.get("updatedReplicas", 0),
                                   "available": st.get("availableReplicas", 0), "selector": _selector(deploy)})
    for rs in rows("ReplicaSet"):
        st = rs.get("status") or {}
        out["replicasets"].append({"name": rs["metadata"]["name"], "namespace": rs["metadata"]["namespace"],
                                   "desired": (rs.get("spec") or {}).get("replicas", 1),
                                   "current": st.get("replicas", 0), "ready": st.get("readyReplicas", 0),
                                   "selector": _selector(rs)})
    for ds in rows("DaemonSet"):
        st = ds.get("status") or {}
        out["daemonsets"].append({"name": ds["metadata"]["name"], "namespace": ds["metadata"]["namespace"],
                                  "desired": st.get("desiredNumberScheduled", 0),
                                  "current": st.get("currentNumberScheduled", 0),
                                  "ready": st.get("numberReady", 0), "selector": _selector(ds)})
    for job in rows("Job"):
        spec, st = job.get("spec") or {}, job.get("status") or {}
        conditions = {c.get("type") for c in st.get("conditions") or [] if c.get("status") == "True"}
        state = "Complete" if "Complete" in conditions else "Failed" if "Failed" in conditions else "Running"
        out["jobs"].append({"name": job["metadata"]["name"], "namespace": job["metadata"]["namespace"],
                            "completions": spec.get("completions", 1), "parallelism": spec.get("parallelism", 1),
                            "succeeded": st.get("succeeded", 0), "active": st.get("active", 0),
                            "failed": st.get("failed", 0), "state": state, "selector": _selector(job)})
    return out


def _events(pg: Playground, ns_filter: str) -> list[dict[str, Any]]:
    events = [e for e in _objects(pg, "Event") if _in_filter(e["metadata"].get("namespace", ""), ns_filter)]
    # The resourceVersion grows with every write, a repeat included: it orders events by when last seen.
    events.sort(key=lambda e: int(e["metadata"].get("resourceVersion") or 0))
    out = []
    for e in events[-MAX_EVENTS:][::-1]:
        ref = e.get("involvedObject") or {}
        when = e.get("lastTimestamp") or ""
        out.append({"type": e.get("type", ""), "reason": e.get("reason", ""), "message": e.get("message", ""),
                    "object": f"{ref.get('kind', '').lower()}/{ref.get('name', '')}",
                    "time": when[11:19], "timestamp": when, "count": e.get("count", 1)})
    return out


def build(pg: Playground, ns_filter: str = "") -> dict[str, Any]:
    """Everything ``_cluster_view.html`` shows, for one namespace filter."""
    now = pg.clock.now
    nodes = {n["metadata"]["name"]: _node_box(n) for n in _objects(pg, "Node")}
    unscheduled: list[PodCard] = []
    for pod in _objects(pg, "Pod"):
        if not _in_filter(pod["metadata"].get("namespace", ""), ns_filter):
            continue
        card = _pod_card(pod, now)
        box = nodes.get((pod.get("spec") or {}).get("nodeName") or "")
        (box.pods if box is not None else unscheduled).append(card)
    namespaces = [n["metadata"]["name"] for n in _objects(pg, "Namespace")]
    if ns_filter not in ("", ALL) and ns_filter not in namespaces:
        namespaces.append(ns_filter)
    return {"nodes": list(nodes.values()), "unscheduled": unscheduled, "namespaces": namespaces,
            "ns_filter": ns_filter, "all_value": ALL, **_workloads(pg, ns_filter),
            "events": _events(pg, ns_filter), "paused": pg.paused}


def view_data(cluster_pk: int, ns_filter: str) -> tuple[dict[str, Any], float | None]:
    """The view's data for a push (caught up with the wall clock) and the seconds until it may change.

    This half reads the cluster, so it runs on the database thread; the templates
    (:func:`render_view`, :func:`render_filter`) do not, and run elsewhere: a class's pushes then
    hold the database thread for a tenth of the time and commands do not queue behind them.
    """
    return read(cluster_pk, lambda loaded: (build(loaded.pg, ns_filter), seconds_until_next_change(loaded.pg)))


def render_view(ctx: dict[str, Any], language: str) -> str:
    """``#cluster-view`` as an htmx out-of-band fragment."""
    with translation.override(language):
        return render_to_string("_cluster_view.html", {**ctx, "oob": True})


def render_filter(ctx: dict[str, Any], language: str) -> str:
    """``#cluster-filter`` (the namespace select) as an htmx out-of-band fragment."""
    with translation.override(language):
        return render_to_string("_cluster_filter.html", {**ctx, "oob": True})
