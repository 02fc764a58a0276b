"""Bulk import of initiatives from a CSV or XLSX sheet (see `spreadsheet` for the columns).

Rows are matched to pages by their key (`sleutel`): a known key updates that page, never its URL,
an unknown key creates a page under the initiatives index. Each row is checked in full first;
rejected rows are reported with their row number, column and value and are not written. Rows
that would not change the latest revision of their page are left alone, so importing the same
file (or an export) again writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from initiatieven.services.importing.checks import Lookups, Plan, plan_row
from initiatieven.services.importing.report import (
    ImportReport,
    Progress,
    RowAction,
    RowError,
    RowResult,
)
from initiatieven.services.importing.writing import CHUNK_ROWS, ChunkWriter, batches
from initiatieven.services.spreadsheet import Sheet, SheetRow, open_sheet
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

    Raises `spreadsheet.SpreadsheetError` when the file as a whole cannot be read (checked before
    any row is used); problems in single rows end up in the report instead. Without `publish`
    new and changed rows become drafts (a published page stays live as it was); `dry_run`
    writes nothing; with `strict` one rejected row means nothing is written.

    Rows are read, checked and written CHUNK_ROWS at a time, each chunk in one transaction with
    its index entries: memory does not grow with the file, and an import that is killed leaves
    whole rows behind, which importing the file again completes.
    """
    sheet = open_sheet(path=path)
    return _import_rows(
        sheet.rows(),
        total=sheet.row_count,
        publish=publish,
        dry_run=dry_run,
        strict=strict,
        progress=progress,
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
    return _import_rows(
        sheet.rows,
        total=len(sheet.rows),
        publish=publish,
        dry_run=dry_run,
        strict=strict,
        progress=progress,
    )


def _import_rows(
    rows: Iterable[SheetRow],
    *,
    total: int,
    publish: bool,
    dry_run: bool,
    strict: bool,
    progress: Progress | None,
) -> ImportReport:
    progress = progress or _no_progress
    report = ImportReport(publish=publish, dry_run=dry_run, strict=strict)
    lookups = Lookups()
    first_rows: dict[str, tuple[int, str]] = {}
    writer = None if dry_run else ChunkWriter(report=report, lookups=lookups, publish=publish)
    described = progress(rows, total, _("Checking") if dry_run else _("Importing"))
    # The bulk block outside the transaction: what it sends to Elasticsearch is committed.
    with (
        bulk_change() if writer else nullcontext(),
        transaction.atomic() if writer and strict else nullcontext(),
    ):
        for chunk in batches(described, CHUNK_ROWS):
            plans = _plan_chunk(chunk, report=report, lookups=lookups, first_rows=first_rows)
            if writer and not (strict and report.errors):
                writer.write(plans)
        if writer and strict and report.errors:
            # Roll back what earlier chunks wrote; the report says what would have been.
            transaction.set_rollback(True)
    report.written = bool(writer) and not (strict and report.errors)
    organisations = lookups.organisations
    report.new_organisations = organisations.created if report.written else organisations.planned()
    return report


def _plan_chunk(
    chunk: list[SheetRow],
    *,
    report: ImportReport,
    lookups: Lookups,
    first_rows: dict[str, tuple[int, str]],
) -> list[tuple[int, Plan]]:
    """Check the rows of one chunk; the plans of rows to write, with their place in the
    report."""
    lookups.read_pages(keys=[row.values.get("sleutel", "").strip() for row in chunk])
    plans = []
    for row in chunk:
        plan, errors = plan_row(row, lookups=lookups, publish=report.publish, first_rows=first_rows)
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
            plans.append((len(report.rows) - 1, plan))
    return plans


def _no_progress(items: Iterable[Any], total: int, description: str) -> Iterable[Any]:
    return items
