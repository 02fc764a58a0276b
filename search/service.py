"""Running a search from request parameters: shared by the search page and the JSON API."""

from __future__ import annotations

from dataclasses import replace

from django.http import QueryDict

from search import facets, params
from search.engines import get_engine
from search.interface import SearchResponse


def run(query_params: QueryDict, *, clamp_page: bool) -> tuple[SearchResponse, list[str]]:
    """Search with `query_params`; returns the response and the problems found in them.

    With `clamp_page`, a page past the last one shows the last page (and says so)."""
    terms = facets.facet_terms()
    parsed = params.parse(query_params, terms=terms)
    engine = get_engine()
    response = engine.search(parsed.query, terms=terms)
    problems = list(parsed.problems)
    if parsed.query.page > response.pages:
        problems.append(params.page_out_of_range(parsed.query.page, response.pages))
        if clamp_page:
            response = engine.search(replace(parsed.query, page=response.pages), terms=terms)
    return response, problems
