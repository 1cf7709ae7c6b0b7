"""``kubectl run NAME --image=IMAGE``: the one pod kubectl builds from flags, created and printed.

The pod is built field by field as ``run.go`` builds its typed ``corev1.Pod`` (labels ``run=NAME``
unless ``--labels``; ``--port``, ``--env``, ``--restart``, ``--command``, args after ``--``), so
``--dry-run=client -o yaml`` prints what the real client prints. Checks run in kubectl v1.33's
order with its words (measured against the real binary, not only read from the source).

``-i``/``--attach`` cannot open an interactive session here: the pod is created, kubectl waits
for it as the real one does, then prints the container's output instead of attaching
(``warning: couldn't attach ... falling back to streaming logs``, a path the real client also
takes), waits for it to finish with ``--restart=Never|OnFailure`` and deletes it with ``--rm``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, DURATION, INT, STRING, STRING_ARRAY, Flag
from cluster_core.kubectl.main import render_api_error
from cluster_core.kubectl.output import print_objects
from cluster_core.kubectl.print_flags import print_flags
from cluster_core.kubectl.waiting import StepRunner
from cluster_core.shell.jobs import register_long_running

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

# What kubectl's PrintFlags accept (no tables, no custom columns), in its error's order.
PRINT_FORMATS = ("go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file",
                 "name", "template", "templatefile", "yaml")
DRY_RUN_DEPRECATED = "--dry-run is deprecated and can be replaced with --dry-run=client."
TIMED_OUT = "error: timed out waiting for the condition\n"

# ---------------------------------------------------------------- shared by the verbs of this family


def dry_run_strategy(ctx: Any, value: str) -> str:
    """cmdutil.GetDryRunStrategy: ``none``, ``client`` or ``server``; bare ``--dry-run`` warns as klog does."""
    if value == "unchanged":
        ctx.write_err(klog_line(ctx, "W", "helpers.go:703", DRY_RUN_DEPRECATED))
        return "client"
    if value in ("", "none", "false"):
        return "none"
    if value in ("client", "true"):
        return "client"
    if value == "server":
        return "server"
    raise CommandError(f'Invalid dry-run value ({value}). Must be "none", "server", or "client".')


def klog_line(ctx: Any, level: str, where: str, msg: str) -> str:
    """A klog header line (``W0101 00:00:00.000000   12345 helpers.go:703] ...``) at simulated time."""
    from cluster_core.timeutil import to_datetime

    t = to_datetime(ctx.now)
    return f"{level}{t:%m%d %H:%M:%S}.{t.microsecond:06d}   12345 {where}] {msg}\n"


def check_output_format(output: str) -> None:
    """PrintFlags.ToPrinter's refusal of a format it has no printer for."""
    name = output.partition("=")[0]
    if output and name not in PRINT_FORMATS:
        raise CommandError(f'unable to match a printer suitable for the output format "{output}", allowed formats '
                           f"are: {','.join(PRINT_FORMATS)}")


def suffix(mode: str) -> str:
    return {"client": " (dry run)", "server": " (server dry run)"}.get(mode, "")


# ---------------------------------------------------------------- image references and flag values
_ALNUM = r"[a-z0-9]+"
_SEP = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = rf"{_ALNUM}(?:{_SEP}{_ALNUM})*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_HOST = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[(?:[a-fA-F0-9:]+)\])"
_NAME = rf"(?:{_HOST}(?::[0-9]+)?/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}"
REFERENCE_RE = re.compile(rf"^{_NAME}(?::{_TAG})?(?:@{_DIGEST})?$")
_ENV_NAME_RE = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")


def _parse_pairs(items: list[str], what: str) -> dict[str, str]:
    """cmdutil.ParsePairs for ``--annotations``: every item must be ``key=value``."""
    out: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise CommandError(f"invalid {what} format: {item}")
        out[key] = value
    return out


def _parse_labels(text: str) -> dict[str, str]:
    if not text:
        return {}
    labels: dict[str, str] = {}
    for spec in text.split(","):
        parts = spec.split("=")
        if len(parts) != 2:
            raise CommandError(f"unexpected label spec: {spec}")
        if not parts[0]:
            raise CommandError("unexpected empty label key")
        labels[parts[0]] = parts[1]
    return labels


