"""The breadcrumb trail above a page: where it sits in the site's tree."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


def breadcrumbs(page: Page, request: HttpRequest) -> list[dict]:
    """Live ancestors below the tree root, for the breadcrumb trail."""
    return [
        {
            "title": _("Home") if ancestor.depth == 2 else ancestor.title,
            "url": ancestor.get_url(request),
        }
        for ancestor in page.get_ancestors().live().filter(depth__gt=1)
    ]
