"""schema.org JSON-LD per page type. A page type registers a builder with `@register(Model)` in
`initiatieven.seo.page_types` (loaded in the app's `ready()`); a new type (a collection, say)
needs one such function, built from the helpers here."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from initiatieven.seo import absolute_url
from initiatieven.seo.descriptions import page_description

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


def register(model: type[Page], *, og_type: str = "website") -> Callable[[Builder], Builder]:
    """Declare `model`'s Open Graph type and the function that builds its JSON-LD."""

    def decorator(build: Builder) -> Builder:
        _KINDS[model] = PageKind(og_type=og_type, build=build)
        return build

    return decorator


def kind_for(page: Page) -> PageKind | None:
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
