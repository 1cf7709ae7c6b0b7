"""``kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P] [-- COMMAND ARGS]``.

kubectl 1.33's ``create_deployment.go``: labels and selector ``app=<name>``, one container per
``--image`` named after the image (path, tag and digest dropped; a name with ``.`` or ``_`` gets
dashes and a random 5-character suffix), the command on every container, ``--port`` on the first
one. The object is built in Go struct order so ``-o json`` and ``--save-config`` match the real
client; a server error is wrapped as ``failed to create deployment: ...``.
"""

from __future__ import annotations

import json
from typing import Any

from cluster_core.api.errors import ApiError
from cluster_core.api.server import random_suffix
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import INT, STRING_ARRAY, Flag
from cluster_core.kubectl.objects import dry_run_mode, suffix
from cluster_core.kubectl.output import ObjectPrinter, check_print_format, print_result_line, typed_order

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def container_name(image: str, rng: Any) -> str:
    """buildPodSpec's name: the last path segment without tag or digest, sanitizeAndUniquify'd."""
    name = image.split("/")[-1]
    if ":" in name:
        name = name.split(":")[0]
    if "@" in name:
        name = name.split("@")[0]
    if "_" in name or "." in name:
        name = name.replace("_", "-").replace(".", "-") + "-" + random_suffix(rng)
    return name


def build_deployment(name: str, images: list[str], replicas: int, port: int, command: list[str],
                     namespace: str | None, rng: Any) -> dict[str, Any]:
    """createDeployment: the typed object, keys in struct order."""
    containers = []
    for image in images:
        c: dict[str, Any] = {"name": container_name(image, rng), "image": image}
        if command:
            c["command"] = list(command)
        if port >= 0 and not containers:
            c["ports"] = [{"containerPort": port}]
        c["resources"] = {}
        containers.append(c)
    meta: dict[str, Any] = {"name": name}
    if namespace:
        meta["namespace"] = namespace
    meta["creationTimestamp"] = None
    meta["labels"] = {"app": name}
    return {"kind": "Deployment", "apiVersion": "apps/v1", "metadata": meta,
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"creationTimestamp": None, "labels": {"app": name}},
                                  "spec": {"containers": containers}},
                     "strategy": {}},
            "status": {}}


def _save_config(obj: dict[str, Any]) -> None:
    """CreateOrUpdateAnnotation: the object's own compact JSON as last-applied-configuration."""
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    meta = obj["metadata"]
    rebuilt: dict[str, Any] = {}
    for k, v in meta.items():
        rebuilt[k] = v
        if k == "creationTimestamp":
            rebuilt["annotations"] = {LAST_APPLIED: text + "\n"}
    obj["metadata"] = rebuilt


def run(ctx: Any, opts: Any) -> int:
    if not opts.was_set("image"):
        raise CommandError('required flag(s) "image" not set')
    args = opts.args
    names = len(args) - len(opts.dash_args) if opts.dash_args is not None else len(args)
    if names != 1:
        raise UsageError(f"exactly one NAME is required, got {names}")
    command = args[1:]
    images = opts["image"]
    if len(images) > 1 and command:
        raise CommandError("cannot specify multiple --image options and command")
    mode = dry_run_mode(opts["dry-run"], ctx)
    check_print_format(opts["output"])
    namespace = ctx.namespace if ctx.namespace_explicit else None
    obj = build_deployment(args[0], images, opts["replicas"], opts["port"], command, namespace, ctx.server.rng)
    if opts["save-config"]:
        _save_config(obj)
    if mode != "client":
        body = {k: v for k, v in obj.items() if k != "status"}
        body["metadata"] = {k: v for k, v in obj["metadata"].items() if k != "creationTimestamp"}
        body["metadata"]["namespace"] = ctx.namespace
        try:
            obj = typed_order(ctx.pg.cluster.create(body, dry_run=(mode == "server")))
        except ApiError as e:
            raise CommandError(f"failed to create deployment: {e.message}") from None
    if opts["output"]:
        ObjectPrinter(ctx, opts["output"], typed=True).print(obj)
    else:
        print_result_line(ctx, obj, "created" + suffix(mode))
    return 0


def command(common_flags: list[Flag]) -> Command:
    return Command(
        "deployment", "Create a deployment with the specified name",
        "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]", run,
        flags=[*common_flags,
               Flag("image", STRING_ARRAY, [], help="Image names to run. A deployment can have multiple images set "
                    "for multi-container pod."),
               Flag("port", INT, -1, help="The containerPort that this deployment exposes."),
               Flag("replicas", INT, 1, "r", "Number of replicas to create. Default is 1.")],
        aliases=("deploy",), long="Create a deployment with the specified name.",
        examples="# Create a deployment named my-dep that runs the busybox image\n"
                 "kubectl create deployment my-dep --image=busybox\n\n"
                 "# Create a deployment with a command\n"
                 "kubectl create deployment my-dep --image=busybox -- date\n\n"
                 "# Create a deployment named my-dep that runs the nginx image with 3 replicas\n"
                 "kubectl create deployment my-dep --image=nginx --replicas=3\n\n"
                 "# Create a deployment named my-dep that runs the busybox image and expose port 5701\n"
                 "kubectl create deployment my-dep --image=busybox --port=5701\n\n"
                 "# Create a deployment named my-dep that runs multiple containers\n"
                 "kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx")
