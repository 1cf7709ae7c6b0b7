"""kubectl label and annotate, compared with kubectl 1.33 byte for byte (see test_get)."""

from __future__ import annotations

import pytest

from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_add_overwrite_remove(pg: Playground) -> None:
    """labeled; a different value needs --overwrite; removal with key-; the same value is "not labeled"."""
    assert run(pg, "kubectl label pod nginx-manual foo=bar") == ("pod/nginx-manual labeled\n", "", 0)
    assert run(pg, "kubectl label pod nginx-manual foo=baz") == (
        "",
        "error: 'foo' already has a value (bar), and --overwrite is false\n",
        1)
    assert run(pg, "kubectl label pod nginx-manual foo=baz --overwrite") == ("pod/nginx-manual labeled\n", "", 0)
    assert run(pg, "kubectl label pod nginx-manual foo=baz") == ("pod/nginx-manual not labeled\n", "", 0)
    assert run(pg, "kubectl label pod nginx-manual foo-") == ("pod/nginx-manual unlabeled\n", "", 0)
    assert run(pg, "kubectl get pod nginx-manual --show-labels") == (
        ("NAME           READY   STATUS    RESTARTS   AGE     LABELS\n"
         "nginx-manual   1/1     Running   0          7m30s   <none>\n"),
        "",
        0)


def test_removing_a_missing_label(pg: Playground) -> None:
    """label "x" not found. goes to stdout; the JSON still changes (labels: {}), so "labeled"."""
    assert run(pg, "kubectl label pod nginx-manual foo-") == (
        ('label "foo" not found.\n'
         "pod/nginx-manual labeled\n"),
        "",
        0)
    assert run(pg, "kubectl label pod nginx-manual a=1 b=2") == ("pod/nginx-manual labeled\n", "", 0)
    assert run(pg, "kubectl label pod nginx-manual a- b- c-") == (
        ('label "c" not found.\n'
         "pod/nginx-manual unlabeled\n"),
        "",
        0)


def test_selector_all_and_every_error(pg: Playground) -> None:
    """-l and --all visit every object; each refusal is reported, one per line."""
    assert run(pg, "kubectl label pods -l app=nginx tier=web") == (
        ("pod/nginx-2mprh labeled\n"
         "pod/nginx-t9xh5 labeled\n"
         "pod/nginx-zs4hb labeled\n"),
        "",
        0)
    assert run(pg, "kubectl label pods --all env=dev") == (
        ("pod/batch-job-5mq6r labeled\n"
         "pod/mysql-ds-q5xr7 labeled\n"
         "pod/mysql-ds-wz7bc labeled\n"
         "pod/nginx-2mprh labeled\n"
         "pod/nginx-gpu labeled\n"
         "pod/nginx-manual labeled\n"
         "pod/nginx-t9xh5 labeled\n"
         "pod/nginx-zs4hb labeled\n"),
        "",
        0)
    assert run(pg, "kubectl label pods --all env=prod") == (
        "",
        ("'env' already has a value (dev), and --overwrite is false\n"
         "'env' already has a value (dev), and --overwrite is false\n"
         "'env' already has a value (dev), and --overwrite is false\n"
         "'env' already has a value (dev), and --overwrite is false\n"
         "'env' already has a value (dev), and --overwrite is false\n"
         "'env' already has a value (dev), and --overwrite is false\n"
         "'env' already has a value (dev), and --overwrite is false\n"
         "'env' already has a value (dev), and --overwrite is false\n"),
        1)
    assert run(pg, "kubectl label pods --all env-") == (
        ("pod/batch-job-5mq6r unlabeled\n"
         "pod/mysql-ds-q5xr7 unlabeled\n"
         "pod/mysql-ds-wz7bc unlabeled\n"
         "pod/nginx-2mprh unlabeled\n"
         "pod/nginx-gpu unlabeled\n"
         "pod/nginx-manual unlabeled\n"
         "pod/nginx-t9xh5 unlabeled\n"
         "pod/nginx-zs4hb unlabeled\n"),
        "",
        0)


