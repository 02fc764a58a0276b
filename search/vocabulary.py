"""The words search knows (from indexed initiatives) and the editors' synonyms, cached per
process and refreshed when they change."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import F

from search.models import IndexedWord, SynonymGroup

VERSION_KEY = "kennisbank-search-vocabulary-version"
# Other processes may not share this process's cache: reload at least this often.
MAX_AGE_SECONDS = 30
_memo: dict[str, tuple[str, float, object]] = {}


def _version() -> str:
    # A random token, not a counter: after a cache flush no process mistakes old data for new.
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _memoised(name: str, load):
    version = _version()
    cached = _memo.get(name)
    if cached is None or cached[0] != version or time.monotonic() - cached[1] > MAX_AGE_SECONDS:
        cached = (version, time.monotonic(), load())
        _memo[name] = cached
    return cached[2]


def word_frequencies() -> dict[str, int]:
    """Every indexed word with its frequency."""
    return _memoised("words", lambda: dict(IndexedWord.objects.values_list("word", "frequency")))


def synonym_groups() -> list[list[str]]:
    """The synonym groups as lists of folded terms (a term may have several words)."""
    return _memoised(
        "synonyms", lambda: [group.term_list() for group in SynonymGroup.objects.all()]
    )


def record_words(words: Iterable[str]) -> None:
    """Add the words of one indexed document to the vocabulary."""
    record_documents_words([words])


def record_documents_words(documents_words: Iterable[Iterable[str]]) -> None:
    """Add the words of these indexed documents to the vocabulary: each word's frequency grows
    by the number of documents that hold it, in a few queries for any number of documents."""
    counts = Counter()
    for words in documents_words:
        counts.update({word for word in words if 2 <= len(word) <= 100})
    if not counts:
        return
    known = set(IndexedWord.objects.filter(word__in=counts).values_list("word", flat=True))
    IndexedWord.objects.bulk_create(
        [IndexedWord(word=word, frequency=0) for word in counts if word not in known],
        ignore_conflicts=True,
    )
    by_count: dict[int, list[str]] = {}
    for word, count in counts.items():
        by_count.setdefault(count, []).append(word)
    for count, words in by_count.items():
        IndexedWord.objects.filter(word__in=words).update(frequency=F("frequency") + count)
    _bump()


def reset_words(documents_words: Iterable[Iterable[str]]) -> int:
    """Replace the vocabulary by the words of these documents; returns the number of words."""
    frequencies: Counter[str] = Counter()
    for words in documents_words:
        frequencies.update({word for word in words if 2 <= len(word) <= 100})
    IndexedWord.objects.all().delete()
    IndexedWord.objects.bulk_create(
        (IndexedWord(word=word, frequency=count) for word, count in frequencies.items()),
        batch_size=1000,
    )
    _bump()
    return len(frequencies)


def synonyms_changed() -> None:
    _bump()
