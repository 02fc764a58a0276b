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
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from search.dutch.folding import fold

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
# Where a spreadsheet program may start a cell: the start of the value, or after a separator it
# may split on, spaces skipped.
_CELL_START = r"(?:^|[,;\t]) *"
_TRIGGER = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
_QUOTE_AT = re.compile(f"{_CELL_START}(?={_TRIGGER}|{QUOTE}(?:{_TRIGGER}|{QUOTE}))")
_UNQUOTE_AT = re.compile(f"({_CELL_START}){QUOTE}(?={_TRIGGER}|{QUOTE})")
_ZIP_MAGIC = b"PK\x03\x04"

# What a file may hold, checked before and while it is read, so that a crafted file cannot take
# the memory or the time of the server. An export of 10,000 initiatives with sections of a few
# hundred words is about 25 MB as CSV, and 8 MB as XLSX that unpacks to 34 MB. Rows are read
# and written as a stream, so a CSV of 100,000 rows takes no more memory than one of 1,000;
# an XLSX keeps its shared texts in memory, which MAX_UNPACKED_BYTES bounds.
MAX_FILE_BYTES = 250 * 1024 * 1024
MAX_ROWS = 100_000  # below the header
MAX_COLUMNS = 50
# Excel's own limit for one cell.
MAX_CELL_CHARS = 32_767
# XLSX is a zip file: what its parts unpack to, in all and compared with their packed size.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_PARTS = 500
MAX_PACKING_RATIO = 100
_RATIO_FROM_BYTES = 1024 * 1024
_MB = 1024 * 1024
MAX_SPREADSHEET_COLUMNS = 16_384


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
    sheet = open_sheet(path=path)
    return Sheet(columns=sheet.columns, rows=list(sheet.rows()))


@dataclass(frozen=True)
class SheetFile:
    """A sheet checked as a whole, whose rows are read one at a time (`rows()`), so that memory
    does not grow with the file."""

    path: Path
    columns: tuple[str, ...]
    row_count: int

    def rows(self) -> Iterator[SheetRow]:
        return _sheet_rows(self.path)[1]


def open_sheet(*, path: Path) -> SheetFile:
    """Check the whole file as `read_sheet` does (a file refused as a whole is refused before
    any row is used), keeping none of its rows; `SheetFile.rows()` then reads them again."""
    path = Path(path)
    file_type(path)
    if not path.is_file():
        raise SpreadsheetError(_("File not found: %(path)s") % {"path": path})
    columns, rows = _sheet_rows(path)
    count = sum(1 for _row in rows)
    return SheetFile(path=path, columns=columns, row_count=count)


def _sheet_rows(path: Path) -> tuple[tuple[str, ...], Iterator[SheetRow]]:
    if file_type(path) == ".csv":
        delimiter = _csv_delimiter(path)
        return _sheet_from_rows(_read_csv(path, delimiter), delimiter=delimiter)
    return _sheet_from_rows(_read_xlsx(path))


def _check_readable(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as error:
        raise SpreadsheetError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror or error}
        ) from error


def _check_file_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SpreadsheetError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror or error}
        ) from error
    if size > MAX_FILE_BYTES:
        raise SpreadsheetError(
            _("%(name)s is %(size)s MB; at most %(limit)s MB is read. Split it into smaller files.")
            % {"name": path.name, "size": _megabytes(size), "limit": _megabytes(MAX_FILE_BYTES)}
        )


def _megabytes(size: int) -> str:
    megabytes = round(size / _MB, 1)
    return number_format(int(megabytes) if megabytes.is_integer() else megabytes)


def _count(number: int) -> str:
    return number_format(number, force_grouping=True)


