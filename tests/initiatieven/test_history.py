"""The public history of an initiative: published versions, who contributed them, what changed."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from initiatieven.contributors import contributor_list, contributor_name
from initiatieven.models import InitiativePage, Theme
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db

_HIDDEN = re.compile(r'<span class="visually-hidden">[^<]*</span>')


def _make_user(username: str, *, first: str = "", last: str = "", email=None, **extra):
    if email is None:
        email = f"{username.replace('@', '.')}@example.org"
    return get_user_model().objects.create_user(
        username, email, "geheim-123", first_name=first, last_name=last, **extra
    )


@pytest.fixture
def anna(db):
    return _make_user("anna", first="Anna", last="de Vries", email="anna.devries@example.org")


@pytest.fixture
def bram(db):
    return _make_user("bram", first="Bram", last="Jansen", email="bram.jansen@example.org")


@pytest.fixture
def moderator(db):
    user = _make_user("redacteur", first="Rita", last="Redacteur", email="rita@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def edit(page: InitiativePage, user, *, publish: bool = True, themes=None, **changes):
    """Save a new revision of `page` by `user` with `changes`, published unless told otherwise."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    if themes is not None:
        draft.themes.set(Theme.objects.filter(slug__in=themes))
    revision = draft.save_revision(user=user)
    if publish:
        revision.publish()
    page.refresh_from_db()
    return revision


def history_url(page: InitiativePage) -> str:
    return page.url + page.reverse_subpage("history")


def compare_url(page: InitiativePage, old, new) -> str:
    return page.url + page.reverse_subpage("compare", args=[old.pk, new.pk])


def texts(tag: str, html: str) -> list[str]:
    """The text inside every <ins> or <del>, without the words for screen readers."""
    return [_HIDDEN.sub("", part) for part in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)]


def get_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def page(index):
    return create_initiative(
        index,
        title="Samen koken in de wijk",
        summary="Studenten koken met ouderen.",
        approach="<p>Begin klein met een groep van vijf.</p>",
        themes=["leren-en-werken"],
        body=[("quote", {"text": "Het eten smaakt beter samen.", "speaker_role": "bewoner"})],
    )


