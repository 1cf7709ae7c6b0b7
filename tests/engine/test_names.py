"""Label key/value and object name rules: upstream validation_test.go vectors and exact messages."""

from __future__ import annotations

import pytest

from cluster_core.api.names import (
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_qualified_name,
    is_valid_label_value,
    mask_trailing_dash,
    validate_annotations,
    validate_generate_name,
    validate_labels,
    validate_object_name,
)

NAME_PART_REGEX = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)
LABEL_VALUE_REGEX = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)
SUBDOMAIN_REGEX = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
DNS_LABEL_REGEX = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
    "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)
DNS1035_REGEX = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
    "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
    "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
)
QUALIFIED_NAME_MULTI_SLASH = (
    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
    "(e.g. 'example.com/MyName')"
)


@pytest.mark.parametrize(
    "key",
    [
        "simple",
        "now-with-dashes",
        "1-starts-with-num",
        "1234",
        "simple/simple",
        "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes",
        "now.with.dots/simple",
        "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num",
        "1234/5678",
        "1.2.3.4/5678",
        "Uppercase_Is_OK_123",
        "example.com/Uppercase_Is_OK_123",
        "requests.storage-foo",
        "a" * 63,
        "a" * 253 + "/" + "b" * 63,
    ],
)
def test_good_qualified_names(key: str) -> None:
    """Upstream's good label keys have no errors."""
    assert is_qualified_name(key) == []


@pytest.mark.parametrize(
    "key",
    [
        "nospecialchars%^=@",
        "cantendwithadash-",
        "-cantstartwithadash-",
        "only/one/slash",
        "Example.com/abc",
        "example_com/abc",
        "example.com/",
        "/simple",
        "a" * 64,
        "a" * 254 + "/abc",
    ],
)
def test_bad_qualified_names(key: str) -> None:
    """Upstream's bad label keys all produce at least one message."""
    assert is_qualified_name(key) != []


@pytest.mark.parametrize(
    ("key", "messages"),
    [
        ("app:monolith", [NAME_PART_REGEX]),
        ("only/one/slash", [QUALIFIED_NAME_MULTI_SLASH]),
        ("/simple", ["prefix part must be non-empty"]),
        ("example.com/", ["name part must be non-empty", NAME_PART_REGEX]),
        ("", ["name part must be non-empty", NAME_PART_REGEX]),
        ("a" * 64, ["name part must be no more than 63 characters"]),
        ("Example.com/abc", ["prefix part " + SUBDOMAIN_REGEX]),
        ("a" * 254 + "/abc", ["prefix part must be no more than 253 characters"]),
        ("-x-/-y-", ["prefix part " + SUBDOMAIN_REGEX, NAME_PART_REGEX]),
    ],
)
def test_qualified_name_messages(key: str, messages: list[str]) -> None:
    """Each failing part is reported with apimachinery's exact words, in upstream order."""
    assert is_qualified_name(key) == messages


@pytest.mark.parametrize(
    "value", ["simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", "a" * 63, ""]
)
def test_good_label_values(value: str) -> None:
    """Upstream's good label values (the empty value included) have no errors."""
    assert is_valid_label_value(value) == []


@pytest.mark.parametrize(
    "value",
    [
        "nospecialchars%^=@",
        "Tama-nui-te-rā.is.Māori.sun",
        "\\backslashes\\are\\bad",
        "-starts-with-dash",
        "ends-with-dash-",
        ".starts.with.dot",
        "ends.with.dot.",
        "a" * 64,
    ],
)
def test_bad_label_values(value: str) -> None:
    """Upstream's bad label values all produce the regex message (and a length one when too long)."""
    errs = is_valid_label_value(value)
    assert errs[-1] == LABEL_VALUE_REGEX or errs == ["must be no more than 63 characters"]


def test_label_value_too_long_and_bad() -> None:
    """A long bad value reports the length first, then the regex, as upstream appends them."""
    assert is_valid_label_value("-" * 64) == ["must be no more than 63 characters", LABEL_VALUE_REGEX]


def test_label_value_length_counts_bytes() -> None:
    """Go's len counts UTF-8 bytes, so 32 two-byte letters are over 63."""
    assert is_valid_label_value("ā" * 32) == ["must be no more than 63 characters", LABEL_VALUE_REGEX]


def test_trailing_newline_is_not_accepted() -> None:
    """Go's regexp $ does not match before a trailing newline; ours must not either."""
    assert is_valid_label_value("abc\n") == [LABEL_VALUE_REGEX]
    assert is_dns1123_subdomain("abc\n") == [SUBDOMAIN_REGEX]