class _Bounds:
    """Checks each row as it is read: at most MAX_ROWS rows below the header (empty rows do not
    count), no value beyond MAX_COLUMNS columns, no cell longer than MAX_CELL_CHARS."""

    def __init__(self) -> None:
        self.filled_rows = 0

    def row(self, number: int, cells: list[str]) -> list[str] | None:
        """The row's cells within MAX_COLUMNS, or None for an empty row."""
        for position, cell in enumerate(cells):
            if not cell:
                continue
            if position >= MAX_COLUMNS:
                raise SpreadsheetError(
                    _(
                        "Row %(row)s has a value in column %(column)s; at most %(limit)s columns "
                        "are read."
                    )
                    % {
                        "row": number,
                        "column": _column_name(position),
                        "limit": MAX_COLUMNS,
                    }
                )
            if len(cell) > MAX_CELL_CHARS:
                raise _cell_too_long(number, _column_name(position), len(cell))
        if not any(cell.strip() for cell in cells[:MAX_COLUMNS]):
            return None
        self.filled_rows += 1
        if self.filled_rows > MAX_ROWS + 1:
            raise SpreadsheetError(
                _(
                    "Row %(row)s: a file holds at most %(limit)s rows below its header; split it "
                    "into smaller files."
                )
                % {"row": number, "limit": _count(MAX_ROWS)}
            )
        return cells[:MAX_COLUMNS]


def _column_name(position: int) -> str:
    """The letters of a column (0 is A); past the last column a spreadsheet has (XFD), its
    number."""
    return (
        get_column_letter(position + 1) if position < MAX_SPREADSHEET_COLUMNS else str(position + 1)
    )


def _cell_too_long(row: int, column: str | None, length: int | None) -> SpreadsheetError:
    limit = _count(MAX_CELL_CHARS)
    if column is None or length is None:
        return SpreadsheetError(
            _("Row %(row)s: a cell holds more than %(limit)s characters, the most a cell may hold.")
            % {"row": row, "limit": limit}
        )
    return SpreadsheetError(
        _(
            "Row %(row)s, column %(column)s: the cell holds %(length)s characters; at most "
            "%(limit)s are read."
        )
        % {"row": row, "column": column, "length": length, "limit": limit}
    )


_READ_BYTES = 1024 * 1024


def _csv_delimiter(path: Path) -> str:
    """Checks the file as bytes, a block at a time (size, not a workbook, UTF-8, not empty),
    and returns the delimiter its first line uses most."""
    _check_file_size(path)
    _check_readable(path)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    read = lines = 0
    first_line, filled = "", False
    with path.open("rb") as handle:
        while True:
            block = handle.read(_READ_BYTES)
            if read == 0 and block.removeprefix(codecs.BOM_UTF8).startswith(_ZIP_MAGIC):
                raise SpreadsheetError(
                    _(
                        "%(name)s looks like an Excel workbook, not CSV text: save it with the "
                        ".xlsx extension."
                    )
                    % {"name": path.name}
                )
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                # The decoder's error positions count from the start of this block.
                start = max(error.start, 0)
                raise SpreadsheetError(
                    _(
                        "%(name)s is not UTF-8 text: byte 0x%(byte)s at position %(position)s "
                        "(line %(line)s) is invalid. Save the file as 'CSV UTF-8' and try again."
                    )
                    % {
                        "name": path.name,
                        "byte": error.object[start : start + 1].hex(),
                        "position": read + start + 1,
                        "line": lines + error.object.count(b"\n", 0, start) + 1,
                    }
                ) from error
            if not filled and text.strip():
                filled = True
            if "\n" not in first_line.lstrip("\r\n"):
                first_line += text
            if not block:
                break
            read += len(block)
            lines += block.count(b"\n")
    if not filled:
        raise SpreadsheetError(_("%(name)s is empty.") % {"name": path.name})
    first_line = first_line.lstrip("\r\n").split("\n", 1)[0]
    return max(_DELIMITERS, key=first_line.count)


