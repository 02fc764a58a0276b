import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fault_servers import FaultyProxy

ROOT = Path(__file__).resolve().parent.parent


# Left out of the environment the tests inherit, so that each test's own values decide.
_INHERITED_UNSET = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "HTTPS"}


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run Python with `args` in a fresh process on the project's settings and `env`."""
    base = {k: v for k, v in os.environ.items() if k not in _INHERITED_UNSET}
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "kennisbank.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _run_settings(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, settings.ALLOWED_HOSTS, "
        "settings.MEDIA_ROOT, settings.STATIC_ROOT, settings.ELASTICSEARCH_URL)"
    )
    return _run(["-c", code], env)


def test_settings_come_from_the_environment(tmp_path):
    result = _run_settings(
        {
            "DEBUG": "false",
            "SECRET_KEY": "s3cret",
            "ALLOWED_HOSTS": "kennisbank.example.org,www.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "STATIC_ROOT": str(tmp_path / "static"),
            "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
        }
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3 False ['kennisbank.example.org', 'www.example.org']" in result.stdout
    assert str(tmp_path / "media") in result.stdout
    assert "http://127.0.0.1:9200" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_settings({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_and_static_files_are_served_with_debug_off(client, settings, index):
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "kennisbank.storage.ForgivingManifestStaticFilesStorage"},
    }
    response = client.get("/")
    assert response.status_code == 200
    assert "/static/css/site.css" in response.content.decode()
    assert client.get("/static/css/site.css").status_code == 200
    assert client.get("/bestaat-niet/").status_code == 404


def _production(tmp_path, **env) -> dict:
    return {
        "DEBUG": "false",
        "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-" + "x9" * 10,
        "ALLOWED_HOSTS": "kennisbank.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        **env,
    }


def _settings_values(env: dict, *names: str) -> list[str]:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(*[repr(getattr(settings, name, None)) for name in {list(names)!r}], sep='|')"
    )
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split("|")


def test_the_deploy_check_is_clean_with_the_documented_production_settings(tmp_path):
    """Issue 12: `check --deploy` reports nothing for a site behind a TLS proxy (README)."""
    result = _run(["manage.py", "check", "--deploy"], _production(tmp_path, HTTPS="proxy"))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stderr


def test_production_cookies_are_https_only_even_when_the_host_forgets(tmp_path):
    """Finding 16: without any HTTPS or cookie setting, production cookies are Secure; and no
    X-Forwarded-Proto is trusted unless the host says a TLS proxy is in front."""
    secure, csrf_secure, proxy_header, redirect = _settings_values(
        _production(tmp_path),
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
    )
    assert (secure, csrf_secure, proxy_header, redirect) == ("True", "True", "None", "False")

    development = _settings_values({"DEBUG": "true"}, "SESSION_COOKIE_SECURE")
    assert development == ["False"]
    plain_http = _settings_values(
        _production(tmp_path, SECURE_COOKIES="false"), "SESSION_COOKIE_SECURE"
    )
    assert plain_http == ["False"]


def test_behind_a_tls_proxy_https_is_enforced(tmp_path):
    header, redirect, hsts = _settings_values(
        _production(tmp_path, HTTPS="proxy"),
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    )
    assert header == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert (redirect, hsts) == ("True", "31536000")


def test_a_wrong_https_value_is_refused(tmp_path):
    result = _run_settings(_production(tmp_path, HTTPS="yes"))
    assert result.returncode != 0
    assert "HTTPS must be off, proxy or direct" in result.stderr


def test_the_page_cache_may_have_a_redis_of_its_own(tmp_path):
    # One that may evict pages, while the Redis of REDIS_URL keeps the rate limits and claims.
    (caches,) = _settings_values(
        _production(
            tmp_path,
            REDIS_URL="redis://127.0.0.1:6379/0",
            PAGE_CACHE_REDIS_URL="redis://127.0.0.1:6380/0",
        ),
        "CACHES",
    )
    assert "'LOCATION': 'redis://127.0.0.1:6380/0', 'KEY_PREFIX': 'pages'" in caches
    assert "'LOCATION': 'redis://127.0.0.1:6379/0', 'KEY_PREFIX': 'claims'" in caches
    assert caches.count("redis://127.0.0.1:6380/0") == 1


