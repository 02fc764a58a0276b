"""The behavioural search suite: the same Dutch questions on every engine."""

import pytest

from initiatieven.models import Organisation, Province, Theme
from search.models import SynonymGroup
from tests.search.conftest import body

pytestmark = pytest.mark.django_db


class TestDutchMatching:
    @pytest.mark.parametrize(
        ("indexed", "query"),
        [
            ("Studenten lopen stage in verpleeghuizen.", "verpleeghuis"),
            ("Een dag in het verpleeghuis.", "verpleeghuizen"),
            ("Een gastdocent vertelt over haar leven.", "gastdocenten"),
            ("Gastdocenten met dementie in de klas.", "gastdocent"),
            ("Ondersteuning voor elke mantelzorger.", "mantelzorgers"),
            ("Mantelzorgers leren mee in de wijk.", "mantelzorger"),
            ("Samen met cliënten het rooster maken.", "clienten"),
            ("Samen met clienten het rooster maken.", "cliënten"),
            ("De financiële kant van leren en werken.", "financiele"),
            ("De leden van de cliëntenraad denken mee.", "lid"),
            ("Studenten uit drie steden doen mee.", "stad"),
            ("Nieuwe categorieën van hulpvragen.", "categorie"),
            ("Samen hebben zij een rooster gemaakt.", "maken"),
            ("Elke student leert van bewoners.", "leren"),
            ("Zij hebben geleerd van bewoners.", "leert"),
            ("Elke student schreef een verslag over de wijk.", "schrijven"),
        ],
    )
    def test_inflections_and_accents(self, make, search_api, titles, indexed, query):
        make("Gevonden initiatief", summary="", approach=body(indexed))
        make("Ander initiatief", summary="", approach=body("Iets heel anders over koken."))
        assert titles(search_api(q=query)) == ["Gevonden initiatief"]

    def test_compounds_are_found_by_their_parts(self, make, search_api, titles):
        make(
            "Vernieuwing", summary="", approach=body("Radicale vernieuwing van het zorgonderwijs.")
        )
        make("Netwerk", summary="", approach=body("Elke zorgorganisatie in de regio doet mee."))
        assert titles(search_api(q="onderwijs")) == ["Vernieuwing"]
        assert titles(search_api(q="organisatie")) == ["Netwerk"]

    def test_typo_tolerance(self, make, search_api, titles):
        make("Leren over dementie", summary="", approach=body("Mensen met dementie in de klas."))
        assert titles(search_api(q="dementei")) == ["Leren over dementie"]

    def test_prefix_of_the_last_word(self, make, search_api, titles):
        make("Gastlessen", summary="", approach=body("Gastdocenten uit de praktijk."))
        assert titles(search_api(q="gastdoc")) == ["Gastlessen"]

    def test_all_words_must_match(self, make, search_api, titles):
        make("Studenten in het verpleeghuis", summary="", approach=body("Leren op de werkvloer."))
        make("Studenten in de wijk", summary="", approach=body("Leren in de thuiszorg."))
        assert titles(search_api(q="studenten verpleeghuis")) == ["Studenten in het verpleeghuis"]


class TestRanking:
    def test_title_and_summary_matches_rank_above_body_matches(self, make, search_api, titles):
        make(
            "Over koken",
            summary="Vrijwilligers koken samen.",
            approach=body("Ook over ervaringsdeskundigen."),
        )
        make(
            "Ervaringsdeskundigen in de klas",
            summary="Les van mensen met ervaring.",
            approach=body("Aanpak."),
        )
        make(
            "Lessen", summary="Ervaringsdeskundigen vertellen.", approach=body("Aanpak in de les.")
        )
        result = titles(search_api(q="ervaringsdeskundigen"))
        assert result[-1] == "Over koken"
        assert set(result[:2]) == {"Ervaringsdeskundigen in de klas", "Lessen"}


class TestSearchableNames:
    def test_theme_keyword_organisation_place_and_province(self, make, search_api, titles):
        page = make(
            "Een initiatief",
            summary="",
            approach=body("Niets bijzonders."),
            place="Leeuwarden",
            province=Province.objects.get(slug="friesland"),
            themes=["informele-zorg"],
            keywords=["kookclub"],
        )
        page.organisations.add(Organisation.objects.create(name="Zorggroep Tellus"))
        page.save_revision().publish()
        make("Iets anders", summary="", approach=body("Niets."))
        for query in ["mantelzorgers", "kookclub", "Tellus", "Leeuwarden", "Fryslân", "fryslan"]:
            assert titles(search_api(q=query)) == ["Een initiatief"], query


