"""The address e-mails link to. Wagtail's moderation e-mails use one fixed setting
(WAGTAILADMIN_BASE_URL); ours use `BASE_URL` when it is configured, otherwise the address the
request being handled came in on (submissions and reviews happen in the editor), otherwise the
default Site's host and port. allauth's own e-mails already use the request."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site

_current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


class CurrentRequestMiddleware:
    """Makes the request being handled known to `site_address()` for its duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def site_address() -> str:
    """Scheme, host and port of the site, without a trailing slash."""
    configured = getattr(settings, "BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    request = _current_request.get()
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""
