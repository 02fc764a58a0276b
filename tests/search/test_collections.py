"""Curated collections on every engine: what they hold (hand-picked or by a saved search), what
their pages, numbers, downloads and feeds show, and what never appears in them."""

import csv
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from initiatieven.models import CollectionIndexPage, CollectionItem, CollectionPage, Province
from initiatieven.models.collections import CollectionKind, SelectionSort
from search import collections
from tests.initiatieven.test_feeds import entry_titles, parse_atom

pytestmark = pytest.mark.django_db
# What does not depend on the engine runs once, on the database engine.
DATABASE_ONLY = pytest.mark.parametrize("engine", ["database"], indirect=True)


@pytest.fixture
def collection_index(index):
    return CollectionIndexPage.objects.get()


@pytest.fixture
def hand_picked(collection_index):
    def build(title: str, items, *, slug: str = "", featured: bool = False) -> CollectionPage:
        page = collection_index.add_child(
            instance=CollectionPage(
                title=title,
                slug=slug or title.lower().replace(" ", "-"),
                intro="<p>Gekozen door de redactie.</p>",
                featured=featured,
            )
        )
        page.items = [
            CollectionItem(initiative=initiative, note=note, sort_order=position)
            for position, (initiative, note) in enumerate(items)
        ]
        page.save_revision().publish()
        return page

    return build


@pytest.fixture
def by_selection(collection_index):
    def build(title: str, selection: str, **fields) -> CollectionPage:
        page = CollectionPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            intro="<p>Volgt een zoekopdracht.</p>",
            kind=CollectionKind.SELECTION,
            selection=selection,
            **fields,
        )
        page.full_clean(exclude=["path", "depth", "slug"])
        collection_index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return build


def csv_keys(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["sleutel"] for row in csv.DictReader(io.StringIO(text, newline=""))]


