"""Label key/value and object name rules with apimachinery v0.33's exact messages.

Ported from ``k8s.io/apimachinery/pkg/util/validation/validation.go`` (IsQualifiedName,
IsValidLabelValue, IsDNS1123Subdomain/Label, IsDNS1035Label), ``pkg/api/validation/generic.go``
(the NameIs* functions and their generateName masking) and ``pkg/apis/meta/v1/validation``
(ValidateLabels). The messages are what students read in ``The Pod "x" is invalid: ...``, so they
are reproduced character for character, including RegexError's two spaces before ``or``.

Lengths are counted in UTF-8 bytes because Go's ``len`` counts bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from cluster_core.api.errors import TOO_LONG, FieldError, invalid_value, required

QNAME_CHAR_FMT = "[A-Za-z0-9]"
QNAME_EXT_CHAR_FMT = "[-A-Za-z0-9_.]"
QUALIFIED_NAME_FMT = "(" + QNAME_CHAR_FMT + QNAME_EXT_CHAR_FMT + "*)?" + QNAME_CHAR_FMT
QUALIFIED_NAME_ERR_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character"
)
QUALIFIED_NAME_MAX_LENGTH = 63

LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?"
LABEL_VALUE_ERR_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character"
)
LABEL_VALUE_MAX_LENGTH = 63

DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_LABEL_ERR_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character"
)
DNS1123_LABEL_MAX_LENGTH = 63

DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*"
DNS1123_SUBDOMAIN_ERR_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character"
)
DNS1123_SUBDOMAIN_MAX_LENGTH = 253

DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
DNS1035_LABEL_ERR_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
    "start with an alphabetic character, and end with an alphanumeric character"
)
DNS1035_LABEL_MAX_LENGTH = 63

TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10)

# fullmatch, never `$`: Python's `$` also matches before a trailing newline, Go's does not.
_QUALIFIED_NAME_RE = re.compile(QUALIFIED_NAME_FMT)
_LABEL_VALUE_RE = re.compile(LABEL_VALUE_FMT)
_DNS1123_LABEL_RE = re.compile(DNS1123_LABEL_FMT)
_DNS1123_SUBDOMAIN_RE = re.compile(DNS1123_SUBDOMAIN_FMT)
_DNS1035_LABEL_RE = re.compile(DNS1035_LABEL_FMT)


def byte_len(s: str) -> int:
    """Go's ``len(s)``: the UTF-8 byte count (surrogates tolerated so nothing here can raise)."""
    if s.isascii():
        return len(s)
    return len(s.encode("utf-8", "surrogatepass"))


def regex_error(msg: str, fmt: str, *examples: str) -> str:
    """validation.RegexError, quirk included: each example is ``'x', `` then `` or ``."""
    if not examples:
        return msg + " (regex used for validation is '" + fmt + "')"
    msg += " (e.g. "
    for i, example in enumerate(examples):
        if i > 0:
            msg += " or "
        msg += "'" + example + "', "
    return msg + "regex used for validation is '" + fmt + "')"


def empty_error() -> str:
    return "must be non-empty"


def max_len_error(length: int) -> str:
    return f"must be no more than {length} characters"


