"""The spreadsheet format shared by import and export: columns, CSV and XLSX reading and writing.

A sheet is a header row with column names followed by one row per initiative. Row numbers are
the ones a spreadsheet program shows: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from initiatieven.text import fold

# Column name -> InitiativePage field, in the order files are written.
COLUMN_FIELDS: dict[str, str] = {
    "sleutel": "key",
    "titel": "title",
    "samenvatting": "summary",
    "aanleiding": "background",
    "aanpak": "approach",
    "resultaten": "results",
    "lessen": "lessons",
    "provincie": "province",
    "plaats": "place",
    "organisaties": "organisations",
    "sectoren": "sectors",
    "onderwijsniveaus": "education_levels",
    "doelgroepen": "target_groups",
    "themas": "themes",
    "trefwoorden": "keywords",
    "fase": "phase",
    "startjaar": "start_year",
    "website": "website",
    "contactpersoon": "contact_name",
    "contact_email": "contact_email",
    "contact_openbaar": "contact_is_public",
}
COLUMNS: tuple[str, ...] = tuple(COLUMN_FIELDS)
FIELD_COLUMNS: dict[str, str] = {field: column for column, field in COLUMN_FIELDS.items()}
REQUIRED_COLUMNS: tuple[str, ...] = ("sleutel", "titel")
NUMBER_COLUMNS: frozenset[str] = frozenset({"startjaar"})
BOOLEAN_COLUMNS: frozenset[str] = frozenset({"contact_openbaar"})
YES, NO = "ja", "nee"
MULTI_VALUE_SEPARATOR = ";"
FILE_TYPES: tuple[str, ...] = (".csv", ".xlsx")

_DELIMITERS = (",", ";", "\t")
# A CSV cell starting with one of these is run as a formula by spreadsheet programs (OWASP,
# "CSV Injection"); written with a leading quote, which reading removes again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_QUOTED_STARTS = (*FORMULA_STARTS, QUOTE)
_ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetError(Exception):
    """The file cannot be used as a sheet of initiatives; the message says why, in one line."""


@dataclass(frozen=True)
class SheetRow:
    number: int
    values: dict[str, str]
    # Why the row cannot be read as it stands (cells outside the header), or "".
    problem: str = ""


@dataclass(frozen=True)
class Sheet:
    columns: tuple[str, ...]
    rows: list[SheetRow]


def header_key(name: str) -> str:
    """The comparable form of a column name, without case, accents, spaces or punctuation:
    "Thema's", " themas " and "THEMA’S" give the same key, as do "contact_email" and
    "Contact e-mail"."""
    return fold(str(name)).replace(" ", "")


_HEADER_KEYS: dict[str, str] = {header_key(column): column for column in COLUMNS}


def file_type(path: Path) -> str:
    """'.csv' or '.xlsx', from the file name; anything else is a SpreadsheetError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FILE_TYPES:
        raise SpreadsheetError(
            _("Unknown file type '%(suffix)s' for %(name)s: use a .csv or .xlsx file.")
            % {"suffix": suffix or _("(none)"), "name": Path(path).name}
        )
    return suffix


def split_values(cell: str) -> list[str]:
    """The values in a multi-value cell: split on ';', trimmed, empties dropped, in order."""
    return [part.strip() for part in (cell or "").split(MULTI_VALUE_SEPARATOR) if part.strip()]


def join_values(values: Iterable[str]) -> str:
    return f"{MULTI_VALUE_SEPARATOR} ".join(values)


# --- Reading -----------------------------------------------------------------------------------


def read_sheet(*, path: Path) -> Sheet:
    """Read a UTF-8 CSV file (',', ';' or tab delimited) or the first sheet of an XLSX file.

    Raises SpreadsheetError for anything that keeps the file from being read as a whole:
    unreadable, wrong type, not UTF-8, empty, no header, unknown or duplicate columns.
    """
    path = Path(path)
    suffix = file_type(path)
    if not path.is_file():
        raise SpreadsheetError(_("File not found: %(path)s") % {"path": path})
    if suffix == ".csv":
        raw_rows, delimiter = _read_csv(path)
        return _sheet_from_rows(raw_rows, delimiter=delimiter)
    return _sheet_from_rows(_read_xlsx(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SpreadsheetError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror or error}
        ) from error


