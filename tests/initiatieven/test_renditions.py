"""Issue 14, part 3: image renditions are made when an image is saved or a page showing it is
published (initiatieven/renditions.py), not on the first visitor's request."""

import re
from pathlib import Path

import pytest
from django.core.cache import caches
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from initiatieven.renditions import PUBLIC_RENDITION_SPECS
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


def test_every_rendition_the_public_templates_use_is_in_the_list():
    used = {
        spec
        for template in TEMPLATES.rglob("*.html")
        if "wagtailadmin" not in template.parts
        for spec in re.findall(
            r"{%\s*(?:image|picture|srcset_image)\s+\S+\s+([\w-]+)", template.read_text()
        )
    }
    assert used, "no {% image %} found: the pattern no longer matches the templates"
    assert used <= set(PUBLIC_RENDITION_SPECS)


def test_a_saved_image_has_its_renditions_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(title="Foto", file=get_test_image_file(size=(1600, 900)))
    assert {rendition.filter_spec for rendition in image.renditions.all()} == set(
        PUBLIC_RENDITION_SPECS
    )


def test_viewing_a_published_initiative_makes_no_rendition(
    client, index, django_capture_on_commit_callbacks
):
    images = [
        Image.objects.create(title=f"Foto {number}", file=get_test_image_file(size=(1600, 900)))
        for number in range(2)
    ]
    Rendition.objects.all().delete()  # as for images uploaded before renditions were made ahead
    with django_capture_on_commit_callbacks(execute=True):
        page = create_initiative(
            index,
            hero_image=images[0],
            hero_image_alt="Studenten in de keuken",
            body=[("image", {"image": images[1], "alt_text": "Een les", "caption": ""})],
        )
    made = Rendition.objects.count()
    assert made >= len(PUBLIC_RENDITION_SPECS)
    for alias in ("pages", "renditions"):
        caches[alias].clear()

    html = client.get(page.url).content.decode()
    client.get(index.url)

    assert "max-800x450" in html
    assert Rendition.objects.count() == made
