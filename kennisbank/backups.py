"""Backups of a whole installation: the database with the database's own tools (`pg_dump` and
`pg_restore` for PostgreSQL, SQLite's online backup API) and the media as a tar file, with a
manifest that a restore checks before it touches anything.

A backup directory holds `database.dump` (PostgreSQL, custom format) or `database.sqlite3`,
`media.tar.gz` and `manifest.json`. The manifest is written last: a directory without it is not
a backup."""

from __future__ import annotations

import contextlib
import datetime
import errno
import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
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
# Where a restore unpacks the media: inside MEDIA_ROOT, which the site's user can certainly
# write (its parent, /data in the Docker image, belongs to root), so that the final moves stay
# on one file system. Left out of backups and kept while the media are replaced.
STAGING_PREFIX = ".restore-"

logger = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class Written:
    """What `backup` wrote, and the media files that were deleted while it packed them."""

    manifest: Manifest
    left_out: list[str]


def _counted_models() -> dict[str, type[Model]]:
    return {
        "initiatives": InitiativePage,
        "pages": Page,
        "revisions": Revision,
        "users": get_user_model(),
        "images": get_image_model(),
        "documents": get_document_model(),
        "synonyms": SynonymGroup,
    }


def content_counts() -> dict[str, int]:
    """What a person would miss: also what tells a fresh installation from one in use."""
    return {key: model.objects.count() for key, model in _counted_models().items()}


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


def _reason(error: OSError) -> str:
    """Why a file operation failed, in words a host acts on."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return _("no permission for the user this runs as (uid %(uid)s)") % {"uid": os.geteuid()}
    reasons = {
        errno.ENOENT: _("it does not exist"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EROFS: _("the file system is read-only"),
        errno.ENOTDIR: _("part of the path is not a directory"),
    }
    return reasons.get(error.errno) or error.strerror or str(error)


@contextlib.contextmanager
def _file_errors(message: str, *, path: Path, **values: object):
    """An OSError (a directory the site's user may not write, a full disk) becomes a
    BackupError: `message` with the file concerned and the reason, never a traceback."""
    try:
        yield
    except OSError as error:
        file = error.filename or path
        raise BackupError(message % {**values, "file": file, "reason": _reason(error)}) from error


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


def _run(command: list[str], env: dict[str, str]) -> str:
    try:
        result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
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
    return result.stdout


def major_version(version_output: str) -> int | None:
    """The major version in what `pg_dump --version` prints: "pg_dump (PostgreSQL) 15.20
    (Debian 15.20-0+deb12u1)" is 15."""
    found = re.search(r"\(PostgreSQL\)\s+(\d+)", version_output)
    return int(found.group(1)) if found else None


def check_client_version(program: str, version_output: str, server_version: int) -> None:
    """Refuse a client program newer than the server (`server_version` as PostgreSQL's
    server_version_num, 150020 for 15.2). pg_dump 17 writes an archive that only pg_restore 17
    or newer reads, and pg_restore 17 puts `SET transaction_timeout = 0;` into its SQL, which
    PostgreSQL 15 and 16 reject: such a backup could never be restored into the server it came
    from. Refusing before anything is written is safer than editing the SQL of a dump: the next
    major version may add another such setting, and the archive format itself has moved on."""
    client = major_version(version_output)
    server = server_version // 10000
    if client is not None and client > server:
        raise BackupError(
            _(
                "%(program)s %(client)s is newer than the PostgreSQL server (%(server)s): its "
                "SQL uses settings that PostgreSQL %(server)s does not know (such as "
                "transaction_timeout). Install the client programs of PostgreSQL %(server)s "
                "(postgresql-client-%(server)s) and make sure they come first on PATH."
            )
            % {"program": program, "client": client, "server": server}
        )


def _check_client(program: str, args: list[str], env: dict[str, str]) -> None:
    # With the connection's arguments: Debian's pg_wrapper picks the version by them.
    output = _run([program, "--version", *args], env)
    connection.ensure_connection()
    check_client_version(program, output, connection.pg_version)


def _applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def backup(directory: Path, *, overwrite: bool = False) -> Written:
    """Write the database, the media and a manifest into `directory`. A backup holds password
    hashes and private contact details, so only the owner may read what it writes."""
    directory = Path(directory)
    previous_umask = os.umask(0o077)
    try:
        with _file_errors(
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
        counts, migrations = _dump_postgres(database)
    else:
        counts, migrations = _dump_sqlite(database)

    left_out = _pack_media(directory / MEDIA)

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


def _dump_postgres(database: Path) -> tuple[dict[str, int], list[list[str]]]:
    """pg_dump in the snapshot that the manifest's counts and migrations are read in, so that
    they describe exactly what the dump holds, however busy the site is meanwhile."""
    args, env = _postgres_args()
    _check_client("pg_dump", args, env)
    with transaction.atomic(durable=True):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        counts, migrations = content_counts(), _applied_migrations()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
            + ["--snapshot", snapshot, "--file", str(database), *args],
            env,
        )
    return counts, migrations


def _dump_sqlite(database: Path) -> tuple[dict[str, int], list[list[str]]]:
    """SQLite's online backup, then the counts and migrations read from the copy itself."""
    connection.ensure_connection()
    try:
        target = sqlite3.connect(database)
        try:
            connection.connection.backup(target)
            counts = {
                key: target.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)}"  # noqa: S608
                ).fetchone()[0]
                for key, model in _counted_models().items()
            }
            migrations = sorted(
                [app, name]
                for app, name in target.execute("SELECT app, name FROM django_migrations")
            )
        finally:
            target.close()
    except sqlite3.Error as error:
        raise BackupError(
            _("The backup to %(directory)s failed at %(file)s: %(reason)s.")
            % {"directory": database.parent, "file": database, "reason": error}
        ) from error
    return counts, migrations


