"""The search page `/zoeken/` and the JSON API `/api/zoeken/`: same parameters, same engine."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatieven import maps
from search import facets, feeds, listing, overview, search_help, searching
from search.interface import UNKNOWN_YEAR, YEAR_FILTER, SearchHit, SearchResponse, Term


@require_GET
def search(request):
    response, problems = searching.run(request.GET, clamp_page=True)
    help_ = search_help.search_help(response)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search": response,
            "query": response.query.text,
            "notices": problems + response.notices,
            "help": help_,
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
    response, problems = searching.run(request.GET, clamp_page=False)
    if problems:
        return invalid_parameters(problems)
    help_ = search_help.search_help(response)
    return JsonResponse(_as_json(response, request) | {"help": search_help.as_json(help_, request)})


@require_GET
def suggestions_api(request):
    """`/api/zoeken/suggesties/?q=`: what to suggest while someone types (search.suggestions)."""
    found, problems = searching.suggest(request.GET)
    if problems:
        return invalid_parameters(problems)
    return JsonResponse(
        {
            "query": found.text,
            "engine": found.engine,
            "suggestions": [
                {
                    "kind": item.kind,
                    "label": item.label,
                    "url": request.build_absolute_uri(item.url),
                }
                for item in found.items
            ],
        }
    )


def invalid_parameters(problems: list[str]) -> JsonResponse:
    """The JSON API's 400: what is wrong with the search parameters, one line each."""
    return JsonResponse({"error": _("Invalid search parameters."), "errors": problems}, status=400)


def _as_json(response: SearchResponse, request) -> dict:
    return {
        "query": response.query.text,
        "engine": response.engine,
        "total": response.total,
        "page": response.page,
        "pages": response.pages,
        "results": [_hit_json(hit, request) for hit in response.results],
        "facets": facets.as_json(response.facets),
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


@require_GET
def overview_page(request):
    """`/in-cijfers/`: the numbers of a selection, each linking to its search."""
    numbers, problems, terms = overview.numbers(request.GET)
    selection = overview.selection_params(numbers)
    rows = {
        facet: _bar_rows(
            [
                (value.label, value.count, overview.search_link(selection, **{facet: value.value}))
                for value in values
            ]
        )
        for facet, values in numbers.facets.items()
    }
    province_values = numbers.facets["provincie"]
    years = [
        (
            str(year) if year else _("unknown"),
            count,
            overview.search_link(selection, **{YEAR_FILTER: str(year) if year else UNKNOWN_YEAR}),
        )
        for year, count in overview.year_rows(numbers.years)
    ]
    return TemplateResponse(
        request,
        "search/overview.html",
        {
            "overview": numbers,
            "search": numbers,
            "query": numbers.query.text,
            "notices": problems + numbers.notices,
            "total_url": overview.search_link(selection),
            "province_rows": rows["provincie"],
            "province_map": maps.province_map(
                {
                    value.value: (row["label"], row["count"], row["url"])
                    for value, row in zip(province_values, rows["provincie"], strict=True)
                }
            ),
            "unmapped_provinces": [
                row
                for value, row in zip(province_values, rows["provincie"], strict=True)
                if value.value not in maps.outlines()["provinces"]
            ],
            "facet_tables": [
                {"name": facet, "title": listing.facet_title(facet), "rows": rows[facet]}
                for facet in numbers.facets
                if facet != "provincie"
            ],
            "years": _bar_rows(years),
            "matrices": overview.matrix_tables(numbers, selection, terms),
            "facet_groups": listing.facet_groups(numbers),
            "active_filters": listing.active_filters(request.GET, numbers),
            "api_url": reverse("overview_api") + _query_string(selection),
        },
    )


def _bar_rows(rows: list[tuple[str, int, str]]) -> list[dict]:
    """Table rows of (label, count, url), each with its share of the largest count (0-100),
    for a bar beside the number."""
    highest = max((count for _label, count, _url in rows), default=0)
    return [
        {
            "label": label,
            "count": count,
            "url": url,
            "share": round(100 * count / highest) if highest else 0,
        }
        for label, count, url in rows
    ]


@require_GET
def overview_api(request):
    """`/api/in-cijfers/`: the same numbers as JSON; bad parameters are a 400."""
    numbers, problems, _terms = overview.numbers(request.GET)
    if problems:
        return invalid_parameters(problems)
    return JsonResponse(overview.as_json(numbers))


def _query_string(params) -> str:
    encoded = params.urlencode()
    return "?" + encoded if encoded else ""
