"""Finding initiatives through the filters, in a real Chromium, on a phone and on a laptop.

On a 390 px phone the first result shows on the first screen and the filters wait behind a
"Filters" toggle; a box ticked with the keyboard applies at once, focus stays on it and the
count is announced; a group folds away. At 1280 px the apply button is on the first screen
when JavaScript is off. The public history table fits a phone without scrolling sideways.
"""

from __future__ import annotations

import re

import pytest

from initiatieven.models import Province, Sector
from tests.browser.conftest import BROWSER_TEST, PHONE, expect
from tests.factories import create_initiative, create_user

pytestmark = BROWSER_TEST

LAPTOP = {"width": 1280, "height": 900}
PROVINCES = ["groningen", "friesland", "zuid-holland", "utrecht", "limburg", "zeeland"]
THEMES = ["leren-en-werken", "competenties", "ervaringsdeskundigheid", "informele-zorg"]
SECTORS = ["ouderenzorg", "ggz", "jeugdzorg"]


@pytest.fixture
def collection(index):
    """Twelve initiatives spread over provinces, themes and sectors, so every group has boxes."""
    pages = []
    for number in range(12):
        page = create_initiative(
            index,
            title=f"Praktijkvoorbeeld {number + 1}",
            province=Province.objects.get(slug=PROVINCES[number % len(PROVINCES)]),
            themes=[THEMES[number % len(THEMES)], THEMES[(number + 1) % len(THEMES)]],
        )
        page.sectors.set(Sector.objects.filter(slug=SECTORS[number % len(SECTORS)]))
        page.save_revision().publish()
        pages.append(page)
    return pages


def first_screen_top(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"]


def test_on_a_phone_results_come_first_and_a_ticked_box_applies_at_once(
    live_server, collection, open_page, artifacts, axe_check
):
    page = open_page(PHONE)
    page.goto(f"{live_server.url}/zoeken/")
    expect(page.locator("#result-count")).to_have_text("12 initiatieven")
    assert first_screen_top(page, ".result") < 900
    toggle = page.locator("#filters > summary")
    expect(toggle).to_be_visible()
    expect(page.locator("#f-thema-competenties")).to_be_hidden()
    artifacts.screenshot(page, "telefoon-resultaten-eerst")
    axe_check(page)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#filters")).to_have_attribute("open", "")
    expect(page.locator(".filters__apply")).to_be_hidden()  # JS applies changes itself
    box = page.locator("#f-thema-competenties")
    box.focus()
    page.wait_for_timeout(300)
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"thema=competenties"))
    expect(page.locator("#result-count")).to_have_text("6 initiatieven")
    expect(page.locator("#f-thema-competenties")).to_be_checked()
    expect(page.locator("#f-thema-competenties")).to_be_focused()
    expect(toggle).to_contain_text("(1 gekozen)")
    assert page.locator(".result").count() == 6
    artifacts.screenshot(page, "telefoon-thema-gekozen")

    # A second box in another group narrows further; the group then folds away.
    page.keyboard.press("Tab")
    sector = page.locator("#facet-sector summary")
    sector.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#facet-sector")).not_to_have_attribute("open", "")
    expect(page.locator("#facet-sector input").first).to_be_hidden()
    artifacts.screenshot(page, "telefoon-groep-ingeklapt")
    # It stays folded when the results change.
    page.locator("#f-provincie-groningen").focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"provincie=groningen"))
    expect(page.locator("#facet-sector")).not_to_have_attribute("open", "")
    expect(page.locator("#f-provincie-groningen")).to_be_focused()
    axe_check(page)


