"""``curl``: curl 7.88.1 as Debian 12 ships it, on the machine the student's terminal runs on.

That machine is a cluster node, so pod IPs are reachable (``curl http://10.244.1.2``), and
``localhost`` reaches whatever ``kubectl port-forward`` listens on (``curl localhost:8080``). HTTP
answers come from the simulation (``cluster_core.sim.network.http_get``), which also writes the
server's access-log line, so ``kubectl logs`` shows the request afterwards.

What the real curl prints was captured from curl 7.88.1 against a server answering like nginx:
the progress meter on stderr when the body does not go to the terminal (``-o``, a pipe) unless
``-s``; ``-v``'s ``*``/``>``/``<`` lines (header lines end in CRLF, as sent); ``-i``/``-I``
headers with CRLF, their names bold on a terminal; ``-w`` variables; the error lines and exit
codes (``(6)``, ``(7)``, ``(22)``, ``(23)``, ``(28)``, ``(35)``, ``(52)``). Transfer times are
tiny and derived from a hash, so speeds in the meter are plausible and deterministic.

The same engine serves ``curl`` run inside a container by ``kubectl exec`` (``Curl(io, net)``
with the pod's view of the network).
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any

CURL_VERSION = "7.88.1"
USER_AGENT = f"curl/{CURL_VERSION}"
OPENSSL = "OpenSSL/3.0.19"
CURL_ERROR_HEADER = "X-Curl-Error"  # cluster_core.sim.network: a non-HTTP server's effect on curl
TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n"
NO_ROUTE_MS = 3061  # ARP gives up on an address nobody holds after about 3 s

HELP = """Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
"""

VERSION = f"""curl {CURL_VERSION} (x86_64-pc-linux-gnu) libcurl/{CURL_VERSION} {OPENSSL} zlib/1.2.13 brotli/1.0.9 \
zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13
Release-Date: 2023-02-20, security patched: 7.88.1-10+deb12u14
Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp \
smb smbs smtp smtps telnet tftp
Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB \
PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd
"""

REASONS = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently", 302: "Found",
           304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Not Allowed", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}

# curl's options: long name -> (short letter, takes an argument, key in Options)
_OPTS: dict[str, tuple[str, bool, str]] = {
    "silent": ("s", False, "silent"), "show-error": ("S", False, "show_error"), "verbose": ("v", False, "verbose"),
    "include": ("i", False, "include"), "head": ("I", False, "head"), "output": ("o", True, "output"),
    "remote-name": ("O", False, "remote_name"), "write-out": ("w", True, "write_out"),
    "max-time": ("m", True, "max_time"), "connect-timeout": ("", True, "connect_timeout"),
    "fail": ("f", False, "fail"), "fail-with-body": ("", False, "fail_with_body"),
    "location": ("L", False, "location"), "request": ("X", True, "method"), "header": ("H", True, "headers"),
    "user-agent": ("A", True, "user_agent"), "referer": ("e", True, "referer"), "insecure": ("k", False, "insecure"),
    "data": ("d", True, "data"), "data-raw": ("", True, "data"), "data-binary": ("", True, "data"),
    "data-urlencode": ("", True, "data"), "ipv4": ("4", False, "ipv4"), "ipv6": ("6", False, "ipv6"),
    "http1.1": ("", False, "http11"), "http1.0": ("0", False, "http10"), "help": ("h", False, "help"),
    "version": ("V", False, "version"), "disable": ("q", False, "noop"), "no-progress-meter": ("", False, "no_meter"),
    "no-buffer": ("N", False, "noop"), "retry": ("", True, "retry"), "compressed": ("", False, "noop"),
    "progress-bar": ("#", False, "noop"), "url": ("", True, "urls"), "user": ("u", True, "user"),
    "location-trusted": ("", False, "location"), "globoff": ("g", False, "noop"), "keepalive": ("", False, "noop"),
    "no-keepalive": ("", False, "noop"), "raw": ("", False, "noop"), "tcp-nodelay": ("", False, "noop"),
}
_SHORT = {v[0]: k for k, v in _OPTS.items() if v[0]}
_NUMERIC = {"max_time", "connect_timeout", "retry"}


class UsageProblem(Exception):
    """A command line curl refuses (exit 2)."""


@dataclass
class Options:
    silent: bool = False
    show_error: bool = False
    verbose: bool = False
    include: bool = False
    head: bool = False
    output: list[str] = field(default_factory=list)
    remote_name: bool = False
    write_out: str | None = None
    max_time: float = 0.0
    connect_timeout: float = 0.0
    fail: bool = False
    fail_with_body: bool = False
    location: bool = False
    method: str | None = None
    headers: list[str] = field(default_factory=list)
    user_agent: str | None = None
    referer: str | None = None
    insecure: bool = False
    data: list[str] = field(default_factory=list)
    ipv4: bool = False
    ipv6: bool = False
    http11: bool = False
    http10: bool = False
    help: bool = False
    version: bool = False
    noop: bool = False
    no_meter: bool = False
    retry: float = 0.0
    urls: list[str] = field(default_factory=list)
    user: str | None = None


def _store(o: Options, key: str, value: Any, shown: str) -> None:
    if key in _NUMERIC:
        try:
            value = float(value)
        except ValueError:
            raise UsageProblem(f"curl: option {shown}: expected a proper numerical parameter\n") from None
    current = getattr(o, key)
    if isinstance(current, list):
        current.append(value)
    else:
        setattr(o, key, value)


def parse_args(argv: list[str]) -> Options:
    """curl's command line: short options combine (``-sSL``, ``-so file``), ``--`` ends options."""
    o = Options()
    i = 0
    only_urls = False
    while i < len(argv):
        a = argv[i]
        i += 1
        if only_urls or a == "-" or not a.startswith("-"):
            o.urls.append(a)
            continue
        if a == "--":
            only_urls = True
            continue
        if a.startswith("--"):
            name = a[2:]
            negate = False
            if name not in _OPTS and name.startswith("no-") and name[3:] in _OPTS:
                name, negate = name[3:], True
            spec = _OPTS.get(name)
            if spec is None:
                raise UsageProblem(f"curl: option {a}: is unknown\n")
            _short, takes, key = spec
            if takes:
                if i >= len(argv):
                    raise UsageProblem(f"curl: option {a}: requires parameter\n")
                _store(o, key, argv[i], a)
                i += 1
            else:
                _store(o, key, not negate, a)
            continue
        letters = a[1:]
        j = 0
        while j < len(letters):
            c = letters[j]
            name = _SHORT.get(c)
            if name is None:
                raise UsageProblem(f"curl: option {a}: is unknown\n")
            _short, takes, key = _OPTS[name]
            if takes:
                rest = letters[j + 1:]
                if rest:
                    _store(o, key, rest, f"-{c}")
                elif i < len(argv):
                    _store(o, key, argv[i], f"-{c}")
                    i += 1
                else:
                    raise UsageProblem(f"curl: option {a}: requires parameter\n")
                break
            _store(o, key, True, f"-{c}")
            j += 1
    return o


