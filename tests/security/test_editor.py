"""Issue 12, the editor: Bijdragers' changes to shared organisations and images go through
review, a contact address that is not public stays hidden from other Bijdragers, and tampered or
odd requests to the editor get a clear message instead of a server error."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import rich_text

from initiatieven.models import InitiativePage, Organisation
from initiatieven.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from initiatieven.services.exporting import initiative_rows, public_initiative_rows
from search.documents import document_for, documents_for
from tests.factories import create_initiative, create_user, edit_form, initiative_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(index):
    return create_user(groups=[CONTRIBUTOR_GROUP])


@pytest.fixture
def moderator(index):
    return create_user(groups=[MODERATOR_GROUP])


@pytest.fixture
def contributor_client(contributor):
    client = Client()
    client.force_login(contributor)
    return client


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


# Finding 10: searching organisations in the editor.


@pytest.mark.parametrize("query", ["zorg", "Leiden", '"', "a OR b"])
def test_organisation_listing_searches_name_and_place(moderator_client, query):
    Organisation.objects.create(name="Zorggroep Rijnmond", place="Leiden")
    url = reverse("wagtailsnippets_initiatieven_organisation:list")
    response = moderator_client.get(url, {"q": query})
    assert response.status_code == 200


def test_organisation_listing_finds_by_place(moderator_client):
    Organisation.objects.create(name="Zorggroep Rijnmond", place="Leiden")
    Organisation.objects.create(name="Thuiszorg Oost", place="Enschede")
    url = reverse("wagtailsnippets_initiatieven_organisation:list")
    response = moderator_client.get(url, {"q": "Leiden"})
    assert "Zorggroep Rijnmond" in response.content.decode()
    assert "Thuiszorg Oost" not in response.content.decode()


# Finding 2: organisations are shared by many initiatives; a Bijdrager's change is reviewed.

PHISHING = "https://inloggen-zorgportaal.example/"


def organisation_form(organisation: Organisation, **fields) -> dict:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "place": organisation.place,
        "website": organisation.website,
        **fields,
    }


@pytest.fixture
def organisation(index):
    organisation = Organisation.objects.create(
        name="Zorggroep Rijnmond", place="Leiden", website="https://zorggroep.example/"
    )
    page = create_initiative(index)
    page.organisations.set([organisation])
    page.save_revision().publish()
    return organisation


def public_texts(client, organisation: Organisation) -> list[str]:
    """What visitors get: every published initiative of the organisation and its API data."""
    texts = []
    for page in InitiativePage.objects.live().filter(organisations=organisation):
        texts.append(client.get(page.url).content.decode())
        texts.append(client.get(f"/api/v2/initiatieven/{page.pk}/").content.decode())
    return texts


def found_by_search(page, words: str) -> bool:
    """Whether the editor's search backend (the database engine) finds `page` by `words`."""
    return page.pk in [found.pk for found in InitiativePage.objects.live().search(words)]


def edit_organisation_url(organisation: Organisation) -> str:
    return reverse("wagtailsnippets_initiatieven_organisation:edit", args=(organisation.pk,))