def test_on_a_laptop_the_apply_button_is_on_the_first_screen_without_javascript(
    live_server, collection, open_page, artifacts, axe_check
):
    page = open_page(LAPTOP, javascript=False)
    page.goto(f"{live_server.url}/zoeken/")
    apply = page.get_by_role("button", name="Filters toepassen")
    expect(apply).to_be_visible()
    box = apply.bounding_box()
    assert box["y"] + box["height"] <= LAPTOP["height"]
    expect(page.locator("#f-thema-competenties")).to_be_visible()  # the panel is open
    expect(page.locator("#filters > summary")).to_be_hidden()
    page.locator("#f-thema-competenties").focus()
    page.keyboard.press("Space")
    assert "thema=" not in page.url  # nothing happens until the button is pressed
    artifacts.screenshot(page, "laptop-zonder-javascript")
    apply.click()
    expect(page).to_have_url(re.compile(r"thema=competenties"))
    expect(page.locator("#result-count")).to_have_text("6 initiatieven")

    with_js = open_page(LAPTOP)
    with_js.goto(f"{live_server.url}/zoeken/")
    expect(with_js.locator("#f-thema-competenties")).to_be_visible()
    assert first_screen_top(with_js, ".result") < LAPTOP["height"]
    artifacts.screenshot(with_js, "laptop-met-javascript")
    axe_check(with_js)  # axe-core needs JavaScript, so it scans this page


def test_on_a_phone_without_javascript_the_filters_toggle_still_works(
    live_server, collection, open_page, artifacts
):
    page = open_page(PHONE, javascript=False)
    page.goto(f"{live_server.url}/provincies/groningen/")
    assert first_screen_top(page, ".card") < 900
    page.locator("#filters > summary").click()
    page.locator("label[for='f-thema-competenties']").click()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(r"/provincies/groningen/\?.*thema=competenties"))
    expect(page.locator("#result-count")).to_have_text("1 initiatief")
    artifacts.screenshot(page, "telefoon-provincie-zonder-javascript")


def test_a_theme_page_filters_at_once_and_an_empty_province_invites(
    live_server, collection, open_page, artifacts, axe_check
):
    page = open_page(LAPTOP)
    page.goto(f"{live_server.url}/themas/competenties/")
    expect(page.locator("#result-count")).to_have_text("6 initiatieven")
    page.locator("#f-provincie-friesland").focus()
    page.keyboard.press("Space")
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^[12] initiatie"))
    expect(page).to_have_url(re.compile(r"/themas/competenties/\?.*provincie=friesland"))
    page.locator("#search-sort").select_option("titel")
    expect(page).to_have_url(re.compile(r"sort=titel"))
    artifacts.screenshot(page, "thema-gefilterd")
    axe_check(page)

    phone = open_page(PHONE)
    phone.goto(f"{live_server.url}/provincies/noord-brabant/")
    expect(
        phone.get_by_role("heading", name="Nog geen initiatieven in Noord-Brabant")
    ).to_be_visible()
    expect(phone.get_by_role("link", name="Voeg het eerste initiatief toe")).to_be_visible()
    artifacts.screenshot(phone, "lege-provincie")
    axe_check(phone)


def test_the_history_table_fits_a_phone(live_server, collection, open_page, artifacts):
    initiative = collection[0]
    for number, name in enumerate(["Anna de Vries", "Bram Bakker", "Cor van den Heuvel"]):
        first, last = name.split(" ", 1)
        user = create_user(first_name=first, last_name=last)
        draft = initiative.get_latest_revision_as_object()
        draft.summary = f"Een langere samenvatting, aangevuld in ronde {number + 1}."
        draft.change_summary = f"Samenvatting aangevuld (ronde {number + 1})"
        draft.save_revision(user=user).publish()
    initiative.refresh_from_db()
    page = open_page(PHONE)
    page.goto(f"{live_server.url}{initiative.url}geschiedenis/")
    region = page.locator(".table-scroll")
    expect(region).to_be_visible()
    artifacts.screenshot(page, "geschiedenis-telefoon")
    widths = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] <= widths[1], f"the table scrolls sideways: {widths}"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The compare choices stay usable under their headings.
    page.get_by_label("Vergelijk vanaf versie 2").check()
    page.get_by_label("Vergelijk met versie 4").check()
    page.get_by_role("button", name="Vergelijk de gekozen versies").click()
    expect(page).to_have_url(re.compile(r"/geschiedenis/vergelijk/\d+/\d+/"))
