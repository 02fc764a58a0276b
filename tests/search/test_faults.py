"""Elasticsearch down or too slow: search answers from the database, says so, logs it, and
changes made meanwhile reach the index once it is back."""

import logging
import time

import pytest
from django.core.management import call_command

from search.engines import es_index
from search.models import PendingIndexUpdate
from tests.factories import create_initiative
from tests.fault_servers import FaultyProxy, closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_elasticsearch():
    """A port that accepts connections and never answers: a hung Elasticsearch."""
    server = FaultyProxy(mode="hang")
    yield server
    server.close()


def timed_search(client, path: str = "/api/zoeken/"):
    started = time.monotonic()
    response = client.get(path, {"q": "gevonden"})
    return response, time.monotonic() - started


@pytest.mark.parametrize("fault", ["down", "slow"])
def test_search_falls_back_to_the_database(
    client, index, settings, caplog, hung_elasticsearch, fault
):
    create_initiative(index, title="Gevonden via de database")
    settings.ELASTICSEARCH_URL = (
        f"http://127.0.0.1:{closed_port()}" if fault == "down" else hung_elasticsearch.url
    )
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    with caplog.at_level(logging.WARNING, logger="search.engines"):
        data = client.get("/api/zoeken/", {"q": "gevonden"}).json()
        page = client.get("/zoeken/", {"q": "gevonden"})
    assert data["engine"] == "database"
    assert [result["title"] for result in data["results"]] == ["Gevonden via de database"]
    assert page.status_code == 200
    assert "tijdelijk niet beschikbaar" in page.content.decode()
    assert "Elasticsearch unavailable" in caplog.text


def test_changes_while_down_are_queued(index, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    page = create_initiative(index, title="Gepubliceerd tijdens storing")
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()


def test_queued_changes_reach_elasticsearch_when_it_is_back(
    client, index, settings, real_elasticsearch
):
    url = real_elasticsearch
    down = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.ELASTICSEARCH_URL = down
    published = create_initiative(index, title="Tijdens de storing gepubliceerd")
    removed = create_initiative(index, title="Tijdens de storing verwijderd")
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = url, 5
    es_index.ensure_index()
    es_index.index_page(removed)  # an old document that must go
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = down, 0.5
    removed.unpublish()
    assert PendingIndexUpdate.objects.count() == 2

    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_TIMEOUT = 5
    call_command("search_index", "update", stdout=None)
    assert not PendingIndexUpdate.objects.exists()
    data = client.get("/api/zoeken/", {"q": "storing"}).json()
    assert data["engine"] == "elasticsearch"
    assert [result["title"] for result in data["results"]] == [published.title]


def test_rebuild_switches_the_alias_and_status_reports_it(index, capsys, real_elasticsearch):
    create_initiative(index, title="Eerste")
    create_initiative(index, title="Tweede")
    first = es_index.status()["index"]
    call_command("search_index", "rebuild")
    second = es_index.status()
    assert second["index"] != first and second["documents"] == 2
    assert second["mapping_version"] == es_index.MAPPING_VERSION
    assert not es_index.client().indices.exists(index=first)
    call_command("search_index", "status")
    assert "Search index up to date." in capsys.readouterr().out


def test_an_index_with_an_old_mapping_is_not_searched(client, index, caplog, real_elasticsearch):
    create_initiative(index, title="Gevonden via de database")
    old = f"{es_index.alias_name()}-old"
    es_index.client().indices.create(
        index=old, mappings={"_meta": {"mapping_version": es_index.MAPPING_VERSION - 1}}
    )
    es_index.delete_indexes(es_index.switch_alias(old))
    with caplog.at_level(logging.WARNING, logger="search.engines"):
        data = client.get("/api/zoeken/", {"q": "gevonden"}).json()
    assert data["engine"] == "database"
    assert [result["title"] for result in data["results"]] == ["Gevonden via de database"]
    assert "run `search_index rebuild`" in caplog.text

    call_command("search_index", "rebuild")
    data = client.get("/api/zoeken/", {"q": "gevonden"}).json()
    assert data["engine"] == "elasticsearch"
    assert data["total"] == 1


def test_after_a_failure_search_stops_asking_elasticsearch_for_a_while(
    client, index, settings, hung_elasticsearch
):
    """Circuit breaker: only the first search waits for a hung Elasticsearch; the others answer
    from the database at once, with the same notice, and so do changes (queued). After
    ELASTICSEARCH_RETRY_SECONDS one request asks again."""
    create_initiative(index, title="Gevonden via de database")
    timed_search(client)  # the database search's first use in this process costs extra
    settings.ELASTICSEARCH_URL = hung_elasticsearch.url
    # The others must stay below it; the connections counted are the proof, the time a check.
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    # Long enough that a busy CI machine's slow database searches never reach it by accident.
    settings.ELASTICSEARCH_RETRY_SECONDS = 6

    took = []
    for _ in range(6):
        response, seconds = timed_search(client)
        assert response.json()["engine"] == "database"
        took.append(seconds)
    assert took[0] >= 1.0
    # None of the others waits for Elasticsearch (the timeout); only one connection was made.
    assert max(took[1:]) < 1.0, took
    assert hung_elasticsearch.accepted == 1
    page, seconds = timed_search(client, "/zoeken/")
    assert "tijdelijk niet beschikbaar" in page.content.decode()
    assert seconds < 1.0
    queued = create_initiative(index, title="Gepubliceerd terwijl niemand het vraagt")
    assert PendingIndexUpdate.objects.filter(page_id=queued.pk).exists()
    assert hung_elasticsearch.accepted == 1

    time.sleep(6)
    response, seconds = timed_search(client)
    assert response.json()["engine"] == "database"
    assert seconds >= 1.0  # it tried once more
    assert hung_elasticsearch.accepted == 2
    response, seconds = timed_search(client)
    assert seconds < 1.0
    assert hung_elasticsearch.accepted == 2


def test_search_uses_elasticsearch_again_once_it_answers(
    client, index, settings, real_elasticsearch
):
    create_initiative(index, title="Gevonden via Elasticsearch")
    proxy = FaultyProxy(real_elasticsearch, mode="hang")
    try:
        settings.ELASTICSEARCH_URL = proxy.url
        settings.ELASTICSEARCH_TIMEOUT = 0.5
        settings.ELASTICSEARCH_RETRY_SECONDS = 1
        assert timed_search(client)[0].json()["engine"] == "database"
        proxy.mode = "forward"
        assert timed_search(client)[0].json()["engine"] == "database"  # not asked yet
        time.sleep(1)
        data = timed_search(client)[0].json()
        assert data["engine"] == "elasticsearch"
        assert [result["title"] for result in data["results"]] == ["Gevonden via Elasticsearch"]
    finally:
        proxy.close()
