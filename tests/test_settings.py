import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run_settings(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG, settings.ALLOWED_HOSTS, "
        "settings.MEDIA_ROOT, settings.STATIC_ROOT, settings.ELASTICSEARCH_URL)"
    )
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "kennisbank.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


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
