"""Picks the search engine from settings: Elasticsearch when ELASTICSEARCH_URL is set, the
database otherwise. Nothing outside `search/` knows which one runs.

When Elasticsearch cannot answer (down, slower than ELASTICSEARCH_TIMEOUT, index missing) the
database answers instead; the response says so and the fault is logged.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from search.engines import es_index
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.facets import FacetTerms
from search.interface import Overview, SearchQuery, SearchResponse

logger = logging.getLogger(__name__)


def fallback_notice() -> str:
    return _(
        "The search service is temporarily unavailable; these results come from "
        "the backup search and may be ordered a little differently."
    )


class FallbackEngine:
    """Elasticsearch first, the database when Elasticsearch fails."""

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


def get_engine() -> DatabaseEngine | FallbackEngine:
    if es_index.is_configured():
        return FallbackEngine(ElasticsearchEngine(), DatabaseEngine())
    return DatabaseEngine()
