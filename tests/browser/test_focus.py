"""A focused link title that wraps over several lines (a search result, a card in
"Vergelijkbare initiatieven") gets one focus indicator around the whole title, not one per line
that cuts through the neighbouring lines; on a phone as on a laptop."""

from __future__ import annotations

import pytest

from initiatieven.services.site_tree import ensure_site_tree
from tests.browser.conftest import BROWSER_TEST, PHONE, VIEWPORT, expect
from tests.factories import create_initiative

pytestmark = BROWSER_TEST

LONG_TITLE = "Bruggen bouwen tussen roc's en zorgorganisaties in Noord-Brabant en Zeeland samen"


@pytest.fixture
def initiatives(db):
    index = ensure_site_tree()
    first = create_initiative(
        index,
        title="Roc en zorg",
        summary="Roc's en zorgorganisaties leiden samen op.",
        themes=["leren-en-werken"],
    )
    create_initiative(
        index,
        title=LONG_TITLE,
        summary="Roc's en zorgorganisaties werken samen aan zorgonderwijs.",
        themes=["leren-en-werken"],
    )
    return first


def focus_box(page, link) -> dict:
    """How the focused `link` is drawn: its boxes (one per line for an inline link), its line
    height and whether it shows the keyboard focus."""
    link.focus()
    expect(link).to_be_focused()
    return link.evaluate(
        """element => ({
            boxes: element.getClientRects().length,
            height: element.getBoundingClientRect().height,
            line: parseFloat(getComputedStyle(element).lineHeight),
            visible: element.matches(':focus-visible'),
            outline: getComputedStyle(element).outlineStyle,
        })"""
    )


@pytest.mark.parametrize("viewport", [PHONE, VIEWPORT], ids=["phone", "laptop"])
def test_a_wrapped_title_link_gets_one_focus_indicator(
    live_server, open_page, artifacts, initiatives, viewport
):
    page = open_page(viewport)
    page.goto(f"{live_server.url}{initiatives.url}")
    similar = page.locator(".card__title a", has_text=LONG_TITLE)
    box = focus_box(page, similar)
    assert box["height"] > 1.5 * box["line"]  # the title wraps
    assert box["visible"] and box["outline"] == "solid"
    assert box["boxes"] == 1  # one rectangle around all its lines
    similar.scroll_into_view_if_needed()
    artifacts.screenshot(page, f"similar-focus-{viewport['width']}")

    page.goto(f"{live_server.url}/zoeken/?q=zorgorganisaties")
    result = page.locator(".result__title a", has_text=LONG_TITLE)
    box = focus_box(page, result)
    if viewport is PHONE:
        assert box["height"] > 1.5 * box["line"]
    assert box["visible"] and box["boxes"] == 1
    artifacts.screenshot(page, f"result-focus-{viewport['width']}")
