"""The Content-Security-Policy holds on every kind of page, in a real Chromium: each page type of
the public site, the account pages and the editor's views, each loaded (and where it matters,
used at a person's pace) by the user who would see it, fails the test on any violation.

A violation is seen three ways: the page's own `securitypolicyviolation` event (an init script
logs it to the console), Chromium's console message about a refused resource, and the report
the browser sends to our report view (logger `kennisbank.csp`)."""

from __future__ import annotations

import io
import logging
import re
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from initiatieven.models import (
    CollectionIndexPage,
    CollectionPage,
    InitiativePage,
    Organisation,
    Province,
    Theme,
)
from initiatieven.models.collections import CollectionKind
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from initiatieven.services.site_tree import ensure_site_tree
from tests.browser.conftest import BROWSER_TEST, expect
from tests.browser.test_contribution_flow import (
    expect_admin_message,
    rich_text_editor,
    run_action,
)
from tests.factories import USER_PASSWORD, create_initiative, create_user

pytestmark = BROWSER_TEST

TYPING_DELAY_MS = 120
AUTOSAVE_PAUSE_S = 4
VIOLATION_MARK = "CSP-VIOLATION"
WATCH_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP-VIOLATION ' + JSON.stringify({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
        page: event.documentURI,
    }));
});
"""


class ViolationWatch:
    """Collects every sign of a CSP violation in the browser contexts it watches."""

    def __init__(self):
        self.seen: list[str] = []

    def watch(self, page):
        page.context.add_init_script(WATCH_VIOLATIONS)
        page.context.on("console", self._on_console)
        return page

    def _on_console(self, message) -> None:
        text = message.text
        if VIOLATION_MARK in text or "Content Security Policy" in text:
            self.seen.append(text)

    def assert_none(self, where: str) -> None:
        seen, self.seen = self.seen, []
        assert seen == [], f"CSP violations on {where}:\n" + "\n".join(seen)


@pytest.fixture
def violations():
    return ViolationWatch()


@pytest.fixture
def reports(caplog):
    """The reports that reached our report view (the live server runs in this process)."""
    caplog.set_level(logging.WARNING, logger="kennisbank.csp")

    def arrived() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "kennisbank.csp"]

    return arrived


def png_bytes(color: str = "teal") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def cast(db):
    """Pages of every type, an image, a document, a Bijdrager and a Redacteur."""
    index = ensure_site_tree()
    image = get_image_model().objects.create(
        title="Wijkverpleging", file=ImageFile(io.BytesIO(png_bytes()), name="wijk.png")
    )
    get_document_model().objects.create(
        title="Verslag", file=ContentFile(b"Een verslag.\n", name="verslag.txt")
    )
    Organisation.objects.create(name="mboRijnland", place="Leiden")
    initiative = create_initiative(
        index, title="Gastlessen over dementie", themes=["ervaringsdeskundigheid"]
    )
    create_initiative(index, title="Leren in de wijkzorg", themes=["leren-en-werken"])
    collection = CollectionIndexPage.objects.get().add_child(
        instance=CollectionPage(
            title="Alles over ervaring",
            slug="alles-over-ervaring",
            intro="<p>Volgt een zoekopdracht.</p>",
            kind=CollectionKind.SELECTION,
            selection="thema=ervaringsdeskundigheid",
            image=image,
            image_alt="Een wijkverpleegkundige op de fiets.",
        )
    )
    collection.save_revision().publish()
    return {
        "index": index,
        "initiative": initiative,
        "collection": collection,
        "image": image,
        "bea": create_user(groups=[CONTRIBUTOR_GROUP], email="bea@example.org", first_name="Bea"),
        "rita": create_user(groups=[MODERATOR_GROUP], email="rita@example.org", first_name="Rita"),
    }


def visit(page, violations, url: str, *, heading: str | re.Pattern | None = None) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if heading is not None:
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    violations.assert_none(url)


def log_in(page, site: str, email: str) -> None:
    page.goto(f"{site}{reverse('account_login')}")
    page.get_by_label("E-mailadres of gebruikersnaam").type(email, delay=40)
    page.get_by_label("Wachtwoord", exact=True).type(USER_PASSWORD, delay=40)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn profiel", level=1).wait_for()


def test_the_watch_sees_a_violation_and_the_report_arrives(
    live_server, new_context, violations, reports, cast
):
    """The check itself: an inline script without the nonce is refused, seen and reported."""
    page = violations.watch(new_context())
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    assert page.evaluate("() => window.injected === undefined")
    with pytest.raises(AssertionError, match="script-src"):
        violations.assert_none("the home page")
    deadline = time.monotonic() + 10
    while not reports() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert any("script-src" in report for report in reports()), reports()


def test_public_pages_and_account_pages(live_server, new_context, violations, reports, cast):
    site = live_server.url
    page = violations.watch(new_context())
    theme = Theme.objects.get(slug="ervaringsdeskundigheid")
    province = Province.objects.get(slug="zuid-holland")

    visit(page, violations, f"{site}/")
    visit(page, violations, site + cast["initiative"].url, heading="Gastlessen over dementie")
    visit(page, violations, f"{site}/zoeken/?q=dementie&thema={theme.slug}&provincie=zuid-holland")
    # Filters used as a person does: a facet ticked, the list updates.
    visit(page, violations, f"{site}/zoeken/")
    page.locator("input[type=checkbox][data-auto-apply]").first.check()
    page.wait_for_load_state("networkidle")
    violations.assert_none("the search page after choosing a filter")
    visit(page, violations, site + CollectionIndexPage.objects.get().url)
    visit(page, violations, site + cast["collection"].url, heading="Alles over ervaring")
    visit(page, violations, f"{site}{reverse('overview')}")
    visit(page, violations, f"{site}{reverse('theme_list')}")
    visit(page, violations, f"{site}{reverse('theme_detail', args=[theme.slug])}")
    visit(page, violations, f"{site}{reverse('province_list')}")
    visit(page, violations, f"{site}{reverse('province_detail', args=[province.slug])}")
    visit(page, violations, f"{site}{reverse('api_docs')}")
    visit(page, violations, f"{site}/bestaat-niet/")
    visit(page, violations, f"{site}{reverse('account_signup')}", heading="Aanmelden")
    visit(page, violations, f"{site}{reverse('account_reset_password')}")
    page.locator("main input[type=email]").type("iemand@example.org", delay=40)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    violations.assert_none("the password reset, sent")
    log_in(page, site, "bea@example.org")
    violations.assert_none("the login page and the profile")
    visit(page, violations, f"{site}{reverse('accounts_profile')}")
    # A logged-in editor sees Wagtail's user bar on the public pages.
    visit(page, violations, site + cast["initiative"].url)
    assert reports() == []


def test_editor_views_as_bijdrager_and_redacteur(
    live_server, settings, new_context, violations, reports, cast, artifacts
):
    site = live_server.url
    settings.WAGTAILADMIN_BASE_URL = site
    initiative = cast["initiative"]
    bea = violations.watch(new_context())
    log_in(bea, site, "bea@example.org")

    visit(bea, violations, f"{site}/beheer/")
    visit(bea, violations, f"{site}/beheer/pages/{cast['index'].pk}/")

    # The edit form, used at a person's pace: text, rich text, the organisation picker, the
    # image chooser, the editor's autosave, the preview.
    visit(bea, violations, f"{site}/beheer/pages/{initiative.pk}/edit/")
    summary = bea.get_by_role("textbox", name="Samenvatting", exact=True)
    summary.fill("")
    summary.type("Studenten geven gastlessen over dementie.", delay=TYPING_DELAY_MS)
    rich_text_editor(bea, "approach").click()
    bea.keyboard.press("End")
    bea.keyboard.type(" Ook in de avond.", delay=TYPING_DELAY_MS)
    # A link on the last word, through the rich text editor's page chooser.
    bea.keyboard.press("ArrowLeft")
    for _ in range(5):
        bea.keyboard.press("Shift+ArrowLeft")
    bea.keyboard.press("Control+k")
    link_chooser = bea.locator(".modal-content")
    link_chooser.get_by_text("Interne link").wait_for()
    link_chooser.locator("input[name=q]").type("wijkzorg", delay=TYPING_DELAY_MS)
    link_chooser.get_by_role("link", name="Leren in de wijkzorg").click()
    expect(link_chooser).to_be_hidden()
    expect(
        rich_text_editor(bea, "approach").locator("a, [data-draftail-trigger]").first
    ).to_be_visible()
    bea.get_by_role("tab", name=re.compile("Kenmerken")).click()
    picker = bea.get_by_role("combobox", name="Organisaties")
    picker.type("rijn", delay=TYPING_DELAY_MS)
    bea.get_by_role("option", name=re.compile("mboRijnland")).click()
    expect(bea.locator(".kb-picker__chosen")).to_contain_text("mboRijnland")
    time.sleep(AUTOSAVE_PAUSE_S)
    violations.assert_none("the edit form while typing")

    bea.get_by_role("tab", name=re.compile("Inhoud")).click()
    bea.get_by_role("button", name=re.compile("Kies een afbeelding")).first.click()
    chooser = bea.locator(".modal-content")
    expect(chooser.get_by_text("Wijkverpleging").first).to_be_visible()
    artifacts.screenshot(bea, "afbeelding-kiezen")
    chooser.get_by_label("Zoekterm").type("wijk", delay=TYPING_DELAY_MS)
    chooser.get_by_role("link", name=re.compile("Wijkverpleging")).first.click()
    expect(chooser).to_be_hidden()
    bea.locator("#id_hero_image_alt").type("Een wijkverpleegkundige.", delay=TYPING_DELAY_MS)
    # A document block in the StreamField, and its document chooser.
    bea.locator('[data-contentpath="body"] .c-sf-add-button').first.click()
    bea.get_by_role("option", name="Document").click()
    bea.locator('[data-contentpath="body"]').get_by_role(
        "button", name=re.compile("Kies een document")
    ).click()
    chooser = bea.locator(".modal-content")
    expect(chooser.get_by_label("Zoekterm")).to_be_visible()
    bea.locator(".modal").get_by_role("button", name="Sluit", exact=True).click()
    expect(chooser).to_be_hidden()
    bea.locator('[data-contentpath="body"]').get_by_role("button", name="Verwijderen").click()
    artifacts.screenshot(bea, "bewerkformulier")
    violations.assert_none("the image chooser")

    bea.get_by_role("button", name="Toon/verberg voorvertoning").click()
    preview = bea.frame_locator("iframe[title]").first
    expect(preview.get_by_role("heading", level=1)).to_contain_text("Gastlessen over dementie")
    time.sleep(AUTOSAVE_PAUSE_S)
    artifacts.screenshot(bea, "voorbeeld")
    violations.assert_none("the preview")
    # Wagtail's accessibility checks run axe-core on the preview.
    bea.get_by_role("button", name="Checks aan/uitzetten").click()
    expect(bea.locator("[data-side-panel='checks']")).to_be_visible()
    time.sleep(AUTOSAVE_PAUSE_S)
    artifacts.screenshot(bea, "checks")
    violations.assert_none("the accessibility checks")

    run_action(bea, "Stuur door naar Redactie")
    expect_admin_message(bea, "ter goedkeuring ingediend")
    violations.assert_none("submitting for review")

    rita = violations.watch(new_context())
    log_in(rita, site, "rita@example.org")
    visit(rita, violations, f"{site}/beheer/")
    awaiting = rita.get_by_role("region", name="In afwachting van jouw beoordeling")
    expect(awaiting).to_contain_text("Gastlessen over dementie")
    visit(rita, violations, f"{site}/beheer/snippets/initiatieven/organisation/")
    organisation = Organisation.objects.get(name="mboRijnland")
    visit(
        rita,
        violations,
        f"{site}/beheer/snippets/initiatieven/organisation/edit/{organisation.pk}/",
    )
    visit(rita, violations, f"{site}/beheer/images/")
    visit(rita, violations, f"{site}/beheer/images/{cast['image'].pk}/")
    visit(rita, violations, f"{site}/beheer/documents/")
    visit(rita, violations, f"{site}/beheer/pages/{initiative.pk}/history/")
    revisions = list(
        Revision.page_revisions.filter(object_id=str(initiative.pk)).order_by("created_at")
    )
    visit(
        rita,
        violations,
        f"{site}/beheer/pages/{initiative.pk}/revisions/compare/"
        f"{revisions[0].pk}...{revisions[-1].pk}/",
    )
    visit(rita, violations, f"{site}/beheer/pages/{initiative.pk}/edit/")
    run_action(rita, "Goedkeuren en publiceren")
    expect_admin_message(rita, "is gewijzigd")
    violations.assert_none("approving in the workflow")
    # A collection: an initiative added in the inline panel with the page chooser, and the
    # publishing schedule's date picker.
    visit(rita, violations, f"{site}/beheer/pages/{cast['collection'].pk}/edit/")
    rita.locator("#id_items-ADD").click()
    rita.get_by_role("button", name="Kies een pagina").last.click()
    chooser = rita.locator(".modal-content")
    chooser.get_by_label("Zoekterm").type("dementie", delay=TYPING_DELAY_MS)
    chooser.get_by_role("link", name="Gastlessen over dementie").click()
    expect(chooser).to_be_hidden()
    expect(rita.locator("#id_items-0-initiative")).to_have_value(str(initiative.pk))
    rita.get_by_role("button", name="Toon/verberg status").click()
    rita.get_by_role("button", name="Stel schema in").click()
    rita.locator("#id_go_live_at").click()
    expect(rita.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    artifacts.screenshot(rita, "datumkiezer")
    violations.assert_none("the collection editor")

    initiative = InitiativePage.objects.get(pk=initiative.pk)
    assert initiative.hero_image_id == cast["image"].pk
    assert reports() == []
