"""kubectl version, cluster-info, api-resources and api-versions, compared with kubectl 1.33 (see test_get)."""

from __future__ import annotations

import pytest

from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_version(pg: Playground) -> None:
    """version in text, JSON (struct order) and go-yaml, with and without the server."""
    assert run(pg, "kubectl version") == (
        ("Client Version: v1.33.1\n"
         "Kustomize Version: v5.6.0\n"
         "Server Version: v1.33.4\n"),
        "",
        0)
    assert run(pg, "kubectl version -o json") == (
        ("{\n"
         '  "clientVersion": {\n'
         '    "major": "1",\n'
         '    "minor": "33",\n'
         '    "gitVersion": "v1.33.1",\n'
         '    "gitCommit": "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828",\n'
         '    "gitTreeState": "clean",\n'
         '    "buildDate": "2025-05-15T08:27:33Z",\n'
         '    "goVersion": "go1.24.2",\n'
         '    "compiler": "gc",\n'
         '    "platform": "linux/amd64"\n'
         "  },\n"
         '  "kustomizeVersion": "v5.6.0",\n'
         '  "serverVersion": {\n'
         '    "major": "1",\n'
         '    "minor": "33",\n'
         '    "gitVersion": "v1.33.4",\n'
         '    "gitCommit": "74e84a90c725047b1328ff3d589fedb1cb7a120e",\n'
         '    "gitTreeState": "clean",\n'
         '    "buildDate": "2025-08-12T18:05:29Z",\n'
         '    "goVersion": "go1.24.5",\n'
         '    "compiler": "gc",\n'
         '    "platform": "linux/amd64"\n'
         "  }\n"
         "}\n"),
        "",
        0)
    assert run(pg, "kubectl version -o yaml") == (
        ("clientVersion:\n"
         '  buildDate: "2025-05-15T08:27:33Z"\n'
         "  compiler: gc\n"
         "  gitCommit: 8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828\n"
         "  gitTreeState: clean\n"
         "  gitVersion: v1.33.1\n"
         "  goVersion: go1.24.2\n"
         '  major: "1"\n'
         '  minor: "33"\n'
         "  platform: linux/amd64\n"
         "kustomizeVersion: v5.6.0\n"
         "serverVersion:\n"
         '  buildDate: "2025-08-12T18:05:29Z"\n'
         "  compiler: gc\n"
         "  gitCommit: 74e84a90c725047b1328ff3d589fedb1cb7a120e\n"
         "  gitTreeState: clean\n"
         "  gitVersion: v1.33.4\n"
         "  goVersion: go1.24.5\n"
         '  major: "1"\n'
         '  minor: "33"\n'
         "  platform: linux/amd64\n"
         "\n"),
        "",
        0)
    assert run(pg, "kubectl version --client") == ("Client Version: v1.33.1\nKustomize Version: v5.6.0\n", "", 0)
    assert run(pg, "kubectl version --client -o yaml") == (
        ("clientVersion:\n"
         '  buildDate: "2025-05-15T08:27:33Z"\n'
         "  compiler: gc\n"
         "  gitCommit: 8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828\n"
         "  gitTreeState: clean\n"
         "  gitVersion: v1.33.1\n"
         "  goVersion: go1.24.2\n"
         '  major: "1"\n'
         '  minor: "33"\n'
         "  platform: linux/amd64\n"
         "kustomizeVersion: v5.6.0\n"
         "\n"),
        "",
        0)
    assert run(pg, "kubectl version -o foo") == ("", "error: --output must be 'yaml' or 'json'\n", 1)
    assert run(pg, "kubectl version extra") == ("", "error: extra arguments: [extra]\n", 1)