_QUALIFIED_NAME_REGEX_MSG = regex_error(
    QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"
)
_LABEL_VALUE_REGEX_MSG = regex_error(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345")
_DNS1123_LABEL_REGEX_MSG = regex_error(DNS1123_LABEL_ERR_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc")
_DNS1123_SUBDOMAIN_REGEX_MSG = regex_error(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, "example.com")
_DNS1035_LABEL_REGEX_MSG = regex_error(DNS1035_LABEL_ERR_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123")


def is_qualified_name(key: str) -> list[str]:
    """IsQualifiedName: the rule for label keys (``[prefix/]name``); [] when valid."""
    errs: list[str] = []
    parts = key.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part " + empty_error())
        else:
            errs.extend("prefix part " + m for m in is_dns1123_subdomain(prefix))
    else:
        return [
            "a qualified name "
            + _QUALIFIED_NAME_REGEX_MSG
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errs.append("name part " + empty_error())
    elif byte_len(name) > QUALIFIED_NAME_MAX_LENGTH:
        errs.append("name part " + max_len_error(QUALIFIED_NAME_MAX_LENGTH))
    if not _QUALIFIED_NAME_RE.fullmatch(name):
        errs.append("name part " + _QUALIFIED_NAME_REGEX_MSG)
    return errs


def is_valid_label_value(value: str) -> list[str]:
    """IsValidLabelValue: at most 63 bytes, empty allowed; [] when valid."""
    errs: list[str] = []
    if byte_len(value) > LABEL_VALUE_MAX_LENGTH:
        errs.append(max_len_error(LABEL_VALUE_MAX_LENGTH))
    if not _LABEL_VALUE_RE.fullmatch(value):
        errs.append(_LABEL_VALUE_REGEX_MSG)
    return errs


def is_dns1123_subdomain(name: str) -> list[str]:
    """IsDNS1123Subdomain: Pod, ReplicaSet, ConfigMap... names and label key prefixes."""
    errs: list[str] = []
    if byte_len(name) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _DNS1123_SUBDOMAIN_RE.fullmatch(name):
        errs.append(_DNS1123_SUBDOMAIN_REGEX_MSG)
    return errs


def is_dns1123_label(name: str) -> list[str]:
    """IsDNS1123Label: Namespace names; a valid subdomain gets the shorter ``must not contain dots``."""
    errs: list[str] = []
    if byte_len(name) > DNS1123_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1123_LABEL_MAX_LENGTH))
    if not _DNS1123_LABEL_RE.fullmatch(name):
        if _DNS1123_SUBDOMAIN_RE.fullmatch(name):
            errs.append("must not contain dots")
        else:
            errs.append(_DNS1123_LABEL_REGEX_MSG)
    return errs


def is_dns1035_label(name: str) -> list[str]:
    """IsDNS1035Label: Service names (must start with a letter)."""
    errs: list[str] = []
    if byte_len(name) > DNS1035_LABEL_MAX_LENGTH:
        errs.append(max_len_error(DNS1035_LABEL_MAX_LENGTH))
    if not _DNS1035_LABEL_RE.fullmatch(name):
        errs.append(_DNS1035_LABEL_REGEX_MSG)
    return errs


def mask_trailing_dash(name: str) -> str:
    """generic.go maskTrailingDash, slicing quirk included (``ab-`` becomes ``aa``).

    A generateName prefix may end in ``-`` because a suffix follows; upstream masks it before
    checking the prefix with the same rule as a full name.
    """
    if len(name) > 1 and name.endswith("-"):
        return name[:-2] + "a"
    return name


NameRule = Callable[[str], list[str]]

# Kinds whose names are not DNS-1123 subdomains (every other kind we serve is).
_NAME_RULES: dict[str, NameRule] = {
    "Namespace": is_dns1123_label,
    "Service": is_dns1035_label,
}


def name_rule(kind: str) -> NameRule:
    """The ValidateNameFunc a kind uses: NameIsDNSLabel, NameIsDNS1035Label or NameIsDNSSubdomain."""
    return _NAME_RULES.get(kind, is_dns1123_subdomain)


def validate_object_name(name: str, kind: str, path: str = "metadata.name") -> list[FieldError]:
    """ValidateObjectMeta's name checks: Required when empty, else one Invalid per message."""
    if not name:
        return [required(path, "name or generateName is required")]
    return [invalid_value(path, name, msg) for msg in name_rule(kind)(name)]


def validate_generate_name(
    generate_name: str, kind: str, path: str = "metadata.generateName"
) -> list[FieldError]:
    """ValidateObjectMeta's generateName check: the kind's rule with prefix=true (trailing dash masked)."""
    if not generate_name:
        return []
    rule = name_rule(kind)
    return [invalid_value(path, generate_name, msg) for msg in rule(mask_trailing_dash(generate_name))]


def validate_label_name(key: str, path: str) -> list[FieldError]:
    """ValidateLabelName: one Invalid per IsQualifiedName message, the value being the key."""
    return [invalid_value(path, key, msg) for msg in is_qualified_name(key)]


def validate_labels(labels: Mapping[str, str] | None, path: str) -> list[FieldError]:
    """ValidateLabels: key and value errors both on ``path`` itself (``metadata.labels``).

    Go walks the map in random order; sorted keys keep the simulator deterministic.
    """
    errs: list[FieldError] = []
    labels = labels or {}
    for key in sorted(labels):
        value = labels[key]
        errs.extend(validate_label_name(key, path))
        errs.extend(invalid_value(path, value, msg) for msg in is_valid_label_value(value))
    return errs


def validate_annotations(annotations: Mapping[str, str] | None, path: str) -> list[FieldError]:
    """ValidateAnnotations: keys are qualified names compared in lower case; 256 KiB in total."""
    errs: list[FieldError] = []
    annotations = annotations or {}
    for key in sorted(annotations):
        errs.extend(invalid_value(path, key, msg) for msg in is_qualified_name(key.lower()))
    total = sum(byte_len(k) + byte_len(v) for k, v in annotations.items())
    if total > TOTAL_ANNOTATION_SIZE_LIMIT_B:
        errs.append(
            FieldError(path, TOO_LONG, detail=f"may not be more than {TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes")
        )
    return errs