def test_a_bijdragers_change_to_an_organisation_waits_for_review(
    contributor_client, moderator_client, organisation, client
):
    response = contributor_client.post(
        edit_organisation_url(organisation),
        {**organisation_form(organisation, website=PHISHING), "action-submit": "submit"},
    )
    assert response.status_code == 302

    organisation.refresh_from_db()
    assert organisation.website == "https://zorggroep.example/"
    assert organisation.has_unpublished_changes
    assert organisation.workflow_in_progress
    assert not any(PHISHING in text for text in public_texts(client, organisation))

    # The Redacteur approves it from the workflow; then it is public.
    state = organisation.current_workflow_state
    task_state = state.current_task_state
    response = moderator_client.post(
        reverse(
            "wagtailsnippets_initiatieven_organisation:workflow_action",
            args=(organisation.pk, "approve", task_state.pk),
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    organisation.refresh_from_db()
    assert organisation.website == PHISHING
    assert all(PHISHING in text for text in public_texts(client, organisation))


def test_a_bijdrager_cannot_publish_an_organisation(contributor_client, organisation):
    contributor_client.post(
        edit_organisation_url(organisation),
        {**organisation_form(organisation, website=PHISHING), "action-publish": "publish"},
    )
    organisation.refresh_from_db()
    assert organisation.website == "https://zorggroep.example/"


def test_a_new_organisation_from_the_picker_is_reviewed_before_it_is_public(
    contributor_client, moderator, index, client, mailoutbox
):
    response = contributor_client.post(
        reverse("kennisbank_organisation_create"), {"name": "Phishing Zorgportaal"}
    )
    assert response.status_code == 201
    new = Organisation.objects.get(pk=response.json()["id"])
    assert not new.live
    # It waits on the Redacteuren's dashboard, in the Redactie workflow.
    assert new.workflow_in_progress
    assert new.current_workflow_task.groups.filter(name=MODERATOR_GROUP).exists()
    assert any(moderator.email in message.to for message in mailoutbox)
    dashboard = Client()
    dashboard.force_login(moderator)
    assert "Phishing Zorgportaal" in dashboard.get(reverse("wagtailadmin_home")).content.decode()

    # Even when an initiative naming it is published, visitors do not see it yet.
    page = create_initiative(index)
    page.organisations.set([new])
    page.save_revision().publish()
    assert not any("Phishing Zorgportaal" in text for text in public_texts(client, new))

    # The Redacteur reviewing the initiative sees that the organisation needs review too.
    moderator_client = Client()
    moderator_client.force_login(moderator)
    form = moderator_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert "Phishing Zorgportaal (wacht op beoordeling)" in form.content.decode()

    assert "Phishing Zorgportaal" not in document_for(InitiativePage.objects.get(pk=page.pk)).extra
    assert "Phishing Zorgportaal" not in documents_for([page])[0].extra
    assert public_initiative_rows(page_ids=[page.pk]).__next__()["organisaties"] == ""
    # The editors' full export keeps it, so that importing that file does not drop it.
    assert initiative_rows()[-1]["organisaties"] == "Phishing Zorgportaal"

    assert not found_by_search(page, "zorgportaal")

    new.save_revision(user=moderator).publish(user=moderator)
    assert all("Phishing Zorgportaal" in text for text in public_texts(client, new))
    assert found_by_search(page, "zorgportaal")
    assert "Phishing Zorgportaal" in document_for(InitiativePage.objects.get(pk=page.pk)).extra
    assert public_initiative_rows(page_ids=[page.pk]).__next__()["organisaties"] == (
        "Phishing Zorgportaal"
    )


def test_a_bijdrager_adds_an_organisation_in_its_own_form_for_review(contributor_client):
    url = reverse("wagtailsnippets_initiatieven_organisation:add")
    assert contributor_client.get(url).status_code == 200
    response = contributor_client.post(
        url,
        {
            "name": "Zorgportaal Noord",
            "kind": Organisation.Kind.CARE,
            "place": "Groningen",
            "website": PHISHING,
            "action-submit": "submit",
        },
    )
    assert response.status_code == 302
    new = Organisation.objects.get(name="Zorgportaal Noord")
    assert not new.live and new.workflow_in_progress


def test_a_redacteurs_new_organisation_is_published_at_once(moderator_client):
    response = moderator_client.post(
        reverse("kennisbank_organisation_create"), {"name": "Buurtteam Oost"}
    )
    assert response.status_code == 201
    assert Organisation.objects.get(pk=response.json()["id"]).live


# Finding 2, images: a Bijdrager may not replace the file of an image a live page shows.


@pytest.fixture
def own_image(contributor):
    return get_image_model().objects.create(
        title="Koken met bewoners", file=get_test_image_file(), uploaded_by_user=contributor
    )


def replace_file(client, image):
    return client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": image.title,
            "file": SimpleUploadedFile(
                "phishing.png", get_test_image_file(colour="red").file.getvalue()
            ),
            "collection": image.collection_id,
            "tags": "",
        },
    )


