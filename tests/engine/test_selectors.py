"""Label selectors, LabelSelector objects and field selectors: upstream test tables and exact errors."""

from __future__ import annotations

import time

import pytest

from cluster_core.api.selectors import (
    DOES_NOT_EXIST,
    DOUBLE_EQUALS,
    EQUALS,
    EXISTS,
    GREATER_THAN,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    Lexer,
    Requirement,
    Selector,
    SelectorError,
    Token,
    format_label_selector,
    from_label_selector,
    lex_all,
    new_requirement,
    parse,
    parse_field_selector,
    selector_from_set,
    validate_label_selector,
)

LABEL_VALUE_REGEX = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
)
NAME_PART_REGEX = (
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
)


def req(key: str, op: str, *values: str) -> Requirement:
    """getRequirement: a validated requirement with the values as a sorted set, like upstream's tests."""
    return new_requirement(key, op, sorted(set(values)))


# --- TestSelectorParse ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"]
)
def test_good_selectors_print_back(text: str) -> None:
    """TestSelectorParse: good strings parse and print back without their spaces."""
    assert str(parse(text)) == text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "x=a||y=b",
            'unable to parse requirement: values[0][x]: Invalid value: "a||y": ' + LABEL_VALUE_REGEX,
        ),
        ("x==a==b", "found '==', expected: ',' or 'end of string'"),
        ("!x=a", "found '=', expected: ',' or 'end of string'"),
        (
            "x<a",
            "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, "
            "the value must be an integer",
        ),
        ("x,,y", "found ',', expected: identifier after ','"),
        (",x,y", "found ',', expected: !, identifier, or 'end of string'"),
        (
            "x nott in (y)",
            "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt",
        ),
        ("a in (xyz),", "found '', expected: identifier after ','"),
        ("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"),
        ("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"),
        ("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
        ("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
        ("(", "found '(', expected: !, identifier, or 'end of string'"),
        ("a in x", "unable to parse requirement: found 'x' expected: '('"),
        ("a in (x,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
        ("x=(", "unable to parse requirement: found '(', expected: identifier"),
        ("!", "unable to parse requirement: found '', expected: identifier"),
        ("!!x", "unable to parse requirement: found '!', expected: identifier"),
        (
            "app:monolith",
            'unable to parse requirement: <nil>: Invalid value: "app:monolith": ' + NAME_PART_REGEX,
        ),
        (
            "x>1.5",
            "unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the value must be an integer",
        ),
        (
            "x>a||b",
            "unable to parse requirement: [values[0]: Invalid value: \"a||b\": for 'Gt', 'Lt' operators, the value "
            'must be an integer, values[0][x]: Invalid value: "a||b": ' + LABEL_VALUE_REGEX + "]",
        ),
        (
            "x>-1",
            'unable to parse requirement: values[0][x]: Invalid value: "-1": ' + LABEL_VALUE_REGEX,
        ),
        (
            "x=" + "a" * 64,
            f'unable to parse requirement: values[0][x]: Invalid value: "{"a" * 64}": '
            "must be no more than 63 characters",
        ),
        (
            "x in (b,-a)",
            'unable to parse requirement: values[0][x]: Invalid value: "-a": ' + LABEL_VALUE_REGEX,
        ),
    ],
)
def test_bad_selectors_exact_errors(text: str, message: str) -> None:
    """TestSelectorParse/TestSetSelectorParser bad strings fail with selector.go's exact words."""
    with pytest.raises(SelectorError) as info:
        parse(text)
    assert str(info.value) == message


@pytest.mark.parametrize("text", ["x in (,,)", "x in (a,,)", "x notin (a,b,,)"])
def test_double_comma_before_close_is_rejected(text: str) -> None:
    """parseIdentifiersList consumes ',,' then expects an identifier, so ',,)' fails as upstream does."""
    with pytest.raises(SelectorError) as info:
        parse(text)
    assert str(info.value) == "unable to parse requirement: found ')', expected: ',', or identifier"


@pytest.mark.parametrize(
    ("text", "printed"), [("x in (,)", "x in ()"), ("x in (,,,)", "x in ()"), ("x in (,,a)", "x in (,a)")]
)
def test_empty_values_collapse(text: str, printed: str) -> None:
    """Empty entries are the value "" and the set removes duplicates."""
    assert str(parse(text)) == printed


def test_selector_error_is_a_value_error() -> None:
    """SelectorError is a ValueError carrying the message unchanged."""
    with pytest.raises(ValueError, match="found '\\(', expected"):
        parse("(")


def test_deterministic_parse() -> None:
    """TestDeterministicParse: requirement order does not depend on input order."""
    assert str(parse("x=a,a=x")) == str(parse("a=x,x=a")) == "a=x,x=a"


# --- TestSelectorMatches / TestSetMatches / TestEverything -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("", {"x": "y"}),
        ("x=y", {"x": "y"}),
        ("x=y,z=w", {"x": "y", "z": "w"}),
        ("x!=y,z!=w", {"x": "z", "z": "a"}),
        ("notin=in", {"notin": "in"}),
        ("x", {"x": "z"}),
        ("!x", {"y": "z"}),
        ("x>1", {"x": "2"}),
        ("x<1", {"x": "0"}),
        ("foo=bar", {"foo": "bar", "baz": "blah"}),
        ("baz=blah", {"foo": "bar", "baz": "blah"}),
        ("foo=bar,baz=blah", {"foo": "bar", "baz": "blah"}),
    ],
)
def test_selector_matches(text: str, labels: dict[str, str]) -> None:
    """TestSelectorMatches expectMatch rows."""
    assert parse(text).matches(labels)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("x=z", {}),
        ("x=y", {"x": "z"}),
        ("x=y,z=w", {"x": "w", "z": "w"}),
        ("x!=y,z!=w", {"x": "z", "z": "w"}),
        ("x", {"y": "z"}),
        ("!x", {"x": "z"}),
        ("x>1", {"x": "0"}),
        ("x<1", {"x": "2"}),
        ("foo=blah", {"foo": "bar", "baz": "blah"}),
        ("baz=bar", {"foo": "bar", "baz": "blah"}),
        ("foo=bar,foobar=bar,baz=blah", {"foo": "bar", "baz": "blah"}),
    ],
)
def test_selector_does_not_match(text: str, labels: dict[str, str]) -> None:
    """TestSelectorMatches expectNoMatch rows."""
    assert not parse(text).matches(labels)


