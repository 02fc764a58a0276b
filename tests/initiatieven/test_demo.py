from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.html import escape
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Page

from initiatieven.history import published_versions
from initiatieven.models import (
    CollectionPage,
    HomePage,
    InitiativePage,
    Organisation,
    StandardPage,
)
from kennisbank import demo

# The people named in the seed articles: never a contact or a quoted speaker in the demo.
REAL_NAMES = ("Hollander", "Graaf", "Otter")


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "paths": sorted(Page.objects.values_list("url_path", flat=True)),
        "pages": Page.objects.count(),
        "images": Image.objects.count(),
        "organisations": Organisation.objects.count(),
        "tags": Tag.objects.count(),
        "featured": HomePage.objects.get().featured_initiatives.count(),
        "users": get_user_model().objects.count(),
    }


@pytest.fixture
def demo_pages(index, settings):
    settings.DEBUG = False
    load_demo()
    return list(InitiativePage.objects.live().order_by("-first_published_at"))


def test_demo_has_collections_from_the_seed_stories_one_by_selection(demo_pages, client):
    collections = list(CollectionPage.objects.live().order_by("path"))
    assert len(collections) >= 3
    assert [c.is_selection for c in collections].count(True) >= 1
    for collection in collections:
        response = client.get(collection.url)
        assert response.status_code == 200
        assert response.context["total"] >= 2, collection.title
    home = client.get("/").content.decode()
    assert all(escape(c.title) in home for c in collections if c.featured)
    before = CollectionPage.objects.count()
    load_demo()
    assert CollectionPage.objects.count() == before


def test_load_demo_creates_complete_live_initiatives(demo_pages):
    assert len(demo_pages) >= 12
    for page in demo_pages:
        assert page.key.startswith("demo-")
        assert page.approach.strip()
        assert page.province_id is not None
        assert page.themes.exists()
        assert 0 < len(page.summary) <= 300
        assert "<" not in page.summary
        assert page.last_reviewed == demo.DEMO_REVIEWED
        assert not page.hero_image_id or page.hero_image_alt.strip()


def test_demo_initiatives_are_published_newest_first_on_fixed_dates(demo_pages):
    expected = [
        demo.DEMO_NEWEST_PUBLISHED - position * demo.DEMO_PUBLISHED_INTERVAL
        for position in range(len(demo.INITIATIVES))
    ]
    assert [page.first_published_at for page in demo_pages] == expected
    assert [page.key for page in demo_pages] == [spec.key for spec in demo.INITIATIVES]
    assert all(page.last_published_at == page.first_published_at for page in demo_pages)


def test_every_demo_page_renders(demo_pages, client):
    for page in demo_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode()

    for slug, title in (("over", "Over de Kennisbank"), ("privacy", "Privacyverklaring")):
        page = StandardPage.objects.get(slug=slug)
        response = client.get(page.url)
        assert response.status_code == 200
        assert title in response.content.decode()


def test_over_page_explains_who_may_do_what_and_links_signing_up(demo_pages, client):
    html = client.get(StandardPage.objects.get(slug="over").url).content.decode()

    assert '<a href="/account/aanmelden/">Meld je aan</a>' in html
    assert '<a href="/initiatief-toevoegen/">Initiatief toevoegen</a>' in html
    assert "Lezen en zoeken kan iedereen, zonder account." in html
    assert "Elke nieuwe bijdrage en elke wijziging gaat eerst naar de redactie." in html
    # The old text said only Redacteuren add initiatives, which the roles contradict.
    assert "Redacteuren kunnen initiatieven toevoegen" not in html
    assert "moderator" not in html


def test_home_page_features_three_initiatives(demo_pages, client):
    home = HomePage.objects.get()
    featured = [item.initiative.key for item in home.featured_initiatives.order_by("sort_order")]
    assert featured == list(demo.FEATURED_KEYS)

    content = client.get(home.url).content.decode()
    for item in home.featured_initiatives.all():
        assert escape(item.initiative.title) in content


def test_demo_images_are_generated_and_used(demo_pages):
    images = Image.objects.filter(title__in=[spec.title for spec in demo.IMAGES])
    assert 4 <= images.count() <= 6
    assert {(image.width, image.height) for image in images} == {demo.IMAGE_SIZE}
    assert any(block.block_type == "image" for page in demo_pages for block in page.body)


