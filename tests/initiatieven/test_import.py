import csv
import tracemalloc
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from openpyxl import Workbook
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from initiatieven.models import InitiativeIndexPage, InitiativePage, Organisation
from initiatieven.services import importing
from initiatieven.services.importing.writing import CHUNK_ROWS
from initiatieven.services.spreadsheet import COLUMNS
from tests.factories import create_initiative

# A sheet from before the contact_openbaar column: still read as it was.
HEADER = [column for column in COLUMNS if column != "contact_openbaar"]


def row(number: int = 1, **values: str) -> dict[str, str]:
    """A valid row; keyword arguments replace or add cells."""
    return {
        "sleutel": f"imp-{number}",
        "titel": f"Leren op de werkvloer {number}",
        "samenvatting": "Studenten leren waar de zorg gebeurt.",
        "aanleiding": "Te weinig stageplekken.",
        "aanpak": "Studenten werken mee op de afdeling.\n\nDocenten komen langs.",
        "resultaten": "",
        "lessen": "",
        "provincie": "drenthe",
        "plaats": "Assen",
        "organisaties": "Zorggroep Noord; ROC Drenthe",
        "sectoren": "ouderenzorg; ggz",
        "onderwijsniveaus": "mbo",
        "doelgroepen": "studenten",
        "themas": "leren-en-werken",
        "trefwoorden": "werkplekleren; stage",
        "fase": "lopend",
        "startjaar": "2021",
        "website": "www.example.org",
        "contactpersoon": "Jan Jansen",
        "contact_email": "jan@example.org",
        **values,
    }


def write_csv(
    path: Path, rows: list[dict], *, header=None, delimiter: str = ",", bom: bool = False
) -> Path:
    header = header or HEADER
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for values in rows:
            writer.writerow([values.get(column, "") for column in header])
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for number, cells in enumerate(rows, start=1):
        for position, value in enumerate(cells, start=1):
            cell = sheet.cell(row=number, column=position, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, also when it starts with '='
    workbook.save(path)
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_initiatives", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path: Path, *args: str) -> tuple[str, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_initiatives", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(error.value)


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "organisations": Organisation.objects.count(),
        "tags": Tag.objects.count(),
    }


def page(key: str) -> InitiativePage:
    return InitiativePage.objects.get(key=key)


