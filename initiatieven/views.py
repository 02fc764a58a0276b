"""Public pages for the vocabularies that have their own page (themes and provinces), and the
public history of an initiative."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven import feeds, queries, revision_diff
from initiatieven.models import InitiativePage, Province, Theme
from initiatieven.models.pages import INITIATIVES_PER_PAGE, breadcrumbs
from search.listing import faceted_listing

_REVISION_ID = re.compile(r"[0-9]{1,9}")


def theme_list(request):
    return TemplateResponse(
        request,
        "initiatieven/term_list.html",
        {
            "title": _("Themes"),
            "intro": _(
                "The themes the renewal movement works on. Choose one to see its initiatives."
            ),
            "terms": queries.themes_with_counts(),
        },
    )


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


def province_list(request):
    return TemplateResponse(
        request,
        "initiatieven/term_list.html",
        {
            "title": _("Provinces"),
            "intro": _("Initiatives by province. 'Landelijk' gathers those that work nationwide."),
            "terms": queries.provinces_with_counts(),
        },
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


def initiative_history(request: HttpRequest, page: InitiativePage) -> HttpResponse:
    """Every published version of an initiative, newest first, with a form to compare two."""
    versions = queries.published_versions(page)
    page_url = page.get_url(request)
    rows = [
        {
            "version": version,
            "previous": previous,
            "changes_url": _compare_url(page, page_url, previous, version) if previous else "",
        }
        for version, previous in zip(versions, [*versions[1:], None], strict=True)
    ]
    return TemplateResponse(
        request,
        "initiatieven/initiative_history.html",
        {
            **_page_context(request, page, page_url),
            "rows": rows,
            "compare_action": page_url + page.reverse_subpage("compare_choice"),
        },
    )


def initiative_compare_choice(request: HttpRequest, page: InitiativePage) -> HttpResponse:
    """The history form's choice of two versions, sent on to the comparison's own address."""
    old_id, new_id = request.GET.get("van", ""), request.GET.get("naar", "")
    if not (_REVISION_ID.fullmatch(old_id) and _REVISION_ID.fullmatch(new_id)):
        raise Http404
    return redirect(page.get_url(request) + page.reverse_subpage("compare", args=[old_id, new_id]))


def initiative_compare(
    request: HttpRequest, page: InitiativePage, *, old_id: int, new_id: int
) -> HttpResponse:
    """What changed between two published versions, the older one always first."""
    versions = {version.revision_id: version for version in queries.published_versions(page)}
    old, new = versions.get(old_id), versions.get(new_id)
    if old is None or new is None:
        raise Http404
    page_url = page.get_url(request)
    if old.number > new.number:
        return redirect(_compare_url(page, page_url, new, old))
    by_number = {version.number: version for version in versions.values()}
    # Comparing one version with the one before: offer stepping to the neighbouring changes.
    adjacent = new.number - old.number == 1
    following = by_number.get(new.number + 1)
    return TemplateResponse(
        request,
        "initiatieven/initiative_compare.html",
        {
            **_page_context(request, page, page_url),
            "old": old,
            "new": new,
            "comparison": revision_diff.compare(old.content, new.content),
            "adjacent": adjacent,
            "history_url": page_url + page.reverse_subpage("history"),
            "previous_change_url": (
                _compare_url(page, page_url, by_number[old.number - 1], old)
                if adjacent and old.number > 1
                else ""
            ),
            "next_change_url": (
                _compare_url(page, page_url, new, following) if adjacent and following else ""
            ),
        },
    )


def _page_context(request: HttpRequest, page: InitiativePage, page_url: str) -> dict:
    return {
        "page": page,
        "self": page,
        "page_url": page_url,
        "breadcrumbs": [*breadcrumbs(page, request), {"title": page.title, "url": page_url}],
    }


def _compare_url(
    page: InitiativePage,
    page_url: str,
    old: queries.PublishedVersion,
    new: queries.PublishedVersion,
) -> str:
    return page_url + page.reverse_subpage("compare", args=[old.revision_id, new.revision_id])
