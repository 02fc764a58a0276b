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
does not know how to check is refused, so widening the list needs a check in `documents.py` first.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from initiatieven.uploads.documents import check_document
from initiatieven.uploads.images import CheckedImageField, check_image

__all__ = ["DocumentForm", "ImageForm", "check_document", "check_image"]


class ImageForm(BaseImageForm):
    """Base of every image form in the editor (`WAGTAILIMAGES_IMAGE_FORM_BASE`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


class DocumentForm(BaseDocumentForm):
    """Base of every document form in the editor (`WAGTAILDOCS_DOCUMENT_FORM_BASE`)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_document(file)
        return file
