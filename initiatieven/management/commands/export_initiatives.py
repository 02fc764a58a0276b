from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from initiatieven.services.exporting import export_initiatives
from initiatieven.services.spreadsheet import SpreadsheetError


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Evaluated when asked for: argparse cannot format a lazy translation.
        return _(
            "Export all initiatives, as their latest revision, to a CSV or XLSX file (by "
            "extension) with the columns import_initiatives reads."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=gettext_lazy("The .csv or .xlsx file."))
        parser.add_argument(
            "--published-only",
            action="store_true",
            help=gettext_lazy("Only live initiatives, with their published content."),
        )
        parser.add_argument(
            "--include-private-contacts",
            action="store_true",
            help=gettext_lazy(
                "Also write contact persons and e-mail addresses that are not marked public "
                "(default: left out). Only for a file that stays with the site's editors."
            ),
        )

    def handle(
        self, *args, file: Path, published_only: bool, include_private_contacts: bool, **options
    ):
        try:
            result = export_initiatives(
                path=file,
                published_only=published_only,
                private_contacts=include_private_contacts,
            )
        except SpreadsheetError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Exported %(count)s initiative to %(path)s.",
                    "Exported %(count)s initiatives to %(path)s.",
                    result.count,
                )
                % {"count": result.count, "path": result.path}
            )
        )
