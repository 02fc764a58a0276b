"""Issue 12, the editor: Bijdragers' changes to shared organisations and images go through
review, a contact address that is not public stays hidden from other Bijdragers, and tampered or
odd requests to the editor get a clear message instead of a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.services.roles import CONTRIBUTOR_GROUP, MODERATOR_GROUP
from initiatieven.models import Organisation
from tests.factories import create_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributor(index):
    return create_user(groups=[CONTRIBUTOR_GROUP])


@pytest.fixture
def moderator(index):
    return create_user(groups=[MODERATOR_GROUP])


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
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
