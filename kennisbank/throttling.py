"""One rate limit per client for every `/api/` address: Django REST framework's throttling, for
the API v2 views and (through `throttled`) the plain JSON views, with a clear 429 in Dutch and
`Retry-After`. Suggestions while typing have an allowance of their own, so that typing does not
use up the searches. Kept apart from `kennisbank.api`: DRF imports it while defining its own
views."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import Throttled
from rest_framework.throttling import SimpleRateThrottle

from accounts import security


class ClientRateThrottle(SimpleRateThrottle):
    """Every client (by address, also when logged in) has one allowance per period for all of
    `/api/` (`API_RATE_LIMIT`, read at each request)."""

    scope = "api"

    def get_rate(self) -> str | None:
        return settings.API_RATE_LIMIT or None

    def get_ident(self, request) -> str:
        """The client's address as the login lockout and allauth's limits read it."""
        return security.client_ip(request)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SuggestionsRateThrottle(ClientRateThrottle):
    """Suggestions while typing (`/api/zoeken/suggesties/`) ask once per pause in typing, far
    more often than searches: every client has an allowance for them alone
    (`SUGGESTIONS_RATE_LIMIT`, read at each request)."""

    scope = "suggestions"

    def get_rate(self) -> str | None:
        return settings.SUGGESTIONS_RATE_LIMIT or None


def api_exception_handler(exc, context):
    """DRF's answers, with a Dutch message for a client that asks too often."""
    from rest_framework.views import exception_handler

    response = exception_handler(exc, context)
    if isinstance(exc, Throttled) and response is not None:
        response.data = {"error": throttled_message(exc.wait)}
    return response


def retry_seconds(wait: float | None) -> int:
    """Whole seconds until the client may ask again, at least one."""
    return max(1, round(wait or 1))


def throttled_message(wait: float | None) -> str:
    return _("Too many requests. Try again in %(seconds)s seconds.") % {
        "seconds": retry_seconds(wait)
    }


def throttled(view, throttle_class: type[SimpleRateThrottle] = ClientRateThrottle):
    """A plain Django view under the same rate limit as the API v2 (for `/api/zoeken/`), or
    under the allowance of `throttle_class`."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        throttle = throttle_class()
        if not throttle.allow_request(request, None):
            wait = throttle.wait()
            response = JsonResponse({"error": throttled_message(wait)}, status=429)
            response["Retry-After"] = str(retry_seconds(wait))
            return response
        return view(request, *args, **kwargs)

    return wrapped
