"""The Atom feed of a search, `/zoeken/feed/`, on every engine."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from initiatieven.models import Province
from tests.initiatieven.test_feeds import ATOM, alternate_links, entry_titles, parse_atom
from tests.search.conftest import body

pytestmark = pytest.mark.django_db


def republish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class TestSearchFeed:
    def test_lists_the_matches_last_updated_first(self, client, make):
        older = make("Wijkverpleging oud", approach=body("studenten in de wijk"))
        make("Wijkverpleging nieuw", approach=body("studenten in de wijk"))
        make("Iets anders", approach=body("over een heel ander onderwerp"))
        republish(older)

        root = parse_atom(client.get("/zoeken/feed/", {"q": "wijkverpleging"}))

        assert entry_titles(root) == ["Wijkverpleging oud", "Wijkverpleging nieuw"]
        assert root.findtext(f"{ATOM}title") == (
            "Kennisbank – nieuwe en bijgewerkte initiatieven voor zoekopdracht “wijkverpleging”"
        )
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links["alternate"] == "http://testserver/zoeken/?q=wijkverpleging"
        assert links["self"] == "http://testserver/zoeken/feed/?q=wijkverpleging"

    def test_facets_filter_as_on_the_search_page(self, client, make):
        utrecht = Province.objects.get(slug="utrecht")
        make("Utrecht competenties", province=utrecht, themes=["competenties"])
        make("Utrecht anders", province=utrecht, themes=["informele-zorg"])
        make("Zuid-Holland competenties", themes=["competenties"])

        root = parse_atom(
            client.get("/zoeken/feed/", {"thema": "competenties", "provincie": "utrecht"})
        )

        assert entry_titles(root) == ["Utrecht competenties"]
        assert root.findtext(f"{ATOM}title") == (
            "Kennisbank – nieuwe en bijgewerkte initiatieven met "
            "Thema: Competenties in plaats van diploma's; Provincie: Utrecht"
        )

    def test_several_values_of_a_facet_mean_or(self, client, make):
        make("Competenties", themes=["competenties"])
        make("Informele zorg", themes=["informele-zorg"])
        make("Ander thema", themes=["leren-en-werken"])

        root = parse_atom(client.get("/zoeken/feed/?thema=competenties&thema=informele-zorg&q="))

        assert sorted(entry_titles(root)) == ["Competenties", "Informele zorg"]
        assert "Thema: Competenties in plaats van diploma's of Naasten" in root.findtext(
            f"{ATOM}title"
        )

    def test_sort_and_page_are_checked_but_do_not_change_the_feed(self, client, make):
        first = make("Alfa", approach=body("zorgonderwijs"))
        make("Bravo", approach=body("zorgonderwijs"))
        republish(first)

        root = parse_atom(
            client.get("/zoeken/feed/", {"q": "zorgonderwijs", "sort": "titel", "page": "7"})
        )

        assert entry_titles(root) == ["Alfa", "Bravo"]

    def test_leaves_out_private_and_unpublished_pages(self, client, make):
        make("Zichtbaar", approach=body("geheimzinnig"))
        private = make("Besloten", approach=body("geheimzinnig"))
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        make("Concept", approach=body("geheimzinnig"), publish=False)

        root = parse_atom(client.get("/zoeken/feed/", {"q": "geheimzinnig"}))

        assert entry_titles(root) == ["Zichtbaar"]

    def test_without_parameters_every_initiative(self, client, make):
        make("Een")
        make("Twee")

        root = parse_atom(client.get("/zoeken/feed/"))

        assert entry_titles(root) == ["Twee", "Een"]
        assert root.findtext(f"{ATOM}title") == "Kennisbank – nieuwe en bijgewerkte initiatieven"

    def test_control_characters_in_the_search_text_give_a_valid_feed(self, client, make):
        make("Wijkzorg", approach=body("wijkzorg"))

        root = parse_atom(client.get("/zoeken/feed/", {"q": "wijk\x01zorg"}))

        assert root.findtext(f"{ATOM}title").endswith("voor zoekopdracht “wijkzorg”")

    def test_queries_do_not_grow_with_the_entries(self, client, make):
        make("Zorg een", approach=body("zorg"), themes=["competenties"])
        client.get("/zoeken/feed/", {"q": "zorg"})
        with CaptureQueriesContext(connection) as few:
            parse_atom(client.get("/zoeken/feed/", {"q": "zorg"}))
        for number in range(6):
            make(f"Zorg {number}", approach=body("zorg"), themes=["competenties", "informele-zorg"])
        client.get("/zoeken/feed/", {"q": "zorg"})  # the live set changed: rebuild caches once
        with CaptureQueriesContext(connection) as many:
            root = parse_atom(client.get("/zoeken/feed/", {"q": "zorg"}))
        assert len(entry_titles(root)) == 7
        assert len(many) == len(few)


class TestBadParameters:
    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"thema": "bestaat-niet"}, "Onbekende waarde 'bestaat-niet' voor 'thema'."),
            ({"sort": "willekeurig"}, "Onbekende sortering 'willekeurig'."),
            ({"page": "nul"}, "'page' moet een geheel getal van 1 of meer zijn"),
            ({"per_page": "500"}, "'per_page' mag hoogstens 100 zijn"),
        ],
    )
    def test_a_400_with_the_reason_in_dutch(self, client, index, params, message):
        response = client.get("/zoeken/feed/", params)

        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        text = response.content.decode()
        assert text.startswith("Ongeldige zoekparameters.\n")
        assert message in text


class TestLinkFromTheSearchPage:
    def test_head_and_page_link_the_feed_of_this_search(self, client, make):
        make("Zorg", approach=body("zorg"))

        html = client.get(
            "/zoeken/", {"q": "zorg", "thema": "competenties", "page": "1", "sort": "titel"}
        ).content.decode()

        ((title, href),) = alternate_links(html)
        assert href == "/zoeken/feed/?q=zorg&amp;thema=competenties"
        assert title == (
            "Kennisbank – nieuwe en bijgewerkte initiatieven voor zoekopdracht “zorg” "
            "(Thema: Competenties in plaats van diploma&#x27;s)"
        )
        assert f'<a href="{href}" type="application/atom+xml">Abonneer via Atom-feed</a>' in html
        parse_atom(client.get(href.replace("&amp;", "&")))
