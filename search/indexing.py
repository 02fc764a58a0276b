"""Keeping search in step with content: what to (re)index when something changes.

The signal handlers (`search.signal_handlers`) call these; each hands the change to the engine
(`search.engines.get_engine()`), which writes its index in the transaction of the change or
queues what it cannot write yet. A published initiative's search document is built once and
serves every index and the vocabulary.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from modelsearch.backends import get_search_backend

from initiatieven.models import InitiativePage
from initiatieven.queries import live_initiatives
from initiatieven.signals import indexing_deferred
from search import vocabulary
from search.documents import (
    BATCH_SIZE,
    document_for,
    documents_for,
    documents_in,
    indexable_pages,
    prepared,
    prepared_document,
)
from search.engines import get_engine

logger = logging.getLogger(__name__)
# publishing: ids of pages whose publication is being saved (their page_published follows);
# bulk: the open bulk block of this thread, or None.
_local = threading.local()


def page_saving(page: InitiativePage, update_fields) -> None:
    """Before a page is saved: remember when the save publishes it (it sets a new
    last_published_at), so that the index written on save leaves the work to `page_published`,
    which follows once the relations are saved too (Wagtail saves the page first). Inside a
    batch write nothing: `batch_written` indexes the batch."""
    if page.pk is None or indexing_deferred():
        return
    _publishing().discard(page.pk)
    if not page.live or update_fields is not None:
        return
    before = (
        InitiativePage.objects.filter(pk=page.pk)
        .values_list("last_published_at", flat=True)
        .first()
    )
    if page.last_published_at != before:
        _publishing().add(page.pk)


def search_text(page: InitiativePage) -> str:
    """What the database engine indexes of an initiative (`InitiativePage.search_terms`)."""
    if prepared_document(page.pk) is None and page.pk in _publishing():
        # Saved as part of a publish: the relations are not saved yet; `page_published`
        # indexes the page again right after, in the same transaction.
        return ""
    return document_for(page).weighted_terms()


def page_published(page: InitiativePage) -> None:
    """A published initiative is indexed again once its relations are saved, and its words join
    the vocabulary: from one search document."""
    if indexing_deferred():
        return
    _publishing().discard(page.pk)
    document = document_for(page)
    with prepared({page.pk: document}):
        get_engine().index([page.pk], documents={page.pk: document})
    vocabulary.record_words(document.words())


def batch_written(page_ids: list[int], published_ids: list[int]) -> None:
    """A batch of initiatives was written in one transaction (an import), still open: index
    them all at once, each search document built once (`documents_for`). Live, public pages go
    to every engine; the others only to Wagtail's own index, which the admin searches for drafts
    too. The words of the published ones join the vocabulary."""
    pages = list(InitiativePage.objects.filter(pk__in=page_ids).select_related("province", "phase"))
    documents = {document.page_id: document for document in documents_for(pages)}
    shown = set(live_initiatives().filter(pk__in=page_ids).values_list("pk", flat=True))
    with prepared(documents):
        get_engine().index(sorted(shown), documents=documents)
        hidden = [page for page in pages if page.pk not in shown]
        if hidden:
            get_search_backend().add_bulk(InitiativePage, hidden)
    vocabulary.record_documents_words(
        documents[page_id].words() for page_id in published_ids if page_id in shown
    )


def page_removed(page_id: int) -> None:
    """Unpublished, deleted or made private: gone from the index."""
    get_engine().remove([page_id])


def subtree_changed(page) -> None:
    """Moved, or its view restrictions changed: every initiative at or under `page`."""
    ids = list(
        InitiativePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )
    get_engine().index(ids)


def vocabulary_term_changed(term) -> None:
    """A theme, province... was renamed: reindex the live initiatives that carry it."""
    models = InitiativePage.vocabulary_models()
    field = next((name for name, model in models.items() if isinstance(term, model)), None)
    if field is None or term.pk is None:
        return
    get_engine().index(_ids(live_initiatives().filter(**{field: term})))


def organisation_changed(organisation) -> None:
    """An organisation was published or unpublished: reindex the live initiatives that name
    it, as search shows only published organisations (and their published names)."""
    get_engine().index(_ids(live_initiatives().filter(organisations=organisation)))


def _ids(pages) -> list[int]:
    return list(pages.values_list("pk", flat=True).distinct())


@contextmanager
def batched() -> Iterator[None]:
    """Gather the index updates made inside and send them in batches (one request and refresh
    each) and the rest on the way out, for imports of many initiatives. Inside another batch it
    joins that one."""
    with get_engine().bulk():
        yield


def bulk_change_started(**kwargs) -> None:
    if getattr(_local, "bulk", None) is None:
        _local.bulk = ExitStack()
        _local.bulk.enter_context(batched())


def bulk_change_finished(**kwargs) -> None:
    stack, _local.bulk = getattr(_local, "bulk", None), None
    if stack is not None:
        stack.close()


def rebuild_vocabulary() -> int:
    """Recompute the vocabulary from every live initiative; returns the number of words."""
    pages = indexable_pages().iterator(chunk_size=BATCH_SIZE)
    return vocabulary.reset_words(document.words() for document in documents_in(pages))


def _publishing() -> set[int]:
    if not hasattr(_local, "publishing"):
        _local.publishing = set()
    return _local.publishing
