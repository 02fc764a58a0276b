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
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from search import maintenance

from . import media, postgres, sqlite
from .contents import content_counts, has_content
from .errors import BackupError, file_errors
from .postgres import check_client_version, major_version

__all__ = [
    "BackupError",
    "Manifest",
    "Written",
    "backup",
    "check_client_version",
    "content_counts",
    "has_content",
    "major_version",
    "read_manifest",
    "restore",
]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


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


@dataclass(frozen=True)
class Written:
    """What `backup` wrote, and the media files that were deleted while it packed them."""

    manifest: Manifest
    left_out: list[str]


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


def backup(directory: Path, *, overwrite: bool = False) -> Written:
    """Write the database, the media and a manifest into `directory`. A backup holds password
    hashes and private contact details, so only the owner may read what it writes."""
    directory = Path(directory)
    previous_umask = os.umask(0o077)
    try:
        with file_errors(
            _("The backup to %(directory)s failed at %(file)s: %(reason)s."),
            path=directory,
            directory=directory,
        ):
            return _backup(directory, overwrite=overwrite)
    finally:
        os.umask(previous_umask)


def _backup(directory: Path, *, overwrite: bool) -> Written:
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
        counts, migrations = postgres.dump(database)
    else:
        counts, migrations = sqlite.dump(database)

    left_out = media.pack(directory / MEDIA)

    manifest = Manifest(
        format=FORMAT_VERSION,
        vendor=vendor,
        created=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        migrations=migrations,
        counts=counts,
        checksums={name: _checksum(directory / name) for name in (database.name, MEDIA)},
    )
    (directory / MANIFEST).write_text(json.dumps(manifest.as_dict(), indent=2) + "\n")
    return Written(manifest=manifest, left_out=left_out)


def read_manifest(directory: Path) -> Manifest:
    """The manifest of a backup, checked against this installation and the files beside it."""
    directory = Path(directory)
    with file_errors(
        _("Reading the backup in %(directory)s failed at %(file)s: %(reason)s."),
        path=directory,
        directory=directory,
    ):
        return _read_manifest(directory)


def _read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    try:
        text = path.read_text()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as error:
        raise BackupError(
            _("No backup found in %(directory)s: manifest.json is missing.")
            % {"directory": directory}
        ) from error
    try:
        manifest = Manifest(**json.loads(text))
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
    media_root = Path(settings.MEDIA_ROOT)
    if manifest.vendor == "postgresql":
        args, env = postgres.connection_args()
        postgres.check_client("pg_restore", args, env)
    unpacked = None
    try:
        with file_errors(
            _(
                "Unpacking the media into %(media)s failed at %(file)s: %(reason)s. Nothing "
                "has been changed."
            ),
            path=media_root,
            media=media_root,
        ):
            media_root.mkdir(parents=True, exist_ok=True)
            unpacked = Path(tempfile.mkdtemp(dir=media_root, prefix=media.STAGING_PREFIX))
            media.unpack(directory / MEDIA, unpacked)
        with file_errors(
            _("Restoring the database failed at %(file)s: %(reason)s."), path=database
        ):
            if manifest.vendor == "postgresql":
                postgres.restore(database)
            else:
                sqlite.restore(database)
        with file_errors(
            _(
                "The database has been restored, but replacing the media in %(media)s failed "
                "at %(file)s: %(reason)s. Solve that and restore again with --force."
            ),
            path=media_root,
            media=media_root,
        ):
            media.replace(media_root, unpacked)
    finally:
        if unpacked is not None:
            shutil.rmtree(unpacked, ignore_errors=True)

    with file_errors(_("The restore failed at %(file)s: %(reason)s."), path=directory):
        # A backup from an older version is brought up to this one's migrations.
        call_command("migrate", interactive=False, verbosity=0)
        for alias in settings.CACHES:
            caches[alias].clear()
        maintenance.rebuild()
    return manifest
