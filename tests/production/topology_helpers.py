"""bin/serve-production in a process group of its own, on a free port, against a PostgreSQL
database and Elasticsearch indexes that exist only for the test."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import psutil
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SERVE = ROOT / "bin" / "serve-production"
# The PostgreSQL server bin/postgres-start makes (README, "Tests on PostgreSQL").
LOCAL_POSTGRES = "postgres://kennisbank:kennisbank@127.0.0.1:5432/kennisbank"
# The tests' own settings that must not reach the served site.
NOT_PASSED = ("DATABASE_URL", "SQLITE_TEST_FILE", "DJANGO_SETTINGS_MODULE", "REDIS_URL")


def require(ready: bool, reason: str) -> None:
    """Skip without the service; fail instead with KENNISBANK_REQUIRE_SERVICES=1 (CI)."""
    if ready:
        return
    if os.environ.get("KENNISBANK_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} but KENNISBANK_REQUIRE_SERVICES=1")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str


def get(url: str, timeout: float = 30) -> Answer:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return Answer(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read().decode())


@dataclass
class Served:
    """One run of bin/serve-production."""

    process: subprocess.Popen
    port: int
    log: Path
    processes: list[psutil.Process] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"serve-production stopped ({self.process.returncode}):\n{self.output()}"
                )
            with contextlib.suppress(OSError):
                if get(f"{self.url}/gezond/", timeout=5).status == 200:
                    self.processes = psutil.Process(self.process.pid).children(recursive=True)
                    return
            time.sleep(0.5)
        pytest.fail(f"serve-production not healthy after {timeout:.0f} s:\n{self.output()}")

    def named(self, word: str) -> list[psutil.Process]:
        """The started processes whose command line holds `word` (e.g. gunicorn, worker)."""
        found = []
        for process in self.processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                if word in " ".join(process.cmdline()):
                    found.append(process)
        return found

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def kill_all(self) -> None:
        """Cleanup: the process group this run started, if anything of it is left."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Topology:
    """A fresh PostgreSQL database and index prefix, and the runs of serve-production on them."""

    def __init__(self, directory: Path):
        server = settings.DATABASES["default"]
        if server["ENGINE"] != "django.db.backends.postgresql":
            # The tests run on SQLite: the topology still gets PostgreSQL, the local server
            # bin/postgres-start provides (CI starts it before any test).
            server = dj_database_url.parse(
                os.environ.get("KENNISBANK_TOPOLOGY_DATABASE_URL") or LOCAL_POSTGRES
            )
        self.elasticsearch = os.environ.get("ELASTICSEARCH_URL", "")
        require(bool(self.elasticsearch), "the production topology needs ELASTICSEARCH_URL")
        self.server = server
        self.name = f"kb_topology_{secrets.token_hex(4)}"
        self.prefix = f"topology_{secrets.token_hex(4)}_"
        self.directory = directory
        self.runs: list[Served] = []
        try:
            self._admin(f'CREATE DATABASE "{self.name}"')
        except Exception as error:  # noqa: BLE001 - any reason the server cannot be used
            require(False, f"the production topology needs a PostgreSQL server: {error}")

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            dbname="postgres",
            user=self.server["USER"],
            password=self.server["PASSWORD"],
            host=self.server["HOST"] or "127.0.0.1",
            port=self.server["PORT"] or 5432,
            autocommit=True,
        ) as connection:
            connection.execute(sql)

    def environment(self, port: int) -> dict[str, str]:
        server = self.server
        env = {key: value for key, value in os.environ.items() if key not in NOT_PASSED}
        env.update(
            KENNISBANK_PYTHON=sys.executable,
            DATABASE_URL=(
                f"postgres://{server['USER']}:{server['PASSWORD']}@"
                f"{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/{self.name}"
            ),
            ELASTICSEARCH_URL=self.elasticsearch,
            SEARCH_INDEX_PREFIX=self.prefix,
            HOST="127.0.0.1",
            PORT=str(port),
            WEB_CONCURRENCY="2",
            SECRET_KEY=secrets.token_urlsafe(50),
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1",
            HTTPS="off",
            SECURE_COOKIES="false",
            STATIC_ROOT=str(self.directory / "static"),
            MEDIA_ROOT=str(self.directory / "media"),
            LOG_LEVEL="WARNING",
            STOP_TIMEOUT="20",
        )
        env.pop("TASKS_BACKEND", None)  # the script's own default: database
        return env

    def start(self, timeout: float = 300) -> Served:
        port = free_port()
        log = self.directory / f"serve-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 - our own script
                [str(SERVE)],
                cwd=ROOT,
                env=self.environment(port),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        served = Served(process, port, log)
        self.runs.append(served)
        served.wait_until_healthy(timeout)
        return served

    def close(self) -> None:
        for served in self.runs:
            served.kill_all()
        indexes = f"{self.elasticsearch}/{self.prefix}*"
        with contextlib.suppress(OSError):
            request = urllib.request.Request(indexes, method="DELETE")  # noqa: S310 - our URL
            urllib.request.urlopen(request, timeout=30).close()  # noqa: S310
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