class TestCreate:
    def test_rows_become_draft_initiatives_under_the_index(self, index, tmp_path):
        out, err = run(write_csv(tmp_path / "in.csv", [row(1), row(2)]))

        assert "Aangemaakt 2, bijgewerkt 0, ongewijzigd 0, afgewezen 0." in out
        assert "als concept opgeslagen" in out
        created = page("imp-1")
        assert created.get_parent().pk == index.pk
        assert not created.live
        assert created.has_unpublished_changes
        assert created.revisions.count() == 1
        assert created.slug == "leren-op-de-werkvloer-1"
        assert created.title == "Leren op de werkvloer 1"
        assert created.approach == (
            "<p>Studenten werken mee op de afdeling.</p><p>Docenten komen langs.</p>"
        )
        assert created.background == "<p>Te weinig stageplekken.</p>"
        assert created.results == ""
        assert created.province.slug == "drenthe"
        assert created.phase.slug == "lopend"
        assert created.place == "Assen"
        assert created.start_year == 2021
        assert created.website == "https://www.example.org"
        assert created.contact_name == "Jan Jansen"
        assert created.contact_email == "jan@example.org"
        assert created.contact_is_public is False
        assert {s.slug for s in created.sectors.all()} == {"ouderenzorg", "ggz"}
        assert [t.slug for t in created.themes.all()] == ["leren-en-werken"]
        assert {t.slug for t in created.education_levels.all()} == {"mbo"}
        assert {t.slug for t in created.target_groups.all()} == {"studenten"}
        assert {t.name for t in created.keywords.all()} == {"werkplekleren", "stage"}
        organisations = {o.name: o.kind for o in created.organisations.all()}
        assert organisations == {"Zorggroep Noord": "overig", "ROC Drenthe": "overig"}
        # Named once, though both rows name them.
        assert "Nieuwe organisaties: Zorggroep Noord; ROC Drenthe.\n" in out

    def test_publish_makes_the_pages_live_at_their_own_url(self, index, tmp_path, client):
        out, _err = run(write_csv(tmp_path / "in.csv", [row(1), row(2)]), "--publish")

        assert "Aangemaakt 2" in out
        for key in ("imp-1", "imp-2"):
            created = page(key)
            assert created.live
            assert not created.has_unpublished_changes
            response = client.get(created.url)
            assert response.status_code == 200
            assert created.title in response.content.decode()
        assert page("imp-1").url != page("imp-2").url

    @pytest.mark.parametrize("publish", [True, False], ids=["published", "draft"])
    def test_new_pages_are_what_wagtail_makes_of_them(self, index, tmp_path, monkeypatch, publish):
        # Written a chunk at a time (2 rows here), not through add_child, save_revision and
        # publish: the result must be the same, in the tree, revisions, log and relations.
        monkeypatch.setattr(importing, "CHUNK_ROWS", 2)
        create_initiative(index, key="before", title="Al bestaand")
        rows = [row(number) for number in range(1, 6)]
        run(write_csv(tmp_path / "in.csv", rows), *(["--publish"] if publish else []))
        create_initiative(index, key="after", title="In de beheeromgeving gemaakt")

        assert Page.find_problems() == ([], [], [], [], [])
        index.refresh_from_db()
        assert index.numchild == 7
        assert [child.specific.key for child in index.get_children()] == [
            "before",
            *(f"imp-{number}" for number in range(1, 6)),
            "after",
        ]
        for number in range(1, 6):
            created = page(f"imp-{number}")
            revision = created.revisions.get()
            assert created.latest_revision == revision
            assert created.live is publish
            assert created.has_unpublished_changes is not publish
            assert created.live_revision == (revision if publish else None)
            assert (created.first_published_at is not None) is publish
            assert created.latest_revision_created_at == revision.created_at
            assert created.draft_title == created.title
            assert created.url_path == f"{index.url_path}{created.slug}/"
            assert created.locale == index.locale
            logged = PageLogEntry.objects.filter(page=created).order_by("pk")
            assert list(logged.values_list("action", "revision", "content_changed")) == [
                ("wagtail.create", revision.pk, True),
                *([("wagtail.publish", revision.pk, True)] if publish else []),
            ]
            restored = revision.as_object()
            assert restored.approach == created.approach
            assert {s.slug for s in restored.sectors.all()} == {"ouderenzorg", "ggz"}
            assert {o.name for o in restored.organisations.all()} == {
                "Zorggroep Noord",
                "ROC Drenthe",
            }
            assert {t.name for t in restored.keywords.all()} == {"werkplekleren", "stage"}
            references = ReferenceIndex.get_references_for_object(created)
            assert {reference.to_object_id for reference in references} >= {
                str(created.province_id),
                str(created.phase_id),
            }

    def test_an_editor_moving_the_index_during_an_import(self, index, home, tmp_path, monkeypatch):
        monkeypatch.setattr(importing, "CHUNK_ROWS", 2)
        section = home.add_child(instance=Page(title="Praktijk", slug="praktijk"))

        def moving_after_the_first_chunk(rows, total, description):
            for number, sheet_row in enumerate(rows, start=1):
                if number == 3:
                    # The first chunk is written; an editor moves the index meanwhile.
                    Page.objects.get(pk=index.pk).move(section, pos="last-child")
                yield sheet_row

        sheet = write_csv(tmp_path / "in.csv", [row(number) for number in range(1, 6)])
        report = importing.import_initiatives(
            path=sheet, publish=True, progress=moving_after_the_first_chunk
        )

        assert not report.errors
        assert Page.find_problems() == ([], [], [], [], [])
        index.refresh_from_db()
        assert index.url_path == f"{section.url_path}initiatieven/"
        assert index.numchild == 5
        for number in range(1, 6):
            created = page(f"imp-{number}")
            assert created.get_parent().pk == index.pk
            assert created.url_path == f"{index.url_path}{created.slug}/"

    def test_a_draft_is_not_visible_to_visitors(self, index, tmp_path, client):
        run(write_csv(tmp_path / "in.csv", [row(1)]))
        draft = page("imp-1")
        assert client.get(f"{index.url}{draft.slug}/").status_code == 404

    def test_same_titles_get_their_own_slug(self, index, tmp_path):
        run(write_csv(tmp_path / "in.csv", [row(1, titel="Zelfde"), row(2, titel="Zelfde")]))
        assert {page("imp-1").slug, page("imp-2").slug} == {"zelfde", "zelfde-2"}

    @pytest.mark.django_db
    def test_works_on_a_database_without_site_tree(self, tmp_path, client):
        assert not InitiativeIndexPage.objects.exists()
        run(write_csv(tmp_path / "in.csv", [row(1)]), "--publish")
        created = page("imp-1")
        assert isinstance(created.get_parent().specific, InitiativeIndexPage)
        assert client.get(created.url).status_code == 200

    @pytest.mark.django_db
    def test_a_sheet_without_rows_writes_nothing_on_a_fresh_database(self, tmp_path):
        before = snapshot()
        out, _err = run(write_csv(tmp_path / "in.csv", []))
        assert "Aangemaakt 0, bijgewerkt 0, ongewijzigd 0, afgewezen 0." in out
        assert snapshot() == before

    def test_missing_columns_stay_empty(self, index, tmp_path):
        header = ["sleutel", "titel", "aanpak"]
        run(write_csv(tmp_path / "in.csv", [row(1)], header=header), "--publish")
        created = page("imp-1")
        assert created.live
        assert created.province is None
        assert created.summary == ""
        assert not created.themes.exists()

    def test_existing_organisations_and_keywords_are_reused(self, index, tmp_path):
        existing = Organisation.objects.create(name="Zorggroep Noord", kind="zorgorganisatie")
        Tag.objects.create(name="Werkplekleren", slug="werkplekleren")
        values = row(
            1, organisaties="ZORGGROEP NOORD; zorggroep noord", trefwoorden="werkplekleren"
        )

        run(write_csv(tmp_path / "in.csv", [values]))

        created = page("imp-1")
        assert list(created.organisations.all()) == [existing]
        assert [t.name for t in created.keywords.all()] == ["Werkplekleren"]
        assert Organisation.objects.count() == 1
        assert Tag.objects.count() == 1


