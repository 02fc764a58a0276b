"""Issue 12, the editor: Bijdragers' changes to shared organisations and images go through
review, a contact address that is not public stays hidden from other Bijdragers, and tampered or
odd requests to the editor get a clear message instead of a server error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from accounts.services.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from initiatieven.models import InitiativePage, Organisation
from tests.factories import create_initiative, create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(index):
    return create_user(groups=[CONTRIBUTOR_GROUP])


@pytest.fixture
def moderator(index):
    return create_user(groups=[MODERATOR_GROUP])


@pytest.fixture
def contributor_client(contributor):
    client = Client()
    client.force_login(contributor)
    return client


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


# Finding 10: searching organisations in the editor.


@pytest.mark.parametrize("query", ["zorg", "Leiden", '"', "a OR b"])
def test_organisation_listing_searches_name_and_place(moderator_client, query):
    Organisation.objects.create(name="Zorggroep Rijnmond", place="Leiden")
    url = reverse("wagtailsnippets_initiatieven_organisation:list")
    response = moderator_client.get(url, {"q": query})
    assert response.status_code == 200


def test_organisation_listing_finds_by_place(moderator_client):
    Organisation.objects.create(name="Zorggroep Rijnmond", place="Leiden")
    Organisation.objects.create(name="Thuiszorg Oost", place="Enschede")
    url = reverse("wagtailsnippets_initiatieven_organisation:list")
    response = moderator_client.get(url, {"q": "Leiden"})
    assert "Zorggroep Rijnmond" in response.content.decode()
    assert "Thuiszorg Oost" not in response.content.decode()


# Finding 2: organisations are shared by many initiatives; a Bijdrager's change is reviewed.

PHISHING = "https://inloggen-zorgportaal.example/"


def organisation_form(organisation: Organisation, **fields) -> dict:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "place": organisation.place,
        "website": organisation.website,
        **fields,
    }


@pytest.fixture
def organisation(index):
    organisation = Organisation.objects.create(
        name="Zorggroep Rijnmond", place="Leiden", website="https://zorggroep.example/"
    )
    page = create_initiative(index)
    page.organisations.set([organisation])
    page.save_revision().publish()
    return organisation


def public_texts(client, organisation: Organisation) -> list[str]:
    """What visitors get: every published initiative of the organisation and its API data."""
    texts = []
    for page in InitiativePage.objects.live().filter(organisations=organisation):
        texts.append(client.get(page.url).content.decode())
        texts.append(client.get(f"/api/v2/initiatieven/{page.pk}/").content.decode())
    return texts


def edit_organisation_url(organisation: Organisation) -> str:
    return reverse("wagtailsnippets_initiatieven_organisation:edit", args=(organisation.pk,))


def test_a_bijdragers_change_to_an_organisation_waits_for_review(
    contributor_client, moderator_client, organisation, client
):
    response = contributor_client.post(
        edit_organisation_url(organisation),
        {**organisation_form(organisation, website=PHISHING), "action-submit": "submit"},
    )
    assert response.status_code == 302

    organisation.refresh_from_db()
    assert organisation.website == "https://zorggroep.example/"
    assert organisation.has_unpublished_changes
    assert organisation.workflow_in_progress
    assert not any(PHISHING in text for text in public_texts(client, organisation))

    # The Redacteur approves it from the workflow; then it is public.
    state = organisation.current_workflow_state
    task_state = state.current_task_state
    response = moderator_client.post(
        reverse(
            "wagtailsnippets_initiatieven_organisation:workflow_action",
            args=(organisation.pk, "approve", task_state.pk),
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    organisation.refresh_from_db()
    assert organisation.website == PHISHING
    assert all(PHISHING in text for text in public_texts(client, organisation))


def test_a_bijdrager_cannot_publish_an_organisation(contributor_client, organisation):
    contributor_client.post(
        edit_organisation_url(organisation),
        {**organisation_form(organisation, website=PHISHING), "action-publish": "publish"},
    )
    organisation.refresh_from_db()
    assert organisation.website == "https://zorggroep.example/"


def test_a_new_organisation_from_the_picker_is_reviewed_before_it_is_public(
    contributor_client, moderator, index, client
):
    response = contributor_client.post(
        reverse("kennisbank_organisation_create"), {"name": "Phishing Zorgportaal"}
    )
    assert response.status_code == 201
    new = Organisation.objects.get(pk=response.json()["id"])
    assert not new.live
    # It waits on the Redacteuren's dashboard, in the Redactie workflow.
    assert new.workflow_in_progress
    assert new.current_workflow_task.groups.filter(name=MODERATOR_GROUP).exists()

    # Even when an initiative naming it is published, visitors do not see it yet.
    page = create_initiative(index)
    page.organisations.set([new])
    page.save_revision().publish()
    assert not any("Phishing Zorgportaal" in text for text in public_texts(client, new))

    # The Redacteur reviewing the initiative sees that the organisation needs review too.
    moderator_client = Client()
    moderator_client.force_login(moderator)
    form = moderator_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert "Phishing Zorgportaal (wacht op beoordeling)" in form.content.decode()

    new.save_revision(user=moderator).publish(user=moderator)
    assert all("Phishing Zorgportaal" in text for text in public_texts(client, new))


def test_a_redacteurs_new_organisation_is_published_at_once(moderator_client):
    response = moderator_client.post(
        reverse("kennisbank_organisation_create"), {"name": "Buurtteam Oost"}
    )
    assert response.status_code == 201
    assert Organisation.objects.get(pk=response.json()["id"]).live


# Finding 2, images: a Bijdrager may not replace the file of an image a live page shows.


@pytest.fixture
def own_image(contributor):
    return get_image_model().objects.create(
        title="Koken met bewoners", file=get_test_image_file(), uploaded_by_user=contributor
    )


def replace_file(client, image):
    return client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": image.title,
            "file": SimpleUploadedFile(
                "phishing.png", get_test_image_file(colour="red").file.getvalue()
            ),
            "collection": image.collection_id,
            "tags": "",
        },
    )


def test_a_bijdrager_may_replace_their_image_while_no_live_page_shows_it(
    contributor_client, own_image
):
    response = replace_file(contributor_client, own_image)
    assert response.status_code == 302
    own_image.refresh_from_db()
    assert "phishing" in own_image.file.name


def test_a_bijdrager_may_not_change_an_image_a_live_page_shows(
    contributor_client, moderator_client, own_image, index
):
    create_initiative(index, hero_image=own_image, hero_image_alt="Bewoners koken")
    original = own_image.file.name

    response = replace_file(contributor_client, own_image)
    assert response.status_code in (302, 403)
    own_image.refresh_from_db()
    assert own_image.file.name == original

    edit = contributor_client.get(reverse("wagtailimages:edit", args=(own_image.pk,)))
    assert edit.status_code in (302, 403)
    response = contributor_client.post(reverse("wagtailimages:delete", args=(own_image.pk,)))
    assert get_image_model().objects.filter(pk=own_image.pk).exists()
    listing = contributor_client.get(reverse("wagtailimages:index"))
    assert reverse("wagtailimages:edit", args=(own_image.pk,)) not in listing.content.decode()

    # A Redacteur still maintains it.
    response = replace_file(moderator_client, own_image)
    assert response.status_code == 302
    own_image.refresh_from_db()
    assert "phishing" in own_image.file.name
