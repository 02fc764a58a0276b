import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from initiatieven.models import (
    EducationLevel,
    InitiativePage,
    Organisation,
    Phase,
    Province,
    Sector,
    TargetGroup,
    Theme,
)
from initiatieven.services.exporting import initiative_rows
from initiatieven.services.spreadsheet import COLUMNS
from tests.factories import create_initiative
from tests.initiatieven.test_import import HEADER, page, row, run, run_failing, snapshot, write_csv

RICH_APPROACH = (
    "<p>Samen <b>leren</b> op de <i>werkvloer</i>.</p><ul><li>Eerst kijken</li><li>Dan doen</li>"
    '</ul><p>Zie <a href="https://example.org">de site</a>.</p>'
)


def export(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("export_initiatives", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_xlsx(path: Path) -> list[dict]:
    sheet = load_workbook(path).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, values, strict=True)) for values in rows]


@pytest.fixture
def admin_page(index):
    """An initiative as an editor makes it in the admin: formatted text, every kind of value."""
    page = create_initiative(
        index,
        key="admin-1",
        title="Gemaakt in de admin",
        summary='Een samenvatting met een puntkomma; en een "aanhalingsteken".',
        approach=RICH_APPROACH,
        lessons="<h3>Tip</h3><ol><li>Begin klein</li></ol>",
        place="Zwolle",
        start_year=2020,
        website="https://example.org/initiatief",
        contact_name="Fatma Yılmaz",
        contact_email="fatma@example.org",
        themes=["wat-wil-de-zorgvrager", "ervaringsdeskundigheid"],
        keywords=["Zorg", "ambulant", "Buurt"],
    )
    page.organisations.set(
        [
            Organisation.objects.create(name="Zorggroep Zuid"),
            Organisation.objects.create(name="Academie Oost", kind="onderwijsinstelling"),
        ]
    )
    page.sectors.set(Sector.objects.filter(slug__in=["welzijn", "ggz"]))
    page.education_levels.set(EducationLevel.objects.filter(slug__in=["hbo", "mbo"]))
    page.target_groups.set(TargetGroup.objects.filter(slug="clienten"))
    page.save_revision().publish()
    return InitiativePage.objects.get(pk=page.pk)


