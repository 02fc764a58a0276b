"""Documents by content: the content must be what the extension says (see the package's
docstring)."""

from __future__ import annotations

import codecs
import os
import re
import zipfile
from collections.abc import Callable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Enough of a file to recognise its type (zip parts are read from the archive's directory).
HEAD_SIZE = 8192


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def _zip_members(file) -> set[str] | None:
    """The names in a zip archive (read from its directory; nothing is unpacked), or None."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)


def _signature(extension: str) -> Callable[[bytes, object], bool]:
    """The file starts with the magic number of `extension` (the `filetype` library's table)."""
    matcher = filetype.get_type(ext=extension)

    def check(head: bytes, file) -> bool:
        return bool(matcher.match(head))

    return check


def _zip_with(*parts: str, signature: str = "zip") -> Callable[[bytes, object], bool]:
    """A zip archive (an OpenDocument one with its `mimetype` first, as `filetype` checks)
    holding `parts`. `filetype` recognises Office Open XML files only by the order of their
    first members, which differs between programs; the archive's directory does not."""
    is_zip = _signature(signature)

    def check(head: bytes, file) -> bool:
        if not is_zip(head, file):
            return False
        members = _zip_members(file)
        return members is not None and set(parts) <= members

    return check


def _keynote(head: bytes, file) -> bool:
    members = _zip_members(file) if _signature("zip")(head, file) else None
    return bool(members) and any(
        name.startswith("Index/") or name == "index.apxl" for name in members
    )


# Text that a browser's content sniffing could take for HTML, SVG or XML starts with a tag,
# a comment or a processing instruction (WHATWG MIME Sniffing, "rules for identifying an
# unknown MIME type"); no CSV or text document needs to.
_MARKUP_START = re.compile(r"\s*<[!?a-zA-Z]")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decoded_head(head: bytes) -> str | None:
    """The start of a text file as text: UTF-16 or UTF-8 by its byte order mark, else UTF-8 or
    Windows-1252 (what spreadsheet programs write); None when it is neither."""
    complete = len(head) < HEAD_SIZE
    for mark, encoding in _BYTE_ORDER_MARKS:
        if head.startswith(mark):
            candidates = [(head[len(mark) :], encoding)]
            break
    else:
        candidates = [(head, "utf-8"), (head, "cp1252")]
    for data, encoding in candidates:
        try:
            # The head may end inside a character: decode incrementally.
            return codecs.getincrementaldecoder(encoding)().decode(data, final=complete)
        except UnicodeDecodeError:
            continue
    return None


def _text(head: bytes, file) -> bool:
    """Plain text (CSV too): no control characters (binary files have them within their first
    bytes) and not markup."""
    text = _decoded_head(head)
    return (
        text is not None and not _CONTROL_CHARACTERS.search(text) and not _MARKUP_START.match(text)
    )


DOCUMENT_CHECKS: dict[str, tuple[object, Callable[[bytes, object], bool]]] = {
    "csv": ("CSV", _text),
    "docx": ("Word", _zip_with("[Content_Types].xml", "word/document.xml")),
    "key": ("Keynote", _keynote),
    "odt": ("OpenDocument", _zip_with("content.xml", signature="odt")),
    "pdf": ("PDF", _signature("pdf")),
    "pptx": ("PowerPoint", _zip_with("[Content_Types].xml", "ppt/presentation.xml")),
    "rtf": ("RTF", _signature("rtf")),
    "txt": (gettext_lazy("text"), _text),
    "xlsx": ("Excel", _zip_with("[Content_Types].xml", "xl/workbook.xml")),
    "zip": ("zip", _zip_with()),
}


def check_document(file) -> None:
    """Raise `ValidationError` unless the content of `file` is what its extension says."""
    extension = _extension(file.name)
    kind, matches = DOCUMENT_CHECKS.get(extension, (extension.upper(), None))
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(0)
    if matches is None or not matches(head, file):
        raise ValidationError(
            _(
                "The content of this file does not match its extension .%(extension)s: it is "
                "not a file of the type %(kind)s. Upload the document in one of these formats: "
                "%(formats)s."
            )
            % {
                "extension": extension,
                "kind": kind,
                "formats": ", ".join(
                    sorted(e for e in settings.WAGTAILDOCS_EXTENSIONS if e in DOCUMENT_CHECKS)
                ),
            },
            code="invalid_document_content",
        )