def test_api_resources(pg: Playground) -> None:
    """The resource types this cluster serves, in discovery order, and the filters."""
    assert run(pg, "kubectl api-resources") == (
        ("NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
         "events        ev           v1           true         Event\n"
         "namespaces    ns           v1           false        Namespace\n"
         "nodes         no           v1           false        Node\n"
         "pods          po           v1           true         Pod\n"
         "services      svc          v1           true         Service\n"
         "daemonsets    ds           apps/v1      true         DaemonSet\n"
         "deployments   deploy       apps/v1      true         Deployment\n"
         "replicasets   rs           apps/v1      true         ReplicaSet\n"
         "jobs                       batch/v1     true         Job\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources -o wide") == (
        ("NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND         VERBS                                                        CATEGORIES\n"
         "events        ev           v1           true         Event        create,delete,deletecollection,get,list,patch,update,watch   \n"
         "namespaces    ns           v1           false        Namespace    create,delete,get,list,patch,update,watch                    \n"
         "nodes         no           v1           false        Node         create,delete,deletecollection,get,list,patch,update,watch   \n"
         "pods          po           v1           true         Pod          create,delete,deletecollection,get,list,patch,update,watch   all\n"
         "services      svc          v1           true         Service      create,delete,deletecollection,get,list,patch,update,watch   all\n"
         "daemonsets    ds           apps/v1      true         DaemonSet    create,delete,deletecollection,get,list,patch,update,watch   all\n"
         "deployments   deploy       apps/v1      true         Deployment   create,delete,deletecollection,get,list,patch,update,watch   all\n"
         "replicasets   rs           apps/v1      true         ReplicaSet   create,delete,deletecollection,get,list,patch,update,watch   all\n"
         "jobs                       batch/v1     true         Job          create,delete,deletecollection,get,list,patch,update,watch   all\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources -o name") == (
        ("events\n"
         "namespaces\n"
         "nodes\n"
         "pods\n"
         "services\n"
         "daemonsets.apps\n"
         "deployments.apps\n"
         "replicasets.apps\n"
         "jobs.batch\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources --namespaced=false") == (
        ("NAME         SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
         "namespaces   ns           v1           false        Namespace\n"
         "nodes        no           v1           false        Node\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources --api-group=apps") == (
        ("NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
         "daemonsets    ds           apps/v1      true         DaemonSet\n"
         "deployments   deploy       apps/v1      true         Deployment\n"
         "replicasets   rs           apps/v1      true         ReplicaSet\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources --api-group=") == (
        ("NAME         SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
         "events       ev           v1           true         Event\n"
         "namespaces   ns           v1           false        Namespace\n"
         "nodes        no           v1           false        Node\n"
         "pods         po           v1           true         Pod\n"
         "services     svc          v1           true         Service\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources --sort-by=kind --no-headers") == (
        ("daemonsets    ds       apps/v1    true    DaemonSet\n"
         "deployments   deploy   apps/v1    true    Deployment\n"
         "events        ev       v1         true    Event\n"
         "jobs                   batch/v1   true    Job\n"
         "namespaces    ns       v1         false   Namespace\n"
         "nodes         no       v1         false   Node\n"
         "pods          po       v1         true    Pod\n"
         "replicasets   rs       apps/v1    true    ReplicaSet\n"
         "services      svc      v1         true    Service\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources --verbs=deletecollection") == (
        ("NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
         "events        ev           v1           true         Event\n"
         "nodes         no           v1           false        Node\n"
         "pods          po           v1           true         Pod\n"
         "services      svc          v1           true         Service\n"
         "daemonsets    ds           apps/v1      true         DaemonSet\n"
         "deployments   deploy       apps/v1      true         Deployment\n"
         "replicasets   rs           apps/v1      true         ReplicaSet\n"
         "jobs                       batch/v1     true         Job\n"),
        "",
        0)
    assert run(pg, "kubectl api-resources --categories=all") == (
        ("NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND\n"
         "pods          po           v1           true         Pod\n"
         "services      svc          v1           true         Service\n"
         "daemonsets    ds           apps/v1      true         DaemonSet\n"
         "deployments   deploy       apps/v1      true         Deployment\n"
         "replicasets   rs           apps/v1      true         ReplicaSet\n"
         "jobs                       batch/v1     true         Job\n"),
        "",
        0)


def test_api_resources_errors(pg: Playground) -> None:
    """Bad arguments and flag values."""
    assert run(pg, "kubectl api-resources --sort-by=foo") == ("", "error: --sort-by accepts only name or kind\n", 1)
    assert run(pg, "kubectl api-resources extra") == (
        "",
        ("error: unexpected arguments: [extra]\n"
         "See 'kubectl api-resources -h' for help and examples\n"),
        1)
    assert run(pg, "kubectl api-resources --namespaced=maybe") == (
        "",
        ('error: invalid argument "maybe" for "--namespaced" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n'
         "See 'kubectl api-resources --help' for usage.\n"),
        1)
    assert run(pg, "kubectl api-versions extra") == (
        "",
        ("error: unexpected arguments: [extra]\n"
         "See 'kubectl api-versions -h' for help and examples\n"),
        1)


def test_api_versions(pg: Playground) -> None:
    """api-versions: group/version of every served type, sorted."""
    assert run(pg, "kubectl api-versions") == ("apps/v1\nbatch/v1\nv1\n", "", 0)


def test_help_texts(pg: Playground) -> None:
    """version, cluster-info, cluster-info dump, api-resources and api-versions -h are kubectl 1.33's."""
    assert run(pg, "kubectl version -h") == (
        ("Print the client and server version information for the current context.\n"
         "\n"
         "Examples:\n"
         "  # Print the client and server versions for the current context\n"
         "  kubectl version\n"
         "\n"
         "Options:\n"
         "    --client=false:\n"
         "\tIf true, shows client version only (no server required).\n"
         "\n"
         "    -o, --output='':\n"
         "\tOne of 'yaml' or 'json'.\n"
         "\n"
         "Usage:\n"
         "  kubectl version [flags] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl cluster-info -h") == (
        ("Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
         "\n"
         "Examples:\n"
         "  # Print the address of the control plane and cluster services\n"
         "  kubectl cluster-info\n"
         "\n"
         "Available Commands:\n"
         "  dump          Dump relevant information for debugging and diagnosis\n"
         "\n"
         "Usage:\n"
         "  kubectl cluster-info [flags] [options]\n"
         "\n"
         'Use "kubectl cluster-info <command> --help" for more information about a given command.\n'
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl cluster-info dump -h") == (
        ("Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.\n"
         "\n"
         " The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name.\n"
         "\n"
         "Examples:\n"
         "  # Dump current cluster state to stdout\n"
         "  kubectl cluster-info dump\n"
         "  \n"
         "  # Dump current cluster state to /path/to/cluster-state\n"
         "  kubectl cluster-info dump --output-directory=/path/to/cluster-state\n"
         "  \n"
         "  # Dump all namespaces to stdout\n"
         "  kubectl cluster-info dump --all-namespaces\n"
         "  \n"
         "  # Dump a set of namespaces to /path/to/cluster-state\n"
         "  kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state\n"
         "\n"
         "Options:\n"
         "    -A, --all-namespaces=false:\n"
         "\tIf true, dump all namespaces.  If true, --namespaces is ignored.\n"
         "\n"
         "    --allow-missing-template-keys=true:\n"
         "\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n"
         "\n"
         "    --namespaces=[]:\n"
         "\tA comma separated list of namespaces to dump.\n"
         "\n"
         "    -o, --output='json':\n"
         "\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n"
         "\n"
         "    --output-directory='':\n"
         "\tWhere to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy in that directory\n"
         "\n"
         "    --pod-running-timeout=20s:\n"
         "\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running\n"
         "\n"
         "    --show-managed-fields=false:\n"
         "\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n"
         "\n"
         "    --template='':\n"
         "\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n"
         "\n"
         "Usage:\n"
         "  kubectl cluster-info dump [flags] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl api-resources -h") == (
        ("Print the supported API resources on the server.\n"
         "\n"
         "Examples:\n"
         "  # Print the supported API resources\n"
         "  kubectl api-resources\n"
         "  \n"
         "  # Print the supported API resources with more information\n"
         "  kubectl api-resources -o wide\n"
         "  \n"
         "  # Print the supported API resources sorted by a column\n"
         "  kubectl api-resources --sort-by=name\n"
         "  \n"
         "  # Print the supported namespaced resources\n"
         "  kubectl api-resources --namespaced=true\n"
         "  \n"
         "  # Print the supported non-namespaced resources\n"
         "  kubectl api-resources --namespaced=false\n"
         "  \n"
         "  # Print the supported API resources with a specific APIGroup\n"
         "  kubectl api-resources --api-group=rbac.authorization.k8s.io\n"
         "\n"
         "Options:\n"
         "    --api-group='':\n"
         "\tLimit to resources in the specified API group.\n"
         "\n"
         "    --cached=false:\n"
         "\tUse the cached list of resources if available.\n"
         "\n"
         "    --categories=[]:\n"
         "\tLimit to resources that belong to the specified categories.\n"
         "\n"
         "    --namespaced=true:\n"
         "\tIf false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.\n"
         "\n"
         "    --no-headers=false:\n"
         "\tWhen using the default or custom-column output format, don't print headers (default print headers).\n"
         "\n"
         "    -o, --output='':\n"
         "\tOutput format. One of: (wide, name).\n"
         "\n"
         "    --sort-by='':\n"
         "\tIf non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.\n"
         "\n"
         "    --verbs=[]:\n"
         "\tLimit to resources that support the specified verbs.\n"
         "\n"
         "Usage:\n"
         "  kubectl api-resources [flags] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl api-versions -h") == (
        ('Print the supported API versions on the server, in the form of "group/version".\n'
         "\n"
         "Examples:\n"
         "  # Print the supported API versions\n"
         "  kubectl api-versions\n"
         "\n"
         "Usage:\n"
         "  kubectl api-versions [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)


def test_cluster_info(pg: Playground) -> None:
    """cluster-info in kubectl's colours. A real cluster finds CoreDNS through the kube-dns Service; this one has
    no Services, so the line stands for the kubeadm default (the real binary against a server without Services
    fails with: the server doesn't have a resource type "services")."""
    assert run(pg, "kubectl cluster-info") == (
        "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://192.168.0.11:6443\x1b[0m\n"
        "\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://192.168.0.11:6443/api/v1/namespaces/kube-system"
        "/services/kube-dns:dns/proxy\x1b[0m\n"
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n", "", 0)
    assert run(pg, "kubectl cluster-info dump") == (
        "", "error: kubectl cluster-info dump is not available in this playground\n", 1)
