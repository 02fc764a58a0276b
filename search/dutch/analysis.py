"""Words and stems: the Dutch analysis both search engines share."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from snowballstemmer.basestemmer import BaseStemmer

from .folding import fold
from .wordlist import lexicon

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "nl_lexicon.txt"

# Snowball's Dutch stop words. Queries drop them (unless nothing else is left); the index keeps
# them, so a query of only stop words still finds something.
STOPWORDS = frozenset(
    """aan al alle alles als altijd andere ben bij daar dan dat de der des deze die dit doch doen
    door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun
    iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet
    niets nog nu of om omdat ons onder ook op over reeds te tegen toch toen tot u uit uw van veel
    voor want waren was wat we wel werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo
    zonder zou""".split()  # noqa: SIM905 - a word list reads best as words
)

_VOWELS = frozenset("aeiouy")
# Plurals no suffix rule undoes (a vowel change, -eren, Latin -a), folded, to their singular.
IRREGULAR_PLURALS = {
    "leden": "lid",
    "steden": "stad",
    "schepen": "schip",
    "smeden": "smid",
    "gelederen": "gelid",
    "uren": "uur",
    "koeien": "koe",
    "eieren": "ei",
    "bladeren": "blad",
    "goederen": "goed",
    "liederen": "lied",
    "kalveren": "kalf",
    "lammeren": "lam",
    "runderen": "rund",
    "raderen": "rad",
    "beenderen": "been",
    "musea": "museum",
    "centra": "centrum",
    "criteria": "criterium",
    "curricula": "curriculum",
    "practica": "practicum",
    "stadia": "stadium",
}
# The longer ones also end compounds (teamleden, binnensteden, vrachtschepen), unless what
# comes before is a verb prefix (verleden, ontleden) or too short to be a word (geleden).
_PLURAL_HEADS = tuple(plural for plural in IRREGULAR_PLURALS if len(plural) >= 5)
_VERB_PREFIXES = frozenset({"ver", "ont", "her"})
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b")
# "thema's", "cliënt’s": the apostrophe-s plural belongs to the word before it.
_APOSTROPHE_S = re.compile(r"(?<=[^\W_])['’][sS](?![^\W_])")
# mboRijnland, ZorgCooperatie: a lower-case letter followed by a capital inside a word.
_LOWER, _UPPER = "a-zß-öø-ÿ", "A-ZÀ-ÖØ-Þ"
_INNER_CAPITALS_WORD = re.compile(rf"\b[^\W\d_]*[{_LOWER}][{_UPPER}][^\W\d_]*\b")
_INNER_CAPITAL = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}])")
MIN_INNER_PART = 2
_TOKEN = re.compile(r"[^\W_]+(?:['’][sS](?![^\W_]))?")

# The Porter-based Dutch stemmer: snowballstemmer 3 renamed it "dutch_porter" and gave "dutch"
# to a Kraaij-Pohlmann stemmer that strips prefixes (gemeente -> meen, gezondheid -> zon,
# kwaliteit -> kwaal), which costs more precision than it gains recall here.
_ALGORITHM = "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"
_local = threading.local()  # Snowball stemmer objects keep state between calls.
# Snowball's Dutch stemmer also takes off derivations (geluk-kig, opleid-ing, vrij-heid),
# which join different words; only the inflections are undone.
_DERIVATIONS = ("heid", "ing", "lijk", "baar", "bar", "end", "ig")
_INFLECTIONS = ("heden", "ene", "en", "se", "e", "s")


@cache
def base_words() -> frozenset[str]:
    """The curated lexicon shipped in `search/data/nl_lexicon.txt`."""
    lines = LEXICON_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(
        word for line in lines if (word := line.split("#", 1)[0].strip()) and word.isalnum()
    )


@lru_cache(maxsize=65536)
def is_word(word: str) -> bool:
    """Whether the folded `word` is a Dutch word the lexicon knows (in any form)."""
    return word in lexicon() or word in base_words()


def words(text: str) -> list[str]:
    """Folded word tokens (letters and digits); "thema's" gives "thema"."""
    return fold(_APOSTROPHE_S.sub("", unicodedata.normalize("NFC", text or ""))).split()


def inner_capital_parts(text: str) -> dict[str, list[str]]:
    """Words of `text` written with inner capitals, folded, to their folded parts:
    {"mborijnland": ["mbo", "rijnland"]} for "mboRijnland"."""
    found: dict[str, list[str]] = {}
    for token in _INNER_CAPITALS_WORD.findall(unicodedata.normalize("NFC", text or "")):
        if parts := inner_capital_split(token):
            found[fold(token)] = list(parts)
    return found


@lru_cache(maxsize=65536)
def inner_capital_split(token: str) -> tuple[str, ...]:
    """The folded parts of one word written with inner capitals ("mboRijnland": mbo,
    rijnland), or () for any other word."""
    token = _APOSTROPHE_S.sub("", token)
    if not _INNER_CAPITALS_WORD.fullmatch(token):
        return ()
    parts = [fold(part) for part in _INNER_CAPITAL.split(token)]
    if len(parts) > 1 and all(len(part) >= MIN_INNER_PART for part in parts):
        return tuple(parts)
    return ()


def tokens(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, folded words) for each token of `text`, for marking matches in place."""
    for match in _TOKEN.finditer(text):
        if pieces := _token_pieces(match.group()):
            yield match.start(), match.end(), list(pieces)


