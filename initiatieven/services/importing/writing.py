"""Writing checked rows, a chunk per transaction (each row in a savepoint of its own), as drafts
or published."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, published

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
        together (`signals.batch_write`). When what is written for the chunk as a whole fails,
        the chunk is rolled back and each of its rows reported."""
        if not plans:
            return
        if self._index is None:
            self._index = ensure_site_tree()
        checkpoint = self.lookups.organisations.checkpoint()
        try:
            self._write_chunk(plans)
        except DatabaseError as error:
            self.lookups.organisations.roll_back_to(checkpoint)
            for position, plan in plans:
                if self.report.rows[position].action != RowAction.REJECTED:
                    self._reject(position, plan, error)

    def _write_chunk(self, plans: list[tuple[int, Plan]]) -> None:
        report = self.report
        with transaction.atomic(), batch_write() as (written, published):
            new_pages = NewPages(index_id=self._index.pk, publish=self.publish)
            for position, plan in plans:
                if report.strict and report.errors:
                    break
                try:
                    with transaction.atomic():
                        _set_relations(plan, lookups=self.lookups)
                        if plan.page is None:
                            page = new_pages.add(plan.target, links=plan.links)
                        else:
                            page, aliases = _update(plan, publish=self.publish)
                            written.update(aliases)
                except (DatabaseError, ValidationError) as error:
                    self.lookups.organisations.row_rolled_back()
                    self._reject(position, plan, error)
                    continue
                self.lookups.organisations.row_written()
                written.add(page.pk)
                if self.publish:
                    published.add(page.pk)
                report.rows[position] = RowResult(
                    row=plan.row, key=plan.key, action=plan.action, page_id=page.pk
                )
            stored = new_pages.finish()
            # Wagtail's reference index once per page, as the chunk left it, not on every save.
            for page in [*stored, *_with_relations(written - {page.pk for page in stored})]:
                ReferenceIndex.create_or_update_for_object(page)

    def _reject(self, position: int, plan: Plan, error: Exception) -> None:
        self.report.errors.append(
            RowError(
                row=plan.row,
                column="",
                value="",
                message=_("could not be saved: %(error)s") % {"error": _error_text(error)},
            )
        )
        self.report.rows[position] = RowResult(
            row=plan.row, key=plan.key, action=RowAction.REJECTED
        )


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error).splitlines()[0] if str(error) else error.__class__.__name__


def _set_relations(plan: Plan, *, lookups: Lookups) -> None:
    target = plan.target
    if plan.organisations is not None:
        organisations = [lookups.organisations.get_or_create(name) for name in plan.organisations]
        if plan.page is None:
            plan.links["organisations"] = organisations
        else:
            target.organisations.set(organisations)
    if plan.keywords is not None:
        target.keywords.set(plan.keywords)


def _update(plan: Plan, *, publish: bool) -> tuple[InitiativePage, list[int]]:
    """A known page: a new revision when the row changes it, published as Wagtail does. Also
    the ids of its aliases, which publishing changed too (their own saves are left unindexed
    inside the batch)."""
    target = plan.target
    with disable_reference_index_auto_update():
        if plan.content_changed:
            revision = target.save_revision(clean=False, log_action=True)
        else:
            # Nothing new in the sheet, but --publish asks for the latest revision to be live.
            revision = plan.page.latest_revision or target.save_revision(clean=False)
        if publish:
            revision.publish()
            return plan.page, list(
                InitiativePage.objects.filter(alias_of=plan.page).values_list("pk", flat=True)
            )
    return plan.page, []


