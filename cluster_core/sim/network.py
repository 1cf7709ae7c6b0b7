"""Pod networking: IP addresses from each node's podCIDR, and HTTP to a pod IP.

Addresses are handed out like the CNI ``host-local`` IPAM plugin does: per node, the next free
address after the last one reserved (``.1`` is the node's bridge, so a node's first pod gets
``.2``), wrapping around the /24, released when the pod's sandbox goes away. The allocator state
is JSON-safe and lives in ``sim.state["network"]``.

``http_get`` is what ``curl`` and ``kubectl port-forward`` reach: it finds the pod that owns an IP
(or a host-network pod on a node IP), asks the container serving that port how it answers, and
appends the server's access-log line to that container's log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cluster_core.sim.engine import Simulation

FIRST_HOST = 2
LAST_HOST = 254
CURL_AGENT = "curl/7.88.1"
# Not an HTTP server on that port: curl's complaint rides in this header of a status-0 reply.
CURL_ERROR_HEADER = "X-Curl-Error"


class Network:
    """The per-node IP allocators; state in ``sim.state["network"]``."""

    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.state: dict[str, Any] = sim.state.setdefault("network", {"nodes": {}})

    def _node_state(self, node: str) -> dict[str, Any] | None:
        nodes = self.state["nodes"]
        st = nodes.get(node)
        if st is None:
            obj = self.sim.server.ref("Node", None, node)
            cidr = ((obj or {}).get("spec") or {}).get("podCIDR")
            if not cidr:
                return None
            st = nodes[node] = {"prefix": cidr.rsplit(".", 1)[0], "last": FIRST_HOST - 1, "used": {}}
            # Addresses that pods already hold (a cluster built with running system pods).
            for pod in self.sim.server.iter("Pod"):
                ip = (pod.get("status") or {}).get("podIP")
                if ip and ip.rsplit(".", 1)[0] == st["prefix"] and not (pod.get("spec") or {}).get("hostNetwork"):
                    st["used"][ip] = pod["metadata"]["uid"]
                    st["last"] = max(st["last"], int(ip.rsplit(".", 1)[1]))
        return st

    def allocate(self, node: str, owner: str) -> str | None:
        """The next free address on ``node`` for the pod with uid ``owner`` (None when the range is full)."""
        st = self._node_state(node)
        if st is None:
            return None
        for ip, uid in st["used"].items():
            if uid == owner:
                return ip
        span = LAST_HOST - FIRST_HOST + 1
        for k in range(1, span + 1):
            host = FIRST_HOST + (st["last"] - FIRST_HOST + k) % span
            ip = f"{st['prefix']}.{host}"
            if ip not in st["used"]:
                st["used"][ip] = owner
                st["last"] = host
                return ip
        return None

    def release(self, node: str, owner: str) -> None:
        st = self.state["nodes"].get(node)
        if st is None:
            return
        for ip, uid in list(st["used"].items()):
            if uid == owner:
                del st["used"][ip]

    def owner_of(self, ip: str) -> str | None:
        """The uid of the pod holding ``ip`` (pod network only)."""
        prefix = ip.rsplit(".", 1)[0]
        for st in self.state["nodes"].values():
            if st["prefix"] == prefix:
                return st["used"].get(ip)
        return None


def http_get(sim: Simulation, ip: str, port: int, path: str = "/", client_ip: str = "10.244.0.0",
             user_agent: str = CURL_AGENT, method: str = "GET") -> tuple[int, dict[str, str], str] | None:
    """What an HTTP client at ``client_ip`` gets from ``ip:port``: (status, headers, body), or None
    when nothing listens there (curl: ``(7) Failed to connect ... Couldn't connect to server``).

    Status 0 means something listens but does not speak HTTP; the header ``X-Curl-Error`` then
    carries curl's message, such as ``(52) Empty reply from server``.
    """
    kubelet = sim.component("kubelet")
    return kubelet.http_request(ip, int(port), path or "/", client_ip, user_agent, method)  # type: ignore[attr-defined]


def curl_connect_error(ip: str, port: int) -> str:
    """curl's words when nothing listens: ``curl: (7) Failed to connect to 10.244.1.5 port 81 ...``."""
    return f"curl: (7) Failed to connect to {ip} port {port} after 0 ms: Couldn't connect to server"
