"""The Elasticsearch engine: the same query plan and facet rules as the database engine,
executed as one request with aggregations (facet counts) and a post filter (selections)."""

from __future__ import annotations

import datetime

from elasticsearch.dsl import A, Q, Search

from search import dutch, facets, planner, vocabulary
from search.engines import es_index
from search.engines.database import snippet
from search.interface import FACET_FIELDS, SearchHit, SearchQuery, SearchResponse, Term

FIELDS = ["terms_title^5", "terms_summary^3", "terms_body"]
FACET_SIZE = 500


class ElasticsearchEngine:
    name = "elasticsearch"

    def search(self, query: SearchQuery) -> SearchResponse:
        try:
            response = self._request(query).execute()
        except es_index.ERRORS as error:
            raise es_index.unavailable(error) from error
        terms = facets.facet_terms()
        counters = {
            facet: {
                bucket.key: bucket.doc_count
                for bucket in getattr(response.aggregations, facet).values.buckets
            }
            for facet in FACET_FIELDS
        }
        total = response.hits.total.value
        suggestion = self.suggest(query.text) if total == 0 and query.text else None
        return SearchResponse(
            query=query,
            engine=self.name,
            total=total,
            results=[_hit(hit.to_dict(), query.text) for hit in response],
            facets=facets.build(counters, query, terms),
            suggestion=suggestion,
        )

    def suggest(self, text: str) -> str | None:
        corrected = dutch.suggest(text, vocabulary.word_frequencies())
        if not corrected or corrected == text:
            return None
        try:
            found = self._request(SearchQuery(text=corrected, per_page=1)).extra(size=0).execute()
            return corrected if found.hits.total.value else None
        except es_index.ERRORS:
            return None

    def _request(self, query: SearchQuery) -> Search:
        search = Search(using=es_index.client(), index=es_index.alias_name())
        search = search.query(_text_query(query.text))
        selections = {
            facet: Q("terms", **{FACET_FIELDS[facet]: list(values)})
            for facet, values in query.filters.items()
            if values
        }
        if selections:
            search = search.post_filter(Q("bool", filter=list(selections.values())))
        for facet, field in FACET_FIELDS.items():
            others = [clause for name, clause in selections.items() if name != facet]
            bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            bucket.bucket("values", "terms", field=field, size=FACET_SIZE)
            search.aggs.bucket(facet, bucket)
        search = search.sort(*_sort(query.sort, has_text=bool(dutch.query_terms(query.text))))
        start = (query.page - 1) * query.per_page
        return search.extra(track_total_hits=True)[start : start + query.per_page]


def _text_query(text: str) -> Q:
    if not dutch.words(text):
        return Q("match_all")
    groups = planner.plan(
        text, vocabulary=vocabulary.word_frequencies(), synonyms=vocabulary.synonym_groups()
    )
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
    if sort == "nieuw" or not has_text:
        return [{"first_published": {"order": "desc"}}, {"page_id": {"order": "desc"}}]
    return ["_score", {"first_published": {"order": "desc"}}]


def _term(values: list[dict]) -> Term | None:
    return Term(**values[0]) if values else None


def _hit(source: dict, text: str) -> SearchHit:
    labels = source.get("labels", {})
    published = source.get("last_published")
    return SearchHit(
        page_id=source["page_id"],
        title=source["title"],
        url=source.get("url", ""),
        summary=source.get("summary", ""),
        highlight=snippet([source.get("summary", ""), source.get("body", "")], text),
        province=_term(labels.get("province", [])),
        themes=[Term(**value) for value in labels.get("themes", [])],
        sectors=[Term(**value) for value in labels.get("sectors", [])],
        phase=_term(labels.get("phase", [])),
        start_year=source.get("start_year"),
        last_published=datetime.datetime.fromisoformat(published) if published else None,
    )
