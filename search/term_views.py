"""A theme's and a province's own page: its initiatives, as the search lists them, with the
search page's other filters and sort."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven import feeds
from initiatieven.models import Province, Theme
from initiatieven.pagination import INITIATIVES_PER_PAGE
from search.listing import faceted_listing


def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    return _term_detail(
        request,
        theme,
        facet="thema",
        parent=(_("Themes"), reverse("theme_list")),
        feed=feeds.feed_link(
            reverse("theme_feed", args=[theme.slug]), feeds.theme_feed_title(theme)
        ),
        empty_title=_("No initiatives on %(theme)s yet") % {"theme": theme.label},
        empty_invitation=_(
            "Do you know an initiative on this theme? Add it and be the first others learn from."
        ),
    )


def province_detail(request, slug: str):
    province = get_object_or_404(Province, slug=slug)
    return _term_detail(
        request,
        province,
        facet="provincie",
        parent=(_("Provinces"), reverse("province_list")),
        feed=feeds.feed_link(
            reverse("province_feed", args=[province.slug]), feeds.province_feed_title(province)
        ),
        empty_title=_("No initiatives in %(province)s yet") % {"province": province.label},
        empty_invitation=_(
            "Do you know an initiative in %(province)s? Add it and be the first others learn from."
        )
        % {"province": province.label},
    )


def _term_detail(
    request: HttpRequest,
    term: Theme | Province,
    *,
    facet: str,
    parent: tuple[str, str],
    feed: dict[str, str],
    empty_title: str,
    empty_invitation: str,
) -> HttpResponse:
    """A theme's or province's page: its initiatives with the search page's other filters."""
    context = faceted_listing(request, fixed={facet: term.slug}, per_page=INITIATIVES_PER_PAGE)
    if context["is_empty"]:
        context.update(
            empty_title=empty_title,
            empty_invitation=empty_invitation,
            add_url=reverse("add_initiative"),
        )
    parent_title, parent_url = parent
    return TemplateResponse(
        request,
        "initiatieven/term_detail.html",
        {
            **context,
            "term": term,
            "feed": feed,
            "listing_action": request.path,
            "breadcrumbs": [
                {"title": _("Home"), "url": "/"},
                {"title": parent_title, "url": parent_url},
            ],
        },
    )
