"""The public site's ways into the editor: "Initiatief toevoegen" and "Bewerk dit initiatief"
lead a contributor to the editor's form, and a visitor through logging in or signing up (with
the e-mail confirmation, in the same browser or another) back to it."""

import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from initiatieven.roles import CONTRIBUTOR_GROUP
from tests.factories import USER_PASSWORD, create_initiative, create_user

pytestmark = pytest.mark.django_db

ADD = "/initiatief-toevoegen/"


def edit_path(page) -> str:
    return f"/initiatief-bewerken/{page.pk}/"


def login_redirect(path: str) -> str:
    return f"/account/inloggen/?next={quote(path)}"


def add_form_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("initiatieven", "initiativepage", index.pk))


def signup(client, *, next_url: str, email: str = "anna@example.org", **extra):
    return client.post(
        reverse("account_signup"),
        {
            "name": "Anna de Vries",
            "email": email,
            "password1": USER_PASSWORD,
            "password2": USER_PASSWORD,
            "privacy": "on",
            "next": next_url,
        },
        **extra,
    )


def confirmation_link(message, host: str = "http://testserver") -> str:
    match = re.search(re.escape(host) + r"(/account/confirm-email/[^\s/]+/\S*)", message.body)
    assert match, message.body
    return match.group(1)


def test_header_and_index_offer_adding_an_initiative(client, index, initiative):
    for url in ("/", index.url, initiative.url):
        html = client.get(url).content.decode()
        assert f'href="{ADD}">Initiatief toevoegen</a>' in html, url
    assert "Mis je een initiatief?" in client.get(index.url).content.decode()


def test_every_initiative_offers_editing_it(client, initiative):
    html = client.get(initiative.url).content.decode()
    assert f'href="{edit_path(initiative)}">Bewerk dit initiatief</a>' in html


def test_visitor_is_sent_to_log_in_and_the_login_page_offers_signing_up(client, initiative):
    for path in (ADD, edit_path(initiative)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == login_redirect(path)

        html = client.get(response["Location"]).content.decode()
        assert "Log in om verder te gaan naar de pagina die je opvroeg." in html
        assert f'href="/account/aanmelden/?next={quote(path, safe="")}">Meld je aan</a>' in html
        assert f'name="next" value="{path}"' in html


def test_contributor_goes_straight_to_the_editors_forms(client, index, initiative):
    client.force_login(create_user(groups=[CONTRIBUTOR_GROUP]))

    response = client.get(ADD)
    assert response.status_code == 302
    assert response["Location"] == add_form_url(index)
    assert client.get(response["Location"]).status_code == 200

    response = client.get(edit_path(initiative))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(initiative.pk,))
    assert client.get(response["Location"]).status_code == 200


def test_logging_in_from_the_edit_link_returns_to_the_editor(client, initiative):
    create_user(groups=[CONTRIBUTOR_GROUP], email="piet@example.org")
    path = edit_path(initiative)

    response = client.post(
        "/account/inloggen/",
        {"login": "piet@example.org", "password": USER_PASSWORD, "next": path},
        follow=True,
    )

    assert [url for url, _status in response.redirect_chain] == [
        path,
        reverse("wagtailadmin_pages:edit", args=(initiative.pk,)),
    ]
    assert response.status_code == 200


def test_unknown_or_unpublished_initiative_is_not_found(client, index):
    draft = create_initiative(index, publish=False)
    assert client.get(edit_path(draft)).status_code == 404
    assert client.get("/initiatief-bewerken/999999/").status_code == 404
    assert client.get("/initiatief-bewerken/abc/").status_code == 404


def test_logged_in_without_rights_gets_a_clear_explanation(client, initiative):
    client.force_login(create_user(first_name="Piet", last_name="Jansen"))

    for path, heading in (
        (ADD, "Je kunt nog geen initiatieven toevoegen"),
        (edit_path(initiative), "Je kunt dit initiatief nog niet bewerken"),
    ):
        response = client.get(path)
        assert response.status_code == 403
        html = response.content.decode()
        assert f"<h1>{heading}</h1>" in html
        assert "Je bent ingelogd als Piet Jansen" in html
        assert "Vraag het de redactie" in html
    assert f">Terug naar {initiative.title}</a>" in html