class TestVocabularyMatching:
    @pytest.mark.parametrize(
        ("column", "value", "field", "expected"),
        [
            ("provincie", "Noord Holland", "province", {"noord-holland"}),
            ("provincie", "NOORD-HOLLAND", "province", {"noord-holland"}),
            ("provincie", "Fryslân", "province", {"friesland"}),
            ("provincie", "fryslan", "province", {"friesland"}),
            ("provincie", "friesland", "province", {"friesland"}),
            ("fase", "AFGEROND", "phase", {"afgerond"}),
            ("doelgroepen", "CLIËNTEN; clienten; Naasten en Mantelzorgers", "target_groups",
             {"clienten", "naasten"}),
            ("sectoren", " GGZ ;; welzijn en sociaal domein ;", "sectors", {"ggz", "welzijn"}),
            ("onderwijsniveaus", "HBO;Bij- en nascholing", "education_levels",
             {"hbo", "nascholing"}),
            ("themas", "Competenties in plaats van diploma’s", "themes", {"competenties"}),
        ],
    )  # fmt: skip
    def test_slug_or_label_in_any_case_and_accents(
        self, index, tmp_path, column, value, field, expected
    ):
        run(write_csv(tmp_path / "in.csv", [row(1, **{column: value})]))
        stored = getattr(page("imp-1"), field)
        slugs = {stored.slug} if hasattr(stored, "slug") else {t.slug for t in stored.all()}
        assert slugs == expected


