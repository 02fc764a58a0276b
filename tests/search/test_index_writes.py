"""Every write reaches the index, whatever fails: queued in the transaction of the change,
sent in batches during an import, caught up as soon as Elasticsearch answers again, and the
search document built once per publish. Snippets cost the same for any length of body."""

import csv
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from initiatieven.limits import SECTION_HTML_LIMIT, SECTION_TEXT_LIMIT
from initiatieven.models import InitiativePage
from initiatieven.services.importing import import_initiatives
from search import documents, dutch
from search.engines import DatabaseEngine, ElasticsearchEngine, es_index, get_engine
from search.engines.es_sync import SEARCH_CATCH_UP_BATCH
from search.interface import SearchEngine
from search.models import IndexedWord, PendingIndexUpdate
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _closed_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def indexed_ids() -> set[int]:
    es_index.client().indices.refresh(index=es_index.alias_name())
    found = es_index.client().search(index=es_index.alias_name(), size=1000, _source=False)
    return {int(hit["_id"]) for hit in found["hits"]["hits"]}


def test_every_engine_fulfils_the_contract(engine):
    assert isinstance(get_engine(), SearchEngine)
    assert isinstance(DatabaseEngine(), SearchEngine)
    assert isinstance(ElasticsearchEngine(), SearchEngine)


@pytest.fixture
def built(monkeypatch):
    """Counts the search documents built (by `document_for` and `documents_for` alike)."""
    calls = []
    build = documents._document

    def counting(page, *args):
        calls.append(page.pk)
        return build(page, *args)

    monkeypatch.setattr(documents, "_document", counting)
    return calls


def test_a_publish_builds_the_search_document_once(index, engine, built, client):
    page = create_initiative(index, title="Eenmaal gebouwd", publish=False)
    revision = page.save_revision()
    built.clear()
    revision.publish()
    assert built == [page.pk]
    data = client.get("/api/zoeken/", {"q": "eenmaal gebouwd"}).json()
    assert data["engine"] == engine
    assert [result["title"] for result in data["results"]] == ["Eenmaal gebouwd"]


@pytest.fixture
def highlighted(monkeypatch):
    """The length of every text handed to the highlighter."""
    lengths = []
    mark = dutch.Highlighter.__call__

    def recording(self, text, **kwargs):
        lengths.append(len(text))
        return mark(self, text, **kwargs)

    monkeypatch.setattr(dutch.Highlighter, "__call__", recording)
    return lengths


