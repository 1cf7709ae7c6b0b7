"""Read py-spy's collapsed stacks (``--format raw``): where a worker's time went, by function.

``python -m bench.stacks FILE [N]`` prints the functions with the most samples on the stack
(inclusive) and as the innermost frame (self), as shares of all samples. Idle threads (waiting in
``select``/``epoll``, a queue or a lock) are counted apart, so the shares are of busy time.
"""

from __future__ import annotations

import sys
from collections import Counter

IDLE = ("select (selectors.py", "poll (selectors.py", "wait (threading.py", "_worker (concurrent",
        "get (queue.py", "run_once (", "_run_once (")


def load(path: str) -> list[tuple[list[str], int]]:
    stacks = []
    for line in open(path, encoding="utf-8"):
        frames, _, count = line.rstrip("\n").rpartition(" ")
        if frames and count.isdigit():
            stacks.append((frames.split(";"), int(count)))
    return stacks


def summary(path: str, top: int = 30) -> str:
    stacks = load(path)
    total = sum(c for _, c in stacks)
    busy = [(f, c) for f, c in stacks if not any(mark in f[-1] for mark in IDLE)]
    busy_total = sum(c for _, c in busy) or 1
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for frames, count in busy:
        for name in set(frames):
            inclusive[name] += count
        own[frames[-1]] += count
    lines = [f"{total} samples, {busy_total} busy ({busy_total / max(total, 1):.0%})", "-- inclusive (busy)"]
    lines += [f"{c / busy_total:6.1%}  {name}" for name, c in inclusive.most_common(top)]
    lines.append("-- self (busy)")
    lines += [f"{c / busy_total:6.1%}  {name}" for name, c in own.most_common(top)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30))
