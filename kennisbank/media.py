"""Uploads the site serves itself under `/media/` (`SERVE_MEDIA`): image renditions only.

What else lies in `MEDIA_ROOT` is not public: image originals (`original_images/`, an upload
for a draft among them) and documents (`documents/`, which Wagtail's serve view at
`/documenten/` hands out after checking the collection's privacy). A web server that serves
`/media/` itself must do the same: `MEDIA_ROOT/images/` only.
"""

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve

PUBLIC_MEDIA_FOLDERS = ("images",)


def serve_public_media(request: HttpRequest, path: str) -> HttpResponse:
    # Normalised first, so `images/../original_images/x.png` is judged by where it leads.
    path = posixpath.normpath(path).lstrip("/")
    folder, _, name = path.partition("/")
    if folder not in PUBLIC_MEDIA_FOLDERS or not name:
        raise Http404
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        # A name longer than the file system allows (ENAMETOOLONG) and the like: no such file.
        raise Http404 from error