def _read_csv(path: Path) -> tuple[list[tuple[int, list[str]]], str]:
    data = _read_bytes(path)
    offset = 0
    if data.startswith(codecs.BOM_UTF8):
        data, offset = data[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
    if data.startswith(_ZIP_MAGIC):
        raise SpreadsheetError(
            _(
                "%(name)s looks like an Excel workbook, not CSV text: save it with the .xlsx "
                "extension."
            )
            % {"name": path.name}
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _(
                "%(name)s is not UTF-8 text: byte 0x%(byte)s at position %(position)s (line "
                "%(line)s) is invalid. Save the file as 'CSV UTF-8' and try again."
            )
            % {
                "name": path.name,
                "byte": data[error.start : error.start + 1].hex(),
                "position": error.start + offset + 1,
                "line": data.count(b"\n", 0, error.start) + 1,
            }
        ) from error
    if not text.strip():
        raise SpreadsheetError(_("%(name)s is empty.") % {"name": path.name})

    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [
            (number, [unquote_cell(cell) for cell in row])
            for number, row in enumerate(reader, start=1)
        ]
        return rows, delimiter
    except csv.Error as error:
        raise SpreadsheetError(
            _("%(name)s is not valid CSV near line %(line)s: %(error)s")
            % {"name": path.name, "line": reader.line_num, "error": error}
        ) from error


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    _read_bytes(path)  # a clear message for unreadable files before openpyxl tries
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    # openpyxl raises many exception types for damaged or foreign files.
    except Exception as error:
        raise SpreadsheetError(
            _("%(name)s is not a valid .xlsx workbook (damaged, or an old .xls file?): %(error)s")
            % {"name": path.name, "error": error.__class__.__name__}
        ) from error
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(_("%(name)s has no worksheet.") % {"name": path.name})
        sheet = workbook.worksheets[0]
        rows = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell_text(value) for value in cells]))
    except SpreadsheetError:
        raise
    except Exception as error:
        raise SpreadsheetError(
            _("%(name)s is not a valid .xlsx workbook: %(error)s")
            % {"name": path.name, "error": error.__class__.__name__}
        ) from error
    finally:
        workbook.close()
    if not any(any(cells) for _number, cells in rows):
        raise SpreadsheetError(_("%(name)s is empty.") % {"name": path.name})
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _sheet_from_rows(raw_rows: list[tuple[int, list[str]]], *, delimiter: str = "") -> Sheet:
    non_blank = [(number, cells) for number, cells in raw_rows if any(c.strip() for c in cells)]
    if not non_blank:
        raise SpreadsheetError(_("The file is empty."))
    (_header_number, header), body = non_blank[0], non_blank[1:]
    positions = _header_positions(header)

    rows = []
    for number, cells in body:
        values = {
            column: cells[position] if position < len(cells) else ""
            for position, column in positions.items()
        }
        stray = [
            _("column %(letter)s: '%(value)s'")
            % {"letter": get_column_letter(position + 1), "value": cell.strip()}
            for position, cell in enumerate(cells)
            if cell.strip() and position not in positions
        ]
        problem = ""
        if stray:
            problem = ngettext(
                "a value outside the columns of the header (%(cells)s).",
                "values outside the columns of the header (%(cells)s).",
                len(stray),
            ) % {"cells": ", ".join(stray)}
            if delimiter == MULTI_VALUE_SEPARATOR:
                problem += " " + _(
                    "In a file separated by ';', a cell with several values must be in quotes."
                )
        rows.append(SheetRow(number=number, values=values, problem=problem))
    return Sheet(columns=tuple(positions.values()), rows=rows)