class TestExport:
    def test_csv_has_the_import_columns_and_plain_values(self, admin_page, tmp_path):
        path = tmp_path / "uit.csv"
        out = export(path, "--include-private-contacts")

        assert "1 initiatief geëxporteerd" in out
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        assert raw.decode("utf-8").splitlines()[0] == ",".join(COLUMNS)
        [exported] = read_csv(path)
        assert exported == {
            "sleutel": "admin-1",
            "titel": "Gemaakt in de admin",
            "samenvatting": "Een samenvatting met een puntkomma; en een \"aanhalingsteken\".",
            "aanleiding": "",
            "aanpak": "Samen leren op de werkvloer.\n\nEerst kijken\n\nDan doen\n\nZie de site.",
            "resultaten": "",
            "lessen": "Tip\n\nBegin klein",
            "provincie": "zuid-holland",
            "plaats": "Zwolle",
            "organisaties": "Academie Oost; Zorggroep Zuid",
            "sectoren": "ggz; welzijn",
            "onderwijsniveaus": "mbo; hbo",
            "doelgroepen": "clienten",
            "themas": "ervaringsdeskundigheid; wat-wil-de-zorgvrager",
            "trefwoorden": "ambulant; Buurt; Zorg",
            "fase": "lopend",
            "startjaar": "2020",
            "website": "https://example.org/initiatief",
            "contactpersoon": "Fatma Yılmaz",
            "contact_email": "fatma@example.org",
            "contact_openbaar": "nee",
        }  # fmt: skip

    def test_multi_values_follow_the_vocabulary_order(self, admin_page):
        Sector.objects.filter(slug="welzijn").update(sort_order=0)
        Sector.objects.filter(slug="ggz").update(sort_order=9)
        [exported] = initiative_rows()
        assert exported["sectoren"] == "welzijn; ggz"

    def test_xlsx_writes_text_as_text_and_the_start_year_as_a_number(self, index, tmp_path):
        create_initiative(index, key="a", title="=1+1", start_year=2019, place="@SUM(A1)")
        create_initiative(index, key="b", title="Zonder jaar", start_year=None)
        path = tmp_path / "uit.xlsx"
        export(path)

        sheet = load_workbook(path).active
        assert [cell.value for cell in sheet[1]] == list(COLUMNS)
        title = sheet.cell(row=2, column=COLUMNS.index("titel") + 1)
        assert (title.value, title.data_type) == ("=1+1", "s")
        year = sheet.cell(row=2, column=COLUMNS.index("startjaar") + 1)
        assert (year.value, year.data_type) == (2019, "n")
        assert sheet.cell(row=3, column=COLUMNS.index("startjaar") + 1).value is None

    def test_rows_are_ordered_by_key(self, index, tmp_path):
        for key in ("c", "a", "b"):
            create_initiative(index, key=key)
        assert [r["sleutel"] for r in initiative_rows()] == ["a", "b", "c"]

    def test_drafts_are_exported_with_their_latest_revision(self, index, tmp_path):
        live = create_initiative(index, key="live", title="Gepubliceerd", themes=["competenties"])
        draft = live.get_latest_revision_as_object()
        draft.title = "Concept"
        draft.themes.set(Theme.objects.filter(slug="lerende-organisatie"))
        draft.keywords.set(["nieuw"])
        draft.save_revision()
        create_initiative(index, key="new", title="Nooit gepubliceerd", publish=False)

        rows = {r["sleutel"]: r for r in initiative_rows()}
        assert rows["live"]["titel"] == "Concept"
        assert rows["live"]["themas"] == "lerende-organisatie"
        assert rows["live"]["trefwoorden"] == "nieuw"
        assert rows["new"]["titel"] == "Nooit gepubliceerd"

        published = {r["sleutel"]: r for r in initiative_rows(published_only=True)}
        assert set(published) == {"live"}
        assert published["live"]["titel"] == "Gepubliceerd"
        assert published["live"]["themas"] == "competenties"

    def test_published_only_option(self, index, tmp_path):
        create_initiative(index, key="live")
        create_initiative(index, key="draft", publish=False)
        path = tmp_path / "uit.csv"
        assert "1 initiatief geëxporteerd" in export(path, "--published-only")
        assert [r["sleutel"] for r in read_csv(path)] == ["live"]

    def test_queries_do_not_grow_with_the_number_of_pages(self, index, admin_page):
        def count_queries() -> int:
            with CaptureQueriesContext(connection) as queries:
                initiative_rows()
            return len(queries)

        def add_pages(start: int) -> None:
            for number in range(start, start + 3):
                page = create_initiative(
                    index, key=f"p{number}", themes=["competenties"], keywords=[f"k{number}"]
                )
                draft = page.get_latest_revision_as_object()
                draft.title = f"Concept {number}"
                draft.save_revision()
                create_initiative(index, key=f"d{number}", publish=False, keywords=["x"])

        add_pages(0)
        few = count_queries()
        add_pages(10)
        assert count_queries() == few

    @pytest.mark.parametrize("name", ["uit.txt", "uit.xls", "uit"])
    def test_unknown_extension_is_refused(self, index, tmp_path, name):
        with pytest.raises(CommandError, match="gebruik een .csv- of .xlsx-bestand"):
            export(tmp_path / name)
        assert not (tmp_path / name).exists()

    def test_missing_folder_is_refused(self, index, tmp_path):
        with pytest.raises(CommandError, match="Map niet gevonden"):
            export(tmp_path / "nergens" / "uit.csv")


class TestRoundTrip:
    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_export_then_import_changes_nothing(self, admin_page, index, tmp_path, suffix):
        # A published page, a page with a pending draft and an imported draft.
        create_initiative(index, key="tweede", title="Met concept", start_year=None, website="")
        pending = InitiativePage.objects.get(key="tweede").get_latest_revision_as_object()
        pending.summary = "Nieuwe samenvatting in concept"
        pending.save_revision()
        run(write_csv(tmp_path / "in.csv", [row(1, samenvatting="Regel 1\nRegel 2")]))
        path = tmp_path / f"uit{suffix}"
        export(path)
        before = snapshot()
        html = InitiativePage.objects.get(key="admin-1").approach

        out, _err = run(path)

        assert "Aangemaakt 0, bijgewerkt 0, ongewijzigd 3, afgewezen 0." in out
        assert snapshot() == before
        assert InitiativePage.objects.get(key="admin-1").approach == html == RICH_APPROACH

        out, _err = run(path, "--publish")
        assert "Aangemaakt 0, bijgewerkt 2, ongewijzigd 1, afgewezen 0." in out
        assert InitiativePage.objects.get(key="admin-1").approach == RICH_APPROACH
        assert InitiativePage.objects.get(key="tweede").summary == "Nieuwe samenvatting in concept"

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_line_ends_and_spaces_saved_by_the_admin_survive(self, index, tmp_path, suffix):
        create_initiative(index, key="a", title="Titel ", summary="Regel een\r\nRegel twee")
        path = tmp_path / f"uit{suffix}"
        export(path)
        before = snapshot()
        out, _err = run(path)
        assert "ongewijzigd 1" in out
        assert snapshot() == before
        assert InitiativePage.objects.get(key="a").summary == "Regel een\r\nRegel twee"

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_export_of_an_import_is_the_import(self, index, tmp_path, suffix):
        rows = [row(1), row(2, provincie="Fryslân", trefwoorden="b; A", startjaar="")]
        run(write_csv(tmp_path / "in.csv", rows), "--publish")
        path = tmp_path / f"uit{suffix}"
        export(path)

        exported = read_csv(path) if suffix == ".csv" else read_xlsx(path)
        second = exported[1]
        assert second["provincie"] == "friesland"
        assert second["trefwoorden"] == "A; b"
        assert second["website"] == "https://www.example.org"
        assert second["aanpak"] == row(2)["aanpak"]
        assert second["startjaar"] in ("", None)
        assert exported[0]["startjaar"] in ("2021", 2021)


