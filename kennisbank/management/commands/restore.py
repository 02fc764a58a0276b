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
            "Bring a migrated installation back to the backup in DIR (database and media), "
            "then rebuild the search index."
        )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("Restore even though this installation already has content."),
        )

    def handle(self, *args, directory: Path, force: bool = False, **options):
        started = time.monotonic()
        try:
            manifest = backups.restore(directory, force=force)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup of %(created)s: %(initiatives)d initiatives, %(users)d "
                    "users, %(images)d images, %(documents)d documents; search index rebuilt, "
                    "in %(seconds).1f s."
                )
                % {
                    "created": manifest.created,
                    **manifest.counts,
                    "seconds": time.monotonic() - started,
                }
            )
        )