class TestSynonyms:
    def test_starter_synonyms(self, make, search_api, titles):
        make("Alzheimer café", summary="", approach=body("Een plek voor mensen met alzheimer."))
        make("Roc en zorg", summary="", approach=body("Het roc werkt samen met de zorg."))
        assert titles(search_api(q="dementie")) == ["Alzheimer café"]
        assert titles(search_api(q="mbo")) == ["Roc en zorg"]

    def test_multi_word_synonym(self, make, search_api, titles):
        make("Herstel", summary="", approach=body("Ervaringswerkers in de ggz."))
        assert titles(search_api(q="geestelijke gezondheidszorg")) == ["Herstel"]

    def test_editors_synonyms_apply_without_reindex(self, make, search_api, titles):
        make("Tuinieren", summary="", approach=body("Bewoners werken in de moestuin."))
        assert titles(search_api(q="groentetuin")) == []
        SynonymGroup.objects.create(terms="groentetuin, moestuin")
        assert titles(search_api(q="groentetuin")) == ["Tuinieren"]

    @pytest.mark.parametrize(
        ("query", "text"),
        [
            ("care", "Studenten leren in de zorg."),
            ("nursing", "Een nieuwe opleiding verpleegkunde."),
            ("nursing home", "Een dag in het verpleeghuis."),
            ("internship", "Studenten lopen stage in de wijk."),
            ("lived experience", "Ervaringsdeskundigen geven les."),
            ("dementia", "Mensen met alzheimer in de klas."),
            ("mental health", "Herstelwerkplaats in de ggz."),
        ],
    )
    def test_english_words_of_the_field_find_the_dutch_ones(
        self, make, search_api, titles, query, text
    ):
        make("Gevonden", approach=body(text))
        make("Iets anders", approach=body("Een kookclub voor buurtbewoners."))
        assert titles(search_api(q=query)) == ["Gevonden"]

    @pytest.mark.parametrize("query", ["stagiair", "stagiaire", "trainee", "stagiairs"])
    def test_words_for_an_intern_find_stage(self, make, search_api, titles, query):
        make("Gevonden", approach=body("Studenten lopen stage in de wijk."))
        make("Iets anders", approach=body("Een kookclub voor buurtbewoners."))
        assert titles(search_api(q=query)) == ["Gevonden"]

    def test_frisian_and_dutch_names_of_places_find_each_other(self, make, search_api, titles):
        make("In de provincie", province=Province.objects.get(slug="friesland"), approach=body("x"))
        make("Dutch name", approach=body("Een project in Friesland en Leeuwarden."))
        make("Frisian name", approach=body("In projekt yn Fryslân en Ljouwert."))
        make("Elders", approach=body("Een project in Utrecht."))
        expected = {"In de provincie", "Dutch name", "Frisian name"}
        assert set(titles(search_api(q="friesland"))) == expected
        assert set(titles(search_api(q="Fryslân"))) == expected
        assert set(titles(search_api(q="ljouwert"))) == {"Dutch name", "Frisian name"}


class TestSafety:
    @pytest.mark.parametrize(
        "query",
        ['"verpleeghuis', "(zorg", "zorg)", "a AND OR NOT", "*", "zorg:", "-", "NEAR(a b)",
         "'; DROP TABLE x; --", "^~!&|\\/[]{}<>", "<script>alert(1)</script>", "é" * 300],
    )  # fmt: skip
    def test_operators_and_quotes_never_fail(self, make, client, engine, query):
        make("Iets", approach=body("Zorg in het verpleeghuis."))
        assert client.get("/api/zoeken/", {"q": query}).status_code == 200
        assert client.get("/zoeken/", {"q": query}).status_code == 200

    def test_highlight_is_safe_html_with_mark(self, make, search_api):
        make(
            "Veilig",
            summary="Studenten <script>alert(1)</script> in het verpleeghuis.",
            approach=body("x"),
        )
        [result] = search_api(q="verpleeghuis")["results"]
        assert "<mark>verpleeghuis</mark>" in result["highlight"]
        assert "<script>" not in result["highlight"]
        assert "&lt;script&gt;" in result["highlight"]


class TestSuggestion:
    def test_zero_results_with_a_close_known_word_suggests_it(self, make, search_api):
        make("Leren over dementie", summary="", approach=body("Mensen met dementie in de klas."))
        data = search_api(q="demntiee")
        assert data["total"] == 0
        assert data["suggestion"] == "dementie"

    def test_no_suggestion_when_nothing_is_close(self, make, search_api):
        make("Leren over dementie", approach=body("Mensen met dementie."))
        assert search_api(q="xylofoon")["suggestion"] is None