# ---------------------------------------------------------------- URLs
@dataclass
class Url:
    scheme: str
    host: str   # as written, without brackets
    port: int
    path: str   # path and query, at least "/"

    @property
    def host_header(self) -> str:
        h = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return h if self.port == default else f"{h}:{self.port}"

    @property
    def effective(self) -> str:
        h = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return f"{self.scheme}://{h}{'' if self.port == default else ':' + str(self.port)}{self.path}"


_URL_RE = re.compile(r"^(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?:[^@/?#]*@)?(?P<host>\[[^\]]*\]|[^:/?#]*)"
                     r"(?::(?P<port>[^/?#]*))?(?P<path>[^#]*)")


def parse_url(text: str) -> Url | tuple[int, str]:
    """curl's URL parser, or (exit code, message) for what it rejects."""
    m = _URL_RE.match(text.strip())
    bad = (3, "URL using bad/illegal format or missing URL")
    if not m or not text.strip():
        return bad
    scheme = (m.group("scheme") or "").lower()
    host = m.group("host") or ""
    if not scheme:
        scheme = "http"
    elif scheme not in ("http", "https"):
        return 1, f'Protocol "{m.group("scheme")}" not supported or disabled in libcurl'
    if host.startswith("["):
        host = host[1:-1]
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return bad
    if not host or " " in host:
        return bad
    port_s = m.group("port")
    if port_s is None or port_s == "":
        port = 443 if scheme == "https" else 80
    elif port_s.isdigit() and int(port_s) <= 65535:
        port = int(port_s)
    else:
        return bad
    path = m.group("path") or "/"
    if not path.startswith("/"):
        path = "/" + path
    return Url(scheme, host, port, path.replace(" ", "%20"))