def _parse_envs(items: list[str]) -> list[dict[str, str]]:
    envs = []
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name or not _ENV_NAME_RE.match(name) or name in (".", "..") or name.startswith(".."):
            raise CommandError(f"invalid env: {item}")
        envs.append({"name": name, "value": value})
    return envs


def go_atoi(text: str) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise CommandError(f'strconv.Atoi: parsing "{text}": invalid syntax')
    value = int(text)
    if not -(2**63) <= value < 2**63:
        raise CommandError(f'strconv.Atoi: parsing "{text}": value out of range')
    return value


# ---------------------------------------------------------------- the pod, in the typed struct's field order
def build_pod(name: str, image: str, opts: Any, labels: dict[str, str], annotations: dict[str, str],
              envs: list[dict[str, str]], restart: str, args: list[str]) -> dict[str, Any]:
    """run.go createPod: the pod kubectl sends, keys in corev1.Pod's field order (for ``-o json``)."""
    container: dict[str, Any] = {"name": name, "image": image}
    if args:
        container["command" if opts["command"] else "args"] = list(args)
    if opts["port"]:
        container["ports"] = [{"containerPort": go_atoi(opts["port"])}]
    if envs:
        container["env"] = envs
    container["resources"] = {}
    if opts["image-pull-policy"]:
        container["imagePullPolicy"] = opts["image-pull-policy"]
    if opts["privileged"]:
        container["securityContext"] = {"privileged": True}
    if opts["stdin"]:
        container["stdin"] = True
        if not opts["leave-stdin-open"]:
            container["stdinOnce"] = True
    if opts["tty"]:
        container["tty"] = True
    meta: dict[str, Any] = {"name": name, "creationTimestamp": None, "labels": labels}
    if annotations:
        meta["annotations"] = annotations
    return {"kind": "Pod", "apiVersion": "v1", "metadata": meta,
            "spec": {"containers": [container], "restartPolicy": restart, "dnsPolicy": "ClusterFirst"},
            "status": {}}


