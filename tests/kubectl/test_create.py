"""kubectl create, compared with kubectl 1.33 byte for byte (expected strings are the real binary's output
against a fake API server serving the same playground; see test_get)."""

from __future__ import annotations

import pytest

from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_create_one_file(pg: Playground) -> None:
    """pod/<name> created, then the pod is there."""
    assert run(pg, "kubectl create -f nginx-manual-v2.yaml") == ("pod/nginx-manual-v2 created\n", "", 0)
    assert run(pg, "kubectl get pod nginx-manual-v2 -o name") == ("pod/nginx-manual-v2\n", "", 0)


def test_several_files_directory_and_stdin(pg: Playground) -> None:
    """Several -f, a directory (its .yaml/.yml/.json files, sorted), -R, multi-document YAML, JSON and -f -."""
    assert run(pg, "kubectl create -f nginx-manual-v2.yaml -f test1-namespace.yaml") == (
        ("pod/nginx-manual-v2 created\n"
         "namespace/test1-namespace created\n"),
        "",
        0)
    assert run(pg, "kubectl create -f dir") == ("pod/a created\npod/b created\n", "", 0)
    assert run(pg, "kubectl create -f dir -R") == (
        "pod/d created\n",
        ('Error from server (AlreadyExists): error when creating "dir/a.yaml": pods "a" already exists\n'
         'Error from server (AlreadyExists): error when creating "dir/b.json": pods "b" already exists\n'),
        1)
    assert run(pg, "kubectl create -f dir2") == ("namespace/x created\n", "", 0)
    assert run(pg, "kubectl create -f multi.yaml") == ("namespace/m1 created\npod/m2 created\n", "", 0)
    assert run(pg, "kubectl create -f pod.json") == ("pod/pj created\n", "", 0)
    assert run(pg, "cat nginx-manual-v2.yaml | kubectl create -f -") == (
        "",
        ('Error from server (AlreadyExists): error when creating "STDIN": pods "nginx-manual-v2" already exists\n'),
        1)


def test_already_exists(pg: Playground) -> None:
    """The server's AlreadyExists with the file it came from; several errors print one per line."""
    assert run(pg, "kubectl create -f nginx-manual.yaml") == (
        "",
        ('Error from server (AlreadyExists): error when creating "nginx-manual.yaml": pods "nginx-manual" already exists\n'),
        1)
    assert run(pg, "kubectl create -f nginx-manual.yaml -f nginx-rs.yaml") == (
        "",
        ('Error from server (AlreadyExists): error when creating "nginx-manual.yaml": pods "nginx-manual" already exists\n'
         'Error from server (AlreadyExists): error when creating "nginx-rs.yaml": replicasets.apps "nginx" already exists\n'),
        1)


def test_missing_files(pg: Playground) -> None:
    """Every missing path is reported before anything is created."""
    assert run(pg, "kubectl create -f missing.yaml") == ("", 'error: the path "missing.yaml" does not exist\n', 1)
    assert run(pg, "kubectl create -f missing.yaml -f missing2.yaml") == (
        "",
        ('the path "missing.yaml" does not exist\n'
         'the path "missing2.yaml" does not exist\n'),
        1)
    assert run(pg, "kubectl create -f nginx-manual-v2.yaml -f missing.yaml") == (
        "",
        'error: the path "missing.yaml" does not exist\n',
        1)
    assert run(pg, "kubectl get pod nginx-manual-v2 -o name") == (
        "",
        'Error from server (NotFound): pods "nginx-manual-v2" not found\n',
        1)


def test_parse_errors_with_go_yaml_lines(pg: Playground) -> None:
    """go-yaml's words and line numbers (0-based for parser errors, within the document)."""
    assert run(pg, "kubectl create -f bad1.yaml") == (
        "",
        ("error: error parsing bad1.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n"),
        1)
    assert run(pg, "kubectl create -f bad2.yaml") == (
        "",
        ("error: error parsing bad2.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token\n"),
        1)
    assert run(pg, "kubectl create -f bad3.yaml") == (
        "",
        ("error: error parsing bad3.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'\n"),
        1)
    assert run(pg, "kubectl create -f notyaml.txt") == (
        "",
        ("error: error parsing notyaml.txt: error converting YAML to JSON: yaml: line 1: did not find expected node content\n"),
        1)


