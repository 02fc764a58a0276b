"""The sitemap's sections. `/sitemap.xml` is an index of them; a section longer than `LIMIT`
URLs continues on `?p=2`. Every published, public Wagtail page is in `pages` whatever its type,
so a new page type (a collection) appears without code; a listing view needs a section here."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Page, Site

from initiatieven import queries
from initiatieven.models import Province, Theme
from initiatieven.seo import site_root

LIMIT = 5000


class _SiteSitemap(Sitemap):
    """A section whose URLs use the same address as canonical links (see `site_root`)."""

    limit = LIMIT

    def __init__(self, request: HttpRequest):
        self.request = request
        root = urlsplit(site_root(request))
        self.protocol, self._domain = root.scheme, root.netloc

    def get_domain(self, site=None) -> str:
        return self._domain

    def items(self):
        # Built once per request: each build asks the database for the private sections.
        if not hasattr(self, "_built_items"):
            self._built_items = self.build_items()
        return self._built_items

    def build_items(self):
        raise NotImplementedError

    def get_latest_lastmod(self):
        return None


class PageSitemap(_SiteSitemap):
    """Live pages of the request's site outside any private section (password, login or
    group restrictions exclude the page and everything under it), with their last publication."""

    def _site(self) -> Site:
        return Site.find_for_request(self.request) or Site.objects.select_related("root_page").get(
            is_default_site=True
        )

    def build_items(self):
        return (
            self._site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .only(
                "id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at"
            )
            .order_by("path")
        )

    def location(self, page: Page) -> str:
        return page.get_url(self.request)

    def lastmod(self, page: Page):
        return page.last_published_at or page.latest_revision_created_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


def _latest_publication():
    return queries.live_initiatives().aggregate(latest=Max("last_published_at"))["latest"]


class TermSitemap(_SiteSitemap):
    """Themes or provinces, each dated by the latest publication among its initiatives."""

    model: type[Theme] | type[Province]

    def build_items(self):
        live = queries.live_initiatives().values("pk")
        return self.model.objects.annotate(
            latest=Max("initiatives__last_published_at", filter=Q(initiatives__in=live))
        ).order_by("sort_order", "label", "pk")

    def lastmod(self, term):
        return term.latest

    def get_latest_lastmod(self):
        return _latest_publication()


class ThemeSitemap(TermSitemap):
    model = Theme


class ProvinceSitemap(TermSitemap):
    model = Province


class ListingSitemap(_SiteSitemap):
    """The overviews that are views, not pages: themes, provinces, the search page, the
    overview in numbers and the page that explains the API."""

    def build_items(self) -> list[str]:
        return ["theme_list", "province_list", "search", "overview", "api_docs"]

    def location(self, name: str) -> str:
        return reverse(name)

    def lastmod(self, name: str):
        if not hasattr(self, "_latest"):
            self._latest = _latest_publication()
        return self._latest

    def get_latest_lastmod(self):
        return self.lastmod("")


SECTIONS: dict[str, type[_SiteSitemap]] = {
    "paginas": PageSitemap,
    "themas": ThemeSitemap,
    "provincies": ProvinceSitemap,
    "overzichten": ListingSitemap,
}


def sections(request: HttpRequest) -> dict[str, _SiteSitemap]:
    return {name: section(request) for name, section in SECTIONS.items()}
