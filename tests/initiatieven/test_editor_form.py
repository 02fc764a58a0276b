"""The initiative editor as practitioners use it: plain choices for province and phase, an
organisation picker that finds and adds organisations, no Promote tab for Bijdragers (their
slug follows the title), help texts with examples and a 'new initiative' dashboard action."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from initiatieven.models import InitiativePage, Organisation, Phase, Province
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from tests.factories import create_initiative, create_user, edit_form, initiative_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(index):
    return create_user(groups=[CONTRIBUTOR_GROUP])


@pytest.fixture
def moderator(index):
    return create_user(groups=[MODERATOR_GROUP])


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def form_html(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def latest(page: InitiativePage) -> InitiativePage:
    """The page as its newest revision has it (the `page` object in a test is stale)."""
    return InitiativePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def tab_labels(soup: BeautifulSoup) -> list[str]:
    # A tab's label is followed by its error count, "()" when there are none.
    return [
        re.sub(r"\(\d*\)$", "", tab.get_text(strip=True)) for tab in soup.select('[role="tab"]')
    ]


def radio_labels(soup: BeautifulSoup, name: str) -> list[str]:
    return [
        radio.find_parent("label").get_text(strip=True)
        for radio in soup.select(f'input[type="radio"][name="{name}"]')
    ]


class TestPlainChoices:
    def test_every_province_and_phase_is_a_visible_radio_button(self, contributor_client, index):
        soup = form_html(contributor_client, add_url(index))

        provinces = radio_labels(soup, "province")
        assert provinces == ["Geen provincie", *Province.objects.values_list("label", flat=True)]
        assert {"Zeeland", "Zuid-Holland", "Landelijk"} <= set(provinces)
        assert len(provinces) == 14  # twelve provinces, Landelijk and the empty choice
        phases = radio_labels(soup, "phase")
        assert phases == ["Niet ingevuld", *Phase.objects.values_list("label", flat=True)]
        assert not soup.select('[data-chooser-url*="province"], [data-chooser-url*="phase"]')

    def test_the_page_s_province_is_checked(self, contributor_client, index):
        page = create_initiative(index, province=Province.objects.get(slug="zeeland"))

        soup = form_html(contributor_client, edit_url(page))

        checked = soup.select_one('input[name="province"]:checked')
        assert checked["value"] == str(Province.objects.get(slug="zeeland").pk)

    def test_province_can_be_left_empty(self, contributor_client, index):
        response = contributor_client.post(add_url(index), initiative_form(province="", phase=""))

        assert response.status_code == 302
        page = InitiativePage.objects.get(title="Gastheren in het verpleeghuis")
        assert page.province is None and page.phase is None


class TestPromoteTab:
    def test_a_bijdrager_sees_no_promote_tab_nor_its_fields(self, contributor_client, index):
        page = create_initiative(index)
        for url in (add_url(index), edit_url(page)):
            soup = form_html(contributor_client, url)

            assert tab_labels(soup) == ["Inhoud", "Kenmerken"]
            for name in ("slug", "seo_title", "search_description", "show_in_menus"):
                assert not soup.select(f'[name="{name}"]'), name

    def test_a_redacteur_and_an_administrator_see_it(
        self, moderator_client, client, admin_user, index
    ):
        soup = form_html(moderator_client, add_url(index))
        assert "Promoten" in tab_labels(soup)
        assert soup.select('input[name="slug"]')

        client.force_login(admin_user)
        assert "Promoten" in tab_labels(form_html(client, add_url(index)))

    def test_the_title_syncs_to_the_slug_only_where_the_slug_is_in_the_form(
        self, contributor_client, moderator, index
    ):
        # Wagtail's sync controller fails on every keystroke when given no slug field.
        title = form_html(contributor_client, add_url(index)).select_one("#id_title")
        assert "w-sync" not in title.get("data-controller", "")
        assert not title.has_attr("data-w-sync-target-value")

        contributor_client.force_login(moderator)
        title = form_html(contributor_client, add_url(index)).select_one("#id_title")
        assert "w-sync" in title["data-controller"]
        assert title["data-w-sync-target-value"] == "#id_slug"

    def test_a_bijdrager_s_new_page_takes_its_slug_from_the_title(self, contributor_client, index):
        create_initiative(
            index, title="Gastheren in het verpleeghuis", slug="gastheren-in-het-verpleeghuis"
        )

        # A slug in the post is ignored: the field is not in a Bijdrager's form.
        response = contributor_client.post(add_url(index), initiative_form(slug="zelf-gekozen"))

        assert response.status_code == 302
        page = InitiativePage.objects.filter(title="Gastheren in het verpleeghuis").latest("pk")
        assert page.slug == "gastheren-in-het-verpleeghuis-2"
        assert not page.live

    def test_a_draft_s_slug_follows_its_new_title(self, contributor_client, index):
        page = create_initiative(index, publish=False, title="Koken met bewoners")
        assert page.slug == "koken-met-bewoners"

        response = contributor_client.post(edit_url(page), edit_form(page, title="Samen koken"))

        assert response.status_code == 302
        assert latest(page).slug == "samen-koken"

    def test_a_published_page_keeps_its_slug(self, contributor_client, index):
        page = create_initiative(index, title="Koken met bewoners")

        response = contributor_client.post(
            edit_url(page), edit_form(page, title="Samen koken", slug="samen-koken")
        )

        assert response.status_code == 302
        assert latest(page).slug == "koken-met-bewoners"

    def test_a_slug_a_redacteur_chose_is_kept(self, contributor_client, index):
        page = create_initiative(index, publish=False, title="Koken met bewoners", slug="koken")

        contributor_client.post(edit_url(page), edit_form(page, title="Samen koken"))

        assert latest(page).slug == "koken"

    def test_a_bijdrager_s_save_keeps_what_a_redacteur_set_for_search_engines(
        self, contributor_client, index
    ):
        page = create_initiative(
            index, seo_title="Koken als leerwerkplaats", search_description="Studenten koken."
        )

        response = contributor_client.post(edit_url(page), edit_form(page, place="Goes"))

        assert response.status_code == 302
        draft = latest(page)
        assert draft.place == "Goes"
        assert (draft.seo_title, draft.search_description) == (
            "Koken als leerwerkplaats",
            "Studenten koken.",
        )

    def test_a_redacteur_changes_the_slug(self, moderator_client, index):
        page = create_initiative(index, title="Koken met bewoners")

        response = moderator_client.post(edit_url(page), edit_form(page, slug="koken"))

        assert response.status_code == 302
        assert latest(page).slug == "koken"

    def test_a_title_without_letters_gets_a_clear_error(self, contributor_client, index):
        response = contributor_client.post(add_url(index), initiative_form(title="???"))

        assert response.status_code == 200
        assert "Gebruik een letter of cijfer in de titel" in response.content.decode()
        assert not InitiativePage.objects.filter(title="???").exists()


class TestHelpTexts:
    def test_each_section_has_a_help_text_with_an_example(self, contributor_client, index):
        html = form_html(contributor_client, add_url(index)).get_text(" ")

        for text in (
            "Bijvoorbeeld: ‘Verpleegkundestudenten lopen een jaar mee in een wijkteam",  # summary
            "Welke vraag of welk probleem was de aanleiding? Bijvoorbeeld",  # background
            "hoe is het georganiseerd? Bijvoorbeeld",  # approach
            "Wat levert het op",  # results
            "Bijvoorbeeld: ‘Begin klein",  # lessons
            "Kies ‘Landelijk’",  # province
            "Typ een paar letters",  # organisations
            "Bijvoorbeeld: ‘Pilot’",  # phase
        ):
            assert text in html, text


class TestOrganisationPicker:
    @pytest.fixture
    def organisations(self, db):
        return [
            Organisation.objects.create(name=name, place=place)
            for name, place in (
                ("Zorggroep Fryslân", "Leeuwarden"),
                ("ROC Zorgcollege", "Tilburg"),
                ("Hogeschool Rotterdam", "Rotterdam"),
                ("Thuiszorg West", ""),
            )
        ]

    def search(self, client, query):
        response = client.get(reverse("kennisbank_organisation_search"), {"q": query})
        assert response.status_code == 200
        return response.json()

    def test_the_form_has_the_picker_with_the_chosen_organisations(
        self, contributor_client, index, organisations
    ):
        page = create_initiative(index)
        page.organisations.set(organisations[:1])
        page.save_revision()

        soup = form_html(contributor_client, edit_url(page))

        select = soup.select_one('select[name="organisations"]')
        assert select.has_attr("data-organisation-picker")
        assert select["data-search-url"] == reverse("kennisbank_organisation_search")
        assert json.loads(select["data-texts"])["new"] == "Nieuwe organisatie ‘%s’ toevoegen"
        assert [o.get_text() for o in select.select("option[selected]")] == ["Zorggroep Fryslân"]

    def test_a_few_letters_find_organisations_by_any_part_of_the_name(
        self, contributor_client, organisations
    ):
        names = [match["name"] for match in self.search(contributor_client, "zorg")["results"]]
        # Names starting with it first, then a word starting with it, then anywhere.
        assert names == ["Zorggroep Fryslân", "ROC Zorgcollege", "Thuiszorg West"]

        found = self.search(contributor_client, "FRYSLAN")
        assert found["results"] == [
            {"id": organisations[0].pk, "name": "Zorggroep Fryslân", "place": "Leeuwarden"}
        ]
        assert found["can_create"] is True
        assert self.search(contributor_client, "   ")["results"] == []
        assert self.search(contributor_client, "bestaat niet")["results"] == []

    def test_search_queries_stay_bounded(
        self, contributor_client, organisations, django_assert_max_num_queries
    ):
        Organisation.objects.bulk_create(Organisation(name=f"Zorgpartner {n}") for n in range(40))
        with django_assert_max_num_queries(6):
            results = self.search(contributor_client, "zorg")["results"]
        assert len(results) == 10

    def test_a_bijdrager_adds_a_new_organisation_in_place(self, contributor_client, index):
        url = reverse("kennisbank_organisation_create")

        response = contributor_client.post(url, {"name": "  Buurtteam   Oost "})

        assert response.status_code == 201
        data = response.json()
        organisation = Organisation.objects.get(pk=data["id"])
        assert organisation.name == "Buurtteam Oost" and data["created"] is True
        assert organisation.kind == Organisation.Kind.OTHER

        # The form then posts it like any other chosen organisation.
        response = contributor_client.post(
            add_url(index), initiative_form(organisations=[data["id"]])
        )
        assert response.status_code == 302
        page = InitiativePage.objects.get(title="Gastheren in het verpleeghuis")
        assert list(latest(page).organisations.all()) == [organisation]

    def test_adding_an_existing_name_returns_that_organisation(
        self, contributor_client, organisations
    ):
        response = contributor_client.post(
            reverse("kennisbank_organisation_create"), {"name": "zorggroep fryslan"}
        )

        assert response.status_code == 200
        assert response.json()["id"] == organisations[0].pk
        assert Organisation.objects.count() == len(organisations)

    @pytest.mark.parametrize(
        ("name", "error"),
        [("   ", "Typ de naam van de organisatie."), ("x" * 201, "De naam is te lang")],
    )
    def test_a_bad_name_gets_a_clear_error(self, contributor_client, name, error):
        response = contributor_client.post(
            reverse("kennisbank_organisation_create"), {"name": name}
        )

        assert response.status_code == 400
        assert response.json()["error"].startswith(error)
        assert not Organisation.objects.exists()

    def test_creating_needs_a_post(self, contributor_client):
        response = contributor_client.get(reverse("kennisbank_organisation_create"), {"name": "X"})

        assert response.status_code == 405
        assert not Organisation.objects.exists()

    def test_without_permission_nothing_is_found_or_added(self, client, organisations):
        # Signed in to the editor, but no permissions on organisations.
        user = create_user()
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)

        response = client.get(reverse("kennisbank_organisation_search"), {"q": "zorg"})
        assert response.status_code == 403
        response = client.post(reverse("kennisbank_organisation_create"), {"name": "Nieuw"})
        assert response.status_code == 403
        assert not Organisation.objects.filter(name="Nieuw").exists()

    def test_visitors_are_sent_to_the_login(self, client, organisations):
        response = client.get(reverse("kennisbank_organisation_search"), {"q": "zorg"})
        assert response.status_code == 302
        response = client.post(reverse("kennisbank_organisation_create"), {"name": "Nieuw"})
        assert response.status_code == 302
        assert not Organisation.objects.filter(name="Nieuw").exists()


class TestDashboard:
    @pytest.mark.parametrize("role", ["contributor_client", "moderator_client"])
    def test_the_dashboard_offers_a_new_initiative(self, request, role, index):
        client = request.getfixturevalue(role)

        soup = form_html(client, reverse("wagtailadmin_home"))

        [link] = [a for a in soup.find_all("a") if a.get_text(strip=True) == "Nieuw initiatief"]
        assert link["href"] == add_url(index)
        assert client.get(link["href"]).status_code == 200

    def test_not_for_someone_who_may_not_add_initiatives(self, client, index):
        user = create_user()
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)

        assert "Nieuw initiatief" not in client.get(reverse("wagtailadmin_home")).content.decode()
