"""The periodic jobs of `manage.py worker`, each at a fixed interval (`WORKER_JOB_INTERVALS`).

However many workers run, a job runs once per period: the period's first worker claims it in
the shared claims cache (`caches["claims"].add` of a key naming the job and the period, which
only one can add: an insert on the database cache's unique key, SET NX on Redis). Each key is
new, as periods never come back: the database cache's `add` over an expired key of the same
name is not atomic.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from kennisbank.mail import deliver_email
from search.engines import get_engine

logger = logging.getLogger(__name__)
# A task still running this long after it started had its worker killed: it is run again.
STALLED_AFTER = timedelta(minutes=15)


def publish_scheduled() -> None:
    """Publish pages whose go-live time has come, unpublish those whose expiry has."""
    call_command("publish_scheduled", verbosity=0)


def search_catch_up() -> None:
    """Send index changes still queued (Elasticsearch was down, or a task was lost)."""
    get_engine().catch_up(limit=None)


def prune_task_results() -> None:
    """Forget finished tasks older than TASK_RESULTS_KEEP_DAYS, and e-mails sent at once: their
    rows hold the whole message, confirmation and password reset links included."""
    if isinstance(task_backends["default"], DatabaseBackend):
        DBTaskResult.objects.filter(
            task_path=deliver_email.module_path, status=TaskResultStatus.SUCCESSFUL
        ).delete()
        call_command(
            "prune_db_task_results", min_age_days=settings.TASK_RESULTS_KEEP_DAYS, verbosity=0
        )


def requeue_stalled_tasks() -> int:
    """Tasks left running by a worker that was killed (`kill -9`, a crash: SIGTERM lets the task
    finish) go back in the queue; returns how many. Run when a worker starts, and periodically."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return 0
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - STALLED_AFTER
    ).update(status=TaskResultStatus.READY, started_at=None)


def clear_sessions() -> None:
    """Delete expired sessions."""
    call_command("clearsessions", verbosity=0)


JOBS: dict[str, Callable[[], object]] = {
    "publish_scheduled": publish_scheduled,
    "search_catch_up": search_catch_up,
    "requeue_stalled_tasks": requeue_stalled_tasks,
    "prune_task_results": prune_task_results,
    "clear_sessions": clear_sessions,
}


def period(interval: int, *, now: float | None = None) -> int:
    return int((time.time() if now is None else now) // interval)


def claim(name: str, interval: int, *, now: float | None = None) -> bool:
    """Whether this worker runs `name` in the current period (no other worker has claimed it)."""
    key = f"worker-job:{name}:{period(interval, now=now)}"
    return caches["claims"].add(key, True, timeout=interval * 2)


def run_due_jobs(*, now: float | None = None, tried: dict[str, int] | None = None) -> list[str]:
    """Run the jobs of the current period that no other worker has claimed; returns their
    names. A job that fails is logged and tried again next period; when the claims cache is
    away, the error stands and the job is tried again on the next call. `tried`: the period in
    which this worker last tried each job, kept between calls so that it asks the cache once
    per period."""
    ran = []
    tried = {} if tried is None else tried
    for name, job in JOBS.items():
        interval = settings.WORKER_JOB_INTERVALS.get(name, 0)
        if interval <= 0 or tried.get(name) == period(interval, now=now):
            continue
        claimed = claim(name, interval, now=now)  # raises when the cache is away: tried later
        tried[name] = period(interval, now=now)
        if not claimed:
            continue
        try:
            job()
        except Exception:
            logger.exception("Periodic job %s failed", name)
        ran.append(name)
    return ran
