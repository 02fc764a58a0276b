"""No dead ends: a search that finds nothing or very little offers a way on, on every engine."""

import re

import pytest
from django.urls import reverse

from initiatieven.models import Province
from initiatieven.roles import CONTRIBUTOR_GROUP
from tests.factories import create_user
from tests.search.conftest import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def few(make):
    """Four initiatives: two on lived experience (in Utrecht and Fryslân), two others."""
    utrecht = Province.objects.get(slug="utrecht")
    make(
        "Gastdocenten in de klas",
        approach=body("Ervaringsdeskundigen geven les aan studenten."),
        themes=["ervaringsdeskundigheid"],
        province=utrecht,
    )
    make(
        "Herstelacademie",
        approach=body("Ervaringsdeskundigen en studenten leren samen."),
        themes=["ervaringsdeskundigheid", "leren-en-werken"],
        province=Province.objects.get(slug="friesland"),
    )
    make("Leerwerkplaats", approach=body("Leren en werken in de wijk."), themes=["leren-en-werken"])
    make("Kookclub", approach=body("Samen koken in het buurthuis."), province=utrecht)


def test_a_filtered_search_that_finds_nothing_offers_the_same_search_without_filters(
    few, search_api
):
    data = search_api(q="ervaringsdeskundigen", provincie="zeeland")
    assert data["total"] == 0
    without = data["help"]["without_filters"]
    assert without["total"] == 2
    assert without["url"] == "http://testserver/zoeken/?q=ervaringsdeskundigen"


def test_themes_named_by_the_words_or_their_synonyms_come_first(few, search_api):
    data = search_api(q="lived experience", provincie="zeeland")
    themes = data["help"]["themes"]
    assert themes[0] == {
        "label": "Ervaringsdeskundigheid",
        "url": "http://testserver" + reverse("theme_detail", args=["ervaringsdeskundigheid"]),
        "total": 2,
    }
    assert "Leren en werken verweven" in [theme["label"] for theme in themes]


def test_a_typo_that_finds_nothing_gets_a_correction_that_keeps_the_filters(few, search_api):
    data = search_api(q="ervaringsdekundign", provincie="utrecht")
    assert data["total"] == 0
    suggestion = data["help"]["suggestion"]
    assert suggestion["label"] == "ervaringsdeskundigen"
    assert suggestion["url"].endswith("/zoeken/?q=ervaringsdeskundigen&provincie=utrecht")
    assert data["suggestion"] == "ervaringsdeskundigen"


def test_words_that_find_nothing_anywhere_still_get_themes_and_an_invitation(few, search_api):
    data = search_api(q="ruimtevaart")
    assert data["total"] == 0
    assert data["help"]["without_filters"] is None
    # Nothing names a theme: the largest themes, each with its number of initiatives.
    assert [(theme["label"], theme["total"]) for theme in data["help"]["themes"]][:2] == [
        ("Ervaringsdeskundigheid", 2),
        ("Leren en werken verweven", 2),
    ]
    assert data["help"]["add_initiative_url"] == "http://testserver/initiatief-toevoegen/"


def test_enough_results_need_no_help(few, search_api):
    assert search_api(q="studenten")["total"] == 2
    assert search_api(q="studenten")["help"] is not None  # two is still "very little"
    assert search_api()["help"] is None


def test_the_search_page_shows_the_help(few, client, engine):
    response = client.get("/zoeken/", {"q": "ervaringsdeskundigen", "provincie": "zeeland"})
    content = response.content.decode()
    assert "Zoek “ervaringsdeskundigen” zonder filters: 2 initiatieven" in content
    assert 'href="/zoeken/?q=ervaringsdeskundigen"' in content
    assert 'href="/themas/ervaringsdeskundigheid/"' in content
    assert 'href="/initiatief-toevoegen/"' in content


def help_box(html: str) -> str:
    """The help's own HTML, or "" when the page has none."""
    match = re.search(r'<aside class="search-help".*?</aside>', html, re.DOTALL)
    return match.group(0) if match else ""


