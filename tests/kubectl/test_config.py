"""kubectl config, compared with kubectl 1.33 byte for byte. The kubeconfig is the kubeadm one with its
certificate data, written to ~/.kube/config first, as the real binary read the same file."""

from __future__ import annotations

import pytest
import yaml

from cluster_core.kubectl.context import DEFAULT_KUBECONFIG
from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run

CERT = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="
KUBECONFIG = yaml.safe_dump(DEFAULT_KUBECONFIG)
for _key, _value in (("certificate-authority-data", DEFAULT_KUBECONFIG["clusters"][0]["cluster"]["certificate-authority-data"]),
                     ("client-certificate-data", DEFAULT_KUBECONFIG["users"][0]["user"]["client-certificate-data"]),
                     ("client-key-data", DEFAULT_KUBECONFIG["users"][0]["user"]["client-key-data"])):
    KUBECONFIG = KUBECONFIG.replace(f"{_key}: {_value}", f"{_key}: {CERT}")


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_view(pg: Playground) -> None:
    """view redacts certificate data; --raw and --flatten show it; -o json follows the v1 Config struct order."""
    pg.write_file(".kube/config", KUBECONFIG)
    assert run(pg, "kubectl config view") == (
        ("apiVersion: v1\n"
         "clusters:\n"
         "- cluster:\n"
         "    certificate-authority-data: DATA+OMITTED\n"
         "    server: https://192.168.0.11:6443\n"
         "  name: kubernetes\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: kubernetes\n"
         "    user: kubernetes-admin\n"
         "  name: kubernetes-admin@kubernetes\n"
         "current-context: kubernetes-admin@kubernetes\n"
         "kind: Config\n"
         "preferences: {}\n"
         "users:\n"
         "- name: kubernetes-admin\n"
         "  user:\n"
         "    client-certificate-data: DATA+OMITTED\n"
         "    client-key-data: DATA+OMITTED\n"),
        "",
        0)
    assert run(pg, "kubectl config view --raw") == (
        ("apiVersion: v1\n"
         "clusters:\n"
         "- cluster:\n"
         "    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    server: https://192.168.0.11:6443\n"
         "  name: kubernetes\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: kubernetes\n"
         "    user: kubernetes-admin\n"
         "  name: kubernetes-admin@kubernetes\n"
         "current-context: kubernetes-admin@kubernetes\n"
         "kind: Config\n"
         "preferences: {}\n"
         "users:\n"
         "- name: kubernetes-admin\n"
         "  user:\n"
         "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    client-key-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"),
        "",
        0)
    assert run(pg, "kubectl config view --flatten") == (
        ("apiVersion: v1\n"
         "clusters:\n"
         "- cluster:\n"
         "    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    server: https://192.168.0.11:6443\n"
         "  name: kubernetes\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: kubernetes\n"
         "    user: kubernetes-admin\n"
         "  name: kubernetes-admin@kubernetes\n"
         "current-context: kubernetes-admin@kubernetes\n"
         "kind: Config\n"
         "preferences: {}\n"
         "users:\n"
         "- name: kubernetes-admin\n"
         "  user:\n"
         "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    client-key-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"),
        "",
        0)
    assert run(pg, "kubectl config view -o json") == (
        ("{\n"
         '    "kind": "Config",\n'
         '    "apiVersion": "v1",\n'
         '    "preferences": {},\n'
         '    "clusters": [\n'
         "        {\n"
         '            "name": "kubernetes",\n'
         '            "cluster": {\n'
         '                "server": "https://192.168.0.11:6443",\n'
         '                "certificate-authority-data": "DATA+OMITTED"\n'
         "            }\n"
         "        }\n"
         "    ],\n"
         '    "users": [\n'
         "        {\n"
         '            "name": "kubernetes-admin",\n'
         '            "user": {\n'
         '                "client-certificate-data": "DATA+OMITTED",\n'
         '                "client-key-data": "DATA+OMITTED"\n'
         "            }\n"
         "        }\n"
         "    ],\n"
         '    "contexts": [\n'
         "        {\n"
         '            "name": "kubernetes-admin@kubernetes",\n'
         '            "context": {\n'
         '                "cluster": "kubernetes",\n'
         '                "user": "kubernetes-admin"\n'
         "            }\n"
         "        }\n"
         "    ],\n"
         '    "current-context": "kubernetes-admin@kubernetes"\n'
         "}\n"),
        "",
        0)
    assert run(pg, "kubectl config view -o jsonpath='{.contexts[*].name}'") == ("kubernetes-admin@kubernetes", "", 0)
    assert run(pg, "kubectl config view -o name") == ("config/<unknown>\n", "", 0)
    assert run(pg, "kubectl config view extra") == (
        "",
        ("error: unexpected arguments: [extra]\n"
         "See 'kubectl config view -h' for help and examples\n"),
        1)


