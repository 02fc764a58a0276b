"""Being found and shared: sitemap, robots.txt, canonical links, Open Graph and JSON-LD."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from initiatieven.models import Organisation, Province, StandardPage, Theme
from tests.factories import create_initiative

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class _Head(HTMLParser):
    """The head's link and meta tags and its JSON-LD scripts."""

    def __init__(self):
        super().__init__()
        self.canonical: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def head_of(response) -> _Head:
    assert response.status_code == 200
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


def og(head: _Head, key: str) -> str:
    values = head.meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the site's own response


def sitemap_locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = parse_xml(response.content)
    return [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]


def all_sitemap_urls(client) -> list[str]:
    urls = []
    for section in sitemap_locations(client, "/sitemap.xml"):
        urls += sitemap_locations(client, section.removeprefix("http://testserver"))
    return urls


@pytest.fixture
def about(home):
    page = home.add_child(instance=StandardPage(title="Over de Kennisbank", intro="Wie wij zijn."))
    page.save_revision().publish()
    return page


# --- sitemap -----------------------------------------------------------------------------------


def test_sitemap_index_lists_every_section_on_an_absolute_address(client, index):
    sections = sitemap_locations(client, "/sitemap.xml")
    assert sections == [
        "http://testserver/sitemap-paginas.xml",
        "http://testserver/sitemap-themas.xml",
        "http://testserver/sitemap-provincies.xml",
        "http://testserver/sitemap-overzichten.xml",
    ]


def test_sitemap_lists_published_pages_themes_provinces_and_overviews(client, index, about):
    initiative = create_initiative(index, themes=["leren-en-werken"])
    urls = all_sitemap_urls(client)
    expected = [
        "http://testserver/",
        "http://testserver/initiatieven/",
        "http://testserver/collecties/",
        f"http://testserver{initiative.url}",
        "http://testserver/over-de-kennisbank/",
        "http://testserver/themas/",
        "http://testserver/provincies/",
        "http://testserver/zoeken/",
        "http://testserver/in-cijfers/",
        "http://testserver/api/",
        *(f"http://testserver/themas/{t.slug}/" for t in Theme.objects.all()),
        *(f"http://testserver/provincies/{p.slug}/" for p in Province.objects.all()),
    ]
    assert sorted(urls) == sorted(expected)
    assert len(urls) == len(set(urls))


def test_sitemap_leaves_out_drafts_unpublished_and_private_pages(client, index, home):
    draft = create_initiative(index, publish=False, title="Nog een concept")
    unpublished = create_initiative(index, title="Teruggetrokken")
    unpublished.unpublish()
    secret = create_initiative(index, title="Met wachtwoord")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    members = home.add_child(instance=StandardPage(title="Alleen leden"))
    members.save_revision().publish()
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    below = members.add_child(instance=StandardPage(title="Onder de leden"))
    below.save_revision().publish()
    public = create_initiative(index, title="Gewoon openbaar")

    urls = all_sitemap_urls(client)
    assert f"http://testserver{public.url}" in urls
    for page in (draft, unpublished, secret, members, below):
        page.refresh_from_db()
        assert not any(page.slug in url for url in urls), page.title


def test_initiative_lastmod_is_its_last_publication(client, index):
    initiative = create_initiative(index)
    initiative.summary = "Bijgewerkt."
    initiative.save_revision().publish()
    initiative.refresh_from_db()
    root = parse_xml(client.get("/sitemap-paginas.xml").content)
    entry = next(
        url
        for url in root.iterfind("sm:url", SITEMAP_NS)
        if url.find("sm:loc", SITEMAP_NS).text.endswith(initiative.url)
    )
    lastmod = entry.find("sm:lastmod", SITEMAP_NS).text
    # The sitemap gives the date in the site's time zone (Europe/Amsterdam), not UTC's.
    assert lastmod == timezone.localdate(initiative.last_published_at).isoformat()


def test_theme_lastmod_follows_its_newest_initiative(client, index):
    create_initiative(index, themes=["leren-en-werken"])
    newest = create_initiative(index, themes=["leren-en-werken"])
    root = parse_xml(client.get("/sitemap-themas.xml").content)
    dates = {
        url.find("sm:loc", SITEMAP_NS).text: getattr(
            url.find("sm:lastmod", SITEMAP_NS), "text", None
        )
        for url in root.iterfind("sm:url", SITEMAP_NS)
    }
    assert dates["http://testserver/themas/leren-en-werken/"] == (
        timezone.localdate(newest.last_published_at).isoformat()
    )


