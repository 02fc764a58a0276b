"""Bulk import of initiatives from a CSV or XLSX sheet (see `spreadsheet` for the columns).

Rows are matched to pages by their key (`sleutel`): a known key updates that page, never its URL,
an unknown key creates a page under the initiatives index. Each row is checked in full first;
rejected rows are reported with their row number, column and value and are not written. Rows
that would not change the latest revision of their page are left alone, so importing the same
file (or an export) again writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from initiatieven.services.importing.checks import Lookups, Plan, plan_row
from initiatieven.services.importing.report import (
    ImportReport,
    Progress,
    RowAction,
    RowError,
    RowResult,
)
from initiatieven.services.importing.writing import write_plans
from initiatieven.services.spreadsheet import Sheet, read_sheet
from initiatieven.signals import bulk_change

__all__ = [
    "ImportReport",
    "Progress",
    "RowAction",
    "RowError",
    "RowResult",
    "import_initiatives",
    "import_sheet",
]


def import_initiatives(
    *,
    path: Path,
    publish: bool = False,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the initiatives in the CSV or XLSX file at `path`.

    Raises `spreadsheet.SpreadsheetError` when the file as a whole cannot be read; problems in
    single rows end up in the report instead. Without `publish` new and changed rows become
    drafts (a published page stays live as it was); `dry_run` writes nothing; with `strict` one
    rejected row means nothing is written.
    """
    sheet = read_sheet(path=path)
    return import_sheet(
        sheet=sheet, publish=publish, dry_run=dry_run, strict=strict, progress=progress
    )


def import_sheet(
    *,
    sheet: Sheet,
    publish: bool = False,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import rows that were already read; see `import_initiatives`."""
    progress = progress or _no_progress
    report = ImportReport(publish=publish, dry_run=dry_run, strict=strict)
    lookups = Lookups(keys=[row.values.get("sleutel", "").strip() for row in sheet.rows])
    first_rows: dict[str, tuple[int, str]] = {}
    plans: list[Plan] = []

    for row in progress(sheet.rows, _("Checking")):
        plan, errors = plan_row(row, lookups=lookups, publish=publish, first_rows=first_rows)
        if plan is None:
            report.errors.extend(errors)
            key = row.values.get("sleutel", "").strip()
            report.rows.append(RowResult(row=row.number, key=key, action=RowAction.REJECTED))
            continue
        page_id = plan.page.pk if plan.page else None
        report.rows.append(
            RowResult(row=row.number, key=plan.key, action=plan.action, page_id=page_id)
        )
        if plan.action != RowAction.UNCHANGED:
            plans.append(plan)
    report.new_organisations = lookups.organisations.planned()

    if dry_run or (strict and report.errors):
        return report
    with bulk_change():
        write_plans(plans, report=report, lookups=lookups, publish=publish, progress=progress)
    return report


def _no_progress(items: Sequence[Any], description: str) -> Iterable[Any]:
    return items
