"""Editing as people do, in a real Chromium: typing with pauses, so that Wagtail's autosave
stores revisions in the background before the person presses a button.

A contributor saves and then submits after autosaves; a Redacteur publishes after one, using
the keyboard; two people editing the same initiative still get the conflict screen; a new
initiative exists only once its author saves it; a preview in between changes nothing.
"""

from __future__ import annotations

import re

import pytest

from initiatieven.models import InitiativePage
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from tests.browser.conftest import BROWSER_TEST, PHONE, expect
from tests.browser.test_contribution_flow import (
    expect_admin_message,
    log_in,
    rich_text_editor,
    run_action,
)
from tests.factories import create_initiative, create_user

pytestmark = BROWSER_TEST

# A person types about seven characters a second and pauses before pressing a button.
TYPING_DELAY_MS = 140
PAUSE_MS = 2_500


@pytest.fixture
def anna(index):
    return create_user(
        groups=[CONTRIBUTOR_GROUP], email="anna@example.org", first_name="Anna", last_name="Bos"
    )


@pytest.fixture
def rita(index):
    return create_user(
        groups=[MODERATOR_GROUP], email="rita@example.org", first_name="Rita", last_name="Smit"
    )


@pytest.fixture
def initiative(index, rita):
    page = create_initiative(
        index,
        title="Zorgmaatjes in Zwolle",
        summary="Studenten worden maatje van een oudere.",
        approach="<p>Elke student bezoekt wekelijks een oudere.</p>",
    )
    page.owner = rita
    page.save(update_fields=["owner"])
    return page


class Autosaves:
    """Counts the autosave requests of one browser page (JSON posts to the edit form) that
    stored a revision, and those the server refused."""

    def __init__(self, page):
        self.page = page
        self.count = 0
        self.refused: list[str] = []
        page.on("response", self._seen)

    def _seen(self, response) -> None:
        request = response.request
        accept = request.headers.get("accept") or ""
        if request.method != "POST" or "/edit/" not in request.url or "json" not in accept:
            return
        if response.status == 200 and response.json().get("success"):
            self.count += 1
        else:
            self.refused.append(response.text())

    def wait_for_one_more(self, since: int) -> None:
        """Waits until an autosave after `since` has been stored and the header says so."""
        for _ in range(75):
            if self.count > since:
                break
            self.page.wait_for_timeout(200)
        assert self.count > since, f"no autosave stored within 15 s; refused: {self.refused}"
        expect(self.page.locator("#w-autosave-indicator")).to_contain_text("Opgeslagen")


def open_editor(page, site: str, initiative: InitiativePage) -> Autosaves:
    autosaves = Autosaves(page)
    page.goto(f"{site}/beheer/pages/{initiative.pk}/edit/")
    expect(page.get_by_role("textbox", name="Samenvatting", exact=True)).to_be_visible()
    return autosaves


def type_slowly_at_end(page, locator, text: str) -> None:
    locator.click()
    page.keyboard.press("Control+End")
    locator.press_sequentially(text, delay=TYPING_DELAY_MS)


def edit_summary(page, autosaves: Autosaves, text: str) -> None:
    """Types `text` at the end of the summary, then pauses until the autosave has stored it."""
    before = autosaves.count
    type_slowly_at_end(page, page.get_by_role("textbox", name="Samenvatting", exact=True), text)
    autosaves.wait_for_one_more(before)
    page.wait_for_timeout(PAUSE_MS)


def save_draft(page) -> None:
    page.locator("footer").get_by_role("button", name="Bewaar concept").click()


def expect_no_conflict(page) -> None:
    expect(page.get_by_role("heading", name=re.compile("Niet opgeslagen"))).to_have_count(0)


def save_draft_without_conflict(page) -> None:
    save_draft(page)
    expect_admin_message(page, "is gewijzigd")
    expect_no_conflict(page)


def save_over_a_conflict(
    page, artifacts, *, other_change: str, warned_by: str | None = None
) -> None:
    """Saves; meets the conflict screen showing `other_change`, and saves anyway from there.

    Wagtail itself may warn first that the save would overwrite a newer version (always when
    `warned_by` is given); going on from that warning leads to the conflict screen."""
    save_draft(page)
    warning = page.get_by_role("dialog").filter(has_text="nieuwere versie opgeslagen")
    if warned_by:
        expect(warning).to_contain_text(warned_by)
        artifacts.screenshot(page, "waarschuwing")
    if warning.is_visible():
        warning.get_by_role("button", name="Bewaar concept").click()
    expect(page.get_by_role("heading", name=re.compile("Niet opgeslagen"))).to_be_visible()
    expect(page.locator("main")).to_contain_text(other_change)
    artifacts.screenshot(page, "conflict")
    page.get_by_role("button", name="Toch mijn versie opslaan").click()
    expect_admin_message(page, "is gewijzigd")