BAD_VALUES = [
    ("provincie", "Brabant", "onbekende waarde 'Brabant'. Toegestaan: drenthe (Drenthe)"),
    ("sectoren", "ggz; bakkerij", "onbekende waarde 'bakkerij'. Toegestaan: ouderenzorg"),
    ("onderwijsniveaus", "mavo", "onbekende waarde 'mavo'. Toegestaan: mbo (mbo)"),
    ("doelgroepen", "katten", "onbekende waarde 'katten'. Toegestaan: studenten (Studenten)"),
    ("themas", "ruimtevaart", "onbekende waarde 'ruimtevaart'. Toegestaan: ervaringsdeskundigheid"),
    ("fase", "bijna klaar", "onbekende waarde 'bijna klaar'. Toegestaan: idee (Idee)"),
    (
        "provincie",
        "drenthe; utrecht",
        "slechts één waarde toegestaan, 2 gevonden: 'drenthe; utrecht'",
    ),
    ("fase", "idee;pilot", "slechts één waarde toegestaan"),
    ("startjaar", "2019a", "'2019a' is geen jaar tussen 1900 en"),
    ("startjaar", "twintig", "'twintig' is geen jaar tussen 1900 en"),
    ("startjaar", "1850", "'1850' is geen jaar"),
    ("startjaar", "2019.5", "'2019.5' is geen jaar"),
    ("contact_email", "jan@", "'jan@' is geen geldig e-mailadres"),
    ("website", "geen adres", "'geen adres' is geen geldig webadres"),
    ("samenvatting", "x" * 301, "is 301 tekens lang; hoogstens 300 zijn toegestaan"),
    ("titel", "", "een titel is verplicht"),
    ("titel", "t" * 256, "is 256 tekens lang; hoogstens 255 zijn toegestaan"),
    ("sleutel", "", "een sleutel is verplicht"),
    ("sleutel", "k" * 101, "is 101 tekens lang; hoogstens 100 zijn toegestaan"),
    ("plaats", "p" * 101, "hoogstens 100 zijn toegestaan"),
]


class TestRejectedRows:
    @pytest.mark.parametrize(("column", "value", "message"), BAD_VALUES)
    def test_bad_row_is_reported_and_other_rows_are_imported(
        self, index, tmp_path, column, value, message
    ):
        rows = [row(1), row(2, **{column: value}), row(3)]
        out, err, error = run_failing(write_csv(tmp_path / "in.csv", rows))

        assert f"Rij 3, kolom '{column}': " in err
        assert message in err
        if value and len(value) < 60 and ";" not in value:
            assert f"'{value}'" in err
        assert "Rij 2" not in err and "Rij 4" not in err
        assert "Aangemaakt 2, bijgewerkt 0, ongewijzigd 0, afgewezen 1." in out
        assert "1 rij afgewezen: 3." in error
        assert InitiativePage.objects.filter(key__in=["imp-1", "imp-3"]).count() == 2
        assert not InitiativePage.objects.filter(title=rows[1]["titel"] or "-").exists()

    def test_a_row_reports_all_its_errors(self, index, tmp_path):
        values = row(1, provincie="Brabant", contact_email="nope", startjaar="later")
        _out, err, _error = run_failing(write_csv(tmp_path / "in.csv", [values]))
        assert "Rij 2, kolom 'provincie'" in err
        assert "Rij 2, kolom 'contact_email'" in err
        assert "Rij 2, kolom 'startjaar'" in err

    def test_duplicate_key_rejects_the_later_row(self, index, tmp_path):
        rows = [row(1), row(2), row(1, titel="Ander")]
        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows))
        assert "Rij 4, kolom 'sleutel': 'imp-1' is al gebruikt in rij 2" in err
        assert "Aangemaakt 2, bijgewerkt 0, ongewijzigd 0, afgewezen 1." in out
        assert page("imp-1").title == "Leren op de werkvloer 1"

    def test_publish_needs_an_approach(self, index, tmp_path):
        rows = [row(1, aanpak=""), row(2)]
        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows), "--publish")
        assert "Rij 2, kolom 'aanpak': een gepubliceerd initiatief heeft een aanpak nodig" in err
        assert not InitiativePage.objects.filter(key="imp-1").exists()
        assert page("imp-2").live

    def test_a_draft_may_lack_an_approach(self, index, tmp_path):
        out, _err = run(write_csv(tmp_path / "in.csv", [row(1, aanpak="")]))
        assert "Aangemaakt 1" in out
        assert page("imp-1").approach == ""

    def test_cells_outside_the_header_reject_the_row(self, index, tmp_path):
        path = tmp_path / "in.csv"
        path.write_text(
            'sleutel;titel;sectoren\nimp-1;Eerste;ggz; welzijn\nimp-2;Tweede;"ggz; welzijn"\n',
            encoding="utf-8",
        )
        out, err, _error = run_failing(path)
        assert "Rij 2: een waarde buiten de kolommen van de kopregel (kolom D: 'welzijn')" in err
        assert "moet een cel met meerdere waarden tussen aanhalingstekens staan" in err
        assert {s.slug for s in page("imp-2").sectors.all()} == {"ggz", "welzijn"}

    @pytest.mark.parametrize("existing", [False, True], ids=["new page", "known page"])
    def test_an_unexpected_database_error_rejects_only_that_row(
        self, index, tmp_path, monkeypatch, existing
    ):
        if existing:
            create_initiative(index, key="imp-2", title="Oud")
        # A new page is inserted with `save`, a known one gets a revision.
        method = "save_revision" if existing else "save"
        original = getattr(InitiativePage, method)

        def failing(self, *args, **kwargs):
            if self.key == "imp-2":
                raise DatabaseError("disk I/O error")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(InitiativePage, method, failing)
        rows = [row(1), row(2, organisaties="Alleen In Rij Twee"), row(3)]
        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows), "--publish")

        assert "Rij 3: kon niet worden opgeslagen: disk I/O error" in err
        assert "Traceback" not in err
        assert "Aangemaakt 2, bijgewerkt 0, ongewijzigd 0, afgewezen 1." in out
        keys = {"imp-1", "imp-2", "imp-3"} if existing else {"imp-1", "imp-3"}
        assert set(InitiativePage.objects.values_list("key", flat=True)) == keys
        assert not Organisation.objects.filter(name="Alleen In Rij Twee").exists()
        if existing:
            assert page("imp-2").title == "Oud"
            assert page("imp-2").revisions.count() == 1
        # The rows written are whole: a revision each, live, in the tree, with their terms.
        for key in ("imp-1", "imp-3"):
            written = page(key)
            assert written.live and written.live_revision == written.latest_revision
            assert written.get_parent().pk == index.pk
            assert written.sectors.exists()
        index.refresh_from_db()
        assert index.numchild == index.get_children().count() == (3 if existing else 2)

    def test_a_chunk_that_fails_as_a_whole_rejects_its_rows_only(
        self, index, tmp_path, monkeypatch
    ):
        # What is written for a chunk at once (revisions, links, index) fails for the second
        # of three chunks: its rows are reported, the others are written, no traceback.
        monkeypatch.setattr(importing, "CHUNK_ROWS", 2)
        create_or_update = ReferenceIndex.create_or_update_for_object

        def failing(instance, *args, **kwargs):
            if instance.key == "imp-3":
                raise DatabaseError("deadlock detected")
            return create_or_update(instance, *args, **kwargs)

        monkeypatch.setattr(ReferenceIndex, "create_or_update_for_object", failing)
        rows = [row(1), row(2), row(3, organisaties="Alleen In Rij Drie"), row(4), row(5)]
        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows), "--publish")

        assert "Rij 4: kon niet worden opgeslagen: deadlock detected" in err
        assert "Rij 5: kon niet worden opgeslagen: deadlock detected" in err
        assert "Traceback" not in err
        assert "Aangemaakt 3, bijgewerkt 0, ongewijzigd 0, afgewezen 2." in out
        keys = set(InitiativePage.objects.values_list("key", flat=True))
        assert keys == {"imp-1", "imp-2", "imp-5"}
        assert not Organisation.objects.filter(name="Alleen In Rij Drie").exists()
        assert "Alleen In Rij Drie" not in out
        assert Page.find_problems() == ([], [], [], [], [])