GOOD_DNS1123_LABELS = [
    "a",
    "ab",
    "abc",
    "a1",
    "a-1",
    "a--1--2--b",
    "0",
    "01",
    "012",
    "1a",
    "1-a",
    "1--a--b--2",
    "a" * 63,
]
BAD_DNS1123_LABELS = [
    "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
    "1_2", ".", "a.", ".a", "1.", ".1", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "a" * 64,
]  # fmt: skip


@pytest.mark.parametrize("name", GOOD_DNS1123_LABELS)
def test_good_dns1123_labels(name: str) -> None:
    """Upstream TestIsDNS1123Label good values."""
    assert is_dns1123_label(name) == []


@pytest.mark.parametrize("name", BAD_DNS1123_LABELS)
def test_bad_dns1123_labels(name: str) -> None:
    """Upstream TestIsDNS1123Label bad values."""
    assert is_dns1123_label(name) != []


@pytest.mark.parametrize(
    ("name", "messages"),
    [
        ("a.b", ["must not contain dots"]),
        ("1.2", ["must not contain dots"]),
        ("My_Namespace", [DNS_LABEL_REGEX]),
        ("a" * 64, ["must be no more than 63 characters"]),
        ("a." * 40 + "a", ["must be no more than 63 characters", "must not contain dots"]),
    ],
)
def test_dns1123_label_messages(name: str, messages: list[str]) -> None:
    """A valid subdomain that is not a label gets the short dots message instead of the regex."""
    assert is_dns1123_label(name) == messages


GOOD_SUBDOMAINS = [
    "a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", "a.a", "ab.a",
    "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1", "0.a",
    "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2", "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
    "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55", "a" * 253,
]  # fmt: skip
BAD_SUBDOMAINS = [
    "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1",
    "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a",
    "ab.A", "A1.a", "a1.A", "A.1", "aB.1", "A1.1", "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E",
    "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee", "a@b", "a,b", "a_b", "a;b", "a:b", "a%b", "a?b", "a$b",
    "a" * 254,
]  # fmt: skip


@pytest.mark.parametrize("name", GOOD_SUBDOMAINS)
def test_good_subdomains(name: str) -> None:
    """Upstream TestIsDNS1123Subdomain good values."""
    assert is_dns1123_subdomain(name) == []


@pytest.mark.parametrize("name", BAD_SUBDOMAINS)
def test_bad_subdomains(name: str) -> None:
    """Upstream TestIsDNS1123Subdomain bad values."""
    assert is_dns1123_subdomain(name) != []


def test_subdomain_messages() -> None:
    """Length and regex messages are separate and in that order."""
    assert is_dns1123_subdomain("Nginx_Pod") == [SUBDOMAIN_REGEX]
    assert is_dns1123_subdomain("a" * 254) == ["must be no more than 253 characters"]
    assert is_dns1123_subdomain("A" * 254) == ["must be no more than 253 characters", SUBDOMAIN_REGEX]


@pytest.mark.parametrize("name", ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "a" * 63])
def test_good_dns1035_labels(name: str) -> None:
    """Upstream TestIsDNS1035Label good values."""
    assert is_dns1035_label(name) == []


@pytest.mark.parametrize(
    "name",
    ["0", "01", "012", "1a", "1-a", "1--a--b--2", "", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a",
     "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ",
     " a", "a b", "1 ", " 1", "1 2", "a" * 64],
)  # fmt: skip
def test_bad_dns1035_labels(name: str) -> None:
    """Upstream TestIsDNS1035Label bad values."""
    assert is_dns1035_label(name) != []


def test_dns1035_message() -> None:
    """Service names that start with a digit get the DNS-1035 message."""
    assert is_dns1035_label("1web") == [DNS1035_REGEX]


def test_validate_object_name_pod() -> None:
    """The Pod "Nginx_Pod" is invalid: metadata.name: Invalid value: ... subdomain message."""
    errs = validate_object_name("Nginx_Pod", "Pod")
    assert [str(e) for e in errs] == ['metadata.name: Invalid value: "Nginx_Pod": ' + SUBDOMAIN_REGEX]


@pytest.mark.parametrize("kind", ["Pod", "ReplicaSet", "DaemonSet", "Job", "Node", "Event", "ConfigMap"])
def test_subdomain_kinds_accept_dots(kind: str) -> None:
    """Pods, workloads, nodes and events use subdomain names, so dots are fine."""
    assert validate_object_name("kubia.v1", kind) == []


