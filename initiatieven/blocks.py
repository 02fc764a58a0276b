"""StreamField blocks for the media and voices of an initiative."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from initiatieven.limits import LINK_LIMIT, MEDIA_BLOCK_LIMIT, QUOTE_LIMIT, URL_LIMIT


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=QUOTE_LIMIT)
    speaker_role = blocks.CharBlock(
        label=_("Speaker's role"),
        max_length=150,
        help_text=_("E.g. 'student verpleegkunde' or 'mantelzorger'. Only name people who agreed."),
    )
    speaker_name = blocks.CharBlock(label=_("Speaker's name"), max_length=150, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), max_length=200, required=False, help_text=_("Defaults to the title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Web address"), max_length=URL_LIMIT)

    class Meta:
        icon = "link"
        label = _("Link")


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=150, required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1, max_num=LINK_LIMIT)

    class Meta:
        icon = "list-ul"
        label = _("List of links")
        template = "blocks/link_list_block.html"


class MediaAndVoicesBlock(blocks.StreamBlock):
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    links = LinkListBlock()

    class Meta:
        max_num = MEDIA_BLOCK_LIMIT