@pytest.mark.parametrize("selector", [{}, {"foo": "bar"}, {"baz": "blah"}, {"foo": "bar", "baz": "blah"}])
def test_set_matches(selector: dict[str, str]) -> None:
    """TestSetMatches: SelectorFromSet matches a superset of its labels."""
    assert selector_from_set(selector).matches({"foo": "bar", "baz": "blah"})


def test_selector_from_set_string_and_empty() -> None:
    """SelectorFromSet prints sorted k=v pairs; nil and empty sets are Everything."""
    assert str(selector_from_set({"app": "foo", "a": "b"})) == "a=b,app=foo"
    assert selector_from_set(None).empty and selector_from_set({}).empty


def test_everything_and_nothing() -> None:
    """TestEverything: the empty selector matches anything and is Empty; Nothing matches nothing."""
    assert parse("").matches({"x": "y"}) and parse("").empty
    assert Selector.everything().matches(None)
    nothing = Selector.nothing()
    assert not nothing.matches({"x": "y"}) and not nothing.matches({}) and not nothing.empty
    assert str(nothing) == ""


def test_matches_accepts_none_labels() -> None:
    """An object without metadata.labels is matched as having no labels."""
    assert parse("!x").matches(None)
    assert parse("x notin (a)").matches(None)
    assert not parse("x").matches(None)


# --- TestLexer / TestLexerSequence / TestParseOperator ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("", Token.END_OF_STRING),
        (",", Token.COMMA),
        ("notin", Token.NOT_IN),
        ("in", Token.IN),
        ("=", Token.EQUALS),
        ("==", Token.DOUBLE_EQUALS),
        (">", Token.GREATER_THAN),
        ("<", Token.LESS_THAN),
        ("!", Token.DOES_NOT_EXIST),
        ("!=", Token.NOT_EQUALS),
        ("(", Token.OPEN_PAR),
        (")", Token.CLOSED_PAR),
        ("~", Token.IDENTIFIER),
        ("||", Token.IDENTIFIER),
    ],
)
def test_lexer(text: str, token: Token) -> None:
    """TestLexer: the longest valid token, with the input as its literal."""
    assert Lexer(text).lex() == (token, text)


