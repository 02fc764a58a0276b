"""What a collection's page shows and offers: its initiatives a page at a time, their numbers
(each linking to the search), downloads and a feed; and the check of a saved search."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven import downloads, feeds, queries
from initiatieven.breadcrumbs import breadcrumbs
from initiatieven.models import CollectionPage, InitiativePage
from initiatieven.pagination import COLLECTION_INITIATIVES_PER_PAGE, COLLECTIONS_PER_PAGE, page_of
from search import facets, params
from search.collections import member_counts, members
from search.engines import get_engine
from search.exports import export_parameters
from search.interface import COLLECTION_PARAM, FacetValue, SearchQuery
from search.listing import facet_title
from search.overview import search_link

# What a collection page counts its initiatives by (each count links to the search).
SUMMARY_FACETS = ("provincie", "thema", "fase")


def normalise_selection(raw: str) -> str:
    """The saved search in `raw` (an address of /zoeken/, its query string, or just words) as
    the query string /zoeken/ takes, without paging or order. Raises ValueError saying what
    is wrong (an unknown theme, say)."""
    text = raw.strip()
    if "?" in text:
        text = text.split("?", 1)[1]
    text = text.split("#", 1)[0]
    data = QueryDict(text) if "=" in text else QueryDict(urlencode({"q": text}))
    if COLLECTION_PARAM in data:
        raise ValueError(_("A saved search cannot itself be limited to a collection."))
    parsed = params.parse(data, terms=facets.facet_terms())
    if parsed.problems:
        raise ValueError(" ".join(parsed.problems))
    return export_parameters(parsed.query, sort=False)


# --- pages --------------------------------------------------------------------------------


def search_url(collection: CollectionPage, **selected: str) -> str:
    """/zoeken/ limited to `collection`, with facet values chosen (`provincie="utrecht"`)."""
    return search_link(QueryDict(urlencode({COLLECTION_PARAM: collection.slug})), **selected)


@dataclass(frozen=True)
class SummaryGroup:
    facet: str
    title: str
    values: list[tuple[FacetValue, str]]  # each value that occurs, with its search URL


def summary(collection: CollectionPage, ids: list[int]) -> list[SummaryGroup]:
    """Counts of the collection's initiatives by province, theme and phase, as the search
    limited to the collection counts them, each with the URL of that search."""
    overview = get_engine().overview(
        SearchQuery(collection=collection.slug, within=tuple(ids), per_page=1)
    )
    groups = []
    for facet in SUMMARY_FACETS:
        values = [
            (value, search_url(collection, **{facet: value.value}))
            for value in overview.facets[facet]
            if value.count
        ]
        values.sort(key=lambda pair: -pair[0].count)
        groups.append(SummaryGroup(facet=facet, title=facet_title(facet), values=values))
    return groups


def page_context(collection: CollectionPage, request: HttpRequest) -> dict:
    """What a collection page shows: its initiatives (a page of cards, with the curator's
    notes), the numbers, and the ways to search, download, subscribe and count further."""
    ids = members(collection)
    page_obj = page_of(
        ids, per_page=COLLECTION_INITIATIVES_PER_PAGE, number=request.GET.get("page")
    )
    cards = queries.initiative_cards().in_bulk(list(page_obj.object_list))
    notes = (
        {item.initiative_id: item.note for item in collection.items.all() if item.note}
        if not collection.is_selection
        else {}
    )
    page_obj.object_list = [
        {"initiative": cards[pk], "note": notes.get(pk, "")}
        for pk in page_obj.object_list
        if pk in cards
    ]
    url = collection.get_url(request) or ""
    return {
        "total": len(ids),
        "initiatives": page_obj,
        "summary": summary(collection, ids) if ids else [],
        "search_url": search_url(collection),
        "saved_search_url": (
            reverse("search") + "?" + collection.selection if collection.is_selection else ""
        ),
        "overview_url": reverse("overview") + "?" + urlencode({COLLECTION_PARAM: collection.slug}),
        "csv_url": reverse("collection_export", args=[collection.slug, "csv"]),
        "xlsx_url": reverse("collection_export", args=[collection.slug, "xlsx"]),
        "feed": feeds.feed_link(url + "feed/", collection_feed_title(collection)),
        "breadcrumbs": breadcrumbs(collection, request),
    }


def index_context(index, request: HttpRequest) -> dict:
    """The collections under `index`, a page at a time, each with its number of initiatives."""
    collections = (
        CollectionPage.objects.child_of(index)
        .live()
        .public()
        .select_related("image")
        .order_by("path")
    )
    page_obj = page_of(collections, per_page=COLLECTIONS_PER_PAGE, number=request.GET.get("page"))
    chosen = list(page_obj.object_list)
    counts = member_counts(chosen)
    page_obj.object_list = [{"page": c, "count": counts[c.pk]} for c in chosen]
    return {"collections": page_obj, "breadcrumbs": breadcrumbs(index, request)}


# --- downloads and feed -------------------------------------------------------------------


def download(collection: CollectionPage, file_format: str):
    """The collection's initiatives, in its order, as a CSV or XLSX download."""
    ids = members(collection)
    if file_format == "csv":
        response = downloads.csv_download(page_ids=ids)
    else:
        response = downloads.xlsx_download(page_ids=ids)
    response["X-Export-Total"] = str(len(ids))
    return response


def collection_feed_title(collection: CollectionPage) -> str:
    return feeds.feed_title(_("in the collection %(title)s") % {"title": collection.title})


class CollectionFeed(feeds.InitiativeFeed):
    def get_object(self, request: HttpRequest, collection: CollectionPage) -> feeds.FeedSubject:
        ids = members(collection)
        return feeds.subject_for(
            request,
            title=collection_feed_title(collection),
            subtitle=_("New and updated initiatives in this collection."),
            link=collection.get_url(request) or "/",
            entries=queries.feed_entries(InitiativePage.objects.filter(pk__in=ids)),
        )


def feed(collection: CollectionPage, request: HttpRequest):
    return CollectionFeed()(request, collection=collection)
