"""kubectl delete, compared with kubectl 1.33 byte for byte (see test_get for how the expected strings
were obtained)."""

from __future__ import annotations

import pytest

from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_delete_by_name_waits_for_the_pod(pg: Playground) -> None:
    """pod "x" deleted once the DELETE is accepted; kubectl then waits for it to go."""
    assert run(pg, "kubectl delete pod nginx-manual") == ('pod "nginx-manual" deleted\n', "", 0)
    assert run(pg, "kubectl get pod nginx-manual") == (
        "",
        'Error from server (NotFound): pods "nginx-manual" not found\n',
        1)


def test_several_names_and_a_missing_one(pg: Playground) -> None:
    """Names are not fetched first: each DELETE answers for itself; no wait after an error."""
    assert run(pg, "kubectl delete pod nginx-manual missing nginx-gpu") == (
        ('pod "nginx-manual" deleted\n'
         'pod "nginx-gpu" deleted\n'),
        'Error from server (NotFound): pods "missing" not found\n',
        1)
    assert run(pg, "kubectl delete pod missing") == ("", 'Error from server (NotFound): pods "missing" not found\n', 1)


def test_selector_all_and_no_resources(pg: Playground) -> None:
    """-l, --all, and "No resources found" on stdout when nothing matched."""
    assert run(pg, "kubectl delete pods -l app=nginx --wait=false") == (
        ('pod "nginx-2mprh" deleted\n'
         'pod "nginx-t9xh5" deleted\n'
         'pod "nginx-zs4hb" deleted\n'),
        "",
        0)
    assert run(pg, "kubectl delete pods -l app=none") == ("No resources found\n", "", 0)
    assert run(pg, "kubectl delete jobs --all") == ('job.batch "batch-job" deleted\n', "", 0)
    assert run(pg, "kubectl delete jobs --all") == ("No resources found\n", "", 0)


def test_files_say_where_errors_come_from(pg: Playground) -> None:
    """delete -f: AddSourceToErr's "error when deleting" for each file."""
    assert run(pg, "kubectl delete -f nginx-manual.yaml -f nginx-manual-v2.yaml --wait=false") == (
        'pod "nginx-manual" deleted\n',
        ('Error from server (NotFound): error when deleting "nginx-manual-v2.yaml": pods "nginx-manual-v2" not found\n'),
        1)
    assert run(pg, "kubectl delete -f multi.yaml") == (
        "",
        ('Error from server (NotFound): error when deleting "multi.yaml": namespaces "m1" not found\n'
         'Error from server (NotFound): error when deleting "multi.yaml": pods "m2" not found\n'),
        1)


def test_namespace_and_cluster_scope(pg: Playground) -> None:
    """Namespaces and the warning for cluster-scoped objects with an explicit -n."""
    assert run(pg, "kubectl delete ns test1-namespace") == (
        "",
        'Error from server (NotFound): namespaces "test1-namespace" not found\n',
        1)
    assert run(pg, "kubectl delete ns default --dry-run=client -n kube-system") == (
        'namespace "default" deleted (dry run)\n',
        ("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n"),
        0)


def test_grace_period_force_and_now(pg: Playground) -> None:
    """--grace-period=0 becomes 1 without --force; --force warns and says force deleted."""
    assert run(pg, "kubectl delete pod nginx-manual --grace-period=0 --wait=false") == (
        'pod "nginx-manual" deleted\n',
        "",
        0)
    assert run(pg, "kubectl delete pod nginx-gpu --grace-period=0 --force") == (
        'pod "nginx-gpu" force deleted\n',
        ("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"),
        0)
    assert run(pg, "kubectl delete pod nginx-t9xh5 --force --grace-period=5") == (
        "",
        ("error: --force and --grace-period greater than 0 cannot be specified together\n"),
        1)
    assert run(pg, "kubectl delete pod nginx-t9xh5 --now --grace-period=5") == (
        "",
        "error: --now and --grace-period cannot be specified together\n",
        1)
    assert run(pg, "kubectl delete pod nginx-t9xh5 --now --wait=false") == ('pod "nginx-t9xh5" deleted\n', "", 0)


