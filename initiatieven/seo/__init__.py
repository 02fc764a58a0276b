"""Being found and shared: absolute addresses, canonical URLs, Open Graph and schema.org
metadata, the sitemap and robots.txt."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site_root(request: HttpRequest) -> str:
    """Scheme and host every public address is built on, without a trailing slash.

    `BASE_URL` when configured (the site's real address behind a proxy), else the address the
    request came in on. Not Wagtail's Site record: its default (localhost:80) is rarely updated,
    and search engines ignore sitemap entries on another host than the sitemap's own."""
    configured = getattr(settings, "BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(request: HttpRequest, path: str) -> str:
    """`path` (or an already absolute URL, left as it is) on the site's public address."""
    if path.startswith(("http://", "https://")):
        return path
    return site_root(request) + path
