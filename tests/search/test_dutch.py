"""Dutch analysis shared by the search engines: words, stems, compounds, snippets, typos."""

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from search.dutch import (
    Lexicon,
    closest,
    edit_distance,
    highlight,
    index_terms,
    prefix_matches,
    query_terms,
    split_compound,
    stem,
    suggest,
    words,
)
from search.dutch.analysis import LEXICON_PATH, base_words
from search.dutch.compounds import BLOCKED_PARTS
from search.dutch.inflection import verb_forms


def stems(text: str) -> set[str]:
    return {stem(word) for word in words(text)}


def finds(document: str, query: str, lexicon: Lexicon | None = None) -> bool:
    """Whether an index of `document` holds every term of `query`, as the engines require."""
    return set(query_terms(query)) <= set(index_terms(document, lexicon=lexicon))


class TestWords:
    def test_folds_case_accents_and_punctuation(self):
        assert words("Cliënten in Fryslân: zorg-onderwijs (mbo-4)!") == [
            "clienten", "in", "fryslan", "zorg", "onderwijs", "mbo", "4",
        ]  # fmt: skip

    def test_apostrophe_plural_belongs_to_its_word(self):
        assert words("De thema’s en auto's, 's avonds") == [
            "de",
            "thema",
            "en",
            "auto",
            "s",
            "avonds",
        ]

    def test_decomposed_accents_fold_too(self):
        assert words("clie\u0308nten") == ["clienten"]

    def test_empty(self):
        assert words("") == []
        assert words(" -- ") == []


class TestStem:
    @pytest.mark.parametrize(
        "forms",
        [
            "verpleeghuizen verpleeghuis",
            "gastdocent gastdocenten",
            "mantelzorger mantelzorgers",
            "student studenten",
            "organisatie organisaties",
            "ervaringsdeskundige ervaringsdeskundigen",
            "cliënt cliënten clienten client",
            "financiële financiele financieel",
            "vrijwilliger vrijwilligers",
            "zorgmedewerker zorgmedewerkers",
            "wijk wijken",
            "brief brieven",
            "huis huizen",
            "les lessen",
            "jaar jaren",
            "dag dagen",
            "proces processen",
            "kennis kennissen",
            "stage stages",
            "gemeente gemeenten gemeentes",
            "plaats plaatsen",
            "werkplaats werkplaatsen",
            "mens mensen",
            "kind kinderen",
            "praktijkvoorbeeld praktijkvoorbeelden",
            "niveau niveaus",
            "lid leden",
            "teamlid teamleden",
            "stad steden",
            "uur uren",
            "categorie categorieën categorieen",
            "therapie therapieën",
            "idee ideeën",
            "museum musea",
            "practicum practica",
        ],
    )
    def test_inflections_share_a_stem(self, forms):
        assert len(stems(forms)) == 1, {word: stem(word) for word in words(forms)}

    @pytest.mark.parametrize(
        "different",
        [
            "plaats plaat",
            "mens men",
            "kans kan",
            "jongere kind",
            "organisatie orgaan",
            # ge-leden (ago) and ver-leden (past) are no plurals of lid
            "geleden lid",
            "verleden lid",
        ],
    )
    def test_different_words_keep_different_stems(self, different):
        assert len(stems(different)) == 2

    def test_final_devoicing_is_undone(self):
        assert stem("huizen") == stem("huis") == "huis"
        assert stem("brieven") == stem("brief") == "brief"

    def test_short_words_and_numbers_are_left_alone(self):
        assert stem("de") == "de"
        assert stem("2024") == "2024"
        assert stem("mbo4") == "mbo4"


class TestVerbForms:
    @pytest.mark.parametrize(
        ("word", "forms"),
        [
            ("werken", {"werkt", "gewerkt", "werkte", "werkten"}),
            ("werkt", {"werken", "gewerkt"}),
            ("gewerkt", {"werken", "werkt"}),
            ("leren", {"leert", "geleerd", "leerde", "leerden"}),
            ("geleerd", {"leren", "leert"}),
            ("zetten", {"zet", "gezet"}),
            ("praten", {"praat", "gepraat"}),
            ("leven", {"leeft", "geleefd"}),
            ("reizen", {"reist", "gereisd"}),
            ("begeleiden", {"begeleidt", "begeleid"}),
            ("begeleid", {"begeleiden", "begeleidt"}),
            ("ontwikkelen", {"ontwikkelt", "ontwikkeld"}),
            ("maakt", {"maken", "gemaakt"}),
            # strong verbs, from any form
            ("loopt", {"lopen", "liep", "liepen", "gelopen"}),
            ("gevonden", {"vinden", "vindt", "vond"}),
            ("schrijven", {"schrijft", "schreef", "geschreven"}),
            ("kreeg", {"krijgen", "krijgt", "gekregen"}),
        ],
    )
    def test_other_forms_of_a_verb(self, word, forms):
        assert forms <= set(verb_forms(word))

    def test_the_bare_root_is_not_guessed(self):
        assert "lef" not in verb_forms("leven")
        assert "won" not in verb_forms("wonen")
        assert "gewoon" not in verb_forms("wonen")

    def test_short_words_and_numbers_have_none(self):
        assert verb_forms("zet") == ()
        assert verb_forms("2024") == ()


