"""How many cards a listing shows at a time, and the page of them a request asks for."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Page, Paginator

# All initiatives, a theme's, a province's.
INITIATIVES_PER_PAGE = 20
# The collections index, and the initiatives of one collection.
COLLECTIONS_PER_PAGE = 24
COLLECTION_INITIATIVES_PER_PAGE = 24


def page_of(items: Sequence, *, per_page: int, number: str | int | None) -> Page:
    """The page `number` of `items` (the last for a number past it, the first for anything
    that is no number, as Django's `Paginator.get_page`)."""
    return Paginator(items, per_page).get_page(number)
