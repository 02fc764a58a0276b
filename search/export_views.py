"""`/zoeken/export.csv` and `/zoeken/export.xlsx`: what `/zoeken/` finds with the same
parameters, every match in its order, as a sheet that `import_initiatives` reads back."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from initiatieven.services.exporting import public_initiative_rows
from initiatieven.services.spreadsheet import csv_lines, write_xlsx
from search.exports import SearchSelection, search_selection

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheet programs read a CSV file as UTF-8 only with this mark; the importer skips it.
BYTE_ORDER_MARK = "\ufeff"
# In memory up to this size, then in a temporary file.
SPOOL_BYTES = 4 * 1024 * 1024


@require_GET
def export_csv(request):
    selection = search_selection(request.GET)
    if selection.problems:
        return _bad_request(selection)
    response = StreamingHttpResponse(_csv_chunks(selection), content_type=CSV_TYPE)
    return _as_download(response, selection, "csv")


@require_GET
def export_xlsx(request):
    selection = search_selection(request.GET)
    if selection.problems:
        return _bad_request(selection)
    # The workbook is a zip file, complete only at the end: written to a spooled temporary file
    # (openpyxl's write-only mode keeps its own memory flat), then streamed from there.
    handle = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (closed by the response)
    write_xlsx(handle, public_initiative_rows(page_ids=selection.page_ids))
    handle.seek(0)
    response = FileResponse(handle, content_type=XLSX_TYPE)
    return _as_download(response, selection, "xlsx")


def _csv_chunks(selection: SearchSelection) -> Iterator[bytes]:
    yield BYTE_ORDER_MARK.encode()
    for line in csv_lines(public_initiative_rows(page_ids=selection.page_ids)):
        yield line.encode("utf-8")


def _as_download(response, selection: SearchSelection, extension: str):
    name = f"kennisbank-initiatieven-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Export-Total"] = str(selection.total)
    response["X-Export-Limit"] = str(selection.limit)
    if selection.cut:
        response["X-Export-Cut"] = _(
            "This download holds the first %(limit)s of %(total)s results."
        ) % {"limit": selection.limit, "total": selection.total}
    return response


def _bad_request(selection: SearchSelection) -> JsonResponse:
    return JsonResponse(
        {"error": _("Invalid search parameters."), "errors": selection.problems}, status=400
    )
