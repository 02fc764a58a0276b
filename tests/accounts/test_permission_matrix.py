"""Who may do what: every role against every action, done the way a person would do it.

`MATRIX` is the whole permission model in one table (README.md shows the same table). Each
cell is one test, `<role>-<action>`, that performs the action through HTTP against the real
editor (`/beheer/`) or public URLs and asserts what the person sees and what was stored: an
allowed action takes effect, a denied one is refused (a redirect to the login page or the
editor's dashboard, or a 403) and changes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Revision, Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from initiatieven.models import (
    CollectionIndexPage,
    CollectionPage,
    InitiativeIndexPage,
    InitiativePage,
    Organisation,
    Sector,
    StandardPage,
    Theme,
)
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from initiatieven.services.site_tree import ensure_site_tree
from search.models import SynonymGroup
from tests.factories import create_initiative, create_user, edit_form, initiative_form

pytestmark = pytest.mark.django_db

ALLOWED, DENIED = True, False

ROLES = ("visitor", "unverified", "bijdrager", "redacteur", "administrator")

# fmt: off
MATRIX: dict[str, tuple[bool, bool, bool, bool, bool]] = {
    # action                visitor  unverified  bijdrager  redacteur  administrator
    "view-draft":          (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "view-admin":          (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "create":              (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "create-other-types":  (DENIED,  DENIED,     DENIED,    DENIED,    ALLOWED),
    "edit-own":            (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "edit-others":         (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "submit":              (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "approve":             (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "publish":             (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "unpublish":           (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "move":                (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "delete":              (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "delete-own-draft":    (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "revert":              (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "edit-vocabularies":   (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "edit-synonyms":       (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "add-organisation":    (DENIED,  DENIED,     ALLOWED,   ALLOWED,   ALLOWED),
    "publish-organisation": (DENIED, DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "change-live-image":   (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "see-private-contact": (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "curate-collections":  (DENIED,  DENIED,     DENIED,    ALLOWED,   ALLOWED),
    "edit-settings":       (DENIED,  DENIED,     DENIED,    DENIED,    ALLOWED),
    "manage-users":        (DENIED,  DENIED,     DENIED,    DENIED,    ALLOWED),
    "view-public-history": (ALLOWED, ALLOWED,    ALLOWED,   ALLOWED,   ALLOWED),
    "see-emails":          (DENIED,  DENIED,     DENIED,    DENIED,    ALLOWED),
}
# fmt: on


def expected(action: str, role: str) -> bool:
    """Whether `role` may do `action`, according to the matrix."""
    return MATRIX[action][ROLES.index(role)]


# Anna is another Bijdrager, the author of the initiatives each role acts on. Her name is
# public; her e-mail address only an administrator may ever see.
OTHER_EMAIL = "anna.geheimadres@voorbeeld.nl"
FIRST_TEXT = "Eerste versie: buurtzorg met studenten."
LIVE_TEXT = "Gepubliceerde versie: buurtzorg met studenten en mantelzorgers."
DRAFT_TEXT = "Conceptversie die nog niemand mag lezen."
REVIEW_TEXT = "Voorgestelde wijziging die de redactie nog beoordeelt."
NEW_TEXT = "Nieuwe tekst van deze gebruiker."
PRIVATE_CONTACT = "contact.nietopenbaar@voorbeeld.nl"


def make_user(role: str):
    """The person in `role`; None for a visitor."""
    if role == "visitor":
        return None
    if role == "unverified":
        return create_user(verified=False)  # signed up, never clicked the confirmation link
    if role == "bijdrager":
        return create_user(groups=[CONTRIBUTOR_GROUP])
    if role == "redacteur":
        # Redacteuren are Bijdragers an administrator promoted.
        return create_user(groups=[CONTRIBUTOR_GROUP, MODERATOR_GROUP])
    return get_user_model().objects.create_superuser(
        "beheerder", "beheerder@voorbeeld.nl", "geheim-123"
    )


def build_cast() -> dict:
    """The site tree, a user per role, Anna and her initiatives; returns their primary keys.

    published: published twice (FIRST_TEXT, then LIVE_TEXT); in-review: published, with Anna's
    change (REVIEW_TEXT) submitted to the Redactie; draft: never published; own-<role>: a
    draft the role's user created (nobody's for a visitor).
    """
    index = ensure_site_tree()
    other = create_user(
        groups=[CONTRIBUTOR_GROUP],
        email=OTHER_EMAIL,
        username="anna",
        first_name="Anna",
        last_name="de Vries",
    )
    users = {role: make_user(role) for role in ROLES}
    pages = {}
    for name in ("published", "in-review"):
        page = create_initiative(index, owner=other, summary=FIRST_TEXT)
        page.summary = LIVE_TEXT
        page.save_revision(user=other).publish()  # as if a Redacteur approved it
        pages[name] = page
    page = pages["in-review"]
    page.summary = REVIEW_TEXT
    page.save_revision(user=other)
    page.get_workflow().start(page, other)
    pages["draft"] = create_initiative(index, publish=False, owner=other, summary=DRAFT_TEXT)
    pages["draft"].save_revision(user=other)
    for role, user in users.items():
        own = create_initiative(index, publish=False, owner=user, summary=DRAFT_TEXT)
        own.save_revision(user=user)
        pages[f"own-{role}"] = own
    return {
        "index": index.pk,
        "other": other.pk,
        "users": {role: user.pk if user else None for role, user in users.items()},
        "pages": {name: page.pk for name, page in pages.items()},
    }


@pytest.fixture(scope="module")
def cast(django_db_setup, django_db_blocker) -> dict:
    """Built once for the module in a transaction that is rolled back at its end; each test
    runs in a savepoint inside it (pytest-django's `db`), so tests still see fresh data."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ELASTICSEARCH_URL="",
        ),
        transaction.atomic(),
    ):
        yield build_cast()
        transaction.set_rollback(True)


