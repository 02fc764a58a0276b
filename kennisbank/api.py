"""The open read API: Wagtail's API v2 at `/api/v2/` (pages, initiatives, collections), read
only, JSON only, under the rate limit of `kennisbank.throttling`."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from initiatieven.api_search import guard_api_search
from initiatieven.models import CollectionPage, InitiativePage
from initiatieven.seo import absolute_url, site_root
from kennisbank.throttling import throttled
from search import collections, params
from search.facets import facet_terms
from search.interface import FACET_FIELDS


class VocabularyFilter(BaseFilterBackend):
    """`?thema=zorg-en-technologie&provincie=utrecht,zeeland`: the facets of `/zoeken/` by
    slug, read and checked as the search reads them; several values of one facet (comma-
    separated or repeated) mean any of them."""

    def filter_queryset(self, request, queryset, view):
        # Wagtail has refused every parameter it does not know before this runs, so the only
        # problems the search's parser can find here are unknown facet values.
        parsed = params.parse(request.GET, terms=facet_terms())
        if parsed.problems:
            raise BadRequestError(" ".join(parsed.problems))
        for facet, field in FACET_FIELDS.items():
            if values := parsed.query.selected(facet):
                queryset = queryset.filter(
                    pk__in=InitiativePage.objects.filter(**{f"{field}__slug__in": values}).values(
                        "pk"
                    )
                )
        return queryset


class SiteDetailUrlField(DetailUrlField):
    """The API address of an object on the site's public address (`site_root`), as canonical
    links and the sitemap use it, not Wagtail's Site record."""

    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField
        return site_root(self.context["request"]) + path


class SiteHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        request = self.context["request"]
        url = page.get_url(request)
        return absolute_url(request, url) if url else None


class SiteParentField(PageParentField):
    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=SitePageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class SitePageSerializer(PageSerializer):
    detail_url = SiteDetailUrlField(read_only=True)
    html_url = SiteHtmlUrlField(read_only=True)
    parent = SiteParentField(read_only=True)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Live, public pages, as JSON only (no HTML browsable API beside the site's own pages)."""

    renderer_classes = [JSONRenderer]
    base_serializer_class = SitePageSerializer

    def listing_view(self, request):
        # Wagtail's own search parameters fail with a 500 on a quote, a blank search or an
        # unknown operator (Wagtail issue 13227 and others): read or refused as the editor's are.
        refused = guard_api_search(request._request) or _offset_refused(request._request)
        if refused is not None:
            return refused
        return super().listing_view(request)

    def detail_view(self, request, pk):
        # Wagtail hands the id to the database as it is, where one past its integers fails
        # (a 500); no page has an id past every limit.
        if pk > params.BEYOND_ANY_LIMIT:
            raise Http404
        return super().detail_view(request, pk)


def _offset_refused(request) -> JsonResponse | None:
    """Wagtail hands any whole-number offset to the database, where one past its integers fails
    (a 500: SQLite's "datatype mismatch", PostgreSQL's "bigint out of range"). An offset past
    every limit is a 400; Wagtail's own check refuses the rest (negative, not a number)."""
    raw = request.GET.get("offset", "")
    try:
        # Read as Wagtail reads it: int() also takes '+1', '1_000' and digits of other scripts.
        value = int(raw)
    except ValueError:
        return None
    if value <= params.BEYOND_ANY_LIMIT:
        return None
    message = _("offset may be at most %(limit)s; got %(value)s.") % {
        "limit": number_format(params.BEYOND_ANY_LIMIT, force_grouping=True),
        "value": raw.strip()[:30],
    }
    return JsonResponse({"message": message}, status=400)


class InitiativesAPIViewSet(PublicPagesAPIViewSet):
    """Live, public initiatives with their fields, filterable by the facets of search."""

    name = "initiatieven"
    model = InitiativePage
    filter_backends = [VocabularyFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FACET_FIELDS)
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "summary",
        "province",
        "themes",
        "phase",
        "last_published_at",
    ]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("province", "phase", "locale")
            .prefetch_related(
                "themes",
                "sectors",
                "education_levels",
                "target_groups",
                "organisations",
                "keywords",
            )
        )


class CollectionInitiativesField(serializers.Field):
    """The live, public initiatives of a collection in its order, each with the curator's
    note of a hand-picked one."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, collection) -> list[dict]:
        request = self.context["request"]
        root = site_root(request)
        ids = collections.members(collection)
        pages = InitiativePage.objects.filter(pk__in=ids).only("pk", "title", "url_path").in_bulk()
        notes = (
            {}
            if collection.is_selection
            else {i.initiative_id: i.note for i in collection.items.all()}
        )
        router = self.context["router"]
        return [
            {
                "id": pk,
                "title": pages[pk].title,
                "detail_url": root + router.get_object_detail_urlpath(InitiativePage, pk),
                "html_url": absolute_url(request, pages[pk].get_url(request) or "/"),
                "note": notes.get(pk, ""),
            }
            for pk in ids
            if pk in pages
        ]


class CollectionsAPIViewSet(PublicPagesAPIViewSet):
    """Live, public collections; the detail lists their initiatives."""

    name = "collecties"
    model = CollectionPage
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "kind",
        "featured",
        "last_published_at",
    ]

    @classmethod
    def get_body_fields(cls, model):
        return [
            *super().get_body_fields(model),
            APIField("initiatives", serializer=CollectionInitiativesField()),
        ]

    def get_queryset(self):
        return super().get_queryset().select_related("locale")


router = WagtailAPIRouter("wagtailapi")
# The most specific first: an initiative's detail_url points at its own endpoint.
router.register_endpoint("initiatieven", InitiativesAPIViewSet)
router.register_endpoint("collecties", CollectionsAPIViewSet)
router.register_endpoint("pages", PublicPagesAPIViewSet)


@throttled
def api_root(request):
    """`/api/v2/`: the endpoints."""
    return JsonResponse(
        {
            "endpoints": {
                name: absolute_url(request, reverse(f"wagtailapi:{name}:listing"))
                for name in ("initiatieven", "collecties", "pages")
            },
            "documentation": absolute_url(request, reverse("api_docs")),
            "schema": absolute_url(request, reverse("api_schema")),
        }
    )


def not_found(request, rest: str = ""):
    """Any other address under `/api/`: a 404 in JSON, as every API answer is, not the site's
    HTML page (a negative id, `/api/v2/initiatieven/-3/`, matches no route of the API)."""
    return JsonResponse(
        {
            "error": _("This address does not exist in the API; see %(docs)s.")
            % {"docs": reverse("api_docs")}
        },
        status=404,
    )
