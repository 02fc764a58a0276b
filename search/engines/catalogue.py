"""The live initiatives as bitsets, kept in memory for the database engine.

Every live initiative gets a bit position; each facet value is the set of positions that carry
it, held as one Python integer. Intersecting a search's matches with the selections and counting
every facet value is then a few integer operations, not a loop over the matches, which keeps
faceted search fast at tens of thousands of initiatives without a query per search.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, Max, Subquery, Sum, Value
from wagtail.models import PageViewRestriction

from initiatieven.models import InitiativeKeyword, InitiativePage
from initiatieven.queries import live_initiatives
from search import dutch
from search.interface import FACET_FIELDS, UNKNOWN_YEAR, YEAR_FILTER, SearchQuery
from search.planner import TermGroup


@dataclass
class Catalogue:
    """Live initiatives by bit position, with the facet values of each as bitsets."""

    version: tuple
    pks: list[int] = field(default_factory=list)  # position -> page id, newest first
    # page id -> position; also by the id as text, the form Wagtail's index stores it in
    position: dict[int | str, int] = field(default_factory=dict)
    title_rank: list[int] = field(default_factory=list)  # position -> rank by title
    updated_rank: list[int] = field(default_factory=list)  # position -> rank, last published first
    values: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> slug -> bits
    # Dutch term -> positions of the initiatives with that term in their title (summary)
    title_terms: dict[str, list[int]] = field(default_factory=dict)
    summary_terms: dict[str, list[int]] = field(default_factory=dict)
    keywords: dict[str, int] = field(default_factory=dict)  # keyword slug -> bits
    _term_bits: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    @property
    def everything(self) -> int:
        return (1 << len(self.pks)) - 1

    def bits_of(self, ids: list[int] | list[str]) -> int:
        """The bitset of the live initiatives among `ids`, as numbers or as the text Wagtail's
        index keeps them in (others are ignored)."""
        position = self.position
        return _bitset((position.get(pk) for pk in ids), len(self.pks))

    def selection(self, query: SearchQuery, *, skip: str | tuple[str, ...] = ()) -> int:
        """Initiatives passing the query's facet and year selections (all but `skip`): OR
        within a facet, AND across facets; always within the query's collection."""
        skipped = (skip,) if isinstance(skip, str) else skip
        passing = self.everything
        if query.within is not None:
            passing &= self.bits_of(list(query.within))
        for facet, selected in query.filters.items():
            if facet in skipped or not selected:
                continue
            values = self.values.get(facet, {})
            either = 0
            for slug in selected:
                either |= values.get(slug, 0)
            passing &= either
        return passing

    def counts(self, matches: int, query: SearchQuery) -> dict[str, dict[str, int]]:
        """Facet -> slug -> number of `matches` with that value, each facet under the other
        facets' selections."""
        everything_else = self.selection(query)
        counts: dict[str, dict[str, int]] = {}
        for facet in FACET_FIELDS:
            within = matches & (
                self.selection(query, skip=facet) if query.selected(facet) else everything_else
            )
            counts[facet] = {
                slug: (within & bits).bit_count()
                for slug, bits in self.values.get(facet, {}).items()
            }
        return counts

    def year_counts(self, matches: int, query: SearchQuery) -> dict[str, int]:
        """Start year ("2021", or UNKNOWN_YEAR) -> number of `matches` under the query's other
        selections, years without any left out."""
        within = matches & self.selection(query, skip=YEAR_FILTER)
        counts = {
            year: (within & bits).bit_count()
            for year, bits in self.values.get(YEAR_FILTER, {}).items()
        }
        return {year: count for year, count in counts.items() if count}

    def cross_counts(
        self, matches: int, query: SearchQuery, rows: str, columns: str
    ) -> dict[str, dict[str, int]]:
        """Value of facet `rows` -> value of facet `columns` -> number of `matches` with both,
        under the selections of the other facets (as facet counts are)."""
        within = matches & self.selection(query, skip=(rows, columns))
        column_bits = self.values.get(columns, {})
        counts: dict[str, dict[str, int]] = {}
        for row, row_bits in self.values.get(rows, {}).items():
            both = within & row_bits
            counts[row] = {
                column: (both & bits).bit_count() for column, bits in column_bits.items()
            }
        return counts

    def heading_scores(self, groups: list[TermGroup], matches: int) -> dict[int, int]:
        """Position -> how many query groups the title (counting twice) and the summary of
        each of `matches` contain; positions without any are left out."""
        scores: dict[int, int] = defaultdict(int)
        for group in groups:
            for where, weight in (("title", 2), ("summary", 1)):
                found = 0
                for alternative in group.alternatives:
                    having = matches
                    for term in alternative:
                        having &= self._bits_with(where, term)
                    found |= having
                for at in self.positions(found):
                    scores[at] += weight
        return scores

    def related(self, page_id: int, *, limit: int) -> list[int]:
        """Ids of the initiatives most like `page_id`, most alike first: shared themes, target
        groups, keywords and sectors, and the rarer words its title and summary share with
        theirs (each weighted by how rare it is, as Elasticsearch's more_like_this does)."""
        at = self.position.get(page_id)
        if at is None:
            return []
        own = 1 << at
        others = self.everything & ~own
        scores: dict[int, float] = defaultdict(float)
        shared = [
            (weight, bits)
            for facet, weight in RELATED_FACET_WEIGHTS.items()
            for bits in self.values.get(facet, {}).values()
            if bits & own
        ]
        shared += [(KEYWORD_WEIGHT, bits) for bits in self.keywords.values() if bits & own]
        for weight, bits in [*shared, *self._rare_heading_terms(page_id, others)]:
            for position in self.positions(bits & others):
                scores[position] += weight
        best = sorted(scores, key=lambda position: (-scores[position], position))
        return [self.pks[position] for position in best[:limit]]

    def _rare_heading_terms(self, page_id: int, others: int) -> list[tuple[float, int]]:
        """(weight, bits) of the words in the page's title and summary that others share,
        rarer words weighing more; the MAX_RELATED_TERMS rarest, and none that most have."""
        headings = _headings.get(page_id)
        if headings is None or not self.pks:
            return []
        weighted = []
        for term in {*headings[1], *headings[2]}:
            if len(term) < MIN_RELATED_TERM or term in dutch.STOPWORDS:
                continue
            bits = (self._bits_with("title", term) | self._bits_with("summary", term)) & others
            found = bits.bit_count()
            if found and found * 2 < len(self.pks):
                rarity = math.log(len(self.pks) / found)
                weighted.append((min(rarity, MAX_TERM_WEIGHT), bits))
        weighted.sort(key=lambda pair: -pair[0])
        return weighted[:MAX_RELATED_TERMS]

    def _bits_with(self, where: str, term: str) -> int:
        key = (where, term)
        if key not in self._term_bits:
            if len(self._term_bits) > MAX_REMEMBERED_TERMS:
                self._term_bits.clear()
            index = self.title_terms if where == "title" else self.summary_terms
            self._term_bits[key] = _bitset(index.get(term, ()), len(self.pks))
        return self._term_bits[key]

    def positions(self, bits: int) -> list[int]:
        """Positions set in `bits`, lowest first."""
        found: list[int] = []
        for offset, byte in enumerate(bits.to_bytes((bits.bit_length() + 7) // 8, "little")):
            if byte:
                found.extend(map((offset * 8).__add__, _BYTE_POSITIONS[byte]))
        return found


MAX_REMEMBERED_TERMS = 5000
# How much sharing a value says about two initiatives being alike (see Catalogue.related).
RELATED_FACET_WEIGHTS = {"thema": 3.0, "doelgroep": 2.0, "sector": 1.0}
KEYWORD_WEIGHT = 2.0
MAX_RELATED_TERMS = 25
MAX_TERM_WEIGHT = 3.0
MIN_RELATED_TERM = 3
_NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)
_BYTE_POSITIONS = [tuple(at for at in range(8) if byte >> at & 1) for byte in range(256)]


def _bitset(positions: Iterable[int | None], size: int) -> int:
    """The integer with the bits at `positions` set (None is skipped), out of `size` bits."""
    flags = bytearray((size + 7) // 8)
    for at in positions:
        if at is not None:
            flags[at >> 3] |= 1 << (at & 7)
    return int.from_bytes(flags, "little")


_memo: dict[str, Catalogue] = {}
# page id -> (last published, Dutch terms of the title, of the summary): kept across catalogue
# rebuilds, so publishing one initiative analyses only that one again.
_headings: dict[int, tuple[object, tuple[str, ...], tuple[str, ...]]] = {}


def current() -> Catalogue:
    """The catalogue of the live initiatives, rebuilt when the live set changes (its count,
    newest publication or highest id, or the view restrictions; relations change only by
    publishing)."""
    version = _version()
    cached = _memo.get("live")
    if cached is not None and cached.version == version:
        return cached
    # `public()` reads the view restrictions as it is called: only when rebuilding.
    catalogue = _build(live_initiatives(), version)
    _memo["live"] = catalogue
    return catalogue


def _version() -> tuple:
    """What the live set depends on, in one query: the live initiatives (count, newest
    publication, highest id) and the view restrictions that hide some of them (counted here
    rather than by `public()`, which would read them in a query of its own)."""
    restrictions = (
        PageViewRestriction.objects.order_by()
        .annotate(every=Value(1))
        .values("every")
        .annotate(signature=Count("pk") * 1_000_000_007 + Sum("pk") + Sum("page_id"))
        .values("signature")
    )
    return tuple(
        InitiativePage.objects.live()
        .aggregate(
            Count("pk"),
            Max("last_published_at"),
            Max("pk"),
            restrictions=Max(Subquery(restrictions[:1], output_field=IntegerField())),
        )
        .values()
    )


def _build(live, version: tuple) -> Catalogue:
    rows = list(
        live.order_by(F("first_published_at").desc(nulls_last=True), "-pk").values_list(
            "pk",
            "title",
            "province__slug",
            "phase__slug",
            "summary",
            "last_published_at",
            "start_year",
        )
    )
    catalogue = Catalogue(version=version)
    catalogue.pks = [row[0] for row in rows]
    catalogue.position = {pk: at for at, pk in enumerate(catalogue.pks)}
    catalogue.position.update({str(pk): at for at, pk in enumerate(catalogue.pks)})
    by_title = sorted(range(len(rows)), key=lambda at: (rows[at][1].casefold(), rows[at][0]))
    catalogue.title_rank = [0] * len(rows)
    for rank, at in enumerate(by_title):
        catalogue.title_rank[at] = rank
    by_update = sorted(
        range(len(rows)), key=lambda at: (-(rows[at][5] or _NEVER).timestamp(), -rows[at][0])
    )
    catalogue.updated_rank = [0] * len(rows)
    for rank, at in enumerate(by_update):
        catalogue.updated_rank[at] = rank

    facet_of = {field_name: facet for facet, field_name in FACET_FIELDS.items()}
    # facet -> slug -> positions of the initiatives with that value
    holders: dict[str, dict[str, list[int]]] = {facet: {} for facet in (*FACET_FIELDS, YEAR_FILTER)}

    def mark(facet: str, slug: str | None, at: int) -> None:
        if slug:
            holders[facet].setdefault(slug, []).append(at)

    for at, (pk, title, province, phase, summary, published, year) in enumerate(rows):
        mark(facet_of["province"], province, at)
        mark(facet_of["phase"], phase, at)
        mark(YEAR_FILTER, str(year) if year else UNKNOWN_YEAR, at)
        remembered = _headings.get(pk)
        if remembered is None or remembered[0] != published:
            remembered = (
                published,
                tuple(set(dutch.index_terms(title))),
                tuple(set(dutch.index_terms(summary))),
            )
            _headings[pk] = remembered
        for term in remembered[1]:
            catalogue.title_terms.setdefault(term, []).append(at)
        for term in remembered[2]:
            catalogue.summary_terms.setdefault(term, []).append(at)
    live_ids = live.values("pk")
    for field_name in InitiativePage.MULTI_VOCABULARY_FIELDS:
        relation = InitiativePage._meta.get_field(field_name)
        target = relation.related_model._meta.model_name
        links = relation.remote_field.through.objects.filter(
            initiativepage_id__in=live_ids
        ).values_list("initiativepage_id", f"{target}__slug")
        for pk, slug in links:
            at = catalogue.position.get(pk)
            if at is not None:
                mark(facet_of[field_name], slug, at)
    keyword_holders: dict[str, list[int]] = {}
    keyword_links = InitiativeKeyword.objects.filter(content_object_id__in=live_ids).values_list(
        "content_object_id", "tag__slug"
    )
    for pk, slug in keyword_links:
        at = catalogue.position.get(pk)
        if at is not None:
            keyword_holders.setdefault(slug, []).append(at)
    catalogue.keywords = {
        slug: _bitset(positions, len(rows)) for slug, positions in keyword_holders.items()
    }
    for pk in [pk for pk in _headings if pk not in catalogue.position]:
        del _headings[pk]
    catalogue.values = {
        facet: {slug: _bitset(positions, len(rows)) for slug, positions in values.items()}
        for facet, values in holders.items()
    }
    return catalogue
