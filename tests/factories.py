"""Test data builders. Values are drawn lazily, per call, never at import time."""

from __future__ import annotations

import itertools

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