def test_nodes_and_namespaces(pg: Playground) -> None:
    """Cluster-scoped objects take labels the same way."""
    assert run(pg, "kubectl label node kubesphere02 gpu=true") == ("node/kubesphere02 labeled\n", "", 0)
    assert run(pg, "kubectl get pods nginx-gpu") == (
        ("NAME        READY   STATUS    RESTARTS   AGE\n"
         "nginx-gpu   0/1     Pending   0          6m40s\n"),
        "",
        0)
    assert run(pg, "kubectl label nodes kubesphere02 gpu-") == ("node/kubesphere02 unlabeled\n", "", 0)
    assert run(pg, "kubectl label ns default team=a") == ("namespace/default labeled\n", "", 0)


def test_list(pg: Playground) -> None:
    """--list prints the labels; with several objects each gets a heading."""
    assert run(pg, "kubectl label pod nginx-manual --list") == ("", "", 0)
    assert run(pg, "kubectl label pods --list -l app=nginx") == (
        ("Listing labels for Pod./nginx-2mprh:\n"
         " app=nginx\n"
         "Listing labels for Pod./nginx-t9xh5:\n"
         " app=nginx\n"
         "Listing labels for Pod./nginx-zs4hb:\n"
         " app=nginx\n"),
        "",
        0)
    assert run(pg, "kubectl label rs nginx --list") == ("", "", 0)


def test_bad_values_and_keys(pg: Playground) -> None:
    """Values are checked by kubectl, keys by the server."""
    assert run(pg, "kubectl label pod nginx-manual 'rel=bad value'") == (
        "",
        ('error: invalid label value: "rel=bad value": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')\n'),
        1)
    assert run(pg, "kubectl label pod nginx-manual 'bad key=x'") == (
        "",
        ('The Pod "nginx-manual" is invalid: metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')\n'),
        1)
    assert run(pg, "kubectl label pod nginx-manual 'app:monolith=x'") == (
        "",
        ('The Pod "nginx-manual" is invalid: metadata.labels: Invalid value: "app:monolith": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')\n'),
        1)
    assert run(pg, "kubectl label pod nginx-manual a=b=c") == ("", "error: invalid label spec: a=b=c\n", 1)


def test_argument_shapes(pg: Playground) -> None:
    """GetResourcesAndPairs and parseLabels' errors."""
    assert run(pg, "kubectl label pod nginx-manual =x") == ("", "error: at least one label update is required\n", 1)
    assert run(pg, "kubectl label pod nginx-manual x=1 x=2") == ("pod/nginx-manual labeled\n", "", 0)
    assert run(pg, "kubectl label pod nginx-manual x=1 x-") == (
        "",
        "error: can not both modify and remove a label in the same command\n",
        1)
    assert run(pg, "kubectl label pod nginx-manual a=1 foo") == (
        "",
        "error: all resources must be specified before label changes: foo\n",
        1)
    assert run(pg, "kubectl label pod nginx-manual") == ("", "error: at least one label update is required\n", 1)
    assert run(pg, "kubectl label") == (
        "",
        ("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"),
        1)
    assert run(pg, "kubectl label pods a=b") == ("", "error: resource(s) were provided, but no name was specified\n", 1)
    assert run(pg, "kubectl label pod nginx-manual x=y --local") == (
        "",
        ("error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n"),
        1)
    assert run(pg, "kubectl label pods -l 'app in (a' x=y") == (
        "",
        ('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (a", field selector "": unable to parse requirement: found \'\', expected: \',\' or \')\'\n'),
        1)


def test_missing_objects_and_output(pg: Playground) -> None:
    """A missing object fails alone; -o name/yaml and dry runs."""
    assert run(pg, "kubectl label pod missing nginx-manual a=b") == (
        "pod/nginx-manual labeled\n",
        'Error from server (NotFound): pods "missing" not found\n',
        1)
    assert run(pg, "kubectl label pod nginx-manual c=d -o name") == ("pod/nginx-manual\n", "", 0)
    assert run(pg, "kubectl label pod nginx-manual e=f --dry-run=client") == (
        "pod/nginx-manual labeled (dry run)\n",
        "",
        0)
    assert run(pg, "kubectl label pod nginx-manual e=f --dry-run=server") == (
        "pod/nginx-manual labeled (server dry run)\n",
        "",
        0)
    assert run(pg, "kubectl label pod nginx-manual g=h --resource-version=1") == (
        "",
        ('Error from server (Conflict): Operation cannot be fulfilled on pods "nginx-manual": the object has been modified; please apply your changes to the latest version and try again\n'),
        1)
    assert run(pg, "kubectl label pods --all g=h --resource-version=1") == (
        "",
        "error: --resource-version may only be used with a single resource\n",
        1)


