"""Command-line flags parsed the way kubectl's pflag does, with pflag's exact error texts.

Flags and arguments may be interspersed; ``--`` ends flag parsing; ``--name=value``,
``--name value``, ``-n value``, ``-nvalue``, ``-n=value`` and grouped booleans (``-it``) all work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

BOOL, STRING, INT, STRING_ARRAY, STRING_SLICE, DURATION = "bool", "string", "int", "stringArray", "stringSlice", "duration"


class FlagError(Exception):
    """A flag the command line got wrong; kubectl adds ``See 'kubectl VERB --help' for usage.``"""


@dataclass(frozen=True)
class Flag:
    name: str
    type: str = STRING
    default: Any = None
    short: str = ""
    help: str = ""
    no_opt: str | None = None  # the value when given with no argument (bools: "true")
    shown: str | None = None  # the default as help prints it, when the type's own rendering is not it

    @property
    def display(self) -> str:
        return f"-{self.short}, --{self.name}" if self.short else f"--{self.name}"


@dataclass
class Parsed:
    values: dict[str, Any]
    args: list[str]
    given: set[str] = field(default_factory=set)
    dash_args: list[str] | None = None  # what followed ``--``

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def was_set(self, name: str) -> bool:
        return name in self.given


_GO_DURATION = re.compile(r"^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$")
_DURATION_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)")
_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Go's time.ParseDuration, in seconds; raises ValueError with Go's message."""
    s = text.strip()
    sign = 1.0
    if s.startswith(("-", "+")):
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if s == "0":
        return 0.0
    if not s or not _GO_DURATION.match(s):
        if s and re.fullmatch(r"[0-9.]+", s):
            raise ValueError(f'time: missing unit in duration "{text}"')
        raise ValueError(f'time: invalid duration "{text}"')
    return sign * sum(float(n or 0) * _UNITS[u] for n, u in _DURATION_PART.findall(s))


def _convert(flag: Flag, raw: str) -> Any:
    if flag.type == BOOL:
        low = raw
        if low in ("1", "t", "T", "true", "TRUE", "True"):
            return True
        if low in ("0", "f", "F", "false", "FALSE", "False"):
            return False
        raise FlagError(f'invalid argument "{raw}" for "{flag.display}" flag: strconv.ParseBool: '
                        f'parsing "{raw}": invalid syntax')
    if flag.type == INT:
        if re.fullmatch(r"[+-]?[0-9]+", raw):
            return int(raw)
        raise FlagError(f'invalid argument "{raw}" for "{flag.display}" flag: strconv.ParseInt: '
                        f'parsing "{raw}": invalid syntax')
    if flag.type == DURATION:
        try:
            return parse_duration(raw)
        except ValueError as e:
            raise FlagError(f'invalid argument "{raw}" for "{flag.display}" flag: {e}') from None
    return raw


def _store(values: dict[str, Any], flag: Flag, raw: str, given: set[str]) -> None:
    value = _convert(flag, raw)
    if flag.type == STRING_ARRAY:
        values[flag.name] = (values[flag.name] if flag.name in given else []) + [value]
    elif flag.type == STRING_SLICE:
        parts = [p for p in value.split(",")] if value else []
        values[flag.name] = (values[flag.name] if flag.name in given else []) + parts
    else:
        values[flag.name] = value
    given.add(flag.name)


