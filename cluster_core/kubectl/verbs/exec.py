"""``kubectl exec POD -- COMMAND``: run a command in a running container and show what it prints.

The kubectl side is ported from v1.33 ``pkg/cmd/exec/exec.go``: ``--`` is required (``exec [POD]
[COMMAND] is not supported anymore``), the default container and its ``Defaulted container``
note, ``cannot exec into a container in a completed pod``, the API server's and kubelet's errors
(``pod x does not have a host assigned``, ``unable to upgrade connection: container not found``),
runc's ``executable file not found in $PATH`` as an Internal error, and ``command terminated with
exit code N`` with that exit code.

The container side is a small model of the image (:class:`Box`): which programs it has (busybox
applets, Debian's coreutils and dash, curl in current nginx images), its files (``/etc/hostname``,
``/etc/hosts``, nginx's pages and config), its environment (the image's ``ENV`` such as
``NGINX_VERSION`` plus what the kubelet sets). Commands and ``sh -c`` scripts run on the
simulation's shell interpreter (``cluster_core.sim.images``), subclassed here for the files, ``ls``,
``cat``, ``curl`` and ``wget``; output keeps its timing, so ``sleep`` takes simulated time. When
that interpreter cannot be used, ``kubelet.exec`` (one combined output, no timing) is the fallback.

There is no interactive shell: ``kubectl exec -it POD -- sh`` explains that and exits 1 (a script
piped to ``-i`` does run).
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from contextlib import contextmanager
from typing import Any

from cluster_core.api import errors
from cluster_core.kubectl import manifests
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, DURATION, STRING, STRING_SLICE, Flag
from cluster_core.kubectl.verbs.logs import (
    attachable_less,
    default_container,
    find_container,
    first_pod,
    kubelet_of,
    lookup_object,
)
from cluster_core.shell.jobs import LongRunning, register_long_running

HORIZON = 60.0          # simulated seconds of a command's output worked out ahead
MAX_EVENTS = 4000
STEP_LIMIT = 200_000
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SHELLS = ("sh", "ash", "bash", "dash")
NO_SHELL = ("The playground cannot open an interactive shell inside a container.\n"
            "Run one command at a time instead, for example:\n"
            "  kubectl exec {pod} -- ls /\n"
            "  kubectl exec {pod} -- sh -c 'echo $HOSTNAME; cat /etc/hostname'\n")

COREUTILS = ("sh dash bash cat ls echo env printenv hostname date pwd whoami id uname sleep true false head tail wc "
             "seq expr test [ touch mkdir rm cp mv yes tee grep sed awk printf basename dirname nproc").split()
BUSYBOX = [t for t in COREUTILS if t != "bash"] + "ash ps wget nslookup ping vi top free df du netstat ip ifconfig".split()


# ---------------------------------------------------------------- what a container has
class Box:
    """One container as ``exec`` sees it: programs, files, environment, and its name and address."""

    def __init__(self, flavor: str, tools: list[str], files: dict[str, str], dirs: dict[str, list[str]],
                 env: dict[str, str], pod: str, ip: str, version: str) -> None:
        self.flavor = flavor  # "debian", "busybox", "alpine" or "none"
        self.tools = set(tools)
        self.files = files
        self.dirs = dirs
        self.env = env
        self.pod = pod
        self.ip = ip
        self.version = version
        self.events: list[list[Any]] = []  # [t, fd, text]
        self.events_tty = False  # the command's output goes to a terminal (kubectl exec -it)
        self.main = ""
        self.pg: Any = None

    def has(self, name: str) -> bool:
        return name.rsplit("/", 1)[-1] in self.tools

    def exec_error(self, exe: str) -> str | None:
        """runc's refusal for a program the image does not have, or None."""
        base = exe.rsplit("/", 1)[-1]
        if base in self.tools and (not exe.startswith("/") or exe.rsplit("/", 1)[0] in (
                "/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "")):
            return None
        what = (f'exec: "{exe}": stat {exe}: no such file or directory' if "/" in exe
                else f'exec: "{exe}": executable file not found in $PATH')
        return f"OCI runtime exec failed: exec failed: unable to start container process: {what}: unknown"

    def is_dir(self, path: str) -> bool:
        return path in self.dirs

    def listing(self, path: str) -> list[str]:
        names = set(self.dirs.get(path, []))
        prefix = path.rstrip("/") + "/"
        for p in list(self.files) + list(self.dirs):
            if p.startswith(prefix) and p != path:
                names.add(p[len(prefix):].split("/", 1)[0])
        return sorted(names)


def _vt(version: str) -> tuple[int, ...]:
    nums = re.findall(r"\d+", version.split("-")[0])
    return tuple(int(n) for n in nums) or (0,)


def _nginx_files(version: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    from cluster_core.sim import images

    vt = _vt(version)
    new = vt >= (1, 21)
    index = images.NGINX_INDEX if new else images.NGINX_INDEX_OLD
    style = ("html { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n"
             "font-family: Tahoma, Verdana, Arial, sans-serif; }\n" if new else
             "    body {\n        width: 35em;\n        margin: 0 auto;\n"
             "        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n")
    log_hint = "the error log for details." if new else 'the <a href="http://nginx.org/r/error_log">error log</a> for details.'
    page50x = ("<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\n" + style + "</style>\n</head>\n"
               "<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable."
               "<br/>\nPlease try again later.</p>\n<p>If you are the system administrator of this resource then you "
               f"should check\n{log_hint}</p>\n<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n")
    conf = ("\nuser  nginx;\nworker_processes  " + ("auto" if vt >= (1, 19) else "1") + ";\n\n"
            "error_log  /var/log/nginx/error.log " + ("notice" if vt >= (1, 19) else "warn") + ";\n"
            "pid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n"
            "    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n"
            "    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n"
            "                      '$status $body_bytes_sent \"$http_referer\" '\n"
            "                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n"
            "    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n"
            "    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n")
    listen = "    listen       80;\n    listen  [::]:80;\n" if vt >= (1, 19) else "    listen       80;\n"
    default = ("server {\n" + listen + "    server_name  localhost;\n\n"
               + ("    #access_log  /var/log/nginx/host.access.log  main;\n" if vt >= (1, 19) else
                  "    #charset koi8-r;\n    #access_log  /var/log/nginx/log/host.access.log  main;\n")
               + "\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n"
               "    }\n\n    #error_page  404              /404.html;\n\n"
               "    # redirect server error pages to the static page /50x.html\n    #\n"
               "    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n"
               "        root   /usr/share/nginx/html;\n    }\n}\n")
    files = {"/usr/share/nginx/html/index.html": index, "/usr/share/nginx/html/50x.html": page50x,
             "/etc/nginx/nginx.conf": conf, "/etc/nginx/conf.d/default.conf": default,
             "/etc/nginx/mime.types": "\ntypes {\n    text/html                             html htm shtml;\n}\n",
             "/etc/nginx/fastcgi_params": "", "/etc/nginx/scgi_params": "", "/etc/nginx/uwsgi_params": "",
             "/etc/nginx/koi-utf": "", "/etc/nginx/koi-win": "", "/etc/nginx/win-utf": ""}
    dirs: dict[str, list[str]] = {"/var/log/nginx": ["access.log", "error.log"], "/var/cache/nginx": []}
    if vt >= (1, 11):
        dirs["/etc/nginx/modules"] = []
    if vt >= (1, 19):
        files["/docker-entrypoint.sh"] = ""
        dirs["/docker-entrypoint.d"] = ["10-listen-on-ipv6-by-default.sh", "15-local-resolvers.envsh",
                                        "20-envsubst-on-templates.sh", "30-tune-worker-processes.sh"]
    return files, dirs


def _debian_release(spec: Any) -> tuple[str, str, str]:
    """(codename, number, PKG_RELEASE suffix) of an image's Debian base."""
    if spec.program == "nginx":
        vt = _vt(spec.version)
        if vt < (1, 11):
            return "jessie", "8", "~jessie"
        if vt < (1, 19):
            return "buster", "10", "~buster"
        if vt < (1, 25):
            return "bullseye", "11", "~bullseye"
    return "bookworm", "12", "~bookworm"


def _os_release(flavor: str, spec: Any) -> str | None:
    path = spec.ref.path
    if flavor == "busybox":
        return None
    if flavor == "alpine":
        v = "3.22.2"
        return (f'NAME="Alpine Linux"\nID=alpine\nVERSION_ID={v}\nPRETTY_NAME="Alpine Linux v{v.rsplit(".", 1)[0]}"\n'
                'HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n')
    if path == "library/ubuntu":
        return ('PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.3 LTS (Noble '
                'Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\n'
                'SUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\n'
                'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\n'
                'UBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n')
    code, num, _ = _debian_release(spec)
    if code == "jessie":
        return ('PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 '
                '(jessie)"\nID=debian\nHOME_URL="http://www.debian.org/"\nSUPPORT_URL="http://www.debian.org/support/"\n'
                'BUG_REPORT_URL="https://bugs.debian.org/"\n')
    return (f'PRETTY_NAME="Debian GNU/Linux {num} ({code})"\nNAME="Debian GNU/Linux"\nVERSION_ID="{num}"\n'
            f'VERSION="{num} ({code})"\nVERSION_CODENAME={code}\nID=debian\nHOME_URL="https://www.debian.org/"\n'
            'SUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n')


def _image_env(spec: Any) -> dict[str, str]:
    """The image's ``ENV`` lines (PATH first when the image changes it)."""
    prog, v = spec.program, spec.version.split("-")[0]
    if prog == "nginx":
        if "alpine" in spec.version:
            return {"NGINX_VERSION": v, "PKG_RELEASE": "1"}
        code, _num, suffix = _debian_release(spec)
        if code == "jessie":
            return {"NGINX_VERSION": f"{v}-1{suffix}"}
        return {"NGINX_VERSION": v, "PKG_RELEASE": f"1{suffix}"}
    if prog == "httpd":
        return {"PATH": "/usr/local/apache2/bin:" + PATH, "HTTPD_PREFIX": "/usr/local/apache2", "HTTPD_VERSION": v}
    if prog == "python":
        return {"LANG": "C.UTF-8", "PYTHON_VERSION": v}
    if prog == "redis":
        return {"REDIS_VERSION": v}
    if prog == "mysql":
        return {"MYSQL_MAJOR": ".".join(v.split(".")[:2]), "MYSQL_VERSION": f"{v}-1.el9"}
    if prog == "tomcat":
        return {"PATH": "/usr/local/tomcat/bin:" + PATH, "LANG": "C.UTF-8", "CATALINA_HOME": "/usr/local/tomcat",
                "TOMCAT_MAJOR": "8", "TOMCAT_VERSION": "8.0.35"}
    return {}


def build_box(pg: Any, pod: dict, container: dict, spec: Any) -> Box:
    """The container's world for ``exec``, from its image and its pod."""
    meta = pod["metadata"]
    status = pod.get("status") or {}
    ip = status.get("podIP", "")
    ns = meta.get("namespace", "default")
    path = spec.ref.path
    if not spec.shell:
        flavor = "none"
    elif "busybox" in path:
        flavor = "busybox"
    elif "alpine" in path or "alpine" in spec.version:
        flavor = "alpine"
    else:
        flavor = "debian"
    tools = {"none": [], "busybox": BUSYBOX, "alpine": BUSYBOX + ["apk"], "debian": COREUTILS}[flavor]
    tools = list(tools) + [b.rsplit("/", 1)[-1] for b in spec.binaries]
    if flavor == "alpine":
        tools = [t for t in tools if t != "bash"]
    if spec.program == "nginx" and (_vt(spec.version) >= (1, 19) or "alpine" in spec.version):
        tools.append("curl")
    if spec.program == "python" and "slim" not in spec.version and "alpine" not in spec.version:
        tools += ["curl", "wget"]
    hosts = ("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
             "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
             f"{ip}\t{meta['name']}\n")
    files = {"/etc/hostname": meta["name"] + "\n", "/etc/hosts": hosts,
             "/etc/resolv.conf": f"search {ns}.svc.cluster.local svc.cluster.local cluster.local\n"
                                 "nameserver 10.96.0.10\noptions ndots:5\n",
             "/var/run/secrets/kubernetes.io/serviceaccount/namespace": ns,
             "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt": "-----BEGIN CERTIFICATE-----\n"
             + hashlib.sha256(b"ca").hexdigest() + "\n-----END CERTIFICATE-----\n",
             "/var/run/secrets/kubernetes.io/serviceaccount/token": "eyJhbGciOiJSUzI1NiIsImtpZCI6Ij"
             + hashlib.sha256(meta.get("uid", "").encode()).hexdigest()}
    release = _os_release(flavor, spec)
    if release:
        files["/etc/os-release"] = release
    if flavor == "debian":
        root = "bin boot dev etc home lib lib64 media mnt opt proc root run sbin srv sys tmp usr var".split()
    elif flavor == "alpine":
        root = "bin dev etc home lib media mnt opt proc root run sbin srv sys tmp usr var".split()
    else:
        root = "bin dev etc home lib lib64 proc root sys tmp usr var".split()
    dirs: dict[str, list[str]] = {"/": root, "/tmp": [], "/root": [], "/home": [], "/proc": ["1", "self"],
                                  "/sys": [], "/dev": "core fd full mqueue null ptmx pts random shm stderr stdin "
                                  "stdout termination-log tty urandom zero".split(), "/usr": ["bin", "lib", "local",
                                  "sbin", "share"], "/var": ["cache", "lib", "log", "run", "tmp"],
                                  "/bin": sorted(t for t in tools if "/" not in t and t != "["), "/etc": []}
    if spec.program == "nginx":
        nfiles, ndirs = _nginx_files(spec.version)
        files.update(nfiles)
        dirs.update(ndirs)
        if "/docker-entrypoint.sh" in files:
            root += ["docker-entrypoint.d", "docker-entrypoint.sh"]
            dirs["/"] = sorted(root)
    env = dict(_kubelet_env(pg, pod, container))
    image_env = _image_env(spec)
    if "PATH" in image_env:
        env["PATH"] = image_env.pop("PATH")
    ordered: dict[str, str] = {}
    for k in ("PATH", "HOSTNAME"):
        if k in env:
            ordered[k] = env.pop(k)
    ordered.update(image_env)
    home = env.pop("HOME", "/root")
    ordered.update(env)
    ordered["HOME"] = home
    box = Box(flavor, tools, files, dirs, ordered, meta["name"], ip, spec.version.split("-")[0])
    box.pg = pg
    from cluster_core.sim import images

    box.main = " ".join(images.argv_for(spec, container))
    return box


def _kubelet_env(pg: Any, pod: dict, container: dict) -> dict[str, str]:
    """The environment the kubelet gives the container (an adapter over its ``_env``)."""
    kubelet = pg.sim.component("kubelet")
    try:
        pr = kubelet.pods[pod["metadata"]["uid"]]
        env, _problem = kubelet._env(pod, pr, container)
        return env
    except Exception:  # noqa: BLE001 - the kubelet's internals moved: build the basics here
        env = {"PATH": PATH, "HOSTNAME": pod["metadata"]["name"]}
        env.update({e["name"]: str(e.get("value", "")) for e in container.get("env") or () if "name" in e})
        env.update({"KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443", "HOME": "/root"})
        return env


# ---------------------------------------------------------------- running commands in the box
def _original_interp() -> Any:
    from cluster_core.sim import images

    current = images._Interp
    return getattr(current, "original", current)


@functools.cache
def _shell_class() -> Any:
    """The simulation's shell interpreter, taught this container's files and tools."""
    base = _original_interp()

    class ExecShell(base):  # type: ignore[misc, valid-type]
        def __init__(self, ctx: Any, positional: list[str], shell: str, sink: Any) -> None:
            super().__init__(ctx, positional, shell, sink)
            self.box: Box = ctx.exec_box
            self.files = self.box.files
            self.outs = [("out",)]
            self.errs = [("err",)]

        def _write(self, target: Any, text: str) -> None:
            kind = target[0]
            if kind in ("out", "log", "err"):
                if text:
                    self.box.events.append([self.t, 2 if kind == "err" else 1, text])
            elif kind == "null":
                return
            else:
                super()._write(target, text)

        def _missing(self, name: str) -> int | None:
            if self.box.has(name):
                return None
            self.not_found(name)
            return 127

        # files ------------------------------------------------------------
        def _path(self, p: str) -> str:
            if not p.startswith("/"):
                p = "/" + p
            p = re.sub(r"/+", "/", p)
            return p.rstrip("/") or "/"

        def b_cat(self, args: list[str], stdin: str | None) -> int:
            names = [a for a in args if a == "-" or not a.startswith("-")]
            if not names:
                self.out(stdin or "")
                return 0
            code = 0
            coreutils = self.box.flavor == "debian"
            for a in names:
                if a == "-":
                    self.out(stdin or "")
                    continue
                p = self._path(a)
                if p in self.files:
                    self.out(self.files[p])
                elif self.box.is_dir(p) or self.box.listing(p):
                    self.err(f"cat: {a}: Is a directory\n" if coreutils else "cat: read error: Is a directory\n")
                    code = 1
                else:
                    self.err(f"cat: {a}: No such file or directory\n" if coreutils else
                             f"cat: can't open '{a}': No such file or directory\n")
                    code = 1
            return code

        def b_ls(self, args: list[str], stdin: str | None) -> int:
            opts = "".join(a[1:] for a in args if a.startswith("-") and a != "-")
            paths = [a for a in args if not a.startswith("-") or a == "-"] or ["."]
            coreutils = self.box.flavor == "debian"
            code = 0
            blocks: list[tuple[str, list[str]]] = []
            plain: list[str] = []
            for a in paths:
                p = self._path("/" if a == "." else a)
                if p in self.files:
                    plain.append(a)
                elif self.box.is_dir(p) or self.box.listing(p):
                    names = self.box.listing(p)
                    if "a" in opts:
                        names = [".", ".."] + names
                    blocks.append((a, names))
                else:
                    self.err(f"ls: cannot access '{a}': No such file or directory\n" if coreutils else
                             f"ls: {a}: No such file or directory\n")
                    code = 2 if coreutils else 1
            out: list[str] = []
            if plain:
                out.append(self._columns(plain, "1" in opts))
            for i, (a, names) in enumerate(blocks):
                if len(paths) > 1:
                    out.append(("\n" if out or i else "") + f"{a}:\n")
                out.append(self._columns(names, "1" in opts))
            self.out("".join(out))
            return code

        def _columns(self, names: list[str], one: bool) -> str:
            if not names:
                return ""
            if one or not self.box.events_tty:
                return "".join(n + "\n" for n in names)
            return columns(names, 80)

        def b_tee(self, args: list[str], stdin: str | None) -> int:
            append = "-a" in args
            for a in (a for a in args if not a.startswith("-")):
                p = self._path(a)
                self.files[p] = (self.files.get(p, "") if append else "") + (stdin or "")
            self.out(stdin or "")
            return 0

        def b_cp(self, args: list[str], stdin: str | None, move: bool = False) -> int:
            names = [a for a in args if not a.startswith("-")]
            prog = "mv" if move else "cp"
            if len(names) < 2:
                self.err(f"{prog}: missing file operand\n")
                return 1
            src, dst = self._path(names[0]), self._path(names[-1])
            if src not in self.files:
                self.err(f"{prog}: cannot stat '{names[0]}': No such file or directory\n")
                return 1
            if self.box.is_dir(dst) or self.box.listing(dst):
                dst = dst.rstrip("/") + "/" + src.rsplit("/", 1)[-1]
            self.files[dst] = self.files[src]
            if move:
                del self.files[src]
            return 0

        def b_mv(self, args: list[str], stdin: str | None) -> int:
            return self.b_cp(args, stdin, move=True)

        def b_basename(self, args: list[str], stdin: str | None) -> int:
            self.out((args[0].rstrip("/").rsplit("/", 1)[-1] if args else "") + "\n")
            return 0 if args else 1

        def b_dirname(self, args: list[str], stdin: str | None) -> int:
            head = args[0].rstrip("/").rsplit("/", 1)[0] if args and "/" in args[0].rstrip("/") else "."
            self.out((head or "/") + "\n")
            return 0 if args else 1

        def b_nproc(self, args: list[str], stdin: str | None) -> int:
            self.out(f"{self.ctx.cpus}\n")
            return 0

        def b_hostname(self, args: list[str], stdin: str | None) -> int:
            self.out((self.box.ip if "-i" in args else self.box.pod) + "\n")
            return 0

        def b_ps(self, args: list[str], stdin: str | None) -> int:
            if (code := self._missing("ps")) is not None:
                return code
            self.out(f"PID   USER     TIME  COMMAND\n    1 root      0:00 {self.box.main}\n"
                     f"    7 root      0:00 ps {' '.join(args)}".rstrip() + "\n")
            return 0

        def b_nslookup(self, args: list[str], stdin: str | None) -> int:
            if (code := self._missing("nslookup")) is not None:
                return code
            return super().b_nslookup(args, stdin)

        def b_ping(self, args: list[str], stdin: str | None) -> int:
            if (code := self._missing("ping")) is not None:
                return code
            return super().b_ping(args, stdin)

        def b_nginx(self, args: list[str], stdin: str | None) -> int:
            if (code := self._missing("nginx")) is not None:
                return code
            if "-v" in args or "-V" in args:
                self.err(f"nginx version: nginx/{self.box.version}\n")
                return 0
            if "-t" in args:
                self.err("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
                         "nginx: configuration file /etc/nginx/nginx.conf test is successful\n")
                return 0
            if "-s" in args:
                return 0
            self.err("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n")
            return 1

        def b_curl(self, args: list[str], stdin: str | None) -> int:
            if (code := self._missing("curl")) is not None:
                return code
            from cluster_core.kubectl.curl import IO, Curl, PodNetwork

            def save(path: str, text: str) -> str:
                self.files[self._path(path)] = text
                return ""

            io = IO(self.out, self.err, self.box.events_tty, save)
            return Curl(io, PodNetwork(self.box.pg, client_ip=self.box.ip, self_ip=self.box.ip),
                        self.ctx.start + self.t).run(list(args))

        def b_wget(self, args: list[str], stdin: str | None) -> int:
            if (code := self._missing("wget")) is not None:
                return code
            return busybox_wget(self, args)

    def _dynamic(self: Any, name: str) -> Any:
        if name.startswith("b_") and "box" in self.__dict__ and self.box.has(name[2:]):
            def unsimulated(args: list[str], stdin: str | None) -> int:
                self.err(f"{name[2:]}: this program is not simulated in the playground's containers\n")
                return 1
            return unsimulated
        raise AttributeError(name)

    ExecShell.__getattr__ = _dynamic  # programs the image has but nobody simulated: say so
    return ExecShell


def busybox_wget(sh: Any, args: list[str]) -> int:
    """busybox wget: ``-q``, ``-O FILE``/``-O-``, one URL."""
    from cluster_core.kubectl.curl import PodNetwork, parse_url

    quiet = False
    out_file = None
    urls = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--") or not a.startswith("-") or a == "-":
            if not a.startswith("-"):
                urls.append(a)
            continue
        letters = a[1:]
        for j, c in enumerate(letters):
            if c == "q":
                quiet = True
            elif c in "OoUTPY":
                value = letters[j + 1:]
                if not value and i < len(args):
                    value = args[i]
                    i += 1
                if c == "O":
                    out_file = value
                break
    if not urls:
        sh.err("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] "
               "[-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t"
               "[-P DIR] [-U AGENT] [-T SEC] URL...\n")
        return 1
    url = parse_url(urls[0])
    if isinstance(url, tuple):
        sh.err(f"wget: bad address '{urls[0]}'\n")
        return 1
    net = PodNetwork(sh.box.pg, client_ip=sh.box.ip, self_ip=sh.box.ip)
    ips = net.resolve(url.host)
    if not ips:
        sh.err(f"wget: bad address '{url.host}'\n")
        return 1
    ip = ips[0]
    if not quiet:
        sh.err(f"Connecting to {url.host} ({ip}:{url.port})\n")
    reply = net.exchange(ip, url.port, "GET", url.path, "Wget", url.scheme == "https")
    if isinstance(reply, str) or reply[0] in ("tls", "empty", 0):
        why = {"noroute": "No route to host", "unreachable": "Network is unreachable"}.get(str(reply),
                                                                                          "Connection refused")
        sh.err(f"wget: can't connect to remote host ({ip}): {why}\n")
        return 1
    status, _headers, body = reply
    if status >= 400:
        from cluster_core.kubectl.curl import REASONS

        sh.err(f"wget: server returned error: HTTP/1.1 {status} {REASONS.get(status, '')}\n")
        return 1
    name = out_file if out_file is not None else (url.path.rsplit("/", 1)[-1] or "index.html")
    to_stdout = name == "-"
    if not quiet:
        sh.err("writing to stdout\n" if to_stdout else f"saving to '{name}'\n")
        shown = "-" if to_stdout else name
        sh.err(f"{shown:<20} 100% |{'*' * 32}| {len(body):5d}  0:00:00 ETA\n")
        sh.err("written to stdout\n" if to_stdout else f"'{name}' saved\n")
    if to_stdout:
        sh.out(body)
    else:
        sh.files[sh._path(name)] = body
    return 0


def columns(names: list[str], width: int) -> str:
    """GNU ls's vertical columns for a terminal ``width`` wide (two spaces between columns)."""
    n = len(names)
    for cols in range(n, 0, -1):
        rows = -(-n // cols)
        grid = [names[c * rows:(c + 1) * rows] for c in range(cols)]
        if any(not col for col in grid):
            continue
        widths = [max(len(x) for x in col) + 2 for col in grid]
        if sum(widths) - 2 <= width or cols == 1:
            lines = []
            for r in range(rows):
                cells = [(grid[c][r], widths[c]) for c in range(cols) if r < len(grid[c])]
                lines.append("".join(name.ljust(w) for name, w in cells[:-1]) + cells[-1][0])
            return "".join(ln + "\n" for ln in lines)
    return "".join(x + "\n" for x in names)


class _Dispatch:
    """Stands in for the simulation's ``_Interp`` while a command runs in a container: the nested
    ``sh -c`` and ``$(...)`` of *that* command (their context carries the container) get the exec
    interpreter; any other construction gets the original class."""

    original: Any = None
    exec_class: Any = None

    def __new__(cls, ctx: Any, positional: list[str], shell: str, sink: Any) -> Any:  # type: ignore[misc]
        klass = cls.exec_class if getattr(ctx, "exec_box", None) is not None else cls.original
        return klass(ctx, positional, shell, sink)


_SWAP_LOCK = threading.Lock()


@contextmanager
def _interpreter(cls: Any) -> Any:
    """Let nested interpreters of an exec'd command be ours, for the length of the command."""
    from cluster_core.sim import images

    original = _original_interp()
    _Dispatch.original, _Dispatch.exec_class = original, cls
    with _SWAP_LOCK:
        images._Interp = _Dispatch
        try:
            yield
        finally:
            images._Interp = original


def run_in_box(box: Box, argv: list[str], now: float, seed: str, stdin: str, tty: bool,
               horizon: float = HORIZON) -> tuple[int | None, float | None]:
    """Run ``argv``; ``box.events`` gets the output. Returns (exit code or None if still running at the
    horizon, when it ended in seconds after start or None)."""
    from cluster_core.sim import images

    box.events = []
    box.events_tty = tty
    ctx = images.Context(start=now, pod_name=box.pod, pod_ip=box.ip, env=dict(box.env), seed=seed)
    ctx.exec_box = box  # type: ignore[attr-defined]
    cls = _shell_class()
    exe = argv[0].rsplit("/", 1)[-1]
    shell = {"bash": "bash", "sh": "dash" if box.flavor == "debian" else "sh", "dash": "dash",
             "ash": "sh"}.get(exe, "dash" if box.flavor == "debian" else "sh")
    positional: list[str] = []
    if exe in SHELLS:
        rest = argv[1:]
        while rest and rest[0].startswith("-") and rest[0] != "-c" and not rest[0].startswith("-c"):
            rest = rest[1:]
        if rest and rest[0] == "-c" and len(rest) >= 2:
            script, positional = rest[1], rest[2:]
        elif rest and rest[0] == "-c":
            box.events.append([0.0, 2, f"{'bash' if shell == 'bash' else 'sh'}: -c: option requires an argument\n"])
            return 2, 0.0
        elif rest:
            path = rest[0] if rest[0].startswith("/") else "/" + rest[0]
            if path not in box.files:
                msg = {"bash": (f"bash: {rest[0]}: No such file or directory\n", 127),
                       "dash": (f"sh: 0: cannot open {rest[0]}: No such file\n", 2)}.get(
                    shell, (f"sh: can't open '{rest[0]}': No such file or directory\n", 2))
                box.events.append([0.0, 2, msg[0]])
                return msg[1], 0.0
            script, positional = box.files[path], rest[1:]
        else:
            script = stdin
    else:
        script = " ".join(images._quote(a) for a in argv)
        if stdin:
            script = f"printf '%s' {images._quote(stdin)} | {script}"
        shell = "dash" if box.flavor == "debian" else "sh"
    with _interpreter(cls):
        sh = cls(ctx, positional, shell, [])
        try:
            images._Parser(images._lex(script)).parse()
        except Exception as e:  # noqa: BLE001 - the interpreter's syntax errors
            where = "bash: -c: line 1" if shell == "bash" else "sh: 1"
            box.events.append([0.0, 2, f"{where}: Syntax error: {e}\n"])
            return 2, 0.0
        gen = sh.run(script)
        steps = 0
        try:
            while True:
                next(gen)
                steps += 1
                if sh.t > horizon or steps > STEP_LIMIT or len(box.events) > MAX_EVENTS:
                    return None, None
        except StopIteration as stop:
            code = stop.value if isinstance(stop.value, int) else sh.status
            return code, sh.t


# ---------------------------------------------------------------- the command that keeps running
@register_long_running
class ExecRun(LongRunning):
    """A command in a container that takes simulated time (``sleep 5``, a loop): output as it comes.

    Its output is worked out ``horizon`` seconds ahead; on a wall clock a command that runs longer
    is worked out again further ahead (the interpreter is deterministic, so the output is the
    same). When its container stops, the command dies with it (exit code 137).
    """

    kind = "kubectl.exec"

    def __init__(self, job: dict[str, Any], events: list[list[Any]], end: float | None, code: int | None,
                 shown: int = 0) -> None:
        self.job = job  # ns, pod, uid, container, cid, argv, seed, stdin, tty, start, horizon
        self.events, self.end, self.code, self.shown = events, end, code, shown

    @property
    def start(self) -> float:
        return float(self.job["start"])

    def to_state(self) -> dict[str, Any]:
        return {"job": self.job, "events": self.events, "end": self.end, "code": self.code, "shown": self.shown}

    @classmethod
    def from_state(cls, s: dict[str, Any]) -> ExecRun:
        return cls(dict(s["job"]), [list(e) for e in s["events"]], s["end"], s["code"], int(s["shown"]))

    def _alive(self, host: Any) -> bool:
        pod = host.server.ref("Pod", self.job["ns"], self.job["pod"])
        if pod is None or pod["metadata"].get("uid") != self.job["uid"]:
            return False
        cs = next((c for c in (pod.get("status") or {}).get("containerStatuses") or ()
                   if c.get("name") == self.job["container"]), {})
        return cs.get("containerID") == self.job["cid"] and "running" in (cs.get("state") or {})

    def _extend(self, host: Any) -> None:
        """Work the output out further ahead (a long-running command on a wall clock)."""
        from cluster_core.sim import images

        pod = host.server.ref("Pod", self.job["ns"], self.job["pod"])
        container = find_container(pod, self.job["container"]) if pod else None
        spec = images.lookup((container or {}).get("image", ""))
        if pod is None or container is None or spec is None:
            return
        horizon = min(float(self.job["horizon"]) * 2, 86400.0)
        box = build_box(host.pg, pod, container, spec)
        code, end = run_in_box(box, list(self.job["argv"]), self.start, self.job["seed"], self.job["stdin"],
                               bool(self.job["tty"]), horizon)
        self.job["horizon"] = horizon
        self.events, self.end, self.code = box.events[:MAX_EVENTS * 4], end, code

    def poll(self, ctx: Any) -> int | None:
        host = ctx.host
        now = host.clock.now
        tty = bool(self.job["tty"])
        while self.shown < len(self.events) and self.start + self.events[self.shown][0] <= now + 1e-9:
            _t, fd, text = self.events[self.shown]
            emit(ctx, fd, text, tty)
            self.shown += 1
        if self.end is not None and now + 1e-9 >= self.start + self.end and self.shown >= len(self.events):
            return finish(ctx, self.code or 0)
        if not self._alive(host):
            return finish(ctx, 137)
        if self.end is None and not host.clock.manual and now > self.start + float(self.job["horizon"]) - 10:
            self._extend(host)
        return None

    def wake_at(self, ctx: Any) -> float | None:
        host = ctx.host
        if self.shown < len(self.events):
            nxt: float | None = self.start + self.events[self.shown][0]
        elif self.end is not None:
            nxt = self.start + self.end
        elif not host.clock.manual:
            nxt = self.start + float(self.job["horizon"]) - 10
        else:
            nxt = None
        pod = host.server.ref("Pod", self.job["ns"], self.job["pod"])
        if pod is not None and pod["metadata"].get("deletionTimestamp"):
            peek = host.clock.peek()
            if peek is not None and (nxt is None or peek < nxt):
                nxt = peek
        if not self._alive(host):
            return host.clock.now
        return nxt


def emit(ctx: Any, fd: int, text: str, tty: bool) -> None:
    """Output of the remote command: with a TTY everything comes on stdout with CRLF line ends."""
    if tty:
        ctx.write(text.replace("\r\n", "\n").replace("\n", "\r\n"))
    elif fd == 2:
        ctx.write_err(text)
    else:
        ctx.write(text)


def finish(ctx: Any, code: int) -> int:
    if code:
        ctx.write_err(f"command terminated with exit code {code}\n")
    return code


# ---------------------------------------------------------------- kubectl exec
def _exec_id(pod: dict, now: float, argv: list[str]) -> str:
    return hashlib.sha256(f"{pod['metadata'].get('uid')}:{now}:{argv}".encode()).hexdigest()


def _resolve(ctx: Any, opts: Any, resource: str) -> dict:
    if opts["filename"]:
        ms = manifests.load(ctx, opts["filename"], False)
        if not ms:
            raise CommandError("no objects passed to exec")
        from cluster_core.kubectl.objects import map_manifest

        t = map_manifest(ctx, ms[0])
        obj = ctx.server.get(t.rt.kind, t.namespace or None, t.name)
        if obj is None:
            raise errors.not_found(t.rt.qualified_plural, t.name)
        return obj
    return lookup_object(ctx, resource)


def run(ctx: Any, opts: Any) -> Any:
    args = opts.args
    at_dash = len(args) - len(opts.dash_args) if opts.dash_args is not None else -1
    resource = args[0] if args and at_dash != 0 else ""
    if at_dash > -1:
        command = args[at_dash:]
    elif len(args) > 1:
        raise UsageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead")
    else:
        command = []
    if not resource and not opts["filename"]:
        raise CommandError("pod, type/name or --filename must be specified")
    if not command:
        raise CommandError("you must specify at least one command for the container")
    obj = _resolve(ctx, opts, resource)
    pod, _ = first_pod(ctx, obj, attachable_less, "cannot attach to")
    phase = (pod.get("status") or {}).get("phase", "")
    if phase in ("Succeeded", "Failed"):
        raise CommandError(f"cannot exec into a container in a completed pod; current phase is {phase}")
    name = opts["container"] or default_container(pod, ctx.write_err, quiet=opts["quiet"])
    tty = False
    if opts["stdin"] and opts["tty"]:
        if ctx.stdin:
            if not opts["quiet"]:
                ctx.write_err("Unable to use a TTY - input is not a terminal or the right kind of file\n")
        else:
            tty = True
    pname = pod["metadata"]["name"]
    if not pod["spec"].get("nodeName"):
        raise errors.bad_request(f"pod {pname} does not have a host assigned")
    container = next((c for c in pod["spec"].get("containers") or () if c["name"] == name), None)
    if container is None:
        raise errors.bad_request(f"container {name} is not valid for pod {pname}")
    cs = next((s for s in (pod.get("status") or {}).get("containerStatuses") or () if s.get("name") == name), {})
    if "running" not in (cs.get("state") or {}):
        raise CommandError(f'unable to upgrade connection: container not found ("{name}")')
    return _execute(ctx, pod, container, command, opts, tty)


def _execute(ctx: Any, pod: dict, container: dict, argv: list[str], opts: Any, tty: bool) -> Any:
    from cluster_core.sim import images

    spec = images.lookup(container.get("image", ""))
    if spec is None:
        return _fallback(ctx, pod, container["name"], argv)
    box = build_box(ctx.pg, pod, container, spec)
    problem = box.exec_error(argv[0])
    if problem:
        eid = _exec_id(pod, ctx.now, argv)
        raise CommandError("Internal error occurred: error executing command in container: failed to exec in "
                           f'container: failed to start exec "{eid}": {problem}')
    exe = argv[0].rsplit("/", 1)[-1]
    script_args = [a for a in argv[1:] if not (a.startswith("-") and "c" not in a)]
    interactive = exe in SHELLS and not script_args
    stdin = ctx.stdin if opts["stdin"] else ""
    if interactive and not stdin:
        ctx.write_err(NO_SHELL.format(pod=pod["metadata"]["name"]))
        return 1
    try:
        code, end = run_in_box(box, argv, ctx.now, _exec_id(pod, ctx.now, argv), stdin, tty)
    except Exception:  # noqa: BLE001 - the interpreter changed under us: use the kubelet's plain exec
        return _fallback(ctx, pod, container["name"], argv)
    events = box.events
    now_events = [e for e in events if e[0] <= 0.0]
    for _t, fd, text in now_events:
        emit(ctx, fd, text, tty)
    if end is not None and end <= 0.0:
        return finish(ctx, code or 0)
    cs = next((c for c in (pod.get("status") or {}).get("containerStatuses") or ()
               if c.get("name") == container["name"]), {})
    job = {"ns": pod["metadata"]["namespace"], "pod": pod["metadata"]["name"], "uid": pod["metadata"]["uid"],
           "container": container["name"], "cid": cs.get("containerID", ""), "argv": list(argv),
           "seed": _exec_id(pod, ctx.now, argv), "stdin": stdin, "tty": tty, "start": ctx.now, "horizon": HORIZON}
    return ExecRun(job, events, end, code, len(now_events))


def _fallback(ctx: Any, pod: dict, container: str, argv: list[str]) -> int:
    """The simulation's own ``kubelet.exec``: combined output, no timing."""
    from cluster_core.sim.kubelet import LogError

    try:
        code, lines = kubelet_of(ctx).exec(pod, container, argv)
    except LogError as e:
        raise CommandError(str(e)) from None
    if code == 127 and lines and lines[0].startswith("OCI runtime exec failed"):
        eid = _exec_id(pod, ctx.now, argv)
        raise CommandError("Internal error occurred: error executing command in container: failed to exec in "
                           f'container: failed to start exec "{eid}": {lines[0]}')
    ctx.write("".join(ln + "\n" for ln in lines))
    return finish(ctx, code)


COMMAND = Command(
    "exec", "Execute a command in a container",
    "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]", run,
    flags=[
        Flag("container", STRING, "", "c", "Container name. If omitted, use the kubectl.kubernetes.io/default-"
             "container annotation for selecting the container to be attached or the first container in the pod "
             "will be chosen"),
        Flag("filename", STRING_SLICE, [], "f", "to use to exec into the resource"),
        Flag("pod-running-timeout", DURATION, 60, help="The length of time (like 5s, 2m, or 3h, higher than zero) "
             "to wait until at least one pod is running"),
        Flag("quiet", BOOL, False, "q", "Only print output from the remote session"),
        Flag("stdin", BOOL, False, "i", "Pass stdin to the container"),
        Flag("tty", BOOL, False, "t", "Stdin is a TTY"),
    ],
    long="Execute a command in a container.",
    examples="# Get output from running the 'date' command from pod mypod, using the first container by default\n"
             "kubectl exec mypod -- date\n\n"
             "# Get output from running the 'date' command in ruby-container from pod mypod\n"
             "kubectl exec mypod -c ruby-container -- date\n\n"
             "# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n"
             "# and sends stdout/stderr from 'bash' back to the client\n"
             "kubectl exec mypod -c ruby-container -i -t -- bash -il\n\n"
             "# List contents of /usr from the first container of pod mypod and sort by modification time\n"
             "# If the command you want to execute in the pod has any flags in common (e.g. -i),\n"
             "# you must use two dashes (--) to separate your command's flags/arguments\n"
             "# Also note, do not surround your command and its flags/arguments with quotes\n"
             "# unless that is how you would execute it normally (i.e., do ls -t /usr, not \"ls -t /usr\")\n"
             "kubectl exec mypod -i -t -- ls -t /usr\n\n"
             "# Get output from running 'date' command from the first pod of the deployment mydeployment, using the "
             "first container by default\nkubectl exec deploy/mydeployment -- date\n\n"
             "# Get output from running 'date' command from the first pod of the service myservice, using the first "
             "container by default\nkubectl exec svc/myservice -- date",
    group="Troubleshooting and Debugging Commands")
