"""Keeping the Elasticsearch index in step with the database, whatever fails.

Every change is queued (`PendingIndexUpdate`) in the transaction that made it, so a change is
either rolled back with it or remembered, even when the process is killed right after. Outside
a bulk block the change is sent at once; inside one (an import) it is gathered and sent in
batches, one request and refresh each, after the rows that made them are committed. A sent
change leaves the queue. What stays queued (Elasticsearch was down, or a process was killed)
is sent by the next change, the next bulk block, `search_index update`, or, within
`SEARCH_QUEUE_CHECK_SECONDS`, by a search that Elasticsearch answers, a bounded batch at a time.

With tasks in the background (`in_background`: the database task backend, TASKS_BACKEND) no
request writes to Elasticsearch: a change is only queued, and a task enqueued once it is
committed (once per batch in a bulk block) has a worker send the queue; the worker's periodic
catch-up sends whatever is left. A change queued again while a worker sends an older state of
the page stays queued (the queue row's time is renewed and the worker takes off only the rows
it read).

Several processes send at once (workers, the catch-up, `search_index`), and a write that read
the page earlier may arrive later. Every change therefore also raises the page's version
(`IndexedVersion`, in the transaction of the change, so in the order the changes commit), a
write carries the version read before the page was, and Elasticsearch keeps the highest
(external versioning, removals included): an older state never replaces a newer one, and a
write refused for that counts as sent. Not row locks held until the write is done: they would
make a publish wait for Elasticsearch, and SQLite has none (only its one write lock).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from initiatieven.queries import live_initiatives
from search.documents import (
    BATCH_SIZE,
    SearchDocument,
    batches,
    documents_for,
    indexable_pages,
    prepared,
)
from search.engines import es_index
from search.interface import IndexStatus, Progress
from search.models import IndexedVersion, PendingIndexUpdate
from search.signals import index_written

logger = logging.getLogger(__name__)
CATCH_UP_BATCH = 200  # queued changes sent together with a new change
SEARCH_CATCH_UP_BATCH = 50  # queued changes a search sends before it answers: stays fast
# ids: page ids gathered by a bulk block (or None); documents, versions, queued: theirs, by id
_bulk = threading.local()


class _Queue:
    """What this process knows of the queue: whether it may hold changes, and when it last
    looked (other processes queue too)."""

    maybe_pending = True  # unknown at start: look at the first search
    checked_at = float("-inf")


def changed(page_ids: Collection[int], documents: Mapping[int, SearchDocument] | None) -> None:
    """These pages changed (inside the transaction that changed them): queue, then send."""
    if not page_ids:
        return
    documents = documents or {}
    # Queued again: a new time, so that a worker sending an older state keeps it queued.
    rows = [PendingIndexUpdate(page_id=page_id) for page_id in sorted(page_ids)]
    PendingIndexUpdate.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["page_id"], update_fields=["created_at"]
    )
    queued = {row.page_id: row.created_at for row in rows}
    versions = _raise_versions(page_ids)  # the versions of these states, `documents` included
    gathered = getattr(_bulk, "ids", None)
    if gathered is not None:
        gathered.update(dict.fromkeys(page_ids))
        for page_id in page_ids:
            _bulk.documents.pop(page_id, None)
        _bulk.documents.update(documents)
        _bulk.versions.update(versions)
        _bulk.queued.update(queued)
        if len(gathered) >= BATCH_SIZE:
            transaction.on_commit(_send_gathered)
        return
    if in_background():
        transaction.on_commit(send_index_updates.enqueue)
        return
    older = dict(
        PendingIndexUpdate.objects.exclude(page_id__in=page_ids)
        .order_by("pk")
        .values_list("page_id", "created_at")[:CATCH_UP_BATCH]
    )
    try:
        send([*page_ids, *older], documents, versions=versions, queued={**older, **queued})
        if len(older) == CATCH_UP_BATCH:
            _Queue.maybe_pending = True
    except es_index.ERRORS as error:
        _Queue.maybe_pending = True
        logger.warning("Elasticsearch unavailable; %d page(s) queued: %s", len(page_ids), error)


def _raise_versions(page_ids: Collection[int]) -> dict[int, int]:
    """Raise these pages' versions (inside the transaction of their change); returns them. The
    update waits for another transaction raising the same row, then counts on from its value."""
    IndexedVersion.objects.bulk_create(
        [IndexedVersion(page_id=page_id) for page_id in sorted(page_ids)], ignore_conflicts=True
    )
    IndexedVersion.objects.filter(page_id__in=list(page_ids)).update(version=F("version") + 1)
    return es_index.document_versions(page_ids)


@contextmanager
def bulk() -> Iterator[None]:
    """Within, changes are gathered and sent in batches; the rest on the way out. It first
    sends what an earlier, interrupted run left queued. Inside another bulk block it joins it."""
    if getattr(_bulk, "ids", None) is not None:
        yield
        return
    _start_gathering()
    try:
        try:
            if not in_background():
                catch_up(limit=None)
        except es_index.ERRORS as error:
            _Queue.maybe_pending = True
            logger.warning("Elasticsearch unavailable; queued changes stay queued: %s", error)
        yield
    finally:
        _send_gathered()
        _bulk.ids = _bulk.documents = _bulk.versions = _bulk.queued = None


def _start_gathering() -> None:
    _bulk.ids, _bulk.documents, _bulk.versions, _bulk.queued = {}, {}, {}, {}


def _send_gathered() -> None:
    if not _bulk.ids:
        return
    page_ids, documents, versions, queued = (
        list(_bulk.ids),
        _bulk.documents,
        _bulk.versions,
        _bulk.queued,
    )
    _start_gathering()
    if in_background():
        send_index_updates.enqueue()
        return
    try:
        send(page_ids, documents, versions=versions, queued=queued)
    except es_index.ERRORS as error:
        _Queue.maybe_pending = True
        logger.warning("Elasticsearch unavailable; %d page(s) queued: %s", len(page_ids), error)


def send(
    page_ids: list[int],
    documents: Mapping[int, SearchDocument] | None = None,
    *,
    versions: Mapping[int, int] | None = None,
    queued: Mapping[int, datetime],
) -> None:
    """Write these pages' documents (or remove them when no longer live and public), one
    request and refresh per batch, then take off the queue the rows of `queued` (page id: the
    time its row had when read) not queued again since. `documents` built earlier are used at
    the `versions` they were built at; others are built now. Raises the client's errors (the
    queue then stays)."""
    es_index.ensure_index()
    documents, versions = documents or {}, versions or {}
    for ids in batches(dict.fromkeys(page_ids), BATCH_SIZE):
        current = es_index.document_versions(ids)  # before the pages: they are at least as new
        pages = list(indexable_pages().filter(pk__in=ids))
        given = {pk: documents[pk] for pk in ids if pk in documents and pk in versions}
        with prepared(given):
            built = documents_for(pages) if pages else []
        shown = {document.page_id for document in built}
        es_index.write(
            built,
            versions={**current, **{pk: versions[pk] for pk in given if pk in shown}},
            removed=[page_id for page_id in ids if page_id not in shown],
        )
        _dequeue({page_id: queued[page_id] for page_id in ids if page_id in queued})
    index_written.send(sender=__name__)


def _dequeue(read: Mapping[int, datetime]) -> None:
    """Take these rows off the queue unless they were queued again since they were read (their
    time changed): the change then waits for the next send. The rows are locked meanwhile."""
    with transaction.atomic():
        current = PendingIndexUpdate.objects.select_for_update().filter(page_id__in=list(read))
        sent = [
            pk
            for pk, page_id, at in current.values_list("pk", "page_id", "created_at")
            if read[page_id] == at
        ]
        PendingIndexUpdate.objects.filter(pk__in=sent).delete()


def catch_up(*, limit: int | None) -> int:
    """Send at most `limit` queued changes (all with None), oldest first; returns how many.
    Raises the client's errors when Elasticsearch is still unavailable."""
    sent, seen = 0, set()
    while limit is None or sent < limit:
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - sent)
        queued = dict(
            PendingIndexUpdate.objects.order_by("pk").values_list("page_id", "created_at")[:size]
        )
        if not queued or queued.keys() <= seen:
            break  # empty, or only changes queued again meanwhile: their own task sends them
        seen.update(queued)
        send(list(queued), queued=queued)
        sent += len(queued)
        logger.info("Sent %d queued change(s) to Elasticsearch", len(queued))
    _Queue.maybe_pending = limit is not None and sent >= limit
    _Queue.checked_at = time.monotonic()
    return sent


