"""Every command line of the tutorial appears in some lesson step's commands or solution."""

from __future__ import annotations

import re
from pathlib import Path

from playground.lessons import load_lessons

TUTORIAL = Path("/work/shared/seed/000_4ca325da5e5c8f03.txt")
SEED_COPY = Path(__file__).with_name("tutorial_commands.txt")
COMMAND_LINE = re.compile(r"^\$ ((?:/usr/bin/)?kubectl .*|curl .*)$")


def _norm(line: str) -> str:
    return " ".join(line.split())


def tutorial_commands() -> list[str]:
    """The tutorial's ``$ kubectl ...``, ``$ /usr/bin/kubectl ...`` and ``$ curl ...`` lines."""
    text = TUTORIAL.read_text(encoding="utf-8") if TUTORIAL.exists() else SEED_COPY.read_text(encoding="utf-8")
    return [_norm(m.group(1)) for line in text.splitlines() if (m := COMMAND_LINE.match(line.strip()))]


def lesson_lines() -> set[str]:
    out = set()
    for les in load_lessons():
        for step in les.all_steps:
            for item in step.commands + step.solution:
                out.update(_norm(x) for x in item.splitlines())
    return out


def test_extraction_finds_the_tutorial_commands():
    """The extractor sees every kind of command line the tutorial has (kubectl, /usr/bin/kubectl, curl)."""
    cmds = tutorial_commands()
    assert len(cmds) == 58 and len(set(cmds)) == 46
    assert "kubectl explain pods" in cmds
    assert "/usr/bin/kubectl get pods --all-namespaces |grep nginx-manual" in cmds
    assert "curl http://127.0.0.1:8080" in cmds
    assert "kubectl label node kubesphere02 disk1=hdd --overwrite" in cmds


def test_every_tutorial_command_is_in_a_lesson():
    """No tutorial command is left out of the lessons."""
    have = lesson_lines()
    missing = [c for c in dict.fromkeys(tutorial_commands()) if c not in have]
    assert missing == []


def test_the_fallback_copy_matches_the_tutorial():
    """tests/lessons/tutorial_commands.txt holds exactly the tutorial's command lines, in order."""
    copy = [_norm(m.group(1)) for line in SEED_COPY.read_text(encoding="utf-8").splitlines()
            if (m := COMMAND_LINE.match(line.strip()))]
    assert copy == tutorial_commands()
    assert len(copy) == 58
