"""Facet values and counts, computed the same way for every engine.

Within a facet several selected values mean OR; across facets AND. A facet's counts apply the
other facets' selections, so a reader sees what adding a value would give.
"""

from __future__ import annotations

from collections.abc import Mapping

from initiatieven.models import InitiativePage
from search.interface import FACET_FIELDS, FacetValue, SearchQuery


def facet_terms() -> dict[str, dict[str, str]]:
    """Facet parameter -> {slug: label} in display order, for every facet."""
    models = InitiativePage.vocabulary_models()
    return {
        facet: dict(
            models[field].objects.order_by("sort_order", "label").values_list("slug", "label")
        )
        for facet, field in FACET_FIELDS.items()
    }


def build(
    counters: Mapping[str, Mapping[str, int]], query: SearchQuery, terms: dict[str, dict[str, str]]
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
