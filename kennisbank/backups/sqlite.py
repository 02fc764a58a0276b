"""SQLite's online backup API, both ways."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection
from django.utils.translation import gettext as _

from .contents import counted_models
from .errors import BackupError


def dump(database: Path) -> tuple[dict[str, int], list[list[str]]]:
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
                for key, model in counted_models().items()
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


def restore(database: Path) -> None:
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