class TestFacets:
    @pytest.fixture
    def corpus(self, make):
        zh = Province.objects.get(slug="zuid-holland")
        nh = Province.objects.get(slug="noord-holland")
        make("A", province=zh, themes=["leren-en-werken"], approach=body("zorg"))
        make(
            "B",
            province=zh,
            themes=["leren-en-werken", "ervaringsdeskundigheid"],
            approach=body("zorg"),
        )
        make("C", province=nh, themes=["ervaringsdeskundigheid"], approach=body("zorg"))
        make("D", province=nh, themes=["informele-zorg"], approach=body("welzijn"))

    def counts(self, data, facet):
        return {v["value"]: v["count"] for v in data["facets"][facet] if v["count"]}

    def test_browse_counts_everything(self, corpus, search_api):
        data = search_api()
        assert data["total"] == 4
        assert self.counts(data, "provincie") == {"zuid-holland": 2, "noord-holland": 2}
        assert self.counts(data, "thema") == {
            "leren-en-werken": 2, "ervaringsdeskundigheid": 2, "informele-zorg": 1,
        }  # fmt: skip

    def test_or_within_and_across_facets(self, corpus, search_api, titles):
        data = search_api(thema=["leren-en-werken", "informele-zorg"])
        assert sorted(titles(data)) == ["A", "B", "D"]
        data = search_api(thema=["ervaringsdeskundigheid"], provincie=["noord-holland"])
        assert titles(data) == ["C"]

    def test_counts_apply_the_other_facets(self, corpus, search_api):
        data = search_api(provincie="zuid-holland")
        # province counts ignore the province selection, theme counts apply it
        assert self.counts(data, "provincie") == {"zuid-holland": 2, "noord-holland": 2}
        assert self.counts(data, "thema") == {"leren-en-werken": 2, "ervaringsdeskundigheid": 1}
        selected = [v["value"] for v in data["facets"]["provincie"] if v["selected"]]
        assert selected == ["zuid-holland"]

    def test_each_selected_facet_counts_within_the_others(self, corpus, search_api):
        data = search_api(thema="ervaringsdeskundigheid", provincie="noord-holland")
        assert data["total"] == 1
        # provinces within the theme (B, C), themes within the province (C, D)
        assert self.counts(data, "provincie") == {"zuid-holland": 1, "noord-holland": 1}
        assert self.counts(data, "thema") == {"ervaringsdeskundigheid": 1, "informele-zorg": 1}
        # a facet without a selection counts within both selections: only C
        assert self.counts(data, "fase") == {"lopend": 1}
        assert self.counts(search_api(provincie="noord-holland"), "fase") == {"lopend": 2}

    def test_text_and_facets_together(self, corpus, search_api, titles):
        assert sorted(titles(search_api(q="zorg", provincie="noord-holland"))) == ["C"]

    def test_sorting(self, corpus, search_api, titles):
        assert titles(search_api(sort="titel")) == ["A", "B", "C", "D"]
        assert titles(search_api(sort="nieuw")) == ["D", "C", "B", "A"]


class TestIndexing:
    def test_unpublished_deleted_and_private_pages_disappear(self, make, search_api, titles):
        from wagtail.models import PageViewRestriction

        gone = make("Verdwijnt", approach=body("bijzonder woord"))
        assert titles(search_api(q="bijzonder")) == ["Verdwijnt"]
        gone.unpublish()
        assert titles(search_api(q="bijzonder")) == []
        private = make("Besloten", approach=body("geheimzinnig"))
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        assert titles(search_api(q="geheimzinnig")) == []
        deleted = make("Weg", approach=body("verwijderbaar"))
        deleted.delete()
        assert titles(search_api(q="verwijderbaar")) == []

    def test_vocabulary_label_change_reaches_the_results(self, make, search_api, titles):
        make("Met thema", approach=body("x"), themes=["lerende-organisatie"])
        theme = Theme.objects.get(slug="lerende-organisatie")
        theme.label = "Organisatie die leert en groeit"
        theme.save()
        assert titles(search_api(q="groeit")) == ["Met thema"]
        [result] = search_api(q="groeit")["results"]
        assert {
            "slug": "lerende-organisatie",
            "label": "Organisatie die leert en groeit",
        } in result["themes"]
