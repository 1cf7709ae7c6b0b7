"""The `grade` command line: exit statuses 0/1/2 with clear messages, JSON and table output, stdin,
batch grading into a CSV with a progress bar, and `manage.py grade` forwarding to it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from playground.grading.cli import main
from tests.grading.helpers import solution_transcript

ROOT = Path(__file__).resolve().parents[2]
LABELS_STEPS = "create-with-labels,show-labels,add-label,change-label,exercise"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    stdin_stream = io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8")
    code = main(argv, stdout=out, stderr=err, stdin=stdin_stream)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def transcripts(tmp_path: Path) -> Path:
    """full.txt (every solution), partial.txt (no exercise), latin1.txt (not UTF-8), a hidden file."""
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "full.txt").write_text(solution_transcript("labels"))
    (folder / "partial.txt").write_text(solution_transcript("labels", omit="exercise"))
    (folder / "latin1.txt").write_bytes(b"echo caf\xe9\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "sub").mkdir()
    return folder


def test_all_passed_exits_0_with_a_table(transcripts: Path) -> None:
    """Full score: status 0, the table on stdout, nothing on stderr."""
    code, out, err = run(["labels", str(transcripts / "full.txt"), "--cpu-limit", "0"])
    assert (code, err) == (0, "")
    assert out.startswith("Lesson: labels (Labels)\n\n#  Step ")
    assert "Score: 5/5 (passed)\n" in out


def test_some_failed_exits_1_with_json(transcripts: Path) -> None:
    """One step missing: status 1 and the JSON report on stdout."""
    code, out, err = run(["labels", str(transcripts / "partial.txt"), "--json", "--cpu-limit", "0"])
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert (data["score"], data["max_score"], data["passed"]) == (4, 5, False)


def test_cpu_guard_gives_the_same_bytes_as_running_in_process(transcripts: Path) -> None:
    """The default forked, CPU-limited grade prints exactly what an unguarded one prints."""
    path = str(transcripts / "partial.txt")
    assert run(["labels", path, "--json"]) == run(["labels", path, "--json", "--cpu-limit", "0"])


def test_transcript_from_stdin() -> None:
    """`-` reads the transcript from standard input."""
    code, out, _ = run(["labels", "-", "--json", "--cpu-limit", "0"], stdin=solution_transcript("labels"))
    assert code == 0 and json.loads(out)["passed"] is True


def test_json_mode_prints_notes_on_stderr() -> None:
    """What was cut short goes to stderr, so stdout stays exactly the JSON."""
    code, out, err = run(["labels", "-", "--json", "--cpu-limit", "0"], stdin="sleep 2d\n")
    assert code == 1 and json.loads(out)["score"] == 0
    assert err == ("note: sleeps and waits may take 24 h of simulated time in all: from input 1 (line 1) "
                   "on they were cut short\n")


def test_verbose_shows_each_input_and_its_output() -> None:
    """--verbose replays the session on stderr: the input, its output, where it was and its status."""
    code, _, err = run(["labels", "-", "--verbose", "--cpu-limit", "0"],
                       stdin="kubectl get pod nginx-manual -o name\n\nkubectl get pod nope\n")
    assert code == 1
    assert err == ("$ kubectl get pod nginx-manual -o name\npod/nginx-manual\n[line 1: exit 0]\n"
                   "$ kubectl get pod nope\nError from server (NotFound): pods \"nope\" not found\n"
                   "[line 3: exit 1]\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["nope", "{dir}/full.txt"], "grade: unknown lesson 'nope' (the lessons are: daemonsets, "
     "delete-and-update, jobs, label-selectors, labels, namespaces, node-selectors, pods, replicasets)\n"),
    (["labels", "{dir}/missing.txt"], "grade: cannot read transcript {dir}/missing.txt: No such file or directory\n"),
    (["labels", "{dir}/latin1.txt"], "grade: transcript is not UTF-8 text: byte 0xe9 on line 1\n"),
    (["labels", "{dir}/big.txt"], "grade: transcript too large: more than 262144 bytes (256 KiB)\n"),
    (["labels", "{dir}/sub"], "grade: cannot read transcript {dir}/sub: it is a directory\n"),
])
def test_bad_input_exits_2_with_a_clear_message(transcripts: Path, argv: list[str], message: str) -> None:
    """Unknown lesson, unreadable, non-UTF-8, oversized transcript: status 2, one line on stderr."""
    (transcripts / "big.txt").write_text("kubectl get pods\n" * 20000)
    code, out, err = run([a.format(dir=transcripts) for a in argv])
    assert (code, out, err) == (2, "", message.format(dir=transcripts))


@pytest.mark.parametrize(("argv", "error"), [
    (["labels"], "the TRANSCRIPT to grade is missing (or use --batch DIR --csv OUT)"),
    (["labels", "--batch", "x"], "--batch needs --csv OUT"),
    (["labels", "t.txt", "--csv", "o.csv"], "--csv goes with --batch"),
    (["labels", "t.txt", "--batch", "d", "--csv", "o.csv"], "--batch grades a folder: give no TRANSCRIPT"),
    (["labels", "t.txt", "--lang", "fr"], "argument --lang: invalid choice: 'fr' (choose from 'en', 'zh-Hans')"),
    (["labels", "t.txt", "--seed", "x"], "argument --seed: invalid int value: 'x'"),
])
def test_bad_arguments_exit_2_with_usage(argv: list[str], error: str) -> None:
    """Usage errors: status 2, the usage line and what is wrong."""
    code, out, err = run(argv)
    assert code == 2 and out == ""
    assert err.startswith("usage: grade [-h] [--json]") and err.endswith(f"\ngrade: error: {error}\n")


def test_help_exits_0() -> None:
    """--help prints the usage on stdout."""
    code, out, _ = run(["--help"])
    assert code == 0 and out.startswith("usage: grade ")


def test_batch_writes_a_csv_and_a_progress_bar(transcripts: Path, tmp_path: Path) -> None:
    """One row per transcript in name order; a refused one has its error; progress one line each."""
    csv_path = tmp_path / "scores.csv"
    code, out, err = run(["labels", "--batch", str(transcripts), "--csv", str(csv_path), "--cpu-limit", "0"])
    assert (code, out) == (1, "")
    assert csv_path.read_text() == (
        f"student,file,score,max_score,passed,{LABELS_STEPS},notes,error\n"
        "full,full.txt,5,5,true,1,1,1,1,1,,\n"
        "latin1,latin1.txt,,,false,,,,,,,transcript is not UTF-8 text: byte 0xe9 on line 1\n"
        "partial,partial.txt,4,5,false,1,1,1,1,0,,\n")
    assert err == ("[..............................] 0/3\n"
                   "[##########....................] 1/3 full.txt\n"
                   "[####################..........] 2/3 latin1.txt\n"
                   "[##############################] 3/3 partial.txt\n"
                   f"graded 3 transcripts for labels: 1 passed, 1 not passed, 1 not gradable; scores in {csv_path}\n")


def test_batch_progress_redraws_in_place_on_a_terminal(transcripts: Path, tmp_path: Path) -> None:
    """On a terminal the bar is redrawn with a carriage return, and ends with a newline."""
    (transcripts / "latin1.txt").unlink()
    (transcripts / "partial.txt").unlink()
    err = Tty()
    code = main(["labels", "--batch", str(transcripts), "--csv", str(tmp_path / "s.csv"), "--cpu-limit", "0"],
                stdout=io.StringIO(), stderr=err)
    assert code == 0
    assert err.getvalue().startswith("\r[..............................] 0/1"
                                     "\r[##############################] 1/1 full.txt\n")


def test_batch_with_a_missing_folder_exits_2(tmp_path: Path) -> None:
    """A folder that is not there: status 2, no CSV written."""
    code, _, err = run(["labels", "--batch", str(tmp_path / "none"), "--csv", str(tmp_path / "o.csv")])
    assert code == 2 and not (tmp_path / "o.csv").exists()
    assert err == f"grade: cannot read folder {tmp_path / 'none'}: No such file or directory\n"


def test_same_bytes_in_processes_with_different_hash_seeds(transcripts: Path) -> None:
    """Determinism across processes: string hashing (set and dict order) does not change the report."""
    outs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        p = subprocess.run([sys.executable, "-m", "playground.grading.cli", "labels",
                            str(transcripts / "partial.txt"), "--json", "--cpu-limit", "0"],
                           capture_output=True, cwd=ROOT, env=env, timeout=120)
        assert p.returncode == 1, p.stderr
        outs.append(p.stdout)
    assert outs[0] == outs[1] and b'"score": 4' in outs[0]


def test_manage_py_grade_forwards_to_the_cli(transcripts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`manage.py grade` prints what the CLI prints and exits with its status (0 is a normal return)."""
    call_command("grade", "labels", str(transcripts / "full.txt"), "--json", "--cpu-limit", "0")
    assert json.loads(capsys.readouterr().out)["passed"] is True
    with pytest.raises(SystemExit) as e:
        call_command("grade", "labels", str(transcripts / "partial.txt"), "--cpu-limit", "0")
    assert e.value.code == 1
    assert "Score: 4/5 (not passed)" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        call_command("grade", "nope", str(transcripts / "full.txt"))
    assert e.value.code == 2
    assert capsys.readouterr().err.startswith("manage.py grade: unknown lesson 'nope'")