class TestSplitCompound:
    @pytest.mark.parametrize(
        ("word", "parts"),
        [
            ("zorgonderwijs", ["zorg", "onderwijs"]),
            ("zorgorganisatie", ["zorg", "organisatie"]),
            ("zorgorganisaties", ["zorg", "organisaties"]),
            ("verpleeghuiszorg", ["verpleeg", "huis", "zorg"]),
            ("verpleeghuizen", ["verpleeg", "huizen"]),
            ("ouderenzorg", ["ouderen", "zorg"]),
            ("gastdocenten", ["gast", "docenten"]),
            ("leerwerkplaats", ["leer", "werk", "plaats"]),
            ("ervaringsdeskundige", ["ervaring", "deskundige"]),
            ("ervaringsdeskundigen", ["ervaring", "deskundigen"]),
            ("zorgvragers", ["zorg", "vragers"]),
            ("mantelzorgers", ["mantel", "zorgers"]),
            ("wijkverpleegkundige", ["wijk", "verpleegkundige"]),
            ("gezondheidszorg", ["gezondheid", "zorg"]),
            ("docententeam", ["docenten", "team"]),
            ("kinderopvang", ["kind", "opvang"]),
            ("afdelingsleden", ["afdeling", "leden"]),
            ("thuiszorgorganisatie", ["thuis", "zorg", "organisatie"]),
        ],
    )
    def test_compounds_split_into_lexicon_words(self, word, parts):
        assert split_compound(word, Lexicon.default()) == parts

    @pytest.mark.parametrize(
        "word",
        [
            "bestuurder", "leerling", "leerlingen", "verpleegkundige", "verpleegkundigen",
            "dementie", "studenten", "organisatie", "onderwijs", "voorbeeld", "samenwerking",
            "persoonlijk", "werkelijk", "waardering", "vrijheid", "landschap", "ondernemer",
            "bijvoorbeeld", "toekomstige", "vakantie", "zorgen", "zorgvuldig", "gastvrijheid",
            "vrijdag", "zorg", "huis", "mbo", "2024", "zorg2024",
        ],
    )  # fmt: skip
    def test_words_that_are_not_compounds_stay_whole(self, word):
        corpus = ["lijk", "heid", "ring", "persoon", "waarde", "nemer", "eren", "ding", "orgaan"]
        assert split_compound(word, Lexicon.default()) == []
        assert split_compound(word, Lexicon.default().with_words(corpus)) == []

    def test_corpus_words_become_parts(self):
        assert split_compound("sportclub", Lexicon.default()) == []
        assert split_compound("sportclub", Lexicon.default().with_words(["Club"])) == [
            "sport", "club",
        ]  # fmt: skip

    def test_corpus_compounds_are_split_into_curated_words_only(self):
        lexicon = Lexicon.default().with_words(["materiaal", "mate", "riaal", "toepassing"])
        assert split_compound("materiaaltoepassing", lexicon) == ["materiaal", "toepassing"]
        lexicon = Lexicon.default().with_words(["verpleeghuis", "huiszorg"])
        assert split_compound("verpleeghuiszorg", lexicon) == ["verpleeg", "huis", "zorg"]

    def test_short_and_function_words_from_the_corpus_are_no_parts(self):
        lexicon = Lexicon.default().with_words(["der", "van", "her", "voor", "lijk"])
        for word in ["der", "van", "her", "voor", "lijk"]:
            assert word not in lexicon


class TestLexicon:
    def test_default_is_built_once(self):
        assert Lexicon.default() is Lexicon.default()
        assert "zorg" in Lexicon.default()
        assert len(Lexicon.default()) == len(base_words()) > 300

    def test_with_words_makes_a_new_lexicon(self):
        bigger = Lexicon.default().with_words({"kraamzorg": 3, "Crèche": 1})
        assert "creche" in bigger
        assert "creche" not in Lexicon.default()
        assert len(bigger) == len(Lexicon.default()) + 2

    def test_shipped_list_is_folded_and_has_no_blocked_parts(self):
        lines = LEXICON_PATH.read_text(encoding="utf-8").splitlines()
        entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        assert all(entry.isascii() and entry.isalnum() and entry.islower() for entry in entries)
        assert not base_words() & BLOCKED_PARTS


