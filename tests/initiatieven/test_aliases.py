"""An initiative shown in a second place: Wagtail's alias, made from the editor's copy page."""

import pytest
from django.urls import reverse

from initiatieven.models import InitiativePage
from tests.factories import create_initiative

pytestmark = pytest.mark.django_db


def test_an_editor_can_make_an_alias_of_an_initiative(index, admin_user, client):
    original = create_initiative(index, title="Origineel", key="origineel")
    client.force_login(admin_user)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(original.pk,)),
        {
            "new_title": "Origineel",
            "new_slug": "origineel-alias",
            "new_parent_page": index.pk,
            "alias": "on",
        },
    )

    assert response.status_code == 302
    alias = InitiativePage.objects.get(alias_of=original)
    assert alias.live and alias.title == "Origineel"
    # Its own import key: the original's stays the original's.
    assert alias.key != original.key
    original.refresh_from_db()
    assert original.key == "origineel"

    # Publishing the original updates the alias, which keeps its own key.
    original.title = "Origineel, herzien"
    original.save_revision().publish()
    alias.refresh_from_db()
    assert alias.title == "Origineel, herzien"
    assert alias.key != "origineel"
