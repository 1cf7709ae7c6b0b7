"""``kubectl version``: the client is v1.33.1, the simulated server v1.33.4."""

from __future__ import annotations

import json

from cluster_core.kubectl.command import Command, CommandError
from cluster_core.kubectl.flags import BOOL, STRING, Flag
from cluster_core.kubectl.printers import to_yaml
from cluster_core.sim.topology import K8S_VERSION

CLIENT = {"major": "1", "minor": "33", "gitVersion": "v1.33.1",
          "gitCommit": "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828", "gitTreeState": "clean",
          "buildDate": "2025-05-15T08:27:33Z", "goVersion": "go1.24.2", "compiler": "gc",
          "platform": "linux/amd64"}
SERVER = {"major": "1", "minor": "33", "gitVersion": K8S_VERSION,
          "gitCommit": "74e84a90c725047b1328ff3d589fedb1cb7a120e", "gitTreeState": "clean",
          "buildDate": "2025-08-12T18:05:29Z", "goVersion": "go1.24.5", "compiler": "gc",
          "platform": "linux/amd64"}
KUSTOMIZE = "v5.6.0"


def run(ctx, opts) -> int:
    if opts.args:
        raise CommandError(f"extra arguments: [{' '.join(opts.args)}]")
    output = opts["output"]
    if output not in ("", "json", "yaml"):
        raise CommandError("--output must be 'yaml' or 'json'")
    data: dict = {"clientVersion": CLIENT, "kustomizeVersion": KUSTOMIZE}
    if not opts["client"]:
        data["serverVersion"] = SERVER
    if output == "json":
        ctx.write(json.dumps(data, indent=2) + "\n")
    elif output == "yaml":
        ctx.write(to_yaml(data) + "\n")
    else:
        ctx.write(f"Client Version: {CLIENT['gitVersion']}\nKustomize Version: {KUSTOMIZE}\n")
        if not opts["client"]:
            ctx.write(f"Server Version: {SERVER['gitVersion']}\n")
    return 0


COMMAND = Command(
    "version", "Print the client and server version information", "kubectl version [flags] [options]", run,
    flags=[Flag("client", BOOL, False, help="If true, shows client version only (no server required)."),
           Flag("output", STRING, "", "o", "One of 'yaml' or 'json'.")],
    long="Print the client and server version information for the current context.",
    examples="# Print the client and server versions for the current context\nkubectl version")
