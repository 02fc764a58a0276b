"""Rich text in the history is compared by content: what the editor (Draftail) only re-serialised
is no change, anywhere; real changes to words, links, styles and paragraphs are."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.test.utils.form_data import rich_text

from initiatieven.history.comparison import changed_fields, compare
from initiatieven.history.rich_text_diff import rich_text_blocks, same_rich_text
from initiatieven.models import InitiativePage
from initiatieven.models.pages import SECTION_FEATURES
from tests.factories import create_initiative, create_user, edit_form

pytestmark = pytest.mark.django_db

RICH_TEXT_FIELDS = ("background", "approach", "results", "lessons")
CONTENT = {
    "background": (
        "<p>Studenten leren veel óver zorg, maar weinig van de mensen die die zorg "
        "ontvangen.</p><p>De coördinator begon in de regio Leiden.</p>"
    ),
    "approach": (
        "<p>Ervaringsdeskundigen komen <strong>naar de opleiding</strong>, zie "
        '<a href="https://example.org/loc">de website</a>.</p>'
        "<ul><li>les in de klas;</li><li>leren op de zorglocatie.</li></ul>"
    ),
    "results": "<h3>Wat het oplevert</h3><p>Studenten kijken anders<br/>naar cliënten.</p>",
    "lessons": "<ol><li>Begin klein.</li><li>Zie <em>cliënten</em> als leraren.</li></ol>",
}


def draftail(html: str) -> str:
    """`html` as the editor stores it after loading and saving it unchanged."""
    converter = ContentstateConverter(features=SECTION_FEATURES)
    return converter.to_database_format(converter.from_database_format(html))


@pytest.fixture
def page(index):
    return create_initiative(
        index, title="Ervaringsdeskundigen in de klas", keywords=["dementie", "nah"], **CONTENT
    )


def edit(page: InitiativePage, user, **changes):
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    revision = draft.save_revision(user=user)
    revision.publish()
    page.refresh_from_db()
    return revision


def resaved_by_editor(page: InitiativePage, user, **changes):
    """A revision as the editor makes it: every rich text field round-tripped through Draftail."""
    resaved = {name: draftail(getattr(page, name)) for name in RICH_TEXT_FIELDS}
    return edit(page, user, **{**resaved, **changes})


@pytest.fixture
def editor(db):
    return create_user(username="anna", first_name="Anna", last_name="de Vries")


def public_compare_url(page, old, new) -> str:
    return page.url + page.reverse_subpage("compare", args=[old.pk, new.pk])


def admin_compare(client, page, old, new) -> str:
    url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, old.pk, new.pk))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def admin_labels(html: str) -> list[str]:
    """The field labels in the admin comparison table."""
    return re.findall(r'<div class="title-wrapper">([^<]*):</div>', html)


class TestSerialisationIsNoChange:
    def test_draftail_really_rewrites_the_stored_html(self, page):
        for name in RICH_TEXT_FIELDS:
            html = getattr(page, name)
            assert draftail(html) != html, name
            assert same_rich_text(html, draftail(html)), name

    def test_no_changed_fields_but_the_summary(self, page, editor):
        first = page.live_revision
        second = resaved_by_editor(page, editor, summary="Nu ook in de avond.")
        labels = [field.name for field in changed_fields(first.content, second.content)]
        assert labels == ["summary"]

    def test_public_history_and_comparison(self, client, page, editor):
        first = page.live_revision
        second = resaved_by_editor(page, editor, summary="Nu ook in de avond.")
        history = client.get(page.url + page.reverse_subpage("history")).content.decode()
        assert "Gewijzigd: samenvatting</p>" in history
        assert "aanleiding" not in history
        html = client.get(public_compare_url(page, first, second)).content.decode()
        assert "Alleen de opmaak" not in html
        sections = re.findall(r'<h2 id="diff-\d+">([^<]*)</h2>', html)
        assert sections == ["Samenvatting"]

    def test_only_a_resave_is_no_change_to_the_content(self, client, page, editor):
        first = page.live_revision
        second = resaved_by_editor(page, editor)
        assert compare(first.content, second.content).changes == []
        history = client.get(page.url + page.reverse_subpage("history")).content.decode()
        assert "Geen wijzigingen in de inhoud" in history

    def test_admin_comparison_shows_only_the_summary(self, client, admin_user, page, editor):
        first = page.live_revision
        second = resaved_by_editor(page, editor, summary="Nu ook in de avond.")
        client.force_login(admin_user)
        assert admin_labels(admin_compare(client, page, first, second)) == ["Samenvatting"]

    def test_review_of_a_submission_compares_by_content(self, client, page, editor):
        """The Redacteur's 'compare with the live version' of a submitted change."""
        draft = page.get_latest_revision_as_object()
        for name in RICH_TEXT_FIELDS:
            setattr(draft, name, draftail(getattr(page, name)))
        draft.summary = "Nu ook in de avond."
        submitted = draft.save_revision(user=editor)
        redacteur = create_user(username="rita", groups=[Group.objects.get(name="Moderators")])
        client.force_login(redacteur)
        url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, "live", submitted.pk))
        html = client.get(url).content.decode()
        assert admin_labels(html) == ["Samenvatting"]

    def test_keywords_in_another_order_are_no_change(self, client, admin_user, page, editor):
        first = page.live_revision
        draft = page.get_latest_revision_as_object()
        draft.keywords.set(["nah", "dementie"])
        second = draft.save_revision(user=editor)
        assert first.content["tagged_keywords"] != second.content["tagged_keywords"]
        client.force_login(admin_user)
        assert admin_labels(admin_compare(client, page, first, second)) == []


