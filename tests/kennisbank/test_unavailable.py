"""The page a visitor gets while the database is down (kennisbank/unavailable.py): rendered
without the database, in Dutch, and looking like the site (its stylesheet is a static file)."""

import json

import pytest
from django.db import DatabaseError, OperationalError, connection

from kennisbank.unavailable import DatabaseUnavailableMiddleware, unavailable_response


def test_the_page_for_a_database_that_is_down_needs_no_database(rf):
    # No django_db mark: any query would fail this test.
    response = unavailable_response(rf.get("/zoeken/?q=zorg"), OperationalError("refused"))

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert '<html lang="nl">' in html
    assert "<h1>De Kennisbank is even niet beschikbaar</h1>" in html
    assert 'rel="stylesheet" href="/static/css/site.' in html
    assert '<a class="site-logo" href="/">' in html


def test_the_api_gets_json_while_the_database_is_down(rf):
    response = unavailable_response(rf.get("/api/zoeken/"), OperationalError("refused"))

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "even niet beschikbaar" in json.loads(response.content)["detail"]


@pytest.mark.django_db
def test_a_mistake_in_the_code_is_no_503(rf):
    # A table a deploy forgot to make is a 500 that reaches the administrators, not a page
    # that asks visitors to come back later (SQLite calls both OperationalError).
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM kennisbank_no_such_table")
    except DatabaseError as error:
        mistake = error
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(rf.get("/"), mistake) is None


def test_the_503_is_logged_with_its_traceback(rf, caplog):
    try:
        raise OperationalError("connection refused")
    except OperationalError as error:
        unavailable_response(rf.get("/zoeken/"), error)
    record = next(r for r in caplog.records if r.name == "kennisbank.unavailable")
    assert record.exc_info and record.exc_info[1].args == ("connection refused",)