def login(page, site: str, email: str) -> None:
    page.goto(f"{site}/account/inloggen/")
    log_in(page, email)


def test_a_contributor_saves_and_submits_after_autosaves(
    site, new_context, artifacts, anna, initiative
):
    page = new_context()
    login(page, site, anna.email)
    autosaves = open_editor(page, site, initiative)

    edit_summary(page, autosaves, " Ook in het weekend.")
    artifacts.screenshot(page, "na-automatisch-opslaan")
    save_draft_without_conflict(page)
    assert autosaves.refused == []

    before = autosaves.count
    type_slowly_at_end(page, rich_text_editor(page, "approach"), " Samen doen ze boodschappen.")
    autosaves.wait_for_one_more(before)
    page.wait_for_timeout(PAUSE_MS)
    run_action(page, "Stuur door naar Redactie")
    expect_admin_message(page, "ter goedkeuring ingediend")
    expect_no_conflict(page)
    artifacts.screenshot(page, "ingediend")

    draft = InitiativePage.objects.get(pk=initiative.pk).get_latest_revision_as_object()
    assert draft.summary.endswith("Ook in het weekend.")
    assert "Samen doen ze boodschappen." in draft.approach
    assert InitiativePage.objects.get(pk=initiative.pk).current_workflow_state is not None


def test_a_redacteur_publishes_after_an_autosave_with_the_keyboard(
    site, new_context, artifacts, rita, initiative
):
    page = new_context()
    page.set_viewport_size(PHONE)
    login(page, site, rita.email)
    autosaves = open_editor(page, site, initiative)

    edit_summary(page, autosaves, " Nu ook in Deventer.")
    footer = page.locator("footer")
    footer.get_by_role("button", name="Meer acties").focus()
    page.keyboard.press("Enter")
    publish = footer.get_by_role("button", name="Publiceren", exact=True)
    expect(publish).to_be_visible()
    publish.focus()
    artifacts.screenshot(page, "publiceren-op-telefoon")
    page.keyboard.press("Enter")

    expect_admin_message(page, "is gepubliceerd")
    expect_no_conflict(page)
    live = InitiativePage.objects.get(pk=initiative.pk)
    assert live.summary.endswith("Nu ook in Deventer.")
    assert not live.has_unpublished_changes


def test_two_people_editing_at_once_still_meet_the_conflict_screen(
    site, new_context, artifacts, anna, rita, initiative
):
    first, second = new_context(), new_context()
    login(first, site, anna.email)
    login(second, site, rita.email)
    first_autosaves = open_editor(first, site, initiative)
    second_autosaves = open_editor(second, site, initiative)

    # Anna's autosave stores her draft; Rita, who opened the page before it, types too: her
    # autosave is refused, and her save shows what Anna changed.
    edit_summary(first, first_autosaves, " Anna schrijft.")
    summary = second.get_by_role("textbox", name="Samenvatting", exact=True)
    type_slowly_at_end(second, summary, " Rita schrijft.")
    second.wait_for_timeout(PAUSE_MS)
    assert second_autosaves.count == 0 and second_autosaves.refused
    save_over_a_conflict(second, artifacts, other_change="Anna schrijft.", warned_by="Anna Bos")

    # Now Rita saved after Anna's autosave: Anna's save is refused in turn.
    first.wait_for_timeout(PAUSE_MS)
    save_over_a_conflict(first, artifacts, other_change="Rita schrijft.")

    latest = InitiativePage.objects.get(pk=initiative.pk).get_latest_revision_as_object()
    assert latest.summary.endswith("Anna schrijft.")


