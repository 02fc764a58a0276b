"""Reading search parameters from a request: the page ignores bad values with a notice, the
API answers 400 with the same messages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from search.interface import (
    COLLECTION_PARAM,
    DEFAULT_PER_PAGE,
    FACET_FIELDS,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    SORTS,
    UNKNOWN_YEAR,
    YEAR_FILTER,
    SearchQuery,
)

EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# More values than any vocabulary has: a longer list is a mistake or an attack.
MAX_VALUES = 100
# How deep anyone may page, on every engine: Elasticsearch's own window (index.max_result_window),
# so that both engines answer the same and a deep page is a clear 400, not an engine error.
MAX_RESULT_WINDOW = 10_000
BEYOND_ANY_LIMIT = 10**9


@dataclass
class ParsedParams:
    query: SearchQuery
    problems: list[str] = field(default_factory=list)


def parse(params: QueryDict, *, terms: dict[str, dict[str, str]]) -> ParsedParams:
    """A valid SearchQuery from `params`, leaving out (and describing) every bad value."""
    problems: list[str] = []
    # Longer texts are cut rather than refused: a pasted paragraph still searches.
    text = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]

    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACET_FIELDS:
        chosen: list[str] = []
        for raw in params.getlist(facet):
            for value in raw.split(","):
                value = value.strip()
                if not value:
                    continue
                if value not in terms[facet]:
                    problems.append(
                        _("Unknown value '%(value)s' for '%(facet)s'. Allowed: %(allowed)s.")
                        % {"value": value, "facet": facet, "allowed": ", ".join(terms[facet])}
                    )
                elif value not in chosen:
                    chosen.append(value)
        if chosen:
            filters[facet] = tuple(chosen)
    years = _years(params, problems)
    if years:
        filters[YEAR_FILTER] = years
    collection = params.get(COLLECTION_PARAM, "").strip()[:100]

    sort = params.get("sort", "relevantie") or "relevantie"
    if sort not in SORTS:
        problems.append(
            _("Unknown sort order '%(value)s'. Allowed: %(allowed)s.")
            % {"value": sort, "allowed": ", ".join(SORTS)}
        )
        sort = "relevantie"

    page = _positive_int(params, "page", 1, problems)
    per_page = _positive_int(params, "per_page", DEFAULT_PER_PAGE, problems)
    if per_page > MAX_PER_PAGE:
        problems.append(
            _("'per_page' may be at most %(limit)s; got %(value)s.")
            % {"limit": MAX_PER_PAGE, "value": per_page}
        )
        per_page = MAX_PER_PAGE
    if page * per_page > MAX_RESULT_WINDOW:
        last = MAX_RESULT_WINDOW // per_page
        problems.append(
            _(
                "Only the first %(window)s results can be paged through: with %(per_page)s per "
                "page that is up to page %(last)s; got page %(page)s. Narrow the search instead."
            )
            % {
                "window": number_format(MAX_RESULT_WINDOW, force_grouping=True),
                "per_page": per_page,
                "last": last,
                "page": page,
            }
        )
        page = last

    query = SearchQuery(
        text=text,
        filters=filters,
        sort=sort,
        page=page,
        per_page=per_page,
        collection=collection,
    )
    return ParsedParams(query=query, problems=problems)


def _years(params: QueryDict, problems: list[str]) -> tuple[str, ...]:
    """The start years asked for ("2021", or UNKNOWN_YEAR), each once, in the order given."""
    chosen: list[str] = []
    for raw in params.getlist(YEAR_FILTER):
        for value in raw.split(","):
            value = value.strip()
            if not value:
                continue
            if value == UNKNOWN_YEAR or (
                len(value) == 4
                and value.isascii()
                and value.isdigit()
                and EARLIEST_YEAR <= int(value) <= LATEST_YEAR
            ):
                if value not in chosen:
                    chosen.append(value)
            else:
                problems.append(
                    _(
                        "Unknown value '%(value)s' for '%(facet)s'. Allowed: a year from "
                        "%(earliest)s to %(latest)s, or '%(unknown)s'."
                    )
                    % {
                        "value": value[:20],
                        "facet": YEAR_FILTER,
                        "earliest": EARLIEST_YEAR,
                        "latest": LATEST_YEAR,
                        "unknown": UNKNOWN_YEAR,
                    }
                )
    return tuple(chosen[:MAX_VALUES])


def _positive_int(params: QueryDict, name: str, default: int, problems: list[str]) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    # isdigit() also accepts superscript and circled digits, which int() refuses; int() also
    # refuses more than 4,300 digits, and any number past nine digits is past every limit anyway.
    digits = raw.lstrip("0")
    if raw.isascii() and raw.isdigit() and digits:
        return min(int(digits[:10]), BEYOND_ANY_LIMIT)
    problems.append(
        _("'%(name)s' must be a whole number of 1 or more; got '%(value)s'.")
        % {"name": name, "value": raw[:20]}
    )
    return default


def page_out_of_range(page: int, pages: int) -> str:
    return ngettext(
        "Page %(page)s does not exist; there is %(pages)s page.",
        "Page %(page)s does not exist; there are %(pages)s pages.",
        pages,
    ) % {"page": page, "pages": pages}