@dataclass
class World:
    """One role's view of the cast: its logged-in client and user, Anna, the index and pages."""

    role: str
    client: Client
    user: object | None
    other: object
    index: InitiativeIndexPage
    page_ids: dict[str, int]

    def page(self, name: str) -> InitiativePage:
        """A fresh copy of the page called `name` ("own" is the role's own draft)."""
        key = f"own-{self.role}" if name == "own" else name
        return InitiativePage.objects.get(pk=self.page_ids[key])

    def public_text(self, page: Page) -> str:
        """The page as an anonymous reader gets it ("" if it is not served)."""
        response = Client().get(page.url)
        return response.content.decode() if response.status_code == 200 else ""


@pytest.fixture
def world(role: str, cast: dict, db, client) -> World:
    User = get_user_model()
    user_id = cast["users"][role]
    user = User.objects.get(pk=user_id) if user_id else None
    if user is not None:
        client.force_login(user)
    return World(
        role=role,
        client=client,
        user=user,
        other=User.objects.get(pk=cast["other"]),
        index=InitiativeIndexPage.objects.get(pk=cast["index"]),
        page_ids=cast["pages"],
    )


def refused(response) -> bool:
    """The editor turned the request away: to the login page, to its dashboard, or a 403."""
    if response.status_code == 403:
        return True
    if response.status_code != 302:
        return False
    location = response["Location"]
    return location.startswith(reverse("account_login")) or location == reverse("wagtailadmin_home")


def assert_refused(*responses) -> None:
    for response in responses:
        assert refused(response), (response.status_code, response.get("Location"))


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def try_other_routes(world: World, page: Page, action: str, **data) -> None:
    """Attempt a refused page action the other ways the editor offers: its JSON API and, but
    for a move, the bulk action screen. The caller asserts that nothing changed."""
    world.client.post(
        reverse("wagtailadmin_api:pages:action", args=(page.pk, action)),
        data,
        content_type="application/json",
    )
    if action != "move":
        bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        world.client.post(f"{bulk}?id={page.pk}")


CHECKS: dict[str, Callable[[World, bool], None]] = {}


def check(action: str):
    def register(function):
        CHECKS[action] = function
        return function

    return register


