"""`/sitemap.xml` (an index of the sections), the sections and `/robots.txt`."""

from __future__ import annotations

from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from initiatieven.seo import absolute_url, sitemaps


@require_GET
@sitemap_views.x_robots_tag
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """Django's index view, but on the same address as the sections (`BASE_URL`, if set)."""
    entries = []
    for name, section in sitemaps.sections(request).items():
        url = absolute_url(request, reverse("sitemap_section", kwargs={"section": name}))
        lastmod = section.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(url, lastmod))
        entries.extend(
            sitemap_views.SitemapIndexItem(f"{url}?p={number}", lastmod)
            for number in range(2, section.paginator.num_pages + 1)
        )
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_GET
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    # Django answers an unknown section or page number with a 404.
    return sitemap_views.sitemap(request, sitemaps.sections(request), section=section)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "robots.txt",
        {"sitemap_url": absolute_url(request, reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """`/.well-known/security.txt` (RFC 9116): where to report a vulnerability. Expires half a
    year ahead of each request, as the RFC asks for a date less than a year away."""
    expires = (timezone.now() + timedelta(days=182)).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {absolute_url(request, request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