class TestTheEditorsForm:
    def test_publishing_a_summary_change_changes_only_the_summary(self, client, admin_user, page):
        """The edit form sends rich text back as Draftail's contentstate, as the browser does."""
        first = page.live_revision
        client.force_login(admin_user)
        untouched = {
            name: rich_text(getattr(page, name), features=SECTION_FEATURES)
            for name in RICH_TEXT_FIELDS
        }
        data = edit_form(
            page,
            **untouched,
            summary="Nu ook in de avond.",
            keywords="nah, dementie",
            **{"action-publish": "publish"},
        )
        response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
        assert response.status_code == 302
        page.refresh_from_db()
        second = page.live_revision
        assert second != first
        assert second.content["background"] != first.content["background"]  # re-serialised
        history = client.get(page.url + page.reverse_subpage("history")).content.decode()
        assert "Gewijzigd: samenvatting</p>" in history
        html = client.get(public_compare_url(page, first, second)).content.decode()
        assert re.findall(r'<h2 id="diff-\d+">([^<]*)</h2>', html) == ["Samenvatting"]
        assert admin_labels(admin_compare(client, page, first, second)) == ["Samenvatting"]


class TestRealChangesShow:
    @pytest.mark.parametrize(
        ("field", "old", "new"),
        [
            ("background", "leren veel óver zorg", "leren veel óver goede zorg"),
            ("approach", "https://example.org/loc", "https://example.org/nieuw"),
            ("approach", "<strong>naar de opleiding</strong>", "naar de opleiding"),
            ("lessons", "<em>cliënten</em>", "<strong><em>cliënten</em></strong>"),
            ("background", "</p><p>De coördinator", " De coördinator"),
            ("results", "<h3>Wat het oplevert</h3>", "<p>Wat het oplevert</p>"),
            ("approach", "</ul>", "<li>een derde punt.</li></ul>"),
            ("results", "anders<br/>naar", "anders naar"),
        ],
    )
    def test_everywhere(self, client, admin_user, page, editor, field, old, new):
        assert old in CONTENT[field]
        first = page.live_revision
        second = resaved_by_editor(
            page, editor, **{field: draftail(CONTENT[field].replace(old, new))}
        )
        assert [f.name for f in changed_fields(first.content, second.content)] == [field]
        html = client.get(public_compare_url(page, first, second)).content.decode()
        section = html.split(f'<h2 id="diff-1">{_label(field)}</h2>')[1].split("</section>")[0]
        assert "<ins>" in section or "<del>" in section
        client.force_login(admin_user)
        assert admin_labels(admin_compare(client, page, first, second)) == [_label(field)]

    def test_a_changed_link_names_both_addresses(self, page, editor):
        first = page.live_revision
        changed = CONTENT["approach"].replace("example.org/loc", "example.org/nieuw")
        second = resaved_by_editor(page, editor, approach=draftail(changed))
        [change] = compare(first.content, second.content).changes
        assert "Alleen de opmaak is gewijzigd." in change.html
        assert "(link: https://example.org/loc)</span></del>" in change.html
        assert change.html.count("https://example.org/loc") == 1  # once for "de website"
        assert "(link: https://example.org/nieuw)</span></ins>" in change.html

    def test_bold_added_shows_the_new_style(self, page, editor):
        first = page.live_revision
        second = resaved_by_editor(
            page, editor, lessons=CONTENT["lessons"].replace("Begin klein", "<b>Begin</b> klein")
        )
        [change] = compare(first.content, second.content).changes
        assert re.search(r"<ins><span[^>]*>[^<]*</span><strong>Begin</strong></ins>", change.html)