_ORDER: dict[str, tuple[str, ...]] = {
    "Pod": ("kind", "apiVersion", "metadata", "spec", "status"),
    "ObjectMeta": ("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                   "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
                   "ownerReferences", "finalizers", "managedFields"),
    "PodSpec": ("volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
                "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
                "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork",
                "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
                "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName",
                "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
                "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
                "schedulingGates", "resourceClaims", "resources"),
    "Container": ("name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                  "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe",
                  "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                  "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"),
    "ContainerPort": ("name", "hostPort", "containerPort", "protocol", "hostIP"),
    "EnvVar": ("name", "value", "valueFrom"),
    "Resources": ("limits", "requests", "claims"),
    "VolumeMount": ("name", "readOnly", "recursiveReadOnly", "mountPath", "subPath", "mountPropagation",
                    "subPathExpr"),
    "Toleration": ("key", "operator", "value", "effect", "tolerationSeconds"),
    "PodStatus": ("observedGeneration", "phase", "conditions", "message", "reason", "nominatedNodeName", "hostIP",
                  "hostIPs", "podIP", "podIPs", "startTime", "initContainerStatuses", "containerStatuses",
                  "qosClass", "ephemeralContainerStatuses", "resize", "resourceClaimStatuses"),
    "PodCondition": ("type", "observedGeneration", "status", "lastProbeTime", "lastTransitionTime", "reason",
                     "message"),
    "ContainerStatus": ("name", "state", "lastState", "ready", "restartCount", "image", "imageID", "containerID",
                        "started", "allocatedResources", "resources", "volumeMounts", "user",
                        "allocatedResourcesStatus"),
    "OwnerReference": ("apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"),
}
_CHILDREN: dict[tuple[str, str], str] = {
    ("Pod", "metadata"): "ObjectMeta", ("Pod", "spec"): "PodSpec", ("Pod", "status"): "PodStatus",
    ("PodSpec", "containers"): "Container", ("PodSpec", "initContainers"): "Container",
    ("PodSpec", "tolerations"): "Toleration", ("Container", "ports"): "ContainerPort",
    ("Container", "env"): "EnvVar", ("Container", "resources"): "Resources",
    ("Container", "volumeMounts"): "VolumeMount", ("PodStatus", "conditions"): "PodCondition",
    ("PodStatus", "containerStatuses"): "ContainerStatus", ("PodStatus", "initContainerStatuses"): "ContainerStatus",
    ("ObjectMeta", "ownerReferences"): "OwnerReference",
}


def struct_order(value: Any, type_name: str = "Pod") -> Any:
    """Keys in Go struct order, as a typed object marshals; fields this table does not know go last, sorted."""
    if isinstance(value, list):
        return [struct_order(v, type_name) for v in value]
    if not isinstance(value, dict):
        return value
    order = _ORDER.get(type_name)
    if order is None:
        return {k: struct_order(value[k], "") for k in sorted(value)}
    keys = [k for k in order if k in value] + sorted(k for k in value if k not in order)
    return {k: struct_order(value[k], _CHILDREN.get((type_name, k), "")) for k in keys}


GO_HTML_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def typed_json(obj: dict[str, Any]) -> str:
    """``-o json`` of a typed object: struct order, 4-space indent, Go's HTML escaping, final newline."""
    return json.dumps(struct_order(obj), indent=4, ensure_ascii=False).translate(GO_HTML_ESCAPES) + "\n"


# ---------------------------------------------------------------- overrides
_VERSION_KIND = ('struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string '
                 '"json:\\"kind,omitempty\\"" }')


def _apply_overrides(pod: dict[str, Any], overrides: str, kind: str) -> dict[str, Any]:
    """cmdutil.Overrider: merge (default), strategic or json patch of the generated pod, then decoded
    back into a typed Pod (unknown fields dropped, ``resources: {}`` on every container)."""
    from cluster_core.kubectl.verbs import patch as patching

    if kind not in ("json", "merge", "strategic"):
        raise CommandError(f"invalid override type: {kind}")
    bad_doc = {"merge": "Invalid JSON Patch", "strategic": "invalid JSON document"}
    try:
        if kind == "json":
            out = patching.json_patch(pod, patching.go_json_loads(overrides))
        else:
            try:
                doc = patching.go_json_loads(overrides)
            except patching.PatchError:
                raise CommandError(bad_doc[kind]) from None
            if kind == "strategic":
                if not isinstance(doc, dict):
                    raise CommandError(bad_doc[kind])
                out = patching.strategic_merge(pod, doc, "Pod")
            else:
                out = patching.json_merge(pod, doc)
    except patching.PatchError as e:
        raise CommandError(str(e)) from None
    if not isinstance(out, dict):
        raise CommandError("couldn't get version/kind; json parse error: json: cannot unmarshal "
                           f"{patching._go_kind(out)} into Go value of type {_VERSION_KIND}")
    return _as_typed_pod(out)


def _as_typed_pod(pod: dict[str, Any]) -> dict[str, Any]:
    """What a decode into corev1.Pod and back leaves: unknown fields gone, non-pointer structs present."""
    from cluster_core.api.errors import ApiError
    from cluster_core.kubectl.verbs import patch as patching

    pod.setdefault("kind", "Pod")
    pod.setdefault("apiVersion", "v1")
    try:
        patching.warn_or_strip_unknown(pod, "Ignore", lambda _text: None)
    except ApiError as e:
        raise CommandError(str(e)) from None
    meta = pod.setdefault("metadata", {})
    meta.setdefault("creationTimestamp", None)
    spec = pod.setdefault("spec", {})
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        if isinstance(c, dict):
            c.setdefault("resources", {})
    pod.setdefault("status", {})
    return pod


# ---------------------------------------------------------------- the command
def run(ctx: Any, opts: Any) -> Any:
    if not opts.was_set("image"):
        raise CommandError('required flag(s) "image" not set')
    dash_at = len(opts.args) - len(opts.dash_args) if opts.dash_args is not None else -1
    if not opts.args or dash_at == 0:
        raise UsageError("NAME is required for run")
    mode = dry_run_strategy(ctx, opts["dry-run"])
    check_output_format(opts["output"])
    if opts["pod-running-timeout"] <= 0:
        raise UsageError("--pod-running-timeout must be higher than zero")
    image = opts["image"]
    if not image:
        raise CommandError("--image is required")
    if not REFERENCE_RE.match(image):
        raise CommandError(f'Invalid image name "{image}": invalid reference format')
    attach = opts["attach"] if opts.was_set("attach") else opts["stdin"]
    if opts["tty"] and not opts["stdin"]:
        raise UsageError("-i/--stdin is required for containers with -t/--tty=true")
    if opts["expose"] and not opts["port"]:
        raise UsageError("--port must be set when exposing a service")
    restart = opts["restart"] or ("OnFailure" if opts["stdin"] else "Always")
    if restart not in ("Always", "OnFailure", "Never"):
        raise UsageError(f"invalid restart policy: {restart}")
    if opts["rm"] and not attach:
        raise UsageError("--rm should only be used for attached containers")
    if attach and mode != "none":
        raise UsageError("--dry-run=[server|client] can't be used with attached containers options "
                         "(--attach, --stdin, or --tty)")
    if opts["image-pull-policy"] not in ("", "Always", "IfNotPresent", "Never"):
        raise UsageError(f"invalid image pull policy: {opts['image-pull-policy']}")
    envs = _parse_envs(opts["env"])
    annotations = _parse_pairs(opts["annotations"], "annotations")
    labels = _parse_labels(opts["labels"])
    name = opts.args[0]
    pod = build_pod(name, image, opts, labels or {"run": name}, annotations, envs, restart, opts.args[1:])
    if opts["overrides"]:
        pod = _apply_overrides(pod, opts["overrides"], opts["override-type"].lower())
    if mode == "client":
        if ctx.namespace_explicit:
            pod["metadata"]["namespace"] = ctx.namespace
        created = pod
    else:
        if opts["save-config"]:
            _save_config(pod)
        created = ctx.pg.cluster.create(create_body(pod), namespace=ctx.namespace, dry_run=mode == "server")
    service_error: ApiError | None = None
    if opts["expose"]:
        # The pod is created first, then the Service, printed at once; the pod is printed last.
        try:
            _expose(ctx, name, opts, mode)
        except ApiError as e:
            service_error = e
    if attach:
        return AttachRun.start(ctx, created, opts, restart)
    _print(ctx, created, opts["output"], mode)
    if service_error is not None:
        raise service_error
    return 0


def _expose(ctx: Any, name: str, opts: Any, mode: str) -> None:
    """``--expose``: the ClusterIP Service expose's generator makes for the pod: selecting its
    ``--labels`` (else ``run=<name>``), carrying them only when given, one TCP port."""
    from cluster_core.kubectl.verbs.expose import build_service  # expose builds on this module

    labels = opts["labels"]
    service = build_service({
        "selector": labels or f"run={name}", "labels": labels, "name": name, "default-name": name,
        "port": opts["port"], "ports": "", "protocols": [], "protocol": "", "target-port": "", "type": "",
        "cluster-ip": "", "external-ip": "", "session-affinity": "", "load-balancer-ip": ""})
    if mode == "client":
        if ctx.namespace_explicit:
            service["metadata"]["namespace"] = ctx.namespace
        created = service
    else:
        created = ctx.pg.cluster.create(create_body(service), namespace=ctx.namespace, dry_run=mode == "server")
    _print(ctx, created, opts["output"], mode, "service")
    if opts["output"] == "yaml":
        ctx.write("---\n")  # separates the Service from the pod that follows


def create_body(typed: dict[str, Any]) -> dict[str, Any]:
    """What a generated typed object sends to the server: no status, no ``creationTimestamp: null``."""
    body = {k: v for k, v in typed.items() if k != "status"}
    body["metadata"] = {k: v for k, v in typed["metadata"].items() if k != "creationTimestamp"}
    return body


def _save_config(pod: dict[str, Any]) -> None:
    """``--save-config`` on a typed object: its own JSON (struct order, empty maps omitted) as the annotation."""
    meta = pod["metadata"]
    ann = {k: v for k, v in (meta.get("annotations") or {}).items() if k != LAST_APPLIED}
    clean_meta = {k: v for k, v in meta.items() if k != "annotations"}
    if ann:
        clean_meta["annotations"] = ann
    text = json.dumps(struct_order({**pod, "metadata": clean_meta}), separators=(",", ":"), ensure_ascii=False)
    meta["annotations"] = {**ann, LAST_APPLIED: text.translate(GO_HTML_ESCAPES) + "\n"}


def _print(ctx: Any, obj: dict[str, Any], output: str, mode: str, resource: str = "pod") -> None:
    if not output:
        ctx.write(f"{resource}/{obj['metadata']['name']} created{suffix(mode)}\n")
    elif output == "json" and resource == "pod":
        ctx.write(typed_json(obj))
    else:
        print_objects(ctx, [struct_order(obj) if resource == "pod" else obj], output, single=True)


# ---------------------------------------------------------------- -i / --attach
PROMPT_HINT = "If you don't see a command prompt, try pressing enter.\n"
NO_INPUT = ("error: this playground cannot send what you type to a container: run one command at a time "
            "instead (kubectl run NAME --image=IMAGE -it --rm --restart=Never -- COMMAND ARGS, or kubectl exec "
            "POD -- COMMAND ARGS)\n")
SHELLS = ("sh", "bash", "ash", "zsh", "dash", "ksh")


def _interactive_shell(pod: dict[str, Any]) -> bool:
    """A container with stdin whose program is a bare shell: it would wait for what the student types."""
    c = (pod.get("spec") or {}).get("containers", [{}])[0]
    if not c.get("stdin"):
        return False
    argv = list(c.get("command") or []) + list(c.get("args") or [])
    if not argv:
        from cluster_core.sim import images

        spec = images.lookup(c.get("image", ""))
        argv = images.argv_for(spec, c) if spec is not None else []
    return len(argv) >= 1 and argv[0].rsplit("/", 1)[-1] in SHELLS and all(a.startswith("-") and a != "-c"
                                                                            for a in argv[1:])


def _pod_state(pod: dict[str, Any]) -> str:
    """``completed``, ``ready`` (running and Ready) or ``waiting``: run.go's podRunningAndReady."""
    status = pod.get("status") or {}
    phase = status.get("phase")
    if phase in ("Succeeded", "Failed"):
        return "completed"
    if phase == "Running" and any(c.get("type") == "Ready" and c.get("status") == "True"
                                  for c in status.get("conditions") or []):
        return "ready"
    return "waiting"


def _container_instance(pod: dict[str, Any]) -> tuple[int, bool]:
    """The first container's restart count and whether that instance is still running."""
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    if not statuses:
        return 0, False
    cs = statuses[0]
    return int(cs.get("restartCount") or 0), "running" in (cs.get("state") or {})


@register_long_running
class AttachRun(StepRunner):
    """``run -i``/``--attach``: wait for the pod, then show what its container prints, as attach would.

    There is no stdin to send, so an interactive shell sees none; everything else behaves as on a
    real cluster: a pod that finished before kubectl attached shows its logs, a running one is
    followed until its container exits, ``--restart=Never`` returns the container's exit code and
    ``--rm`` deletes the pod at the end.
    """

    kind = "kubectl.run-attach"

    @classmethod
    def start(cls, ctx: Any, pod: dict[str, Any], opts: Any, restart: str) -> Any:
        meta = pod["metadata"]
        timeout = opts["pod-running-timeout"]
        return cls.begin(ctx, {"ns": meta.get("namespace", ""), "name": meta["name"], "uid": meta.get("uid", ""),
                               "restart": restart, "rm": opts["rm"], "quiet": opts["quiet"],
                               "tty": bool(opts["stdin"] and opts["tty"]), "stage": "starting",
                               "deadline": ctx.now + timeout, "timeout": timeout, "since": None, "last": None,
                               "instance": 0})

    def to_state(self) -> dict[str, Any]:
        return dict(self.s)

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> AttachRun:
        return cls(dict(state))

    def wake_at(self, ctx: Any) -> float | None:
        if self.s["stage"] == "attached":
            return ctx.host.clock.peek()
        return super().wake_at(ctx)

    def interrupt(self, ctx: Any) -> int:
        return 130

    # ------------------------------------------------------------ the steps
    def step(self, host: Any, out: Any) -> int | None:
        s = self.s
        pod = host.server.ref("Pod", s["ns"], s["name"])
        if pod is None or (s["uid"] and pod["metadata"].get("uid") != s["uid"]):
            return self._finish(host, out, 1, 'Error from server (NotFound): pods "" not found\n')
        if s["stage"] == "starting":
            state = _pod_state(pod)
            if state == "waiting":
                if host.clock.now >= s["deadline"]:
                    return self._finish(host, out, 1, TIMED_OUT)
                return None
            if state == "completed":
                self._show_logs(host, out, pod)
                return self._after_session(host, out, pod)
            s["stage"], s["since"] = "attached", host.clock.now
            s["instance"] = _container_instance(pod)[0]
            if not s["quiet"]:
                out.write_err(PROMPT_HINT)
            if _interactive_shell(pod):
                s["stage"] = "exiting"
                return self._finish(host, out, 1, NO_INPUT)
        self._show_logs(host, out, pod)
        if s["stage"] == "attached":
            restarts, running = _container_instance(pod)
            if running and restarts == s["instance"]:
                return None
            if s["tty"] and not s["quiet"] and s["restart"] == "Always":
                out.write(f"Session ended, resume using 'kubectl attach {s['name']} -c "
                          f"{pod['spec']['containers'][0]['name']} -i -t' command when the pod is running\n")
            s["stage"], s["deadline"] = "exiting", host.clock.now + s["timeout"]
        return self._after_session(host, out, pod)

    def _after_session(self, host: Any, out: Any, pod: dict[str, Any]) -> int | None:
        """waitForExitCode: with Never or OnFailure, wait for the pod to finish and return its code."""
        s = self.s
        s["stage"] = "exiting"
        if s["restart"] == "Always":
            return self._finish(host, out, 0)
        phase = (pod.get("status") or {}).get("phase")
        done = phase in ("Succeeded", "Failed") if s["restart"] == "Never" else phase == "Succeeded"
        if not done:
            if host.clock.now >= s["deadline"]:
                return self._finish(host, out, 1, TIMED_OUT)
            return None
        return self._exit(host, out, pod)

    def _show_logs(self, host: Any, out: Any, pod: dict[str, Any]) -> None:
        """Print the container's lines not shown yet (from the attach on, or all of them when it ended)."""
        s = self.s
        try:
            lines = host.sim.component("kubelet").logs(pod)
        except Exception:  # no logs yet (waiting to start): nothing to show, as attach shows nothing
            return
        last = s["last"]
        for i, (t, text) in enumerate(lines):
            key = [t, i]
            if s["since"] is not None and s["stage"] == "attached" and t < s["since"]:
                continue
            if last is not None and key <= last:
                continue
            out.write(text if text.endswith("\n") else text + "\n")
            s["last"] = key

    def _exit(self, host: Any, out: Any, pod: dict[str, Any]) -> int:
        status = pod.get("status") or {}
        ns, name = self.s["ns"], self.s["name"]
        if status.get("phase") == "Succeeded":
            return self._finish(host, out, 0)
        statuses = status.get("containerStatuses") or []
        term = ((statuses[0].get("state") or {}).get("terminated") if statuses else None)
        if not term or not term.get("exitCode"):
            return self._finish(host, out, 1, f"error: pod {ns}/{name} failed with unknown exit code\n")
        msg = f"pod {ns}/{name} terminated ({term.get('reason', '')})\n{term.get('message', '')}"
        return self._finish(host, out, int(term["exitCode"]), msg if msg.endswith("\n") else msg + "\n")

    def _finish(self, host: Any, out: Any, code: int, err: str = "") -> int:
        if self.s["rm"]:
            try:
                host.cluster.delete("Pod", self.s["ns"], self.s["name"])
                if not self.s["quiet"]:
                    out.write(f'pod "{self.s["name"]}" deleted\n')
            except ApiError as e:
                if e.reason != "NotFound":
                    out.write_err(render_api_error(e))
        if err:
            out.write_err(err)
        return code


FLAGS = [
    *print_flags(),
    Flag("annotations", STRING_ARRAY, [], "", "Annotations to apply to the pod."),
    Flag("attach", BOOL, False, "", "If true, wait for the Pod to start running, and then attach to the Pod as if "
         "'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default "
         "is true. With '--restart=Never' the exit code of the container process is returned."),
    Flag("cascade", STRING, "background", "", 'Must be "background", "orphan", or "foreground". Selects the '
         "deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults "
         "to background.", no_opt="background"),
    Flag("command", BOOL, False, "", "If true and extra arguments are present, use them as the 'command' field in "
         "the container, rather than the 'args' field which is the default."),
    Flag("dry-run", STRING, "none", "", 'Must be "none", "server", or "client". If client strategy, only print the '
         "object that would be sent, without sending it. If server strategy, submit server-side request without "
         "persisting the resource.", no_opt="unchanged"),
    Flag("env", STRING_ARRAY, [], "", "Environment variables to set in the container."),
    Flag("expose", BOOL, False, "", "If true, create a ClusterIP service associated with the pod.  Requires "
         "`--port`."),
    Flag("field-manager", STRING, "kubectl-run", "", "Name of the manager used to track field ownership."),
    Flag("filename", STRING_ARRAY, [], "f", "to use to replace the resource."),
    Flag("force", BOOL, False, "", "If true, immediately remove resources from API and bypass graceful deletion. "
         "Note that immediate deletion of some resources may result in inconsistency or data loss and requires "
         "confirmation."),
    Flag("grace-period", INT, -1, "", "Period of time in seconds given to the resource to terminate gracefully. "
         "Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force "
         "deletion)."),
    Flag("image", STRING, "", "", "The image for the container to run."),
    Flag("image-pull-policy", STRING, "", "", "The image pull policy for the container.  If left empty, this "
         "value will not be specified by the client and defaulted by the server."),
    Flag("kustomize", STRING, "", "k", "Process a kustomization directory. This flag can't be used together with "
         "-f or -R."),
    Flag("labels", STRING, "", "l", "Comma separated labels to apply to the pod. Will override previous values."),
    Flag("leave-stdin-open", BOOL, False, "", "If the pod is started in interactive mode or with stdin, leave "
         "stdin open after the first attach completes. By default, stdin will be closed after the first attach "
         "completes."),
    Flag("override-type", STRING, "merge", "", "The method used to override the generated object: json, merge, "
         "or strategic."),
    Flag("overrides", STRING, "", "", "An inline JSON override for the generated object. If this is non-empty, it "
         "is used to override the generated object. Requires that the object supply a valid apiVersion field."),
    Flag("pod-running-timeout", DURATION, 60.0, "", "The length of time (like 5s, 2m, or 3h, higher than zero) to "
         "wait until at least one pod is running"),
    Flag("port", STRING, "", "", "The port that this container exposes."),
    Flag("privileged", BOOL, False, "", "If true, run the container in privileged mode."),
    Flag("quiet", BOOL, False, "q", "If true, suppress prompt messages."),
    Flag("recursive", BOOL, False, "R", "Process the directory used in -f, --filename recursively. Useful when you "
         "want to manage related manifests organized within the same directory."),
    Flag("restart", STRING, "Always", "", "The restart policy for this Pod.  Legal values [Always, OnFailure, "
         "Never]."),
    Flag("rm", BOOL, False, "", "If true, delete the pod after it exits.  Only valid when attaching to the "
         "container, e.g. with '--attach' or with '-i/--stdin'."),
    Flag("save-config", BOOL, False, "", "If true, the configuration of current object will be saved in its "
         "annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform "
         "kubectl apply on this object in the future."),
    Flag("stdin", BOOL, False, "i", "Keep stdin open on the container in the pod, even if nothing is attached."),
    Flag("timeout", DURATION, 0.0, "", "The length of time to wait before giving up on a delete, zero means "
         "determine a timeout from the size of the object"),
    Flag("tty", BOOL, False, "t", "Allocate a TTY for the container in the pod."),
    Flag("wait", BOOL, False, "", "If true, wait for resources to be gone before returning. This waits for "
         "finalizers."),
]

COMMAND = Command(
    "run", "Run a particular image on the cluster",
    'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] '
    "[--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]", run, flags=FLAGS,
    long="Create and run a particular image in a pod.",
    examples="# Start a nginx pod\nkubectl run nginx --image=nginx\n\n"
             "# Start a hazelcast pod and let the container expose port 5701\n"
             "kubectl run hazelcast --image=hazelcast/hazelcast --port=5701\n\n"
             '# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and '
             '"POD_NAMESPACE=default" in the container\n'
             'kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" '
             '--env="POD_NAMESPACE=default"\n\n'
             '# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container\n'
             'kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"\n\n'
             "# Dry run; print the corresponding API objects without creating them\n"
             "kubectl run nginx --image=nginx --dry-run=client\n\n"
             "# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON\n"
             "kubectl run nginx --image=nginx --overrides='{ \"apiVersion\": \"v1\", \"spec\": { ... } }'\n\n"
             "# Start a busybox pod and keep it in the foreground, don't restart it if it exits\n"
             "kubectl run -i -t busybox --image=busybox --restart=Never\n\n"
             "# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that "
             "command\nkubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>\n\n"
             "# Start the nginx pod using a different command and custom arguments\n"
             "kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>",
    group="Basic Commands (Beginner)")