def test_sitemap_sections_are_split_into_pages_of_at_most_the_limit(client, index, monkeypatch):
    from initiatieven.seo import sitemaps

    monkeypatch.setattr(sitemaps.PageSitemap, "limit", 2)
    for _ in range(2):
        create_initiative(index)
    sections = sitemap_locations(client, "/sitemap.xml")
    # home, the two indexes and two initiatives: three pages of at most two.
    assert [s for s in sections if "paginas" in s] == [
        "http://testserver/sitemap-paginas.xml",
        "http://testserver/sitemap-paginas.xml?p=2",
        "http://testserver/sitemap-paginas.xml?p=3",
    ]
    assert len(sitemap_locations(client, "/sitemap-paginas.xml?p=3")) == 1
    assert client.get("/sitemap-paginas.xml?p=4").status_code == 404
    assert client.get("/sitemap-bestaat-niet.xml").status_code == 404


def test_sitemap_uses_base_url_when_configured(client, index, settings):
    settings.BASE_URL = "https://kennisbank.example.org"
    assert sitemap_locations(client, "/sitemap.xml")[0] == (
        "https://kennisbank.example.org/sitemap-paginas.xml"
    )
    assert "https://kennisbank.example.org/initiatieven/" in sitemap_locations(
        client, "/sitemap-paginas.xml"
    )


@pytest.mark.parametrize(
    ("path", "bound"),
    [
        ("/sitemap.xml", 14),
        ("/sitemap-paginas.xml", 4),
        ("/sitemap-themas.xml", 3),
        ("/sitemap-provincies.xml", 3),
        ("/sitemap-overzichten.xml", 2),
    ],
)
def test_sitemap_queries_do_not_grow_with_content(client, index, path, bound):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    create_initiative(index, themes=["leren-en-werken"])
    few = queries()
    for _ in range(6):
        create_initiative(index, themes=["leren-en-werken", "informele-zorg"])
    assert queries() == few
    assert few <= bound


# --- robots.txt --------------------------------------------------------------------------------


