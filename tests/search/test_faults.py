"""Elasticsearch down or too slow: search answers from the database, says so, logs it, and
changes made meanwhile reach the index once it is back."""

import logging
import socket
import threading

import pytest
from django.core.management import call_command

from search.engines import es_index
from search.models import PendingIndexUpdate
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers: a hung Elasticsearch."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.parametrize("fault", ["down", "slow"])
def test_search_falls_back_to_the_database(client, index, settings, caplog, silent_server, fault):
    create_initiative(index, title="Gevonden via de database")
    settings.ELASTICSEARCH_URL = (
        f"http://127.0.0.1:{_closed_port()}" if fault == "down" else silent_server
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
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    page = create_initiative(index, title="Gepubliceerd tijdens storing")
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()


def test_queued_changes_reach_elasticsearch_when_it_is_back(
    client, index, settings, real_elasticsearch
):
    url = real_elasticsearch
    down = f"http://127.0.0.1:{_closed_port()}"
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
