"""The parser on its own: what it accepts (printed back as bash prints commands), what it refuses and where."""

from __future__ import annotations

import pytest

from cluster_core.shell.lexer import ShellSyntaxError
from cluster_core.shell.parser import needs_more, parse_all, render_and_or

GOOD = [
    ("kubectl get pods", "kubectl get pods"),
    ("  kubectl   get  pods  ", "kubectl get pods"),
    ("a | b && c || d", "a | b && c || d"),
    ("A=b C='d e' cmd arg", "A=b C='d e' cmd arg"),
    ("cmd > out 2>&1", "cmd > out 2>&1"),
    ("cmd 2>/dev/null >>log <in", "cmd 2> /dev/null >> log < in"),
    ("cmd &> all", "cmd &> all"),
    ("cmd |& grep x", "cmd 2>&1 | grep x"),
    ("! grep -q x f", "! grep -q x f"),
    ("echo 'a # b' # comment", "echo 'a # b'"),
    ("echo a#b", "echo a#b"),
    ("cat <<<word", "cat <<< word"),
    ("a &&\n b", "a && b"),
    ("a |\n\n b", "a | b"),
    ("echo \\\ncontinued", "echo continued"),
]


@pytest.mark.parametrize(("text", "printed"), GOOD)
def test_accepted_lines_print_back(text, printed):
    """Good input parses to one command that prints back the way bash shows jobs."""
    (unit,) = parse_all(text)
    assert [render_and_or(item) for item in unit.items] == [printed]


def test_separators_make_items_and_ampersand_marks_background():
    """`;` and `&` end items; `&` runs the item in the background."""
    (unit,) = parse_all("a & b; c &")
    assert [(render_and_or(i), i["bg"]) for i in unit.items] == [("a", True), ("b", False), ("c", True)]


def test_each_line_is_a_unit_with_its_span():
    """Units are lines; a here-document's body belongs to the line that opened it."""
    text = "cat <<EOF > f\nbody\nEOF\nls\n"
    first, second = parse_all(text)
    assert text[first.start:first.end] == "cat <<EOF > f\nbody\nEOF\n"
    assert text[second.start:second.end] == "ls\n"


def test_two_here_documents_on_one_line_take_bodies_in_order():
    """Bodies follow the line in the order the operators appear."""
    (unit,) = parse_all("cat <<A - <<'B'\none\nA\ntwo $x\nB\n")
    redirs = unit.items[0]["pipes"][0]["cmds"][0]["redirs"]
    assert redirs[0]["body"] == [["q", "one\n"]]
    assert redirs[1]["body"] == [["q", "two $x\n"]]


def test_word_parts_keep_what_was_quoted():
    """Expansion needs to know quoting: unquoted literals, quoted text, variables, tilde."""
    (unit,) = parse_all("echo ~/x \"$A-b\" 'c' ${B:-d} \\*")
    words = [w["parts"] for w in unit.items[0]["pipes"][0]["cmds"][0]["words"]]
    assert words == [
        [["u", "echo"]],
        [["t", ""], ["u", "/x"]],
        [["q", ""], ["v", "A", True], ["q", "-b"]],
        [["q", "c"]],
        [["d", "B", ":-", [["u", "d"]], False]],
        [["q", "*"]],
    ]


BAD = [
    ("| ls", "syntax error near unexpected token `|'", 0),
    ("ls | | wc", "syntax error near unexpected token `|'", 5),
    ("ls ;;", "syntax error near unexpected token `;;'", 3),
    ("; ls", "syntax error near unexpected token `;'", 0),
    ("& ls", "syntax error near unexpected token `&'", 0),
    ("ls && && ls", "syntax error near unexpected token `&&'", 6),
    ("ls >\n", "syntax error near unexpected token `newline'", 4),
    ("ls > > f", "syntax error near unexpected token `>'", 5),
    ("echo )", "syntax error near unexpected token `)'", 5),
    ("fi", "syntax error near unexpected token `fi'", 0),
    ("if true; then ls; fi", "`if' is not supported in this playground shell", 0),
    ("f() { ls; }", "function definition is not supported in this playground shell", 1),
    ("echo `ls", "unexpected EOF while looking for matching ``'", 5),
    ("echo $(ls", "unexpected EOF while looking for matching `)'", 9),
    ("echo $((1+2))", "arithmetic expansion $((...)) is not supported in this playground shell", 5),
]


@pytest.mark.parametrize(("text", "message", "pos"), BAD)
def test_refused_lines_say_why_and_where(text, message, pos):
    """bash's message, and the offset of the token that stopped the parser."""
    with pytest.raises(ShellSyntaxError) as err:
        parse_all(text)
    assert (err.value.message, err.value.pos) == (message, pos)


@pytest.mark.parametrize(("text", "more"), [
    ("ls |", True), ("ls &&", True), ("echo 'open", True), ('echo "open', True), ("echo \\", True),
    ("cat <<EOF\nbody", True), ("echo ${A", True), ("ls", False), ("ls |\nwc", False),
    ("cat <<EOF\nbody\nEOF", False), ("| ls", False),
])
def test_needs_more_is_when_bash_would_show_its_continuation_prompt(text, more):
    """The terminal shows `> ` and waits for more lines exactly in these cases."""
    assert needs_more(text) is more


def test_bad_substitution_is_reported_when_expanded(term):
    """${a b} is refused at expansion time, as bash does."""
    res = term("echo ${a b}")
    assert (res.stderr, res.exit_code) == ("bash: ${a b}: bad substitution\n", 1)


def test_parameter_forms(term):
    """${#V}, ${V:-x}, ${V-x}, ${V:+x}, ${V:=x}, ${V:?msg}."""
    term("E=")
    assert term.out("echo ${#HOME} [${E:-d}] [${E-d}] [${U-d}] [${HOME:+set}] [${U:+set}]") == \
        "13 [d] [] [d] [set] []\n"
    assert term.out("echo ${N:=assigned}; echo $N") == "assigned\nassigned\n"
    assert term("echo ${U:?is required}").stderr == "bash: U: is required\n"


def test_special_parameters(term):
    """$?, $$, $#, $0, $- and positional ones in an interactive shell."""
    assert term.out("echo $$ $# $0 [$1] $-") == "1000 0 bash [] himBHs\n"
