"""Wagtail's revision comparison (the editor's compare view and the review of a submission) by
content: rich text that only the editor re-serialised, or keywords in another order, is no
change. Registered through `register_comparison_class` when the app is ready."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from taggit.managers import TaggableManager
from wagtail.admin.compare import (
    RichTextFieldComparison,
    TagsFieldComparison,
    register_comparison_class,
)
from wagtail.fields import RichTextField

from initiatieven.history.rich_text_diff import DiffStyle, rich_text_diff, same_rich_text


def _removed(html: SafeString) -> SafeString:
    return format_html(
        '<span class="deletion"><span class="w-sr-only">{}: </span>{}</span>', _("removed"), html
    )


def _added(html: SafeString) -> SafeString:
    return format_html(
        '<span class="addition"><span class="w-sr-only">{}: </span>{}</span>', _("added"), html
    )


ADMIN_STYLE = DiffStyle(removed=_removed, added=_added)


class ContentRichTextFieldComparison(RichTextFieldComparison):
    """Equal when blocks, words, styles and links are; the diff keeps paragraphs apart."""

    def has_changed(self) -> bool:
        return not same_rich_text(self.val_a, self.val_b)

    def htmldiff(self) -> SafeString:
        return rich_text_diff(self.val_a, self.val_b, style=ADMIN_STYLE)


class UnorderedTagsFieldComparison(TagsFieldComparison):
    """Keywords are a set: the order in which a form sent them back is no change."""

    def get_items(self) -> tuple[list, list]:
        key = self.get_item_display
        items_a, items_b = super().get_items()
        return sorted(items_a, key=key), sorted(items_b, key=key)


def register() -> None:
    register_comparison_class(RichTextField, comparison_class=ContentRichTextFieldComparison)
    # Also covers modelcluster's ClusterTaggableManager, a subclass.
    register_comparison_class(TaggableManager, comparison_class=UnorderedTagsFieldComparison)
