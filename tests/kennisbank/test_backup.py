"""`manage.py backup DIR` and `manage.py restore DIR`: a round trip through a fresh installation
keeps what people made, compared by content; a refused or broken restore changes nothing. Runs
on whichever database DATABASE_URL names (CI: SQLite and PostgreSQL)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Revision

from initiatieven.models import HomePage, InitiativePage, Theme
from initiatieven.services.site_tree import ensure_site_tree
from kennisbank import backups
from search import maintenance
from search.models import SynonymGroup
from tests.factories import create_initiative, create_user
from tests.search.conftest import engine, real_elasticsearch  # noqa: F401 (fixtures)

# Real transactions: pg_dump and pg_restore run in processes of their own and see only committed
# rows; serialized_rollback gives back the migrations' rows (the fresh installation).
roundtrip = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def make_content():
    index = ensure_site_tree()
    theme = Theme.objects.create(label="Back-upthema", slug="back-upthema")
    live = create_initiative(index, title="Wijkleerbedrijf Noord", themes=["back-upthema"])
    live.summary = "Een tweede versie, nog niet gepubliceerd."
    live.save_revision()
    create_initiative(index, title="Concept leerwerkplaats", publish=False)
    create_user(email="bijdrager@example.org")
    SynonymGroup.objects.create(terms="dementie, alzheimer")
    get_image_model().objects.create(title="Koken", file=get_test_image_file())
    get_document_model().objects.create(
        title="Verslag", file=ContentFile(b"%PDF-1.4\n% verslag\n", name="verslag.pdf")
    )
    return theme


def snapshot() -> dict:
    """Everything the round trip must keep, as plain values (files by their bytes)."""

    def read(field) -> bytes:
        with field.open("rb") as handle:
            return handle.read()

    return {
        "pages": sorted(
            Page.objects.values_list(
                "id", "path", "title", "slug", "live", "has_unpublished_changes", "url_path"
            )
        ),
        "initiatives": sorted(
            InitiativePage.objects.values_list("id", "summary", "place", "province__slug")
        ),
        "themes": sorted(
            InitiativePage.themes.through.objects.values_list("initiativepage_id", "theme_id")
        ),
        "vocabulary": sorted(Theme.objects.values_list("id", "slug", "label", "description")),
        "revisions": sorted(
            (r.id, r.object_id, json.dumps(r.content, sort_keys=True))
            for r in Revision.objects.all()
        ),
        "users": sorted(
            get_user_model().objects.values_list("id", "username", "email", "password")
        ),
        "synonyms": sorted(SynonymGroup.objects.values_list("terms", flat=True)),
        "images": sorted(
            (image.title, image.file.name, read(image.file))
            for image in get_image_model().objects.all()
        ),
        "documents": sorted(
            (document.title, document.file.name, read(document.file))
            for document in get_document_model().objects.all()
        ),
    }


def make_fresh(settings):
    """A freshly migrated installation: only the migrations' rows, no media, an empty index."""
    # As TransactionTestCase flushes: sequences go on counting, as the rows reloaded after the
    # last test keep their ids (tests/conftest.py).
    call_command(
        "flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False
    )
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    media = settings.MEDIA_ROOT
    for path in sorted(media.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    maintenance.rebuild()


@roundtrip
@pytest.mark.usefixtures("engine")
def test_a_backup_restores_into_a_fresh_installation(client, settings, tmp_path):
    make_content()
    before = snapshot()
    call_command("backup", tmp_path / "backup", verbosity=0)
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["vendor"] == connection.vendor
    assert manifest["counts"]["initiatives"] == 2

    make_fresh(settings)
    assert not backups.has_content()
    assert client.get("/api/zoeken/", {"q": "wijkleerbedrijf"}).json()["total"] == 0

    with connection.cursor() as cursor:  # as a newer version's migration would leave it
        cursor.execute("CREATE TABLE backup_newer (id integer)")
    call_command("restore", tmp_path / "backup", verbosity=0)

    assert snapshot() == before
    assert "backup_newer" not in connection.introspection.table_names()
    # The search index agrees with the restored pages without another command.
    data = client.get("/api/zoeken/", {"q": "wijkleerbedrijf"}).json()
    assert [result["title"] for result in data["results"]] == ["Wijkleerbedrijf Noord"]


@pytest.mark.django_db
def test_the_site_tree_of_a_new_installation_is_no_content():
    """`manage.py prepare` (bin/serve-production, Compose) makes the site tree at every start, so
    a fresh installation has it before anyone restores into it."""
    ensure_site_tree()
    assert HomePage.objects.get().live
    assert not backups.has_content()


@roundtrip
def test_restore_refuses_an_installation_with_content_unless_forced(settings, tmp_path):
    make_content()
    call_command("backup", tmp_path / "backup", verbosity=0)
    SynonymGroup.objects.create(terms="zorgrobot, robotzorg")
    Page.objects.get(title="Concept leerwerkplaats").delete()
    changed = snapshot()

    with pytest.raises(CommandError, match="bevat al gegevens.*--force"):
        call_command("restore", tmp_path / "backup")
    assert snapshot() == changed

    call_command("restore", tmp_path / "backup", force=True, verbosity=0)
    assert SynonymGroup.objects.filter(terms__startswith="zorgrobot").count() == 0
    assert Page.objects.filter(title="Concept leerwerkplaats").exists()


@roundtrip
def test_backup_does_not_overwrite_a_backup_unless_asked(tmp_path):
    ensure_site_tree()
    call_command("backup", tmp_path / "backup", verbosity=0)
    first = (tmp_path / "backup" / "manifest.json").read_text()
    with pytest.raises(CommandError, match="staat al een back-up.*--overwrite"):
        call_command("backup", tmp_path / "backup")
    assert (tmp_path / "backup" / "manifest.json").read_text() == first
    call_command("backup", tmp_path / "backup", overwrite=True, verbosity=0)


@roundtrip
def test_only_the_owner_may_read_a_backup(tmp_path):
    """A backup holds password hashes and private contact details."""
    ensure_site_tree()
    call_command("backup", tmp_path / "backup", verbosity=0)
    backup = tmp_path / "backup"
    assert backup.stat().st_mode & 0o777 == 0o700
    for path in backup.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path.name


@roundtrip
def test_a_broken_backup_is_refused_and_changes_nothing(settings, tmp_path):
    make_content()
    call_command("backup", tmp_path / "backup", verbosity=0)
    make_fresh(settings)
    fresh = snapshot()
    backup = tmp_path / "backup"
    database = backup / backups.DATABASE_FILES[connection.vendor]

    with pytest.raises(CommandError, match="Geen back-up gevonden"):
        call_command("restore", tmp_path / "missing")

    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="beschadigd: database"):
        call_command("restore", backup)

    # Cut short with a matching checksum: the database's own tools notice, before any change.
    manifest = json.loads((backup / "manifest.json").read_text())
    database.write_bytes(bytes(data[: len(data) // 2]))
    checksums = {**manifest["checksums"], database.name: backups._checksum(database)}
    (backup / "manifest.json").write_text(json.dumps({**manifest, "checksums": checksums}))
    with pytest.raises(CommandError, match="pg_restore is mislukt|database in de back-up is"):
        call_command("restore", backup)
    assert snapshot() == fresh

    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    (backup / "manifest.json").write_text(json.dumps({**manifest, "vendor": other}))
    with pytest.raises(CommandError, match=f"uit een {other}-database"):
        call_command("restore", backup)

    (backup / "manifest.json").write_text(
        json.dumps({**manifest, "migrations": [*manifest["migrations"], ["search", "9999_later"]]})
    )
    with pytest.raises(CommandError, match="nieuwere versie.*search.9999_later"):
        call_command("restore", backup)
    assert snapshot() == fresh
