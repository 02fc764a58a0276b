"""Suggestions while typing (`/api/zoeken/suggesties/`), the same on every engine.

What someone types is folded (case and accents ignored) and split into words; a title or name
matches when each typed word is the start of one of its words ("dem" finds "Mensen met
dementie in de klas", "rijn" finds "mboRijnland"). Those that start with the whole typed text
come first, then the rest by label. Themes and provinces (those live initiatives use, found by
label or slug: "fries" and "frysl" both find Fryslân) and published organisations named by a
live initiative come from the database for every engine; each engine finds the initiative
titles itself (`titles` of `answer`), the database engine with `live_titles` below.
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Max
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from initiatieven.models import Organisation, Theme
from initiatieven.queries import live_initiatives
from search import facets
from search.dutch.folding import fold
from search.interface import (
    MAX_SUGGEST_LENGTH,
    MIN_SUGGEST_LENGTH,
    SUGGESTION_LIMITS,
    Suggestion,
    Suggestions,
)

# A word boundary inside a name written together: "mboRijnland", "ZorgCoöperatie".
_INNER_CAPITAL = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")
_ALLOWED_CONTROLS = frozenset("\t\n\r")
# Sorts after every folded text that starts with a given prefix (folded: [a-z0-9] and spaces).
_AFTER_PREFIX = "~"


@dataclass(frozen=True)
class Prefixes:
    """What was typed, folded: its words (each must start a word of a match) and all of it
    (a match whose text starts with it comes first)."""

    words: tuple[str, ...]
    start: str


def read(params: QueryDict) -> tuple[str, list[str]]:
    """The typed text of `params` (`q`, spaces collapsed) and what is wrong with it."""
    raw = params.get("q", "")
    problems = []
    if len(raw) > MAX_SUGGEST_LENGTH:
        problems.append(
            _("'q' may be at most %(limit)s characters long for suggestions; got %(length)s.")
            % {"limit": MAX_SUGGEST_LENGTH, "length": len(raw)}
        )
    if any(unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS for char in raw):
        problems.append(_("'q' contains control characters; type letters, digits or spaces."))
    return " ".join(raw.split()), problems


def prefixes_of(text: str) -> Prefixes | None:
    """The folded words of `text`; None when it has fewer than MIN_SUGGEST_LENGTH letters and
    digits (nothing is suggested yet)."""
    start = fold(text)
    words = tuple(dict.fromkeys(start.split()))
    if sum(len(word) for word in words) < MIN_SUGGEST_LENGTH:
        return None
    return Prefixes(words=words, start=start)


def forms(*texts: str) -> list[str]:
    """The folded forms a title or name is found by: as written, and with names written
    together split at their inner capitals (both, when they differ)."""
    found: dict[str, None] = {}
    for text in texts:
        for form in (fold(text), fold(_INNER_CAPITAL.sub(" ", text))):
            if form:
                found[form] = None
    return list(found)


class WordIndex:
    """Labelled entries found by the starts of their words (see the module's docstring)."""

    def __init__(self, entries: Iterable[tuple[object, str, tuple[str, ...]]]):
        """`entries`: (key, label, texts to find it by) each."""
        self.keys: list[object] = []
        self.labels: list[str] = []
        self.forms: list[list[str]] = []
        postings: dict[str, list[int]] = {}
        for key, label, texts in entries:
            at = len(self.keys)
            self.keys.append(key)
            self.labels.append(label)
            self.forms.append(forms(*texts))
            for word in {word for form in self.forms[at] for word in form.split()}:
                postings.setdefault(word, []).append(at)
        self.words = sorted(postings)
        self.postings = [postings[word] for word in self.words]
        # Every form, sorted, with its entry: those starting with a text are one range.
        whole = sorted(
            (form, at) for at, entry_forms in enumerate(self.forms) for form in entry_forms
        )
        self.whole = [form for form, _at in whole]
        self.whole_entries = [at for _form, at in whole]
        by_label = sorted(range(len(self.keys)), key=self._label_order)
        self.rank = [0] * len(self.keys)
        for rank, at in enumerate(by_label):
            self.rank[at] = rank

    def _label_order(self, at: int) -> tuple:
        return self.labels[at].casefold(), self.keys[at]

    def _having(self, prefix: str) -> set[int]:
        """Entries with a word starting with `prefix`."""
        low, high = _prefix_range(self.words, prefix)
        found: set[int] = set()
        for positions in self.postings[low:high]:
            found.update(positions)
        return found

    def matches(self, prefixes: Prefixes, limit: int) -> list[tuple[object, str]]:
        """(key, label) of at most `limit` matches, in the order suggestions are shown."""
        if not self.keys:
            return []
        having = sorted((self._having(word) for word in prefixes.words), key=len)
        found = having[0].intersection(*having[1:])
        low, high = _prefix_range(self.whole, prefixes.start)
        first = found.intersection(self.whole_entries[low:high])
        by_rank = self.rank.__getitem__
        chosen = heapq.nsmallest(limit, first, by_rank)
        if len(chosen) < limit:
            chosen += heapq.nsmallest(limit - len(chosen), found - first, by_rank)
        return [(self.keys[at], self.labels[at]) for at in chosen]


def _prefix_range(ordered: list[str], prefix: str) -> tuple[int, int]:
    """The range of the sorted `ordered` that starts with `prefix`."""
    low = bisect.bisect_left(ordered, prefix)
    return low, bisect.bisect_left(ordered, prefix + _AFTER_PREFIX, lo=low)


# (what was typed, how many, the version of the live initiatives) -> initiatives to suggest
TitleFinder = Callable[[Prefixes, int, tuple], list[Suggestion]]


def answer(text: str, *, engine: str, titles: TitleFinder) -> Suggestions:
    """The suggestions for `text`: themes, provinces and organisations from the database,
    initiatives from `titles` (the engine's own search), at most SUGGESTION_LIMITS of each."""
    prefixes = prefixes_of(text)
    if prefixes is None:
        return Suggestions(text=text, engine=engine, items=[])
    version = _live_version()
    labels = facets.facet_terms()  # read now: an editor may have just renamed a value
    found = {
        "thema": _vocabulary(labels["thema"], "theme_detail", _themes_in_use(version)),
        "provincie": _vocabulary(
            labels["provincie"], "province_detail", _provinces_in_use(version)
        ),
        "organisatie": _organisations(version),
    }
    items = []
    for kind, limit in SUGGESTION_LIMITS.items():
        if kind == "initiatief":
            items.extend(titles(prefixes, limit, version))
            continue
        index, url_of = found[kind]
        items.extend(
            Suggestion(kind=kind, label=label, url=url_of(key))
            for key, label in index.matches(prefixes, limit)
        )
    return Suggestions(text=text, engine=engine, items=items)


def live_titles(prefixes: Prefixes, limit: int, version: tuple) -> list[Suggestion]:
    """The initiatives to suggest, found in the titles of the live initiatives held in memory
    (rebuilt when the live set changes): the database engine's way."""
    index = _memoised("titles", version, _title_index)
    ids = [pk for pk, _label in index.matches(prefixes, limit)]
    if not ids:
        return []
    pages = Page.objects.filter(pk__in=ids).in_bulk()
    root_paths = Site.get_site_root_paths()  # read once, not once per page
    for page in pages.values():
        page._wagtail_cached_site_root_paths = root_paths
    return [
        Suggestion(kind="initiatief", label=pages[pk].title, url=pages[pk].url or "")
        for pk in ids
        if pk in pages
    ]


# --- what is suggested, kept per version of the live initiatives -------------------------------

_memo: dict[str, tuple[tuple, object]] = {}


def _memoised(name: str, version: tuple, build: Callable[[], object]):
    cached = _memo.get(name)
    if cached is None or cached[0] != version:
        cached = (version, build())
        _memo[name] = cached
    return cached[1]


def _live_version() -> tuple:
    """Changes whenever an initiative is published, unpublished or made private (their
    titles, vocabularies and organisations change only by publishing)."""
    return tuple(
        live_initiatives().aggregate(Count("pk"), Max("last_published_at"), Max("pk")).values()
    )


def _title_index() -> WordIndex:
    return WordIndex(
        (pk, title, (title,)) for pk, title in live_initiatives().values_list("pk", "title")
    )


def _themes_in_use(version: tuple) -> frozenset[str]:
    return _memoised(
        "themes",
        version,
        lambda: frozenset(
            Theme.objects.filter(initiatives__in=live_initiatives().values("pk"))
            .order_by()
            .values_list("slug", flat=True)
            .distinct()
        ),
    )


def _provinces_in_use(version: tuple) -> frozenset[str]:
    return _memoised(
        "provinces",
        version,
        lambda: frozenset(
            live_initiatives()
            .exclude(province=None)
            .order_by()
            .values_list("province__slug", flat=True)
            .distinct()
        ),
    )


def _vocabulary(
    labels: dict[str, str], view: str, in_use: frozenset[str]
) -> tuple[WordIndex, Callable]:
    """The values of a vocabulary (slug -> label) that live initiatives use, each leading to
    its listing."""
    index = WordIndex(
        (slug, label, (label, slug.replace("-", " ")))
        for slug, label in labels.items()
        if slug in in_use
    )
    return index, lambda slug: reverse(view, kwargs={"slug": slug})


def _organisations(version: tuple) -> tuple[WordIndex, Callable]:
    """Published organisations that a live initiative names, each leading to a search for
    its name (which finds its initiatives)."""
    published = Organisation.objects.filter(live=True)
    organisation_version = tuple(
        published.aggregate(Count("pk"), Max("last_published_at"), Max("pk")).values()
    )
    index = _memoised(
        "organisations",
        (version, organisation_version),
        lambda: WordIndex(
            (name, name, (name,))
            for name in published.filter(initiatives__in=live_initiatives().values("pk"))
            .order_by()
            .values_list("name", flat=True)
            .distinct()
        ),
    )
    return index, lambda name: f"{reverse('search')}?{urlencode({'q': name})}"