class TestIndexAndQueryTerms:
    @pytest.mark.parametrize(
        ("document", "query"),
        [
            ("Studenten lopen stage in verpleeghuizen.", "verpleeghuis"),
            ("Een dag in het verpleeghuis.", "verpleeghuizen"),
            ("Samen met cliënten het rooster maken.", "clienten"),
            ("Samen met clienten het rooster maken.", "Cliënten"),
            ("De financiële kant.", "financieel"),
            ("Naar Fryslân.", "fryslan"),
            ("Radicale vernieuwing van het zorgonderwijs.", "onderwijs"),
            ("Radicale vernieuwing van het zorgonderwijs.", "zorgonderwijs"),
            ("Elke zorgorganisatie doet mee.", "organisaties"),
            ("Verpleeghuiszorg in de wijk.", "verpleeghuis"),
            ("Verpleeghuiszorg in de wijk.", "huiszorg"),
            ("Gastdocenten uit de praktijk.", "gastdocent docent gast"),
            ("Ervaringsdeskundigen vertellen.", "ervaring deskundige"),
            ("Werk in de leerwerkplaats.", "werkplaatsen"),
            ("Een zorg voor thema's", "thema"),
        ],
    )
    def test_documents_are_found_by_inflections_and_parts(self, document, query):
        assert finds(document, query)

    @pytest.mark.parametrize(
        ("document", "query"),
        [
            ("Een goede organisatie.", "organ"),
            ("Een persoonlijk gesprek.", "lijk"),
            ("Een werkplaats.", "plaat"),
            ("De leerling leert.", "ling"),
            ("Zorgonderwijs.", "wijs"),
        ],
    )
    def test_documents_are_not_found_by_fragments(self, document, query):
        assert not finds(document, query)

    def test_index_terms_keep_text_order_with_parts_after_their_word(self):
        assert index_terms("Gastdocenten geven zorgonderwijs") == [
            "gastdocent", "gast", "docent", "geef", "zorgonderwijs", "zorg", "onderwijs",
        ]  # fmt: skip

    def test_corpus_lexicon_is_used_for_indexing(self):
        lexicon = Lexicon.default().with_words(["club"])
        assert finds("De sportclub.", "club", lexicon)
        assert not finds("De sportclub.", "club")

    def test_query_terms_drop_stop_words_operators_and_syntax(self):
        assert query_terms('"Zorg" in de (wijk) AND NOT -ouderen*') == ["zorg", "wijk", "ouder"]
        assert query_terms("zorg zorgen Zorg") == ["zorg"]
        assert query_terms("<script>alert(1)</script>") == ["script", "alert", "1"]

    def test_query_of_only_stop_words_is_kept(self):
        assert query_terms("voor de") == ["voor", "de"]

    def test_empty_query(self):
        assert query_terms("") == []
        assert query_terms("AND OR") == []


