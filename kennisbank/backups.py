"""Backups of a whole installation: the database with the database's own tools (`pg_dump` and
`pg_restore` for PostgreSQL, SQLite's online backup API) and the media as a tar file, with a
manifest that a restore checks before it touches anything.

A backup directory holds `database.dump` (PostgreSQL, custom format) or `database.sqlite3`,
`media.tar.gz` and `manifest.json`. The manifest is written last: a directory without it is not
a backup."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from initiatieven.models import (
    CollectionIndexPage,
    HomePage,
    InitiativeIndexPage,
    InitiativePage,
)
from search import maintenance
from search.models import SynonymGroup

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot (or may not) run; the message says why, in Dutch."""


@dataclass(frozen=True)
class Manifest:
    format: int
    vendor: str
    created: str
    migrations: list[list[str]]
    counts: dict[str, int]
    checksums: dict[str, str]

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def content_counts() -> dict[str, int]:
    """What a person would miss: also what tells a fresh installation from one in use."""
    return {
        "initiatives": InitiativePage.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "synonyms": SynonymGroup.objects.count(),
    }


def has_content() -> bool:
    """True once anyone has worked in the installation. A fresh one has the pages that the
    migrations make and the site tree (made at every start by `manage.py prepare`), whose
    revisions nobody wrote, and the vocabularies; but no users, initiatives, files, or revisions
    of other pages or by a person."""
    counts = content_counts()
    site_tree = ContentType.objects.get_for_models(
        HomePage, InitiativeIndexPage, CollectionIndexPage
    ).values()
    work = Revision.objects.exclude(user=None, content_type__in=site_tree)
    return work.exists() or any(
        counts[key] for key in ("initiatives", "users", "images", "documents")
    )


