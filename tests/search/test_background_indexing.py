"""Issue 14, part 2: with tasks in the background a request that publishes only queues the
index update and the e-mails; `manage.py worker` sends them. Nothing queued is lost while no
worker runs, and a change queued again while a worker sends the page stays queued."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from initiatieven.models import InitiativePage
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from search.engines import es_index, es_sync
from search.models import PendingIndexUpdate
from tests.factories import create_initiative, create_user, initiative_form
from tests.search.test_index_writes import _database_url, indexed_ids

ROOT = Path(__file__).resolve().parents[2]
# The worker runs in real transactions (it commits its claims, as in production);
# serialized_rollback gives back the migrations' rows afterwards.
in_real_transactions = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def workflow_action(client, page, action: str):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url)


def ready_tasks() -> int:
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()


@in_real_transactions
def test_a_publish_leaves_elasticsearch_and_the_mail_to_the_worker(
    index, real_elasticsearch, background_tasks
):
    es_index.ensure_index()
    contributor = create_user(groups=[CONTRIBUTOR_GROUP])
    moderator = create_user(groups=[MODERATOR_GROUP])
    submitting, approving = Client(), Client()
    submitting.force_login(contributor)
    approving.force_login(moderator)
    add_url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))

    response = submitting.post(add_url, initiative_form(**{"action-submit": "submit"}))
    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="gastheren-in-het-verpleeghuis")
    response = workflow_action(approving, page, "approve")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert mail.outbox == []
    assert page.pk not in indexed_ids()
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()
    assert ready_tasks()

    call_command("worker", "--batch")

    assert page.pk in indexed_ids()
    assert not PendingIndexUpdate.objects.exists()
    assert ready_tasks() == 0
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {moderator.email, contributor.email}
    approval = next(message for message in mail.outbox if message.to == [contributor.email])
    assert "goedgekeurd" in approval.subject
    data = Client().get("/api/zoeken/", {"q": "gastheren"}).json()
    assert data["engine"] == "elasticsearch"
    assert [result["title"] for result in data["results"]] == ["Gastheren in het verpleeghuis"]


@in_real_transactions
def test_what_waits_while_no_worker_runs_is_done_by_the_next_one(
    index, real_elasticsearch, background_tasks
):
    """A worker stopped with SIGTERM exits cleanly; what is queued meanwhile waits, and a
    worker started later sends it. A task left running by a killed worker runs again."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("a worker process needs the test database in a file (SQLITE_TEST_FILE)")
    es_index.ensure_index()
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "ELASTICSEARCH_URL": real_elasticsearch,
        "SEARCH_INDEX_PREFIX": django_settings.SEARCH_INDEX_PREFIX,
        "TASKS_BACKEND": "database",
        "DEBUG": "true",
        "PYTHONUNBUFFERED": "1",
    }
    environment.pop("SQLITE_TEST_FILE", None)

    def start_worker() -> subprocess.Popen:
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "worker", "--interval", "0.2"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert b"started" in worker.stdout.readline(), worker.stderr.read()[-3000:]
        return worker

    first = start_worker()
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=30) == 0, first.stderr.read()[-3000:]

    pages = [create_initiative(index, title=f"Wachtend initiatief {n}") for n in range(3)]
    stalled = DBTaskResult.objects.order_by("enqueued_at").first()
    DBTaskResult.objects.filter(pk=stalled.pk).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timezone.timedelta(hours=1),
        worker_ids=["gedood"],
    )
    time.sleep(1)
    assert not indexed_ids() & {page.pk for page in pages}
    assert ready_tasks()

    second = start_worker()
    try:
        deadline = time.monotonic() + 60
        while ready_tasks() or PendingIndexUpdate.objects.exists():
            assert second.poll() is None, second.stderr.read()[-3000:]
            assert time.monotonic() < deadline, "the worker did not finish the queue in time"
            time.sleep(0.2)
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0, second.stderr.read()[-3000:]

    assert {page.pk for page in pages} <= indexed_ids()
    assert DBTaskResult.objects.get(pk=stalled.pk).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_a_change_queued_again_while_a_worker_sends_the_page_stays_queued(
    index, real_elasticsearch, background_tasks
):
    es_index.ensure_index()
    page = create_initiative(index, title="Eerste versie")
    read = dict(PendingIndexUpdate.objects.values_list("page_id", "created_at"))
    assert page.pk in read

    time.sleep(0.01)
    es_sync.changed([page.pk], None)  # published again while a worker sends the first version
    es_sync.send([page.pk], queued=read)

    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()
    assert es_sync.catch_up(limit=None) == 1
    assert not PendingIndexUpdate.objects.exists()


