"""Reads that several pages need, each with a fixed number of database queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from wagtail.models import PageLogEntry

from initiatieven.contributors import contributor_name
from initiatieven.models import HomePage, InitiativePage, Organisation, Province, Theme
from initiatieven.revision_diff import changed_fields

FEATURED_FALLBACK = 3


def live_initiatives() -> QuerySet[InitiativePage]:
    """Initiatives every visitor may see."""
    return InitiativePage.objects.live().public()


def initiative_cards(queryset=None) -> QuerySet[InitiativePage]:
    """Initiatives with what a result card shows, newest first, in a bounded number of queries."""
    base = queryset if queryset is not None else InitiativePage.objects.all()
    ids = base.live().public().values("pk")
    return (
        InitiativePage.objects.filter(pk__in=ids)
        .select_related("province", "phase", "hero_image")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "label")),
            "hero_image__renditions",
        )
        .order_by("-first_published_at", "-pk")
    )


def feed_entries(queryset: QuerySet[InitiativePage] | None = None) -> QuerySet[InitiativePage]:
    """The visible ones of `queryset` (default: all initiatives) with what a feed entry shows,
    last published first; slice it to bound the feed."""
    base = queryset if queryset is not None else InitiativePage.objects.all()
    ids = base.live().public().values("pk")
    return (
        InitiativePage.objects.filter(pk__in=ids)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "label"))
        )
        .order_by("-last_published_at", "-pk")
    )


def featured_initiatives(home: HomePage) -> list[InitiativePage]:
    chosen = list(home.featured_initiatives.values_list("initiative_id", flat=True))
    if chosen:
        cards = initiative_cards().filter(pk__in=chosen).in_bulk()
        return [cards[pk] for pk in chosen if pk in cards]
    return list(initiative_cards()[:FEATURED_FALLBACK])


def _with_counts(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        initiative_count=Count(
            "initiatives", filter=Q(initiatives__in=live_initiatives().values("pk")), distinct=True
        )
    ).order_by("sort_order", "label")


def themes_with_counts() -> QuerySet[Theme]:
    return _with_counts(Theme.objects.all())


def provinces_with_counts() -> QuerySet[Province]:
    return _with_counts(Province.objects.all())


def live_organisations(page: InitiativePage) -> list[Organisation]:
    """The page's organisations as published: one a Bijdrager added and no Redacteur published
    yet stays out of every public place (a Python filter, so a prefetch still serves it)."""
    return [organisation for organisation in page.organisations.all() if organisation.live]


def initiative_detail(page: InitiativePage) -> dict:
    """Everything the initiative template lists, fetched once each."""
    themes = list(page.themes.all())
    return {
        "themes": themes,
        "sectors": list(page.sectors.all()),
        "education_levels": list(page.education_levels.all()),
        "target_groups": list(page.target_groups.all()),
        "organisations": live_organisations(page),
        "keywords": list(page.keywords.all()),
        "contributors": contributor_names(page),
    }


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


def _publications(page: InitiativePage) -> QuerySet[PageLogEntry]:
    # Wagtail logs every publication of a revision (also through a workflow or a schedule);
    # drafts, revisions in review and rejected ones never get this entry. Filtering on the
    # revision's own page also skips entries whose revision was purged.
    return PageLogEntry.objects.filter(
        page_id=page.pk, action="wagtail.publish", revision__object_id=str(page.pk)
    )


def published_versions(page: InitiativePage) -> list[PublishedVersion]:
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


def contributor_names(page: InitiativePage) -> list[str]:
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