def test_cascade_and_output(pg: Playground) -> None:
    """--cascade values, -o name, and the refusal of other -o formats."""
    assert run(pg, "kubectl delete rs nginx --cascade=orphan -o name") == ("replicaset.apps/nginx\n", "", 0)
    assert run(pg, "kubectl get pods -l app=nginx -o name") == (
        ("pod/nginx-2mprh\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl delete ds mysql-ds --cascade=bogus") == (
        "",
        ('error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n'),
        1)
    assert run(pg, "kubectl delete pod nginx-manual -o yaml") == (
        "",
        "error: unexpected -o output mode: yaml. We only support '-o name'\n",
        1)


def test_dry_run_does_not_look(pg: Playground) -> None:
    """--dry-run=client deletes nothing and never asks the server (a missing name is "deleted")."""
    assert run(pg, "kubectl delete pod missing --dry-run=client") == ('pod "missing" deleted (dry run)\n', "", 0)
    assert run(pg, "kubectl delete pods --all --dry-run=client") == (
        ('pod "batch-job-5mq6r" deleted (dry run)\n'
         'pod "mysql-ds-q5xr7" deleted (dry run)\n'
         'pod "mysql-ds-wz7bc" deleted (dry run)\n'
         'pod "nginx-2mprh" deleted (dry run)\n'
         'pod "nginx-gpu" deleted (dry run)\n'
         'pod "nginx-manual" deleted (dry run)\n'
         'pod "nginx-t9xh5" deleted (dry run)\n'
         'pod "nginx-zs4hb" deleted (dry run)\n'),
        "",
        0)
    assert run(pg, "kubectl delete pod nginx-manual --dry-run=server") == (
        'pod "nginx-manual" deleted (server dry run)\n',
        "",
        0)
    assert run(pg, "kubectl get pod nginx-manual -o name") == ("pod/nginx-manual\n", "", 0)


def test_ignore_not_found(pg: Playground) -> None:
    """--ignore-not-found, and -l/--all that imply it."""
    assert run(pg, "kubectl delete pod missing --ignore-not-found") == ("", "", 0)
    assert run(pg, "kubectl delete pod missing nginx-gpu --ignore-not-found --wait=false") == (
        'pod "nginx-gpu" deleted\n',
        "",
        0)


def test_usage_errors(pg: Playground) -> None:
    """What kubectl refuses before deleting anything."""
    assert run(pg, "kubectl delete") == (
        "",
        ("error: You must provide one or more resources by argument or filename.\n"
         "Example resource specifications include:\n"
         "   '-f rsrc.yaml'\n"
         "   '--filename=rsrc.json'\n"
         "   '<resource> <name>'\n"
         "   '<resource>'\n"),
        1)
    assert run(pg, "kubectl delete pods") == ("", "error: resource(s) were provided, but no name was specified\n", 1)
    assert run(pg, "kubectl delete pod nginx-manual -l app=x") == (
        "",
        "error: name cannot be provided when a selector is specified\n",
        1)
    assert run(pg, "kubectl delete pods --all -l app=x") == (
        "",
        "error: setting 'all' parameter but found a non empty selector. \n",
        1)
    assert run(pg, "kubectl delete foo bar") == ("", 'error: the server doesn\'t have a resource type "foo"\n', 1)
    assert run(pg, "kubectl delete pods -l 'app in (a'") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (a", field selector "": unable to parse requirement: found \'\', expected: \',\' or \')\'\n'),
        1)
    assert run(pg, "kubectl delete pods --field-selector foo=bar") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n'),
        1)
    assert run(pg, "kubectl delete pod nginx-manual --grace-period=bad") == (
        "",
        ('error: invalid argument "bad" for "--grace-period" flag: strconv.ParseInt: parsing "bad": invalid syntax\n'
         "See 'kubectl delete --help' for usage.\n"),
        1)


def test_help_text(pg: Playground) -> None:
    """delete -h is kubectl 1.33's."""
    assert run(pg, "kubectl delete -h") == (
        ("Delete resources by file names, stdin, resources and names, or by resources and label selector.\n"
         "\n"
         " JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.\n"
         "\n"
         " Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.\n"
         "\n"
         " IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.\n"
         "\n"
         " Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.\n"
         "\n"
         ' After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don\'t want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.\n'
         "\n"
         "Examples:\n"
         "  # Delete a pod using the type and name specified in pod.json\n"
         "  kubectl delete -f ./pod.json\n"
         "  \n"
         "  # Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n"
         "  kubectl delete -k dir\n"
         "  \n"
         "  # Delete resources from all files that end with '.json'\n"
         "  kubectl delete -f '*.json'\n"
         "  \n"
         "  # Delete a pod based on the type and name in the JSON passed into stdin\n"
         "  cat pod.json | kubectl delete -f -\n"
         "  \n"
         '  # Delete pods and services with same names "baz" and "foo"\n'
         "  kubectl delete pod,service baz foo\n"
         "  \n"
         "  # Delete pods and services with label name=myLabel\n"
         "  kubectl delete pods,services -l name=myLabel\n"
         "  \n"
         "  # Delete a pod with minimal delay\n"
         "  kubectl delete pod foo --now\n"
         "  \n"
         "  # Force delete a pod on a dead node\n"
         "  kubectl delete pod foo --force\n"
         "  \n"
         "  # Delete all pods\n"
         "  kubectl delete pods --all\n"
         "  \n"
         "  # Delete all pods only if the user confirms the deletion\n"
         "  kubectl delete pods --all --interactive\n"
         "\n"
         "Options:\n"
         "    --all=false:\n"
         "\tDelete all resources, in the namespace of the specified resource types.\n"
         "\n"
         "    -A, --all-namespaces=false:\n"
         "\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.\n"
         "\n"
         "    --cascade='background':\n"
         '\tMust be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.\n'
         "\n"
         "    --dry-run='none':\n"
         '\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n'
         "\n"
         "    --field-selector='':\n"
         "\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.\n"
         "\n"
         "    -f, --filename=[]:\n"
         "\tcontaining the resource to delete.\n"
         "\n"
         "    --force=false:\n"
         "\tIf true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.\n"
         "\n"
         "    --grace-period=-1:\n"
         "\tPeriod of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).\n"
         "\n"
         "    --ignore-not-found=false:\n"
         '\tTreat "resource not found" as a successful delete. Defaults to "true" when --all is specified.\n'
         "\n"
         "    -i, --interactive=false:\n"
         "\tIf true, delete resource only when user confirms.\n"
         "\n"
         "    -k, --kustomize='':\n"
         "\tProcess a kustomization directory. This flag can't be used together with -f or -R.\n"
         "\n"
         "    --now=false:\n"
         "\tIf true, resources are signaled for immediate shutdown (same as --grace-period=1).\n"
         "\n"
         "    -o, --output='':\n"
         '\tOutput mode. Use "-o name" for shorter output (resource/name).\n'
         "\n"
         "    --raw='':\n"
         "\tRaw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.\n"
         "\n"
         "    -R, --recursive=false:\n"
         "\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n"
         "\n"
         "    -l, --selector='':\n"
         "\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n"
         "\n"
         "    --timeout=0s:\n"
         "\tThe length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object\n"
         "\n"
         "    --wait=true:\n"
         "\tIf true, wait for resources to be gone before returning. This waits for finalizers.\n"
         "\n"
         "Usage:\n"
         "  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