def test_current_context_and_get_contexts(pg: Playground) -> None:
    """current-context, and get-contexts' table, names and errors."""
    pg.write_file(".kube/config", KUBECONFIG)
    assert run(pg, "kubectl config current-context") == ("kubernetes-admin@kubernetes\n", "", 0)
    assert run(pg, "kubectl config get-contexts") == (
        ("CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n"
         "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n"),
        "",
        0)
    assert run(pg, "kubectl config get-contexts -o name") == ("kubernetes-admin@kubernetes\n", "", 0)
    assert run(pg, "kubectl config get-contexts --no-headers") == (
        "*     kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n",
        "",
        0)
    assert run(pg, "kubectl config get-contexts nope") == (
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n",
        "error: context nope not found\n",
        1)
    assert run(pg, "kubectl config get-contexts a b") == (
        "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n",
        ("context a not found\n"
         "context b not found\n"),
        1)
    assert run(pg, "kubectl config get-contexts -o yaml") == (
        "",
        ("error: --output yaml is not available in kubectl config get-contexts; resetting to default output format\n"),
        1)
    assert run(pg, "kubectl config get-clusters") == ("NAME\nkubernetes\n", "", 0)
    assert run(pg, "kubectl config get-users") == ("NAME\nkubernetes-admin\n", "", 0)


def test_set_context_namespace(pg: Playground) -> None:
    """set-context --current --namespace changes the file (written as kubectl writes it) and later commands."""
    pg.write_file(".kube/config", KUBECONFIG)
    assert run(pg, "kubectl config set-context --current --namespace=kube-system") == (
        'Context "kubernetes-admin@kubernetes" modified.\n',
        "",
        0)
    assert run(pg, "cat ~/.kube/config") == (
        ("apiVersion: v1\n"
         "clusters:\n"
         "- cluster:\n"
         "    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    server: https://192.168.0.11:6443\n"
         "  name: kubernetes\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: kubernetes\n"
         "    namespace: kube-system\n"
         "    user: kubernetes-admin\n"
         "  name: kubernetes-admin@kubernetes\n"
         "current-context: kubernetes-admin@kubernetes\n"
         "kind: Config\n"
         "preferences: {}\n"
         "users:\n"
         "- name: kubernetes-admin\n"
         "  user:\n"
         "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    client-key-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"),
        "",
        0)
    assert run(pg, "kubectl config get-contexts") == (
        ("CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n"
         "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   kube-system\n"),
        "",
        0)
    assert run(pg, "kubectl config view --minify") == (
        ("apiVersion: v1\n"
         "clusters:\n"
         "- cluster:\n"
         "    certificate-authority-data: DATA+OMITTED\n"
         "    server: https://192.168.0.11:6443\n"
         "  name: kubernetes\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: kubernetes\n"
         "    namespace: kube-system\n"
         "    user: kubernetes-admin\n"
         "  name: kubernetes-admin@kubernetes\n"
         "current-context: kubernetes-admin@kubernetes\n"
         "kind: Config\n"
         "preferences: {}\n"
         "users:\n"
         "- name: kubernetes-admin\n"
         "  user:\n"
         "    client-certificate-data: DATA+OMITTED\n"
         "    client-key-data: DATA+OMITTED\n"),
        "",
        0)
    assert run(pg, "kubectl config set-context --current --namespace=") == (
        'Context "kubernetes-admin@kubernetes" modified.\n',
        "",
        0)
    assert run(pg, "kubectl config set-context --current -n foo") == (
        "",
        ("error: unknown shorthand flag: 'n' in -n\n"
         "See 'kubectl config set-context --help' for usage.\n"),
        1)


