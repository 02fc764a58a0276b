"""Writing checked rows: each in its own transaction, as a draft or published."""

from __future__ import annotations

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from initiatieven.models import (
    InitiativeIndexPage,
    InitiativePage,
)
from initiatieven.services.importing.checks import Lookups, Plan
from initiatieven.services.importing.report import (
    ImportReport,
    Progress,
    RowAction,
    RowError,
    RowResult,
)
from initiatieven.services.site_tree import ensure_site_tree

SLUG_BASE_LIMIT = 80


class _StrictAbort(Exception):
    pass


def write_plans(
    plans: list[Plan],
    *,
    report: ImportReport,
    lookups: Lookups,
    publish: bool,
    progress: Progress,
) -> None:
    results = {result.row: position for position, result in enumerate(report.rows)}
    if not plans:
        report.written = True
        return
    try:
        with transaction.atomic() if report.strict else nullcontext():
            index = ensure_site_tree()
            for plan in progress(plans, _("Importing")):
                try:
                    with transaction.atomic():
                        page = _write(plan, index=index, lookups=lookups, publish=publish)
                except (DatabaseError, ValidationError) as error:
                    lookups.organisations.row_rolled_back()
                    report.errors.append(
                        RowError(
                            row=plan.row,
                            column="",
                            value="",
                            message=_("could not be saved: %(error)s")
                            % {"error": _error_text(error)},
                        )
                    )
                    report.rows[results[plan.row]] = RowResult(
                        row=plan.row, key=plan.key, action=RowAction.REJECTED
                    )
                    if report.strict:
                        raise _StrictAbort from error
                    continue
                lookups.organisations.row_written()
                report.rows[results[plan.row]] = RowResult(
                    row=plan.row, key=plan.key, action=plan.action, page_id=page.pk
                )
    except _StrictAbort:
        return
    report.written = True
    report.new_organisations = lookups.organisations.created


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
    if publish:
        revision.publish()
    return plan.page or target


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