T = Token


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("key in ( value )", [T.IDENTIFIER, T.IN, T.OPEN_PAR, T.IDENTIFIER, T.CLOSED_PAR]),
        ("key notin ( value )", [T.IDENTIFIER, T.NOT_IN, T.OPEN_PAR, T.IDENTIFIER, T.CLOSED_PAR]),
        (
            "key in ( value1, value2 )",
            [T.IDENTIFIER, T.IN, T.OPEN_PAR, T.IDENTIFIER, T.COMMA, T.IDENTIFIER, T.CLOSED_PAR],
        ),
        ("key", [T.IDENTIFIER]),
        ("!key", [T.DOES_NOT_EXIST, T.IDENTIFIER]),
        ("()", [T.OPEN_PAR, T.CLOSED_PAR]),
        ("x in (),y", [T.IDENTIFIER, T.IN, T.OPEN_PAR, T.CLOSED_PAR, T.COMMA, T.IDENTIFIER]),
        (
            "== != (), = notin",
            [T.DOUBLE_EQUALS, T.NOT_EQUALS, T.OPEN_PAR, T.CLOSED_PAR, T.COMMA, T.EQUALS, T.NOT_IN],
        ),
        ("key>2", [T.IDENTIFIER, T.GREATER_THAN, T.IDENTIFIER]),
        ("key<1", [T.IDENTIFIER, T.LESS_THAN, T.IDENTIFIER]),
        ("=!", [T.EQUALS, T.DOES_NOT_EXIST]),
        ("!==", [T.NOT_EQUALS, T.EQUALS]),
        ("===", [T.DOUBLE_EQUALS, T.EQUALS]),
    ],
)
def test_lexer_sequence(text: str, tokens: list[Token]) -> None:
    """TestLexerSequence/TestParserLookahead: token kinds up to END_OF_STRING."""
    assert [tok for tok, _ in lex_all(text)] == [*tokens, T.END_OF_STRING]


def test_lexer_stops_at_nul_like_go() -> None:
    """Go's read() returns 0 at the end, so a NUL byte at a token start ends the selector."""
    assert str(parse("x \x00garbage")) == "x"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("k !", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"),
        ("k exists", "unable to parse requirement: found 'exists', expected: in, notin, =, ==, !=, gt, lt"),
        ("k (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
    ],
)
def test_parse_operator_errors(text: str, message: str) -> None:
    """TestParseOperator: anything but a binary operator after a key is refused."""
    with pytest.raises(SelectorError) as info:
        parse(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "op"),
    [("k in (v)", IN), ("k=v", EQUALS), ("k==v", DOUBLE_EQUALS), ("k>1", GREATER_THAN), ("k<1", LESS_THAN),
     ("k notin (v)", NOT_IN), ("k!=v", NOT_EQUALS), ("k", EXISTS), ("!k", DOES_NOT_EXIST)],
)  # fmt: skip
def test_parse_operator(text: str, op: str) -> None:
    """TestParseOperator good rows: each spelling maps to its selection.Operator."""
    assert parse(text).requirements[0].operator == op


