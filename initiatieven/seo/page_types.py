"""The JSON-LD and Open Graph type of this app's page types (see `structured_data`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from initiatieven.models import CollectionPage, HomePage, InitiativePage
from initiatieven.queries import live_organisations
from initiatieven.seo import absolute_url
from initiatieven.seo.structured_data import (
    SITE_NAME,
    creative_work,
    defined_term,
    organisation,
    publisher,
    register,
    spatial_coverage,
)


@register(InitiativePage, og_type="article")
def initiative(page: InitiativePage, request: HttpRequest, context: dict) -> dict:
    """An initiative as an Article. Contact details stay out, also public ones: the page
    itself hides the address from scrapers."""

    # The page's context already holds its vocabularies; fall back to queries elsewhere.
    def values(name: str, queryset):
        return context[name] if name in context else list(queryset)

    data = creative_work(page, request, schema_type="Article")
    data["headline"] = page.title[:110]
    themes = values("themes", page.themes.all())
    if themes:
        data["about"] = [defined_term(theme, request) for theme in themes]
    coverage = spatial_coverage(page.province, page.place, request)
    if coverage:
        data["spatialCoverage"] = coverage
    keywords = [keyword.name for keyword in values("keywords", page.keywords.all())]
    if keywords:
        data["keywords"] = keywords
    levels = values("education_levels", page.education_levels.all())
    if levels:
        data["educationalLevel"] = [level.label for level in levels]
    groups = values("target_groups", page.target_groups.all())
    if groups:
        data["audience"] = [{"@type": "Audience", "audienceType": g.label} for g in groups]
    organisations = context.get("organisations")
    if organisations is None:
        organisations = live_organisations(page)
    if organisations:
        data["author"] = [organisation(org) for org in organisations]
    if page.start_year:
        data["temporalCoverage"] = f"{page.start_year}/.."
    return data


@register(HomePage)
def website(page: HomePage, request: HttpRequest, context: dict) -> dict:
    """The site as a WebSite whose search takes a `q`."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": absolute_url(request, page.get_url(request)),
        "inLanguage": "nl",
        "description": creative_work(page, request, schema_type="WebSite")["description"],
        "publisher": publisher(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute_url(request, reverse("search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


@register(CollectionPage)
def collection(page: CollectionPage, request: HttpRequest, context: dict) -> dict:
    """A collection as a CollectionPage whose main entity lists its initiatives (those on the
    page being read, with their place in the whole collection)."""
    data = creative_work(page, request, schema_type="CollectionPage")
    listed = context.get("initiatives")
    total = context.get("total")
    if listed is not None and total is not None:
        start = listed.start_index() if total else 0
        data["mainEntity"] = {
            "@type": "ItemList",
            "numberOfItems": total,
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": start + offset,
                    "url": absolute_url(request, entry["initiative"].get_url(request)),
                    "name": entry["initiative"].title,
                }
                for offset, entry in enumerate(listed.object_list)
            ],
        }
    return data
