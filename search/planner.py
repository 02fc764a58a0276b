"""From a reader's query to groups of alternative terms, the same for every engine.

Each query word becomes a group: its Dutch stem, the stems of its synonyms (a synonym of
several words is a phrase), the other forms of a verb that occur in the index (werkt,
gewerkt for werken), a correction when the word is unknown (typo tolerance) and, for the
last word, the known words it begins (prefix search). A document matches when it matches every
group; within a group any alternative will do.
"""

from __future__ import annotations

from dataclasses import dataclass

from search import dutch
from search import vocabulary as search_vocabulary
from search.dutch.analysis import is_word
from search.dutch.inflection import strong_row, verb_forms
from search.dutch.lemmas import lemma_stem, same_word

MAX_PREFIX_EXPANSIONS = 8
MAX_VERB_FORMS = 6
MAX_RECENT_PLANS = 64
# Typo tolerance while searching stays at one edit; a 'did you mean' may go further.
MAX_TYPO_EDITS = 1
MIN_TYPO_LENGTH = 5
MIN_APART_PART = 3  # mbo, roc


@dataclass(frozen=True)
class TermGroup:
    word: str
    alternatives: tuple[tuple[str, ...], ...]  # each a sequence of stems; several = a phrase


def plan_query(text: str) -> list[TermGroup]:
    """`plan` with the current vocabulary and synonyms. A search plans its text more than once
    (to match, to rank, to highlight), so the last plans are kept while both stay the same."""
    return _recent.plan(
        text, search_vocabulary.word_frequencies(), search_vocabulary.synonym_groups()
    )


class _RecentPlans:
    def __init__(self) -> None:
        self.basis: tuple[object, object] | None = None  # the vocabulary and synonyms used
        self.plans: dict[str, list[TermGroup]] = {}

    def plan(self, text: str, vocabulary: dict[str, int], synonyms: list[list[str]]):
        if self.basis is None or self.basis[0] is not vocabulary or self.basis[1] is not synonyms:
            # Planned with words or synonyms that have changed since (and kept no longer, so
            # no old vocabulary stays in memory).
            self.plans = {}
            self.basis = (vocabulary, synonyms)
        if text not in self.plans:
            if len(self.plans) >= MAX_RECENT_PLANS:
                self.plans = {}
            self.plans[text] = plan(text, vocabulary=vocabulary, synonyms=synonyms)
        return self.plans[text]


_recent = _RecentPlans()


def stems_of(groups: list[TermGroup]) -> set[str]:
    """Every stem a plan looks for, for marking matches in snippets."""
    return {stem for group in groups for alternative in group.alternatives for stem in alternative}


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
            if lemma := lemma_stem(word):
                alternatives.append((lemma,))
            # The curated strong verbs are trusted (wilde is a form of willen, though the
            # lexicon has it as wild); other guessed forms only when the lexicon agrees.
            strong = strong_row(word)
            forms = [
                form
                for form in verb_forms(word)
                if form in vocabulary and (form in strong or same_word(form, word))
            ]
            forms.sort(key=vocabulary.__getitem__, reverse=True)
            alternatives += [(dutch.stem(form),) for form in forms[:MAX_VERB_FORMS]]
            # A word of the dictionary is neither corrected nor completed (mantel is no typo of
            # mantels' neighbour mandel, man does not go on as manier); other words are.
            known = word in vocabulary or is_word(word)
            if not known and len(word) >= MIN_TYPO_LENGTH:
                correction = dutch.closest(word, vocabulary, max_edits=MAX_TYPO_EDITS)
                if correction:
                    alternatives.append((dutch.stem(correction),))
            if position == len(words) - 1 and not known:
                for match in dutch.prefix_matches(word, vocabulary, limit=MAX_PREFIX_EXPANSIONS):
                    alternatives.append((dutch.stem(match),))
            if not known and (apart := _written_apart(word, vocabulary)):
                alternatives.append(apart)
        groups.append(TermGroup(word=" ".join(phrase), alternatives=_unique(alternatives)))
        position += span
    return _written_together(groups, vocabulary)


def _written_apart(word: str, vocabulary: dict[str, int]) -> tuple[str, ...] | None:
    """An unknown word as the phrase of two indexed words it joins: mborijnland -> "mbo
    rijnland", zorgcooperatie -> "zorg cooperatie" (the longest first part wins)."""
    for split in range(len(word) - MIN_APART_PART, MIN_APART_PART - 1, -1):
        first, second = word[:split], word[split:]
        if first in vocabulary and second in vocabulary:
            return (dutch.stem(first), dutch.stem(second))
    return None


def _written_together(groups: list[TermGroup], vocabulary: dict[str, int]) -> list[TermGroup]:
    """Two neighbouring query words also match the indexed word they make together ("zorg
    coöperatie": zorgcoöperatie). Each group gets the joined word as an alternative:
    (zorg or J) and (cooperatie or J) is (zorg and cooperatie) or J."""
    together = list(groups)
    for first in range(len(groups) - 1):
        left, right = groups[first].word, groups[first + 1].word
        joined = left + right
        if " " in joined or joined not in vocabulary:
            continue
        alternative = (dutch.stem(joined),)
        for at in (first, first + 1):
            group = together[at]
            together[at] = TermGroup(
                word=group.word, alternatives=_unique([*group.alternatives, alternative])
            )
    return together


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