def test_annotate(pg: Playground) -> None:
    """annotate: the overwrite refusal in its own words, removal silent, values may hold spaces and =."""
    assert run(pg, "kubectl annotate pod nginx-manual note=hello") == ("pod/nginx-manual annotated\n", "", 0)
    assert run(pg, "kubectl annotate pod nginx-manual note=again") == (
        "",
        ("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n"),
        1)
    assert run(pg, "kubectl annotate pod nginx-manual note=again --overwrite") == (
        "pod/nginx-manual annotated\n",
        "",
        0)
    assert run(pg, "kubectl annotate pod nginx-manual note-") == ("pod/nginx-manual annotated\n", "", 0)
    assert run(pg, "kubectl annotate pod nginx-manual note-") == ("pod/nginx-manual annotated\n", "", 0)
    assert run(pg, "kubectl annotate pod nginx-manual 'desc=my frontend' 'url=a=b'") == (
        "pod/nginx-manual annotated\n",
        "",
        0)
    assert run(pg, "kubectl annotate pod nginx-manual --list") == ("desc=my frontend\nurl=a=b\n", "", 0)
    assert run(pg, "kubectl annotate pod nginx-manual") == (
        "",
        "error: at least one annotation update is required\n",
        1)
    assert run(pg, "kubectl annotate pod nginx-manual x=1 x-") == (
        "",
        ("error: can not both modify and remove the following annotation(s) in the same command: x\n"),
        1)
    assert run(pg, "kubectl annotate pod nginx-manual =x") == (
        "",
        "error: at least one annotation update is required\n",
        1)