@check("view-draft")
def view_draft(world: World, allowed: bool) -> None:
    """GET the editor's view of Anna's unpublished draft; the public URL is a 404 for all."""
    draft = world.page("draft")
    response = world.client.get(reverse("wagtailadmin_pages:view_draft", args=(draft.pk,)))

    if allowed:
        assert response.status_code == 200
        assert DRAFT_TEXT in response.content.decode()
    else:
        assert_refused(response)
    assert world.client.get(draft.url).status_code == 404


@check("view-admin")
def view_admin(world: World, allowed: bool) -> None:
    """GET /beheer/: the dashboard, or a redirect to the login page."""
    response = world.client.get(reverse("wagtailadmin_home"))

    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@check("create")
def create(world: World, allowed: bool) -> None:
    """GET and POST the add form for an initiative under the index (save as draft)."""
    url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", world.index.pk))
    form = world.client.get(url)
    # A Bijdrager's slug follows the title; a Redacteur's is the one posted. Both agree here.
    response = world.client.post(
        url, initiative_form(title="Nieuw initiatief", slug="nieuw-initiatief")
    )

    created = InitiativePage.objects.filter(slug="nieuw-initiatief").first()
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert created.owner == world.user and not created.live
    else:
        assert_refused(form, response)
        assert created is None


@check("create-other-types")
def create_other_types(world: World, allowed: bool) -> None:
    """GET and POST the add form for a content page under the home page."""
    home = world.index.get_parent()
    url = reverse("wagtailadmin_pages:add", args=("initiatieven", "standardpage", home.pk))
    form = world.client.get(url)
    data = {"title": "Over ons", "slug": "over-ons", "intro": "", "body": rich_text("")}
    response = world.client.post(url, nested_form_data(data))

    created = StandardPage.objects.filter(slug="over-ons").exists()
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert created
    else:
        assert_refused(form, response)
        assert not created


@check("edit-own")
def edit_own(world: World, allowed: bool) -> None:
    """POST the edit form of the user's own draft with "save draft": a new revision or none."""
    page = world.page("own")
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count()

    response = world.client.post(edit_url(page), edit_form(page, summary=NEW_TEXT))

    if allowed:
        assert response.status_code == 302
        latest = world.page("own").get_latest_revision()
        assert latest.user == world.user and latest.content["summary"] == NEW_TEXT
    else:
        assert_refused(response)
        assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == before


@check("edit-others")
def edit_others(world: World, allowed: bool) -> None:
    """POST Anna's published initiative with "save draft": readers keep the published text."""
    page = world.page("published")

    response = world.client.post(edit_url(page), edit_form(page, summary=NEW_TEXT))

    latest = world.page("published").get_latest_revision()
    if allowed:
        assert response.status_code == 302
        assert latest.user == world.user and latest.content["summary"] == NEW_TEXT
    else:
        assert_refused(response)
        assert latest.user == world.other
    assert LIVE_TEXT in world.public_text(page)


@check("submit")
def submit(world: World, allowed: bool) -> None:
    """POST the edit form with "submit": the Redactie workflow starts, requested by the user."""
    page = world.page("published")

    response = world.client.post(
        edit_url(page), edit_form(page, summary=NEW_TEXT, **{"action-submit": "submit"})
    )

    state = world.page("published").current_workflow_state
    if allowed:
        assert response.status_code == 302
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == world.user
    else:
        assert_refused(response)
        assert state is None
    assert LIVE_TEXT in world.public_text(page)


@check("approve")
def approve(world: World, allowed: bool) -> None:
    """POST the workflow's approve action on Anna's change in review: published, or not."""
    page = world.page("in-review")
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))

    response = world.client.post(url, {"comment": ""})

    page = world.page("in-review")
    if allowed:
        assert response.status_code == 302
        assert page.current_workflow_state is None
        assert REVIEW_TEXT in world.public_text(page)
    else:
        assert_refused(response)
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        assert LIVE_TEXT in world.public_text(page)


