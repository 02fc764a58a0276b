"""A contribution from sign-up to publication, in a real Chromium.

A visitor signs up, confirms the e-mail address and submits an initiative; a Redacteur asks for
a change; the contributor changes it and resubmits; the Redacteur approves. The public history
shows published versions only, so the contributor then improves the live initiative once more
and the Redacteur approves that too: the history lists exactly those two versions.
"""

from __future__ import annotations

import re

import pytest
from django.core.mail import EmailMessage

from initiatieven.models import InitiativePage
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from tests.browser.conftest import BROWSER_TEST, expect
from tests.factories import USER_PASSWORD, create_user

pytestmark = BROWSER_TEST

TITLE = "Zorgmaatjes in Zwolle"
SEARCH_WORD = "Zorgmaatjes"
SUMMARY = "Studenten worden maatje van een oudere in de wijk."
BETTER_SUMMARY = "Twaalf mbo-studenten worden maatje van een oudere in de wijk."
BACKGROUND = "Veel ouderen in Zwolle-Zuid voelen zich eenzaam."
APPROACH = "Elke student bezoekt wekelijks een oudere en doet samen boodschappen."
RESULTS = "Na een jaar hebben twintig ouderen een vast maatje."
THEME = "Leren en werken verweven"
REVIEW_COMMENT = "Hoeveel studenten doen er mee? Zet dat graag in de samenvatting."
APPROVAL_COMMENT = "Mooie aanvulling, dank je!"

ANNA = {"name": "Anna de Vries", "email": "anna@example.org", "organisation": "ROC Zorgcollege"}
RITA_EMAIL = "rita@example.org"


@pytest.fixture
def redacteur(index):
    return create_user(
        groups=[MODERATOR_GROUP], email=RITA_EMAIL, first_name="Rita", last_name="Redacteur"
    )


@pytest.fixture
def site(site, redacteur):
    """The live server's address, with a Redacteur to review what is submitted."""
    return site


def link_in(message, path_pattern: str) -> str:
    """The path of the first link in `message` whose path matches `path_pattern`."""
    match = re.search(rf"https?://[^/\s]+({path_pattern})", message.body)
    assert match, f"no link to {path_pattern} in:\n{message.body}"
    return match.group(1)


def take_mail(outbox: list, *, to: str) -> EmailMessage:
    """The one e-mail sent since the last call, which must go to `to` alone. The live server
    runs in this process, so its e-mails land in the test's in-memory outbox."""
    messages = list(outbox)
    outbox.clear()
    assert [m.to for m in messages] == [[to]], [(m.to, m.subject) for m in messages]
    return messages[0]


