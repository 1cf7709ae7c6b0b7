"""``kubectl port-forward``: local ports on the student's machine that reach a pod's ports.

Ported from kubectl v1.33 ``pkg/cmd/portforward`` and client-go ``tools/portforward``: the port
specs (``8080:80``, ``8080``, ``:80``), ``--address`` (``localhost`` is 127.0.0.1 and ::1), the
``Forwarding from ...`` lines, ``Unable to listen on port ...`` when a port is taken, and
``Handling connection for 8080`` on each connection.

It keeps running (a :class:`~cluster_core.shell.jobs.LongRunning`) until Ctrl-C (exit 0, as the
real one catches SIGINT) or ``kill``. Its listeners are registered, JSON-safe, in
``pg.sim.state["port_forwards"]`` keyed by local port (``{"8080": [{"id", "ns", "pod", "uid",
"remote", "address"}]}``); what ``curl`` leaves for a forwarder to print (``Handling connection``,
the kubelet's error) waits in ``pg.sim.state["port_forward_events"]`` until its next poll. A
registration whose command is no longer in any tab is dropped the next time anyone looks
(:func:`live_runners`).

When nothing listens on the pod's port, the first connection gets an empty reply and the
forwarder logs the kubelet's error through klog and exits: ``error: lost connection to pod``, as
kubectl since 1.29 does. When the pod goes away, the forwarder also ends with that error.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from datetime import UTC, datetime
from typing import Any

from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import DURATION, STRING_SLICE, Flag
from cluster_core.kubectl.verbs.logs import attachable_less, first_pod, lookup_object
from cluster_core.shell.jobs import LongRunning, register_long_running

STATE_KEY = "port_forwards"         # forwarded local ports, keyed by port
EVENTS_KEY = "port_forward_events"  # per forwarder: connections it has yet to report
EPHEMERAL = (32768, 60999)  # Linux ip_local_port_range: where ``:80`` finds its local port
UNPRIVILEGED_FROM = 1024    # the student is not root
HOST_NODE = "kubesphere01"  # the machine the terminal runs on
KLOG_LINE = 424             # client-go portforward.go, v1.30-v1.33: runtime.HandleError(err)

# What else listens on the control-plane node, per port: IPv4 and IPv6 addresses (wildcards "0.0.0.0"/"::").
SYSTEM_LISTENERS: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {
    179: (("0.0.0.0",), ()), 2379: (("127.0.0.1", "node"), ()), 2380: (("node",), ()),
    6443: (("0.0.0.0",), ("::",)), 9099: (("127.0.0.1",), ()), 10248: (("127.0.0.1",), ()),
    10249: (("127.0.0.1",), ()), 10250: (("0.0.0.0",), ("::",)), 10256: (("0.0.0.0",), ("::",)),
    10257: (("127.0.0.1",), ()), 10259: (("127.0.0.1",), ()), 22: (("0.0.0.0",), ("::",)),
}


# ---------------------------------------------------------------- registrations
def ports(pg: Any) -> dict[str, list[dict[str, Any]]]:
    """The forwarded local ports: ``{"8080": [{"id", "ns", "pod", "uid", "remote", "address"}, ...]}``."""
    return pg.sim.state.setdefault(STATE_KEY, {})


def _queues(pg: Any) -> dict[str, Any]:
    """What each forwarder has yet to print, and the counter naming forwarders."""
    return pg.sim.state.setdefault(EVENTS_KEY, {"seq": 0, "queues": {}})


def new_id(pg: Any) -> str:
    q = _queues(pg)
    q["seq"] += 1
    rid = f"pf-{q['seq']}"
    q["queues"][rid] = []
    return rid


def events(pg: Any, rid: str) -> list[list[Any]] | None:
    """The forwarder's queue of connection events (appended to in place), None once it is gone."""
    return _queues(pg)["queues"].get(rid)


def register(pg: Any, rid: str, pod: dict, local: int, remote: int, address: str) -> None:
    meta = pod["metadata"]
    ports(pg).setdefault(str(local), []).append({"id": rid, "ns": meta["namespace"], "pod": meta["name"],
                                                 "uid": meta["uid"], "remote": remote, "address": address})


