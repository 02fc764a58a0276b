"""Separate Python processes on one database, as gunicorn's workers are."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def process_runner(folder: Path, **settings: str) -> Callable[..., str]:
    """A function that runs `python ARGS` in a fresh process against a SQLite database file in
    `folder` (migrated first), with the database cache and the database search engine, and
    returns the last line it printed."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "kennisbank.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'shared.sqlite3'}",
        "DEBUG": "true",
        "ELASTICSEARCH_URL": "",
        "MEDIA_ROOT": str(folder / "media"),
        **settings,
    }

    def run(*args: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    run("manage.py", "migrate", "--noinput", "-v", "0")
    return run
