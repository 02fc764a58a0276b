"""Issue 14, part 3: anonymous page views come from the shared cache (kennisbank/page_cache.py),
never a page made for someone else, and a published change is visible at once."""

import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from initiatieven.models import Organisation, Theme
from kennisbank.page_cache import GENERATION_KEY, AnonymousPageCacheMiddleware, page_cache
from search.models import SynonymGroup
from tests.factories import create_initiative, create_user
from tests.fault_servers import closed_port
from tests.processes import process_runner

pytestmark = pytest.mark.django_db
DATABASE_PAGE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "kennisbank_page_cache",
}


@pytest.fixture
def database_page_cache(settings):
    """The page cache in its database table, as in production without REDIS_URL."""
    settings.CACHES = {**settings.CACHES, "pages": DATABASE_PAGE_CACHE}
    # On SQLite the settings keep pages in files, so migrate made no table for them.
    call_command("createcachetable", "kennisbank_page_cache", verbosity=0)
    caches["pages"].clear()


def rendered(response) -> int:
    return int(re.search(rb"<p>(\d+)</p>", response.content).group(1))


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


@pytest.mark.urls("tests.kennisbank.page_cache_urls")
class TestWhatIsStored:
    def test_an_anonymous_view_is_rendered_once(self, client):
        assert rendered(client.get("/test-counted/")) == rendered(client.get("/test-counted/"))

    def test_the_query_string_is_part_of_the_key(self, client):
        first = rendered(client.get("/test-counted/?pagina=1"))
        assert rendered(client.get("/test-counted/?pagina=2")) != first
        assert rendered(client.get("/test-counted/?pagina=1")) == first

    def test_a_head_request_is_answered_from_a_stored_get(self, client):
        client.get("/test-counted/")
        response = client.head("/test-counted/")
        assert response.status_code == 200
        assert int(response["Content-Length"]) > 0

    def test_each_copy_of_a_page_with_a_nonce_gets_a_nonce_of_its_own(self, client):
        first, second = client.get("/test-nonce/"), client.get("/test-nonce/")
        assert rendered(first) == rendered(second)  # the second came from the cache
        assert nonce_of(first) != nonce_of(second)
        assert f'nonce="{nonce_of(second)}"' in second.content.decode()
        assert nonce_of(first) not in second.content.decode()

    def test_a_page_with_a_csrf_token_is_never_shared(self, client):
        first = client.get("/test-csrf/")
        assert first.cookies  # the token's cookie
        client.cookies.clear()
        assert rendered(client.get("/test-csrf/")) != rendered(first)

    def test_a_visitor_with_a_cookie_gets_a_fresh_page(self, client):
        first = rendered(client.get("/test-counted/"))
        client.cookies["sessionid"] = "abc"
        assert rendered(client.get("/test-counted/")) != first

    def test_a_logged_in_users_page_is_neither_served_from_nor_stored_in_the_cache(self, client):
        anonymous = rendered(client.get("/test-counted/"))
        client.force_login(create_user())
        own = rendered(client.get("/test-counted/"))
        assert own != anonymous
        client.logout()
        client.cookies.clear()
        assert rendered(client.get("/test-counted/")) == anonymous

    def test_a_response_larger_than_the_bound_is_not_stored(self, client, settings):
        settings.PAGE_CACHE_MAX_BYTES = 1000
        first = rendered(client.get("/test-counted/?bytes=2000"))
        assert rendered(client.get("/test-counted/?bytes=2000")) != first
        small = rendered(client.get("/test-counted/?bytes=10"))
        assert rendered(client.get("/test-counted/?bytes=10")) == small

    def test_page_cache_seconds_zero_turns_it_off(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 0
        assert rendered(client.get("/test-counted/")) != rendered(client.get("/test-counted/"))


def test_the_api_is_not_cached_so_that_every_answer_counts_towards_its_rate_limit(
    client, index, settings
):
    settings.API_RATE_LIMIT = "2/minute"
    statuses = [client.get("/api/v2/pages/").status_code for _request in range(3)]
    assert statuses == [200, 200, 429]


def test_a_preview_of_a_draft_is_never_stored(rf, index):
    page = create_initiative(index, title="Zorgmaatjes")
    page.title = "Zorgmaatjes, het concept"
    request = rf.get(page.url)
    request.is_dummy = True  # as Wagtail's preview makes it, with the editor's cookies or none
    middleware = AnonymousPageCacheMiddleware(
        lambda request: page.serve_preview(request, "").render()
    )
    assert "het concept" in middleware(request).content.decode()
    assert "het concept" not in Client().get(page.url).content.decode()


def test_a_published_change_is_visible_at_once_and_a_draft_is_not(client, index):
    page = create_initiative(index, title="Zorgmaatjes")
    assert "Zorgmaatjes" in client.get(page.url).content.decode()

    page.title = "Zorgmaatjes in de wijk"
    page.save_revision()  # a draft: visitors still see the published version
    html = client.get(page.url).content.decode()
    assert "Zorgmaatjes in de wijk" not in html

    page.save_revision().publish()
    assert "Zorgmaatjes in de wijk" in client.get(page.url).content.decode()
    assert "Zorgmaatjes in de wijk" in client.get(index.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, index):
    page = create_initiative(index, title="Zorgmaatjes")
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_page_made_private_is_not_served_from_the_cache(client, index):
    from wagtail.models import PageViewRestriction

    page = create_initiative(index)
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code == 302


@pytest.mark.parametrize(
    "change",
    [
        "move",
        "delete",
        "unpublish",
        "organisation",
        "theme",
        "synonyms",
        "redirect",
    ],
)
def test_every_change_a_visitor_sees_makes_the_stored_pages_stale(index, home, change):
    page = create_initiative(index)
    before = page_cache().get(GENERATION_KEY)
    if change == "move":
        page.move(home, pos="last-child")
    elif change == "delete":
        page.delete()
    elif change == "unpublish":
        page.unpublish()
    elif change == "organisation":
        Organisation.objects.create(name="Zorgschool", place="Ede")
    elif change == "theme":
        theme = Theme.objects.first()
        theme.label += " en meer"
        theme.save()
    elif change == "synonyms":
        SynonymGroup.objects.create(terms="dementie, alzheimer")
    elif change == "redirect":
        Redirect.objects.create(old_path="/oud", redirect_page=page)
    assert page_cache().get(GENERATION_KEY) != before


def test_a_theme_renamed_shows_at_once_on_its_page(client, index):
    theme = Theme.objects.first()
    create_initiative(index, themes=[theme.slug])
    url = theme.get_absolute_url()
    assert client.get(url).status_code == 200
    theme.label = "Een geheel nieuwe naam"
    theme.save()
    assert "Een geheel nieuwe naam" in client.get(url).content.decode()


def test_a_draft_saved_in_the_editor_leaves_the_stored_pages_alone(index):
    page = create_initiative(index)
    before = page_cache().get(GENERATION_KEY) or "unset"
    page_cache().set(GENERATION_KEY, before, None)
    page.title = "Nieuw concept"
    page.save_revision()
    assert page_cache().get(GENERATION_KEY) == before


@pytest.mark.usefixtures("database_page_cache")
@pytest.mark.parametrize(
    "address",
    [
        "home",
        "initiative",
        "/initiatieven/?thema=leren-en-werken",
        "/zoeken/?q=zorg",
        "/themas/leren-en-werken/",
        "/feeds/initiatieven/",
    ],
)
def test_a_stored_page_costs_at_most_two_queries(
    client, index, address, django_assert_max_num_queries
):
    page = create_initiative(index, title="Zorg in de klas", themes=["leren-en-werken"])
    url = {"home": "/", "initiative": page.url}.get(address, address)
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(2):
        second = client.get(url)
    assert second.content == first.content


@pytest.mark.usefixtures("database_page_cache")
def test_pages_stored_in_the_database_cache_are_invalidated_there(client, index):
    page = create_initiative(index, title="Zorgmaatjes")
    client.get(page.url)
    page.title = "Zorgmaatjes in de wijk"
    page.save_revision().publish()
    assert "Zorgmaatjes in de wijk" in client.get(page.url).content.decode()


PROCESS = """
import sys
import django
django.setup()
from django.test import Client
from initiatieven.services.site_tree import ensure_site_tree
from initiatieven.models import InitiativePage
from tests.factories import create_initiative

action = sys.argv[1]
if action == "create":
    create_initiative(ensure_site_tree(), title="Zorgmaatjes", slug="zorgmaatjes")
elif action == "view":
    response = Client().get("/initiatieven/zorgmaatjes/")
    print(response.status_code, response.content.decode().count(sys.argv[2]))
elif action == "publish":
    page = InitiativePage.objects.get(slug="zorgmaatjes")
    page.title = sys.argv[2]
    page.save_revision().publish()
"""


def test_a_change_published_in_one_process_is_visible_at_once_in_another(tmp_path):
    """Two worker processes on one database and its cache table, as gunicorn runs them."""
    run = process_runner(tmp_path)
    run("-c", PROCESS, "create")
    assert run("-c", PROCESS, "view", "Zorgmaatjes in de wijk") == "200 0"  # stored
    run("-c", PROCESS, "publish", "Zorgmaatjes in de wijk")
    status, count = run("-c", PROCESS, "view", "Zorgmaatjes in de wijk").split()
    assert status == "200" and int(count) > 0


def test_a_search_answered_while_elasticsearch_is_away_is_not_kept(client, index, settings):
    create_initiative(index, title="Gevonden via de database")
    closed = closed_port()
    settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT = f"http://127.0.0.1:{closed}", 0.5
    assert "tijdelijk niet beschikbaar" in client.get("/zoeken/?q=gevonden").content.decode()

    settings.ELASTICSEARCH_URL = ""  # the search service answers again
    assert "tijdelijk niet beschikbaar" not in client.get("/zoeken/?q=gevonden").content.decode()


def test_without_its_cache_the_site_still_answers_and_publishes(client, index, settings):
    closed = closed_port()
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed}/0",
        },
    }
    page = create_initiative(index, title="Zorgmaatjes")
    assert "Zorgmaatjes" in client.get(page.url).content.decode()
    page.title = "Zorgmaatjes in de wijk"
    page.save_revision().publish()
    assert "Zorgmaatjes in de wijk" in client.get(page.url).content.decode()


@pytest.mark.urls("tests.kennisbank.page_cache_urls")
def test_culling_a_full_database_cache_keeps_the_generation(client, settings, database_page_cache):
    # The database cache culls the keys that sort first; losing the generation would make every
    # page left in the table stale at once, again at every cull.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**DATABASE_PAGE_CACHE, "OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}},
    }
    client.get("/test-counted/")
    generation = page_cache().get(GENERATION_KEY)
    for number in range(12):
        client.get(f"/test-counted/?pagina={number}")
    assert page_cache().get(GENERATION_KEY) == generation
    kept = rendered(client.get("/test-counted/?pagina=11"))
    assert rendered(client.get("/test-counted/?pagina=11")) == kept
