"""bin/serve-production, the production topology without Docker: on a fresh PostgreSQL database
and Elasticsearch, it migrates and collects the static files once, then serves the site with
gunicorn (as many workers as WEB_CONCURRENCY says) beside `manage.py worker`; SIGTERM stops both
and exits 0; when one of them dies the other is stopped too and the exit status says so.

It makes its database on the PostgreSQL server of the tests, or on the local one
(bin/postgres-start) when the tests run on SQLite, and needs ELASTICSEARCH_URL; skipped
without them, or failed with KENNISBANK_REQUIRE_SERVICES=1."""

import re
import signal

import psutil
import pytest

from tests.production.topology_helpers import Topology, get

pytestmark = pytest.mark.production


@pytest.fixture(scope="module")
def topology(tmp_path_factory):
    topology = Topology(tmp_path_factory.mktemp("topology"))
    yield topology
    topology.close()


@pytest.fixture(scope="module")
def served(topology):
    return topology.start()


def test_serves_pages_search_and_static_files(served):
    assert get(f"{served.url}/gezond/").text == "Gezond: de database antwoordt.\n"
    home = get(f"{served.url}/")
    assert home.status == 200
    assert "Kennisbank" in home.text
    search = get(f"{served.url}/zoeken/?q=zorg")
    assert search.status == 200
    # collectstatic ran with the manifest: pages link hashed names, served for a year.
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text)
    assert stylesheet, home.text[:2000]
    static = get(served.url + stylesheet.group(1))
    assert static.status == 200
    assert "immutable" in static.headers["Cache-Control"]


def test_runs_gunicorn_with_its_workers_beside_the_worker(served):
    gunicorn = served.named("gunicorn")
    assert len(gunicorn) == 3  # the master and WEB_CONCURRENCY=2 workers
    assert len(served.named("manage.py worker")) == 1


def test_sigterm_stops_everything_and_exits_0(served):
    started = [*served.named("gunicorn"), *served.named("manage.py worker")]
    served.process.send_signal(signal.SIGTERM)
    assert served.wait(timeout=60) == 0, served.output()
    gone, alive = psutil.wait_procs(started, timeout=5)
    assert not alive
    assert "serve-production: stopped" in served.output()


def test_a_process_that_dies_stops_the_rest_with_an_error(topology):
    served = topology.start()
    master = next(p for p in served.named("gunicorn") if p.ppid() == served.process.pid)
    others = [p for p in served.processes if p.pid != master.pid]
    master.kill()
    assert served.wait(timeout=60) != 0
    gone, alive = psutil.wait_procs(others, timeout=30)
    assert not alive
    assert "gunicorn (pid" in served.output()
