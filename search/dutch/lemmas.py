"""Dictionary forms of Dutch words, from simplemma's Dutch lexicon.

The stemmer's rules join regular forms (huizen, werkt); a lexicon knows the rest: strong and
irregular verbs (liep -> lopen, meegenomen -> meenemen), diminutives (kopjes -> kop),
comparatives and superlatives (duurder -> duur, liefst -> lief), Latin plurals (curricula ->
curriculum). Each word is indexed and searched under the stem of its dictionary form too, so any
two forms of a word meet there.

simplemma (MIT) ships the lexicon: about 370,000 Dutch forms, compiled from lemmatization lists
(Open Database License), Wiktionary, FreeLing, spaCy's lookups, UniMorph and Wikinflection. It is
read on first use through simplemma's low-memory reader (about 10 MB, a quarter of a second).
"""

from __future__ import annotations

from functools import lru_cache

from .analysis import IRREGULAR_PLURALS, STOPWORDS, base_words, is_word, stem, words
from .wordlist import lexicon

MIN_LENGTH = 3
# Dictionary forms reached by following the lexicon (boekjes -> boekje -> boek).
MAX_STEPS = 3
# Forms the lexicon gives a dictionary form that is another word in a text about education and
# care: leden (members, not lijden), wegen (roads and weighs), ...
# Separable particles (aan-ge-past) and inseparable prefixes (ver-, be-).
PARTICLES = (
    "aan", "achter", "af", "bij", "binnen", "buiten", "door", "in", "mee", "na", "neer", "om",
    "onder", "op", "over", "rond", "samen", "tegen", "terug", "toe", "uit", "vast", "voor", "weg",
)  # fmt: skip
PREFIXES = ("ver", "be", "ont", "her", "af", "op", "uit", "aan", "in", "mee", "toe")
NOT_FORMS_OF = {
    "leden": "lijden",
    "namen": "nemen",  # names
}


@lru_cache(maxsize=65536)
def dictionary_form(word: str) -> str | None:
    """The dictionary form of the folded `word` when it has another one, else None.

    From the lexicon; for participles it lacks (getoetst, gewijzigde, aangepaste) from the
    verb they are a participle of, when the lexicon knows that verb. Words of the curated
    lexicon, irregular plurals the stemmer knows and stop words keep their own analysis.
    """
    if len(word) < MIN_LENGTH or not word.isalpha() or word in STOPWORDS:
        return None
    if word in IRREGULAR_PLURALS or word in base_words():
        return None
    if _is_regular_form(word):
        return None
    form = _looked_up(word) or _participle_verb(word)
    # A diminutive the lexicon has no word for (haartje), a superlative filed as a word of
    # its own (vroegste: vroegst), or a form it lacks.
    if form is None or form == word[:-1] or form.endswith("je"):
        form = _guessed(form if form and form.endswith("je") else word) or form
    if form is None or form == word or form in STOPWORDS:
        return None
    return form


# Endings of the forms a lexicon misses most: diminutives of rarer nouns (haartjes,
# balletje), comparatives and superlatives of participles and rarer adjectives
# (uitgebreidere, vroegste). A guess counts only when what remains is a word the lexicon knows.
DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")
COMPARATIVES = ("dere", "der", "ere", "er")
# Only the inflected superlative: many nouns end in -st (dienst, komst, oogst).
SUPERLATIVE = "ste"


def _guessed(word: str) -> str | None:
    """The dictionary form of a diminutive, comparative or superlative the lexicon lacks, or
    files under its own superlative (vroegste: vroegst): haartjes -> haar, uitgebreidere ->
    uitgebreid, vroegste -> vroeg. Not for words the lexicon has as words of their own
    (dienst, oogst, echter, loser)."""
    lemma = lexicon().get(word)
    if word.endswith(DIMINUTIVES):
        endings = DIMINUTIVES
    elif lemma is None and word.endswith(COMPARATIVES):
        endings = COMPARATIVES
    elif word.endswith(SUPERLATIVE) and lemma in (None, word, word[:-1]):
        endings = (SUPERLATIVE,)
    else:
        return None
    for ending in endings:
        if not word.endswith(ending) or len(word) - len(ending) < MIN_LENGTH:
            continue
        for base in _spellings(word[: -len(ending)], ending):
            if base in lexicon() and base not in STOPWORDS:
                return base
    return None


