from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from tqdm import tqdm

from initiatieven.services.importing import ImportReport, import_initiatives
from initiatieven.services.spreadsheet import COLUMNS, SpreadsheetError

# Smaller files are done before a progress bar would tell anything.
PROGRESS_MIN_ROWS = 100


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # Evaluated when asked for: argparse cannot format a lazy translation.
        return _(
            "Import initiatives from a UTF-8 CSV or an XLSX file with a header row. Rows are "
            "matched to pages by 'sleutel': known keys update their page, new keys create one. "
            "Columns: %(columns)s."
        ) % {"columns": ", ".join(COLUMNS)}

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=gettext_lazy("The .csv or .xlsx file."))
        parser.add_argument(
            "--publish",
            action="store_true",
            help=gettext_lazy("Publish new and changed initiatives (default: save as drafts)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Check the file and report what would happen; write nothing."),
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help=gettext_lazy("Write nothing at all when any row is rejected."),
        )

    def handle(self, *args, file: Path, publish: bool, dry_run: bool, strict: bool, **options):
        try:
            report = import_initiatives(
                path=file,
                publish=publish,
                dry_run=dry_run,
                strict=strict,
                progress=self._progress,
            )
        except SpreadsheetError as error:
            raise CommandError(str(error)) from error

        self._print(report)
        if report.errors:
            raise CommandError(
                ngettext(
                    "%(count)s row rejected: %(rows)s.",
                    "%(count)s rows rejected: %(rows)s.",
                    len(report.rejected_rows),
                )
                % {"count": len(report.rejected_rows), "rows": _row_list(report.rejected_rows)}
            )

    def _progress(self, items: Iterable[Any], total: int, description: str) -> Iterable[Any]:
        return tqdm(
            items,
            desc=description,
            total=total,
            unit=_("rows"),
            file=_ProgressOutput(self.stderr),
            disable=total < PROGRESS_MIN_ROWS,
            leave=False,
        )

    def _print(self, report: ImportReport) -> None:
        for error in report.errors:
            self.stderr.write(str(error), style_func=self.style.ERROR)
        if report.new_organisations:
            message = (
                _("New organisations: %(names)s.")
                if report.written
                else _("Organisations that would be created: %(names)s.")
            )
            self.stdout.write(message % {"names": "; ".join(report.new_organisations)})
        summary = _(
            "Created %(created)s, updated %(updated)s, unchanged %(unchanged)s, "
            "rejected %(rejected)s."
        ) % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
        }
        if report.dry_run:
            summary = _("Dry run: nothing written.") + " " + summary
        elif not report.written:
            summary = _("Strict: rows were rejected, so nothing was written.") + " " + summary
        elif report.created or report.updated:
            summary += " " + (
                _("New and changed initiatives are published.")
                if report.publish
                else _("New and changed initiatives are saved as drafts.")
            )
        style = self.style.SUCCESS if not report.errors else self.style.WARNING
        self.stdout.write(summary, style_func=style)


class _ProgressOutput:
    """Lets tqdm redraw its line on the command's stderr (OutputWrapper adds newlines)."""

    def __init__(self, output) -> None:
        self.output = output

    def write(self, text: str) -> None:
        self.output.write(text, ending="")

    def flush(self) -> None:
        self.output.flush()


def _row_list(rows: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(row) for row in rows[:limit])
    return shown + (", …" if len(rows) > limit else "")