def _label(field: str) -> str:
    return capfirst(str(InitiativePage._meta.get_field(field).verbose_name))


class TestParagraphsStayApart:
    def test_admin_comparison(self, client, admin_user, page, editor):
        first = page.live_revision
        changed = CONTENT["background"].replace("regio Leiden", "regio Leiden en Delft")
        second = resaved_by_editor(page, editor, background=draftail(changed))
        client.force_login(admin_user)
        html = admin_compare(client, page, first, second)
        assert "ontvangen.De" not in html
        assert "zorg ontvangen.</p><p>De coördinator begon in de regio Leiden" in html
        assert '<span class="addition"><span class="w-sr-only">toegevoegd: </span> en Delft' in html

    def test_admin_list_items_stay_apart(self, client, admin_user, page, editor):
        first = page.live_revision
        second = resaved_by_editor(page, editor, lessons="<ol><li>Begin klein.</li></ol>")
        client.force_login(admin_user)
        html = admin_compare(client, page, first, second)
        assert "klein.Zie" not in html
        assert '<p>1. Begin klein.</p><p>– <span class="deletion">' in html

    def test_public_comparison(self, client, page, editor):
        first = page.live_revision
        changed = CONTENT["background"].replace("regio Leiden", "regio Leiden en Delft")
        second = resaved_by_editor(page, editor, background=draftail(changed))
        html = client.get(public_compare_url(page, first, second)).content.decode()
        assert "ontvangen.</p><p>De coördinator" in html


class TestNormalisation:
    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("<p>een <strong>twee</strong></p>", "<p>een <b>twee</b></p>"),
            ("<p>een  twee\n drie</p>", "<p>een twee drie</p>"),
            ("<p>een&nbsp;twee</p>", "<p>een twee</p>"),
            ("<p>een</p><p></p>", '<p data-block-key="abc12">een</p>'),
            ("<p> een <br> twee </p>", "<p>een<br/>twee</p>"),
            ("<p>een <em>twee</em> drie</p>", "<p>een <i>twee </i>drie</p>"),
        ],
    )
    def test_same_content(self, old, new):
        assert rich_text_blocks(old) == rich_text_blocks(new)

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("<p>een twee</p>", "<p>een drie</p>"),
            ("<p>een twee</p>", "<p>een</p><p>twee</p>"),
            ("<p>een twee</p>", "<h3>een twee</h3>"),
            ("<ul><li>een</li></ul>", "<ol><li>een</li></ol>"),
            ('<p><a href="/a">een</a></p>', '<p><a href="/b">een</a></p>'),
            (
                '<p><a linktype="page" id="3">een</a></p>',
                '<p><a linktype="page" id="4">een</a></p>',
            ),
            ("<p>een twee</p>", "<p>een <i>twee</i></p>"),
            ("<p>een twee</p>", "<p>een<br/>twee</p>"),
        ],
    )
    def test_different_content(self, old, new):
        assert rich_text_blocks(old) != rich_text_blocks(new)


class TestMediaAndVoices:
    def test_a_resaved_stream_is_no_change(self, index, editor):
        """A revision saved before a block gained a part (here the quote's optional name) or
        before list items got ids; the editor's form sends every part and wraps list items."""
        page = create_initiative(
            index,
            body=[
                ("quote", {"text": "Samen leren.", "speaker_role": "student"}),
                ("links", {"links": [{"title": "LOC", "url": "https://example.org/"}]}),
            ],
        )
        first = page.live_revision
        stored = json.loads(first.content["body"])
        stored[0]["value"].pop("speaker_name", None)
        stored[1]["value"]["links"] = [
            item.get("value", item) for item in stored[1]["value"]["links"]
        ]
        first.content["body"] = json.dumps(stored)
        first.save(update_fields=["content"])
        stream_block = InitiativePage._meta.get_field("body").stream_block
        value = stream_block.to_python(stored)
        list(value)  # every block read, as the form builds them, not kept as stored
        resaved = stream_block.get_prep_value(value)
        assert resaved != stored
        second = edit(page, editor, body=resaved)
        assert json.loads(second.content["body"]) != stored
        assert changed_fields(first.content, second.content) == []

    def test_a_changed_quote_still_shows(self, index, editor):
        page = create_initiative(
            index, body=[("quote", {"text": "Samen leren.", "speaker_role": "student"})]
        )
        first = page.live_revision
        stream_block = InitiativePage._meta.get_field("body").stream_block
        value = stream_block.to_python(first.content["body"])
        value[0].value["speaker_name"] = "Sanne"
        second = edit(page, editor, body=stream_block.get_prep_value(value))
        [change] = compare(first.content, second.content).changes
        assert "Sanne" in change.html