@lru_cache(maxsize=65536)
def _token_pieces(token: str) -> tuple[str, ...]:
    return tuple(fold(_APOSTROPHE_S.sub("", token)).split())


def query_words(query: str) -> list[str]:
    """The folded words of a search query, without the operators AND, OR and NOT."""
    return words(_OPERATORS.sub(" ", query or ""))


def content_words(query: str) -> list[str]:
    """The query words without stop words, or all of them when only stop words were typed."""
    found = query_words(query)
    return [word for word in found if word not in STOPWORDS] or found


def query_terms(text: str) -> list[str]:
    """The stems to look up for a query, each once, in query order.

    Compounds need no splitting here: their parts are indexed next to the whole word.
    """
    return list(dict.fromkeys(stem(word) for word in content_words(text)))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one folded word: Snowball's Dutch (Porter) stemmer plus spelling rules.

    Before stemming: an irregular plural becomes its singular (steden, teamleden, musea,
    categorieën), a dictionary word ending in -s (plaats, mens, proces, werkplaats) keeps its
    -s, a plural -s after -e is dropped (organisaties, stages) like Snowball drops -en, and a
    dictionary word's -eren plural loses it (kinderen).
    After stemming, Dutch spelling alternations are undone so singular and plural meet:
    final z/v become s/f (huizen, brieven), a final double consonant is single (lessen), and
    the long vowel of an open syllable is written double again (jaren: jaar, maken: maak,
    financiele: financieel), so that a long and a short vowel stay apart (laten: laat, latten:
    lat; maten: maat, matten: mat).
    """
    if len(word) < 3 or not word.isalpha():
        return word
    word = _singular(word)
    if word.endswith("s") and _is_singular_in_s(word):
        return _respell(word, word)
    if len(word) >= 5 and word.endswith(("es", "eaus")):
        word = word[:-1]
    elif word.endswith("eren") and _is_eren_plural(word[:-4]):
        word = word[:-4]
    stemmed = _stemmer().stemWord(word)
    return _respell(_derived_word(word, stemmed) or stemmed, word)


def _derived_word(word: str, stemmed: str) -> str | None:
    """`word` without its inflection when Snowball also took off a derivation: gelukkige is
    gelukkig, not geluk; opleidingen is opleiding, not opleid(en); vrijheden is vrijheid."""
    base = word
    for ending in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)] + ("heid" if ending == "heden" else "")
            break
    for suffix in _DERIVATIONS:
        if base.endswith(suffix) and len(stemmed) <= len(base) - len(suffix):
            return base
    return None


def _singular(word: str) -> str:
    """The singular of an irregular plural (steden, teamleden, musea) or of an -ën plural
    (categorieën, ideeën: folded -ieen, -eeen); other words as they are."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith(("ieen", "eeen")):
        return word[:-2]
    if word.endswith(_PLURAL_HEADS):
        for plural in _PLURAL_HEADS:
            modifier = word[: -len(plural)]
            if word.endswith(plural) and len(modifier) >= 3 and modifier not in _VERB_PREFIXES:
                return modifier + IRREGULAR_PLURALS[plural]
    return word


