import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from initiatieven.models import InitiativePage, Province, Theme
from tests.factories import initiative_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_editor_creates_and_publishes_an_initiative(editor_client, index):
    url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))
    assert editor_client.get(url).status_code == 200

    data = initiative_form(
        summary="Mensen met een andere achtergrond zijn er voor de bewoners.",
        themes=[Theme.objects.get(slug="regels-naar-relaties").pk],
        keywords="gastvrijheid, kwaliteit van leven",
        **{"action-publish": "publish"},
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors

    page = InitiativePage.objects.get(slug="gastheren-in-het-verpleeghuis")
    assert page.live
    assert page.key == "gastheren-in-het-verpleeghuis"
    assert sorted(page.keywords.names()) == ["gastvrijheid", "kwaliteit van leven"]
    assert editor_client.get(page.url).status_code == 200


def test_fixed_vocabularies_cannot_be_added_or_deleted_even_by_a_superuser(editor_client):
    province = Province.objects.get(slug="utrecht")
    assert editor_client.get(reverse("wagtailsnippets_initiatieven_province:add")).status_code in {
        302,
        403,
    }
    delete_url = reverse("wagtailsnippets_initiatieven_province:delete", args=(province.pk,))
    assert editor_client.post(delete_url).status_code in {302, 403}
    assert Province.objects.filter(slug="utrecht").exists()
    edit_url = reverse("wagtailsnippets_initiatieven_province:edit", args=(province.pk,))
    assert editor_client.get(edit_url).status_code == 200


def test_themes_can_be_added(editor_client):
    url = reverse("wagtailsnippets_initiatieven_theme:add")
    response = editor_client.post(
        url,
        {"label": "Professioneel lef", "slug": "professioneel-lef", "sort_order": "20",
         "description": rich_text("Buiten de lijntjes kleuren.")},
    )  # fmt: skip
    assert response.status_code == 302
    assert Theme.objects.filter(slug="professioneel-lef").exists()


def test_keyword_autocomplete_in_editor(editor_client, index):
    from tests.factories import create_initiative

    create_initiative(index, keywords=["dementie"])
    response = editor_client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "dem"})
    assert response.status_code == 200
    assert "dementie" in response.content.decode()


def test_editor_menu_says_pages_not_pagination(editor_client):
    # Our catalogue once translated the pagination label "Pages" as "Paginering", which also
    # renamed the editor's Pages menu.
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Paginering" not in html
    assert "Pagina" in html
