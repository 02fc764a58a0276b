"""Uploads and the files behind them (issue 12): what `/media/` serves, what the editor accepts
as an image or a document, and how documents are handed out."""

import html
import io
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from functools import partial
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from initiatieven.models import InitiativePage
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from kennisbank import demo
from tests.factories import create_initiative, create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor_client(client, index):
    client.force_login(create_user(groups=[CONTRIBUTOR_GROUP]))
    return client


@pytest.fixture
def moderator_client(client, index):
    client.force_login(create_user(groups=[MODERATOR_GROUP]))
    return client


def png_bytes(size=(40, 30)) -> bytes:
    return get_test_image_file(size=size).file.getvalue()


def gif_bytes(size=(40, 30), frames=1) -> bytes:
    from PIL import Image as PILImage

    pictures = [PILImage.new("RGB", size, colour) for colour in ("red", "green", "blue")[:frames]]
    buffer = io.BytesIO()
    pictures[0].save(buffer, format="GIF", save_all=True, append_images=pictures[1:])
    return buffer.getvalue()


def png_claiming(width: int, height: int, rows: int | None = None) -> bytes:
    """A real PNG of `width` × `height` black pixels: small on disk (zeros compress to almost
    nothing), but decoding it costs width × height bytes or more. With `rows`, only that many
    rows of pixel data follow the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + one grey byte a pixel
    body = b"".join(compressor.compress(row) for _ in range(rows or height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


NOT_AN_IMAGE = "Dit bestand is geen geldige afbeelding"

# What an attacker or a broken export sends as a picture, and the start of the message.
NOT_IMAGES = {
    "php behind a GIF header": ("shell.gif", b"GIF89a<?php system($_GET['c']); ?>", NOT_AN_IMAGE),
    "a GIF cut off halfway": ("broken.gif", gif_bytes((200, 200))[:60], NOT_AN_IMAGE),
    "a PNG cut off halfway": ("broken.png", png_bytes((200, 200))[:60], NOT_AN_IMAGE),
    # Wagtail's own check already names the mismatch (it takes markup for SVG).
    "HTML named .png": ("page.png", b"<html><script>alert(1)</script></html>", "Geen geldige .png"),
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- Finding 3: what /media/ serves ----------------------------------------------------------


@pytest.fixture
def image():
    return Image.objects.create(title="Concept", file=get_test_image_file(size=(400, 300)))


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.fixture
def private_document(private_collection):
    return Document.objects.create(
        title="Intern verslag",
        file=upload("verslag.pdf", b"%PDF-1.4\n% geheim\n"),
        collection=private_collection,
    )


def test_image_originals_are_not_served_from_media(client, image):
    assert image.file.name.startswith("original_images/")
    assert image.file.storage.exists(image.file.name)

    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_renditions_are_served_from_media(client, image):
    rendition = image.get_rendition("max-165x165")

    response = client.get(rendition.url)

    assert rendition.url.startswith("/media/images/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_the_way_to_an_original_through_the_renditions_folder_is_closed(client, image):
    image.get_rendition("max-165x165")
    for path in (
        f"/media/images/../{image.file.name}",
        f"/media/images/%2e%2e/{image.file.name}",
        "/media/images/",
        "/media/images",
        "/media/",
    ):
        assert client.get(path).status_code == 404, path


def test_documents_are_not_served_from_media(client, private_document):
    assert private_document.file.name.startswith("documents/")
    assert private_document.file.storage.exists(private_document.file.name)

    assert client.get(f"/media/{private_document.file.name}").status_code == 404


def test_a_private_document_asks_for_a_login(client, private_document):
    response = client.get(private_document.url)

    assert private_document.url.startswith("/documenten/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_private_document_is_served_after_login(client, private_document):
    client.force_login(create_user())

    response = client.get(private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_documents_are_downloads_that_browsers_do_not_sniff(client):
    for name, content in (("plan.pdf", b"%PDF-1.7\n"), ("lijst.txt", b"Plan van aanpak\n")):
        document = Document.objects.create(title=name, file=upload(name, content))

        response = client.get(document.url)

        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment"), name
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_document_on_an_initiative_is_a_download_for_visitors(client, index):
    document = Document.objects.create(title="Plan", file=upload("plan.pdf", b"%PDF-1.7\n"))
    page = create_initiative(
        index, body=[("document", {"document": document, "title": "Het plan van aanpak"})]
    )

    html = client.get(page.url).content.decode()
    assert f'<a href="{document.url}">Het plan van aanpak</a>' in html
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'


# --- Finding 12: a name too long for the file system -----------------------------------------


@pytest.mark.parametrize("folder", ["", "images/", "original_images/", "documents/"])
def test_a_name_too_long_for_the_file_system_is_not_found(client, folder):
    response = client.get(f"/media/{folder}{'a' * 256}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["images/%00.png", f"images/{'a/' * 3000}x.png", "images/..%2f..%2fsettings.py", "images//"],
)
def test_other_odd_media_addresses_are_not_found(client, path):
    assert client.get(f"/media/{path}").status_code == 404


# --- Findings 6, 10 and 15: images by content ------------------------------------------------


# The three ways into Wagtail's image and document libraries: the upload form, the multiple
# uploader and the chooser's upload tab. Per library: URL namespaces, form prefix, title.
_LIBRARIES = {
    "image": ("wagtailimages", "wagtailimages_chooser", "image-chooser-upload", "Foto"),
    "document": ("wagtaildocs", "wagtaildocs_chooser", "document-chooser-upload", "Bijlage"),
}


def post_upload(library: str, route: str, client, name: str, content: bytes):
    app, chooser, prefix, title = _LIBRARIES[library]
    fields = {"title": title, "file": upload(name, content), "collection": root_collection_id()}
    if route == "single":
        return client.post(reverse(f"{app}:add"), fields)
    if route == "multiple":
        return client.post(
            reverse(f"{app}:add_multiple"),
            {"files[]": fields["file"], "collection": fields["collection"]},
        )
    return client.post(
        reverse(f"{chooser}:create"), {f"{prefix}-{key}": value for key, value in fields.items()}
    )


ROUTES = ("single", "multiple", "chooser")
UPLOADERS = {route: partial(post_upload, "image", route) for route in ROUTES}
DOCUMENT_UPLOADERS = {route: partial(post_upload, "document", route) for route in ROUTES}
single_upload = UPLOADERS["single"]
document_upload = DOCUMENT_UPLOADERS["single"]


def root_collection_id() -> int:
    return Collection.get_first_root_node().pk


def form_errors(response) -> str:
    """The upload's error message, from a form page, the chooser's JSON or the multiple
    uploader's JSON."""
    if response["Content-Type"].startswith("application/json"):
        data = response.json()
        return data.get("error_message") or field_errors(data.get("htmlFragment", ""))
    return field_errors(response.content.decode())


