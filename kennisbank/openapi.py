"""The OpenAPI 3.1 description of the read API (`/api/schema/`) and the page that explains it
with examples (`/api/`). Built from the same constants as the API itself, with the current
vocabulary values as the allowed values of each facet."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatieven.seo import site_root
from kennisbank.throttling import throttled
from search.facets import facet_terms
from search.interface import (
    COLLECTION_PARAM,
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    MAX_SUGGEST_LENGTH,
    SORTS,
    SUGGESTION_LIMITS,
    UNKNOWN_YEAR,
    YEAR_FILTER,
)
from search.listing import facet_title
from search.params import BEYOND_ANY_LIMIT, EARLIEST_YEAR, LATEST_YEAR

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0.0"
V2_LIMIT_MAX = 100


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


def _obj(properties: dict, required: tuple[str, ...] = (), **extra) -> dict:
    schema = {"type": "object", "properties": properties, **extra}
    if required:
        schema["required"] = list(required)
    return schema


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
DATETIME = {"type": "string", "format": "date-time"}
URI = {"type": "string", "format": "uri"}


def _facet_parameters(*, with_collection: bool = True) -> list[dict]:
    """The search's filters as query parameters, each facet with its current values."""
    terms = facet_terms()
    parameters = [
        {
            "name": facet,
            "in": "query",
            "description": _(
                "%(facet)s (slug). Repeat the parameter or separate values with commas: any of "
                "them (OR); different facets narrow down (AND)."
            )
            % {"facet": facet_title(facet)},
            "schema": _array({"type": "string", "enum": list(values)}),
            "style": "form",
            "explode": True,
        }
        for facet, values in terms.items()
    ]
    parameters.append(
        {
            "name": YEAR_FILTER,
            "in": "query",
            "description": _(
                "Start year (%(earliest)s–%(latest)s), or '%(unknown)s' for initiatives "
                "without one. Repeatable: any of them."
            )
            % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR, "unknown": UNKNOWN_YEAR},
            "schema": _array(
                {
                    "oneOf": [
                        {"type": "string", "pattern": "^[0-9]{4}$"},
                        {"type": "string", "enum": [UNKNOWN_YEAR]},
                    ]
                }
            ),
            "style": "form",
            "explode": True,
        }
    )
    if with_collection:
        parameters.append(
            {
                "name": COLLECTION_PARAM,
                "in": "query",
                "description": _("Only the initiatives of this collection (its slug)."),
                "schema": STRING,
            }
        )
    return parameters


def _text_parameter() -> dict:
    return {
        "name": "q",
        "in": "query",
        # Cut rather than refused (search.params): no maxLength, which would promise a 400.
        "description": _(
            "Search text in Dutch; word forms, compounds, synonyms and small typos are found."
        )
        + " "
        + _("Longer texts are cut to their first %(limit)s characters.")
        % {"limit": MAX_QUERY_LENGTH},
        "schema": STRING,
    }


def _paging_parameters() -> list[dict]:
    return [
        {
            "name": "sort",
            "in": "query",
            "description": _("Order of the results."),
            "schema": {"type": "string", "enum": list(SORTS), "default": "relevantie"},
        },
        {
            "name": "page",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "default": 1},
        },
        {
            "name": "per_page",
            "in": "query",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PER_PAGE,
                "default": DEFAULT_PER_PAGE,
            },
        },
    ]


def _v2_parameters() -> list[dict]:
    return [
        {
            "name": "limit",
            "in": "query",
            # 0 gives the total count alone (meta.total_count).
            "schema": {"type": "integer", "minimum": 0, "maximum": V2_LIMIT_MAX, "default": 20},
        },
        {
            "name": "offset",
            "in": "query",
            "schema": {"type": "integer", "minimum": 0, "maximum": BEYOND_ANY_LIMIT},
        },
        {
            "name": "fields",
            "in": "query",
            "description": _(
                "Fields to add (comma-separated), '*' for all, '-name' to leave one out."
            ),
            "schema": STRING,
        },
        {
            "name": "order",
            "in": "query",
            "description": _("A field to order by ('-' first for descending), or 'random'."),
            "schema": STRING,
        },
        {
            "name": "search",
            "in": "query",
            "description": _("Simple full-text search (use /api/zoeken/ for Dutch search)."),
            "schema": STRING,
        },
        {
            "name": "rich_text_format",
            "in": "query",
            "schema": {"type": "string", "enum": ["html", "markdown", "db_html", "db_markdown"]},
        },
    ]


