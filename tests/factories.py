"""Test data builders. Values are drawn lazily, per call, never at import time."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from faker import Faker

from initiatieven.models import InitiativeIndexPage, InitiativePage, Phase, Province, Theme

fake = Faker("nl_NL")
_sequence = itertools.count(1)


def create_initiative(
    parent: InitiativeIndexPage, *, publish: bool = True, themes=(), keywords=(), **fields
) -> InitiativePage:
    """Create an initiative under `parent` (published unless told otherwise)."""
    number = next(_sequence)
    values = {
        "title": f"{fake.catch_phrase()} {number}",
        "summary": fake.sentence(nb_words=12),
        "approach": f"<p>{fake.paragraph()}</p>",
        "province": Province.objects.get(slug="zuid-holland"),
        "phase": Phase.objects.get(slug="lopend"),
        "place": fake.city(),
        "start_year": 2021,
        **fields,
    }
    page = parent.add_child(instance=InitiativePage(live=publish, **values))
    if themes:
        page.themes.set(Theme.objects.filter(slug__in=themes))
    if keywords:
        page.keywords.add(*keywords)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


USER_PASSWORD = "zorg-en-leren-2025"  # noqa: S105


def create_user(*, groups=(), verified: bool = True, email: str | None = None, **fields):
    """A user with a primary e-mail address (verified unless told otherwise), in `groups`."""
    number = next(_sequence)
    email = email or f"gebruiker{number}@example.org"
    values = {
        "username": f"gebruiker{number}",
        "first_name": fake.first_name(),
        "last_name": fake.last_name(),
        **fields,
    }
    user = get_user_model().objects.create_user(email=email, password=USER_PASSWORD, **values)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user
