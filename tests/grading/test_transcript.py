"""Splitting a transcript into terminal inputs, and refusing the ones the grader will not run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from playground.grading.transcript import (
    MAX_BYTES,
    MAX_INPUTS,
    MAX_LINES,
    TranscriptError,
    decode,
    parse_transcript,
    read_transcript,
)


def texts(text: str) -> list[tuple[int, str]]:
    return [(i.line, i.text) for i in parse_transcript(text).inputs]


def test_one_input_per_line_comments_and_blank_lines_skipped() -> None:
    """Comment and blank lines between inputs are not inputs; each other line is one."""
    assert texts("# step 1\nkubectl get pods\n\n   \n  # indented comment\nkubectl get nodes\n") == [
        (2, "kubectl get pods"), (6, "kubectl get nodes")]


def test_here_document_is_one_input_up_to_its_delimiter() -> None:
    """A here-document's body (its comments and blank lines too) belongs to the input that opened it."""
    text = "cat <<EOF > f.yaml\n# a YAML comment\napiVersion: v1\n\nkind: Pod\nEOF\nkubectl create -f f.yaml\n"
    assert texts(text) == [(1, "cat <<EOF > f.yaml\n# a YAML comment\napiVersion: v1\n\nkind: Pod\nEOF"),
                           (7, "kubectl create -f f.yaml")]


def test_quoted_dash_and_several_here_documents() -> None:
    """``<<'EOF'``, ``<<-EOF`` (tab-indented delimiter) and two documents on one line."""
    text = "cat <<'END' >a\n$HOME\nEND\ncat <<-X >b\n\tbody\n\tX\ncat <<A <<B\na\nA\nb\nB\necho done\n"
    assert texts(text) == [(1, "cat <<'END' >a\n$HOME\nEND"), (4, "cat <<-X >b\n\tbody\n\tX"),
                           (7, "cat <<A <<B\na\nA\nb\nB"), (12, "echo done")]


def test_a_line_like_the_delimiter_inside_another_word_does_not_end_the_document() -> None:
    """Only a line that is exactly the delimiter ends a here-document."""
    text = "cat <<EOF > f\nEOF is near\n EOF\nEOF\n"
    assert texts(text) == [(1, "cat <<EOF > f\nEOF is near\n EOF\nEOF")]


def test_continuation_lines_open_quote_trailing_pipe_and_backslash() -> None:
    """Where bash shows its ``> `` prompt, the next line continues the same input."""
    text = "echo \"one\ntwo\"\nkubectl get pods |\n  grep web\nkubectl get \\\n  nodes\n"
    assert texts(text) == [(1, "echo \"one\ntwo\""), (3, "kubectl get pods |\n  grep web"),
                           (5, "kubectl get \\\n  nodes")]


def test_unfinished_input_at_the_end_runs_as_it_is_with_a_note() -> None:
    """An open here-document at the end of the file is run as typed (bash warns) and noted."""
    t = parse_transcript("cat <<EOF > f\nbody\n")
    assert [i.text for i in t.inputs] == ["cat <<EOF > f\nbody"]
    assert t.notes == ("the input starting on line 1 is unfinished at the end of the transcript "
                       "(an open quote or here-document): it was run as it is",)


def test_crlf_and_lone_cr_line_ends() -> None:
    """Windows line ends and old Mac ones split lines like ``\\n``."""
    assert texts("kubectl get pods\r\nkubectl get nodes\rkubectl get ns") == [
        (1, "kubectl get pods"), (2, "kubectl get nodes"), (3, "kubectl get ns")]


def test_control_characters_and_terminal_escapes_are_removed_and_noted() -> None:
    """Colour escapes, a bell, NUL and backspace go; what is left runs; the note says where."""
    t = parse_transcript("\x1b[01;32mkubectl\x1b[0m get pods\x07\nkubectl get\x00 nodes\x08\nok\n")
    assert t.lines == ["kubectl get pods", "kubectl get nodes", "ok"]
    assert t.notes == ("removed 15 control characters (terminal escapes and the like) on lines 1, 2",)


def test_tabs_are_kept() -> None:
    """A tab is text (``<<-`` strips leading tabs), not a control character to remove."""
    t = parse_transcript("echo\ta\n")
    assert t.lines == ["echo\ta"] and t.notes == ()


def test_byte_order_mark_is_dropped() -> None:
    """Editors on Windows start UTF-8 files with a BOM."""
    assert decode("\ufeffkubectl get pods\n".encode()) == "kubectl get pods\n"


def test_not_utf8_is_refused_with_the_line() -> None:
    """Latin-1 bytes are not UTF-8: refused, saying which byte on which line."""
    with pytest.raises(TranscriptError) as e:
        decode(b"kubectl get pods\necho caf\xe9\n")
    assert str(e.value) == "transcript is not UTF-8 text: byte 0xe9 on line 2"


def test_oversized_by_bytes() -> None:
    """More than 256 KiB is refused before any parsing."""
    with pytest.raises(TranscriptError) as e:
        parse_transcript("x" * (MAX_BYTES + 1))
    assert str(e.value) == "transcript too large: 262145 bytes (at most 262144, 256 KiB)"


def test_oversized_by_lines_and_by_inputs() -> None:
    """Line and input counts are capped separately (blank lines count as lines)."""
    with pytest.raises(TranscriptError) as e:
        parse_transcript("\n" * (MAX_LINES + 1))
    assert str(e.value) == f"transcript too long: {MAX_LINES + 1} lines (at most {MAX_LINES})"
    with pytest.raises(TranscriptError) as e:
        parse_transcript("true\n" * (MAX_INPUTS + 1))
    assert str(e.value) == f"transcript too long: {MAX_INPUTS + 1} inputs (at most {MAX_INPUTS})"
    assert len(parse_transcript("true\n" * MAX_INPUTS).inputs) == MAX_INPUTS


def test_endless_open_quote_is_refused_quickly() -> None:
    """An open quote followed by thousands of lines would be re-parsed on every line: refused, fast."""
    text = "echo \"x\n" + "".join(f"line {i} of a quote that never ends\n" for i in range(6000))
    t0 = time.process_time()
    with pytest.raises(TranscriptError) as e:
        parse_transcript(text)
    assert time.process_time() - t0 < 5
    assert str(e.value).startswith("transcript too complex: ")


def test_long_here_document_is_cheap() -> None:
    """A 2,000-line here-document is parsed once, at its delimiter."""
    text = "cat <<EOF > big.yaml\n" + "".join(f"key{i}: value {i}\n" for i in range(2000)) + "EOF\n"
    t0 = time.process_time()
    t = parse_transcript(text)
    assert time.process_time() - t0 < 1
    assert len(t.inputs) == 1 and t.inputs[0].text.endswith("key1999: value 1999\nEOF")


def test_read_transcript_errors(tmp_path: Path) -> None:
    """A missing file, a folder and an oversized file are refused with a message naming them."""
    with pytest.raises(TranscriptError) as e:
        read_transcript(tmp_path / "missing.txt")
    assert str(e.value) == f"cannot read transcript {tmp_path / 'missing.txt'}: No such file or directory"
    with pytest.raises(TranscriptError) as e:
        read_transcript(tmp_path)
    assert str(e.value) == f"cannot read transcript {tmp_path}: it is a directory"
    big = tmp_path / "big.txt"
    big.write_bytes(b"#" * (MAX_BYTES * 4))
    with pytest.raises(TranscriptError) as e:
        read_transcript(big)
    assert str(e.value) == "transcript too large: more than 262144 bytes (256 KiB)"
