"""The PyYAML path ``goyaml`` used before its direct emitter: the same go-yaml v2 layout produced by
PyYAML's pure-Python representer, serializer and emitter with our representers. It is slow
(hundreds of milliseconds for a 100-pod List) and kept only as the oracle the fast emitter in
``goyaml`` is tested against byte for byte (``tests/kubectl/test_goyaml_fast.py``)."""

from __future__ import annotations

import math
from typing import Any

import yaml

from .gofmt import format_float_g
from .goyaml import resolves_to_non_string, sorted_keys

_STR = "tag:yaml.org,2002:str"


class _Dumper(yaml.SafeDumper):
    """A dumper whose resolver knows no implicit types: every scalar is written with the style
    chosen here, and plain text is never re-interpreted by PyYAML's own (YAML 1.1) rules."""

    yaml_implicit_resolvers: dict = {}


def _scalar(dumper: yaml.SafeDumper, text: str, style: str | None = None) -> yaml.ScalarNode:
    return yaml.ScalarNode(_STR, text, style=style)


def _represent_str(dumper: yaml.SafeDumper, s: str) -> yaml.ScalarNode:
    if "\n" in s:
        return _scalar(dumper, s, "|")
    if resolves_to_non_string(s):
        return _scalar(dumper, s, '"')
    return _scalar(dumper, s)


def _represent_float(dumper: yaml.SafeDumper, f: float) -> yaml.ScalarNode:
    if math.isnan(f):
        return _scalar(dumper, ".nan")
    if math.isinf(f):
        return _scalar(dumper, ".inf" if f > 0 else "-.inf")
    if f == int(f) and abs(f) < 1e21 and -(2**63) <= int(f) < 2**64:
        return _scalar(dumper, str(int(f)))  # JSON writes it without a dot: go-yaml reads an int
    return _scalar(dumper, format_float_g(f))


def _represent_dict(dumper: yaml.SafeDumper, d: dict) -> yaml.MappingNode:
    keys = sorted_keys(list(d))
    pairs = [(dumper.represent_data(k), dumper.represent_data(d[k])) for k in keys]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.SequenceNode:
    return yaml.SequenceNode("tag:yaml.org,2002:seq", [dumper.represent_data(x) for x in items],
                             flow_style=False)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(bool, lambda d, v: _scalar(d, "true" if v else "false"))
_Dumper.add_representer(int, lambda d, v: _scalar(d, str(v)))
_Dumper.add_representer(float, _represent_float)
_Dumper.add_representer(type(None), lambda d, v: _scalar(d, "null"))
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(tuple, _represent_list)


def dump(obj: Any) -> str:
    """``yaml.Marshal`` as kubectl calls it: the whole document, ending in a newline."""
    return yaml.dump(obj, Dumper=_Dumper, default_flow_style=False, allow_unicode=True,
                     width=80, indent=2, sort_keys=False)
