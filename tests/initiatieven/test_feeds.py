"""Atom feeds of new and updated initiatives: overall, per theme and per province."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from initiatieven.models import Province
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def parse_atom(response) -> ET.Element:
    """The feed's root, after checking what RFC 4287 requires of a feed and its entries."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}author/{ATOM}name").text  # no entry has an author of its own
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].startswith("http://testserver/")
    assert links["alternate"].startswith("http://testserver/")
    ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        alternates = [
            link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate"
        ]
        assert len(alternates) == 1
        assert alternates[0].get("href").startswith("http://testserver/")
        for category in entry.findall(f"{ATOM}category"):
            assert category.get("term")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return root


def entry_titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def republish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class TestAllInitiativesFeed:
    def test_entries_carry_title_summary_link_dates_and_themes(self, client, index):
        page = create_initiative(
            index,
            title="Studenten leren in de wijk",
            summary="Studenten & docenten <samen> op locatie.",
            themes=["leren-en-werken", "competenties"],
        )
        page = republish(page)

        root = parse_atom(client.get("/feeds/initiatieven/"))

        assert root.findtext(f"{ATOM}title") == "Kennisbank – nieuwe en bijgewerkte initiatieven"
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
        (entry,) = root.findall(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}title") == "Studenten leren in de wijk"
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "text"
        assert summary.text == "Studenten & docenten <samen> op locatie."
        link = entry.find(f"{ATOM}link").get("href")
        assert link == f"http://testserver{page.url}"
        assert entry.findtext(f"{ATOM}id") == link
        assert entry.findtext(f"{ATOM}published") == page.first_published_at.isoformat()
        assert entry.findtext(f"{ATOM}updated") == page.last_published_at.isoformat()
        assert page.last_published_at > page.first_published_at
        categories = [(c.get("term"), c.get("label")) for c in entry.findall(f"{ATOM}category")]
        assert sorted(categories) == [
            ("competenties", "Competenties in plaats van diploma's"),
            ("leren-en-werken", "Leren en werken verweven"),
        ]
        assert root.findtext(f"{ATOM}updated") == page.last_published_at.isoformat()

    def test_only_published_public_initiatives(self, client, index):
        create_initiative(index, title="Gepubliceerd")
        create_initiative(index, title="Concept", publish=False)
        withdrawn = create_initiative(index, title="Ingetrokken")
        withdrawn.unpublish()
        private = create_initiative(index, title="Besloten")
        PageViewRestriction.objects.create(page=private, restriction_type="login")

        root = parse_atom(client.get("/feeds/initiatieven/"))

        assert entry_titles(root) == ["Gepubliceerd"]

    def test_last_updated_first(self, client, index):
        older = create_initiative(index, title="Ouder maar bijgewerkt")
        create_initiative(index, title="Nieuwer")
        republish(older)

        root = parse_atom(client.get("/feeds/initiatieven/"))

        assert entry_titles(root) == ["Ouder maar bijgewerkt", "Nieuwer"]

    def test_bounded_to_fifty_entries(self, client, index):
        for number in range(52):
            create_initiative(index, title=f"Initiatief {number}")

        root = parse_atom(client.get("/feeds/initiatieven/"))

        assert len(entry_titles(root)) == 50
        assert "Initiatief 51" in entry_titles(root)
        assert "Initiatief 0" not in entry_titles(root)

    def test_control_characters_from_an_import_do_not_break_the_feed(self, client, index):
        # (NUL itself never reaches a page: PostgreSQL refuses it in text.)
        create_initiative(index, title="Zorg\x01 in de wijk", summary="Een\x0b samen\x0cvatting.")

        root = parse_atom(client.get("/feeds/initiatieven/"))

        assert entry_titles(root) == ["Zorg in de wijk"]
        assert root.find(f"{ATOM}entry/{ATOM}summary").text == "Een samenvatting."

    def test_an_unchanged_feed_answers_304_to_its_etag(self, client, index):
        create_initiative(index, title="Eerste")
        first = client.get("/feeds/initiatieven/")
        etag = first["ETag"]

        again = client.get("/feeds/initiatieven/", headers={"if-none-match": etag})
        assert again.status_code == 304

        create_initiative(index, title="Tweede")
        changed = client.get("/feeds/initiatieven/", headers={"if-none-match": etag})
        assert entry_titles(parse_atom(changed)) == ["Tweede", "Eerste"]

    def test_a_withdrawn_initiative_is_not_hidden_behind_a_304(self, client, index):
        create_initiative(index, title="Blijft")
        withdrawn = create_initiative(index, title="Wordt ingetrokken")
        first = client.get("/feeds/initiatieven/")
        withdrawn.unpublish()

        changed = client.get(
            "/feeds/initiatieven/", headers={"if-modified-since": first["Last-Modified"]}
        )

        assert entry_titles(parse_atom(changed)) == ["Blijft"]

    def test_empty_feed_is_still_valid(self, client, index):
        root = parse_atom(client.get("/feeds/initiatieven/"))
        assert entry_titles(root) == []

    def test_queries_do_not_grow_with_the_entries(self, client, index, settings):
        settings.PAGE_CACHE_SECONDS = 0  # the feed's own queries, each time
        create_initiative(index, themes=["competenties"])
        client.get("/feeds/initiatieven/")  # warm the site root cache
        with CaptureQueriesContext(connection) as few:
            parse_atom(client.get("/feeds/initiatieven/"))
        for _ in range(6):
            create_initiative(index, themes=["competenties", "leren-en-werken"])
        with CaptureQueriesContext(connection) as many:
            root = parse_atom(client.get("/feeds/initiatieven/"))
        assert len(entry_titles(root)) == 7
        assert len(many) == len(few)


