"""The image catalog: which images exist, how long they take to pull, and what their containers do.

Images are rows of data (like kwok's stages), not branches in the kubelet: a repository lists its
tags, size, pull time, default command and the *program* its containers run. A program is a small
function from the container spec to a :class:`Run` -- log lines over time, when it exits and
with what code, which ports it serves and how it answers HTTP -- so the kubelet only needs
``lookup``, ``pull_failure`` and ``start``.

Everything is a pure function of its inputs (image name, container spec, start time, a seed), so
logs can be rebuilt at any time from what the kubelet saved and a cluster is the same for a seed.
Texts follow the real images: nginx's docker-entrypoint lines, the mysql entrypoint's complaint,
busybox ``sh`` (the interpreter is :mod:`cluster_core.sim.sh`), containerd's pull errors.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# ---------------------------------------------------------------- references
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_PATH_RE = re.compile(rf"{_COMPONENT}(?:/{_COMPONENT})*")
_TAG_RE = re.compile(r"[\w][\w.-]{0,127}")
_DIGEST_RE = re.compile(r"sha256:[0-9a-f]{64}")
_DOMAIN_RE = re.compile(r"(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?")
DOCKER_HUB = "docker.io"


class InvalidReference(ValueError):
    """An image string that is not a docker reference (the kubelet's InvalidImageName)."""


@dataclass(frozen=True)
class Reference:
    """A parsed, normalized image reference: ``nginx`` is ``docker.io/library/nginx:latest``."""

    domain: str
    path: str
    tag: str
    digest: str

    @property
    def repository(self) -> str:
        return f"{self.domain}/{self.path}"

    @property
    def name(self) -> str:
        """What containerd reports as the container's image: tag form unless pulled by digest."""
        if self.digest:
            return f"{self.repository}@{self.digest}"
        return f"{self.repository}:{self.tag}"


@functools.lru_cache(maxsize=4096)
def parse_reference(image: str) -> Reference:
    """distribution/reference ParseNormalizedNamed plus the default tag, with its error words."""
    if not image or image != image.strip():
        raise InvalidReference("invalid reference format")
    rest, digest = image, ""
    if "@" in rest:
        rest, digest = rest.split("@", 1)
        if not _DIGEST_RE.fullmatch(digest):
            raise InvalidReference("invalid reference format")
    tag = ""
    last = rest.rsplit("/", 1)[-1]
    if ":" in last:
        rest, tag = rest.rsplit(":", 1)
        if not _TAG_RE.fullmatch(tag):
            raise InvalidReference("invalid reference format")
    first, _, remainder = rest.partition("/")
    if remainder and ("." in first or ":" in first or first == "localhost" or first != first.lower()):
        domain = first
        if not _DOMAIN_RE.fullmatch(domain):
            raise InvalidReference("invalid reference format")
    else:
        domain, remainder = DOCKER_HUB, rest
    if domain == "index.docker.io":
        domain = DOCKER_HUB
    if domain == DOCKER_HUB and "/" not in remainder:
        remainder = "library/" + remainder
    if remainder.lower() != remainder:
        raise InvalidReference(f"invalid reference format: repository name ({remainder}) must be lowercase")
    if not _PATH_RE.fullmatch(remainder):
        raise InvalidReference("invalid reference format")
    if not tag and not digest:
        tag = "latest"
    return Reference(domain, remainder, tag, digest)


def invalid_image_message(image: str, err: str) -> str:
    """The kubelet's InvalidImageName message (image_manager.go applyDefaultImageTag)."""
    return f'Failed to apply default image tag "{image}": couldn\'t parse image name "{image}": {err}'


# ---------------------------------------------------------------- the catalog
@dataclass(frozen=True)
class Repo:
    """One repository: its tags (alias -> version), versions it accepts, and what it runs."""

    program: str
    aliases: dict[str, str]
    versions: str = ""  # a regex of further tags that exist (version tags)
    size: int = 50_000_000
    pull: tuple[float, float] = (2.0, 4.0)
    entrypoint: tuple[str, ...] = ()
    cmd: tuple[str, ...] = ()
    shell: bool = True  # has /bin/sh and the usual tools (busybox applets or coreutils)
    binaries: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImageSpec:
    """A pullable image: the normalized name, its digest and size, and the program it runs."""

    image: str  # as written in the pod spec
    ref: Reference
    version: str
    digest: str
    size: int
    pull_seconds: tuple[float, float]
    program: str
    entrypoint: tuple[str, ...]
    cmd: tuple[str, ...]
    shell: bool
    binaries: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def image_id(self) -> str:
        return f"{self.ref.repository}@{self.digest}"


NGINX_OLD_SIZE = 42_564_785
_N = r"(?:-(?:alpine|alpine-slim|alpine-perl|perl|bookworm|bullseye|otel|alpine-otel))?"
CATALOG: dict[str, Repo] = {
    "docker.io/library/nginx": Repo(
        "nginx", {"latest": "1.29.1", "mainline": "1.29.1", "stable": "1.28.0", "alpine": "1.29.1-alpine",
                  "stable-alpine": "1.28.0-alpine", "mainline-alpine": "1.29.1-alpine", "perl": "1.29.1-perl",
                  "alpine-slim": "1.29.1-alpine-slim", "1": "1.29.1", "1.29": "1.29.1", "1.28": "1.28.0",
                  "1.27": "1.27.5", "1.26": "1.26.3", "1.25": "1.25.5", "1.24": "1.24.0", "1.23": "1.23.4"},
        rf"1\.(?:[7-9]|1\d|2\d)(?:\.\d{{1,2}})?{_N}", 72_200_000, (3.0, 6.0),
        ("/docker-entrypoint.sh",), ("nginx", "-g", "daemon off;"), binaries=("nginx", "/docker-entrypoint.sh")),
    "docker.io/library/busybox": Repo(
        "shell", {"latest": "1.37.0", "stable": "1.37.0", "musl": "1.37.0-musl", "glibc": "1.37.0-glibc",
                  "uclibc": "1.37.0-uclibc", "1": "1.37.0", "1.37": "1.37.0", "1.36": "1.36.1", "1.35": "1.35.0"},
        r"1\.(?:2\d|3[0-7])(?:\.\d)?(?:-(?:musl|glibc|uclibc))?", 2_160_406, (1.5, 3.0), (), ("sh",)),
    "docker.io/library/alpine": Repo(
        "shell", {"latest": "3.22.2", "3": "3.22.2", "3.22": "3.22.2", "3.21": "3.21.5", "3.20": "3.20.8",
                  "3.19": "3.19.9", "edge": "edge"}, r"3\.\d{1,2}(?:\.\d{1,2})?", 3_802_452, (1.5, 3.0),
        (), ("/bin/sh",)),
    "docker.io/library/ubuntu": Repo(
        "shell", {"latest": "24.04", "noble": "24.04", "jammy": "22.04", "focal": "20.04", "rolling": "25.10"},
        r"(?:1[4-9]|2[0-5])\.(?:04|10)", 29_724_688, (3.0, 5.0), (), ("/bin/bash",)),
    "docker.io/library/debian": Repo(
        "shell", {"latest": "13", "trixie": "13", "bookworm": "12", "bullseye": "11", "stable-slim": "13-slim",
                  "bookworm-slim": "12-slim", "trixie-slim": "13-slim"}, r"1[0-3](?:\.\d{1,2})?(?:-slim)?",
        48_479_421, (3.0, 6.0), (), ("bash",)),
    "docker.io/library/mysql": Repo(
        "mysql", {"latest": "9.5.0", "9": "9.5.0", "lts": "8.4.7", "8": "8.4.7", "8.4": "8.4.7", "8.0": "8.0.44",
                  "5.7": "5.7.44", "5": "5.7.44"},
        r"(?:5\.7\.\d{1,2}|8\.0\.\d{1,2}|8\.4\.\d|9\.\d\.\d)(?:-oracle|-debian|-oraclelinux\d)?", 137_909_180,
        (18.0, 24.0), ("docker-entrypoint.sh",), ("mysqld",), binaries=("mysqld", "docker-entrypoint.sh", "mysql")),
    "docker.io/library/redis": Repo(
        "redis", {"latest": "8.2.2", "8": "8.2.2", "8.2": "8.2.2", "7": "7.4.6", "7.4": "7.4.6", "7.2": "7.2.11",
                  "6": "6.2.20", "alpine": "8.2.2-alpine"}, r"[5-8]\.\d\.\d{1,2}(?:-alpine)?", 49_402_573,
        (3.0, 6.0), ("docker-entrypoint.sh",), ("redis-server",), binaries=("redis-server", "redis-cli")),
    "docker.io/library/httpd": Repo(
        "httpd", {"latest": "2.4.65", "2": "2.4.65", "2.4": "2.4.65", "alpine": "2.4.65-alpine"},
        r"2\.4\.\d{1,2}(?:-alpine)?", 45_113_442, (3.0, 5.0), (), ("httpd-foreground",),
        binaries=("httpd-foreground", "httpd")),
    "docker.io/library/python": Repo(
        "python", {"latest": "3.14.0", "3": "3.14.0", "3.14": "3.14.0", "3.13": "3.13.9", "3.12": "3.12.12",
                   "3.11": "3.11.14", "slim": "3.14.0-slim", "alpine": "3.14.0-alpine"},
        r"3\.\d{1,2}(?:\.\d{1,2})?(?:-(?:slim|alpine|bookworm|slim-bookworm))?", 412_390_442, (12.0, 18.0),
        (), ("python3",), binaries=("python", "python3")),
    "docker.io/library/perl": Repo(
        "perl", {"latest": "5.42.0", "5": "5.42.0", "5.42": "5.42.0", "5.40": "5.40.3", "slim": "5.42.0-slim"},
        r"5\.\d{2}\.\d(?:-slim)?", 327_713_215, (14.0, 20.0), (), ("perl5.42.0", "-de0"), binaries=("perl",)),
    "docker.io/library/hello-world": Repo("hello", {"latest": "latest", "linux": "latest"}, "", 2_380, (1.0, 2.0),
                                          (), ("/hello",), shell=False, binaries=("/hello",)),
    "docker.io/luksa/batch-job": Repo("batch-job", {"latest": "latest"}, "", 60_451_230, (14.0, 16.0), (),
                                      ("/bin/sh", "-c", "/batch-job.sh")),
    "docker.io/kubeguide/tomcat-app": Repo("tomcat", {"v1": "v1", "v2": "v2"}, "", 108_290_348, (10.0, 14.0),
                                           (), ("catalina.sh", "run"), binaries=("catalina.sh",)),
    "gcr.io/google-samples/hello-app": Repo("hello-app", {"1.0": "1.0", "2.0": "2.0"}, "", 4_623_914,
                                            (2.0, 3.0), ("/hello-app",), (), shell=False,
                                            binaries=("/hello-app",)),
    "registry.k8s.io/pause": Repo("pause", {"3.10": "3.10", "3.9": "3.9"}, "", 320_368, (1.0, 1.5),
                                  ("/pause",), (), shell=False, binaries=("/pause",)),
}
_SYSTEM = {
    "registry.k8s.io/etcd": ("3.5.21-0", 58_938_593),
    "registry.k8s.io/kube-apiserver": ("v1.33.4", 30_071_307),
    "registry.k8s.io/kube-controller-manager": ("v1.33.4", 26_018_804),
    "registry.k8s.io/kube-scheduler": ("v1.33.4", 20_153_893),
    "registry.k8s.io/kube-proxy": ("v1.33.4", 31_891_762),
    "registry.k8s.io/coredns/coredns": ("v1.12.0", 20_939_036),
    "docker.io/calico/node": ("v3.29.3", 144_937_616),
    "docker.io/calico/kube-controllers": ("v3.29.3", 35_180_484),
    "docker.io/calico/cni": ("v3.29.3", 99_290_426),
}
for _repo, (_tag, _size) in _SYSTEM.items():
    _bin = "/" + _repo.rsplit("/", 1)[-1]
    CATALOG[_repo] = Repo("system", {_tag: _tag}, "", _size, (4.0, 8.0), (_bin,), (), shell=False, binaries=(_bin,))


def digest_of(repository: str, version: str) -> str:
    """A stable ``sha256:`` digest per image version (topology's node images use the same rule)."""
    return "sha256:" + hashlib.sha256(f"{repository}:{version}".encode()).hexdigest()


def _resolve_tag(repo: Repo, repository: str, ref: Reference) -> str | None:
    if ref.digest:
        for version in set(repo.aliases.values()):
            if digest_of(repository, version) == ref.digest:
                return version
        return None
    if ref.tag in repo.aliases:
        return repo.aliases[ref.tag]
    if repo.versions and re.fullmatch(repo.versions, ref.tag):
        return ref.tag
    return None


@functools.lru_cache(maxsize=4096)
def lookup(image: str) -> ImageSpec | None:
    """The image a pod spec names, or None when no registry has it (unknown repo, tag or digest)."""
    try:
        ref = parse_reference(image)
    except InvalidReference:
        return None
    repo = CATALOG.get(ref.repository)
    if repo is None:
        return None
    version = _resolve_tag(repo, ref.repository, ref)
    if version is None:
        return None
    size = repo.size + int(hashlib.sha256(version.encode()).hexdigest()[:6], 16) % 900_000
    if repo.program == "nginx" and _version_tuple(version) < (1, 19):
        size = NGINX_OLD_SIZE  # the Debian jessie-era images were much smaller
    return ImageSpec(image, ref, version, digest_of(ref.repository, version), size, repo.pull, repo.program,
                     repo.entrypoint, repo.cmd, repo.shell, repo.binaries)


def pull_failure(image: str) -> str:
    """containerd 1.7's error for an image that cannot be pulled, as the kubelet prints it."""
    ref = parse_reference(image)
    name = ref.name
    head = f'failed to pull and unpack image "{name}": failed to resolve reference "{name}"'
    if ref.repository in CATALOG:
        return f"rpc error: code = NotFound desc = {head}: {name}: not found"
    if ref.domain == DOCKER_HUB:
        return (f"rpc error: code = Unknown desc = {head}: pull access denied, repository does not exist or "
                "may require authorization: server message: insufficient_scope: authorization failed")
    if ref.domain in ("registry.k8s.io", "gcr.io", "quay.io", "ghcr.io", "k8s.gcr.io", "mcr.microsoft.com"):
        return f"rpc error: code = NotFound desc = {head}: {name}: not found"
    host = ref.domain.split(":")[0]
    ref_path = ref.digest or ref.tag
    return (f"rpc error: code = Unknown desc = {head}: failed to do request: Head "
            f"\"https://{ref.domain}/v2/{ref.path}/manifests/{ref_path}\": dial tcp: lookup {host} on "
            "127.0.0.53:53: no such host")


def default_pull_policy(image: str) -> str:
    """``Always`` for ``:latest`` or no tag, else ``IfNotPresent`` (SetDefaults_Container)."""
    try:
        ref = parse_reference(image)
    except InvalidReference:
        return "IfNotPresent"
    if ref.digest:
        return "IfNotPresent"
    return "Always" if ref.tag == "latest" else "IfNotPresent"


# ---------------------------------------------------------------- what a container does
@dataclass
class Context:
    """What a starting container can see: time, pod identity, node, environment."""

    start: float
    pod_name: str
    namespace: str = "default"
    pod_ip: str = ""
    node_name: str = ""
    kernel: str = "6.1.0-31-amd64"
    cpus: int = 2
    env: dict[str, str] = field(default_factory=dict)
    stdin: bool = False
    seed: str = ""


Line = tuple[float, str]  # (seconds after start, text)
HttpReply = tuple[int, dict[str, str], str, list[str]]  # status, headers, body, log lines


@dataclass
class Run:
    """One container instance's behaviour, decided when it starts.

    ``lines`` are static log lines (seconds after start); ``stream`` (if set) produces further
    lines lazily, for shell loops. ``exit_after`` is None for a program that runs until stopped.
    ``stop_seconds`` is how long it takes to exit on SIGTERM (None: it ignores SIGTERM, so the
    kubelet kills it when the grace period ends); ``stop_code`` its exit code then.
    """

    lines: list[Line] | Callable[[], list[Line]] = field(default_factory=list)
    exit_after: float | None = None
    exit_code: int = 0
    ports: tuple[int, ...] = ()
    ready_after: float = 0.0  # when the ports start accepting connections
    stop_seconds: float | None = 0.1
    stop_code: int = 0
    http: Callable[[str, str, str, str, float, int], HttpReply] | None = None
    raw_port: str = ""  # what a non-HTTP server does to an HTTP request (curl's complaint)
    start_error: str = ""
    stop_lines: Callable[[float], list[str]] | None = None
    stream: Any = None  # a ShellRun for lazily generated output

    def output(self, until: float) -> list[Line]:
        """Log lines up to ``until`` seconds after start."""
        if callable(self.lines):
            self.lines = self.lines()
        out = [ln for ln in self.lines if ln[0] <= until]
        if self.stream is not None:
            out.extend(self.stream.output(until))
        return out


def _ts(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


def _frac(seed: str, i: int, scale: float) -> float:
    """A deterministic fraction of ``scale`` for sub-second jitter inside log lines."""
    h = hashlib.sha256(f"{seed}:{i}".encode()).digest()
    return (int.from_bytes(h[:4], "big") / 2**32) * scale


def argv_for(spec: ImageSpec, container: dict) -> list[str]:
    """What runs: command+args replace entrypoint+cmd as Kubernetes documents."""
    command, args = container.get("command"), container.get("args")
    if command:
        return [str(x) for x in command] + [str(x) for x in (args or [])]
    return list(spec.entrypoint) + ([str(x) for x in args] if args else list(spec.cmd))


def start(spec: ImageSpec, container: dict, ctx: Context) -> Run:
    """The behaviour of a container of ``spec`` started with ``container``'s command and env."""
    argv = argv_for(spec, container)
    if not argv:
        return Run(start_error=_exec_error("", spec))
    program = PROGRAMS.get(spec.program, _system)
    return program(spec, argv, ctx)


def _exec_error(exe: str, spec: ImageSpec) -> str:
    what = (f'exec: "{exe}": stat {exe}: no such file or directory' if exe.startswith("/")
            else f'exec: "{exe}": executable file not found in $PATH')
    return ("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc "
            f"create failed: unable to start container process: {what}: unknown")


def _generic(spec: ImageSpec, argv: list[str], ctx: Context) -> Run | None:
    """Shells and shell tools that most images have; None when ``argv[0]`` is not one of them."""
    from cluster_core.sim import sh

    exe = argv[0]
    base = exe.rsplit("/", 1)[-1]
    if base in ("sh", "ash", "bash", "dash"):
        if not spec.shell or (base == "bash" and spec.program == "shell" and "busybox" in spec.ref.path):
            return Run(start_error=_exec_error(exe, spec))
        if base == "bash" and "alpine" in spec.ref.path:
            return Run(start_error=_exec_error(exe, spec))
        return sh.shell_run(argv, ctx)
    if spec.shell and base in sh.SHELL_TOOLS:
        return sh.shell_run(["sh", "-c", " ".join(_quote(a) for a in argv)], ctx, direct=True)
    return None


def _quote(word: str) -> str:
    if word and re.fullmatch(r"[A-Za-z0-9_./:=@%+,-]+", word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


# ---------------------------------------------------------------- nginx
NGINX_INDEX_OLD = """<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
"""
NGINX_INDEX = """<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
"""


def _version_tuple(version: str) -> tuple[int, ...]:
    nums = re.findall(r"\d+", version.split("-")[0])
    return tuple(int(n) for n in nums) or (0,)


def _http_date(t: float) -> str:
    return _ts(t).strftime("%a, %d %b %Y %H:%M:%S GMT")


def _clf_time(t: float) -> str:
    return _ts(t).strftime("%d/%b/%Y:%H:%M:%S +0000")


def _nginx_error_page(code: int, text: str, version: str, vt: tuple[int, ...]) -> str:
    """nginx's built-in error page; versions before 1.17 still set ``bgcolor="white"`` on the body."""
    body_tag = '<body bgcolor="white">' if vt < (1, 17) else "<body>"
    return (f"<html>\r\n<head><title>{code} {text}</title></head>\r\n{body_tag}\r\n<center><h1>{code} {text}"
            f"</h1></center>\r\n<hr><center>nginx/{version}</center>\r\n</body>\r\n</html>\r\n")


def _nginx(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    base = argv[0].rsplit("/", 1)[-1]
    if base not in ("nginx", "docker-entrypoint.sh", "nginx-debug"):
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))
    version = spec.version.split("-")[0]
    vt = _version_tuple(version)
    alpine = "alpine" in spec.version
    first_worker = 29 if vt >= (1, 25) else 31

    def make_lines() -> list[Line]:
        lines: list[Line] = []
        if vt >= (1, 19) and base == "docker-entrypoint.sh":
            steps = ["/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                     "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                     "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                     "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                     "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"]
            if vt >= (1, 25, 3):
                steps.append("/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh")
            steps.append("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh")
            if vt >= (1, 21):
                steps.append("/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh")
            steps.append("/docker-entrypoint.sh: Configuration complete; ready for start up")
            lines += [(0.01 + i * 0.004, s) for i, s in enumerate(steps)]
        if vt >= (1, 19):
            t = 0.06
            stamp = _ts(ctx.start + t).strftime("%Y/%m/%d %H:%M:%S")
            gcc = ("gcc 14.2.0 (Alpine 14.2.0) " if alpine else
                   "gcc 12.2.0 (Debian 12.2.0-14) " if vt >= (1, 25) else "gcc 10.2.1 20210110 (Debian 10.2.1-6) ")
            notices = ['using the "epoll" event method', f"nginx/{version}", f"built by {gcc}",
                       f"OS: Linux {ctx.kernel}", "getrlimit(RLIMIT_NOFILE): 1048576:1048576", "start worker processes"]
            notices += [f"start worker process {first_worker + i}" for i in range(max(1, ctx.cpus))]
            lines += [(t, f"{stamp} [notice] 1#1: {n}") for n in notices]
        return lines

    index = NGINX_INDEX if vt >= (1, 21) else NGINX_INDEX_OLD
    # index.html's mtime is the image build date: 2025-08-13 for current images, 2015-05-26 for 1.9.
    built = 1755097823.0 if vt >= (1, 25) else 1432652529.0

    def http(method: str, path: str, client: str, agent: str, now: float, n: int) -> HttpReply:
        headers = {"Server": f"nginx/{version}", "Date": _http_date(now)}
        clean = path.split("?", 1)[0]
        if clean in ("/", "/index.html") and method in ("GET", "HEAD"):
            body = index
            headers.update({"Content-Type": "text/html", "Content-Length": str(len(body)),
                            "Last-Modified": _http_date(built), "Connection": "keep-alive",
                            "ETag": f'"{int(built):x}-{len(body):x}"', "Accept-Ranges": "bytes"})
            status = 200
            log = []
        elif clean in ("/", "/index.html"):
            # nginx serves static files to GET and HEAD only: anything else is 405 Not Allowed.
            body = _nginx_error_page(405, "Not Allowed", version, vt)
            headers.update({"Content-Type": "text/html", "Content-Length": str(len(body)),
                            "Connection": "keep-alive"})
            status = 405
            log = []
        else:
            body = _nginx_error_page(404, "Not Found", version, vt)
            headers.update({"Content-Type": "text/html", "Content-Length": str(len(body)),
                            "Connection": "keep-alive"})
            status = 404
            stamp = _ts(now).strftime("%Y/%m/%d %H:%M:%S")
            log = [f'{stamp} [error] {first_worker}#{first_worker}: *{n} open() "/usr/share/nginx/html{clean}" '
                   f'failed (2: No such file or directory), client: {client}, server: localhost, request: '
                   f'"{method} {path} HTTP/1.1", host: "{ctx.pod_ip}"']
        size = len(body) if method != "HEAD" else 0
        log.append(f'{client} - - [{_clf_time(now)}] "{method} {path} HTTP/1.1" {status} {size} "-" "{agent}" "-"')
        return status, headers, body if method != "HEAD" else "", log

    def stop_lines(at: float) -> list[str]:
        if vt < (1, 19):
            return []
        stamp = _ts(at).strftime("%Y/%m/%d %H:%M:%S")
        out = [f"{stamp} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down"]
        for i in range(max(1, ctx.cpus)):
            w = first_worker + i
            out += [f"{stamp} [notice] {w}#{w}: gracefully shutting down", f"{stamp} [notice] {w}#{w}: exiting",
                    f"{stamp} [notice] {w}#{w}: exit"]
        for i in range(max(1, ctx.cpus)):
            w = first_worker + i
            out += [f"{stamp} [notice] 1#1: signal 17 (SIGCHLD) received from {w}",
                    f"{stamp} [notice] 1#1: worker process {w} exited with code 0"]
        out.append(f"{stamp} [notice] 1#1: exit")
        return out

    return Run(make_lines, None, 0, (80,), 0.06, 0.2, 0, http, stop_lines=stop_lines)


# ---------------------------------------------------------------- mysql
def _mysql(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    base = argv[0].rsplit("/", 1)[-1]
    if base not in ("docker-entrypoint.sh", "mysqld"):
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))
    version = spec.version.split("-")[0]
    flavour = "1.el7" if version.startswith("5.7") else "1.el9"
    t0 = ctx.start

    def note(t: float, level: str, text: str) -> Line:
        return t, f"{_ts(t0 + t).strftime('%Y-%m-%d %H:%M:%S+00:00')} [{level}] [Entrypoint]: {text}"

    def server(t: float, level: str, text: str, code: str = "") -> Line:
        stamp = _ts(t0 + t).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"
        if version.startswith("5.7"):
            return t, f"{stamp} 0 [{level}] {text}"
        return t, f"{stamp} 0 [{level}] [{code or 'MY-010931'}] [Server] {text}"

    lines = [note(0.05, "Note", f"Entrypoint script for MySQL Server {version}-{flavour} started."),
             note(0.25, "Note", "Switching to dedicated user 'mysql'"),
             note(0.3, "Note", f"Entrypoint script for MySQL Server {version}-{flavour} started.")]
    env = ctx.env
    if base == "docker-entrypoint.sh" and not any(env.get(k) for k in (
            "MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD")):
        lines.append(note(0.6, "ERROR", "Database is uninitialized and password option is not specified\n"
                                        "    You need to specify one of the following as an environment variable:\n"
                                        "    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n"
                                        "    - MYSQL_RANDOM_ROOT_PASSWORD"))
        return Run(_split(lines), 1.0, 1, stop_seconds=0.1)
    lines += [note(0.4, "Note", "Initializing database files"),
              server(0.9, "Warning", "TIMESTAMP with implicit DEFAULT value is deprecated. Please use "
                     "--explicit_defaults_for_timestamp server option (see documentation for more details)."),
              server(3.2, "Warning", "InnoDB: New log files created, LSN=45790"),
              server(3.6, "Warning", "InnoDB: Creating foreign key constraint system tables."),
              server(4.1, "Warning", "root@localhost is created with an empty password ! Please consider "
                     "switching off the --initialize-insecure option."),
              note(9.0, "Note", "Database files initialized"),
              note(9.1, "Note", "Starting temporary server"),
              note(9.2, "Note", "Waiting for server startup"),
              note(11.0, "Note", "Temporary server started."),
              (11.1, "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'")]
    if env.get("MYSQL_RANDOM_ROOT_PASSWORD"):
        pw = hashlib.sha256(ctx.seed.encode()).hexdigest()[:32]
        lines.append(note(12.5, "Note", f"GENERATED ROOT PASSWORD: {pw}"))
    if env.get("MYSQL_DATABASE"):
        lines.append(note(12.6, "Note", f"Creating database {env['MYSQL_DATABASE']}"))
    if env.get("MYSQL_USER") and env.get("MYSQL_PASSWORD"):
        lines.append(note(12.7, "Note", f"Creating user {env['MYSQL_USER']}"))
        if env.get("MYSQL_DATABASE"):
            lines.append(note(12.8, "Note", f"Giving user {env['MYSQL_USER']} access to schema "
                                            f"{env['MYSQL_DATABASE']}"))
    lines += [(13.0, ""), note(13.1, "Note", "Stopping temporary server"),
              note(15.0, "Note", "Temporary server stopped"), (15.0, ""),
              note(15.1, "Note", "MySQL init process done. Ready for start up."), (15.1, ""),
              server(15.4, "Note", f"mysqld (mysqld {version}) starting as process 1 ...", "MY-010116"),
              server(16.2, "Note", "Server hostname (bind-address): '*'; port: 3306", "MY-010252"),
              server(16.3, "Note", "IPv6 is available.", "MY-010253"),
              server(16.4, "Note", "  - '::' resolves to '::';", "MY-010264"),
              server(16.5, "Note", "Server socket created on IP: '::'.", "MY-010251"),
              server(16.9, "Note", "Event Scheduler: Loaded 0 events", "MY-010182"),
              server(17.0, "Note", "mysqld: ready for connections.", "MY-010931"),
              (17.0, f"Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  "
                     "MySQL Community Server (GPL)")]
    return Run(lines, None, 0, (3306, 33060), 17.0, 2.0, 0,
               raw_port="(1) Received HTTP/0.9 when not allowed")


def _split(lines: list[Line]) -> list[Line]:
    """Multi-line messages are several log lines with one timestamp, as the container runtime records them."""
    out: list[Line] = []
    for t, text in lines:
        out.extend((t, part) for part in text.split("\n"))
    return out


# ---------------------------------------------------------------- redis, httpd, tomcat, small servers
def _redis(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    base = argv[0].rsplit("/", 1)[-1]
    if base not in ("docker-entrypoint.sh", "redis-server"):
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))
    version = spec.version.split("-")[0]

    def stamp(t: float) -> str:
        return _ts(ctx.start + t).strftime("%d %b %Y %H:%M:%S.") + f"{int((ctx.start + t) * 1000) % 1000:03d}"

    rows = [(0.01, "C", "* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"),
            (0.01, "C", f"* Redis version={version}, bits=64, commit=00000000, modified=1, pid=1, just started"),
            (0.01, "C", "# Warning: no config file specified, using the default config. In order to specify a "
                        "config file use redis-server /path/to/redis.conf"),
            (0.02, "M", "* monotonic clock: POSIX clock_gettime"),
            (0.02, "M", "* Running mode=standalone, port=6379."),
            (0.03, "M", "* Server initialized"),
            (0.03, "M", "* Ready to accept connections tcp")]
    lines = [(t, f"1:{role} {stamp(t)} {text}") for t, role, text in rows]

    def stop_lines(at: float) -> list[str]:
        s = _ts(at).strftime("%d %b %Y %H:%M:%S.000")
        return [f"1:signal-handler ({int(at)}) Received SIGTERM scheduling shutdown...",
                f"1:M {s} * User requested shutdown...", f"1:M {s} * Saving the final RDB snapshot before exiting.",
                f"1:M {s} * DB saved on disk", f"1:M {s} # Redis is now ready to exit, bye bye..."]

    return Run(lines, None, 0, (6379,), 0.03, 0.2, 0, raw_port="(52) Empty reply from server",
               stop_lines=stop_lines)


