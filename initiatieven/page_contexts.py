"""What the content model's own reads add to its pages (see `initiatieven.page_hooks`)."""

from __future__ import annotations

from django.http import HttpRequest

from initiatieven import feeds, queries
from initiatieven.models import HomePage, InitiativeIndexPage, InitiativePage
from initiatieven.page_hooks import register_page_context


@register_page_context(HomePage)
def home_page(page: HomePage, request: HttpRequest) -> dict:
    return {
        "featured": queries.featured_initiatives(page),
        "themes": queries.themes_with_counts(),
        "provinces": queries.provinces_with_counts(),
        "initiative_count": queries.live_initiatives().count(),
    }


@register_page_context(InitiativeIndexPage)
def initiative_index_page(page: InitiativeIndexPage, request: HttpRequest) -> dict:
    return {"feed": feeds.all_initiatives_link()}


@register_page_context(InitiativePage)
def initiative_page(page: InitiativePage, request: HttpRequest) -> dict:
    return queries.initiative_detail(page)
