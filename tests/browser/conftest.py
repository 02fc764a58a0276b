"""Fixtures for tests that drive the site in a real Chromium through Playwright.

The browser is Debian's Chromium (`apt-get install chromium`), never one Playwright downloads.
Without it, or without Playwright, the tests skip; with KENNISBANK_REQUIRE_SERVICES=1 (CI) they
fail instead. Screenshots and accessibility reports go to $KENNISBANK_ARTIFACTS, by default
`artifacts/browser/` in the checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips the test, or fails it in CI
    expect = None

# The marks of every browser test module (`pytestmark = BROWSER_TEST`). The live server answers
# in threads of its own, so the test runs in real transactions; serialized_rollback reloads what
# the migrations created (groups, workflows, vocabularies) after the flush of any earlier
# transactional test, and the `index` fixture builds the site tree again.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Generous: CI machines have two cores, and the editor's first page load compiles a lot of JS.
TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# The WCAG 2.x A and AA rules; only serious and critical violations fail a test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def no_sideways_scrolling(page) -> bool:
    """Whether the page fits the viewport's width (a wide table may scroll inside itself)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def services_required() -> bool:
    return os.environ.get("KENNISBANK_REQUIRE_SERVICES") == "1"


def _missing_requirement() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def artifacts_root() -> Path:
    configured = os.environ.get("KENNISBANK_ARTIFACTS")
    return Path(configured) if configured else settings.BASE_DIR / "artifacts" / "browser"


@pytest.fixture
def browser(monkeypatch):
    """A headless Chromium, started for one test.

    Playwright's synchronous API keeps an asyncio loop registered as running in this thread, so
    Django would refuse ORM calls from the test itself; the live server answers in threads of
    its own and is unaffected."""
    missing = _missing_requirement()
    if missing:
        if services_required():
            pytest.fail(f"{missing}, but KENNISBANK_REQUIRE_SERVICES=1")
        pytest.skip(missing)
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, settings, index):
    """The live server's address, with the site tree; links in e-mails point at it."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server.url


@pytest.fixture
def open_page(browser):
    """Opens a page in a context of its own at `viewport`, with JavaScript on or off."""
    contexts = []

    def open_one(viewport: dict, *, javascript: bool = True):
        context = browser.new_context(
            viewport=viewport, locale="nl-NL", java_script_enabled=javascript
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_one
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_call_failed] = report.failed
    return report


_call_failed = pytest.StashKey[bool]()


@pytest.fixture
def new_context(request, browser, artifacts):
    """Opens one browser context (own cookies, own session) per actor. When the test fails,
    each actor's last page is saved as a screenshot next to the step screenshots."""
    pages = []

    def open_context():
        context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        pages.append(context.new_page())
        return pages[-1]

    yield open_context
    failed = request.node.stash.get(_call_failed, False)
    for number, page in enumerate(pages, start=1):
        if failed:
            page.screenshot(path=artifacts.directory / f"failure-context-{number}.png")
        page.context.close()


class Artifacts:
    """Numbered full-page screenshots and the accessibility report of one test."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.step = 0
        self.scans: list[dict] = []

    def screenshot(self, page, name: str) -> Path:
        self.step += 1
        path = self.directory / f"{self.step:02d}-{name}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")
        return path

    def record_scan(self, url: str, violations: list[dict]) -> None:
        self.scans.append({"step": self.step, "url": url, "violations": violations})
        report = self.directory / "axe-report.json"
        report.write_text(json.dumps(self.scans, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def artifacts(request) -> Iterator[Artifacts]:
    name = re.sub(r"[^\w-]+", "-", request.node.name.removeprefix("test_")).strip("-")
    directory = artifacts_root() / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    yield Artifacts(directory)


def _describe(violation: dict) -> str:
    nodes = "\n".join(
        f"      {' '.join(map(str, node['target']))}: "
        + " ".join(node.get("failureSummary", "").split())
        for node in violation["nodes"][:5]
    )
    more = len(violation["nodes"]) - 5
    return (
        f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
        f" ({violation['helpUrl']})\n{nodes}" + (f"\n      ... and {more} more" if more > 0 else "")
    )


@pytest.fixture
def axe_check(artifacts):
    """Scans the page with axe-core (bundled with axe-playwright-python, nothing downloaded)
    for WCAG 2.x A/AA rules; fails on serious or critical violations and lists them."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, *, strict: bool = False) -> None:
        """`strict`: a violation of any impact fails, not only serious and critical ones."""
        results = axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
        )
        violations = results.response["violations"]
        artifacts.record_scan(page.url, violations)
        blocking = [v for v in violations if strict or v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            listing = "\n".join(_describe(violation) for violation in blocking)
            pytest.fail(f"accessibility violations on {page.url}:\n{listing}", pytrace=False)

    return check