def in_background() -> bool:
    """Whether tasks wait for a worker (`manage.py worker`) instead of running at once where
    they are enqueued."""
    return not isinstance(task_backends[send_index_updates.backend], ImmediateBackend)


@task()
def send_index_updates() -> int:
    """The worker's task: send every queued change; returns how many were sent. What
    Elasticsearch does not take stays queued for the worker's periodic catch-up."""
    try:
        return catch_up(limit=None)
    except es_index.ERRORS as error:
        logger.warning("Elasticsearch unavailable; queued changes stay queued: %s", error)
        return 0


def catch_up_if_due() -> None:
    """After a search Elasticsearch answered: send a bounded batch of queued changes when this
    process queued some, or when it has not looked for SEARCH_QUEUE_CHECK_SECONDS. Not with
    tasks in the background: the worker sends them, never a request."""
    if in_background():
        return
    due = time.monotonic() - _Queue.checked_at >= settings.SEARCH_QUEUE_CHECK_SECONDS
    if not (_Queue.maybe_pending or due):
        return
    try:
        catch_up(limit=SEARCH_CATCH_UP_BATCH)
    except es_index.ERRORS as error:
        logger.warning("Elasticsearch could not take queued changes: %s", error)


def rebuild(*, progress: Progress) -> dict:
    """Fill a new index, then point the alias at it and drop the old one. Changes made
    meanwhile went to the old index: they are sent again once the alias points at the new one.
    The queue keeps only what changed since the rebuild began."""
    queued = dict(PendingIndexUpdate.objects.values_list("page_id", "created_at"))
    versions = es_index.document_versions()
    name = es_index.new_index_name()
    es_index.create_index(name)
    pages = indexable_pages()
    written = es_index.index_pages(
        progress(pages.iterator(chunk_size=BATCH_SIZE), pages.count(), "Elasticsearch"),
        versions=versions,
        index=name,
    )
    es_index.finish_index(name)
    old = es_index.switch_alias(name)
    es_index.delete_indexes(old)
    changed_meanwhile = [
        page_id
        for page_id, version in es_index.document_versions().items()
        if versions.get(page_id) != version
    ]
    for ids in batches(changed_meanwhile, BATCH_SIZE):
        rows = PendingIndexUpdate.objects.filter(page_id__in=ids)
        send(ids, queued=dict(rows.values_list("page_id", "created_at")))
    for page_ids in batches(queued, BATCH_SIZE):
        _dequeue({page_id: queued[page_id] for page_id in page_ids})
    _Queue.maybe_pending = PendingIndexUpdate.objects.exists()
    return {"documents": written, "index": name, "replaced": old}


