"""Backup benchmark: how long `manage.py backup` and `manage.py restore` take on PostgreSQL at a
given number of initiatives.

    python bench/backup_bench.py [--size 10000]

Uses its own databases, `kb_backup_bench` (filled with synthetic initiatives by
bench/search_bench.py's generator, one revision each, kept between runs) and
`kb_backup_bench_fresh` (dropped, created and migrated for each run: the fresh installation a
restore starts from), on the server of DATABASE_URL (default the local one), media in
bench/backup-media/. Times the real commands in processes of their own, as a host runs them, and
writes a table to bench/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("DATABASE_URL", "postgres://kennisbank:kennisbank@127.0.0.1:5432/x")
SOURCE = urlunsplit(urlsplit(SERVER)._replace(path="/kb_backup_bench"))
FRESH = urlunsplit(urlsplit(SERVER)._replace(path="/kb_backup_bench_fresh"))
MEDIA = ROOT / "bench" / "backup-media"
WORK = ROOT / "bench" / "backup-work"
ELASTICSEARCH = os.environ.get("ELASTICSEARCH_URL", "")


def admin_connection() -> psycopg.Connection:
    return psycopg.connect(urlunsplit(urlsplit(SERVER)._replace(path="/postgres")), autocommit=True)


def create_database(name: str, *, drop: bool) -> None:
    with admin_connection() as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and drop:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if not exists or drop:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(url: str, *args: str) -> float:
    """Run manage.py with `args` against the database at `url`; returns seconds taken."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(MEDIA if url == SOURCE else MEDIA.with_name("backup-media-fresh")),
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only",
        "SEARCH_INDEX_PREFIX": "kbbench_backup_",
    }
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603
    return time.perf_counter() - started


def fill(size: int) -> float:
    """Generate the initiatives in the source database, with one revision each."""
    os.environ["DATABASE_URL"] = SOURCE
    os.environ["MEDIA_ROOT"] = str(MEDIA)
    sys.path.insert(0, str(ROOT / "bench"))
    import search_bench  # noqa: PLC0415 (sets Django up for the source database)
    from django.core.management import call_command  # noqa: PLC0415
    from wagtail.models import Revision  # noqa: PLC0415

    from initiatieven.models import InitiativePage  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    seconds = search_bench.generate(size)
    pages = InitiativePage.objects.filter(latest_revision=None)
    while batch := list(pages.order_by("pk")[:500]):
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type_id=page.content_type_id,
                    base_content_type_id=page.content_type_id,
                    object_id=str(page.pk),
                    content=page.serializable_data(),
                    object_str=page.title,
                    created_at=page.last_published_at,
                )
                for page in batch
            ]
        )
        for page, revision in zip(batch, revisions, strict=True):
            InitiativePage.objects.filter(pk=page.pk).update(
                latest_revision=revision, live_revision=revision
            )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    options = parser.parse_args()

    create_database("kb_backup_bench", drop=False)
    generated = fill(options.size)
    target = WORK / str(options.size)
    shutil.rmtree(target, ignore_errors=True)
    backup = manage(SOURCE, "backup", str(target))
    manifest = json.loads((target / "manifest.json").read_text())
    dump = sum(file.stat().st_size for file in target.iterdir())

    create_database("kb_backup_bench_fresh", drop=True)
    shutil.rmtree(MEDIA.with_name("backup-media-fresh"), ignore_errors=True)
    migrate = manage(FRESH, "migrate", "--verbosity", "0")
    restore = manage(FRESH, "restore", str(target))

    counts = manifest["counts"]
    table = [
        f"# Backup and restore, PostgreSQL, {options.size} initiatives "
        f"({datetime.date.today().isoformat()})",
        "",
        f"Content: {counts['initiatives']} initiatives, {counts['pages']} pages, "
        f"{counts['revisions']} revisions, {counts['users']} users, {counts['images']} images; "
        f"backup size {dump / 1e6:.1f} MB. Generated in {generated:.0f} s (0 when reused).",
        "",
        "| step | seconds |",
        "|---|---|",
        f"| `manage.py backup` (pg_dump + media tar) | {backup:.1f} |",
        f"| `manage.py migrate` of an empty database (the fresh installation) | {migrate:.1f} |",
        f"| `manage.py restore` (checks, pg_restore, media, search rebuild) | {restore:.1f} |",
        "",
        "Each time includes starting Django (about 1-2 s). The search index rebuilt: "
        + (f"Elasticsearch at {ELASTICSEARCH}" if ELASTICSEARCH else "the database engine's")
        + ".",
    ]
    text = "\n".join(table) + "\n"
    print(text)
    results = ROOT / "bench" / "results" / f"backup-postgresql-{datetime.date.today()}.md"
    results.write_text(text)


if __name__ == "__main__":
    main()
