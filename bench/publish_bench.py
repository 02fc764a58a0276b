"""Publish benchmark: how long an editor's publish request takes with Elasticsearch set, with
tasks at once in the request (TASKS_BACKEND=immediate, as before issue 14) and in the background
(TASKS_BACKEND=database: the request only queues), with Elasticsearch answering and hanging
(a port that accepts and never answers).

    python bench/publish_bench.py [--requests 20] [--code-dir DIR] [--label NAME]

`--code-dir` runs the same requests against another checkout (e.g. `git archive main` unpacked
in a directory), to compare with the code before a change. Each scenario runs in a process of
its own on a fresh SQLite database in a temporary directory; the requests go through Django's
test client (no network, no server), publishing one initiative again and again from the editor.
Writes a table to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ELASTICSEARCH = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")


def hanging_port() -> str:
    """A port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held = []

    def accept():
        while True:
            held.append(server.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    return f"http://127.0.0.1:{server.getsockname()[1]}"


def scenario(requests: int) -> dict:
    """In the child process: publish an initiative `requests` times; seconds per request."""
    if os.environ["BENCH_ELASTICSEARCH"] == "hanging":
        os.environ["ELASTICSEARCH_URL"] = hanging_port()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from initiatieven.services.site_tree import ensure_site_tree
    from search.engines import es_index
    from tests.factories import create_initiative, edit_form

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if os.environ["BENCH_ELASTICSEARCH"] == "answering":
        es_index.ensure_index()
    index = ensure_site_tree()
    page = create_initiative(index, title="Gastheren in het verpleeghuis", publish=False)
    admin = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    client = Client()
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    times = []
    for number in range(requests):
        form = edit_form(page, summary=f"Versie {number}", **{"action-publish": "publish"})
        started = time.perf_counter()
        response = client.post(url, form)
        times.append(time.perf_counter() - started)
        if response.status_code != 302:
            raise SystemExit(f"publish answered {response.status_code}")
        page.refresh_from_db()
    return {"times": times}


def run(code_dir: Path, tasks: str, elasticsearch: str, requests: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "PYTHONPATH": str(code_dir),
            "DJANGO_SETTINGS_MODULE": "kennisbank.settings",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "ELASTICSEARCH_URL": ELASTICSEARCH,
            "SEARCH_INDEX_PREFIX": f"kbbench_publish_{os.getpid()}_",
            "TASKS_BACKEND": tasks,
            "BENCH_ELASTICSEARCH": elasticsearch,
            "DEBUG": "true",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"
            if tasks == "before"
            else "kennisbank.mail.QueuedEmailBackend",
            "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        if tasks == "before":
            env.pop("TASKS_BACKEND")
        output = subprocess.run(  # noqa: S603
            [sys.executable, __file__, "--child", str(requests)],
            cwd=code_dir,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    if elasticsearch == "answering":
        import urllib.request

        request = urllib.request.Request(  # noqa: S310
            f"{ELASTICSEARCH}/kbbench_publish_{os.getpid()}_*", method="DELETE"
        )
        urllib.request.urlopen(request).close()  # noqa: S310
    return json.loads(output.strip().splitlines()[-1])["times"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--code-dir", type=Path, default=ROOT)
    parser.add_argument("--label", default="")
    parser.add_argument("--tasks", default="immediate,database")
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(scenario(args.child)))
        return
    rows = []
    for tasks in args.tasks.split(","):
        for elasticsearch in ("answering", "hanging"):
            times = run(args.code_dir.resolve(), tasks, elasticsearch, args.requests)
            times = times[1:]  # the first request warms caches up
            rows.append(
                f"| {args.label or tasks} | {elasticsearch} | {len(times)} "
                f"| {statistics.median(times) * 1000:.0f} | {max(times) * 1000:.0f} |"
            )
            print(rows[-1], flush=True)
    table = "\n".join(
        [
            "| tasks | Elasticsearch | requests | median ms | max ms |",
            "| --- | --- | --- | --- | --- |",
            *rows,
        ]
    )
    out = ROOT / "bench" / "results" / f"publish-sqlite-{datetime.date.today()}.md"
    with out.open("a") as handle:
        handle.write(
            f"Publish request from the editor (SQLite, Django test client), "
            f"{args.label or 'this checkout'}\n\n"
            f"{table}\n\n"
        )
    print(f"\nAppended to {out}")


if __name__ == "__main__":
    main()