def field_errors(page: str) -> str:
    found = re.findall(r'class="error-message"[^>]*>(.*?)</p>', page, flags=re.DOTALL)
    return " ".join(html.unescape(" ".join(text.split())) for text in found)


@pytest.mark.parametrize("uploader", UPLOADERS)
@pytest.mark.parametrize("case", NOT_IMAGES)
def test_a_file_that_is_not_a_whole_image_is_refused_with_a_message(
    contributor_client, uploader, case
):
    name, content, message = NOT_IMAGES[case]

    response = UPLOADERS[uploader](contributor_client, name, content)

    assert response.status_code == 200
    assert form_errors(response).startswith(message), form_errors(response)
    assert not Image.objects.exists()


@pytest.mark.parametrize("uploader", UPLOADERS)
def test_a_decompression_bomb_is_refused_with_its_size(contributor_client, uploader):
    bomb = png_claiming(11000, 11000)
    assert len(bomb) < 1024 * 1024

    response = UPLOADERS[uploader](contributor_client, "bom.png", bomb)

    assert response.status_code == 200
    message = form_errors(response)
    assert "11000 × 11000 pixels" in message, message
    assert "40 megapixel" in message
    assert not Image.objects.exists()


def test_an_image_beyond_pillows_own_limit_is_refused(contributor_client):
    # Pillow refuses to open over twice its MAX_IMAGE_PIXELS (about 179 megapixel) at all.
    response = single_upload(contributor_client, "bom.png", png_claiming(20000, 20000, rows=1))

    assert "te groot: meer dan 40 megapixel" in form_errors(response), form_errors(response)
    assert not Image.objects.exists()


