"""Full-text search over live initiatives with Wagtail's configured backend."""

import re

from initiatieven import queries

# FTS5 and tsquery treat these as syntax; readers type them as punctuation.
_QUERY_SYNTAX = re.compile(r"[\"'()*:^{}\[\]<>+\-~!&|\\/]")


def clean_query(query: str) -> str:
    return " ".join(_QUERY_SYNTAX.sub(" ", query).split())


def search_initiatives(query: str):
    """Matching live initiatives, best first, or None when there is nothing to search for."""
    cleaned = clean_query(query)
    if not cleaned:
        return None
    return list(queries.live_initiatives().search(cleaned, operator="and"))
