"""Dutch compounds split into lexicon words, and the terms a document is indexed under."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from .analysis import STOPWORDS, base_words, inner_capital_parts, stem, words
from .folding import fold
from .lemmas import lemma_stem

MIN_PART = 3  # shortest curated part: les, mbo, dag
MIN_CORPUS_PART = 4  # corpus words are noisier: "der" (van der), "her" (English)
# The linking morphemes between parts: ervaring-s-deskundige, ziekt-e-verzuim, kind-er-opvang.
LINKS = ("", "s", "e", "en", "er")
# Modifiers ending like this take -s- (ervaring-s-deskundige); any other link is less likely.
S_LINKED = ("ing", "heid", "schap", "teit")
# Never parts, even when the corpus has them as words: particles and prepositions make
# lexicalised words (voorbeeld, onderzoek, samenwerking), the rest look like suffixes
# (persoon-lijk, waarde-ring, vrij-heid).
BLOCKED_PARTS = STOPWORDS | frozenset(
    """achter af be bij door ge her mede mee na om onder ont op over samen tegen terug toe uit
    ver voor aard achtig achtige baar bare ding dingen eren heden heid ier ige ing ingen isch
    ische isme ist isten king lijk lijke lijken lijkheid ling lingen loos loze ring ringen schap
    schappen ster sters""".split()  # noqa: SIM905 - a word list reads best as words
)
_CACHE_LIMIT = 500_000


class Lexicon:
    """Known words for splitting compounds: the curated list plus words from the corpus.

    Curated words are never split (they are listed as units, like "voorbeeld"); corpus words
    are, when they consist of known parts. Build one with `Lexicon.default().with_words(...)`
    per indexing run and reuse it: it caches its splits.
    """

    __slots__ = (
        "_base",
        "_base_stems",
        "_extra",
        "_index_terms",
        "_splits",
        "_starts",
        "_stems",
        "_terms",
    )

    def __init__(self, base: Iterable[str], extra: Iterable[str] = ()) -> None:
        self._base = frozenset(word for word in base if _usable(word, MIN_PART))
        self._extra = frozenset(w for w in extra if _usable(w, MIN_CORPUS_PART)) - self._base
        self._base_stems = frozenset(stem(word) for word in self._base)
        self._stems: frozenset[str] = frozenset()
        self._starts: frozenset[str] = frozenset()
        self._splits: dict[str, tuple[tuple[int, int], ...]] = {}
        self._terms: dict[str, tuple[str, ...]] = {}
        self._index_terms: dict[str, tuple[str, ...]] = {}

    @classmethod
    def default(cls) -> Lexicon:
        """The shipped lexicon (`search/data/nl_lexicon.txt`), built once."""
        return _default_lexicon()

    def with_words(self, words: Iterable[str]) -> Lexicon:
        """A new lexicon that also knows `words` (e.g. the corpus vocabulary; folded here)."""
        folded = (part for word in words for part in fold(word).split())
        return Lexicon(self._base, self._extra.union(folded))

    def __contains__(self, word: object) -> bool:
        return word in self._base or word in self._extra

    def __len__(self) -> int:
        return len(self._base) + len(self._extra)

    def is_unit(self, word: str) -> bool:
        """Whether `word` (or a form with the same stem) is curated, and so never split."""
        return word in self._base or stem(word) in self._base_stems

    def split(self, word: str) -> tuple[tuple[int, int], ...]:
        """(start, end) of each part of `word`, linking morphemes left out; () if not compound."""
        spans = self._splits.get(word)
        if spans is None:
            spans = ()
            if not self.is_unit(word) and word.isalpha() and len(word) >= 2 * MIN_PART:
                if not self._stems:
                    known = self._base | self._extra
                    self._stems = frozenset(stem(word) for word in known)
                    self._starts = frozenset(w[:MIN_PART] for w in known | self._stems)
                spans = tuple(self._segment(word))
            _remember(self._splits, word, spans)
        return spans

    def word_terms(self, word: str) -> tuple[str, ...]:
        """The terms `word` is indexed under: its stem, the stem of its dictionary form when
        that differs (liep: lopen), then the stems of its parts."""
        terms = self._index_terms.get(word)
        if terms is None:
            whole = stem(word)
            lemma = lemma_stem(word)
            terms = (whole, *([lemma] if lemma else []), *self.compound_terms(word))
            _remember(self._index_terms, word, terms)
        return terms

    def compound_terms(self, word: str) -> tuple[str, ...]:
        """Stems of the parts of `word`, and of each run of neighbouring parts, whole excluded."""
        terms = self._terms.get(word)
        if terms is None:
            spans = self.split(word)
            runs = [
                word[spans[first][0] : spans[last][1]]
                for first in range(len(spans))
                for last in range(first, len(spans))
                if (first, last) != (0, len(spans) - 1)
            ]
            whole = stem(word)
            stems = (s for run in runs for s in (stem(run), lemma_stem(run)) if s)
            terms = tuple(dict.fromkeys(s for s in stems if s != whole))
            _remember(self._terms, word, terms)
        return terms

    def _segment(self, word: str, *, curated: bool = False) -> list[tuple[int, int]]:
        # best[i]: the cheapest split of word[i:] as (cost, spans). The cost prefers fewer parts,
        # then curated parts over corpus words, then expected links, then longer parts.
        size = len(word)
        best: dict[int, tuple[tuple[int, ...], tuple[tuple[int, int], ...]]] = {}
        for start in range(size - MIN_PART, -1, -1):
            if word[start : start + MIN_PART] not in self._starts:
                continue
            options = []
            head = word[start:]
            if start and self._is_part(head, head=True, curated=curated):
                cost = (1, self._is_corpus_word(head), 0, -(len(head) ** 2))
                options.append((cost, ((start, size),)))
            for end in range(start + MIN_PART, size - MIN_PART + 1):
                modifier = word[start:end]
                if not self._is_part(modifier, head=False, curated=curated):
                    continue
                for link in LINKS:
                    rest = best.get(end + len(link))
                    if rest and word.startswith(link, end):
                        part_cost = (
                            1,
                            self._is_corpus_word(modifier),
                            _link_cost(modifier, link),
                            -(len(modifier) ** 2),
                        )
                        cost = tuple(map(sum, zip(part_cost, rest[0], strict=True)))
                        options.append((cost, ((start, end), *rest[1])))
            if options:
                best[start] = min(options)
        if 0 not in best:
            return []
        # A part that is a compound from the corpus is split further, into curated words only:
        # corpus words split into corpus words go wrong too often (opera-tor, bal-len).
        leaves: list[tuple[int, int]] = []
        for start, end in best[0][1]:
            part = word[start:end]
            inner = [] if curated or self.is_unit(part) else self._segment(part, curated=True)
            leaves.extend([(start + a, start + b) for a, b in inner] or [(start, end)])
        return leaves

    def _is_corpus_word(self, part: str) -> int:
        return 0 if part in self._base or stem(part) in self._base_stems else 1

    def _is_part(self, part: str, *, head: bool, curated: bool) -> bool:
        """Whether `part` may be a part; the head (last part) carries inflection (docenten)."""
        if part in self._base:
            return True
        if len(part) < MIN_CORPUS_PART or part in BLOCKED_PARTS:
            return False
        if not curated and part in self._extra:
            return True
        # An inflected head (gast-docenten) or plural modifier (stappen-plan), known by stem.
        if head or part.endswith("en"):
            return stem(part) in (self._base_stems if curated else self._stems)
        return False


@cache
def _default_lexicon() -> Lexicon:
    return Lexicon(base_words())


def _remember(cache: dict, key: str, value: tuple) -> None:
    if len(cache) >= _CACHE_LIMIT:  # a bound for long-running processes, rarely reached
        cache.clear()
    cache[key] = value


def _link_cost(modifier: str, link: str) -> int:
    if modifier.endswith(S_LINKED):
        return 0 if link == "s" else 1
    return 1 if link else 0


def _usable(word: str, min_length: int) -> bool:
    return len(word) >= min_length and word.isalpha() and word not in BLOCKED_PARTS


def split_compound(word: str, lexicon: Lexicon | None = None) -> list[str]:
    """The parts of a folded word ("gastdocenten" -> ["gast", "docenten"]); [] if not compound.

    Parts are lexicon words (the last one may be inflected) joined directly or by a linking
    -s-, -e-, -en- or -er-; the split with the fewest parts wins. Curated lexicon words are
    never split, corpus words are split down to curated words where possible.
    """
    lexicon = lexicon or Lexicon.default()
    return [word[start:end] for start, end in lexicon.split(word)]


def index_terms(text: str, *, lexicon: Lexicon | None = None) -> list[str]:
    """The terms to index `text` under, in text order: each word's stem, then its parts' stems
    (compound parts, and the parts of a name with inner capitals).

    Join them with spaces into a plain text field; query it with `query_terms`.
    """
    lexicon = lexicon or Lexicon.default()
    terms: list[str] = []
    word_terms = lexicon.word_terms
    # A name written with inner capitals is found by its parts too (mboRijnland: rijnland).
    inner = inner_capital_parts(text) if not text.islower() else {}
    for word in words(text):
        own = word_terms(word)
        terms.extend(own)
        for part in inner.get(word, ()):
            terms.extend(term for term in word_terms(part) if term not in own)
    return terms
