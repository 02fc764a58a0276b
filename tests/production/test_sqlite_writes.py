"""SQLite, the embedded default, with several gunicorn workers writing at once and one long
write holding the file (an import's transaction): readers never wait, writers wait at most the
busy timeout and then get the 503 page, never a 500, and the site writes again right after."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from tests.production.conftest import site_environment

pytestmark = pytest.mark.production

BUSY_TIMEOUT = 2  # seconds (SQLITE_BUSY_TIMEOUT); the default is 5
HOLD_SECONDS = 3 * BUSY_TIMEOUT + 2  # longer than any request's writes wait, together
READS = ["/", "/zoeken/?q=zorg", "/api/v2/pages/", "/robots.txt"]


@pytest.fixture
def sqlite_site(sqlite_site_database, start_site, tmp_path):
    database = tmp_path / "kennisbank.sqlite3"
    shutil.copy(sqlite_site_database, database)
    env = site_environment(DATABASE_URL=f"sqlite:///{database}")
    env["SQLITE_BUSY_TIMEOUT"] = str(BUSY_TIMEOUT)
    return start_site(env, workers=3), database


def failed_login(site, number: int):
    """A wrong password: the login lockout writes the attempt (a write by an anonymous
    visitor, as a sign-up or a contributor's save is)."""
    form = site.get("/account/inloggen/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    cookie = re.search(r"csrftoken=([^;]+)", form.headers["set-cookie"])[1]
    return site.request(
        "POST",
        "/account/inloggen/",
        body=urlencode(
            {"csrfmiddlewaretoken": token, "login": f"iemand{number}@example.org", "password": "x"}
        ),
        headers={
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )


def hold_write_lock(database, seconds: float, held: threading.Event) -> None:
    """Another process's long write transaction."""
    connection = sqlite3.connect(database, timeout=30, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        held.set()
        time.sleep(seconds)
        connection.execute("COMMIT")
    finally:
        connection.close()


def test_concurrent_writers_all_succeed(sqlite_site):
    site, _ = sqlite_site
    with ThreadPoolExecutor(12) as pool:
        writes = list(pool.map(lambda n: failed_login(site, n), range(12)))
    assert {answer.status for answer in writes} == {200}
    assert 500 not in {status for _, status, _ in site.answers()}


def test_a_long_write_neither_blocks_readers_nor_gives_writers_a_500(sqlite_site):
    site, database = sqlite_site
    with ThreadPoolExecutor(6) as pool:  # every worker loads what search needs once
        assert {answer.status for answer in pool.map(site.get, READS * 3)} == {200}
    held = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(database, HOLD_SECONDS, held))
    holder.start()
    try:
        assert held.wait(10)
        with ThreadPoolExecutor(8) as pool:
            write = pool.submit(failed_login, site, 1)
            reads = list(pool.map(site.get, READS * 2))
            written = write.result()
    finally:
        holder.join()

    assert [answer.status for answer in reads] == [200] * len(reads)
    # Readers never wait for the write lock: before WAL each waited the whole hold (8 s). The
    # bound leaves room for a busy CI machine without letting such a wait pass.
    assert max(answer.seconds for answer in reads) < HOLD_SECONDS / 2
    assert written.status == 503
    assert written.headers["retry-after"].isdigit()
    assert "even niet beschikbaar" in written.text
    assert written.seconds < HOLD_SECONDS
    assert failed_login(site, 2).status == 200
    assert 500 not in {status for _, status, _ in site.answers()}