def _stemmer() -> BaseStemmer:
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer(_ALGORITHM)
    return _local.stemmer


def _is_singular_in_s(word: str) -> bool:
    """Whether `word` is, or ends in, a dictionary word ending in -s (a compound's head): a
    curated one (plaats, mens), or one the lexicon has as its own dictionary form (kaars,
    nieuws; not kaarten, gemeentes)."""
    known = base_words()
    if word in known or _is_own_dictionary_form(word):
        return True
    for split in range(3, len(word) - 2):
        head, modifier = word[split:], word[:split]
        if head in known and (len(head) >= 5 or _is_linked_word(modifier, known)):
            return True
    return False


def _is_own_dictionary_form(word: str) -> bool:
    return lexicon().get(word) == word


def _is_eren_plural(root: str) -> bool:
    """kind -> kinderen, volk -> volkeren; not jongere -> jongeren."""
    known = base_words()
    return len(root) >= 3 and root in known and root + "ere" not in known


def _is_linked_word(part: str, known: frozenset[str]) -> bool:
    return (
        part in known
        or (part[-1] in "es" and part[:-1] in known)
        or (part.endswith("en") and part[:-2] in known)
    )


def _respell(stemmed: str, word: str) -> str:
    """`stemmed` (Snowball's stem of `word`) in the spelling its dictionary form has."""
    rest = word[len(stemmed) :] if word.startswith(stemmed) else ""
    # Snowball writes a double vowel single (jaar: jar); the word tells.
    written_long = len(stemmed) >= 2 and word.startswith(stemmed[:-1] + stemmed[-2:])
    if stemmed.endswith("z"):
        stemmed = stemmed[:-1] + "s"
    elif stemmed.endswith("v"):
        stemmed = stemmed[:-1] + "f"
    if len(stemmed) > 2 and stemmed[-1] == stemmed[-2] and stemmed[-1] not in _VOWELS:
        return stemmed[:-1]
    if written_long and stemmed[-2] in _VOWELS and stemmed[-1] not in _VOWELS:
        return stemmed[:-1] + stemmed[-2:]
    if rest[:1] in _VOWELS and rest[:1] and _ends_in_open_syllable(stemmed):
        longer = stemmed[:-1] + stemmed[-2:]
        if _is_long(word, stemmed, longer):
            return longer
    return stemmed


def _ends_in_open_syllable(stemmed: str) -> bool:
    """Whether the stem ends in one vowel and one consonant that a removed vowel followed, so
    that the vowel is long (ja-ren, ma-ken) or a toneless e (re-ge-len)."""
    return (
        len(stemmed) >= 3
        and stemmed[-1] not in _VOWELS
        and stemmed[-2] in "aeou"
        and (stemmed[-3] not in _VOWELS or stemmed[-3:-1] == "ie")
    )


def _is_long(word: str, short: str, longer: str) -> bool:
    """Whether the open syllable's vowel is long: as the dictionary form of `word` spells it
    (jaren: jaar; dagen: dag, whose vowel is short in the singular), else, for a dictionary
    form or a word the lexicon lacks, when the longer spelling is a word (laten: laat; not
    regelen: regeel)."""
    lemma = lexicon().get(word)
    if lemma == short:
        return False
    if lemma and fold(lemma).startswith(longer):
        return True
    if lemma and lemma != word:
        # A form of another word (gelaten of laten, gereden of rijden) is no form of the
        # longer word (gelaat, gereed).
        return False
    return is_word(longer)
