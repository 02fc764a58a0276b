"""What a reader sees first on an initiative page (the summary and the key facts, a picture only
when there is one) and how its dates agree with the history."""

import datetime
import re

import pytest
from django.utils import formats, timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from initiatieven.history import published_versions
from initiatieven.models import Organisation
from tests.factories import create_initiative, create_user

pytestmark = pytest.mark.django_db


def day(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")


@pytest.fixture
def page(index):
    page = create_initiative(
        index,
        place="Leiden",
        contact_name="Contactpunt Leiden",
        contact_email="info@example.org",
        contact_is_public=True,
        background="<p>Waarom het begon.</p>",
    )
    page.organisations.set([Organisation.objects.create(name="mboRijnland", place="Leiden")])
    page.save_revision().publish()
    return page


def test_key_facts_follow_the_summary_before_the_text(client, page):
    html = client.get(page.url).content.decode()

    summary = html.index(page.summary)
    facts = html.index('<h2 id="kenmerken">In het kort</h2>')
    text = html.index('<h2 id="aanleiding">Aanleiding</h2>')
    assert summary < facts < text
    facts_html = html[facts:text]
    for label, value in (
        ("Plaats", "Leiden"),
        ("Organisaties", "mboRijnland"),
        ("Fase", "Lopend"),
        ("Contact", "Contactpunt Leiden"),
    ):
        assert f"<dt>{label}</dt>" in facts_html
        assert value in facts_html


def test_no_picture_without_an_image(client, page):
    html = client.get(page.url).content.decode()
    assert "<figure" not in html.split('<h2 id="aanleiding">')[0]
    assert "initiative__hero" not in html


def test_a_real_image_is_shown_at_a_modest_size(client, index):
    image = Image.objects.create(title="Foto", file=get_test_image_file(size=(1600, 900)))
    page = create_initiative(index, hero_image=image, hero_image_alt="Studenten in de keuken")

    html = client.get(page.url).content.decode()

    assert '<figure class="initiative__hero">' in html
    assert 'alt="Studenten in de keuken"' in html
    # At most 800 by 450 px, never the full-width 1200 px rendition of before.
    assert 'height="450" src="/media/images/test.max-800x450.png" width="800"' in html


def test_last_updated_and_the_history_agree(client, page, admin_user):
    page.summary = "Een betere samenvatting."
    page.save_revision(user=admin_user).publish(user=admin_user)
    page.refresh_from_db()

    html = client.get(page.url).content.decode()
    newest = published_versions(page)[0]

    updated = day(page.last_published_at)
    assert day(newest.published_at) == updated
    assert re.search(rf"<dt>Laatst bijgewerkt</dt>\s*<dd><time [^>]+>{updated}</time>", html)
    history = client.get(page.url + "geschiedenis/").content.decode()
    assert updated in history


def test_last_reviewed_is_shown_as_the_editors_check(client, page):
    html = client.get(page.url).content.decode()
    assert "Laatst gecontroleerd" not in html

    page.last_reviewed = datetime.date(2025, 3, 3)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    assert "<dt>Laatst gecontroleerd</dt>" in html
    assert '<time datetime="2025-03-03">3 maart 2025</time> door de redactie' in html


def test_edit_invitation_links_the_public_edit_address(client, page):
    html = client.get(page.url).content.decode()
    assert (
        f"Weet je meer over dit initiatief, of klopt er iets niet meer? "
        f'<a href="/initiatief-bewerken/{page.pk}/">Bewerk dit initiatief</a>'
    ) in html


def test_edit_link_works_for_a_logged_in_contributor(client, page):
    from initiatieven.roles import CONTRIBUTOR_GROUP

    client.force_login(create_user(groups=[CONTRIBUTOR_GROUP]))
    response = client.get(f"/initiatief-bewerken/{page.pk}/")
    assert response["Location"] == f"/beheer/pages/{page.pk}/edit/"
