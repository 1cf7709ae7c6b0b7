"""``kubectl cluster-info``: where the control plane and CoreDNS answer, in kubectl's colours."""

from __future__ import annotations

from cluster_core.kubectl.command import Command
from cluster_core.kubectl.context import SERVER_URL

GREEN, YELLOW, RESET = "\x1b[0;32m", "\x1b[0;33m", "\x1b[0m"


def run(ctx, opts) -> int:
    if opts.args and opts.args[0] == "dump":
        ctx.write_err("error: cluster-info dump is not available in this playground\n")
        return 1
    ctx.write(f"{GREEN}Kubernetes control plane{RESET} is running at {YELLOW}{SERVER_URL}{RESET}\n")
    if ctx.server.ref("ReplicaSet", "kube-system", "coredns-674b8bbfcf") is not None:
        url = f"{SERVER_URL}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy"
        ctx.write(f"{GREEN}CoreDNS{RESET} is running at {YELLOW}{url}{RESET}\n")
    ctx.write("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    return 0


COMMAND = Command(
    "cluster-info", "Display cluster information", "kubectl cluster-info [flags] [options]", run,
    long="Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. "
         "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    examples="# Print the address of the control plane and cluster services\nkubectl cluster-info")
