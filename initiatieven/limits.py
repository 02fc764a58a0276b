"""How much text an initiative holds, wherever the text comes from (editor, import).

Far above what a real initiative needs (the demo's longest section has about 500 characters, a
whole seed article about 6,700), low enough that one page cannot slow down every listing and
search that shows it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Characters of text in each of the four rich text sections, markup not counted.
SECTION_TEXT_LIMIT = 10_000
# Characters of HTML a section may take, markup included: links and lists add markup, but not
# ten times the text.
SECTION_HTML_LIMIT = 10 * SECTION_TEXT_LIMIT
QUOTE_LIMIT = 2_000
SEARCH_DESCRIPTION_LIMIT = 1_000
URL_LIMIT = 500
MEDIA_BLOCK_LIMIT = 50
LINK_LIMIT = 30


@deconstructible
class StoredLengthValidator:
    """Refuses a value whose stored form (rich text: its HTML) is longer than `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        if value and len(value) > self.limit:
            raise ValidationError(
                _(
                    "This text takes %(length)s characters with its formatting; at most "
                    "%(limit)s are allowed. Shorten it or remove formatting."
                ),
                code="stored_length",
                params={"length": len(value), "limit": self.limit},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StoredLengthValidator) and other.limit == self.limit
