"""What an initiative looks like to search: its texts by weight, analysed the Dutch way, and
the vocabulary slugs that facets count. Both engines index exactly this."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from initiatieven.models import InitiativePage
from initiatieven.text import rich_text_to_plain_text
from search import dutch

# How often a field's terms are repeated in the database engine's single text column, so that
# title and summary matches rank above body matches there too (bm25 term frequency).
TITLE_WEIGHT = 3
SUMMARY_WEIGHT = 2
SECTION_FIELDS = ("background", "approach", "results", "lessons")


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

    def terms(self, text: str) -> str:
        return " ".join(dutch.index_terms(text))

    @property
    def title_terms(self) -> str:
        return self.terms(self.title)

    @property
    def summary_terms(self) -> str:
        return self.terms(self.summary)

    @property
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


def plain_body(page: InitiativePage) -> str:
    return "\n\n".join(
        rich_text_to_plain_text(getattr(page, name) or "") for name in SECTION_FIELDS
    ).strip()


def document_for(page: InitiativePage) -> SearchDocument:
    """The search document of one initiative (its current field values)."""
    facets: dict[str, list[dict[str, str]]] = {}
    for name in InitiativePage.SINGLE_VOCABULARY_FIELDS:
        term = getattr(page, name)
        facets[name] = [{"slug": term.slug, "label": term.label}] if term else []
    for name in InitiativePage.MULTI_VOCABULARY_FIELDS:
        facets[name] = [{"slug": t.slug, "label": t.label} for t in getattr(page, name).all()]
    organisations = [organisation.name for organisation in page.organisations.all()]
    keywords = [tag.name for tag in page.keywords.all()]
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
    )