# --- TestRequirementConstructor ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "op", "values", "message"),
    [
        ("x1", IN, None, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
        ("x2", NOT_IN, [], "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"),
        (
            "x5",
            EQUALS,
            ["bar", "foo"],
            'values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value',
        ),
        ("x8", EXISTS, ["foo"], 'values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist'),
        ("x13", GREATER_THAN, [], "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required"),
        ("x14", GREATER_THAN, ["bar"], "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("x15", LESS_THAN, ["bar"], "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("a" * 254, EXISTS, [], f'key: Invalid value: "{"a" * 254}": name part must be no more than 63 characters'),
        ("x16", EQUALS, ["a" * 254], f'values[0][x16]: Invalid value: "{"a" * 254}": must be no more than 63 characters'),
        ("x17", EQUALS, ["a b"], 'values[0][x17]: Invalid value: "a b": ' + LABEL_VALUE_REGEX),
        (
            "x18",
            "unsupportedOp",
            [],
            'operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", '
            '"exists", "!"',
        ),
    ],
)  # fmt: skip
def test_requirement_constructor_errors(key: str, op: str, values: list[str] | None, message: str) -> None:
    """TestRequirementConstructor: NewRequirement's field errors, rendered as v1.33 prints them."""
    with pytest.raises(SelectorError) as info:
        new_requirement(key, op, values)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("key", "op", "values"),
    [("x3", IN, ["foo"]), ("x4", NOT_IN, ["foo"]), ("x6", EXISTS, []), ("x7", DOES_NOT_EXIST, []), ("1foo", IN, ["bar"]),
     ("1234", IN, ["bar"]), ("x11", GREATER_THAN, ["1"]), ("x12", LESS_THAN, ["6"])],
)  # fmt: skip
def test_requirement_constructor_good(key: str, op: str, values: list[str]) -> None:
    """TestRequirementConstructor good rows build without error."""
    assert new_requirement(key, op, values).values == tuple(values)


# --- TestToString ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requirements", "text"),
    [
        ([req("x", IN, "abc", "def"), req("y", NOT_IN, "jkl"), req("z", EXISTS)], "x in (abc,def),y notin (jkl),z"),
        ([req("x", NOT_IN, "abc", "def"), req("y", NOT_EQUALS, "jkl"), req("z", DOES_NOT_EXIST)], "x notin (abc,def),y!=jkl,!z"),
        ([req("x", NOT_IN, "abc"), req("y", IN, "jkl", "mno"), req("z", NOT_IN, "")], "x notin (abc),y in (jkl,mno),z notin ()"),
        ([req("x", EQUALS, "abc"), req("y", DOUBLE_EQUALS, "jkl"), req("z", NOT_EQUALS, "a"), req("z", EXISTS)], "x=abc,y==jkl,z!=a,z"),
        ([req("x", GREATER_THAN, "2"), req("y", LESS_THAN, "8"), req("z", EXISTS)], "x>2,y<8,z"),
    ],
)  # fmt: skip
def test_to_string(requirements: list[Requirement], text: str) -> None:
    """TestToString: String() of hand-built selectors."""
    assert str(Selector(requirements)) == text


def test_to_string_sorts_values_without_mutating() -> None:
    """safeSort: values print sorted, the requirement keeps its own order."""
    r = Requirement("x", IN, ["b", "a", "b"])
    assert str(r) == "x in (a,b,b)"
    assert r.values == ("b", "a", "b")


# --- TestRequirementSelectorMatching --------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "requirements", "match"),
    [
        ({"x": "foo", "y": "baz"}, [req("x", IN, "foo"), req("y", NOT_IN, "alpha")], True),
        ({"x": "foo", "y": "baz"}, [req("x", IN, "foo"), req("y", IN, "alpha")], False),
        ({"y": ""}, [req("x", NOT_IN, ""), req("y", EXISTS)], True),
        ({"y": ""}, [req("x", DOES_NOT_EXIST), req("y", EXISTS)], True),
        ({"y": ""}, [req("x", NOT_IN, ""), req("y", DOES_NOT_EXIST)], False),
        ({"y": "baz"}, [req("x", IN, "")], False),
        ({"z": "2"}, [req("z", GREATER_THAN, "1")], True),
        ({"z": "v2"}, [req("z", GREATER_THAN, "1")], False),
    ],
)
def test_requirement_selector_matching(
    labels: dict[str, str], requirements: list[Requirement], match: bool
) -> None:
    """TestRequirementSelectorMatching rows."""
    assert Selector(requirements).matches(labels) is match