def test_a_bijdrager_may_replace_their_image_while_no_live_page_shows_it(
    contributor_client, own_image
):
    response = replace_file(contributor_client, own_image)
    assert response.status_code == 302
    own_image.refresh_from_db()
    assert "phishing" in own_image.file.name


def test_a_bijdrager_may_not_change_an_image_a_live_page_shows(
    contributor_client, moderator_client, own_image, index
):
    create_initiative(index, hero_image=own_image, hero_image_alt="Bewoners koken")
    original = own_image.file.name

    response = replace_file(contributor_client, own_image)
    assert response.status_code in (302, 403)
    own_image.refresh_from_db()
    assert own_image.file.name == original

    edit = contributor_client.get(reverse("wagtailimages:edit", args=(own_image.pk,)))
    assert edit.status_code in (302, 403)
    response = contributor_client.post(reverse("wagtailimages:delete", args=(own_image.pk,)))
    assert get_image_model().objects.filter(pk=own_image.pk).exists()
    listing = contributor_client.get(reverse("wagtailimages:index"))
    assert reverse("wagtailimages:edit", args=(own_image.pk,)) not in listing.content.decode()

    # Nor through the multiple-upload screen's forms or the bulk actions.
    contributor_client.post(
        reverse("wagtailimages:edit_multiple", args=(own_image.pk,)),
        {f"image-{own_image.pk}-title": "Andere titel", f"image-{own_image.pk}-tags": ""},
    )
    contributor_client.post(reverse("wagtailimages:delete_multiple", args=(own_image.pk,)))
    bulk = reverse("wagtail_bulk_action", args=("wagtailimages", "image", "delete"))
    contributor_client.post(f"{bulk}?id={own_image.pk}")
    own_image.refresh_from_db()
    assert own_image.title == "Koken met bewoners"

    # A Redacteur still maintains it.
    response = replace_file(moderator_client, own_image)
    assert response.status_code == 302
    own_image.refresh_from_db()
    assert "phishing" in own_image.file.name


# Finding 5: a contact address that is not public, in the editor.

SECRET_PLAIN = "anna.prive@voorbeeld.nl"


@pytest.fixture
def anna(index):
    return create_user(groups=[CONTRIBUTOR_GROUP], first_name="Anna", last_name="de Vries")


@pytest.fixture
def private_contact(index, anna):
    """Anna's published initiative with a contact address she did not make public, changed
    once (so there are revisions to compare)."""
    page = create_initiative(
        index, owner=anna, contact_name="Piet", contact_email="oud-adres-piet@voorbeeld.nl"
    )
    page.contact_email = SECRET_PLAIN
    page.save_revision(user=anna).publish()
    return page


def shows_address(html: str, address: str) -> bool:
    """Whether `html` holds `address`, also as the public page obfuscates it (reversed)."""
    user = address.partition("@")[0]
    return address in html or user[::-1] in html


def edit_page_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def compare_url(page) -> str:
    return reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, "earliest", "latest"))


