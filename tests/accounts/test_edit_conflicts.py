"""No lost updates: saving a form opened before someone else's newer version is refused until
the editor has seen that change and confirms."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from initiatieven.models import InitiativePage
from tests.factories import create_initiative, edit_form, initiative_form

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


# Wagtail's autosave posts the whole form as JSON in the background, shortly after each change;
# the form's own revision fields stay as loaded. The editor's script adds a token per open form.


def autosave(client: Client, page: InitiativePage, summary: str, opened: dict, token: str):
    """What Wagtail's autosave posts for a form opened as `opened`, with editor.js's token."""
    response = client.post(
        edit_url(page),
        {**edit_form(page, summary=summary), **opened, "editing_token": token},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["success"], data
    # The autosave controller sends its revision along with its later autosaves, never with
    # the manual save.
    opened["overwrite_revision_id"] = str(data["revision_id"])
    return data


def manual(opened: dict) -> dict:
    """The revision fields a manual save posts: the form as loaded, without the autosave's."""
    return {key: value for key, value in opened.items() if key != "overwrite_revision_id"}


@pytest.mark.parametrize(
    "action",
    [{}, {"action-submit": "submit"}],
    ids=["save", "submit"],
)
def test_saving_after_your_own_autosaves_is_not_a_conflict(page, two_editors, action):
    first, _second = two_editors
    opened = opened_form(first, page)
    autosave(first, page, "Studenten koken", opened, token="tab-1")
    autosave(first, page, "Studenten koken elke week", opened, token="tab-1")

    response = save(
        first,
        page,
        "Studenten koken elke week mee.",
        manual(opened),
        editing_token="tab-1",
        **action,
    )

    assert response.status_code == 302
    assert latest(page).as_object().summary == "Studenten koken elke week mee."
    if action:
        page.refresh_from_db()
        assert page.current_workflow_state is not None


def test_publishing_after_your_own_autosave_is_not_a_conflict(page, moderator):
    client = Client()
    client.force_login(moderator)
    opened = opened_form(client, page)
    autosave(client, page, "Nieuwe samenvatting", opened, token="tab-1")

    response = save(
        client,
        page,
        "Nieuwe samenvatting.",
        manual(opened),
        editing_token="tab-1",
        **{"action-publish": "publish"},
    )

    assert response.status_code == 302
    assert InitiativePage.objects.get(pk=page.pk).summary == "Nieuwe samenvatting."


def test_someone_elses_save_after_your_autosave_is_a_conflict(page, two_editors):
    first, second = two_editors
    opened = opened_form(first, page)
    autosave(first, page, "Mijn eerste woorden", opened, token="tab-1")
    save(second, page, "De wijziging van de ander.")

    response = save(first, page, "Mijn tekst.", manual(opened), editing_token="tab-1")

    assert response.status_code == 409
    assert latest(page).as_object().summary == "De wijziging van de ander."


def test_your_own_save_in_another_tab_is_a_conflict(page, two_editors):
    first, _second = two_editors
    tab_1 = opened_form(first, page)
    autosave(first, page, "Tab een", tab_1, token="tab-1")
    tab_2 = opened_form(first, page)  # opened after tab 1's autosave: it starts from there
    save(first, page, "Tab twee, opgeslagen.", tab_2, editing_token="tab-2")

    response = save(first, page, "Tab een, opgeslagen.", manual(tab_1), editing_token="tab-1")

    assert response.status_code == 409
    assert latest(page).as_object().summary == "Tab twee, opgeslagen."


def test_another_users_token_does_not_make_their_autosave_yours(page, two_editors):
    first, second = two_editors
    opened = opened_form(second, page)
    autosave(first, page, "Van de eerste", opened_form(first, page), token="shared")

    response = save(second, page, "Van de tweede.", opened, editing_token="shared")

    assert response.status_code == 409


def test_saving_anyway_after_a_conflict_that_followed_an_autosave(page, two_editors):
    first, second = two_editors
    opened = opened_form(first, page)
    autosave(first, page, "Mijn eerste woorden", opened, token="tab-1")
    save(second, page, "De wijziging van de ander.")
    refused = save(first, page, "Mijn tekst.", opened, editing_token="tab-1")
    assert refused.status_code == 409
    # The conflict page posts the form again without the autosave's revision, which Wagtail
    # would refuse to overwrite now that it is no longer the latest.
    html = refused.content.decode()
    assert 'name="overwrite_revision_id"' not in html

    response = save(
        first,
        page,
        "Mijn tekst.",
        manual(opened),
        editing_token="tab-1",
        confirm_overwrite=str(latest(page).pk),
    )

    assert response.status_code == 302
    assert latest(page).as_object().summary == "Mijn tekst."


def test_a_saved_form_forgets_its_autosave(page, two_editors):
    from initiatieven.models import AutosavedRevision

    first, _second = two_editors
    opened = opened_form(first, page)
    autosave(first, page, "Eerste woorden", opened, token="tab-1")
    assert AutosavedRevision.objects.filter(page=page).count() == 1

    save(first, page, "Opgeslagen.", manual(opened), editing_token="tab-1")

    assert not AutosavedRevision.objects.filter(page=page).exists()


def test_the_new_initiative_form_does_not_autosave(index, contributor):
    client = Client()
    client.force_login(contributor)
    add_url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))

    html = client.get(add_url).content.decode()
    assert "data-w-autosave-interval-value" not in html
    response = client.post(
        add_url,
        initiative_form(title="Nog niet bewaard", slug="nog-niet-bewaard"),
        HTTP_ACCEPT="application/json",
    )

    assert response.json()["success"] is False
    assert not InitiativePage.objects.filter(slug="nog-niet-bewaard").exists()
    # The author's own save creates it, under the same title.
    response = client.post(
        add_url, initiative_form(title="Nog niet bewaard", slug="nog-niet-bewaard")
    )
    assert response.status_code == 302
    assert InitiativePage.objects.filter(slug="nog-niet-bewaard").exists()


def test_a_tab_left_open_overnight_still_saves_after_its_autosave(page, two_editors):
    from initiatieven.models import AutosavedRevision

    first, _second = two_editors
    opened = opened_form(first, page)
    autosave(first, page, "Gisteravond getypt", opened, token="tab-1")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Revision.objects.filter(pk=opened["overwrite_revision_id"]).update(created_at=yesterday)
    AutosavedRevision.objects.filter(page=page).update(updated_at=yesterday)

    response = save(first, page, "Vanochtend opgeslagen.", manual(opened), editing_token="tab-1")

    assert response.status_code == 302


def test_another_tabs_autosave_makes_the_first_tabs_record_spent(page, two_editors):
    from initiatieven.models import AutosavedRevision

    first, _second = two_editors
    tab_1 = opened_form(first, page)
    autosave(first, page, "Tab een", tab_1, token="tab-1")
    tab_2 = opened_form(first, page)
    autosave(first, page, "Tab twee", tab_2, token="tab-2")

    assert list(AutosavedRevision.objects.filter(page=page).values_list("token", flat=True)) == [
        "tab-2"
    ]
    response = save(first, page, "Tab een, opgeslagen.", manual(tab_1), editing_token="tab-1")
    assert response.status_code == 409