def update(*, progress: Progress) -> dict:
    """Send queued changes, then index what Elasticsearch lacks or has older, and remove
    documents of pages that are no longer live and public."""
    es_index.ensure_index()
    queued = catch_up(limit=None)
    versions = es_index.document_versions()  # before the pages: they are at least as new
    indexed_at = dict(es_index.indexed_versions())
    stale = [
        pk
        for pk, published in live_initiatives().values_list("pk", "last_published_at")
        if pk not in indexed_at or (published and indexed_at[pk] and indexed_at[pk] < published)
    ]
    live_ids = set(live_initiatives().values_list("pk", flat=True))
    gone = [page_id for page_id in indexed_at if page_id not in live_ids]
    written = es_index.index_pages(
        progress(
            indexable_pages().filter(pk__in=stale).iterator(chunk_size=BATCH_SIZE),
            len(stale),
            "Elasticsearch",
        ),
        versions=versions,
        refresh=True,
    )
    for page_id in gone:
        es_index.delete_page(page_id, version=versions.get(page_id, es_index.VERSION_BASE))
    return {"indexed": written, "removed": len(gone), "queued": queued}


def status() -> IndexStatus:
    live = live_initiatives().count()
    report = IndexStatus(
        engine="elasticsearch",
        live_initiatives=live,
        pending=PendingIndexUpdate.objects.count(),
    )
    try:
        report.elasticsearch = es_index.status()
    except es_index.ERRORS as error:
        report.problems.append(f"Elasticsearch unavailable: {error}")
        return report
    info = report.elasticsearch
    if info["index"] is None:
        report.problems.append("no index yet: run `search_index rebuild`")
    elif info["mapping_version"] != es_index.MAPPING_VERSION:
        report.problems.append(
            f"mapping changed (index v{info['mapping_version']}, code v{es_index.MAPPING_VERSION}):"
            " run `search_index rebuild`"
        )
    elif info["documents"] != live:
        report.problems.append(
            f"{info['documents']} documents for {live} live initiatives: run `search_index update`"
        )
    if report.pending:
        report.problems.append(f"{report.pending} change(s) queued: run `search_index update`")
    return report
