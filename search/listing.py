"""What the filter panel shows, for the search page and for the listings that share it.

The listings (all initiatives, a theme, a province) run the same search with their own facet
fixed, so their filters, counts and sort behave exactly as on `/zoeken/`; they show cards, and
the search page's help when the chosen filters leave fewer than three (`search.search_help`)."""

from __future__ import annotations

from django.core.paginator import Page
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatieven import queries
from initiatieven.pagination import page_of
from search import search_help, searching
from search.collections import live_collection
from search.interface import (
    COLLECTION_PARAM,
    DEFAULT_PER_PAGE,
    FACET_FIELDS,
    SORTS,
    UNKNOWN_YEAR,
    YEAR_FILTER,
    Overview,
    SearchResponse,
)

FACET_TITLES = {
    "thema": gettext_lazy("Theme"),
    "provincie": gettext_lazy("Province"),
    "sector": gettext_lazy("Sector"),
    "niveau": gettext_lazy("Education level"),
    "doelgroep": gettext_lazy("Target group"),
    "fase": gettext_lazy("Phase"),
}
# Without a search text relevance means nothing: listings offer the other orders.
LISTING_SORTS = ("nieuw", "titel")


def facet_title(facet: str) -> str:
    return str(FACET_TITLES[facet])


def sort_choices(sorts: tuple[str, ...] = SORTS) -> list[tuple[str, str]]:
    labels = {"relevantie": _("Relevance"), "nieuw": _("Newest"), "titel": _("Title")}
    return [(value, labels[value]) for value in sorts]


def extra_per_page(response: SearchResponse) -> int | None:
    """The page size to keep in the filter form when the address chose one."""
    per_page = response.query.per_page
    return per_page if per_page != DEFAULT_PER_PAGE else None


def facet_groups(response: SearchResponse, *, fixed: tuple[str, ...] = ()) -> list[dict]:
    """The facets worth showing: values that would find something or are ticked; a facet with
    none of those (or the listing's own) is left out."""
    groups = []
    for facet in FACET_FIELDS:
        if facet in fixed:
            continue
        values = [v for v in response.facets[facet] if v.count or v.selected]
        if values:
            groups.append(
                {
                    "name": facet,
                    "title": facet_title(facet),
                    "values": values,
                    "selected": sum(1 for v in values if v.selected),
                }
            )
    return groups


def active_filters(
    params: QueryDict, response: SearchResponse | Overview, *, fixed: tuple[str, ...] = ()
) -> list[dict]:
    """Each selected collection, facet value and start year with the URL (relative to
    `params`) that removes it."""
    active = []
    query = response.query
    if query.collection:
        remaining = params.copy()
        remaining.pop(COLLECTION_PARAM, None)
        remaining.pop("page", None)
        active.append(
            {
                "facet": _("Collection"),
                "label": collection_title(query.collection),
                "url": "?" + remaining.urlencode(),
            }
        )
    for facet, values in response.facets.items():
        if facet in fixed:
            continue
        for value in values:
            if value.selected:
                remaining = params.copy()
                remaining.setlist(
                    facet, [v for v in response.query.selected(facet) if v != value.value]
                )
                remaining.pop("page", None)
                active.append(
                    {
                        "facet": facet_title(facet),
                        "label": value.label,
                        "url": "?" + remaining.urlencode(),
                    }
                )
    for year in query.selected(YEAR_FILTER):
        remaining = params.copy()
        remaining.setlist(YEAR_FILTER, [y for y in query.selected(YEAR_FILTER) if y != year])
        remaining.pop("page", None)
        active.append(
            {
                "facet": _("Start year"),
                "label": _("unknown") if year == UNKNOWN_YEAR else year,
                "url": "?" + remaining.urlencode(),
            }
        )
    return active


def collection_title(slug: str) -> str:
    collection = live_collection(slug)
    return collection.title if collection else slug


def faceted_listing(
    request: HttpRequest, *, fixed: dict[str, str] | None = None, per_page: int = DEFAULT_PER_PAGE
) -> dict:
    """Template context for a card listing with the search page's filters and sort.

    `fixed` maps a facet to the one value this listing is about (a theme's page fixes `thema`);
    the address cannot change it. Without a `sort` the newest come first."""
    fixed = fixed or {}
    params = request.GET.copy()
    params.pop("q", None)  # a listing has no search text; that is what /zoeken/ is for
    for facet, value in fixed.items():
        params.setlist(facet, [value])
    if not params.get("sort"):
        params["sort"] = "nieuw"
    if not params.get("per_page"):
        params["per_page"] = str(per_page)
    response, problems = searching.run(params, clamp_page=True)

    cards = queries.initiative_cards().in_bulk([hit.page_id for hit in response.results])
    page_obj: Page = page_of(
        range(response.total), per_page=response.query.per_page, number=response.page
    )
    page_obj.object_list = [cards[hit.page_id] for hit in response.results if hit.page_id in cards]

    refine = params.copy()
    refine.pop("page", None)
    if refine.get("per_page") == str(per_page):
        refine.pop("per_page")
    fixed_names = tuple(fixed)
    active = active_filters(request.GET, response, fixed=fixed_names)
    help_ = None
    if active:  # unfiltered, the page is what was asked for (an empty one invites on its own)
        help_ = search_help.search_help(
            response, listing=search_help.Listing(url=request.path, fixed=fixed)
        )
    return {
        "search": response,
        "notices": problems + response.notices,
        "facet_groups": facet_groups(response, fixed=fixed_names),
        "sorts": sort_choices(LISTING_SORTS),
        "active_filters": active,
        "extra_per_page": extra_per_page(response),
        "initiatives": page_obj,
        "refine_url": reverse("search") + "?" + refine.urlencode(),
        "help": help_,
        "is_empty": response.total == 0 and not active,
    }
