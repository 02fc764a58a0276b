"""Typo tolerance and completion against the vocabulary of the indexed documents."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Mapping

from .analysis import STOPWORDS, query_words
from .folding import fold

Vocabulary = Mapping[str, int] | Iterable[str]
MIN_PREFIX = 3


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once), capped at limit + 1.

    Stops as soon as the distance must exceed `limit`, so comparing against a whole vocabulary
    stays cheap.
    """
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def default_max_edits(word: str) -> int | None:
    """How many typos a word may hold: none below 4 letters, 1 up to 7, 2 from 8."""
    if len(word) < 4:
        return None
    return 1 if len(word) < 8 else 2


def closest(word: str, vocabulary: Vocabulary, *, max_edits: int | None = None) -> str | None:
    """The known word nearest to `word`, or None if none is within `max_edits`.

    `vocabulary` is a word -> count mapping (ties go to the more frequent word) or a plain
    iterable of words. A known word is its own closest word.
    """
    word = fold(word).replace(" ", "")
    counts = _counts(vocabulary)
    if word in counts:
        return word
    limit = default_max_edits(word) if max_edits is None else max_edits
    if not limit:
        return None
    best: tuple[int, int, str] | None = None
    letters = set(word)
    for candidate, count in counts.items():
        # Cheap bounds first: an edit changes the length by at most 1 and the set of letters
        # by at most 2.
        if abs(len(candidate) - len(word)) > limit or len(letters ^ set(candidate)) > 2 * limit:
            continue
        distance = edit_distance(word, candidate, limit=limit)
        if distance <= limit:
            key = (distance, -count, candidate)
            best = key if best is None or key < best else best
    return best[2] if best else None


def suggest(query: str, vocabulary: Vocabulary) -> str | None:
    """The query (folded) with each unknown word replaced by its closest known word.

    None when no word changes, so "Did you mean ..." is only offered for a real correction.
    Stop words, short words and words with digits are left alone.
    """
    counts = _counts(vocabulary)
    corrected: list[str] = []
    for word in query_words(query):
        better = None
        if word not in counts and word not in STOPWORDS and word.isalpha():
            better = closest(word, counts)
        corrected.append(better or word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion != " ".join(query_words(query)) else None


def prefix_matches(prefix: str, vocabulary: Vocabulary, *, limit: int = 10) -> list[str]:
    """Known words starting with the (last word of the) folded prefix, most frequent first.

    Prefixes shorter than 3 letters match nothing: they would match too much to be useful.
    """
    typed = fold(prefix).split()
    if not typed or len(typed[-1]) < MIN_PREFIX:
        return []
    start = typed[-1]
    counts = _counts(vocabulary)
    words = _sorted_words(counts)
    found = []
    for word in words[bisect.bisect_left(words, start) :]:
        if not word.startswith(start):
            break
        found.append((-counts[word], len(word), word))
    return [word for _, _, word in heapq.nsmallest(limit, found)]


_sorted_memo: list = [None, []]


def _sorted_words(counts: Mapping[str, int]) -> list[str]:
    """The words of `counts` in order, remembered for the last vocabulary asked about."""
    if _sorted_memo[0] is not counts:
        _sorted_memo[:] = [counts, sorted(counts)]
    return _sorted_memo[1]


def _counts(vocabulary: Vocabulary) -> Mapping[str, int]:
    if isinstance(vocabulary, Mapping):
        return vocabulary
    return dict.fromkeys(vocabulary, 0)