class TestThemeAndProvinceFeeds:
    def test_theme_feed_lists_only_that_theme(self, client, index):
        create_initiative(index, title="Over competenties", themes=["competenties"])
        create_initiative(index, title="Over iets anders", themes=["leren-en-werken"])

        root = parse_atom(client.get("/themas/competenties/feed/"))

        assert entry_titles(root) == ["Over competenties"]
        assert root.findtext(f"{ATOM}title") == (
            "Kennisbank – nieuwe en bijgewerkte initiatieven over "
            "Competenties in plaats van diploma's"
        )
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links["alternate"] == "http://testserver/themas/competenties/"
        assert links["self"] == "http://testserver/themas/competenties/feed/"

    def test_province_feed_lists_only_that_province(self, client, index):
        utrecht = Province.objects.get(slug="utrecht")
        create_initiative(index, title="In Utrecht", province=utrecht)
        create_initiative(index, title="In Zuid-Holland")

        root = parse_atom(client.get("/provincies/utrecht/feed/"))

        assert entry_titles(root) == ["In Utrecht"]
        assert root.findtext(f"{ATOM}title") == (
            "Kennisbank – nieuwe en bijgewerkte initiatieven in Utrecht"
        )

    def test_theme_feed_leaves_out_private_and_draft_pages(self, client, index):
        private = create_initiative(index, title="Besloten", themes=["competenties"])
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        create_initiative(index, title="Concept", themes=["competenties"], publish=False)

        root = parse_atom(client.get("/themas/competenties/feed/"))

        assert entry_titles(root) == []

    @pytest.mark.parametrize("url", ["/themas/bestaat-niet/feed/", "/provincies/atlantis/feed/"])
    def test_unknown_slug_is_404(self, client, index, url):
        assert client.get(url).status_code == 404

    def test_theme_feed_queries_do_not_grow(self, client, index, settings):
        settings.PAGE_CACHE_SECONDS = 0  # the feed's own queries, each time
        create_initiative(index, themes=["competenties"])
        client.get("/themas/competenties/feed/")
        with CaptureQueriesContext(connection) as few:
            client.get("/themas/competenties/feed/")
        for _ in range(5):
            create_initiative(index, themes=["competenties", "informele-zorg"])
        with CaptureQueriesContext(connection) as many:
            root = parse_atom(client.get("/themas/competenties/feed/"))
        assert len(entry_titles(root)) == 6
        assert len(many) == len(few)


def alternate_links(html: str) -> list[tuple[str, str]]:
    head = html.split("</head>")[0]
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">',
        head,
    )


class TestLinksFromThePages:
    def test_index_links_the_overall_feed(self, client, index, initiative):
        html = client.get(index.url).content.decode()
        assert alternate_links(html) == [
            ("Kennisbank – nieuwe en bijgewerkte initiatieven", "/feeds/initiatieven/")
        ]
        assert ">Abonneer via Atom-feed</a>" in html

    def test_theme_page_links_its_feed(self, client, index, initiative):
        html = client.get("/themas/competenties/").content.decode()
        assert alternate_links(html) == [
            (
                "Kennisbank – nieuwe en bijgewerkte initiatieven over "
                "Competenties in plaats van diploma&#x27;s",
                "/themas/competenties/feed/",
            )
        ]
        assert 'href="/themas/competenties/feed/" type="application/atom+xml"' in html

    def test_province_page_links_its_feed(self, client, index, initiative):
        html = client.get("/provincies/utrecht/").content.decode()
        assert alternate_links(html) == [
            (
                "Kennisbank – nieuwe en bijgewerkte initiatieven in Utrecht",
                "/provincies/utrecht/feed/",
            )
        ]

    def test_the_linked_feeds_answer(self, client, index, initiative):
        for page in (index.url, "/themas/competenties/", "/provincies/zuid-holland/"):
            ((_title, href),) = alternate_links(client.get(page).content.decode())
            parse_atom(client.get(href))