def _header_positions(header: list[str]) -> dict[int, str]:
    positions: dict[int, str] = {}
    unknown: list[str] = []
    seen: dict[str, int] = {}
    for position, name in enumerate(header):
        if not name.strip():
            continue
        column = _HEADER_KEYS.get(header_key(name))
        if column is None:
            unknown.append(name.strip())
            continue
        if column in seen:
            raise SpreadsheetError(
                _(
                    "Column '%(column)s' appears twice in the header (columns %(first)s and "
                    "%(second)s)."
                )
                % {
                    "column": column,
                    "first": get_column_letter(seen[column] + 1),
                    "second": get_column_letter(position + 1),
                }
            )
        seen[column] = position
        positions[position] = column

    allowed = ", ".join(COLUMNS)
    if not positions:
        raise SpreadsheetError(
            _(
                "The first row must be a header with column names; found %(found)s. Allowed "
                "columns: %(allowed)s."
            )
            % {"found": _quoted(unknown), "allowed": allowed}
        )
    if unknown:
        raise SpreadsheetError(
            ngettext(
                "Unknown column in the header: %(unknown)s. Allowed columns: %(allowed)s.",
                "Unknown columns in the header: %(unknown)s. Allowed columns: %(allowed)s.",
                len(unknown),
            )
            % {"unknown": _quoted(unknown), "allowed": allowed}
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    if missing:
        raise SpreadsheetError(
            ngettext(
                "Required column missing from the header: %(missing)s.",
                "Required columns missing from the header: %(missing)s.",
                len(missing),
            )
            % {"missing": ", ".join(missing)}
        )
    return positions


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


# --- Writing -----------------------------------------------------------------------------------


def write_sheet(*, path: Path, rows: Iterable[Mapping[str, str | int | None]]) -> None:
    """Write the header and `rows` (column -> value) as CSV or XLSX, chosen by the extension.

    The file is written next to its destination first and then moved into place, so a failed
    export never leaves half a file behind.
    """
    path = Path(path)
    suffix = file_type(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise SpreadsheetError(_("Folder not found: %(path)s") % {"path": directory})
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".export-", suffix=suffix)
    os.close(handle)
    try:
        if suffix == ".csv":
            _write_csv(Path(temporary), rows)
        else:
            _write_xlsx(Path(temporary), rows)
        os.replace(temporary, path)
    except OSError as error:
        raise SpreadsheetError(
            _("Cannot write %(path)s: %(error)s") % {"path": path, "error": error.strerror or error}
        ) from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def quote_cell(value: str) -> str:
    """A CSV cell that no spreadsheet program runs as a formula: a value starting with '=',
    '+', '-', '@', a tab or a carriage return gets a leading quote. So does a value starting with
    a quote followed by one of those or another quote, so that `unquote_cell` can tell them
    apart from a value such as "'s-Hertogenbosch", which stays as it is."""
    if value.startswith(FORMULA_STARTS) or (
        value.startswith(QUOTE) and value[1:].startswith(_QUOTED_STARTS)
    ):
        return QUOTE + value
    return value


def unquote_cell(value: str) -> str:
    """The value `quote_cell` was given."""
    if value.startswith(QUOTE) and value[1:].startswith(_QUOTED_STARTS):
        return value[1:]
    return value


def csv_lines(rows: Iterable[Mapping[str, str | int | None]]) -> Iterator[str]:
    """The header and `rows` as CSV text, one line at a time, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for cells in chain([COLUMNS], ([row.get(c) for c in COLUMNS] for row in rows)):
        writer.writerow(["" if cell is None else quote_cell(str(cell)) for cell in cells])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def write_xlsx(handle: BinaryIO | Path, rows: Iterable[Mapping[str, str | int | None]]) -> None:
    """The header and `rows` as an XLSX workbook, written row by row (openpyxl's write-only
    mode keeps memory flat). Text is stored as text: a value starting with '=' is no formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("initiatieven")
    sheet.freeze_panes = "A2"
    for position, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = max(12, len(column) + 4)
    bold = Font(bold=True)
    sheet.append([_text_cell(sheet, column, font=bold) for column in COLUMNS])
    for row in rows:
        cells: list[WriteOnlyCell | int | None] = []
        for column in COLUMNS:
            value = row.get(column)
            if value is None or value == "":
                cells.append(None)
            elif column in NUMBER_COLUMNS and isinstance(value, int):
                cells.append(value)
            else:
                cells.append(_text_cell(sheet, str(value)))
        sheet.append(cells)
    workbook.save(handle)


def _text_cell(sheet, value: str, *, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _write_csv(path: Path, rows: Iterable[Mapping[str, str | int | None]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(csv_lines(rows))


def _write_xlsx(path: Path, rows: Iterable[Mapping[str, str | int | None]]) -> None:
    write_xlsx(path, rows)
