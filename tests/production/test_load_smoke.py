"""Issue 14: the load scenario of `make bench-load` (bench/load/locustfile.py: pages, searches,
the API, suggestions, exports, feeds and a static file) for 20 seconds with 10 users against
the site served as in production (gunicorn, DEBUG off, in a process of its own, stopped after):
not one request may fail. Timings are the benchmark's business, not this test's."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.search.conftest import services_required

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.production


def test_the_load_scenario_runs_without_a_single_error(tmp_path):
    # Never imported here: locust patches the standard library for gevent when imported.
    if importlib.util.find_spec("locust") is None:
        if services_required():
            pytest.fail("locust is not installed (pip install -e '.[test]')")
        pytest.skip("locust is not installed")
    database = os.environ.get("DATABASE_URL", "")
    command = [sys.executable, "bench/load_bench.py", "--smoke"]
    if not database.startswith("postgres"):
        # The embedded default: a file of its own, as a host without PostgreSQL would have.
        command += ["--database-url", f"sqlite:///{tmp_path / 'site.sqlite3'}"]
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    assert "errors: 0 (target 0)" in result.stdout
