"""Run benchmarks by name and print a table of figures: ``python -m bench [NAME ...]``.

- ``engine``, ``kubectl``: in-process figures (median wall time, CPU time where it matters);
- ``web`` (or ``ws``): websocket round trips and lesson page loads over a real Daphne (``bench.ws_roundtrip``);
- ``capacity``: 500 students on one worker, then on two over PostgreSQL + Redis (``bench.capacity``,
  a few minutes; its options: ``python -m bench.capacity --help``).

Without names: ``engine``, ``kubectl`` and ``web`` (``capacity`` only when asked for).
"""

from __future__ import annotations

import sys

from bench import engine, kubectl_bench

DEFAULT = ["engine", "kubectl", "web"]
NAMES = [*DEFAULT, "ws", "capacity"]


def main() -> int:
    which = sys.argv[1:] or DEFAULT
    unknown = [name for name in which if name not in NAMES]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(NAMES)}", file=sys.stderr)
        return 2
    if "engine" in which:
        engine.main()
    if "kubectl" in which:
        kubectl_bench.main()
    if "web" in which or "ws" in which:
        from bench import ws_roundtrip

        ws_roundtrip.main([])
    if "capacity" in which:
        from bench import capacity

        capacity.main([])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
