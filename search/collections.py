"""What a collection holds: its initiatives (hand-picked or found by its saved search), and the
collections an initiative is in. What a collection's page shows is `search.collection_pages`.

Only live, public initiatives are ever members. Members of a saved search are remembered in the
cache until the live initiatives or the collection change, so an initiative page can say which
collections hold it without running every saved search again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.http import QueryDict

from initiatieven import queries
from initiatieven.models import CollectionItem, CollectionPage, InitiativePage
from initiatieven.models.collections import MAX_SELECTION_SIZE, CollectionKind, SelectionSort
from search import facets, params
from search.engines import get_engine
from search.interface import SearchQuery

FEATURED_LIMIT = 6
SLUG = re.compile(r"[-\w]+")
MEMBERS_CACHE_SECONDS = 3600


def live_collections():
    return CollectionPage.objects.live().public()


def live_collection(slug: str) -> CollectionPage | None:
    # Only a slug goes to the database: PostgreSQL refuses text with a NUL (a 500).
    if not SLUG.fullmatch(slug):
        return None
    return live_collections().filter(slug=slug).order_by("path").first()


# --- the saved search ---------------------------------------------------------------------


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
