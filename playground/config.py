"""What ``settings.py`` reads from the environment, as small functions of an env mapping.

Kept apart from the settings module so each rule can be tested without restarting Django. Every
variable is documented in ``docs/deploy.md``; unset, each gives what ``make run`` needs on a
fresh checkout (SQLite, the in-memory channel layer, ``DEBUG`` off, a generated secret key).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

MIN_SECRET_KEY_LENGTH = 32
REDIS_READ_TIMEOUT = 30.0  # seconds; channels-redis blocks 5 s per receive
HSTS_SECONDS = 3600  # start small: HSTS is remembered by browsers; raise it once https is known to work


def env_bool(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    """``1``/``true``/``yes``/``on`` (any case) are true; unset is ``default``; anything else is false."""
    value = env.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(env: Mapping[str, str], name: str, default: int) -> int:
    value = (env.get(name) or "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(env: Mapping[str, str], name: str, default: str = "") -> list[str]:
    """A comma-separated list, blanks dropped."""
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


def secret_key(env: Mapping[str, str], debug: bool, key_file: Path) -> str:
    """``SECRET_KEY`` from the environment, else the checkout's own generated key file.

    The key file (``SECRET_KEY_FILE``, default ``.secret_key`` in the project, git-ignored) is
    made once with a random key, readable by its owner only, so ``make run`` works out of the box
    and no two checkouts share a key. Workers on one machine share the file; workers on several
    machines must be given the same ``SECRET_KEY``. With ``DEBUG`` off a short key is refused.
    """
    key = (env.get("SECRET_KEY") or "").strip()
    if key:
        if not debug and len(key) < MIN_SECRET_KEY_LENGTH:
            raise ImproperlyConfigured(
                f"SECRET_KEY is too short ({len(key)} characters; at least {MIN_SECRET_KEY_LENGTH}). Make one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'")
        return key
    path = Path(env.get("SECRET_KEY_FILE") or key_file)
    try:
        return _read_or_create_key(path)
    except OSError as e:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set and the key file {path} cannot be read or created ({e.strerror}): "
            "set SECRET_KEY in the environment") from None


def _read_or_create_key(path: Path) -> str:
    """The key in ``path``, creating the file atomically if missing (several workers may start at once)."""
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50) + "\n")
            try:
                os.link(tmp, path)  # fails if another process made it first: theirs wins
            except FileExistsError:
                pass
        finally:
            tmp.unlink(missing_ok=True)
    key = path.read_text().strip()
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(f"the key file {path} holds no usable key: delete it to make a new one")
    return key


def database(env: Mapping[str, str], base_dir: Path) -> dict[str, Any]:
    """``DATABASE_URL`` (``postgres://user:pass@host:5432/name``), else SQLite ``db.sqlite3`` in the project.

    ``DATABASE_CONN_MAX_AGE`` (seconds, default 600) keeps connections open between requests.
    """
    config = dj_database_url.parse(env.get("DATABASE_URL") or f"sqlite:///{base_dir / 'db.sqlite3'}",
                                   conn_max_age=env_int(env, "DATABASE_CONN_MAX_AGE", 600),
                                   conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Every command is saved: WAL with synchronous=NORMAL commits without an fsync (a killed process
        # loses nothing; only a power cut may lose the last commits), about 20 times faster here.
        # Writers wait for the lock instead of failing, and take it up front (no upgrade deadlocks).
        config.setdefault("OPTIONS", {}).update({
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        })
    return config


def channel_layers(env: Mapping[str, str]) -> dict[str, Any]:
    """Redis (``REDIS_URL``) so several workers reach each other's sockets; else in-memory (one process)."""
    url = (env.get("REDIS_URL") or "").strip()
    if url:
        # redis-py 8 reads with a 5 s socket timeout by default, no longer than channels-redis'
        # blocking pop (BZPOPMIN, 5 s): every idle socket's consumer would die with 1011 within
        # seconds. Reads get a longer timeout than the pop (a dead Redis is still noticed).
        host = {"address": url, "socket_timeout": REDIS_READ_TIMEOUT}
        return {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [host]}}}
    return {"default": {"BACKEND": "playground.layers.InMemoryChannelLayer"}}


def https(env: Mapping[str, str], debug: bool) -> dict[str, Any]:
    """The settings for a site served over https (``PLAYGROUND_HTTPS=1``), usually behind a proxy.

    Cookies are then sent over https only, and the proxy's ``X-Forwarded-Proto`` says a request
    came over https (the proxy must set it; see the nginx example). Outside ``DEBUG`` plain http is
    redirected to https and browsers are told to stay on https (HSTS, ``SECURE_HSTS_SECONDS``).
    """
    on = env_bool(env, "PLAYGROUND_HTTPS")
    strict = on and not debug
    return {
        "SESSION_COOKIE_SECURE": on,
        "CSRF_COOKIE_SECURE": on,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https") if on else None,
        "SECURE_SSL_REDIRECT": strict and env_bool(env, "SECURE_SSL_REDIRECT", True),
        "SECURE_HSTS_SECONDS": env_int(env, "SECURE_HSTS_SECONDS", HSTS_SECONDS) if strict else 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": strict and env_bool(env, "SECURE_HSTS_INCLUDE_SUBDOMAINS"),
        "SECURE_HSTS_PRELOAD": strict and env_bool(env, "SECURE_HSTS_PRELOAD"),
    }


def static_files(env: Mapping[str, str]) -> dict[str, Any]:
    """How WhiteNoise serves static files.

    By default straight from the finders (``static/`` and the npm packages), so ``make run`` needs
    no ``collectstatic``. With ``PLAYGROUND_COLLECTSTATIC=1`` (a deployment that ran
    ``collectstatic`` with the same setting) it serves ``STATIC_ROOT`` only, with hashed names
    (cached for ever) and gzip/brotli copies.
    """
    collected = env_bool(env, "PLAYGROUND_COLLECTSTATIC")
    backend = ("whitenoise.storage.CompressedManifestStaticFilesStorage" if collected
               else "django.contrib.staticfiles.storage.StaticFilesStorage")
    return {"backend": backend, "use_finders": not collected}
