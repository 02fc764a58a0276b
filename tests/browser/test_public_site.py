"""The public site in a real Chromium, on a wide screen and on a phone: an initiative page puts
its key facts beside (wide) or right under (phone) the summary, prints without navigation, and
its "Bewerk dit initiatief" leads a visitor through logging in, or signing up and confirming in
another browser, to the editor's form.
"""

from __future__ import annotations

import re

import pytest

from initiatieven.models import Organisation
from initiatieven.roles import CONTRIBUTOR_GROUP
from initiatieven.services.site_tree import ensure_site_tree
from tests.browser.conftest import BROWSER_TEST, PHONE, expect, no_sideways_scrolling
from tests.factories import USER_PASSWORD, create_initiative, create_user

pytestmark = BROWSER_TEST

TYPING_DELAY_MS = 120


@pytest.fixture
def initiative(db):
    index = ensure_site_tree()
    page = create_initiative(
        index,
        title="Zorgmaatjes in Zwolle",
        summary="Studenten worden maatje van een oudere in de wijk.",
        place="Zwolle",
        background="<p>Veel ouderen in Zwolle-Zuid voelen zich eenzaam.</p>",
        approach="<p>Elke student bezoekt wekelijks een oudere.</p>" * 6,
        contact_name="Contactpunt Zwolle",
        contact_email="zwolle@example.org",
        contact_is_public=True,
    )
    page.organisations.set([Organisation.objects.create(name="Landstede", place="Zwolle")])
    page.save_revision().publish()
    return page


@pytest.fixture
def phone(browser, artifacts):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def box(page, locator) -> dict:
    return page.locator(locator).first.bounding_box()


def test_initiative_page_wide_phone_and_print(
    live_server, new_context, phone, artifacts, initiative, axe_check
):
    url = live_server.url + initiative.url

    wide = new_context()
    wide.goto(url)
    expect(wide.get_by_role("heading", name="In het kort")).to_be_visible()
    lead, facts = box(wide, ".initiative__header .lead"), box(wide, ".initiative__facts")
    # Beside the summary, starting no lower than it.
    assert facts["x"] >= lead["x"] + lead["width"]
    assert facts["y"] <= lead["y"] + lead["height"]
    assert wide.locator(".initiative__hero").count() == 0
    artifacts.screenshot(wide, "initiatief-1280")
    wide.locator(".site-header").screenshot(path=artifacts.directory / "header-1280.png")
    axe_check(wide)

    phone.goto(url)
    lead, facts = box(phone, ".initiative__header .lead"), box(phone, ".initiative__facts")
    text = box(phone, "#aanleiding")
    # Right under the summary (and its action buttons), before the text.
    assert lead["y"] + lead["height"] <= facts["y"] < text["y"]
    assert facts["y"] - (lead["y"] + lead["height"]) < 200
    assert no_sideways_scrolling(phone)
    phone.locator(".site-header").screenshot(path=artifacts.directory / "header-390.png")
    # The header leaves the page's own title on the first screen.
    assert box(phone, "h1")["y"] < PHONE["height"] / 2
    artifacts.screenshot(phone, "initiatief-390")

    wide.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".initiative__actions"):
        expect(wide.locator(hidden).first).to_be_hidden()
    expect(wide.get_by_role("heading", name=initiative.title)).to_be_visible()
    expect(wide.get_by_role("heading", name="In het kort")).to_be_visible()
    # The contact address, which the screen shows behind a button, is spelled out on paper.
    expect(wide.locator(".initiative__facts")).to_contain_text(
        "zwolle [apenstaartje] example", use_inner_text=True
    )
    artifacts.screenshot(wide, "initiatief-print")


def test_edit_link_logs_a_contributor_in_and_opens_the_editor(
    live_server, new_context, artifacts, initiative, axe_check
):
    create_user(groups=[CONTRIBUTOR_GROUP], email="piet@example.org", first_name="Piet")
    visitor = new_context()
    visitor.goto(live_server.url + initiative.url)

    edit = visitor.locator(".initiative__actions").get_by_role("link", name="Bewerk dit initiatief")
    edit.focus()
    visitor.keyboard.press("Enter")
    expect(visitor.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    expect(visitor.locator("main")).to_contain_text("Log in om verder te gaan")
    artifacts.screenshot(visitor, "inloggen-met-next")
    axe_check(visitor)

    visitor.get_by_label("E-mailadres of gebruikersnaam").type(
        "piet@example.org", delay=TYPING_DELAY_MS
    )
    visitor.get_by_label("Wachtwoord", exact=True).type(USER_PASSWORD, delay=TYPING_DELAY_MS)
    visitor.keyboard.press("Enter")

    visitor.wait_for_url(re.compile(rf"/beheer/pages/{initiative.pk}/edit/$"))
    expect(visitor.get_by_placeholder("Paginatitel*")).to_have_value(initiative.title)
    artifacts.screenshot(visitor, "editor-na-inloggen")


def test_add_link_sign_up_and_confirm_on_a_phone_then_the_editor(
    live_server, new_context, phone, artifacts, initiative, mailoutbox, axe_check
):
    desktop = new_context()
    desktop.goto(live_server.url + "/")
    desktop.get_by_role("navigation", name="Je account").get_by_role(
        "link", name="Initiatief toevoegen"
    ).click()
    expect(desktop.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    desktop.get_by_role("link", name="Meld je aan").click()
    expect(desktop.get_by_role("heading", name="Aanmelden", level=1)).to_be_visible()
    desktop.get_by_label("Naam").type("Anna de Vries", delay=TYPING_DELAY_MS)
    desktop.get_by_label("E-mail", exact=True).type("anna@example.org", delay=TYPING_DELAY_MS)
    desktop.get_by_label("Wachtwoord", exact=True).fill(USER_PASSWORD)
    desktop.get_by_label("Wachtwoord (bevestigen)").fill(USER_PASSWORD)
    desktop.get_by_label("Ik ga akkoord met de privacyverklaring").check()
    desktop.get_by_role("button", name="Aanmelden").click()
    expect(desktop.get_by_role("heading", name="Bevestig je e-mailadres")).to_be_visible()
    expect(desktop.locator("main")).to_contain_text("bevestigingsmail")
    artifacts.screenshot(desktop, "bevestigingsmail-verstuurd")

    [mail] = mailoutbox
    link = re.search(r"https?://\S+/account/confirm-email/\S+", mail.body).group(0)
    assert link.startswith(live_server.url)

    # The mail is opened on a phone, where nobody is logged in.
    phone.goto(link)
    phone.get_by_role("button", name="Bevestig").click()
    expect(phone.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    expect(phone.locator(".messages")).to_contain_text("anna@example.org is bevestigd")
    expect(phone.locator("main")).to_contain_text("Log in met je e-mailadres en wachtwoord")
    assert no_sideways_scrolling(phone)
    artifacts.screenshot(phone, "bevestigd-op-telefoon")
    axe_check(phone)
    phone.get_by_label("E-mailadres of gebruikersnaam").type(
        "anna@example.org", delay=TYPING_DELAY_MS
    )
    phone.get_by_label("Wachtwoord", exact=True).type(USER_PASSWORD, delay=TYPING_DELAY_MS)
    phone.get_by_role("button", name="Inloggen").click()

    phone.wait_for_url(re.compile(r"/beheer/pages/add/initiatieven/initiativepage/\d+/$"))
    expect(phone.get_by_placeholder("Paginatitel*")).to_be_visible()
    artifacts.screenshot(phone, "nieuw-initiatief-op-telefoon")