# ---------------------------------------------------------------- the network, as seen from a machine
Reply = tuple[int, dict[str, str], str]


class Net:
    """Where names resolve and connections go. ``exchange`` answers one HTTP request on ``ip:port``:
    a reply, or why not: ``"refused"``, ``"noroute"``, ``"unreachable"``, ``("empty",)`` or
    ``("error", code, message)``."""

    def resolve(self, host: str) -> list[str] | None:
        raise NotImplementedError

    def exchange(self, ip: str, port: int, method: str, path: str, agent: str, tls: bool) -> Any:
        raise NotImplementedError


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def listening(pg: Any, ip: str, port: int) -> bool:
    """Whether something accepts connections on a pod's ``ip:port``, without sending it a request.

    An adapter over the kubelet's records (its public ``http_request`` always answers and logs).
    """
    try:
        kubelet = pg.sim.component("kubelet")
        now = pg.clock.now
        for uid in kubelet._pods_at(ip):
            pr = kubelet.pods.get(uid)
            pod = pg.server.ref("Pod", pr["ns"], pr["name"]) if pr else None
            if pod is None or pr.get("terminal"):
                continue
            for c, cr, _init in kubelet._all_containers(pod, pr):
                cur = cr.get("cur")
                if cur is None or cur["end"] is not None or cur.get("start") is None:
                    continue
                run = kubelet._run_for(pod, pr, c, cur)
                if port in run.ports and now - cur["start"] >= run.ready_after:
                    return True
    except Exception:  # noqa: BLE001 - without the hint, assume a server is there
        return True
    return False


class PodNetwork(Net):
    """The cluster's pod network seen from a node (``client_ip`` is the node's tunnel address) or from
    inside a pod (``self_ip``: where ``localhost`` goes)."""

    def __init__(self, pg: Any, client_ip: str = "10.244.0.0", self_ip: str = "") -> None:
        self.pg = pg
        self.client_ip = client_ip
        self.self_ip = self_ip

    def node_ips(self) -> dict[str, str]:
        out = {}
        for node in self.pg.server.iter("Node"):
            for a in (node.get("status") or {}).get("addresses") or ():
                if a.get("type") == "InternalIP":
                    out[node["metadata"]["name"]] = a.get("address", "")
        return out

    def resolve(self, host: str) -> list[str] | None:
        if _is_ip(host):
            return [host]
        if host == "localhost":
            return ["127.0.0.1", "::1"]
        ip = self.node_ips().get(host)
        return [ip] if ip else None

    def _pod_cidr(self, ip: str) -> bool:
        for node in self.pg.server.iter("Node"):
            cidr = (node.get("spec") or {}).get("podCIDR")
            if cidr and ipaddress.ip_address(ip) in ipaddress.ip_network(cidr, strict=False):
                return True
        return False

    def _known(self, ip: str) -> bool:
        return ip in self.node_ips().values() or self._pod_cidr(ip)

    def exchange(self, ip: str, port: int, method: str, path: str, agent: str, tls: bool) -> Any:
        from cluster_core.sim.network import http_get

        addr = ipaddress.ip_address(ip)
        client = self.client_ip
        if addr.is_loopback:
            if not self.self_ip:
                return "refused"
            ip, client = self.self_ip, "127.0.0.1"
        elif not self._known(ip):
            return "unreachable"
        if tls:
            return ("tls",) if listening(self.pg, ip, port) else "refused"
        reply = http_get(self.pg.sim, ip, port, path, client_ip=client, user_agent=agent, method=method)
        if reply is None:
            if self._pod_cidr(ip) and self.pg.sim.component("kubelet").network.owner_of(ip) is None:
                return "noroute"
            return "refused"
        return reply


