"""PostgreSQL's own tools: pg_dump in the snapshot the manifest is counted in, pg_restore and
psql in one transaction, and a client that is not newer than the server."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from django.db import connection, connections, transaction
from django.utils.translation import gettext as _

from .contents import applied_migrations, content_counts
from .errors import BackupError


def connection_args() -> tuple[list[str], dict[str, str]]:
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


def run(command: list[str], env: dict[str, str]) -> str:
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


def check_client(program: str, args: list[str], env: dict[str, str]) -> None:
    # With the connection's arguments: Debian's pg_wrapper picks the version by them.
    output = run([program, "--version", *args], env)
    connection.ensure_connection()
    check_client_version(program, output, connection.pg_version)


def dump(database: Path) -> tuple[dict[str, int], list[list[str]]]:
    """pg_dump in the snapshot that the manifest's counts and migrations are read in, so that
    they describe exactly what the dump holds, however busy the site is meanwhile."""
    args, env = connection_args()
    check_client("pg_dump", args, env)
    with transaction.atomic(durable=True):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        counts, migrations = content_counts(), applied_migrations()
        run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
            + ["--snapshot", snapshot, "--file", str(database), *args],
            env,
        )
    return counts, migrations


# Every table of the schema goes, also those of migrations newer than the backup (which the
# restored django_migrations no longer lists, so that `migrate` makes them again).
DROP_TABLES = """
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
  END LOOP;
END $$;
"""


def restore(database: Path) -> None:
    """Replace the database's tables with the dump's in one transaction: if any statement
    fails, psql stops and nothing has changed."""
    args, env = connection_args()
    # The script holds every row, passwords' hashes too: a private temporary file (mode 0600),
    # never beside the media.
    handle, name = tempfile.mkstemp(suffix=".sql", prefix="kennisbank-restore-")
    os.close(handle)
    script = Path(name)
    try:
        run(
            ["pg_restore", "--no-owner", "--no-privileges", "--file", str(script), database],
            env,
        )
        connections.close_all()
        run(
            ["psql", "--no-psqlrc", "--quiet", "--single-transaction"]
            + ["--set", "ON_ERROR_STOP=1", "--command", DROP_TABLES, "--file", str(script)]
            + args,
            env,
        )
    finally:
        script.unlink(missing_ok=True)
