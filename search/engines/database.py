"""The embedded engine: Wagtail's database search (SQLite FTS5 or PostgreSQL) over the
Dutch-analysed terms of each initiative, with facet counts from an in-memory catalogue of the
live initiatives loaded through the ORM (`search.engines.catalogue`)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager

from django.db import connection
from django.db.models import Prefetch
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Or, Phrase, PlainText

from initiatieven.models import InitiativePage, Theme
from initiatieven.queries import live_initiatives
from search import dutch, facets, planner, suggestions, vocabulary
from search.documents import (
    BATCH_SIZE,
    SECTION_FIELDS,
    SearchDocument,
    batches,
    documents_for,
    prepared,
    section_starts,
    snippet_body,
)
from search.engines import catalogue, postgres_match, sqlite_rank
from search.interface import (
    UPDATED_SORT,
    IndexStatus,
    Overview,
    Progress,
    SearchHit,
    SearchQuery,
    SearchResponse,
    Suggestions,
    Term,
)
from search.snippets import highlighter, snippet


class DatabaseEngine:
    name = "database"

    def search(
        self, query: SearchQuery, *, terms: facets.FacetTerms | None = None
    ) -> SearchResponse:
        """Search; `terms` are the facet values (`facets.facet_terms()`) when already read."""
        live = catalogue.current()
        ordered, matches = self._matches(query.text, live)
        counts = live.counts(matches, query)
        selected = self._selected(live, ordered, matches, query)
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
            facets=facets.build(counts, query, terms or facets.facet_terms()),
            suggestion=suggestion,
        )

    def matching_ids(self, query: SearchQuery, *, limit: int) -> tuple[list[int], int]:
        """The ids of the first `limit` matches of `query` in its order, and how many match
        (no facets, no page: the whole result, as an export needs it)."""
        live = catalogue.current()
        ordered, matches = self._matches(query.text, live)
        selected = self._selected(live, ordered, matches, query)
        return selected[:limit], len(selected)

    def related(self, page_id: int, *, limit: int) -> list[int]:
        """Ids of the live initiatives most like `page_id`, most alike first."""
        return catalogue.current().related(page_id, limit=limit)

    def overview(
        self,
        query: SearchQuery,
        *,
        pairs: tuple[tuple[str, str], ...] = (),
        terms: facets.FacetTerms | None = None,
    ) -> Overview:
        """The numbers of `query`: total, facet counts, start years and a matrix per pair."""
        terms = terms or facets.facet_terms()
        live = catalogue.current()
        _ordered, matches = self._matches(query.text, live)
        return Overview(
            query=query,
            engine=self.name,
            total=(matches & live.selection(query)).bit_count(),
            facets=facets.build(live.counts(matches, query), query, terms),
            years=live.year_counts(matches, query),
            matrices=[
                facets.matrix(
                    rows, columns, live.cross_counts(matches, query, rows, columns), terms
                )
                for rows, columns in pairs
            ],
        )

    def _matches(self, text: str, live: catalogue.Catalogue) -> tuple[list[int], int]:
        if dutch.words(text):
            return self._candidates(text, live)
        return live.pks, live.everything

    def suggest(self, text: str) -> str | None:
        """A corrected query that finds something, or None."""
        corrected = dutch.suggest(text, vocabulary.word_frequencies())
        if corrected and corrected != text and self._candidates(corrected, catalogue.current())[0]:
            return corrected
        return None

    def suggestions(self, text: str) -> Suggestions:
        """What to suggest while `text` is typed (`search.suggestions`)."""
        return suggestions.answer(text, engine=self.name, titles=suggestions.live_titles)

    # --- writing ----------------------------------------------------------------------------
    # Wagtail's own index (modelsearch) written in the transaction of the change; it only ever
    # searches live, public pages, so removed pages need nothing here (and a deleted page is
    # dropped by modelsearch itself).

    def index(
        self, page_ids: Collection[int], *, documents: Mapping[int, SearchDocument] | None = None
    ) -> None:
        pages = live_initiatives().filter(pk__in=page_ids).select_related("province", "phase")
        backend = get_search_backend()
        with prepared(documents or {}):
            for batch in batches(pages.iterator(chunk_size=BATCH_SIZE), BATCH_SIZE):
                _add_bulk(backend, batch)

    def remove(self, page_ids: Collection[int]) -> None:
        pass

    @contextmanager
    def bulk(self) -> Iterator[None]:
        yield

    def catch_up(self, *, limit: int | None) -> int:
        return 0

    def rebuild(self, *, progress: Progress) -> dict:
        update_database_index(progress)
        return {"documents": None}

    def update(self, *, progress: Progress) -> dict:
        update_database_index(progress)
        return {"indexed": None, "removed": 0, "queued": 0}

    def status(self) -> IndexStatus:
        return IndexStatus(engine=self.name, live_initiatives=live_initiatives().count())

    # --- steps ------------------------------------------------------------------------------

    def _candidates(self, text: str, live: catalogue.Catalogue) -> tuple[list[int], int]:
        """Ids of the live initiatives matching `text`, best first, and their bitset.

        Best: the most query words in the title (counting twice) and summary first; among
        equals bm25 order on SQLite, the newest first elsewhere.
        """
        groups = planner.plan_query(text)
        if not groups:
            return [], 0
        search_query = And(
            [
                Or([_term_query(alternative) for alternative in group.alternatives])
                for group in groups
            ]
        )
        results = live_initiatives().only("pk").search(search_query, order_by_relevance=False)
        on_sqlite = connection.vendor == "sqlite"
        if on_sqlite:
            ids = sqlite_rank.ranked_ids(results, InitiativePage)
        elif connection.vendor == "postgresql":
            ids = postgres_match.matching_ids(results, InitiativePage)
        else:
            ids = None
        if ids is None:
            ids = [page.pk for page in results]
        matches = live.bits_of(ids)
        if on_sqlite:  # bm25 order
            positions = [live.position[pk] for pk in ids if pk in live.position]
        else:
            positions = live.positions(matches)  # newest first
        scores = live.heading_scores(groups, matches)
        if scores:
            first = sorted(
                (at for at in positions if at in scores), key=scores.__getitem__, reverse=True
            )
            positions = first + [at for at in positions if at not in scores]
        pks = live.pks
        return [pks[at] for at in positions], matches

    def _selected(
        self, live: catalogue.Catalogue, ordered: list[int], matches: int, query: SearchQuery
    ) -> list[int]:
        """The matches passing the facet selections, in the order the query asks for."""
        passing = matches & live.selection(query)
        if query.sort == "relevantie":
            if passing == matches:
                return ordered
            keep = {live.pks[at] for at in live.positions(passing)}
            return [pk for pk in ordered if pk in keep]
        positions = live.positions(passing)
        if query.sort == "titel":
            positions.sort(key=live.title_rank.__getitem__)
        elif query.sort == UPDATED_SORT:
            positions.sort(key=live.updated_rank.__getitem__)
        return [live.pks[at] for at in positions]

    def _hits(self, ids: list[int], text: str) -> list[SearchHit]:
        pages = (
            InitiativePage.objects.filter(pk__in=ids)
            .defer(*SECTION_FIELDS)
            .annotate(**section_starts())
            .select_related("province", "phase")
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "label")),
                "sectors",
            )
            .in_bulk()
        )
        mark = highlighter(text)
        return [hit_for(pages[pk], mark) for pk in ids if pk in pages]


def hit_for(page: InitiativePage, mark: dutch.Highlighter) -> SearchHit:
    return SearchHit(
        page_id=page.pk,
        title=page.title,
        url=page.url or "",
        summary=page.summary,
        highlight=snippet(
            [page.summary, snippet_body(getattr(page, f"{name}_start") for name in SECTION_FIELDS)],
            mark,
        ),
        province=_term(page.province),
        themes=[_term(theme) for theme in page.themes.all()],
        sectors=[_term(sector) for sector in page.sectors.all()],
        phase=_term(page.phase),
        start_year=page.start_year,
        last_published=page.last_published_at,
    )


def update_database_index(progress: Progress) -> int:
    """(Re)write the database engine's entries of every initiative, in batches."""
    backend = get_search_backend()
    pages = InitiativePage.objects.select_related("province", "phase").prefetch_related(
        "organisations", "keywords", *InitiativePage.MULTI_VOCABULARY_FIELDS
    )
    total = pages.count()
    for batch in batches(
        progress(pages.iterator(chunk_size=BATCH_SIZE), total, "Database"), BATCH_SIZE
    ):
        _add_bulk(backend, batch)
    _analyze_index_table()
    return total


def _add_bulk(backend, pages: list[InitiativePage]) -> None:
    """Write these pages' entries, their documents built together (see `documents_for`)."""
    with prepared({document.page_id: document for document in documents_for(pages)}):
        backend.add_bulk(InitiativePage, pages)


def _analyze_index_table() -> None:
    """Refresh PostgreSQL's statistics of the rewritten index table. Until autovacuum gets to
    it, the planner may take it for nearly empty and scan it for every search: seconds per
    query at 10,000 initiatives instead of a fraction of one."""
    if connection.vendor != "postgresql":
        return
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(IndexEntry._meta.db_table)}")


def _term(term) -> Term | None:
    return Term(slug=term.slug, label=term.label) if term else None


def _term_query(stems: tuple[str, ...]):
    return PlainText(stems[0]) if len(stems) == 1 else Phrase(" ".join(stems))