class HostNetwork(PodNetwork):
    """The terminal's machine: loopback and its own addresses reach ``kubectl port-forward`` listeners."""

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx.host.pg)
        self.ctx = ctx

    def exchange(self, ip: str, port: int, method: str, path: str, agent: str, tls: bool) -> Any:
        from cluster_core.kubectl.verbs import port_forward as pf

        addr = ipaddress.ip_address(ip)
        if addr.is_loopback or ip in pf.host_ips(self.pg):
            found = pf.find_listener(self.pg, ip, port, getattr(self.ctx, "shell", None))
            if found is None:
                if addr.is_loopback:
                    return "refused"
                return super().exchange(ip, port, method, path, agent, tls)
            rid, _r, remote = found
            if tls:
                reply: Any = ("tls",)
                queue = pf.events(self.pg, rid)
                if queue is not None:
                    queue.append(["connect", port])
            else:
                reply = pf.connect(self.pg, rid, port, remote, path, method, agent)
            pf.poll_in_tab(self.ctx, rid)
            return reply if reply is not None else ("empty",)
        return super().exchange(ip, port, method, path, agent, tls)


# ---------------------------------------------------------------- output
def max5(n: float) -> str:
    """progress.c max5data: a number in 5 characters (``  612``, ` 597k`, ``12.3M``)."""
    b = int(n)
    if b < 100000:
        return f"{b:5d}"
    if b < 10000 * 1024:
        return f"{b // 1024:4d}k"
    if b < 100 * 1024 * 1024:
        return f"{b // (1024 * 1024):2d}.{(b % (1024 * 1024)) // (1024 * 1024 // 10)}M"
    return f"{b // (1024 * 1024):4d}M"


def time2str(seconds: int) -> str:
    if seconds <= 0:
        return "--:--:--"
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:2d}:{m:02d}:{s:02d}"


METER_HEAD = ("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
              "                                 Dload  Upload   Total   Spent    Left  Speed\n")


def meter_line(expected: int, got: int, up_total: int, up: int, speed: int, current: int, spent: int) -> str:
    total = expected + up_total
    total_pct = (got + up) * 100 // total if total else 0
    dl_pct = got * 100 // expected if expected else 0
    ul_pct = up * 100 // up_total if up_total else 0
    return (f"\r{total_pct:3d} {max5(total)}  {dl_pct:3d} {max5(got)}  {ul_pct:3d} {max5(up)}  {max5(speed)}  "
            f"{max5(0)} --:--:-- {time2str(spent)} --:--:-- {max5(current)}")


class IO:
    """Where a curl run writes, and the files it may create (the shell's, or a container's)."""

    def __init__(self, write: Any, write_err: Any, tty: bool, save: Any) -> None:
        self.write, self.write_err, self.tty, self.save = write, write_err, tty, save


@dataclass
class Result:
    code: int = 0
    message: str = ""
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    ip: str = ""
    port: int = 0
    total: float = 0.0
    header_size: int = 0
    request_size: int = 0
    connects: int = 0
    method: str = "GET"
    url: Url | None = None
    http10: bool = False


