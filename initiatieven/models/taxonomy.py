"""Vocabularies: the fixed lists (province, sector, level, target group, phase) and themes.

Slugs are the contract with imports, exports, URLs and the search API; labels may be polished.
The fixed lists are created by data migrations; editors may add themes.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index


class VocabularyQuerySet(models.QuerySet):
    def for_labels(self):
        return self.order_by("sort_order", "label")


class VocabularyTerm(index.Indexed, models.Model):
    """One value of a controlled list."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier used in URLs, imports and the API. Do not change it."),
    )
    label = models.CharField(_("label"), max_length=120, help_text=_("Name shown to readers."))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = VocabularyQuerySet.as_manager()

    panels = [FieldPanel("label"), FieldPanel("slug", read_only=True), FieldPanel("sort_order")]
    search_fields = [index.SearchField("label"), index.AutocompleteField("label")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label


class DescribedTerm(VocabularyTerm):
    """A vocabulary value with its own public page and description."""

    description = RichTextField(
        _("description"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown at the top of this value's public page."),
    )

    panels = [*VocabularyTerm.panels, FieldPanel("description")]

    class Meta(VocabularyTerm.Meta):
        abstract = True


class Province(DescribedTerm):
    class Meta(DescribedTerm.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def get_absolute_url(self) -> str:
        return reverse("province_detail", kwargs={"slug": self.slug})


class Theme(DescribedTerm):
    """A curated theme of the movement; editors may add new ones."""

    panels = [
        FieldPanel("label"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        FieldPanel("description"),
    ]

    class Meta(DescribedTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_absolute_url(self) -> str:
        return reverse("theme_detail", kwargs={"slug": self.slug})


class Sector(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class EducationLevel(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("education level")
        verbose_name_plural = _("education levels")


class TargetGroup(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Phase(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
