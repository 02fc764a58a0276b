"""Full-text search over live initiatives with Wagtail's configured backend."""

import re

from initiatieven import queries
from initiatieven.models.pages import paginate

# FTS5 and tsquery treat these as syntax; readers type them as punctuation.
_QUERY_SYNTAX = re.compile(r"[\"'()*:^{}\[\]<>+\-~!&|\\/]")


def clean_query(query: str) -> str:
    return " ".join(_QUERY_SYNTAX.sub(" ", query).split())


def search_initiatives(query: str, *, request):
    """The requested page of matching live initiatives, best first, as result cards; None when
    there is nothing to search for."""
    cleaned = clean_query(query)
    if not cleaned:
        return None
    page = paginate(request, queries.live_initiatives().search(cleaned, operator="and"))
    cards = queries.initiative_cards().in_bulk([result.pk for result in page.object_list])
    page.object_list = [cards[result.pk] for result in page.object_list if result.pk in cards]
    return page
