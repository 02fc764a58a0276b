"""No lost updates: a save based on an outdated version of a page is refused until confirmed.

Wagtail's editor tells the server which revision a form was loaded from (`loaded_revision_id`
and `loaded_revision_created_at`); its autosave stores the form in a revision of its own and
keeps overwriting it (`overwrite_revision_id`, sent by the autosave requests only). Wagtail
refuses an outdated autosave but lets a manual save overwrite a newer revision after only a
warning. Our rule: a manual save, submit or publish of a form loaded before the latest revision
is refused and the editor is shown what the other person changed; they may then save their
version anyway by confirming against that exact latest revision (`confirm_overwrite`), or
reopen the newest version. If yet another revision appears meanwhile, the confirmation no
longer matches and they are asked again.

A form's own autosaves are not someone else's version: every editor form carries a random
`editing_token` (static/js/editor.js), and each autosave records which revision it wrote for
that token (`record_autosave`). When the latest revision is the one recorded for the posted
token and user, the form is up to date.

Check and save are one step: `locked_page` holds the page's row lock (PostgreSQL) or the
database's write lock (SQLite, whose transactions begin IMMEDIATE) from before the check until
the save commits, so of two simultaneous saves the second sees the first one's revision.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.http import QueryDict
from wagtail.models import Page, Revision

from initiatieven.models import AutosavedRevision

CONFIRM_FIELD = "confirm_overwrite"
TOKEN_FIELD = "editing_token"  # noqa: S105 (a form field name)
TOKEN_MAX_LENGTH = 64
# Fields of the edit form that describe the editing session, not the content; the conflict page
# posts everything else back unchanged. A confirmed save makes a new revision: the form's own
# autosaved revision is no longer the latest, so Wagtail would refuse to overwrite it.
_SESSION_FIELDS = frozenset({"csrfmiddlewaretoken", CONFIRM_FIELD, "overwrite_revision_id"})


@dataclass(frozen=True)
class EditConflict:
    """A save of `page` based on `loaded` (None when unknown) while `latest` is newer."""

    page: Page
    loaded: Revision | None
    latest: Revision


@contextmanager
def locked_page(page_id: int) -> Iterator[None]:
    """A transaction that holds the page row's lock until it ends: saves of one page queue."""
    with transaction.atomic():
        list(Page.objects.select_for_update().filter(pk=page_id).values_list("pk", flat=True))
        yield


def _token(data: QueryDict) -> str:
    token = data.get(TOKEN_FIELD, "")
    # Printable ASCII only, as editor.js makes it: PostgreSQL refuses a NUL in a query.
    usable = 0 < len(token) <= TOKEN_MAX_LENGTH and token.isascii() and token.isprintable()
    return token if usable else ""


def _is_own_autosave(
    *, page: Page, latest: Revision, token: str, user: AbstractBaseUser | AnonymousUser
) -> bool:
    if not token or not user.is_authenticated or latest.user_id != user.pk:
        return False
    return AutosavedRevision.objects.filter(
        page=page, token=token, user=user, revision=latest
    ).exists()


def find_conflict(
    *, page: Page, data: QueryDict, user: AbstractBaseUser | AnonymousUser
) -> EditConflict | None:
    """The conflict a posted edit form would cause, or None when it may be saved."""
    latest = page.get_latest_revision()
    if latest is None:
        return None
    latest_id = str(latest.pk)
    if data.get(CONFIRM_FIELD) == latest_id:
        return None
    if _is_own_autosave(page=page, latest=latest, token=_token(data), user=user):
        return None
    overwrite_id = data.get("overwrite_revision_id")
    loaded_id = data.get("loaded_revision_id")
    if overwrite_id:
        # The form autosaved into its own revision: outdated only if someone saved after it.
        outdated, based_on = overwrite_id != latest_id, overwrite_id
    elif loaded_id:
        loaded_at = data.get("loaded_revision_created_at", "")
        outdated = loaded_id != latest_id or loaded_at != latest.created_at.isoformat()
        based_on = loaded_id
    else:
        # A form without the editor's revision fields (not Wagtail's editor): nothing to go by.
        return None
    if not outdated:
        return None
    # isascii(): isdigit() also accepts superscript digits, which the database lookup refuses.
    readable = based_on.isascii() and based_on.isdigit() and len(based_on) <= 18
    loaded = page.revisions.filter(pk=based_on).first() if readable else None
    return EditConflict(page=page, loaded=loaded, latest=latest)


def record_autosave(
    *, page: Page, data: QueryDict, user: AbstractBaseUser, revision: Revision
) -> None:
    """Remember that the form that posted `data` autosaved into `revision`."""
    token = _token(data)
    if not token:
        return
    AutosavedRevision.objects.update_or_create(
        page=page, token=token, defaults={"user": user, "revision": revision}
    )
    # Only the latest revision can match, however long a tab stays open: the other forms'
    # records of this page are spent.
    AutosavedRevision.objects.filter(page=page).exclude(revision=revision).delete()


def forget_form(*, page: Page, data: QueryDict) -> None:
    """A form was saved for good: the page reloads with a fresh form and token."""
    token = _token(data)
    if token:
        AutosavedRevision.objects.filter(page=page, token=token).delete()


def resubmission_fields(data: QueryDict) -> list[tuple[str, str]]:
    """The posted form, as (name, value) pairs to post again unchanged after confirming."""
    return [
        (name, value)
        for name, values in data.lists()
        if name not in _SESSION_FIELDS
        for value in values
    ]