def _responses(ok: dict, description: str) -> dict:
    return {
        "200": {"description": description, "content": {"application/json": {"schema": ok}}},
        "400": {
            "description": _("Invalid parameters; `errors` says which and why."),
            "content": {"application/json": {"schema": _ref("Error")}},
        },
        "429": {
            "description": _("Too many requests; try again after `Retry-After` seconds."),
            "headers": {"Retry-After": {"schema": INTEGER}},
            "content": {"application/json": {"schema": _ref("Error")}},
        },
    }


def _not_found() -> dict:
    return {
        "description": _("No such live, public page."),
        "content": {"application/json": {"schema": _ref("Error")}},
    }


def _components() -> dict:
    term = _obj({"slug": STRING, "label": STRING}, ("slug", "label"))
    facet_value = _obj(
        {"value": STRING, "label": STRING, "count": INTEGER, "selected": {"type": "boolean"}},
        ("value", "label", "count", "selected"),
    )
    facets = _obj({}, additionalProperties=_array(_ref("FacetValue")))
    meta = _obj(
        {
            "type": STRING,
            "detail_url": URI,
            "html_url": _nullable(URI),
            "slug": STRING,
            "first_published_at": _nullable(DATETIME),
            "search_description": STRING,
            "seo_title": STRING,
            "show_in_menus": {"type": "boolean"},
            "parent": _nullable(_obj({"id": INTEGER, "meta": _obj({}), "title": STRING})),
            "alias_of": {"type": ["object", "null"]},
            "locale": STRING,
        }
    )
    page = _obj({"id": INTEGER, "meta": _ref("PageMeta"), "title": STRING}, ("id", "meta"))
    rich_text = {"type": "string", "description": _("Rich text, as `rich_text_format` asks.")}
    initiative = _obj(
        {
            "id": INTEGER,
            "meta": _ref("PageMeta"),
            "title": STRING,
            "summary": STRING,
            "province": _nullable(_ref("Term")),
            "place": STRING,
            "themes": _array(_ref("Term")),
            "sectors": _array(_ref("Term")),
            "education_levels": _array(_ref("Term")),
            "target_groups": _array(_ref("Term")),
            "phase": _nullable(_ref("Term")),
            "start_year": _nullable(INTEGER),
            "organisations": _array(
                _obj({"name": STRING, "kind": STRING, "place": STRING, "website": STRING})
            ),
            "keywords": _array(STRING),
            "background": rich_text,
            "approach": rich_text,
            "results": rich_text,
            "lessons": rich_text,
            "website": STRING,
            "contact": _nullable(
                _obj(
                    {"name": STRING, "role": STRING, "email": STRING},
                    description=_("Only when the contact person agreed to be shown."),
                )
            ),
            "last_published_at": _nullable(DATETIME),
            "last_reviewed": _nullable({"type": "string", "format": "date"}),
        },
        ("id", "meta"),
    )
    collection = _obj(
        {
            "id": INTEGER,
            "meta": _ref("PageMeta"),
            "title": STRING,
            "intro": rich_text,
            "kind": {"type": "string", "enum": ["handmatig", "selectie"]},
            "selection": STRING,
            "selection_sort": STRING,
            "selection_limit": _nullable(INTEGER),
            "featured": {"type": "boolean"},
            "last_published_at": _nullable(DATETIME),
            "initiatives": _array(
                _obj(
                    {
                        "id": INTEGER,
                        "title": STRING,
                        "detail_url": URI,
                        "html_url": URI,
                        "note": STRING,
                    },
                    ("id", "title", "detail_url", "html_url", "note"),
                )
            ),
        },
        ("id", "meta"),
    )
    return {
        "schemas": {
            "Error": _obj(
                {
                    "error": STRING,
                    "errors": _array(STRING),
                    "message": STRING,
                    "detail": STRING,
                }
            ),
            "Term": term,
            "FacetValue": facet_value,
            "Facets": facets,
            "SearchResult": _obj(
                {
                    "title": STRING,
                    "url": URI,
                    "summary": STRING,
                    "highlight": {
                        "type": "string",
                        "description": _("HTML: escaped text with <mark> around matches."),
                    },
                    "province": _nullable(_ref("Term")),
                    "themes": _array(_ref("Term")),
                    "sectors": _array(_ref("Term")),
                    "phase": _nullable(_ref("Term")),
                    "start_year": _nullable(INTEGER),
                    "last_published": _nullable(DATETIME),
                },
                ("title", "url", "summary", "highlight", "themes"),
            ),
            "SearchResponse": _obj(
                {
                    "query": STRING,
                    "engine": {"type": "string", "enum": ["database", "elasticsearch"]},
                    "total": INTEGER,
                    "page": INTEGER,
                    "pages": INTEGER,
                    "results": _array(_ref("SearchResult")),
                    "facets": _ref("Facets"),
                    "suggestion": _nullable(STRING),
                    "help": _nullable(_ref("SearchHelp")),
                },
                ("query", "engine", "total", "page", "pages", "results", "facets", "help"),
            ),
            "HelpLink": _obj(
                {
                    "label": STRING,
                    "url": URI,
                    "total": {
                        "type": "integer",
                        "description": _("Number of initiatives the link leads to."),
                    },
                },
                ("label", "url"),
            ),
            "SearchHelp": _obj(
                {
                    "suggestion": _nullable(_ref("HelpLink")),
                    "without_filters": _nullable(_ref("HelpLink")),
                    "without_unmatched_words": _nullable(_ref("HelpLink")),
                    "unmatched_words": {
                        **_array(STRING),
                        "description": _(
                            "The words left out of without_unmatched_words: each finds "
                            "nothing on its own (empty when that link is null)."
                        ),
                    },
                    "themes": _array(_ref("HelpLink")),
                    "add_initiative_url": URI,
                },
                (
                    "suggestion",
                    "without_filters",
                    "without_unmatched_words",
                    "unmatched_words",
                    "themes",
                    "add_initiative_url",
                ),
                description=_(
                    "Help when a search finds fewer than three initiatives (null otherwise): "
                    "a corrected search, the same search without its filters, the same "
                    "search (filters kept) without the words that find nothing, themes to "
                    "browse and where to add an initiative."
                ),
            ),
            "Overview": _obj(
                {
                    "engine": {"type": "string", "enum": ["database", "elasticsearch"]},
                    "total": INTEGER,
                    "facets": _ref("Facets"),
                    "start_years": _array(
                        _obj({"year": _nullable(INTEGER), "count": INTEGER}, ("year", "count"))
                    ),
                    "matrices": _array(
                        _obj(
                            {
                                "rows": STRING,
                                "columns": STRING,
                                "counts": _obj(
                                    {}, additionalProperties=_obj({}, additionalProperties=INTEGER)
                                ),
                            },
                            ("rows", "columns", "counts"),
                        )
                    ),
                    "notices": _array(STRING),
                },
                ("engine", "total", "facets", "start_years", "matrices"),
            ),
            "Suggestions": _obj(
                {
                    "query": STRING,
                    "engine": {"type": "string", "enum": ["database", "elasticsearch"]},
                    "suggestions": _array(
                        _obj(
                            {
                                "kind": {"type": "string", "enum": list(SUGGESTION_LIMITS)},
                                "label": STRING,
                                "url": URI,
                            },
                            ("kind", "label", "url"),
                        )
                    ),
                },
                ("query", "engine", "suggestions"),
            ),
            "PageMeta": meta,
            "Page": page,
            "Initiative": initiative,
            "Collection": collection,
            "ListingMeta": _obj({"total_count": INTEGER}, ("total_count",)),
        }
    }


