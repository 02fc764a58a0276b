"""The search page `/zoeken/` and the JSON API `/api/zoeken/`: same parameters, same engine."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from search import service
from search.interface import FACET_FIELDS, SORTS, SearchHit, SearchResponse, Term

FACET_TITLES = {
    "thema": gettext_lazy("Theme"),
    "provincie": gettext_lazy("Province"),
    "sector": gettext_lazy("Sector"),
    "niveau": gettext_lazy("Education level"),
    "doelgroep": gettext_lazy("Target group"),
    "fase": gettext_lazy("Phase"),
}


@require_GET
def search(request):
    response, problems = service.run(request.GET, clamp_page=True)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search": response,
            "query": response.query.text,
            "notices": problems + response.notices,
            "facet_groups": [
                {"name": facet, "title": _facet_title(facet), "values": response.facets[facet]}
                for facet in FACET_FIELDS
            ],
            "sorts": [(value, _sort_label(value)) for value in SORTS],
            "active_filters": _active_filters(request, response),
            "page_obj": Paginator(range(response.total), response.query.per_page).get_page(
                response.page
            ),
        },
    )


@require_GET
def search_api(request):
    response, problems = service.run(request.GET, clamp_page=False)
    if problems:
        return JsonResponse(
            {"error": _("Invalid search parameters."), "errors": problems}, status=400
        )
    return JsonResponse(_as_json(response, request))


def _active_filters(request, response: SearchResponse) -> list[dict]:
    """Each selected facet value with the URL that removes it."""
    active = []
    for facet, values in response.facets.items():
        for value in values:
            if value.selected:
                remaining = request.GET.copy()
                remaining.setlist(
                    facet, [v for v in response.query.selected(facet) if v != value.value]
                )
                remaining.pop("page", None)
                active.append(
                    {
                        "facet": _facet_title(facet),
                        "label": value.label,
                        "url": "?" + remaining.urlencode(),
                    }
                )
    return active


def _facet_title(facet: str) -> str:
    return str(FACET_TITLES[facet])


def _sort_label(value: str) -> str:
    return {"relevantie": _("Relevance"), "nieuw": _("Newest"), "titel": _("Title")}[value]


def _as_json(response: SearchResponse, request) -> dict:
    return {
        "query": response.query.text,
        "engine": response.engine,
        "total": response.total,
        "page": response.page,
        "pages": response.pages,
        "results": [_hit_json(hit, request) for hit in response.results],
        "facets": {
            facet: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for facet, values in response.facets.items()
        },
        "suggestion": response.suggestion,
    }


def _term_json(term: Term | None) -> dict | None:
    return {"slug": term.slug, "label": term.label} if term else None


def _hit_json(hit: SearchHit, request) -> dict:
    return {
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "summary": hit.summary,
        "highlight": hit.highlight,
        "province": _term_json(hit.province),
        "themes": [_term_json(term) for term in hit.themes],
        "sectors": [_term_json(term) for term in hit.sectors],
        "phase": _term_json(hit.phase),
        "start_year": hit.start_year,
        "last_published": hit.last_published.isoformat() if hit.last_published else None,
    }