def _httpd(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    base = argv[0].rsplit("/", 1)[-1]
    if base not in ("httpd-foreground", "httpd"):
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))
    version = spec.version.split("-")[0]
    ip = ctx.pod_ip or "127.0.0.1"
    stamp = _ts(ctx.start + 0.05).strftime("%a %b %d %H:%M:%S.") + f"{int(_frac(ctx.seed, 1, 1e6)):06d} " + \
        _ts(ctx.start).strftime("%Y")
    fqdn = (f"AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. "
            "Set the 'ServerName' directive globally to suppress this message")
    lines = [(0.03, fqdn), (0.04, fqdn),
             (0.05, f"[{stamp}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/{version} (Unix) configured -- "
                    "resuming normal operations"),
             (0.05, f"[{stamp}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'")]
    works = "<html><body><h1>It works!</h1></body></html>\n"

    def http(method: str, path: str, client: str, agent: str, now: float, n: int) -> HttpReply:
        headers = {"Date": _http_date(now), "Server": f"Apache/{version} (Unix)"}
        if path.split("?", 1)[0] in ("/", "/index.html"):
            status, body = 200, works
            headers.update({"Last-Modified": "Mon, 11 Jun 2007 18:53:14 GMT", "ETag": '"2d-432a5e4a73a80"',
                            "Accept-Ranges": "bytes", "Content-Length": str(len(body)), "Content-Type": "text/html"})
        else:
            status = 404
            body = ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n'
                    "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n"
                    "</body></html>\n")
            headers.update({"Content-Length": str(len(body)), "Content-Type": "text/html; charset=iso-8859-1"})
        size = len(body) if method != "HEAD" else "-"
        return status, headers, body if method != "HEAD" else "", [
            f'{client} - - [{_clf_time(now)}] "{method} {path} HTTP/1.1" {status} {size}']

    return Run(lines, None, 0, (80,), 0.05, 0.3, 0, http)