def test_unconfirmed_user_is_asked_to_confirm_and_can_get_the_mail_again(client, index, mailoutbox):
    user = create_user(verified=False, email="anna@example.org")
    client.force_login(user)

    response = client.get(ADD)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Bevestig eerst je e-mailadres <strong>anna@example.org</strong>" in html
    assert "bevestigingsmail" in html
    assert ">Stuur de bevestigingsmail opnieuw</button>" in html
    client.post(
        reverse("account_email"), {"email": "anna@example.org", "action_send": ""}, follow=True
    )
    assert [message.to for message in mailoutbox] == [["anna@example.org"]]


def test_sign_up_from_the_edit_link_and_confirm_in_the_same_browser(client, initiative, mailoutbox):
    path = edit_path(initiative)
    assert signup(client, next_url=path).status_code == 302
    link = confirmation_link(mailoutbox[0])
    assert link.endswith(f"?next={quote(path, safe='')}")

    page = client.get(link)
    assert f'name="next" value="{path}"' in page.content.decode()
    response = client.post(link, {"next": path}, follow=True)

    assert [url for url, _status in response.redirect_chain] == [
        path,
        reverse("wagtailadmin_pages:edit", args=(initiative.pk,)),
    ]
    assert response.status_code == 200


def test_confirming_in_another_browser_asks_to_log_in_and_then_goes_on(client, index, mailoutbox):
    assert signup(client, next_url=ADD).status_code == 302
    link = confirmation_link(mailoutbox[0])

    phone = Client()
    response = phone.post(link, {"next": ADD}, follow=True)

    assert response.redirect_chain[-1][0] == login_redirect(ADD) + "&bevestigd=1"
    html = response.content.decode()
    assert "Je e-mailadres anna@example.org is bevestigd." in html
    assert "Log in met je e-mailadres en wachtwoord om verder te gaan." in html
    assert "Nog geen account?" not in html
    assert "_auth_user_id" not in phone.session

    response = phone.post(
        "/account/inloggen/",
        {"login": "anna@example.org", "password": USER_PASSWORD, "next": ADD},
        follow=True,
    )
    assert [url for url, _status in response.redirect_chain] == [ADD, add_form_url(index)]
    assert response.status_code == 200


def test_confirming_in_another_browser_without_a_destination_still_says_what_next(
    client, index, mailoutbox
):
    client.post(
        reverse("account_signup"),
        {
            "name": "Anna de Vries",
            "email": "anna@example.org",
            "password1": USER_PASSWORD,
            "password2": USER_PASSWORD,
            "privacy": "on",
        },
    )
    link = confirmation_link(mailoutbox[0])
    assert "?next=" not in link

    response = Client().post(link, follow=True)

    assert response.redirect_chain[-1][0] == "/account/inloggen/?bevestigd=1"
    assert "Log in met je e-mailadres en wachtwoord om verder te gaan." in (
        response.content.decode()
    )


def test_confirmation_link_uses_the_address_the_visitor_used(client, index, mailoutbox, settings):
    settings.ALLOWED_HOSTS = ["kennisbank.example"]
    signup(client, next_url=ADD, HTTP_HOST="kennisbank.example:8123")

    link = confirmation_link(mailoutbox[0], host="http://kennisbank.example:8123")
    assert "127.0.0.1" not in mailoutbox[0].body
    assert link.startswith("/account/confirm-email/")


def test_logging_in_unconfirmed_sends_the_confirmation_mail_again(client, index, mailoutbox):
    signup(client, next_url=ADD)
    cache.clear()  # as after allauth's few minutes between two confirmation mails

    response = Client().post(
        "/account/inloggen/",
        {"login": "anna@example.org", "password": USER_PASSWORD},
        follow=True,
    )

    assert "Bevestig je e-mailadres" in response.content.decode()
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == ["anna@example.org"]
