"""A policymaker's flow in a real Chromium, on the demo content: open the overview in numbers,
filter it with the keyboard, read the map through the accessibility tree, follow a number to the
search, open a collection, download its CSV and XLSX, and print it (and the overview and a
search) to PDF. Every page on the way is scanned with axe; the overview and a collection are
also checked on a 390 px phone.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from initiatieven.models import CollectionPage, InitiativePage
from kennisbank.demo import load_demo
from tests.browser.conftest import BROWSER_TEST, PHONE, expect, no_sideways_scrolling

pytestmark = BROWSER_TEST

PROVINCES = (
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
)


@pytest.fixture
def demo(db):
    load_demo(with_admin=False)
    return {
        "hand_picked": CollectionPage.objects.get(slug="regios-die-leren-en-werken-verweven"),
        "by_selection": CollectionPage.objects.get(slug="ervaringsdeskundigen-in-het-onderwijs"),
    }


def pdf_text(path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def without_spaces(text: str) -> str:
    """The printed text without its line breaks and spaces: a long address wraps."""
    return "".join(text.split())


def print_to_pdf(page, artifacts, name: str) -> str:
    """The page as Chromium prints it (A4, print stylesheet), saved with the artifacts; returns
    its text."""
    path = artifacts.directory / f"{artifacts.step + 1:02d}-{name}.pdf"
    artifacts.step += 1
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.pdf(path=str(path), format="A4", print_background=True)
    page.emulate_media(media="screen")
    return pdf_text(path)


def test_policymaker_overview_collection_downloads_and_print(
    live_server, new_context, browser, artifacts, demo, axe_check
):
    page = new_context()
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="In cijfers").click()
    expect(page.get_by_role("heading", name="De Kennisbank in cijfers", level=1)).to_be_visible()
    live = InitiativePage.objects.live().public().count()
    expect(page.locator("#result-count")).to_have_text(f"{live} gepubliceerde initiatieven")
    artifacts.screenshot(page, "in-cijfers")
    axe_check(page)

    # The map, as a screen reader finds it: one link per province, named with its number.
    tree = page.locator(".province-map__svg").aria_snapshot()
    for province in PROVINCES:
        assert re.search(rf'link "{province}: \d+ initiatie(f|ven)"', tree), (province, tree)
    table = page.locator("#table-provincie")
    expect(table.get_by_role("link", name="Zuid-Holland: 1 initiatief")).to_be_visible()

    # Filter with the keyboard: the theme's box, then Space; the numbers follow at once.
    theme = page.get_by_role("checkbox", name=re.compile(r"^Ervaringsdeskundigheid"))
    theme.focus()
    page.keyboard.press("Space")
    expect(page.locator("#result-count")).to_have_text("3 gepubliceerde initiatieven")
    expect(page).to_have_url(re.compile(r"/in-cijfers/\?thema=ervaringsdeskundigheid$"))
    expect(theme).to_be_focused()
    artifacts.screenshot(page, "in-cijfers-gefilterd")
    printed = print_to_pdf(page, artifacts, "in-cijfers")
    assert "De Kennisbank in cijfers" in printed
    assert "Selectie: Thema: Ervaringsdeskundigheid" in printed
    assert "Afgedrukt uit de Kennisbank op" in printed
    assert f"{live_server.url}/in-cijfers/?thema=ervaringsdeskundigheid" in without_spaces(printed)
    assert "Hoofdmenu" not in printed and "Filters toepassen" not in printed

    # Follow a number on the map to the search: it finds exactly that many.
    area = page.get_by_role("group", name="Kaart: initiatieven per provincie").get_by_role(
        "link", name=re.compile(r"^Zuid-Holland: \d+ initiatie")
    )
    count = int(re.search(r"(\d+)", area.get_attribute("aria-label")).group(1))
    area.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?.*provincie=zuid-holland"))
    expect(page.locator("#result-count")).to_have_text(
        f"{count} initiatie{'f' if count == 1 else 'ven'}"
    )
    artifacts.screenshot(page, "zoeken-vanuit-cijfers")
    axe_check(page)
    printed = print_to_pdf(page, artifacts, "zoekresultaat")
    assert "Thema: Ervaringsdeskundigheid" in printed and "Provincie: Zuid-Holland" in printed
    assert "Ervaringsdeskundigen met dementie en NAH in de klas bij mboRijnland" in printed

    # A gap in the matrix leads to an empty search, not an error.
    page.go_back()
    gap = page.locator(".gap-matrix .matrix__gap a").first
    gap.click()
    expect(page.locator("#result-count")).to_have_text("0 initiatieven")

    # Collections: the index, then a hand-picked one.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Collecties").click()
    expect(page.get_by_role("heading", name="Collecties", level=1)).to_be_visible()
    artifacts.screenshot(page, "collecties")
    axe_check(page)
    collection = demo["hand_picked"]
    page.get_by_role("link", name=collection.title).click()
    expect(page.get_by_role("heading", name=collection.title, level=1)).to_be_visible()
    expect(page.locator(".collection__total")).to_contain_text("3 initiatieven")
    expect(page.locator(".card__note").first).to_contain_text("Het grootste netwerk")
    artifacts.screenshot(page, "collectie")
    axe_check(page)

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download als CSV").click()
    text = csv_download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["sleutel"] for row in rows] == [
        "demo-noord-holland-leren-en-werken",
        "demo-friesland-roc-en-zorg",
        "demo-noord-brabant-roc-en-zorg",
    ]
    assert csv_download.value.suggested_filename.endswith(".csv")
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Download als Excel (XLSX)").click()
    sheet = load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes())).active
    assert [row[0] for row in list(sheet.iter_rows(values_only=True))[1:]] == [
        row["sleutel"] for row in rows
    ]

    printed = print_to_pdf(page, artifacts, "collectie")
    assert collection.title.replace("’", "'") in printed.replace("’", "'")
    assert "Noot van de redactie" in printed
    for row in rows:
        assert row["titel"][:30] in printed
    assert f"{live_server.url}/collecties/{collection.slug}/" in without_spaces(printed)
    assert "Download als CSV" not in printed

    # A number in the collection's summary leads to the search within the collection.
    page.locator(".collection__counts").get_by_role("link", name=re.compile("Fryslân")).click()
    expect(page.locator("#result-count")).to_have_text("1 initiatief")
    expect(page.get_by_role("link", name=re.compile("Filter weghalen: Collectie"))).to_be_visible()

    # The collection by selection and the API's page, briefly.
    page.goto(live_server.url + demo["by_selection"].url)
    expect(page.locator(".collection__kind")).to_have_text("Collectie op selectie")
    axe_check(page)
    page.goto(live_server.url + "/api/")
    expect(page.get_by_role("heading", name="Open data: de API van de Kennisbank")).to_be_visible()
    axe_check(page)

    # On a phone: nothing scrolls sideways; the matrices scroll inside their own region.
    phone_context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    phone = phone_context.new_page()
    for url, name in (("/in-cijfers/", "in-cijfers-390"), (collection.url, "collectie-390")):
        phone.goto(live_server.url + url)
        assert no_sideways_scrolling(phone), url
        artifacts.screenshot(phone, name)
        axe_check(phone)
    phone_context.close()