class TestDryRunAndStrict:
    def test_dry_run_writes_nothing(self, index, tmp_path):
        create_initiative(index, key="imp-1", title="Oud")
        before = snapshot()
        rows = [row(1), row(2), row(3, provincie="Atlantis")]

        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows), "--dry-run")

        assert snapshot() == before
        assert page("imp-1").title == "Oud"
        assert "Proefdraai: niets weggeschreven." in out
        assert "Aangemaakt 1, bijgewerkt 1, ongewijzigd 0, afgewezen 1." in out
        assert "Organisaties die zouden worden aangemaakt: Zorggroep Noord; ROC Drenthe." in out
        assert "Rij 4, kolom 'provincie'" in err

    def test_dry_run_of_a_good_file_succeeds(self, index, tmp_path):
        before = snapshot()
        out, _err = run(write_csv(tmp_path / "in.csv", [row(1)]), "--dry-run", "--publish")
        assert snapshot() == before
        assert "Proefdraai: niets weggeschreven. Aangemaakt 1" in out

    def test_strict_writes_nothing_when_a_row_is_rejected(self, index, tmp_path):
        before = snapshot()
        rows = [row(1), row(2, fase="onbekend"), row(3)]
        out, err, error = run_failing(write_csv(tmp_path / "in.csv", rows), "--strict")
        assert snapshot() == before
        assert "er is niets weggeschreven" in out
        assert "Rij 3, kolom 'fase'" in err
        assert "1 rij afgewezen: 3." in error

    def test_strict_writes_everything_when_all_rows_are_good(self, index, tmp_path):
        out, _err = run(write_csv(tmp_path / "in.csv", [row(1), row(2)]), "--strict")
        assert "Aangemaakt 2" in out
        assert InitiativePage.objects.count() == 2

    def test_strict_rolls_back_after_an_unexpected_error(self, index, tmp_path, monkeypatch):
        save = InitiativePage.save

        def failing(self, *args, **kwargs):
            if self.key == "imp-3":
                raise DatabaseError("disk full")
            return save(self, *args, **kwargs)

        monkeypatch.setattr(InitiativePage, "save", failing)
        before = snapshot()
        rows = [row(1), row(2), row(3)]
        out, err, _error = run_failing(write_csv(tmp_path / "in.csv", rows), "--strict")
        assert snapshot() == before
        assert "Rij 4: kon niet worden opgeslagen: disk full" in err
        assert "er is niets weggeschreven" in out