def log_in(page, email: str) -> None:
    """Logs in on the login page that `page` shows."""
    page.get_by_label("E-mailadres of gebruikersnaam").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(USER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn profiel", level=1).wait_for()


def rich_text_editor(page, field: str):
    return page.locator(f'[data-contentpath="{field}"] [role="textbox"][contenteditable="true"]')


def type_rich_text(page, field: str, text: str) -> None:
    """Types into the Draftail editor of `field`, as a person would, and waits until the editor
    has written its content to the form field (it does so 250 ms after the last change)."""
    editor = rich_text_editor(page, field)
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(text)
    expect(editor).to_contain_text(text)
    expect(page.locator(f'input[name="{field}"]')).to_have_value(re.compile(re.escape(text)))


def run_action(page, name: str) -> None:
    """Chooses `name` from the editor's action menu (the arrow next to the main button)."""
    footer = page.locator("footer")
    footer.get_by_role("button", name="Meer acties").click()
    footer.get_by_role("button", name=name, exact=True).click()


def expect_admin_message(page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def test_sign_up_submit_review_publish_and_find(
    site, new_context, artifacts, axe_check, index, redacteur, mailoutbox
):
    visitor = new_context()
    anna = new_context()
    rita = new_context()

    # 1. A visitor signs up from the home page.
    anna.goto(f"{site}/")
    artifacts.screenshot(anna, "home")
    axe_check(anna)
    anna.get_by_role("navigation", name="Je account").get_by_role("link", name="Aanmelden").click()
    expect(anna.get_by_role("heading", name="Aanmelden", level=1)).to_be_visible()
    axe_check(anna)
    anna.get_by_label("Naam").fill(ANNA["name"])
    anna.get_by_label("E-mail", exact=True).fill(ANNA["email"])
    anna.get_by_label("Organisatie").fill(ANNA["organisation"])
    anna.get_by_label("Wachtwoord", exact=True).fill(USER_PASSWORD)
    anna.get_by_label("Wachtwoord (bevestigen)").fill(USER_PASSWORD)
    anna.get_by_label("Ik ga akkoord met de privacyverklaring").check()
    artifacts.screenshot(anna, "aanmelden")
    anna.get_by_role("button", name="Aanmelden").click()
    expect(anna.get_by_role("heading", name="Bevestig je e-mailadres")).to_be_visible()
    artifacts.screenshot(anna, "bevestigingsmail-verstuurd")
    axe_check(anna)

    # 2. The confirmation e-mail; its link asks to confirm, and confirming logs in.
    confirmation = take_mail(mailoutbox, to=ANNA["email"])
    assert confirmation.subject == "[Kennisbank] Bevestig je e-mailadres"
    anna.goto(site + link_in(confirmation, r"/account/confirm-email/[^\s/]+/"))
    expect(anna.get_by_role("heading", name="Bevestig e-mailadres")).to_be_visible()
    expect(anna.locator("main")).to_contain_text(ANNA["email"])
    artifacts.screenshot(anna, "adres-bevestigen")
    axe_check(anna)
    anna.get_by_role("button", name="Bevestig").click()
    expect(anna.get_by_role("heading", name="Mijn profiel", level=1)).to_be_visible()
    expect(anna.locator("main")).to_contain_text("Je hebt nog geen initiatieven")
    artifacts.screenshot(anna, "profiel")
    axe_check(anna)

    # 3. In the editor, the new Bijdrager adds an initiative under the index and submits it.
    anna.get_by_role("link", name="Naar de beheeromgeving").click()
    anna.wait_for_url(f"{site}/beheer/")
    anna.goto(f"{site}/beheer/pages/{index.pk}/")
    anna.get_by_role("link", name="Voeg onderliggende pagina toe").click()
    anna.get_by_placeholder("Paginatitel*").fill(TITLE)
    anna.get_by_role("textbox", name="Samenvatting", exact=True).fill(SUMMARY)
    type_rich_text(anna, "background", BACKGROUND)
    type_rich_text(anna, "approach", APPROACH)
    artifacts.screenshot(anna, "initiatief-inhoud")
    anna.get_by_role("tab", name="Kenmerken").click()
    anna.get_by_label(THEME).check()
    anna.get_by_role("textbox", name="Plaats", exact=True).fill("Zwolle")
    anna.get_by_role("spinbutton", name="Startjaar").fill("2023")
    artifacts.screenshot(anna, "initiatief-kenmerken")
    run_action(anna, "Stuur door naar Redactie")
    expect_admin_message(anna, f"Pagina '{TITLE}' aangemaakt en ingediend voor controle")
    artifacts.screenshot(anna, "ingediend")

    page = InitiativePage.objects.get(title=TITLE)
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert BACKGROUND in draft.background and APPROACH in draft.approach
    assert [theme.label for theme in draft.themes.all()] == [THEME]
    assert page.owner.groups.filter(name=CONTRIBUTOR_GROUP).exists()

    submitted = take_mail(mailoutbox, to=RITA_EMAIL)
    assert f"De pagina '{TITLE}' is ter goedkeuring ingediend" in submitted.subject
    review_path = link_in(submitted, r"/beheer/pages/\d+/edit/")

    anna.goto(f"{site}/account/profiel/")
    expect(anna.get_by_role("row", name=TITLE)).to_contain_text("in beoordeling")
    anna.get_by_role("button", name="Uitloggen").click()
    expect(anna.get_by_role("link", name="Inloggen")).to_be_visible()

    # 4. The Redacteur logs in, finds the submission on the dashboard and asks for a change.
    rita.goto(f"{site}/account/inloggen/")
    expect(rita.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    artifacts.screenshot(rita, "inloggen")
    axe_check(rita)
    log_in(rita, RITA_EMAIL)
    rita.get_by_role("link", name="Naar de beheeromgeving").click()
    awaiting = rita.get_by_role("region", name="In afwachting van jouw beoordeling")
    expect(awaiting).to_contain_text(ANNA["name"])
    artifacts.screenshot(rita, "redactie-dashboard")
    awaiting.get_by_role("link", name=TITLE).click()
    rita.wait_for_url(f"{site}{review_path}")
    run_action(rita, "Wijzigingsverzoek")
    dialog = rita.get_by_role("dialog").filter(has=rita.locator("textarea[name=comment]"))
    dialog.get_by_label("Opmerking").fill(REVIEW_COMMENT)
    artifacts.screenshot(rita, "wijzigingen-vragen")
    dialog.get_by_role("button", name="Wijzigingsverzoek").click()
    expect_admin_message(rita, f"Pagina '{TITLE}' is gewijzigd.")
    artifacts.screenshot(rita, "wijzigingen-gevraagd")

    changes_requested = take_mail(mailoutbox, to=ANNA["email"])
    assert "afgekeurd" in changes_requested.subject
    assert f'De redactie schreef erbij: "{REVIEW_COMMENT}"' in changes_requested.body
    assert link_in(changes_requested, r"/beheer/pages/\d+/edit/") == review_path

    # 5. The contributor logs in again, sees the request, edits and resubmits.
    anna.get_by_role("link", name="Inloggen").click()
    log_in(anna, ANNA["email"])
    artifacts.screenshot(anna, "inloggen-profiel")
    contribution = anna.get_by_role("row", name=TITLE)
    expect(contribution).to_contain_text("wijzigingen gevraagd")
    axe_check(anna)
    contribution.get_by_role("link", name=f"Bewerken {TITLE}").click()
    summary = anna.get_by_role("textbox", name="Samenvatting", exact=True)
    expect(summary).to_have_value(SUMMARY)
    summary.fill(BETTER_SUMMARY)
    anna.get_by_role("textbox", name="Samenvatting van je wijziging").fill(
        "Aantal studenten toegevoegd"
    )
    artifacts.screenshot(anna, "aanpassen")
    run_action(anna, "Stuur opnieuw door naar Beoordeling door de redactie")
    expect_admin_message(anna, f"Pagina '{TITLE}' is ter goedkeuring ingediend.")
    take_mail(mailoutbox, to=RITA_EMAIL)

    # 6. The Redacteur approves: the initiative is published.
    rita.goto(site + review_path)
    expect(rita.get_by_role("textbox", name="Samenvatting", exact=True)).to_have_value(
        BETTER_SUMMARY
    )
    run_action(rita, "Goedkeuren en publiceren")
    expect_admin_message(rita, f"Pagina '{TITLE}' is gewijzigd.")
    artifacts.screenshot(rita, "goedgekeurd")
    approved = take_mail(mailoutbox, to=ANNA["email"])
    assert "goedgekeurd" in approved.subject
    assert "schreef erbij" not in approved.body

    page.refresh_from_db()
    assert page.live
    page_url = f"{site}{page.url}"

    # 7. A visitor reads it and finds it through search.
    visitor.goto(page_url)
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(visitor.locator("main")).to_contain_text(BETTER_SUMMARY)
    expect(visitor.locator("main")).to_contain_text(APPROACH)
    expect(visitor.locator("main")).to_contain_text(THEME)
    artifacts.screenshot(visitor, "initiatief-gepubliceerd")
    axe_check(visitor)

    visitor.goto(f"{site}/")
    header = visitor.get_by_role("banner")
    # With its script the search box is a combobox that suggests while typing (issue 13).
    header.get_by_role("combobox", name="Zoek initiatieven").fill(SEARCH_WORD)
    header.get_by_role("button", name="Zoeken").click()
    visitor.wait_for_url(re.compile(rf"/zoeken/\?q={SEARCH_WORD}"))
    results = visitor.locator(".search-layout__results")
    expect(results).to_contain_text(f"1 resultaat voor “{SEARCH_WORD}”")
    expect(results.get_by_role("link", name=TITLE)).to_have_attribute("href", page.url)
    artifacts.screenshot(visitor, "zoeken")
    axe_check(visitor)

    # 8. The contributor improves the published initiative; the Redacteur approves again.
    anna.goto(f"{site}/account/profiel/")
    expect(anna.get_by_role("row", name=TITLE)).to_contain_text("gepubliceerd")
    anna.get_by_role("row", name=TITLE).get_by_role("link", name=f"Bewerken {TITLE}").click()
    type_rich_text(anna, "results", RESULTS)
    anna.get_by_role("textbox", name="Samenvatting van je wijziging").fill("Resultaten aangevuld")
    artifacts.screenshot(anna, "resultaten-aanvullen")
    run_action(anna, "Stuur door naar Redactie")
    expect_admin_message(anna, f"Pagina '{TITLE}' is ter goedkeuring ingediend.")
    take_mail(mailoutbox, to=RITA_EMAIL)

    # While the change is in review, readers still see the published version.
    visitor.goto(page_url)
    expect(visitor.locator("main")).to_contain_text(APPROACH)
    expect(visitor.locator("main")).not_to_contain_text(RESULTS)

    rita.goto(site + review_path)
    expect(rich_text_editor(rita, "results")).to_contain_text(RESULTS)
    run_action(rita, "Goedkeuren met opmerking en publiceren")
    dialog = rita.get_by_role("dialog").filter(has=rita.locator("textarea[name=comment]"))
    dialog.get_by_label("Opmerking").fill(APPROVAL_COMMENT)
    artifacts.screenshot(rita, "goedkeuren-met-opmerking")
    dialog.get_by_role("button", name="Goedkeuren met opmerking", exact=True).click()
    expect_admin_message(rita, f"Pagina '{TITLE}' is gewijzigd.")
    approved_again = take_mail(mailoutbox, to=ANNA["email"])
    assert f'De redactie schreef erbij: "{APPROVAL_COMMENT}"' in approved_again.body

    # 9. The public history lists the two published versions, both by the contributor.
    visitor.goto(page_url)
    expect(visitor.locator("main")).to_contain_text(RESULTS)
    visitor.get_by_role("link", name="Geschiedenis bekijken").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Geschiedenis van “{TITLE}”")
    versions = visitor.get_by_role("table").locator("tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("Versie 2")
    expect(versions.nth(0)).to_contain_text("Resultaten aangevuld")
    expect(versions.nth(0)).to_contain_text(ANNA["name"])
    expect(versions.nth(1)).to_contain_text("Versie 1")
    expect(versions.nth(1)).to_contain_text("Eerste versie")
    expect(versions.nth(1)).to_contain_text(ANNA["name"])
    expect(visitor.locator("main")).not_to_contain_text("Rita")
    artifacts.screenshot(visitor, "geschiedenis")
    axe_check(visitor)

    versions.nth(0).get_by_role("link", name="Bekijk wijzigingen").click()
    expect(visitor.locator("main ins").first).to_contain_text(RESULTS)
    artifacts.screenshot(visitor, "wijzigingen")
    axe_check(visitor)

    assert mailoutbox == []
