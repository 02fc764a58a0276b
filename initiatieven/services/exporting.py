"""Export of initiatives to a CSV or XLSX sheet with the import columns (see `spreadsheet`).

Each page is written as its latest revision, so drafts show what an editor last saved and an
export imported again changes nothing. Vocabulary values are written as slugs, sections as plain
text. Pages are read in batches: the number of queries per batch is fixed and rows can be
written (or streamed to a browser) as they are read. `public_initiative_rows` gives what a
visitor may download of any selection of pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taggit.models import Tag
from wagtail.models import Revision

from initiatieven.models import (
    InitiativeKeyword,
    InitiativePage,
    Organisation,
)
from initiatieven.services.spreadsheet import (
    COLUMN_FIELDS,
    NO,
    YES,
    file_type,
    join_values,
    write_sheet,
)
from initiatieven.text import rich_text_to_plain_text

ExportRow = dict[str, str | int | None]

VOCABULARY_FIELDS = InitiativePage.vocabulary_models()
MANY_FIELDS = ("organisations", *InitiativePage.MULTI_VOCABULARY_FIELDS)
SECTION_FIELDS = frozenset({"background", "approach", "results", "lessons"})
TEXT_FIELDS = ("title", "summary", "place", "website", "contact_name", "contact_email")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int


BATCH_SIZE = 500
_PAGE_FIELDS = (
    "pk",
    "key",
    "live",
    "has_unpublished_changes",
    "latest_revision_id",
    "contact_is_public",
    *TEXT_FIELDS,
    *SECTION_FIELDS,
    "province_id",
    "phase_id",
    "start_year",
)


def export_initiatives(
    *, path: Path, published_only: bool = False, private_contacts: bool = False
) -> ExportResult:
    """Write every initiative, ordered by key, to `path` (.csv or .xlsx).

    With `published_only` only live pages are written, with their live content. A contact that
    is not marked public is left out (its `contact_openbaar` is 'nee', so importing the file
    keeps it) unless `private_contacts` is given. Raises
    `spreadsheet.SpreadsheetError` for an unknown extension or a file that cannot be written.
    """
    path = Path(path)
    file_type(path)
    count = 0

    def counted() -> Iterator[ExportRow]:
        nonlocal count
        for row in iter_initiative_rows(
            page_ids=all_initiative_ids(published_only=published_only),
            published_only=published_only,
            private_contacts=private_contacts,
        ):
            count += 1
            yield row

    write_sheet(path=path, rows=counted())
    return ExportResult(path=path, count=count)


def all_initiative_ids(*, published_only: bool = False) -> list[int]:
    """The ids of every initiative (or every live one), ordered by key."""
    pages = InitiativePage.objects.filter(alias_of__isnull=True)
    if published_only:
        pages = pages.live()
    return list(pages.order_by("key", "pk").values_list("pk", flat=True))


def initiative_rows(
    *, published_only: bool = False, private_contacts: bool = False
) -> list[ExportRow]:
    """One row (column -> value) per initiative, ordered by key."""
    return list(
        iter_initiative_rows(
            page_ids=all_initiative_ids(published_only=published_only),
            published_only=published_only,
            private_contacts=private_contacts,
        )
    )


def public_initiative_rows(*, page_ids: Iterable[int]) -> Iterator[ExportRow]:
    """Rows for anyone to download: of the pages in `page_ids` (a selection such as a search
    result, in its order) only the live initiatives every visitor may see, with their published
    content, and their contact person and e-mail address only when marked public."""
    return iter_initiative_rows(page_ids=page_ids, published_only=True, for_public=True)


def iter_initiative_rows(
    *,
    page_ids: Iterable[int],
    published_only: bool = False,
    for_public: bool = False,
    private_contacts: bool = False,
) -> Iterator[ExportRow]:
    """One row per initiative of `page_ids`, in that order, read in batches of BATCH_SIZE: the
    number of queries per batch is fixed and memory does not grow with the number of rows.

    A contact person and address not marked public are left out unless `private_contacts` is
    given (never `for_public`); `contact_openbaar` always says which."""
    private_contacts = private_contacts and not for_public
    terms = None
    for chunk in _chunks(page_ids, BATCH_SIZE):
        if terms is None:
            terms = _terms()
        pages = InitiativePage.objects.filter(alias_of__isnull=True)
        if published_only:
            pages = pages.live()
        if for_public:
            pages = pages.public()
        by_id = pages.filter(pk__in=chunk).only(*_PAGE_FIELDS).in_bulk()
        batch = [by_id[pk] for pk in chunk if pk in by_id]
        sources = _sources(batch, published_only=published_only)
        names = _Names(sources, terms, published_only=published_only)
        for page, source in zip(batch, sources, strict=True):
            if not private_contacts and not source.get("contact_is_public"):
                source = {**source, "contact_name": "", "contact_email": ""}
            yield _row(page.key, source, names)


def _chunks(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    chunk: list[int] = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _sources(pages: list[InitiativePage], *, published_only: bool) -> list[dict[str, Any]]:
    """The stored values of each page: text, primary keys and lists of primary keys.

    A page with unpublished changes is read from its latest revision's content (the form
    `get_latest_revision_as_object()` would build it from), any other page from the database.
    """
    drafts = {
        page.latest_revision_id
        for page in pages
        if not published_only and page.has_unpublished_changes and page.latest_revision_id
    }
    contents = dict(Revision.objects.filter(pk__in=drafts).values_list("pk", "content"))
    live_ids = [page.pk for page in pages if page.latest_revision_id not in contents]
    relations = _live_relations(live_ids)

    sources = []
    for page in pages:
        content = contents.get(page.latest_revision_id) if page.latest_revision_id else None
        if content is not None:
            source = dict(content)
            source["keywords"] = [item.get("tag") for item in content.get("tagged_keywords", [])]
        else:
            source = {name: getattr(page, name) for name in (*TEXT_FIELDS, *SECTION_FIELDS)}
            source.update(
                province=page.province_id,
                phase=page.phase_id,
                start_year=page.start_year,
                contact_is_public=page.contact_is_public,
            )
            source.update({name: relations[name].get(page.pk, []) for name in relations})
        sources.append(source)
    return sources


def _live_relations(page_ids: list[int]) -> dict[str, dict[int, list[int]]]:
    relations: dict[str, dict[int, list[int]]] = {}
    for name in MANY_FIELDS:
        model_field = InitiativePage._meta.get_field(name)
        through = model_field.remote_field.through
        pairs = through.objects.filter(
            **{f"{model_field.m2m_field_name()}_id__in": page_ids}
        ).values_list(
            f"{model_field.m2m_field_name()}_id", f"{model_field.m2m_reverse_field_name()}_id"
        )
        relations[name] = _grouped(pairs)
    relations["keywords"] = _grouped(
        InitiativeKeyword.objects.filter(content_object_id__in=page_ids).values_list(
            "content_object_id", "tag_id"
        )
    )
    return relations


def _grouped(pairs: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for page_id, other_id in pairs:
        grouped[page_id].append(other_id)
    return grouped


Terms = dict[str, dict[int, tuple[int, str]]]


def _terms() -> Terms:
    """Vocabulary field -> {pk: (position, slug)}, each vocabulary in its sort order."""
    return {
        name: {
            term.pk: (position, term.slug)
            for position, term in enumerate(model.objects.for_labels())
        }
        for name, model in VOCABULARY_FIELDS.items()
    }


class _Names:
    """Slugs and names by primary key: the vocabularies given, organisations and keywords of
    one batch loaded once."""

    def __init__(
        self, sources: list[dict[str, Any]], terms: Terms, *, published_only: bool = False
    ) -> None:
        self.terms = terms
        organisation_ids = {pk for source in sources for pk in source.get("organisations") or []}
        organisations = Organisation.objects.filter(pk__in=organisation_ids)
        if published_only:
            # A Bijdrager's new organisation is not published before review; a full export
            # (the editors' round trip) keeps it.
            organisations = organisations.filter(live=True)
        self.organisations = dict(organisations.values_list("pk", "name"))
        tag_ids = {pk for source in sources for pk in source.get("keywords") or []}
        self.tags = dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name"))

    def term(self, name: str, pk: int | None) -> str:
        found = self.terms[name].get(pk)
        return found[1] if found else ""

    def terms_of(self, name: str, pks: Iterable[int]) -> str:
        found = sorted(self.terms[name][pk] for pk in set(pks) if pk in self.terms[name])
        return join_values(slug for _position, slug in found)

    def names_of(self, names: dict[int, str], pks: Iterable[int]) -> str:
        found = {names[pk] for pk in pks if pk in names}
        return join_values(sorted(found, key=lambda value: (value.casefold(), value)))


def _row(key: str, source: dict[str, Any], names: _Names) -> ExportRow:
    values: dict[str, str | int | None] = {}
    for name in TEXT_FIELDS:
        values[name] = source.get(name) or ""
    for name in SECTION_FIELDS:
        values[name] = rich_text_to_plain_text(source.get(name) or "")
    for name in ("province", "phase"):
        values[name] = names.term(name, source.get(name))
    for name in ("sectors", "education_levels", "target_groups", "themes"):
        values[name] = names.terms_of(name, source.get(name) or [])
    values["organisations"] = names.names_of(names.organisations, source.get("organisations") or [])
    values["keywords"] = names.names_of(names.tags, source.get("keywords") or [])
    start_year = source.get("start_year")
    values["start_year"] = int(start_year) if start_year not in (None, "") else None
    values["key"] = key
    values["contact_is_public"] = YES if source.get("contact_is_public") else NO
    return {column: values[name] for column, name in COLUMN_FIELDS.items()}