# --- TestSetSelectorParser ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("\rx", [req("x", EXISTS)]),
        ("this-is-a-dns.domain.com/key-with-dash", [req("this-is-a-dns.domain.com/key-with-dash", EXISTS)]),
        (
            "this-is-another-dns.domain.com/key-with-dash in (so,what)",
            [req("this-is-another-dns.domain.com/key-with-dash", IN, "so", "what")],
        ),
        ("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", [req("0.1.2.domain/99", NOT_IN, "10.10.100.1", "tick.tack.clock")]),
        ("foo  in\t (abc)", [req("foo", IN, "abc")]),
        ("x notin\n (abc)", [req("x", NOT_IN, "abc")]),
        ("x  notin\t\t\t(abc,def)", [req("x", NOT_IN, "abc", "def")]),
        ("x in (abc,def)", [req("x", IN, "abc", "def")]),
        ("x in (abc,)", [req("x", IN, "abc", "")]),
        ("x in ()", [req("x", IN, "")]),
        (
            "x notin (abc,,def),bar,z in (),w",
            [req("bar", EXISTS), req("w", EXISTS), req("x", NOT_IN, "abc", "", "def"), req("z", IN, "")],
        ),
        ("x,y in (a)", [req("x", EXISTS), req("y", IN, "a")]),
        ("x=a", [req("x", EQUALS, "a")]),
        ("x>1", [req("x", GREATER_THAN, "1")]),
        ("x<7", [req("x", LESS_THAN, "7")]),
        ("x=a,y!=b", [req("x", EQUALS, "a"), req("y", NOT_EQUALS, "b")]),
        ("x=a,y!=b,z in (h,i,j)", [req("x", EQUALS, "a"), req("y", NOT_EQUALS, "b"), req("z", IN, "h", "i", "j")]),
        ("x,y", [req("x", EXISTS), req("y", EXISTS)]),
        ("x notin ( )", [req("x", NOT_IN, "")]),
        ("x notin (, a)", [req("x", NOT_IN, "", "a")]),
        ("a ", [req("a", EXISTS)]),
        ("a in (x,y,notin, z,in)", [req("a", IN, "in", "notin", "x", "y", "z")]),
        ("in=notin", [req("in", EQUALS, "notin")]),
    ],
)  # fmt: skip
def test_set_selector_parser(text: str, expected: list[Requirement]) -> None:
    """TestSetSelectorParser valid rows: requirements sorted by key, value sets deduplicated."""
    assert parse(text) == Selector(expected)


def test_requirements_sort_is_stable() -> None:
    """Requirements with the same key keep their input order (Go's insertion sort for small n)."""
    assert str(parse("z,a=1,z!=2,a")) == "a=1,a,z,z!=2"


def test_requires_exact_match() -> None:
    """RequiresExactMatch: =, == or a one-value in name the value; anything else does not."""
    sel = parse("key in (value),key2 in (v1,v2),key3!=x,key4==y")
    assert sel.requires_exact_match("key") == "value"
    assert sel.requires_exact_match("key2") is None
    assert sel.requires_exact_match("key3") is None
    assert sel.requires_exact_match("key4") == "y"
    assert sel.requires_exact_match("missing") is None


# --- LabelSelectorAsSelector / FormatLabelSelector -----------------------------------------------------

MATCH_LABELS = {"foo": "bar"}
MATCH_EXPRESSIONS = [{"key": "baz", "operator": "In", "values": ["qux", "norf"]}]


@pytest.mark.parametrize(
    ("obj", "text"),
    [
        ({"matchLabels": MATCH_LABELS}, "foo=bar"),
        ({"matchExpressions": MATCH_EXPRESSIONS}, "baz in (norf,qux)"),
        ({"matchLabels": MATCH_LABELS, "matchExpressions": MATCH_EXPRESSIONS}, "baz in (norf,qux),foo=bar"),
        ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["nginx"]}]}, "app in (nginx)"),
        ({"matchExpressions": [{"key": "rel", "operator": "NotIn", "values": ["beta"]}]}, "rel notin (beta)"),
        ({"matchExpressions": [{"key": "rel", "operator": "Exists"}]}, "rel"),
        ({"matchExpressions": [{"key": "rel", "operator": "DoesNotExist"}]}, "!rel"),
        (
            {"matchLabels": {"app": "x"}, "matchExpressions": [{"key": "app", "operator": "Exists"}]},
            "app=x,app",
        ),
    ],
)
def test_label_selector_as_selector(obj: dict, text: str) -> None:
    """TestLabelSelectorAsSelector: the object converts to the same selector as parsing its string."""
    sel = from_label_selector(obj)
    assert str(sel) == text
    assert str(parse(text)) == text


