"""The site as it runs in production, for fault tests: gunicorn workers in processes of their
own (DEBUG off), on a database of the test's own, a PostgreSQL the test may stop and start.

Marked `production` (select with `-m production`). Skipped when the tools are missing (gunicorn,
PostgreSQL's programs, root to run PostgreSQL as its own user); with
KENNISBANK_REQUIRE_SERVICES=1 (CI) that is a failure instead.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.production.topology_helpers import free_port, require

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)
GUNICORN = PYTHON.with_name("gunicorn")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SU = shutil.which("su")
# Environment the tests' own process may carry that must not reach the site.
NOT_PASSED = ("DATABASE_URL", "ELASTICSEARCH_URL", "SQLITE_TEST_FILE", "DJANGO_SETTINGS_MODULE")


def site_environment(**values: str) -> dict[str, str]:
    """The environment of a production process: DEBUG off, nothing of the tests' own."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_PASSED}
    env.update(
        DEBUG="false",
        SECRET_KEY="fault-tests-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="false",
        HTTPS="off",
        SEARCH_INDEX_PREFIX="faults_production_",
        LOG_LEVEL="WARNING",
        **values,
    )
    return env


def run(command: list, **options) -> None:
    """Run one of our own, fixed commands; its output goes into the error when it fails."""
    subprocess.run([str(part) for part in command], check=True, capture_output=True, **options)  # noqa: S603


def manage(*args: str, env: dict[str, str]) -> None:
    run([PYTHON, "manage.py", *args], cwd=ROOT, env=env)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode()


class Site:
    """gunicorn serving kennisbank.wsgi on a free port; its access log names the worker (pid)
    that gave each answer."""

    def __init__(self, env: dict[str, str], *, workers: int, directory: Path):
        self.port = free_port()
        self.access_log = directory / f"access-{self.port}.log"
        self.error_log = directory / f"error-{self.port}.log"
        self.process = subprocess.Popen(  # noqa: S603 - our own, fixed command
            [
                str(GUNICORN),
                "kennisbank.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                "--timeout=60",
                f"--access-logfile={self.access_log}",
                "--access-logformat=%(p)s %(s)s %(U)s",
                f"--error-logfile={self.error_log}",
            ],
            cwd=ROOT,
            env=env,
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn stopped: {self.error_log.read_text()}")
            with contextlib.suppress(OSError):
                if self.get("/robots.txt", timeout=5).status == 200:
                    return
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not answer in 60 s: {self.error_log.read_text()}")

    def get(self, path: str, *, timeout: float = 30, headers: dict | None = None) -> Answer:
        return self.request("GET", path, timeout=timeout, headers=headers)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: str | None = None,
        timeout: float = 30,
        headers: dict | None = None,
    ) -> Answer:
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            answer = response.read()
        finally:
            connection.close()
        return Answer(
            response.status,
            {key.lower(): value for key, value in response.getheaders()},
            answer,
            time.monotonic() - started,
        )

    def answers(self) -> list[tuple[int, int, str]]:
        """(worker pid, status, path) of every request so far, in order."""
        lines = self.access_log.read_text().split("\n") if self.access_log.exists() else []
        rows = [line.split(" ", 2) for line in lines if line.strip()]
        return [(int(pid.strip("<>")), int(status), path) for pid, status, path in rows]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def start_site(tmp_path):
    """Starts gunicorn with the given environment (see `site_environment`); stopped after."""
    require(GUNICORN.exists(), f"no gunicorn at {GUNICORN}")
    sites: list[Site] = []

    def start(env: dict[str, str], *, workers: int = 2) -> Site:
        sites.append(Site(env, workers=workers, directory=tmp_path))
        return sites[-1]

    yield start
    for site in sites:
        site.stop()


@pytest.fixture(scope="session")
def sqlite_site_database(tmp_path_factory) -> Path:
    """A migrated SQLite file for production sites; copy it before writing to it."""
    database = tmp_path_factory.mktemp("sqlite") / "kennisbank.sqlite3"
    manage("migrate", "--noinput", env=site_environment(DATABASE_URL=f"sqlite:///{database}"))
    return database


class PrivatePostgres:
    """A PostgreSQL 15 cluster of the tests' own on a free port, run as the `postgres` user,
    that tests may stop and start (never the shared one on 5432)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.url = f"postgres://kennisbank:kennisbank@127.0.0.1:{self.port}/kennisbank"
        self._as_postgres(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust")
        self.start()
        for statement in (
            "CREATE ROLE kennisbank LOGIN PASSWORD 'kennisbank' CREATEDB",
            "CREATE DATABASE kennisbank OWNER kennisbank",
        ):
            run(
                [PG_BIN / "psql", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres"]
                + ["-v", "ON_ERROR_STOP=1", "-qc", statement]
            )

    def _as_postgres(self, *command) -> None:
        run([SU, "postgres", "-c", " ".join(f"'{part}'" for part in command)])

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            PG_BIN / "pg_ctl", "-D", self.data, "-l", self.directory / "log", "-o", options,
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")


@pytest.fixture(scope="session")
def private_postgres():
    """A migrated PostgreSQL of the tests' own (see PrivatePostgres)."""
    ready = os.geteuid() == 0 and (PG_BIN / "initdb").exists() and SU
    require(bool(ready), f"needs root and PostgreSQL 15's programs in {PG_BIN}")
    directory = Path(tempfile.mkdtemp(prefix="kennisbank-faults-pg-"))
    shutil.chown(directory, "postgres", "postgres")
    server = PrivatePostgres(directory)
    try:
        manage("migrate", "--noinput", env=site_environment(DATABASE_URL=server.url))
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)
