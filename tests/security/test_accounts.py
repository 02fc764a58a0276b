"""Issue 12, findings 1, 7, 8 and 9: one throttled, verified way to log in and to reset a
password, no account enumeration, and a lockout by login and client address together."""

import re

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import USER_PASSWORD, create_user

pytestmark = pytest.mark.django_db

LOGIN_URL = "/account/inloggen/"


def login(client, login, password, address="10.0.0.1"):
    return client.post(LOGIN_URL, {"login": login, "password": password}, REMOTE_ADDR=address)


def test_wagtails_own_login_for_private_pages_leads_to_the_site_login(client):
    """Finding 1: `/_util/login/` logged in anyone with a password, unconfirmed e-mail or not,
    and without the lockout."""
    user = create_user(verified=False)

    page = client.get("/_util/login/?next=/prive/")
    posted = client.post("/_util/login/", {"username": user.username, "password": USER_PASSWORD})

    assert page.status_code in (301, 302)
    assert page.url == f"{reverse('account_login')}?next=/prive/"
    assert posted.status_code in (301, 302)
    assert "_auth_user_id" not in client.session


def test_a_private_page_asks_to_log_in_on_the_site_and_offers_no_shared_password(
    client, admin_client, initiative
):
    PageViewRestriction.objects.create(page=initiative, restriction_type="login")

    response = client.get(initiative.url)
    privacy_form = admin_client.get(f"/beheer/pages/{initiative.pk}/privacy/").content.decode()

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next=")
    assert 'value="password"' not in privacy_form


def test_the_editors_password_reset_leads_to_the_sites_rate_limited_flow(client, mailoutbox):
    """Finding 8: /beheer/password_reset/ sent reset e-mails without any rate limit."""
    user = create_user()
    for path in ("/beheer/password_reset/", "/beheer/password_reset/done/"):
        response = client.get(path)
        assert response.status_code in (301, 302), path
        assert response.url == reverse("account_reset_password")

    posted = client.post("/beheer/password_reset/", {"email": user.email})

    assert posted.status_code in (301, 302)
    assert mailoutbox == []
    assert "password_reset" not in client.get(reverse("account_login")).content.decode()


def test_a_password_reset_does_not_tell_whether_an_address_has_an_account(client, mailoutbox):
    """Finding 7: the same answer for a known and an unknown address; each gets an e-mail."""
    user = create_user(email="bekend@example.org")

    known = client.post(reverse("account_reset_password"), {"email": user.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"})

    assert (
        (known.status_code, known.url)
        == (unknown.status_code, unknown.url)
        == (
            302,
            reverse("account_reset_password_done"),
        )
    )
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "bekend@example.org",
        "onbekend@example.org",
    ]


def test_failed_logins_lock_out_that_login_from_that_address_only(client, settings):
    """Finding 9: after the limit, the login is refused from that address, also with the right
    password, with a Dutch 429; the same login from another address and another login from the
    same address still work (nobody can lock a known user out from elsewhere)."""
    settings.AXES_FAILURE_LIMIT = 3
    target = create_user(email="doelwit@example.org")
    other = create_user(email="ander@example.org")

    for _attempt in range(2):
        assert login(client, "Doelwit@example.org", "fout-wachtwoord").status_code == 200
    assert login(client, "doelwit@example.org ", "fout-wachtwoord").status_code == 429
    locked = login(client, target.username, USER_PASSWORD)

    assert locked.status_code == 429
    assert "Te veel mislukte pogingen om in te loggen" in locked.content.decode()
    assert int(locked["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in client.session

    assert login(client, target.email, USER_PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert login(client, other.email, USER_PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = create_user()
    for _attempt in range(2):
        login(client, user.email, "fout-wachtwoord")
    assert login(client, user.email, USER_PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(2):
        login(client, user.email, "fout-wachtwoord")
    assert login(client, user.email, USER_PASSWORD).status_code == 302


def test_behind_a_proxy_the_lockout_counts_the_address_the_proxy_saw(client, settings):
    """With NUM_PROXIES=1 the client's own X-Forwarded-For entries cannot dodge the lockout."""
    settings.AXES_FAILURE_LIMIT = 2
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = create_user()
    for spoofed in ("1.1.1.1", "2.2.2.2"):
        client.post(
            LOGIN_URL,
            {"login": user.email, "password": "fout"},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, 203.0.113.7",
        )
    response = client.post(
        LOGIN_URL,
        {"login": user.email, "password": USER_PASSWORD},
        REMOTE_ADDR="10.0.0.9",
        HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.7",
    )
    assert response.status_code == 429


def test_security_txt_says_where_to_report(client, settings):
    settings.SECURITY_CONTACT = "meld@example.org"
    response = client.get("/.well-known/security.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Contact: mailto:meld@example.org" in text
    assert re.search(r"^Expires: 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$", text, re.MULTILINE)