def test_namespace_name_must_not_contain_dots() -> None:
    """Namespaces use DNS labels: a dotted name gets the short message."""
    errs = validate_object_name("team.a", "Namespace")
    assert [str(e) for e in errs] == ['metadata.name: Invalid value: "team.a": must not contain dots']


def test_namespace_name_regex_message() -> None:
    """A namespace with capitals gets the RFC 1123 label message."""
    errs = validate_object_name("Custom", "Namespace")
    assert [str(e) for e in errs] == ['metadata.name: Invalid value: "Custom": ' + DNS_LABEL_REGEX]


def test_service_name_uses_dns1035() -> None:
    """Services use RFC 1035 labels."""
    assert [str(e) for e in validate_object_name("1web", "Service")] == [
        'metadata.name: Invalid value: "1web": ' + DNS1035_REGEX
    ]


def test_empty_name_is_required() -> None:
    """No name (and no generateName) is a Required error with upstream's detail."""
    assert [str(e) for e in validate_object_name("", "Pod")] == [
        "metadata.name: Required value: name or generateName is required"
    ]


def test_custom_path() -> None:
    """The field path is the caller's (e.g. a template name)."""
    assert [str(e) for e in validate_object_name("A", "Pod", "spec.name")] == [
        'spec.name: Invalid value: "A": ' + SUBDOMAIN_REGEX
    ]


@pytest.mark.parametrize(
    ("prefix", "masked"),
    [("kubia-", "kubia"), ("ab-", "aa"), ("a-", "a"), ("-", "-"), ("ab", "ab"), ("", "")],
)
def test_mask_trailing_dash(prefix: str, masked: str) -> None:
    """maskTrailingDash drops two characters and appends 'a' (upstream slicing quirk)."""
    assert mask_trailing_dash(prefix) == masked


def test_generate_name_with_trailing_dash_is_fine() -> None:
    """generateName may end with '-' because a random suffix follows."""
    assert validate_generate_name("kubia-", "ReplicaSet") == []
    assert validate_generate_name("web-", "Namespace") == []


def test_generate_name_errors() -> None:
    """A bad generateName is reported on metadata.generateName with the unmasked value."""
    errs = validate_generate_name("Kubia-", "Pod")
    assert [str(e) for e in errs] == ['metadata.generateName: Invalid value: "Kubia-": ' + SUBDOMAIN_REGEX]


def test_validate_labels_paths_and_values() -> None:
    """ValidateLabels reports key and value errors on metadata.labels itself, value = the bad string."""
    errs = validate_labels({"bad key": "ok", "app": "bad value"}, "metadata.labels")
    assert [str(e) for e in errs] == [
        'metadata.labels: Invalid value: "bad value": ' + LABEL_VALUE_REGEX,
        'metadata.labels: Invalid value: "bad key": ' + NAME_PART_REGEX,
    ]


def test_validate_labels_good_and_empty() -> None:
    """Tutorial labels and an absent label map are valid."""
    assert validate_labels({"creation_method": "manual", "rel": "beta"}, "metadata.labels") == []
    assert validate_labels(None, "metadata.labels") == []


def test_validate_labels_one_error_per_message() -> None:
    """An empty prefix and empty name each give their own cause."""
    errs = validate_labels({"/": "x"}, "metadata.labels")
    assert [str(e) for e in errs] == [
        'metadata.labels: Invalid value: "/": prefix part must be non-empty',
        'metadata.labels: Invalid value: "/": name part must be non-empty',
        'metadata.labels: Invalid value: "/": ' + NAME_PART_REGEX,
    ]


def test_annotation_keys_are_case_insensitive() -> None:
    """Annotation keys are checked in lower case, so an uppercase prefix is fine."""
    assert (
        validate_annotations({"Example.COM/Note": "anything at all: even spaces"}, "metadata.annotations")
        == []
    )


def test_annotation_bad_key() -> None:
    """A bad annotation key reports the original key on metadata.annotations."""
    errs = validate_annotations({"a b": "x"}, "metadata.annotations")
    assert [str(e) for e in errs] == ['metadata.annotations: Invalid value: "a b": ' + NAME_PART_REGEX]


def test_annotations_total_size() -> None:
    """Keys plus values over 256 KiB are Too long, without the value."""
    ok = {"k": "v" * (262144 - 1)}
    assert validate_annotations(ok, "metadata.annotations") == []
    too_big = {"k": "v" * 262144}
    assert [str(e) for e in validate_annotations(too_big, "metadata.annotations")] == [
        "metadata.annotations: Too long: may not be more than 262144 bytes"
    ]
