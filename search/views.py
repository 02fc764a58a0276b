"""The search page `/zoeken/` and the JSON API `/api/zoeken/`: same parameters, same engine."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import feeds, listing, service
from search.interface import SearchHit, SearchResponse, Term


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
            "facet_groups": listing.facet_groups(response),
            "sorts": listing.sort_choices(),
            "active_filters": listing.active_filters(request.GET, response),
            "extra_per_page": listing.extra_per_page(response),
            "feed": feeds.search_link(request.GET, response),
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