def test_builder_errors_come_last(pg: Playground) -> None:
    """Parse errors and unknown kinds are reported after the server's errors; two or more as [a, b]."""
    assert run(pg, "kubectl create -f nginx-manual.yaml -f bad1.yaml -f bad3.yaml") == (
        "",
        ('Error from server (AlreadyExists): error when creating "nginx-manual.yaml": pods "nginx-manual" already exists\n'
         "[error parsing bad1.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key, error parsing bad3.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']']\n"),
        1)
    assert run(pg, "kubectl create -f bad1.yaml -f bad3.yaml") == (
        "",
        ("error parsing bad1.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n"
         "error parsing bad3.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'\n"),
        1)
    assert run(pg, "kubectl create -f nginx-manual.yaml -f unknown.yaml -f bad3.yaml") == (
        "",
        ('Error from server (AlreadyExists): error when creating "nginx-manual.yaml": pods "nginx-manual" already exists\n'
         '[resource mapping not found for name: "web" namespace: "" from "unknown.yaml": no matches for kind "StatefulSet" in version "apps/v1"\n'
         "ensure CRDs are installed first, error parsing bad3.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']']\n"),
        1)


def test_unknown_kind(pg: Playground) -> None:
    """A kind the server does not serve: resource mapping not found."""
    assert run(pg, "kubectl create -f unknown.yaml") == (
        "",
        ('error: resource mapping not found for name: "web" namespace: "" from "unknown.yaml": no matches for kind "StatefulSet" in version "apps/v1"\n'
         "ensure CRDs are installed first\n"),
        1)


def test_namespace_mismatch(pg: Playground) -> None:
    """An object's namespace must match -n; the error keeps its place among the others."""
    assert run(pg, "kubectl create -f nsmismatch.yaml -n kube-system") == (
        "",
        ('error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass \'--namespace=default\' to perform this operation.\n'),
        1)
    assert run(pg, "kubectl create -f nsmismatch.yaml -f nginx-manual.yaml -n kube-system") == (
        "pod/nginx-manual created\n",
        ('error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass \'--namespace=default\' to perform this operation.\n'),
        1)
    assert run(pg, "kubectl create -f nginx-manual-v2.yaml -n kube-system") == ("pod/nginx-manual-v2 created\n", "", 0)


def test_server_validation(pg: Playground) -> None:
    """Invalid objects and unknown fields, alone and among others; --validate=false drops unknown fields."""
    assert run(pg, "kubectl create -f invalid.yaml") == (
        "",
        ('The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n'),
        1)
    assert run(pg, "kubectl create -f invalid.yaml -f unknownfield.yaml") == (
        "",
        ('Error from server (Invalid): error when creating "invalid.yaml": Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n'
         'Error from server (BadRequest): error when creating "unknownfield.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"\n'),
        1)
    assert run(pg, "kubectl create -f unknownfield.yaml --validate=false") == ("pod/uf created\n", "", 0)


def test_missing_kind_and_empty_file(pg: Playground) -> None:
    """Client-side validation of kind; an empty file creates nothing."""
    assert run(pg, "kubectl create -f nokind.yaml") == (
        "",
        ('error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n'),
        1)
    assert run(pg, "kubectl create -f nokind.yaml -f nginx-manual.yaml") == (
        "",
        ('Error from server (AlreadyExists): error when creating "nginx-manual.yaml": pods "nginx-manual" already exists\n'
         'error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n'),
        1)
    assert run(pg, "kubectl create -f empty.yaml") == ("", "error: no objects passed to create\n", 1)


def test_output_and_dry_run(pg: Playground) -> None:
    """-o name/yaml/json print each object (YAML with ---); dry runs say so."""
    assert run(pg, "kubectl create -f multi.yaml -o name --dry-run=client") == ("namespace/m1\npod/m2\n", "", 0)
    assert run(pg, "kubectl create -f multi.yaml -o yaml --dry-run=client") == (
        ("apiVersion: v1\n"
         "kind: Namespace\n"
         "metadata:\n"
         "  name: m1\n"
         "---\n"
         "apiVersion: v1\n"
         "kind: Pod\n"
         "metadata:\n"
         "  name: m2\n"
         "  namespace: default\n"
         "spec:\n"
         "  containers:\n"
         "  - image: nginx\n"
         "    name: c\n"),
        "",
        0)
    assert run(pg, "kubectl create -f multi.yaml -o jsonpath='{.metadata.name}' --dry-run=client") == ("m1m2", "", 0)
    assert run(pg, "kubectl create -f nginx-manual-v2.yaml --dry-run=client") == (
        "pod/nginx-manual-v2 created (dry run)\n",
        "",
        0)
    assert run(pg, "kubectl create -f nginx-manual-v2.yaml --dry-run=server") == (
        "pod/nginx-manual-v2 created (server dry run)\n",
        "",
        0)
    assert run(pg, "kubectl get pod nginx-manual-v2") == (
        "",
        'Error from server (NotFound): pods "nginx-manual-v2" not found\n',
        1)