def test_robots_txt_opens_the_site_closes_editor_accounts_and_search_variants(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    for rule in (
        "Disallow: /beheer/",
        "Disallow: /account/",
        "Disallow: /zoeken/export",
        "Disallow: /zoeken/?",
        "Disallow: /*?*thema=",
    ):
        assert rule in lines
    assert "Disallow: /zoeken/" not in lines  # the search page itself is in the sitemap
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_names_the_configured_address(client, db, settings):
    settings.BASE_URL = "https://kennisbank.example.org/"
    assert "Sitemap: https://kennisbank.example.org/sitemap.xml" in (
        client.get("/robots.txt").content.decode().splitlines()
    )


# --- canonical links and Open Graph ------------------------------------------------------------


def test_home_page_metadata(client, home):
    head = head_of(client.get("/"))
    assert head.canonical == ["http://testserver/"]
    assert og(head, "og:url") == "http://testserver/"
    assert og(head, "og:type") == "website"
    assert og(head, "og:site_name") == "Kennisbank"
    assert og(head, "og:locale") == "nl_NL"
    assert og(head, "og:title") == home.title
    assert og(head, "twitter:card") == "summary"
    assert "og:image" not in head.meta
    (website,) = (json.loads(data) for data in head.json_ld)
    assert website["@type"] == "WebSite"
    assert (
        website["potentialAction"]["target"] == "http://testserver/zoeken/?q={search_term_string}"
    )


def test_index_canonical_keeps_facets_and_later_pages_drops_sort_and_page_one(client, index):
    head = head_of(client.get("/initiatieven/?sort=titel&page=1&per_page=50&utm_source=x"))
    assert head.canonical == ["http://testserver/initiatieven/"]
    assert og(head, "og:title") == index.title
    head = head_of(client.get("/initiatieven/?provincie=utrecht&thema=informele-zorg&page=2"))
    assert head.canonical == [
        "http://testserver/initiatieven/?thema=informele-zorg&provincie=utrecht&page=2"
    ]


def test_initiative_metadata_with_a_hero_image(client, index):
    image = get_image_model().objects.create(title="Koken", file=get_test_image_file())
    initiative = create_initiative(
        index,
        summary="Studenten koken met bewoners.",
        hero_image=image,
        hero_image_alt="Een student en een bewoner snijden groente",
    )
    head = head_of(client.get(initiative.url))
    url = f"http://testserver{initiative.url}"
    assert head.canonical == [url]
    assert og(head, "og:url") == url
    assert og(head, "og:type") == "article"
    assert og(head, "og:title") == initiative.title
    assert og(head, "og:description") == "Studenten koken met bewoners."
    assert og(head, "description") == "Studenten koken met bewoners."
    assert re.fullmatch(
        r"http://testserver/media/images/.+\.fill-1200x630\.png", og(head, "og:image")
    )
    assert og(head, "og:image:alt") == "Een student en een bewoner snijden groente"
    assert og(head, "twitter:card") == "summary_large_image"


def test_initiative_without_hero_image_has_no_og_image(client, initiative):
    head = head_of(client.get(initiative.url))
    assert "og:image" not in head.meta
    assert "og:image:alt" not in head.meta
    assert og(head, "twitter:card") == "summary"


def test_editors_search_description_wins_over_the_summary(client, index):
    initiative = create_initiative(index, search_description="Door de redactie geschreven.")
    assert (
        og(head_of(client.get(initiative.url)), "og:description") == "Door de redactie geschreven."
    )


@pytest.mark.parametrize(
    ("path", "canonical", "title"),
    [
        ("/themas/leren-en-werken/?sort=titel", "/themas/leren-en-werken/", None),
        ("/provincies/utrecht/?page=1", "/provincies/utrecht/", "Utrecht"),
        ("/themas/", "/themas/", "Thema's"),
        ("/provincies/", "/provincies/", "Provincies"),
        ("/zoeken/", "/zoeken/", "Zoek initiatieven"),
        (
            "/zoeken/?q=koken&sort=nieuw&per_page=50&sector=&thema=informele-zorg",
            "/zoeken/?q=koken&thema=informele-zorg",
            "Zoeken: koken",
        ),
    ],
)
def test_listing_and_search_metadata(client, index, path, canonical, title):
    head = head_of(client.get(path))
    assert head.canonical == [f"http://testserver{canonical}"]
    assert og(head, "og:url") == f"http://testserver{canonical}"
    assert og(head, "og:type") == "website"
    assert og(head, "og:site_name") == "Kennisbank"
    expected_title = title or Theme.objects.get(slug="leren-en-werken").label
    assert og(head, "og:title") == expected_title
    assert og(head, "twitter:title") == expected_title
    assert og(head, "og:description")
    assert head.json_ld == []


def test_theme_description_is_its_own_text_without_markup(client, index):
    theme = Theme.objects.get(slug="informele-zorg")
    theme.description = "<p>Mantelzorgers &amp; vrijwilligers <b>doen mee</b>.</p>"
    theme.save()
    head = head_of(client.get(theme.get_absolute_url()))
    assert og(head, "og:description") == "Mantelzorgers & vrijwilligers doen mee."
    assert og(head, "description") == "Mantelzorgers & vrijwilligers doen mee."


def test_history_page_is_its_own_canonical_without_the_articles_data(client, initiative):
    head = head_of(client.get(f"{initiative.url}geschiedenis/"))
    assert head.canonical == [f"http://testserver{initiative.url}geschiedenis/"]
    assert og(head, "og:type") == "website"
    assert og(head, "og:title").startswith("Geschiedenis van")
    assert head.json_ld == []


def test_page_not_found_has_no_canonical_link_and_is_not_indexed(client, index):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    parser = _Head()
    parser.feed(response.content.decode())
    assert parser.canonical == []
    assert "og:url" not in parser.meta
    assert parser.meta["robots"] == ["noindex"]


def test_canonical_uses_base_url_when_configured(client, initiative, settings):
    settings.BASE_URL = "https://kennisbank.example.org"
    head = head_of(client.get(initiative.url))
    assert head.canonical == [f"https://kennisbank.example.org{initiative.url}"]


# --- JSON-LD -----------------------------------------------------------------------------------


def test_initiative_json_ld(client, index):
    organisation = Organisation.objects.create(
        name="Zorggroep Noord", website="https://zorggroep.example.org"
    )
    initiative = create_initiative(
        index,
        title="Koken met bewoners",
        summary="Studenten koken met bewoners.",
        place="Tilburg",
        province=Province.objects.get(slug="noord-brabant"),
        themes=["informele-zorg", "leren-en-werken"],
        keywords=["koken", "verpleeghuis"],
        contact_name="Anna de Vries",
        contact_email="anna.geheim@example.org",
        contact_is_public=False,
    )
    initiative.organisations.set([organisation])
    initiative.save_revision().publish()
    initiative.refresh_from_db()

    response = client.get(initiative.url)
    head = head_of(response)
    (data,) = (json.loads(script) for script in head.json_ld)
    url = f"http://testserver{initiative.url}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["name"] == data["headline"] == "Koken met bewoners"
    assert data["description"] == "Studenten koken met bewoners."
    assert data["url"] == url
    assert data["inLanguage"] == "nl"
    assert data["datePublished"] == initiative.first_published_at.isoformat()
    assert data["dateModified"] == initiative.last_published_at.isoformat()
    assert sorted(term["name"] for term in data["about"]) == sorted(
        Theme.objects.filter(slug__in=["informele-zorg", "leren-en-werken"]).values_list(
            "label", flat=True
        )
    )
    assert all(term["url"].startswith("http://testserver/themas/") for term in data["about"])
    assert data["spatialCoverage"] == {
        "@type": "Place",
        "name": "Tilburg",
        "containedInPlace": {
            "@type": "AdministrativeArea",
            "name": "Noord-Brabant",
            "url": "http://testserver/provincies/noord-brabant/",
            "containedInPlace": {"@type": "Country", "name": "Nederland"},
        },
    }
    assert sorted(data["keywords"]) == ["koken", "verpleeghuis"]
    assert data["author"] == [
        {"@type": "Organization", "name": "Zorggroep Noord", "url": "https://zorggroep.example.org"}
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Kennisbank",
        "url": "http://testserver/",
    }
    assert "anna.geheim" not in head.json_ld[0]
    assert "anna.geheim" not in response.content.decode()


def test_json_ld_never_holds_a_contact_address_even_a_public_one(client, index):
    initiative = create_initiative(
        index, contact_name="Bert", contact_email="bert@example.org", contact_is_public=True
    )
    (script,) = head_of(client.get(initiative.url)).json_ld
    assert "bert@example.org" not in script
    assert "Bert" not in script


def test_nationwide_initiative_covers_the_netherlands(client, index):
    initiative = create_initiative(index, place="", province=Province.objects.get(slug="landelijk"))
    (script,) = head_of(client.get(initiative.url)).json_ld
    assert json.loads(script)["spatialCoverage"] == {"@type": "Country", "name": "Nederland"}


def test_json_ld_cannot_be_broken_out_of_by_editors_text(client, index):
    title = "Einde </script><script>alert(1)</script> & <!-- zo"
    initiative = create_initiative(index, title=title, summary="</SCRIPT> of niet")
    html = client.get(initiative.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script
    data = json.loads(script)
    assert data["name"] == title
    assert data["description"] == "</SCRIPT> of niet"
    assert "<script>alert(1)</script>" not in html


def test_initiative_page_metadata_adds_no_queries_per_theme_or_keyword(client, index, settings):
    settings.PAGE_CACHE_SECONDS = 0  # each view rendered: the page's own queries

    def queries(page) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    plain = create_initiative(index, themes=["informele-zorg"], keywords=["a"])
    rich = create_initiative(
        index,
        themes=["informele-zorg", "leren-en-werken", "competenties"],
        keywords=["a", "b", "c", "d"],
    )
    queries(plain)  # warm the caches both share
    assert queries(rich) == queries(plain)


def test_a_page_type_gets_json_ld_and_its_og_type_from_one_registered_function(
    client, about, monkeypatch
):
    from initiatieven.seo import structured_data

    monkeypatch.setattr(structured_data, "_KINDS", dict(structured_data._KINDS))

    @structured_data.register(StandardPage, og_type="article")
    def collection(page, request, context):
        return structured_data.creative_work(page, request, schema_type="Collection")

    head = head_of(client.get(about.url))
    (data,) = (json.loads(script) for script in head.json_ld)
    assert data["@type"] == "Collection"
    assert data["name"] == "Over de Kennisbank"
    assert data["description"] == "Wie wij zijn."
    assert data["url"] == "http://testserver/over-de-kennisbank/"
    assert og(head, "og:type") == "article"