@check("publish")
def publish(world: World, allowed: bool) -> None:
    """POST the edit form with "publish" (then, if refused, the API and bulk publish): readers
    see the new text only if allowed. A Bijdrager's publish is saved as a draft instead."""
    page = world.page("published")

    response = world.client.post(
        edit_url(page), edit_form(page, summary=NEW_TEXT, **{"action-publish": "publish"})
    )

    if not allowed:
        try_other_routes(world, page, "publish")
    page, text = world.page("published"), world.public_text(page)
    if allowed:
        assert response.status_code == 302
        assert NEW_TEXT in text and not page.has_unpublished_changes
        assert page.live_revision.user == world.user
    else:
        assert LIVE_TEXT in text and NEW_TEXT not in text
        assert page.live_revision.user == world.other
        if expected("edit-others", world.role):
            assert response.status_code == 302
            assert page.get_latest_revision().content["summary"] == NEW_TEXT
        else:
            assert_refused(response)


@check("unpublish")
def unpublish(world: World, allowed: bool) -> None:
    """POST the unpublish view (then, if refused, the API and bulk unpublish): the public page
    is gone (404) or stays."""
    page = world.page("published")

    response = world.client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    if not allowed:
        try_other_routes(world, page, "unpublish")

    if allowed:
        assert response.status_code == 302
        assert not world.page("published").live
        assert Client().get(page.url).status_code == 404
    else:
        assert_refused(response)
        assert world.page("published").live
        assert LIVE_TEXT in world.public_text(page)


@check("move")
def move(world: World, allowed: bool) -> None:
    """GET the move chooser and POST a move of the first initiative to the end of the index
    (then, if refused, the API's move)."""
    page = world.page("published")
    before = list(world.index.get_children().values_list("pk", flat=True))
    chooser = world.client.get(reverse("wagtailadmin_pages:move", args=(page.pk,)))
    confirm = reverse("wagtailadmin_pages:move_confirm", args=(page.pk, world.index.pk))

    response = world.client.post(confirm)
    if not allowed:
        try_other_routes(
            world, page, "move", destination_page_id=world.index.pk, position="last-child"
        )

    order = list(world.index.get_children().values_list("pk", flat=True))
    if allowed:
        assert chooser.status_code == 200 and response.status_code == 302
        assert order == [pk for pk in before if pk != page.pk] + [page.pk]
    else:
        assert_refused(chooser, response)
        assert order == before


@check("delete")
def delete(world: World, allowed: bool) -> None:
    """POST the delete view on Anna's published initiative (then, if refused, the API and bulk
    delete)."""
    page = world.page("published")

    response = world.client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    if not allowed:
        try_other_routes(world, page, "delete")

    exists = InitiativePage.objects.filter(pk=page.pk).exists()
    if allowed:
        assert response.status_code == 302 and not exists
        assert Client().get(page.url).status_code == 404
    else:
        assert_refused(response)
        assert exists and LIVE_TEXT in world.public_text(page)


@check("delete-own-draft")
def delete_own_draft(world: World, allowed: bool) -> None:
    """POST the delete view on a never-published draft the user created."""
    page = world.page("own")

    response = world.client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))

    exists = InitiativePage.objects.filter(pk=page.pk).exists()
    if allowed:
        assert response.status_code == 302 and not exists
    else:
        assert_refused(response)
        assert exists


@check("revert")
def revert(world: World, allowed: bool) -> None:
    """GET the first revision's revert view (`revisions_revert`), POST it with "publish": the
    rollback is saved as a new revision, and reaches readers only for those who may publish."""
    page = world.page("published")
    first = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk))
    form = world.client.get(url)

    response = world.client.post(
        url, edit_form(page, summary=FIRST_TEXT, **{"action-publish": "publish"})
    )

    latest = world.page("published").get_latest_revision()
    text = world.public_text(page)
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert latest.user == world.user and latest.content["summary"] == FIRST_TEXT
        live_text = FIRST_TEXT if expected("publish", world.role) else LIVE_TEXT
        assert live_text in text
    else:
        assert_refused(form, response)
        assert latest.user == world.other
        assert LIVE_TEXT in text


