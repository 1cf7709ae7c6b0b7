"""``kubectl api-resources`` and ``kubectl api-versions`` for the resource types this cluster serves."""

from __future__ import annotations

from cluster_core.api import resources
from cluster_core.kubectl.command import Command, CommandError, UsageError
from cluster_core.kubectl.flags import BOOL, STRING, STRING_SLICE, Flag
from cluster_core.kubectl.printers.tabwriter import table


def _sorted(rts: list[resources.ResourceType]) -> list[resources.ResourceType]:
    # kubectl groups by API group (core first) and sorts by name within a group.
    return sorted(rts, key=lambda r: (r.group != "", r.group, r.plural))


def run(ctx, opts) -> int:
    if opts.args:
        raise UsageError(f"unexpected arguments: [{' '.join(opts.args)}]")
    output = opts["output"]
    if output not in ("", "wide", "name"):
        raise CommandError(f'--output {output} is not available')
    if opts["sort-by"] not in ("", "name", "kind"):
        raise CommandError("--sort-by accepts only name or kind")
    rts = list(resources.RESOURCES)
    if opts.was_set("namespaced"):
        rts = [r for r in rts if r.namespaced == opts["namespaced"]]
    if opts.was_set("api-group"):
        rts = [r for r in rts if r.group == opts["api-group"]]
    if opts["categories"]:
        rts = [r for r in rts if all(c in r.categories for c in opts["categories"])]
    if opts["verbs"]:
        rts = [r for r in rts if all(v in r.verbs for v in opts["verbs"])]
    rts = _sorted(rts)
    if opts["sort-by"] == "name":
        rts.sort(key=lambda r: r.plural)
    elif opts["sort-by"] == "kind":
        rts.sort(key=lambda r: r.kind)
    if output == "name":
        ctx.write("".join(f"{r.plural}{'.' + r.group if r.group else ''}\n" for r in rts))
        return 0
    header = "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND"
    if output == "wide":
        header += "\tVERBS\tCATEGORIES"
    rows = [] if opts["no-headers"] else [header]
    for r in rts:
        row = f"{r.plural}\t{','.join(r.short_names)}\t{r.api_version}\t{str(r.namespaced).lower()}\t{r.kind}"
        if output == "wide":
            row += f"\t{','.join(r.verbs)}\t{','.join(r.categories)}"
        rows.append(row)
    ctx.write(table("\n".join(rows) + "\n"))
    return 0


COMMAND = Command(
    "api-resources", "Print the supported API resources on the server", "kubectl api-resources [flags] [options]",
    run,
    flags=[Flag("api-group", STRING, "", help="Limit to resources in the specified API group."),
           Flag("cached", BOOL, False, help="Use the cached list of resources if available."),
           Flag("categories", STRING_SLICE, [], help="Limit to resources that belong to the specified categories."),
           Flag("namespaced", BOOL, True, help="If false, non-namespaced resources will be returned, otherwise "
                "returning namespaced resources by default."),
           Flag("no-headers", BOOL, False, help="When using the default or custom-column output format, don't "
                "print headers (default print headers)."),
           Flag("output", STRING, "", "o", "Output format. One of: (wide, name)."),
           Flag("sort-by", STRING, "", help="If non-empty, sort list of resources using specified field. The field "
                "can be either 'name' or 'kind'."),
           Flag("verbs", STRING_SLICE, [], help="Limit to resources that support the specified verbs.")],
    long="Print the supported API resources on the server.",
    examples="# Print the supported API resources\nkubectl api-resources\n\n"
             "# Print the supported API resources with more information\nkubectl api-resources -o wide\n\n"
             "# Print the supported API resources sorted by a column\nkubectl api-resources --sort-by=name\n\n"
             "# Print the supported namespaced resources\nkubectl api-resources --namespaced=true\n\n"
             "# Print the supported non-namespaced resources\nkubectl api-resources --namespaced=false\n\n"
             "# Print the supported API resources with a specific APIGroup\n"
             "kubectl api-resources --api-group=rbac.authorization.k8s.io")


def run_versions(ctx, opts) -> int:
    if opts.args:
        raise UsageError(f"unexpected arguments: [{' '.join(opts.args)}]")
    versions = sorted({r.api_version for r in resources.RESOURCES})
    ctx.write("".join(f"{v}\n" for v in versions))
    return 0


VERSIONS = Command("api-versions", 'Print the supported API versions on the server, in the form of "group/version"',
                   "kubectl api-versions [options]", run_versions,
                   long='Print the supported API versions on the server, in the form of "group/version".',
                   examples="# Print the supported API versions\nkubectl api-versions")

COMMANDS = [COMMAND, VERSIONS]