def _longest_section(markup: bool) -> str:
    """A section as long as the model allows: its text, or its HTML with markup."""
    if markup:
        words = "<b>zorg</b> en <i>welzijn</i> in de wijk " * (SECTION_HTML_LIMIT // 40)
        return f"<p>{words}</p>"[: SECTION_HTML_LIMIT - 4] + "</p>"
    return (
        "<p>" + ("zorg en welzijn in de wijk " * SECTION_TEXT_LIMIT)[:SECTION_TEXT_LIMIT] + "</p>"
    )


@pytest.mark.parametrize("markup", [False, True], ids=["text", "markup"])
def test_snippets_read_a_bounded_window_of_a_long_body(index, engine, highlighted, client, markup):
    """Four sections as long as the model allows (10 MB it refuses): a search that lists the
    initiative hands the highlighter no more text than for a short one."""
    section = _longest_section(markup)
    create_initiative(
        index,
        title="Lang verhaal",
        summary="",
        background=section,
        approach=section,
        results=section,
        lessons=section,
    )
    data = client.get("/api/zoeken/", {"q": "welzijn"}).json()
    assert data["engine"] == engine
    assert [result["title"] for result in data["results"]] == ["Lang verhaal"]
    assert "<mark>welzijn</mark>" in data["results"][0]["highlight"]
    assert highlighted and max(highlighted) <= 5_000


def test_queued_changes_are_sent_by_the_first_search_elasticsearch_answers(
    client, index, settings, real_elasticsearch
):
    url = real_elasticsearch
    es_index.ensure_index()
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = _closed_url(), 0.5
    published = create_initiative(index, title="Tijdens de storing gepubliceerd")
    assert PendingIndexUpdate.objects.filter(page_id=published.pk).exists()

    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = url, 5
    data = client.get("/api/zoeken/", {"q": "iets anders"}).json()
    assert data["engine"] == "elasticsearch"
    assert not PendingIndexUpdate.objects.exists()
    data = client.get("/api/zoeken/", {"q": "storing"}).json()
    assert [result["title"] for result in data["results"]] == [published.title]


def test_an_import_sends_its_pages_in_one_bulk_request(
    index, real_elasticsearch, tmp_path, monkeypatch
):
    es_index.ensure_index()
    requests = []
    write = es_index.write

    def counting(documents, **kwargs):
        requests.append(len(documents))
        return write(documents, **kwargs)

    monkeypatch.setattr(es_index, "write", counting)
    sheet = write_sheet(tmp_path / "import.csv", 5)
    report = import_initiatives(path=sheet, publish=True)
    assert not report.errors
    assert requests == [5]
    assert len(indexed_ids()) == 5
    assert not PendingIndexUpdate.objects.exists()


def test_an_import_builds_each_search_document_once(index, engine, built, client, tmp_path):
    """Not on every save and publish of every row (16 times a row before): once per page, for
    every index, at the end of its chunk."""
    report = import_initiatives(path=write_sheet(tmp_path / "import.csv", 3), publish=True)
    assert not report.errors
    assert sorted(built) == sorted(InitiativePage.objects.values_list("pk", flat=True))
    data = client.get("/api/zoeken/", {"q": "initiatief", "sort": "titel"}).json()
    assert data["engine"] == engine
    assert sorted(result["title"] for result in data["results"]) == [
        "Initiatief 0",
        "Initiatief 1",
        "Initiatief 2",
    ]
    assert IndexedWord.objects.get(word="bewoners").frequency == 3


def test_drafts_of_an_import_are_in_the_editors_search(index, tmp_path):
    import_initiatives(path=write_sheet(tmp_path / "import.csv", 2))
    found = InitiativePage.objects.search("initiatief")
    assert sorted(page.title for page in found) == ["Initiatief 0", "Initiatief 1"]


def write_sheet(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as sheet:
        writer = csv.writer(sheet)
        writer.writerow(
            ["sleutel", "titel", "samenvatting", "aanpak", "provincie", "fase", "themas"]
        )
        for number in range(rows):
            writer.writerow(
                [
                    f"k{number}",
                    f"Initiatief {number}",
                    "Studenten leren in de wijk.",
                    "Samen met bewoners.",
                    "Zuid-Holland",
                    "Lopend",
                    "leren-en-werken; competenties",
                ]
            )
    return path


def _database_url() -> str:
    """The URL of the test database, for a process of its own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def assert_only_whole_initiatives(index) -> None:
    """Every initiative with its revision (the live one when live), vocabularies and place in
    the tree: nothing half-made."""
    pages = InitiativePage.objects.all()
    assert not pages.filter(latest_revision=None).exists()
    assert not pages.filter(live=True, live_revision=None).exists()
    assert not pages.filter(province=None).exists()
    assert not pages.filter(phase=None).exists()
    assert all(page.themes.count() == 2 for page in pages)
    index.refresh_from_db()
    assert index.numchild == index.get_children().count() == pages.count()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("repair", ["import again", "search"])
def test_an_import_killed_midway_leaves_whole_rows_and_the_next_run_completes_it(
    index, real_elasticsearch, tmp_path, settings, client, repair
):
    es_index.ensure_index()
    rows = 400
    sheet = write_sheet(tmp_path / "import.csv", rows)
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "ELASTICSEARCH_URL": real_elasticsearch,
        "SEARCH_INDEX_PREFIX": django_settings.SEARCH_INDEX_PREFIX,
    }
    environment.pop("SQLITE_TEST_FILE", None)
    importer = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "import_initiatives", str(sheet), "--publish"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while not InitiativePage.objects.filter(live=True).exists():
            assert importer.poll() is None, "the import ended before it was killed"
            assert time.monotonic() < deadline, "the import published nothing in time"
            time.sleep(0.05)
        importer.send_signal(signal.SIGKILL)
    finally:
        importer.wait()

    live = set(InitiativePage.objects.filter(live=True).values_list("pk", flat=True))
    assert 0 < len(live) < rows
    assert_only_whole_initiatives(index)
    queued = set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    assert live <= indexed_ids() | queued
    assert live - indexed_ids()  # the kill left pages out of Elasticsearch

    if repair == "import again":
        report = import_initiatives(path=sheet, publish=True)
        assert not report.errors
        assert report.created == rows - len(live)
        assert InitiativePage.objects.count() == rows
        assert InitiativePage.objects.values("key").distinct().count() == rows
        assert_only_whole_initiatives(index)
        assert indexed_ids() == set(InitiativePage.objects.live().values_list("pk", flat=True))
    else:
        settings.SEARCH_QUEUE_CHECK_SECONDS = 0
        for _search in range(len(live) // SEARCH_CATCH_UP_BATCH + 1):  # a batch per search
            data = client.get("/api/zoeken/", {"q": "initiatief"}).json()
            assert data["engine"] == "elasticsearch"
        assert indexed_ids() == live
    assert not PendingIndexUpdate.objects.exists()
