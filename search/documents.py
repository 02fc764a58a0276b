"""What an initiative looks like to search: its texts by weight, analysed the Dutch way, and
the vocabulary slugs that facets count. Both engines index exactly this."""

from __future__ import annotations

import datetime
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from django.db.models.functions import Substr
from wagtail.models import Site

from initiatieven.models import InitiativeKeyword, InitiativePage
from initiatieven.queries import live_initiatives, live_organisations
from initiatieven.text import rich_text_to_plain_text
from search import dutch
from search.snippets import RICH_TEXT_LIMIT, window

# How often a field's terms are repeated in the database engine's single text column, so that
# title and summary matches rank above body matches there too (bm25 term frequency).
TITLE_WEIGHT = 3
SUMMARY_WEIGHT = 2
SECTION_FIELDS = ("background", "approach", "results", "lessons")
BATCH_SIZE = 500

T = TypeVar("T")
_prepared = threading.local()  # documents: page id -> its document, built once for a change


@dataclass(frozen=True)
class SearchDocument:
    page_id: int
    title: str
    summary: str
    body: str  # plain text of the sections, for snippets
    extra: str  # names and labels that should be findable: places, organisations, vocabularies
    url: str
    facets: dict[str, list[dict[str, str]]]  # field -> [{"slug", "label"}]
    start_year: int | None
    first_published: datetime.datetime | None
    last_published: datetime.datetime | None
    keywords: tuple[str, ...] = ()  # as the editors wrote them

    def terms(self, text: str) -> str:
        return " ".join(dutch.index_terms(text))

    @cached_property
    def title_terms(self) -> str:
        return self.terms(self.title)

    @cached_property
    def summary_terms(self) -> str:
        return self.terms(self.summary)

    @cached_property
    def body_terms(self) -> str:
        return self.terms(self.body + "\n" + self.extra)

    def weighted_terms(self) -> str:
        """All terms in one text, title and summary repeated by their weight."""
        return " ".join(
            [self.title_terms] * TITLE_WEIGHT
            + [self.summary_terms] * SUMMARY_WEIGHT
            + [self.body_terms]
        )

    def words(self) -> list[str]:
        """The folded words of every text, for the vocabulary."""
        return dutch.words(" ".join([self.title, self.summary, self.body, self.extra]))


def indexable_pages():
    """Live, public initiatives, oldest first, with their province and phase (the other
    relations are read per batch by `documents_for`)."""
    return live_initiatives().select_related("province", "phase").order_by("pk")


def plain_body(page: InitiativePage) -> str:
    return "\n\n".join(
        rich_text_to_plain_text(getattr(page, name) or "") for name in SECTION_FIELDS
    ).strip()


def snippet_body(sections: Iterable[str]) -> str:
    """The start of the sections (rich text, each possibly cut already) as plain text, enough
    for a snippet: the work is bounded however long the sections are (see `search.snippets`)."""
    parts = []
    for html in sections:
        text = rich_text_to_plain_text(_cut_markup(html or ""))
        if text:
            parts.append(text)
        if sum(map(len, parts)) >= RICH_TEXT_LIMIT:
            break
    return window("\n\n".join(parts).strip())


def section_starts() -> dict[str, Substr]:
    """Annotations with the start of each section, enough for `snippet_body`: a query for
    results then reads a bounded amount of text per page, not whole sections."""
    return {f"{name}_start": Substr(name, 1, RICH_TEXT_LIMIT) for name in SECTION_FIELDS}


def _cut_markup(html: str) -> str:
    """The start of `html`, at most RICH_TEXT_LIMIT characters, without a tag cut in half."""
    if len(html) <= RICH_TEXT_LIMIT:
        return html
    html = html[:RICH_TEXT_LIMIT]
    opening = html.rfind("<")
    return html[:opening] if opening > html.rfind(">") else html


@contextmanager
def prepared(documents: Mapping[int, SearchDocument]) -> Iterator[None]:
    """Within, `document_for` returns these documents (by page id) instead of building them
    again: one change builds its document once for every index that needs it."""
    previous = getattr(_prepared, "documents", {})
    _prepared.documents = {**previous, **documents}
    try:
        yield
    finally:
        _prepared.documents = previous


