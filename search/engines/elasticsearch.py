"""The Elasticsearch engine: the same query plan and facet rules as the database engine,
executed as one request with aggregations (facet counts) and a post filter (selections)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager

from elasticsearch.dsl import A, Q, Search

from search import dutch, facets, planner, suggestions, vocabulary
from search.documents import SearchDocument
from search.engines import es_index, es_sync
from search.interface import (
    FACET_FIELDS,
    UNKNOWN_YEAR,
    UPDATED_SORT,
    YEAR_FILTER,
    IndexStatus,
    Overview,
    Progress,
    SearchHit,
    SearchQuery,
    SearchResponse,
    Suggestion,
    Suggestions,
    Term,
)
from search.snippets import highlighter, snippet

FIELDS = ["terms_title^5", "terms_summary^3", "terms_body"]
FACET_SIZE = 500  # more values than any vocabulary has
YEAR_BUCKETS = 500  # more start years than the parameters allow (1900-2100)
SHARED_FACETS = "facets"
RELATED_VALUES_BOOST = 2.0


class ElasticsearchEngine:
    name = "elasticsearch"

    def search(
        self, query: SearchQuery, *, terms: facets.FacetTerms | None = None
    ) -> SearchResponse:
        """Search; `terms` are the facet values (`facets.facet_terms()`) when already read."""
        response = _execute(self._request(query))
        es_sync.catch_up_if_due()  # it answers again: send what waits, a bounded batch
        counters = _facet_counts(response.aggregations)
        total = response.hits.total.value
        mark = highlighter(query.text)
        suggestion = self.suggest(query.text) if total == 0 and query.text else None
        return SearchResponse(
            query=query,
            engine=self.name,
            total=total,
            results=[_hit(hit.to_dict(), mark) for hit in response],
            facets=facets.build(counters, query, terms or facets.facet_terms()),
            suggestion=suggestion,
        )

    def matching_ids(self, query: SearchQuery, *, limit: int) -> tuple[list[int], int]:
        """The ids of the first `limit` matches of `query` in its order, and how many match."""
        search = Search(using=es_index.client(), index=es_index.alias_name())
        search = search.query(_base_query(query))
        selections = list(_selections(query).values())
        if selections:
            search = search.filter(Q("bool", filter=selections))
        search = search.sort(*_sort(query.sort, has_text=bool(dutch.query_terms(query.text))))
        search = search.source(["page_id"]).extra(track_total_hits=True)[:limit]
        response = _execute(search)
        return [hit.page_id for hit in response], response.hits.total.value

    def suggest(self, text: str) -> str | None:
        corrected = dutch.suggest(text, vocabulary.word_frequencies())
        if not corrected or corrected == text:
            return None
        try:
            search = Search(using=es_index.client(), index=es_index.alias_name())
            return corrected if search.query(_text_query(corrected)).count() else None
        except es_index.ERRORS:
            return None

    def suggestions(self, text: str) -> Suggestions:
        """What to suggest while `text` is typed (`search.suggestions`), titles from the index."""
        return suggestions.answer(text, engine=self.name, titles=_title_suggestions)

    def related(self, page_id: int, *, limit: int) -> list[int]:
        """Ids of the initiatives most like `page_id`, most alike first: Elasticsearch's
        more_like_this over the Dutch terms of the page's title and summary, and over its
        themes, target groups, sectors and keywords (as the database engine weighs them)."""
        like = [{"_index": es_index.alias_name(), "_id": str(page_id)}]
        similar_text = Q(
            "more_like_this",
            fields=["terms_title", "terms_summary"],
            like=like,
            min_term_freq=1,
            min_doc_freq=1,
            max_query_terms=25,
            minimum_should_match=1,
        )
        shared_values = Q(
            "more_like_this",
            fields=["themes", "target_groups", "sectors", "keywords"],
            like=like,
            min_term_freq=1,
            min_doc_freq=1,
            minimum_should_match=1,
            boost=RELATED_VALUES_BOOST,
        )
        search = Search(using=es_index.client(), index=es_index.alias_name())
        search = search.query(Q("bool", should=[similar_text, shared_values]))
        search = search.sort("_score", {"first_published": {"order": "desc"}})
        response = _execute(search.source(["page_id"])[:limit])
        return [hit.page_id for hit in response]

    def overview(
        self,
        query: SearchQuery,
        *,
        pairs: tuple[tuple[str, str], ...] = (),
        terms: facets.FacetTerms | None = None,
    ) -> Overview:
        """The numbers of `query` in one request: total, facet counts, start years and a
        matrix per pair, each counted as the database engine counts them."""
        terms = terms or facets.facet_terms()
        search, selections = _faceted(query)
        years = A("filter", _all(c for name, c in selections.items() if name != YEAR_FILTER))
        years.bucket("known", "terms", field="start_year", size=YEAR_BUCKETS)
        years.bucket("unknown", "missing", field="start_year")
        search.aggs.bucket(YEAR_FILTER, years)
        for number, (rows, columns) in enumerate(pairs):
            within = A(
                "filter",
                _all(c for name, c in selections.items() if name not in (rows, columns)),
            )
            within.bucket("rows", "terms", field=FACET_FIELDS[rows], size=FACET_SIZE).bucket(
                "columns", "terms", field=FACET_FIELDS[columns], size=FACET_SIZE
            )
            search.aggs.bucket(f"matrix_{number}", within)
        response = _execute(search.extra(track_total_hits=True, size=0))
        aggregations = response.aggregations
        year_counts = {
            str(bucket.key): bucket.doc_count
            for bucket in aggregations[YEAR_FILTER].known.buckets
            if bucket.doc_count
        }
        if aggregations[YEAR_FILTER].unknown.doc_count:
            year_counts[UNKNOWN_YEAR] = aggregations[YEAR_FILTER].unknown.doc_count
        return Overview(
            query=query,
            engine=self.name,
            total=response.hits.total.value,
            facets=facets.build(_facet_counts(aggregations), query, terms),
            years=year_counts,
            matrices=[
                facets.matrix(
                    rows,
                    columns,
                    {
                        row.key: {column.key: column.doc_count for column in row.columns.buckets}
                        for row in aggregations[f"matrix_{number}"].rows.buckets
                    },
                    terms,
                )
                for number, (rows, columns) in enumerate(pairs)
            ],
        )

    # --- writing: see search.engines.es_sync --------------------------------------------------

    def index(
        self, page_ids: Collection[int], *, documents: Mapping[int, SearchDocument] | None = None
    ) -> None:
        es_sync.changed(page_ids, documents)

    def remove(self, page_ids: Collection[int]) -> None:
        es_sync.changed(page_ids, None)

    @contextmanager
    def bulk(self) -> Iterator[None]:
        with es_sync.bulk():
            yield

    def catch_up(self, *, limit: int | None) -> int:
        return es_sync.catch_up(limit=limit)

    def rebuild(self, *, progress: Progress) -> dict:
        return es_sync.rebuild(progress=progress)

    def update(self, *, progress: Progress) -> dict:
        return es_sync.update(progress=progress)

    def status(self) -> IndexStatus:
        return es_sync.status()

    def _request(self, query: SearchQuery) -> Search:
        search = _faceted(query)[0]
        search = search.sort(*_sort(query.sort, has_text=bool(dutch.query_terms(query.text))))
        start = (query.page - 1) * query.per_page
        return search.extra(track_total_hits=True)[start : start + query.per_page]


def _title_suggestions(
    prefixes: suggestions.Prefixes, limit: int, _version: tuple
) -> list[Suggestion]:
    """Initiatives with a title word starting with each typed word, in the database engine's
    order: titles starting with the typed text first (score 1), then by title."""
    starts = Q("prefix", **{"suggest_title.start": prefixes.start})
    search = Search(using=es_index.client(), index=es_index.alias_name()).query(
        "bool",
        filter=[Q("prefix", suggest_title=word) for word in prefixes.words],
        should=[Q("constant_score", filter=starts)],
    )
    search = search.sort({"_score": {"order": "desc"}}, "title_sort", "page_id")
    search = search.source(["title", "url"]).extra(track_total_hits=False)[:limit]
    return [Suggestion(kind="initiatief", label=hit.title, url=hit.url) for hit in _execute(search)]


def _faceted(query: SearchQuery) -> tuple[Search, dict[str, Q]]:
    """The search of `query` with its selections as a post filter and its facet counts as
    aggregations (a page of results and the overview build on it); also the selections."""
    search = Search(using=es_index.client(), index=es_index.alias_name())
    search = search.query(_base_query(query))
    selections = _selections(query)
    if selections:
        search = search.post_filter(Q("bool", filter=list(selections.values())))
    _add_facet_aggregations(search, selections)
    return search, selections


def _execute(search: Search):
    """Run `search`; SearchUnavailable when Elasticsearch cannot answer or has another mapping."""
    try:
        es_index.check_mapping()
        return search.execute()
    except es_index.ERRORS as error:
        raise es_index.unavailable(error) from error


def _add_facet_aggregations(search: Search, selections: dict[str, Q]) -> None:
    """Facet counts, each facet counted with the other facets' selections applied.

    A facet without a selection counts within all selections, so those facets share one terms
    aggregation over `facet_values` ("<field>/<slug>"). Only a facet that has a selection needs
    its own, within the selections of the others. Without any selection that is one
    aggregation instead of six: facet counting is most of the cost of a search that matches
    most documents.
    """
    unselected = [field for facet, field in FACET_FIELDS.items() if facet not in selections]
    if unselected:
        shared = A("filter", _all(selections.values()))
        # Its buckets hold the values of selected facets too; those are left unread.
        shared.bucket("values", "terms", field="facet_values", size=FACET_SIZE * len(FACET_FIELDS))
        search.aggs.bucket(SHARED_FACETS, shared)
    for facet in selections:
        if facet not in FACET_FIELDS:
            continue  # a filter without counts of its own (the start year)
        own = A("filter", _all(clause for name, clause in selections.items() if name != facet))
        own.bucket("values", "terms", field=FACET_FIELDS[facet], size=FACET_SIZE)
        search.aggs.bucket(facet, own)


def _all(clauses) -> Q:
    clauses = list(clauses)
    return Q("bool", filter=clauses) if clauses else Q("match_all")


def _facet_counts(aggregations) -> dict[str, dict[str, int]]:
    """Facet parameter -> {slug: count}, from the aggregations `_add_facet_aggregations` asks."""
    facet_of_field = {field: facet for facet, field in FACET_FIELDS.items()}
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACET_FIELDS}
    selected = {facet for facet in FACET_FIELDS if facet in aggregations}  # own aggregation
    if SHARED_FACETS in aggregations:
        for bucket in aggregations[SHARED_FACETS].values.buckets:
            field, _, slug = bucket.key.partition("/")
            facet = facet_of_field.get(field)
            if facet and facet not in selected:
                counts[facet][slug] = bucket.doc_count
    for facet in selected:
        counts[facet] = {
            bucket.key: bucket.doc_count for bucket in aggregations[facet].values.buckets
        }
    return counts


def _selections(query: SearchQuery) -> dict[str, Q]:
    """Filter name -> its clause: any of the chosen values (OR), for each facet and the year."""
    clauses = {}
    for name, values in query.filters.items():
        if not values:
            continue
        if name == YEAR_FILTER:
            years = [int(value) for value in values if value != UNKNOWN_YEAR]
            either = [Q("terms", start_year=years)] if years else []
            if UNKNOWN_YEAR in values:
                either.append(Q("bool", must_not=[Q("exists", field="start_year")]))
            clauses[name] = Q("bool", should=either, minimum_should_match=1)
        else:
            clauses[name] = Q("terms", **{FACET_FIELDS[name]: list(values)})
    return clauses


def _base_query(query: SearchQuery) -> Q:
    """The text query, limited to the query's collection when it has one."""
    text = _text_query(query.text)
    if query.within is None:
        return text
    return Q("bool", must=[text], filter=[Q("terms", page_id=list(query.within))])


