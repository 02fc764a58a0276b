"""The open read API: Wagtail's API v2 (`/api/v2/`), its OpenAPI document (`/api/schema/`),
the page that explains it (`/api/`), CORS and the rate limit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from wagtail.models import PageViewRestriction

from initiatieven.models import (
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    Organisation,
    Province,
)
from initiatieven.models.collections import CollectionKind
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(index):
    utrecht = Province.objects.get(slug="utrecht")
    first = create_initiative(
        index,
        title="Studenten koken mee",
        province=utrecht,
        themes=["leren-en-werken"],
        keywords=["koken"],
        contact_name="Anna de Vries",
        contact_email="anna@example.org",
        contact_is_public=True,
    )
    first.organisations.set([Organisation.objects.create(name="Zorg West", place="Utrecht")])
    first.save_revision().publish()
    second = create_initiative(
        index,
        title="Geheim adres",
        themes=["ervaringsdeskundigheid"],
        contact_name="Bert",
        contact_email="bert-prive@example.org",
        contact_is_public=False,
    )
    draft = create_initiative(index, title="Nog een concept", publish=False)
    return first, second, draft


@pytest.fixture
def collection(index, pages):
    page = CollectionIndexPage.objects.get().add_child(
        instance=CollectionPage(title="Twee voorbeelden", slug="twee", intro="<p>Intro</p>")
    )
    page.items = [
        CollectionItem(initiative=pages[1], sort_order=0, note="Sterk begin"),
        CollectionItem(initiative=pages[0], sort_order=1),
        CollectionItem(initiative=pages[2], sort_order=2),  # a draft: never shown
    ]
    page.save_revision().publish()
    return page


def listing(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


class TestInitiatives:
    def test_lists_live_initiatives_with_vocabularies_as_slug_and_label(self, client, pages):
        data = listing(client, "/api/v2/initiatieven/")
        assert data["meta"]["total_count"] == 2
        item = next(i for i in data["items"] if i["title"] == "Studenten koken mee")
        assert item["province"] == {"slug": "utrecht", "label": "Utrecht"}
        assert item["themes"] == [{"slug": "leren-en-werken", "label": "Leren en werken verweven"}]
        assert item["meta"]["html_url"] == f"http://testserver{pages[0].url}"
        assert item["meta"]["detail_url"] == f"http://testserver/api/v2/initiatieven/{pages[0].pk}/"

    def test_detail_has_every_field_and_a_public_contact_only(self, client, pages):
        first = listing(client, f"/api/v2/initiatieven/{pages[0].pk}/")
        assert first["organisations"][0]["name"] == "Zorg West"
        assert first["keywords"] == ["koken"]
        assert first["contact"] == {
            "name": "Anna de Vries",
            "role": "",
            "email": "anna@example.org",
        }
        assert first["approach"].startswith("<p>")
        for field in ("summary", "sectors", "education_levels", "target_groups", "phase"):
            assert field in first
        second = client.get(f"/api/v2/initiatieven/{pages[1].pk}/")
        assert second.json()["contact"] is None
        assert b"bert-prive" not in second.content
        everything = client.get("/api/v2/initiatieven/", {"fields": "*"})
        assert b"bert-prive" not in everything.content
        assert client.get(f"/api/v2/initiatieven/{pages[2].pk}/").status_code == 404

    def test_private_addresses_cannot_be_guessed_by_filtering(self, client, pages):
        response = client.get("/api/v2/initiatieven/", {"contact_email": "bert-prive@example.org"})
        assert response.status_code == 400

    def test_filter_by_the_facets_of_search(self, client, pages):
        def titles(**params):
            return sorted(
                i["title"] for i in listing(client, "/api/v2/initiatieven/", **params)["items"]
            )

        assert titles(thema="leren-en-werken") == ["Studenten koken mee"]
        assert titles(thema="leren-en-werken,ervaringsdeskundigheid") == [
            "Geheim adres",
            "Studenten koken mee",
        ]
        assert titles(thema="ervaringsdeskundigheid", provincie="utrecht") == []
        assert titles(provincie="utrecht") == ["Studenten koken mee"]
        bad = client.get("/api/v2/initiatieven/", {"fase": "bestaat-niet"})
        assert bad.status_code == 400
        assert "bestaat-niet" in bad.json()["message"]

    def test_private_pages_stay_out(self, client, pages):
        PageViewRestriction.objects.create(
            page=pages[0], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        data = listing(client, "/api/v2/initiatieven/")
        assert [i["title"] for i in data["items"]] == ["Geheim adres"]
        assert client.get(f"/api/v2/initiatieven/{pages[0].pk}/").status_code == 404

    @pytest.mark.parametrize("count", [3, 15])
    def test_queries_do_not_grow_with_the_initiatives(self, client, index, count):
        for number in range(count):
            page = create_initiative(index, themes=["leren-en-werken"], keywords=[f"k{number}"])
            page.organisations.set([Organisation.objects.create(name=f"Organisatie {number}")])
            page.save_revision().publish()
        with CaptureQueriesContext(connection) as queries:
            data = listing(client, "/api/v2/initiatieven/", fields="*", limit=20)
        assert len(data["items"]) == count
        assert len(queries) <= 16, [q["sql"] for q in queries.captured_queries]


class TestCollections:
    def test_lists_collections_and_their_live_initiatives_in_order(self, client, collection, pages):
        data = listing(client, "/api/v2/collecties/")
        assert [i["title"] for i in data["items"]] == ["Twee voorbeelden"]
        detail = listing(client, f"/api/v2/collecties/{collection.pk}/")
        assert detail["kind"] == CollectionKind.HAND_PICKED
        assert [(i["title"], i["note"]) for i in detail["initiatives"]] == [
            ("Geheim adres", "Sterk begin"),
            ("Studenten koken mee", ""),
        ]
        assert detail["initiatives"][0]["detail_url"].endswith(
            f"/api/v2/initiatieven/{pages[1].pk}/"
        )

    def test_pages_endpoint_and_root(self, client, collection):
        types = {i["meta"]["type"] for i in listing(client, "/api/v2/pages/")["items"]}
        assert {"initiatieven.HomePage", "initiatieven.CollectionPage"} <= types
        root = listing(client, "/api/v2/")
        assert root["endpoints"]["initiatieven"] == "http://testserver/api/v2/initiatieven/"


class TestOpenAPI:
    def test_the_document_is_valid_openapi(self, client, index):
        response = client.get("/api/schema/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
        document = response.json()
        validate(document)
        assert {"/api/zoeken/", "/api/in-cijfers/", "/api/v2/initiatieven/"} <= set(
            document["paths"]
        )
        themes = next(
            p
            for p in document["paths"]["/api/zoeken/"]["get"]["parameters"]
            if p["name"] == "thema"
        )
        assert "leren-en-werken" in themes["schema"]["items"]["enum"]

    def test_answers_match_the_document(self, client, collection, pages):
        document = client.get("/api/schema/").json()
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        registry = Registry().with_resource("urn:api", resource)

        def check(url: str, schema: str, **params):
            data = listing(client, url, **params)
            validator = Draft202012Validator(
                {"$ref": f"urn:api#/components/schemas/{schema}"}, registry=registry
            )
            errors = [error.message for error in validator.iter_errors(data)]
            assert not errors, (url, errors)

        check("/api/zoeken/", "SearchResponse", q="koken", thema="leren-en-werken")
        # The help with a search left without the word that finds nothing.
        check("/api/zoeken/", "SearchResponse", q="xyzzyq koken")
        assert listing(client, "/api/zoeken/", q="xyzzyq koken")["help"]["unmatched_words"] == [
            "xyzzyq"
        ]
        check("/api/in-cijfers/", "Overview", provincie="utrecht")
        check(f"/api/v2/initiatieven/{pages[0].pk}/", "Initiative")
        check(f"/api/v2/collecties/{collection.pk}/", "Collection")
        # A listing, through the schema of the path's own 200 answer.
        pointer = "/paths/~1api~1v2~1initiatieven~1/get/responses/200/content/application~1json"
        data = listing(client, "/api/v2/initiatieven/", fields="*")
        validator = Draft202012Validator({"$ref": f"urn:api#{pointer}/schema"}, registry=registry)
        assert not [error.message for error in validator.iter_errors(data)]

    def test_the_page_explains_with_examples_on_this_site(self, client, index):
        content = client.get("/api/").content.decode()
        assert 'curl "http://testserver/api/zoeken/?q=dementie' in content
        assert "/api/schema/" in content
        assert "429" in content


class TestAccess:
    def test_cors_is_open_for_reading(self, client, pages):
        response = client.get("/api/v2/initiatieven/", HTTP_ORIGIN="https://gemeente.example")
        assert response["Access-Control-Allow-Origin"] == "*"
        preflight = client.options(
            "/api/zoeken/",
            HTTP_ORIGIN="https://gemeente.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )
        assert preflight.status_code == 200
        assert "GET" in preflight["Access-Control-Allow-Methods"]
        assert "POST" not in preflight["Access-Control-Allow-Methods"]
        page = client.get("/zoeken/", HTTP_ORIGIN="https://gemeente.example")
        assert "Access-Control-Allow-Origin" not in page

    def test_nothing_can_be_written(self, client, pages):
        assert client.post("/api/v2/initiatieven/", {}).status_code == 405
        assert client.post("/api/zoeken/", {}).status_code == 405

    def test_one_rate_limit_per_client_for_all_of_the_api(self, client, pages, settings):
        settings.API_RATE_LIMIT = "3/minute"
        assert client.get("/api/zoeken/").status_code == 200
        assert client.get("/api/v2/initiatieven/").status_code == 200
        assert client.get("/api/in-cijfers/").status_code == 200
        for url in ("/api/zoeken/", "/api/v2/initiatieven/", "/api/in-cijfers/"):
            response = client.get(url)
            assert response.status_code == 429
            assert 1 <= int(response["Retry-After"]) <= 60
            assert "Te veel verzoeken" in response.json()["error"]
        # Another client still gets answers; a forged X-Forwarded-For changes nothing.
        other = client.get("/api/zoeken/", REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 200
        forged = client.get("/api/zoeken/", HTTP_X_FORWARDED_FOR="10.1.2.3")
        assert forged.status_code == 429

    def test_suggestions_have_an_allowance_of_their_own(self, client, pages, settings):
        settings.API_RATE_LIMIT = "2/minute"
        settings.SUGGESTIONS_RATE_LIMIT = "4/minute"
        # Typing with suggestions does not use up the search allowance, nor the other way round.
        for _typed in range(4):
            assert client.get("/api/zoeken/suggesties/", {"q": "zo"}).status_code == 200
        assert client.get("/api/zoeken/").status_code == 200
        assert client.get("/api/v2/initiatieven/").status_code == 200
        assert client.get("/api/zoeken/").status_code == 429
        response = client.get("/api/zoeken/suggesties/", {"q": "zorg"})
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        assert "Te veel verzoeken" in response.json()["error"]
        # Still per client.
        other = client.get("/api/zoeken/suggesties/", {"q": "zo"}, REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 200

    def test_the_documentation_states_both_allowances(self, client, settings):
        settings.API_RATE_LIMIT = "120/minute"
        settings.SUGGESTIONS_RATE_LIMIT = "600/minute"
        page = client.get("/api/").content.decode()
        assert "120 verzoeken per minuut" in page
        assert "600 verzoeken per minuut" in page
        assert "Suggesties tijdens het typen" in page
        schema = client.get("/api/schema/").json()
        suggestions = schema["paths"]["/api/zoeken/suggesties/"]["get"]["description"]
        assert "600 verzoeken per minuut" in suggestions


@pytest.mark.parametrize(
    "search", ['"zorg', " ", "zorg*", "(zorg", "NEAR(zorg wijk)", "zorg -", "^zorg", "a:b", "OR"]
)
@pytest.mark.parametrize("endpoint", ["/api/v2/pages/", "/api/v2/initiatieven/"])
def test_odd_searches_in_the_api_v2_are_no_server_error(client, index, endpoint, search):
    create_initiative(index, title="Zorg in de wijk")
    response = client.get(endpoint, {"search": search})
    assert response.status_code in (200, 400), response.content[:300]


def test_an_unknown_search_operator_is_a_400_with_a_message(client, index):
    response = client.get("/api/v2/pages/", {"search": "zorg", "search_operator": "xor"})
    assert response.status_code == 400
    assert "search_operator" in response.json()["message"]