class TestHistoryPage:
    def test_lists_published_versions_newest_first_with_names_and_summaries(
        self, client, page, anna, bram
    ):
        edit(page, anna, summary="Studenten en ouderen koken samen.", change_summary="Tikfout")
        edit(page, bram, place="Zwolle", change_summary="Plaats aangevuld")

        html = get_html(client, history_url(page))
        assert '<html lang="nl">' in html
        assert "Geschiedenis van “Samen koken in de wijk”" in html
        for text in ["Versie 1", "Versie 2", "Versie 3", "Anna de Vries", "Bram Jansen"]:
            assert text in html, text
        assert "redactie Kennisbank" in html  # the first version came without a user
        assert html.index("Plaats aangevuld") < html.index("Tikfout")
        assert "Gewijzigd: plaats" in html
        assert "Gewijzigd: samenvatting" in html
        assert "Eerste versie" in html
        assert html.count("Bekijk wijzigingen") == 2
        assert html.count('type="radio"') == 6
        assert f'action="{page.url}geschiedenis/vergelijk/"' in html

    def test_drafts_reviews_and_rejections_are_never_shown(self, client, page, anna, moderator):
        edit(page, anna, publish=False, summary="Concepttekst", change_summary="Geheim concept")

        in_review = edit(page, anna, publish=False, change_summary="Wacht op de redactie")
        workflow = page.get_workflow()
        state = workflow.start(page, anna)
        assert state.current_task_state.revision_id == in_review.pk
        html = get_html(client, history_url(page))
        assert "Wacht op de redactie" not in html

        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "reject", comment="Nee")
        html = get_html(client, history_url(page))
        for text in ["Concepttekst", "Geheim concept", "Wacht op de redactie", "Anna de Vries"]:
            assert text not in html, text
        assert "Versie 2" not in html
        assert client.get(compare_url(page, page.live_revision, in_review)).status_code == 404

    def test_approval_through_the_workflow_credits_the_contributor(
        self, client, page, anna, moderator
    ):
        revision = edit(page, anna, publish=False, place="Deventer", change_summary="Plaats")
        state = page.get_workflow().start(page, anna)
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve")

        page.refresh_from_db()
        assert page.live_revision_id == revision.pk
        html = get_html(client, history_url(page))
        assert "Anna de Vries" in html and "Plaats" in html
        assert "Rita Redacteur" not in html

    def test_change_summary_is_shown_only_when_it_is_new(self, client, page, anna, bram):
        edit(page, anna, place="Almere", change_summary="Plaats ingevuld")
        edit(page, bram, start_year=2019)  # the form still holds Anna's summary

        html = get_html(client, history_url(page))
        assert html.count("Plaats ingevuld") == 1
        assert "Gewijzigd: startjaar" in html

    def test_e_mail_addresses_never_appear(self, client, index, page):
        by_email = _make_user("kees@example.org", email="kees@example.org")
        named = _make_user("lotte", first="Lotte", last="Bakker", email="lotte.b@example.org")
        edit(page, by_email, place="Ede")
        edit(page, named, place="Epe")
        page.refresh_from_db()

        revisions = [entry.revision for entry in PageLogEntry.objects.filter(page=page)]
        pages = [
            history_url(page),
            compare_url(page, *sorted(filter(None, revisions), key=lambda r: r.pk)[-2:]),
            page.url,
        ]
        for url in pages:
            html = get_html(client, url)
            assert "@example.org" not in html, url
            assert "lotte.b" not in html and "kees" not in html, url
        assert "Lotte Bakker" in get_html(client, history_url(page))
        assert "bijdrager" in get_html(client, history_url(page))

    def test_an_anonymised_account_shows_as_former_contributor(self, client, page, anna):
        edit(page, anna, place="Ede", change_summary="Plaats")
        anna.username, anna.first_name, anna.last_name = f"oud-bijdrager-{anna.pk}", "", ""
        anna.email, anna.is_active = "", False
        anna.save()
        for url in [history_url(page), page.url]:
            html = get_html(client, url)
            assert "oud-bijdrager" in html and "Anna" not in html, url

    def test_history_of_an_unpublished_initiative_is_not_found(self, client, index):
        draft = create_initiative(index, publish=False)
        url = draft.url_path.replace("/home-kennisbank", "") + "geschiedenis/"
        assert client.get(url).status_code == 404

    def test_republishing_without_changes_says_so(self, client, page, anna):
        edit(page, anna)
        html = get_html(client, history_url(page))
        assert "Geen wijzigingen in de inhoud" in html