def test_the_cache_is_shared_by_all_workers(tmp_path):
    """Finding 9: rate limits and lockouts are counted in a cache all workers share."""
    (database,) = _settings_values(_production(tmp_path), "CACHES")
    (redis,) = _settings_values(
        _production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0"), "CACHES"
    )
    (postgres,) = _settings_values(
        _production(tmp_path, DATABASE_URL="postgres://k:k@127.0.0.1:5432/k"), "CACHES"
    )
    # SQLite: the caches in files beside the database, so that a long write never holds up a
    # page or a login; the worker's claims in the table (an atomic `add`).
    assert (
        "'default': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', "
        f"'LOCATION': '{tmp_path / 'x.sqlite3'}-cache/kennisbank_cache'"
    ) in database
    assert (
        "'pages': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', "
        f"'LOCATION': '{tmp_path / 'x.sqlite3'}-cache/kennisbank_page_cache'"
    ) in database
    assert (
        "'claims': {'BACKEND': 'django.core.cache.backends.db.DatabaseCache', "
        "'LOCATION': 'kennisbank_cache'}"
    ) in database
    assert "django.core.cache.backends.db.DatabaseCache" in postgres
    assert "django.core.cache.backends.redis.RedisCache" in redis
    assert "redis://127.0.0.1:6379/0" in redis


def test_the_smtp_server_comes_from_the_environment(tmp_path):
    values = _settings_values(
        _production(
            tmp_path,
            EMAIL_HOST="smtp.example.org",
            EMAIL_PORT="587",
            EMAIL_HOST_USER="kennisbank",
            EMAIL_HOST_PASSWORD="geheim",
            EMAIL_USE_TLS="true",
            EMAIL_TIMEOUT="5",
        ),
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        "EMAIL_TIMEOUT",
    )
    assert values == ["'smtp.example.org'", "587", "'kennisbank'", "'geheim'", "True", "False", "5"]
    # Never an SMTP server that keeps a request or the worker waiting without end.
    assert _settings_values(_production(tmp_path), "EMAIL_TIMEOUT") == ["30"]


def test_env_example_is_a_production_configuration_that_passes_the_deploy_check(tmp_path):
    """A host who copies .env.example and fills in the secret key passes `check --deploy`."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    example = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    example.update(SECRET_KEY=_production(tmp_path)["SECRET_KEY"])
    example.update(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = _run(["manage.py", "check", "--deploy"], example)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stderr


def test_the_page_cache_is_shared_and_bounded(tmp_path):
    """Issue 14: pages in a cache of their own, so that culling them never drops a rate limit."""
    (database,) = _settings_values(
        _production(
            tmp_path,
            PAGE_CACHE_MAX_ENTRIES="300",
            DATABASE_URL="postgres://k:k@127.0.0.1:5432/k",
        ),
        "CACHES",
    )
    (redis,) = _settings_values(
        _production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0"), "CACHES"
    )
    assert "'pages': {'BACKEND': 'django.core.cache.backends.db.DatabaseCache'" in database
    assert "'LOCATION': 'kennisbank_page_cache', 'OPTIONS': {'MAX_ENTRIES': 300" in database
    assert "'KEY_PREFIX': 'pages'" in redis


def test_a_database_server_that_never_answers_is_given_up_on(tmp_path):
    # Packets dropped instead of refused: without a connect timeout each request would hang
    # until gunicorn kills its worker; with it, the visitor gets the 503 page.
    hanging = FaultyProxy(mode="hang")
    port = hanging.url.rsplit(":", 1)[1]
    code = (
        "import django; django.setup(); from django.db import connection, OperationalError\n"
        "try:\n    connection.ensure_connection()\n"
        "except OperationalError as error:\n    print('refused:', type(error).__name__)\n"
    )
    try:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={
                **{k: v for k, v in os.environ.items() if k not in _INHERITED_UNSET},
                "DJANGO_SETTINGS_MODULE": "kennisbank.settings",
                "DATABASE_URL": f"postgres://kennisbank:kennisbank@127.0.0.1:{port}/kennisbank",
                "DATABASE_CONNECT_TIMEOUT": "1",
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        hanging.close()
    assert result.stdout.strip() == "refused: OperationalError", result.stderr
