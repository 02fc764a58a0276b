"""Issue 14: whatever arrives in the address of the search page, the listings and the downloads
(any parameter, repeated, of any length, with control characters, huge or negative numbers),
the answer is never a server error; a value the page cannot use is left out and named in a
Dutch notice on the page, and a download with one is a 400 that lists them."""

import html

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatieven.models import Province
from search import facets
from search.searching import parse
from tests.factories import create_initiative
from tests.search.conftest import engine, real_elasticsearch  # noqa: F401 (fixtures)

# Search answers the search page, the listings, feeds and downloads: every test on each engine.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("engine")]

NAMES = [
    "q",
    "thema",
    "provincie",
    "sector",
    "niveau",
    "doelgroep",
    "fase",
    "startjaar",
    "collectie",
    "sort",
    "page",
    "per_page",
    "p",
    "format",
]
# Real values next to near misses and hostile ones.
values = st.one_of(
    st.sampled_from(
        [
            "leren-en-werken",
            "utrecht",
            "utrecht,noord-holland",
            "2021",
            "onbekend",
            "nieuw",
            "relevantie",
            "1",
            "2",
            "0",
            "-1",
            "99999999999999999999999",
            "9" * 5000,
            "١٢",
            "²",
            "",
            " ",
            ",,,",
            "\x00",
            "zorg\x00",
            '"',
            "'; DROP TABLE",
            "\u202e",
            "%",
            "*",
        ]
    ),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=1000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
params = st.lists(st.tuples(st.sampled_from(NAMES), values), max_size=6)

HYPOTHESIS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def initiatives(index):
    """Three initiatives, indexed by the engine of the test (`engine` comes first)."""
    utrecht = Province.objects.get(slug="utrecht")
    for number in range(3):
        create_initiative(
            index,
            title=f"Studenten in de zorg {number}",
            province=utrecht,
            themes=["leren-en-werken"],
            start_year=2021,
        )


def query(pairs) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    return data


def problems(data: QueryDict) -> list[str]:
    return parse(data, terms=facets.facet_terms()).problems


@HYPOTHESIS
@given(pairs=params)
def test_the_search_page_never_fails_and_names_each_bad_value(client, initiatives, pairs):
    data = query(pairs)
    response = client.get("/zoeken/", data)
    assert response.status_code == 200, (pairs, response.status_code)
    page = html.unescape(response.content.decode())
    for problem in problems(data):
        assert problem in page, (pairs, problem)


@pytest.mark.parametrize(
    "url",
    [
        "/in-cijfers/",
        "/themas/leren-en-werken/",
        "/provincies/utrecht/",
        "/themas/",
        "/provincies/",
        "/initiatieven/",
        "/collecties/",
        "/zoeken/feed/",
        "/feeds/initiatieven/",
        "/",
    ],
)
@HYPOTHESIS
@given(pairs=params)
def test_listings_and_feeds_never_fail(client, initiatives, url, pairs):
    response = client.get(url, query(pairs))
    assert response.status_code < 500, (url, pairs, response.status_code)


@pytest.mark.parametrize("url", ["/zoeken/export.csv", "/zoeken/export.xlsx"])
@HYPOTHESIS
@given(pairs=params)
def test_a_download_never_fails_and_a_bad_value_is_a_400_that_says_which(
    client, initiatives, url, pairs
):
    data = query(pairs)
    response = client.get(url, data)
    expected = problems(data)
    if expected:
        assert response.status_code == 400, (pairs, response.status_code)
        assert response.json()["errors"] == expected
    else:
        assert response.status_code == 200, (pairs, response.status_code)


@pytest.mark.parametrize(
    "url", ["/zoeken/", "/themas/leren-en-werken/", "/initiatieven/", "/api/zoeken/"]
)
def test_a_collection_with_a_nul_character_is_unknown_not_a_500(client, initiatives, url):
    """Found by the fuzzing above on PostgreSQL, whose text cannot hold a NUL: the collection's
    name went to the database as it was (a 500)."""
    response = client.get(url, {"collectie": "zorg\x00"})
    assert response.status_code == (400 if url.startswith("/api/") else 200)
    assert "Onbekende collectie 'zorg\x00'." in html.unescape(response.content.decode()) or (
        response.json()["errors"] == ["Onbekende collectie 'zorg\x00'."]
    )