class TestUpdate:
    def test_same_key_updates_without_changing_the_url(self, index, tmp_path):
        run(write_csv(tmp_path / "in.csv", [row(1)]), "--publish")
        original = page("imp-1")
        url, pk = original.url, original.pk

        out, _err = run(
            write_csv(tmp_path / "in2.csv", [row(1, titel="Nieuwe titel", provincie="utrecht")]),
            "--publish",
        )

        assert "Aangemaakt 0, bijgewerkt 1, ongewijzigd 0, afgewezen 0." in out
        updated = page("imp-1")
        assert updated.pk == pk
        assert updated.title == "Nieuwe titel"
        assert updated.province.slug == "utrecht"
        assert updated.url == url
        assert InitiativePage.objects.count() == 1

    def test_without_publish_a_live_page_stays_as_it_was(self, index, tmp_path, client):
        run(write_csv(tmp_path / "in.csv", [row(1)]), "--publish")

        run(write_csv(tmp_path / "in2.csv", [row(1, titel="Concepttitel", themas="")]))

        live = page("imp-1")
        assert live.live
        assert live.title == "Leren op de werkvloer 1"
        assert live.themes.exists()
        assert live.has_unpublished_changes
        draft = live.get_latest_revision_as_object()
        assert draft.title == "Concepttitel"
        assert not draft.themes.all()
        assert "Leren op de werkvloer 1" in client.get(live.url).content.decode()

    def test_importing_the_same_file_again_changes_nothing(self, index, tmp_path):
        path = write_csv(tmp_path / "in.csv", [row(1), row(2)])
        run(path, "--publish")
        before = snapshot()

        out, _err = run(path, "--publish")

        assert "Aangemaakt 0, bijgewerkt 0, ongewijzigd 2, afgewezen 0." in out
        assert snapshot() == before

    def test_importing_the_same_draft_file_again_changes_nothing(self, index, tmp_path):
        path = write_csv(tmp_path / "in.csv", [row(1), row(2)])
        run(path)
        before = snapshot()
        out, _err = run(path)
        assert "ongewijzigd 2" in out
        assert snapshot() == before

    def test_publish_publishes_drafts_imported_before(self, index, tmp_path):
        path = write_csv(tmp_path / "in.csv", [row(1)])
        run(path)
        out, _err = run(path, "--publish")
        assert "bijgewerkt 1" in out
        assert page("imp-1").live
        assert not page("imp-1").has_unpublished_changes

    def test_missing_columns_leave_fields_untouched(self, index, tmp_path):
        run(write_csv(tmp_path / "in.csv", [row(1)]), "--publish")
        header = ["sleutel", "titel"]
        out, _err = run(
            write_csv(tmp_path / "in2.csv", [row(1, titel="Alleen de titel")], header=header),
            "--publish",
        )
        updated = page("imp-1")
        assert "bijgewerkt 1" in out
        assert updated.title == "Alleen de titel"
        assert updated.province.slug == "drenthe"
        assert updated.organisations.count() == 2
        assert {t.name for t in updated.keywords.all()} == {"werkplekleren", "stage"}
        assert "Docenten komen langs." in updated.approach

    def test_empty_cells_clear_fields(self, index, tmp_path):
        run(write_csv(tmp_path / "in.csv", [row(1)]), "--publish")
        cleared = row(1, provincie="", organisaties="", trefwoorden="", startjaar="", website="")
        run(write_csv(tmp_path / "in2.csv", [cleared]), "--publish")
        updated = page("imp-1")
        assert updated.province is None
        assert not updated.organisations.exists()
        assert not updated.keywords.exists()
        assert updated.start_year is None
        assert updated.website == ""

    def test_unchanged_text_keeps_the_formatting_made_in_the_admin(self, index, tmp_path):
        html = "<p>Samen <b>leren</b>.</p><ul><li>een</li><li>twee</li></ul>"
        create_initiative(index, key="imp-1", title="Opgemaakt", approach=html)
        values = {"sleutel": "imp-1", "titel": "Opgemaakt", "aanpak": "Samen leren.\n\neen\n\ntwee"}
        before = snapshot()

        path = write_csv(tmp_path / "in.csv", [values], header=list(values))
        out, _err = run(path, "--publish")

        assert "ongewijzigd 1" in out
        assert snapshot() == before
        assert page("imp-1").approach == html


