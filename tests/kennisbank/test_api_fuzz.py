"""Issue 14: schemathesis over the read API's own OpenAPI document (`/api/schema/`), called
in-process through the WSGI application: whatever the parameters (valid, out of range, of the
wrong type, unicode of every kind), never a server error, and every answer (200, 400, 404) has
the status, content type and body that the document promises."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from initiatieven.models import Organisation, Province
from tests.factories import create_initiative
from tests.search.conftest import real_elasticsearch  # noqa: F401 (a fixture)


@pytest.fixture
def search_engine(request):
    """The engine behind the search operations: the database, or Elasticsearch (indirect)."""
    name = getattr(request, "param", "database")
    if name == "elasticsearch":
        from search.engines import es_index

        request.getfixturevalue("real_elasticsearch")
        es_index.ensure_index()
    return name


@pytest.fixture
def api_schema(db, index, search_engine):
    utrecht = Province.objects.get(slug="utrecht")
    first = create_initiative(
        index, title="Studenten koken mee", province=utrecht, themes=["leren-en-werken"]
    )
    first.organisations.set([Organisation.objects.create(name="Zorg West", place="Utrecht")])
    first.save_revision().publish()
    create_initiative(index, title="Ervaringsdeskundigen in de wijk")
    # As Django's test client does: the requests share the test's connection and transaction,
    # which the end of each request would otherwise close.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# schemathesis' own pytest plugin (`from_fixture`, `parametrize`) reads a private attribute
# that pytest 9 no longer has; the same strategies and checks, driven by hypothesis directly.
PATHS = [
    "/api/zoeken/",
    "/api/zoeken/suggesties/",
    "/api/in-cijfers/",
    *(
        f"/api/v2/{name}/{tail}"
        for name in ("initiatieven", "collecties", "pages")
        for tail in ("", "{id}/")
    ),
]


def reaches_its_route(case) -> bool:
    """False for an id that every HTTP client resolves away before sending (RFC 3986: `.`,
    `..`, empty, or cut at `#` or `?`): `/api/v2/collecties/../` is sent as `/api/v2/`, another
    operation, whose answer rightly differs from a collection's."""
    return all(
        str(value) not in {"", ".", ".."} and not {"#", "?"} & set(str(value))
        for value in (case.path_parameters or {}).values()
    )


# The operations that search answers, on each engine; the others read the pages only.
SEARCHING = {"/api/zoeken/", "/api/zoeken/suggesties/", "/api/in-cijfers/"}
CASES = [(path, "database") for path in PATHS] + [
    (path, "elasticsearch") for path in PATHS if path in SEARCHING
]


def test_every_operation_of_the_document_is_fuzzed(api_schema):
    assert sorted(api_schema.raw_schema["paths"]) == sorted(PATHS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("path", "search_engine"), CASES, indirect=["search_engine"])
def test_api_never_fails_and_answers_as_documented(api_schema, path, search_engine, mode):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode).filter(reaches_its_route))
    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def call(case):
        # A value the document allows may still be refused with a clear 400 (a collection
        # that does not exist, an unknown field name): the document cannot list every one.
        # And the API is lenient where forms are: an empty value is no filter, and a long
        # search text is cut, not refused; so some values outside the document get a 200.
        case.call_and_validate(excluded_checks=[positive_data_acceptance, negative_data_rejection])

    call()


@pytest.mark.parametrize(
    "url", ["/api/v2/initiatieven/-3/", "/api/v2/bestaat-niet/", "/api/zoeken/extra/"]
)
def test_an_unknown_api_address_is_a_json_404_in_dutch(client, index, url):
    """Found by the fuzzing above: a negative id fell through to the site's HTML 404 page."""
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Dit adres bestaat niet in de API; zie /api/."}


def test_an_api_address_without_its_slash_still_redirects(client, index):
    assert client.get("/api/zoeken?q=zorg")["Location"] == "/api/zoeken/?q=zorg"
    assert client.get("/api/v2/initiatieven/-3")["Location"] == "/api/v2/initiatieven/-3/"


@pytest.mark.parametrize("name", ["initiatieven", "collecties", "pages"])
def test_an_offset_past_every_limit_is_a_400_not_a_500(client, index, name):
    """Found by the fuzzing above: Wagtail passed a 21-digit offset to the database (a 500)."""
    response = client.get(f"/api/v2/{name}/", {"offset": "115743311660806569984"})
    assert response.status_code == 400
    assert response.json() == {
        "message": "offset mag hoogstens 1.000.000.000 zijn; gekregen: 115743311660806569984."
    }
    assert client.get(f"/api/v2/{name}/", {"offset": "1000000000"}).status_code == 200
    # Other ways to write a whole number that Wagtail's int() accepts.
    for value in (
        "+115743311660806569984",
        "1_15743311660806569984",
        "１１５７４３３１１６６０８０６５６９９８４",
    ):
        assert client.get(f"/api/v2/{name}/", {"offset": value}).status_code == 400


@pytest.mark.parametrize("name", ["initiatieven", "collecties", "pages"])
def test_an_id_past_every_limit_is_a_404_not_a_500(client, index, name):
    """Found by the fuzzing above: a 24-digit id went to the database as it was (a 500)."""
    response = client.get(f"/api/v2/{name}/594719689520837541494784/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