class NewPages:
    """The new initiatives of one chunk: each page is inserted once, in its final state, and
    what Wagtail would add one save at a time (the first revision, the tree count, the log
    entries "created" and "published", the publish signals) is written for the chunk at once.

    The result is what `index.add_child()`, `save_revision()` and `publish()` leave: the tree
    path after the last child (the index row locked meanwhile, as treebeard does), one revision
    that is the latest and, when published, the live one.
    """

    def __init__(self, *, index_id: int, publish: bool) -> None:
        # Read again in every chunk, locked as treebeard does: an editor may have moved it.
        self.index = index = InitiativeIndexPage.objects.select_for_update().get(pk=index_id)
        self.publish = publish
        self.now = timezone.now()
        self.depth = index.depth + 1
        self.pages: list[InitiativePage] = []
        # Many-to-many field name -> rows of its table, for all new pages.
        self._links: dict[str, list] = {}
        last = (
            Page.objects.filter(path__startswith=index.path, depth=self.depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self._next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1

    def add(self, page: InitiativePage, *, links: dict[str, list]) -> InitiativePage:
        """Insert this new page with its relations (in the caller's savepoint); `links`, many-to-
        many field name -> objects, are written with those of the other new pages."""
        page.slug = _free_slug(self.index, page)
        page.depth = self.depth
        page.path = Page._get_path(self.index.path, self.depth, self._next_step)
        if len(page.path) != len(self.index.path) + Page.steplen:
            raise ValidationError(_("The initiatives page holds as many pages as it can."))
        self._next_step += 1
        page.numchild = 0
        # `Page.save()` builds the URL path from the parent, which is known.
        page._cached_parent_obj = self.index
        page.locale_id = self.index.locale_id
        page.draft_title = page.title
        page.latest_revision_created_at = self.now
        page.live = self.publish
        page.has_unpublished_changes = not self.publish
        if self.publish:
            page.first_published_at = page.last_published_at = self.now
        with disable_reference_index_auto_update():
            # Checked in full when the row was planned.
            page.save(clean=False, log_action=None)
        self.pages.append(page)
        for name, objects in links.items():
            field = InitiativePage._meta.get_field(name)
            self._links.setdefault(name, []).extend(
                field.remote_field.through(
                    **{
                        f"{field.m2m_field_name()}_id": page.pk,
                        f"{field.m2m_reverse_field_name()}_id": obj.pk,
                    }
                )
                for obj in objects
            )
        return page

    def finish(self) -> list[InitiativePage]:
        """The revisions, the tree count, the log entries and the publish signals of the pages
        added. Returns them as stored, read back with their relations."""
        if not self.pages:
            return []
        for name, rows in self._links.items():
            InitiativePage._meta.get_field(name).remote_field.through.objects.bulk_create(rows)
        content_type = ContentType.objects.get_for_model(InitiativePage)
        base_content_type = ContentType.objects.get_for_model(Page)
        # Saving let go of the relations in memory: read back for all pages at once.
        stored = {page.pk: page for page in _with_relations(page.pk for page in self.pages)}
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=self.now,
                content=stored[page.pk].serializable_data(),
                object_str=str(page),
            )
            for page in self.pages
        )
        for page, revision in zip(self.pages, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = revision if self.publish else None
        InitiativePage.objects.bulk_update(self.pages, ["latest_revision", "live_revision"])
        Page.objects.filter(pk=self.index.pk).update(numchild=F("numchild") + len(self.pages))
        self.index.numchild += len(self.pages)
        self._log(revisions)
        if self.publish:
            for page, revision in zip(self.pages, revisions, strict=True):
                page_published.send(sender=InitiativePage, instance=page, revision=revision)
                published.send(sender=InitiativePage, instance=page, revision=revision)
        return list(stored.values())

    def _log(self, revisions: list[Revision]) -> None:
        context = get_active_log_context()
        actions = ["wagtail.create", *(["wagtail.publish"] if self.publish else [])]
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                label=page.get_admin_display_title(),
                action=action,
                timestamp=self.now,
                data={},
                user=context.user,
                uuid=context.uuid,
                revision=revision,
                content_changed=True,
                page=page,
            )
            for page, revision in zip(self.pages, revisions, strict=True)
            for action in actions
        )


def _with_relations(page_ids: Iterable[int]) -> QuerySet[InitiativePage]:
    """These pages with every relation a revision or the reference index reads."""
    relations = [
        relation.get_accessor_name() for relation in get_all_child_relations(InitiativePage)
    ]
    relations += [field.name for field in get_all_child_m2m_relations(InitiativePage)]
    return InitiativePage.objects.filter(pk__in=list(page_ids)).prefetch_related(*relations)


def _free_slug(index: InitiativeIndexPage, page: InitiativePage) -> str:
    base = (
        slugify(page.title)[:SLUG_BASE_LIMIT].strip("-")
        or slugify(page.key)[:SLUG_BASE_LIMIT].strip("-")
        or "initiatief"
    )
    taken = set(
        Page.objects.filter(
            path__startswith=index.path, depth=index.depth + 1, slug__startswith=base
        ).values_list("slug", flat=True)
    )
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate
