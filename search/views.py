"""The public search page. Issue #3 replaces the engine behind it; the page stays."""

from django.template.response import TemplateResponse

from initiatieven.models.pages import paginate
from search.engine import search_initiatives


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_initiatives(query)
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": paginate(request, results) if results is not None else None},
    )
