import os

import pytest

from tests.factories import create_initiative

ENGINES = ["database"]


@pytest.fixture(params=ENGINES)
def engine(request, settings):
    """Each behavioural search test runs on every engine; an engine whose service is absent is
    skipped, unless KENNISBANK_REQUIRE_SERVICES=1 (CI), where that is a failure."""
    name = request.param
    if name == "elasticsearch" and not os.environ.get("ELASTICSEARCH_URL"):
        if os.environ.get("KENNISBANK_REQUIRE_SERVICES") == "1":
            pytest.fail("ELASTICSEARCH_URL is not set but KENNISBANK_REQUIRE_SERVICES=1")
        pytest.skip("no Elasticsearch (set ELASTICSEARCH_URL)")
    return name


@pytest.fixture
def search_api(client, engine):
    def call(**params):
        response = client.get("/api/zoeken/", params)
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["engine"] == engine
        return data

    return call


@pytest.fixture
def titles():
    def extract(data) -> list[str]:
        return [result["title"] for result in data["results"]]

    return extract


@pytest.fixture
def make(index):
    def build(title, **fields):
        return create_initiative(index, title=title, **fields)

    return build
