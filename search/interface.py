"""The one search interface: what a search asks and what every engine answers, as plain data,
and the contract every engine fulfils (`SearchEngine`), for reading and for writing.

Views, the JSON API and templates use only these types; `search.engines.get_engine()` picks the
engine from settings, in that one place.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from search.documents import SearchDocument

# The public filter parameters (facets, start year, collection) are the content model's.
from initiatieven.listing_parameters import COLLECTION_PARAM as COLLECTION_PARAM
from initiatieven.listing_parameters import FACET_FIELDS, YEAR_FILTER

UNKNOWN_YEAR = "onbekend"
FILTERS = (*FACET_FIELDS, YEAR_FILTER)
# Facet parameter -> {slug: label} in display order (`search.facets.facet_terms()`).
FacetTerms = dict[str, dict[str, str]]
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


# Wraps an iterable of `total` items to show progress: (items, total, description) -> items.
Progress = Callable[[Iterable, int, str], Iterable]


@dataclass
class IndexStatus:
    """How an engine's index stands against the live initiatives; `problems` say what to do."""

    engine: str
    live_initiatives: int
    pending: int = 0
    elasticsearch: dict | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


@runtime_checkable
class SearchEngine(Protocol):
    """What every engine does. Callers get one from `search.engines.get_engine()` and never ask
    which one it is."""

    name: str

    # --- reading ----------------------------------------------------------------------------

    def search(self, query: SearchQuery, *, terms: FacetTerms | None = None) -> SearchResponse:
        """One page of results with facet counts; `terms` are the facet values when read."""

    def matching_ids(self, query: SearchQuery, *, limit: int) -> tuple[list[int], int]:
        """The ids of the first `limit` matches in the query's order, and how many match."""

    def overview(
        self,
        query: SearchQuery,
        *,
        pairs: tuple[tuple[str, str], ...] = (),
        terms: FacetTerms | None = None,
    ) -> Overview:
        """Total, facet counts, start years and a matrix per pair of facets."""

    def suggest(self, text: str) -> str | None:
        """A corrected `text` that finds something ("did you mean"), or None."""

    def suggestions(self, text: str) -> Suggestions:
        """What to suggest while `text` is typed: titles, themes, provinces, organisations."""

    def related(self, page_id: int, *, limit: int) -> list[int]:
        """Ids of the live initiatives most like `page_id`, most alike first."""

    # --- writing ----------------------------------------------------------------------------

    def index(
        self, page_ids: Collection[int], *, documents: Mapping[int, SearchDocument] | None = None
    ) -> None:
        """Bring these initiatives up to date in the index: indexed when live and public,
        removed otherwise. `documents`: their search documents when already built. Called
        inside the transaction that changed them; what cannot be written now is queued in it."""

    def remove(self, page_ids: Collection[int]) -> None:
        """These initiatives are gone (deleted, unpublished, private): out of the index."""

    def bulk(self) -> AbstractContextManager[None]:
        """Within, changes may be gathered and written in batches (an import)."""

    def catch_up(self, *, limit: int | None) -> int:
        """Send at most `limit` queued changes (all with None); returns how many were sent."""

    def rebuild(self, *, progress: Progress) -> dict:
        """Build the index anew from every live initiative."""

    def update(self, *, progress: Progress) -> dict:
        """Repair the index: send queued changes, add what is missing or older, drop the rest."""

    def status(self) -> IndexStatus:
        """How the index stands."""


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