def test_new_context_use_rename_delete(pg: Playground) -> None:
    """Contexts created, switched to, renamed and deleted, with kubectl's messages."""
    pg.write_file(".kube/config", KUBECONFIG)
    assert run(pg, "kubectl config set-context new --user=u --cluster=c") == ('Context "new" created.\n', "", 0)
    assert run(pg, "kubectl config use-context new") == ('Switched to context "new".\n', "", 0)
    assert run(pg, "kubectl config current-context") == ("new\n", "", 0)
    assert run(pg, "kubectl config view --minify") == ("", "error: cannot locate cluster c\n", 1)
    assert run(pg, "kubectl config use-context nope") == ("", 'error: no context exists with the name: "nope"\n', 1)
    assert run(pg, "kubectl config rename-context new newer") == ('Context "new" renamed to "newer".\n', "", 0)
    assert run(pg, "kubectl config rename-context nope y") == (
        "",
        ('error: cannot rename the context "nope", it\'s not in /home/student/.kube/config\n'),
        1)
    assert run(pg, "kubectl config rename-context newer kubernetes-admin@kubernetes") == (
        "",
        ('error: cannot rename the context "newer", the context "kubernetes-admin@kubernetes" already exists in /home/student/.kube/config\n'),
        1)
    assert run(pg, "kubectl config delete-context newer") == (
        "deleted context newer from /home/student/.kube/config\n",
        ('warning: this removed your active context, use "kubectl config use-context" to select a different one\n'),
        0)
    assert run(pg, "kubectl config delete-context newer") == (
        "",
        ("error: cannot delete context newer, not in /home/student/.kube/config\n"),
        1)
    assert run(pg, "kubectl config delete-cluster nope") == (
        "",
        "error: cannot delete cluster nope, not in /home/student/.kube/config\n",
        1)
    assert run(pg, "kubectl config current-context") == ("newer\n", "", 0)
    assert run(pg, "cat ~/.kube/config") == (
        ("apiVersion: v1\n"
         "clusters:\n"
         "- cluster:\n"
         "    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    server: https://192.168.0.11:6443\n"
         "  name: kubernetes\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: kubernetes\n"
         "    user: kubernetes-admin\n"
         "  name: kubernetes-admin@kubernetes\n"
         "current-context: newer\n"
         "kind: Config\n"
         "preferences: {}\n"
         "users:\n"
         "- name: kubernetes-admin\n"
         "  user:\n"
         "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"
         "    client-key-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n"),
        "",
        0)