LATIN_1 = "sleutel,titel\nimp-1,Caf\xe9 in Zo\xeblen\n".encode("latin-1")
UNUSABLE_CSV = [
    (b"", "is leeg"),
    (b"\xef\xbb\xbf\r\n \r\n", "is leeg"),
    (
        b"sleutel,titel,kleur,maat\n1,a,b,c\n",
        "Onbekende kolommen in de kopregel: 'kleur', 'maat'. Toegestane kolommen: sleutel, titel, ",
    ),
    (b"sleutel,aanpak\n1,a\n", "Verplichte kolom ontbreekt in de kopregel: titel"),
    (
        b"sleutel,titel,Titel\n1,a,b\n",
        "Kolom 'titel' staat twee keer in de kopregel (kolommen B en C)",
    ),
    (b"imp-1,Leren,Drenthe\n", "De eerste rij moet een kopregel"),
    (LATIN_1, "is geen UTF-8-tekst: byte 0xe9 op positie 24 (regel 2)"),
    (b"PK\x03\x04rest", "lijkt een Excel-werkmap"),
]


class TestFiles:
    def test_xlsx(self, index, tmp_path):
        values = row(1, titel="=Geen formule")
        cells = [values[column] for column in HEADER]
        cells[HEADER.index("startjaar")] = 2019.0
        path = write_xlsx(tmp_path / "in.xlsx", [HEADER, cells, [], [None] * 3])

        out, _err = run(path, "--publish")

        created = page("imp-1")
        assert "Aangemaakt 1" in out
        assert created.start_year == 2019
        assert created.title == "=Geen formule"
        assert created.live

    def test_xlsx_errors_use_the_spreadsheet_row_numbers(self, index, tmp_path):
        bad = row(2, fase="x")
        path = write_xlsx(
            tmp_path / "in.xlsx",
            [HEADER, [row(1)[c] for c in HEADER], [], [bad[c] for c in HEADER]],
        )
        _out, err, _error = run_failing(path)
        assert "Rij 4, kolom 'fase'" in err

    def test_semicolon_csv_with_bom_as_saved_by_dutch_excel(self, index, tmp_path):
        path = write_csv(tmp_path / "in.csv", [row(1), row(2)], delimiter=";", bom=True)
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        out, _err = run(path)
        assert "Aangemaakt 2" in out
        assert {s.slug for s in page("imp-1").sectors.all()} == {"ouderenzorg", "ggz"}

    def test_tab_separated(self, index, tmp_path):
        out, _err = run(write_csv(tmp_path / "in.csv", [row(1)], delimiter="\t"))
        assert "Aangemaakt 1" in out

    def test_header_variants(self, index, tmp_path):
        header = [" SLEUTEL ", "Titel", " Provincie ", "Thema's", "Contact e-mail", "Startjaar"]
        path = tmp_path / "in.csv"
        path.write_text(
            ",".join(header)
            + "\nimp-1,Titel,Utrecht,Leren en werken verweven,a@example.org,2020\n",
            encoding="utf-8",
        )
        run(path)
        created = page("imp-1")
        assert created.province.slug == "utrecht"
        assert [t.slug for t in created.themes.all()] == ["leren-en-werken"]
        assert created.contact_email == "a@example.org"

    @pytest.mark.parametrize(("content", "message"), UNUSABLE_CSV)
    def test_unusable_csv_files_are_refused_in_one_line(self, index, tmp_path, content, message):
        path = tmp_path / "in.csv"
        path.write_bytes(content)
        before = snapshot()
        out, err, error = run_failing(path)
        assert message in error
        assert "\n" not in error
        assert "Traceback" not in err
        assert snapshot() == before

    def test_not_utf8_suggests_saving_as_utf8(self, index, tmp_path):
        path = tmp_path / "in.csv"
        path.write_bytes("sleutel,titel\nimp-1,Café\n".encode("latin-1"))
        _out, _err, error = run_failing(path)
        assert "Sla het bestand op als 'CSV UTF-8'" in error

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("in.xlsx", b"this is no workbook", "is geen geldige .xlsx-werkmap"),
            ("in.xls", b"\xd0\xcf\x11\xe0", "Onbekend bestandstype '.xls'"),
            ("in.txt", b"sleutel,titel\n", "gebruik een .csv- of .xlsx-bestand"),
            ("in", b"sleutel,titel\n", "Onbekend bestandstype '(geen)'"),
        ],
    )
    def test_unusable_files_are_refused_in_one_line(self, index, tmp_path, name, content, message):
        path = tmp_path / name
        path.write_bytes(content)
        _out, _err, error = run_failing(path)
        assert message in error

    def test_empty_xlsx(self, index, tmp_path):
        _out, _err, error = run_failing(write_xlsx(tmp_path / "in.xlsx", []))
        assert "is leeg" in error

    def test_missing_file(self, index, tmp_path):
        _out, _err, error = run_failing(tmp_path / "er-niet.csv")
        assert "Bestand niet gevonden" in error

    def test_header_only_imports_nothing(self, index, tmp_path):
        out, _err = run(write_csv(tmp_path / "in.csv", []))
        assert "Aangemaakt 0, bijgewerkt 0, ongewijzigd 0, afgewezen 0." in out


