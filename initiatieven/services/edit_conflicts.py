"""No lost updates: a save based on an outdated version of a page is refused until confirmed.

Wagtail's editor tells the server which revision a form was loaded from (`loaded_revision_id`
and `loaded_revision_created_at`) and, after an autosave, which revision the form keeps
overwriting (`overwrite_revision_id`). Wagtail refuses an outdated autosave but lets a manual
save overwrite a newer revision after only a warning. Our rule: a manual save, submit or publish
of a form loaded before the latest revision is refused and the editor is shown what the other
person changed; they may then save their version anyway by confirming against that exact latest
revision (`confirm_overwrite`), or reopen the newest version. If yet another revision appears
meanwhile, the confirmation no longer matches and they are asked again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from wagtail.models import Page, Revision

CONFIRM_FIELD = "confirm_overwrite"
# Fields of the edit form that describe the editing session, not the content; the conflict page
# posts everything else back unchanged.
_SESSION_FIELDS = frozenset({"csrfmiddlewaretoken", CONFIRM_FIELD})


@dataclass(frozen=True)
class EditConflict:
    """A save of `page` based on `loaded` (None when unknown) while `latest` is newer."""

    page: Page
    loaded: Revision | None
    latest: Revision


def find_conflict(*, page: Page, data: QueryDict) -> EditConflict | None:
    """The conflict a posted edit form would cause, or None when it may be saved."""
    latest = page.get_latest_revision()
    if latest is None:
        return None
    latest_id = str(latest.pk)
    if data.get(CONFIRM_FIELD) == latest_id:
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
    loaded = page.revisions.filter(pk=based_on).first() if based_on.isdigit() else None
    return EditConflict(page=page, loaded=loaded, latest=latest)


def resubmission_fields(data: QueryDict) -> list[tuple[str, str]]:
    """The posted form, as (name, value) pairs to post again unchanged after confirming."""
    return [
        (name, value)
        for name, values in data.lists()
        if name not in _SESSION_FIELDS
        for value in values
    ]
