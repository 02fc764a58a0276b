"""Suggestions while typing, `/api/zoeken/suggesties/`: the same answers on every engine."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.models import PageViewRestriction

from initiatieven.models import Organisation, Province, Theme
from search.engines.database import DatabaseEngine
from search.interface import MAX_SUGGEST_LENGTH
from tests.factories import create_initiative
from tests.fault_servers import closed_port
from tests.search.conftest import api_caller

pytestmark = pytest.mark.django_db

URL = "/api/zoeken/suggesties/"


@pytest.fixture
def suggest(client, engine):
    """(kind, label) of each suggestion for `q`, in order, from the engine under test."""
    call = api_caller(client, engine, URL)

    def ask(q: str) -> list[tuple[str, str]]:
        return [(item["kind"], item["label"]) for item in call(q=q)["suggestions"]]

    return ask


@pytest.fixture
def suggest_json(client, engine):
    return api_caller(client, engine, URL)


def initiatives(found: list[tuple[str, str]]) -> list[str]:
    return [label for kind, label in found if kind == "initiatief"]


def test_a_typed_word_finds_titles_with_a_word_starting_with_it(make, suggest):
    make("Mensen met dementie in de klas")
    make("Dementievriendelijke wijk")
    make("Ademhaling en academie")  # "dem" inside a word is no match
    expected = ["Dementievriendelijke wijk", "Mensen met dementie in de klas"]
    assert initiatives(suggest("dem")) == expected  # the title starting with it first
    assert initiatives(suggest("DEM")) == expected
    assert initiatives(suggest("dém")) == expected
    assert initiatives(suggest("mensen dem")) == ["Mensen met dementie in de klas"]
    assert initiatives(suggest("klas mens")) == ["Mensen met dementie in de klas"]
    assert suggest("demx") == []


def test_accents_and_names_written_together(make, suggest):
    make("Zorgcoöperatie in de wijk")
    make("Stages bij mboRijnland")
    assert initiatives(suggest("zorgcoop")) == ["Zorgcoöperatie in de wijk"]
    assert initiatives(suggest("zorgcoöp")) == ["Zorgcoöperatie in de wijk"]
    assert initiatives(suggest("rijn")) == ["Stages bij mboRijnland"]
    assert initiatives(suggest("mbo rijn")) == ["Stages bij mboRijnland"]
    assert initiatives(suggest("mborijn")) == ["Stages bij mboRijnland"]


def test_provinces_by_either_name(make, suggest, suggest_json):
    friesland = Province.objects.get(slug="friesland")
    make("Samen leren in Friesland", province=friesland)
    assert suggest("frysl") == [("provincie", "Fryslân")]
    assert suggest("Fryslân") == [("provincie", "Fryslân")]
    assert suggest("fries") == [
        ("provincie", "Fryslân"),
        ("initiatief", "Samen leren in Friesland"),
    ]
    [province] = suggest_json(q="frysl")["suggestions"]
    assert province["url"] == "http://testserver/provincies/friesland/"


def test_only_themes_and_provinces_that_live_initiatives_use(make, suggest, suggest_json):
    make("Een voorbeeld", themes=["leren-en-werken"])
    make("Nog een concept", themes=["competenties"], publish=False)
    assert Theme.objects.get(slug="competenties").label.startswith("Competenties")
    assert suggest("leren en") == [("thema", "Leren en werken verweven")]
    assert suggest("competenties") == []  # only a draft has it
    assert suggest("limburg") == []  # no live initiative there
    [theme] = suggest_json(q="verweven")["suggestions"]
    assert theme == {
        "kind": "thema",
        "label": "Leren en werken verweven",
        "url": "http://testserver/themas/leren-en-werken/",
    }


def test_a_renamed_theme_is_suggested_by_its_new_name(make, suggest):
    make("Een voorbeeld", themes=["leren-en-werken"])
    assert suggest("verweven") == [("thema", "Leren en werken verweven")]
    Theme.objects.filter(slug="leren-en-werken").update(label="Werkend leren")
    assert suggest("werkend") == [("thema", "Werkend leren")]
    assert suggest("verweven") == []


def test_only_published_organisations_of_live_initiatives(client, make, suggest, suggest_json):
    live = make("Een voorbeeld")
    draft = make("Een concept", publish=False)
    named = Organisation.objects.create(name="Zorggroep Noorderlicht", place="Assen")
    unpublished = Organisation.objects.create(name="Zorggroep Noordpool", live=False)
    by_a_draft = Organisation.objects.create(name="Zorggroep Noordzee")
    Organisation.objects.create(name="Zorggroep Noordoost")  # named by nobody
    live.organisations.set([named, unpublished])
    live.save_revision().publish()
    draft.organisations.set([by_a_draft])
    draft.save_revision()
    assert suggest("zorggroep noord") == [("organisatie", "Zorggroep Noorderlicht")]
    [organisation] = suggest_json(q="noorderl")["suggestions"]
    assert organisation["url"] == "http://testserver/zoeken/?q=Zorggroep+Noorderlicht"
    # The search it leads to finds the initiative that names it.
    found = client.get("/api/zoeken/", {"q": "Zorggroep Noorderlicht"}).json()
    assert [result["title"] for result in found["results"]] == ["Een voorbeeld"]


def test_drafts_and_private_initiatives_are_not_suggested(index, make, suggest, suggest_json):
    public = make("Stage in de wijk")
    make("Stage als concept", publish=False)
    private = make("Stage achter een wachtwoord")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    private.save_revision().publish()  # indexes it again: now private
    assert initiatives(suggest("stage")) == ["Stage in de wijk"]
    [item] = suggest_json(q="stage")["suggestions"]
    assert item["url"] == f"http://testserver{public.url}"


def test_a_newly_published_initiative_is_suggested_at_once(make, suggest):
    make("Leerwerkplaats in het verpleeghuis")
    assert initiatives(suggest("leerwerk")) == ["Leerwerkplaats in het verpleeghuis"]
    second = make("Leerwerkbedrijf in de wijk")
    assert initiatives(suggest("leerwerk")) == [
        "Leerwerkbedrijf in de wijk",
        "Leerwerkplaats in het verpleeghuis",
    ]
    second.unpublish()
    assert initiatives(suggest("leerwerk")) == ["Leerwerkplaats in het verpleeghuis"]


def test_a_bounded_number_of_each_kind(make, suggest):
    for number in range(1, 8):
        make(f"Wijkstage {number}", themes=["leren-en-werken", "competenties"])
    for name in ("Wijkteam Noord", "Wijkteam Oost", "Wijkteam West", "Wijkteam Zuid"):
        page = make(f"Voorbeeld van {name}")
        page.organisations.set([Organisation.objects.create(name=name)])
        page.save_revision().publish()
    found = suggest("wijk")
    assert [label for kind, label in found if kind == "organisatie"] == [
        "Wijkteam Noord",
        "Wijkteam Oost",
        "Wijkteam West",
    ]
    assert initiatives(found) == [f"Wijkstage {number}" for number in range(1, 6)]
    assert [kind for kind, _label in found] == ["organisatie"] * 3 + ["initiatief"] * 5


@pytest.mark.parametrize("q", ["", " ", "a", "é", "-", "%%", "a -"])
def test_nothing_is_suggested_before_two_letters(make, suggest, q):
    make("Aan de slag")
    assert suggest(q) == []


def test_engines_give_the_same_answers(make, suggest, engine):
    friesland = Province.objects.get(slug="friesland")
    for title, fields in [
        ("Mensen met dementie in de klas", {"themes": ["leren-en-werken"]}),
        ("Dementie: de klas in", {"province": friesland}),
        ("De klas in met dementie", {}),
        ("Studenten in de wijk", {"themes": ["competenties"]}),
        ("studenten en docenten", {}),
        ("Stages bij mboRijnland", {"province": friesland}),
        ("Zorgcoöperatie De Linde", {}),
    ]:
        make(title, **fields)
    database = DatabaseEngine()
    for q in ["de", "de kl", "dem", "stu", "s", "kl de", "rijn", "fries", "linde zorg", "in"]:
        expected = [(item.kind, item.label) for item in database.suggestions(q).items]
        assert suggest(q) == expected, q


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("z" * (MAX_SUGGEST_LENGTH + 1), "hoogstens 100 tekens"),
        ("zorg\x00", "stuurtekens"),
        ("zorg\x1b[0m", "stuurtekens"),
    ],
)
def test_bad_input_is_a_clear_400(client, index, q, message):
    response = client.get(URL, {"q": q})
    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "Ongeldige zoekparameters."
    assert any(message in error for error in data["errors"]), data


def test_the_longest_text_allowed_is_answered(make, suggest):
    make("Zorg")
    assert suggest("zorg " * (MAX_SUGGEST_LENGTH // 5)) == [("initiatief", "Zorg")]


def test_only_get(client, index):
    assert client.post(URL, {"q": "zorg"}).status_code == 405


def test_the_database_engine_asks_a_fixed_number_of_queries(make, suggest):
    """Titles, themes, provinces and organisations come from memory once read; the database
    is asked whether anything changed, for the labels and for the addresses of the titles."""
    for number in range(3):
        page = make(f"Wijkverpleging {number}", themes=["leren-en-werken"])
        page.organisations.set([Organisation.objects.create(name=f"Wijkzorg {number}")])
        page.save_revision().publish()
    suggest("wijk")
    with CaptureQueriesContext(connection) as few:
        suggest("wijk")
    for number in range(3, 9):
        make(f"Wijkverpleging {number}")
    suggest("wijk")
    with CaptureQueriesContext(connection) as more:
        assert len(initiatives(suggest("wijk"))) == 5
    assert len(more) == len(few)


def test_suggestions_fall_back_to_the_database(client, index, settings, caplog):
    create_initiative(index, title="Gevonden via de database", summary="")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    with caplog.at_level(logging.WARNING, logger="search.engines"):
        data = client.get(URL, {"q": "gevon"}).json()
    assert data["engine"] == "database"
    assert [item["label"] for item in data["suggestions"]] == ["Gevonden via de database"]
    assert "Elasticsearch unavailable" in caplog.text


def test_documented_in_the_openapi_schema(make, client, engine):
    make("Mensen met dementie in de klas", themes=["leren-en-werken"])
    document = client.get("/api/schema/").json()
    operation = document["paths"]["/api/zoeken/suggesties/"]["get"]
    assert [parameter["name"] for parameter in operation["parameters"]] == ["q"]
    assert {"200", "400", "429"} <= set(operation["responses"])
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:api", resource)
    validator = Draft202012Validator(
        {"$ref": "urn:api#/components/schemas/Suggestions"}, registry=registry
    )
    for q in ["dem", "leren", "x"]:
        data = client.get(URL, {"q": q}).json()
        assert not [error.message for error in validator.iter_errors(data)], q
    error = client.get(URL, {"q": "\x00"}).json()
    assert not list(
        Draft202012Validator(
            {"$ref": "urn:api#/components/schemas/Error"}, registry=registry
        ).iter_errors(error)
    )
