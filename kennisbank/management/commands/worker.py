"""python manage.py worker: the background worker (README, "Background work")."""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from collections.abc import Callable
from typing import TypeVar

import redis
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker, valid_interval

from kennisbank import periodic

logger = logging.getLogger(__name__)
T = TypeVar("T")

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
# Tasks per round: between rounds the periodic jobs that are due run, so that a long queue (an
# import's index updates) never holds up scheduled publishing.
TASKS_PER_ROUND = 10
# What a database or cache that is away raises (PostgreSQL restarted, Redis gone, a SQLite file
# held by a long write past SQLITE_BUSY_TIMEOUT). The worker waits and tries again: had it
# stopped, bin/serve-production would have stopped the site with it.
UNAVAILABLE = (DatabaseError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# Seconds before the next try after a failure, doubled after each further one up to the most.
RETRY_FIRST_SECONDS = 1
RETRY_MOST_SECONDS = 30


class Backoff:
    """When a part of the worker's round (the periodic jobs, the tasks) may be tried again
    after failing: 1, 2, 4 ... RETRY_MOST_SECONDS seconds after failures in a row."""

    def __init__(self) -> None:
        self.failures = 0
        self.until = 0.0

    def due(self) -> bool:
        return time.monotonic() >= self.until

    def failed(self) -> float:
        pause = min(RETRY_MOST_SECONDS, RETRY_FIRST_SECONDS * 2**self.failures)
        self.failures += 1
        self.until = time.monotonic() + pause
        return pause

    def succeeded(self) -> None:
        self.failures, self.until = 0, 0.0


class RoundWorker(Worker):
    """django-tasks-db's worker, run a round of tasks at a time."""

    def run_round(self, limit: int) -> int:
        """Run ready tasks, the highest priority first, until none is left or `limit` ran;
        returns how many ran."""
        self.max_tasks = limit
        self._run_tasks = 0  # django-tasks-db counts over the worker's life
        self.run()
        return self._run_tasks


class Command(BaseCommand):
    help = (
        "Run queued tasks (search index updates, e-mail) and the periodic jobs (scheduled "
        "publishing, search catch-up, pruning task results, expired sessions) until stopped. "
        "SIGTERM or SIGINT stop it after the task at hand. Several may run at once. When the "
        "database or the cache is away, it waits and tries again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run the periodic jobs that are due and every queued task, then stop.",
        )
        parser.add_argument(
            "--interval",
            type=valid_interval,
            default=1.0,
            help="Seconds to wait when nothing is queued (default: %(default)s).",
        )
        parser.add_argument("--worker-id", default="", help="Unique name (default: random).")

    def handle(self, *, batch: bool, interval: float, worker_id: str, **options):
        queued_tasks = isinstance(task_backends["default"], DatabaseBackend)
        if not queued_tasks:
            self.stderr.write(
                "TASKS_BACKEND is not database: tasks run where they are enqueued; "
                "this worker runs the periodic jobs only."
            )
        worker = RoundWorker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=TASKS_PER_ROUND,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
        worker.configure_signals()
        self.stdout.write(f"Worker {worker.worker_id} started")
        tried: dict[str, int] = {}
        requeued = False

        def run_jobs() -> list[str]:
            nonlocal requeued
            # A stop signal waits until the jobs are done, as it does for a task.
            worker.running_task = True
            try:
                if queued_tasks and not requeued:  # once, when the worker starts
                    periodic.requeue_stalled_tasks()
                    requeued = True
                return periodic.run_due_jobs(tried=tried)
            finally:
                worker.running_task = False

        jobs, tasks = Backoff(), Backoff()
        try:
            while worker.running:
                attempt("periodic jobs", jobs, run_jobs, batch)
                ran = 0
                if worker.running and queued_tasks:
                    ran = attempt("tasks", tasks, lambda: worker.run_round(TASKS_PER_ROUND), batch)
                more = (ran or 0) >= TASKS_PER_ROUND  # the round was full: more may wait
                if not worker.running or (batch and not more):
                    break
                if not more:
                    time.sleep(interval)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


def attempt(what: str, backoff: Backoff, action: Callable[[], T], batch: bool) -> T | None:
    """Run `action` unless it is backing off after a failure; when the database or the cache
    is away, log it, drop the connections (the next query opens a new one) and back off.
    In a batch run the error stands: the caller (cron) should see it."""
    if not backoff.due():
        return None
    try:
        result = action()
    except UNAVAILABLE:
        if batch:
            raise
        pause = backoff.failed()
        logger.warning(
            "Worker: %s failed, the database or the cache is unavailable; trying again in %d s",
            what,
            pause,
            exc_info=True,
        )
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):
                connection.close()
        return None
    backoff.succeeded()
    return result
