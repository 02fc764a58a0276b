"""The Atom feed of a search, `/zoeken/feed/`: the parameters of `/zoeken/`, the matches last
published first. Bad parameters get a 400 with the reasons, as the JSON API gives."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven import feeds, queries
from initiatieven.models import InitiativePage
from search import searching
from search.interface import FACET_FIELDS, YEAR_FILTER, SearchQuery, SearchResponse
from search.listing import collection_title, facet_title

# What only changes how `/zoeken/` pages through its results, not which initiatives it finds.
PAGING_PARAMS = ("page", "per_page", "sort")


class InvalidSearch(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.problems = problems


class SearchFeed(feeds.InitiativeFeed):
    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidSearch as invalid:
            lines = [_("Invalid search parameters."), *invalid.problems]
            return HttpResponseBadRequest(
                "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
            )

    def get_object(self, request: HttpRequest) -> feeds.FeedSubject:
        found = searching.latest_updates(request.GET, limit=feeds.FEED_LIMIT)
        if found.problems:
            raise InvalidSearch(found.problems)
        cards = queries.feed_entries(InitiativePage.objects.filter(pk__in=found.page_ids))
        by_id = cards.in_bulk(found.page_ids)
        return feeds.subject_for(
            request,
            title=search_feed_title(found.query, found.terms),
            subtitle=_("New and updated initiatives that this search finds."),
            link=reverse("search") + _query_string(request.GET),
            entries=[by_id[pk] for pk in found.page_ids if pk in by_id],
        )


def search_feed_title(query: SearchQuery, terms: dict[str, dict[str, str]]) -> str:
    """The feed's title names the search: its text and the labels of its selected values."""
    parts = [
        f"{facet_title(facet)}: " + _(" or ").join(terms[facet].get(s, s) for s in selected)
        for facet in FACET_FIELDS
        if (selected := query.selected(facet))
    ]
    if years := query.selected(YEAR_FILTER):
        parts.append(f"{_('Start year')}: " + _(" or ").join(years))
    if query.collection:
        parts.insert(0, f"{_('Collection')}: {collection_title(query.collection)}")
    selections = "; ".join(parts)
    if query.text:
        about = _("for search “%(search)s”") % {"search": query.text}
        return feeds.feed_title(f"{about} ({selections})" if selections else about)
    if selections:
        return feeds.feed_title(_("with %(selections)s") % {"selections": selections})
    return feeds.feed_title()


def search_link(params: QueryDict, response: SearchResponse) -> dict[str, str]:
    """The feed of the search `/zoeken/` answered with `response` to `params`."""
    terms = {
        facet: {value.value: value.label for value in values}
        for facet, values in response.facets.items()
    }
    return feeds.feed_link(
        reverse("search_feed") + _query_string(params),
        search_feed_title(response.query, terms),
    )


def _query_string(params: QueryDict) -> str:
    kept = params.copy()
    for name in PAGING_PARAMS:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return "?" + encoded if encoded else ""
