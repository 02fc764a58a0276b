"""Images by content: Pillow must decode the whole picture, every frame, in the format its
extension names, within the size and pixel limits (see the package's docstring)."""

from __future__ import annotations

import os
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat, floatformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageSequence
from wagtail.images.fields import WagtailImageField

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


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def _megapixels(pixels: int) -> str:
    return floatformat(float(f"{pixels / 1_000_000:.3g}"), -3)


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
