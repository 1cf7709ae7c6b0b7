"""The kubelets of every node: pod sandboxes, image pulls, containers, restarts, termination.

One ``Kubelet`` component plays the kubelet of each node. Like the real one it *syncs* a pod: it
looks at what the containers are doing now, takes the next step (create the sandbox, pull an
image, start a container, restart one after its back-off, stop them on delete), writes the pod
status once, and asks to be woken (``kubelet.sync`` on the clock queue) when something is next due.
Timings follow a real node closely enough for a student: the sandbox and pod IP about a second
after binding, image pulls of a few seconds (cached on the node afterwards, shared by pods that
need the same image at once), ``CrashLoopBackOff`` 10 s doubling to 5 min (reset after 10 min of
running), image pull back-off likewise, and errors re-synced every 10 s as the pod worker does.

What the containers *do* comes from :mod:`cluster_core.sim.images`; statuses are rendered by
:mod:`cluster_core.sim.pod_status`; IPs come from :mod:`cluster_core.sim.network`.

State (JSON-safe, ``sim.state["kubelet"]``): per pod uid the sandbox, IP and container runtime
records (instances, restart counts, back-offs, access-log lines), and per node the image pulls in
flight. Container programs are rebuilt from that on demand (``_run_for``), never saved.
"""

from __future__ import annotations

import math
import re
from typing import Any

from cluster_core import timeutil
from cluster_core.sim import images, pod_status
from cluster_core.sim.engine import Controller, Simulation
from cluster_core.sim.network import CURL_ERROR_HEADER, Network

# Event reasons and messages (pkg/kubelet/events/event.go, images/image_manager.go, kuberuntime).
PULLING, PULLED, CREATED, STARTED, KILLING = "Pulling", "Pulled", "Created", "Started", "Killing"
FAILED, BACKOFF, INSPECT_FAILED, NEVER_PULL = "Failed", "BackOff", "InspectFailed", "ErrImageNeverPull"
MSG_PULLING = 'Pulling image "{image}"'
MSG_PULLED = 'Successfully pulled image "{image}" in {took} ({waited} including waiting). Image size: {size} bytes.'
MSG_PRESENT = 'Container image "{image}" already present on machine'
MSG_PULL_FAILED = 'Failed to pull image "{image}": {err}'
MSG_PULL_BACKOFF = 'Back-off pulling image "{image}"'
MSG_NEVER_PULL = 'Container image "{image}" is not present with pull policy of Never'
MSG_CREATED = "Created container: {name}"
MSG_STARTED = "Started container {name}"
MSG_KILLING = "Stopping container {name}"
MSG_SPEC_CHANGED = "Container {name} definition changed, will be restarted"
MSG_BACKOFF = "Back-off restarting failed container {name} in pod {pod}"
MSG_CRASH_WAITING = "back-off {backoff} restarting failed container={name} pod={pod}"

SANDBOX_SECONDS = 1.0        # scheduled -> sandbox ready, pod IP assigned
PLEG_SECONDS = 1.0           # a container exit is noticed by the next relist
TEARDOWN_SECONDS = 0.5      # containers stopped -> sandbox gone, pod deleted from the API
ERROR_RESYNC = 10.0          # a pod whose sync failed is retried by its worker 10 s later
BACKOFF_INITIAL = 10.0
BACKOFF_MAX = 300.0
BACKOFF_RESET = 2 * BACKOFF_MAX  # flowcontrol.Backoff: an entry idle this long starts over
PULL_FAIL_SECONDS = (0.6, 1.6)
REPULL_SECONDS = (0.4, 1.2)  # imagePullPolicy Always with the layers already on the node
MAX_EXTRA_LINES = 2000
MAX_NODE_IMAGES = 50
SERVICE_HOST = "10.96.0.1"
PROBE_FIRST_SECONDS = 0.5
PROBE_HORIZON = 60           # probe times looked ahead when a container starts
UNHEALTHY, MSG_LIVENESS_KILL = "Unhealthy", "Container {name} failed liveness probe, will be restarted"


class LogError(Exception):
    """Why logs cannot be served, in the kubelet's (or API server's) words."""


def go_duration(seconds: float) -> str:
    """Go's ``time.Duration.String`` for whole and fractional seconds: ``10s``, ``1m20s``, ``5m0s``, ``3.512s``."""
    if seconds < 60:
        s = f"{seconds:.3f}".rstrip("0").rstrip(".")
        return f"{s}s"
    m, s = divmod(int(round(seconds)), 60)
    if m < 60:
        return f"{m}m{s}s"
    h, m = divmod(m, 60)
    return f"{h}h{m}m{s}s"


def pull_took(seconds: float) -> str:
    """The pull time as the kubelet prints it: truncated to milliseconds, Go duration format."""
    ms = int(seconds * 1000)
    if ms < 1000:
        return f"{ms}ms"
    return go_duration(ms / 1000)


def pod_full_name(pod: dict) -> str:
    """``format.Pod``: ``name_namespace(uid)``."""
    meta = pod["metadata"]
    return f"{meta['name']}_{meta.get('namespace', '')}({meta.get('uid', '')})"


