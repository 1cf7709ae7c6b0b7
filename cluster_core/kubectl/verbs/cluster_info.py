"""``kubectl cluster-info``: where the control plane and CoreDNS answer, in kubectl's colours.

A real cluster lists the services labelled ``kubernetes.io/cluster-service=true`` (kube-dns, shown as
CoreDNS); the CoreDNS line here stands for the kubeadm default while CoreDNS runs (it does not yet
read the kube-dns Service the default topology now has). ``cluster-info dump`` is listed but not simulated."""

from __future__ import annotations

from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.context import SERVER_URL
from cluster_core.kubectl.flags import BOOL, DURATION, STRING, STRING_SLICE, Flag
from cluster_core.kubectl.print_flags import print_flags

GREEN, YELLOW, RESET = "\x1b[0;32m", "\x1b[0;33m", "\x1b[0m"


def run(ctx, opts) -> int:
    ctx.write(f"{GREEN}Kubernetes control plane{RESET} is running at {YELLOW}{SERVER_URL}{RESET}\n")
    if ctx.server.ref("ReplicaSet", "kube-system", "coredns-674b8bbfcf") is not None:
        url = f"{SERVER_URL}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy"
        ctx.write(f"{GREEN}CoreDNS{RESET} is running at {YELLOW}{url}{RESET}\n")
    ctx.write("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    return 0


def run_dump(ctx, opts) -> int:
    raise CommandError("cluster-info dump is not available in this playground")


DUMP = Command(
    "dump", "Dump relevant information for debugging and diagnosis", "kubectl cluster-info dump [flags] [options]",
    run_dump,
    flags=[Flag("all-namespaces", BOOL, False, "A", "If true, dump all namespaces.  If true, --namespaces is "
                "ignored."),
           *print_flags(default="json"),
           Flag("namespaces", STRING_SLICE, [], help="A comma separated list of namespaces to dump."),
           Flag("output-directory", STRING, "", help="Where to output the files.  If empty or '-' uses stdout, "
                "otherwise creates a directory hierarchy in that directory"),
           Flag("pod-running-timeout", DURATION, 20.0, help="The length of time (like 5s, 2m, or 3h, higher than "
                "zero) to wait until at least one pod is running")],
    long="Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps "
         "everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a "
         "directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the "
         "current namespace and 'kube-system' namespace, but you can switch to a different namespace with the "
         "--namespaces flag, or specify --all-namespaces to dump all namespaces.\n\n The command also dumps the "
         "logs of all of the pods in the cluster; these logs are dumped into different directories based on "
         "namespace and pod name.",
    examples="# Dump current cluster state to stdout\nkubectl cluster-info dump\n\n"
             "# Dump current cluster state to /path/to/cluster-state\n"
             "kubectl cluster-info dump --output-directory=/path/to/cluster-state\n\n"
             "# Dump all namespaces to stdout\nkubectl cluster-info dump --all-namespaces\n\n"
             "# Dump a set of namespaces to /path/to/cluster-state\n"
             "kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state",
    available=False)

COMMAND = Command(
    "cluster-info", "Display cluster information", "kubectl cluster-info [flags] [options]", run,
    long="Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. "
         "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    examples="# Print the address of the control plane and cluster services\nkubectl cluster-info",
    subcommands={"dump": DUMP})