def _tomcat(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    base = argv[0].rsplit("/", 1)[-1]
    if base != "catalina.sh":
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))

    def info(t: float, cls: str, text: str) -> Line:
        stamp = _ts(ctx.start + t).strftime("%d-%b-%Y %H:%M:%S.") + f"{int((ctx.start + t) * 1000) % 1000:03d}"
        return t, f"{stamp} INFO [main] {cls} {text}"

    lines = [info(0.4, "org.apache.catalina.startup.VersionLoggerListener.log", "Server version:        "
                  "Apache Tomcat/8.0.35"),
             info(0.4, "org.apache.catalina.startup.VersionLoggerListener.log", "Server built:          "
                  "May 11 2016 21:49:07 UTC"),
             info(0.4, "org.apache.catalina.startup.VersionLoggerListener.log", "Server number:         8.0.35.0"),
             info(0.4, "org.apache.catalina.startup.VersionLoggerListener.log", f"OS Version:            {ctx.kernel}"),
             info(0.5, "org.apache.catalina.startup.VersionLoggerListener.log", "CATALINA_BASE:         "
                  "/usr/local/tomcat"),
             info(0.9, "org.apache.coyote.AbstractProtocol.init", 'Initializing ProtocolHandler ["http-apr-8080"]'),
             info(1.0, "org.apache.catalina.startup.Catalina.load", "Initialization processed in 1021 ms"),
             info(1.1, "org.apache.catalina.core.StandardService.startInternal", "Starting service Catalina"),
             info(1.1, "org.apache.catalina.core.StandardEngine.startInternal", "Starting Servlet Engine: "
                  "Apache Tomcat/8.0.35"),
             info(1.3, "org.apache.catalina.startup.HostConfig.deployDirectory", "Deploying web application "
                  "directory /usr/local/tomcat/webapps/demo"),
             info(2.6, "org.apache.catalina.startup.HostConfig.deployDirectory", "Deployment of web application "
                  "directory /usr/local/tomcat/webapps/demo has finished in 1,312 ms"),
             info(2.7, "org.apache.coyote.AbstractProtocol.start", 'Starting ProtocolHandler ["http-apr-8080"]'),
             info(2.8, "org.apache.catalina.startup.Catalina.start", "Server startup in 1784 ms")]

    def http(method: str, path: str, client: str, agent: str, now: float, n: int) -> HttpReply:
        headers = {"Server": "Apache-Coyote/1.1", "Content-Type": "text/html;charset=UTF-8", "Date": _http_date(now)}
        if path.startswith("/demo"):
            status, body = 200, ("<html><head><title>HPE University Docker&Kubernetes Learning</title></head>"
                                 "<body><h2>Congratulations!!</h2></body></html>\n")
        elif path in ("/", "/index.jsp"):
            status, body = 200, ("<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Apache Tomcat/8.0.35</title>"
                                 "</head>\n<body><h1>Apache Tomcat/8.0.35</h1>\n<p>If you're seeing this, you've "
                                 "successfully installed Tomcat. Congratulations!</p></body>\n</html>\n")
        else:
            status, body = 404, ("<html><head><title>Apache Tomcat/8.0.35 - Error report</title></head><body>"
                                 f"<h1>HTTP Status 404 - {path}</h1></body></html>")
        headers["Content-Length"] = str(len(body))
        return status, headers, body, []

    return Run(lines, None, 0, (8080,), 2.8, 1.0, 143, http)