class Kubelet(Controller):
    """The kubelet of every node (``source.host`` of its events names the node)."""

    name = "kubelet"

    def __init__(self, sim: Simulation) -> None:
        super().__init__(sim)
        st = sim.state.setdefault("kubelet", {})
        self.pods: dict[str, dict[str, Any]] = st.setdefault("pods", {})
        self.pulls: dict[str, dict[str, Any]] = st.setdefault("pulls", {})
        self.network = Network(sim)
        self._runs: dict[str, images.Run] = {}
        self._image_names: dict[str, set[str]] = {}

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> None:
        for pod in self.server.iter("Pod"):
            uid = pod["metadata"].get("uid")
            if not pod["spec"].get("nodeName") or uid in self.pods:
                continue
            if (pod.get("status") or {}).get("containerStatuses"):
                self._adopt(pod)
            else:
                self.mark((pod["metadata"]["namespace"], pod["metadata"]["name"], uid))

    def handlers(self) -> dict[str, Any]:
        return {"kubelet.sync": self._timed_sync}

    def observe(self, kind: str, event: str, obj: dict, old: dict | None) -> None:
        if kind == "Node":
            self._image_names.pop(obj["metadata"]["name"], None)
            return
        if kind != "Pod":
            return
        meta = obj["metadata"]
        uid = meta.get("uid")
        if event == "DELETED":
            self._forget(uid)
            return
        node = obj["spec"].get("nodeName")
        if not node:
            return
        key = (meta["namespace"], meta["name"], uid)
        if uid not in self.pods:
            if not (obj.get("status") or {}).get("containerStatuses"):
                self.mark(key)
            return
        if meta.get("deletionTimestamp") and self.pods[uid].get("kill") is None:
            self.mark(key)
        elif old is not None and _images(obj) != _images(old):
            self.mark(key)

    def sync(self, key: Any) -> None:
        ns, name, uid = key
        self._sync(ns, name, uid)

    def _timed_sync(self, uid: str) -> None:
        pr = self.pods.get(uid)
        if pr is None:
            return
        if pr.get("wake") is not None and pr["wake"] <= self.sim.clock.now:
            pr["wake"] = None
        self._sync(pr["ns"], pr["name"], uid)

    def _wake(self, pr: dict, uid: str, at: float | None) -> None:
        """Sync the pod again at ``at``, rounded up to a whole second: the kubelet acts on whole seconds,
        so pods created together move together and timestamps read cleanly."""
        if at is None:
            return
        now = self.sim.clock.now
        at = max(_whole(at), now)
        pending = pr.get("wake")
        if pending is not None and now <= pending <= at:
            return
        pr["wake"] = at
        self.sim.schedule(at - now, "kubelet.sync", uid)

    def _forget(self, uid: str | None) -> None:
        pr = self.pods.pop(uid or "", None)
        if pr is None:
            return
        self.network.release(pr["node"], uid or "")
        for cr in list(pr["c"].values()) + list(pr.get("ic", {}).values()):
            for inst in (cr.get("cur"), cr.get("last")):
                if inst is not None:
                    self._runs.pop(inst["id"], None)

    # ---------------------------------------------------------------- one pod
    def _sync(self, ns: str, name: str, uid: str) -> None:
        pod = self.server.ref("Pod", ns, name)
        if pod is None or pod["metadata"].get("uid") != uid:
            self._forget(uid)
            return
        node = pod["spec"].get("nodeName")
        if not node or self.server.ref("Node", None, node) is None:
            return
        now = self.sim.clock.now
        pr = self.pods.get(uid)
        if pr is None:
            pr = self._admit(pod, node)
        if pod["metadata"].get("deletionTimestamp"):
            self._terminate(pod, pr, uid)
            return
        if pr.get("terminal"):
            return
        if now < pr["sandbox_at"]:
            # Admitted: the sandbox is being created; the first status write comes with it.
            self._wake(pr, uid, pr["sandbox_at"])
            return
        if not pr["sandbox"]:
            self._create_sandbox(pod, pr, uid)
        nxt = self._sync_containers(pod, pr)
        self._write_status(pod, pr)
        if (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
            pr["terminal"] = True
            self.network.release(pr["node"], uid)
            return
        pending = [t for t in nxt if t is not None]
        if pending:
            self._wake(pr, uid, min(pending))

    def _admit(self, pod: dict, node: str) -> dict:
        now = self.sim.clock.now
        uid = pod["metadata"]["uid"]
        pr = {"ns": pod["metadata"]["namespace"], "name": pod["metadata"]["name"], "node": node,
              "start": now, "sandbox_at": _whole(now + SANDBOX_SECONDS), "sandbox": False, "ip": None, "wake": None,
              "kill": None, "terminal": False, "c": {}, "ic": {}}
        self.pods[uid] = pr
        return pr

    def _adopt(self, pod: dict) -> None:
        """Take over a pod that was created already running (the cluster's system pods)."""
        uid = pod["metadata"]["uid"]
        status = pod.get("status") or {}
        start = timeutil.parse(status.get("startTime")) or self.sim.clock.now
        pr = {"ns": pod["metadata"]["namespace"], "name": pod["metadata"]["name"], "node": pod["spec"]["nodeName"],
              "start": start, "sandbox_at": start, "sandbox": True, "ip": status.get("podIP"), "wake": None,
              "kill": None, "terminal": status.get("phase") in ("Succeeded", "Failed"), "c": {}, "ic": {}}
        for cs in status.get("containerStatuses") or ():
            running = (cs.get("state") or {}).get("running")
            cr: dict[str, Any] = {"view": "running" if running else "waiting", "restarts": cs.get("restartCount", 0),
                                  "cur": None, "last": None}
            if running:
                cr["cur"] = {"id": cs.get("containerID", "").split("//", 1)[-1], "image": cs.get("image", ""),
                             "imageID": cs.get("imageID", ""), "spec_image": cs.get("image", ""),
                             "start": timeutil.parse(running.get("startedAt")) or start, "end": None, "code": None,
                             "exit_at": None, "exit_code": 0, "extra": [], "n": 0}
            pr["c"][cs["name"]] = cr
        self.pods[uid] = pr

    def _create_sandbox(self, pod: dict, pr: dict, uid: str) -> None:
        pr["sandbox"] = True
        if pod["spec"].get("hostNetwork"):
            pr["ip"] = self._host_ip(pr["node"])
        else:
            pr["ip"] = self.network.allocate(pr["node"], uid)

    def _host_ip(self, node: str) -> str:
        obj = self.server.ref("Node", None, node) or {}
        for a in (obj.get("status") or {}).get("addresses") or ():
            if a.get("type") == "InternalIP":
                return a.get("address", "")
        return ""

    # ---------------------------------------------------------------- containers
    def _sync_containers(self, pod: dict, pr: dict) -> list[float | None]:
        spec = pod["spec"]
        nxt: list[float | None] = []
        inits = spec.get("initContainers") or []
        for c in inits:
            cr = pr["ic"].setdefault(c["name"], _new_cr())
            sidecar = c.get("restartPolicy") == "Always"
            nxt.append(self._step(pod, pr, c, cr, init=True))
            if cr.get("init_done") or (sidecar and cr["view"] == "running"):
                continue
            return nxt
        for c in spec.get("containers") or []:
            cr = pr["c"].setdefault(c["name"], _new_cr())
            nxt.append(self._step(pod, pr, c, cr, init=False))
        return nxt

    def _step(self, pod: dict, pr: dict, c: dict, cr: dict, init: bool) -> float | None:
        """Advance one container; returns when it next needs the kubelet (or None)."""
        now = self.sim.clock.now
        cur = cr.get("cur")
        if cur is not None and cur["end"] is None:
            if cur.get("exit_at") is not None and cur["exit_at"] <= now:
                self._finish(cur, cur["exit_at"], cur["exit_code"])
            elif cur["spec_image"] != c.get("image"):
                self._event(pod, pr, c, init, "Normal", KILLING, MSG_SPEC_CHANGED.format(name=c["name"]))
                run = self._run_for(pod, pr, c, cur)
                self._finish(cur, now, run.stop_code if run.stop_seconds is not None else 137)
                cr["respawn"] = True
            elif cur.get("kill_at") is not None and cur["kill_at"] <= now:
                self._probe_events(pod, pr, c, cur, init)
                self._event(pod, pr, c, init, "Normal", KILLING, MSG_LIVENESS_KILL.format(name=c["name"]))
                run = self._run_for(pod, pr, c, cur)
                self._finish(cur, now, run.stop_code if run.stop_seconds is not None else 137)
            else:
                cr["view"] = "running"
                return _earliest(cur.get("exit_at"), self._probe_events(pod, pr, c, cur, init))
        if cur is not None and cur["end"] is not None and not cr.get("pulling_since"):
            policy = pod["spec"].get("restartPolicy") or "Always"
            sidecar = init and c.get("restartPolicy") == "Always"
            if init and not sidecar and cur["code"] == 0:
                cr["view"], cr["init_done"] = "terminated", True
                return None
            restart = sidecar or policy == "Always" or (policy == "OnFailure" and cur["code"] != 0) or (
                init and policy != "Never" and cur["code"] != 0)
            if cr.pop("respawn", False):
                restart = True
                cr["cbo"] = None
            elif not restart:
                cr["view"] = "terminated"
                return None
            elif now < cur["end"] + PLEG_SECONDS and cr.get("view") != "waiting":
                cr["view"] = "terminated"
                return cur["end"] + PLEG_SECONDS
            elif not self._backoff_allows_restart(pod, pr, c, cr, init):
                return now + ERROR_RESYNC
        return self._start_container(pod, pr, c, cr, init)

    def _backoff_allows_restart(self, pod: dict, pr: dict, c: dict, cr: dict, init: bool) -> bool:
        """kuberuntime doBackOff: in back-off -> CrashLoopBackOff; otherwise step the back-off and go."""
        now = self.sim.clock.now
        cur = cr["cur"]
        cbo = cr.get("cbo")
        if cbo is not None and not (cur["end"] - cbo[1] > BACKOFF_RESET) and now - cur["end"] < cbo[0]:
            full = pod_full_name(pod)
            cr["view"], cr["reason"] = "waiting", "CrashLoopBackOff"
            cr["msg"] = MSG_CRASH_WAITING.format(backoff=go_duration(cbo[0]), name=c["name"], pod=full)
            self._event(pod, pr, c, init, "Warning", BACKOFF, MSG_BACKOFF.format(name=c["name"], pod=full))
            return False
        if cbo is None or now - cbo[1] > BACKOFF_RESET:
            cr["cbo"] = [BACKOFF_INITIAL, now]
        else:
            cr["cbo"] = [min(cbo[0] * 2, BACKOFF_MAX), now]
        return True

    def _start_container(self, pod: dict, pr: dict, c: dict, cr: dict, init: bool) -> float | None:
        """EnsureImageExists, then create and start (kuberuntime startContainer)."""
        now = self.sim.clock.now
        image = c.get("image") or ""
        try:
            ref = images.parse_reference(image)
        except images.InvalidReference as e:
            msg = images.invalid_image_message(image, str(e))
            self._event(pod, pr, c, init, "Warning", INSPECT_FAILED, msg)
            self._event(pod, pr, c, init, "Warning", FAILED, "Error: InvalidImageName")
            cr["view"], cr["reason"], cr["msg"] = "waiting", "InvalidImageName", msg
            return now + ERROR_RESYNC
        policy = c.get("imagePullPolicy") or images.default_pull_policy(image)
        present = ref.name in self._node_images(pr["node"])
        spec = images.lookup(image)
        if not cr.get("pulling_since"):
            if policy == "Never" and not present:
                msg = MSG_NEVER_PULL.format(image=image)
                self._event(pod, pr, c, init, "Warning", NEVER_PULL, msg)
                self._event(pod, pr, c, init, "Warning", FAILED, "Error: ErrImageNeverPull")
                cr["view"], cr["reason"], cr["msg"] = "waiting", "ErrImageNeverPull", msg
                return now + ERROR_RESYNC
            if present and policy != "Always":
                self._event(pod, pr, c, init, "Normal", PULLED, MSG_PRESENT.format(image=image))
                return self._create(pod, pr, c, cr, init, spec)
            ibo = cr.get("ibo")
            if ibo is not None and now - ibo[1] < ibo[0]:
                self._event(pod, pr, c, init, "Normal", BACKOFF, MSG_PULL_BACKOFF.format(image=image))
                self._event(pod, pr, c, init, "Warning", FAILED, "Error: ImagePullBackOff")
                cr["view"], cr["reason"] = "waiting", "ImagePullBackOff"
                cr["msg"] = MSG_PULL_BACKOFF.format(image=image) + f": ErrImagePull: {ibo[2]}"
                return now + ERROR_RESYNC
            self._event(pod, pr, c, init, "Normal", PULLING, MSG_PULLING.format(image=image))
            record = self._pull(pr["node"], ref.name, spec, present)
            cr["pulling_since"] = now
            return record["end"]
        record = self.pulls.get(pr["node"], {}).get(ref.name)
        if record is not None and record["end"] > now:
            return record["end"]
        since = cr.pop("pulling_since")
        if record is None or record["err"]:
            err = record["err"] if record is not None else images.pull_failure(image)
            self._event(pod, pr, c, init, "Warning", FAILED, MSG_PULL_FAILED.format(image=image, err=err))
            self._event(pod, pr, c, init, "Warning", FAILED, "Error: ErrImagePull")
            ibo = cr.get("ibo")
            if ibo is None or now - ibo[1] > BACKOFF_RESET:
                cr["ibo"] = [BACKOFF_INITIAL, now, err]
            else:
                cr["ibo"] = [min(ibo[0] * 2, BACKOFF_MAX), now, err]
            cr["view"], cr["reason"], cr["msg"] = "waiting", "ErrImagePull", err
            return now + ERROR_RESYNC
        cr["ibo"] = None
        took = record["end"] - max(record["start"], since)
        waited = record["end"] - since
        self._event(pod, pr, c, init, "Normal", PULLED, MSG_PULLED.format(
            image=image, took=pull_took(took), waited=pull_took(waited), size=record["size"]))
        self._add_node_image(pr["node"], spec)
        return self._create(pod, pr, c, cr, init, spec)

    def _pull(self, node: str, name: str, spec: images.ImageSpec | None, present: bool) -> dict:
        """Start (or join) the node's pull of ``name``; containerd dedups concurrent pulls of one image."""
        now = self.sim.clock.now
        node_pulls = self.pulls.setdefault(node, {})
        record = node_pulls.get(name)
        if record is not None and record["end"] > now:
            return record
        for key in [k for k, r in node_pulls.items() if r["end"] < now - 600]:
            del node_pulls[key]
        rng = self.server.rng
        if spec is None:
            lo, hi = PULL_FAIL_SECONDS
        elif present:
            lo, hi = REPULL_SECONDS
        else:
            lo, hi = spec.pull_seconds
        took = round(lo + (hi - lo) * rng.random(), 3)
        record = {"start": now, "end": now + took, "size": spec.size if spec else 0,
                  "err": "" if spec is not None else images.pull_failure(name)}
        node_pulls[name] = record
        return record

    def _create(self, pod: dict, pr: dict, c: dict, cr: dict, init: bool,
                spec: images.ImageSpec | None) -> float | None:
        now = self.sim.clock.now
        if spec is None:  # present on the node but unknown to the catalog: a system image
            spec = images.lookup(c.get("image", "")) or images.lookup("registry.k8s.io/pause:3.10")
            assert spec is not None
        env, problem = self._env(pod, pr, c)
        if problem:
            self._event(pod, pr, c, init, "Warning", FAILED, f"Error: {problem}")
            cr["view"], cr["reason"], cr["msg"] = "waiting", "CreateContainerConfigError", problem
            return now + ERROR_RESYNC
        cid = f"{self.server.rng.getrandbits(256):064x}"
        inst = {"id": cid, "spec_image": c.get("image", ""), "image": spec.name, "imageID": spec.image_id,
                "start": now, "end": None, "code": None, "exit_at": None, "exit_code": 0, "extra": [], "n": 0}
        old = cr.get("cur")
        if old is not None:
            self._runs.pop((cr.get("last") or {}).get("id", ""), None)
            cr["last"] = old
            cr["restarts"] = cr.get("restarts", 0) + 1
        cr["cur"] = inst
        cr["reason"] = cr["msg"] = None
        self._event(pod, pr, c, init, "Normal", CREATED, MSG_CREATED.format(name=c["name"]))
        run = self._run_for(pod, pr, c, inst, env)
        if run.start_error:
            inst.update({"start": None, "end": now, "code": 128, "reason": "StartError", "msg": run.start_error})
            self._event(pod, pr, c, init, "Warning", FAILED, f"Error: {run.start_error}")
            cr["view"] = "terminated"
            return now + PLEG_SECONDS
        self._event(pod, pr, c, init, "Normal", STARTED, MSG_STARTED.format(name=c["name"]))
        cr["view"] = "running"
        if run.exit_after is not None:
            inst["exit_at"] = now + run.exit_after
            inst["exit_code"] = run.exit_code
        self._plan_probes(pod, pr, c, inst, run, env)
        return _earliest(inst["exit_at"], inst.get("ready_at"), inst.get("kill_at"),
                         (inst.get("probe_fail") or [None])[0])

    # ---------------------------------------------------------------- probes
    def _plan_probes(self, pod: dict, pr: dict, c: dict, inst: dict, run: images.Run, env: dict[str, str]) -> None:
        """Work out when readiness first succeeds and whether liveness kills the container.

        Programs answer deterministically, so each probe's result at each period is known at start:
        ``ready_at`` (None: ready at once; missing readiness never comes -> ``never_ready``),
        ``kill_at`` after ``failureThreshold`` liveness failures, and the failed probes' messages
        (``probe_fail``: [next time, period, kind, message]) for the Unhealthy events.
        """
        start = inst["start"]
        for kind in ("readiness", "liveness"):
            probe = c.get(f"{kind}Probe")
            if not probe:
                continue
            delay = float(probe.get("initialDelaySeconds") or 0)
            period = float(probe.get("periodSeconds") or 10)
            threshold = int(probe.get("failureThreshold") or 3)
            failures, first_fail = 0, None
            for k in range(PROBE_HORIZON):
                t = start + delay + k * period
                if inst.get("exit_at") is not None and t >= inst["exit_at"]:
                    break
                # The prober's first run lands a moment after the container starts, never at its first instant.
                ok, msg = self._probe(probe, run, c, pr, env, max(t - start, PROBE_FIRST_SECONDS))
                if ok:
                    if kind == "readiness":
                        inst["ready_at"] = t
                        break
                    failures = 0
                    if k >= 3:
                        break
                    continue
                failures += 1
                if first_fail is None:
                    first_fail = [t, period, kind.capitalize(), msg]
                if kind == "liveness" and failures >= threshold:
                    inst["kill_at"] = t
                    break
            else:
                if kind == "readiness":
                    inst["never_ready"] = True
            if kind == "readiness" and "ready_at" not in inst:
                inst["never_ready"] = True
            if first_fail is not None and "probe_fail" not in inst:
                inst["probe_fail"] = first_fail
        if inst.get("never_ready"):
            inst["ready_at"] = None

    def _probe(self, probe: dict, run: images.Run, c: dict, pr: dict, env: dict[str, str],
               after: float) -> tuple[bool, str]:
        """One probe against the container's program ``after`` seconds into its run."""
        ip = pr.get("ip") or ""
        if "exec" in probe:
            spec = images.lookup(c.get("image", ""))
            if spec is None:
                return True, ""
            ctx = images.Context(start=after, pod_name=pr["name"], pod_ip=ip, env=env, seed="probe")
            code, out = images.exec_command(spec, [str(a) for a in probe["exec"].get("command") or []], ctx)
            return code == 0, "\n".join(out)
        action = probe.get("httpGet") or probe.get("tcpSocket")
        if action is None:
            return True, ""
        port = _port_number(action.get("port"), c)
        listening = port in run.ports and after >= run.ready_after
        if "tcpSocket" in probe:
            return listening, f"dial tcp {ip}:{port}: connect: connection refused"
        path = action.get("path") or "/"
        url = f"{(action.get('scheme') or 'HTTP').lower()}://{ip}:{port}{path}"
        if not listening:
            return False, f'Get "{url}": dial tcp {ip}:{port}: connect: connection refused'
        if run.http is None:
            return False, f'Get "{url}": EOF'
        status = run.http("GET", path, pr.get("host_ip", ""), "kube-probe/1.33", 0.0, 0)[0]
        if 200 <= status < 400:
            return True, ""
        return False, f"HTTP probe failed with statuscode: {status}"

    def _probe_events(self, pod: dict, pr: dict, c: dict, cur: dict, init: bool) -> float | None:
        """Record Unhealthy events for failed probes that are due; returns when the next one is."""
        fail = cur.get("probe_fail")
        if not fail:
            return cur.get("ready_at") if (cur.get("ready_at") or 0) > self.sim.clock.now else cur.get("kill_at")
        now = self.sim.clock.now
        t, period, kind, msg = fail
        if t <= now:
            self._event(pod, pr, c, init, "Warning", UNHEALTHY, f"{kind} probe failed: {msg}")
            stop = cur.get("ready_at") if kind == "Readiness" and not cur.get("never_ready") else cur.get("kill_at")
            nxt = t + period * max(1, int((now - t) // period) + 1)
            if stop is not None and (nxt > stop or (kind == "Readiness" and nxt == stop)):
                cur["probe_fail"] = None
            else:
                fail[0] = nxt
        pending = [x for x in (cur.get("probe_fail") or [None])[:1] + [cur.get("ready_at"), cur.get("kill_at")]
                   if x is not None and x > now]
        return min(pending) if pending else None

    def _finish(self, inst: dict, at: float, code: int) -> None:
        inst["end"], inst["code"] = at, code
        inst["reason"] = "Completed" if code == 0 else "Error"

    # ---------------------------------------------------------------- termination
    def _terminate(self, pod: dict, pr: dict, uid: str) -> None:
        """Graceful deletion: SIGTERM (Killing events), wait for exits or the grace period, then remove."""
        now = self.sim.clock.now
        kill = pr.get("kill")
        if kill is None:
            grace = pod["metadata"].get("deletionGracePeriodSeconds")
            grace = float(grace if grace is not None else pod["spec"].get("terminationGracePeriodSeconds", 30))
            done_at = now
            for c, cr, init in self._all_containers(pod, pr):
                cur = cr.get("cur")
                cr.pop("pulling_since", None)
                if cur is None or cur["end"] is not None:
                    continue
                if cur.get("exit_at") is not None and cur["exit_at"] <= now:
                    self._finish(cur, cur["exit_at"], cur["exit_code"])
                    continue
                self._event(pod, pr, c, init, "Normal", KILLING, MSG_KILLING.format(name=c["name"]))
                run = self._run_for(pod, pr, c, cur)
                if run.stop_seconds is not None and run.stop_seconds <= grace:
                    stop_at, code = now + run.stop_seconds, run.stop_code
                else:
                    stop_at, code = now + grace, 137
                if cur.get("exit_at") is not None and cur["exit_at"] < stop_at:
                    stop_at, code = cur["exit_at"], cur["exit_code"]
                cur["stop_at"], cur["stop_code"] = stop_at, code
                if run.stop_lines is not None and code != 137:
                    self._log_extra(cur, [(stop_at, ln) for ln in run.stop_lines(stop_at)])
                done_at = max(done_at, stop_at)
            pr["kill"] = {"at": now, "done": done_at + TEARDOWN_SECONDS}
            kill = pr["kill"]
        if now < kill["done"]:
            self._wake(pr, uid, kill["done"])
            return
        for _c, cr, _init in self._all_containers(pod, pr):
            cur = cr.get("cur")
            if cur is not None and cur["end"] is None:
                self._finish(cur, cur.get("stop_at", now), cur.get("stop_code", 137))
                cr["view"] = "terminated"
            elif cur is not None and cr.get("view") == "waiting":
                cr["view"] = "terminated"
        if pr["sandbox"] and not pr.get("terminal"):
            self._write_status(pod, pr, terminal=True)
        self.network.release(pr["node"], uid)
        self.server.remove("Pod", pr["ns"], pr["name"])

    def _all_containers(self, pod: dict, pr: dict) -> list[tuple[dict, dict, bool]]:
        out = []
        for c in pod["spec"].get("initContainers") or []:
            if c["name"] in pr["ic"]:
                out.append((c, pr["ic"][c["name"]], True))
        for c in pod["spec"].get("containers") or []:
            if c["name"] in pr["c"]:
                out.append((c, pr["c"][c["name"]], False))
        return out

    # ---------------------------------------------------------------- status
    def _write_status(self, pod: dict, pr: dict, terminal: bool = False) -> None:
        now = self.sim.clock.now
        spec = pod["spec"]
        inits = spec.get("initContainers") or []
        default_reason = "PodInitializing" if inits else "ContainerCreating"
        init_statuses = [pod_status.container_status(c, pr["ic"].get(c["name"]), default_reason, now,
                                                     pod_status.volume_mounts(c), init=True) for c in inits]
        statuses = [pod_status.container_status(c, pr["c"].get(c["name"]), default_reason, now,
                                                pod_status.volume_mounts(c)) for c in spec.get("containers") or []]
        phase = pod_status.phase(spec, init_statuses, statuses, terminal)
        sandbox = pr["sandbox"] and phase not in ("Succeeded", "Failed") and not terminal
        old = pod.get("status") or {}
        conds = pod_status.conditions(spec, init_statuses, statuses, phase, sandbox)
        status: dict[str, Any] = {"conditions": pod_status.merge_conditions(old.get("conditions"), conds, now),
                                  "containerStatuses": statuses}
        host_ip = self._host_ip(pr["node"])
        status["hostIP"] = host_ip
        status["hostIPs"] = [{"ip": host_ip}]
        if inits:
            status["initContainerStatuses"] = init_statuses
        status["phase"] = phase
        if pr.get("ip"):
            status["podIP"] = pr["ip"]
            status["podIPs"] = [{"ip": pr["ip"]}]
        status["qosClass"] = old.get("qosClass", "BestEffort")
        status["startTime"] = pod_status.stamp(pr["start"])
        for k in ("nominatedNodeName", "reason", "message"):
            if k in old:
                status[k] = old[k]
        if status != old:
            pod["status"] = status
            self.server.update_status(pod)

    # ---------------------------------------------------------------- events
    def _event(self, pod: dict, pr: dict, c: dict, init: bool, type_: str, reason: str, message: str) -> None:
        path = f"spec.{'initContainers' if init else 'containers'}{{{c['name']}}}"
        self.server.record_event(pod, type_, reason, message, {"component": "kubelet", "host": pr["node"]}, path)

    # ---------------------------------------------------------------- node images
    def _node_images(self, node: str) -> set[str]:
        names = self._image_names.get(node)
        if names is None:
            obj = self.server.ref("Node", None, node) or {}
            names = {n for img in (obj.get("status") or {}).get("images") or () for n in img.get("names") or ()}
            self._image_names[node] = names
        return names

    def _add_node_image(self, node: str, spec: images.ImageSpec | None) -> None:
        if spec is None or spec.name in self._node_images(node):
            return
        obj = self.server.ref("Node", None, node)
        if obj is None:
            return
        imgs = obj.setdefault("status", {}).setdefault("images", [])
        by_digest = f"{spec.ref.repository}@{spec.digest}"
        entry = next((i for i in imgs if by_digest in (i.get("names") or ())), None)
        if entry is None:
            imgs.append({"names": [by_digest, spec.name], "sizeBytes": spec.size})
            imgs.sort(key=lambda i: -int(i.get("sizeBytes", 0)))
            del imgs[MAX_NODE_IMAGES:]
        else:
            entry["names"].append(spec.name)
        self.server.update_status(obj)
        self._image_names.pop(node, None)

    # ---------------------------------------------------------------- programs
    def _run_for(self, pod: dict, pr: dict, c: dict, inst: dict, env: dict[str, str] | None = None) -> images.Run:
        """The program of a container instance, rebuilt from its inputs when not cached."""
        run = self._runs.get(inst["id"])
        if run is not None:
            return run
        spec = images.lookup(inst.get("spec_image") or c.get("image", "")) or images.lookup(inst.get("image", ""))
        if env is None:
            env, _ = self._env(pod, pr, c)
        node = self.server.ref("Node", None, pr["node"]) or {}
        info = (node.get("status") or {}).get("nodeInfo") or {}
        cpus = int(float(((node.get("status") or {}).get("capacity") or {}).get("cpu", 2) or 2))
        ctx = images.Context(start=inst["start"] if inst.get("start") is not None else self.sim.clock.now,
                             pod_name=pr["name"], namespace=pr["ns"], pod_ip=pr.get("ip") or "",
                             node_name=pr["node"], kernel=info.get("kernelVersion", "6.1.0-31-amd64"), cpus=cpus,
                             env=env, stdin=bool(c.get("stdin")), seed=inst["id"])
        if spec is None:
            run = images.Run()
        else:
            run = images.start(spec, _expand_container(c, env), ctx)
        if len(self._runs) > 5000:
            self._runs.clear()
        self._runs[inst["id"]] = run
        return run

    def _env(self, pod: dict, pr: dict, c: dict) -> tuple[dict[str, str], str]:
        """The container's environment as the kubelet builds it, or the CreateContainerConfigError text."""
        meta = pod["metadata"]
        env: dict[str, str] = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                               "HOSTNAME": meta["name"]}
        fields = {"metadata.name": meta["name"], "metadata.namespace": meta.get("namespace", ""),
                  "metadata.uid": meta.get("uid", ""), "spec.nodeName": pr["node"],
                  "spec.serviceAccountName": pod["spec"].get("serviceAccountName", "default"),
                  "status.podIP": pr.get("ip") or "", "status.hostIP": self._host_ip(pr["node"])}
        for e in c.get("env") or ():
            name = e.get("name", "")
            if "value" in e:
                env[name] = _expand_refs(str(e.get("value", "")), env)
                continue
            src = e.get("valueFrom") or {}
            if "fieldRef" in src:
                path = src["fieldRef"].get("fieldPath", "")
                m = re.fullmatch(r"metadata\.(labels|annotations)\['(.+)'\]", path)
                env[name] = (meta.get(m.group(1)) or {}).get(m.group(2), "") if m else fields.get(path, "")
            elif "resourceFieldRef" in src:
                env[name] = "0"
            else:
                for kind, key in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
                    if key in src:
                        ref = src[key]
                        found = self._config_value(kind, meta.get("namespace", ""), ref.get("name", ""),
                                                   ref.get("key", ""))
                        if found is None and not ref.get("optional"):
                            return env, f'{kind.lower()} "{ref.get("name", "")}" not found'
                        if found is not None:
                            env[name] = found
        env.update({"KUBERNETES_SERVICE_HOST": SERVICE_HOST, "KUBERNETES_SERVICE_PORT": "443",
                    "KUBERNETES_SERVICE_PORT_HTTPS": "443", "KUBERNETES_PORT": f"tcp://{SERVICE_HOST}:443",
                    "KUBERNETES_PORT_443_TCP": f"tcp://{SERVICE_HOST}:443", "KUBERNETES_PORT_443_TCP_PROTO": "tcp",
                    "KUBERNETES_PORT_443_TCP_PORT": "443", "KUBERNETES_PORT_443_TCP_ADDR": SERVICE_HOST})
        env.setdefault("HOME", "/root")
        return env, ""

    def _config_value(self, kind: str, ns: str, name: str, key: str) -> str | None:
        try:
            obj = self.server.ref(kind, ns, name)
        except KeyError:
            return None
        if obj is None:
            return None
        data = obj.get("data") or {}
        if kind == "Secret":
            import base64

            raw = data.get(key)
            return base64.b64decode(raw).decode(errors="replace") if raw is not None else None
        return data.get(key)

    def _log_extra(self, inst: dict, lines: list[tuple[float, str]]) -> None:
        extra = inst.setdefault("extra", [])
        extra.extend([t, ln] for t, ln in lines)
        if len(extra) > MAX_EXTRA_LINES:
            del extra[: len(extra) - MAX_EXTRA_LINES]

    # ---------------------------------------------------------------- public: logs and HTTP
    def logs(self, pod: dict, container: str | None = None, previous: bool = False) -> list[tuple[float, str]]:
        """A container's log lines ``(time, text)``, oldest first (at most the last 2,000).

        Raises :class:`LogError` with the API server's or kubelet's message when there are none to
        give (``container "x" in pod "y" is waiting to start: ContainerCreating``, ...).
        """
        meta = pod["metadata"]
        spec = pod.get("spec") or {}
        names = [c["name"] for c in spec.get("containers") or []]
        init_names = [c["name"] for c in spec.get("initContainers") or []]
        if container is None:
            container = names[0] if names else ""
        if container not in names and container not in init_names:
            raise LogError(f"container {container} is not valid for pod {meta['name']}")
        if not spec.get("nodeName"):
            return []
        pr = self.pods.get(meta.get("uid", ""))
        if pr is None:
            return []
        live = self.server.ref("Pod", meta.get("namespace"), meta["name"]) or pod
        statuses = (live.get("status") or {}).get("initContainerStatuses" if container in init_names
                                                  else "containerStatuses") or []
        cs = next((s for s in statuses if s.get("name") == container), None)
        cr = (pr["ic"] if container in init_names else pr["c"]).get(container)
        if cs is None or cr is None:
            raise LogError(f'container "{container}" in pod "{meta["name"]}" is waiting to start: ContainerCreating')
        inst = self._log_instance(cs, cr, previous, container, meta["name"])
        c_spec = next(c for c in (spec.get("containers") or []) + (spec.get("initContainers") or [])
                      if c["name"] == container)
        return self._render_logs(live, pr, c_spec, inst)

    def _log_instance(self, cs: dict, cr: dict, previous: bool, container: str, pod_name: str) -> dict:
        """kubelet validateContainerLogStatus: which container's logs, or why none."""
        state, last = cs.get("state") or {}, (cs.get("lastState") or {}).get("terminated")
        by_id = {("containerd://" + i["id"]): i for i in (cr.get("cur"), cr.get("last")) if i is not None}
        if previous:
            if last is None or not last.get("containerID"):
                raise LogError(f'previous terminated container "{container}" in pod "{pod_name}" not found')
            return by_id[last["containerID"]]
        if "running" in state or "terminated" in state:
            return by_id[cs.get("containerID") or state.get("terminated", {}).get("containerID")]
        if last is not None:
            return by_id[last["containerID"]]
        reason = (state.get("waiting") or {}).get("reason", "")
        if reason == "ErrImagePull":
            why = "image can't be pulled"
        elif reason == "ImagePullBackOff":
            why = "trying and failing to pull image"
        else:
            why = reason
        raise LogError(f'container "{container}" in pod "{pod_name}" is waiting to start: {why}')

    def _render_logs(self, pod: dict, pr: dict, c: dict, inst: dict) -> list[tuple[float, str]]:
        if inst.get("start") is None:
            return []
        now = self.sim.clock.now
        end = inst["end"] if inst["end"] is not None else now
        run = self._run_for(pod, pr, c, inst)
        start = inst["start"]
        lines = [(start + t, text) for t, text in run.output(end - start)]
        extra = [(t, text) for t, text in inst.get("extra") or () if t <= end]
        if extra:
            lines = sorted(lines + extra, key=lambda x: x[0])
        return lines[-MAX_EXTRA_LINES:]

    def exec(self, pod: dict, container: str | None, argv: list[str]) -> tuple[int, list[str]]:
        """``kubectl exec POD -- argv``: the exit code and output lines of a command in a running container.

        Raises :class:`LogError` with the API server's words when the container is not running
        (``container not found ("nginx")``).
        """
        spec = pod.get("spec") or {}
        containers = spec.get("containers") or []
        name = container or (containers[0]["name"] if containers else "")
        pr = self.pods.get(pod["metadata"].get("uid", ""))
        cr = (pr or {}).get("c", {}).get(name)
        cur = (cr or {}).get("cur")
        c = next((x for x in containers if x["name"] == name), None)
        if pr is None or c is None or cur is None or cur["end"] is not None or cur.get("start") is None:
            raise LogError(f'unable to upgrade connection: container not found ("{name}")')
        image = images.lookup(cur.get("spec_image") or c.get("image", "")) or images.lookup(cur["image"])
        if image is None:
            return 0, []
        env, _ = self._env(pod, pr, c)
        node = self.server.ref("Node", None, pr["node"]) or {}
        info = (node.get("status") or {}).get("nodeInfo") or {}
        ctx = images.Context(start=self.sim.clock.now, pod_name=pr["name"], namespace=pr["ns"],
                             pod_ip=pr.get("ip") or "", node_name=pr["node"],
                             kernel=info.get("kernelVersion", "6.1.0-31-amd64"), env=env,
                             seed=f"{cur['id']}:{self.sim.clock.now}")
        return images.exec_command(image, [str(a) for a in argv], ctx)

    def http_request(self, ip: str, port: int, path: str, client_ip: str, user_agent: str,
                     method: str = "GET") -> tuple[int, dict[str, str], str] | None:
        """An HTTP request to ``ip:port`` (see :func:`cluster_core.sim.network.http_get`)."""
        now = self.sim.clock.now
        for uid in self._pods_at(ip):
            pr = self.pods.get(uid)
            if pr is None or pr.get("terminal"):
                continue
            pod = self.server.ref("Pod", pr["ns"], pr["name"])
            if pod is None:
                continue
            for c, cr, _init in self._all_containers(pod, pr):
                cur = cr.get("cur")
                if cur is None or cur["end"] is not None or cur.get("start") is None:
                    continue
                if cur.get("exit_at") is not None and cur["exit_at"] <= now:
                    continue
                run = self._run_for(pod, pr, c, cur)
                if port not in run.ports or now - cur["start"] < run.ready_after:
                    continue
                if run.http is None:
                    return 0, {CURL_ERROR_HEADER: run.raw_port or "(52) Empty reply from server"}, ""
                cur["n"] = cur.get("n", 0) + 1
                status, headers, body, log = run.http(method, path, client_ip, user_agent, now, cur["n"])
                if log:
                    self._log_extra(cur, [(now, ln) for ln in log])
                return status, headers, body
        return None

    def _pods_at(self, ip: str) -> list[str]:
        owner = self.network.owner_of(ip)
        if owner is not None:
            return [owner]
        return [uid for uid, pr in self.pods.items() if pr.get("ip") == ip]


def _earliest(*times: float | None) -> float | None:
    present = [t for t in times if t is not None]
    return min(present) if present else None


def _port_number(port: Any, c: dict) -> int:
    """A probe's port: a number, or the name of one of the container's ports."""
    if isinstance(port, int):
        return port
    if isinstance(port, str) and port.isdigit():
        return int(port)
    for p in c.get("ports") or ():
        if p.get("name") == port:
            return int(p.get("containerPort", 0))
    return 0


def _whole(t: float) -> float:
    """``t`` rounded up to a whole second (a hair of float error is forgiven)."""
    return float(math.ceil(t - 1e-6))


def _new_cr() -> dict[str, Any]:
    return {"view": "waiting", "reason": None, "msg": None, "cur": None, "last": None, "restarts": 0,
            "cbo": None, "ibo": None}


def _images(pod: dict) -> list[str]:
    spec = pod.get("spec") or {}
    return [c.get("image", "") for c in (spec.get("initContainers") or []) + (spec.get("containers") or [])]


_REF = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")


def _expand_refs(text: str, env: dict[str, str]) -> str:
    """Kubernetes ``$(VAR)`` expansion in command, args and env values (``$$`` escapes)."""
    def sub(m: re.Match) -> str:
        if m.group(0) == "$$":
            return "$"
        return env.get(m.group(1), m.group(0))

    return _REF.sub(sub, text)


def _expand_container(c: dict, env: dict[str, str]) -> dict:
    if not c.get("command") and not c.get("args"):
        return c
    out = dict(c)
    for k in ("command", "args"):
        if c.get(k):
            out[k] = [_expand_refs(str(a), env) for a in c[k]]
    return out
