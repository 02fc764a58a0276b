"""The published versions of an initiative and who wrote them, from Wagtail's log of
publications (one query each)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Min, QuerySet
from wagtail.models import Page, PageLogEntry

from initiatieven.contributors import contributor_name
from initiatieven.history.comparison import changed_fields


@dataclass(frozen=True)
class PublishedVersion:
    """One published revision of an initiative, as the public history shows it."""

    revision_id: int
    number: int  # 1 is the first published version
    published_at: datetime.datetime
    contributor: str
    content: dict
    change_summary: str  # empty unless it differs from the previous version's summary
    changed_labels: list[str]  # tracked fields changed since the previous version


def _publications(page: Page) -> QuerySet[PageLogEntry]:
    # Wagtail logs every publication of a revision (also through a workflow or a schedule);
    # drafts, revisions in review and rejected ones never get this entry. Filtering on the
    # revision's own page also skips entries whose revision was purged.
    return PageLogEntry.objects.filter(
        page_id=page.pk, action="wagtail.publish", revision__object_id=str(page.pk)
    )


def published_versions(page: Page) -> list[PublishedVersion]:
    """The published revisions of `page`, newest first, loaded in one query.

    A revision published more than once counts at its latest publication.
    """
    entries = _publications(page).select_related("revision__user").order_by("-timestamp", "-pk")
    seen: set[int] = set()
    latest_first = []
    for entry in entries:
        if entry.revision_id not in seen:
            seen.add(entry.revision_id)
            latest_first.append(entry)

    versions: list[PublishedVersion] = []
    previous: dict | None = None
    for number, entry in enumerate(reversed(latest_first), start=1):
        content = entry.revision.content
        summary = (content.get("change_summary") or "").strip()
        previous_summary = (previous.get("change_summary") or "").strip() if previous else ""
        versions.append(
            PublishedVersion(
                revision_id=entry.revision_id,
                number=number,
                published_at=entry.timestamp,
                contributor=contributor_name(entry.revision.user),
                content=content,
                change_summary=summary if summary != previous_summary else "",
                changed_labels=(
                    [field.label for field in changed_fields(previous, content)]
                    if previous is not None
                    else []
                ),
            )
        )
        previous = content
    versions.reverse()
    return versions


def contributor_names(page: Page) -> list[str]:
    """Distinct public names of the authors of the published revisions, earliest first."""
    rows = (
        _publications(page)
        .values("revision__user")
        .annotate(first=Min("timestamp"))
        .order_by("first", "revision__user")
    )
    user_ids = [row["revision__user"] for row in rows]
    users = get_user_model().objects.in_bulk([pk for pk in user_ids if pk is not None])
    names: list[str] = []
    for pk in user_ids:
        name = contributor_name(users.get(pk) if pk is not None else None)
        if name not in names:
            names.append(name)
    return names