class _Transfer:
    """What one URL's transfer decides up front: where the body goes, whether the meter shows."""

    def __init__(self, o: Options, out: str | None, tty: bool, key: str) -> None:
        self.o, self.out, self.key = o, out, key
        self.to_tty = tty and out is None
        self.meter = not o.silent and not o.no_meter and not self.to_tty
        self.quiet = o.silent and not o.show_error
        self.res = Result()
        self.data = "&".join(o.data)
        self.agent = o.user_agent if o.user_agent is not None else USER_AGENT


def _reply_error(reply: Any) -> tuple[int, str]:
    """curl's code and words for a connection that gave no HTTP answer."""
    if reply[0] == 0:
        m = re.match(r"\((\d+)\) (.*)", reply[1].get(CURL_ERROR_HEADER, "(52) Empty reply from server"))
        if m:
            return int(m.group(1)), m.group(2)
    if reply[0] == "error":
        return int(reply[1]), str(reply[2])
    return 52, "Empty reply from server"


class Curl:
    """One curl invocation: options, then each URL in turn; the exit code is the last transfer's."""

    def __init__(self, io: IO, net: Net, now: float = 0.0) -> None:
        self.io = io
        self.net = net
        self.now = now
        self.conn_no = 0

    def run(self, argv: list[str]) -> int:
        try:
            o = parse_args(argv)
        except UsageProblem as e:
            self.io.write_err(str(e) + TRY_HELP)
            return 2
        if o.help:
            self.io.write(HELP)
            return 0
        if o.version:
            self.io.write(VERSION)
            return 0
        if not o.urls:
            if not argv:
                self.io.write_err(TRY_HELP)
            else:
                self.io.write_err("curl: no URL specified!\n" + TRY_HELP)
            return 2
        code = 0
        for n, text in enumerate(o.urls):
            out = o.output[n] if n < len(o.output) else None
            code = self.transfer(o, text, out, n)
        return code

    # -------------------------------------------------------- one URL
    def _elapsed(self, key: str) -> float:
        h = int(hashlib.sha256(f"{key}:{self.now}".encode()).hexdigest()[:8], 16)
        return 0.0006 + (h % 9000) / 1e7

    def _say(self, o: Options, text: str) -> None:
        if o.verbose:
            self.io.write_err(text)

    def transfer(self, o: Options, text: str, out: str | None, n: int) -> int:
        """One URL: resolve, connect, send, print; the transfer's exit code."""
        t = _Transfer(o, out, self.io.tty, f"{text}:{n}")
        url = parse_url(text)
        if isinstance(url, tuple):
            t.res.code, t.res.message = url
            return self._fail(t, closing=False, meter=False)
        if o.remote_name and out is None:
            t.out = url.path.split("?", 1)[0].rsplit("/", 1)[-1]
            if not t.out:
                if not t.quiet:
                    self.io.write_err("curl: Remote file name has no length!\n")
                t.res.code, t.res.message = 23, "Failed writing received data to disk/application"
                return self._fail(t, closing=False, meter=False)
            t.to_tty = False
            t.meter = not o.silent and not o.no_meter
        if t.meter:
            self.io.write_err(METER_HEAD + meter_line(0, 0, 0, 0, 0, 0, 0))
        t.res.url = url
        reply = self._connect(t, url)
        if isinstance(reply, int):
            return reply
        conn = self.conn_no
        self.conn_no += 1
        self._say(o, f"* Connected to {url.host} ({t.res.ip}) port {url.port} (#{conn})\n")
        if url.scheme == "https":
            return self._tls_failure(t, conn)
        request = self._request_lines(o, url, t.res.method, t.agent, t.data)
        t.res.request_size = sum(len(ln) for ln in request)
        if o.verbose:
            self.io.write_err("".join("> " + ln for ln in request))
            if t.data:
                self._data_trace("}", len(t.data))
        if reply[0] in ("empty", "error", 0):
            code, msg = _reply_error(reply)
            self._say(o, f"* {msg}\n")
            t.res.code, t.res.message = code, msg
            return self._fail(t, closing=True, conn=conn)
        return self._response(t, reply, conn)

    def _connect(self, t: _Transfer, url: Url) -> Any:
        """Resolve and connect, trying each address: the server's reply, or the exit code of a failure."""
        o, res = t.o, t.res
        ips = self.net.resolve(url.host)
        if ips is not None and (o.ipv4 or o.ipv6):
            ips = [ip for ip in ips if (":" in ip) == o.ipv6] or None
        if ips is None:
            self._say(o, f"* Could not resolve host: {url.host}\n")
            res.code, res.message = 6, f"Could not resolve host: {url.host}"
            return self._fail(t, closing=True, meter=False)
        res.method = o.method or ("HEAD" if o.head else "POST" if o.data else "GET")
        spent_ms = 0
        for ip in ips:
            self._say(o, f"*   Trying {f'[{ip}]' if ':' in ip else ip}:{url.port}...\n")
            reply = self.net.exchange(ip, url.port, res.method, url.path, t.agent, url.scheme == "https")
            if not isinstance(reply, str):
                res.ip, res.port, res.connects = ip, url.port, 1
                return reply
            if reply == "noroute":
                limit = o.connect_timeout or o.max_time
                if limit and limit * 1000 < NO_ROUTE_MS:
                    spent_ms = int(limit * 1000) + 1
                    res.code = 28
                    res.message = f"Failed to connect to {url.host} port {url.port} after {spent_ms} ms: Timeout was " \
                                  "reached"
                    self._say(o, f"* {res.message}\n")
                    return self._fail(t, closing=True, spent=spent_ms // 1000)
                spent_ms = NO_ROUTE_MS
            why = {"refused": "Connection refused", "noroute": "No route to host",
                   "unreachable": "Network is unreachable"}[reply]
            self._say(o, f"* connect to {ip} port {url.port} failed: {why}\n")
        res.code = 7
        res.message = f"Failed to connect to {url.host} port {url.port} after {spent_ms} ms: Couldn't connect to server"
        self._say(o, f"* {res.message}\n")
        return self._fail(t, closing=True, spent=spent_ms // 1000)

    def _tls_failure(self, t: _Transfer, conn: int) -> int:
        """An HTTPS handshake with a plain HTTP server: OpenSSL's ``wrong version number``."""
        if t.o.verbose:
            self.io.write_err("* ALPN: offers h2,http/1.1\n")
            self._data_trace("}", 5)
            self.io.write_err("* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n")
            self._data_trace("}", 512)
            self.io.write_err("*  CAfile: /etc/ssl/certs/ca-certificates.crt\n*  CApath: /etc/ssl/certs\n")
            self._data_trace("{", 5)
        t.res.code, t.res.message = 35, f"{OPENSSL}: error:0A00010B:SSL routines::wrong version number"
        self._say(t.o, f"* {t.res.message}\n")
        return self._fail(t, closing=True, conn=conn)

    def _response(self, t: _Transfer, reply: Reply, conn: int) -> int:
        """Print a response: headers (-v, -i, -I), the body, the meter's last line, -w."""
        o, res = t.o, t.res
        status, headers, body = reply
        res.status, res.headers, res.body = status, dict(headers), body
        res.http10 = str(headers.get("Server", "")).startswith("SimpleHTTP")
        head = self._response_head(res)
        res.header_size = sum(len(h) for h in head)
        res.total = self._elapsed(t.key)
        if o.verbose:
            self.io.write_err("".join("< " + h for h in head))
        failed = (o.fail or o.fail_with_body) and status >= 400
        hidden = failed and not o.fail_with_body
        shown = "" if res.method == "HEAD" or hidden else body
        if shown and o.verbose and not t.to_tty:
            self._data_trace("{", len(body))
        code = 0
        if not hidden:
            payload = "".join(self._bold(h) if t.to_tty else h for h in head) if o.include or o.head else ""
            code = self._deliver(o, t.out, payload + shown)
        if t.meter:
            expected = int(headers.get("Content-Length", len(body)) or 0)
            speed = int(len(body) / res.total) if shown else 0
            current = int(speed * (0.85 + (int(res.total * 1e7) % 40) / 100))
            self.io.write_err(meter_line(expected, len(shown), len(t.data), len(t.data), speed, current, 0) + "\n")
        if code:
            res.code, res.message = code, "Failure writing output to destination"
            return self._fail(t, closing=False, meter=False)
        if failed:
            self._say(o, f"* The requested URL returned error: {status}\n")
            res.code, res.message = 22, f"The requested URL returned error: {status}"
            return self._fail(t, closing=True, conn=conn, meter=False)
        closing = res.http10 or headers.get("Connection", "").lower() == "close"
        self._say(o, f"* Closing connection {conn}\n" if closing else
                  f"* Connection #{conn} to host {res.url.host if res.url else ''} left intact\n")
        self._write_out(o, res)
        return 0

    def _data_trace(self, arrow: str, size: int) -> None:
        self.io.write_err(f"{arrow} [{size} bytes data]\n")

    def _bold(self, line: str) -> str:
        name, sep, rest = line.partition(":")
        if not sep or line.startswith("HTTP/"):
            return line
        return f"\x1b[1m{name}\x1b[0m:{rest}"

    def _request_lines(self, o: Options, url: Url, method: str, agent: str, data: str) -> list[str]:
        http = "HTTP/1.0" if o.http10 else "HTTP/1.1"
        builtin = [("Host", url.host_header)]
        if agent:
            builtin.append(("User-Agent", agent))
        builtin.append(("Accept", "*/*"))
        if o.referer:
            builtin.append(("Referer", o.referer))
        if data:
            builtin += [("Content-Length", str(len(data))), ("Content-Type", "application/x-www-form-urlencoded")]
        custom = []
        for h in o.headers:
            name, sep, value = h.partition(":")
            if not sep:
                continue
            builtin = [(k, v) for k, v in builtin if k.lower() != name.strip().lower()]
            if value.strip():
                custom.append((name.strip(), value.strip()))
        lines = [f"{method} {url.path} {http}\r\n"] + [f"{k}: {v}\r\n" for k, v in builtin + custom]
        return lines + ["\r\n"]

    def _response_head(self, res: Result) -> list[str]:
        proto = "HTTP/1.0" if res.http10 else "HTTP/1.1"
        lines = [f"{proto} {res.status} {REASONS.get(res.status, '')}".rstrip() + "\r\n"]
        lines += [f"{k}: {v}\r\n" for k, v in res.headers.items() if k != CURL_ERROR_HEADER]
        return lines + ["\r\n"]

    def _deliver(self, o: Options, out: str | None, payload: str) -> int:
        if out is None or out == "-":
            self.io.write(payload)
            return 0
        err = self.io.save(out, payload)
        if err:
            if not o.silent:
                self.io.write_err(f"Warning: Failed to open the file {out}: {err}\n")
            return 23
        return 0

    def _fail(self, t: _Transfer, *, closing: bool, meter: bool = True, conn: int | None = None,
              spent: int = 0) -> int:
        """End a transfer that failed: the meter's last line, ``* Closing``, -w, ``curl: (N) ...``."""
        if meter and t.meter:
            for sec in range(1, spent):
                self.io.write_err(meter_line(0, 0, 0, 0, 0, 0, sec))
            self.io.write_err(meter_line(0, 0, 0, 0, 0, 0, spent) + "\n")
        if closing:
            self._say(t.o, f"* Closing connection {conn if conn is not None else self.conn_no}\n")
        self._write_out(t.o, t.res)
        if not t.quiet:
            self.io.write_err(f"curl: ({t.res.code}) {t.res.message}\n")
        return t.res.code

    # -------------------------------------------------------- -w
    def _write_out(self, o: Options, res: Result) -> None:
        if o.write_out is None:
            return
        fmt = o.write_out
        target = self.io.write
        out: list[str] = []

        def flush() -> None:
            if out:
                target("".join(out))
                out.clear()

        i = 0
        while i < len(fmt):
            c = fmt[i]
            if c == "%" and fmt.startswith("%%", i):
                out.append("%")
                i += 2
            elif c == "%" and fmt.startswith("%{", i) and "}" in fmt[i:]:
                end = fmt.index("}", i)
                name = fmt[i + 2:end]
                i = end + 1
                if name in ("stderr", "stdout"):
                    flush()
                    target = self.io.write_err if name == "stderr" else self.io.write
                    continue
                value = self._variable(name, res)
                if value is None:
                    flush()
                    self.io.write_err(f"curl: unknown --write-out variable: '{name}'\n")
                else:
                    out.append(value)
            elif c == "%" and fmt.startswith("%header{", i) and "}" in fmt[i:]:
                end = fmt.index("}", i)
                name = fmt[i + 8:end].lower()
                out.append(next((v for k, v in res.headers.items() if k.lower() == name), ""))
                i = end + 1
            elif c == "\\" and i + 1 < len(fmt) and fmt[i + 1] in "nrt":
                out.append({"n": "\n", "r": "\r", "t": "\t"}[fmt[i + 1]])
                i += 2
            else:
                out.append(c)
                i += 1
        flush()

    def _variable(self, name: str, res: Result) -> str | None:
        ok = res.code == 0 or res.code == 22
        url = res.url
        total = res.total if res.connects else 0.0
        values = {
            "http_code": f"{res.status:03d}", "response_code": f"{res.status:03d}",
            "size_download": str(len(res.body) if ok and res.method != "HEAD" else 0),
            "size_header": str(res.header_size), "size_request": str(res.request_size), "size_upload": "0",
            "url_effective": url.effective if url else "", "url": url.effective if url else "",
            "content_type": res.headers.get("Content-Type", ""), "remote_ip": res.ip,
            "remote_port": str(res.port) if res.ip else "", "local_ip": "127.0.0.1" if res.ip.startswith("127.") else "",
            "num_connects": str(res.connects), "num_redirects": "0", "exitcode": str(res.code),
            "errormsg": res.message if res.code else "", "method": res.method,
            "scheme": (url.scheme.upper() if url else ""), "http_version": "1.0" if res.http10 else
            ("1.1" if res.status else "0"), "redirect_url": "", "ssl_verify_result": "0",
            "speed_download": str(int(len(res.body) / total) if total and ok else 0), "speed_upload": "0",
            "time_total": f"{total:.6f}", "time_namelookup": f"{total * 0.05:.6f}",
            "time_connect": f"{total * 0.2:.6f}", "time_appconnect": "0.000000",
            "time_pretransfer": f"{total * 0.22:.6f}", "time_starttransfer": f"{total * 0.8:.6f}",
            "time_redirect": "0.000000",
        }
        return values.get(name)


def _saver(ctx: Any) -> Any:
    from cluster_core.shell.vfs import VfsError

    def save(path: str, text: str) -> str:
        if path == "/dev/null":
            return ""
        target = ctx.resolve(path)
        try:
            if ctx.fs.is_dir(target):
                return "Is a directory"
            ctx.fs.write(target, text, now=ctx.now)
        except VfsError as e:
            return str(e.strerror)
        return ""

    return save


def curl(ctx: Any) -> int:
    """The shell's ``curl``: on the node the terminal runs on."""
    io = IO(ctx.write, ctx.write_err, ctx.isatty(1), _saver(ctx))
    return Curl(io, HostNetwork(ctx), ctx.host.clock.now).run(list(ctx.argv[1:]))