def test_flag_and_argument_errors(pg: Playground) -> None:
    """Extra arguments, bad --dry-run/--validate/-o values come first."""
    assert run(pg, "kubectl create -f missing.yaml extra") == (
        "",
        ("error: Unexpected args: [extra]\n"
         "See 'kubectl create -h' for help and examples\n"),
        1)
    assert run(pg, "kubectl create --dry-run=bogus") == (
        "",
        ('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n'),
        1)
    assert run(pg, "kubectl create -f missing.yaml --validate=bogus -o bogus") == (
        "",
        ('error: invalid - validate option "bogus"; must be one of: strict (or true), warn, ignore (or false)\n'),
        1)
    assert run(pg, "kubectl create -f nginx-manual-v2.yaml -o wide") == (
        "",
        ('error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'),
        1)
    assert run(pg, "kubectl create") == ("", "error: must specify one of -f and -k\n", 1)


def test_create_namespace(pg: Playground) -> None:
    """create namespace and its dry-run output (typed object: struct order in JSON)."""
    assert run(pg, "kubectl create namespace foo") == ("namespace/foo created\n", "", 0)
    assert run(pg, "kubectl create ns foo") == (
        "",
        'Error from server (AlreadyExists): namespaces "foo" already exists\n',
        1)
    assert run(pg, "kubectl create namespace bar --dry-run=client -o yaml") == (
        ("apiVersion: v1\n"
         "kind: Namespace\n"
         "metadata:\n"
         "  creationTimestamp: null\n"
         "  name: bar\n"
         "spec: {}\n"
         "status: {}\n"),
        "",
        0)
    assert run(pg, "kubectl create namespace bar --dry-run=client -o json") == (
        ("{\n"
         '    "kind": "Namespace",\n'
         '    "apiVersion": "v1",\n'
         '    "metadata": {\n'
         '        "name": "bar",\n'
         '        "creationTimestamp": null\n'
         "    },\n"
         '    "spec": {},\n'
         '    "status": {}\n'
         "}\n"),
        "",
        0)
    assert run(pg, "kubectl create namespace bar --dry-run=client") == ("namespace/bar created (dry run)\n", "", 0)
    assert run(pg, "kubectl create namespace Bad_Name") == (
        "",
        ('The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')\n'),
        1)
    assert run(pg, "kubectl create namespace") == (
        "",
        ("error: exactly one NAME is required, got 0\n"
         "See 'kubectl create namespace -h' for help and examples\n"),
        1)
    assert run(pg, "kubectl create namespace a b") == (
        "",
        ("error: exactly one NAME is required, got 2\n"
         "See 'kubectl create namespace -h' for help and examples\n"),
        1)