def _pack_media(archive_path: Path) -> list[str]:
    """Pack MEDIA_ROOT, walking it ourselves: a file deleted meanwhile (an image removed by an
    editor, its renditions with it) is left out and logged, not a failed nightly backup. The
    database was dumped first, so such a file belongs to a row that is in the dump; a restore
    then lacks only that file, as the site itself would after the deletion."""
    media_root = Path(settings.MEDIA_ROOT)
    left_out: list[str] = []

    def add(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except FileNotFoundError:
            left_out.append(prefix.rstrip("/"))
            return
        for entry in entries:
            if not prefix and entry.name.startswith(STAGING_PREFIX):
                continue
            name = prefix + entry.name
            try:
                if entry.is_file(follow_symlinks=False):
                    with open(entry.path, "rb") as handle:
                        archive.addfile(archive.gettarinfo(arcname=name, fileobj=handle), handle)
                    continue
                info = archive.gettarinfo(entry.path, arcname=name)
            except FileNotFoundError:
                left_out.append(name)
                continue
            if info is None:  # a socket or a pipe is no medium
                continue
            archive.addfile(info)
            if info.isdir():
                add(Path(entry.path), name + "/")

    with tarfile.open(archive_path, "w:gz") as archive:
        if media_root.is_dir():
            add(media_root, "")
    for name in left_out:
        logger.warning("Backup: %s was deleted while the media were packed; left out", name)
    return left_out


def read_manifest(directory: Path) -> Manifest:
    """The manifest of a backup, checked against this installation and the files beside it."""
    directory = Path(directory)
    with _file_errors(
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


def _unpack_media(directory: Path, into: Path) -> None:
    try:
        with tarfile.open(directory / MEDIA, "r:gz") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise BackupError(
            _("The media in the backup cannot be read: %(error)s") % {"error": error}
        ) from error


def _replace_media(media_root: Path, unpacked: Path) -> None:
    """Everything in MEDIA_ROOT but the unpacked backup goes (also what an interrupted restore
    left behind); then the backup's media move in, each a rename on the same file system."""
    for child in media_root.iterdir():
        if child == unpacked:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in unpacked.iterdir():
        child.rename(media_root / child.name)


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
        args, env = _postgres_args()
        _check_client("pg_restore", args, env)
    unpacked = None
    try:
        with _file_errors(
            _(
                "Unpacking the media into %(media)s failed at %(file)s: %(reason)s. Nothing "
                "has been changed."
            ),
            path=media_root,
            media=media_root,
        ):
            media_root.mkdir(parents=True, exist_ok=True)
            unpacked = Path(tempfile.mkdtemp(dir=media_root, prefix=STAGING_PREFIX))
            _unpack_media(directory, unpacked)
        with _file_errors(
            _("Restoring the database failed at %(file)s: %(reason)s."), path=database
        ):
            if manifest.vendor == "postgresql":
                _restore_postgres(database)
            else:
                _restore_sqlite(database)
        with _file_errors(
            _(
                "The database has been restored, but replacing the media in %(media)s failed "
                "at %(file)s: %(reason)s. Solve that and restore again with --force."
            ),
            path=media_root,
            media=media_root,
        ):
            _replace_media(media_root, unpacked)
    finally:
        if unpacked is not None:
            shutil.rmtree(unpacked, ignore_errors=True)

    with _file_errors(_("The restore failed at %(file)s: %(reason)s."), path=directory):
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
    try:
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(
            _("The database in the backup cannot be opened: %(error)s") % {"error": error}
        ) from error
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
        try:
            # One step, in one transaction of the target: a failure changes nothing.
            source.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(
                _("The database could not be restored: %(error)s") % {"error": error}
            ) from error
    finally:
        source.close()
