"""A page's description in one line of plain text: for search engines, link previews and the
structured data alike."""

from __future__ import annotations

import html

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField
from wagtail.models import Page

DESCRIPTION_LENGTH = 300


def default_description() -> str:
    return _("Practice examples of renewal in care and care education in the Netherlands.")


def plain_text(value: object, length: int = DESCRIPTION_LENGTH) -> str:
    """Text as one line of at most `length` characters. HTML (a safe string, such as rendered
    rich text or a translation with variables) loses its tags and entities; plain text, such as
    a summary, is taken as it is: a `<` there is a character."""
    text = str(value or "")
    if isinstance(value, SafeData):
        text = html.unescape(strip_tags(text))
    return Truncator(" ".join(text.split())).chars(length)


def _field_text(page: Page, name: str) -> object:
    value = getattr(page, name, "")
    try:
        field = page._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    return mark_safe(value) if isinstance(field, RichTextField) else value  # noqa: S308


def page_description(page: Page | None) -> str:
    """The editor's SEO description, else the page's own summary or introduction."""
    if page is None:
        return default_description()
    for candidate in (
        page.search_description,
        _field_text(page, "summary"),
        _field_text(page, "intro"),
    ):
        text = plain_text(candidate)
        if text:
            return text
    return default_description()
