"""Dutch word forms the stemmer's rules miss, found through the lexicon (simplemma), and names
written apart, together or with inner capitals: in the analysis and on every engine."""

import pytest

from search.dutch import index_terms, words
from search.dutch.analysis import inner_capital_parts
from search.dutch.lemmas import dictionary_form, same_word
from search.planner import plan
from tests.search.conftest import body

# (inflected form, dictionary form) of each group the stemmer's rules missed.
GROUPS = {
    "diminutive": ["boekje boek", "kopjes kop", "huisjes huis", "kaartjes kaart"],
    "comparative": ["groter groot", "duurder duur", "mooiste mooi", "liefst lief"],
    "participle": ["gewerkte werken", "gestuurde sturen", "geplande plannen", "getoetste toetsen"],
    "strong": ["liep lopen", "schreef schrijven", "begonnen beginnen", "gevlogen vliegen"],
    "separable": ["opgestart opstarten", "meegenomen meenemen", "aangepaste aanpassen"],
    "latin": ["musea museum", "criteria criterium", "curricula curriculum", "politici politicus"],
    # where the lexicon files the form under another word or lacks it
    "strong, lexicon disagrees": ["reed rijden", "wilde willen", "stal stelen", "bewogen bewegen"],
    "guessed": ["uitgebreidere uitgebreid", "vroegste vroeg", "autootje auto", "natter nat"],
}
PAIRS = [pytest.param(*pair.split(), id=pair) for pairs in GROUPS.values() for pair in pairs]
# Words that look like forms of each other but are not (or, for the lexicon, are forms of
# another word first): none may find the other.
UNRELATED = [
    "leden lijden",  # members, not suffered
    "velden vellen",  # fields, not felled
    "gebied bieden",  # area, not offer
    "gewoon wonen",
    "manier man",  # a complete word is not completed
    "mantel man",
    "geleden lid",
    "ouderen oud",
    "plaats plaat",
    "organisatie orgaan",
    "gebouw bouwen",
    "lagen liggen",
    # a long vowel is not a short one
    "laat lat",
    "maat matten",
    "groot grot",
    "boom bommen",
    # a derivation is another word
    "gelukkig geluk",
    "vrijheid vrij",
    "opleiding opleiden",
    # a curated strong verb's form that is mostly another word
    "namen nemen",
    "geweten weten",
    "gevallen vallen",
    # no superlative of a noun in -st
    "komst kom",
    "oogst oog",
    # place names are not compounds (every initiative in Gelderland is indexed under its name)
    "gelderland geld",
    "weert weer",
    "hoofddorp hoofd",
]


def finds(document: str, query: str) -> bool:
    """Whether the query plan of `query` matches an index of `document`, as the engines do,
    with the document's words as the vocabulary."""
    terms = set(index_terms(document))
    vocabulary = dict.fromkeys(words(document), 1)
    groups = plan(query, vocabulary=vocabulary, synonyms=[])
    return bool(groups) and all(
        any(len(alternative) == 1 and alternative[0] in terms for alternative in group.alternatives)
        or any(
            len(alternative) > 1 and " ".join(alternative) in " ".join(index_terms(document))
            for alternative in group.alternatives
        )
        for group in groups
    )


class TestLexicon:
    @pytest.mark.parametrize(("form", "word"), PAIRS)
    def test_each_form_finds_its_dictionary_form_and_back(self, form, word):
        assert finds(form, word)
        assert finds(word, form)

    @pytest.mark.parametrize("pair", UNRELATED)
    def test_look_alikes_do_not_find_each_other(self, pair):
        first, second = pair.split()
        assert not finds(first, second)
        assert not finds(second, first)

    def test_curated_words_and_irregular_plurals_keep_their_own_analysis(self):
        assert dictionary_form("leden") is None  # the stemmer's lid, not lijden
        assert dictionary_form("ouder") is None  # a parent, not older
        assert dictionary_form("de") is None

    def test_diminutives_reach_their_word(self):
        assert dictionary_form("boekjes") == "boek"

    def test_a_guessed_verb_form_must_be_one_for_the_lexicon(self):
        assert same_word("gewerkt", "werken")
        assert same_word("liep", "lopen")
        assert not same_word("gebied", "bieden")