def _vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Backups work with PostgreSQL and SQLite only, not with %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres_args() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore (the password in PGPASSWORD,
    never on the command line where `ps` shows it)."""
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return [*args, "--dbname", str(db["NAME"])], env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(
            _("The program %(program)s is missing; install the PostgreSQL client programs.")
            % {"program": command[0]}
        ) from error
    except subprocess.CalledProcessError as error:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": command[0], "error": error.stderr.strip()}
        ) from error


def _applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def backup(directory: Path, *, overwrite: bool = False) -> Manifest:
    """Write the database, the media and a manifest into `directory`. A backup holds password
    hashes and private contact details, so only the owner may read what it writes."""
    previous_umask = os.umask(0o077)
    try:
        return _backup(Path(directory), overwrite=overwrite)
    finally:
        os.umask(previous_umask)


def _backup(directory: Path, *, overwrite: bool) -> Manifest:
    vendor = _vendor()
    if (directory / MANIFEST).exists() and not overwrite:
        raise BackupError(
            _("%(directory)s already holds a backup; choose another directory or use --overwrite.")
            % {"directory": directory}
        )
    if directory.exists() and not directory.is_dir():
        raise BackupError(_("%(directory)s is not a directory.") % {"directory": directory})
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    (directory / MANIFEST).unlink(missing_ok=True)

    database = directory / DATABASE_FILES[vendor]
    if vendor == "postgresql":
        args, env = _postgres_args()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", database]
            + args,
            env,
        )
    else:
        connection.ensure_connection()
        target = sqlite3.connect(database)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(directory / MEDIA, "w:gz") as archive:
        if media_root.is_dir():
            for child in sorted(media_root.iterdir()):
                archive.add(child, arcname=child.name)

    manifest = Manifest(
        format=FORMAT_VERSION,
        vendor=vendor,
        created=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        migrations=_applied_migrations(),
        counts=content_counts(),
        checksums={name: _checksum(directory / name) for name in (database.name, MEDIA)},
    )
    (directory / MANIFEST).write_text(json.dumps(manifest.as_dict(), indent=2) + "\n")
    return manifest


def read_manifest(directory: Path) -> Manifest:
    """The manifest of a backup, checked against this installation and the files beside it."""
    directory = Path(directory)
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(
            _("No backup found in %(directory)s: manifest.json is missing.")
            % {"directory": directory}
        )
    try:
        manifest = Manifest(**json.loads(path.read_text()))
    except (ValueError, TypeError) as error:
        raise BackupError(
            _("The backup in %(directory)s is damaged: manifest.json cannot be read.")
            % {"directory": directory}
        ) from error
    if manifest.format != FORMAT_VERSION:
        raise BackupError(
            _("This backup has format version %(found)s; this version knows only %(known)s.")
            % {"found": manifest.format, "known": FORMAT_VERSION}
        )
    vendor = _vendor()
    if manifest.vendor != vendor:
        raise BackupError(
            _(
                "This backup comes from a %(backup)s database and cannot be restored into "
                "%(current)s."
            )
            % {"backup": manifest.vendor, "current": vendor}
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest.migrations if (app, name) not in known]
    if unknown:
        raise BackupError(
            _(
                "This backup comes from a newer version of the Kennisbank (unknown migrations: "
                "%(migrations)s); update the code first."
            )
            % {"migrations": ", ".join(unknown[:5])}
        )
    for name, expected in manifest.checksums.items():
        file = directory / name
        if not file.is_file() or _checksum(file) != expected:
            raise BackupError(
                _("The backup in %(directory)s is damaged: %(file)s is missing or was changed.")
                % {"directory": directory, "file": name}
            )
    return manifest


def _unpack_media(directory: Path, into: Path) -> None:
    try:
        with tarfile.open(directory / MEDIA, "r:gz") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("The media in the backup cannot be read: %(error)s") % {"error": error}
        ) from error


def _replace_media(unpacked: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in unpacked.iterdir():
        shutil.move(child, media_root / child.name)


def restore(directory: Path, *, force: bool = False) -> Manifest:
    """Bring this installation back to the backup in `directory`: database, media, and a
    rebuilt search index. Everything is checked first; a bad backup leaves the data as it was."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    if has_content() and not force:
        raise BackupError(
            _(
                "This installation already has content, which a restore would overwrite. Use "
                "--force if that is what you want."
            )
        )
    database = directory / DATABASE_FILES[manifest.vendor]
    media_parent = Path(settings.MEDIA_ROOT).parent
    media_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_parent, prefix=".restore-") as unpacked:
        _unpack_media(directory, Path(unpacked))
        if manifest.vendor == "postgresql":
            _restore_postgres(database)
        else:
            _restore_sqlite(database)
        _replace_media(Path(unpacked))

    # A backup from an older version is brought up to this one's migrations.
    call_command("migrate", interactive=False, verbosity=0)
    for alias in settings.CACHES:
        caches[alias].clear()
    maintenance.rebuild()
    return manifest


# Every table of the schema goes, also those of migrations newer than the backup (which the
# restored django_migrations no longer lists, so that `migrate` makes them again).
DROP_TABLES = """
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
  END LOOP;
END $$;
"""


def _restore_postgres(database: Path) -> None:
    """Replace the database's tables with the dump's in one transaction: if any statement
    fails, psql stops and nothing has changed."""
    args, env = _postgres_args()
    # The script holds every row, passwords' hashes too: a private temporary file (mode 0600),
    # never beside the media.
    handle, name = tempfile.mkstemp(suffix=".sql", prefix="kennisbank-restore-")
    os.close(handle)
    script = Path(name)
    try:
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--file", str(script), database],
            env,
        )
        connections.close_all()
        _run(
            ["psql", "--no-psqlrc", "--quiet", "--single-transaction"]
            + ["--set", "ON_ERROR_STOP=1", "--command", DROP_TABLES, "--file", str(script)]
            + args,
            env,
        )
    finally:
        script.unlink(missing_ok=True)


def _restore_sqlite(database: Path) -> None:
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        try:
            (result,) = source.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as error:
            result = str(error)
        if result != "ok":
            raise BackupError(
                _("The database in the backup is damaged: %(error)s") % {"error": result}
            )
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()