def test_label_selector_nil_and_empty() -> None:
    """A nil LabelSelector is Nothing, an empty one is Everything."""
    assert from_label_selector(None) == Selector.nothing()
    assert from_label_selector({}) == Selector.everything()
    assert from_label_selector({"matchLabels": {}, "matchExpressions": []}).empty


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        (
            {"matchExpressions": [{"key": "baz", "operator": "Exists", "values": ["qux", "norf"]}]},
            'values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist',
        ),
        ({"matchExpressions": [{"key": "name", "operator": "Seriously"}]}, '"Seriously" is not a valid label selector operator'),
        (
            {"matchExpressions": [{"key": "name", "operator": "In", "values": []}]},
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
        ),
        ({"matchLabels": {"app": "a b"}}, 'values[0][app]: Invalid value: "a b": ' + LABEL_VALUE_REGEX),
        ({"matchLabels": {"a b": "x"}}, 'key: Invalid value: "a b": ' + NAME_PART_REGEX),
    ],
)  # fmt: skip
def test_label_selector_errors(obj: dict, message: str) -> None:
    """LabelSelectorAsSelector errors, with the values slice rendered as Go's %#v."""
    with pytest.raises(SelectorError) as info:
        from_label_selector(obj)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("obj", "text"),
    [
        ({"matchLabels": {"app": "nginx"}}, "app=nginx"),
        ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["nginx"]}]}, "app in (nginx)"),
        (None, "<none>"),
        ({}, "<none>"),
        ({"matchExpressions": [{"key": "app", "operator": "Foo"}]}, "<error>"),
        ({"matchExpressions": [{"key": "app", "operator": "In"}]}, "<error>"),
    ],
)
def test_format_label_selector(obj: dict | None, text: str) -> None:
    """FormatLabelSelector: kubectl's SELECTOR column text."""
    assert format_label_selector(obj) == text


def test_validate_label_selector_messages() -> None:
    """ValidateLabelSelector: matchLabels first, then per expression operator, key and values."""
    obj = {
        "matchLabels": {"a b": "c d"},
        "matchExpressions": [
            {"key": "x", "operator": "In"},
            {"key": "y", "operator": "Exists", "values": ["a"]},
            {"key": "z/", "operator": "Bad", "values": ["-a"]},
        ],
    }
    assert [str(e) for e in validate_label_selector(obj, "spec.selector")] == [
        'spec.selector.matchLabels: Invalid value: "a b": ' + NAME_PART_REGEX,
        'spec.selector.matchLabels: Invalid value: "c d": ' + LABEL_VALUE_REGEX,
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or "
        "'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Invalid value: "Bad": not a valid selector operator',
        'spec.selector.matchExpressions[2].key: Invalid value: "z/": name part must be non-empty',
        'spec.selector.matchExpressions[2].key: Invalid value: "z/": ' + NAME_PART_REGEX,
        'spec.selector.matchExpressions[2].values[0]: Invalid value: "-a": ' + LABEL_VALUE_REGEX,
    ]


def test_validate_label_selector_good_and_lenient() -> None:
    """The tutorial selector is valid; invalid values can be allowed for old objects."""
    obj = {"matchExpressions": [{"key": "app", "operator": "In", "values": ["nginx"]}]}
    assert validate_label_selector(obj, "spec.selector") == []
    assert validate_label_selector(None, "spec.selector") == []
    bad_value = {"matchExpressions": [{"key": "app", "operator": "In", "values": ["-x"]}]}
    assert validate_label_selector(bad_value, "spec.selector", allow_invalid_label_value=True) == []


# --- The tutorial's selectors ---------------------------------------------------------------------

