"""Contributors' changes go through the Redactie workflow; readers never see unreviewed text."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from initiatieven.models import InitiativePage
from initiatieven.roles import WORKFLOW_NAME
from tests.factories import create_initiative, edit_form, initiative_form

pytestmark = pytest.mark.django_db


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))


def workflow_action(client, page, action: str, comment: str = ""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


@pytest.fixture
def submitted(index, contributor, moderator, mailoutbox):
    """An initiative a contributor created and submitted; the mailbox emptied afterwards."""
    client = Client()
    client.force_login(contributor)
    response = client.post(add_url(index), initiative_form(**{"action-submit": "submit"}))
    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="gastheren-in-het-verpleeghuis")
    mailoutbox.clear()
    return page


def test_contributor_creates_a_draft_and_cannot_publish_it(contributor_client, index, contributor):
    response = contributor_client.post(
        add_url(index), initiative_form(**{"action-publish": "publish"})
    )

    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="gastheren-in-het-verpleeghuis")
    assert not page.live
    assert page.owner == contributor
    assert page.get_latest_revision().user == contributor
    assert Client().get("/initiatieven/gastheren-in-het-verpleeghuis/").status_code == 404


def test_submitting_starts_the_redactie_workflow_and_mails_the_moderators(
    contributor_client, index, contributor, moderator, admin_user, mailoutbox
):
    response = contributor_client.post(
        add_url(index), initiative_form(**{"action-submit": "submit"})
    )

    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="gastheren-in-het-verpleeghuis")
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert state.requested_by == contributor
    recipients = [address for message in mailoutbox for address in message.to]
    assert set(recipients) == {moderator.email, admin_user.email}
    assert recipients.count(moderator.email) == 1
    message = next(m for m in mailoutbox if m.to == [moderator.email])
    assert "Gastheren in het verpleeghuis" in message.subject
    assert "Hallo Ruud" in message.body
    assert f"/beheer/pages/{page.pk}/" in message.body


def test_request_changes_with_comment_mails_the_submitter(
    submitted, contributor, moderator, mailoutbox
):
    client = Client()
    client.force_login(moderator)

    response = workflow_action(client, submitted, "reject", "Voeg graag een contactpersoon toe.")

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [m.to for m in mailoutbox] == [[contributor.email]]
    assert 'De redactie schreef erbij: "Voeg graag een contactpersoon toe."' in mailoutbox[0].body
    assert "afgekeurd" in mailoutbox[0].subject


def test_approve_with_comment_publishes_and_mails_the_submitter(
    submitted, contributor, moderator, mailoutbox
):
    client = Client()
    client.force_login(moderator)

    response = workflow_action(client, submitted, "approve", "Mooi voorbeeld, dank je!")

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert [m.to for m in mailoutbox] == [[contributor.email]]
    assert "goedgekeurd" in mailoutbox[0].subject
    assert 'De redactie schreef erbij: "Mooi voorbeeld, dank je!"' in mailoutbox[0].body
    assert Client().get(submitted.url).status_code == 200


def test_plain_approval_mail_has_no_comment_line(submitted, moderator, mailoutbox):
    client = Client()
    client.force_login(moderator)

    workflow_action(client, submitted, "approve")

    assert "goedgekeurd" in mailoutbox[0].body
    assert "schreef erbij" not in mailoutbox[0].body


def test_contributor_cannot_approve_their_own_submission(submitted, contributor):
    client = Client()
    client.force_login(contributor)

    workflow_action(client, submitted, "approve")

    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_live_page_stays_unchanged_while_a_change_is_in_review(
    index, contributor, moderator, mailoutbox
):
    page = create_initiative(index, summary="Het oude verhaal over de buurtzorg.")
    reader = Client()
    editor = Client()
    editor.force_login(contributor)

    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_form(
            page,
            summary="Ongecontroleerde nieuwe tekst.",
            **{"action-submit": "submit", "action-publish": "publish"},
        ),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    html = reader.get(page.url).content.decode()
    assert "Het oude verhaal over de buurtzorg." in html
    assert "Ongecontroleerde nieuwe tekst." not in html
    assert [m.to for m in mailoutbox] == [[moderator.email]]

    reviewer = Client()
    reviewer.force_login(moderator)
    workflow_action(reviewer, page, "approve")

    html = reader.get(page.url).content.decode()
    assert "Ongecontroleerde nieuwe tekst." in html
    assert "Het oude verhaal over de buurtzorg." not in html


def test_contributor_cannot_unpublish_delete_or_move_a_published_initiative(
    contributor_client, initiative
):
    unpublish = contributor_client.post(
        reverse("wagtailadmin_pages:unpublish", args=(initiative.pk,))
    )
    delete = contributor_client.post(reverse("wagtailadmin_pages:delete", args=(initiative.pk,)))
    move = contributor_client.get(reverse("wagtailadmin_pages:move", args=(initiative.pk,)))

    for response in (unpublish, delete, move):
        assert response.status_code in {302, 403}
    initiative.refresh_from_db()
    assert initiative.live


def test_moderator_locks_and_unpublishes(moderator_client, initiative):
    lock = moderator_client.post(reverse("wagtailadmin_pages:lock", args=(initiative.pk,)))
    unpublish = moderator_client.post(
        reverse("wagtailadmin_pages:unpublish", args=(initiative.pk,))
    )

    assert lock.status_code == 302 and unpublish.status_code == 302
    initiative.refresh_from_db()
    assert initiative.locked
    assert not initiative.live


def test_moderator_rolls_back_to_an_earlier_revision(moderator_client, index):
    page = create_initiative(index, summary="De eerste versie.")
    first = page.get_latest_revision()
    page.summary = "Een latere versie."
    page.save_revision().publish()

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk))
    assert moderator_client.get(revert_url).status_code == 200
    response = moderator_client.post(
        revert_url,
        edit_form(page, summary="De eerste versie.", **{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.summary == "De eerste versie."
    assert page.live and not page.has_unpublished_changes


# What the editor sends for a rich text field it shows empty, once it has been initialised.
EMPTY_RICH_TEXT = json.dumps(
    {
        "blocks": [
            {
                "key": "x9b2c",
                "type": "unstyled",
                "depth": 0,
                "text": "",
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
)


def test_approving_from_the_editor_without_changes_keeps_the_author(
    submitted, contributor, moderator
):
    """A Redacteur opens the submitted initiative and approves it as it is: the editor sends the
    empty sections as an empty paragraph, which is no change, so no revision of the Redacteur's
    is saved and the published version stays the contributor's."""
    client = Client()
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(submitted.pk,))).content.decode()
    opened = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }
    form = edit_form(
        submitted,
        background=EMPTY_RICH_TEXT,
        results=EMPTY_RICH_TEXT,
        lessons=EMPTY_RICH_TEXT,
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    revisions_before = submitted.revisions.count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(submitted.pk,)), {**form, **opened}
    )

    assert response.status_code == 302, response.content.decode()[:500]
    page = InitiativePage.objects.get(pk=submitted.pk)
    assert page.live
    assert page.revisions.count() == revisions_before
    assert page.live_revision.user == contributor
    assert page.results == ""
