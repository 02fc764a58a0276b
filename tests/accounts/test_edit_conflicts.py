"""No lost updates: saving a form opened before someone else's newer version is refused until
the editor has seen that change and confirms."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from initiatieven.models import InitiativePage
from tests.factories import create_initiative, edit_form

pytestmark = pytest.mark.django_db


def opened_form(client: Client, page: InitiativePage) -> dict:
    """The revision fields of the editor as `client` opens it now."""
    html = client.get(edit_url(page)).content.decode()
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def latest(page: InitiativePage) -> Revision:
    return InitiativePage.objects.get(pk=page.pk).get_latest_revision()


def edit_url(page: InitiativePage) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def save(client: Client, page: InitiativePage, summary: str, opened: dict | None = None, **extra):
    """Post the editor's form with a new summary, as opened earlier (`opened`) or just now."""
    opened = opened if opened is not None else opened_form(client, page)
    return client.post(edit_url(page), {**edit_form(page, summary=summary), **opened, **extra})


@pytest.fixture
def page(index):
    return create_initiative(
        index, title="Studenten koken mee", summary="Studenten koken met bewoners."
    )


@pytest.fixture
def two_editors(contributor, moderator):
    first, second = Client(), Client()
    first.force_login(contributor)
    second.force_login(moderator)
    return first, second


def test_a_save_based_on_an_outdated_version_is_refused_and_shows_the_other_change(
    page, two_editors
):
    first, second = two_editors
    second_opened = opened_form(second, page)
    save(first, page, "Studenten koken elke week.")
    first_revision = latest(page)

    response = save(second, page, "Studenten en docenten koken mee.", second_opened)

    assert response.status_code == 409
    html = response.content.decode()
    assert "nieuwere versie" in html  # Dutch: someone saved a newer version
    assert "<ins" in html and "elke week" in html  # what the other person added
    assert latest(page) == first_revision  # nothing overwritten
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 2  # created, first
    # The conflict page offers the editor's own text to save anyway, with the confirmation.
    assert "Studenten en docenten koken mee." in html
    assert f'name="confirm_overwrite" value="{first_revision.pk}"' in html


def test_the_editor_may_save_anyway_after_seeing_the_change(page, two_editors):
    first, second = two_editors
    second_opened = opened_form(second, page)
    save(first, page, "Studenten koken elke week.")
    first_revision = latest(page)

    response = save(
        second,
        page,
        "Studenten en docenten koken mee.",
        second_opened,
        confirm_overwrite=str(first_revision.pk),
    )

    assert response.status_code == 302
    newest = latest(page)
    assert newest != first_revision
    assert newest.as_object().summary == "Studenten en docenten koken mee."


def test_a_confirmation_for_an_older_version_does_not_cover_a_newer_one(page, two_editors):
    first, second = two_editors
    second_opened = opened_form(second, page)
    save(first, page, "Eerste wijziging.")
    seen = latest(page)
    save(first, page, "Tweede wijziging.")

    response = save(second, page, "Mijn wijziging.", second_opened, confirm_overwrite=str(seen.pk))

    assert response.status_code == 409
    assert latest(page).as_object().summary == "Tweede wijziging."


def test_saving_an_up_to_date_form_is_not_interrupted(page, two_editors):
    first, _second = two_editors
    for summary in ("Eerste wijziging.", "Tweede wijziging."):
        response = save(first, page, summary)
        assert response.status_code == 302

    assert latest(page).as_object().summary == "Tweede wijziging."


def test_a_submission_for_review_is_refused_too(page, two_editors):
    first, second = two_editors
    second_opened = opened_form(second, page)
    save(first, page, "Eerste wijziging.")

    response = save(second, page, "Mijn wijziging.", second_opened, **{"action-submit": "submit"})

    assert response.status_code == 409
    page.refresh_from_db()
    assert page.current_workflow_state is None
