"""The production topology's files: docker-compose.yml is valid Compose (checked against the
Compose Specification's JSON schema, vendored in .ci/compose-spec.json, as no Docker engine runs
here) and keeps the promises the schema cannot check; .env.example documents every variable;
gunicorn.conf.py sizes the web server from the environment."""

import ast
import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
SCHEMA = ROOT / ".ci" / "compose-spec.json"
ENV_EXAMPLE = ROOT / ".env.example"
# Files whose environment variables a host sets (bin/serve-production documents its own).
READS_ENVIRONMENT = [ROOT / "kennisbank" / "settings.py", ROOT / "gunicorn.conf.py"]
# Services that run once and exit: the others wait for them to complete, not to be healthy.
ONE_SHOT = {"migrate"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def documented_variables() -> set[str]:
    """NAME=... lines of .env.example, also commented-out ones (`# NAME=...`)."""
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.MULTILINE))


def variables_read(path: Path) -> set[str]:
    """Names passed to os.environ.get / os.environ[...] / os.getenv / env_bool / env_list."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            function = ast.unparse(node.func)
            if function in {"os.environ.get", "os.getenv", "env_bool", "env_list"} and node.args:
                argument = node.args[0]
            else:
                continue
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            argument = node.slice
        else:
            continue
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            names.add(argument.value)
    return names


def app_services(compose: dict) -> dict:
    """The services that run Kennisbank itself (they read .env)."""
    return {name: s for name, s in compose["services"].items() if "env_file" in s}


def test_valid_against_the_compose_specification(compose):
    schema = json.loads(SCHEMA.read_text())
    errors = sorted(
        jsonschema.Draft7Validator(schema).iter_errors(compose), key=lambda e: list(e.path)
    )
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_catches_a_mistake(compose):
    broken = {**compose, "services": {**compose["services"], "db": {"image": 15}}}
    schema = json.loads(SCHEMA.read_text())
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_the_services(compose):
    assert set(compose["services"]) == {"migrate", "web", "worker", "db", "search"}
    assert compose["services"]["worker"]["command"] == ["python", "manage.py", "worker"]
    assert compose["services"]["migrate"]["command"][:3] == ["python", "manage.py", "prepare"]
    # web runs the image's command: gunicorn with gunicorn.conf.py, as a user without rights.
    assert "command" not in compose["services"]["web"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["gunicorn", "--config", "gunicorn.conf.py"]' in dockerfile
    assert "\nUSER kennisbank\n" in dockerfile
    assert compose["services"]["db"]["image"].startswith("postgres:15")
    assert compose["services"]["search"]["image"].endswith(":8.19.3")
    for name, service in app_services(compose).items():
        assert service["environment"]["TASKS_BACKEND"] == "database", name


def test_every_long_running_service_has_a_healthcheck_and_restarts(compose):
    for name, service in compose["services"].items():
        if name in ONE_SHOT:
            assert service["healthcheck"] == {"disable": True}, name
            assert service["restart"] == "no", name
        else:
            assert service["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}, name
            assert service["restart"] == "unless-stopped", name


def test_every_dependency_waits_for_health_or_completion(compose):
    """Never `service_started`: a started Elasticsearch or PostgreSQL is not yet a ready one."""
    for name, service in compose["services"].items():
        for dependency, options in service.get("depends_on", {}).items():
            expected = (
                "service_completed_successfully" if dependency in ONE_SHOT else "service_healthy"
            )
            assert options["condition"] == expected, (name, dependency)
    for name in ("web", "worker"):
        assert set(compose["services"][name]["depends_on"]) == {"migrate", "db", "search"}


def test_named_volumes_are_declared(compose):
    used = {
        volume.split(":")[0]
        for service in compose["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }
    assert used == set(compose["volumes"])


def test_every_variable_compose_reads_or_sets_is_documented(compose):
    # ${NAME}, ${NAME:-default}, ${NAME:?error} taken from .env; and what the app services get.
    interpolated = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", COMPOSE.read_text()))
    for_the_site = {key for s in app_services(compose).values() for key in s["environment"]}
    assert interpolated >= {"SECRET_KEY", "POSTGRES_PASSWORD"}
    missing = (interpolated | for_the_site) - documented_variables()
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_every_variable_the_settings_read_is_documented():
    read = set().union(*(variables_read(path) for path in READS_ENVIRONMENT))
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "WEB_CONCURRENCY"} <= read
    missing = read - documented_variables()
    assert not missing, f"add to .env.example: {sorted(missing)}"


def gunicorn_settings(monkeypatch, **environment) -> dict:
    for name in ("HOST", "PORT", "WEB_CONCURRENCY", "WEB_THREADS", "WEB_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_workers_follow_the_cpus_unless_set(monkeypatch):
    default = gunicorn_settings(monkeypatch)
    assert default["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert default["bind"] == "127.0.0.1:8000"
    assert default["wsgi_app"] == "kennisbank.wsgi:application"
    chosen = gunicorn_settings(monkeypatch, WEB_CONCURRENCY="3", HOST="::1", PORT="8080")
    assert chosen["workers"] == 3
    assert chosen["bind"] == "[::1]:8080"


def test_gunicorn_starts_with_the_example_environment():
    """Compose's env_file, systemd's EnvironmentFile and `set -a; . .env` pass every line of
    .env.example, empty values too; gunicorn reads some of them itself before its config file."""
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", ENV_EXAMPLE.read_text(), re.MULTILINE))
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        # The one value a host must fill in before anything starts.
        env={**os.environ, **values, "SECRET_KEY": "a-host-fills-this-in"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
