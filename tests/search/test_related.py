"""'Vergelijkbare initiatieven': found by the search engine, from shared themes, target groups,
keywords and words, on every engine."""

import pytest

from search.engines import get_engine
from search.related import related_initiatives
from tests.search.conftest import body

pytestmark = pytest.mark.django_db


def titles(pages) -> list[str]:
    return [page.title for page in pages]


def test_shared_themes_and_target_groups_rank_first(make, engine):
    page = make(
        "Leren in de wijk",
        approach=body("Studenten werken mee."),
        themes=["leren-en-werken", "ervaringsdeskundigheid"],
        target_groups=["studenten"],
    )
    make(
        "Twee thema's en doelgroep",
        approach=body("Iets anders."),
        themes=["leren-en-werken", "ervaringsdeskundigheid"],
        target_groups=["studenten"],
    )
    make("Een thema", approach=body("Nog iets."), themes=["leren-en-werken"])
    make("Niets gedeeld", approach=body("Een kookclub."), themes=["competenties"])
    assert titles(related_initiatives(page)) == ["Twee thema's en doelgroep", "Een thema"]


def test_initiatives_about_the_same_thing_are_alike_without_a_shared_theme(make, engine):
    page = make(
        "Mensen met dementie als gastdocent",
        summary="Gastdocenten met dementie vertellen studenten over hun leven.",
        approach=body("In de klas."),
    )
    make(
        "Gastdocenten met dementie op het roc",
        summary="Een roc nodigt gastdocenten met dementie uit.",
        approach=body("Elke week."),
    )
    make("Kookclub", summary="Samen koken in het buurthuis.", approach=body("Elke week."))
    make("Moestuin", summary="Bewoners werken in de moestuin.", approach=body("Elke week."))
    assert titles(related_initiatives(page)) == ["Gastdocenten met dementie op het roc"]


def test_shared_keywords_make_initiatives_alike(make, engine):
    page = make("Een", approach=body("Een."), keywords=["leefstijlcoach"])
    make("Twee", approach=body("Twee."), keywords=["leefstijlcoach"])
    make("Drie", approach=body("Drie."), keywords=["vakantiewerk"])
    assert titles(related_initiatives(page)) == ["Twee"]


def test_only_other_live_initiatives_and_at_most_three(make, index, engine):
    page = make("Eigen", approach=body("x"), themes=["leren-en-werken"])
    for number in range(5):
        make(f"Ander {number}", approach=body("y"), themes=["leren-en-werken"])
    draft = make("Concept", approach=body("y"), themes=["leren-en-werken"], publish=False)
    found = related_initiatives(page)
    assert len(found) == 3
    assert page not in found and draft not in found
    assert get_engine().related(page.pk, limit=10) and page.pk not in get_engine().related(
        page.pk, limit=10
    )


def test_the_initiative_page_lists_them(make, client, engine):
    page = make("Eigen", approach=body("x"), themes=["leren-en-werken"])
    make("Verwant", approach=body("y"), themes=["leren-en-werken"])
    content = client.get(page.url).content.decode()
    assert "Vergelijkbare initiatieven" in content
    assert "Verwant" in content