def test_help_texts(pg: Playground) -> None:
    """label -h and annotate -h are kubectl 1.33's."""
    assert run(pg, "kubectl label -h") == (
        ("Update the labels on a resource.\n"
         "\n"
         "  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n"
         "  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n"
         "  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n"
         "  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.\n"
         "\n"
         "Examples:\n"
         "  # Update pod 'foo' with the label 'unhealthy' and the value 'true'\n"
         "  kubectl label pods foo unhealthy=true\n"
         "  \n"
         "  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value\n"
         "  kubectl label --overwrite pods foo status=unhealthy\n"
         "  \n"
         "  # Update all pods in the namespace\n"
         "  kubectl label pods --all status=unhealthy\n"
         "  \n"
         '  # Update a pod identified by the type and name in "pod.json"\n'
         "  kubectl label -f pod.json status=unhealthy\n"
         "  \n"
         "  # Update pod 'foo' only if the resource is unchanged from version 1\n"
         "  kubectl label pods foo status=unhealthy --resource-version=1\n"
         "  \n"
         "  # Update pod 'foo' by removing a label named 'bar' if it exists\n"
         "  # Does not require the --overwrite flag\n"
         "  kubectl label pods foo bar-\n"
         "\n"
         "Options:\n"
         "    --all=false:\n"
         "\tSelect all resources, in the namespace of the specified resource types\n"
         "\n"
         "    -A, --all-namespaces=false:\n"
         "\tIf true, check the specified action in all namespaces.\n"
         "\n"
         "    --allow-missing-template-keys=true:\n"
         "\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n"
         "\n"
         "    --dry-run='none':\n"
         '\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n'
         "\n"
         "    --field-manager='kubectl-label':\n"
         "\tName of the manager used to track field ownership.\n"
         "\n"
         "    --field-selector='':\n"
         "\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.\n"
         "\n"
         "    -f, --filename=[]:\n"
         "\tFilename, directory, or URL to files identifying the resource to update the labels\n"
         "\n"
         "    -k, --kustomize='':\n"
         "\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n"
         "\n"
         "    --list=false:\n"
         "\tIf true, display the labels for a given resource.\n"
         "\n"
         "    --local=false:\n"
         "\tIf true, label will NOT contact api-server but run locally.\n"
         "\n"
         "    -o, --output='':\n"
         "\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n"
         "\n"
         "    --overwrite=false:\n"
         "\tIf true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.\n"
         "\n"
         "    -R, --recursive=false:\n"
         "\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n"
         "\n"
         "    --resource-version='':\n"
         "\tIf non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.\n"
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
         "Usage:\n"
         "  kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)
    assert run(pg, "kubectl annotate -h") == (
        ("Update the annotations on one or more resources.\n"
         "\n"
         " All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n"
         "\n"
         " Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.\n"
         "\n"
         'Use "kubectl api-resources" for a complete list of supported resources.\n'
         "\n"
         "Examples:\n"
         "  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n"
         "  # If the same annotation is set multiple times, only the last value will be applied\n"
         "  kubectl annotate pods foo description='my frontend'\n"
         "  \n"
         '  # Update a pod identified by type and name in "pod.json"\n'
         "  kubectl annotate -f pod.json description='my frontend'\n"
         "  \n"
         "  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value\n"
         "  kubectl annotate --overwrite pods foo description='my frontend running nginx'\n"
         "  \n"
         "  # Update all pods in the namespace\n"
         "  kubectl annotate pods --all description='my frontend running nginx'\n"
         "  \n"
         "  # Update pod 'foo' only if the resource is unchanged from version 1\n"
         "  kubectl annotate pods foo description='my frontend running nginx' --resource-version=1\n"
         "  \n"
         "  # Update pod 'foo' by removing an annotation named 'description' if it exists\n"
         "  # Does not require the --overwrite flag\n"
         "  kubectl annotate pods foo description-\n"
         "\n"
         "Options:\n"
         "    --all=false:\n"
         "\tSelect all resources, in the namespace of the specified resource types.\n"
         "\n"
         "    -A, --all-namespaces=false:\n"
         "\tIf true, check the specified action in all namespaces.\n"
         "\n"
         "    --allow-missing-template-keys=true:\n"
         "\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n"
         "\n"
         "    --dry-run='none':\n"
         '\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.\n'
         "\n"
         "    --field-manager='kubectl-annotate':\n"
         "\tName of the manager used to track field ownership.\n"
         "\n"
         "    --field-selector='':\n"
         "\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.\n"
         "\n"
         "    -f, --filename=[]:\n"
         "\tFilename, directory, or URL to files identifying the resource to update the annotation\n"
         "\n"
         "    -k, --kustomize='':\n"
         "\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n"
         "\n"
         "    --list=false:\n"
         "\tIf true, display the annotations for a given resource.\n"
         "\n"
         "    --local=false:\n"
         "\tIf true, annotation will NOT contact api-server but run locally.\n"
         "\n"
         "    -o, --output='':\n"
         "\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n"
         "\n"
         "    --overwrite=false:\n"
         "\tIf true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.\n"
         "\n"
         "    -R, --recursive=false:\n"
         "\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.\n"
         "\n"
         "    --resource-version='':\n"
         "\tIf non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.\n"
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
         "Usage:\n"
         "  kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]\n"
         "\n"
         'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'),
        "",
        0)


def test_from_files(pg: Playground) -> None:
    """label -f: objects named by manifests are fetched first; a missing one is NotFound, then -n is checked."""
    assert run(pg, "kubectl label -f nginx-manual-v2.yaml a=b") == (
        "",
        'Error from server (NotFound): pods "nginx-manual-v2" not found\n',
        1)
    assert run(pg, "kubectl label -f nginx-manual.yaml -f nginx-manual-v2.yaml a=b") == (
        "pod/nginx-manual labeled\n",
        'Error from server (NotFound): pods "nginx-manual-v2" not found\n',
        1)
    assert run(pg, "kubectl label -f nginx-manual.yaml --list") == ("a=b\n", "", 0)
    assert run(pg, "kubectl label -f nsmismatch.yaml a=b -n kube-system") == (
        "",
        'Error from server (NotFound): pods "p" not found\n',
        1)
    assert run(pg, "kubectl label -f nm-default.yaml a=b -n kube-system") == (
        "",
        ('error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass \'--namespace=default\' to perform this operation.\n'),
        1)
    assert run(pg, "kubectl annotate -f nginx-manual.yaml a=b") == ("pod/nginx-manual annotated\n", "", 0)
