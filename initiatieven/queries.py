"""Reads that several pages need, each with a fixed number of database queries."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from initiatieven.history import contributor_names
from initiatieven.models import HomePage, InitiativePage, Organisation, Province, Theme

FEATURED_FALLBACK = 3


def live_initiatives() -> QuerySet[InitiativePage]:
    """Initiatives every visitor may see."""
    return InitiativePage.objects.live().public()


def with_card_fields(queryset: QuerySet[InitiativePage]) -> QuerySet[InitiativePage]:
    """`queryset` with what a result card shows, read in a bounded number of queries."""
    return queryset.select_related("province", "phase", "hero_image").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "label")),
        "hero_image__renditions",
    )


def initiative_cards(queryset=None) -> QuerySet[InitiativePage]:
    """Initiatives with what a result card shows, newest first, in a bounded number of queries."""
    base = queryset if queryset is not None else InitiativePage.objects.all()
    ids = base.live().public().values("pk")
    return with_card_fields(InitiativePage.objects.filter(pk__in=ids)).order_by(
        "-first_published_at", "-pk"
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