def _hello_app(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    if argv[0] != "/hello-app":
        return Run(start_error=_exec_error(argv[0], spec))
    port = ctx.env.get("PORT") or "8080"
    stamp = _ts(ctx.start + 0.01).strftime("%Y/%m/%d %H:%M:%S")
    version = "1.0.0" if spec.version == "1.0" else "2.0.0"

    def http(method: str, path: str, client: str, agent: str, now: float, n: int) -> HttpReply:
        body = f"Hello, world!\nVersion: {version}\nHostname: {ctx.pod_name}\n"
        s = _ts(now).strftime("%Y/%m/%d %H:%M:%S")
        return 200, {"Date": _http_date(now), "Content-Length": str(len(body)),
                     "Content-Type": "text/plain; charset=utf-8"}, body, [f"{s} Serving request: {path}"]

    return Run([(0.01, f"{stamp} Server listening on port {port}")], None, 0,
               (int(port) if port.isdigit() else 8080,), 0.01, 0.1, 2, http)


def _hello(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    if argv[0] != "/hello":
        return Run(start_error=_exec_error(argv[0], spec))
    text = ("\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\n"
            "To generate this message, Docker took the following steps:\n"
            " 1. The Docker client contacted the Docker daemon.\n"
            " 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n    (amd64)\n"
            " 3. The Docker daemon created a new container from that image which runs the\n"
            "    executable that produces the output you are currently reading.\n"
            " 4. The Docker daemon streamed that output to the Docker client, which sent it\n"
            "    to your terminal.\n\nTo try something more ambitious, you can run an Ubuntu container with:\n"
            " $ docker run -it ubuntu bash\n\nShare images, automate workflows, and more with a free Docker ID:\n"
            " https://hub.docker.com/\n\nFor more examples and ideas, visit:\n https://docs.docker.com/get-started/\n")
    return Run([(0.01, ln) for ln in text.split("\n")[:-1]], 0.02, 0)


def _batch_job(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    """luksa/batch-job: prints a start line, works a while, prints its (misspelt) success line."""
    if argv[:3] != ["/bin/sh", "-c", "/batch-job.sh"] and argv != ["/batch-job.sh"]:
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))
    duration = 20.0
    return Run([(0.0, f"{_date(ctx.start)} Batch job starting"),
                (duration, f"{_date(ctx.start + duration)} Finished succesfully")], duration, 0,
               stop_seconds=None)


def _date(t: float) -> str:
    """busybox/coreutils ``date``: ``Thu Jan  1 00:00:05 UTC 2026``."""
    d = _ts(t)
    return d.strftime("%a %b ") + f"{d.day:2d}" + d.strftime(" %H:%M:%S UTC %Y")


def _perl(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    base = argv[0].rsplit("/", 1)[-1]
    if not base.startswith("perl"):
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))
    code = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a.startswith("-") and a.endswith("e")), "")
    m = re.search(r"print\s+bpi\((\d+)\)", code)
    if m:
        digits = min(int(m.group(1)), 20000)
        return Run([(3.0 + digits / 1000, _pi(digits))], 3.0 + digits / 1000 + 0.1, 0, stop_seconds=0.05)
    m = re.search(r"print\s+[\"'](.*?)[\"']", code)
    if m:
        return Run([(0.02, m.group(1).replace("\\n", ""))], 0.03, 0)
    return Run([], 0.02 if code else None, 0, stop_seconds=0.05)


