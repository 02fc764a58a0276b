"""The public search page. Issue #3 replaces the engine behind it; the page stays."""

from django.template.response import TemplateResponse

from search.engine import search_initiatives


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": search_initiatives(query, request=request)},
    )