class TestCompare:
    def test_text_field_shows_removed_and_added_words(self, client, page, anna):
        first = page.live_revision
        second = edit(
            page,
            anna,
            approach="<p>Begin groot met een groep van vijf.</p>",
            title="Samen koken in de buurt",
        )
        html = get_html(client, compare_url(page, first, second))
        assert "Wijzigingen in “Samen koken in de buurt”" in html
        assert "klein" in texts("del", html) and "groot" in texts("ins", html)
        assert "wijk" in texts("del", html) and "buurt" in texts("ins", html)
        assert '<h2 id="diff-1">Titel</h2>' in html
        assert ">Aanpak</h2>" in html
        assert ">Samenvatting</h2>" not in html  # unchanged fields are only named, collapsed
        assert "<details" in html and "Samenvatting" in html

    def test_theme_change(self, client, page, anna):
        first = page.live_revision
        second = edit(page, anna, themes=["ervaringsdeskundigheid"])
        old_label = Theme.objects.get(slug="leren-en-werken").label
        new_label = Theme.objects.get(slug="ervaringsdeskundigheid").label
        html = get_html(client, compare_url(page, first, second))
        assert ">Thema&#x27;s</h2>" in html
        assert texts("del", html) == [old_label.replace("&", "&amp;")]
        assert texts("ins", html) == [new_label.replace("&", "&amp;")]

    def test_streamfield_change(self, client, page, anna):
        first = page.live_revision
        block_id = page.body[0].id
        second = edit(
            page,
            anna,
            body=[
                {
                    "type": "quote",
                    "id": block_id,
                    "value": {
                        "text": "Het eten smaakt echt beter samen.",
                        "speaker_role": "bewoner",
                    },
                },
                {
                    "type": "links",
                    "id": "5f0a4a4e-0d3b-4b0f-9a53-1c7c1d1c1d1c",
                    "value": {
                        "heading": "Meer lezen",
                        "links": [{"title": "Het verslag", "url": "https://example.org/verslag"}],
                    },
                },
            ],
        )
        html = get_html(client, compare_url(page, first, second))
        assert ">Media en stemmen</h2>" in html
        assert any("echt" in text for text in texts("ins", html))
        assert "Citaat" in html and "(gewijzigd)" in html
        assert "Lijst met links" in html and "(toegevoegd)" in html
        assert any("Het verslag" in text for text in texts("ins", html))

    def test_content_is_escaped(self, client, page, anna):
        first = page.live_revision
        second = edit(page, anna, summary='Koken <script>alert("x")</script> & eten')
        html = get_html(client, compare_url(page, first, second))
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html

    def test_contact_details_are_left_out(self, client, page, anna):
        first = page.live_revision
        second = edit(
            page,
            anna,
            contact_name="Geheime Persoon",
            contact_email="geheim@example.org",
            contact_is_public=True,
        )
        html = get_html(client, compare_url(page, first, second))
        assert "Geheime Persoon" not in html and "geheim@" not in html
        assert "De inhoud van deze versies is gelijk." in html

    def test_older_version_comes_first(self, client, page, anna):
        first = page.live_revision
        second = edit(page, anna, place="Urk")
        response = client.get(compare_url(page, second, first))
        assert response.status_code == 302
        assert response["Location"] == compare_url(page, first, second)

    def test_form_choice_leads_to_the_comparison(self, client, page, anna):
        first = page.live_revision
        second = edit(page, anna, place="Urk")
        url = page.url + "geschiedenis/vergelijk/"
        response = client.get(url, {"van": first.pk, "naar": second.pk})
        assert response.status_code == 302
        assert response["Location"] == compare_url(page, first, second)
        for query in [{}, {"van": "x", "naar": "1"}, {"van": "1"}, {"van": "-1", "naar": "2"}]:
            assert client.get(url, query).status_code == 404, query

    def test_bad_revision_ids_are_not_found(self, client, index, page, anna):
        first = page.live_revision
        draft = edit(page, anna, publish=False, place="Nergens")
        other = create_initiative(index).live_revision
        base = page.url + "geschiedenis/vergelijk/"
        for path in [
            f"{first.pk}/{draft.pk}/",
            f"{first.pk}/{other.pk}/",
            f"{first.pk}/999999/",
            f"{first.pk}/99999999999999999999999/",
            "abc/def/",
            f"{first.pk}/",
            f"{first.pk}/-1/",
        ]:
            assert client.get(base + path).status_code == 404, path

    def test_adjacent_changes_link_to_each_other(self, client, page, anna, bram):
        first = page.live_revision
        second = edit(page, anna, place="Ede", change_summary="Plaats toegevoegd")
        third = edit(page, bram, place="Epe")
        html = get_html(client, compare_url(page, first, second))
        assert "Plaats toegevoegd" in html
        assert f'href="{compare_url(page, second, third)}"' in html
        assert "Vorige wijziging" not in html
        html = get_html(client, compare_url(page, second, third))
        assert f'href="{compare_url(page, first, second)}"' in html


