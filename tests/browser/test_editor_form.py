"""The initiative editor as a Bijdrager uses it, in a real Chromium: from the dashboard's
'Nieuw initiatief', a province chosen with the arrow keys, organisations found by a few letters
and one added in place, all with the keyboard, then saved as a draft."""

from __future__ import annotations

import re

from initiatieven.models import InitiativePage, Organisation, Province
from initiatieven.roles import CONTRIBUTOR_GROUP
from tests.browser.conftest import AXE_TAGS, BLOCKING_IMPACTS, BROWSER_TEST, expect
from tests.browser.test_contribution_flow import expect_admin_message, rich_text_editor
from tests.factories import USER_PASSWORD, create_user

pytestmark = BROWSER_TEST

TYPING_DELAY_MS = 120


def test_a_bijdrager_fills_in_the_form_with_the_keyboard(site, new_context, artifacts):
    create_user(groups=[CONTRIBUTOR_GROUP], email="bea@example.org", first_name="Bea")
    Organisation.objects.create(name="mboRijnland", place="Leiden")
    Organisation.objects.create(name="Zorggroep Fryslân", place="Leeuwarden")
    page = new_context()
    page.goto(f"{site}/account/inloggen/?next=/beheer/")
    log_in_to_editor(page, "bea@example.org")

    page.get_by_role("link", name="Nieuw initiatief").click()
    title = page.get_by_role("textbox", name=re.compile("Paginatitel|Titel"))
    title.type("Zeeuwse studenten in de wijk", delay=TYPING_DELAY_MS)
    page.get_by_role("textbox", name="Samenvatting", exact=True).type(
        "Studenten leren in een wijkteam.", delay=40
    )
    rich_text_editor(page, "approach").click()
    page.keyboard.type("Ze lopen een jaar mee met de wijkverpleging.", delay=40)
    artifacts.screenshot(page, "inhoud")
    expect(page.get_by_role("tab", name=re.compile("Promoten"))).to_have_count(0)

    page.get_by_role("tab", name=re.compile("Kenmerken")).click()
    # Every province is in view; the arrow keys go from the empty choice to Zeeland.
    for label in ("Zeeland", "Zuid-Holland", "Landelijk"):
        expect(page.get_by_role("radio", name=label, exact=True)).to_be_visible()
    page.get_by_role("radio", name="Geen provincie").focus()
    for _ in range(11):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Zeeland", exact=True)).to_be_checked()

    picker = page.get_by_role("combobox", name="Organisaties")
    picker.type("rijn", delay=TYPING_DELAY_MS)
    expect(page.get_by_role("option", name=re.compile("mboRijnland"))).to_be_visible()
    expect(page.get_by_role("option", name="Nieuwe organisatie ‘rijn’ toevoegen")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    chosen = page.locator(".kb-picker__chosen")
    expect(chosen).to_contain_text("mboRijnland")
    expect(picker).to_have_value("")

    picker.type("Buurtteam Oost", delay=TYPING_DELAY_MS)
    new = page.get_by_role("option", name="Nieuwe organisatie ‘Buurtteam Oost’ toevoegen")
    expect(new).to_be_visible()
    artifacts.screenshot(page, "nieuwe-organisatie")
    assert_accessible(page, ".kb-picker, .kb-choice-list")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(chosen).to_contain_text("Buurtteam Oost")
    expect(page.locator(".kb-picker [role=status]")).to_contain_text("Buurtteam Oost aangemaakt")

    # Typing "fryslan" finds Fryslân; it is chosen, then removed again with its button.
    picker.type("fryslan", delay=TYPING_DELAY_MS)
    page.get_by_role("option", name=re.compile("Zorggroep Fryslân")).click()
    remove = page.get_by_role("button", name="Zorggroep Fryslân verwijderen")
    remove.focus()
    page.keyboard.press("Enter")
    expect(chosen).not_to_contain_text("Fryslân")
    artifacts.screenshot(page, "kenmerken")

    page.get_by_role("button", name="Bewaar concept").click()
    expect_admin_message(page, "Zeeuwse studenten in de wijk")

    created = InitiativePage.objects.get(title="Zeeuwse studenten in de wijk")
    draft = created.get_latest_revision_as_object()
    assert created.slug == "zeeuwse-studenten-in-de-wijk"
    assert draft.province == Province.objects.get(slug="zeeland")
    assert sorted(o.name for o in draft.organisations.all()) == ["Buurtteam Oost", "mboRijnland"]
    assert Organisation.objects.get(name="Buurtteam Oost").kind == Organisation.Kind.OTHER


def assert_accessible(page, selector: str) -> None:
    """axe-core on our own widgets only: Wagtail's tag field (keywords) has an unlabelled
    input that is not ours to fix here."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, context=selector, options=options).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in BLOCKING_IMPACTS] == []


def log_in_to_editor(page, email: str) -> None:
    page.get_by_label("E-mailadres of gebruikersnaam").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Nieuw initiatief").wait_for()
