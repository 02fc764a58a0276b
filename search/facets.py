"""Facet values and counts, computed the same way for every engine.

Within a facet several selected values mean OR; across facets AND. A facet's counts apply the
other facets' selections, so a reader sees what adding a value would give.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import CharField, Value

from initiatieven.models import InitiativePage
from search.interface import FACET_FIELDS, FacetTerms, FacetValue, Matrix, SearchQuery


def facet_terms() -> FacetTerms:
    """Facet parameter -> {slug: label} in display order, for every facet (one query)."""
    models = InitiativePage.vocabulary_models()
    per_facet = [
        models[field]
        .objects.order_by()
        .values_list(Value(facet, output_field=CharField()), "slug", "label", "sort_order")
        for facet, field in FACET_FIELDS.items()
    ]
    rows = per_facet[0].union(*per_facet[1:], all=True).order_by("sort_order", "label")
    terms: FacetTerms = {facet: {} for facet in FACET_FIELDS}
    for facet, slug, label, _order in rows:
        terms[facet][slug] = label
    return terms


def build(
    counters: Mapping[str, Mapping[str, int]], query: SearchQuery, terms: FacetTerms
) -> dict[str, list[FacetValue]]:
    return {
        facet: [
            FacetValue(
                value=slug,
                label=label,
                count=int(counters.get(facet, {}).get(slug, 0)),
                selected=slug in query.selected(facet),
            )
            for slug, label in terms[facet].items()
        ]
        for facet in FACET_FIELDS
    }


def matrix(
    rows: str, columns: str, counters: Mapping[str, Mapping[str, int]], terms: FacetTerms
) -> Matrix:
    """Every value of `rows` by every value of `columns`, in display order, zeros included."""
    return Matrix(
        rows=rows,
        columns=columns,
        counts={
            row: {column: int(counters.get(row, {}).get(column, 0)) for column in terms[columns]}
            for row in terms[rows]
        },
    )


def as_json(facets: Mapping[str, list[FacetValue]]) -> dict[str, list[dict]]:
    """Facet counts as the JSON API gives them (`/api/zoeken/`, `/api/in-cijfers/`)."""
    return {
        facet: [
            {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
            for v in values
        ]
        for facet, values in facets.items()
    }
