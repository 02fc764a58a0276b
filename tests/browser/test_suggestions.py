"""Suggestions while typing in the search box, in a real Chromium, as a person uses them.

The box is a WAI-ARIA combobox: typed at a person's pace it lists themes, provinces,
organisations and initiatives (grouped and announced in Dutch), the arrow keys move through
them, Enter opens one (or searches when none is active), Escape closes and then clears; a click
opens one too. axe finds no violation with the list open, on a phone and on a laptop, and the
Content-Security-Policy holds. Without JavaScript the box is a plain search form.
"""

from __future__ import annotations

import re

import pytest

from initiatieven.models import Organisation, Province
from initiatieven.services.site_tree import ensure_site_tree
from tests.browser.conftest import BROWSER_TEST, PHONE, expect, no_sideways_scrolling
from tests.browser.test_csp import ViolationWatch
from tests.factories import create_initiative

pytestmark = BROWSER_TEST

LAPTOP = {"width": 1280, "height": 900}
TYPING_DELAY_MS = 180  # between keys, as a person types
SUGGESTIONS_URL = "/api/zoeken/suggesties/"


@pytest.fixture
def initiatives(db):
    index = ensure_site_tree()
    friesland = Province.objects.get(slug="friesland")
    create_initiative(
        index, title="Mensen met dementie in de klas", themes=["ervaringsdeskundigheid"]
    )
    create_initiative(index, title="Dementievriendelijke wijk", province=friesland)
    page = create_initiative(index, title="Samen leren in Friesland", province=friesland)
    page.organisations.set([Organisation.objects.create(name="Zorggroep Dementiezorg")])
    page.save_revision().publish()
    return index


def options_of(page):
    return page.locator("#site-search-q-suggesties [role=option]")


def labels_of(page) -> list[str]:
    return [text.strip() for text in options_of(page).all_text_contents()]


def test_on_a_phone_the_keyboard_chooses_a_suggestion(
    live_server, initiatives, open_page, artifacts, axe_check
):
    page = open_page(PHONE)
    watch = ViolationWatch()
    watch.watch(page)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{live_server.url}/initiatieven/")
    box = page.locator("#site-search-q")
    listbox = page.locator("#site-search-q-suggesties")
    status = page.locator("#site-search-q ~ [role=status]")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-controls", "site-search-q-suggesties")
    expect(box).to_have_attribute("aria-autocomplete", "list")

    box.click()
    box.press_sequentially("d", delay=TYPING_DELAY_MS)
    page.wait_for_timeout(400)
    expect(listbox).to_be_hidden()  # one letter: nothing yet
    box.press_sequentially("em", delay=TYPING_DELAY_MS)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox).to_be_visible()
    assert labels_of(page) == [
        "Zorggroep Dementiezorg",
        "Dementievriendelijke wijk",
        "Mensen met dementie in de klas",
    ]
    expect(listbox.locator("[role=group]")).to_have_count(2)
    expect(listbox.locator("#site-search-q-suggesties-organisatie")).to_have_text("Organisaties")
    expect(listbox.locator("#site-search-q-suggesties-initiatief")).to_have_text("Initiatieven")
    expect(status).to_have_text("3 suggesties; kies met de pijltjestoetsen.")
    assert no_sideways_scrolling(page)
    artifacts.screenshot(page, "telefoon-suggesties")
    axe_check(page, strict=True)

    # Down and Up move through the options, around the ends; the box keeps the focus.
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-suggesties-0")
    expect(options_of(page).nth(0)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-suggesties-1")
    expect(options_of(page).nth(0)).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-suggesties-2")
    expect(box).to_be_focused()
    artifacts.screenshot(page, "telefoon-pijltjes")
    axe_check(page, strict=True)

    # Escape closes the list and keeps the text; a second Escape clears the box.
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_have_value("dem")
    page.keyboard.press("ArrowDown")  # opens it again, on the first option
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-activedescendant", "site-search-q-suggesties-0")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    expect(listbox).to_be_hidden()

    # Both names of the province; Enter opens the active suggestion.
    box.press_sequentially("frysl", delay=TYPING_DELAY_MS)
    expect(options_of(page)).to_have_count(1)
    assert labels_of(page) == ["Fryslân"]
    expect(status).to_have_text("1 suggestie; kies met de pijltjestoetsen.")
    box.fill("")
    box.press_sequentially("fries", delay=TYPING_DELAY_MS)
    expect(options_of(page)).to_have_count(2)
    assert labels_of(page) == ["Fryslân", "Samen leren in Friesland"]
    expect(status).to_have_text("2 suggesties; kies met de pijltjestoetsen.")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/provincies/friesland/$"))

    # Nothing found is said too; Enter without an active suggestion searches.
    box = page.locator("#site-search-q")
    box.click()
    box.press_sequentially("xyzq", delay=TYPING_DELAY_MS)
    expect(page.locator("#site-search-q ~ [role=status]")).to_have_text("Geen suggesties.")
    expect(page.locator("#site-search-q-suggesties")).to_be_hidden()
    box.fill("")
    box.press_sequentially("dementie", delay=TYPING_DELAY_MS)
    expect(page.locator("#site-search-q-suggesties")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=dementie$"))
    expect(page.locator("#result-count")).to_contain_text("voor “dementie”")
    expect(page.locator(".result__title").first).to_be_visible()
    assert "Mensen met dementie in de klas" in page.locator(".result__title").all_text_contents()
    watch.assert_none("the search box with suggestions")
    suggestion_requests = [url for url in asked if SUGGESTIONS_URL in url]
    assert suggestion_requests, "no suggestions were asked"
    assert all("q=d&" not in url and not url.endswith("q=d") for url in suggestion_requests)


def test_fast_typing_asks_after_a_pause_and_shows_the_last_text(
    live_server, initiatives, open_page
):
    page = open_page(LAPTOP)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{live_server.url}/")
    box = page.locator("#site-search-q")
    box.click()
    box.press_sequentially("dementievriendelijk", delay=20)  # faster than the 150 ms pause
    expect(options_of(page)).to_have_count(1)
    assert labels_of(page) == ["Dementievriendelijke wijk"]
    page.wait_for_timeout(500)
    requests = [url for url in asked if SUGGESTIONS_URL in url]
    assert requests[-1] == f"{live_server.url}{SUGGESTIONS_URL}?q=dementievriendelijk"
    assert len(requests) <= 5, requests  # not one per key


def test_on_a_laptop_a_click_opens_a_suggestion(
    live_server, initiatives, open_page, artifacts, axe_check
):
    page = open_page(LAPTOP)
    page.goto(f"{live_server.url}/zoeken/")
    box = page.locator("#site-search-q")
    box.click()
    box.press_sequentially("mensen dem", delay=TYPING_DELAY_MS)
    expect(options_of(page)).to_have_count(1)
    option = options_of(page).first
    option.hover()
    artifacts.screenshot(page, "laptop-suggesties")
    axe_check(page, strict=True)
    option.click()
    expect(page).to_have_url(re.compile(r"/initiatieven/mensen-met-dementie-in-de-klas"))
    expect(page.locator("h1")).to_have_text("Mensen met dementie in de klas")


def test_without_javascript_the_box_still_searches(live_server, initiatives, open_page):
    page = open_page(PHONE, javascript=False)
    page.goto(f"{live_server.url}/initiatieven/")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") is None
    expect(page.locator("[role=listbox]")).to_have_count(0)
    box.fill("dementie")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=dementie$"))
    assert "Mensen met dementie in de klas" in page.locator(".result__title").all_text_contents()
