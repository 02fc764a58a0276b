"""Imports send their Elasticsearch updates together, after the database work is done."""

import csv
import socket

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from modelsearch.backends import get_search_backend

from initiatieven.models import InitiativePage
from initiatieven.services.importing import import_initiatives
from search import indexing
from search.engines import es_index
from search.models import PendingIndexUpdate
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db

COLUMNS = ["sleutel", "titel", "samenvatting", "aanpak", "provincie", "fase", "themas"]


def indexed_titles() -> list[str]:
    es_index.client().indices.refresh(index=es_index.alias_name())
    found = es_index.client().search(index=es_index.alias_name(), size=100)
    return sorted(hit["_source"]["title"] for hit in found["hits"]["hits"])


def write_sheet(path, rows):
    with path.open("w", encoding="utf-8", newline="") as sheet:
        writer = csv.DictWriter(sheet, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(key: str, title: str, **values) -> dict:
    return {
        "sleutel": key,
        "titel": title,
        "samenvatting": "Studenten leren in de wijk.",
        "aanpak": "Samen met bewoners.",
        "provincie": "Zuid-Holland",
        "fase": "Lopend",
        "themas": "Leren en werken",
        **values,
    }


def test_updates_inside_a_batch_are_sent_on_the_way_out(index, real_elasticsearch):
    es_index.ensure_index()
    with indexing.batched():
        create_initiative(index, title="Eerste")
        create_initiative(index, title="Tweede")
        assert indexed_titles() == []
    assert indexed_titles() == ["Eerste", "Tweede"]


def test_an_import_with_publish_reaches_elasticsearch(index, real_elasticsearch, tmp_path):
    sheet = write_sheet(
        tmp_path / "import.csv", [row("een", "Eerste import"), row("twee", "Tweede import")]
    )
    report = import_initiatives(path=sheet, publish=True)
    assert not report.errors
    assert indexed_titles() == ["Eerste import", "Tweede import"]


def test_a_strict_import_with_a_rejected_row_leaves_nothing_indexed(
    index, real_elasticsearch, tmp_path
):
    es_index.ensure_index()
    sheet = write_sheet(
        tmp_path / "import.csv",
        [row("een", "Goede rij"), row("twee", "Foute rij", provincie="Atlantis")],
    )
    report = import_initiatives(path=sheet, publish=True, strict=True)
    assert report.errors and not report.written
    assert indexed_titles() == []


def test_updates_of_a_batch_are_queued_when_elasticsearch_is_down(index, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    with indexing.batched():
        first = create_initiative(index, title="Eerste")
        second = create_initiative(index, title="Tweede")
        # Queued in the transaction of each publish, so that a killed import loses nothing.
        assert PendingIndexUpdate.objects.count() == 2
    queued = set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    assert queued == {first.pk, second.pk}


WAGTAIL_INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


def wagtail_index_tasks_for_initiatives() -> int:
    return DBTaskResult.objects.filter(
        task_path=WAGTAIL_INDEX_TASK, args_kwargs__icontains="initiativepage"
    ).count()


@pytest.mark.parametrize("publish", [True, False], ids=["published", "drafts"])
def test_an_import_leaves_no_wagtail_index_task_per_initiative_to_the_worker(
    index, background_tasks, tmp_path, publish
):
    # The batch indexes its pages in Wagtail's own index at its end; a task per saved page
    # would make the worker index them all again.
    sheet = write_sheet(
        tmp_path / "import.csv", [row("een", "Eerste import"), row("twee", "Tweede import")]
    )
    report = import_initiatives(path=sheet, publish=publish)

    assert not report.errors
    assert wagtail_index_tasks_for_initiatives() == 0
    # The admin's search (Wagtail's own index) finds them, drafts too.
    found = get_search_backend().search("import", InitiativePage)
    assert sorted(page.title for page in found) == ["Eerste import", "Tweede import"]


# The worker commits what it claims, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_initiative_saved_outside_an_import_is_still_indexed_by_wagtail(index, background_tasks):
    page = create_initiative(index, title="Gewoon opgeslagen", publish=False)
    assert wagtail_index_tasks_for_initiatives() >= 1
    call_command("worker", "--batch")
    found = get_search_backend().search("opgeslagen", InitiativePage)
    assert [result.pk for result in found] == [page.pk]


def test_an_alias_follows_its_original_published_by_an_import(index, tmp_path):
    original = create_initiative(index, title="Oude titel", key="met-alias")
    alias = original.create_alias(parent=index, update_slug="de-alias")
    sheet = write_sheet(tmp_path / "import.csv", [row("met-alias", "Vernieuwde titel")])

    report = import_initiatives(path=sheet, publish=True)

    assert not report.errors
    alias.refresh_from_db()
    assert alias.title == "Vernieuwde titel"
    found = get_search_backend().search("vernieuwde", InitiativePage)
    assert {page.pk for page in found} == {original.pk, alias.pk}
