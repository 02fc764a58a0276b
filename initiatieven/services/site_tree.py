"""The page tree every Kennisbank site needs: a home page with the initiatives index, which
carries the contributors' and moderators' page permissions and the Redactie workflow."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Site

from initiatieven.models import CollectionIndexPage, HomePage, InitiativeIndexPage
from initiatieven.roles import ensure_roles

HOME_TITLE = "Kennisbank vernieuwing zorg en zorgonderwijs"
INDEX_TITLE = "Initiatieven"
INDEX_SLUG = "initiatieven"
COLLECTIONS_TITLE = "Collecties"
COLLECTIONS_SLUG = "collecties"


@transaction.atomic
def ensure_site_tree() -> InitiativeIndexPage:
    """Create (once) the home page as the default site's root, and under it the initiatives
    index and the index of curated collections.

    Returns the initiatives index. Existing pages are reused, never duplicated. The roles and
    the moderation workflow are attached to the indexes (`initiatieven.roles`).
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLE,
                slug="home-kennisbank",
                intro=(
                    "<p>Praktijkvoorbeelden van vernieuwing in zorg en zorgonderwijs, "
                    "gestructureerd, doorzoekbaar en vergelijkbaar.</p>"
                ),
            )
        )
        home.save_revision().publish()
    _make_default_site_root(home)

    index = InitiativeIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=InitiativeIndexPage(
                title=INDEX_TITLE,
                slug=INDEX_SLUG,
                intro="<p>Alle gepubliceerde initiatieven, de nieuwste eerst.</p>",
            )
        )
        index.save_revision().publish()
    if not CollectionIndexPage.objects.exists():
        collections = home.add_child(
            instance=CollectionIndexPage(
                title=COLLECTIONS_TITLE,
                slug=COLLECTIONS_SLUG,
                intro=(
                    "<p>Initiatieven die de redactie bij elkaar zette: rond een thema, een "
                    "vraag of een regio.</p>"
                ),
            )
        )
        collections.save_revision().publish()
    ensure_roles()
    return index


def _make_default_site_root(home: HomePage) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Kennisbank",
        )
        return
    if site.root_page_id != home.pk:
        welcome = site.root_page.specific
        site.root_page = home
        site.site_name = site.site_name or "Kennisbank"
        site.save()
        # Wagtail's placeholder "Welcome to your new Wagtail site!" page has no place here.
        if type(welcome) is Page and not welcome.get_children().exists():
            welcome.delete()
