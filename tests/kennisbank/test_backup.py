"""`manage.py backup DIR` and `manage.py restore DIR`: a round trip through a fresh installation
keeps what people made, compared by content; a refused or broken restore changes nothing. Runs
on whichever database DATABASE_URL names (CI: SQLite and PostgreSQL)."""

import contextlib
import io
import json
import os
import pwd
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest
import yaml
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


@contextlib.contextmanager
def as_the_sites_user():
    """The Docker image runs the site as uid 10001, not root; root passes every permission
    check. As root, the block runs with the effective uid and gid of `nobody`, so the kernel
    checks permissions as for the site's user (programs it starts, pg_dump and psql, too); as
    another user, permissions are checked already."""
    if os.geteuid() != 0:
        yield
        return
    nobody = pwd.getpwnam("nobody")
    groups = os.getgroups()
    os.setgroups([])
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
        os.setgroups(groups)


@pytest.fixture
def image_layout(settings):
    """The Docker image's folders: /data belongs to root and nobody else may write it; the
    volumes /data/media (MEDIA_ROOT) and /backups belong to the site's user."""
    base = Path(tempfile.mkdtemp(prefix="kennisbank-image-"))
    base.chmod(0o755)
    owner = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    data, backups_folder = base / "data", base / "backups"
    (data / "media").mkdir(parents=True)
    backups_folder.mkdir()
    for volume in (data / "media", backups_folder):
        os.chown(volume, owner.pw_uid, owner.pw_gid)
    data.chmod(0o555)
    settings.MEDIA_ROOT = data / "media"
    yield base
    data.chmod(0o755)
    shutil.rmtree(base)


@roundtrip
def test_the_sites_user_restores_into_media_whose_parent_it_may_not_write(settings, image_layout):
    """`docker compose exec web python manage.py restore /backups/X` (review of issue 14: the
    media were unpacked beside MEDIA_ROOT, in root's /data: a PermissionError traceback)."""
    make_content()
    left = settings.MEDIA_ROOT / ".restore-interrupted"  # as a killed restore leaves it
    left.mkdir()
    (left / "half.png").write_bytes(b"half")
    before = snapshot()
    with as_the_sites_user():
        call_command("backup", image_layout / "backups" / "nacht", verbosity=0)
    make_fresh(settings)
    left.mkdir()
    with as_the_sites_user():
        call_command("restore", image_layout / "backups" / "nacht", verbosity=0)

    assert snapshot() == before
    assert not [path for path in settings.MEDIA_ROOT.iterdir() if path.name.startswith(".")]
    with tarfile.open(image_layout / "backups" / "nacht" / "media.tar.gz") as archive:
        names = archive.getnames()
    assert "documents/verslag.pdf" in names
    assert not [name for name in names if name.startswith(".restore-")]


@roundtrip
def test_file_errors_are_dutch_messages_not_tracebacks(settings, image_layout):
    make_content()
    with (
        as_the_sites_user(),
        pytest.raises(
            CommandError,
            match=r"De back-up naar .*/data/nacht is mislukt bij .*/data/nacht: "
            r"geen toestemming voor de gebruiker",
        ),
    ):
        call_command("backup", image_layout / "data" / "nacht")

    with as_the_sites_user():
        call_command("backup", image_layout / "backups" / "nacht", verbosity=0)
    make_fresh(settings)
    fresh = snapshot()
    settings.MEDIA_ROOT.chmod(0o555)  # a volume the site's user may not write
    with (
        as_the_sites_user(),
        pytest.raises(
            CommandError,
            match=r"uitpakken van de media in .*/data/media is mislukt bij "
            r".*/data/media/\.restore-\w+: geen toestemming voor de gebruiker .*"
            r"Er is niets veranderd",
        ),
    ):
        call_command("restore", image_layout / "backups" / "nacht")
    assert snapshot() == fresh


def while_packing(monkeypatch, name: str, action) -> None:
    """`action` runs the moment the media file `name` has been packed: what people do on the
    site while a nightly backup runs, at a point a test can rely on."""
    add = tarfile.TarFile.addfile

    def add_then_act(archive, tarinfo, fileobj=None):
        add(archive, tarinfo, fileobj)
        if tarinfo.name == name:
            action()

    monkeypatch.setattr(tarfile.TarFile, "addfile", add_then_act)


@roundtrip
def test_a_file_deleted_during_the_backup_is_left_out(settings, tmp_path, monkeypatch, caplog):
    """Not a traceback in the cron mail (review of issue 14): the file is logged and left out,
    the rest of the media is packed."""
    make_content()
    image = get_image_model().objects.get()
    first, second = (image.get_rendition(spec).file.name for spec in ("fill-80x80", "fill-90x90"))
    assert first < second  # packed in this order, from one listing of the folder
    # The image's renditions are renewed meanwhile.
    while_packing(monkeypatch, first, (settings.MEDIA_ROOT / second).unlink)
    messages = io.StringIO()
    call_command("backup", tmp_path / "backup", stdout=io.StringIO(), stderr=messages)

    assert f"dus niet meegenomen: {second}" in messages.getvalue()
    assert f"{second} was deleted while the media were packed" in caplog.text
    with tarfile.open(tmp_path / "backup" / "media.tar.gz") as archive:
        names = archive.getnames()
    assert {first, "documents/verslag.pdf", image.file.name} <= set(names)
    assert second not in names