def _read_csv(path: Path, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        bounds = _Bounds()
        try:
            for number, row in enumerate(reader, start=1):
                cells = bounds.row(number, row)
                if cells is not None:
                    yield number, [unquote_cell(cell) for cell in cells]
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise _cell_too_long(reader.line_num, None, None) from error
            raise SpreadsheetError(
                _("%(name)s is not valid CSV near line %(line)s: %(error)s")
                % {"name": path.name, "line": reader.line_num, "error": error}
            ) from error


def _check_zip(path: Path) -> None:
    """Refuse a workbook whose parts unpack to too much, judged by the zip's own directory before
    anything is unpacked (Python's zipfile never unpacks a part beyond the size listed there)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as error:
        raise SpreadsheetError(
            _("%(name)s is not a valid .xlsx workbook (damaged, or an old .xls file?): %(error)s")
            % {"name": path.name, "error": error.__class__.__name__}
        ) from error
    if len(parts) > MAX_ZIP_PARTS:
        raise SpreadsheetError(
            _("%(name)s consists of %(count)s parts; a workbook of at most %(limit)s is read.")
            % {"name": path.name, "count": len(parts), "limit": MAX_ZIP_PARTS}
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            _(
                "%(name)s unpacks to %(size)s MB; at most %(limit)s MB is read. Split it into "
                "smaller files."
            )
            % {
                "name": path.name,
                "size": _megabytes(unpacked),
                "limit": _megabytes(MAX_UNPACKED_BYTES),
            }
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > _RATIO_FROM_BYTES and ratio > MAX_PACKING_RATIO:
            raise SpreadsheetError(
                _(
                    "%(name)s is refused: its part %(part)s unpacks to %(ratio)s times its packed "
                    "size (at most %(limit)s), as a zip bomb does. Save the workbook again in a "
                    "spreadsheet program."
                )
                % {
                    "name": path.name,
                    "part": part.filename,
                    "ratio": int(ratio),
                    "limit": MAX_PACKING_RATIO,
                }
            )


def _read_xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
    _check_readable(path)  # a clear message for unreadable files before openpyxl tries
    _check_file_size(path)
    _check_zip(path)
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
        _check_dimension(path, sheet)
        # Read rows as they are, not padded to a declared size that may lie.
        sheet.reset_dimensions()
        bounds = _Bounds()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = bounds.row(number, [_cell_text(value) for value in values])
            if cells is not None:
                yield number, cells
    except SpreadsheetError:
        raise
    except Exception as error:
        raise SpreadsheetError(
            _("%(name)s is not a valid .xlsx workbook: %(error)s")
            % {"name": path.name, "error": error.__class__.__name__}
        ) from error
    finally:
        workbook.close()
    if not bounds.filled_rows:
        raise SpreadsheetError(_("%(name)s is empty.") % {"name": path.name})


def _check_dimension(path: Path, sheet) -> None:
    """The size the sheet declares (its `dimension`) within the limits: openpyxl would otherwise
    pad every row to it. A sheet without one, or with a false one, is bounded while it is read."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > MAX_ROWS + 1 or columns > MAX_COLUMNS:
        raise SpreadsheetError(
            _(
                "The sheet in %(name)s reaches to cell %(cell)s; at most %(columns)s columns and "
                "%(rows)s rows are read. Delete the rows and columns beyond your data and save "
                "again."
            )
            % {
                "name": path.name,
                "cell": f"{_column_name(max(columns, 1) - 1)}{max(rows, 1)}",
                "columns": MAX_COLUMNS,
                "rows": _count(MAX_ROWS + 1),
            }
        )


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


def _sheet_from_rows(
    raw_rows: Iterable[tuple[int, list[str]]], *, delimiter: str = ""
) -> tuple[tuple[str, ...], Iterator[SheetRow]]:
    """The columns of the header (read now) and the rows below it (read as they are asked)."""
    raw_rows = iter(raw_rows)
    for _number, cells in raw_rows:
        if any(cell.strip() for cell in cells):
            header = cells
            break
    else:
        raise SpreadsheetError(_("The file is empty."))
    positions = _header_positions(header)
    return tuple(positions.values()), _body_rows(raw_rows, positions, delimiter)


def _body_rows(
    raw_rows: Iterator[tuple[int, list[str]]], positions: dict[int, str], delimiter: str
) -> Iterator[SheetRow]:
    for number, cells in raw_rows:
        if not any(cell.strip() for cell in cells):
            continue
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
        yield SheetRow(number=number, values=values, problem=problem)


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
    apart from a value such as "'s-Hertogenbosch", which stays as it is.

    The same holds after each ',', ';' or tab in the value (and the spaces after it): a
    spreadsheet program that splits the file on another separator than the one it was written
    with (Dutch Excel splits on ';') would otherwise start a cell there (OWASP: mind the field
    separators)."""
    return _QUOTE_AT.sub(lambda match: match.group(0) + QUOTE, value)


def unquote_cell(value: str) -> str:
    """The value `quote_cell` was given."""
    return _UNQUOTE_AT.sub(lambda match: match.group(1), value)


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