class TestHighlight:
    def test_marks_inflections_accents_compounds_and_prefix(self):
        text = "Cliënten in Fryslân krijgen zorgonderwijs van gastdocenten in verpleeghuizen."
        assert highlight(text, "client fryslan onderwijs verpleeghuis gastdoc") == (
            "<mark>Cliënten</mark> in <mark>Fryslân</mark> krijgen <mark>zorgonderwijs</mark> "
            "van <mark>gastdocenten</mark> in <mark>verpleeghuizen</mark>."
        )

    def test_prefix_of_a_compound_part(self):
        assert highlight("Zorgonderwijs in de regio.", "zorg onderw") == (
            "<mark>Zorgonderwijs</mark> in de regio."
        )
        assert highlight("Zorgonderwijs in de regio.", "onderw") == (
            "<mark>Zorgonderwijs</mark> in de regio."
        )
        assert "<mark>" not in highlight("Zorgonderwijs in de regio.", "derwijs")

    def test_prefix_needs_three_letters_and_only_the_last_word(self):
        assert "<mark>" not in highlight("Gastdocenten geven les.", "ga")
        assert "<mark>" not in highlight("Gastdocenten geven les.", "gastdoc zorg")

    def test_stop_words_are_not_marked(self):
        assert highlight("Zorg in de wijk", "zorg in de wijk") == (
            "<mark>Zorg</mark> in de <mark>wijk</mark>"
        )

    def test_apostrophe_plural_is_marked_whole(self):
        assert highlight("Twee thema's.", "thema") == "Twee <mark>thema&#x27;s</mark>."

    def test_text_and_query_markup_is_escaped(self):
        text = 'Studenten <script>alert("x")</script> & "verpleeghuis" <b>'
        result = highlight(text, '<script> "verpleeghuis" (zorg) AND')
        assert isinstance(result, SafeString)
        assert conditional_escape(result) == result
        assert "<script>" not in result
        assert "<b>" not in result
        assert "&lt;<mark>script</mark>&gt;" in result
        assert "&amp; &quot;<mark>verpleeghuis</mark>&quot; &lt;b&gt;" in result

    def test_window_around_the_best_match_cut_on_word_boundaries(self):
        filler = " ".join(f"woord{number}" for number in range(100))
        text = f"{filler} De mantelzorgers in de wijk. {filler}"
        result = highlight(text, "mantelzorger", length=80)
        assert result.startswith("…woord")
        assert result.endswith("…")
        assert "<mark>mantelzorgers</mark>" in result
        shown = result.removeprefix("…").removesuffix("…").replace("<mark>", "")
        shown = shown.replace("</mark>", "")
        assert len(shown) <= 80
        assert f" {shown} " in f" {text} "

    def test_window_prefers_the_most_matches(self):
        filler = " ".join(["tekst"] * 60)
        text = f"zorg {filler} wijk zorg wijk {filler}"
        result = highlight(text, "zorg wijk", length=60)
        assert result.count("<mark>") == 3

    def test_no_match_gives_the_start(self):
        text = " ".join(["begin"] + ["tekst"] * 100)
        result = highlight(text, "dementie", length=50)
        assert result.startswith("begin tekst")
        assert result.endswith("…")
        assert "<mark>" not in result
        assert len(result) <= 51

    def test_short_text_is_shown_whole(self):
        assert highlight("Zorg  in\nde wijk.", "") == "Zorg in de wijk."
        assert highlight("", "zorg") == ""


class TestTypos:
    @pytest.mark.parametrize(
        ("a", "b", "distance"),
        [
            ("zorg", "zorg", 0),
            ("zorg", "zorgt", 1),
            ("dementei", "dementie", 1),
            ("demntiee", "dementie", 2),
            ("kitten", "sitting", 3),
            ("", "abc", 3),
        ],
    )
    def test_edit_distance(self, a, b, distance):
        assert edit_distance(a, b, limit=5) == distance

    def test_edit_distance_stops_past_the_limit(self):
        assert edit_distance("organisatie", "zorg", limit=2) == 3
        assert edit_distance("abcdef", "badcfe", limit=1) == 2

    def test_closest_prefers_fewer_edits_then_frequency(self):
        assert closest("dementei", {"dementie": 5, "demente": 1}) == "dementie"
        assert closest("dementei", {"dementie": 1, "demente": 5}) == "demente"
        assert closest("demntiee", {"dementie": 1, "demente": 9}) == "dementie"

    def test_closest_edit_budget_depends_on_length(self):
        assert closest("zorgg", ["zorg"]) == "zorg"
        assert closest("zrogg", ["zorg"]) is None
        assert closest("wjk", ["wijk"]) is None
        assert closest("wjk", ["wijk"], max_edits=1) == "wijk"
        assert closest("vrijwiliger", ["vrijwilligers"]) == "vrijwilligers"

    def test_closest_known_word_is_itself_and_folded(self):
        assert closest("Cliënt", {"client": 1, "clint": 9}) == "client"

    def test_suggest_replaces_unknown_words(self):
        vocabulary = {"dementie": 4, "zorg": 9, "wijk": 3}
        assert suggest("Dementei in de wijk", vocabulary) == "dementie in de wijk"
        assert suggest("zorg wijk", vocabulary) is None
        assert suggest("xylofoon", vocabulary) is None
        assert suggest("", vocabulary) is None

    def test_prefix_matches_most_frequent_first(self):
        vocabulary = {"gastdocent": 5, "gastdocenten": 2, "gastles": 9, "docent": 7}
        assert prefix_matches("gastdoc", vocabulary) == ["gastdocent", "gastdocenten"]
        assert prefix_matches("Gast", vocabulary) == ["gastles", "gastdocent", "gastdocenten"]
        assert prefix_matches("zorg gastd", vocabulary, limit=1) == ["gastdocent"]
        assert prefix_matches("ga", vocabulary) == []
        assert prefix_matches("gastdoc", ["gastdocenten", "gastdocent"]) == [
            "gastdocent", "gastdocenten",
        ]  # fmt: skip