@check("edit-vocabularies")
def edit_vocabularies(world: World, allowed: bool) -> None:
    """POST a new label for a Sector (a fixed vocabulary) and POST a new Theme. Adding a
    Sector is refused to everyone: fixed values are neither added nor removed."""
    sector = Sector.objects.order_by("pk").first()
    edit = world.client.post(
        reverse("wagtailsnippets_initiatieven_sector:edit", args=(sector.pk,)),
        {"label": "Zorg en welzijn (hernoemd)", "sort_order": sector.sort_order},
    )
    add_theme = world.client.post(
        reverse("wagtailsnippets_initiatieven_theme:add"),
        {
            "label": "Nieuw thema",
            "slug": "nieuw-thema",
            "sort_order": 0,
            "description": rich_text(""),
        },
    )
    add_sector = world.client.get(reverse("wagtailsnippets_initiatieven_sector:add"))

    sector.refresh_from_db()
    theme_added = Theme.objects.filter(slug="nieuw-thema").exists()
    if allowed:
        assert edit.status_code == 302 and add_theme.status_code == 302
        assert sector.label == "Zorg en welzijn (hernoemd)" and theme_added
    else:
        assert_refused(edit, add_theme)
        assert sector.label != "Zorg en welzijn (hernoemd)" and not theme_added
    assert_refused(add_sector)


@check("edit-synonyms")
def edit_synonyms(world: World, allowed: bool) -> None:
    """GET the synonyms list, POST a new synonym group and POST a change to an existing one."""
    group = SynonymGroup.objects.create(terms="dementie, alzheimer")
    listing = world.client.get(reverse("wagtailsnippets_kennisbank_search_synonymgroup:list"))
    add = world.client.post(
        reverse("wagtailsnippets_kennisbank_search_synonymgroup:add"),
        {"terms": "mantelzorg, informele zorg"},
    )
    edit = world.client.post(
        reverse("wagtailsnippets_kennisbank_search_synonymgroup:edit", args=(group.pk,)),
        {"terms": "dementie, alzheimer, geheugenproblemen"},
    )

    group.refresh_from_db()
    added = SynonymGroup.objects.filter(terms="mantelzorg, informele zorg").exists()
    if allowed:
        assert listing.status_code == 200
        assert add.status_code == 302 and edit.status_code == 302
        assert added and "geheugenproblemen" in group.terms
    else:
        assert_refused(listing, add, edit)
        assert not added and group.terms == "dementie, alzheimer"


@check("add-organisation")
def add_organisation(world: World, allowed: bool) -> None:
    """POST a new organisation from the initiative form's picker. A Bijdrager's waits for
    review (not live); a Redacteur's is published at once."""
    response = world.client.post(
        reverse("kennisbank_organisation_create"), {"name": "Buurtteam Noord"}
    )

    created = Organisation.objects.filter(name="Buurtteam Noord").first()
    if allowed:
        assert response.status_code == 201
        assert created.live is world.user.has_perm("initiatieven.publish_organisation")
    else:
        assert_refused(response)
        assert created is None


@check("publish-organisation")
def publish_organisation(world: World, allowed: bool) -> None:
    """POST a changed website for an organisation with "publish": live at once, or at most a
    draft for review."""
    organisation = Organisation.objects.create(name="Zorggroep Oost", website="https://oost.nl/")
    response = world.client.post(
        reverse("wagtailsnippets_initiatieven_organisation:edit", args=(organisation.pk,)),
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "place": "",
            "website": "https://elders.example/",
            "action-publish": "publish",
        },
    )

    organisation.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert organisation.website == "https://elders.example/"
    else:
        assert response.status_code in {200, 302, 403}
        assert organisation.website == "https://oost.nl/"


@check("change-live-image")
def change_live_image(world: World, allowed: bool) -> None:
    """POST a new title for an image the user uploaded that Anna's published initiative
    shows (Wagtail lets uploaders edit their own images)."""
    image = get_image_model().objects.create(
        title="Foto", file=get_test_image_file(), uploaded_by_user=world.user
    )
    page = world.page("published")
    page.hero_image, page.hero_image_alt = image, "Een foto"
    page.save_revision().publish()
    response = world.client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Andere foto", "collection": image.collection_id, "tags": ""},
    )

    image.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert image.title == "Andere foto"
    else:
        assert_refused(response)
        assert image.title == "Foto"