@roundtrip
def test_the_manifest_counts_what_the_dump_holds(settings, tmp_path, monkeypatch):
    """Counted in the dump's snapshot (PostgreSQL) or in the copy (SQLite), not afterwards: a
    sign-up while the media are packed is in neither the dump nor the counts."""
    make_content()
    document = get_document_model().objects.get()
    while_packing(monkeypatch, document.file.name, lambda: create_user(email="nieuw@example.org"))
    call_command("backup", tmp_path / "backup", verbosity=0)
    monkeypatch.undo()
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["counts"]["users"] == 1

    call_command("restore", tmp_path / "backup", force=True, verbosity=0)
    assert backups.content_counts() == manifest["counts"]


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's"
)


@postgres_only
@pytest.mark.django_db
def test_the_installed_client_matches_the_server():
    """The real `pg_dump --version` against the real server: the Dockerfile's and CI's client
    (15) is as new as the server (compose: postgres:15), not newer."""
    pg_dump = shutil.which("pg_dump")
    output = subprocess.run(  # noqa: S603
        [pg_dump, "--version"], capture_output=True, text=True, check=True
    ).stdout
    connection.ensure_connection()
    assert backups.major_version(output) == connection.pg_version // 10000
    backups.check_client_version("pg_dump", output, connection.pg_version)

    newer = "pg_dump (PostgreSQL) 17.7 (Debian 17.7-3.pgdg13+1)\n"  # Debian 13's client
    with pytest.raises(backups.BackupError, match="pg_dump 17 is nieuwer dan de PostgreSQL"):
        backups.check_client_version("pg_dump", newer, 150020)
    backups.check_client_version("pg_dump", newer, 170006)


def newer_client(folder: Path, program: str) -> None:
    """`program` on PATH as Debian 13 (python:3.11-slim since August 2025) installs it: the
    version 17 is what it reports; its work is done by the real client of version 15."""
    shim = folder / program
    shim.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --version ]; then\n'
        f"  echo '{program} (PostgreSQL) 17.7 (Debian 17.7-3.pgdg13+1)'; exit 0\n"
        "fi\n"
        f'exec /usr/bin/{program} "$@"\n'
    )
    shim.chmod(0o755)


@postgres_only
@roundtrip
def test_a_newer_client_than_the_server_is_refused(settings, tmp_path, monkeypatch):
    """pg_dump 17 against PostgreSQL 15 makes a backup that only pg_restore 17 reads, whose SQL
    has `SET transaction_timeout = 0;`, which PostgreSQL 15 rejects: a backup that can never be
    restored. Refused before anything is written (review of issue 14)."""
    make_content()
    programs = tmp_path / "bin"
    programs.mkdir()
    newer_client(programs, "pg_dump")
    monkeypatch.setenv("PATH", f"{programs}:{os.environ['PATH']}")
    with pytest.raises(
        CommandError,
        match=r"pg_dump 17 is nieuwer dan de PostgreSQL-server \(15\).*"
        r"postgresql-client-15",
    ):
        call_command("backup", tmp_path / "backup")
    assert not (tmp_path / "backup" / "manifest.json").exists()

    monkeypatch.undo()
    call_command("backup", tmp_path / "backup", verbosity=0)
    make_fresh(settings)
    fresh = snapshot()
    newer_client(programs, "pg_restore")
    monkeypatch.setenv("PATH", f"{programs}:{os.environ['PATH']}")
    with pytest.raises(CommandError, match=r"pg_restore 17 is nieuwer"):
        call_command("restore", tmp_path / "backup")
    assert snapshot() == fresh


def test_the_images_client_is_the_compose_servers_major_version():
    """No Docker engine here: the Dockerfile itself. Unpinned, `python:3.11-slim` became Debian
    13 with postgresql-client 17, whose backups the compose `db` (PostgreSQL 15) cannot
    restore; the build now checks the client's version."""
    root = Path(__file__).resolve().parents[2]
    dockerfile = (root / "Dockerfile").read_text()
    compose = yaml.safe_load((root / "docker-compose.yml").read_text())
    server = compose["services"]["db"]["image"].removeprefix("postgres:").split(".")[0]
    assert "\nFROM python:3.11-slim-bookworm\n" in dockerfile  # Debian 12: postgresql-client 15
    assert f'pg_dump --version | grep -q "(PostgreSQL) {server}\\."' in dockerfile
