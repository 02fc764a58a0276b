"""Writing checked rows, a chunk per transaction (each row in a savepoint of its own), as drafts
or published."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from initiatieven.models import (
    InitiativeIndexPage,
    InitiativePage,
)
from initiatieven.services.importing.checks import Lookups, Plan
from initiatieven.services.importing.report import (
    ImportReport,
    RowAction,
    RowError,
    RowResult,
)
from initiatieven.services.site_tree import ensure_site_tree
from initiatieven.signals import batch_write

SLUG_BASE_LIMIT = 80
T = TypeVar("T")


# Rows written in one transaction, their index entries made together at its end: large enough
# that per-transaction and per-batch costs fade, small enough to keep memory flat.
CHUNK_ROWS = 100


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class ChunkWriter:
    """Writes the checked rows of one chunk at a time, each chunk in one transaction."""

    def __init__(self, *, report: ImportReport, lookups: Lookups, publish: bool) -> None:
        self.report = report
        self.lookups = lookups
        self.publish = publish
        self._index: InitiativeIndexPage | None = None

    def write(self, plans: list[tuple[int, Plan]]) -> None:
        """Write these plans (with their place in the report): a row that fails is rolled back
        alone and reported; the chunk's pages, revisions, relations and index entries commit
        together (`signals.batch_write`)."""
        if not plans:
            return
        if self._index is None:
            self._index = ensure_site_tree()
        report = self.report
        with transaction.atomic(), batch_write() as (written, published):
            for position, plan in plans:
                if report.strict and report.errors:
                    break
                try:
                    with transaction.atomic():
                        page = _write(
                            plan, index=self._index, lookups=self.lookups, publish=self.publish
                        )
                except (DatabaseError, ValidationError) as error:
                    self.lookups.organisations.row_rolled_back()
                    report.errors.append(
                        RowError(
                            row=plan.row,
                            column="",
                            value="",
                            message=_("could not be saved: %(error)s")
                            % {"error": _error_text(error)},
                        )
                    )
                    report.rows[position] = RowResult(
                        row=plan.row, key=plan.key, action=RowAction.REJECTED
                    )
                    continue
                self.lookups.organisations.row_written()
                written.add(page.pk)
                if self.publish:
                    published.add(page.pk)
                report.rows[position] = RowResult(
                    row=plan.row, key=plan.key, action=plan.action, page_id=page.pk
                )
            # Wagtail's reference index once per page, as the chunk left it, not on every save.
            for page in InitiativePage.objects.filter(pk__in=written):
                ReferenceIndex.create_or_update_for_object(page)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error).splitlines()[0] if str(error) else error.__class__.__name__


def _write(
    plan: Plan, *, index: InitiativeIndexPage, lookups: Lookups, publish: bool
) -> InitiativePage:
    target = plan.target
    if plan.organisations is not None:
        target.organisations.set(
            [lookups.organisations.get_or_create(name) for name in plan.organisations]
        )
    if plan.keywords is not None:
        target.keywords.set(plan.keywords)

    with disable_reference_index_auto_update():
        revision = _save(plan, target, index=index)
        if publish:
            revision.publish()
    return plan.page or target


def _save(plan: Plan, target: InitiativePage, *, index: InitiativeIndexPage) -> Revision:
    if plan.page is None:
        target.slug = _free_slug(index, target)
        index.add_child(instance=target)
        # Checked in full before: a draft, like in the admin, needs only a title.
        revision = target.save_revision(clean=False)
        log(instance=target, action="wagtail.create", revision=revision, content_changed=True)
    elif plan.content_changed:
        revision = target.save_revision(clean=False, log_action=True)
    else:
        # Nothing new in the sheet, but --publish asks for the latest revision to be live.
        revision = plan.page.latest_revision or target.save_revision(clean=False)
    return revision


def _free_slug(index: InitiativeIndexPage, page: InitiativePage) -> str:
    base = (
        slugify(page.title)[:SLUG_BASE_LIMIT].strip("-")
        or slugify(page.key)[:SLUG_BASE_LIMIT].strip("-")
        or "initiatief"
    )
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate
