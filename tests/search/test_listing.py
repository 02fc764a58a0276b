"""The filter panel on /zoeken/ and the listings that share it (all initiatives, a theme, a
province): what it shows, what the listings' filters find, and what an empty province says."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatieven.models import Province
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


def html_of(client, url: str, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def card_titles(html: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def collection(index):
    """Four initiatives over two themes and two provinces; none has an education level."""
    groningen = Province.objects.get(slug="groningen")
    return {
        "Alfa werkplaats": create_initiative(
            index, title="Alfa werkplaats", themes=["leren-en-werken"]
        ),
        "Bravo leerlijn": create_initiative(
            index, title="Bravo leerlijn", themes=["leren-en-werken"], province=groningen
        ),
        "Charlie wijkteam": create_initiative(
            index, title="Charlie wijkteam", themes=["competenties"], province=groningen
        ),
        "Delta netwerk": create_initiative(
            index, title="Delta netwerk", themes=["leren-en-werken", "competenties"]
        ),
    }


class TestFilterPanel:
    def test_groups_that_find_nothing_are_left_out(self, client, collection):
        html = html_of(client, "/zoeken/")
        assert 'id="facet-thema"' in html and 'id="facet-provincie"' in html
        assert 'id="facet-niveau"' not in html and "Onderwijsniveau" not in html
        assert 'id="facet-doelgroep"' not in html
        # A value that finds nothing is left out too, unless it is ticked.
        assert 'id="f-thema-ervaringsdeskundigheid"' not in html
        html = html_of(
            client, "/zoeken/", {"provincie": "groningen", "thema": "lerende-organisatie"}
        )
        assert 'id="f-thema-lerende-organisatie"' in html

    def test_sort_and_apply_come_before_the_groups_which_fold(self, client, collection):
        html = html_of(client, "/zoeken/")
        assert html.index('class="filters__apply"') < html.index('id="facet-thema"')
        assert html.index('id="search-sort"') < html.index('id="facet-thema"')
        assert '<details class="facet" id="facet-thema" open>' in html
        assert '<legend class="visually-hidden">Thema</legend>' in html
        # The whole panel folds behind a toggle, so on a phone the results come first.
        assert re.search(r'<details class="filters" id="filters" data-filters>\s*<summary', html)

    def test_the_toggle_says_how_many_filters_are_chosen(self, client, collection):
        html = html_of(client, "/zoeken/", {"thema": "competenties", "provincie": "groningen"})
        assert re.search(r"Filters<span[^>]*> \(2 gekozen\)</span></summary>", html)
        assert "(1 gekozen)" in html  # in each group's summary

    def test_the_search_page_keeps_a_chosen_page_size(self, client, collection):
        html = html_of(client, "/zoeken/", {"per_page": "2"})
        assert '<input type="hidden" name="per_page" value="2">' in html
        assert 'name="per_page"' not in html_of(client, "/zoeken/")


class TestListingFilters:
    def test_a_theme_page_filters_by_province_and_sorts(self, client, collection):
        url = "/themas/leren-en-werken/"
        assert sorted(card_titles(html_of(client, url))) == [
            "Alfa werkplaats",
            "Bravo leerlijn",
            "Delta netwerk",
        ]
        html = html_of(client, url, {"provincie": "groningen"})
        assert card_titles(html) == ["Bravo leerlijn"]
        assert 'action="/themas/leren-en-werken/"' in html
        assert 'id="facet-provincie"' in html and 'id="facet-thema"' not in html
        assert '<a href="?">Filter weghalen: Provincie: Groningen</a>' in html
        html = html_of(client, url, {"sort": "titel"})
        assert card_titles(html) == ["Alfa werkplaats", "Bravo leerlijn", "Delta netwerk"]

    def test_newest_first_unless_told_otherwise(self, client, collection):
        html = html_of(client, "/themas/leren-en-werken/")
        assert card_titles(html) == ["Delta netwerk", "Bravo leerlijn", "Alfa werkplaats"]
        assert '<option value="nieuw" selected>' in html
        assert 'value="relevantie"' not in html  # no search text, so no relevance

    def test_a_province_page_filters_by_theme_and_keeps_its_province(self, client, collection):
        url = "/provincies/groningen/"
        html = html_of(client, url, {"thema": "competenties"})
        assert card_titles(html) == ["Charlie wijkteam"]
        # The address cannot swap the page's own province for another.
        html = html_of(client, url, {"provincie": "zuid-holland"})
        assert sorted(card_titles(html)) == ["Bravo leerlijn", "Charlie wijkteam"]
        assert 'id="facet-provincie"' not in html

    def test_all_initiatives_take_every_filter(self, client, collection):
        html = html_of(client, "/initiatieven/", {"thema": "competenties", "sort": "titel"})
        assert card_titles(html) == ["Charlie wijkteam", "Delta netwerk"]
        assert 'id="facet-thema"' in html and 'id="facet-provincie"' in html

    def test_bad_values_are_ignored_with_a_notice(self, client, collection):
        html = html_of(client, "/provincies/groningen/", {"thema": "bestaat-niet", "page": "x"})
        assert 'class="notice"' in html and "bestaat-niet" in html
        assert len(card_titles(html)) == 2

    def test_the_refine_link_carries_the_selection_into_search(self, client, collection):
        html = html_of(client, "/themas/leren-en-werken/", {"provincie": "groningen"})
        link = re.search(r'class="listing__refine"><a href="([^"]+)"', html).group(1)
        assert link.startswith("/zoeken/?")
        assert "provincie=groningen" in link and "thema=leren-en-werken" in link
        assert "Bravo leerlijn" in html_of(client, link.replace("&amp;", "&"))

    def test_filters_that_find_nothing_say_so_without_the_invitation(self, client, collection):
        html = html_of(client, "/provincies/groningen/", {"thema": "ervaringsdeskundigheid"})
        assert "Geen initiatieven met deze filters." in html
        assert "Nog geen initiatieven" not in html


class TestEmptyPages:
    def test_an_empty_province_invites_the_first_initiative(self, client, collection):
        html = html_of(client, "/provincies/zeeland/")
        assert "Nog geen initiatieven in Zeeland" in html
        assert "Ken je een initiatief in Zeeland?" in html
        add = '<a class="button" href="/initiatief-toevoegen/">Voeg het eerste initiatief toe</a>'
        assert add in html
        assert "data-faceted" not in html  # no filters to offer over nothing

    def test_an_empty_theme_invites_too(self, client, collection):
        html = html_of(client, "/themas/ervaringsdeskundigheid/")
        assert "Nog geen initiatieven over Ervaringsdeskundigheid" in html

    def test_an_empty_index_says_so(self, client, index):
        assert "Hier zijn nog geen gepubliceerde initiatieven." in html_of(client, "/initiatieven/")


def _count(client, url: str, params: dict) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/initiatieven/", {"thema": "competenties", "sort": "titel"}),
        ("/themas/leren-en-werken/", {"provincie": "zuid-holland"}),
        ("/provincies/zuid-holland/", {"thema": "leren-en-werken", "fase": "lopend"}),
        ("/zoeken/", {"thema": "leren-en-werken", "provincie": "zuid-holland"}),
    ],
)
def test_filtered_listings_query_count_does_not_grow(client, index, url, params):
    for number in range(3):
        create_initiative(
            index, title=f"Klein {number}", themes=["leren-en-werken", "competenties"]
        )
    small = _count(client, url, params)
    for number in range(15):
        create_initiative(
            index,
            title=f"Groot {number}",
            themes=["leren-en-werken", "competenties"],
            keywords=[f"woord {number}"],
        )
    assert _count(client, url, params) == small
    assert small <= 30


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/initiatieven/", {"thema": "competenties", "fase": "afgerond"}),
        ("/themas/leren-en-werken/", {"provincie": "zeeland"}),
        ("/provincies/zuid-holland/", {"thema": "leren-en-werken", "fase": "afgerond"}),
    ],
)
def test_the_help_on_a_listing_filtered_to_nothing_costs_a_few_queries(
    client, index, url, params, django_assert_max_num_queries
):
    for number in range(3):
        create_initiative(index, title=f"Klein {number}", themes=["leren-en-werken"])
    small = _count(client, url, params)
    for number in range(15):
        create_initiative(index, title=f"Groot {number}", themes=["competenties"])
    client.get(url, params)  # the first request after a change reads the initiatives anew
    with django_assert_max_num_queries(small):
        html = html_of(client, url, params)
    assert 'class="search-help"' in html and "Toon alle" in html
    assert small <= 12
