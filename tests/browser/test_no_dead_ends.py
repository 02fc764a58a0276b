"""No dead ends, in a real Chromium: a student types a search in English and a filter that
finds nothing, gets the same search without the filter, a theme to browse and an invitation,
walks on with the keyboard, and finds related initiatives on the page she lands on; a visitor
narrows a theme's page to one initiative and is offered the same ways on; on a phone as on a
laptop."""

from __future__ import annotations

import re
import time

import pytest

from initiatieven.models import Province
from initiatieven.services.site_tree import ensure_site_tree
from tests.browser.conftest import BROWSER_TEST, PHONE, TIMEOUT_MS, expect, no_sideways_scrolling
from tests.factories import create_initiative

pytestmark = BROWSER_TEST


@pytest.fixture
def initiatives(db):
    index = ensure_site_tree()
    utrecht = Province.objects.get(slug="utrecht")
    create_initiative(
        index,
        title="Gastdocenten met dementie",
        summary="Mensen met dementie geven les als ervaringsdeskundige.",
        themes=["ervaringsdeskundigheid"],
        province=utrecht,
    )
    create_initiative(
        index,
        title="Ervaringsdeskundigen in de ggz-opleiding",
        summary="Ervaringsdeskundigen leren studenten over herstel.",
        themes=["ervaringsdeskundigheid", "leren-en-werken"],
        province=Province.objects.get(slug="friesland"),
    )
    create_initiative(
        index,
        title="Leerwerkplaats in de wijk",
        summary="Leren en werken in de wijkverpleging.",
        themes=["leren-en-werken"],
    )


def type_slowly(field, text: str) -> None:
    for character in text:
        field.press(character)
        time.sleep(0.12)


LAPTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_search_that_finds_nothing_leads_on(
    live_server, browser, artifacts, axe_check, initiatives, viewport
):
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(f"{live_server.url}/zoeken/?provincie=zeeland")
    field = page.get_by_label("Zoekterm")
    field.click()
    type_slowly(field, "lived experience")
    field.press("Enter")
    expect(page.locator("#result-count")).to_contain_text("0 resultaten")
    help_box = page.locator(".search-help")
    expect(help_box).to_contain_text("zonder filters: 2 initiatieven")
    expect(help_box.get_by_role("link", name=re.compile("Ervaringsdeskundigheid"))).to_be_visible()
    expect(help_box.get_by_role("link", name="Voeg het toe aan de Kennisbank")).to_be_visible()
    assert no_sideways_scrolling(page)
    artifacts.screenshot(page, f"help-{viewport['width']}")
    axe_check(page)

    # On with the keyboard: the link to the same search without its filter.
    link = help_box.get_by_role("link", name=re.compile("zonder filters"))
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#result-count")).to_contain_text("2 resultaten")
    artifacts.screenshot(page, f"without-filters-{viewport['width']}")

    # The initiative found there lists related initiatives, found by the search engine.
    page.get_by_role("link", name="Gastdocenten met dementie").click()
    related = page.locator(".initiative__related")
    expect(related.get_by_role("heading", name="Vergelijkbare initiatieven")).to_be_visible()
    expect(related).to_contain_text("Ervaringsdeskundigen in de ggz-opleiding")
    assert no_sideways_scrolling(page)
    artifacts.screenshot(page, f"related-{viewport['width']}")
    context.close()


@pytest.fixture
def theme_of_three(initiatives):
    """A third initiative on lived experience, so its theme page lists three before filtering."""
    create_initiative(
        ensure_site_tree(),
        title="Herstelwerkplaats",
        summary="Ervaringsdeskundigen en studenten werken samen.",
        themes=["ervaringsdeskundigheid"],
    )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_theme_page_narrowed_by_a_filter_leads_on(
    live_server, open_page, artifacts, axe_check, theme_of_three, viewport
):
    page = open_page(viewport)
    page.goto(f"{live_server.url}/themas/ervaringsdeskundigheid/")
    expect(page.locator("#result-count")).to_have_text("3 initiatieven")
    expect(page.locator(".search-help")).to_have_count(0)
    toggle = page.locator("#filters > summary")
    if toggle.is_visible():  # on a phone the filters wait behind their toggle
        toggle.click()
        time.sleep(0.5)
    box = page.locator("#f-provincie-utrecht")
    box.focus()
    time.sleep(0.5)
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/themas/ervaringsdeskundigheid/\?.*provincie=utrecht"))
    expect(page.locator("#result-count")).to_have_text("1 initiatief")

    help_box = page.locator(".search-help")
    expect(help_box.get_by_role("heading", name="Op zoek naar meer?")).to_be_visible()
    expect(help_box).not_to_contain_text("Bedoelde je")
    expect(help_box.get_by_role("link", name="Leren en werken verweven (2)")).to_be_visible()
    expect(help_box.get_by_role("link", name="Voeg het toe aan de Kennisbank")).to_be_visible()
    assert no_sideways_scrolling(page)
    artifacts.screenshot(page, f"theme-narrowed-{viewport['width']}")
    axe_check(page, strict=True)

    # On with the keyboard: the same theme page without the filter.
    link = help_box.get_by_role("link", name="Toon alle 3 initiatieven")
    link.focus()
    expect(link).to_be_focused()
    time.sleep(0.5)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/themas/ervaringsdeskundigheid/")
    expect(page.locator("#result-count")).to_have_text("3 initiatieven")

    # A shared link whose filters find nothing here says so and leads on too; the invitation
    # takes a visitor to logging in, where signing up is offered.
    page.goto(f"{live_server.url}/provincies/utrecht/?thema=leren-en-werken")
    help_box = page.locator(".search-help")
    expect(
        help_box.get_by_role("heading", name="Geen initiatieven met deze filters.")
    ).to_be_visible()
    expect(help_box.get_by_role("link", name="Toon alle initiatieven (1)")).to_be_visible()
    assert no_sideways_scrolling(page)
    artifacts.screenshot(page, f"province-empty-{viewport['width']}")
    axe_check(page, strict=True)
    help_box.get_by_role("link", name="Voeg het toe aan de Kennisbank").click()
    expect(page).to_have_url(re.compile(r"/account/inloggen/\?next=/initiatief-toevoegen/"))
    expect(page.get_by_role("link", name="Meld je aan")).to_be_visible()
