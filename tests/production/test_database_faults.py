"""PostgreSQL stopped or restarted under a running site: a friendly 503 meanwhile, and every
worker answers again by itself once it is back, without a 500 at any point."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.production.conftest import site_environment

pytestmark = pytest.mark.production

PATHS = ["/", "/api/v2/pages/", "/zoeken/?q=zorg"]


def get_at_once(site, paths: list[str]) -> list[int]:
    with ThreadPoolExecutor(len(paths)) as pool:
        return [answer.status for answer in pool.map(site.get, paths)]


def busy(site, rounds: int = 4) -> list[int]:
    """Requests to every page, several at a time, so that every worker answers some."""
    return get_at_once(site, PATHS * rounds)


def workers_answering(site, since: int, status: int) -> set[int]:
    return {pid for pid, code, _ in site.answers()[since:] if code == status}


def test_database_stopped_gives_a_503_and_the_site_recovers_by_itself(private_postgres, start_site):
    site = start_site(site_environment(DATABASE_URL=private_postgres.url), workers=2)
    assert set(busy(site)) == {200}

    private_postgres.stop()
    try:
        page = site.get("/")
        api = site.get("/api/v2/pages/")
        search = site.get("/zoeken/?q=zorg")
    finally:
        private_postgres.start()

    assert page.status == 503
    assert page.headers["retry-after"].isdigit()
    assert page.headers["content-type"].startswith("text/html")
    assert "even niet beschikbaar" in page.text
    assert "Traceback" not in page.text and "psycopg" not in page.text
    assert search.status == 503
    assert api.status == 503
    assert api.headers["retry-after"].isdigit()
    assert api.headers["content-type"] == "application/json"
    assert "even niet beschikbaar" in api.text

    since = len(site.answers())
    assert set(busy(site)) == {200}
    assert len(workers_answering(site, since, 200)) == 2
    assert 500 not in {status for _, status, _ in site.answers()}


def test_after_a_database_restart_no_worker_fails_on_its_old_connection(
    private_postgres, start_site
):
    """Each worker keeps its connection (CONN_MAX_AGE); a restart breaks them all. Without
    CONN_HEALTH_CHECKS every worker's first request after it failed."""
    site = start_site(site_environment(DATABASE_URL=private_postgres.url), workers=2)
    assert set(busy(site)) == {200}
    assert len(workers_answering(site, 0, 200)) == 2

    private_postgres.stop()
    private_postgres.start()

    since = len(site.answers())
    assert busy(site) == [200] * len(PATHS) * 4
    assert len(workers_answering(site, since, 200)) == 2
