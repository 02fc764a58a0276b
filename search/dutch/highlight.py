"""Search result snippets with the matching words marked."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import content_words, inner_capital_split, query_terms, stem, tokens
from .compounds import Lexicon
from .lemmas import lemma_stem

MIN_PREFIX = 3
ELLIPSIS = "…"


def highlight(
    text: str, query: str, *, length: int = 220, lexicon: Lexicon | None = None
) -> SafeString:
    """`text` as escaped HTML, each word matching `query` in <mark>, cut to about `length`.

    See `Highlighter`, which marks many texts for one query and remembers its verdict on
    each word between them.
    """
    return Highlighter(query, lexicon=lexicon)(text, length=length)


class Highlighter:
    """Marks the words of texts that match one query.

    A word matches when its stem or its dictionary form's is a query stem, when it is a
    compound with a part whose stem is a query stem, or when it or one of its parts starts with
    the query's last word (search as you type). A name with inner capitals is marked whole when
    one of its parts matches (mboRijnland for "rijnland"), as a compound is. The window holds as
    many matches as fit, starts a little before the first of them and is cut on word
    boundaries, with "…" where text was left out; without matches it is the start of the text.
    """

    def __init__(self, query: str, *, also: Iterable[str] = (), lexicon: Lexicon | None = None):
        """`also`: more stems to mark, such as those of synonyms and corrections."""
        self.lexicon = lexicon or Lexicon.default()
        self.stems = set(query_terms(query)) | set(also)
        typed = content_words(query)
        self.prefix = typed[-1] if typed and len(typed[-1]) >= MIN_PREFIX else None
        self._seen: dict[str, bool] = {}  # a page of results repeats most of its words

    @property
    def marks_anything(self) -> bool:
        return bool(self.stems or self.prefix)

    def matches(self, word: str) -> bool:
        if word not in self._seen:
            self._seen[word] = (
                stem(word) in self.stems
                or lemma_stem(word) in self.stems
                or not self.stems.isdisjoint(self.lexicon.compound_terms(word))
                or (
                    self.prefix is not None
                    and self.prefix in word  # before the costlier split into parts
                    and any(word.startswith(self.prefix, at) for at in self._starts(word))
                )
            )
        return self._seen[word]

    def _starts(self, word: str) -> list[int]:
        return [0, *(start for start, _ in self.lexicon.split(word)[1:])]

    def __call__(self, text: str, *, length: int = 220) -> SafeString:
        text = " ".join(unicodedata.normalize("NFC", text or "").split())
        # Without anything to mark only the start of the text is shown: no need to read the rest.
        found = list(tokens(text if self.marks_anything else text[: length + 1]))
        spans = [(start, end) for start, end, _ in found]
        hits = [
            (start, end)
            for start, end, pieces in found
            if any(map(self.matches, pieces))
            or any(map(self.matches, inner_capital_split(text[start:end])))
        ]
        start, end = _window(text, spans, hits, length)

        html: list[str] = [ELLIPSIS] if start > 0 else []
        position = start
        for hit_start, hit_end in hits:
            if hit_start >= start and hit_end <= end:
                html += [
                    escape(text[position:hit_start]),
                    "<mark>",
                    escape(text[hit_start:hit_end]),
                ]
                html.append("</mark>")
                position = hit_end
        html.append(escape(text[position:end]))
        if end < len(text):
            html.append(ELLIPSIS)
        # Every piece of `text` went through escape(); only our own <mark> tags are markup.
        return mark_safe("".join(html))  # noqa: S308


def _window(
    text: str, spans: list[tuple[int, int]], hits: list[tuple[int, int]], length: int
) -> tuple[int, int]:
    """The (start, end) to show: word boundaries, the most hits, a little context before."""
    if len(text) <= length:
        return 0, len(text)
    start = 0
    if hits:
        lead = length // 4

        def hits_in_window(hit: tuple[int, int]) -> int:
            left = max(0, hit[0] - lead)
            return sum(1 for a, b in hits if a >= left and b <= left + length)

        first = max(hits[:50], key=hits_in_window)  # max() keeps the earliest of equals
        start = min(max(0, first[0] - lead), len(text) - length)
        start = next((a for a, _ in spans if a >= start), start) if start else 0
    ends = [b for a, b in spans if a >= start and b <= start + length]
    return start, ends[-1] if ends else start + length