def xlsx_keys(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [row[0] for row in list(sheet.iter_rows(values_only=True))[1:]]


def card_titles(response) -> list[str]:
    return [entry["initiative"].title for entry in response.context["initiatives"]]


class TestHandPicked:
    @DATABASE_ONLY
    def test_the_page_shows_them_in_order_with_notes(self, client, make, hand_picked):
        first = make("Eerste", key="eerste")
        second = make("Tweede", key="tweede")
        page = hand_picked("Goede start", [(second, "Klein begonnen."), (first, "")])
        response = client.get(page.url)
        assert response.status_code == 200
        assert card_titles(response) == ["Tweede", "Eerste"]
        content = response.content.decode()
        assert "Klein begonnen." in content
        assert "Noot van de redactie" in content
        assert csv_keys(client, f"/collecties/{page.slug}/export.csv") == ["tweede", "eerste"]
        assert xlsx_keys(client, f"/collecties/{page.slug}/export.xlsx") == ["tweede", "eerste"]

    def test_drafts_private_unpublished_and_deleted_initiatives_never_appear(
        self, client, make, index, hand_picked, search_api, engine
    ):
        shown = make("Zichtbaar", key="zichtbaar")
        draft = make("Concept", key="concept")
        draft.unpublish()
        private = make("Afgeschermd", key="afgeschermd")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        withdrawn = make("Teruggetrokken", key="teruggetrokken")
        deleted = make("Verwijderd", key="verwijderd")
        page = hand_picked("Alles", [(p, "") for p in (draft, shown, private, withdrawn, deleted)])
        withdrawn.unpublish()
        deleted.delete()

        response = client.get(page.url)
        assert card_titles(response) == ["Zichtbaar"]
        assert response.context["total"] == 1
        assert csv_keys(client, f"/collecties/{page.slug}/export.csv") == ["zichtbaar"]
        assert entry_titles(parse_atom(client.get(page.url + "feed/"))) == ["Zichtbaar"]
        assert search_api(collectie=page.slug)["total"] == 1
        api = client.get(f"/api/v2/collecties/{page.pk}/").json()
        assert [i["title"] for i in api["initiatives"]] == ["Zichtbaar"]
        content = response.content.decode()
        for hidden in ("Concept", "Afgeschermd", "Teruggetrokken", "Verwijderd"):
            assert hidden not in content

    def test_counts_by_province_theme_and_phase_link_to_the_same_search(
        self, client, make, hand_picked, search_api
    ):
        utrecht = Province.objects.get(slug="utrecht")
        pages = [
            make("Een", province=utrecht, themes=["leren-en-werken"]),
            make("Twee", province=utrecht, themes=["leren-en-werken", "competenties"]),
            make("Drie", themes=["competenties"]),
        ]
        make("Niet in de collectie", province=utrecht, themes=["leren-en-werken"])
        page = hand_picked("Drie stuks", [(p, "") for p in pages])
        summary = client.get(page.url).context["summary"]
        counted = {
            (group.facet, value.value): (value.count, url)
            for group in summary
            for value, url in group.values
        }
        assert counted[("provincie", "utrecht")][0] == 2
        assert counted[("thema", "competenties")][0] == 2
        for count, url in counted.values():
            query = parse_qs(urlsplit(url).query)
            assert query["collectie"] == [page.slug]
            assert search_api(**query)["total"] == count

    def test_initiative_pages_name_the_collections_that_hold_them(
        self, client, make, hand_picked, by_selection
    ):
        initiative = make("Gastlessen", themes=["ervaringsdeskundigheid"])
        other = make("Iets anders")
        hand_picked("Handmatig gekozen", [(initiative, "")])
        by_selection("Alles over ervaring", "thema=ervaringsdeskundigheid")
        draft_collection = hand_picked("Nog niet af", [(initiative, "")])
        draft_collection.unpublish()

        content = client.get(initiative.url).content.decode()
        assert "Opgenomen in" in content
        assert "Handmatig gekozen" in content and "Alles over ervaring" in content
        assert "Nog niet af" not in content
        assert "Opgenomen in" not in client.get(other.url).content.decode()


class TestBySelection:
    def test_stays_current_as_initiatives_are_published(self, client, make, by_selection, index):
        make("Oud voorbeeld", key="oud", themes=["ervaringsdeskundigheid"])
        make("Ander thema", key="ander")
        page = by_selection("Ervaring", "/zoeken/?thema=ervaringsdeskundigheid&page=2&sort=titel")
        assert page.selection == "thema=ervaringsdeskundigheid"
        assert card_titles(client.get(page.url)) == ["Oud voorbeeld"]

        new = make("Nieuw voorbeeld", key="nieuw", themes=["ervaringsdeskundigheid"])
        assert card_titles(client.get(page.url)) == ["Nieuw voorbeeld", "Oud voorbeeld"]
        assert csv_keys(client, f"/collecties/{page.slug}/export.csv") == ["nieuw", "oud"]

        new.unpublish()
        assert card_titles(client.get(page.url)) == ["Oud voorbeeld"]

    def test_text_maximum_and_order(self, client, make, by_selection):
        for title in ("Cursus dementie", "Appel en dementie", "Bezoek bij dementie", "Koken"):
            make(title)
        page = by_selection(
            "Dementie", "dementie", selection_sort=SelectionSort.TITLE, selection_limit=2
        )
        assert page.selection == "q=dementie"
        response = client.get(page.url)
        assert card_titles(response) == ["Appel en dementie", "Bezoek bij dementie"]
        assert response.context["total"] == 2

    def test_a_bad_saved_search_is_refused_with_the_reason(self, index):
        page = CollectionPage(
            title="Fout", slug="fout", intro="<p>x</p>", kind=CollectionKind.SELECTION
        )
        for selection, reason in (
            ("thema=bestaat-niet", "bestaat-niet"),
            ("collectie=andere", "collectie"),
            ("startjaar=twintig", "twintig"),
        ):
            page.selection = selection
            with pytest.raises(ValidationError) as error:
                page.full_clean(exclude=["path", "depth"])
            assert reason in str(error.value.message_dict["selection"])


class TestListings:
    @DATABASE_ONLY
    def test_index_and_home_show_live_collections(self, client, make, hand_picked, home):
        initiative = make("Voorbeeld")
        hand_picked("Uitgelicht", [(initiative, "")], featured=True)
        hand_picked("Gewoon", [(initiative, "")])
        index_page = client.get("/collecties/")
        assert [entry["page"].title for entry in index_page.context["collections"]] == [
            "Uitgelicht",
            "Gewoon",
        ]
        assert [entry["count"] for entry in index_page.context["collections"]] == [1, 1]
        home_page = client.get("/")
        assert [entry["page"].title for entry in home_page.context["collections"]] == ["Uitgelicht"]

    @DATABASE_ONLY
    def test_the_feed_validates_and_links_from_the_page(self, client, make, hand_picked):
        page = hand_picked("Feed", [(make("In de feed"), "")])
        root = parse_atom(client.get(page.url + "feed/"))
        assert entry_titles(root) == ["In de feed"]
        content = client.get(page.url).content.decode()
        assert 'rel="alternate" type="application/atom+xml"' in content
        assert f'href="{page.url}feed/"' in content

    def test_unknown_collection_download_is_a_404(self, client, index):
        assert client.get("/collecties/bestaat-niet/export.csv").status_code == 404


@pytest.mark.parametrize("count", [2, 8])
def test_queries_do_not_grow_with_the_initiatives(client, make, hand_picked, count, engine):
    pages = [make(f"Initiatief {n}", themes=["leren-en-werken"]) for n in range(count)]
    page = hand_picked("Groot", [(p, f"Noot {n}") for n, p in enumerate(pages)])
    client.get(page.url)  # the catalogue and renditions, once
    with CaptureQueriesContext(connection) as shown:
        assert client.get(page.url).status_code == 200
    with CaptureQueriesContext(connection) as exported:
        csv_keys(client, f"/collecties/{page.slug}/export.csv")
    with CaptureQueriesContext(connection) as feed:
        assert client.get(page.url + "feed/").status_code == 200
    assert len(shown) <= 25, [q["sql"] for q in shown.captured_queries]
    assert len(exported) <= 20, [q["sql"] for q in exported.captured_queries]
    assert len(feed) <= 20, [q["sql"] for q in feed.captured_queries]


def test_members_of_a_selection_are_remembered_until_something_is_published(
    make, by_selection, django_assert_max_num_queries, engine
):
    make("Een", themes=["leren-en-werken"])
    page = by_selection("Leren", "thema=leren-en-werken")
    assert len(collections.members(page)) == 1
    with django_assert_max_num_queries(2):
        assert len(collections.members(page)) == 1
    make("Twee", themes=["leren-en-werken"])
    assert len(collections.members(page)) == 2


def test_initiative_and_home_pages_stay_bounded_as_collections_grow(
    client, make, hand_picked, by_selection, engine
):
    def count(url: str) -> int:
        client.get(url)  # fills the caches: site root, saved searches' members
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    initiative = make("Gastlessen", themes=["ervaringsdeskundigheid"])
    make("Verwant", themes=["ervaringsdeskundigheid"])  # so "related" is not empty
    hand_picked("Een", [(initiative, "")], featured=True)
    by_selection("Twee", "thema=ervaringsdeskundigheid", featured=True)
    few = (count(initiative.url), count("/"))
    for number in range(4):
        other = make(f"Nog een {number}", themes=["ervaringsdeskundigheid"])
        hand_picked(f"Handmatig {number}", [(initiative, ""), (other, "")], featured=True)
        by_selection(f"Selectie {number}", f"thema=ervaringsdeskundigheid&q=een{number}")
    assert (count(initiative.url), count("/")) == few


@DATABASE_ONLY
def test_a_collection_is_described_for_search_engines(client, make, hand_picked, engine):
    page = hand_picked("Gedeeld", [(make("Eerste"), ""), (make("Tweede"), "")])
    content = client.get(page.url).content.decode()
    data = json.loads(content.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "CollectionPage"
    assert data["name"] == "Gedeeld"
    assert data["mainEntity"]["numberOfItems"] == 2
    assert [item["name"] for item in data["mainEntity"]["itemListElement"]] == ["Eerste", "Tweede"]
    assert [item["position"] for item in data["mainEntity"]["itemListElement"]] == [1, 2]
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in content
    assert 'property="og:title" content="Gedeeld"' in content
    sitemap = client.get("/sitemap-paginas.xml").content.decode()
    assert f"http://testserver{page.url}" in sitemap