def _spellings(base: str, ending: str) -> list[str]:
    """What the word may have been before `ending`: ball(etje) -> bal, auto(otje) -> auto,
    grot(er) -> groot, actiev(er) -> actief, duur(der) -> duur."""
    found = [base]
    if len(base) >= 3 and base[-1] == base[-2]:
        found.append(base[:-1])  # balletje, natter; autootje, cafeetje
    if ending[0] == "e" and len(base) >= 3 and base[-2] in "aeou" and base[-3] not in "aeiou":
        found.append(base[:-1] + base[-2:])  # groter -> groot
    if base.endswith("v"):
        found += [spelling[:-1] + "f" for spelling in found]
    elif base.endswith("z"):
        found += [spelling[:-1] + "s" for spelling in found]
    return found


def _is_regular_form(word: str) -> bool:
    """Whether the stemmer already takes `word` to a dictionary word of its own (velden: veld,
    gevallen: geval), so that another dictionary form would be a homograph's (vellen, vallen)."""
    root = stem(word)
    return root != word and stem(root) == root and lexicon().get(root) == root


def _looked_up(word: str) -> str | None:
    """The lexicon's dictionary form of `word`, followed to its end (boekjes -> boekje ->
    boek), or None."""
    known = lexicon()
    form = word
    for step in range(MAX_STEPS):
        lemma = known.get(form)
        # Only a diminutive goes on to its word (boekje -> boek): others would drift to
        # another word (later -> laat -> laten).
        if not lemma or NOT_FORMS_OF.get(form) == lemma or (step and not form.endswith("je")):
            break
        # Separable verbs are written aan_passen; a few participles are filed under a verb
        # with a prefix they lack (gewogen: afwegen), which the prefix-less verb undoes.
        lemma = "".join(words(lemma.replace("_", "")))
        if lemma == form:
            break
        form = _without_foreign_prefix(lemma, word)
    return form if form != word else None


def _without_foreign_prefix(lemma: str, word: str) -> str:
    for prefix in PREFIXES:
        if lemma.startswith(prefix) and prefix not in word:
            rest = lemma[len(prefix) :]
            if len(rest) >= MIN_LENGTH and rest in lexicon():
                return rest
    return lemma


def _participle_verb(word: str) -> str | None:
    """The infinitive of a participle the lexicon lacks: gewijzigde, getoetst, aangepaste."""
    if word.endswith("e") and word[-2:-1] in ("t", "d", "n"):
        word = word[:-1]  # the inflected participle: gewijzigde -> gewijzigd
        if found := _looked_up(word):
            return found
    for particle in ("", *PARTICLES):
        if not word.startswith(particle + "ge") or len(word) < len(particle) + 5:
            continue
        participle = word[len(particle) :]
        verb = _looked_up(participle) or _regular_infinitive(participle)
        if verb and verb.endswith("en") and (found := particle + verb) and is_word(found):
            return found
    return None


def _regular_infinitive(participle: str) -> str | None:
    """ge-toets-t -> toetsen, ge-deel-d -> delen, when the lexicon knows the verb."""
    if not participle.endswith(("t", "d")):
        return None
    root = participle[2:-1]
    for spelling in sorted(_infinitive_roots(root)):
        if is_word(spelling + "en"):
            return spelling + "en"
    return None


def _infinitive_roots(root: str) -> set[str]:
    """deel -> del(en), zet -> zett(en), leef -> lev(en), reis -> reiz(en)."""
    roots = {root}
    if len(root) >= 4 and root[-2] == root[-3] and root[-2] in "aeou":
        roots.add(root[:-2] + root[-1])
    elif len(root) >= 3 and root[-2] in "aeiou" and root[-3] not in "aeiou":
        roots.add(root + root[-1])
    if root.endswith("f"):
        roots |= {spelling[:-1] + "v" for spelling in roots}
    elif root.endswith("s"):
        roots |= {spelling[:-1] + "z" for spelling in roots}
    return roots


def lemma_stem(word: str) -> str | None:
    """The stem of `word`'s dictionary form, when it differs from the stem of `word`."""
    form = dictionary_form(word)
    if form is None:
        return None
    lemma = stem(form)
    return lemma if lemma != stem(word) else None


def same_word(form: str, word: str) -> bool:
    """Whether a guessed form of `word` may be one (gewerkt of werken, liep of lopen): the
    lexicon does not know it, or it gives both the same dictionary form. Not gebied (a noun)
    for bieden, nor velden (of veld) for vellen."""
    if form not in lexicon():
        return True
    return not _keys(form).isdisjoint(_keys(word))


def _keys(word: str) -> set[str]:
    form = dictionary_form(word)
    return {stem(word), stem(form)} if form else {stem(word)}
