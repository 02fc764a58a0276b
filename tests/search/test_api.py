import pytest

from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"thema": "bestaat-niet"}, "bestaat-niet"),
        ({"provincie": "brabant"}, "brabant"),
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "1000"}, "100"),
        ({"sort": "random"}, "random"),
        ({"page": "5"}, "5"),
    ],
)
def test_bad_parameters_give_a_clear_400(client, index, params, message):
    create_initiative(index)
    response = client.get("/api/zoeken/", params)
    assert response.status_code == 400
    data = response.json()
    assert any(message in error for error in data["errors"]), data


def test_the_page_ignores_bad_parameters_with_a_notice(client, index):
    create_initiative(index, title="Zichtbaar")
    response = client.get("/zoeken/", {"thema": "bestaat-niet", "page": "9"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "bestaat-niet" in html and 'class="notice"' in html
    assert "Zichtbaar" in html


def test_response_shape(client, index):
    create_initiative(index, title="Vorm", themes=["leren-en-werken"], start_year=2020)
    data = client.get("/api/zoeken/", {"q": "vorm", "per_page": "5"}).json()
    assert set(data) == {
        "query",
        "engine",
        "total",
        "page",
        "pages",
        "results",
        "facets",
        "suggestion",
        "help",  # issue 13: a search that finds little offers a way on
    }
    assert (
        data["query"] == "vorm" and data["total"] == 1 and data["page"] == 1 and data["pages"] == 1
    )
    [result] = data["results"]
    assert set(result) == {
        "title", "url", "summary", "highlight", "province", "themes", "sectors", "phase",
        "start_year", "last_published",
    }  # fmt: skip
    assert result["url"].startswith("http://testserver/initiatieven/")
    assert result["province"] == {"slug": "zuid-holland", "label": "Zuid-Holland"}
    assert result["themes"] == [{"slug": "leren-en-werken", "label": "Leren en werken verweven"}]
    assert result["start_year"] == 2020
    assert set(data["facets"]) == {"thema", "provincie", "sector", "niveau", "doelgroep", "fase"}
    assert {"value", "label", "count", "selected"} == set(data["facets"]["thema"][0])


def test_pagination(client, index):
    for number in range(7):
        create_initiative(index, title=f"Pagina-initiatief {number}")
    first = client.get("/api/zoeken/", {"per_page": "3"}).json()
    third = client.get("/api/zoeken/", {"per_page": "3", "page": "3"}).json()
    assert first["pages"] == 3 and len(first["results"]) == 3 and len(third["results"]) == 1


def test_the_page_links_pages_and_suggestions_with_their_parameters(client, index):
    for number in range(3):
        create_initiative(index, title=f"Dementie in de klas {number}")
    html = client.get("/zoeken/", {"q": "dementie", "per_page": "2"}).content.decode()
    assert 'href="?q=dementie&amp;per_page=2&amp;page=2"' in html
    html = client.get("/zoeken/", {"q": "demntiee"}).content.decode()
    assert 'href="?q=dementie"' in html


@pytest.mark.parametrize("url", ["/api/zoeken/", "/zoeken/"])
def test_query_count_does_not_grow_with_results(client, index, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(params) -> int:
        client.get(url, params)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    for number in range(3):
        create_initiative(index, title=f"Zorg in de wijk {number}", themes=["leren-en-werken"])
    small = [count({"q": "zorg"}), count({"thema": "leren-en-werken"})]
    for number in range(15):
        create_initiative(
            index,
            title=f"Zorg in de wijk extra {number}",
            themes=["leren-en-werken", "competenties"],
        )
    assert [count({"q": "zorg"}), count({"thema": "leren-en-werken"})] == small
    assert max(small) <= 30


@pytest.mark.parametrize("value", ["²", "¹", "①", "٣", "1" * 5000, "-1", "1.5", " "])
@pytest.mark.parametrize("name", ["page", "per_page"])
def test_odd_numbers_are_a_400_on_the_api_and_a_notice_on_the_page(client, index, name, value):
    create_initiative(index, title="Blijft zichtbaar")
    api = client.get("/api/zoeken/", {name: value})
    page = client.get("/zoeken/", {name: value})
    if value.strip():
        assert api.status_code == 400, api.content
        # A number too long to read is past the 10,000-result window.
        assert any(name in error or "10.000" in error for error in api.json()["errors"])
        assert page.status_code == 200 and 'class="notice"' in page.content.decode()
    else:
        assert api.status_code == 200
    assert "Blijft zichtbaar" in page.content.decode()


@pytest.mark.parametrize(
    ("page", "per_page", "last"), [("1001", "10", "1000"), ("101", "100", "100")]
)
def test_a_page_beyond_the_result_window_is_a_400_with_the_reason(
    client, index, caplog, engine, page, per_page, last
):
    """Past the first 10,000 results (Elasticsearch's window) both engines answer the same: a 400
    that says how far one may page, and the page shows the last allowed page with a notice; no
    engine error, no fallback."""
    create_initiative(index, title="Diep gezocht")
    with caplog.at_level("WARNING", logger="search.engines"):
        api = client.get("/api/zoeken/", {"page": page, "per_page": per_page})
        html = client.get("/zoeken/", {"page": page, "per_page": per_page}).content.decode()
    assert api.status_code == 400
    (error,) = [error for error in api.json()["errors"] if "10.000" in error]
    assert f"pagina {last}" in error and page in error
    assert f"pagina {last}" in html and "Diep gezocht" in html
    assert [record for record in caplog.records if record.name.startswith("search")] == []


def test_the_canonical_address_ignores_odd_page_numbers(client, index):
    create_initiative(index, title="Canoniek")
    response = client.get("/zoeken/", {"q": "canoniek", "page": "²"})
    assert response.status_code == 200
    assert 'rel="canonical"' in response.content.decode()
