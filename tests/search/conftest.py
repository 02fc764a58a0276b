import os
import uuid

import pytest

from tests.factories import create_initiative

ENGINES = ["database", "elasticsearch"]


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


def services_required() -> bool:
    return os.environ.get("KENNISBANK_REQUIRE_SERVICES") == "1"


@pytest.fixture
def real_elasticsearch(settings):
    """A real Elasticsearch with an index prefix of this test's own, removed afterwards.

    Skipped when ELASTICSEARCH_URL is unset or does not answer; with
    KENNISBANK_REQUIRE_SERVICES=1 (CI) that is a failure instead."""
    from search.engines import es_index

    url = elasticsearch_url()
    if not url:
        if services_required():
            pytest.fail("ELASTICSEARCH_URL is not set but KENNISBANK_REQUIRE_SERVICES=1")
        pytest.skip("no Elasticsearch (set ELASTICSEARCH_URL)")
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = f"kbtest_{uuid.uuid4().hex[:10]}_"
    prefix = settings.SEARCH_INDEX_PREFIX
    try:
        es_index.client().cluster.health(timeout="5s")
    except es_index.ERRORS as error:
        if services_required():
            pytest.fail(f"Elasticsearch at {url} does not answer: {error}")
        pytest.skip(f"Elasticsearch at {url} does not answer")
    yield url
    settings.ELASTICSEARCH_URL = url
    es_index.client().indices.delete(index=f"{prefix}*")


@pytest.fixture(params=ENGINES)
def engine(request):
    """Each behavioural search test runs on every engine (see `real_elasticsearch`)."""
    if request.param == "elasticsearch":
        from search.engines import es_index

        request.getfixturevalue("real_elasticsearch")
        es_index.ensure_index()
    return request.param


def body(text: str) -> str:
    """`text` as the rich text of an initiative's section."""
    return f"<p>{text}</p>"


def api_caller(client, engine: str, url: str):
    """Calls the JSON API at `url` with parameters; asserts a 200 from the engine under test."""

    def call(**params):
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["engine"] == engine
        return data

    return call


@pytest.fixture
def search_api(client, engine):
    return api_caller(client, engine, "/api/zoeken/")


@pytest.fixture
def overview_api(client, engine):
    return api_caller(client, engine, "/api/in-cijfers/")


@pytest.fixture
def titles():
    def extract(data) -> list[str]:
        return [result["title"] for result in data["results"]]

    return extract


@pytest.fixture
def make(index, engine):
    def build(title, **fields):
        # No random (Faker) text in search tests: it could match a query by chance.
        fields = {"summary": "", "place": "", **fields}
        return create_initiative(index, title=title, **fields)

    return build
