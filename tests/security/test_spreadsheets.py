"""Issue 12: spreadsheets from outside are bounded before they are read (finding 13), every text
of an initiative has a maximum length (13), import keys do not depend on case (14), and exports
leave out contacts that are not public unless asked (5)."""

from __future__ import annotations

import csv
import io
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import Workbook

from initiatieven.blocks import MediaAndVoicesBlock
from initiatieven.models import InitiativePage
from initiatieven.roles import MODERATOR_GROUP
from initiatieven.services.spreadsheet import COLUMNS, SpreadsheetError, read_sheet
from tests.factories import create_initiative, create_user, edit_form
from tests.initiatieven.test_export import export, read_csv
from tests.initiatieven.test_import import page, row, run, run_failing, snapshot, write_csv

HEADER_ROW = ["sleutel", "titel", "aanpak"]
SHEET_XML = "xl/worksheets/sheet1.xml"
# The limits the README documents.
SECTION_TEXT_LIMIT = 10_000
SECTION_HTML_LIMIT = 100_000


def xlsx(path: Path, rows: list[list[str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for cells in rows:
        sheet.append(cells)
    workbook.save(path)
    return path


def rewrite_part(path: Path, name: str, change) -> Path:
    """The workbook at `path` with part `name` replaced by `change(old_text)`."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(SpreadsheetError) as error:
        read_sheet(path=path)
    return str(error.value)


# What reading a file may take at most; the unbounded reader needed gigabytes.
MEMORY_LIMIT = 1024 * 1024 * 1024


def read_with_limited_memory(path: Path) -> subprocess.CompletedProcess:
    """`read_sheet` in a process that may take MEMORY_LIMIT bytes: the machine running the tests
    is not at stake when a file does make the reader take more."""
    code = (
        "import django; django.setup()\n"
        "from django.utils import translation; translation.activate('nl')\n"
        "from initiatieven.services.spreadsheet import SpreadsheetError, read_sheet\n"
        "try:\n"
        f"    read_sheet(path={str(path)!r})\n"
        "except SpreadsheetError as error:\n"
        "    print(error)\n"
    )

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        preexec_fn=limit_memory,  # noqa: PLW1509
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "kennisbank.settings"},
        cwd=Path(__file__).resolve().parents[2],
        timeout=300,
        check=False,
    )


class TestWorkbookBounds:
    def test_one_cell_at_the_last_cell_of_a_sheet_is_refused_within_bounded_memory(self, tmp_path):
        path = tmp_path / "ver.xlsx"
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(HEADER_ROW)
        sheet["XFD1048576"] = "x"
        workbook.save(path)
        assert path.stat().st_size < 10_000

        result = read_with_limited_memory(path)

        assert result.returncode == 0, result.stderr[-2000:]
        assert "reikt tot cel XFD1048576" in result.stdout
        assert "ten hoogste 50 kolommen en 100.001 rijen" in result.stdout

    def test_a_sheet_that_declares_a_false_size_is_bounded_while_it_is_read(self, tmp_path):
        path = tmp_path / "gelogen.xlsx"
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(HEADER_ROW)
        sheet["XFD1048576"] = "x"
        workbook.save(path)
        rewrite_part(path, SHEET_XML, lambda xml: xml.replace("A1:XFD1048576", "A1:C1"))

        result = read_with_limited_memory(path)

        assert result.returncode == 0, result.stderr[-2000:]
        assert "Rij 1048576 heeft een waarde in kolom XFD" in result.stdout
        assert "ten hoogste 50 kolommen" in result.stdout

    def test_a_zip_bomb_is_refused_by_its_packing_ratio(self, tmp_path):
        path = xlsx(tmp_path / "bom.xlsx", [HEADER_ROW, ["a", "Titel", "Aanpak"]])
        # 20 MB of spaces between the rows packs to a few kilobytes.
        rewrite_part(
            path, SHEET_XML, lambda xml: xml.replace("</row>", "</row>" + " " * 20_000_000, 1)
        )

        message = refusal(path)

        assert "xl/worksheets/sheet1.xml" in message
        assert "ten hoogste 100" in message
        assert "zipbom" in message

    def test_a_workbook_that_unpacks_to_too_much_is_refused(self, tmp_path):
        path = xlsx(tmp_path / "groot.xlsx", [HEADER_ROW, ["a", "Titel", "Aanpak"]])
        with (
            zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
            archive.open("xl/media/vulling.bin", "w") as part,
        ):
            for _chunk in range(101):
                part.write(os.urandom(1024) * 1024)

        message = refusal(path)

        assert "groot.xlsx pakt uit tot 101 MB" in message
        assert "ten hoogste 100 MB" in message

    def test_too_many_columns(self, tmp_path):
        cells = ["a", "Titel", "Aanpak", *[""] * 47, "te ver"]
        path = xlsx(tmp_path / "breed.xlsx", [HEADER_ROW, cells])

        assert refusal(path).startswith("Het werkblad in breed.xlsx reikt tot cel AY2;")
        rewrite_part(path, SHEET_XML, lambda xml: xml.replace("A1:AY2", "A1:C2"))
        assert refusal(path) == (
            "Rij 2 heeft een waarde in kolom AY; ten hoogste 50 kolommen worden gelezen."
        )

    def test_a_cell_longer_than_excel_allows(self, tmp_path):
        path = xlsx(tmp_path / "lang.xlsx", [HEADER_ROW, ["a", "Titel", "x" * 32_767]])
        assert read_sheet(path=path).rows[0].values["aanpak"] == "x" * 32_767
        # openpyxl writes at most 32,767 characters; another program may write more.
        rewrite_part(path, SHEET_XML, lambda xml: xml.replace("x" * 32_767, "x" * 32_768))

        assert refusal(path) == (
            "Rij 2, kolom C: de cel bevat 32768 tekens; ten hoogste 32.767 worden gelezen."
        )


class TestCsvBounds:
    def test_a_file_over_the_size_limit(self, tmp_path):
        path = tmp_path / "groot.csv"
        with path.open("w", encoding="utf-8") as handle:
            handle.write(",".join(HEADER_ROW) + "\n")
            # The size is checked before anything is read: a sparse file takes no disk space.
            handle.truncate(266_000_000)

        assert refusal(path) == (
            "groot.csv is 253,7 MB; ten hoogste 250 MB wordt gelezen. Splits het in kleinere "
            "bestanden."
        )

    def test_at_most_a_hundred_thousand_rows_below_the_header(self, tmp_path):
        path = tmp_path / "lang.csv"
        lines = [",".join(HEADER_ROW)] + [f"k{n},Titel,Aanpak" for n in range(100_001)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

        assert refusal(path) == (
            "Rij 100002: een bestand bevat ten hoogste 100.000 rijen onder de kopregel; splits "
            "het in kleinere bestanden."
        )

        path.write_text("\n".join(lines[:-1]) + "\n\n\n", encoding="utf-8")
        assert len(read_sheet(path=path).rows) == 100_000

    def test_too_many_columns(self, tmp_path):
        path = tmp_path / "breed.csv"
        path.write_text("sleutel,titel\n" + "a,b" + "," * 60 + "x\n", encoding="utf-8")

        assert "Rij 2 heeft een waarde in kolom BJ" in refusal(path)

    @pytest.mark.parametrize("length", [32_768, 200_000])
    def test_a_cell_longer_than_excel_allows(self, tmp_path, length):
        path = tmp_path / "lang.csv"
        path.write_text(f"sleutel,titel,aanpak\na,b,{'x' * length}\n", encoding="utf-8")

        message = refusal(path)

        assert message.startswith("Rij 2")
        assert "32.767" in message


class TestTextLimits:
    def test_an_import_refuses_a_section_over_the_limit(self, index, tmp_path):
        rows = [row(1, aanpak="x" * (SECTION_TEXT_LIMIT + 1)), row(2, lessen="x" * 10_000)]

        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows), "--publish")

        assert "Rij 2, kolom 'aanpak'" in err
        assert "is 10001 tekens lang; hoogstens 10000 zijn toegestaan" in err
        assert "Aangemaakt 1" in out
        assert not InitiativePage.objects.filter(key="imp-1").exists()

    def test_the_editor_refuses_a_section_over_the_limit(self, client, index):
        initiative = create_initiative(index)
        client.force_login(create_user(groups=[MODERATOR_GROUP]))
        revisions = initiative.revisions.count()
        edit = reverse("wagtailadmin_pages:edit", args=(initiative.pk,))

        response = client.post(edit, edit_form(initiative, approach=rich_text_of(10_001)))

        assert response.status_code == 200
        assert "niet meer dan 10000 tekens" in response.content.decode()
        assert initiative.revisions.count() == revisions

        response = client.post(edit, edit_form(initiative, approach=rich_text_of(10_000)))
        assert response.status_code == 302

    def test_a_section_s_html_is_bounded_too(self, index):
        initiative = create_initiative(index)
        initiative.results = "<p>" + "<b>x</b>" * (SECTION_HTML_LIMIT // 8) + "</p>"

        with pytest.raises(ValidationError) as error:
            initiative.full_clean()

        assert "ten hoogste 100000" in " ".join(error.value.message_dict["results"])

    def test_quotes_links_and_blocks_are_bounded(self):
        block = MediaAndVoicesBlock()
        quote = {"type": "quote", "value": {"text": "x" * 2_001, "speaker_role": "student"}}
        link = {"title": "Site", "url": "https://example.org/" + "a" * 500}
        links = {"type": "links", "value": {"heading": "", "links": [link]}}
        for value in ([quote], [links], [{**quote, "value": {**quote["value"], "text": "x"}}] * 51):
            with pytest.raises(ValidationError):
                block.clean(block.to_python(value))


def rich_text_of(length: int) -> str:
    from wagtail.test.utils.form_data import rich_text

    return rich_text("<p>" + "x" * length + "</p>")


class TestKeysWithoutCase:
    def test_a_second_row_with_the_same_key_in_other_capitals_is_rejected(self, index, tmp_path):
        rows = [row(1, sleutel="H01"), row(2, sleutel="h01")]

        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows))

        assert "Rij 3, kolom 'sleutel': 'h01' is de sleutel 'H01' van rij 2" in err
        assert "Aangemaakt 1, bijgewerkt 0, ongewijzigd 0, afgewezen 1." in out
        assert list(InitiativePage.objects.values_list("key", flat=True)) == ["H01"]

    def test_a_key_in_other_capitals_updates_the_initiative(self, index, tmp_path):
        run(write_csv(tmp_path / "in.csv", [row(1, sleutel="H01")]))
        before = snapshot()

        out, _err = run(write_csv(tmp_path / "in.csv", [row(1, sleutel="h01", titel="Nieuw")]))

        assert "Aangemaakt 0, bijgewerkt 1" in out
        assert snapshot()["pages"] == before["pages"]
        assert page("H01").get_latest_revision_as_object().title == "Nieuw"

    def test_the_database_refuses_two_keys_that_differ_in_case(self, index):
        create_initiative(index, key="H01")
        other = InitiativePage(title="Ander", approach="<p>a</p>", key="h01")

        with pytest.raises(ValidationError) as error:
            other.full_clean(exclude=["path", "depth", "slug", "url_path"])
        assert "in andere hoofdletters" in str(error.value)
        second = create_initiative(index, key="H02")
        with pytest.raises(IntegrityError), transaction.atomic():
            InitiativePage.objects.filter(pk=second.pk).update(key="h01")

    def test_a_page_made_in_the_editor_gets_a_key_of_its_own(self, index):
        create_initiative(index, key="H01")

        made = create_initiative(index, key="", title="h01")

        assert made.key == "h01-2"


class TestContactsInExports:
    @pytest.fixture
    def pages(self, index):
        create_initiative(
            index,
            key="open",
            contact_name="Ans",
            contact_email="ans@example.org",
            contact_is_public=True,
        )
        create_initiative(
            index, key="dicht", contact_name="Bert", contact_email="bert@example.org",
            contact_is_public=False,
        )  # fmt: skip

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_the_command_leaves_out_contacts_that_are_not_public(self, pages, tmp_path, suffix):
        path = tmp_path / f"uit{suffix}"
        export(path)

        rows = {r.values["sleutel"]: r.values for r in read_sheet(path=path).rows}
        assert (rows["open"]["contact_email"], rows["open"]["contact_openbaar"]) == (
            "ans@example.org",
            "ja",
        )
        assert (rows["dicht"]["contactpersoon"], rows["dicht"]["contact_email"]) == ("", "")
        assert rows["dicht"]["contact_openbaar"] == "nee"
        assert b"bert@example.org" not in path.read_bytes()

        out, _err = run(path)
        assert "ongewijzigd 2" in out
        assert page("dicht").contact_email == "bert@example.org"

    def test_an_operator_may_ask_for_them(self, pages, tmp_path):
        path = tmp_path / "uit.csv"
        export(path, "--include-private-contacts")

        rows = {r["sleutel"]: r for r in read_csv(path)}
        assert (rows["dicht"]["contact_email"], rows["dicht"]["contact_openbaar"]) == (
            "bert@example.org",
            "nee",
        )
        assert list(rows["dicht"]) == list(COLUMNS)


class TestFormulasAfterSeparators:
    """Dutch Excel splits a CSV file on ';', whatever it was written with: a formula after a ';'
    (or ',' or tab) in a value would start a cell of its own there (OWASP: mind the field
    separators)."""

    VALUES = {
        "summary": 'Samen leren;=HYPERLINK("https://example.org","klik")',
        "place": "Assen; -2+3",
        "contact_name": "Jan,@SUM(A1)",
        "title": "Zorg\t+31 6 1234 5678",
    }

    @pytest.mark.parametrize("delimiter", [",", ";", "\t"])
    def test_no_cell_starts_a_formula_whatever_the_file_is_split_on(
        self, index, tmp_path, delimiter
    ):
        create_initiative(index, key="f", contact_is_public=True, **self.VALUES)
        path = tmp_path / "uit.csv"
        export(path)

        text = path.read_text(encoding="utf-8")
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            for cell in cells:
                assert not cell.lstrip(' "').startswith(("=", "+", "-", "@", "\r")), cell

    def test_such_values_survive_export_and_import(self, index, tmp_path):
        create_initiative(index, key="f", contact_is_public=True, **self.VALUES)
        create_initiative(
            index, key="g", summary="Al gequote;'=A1", place="Goes, 's-Heer Arendskerke"
        )
        path = tmp_path / "uit.csv"
        export(path)
        before = snapshot()

        out, _err = run(path)

        assert "ongewijzigd 2" in out
        assert snapshot() == before
        for name, value in self.VALUES.items():
            assert getattr(page("f"), name) == value
        assert page("g").summary == "Al gequote;'=A1"
        assert page("g").place == "Goes, 's-Heer Arendskerke"


def test_the_search_description_is_bounded(index):
    initiative = create_initiative(index)
    initiative.search_description = "x" * 1_001

    with pytest.raises(ValidationError) as error:
        initiative.full_clean()

    assert error.value.message_dict["search_description"] == [
        "Ten hoogste 1000 tekens (nu 1001); zoekmachines tonen er ongeveer 160."
    ]
