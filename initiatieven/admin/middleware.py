"""Guards for two of Wagtail's editor searches that fail with a server error (500).

- A `"` in a search on SQLite: the database backend passes it to FTS5, which fails on an
  unbalanced quote (`OperationalError: unterminated string`, Wagtail issue 13227; it happens in
  the page explorer's and the page chooser's search). The editor's searches know no phrase
  syntax, so quotes are read as spaces, on every backend alike.
- The editor's page API (/beheer/api/main/pages/, Wagtail's API v2 code) takes `search` with the
  same quote problem, and an unknown `search_operator` raises ValueError: `initiatieven.api_search`
  guards it, as it guards the public API.
- Searching images or documents together with the usage count filter: the search backend
  cannot filter on the usage count Wagtail annotates (`AttributeError: 'Coalesce' object has no
  attribute 'target'`; no upstream issue found). Wagtail already drops the usage ordering while
  searching; the filter is refused with a 400 and a message.

Scoped to GET requests under the editor's address (/beheer/); everything else passes through.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven.api_search import guard_api_search, without_quotes

SEARCH_PARAMETER = "q"
USAGE_FILTERS = ("usage_count_min", "usage_count_max")
# The image and document listings (full page and the results the filters reload).
_MEDIA_LISTING = re.compile(r"(images|documents)/(results/)?")


class EditorSearchGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        admin_root = reverse("wagtailadmin_home")
        if request.method == "GET" and request.path.startswith(admin_root):
            admin_path = request.path[len(admin_root) :]
            if admin_path.startswith("api/"):
                response = guard_api_search(request)
            elif SEARCH_PARAMETER in request.GET:
                response = self._guard(request, admin_path)
            else:
                response = None
            if response is not None:
                return response
        return self.get_response(request)

    def _guard(self, request: HttpRequest, admin_path: str) -> HttpResponse | None:
        query = without_quotes(request, SEARCH_PARAMETER)
        searching = bool(query.strip())
        filtering_usage = any(request.GET.get(name, "").strip() for name in USAGE_FILTERS)
        if searching and filtering_usage and _MEDIA_LISTING.fullmatch(admin_path):
            message = _(
                "Searching and filtering on the number of times used do not go together. "
                "Search without that filter, or filter without a search term."
            )
            context = {
                "message": message,
                "link": f"{request.path}?{urlencode({SEARCH_PARAMETER: query})}",
                "link_label": _("Search without the filter"),
            }
            # Not from a view, so not rendered by the handler.
            return TemplateResponse(
                request, "initiatieven/admin/bad_request.html", context, status=400
            ).render()
        return None
