"""Keeping search in step with content: what to (re)index when something changes.

The database engine's index is Wagtail's own; Elasticsearch, when configured, gets the same
documents. A change that cannot reach Elasticsearch is remembered and sent later, so nothing a
user published is missing from search once Elasticsearch is back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from modelsearch.index import insert_or_update_object

from initiatieven.models import InitiativePage
from initiatieven.queries import live_initiatives
from search import vocabulary
from search.documents import BATCH_SIZE, document_for, documents_in
from search.engines import es_index
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)
CATCH_UP_BATCH = 200
_batch = threading.local()  # page_ids: the pages a `batched()` block changed, or None


def page_published(page: InitiativePage) -> None:
    """A published initiative is indexed again once its relations are saved (Wagtail indexes
    on save, before modelcluster writes the many-to-many fields), and its words join the
    vocabulary."""
    insert_or_update_object(page)
    vocabulary.record_words(document_for(page).words())
    sync_elasticsearch([page.pk])


def page_removed(page_id: int) -> None:
    """Unpublished, deleted or made private: gone from Elasticsearch (the database engine only
    ever searches live, public pages)."""
    sync_elasticsearch([page_id])


def subtree_changed(page) -> None:
    """Moved, or its view restrictions changed: every initiative at or under `page`."""
    ids = list(
        InitiativePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )
    sync_elasticsearch(ids)


def vocabulary_term_changed(term) -> None:
    """A theme, province... was renamed: reindex the live initiatives that carry it."""
    models = InitiativePage.vocabulary_models()
    field = next((name for name, model in models.items() if isinstance(term, model)), None)
    if field is None or term.pk is None:
        return
    pages = list(live_initiatives().filter(**{field: term}).distinct())
    for page in pages:
        insert_or_update_object(page)
    sync_elasticsearch([page.pk for page in pages])


def organisation_changed(organisation) -> None:
    """An organisation was published or unpublished: reindex the live initiatives that name
    it, as search shows only published organisations (and their published names)."""
    pages = list(live_initiatives().filter(organisations=organisation).distinct())
    for page in pages:
        insert_or_update_object(page)
    sync_elasticsearch([page.pk for page in pages])


@contextmanager
def batched() -> Iterator[None]:
    """Collect the Elasticsearch updates made inside and send them together on the way out:
    in bulk with one refresh, and after the database work inside is committed (a rolled-back
    page is then removed, not indexed). For imports of many initiatives, where one request
    and refresh per page costs about a second each. Inside another batch it joins that one."""
    if getattr(_batch, "page_ids", None) is not None:
        yield
        return
    _batch.page_ids = {}
    try:
        yield
    finally:
        page_ids, _batch.page_ids = list(_batch.page_ids), None
        sync_elasticsearch(page_ids)


def sync_elasticsearch(page_ids: list[int]) -> None:
    """Bring these pages' Elasticsearch documents up to date, or remember them for later."""
    if not es_index.is_configured() or not page_ids:
        return
    collecting = getattr(_batch, "page_ids", None)
    if collecting is not None:
        collecting.update(dict.fromkeys(page_ids))
        return
    try:
        catch_up()
        _sync(page_ids)
    except es_index.ERRORS as error:
        logger.warning("Elasticsearch unavailable; %d page(s) queued: %s", len(page_ids), error)
        for page_id in page_ids:
            PendingIndexUpdate.objects.get_or_create(page_id=page_id)


def catch_up(limit: int | None = CATCH_UP_BATCH) -> int:
    """Send queued changes to Elasticsearch; returns how many were sent. Raises the client's
    errors when Elasticsearch is still unavailable (the queue then stays)."""
    pending = list(
        PendingIndexUpdate.objects.order_by("pk").values_list("page_id", flat=True)[:limit]
    )
    if pending:
        _sync(pending)
        PendingIndexUpdate.objects.filter(page_id__in=pending).delete()
        logger.info("Sent %d queued change(s) to Elasticsearch", len(pending))
    return len(pending)


def _sync(page_ids: list[int]) -> None:
    visible = list(indexable_pages().filter(pk__in=page_ids))
    if len(visible) == 1:
        es_index.index_page(visible[0])
    elif visible:
        es_index.ensure_index()
        es_index.index_pages(visible, refresh=True)
    shown = {page.pk for page in visible}
    for page_id in page_ids:
        if page_id not in shown:
            es_index.delete_page(page_id)


def rebuild_vocabulary() -> int:
    """Recompute the vocabulary from every live initiative; returns the number of words."""
    pages = indexable_pages().iterator(chunk_size=BATCH_SIZE)
    return vocabulary.reset_words(document.words() for document in documents_in(pages))


def indexable_pages():
    """Live, public initiatives, oldest first, with their province and phase (the other
    relations are read per batch by `search.documents.documents_for`)."""
    return live_initiatives().select_related("province", "phase").order_by("pk")
