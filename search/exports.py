"""Downloads of a search: every match of `/zoeken/` with the same parameters, in its order, as a
sheet in the import format (`initiatieven.services.exporting`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import QueryDict

from search import facets, searching
from search.engines import get_engine
from search.interface import COLLECTION_PARAM, FILTERS, SearchQuery

# More rows than this are cut off: a download, not a copy of the database.
MAX_EXPORT_ROWS = 10_000


@dataclass(frozen=True)
class SearchSelection:
    """The ids of the matches of a search (at most `limit`), how many match in all, and the
    problems in its parameters (then nothing was searched)."""

    query: SearchQuery
    page_ids: list[int]
    total: int
    problems: list[str]
    limit: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.page_ids)


def search_selection(query_params: QueryDict) -> SearchSelection:
    """Every match of the search in `query_params` in the order it asks for, at most
    MAX_EXPORT_ROWS, through the same parameters and engine as the search page; `page` and
    `per_page` are checked, not used."""
    limit = MAX_EXPORT_ROWS
    parsed = searching.parse(query_params, terms=facets.facet_terms())
    if parsed.problems:
        return SearchSelection(parsed.query, [], 0, list(parsed.problems), limit)
    query = replace(parsed.query, page=1)
    page_ids, total = get_engine().matching_ids(query, limit=limit)
    return SearchSelection(query, page_ids, total, [], limit)


def export_parameters(query: SearchQuery, *, sort: bool = True) -> str:
    """The query string that downloads what `query` finds: text, collection, facets, years and
    (with `sort`) the order; no page."""
    data = QueryDict(mutable=True)
    if query.text:
        data["q"] = query.text
    if query.collection:
        data[COLLECTION_PARAM] = query.collection
    for facet in FILTERS:
        if query.selected(facet):
            data.setlist(facet, list(query.selected(facet)))
    if sort and query.sort != "relevantie":
        data["sort"] = query.sort
    return data.urlencode()
