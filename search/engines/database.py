"""The embedded engine: Wagtail's database search (SQLite FTS5 or PostgreSQL) over the
Dutch-analysed terms of each initiative, with facet counts from the ORM."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Prefetch
from modelsearch.query import And, Or, Phrase, PlainText

from initiatieven.models import InitiativePage, Theme
from initiatieven.queries import live_initiatives
from search import dutch, facets, planner, vocabulary
from search.documents import plain_body
from search.engines import sqlite_rank
from search.interface import FACET_FIELDS, SearchHit, SearchQuery, SearchResponse, Term

# The best candidates are re-ranked so that title and summary matches come first: SQLite's
# bm25 knows only one text column per entry and, on small collections, barely tells apart.
RERANK_DEPTH = 200


class DatabaseEngine:
    name = "database"

    def search(self, query: SearchQuery) -> SearchResponse:
        ordered = self._candidates(query.text)
        memberships = self._memberships(ordered)
        terms = facets.facet_terms()
        facet_values = facets.count(memberships.values(), query, terms)
        selected = [pk for pk in ordered if facets.matches(memberships.get(pk, {}), query)]
        selected = self._sorted(selected, query)
        start = (query.page - 1) * query.per_page
        hits = self._hits(selected[start : start + query.per_page], query.text)
        suggestion = None
        if not selected and query.text:
            suggestion = self.suggest(query.text)
        return SearchResponse(
            query=query,
            engine=self.name,
            total=len(selected),
            results=hits,
            facets=facet_values,
            suggestion=suggestion,
        )

    def suggest(self, text: str) -> str | None:
        """A corrected query that finds something, or None."""
        corrected = dutch.suggest(text, vocabulary.word_frequencies())
        if corrected and corrected != text and self._candidates(corrected):
            return corrected
        return None

    # --- steps ------------------------------------------------------------------------------

    def _candidates(self, text: str) -> list[int]:
        """Ids of live initiatives matching `text`, best first (all of them, newest first,
        when there is no text)."""
        base = live_initiatives()
        if not dutch.words(text):
            return list(base.order_by("-first_published_at", "-pk").values_list("pk", flat=True))
        groups = planner.plan(
            text, vocabulary=vocabulary.word_frequencies(), synonyms=vocabulary.synonym_groups()
        )
        if not groups:
            return []
        search_query = And(
            [
                Or([_term_query(alternative) for alternative in group.alternatives])
                for group in groups
            ]
        )
        results = base.only("pk").search(search_query, order_by_relevance=True)
        ids = sqlite_rank.ranked_ids(results, InitiativePage) if _on_sqlite() else None
        if ids is None:
            ids = [page.pk for page in results]
        else:
            visible = set(base.values_list("pk", flat=True))
            ids = [pk for pk in ids if pk in visible]
        return _rerank(ids[:RERANK_DEPTH], groups) + ids[RERANK_DEPTH:]

    def _memberships(self, ids: list[int]) -> dict[int, dict[str, set[str]]]:
        """Facet slugs per matching initiative: facet parameter -> set of slugs."""
        catalogue = _catalogue()
        return {pk: catalogue[pk].facets for pk in ids if pk in catalogue}

    def _sorted(self, ids: list[int], query: SearchQuery) -> list[int]:
        if query.sort == "relevantie" or len(ids) < 2:
            return ids
        catalogue = _catalogue()
        if query.sort == "titel":
            return sorted(ids, key=lambda pk: (catalogue[pk].title_key, pk))
        return sorted(ids, key=lambda pk: (catalogue[pk].published, pk), reverse=True)

    def _hits(self, ids: list[int], text: str) -> list[SearchHit]:
        pages = (
            InitiativePage.objects.filter(pk__in=ids)
            .select_related("province", "phase")
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "label")),
                "sectors",
            )
            .in_bulk()
        )
        return [hit_for(pages[pk], text) for pk in ids if pk in pages]


@dataclass(frozen=True)
class _Entry:
    facets: dict[str, set[str]]
    title_key: str
    published: datetime.datetime


_catalogue_memo: dict[str, tuple[tuple, dict[int, _Entry]]] = {}
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _catalogue() -> dict[int, _Entry]:
    """Facet slugs, sort title and date of every live initiative, kept in memory while the
    live set is unchanged (its count, newest publication and highest id; relations change
    only by publishing). Facet counting then needs no query per search."""
    live = live_initiatives()
    version = tuple(live.aggregate(Count("pk"), Max("last_published_at"), Max("pk")).values())
    cached = _catalogue_memo.get("live")
    if cached and cached[0] == version:
        return cached[1]
    facet_of = {field: facet for facet, field in FACET_FIELDS.items()}
    entries: dict[int, _Entry] = {}
    rows = live.values_list("pk", "title", "first_published_at", "province__slug", "phase__slug")
    for pk, title, published, province, phase in rows:
        facets: dict[str, set[str]] = defaultdict(set)
        if province:
            facets[facet_of["province"]].add(province)
        if phase:
            facets[facet_of["phase"]].add(phase)
        entries[pk] = _Entry(
            facets=facets, title_key=title.casefold(), published=published or _EPOCH
        )
    live_ids = live.values("pk")
    for field in InitiativePage.MULTI_VOCABULARY_FIELDS:
        relation = InitiativePage._meta.get_field(field)
        target = relation.related_model._meta.model_name
        links = relation.remote_field.through.objects.filter(
            initiativepage_id__in=live_ids
        ).values_list("initiativepage_id", f"{target}__slug")
        for pk, slug in links:
            if pk in entries:
                entries[pk].facets[facet_of[field]].add(slug)
    _catalogue_memo["live"] = (version, entries)
    return entries


def hit_for(page: InitiativePage, text: str) -> SearchHit:
    return SearchHit(
        page_id=page.pk,
        title=page.title,
        url=page.url or "",
        summary=page.summary,
        highlight=snippet([page.summary, plain_body(page)], text),
        province=_term(page.province),
        themes=[_term(theme) for theme in page.themes.all()],
        sectors=[_term(sector) for sector in page.sectors.all()],
        phase=_term(page.phase),
        start_year=page.start_year,
        last_published=page.last_published_at,
    )


def snippet(sources: list[str], text: str) -> str:
    """A highlighted snippet from the first source that matches `text`, else from the first."""
    sources = [source for source in sources if source]
    for source in sources:
        marked = dutch.highlight(source, text)
        if "<mark>" in marked:
            return marked
    return dutch.highlight(sources[0], "") if sources else ""


def _term(term) -> Term | None:
    return Term(slug=term.slug, label=term.label) if term else None


def _rerank(ids: list[int], groups: list[planner.TermGroup]) -> list[int]:
    """Order by how many query words the title (twice as much) and the summary match; ties
    keep the engine's order."""
    fields = dict(
        (pk, (title, summary))
        for pk, title, summary in InitiativePage.objects.filter(pk__in=ids).values_list(
            "pk", "title", "summary"
        )
    )

    def bonus(pk: int) -> int:
        title, summary = fields.get(pk, ("", ""))
        title_terms, summary_terms = set(dutch.index_terms(title)), set(dutch.index_terms(summary))
        return sum(
            2 * _group_in(group, title_terms) + _group_in(group, summary_terms) for group in groups
        )

    position = {pk: number for number, pk in enumerate(ids)}
    return sorted(ids, key=lambda pk: (-bonus(pk), position[pk]))


def _group_in(group: planner.TermGroup, terms: set[str]) -> bool:
    return any(all(stem in terms for stem in alternative) for alternative in group.alternatives)


def _term_query(stems: tuple[str, ...]):
    return PlainText(stems[0]) if len(stems) == 1 else Phrase(" ".join(stems))


def _on_sqlite() -> bool:
    return connection.vendor == "sqlite"
