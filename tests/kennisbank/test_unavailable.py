"""The page a visitor gets while the database is down (kennisbank/unavailable.py): rendered
without the database, in Dutch, and looking like the site (its stylesheet is a static file)."""

import json

from django.db import OperationalError

from kennisbank.unavailable import unavailable_response


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