def _text_query(text: str) -> Q:
    if not dutch.words(text):
        return Q("match_all")
    groups = planner.plan_query(text)
    if not groups:
        return Q("match_none")
    return Q(
        "bool",
        must=[
            Q(
                "bool",
                should=[
                    Q(
                        "multi_match",
                        query=" ".join(alternative),
                        fields=FIELDS,
                        type="phrase" if len(alternative) > 1 else "best_fields",
                    )
                    for alternative in group.alternatives
                ],
                minimum_should_match=1,
            )
            for group in groups
        ],
    )


def _sort(sort: str, *, has_text: bool) -> list:
    if sort == "titel":
        return ["title_sort", "page_id"]
    if sort == UPDATED_SORT:
        return [{"last_published": {"order": "desc"}}, {"page_id": {"order": "desc"}}]
    if sort == "nieuw" or not has_text:
        return [{"first_published": {"order": "desc"}}, {"page_id": {"order": "desc"}}]
    return ["_score", {"first_published": {"order": "desc"}}]


def _term(values: list[dict]) -> Term | None:
    return Term(**values[0]) if values else None


def _hit(source: dict, mark: dutch.Highlighter) -> SearchHit:
    labels = source.get("labels", {})
    published = source.get("last_published")
    return SearchHit(
        page_id=source["page_id"],
        title=source["title"],
        url=source.get("url", ""),
        summary=source.get("summary", ""),
        highlight=snippet([source.get("summary", ""), source.get("body", "")], mark),
        province=_term(labels.get("province", [])),
        themes=[Term(**value) for value in labels.get("themes", [])],
        sectors=[Term(**value) for value in labels.get("sectors", [])],
        phase=_term(labels.get("phase", [])),
        start_year=source.get("start_year"),
        last_published=datetime.datetime.fromisoformat(published) if published else None,
    )
