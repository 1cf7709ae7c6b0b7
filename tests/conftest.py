"""Shared pytest set-up: hypothesis runs without per-example deadlines (CI machines are shared and
timing is not what these property tests check; benchmarks under bench/ measure speed)."""

from hypothesis import HealthCheck, settings

settings.register_profile("playground", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("playground")
