"""Finding and adding organisations from the editor's organisation picker."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.actions.create import CreateAction

from initiatieven.models import Organisation
from search.dutch.folding import fold

MAX_MATCHES = 10


@dataclass(frozen=True)
class Match:
    id: int
    name: str
    place: str


def find_organisations(*, query: str, limit: int = MAX_MATCHES) -> list[Match]:
    """Organisations whose name contains `query`, ignoring case, accents and punctuation
    ('fryslan' finds 'Fryslân'): names that start with it first, then names with a word that
    starts with it, then the rest, each alphabetically. An empty query finds nothing."""
    needle = fold(query)
    if not needle:
        return []
    ranked = []
    for pk, name, place in Organisation.objects.order_by("name").values_list("pk", "name", "place"):
        folded = fold(name)
        if needle not in folded:
            continue
        if folded.startswith(needle):
            rank = 0
        elif f" {needle}" in f" {folded}":
            rank = 1
        else:
            rank = 2
        ranked.append((rank, folded, Match(id=pk, name=name, place=place)))
    ranked.sort(key=lambda item: item[:2])
    return [match for _rank, _folded, match in ranked[:limit]]


def find_or_create_organisation(*, name: str, user) -> tuple[Organisation, bool]:
    """The organisation called `name` (compared as find_organisations does), created with kind
    'other' when there is none. Returns it and whether it is new; a blank or too long name
    raises ValidationError with a message for the editor.

    A new organisation is published at once only when `user` may publish organisations (a
    Redacteur). Otherwise it is a draft submitted to the Redactie workflow: it shows up on the
    Redacteuren's dashboard under "Awaiting your review" and stays off the public site until
    one of them publishes it."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Type the name of the organisation."))
    max_length = Organisation._meta.get_field("name").max_length
    if len(name) > max_length:
        raise ValidationError(
            _("The name is too long: at most %(max)d characters."), params={"max": max_length}
        )
    # Control and format characters (NUL, zero-width spaces) would make look-alike names, and
    # PostgreSQL refuses NUL.
    if any(unicodedata.category(character) in {"Cc", "Cf"} for character in name):
        raise ValidationError(_("Do not use invisible characters in the name."))
    if not fold(name):
        raise ValidationError(_("Use a letter or digit in the name."))
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is None:
        wanted = fold(name)
        existing = next(
            (item for item in Organisation.objects.only("pk", "name") if fold(item.name) == wanted),
            None,
        )
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _create(name=name, user=user), True
    except IntegrityError:
        # Someone added the same name a moment ago.
        return Organisation.objects.get(name=name), False


def _create(*, name: str, user) -> Organisation:
    organisation = Organisation(name=name, kind=Organisation.Kind.OTHER)
    may_publish = user.has_perm("initiatieven.publish_organisation")
    CreateAction(organisation, user=user, publish=may_publish).execute(skip_permission_checks=True)
    if not may_publish:
        workflow = organisation.get_workflow()
        if workflow is not None:
            workflow.start(organisation, user)
    return organisation
