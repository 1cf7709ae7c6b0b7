"""kubectl figures from issue 3: get pods on 100 pods, -o yaml of 100 pods, the tutorial's commands."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.engine import hundred_pods
from bench.timing import median_ms, row

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def main() -> None:
    print("== kubectl")
    pg = hundred_pods()
    row("execute('kubectl get pods') on 100 pods median", median_ms(lambda: pg.execute("kubectl get pods")), "ms",
        "< 2 ms")
    row("execute('kubectl get pods -o yaml') on 100 pods median",
        median_ms(lambda: pg.execute("kubectl get pods -o yaml"), repeat=20), "ms", "< 20 ms")
    from tests.tutorial_script import run_tutorial

    row("the whole tutorial's command sequence median", median_ms(run_tutorial, repeat=10, warmup=1), "ms",
        "< 100 ms")