def _suggestions_path() -> dict:
    limits = ", ".join(f"{kind} {limit}" for kind, limit in SUGGESTION_LIMITS.items())
    return {
        "get": {
            "summary": _(
                "Suggestions while typing: initiative titles, themes, provinces and organisations"
            ),
            "description": _(
                "After two letters or digits: live initiatives by title, and the themes, "
                "provinces and published organisations of live initiatives by name, when each "
                "typed word starts one of their words (case and accents ignored); those that "
                "start with the typed text first. At most so many of each kind: %(limits)s."
            )
            % {"limits": limits}
            + _suggestions_rate_text(),
            "operationId": "suggestions",
            "tags": ["search"],
            "parameters": [
                {
                    "name": "q",
                    "in": "query",
                    "description": _(
                        "The text typed so far; shorter than two letters or digits gives no "
                        "suggestions."
                    ),
                    "schema": {"type": "string", "maxLength": MAX_SUGGEST_LENGTH},
                }
            ],
            "responses": _responses(
                _ref("Suggestions"), _("Suggestions, grouped by kind in the order shown.")
            ),
        }
    }


def _suggestions_rate_text() -> str:
    if not (rate := _rate_limit_text(settings.SUGGESTIONS_RATE_LIMIT)):
        return ""
    return " " + _(
        "Counted apart from the rest of /api/, so that typing does not use up the searches: "
        "at most %(rate_limit)s per client."
    ) % {"rate_limit": rate}


def _listing(item: str) -> dict:
    return _obj({"meta": _ref("ListingMeta"), "items": _array(_ref(item))}, ("meta", "items"))