class TestNamesApartAndTogether:
    def test_inner_capitals_split_a_name(self):
        assert inner_capital_parts("Bij mboRijnland en ZorgCoöperatie, GGZ en iPhone") == {
            "mborijnland": ["mbo", "rijnland"],
            "zorgcooperatie": ["zorg", "cooperatie"],
        }

    def test_a_name_with_inner_capitals_is_indexed_with_its_parts(self):
        assert index_terms("mboRijnland") == ["mborijnland", "mbo", "rijnland"]
        assert index_terms("mborijnland") == ["mborijnland"]

    @pytest.mark.parametrize(
        ("document", "query"),
        [
            ("Stage bij mboRijnland.", "mbo rijnland"),
            ("Stage bij mboRijnland.", "rijnland"),
            ("Stage bij mbo Rijnland.", "mboRijnland"),
            ("Een zorg coöperatie in de wijk.", "zorgcoöperatie"),
            ("De zorgcoöperatie in de wijk.", "zorg coöperatie"),
        ],
    )
    def test_written_apart_or_together_finds_the_other(self, document, query):
        assert finds(document, query)

    @pytest.mark.parametrize(
        ("document", "query"),
        [
            # the two words, but not next to each other
            ("Zorg voor elkaar, in een coöperatie van bewoners.", "zorgcoöperatie"),
            ("Rijnland en het mbo.", "mborijnland"),
            # without inner capitals a word is not split
            ("Stage bij mborijnland.", "rijnland"),
        ],
    )
    def test_no_false_matches(self, document, query):
        assert not finds(document, query)


@pytest.mark.django_db
class TestOnEveryEngine:
    @pytest.mark.parametrize("group", GROUPS)
    def test_word_forms(self, make, search_api, titles, group):
        pairs = [pair.split() for pair in GROUPS[group]]
        for number, (form, word) in enumerate(pairs):
            make(f"Vorm {number}", summary="", approach=body(f"Over {form} in de wijk."))
            make(f"Woord {number}", summary="", approach=body(f"Over {word} in de regio."))
        make("Ander", summary="", approach=body("Iets heel anders over koken."))
        for number, (form, word) in enumerate(pairs):
            expected = {f"Vorm {number}", f"Woord {number}"}
            assert set(titles(search_api(q=word))) == expected, word
            assert set(titles(search_api(q=form))) == expected, form

    def test_look_alikes(self, make, search_api, titles):
        pairs = [pair.split() for pair in UNRELATED]
        for word in dict.fromkeys(word for pair in pairs for word in pair):
            make(word, summary="", approach=body(f"Over {word}."))
        for first, second in pairs:
            assert second not in titles(search_api(q=first)), first
            assert first not in titles(search_api(q=second)), second

    def test_names_apart_together_and_with_inner_capitals(self, make, search_api, titles):
        make("Rijnland", summary="", approach=body("Studenten van mboRijnland lopen stage."))
        make("Coöperatie", summary="", approach=body("Een zorg coöperatie in de wijk."))
        make("Los", summary="", approach=body("Zorg voor elkaar: een coöperatie in Rijnland."))
        for query in ["mbo rijnland", "rijnland mbo", "mboRijnland", "mborijnland"]:
            assert titles(search_api(q=query)) == ["Rijnland"], query
        assert sorted(titles(search_api(q="rijnland"))) == ["Los", "Rijnland"]
        assert titles(search_api(q="zorgcoöperatie")) == ["Coöperatie"]
        assert sorted(titles(search_api(q="zorg coöperatie"))) == ["Coöperatie", "Los"]

    @pytest.mark.parametrize(
        "query", ["rijnland", "Rijnland stage", "mbo rijnland", "mboRijnland", "mbo stage"]
    )
    def test_snippets_mark_a_name_with_inner_capitals(self, make, search_api, client, query):
        make("Rijnland", summary="", approach=body("Studenten van mboRijnland lopen stage."))
        [result] = search_api(q=query)["results"]
        marked = "Studenten van <mark>mboRijnland</mark> lopen "
        assert result["highlight"].startswith(marked)
        assert marked in client.get("/zoeken/", {"q": query}).content.decode()

    def test_together_in_the_text_apart_in_the_query(self, make, search_api, titles):
        make("Samen", summary="", approach=body("De zorgcoöperatie in de wijk."))
        make("Ander", summary="", approach=body("Iets heel anders over koken."))
        assert titles(search_api(q="zorg coöperatie")) == ["Samen"]


def test_snippets_mark_other_forms_of_the_word():
    from search.dutch import highlight

    assert highlight("Drie kopjes koffie.", "kop") == "Drie <mark>kopjes</mark> koffie."


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("Bij mboRijnland.", "rijnland", "Bij <mark>mboRijnland</mark>."),
        ("Bij mboRijnland's.", "rijnland", "Bij <mark>mboRijnland&#x27;s</mark>."),
        ("Bij ZorgCoöperatie.", "coöperatie", "Bij <mark>ZorgCoöperatie</mark>."),
        ("Bij mboRijnland.", "rijn", "Bij <mark>mboRijnland</mark>."),
        # no part of the name matches; a part of one letter is no part (iPhone)
        ("Bij mboRijnland.", "land", "Bij mboRijnland."),
        ("Met een iPhone.", "i", "Met een iPhone."),
        ("Bij mbo2Rijnland.", "rijnland", "Bij mbo2Rijnland."),
    ],
)
def test_snippets_mark_a_name_by_its_inner_capital_parts(text, query, marked):
    from search.dutch import highlight

    assert highlight(text, query) == marked
