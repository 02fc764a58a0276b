"""A Redacteur makes collections in the editor at a person's pace: a hand-picked one, with
initiatives found in the page chooser and a note, published; then a saved search edited after
the editor's autosave, first with a theme that does not exist (a clear error), then right."""

from __future__ import annotations

import re
import time

import pytest

from initiatieven.models import CollectionIndexPage, CollectionPage
from initiatieven.models.collections import CollectionKind
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from initiatieven.services.site_tree import ensure_site_tree
from tests.browser.conftest import BROWSER_TEST, expect
from tests.factories import USER_PASSWORD, create_initiative, create_user

pytestmark = BROWSER_TEST

TYPING_DELAY_MS = 120
AUTOSAVE_PAUSE_S = 5


@pytest.fixture
def cast(db):
    index = ensure_site_tree()
    create_initiative(index, title="Gastlessen over dementie", themes=["ervaringsdeskundigheid"])
    create_initiative(index, title="Leren in de wijkzorg", themes=["leren-en-werken"])
    create_user(
        groups=[CONTRIBUTOR_GROUP, MODERATOR_GROUP], email="ruud@example.org", first_name="Ruud"
    )
    selection = CollectionIndexPage.objects.get().add_child(
        instance=CollectionPage(
            title="Alles over ervaring",
            slug="alles-over-ervaring",
            intro="<p>Volgt een zoekopdracht.</p>",
            kind=CollectionKind.SELECTION,
            selection="thema=ervaringsdeskundigheid",
        )
    )
    selection.save_revision().publish()
    return selection


def publish(page) -> None:
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile("^Publiceren")).click()


def test_a_redacteur_makes_and_edits_collections(
    live_server, new_context, artifacts, cast, axe_check
):
    page = new_context()
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").type(
        "ruud@example.org", delay=TYPING_DELAY_MS
    )
    page.get_by_label("Wachtwoord", exact=True).type(USER_PASSWORD, delay=TYPING_DELAY_MS)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/account/profiel/"))

    collections = CollectionIndexPage.objects.get()
    page.goto(f"{live_server.url}/beheer/pages/{collections.pk}/")
    page.locator('a[href*="add_subpage"]').first.click()
    page.wait_for_url(re.compile(r"/add/initiatieven/collectionpage/"))
    page.get_by_placeholder("Paginatitel*").type("Dementie in de klas", delay=TYPING_DELAY_MS)
    page.locator(".Draftail-Editor [contenteditable=true]").first.click()
    page.keyboard.type("Mensen met dementie doen mee in het onderwijs.", delay=60)

    page.locator("#id_items-ADD").click()
    page.get_by_role("button", name="Kies een pagina").last.click()
    chooser = page.locator(".modal-content")
    chooser.get_by_label("Zoekterm").type("dementie", delay=TYPING_DELAY_MS)
    chooser.get_by_role("link", name="Gastlessen over dementie").click()
    expect(chooser).to_be_hidden()
    page.locator("#id_items-0-note").type("Een goed begin.", delay=TYPING_DELAY_MS)
    artifacts.screenshot(page, "nieuwe-collectie")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("aangemaakt en gepubliceerd")

    page.goto(live_server.url + "/collecties/dementie-in-de-klas/")
    expect(page.locator(".collection__total")).to_contain_text("1 initiatief")
    expect(page.locator(".card__note")).to_contain_text("Een goed begin.")
    artifacts.screenshot(page, "nieuwe-collectie-live")
    axe_check(page)

    # The saved search: a typo in a theme is refused with the allowed values, after the
    # editor's own autosave; the right address is taken.
    page.goto(f"{live_server.url}/beheer/pages/{cast.pk}/edit/")
    field = page.locator("#id_selection")
    field.fill("")
    field.type(f"{live_server.url}/zoeken/?thema=ervaringsdeskundig", delay=40)
    time.sleep(AUTOSAVE_PAUSE_S)
    publish(page)
    error = page.locator("[data-field-wrapper]").filter(has=page.locator("#id_selection"))
    expect(error).to_contain_text("Onbekende waarde 'ervaringsdeskundig' voor 'thema'")
    artifacts.screenshot(page, "fout-in-zoekopdracht")
    field = page.locator("#id_selection")
    field.fill("")
    field.type("/zoeken/?thema=leren-en-werken&page=2", delay=40)
    time.sleep(AUTOSAVE_PAUSE_S)
    publish(page)
    expect(page.locator(".messages")).to_contain_text("is gepubliceerd")
    cast.refresh_from_db()
    assert cast.selection == "thema=leren-en-werken"
    page.goto(live_server.url + cast.url)
    expect(page.get_by_role("heading", name="Leren in de wijkzorg")).to_be_visible()
    artifacts.screenshot(page, "zoekopdracht-live")