def test_the_pixel_limit_is_a_setting(contributor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000

    response = single_upload(contributor_client, "foto.png", png_bytes((40, 30)))

    assert "40 × 30 pixels" in form_errors(response)
    assert not Image.objects.exists()


def test_an_image_over_the_size_limit_is_refused(contributor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000

    response = single_upload(contributor_client, "foto.png", png_bytes((200, 200)) + b"\0" * 2000)

    assert "te groot" in form_errors(response)
    assert not Image.objects.exists()


def test_an_image_whose_content_does_not_match_its_name_is_refused(contributor_client):
    response = single_upload(contributor_client, "foto.gif", png_bytes())

    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.parametrize("uploader", UPLOADERS)
def test_a_real_image_is_accepted(contributor_client, uploader):
    response = UPLOADERS[uploader](contributor_client, "foto.png", png_bytes())

    assert response.status_code in (200, 302)
    image = Image.objects.get()
    assert (image.width, image.height) == (40, 30)


def test_an_uploaded_image_gets_a_name_nobody_can_guess(contributor_client):
    for _ in range(2):
        single_upload(contributor_client, "IMG_1234.PNG", png_bytes())

    names = [image.file.name for image in Image.objects.order_by("pk")]
    assert names[0] != names[1]
    for name in names:
        assert re.fullmatch(r"original_images/[\w-]{12}-img_1234\.png", name), name
    rendition = Image.objects.first().get_rendition("max-165x165")
    assert rendition.url.startswith(f"/media/images/{names[0].split('/')[1][:12]}-img_1234.")


def test_a_large_upload_kept_in_a_temporary_file_is_checked_too(contributor_client, settings):
    from PIL import Image as PILImage

    noise = PILImage.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert buffer.tell() > settings.FILE_UPLOAD_MAX_MEMORY_SIZE

    accepted = single_upload(contributor_client, "ruis.png", buffer.getvalue())
    cut_off = single_upload(contributor_client, "kapot.png", buffer.getvalue()[:-100_000])

    assert accepted.status_code == 302
    assert form_errors(cut_off).startswith(NOT_AN_IMAGE), form_errors(cut_off)
    assert Image.objects.get().width == 1000


def test_an_animated_gif_is_accepted(contributor_client):
    single_upload(contributor_client, "animatie.gif", gif_bytes((20, 20), frames=3))

    assert Image.objects.get().width == 20


def test_an_animation_counts_the_pixels_of_every_frame(contributor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000

    response = single_upload(contributor_client, "animatie.gif", gif_bytes((20, 20), frames=3))

    assert "3 beelden van 20 × 20 pixels" in form_errors(response), form_errors(response)
    assert not Image.objects.exists()


# --- Uploads checked by content: documents ---------------------------------------------------


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
PPTX = zipped({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def openpyxl_workbook() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["naam", "plaats"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pypdf_document() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


GOOD_DOCUMENTS = {
    "plan.pdf": b"%PDF-1.7\n1 0 obj\n",
    "verslag.docx": DOCX,
    "cijfers.xlsx": XLSX,
    "dia.pptx": PPTX,
    "tekst.odt": ODT,
    "bijlagen.zip": zipped({"a.txt": b"a"}),
    "lijst.csv": b"naam;plaats\nZorgacademie;Utrecht\n",
    "notitie.txt": "Leren in de praktijk, ‘zorg’ — 2025\r\n".encode(),
    "oud.txt": "Café in Düsseldorf\n".encode("cp1252"),
    "brief.rtf": b"{\\rtf1\\ansi Hallo}",
    "echt.xlsx": openpyxl_workbook(),
    "echt.pdf": pypdf_document(),
    "presentatie.key": zipped({"Index/Document.iwa": b"\x00", "Metadata/Properties.plist": b""}),
    "unicode.csv": "naam\tplaats\r\nZorg & Welzijn\tŁódź\r\n".encode("utf-16"),
    "bmi.txt": b"BMI-waarden per leeftijd\n",  # starts like a BMP picture
    "lang.txt": "Ééé ".encode() * 3000,  # longer than the part that is read
}

BAD_DOCUMENTS = {
    "HTML named .pdf": ("plan.pdf", b"<html><script>alert(1)</script></html>"),
    "HTML named .txt": ("notitie.txt", b"<!DOCTYPE html><html><body>x</body></html>"),
    "SVG named .txt": ("logo.txt", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    "XML named .csv": ("lijst.csv", b'<?xml version="1.0"?><x/>'),
    "a program named .pdf": ("plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60),
    "a program named .txt": ("notitie.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 60),
    "a zip named .docx": ("verslag.docx", zipped({"a.txt": b"a"})),
    "a spreadsheet named .docx": ("verslag.docx", XLSX),
    "a PDF named .xlsx": ("cijfers.xlsx", b"%PDF-1.7\n"),
    "not a zip named .zip": ("bijlagen.zip", b"PK\x03\x04 but nothing after"),
    "a PDF named .rtf": ("brief.rtf", b"%PDF-1.7\n"),
    "a zip named .key": ("presentatie.key", zipped({"a.txt": b"a"})),
    "HTML in UTF-16 named .csv": ("lijst.csv", "<html><body>x</body></html>".encode("utf-16")),
    "HTML after blank lines named .txt": ("notitie.txt", b"\r\n\n  <script>alert(1)</script>"),
}


@pytest.mark.parametrize("name", GOOD_DOCUMENTS)
def test_documents_of_the_allowed_types_are_accepted(moderator_client, name):
    response = document_upload(moderator_client, name, GOOD_DOCUMENTS[name])

    assert response.status_code == 302, form_errors(response)
    assert Document.objects.get().file.read() == GOOD_DOCUMENTS[name]


@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_a_document_whose_content_does_not_match_its_type_is_refused(moderator_client, case):
    name, content = BAD_DOCUMENTS[case]

    response = document_upload(moderator_client, name, content)

    assert response.status_code == 200
    assert "past niet bij" in form_errors(response), form_errors(response)
    assert not Document.objects.exists()


@pytest.mark.parametrize("uploader", DOCUMENT_UPLOADERS)
def test_every_document_upload_checks_the_content(moderator_client, uploader):
    response = DOCUMENT_UPLOADERS[uploader](moderator_client, "plan.pdf", b"<html></html>")

    assert response.status_code == 200
    assert "past niet bij" in form_errors(response), form_errors(response)
    assert not Document.objects.exists()


def test_documents_of_other_types_are_refused(moderator_client):
    for name in ("pagina.html", "logo.svg", "setup.exe", "script.js"):
        response = document_upload(moderator_client, name, b"<html></html>")

        assert response.status_code == 200
        assert not Document.objects.exists()


def test_a_document_over_the_size_limit_is_refused(moderator_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100

    response = document_upload(moderator_client, "plan.pdf", b"%PDF-1.7\n" + b"x" * 200)

    assert response.status_code == 200
    assert not Document.objects.exists()


# --- Every way an image is made, and what the site shows of them ------------------------------


def test_the_demo_loader_bounds_its_images_as_an_upload(index, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000

    with pytest.raises(ValidationError, match="1200 × 675 pixels"):
        demo.load_demo(with_admin=False)

    assert not Image.objects.exists()


def media_addresses(content: str) -> set[str]:
    return set(re.findall(r"/media/[^\"'\s\\<>&]+", content))


def test_the_demo_pictures_reach_visitors_and_editors(index, client):
    demo.load_demo(with_admin=False)
    shown = set()
    for page in InitiativePage.objects.live():
        if pictures := media_addresses(client.get(page.url).content.decode()):
            shown |= pictures
            break
    assert shown
    image = Image.objects.get(title=demo.IMAGES[0].title)

    client.force_login(create_user(groups=[MODERATOR_GROUP]))
    for address in (
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        in_editor = media_addresses(response.content.decode())
        assert in_editor, address
        shown |= in_editor
    # The upload forms, with the field that checks the content.
    for address in (
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtaildocs_chooser:create"),
    ):
        assert client.get(address).status_code == 200, address

    client.logout()
    for address in shown:
        assert client.get(address).status_code == 200, address
        assert address.startswith("/media/images/"), address


def test_upload_limits_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.WAGTAILIMAGES_MAX_UPLOAD_SIZE, s.WAGTAILIMAGES_MAX_IMAGE_PIXELS, "
        "s.WAGTAILDOCS_MAX_UPLOAD_SIZE)"
    )

    def limits(**env: str) -> str:
        base = {k: v for k, v in os.environ.items() if not k.endswith(("_MB", "_MEGAPIXELS"))}
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parents[2],
            env={**base, "DJANGO_SETTINGS_MODULE": "kennisbank.settings", **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.split()

    assert limits() == [str(10 * 1024**2), str(40 * 10**6), str(25 * 1024**2)]
    assert limits(
        IMAGE_MAX_UPLOAD_MB="2", IMAGE_MAX_MEGAPIXELS="12.5", DOCUMENT_MAX_UPLOAD_MB="5"
    ) == [
        str(2 * 1024**2),
        str(12_500_000),
        str(5 * 1024**2),
    ]
