"""From a reader's query to groups of alternative terms, the same for every engine.

Each query word becomes a group: its Dutch stem, the stems of its synonyms (a synonym of
several words is a phrase), a correction when the word is unknown (typo tolerance) and, for the
last word, the known words it begins (prefix search). A document matches when it matches every
group; within a group any alternative will do.
"""

from __future__ import annotations

from dataclasses import dataclass

from search import dutch

MAX_PREFIX_EXPANSIONS = 8
# Typo tolerance while searching stays at one edit; a 'did you mean' may go further.
MAX_TYPO_EDITS = 1
MIN_TYPO_LENGTH = 5


@dataclass(frozen=True)
class TermGroup:
    word: str
    alternatives: tuple[tuple[str, ...], ...]  # each a sequence of stems; several = a phrase


def plan(text: str, *, vocabulary: dict[str, int], synonyms: list[list[str]]) -> list[TermGroup]:
    # Operators (AND, OR, NOT) and stop words are left out, as query_terms does.
    meaningful = set(dutch.query_terms(text))
    words = [word for word in dutch.words(text) if dutch.stem(word) in meaningful]
    stems = [dutch.stem(word) for word in words]
    groups: list[TermGroup] = []
    position = 0
    while position < len(words):
        span, synonym_terms = _synonyms_at(stems, position, synonyms)
        phrase = words[position : position + span]
        alternatives: list[tuple[str, ...]] = [tuple(dutch.stem(word) for word in phrase)]
        for term in synonym_terms:
            alternatives.append(tuple(dutch.stem(word) for word in dutch.words(term)))
        if span == 1:
            word = phrase[0]
            if word not in vocabulary and len(word) >= MIN_TYPO_LENGTH:
                correction = dutch.closest(word, vocabulary, max_edits=MAX_TYPO_EDITS)
                if correction:
                    alternatives.append((dutch.stem(correction),))
            if position == len(words) - 1:
                for match in dutch.prefix_matches(word, vocabulary, limit=MAX_PREFIX_EXPANSIONS):
                    alternatives.append((dutch.stem(match),))
        groups.append(TermGroup(word=" ".join(phrase), alternatives=_unique(alternatives)))
        position += span
    return groups


def _synonyms_at(stems: list[str], position: int, synonyms: list[list[str]]):
    """The longest synonym term starting at `position`: (number of words, the other terms).
    Terms are compared by their stems, so 'mantelzorgers' finds the group of 'mantelzorger'."""
    best_span, best_terms = 1, []
    for group in synonyms:
        for term in group:
            term_stems = [dutch.stem(word) for word in dutch.words(term)]
            span = len(term_stems)
            if (
                span
                and stems[position : position + span] == term_stems
                and (span > best_span or not best_terms)
            ):
                best_span = span
                best_terms = [other for other in group if other != term]
    return best_span, best_terms


def _unique(alternatives: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(alternative for alternative in alternatives if alternative))
