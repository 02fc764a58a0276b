"""The overview in numbers (`/in-cijfers/`, `/api/in-cijfers/`) and the filters it links with
(`startjaar`, `collectie`): every number equals what the search returns for its link, on every
engine."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatieven.models import (
    CollectionIndexPage,
    CollectionItem,
    CollectionPage,
    Phase,
    Province,
)
from search.facets import facet_terms

pytestmark = pytest.mark.django_db
# What does not depend on the engine runs once, on the database engine.
DATABASE_ONLY = pytest.mark.parametrize("engine", ["database"], indirect=True)


@pytest.fixture
def sample(make):
    """Five initiatives spread over provinces, themes, target groups and start years."""
    utrecht = Province.objects.get(slug="utrecht")
    zeeland = Province.objects.get(slug="zeeland")
    pilot = Phase.objects.get(slug="pilot")
    return [
        make(
            "Leren met dementie",
            province=utrecht,
            start_year=2019,
            themes=["ervaringsdeskundigheid"],
            target_groups=["studenten", "clienten"],
        ),
        make(
            "Samen opleiden",
            province=utrecht,
            start_year=2021,
            themes=["leren-en-werken"],
            target_groups=["studenten"],
        ),
        make(
            "Wijkleren",
            province=zeeland,
            start_year=2021,
            phase=pilot,
            themes=["leren-en-werken", "samenwerken-in-de-regio"],
            target_groups=["docenten"],
        ),
        make("Zonder jaar", province=zeeland, start_year=None, themes=["ervaringsdeskundigheid"]),
        make("Nog een", province=utrecht, start_year=2023),
    ]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


class TestNumbers:
    def test_total_and_facets_are_those_of_the_search_api(self, sample, overview_api, search_api):
        for params in ({}, {"provincie": "utrecht"}, {"thema": "leren-en-werken", "q": "leren"}):
            numbers = overview_api(**params)
            found = search_api(**params)
            assert numbers["total"] == found["total"]
            assert numbers["facets"] == found["facets"]

    def test_every_value_with_zeros_start_years_and_matrices(self, sample, overview_api):
        """One sample, three views of it: facets with every value, years, gap matrices."""
        numbers = overview_api()
        for facet, values in facet_terms().items():
            assert [v["value"] for v in numbers["facets"][facet]] == list(values)
        provinces = {v["value"]: v["count"] for v in numbers["facets"]["provincie"]}
        assert provinces["utrecht"] == 3
        assert provinces["zeeland"] == 2
        assert provinces["drenthe"] == 0
        assert overview_api()["start_years"] == [
            {"year": 2019, "count": 1},
            {"year": 2020, "count": 0},
            {"year": 2021, "count": 2},
            {"year": 2022, "count": 0},
            {"year": 2023, "count": 1},
            {"year": None, "count": 1},
        ]
        assert overview_api(provincie="zeeland")["start_years"] == [
            {"year": 2021, "count": 1},
            {"year": None, "count": 1},
        ]
        numbers = overview_api()
        by_group, by_province = numbers["matrices"]
        assert (by_group["rows"], by_group["columns"]) == ("thema", "doelgroep")
        assert by_group["counts"]["ervaringsdeskundigheid"]["studenten"] == 1
        assert by_group["counts"]["leren-en-werken"]["studenten"] == 1
        assert by_group["counts"]["leren-en-werken"]["docenten"] == 1
        assert by_group["counts"]["informele-zorg"]["studenten"] == 0
        assert set(by_group["counts"]) == set(facet_terms()["thema"])
        assert (by_province["rows"], by_province["columns"]) == ("thema", "provincie")
        assert by_province["counts"]["ervaringsdeskundigheid"]["zeeland"] == 1
        assert by_province["counts"]["leren-en-werken"]["utrecht"] == 1
        filtered = overview_api(fase="pilot")["matrices"][1]["counts"]
        assert filtered["leren-en-werken"] == {
            slug: int(slug == "zeeland") for slug in facet_terms()["provincie"]
        }

    def test_start_year_filter_in_search_and_overview(
        self, sample, search_api, titles, overview_api
    ):
        assert titles(search_api(startjaar="2021", sort="titel")) == ["Samen opleiden", "Wijkleren"]
        assert titles(search_api(startjaar=["2019", "onbekend"], sort="titel")) == [
            "Leren met dementie",
            "Zonder jaar",
        ]
        assert overview_api(startjaar="2021")["total"] == 2
        # Year counts ignore their own selection, as facet counts do.
        assert len(overview_api(startjaar="2021")["start_years"]) == 6

    @DATABASE_ONLY
    def test_bad_parameters_are_a_400_with_reasons(self, client, sample, engine):
        response = client.get(
            "/api/in-cijfers/", {"thema": "bestaat-niet", "startjaar": "twintig", "page": "²"}
        )
        assert response.status_code == 400
        errors = " ".join(response.json()["errors"])
        assert "bestaat-niet" in errors
        assert "twintig" in errors
        assert "page" in errors


class TestEveryNumberLeadsToItsSearch:
    def test_page_links_match_the_search_totals(self, client, sample, search_api, engine):
        page = client.get("/in-cijfers/", {"provincie": "utrecht"})
        assert page.status_code == 200
        context = page.context
        checked = 0
        rows = [*context["province_rows"], *context["years"]]
        for table in context["facet_tables"]:
            rows += table["rows"]
        for row in rows:
            assert search_api(**query_of(row["url"]))["total"] == row["count"], row
            checked += 1
        for matrix in context["matrices"]:
            for _label, cells in matrix.rows:
                for cell in cells[:4]:
                    assert search_api(**query_of(cell.url))["total"] == cell.count
                    checked += 1
        assert checked > 60
        assert search_api(**query_of(context["total_url"]))["total"] == 3

    @DATABASE_ONLY
    def test_the_map_names_each_province_with_its_number(self, client, sample, engine):
        content = client.get("/in-cijfers/").content.decode()
        assert 'aria-label="Utrecht: 3 initiatieven"' in content
        assert 'aria-label="Zeeland: 2 initiatieven"' in content
        assert 'aria-label="Drenthe: 0 initiatieven"' in content
        assert content.count('class="map-area"') == 12
        assert "Landelijk" in content  # not on the map, in the table and under the map
        assert "CC BY 4.0" in content

    @DATABASE_ONLY
    def test_filters_are_shown_and_kept(self, client, sample, engine):
        content = client.get(
            "/in-cijfers/", {"thema": "leren-en-werken", "startjaar": "2021"}
        ).content.decode()
        assert "2 gepubliceerde initiatieven" in content
        assert "Filter weghalen: Startjaar: 2021" in content
        assert '<input type="hidden" name="startjaar" value="2021">' in content

    @DATABASE_ONLY
    def test_bad_values_are_ignored_with_a_notice(self, client, sample, engine):
        response = client.get("/in-cijfers/", {"thema": "bestaat-niet"})
        assert response.status_code == 200
        assert "bestaat-niet" in response.content.decode()
        assert response.context["overview"].total == 5


class TestCollectionScope:
    @pytest.fixture
    def collection(self, index, sample):
        parent = CollectionIndexPage.objects.get()
        page = parent.add_child(
            instance=CollectionPage(title="Keuze", slug="keuze", intro="<p>Twee.</p>")
        )
        page.items = [
            CollectionItem(initiative=sample[2], sort_order=0),
            CollectionItem(initiative=sample[0], sort_order=1),
        ]
        page.save_revision().publish()
        return page

    def test_search_and_overview_within_a_collection(
        self, collection, search_api, titles, overview_api
    ):
        assert sorted(titles(search_api(collectie="keuze"))) == ["Leren met dementie", "Wijkleren"]
        assert titles(search_api(collectie="keuze", provincie="zeeland")) == ["Wijkleren"]
        numbers = overview_api(collectie="keuze")
        assert numbers["total"] == 2
        provinces = {v["value"]: v["count"] for v in numbers["facets"]["provincie"]}
        assert provinces == {**{slug: 0 for slug in provinces}, "utrecht": 1, "zeeland": 1}

    @DATABASE_ONLY
    def test_an_unknown_collection_is_a_400(self, client, collection, engine):
        response = client.get("/api/zoeken/", {"collectie": "bestaat-niet"})
        assert response.status_code == 400
        assert "bestaat-niet" in response.json()["errors"][0]


@pytest.mark.parametrize("count", [2, 7])
def test_overview_queries_do_not_grow_with_the_initiatives(client, make, count, engine):
    for number in range(count):
        make(f"Initiatief {number}", start_year=2000 + number, themes=["leren-en-werken"])
    client.get("/in-cijfers/")  # warm the catalogue
    with CaptureQueriesContext(connection) as page:
        assert client.get("/in-cijfers/", {"thema": "leren-en-werken"}).status_code == 200
    with CaptureQueriesContext(connection) as api:
        assert client.get("/api/in-cijfers/").status_code == 200
    assert len(page) <= 12, [q["sql"] for q in page.captured_queries]
    assert len(api) <= 6, [q["sql"] for q in api.captured_queries]