def _v2_paths() -> dict:
    paths = {}
    endpoints = (
        ("initiatieven", "Initiative", _("Live, public initiatives."), True),
        ("collecties", "Collection", _("Live, public collections."), False),
        ("pages", "Page", _("Every live, public page of the site."), False),
    )
    for name, schema, description, facets in endpoints:
        parameters = _v2_parameters()
        if facets:
            parameters += _facet_parameters(with_collection=False)
        if name == "pages":
            parameters.append(
                {
                    "name": "type",
                    "in": "query",
                    "description": _("Page type, e.g. initiatieven.InitiativePage."),
                    "schema": STRING,
                }
            )
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "summary": description,
                "operationId": f"list_{name}",
                "tags": ["v2"],
                "parameters": parameters,
                "responses": _responses(_listing(schema), description),
            }
        }
        paths[f"/api/v2/{name}/{{id}}/"] = {
            "get": {
                "summary": _("One of them, with all its fields."),
                "operationId": f"get_{name}",
                "tags": ["v2"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": INTEGER},
                    {"name": "fields", "in": "query", "schema": STRING},
                    {
                        "name": "rich_text_format",
                        "in": "query",
                        "schema": {
                            "type": "string",
                            "enum": ["html", "markdown", "db_html", "db_markdown"],
                        },
                    },
                ],
                "responses": {**_responses(_ref(schema), description), "404": _not_found()},
            }
        }
    return paths


def build_schema(request: HttpRequest) -> dict:
    """The OpenAPI document of the read API, with this site's address as its server."""
    search_parameters = [_text_parameter(), *_facet_parameters(), *_paging_parameters()]
    overview_parameters = [_text_parameter(), *_facet_parameters()]
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": _("Kennisbank read API"),
            "version": API_VERSION,
            "description": _(
                "Practice examples of renewal in care and care education: search, numbers and "
                "every published initiative and collection. Read-only, no key needed, open to "
                "other sites (CORS); one rate limit per client, and one of its own for "
                "suggestions while typing."
            ),
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": site_root(request)}],
        "externalDocs": {"url": site_root(request) + reverse("api_docs")},
        "tags": [
            {"name": "search", "description": _("Dutch search with facets.")},
            {"name": "numbers", "description": _("The overview in numbers.")},
            {"name": "v2", "description": _("Wagtail's API v2: pages and their fields.")},
        ],
        "paths": {
            "/api/zoeken/": {
                "get": {
                    "summary": _("Search initiatives"),
                    "description": _(
                        "The parameters of the search page /zoeken/. Facet counts apply the "
                        "other facets' selections."
                    ),
                    "operationId": "search",
                    "tags": ["search"],
                    "parameters": search_parameters,
                    "responses": _responses(_ref("SearchResponse"), _("One page of results.")),
                }
            },
            "/api/zoeken/suggesties/": _suggestions_path(),
            "/api/in-cijfers/": {
                "get": {
                    "summary": _("The numbers of a selection"),
                    "description": _(
                        "Total and facets as /api/zoeken/ gives them (every vocabulary value, "
                        "zeros included), start years, and themes by target group and by "
                        "province."
                    ),
                    "operationId": "overview",
                    "tags": ["numbers"],
                    "parameters": overview_parameters,
                    "responses": _responses(_ref("Overview"), _("The numbers.")),
                }
            },
            **_v2_paths(),
        },
        "components": _components(),
    }


@throttled
@require_GET
def schema_view(request):
    response = JsonResponse(build_schema(request), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/vnd.oai.openapi+json; charset=utf-8"
    return response


@require_GET
def api_docs(request):
    """`/api/`: what the API offers, with curl examples that work on this site."""
    root = site_root(request)
    terms = facet_terms()
    theme = next(iter(terms["thema"]), "")
    province = next(iter(terms["provincie"]), "")
    return TemplateResponse(
        request,
        "api/docs.html",
        {
            "root": root,
            "example_theme": theme,
            "example_province": province,
            "facets": [
                (facet, facet_title(facet), list(values)) for facet, values in terms.items()
            ],
            "rate_limit": _rate_limit_text(settings.API_RATE_LIMIT),
            "suggestions_rate_limit": _rate_limit_text(settings.SUGGESTIONS_RATE_LIMIT),
        },
    )


def _rate_limit_text(rate: str) -> str:
    """A rate such as "120/minute" in words, or "" for no limit."""
    if not rate:
        return ""
    number, _sep, period = rate.partition("/")
    periods = {"s": _("second"), "m": _("minute"), "h": _("hour"), "d": _("day")}
    return _("%(number)s requests per %(period)s") % {
        "number": number,
        "period": periods.get(period[:1], period),
    }
