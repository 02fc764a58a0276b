"""No dead ends: a search that finds nothing or very little offers a way on, on every engine."""

import pytest
from django.urls import reverse

from initiatieven.models import Province
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
