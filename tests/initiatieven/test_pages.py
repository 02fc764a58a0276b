import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from initiatieven.models import (
    CollectionIndexPage,
    HomePage,
    InitiativeIndexPage,
    InitiativePage,
    Organisation,
    Province,
    StandardPage,
    Theme,
)
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


class TestPageTypeRules:
    def test_initiatives_live_only_under_the_index(self):
        assert InitiativePage.parent_page_types == ["initiatieven.InitiativeIndexPage"]
        assert InitiativePage.allowed_parent_page_models() == [InitiativeIndexPage]
        assert InitiativePage.allowed_subpage_models() == []

    def test_index_and_home_are_singletons_in_their_place(self):
        assert InitiativeIndexPage.allowed_parent_page_models() == [HomePage]
        assert HomePage.allowed_parent_page_models() == [Page]
        assert set(HomePage.allowed_subpage_models()) == {
            InitiativeIndexPage,
            CollectionIndexPage,
            StandardPage,
        }
        assert HomePage.max_count == InitiativeIndexPage.max_count == 1

    def test_an_initiative_cannot_be_created_under_home(self, home):
        assert not InitiativePage.can_create_at(home)
        assert InitiativePage.can_create_at(home.get_children().type(InitiativeIndexPage).first())

    def test_summary_is_limited_to_300_characters(self, index):
        page = InitiativePage(title="Te lang", summary="x" * 301, approach="<p>Aanpak</p>")
        index.add_child(instance=InitiativePage(title="Goed", approach="<p>a</p>", live=False))
        page.live = True
        with pytest.raises(ValidationError) as error:
            index.add_child(instance=page)
        assert "summary" in error.value.message_dict

    def test_a_published_initiative_needs_an_approach(self, index):
        with pytest.raises(ValidationError) as error:
            index.add_child(instance=InitiativePage(title="Zonder aanpak", live=True))
        assert "approach" in error.value.message_dict

    def test_hero_image_needs_alt_text(self, index):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        image = Image.objects.create(title="Foto", file=get_test_image_file())
        page = InitiativePage(title="Met foto", approach="<p>a</p>", hero_image=image, live=True)
        with pytest.raises(ValidationError) as error:
            index.add_child(instance=page)
        assert "hero_image_alt" in error.value.message_dict

    def test_key_is_generated_once_and_kept_on_revert(self, index):
        page = create_initiative(index, title="Samen leren in de wijk")
        first_revision = page.get_latest_revision()
        assert page.key == "samen-leren-in-de-wijk"
        second = create_initiative(index, title="Samen leren in de wijk")
        assert second.key == "samen-leren-in-de-wijk-2"
        assert first_revision.as_object().key == page.key


