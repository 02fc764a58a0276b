"""Elasticsearch refused or hung under a running site (three sync workers): searches answer from
the database, only the first search of each worker waits for the timeout, and a static file
asked at the same time is never held up longer than that."""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.fault_servers import FaultyProxy
from tests.production.conftest import manage, require, site_environment

pytestmark = pytest.mark.production

TIMEOUT = 2  # ELASTICSEARCH_TIMEOUT, the default
STATIC = "/static/css/site.css"
SEARCHES = [f"/zoeken/?q={word}" for word in ("zorg", "stage", "ouderen", "wijk", "jeugd", "ggz")]


@pytest.fixture
def elasticsearch_site(sqlite_site_database, start_site, tmp_path):
    """The site with Elasticsearch behind a proxy (FaultyProxy) whose fault the test switches
    on once every worker has searched through it (a cold worker's first search costs
    seconds of its own: the Dutch analysis loads)."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    require(bool(url), "no Elasticsearch (set ELASTICSEARCH_URL)")
    proxy = FaultyProxy(url, mode="forward")
    database = tmp_path / "kennisbank.sqlite3"
    shutil.copy(sqlite_site_database, database)
    env = site_environment(
        DATABASE_URL=f"sqlite:///{database}",
        ELASTICSEARCH_URL=proxy.url,
        ELASTICSEARCH_TIMEOUT=str(TIMEOUT),
        ELASTICSEARCH_RETRY_SECONDS="30",
        # Every search asks the engine: a page stored by the warm-up below would otherwise be
        # served during the fault without asking Elasticsearch (which is fine for visitors).
        PAGE_CACHE_SECONDS="0",
    )
    manage("search_index", "rebuild", env=env)
    site = start_site(env, workers=3)
    for _round in range(2):
        with ThreadPoolExecutor(6) as pool:
            assert {answer.status for answer in pool.map(site.get, SEARCHES)} == {200}
    yield site, proxy
    proxy.close()


def searches_and_a_static_file(site):
    """Six searches at once, and a static file asked just after them: their answers and how
    long it all took."""
    started = time.monotonic()
    with ThreadPoolExecutor(7) as pool:
        searches = [pool.submit(site.get, path) for path in SEARCHES]
        time.sleep(0.1)
        static = pool.submit(site.get, STATIC).result()
        answers = [search.result() for search in searches]
    return answers, static, time.monotonic() - started


def test_a_hung_elasticsearch_holds_each_worker_once_at_most(elasticsearch_site):
    site, elasticsearch = elasticsearch_site
    elasticsearch.mode = "hang"
    asked = elasticsearch.accepted

    answers, static, seconds = searches_and_a_static_file(site)
    assert [answer.status for answer in answers] == [200] * len(SEARCHES)
    assert all("tijdelijk niet beschikbaar" in answer.text for answer in answers)
    assert static.status == 200
    assert static.seconds < TIMEOUT + 1
    assert seconds < TIMEOUT + 2  # before the breaker: two rounds of two timeouts each
    assert elasticsearch.accepted - asked <= 3  # once per worker

    answers, static, seconds = searches_and_a_static_file(site)
    assert [answer.status for answer in answers] == [200] * len(SEARCHES)
    assert all("tijdelijk niet beschikbaar" in answer.text for answer in answers)
    assert static.seconds < 1
    assert max(answer.seconds for answer in answers) < 1
    assert elasticsearch.accepted - asked <= 3  # not asked again


def test_a_stopped_elasticsearch_costs_no_waiting(elasticsearch_site):
    site, elasticsearch = elasticsearch_site
    elasticsearch.mode = "reset"

    answers, static, seconds = searches_and_a_static_file(site)
    assert [answer.status for answer in answers] == [200] * len(SEARCHES)
    assert all("tijdelijk niet beschikbaar" in answer.text for answer in answers)
    assert static.seconds < 1
    assert seconds < TIMEOUT
