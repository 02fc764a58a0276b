"""Downloads of any selection of initiatives (a search, later a collection) as a response: what
a visitor may see of them, in the import format (`services.exporting`), CSV streamed as it is
read, XLSX written row by row to a temporary file and streamed from there."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone

from initiatieven.services.exporting import public_initiative_rows
from initiatieven.services.spreadsheet import csv_lines, write_xlsx

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheet programs read a CSV file as UTF-8 only with this mark; the importer skips it.
BYTE_ORDER_MARK = "\ufeff"
# In memory up to this size, then in a temporary file.
SPOOL_BYTES = 4 * 1024 * 1024
FILE_NAME = "kennisbank-initiatieven"


def csv_download(*, page_ids: Iterable[int]) -> StreamingHttpResponse:
    """The initiatives of `page_ids`, in that order, as a streamed CSV attachment."""
    response = StreamingHttpResponse(_csv_chunks(page_ids), content_type=CSV_TYPE)
    return _attachment(response, "csv")


def xlsx_download(*, page_ids: Iterable[int]) -> FileResponse:
    """The initiatives of `page_ids`, in that order, as an XLSX attachment. A workbook is a zip
    file, complete only at its end, so it is written first (openpyxl's write-only mode keeps
    memory flat) and then streamed from the spooled file, which the response closes."""
    handle = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    write_xlsx(handle, public_initiative_rows(page_ids=page_ids))
    handle.seek(0)
    return _attachment(FileResponse(handle, content_type=XLSX_TYPE), "xlsx")


def _csv_chunks(page_ids: Iterable[int]) -> Iterator[bytes]:
    yield BYTE_ORDER_MARK.encode()
    for line in csv_lines(public_initiative_rows(page_ids=page_ids)):
        yield line.encode("utf-8")


def _attachment(response: HttpResponseBase, extension: str):
    name = f"{FILE_NAME}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
