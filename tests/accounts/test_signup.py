"""Signing up, confirming the e-mail address, logging in and out, resetting the password."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from initiatieven.roles import CONTRIBUTOR_GROUP
from tests.factories import USER_PASSWORD, create_user

pytestmark = pytest.mark.django_db

User = get_user_model()


def signup_data(**overrides) -> dict:
    return {
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "organisation": "ROC Zorgcollege",
        "password1": USER_PASSWORD,
        "password2": USER_PASSWORD,
        "privacy": "on",
        **overrides,
    }


def confirmation_path(message) -> str:
    match = re.search(r"http://testserver(/account/confirm-email/[^\s/]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_page_is_dutch_and_links_the_privacy_statement(client):
    response = client.get("/account/aanmelden/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Aanmelden</h1>" in html
    assert '<label for="id_name">Naam</label>' in html
    assert '<a href="/privacy/">' in html
    assert 'aria-describedby="id_privacy_helptext"' in html


def test_sign_up_confirm_and_reach_the_editor(client, index, mailoutbox):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="anna@example.org")
    assert (user.first_name, user.last_name) == ("Anna", "de Vries")
    assert user.contributor_profile.organisation == "ROC Zorgcollege"
    assert user.contributor_profile.privacy_accepted_at is not None
    assert not user.groups.exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna@example.org"]
    assert mailoutbox[0].subject.startswith("[Kennisbank]")
    assert "Open deze link om het adres te bevestigen" in mailoutbox[0].body

    # Not yet confirmed: no editor.
    assert client.get("/beheer/").status_code == 302

    link = confirmation_path(mailoutbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "anna@example.org" in page.content.decode()
    assert client.post(link).status_code == 302

    assert user.groups.filter(name=CONTRIBUTOR_GROUP).exists()
    assert EmailAddress.objects.get(user=user).verified
    # Confirmed in the browser that signed up: logged in, and the editor opens in Dutch.
    editor = client.get("/beheer/")
    assert editor.status_code == 200
    assert '<html lang="nl"' in editor.content.decode()

    fresh = Client()
    response = fresh.post(
        reverse("account_login"), {"login": "anna@example.org", "password": USER_PASSWORD}
    )
    assert response.status_code == 302
    assert fresh.get("/beheer/").status_code == 200


def test_unconfirmed_user_can_neither_log_in_nor_reach_the_editor(client, index, mailoutbox):
    client.post(reverse("account_signup"), signup_data())
    user = User.objects.get(email="anna@example.org")

    other = Client()
    response = other.post(
        reverse("account_login"),
        {"login": "anna@example.org", "password": USER_PASSWORD},
        follow=True,
    )
    assert "_auth_user_id" not in other.session
    assert "Bevestig je e-mailadres" in response.content.decode()

    other.force_login(user)
    response = other.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=/beheer/")


def test_privacy_statement_must_be_accepted(client):
    data = signup_data()
    del data["privacy"]

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Accepteer de privacyverklaring om je aan te melden." in html
    assert 'id="id_privacy_error"' in html
    assert 'aria-describedby="id_privacy_helptext id_privacy_error"' in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.filter(email="anna@example.org").exists()


def test_signing_up_with_a_taken_address_does_not_tell_and_mails_the_owner(client, mailoutbox):
    """No account enumeration (issue 12): a taken address looks like a new sign-up to whoever
    tries it; the address's owner hears of it by e-mail."""
    create_user(email="anna@example.org")
    new_address = client.post(reverse("account_signup"), signup_data(email="nieuw@example.org"))
    mailoutbox.clear()
    client.logout()

    response = client.post(reverse("account_signup"), signup_data(email="Anna@Example.org"))

    assert response.status_code == 302
    assert response.url == new_address.url
    page = client.get(response.url).content.decode()
    assert "Er is al een gebruiker" not in page
    assert User.objects.filter(email__iexact="anna@example.org").count() == 1
    (mail,) = mailoutbox
    assert mail.to == ["anna@example.org"]
    assert mail.subject == "[Kennisbank] Account bestaat al"
    assert "/account/wachtwoord-vergeten/" in mail.body


def test_name_is_split_on_the_first_space(client):
    client.post(reverse("account_signup"), signup_data(name="  Jan   van der  Berg "))

    user = User.objects.get(email="anna@example.org")
    assert (user.first_name, user.last_name) == ("Jan", "van der Berg")
    assert user.get_full_name() == "Jan van der Berg"


def test_login_logout_and_header_links(client):
    user = create_user(email="piet@example.org", first_name="Piet", last_name="Jansen")

    home = client.get("/zoeken/").content.decode()
    assert 'href="/account/inloggen/"' in home and ">Inloggen<" in home
    assert 'href="/account/aanmelden/"' in home and ">Aanmelden<" in home

    response = client.post(
        "/account/inloggen/", {"login": "piet@example.org", "password": USER_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts_profile")
    assert int(client.session["_auth_user_id"]) == user.pk

    page = client.get("/zoeken/").content.decode()
    assert ">Mijn profiel<" in page
    assert '<form method="post" action="/account/uitloggen/">' in page

    assert client.get("/account/uitloggen/").status_code == 200  # asks, does not log out
    assert "_auth_user_id" in client.session
    response = client.post("/account/uitloggen/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_an_error_on_the_login_page(client):
    create_user(email="piet@example.org")

    response = client.post("/account/inloggen/", {"login": "piet@example.org", "password": "x"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_editor_login_page_sends_people_to_the_site_login(client):
    response = client.get("/beheer/login/?next=/beheer/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/beheer/pages/"
    assert client.get("/beheer/")["Location"] == "/account/inloggen/?next=/beheer/"


def test_password_reset_sends_a_link_that_sets_a_new_password(client, mailoutbox):
    user = create_user(email="piet@example.org")

    response = client.post("/account/wachtwoord-vergeten/", {"email": "piet@example.org"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    match = re.search(r"http://testserver(/account/password/reset/key/\S+/)", mailoutbox[0].body)
    assert match, mailoutbox[0].body
    form_page = client.get(match.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else match.group(1),
        {"password1": "nieuw-wachtwoord-2025", "password2": "nieuw-wachtwoord-2025"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("nieuw-wachtwoord-2025")


@pytest.mark.parametrize("login", ["admin", "admin@example.org"])
def test_demo_administrator_logs_in_by_username_or_email_without_confirming(client, index, login):
    from kennisbank.demo import DEMO_ADMIN_PASSWORD, ensure_demo_admin

    ensure_demo_admin()
    ensure_demo_admin()  # idempotent: one confirmed address

    response = client.post("/account/inloggen/", {"login": login, "password": DEMO_ADMIN_PASSWORD})

    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200
    assert EmailAddress.objects.filter(email="admin@example.org", verified=True).count() == 1


def test_password_errors_and_login_labels_are_dutch(client):
    signup = client.post(reverse("account_signup"), signup_data(password1="kort", password2="kort"))
    login = client.get(reverse("account_login"))

    assert (
        "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten." in signup.content.decode()
    )
    assert '<label for="id_login">E-mailadres of gebruikersnaam</label>' in login.content.decode()