def admin_form(**values) -> dict:
    return nested_form_data(
        {
            "title": "Gemaakt in de admin",
            "slug": "gemaakt-in-de-admin",
            "summary": "Eerste regel.\r\nTweede regel; met puntkomma.",
            "background": rich_text(""),
            "approach": rich_text(RICH_APPROACH),
            "results": rich_text("<p>Meer <i>plezier</i> in het werk.</p>"),
            "lessons": rich_text(""),
            "body": streamfield([]),
            "themes": [Theme.objects.get(slug="regels-naar-relaties").pk],
            "keywords": "gastvrijheid, Kwaliteit van leven",
            "province": Province.objects.get(slug="noord-brabant").pk,
            "place": "Tilburg",
            "phase": Phase.objects.get(slug="pilot").pk,
            "start_year": "2022",
            "website": "https://example.org/gastheren",
            "comments": inline_formset([]),
            **values,
        }
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_pages_made_in_the_admin_survive_export_and_import(
    client, admin_user, index, tmp_path, suffix
):
    client.force_login(admin_user)
    add_url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))
    response = client.post(add_url, admin_form(**{"action-publish": "publish"}))
    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="gemaakt-in-de-admin")
    assert "<b>leren</b>" in page.approach and "<ul>" in page.approach
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(edit_url, admin_form(title="Concepttitel uit de admin"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.has_unpublished_changes
    draft_html = page.get_latest_revision_as_object().approach
    path = tmp_path / f"uit{suffix}"
    export(path)
    before = snapshot()

    out, _err = run(path)

    assert "Aangemaakt 0, bijgewerkt 0, ongewijzigd 1, afgewezen 0." in out
    assert snapshot() == before
    out, _err = run(path, "--publish")
    assert "Aangemaakt 0, bijgewerkt 1, ongewijzigd 0, afgewezen 0." in out
    page.refresh_from_db()
    assert page.title == "Concepttitel uit de admin"
    assert page.approach == draft_html
    assert page.summary == "Eerste regel.\r\nTweede regel; met puntkomma."


FORMULA_VALUES = {
    "titel": '=HYPERLINK("https://example.org","klik")',
    "samenvatting": "+31 6 1234 5678",
    "plaats": "'s-Hertogenbosch",
    "contactpersoon": "-Jan",
    "trefwoorden": "@werk",
}


class TestFormulaCells:
    """A CSV cell that a spreadsheet program would run as a formula starts with a quote (OWASP,
    CSV injection); reading the file removes exactly that quote again."""

    def test_csv_cells_that_start_a_formula_get_a_quote(self, index, tmp_path):
        create_initiative(
            index, key="f", summary="=1+1", place="@SUM(A1)", contact_name="-2",
            contact_is_public=True,
        )  # fmt: skip
        create_initiative(index, key="g", summary="'=al gequote", place="'s-Hertogenbosch")
        path = tmp_path / "uit.csv"
        export(path)

        first, second = read_csv(path)
        assert (first["samenvatting"], first["plaats"]) == ("'=1+1", "'@SUM(A1)")
        assert first["contactpersoon"] == "'-2"
        # A quote before a formula sign or a quote is doubled; "'s-Hertogenbosch" stays.
        assert (second["samenvatting"], second["plaats"]) == ("''=al gequote", "'s-Hertogenbosch")

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_formula_values_survive_export_and_import(self, index, tmp_path, suffix):
        run(write_csv(tmp_path / "in.csv", [row(1, **FORMULA_VALUES)]))
        assert page("imp-1").title == FORMULA_VALUES["titel"]
        create_initiative(index, key="imp-2", place="'=A1", summary="''")
        path = tmp_path / f"uit{suffix}"
        export(path)
        before = snapshot()

        out, _err = run(path)

        assert "Aangemaakt 0, bijgewerkt 0, ongewijzigd 2, afgewezen 0." in out
        assert snapshot() == before
        imported = page("imp-1")
        assert imported.title == FORMULA_VALUES["titel"]
        assert imported.summary == "+31 6 1234 5678"
        assert imported.place == "'s-Hertogenbosch"
        assert imported.contact_name == "-Jan"
        assert [tag.name for tag in imported.keywords.all()] == ["@werk"]
        assert (page("imp-2").place, page("imp-2").summary) == ("'=A1", "''")

    def test_a_quote_before_a_plain_value_is_kept_when_reading(self, index, tmp_path):
        run(write_csv(tmp_path / "in.csv", [row(1, plaats="'s-Gravenhage", titel="'=x")]))
        assert page("imp-1").place == "'s-Gravenhage"
        assert page("imp-1").title == "=x"


class TestContactPublicColumn:
    def test_export_writes_whether_the_contact_is_public(self, index):
        create_initiative(index, key="open", contact_email="a@example.org", contact_is_public=True)
        create_initiative(index, key="dicht", contact_email="b@example.org")
        rows = {r["sleutel"]: r for r in initiative_rows()}
        assert rows["open"]["contact_openbaar"] == "ja"
        assert rows["dicht"]["contact_openbaar"] == "nee"
        # An address that is not public only when asked for (issue 12, finding 5).
        assert rows["dicht"]["contact_email"] == ""
        rows = {r["sleutel"]: r for r in initiative_rows(private_contacts=True)}
        assert rows["dicht"]["contact_email"] == "b@example.org"

    def test_import_sets_the_public_flag(self, index, tmp_path):
        header = [*HEADER, "contact_openbaar"]
        rows = [row(1, contact_openbaar="ja"), row(2, contact_openbaar="Nee"), row(3)]
        out, _err = run(write_csv(tmp_path / "in.csv", rows, header=header))
        assert "Aangemaakt 3" in out
        assert page("imp-1").contact_is_public is True
        assert page("imp-2").contact_is_public is False
        assert page("imp-3").contact_is_public is False

        run(write_csv(tmp_path / "in.csv", [row(1, contact_openbaar="nee")], header=header))
        assert page("imp-1").get_latest_revision_as_object().contact_is_public is False

    def test_a_file_without_the_column_leaves_the_flag_alone(self, index, tmp_path):
        create_initiative(index, key="imp-1", contact_is_public=True)
        run(write_csv(tmp_path / "in.csv", [row(1)]), "--publish")
        assert page("imp-1").contact_is_public is True

    def test_an_empty_private_contact_keeps_the_stored_one(self, index, tmp_path):
        """A public export leaves out a private contact; importing it keeps the contact."""
        create_initiative(index, key="imp-1", contact_name="Jan", contact_email="jan@example.org")
        header = [*HEADER, "contact_openbaar"]
        values = row(1, contactpersoon="", contact_email="", contact_openbaar="nee")
        run(write_csv(tmp_path / "in.csv", [values], header=header), "--publish")
        imported = page("imp-1")
        assert (imported.contact_name, imported.contact_email) == ("Jan", "jan@example.org")

        values = row(1, contactpersoon="", contact_email="", contact_openbaar="ja")
        run(write_csv(tmp_path / "in.csv", [values], header=header), "--publish")
        assert (page("imp-1").contact_name, page("imp-1").contact_email) == ("", "")

    def test_an_unknown_value_is_rejected(self, index, tmp_path):
        header = [*HEADER, "contact_openbaar"]
        out, err = run_failing(
            write_csv(tmp_path / "in.csv", [row(1, contact_openbaar="misschien")], header=header)
        )[:2]
        assert "'misschien' is geen 'ja' of 'nee'." in out + err


class TestPublicRowsOfASelection:
    """What any selection (a search, later a collection) downloads: `public_initiative_rows`."""

    def test_in_the_selection_order_visible_pages_only(self, index):
        from wagtail.models import PageViewRestriction

        from initiatieven.services.exporting import public_initiative_rows

        a = create_initiative(index, key="a", contact_email="a@example.org")
        b = create_initiative(index, key="b", contact_email="b@example.org", contact_is_public=True)
        draft = create_initiative(index, key="draft", publish=False)
        locked = create_initiative(index, key="locked")
        PageViewRestriction.objects.create(page=locked, restriction_type="login")

        rows = list(public_initiative_rows(page_ids=[b.pk, draft.pk, locked.pk, a.pk, 999999]))

        assert [r["sleutel"] for r in rows] == ["b", "a"]
        assert [r["contact_email"] for r in rows] == ["b@example.org", ""]
        assert [r["contact_openbaar"] for r in rows] == ["ja", "nee"]
