"""Picks the search engine from settings, in this one place: Elasticsearch when ELASTICSEARCH_URL
is set, the database otherwise. Nothing outside `search/engines/` knows which one runs.

When Elasticsearch cannot answer (down, slower than ELASTICSEARCH_TIMEOUT, index missing) the
database answers instead; the response says so and the fault is logged. The database's index is
kept up to date in either case, so that it can.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.translation import gettext as _

from search.documents import SearchDocument
from search.engines import es_index
from search.engines.breaker import CircuitOpen
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import FacetTerms
from search.interface import (
    IndexStatus,
    Overview,
    Progress,
    SearchEngine,
    SearchQuery,
    SearchResponse,
    Suggestions,
)

logger = logging.getLogger(__name__)
# The database answers noted while `watching_fallbacks()` runs (the page cache keeps none).
_fallbacks: ContextVar[list[str] | None] = ContextVar("search_fallbacks", default=None)


@contextmanager
def watching_fallbacks() -> Iterator[list[str]]:
    """Notes, in the list it gives, each answer the database gave because Elasticsearch could
    not: such an answer is no page to keep."""
    found: list[str] = []
    token = _fallbacks.set(found)
    try:
        yield found
    finally:
        _fallbacks.reset(token)


def fallback_notice() -> str:
    return _(
        "The search service is temporarily unavailable; these results come from "
        "the backup search and may be ordered a little differently."
    )


class FallbackEngine:
    """Elasticsearch first, the database when Elasticsearch fails. Writes go to both."""

    def __init__(self, primary: ElasticsearchEngine, fallback: DatabaseEngine):
        self.primary = primary
        self.fallback = fallback

    @property
    def name(self) -> str:
        return self.primary.name

    def _either(self, doing: str, method: str, *args, **kwargs):
        """`method` of Elasticsearch, or of the database when Elasticsearch cannot answer;
        with whether the database answered."""
        try:
            return getattr(self.primary, method)(*args, **kwargs), False
        except es_index.SearchUnavailable as error:
            # While the breaker is open this is every request: its opening was logged once.
            quiet = isinstance(error.__cause__, CircuitOpen)
            logger.log(
                logging.INFO if quiet else logging.WARNING,
                "Elasticsearch unavailable, %s the database: %s",
                doing,
                error,
            )
            if (fallbacks := _fallbacks.get()) is not None:
                fallbacks.append(method)
            return getattr(self.fallback, method)(*args, **kwargs), True

    def search(self, query: SearchQuery, *, terms: FacetTerms | None = None) -> SearchResponse:
        response, fell_back = self._either("searching", "search", query, terms=terms)
        if fell_back:
            response.notices.append(fallback_notice())
        return response

    def matching_ids(self, query: SearchQuery, *, limit: int) -> tuple[list[int], int]:
        return self._either("searching", "matching_ids", query, limit=limit)[0]

    def related(self, page_id: int, *, limit: int) -> list[int]:
        return self._either("relating in", "related", page_id, limit=limit)[0]

    def suggest(self, text: str) -> str | None:
        return self._either("correcting from", "suggest", text)[0]

    def overview(
        self,
        query: SearchQuery,
        *,
        pairs: tuple[tuple[str, str], ...] = (),
        terms: FacetTerms | None = None,
    ) -> Overview:
        overview, fell_back = self._either(
            "counting in", "overview", query, pairs=pairs, terms=terms
        )
        if fell_back:
            overview.notices.append(fallback_notice())
        return overview

    def suggestions(self, text: str) -> Suggestions:
        return self._either("suggesting from", "suggestions", text)[0]

    def index(
        self, page_ids: Collection[int], *, documents: Mapping[int, SearchDocument] | None = None
    ) -> None:
        self.fallback.index(page_ids, documents=documents)
        self.primary.index(page_ids, documents=documents)

    def remove(self, page_ids: Collection[int]) -> None:
        self.fallback.remove(page_ids)
        self.primary.remove(page_ids)

    @contextmanager
    def bulk(self) -> Iterator[None]:
        with self.fallback.bulk(), self.primary.bulk():
            yield

    def catch_up(self, *, limit: int | None) -> int:
        try:
            return self.primary.catch_up(limit=limit)
        except es_index.ERRORS as error:
            logger.warning("Elasticsearch unavailable; queued changes stay queued: %s", error)
            return 0

    def rebuild(self, *, progress: Progress) -> dict:
        self.fallback.rebuild(progress=progress)
        return self.primary.rebuild(progress=progress)

    def update(self, *, progress: Progress) -> dict:
        return self.primary.update(progress=progress)

    def status(self) -> IndexStatus:
        return self.primary.status()


def get_engine() -> SearchEngine:
    """The engine the settings ask for; the only place that knows which one that is."""
    if settings.ELASTICSEARCH_URL:
        return FallbackEngine(ElasticsearchEngine(), DatabaseEngine())
    return DatabaseEngine()