def page_html(client, url: str, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


class TestListingsWithoutWords:
    """A theme's, a province's and the index page, narrowed by filters until little is left."""

    def test_a_theme_page_narrowed_to_nothing_offers_itself_without_filters(
        self, few, client, engine
    ):
        html = page_html(client, "/themas/ervaringsdeskundigheid/", {"provincie": "zeeland"})
        box = help_box(html)
        assert "Geen initiatieven met deze filters." in box
        assert '<a href="/themas/ervaringsdeskundigheid/">Toon alle 2 initiatieven</a>' in box
        # Other themes to browse, with their numbers; not the theme whose page this is.
        assert 'href="/themas/leren-en-werken/">Leren en werken verweven (2)</a>' in box
        assert 'href="/themas/ervaringsdeskundigheid/">Ervaringsdeskundigheid' not in box
        assert 'href="/initiatief-toevoegen/">Voeg het toe aan de Kennisbank</a>' in box
        assert "Bedoelde je" not in box  # no words, nothing to correct

    def test_a_province_page_offers_its_own_themes_first(self, few, make, client, engine):
        groningen = Province.objects.get(slug="groningen")
        make("Wijkzorg leren", themes=["competenties"], province=groningen)
        html = page_html(client, "/provincies/groningen/", {"fase": "afgerond"})
        box = help_box(html)
        assert '<a href="/provincies/groningen/">Toon alle initiatieven (1)</a>' in box
        # The province's theme comes before the larger ones elsewhere.
        themes = re.findall(r'href="/themas/([^/]+)/">[^<]+ \((\d+)\)', box)
        assert themes == [
            ("competenties", "1"),
            ("ervaringsdeskundigheid", "2"),
            ("leren-en-werken", "2"),
        ]

    def test_all_initiatives_with_filters_and_no_words(self, few, client, engine):
        html = page_html(
            client, "/initiatieven/", {"thema": "ervaringsdeskundigheid", "provincie": "zeeland"}
        )
        box = help_box(html)
        assert '<a href="/initiatieven/">Toon alle 4 initiatieven</a>' in box
        assert "Bedoelde je" not in box

    def test_a_listing_with_one_or_two_left_shows_them_and_the_help_after(
        self, few, client, engine
    ):
        html = page_html(client, "/provincies/utrecht/", {"thema": "ervaringsdeskundigheid"})
        assert "Gastdocenten in de klas" in html
        box = help_box(html)
        assert "Op zoek naar meer?" in box
        assert '<a href="/provincies/utrecht/">Toon alle 2 initiatieven</a>' in box
        assert html.index("Gastdocenten in de klas") < html.index('class="search-help"')

    def test_a_listing_that_finds_enough_or_has_no_filters_needs_no_help(self, few, client, engine):
        assert help_box(page_html(client, "/initiatieven/")) == ""
        # Two, but nothing narrowed: the page is what the visitor asked for.
        assert help_box(page_html(client, "/provincies/utrecht/")) == ""

    def test_the_invitation_leads_a_visitor_to_log_in_and_a_contributor_to_the_form(
        self, few, client, engine, index
    ):
        html = page_html(client, "/themas/leren-en-werken/", {"provincie": "zeeland"})
        add = re.search(r'href="([^"]+)">Voeg het toe aan de Kennisbank', help_box(html)).group(1)
        response = client.get(add)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/?next=")
        client.force_login(create_user(groups=[CONTRIBUTOR_GROUP]))
        html = page_html(client, "/themas/leren-en-werken/", {"provincie": "zeeland"})
        assert f'href="{add}">Voeg het toe aan de Kennisbank' in help_box(html)
        response = client.get(add)
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk)
        )


class TestWordsThatFindNothing:
    """A search of several words that finds nothing because of some of them offers the same
    search, filters kept, without those words."""

    def test_the_api_offers_the_search_without_the_words_that_find_nothing(self, few, search_api):
        data = search_api(q="xyzzyq ervaringsdeskundigen", provincie="utrecht")
        assert data["total"] == 0
        assert data["help"]["without_unmatched_words"] == {
            "label": "ervaringsdeskundigen",
            "url": "http://testserver/zoeken/?q=ervaringsdeskundigen&provincie=utrecht",
            "total": 1,
        }
        assert data["help"]["unmatched_words"] == ["xyzzyq"]

    def test_only_when_it_finds_more(self, few, search_api):
        # Each word finds something: nothing to leave out.
        data = search_api(q="kookclub ervaringsdeskundigen")
        assert data["total"] == 0
        assert data["help"]["without_unmatched_words"] is None
        assert data["help"]["unmatched_words"] == []
        # Every word finds nothing: no search is left.
        data = search_api(q="xyzzyq plughx")
        assert data["help"]["without_unmatched_words"] is None

    def test_the_search_page_shows_it_with_its_count(self, few, client, engine):
        box = help_box(page_html(client, "/zoeken/", {"q": "xyzzyq studenten"}))
        assert "Niets gevonden met “xyzzyq”." in box
        assert '<a href="/zoeken/?q=studenten">Zoek op “studenten”: 2 initiatieven</a>' in box
        assert "Probeer minder of algemenere woorden" not in box

    def test_at_most_five_words_are_counted_one_by_one(self, few, search_api, monkeypatch):
        from search.engines.database import DatabaseEngine
        from search.engines.elasticsearch import ElasticsearchEngine

        counted: list[str] = []
        for engine_class in (DatabaseEngine, ElasticsearchEngine):
            real = engine_class.overview

            def spy(self, query, *args, real=real, **kwargs):
                counted.append(query.text)
                return real(self, query, *args, **kwargs)

            monkeypatch.setattr(engine_class, "overview", spy)
        words = "xyzzyq plughx frobzq quuxv studenten ervaringsdeskundigen leren"
        data = search_api(q=words)
        assert data["total"] == 0
        assert data["help"]["without_unmatched_words"]["label"] == (
            "studenten ervaringsdeskundigen leren"
        )
        assert data["help"]["without_unmatched_words"]["total"] == 1
        first_five = words.split()[:5]
        assert [text for text in counted if " " not in text and text] == first_five
        assert counted.count("studenten ervaringsdeskundigen leren") == 1