def test_demo_initiatives_have_no_decorative_hero_image(demo_pages, client):
    # The generated gradients are no pictures of an initiative: no page or card opens with one.
    assert all(page.hero_image_id is None for page in demo_pages)
    content = client.get(demo_pages[0].get_parent().url).content.decode()
    assert "card__image" not in content
    assert "initiative__hero" not in client.get(demo_pages[0].url).content.decode()


def test_demo_dates_tell_one_story(demo_pages, client):
    """The "last updated" date, the history's one version, the revision and the log share one date,
    and the editors checked each initiative after it was published."""
    for page in demo_pages:
        versions = published_versions(page)
        assert [version.published_at for version in versions] == [page.last_published_at]
        assert page.latest_revision.created_at == page.last_published_at
        assert page.latest_revision_created_at == page.last_published_at
        assert page.last_reviewed >= page.last_published_at.date()

    page = demo_pages[0]
    content = client.get(page.url).content.decode()
    published = formats.date_format(page.last_published_at, "j F Y")
    assert "Laatst bijgewerkt</dt>" in content
    assert published in content
    history = client.get(page.url + "geschiedenis/").content.decode()
    assert published in history
    # Today's date appears only in the footer a printed page gets, never as a content date.
    main = history.split("<main", 1)[1].split("</main>", 1)[0]
    assert formats.date_format(timezone.now(), "j F Y") not in main


def test_reloading_keeps_the_one_dated_version(demo_pages):
    load_demo()
    page = InitiativePage.objects.get(pk=demo_pages[0].pk)
    versions = published_versions(page)
    assert [(version.number, version.published_at) for version in versions] == [
        (1, demo.DEMO_NEWEST_PUBLISHED)
    ]


def test_reloading_after_someone_edited_adds_a_dated_reset(demo_pages, admin_user):
    edited = demo_pages[0]
    edited.summary = "Door iemand gewijzigd."
    edited.save_revision(user=admin_user).publish(user=admin_user)

    load_demo()

    page = InitiativePage.objects.get(pk=edited.pk)
    versions = published_versions(page)
    # The person's change and the reset are real versions of today; the first stays dated.
    assert [version.number for version in versions] == [3, 2, 1]
    assert versions[-1].published_at == demo.DEMO_NEWEST_PUBLISHED
    newest, updated = versions[0].published_at, page.last_published_at
    assert timezone.localdate(newest) == timezone.localdate(updated) == timezone.localdate()
    assert page.summary == demo.INITIATIVES[0].summary


def test_demo_contacts_and_quotes_are_fictional(demo_pages):
    emails = [page.contact_email for page in demo_pages if page.contact_email]
    assert emails
    assert all(email.endswith("@example.org") for email in emails)
    assert any(page.contact_is_public for page in demo_pages)
    for page in demo_pages:
        assert not any(name in page.contact_name for name in REAL_NAMES)
        for block in page.body:
            if block.block_type == "quote":
                assert block.value["speaker_role"]
                assert not block.value["speaker_name"]


def test_running_twice_changes_nothing_and_resets_edits(demo_pages, settings):
    before = snapshot()
    edited = demo_pages[0]
    edited.summary = "Door een redacteur gewijzigd."
    edited.save_revision().publish()

    load_demo()

    assert snapshot() == before
    edited.refresh_from_db()
    assert edited.summary == demo.INITIATIVES[0].summary


def test_admin_is_created_with_debug_and_can_log_in(index, settings, client):
    settings.DEBUG = True
    get_user_model().objects.create_user(demo.DEMO_ADMIN_USERNAME, password="oud-wachtwoord")

    output = load_demo()

    assert "Demo-login: admin / kennisbank-demo op http://testserver/beheer/" in output
    # django-axes needs the request to check the login (as every login form passes it).
    assert client.login(
        request=HttpRequest(),
        username=demo.DEMO_ADMIN_USERNAME,
        password=demo.DEMO_ADMIN_PASSWORD,
    )
    user = get_user_model().objects.get(username=demo.DEMO_ADMIN_USERNAME)
    assert user.is_superuser
    assert user.email == demo.DEMO_ADMIN_EMAIL
    assert client.get("/beheer/").status_code == 200


def test_no_admin_without_debug_unless_asked(index, settings):
    settings.DEBUG = False

    output = load_demo()
    assert "geen demobeheerder" in output
    assert not get_user_model().objects.filter(username=demo.DEMO_ADMIN_USERNAME).exists()

    load_demo("--admin")
    assert get_user_model().objects.filter(username=demo.DEMO_ADMIN_USERNAME).exists()
