"""Image renditions made ahead, when an image is saved or a page that shows it is published, so
that no visitor waits for one (making the renditions of a large photo takes about a second).

PUBLIC_RENDITION_SPECS lists every rendition the public templates and the share preview use
(tests/initiatieven/test_renditions.py checks the templates against it). The work runs as a
task: in the worker in production, at once with the ImmediateBackend."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django_tasks import task
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, SourceImageIOError
from wagtail.models import Page

# Card (components/initiative_card.html, collection_card.html), an initiative's hero image and a
# collection's image (initiatieven/initiative_page.html, collection_page.html), an image in
# an initiative's media (blocks/image_block.html) and the share preview (seo/metadata.py).
CARD_SPEC = "fill-480x270"
LEAD_SPEC = "max-800x450"
BODY_IMAGE_SPEC = "max-1000x800"
SHARE_PREVIEW_SPEC = "fill-1200x630"
PUBLIC_RENDITION_SPECS = (CARD_SPEC, LEAD_SPEC, BODY_IMAGE_SPEC, SHARE_PREVIEW_SPEC)


@task()
def make_image_renditions(image_ids: list[int]) -> None:
    """Makes the public renditions each image still lacks; an image gone or unreadable is left
    out (its page then shows no image rather than failing)."""
    for image in get_image_model().objects.filter(pk__in=image_ids).prefetch_related("renditions"):
        try:
            image.get_renditions(*PUBLIC_RENDITION_SPECS)
        except (SourceImageIOError, OSError):
            continue


@task()
def make_page_renditions(page_id: int) -> None:
    """Makes the public renditions of every image the page's live version shows."""
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is not None:
        make_image_renditions.call(sorted(set(_image_ids(page))))


def _image_ids(page: Page) -> Iterator[int]:
    for field in page._meta.get_fields():
        if getattr(field, "many_to_one", False) and _is_image_model(field.related_model):
            image_id = getattr(page, field.attname)
            if image_id is not None:
                yield image_id
        elif isinstance(field, StreamField):
            yield from _images_in(getattr(page, field.name))


def _images_in(value) -> Iterator[int]:
    if isinstance(value, AbstractImage):
        yield value.pk
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _images_in(child.value)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from _images_in(child)
    elif isinstance(value, ListValue | list):
        for child in value:
            yield from _images_in(child)


def _is_image_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, AbstractImage)


def _may_show_images(page: Page) -> bool:
    # Without a query: an image chosen in a field, or any content in a StreamField.
    for field in page._meta.get_fields():
        if getattr(field, "many_to_one", False) and _is_image_model(field.related_model):
            if getattr(page, field.attname) is not None:
                return True
        elif isinstance(field, StreamField) and len(getattr(page, field.name).raw_data):
            return True
    return False


def _on_image_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        image_id = instance.pk
        transaction.on_commit(lambda: make_image_renditions.enqueue([image_id]))


def _on_page_published(sender, instance, **kwargs) -> None:
    if _may_show_images(instance):
        page_id = instance.pk
        transaction.on_commit(lambda: make_page_renditions.enqueue(page_id))


def register_signal_handlers() -> None:
    from django.db.models.signals import post_save
    from wagtail.signals import page_published

    post_save.connect(_on_image_saved, sender=get_image_model())
    page_published.connect(_on_page_published)
