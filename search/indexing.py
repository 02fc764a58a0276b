"""Keeping search in step with content: what to (re)index when something changes."""

from __future__ import annotations

import logging

from modelsearch.index import insert_or_update_object

from initiatieven.models import InitiativePage
from initiatieven.queries import live_initiatives
from search import vocabulary
from search.documents import document_for

logger = logging.getLogger(__name__)


def page_published(page: InitiativePage) -> None:
    """A published initiative is indexed again once its relations are saved (Wagtail indexes
    on save, before modelcluster writes the many-to-many fields), and its words join the
    vocabulary."""
    insert_or_update_object(page)
    vocabulary.record_words(document_for(page).words())


def vocabulary_term_changed(term) -> None:
    """A theme, province... was renamed: reindex the live initiatives that carry it."""
    field = next(
        (
            name
            for name, model in InitiativePage.vocabulary_models().items()
            if isinstance(term, model)
        ),
        None,
    )
    if field is None or term.pk is None:
        return
    for page in live_initiatives().filter(**{field: term}).distinct():
        insert_or_update_object(page)
        vocabulary.record_words(document_for(page).words())


def rebuild_vocabulary() -> int:
    """Recompute the vocabulary from every live initiative; returns the number of words."""
    pages = (
        live_initiatives()
        .prefetch_related("organisations", "keywords", *InitiativePage.MULTI_VOCABULARY_FIELDS)
        .select_related("province", "phase")
    )
    return vocabulary.reset_words(
        document_for(page).words() for page in pages.iterator(chunk_size=500)
    )
