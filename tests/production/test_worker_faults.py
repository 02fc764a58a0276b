"""The background worker (`manage.py worker`) outlives a database or cache that goes away: it
waits, tries again, and does what is queued once the service is back, as the same process.
Had it stopped, bin/serve-production would have stopped the site with it."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fault_servers import closed_port
from tests.production.conftest import PYTHON, ROOT, manage, site_environment

pytestmark = pytest.mark.production

# What the worker logs when a round failed because the database or cache was away.
RETRYING = "trying again in"


class WorkerProcess:
    """`manage.py worker` in a process of its own; its output (e-mail included: the console
    delivery backend) goes to a file."""

    def __init__(self, env: dict[str, str], directory: Path):
        self.log = directory / "worker.log"
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(  # noqa: S603 - our own, fixed command
                [str(PYTHON), "manage.py", "worker", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.wait_for(
            lambda: "started" in self.output() or not self.alive(), "the worker did not start"
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_for(self, condition: Callable[[], bool], failure: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                pytest.fail(f"{failure}:\n{self.output()[-5000:]}")
            time.sleep(0.2)

    def stop(self) -> int:
        """SIGTERM; the exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        """Cleanup after a failure."""
        if self.alive():
            self.process.kill()
            self.process.wait()


def worker_environment(**values: str) -> dict[str, str]:
    return site_environment(
        TASKS_BACKEND="database",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.console.EmailBackend",
        PYTHONUNBUFFERED="1",
        **values,
    )


def queue_mail_and_see_it_sent(worker: WorkerProcess, env: dict[str, str], to: str) -> None:
    """A message queued by another process (as a request queues a password reset) is sent by
    this worker, which is still the same process."""
    manage("sendtestemail", to, env=env)
    worker.wait_for(
        lambda: f"To: {to}" in worker.output() or not worker.alive(),
        "the queued e-mail was not sent",
    )
    assert worker.alive(), worker.output()[-5000:]


def test_the_worker_outlives_a_postgresql_restart(private_postgres, tmp_path):
    env = worker_environment(DATABASE_URL=private_postgres.url)
    worker = WorkerProcess(env, tmp_path)
    try:
        queue_mail_and_see_it_sent(worker, env, "voor@example.org")

        private_postgres.stop()
        try:
            worker.wait_for(
                lambda: worker.output().count(RETRYING) >= 2 or not worker.alive(),
                "the worker did not notice the database was gone",
            )
            assert worker.alive(), worker.output()[-5000:]
        finally:
            private_postgres.start()

        queue_mail_and_see_it_sent(worker, env, "na@example.org")
        assert "Traceback" in worker.output()  # the warning names the error (exc_info)
        assert worker.stop() == 0, worker.output()[-5000:]
    finally:
        worker.kill()


def test_a_worker_started_while_postgresql_is_down_waits_for_it(private_postgres, tmp_path):
    env = worker_environment(DATABASE_URL=private_postgres.url)
    private_postgres.stop()
    try:
        worker = WorkerProcess(env, tmp_path)
        worker.wait_for(
            lambda: RETRYING in worker.output() or not worker.alive(),
            "the worker did not notice the database was gone",
        )
    finally:
        private_postgres.start()
    try:
        assert worker.alive(), worker.output()[-5000:]
        queue_mail_and_see_it_sent(worker, env, "anna@example.org")
        assert worker.stop() == 0, worker.output()[-5000:]
    finally:
        worker.kill()


def test_the_worker_runs_tasks_while_redis_is_away(sqlite_site_database, tmp_path):
    """With REDIS_URL set and Redis not answering, the periodic jobs (which claim their period
    in Redis) wait; queued tasks, which need only the database, are still done."""
    database = tmp_path / "kennisbank.sqlite3"
    shutil.copy(sqlite_site_database, database)
    env = worker_environment(
        DATABASE_URL=f"sqlite:///{database}", REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0"
    )
    worker = WorkerProcess(env, tmp_path)
    try:
        worker.wait_for(
            lambda: RETRYING in worker.output() or not worker.alive(),
            "the worker did not notice Redis was away",
        )
        assert worker.alive(), worker.output()[-5000:]
        queue_mail_and_see_it_sent(worker, env, "anna@example.org")
        assert "redis.exceptions.ConnectionError" in worker.output()
        assert worker.stop() == 0, worker.output()[-5000:]
    finally:
        worker.kill()
