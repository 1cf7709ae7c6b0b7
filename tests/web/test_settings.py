"""Settings from the environment (``playground/config.py``) and the settings module wired to them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from playground import config

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "3x9-Q_zT8vLr2mNp0aWc"  # 40 characters


@pytest.mark.parametrize(("value", "expected"), [
    (None, False), ("", False), ("1", True), ("true", True), ("YES", True), (" on ", True),
    ("0", False), ("false", False), ("no", False), ("maybe", False),
])
def test_env_bool(value, expected):
    """Only 1/true/yes/on turn a switch on; unset or blank is the default (off)."""
    env = {} if value is None else {"DEBUG": value}
    assert config.env_bool(env, "DEBUG") is expected


def test_env_list_drops_blanks():
    """ALLOWED_HOSTS-style lists are split on commas and trimmed."""
    assert config.env_list({"ALLOWED_HOSTS": " a.example , ,b.example,"}, "ALLOWED_HOSTS") == ["a.example", "b.example"]
    assert config.env_list({}, "ALLOWED_HOSTS", "127.0.0.1,localhost") == ["127.0.0.1", "localhost"]


def test_env_int_says_which_variable_is_wrong():
    """A non-number is refused with the variable's name."""
    with pytest.raises(ImproperlyConfigured, match="SECURE_HSTS_SECONDS must be a whole number, not 'soon'"):
        config.env_int({"SECURE_HSTS_SECONDS": "soon"}, "SECURE_HSTS_SECONDS", 0)


def test_secret_key_from_the_environment_wins(tmp_path):
    """SECRET_KEY set: it is used and no key file is made."""
    assert config.secret_key({"SECRET_KEY": GOOD_KEY}, False, tmp_path / "key") == GOOD_KEY
    assert not (tmp_path / "key").exists()


def test_short_secret_key_is_refused_outside_debug(tmp_path):
    """With DEBUG off a short SECRET_KEY stops the start with a message saying how to make one."""
    with pytest.raises(ImproperlyConfigured, match=r"SECRET_KEY is too short \(6 characters; at least 32\)"):
        config.secret_key({"SECRET_KEY": "secret"}, False, tmp_path / "key")
    assert config.secret_key({"SECRET_KEY": "secret"}, True, tmp_path / "key") == "secret"


def test_without_secret_key_a_private_key_file_is_made_once(tmp_path):
    """No SECRET_KEY: a random key is written to the key file (owner-only) and read back on the next start."""
    path = tmp_path / ".secret_key"
    first = config.secret_key({}, False, path)
    assert len(first) >= 60
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert config.secret_key({}, False, path) == first
    assert config.secret_key({}, False, tmp_path / "other") != first
    assert sorted(p.name for p in tmp_path.iterdir()) == [".secret_key", "other"]  # no temporary files left


def test_secret_key_file_can_be_named(tmp_path):
    """SECRET_KEY_FILE names where the generated key lives."""
    named = tmp_path / "elsewhere"
    key = config.secret_key({"SECRET_KEY_FILE": str(named)}, False, tmp_path / "default")
    assert named.read_text().strip() == key
    assert not (tmp_path / "default").exists()


def test_unwritable_key_file_asks_for_secret_key(tmp_path):
    """A key file that cannot be made (read-only checkout) stops the start and names SECRET_KEY."""
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set and the key file .* cannot be read or created"):
        config.secret_key({}, False, tmp_path / "missing-dir" / "key")


def test_empty_key_file_is_refused(tmp_path):
    """A key file emptied by accident is not silently used as a weak key."""
    path = tmp_path / "key"
    path.write_text("\n")
    with pytest.raises(ImproperlyConfigured, match="holds no usable key: delete it to make a new one"):
        config.secret_key({}, False, path)


def test_key_file_is_git_ignored():
    """The generated key never ends up in a commit."""
    assert ".secret_key" in (ROOT / ".gitignore").read_text().splitlines()


def test_database_defaults_to_sqlite_in_the_project(tmp_path):
    """No DATABASE_URL: SQLite next to manage.py, in WAL mode, writers waiting for the lock."""
    db = config.database({}, tmp_path)
    assert (db["ENGINE"], db["NAME"]) == ("django.db.backends.sqlite3", str(tmp_path / "db.sqlite3"))
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_database_url_selects_postgresql(tmp_path):
    """DATABASE_URL=postgres://... gives PostgreSQL with persistent connections (DATABASE_CONN_MAX_AGE)."""
    db = config.database({"DATABASE_URL": "postgres://play:pw@db.internal:5433/playground",
                          "DATABASE_CONN_MAX_AGE": "60"}, tmp_path)
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql", "playground", "play", "pw", "db.internal", 5433)
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (60, True)
    assert "transaction_mode" not in db.get("OPTIONS", {})


