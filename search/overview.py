"""The overview in numbers (`/in-cijfers/`, `/api/in-cijfers/`): how many published initiatives
a selection holds, by every facet, by start year and by two facets at once (the gap matrices).

Counts come from the search engine with the same rules as the facet counts of `/zoeken/`: each
facet is counted under the selections of the others, so every number equals the total of the
search its link leads to (that facet's selection replaced by the one value).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from search import facets, searching
from search.engines import get_engine
from search.exports import export_parameters
from search.interface import UNKNOWN_YEAR, Overview

# The gap matrices: themes by target group and themes by province.
MATRIX_PAIRS: tuple[tuple[str, str], ...] = (("thema", "doelgroep"), ("thema", "provincie"))


def numbers(query_params: QueryDict) -> tuple[Overview, list[str], facets.FacetTerms]:
    """The overview of the search in `query_params`, the problems found in them (bad values
    are left out) and the facet labels."""
    terms = facets.facet_terms()
    parsed = searching.parse(query_params, terms=terms)
    overview = get_engine().overview(parsed.query, pairs=MATRIX_PAIRS, terms=terms)
    return overview, list(parsed.problems), terms


def selection_params(overview: Overview) -> QueryDict:
    """The valid selection of `overview` as parameters: text, collection, facets, years."""
    return QueryDict(export_parameters(overview.query, sort=False), mutable=True)


def search_link(selection: QueryDict, **replaced: str) -> str:
    """/zoeken/ with `selection`, each named filter replaced by the one value given."""
    data = selection.copy()
    for name, value in replaced.items():
        data.setlist(name, [value])
    encoded = data.urlencode()
    return reverse("search") + ("?" + encoded if encoded else "")


def year_rows(years: dict[str, int]) -> list[tuple[int | None, int]]:
    """(year, count) from the first to the last start year found, years between them with 0,
    and (None, count) last for initiatives without a start year."""
    known = {int(year): count for year, count in years.items() if year != UNKNOWN_YEAR}
    rows: list[tuple[int | None, int]] = []
    if known:
        rows = [(year, known.get(year, 0)) for year in range(min(known), max(known) + 1)]
    if years.get(UNKNOWN_YEAR):
        rows.append((None, years[UNKNOWN_YEAR]))
    return rows


def as_json(overview: Overview) -> dict:
    """The overview as `/api/in-cijfers/` answers it: `total` and `facets` in the shape of
    `/api/zoeken/`, then the start years and the matrices."""
    return {
        "engine": overview.engine,
        "total": overview.total,
        "facets": facets.as_json(overview.facets),
        "start_years": [
            {"year": year, "count": count} for year, count in year_rows(overview.years)
        ],
        "matrices": [
            {"rows": matrix.rows, "columns": matrix.columns, "counts": matrix.counts}
            for matrix in overview.matrices
        ],
        "notices": overview.notices,
    }


@dataclass(frozen=True)
class Cell:
    count: int
    url: str


@dataclass(frozen=True)
class MatrixTable:
    """A gap matrix as the page shows it: headings with labels, each cell with its search."""

    rows_facet: str
    columns_facet: str
    columns: list[str]  # labels
    rows: list[tuple[str, list[Cell]]]  # row label, cells
    gaps: int


def matrix_tables(
    overview: Overview, selection: QueryDict, terms: facets.FacetTerms
) -> list[MatrixTable]:
    tables = []
    for matrix in overview.matrices:
        rows = []
        gaps = 0
        for row, counts in matrix.counts.items():
            cells = []
            for column, count in counts.items():
                gaps += count == 0
                link = search_link(selection, **{matrix.rows: row, matrix.columns: column})
                cells.append(Cell(count=count, url=link))
            rows.append((terms[matrix.rows][row], cells))
        tables.append(
            MatrixTable(
                rows_facet=matrix.rows,
                columns_facet=matrix.columns,
                columns=list(terms[matrix.columns].values()),
                rows=rows,
                gaps=gaps,
            )
        )
    return tables
