"""Running a search from request parameters: shared by the search page, the JSON API, the
feeds, the overview and the exports."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.http import QueryDict
from django.utils.translation import gettext as _

from search import facets, params, suggestions
from search.engines import get_engine
from search.interface import UPDATED_SORT, SearchQuery, SearchResponse, Suggestions


def parse(query_params: QueryDict, *, terms: facets.FacetTerms) -> params.ParsedParams:
    """The search in `query_params`, its collection (`collectie`) resolved to the ids of the
    initiatives it holds; an unknown collection is a problem and is left out."""
    from search import collections

    parsed = params.parse(query_params, terms=terms)
    slug = parsed.query.collection
    if not slug:
        return parsed
    collection = collections.live_collection(slug)
    if collection is None:
        problem = _("Unknown collection '%(value)s'.") % {"value": slug}
        return params.ParsedParams(
            query=replace(parsed.query, collection=""), problems=[*parsed.problems, problem]
        )
    members = collections.members(collection)
    return params.ParsedParams(
        query=replace(parsed.query, within=tuple(members)), problems=parsed.problems
    )


def run(query_params: QueryDict, *, clamp_page: bool) -> tuple[SearchResponse, list[str]]:
    """Search with `query_params`; returns the response and the problems found in them.

    With `clamp_page`, a page past the last one shows the last page (and says so)."""
    terms = facets.facet_terms()
    parsed = parse(query_params, terms=terms)
    engine = get_engine()
    response = engine.search(parsed.query, terms=terms)
    problems = list(parsed.problems)
    if parsed.query.page > response.pages:
        problems.append(params.page_out_of_range(parsed.query.page, response.pages))
        if clamp_page:
            response = engine.search(replace(parsed.query, page=response.pages), terms=terms)
    return response, problems


def suggest(query_params: QueryDict) -> tuple[Suggestions, list[str]]:
    """Suggestions for the text typed so far (`q`), and the problems found in it (then nothing
    was suggested)."""
    text, problems = suggestions.read(query_params)
    engine = get_engine()
    if problems or suggestions.prefixes_of(text) is None:
        return Suggestions(text=text, engine=engine.name, items=[]), problems
    return engine.suggestions(text), []


@dataclass(frozen=True)
class LatestUpdates:
    """What a feed of a search lists: the parsed search, the ids of its matches last published
    first, the problems in its parameters (then nothing was searched) and the facet labels."""

    query: SearchQuery
    page_ids: list[int]
    problems: list[str]
    terms: facets.FacetTerms


def latest_updates(query_params: QueryDict, *, limit: int) -> LatestUpdates:
    """The search in `query_params` for a feed: at most `limit` matches, last published first,
    whatever sort or page the parameters ask for (those are still checked)."""
    terms = facets.facet_terms()
    parsed = parse(query_params, terms=terms)
    if parsed.problems:
        return LatestUpdates(parsed.query, [], list(parsed.problems), terms)
    query = replace(parsed.query, sort=UPDATED_SORT, page=1, per_page=limit)
    response = get_engine().search(query, terms=terms)
    return LatestUpdates(parsed.query, [hit.page_id for hit in response.results], [], terms)