def release(pg: Any, rid: str) -> None:
    """Close a forwarder's listeners and drop its queue."""
    table = ports(pg)
    for port in list(table):
        table[port] = [e for e in table[port] if e["id"] != rid]
        if not table[port]:
            del table[port]
    _queues(pg)["queues"].pop(rid, None)


def record(pg: Any, rid: str) -> dict[str, Any] | None:
    """A forwarder's pod and listeners (``[local, remote, address]``), or None."""
    listeners = [(int(port), e) for port, es in ports(pg).items() for e in es if e["id"] == rid]
    if not listeners or events(pg, rid) is None:
        return None
    first = listeners[0][1]
    return {"ns": first["ns"], "pod": first["pod"], "uid": first["uid"],
            "listeners": [[port, e["remote"], e["address"]] for port, e in listeners]}


def live_runners(pg: Any, shell: Any = None) -> dict[str, dict[str, Any]]:
    """The registered forwarders whose command still runs in some tab (stale ones are dropped)."""
    shell = shell if shell is not None else getattr(getattr(pg, "shell", None), "shell", None)
    ids = {e["id"] for es in ports(pg).values() for e in es}
    if shell is not None:
        alive = set()
        for s in shell.sessions.values():
            for job in list(s.jobs) + ([s.fg["job"]] if s.fg else []):
                runner = (job.get("stage") or {}).get("runner") or {}
                if job.get("state") == "running" and runner.get("kind") == PortForward.kind:
                    alive.add(runner["state"].get("id"))
        for rid in ids - alive:
            release(pg, rid)
        ids &= alive
    return {rid: r for rid in sorted(ids) if (r := record(pg, rid)) is not None}


def host_ips(pg: Any) -> set[str]:
    """The addresses of the machine the terminal runs on, besides loopback."""
    node = pg.server.ref("Node", None, HOST_NODE) or {}
    return {a.get("address", "") for a in (node.get("status") or {}).get("addresses") or ()
            if a.get("type") == "InternalIP"}


def _conflicts(a: str, b: str) -> bool:
    """Two binds on one port collide: the same address, or either one the wildcard of its family
    (``::`` also takes IPv4, as Linux's default dual-stack sockets do)."""
    if a == b:
        return True
    fam = {x: ipaddress.ip_address(x).version for x in (a, b)}
    if a == "::" or b == "::":
        return True
    if fam[a] == fam[b] == 4 and ("0.0.0.0" in (a, b)):
        return True
    return False


def _bind_error(pg: Any, port: int, addr: str, taken: list[str]) -> str:
    """Why ``bind(addr:port)`` fails, in Go's words, or ""."""
    proto = "tcp4" if ipaddress.ip_address(addr).version == 4 else "tcp6"
    where = f"{addr}:{port}" if proto == "tcp4" else f"[{addr}]:{port}"
    if 0 < port < UNPRIVILEGED_FROM:
        return f"unable to create listener: Error listen {proto} {where}: bind: permission denied"
    local = ipaddress.ip_address(addr).is_loopback or addr in ("0.0.0.0", "::") or addr in host_ips(pg)
    if not local:
        return f"unable to create listener: Error listen {proto} {where}: bind: cannot assign requested address"
    if any(_conflicts(addr, t) for t in taken):
        return f"unable to create listener: Error listen {proto} {where}: bind: address already in use"
    return ""


def _taken(pg: Any, port: int) -> list[str]:
    """Addresses already bound on ``port`` on this machine: system daemons and other forwarders."""
    out: list[str] = []
    v4, v6 = SYSTEM_LISTENERS.get(port, ((), ()))
    node_ips = sorted(host_ips(pg))
    for a in v4 + v6:
        out += node_ips if a == "node" else [a]
    for r in live_runners(pg).values():
        out += [addr for local, _remote, addr in r["listeners"] if local == port]
    return out


def find_listener(pg: Any, ip: str, port: int, shell: Any = None) -> tuple[str, dict, int] | None:
    """The forwarder listening where a client connects (``ip`` a local address): (id, runner, remote)."""
    for rid, r in live_runners(pg, shell).items():
        for local, remote, addr in r["listeners"]:
            if local != port:
                continue
            if addr == ip or (addr == "0.0.0.0" and ":" not in ip) or addr == "::":
                return rid, r, remote
    return None


# ---------------------------------------------------------------- what a connection does
def sandbox_id(uid: str) -> str:
    return hashlib.sha256(f"sandbox:{uid}".encode()).hexdigest()


