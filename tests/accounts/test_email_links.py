"""Links in e-mails point at the site's real address: the configured BASE_URL, else the address
the request came in on, else the default Site's host and port; never a default port."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from accounts.site_address import site_address
from initiatieven.models import InitiativePage
from tests.factories import initiative_form

pytestmark = pytest.mark.django_db

HOST = "kennisbank.example:8123"


@pytest.fixture
def elsewhere(settings):
    """A site served at another host and port than the development default."""
    settings.ALLOWED_HOSTS = ["kennisbank.example"]
    settings.BASE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"  # the old default, now unused


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def submit(index, contributor) -> InitiativePage:
    client = Client(HTTP_HOST=HOST)
    client.force_login(contributor)
    url = reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))
    response = client.post(url, initiative_form(**{"action-submit": "submit"}))
    assert response.status_code == 302
    return InitiativePage.objects.get(slug="gastheren-in-het-verpleeghuis")


def test_review_mails_link_to_the_address_of_the_request(
    elsewhere, index, contributor, moderator, mailoutbox
):
    page = submit(index, contributor)

    to_moderator = next(m for m in mailoutbox if m.to == [moderator.email])
    assert f"http://{HOST}/beheer/pages/{page.pk}/edit/" in links(to_moderator)
    assert all(link.startswith(f"http://{HOST}/") for link in links(to_moderator))

    mailoutbox.clear()
    reviewer = Client(HTTP_HOST=HOST)
    reviewer.force_login(moderator)
    task_state = page.current_workflow_task_state
    reviewer.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    approved = next(m for m in mailoutbox if m.to == [contributor.email])
    assert f"http://{HOST}/initiatieven/gastheren-in-het-verpleeghuis/" in links(approved)
    assert not any("127.0.0.1" in link or "localhost" in link for link in links(approved))


def test_without_a_request_the_default_site_gives_the_address(elsewhere, index):
    Site.objects.filter(is_default_site=True).update(hostname="kennisbank.example", port=8443)
    assert site_address() == "http://kennisbank.example:8443"
    Site.objects.filter(is_default_site=True).update(port=443)
    assert site_address() == "https://kennisbank.example"


def test_a_configured_base_url_wins(settings, index, contributor, moderator, mailoutbox):
    settings.ALLOWED_HOSTS = ["kennisbank.example"]
    settings.BASE_URL = "https://kennisbank.example.org"

    page = submit(index, contributor)

    to_moderator = next(m for m in mailoutbox if m.to == [moderator.email])
    assert f"https://kennisbank.example.org/beheer/pages/{page.pk}/edit/" in links(to_moderator)


def test_confirmation_mail_links_to_the_address_of_the_request(elsewhere, index, mailoutbox):
    Client(HTTP_HOST=HOST).post(
        reverse("account_signup"),
        {
            "name": "Anna de Vries",
            "email": "anna@example.org",
            "password1": "een-lang-wachtwoord-2025",
            "password2": "een-lang-wachtwoord-2025",
            "privacy": "on",
        },
    )
    assert [link.split("/account/")[0] for link in links(mailoutbox[0])] == [f"http://{HOST}"]
