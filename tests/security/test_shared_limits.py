"""Finding 9: with several workers, every attempt counts once for all of them. Separate Python
processes on one database (as gunicorn workers are) share the login lockout (django-axes, in the
database) and the rate limits (the database cache, the default without REDIS_URL)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

WORKER = """
import sys
import django
django.setup()
from django.test import Client
from tests.factories import USER_PASSWORD, create_user
from django.contrib.auth import get_user_model

action = sys.argv[1]
if action == "user":
    create_user(email="gedeeld@example.org")
elif action == "fail":
    status = Client().post(
        "/account/inloggen/", {"login": "gedeeld@example.org", "password": "fout"}
    ).status_code
    print(status)
elif action == "login":
    status = Client().post(
        "/account/inloggen/", {"login": "gedeeld@example.org", "password": USER_PASSWORD}
    ).status_code
    print(status)
elif action == "api":
    print(Client().get("/api/in-cijfers/").status_code)
"""


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """Runs one request in a fresh process against a migrated database file of its own."""
    folder = tmp_path_factory.mktemp("workers")
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "kennisbank.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'shared.sqlite3'}",
        "DEBUG": "true",
        "ELASTICSEARCH_URL": "",
        "LOGIN_FAILURE_LIMIT": "3",
        "API_RATE_LIMIT": "3/minute",
        "MEDIA_ROOT": str(folder / "media"),
    }

    def run(*args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    run("manage.py", "migrate", "--noinput", "-v", "0")
    run("-c", WORKER, "user")
    return lambda action: run("-c", WORKER, action)


def test_failed_logins_in_different_workers_add_up(worker):
    assert worker("fail") == "200"
    assert worker("fail") == "200"
    assert worker("fail") == "429"
    assert worker("login") == "429"


def test_the_rate_limit_counts_requests_in_every_worker(worker):
    assert [worker("api") for _request in range(4)] == ["200", "200", "200", "429"]