TUTORIAL_PODS = {
    "nginx": {"run": "nginx"},
    "nginx-manual": {"creation_method": "manual"},
    "nginx-manual-v2": {"creation_method": "manual", "rel": "stable"},
}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("creation_method=manual", ["nginx-manual", "nginx-manual-v2"]),
        ("rel", ["nginx-manual-v2"]),
        ("!rel", ["nginx", "nginx-manual"]),
        ("creation_method!=manual", ["nginx"]),
        ("rel in (beta,stable)", ["nginx-manual-v2"]),
        ("rel notin (beta,stable)", ["nginx", "nginx-manual"]),
        ("creation_method=manual,rel=stable", ["nginx-manual-v2"]),
        ("creation_method=manual,rel=beta", []),
    ],
)
def test_tutorial_selectors(text: str, names: list[str]) -> None:
    """kubectl get pod -l ... against the tutorial's pods (notin and != also match pods without the key)."""
    sel = parse(text)
    assert [name for name, labels in TUTORIAL_PODS.items() if sel.matches(labels)] == names


@pytest.mark.parametrize("text", ["rel notin (beta,stable)", "rel!=beta", "!rel"])
def test_negative_operators_match_objects_without_the_key(text: str) -> None:
    """Upstream's Matches: notin, != and ! hold when the label is absent."""
    assert parse(text).matches({})


@pytest.mark.parametrize("text", ["rel in (beta,stable)", "rel=beta", "rel", "rel>1", "rel<1"])
def test_positive_operators_need_the_key(text: str) -> None:
    """in, =, exists, gt and lt never match an object without the label."""
    assert not parse(text).matches({"other": "1"})


@pytest.mark.parametrize(
    ("value", "match"),
    [("3", True), ("2", False), ("+3", True), ("03", True), ("3.0", False), ("٣", False), ("", False)],
)
def test_gt_uses_go_parseint(value: str, match: bool) -> None:
    """gt/lt parse label values like strconv.ParseInt: ASCII digits with an optional sign only."""
    assert parse("x>2").matches({"x": value}) is match


# --- Field selectors ------------------------------------------------------------------------------

POD = {
    "kind": "Pod",
    "metadata": {"name": "nginx", "namespace": "default"},
    "spec": {"nodeName": "node1", "restartPolicy": "Always", "schedulerName": "default-scheduler"},
    "status": {"phase": "Running", "podIP": "10.244.1.5"},
}


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("metadata.name=nginx", True),
        ("metadata.name==nginx", True),
        ("metadata.name!=nginx", False),
        ("metadata.namespace=default,status.phase=Running", True),
        ("status.phase=Pending", False),
        ("status.phase!=Running,spec.nodeName=node1", False),
        ("spec.nodeName=node1", True),
        ("spec.host=node1", True),
        ("spec.restartPolicy=Always,spec.schedulerName=default-scheduler", True),
        ("spec.serviceAccountName=", True),
        ("spec.hostNetwork=false", True),
        ("status.podIP=10.244.1.5", True),
        ("status.nominatedNodeName=", True),
        ("status.podIPs=10.244.1.5", False),
        ("", True),
    ],
)
def test_pod_field_selectors(text: str, match: bool) -> None:
    """Pod field labels (PodToSelectableFields); unset fields read as the empty string."""
    assert parse_field_selector(text).matches(POD) is match


def test_field_selector_kind_argument_and_string() -> None:
    """The kind can be passed explicitly; terms are sorted and == prints as =."""
    fs = parse_field_selector("status.phase==Running,metadata.name!=x")
    assert str(fs) == "metadata.name!=x,status.phase=Running"
    assert fs.matches({"metadata": {"name": "y"}, "status": {"phase": "Running"}}, "Pod")


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("Pod", "foo=bar", "field label not supported: foo"),
        ("Pod", "metadata.labels=x", "field label not supported: metadata.labels"),
        ("Node", "metadata.namespace=x", "field label not supported: metadata.namespace"),
        ("Namespace", "spec.finalizers=x", "field label not supported: spec.finalizers"),
        ("Event", "message=x", "field label not supported: message"),
        ("Job", "status.succeeded=1", 'field label "status.succeeded" not supported for batchv1.Job'),
        (
            "ReplicaSet",
            "status.replicas=1",
            '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
        ),
        (
            "DaemonSet",
            "spec.nodeName=x",
            '"spec.nodeName" is not a known field selector: only "metadata.name", "metadata.namespace"',
        ),
    ],
)
def test_unsupported_field_labels(kind: str, text: str, message: str) -> None:
    """Each kind's conversion func refuses other labels with its own words (kubectl shows them after BadRequest)."""
    with pytest.raises(SelectorError) as info:
        parse_field_selector(text, kind)
    assert str(info.value) == message
    with pytest.raises(SelectorError):
        parse_field_selector(text).matches({"kind": kind, "metadata": {"name": "x"}})