def _netns(uid: str) -> str:
    h = hashlib.sha256(f"netns:{uid}".encode()).hexdigest()
    return f"/var/run/netns/cni-{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def forward_error(pod: dict | None, uid: str, remote: int) -> str:
    """The kubelet's (containerd's) answer when the forwarded connection cannot be made."""
    sid = sandbox_id(uid)
    if pod is None:
        return f'error forwarding port {remote} to pod {sid}, uid : failed to find sandbox "{sid}" in store: not found'
    netns = "host" if (pod.get("spec") or {}).get("hostNetwork") else _netns(uid)
    return (f'error forwarding port {remote} to pod {sid}, uid : failed to execute portforward in network namespace '
            f'"{netns}": failed to connect to localhost:{remote} inside namespace "{sid}", IPv4: dial tcp4 '
            f"127.0.0.1:{remote}: connect: connection refused IPv6 dial tcp6 [::1]:{remote}: connect: connection "
            "refused ")


def connect(pg: Any, rid: str, local: int, remote: int, path: str, method: str, user_agent: str
            ) -> tuple[int, dict[str, str], str] | None:
    """A client's HTTP request through forwarder ``rid``: the pod's answer, or None for an empty reply.

    Leaves ``Handling connection for <local>`` (and, when nothing listens in the pod, the error)
    for the forwarder to print; the caller polls it when it runs in the caller's tab.
    """
    from cluster_core.sim.network import http_get

    r, queue = record(pg, rid), events(pg, rid)
    if r is None or queue is None:
        return None
    queue.append(["connect", local])
    pod = pg.server.ref("Pod", r["ns"], r["pod"])
    if pod is None or pod["metadata"].get("uid") != r["uid"]:
        queue.append(["error", local, remote, forward_error(None, r["uid"], remote)])
        return None
    ip = (pod.get("status") or {}).get("podIP") or ""
    reply = http_get(pg.sim, ip, remote, path, client_ip="127.0.0.1", user_agent=user_agent, method=method)
    if reply is None:
        queue.append(["error", local, remote, forward_error(pod, r["uid"], remote)])
    return reply


def poll_in_tab(ctx: Any, rid: str) -> None:
    """Let a forwarder running in the background of this tab print now (it runs alongside, as a
    real process would): ``Handling connection for 8080`` comes before curl's own output."""
    executor = (ctx.extra or {}).get("executor")
    if executor is None:
        return
    for job in list(executor.session.jobs):
        stage = job.get("stage") or {}
        runner = stage.get("runner") or {}
        if job.get("state") == "running" and runner.get("kind") == PortForward.kind and \
                runner["state"].get("id") == rid:
            executor.poll_job(job)


def klog_error(now: float, pid: int, text: str) -> str:
    """klog's text format for ``runtime.HandleError`` (``"Unhandled Error" err="..."``)."""
    d = datetime.fromtimestamp(now, UTC)
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return (f"E{d.month:02d}{d.day:02d} {d:%H:%M:%S}.{d.microsecond:06d} {pid:7d} portforward.go:{KLOG_LINE}] "
            f'"Unhandled Error" err="{quoted}"\n')


