"""The site speaks Dutch in the je form, says "bevestigingsmail", and counts like Dutch does,
also where the words come from Django's, allauth's or Wagtail's own catalogues."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import create_initiative, create_user

pytestmark = pytest.mark.django_db

# "u" and "uw" as words (also the "u" of "a.u.b."), not inside "nu" or "nieuw".
FORMAL = re.compile(r"\b(?:[Uu]|[Uu]w)\b")


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(strip_tags(html).split())


def test_public_and_account_pages_use_the_je_form(client, index):
    # Fixed texts: the site's own wording is checked, not random words (a random place or
    # sentence may hold a "u").
    page = create_initiative(
        index,
        title="Gastdocenten in de klas",
        summary="Ervaringsdeskundigen geven les aan studenten zorg en welzijn.",
        approach="<p>Studenten leren van mensen met dementie.</p>",
        place="Leiden",
    )
    urls = [
        "/",
        index.url,
        page.url,
        page.url + "geschiedenis/",
        "/zoeken/?q=zorg",
        "/account/aanmelden/",
        "/account/inloggen/",
        "/account/wachtwoord-vergeten/",
        "/account/password/reset/done/",
        "/account/email/",
    ]
    for url in urls:
        text = visible_text(client.get(url, follow=True))
        assert not FORMAL.findall(text), (url, FORMAL.findall(text))

    client.force_login(create_user())
    for url in ("/account/profiel/", "/account/password/change/", "/account/email/"):
        text = visible_text(client.get(url, follow=True))
        assert not FORMAL.findall(text), (url, FORMAL.findall(text))


def test_password_help_on_sign_up_uses_je(client):
    text = visible_text(client.get("/account/aanmelden/"))
    assert "Je wachtwoord mag niet te veel lijken op je andere persoonlijke gegevens." in text
    assert "Je wachtwoord moet minstens 8 tekens lang zijn." in text
    assert "Uw wachtwoord" not in text


def test_after_signing_up_the_page_speaks_of_the_bevestigingsmail(client, index):
    response = client.post(
        reverse("account_signup"),
        {
            "name": "Anna de Vries",
            "email": "anna@example.org",
            "password1": "een-lang-wachtwoord-2025",
            "password2": "een-lang-wachtwoord-2025",
            "privacy": "on",
        },
        follow=True,
    )
    text = visible_text(response)
    assert "Bevestig je e-mailadres" in text
    assert "We hebben je een bevestigingsmail gestuurd." in text
    assert "Bevestigingsmail verstuurd naar anna@example.org." in text
    assert "verificatie" not in text.lower()


def test_editor_listing_counts_in_dutch(client, index, admin_user):
    for _number in range(3):
        create_initiative(index)
    client.force_login(admin_user)

    text = visible_text(client.get(f"/beheer/pages/{index.pk}/"))

    assert "1–3 van 3 initiatieven" in text
    assert "3van" not in text and "3initiatieven" not in text
