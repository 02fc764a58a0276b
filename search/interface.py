"""The one search interface: what a search asks and what every engine answers, as plain data.

Views, the JSON API and templates use only these types; `search.engines.get_engine()` picks the
engine from settings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Public parameter name -> InitiativePage field, in the order facets are shown.
FACET_FIELDS: dict[str, str] = {
    "thema": "themes",
    "provincie": "province",
    "sector": "sectors",
    "niveau": "education_levels",
    "doelgroep": "target_groups",
    "fase": "phase",
}
# Not a facet, but a filter of the same kind: start years ("2021"), or UNKNOWN_YEAR for
# initiatives without one. The overview in numbers links its year counts to it.
YEAR_FILTER = "startjaar"
UNKNOWN_YEAR = "onbekend"
FILTERS = (*FACET_FIELDS, YEAR_FILTER)
# Limits a search to the initiatives of one collection (its slug).
COLLECTION_PARAM = "collectie"
SORTS = ("relevantie", "nieuw", "titel")
# Last published first: the order of the Atom feeds, not a public `sort` value.
UPDATED_SORT = "bijgewerkt"
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchQuery:
    """A validated search: free text, selected facet values (slugs) and start years, sort and
    page. `within`, when set, limits it to those page ids (the collection `collection`)."""

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevantie"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    collection: str = ""
    within: tuple[int, ...] | None = None

    def selected(self, facet: str) -> tuple[str, ...]:
        return self.filters.get(facet, ())


@dataclass(frozen=True)
class Term:
    slug: str
    label: str


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class SearchHit:
    page_id: int
    title: str
    url: str
    summary: str
    highlight: str  # safe HTML: escaped text with <mark> around matches
    province: Term | None
    themes: list[Term]
    sectors: list[Term]
    phase: Term | None
    start_year: int | None
    last_published: datetime.datetime | None


@dataclass
class SearchResponse:
    query: SearchQuery
    engine: str
    total: int
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def page(self) -> int:
        return self.query.page


@dataclass(frozen=True)
class Matrix:
    """Initiatives by two facets at once: `counts[row][column]`, every value of each facet
    (zeros included), counted under the selections of the other facets."""

    rows: str
    columns: str
    counts: dict[str, dict[str, int]]


@dataclass
class Overview:
    """The numbers of a search: its total and facets (as `SearchResponse` has them), the start
    years ("2021", or UNKNOWN_YEAR) and cross counts of pairs of facets."""

    query: SearchQuery
    engine: str
    total: int
    facets: dict[str, list[FacetValue]]
    years: dict[str, int]
    matrices: list[Matrix]
    notices: list[str] = field(default_factory=list)


# Suggestions while typing (`/api/zoeken/suggesties/`): the kinds, in the order they are shown,
# with at most this many of each.
SUGGESTION_LIMITS: dict[str, int] = {
    "thema": 3,
    "provincie": 2,
    "organisatie": 3,
    "initiatief": 5,
}
MIN_SUGGEST_LENGTH = 2  # letters or digits typed before anything is suggested
MAX_SUGGEST_LENGTH = 100


@dataclass(frozen=True)
class Suggestion:
    """One suggestion: what it says, its kind (a key of SUGGESTION_LIMITS) and where it leads
    (a path on this site)."""

    kind: str
    label: str
    url: str


@dataclass
class Suggestions:
    text: str
    engine: str
    items: list[Suggestion]