def test_argument_errors(pg: Playground) -> None:
    """Wrong numbers of arguments print the help, then the error."""
    pg.write_file(".kube/config", KUBECONFIG)
    assert run(pg, "kubectl config use-context") == (
        ("Set the current-context in a kubeconfig file.\n"
         "\n"
         "Aliases:\n"
         "use-context, use\n"
         "\n"
         "Examples:\n"
         "  # Use the context for the minikube cluster\n"
         "  kubectl config use-context minikube\n"
         "\n"
         "Usage:\n"
         "  kubectl config use-context CONTEXT_NAME [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "error: Unexpected args: []\n",
        1)
    assert run(pg, "kubectl config use-context a b") == (
        ("Set the current-context in a kubeconfig file.\n"
         "\n"
         "Aliases:\n"
         "use-context, use\n"
         "\n"
         "Examples:\n"
         "  # Use the context for the minikube cluster\n"
         "  kubectl config use-context minikube\n"
         "\n"
         "Usage:\n"
         "  kubectl config use-context CONTEXT_NAME [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "error: Unexpected args: [a b]\n",
        1)
    assert run(pg, "kubectl config set-context") == (
        "",
        "error: you must specify a non-empty context name or --current\n",
        1)
    assert run(pg, "kubectl config set-context --current other") == (
        "",
        "error: you cannot specify both a context name and --current\n",
        1)
    assert run(pg, "kubectl config set-context a b") == (
        ("Set a context entry in kubeconfig.\n"
         "\n"
         " Specifying a name that already exists will merge new fields on top of existing values for those fields.\n"
         "\n"
         "Examples:\n"
         "  # Set the user field on the gce context entry without touching other values\n"
         "  kubectl config set-context gce --user=cluster-admin\n"
         "\n"
         "Options:\n"
         "    --cluster='':\n"
         "\tcluster for the context entry in kubeconfig\n"
         "\n"
         "    --current=false:\n"
         "\tModify the current context\n"
         "\n"
         "    --namespace='':\n"
         "\tnamespace for the context entry in kubeconfig\n"
         "\n"
         "    --user='':\n"
         "\tuser for the context entry in kubeconfig\n"
         "\n"
         "Usage:\n"
         "  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "error: Unexpected args: [a b]\n",
        1)
    assert run(pg, "kubectl config rename-context x") == (
        ("Renames a context from the kubeconfig file.\n"
         "\n"
         " CONTEXT_NAME is the context name that you want to change.\n"
         "\n"
         " NEW_NAME is the new name you want to set.\n"
         "\n"
         " Note: If the context being renamed is the 'current-context', this field will also be updated.\n"
         "\n"
         "Examples:\n"
         "  # Rename the context 'old-name' to 'new-name' in your kubeconfig file\n"
         "  kubectl config rename-context old-name new-name\n"
         "\n"
         "Usage:\n"
         "  kubectl config rename-context CONTEXT_NAME NEW_NAME [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "error: Unexpected args: [x]\n",
        1)
    assert run(pg, "kubectl config delete-context") == (
        ("Delete the specified context from the kubeconfig.\n"
         "\n"
         "Examples:\n"
         "  # Delete the context for the minikube cluster\n"
         "  kubectl config delete-context minikube\n"
         "\n"
         "Usage:\n"
         "  kubectl config delete-context NAME [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)


def test_config_alone_and_unknown(pg: Playground) -> None:
    """kubectl config alone prints its help on stderr and fails; an unknown subcommand says so."""
    pg.write_file(".kube/config", KUBECONFIG)
    assert run(pg, "kubectl config") == (
        "",
        ('Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n'
         "\n"
         " The loading order follows these rules:\n"
         "\n"
         "  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n"
         "  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n"
         "  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.\n"
         "\n"
         "Available Commands:\n"
         "  current-context   Display the current-context\n"
         "  delete-cluster    Delete the specified cluster from the kubeconfig\n"
         "  delete-context    Delete the specified context from the kubeconfig\n"
         "  delete-user       Delete the specified user from the kubeconfig\n"
         "  get-clusters      Display clusters defined in the kubeconfig\n"
         "  get-contexts      Describe one or many contexts\n"
         "  get-users         Display users defined in the kubeconfig\n"
         "  rename-context    Rename a context from the kubeconfig file\n"
         "  set               Set an individual value in a kubeconfig file\n"
         "  set-cluster       Set a cluster entry in kubeconfig\n"
         "  set-context       Set a context entry in kubeconfig\n"
         "  set-credentials   Set a user entry in kubeconfig\n"
         "  unset             Unset an individual value in a kubeconfig file\n"
         "  use-context       Set the current-context in a kubeconfig file\n"
         "  view              Display merged kubeconfig settings or a specified kubeconfig file\n"
         "\n"
         "Usage:\n"
         "  kubectl config SUBCOMMAND [options]\n"
         "\n"
         'Use "kubectl config <command> --help" for more information about a given command.\n'
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        1)
    assert run(pg, "kubectl config foo") == (
        "",
        ('error: unknown command "foo"\n'
         "See 'kubectl config -h' for help and examples\n"),
        1)
    assert run(pg, "kubectl config -h") == (
        ('Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n'
         "\n"
         " The loading order follows these rules:\n"
         "\n"
         "  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n"
         "  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n"
         "  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.\n"
         "\n"
         "Available Commands:\n"
         "  current-context   Display the current-context\n"
         "  delete-cluster    Delete the specified cluster from the kubeconfig\n"
         "  delete-context    Delete the specified context from the kubeconfig\n"
         "  delete-user       Delete the specified user from the kubeconfig\n"
         "  get-clusters      Display clusters defined in the kubeconfig\n"
         "  get-contexts      Describe one or many contexts\n"
         "  get-users         Display users defined in the kubeconfig\n"
         "  rename-context    Rename a context from the kubeconfig file\n"
         "  set               Set an individual value in a kubeconfig file\n"
         "  set-cluster       Set a cluster entry in kubeconfig\n"
         "  set-context       Set a context entry in kubeconfig\n"
         "  set-credentials   Set a user entry in kubeconfig\n"
         "  unset             Unset an individual value in a kubeconfig file\n"
         "  use-context       Set the current-context in a kubeconfig file\n"
         "  view              Display merged kubeconfig settings or a specified kubeconfig file\n"
         "\n"
         "Usage:\n"
         "  kubectl config SUBCOMMAND [options]\n"
         "\n"
         'Use "kubectl config <command> --help" for more information about a given command.\n'
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl config view -h") == (
        ("Display merged kubeconfig settings or a specified kubeconfig file.\n"
         "\n"
         " You can use --output jsonpath={...} to extract specific values using a jsonpath expression.\n"
         "\n"
         "Examples:\n"
         "  # Show merged kubeconfig settings\n"
         "  kubectl config view\n"
         "  \n"
         "  # Show merged kubeconfig settings, raw certificate data, and exposed secrets\n"
         "  kubectl config view --raw\n"
         "  \n"
         "  # Get the password for the e2e user\n"
         '  kubectl config view -o jsonpath=\'{.users[?(@.name == "e2e")].user.password}\'\n'
         "\n"
         "Options:\n"
         "    --allow-missing-template-keys=true:\n"
         "\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n"
         "\n"
         "    --flatten=false:\n"
         "\tFlatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)\n"
         "\n"
         "    --merge=true:\n"
         "\tMerge the full hierarchy of kubeconfig files\n"
         "\n"
         "    --minify=false:\n"
         "\tRemove all information not used by current-context from the output\n"
         "\n"
         "    -o, --output='yaml':\n"
         "\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n"
         "\n"
         "    --raw=false:\n"
         "\tDisplay raw byte data and sensitive data\n"
         "\n"
         "    --show-managed-fields=false:\n"
         "\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n"
         "\n"
         "    --template='':\n"
         "\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n"
         "\n"
         "Usage:\n"
         "  kubectl config view [flags] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl config set-context -h") == (
        ("Set a context entry in kubeconfig.\n"
         "\n"
         " Specifying a name that already exists will merge new fields on top of existing values for those fields.\n"
         "\n"
         "Examples:\n"
         "  # Set the user field on the gce context entry without touching other values\n"
         "  kubectl config set-context gce --user=cluster-admin\n"
         "\n"
         "Options:\n"
         "    --cluster='':\n"
         "\tcluster for the context entry in kubeconfig\n"
         "\n"
         "    --current=false:\n"
         "\tModify the current context\n"
         "\n"
         "    --namespace='':\n"
         "\tnamespace for the context entry in kubeconfig\n"
         "\n"
         "    --user='':\n"
         "\tuser for the context entry in kubeconfig\n"
         "\n"
         "Usage:\n"
         "  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl config get-contexts -h") == (
        ("Display one or many contexts from the kubeconfig file.\n"
         "\n"
         "Examples:\n"
         "  # List all the contexts in your kubeconfig file\n"
         "  kubectl config get-contexts\n"
         "  \n"
         "  # Describe one context in your kubeconfig file\n"
         "  kubectl config get-contexts my-context\n"
         "\n"
         "Options:\n"
         "    --no-headers=false:\n"
         "\tWhen using the default or custom-column output format, don't print headers (default print headers).\n"
         "\n"
         "    -o, --output='':\n"
         "\tOutput format. One of: (name).\n"
         "\n"
         "Usage:\n"
         "  kubectl config get-contexts [(-o|--output=)name)] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
