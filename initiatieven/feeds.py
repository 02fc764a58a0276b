"""Atom feeds of new and updated initiatives: all of them, per theme and per province.

Every feed is built from a `FeedSubject`: its titles, the page it follows and its entries, a
bounded selection of live, public initiatives, last published first. Any selection of
initiatives (a search, later a collection) becomes a feed by building one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from initiatieven import queries
from initiatieven.models import InitiativeIndexPage, InitiativePage, Province, Theme

FEED_LIMIT = 50
# XML 1.0 cannot carry these; a pasted or imported text (or a search) may hold them.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the control characters XML 1.0 does not allow."""
    return _NOT_IN_XML.sub("", text)


class ThemedAtom1Feed(Atom1Feed):
    """Atom 1.0 whose entries carry their themes as categories: the slug as term, the label as
    label, the themes page as scheme."""

    def add_item_elements(self, handler, item) -> None:
        # Django sends the summary as HTML; ours is plain text, so say so.
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"]:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
        for theme in item["themes"]:
            handler.addQuickElement(
                "category",
                "",
                {
                    "term": theme.slug,
                    "label": xml_text(theme.label),
                    "scheme": self.feed["theme_scheme"],
                },
            )


@dataclass(frozen=True)
class FeedSubject:
    """One feed: what it is called, the page it follows and its entries (already bounded)."""

    title: str
    subtitle: str
    link: str
    feed_url: str
    entries: Sequence[InitiativePage]
    theme_scheme: str


def feed_link(url: str, title: str) -> dict[str, str]:
    """What a page needs to link its feed (`components/feed_head.html`, `feed_link.html`)."""
    return {"url": url, "title": title}


def feed_title(about: str = "") -> str:
    """The Dutch title of a feed, `about` naming its selection ("over Zorg en technologie")."""
    base = _("Kennisbank – new and updated initiatives")
    return f"{base} {about}" if about else base


def subject_for(
    request: HttpRequest,
    *,
    title: str,
    subtitle: str,
    link: str,
    entries: Sequence[InitiativePage] | QuerySet[InitiativePage],
) -> FeedSubject:
    """A feed of `entries` (bounded to FEED_LIMIT here) following the page at `link`."""
    return FeedSubject(
        title=title,
        subtitle=subtitle,
        link=request.build_absolute_uri(link),
        feed_url=request.build_absolute_uri(request.get_full_path()),
        entries=list(entries[:FEED_LIMIT]),
        theme_scheme=request.build_absolute_uri(reverse("theme_list")),
    )


class InitiativeFeed(Feed):
    """Renders a FeedSubject; subclasses only say which subject a request asks for."""

    feed_type = ThemedAtom1Feed
    author_name = "Kennisbank"

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Feed readers poll: an unchanged feed is a 304. By ETag only, as Last-Modified (the
        # newest entry's date) stays the same or goes back when an initiative is withdrawn.
        response = super().__call__(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedSubject:
        raise NotImplementedError

    def title(self, obj: FeedSubject) -> str:
        return xml_text(obj.title)

    def subtitle(self, obj: FeedSubject) -> str:
        return xml_text(obj.subtitle)

    def link(self, obj: FeedSubject) -> str:
        return obj.link

    def feed_url(self, obj: FeedSubject) -> str:
        return obj.feed_url

    def feed_guid(self, obj: FeedSubject) -> str:
        return obj.feed_url

    def feed_extra_kwargs(self, obj: FeedSubject) -> dict:
        return {"theme_scheme": obj.theme_scheme}

    def items(self, obj: FeedSubject) -> Sequence[InitiativePage]:
        return obj.entries

    def item_title(self, item: InitiativePage) -> str:
        return xml_text(item.title)

    def item_description(self, item: InitiativePage) -> str:
        return xml_text(item.summary)

    def item_link(self, item: InitiativePage) -> str:
        return item.url or ""

    def item_pubdate(self, item: InitiativePage):
        return item.first_published_at

    def item_updateddate(self, item: InitiativePage):
        return item.last_published_at

    def item_extra_kwargs(self, item: InitiativePage) -> dict:
        return {"themes": list(item.themes.all())}


def _index_url() -> str:
    index = InitiativeIndexPage.objects.live().public().only("url_path").first()
    return (index.url if index else None) or "/"


def all_initiatives_link() -> dict[str, str]:
    return feed_link(reverse("initiatives_feed"), feed_title())


class AllInitiativesFeed(InitiativeFeed):
    def get_object(self, request: HttpRequest) -> FeedSubject:
        return subject_for(
            request,
            title=feed_title(),
            subtitle=_("The newest and most recently updated initiatives."),
            link=_index_url(),
            entries=queries.feed_entries(),
        )


class ThemeFeed(InitiativeFeed):
    def get_object(self, request: HttpRequest, slug: str) -> FeedSubject:
        theme = get_object_or_404(Theme, slug=slug)
        return subject_for(
            request,
            title=theme_feed_title(theme),
            subtitle=_("New and updated initiatives on the theme %(theme)s.")
            % {"theme": theme.label},
            link=reverse("theme_detail", args=[theme.slug]),
            entries=queries.feed_entries(InitiativePage.objects.filter(themes=theme)),
        )


class ProvinceFeed(InitiativeFeed):
    def get_object(self, request: HttpRequest, slug: str) -> FeedSubject:
        province = get_object_or_404(Province, slug=slug)
        return subject_for(
            request,
            title=province_feed_title(province),
            subtitle=_("New and updated initiatives in %(province)s.")
            % {"province": province.label},
            link=reverse("province_detail", args=[province.slug]),
            entries=queries.feed_entries(InitiativePage.objects.filter(province=province)),
        )


def theme_feed_title(theme: Theme) -> str:
    return feed_title(_("on %(theme)s") % {"theme": theme.label})


def province_feed_title(province: Province) -> str:
    return feed_title(_("in %(province)s") % {"province": province.label})