def test_a_new_initiative_exists_only_once_it_is_saved(site, new_context, artifacts, anna, index):
    page = new_context()
    login(page, site, anna.email)
    add_url = f"{site}/beheer/pages/add/initiatieven/initiativepage/{index.pk}/"
    title = "Muziek op de afdeling"

    page.goto(add_url)
    page.get_by_placeholder("Paginatitel*").press_sequentially(title, delay=TYPING_DELAY_MS)
    page.wait_for_timeout(PAUSE_MS * 2)
    assert not InitiativePage.objects.filter(title=title).exists()
    page.goto(f"{site}/account/profiel/")  # the author gives up, and later starts again

    page.goto(add_url)
    page.get_by_placeholder("Paginatitel*").press_sequentially(title, delay=TYPING_DELAY_MS)
    page.get_by_role("textbox", name="Samenvatting", exact=True).press_sequentially(
        "Studenten spelen muziek met bewoners.", delay=TYPING_DELAY_MS
    )
    page.wait_for_timeout(PAUSE_MS)
    save_draft(page)
    expect_admin_message(page, f"Pagina '{title}' is aangemaakt")
    artifacts.screenshot(page, "aangemaakt")
    assert InitiativePage.objects.filter(title=title).count() == 1

    # Saving the new page again after its autosaves is no conflict either.
    autosaves = Autosaves(page)
    edit_summary(page, autosaves, " Elke vrijdag.")
    save_draft_without_conflict(page)


def test_a_preview_between_autosave_and_save_changes_nothing(
    site, new_context, artifacts, anna, initiative
):
    page = new_context()
    login(page, site, anna.email)
    autosaves = open_editor(page, site, initiative)

    edit_summary(page, autosaves, " Met voorbeeld.")
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator('[data-side-panel="preview"] iframe').first
    expect(preview.locator("main")).to_contain_text("Met voorbeeld.")
    artifacts.screenshot(page, "voorbeeld")
    save_draft_without_conflict(page)


def test_a_comment_then_autosaves_then_save_keeps_one_comment(
    site, new_context, artifacts, rita, initiative
):
    from wagtail.models import Comment

    page = new_context()
    login(page, site, rita.email)
    autosaves = open_editor(page, site, initiative)

    page.locator('[data-contentpath="summary"] [data-comment-add]').first.click()
    comment_button = page.get_by_role("button", name="Opmerking", exact=True)
    expect(comment_button).to_be_visible()
    expect(page.locator("textarea:focus")).to_have_count(1)  # the new comment's box
    page.keyboard.type("Klopt dit jaartal?", delay=TYPING_DELAY_MS)
    comment_button.click()
    edit_summary(page, autosaves, " Sinds 2021.")
    artifacts.screenshot(page, "opmerking-en-automatisch-opslaan")
    save_draft(page)

    expect_admin_message(page, "is gewijzigd")
    expect_no_conflict(page)
    comments = Comment.objects.filter(page=initiative)
    assert [comment.text for comment in comments] == ["Klopt dit jaartal?"]
    assert (
        InitiativePage.objects.get(pk=initiative.pk)
        .get_latest_revision_as_object()
        .summary.endswith("Sinds 2021.")
    )


def test_your_own_second_tab_is_another_editor(site, new_context, artifacts, anna, initiative):
    first = new_context()
    login(first, site, anna.email)
    first_autosaves = open_editor(first, site, initiative)
    edit_summary(first, first_autosaves, " Eerste tabblad.")

    # The same person opens the page again in a second tab, which starts from that autosave,
    # and saves there.
    second = first.context.new_page()
    second_autosaves = open_editor(second, site, initiative)
    edit_summary(second, second_autosaves, " Tweede tabblad.")
    save_draft_without_conflict(second)

    first.bring_to_front()
    first.wait_for_timeout(PAUSE_MS)
    save_over_a_conflict(first, artifacts, other_change="Tweede tabblad.")
    latest = InitiativePage.objects.get(pk=initiative.pk).get_latest_revision_as_object()
    assert latest.summary.endswith("Eerste tabblad.")
    assert "Tweede tabblad." not in latest.summary


def test_a_tab_left_open_overnight_saves_after_its_autosave(
    site, new_context, artifacts, anna, initiative
):
    page = new_context()
    page.clock.install()
    login(page, site, anna.email)
    autosaves = open_editor(page, site, initiative)
    edit_summary(page, autosaves, " Laat op de avond.")

    page.clock.fast_forward("10:00:00")  # the laptop lid closes; the next morning it opens
    page.wait_for_timeout(PAUSE_MS)
    before = autosaves.count
    type_slowly_at_end(
        page, page.get_by_role("textbox", name="Samenvatting", exact=True), " De volgende ochtend."
    )
    autosaves.wait_for_one_more(before)
    save_draft_without_conflict(page)
    latest = InitiativePage.objects.get(pk=initiative.pk).get_latest_revision_as_object()
    assert latest.summary.endswith("Laat op de avond. De volgende ochtend.")