def _pi(digits: int) -> str:
    """Pi to ``digits`` significant digits, rounded as Math::BigFloat's bpi does."""
    guard = 10
    scale = 10 ** (digits + guard)

    def arctan_inv(x: int) -> int:
        total = term = scale // x
        x2, n, sign = x * x, 3, -1
        while term:
            term //= x2
            total += sign * (term // n)
            sign, n = -sign, n + 2
        return total

    pi = 4 * (4 * arctan_inv(5) - arctan_inv(239))
    rounded = (pi + 5 * 10 ** (guard - 1)) // 10 ** guard
    s = str(rounded)
    return s[0] + "." + s[1:digits]


def _python(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    base = argv[0].rsplit("/", 1)[-1]
    if not base.startswith("python"):
        generic = _generic(spec, argv, ctx)
        return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))
    rest = argv[1:]
    if rest[:2] == ["-m", "http.server"]:
        port = int(rest[2]) if len(rest) > 2 and rest[2].isdigit() else 8000

        def http(method: str, path: str, client: str, agent: str, now: float, n: int) -> HttpReply:
            body = ('<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing '
                    'for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n'
                    "</body>\n</html>\n")
            stamp = _ts(now).strftime("%d/%b/%Y %H:%M:%S")
            return 200, {"Server": "SimpleHTTP/0.6 Python/" + spec.version.split("-")[0],
                         "Date": _http_date(now), "Content-type": "text/html; charset=utf-8",
                         "Content-Length": str(len(body))}, body, [f'{client} - - [{stamp}] "{method} {path} HTTP/1.1" 200 -']

        return Run([(0.1, f"Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ...")], None, 0, (port,),
                   0.1, None, 0, http)
    if rest[:1] == ["-c"] and len(rest) > 1:
        code = rest[1]
        lines = [(0.05, m.group(2)) for m in re.finditer(r"print\(\s*([\"'])(.*?)\1\s*\)", code)]
        sleep = sum(float(s) for s in re.findall(r"time\.sleep\(\s*([\d.]+)\s*\)", code))
        return Run(lines, 0.06 + sleep, 0, stop_seconds=None)
    if rest and not rest[0].startswith("-"):
        return Run([(0.03, f"python3: can't open file '/{rest[0]}': [Errno 2] No such file or directory")], 0.04, 2)
    if ctx.stdin:
        return Run([], None, 0, stop_seconds=None)
    return Run([], 0.05, 0)


