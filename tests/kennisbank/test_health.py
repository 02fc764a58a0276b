"""`/gezond/` and `manage.py healthcheck`: what the service manager asks before it sends traffic
to a web process or trusts a worker. They answer whether the database answers, also for a host
name the site does not serve and over plain HTTP behind an HTTPS redirect (a container's
healthcheck asks http://127.0.0.1:8000/gezond/)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.fault_servers import closed_port

ROOT = Path(__file__).resolve().parent.parent.parent

REQUEST = """
import django
django.setup()
from django.test import Client
response = Client().get("/gezond/")
print(response.status_code, response.get("Retry-After"), response.content.decode().strip())
"""


def run_without_database(*args: str) -> subprocess.CompletedProcess:
    """Runs Python with a DATABASE_URL naming a PostgreSQL port that nothing listens on."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "SQLITE_TEST_FILE"},
        "DJANGO_SETTINGS_MODULE": "kennisbank.settings",
        "DATABASE_URL": f"postgres://kennisbank:kennisbank@127.0.0.1:{closed_port()}/kennisbank",
        "ELASTICSEARCH_URL": "",
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.django_db
def test_healthy_when_the_database_answers(client):
    response = client.get("/gezond/")
    assert response.status_code == 200
    assert response.content.decode() == "Gezond: de database antwoordt.\n"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.django_db
def test_answers_any_host_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["kennisbank.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/", HTTP_HOST="127.0.0.1").status_code == 400
    assert client.get("/gezond/", HTTP_HOST="127.0.0.1").status_code == 200


def test_unhealthy_with_retry_after_when_the_database_is_down():
    result = run_without_database("-c", REQUEST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == (
        "503 10 Niet gezond: de database antwoordt niet."
    )


@pytest.mark.django_db
def test_the_command_passes_when_the_database_answers(capsys):
    call_command("healthcheck")
    assert capsys.readouterr().out == "Gezond: de database antwoordt.\n"


def test_the_command_fails_when_the_database_is_down():
    result = run_without_database("manage.py", "healthcheck")
    assert result.returncode == 1
    assert "Niet gezond: de database antwoordt niet." in result.stderr