class TestInitiativePage:
    def test_shows_contributors_last_update_and_history_link(self, client, page, anna, bram):
        edit(page, anna, place="Ede")
        edit(page, bram, place="Epe")
        edit(page, anna, place="Ens")
        html = get_html(client, page.url)
        assert "Bijgedragen door:</span> redactie Kennisbank, Anna de Vries en Bram Jansen" in html
        assert "<dt>Laatst bijgewerkt</dt>" in html
        assert f'<a href="{history_url(page)}">Geschiedenis bekijken</a>' in html

    def test_many_contributors_are_summarised(self, client, page):
        for number in range(12):
            edit(page, _make_user(f"user{number}", first="Persoon", last=str(number)))
        html = get_html(client, page.url)
        assert "Persoon 8 en 3 anderen" in html
        assert "Persoon 9" not in html


class TestAdminForm:
    def test_change_summary_from_the_edit_form_reaches_the_history(self, client, admin_user, page):
        client.force_login(admin_user)
        url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        assert "Wat heb je veranderd?" in get_html(client, url)
        data = nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "summary": page.summary,
                "background": rich_text(""),
                "approach": rich_text("Begin klein."),
                "results": rich_text(""),
                "lessons": rich_text(""),
                "body": streamfield([]),
                "change_summary": "Aanpak ingekort",
                "themes": [Theme.objects.get(slug="leren-en-werken").pk],
                "keywords": "",
                "province": page.province_id,
                "place": page.place,
                "phase": page.phase_id,
                "start_year": str(page.start_year),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        client.logout()
        html = get_html(client, history_url(page))
        assert "Aanpak ingekort" in html
        assert "beheerder" in html  # a username without a full name
        assert "beheer@example.org" not in html


class TestContributorName:
    def test_names(self, db):
        assert contributor_name(None) == "redactie Kennisbank"
        assert contributor_name(_make_user("piet", first="Piet", last="Klaassen")) == (
            "Piet Klaassen"
        )
        assert contributor_name(_make_user("sanne")) == "sanne"
        assert contributor_name(_make_user("sanne@example.org")) == "bijdrager"
        assert contributor_name(_make_user("x", first="x@example.org")) == "x"
        anonymised = _make_user("oud-bijdrager-7", email="", is_active=False)
        assert contributor_name(anonymised) == "oud-bijdrager"
        inactive = _make_user("oud", first="Oud", last="Lid", is_active=False)
        assert contributor_name(inactive) == "Oud Lid"

    def test_list(self):
        assert contributor_list(["A"]) == "A"
        assert contributor_list(["A", "B", "C"]) == "A, B en C"
        assert (
            contributor_list([str(n) for n in range(11)])
            == "0, 1, 2, 3, 4, 5, 6, 7, 8, 9 en 1 andere"
        )


def _count_queries(client, url: str) -> int:
    client.get(url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


class TestQueryCounts:
    """The history and a comparison cost the same number of queries however long the history."""

    def _grow(self, page, users, count: int):
        themes = list(Theme.objects.values_list("slug", flat=True))
        for number in range(count):
            edit(
                page,
                users[number % len(users)],
                summary=f"Samenvatting {number}",
                themes=themes[: 1 + number % len(themes)],
                change_summary=f"Wijziging {number}",
            )

    def test_history_and_compare(self, client, page, anna, bram):
        users = [
            anna,
            bram,
            *[_make_user(f"extra{n}", first="Extra", last=str(n)) for n in range(4)],
        ]
        self._grow(page, users, 2)

        def latest_pair():
            entries = PageLogEntry.objects.filter(page=page, action="wagtail.publish")
            newest, previous = [entry.revision for entry in entries.order_by("-pk")[:2]]
            return compare_url(page, previous, newest)

        small_history = _count_queries(client, history_url(page))
        small_compare = _count_queries(client, latest_pair())
        small_page = _count_queries(client, page.url)
        self._grow(page, users, 12)
        assert _count_queries(client, history_url(page)) == small_history
        assert _count_queries(client, latest_pair()) == small_compare
        assert _count_queries(client, page.url) == small_page
        assert small_history <= 15 and small_compare <= 20