class TestRendering(WagtailTestUtils):
    def test_home_page(self, client, home, index):
        create_initiative(
            index, title="Ervaringsdeskundigen in de klas", themes=["ervaringsdeskundigheid"]
        )
        response = client.get("/")
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="nl">' in html
        assert "Ervaringsdeskundigen in de klas" in html
        assert 'href="/themas/ervaringsdeskundigheid/"' in html
        assert 'href="/provincies/friesland/"' in html
        assert 'class="skip-link"' in html
        assert 'action="/zoeken/"' in html

    def test_index_lists_newest_first_and_paginates(self, client, index):
        pages = [create_initiative(index, title=f"Initiatief nummer {n}") for n in range(22)]
        response = client.get("/initiatieven/")
        html = response.content.decode()
        assert response.status_code == 200
        assert html.index("Initiatief nummer 21") < html.index("Initiatief nummer 20")
        assert "Initiatief nummer 1<" not in html  # on page 2
        assert 'href="?page=2"' in html
        second = client.get("/initiatieven/?page=2").content.decode()
        assert pages[0].title in second
        assert client.get("/initiatieven/?page=abc").status_code == 200
        assert client.get("/initiatieven/?page=999").status_code == 200

    def test_drafts_are_not_listed_or_served(self, client, index):
        draft = create_initiative(index, title="Nog een concept", publish=False)
        assert "Nog een concept" not in client.get("/initiatieven/").content.decode()
        assert client.get(draft.url_path.replace("/home-kennisbank", "")).status_code == 404

    def test_initiative_shows_every_field(self, client, index):
        organisation = Organisation.objects.create(
            name="mboRijnland",
            kind="onderwijsinstelling",
            place="Leiden",
            website="https://example.org/",
        )
        page = create_initiative(
            index,
            title="Mensen met dementie als gastdocent",
            summary="Studenten leren van ervaringsdeskundigen.",
            background="<p>Onderwijs was vervreemd van de praktijk.</p>",
            approach="<p>Ervaringsdeskundigen komen in de klas.</p>",
            results="<p>Meer begrip bij studenten.</p>",
            lessons="<p>Begin klein.</p>",
            province=Province.objects.get(slug="zuid-holland"),
            place="Leiden",
            start_year=2019,
            website="https://example.org/project",
            contact_name="Fictieve Contactpersoon",
            contact_role="projectleider",
            contact_email="contact@example.org",
            contact_is_public=True,
            themes=["ervaringsdeskundigheid", "leren-en-werken"],
            keywords=["dementie", "NAH"],
            body=[
                (
                    "quote",
                    {"text": "Ik leer hier meer dan uit een boek.", "speaker_role": "student mbo"},
                )
            ],
        )
        page.organisations.add(organisation)
        page.sectors.add(*page.sectors.model.objects.filter(slug="ouderenzorg"))
        page.education_levels.add(*page.education_levels.model.objects.filter(slug="mbo"))
        page.target_groups.add(*page.target_groups.model.objects.filter(slug="studenten"))
        page.save_revision().publish()

        response = client.get(page.url)
        html = response.content.decode()
        assert response.status_code == 200
        for text in [
            "Mensen met dementie als gastdocent",
            "Studenten leren van ervaringsdeskundigen.",
            "Onderwijs was vervreemd van de praktijk.",
            "Ervaringsdeskundigen komen in de klas.",
            "Meer begrip bij studenten.",
            "Begin klein.",
            "Leiden",
            "2019",
            "mboRijnland",
            "Ouderenzorg: verpleeghuis en thuis",
            "mbo",
            "Studenten",
            "dementie",
            "Ik leer hier meer dan uit een boek.",
            "student mbo",
            "Fictieve Contactpersoon, projectleider",
            "https://example.org/project",
            'href="/themas/leren-en-werken/"',
            'href="/provincies/zuid-holland/"',
        ]:
            assert text in html, text
        assert "contact@example.org" not in html
        assert "mailto:" not in html
        assert 'data-domain="gro.elpmaxe"' in html

    def test_contact_is_hidden_unless_allowed(self, client, index):
        page = create_initiative(
            index, contact_name="Verborgen Persoon", contact_email="x@example.org"
        )
        html = client.get(page.url).content.decode()
        assert "Verborgen Persoon" not in html
        assert "elpmaxe" not in html

    def test_theme_and_province_pages(self, client, index):
        create_initiative(index, title="Leren op de werkvloer", themes=["leren-en-werken"])
        theme = Theme.objects.get(slug="leren-en-werken")
        response = client.get("/themas/leren-en-werken/")
        html = response.content.decode()
        assert response.status_code == 200
        assert theme.label in html and "Leren op de werkvloer" in html
        assert "Studenten leren op de zorglocatie" in html  # the theme's description
        assert client.get("/themas/").status_code == 200
        province = client.get("/provincies/zuid-holland/").content.decode()
        assert "Leren op de werkvloer" in province
        assert "Leren op de werkvloer" not in client.get("/provincies/groningen/").content.decode()
        assert client.get("/provincies/").status_code == 200
        assert client.get("/themas/bestaat-niet/").status_code == 404

    def test_standard_page_and_not_found(self, client, home):
        page = home.add_child(
            instance=StandardPage(title="Over de Kennisbank", body="<p>Waarom.</p>")
        )
        assert "Waarom." in client.get(page.url).content.decode()
        response = client.get("/bestaat-niet/")
        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.content.decode()

    def test_search_page_finds_and_survives_syntax(self, client, index):
        create_initiative(
            index, title="Vrijwilligers in het rooster", summary="Informele zorg inplannen."
        )
        response = client.get("/zoeken/", {"q": "vrijwilligers"})
        assert response.status_code == 200
        assert "Vrijwilligers in het rooster" in response.content.decode()
        for query in ['"vrijwilligers', "(zorg", "a AND OR NOT", "*", "zorg:", "-"]:
            assert client.get("/zoeken/", {"q": query}).status_code == 200


def _count_queries(client, url: str) -> int:
    client.get(url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


class TestQueryCounts:
    """Rendering cost must not grow with the number of initiatives, themes or keywords."""

    def _grow(self, index, pages: int, per_page_keywords: int):
        themes = list(Theme.objects.values_list("slug", flat=True))
        for number in range(pages):
            create_initiative(
                index,
                themes=themes[: 1 + number % len(themes)],
                keywords=[f"trefwoord {number} {k}" for k in range(per_page_keywords)],
            )

    @pytest.mark.parametrize(
        "url", ["/", "/initiatieven/", "/themas/", "/provincies/zuid-holland/"]
    )
    def test_listing_pages(self, client, index, url):
        self._grow(index, 2, 1)
        small = _count_queries(client, url)
        self._grow(index, 15, 4)
        assert _count_queries(client, url) == small

    def test_initiative_page(self, client, index):
        page = create_initiative(index, themes=["leren-en-werken"], keywords=["een"])
        create_initiative(index, themes=["leren-en-werken"])  # so "related" is not empty
        small = _count_queries(client, page.url)
        self._grow(index, 12, 3)
        page.themes.set(Theme.objects.all())
        page.keywords.add(*[f"extra {n}" for n in range(10)])
        page.save_revision().publish()
        large = _count_queries(client, page.url)
        assert large == small
        assert large <= 25
