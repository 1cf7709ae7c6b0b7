"""What one kubectl invocation works with: the cluster, the clock, files, output, and kubeconfig.

kubectl reads ``~/.kube/config`` for the current context's namespace, as the real one does, so
``kubectl config set-context --current --namespace=user-test`` changes a file the student can
``cat``. The file system and output streams are the shell's; kubectl only sees this context.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import yaml

from cluster_core.api.server import copy_obj

if TYPE_CHECKING:
    from cluster_core.playground import Playground

KUBECONFIG_PATH = ".kube/config"
CONTEXT_NAME = "kubernetes-admin@kubernetes"
SERVER_URL = "https://192.168.0.11:6443"

# Base64 of PEM blocks that say what they are: ``config view`` shows DATA+OMITTED, ``--raw`` these.
_FAKE_PEM = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nsimulated playground certificate\n"
                             b"-----END CERTIFICATE-----\n").decode()
_FAKE_KEY = base64.b64encode(b"-----BEGIN RSA PRIVATE KEY-----\nsimulated playground key\n"
                             b"-----END RSA PRIVATE KEY-----\n").decode()

DEFAULT_KUBECONFIG: dict[str, Any] = {
    "apiVersion": "v1",
    "clusters": [{"cluster": {"certificate-authority-data": _FAKE_PEM, "server": SERVER_URL},
                  "name": "kubernetes"}],
    "contexts": [{"context": {"cluster": "kubernetes", "user": "kubernetes-admin"}, "name": CONTEXT_NAME}],
    "current-context": CONTEXT_NAME,
    "kind": "Config",
    "preferences": {},
    "users": [{"name": "kubernetes-admin",
               "user": {"client-certificate-data": _FAKE_PEM, "client-key-data": _FAKE_KEY}}],
}

# What kubeadm leaves in ~/.kube/config, as the file a fresh playground starts with.
DEFAULT_KUBECONFIG_TEXT = yaml.safe_dump(DEFAULT_KUBECONFIG, default_flow_style=False, sort_keys=True)


@functools.lru_cache(maxsize=64)
def _parse_kubeconfig(text: str) -> dict[str, Any] | None:
    """Every kubectl call reads the kubeconfig; parse each distinct text once."""
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else None


class Files(Protocol):
    """The part of the shell's virtual file system kubectl needs (paths relative to the cwd)."""

    def read_text(self, path: str) -> str: ...
    def write_text(self, path: str, text: str) -> None: ...
    def is_dir(self, path: str) -> bool: ...
    def exists(self, path: str) -> bool: ...
    def listdir(self, path: str) -> list[str]: ...


@dataclass
class KubectlContext:
    pg: Playground
    files: Files
    stdin: str = ""
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    namespace_flag: str = ""

    # ------------------------------------------------------------ output
    def write(self, text: str) -> None:
        self.out.append(text)

    def write_err(self, text: str) -> None:
        self.err.append(text)

    # ------------------------------------------------------------ cluster
    @property
    def server(self) -> Any:
        return self.pg.server

    @property
    def now(self) -> float:
        return self.pg.clock.now

    def settle(self) -> None:
        self.pg.sim.settle()

    @property
    def namespace(self) -> str:
        """-n if given, else the current context's namespace, else ``default``."""
        return self.namespace_flag or self.context_namespace() or "default"

    @property
    def namespace_explicit(self) -> bool:
        return bool(self.namespace_flag)

    # ------------------------------------------------------------ kubeconfig
    def kubeconfig(self) -> dict[str, Any]:
        """The parsed kubeconfig, or the kubeadm default when the file is missing or unreadable."""
        try:
            if self.files.exists("~/" + KUBECONFIG_PATH):
                data = _parse_kubeconfig(self.files.read_text("~/" + KUBECONFIG_PATH))
                if data is not None:
                    return copy_obj(data)
        except Exception:  # a broken kubeconfig falls back to the default, as a fresh one would
            pass
        return copy_obj(DEFAULT_KUBECONFIG)

    def save_kubeconfig(self, cfg: dict[str, Any]) -> None:
        self.files.write_text("~/" + KUBECONFIG_PATH, yaml.safe_dump(cfg, default_flow_style=False, sort_keys=True))

    def context_namespace(self) -> str:
        cfg = self.kubeconfig()
        current = cfg.get("current-context")
        for c in cfg.get("contexts") or []:
            if isinstance(c, dict) and c.get("name") == current:
                return str((c.get("context") or {}).get("namespace") or "")
        return ""
