"""What search adds to the content model's pages: the listing of all initiatives, collections
(their pages, the featured ones, those that hold an initiative), a collection's feed and the
check of its saved search. Registered as the hooks of `initiatieven.page_hooks`."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail import hooks

from initiatieven.models import (
    CollectionIndexPage,
    CollectionPage,
    HomePage,
    InitiativeIndexPage,
    InitiativePage,
)
from initiatieven.page_hooks import COLLECTION_FEED, COLLECTION_SELECTION, register_page_context
from initiatieven.pagination import INITIATIVES_PER_PAGE
from search import collection_pages, collections, related
from search.listing import faceted_listing

hooks.register(COLLECTION_FEED, collection_pages.feed)
hooks.register(COLLECTION_SELECTION, collection_pages.normalise_selection)


@register_page_context(HomePage)
def home_page(page: HomePage, request: HttpRequest) -> dict:
    return {"collections": collections.featured()}


@register_page_context(InitiativeIndexPage)
def initiative_index_page(page: InitiativeIndexPage, request: HttpRequest) -> dict:
    # Initiatives live only here, so the search's filters and sort list exactly these.
    return {
        **faceted_listing(request, per_page=INITIATIVES_PER_PAGE),
        "listing_action": page.get_url(request),
    }


@register_page_context(InitiativePage)
def initiative_page(page: InitiativePage, request: HttpRequest) -> dict:
    return {
        "collections": collections.collections_of(page),
        "related": related.related_initiatives(page),
    }


@register_page_context(CollectionIndexPage)
def collection_index_page(page: CollectionIndexPage, request: HttpRequest) -> dict:
    return collection_pages.index_context(page, request)


@register_page_context(CollectionPage)
def collection_page(page: CollectionPage, request: HttpRequest) -> dict:
    return collection_pages.page_context(page, request)
