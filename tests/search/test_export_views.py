"""`/zoeken/export.csv` and `/zoeken/export.xlsx`: every result of a search, for anyone."""

import csv
import datetime
import io
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page, PageViewRestriction

from initiatieven.models import InitiativePage, Phase, Province, Theme
from initiatieven.services.spreadsheet import COLUMNS, read_sheet
from search.exports import MAX_EXPORT_ROWS

CSV_URL = "/zoeken/export.csv"
XLSX_URL = "/zoeken/export.xlsx"


def download(client, url: str, params=None) -> bytes:
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def csv_rows(client, params=None) -> list[dict[str, str]]:
    text = download(client, CSV_URL, params).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def xlsx_rows(client, params=None) -> list[dict]:
    sheet = load_workbook(io.BytesIO(download(client, XLSX_URL, params))).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, values, strict=True)) for values in rows]


def keys(rows) -> list[str]:
    return [row["sleutel"] for row in rows]


def import_dry_run(path: Path) -> str:
    out = StringIO()
    call_command("import_initiatives", str(path), "--dry-run", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def three(make):
    """Three live initiatives in two provinces, one theme shared."""
    drenthe = Province.objects.get(slug="drenthe")
    return [
        make("Bloemen in de wijk", key="b", province=drenthe, themes=["competenties"]),
        make("Appels op de afdeling", key="a", province=drenthe),
        make("Courgettes in de klas", key="c", themes=["competenties"]),
    ]


class TestSelection:
    def test_everything_by_default_in_the_search_order(self, client, search_api, three):
        found = [hit["url"] for hit in search_api(per_page=100)["results"]]
        rows = csv_rows(client)
        urls = {page.key: page.url for page in InitiativePage.objects.all()}
        assert [urls[key] for key in keys(rows)] == [
            url.removeprefix("http://testserver") for url in found
        ]
        assert len(rows) == 3

    def test_filters_and_sort_are_those_of_the_search(self, client, three):
        assert keys(csv_rows(client, {"provincie": "drenthe", "sort": "titel"})) == ["a", "b"]
        assert keys(csv_rows(client, {"thema": "competenties", "sort": "titel"})) == ["b", "c"]
        both = {"provincie": "drenthe", "thema": "competenties"}
        assert keys(csv_rows(client, both)) == ["b"]
        assert keys(xlsx_rows(client, {"provincie": "drenthe", "sort": "titel"})) == ["a", "b"]

    def test_text_search_finds_the_same_as_the_page(self, client, search_api, three):
        data = search_api(q="afdeling")
        assert data["total"] == 1
        assert keys(csv_rows(client, {"q": "afdeling"})) == ["a"]

    def test_more_than_one_page_of_results(self, client, make):
        for number in range(25):
            make(f"Initiatief {number:02}", key=f"k{number:02}")
        rows = csv_rows(client, {"sort": "titel", "page": "1", "per_page": "10"})
        assert keys(rows) == [f"k{number:02}" for number in range(25)]

    def test_no_match_is_a_header_only(self, client, three):
        assert csv_rows(client, {"q": "onvindbaarwoord"}) == []


class TestOnlyWhatVisitorsSee:
    def test_drafts_private_pages_and_pending_changes_stay_out(self, client, make):
        make("Openbaar", key="live")
        make("Concept", key="draft", publish=False)
        secret = make("Afgeschermd", key="secret")
        PageViewRestriction.objects.create(
            page=secret,
            restriction_type=PageViewRestriction.PASSWORD,
            password="geheim",  # noqa: S106
        )
        pending = make("Gepubliceerde titel", key="pending").get_latest_revision_as_object()
        pending.title = "Nog niet gepubliceerde titel"
        pending.summary = "Concepttekst"
        pending.save_revision()

        for rows in (csv_rows(client, {"sort": "titel"}), xlsx_rows(client, {"sort": "titel"})):
            assert keys(rows) == ["pending", "live"]
            assert rows[0]["titel"] == "Gepubliceerde titel"
        body = download(client, CSV_URL) + download(client, XLSX_URL)
        assert b"Concepttekst" not in body

    def test_private_contact_never_leaves_and_the_flag_is_always_there(self, client, make):
        make(
            "Open contact", key="open", contact_name="Open Persoon",
            contact_email="open@example.org", contact_is_public=True,
        )  # fmt: skip
        make(
            "Dicht contact", key="dicht", contact_name="Verborgen Persoon",
            contact_email="verborgen@example.org",
        )  # fmt: skip
        for rows in (csv_rows(client, {"sort": "titel"}), xlsx_rows(client, {"sort": "titel"})):
            assert list(rows[0]) == list(COLUMNS)
            dicht, open_ = rows
            assert (open_["contact_email"], open_["contact_openbaar"]) == ("open@example.org", "ja")
            assert open_["contactpersoon"] == "Open Persoon"
            assert dicht["contact_openbaar"] == "nee"
            assert dicht["contact_email"] in ("", None)
            assert dicht["contactpersoon"] in ("", None)
        csv_body = download(client, CSV_URL)
        xlsx_text = "".join(
            str(value)
            for row in load_workbook(io.BytesIO(download(client, XLSX_URL))).active.values
            for value in row
        )
        for hidden in ("verborgen@example.org", "Verborgen Persoon"):
            assert hidden.encode() not in csv_body
            assert hidden not in xlsx_text


FORMULAS = {
    "title": '=HYPERLINK("http://example.org","klik")',
    "summary": "+31 6 12345678",
    "place": "@SUM(A1)",
    "contact_name": "-Jan",
}


class TestFormulasAndRoundTrip:
    def test_csv_cells_never_start_a_formula(self, client, make):
        make(key="f", contact_is_public=True, **FORMULAS)
        make("Gewoon", key="g", place="'s-Hertogenbosch", summary="'=A1")
        rows = {row["sleutel"]: row for row in csv_rows(client)}
        assert rows["f"]["titel"] == "'" + FORMULAS["title"]
        assert rows["f"]["samenvatting"] == "'+31 6 12345678"
        assert rows["f"]["plaats"] == "'@SUM(A1)"
        assert rows["f"]["contactpersoon"] == "'-Jan"
        assert rows["g"]["plaats"] == "'s-Hertogenbosch"
        assert rows["g"]["samenvatting"] == "''=A1"

    def test_xlsx_stores_text_not_formulas(self, client, make):
        make(key="f", **FORMULAS)
        sheet = load_workbook(io.BytesIO(download(client, XLSX_URL))).active
        title = sheet.cell(row=2, column=COLUMNS.index("titel") + 1)
        assert (title.value, title.data_type) == (FORMULAS["title"], "s")
        year = sheet.cell(row=2, column=COLUMNS.index("startjaar") + 1)
        assert (year.value, year.data_type) == (2021, "n")

    @pytest.mark.parametrize("url,suffix", [(CSV_URL, ".csv"), (XLSX_URL, ".xlsx")])
    def test_an_export_imports_without_changes(self, client, make, tmp_path, url, suffix):
        make(key="f", contact_is_public=True, contact_email="f@example.org", **FORMULAS)
        make("Apostrof", key="g", place="'s-Hertogenbosch", summary="''", themes=["competenties"])
        make("Privé", key="p", contact_name="Niet Openbaar", contact_email="p@example.org")
        path = tmp_path / f"export{suffix}"
        path.write_bytes(download(client, url))

        out = import_dry_run(path)

        assert "Aangemaakt 0, bijgewerkt 0, ongewijzigd 3, afgewezen 0." in out
        call_command("import_initiatives", str(path), stdout=StringIO(), stderr=StringIO())
        private = InitiativePage.objects.get(key="p")
        assert (private.contact_name, private.contact_email) == ("Niet Openbaar", "p@example.org")
        assert InitiativePage.objects.get(key="g").place == "'s-Hertogenbosch"
        assert InitiativePage.objects.get(key="f").title == FORMULAS["title"]

    def test_xlsx_holds_what_the_csv_holds(self, client, make, tmp_path):
        make(key="f", **FORMULAS)
        make("Tweede", key="t", themes=["competenties"], keywords=["Buurt", "zorg"])
        (tmp_path / "a.csv").write_bytes(download(client, CSV_URL))
        (tmp_path / "a.xlsx").write_bytes(download(client, XLSX_URL))
        from_csv = read_sheet(path=tmp_path / "a.csv")
        from_xlsx = read_sheet(path=tmp_path / "a.xlsx")
        assert [r.values for r in from_xlsx.rows] == [r.values for r in from_csv.rows]
        assert from_csv.columns == COLUMNS


class TestResponse:
    @pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
    def test_bad_parameters_give_a_dutch_400(self, client, three, url):
        response = client.get(url, {"fase": "bestaat-niet", "sort": "raar"})
        assert response.status_code == 400
        data = response.json()
        assert data["error"] == "Ongeldige zoekparameters."
        assert any("Onbekende waarde 'bestaat-niet' voor 'fase'" in e for e in data["errors"])
        assert any("Onbekende sorteervolgorde" in e or "raar" in e for e in data["errors"])

    def test_csv_streams_with_a_dated_file_name(self, client, three):
        response = client.get(CSV_URL)
        assert isinstance(response, StreamingHttpResponse)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        today = timezone.localdate().isoformat()
        assert response["Content-Disposition"] == (
            f'attachment; filename="kennisbank-initiatieven-{today}.csv"'
        )
        assert response["X-Export-Total"] == "3"
        body = b"".join(response.streaming_content)
        assert body.startswith(b"\xef\xbb\xbf" + b",".join(c.encode() for c in COLUMNS))

    def test_xlsx_is_a_file_response_with_a_dated_file_name(self, client, three):
        response = client.get(XLSX_URL)
        assert isinstance(response, FileResponse)
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        today = timezone.localdate().isoformat()
        assert response["Content-Disposition"] == (
            f'attachment; filename="kennisbank-initiatieven-{today}.xlsx"'
        )

    def test_the_search_page_links_the_downloads_with_its_parameters(self, client, three):
        response = client.get(
            "/zoeken/", {"q": "wijk", "provincie": ["drenthe", "onbekend"], "page": "1"}
        )
        html = response.content.decode()
        assert 'href="/zoeken/export.csv?q=wijk&amp;provincie=drenthe"' in html
        assert 'href="/zoeken/export.xlsx?q=wijk&amp;provincie=drenthe"' in html
        assert "Download als CSV" in html
        assert "Download als Excel (XLSX)" in html


def bulk_initiatives(index, count: int, *, provinces) -> None:
    """`count` live initiatives under `index` in a few statements: the page rows by
    `bulk_create`, the initiative rows by the insert `bulk_create` makes (it refuses models with
    a parent table), no revisions, no search index entries. Thousands of pages in a second."""
    phase = Phase.objects.get(slug="lopend")
    theme = Theme.objects.get(slug="competenties")
    content_type = ContentType.objects.get_for_model(InitiativePage)
    now = timezone.now()
    first = index.numchild
    with transaction.atomic():
        parents = Page.objects.bulk_create(
            Page(
                title=f"Initiatief {number:05}",
                draft_title=f"Initiatief {number:05}",
                slug=f"bulk-{number}",
                content_type=content_type,
                locale_id=index.locale_id,
                live=True,
                first_published_at=now - datetime.timedelta(minutes=number),
                last_published_at=now - datetime.timedelta(minutes=number),
                path=Page._get_path(index.path, index.depth + 1, first + number + 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}bulk-{number}/",
            )
            for number in range(count)
        )
        children = [
            InitiativePage(
                page_ptr_id=parent.pk,
                key=f"bulk-{number:05}",
                summary="=1+1" if number % 2 else "Samenvatting",
                approach="<p>Aanpak</p>",
                province=provinces[number % len(provinces)],
                phase=phase,
            )
            for number, parent in enumerate(parents)
        ]
        fields = InitiativePage._meta.local_concrete_fields
        # PostgreSQL sets no limit (None); its protocol allows 65,535 parameters a statement.
        max_params = connection.features.max_query_params or 65_535
        rows_per_insert = max(1, max_params // len(fields))
        for start in range(0, count, rows_per_insert):
            InitiativePage.objects._insert(
                children[start : start + rows_per_insert], fields=fields, raw=True
            )
        Page.objects.filter(pk=index.pk).update(numchild=first + count)
        through = InitiativePage.themes.through
        through.objects.bulk_create(
            through(initiativepage_id=parent.pk, theme_id=theme.pk) for parent in parents
        )


class TestLargeExports:
    def test_queries_per_batch_are_fixed_for_thousands_of_rows(self, client, index, settings):
        settings.WAGTAILSEARCH_BACKENDS = {
            **settings.WAGTAILSEARCH_BACKENDS,
            "default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False},
        }
        drenthe, groningen, limburg, utrecht, zeeland = Province.objects.filter(
            slug__in=["drenthe", "groningen", "limburg", "utrecht", "zeeland"]
        ).order_by("slug")
        # 2,000 rows: 400 in Drenthe (one batch of 500), 1,600 elsewhere (four batches).
        bulk_initiatives(index, 2000, provinces=[drenthe, groningen, limburg, utrecht, zeeland])

        def queries(url: str, params: dict) -> tuple[int, int]:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, params)
                body = b"".join(response.streaming_content)
            if url == CSV_URL:
                rows = body.decode("utf-8-sig").count("\r\n") - 1
            else:
                rows = sum(1 for _row in load_workbook(io.BytesIO(body)).active.iter_rows()) - 1
            return rows, len(captured)

        queries(CSV_URL, {"fase": "idee"})  # the search's own cache of the live pages is built
        for url in (CSV_URL, XLSX_URL):
            one_rows, one_batch = queries(url, {"provincie": "drenthe"})
            four_rows, four_batches = queries(
                url, {"provincie": ["groningen", "limburg", "utrecht", "zeeland"]}
            )
            all_rows, also_four = queries(url, {"sort": "titel"})
            assert (one_rows, four_rows, all_rows) == (400, 1600, 2000)
            assert also_four == four_batches  # 2,000 rows cost what 1,600 do
            assert (four_batches - one_batch) % 3 == 0, (one_batch, four_batches)
            assert 0 < (four_batches - one_batch) // 3 <= 10
            assert one_batch <= 30

    def test_a_large_result_is_cut_at_the_maximum_and_says_so(self, client, make, monkeypatch):
        from search import exports

        for number in range(4):
            make(f"Initiatief {number}", key=f"k{number}")
        monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 3)
        response = client.get(CSV_URL, {"sort": "titel"})
        rows = list(
            csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
        )
        assert keys(rows) == ["k0", "k1", "k2"]
        assert response["X-Export-Total"] == "4"
        assert response["X-Export-Cut"] == "Deze download bevat de eerste 3 van 4 resultaten."
        html = client.get("/zoeken/").content.decode()
        assert "Een download bevat hoogstens de eerste 3 resultaten." in html

    def test_the_maximum_is_ten_thousand(self):
        assert MAX_EXPORT_ROWS == 10_000