def test_redis_url_selects_the_redis_channel_layer():
    """REDIS_URL: channels-redis (workers reach each other); unset: the in-memory layer (one process)."""
    assert config.channel_layers({"REDIS_URL": "redis://127.0.0.1:6379/2"}) == {"default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [{"address": "redis://127.0.0.1:6379/2", "socket_timeout": 30.0}]}}}
    assert config.channel_layers({}) == {"default": {"BACKEND": "playground.layers.InMemoryChannelLayer"}}


def test_plain_http_by_default():
    """Without PLAYGROUND_HTTPS cookies work over http (make run) and nothing redirects."""
    assert config.https({}, False) == {
        "SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False, "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0, "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False}


def test_https_behind_a_proxy():
    """PLAYGROUND_HTTPS=1: secure cookies, X-Forwarded-Proto trusted, http redirected, HSTS for an hour."""
    assert config.https({"PLAYGROUND_HTTPS": "1"}, False) == {
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_SSL_REDIRECT": True, "SECURE_HSTS_SECONDS": 3600, "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False}


def test_https_switches_can_be_tuned_and_debug_never_pins_https():
    """The redirect and HSTS follow their variables; with DEBUG on only the cookies become secure."""
    tuned = config.https({"PLAYGROUND_HTTPS": "1", "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "31536000",
                          "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1"}, False)
    assert (tuned["SECURE_SSL_REDIRECT"], tuned["SECURE_HSTS_SECONDS"], tuned["SECURE_HSTS_INCLUDE_SUBDOMAINS"]) == (
        False, 31536000, True)
    debug = config.https({"PLAYGROUND_HTTPS": "1"}, True)
    assert (debug["SESSION_COOKIE_SECURE"], debug["SECURE_SSL_REDIRECT"], debug["SECURE_HSTS_SECONDS"]) == (True, False, 0)


def test_static_files_from_finders_or_collected():
    """By default WhiteNoise serves from the finders; PLAYGROUND_COLLECTSTATIC=1 serves hashed, compressed files."""
    assert config.static_files({}) == {"backend": "django.contrib.staticfiles.storage.StaticFilesStorage",
                                       "use_finders": True}
    assert config.static_files({"PLAYGROUND_COLLECTSTATIC": "1"}) == {
        "backend": "whitenoise.storage.CompressedManifestStaticFilesStorage", "use_finders": False}


def _run_django(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in (
        "DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
        "PLAYGROUND_HTTPS", "PLAYGROUND_COLLECTSTATIC", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "playground.settings", **env})


PRODUCTION = {"SECRET_KEY": GOOD_KEY + GOOD_KEY, "ALLOWED_HOSTS": "class.example.org",
              "CSRF_TRUSTED_ORIGINS": "https://class.example.org", "PLAYGROUND_HTTPS": "1",
              "DATABASE_URL": "postgres://play:pw@127.0.0.1:5432/playground", "REDIS_URL": "redis://127.0.0.1:6379/0",
              "PLAYGROUND_COLLECTSTATIC": "1"}


def test_production_environment_reaches_the_settings_and_passes_check_deploy():
    """With the deploy.md variables, settings.py uses them all and `check --deploy` finds only the
    two HSTS opt-ins (subdomains, preload) a school decides about."""
    code = """
import json, django
from django.conf import settings
from django.core.management import call_command
django.setup()
print(json.dumps({k: getattr(settings, k) for k in ("DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS",
      "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
      "WHITENOISE_USE_FINDERS")} | {"db": settings.DATABASES["default"]["ENGINE"],
      "layer": settings.CHANNEL_LAYERS["default"]["BACKEND"], "key": settings.SECRET_KEY,
      "static": settings.STORAGES["staticfiles"]["BACKEND"]}))
call_command("check", deploy=True)
"""
    done = _run_django(code, PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[0]) == {
        "DEBUG": False, "ALLOWED_HOSTS": ["class.example.org"], "CSRF_TRUSTED_ORIGINS": ["https://class.example.org"],
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 3600, "WHITENOISE_USE_FINDERS": False, "db": "django.db.backends.postgresql",
        "layer": "channels_redis.core.RedisChannelLayer", "key": GOOD_KEY + GOOD_KEY,
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    warnings = sorted(line.split(")")[0].split("(")[1] for line in done.stderr.splitlines() if line.startswith("?: ("))
    assert warnings == ["security.W005", "security.W021"], done.stderr


def test_settings_refuse_to_start_with_a_short_key():
    """A deployment with a weak SECRET_KEY does not start at all."""
    done = _run_django("import django; django.setup()", {"SECRET_KEY": "changeme"})
    assert done.returncode == 1
    assert "ImproperlyConfigured: SECRET_KEY is too short (8 characters; at least 32)" in done.stderr
