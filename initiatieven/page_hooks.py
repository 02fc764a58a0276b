"""Where the apps above the content model add to its pages.

A page model knows its fields, its editor and its place in the tree; what its page shows
besides (the initiatives a listing finds, the collections that hold an initiative, counts) is
added by the app that knows it, through a Wagtail hook that app registers in its
`wagtail_hooks`. The page asks for the hooks when it is shown, so the content model imports
none of those apps: dependencies run one way, from search (and initiatieven's own reads)
down to the models.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import Page

# `fn(collection, request) -> HttpResponse`: a collection's Atom feed (at `<collection>/feed/`).
COLLECTION_FEED = "kennisbank_collection_feed"
# `fn(text) -> str`: a collection's saved search as it is stored; raises ValueError saying what
# is wrong with it, which the editor sees on the field.
COLLECTION_SELECTION = "kennisbank_collection_selection"


def _context_hook(model: type[Page]) -> str:
    return f"kennisbank_page_context:{model._meta.label_lower}"


def register_page_context(model: type[Page]) -> Callable:
    """Decorator: `fn(page, request) -> dict` adds to the template context of `model`'s pages,
    in the order the apps are installed."""
    return hooks.register(_context_hook(model))


def page_context(page: Page, request: HttpRequest) -> dict:
    """What the registered hooks add to the context of `page` (of its own, specific type)."""
    context: dict = {}
    for add in hooks.get_hooks(_context_hook(type(page))):
        context.update(add(page, request))
    return context


class ContextFromHooks:
    """For a page model: its template context gets what the registered hooks add."""

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context


def only_hook(name: str) -> Callable | None:
    """The function registered under `name` (the last one, when apps register several)."""
    found = hooks.get_hooks(name)
    return found[-1] if found else None


def collection_feed(collection: Page, request: HttpRequest) -> HttpResponse:
    feed = only_hook(COLLECTION_FEED)
    if feed is None:
        raise Http404
    return feed(collection, request)


def normalise_selection(text: str) -> str:
    """The saved search `text` as stored (as typed when no app reads saved searches)."""
    normalise = only_hook(COLLECTION_SELECTION)
    return normalise(text) if normalise is not None else text
