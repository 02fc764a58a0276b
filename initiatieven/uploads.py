"""Uploads are checked by what they contain, not by their name.

Images (every way into the editor: the upload form, the multiple uploader, the chooser; and the
demo loader): Wagtail checks the extension, the file size and the pixel count from the header;
here Pillow must also decode the whole picture, every frame, in one of the formats of
`WAGTAILIMAGES_EXTENSIONS`. A file that only starts like an image (`GIF89a<?php …`), a cut-off
file or a decompression bomb gets a form error instead of a server error or a gigabyte of memory
per preview.

Documents: the extension must be in `WAGTAILDOCS_EXTENSIONS` (Wagtail) and the content must be
what the extension says: a PDF starts with `%PDF-`, an office file is a zip with its own parts,
text is text and nothing a browser would take for HTML or SVG. An allowed extension this module
does not know how to check is refused, so widening the list needs a check here first.
"""

from __future__ import annotations

import codecs
import os
import re
import secrets
import warnings
import zipfile
from collections.abc import Callable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat, floatformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image as PILImage
from PIL import ImageSequence
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Pillow's name for each image extension Wagtail may accept.
PILLOW_FORMATS = {
    "avif": "AVIF",
    "gif": "GIF",
    "heic": "HEIF",
    "jpeg": "JPEG",
    "jpg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
}

# Enough of a file to recognise its type (zip parts are read from the archive's directory).
HEAD_SIZE = 8192


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def _megapixels(pixels: int) -> str:
    return floatformat(float(f"{pixels / 1_000_000:.3g}"), -3)


# --- Images ---------------------------------------------------------------------------------


def not_an_image_message() -> str:
    return _(
        "This file is not a valid image: it could not be read completely. It may be damaged, "
        "or it is another kind of file with an image's name. Save it again as %(formats)s."
    ) % {"formats": ", ".join(sorted({e.upper() for e in settings.WAGTAILIMAGES_EXTENSIONS}))}


def _too_many_pixels(*, width: int, height: int, frames: int) -> str:
    if frames > 1:
        return _(
            "This animation is too large: %(frames)s frames of %(width)s × %(height)s pixels "
            "(%(megapixels)s megapixel together). The maximum is %(maximum)s megapixel; make "
            "it smaller or shorter and upload it again."
        )
    return _(
        "This image is too large: %(width)s × %(height)s pixels (%(megapixels)s megapixel). "
        "The maximum is %(maximum)s megapixel; make it smaller and upload it again."
    )


def check_image(file) -> None:
    """Raise `ValidationError` unless `file` (with a `name`) is a whole picture Pillow can decode,
    in the format its extension names, within `WAGTAILIMAGES_MAX_UPLOAD_SIZE` bytes and
    `WAGTAILIMAGES_MAX_IMAGE_PIXELS` pixels (all frames together). The pixel count is read from
    the header before anything is decoded."""
    extension = _extension(file.name)
    if extension not in settings.WAGTAILIMAGES_EXTENSIONS or extension not in PILLOW_FORMATS:
        raise ValidationError(not_an_image_message(), code="invalid_image_extension")
    max_size = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
    if max_size is not None and file.size > max_size:
        raise ValidationError(
            _("This image is too large (%(size)s). The maximum is %(maximum)s.")
            % {"size": filesizeformat(file.size), "maximum": filesizeformat(max_size)},
            code="file_too_large",
        )
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Our own limit is counted below, before decoding; Pillow's warning adds nothing.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(file, formats=[PILLOW_FORMATS[extension]]) as picture:
                width, height = picture.size
                frames = getattr(picture, "n_frames", 1)
                if max_pixels is not None and width * height * frames > max_pixels:
                    raise ValidationError(
                        _too_many_pixels(width=width, height=height, frames=frames)
                        % {
                            "width": width,
                            "height": height,
                            "frames": frames,
                            "megapixels": _megapixels(width * height * frames),
                            "maximum": _megapixels(max_pixels),
                        },
                        code="file_too_many_pixels",
                    )
                for frame in ImageSequence.Iterator(picture):
                    frame.load()
    except ValidationError:
        raise
    except PILImage.DecompressionBombError as error:
        # Over twice Pillow's own limit (about 179 megapixel): Pillow refuses to say more.
        raise ValidationError(
            _(
                "This image is too large: more than %(maximum)s megapixel. Make it smaller and "
                "upload it again."
            )
            % {"maximum": _megapixels(max_pixels or PILImage.MAX_IMAGE_PIXELS * 2)},
            code="file_too_many_pixels",
        ) from error
    except Exception as error:  # noqa: BLE001
        # Pillow reports a damaged or disguised file with many kinds of errors (OSError,
        # SyntaxError, ValueError, EOFError, struct.error, DecompressionBombError, …); for an
        # upload each means the same: not an image we can use.
        raise ValidationError(not_an_image_message(), code="invalid_image") from error
    finally:
        file.seek(0)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with the picture decoded completely by Pillow. Wagtail reads only
    the header and lets Pillow's errors through as server errors (`UnidentifiedImageError` for
    `GIF89a<?php …`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["invalid_image"] = not_an_image_message()

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001
            raise ValidationError(not_an_image_message(), code="invalid_image") from error

    def check_image_pixel_size(self, f):
        # Wagtail calls this last, after its checks of size and format; ours covers the pixels.
        check_image(f)
        f.name = unguessable_name(f.name)


def unguessable_name(name: str) -> str:
    """`name` behind a random part. Renditions are public under /media/images/ and named after
    the original, so without it the preview of an image uploaded for a draft could be found by
    guessing a camera's file name (IMG_1234.jpg). Random part first: Wagtail shortens a long
    name from the end when it names a rendition."""
    stem, extension = os.path.splitext(os.path.basename(name))
    return f"{secrets.token_urlsafe(9)}-{slugify(stem)[:40] or 'afbeelding'}{extension.lower()}"


class ImageForm(BaseImageForm):
    """Base of every image form in the editor (`WAGTAILIMAGES_IMAGE_FORM_BASE`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


# --- Documents ------------------------------------------------------------------------------


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


class DocumentForm(BaseDocumentForm):
    """Base of every document form in the editor (`WAGTAILDOCS_DOCUMENT_FORM_BASE`)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_document(file)
        return file