# ---------------------------------------------------------------- the running command
@register_long_running
class PortForward(LongRunning):
    """A running ``kubectl port-forward``: prints what its connections did; Ctrl-C ends it with 0."""

    kind = "kubectl.port-forward"

    def __init__(self, rid: str, pid: int) -> None:
        self.rid = rid
        self.pid = pid

    def to_state(self) -> dict[str, Any]:
        return {"id": self.rid, "pid": self.pid}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> PortForward:
        return cls(str(state["id"]), int(state.get("pid", 0)))

    def _release(self, ctx: Any) -> None:
        release(ctx.host.pg, self.rid)

    def _lost(self, ctx: Any) -> int:
        ctx.write_err("error: lost connection to pod\n")
        self._release(ctx)
        return 1

    def poll(self, ctx: Any) -> int | None:
        pg = ctx.host.pg
        r, queue = record(pg, self.rid), events(pg, self.rid)
        if r is None or queue is None:
            return 0
        pending = list(queue)
        queue.clear()
        pid = self.pid or int((ctx.extra or {}).get("job", {}).get("pid") or 0)
        for ev in pending:
            if ev[0] == "connect":
                ctx.write(f"Handling connection for {ev[1]}\n")
            elif ev[0] == "error":
                ctx.write_err(klog_error(ctx.host.clock.now, pid,
                                         f"an error occurred forwarding {ev[1]} -> {ev[2]}: {ev[3]}"))
                return self._lost(ctx)
        pod = ctx.host.server.ref("Pod", r["ns"], r["pod"])
        if pod is None or pod["metadata"].get("uid") != r["uid"]:
            return self._lost(ctx)
        return None

    def interrupt(self, ctx: Any) -> int:
        self.poll(ctx)
        self._release(ctx)
        return 0

    def terminate(self, ctx: Any, signal: int) -> None:
        self._release(ctx)

    def wake_at(self, ctx: Any) -> float | None:
        host = ctx.host
        r, queue = record(host.pg, self.rid), events(host.pg, self.rid)
        if r is None or queue:
            return host.clock.now
        pod = host.server.ref("Pod", r["ns"], r["pod"])
        if pod is None or pod["metadata"].get("uid") != r["uid"]:
            return host.clock.now
        if pod["metadata"].get("deletionTimestamp"):
            return host.clock.peek()
        return None


# ---------------------------------------------------------------- parsing
def split_port(spec: str) -> tuple[str, str]:
    parts = spec.split(":")
    if len(parts) == 2:
        return parts[0], parts[1]
    return parts[0], parts[0]


def named_ports(specs: list[str], pod: dict) -> list[str]:
    """convertPodNamedPortToNumber: ``8080:http`` -> ``8080:80`` from the pod's container ports."""
    out = []
    for spec in specs:
        local, remote = split_port(spec)
        number = remote
        if not re.fullmatch(r"[+-]?[0-9]+", remote):
            found = [p.get("containerPort") for c in pod["spec"].get("containers") or ()
                     for p in c.get("ports") or () if p.get("name") == remote]
            if not found:
                raise CommandError(f"Pod '{pod['metadata']['name']}' does not have a named port '{remote}'")
            number = str(found[0])
        out.append(f"{local}:{number}" if local != remote else number)
    return out


def _parse_uint16(text: str, what: str) -> int:
    if not text.isdigit():
        raise CommandError(f"error parsing {what} port '{text}': strconv.ParseUint: parsing \"{text}\": "
                           "invalid syntax")
    value = int(text)
    if value > 65535:
        raise CommandError(f"error parsing {what} port '{text}': strconv.ParseUint: parsing \"{text}\": "
                           "value out of range")
    return value


def parse_ports(specs: list[str]) -> list[list[int]]:
    """client-go parsePorts: ``[local, remote]`` pairs (local 0: pick one)."""
    out = []
    for spec in specs:
        parts = spec.split(":")
        if len(parts) == 1:
            local_s = remote_s = parts[0]
        elif len(parts) == 2:
            local_s, remote_s = parts[0] or "0", parts[1]
        else:
            raise CommandError(f"invalid port format '{spec}'")
        local = _parse_uint16(local_s, "local")
        remote = _parse_uint16(remote_s, "remote")
        if remote == 0:
            raise CommandError("remote port must be > 0")
        out.append([local, remote])
    return out


def parse_addresses(addresses: list[str]) -> list[tuple[str, str, str]]:
    """client-go parseAddresses: (address, protocol, failure mode), sorted by address."""
    parsed: dict[str, tuple[str, str, str]] = {}
    for a in addresses:
        if a == "localhost":
            parsed.setdefault("127.0.0.1", ("127.0.0.1", "tcp4", "all"))
            parsed.setdefault("::1", ("::1", "tcp6", "all"))
            continue
        try:
            ip = ipaddress.ip_address(a)
        except ValueError:
            raise CommandError(f"{a} is not a valid IP") from None
        addr = str(ip)
        if ip.version == 6 and ip.ipv4_mapped is not None:
            addr = str(ip.ipv4_mapped)
            ip = ip.ipv4_mapped
        parsed[addr] = (addr, "tcp4" if ip.version == 4 else "tcp6", "any")
    return [parsed[k] for k in sorted(parsed)]


