"""Flag parsing errors and client configuration checks, compared with kubectl 1.33 byte for byte."""

from __future__ import annotations

import pytest

from cluster_core.playground import Playground
from tests.kubectl.test_get import fresh, run


@pytest.fixture
def pg() -> Playground:
    return fresh()


def test_unknown_flags(pg: Playground) -> None:
    """pflag's words for unknown long and short flags, with the verb's help hint."""
    assert run(pg, "kubectl get pods --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods -x") == (
        "",
        ("error: unknown shorthand flag: 'x' in -x\n"
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods -Ax") == (
        "",
        ("error: unknown shorthand flag: 'x' in -x\n"
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl create --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl create --help' for usage.\n"),
        1)
    assert run(pg, "kubectl create namespace --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl create namespace --help' for usage.\n"),
        1)
    assert run(pg, "kubectl label pod x a=b --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl label --help' for usage.\n"),
        1)
    assert run(pg, "kubectl annotate --bar") == (
        "",
        ("error: unknown flag: --bar\n"
         "See 'kubectl annotate --help' for usage.\n"),
        1)
    assert run(pg, "kubectl config view --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl config view --help' for usage.\n"),
        1)
    assert run(pg, "kubectl version --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl version --help' for usage.\n"),
        1)
    assert run(pg, "kubectl api-resources --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl api-resources --help' for usage.\n"),
        1)
    assert run(pg, "kubectl cluster-info --foo") == (
        "",
        ("error: unknown flag: --foo\n"
         "See 'kubectl cluster-info --help' for usage.\n"),
        1)
    assert run(pg, "kubectl delete pod x --bogus") == (
        "",
        ("error: unknown flag: --bogus\n"
         "See 'kubectl delete --help' for usage.\n"),
        1)


def test_missing_values(pg: Playground) -> None:
    """A flag that needs a value at the end of the line."""
    assert run(pg, "kubectl get pods -o") == (
        "",
        ("error: flag needs an argument: 'o' in -o\n"
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods --output") == (
        "",
        ("error: flag needs an argument: --output\n"
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods -l") == (
        "",
        ("error: flag needs an argument: 'l' in -l\n"
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl create -f") == (
        "",
        ("error: flag needs an argument: 'f' in -f\n"
         "See 'kubectl create --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods -n") == (
        "",
        ("error: flag needs an argument: 'n' in -n\n"
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl config set-context --current --namespace") == (
        "",
        ("error: flag needs an argument: --namespace\n"
         "See 'kubectl config set-context --help' for usage.\n"),
        1)


def test_bad_values(pg: Playground) -> None:
    """Booleans, integers and durations that do not parse."""
    assert run(pg, "kubectl get pods --chunk-size=abc") == (
        "",
        ('error: invalid argument "abc" for "--chunk-size" flag: strconv.ParseInt: parsing "abc": invalid syntax\n'
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods --watch=maybe") == (
        "",
        ('error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n'
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods -w=x") == (
        "",
        ('error: invalid argument "x" for "-w, --watch" flag: strconv.ParseBool: parsing "x": invalid syntax\n'
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods --show-labels=yes") == (
        "",
        ('error: invalid argument "yes" for "--show-labels" flag: strconv.ParseBool: parsing "yes": invalid syntax\n'
         "See 'kubectl get --help' for usage.\n"),
        1)
    assert run(pg, "kubectl delete --grace-period=abc pod x") == (
        "",
        ('error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax\n'
         "See 'kubectl delete --help' for usage.\n"),
        1)
    assert run(pg, "kubectl delete --timeout=5 pod x") == (
        "",
        ('error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\n'
         "See 'kubectl delete --help' for usage.\n"),
        1)
    assert run(pg, "kubectl delete --timeout=abc pod x") == (
        "",
        ('error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\n'
         "See 'kubectl delete --help' for usage.\n"),
        1)
    assert run(pg, "kubectl delete --wait=nope pod x") == (
        "",
        ('error: invalid argument "nope" for "--wait" flag: strconv.ParseBool: parsing "nope": invalid syntax\n'
         "See 'kubectl delete --help' for usage.\n"),
        1)
    assert run(pg, "kubectl label --overwrite=maybe pod x a=b") == (
        "",
        ('error: invalid argument "maybe" for "--overwrite" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n'
         "See 'kubectl label --help' for usage.\n"),
        1)
    assert run(pg, "kubectl version --client=x") == (
        "",
        ('error: invalid argument "x" for "--client" flag: strconv.ParseBool: parsing "x": invalid syntax\n'
         "See 'kubectl version --help' for usage.\n"),
        1)
    assert run(pg, "kubectl api-resources --namespaced=maybe") == (
        "",
        ('error: invalid argument "maybe" for "--namespaced" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n'
         "See 'kubectl api-resources --help' for usage.\n"),
        1)
    assert run(pg, "kubectl get pods --v=abc") == (
        "",
        ('error: invalid argument "abc" for "-v, --v" flag: strconv.ParseInt: parsing "abc": invalid syntax\n'
         "See 'kubectl get --help' for usage.\n"),
        1)


def test_client_config_checks(pg: Playground) -> None:
    """--request-timeout and impersonation are checked before any request."""
    assert run(pg, "kubectl get --request-timeout=abc pods") == (
        "",
        ("error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n"),
        1)
    assert run(pg, "kubectl get pods --request-timeout=5 -o name -l app=nginx") == (
        ("pod/nginx-2mprh\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get pods --as-group a") == (
        "",
        ("error: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n"),
        1)
    assert run(pg, "kubectl version --client --request-timeout=abc") == (
        ("Client Version: v1.33.1\n"
         "Kustomize Version: v5.6.0\n"),
        "",
        0)


def test_help_false_and_dashes(pg: Playground) -> None:
    """--help=false runs the command; -h after -- is an argument."""
    assert run(pg, "kubectl get --help=false") == (
        "",
        ('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n'
         "\n"
         "error: Required resource not specified.\n"
         'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n'
         "See 'kubectl get -h' for help and examples\n"),
        1)
    assert run(pg, "kubectl get -h=false pods -l app=nginx -o name") == (
        ("pod/nginx-2mprh\n"
         "pod/nginx-t9xh5\n"
         "pod/nginx-zs4hb\n"),
        "",
        0)
    assert run(pg, "kubectl get -- pods") == (
        ("NAME              READY   STATUS      RESTARTS   AGE\n"
         "batch-job-5mq6r   0/1     Completed   0          6m40s\n"
         "mysql-ds-q5xr7    1/1     Running     0          6m40s\n"
         "mysql-ds-wz7bc    1/1     Running     0          6m40s\n"
         "nginx-2mprh       1/1     Running     0          6m40s\n"
         "nginx-gpu         0/1     Pending     0          6m40s\n"
         "nginx-manual      1/1     Running     0          7m30s\n"
         "nginx-t9xh5       1/1     Running     0          6m40s\n"
         "nginx-zs4hb       1/1     Running     0          6m40s\n"),
        "",
        0)