@check("see-private-contact")
def see_private_contact(world: World, allowed: bool) -> None:
    """GET the edit form and the revision comparison of Anna's initiative whose contact
    address is not public. Her own contributors see it too (tests/security/test_editor.py)."""
    page = world.page("published")
    page.contact_email, page.contact_is_public = PRIVATE_CONTACT, False
    page.save_revision(user=world.other).publish()
    urls = [
        edit_url(page),
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, "earliest", "latest")),
    ]
    responses = [world.client.get(url) for url in urls]

    shown = [PRIVATE_CONTACT in response.content.decode() for response in responses]
    if allowed:
        assert all(shown)
    else:
        assert not any(shown)


@check("curate-collections")
def curate_collections(world: World, allowed: bool) -> None:
    """GET the add form of a collection, POST a published hand-picked collection, then GET and
    POST the edit form of an existing one."""
    parent = CollectionIndexPage.objects.get()
    existing = parent.add_child(
        instance=CollectionPage(title="Bestaande collectie", slug="bestaand", intro="<p>Oud</p>")
    )
    existing.save_revision().publish()
    url = reverse("wagtailadmin_pages:add", args=("initiatieven", "collectionpage", parent.pk))
    form = world.client.get(url)

    def data(title: str, slug: str, note: str) -> dict:
        return nested_form_data(
            {
                "title": title,
                "slug": slug,
                "intro": rich_text("Een keuze van de redactie."),
                "kind": "handmatig",
                "items": inline_formset([{"initiative": world.page("published").pk, "note": note}]),
                "selection": "",
                "selection_sort": "nieuw",
                "selection_limit": "",
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )

    response = world.client.post(url, data("Goede voorbeelden", "goede-voorbeelden", "Mooi"))
    edit = world.client.get(edit_url(existing))
    changed = world.client.post(edit_url(existing), data("Nieuwe titel", "bestaand", "Ook"))

    created = CollectionPage.objects.filter(slug="goede-voorbeelden").first()
    existing.refresh_from_db()
    if allowed:
        assert form.status_code == 200 and response.status_code == 302
        assert created.live and created.owner == world.user
        assert [(i.initiative_id, i.note) for i in created.items.all()] == [
            (world.page("published").pk, "Mooi")
        ]
        assert edit.status_code == 200 and changed.status_code == 302
        assert existing.title == "Nieuwe titel"
    else:
        assert_refused(form, response, edit, changed)
        assert created is None
        assert existing.title == "Bestaande collectie" and not existing.has_unpublished_changes


@check("edit-settings")
def edit_settings(world: World, allowed: bool) -> None:
    """GET the sites, workflows, redirects and collections screens; POST a new site name."""
    site = Site.objects.get(is_default_site=True)
    screens = [
        world.client.get(reverse(name))
        for name in (
            "wagtailsites:index",
            "wagtailadmin_workflows:index",
            "wagtailredirects:index",
            "wagtailadmin_collections:index",
        )
    ]
    response = world.client.post(
        reverse("wagtailsites:edit", args=(site.pk,)),
        {
            "hostname": site.hostname,
            "port": site.port,
            "site_name": "Andere naam",
            "root_page": site.root_page_id,
            "is_default_site": "on",
        },
    )

    site.refresh_from_db()
    if allowed:
        assert [screen.status_code for screen in screens] == [200] * len(screens)
        assert response.status_code == 302 and site.site_name == "Andere naam"
    else:
        assert_refused(*screens, response)
        assert site.site_name != "Andere naam"


@check("manage-users")
def manage_users(world: World, allowed: bool) -> None:
    """GET the users list and POST Anna's user form to make her a Redacteur."""
    other = world.other
    listing = world.client.get(reverse("wagtailusers_users:index"))
    response = world.client.post(
        reverse("wagtailusers_users:edit", args=(other.pk,)),
        {
            "username": other.username,
            "email": other.email,
            "first_name": other.first_name,
            "last_name": other.last_name,
            "is_active": "on",
            "groups": list(
                Group.objects.filter(name__in=[CONTRIBUTOR_GROUP, MODERATOR_GROUP]).values_list(
                    "pk", flat=True
                )
            ),
            "password1": "",
            "password2": "",
        },
    )

    promoted = other.groups.filter(name=MODERATOR_GROUP).exists()
    if allowed:
        assert listing.status_code == 200 and response.status_code == 302 and promoted
    else:
        assert_refused(listing, response)
        assert not promoted


@check("view-public-history")
def view_public_history(world: World, allowed: bool) -> None:
    """GET <initiative url>geschiedenis/: public, naming who made the published versions."""
    page = world.page("published")

    response = world.client.get(page.url + "geschiedenis/")

    if allowed:
        assert response.status_code == 200
        html = response.content.decode()
        assert page.title in html and "Anna de Vries" in html
    else:
        assert response.status_code in {302, 403, 404}


def pages_naming_people(world: World) -> list[str]:
    """The pages that may show who did what: the public initiative and its history; in the
    editor the dashboard, listings, edit views, page and workflow history, revisions, search,
    the admin API, reports and the users screens."""
    page, in_review = world.page("published"), world.page("in-review")
    first = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk").first()
    state = in_review.current_workflow_state
    pages = "wagtailadmin_pages"
    return [
        page.url,
        page.url + "geschiedenis/",
        world.index.url,
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=(world.index.pk,)),
        edit_url(page),
        edit_url(in_review),
        reverse(f"{pages}:history", args=(page.pk,)),
        reverse(f"{pages}:history", args=(in_review.pk,)),
        reverse(f"{pages}:revisions_view", args=(page.pk, first.pk)),
        reverse(f"{pages}:revisions_revert", args=(page.pk, first.pk)),
        reverse(f"{pages}:revisions_compare", args=(in_review.pk, "earliest", "latest")),
        reverse(f"{pages}:workflow_history", args=(in_review.pk,)),
        reverse(f"{pages}:workflow_history_detail", args=(in_review.pk, state.pk)),
        reverse(f"{pages}:view_draft", args=(in_review.pk,)),
        reverse(f"{pages}:search") + "?q=buurtzorg",
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={world.index.pk}",
        reverse("wagtailadmin_api:pages:detail", args=(in_review.pk,)),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:edit", args=(world.other.pk,)),
    ]