@in_real_transactions
def test_a_search_stored_before_the_worker_sent_a_change_is_not_served_after(
    index, real_elasticsearch, background_tasks
):
    """Between a publish and the worker's send, Elasticsearch does not know the page yet; the
    search page an anonymous visitor got meanwhile is stored in the page cache, and must not
    be served once Elasticsearch has the page."""
    es_index.ensure_index()
    create_initiative(index, title="Zorgtuin op het dak")
    visitor = Client()
    before = visitor.get("/zoeken/", {"q": "zorgtuin"})
    assert "Zorgtuin op het dak" not in before.content.decode()

    call_command("worker", "--batch")

    after = visitor.get("/zoeken/", {"q": "zorgtuin"})
    assert "Zorgtuin op het dak" in after.content.decode()


def indexed_title(page_id: int) -> str | None:
    es_index.client().indices.refresh(index=es_index.alias_name())
    found = es_index.client().search(
        index=es_index.alias_name(), query={"ids": {"values": [page_id]}}, _source=["title"]
    )
    hits = found["hits"]["hits"]
    return hits[0]["_source"]["title"] if hits else None


def _send_first(monkeypatch, meanwhile) -> None:
    """Worker A reads the queue and the page, then, before its write reaches Elasticsearch,
    `meanwhile` runs (an editor's change and worker B's whole send); then A's write lands."""
    write = es_index.write

    def late(*args, **kwargs):
        monkeypatch.setattr(es_index, "write", write)
        meanwhile()
        write(*args, **kwargs)

    monkeypatch.setattr(es_index, "write", late)
    es_sync.catch_up(limit=None)


def publish(page: InitiativePage, **fields) -> None:
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def published_again(page: InitiativePage) -> None:
    publish(page, title="Tweede versie")
    es_sync.catch_up(limit=None)


def unpublished(page: InitiativePage) -> None:
    page.unpublish()
    es_sync.catch_up(limit=None)


def published_again_and_rebuilt(page: InitiativePage) -> None:
    publish(page, title="Tweede versie")
    call_command("search_index", "rebuild", stdout=None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("meanwhile", "title"),
    [
        (published_again, "Tweede versie"),
        (unpublished, None),
        (published_again_and_rebuilt, "Tweede versie"),
    ],
)
def test_a_worker_late_with_an_older_state_never_overwrites_a_newer_one(
    index, real_elasticsearch, background_tasks, monkeypatch, meanwhile, title
):
    """Another worker sent the newer state (a removal too; the newer state in an index a
    rebuild made too) before this worker's write of the older state arrives."""
    es_index.ensure_index()
    page = create_initiative(index, title="Eerste versie")

    _send_first(monkeypatch, lambda: meanwhile(page))

    assert indexed_title(page.pk) == title
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.django_db
def test_a_change_a_worker_sends_during_a_rebuild_reaches_the_new_index(
    index, real_elasticsearch, background_tasks, monkeypatch
):
    """The worker writes to the index the alias still points at, which the rebuild drops."""
    es_index.ensure_index()
    page = create_initiative(index, title="Eerste versie")
    es_sync.catch_up(limit=None)
    finish = es_index.finish_index

    def changed_while_filling(name):
        publish(page, title="Tweede versie")
        es_sync.catch_up(limit=None)
        finish(name)

    monkeypatch.setattr(es_index, "finish_index", changed_while_filling)
    call_command("search_index", "rebuild", stdout=None)

    assert indexed_title(page.pk) == "Tweede versie"
    assert not PendingIndexUpdate.objects.exists()
