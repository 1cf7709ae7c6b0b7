"""Two real Daphne workers on one PostgreSQL database and one Redis, as a deployment runs them.

- ``site``: for the whole run, a fresh PostgreSQL database (``playground_test_<random>``, dropped
  at the end), an empty Redis database number (flushed at the end), migrations applied, and two
  workers ``a`` and ``b`` started on free loopback ports with ``DATABASE_URL`` / ``REDIS_URL``
  pointing at them. A test that kills a worker starts it again before it ends.
- ``session``: a new browser session, from a page served by worker ``a`` (the cookie then works
  on both workers: the session lives in the database).

The services must be running (``.ci/run`` starts them); if they are not, the tests fail: they are
the proof that the site scales out, so they never skip.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bench.liveserver import Worker, free_redis_db, fresh_postgres, migrate, new_session, worker_env


@dataclass
class Site:
    database_url: str
    redis_url: str
    a: Worker
    b: Worker

    def logs(self) -> str:
        """Both workers' recent log lines, for a failing assertion's message."""
        return f"--- a\n{self.a.log_tail()}\n--- b\n{self.b.log_tail()}"


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """Two workers over a fresh PostgreSQL database and a free Redis database."""
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(fresh_postgres())
        redis_url = stack.enter_context(free_redis_db())
        env = worker_env(database_url, redis_url)
        a, b = Worker(env, "a"), Worker(env, "b")
        stack.callback(stop_all, a, b)
        a.launch()  # the workers boot while the tables are created: nothing asks them anything
        b.launch()  # before the migration has finished
        migrate(database_url)
        a.wait_ready()
        b.wait_ready()
        yield Site(database_url, redis_url, a, b)


def stop_all(*workers: Worker) -> None:
    for w in workers:
        if w.proc is not None and w.proc.poll() is None:
            w.proc.terminate()
    for w in workers:
        w.stop()


@pytest.fixture
def session(site: Site) -> str:
    """A fresh browser session (so a fresh sandbox cluster), from a page worker ``a`` served."""
    if site.a.proc is None or site.a.proc.poll() is not None:  # a test killed it and failed
        site.a.start()
    return new_session(site.a.port)
