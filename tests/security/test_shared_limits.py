"""Finding 9: with several workers, every attempt counts once for all of them. Separate Python
processes on one database (as gunicorn workers are) share the login lockout (django-axes, in the
database) and the rate limits (the database cache, the default without REDIS_URL)."""

import pytest

from tests.processes import process_runner

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
    run = process_runner(
        tmp_path_factory.mktemp("workers"), LOGIN_FAILURE_LIMIT="3", API_RATE_LIMIT="3/minute"
    )
    run("-c", WORKER, "user")
    return lambda action: run("-c", WORKER, action)


def test_failed_logins_in_different_workers_add_up(worker):
    assert worker("fail") == "200"
    assert worker("fail") == "200"
    assert worker("fail") == "429"
    assert worker("login") == "429"


def test_the_rate_limit_counts_requests_in_every_worker(worker):
    assert [worker("api") for _request in range(4)] == ["200", "200", "200", "429"]
