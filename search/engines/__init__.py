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

from django.conf import settings
from django.utils.translation import gettext as _

from search.documents import SearchDocument
from search.engines import es_index
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

    def search(self, query: SearchQuery, *, terms: FacetTerms | None = None) -> SearchResponse:
        try:
            return self.primary.search(query, terms=terms)
        except es_index.SearchUnavailable as error:
            logger.warning("Elasticsearch unavailable, searching the database: %s", error)
            response = self.fallback.search(query, terms=terms)
            response.notices.append(fallback_notice())
            return response

    def matching_ids(self, query: SearchQuery, *, limit: int) -> tuple[list[int], int]:
        try:
            return self.primary.matching_ids(query, limit=limit)
        except es_index.SearchUnavailable as error:
            logger.warning("Elasticsearch unavailable, searching the database: %s", error)
            return self.fallback.matching_ids(query, limit=limit)

    def related(self, page_id: int, *, limit: int) -> list[int]:
        try:
            return self.primary.related(page_id, limit=limit)
        except es_index.SearchUnavailable as error:
            logger.warning("Elasticsearch unavailable, relating in the database: %s", error)
            return self.fallback.related(page_id, limit=limit)

    def suggest(self, text: str) -> str | None:
        try:
            return self.primary.suggest(text)
        except es_index.SearchUnavailable:
            return self.fallback.suggest(text)

    def overview(
        self,
        query: SearchQuery,
        *,
        pairs: tuple[tuple[str, str], ...] = (),
        terms: FacetTerms | None = None,
    ) -> Overview:
        try:
            return self.primary.overview(query, pairs=pairs, terms=terms)
        except es_index.SearchUnavailable as error:
            logger.warning("Elasticsearch unavailable, counting in the database: %s", error)
            overview = self.fallback.overview(query, pairs=pairs, terms=terms)
            overview.notices.append(fallback_notice())
            return overview

    def suggestions(self, text: str) -> Suggestions:
        try:
            return self.primary.suggestions(text)
        except es_index.SearchUnavailable as error:
            logger.warning("Elasticsearch unavailable, suggesting from the database: %s", error)
            return self.fallback.suggestions(text)

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
        return self.primary.catch_up(limit=limit)

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
