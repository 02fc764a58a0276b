"""The database cannot answer (PostgreSQL stopped or restarting, SQLite still locked after its
busy timeout): a 503 with Retry-After instead of a 500, a plain Dutch page for people and
`{"detail": ...}` for the API. Rendered without the database: a template of its own, no
context processors, nothing read from the site's settings or pages.

`DatabaseUnavailableMiddleware` answers for views and their templates (also with DEBUG on);
`server_error`, the site's handler500, for what fails in other middleware (the cache, the
session). After the database is back each worker reconnects at its next request
(CONN_HEALTH_CHECKS, settings).
"""

from __future__ import annotations

import logging
import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# What a database raises when it cannot be reached or written now (psycopg: refused, closed,
# shutting down; SQLite: "database is locked").
UNAVAILABLE = (OperationalError, InterfaceError)
# SQLite raises OperationalError for mistakes too ("no such table" after a deploy that did not
# migrate): only these say it cannot be used now.
SQLITE_UNAVAILABLE = (
    "database is locked",
    "database table is locked",
    "unable to open database file",
    "disk i/o error",
    "database or disk is full",
    "attempt to write a readonly database",
)


def is_unavailable(error: BaseException | None) -> bool:
    """Whether `error` says the database cannot answer now, rather than that the code is wrong."""
    if not isinstance(error, UNAVAILABLE):
        return False
    if isinstance(error.__cause__, sqlite3.Error):
        message = str(error).lower()
        return any(text in message for text in SQLITE_UNAVAILABLE)
    return True


def unavailable_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    # With the traceback: a 503 is no 500 that mails the administrators.
    logger.error("Database unavailable for %s: %s", request.path, error, exc_info=error)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": _("The site is temporarily unavailable. Please try again shortly.")},
            status=503,
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_unavailable(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 when the database is what failed, else Django's own (500.html)."""
    error = sys.exc_info()[1]
    if is_unavailable(error):
        return unavailable_response(request, error)
    return defaults.server_error(request)
