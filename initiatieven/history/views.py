"""The public history of an initiative: its published versions, and what changed between two.

Each view takes the page it is given (its routes are the page model's), so it does not import
the page models."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from initiatieven.breadcrumbs import breadcrumbs
from initiatieven.history.comparison import compare
from initiatieven.history.versions import PublishedVersion, published_versions

_REVISION_ID = re.compile(r"[0-9]{1,9}")


def initiative_history(request: HttpRequest, page: Page) -> HttpResponse:
    """Every published version of an initiative, newest first, with a form to compare two."""
    versions = published_versions(page)
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
        "initiatieven/history/versions.html",
        {
            **_page_context(request, page, page_url),
            "rows": rows,
            "compare_action": page_url + page.reverse_subpage("compare_choice"),
        },
    )


def initiative_compare_choice(request: HttpRequest, page: Page) -> HttpResponse:
    """The history form's choice of two versions, sent on to the comparison's own address."""
    old_id, new_id = request.GET.get("van", ""), request.GET.get("naar", "")
    if not (_REVISION_ID.fullmatch(old_id) and _REVISION_ID.fullmatch(new_id)):
        raise Http404
    return redirect(page.get_url(request) + page.reverse_subpage("compare", args=[old_id, new_id]))


def initiative_compare(
    request: HttpRequest, page: Page, *, old_id: int, new_id: int
) -> HttpResponse:
    """What changed between two published versions, the older one always first."""
    versions = {version.revision_id: version for version in published_versions(page)}
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
        "initiatieven/history/compare.html",
        {
            **_page_context(request, page, page_url),
            "old": old,
            "new": new,
            "comparison": compare(old.content, new.content),
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


def _page_context(request: HttpRequest, page: Page, page_url: str) -> dict:
    return {
        "page": page,
        "self": page,
        "page_url": page_url,
        "breadcrumbs": [*breadcrumbs(page, request), {"title": page.title, "url": page_url}],
    }


def _compare_url(
    page: Page,
    page_url: str,
    old: PublishedVersion,
    new: PublishedVersion,
) -> str:
    return page_url + page.reverse_subpage("compare", args=[old.revision_id, new.revision_id])
