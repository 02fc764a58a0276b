"""python manage.py worker: the background worker (README, "Background work")."""

import signal
import time

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker, valid_interval

from kennisbank import periodic

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


class Command(BaseCommand):
    help = (
        "Run queued tasks (search index updates, e-mail) and the periodic jobs (scheduled "
        "publishing, search catch-up, pruning task results, expired sessions) until stopped. "
        "SIGTERM or SIGINT stop it after the task at hand. Several may run at once."
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
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        if queued_tasks:
            periodic.requeue_stalled_tasks()
        previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
        worker.configure_signals()
        self.stdout.write(f"Worker {worker.worker_id} started")
        tried: dict[str, int] = {}
        try:
            while worker.running:
                # A stop signal waits until the jobs are done, as it does for a task.
                worker.running_task = True
                try:
                    periodic.run_due_jobs(tried=tried)
                finally:
                    worker.running_task = False
                if worker.running and queued_tasks:
                    worker.run()
                if batch or not worker.running:
                    break
                time.sleep(interval)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
