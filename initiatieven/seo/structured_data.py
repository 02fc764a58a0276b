"""schema.org JSON-LD per page type. A page type registers a builder with `@register(Model)`;
a new type (a collection, say) needs one such function, built from the helpers here."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from initiatieven.seo import absolute_url

SITE_NAME = "Kennisbank"
NATIONWIDE_SLUG = "landelijk"
Builder = Callable[[Page, HttpRequest, dict], dict]

# What JSON must not contain inside <script>: `</script>` or `<!--` would end or confuse it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PageKind:
    og_type: str
    build: Builder | None


_KINDS: dict[type[Page], PageKind] = {}
_builtin_registered = False


def register(model: type[Page], *, og_type: str = "website") -> Callable[[Builder], Builder]:
    """Declare `model`'s Open Graph type and the function that builds its JSON-LD."""

    def decorator(build: Builder) -> Builder:
        _KINDS[model] = PageKind(og_type=og_type, build=build)
        return build

    return decorator


def kind_for(page: Page) -> PageKind | None:
    global _builtin_registered  # noqa: PLW0603 - registered once, after the models load
    if not _builtin_registered:
        _builtin_registered = True
        _register_builtin()
    for model in type(page).__mro__:
        if model in _KINDS:
            return _KINDS[model]
    return None


def script_tag(data: dict) -> SafeString:
    """`data` as a JSON-LD script element, safe for any text editors wrote."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def publisher(request: HttpRequest) -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute_url(request, "/")}


def creative_work(page: Page, request: HttpRequest, *, schema_type: str) -> dict:
    """What every published page shares: name, address, dates, language and publisher."""
    from initiatieven.seo.metadata import page_description

    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": page.title,
        "description": page_description(page),
        "url": absolute_url(request, page.get_url(request)),
        "inLanguage": "nl",
        "publisher": publisher(request),
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def defined_term(term, request: HttpRequest) -> dict:
    data = {"@type": "DefinedTerm", "name": term.label}
    if hasattr(term, "get_absolute_url"):
        data["url"] = absolute_url(request, term.get_absolute_url())
    return data


def organisation(org) -> dict:
    data = {"@type": "Organization", "name": org.name}
    if org.website:
        data["url"] = org.website
    return data


def spatial_coverage(province, place: str, request: HttpRequest) -> dict | None:
    netherlands = {"@type": "Country", "name": "Nederland"}
    area = None
    if province is not None:
        area = (
            netherlands
            if province.slug == NATIONWIDE_SLUG
            else {
                "@type": "AdministrativeArea",
                "name": province.label,
                "url": absolute_url(request, province.get_absolute_url()),
                "containedInPlace": netherlands,
            }
        )
    if place:
        return {"@type": "Place", "name": place, **({"containedInPlace": area} if area else {})}
    return area


def _register_builtin() -> None:
    from initiatieven.models import HomePage, InitiativePage

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
        organisations = values("organisations", page.organisations.all())
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