def editor_views_html(client, page) -> str:
    """What the editor shows of `page`: the edit form, the revision comparison and history."""
    html = ""
    for url in (
        edit_page_url(page),
        compare_url(page),
        reverse("wagtailadmin_pages:history", args=(page.pk,)),
        reverse("wagtailadmin_pages:revisions_view", args=(page.pk, page.latest_revision_id)),
        reverse("wagtailadmin_pages:view_draft", args=(page.pk,)),
        reverse("wagtailadmin_api:pages:detail", args=(page.pk,)),
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={page.get_parent().pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html += response.content.decode()
    return html


def test_another_bijdrager_does_not_see_a_private_contact_address(
    contributor_client, private_contact
):
    html = editor_views_html(contributor_client, private_contact)
    assert not shows_address(html, SECRET_PLAIN)
    assert not shows_address(html, "oud-adres-piet@voorbeeld.nl")
    assert "e-mailadres van de contactpersoon opgeslagen dat niet op de site" in html


@pytest.mark.parametrize("who", ["moderator", "anna"])
def test_redacteuren_and_the_pages_contributors_see_it(request, who, private_contact):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    html = editor_views_html(client, private_contact)
    assert SECRET_PLAIN in html


def test_a_draft_or_autosave_does_not_make_a_bijdrager_a_contributor(
    contributor, contributor_client, private_contact, moderator
):
    page = InitiativePage.objects.get(pk=private_contact.pk)
    page.summary = "Een kleine verbetering."
    page.save_revision(user=contributor)
    assert not shows_address(editor_views_html(contributor_client, page), SECRET_PLAIN)

    # Once a Redacteur published their version, they are one of its contributors.
    page.get_latest_revision().publish(user=moderator)
    assert shows_address(editor_views_html(contributor_client, page), SECRET_PLAIN)


def test_saving_without_seeing_the_address_keeps_it_private_and_unchanged(
    contributor_client, private_contact
):
    # Also when the form is tampered with: the address and the public box are not its fields.
    data = edit_form(private_contact, summary="Nieuwe samenvatting.", contact_name="Piet")
    data.update(contact_email="ander@voorbeeld.nl", contact_is_public="on")
    response = contributor_client.post(edit_page_url(private_contact), data)
    assert response.status_code == 302

    latest = InitiativePage.objects.get(pk=private_contact.pk).get_latest_revision_as_object()
    assert latest.summary == "Nieuwe samenvatting."
    assert latest.contact_email == SECRET_PLAIN
    assert latest.contact_is_public is False
    assert latest.contact_name == "Piet"


def test_a_preview_does_not_show_it_either(contributor_client, private_contact):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(private_contact.pk,))
    # The form as it used to be shown (address filled in), with the public box ticked.
    data = edit_form(private_contact, contact_name="Piet")
    data.update(contact_email=SECRET_PLAIN, contact_is_public="on")
    assert contributor_client.post(url, data).json()["is_valid"]
    assert not shows_address(contributor_client.get(url).content.decode(), SECRET_PLAIN)


def test_a_public_address_or_an_empty_one_is_a_normal_field(contributor_client, index, anna):
    public = create_initiative(
        index, owner=anna, contact_email="openbaar@voorbeeld.nl", contact_is_public=True
    )
    empty = create_initiative(index, owner=anna)
    for page in (public, empty):
        html = contributor_client.get(edit_page_url(page)).content.decode()
        assert 'name="contact_email"' in html


# Finding 15: odd or tampered requests to the editor get a message, never a server error.


EDITOR_SEARCHES = [
    "/beheer/pages/search/",
    "/beheer/pages/search/results/",
    "/beheer/pages/{index}/",
    "/beheer/pages/{index}/results/",
    "/beheer/choose-page/search/",
    "/beheer/images/",
    "/beheer/images/results/",
    "/beheer/images/chooser/results/",
    "/beheer/documents/",
    "/beheer/documents/results/",
    "/beheer/documents/chooser/results/",
    "/beheer/snippets/initiatieven/organisation/",
    "/beheer/snippets/initiatieven/theme/",
    "/beheer/users/",
]


@pytest.mark.parametrize("query", ['"', 'zorg"', '"zorg', 'a"b"c', "zorg*", "NEAR(", "-", "'"])
@pytest.mark.parametrize("path", EDITOR_SEARCHES)
def test_editor_searches_take_any_text(admin_client, index, path, query):
    """A `"` made SQLite's full text search fail (Wagtail issue 13227)."""
    create_initiative(index, title="Zorg in de wijk")
    response = admin_client.get(path.format(index=index.pk), {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("query", ['"', '"zorg', 'zorg"', " ", ""])
def test_the_editors_page_api_takes_any_search_text(admin_client, index, query):
    create_initiative(index, title="Zorg in de wijk")
    response = admin_client.get("/beheer/api/main/pages/", {"search": query})
    assert response.status_code == 200


def test_the_editors_page_api_refuses_an_unknown_search_operator(admin_client, index):
    response = admin_client.get(
        "/beheer/api/main/pages/", {"search": "zorg", "search_operator": "xor"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == "search_operator moet ‘and’ of ‘or’ zijn."


def test_the_editors_page_search_still_finds_with_a_quote(admin_client, index):
    create_initiative(index, title="Zorg in de wijk")
    response = admin_client.get(f"/beheer/pages/{index.pk}/", {"q": '"zorg'})
    assert "Zorg in de wijk" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/beheer/images/",
        "/beheer/images/results/",
        "/beheer/documents/",
        "/beheer/documents/results/",
    ],
)
@pytest.mark.parametrize("usage", ["usage_count_min", "usage_count_max"])
def test_searching_media_with_a_usage_filter_gets_a_message(moderator_client, path, usage):
    """Wagtail's search backend cannot filter on the usage count it annotates (an
    AttributeError on 'Coalesce', a 500)."""
    response = moderator_client.get(path, {"q": "zorg", usage: "1"})
    assert response.status_code == 400
    assert "Zoeken en filteren op aantal keer gebruikt gaan niet samen" in (
        response.content.decode()
    )
    # Each alone still works.
    assert moderator_client.get(path, {"q": "zorg"}).status_code == 200
    assert moderator_client.get(path, {usage: "1"}).status_code == 200


def add_initiative_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))


def comment_formset(**fields) -> dict:
    """One new comment on the initiative form, as Wagtail's comment panel posts it."""
    return {
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "",
        "comments-0-id": "",
        "comments-0-contentpath": "summary",
        "comments-0-text": "Klopt dit?",
        "comments-0-position": "",
        "comments-0-resolved": "",
        "comments-0-replies-TOTAL_FORMS": "0",
        "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0",
        "comments-0-replies-MAX_NUM_FORMS": "",
        **fields,
    }


UNREADABLE = "Dit veld kwam binnen in een vorm die de editor niet kan lezen."
DAMAGED_ROW = "Het formulier kwam beschadigd binnen: een regel van"
BAD_VERSION = "Het formulier kwam binnen met een ongeldig versienummer."
FORM_ERROR = "error-message"  # Wagtail's markup for a field's error
NOT_SAVED = None  # any error, as long as nothing is saved

# tampering: (changes to the posted form, what the editor answers: a message or NOT_SAVED;
# "saved" when the editor may accept it, ignoring what it does not know)
TAMPERINGS = {
    "non-numeric comment id": (comment_formset(**{"comments-0-id": "abc"}), NOT_SAVED),
    "unknown comment id": (comment_formset(**{"comments-0-id": "999999"}), NOT_SAVED),
    "non-numeric reply id": (
        comment_formset(
            **{
                "comments-0-replies-TOTAL_FORMS": "1",
                "comments-0-replies-0-id": "x1",
                "comments-0-replies-0-text": "Ja.",
            }
        ),
        NOT_SAVED,
    ),
    "non-numeric form count": ({"comments-TOTAL_FORMS": "veel"}, "saved"),
    "huge form count": ({"comments-TOTAL_FORMS": "99999999999999999999"}, NOT_SAVED),
    "missing management form": (
        {"comments-TOTAL_FORMS": None, "comments-INITIAL_FORMS": None},
        "saved",
    ),
    "rich text that is not JSON": ({"approach": "<p>gewoon HTML</p>"}, UNREADABLE),
    "rich text JSON of the wrong shape": ({"approach": '{"blocks": 3}'}, UNREADABLE),
    "rich text JSON list": ({"approach": "[1, 2]"}, UNREADABLE),
    "stream field count": ({"body-count": "x"}, UNREADABLE),
    "stream block order that is not a number": (
        {
            "body-count": "1",
            "body-0-type": "quote",
            "body-0-deleted": "",
            "body-0-order": "x",
            "body-0-value-quote": "Mooi.",
            "body-0-value-attribution": "",
        },
        UNREADABLE,
    ),
    "stream block without its order (ORDER)": (
        {
            "body-count": "1",
            "body-0-type": "quote",
            "body-0-deleted": "",
            "body-0-value-quote": "Mooi.",
        },
        UNREADABLE,
    ),
    "stream block of an unknown type": (
        {
            "body-count": "1",
            "body-0-type": "bestaat-niet",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "abc",
        },
        "saved",
    ),
    "non-numeric province": ({"province": "zuid-holland"}, FORM_ERROR),
    "non-numeric organisation": ({"organisations": ["abc"]}, FORM_ERROR),
    "non-numeric hero image": ({"hero_image": "x"}, UNREADABLE),
    "start year not a number": ({"start_year": "twintig"}, FORM_ERROR),
    "start year with a superscript": ({"start_year": "²⁰²²"}, FORM_ERROR),
    "NUL byte in the title": ({"title": "Zorg\x00"}, FORM_ERROR),
}

# Revision ids only the edit form reads (Wagtail's view, before the form).
REVISION_TAMPERINGS = {
    "overwrite revision that is not a number": {"overwrite_revision_id": "x"},
    "loaded revision that is not a number": {"loaded_revision_id": "x"},
    "confirmed overwrite of a revision that is not a number": {
        "overwrite_revision_id": "x",
        "confirm_overwrite": "LATEST",
    },
}


def tampered(data: dict, changes: dict) -> dict:
    data = dict(data)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def assert_answered(response, expected, *, saved: bool) -> None:
    if expected == "saved":
        assert response.status_code in (200, 302)
        return
    assert response.status_code == 200, response.status_code
    assert not saved
    html = response.content.decode()
    assert "kon niet worden opgeslagen" in html or FORM_ERROR in html
    if expected is not NOT_SAVED:
        assert expected in html


@pytest.mark.parametrize("tampering", TAMPERINGS, ids=list(TAMPERINGS))
def test_a_tampered_initiative_form_gets_a_message(contributor_client, index, tampering):
    changes, expected = TAMPERINGS[tampering]
    page = create_initiative(index)
    revisions = page.revisions.count()

    response = contributor_client.post(edit_page_url(page), tampered(edit_form(page), changes))
    assert_answered(response, expected, saved=page.revisions.count() > revisions)

    response = contributor_client.post(
        add_initiative_url(index), tampered(initiative_form(), changes)
    )
    created = InitiativePage.objects.filter(title="Gastheren in het verpleeghuis").exists()
    assert_answered(response, expected, saved=created)


@pytest.mark.parametrize("tampering", REVISION_TAMPERINGS, ids=list(REVISION_TAMPERINGS))
def test_a_tampered_version_number_gets_a_400(contributor_client, index, tampering):
    page = create_initiative(index)
    changes = dict(REVISION_TAMPERINGS[tampering])
    if "confirm_overwrite" in changes:
        changes["confirm_overwrite"] = str(page.latest_revision_id)
    revisions = page.revisions.count()

    response = contributor_client.post(edit_page_url(page), tampered(edit_form(page), changes))
    assert response.status_code == 400
    assert BAD_VERSION in response.content.decode()
    # An autosave (JSON) gets the message as JSON.
    response = contributor_client.post(
        edit_page_url(page),
        tampered(edit_form(page), changes),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert BAD_VERSION in response.json()["error_message"]
    assert page.revisions.count() == revisions


def test_a_tampered_version_number_on_an_organisation_gets_a_400(contributor_client, organisation):
    response = contributor_client.post(
        edit_organisation_url(organisation),
        {**organisation_form(organisation, website=PHISHING), "overwrite_revision_id": "x"},
    )
    assert response.status_code == 400
    assert BAD_VERSION in response.content.decode()


@pytest.fixture
def collection(index, moderator):
    from initiatieven.models import CollectionIndexPage, CollectionItem, CollectionPage

    page = CollectionIndexPage.objects.get().add_child(
        instance=CollectionPage(title="Goede starts", slug="goede-starts", intro="<p>x</p>")
    )
    page.items = [CollectionItem(initiative=create_initiative(index), sort_order=0)]
    page.save_revision().publish()
    return page


def collection_form(page, **changes) -> dict:
    from initiatieven.models import CollectionItem

    item = CollectionItem.objects.get(collection=page)
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text("x"),
        "kind": page.kind,
        "selection": "",
        "selection_sort": page.selection_sort,
        "selection_limit": str(page.selection_limit or ""),
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": str(item.pk),
        "items-0-initiative": str(item.initiative_id),
        "items-0-note": "",
        "items-0-ORDER": "1",
        "items-0-DELETE": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "",
    }
    return tampered(data, changes)


COLLECTION_TAMPERINGS = {
    "as posted": ({}, "saved"),
    "missing ORDER": ({"items-0-ORDER": None}, "saved"),
    "ORDER not a number": ({"items-0-ORDER": "eerste"}, FORM_ERROR),
    "item id not a number": ({"items-0-id": "abc"}, DAMAGED_ROW),
    "item id of another collection": ({"items-0-id": "999999"}, NOT_SAVED),
    "chosen initiative not a number": ({"items-0-initiative": "x"}, UNREADABLE),
    "image not a number": ({"image": "x"}, UNREADABLE),
    "rich text that is not JSON": ({"intro": "<p>x</p>"}, UNREADABLE),
    "more forms than posted": ({"items-TOTAL_FORMS": "3"}, "saved"),
}


@pytest.mark.parametrize("tampering", COLLECTION_TAMPERINGS, ids=list(COLLECTION_TAMPERINGS))
def test_a_tampered_collection_form_gets_a_message(moderator_client, collection, tampering):
    changes, expected = COLLECTION_TAMPERINGS[tampering]
    revisions = collection.revisions.count()
    response = moderator_client.post(
        edit_page_url(collection), collection_form(collection, **changes)
    )
    assert_answered(response, expected, saved=collection.revisions.count() > revisions)


PICKER_SEARCHES = [
    {"q": "zorg\x00"},
    {"q": ["zorg", "school"]},
    {"q": "z" * 10000},
    {"q": "%"},
    {"q": "ﬁ"},
    {},
]


@pytest.mark.parametrize("params", PICKER_SEARCHES)
def test_the_organisation_picker_search_takes_any_text(contributor_client, params):
    Organisation.objects.create(name="Zorggroep Rijnmond")
    response = contributor_client.get(reverse("kennisbank_organisation_search"), params)
    assert response.status_code == 200
    assert "results" in response.json()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Zorg\x00groep", "Gebruik geen onzichtbare tekens in de naam."),
        ("Zorg\u200bgroep", "Gebruik geen onzichtbare tekens in de naam."),
        ("Zorg\ngroep\r", None),  # whitespace is folded to one space
        ("   ", "Typ de naam van de organisatie."),
        ("x" * 201, "De naam is te lang: hooguit 200 tekens."),
        ("!!!", "Gebruik een letter of cijfer in de naam."),
    ],
)
def test_the_organisation_picker_refuses_odd_names_with_a_message(
    contributor_client, name, message
):
    response = contributor_client.post(reverse("kennisbank_organisation_create"), {"name": name})
    if message is None:
        assert response.status_code == 201
        assert Organisation.objects.get().name == "Zorg groep"
    else:
        assert response.status_code == 400
        assert response.json()["error"] == message
        assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "bestaat-niet"},
        {"ordering": "bestaat-niet"},
        {"ordering": "-place"},
        {"p": "abc"},
        {"p": "99999"},
        {"p": "²"},
        {"q": "x" * 5000},
        {"locale": "xx"},
    ],
)
def test_the_organisation_listing_takes_any_parameters(moderator_client, params):
    Organisation.objects.create(name="Zorggroep Rijnmond", place="Leiden")
    url = reverse("wagtailsnippets_initiatieven_organisation:list")
    assert moderator_client.get(url, params).status_code in (200, 400, 404)


@pytest.mark.parametrize("token", ["abc\x00def", "x" * 65, "tökén", ""])
def test_an_odd_editing_token_is_ignored(token):
    from django.http import QueryDict

    from initiatieven.services.edit_conflicts import TOKEN_FIELD, _token

    data = QueryDict(mutable=True)
    data[TOKEN_FIELD] = token
    assert _token(data) == ""