class TestProgress:
    def test_large_files_show_a_progress_bar_on_stderr(self, index, tmp_path):
        rows = [row(n) for n in range(1, 121)]
        out, err = run(write_csv(tmp_path / "in.csv", rows), "--dry-run")
        assert "Controleren:   0%" in err
        assert "/120 [" in err
        assert (
            "Proefdraai: niets weggeschreven. "
            "Aangemaakt 120, bijgewerkt 0, ongewijzigd 0, afgewezen 0."
        ) in out

    def test_large_import_with_progress_bar(self, index, tmp_path):
        rows = [row(n) for n in range(1, 101)]
        out, err = run(write_csv(tmp_path / "in.csv", rows))
        assert "Importeren" in err
        assert "Aangemaakt 100" in out
        assert InitiativePage.objects.count() == 100

    def test_small_files_show_none(self, index, tmp_path):
        _out, err = run(write_csv(tmp_path / "in.csv", [row(1)]))
        assert err == ""


class TestScale:
    def test_memory_of_a_dry_run_does_not_grow_with_the_file(self, index, tmp_path):
        """Rows are read, checked and let go a chunk at a time (a 50,000-row dry run took
        969 MB when every row was kept): three times the rows, about the same peak."""

        def peak(rows: int) -> int:
            path = write_csv(tmp_path / f"in-{rows}.csv", [row(n) for n in range(rows)])
            tracemalloc.start()
            try:
                report = importing.import_initiatives(path=path, dry_run=True, publish=True)
                assert report.created == rows
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        peak(10)  # caches and lazy imports fill once
        assert peak(3 * CHUNK_ROWS) < 1.4 * peak(CHUNK_ROWS)


class TestService:
    def test_report_lists_rows_and_errors(self, index, tmp_path):
        path = write_csv(tmp_path / "in.csv", [row(1), row(2, provincie="x")])
        report = importing.import_initiatives(path=path)
        assert [(r.row, r.key, r.action) for r in report.rows] == [
            (2, "imp-1", importing.RowAction.CREATED),
            (3, "imp-2", importing.RowAction.REJECTED),
        ]
        assert report.rows[0].page_id == page("imp-1").pk
        assert report.errors == [
            importing.RowError(
                row=3,
                column="provincie",
                value="x",
                message=report.errors[0].message,
            )
        ]
        assert report.rejected_rows == [3]
        assert report.written