def _pause(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    return Run([], None, 0, stop_seconds=0.05)


def _system(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    """Control-plane and add-on images: they run until stopped and log a few startup lines."""
    name = spec.ref.path.rsplit("/", 1)[-1]
    text = {"kube-proxy": ['server_linux.go:66] "Using iptables proxy"',
                           f'server.go:698] "Successfully retrieved node IP(s)" IPs=["{ctx.pod_ip}"]',
                           'server_linux.go:170] "Using iptables Proxier"',
                           'config.go:199] "Starting service config controller"',
                           'shared_informer.go:357] "Caches are synced" controller="service config"'],
            "coredns": None}.get(name, [f'server.go:124] "Starting {name}" version="{spec.version}"'])
    if name == "coredns":
        lines = [(0.1, ".:53"), (0.1, "[INFO] plugin/reload: Running configuration SHA512 = "
                 + hashlib.sha512(b"Corefile").hexdigest()),
                 (0.1, "CoreDNS-1.12.0"), (0.1, "linux/amd64, go1.23.3, 51e11f1")]
    else:
        lines = [(0.1 + i * 0.0137, f"I{_ts(ctx.start + 0.1 + i * 0.0137).strftime('%m%d %H:%M:%S.%f')}       1 {t}")
                 for i, t in enumerate(text)]
    return Run(lines, None, 0, stop_seconds=0.5)


PROGRAMS: dict[str, Callable[[ImageSpec, list[str], Context], Run]] = {
    "nginx": _nginx, "mysql": _mysql, "redis": _redis, "httpd": _httpd, "tomcat": _tomcat,
    "hello-app": _hello_app, "hello": _hello, "batch-job": _batch_job, "perl": _perl, "python": _python,
    "pause": _pause, "system": _system,
}


def _shell_image(spec: ImageSpec, argv: list[str], ctx: Context) -> Run:
    generic = _generic(spec, argv, ctx)
    return generic if generic is not None else Run(start_error=_exec_error(argv[0], spec))


PROGRAMS["shell"] = _shell_image


def exec_command(spec: ImageSpec, argv: list[str], ctx: Context, budget: float = 30.0) -> tuple[int, list[str]]:
    """``kubectl exec``: run ``argv`` in a running container of ``spec`` and return (exit code, output lines).

    Shells and the usual tools work in images that have them; anything else is runc's exec error
    (exit 126/127 as kubectl reports it is left to the caller). Commands that would run longer than
    ``budget`` seconds (``sleep 100``, ``tail -f``) are cut there.
    """
    from cluster_core.sim import sh

    exe = argv[0] if argv else ""
    base = exe.rsplit("/", 1)[-1]
    if base in ("sh", "ash", "bash", "dash") and spec.shell:
        if base == "bash" and ("busybox" in spec.ref.path or "alpine" in spec.ref.path):
            return 127, [_exec_error(exe, spec)]
        r = sh.shell_run(argv, ctx)
    elif spec.shell and base in sh.SHELL_TOOLS:
        r = sh.shell_run(["sh", "-c", " ".join(_quote(a) for a in argv)], ctx, direct=True)
    elif exe in spec.binaries or base in spec.binaries:
        return 0, []
    else:
        return 127, [_exec_error(exe, spec).replace("failed to create containerd task: failed to create shim task: "
                                                   "OCI runtime create failed: runc create failed: unable to start "
                                                   "container process: ", "OCI runtime exec failed: exec failed: "
                                                   "unable to start container process: ")]
    if r.start_error:
        return 127, [r.start_error]
    lines = [t for _, t in r.output(budget)]
    code = r.exit_code if r.exit_after is not None and r.exit_after <= budget else 0
    return code, lines


# ---------------------------------------------------------------- the shell moved to sim/sh.py
_MOVED_TO_SH = frozenset({"SHELL_TOOLS", "ShellExit", "ShellRun", "ShellSyntaxError", "shell_run", "_Interp",
                          "_Parser", "_lex"})


def __getattr__(name: str) -> Any:
    """Names of the shell interpreter, which used to live here, still resolve (``kubectl exec``
    reaches ``images._Interp``, ``images._Parser`` and ``images._lex``)."""
    if name in _MOVED_TO_SH:
        from cluster_core.sim import sh

        return getattr(sh, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
