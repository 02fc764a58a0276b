"""Help when a search finds nothing or very little: a correction, the same search without its
filters, themes to browse and an invitation to add an initiative. The search page and the
filtered listings (`search.listing`) show it and the JSON API returns it, so that no search
ends on an empty page."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.urls import reverse
from django.utils.http import urlencode

from search import dutch, facets, planner
from search.engines import get_engine
from search.interface import COLLECTION_PARAM, Overview, SearchQuery, SearchResponse

# Fewer results than this count as "very little".
FEW_RESULTS = 3
MAX_THEMES = 4
# A search of several words checks at most this many of them, one count each, for words that
# find nothing: bounded work for a help that a long query should not make slow.
MAX_WORDS_CHECKED = 5


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int | None = None


@dataclass(frozen=True)
class SearchHelp:
    suggestion: Link | None  # "did you mean": a corrected search that finds more
    without_filters: Link | None  # the same words without filters, when that finds more
    # The same search (filters kept) without the words that find nothing, when that finds more.
    without_unmatched: Link | None
    unmatched_words: list[str]  # the left-out words, for saying so
    themes: list[Link]  # themes close to the words, or the largest ones
    add_initiative_url: str


@dataclass(frozen=True)
class Listing:
    """A listing without search words at `url` (all initiatives, a theme's or a province's
    page) whose `fixed` facet values (theme -> its slug) the address cannot change."""

    url: str
    fixed: dict[str, str] = field(default_factory=dict)


def search_help(response: SearchResponse, *, listing: Listing | None = None) -> SearchHelp | None:
    """Help for `response` when it found fewer than FEW_RESULTS, or None. On a `listing` the
    broader search is the listing itself, without the filters chosen on it."""
    query = response.query
    if response.total >= FEW_RESULTS or response.query.page > 1:
        return None
    # Every facet value is in the response (zeros included): its labels, without a query.
    terms: facets.FacetTerms = {
        facet: {value.value: value.label for value in values}
        for facet, values in response.facets.items()
    }
    engine = get_engine()
    suggestion = None
    corrected = response.suggestion or (engine.suggest(query.text) if query.text else None)
    if corrected:
        suggestion = Link(label=corrected, url=_search_url(corrected, query))
    fixed = {facet: (value,) for facet, value in (listing.fixed if listing else {}).items()}
    without_filters, broader = None, response
    if query.collection or _chosen(query.filters) != fixed:
        # Counts only (no hits to read): the engine's overview without matrices.
        broader = engine.overview(SearchQuery(text=query.text, filters=fixed), terms=terms)
        if broader.total > response.total:
            url = listing.url if listing else _search_url(query.text)
            without_filters = Link(label=query.text, url=url, count=broader.total)
    without_unmatched, unmatched = _without_unmatched_words(response, engine, terms)
    return SearchHelp(
        suggestion=suggestion,
        without_filters=without_filters,
        without_unmatched=without_unmatched,
        unmatched_words=unmatched,
        themes=_themes(query.text, broader, engine, terms, leave_out=fixed.get("thema", ())),
        add_initiative_url=reverse("add_initiative"),
    )


def as_json(help_: SearchHelp | None, request) -> dict | None:
    if help_ is None:
        return None

    def link(value: Link | None) -> dict | None:
        if value is None:
            return None
        return {
            "label": value.label,
            "url": request.build_absolute_uri(value.url),
            **({"total": value.count} if value.count is not None else {}),
        }

    return {
        "suggestion": link(help_.suggestion),
        "without_filters": link(help_.without_filters),
        "without_unmatched_words": link(help_.without_unmatched),
        "unmatched_words": help_.unmatched_words,
        "themes": [link(theme) for theme in help_.themes],
        "add_initiative_url": request.build_absolute_uri(help_.add_initiative_url),
    }


def _without_unmatched_words(
    response: SearchResponse, engine, terms: facets.FacetTerms
) -> tuple[Link | None, list[str]]:
    """The search of `response` without its words that find nothing on their own (with the
    same filters), and those words, when it finds more; else (None, []). Only the first
    MAX_WORDS_CHECKED words are counted, one overview each, plus one for the rest together."""
    query = response.query
    words = list(dict.fromkeys(group.word for group in planner.plan_query(query.text)))
    if len(words) < 2:
        return None, []
    counts = {
        word: engine.overview(replace(query, text=word, page=1), terms=terms).total
        for word in words[:MAX_WORDS_CHECKED]
    }
    unmatched = [word for word, count in counts.items() if not count]
    kept = [word for word in words if word not in unmatched]
    if not unmatched or not kept:
        return None, []
    text = " ".join(kept)
    if len(kept) == 1 and kept[0] in counts:
        total = counts[kept[0]]
    else:
        total = engine.overview(replace(query, text=text, page=1), terms=terms).total
    if total <= response.total:
        return None, []
    return Link(label=text, url=_search_url(text, query), count=total), unmatched


def _chosen(filters: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {facet: values for facet, values in filters.items() if values}


def _search_url(text: str, query: SearchQuery | None = None) -> str:
    """The search page for `text`, with the filters of `query` when given."""
    params: list[tuple[str, str]] = [("q", text)] if text else []
    if query is not None:
        params += [(name, value) for name, values in query.filters.items() for value in values]
        if query.collection:
            params.append((COLLECTION_PARAM, query.collection))
    return reverse("search") + ("?" + urlencode(params) if params else "")


def _themes(
    text: str,
    broader: SearchResponse | Overview,
    engine,
    terms: facets.FacetTerms,
    *,
    leave_out: tuple[str, ...] = (),
) -> list[Link]:
    """Themes whose names share a word with the search (its synonyms and corrections
    included), then the themes of what the search finds without filters, then the largest
    themes: at most MAX_THEMES, each with its number of initiatives, none of `leave_out` (the
    theme whose page this is)."""
    labels = terms["thema"]
    everything = broader
    if broader.query.text or broader.query.collection or _chosen(broader.query.filters):
        everything = engine.overview(SearchQuery(), terms=terms)
    sizes = {value.value: value.count for value in everything.facets["thema"]}
    chosen = [slug for slug in _themes_named_in(text, labels) if sizes.get(slug)]
    by_count = sorted(broader.facets["thema"], key=lambda value: -value.count)
    chosen += [value.value for value in by_count if value.count]
    chosen += sorted(sizes, key=lambda slug: -sizes[slug])
    links = []
    for slug in dict.fromkeys(chosen):
        if sizes.get(slug) and slug not in leave_out and len(links) < MAX_THEMES:
            url = reverse("theme_detail", kwargs={"slug": slug})
            links.append(Link(label=labels.get(slug, slug), url=url, count=sizes[slug]))
    return links


def _themes_named_in(text: str, labels: dict[str, str]) -> list[str]:
    """Slugs of the themes whose name holds a word of `text`, a synonym of one or a known
    correction of one, by Dutch stem (and compound part: 'zorg' names 'Informele zorg')."""
    if not text:
        return []
    wanted = planner.stems_of(planner.plan_query(text))
    if not wanted:
        return []
    named = []
    for slug, label in labels.items():
        if wanted & set(dutch.index_terms(label)):
            named.append(slug)
    return named
