"""The search parameters of Wagtail's API v2, which both the editor's page API
(/beheer/api/main/pages/, through `initiatieven.admin.middleware`) and the public read API
(/api/v2/, `kennisbank.api`) take.

Wagtail passes `search` to the search backend as it is: a `"` fails on SQLite (FTS5,
`OperationalError: unterminated string`, Wagtail issue 13227), a blank search fails on every
backend, and an unknown `search_operator` raises ValueError (a 500 each).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_SEARCH_PARAMETER = "search"
API_OPERATORS = ("and", "or")


def without_quotes(request: HttpRequest, name: str) -> str:
    """The value of search parameter `name`, with quotes read as spaces (also in request.GET:
    none of these searches knows phrase syntax)."""
    query = request.GET.get(name, "")
    if '"' in query:
        request.GET = request.GET.copy()
        request.GET[name] = query = query.replace('"', " ")
    return query


def guard_api_search(request: HttpRequest) -> HttpResponse | None:
    """The search parameters of Wagtail's API v2 (the editor's page API and the public one at
    /api/v2/): quotes read as spaces, a blank search left out, and an unknown search_operator a
    400 with a message; None when the request may go on."""
    query = without_quotes(request, API_SEARCH_PARAMETER)
    if API_SEARCH_PARAMETER in request.GET and not query.strip():
        # A blank search fails in the API too ('NoneType' has no 'as_sql'): no search.
        request.GET = request.GET.copy()
        del request.GET[API_SEARCH_PARAMETER]
    operator = request.GET.get("search_operator")
    if operator is not None and operator not in API_OPERATORS:
        message = _("search_operator must be ‘and’ or ‘or’.")
        return JsonResponse({"message": message}, status=400)
    return None