@check("see-emails")
def see_emails(world: World, allowed: bool) -> None:
    """GET every page in `pages_naming_people` (refused ones show nothing) and look for Anna's
    e-mail address. Her name is public: it must show on the public history and, for those
    who may use the editor, in the page history there."""
    shown, named = [], []
    for url in pages_naming_people(world):
        response = world.client.get(url)
        assert response.status_code in {200, 302, 403}, url
        html = response.content.decode() if response.status_code == 200 else ""
        if OTHER_EMAIL in html:
            shown.append(url)
        if "Anna de Vries" in html:
            named.append(url)

    assert (shown != []) is allowed, shown
    history = reverse("wagtailadmin_pages:history", args=(world.page("in-review").pk,))
    assert world.page("published").url + "geschiedenis/" in named
    assert (history in named) is expected("view-admin", world.role)


def test_every_action_has_a_check():
    assert set(CHECKS) == set(MATRIX)


def test_readme_shows_this_matrix():
    """README.md's table (readable labels, ✓ and ✗) has the same cells, row for row."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lines = readme[readme.index("| action | visitor |") :].splitlines()[2:]
    rows = itertools.takewhile(lambda line: line.startswith("|"), lines)
    grid = [tuple(cell.strip() == "✓" for cell in row.strip("|").split("|")[1:]) for row in rows]
    assert grid == list(MATRIX.values())


@pytest.mark.parametrize(
    ("role", "action"),
    [(role, action) for action in MATRIX for role in ROLES],
    ids=[f"{role}-{action}" for action in MATRIX for role in ROLES],
)
def test_permission(world: World, role: str, action: str) -> None:
    CHECKS[action](world, expected(action, role))
