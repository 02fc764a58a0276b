"""What a collection holds and shows: its initiatives (hand-picked or found by its saved search),
its numbers, downloads and feed, and the collections an initiative is in.

Only live, public initiatives are ever members. Members of a saved search are remembered in the
cache until the live initiatives or the collection change, so an initiative page can say which
collections hold it without running every saved search again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven import downloads, feeds, queries
from initiatieven.models import CollectionItem, CollectionPage, InitiativePage
from initiatieven.models.collections import (
    COLLECTIONS_PER_PAGE,
    INITIATIVES_PER_PAGE,
    MAX_SELECTION_SIZE,
    CollectionKind,
    SelectionSort,
)
from search import facets, params
from search.engines import get_engine
from search.exports import export_parameters
from search.interface import COLLECTION_PARAM, FacetValue, SearchQuery
from search.overview import search_link

# What a collection page counts its initiatives by (each count links to the search).
SUMMARY_FACETS = ("provincie", "thema", "fase")
FEATURED_LIMIT = 6
MEMBERS_CACHE_SECONDS = 3600


def live_collections():
    return CollectionPage.objects.live().public()


def live_collection(slug: str) -> CollectionPage | None:
    return live_collections().filter(slug=slug).order_by("path").first()


# --- the saved search ---------------------------------------------------------------------


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


def saved_query(collection: CollectionPage) -> SearchQuery:
    """The search a collection by selection runs, in its own order."""
    parsed = params.parse(QueryDict(collection.selection), terms=facets.facet_terms())
    return replace(parsed.query, sort=collection.selection_sort or SelectionSort.NEWEST)


# --- members ------------------------------------------------------------------------------


def members(collection: CollectionPage) -> list[int]:
    """Ids of the live, public initiatives `collection` holds, in its order."""
    if collection.is_selection:
        return _selection_members(collection)
    chosen = [item.initiative_id for item in collection.items.all()]
    visible = set(queries.live_initiatives().filter(pk__in=chosen).values_list("pk", flat=True))
    ordered: list[int] = []
    for pk in chosen:
        if pk in visible and pk not in ordered:
            ordered.append(pk)
    return ordered


def live_version() -> str:
    """Changes whenever an initiative is published, unpublished or deleted (one query)."""
    live = queries.live_initiatives().aggregate(
        count=Count("pk"), published=Max("last_published_at"), highest=Max("pk")
    )
    return f"{live['count']}|{live['published']}|{live['highest']}"


def _selection_members(collection: CollectionPage, version: str | None = None) -> list[int]:
    """The saved search's matches, remembered until the live initiatives change (`version`,
    read here when the caller has not)."""
    limit = collection.selection_limit or MAX_SELECTION_SIZE
    recipe = "|".join(
        (collection.selection, collection.selection_sort, str(limit), version or live_version())
    )
    key = "collection-members:" + hashlib.sha256(recipe.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        query = saved_query(collection)
        found, _total = get_engine().matching_ids(query, limit=limit)
        cache.set(key, found, MEMBERS_CACHE_SECONDS)
    return list(found)


def member_counts(collections: list[CollectionPage]) -> dict[int, int]:
    """Collection id -> how many live initiatives it holds, for a listing of collections."""
    hand_picked = [c.pk for c in collections if not c.is_selection]
    counts = dict(
        CollectionItem.objects.filter(
            collection_id__in=hand_picked, initiative__in=queries.live_initiatives().values("pk")
        )
        .values("collection_id")
        .annotate(n=Count("initiative_id", distinct=True))
        .values_list("collection_id", "n")
    )
    version = live_version() if any(c.is_selection for c in collections) else ""
    for collection in collections:
        if collection.is_selection:
            counts[collection.pk] = len(_selection_members(collection, version))
    return {collection.pk: counts.get(collection.pk, 0) for collection in collections}


def collections_of(initiative: InitiativePage) -> list[CollectionPage]:
    """The live, public collections that hold `initiative`, in the order of the index."""
    candidates = list(
        live_collections()
        .filter(Q(kind=CollectionKind.SELECTION) | Q(items__initiative=initiative))
        .distinct()
        .order_by("path")
    )
    version = live_version() if any(c.is_selection for c in candidates) else ""
    return [
        collection
        for collection in candidates
        if not collection.is_selection or initiative.pk in _selection_members(collection, version)
    ]


def featured() -> list[dict]:
    """The featured collections for the home page, each with its number of initiatives."""
    chosen = list(
        live_collections()
        .filter(featured=True)
        .select_related("image")
        .order_by("path")[:FEATURED_LIMIT]
    )
    counts = member_counts(chosen)
    return [{"page": c, "count": counts[c.pk]} for c in chosen]


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
    from search.listing import facet_title

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
    from initiatieven.models.pages import breadcrumbs

    ids = members(collection)
    page_obj = Paginator(ids, INITIATIVES_PER_PAGE).get_page(request.GET.get("page"))
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
    from initiatieven.models.pages import breadcrumbs

    collections = (
        CollectionPage.objects.child_of(index)
        .live()
        .public()
        .select_related("image")
        .order_by("path")
    )
    page_obj = Paginator(collections, COLLECTIONS_PER_PAGE).get_page(request.GET.get("page"))
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
