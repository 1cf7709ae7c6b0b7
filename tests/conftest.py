"""Shared pytest set-up: hypothesis runs without per-example deadlines (CI machines are shared and
timing is not what these property tests check; benchmarks under bench/ measure speed). The test
process keeps CPython's own garbage collection: the workers' freezing policy (playground.gcpolicy)
is for a server holding hundreds of clusters, and is tested on its own."""

import os

from hypothesis import HealthCheck, settings

os.environ.setdefault("PLAYGROUND_GC_FREEZE", "0")

settings.register_profile("playground", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("playground")