def prepared_document(page_id: int) -> SearchDocument | None:
    return getattr(_prepared, "documents", {}).get(page_id)


def document_for(page: InitiativePage) -> SearchDocument:
    """The search document of one initiative (its current field values)."""
    document = prepared_document(page.pk)
    if document is not None:
        return document
    facets: dict[str, list[dict[str, str]]] = {}
    for name in InitiativePage.MULTI_VOCABULARY_FIELDS:
        facets[name] = [{"slug": t.slug, "label": t.label} for t in getattr(page, name).all()]
    organisations = sorted(organisation.name for organisation in live_organisations(page))
    keywords = sorted(tag.name for tag in page.keywords.all())
    return _document(page, facets, organisations, keywords)


def documents_for(pages: Sequence[InitiativePage]) -> list[SearchDocument]:
    """The search documents of saved `pages`, their relations read in one query each.

    The same documents as `document_for` gives one by one (which costs several queries per
    page through modelcluster's relation managers), for indexing in bulk.
    """
    ready = {page.pk: prepared_document(page.pk) for page in pages}
    if all(ready.values()):
        return list(ready.values())
    ids = [page.pk for page in pages]
    # Page.url reads the sites' root paths from the cache for every page unless the page holds
    # them in this attribute (Wagtail's own, as set when a request is passed): one read per
    # batch instead. A renamed attribute would only make this slower again, not wrong.
    root_paths = Site.get_site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths
    terms: dict[str, dict[int, list[dict[str, str]]]] = {}
    for name in InitiativePage.MULTI_VOCABULARY_FIELDS:
        relation = InitiativePage._meta.get_field(name)
        target = relation.related_model._meta.model_name
        rows = (
            relation.remote_field.through.objects.filter(initiativepage_id__in=ids)
            .order_by(f"{target}__sort_order", f"{target}__label")
            .values_list("initiativepage_id", f"{target}__slug", f"{target}__label")
        )
        found = terms[name] = defaultdict(list)
        for pk, slug, label in rows:
            found[pk].append({"slug": slug, "label": label})
    organisations = _names(
        InitiativePage.organisations.through.objects.filter(
            initiativepage_id__in=ids, organisation__live=True
        )
        .order_by("organisation__name")
        .values_list("initiativepage_id", "organisation__name")
    )
    keywords = _names(
        InitiativeKeyword.objects.filter(content_object_id__in=ids)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    )
    return [
        ready[page.pk]
        or _document(
            page,
            {name: terms[name].get(page.pk, []) for name in InitiativePage.MULTI_VOCABULARY_FIELDS},
            organisations.get(page.pk, []),
            keywords.get(page.pk, []),
        )
        for page in pages
    ]


def documents_in(pages: Iterable[InitiativePage]) -> Iterator[SearchDocument]:
    """The search documents of `pages`, built a batch at a time by `documents_for`."""
    for batch in batches(pages, BATCH_SIZE):
        yield from documents_for(batch)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _names(rows) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for pk, name in rows:
        found[pk].append(name)
    return found


def _document(
    page: InitiativePage,
    multi_facets: dict[str, list[dict[str, str]]],
    organisations: list[str],
    keywords: list[str],
) -> SearchDocument:
    facets: dict[str, list[dict[str, str]]] = {}
    for name in InitiativePage.SINGLE_VOCABULARY_FIELDS:
        term = getattr(page, name)
        facets[name] = [{"slug": term.slug, "label": term.label}] if term else []
    facets.update(multi_facets)
    labels = [term["label"] for terms in facets.values() for term in terms]
    extra = "\n".join([page.place, *organisations, *keywords, *labels])
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        summary=page.summary,
        body=plain_body(page),
        extra=extra,
        url=page.url or "",
        facets=facets,
        start_year=page.start_year,
        first_published=page.first_published_at,
        last_published=page.last_published_at,
        keywords=tuple(keywords),
    )