def _free_port(pg: Any, addrs: list[tuple[str, str, str]]) -> int:
    rng = pg.server.rng
    for _ in range(1000):
        port = rng.randint(*EPHEMERAL)
        if not any(_bind_error(pg, port, a, _taken(pg, port)) for a, _p, _m in addrs):
            return port
    return EPHEMERAL[0]


# ---------------------------------------------------------------- the command
def run(ctx: Any, opts: Any) -> Any:
    args = opts.args
    if len(args) < 2:
        raise UsageError("TYPE/NAME and list of ports are required for port-forward")
    obj = lookup_object(ctx, args[0])
    pod, _ = first_pod(ctx, obj, attachable_less, "cannot attach to")
    specs = named_ports(args[1:], pod)
    pod = ctx.server.get("Pod", pod["metadata"]["namespace"], pod["metadata"]["name"]) or pod
    phase = (pod.get("status") or {}).get("phase", "")
    if phase != "Running":
        raise CommandError(f"unable to forward port because pod is not running. Current status={phase}")
    if not opts["address"]:
        raise CommandError("you must specify at least 1 address")
    addrs = parse_addresses(opts["address"])
    ports_ = parse_ports(specs)
    pg = ctx.pg
    live_runners(pg)
    rid = new_id(pg)
    listening = False
    opened: list[tuple[int, int, str]] = []
    for local, remote in ports_:
        errs: list[str] = []
        ok = {"all": 0, "any": 0}
        fails = {"all": 0, "any": 0}
        if local == 0:
            local = _free_port(pg, addrs)
        for addr, _proto, mode in addrs:
            err = _bind_error(pg, local, addr, _taken(pg, local) + [a for lp, _r, a in opened if lp == local])
            if err:
                errs.append(err)
                fails[mode] += 1
                continue
            ok[mode] += 1
            opened.append((local, remote, addr))
            where = f"{addr}:{local}" if ":" not in addr else f"[{addr}]:{local}"
            ctx.write(f"Forwarding from {where} -> {remote}\n")
        if (ok["all"] == 0 and fails["all"] > 0) or fails["any"] > 0:
            # listenOnPort failed; listeners it did open stay open while the forwarder runs.
            ctx.write_err(f"Unable to listen on port {local}: Listeners failed to create with the following "
                          f"errors: [{' '.join(errs)}]\n")
        else:
            listening = True
    if not listening:
        release(pg, rid)
        shown = " ".join(f"{{{lp} {rp}}}" for lp, rp in ports_)
        raise CommandError(f"unable to listen on any of the requested ports: [{shown}]")
    for local, remote, addr in opened:
        register(pg, rid, pod, local, remote, addr)
    return PortForward(rid, 0)


COMMAND = Command(
    "port-forward", "Forward one or more local ports to a pod",
    "kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]", run,
    flags=[
        Flag("address", STRING_SLICE, ["localhost"], help="Addresses to listen on (comma separated). Only accepts "
             "IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both "
             "127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind."),
        Flag("pod-running-timeout", DURATION, 60, help="The length of time (like 5s, 2m, or 3h, higher than zero) "
             "to wait until at least one pod is running"),
    ],
    long="Forward one or more local ports to a pod.\n\n Use resource type/name such as deployment/mydeployment to "
         "select a pod. Resource type defaults to 'pod' if omitted.\n\n If there are multiple pods matching the "
         "criteria, a pod will be selected automatically. The forwarding session ends when the selected pod "
         "terminates, and a rerun of the command is needed to resume forwarding.",
    examples="# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod\n"
             "kubectl port-forward pod/mypod 5000 6000\n\n"
             "# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod "
             "selected by the deployment\nkubectl port-forward deployment/mydeployment 5000 6000\n\n"
             "# Listen on port 8443 locally, forwarding to the targetPort of the service's port named \"https\" in "
             "a pod selected by the service\nkubectl port-forward service/myservice 8443:https\n\n"
             "# Listen on port 8888 locally, forwarding to 5000 in the pod\n"
             "kubectl port-forward pod/mypod 8888:5000\n\n"
             "# Listen on port 8888 on all addresses, forwarding to 5000 in the pod\n"
             "kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000\n\n"
             "# Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod\n"
             "kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000\n\n"
             "# Listen on a random port locally, forwarding to 5000 in the pod\n"
             "kubectl port-forward pod/mypod :5000",
    group="Troubleshooting and Debugging Commands")
