"""Test data builders. Values are drawn lazily, per call, never at import time."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from faker import Faker
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from initiatieven.models import (
    InitiativeIndexPage,
    InitiativePage,
    Phase,
    Province,
    TargetGroup,
    Theme,
)

fake = Faker("nl_NL")
_sequence = itertools.count(1)


def create_initiative(
    parent: InitiativeIndexPage,
    *,
    publish: bool = True,
    themes=(),
    keywords=(),
    target_groups=(),
    **fields,
) -> InitiativePage:
    """Create an initiative under `parent` (published unless told otherwise); themes and
    target groups by slug."""
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
    if target_groups:
        page.target_groups.set(TargetGroup.objects.filter(slug__in=target_groups))
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


MULTI_VALUED_FIELDS = ("themes", "organisations", "sectors", "education_levels", "target_groups")


def initiative_form(**fields) -> dict:
    """The editor's form for an initiative, with `fields` (and an action) on top."""
    values = {
        "title": "Gastheren in het verpleeghuis",
        "slug": "gastheren-in-het-verpleeghuis",
        "summary": "Gastvrouwen en -heren zijn er voor de bewoners.",
        "background": rich_text(""),
        "approach": rich_text("Gastvrouwen en -heren koken en praten mee."),
        "results": rich_text(""),
        "lessons": rich_text(""),
        "body": streamfield([]),
        "keywords": "gastvrijheid",
        "province": Province.objects.get(slug="noord-brabant").pk,
        "place": "Tilburg",
        "phase": Phase.objects.get(slug="pilot").pk,
        "start_year": "2022",
        "comments": inline_formset([]),
        **fields,
    }
    # nested_form_data would number a list's items (themes-0, ...); the test client posts a
    # list as the field's several values, as a browser does.
    several = {name: values.pop(name) for name in MULTI_VALUED_FIELDS if name in values}
    return {**nested_form_data(values), **several}


def edit_form(page: InitiativePage, **fields) -> dict:
    """The editor's form for `page` as it stands, with `fields` changed."""
    current = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "approach": rich_text(page.approach),
        "province": page.province_id,
        "phase": page.phase_id,
        "place": page.place,
        "start_year": str(page.start_year),
    }
    return initiative_form(**{**current, **fields})
