"""The profile page with one's contributions, and deleting one's account."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from accounts.models import ContributorProfile
from initiatieven.models import InitiativePage
from initiatieven.roles import CONTRIBUTOR_GROUP
from tests.factories import USER_PASSWORD, create_initiative, create_user

pytestmark = pytest.mark.django_db

User = get_user_model()


def edit(page, user, summary: str):
    """Save a revision of `page` by `user`, as the editor does, without publishing it."""
    page.summary = summary
    return page.save_revision(user=user)


def test_profile_needs_a_login(client):
    response = client.get("/account/profiel/")

    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/account/profiel/"


def test_profile_lists_contributions_with_their_status(
    contributor_client, contributor, moderator, index
):
    published = create_initiative(index, title="Leren in de wijk")
    edit(published, contributor, "Een nieuwe samenvatting.")
    draft = create_initiative(index, publish=False, title="Zorgmaatjes", owner=contributor)
    in_review = create_initiative(index, publish=False, title="Samen koken", owner=contributor)
    in_review.save_revision(user=contributor)
    in_review.get_workflow().start(in_review, contributor)
    returned = create_initiative(index, publish=False, title="Buurtcirkel", owner=contributor)
    returned.save_revision(user=contributor)
    returned.get_workflow().start(returned, contributor)
    returned.refresh_from_db()
    returned.current_workflow_task_state.reject(user=moderator, comment="Bron ontbreekt.")
    untouched = create_initiative(index, title="Niet van mij")

    response = contributor_client.get("/account/profiel/")

    assert response.status_code == 200
    html = response.content.decode()
    for page, status in [
        (published, "gepubliceerd"),
        (draft, "concept"),
        (in_review, "in beoordeling"),
        (returned, "wijzigingen gevraagd"),
    ]:
        row = html[html.index(page.title) :]
        row = row[: row.index("</tr>")]
        assert f">{status}</span>" in row, (page.title, row)
        assert f'href="/beheer/pages/{page.pk}/edit/"' in row
    assert "met wijzigingen die nog niet zijn ingediend" in html
    assert f'href="{published.url}"' in html
    assert untouched.title not in html
    assert 'value="Anna de Vries"' in html
    assert contributor.email in html
    assert "Naar de beheeromgeving" in html


def test_profile_queries_do_not_grow_with_contributions(contributor_client, contributor, index):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert contributor_client.get("/account/profiel/").status_code == 200
        return len(queries)

    create_initiative(index, owner=contributor)
    create_initiative(index, publish=False, owner=contributor)  # a draft, deletable
    count_queries()  # fills the caches (content types, site root paths) as a running site has
    few = count_queries()
    for number in range(6):
        page = create_initiative(index, publish=number % 2 == 0, owner=contributor)
        edit(page, contributor, f"Versie {number}")
    many = count_queries()

    assert many == few


def test_profile_updates_name_and_organisation(contributor_client, contributor):
    response = contributor_client.post(
        "/account/profiel/", {"name": "Anna van den Heuvel", "organisation": "Hogeschool Zorg"}
    )

    assert response.status_code == 302
    contributor.refresh_from_db()
    assert (contributor.first_name, contributor.last_name) == ("Anna", "van den Heuvel")
    assert ContributorProfile.objects.get(user=contributor).organisation == "Hogeschool Zorg"
    assert (
        "Je profiel is opgeslagen." in contributor_client.get("/account/profiel/").content.decode()
    )


def test_profile_refuses_an_empty_name(contributor_client):
    response = contributor_client.post("/account/profiel/", {"name": "  ", "organisation": ""})

    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()


def test_unconfirmed_user_is_told_how_to_reach_the_editor(client):
    client.force_login(create_user(verified=False))

    html = client.get("/account/profiel/").content.decode()

    assert "Bevestig je e-mailadres" in html
    assert "Naar de beheeromgeving" not in html


def test_deleting_the_account_anonymises_and_keeps_contributions(
    contributor_client, contributor, index
):
    ContributorProfile.objects.create(user=contributor, organisation="ROC Zorgcollege")
    published = create_initiative(index, owner=contributor)
    revision = edit(published, contributor, "Mijn verbetering.")
    revision.publish()  # as a Redacteur approving it would
    email = contributor.email

    confirm = contributor_client.get("/account/profiel/verwijderen/")
    assert confirm.status_code == 200
    assert 'type="password"' in confirm.content.decode()
    response = contributor_client.post("/account/profiel/verwijderen/", {"password": USER_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in contributor_client.session
    user = User.objects.get(pk=contributor.pk)
    assert user.username == f"oud-bijdrager-{user.pk}"
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert not user.is_active
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not ContributorProfile.objects.filter(user=user).exists()
    published.refresh_from_db()
    assert published.live and published.owner_id == user.pk
    assert Revision.objects.get(pk=revision.pk).user_id == user.pk
    assert contributor_client.get(published.url).status_code == 200
    # The address is free again for a new sign-up.
    assert not User.objects.filter(email__iexact=email).exists()


def test_deleting_needs_the_right_password(contributor_client, contributor):
    response = contributor_client.post("/account/profiel/verwijderen/", {"password": "fout"})

    assert response.status_code == 400
    assert "Het wachtwoord klopt niet." in response.content.decode()
    contributor.refresh_from_db()
    assert contributor.is_active
    assert contributor.groups.filter(name=CONTRIBUTOR_GROUP).exists()


def test_deleted_account_cannot_log_in(contributor_client, contributor):
    email = contributor.email
    contributor_client.post("/account/profiel/verwijderen/", {"password": USER_PASSWORD})
    other = Client()

    response = other.post("/account/inloggen/", {"login": email, "password": USER_PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in other.session


def test_administrators_cannot_delete_their_account_here(client, admin_user):
    client.force_login(admin_user)

    response = client.post("/account/profiel/verwijderen/", {"password": "geheim-123"})

    assert response.status_code == 400
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.email


def test_an_abandoned_draft_can_be_deleted_from_the_profile(contributor_client, contributor, index):
    abandoned = create_initiative(index, publish=False, owner=contributor, title="Half af")
    published = create_initiative(index, owner=contributor, title="Gepubliceerd")
    someone_elses = create_initiative(index, publish=False, title="Van een ander")
    edit(someone_elses, contributor, "Mijn verbetering")

    html = contributor_client.get("/account/profiel/").content.decode()

    delete_url = f"/beheer/pages/{abandoned.pk}/delete/?next=/account/profiel/"
    assert f'href="{delete_url}"' in html
    assert f"/beheer/pages/{published.pk}/delete/" not in html
    assert f"/beheer/pages/{someone_elses.pk}/delete/" not in html
    assert "Concept verwijderen" in html
    # Wagtail's own delete view asks, deletes and returns to the profile.
    assert contributor_client.get(delete_url).status_code == 200
    response = contributor_client.post(delete_url, {"next": "/account/profiel/"})
    assert response.status_code == 302
    assert response["Location"] == "/account/profiel/"
    assert not InitiativePage.objects.filter(pk=abandoned.pk).exists()


def test_the_contributions_table_reads_as_labelled_rows_on_a_phone(
    contributor_client, contributor, index
):
    create_initiative(index, publish=False, owner=contributor)

    html = contributor_client.get("/account/profiel/").content.decode()

    # site.css stacks a .table--stack on narrow screens; the cells then carry their header.
    assert 'class="table table--stack"' in html
    assert 'data-label="Laatst door jou bewerkt"' in html