def test_help_texts(pg: Playground) -> None:
    """create -h and create namespace -h are kubectl 1.33's, subcommands listed as it lists them."""
    assert run(pg, "kubectl create -h") == (
        ("Create a resource from a file or from stdin.\n"
         "\n"
         " JSON and YAML formats are accepted.\n"
         "\n"
         "Examples:\n"
         "  # Create a pod using the data in pod.json\n"
         "  kubectl create -f ./pod.json\n"
         "  \n"
         "  # Create a pod based on the JSON passed into stdin\n"
         "  cat pod.json | kubectl create -f -\n"
         "  \n"
         "  # Edit the data in registry.yaml in JSON then create the resource using the edited data\n"
         "  kubectl create -f registry.yaml --edit -o json\n"
         "\n"
         "Available Commands:\n"
         "  clusterrole           Create a cluster role\n"
         "  clusterrolebinding    Create a cluster role binding for a particular cluster role\n"
         "  configmap             Create a config map from a local file, directory or literal value\n"
         "  cronjob               Create a cron job with the specified name\n"
         "  deployment            Create a deployment with the specified name\n"
         "  ingress               Create an ingress with the specified name\n"
         "  job                   Create a job with the specified name\n"
         "  namespace             Create a namespace with the specified name\n"
         "  poddisruptionbudget   Create a pod disruption budget with the specified name\n"
         "  priorityclass         Create a priority class with the specified name\n"
         "  quota                 Create a quota with the specified name\n"
         "  role                  Create a role with single rule\n"
         "  rolebinding           Create a role binding for a particular role or cluster role\n"
         "  secret                Create a secret using a specified subcommand\n"
         "  service               Create a service using a specified subcommand\n"
         "  serviceaccount        Create a service account with the specified name\n"
         "  token                 Request a service account token\n"
         "\n"
         "Options:\n"
         "    --allow-missing-template-keys=true:\n"
         "\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n"
         "\n"
         "    --dry-run='none':\n"
         '\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n'
         "\n"
         "    --edit=false:\n"
         "\tEdit the API resource before creating\n"
         "\n"
         "    --field-manager='kubectl-create':\n"
         "\tName of the manager used to track field ownership.\n"
         "\n"
         "    -f, --filename=[]:\n"
         "\tFilename, directory, or URL to files to use to create the resource\n"
         "\n"
         "    -k, --kustomize='':\n"
         "\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n"
         "\n"
         "    -o, --output='':\n"
         "\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n"
         "\n"
         "    --raw='':\n"
         "\tRaw URI to POST to the server.  Uses the transport specified by the kubeconfig file.\n"
         "\n"
         "    -R, --recursive=false:\n"
         "\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n"
         "\n"
         "    --save-config=false:\n"
         "\tIf true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.\n"
         "\n"
         "    -l, --selector='':\n"
         "\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.\n"
         "\n"
         "    --show-managed-fields=false:\n"
         "\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n"
         "\n"
         "    --template='':\n"
         "\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n"
         "\n"
         "    --validate='strict':\n"
         '\tMust be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.\n'
         "\n"
         "    --windows-line-endings=false:\n"
         "\tOnly relevant if --edit=true. Defaults to the line ending native to your platform.\n"
         "\n"
         "Usage:\n"
         "  kubectl create -f FILENAME [options]\n"
         "\n"
         'Use "kubectl create <command> --help" for more information about a given command.\n'
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl create namespace -h") == (
        ("Create a namespace with the specified name.\n"
         "\n"
         "Aliases:\n"
         "namespace, ns\n"
         "\n"
         "Examples:\n"
         "  # Create a new namespace named my-namespace\n"
         "  kubectl create namespace my-namespace\n"
         "\n"
         "Options:\n"
         "    --allow-missing-template-keys=true:\n"
         "\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n"
         "\n"
         "    --dry-run='none':\n"
         '\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n'
         "\n"
         "    --field-manager='kubectl-create':\n"
         "\tName of the manager used to track field ownership.\n"
         "\n"
         "    -o, --output='':\n"
         "\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n"
         "\n"
         "    --save-config=false:\n"
         "\tIf true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.\n"
         "\n"
         "    --show-managed-fields=false:\n"
         "\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n"
         "\n"
         "    --template='':\n"
         "\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n"
         "\n"
         "    --validate='strict':\n"
         '\tMust be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.\n'
         "\n"
         "Usage:\n"
         "  kubectl create namespace NAME [--dry-run=server|client|none] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)


def test_file_patterns(pg: Playground) -> None:
    """kubectl expands -f patterns itself (quoted from the shell), sorted; no match is a missing path."""
    assert run(pg, "kubectl create -f 'dir/*.yaml' --dry-run=client") == ("pod/a created (dry run)\n", "", 0)
    assert run(pg, "kubectl create -f 'dir/[ab].*' --dry-run=client -o name") == ("pod/a\npod/b\n", "", 0)
    assert run(pg, "kubectl create -f 'nomatch*' --dry-run=client") == (
        "",
        'error: the path "nomatch*" does not exist\n',
        1)


def test_create_namespace_output(pg: Playground) -> None:
    """The typed Namespace back from the server: JSON in struct order, --save-config's annotation."""
    assert run(pg, "kubectl create namespace foo -o yaml") == (
        ("apiVersion: v1\n"
         "kind: Namespace\n"
         "metadata:\n"
         '  creationTimestamp: "2026-01-01T00:07:30Z"\n'
         "  labels:\n"
         "    kubernetes.io/metadata.name: foo\n"
         "  name: foo\n"
         '  resourceVersion: "1118"\n'
         "  uid: 6d316b4a-7f6b-4793-b318-ad4c1db2b452\n"
         "spec:\n"
         "  finalizers:\n"
         "  - kubernetes\n"
         "status:\n"
         "  phase: Active\n"),
        "",
        0)
    assert run(pg, "kubectl create namespace bar -o json") == (
        ("{\n"
         '    "kind": "Namespace",\n'
         '    "apiVersion": "v1",\n'
         '    "metadata": {\n'
         '        "name": "bar",\n'
         '        "uid": "bc18a40b-55c7-4d9d-8d49-85dc09aedbd0",\n'
         '        "resourceVersion": "1119",\n'
         '        "creationTimestamp": "2026-01-01T00:07:30Z",\n'
         '        "labels": {\n'
         '            "kubernetes.io/metadata.name": "bar"\n'
         "        }\n"
         "    },\n"
         '    "spec": {\n'
         '        "finalizers": [\n'
         '            "kubernetes"\n'
         "        ]\n"
         "    },\n"
         '    "status": {\n'
         '        "phase": "Active"\n'
         "    }\n"
         "}\n"),
        "",
        0)
    assert run(pg, "kubectl create namespace qux --dry-run=server -o yaml") == (
        ("apiVersion: v1\n"
         "kind: Namespace\n"
         "metadata:\n"
         "  creationTimestamp: null\n"
         "  labels:\n"
         "    kubernetes.io/metadata.name: qux\n"
         "  name: qux\n"
         "  uid: eb70ba65-27d9-4a23-a4f7-625eafe6790a\n"
         "spec:\n"
         "  finalizers:\n"
         "  - kubernetes\n"
         "status: {}\n"),
        "",
        0)
    assert run(pg, "kubectl create ns x --save-config --dry-run=client -o yaml") == (
        ("apiVersion: v1\n"
         "kind: Namespace\n"
         "metadata:\n"
         "  annotations:\n"
         "    kubectl.kubernetes.io/last-applied-configuration: |\n"
         '      {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"spec":{},"status":{}}\n'
         "  creationTimestamp: null\n"
         "  name: x\n"
         "spec: {}\n"
         "status: {}\n"),
        "",
        0)
    assert run(pg, "kubectl create ns y --save-config -o json") == (
        ("{\n"
         '    "kind": "Namespace",\n'
         '    "apiVersion": "v1",\n'
         '    "metadata": {\n'
         '        "name": "y",\n'
         '        "uid": "60257199-9082-4eda-a072-2aa02aa36cf7",\n'
         '        "resourceVersion": "1120",\n'
         '        "creationTimestamp": "2026-01-01T00:07:30Z",\n'
         '        "labels": {\n'
         '            "kubernetes.io/metadata.name": "y"\n'
         "        },\n"
         '        "annotations": {\n'
         '            "kubectl.kubernetes.io/last-applied-configuration": "{\\"kind\\":\\"Namespace\\",\\"apiVersion\\":\\"v1\\",\\"metadata\\":{\\"name\\":\\"y\\",\\"creationTimestamp\\":null},\\"spec\\":{},\\"status\\":{}}\\n"\n'
         "        }\n"
         "    },\n"
         '    "spec": {\n'
         '        "finalizers": [\n'
         '            "kubernetes"\n'
         "        ]\n"
         "    },\n"
         '    "status": {\n'
         '        "phase": "Active"\n'
         "    }\n"
         "}\n"),
        "",
        0)



# (manifest text, what kubectl 1.33 prints for ``create --validate=false --dry-run=client -f m.yaml``):
# go-yaml's words and line rule per document, Go's JSON errors, and the YAML fallback for JSON.
BROKEN_MANIFESTS = [
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: {}\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n'),
    ('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n\tcontainers: []\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token\n'),
    ('apiVersion: v1\nkind: Pod\nmetadata: [a\n',
     "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'\n"),
    ('hello: [\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content\n'),
    ('a: b: c\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n'),
    ('a:\n  - b\n  c: d\n',
     "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator\n"),
    ("a: 'unterminated\n",
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 2: found unexpected end of stream\n'),
    ('a: "bad \\q escape"\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: found unknown escape character\n'),
    ('a: *nope\n',
     "error: error parsing m.yaml: error converting YAML to JSON: yaml: unknown anchor 'nope' referenced\n"),
    ('a: {b: c\n',
     "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'\n"),
    ('key: value\n  other: x\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\n'),
    ('- a\nb: c\n',
     "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator\n"),
    ('a: |\n b\n c\n  d: e\nf: [\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 5: did not find expected node content\n'),
    ('a: b\n\t- c\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation\n'),
    ('a: @x\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: found character that cannot start any token\n'),
    ('a: `x\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: found character that cannot start any token\n'),
    ('? a\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":null}\'\n'),
    ('a: b\n---\n- x\n',
     'unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":"b"}\'\nunable to decode "m.yaml": json: cannot unmarshal array into Go value of type unstructured.detector\n'),
    ('a:\n- b\n - c\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":["b - c"]}\'\n'),
    ('a: &x b\nc: *x\nd: [*y]\n',
     "error: error parsing m.yaml: error converting YAML to JSON: yaml: unknown anchor 'y' referenced\n"),
    ('{"a": 1,}\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":1}\'\n'),
    ('{"apiVersion": "v1", "kind": "Pod"\n',
     'error: error parsing m.yaml: unexpected EOF\n'),
    ('a: b\nc\n',
     "error: error parsing m.yaml: error converting YAML to JSON: yaml: line 3: could not find expected ':'\n"),
    ('a:\n  b: c\n d: e\n',
     'error: error parsing m.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key\n'),
    ('a: 1\na: 2\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":2}\'\n'),
    ('{"a": 1,}\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":1}\'\n'),
    ('{"a" 1}\n',
     "error: error parsing m.yaml: json: offset 6: invalid character '1' after object key\n"),
    ('{"a": tru}\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":"tru"}\'\n'),
    ('{"a": [1, 2}\n',
     "error: error parsing m.yaml: json: offset 12: invalid character '}' after array element\n"),
    ('[{"apiVersion": "v1"}]\n',
     'error: unable to decode "m.yaml": json: cannot unmarshal array into Go value of type unstructured.detector\n'),
    ('{"a": "x\n"}\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":"x "}\'\n'),
    ('{\n  "apiVersion": "v1",\n  "kind": "Pod"\n  "metadata": {}\n}\n',
     'error: error parsing m.yaml: json: offset 43: invalid character \'"\' after object key:value pair\n'),
    ('- a\n- b\n',
     'error: unable to decode "m.yaml": json: cannot unmarshal array into Go value of type unstructured.detector\n'),
    ('just a string\n',
     'error: unable to decode "m.yaml": json: cannot unmarshal string into Go value of type unstructured.detector\n'),
    ('42\n',
     'error: unable to decode "m.yaml": json: cannot unmarshal number into Go value of type unstructured.detector\n'),
    ('a: b\n---\n- x\n',
     'unable to decode "m.yaml": Object \'Kind\' is missing in \'{"a":"b"}\'\nunable to decode "m.yaml": json: cannot unmarshal array into Go value of type unstructured.detector\n'),
    ('apiVersion: v1\n',
     'error: unable to decode "m.yaml": Object \'Kind\' is missing in \'{"apiVersion":"v1"}\'\n'),
]


@pytest.mark.parametrize(("text", "stderr"), BROKEN_MANIFESTS)
def test_broken_manifests(pg: Playground, text: str, stderr: str) -> None:
    """Each broken manifest gets the real kubectl's error, word for word."""
    pg.write_file("m.yaml", text)
    assert run(pg, "kubectl create --validate=false --dry-run=client -f m.yaml") == ("", stderr, 1)


def test_subcommands_not_simulated(pg: Playground) -> None:
    """create job and the other generators are listed as kubectl lists them but not simulated."""
    assert run(pg, "kubectl create job pi --image=perl") == (
        "", "error: kubectl create job is not available in this playground\n", 1)
    assert run(pg, "kubectl create job -h")[0].startswith("Create a job with the specified name.\n")
