"""Run every benchmark and print a table of figures (median wall time, CPU time where it matters)."""

from __future__ import annotations

import sys

from bench import engine, kubectl_bench


def main() -> int:
    which = sys.argv[1:] or ["engine", "kubectl"]
    if "engine" in which:
        engine.main()
    if "kubectl" in which:
        kubectl_bench.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
