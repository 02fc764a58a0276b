"""Curated collections of initiatives, made by Redacteuren for policymakers and teachers.

A collection is either hand-picked (an ordered list of initiatives, each with an optional
curator's note) or a saved search (the text and filters of `/zoeken/`), which stays current as
initiatives are published. Only live, public initiatives ever appear in one.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from initiatieven.admin.forms import BlankRichTextForm
from initiatieven.admin.panels import PageChooserPanel
from initiatieven.admin.widgets import ImageChooser
from initiatieven.page_hooks import ContextFromHooks, collection_feed, normalise_selection

# Bounds: a collection is a curated selection, not a second search page.
MAX_HAND_PICKED = 200
MAX_SELECTION_SIZE = 1000
SELECTION_LENGTH = 1000


def _selection_limit_help() -> str:
    # Translated when shown, not once at import (a lazy text formatted at once is not lazy).
    return gettext("At most this many initiatives (empty: all, up to %(limit)s).") % {
        "limit": MAX_SELECTION_SIZE
    }


class CollectionKind(models.TextChoices):
    HAND_PICKED = "handmatig", _("Hand-picked: the initiatives chosen below")
    SELECTION = "selectie", _("By selection: a saved search that stays current")


class SelectionSort(models.TextChoices):
    NEWEST = "nieuw", _("Newest first")
    UPDATED = "bijgewerkt", _("Last updated first")
    TITLE = "titel", _("Title (A–Z)")
    RELEVANCE = "relevantie", _("Relevance (with a search text)")


class CollectionIndexPage(ContextFromHooks, Page):
    """Lists the published collections (through the hooks). New collections are created under
    it (Redacteuren)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["initiatieven.HomePage"]
    subpage_types = ["initiatieven.CollectionPage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("collections index")


class CollectionPageForm(BlankRichTextForm):
    """Checks what the page alone cannot: the chosen initiatives of a hand-picked collection."""

    def clean(self):
        cleaned = super().clean()
        items = self.formsets.get("items")
        if cleaned.get("kind") != CollectionKind.HAND_PICKED or items is None:
            return cleaned
        seen: set[int] = set()
        for form in items.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            initiative = form.cleaned_data.get("initiative")
            if initiative is None:
                continue
            if initiative.pk in seen:
                form.add_error(
                    "initiative",
                    _("‘%(title)s’ is already in this collection.") % {"title": initiative.title},
                )
            seen.add(initiative.pk)
        return cleaned


class CollectionPage(ContextFromHooks, RoutablePageMixin, Page):
    """A curated collection: hand-picked initiatives with notes, or a saved search that stays
    current. Its page shows what it holds in numbers, and offers downloads and a feed."""

    intro = RichTextField(
        _("introduction"),
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("What this collection is about and why these initiatives belong together."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: describe what it shows."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=CollectionKind.choices,
        default=CollectionKind.HAND_PICKED,
    )
    selection = models.CharField(
        _("saved search"),
        max_length=SELECTION_LENGTH,
        blank=True,
        help_text=_(
            "Search on /zoeken/ with the words and filters you want, then paste the address "
            "here; choose the order below. Example: /zoeken/?q=dementie&provincie=noord-holland"
        ),
    )
    selection_sort = models.CharField(
        _("order"),
        max_length=20,
        choices=SelectionSort.choices,
        default=SelectionSort.NEWEST,
    )
    selection_limit = models.PositiveSmallIntegerField(
        _("maximum"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SELECTION_SIZE)],
        help_text=lazy(_selection_limit_help, str)(),
    )
    featured = models.BooleanField(
        _("feature on the home page"),
        default=False,
        help_text=_("Featured collections are shown on the home page."),
    )

    parent_page_types = ["initiatieven.CollectionIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("image", widget=ImageChooser), FieldPanel("image_alt")], heading=_("Image")
        ),
        FieldPanel("kind", widget=forms.RadioSelect),
        InlinePanel(
            "items",
            label=_("Initiative"),
            heading=_("Hand-picked initiatives"),
            help_text=_("Only for a hand-picked collection: the initiatives in this order."),
            max_num=MAX_HAND_PICKED,
        ),
        MultiFieldPanel(
            [FieldPanel("selection"), FieldPanel("selection_sort"), FieldPanel("selection_limit")],
            heading=_("Saved search"),
            help_text=_("Only for a collection by selection."),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("featured")]
    base_form_class = CollectionPageForm

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # The read API (/api/v2/collecties/) adds the initiatives the collection holds.
    api_fields = [
        APIField("intro"),
        APIField("kind"),
        APIField("selection"),
        APIField("selection_sort"),
        APIField("selection_limit"),
        APIField("featured"),
        APIField("last_published_at"),
    ]

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    @property
    def is_selection(self) -> bool:
        return self.kind == CollectionKind.SELECTION

    def clean(self):
        super().clean()
        errors = {}
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if self.is_selection:
            try:
                self.selection = normalise_selection(self.selection)
            except ValueError as problem:
                errors["selection"] = str(problem)
        if errors:
            raise ValidationError(errors)

    @path("feed/", name="feed")
    def feed_view(self, request):
        return collection_feed(self, request)


class CollectionItem(Orderable):
    """One hand-picked initiative of a collection, with an optional note from the curator."""

    collection = ParentalKey(CollectionPage, related_name="items", on_delete=models.CASCADE)
    initiative = models.ForeignKey(
        "initiatieven.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="collection_items",
    )
    note = models.CharField(
        _("curator's note"),
        max_length=300,
        blank=True,
        help_text=_("Why this one? Shown with its card. Example: ‘A small start that grew fast.’"),
    )

    panels = [PageChooserPanel("initiative", "initiatieven.InitiativePage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("collection initiative")
