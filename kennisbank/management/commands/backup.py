import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kennisbank import backups


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Evaluated when asked for: argparse cannot format a lazy translation.
        return _(
            "Write the database and the media into DIR (pg_dump or SQLite's backup API, and a "
            "tar of MEDIA_ROOT), with a manifest that `restore` checks."
        )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=gettext_lazy("Replace a backup that is already in DIR."),
        )

    def handle(self, *args, directory: Path, overwrite: bool = False, **options):
        started = time.monotonic()
        try:
            written = backups.backup(directory, overwrite=overwrite)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        if written.left_out:
            self.stderr.write(
                self.style.WARNING(
                    _("Deleted while the backup was made, so left out: %(files)s.")
                    % {"files": ", ".join(written.left_out)}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(directory)s: %(initiatives)d initiatives, %(users)d "
                    "users, %(images)d images, %(documents)d documents, in %(seconds).1f s."
                )
                % {
                    "directory": directory,
                    **written.manifest.counts,
                    "seconds": time.monotonic() - started,
                }
            )
        )