def test_field_selector_alias_is_converted() -> None:
    """spec.host is the legacy spelling of spec.nodeName for pods."""
    assert str(parse_field_selector("spec.host=node1", "Pod")) == "spec.nodeName=node1"


@pytest.mark.parametrize(
    ("kind", "obj", "text"),
    [
        ("Node", {"metadata": {"name": "n1"}, "spec": {}}, "spec.unschedulable=false"),
        ("Node", {"metadata": {"name": "n1"}, "spec": {"unschedulable": True}}, "spec.unschedulable=true"),
        ("Namespace", {"metadata": {"name": "dev"}, "status": {"phase": "Active"}}, "status.phase=Active"),
        ("Job", {"metadata": {"name": "j"}, "status": {"succeeded": 1}}, "status.successful=1"),
        ("Job", {"metadata": {"name": "j"}, "status": {}}, "status.successful=0"),
        ("Event", {"involvedObject": {"kind": "Pod", "name": "nginx"}, "type": "Warning"}, "involvedObject.name=nginx,type=Warning"),
        ("Event", {"source": {"component": "kubelet"}}, "source=kubelet"),
        ("Event", {"reportingComponent": "default-scheduler"}, "source=default-scheduler"),
        ("ReplicaSet", {"metadata": {"name": "rs", "namespace": "default"}}, "metadata.namespace=default"),
    ],
)  # fmt: skip
def test_other_kinds_field_values(kind: str, obj: dict, text: str) -> None:
    """Nodes, namespaces, jobs and events expose their own selectable fields."""
    assert parse_field_selector(text, kind).matches(obj, kind)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("foo", "invalid selector: 'foo'; can't understand 'foo'"),
        ("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
        ("a=b=c", "invalid field selector: unescaped character in value: 61"),
        ("a=b\\c", "invalid field selector: invalid escape sequence: \\c"),
        ("a=b\\", "invalid field selector: invalid escape sequence: \\"),
    ],
)
def test_field_selector_syntax_errors(text: str, message: str) -> None:
    """fields.ParseSelector errors, the unescaped rune printed as its code point like Go's %v."""
    with pytest.raises(SelectorError) as info:
        parse_field_selector(text)
    assert str(info.value) == message


def test_field_selector_escapes() -> None:
    """Backslash escapes let values hold , = and \\; String() escapes them again."""
    fs = parse_field_selector("metadata.name=a\\,b\\=c\\\\d")
    assert fs.terms == (("metadata.name", "=", "a,b=c\\d"),)
    assert str(fs) == "metadata.name=a\\,b\\=c\\\\d"
    assert parse_field_selector(",,").empty


# --- Speed ----------------------------------------------------------------------------------------


def test_parse_and_match_thousand_objects_is_fast() -> None:
    """Parsing a selector and matching 1,000 label sets stays well under 1 ms per 100 objects."""
    label_sets = [
        {"app": f"a{i % 7}", "rel": ["beta", "stable", "canary"][i % 3], "tier": "web"} for i in range(1000)
    ]
    best = float("inf")
    for round_ in range(5):
        start = time.perf_counter()
        sel = parse(f"app in (a1,a2,a3),rel notin (canary),tier,!gone,round!={round_}")
        hits = sum(1 for ls in label_sets if sel.matches(ls))
        best = min(best, time.perf_counter() - start)
    assert hits == sum(1 for i in range(1000) if i % 7 in (1, 2, 3) and i % 3 != 2)
    assert best < 0.005