def parse(argv: list[str], flags: list[Flag]) -> Parsed:
    """Split ``argv`` into flag values and positional arguments; raises FlagError as pflag would."""
    by_name = {f.name: f for f in flags}
    by_short = {f.short: f for f in flags if f.short}
    values: dict[str, Any] = {f.name: (list(f.default) if isinstance(f.default, list) else f.default)
                              for f in flags}
    given: set[str] = set()
    args: list[str] = []
    dash: list[str] | None = None
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a == "--":
            dash = argv[i:]
            args.extend(dash)
            break
        if a.startswith("--") and len(a) > 2:
            name, eq, raw = a[2:].partition("=")
            flag = by_name.get(name)
            if flag is None:
                raise FlagError(f"unknown flag: --{name}")
            if eq:
                _store(values, flag, raw, given)
            elif flag.type == BOOL or flag.no_opt is not None:
                _store(values, flag, flag.no_opt or "true", given)
            elif i < len(argv):
                _store(values, flag, argv[i], given)
                i += 1
            else:
                raise FlagError(f"flag needs an argument: --{name}")
        elif a.startswith("-") and len(a) > 1:
            shorts = a[1:]
            while shorts:
                c = shorts[0]
                flag = by_short.get(c)
                if flag is None:
                    raise FlagError(f"unknown shorthand flag: '{c}' in -{shorts}")
                rest = shorts[1:]
                if rest.startswith("="):
                    _store(values, flag, rest[1:], given)
                    break
                if flag.type == BOOL or flag.no_opt is not None:
                    _store(values, flag, flag.no_opt or "true", given)
                    shorts = rest
                    continue
                if rest:
                    _store(values, flag, rest, given)
                elif i < len(argv):
                    _store(values, flag, argv[i], given)
                    i += 1
                else:
                    raise FlagError(f"flag needs an argument: '{c}' in -{c}")
                break
        else:
            args.append(a)
    return Parsed(values, args, given, dash)


# Flags every kubectl command accepts (``kubectl options``), with kubectl 1.33's defaults and help.
# Most are accepted and ignored here: there is one cluster and one user.
HOME_DIR = "/home/student"
GLOBAL_FLAGS: list[Flag] = [
    Flag("as", STRING, "", help="Username to impersonate for the operation. User could be a regular user or a service "
         "account in a namespace."),
    Flag("as-group", STRING_ARRAY, [], help="Group to impersonate for the operation, this flag can be repeated to "
         "specify multiple groups."),
    Flag("as-uid", STRING, "", help="UID to impersonate for the operation."),
    Flag("cache-dir", STRING, HOME_DIR + "/.kube/cache", help="Default cache directory"),
    Flag("certificate-authority", STRING, "", help="Path to a cert file for the certificate authority"),
    Flag("client-certificate", STRING, "", help="Path to a client certificate file for TLS"),
    Flag("client-key", STRING, "", help="Path to a client key file for TLS"),
    Flag("cluster", STRING, "", help="The name of the kubeconfig cluster to use"),
    Flag("context", STRING, "", help="The name of the kubeconfig context to use"),
    Flag("disable-compression", BOOL, False, help="If true, opt-out of response compression for all requests to the "
         "server"),
    Flag("insecure-skip-tls-verify", BOOL, False, help="If true, the server's certificate will not be checked for "
         "validity. This will make your HTTPS connections insecure"),
    Flag("kubeconfig", STRING, "", help="Path to the kubeconfig file to use for CLI requests."),
    Flag("log-flush-frequency", DURATION, 5.0, help="Maximum number of seconds between log flushes"),
    Flag("match-server-version", BOOL, False, help="Require server version to match client version"),
    Flag("namespace", STRING, "", "n", help="If present, the namespace scope for this CLI request"),
    Flag("password", STRING, "", help="Password for basic authentication to the API server"),
    Flag("profile", STRING, "none", help="Name of profile to capture. One of "
         "(none|cpu|heap|goroutine|threadcreate|block|mutex)"),
    Flag("profile-output", STRING, "profile.pprof", help="Name of the file to write the profile to"),
    Flag("request-timeout", STRING, "0", help="The length of time to wait before giving up on a single server "
         "request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero "
         "means don't timeout requests."),
    Flag("server", STRING, "", "s", help="The address and port of the Kubernetes API server"),
    Flag("tls-server-name", STRING, "", help="Server name to use for server certificate validation. If it is not "
         "provided, the hostname used to contact the server is used"),
    Flag("token", STRING, "", help="Bearer token for authentication to the API server"),
    Flag("user", STRING, "", help="The name of the kubeconfig user to use"),
    Flag("username", STRING, "", help="Username for basic authentication to the API server"),
    Flag("v", INT, 0, "v", help="number for the log level verbosity"),
    Flag("vmodule", STRING, "", help="comma-separated list of pattern=N settings for file-filtered logging (only "
         "works for the default text log format)", shown=""),
    Flag("warnings-as-errors", BOOL, False, help="Treat warnings received from the server as errors and exit with a "
         "non-zero exit code"),
]

# cobra's own -h/--help, accepted by every command (``--help=false`` runs the command).
HELP_FLAG = Flag("help", BOOL, False, "h", "help")
